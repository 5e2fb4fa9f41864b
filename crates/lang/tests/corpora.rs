//! The identifier against the project's gold corpora (read-only, in
//! `../shared`): every gold document gets its gold language, and the NER
//! corpora's sentences (KazNERD: Kazakh, factRuEval: Russian) are reported by
//! length.

use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    if p.is_dir() {
        Some(p)
    } else {
        println!("skipped: ../shared not found");
        None
    }
}

fn read_jsonl(path: &PathBuf) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
}

#[test]
fn gold_documents_get_their_language() {
    let Some(shared) = shared() else { return };
    let mut wrong = Vec::new();
    let mut n = 0;
    for file in ["eval/seeds.jsonl", "eval/dev.jsonl"] {
        let docs = read_jsonl(&shared.join(file));
        assert!(!docs.is_empty(), "{file} is empty or unreadable");
        for d in docs {
            let text = d["text"].as_str().unwrap_or("");
            let gold = d["lang"].as_str().unwrap_or("");
            let got = yntymaq_lang::identify(text);
            n += 1;
            if got.code != gold {
                wrong.push(format!("{} gold {gold} got {:?} {:?}", d["id"], got, yntymaq_lang::scores(text)));
            }
        }
    }
    println!("gold documents: {}/{} right", n - wrong.len(), n);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Accuracy by sentence length (characters) over a corpus of one language.
fn by_length(name: &str, docs: &[serde_json::Value], gold: &str) -> f64 {
    let buckets = [(0usize, 20usize), (20, 40), (40, 80), (80, 160), (160, usize::MAX)];
    let mut right = [0usize; 5];
    let mut total = [0usize; 5];
    let mut confusions: std::collections::BTreeMap<String, usize> = Default::default();
    for d in docs {
        let text = d["text"].as_str().unwrap_or("");
        let len = text.chars().count();
        let Some(b) = buckets.iter().position(|(lo, hi)| len >= *lo && len < *hi) else { continue };
        let got = yntymaq_lang::identify(text);
        total[b] += 1;
        if got.code == gold {
            right[b] += 1;
        } else {
            *confusions.entry(got.code.clone()).or_default() += 1;
        }
    }
    let all_right: usize = right.iter().sum();
    let all: usize = total.iter().sum();
    println!("{name}: {all_right}/{all} = {:.4}", all_right as f64 / all.max(1) as f64);
    for (i, (lo, hi)) in buckets.iter().enumerate() {
        let hi = if *hi == usize::MAX { "∞".to_string() } else { hi.to_string() };
        println!(
            "  {lo:>3}..{hi:<4} chars: {:>5}/{:<5} = {:.4}",
            right[i],
            total[i],
            right[i] as f64 / total[i].max(1) as f64
        );
    }
    println!("  confused with: {confusions:?}");
    all_right as f64 / all.max(1) as f64
}

#[test]
fn ner_corpora_sentences() {
    let Some(shared) = shared() else { return };
    let kk = read_jsonl(&shared.join("eval/ner/kaznerd_valid.jsonl"));
    let ru = read_jsonl(&shared.join("eval/ner/factru_dev.jsonl"));
    assert!(!kk.is_empty() && !ru.is_empty(), "NER corpora unreadable");
    let acc_kk = by_length("KazNERD valid (kk)", &kk, "kk");
    let acc_ru = by_length("factRuEval dev (ru)", &ru, "ru");
    assert!(acc_kk >= 0.97, "KazNERD accuracy {acc_kk}");
    assert!(acc_ru >= 0.99, "factRuEval accuracy {acc_ru}");
}
