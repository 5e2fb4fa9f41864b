//! The HTML extractor on the scrapinghub article-extraction benchmark (181
//! pages, `../shared/data/article-extraction/scrapinghub-aeb`): F1 >= 0.93.
//!
//! The metric is the benchmark's own (see `scripts/aeb_bench.py`, which is
//! the reference and also times the extractor against trafilatura): `\w+`
//! tokens, 4-token shingles, per-page TP/FP/FN normalised to sum 1, P/R/F1
//! from the sums over pages. `\w` is approximated here by
//! `char::is_alphanumeric` or `_`.

use std::collections::HashMap;
use std::io::Read;

fn shingles(text: &str) -> HashMap<Vec<&str>, u32> {
    let tokens: Vec<&str> =
        text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|t| !t.is_empty()).collect();
    let mut out = HashMap::new();
    let n = 4;
    for i in 0..tokens.len().saturating_sub(n - 1).max(1) {
        let sh: Vec<&str> = tokens.iter().skip(i).take(n).copied().collect();
        if !sh.is_empty() {
            *out.entry(sh).or_insert(0) += 1;
        }
    }
    out
}

fn page_counts(truth: &str, pred: &str) -> (f64, f64, f64) {
    let (t, p) = (shingles(truth), shingles(pred));
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for (k, &a) in &t {
        let b = p.get(k).copied().unwrap_or(0);
        tp += a.min(b) as f64;
        fn_ += a.saturating_sub(b) as f64;
    }
    for (k, &b) in &p {
        fp += b.saturating_sub(t.get(k).copied().unwrap_or(0)) as f64;
    }
    let s = tp + fp + fn_;
    if s > 0.0 {
        (tp / s, fp / s, fn_ / s)
    } else {
        (tp, fp, fn_)
    }
}

#[test]
fn metric_matches_the_benchmark_definition() {
    // identical texts: all true positives
    assert_eq!(page_counts("a b c d e", "a b c d e"), (1.0, 0.0, 0.0));
    // a b c d e f: shingles abcd bcde cdef; prediction a b c d: abcd
    let (tp, fp, fn_) = page_counts("a b c d e f", "a b c d");
    assert!((tp - 1.0 / 3.0).abs() < 1e-9 && fp == 0.0 && (fn_ - 2.0 / 3.0).abs() < 1e-9);
    // empty prediction scores a page as all false negatives
    assert_eq!(page_counts("one two three four", ""), (0.0, 0.0, 1.0));
}

#[test]
fn f1_on_the_article_extraction_benchmark() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/article-extraction/scrapinghub-aeb");
    if !std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")).exists() {
        println!("skipped: ../shared not found");
        return;
    }
    let gt: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/ground-truth.json")).expect("ground-truth.json"))
            .expect("ground truth is JSON");
    let gt = gt.as_object().expect("an object of pages");
    assert_eq!(gt.len(), 181);
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for (id, v) in gt {
        let mut html = Vec::new();
        let f = std::fs::File::open(format!("{dir}/html/{id}.html.gz")).expect("page");
        flate2::read::GzDecoder::new(f).read_to_end(&mut html).expect("gzip");
        let body = yntymaq_clean::html::extract(&String::from_utf8_lossy(&html)).body;
        let (a, b, c) = page_counts(v["articleBody"].as_str().unwrap_or(""), &body);
        tp += a;
        fp += b;
        fn_ += c;
    }
    let (p, r) = (tp / (tp + fp), tp / (tp + fn_));
    let f1 = 2.0 * p * r / (p + r);
    println!("AEB: P={p:.3} R={r:.3} F1={f1:.3}");
    assert!(f1 >= 0.93, "F1 {f1:.3} < 0.93 (P={p:.3} R={r:.3})");
}
