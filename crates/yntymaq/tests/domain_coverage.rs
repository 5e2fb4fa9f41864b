//! Domain coverage of the recognizers: of the people, regions, countries and
//! money figures in the gold records of the seeds and the dev corpus, the
//! share the recognize stage finds in the article (a PER entity whose
//! nominative is the gold name, a place or title of the region or state, a
//! MONEY entity of the value and currency). The floor is 95% each (issue:
//! "Language knowledge", targets). Needs `../shared` beside the checkout;
//! says so and passes without it.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;
use yntymaq::assemble::without_patronymic;
use yntymaq::eval::{load_jsonl, name_key};
use yntymaq::ingest::{read_inputs, IngestOptions, Item};
use yntymaq::pipeline::{Depth, Pipeline};
use yntymaq_core::{shared_corpora, Label, Referent};

/// What the article's entities name.
#[derive(Default)]
struct Found {
    people: BTreeSet<String>,
    regions: BTreeSet<String>,
    countries: BTreeSet<String>,
    money: Vec<(f64, String)>,
}

fn found_by_id(path: &std::path::Path) -> HashMap<String, Found> {
    let pipeline = Pipeline::new(Depth::Full);
    let mut out = HashMap::new();
    for item in read_inputs(vec![path.to_path_buf()], IngestOptions::default()) {
        let Item::Doc(d) = item else { panic!("{path:?}: a record failed to load") };
        let (doc, _) = pipeline.process(*d);
        let text = doc.analysis_text();
        let mut f = Found::default();
        for e in &doc.entities {
            if e.label == Label::Per {
                let name = e.norm.clone().unwrap_or_else(|| e.span.slice(text).to_owned());
                f.people.insert(name_key(&without_patronymic(&name)));
            }
            match &e.referent {
                Referent::KzRegion { code } => {
                    f.regions.insert(code.clone());
                }
                Referent::KzPlace { region } => {
                    f.regions.insert(region.clone());
                }
                Referent::Country { code } => {
                    f.countries.insert(code.clone());
                }
                Referent::ForeignRegion { country, .. } => {
                    f.countries.insert(country.clone());
                }
                Referent::Role { country, region, .. } => {
                    f.countries.extend(country.clone());
                    f.regions.extend(region.clone().filter(|r| r.starts_with("KZ-")));
                }
                Referent::Money { value, currency } => f.money.push((*value, currency.clone())),
                _ => {}
            }
        }
        out.insert(doc.id.clone(), f);
    }
    out
}

#[test]
fn the_gold_facts_are_recognized() {
    let Some(shared) = shared_corpora() else { return };
    // (found, all) per kind
    let mut tally: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut missed: Vec<String> = Vec::new();
    for corpus in ["seeds.jsonl", "dev.jsonl"] {
        let path = shared.join("eval").join(corpus);
        let found = found_by_id(&path);
        for g in load_jsonl(&path).unwrap() {
            if g["relevant"] != Value::Bool(true) {
                continue;
            }
            let id = g["id"].as_str().unwrap_or_default();
            let f = &found[id];
            for e in g["events"].as_array().into_iter().flatten() {
                let strings = |field: &str| -> Vec<String> {
                    e[field].as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_owned)).collect()
                };
                let mut count = |kind: &'static str, ok: bool, what: String| {
                    let t = tally.entry(kind).or_default();
                    t.1 += 1;
                    if ok {
                        t.0 += 1;
                    } else {
                        missed.push(format!("{id} {kind} {what}"));
                    }
                };
                for p in e["people"].as_array().into_iter().flatten() {
                    let name = p["name"].as_str().unwrap_or_default();
                    count("people", f.people.contains(&name_key(name)), name.to_owned());
                }
                for r in strings("regions") {
                    count("regions", f.regions.contains(&r), r.clone());
                }
                for c in strings("countries") {
                    count("countries", f.countries.contains(&c), c.clone());
                }
                for fig in e["figures"].as_array().into_iter().flatten() {
                    let value = fig["value"].as_f64().unwrap_or(0.0);
                    let currency = fig["currency"].as_str().unwrap_or_default();
                    let ok = f.money.iter().any(|(v, c)| c == currency && (v - value).abs() <= 0.01 * value.abs());
                    count("figures", ok, format!("{value} {currency}"));
                }
            }
        }
    }
    for m in &missed {
        println!("missed: {m}");
    }
    for kind in ["people", "regions", "countries", "figures"] {
        let (ok, all) = tally.get(kind).copied().unwrap_or_default();
        let share = ok as f64 / all.max(1) as f64;
        println!("{kind}: {ok}/{all} = {share:.3}");
        assert!(all > 0 && share >= 0.95, "{kind}: {ok}/{all} = {share:.3} < 0.95");
    }
}
