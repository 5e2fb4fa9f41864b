//! The nominatives of the people of the dev gold corpus
//! (/work/shared/eval/dev.jsonl): every place where a gold person's name
//! occurs in the text of a Russian or Kazakh document (the words in the gold
//! order or reversed, each word starting like the gold word), inflected or
//! not, is brought to the nominative and compared with the gold name the way
//! score.py compares people (case, `ё`, Kazakh letters folded).

use std::collections::BTreeMap;
use yntymaq_morph::Morph;

fn fold(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        let c = match c {
            'ә' => 'а',
            'ғ' => 'г',
            'қ' => 'к',
            'ң' => 'н',
            'ө' => 'о',
            'ұ' | 'ү' => 'у',
            'һ' => 'х',
            'і' | 'й' => 'и',
            'ё' => 'е',
            c => c,
        };
        out.push(if c.is_alphanumeric() { c } else { ' ' });
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn key(s: &str) -> String {
    let f = fold(s);
    let mut w: Vec<&str> = f.split_whitespace().collect();
    w.sort_unstable();
    w.join(" ")
}

/// Does text word `w` look like an inflected form of gold word `g`?
fn like(w: &str, g: &str) -> bool {
    if !w.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let (fw, fg): (Vec<char>, Vec<char>) = (fold(w).chars().collect(), fold(g).chars().collect());
    let common = fw.iter().zip(&fg).take_while(|(a, b)| a == b).count();
    let need = fg.len().saturating_sub(1).max(2).min(fg.len());
    common >= need && fw.len() + 1 >= fg.len() && fw.len() <= fg.len() + 5
}

struct Tally {
    right: usize,
    total: usize,
    wrong: BTreeMap<String, String>,
}

fn measure(path: &str) -> BTreeMap<String, Tally> {
    let m = Morph::global();
    let mut out: BTreeMap<String, Tally> = BTreeMap::new();
    let Ok(text) = std::fs::read_to_string(path) else { return out };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(doc) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let lang = doc["lang"].as_str().unwrap_or("").to_owned();
        if lang != "ru" && lang != "kk" {
            continue;
        }
        let body = doc["text"].as_str().unwrap_or("");
        let words: Vec<&str> = body
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .map(|w| w.trim_matches('-'))
            .filter(|w| !w.is_empty())
            .collect();
        let mut names: Vec<String> = Vec::new();
        for ev in doc["events"].as_array().into_iter().flatten() {
            for p in ev["people"].as_array().into_iter().flatten() {
                if let Some(n) = p["name"].as_str() {
                    if !names.iter().any(|x| x == n) {
                        names.push(n.to_owned());
                    }
                }
            }
        }
        let tally = out.entry(lang.clone()).or_insert(Tally { right: 0, total: 0, wrong: BTreeMap::new() });
        for name in names {
            let gold: Vec<&str> = name.split_whitespace().collect();
            let mut orders = vec![gold.clone()];
            if gold.len() == 2 {
                orders.push(vec![gold[1], gold[0]]);
            }
            for order in &orders {
                for win in words.windows(order.len()) {
                    if !win.iter().zip(order).all(|(w, g)| like(w, g)) {
                        continue;
                    }
                    // A longer name around the window is another occurrence's business.
                    let got = m.name_nominative(win, &lang).join(" ");
                    tally.total += 1;
                    if key(&got) == key(&name) {
                        tally.right += 1;
                    } else {
                        tally.wrong.insert(win.join(" "), format!("{got} (gold {name})"));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn dev_gold_people_nominatives() {
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");
    if !std::path::Path::new(shared).exists() {
        println!("skipped: ../shared not found");
        return;
    }
    let res = measure(&format!("{shared}/eval/dev.jsonl"));
    let (mut right, mut total) = (0, 0);
    for (lang, t) in &res {
        println!("{lang}: {}/{} = {:.1}%", t.right, t.total, 100.0 * t.right as f64 / t.total.max(1) as f64);
        for (form, got) in &t.wrong {
            println!("  {form} → {got}");
        }
        right += t.right;
        total += t.total;
    }
    let rate = right as f64 / total.max(1) as f64;
    println!("all: {right}/{total} = {:.1}%", 100.0 * rate);
    assert!(total > 100, "only {total} occurrences found");
    assert!(rate >= 0.85, "nominative rate {rate:.3}");
}
