//! Trains the NER models and estimates their accuracy by cross-validation.
//!
//! ```text
//! cargo run --release -p yntymaq-ner --example train -- --lang ru \
//!     --gold ../shared/eval/ner/factru_dev.jsonl [--out data/ner/ru.bin] [--cv 5 --pred /tmp/ru_cv.jsonl] \
//!     [--insample /tmp/ru_in.jsonl] [--epochs 10] [--cutoff 2] [--min-abs 8] [--flat]
//! ```
//! `--cv K` splits the documents into K contiguous folds, trains on K-1 and
//! tags the held-out one, writing every fold's predictions to `--pred` (score
//! them with ner_score.py). `--out` trains on everything and writes the model;
//! `--insample` tags the training data with that model.

use std::io::Write;
use yntymaq_core::{CharOffsets, Label};
use yntymaq_ner::corpus::{read_jsonl, Doc};
use yntymaq_ner::model::Model;
use yntymaq_ner::tag_with;
use yntymaq_ner::train::{train, TrainConfig};

fn layers_for(lang: &str, flat: bool) -> Vec<Vec<Label>> {
    use Label::*;
    match (lang, flat) {
        ("kk", _) => vec![vec![Per, Loc, Org, Role, Money, Date]],
        (_, true) => vec![vec![Per, Loc, Org]],
        _ => vec![vec![Per, Loc], vec![Org]],
    }
}

fn write_preds(path: &str, docs: &[&Doc], model: &Model, lang: &str) -> std::io::Result<()> {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    for d in docs {
        let ents = tag_with(model, lang, &d.text, &d.tokens);
        let co = CharOffsets::new(&d.text);
        let list: Vec<serde_json::Value> = ents
            .iter()
            .map(|e| {
                serde_json::json!({"start": co.char_at(e.span.start), "end": co.char_at(e.span.end),
                    "label": e.label.as_str(), "text": e.span.slice(&d.text)})
            })
            .collect();
        writeln!(f, "{}", serde_json::json!({"id": d.id, "entities": list}))?;
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let lang = get("--lang").unwrap_or_else(|| "ru".into());
    let gold = get("--gold").ok_or("--gold PATH required")?;
    let mut cfg = TrainConfig::default();
    if let Some(v) = get("--epochs") {
        cfg.epochs = v.parse()?;
    }
    if let Some(v) = get("--cutoff") {
        cfg.cutoff = v.parse()?;
    }
    if let Some(v) = get("--bags") {
        cfg.bags = v.parse()?;
    }
    if let Some(v) = get("--seed") {
        cfg.seed = v.parse()?;
    }
    if let Some(v) = get("--min-abs") {
        cfg.min_abs = v.parse()?;
    }
    let layers = layers_for(&lang, args.iter().any(|a| a == "--flat"));
    let docs = read_jsonl(&gold)?;
    let all: Vec<&Doc> = docs.iter().collect();
    eprintln!("{} documents, {} tokens", docs.len(), docs.iter().map(|d| d.tokens.len()).sum::<usize>());
    if let (Some(k), Some(pred)) = (get("--cv"), get("--pred")) {
        let k: usize = k.parse()?;
        let n = docs.len();
        let mut f = std::fs::File::create(&pred)?;
        for fold in 0..k {
            let (a, b) = (fold * n / k, (fold + 1) * n / k);
            let tr: Vec<&Doc> = all.iter().enumerate().filter(|(i, _)| *i < a || *i >= b).map(|(_, d)| *d).collect();
            let te: Vec<&Doc> = all.get(a..b).unwrap_or(&[]).to_vec();
            let t0 = std::time::Instant::now();
            let bytes = train(&tr, &lang, &layers, &cfg);
            let model = Model::from_bytes(&bytes)?;
            let tmp = format!("{pred}.fold{fold}");
            write_preds(&tmp, &te, &model, &lang)?;
            f.write_all(&std::fs::read(&tmp)?)?;
            std::fs::remove_file(&tmp)?;
            eprintln!(
                "fold {fold}: trained on {} docs in {:.1}s, {} keys, {} bytes",
                tr.len(),
                t0.elapsed().as_secs_f64(),
                model.nkeys(),
                bytes.len()
            );
        }
    }
    if let Some(out) = get("--out") {
        let t0 = std::time::Instant::now();
        let bytes = train(&all, &lang, &layers, &cfg);
        std::fs::write(&out, &bytes)?;
        let model = Model::from_bytes(&bytes)?;
        eprintln!(
            "model {out}: {} keys, {} bytes, trained in {:.1}s",
            model.nkeys(),
            bytes.len(),
            t0.elapsed().as_secs_f64()
        );
        if let Some(ins) = get("--insample") {
            write_preds(&ins, &all, &model, &lang)?;
        }
    }
    Ok(())
}
