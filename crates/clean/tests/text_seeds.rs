//! The plain-text cleaner on the five seed pages (`../shared/seeds/*.txt`):
//! the whole article from its headline to its last sentence, no chrome, no
//! teasers. Skipped when `../shared` is absent.

use std::path::PathBuf;
use yntymaq_clean::text::clean;
use yntymaq_clean::Article;

fn seed(prefix: &str) -> Option<(String, Article)> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds"));
    if !dir.is_dir() {
        println!("skipped: ../shared not found");
        return None;
    }
    let path = std::fs::read_dir(&dir)
        .expect("read seeds dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix)))
        .expect("seed file");
    let raw = std::fs::read_to_string(path).expect("read seed");
    let a = clean(&raw);
    if std::env::var_os("YNTYMAQ_SHOW_CUTS").is_some() {
        println!("=== {prefix} title={:?} date={:?} author={:?}\n{}\n", a.title, a.published, a.author, a.body);
    }
    Some((raw, a))
}

fn first_para(a: &Article) -> &str {
    a.body.split("\n\n").next().unwrap_or("")
}

fn last_para(a: &Article) -> &str {
    a.body.rsplit("\n\n").next().unwrap_or("")
}

#[test]
fn seed_000_sozmedia() {
    let Some((_, a)) = seed("000_") else { return };
    let title = "Аким ВКО Ермек Кошербаев встретился с чрезвычайным и полномочным послом Федеративной республики Германия в РК Моникой Иверсен";
    assert_eq!(a.title.as_deref(), Some(title));
    assert_eq!(first_para(&a), title);
    assert!(a.body.contains("Госпожу Иверсен заинтересовал проект строительства грузового хаба"));
    assert_eq!(last_para(&a), "В целом в ходе встречи стороны обсудили возможности двустороннего взаимовыгодного сотрудничества, и наметили его перспективы.");
    for teaser in [
        "Новые статьи",
        "Казахстанский военнослужащий стал чемпионом Азии по ММА",
        "Институт ядерной физики",
        "back to top",
    ] {
        assert!(!a.body.contains(teaser), "{teaser}");
    }
    assert_eq!(a.body.split("\n\n").count(), 5);
}

#[test]
fn seed_001_kazakh() {
    let Some((_, a)) = seed("001_") else { return };
    let title =
        "ШҚО: облыс әкімі Германия делегациясымен ынтымақтастықты кеңейту мен инвестициялық жобаларды талқылады";
    assert_eq!(a.title.as_deref(), Some(title));
    assert_eq!(first_para(&a), title);
    assert!(a.body.contains("39,5 млн АҚШ долларын құрап"));
    assert!(last_para(&a).starts_with("Кездесу екіжақты серіктестікті нығайту жолында маңызды қадам болып"));
    assert!(last_para(&a).ends_with("мәртебесін растады."));
    for junk in ["Новости", "Басқа жаңалықтар", "Back to top"] {
        assert!(!a.body.contains(junk), "{junk}");
    }
}

#[test]
fn seed_002_chrome_header_and_comment_form() {
    let Some((_, a)) = seed("002_") else { return };
    let title = "Аким Карагандинской области обсудил совместные инициативы с послом Канады";
    assert_eq!(a.title.as_deref(), Some(title));
    assert_eq!(first_para(&a), title);
    assert_eq!(a.body.matches(title).count(), 1, "breadcrumb or duplicate headline kept");
    assert!(a.body.contains("Карагандинскую область, с официальным визитом, посетил"));
    assert!(a.body.contains("30 миллионов долларов США"));
    assert_eq!(last_para(&a), "Также он предложил проработать совместные инициативы по развитию детского хоккея.");
    for junk in [
        "Пятница, 30 января, 2026",
        "Лента новостей",
        "-10 C",
        "No menu items",
        "Домой",
        "Похожие статьи",
        "ОСТАВЬТЕ ОТВЕТ",
        "комментарий",
        "Ұлттық мүдде",
        "Менингит",
        "ХАДЫЛБЕКА",
    ] {
        assert!(!a.body.contains(junk), "{junk}");
    }
    // the header's "today" is not the publication date
    assert_eq!(a.published, None);
    assert_eq!(a.author.as_deref(), Some("Мадина ТАЛИПОВА"));
}

#[test]
fn seed_003_dateline_and_subscribe_prompt() {
    let Some((_, a)) = seed("003_") else { return };
    let title = "Между акиматом ЗКО и департаментом торговли провинции Шаньдун в Китае подписан меморандум";
    assert_eq!(a.title.as_deref(), Some(title));
    assert_eq!(first_para(&a), title);
    assert_eq!(a.published, chrono::NaiveDate::from_ymd_opt(2024, 10, 3));
    assert!(a.body.contains("Руководитель департамента торговли госпожа Чжао Фей"));
    assert!(last_para(&a).ends_with("будут иметь большой успех при совместной реализации."));
    for junk in ["Просмотры", "3.10.2024", "китайцы (1)", "Узнайте первым", "Telegram", "zhaikpress.kz", "Instagram"]
    {
        assert!(!a.body.contains(junk), "{junk}");
    }
    assert_eq!(a.author.as_deref(), Some("Жанна Балыкова"));
}

#[test]
fn seed_004_single_newlines() {
    let Some((raw, a)) = seed("004_") else { return };
    let title = "Неміс кәсіпкерлері Ақтөбе облысында бірлескен жобаларды жүзеге асыруға қызығушылық танытуда";
    assert_eq!(a.title.as_deref(), Some(title));
    assert_eq!(first_para(&a), title);
    // nothing to cut: every line is a paragraph of the article
    assert_eq!(a.body.split("\n\n").count(), raw.lines().filter(|l| !l.trim().is_empty()).count());
    assert!(last_para(&a).contains("келіссөздер жоспарланған."));
}
