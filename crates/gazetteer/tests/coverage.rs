//! Coverage over the dev corpus: the share of gold regions, countries and
//! foreign regions of relevant documents that the matcher finds in the text.

use std::collections::HashSet;
use yntymaq::eval::region_key;
use yntymaq_core::{tokenize, Referent};
use yntymaq_gazetteer::Gazetteer;

/// The scorer's rule for foreign regions (score.py, ported in
/// `yntymaq::eval`): without generic words, one name's words all occur in
/// the other's.
fn same_region(a: &str, b: &str) -> bool {
    let (a, b) = (region_key(a), region_key(b));
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split_whitespace().collect(), b.split_whitespace().collect());
    !a.is_empty() && !b.is_empty() && (a.iter().all(|w| b.contains(w)) || b.iter().all(|w| a.contains(w)))
}

fn dateline(text: &str) -> Option<chrono::NaiveDate> {
    let t = text.trim_start();
    let rest = t.strip_prefix("date ")?;
    chrono::NaiveDate::parse_from_str(rest.get(..10)?, "%Y-%m-%d").ok()
}

#[test]
fn dev_coverage() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval/dev.jsonl");
    let Ok(src) = std::fs::read_to_string(path) else {
        println!("skipped: ../shared not found");
        return;
    };
    let g = Gazetteer::global();
    let (mut reg, mut cty, mut frg) = ((0, 0), (0, 0), (0, 0));
    let mut misses = Vec::new();
    for line in src.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(doc) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        if doc["relevant"] != true {
            continue;
        }
        let text = doc["text"].as_str().unwrap_or("");
        let lang = doc["lang"].as_str().unwrap_or("und");
        let id = doc["id"].as_str().unwrap_or("?");
        let ents = g.find(text, &tokenize(text), lang, dateline(text));
        let mut regions = HashSet::new();
        let mut countries = HashSet::new();
        let mut foreign = Vec::new();
        for e in &ents {
            match &e.referent {
                Referent::KzRegion { code } => {
                    regions.insert(code.clone());
                }
                Referent::KzPlace { region } => {
                    regions.insert(region.clone());
                }
                Referent::Country { code } => {
                    countries.insert(code.clone());
                }
                Referent::ForeignRegion { name, country } => {
                    countries.insert(country.clone());
                    foreign.push(name.clone());
                }
                _ => {}
            }
        }
        let events = doc["events"].as_array().cloned().unwrap_or_default();
        let gold = |field: &str| -> HashSet<String> {
            events
                .iter()
                .flat_map(|e| e[field].as_array().cloned().unwrap_or_default())
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        for r in gold("regions") {
            reg.1 += 1;
            if regions.contains(&r) {
                reg.0 += 1;
            } else {
                misses.push(format!("{id} region {r}"));
            }
        }
        for c in gold("countries") {
            cty.1 += 1;
            if countries.contains(&c) {
                cty.0 += 1;
            } else {
                misses.push(format!("{id} country {c}"));
            }
        }
        for f in gold("foreign_regions") {
            frg.1 += 1;
            if foreign.iter().any(|n| same_region(n, &f)) {
                frg.0 += 1;
            } else {
                misses.push(format!("{id} foreign region {f}"));
            }
        }
    }
    let share = |x: (usize, usize)| x.0 as f64 / x.1.max(1) as f64;
    println!(
        "coverage: regions {}/{} = {:.3}, countries {}/{} = {:.3}, foreign regions {}/{} = {:.3}",
        reg.0,
        reg.1,
        share(reg),
        cty.0,
        cty.1,
        share(cty),
        frg.0,
        frg.1,
        share(frg)
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(share(reg) >= 0.9 && share(cty) >= 0.9 && share(frg) >= 0.8, "coverage fell");
}
