//! Times money(), figures() and dates() over the dev corpus texts:
//! `cargo run --release -p yntymaq-recognize --example recognize_bench [path/to/dev.jsonl]`.

use std::time::Instant;
use yntymaq_core::{sentences, tokenize};

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval/dev.jsonl").to_owned());
    let Ok(src) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        return;
    };
    let docs: Vec<(String, String)> = src
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|d| (d["text"].as_str().unwrap_or("").to_owned(), d["lang"].as_str().unwrap_or("und").to_owned()))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let prepared: Vec<_> = docs
        .iter()
        .map(|(t, l)| {
            let toks = tokenize(t);
            let s = sentences(t, &toks);
            (t.as_str(), l.as_str(), toks, s)
        })
        .collect();
    let rounds = 20;
    let per2k = |d: std::time::Duration| d.as_secs_f64() * 1e6 / rounds as f64 / (bytes as f64 / 2048.0);
    let t = Instant::now();
    for _ in 0..rounds {
        for (text, _, _, _) in &prepared {
            let toks = tokenize(text);
            std::hint::black_box(sentences(text, &toks));
        }
    }
    println!("tokenize+sentences: {:.1} µs per 2 KB", per2k(t.elapsed()));
    let mut n = 0;
    let t = Instant::now();
    for _ in 0..rounds {
        for (text, lang, toks, _) in &prepared {
            n += yntymaq_recognize::money(text, toks, lang).len();
        }
    }
    println!("money: {:.1} µs per 2 KB ({} amounts)", per2k(t.elapsed()), n / rounds);
    let t = Instant::now();
    n = 0;
    for _ in 0..rounds {
        for (text, lang, toks, s) in &prepared {
            n += yntymaq_recognize::figures(text, toks, s, lang, None).len();
        }
    }
    println!("figures: {:.1} µs per 2 KB ({} figures)", per2k(t.elapsed()), n / rounds);
    let t = Instant::now();
    n = 0;
    for _ in 0..rounds {
        for (text, lang, toks, _) in &prepared {
            n += yntymaq_recognize::dates(text, toks, lang, Some(2025)).len();
        }
    }
    println!("dates: {:.1} µs per 2 KB ({} dates)", per2k(t.elapsed()), n / rounds);
}
