//! Times `find`, `sectors`, `triggers` and `agreements` over the dev corpus texts
//! (cut into ~2 KB documents): `cargo run --release -p yntymaq-gazetteer --example gazetteer_bench`.

use std::time::Instant;
use yntymaq_core::tokenize;
use yntymaq_gazetteer::Gazetteer;

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval/dev.jsonl");
    let Ok(src) = std::fs::read_to_string(path) else {
        println!("skipped: ../shared not found");
        return;
    };
    let t0 = Instant::now();
    let g = Gazetteer::global();
    println!("load: {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
    let mut docs: Vec<(String, String)> = Vec::new();
    for line in src.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let text = v["text"].as_str().unwrap_or("");
        let lang = v["lang"].as_str().unwrap_or("und").to_string();
        let mut start = 0;
        while start < text.len() {
            let mut end = (start + 2048).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            docs.push((text[start..end].to_string(), lang.clone()));
            start = end;
        }
    }
    let toks: Vec<_> = docs.iter().map(|(t, _)| tokenize(t)).collect();
    let rounds = 20;
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for ((text, lang), tk) in docs.iter().zip(&toks) {
            n += g.find(text, tk, lang, None).len();
            n += g.sectors(text, tk, lang).len();
            n += g.triggers(text, tk, lang).len();
            n += g.agreements(text, tk, lang).len();
        }
    }
    let per = t.elapsed().as_secs_f64() * 1e6 / (rounds * docs.len()) as f64;
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    println!(
        "{} docs, {} bytes on average, {} matches per round: {:.1} µs/doc",
        docs.len(),
        bytes / docs.len(),
        n / rounds,
        per
    );
    let t = Instant::now();
    for _ in 0..rounds {
        for ((text, lang), tk) in docs.iter().zip(&toks) {
            std::hint::black_box(g.find(text, tk, lang, None));
        }
    }
    println!("find alone: {:.1} µs/doc", t.elapsed().as_secs_f64() * 1e6 / (rounds * docs.len()) as f64);
}
