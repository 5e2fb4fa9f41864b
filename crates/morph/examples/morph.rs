//! Prints lemmas or name nominatives, one input per line:
//! `cargo run --release -p yntymaq-morph --example morph -- ru < words.txt`
//! A line `L<TAB>word` asks for the lemma, `P<TAB>words of a name` for the
//! nominative of the name; a line without a tab is a lemma request.
//! With `--bench FILE`, times `lemma` over every word of FILE instead.

use std::io::BufRead;
use std::time::Instant;
use yntymaq_morph::Morph;

fn rss_kb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM")).map(str::to_owned))
        .unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lang = args.first().map(String::as_str).unwrap_or("ru");
    let t = Instant::now();
    let m = Morph::global();
    eprintln!("load {:?}, {}", t.elapsed(), rss_kb());
    if let Some(pos) = args.iter().position(|a| a == "--bench") {
        let Some(text) = args.get(pos + 1).and_then(|p| std::fs::read_to_string(p).ok()) else {
            eprintln!("--bench needs a readable file");
            return;
        };
        let words: Vec<&str> =
            text.split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
        let distinct: std::collections::HashSet<&str> = words.iter().copied().collect();
        let t = Instant::now();
        let mut n = 0usize;
        for w in &words {
            n += m.lemma(w, lang).len();
        }
        let cold = t.elapsed();
        let t = Instant::now();
        for w in &words {
            n += m.lemma(w, lang).len();
        }
        let warm = t.elapsed();
        let t = Instant::now();
        for w in &words {
            n += m.tags(w, lang).len();
        }
        let tags = t.elapsed();
        eprintln!(
            "{} words ({} distinct): first pass {:.2} µs/word, cached {:.3} µs/word, tags {:.2} µs/word [{n}] {}",
            words.len(),
            distinct.len(),
            cold.as_secs_f64() * 1e6 / words.len() as f64,
            warm.as_secs_f64() * 1e6 / words.len() as f64,
            tags.as_secs_f64() * 1e6 / words.len() as f64,
            rss_kb()
        );
        return;
    }
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let (kind, text) = line.split_once('\t').unwrap_or(("L", line.as_str()));
        if kind == "P" {
            let words: Vec<&str> = text.split_whitespace().collect();
            println!("{kind}\t{text}\t{}", m.name_nominative(&words, lang).join(" "));
        } else {
            println!("{kind}\t{text}\t{}", m.lemma(text, lang));
        }
    }
}
