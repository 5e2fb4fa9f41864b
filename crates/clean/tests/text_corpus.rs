//! The plain-text cleaner over the gold corpora: the five seed pages and the
//! dev texts. Skipped when `../shared` is absent.
//!
//! `YNTYMAQ_SHOW_CUTS=1 cargo test -p yntymaq-clean --test text_corpus -- --nocapture`
//! prints, for every dev text, what the cleaner dropped.

use std::path::PathBuf;
use yntymaq_clean::text::clean;

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    if p.is_dir() {
        Some(p)
    } else {
        println!("skipped: ../shared not found");
        None
    }
}

struct Doc {
    id: String,
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
    let docs = read_jsonl(&shared.join("eval/dev.jsonl"));
    assert!(docs.len() > 50);
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
    println!("{changed} of {} dev texts changed", docs.len());
    assert!(lost.is_empty(), "gold people lost from bodies: {lost:#?}");
}
