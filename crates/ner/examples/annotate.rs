//! Tags a JSON Lines file of documents with the embedded NER models.
//!
//! ```text
//! cargo run --release -p yntymaq-ner --example annotate -- IN.jsonl [OUT.jsonl] [--lang ru]
//! ```
//! Reads `{"id", "text"[, "lang"]}` per line (the language: the line's
//! `lang`, else `--lang`, else `ru`) and writes `{"id", "entities":
//! [{"start", "end", "label", "text"}]}` with offsets in Unicode characters.
//! Prints the load time and the tagging speed (tokenising included) to stderr.

use serde::Deserialize;
use std::io::{BufRead, Write};
use std::time::{Duration, Instant};
use yntymaq_core::{tokenize, CharOffsets};
use yntymaq_ner::Tagger;

#[derive(Deserialize)]
struct In {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    lang: Option<String>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = Vec::new();
    let mut lang = "ru".to_string();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--lang" {
            lang = it.next().ok_or("--lang needs a value")?.clone();
        } else {
            pos.push(a.clone());
        }
    }
    let input = pos.first().ok_or("usage: annotate IN.jsonl [OUT.jsonl] [--lang ru]")?;
    let t0 = Instant::now();
    let tagger = Tagger::global();
    // the morphology dictionary loads on first use: warm it up here
    let _ = tagger.tag("Астана", &tokenize("Астана"), "ru");
    let _ = tagger.tag("Астана", &tokenize("Астана"), "kk");
    let load = t0.elapsed();
    let out: Box<dyn Write> = match pos.get(1) {
        Some(p) => Box::new(std::fs::File::create(p)?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::new(out);
    let reader = std::io::BufReader::new(std::fs::File::open(input)?);
    let (mut chars, mut docs, mut spent) = (0usize, 0usize, Duration::ZERO);
    for line in reader.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: In = serde_json::from_str(&line)?;
        let l = doc.lang.as_deref().unwrap_or(&lang);
        let t = Instant::now();
        let tokens = tokenize(&doc.text);
        let ents = tagger.tag(&doc.text, &tokens, l);
        spent += t.elapsed();
        chars += doc.text.chars().count();
        docs += 1;
        let co = CharOffsets::new(&doc.text);
        let list: Vec<serde_json::Value> = ents
            .iter()
            .map(|e| {
                serde_json::json!({"start": co.char_at(e.span.start), "end": co.char_at(e.span.end),
                    "label": e.label.as_str(), "text": e.span.slice(&doc.text)})
            })
            .collect();
        writeln!(out, "{}", serde_json::json!({"id": doc.id, "entities": list}))?;
    }
    out.flush()?;
    let secs = spent.as_secs_f64().max(1e-9);
    eprintln!(
        "annotate: load {:.0} ms ({:.1} MB of models); {docs} documents, {chars} chars in {:.3} s: {:.0} chars/s",
        load.as_secs_f64() * 1e3,
        tagger.memory() as f64 / 1e6,
        secs,
        chars as f64 / secs
    );
    Ok(())
}
