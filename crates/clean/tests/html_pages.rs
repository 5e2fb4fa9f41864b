//! The HTML extractor on pages built in the shape of Kazakh and Russian
//! regional news sites: header with menu and a date/weather widget, sidebar
//! teasers, the article, share bar, tags, comments and a comment form, footer.

use chrono::NaiveDate;
use yntymaq_clean::html::extract;

fn page(name: &str) -> String {
    let path = format!("{}/tests/fixtures/html/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Every expected paragraph is in the body, whole, as its own paragraph, in
/// order; no chrome string is anywhere in it.
fn check_body(body: &str, paragraphs: &[&str], chrome: &[&str]) {
    let got: Vec<&str> = body.split("\n\n").collect();
    let mut pos = 0;
    for p in paragraphs {
        let at = got.iter().skip(pos).position(|g| g == p);
        assert!(at.is_some(), "missing or out of order paragraph {p:?}\nin body:\n{body}");
        pos += at.unwrap_or(0) + 1;
    }
    for c in chrome {
        assert!(!body.contains(c), "chrome {c:?} leaked into body:\n{body}");
    }
}

#[test]
fn russian_regional_page() {
    let a = extract(&page("ru_regional.html"));
    check_body(
        &a.body,
        &[
            "Аким Восточно-Казахстанской области Ермек Кошербаев провёл встречу с Чрезвычайным и Полномочным Послом Республики Корея в Казахстане Ким Дэ Сиком, сообщает пресс-служба акима региона.",
            "Стороны обсудили вопросы сотрудничества в сфере образования, промышленности и туризма. Глава региона отметил, что товарооборот между Восточным Казахстаном и Кореей по итогам прошлого года составил 39,5 млн долларов США.",
            "«Мы заинтересованы в привлечении корейских инвестиций в машиностроение и переработку сельскохозяйственной продукции. Для инвесторов в области созданы все условия», – подчеркнул аким.",
            "Образование и культура",
            "Посол сообщил, что в следующем году в Усть-Каменогорске планируется открыть центр корейского языка при Восточно-Казахстанском университете имени С. Аманжолова.",
            "обмен студентами между вузами двух стран;",
            "совместные курсы повышения квалификации для учителей;",
            "дни корейской культуры в Усть-Каменогорске и Семее.",
            "По итогам встречи стороны договорились подготовить меморандум о сотрудничестве между акиматом области и провинцией Кёнсан-Пукто.",
        ],
        &[
            "Сегодня", "облачно", "USD", "Главная", "Контакты", "Поделиться", "Теги", "Комментари", "Алексей",
            "дороги", "Отправить", "Новые статьи", "молока", "Риддер", "Популярное", "бензин", "©", "Адрес редакции",
            "gtag", "Просмотров",
        ],
    );
    assert!(!a.body.starts_with("Аким ВКО встретился"), "the headline is not body text: {}", a.body);
    assert_eq!(a.title.as_deref(), Some("Аким ВКО встретился с Чрезвычайным и Полномочным Послом Республики Корея"));
    // the dateline under the headline, not the header's "today"
    assert_eq!(a.published, date(2025, 3, 12));
    assert_eq!(a.author.as_deref(), Some("Иван Петров"));
}

#[test]
fn kazakh_regional_page() {
    let a = extract(&page("kk_regional.html"));
    check_body(
        &a.body,
        &[
            "Түркістан облысының әкімі Дархан Сатыбалды Өзбекстан Республикасы Ташкент облысының хокимі бастаған делегацияны қабылдады. Кездесуде екі өңір арасындағы сауда-экономикалық байланыстарды нығайту мәселелері талқыланды.",
            "Өңір басшысының айтуынша, биылғы сегіз айда Түркістан облысы мен Өзбекстан арасындағы тауар айналымы 450 миллион долларды құрады. Бұл өткен жылдың осы кезеңімен салыстырғанда 12 пайызға артық.",
            "Тараптар шекара маңындағы сауда орталығының құрылысын жеделдетуге, сондай-ақ ауыл шаруашылығы өнімдерін өңдеу саласында бірлескен кәсіпорындар ашуға келісті.",
            "«Өзбекстан – біздің стратегиялық серіктесіміз. Екі өңірдің кәсіпкерлері үшін барлық жағдайды жасаймыз», – деді облыс әкімі.",
            "Кездесу қорытындысы бойынша тараптар білім беру, туризм және мәдениет салаларындағы ынтымақтастық туралы меморандумға қол қойды.",
        ],
        &[
            "Бүгін", "+18°C", "Басты бет", "Саясат", "Facebook", "Басқа жаңалықтар", "мектеп", "Кентау", "Пікір",
            "Жіберу", "Соңғы жаңалықтар", "егін", "©", "Мекенжайы", "googletagmanager",
        ],
    );
    assert_eq!(a.title.as_deref(), Some("Түркістан облысының әкімі Өзбекстан делегациясын қабылдады"));
    assert_eq!(a.published, date(2024, 10, 3));
    assert_eq!(a.author.as_deref(), Some("Айгүл Сәрсенбаева"));
    assert_eq!(a.site_name.as_deref(), Some("Оңтүстік Жаңалықтары"));
}

#[test]
fn english_regional_page() {
    let a = extract(&page("en_regional.html"));
    check_body(
        &a.body,
        &[
            "The akimat of Pavlodar region and the government of Omsk region of Russia signed a roadmap on industrial and agricultural cooperation for 2025–2027 during a working visit of the Omsk delegation to Pavlodar.",
            "According to the regional akimat, trade turnover between the two regions reached 1.2 billion US dollars last year, with metals, grain and machinery accounting for most of the exchange.",
            "The document provides for joint projects in machine building, the supply of agricultural equipment, and the development of logistics routes along the Irtysh river.",
            "\"Omsk is our closest neighbour and a key partner. Today we have agreed on concrete steps for our enterprises,\" said the akim of Pavlodar region, Asain Baikhanov.",
            "The parties also agreed to hold a joint investment forum in Omsk in the autumn.",
        ],
        &[
            "Wednesday", "snow", "Home", "About us", "Read also", "cross-border", "Share", "comments", "great news",
            "Post comment", "Latest news", "Ekibastuz", "Novosibirsk", "©", "rights reserved", "_paq", "By Dana",
        ],
    );
    assert_eq!(a.title.as_deref(), Some("Pavlodar region and Omsk sign roadmap on industrial cooperation"));
    assert_eq!(a.published, date(2025, 2, 27));
    assert_eq!(a.author.as_deref(), Some("Dana Akhmetova"));
}

#[test]
fn header_date_is_not_the_publication_date() {
    // Only chrome carries a date: the page states none for its article.
    let html = r#"<html><body>
      <div class="header"><span class="header-date">Сегодня: 19 марта 2025</span><span class="weather">+3°C</span></div>
      <div class="content"><h1>Заголовок</h1>
      <p>Первый абзац статьи, достаточно длинный, чтобы быть абзацем основного текста страницы, с запятыми, как положено.</p>
      <p>Второй абзац статьи продолжает рассказ о встрече акима области с делегацией, и тоже достаточно длинный.</p></div>
    </body></html>"#;
    let a = extract(html);
    assert!(a.body.contains("Первый абзац") && a.body.contains("Второй абзац"), "{}", a.body);
    assert!(!a.body.contains("Сегодня"), "{}", a.body);
    assert_eq!(a.published, None);
}

#[test]
fn paragraph_breaks_and_line_breaks() {
    let html = "<html><body><div class=\"article-text\">\
        <p>First paragraph of the story, with enough words to count as prose in the article body.</p>\
        Second paragraph written as bare text in the container, followed by two line breaks.<br><br>\
        Third paragraph after the breaks, still part of the same story about the regional visit.<br>\
        and its second line.\
        <h3>A subheading</h3><ul><li>one item of the list</li><li>another item of the list</li></ul>\
        </div></body></html>";
    let a = extract(html);
    let paras: Vec<&str> = a.body.split("\n\n").collect();
    assert_eq!(
        paras,
        vec![
            "First paragraph of the story, with enough words to count as prose in the article body.",
            "Second paragraph written as bare text in the container, followed by two line breaks.",
            "Third paragraph after the breaks, still part of the same story about the regional visit.\nand its second line.",
            "A subheading",
            "one item of the list",
            "another item of the list",
        ],
        "{}",
        a.body
    );
}

#[test]
fn malformed_and_empty_input_never_panics() {
    for html in [
        "",
        "<",
        "<<<>>>",
        "<script>never closed",
        "<style>",
        "<!--",
        "<!-->x",
        "<p>unclosed <b>bold <i>italic <a href='x'>link",
        "</div></div></p>",
        "<table><tr><td>cell<td>cell<tr><td>row",
        "<div class=\"a\" id=\"b\" style=\"display: none\">hidden</div>",
        "\u{0}\u{feff}<html>\u{0}</html>",
        "<script type=\"application/ld+json\">{\"datePublished\": \"20",
        "<meta property=\"article:published_time\" content=\"not a date\">",
    ] {
        let a = extract(html);
        assert!(!a.body.contains("hidden"));
        assert!(!a.body.contains("never closed"));
    }
    let deep = "<div>".repeat(5000) + "deep text" + &"</div>".repeat(5000);
    let _ = extract(&deep);
    // many stray end tags under a deep stack: bounded work
    let stray = "<div>".repeat(2000) + &"</span>".repeat(20_000) + &"<p>text ".repeat(20_000);
    let t = std::time::Instant::now();
    let _ = extract(&stray);
    assert!(t.elapsed().as_secs() < 20, "pathological page took {:?}", t.elapsed());
}

#[test]
fn script_and_comment_bodies_are_not_text() {
    let html = r#"<html><head><script>var a = "</div><p>fake paragraph from a script that is long enough to count</p>";</script></head>
      <body><!-- <p>commented out paragraph that is long enough to be taken as text</p> -->
      <div class="post-content"><p>The only real paragraph of this article, which is long enough to be prose text.</p></div>
      <style>p { color: red }</style></body></html>"#;
    let a = extract(html);
    assert_eq!(a.body, "The only real paragraph of this article, which is long enough to be prose text.");

    // `<script` inside a quoted attribute value is not a tag
    let html = r#"<html><body><div class="post-content" data-embed="<script>" title='a > b'>
      <p>A paragraph right after an element whose attribute holds markup, long enough to be prose.</p>
      <p>A second paragraph of the same article, also long enough to be taken as prose text here.</p></div></body></html>"#;
    let a = extract(html);
    assert!(a.body.starts_with("A paragraph right after"), "{}", a.body);
    assert!(a.body.ends_with("taken as prose text here."), "{}", a.body);
}

#[test]
fn dateline_with_month_names_near_the_article() {
    for (dateline, want) in [
        ("3 октября 2024, 11:15", date(2024, 10, 3)),
        ("03 қазан 2024, 11:15", date(2024, 10, 3)),
        ("October 3, 2024 11:15", date(2024, 10, 3)),
    ] {
        let html = format!(
            r#"<html><body>
            <div class="top"><span>Пятница, 19 марта 2025</span> <span class="weather">+3°C</span></div>
            <div class="main-column"><h1>Заголовок статьи</h1><div class="news-date">{dateline}</div>
            <div class="text"><p>Первый абзац статьи, достаточно длинный, чтобы быть абзацем основного текста, с запятыми.</p>
            <p>Второй абзац статьи продолжает рассказ о встрече акима области с делегацией, и тоже достаточно длинный.</p></div></div>
            </body></html>"#
        );
        let a = extract(&html);
        assert_eq!(a.published, want, "{dateline}");
        assert!(!a.body.contains(dateline), "{}", a.body);
    }
}
