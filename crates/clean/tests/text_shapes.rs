//! The plain-text cleaner on short pages written for these tests in the shape
//! of real scraped pages (menus, widgets, bylines, teaser lists, prompts), in
//! Russian, Kazakh, English, Kyrgyz and Uzbek. Self-contained.

use chrono::NaiveDate;
use yntymaq_clean::text::clean;

fn paras(body: &str) -> Vec<&str> {
    body.split("\n\n").collect()
}

#[test]
fn russian_page_with_header_widgets_and_teasers() {
    let raw = "\
Главная
О нас
Контакты
Реклама
+3 C
Павлодар
Суббота, 14 марта, 2026
USD 505.12 EUR 548.90
ГлавнаяРегионыАким Павлодарской области принял посла Чехии

Аким Павлодарской области принял посла Чехии

Просмотров: 1 204

Аким Павлодарской области Асаин Байханов принял Чрезвычайного и Полномочного Посла Чехии в Казахстане Павла Вагнера. Стороны обсудили сотрудничество в энергетике и сельском хозяйстве.

По словам главы региона, товарооборот области с Чехией за прошлый год составил 12 миллионов долларов США.

Иван ПЕТРОВ

Фото пресс-службы акимата

Поделиться

Читайте также

Аким Экибастуза встретился с жителями

В Экибастузе прошла встреча акима города с жителями микрорайона. Обсуждались вопросы благоустройства и...

В Павлодаре открылся новый каток

Новый каток на 500 мест открылся в центре города. Горожане смогут кататься бесплатно до...
";
    let a = clean(raw);
    assert_eq!(a.title.as_deref(), Some("Аким Павлодарской области принял посла Чехии"));
    let p = paras(&a.body);
    assert_eq!(p.len(), 3, "{p:#?}");
    assert_eq!(p[0], "Аким Павлодарской области принял посла Чехии");
    assert!(p[1].starts_with("Аким Павлодарской области Асаин Байханов"));
    assert!(p[2].ends_with("12 миллионов долларов США."));
    for junk in ["Экибастуз", "каток", "Просмотров", "Поделиться", "Суббота", "USD 505", "Контакты", "Иван ПЕТРОВ"]
    {
        assert!(!a.body.contains(junk), "{junk}");
    }
    assert_eq!(a.author.as_deref(), Some("Иван ПЕТРОВ"));
    assert_eq!(a.published, None, "the header's weekday date is chrome");
}

#[test]
fn kazakh_page_with_read_also_inside_the_article() {
    let raw = "\
Басты бет » Аймақ » Қоғам

Түркістан облысының әкімі Корея елшісімен кездесті

12.05.2024, 10:30

Түркістан облысының әкімі Дархан Сатыбалды Корея Республикасының Қазақстандағы елшісі Ким Дэсикті қабылдады. Тараптар ауыл шаруашылығы мен туризм салаларындағы ынтымақтастықты талқылады.

Тағы оқыңыз

Шымкентте жаңа зауыт ашылды

Кездесу барысында өңір басшысы корей компанияларын облыстағы индустриялық аймақтарда жобаларды жүзеге асыруға шақырып, инвесторларға барлық жағдай жасалатынын атап өтті.

Оқи отырыңыз: Түркістанда туристер саны артты

Елші корей бизнесі өңірдің әлеуетіне қызығушылық танытып отырғанын жеткізді.

Біздің Telegram арнамызға жазылыңыз

Соңғы жаңалықтар

Түркістанда көктемгі егіс басталды
";
    let a = clean(raw);
    assert_eq!(a.title.as_deref(), Some("Түркістан облысының әкімі Корея елшісімен кездесті"));
    assert_eq!(a.published, NaiveDate::from_ymd_opt(2024, 5, 12));
    let p = paras(&a.body);
    assert_eq!(p.len(), 4, "{p:#?}");
    assert!(a.body.contains("корей компанияларын"), "the article goes on after a read-also link");
    assert!(a.body.ends_with("қызығушылық танытып отырғанын жеткізді."));
    for junk in ["Басты бет", "Тағы оқыңыз", "Шымкентте жаңа зауыт", "туристер саны", "Telegram", "егіс"]
    {
        assert!(!a.body.contains(junk), "{junk}");
    }
}

#[test]
fn english_page_with_author_label_and_related_news() {
    let raw = "\
Home | Politics | Economy | Regions
Kostanay region, Bashkortostan sign roadmap

Author:
Dana Kassymova

14 March 2024, 16:05

KOSTANAY. KAZINFORM – Governor of Kostanay region Kumar Aksakalov and Head of Bashkortostan Radiy Khabirov signed a roadmap of cooperation for 2024-2026, Kazinform reports.

The document covers trade, agriculture, education and culture. Trade turnover between the regions reached USD 150 million last year.

Related news

Kostanay farmers start spring sowing campaign
";
    let a = clean(raw);
    assert_eq!(a.title.as_deref(), Some("Kostanay region, Bashkortostan sign roadmap"));
    assert_eq!(a.author.as_deref(), Some("Dana Kassymova"));
    assert_eq!(a.published, NaiveDate::from_ymd_opt(2024, 3, 14));
    assert_eq!(paras(&a.body).len(), 3);
    assert!(!a.body.contains("sowing"));
    assert!(!a.body.contains("Politics"));
    assert!(!a.body.contains("Dana Kassymova"));
}

#[test]
fn corpus_date_prefix_and_agency_dateline() {
    let raw = " date 2019-04-02 TARAZ. KAZINFORM - Governor of Zhambyl region Berdibek Saparbayev met with the Ambassador of Turkey to Kazakhstan Nevzat Uyanik.\n\nThe sides discussed cooperation in agriculture.";
    let a = clean(raw);
    assert_eq!(a.published, NaiveDate::from_ymd_opt(2019, 4, 2));
    assert!(a.body.starts_with("TARAZ. KAZINFORM"), "{}", a.body);
    assert!(!a.body.contains("date 2019"));
    assert_eq!(a.title, None);
    let month_only =
        clean(" date 2025-06 Аким области принял делегацию из Китая и обсудил инвестиционные проекты в регионе.");
    assert_eq!(month_only.published, None);
    assert!(month_only.body.starts_with("Аким области принял"));
}

#[test]
fn headline_repeated_with_a_caption_and_glued_to_the_lead() {
    let raw = "\
АҚТӨБЕДЕ ҚЫТАЙ ДЕЛЕГАЦИЯСЫ БОЛДЫ

АҚТӨБЕДЕ ҚЫТАЙ ДЕЛЕГАЦИЯСЫ БОЛДЫ Фото: aktobe.gov.kz

АҚТӨБЕДЕ ҚЫТАЙ ДЕЛЕГАЦИЯСЫ БОЛДЫКеше облыс әкімі Асхат Шахаров Қытайдың Синьцзян-Ұйғыр автономиялық ауданының делегациясын қабылдады.
Тараптар сауда және логистика салаларындағы ынтымақтастықты талқылады.
";
    let a = clean(raw);
    assert_eq!(a.title.as_deref(), Some("АҚТӨБЕДЕ ҚЫТАЙ ДЕЛЕГАЦИЯСЫ БОЛДЫ"));
    let p = paras(&a.body);
    assert_eq!(p.len(), 3, "{p:#?}");
    assert!(p[1].starts_with("Кеше облыс әкімі"));
    assert_eq!(a.body.matches("ДЕЛЕГАЦИЯСЫ").count(), 1);
}

#[test]
fn hard_wrapped_lines_are_joined() {
    let raw = "\
Облыс әкімі БҰҰ өкілімен кездесті

Біріккен Ұлттар Ұйымы үшжылдық бағдарламаны жүзеге
асыру барысында аймақ халқының өмір сүру сапасын жақсартуға
қаржы бөлуді жоспарлап отыр. Бұл туралы облыс әкімі мәлімдеді.
";
    let a = clean(raw);
    let p = paras(&a.body);
    assert_eq!(p.len(), 2, "{p:#?}");
    assert!(p[1].contains("жүзеге асыру барысында"));
}

#[test]
fn crlf_lines_are_joined_too() {
    let raw = "Облыс әкімі БҰҰ өкілімен кездесті\r\n\r\nБіріккен Ұлттар Ұйымы үшжылдық бағдарламаны жүзеге\r\nасыру барысында аймақ халқының өмір сүру сапасын жақсартуға қаржы бөлуді жоспарлап отыр.\r\n";
    let a = clean(raw);
    assert_eq!(paras(&a.body).len(), 2, "{}", a.body);
    assert!(!a.body.contains('\r'));
}

#[test]
fn kyrgyz_and_uzbek_chrome() {
    let ky = "\
Башкы бет
Ысык-Көл облусуна Казакстандын элчиси келди
Ысык-Көл облусуна Казакстандын Кыргызстандагы элчиси келип, облустун жетекчилиги менен жолугушту. Тараптар туризм тармагындагы кызматташтыкты талкуулашты.
Окшош жаңылыктар
Бишкекте жаңы мектеп ачылды
";
    let a = clean(ky);
    assert_eq!(a.title.as_deref(), Some("Ысык-Көл облусуна Казакстандын элчиси келди"));
    assert!(!a.body.contains("мектеп"));
    let uz = "\
Bosh sahifa
Xorazm viloyatiga Turkmaniston delegatsiyasi tashrif buyurdi. Mehmonlar viloyat hokimi bilan uchrashib, hamkorlik masalalarini muhokama qildi.
Izoh (0)
Boshqa yangiliklar
Toshkentda yangi metro bekati ochildi
";
    let a = clean(uz);
    assert!(a.body.starts_with("Xorazm viloyatiga"));
    assert!(!a.body.contains("metro"));
    assert!(!a.body.contains("Izoh"));
}

#[test]
fn prose_about_social_networks_and_comments_is_kept() {
    let raw = "\
Аким ответил на вопросы жителей

Аким города ответил на вопросы жителей в своем аккаунте в Instagram и рассказал о планах по ремонту дорог.

Комментарии жителей касались в основном благоустройства дворов и освещения улиц в новых микрорайонах.
";
    let a = clean(raw);
    assert_eq!(paras(&a.body).len(), 3, "{}", a.body);
}

#[test]
fn never_panics_on_odd_input() {
    let long = "слово ".repeat(20_000);
    let inputs = [
        "",
        "\n\n\n",
        " date ",
        " date 2024-13-45 текст",
        "|||||",
        "…",
        "ё",
        "\u{feff}\u{200b}",
        "Читайте также",
        "Author:",
        "1 2 3 4 5",
        "Жанна Балыкова,",
        long.as_str(),
        "\r\nАким\r\n\r\nАким области встретился с послом Турции и обсудил сотрудничество в сфере туризма.\r\n",
    ];
    for s in inputs {
        let a = clean(s);
        assert!(a.body.len() <= s.len() + 16);
    }
    let crlf = clean(inputs[13]);
    assert_eq!(paras(&crlf.body).len(), 1);
}

#[test]
fn a_prompt_boxed_inside_the_text_does_not_end_it() {
    let raw = "\
Аким области встретился с послом Германии

Аким области встретился с Чрезвычайным и Полномочным Послом Германии в Казахстане и обсудил перспективы сотрудничества в энергетике.

Подписывайтесь на наш Telegram-канал

Стороны договорились подготовить дорожную карту сотрудничества на ближайшие три года и провести бизнес-форум в Усть-Каменогорске осенью.

Подписывайтесь на наш Telegram-канал

Новости региона: В Семее открылся новый мост через Иртыш...
";
    let a = clean(raw);
    let p = paras(&a.body);
    assert_eq!(p.len(), 3, "{p:#?}");
    assert!(p[2].starts_with("Стороны договорились"));
    assert!(!a.body.contains("Telegram"));
    assert!(!a.body.contains("мост"));
}
