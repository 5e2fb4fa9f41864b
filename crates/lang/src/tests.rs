use super::*;

fn check(text: &str, code: &str, script: Script) {
    let i = identify(text);
    assert_eq!((i.code.as_str(), i.script), (code, script), "{text}: {i:?} {:?}", scores(text));
    assert!(i.confidence > 0.5 && i.confidence <= 1.0, "{text}: {i:?}");
}

#[test]
fn russian() {
    check(
        "Глава региона провёл рабочую встречу с делегацией из Китая и обсудил вопросы торговли.",
        "ru",
        Script::Cyrillic,
    );
    check("Вчера в городе шёл сильный дождь, и мы остались дома.", "ru", Script::Cyrillic);
    check("Подписано соглашение о строительстве завода.", "ru", Script::Cyrillic);
}

#[test]
fn ukrainian() {
    check("Голова громади провів зустріч із представниками бізнесу щодо відновлення мосту.", "uk", Script::Cyrillic);
    check("Її брат сказав, що вони приїдуть у неділю ввечері.", "uk", Script::Cyrillic);
}

#[test]
fn english() {
    check("The mayor signed a sister-city agreement with the delegation from Xinjiang.", "en", Script::Latin);
    check("Back to top", "en", Script::Latin);
}

#[test]
fn kazakh_cyrillic() {
    check("Облыс әкімі Қытай делегациясымен кездесіп, сауда мәселелерін талқылады.", "kk", Script::Cyrillic);
    check("Ертең кешке ауылға барамыз.", "kk", Script::Cyrillic);
    check("Жиында жаңа зауыт салу туралы келісімге қол қойылды.", "kk", Script::Cyrillic);
}

#[test]
fn kazakh_latin_both_alphabets() {
    check("Oblys ákimi Qytaı delegatsııasymen kezdesip, saýda máselelerin talqylady.", "kk", Script::Latin);
    check("Qazaqstan men Qyrǵyzstan arasyndaǵy yntymaqtastyq jáne saýda bolyp tabylady.", "kk", Script::Latin);
    check("Oblıs äkimi Qıtay delegaciyasımen kezdesip, saūda mäselelerin talqıladı.", "kk", Script::Latin);
    check("Jiında jaña zaūıt salū tūralı kelisimge qol qoyıldı.", "kk", Script::Latin);
}

#[test]
fn kyrgyz() {
    check(
        "Облустун губернатору Кытайдын делегациясы менен жолугуп, соода маселелерин талкуулады.",
        "ky",
        Script::Cyrillic,
    );
    check("Эртең кечинде айылга барабыз жана ал жерде бир жума болобуз.", "ky", Script::Cyrillic);
}

#[test]
fn tatar() {
    check("Өлкә башлыгы Кытай делегациясе белән очрашып, сәүдә мәсьәләләрен тикшерде.", "tt", Script::Cyrillic);
    check("Иртәгә кичен авылга кайтабыз һәм анда бер атна булабыз.", "tt", Script::Cyrillic);
}

#[test]
fn uzbek_both_scripts() {
    check(
        "Viloyat hokimi Xitoy delegatsiyasi bilan uchrashib, savdo masalalarini muhokama qildi.",
        "uz",
        Script::Latin,
    );
    check("Ertaga kechqurun qishloqqa boramiz va u yerda bir hafta boʻlamiz.", "uz", Script::Latin);
    check("Вилоят ҳокими Хитой делегацияси билан учрашиб, савдо масалаларини муҳокама қилди.", "uz", Script::Cyrillic);
    check("Эртага кечқурун қишлоққа борамиз ва у ерда бир ҳафта бўламиз.", "uz", Script::Cyrillic);
}

#[test]
fn turkish() {
    check("Vali, Çin heyetiyle görüşerek ticaret konularını değerlendirdi.", "tr", Script::Latin);
    check("Yarın akşam köye gidiyoruz ve orada bir hafta kalacağız.", "tr", Script::Latin);
}

#[test]
fn undetermined() {
    for t in ["", "   \n\n ", "12:30 15.06.2024", "+7 (727) 123-45-67", "— • —", "北京欢迎你"] {
        let i = identify(t);
        assert_eq!(i.code, "und", "{t:?}: {i:?}");
        assert_eq!(i.confidence, 0.0);
    }
    assert_eq!(identify("北京欢迎你").script, Script::Other);
    assert_eq!(identify("مرحبا بكم في أستانا").script, Script::Arabic);
}

#[test]
fn proportions_not_single_letters() {
    // A Kazakh paragraph quoting Russian names and a Russian one quoting Kazakh words.
    check(
        "Кездесуге Ресей Федерациясының Омбы облысының губернаторы Виталий Хоценко және Омск городской совет депутаттары қатысты. Тараптар ынтымақтастықты дамыту жолдарын талқылады.",
        "kk",
        Script::Cyrillic,
    );
    check(
        "На празднике Наурыз гостей угощали наурыз-көже и бауырсаками, а аким пожелал всем «Мерекелеріңіз құтты болсын!». Праздник продолжился концертом на центральной площади города.",
        "ru",
        Script::Cyrillic,
    );
    // An English page with a Cyrillic channel name in its header.
    check(
        "Qazaq TV Телерадиокомпания Президента Казахстана\nKazakhstan and China signed agreements on sister city relations between their regions, the press service reported on Tuesday.",
        "en",
        Script::Latin,
    );
}

#[test]
fn kazakh_page_with_russian_widgets() {
    let page = "Новости\n\nПогода\n\nОблыс әкімі Германия делегациясымен ынтымақтастықты кеңейту мен инвестициялық жобаларды талқылады. Кездесуде тараптар ауыл шаруашылығы мен өнеркәсіп салаларындағы бірлескен жобаларды қарастырды.\n\nЧитайте также\n\nБарлық жаңалықтар";
    check(page, "kk", Script::Cyrillic);
    let ps = paragraphs(page);
    assert_eq!(ps.len(), 5);
    assert_eq!(ps[0].span.slice(page), "Новости");
    assert_eq!(ps[0].lang.code, "ru");
    assert_eq!(ps[2].lang.code, "kk");
    assert_eq!(ps[3].span.slice(page), "Читайте также");
    assert_eq!(ps[3].lang.code, "ru");
    assert_eq!(ps[4].lang.code, "kk");
}

#[test]
fn paragraph_spans_are_trimmed_byte_ranges() {
    let body = "  Бірінші абзац.\nЕкінші жол.  \n\n\n \t\nSecond paragraph here.\n";
    let ps = paragraphs(body);
    assert_eq!(ps.len(), 2);
    assert_eq!(ps[0].span.slice(body), "Бірінші абзац.\nЕкінші жол.");
    assert_eq!(ps[1].span.slice(body), "Second paragraph here.");
    assert_eq!(ps[1].lang.code, "en");
    assert!(paragraphs("").is_empty());
    assert!(paragraphs("\n\n  \n").is_empty());
}

#[test]
fn never_panics_on_odd_input() {
    let odd = ["\u{301}", "a\u{301}\u{301}", "'''", "ʼaʼ", "x\u{0}y", "\u{feff}Аким", &"ә".repeat(10_000), "İSTANBUL"];
    for t in odd {
        let _ = identify(t);
        let _ = paragraphs(t);
        let a = to_cyrillic(t);
        assert_eq!(a.map.len(), a.text.len() + 1);
    }
}

fn translit(latin: &str, cyrillic: &str) {
    let a = to_cyrillic(latin);
    assert_eq!(a.text, cyrillic, "{latin}");
    assert_eq!(a.map.len(), a.text.len() + 1);
    assert_eq!(a.map.last().copied(), Some(latin.len()));
}

#[test]
fn transliterates_2018_alphabet() {
    translit("Qazaqstan Respýblıkasy", "Қазақстан Республикасы");
    translit("Oblys ákimi Germanııa elshisimen kezdesti.", "Облыс әкімі Германия елшісімен кездесті.");
    translit("Shyǵys Qazaqstan oblysy, Óskemen qalasy", "Шығыс Қазақстан облысы, Өскемен қаласы");
    translit("Qaırat jáne Aıgúl saıasat týraly aıtty", "Қайрат және Айгүл саясат туралы айтты");
    translit("Federatsııasy, ınvestıtsııa", "Федерациясы, инвестиция");
    translit("ShYMKENT, Shymkent", "ШЫМКЕНТ, Шымкент");
    translit("jańa úı, Ońtústik", "жаңа үй, Оңтүстік");
}

#[test]
fn transliterates_2021_alphabet() {
    translit("Şığıs Qazaqstan oblısı, Öskemen qalası", "Шығыс Қазақстан облысы, Өскемен қаласы");
    translit("Oblıs äkimi jäne Qayrat", "Облыс әкімі және Қайрат");
    translit("jaña üy, Oñtüstik, Çeşen", "жаңа үй, Оңтүстік, Чешен");
    assert_eq!(kazakh_latin_variant("Şığıs Qazaqstan oblısı"), LatinVariant::V2021);
    assert_eq!(kazakh_latin_variant("Shyǵys Qazaqstan oblysy"), LatinVariant::V2018);
    assert_eq!(kazakh_latin_variant("oblysy"), LatinVariant::V2018);
}

#[test]
fn transliteration_keeps_other_text_and_maps_back() {
    let src = "Aqtóbe 2024 jyly Аким https://baq.kz/qazaqstan news@baq.kz";
    let a = to_cyrillic(src);
    assert_eq!(a.text, "Ақтөбе 2024 жылы Аким https://baq.kz/qazaqstan news@baq.kz");
    // The span of "жылы" maps back to "jyly".
    let start = a.text.find("жылы").unwrap_or(0);
    let body = a.to_body(Span::new(start, start + "жылы".len()));
    assert_eq!(body.slice(src), "jyly");
    // Combining acute accents compose: a + U+0301 is á.
    let d = "ja\u{301}ne";
    let a = to_cyrillic(d);
    assert_eq!(a.text, "және");
    assert_eq!(a.to_body(Span::new(0, a.text.len())).slice(d), d);
    // Every map entry is a char boundary of the source, non-decreasing.
    let a = to_cyrillic("Shyǵys Qazaqstan oblysynda «Jańa» zaýyt");
    assert!(a.map.windows(2).all(|w| w[0] <= w[1]));
    assert!(a.map.iter().all(|&m| "Shyǵys Qazaqstan oblysynda «Jańa» zaýyt".is_char_boundary(m)));
}

#[test]
fn lang_stage_agrees_with_the_separate_calls() {
    let bodies = [
        "Новости\n\nОблыс әкімі Германия делегациясымен кездесті.\n\nЧитайте также",
        "Oblys ákimi Germanııa elshisimen kezdesti.\n\nQazaqstan men Germanııa arasyndaǵy saýda ósti.",
        "",
        "The governor met the ambassador.",
    ];
    for b in bodies {
        let st = lang_stage(b);
        assert_eq!(st.lang, identify(b), "{b}");
        assert_eq!(st.paragraphs, paragraphs(b), "{b}");
    }
    let st = lang_stage(bodies[1]);
    assert_eq!((st.lang.code.as_str(), st.lang.script), ("kk", Script::Latin));
    let a = st.analysis.unwrap_or_default();
    assert!(a.text.starts_with("Облыс әкімі Германия елшісімен кездесті."), "{}", a.text);
    assert!(lang_stage(bodies[0]).analysis.is_none());
}

#[test]
fn a_stated_language_is_taken_with_the_text_script() {
    let s = stated_lang_stage("Astana qalasynyń ákimi eki eldiń yntymaǵy týraly aıtty.\n\nEkinshi abzats.", "kk");
    assert_eq!((s.lang.code.as_str(), s.lang.script, s.lang.confidence), ("kk", Script::Latin, 1.0));
    assert_eq!(s.paragraphs.len(), 2);
    assert!(s.paragraphs.iter().all(|p| p.lang.code == "kk"));
    assert!(s.analysis.is_some(), "Latin-script Kazakh is transliterated");
    // stated, even where the identifier would say otherwise
    let s = stated_lang_stage("Посол Италии встретился с министром.", "uk");
    assert_eq!((s.lang.code.as_str(), s.lang.script), ("uk", Script::Cyrillic));
    assert!(s.analysis.is_none());
}

#[test]
fn script_letters_by_bytes_count_as_by_characters() {
    let slow = |t: &str| {
        let mut letters = [0u32; 4];
        for c in t.chars().filter(|c| yntymaq_core::is_letter(*c)) {
            letters[model::script_slot(model::script_of(c))] += 1;
        }
        letters
    };
    let all: String = (0..0x3000u32).filter_map(char::from_u32).collect();
    assert_eq!(script_letters(&all), slow(&all));
    for t in ["Қазақстан Республикасы, Astana 2024!", "Ӂ҂҃ ԰Ա ا ب", "", "ё Ё ѐ Ѐ Ԯ ԯ"]
    {
        assert_eq!(script_letters(t), slow(t), "{t}");
    }
    assert_eq!(script_letters("Аким met посла"), [9, 3, 0, 0]);
}
