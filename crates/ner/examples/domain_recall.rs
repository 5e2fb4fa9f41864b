//! Domain recall of people: how many of the gold people of the event corpora
//! (`../shared/eval/seeds.jsonl`, `dev.jsonl`) the tagger finds as PER.
//!
//! ```text
//! cargo run --release -p yntymaq-ner --example domain_recall [-- FILE.jsonl ...] [--show-false]
//! ```
//! A person counts as found when a PER entity of the document covers a word
//! of the text that is a form of the name's surname (see
//! [`yntymaq_ner::recall`]). Prints the people missed, per language figures,
//! and with `--show-false` the PER entities that cover none of the gold names.

use yntymaq_ner::recall::{domain_recall, read_gold_people};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_false = args.iter().any(|a| a == "--show-false");
    let mut files: Vec<String> = args.iter().filter(|a| !a.starts_with("--")).cloned().collect();
    if files.is_empty() {
        let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval");
        files = vec![format!("{shared}/seeds.jsonl"), format!("{shared}/dev.jsonl")];
    }
    let mut docs = Vec::new();
    for f in &files {
        docs.extend(read_gold_people(f)?);
    }
    let r = domain_recall(&docs);
    for m in &r.missed {
        println!("MISSED {} [{}] {}: {}", m.doc, m.lang, m.name, m.context);
    }
    if show_false {
        for (doc, lang, t) in &r.unmatched_per {
            println!("OTHER-PER {doc} [{lang}] {t}");
        }
    }
    for (lang, found, total) in &r.by_lang {
        println!("{lang}: {found}/{total} = {:.3}", *found as f64 / (*total).max(1) as f64);
    }
    println!(
        "all: {}/{} = {:.3} (names absent from the text: {})",
        r.found,
        r.total,
        r.found as f64 / r.total.max(1) as f64,
        r.absent
    );
    Ok(())
}
