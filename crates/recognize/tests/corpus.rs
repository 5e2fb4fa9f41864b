//! Corpus test: the gold figures of seeds.jsonl and dev.jsonl that figures()
//! finds in the document text (metric, currency, value within 1%), and the
//! figures it adds that the gold does not have (relevant documents only: the
//! assembler drops the figures of documents it finds not relevant).

use chrono::NaiveDate;
use std::path::Path;
use std::time::Instant;
use yntymaq_core::{sentences, tokenize};
use yntymaq_recognize::figures;

fn dateline(text: &str) -> Option<NaiveDate> {
    let t = text.trim_start();
    let rest = t.strip_prefix("date ")?;
    NaiveDate::parse_from_str(rest.get(..10)?, "%Y-%m-%d").ok()
}

#[test]
fn gold_figures_are_found() {
    let shared = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    if !shared.exists() {
        println!("skipped: ../shared not found");
        return;
    }
    let (mut gold_n, mut found, mut pred_n, mut correct) = (0usize, 0usize, 0usize, 0usize);
    let mut bytes = 0usize;
    let mut elapsed = std::time::Duration::ZERO;
    for file in ["seeds.jsonl", "dev.jsonl"] {
        let Ok(src) = std::fs::read_to_string(shared.join("eval").join(file)) else { continue };
        for line in src.lines().filter(|l| !l.trim().is_empty()) {
            let doc: serde_json::Value = serde_json::from_str(line).expect("gold line is JSON");
            let text = doc["text"].as_str().unwrap_or("");
            let lang = doc["lang"].as_str().unwrap_or("und");
            let id = doc["id"].as_str().unwrap_or("");
            let relevant = doc["relevant"].as_bool().unwrap_or(false);
            let gold: Vec<(String, String, f64)> = doc["events"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|e| e["figures"].as_array().cloned().unwrap_or_default())
                .map(|f| {
                    (
                        f["metric"].as_str().unwrap_or("").to_owned(),
                        f["currency"].as_str().unwrap_or("").to_owned(),
                        f["value"].as_f64().unwrap_or(0.0),
                    )
                })
                .collect();
            let t0 = Instant::now();
            let toks = tokenize(text);
            let sents = sentences(text, &toks);
            let figs = figures(text, &toks, &sents, lang, dateline(text));
            elapsed += t0.elapsed();
            bytes += text.len();
            let pred: Vec<_> = figs.iter().filter(|f| !f.is_change).collect();
            let close = |a: f64, b: f64| (a - b).abs() <= 0.01 * b.abs();
            for g in &gold {
                gold_n += 1;
                if pred.iter().any(|p| p.metric == g.0 && p.currency == g.1 && close(p.value, g.2)) {
                    found += 1;
                } else {
                    println!("MISS {id}: {g:?}");
                }
            }
            if relevant {
                for p in &pred {
                    pred_n += 1;
                    if gold.iter().any(|g| p.metric == g.0 && p.currency == g.1 && close(p.value, g.2)) {
                        correct += 1;
                    } else {
                        println!(
                            "FALSE {id}: {} {} {} {:?} «{}»",
                            p.metric,
                            p.value,
                            p.currency,
                            p.period,
                            p.span.slice(text)
                        );
                    }
                }
            }
        }
    }
    if gold_n == 0 {
        println!("skipped: no gold figures");
        return;
    }
    let recall = found as f64 / gold_n as f64;
    let precision = if pred_n == 0 { 0.0 } else { correct as f64 / pred_n as f64 };
    let us_per_2kb = elapsed.as_secs_f64() * 1e6 / (bytes as f64 / 2048.0);
    println!("figures: recall {found}/{gold_n} = {recall:.3}, precision {correct}/{pred_n} = {precision:.3}, {us_per_2kb:.1} µs per 2 KB (incl. tokenizer)");
    assert!(recall >= 0.9, "recall {recall:.3}");
    assert!(precision >= 0.75, "precision {precision:.3}");
}

/// KazNERD's MONEY spans (Kazakh transcripts, numbers mostly in words): the
/// share money() finds exactly, and the share of its spans that are gold.
#[test]
fn kaznerd_money_spans() {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval/ner/kaznerd_valid.jsonl"));
    let Ok(src) = std::fs::read_to_string(path) else {
        println!("skipped: ../shared not found");
        return;
    };
    let (mut gold_n, mut pred_n, mut hit) = (0usize, 0usize, 0usize);
    for line in src.lines().filter(|l| !l.trim().is_empty()) {
        let doc: serde_json::Value = serde_json::from_str(line).expect("gold line is JSON");
        let text = doc["text"].as_str().unwrap_or("");
        let gold: Vec<(u64, u64)> = doc["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["label"] == "MONEY")
            .map(|e| (e["start"].as_u64().unwrap_or(0), e["end"].as_u64().unwrap_or(0)))
            .collect();
        let toks = tokenize(text);
        let offs = yntymaq_core::CharOffsets::new(text);
        let pred: Vec<(u64, u64)> = yntymaq_recognize::money(text, &toks, "kk")
            .iter()
            .map(|e| (offs.char_at(e.span.start) as u64, offs.char_at(e.span.end) as u64))
            .collect();
        gold_n += gold.len();
        pred_n += pred.len();
        hit += pred.iter().filter(|p| gold.contains(p)).count();
    }
    if gold_n == 0 {
        println!("skipped: no MONEY gold");
        return;
    }
    let (r, p) = (hit as f64 / gold_n as f64, hit as f64 / pred_n.max(1) as f64);
    println!("kaznerd MONEY exact spans: recall {hit}/{gold_n} = {r:.3}, precision {hit}/{pred_n} = {p:.3}");
    assert!(r >= 0.6, "recall {r:.3}");
    assert!(p >= 0.7, "precision {p:.3}");
}
