//! The identifier against the project's gold corpora (read-only, in
//! `../shared`): every gold document gets its gold language, and the NER
//! corpora's sentences (KazNERD: Kazakh, factRuEval: Russian) are reported by
//! length.

use std::path::PathBuf;
use yntymaq_core::shared_corpora as shared;

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
    let mut skipped = 0;
    for d in docs {
        let text = d["text"].as_str().unwrap_or("");
        let len = text.chars().count();
        if text.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            skipped += 1;
            continue;
        }
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
    println!("  confused with: {confusions:?}; {skipped} texts without letters skipped");
    all_right as f64 / all.max(1) as f64
}

#[test]
fn ner_corpora_sentences() {
    let Some(shared) = shared() else { return };
    let kk = read_jsonl(&shared.join("eval/ner/kaznerd_valid.jsonl"));
    let ru = read_jsonl(&shared.join("eval/ner/factru_dev.jsonl"));
    assert!(!kk.is_empty() && !ru.is_empty(), "NER corpora unreadable");
    let acc_kk = by_length("KazNERD valid (kk), sentences", &kk, "kk");
    let acc_ru = by_length("factRuEval dev (ru), documents", &ru, "ru");
    // factRuEval split into sentences (the core splitter), like KazNERD.
    let ru_sentences: Vec<serde_json::Value> = ru
        .iter()
        .flat_map(|d| {
            let body = d["text"].as_str().unwrap_or("").to_string();
            let toks = yntymaq_core::tokenize(&body);
            yntymaq_core::sentences(&body, &toks)
                .iter()
                .map(|s| serde_json::json!({ "text": s.slice(&body) }))
                .collect::<Vec<_>>()
        })
        .collect();
    let acc_ru_s = by_length("factRuEval dev (ru), sentences", &ru_sentences, "ru");
    assert!(acc_kk >= 0.99, "KazNERD accuracy {acc_kk}");
    assert!(acc_ru >= 0.99, "factRuEval accuracy {acc_ru}");
    assert!(acc_ru_s >= 0.98, "factRuEval sentence accuracy {acc_ru_s}");
}

/// Kazakh Cyrillic to Latin, for making Latin-script test text out of
/// KazNERD's Cyrillic sentences (a test fixture, not the product's table).
fn to_latin(text: &str, variant: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let lc = c.to_lowercase().next().unwrap_or(c);
        let t: &str = match (variant, lc) {
            (_, 'а') => "a",
            ("2021", 'ә') => "ä",
            (_, 'ә') => "á",
            (_, 'б') => "b",
            (_, 'в') => "v",
            (_, 'г') => "g",
            ("2021", 'ғ') => "ğ",
            (_, 'ғ') => "ǵ",
            (_, 'д') => "d",
            (_, 'е') | (_, 'э') => "e",
            (_, 'ж') => "j",
            (_, 'з') => "z",
            ("2018", 'и') | ("2018", 'й') => "í",
            ("2018p", 'и') | ("2018p", 'й') => "ı",
            ("2021", 'и') | ("2021", 'й') => "y",
            (_, 'к') => "k",
            (_, 'қ') => "q",
            (_, 'л') => "l",
            (_, 'м') => "m",
            (_, 'н') => "n",
            ("2021", 'ң') => "ñ",
            (_, 'ң') => "ń",
            (_, 'о') => "o",
            ("2021", 'ө') => "ö",
            (_, 'ө') => "ó",
            (_, 'п') => "p",
            (_, 'р') => "r",
            (_, 'с') => "s",
            (_, 'т') => "t",
            ("2021", 'у') => "ū",
            (_, 'у') => "ý",
            (_, 'ұ') => "u",
            ("2021", 'ү') => "ü",
            (_, 'ү') => "ú",
            (_, 'ф') => "f",
            (_, 'х') | (_, 'һ') => "h",
            ("2021", 'ч') => "ç",
            (_, 'ч') => "ch",
            ("2021", 'ш') => "ş",
            (_, 'ш') => "sh",
            ("2021", 'ы') => "ı",
            (_, 'ы') => "y",
            (_, 'і') => "i",
            ("2021", 'я') => "ia",
            (_, 'я') => "ıa",
            ("2021", 'ю') => "iu",
            (_, 'ю') => "ıý",
            (_, 'ц') => "ts",
            (_, 'ь') | (_, 'ъ') => "",
            _ => {
                out.push(c);
                continue;
            }
        };
        if c != lc {
            let mut cs = t.chars();
            if let Some(f) = cs.next() {
                out.extend(f.to_uppercase());
                out.push_str(cs.as_str());
            }
        } else {
            out.push_str(t);
        }
    }
    out
}

#[test]
fn kaznerd_in_latin_script() {
    let Some(shared) = shared() else { return };
    let kk = read_jsonl(&shared.join("eval/ner/kaznerd_valid.jsonl"));
    assert!(!kk.is_empty());
    for variant in ["2018", "2018p", "2021"] {
        let latin: Vec<serde_json::Value> = kk
            .iter()
            .map(|d| serde_json::json!({ "text": to_latin(d["text"].as_str().unwrap_or(""), variant) }))
            .collect();
        let right = latin
            .iter()
            .filter(|d| {
                let i = yntymaq_lang::identify(d["text"].as_str().unwrap_or(""));
                i.code == "kk" && i.script == yntymaq_core::Script::Latin
            })
            .count();
        let acc = by_length(&format!("KazNERD in Latin ({variant})"), &latin, "kk");
        println!("  of which with script latin: {right}");
        assert!(acc >= 0.95, "{variant}: {acc}");
        // Round trip: words of the transliteration back to Cyrillic equal to the
        // original words (ignoring letters the Latin alphabets drop: ь ъ, and
        // the merged ones: э→е, һ→х, ц→тс).
        let norm = |s: &str| -> String {
            s.to_lowercase()
                .chars()
                .filter(|c| !matches!(c, 'ь' | 'ъ'))
                .map(|c| match c {
                    'э' => 'е',
                    'һ' => 'х',
                    c => c,
                })
                .collect()
        };
        let (mut same, mut words) = (0usize, 0usize);
        for d in &kk {
            let cyr = d["text"].as_str().unwrap_or("");
            let back = yntymaq_lang::to_cyrillic(&to_latin(cyr, variant));
            assert_eq!(back.map.len(), back.text.len() + 1);
            for (a, b) in cyr.split_whitespace().zip(back.text.split_whitespace()) {
                words += 1;
                if norm(a) == norm(b) {
                    same += 1;
                }
            }
        }
        let wacc = same as f64 / words.max(1) as f64;
        println!("  round trip ({variant}): {same}/{words} words = {wacc:.4}");
        assert!(wacc >= 0.97, "{variant} round trip {wacc}");
    }
}
