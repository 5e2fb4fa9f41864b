//! Unit tests, one per pattern, in ru, kk and en.

use crate::{dates, figures, money, FigureMention};
use chrono::NaiveDate;
use yntymaq_core::{sentences, tokenize, Referent};

fn amounts(text: &str, lang: &str) -> Vec<(String, f64, String)> {
    let toks = tokenize(text);
    money(text, &toks, lang)
        .into_iter()
        .filter_map(|e| match e.referent {
            Referent::Money { value, currency } => Some((e.span.slice(text).to_owned(), value, currency)),
            _ => None,
        })
        .collect()
}

fn one(text: &str, lang: &str) -> (String, f64, String) {
    let a = amounts(text, lang);
    assert_eq!(a.len(), 1, "{text}: {a:?}");
    a.into_iter().next().unwrap_or_default()
}

fn figs(text: &str, lang: &str, dateline: Option<&str>) -> Vec<FigureMention> {
    let toks = tokenize(text);
    let sents = sentences(text, &toks);
    let d = dateline.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    figures(text, &toks, &sents, lang, d)
}

fn levels(text: &str, lang: &str, dateline: Option<&str>) -> Vec<(String, f64, String, Option<String>)> {
    figs(text, lang, dateline)
        .into_iter()
        .filter(|f| !f.is_change)
        .map(|f| (f.metric, f.value, f.currency, f.period))
        .collect()
}

fn date_values(text: &str, lang: &str, year: Option<i32>) -> Vec<(String, String)> {
    let toks = tokenize(text);
    dates(text, &toks, lang, year)
        .into_iter()
        .map(|e| {
            let v = match e.referent {
                Referent::Date { value } => value,
                _ => "-".to_owned(),
            };
            (e.span.slice(text).to_owned(), v)
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

#[test]
fn money_decimal_comma_and_scale_ru_kk() {
    let (s, v, c) = one("товарооборот составил 39,5 млн долларов США.", "ru");
    assert_eq!((s.as_str(), c.as_str()), ("39,5 млн долларов США", "USD"));
    assert!(close(v, 39_500_000.0));
    let (s, v, c) = one("тауар айналымы 39,5 млн АҚШ долларын құрады", "kk");
    assert_eq!((s.as_str(), c.as_str()), ("39,5 млн АҚШ долларын", "USD"));
    assert!(close(v, 39_500_000.0));
    let (_, v, c) = one("экспорт 3,4 миллиона долларов", "ru");
    assert_eq!(c, "USD");
    assert!(close(v, 3_400_000.0));
}

#[test]
fn money_glued_dot_after_abbreviation() {
    let (s, v, c) = one("Кіріс 4,4 млрд.теңгені құрап отыр.", "kk");
    assert_eq!((s.as_str(), c.as_str()), ("4,4 млрд.теңгені", "KZT"));
    assert!(close(v, 4_400_000_000.0));
    let (_, v, c) = one("құны 90,4 млн. АҚШ. доллары", "kk");
    assert_eq!(c, "USD");
    assert!(close(v, 90_400_000.0));
    // a dot ending the sentence is not part of the amount, and tons are not money
    assert!(amounts("Зауыт жылына 1 млн. тонна цемент шығарады.", "kk").is_empty());
}

#[test]
fn money_symbols_codes_and_english_scales() {
    let (s, v, c) = one("a deal worth $1.2 billion was signed", "en");
    assert_eq!((s.as_str(), c.as_str()), ("$1.2 billion", "USD"));
    assert!(close(v, 1_200_000_000.0));
    let (_, v, c) = one("goods worth USD513 thousand", "en");
    assert_eq!(c, "USD");
    assert!(close(v, 513_000.0));
    let (_, v, _) = one("investments made USD 12,600,000,000 in five years", "en");
    assert!(close(v, 12_600_000_000.0));
    let (_, v, c) = one("the EBRD will invest over €70 million", "en");
    assert_eq!(c, "EUR");
    assert!(close(v, 70_000_000.0));
    let (_, v, _) = one("agreed to invest $2 bln in the region", "en");
    assert!(close(v, 2_000_000_000.0));
    let (_, v, _) = one("a $5m loan", "en");
    assert!(close(v, 5_000_000.0));
}

#[test]
fn money_space_grouped_thousands_and_compounds() {
    let (s, v, c) = one("стоимость 1 200 000 тенге", "ru");
    assert_eq!((s.as_str(), c.as_str()), ("1 200 000 тенге", "KZT"));
    assert!(close(v, 1_200_000.0));
    let (_, v, _) = one("составляет 1 миллиард 210 миллионов долларов", "ru");
    assert!(close(v, 1_210_000_000.0));
    let (_, v, c) = one("40 млн АҚШ долларына жуықтап", "kk");
    assert_eq!(c, "USD");
    assert!(close(v, 40_000_000.0));
}

#[test]
fn money_ranges_share_scale_and_currency() {
    let a = amounts("товарооборот вырос с 294 до 350 млн долларов", "ru");
    assert_eq!(a.len(), 2, "{a:?}");
    assert!(close(a[0].1, 294_000_000.0) && a[0].2 == "USD");
    assert!(close(a[1].1, 350_000_000.0));
    let a = amounts("бағасы 10 – 15 мың теңге", "kk");
    assert_eq!(a.len(), 2, "{a:?}");
    assert!(close(a[0].1, 10_000.0) && close(a[1].1, 15_000.0));
    let a = amounts("between $1-2 million", "en");
    assert_eq!(a.len(), 2, "{a:?}");
    assert!(close(a[0].1, 1_000_000.0));
    // a year before an amount is not the start of a range
    let a = amounts("в 2022 - 5 млн долларов", "ru");
    assert_eq!(a.len(), 1, "{a:?}");
}

#[test]
fn money_spelled_numbers_kk_ru_en() {
    let (_, v, c) = one("үш жарым миллиард доллар", "kk");
    assert_eq!(c, "USD");
    assert!(close(v, 3_500_000_000.0));
    let (_, v, _) = one("бес бүтін оннан үш миллиард долларға", "kk");
    assert!(close(v, 5_300_000_000.0));
    let (_, v, _) = one("алпыс алты мың тоғыз жүз он үш теңгеге", "kk");
    assert!(close(v, 66_913.0));
    let (s, _, _) = one("кемі үш жүз миллиард теңге бөлінді", "kk");
    assert_eq!(s, "кемі үш жүз миллиард теңге");
    let (_, v, _) = one("он алты да тоғыз миллиард теңге", "kk");
    assert!(close(v, 16_900_000_000.0));
    let (_, v, _) = one("полтора миллиарда рублей", "ru");
    assert!(close(v, 1_500_000_000.0));
    let (_, v, _) = one("a million dollars", "en");
    assert!(close(v, 1_000_000.0));
    let (_, v, _) = one("3 , 5 миллиард доллар", "kk");
    assert!(close(v, 3_500_000_000.0));
}

#[test]
fn money_needs_a_currency() {
    assert!(amounts("в регионе проживают 30 тысяч человек", "ru").is_empty());
    assert!(amounts("увеличился на 32,5%", "ru").is_empty());
    assert!(amounts("from 1.5 million tons to 4.5 million tons", "en").is_empty());
    assert!(amounts("3.10.2024 в 11:15", "ru").is_empty());
    // a rate widget: the symbol on the next line
    assert!(amounts("Курс валют\n442.05\n€\n", "ru").is_empty());
    assert!(figs("Цена хлеба 380 тенге за буханку.", "ru", None).is_empty());
}

#[test]
fn figures_in_that_number_export_with_carried_currency() {
    let f = levels(
        "За 2022 год внешнеторговый оборот области с Канадой составил 30 миллионов долларов США, в том числе экспорт 3,4 миллиона.",
        "ru",
        None,
    );
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!((f[0].0.as_str(), f[0].2.as_str(), f[0].3.as_deref()), ("trade_turnover", "USD", Some("2022")));
    assert_eq!((f[1].0.as_str(), f[1].2.as_str()), ("export", "USD"));
    assert!(close(f[1].1, 3_400_000.0));
}

#[test]
fn figures_changes_are_flagged_kk_ru_en() {
    let t = "2025 жылдың қаңтар–маусым айларында облыстың Германиямен сыртқы сауда айналымы 40 млн АҚШ долларына жуықтап, былтырғы жылдың сәйкес кезеңімен салыстырғанда 2,2 млн долларға өсті. Соның ішінде экспорт 5,8 млн долларға артса, импорт 3 млн долларға азайды.";
    let all = figs(t, "kk", None);
    let lv: Vec<_> = all.iter().filter(|f| !f.is_change).collect();
    assert_eq!(lv.len(), 1, "{all:?}");
    assert_eq!((lv[0].metric.as_str(), lv[0].period.as_deref()), ("trade_turnover", Some("2025-01/2025-06")));
    assert_eq!(all.iter().filter(|f| f.is_change).count(), 3);
    let all = figs("Экспорт вырос на 2,2 млн долларов и достиг 12 млн долларов.", "ru", None);
    assert_eq!(all.iter().map(|f| f.is_change).collect::<Vec<_>>(), vec![true, false]);
    let all = figs("Exports increased by $5 million to $40 million.", "en", None);
    assert_eq!(all.iter().map(|f| f.is_change).collect::<Vec<_>>(), vec![true, false]);
}

#[test]
fn figures_base_level_in_brackets_and_equivalents() {
    let f = levels(
        "В первом полугодии текущего года товарооборот увеличился на 32,5% по сравнению с аналогичным периодом прошлого года (294 млн долларов) и составил свыше 380 млн долларов.",
        "ru",
        None,
    );
    assert_eq!(f.len(), 2, "{f:?}");
    assert!(f.iter().all(|x| x.0 == "trade_turnover"));
    let f = levels("The project is worth over 2 billion tenge ($13 million).", "en", None);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].0.as_str(), f[0].2.as_str()), ("investment", "KZT"));
    let f = levels("Инвестиции составят 5 млн евро, или 530 млн рублей.", "ru", None);
    assert_eq!(f.len(), 1, "{f:?}");
}

#[test]
fn figures_nearest_keyword_decides() {
    let f = levels(
        "The total trade turnover totaled $27.2 million including $4 million exports and $23.2 million imports.",
        "en",
        None,
    );
    let m: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(m, vec!["trade_turnover", "export", "import"]);
    let f = levels("Japan imported to the region goods worth USD513 thousand.", "en", None);
    assert_eq!(f[0].0, "import");
    let f = levels("Қазір аймақта 710 миллион АҚШ долларының 4 индустриялдық жобасы іске асырылып жатыр.", "kk", None);
    assert_eq!(f[0].0, "investment");
    let f = levels("Сейчас в работе проекты почти на 600 миллионов долларов.", "ru", None);
    assert_eq!(f[0].0, "investment");
    let f = levels("БҰҰ аймақ халқына 8,7 млн. АҚШ\nдоллары көлемінде қаржы бөлуді жоспарлап\nотыр.", "kk", None);
    assert_eq!((f[0].0.as_str(), f[0].2.as_str()), ("other", "USD"));
}

#[test]
fn figures_not_about_the_relationship_are_dropped() {
    let f = levels(
        "The amount of fixed investments in the region made USD 12,600,000,000, 36% or USD 4,700,000,000 of which were direct investments.",
        "en",
        None,
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(close(f[0].1, 4_700_000_000.0) && f[0].0 == "investment");
    assert!(levels("Область должна привлечь не менее 1,5 триллиона тенге инвестиций.", "ru", None).is_empty());
    assert!(levels("The local government will provide support and up to 2.2 billion tenge.", "en", None).is_empty());
}

#[test]
fn figures_periods_from_the_dateline() {
    let t = "Биылғы жылдың басынан бері ШҚО мен Германия арасындағы тауар айналымы 39,5 млн АҚШ долларын құрады.";
    assert_eq!(levels(t, "kk", Some("2025-11-01"))[0].3.as_deref(), Some("2025-01/.."));
    assert_eq!(levels(t, "kk", None)[0].3, None);
    let t = "following the results of 8 months of the current year, Japan imported goods worth USD513 thousand.";
    assert_eq!(levels(t, "en", Some("2019-10-08"))[0].3.as_deref(), Some("2019-01/2019-08"));
    let t = "внешнеторговый оборот за девять месяцев 2025 года составил 3,5 млн долларов";
    assert_eq!(levels(t, "ru", None)[0].3.as_deref(), Some("2025-01/2025-09"));
    let t = "in the first half of 2018, the total trade turnover totaled $27.2 million";
    assert_eq!(levels(t, "en", None)[0].3.as_deref(), Some("2018-01/2018-06"));
    let t = "Last year the sales between Russia and Almaty reached USD 4.7 bln.";
    assert_eq!(levels(t, "en", Some("2019-11-05"))[0].3.as_deref(), Some("2018"));
}

#[test]
fn figures_repeated_are_given_once() {
    let t = "Financing agreements totalling €26.6 million were signed. The total financing of €26.6 million includes a portion of US$ 5 million (€4.4 million equivalent).";
    let f = levels(t, "en", None);
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!((f[1].0.as_str(), f[1].2.as_str()), ("investment", "USD"));
}

#[test]
fn dates_ru() {
    let d = date_values("20 ноября 2023 года, 5 мая, 3.10.2024 и 25–27 сентября 2023 г.", "ru", Some(2025));
    let v: Vec<&str> = d.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(v, vec!["2023-11-20", "2025-05-05", "2024-10-03", "2023-09-25/2023-09-27"]);
    assert_eq!(d[0].0, "20 ноября 2023 года");
    let d = date_values(
        "в сентябре 2023 года; за январь–сентябрь 2024 года; в 2022 году; в прошлом году",
        "ru",
        Some(2025),
    );
    let v: Vec<&str> = d.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(v, vec!["2023-09", "2024-01/2024-09", "2022", "2024"]);
    // "май" alone is ambiguous only in name; without a year hint a day-month date has no value
    let d = date_values("5 мая", "ru", None);
    assert_eq!(d, vec![("5 мая".to_owned(), "-".to_owned())]);
}

#[test]
fn dates_kk() {
    let d = date_values(
        "2023 жылғы 5 қазанда; 2025 жылдың қаңтар–маусым айларында; қазанның 5-і; 2022 жылы; былтыр",
        "kk",
        Some(2025),
    );
    let v: Vec<&str> = d.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(v, vec!["2023-10-05", "2025-01/2025-06", "2025-10-05", "2022", "2024"]);
    assert_eq!(d[1].0, "2025 жылдың қаңтар–маусым айларында");
    // Қазан the city is not a month
    assert!(date_values("Қазан қаласында", "kk", Some(2025)).is_empty());
}

#[test]
fn dates_en() {
    let d = date_values(
        "on 25-27 September, on September 25, 2023, in March 2024, in 2019 and 2024-10-03",
        "en",
        Some(2023),
    );
    let v: Vec<&str> = d.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(v, vec!["2023-09-25/2023-09-27", "2023-09-25", "2024-03", "2019", "2024-10-03"]);
    assert!(date_values("we may meet in march", "en", Some(2023)).is_empty());
}

#[test]
fn never_panics_on_odd_input() {
    for t in [
        "",
        "$",
        "млн",
        "1,",
        "от до млн",
        "USD",
        "(",
        "1 - - 2 млн",
        "₸₸₸ 5",
        "5-",
        "31 февраля 2023",
        "бүтін оннан миллиард",
    ] {
        let toks = tokenize(t);
        let s = sentences(t, &toks);
        let _ = money(t, &toks, "kk");
        let _ = figures(t, &toks, &s, "ru", None);
        let _ = dates(t, &toks, "en", Some(2024));
    }
}

fn company_names(text: &str, lang: &str) -> Vec<String> {
    let toks = tokenize(text);
    crate::companies(text, &toks, lang).into_iter().map(|e| e.span.slice(text).to_owned()).collect()
}

#[test]
fn companies_quoted_beside_a_company_word() {
    assert_eq!(
        company_names("встретился с представителями китайской компании «Жетысу Вольфрам». Её директор", "ru"),
        vec!["Жетысу Вольфрам"]
    );
    assert_eq!(
        company_names("Түркияның \"Miryidiz Mining\" компаниясының өкілдері келді.", "kk"),
        vec!["Miryidiz Mining"]
    );
    assert_eq!(
        company_names(
            "посетили ОАО “Тихиничи” и ряд предприятий, среди которых “Гомсельмаш”, “Спартак”, “Алкопак”.",
            "ru"
        ),
        vec!["Тихиничи", "Гомсельмаш", "Спартак", "Алкопак"]
    );
    // a quoted title or slogan is no company
    assert!(company_names("Тақырыбы – «Кәсіби мамандықтар – өсудің қозғаушы күші».", "kk").is_empty());
    assert!(company_names("программа «Рухани жаңғыру» продолжается.", "ru").is_empty());
}

#[test]
fn latin_company_names_with_their_legal_tails() {
    assert_eq!(
        company_names("встреча с заместителем директора Huawei Technologies Co., Ltd. Сюй Хаем", "ru"),
        vec!["Huawei Technologies Co., Ltd."]
    );
    assert_eq!(
        company_names("вице-президентом корпорации China Huadian Corporation Ltd. У Цзинкэем", "ru"),
        vec!["China Huadian Corporation Ltd."]
    );
    assert_eq!(
        company_names(
            "китайская компания China Railway Asia – Europe Construction Investment Co. Ltd. заинтересовалась",
            "ru"
        ),
        vec!["China Railway Asia – Europe Construction Investment Co. Ltd."]
    );
    assert_eq!(company_names("сотрудничества с компанией Veolia. Французская сторона", "ru"), vec!["Veolia"]);
    assert_eq!(
        company_names(
            "Жобаны «Саутс-Ойл» және «China Tianchen Engineering Corporation LTD» компаниялары асырады.",
            "kk"
        ),
        vec!["Саутс-Ойл", "China Tianchen Engineering Corporation LTD"]
    );
    // a company word alone, or inside a sentence start, names no company
    assert!(company_names("The Group met on Monday.", "en").is_empty());
}

#[test]
fn english_names_before_company() {
    assert_eq!(
        company_names("and representatives of Kawasaki and Marubeni companies. The parties", "en"),
        vec!["Kawasaki", "Marubeni"]
    );
    assert_eq!(company_names("Director General of Likon company Viktor Lichtner", "en"), vec!["Likon"]);
    assert!(company_names("the company signed", "en").is_empty());
}

#[test]
fn recognize_finds_what_each_recognizer_finds() {
    let text = "АСТАНА. 3 октября 2024 года. Товарооборот за 2023 год составил 1,2 млрд долларов США, \
                а за январь–июнь 2024 года – 650 млн долларов.";
    let tokens = yntymaq_core::tokenize(text);
    let sentences = yntymaq_core::sentences(text, &tokens);
    let date = chrono::NaiveDate::from_ymd_opt(2024, 10, 3);
    let found = crate::recognize(text, &tokens, &sentences, "ru", date, true);
    assert_eq!(found.money, crate::money(text, &tokens, "ru"));
    assert_eq!(found.dates, crate::dates(text, &tokens, "ru", Some(2024)));
    assert_eq!(found.figures.len(), crate::figures(text, &tokens, &sentences, "ru", date).len());
    assert_eq!(found.money.len(), 2);
    assert!(!found.figures.is_empty());
    let without = crate::recognize(text, &tokens, &sentences, "ru", date, false);
    assert!(without.figures.is_empty());
}
