//! Speed of the tagger alone on a gold corpus, single-threaded, and its
//! output for diffing before/after a change.
//!
//! ```text
//! cargo run --release -p yntymaq-ner --example bench -- \
//!     ../shared/eval/ner/factru_dev.jsonl [--lang ru] [--rounds 5] [--out /tmp/pred.jsonl]
//! ```
//! Tokenisation is done once up front and not timed; the first round warms
//! the morphology caches and is not timed either.

use std::io::Write;
use std::time::Instant;
use yntymaq_ner::corpus::{read_jsonl, Doc};
use yntymaq_ner::Tagger;

/// The timed work, a function of its own so that a profiler can be told to
/// count it alone (`valgrind --tool=callgrind --toggle-collect='bench::timed_rounds'`).
#[inline(never)]
fn timed_rounds(tagger: &Tagger, docs: &[Doc], langs: &[String], rounds: usize) {
    for _ in 0..rounds {
        for (d, lang) in docs.iter().zip(langs) {
            std::hint::black_box(tagger.tag(&d.text, &d.tokens, lang));
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let path = args.first().ok_or("usage: bench FILE.jsonl [--lang L] [--rounds N] [--out PATH]")?;
    let rounds: usize = get("--rounds").map(|r| r.parse()).transpose()?.unwrap_or(5);
    let docs = read_jsonl(path)?;
    let tagger = Tagger::global();
    let lang_of =
        |d: &yntymaq_ner::corpus::Doc| get("--lang").or_else(|| d.lang.clone()).unwrap_or_else(|| "ru".into());
    let chars: usize = docs.iter().map(|d| d.text.chars().count()).sum();
    let mut n_ents = 0usize;
    for d in &docs {
        n_ents += tagger.tag(&d.text, &d.tokens, &lang_of(d)).len();
    }
    let langs: Vec<String> = docs.iter().map(lang_of).collect();
    let t0 = Instant::now();
    timed_rounds(tagger, &docs, &langs, rounds);
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "{path}: {} docs, {chars} chars, {n_ents} entities; tagger {:.0} chars/s on one core ({rounds} rounds, {:.3} s)",
        docs.len(),
        (chars * rounds) as f64 / secs.max(1e-9),
        secs
    );
    if let Some(out) = get("--out") {
        let mut f = std::io::BufWriter::new(std::fs::File::create(out)?);
        for d in &docs {
            let ents = tagger.tag(&d.text, &d.tokens, &lang_of(d));
            writeln!(f, "{}", yntymaq_ner::corpus::prediction_line(&d.id, &d.text, &ents))?;
        }
    }
    Ok(())
}
