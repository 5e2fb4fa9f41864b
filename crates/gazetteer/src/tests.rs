use super::*;

fn find(text: &str, lang: &str, date: Option<&str>) -> Vec<Entity> {
    let d = date.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    Gazetteer::global().find(text, &tokenize(text), lang, d)
}

fn locs(text: &str, lang: &str, date: Option<&str>) -> Vec<(String, Referent)> {
    find(text, lang, date)
        .into_iter()
        .filter(|e| matches!(e.label, Label::Loc | Label::Norp))
        .map(|e| (e.span.slice(text).to_string(), e.referent))
        .collect()
}

fn roles(text: &str, lang: &str) -> Vec<(String, String, Option<String>, Option<String>)> {
    find(text, lang, None)
        .into_iter()
        .filter_map(|e| match e.referent {
            Referent::Role { role, country, region } => Some((e.span.slice(text).to_string(), role, country, region)),
            _ => None,
        })
        .collect()
}

fn region(code: &str) -> Referent {
    Referent::KzRegion { code: code.into() }
}
fn country(code: &str) -> Referent {
    Referent::Country { code: code.into() }
}
fn foreign(name: &str, c: &str) -> Referent {
    Referent::ForeignRegion { name: name.into(), country: c.into() }
}
fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn tables_load() {
    let g = Gazetteer::load(None).expect("tables parse");
    assert!(g.locs.len() > 2000, "{} names", g.locs.len());
    assert!(g.roles.len() > 150);
    assert!(g.sectors.entries.len() > 300);
    assert!(g.triggers.entries.len() > 50);
    assert!(g.agreements.entries.len() > 15);
}

#[test]
fn no_conflicting_names() {
    // The same name (as folded words) must not point at two referents in the
    // same period; duplicates pointing at the same referent are harmless but
    // flagged within one table.
    let g = Gazetteer::global();
    type Key = (String, Option<NaiveDate>, Option<NaiveDate>);
    let mut seen: HashMap<Key, (&LocRef, &'static str)> = HashMap::default();
    let mut conflicts = Vec::new();
    for e in &g.locs {
        let key: Vec<&str> = e.phrase.words.iter().map(|w| w.folded.as_str()).collect();
        let k = (key.join(" "), e.from, e.to);
        match seen.get(&k) {
            Some((t, _)) if *t != &e.target => conflicts.push(format!("{} -> {:?} / {:?}", k.0, t, e.target)),
            Some(_) => {}
            None => {
                seen.insert(k, (&e.target, e.source));
            }
        }
    }
    assert!(conflicts.is_empty(), "conflicts: {conflicts:#?}");
}

#[test]
fn no_duplicate_rows() {
    for (name, src) in [
        ("regions.tsv", tables::REGIONS),
        ("places.tsv", tables::PLACES),
        ("countries.tsv", tables::COUNTRIES),
        ("demonyms.tsv", tables::DEMONYMS),
        ("foreign_regions.tsv", tables::FOREIGN_REGIONS),
        ("roles.tsv", tables::ROLES),
        ("sectors.tsv", tables::SECTORS),
        ("triggers.tsv", tables::TRIGGERS),
        ("agreements.tsv", tables::AGREEMENTS),
    ] {
        let t = Table::parse(name, src).expect("parses");
        let mut rows = HashSet::default();
        for (line, r) in &t.rows {
            assert!(rows.insert(r.join("\t")), "{name}:{line} duplicate row");
        }
    }
    let t = Table::parse("countries.tsv", tables::COUNTRIES).expect("parses");
    let mut codes = HashSet::default();
    for (line, r) in &t.rows {
        assert!(codes.insert(r[0]), "countries.tsv:{line} duplicate code {}", r[0]);
    }
    let t = Table::parse("demonyms.tsv", tables::DEMONYMS).expect("parses");
    let mut codes = HashSet::default();
    for (line, r) in &t.rows {
        assert!(codes.insert(r[0]), "demonyms.tsv:{line} duplicate code {}", r[0]);
    }
    assert!(codes.len() >= 80, "{} demonym rows", codes.len());
}

#[test]
fn twenty_regions() {
    let g = Gazetteer::global();
    let codes: HashSet<&str> = g
        .locs
        .iter()
        .filter_map(|e| match &e.target {
            LocRef::KzRegion(c) => Some(c.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(codes.len(), 20, "{codes:?}");
}

#[test]
fn russian_regions_and_roles() {
    let t = "Аким ВКО Ермек Кошербаев встретился с послом Федеративной республики Германия в РК.";
    let l = locs(t, "ru", None);
    assert!(l.contains(&("ВКО".into(), region("KZ-63"))), "{l:?}");
    assert!(l.contains(&("Федеративной республики Германия".into(), country("DE"))), "{l:?}");
    let r = roles(t, "ru");
    assert!(r.contains(&("Аким ВКО".into(), "akim".into(), s("KZ"), s("KZ-63"))), "{r:?}");
    assert!(r.iter().any(|x| x.1 == "ambassador" && x.2 == s("DE")), "{r:?}");

    let t = "делегация Западно-Казахстанской области во главе с заместителем акима ВКО";
    let l = locs(t, "ru", None);
    assert!(l.contains(&("Западно-Казахстанской области".into(), region("KZ-27"))), "{l:?}");
    let r = roles(t, "ru");
    assert!(r.contains(&("заместителем акима ВКО".into(), "deputy_akim".into(), s("KZ"), s("KZ-63"))), "{r:?}");

    let t = "Губернатор Челябинской области Алексей Текслер";
    let r = roles(t, "ru");
    assert!(
        r.contains(&("Губернатор Челябинской области".into(), "governor".into(), s("RU"), s("Chelyabinsk Oblast"))),
        "{r:?}"
    );
    // a deputy governor: of a Kazakh region its deputy akim, of a foreign one an official
    let t = "Deputy Governor of the Kostanay region Meirzhan Myrzaliyev";
    let r = roles(t, "en");
    assert!(r.iter().any(|x| x.1 == "deputy_akim" && x.3 == s("KZ-39")), "{r:?}");
    let t = "заместителем губернатора Тюменской области Сергеем Дегтярем";
    let r = roles(t, "ru");
    assert!(r.iter().any(|x| x.1 == "official" && x.2 == s("RU")), "{r:?}");
    // a word spelt as one entry is not another entry's stem: түрік (Turkish), түрікмен (Turkmen)
    let l = locs("Ұсынысты түрік компаниясы білдірді. Түрікмен делегациясы келді.", "kk", None);
    assert!(l.iter().any(|x| x.0 == "түрік" && x.1 == country("TR")), "{l:?}");
    assert!(l.iter().any(|x| x.0 == "Түрікмен" && x.1 == country("TM")), "{l:?}");
    // a shorter word sharing a stem is no form of a name: Шара (an event) is not Шардара
    let l = locs("Шара барысында облыс әкімі сөйледі. Шардарада болды.", "kk", None);
    assert_eq!(l, vec![("Шардарада".into(), Referent::KzPlace { region: "KZ-61".into() })], "{l:?}");
    let t = "встреча с департаментом торговли провинции Шаньдун";
    assert!(locs(t, "ru", None).contains(&("провинции Шаньдун".into(), foreign("Shandong", "CN"))));
    let t = "Посол Канады посетил Усть-Каменогорск и Оренбуржье";
    let r = roles(t, "ru");
    assert!(r.iter().any(|x| x.1 == "ambassador" && x.2 == s("CA")), "{r:?}");
    let l = locs(t, "ru", None);
    assert!(l.contains(&("Усть-Каменогорск".into(), Referent::KzPlace { region: "KZ-63".into() })), "{l:?}");
    assert!(l.contains(&("Оренбуржье".into(), foreign("Orenburg Oblast", "RU"))), "{l:?}");
    let t = "немецкие компании и японский посол";
    let r = roles(t, "ru");
    assert!(r.iter().any(|x| x.1 == "ambassador" && x.2 == s("JP")), "{r:?}");
    assert!(locs(t, "ru", None).contains(&("немецкие".into(), country("DE"))));
    let t = "товарооборот между Гомельской и Павлодарской областями";
    let l = locs(t, "ru", None);
    assert!(l.contains(&("Гомельской".into(), foreign("Gomel Region", "BY"))), "{l:?}");
    assert!(l.contains(&("Павлодарской областями".into(), region("KZ-55"))), "{l:?}");
    let l = locs("Павлодар және Омбы облыстары", "kk", None);
    assert!(l.contains(&("Павлодар".into(), region("KZ-55"))), "{l:?}");
    // a lower-case common word is not a country
    assert!(locs("для того чтобы", "ru", None).is_empty());
}

#[test]
fn kazakh_regions_and_roles() {
    let t = "Шығыс Қазақстан облысының әкімі Ермек Көшербаев";
    let r = roles(t, "kk");
    assert!(r.contains(&("Шығыс Қазақстан облысының әкімі".into(), "akim".into(), s("KZ"), s("KZ-63"))), "{r:?}");
    let t = "ШҚО мен Германия арасындағы ынтымақтастық";
    let l = locs(t, "kk", None);
    assert!(l.contains(&("ШҚО".into(), region("KZ-63"))), "{l:?}");
    assert!(l.contains(&("Германия".into(), country("DE"))), "{l:?}");
    let t = "Ақтөбе облысының Германиямен сауда айналымы";
    let l = locs(t, "kk", None);
    assert!(l.contains(&("Ақтөбе облысының".into(), region("KZ-15"))), "{l:?}");
    assert!(l.contains(&("Германиямен".into(), country("DE"))), "{l:?}");
    let r = roles("облыс әкімі Асхат Шахаров", "kk");
    assert_eq!(r.first().map(|x| x.1.as_str()), Some("akim"), "{r:?}");
    let t = "Жапонияның Қазақстан Республикасындағы Төтенше және өкілетті елшісі";
    let r = roles(t, "kk");
    assert!(r.iter().any(|x| x.1 == "ambassador" && x.2 == s("JP")), "{r:?}");
    let t = "ШҚО-ның Ресеймен және ҚХР-мен байланысы";
    let l = locs(t, "kk", None);
    assert!(l.contains(&("ШҚО-ның".into(), region("KZ-63"))), "{l:?}");
    assert!(l.contains(&("Ресеймен".into(), country("RU"))), "{l:?}");
    assert!(l.contains(&("ҚХР-мен".into(), country("CN"))), "{l:?}");
}

#[test]
fn english_regions_and_roles() {
    let t = "The Akim of the Atyrau Region met the Ambassador of Italy to Kazakhstan.";
    let r = roles(t, "en");
    assert!(r.iter().any(|x| x.1 == "akim" && x.3 == s("KZ-23")), "{r:?}");
    assert!(r.iter().any(|x| x.1 == "ambassador" && x.2 == s("IT")), "{r:?}");
    let t = "Germany's ambassador and a Chinese delegation from Xinjiang visited Semey.";
    let l = locs(t, "en", None);
    assert!(l.contains(&("Germany's".into(), country("DE"))), "{l:?}");
    assert!(l.contains(&("Chinese".into(), country("CN"))), "{l:?}");
    assert!(l.contains(&("Xinjiang".into(), foreign("Xinjiang", "CN"))), "{l:?}");
    // the US but not "us"
    assert!(locs("They told us about the US market", "en", None) == vec![("US".into(), country("US"))]);
}

#[test]
fn places_follow_the_2022_division() {
    let t = "Делегация прибыла в Семей.";
    let place = |d: Option<&str>| locs(t, "ru", d).into_iter().find(|(w, _)| w == "Семей").map(|(_, r)| r);
    assert_eq!(place(Some("2019-05-01")), Some(Referent::KzPlace { region: "KZ-63".into() }));
    assert_eq!(place(Some("2023-05-01")), Some(Referent::KzPlace { region: "KZ-10".into() }));
    assert_eq!(place(None), Some(Referent::KzPlace { region: "KZ-10".into() }));
    let t = "Taldykorgan and Zhezkazgan";
    let l = locs(t, "en", Some("2020-01-01"));
    assert_eq!(
        l.iter().map(|x| x.1.clone()).collect::<Vec<_>>(),
        vec![Referent::KzPlace { region: "KZ-19".into() }, Referent::KzPlace { region: "KZ-35".into() }]
    );
    // «аким Уральска» is a town akim: regional_official of West Kazakhstan
    let r = roles("аким Уральска Мухамбет Муканов", "ru");
    assert_eq!(r.first().map(|x| (x.1.as_str(), x.3.clone())), Some(("regional_official", s("KZ-27"))), "{r:?}");
    // Nur-Sultan is Astana
    assert_eq!(locs("в Нур-Султане", "ru", None), vec![("Нур-Султане".into(), region("KZ-71"))]);
}

#[test]
fn stems_for_triggers_sectors_agreements() {
    let g = Gazetteer::global();
    let t = "Стороны подписали меморандум о сотрудничестве в сфере горнодобывающей промышленности и туризма.";
    let toks = tokenize(t);
    let tr = g.triggers(t, &toks, "ru");
    assert!(tr.iter().any(|(_, k)| *k == "agreement"), "{tr:?}");
    let se: Vec<&str> = g.sectors(t, &toks, "ru").into_iter().map(|x| x.1).collect();
    assert!(se.contains(&"mining") && se.contains(&"tourism"), "{se:?}");
    let ag = g.agreements(t, &toks, "ru");
    assert_eq!(ag.first().map(|x| (x.0.slice(t), x.1)), Some(("меморандум о сотрудничестве", "memorandum")));
    let t = "Тараптар ауыл шаруашылығы саласындағы меморандумға қол қойды. Кездесу барысында";
    let toks = tokenize(t);
    let tr: Vec<&str> = g.triggers(t, &toks, "kk").into_iter().map(|x| x.1).collect();
    assert!(tr.contains(&"agreement") && tr.contains(&"meeting"), "{tr:?}");
    assert!(g.sectors(t, &toks, "kk").iter().any(|x| x.1 == "agriculture"));
    // a planned signing and an agreement reached are signings too
    for (t, lang) in [
        ("Главы регионов намерены подписать соглашение.", "ru"),
        ("As a result of the meeting, an agreement was reached on a project.", "en"),
    ] {
        let tr: Vec<&str> = g.triggers(t, &tokenize(t), lang).into_iter().map(|x| x.1).collect();
        assert!(tr.contains(&"agreement"), "{t}: {tr:?}");
    }
    let t = "They met and discussed IT and it was fine";
    let toks = tokenize(t);
    let se = g.sectors(t, &toks, "en");
    assert_eq!(se.iter().filter(|x| x.1 == "innovation").count(), 1, "{se:?}");
}

#[test]
fn heads_are_found_among_a_words_folded_prefixes() {
    let (mut places, mut roles) = (KeyIndex::default(), KeyIndex::default());
    places.all.add("шымкент");
    places.all.add("семей");
    places.lower.add("семей");
    roles.all.add("министр");
    roles.lower.add("министр");
    let h =
        AllHeads::of([(Which::Loc, &mut places), (Which::Role, &mut roles), (Which::Org, &mut KeyIndex::default())]);
    let (loc, role) = (1 << Which::Loc as u8, 1 << Which::Role as u8);
    assert_eq!(h.passes("Шымкентте", None), loc);
    assert_eq!(h.passes("ШЫМКЕНТ", None), loc);
    assert_eq!(h.passes("Шымке", None), 0, "a prefix of a head is no head");
    // a key ending in «й» also heads its forms without it (Семея)
    assert_eq!(h.passes("Семея", None), loc);
    assert_eq!(h.passes("Семёй", None), loc, "ё folds to е");
    assert_eq!(h.passes("Астана", None), 0);
    // a lower-case word is tested against the heads that allow one
    assert_eq!(h.passes("шымкентте", None), 0);
    assert_eq!(h.passes("семея", None), loc);
    assert_eq!(h.passes("министром", None), role);
    // or its lemma
    assert_eq!(h.passes("Чимкента", Some("шымкент")), loc);
}

#[test]
fn a_lower_case_word_begins_no_lone_capitalised_name() {
    let found = |t: &str| find(t, "ru", None).into_iter().map(|e| e.span.slice(t).to_owned()).collect::<Vec<_>>();
    assert!(found("Он приехал в Шымкент.").contains(&"Шымкент".to_owned()));
    assert!(!found("он приехал в шымкент.").iter().any(|s| s == "шымкент"));
    // a title of lower-case words is found in lower case
    assert!(!found("Встреча с послом Германии.").is_empty());
}

/// Lemmatises one made-up word to a country's name, and nothing else.
struct Made;
impl Lemmatizer for Made {
    fn lemma(&self, word: &str, _lang: &str) -> Option<String> {
        (word == "Германиятур").then(|| "германия".to_string())
    }
}

#[test]
fn word_cache_keeps_each_gazetteers_keys_and_documents_alike() {
    let text = "Делегация Германиятур прибыла в Астану.";
    let tokens = tokenize(text);
    let germany = |es: &[Entity]| es.iter().any(|e| e.referent == country("DE"));
    let made = Gazetteer::load(Some(Box::new(Made))).unwrap();
    let plain = Gazetteer::load(None).unwrap();
    // on one thread, one after the other: each reads the word its own way
    let first = made.find(text, &tokens, "ru", None);
    assert!(germany(&first), "{first:?}");
    let other = plain.find(text, &tokens, "ru", None);
    assert!(!germany(&other), "{other:?}");
    let again = made.find(text, &tokens, "ru", None);
    assert_eq!(format!("{first:?}"), format!("{again:?}"));
    // the cached words of a document read as in a fresh one
    let g = Gazetteer::global();
    let t2 = "Посол Германии встретился с акимом Карагандинской области. Посол Германии уехал.";
    let once = g.find(t2, &tokenize(t2), "ru", None);
    assert_eq!(format!("{once:?}"), format!("{:?}", g.find(t2, &tokenize(t2), "ru", None)));
    assert_eq!(once.iter().filter(|e| e.referent == country("DE")).count(), 2, "{once:?}");
}
