//! Timing of the lang stage on ~2 KB documents, no benchmark framework:
//! `cargo run --release -p yntymaq-lang --example speed [-- FILE.jsonl]`.
//! With a JSON Lines file (field `text`) it times those texts; otherwise it
//! times built-in pages made from the sample texts in data/lang/samples.
use std::time::Instant;

const SAMPLES: &[&str] = &[
    include_str!("../../../data/lang/samples/ru.txt"),
    include_str!("../../../data/lang/samples/kk.txt"),
    include_str!("../../../data/lang/samples/en.txt"),
    include_str!("../../../data/lang/samples/ky.txt"),
    include_str!("../../../data/lang/samples/uz-latn.txt"),
    include_str!("../../../data/lang/samples/kk-latn.txt"),
];

/// A ~2 KB prefix of `s`, cut at a char boundary.
fn two_kb(s: &str) -> String {
    let mut end = s.len().min(2048);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_string()
}

fn main() {
    let docs: Vec<String> = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(&path)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|d| d["text"].as_str().map(str::to_string))
            .collect(),
        None => SAMPLES.iter().map(|s| two_kb(s)).collect(),
    };
    if docs.is_empty() {
        eprintln!("no documents");
        return;
    }
    let bytes: usize = docs.iter().map(String::len).sum();
    // Warm up (builds the models once).
    let _ = yntymaq_lang::identify(&docs[0]);
    let rounds = (20_000 / docs.len()).max(1);
    let mut sink = 0usize;
    let t = Instant::now();
    for _ in 0..rounds {
        for d in &docs {
            sink += yntymaq_lang::identify(d).code.len();
        }
    }
    let id_secs = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for _ in 0..rounds {
        for d in &docs {
            let st = yntymaq_lang::lang_stage(d);
            sink += st.paragraphs.len() + st.analysis.map_or(0, |a| a.text.len());
        }
    }
    let stage_secs = t.elapsed().as_secs_f64();
    let n = (rounds * docs.len()) as f64;
    let avg_kb = bytes as f64 / docs.len() as f64 / 1024.0;
    println!("{} docs of {avg_kb:.2} KB on average, {rounds} rounds (sink {sink})", docs.len());
    println!("identify:                       {:>8.0} docs/s ({:.1} µs/doc)", n / id_secs, id_secs / n * 1e6);
    println!(
        "lang_stage (lang+paragraphs+translit): {:>8.0} docs/s ({:.1} µs/doc)",
        n / stage_secs,
        stage_secs / n * 1e6
    );
    let t = Instant::now();
    let kk_latn = two_kb(SAMPLES[5]);
    for _ in 0..2000 {
        sink += yntymaq_lang::to_cyrillic(&kk_latn).map.len();
    }
    let s = t.elapsed().as_secs_f64();
    println!("to_cyrillic (2 KB Latin Kazakh): {:>7.0} docs/s (sink {sink})", 2000.0 / s);
}
