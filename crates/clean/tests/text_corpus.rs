//! The plain-text cleaner over the gold corpora: the five seed pages and the
//! dev texts. Skipped when `../shared` is absent.
//!
//! `YNTYMAQ_SHOW_CUTS=1 cargo test -p yntymaq-clean --test text_corpus -- --nocapture`
//! prints, for every dev text, what the cleaner dropped.

use std::path::PathBuf;
use yntymaq_clean::text::clean;
use yntymaq_core::shared_corpora as shared;

struct Doc {
    id: String,
    lang: String,
    text: String,
    people: Vec<String>,
}

fn read_jsonl(path: &PathBuf) -> Vec<Doc> {
    let data = std::fs::read_to_string(path).expect("read corpus");
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            let mut people = Vec::new();
            for ev in v["events"].as_array().into_iter().flatten() {
                for p in ev["people"].as_array().into_iter().flatten() {
                    if let Some(n) = p["name"].as_str() {
                        people.push(n.to_string());
                    }
                }
            }
            Doc {
                id: v["id"].as_str().unwrap_or("").to_string(),
                lang: v["lang"].as_str().unwrap_or("").to_string(),
                text: v["text"].as_str().unwrap_or("").to_string(),
                people,
            }
        })
        .collect()
}

/// The lines of `raw` (whitespace collapsed) that are not in `body`.
fn dropped(raw: &str, body: &str) -> Vec<String> {
    let body_flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let (_, raw) = yntymaq_clean::dateline::strip_date_prefix(raw);
    raw.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty() && !body_flat.contains(l.as_str()))
        .collect()
}

/// A surname's stem: its first five letters (enough to survive case endings).
fn stem(word: &str) -> String {
    word.chars().filter(|c| c.is_alphabetic()).take(5).collect::<String>().to_lowercase()
}

#[test]
fn gold_people_stay_in_dev_bodies() {
    let Some(shared) = shared() else { return };
    let show = std::env::var_os("YNTYMAQ_SHOW_CUTS").is_some();
    let mut docs = read_jsonl(&shared.join("eval/dev.jsonl"));
    assert!(docs.len() > 50);
    let dev_len = docs.len();
    docs.extend(read_jsonl(&shared.join("eval/seeds.jsonl")));
    let mut lost = Vec::new();
    let mut changed = 0;
    for d in &docs {
        let a = clean(&d.text);
        let body = a.body.to_lowercase();
        let raw = d.text.to_lowercase();
        for p in &d.people {
            let Some(surname) = p.split_whitespace().last() else { continue };
            let s = stem(surname);
            // only names the raw text spells so
            if s.chars().count() >= 4 && raw.contains(&s) && !body.contains(&s) {
                lost.push(format!("{}: {}", d.id, p));
            }
        }
        let cut = dropped(&d.text, &a.body);
        if !cut.is_empty() {
            changed += 1;
        }
        if show {
            println!(
                "=== {} title={:?} date={:?} author={:?} site={:?}",
                d.id, a.title, a.published, a.author, a.site_name
            );
            for l in &cut {
                let short: String = l.chars().take(110).collect();
                println!("  - {short}");
            }
        }
        assert!(!a.body.trim().is_empty(), "{}: empty body", d.id);
    }
    println!("{changed} of {} dev and seed texts changed ({dev_len} dev)", docs.len());
    assert!(lost.is_empty(), "gold people lost from bodies: {lost:#?}");
}

#[test]
fn show_short_kept_paragraphs() {
    let Some(shared) = shared() else { return };
    if std::env::var_os("YNTYMAQ_SHOW_KEPT").is_none() {
        return;
    }
    for d in read_jsonl(&shared.join("eval/dev.jsonl")) {
        let a = clean(&d.text);
        for p in a.body.split("\n\n") {
            if p.split_whitespace().count() <= 8 {
                println!("{}: {p}", d.id);
            }
        }
    }
}

fn dev(id: &str) -> Option<yntymaq_clean::Article> {
    let shared = shared()?;
    let docs = read_jsonl(&shared.join("eval/dev.jsonl"));
    let d = docs.iter().find(|d| d.id == id).unwrap_or_else(|| panic!("{id} not in dev.jsonl"));
    Some(clean(&d.text))
}

fn date(y: i32, m: u32, d: u32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn dev_pages_with_widgets_and_datelines() {
    // weather, currency, date line with author, subscribe prompt
    let Some(a) = dev("kk-001") else { return };
    assert_eq!(a.title.as_deref(), Some("ШҚО әкімі Ресейдің Өскемендегі бас консулымен кездесті"));
    assert_eq!(a.published, date(2023, 12, 21));
    for junk in ["517.84", "м/с", "-32", "Instagram", "Фото:"] {
        assert!(!a.body.contains(junk), "{junk}");
    }
    assert!(a.body.contains("Алан Хетагуров кездесуде айтылған ұсыныстарды"));

    let Some(a) = dev("ru-021") else { return };
    assert_eq!(a.title.as_deref(), Some("В Актау откроется генеральное консульство России"));
    for junk in ["442.05", "€", "₽", "просмотров", "ясно"] {
        assert!(!a.body.contains(junk), "{junk}");
    }

    // a weekday header date is chrome; a weekday date with a time is the dateline
    let Some(a) = dev("ru-075") else { return };
    assert_eq!(a.published, None);
    assert_eq!(a.title.as_deref(), Some("Разрабатывать недра вместе"));
    let Some(a) = dev("kk-018") else { return };
    assert_eq!(a.published, date(2017, 3, 27));
    assert_eq!(a.title.as_deref(), Some("Облыс делегациясы Өзбекстанда болды"));
    assert!(!a.body.contains("uzbeks"));

    let Some(a) = dev("en-115") else { return };
    assert_eq!(a.published, date(2023, 9, 28));
    let Some(a) = dev("kk-126") else { return };
    assert_eq!(a.published, date(2025, 5, 2));
    let Some(a) = dev("kk-035") else { return };
    assert_eq!(a.published, date(2017, 10, 17));
    // agency dateline without a year
    let Some(a) = dev("ru-031") else { return };
    assert_eq!(a.published, None);
    assert_eq!(a.title.as_deref(), Some("В Караганде открылось почетное консульство Украины"));
}

#[test]
fn dev_pages_with_author_boxes_and_teasers() {
    // an author card (name, name, bio) closes the article
    let Some(a) = dev("en-113") else { return };
    assert_eq!(a.author.as_deref(), Some("Sergey Kwan"));
    assert!(!a.body.contains("Sergey Kwan"));
    assert!(a.body.contains("establishment of joint ventures."));
    // author label at the end, tags after it
    let Some(a) = dev("en-003") else { return };
    assert_eq!(a.author.as_deref(), Some("Alzhanova Raushan"));
    assert!(!a.body.contains("Author"));
    assert!(!a.body.ends_with("President of Kazakhstan"));
    // "read also" with nothing after it, partners' news
    let Some(a) = dev("kk-029") else { return };
    assert!(!a.body.contains("Оқи отырыңыз"));
    assert!(!a.body.contains("Серіктестер"));
    assert!(a.body.contains("Жәйремде"));
    // a promo that is a whole sentence
    let Some(a) = dev("ru-117") else { return };
    assert!(!a.body.contains("Много сидишь"));
    assert_eq!(a.author.as_deref(), Some("Борис Уржанов"));
    // a share widget, then the lead repeated
    let Some(a) = dev("ru-010") else { return };
    assert_eq!(a.body.matches("Туркестанскую область с рабочим визитом").count(), 1);
    assert!(!a.body.contains("ПОДЕЛИТЬСЯ"));
    // the cut-off end of the excerpt is kept
    let Some(a) = dev("ru-012") else { return };
    assert!(a.body.ends_with("В свою очередь Йоханнес Зингхаммер выра"));
}

/// Release timing: `cargo test --release -p yntymaq-clean --test text_corpus timing -- --ignored --nocapture`
#[test]
#[ignore]
fn timing() {
    let Some(shared) = shared() else { return };
    let docs = read_jsonl(&shared.join("eval/dev.jsonl"));
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let _ = clean(&docs[0].text);
    let rounds = 200;
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for d in &docs {
            n += clean(&d.text).body.len();
        }
    }
    let per_doc = t.elapsed().as_secs_f64() / (rounds * docs.len()) as f64;
    let per_2kb = per_doc * 2048.0 / (bytes as f64 / docs.len() as f64);
    println!(
        "{n} bytes out; {:.1} µs per doc, {:.1} µs per 2 KB (avg doc {} bytes)",
        per_doc * 1e6,
        per_2kb * 1e6,
        bytes / docs.len()
    );
    let t = std::time::Instant::now();
    let mut k = 0;
    for _ in 0..rounds {
        for d in &docs {
            k += yntymaq_clean::dateline::publication_date(&d.text).is_some() as usize;
        }
    }
    let per_doc = t.elapsed().as_secs_f64() / (rounds * docs.len()) as f64;
    println!("publication_date alone: {:.1} µs per doc ({k})", per_doc * 1e6);
    let langs: std::collections::BTreeSet<&str> = docs.iter().map(|d| d.lang.as_str()).collect();
    println!("languages: {langs:?}");
}

/// Cleans every `*.txt` of `$YNTYMAQ_CLEAN_DIR` into a `*.json` beside it
/// (title, body, published, author): for measuring the cleaner on other
/// scraped texts. `cargo test -p yntymaq-clean --test text_corpus clean_dir -- --ignored`
#[test]
#[ignore]
fn clean_dir() {
    let Some(dir) = std::env::var_os("YNTYMAQ_CLEAN_DIR") else { return };
    for e in std::fs::read_dir(dir).expect("read dir").filter_map(Result::ok) {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "txt") {
            let raw = std::fs::read_to_string(&p).expect("read text");
            let a = clean(&raw);
            let v = serde_json::json!({
                "title": a.title, "body": a.body, "author": a.author,
                "published": a.published.map(|d| d.to_string()),
            });
            std::fs::write(p.with_extension("json"), v.to_string()).expect("write json");
        }
    }
}
