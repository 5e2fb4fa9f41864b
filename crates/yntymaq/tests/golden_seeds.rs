//! Golden tests: the five seed pages' full records against their gold
//! (`../shared/eval/seeds.jsonl`), and hard negatives from the dev corpus.
//! Needs `../shared` beside the checkout; says so and passes without it.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value;
use yntymaq::ingest::{read_inputs, IngestOptions, Item};
use yntymaq::output::Record;
use yntymaq::pipeline::{Depth, Pipeline};
use yntymaq_core::shared_corpora as shared;

fn extract(path: PathBuf) -> Vec<Record> {
    let pipeline = Pipeline::new(Depth::Full);
    read_inputs(vec![path], IngestOptions::default())
        .map(|i| match i {
            Item::Doc(d) => {
                let (doc, events) = pipeline.process(*d);
                Record::from_document(&doc, events)
            }
            Item::Failed(f) => panic!("{f:?}"),
        })
        .collect()
}

fn gold(path: PathBuf) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn set(v: &Value, field: &str) -> BTreeSet<String> {
    v["events"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|e| e[field].as_array().cloned().unwrap_or_default())
        .map(|x| x.as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Names folded as score.py folds them (case, word order, Kazakh letters).
fn people(v: &Value) -> BTreeSet<String> {
    v["events"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|e| e["people"].as_array().cloned().unwrap_or_default())
        .map(|p| yntymaq::eval::name_key(p["name"].as_str().unwrap_or_default()))
        .collect()
}

fn figures(v: &Value) -> BTreeSet<(String, String, i64)> {
    v["events"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|e| e["figures"].as_array().cloned().unwrap_or_default())
        .map(|f| {
            (
                f["metric"].as_str().unwrap_or_default().to_owned(),
                f["currency"].as_str().unwrap_or_default().to_owned(),
                f["value"].as_f64().unwrap_or_default().round() as i64,
            )
        })
        .collect()
}

#[test]
fn seeds_have_every_region_country_person_and_figure_of_the_gold() {
    let Some(shared) = shared() else { return };
    let records = extract(shared.join("eval/seeds.jsonl"));
    let gold = gold(shared.join("eval/seeds.jsonl"));
    assert_eq!(records.len(), gold.len());
    for (r, g) in records.iter().zip(&gold) {
        let r = serde_json::to_value(r).unwrap();
        assert_eq!(r["id"], g["id"]);
        let id = g["id"].as_str().unwrap();
        assert_eq!(r["lang"], g["lang"], "{id}");
        assert_eq!(r["relevant"], g["relevant"], "{id}");
        for field in ["regions", "countries", "foreign_regions", "agreements"] {
            assert_eq!(set(&r, field), set(g, field), "{id} {field}");
        }
        assert_eq!(people(&r), people(g), "{id} people (nominative)");
        assert_eq!(figures(&r), figures(g), "{id} figures");
        let types: BTreeSet<String> =
            r["events"].as_array().unwrap().iter().map(|e| e["type"].as_str().unwrap().to_owned()).collect();
        let gold_types: BTreeSet<String> =
            g["events"].as_array().unwrap().iter().map(|e| e["type"].as_str().unwrap().to_owned()).collect();
        assert_eq!(types, gold_types, "{id} type");
        // every person and figure carries the sentence it came from
        for e in r["events"].as_array().unwrap() {
            for p in e["people"].as_array().unwrap() {
                let ev = &p["evidence"];
                let body: Vec<char> = r["body"].as_str().unwrap().chars().collect();
                let (s, t) = (ev["start"].as_u64().unwrap() as usize, ev["end"].as_u64().unwrap() as usize);
                assert_eq!(
                    body[s..t].iter().collect::<String>(),
                    ev["text"].as_str().unwrap(),
                    "{id} evidence offsets"
                );
            }
        }
    }
}

#[test]
fn the_seed_files_read_as_text_give_the_same_records() {
    let Some(shared) = shared() else { return };
    let from_files = extract(shared.join("seeds"));
    let gold = gold(shared.join("eval/seeds.jsonl"));
    assert_eq!(from_files.len(), 5);
    for g in &gold {
        let id = g["id"].as_str().unwrap();
        let r = from_files.iter().find(|r| r.id.starts_with(id)).unwrap_or_else(|| panic!("{id} missing"));
        let r = serde_json::to_value(r).unwrap();
        assert_eq!(set(&r, "regions"), set(g, "regions"), "{id}");
        assert_eq!(people(&r), people(g), "{id}");
    }
}

#[test]
fn dev_hard_negatives_are_not_relevant() {
    let Some(shared) = shared() else { return };
    let records = extract(shared.join("eval/dev.jsonl"));
    let gold = gold(shared.join("eval/dev.jsonl"));
    // Kyrgyz and Uzbek regional news, and a national-only meeting with a
    // foreign governor (the President receives the governor of Astrakhan).
    for g in gold.iter().filter(|g| matches!(g["lang"].as_str(), Some("ky" | "uz"))) {
        let r = records.iter().find(|r| r.id == g["id"].as_str().unwrap()).unwrap();
        assert!(!r.relevant, "{} ({})", r.id, r.lang);
        assert_eq!(Some(r.lang.as_str()), g["lang"].as_str());
    }
    let national = records.iter().find(|r| r.id == "kk-013").expect("kk-013 in dev");
    assert!(!national.relevant, "the President's meeting with a foreign governor is national-only");
}
