//! Agreement with the Python scorer: predictions made by perturbing the gold
//! corpora in deterministic ways are scored by `../shared/eval/score.py` and
//! by `yntymaq::eval`; the counts of every field in every group, the core F1
//! and the printed output (table, `--json`, `--errors`) must be identical.

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};
use yntymaq::eval::{errors, load_jsonl, score, Report, FIELDS};
use yntymaq_core::shared_corpora as shared;

fn python() -> bool {
    let ok = Command::new("python3").arg("--version").output().is_ok_and(|o| o.status.success());
    if !ok {
        println!("skipped: python3 not found");
    }
    ok
}

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// True with probability 1/n.
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn events_mut(doc: &mut Value) -> Vec<&mut Value> {
    match doc.get_mut("events").and_then(Value::as_array_mut) {
        Some(evs) => evs.iter_mut().collect(),
        None => Vec::new(),
    }
}

fn list_mut<'a>(ev: &'a mut Value, field: &str) -> Vec<&'a mut Value> {
    match ev.get_mut(field).and_then(Value::as_array_mut) {
        Some(xs) => xs.iter_mut().collect(),
        None => Vec::new(),
    }
}

fn map_str(v: &mut Value, f: impl FnOnce(&str) -> String) {
    if let Some(s) = v.as_str() {
        *v = Value::String(f(s));
    }
}

fn swap_words(s: &str) -> String {
    let mut w: Vec<&str> = s.split(' ').collect();
    w.reverse();
    w.join(" ")
}

fn to_russian_letters(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ә' => 'а',
            'Ә' => 'А',
            'ұ' | 'ү' => 'у',
            'Ұ' | 'Ү' => 'У',
            'қ' => 'к',
            'Қ' => 'К',
            'ғ' => 'г',
            'Ғ' => 'Г',
            'ө' => 'о',
            'Ө' => 'О',
            'ң' => 'н',
            'і' => 'и',
            'е' => 'ё',
            c => c,
        })
        .collect()
}

/// What a perturbation does to one document.
fn people(doc: &mut Value, rng: &mut Rng) {
    for ev in events_mut(doc) {
        for p in list_mut(ev, "people") {
            let Some(name) = p.get_mut("name") else { continue };
            match rng.below(8) {
                0 => map_str(name, str::to_uppercase),
                1 => map_str(name, str::to_lowercase),
                2 => map_str(name, swap_words),
                3 => map_str(name, to_russian_letters),
                4 => map_str(name, |s| format!("{s}ой")),
                5 => map_str(name, |s| s.split(' ').next_back().unwrap_or(s).to_owned()),
                6 => map_str(name, |s| format!("  {}\u{301} ", s.replace(' ', " - "))),
                _ => {}
            }
        }
    }
}

fn roles(doc: &mut Value, rng: &mut Rng) {
    for ev in events_mut(doc) {
        for p in list_mut(ev, "people") {
            let Some(o) = p.as_object_mut() else { continue };
            match rng.below(5) {
                0 => {
                    o.insert("role".into(), json!("official"));
                }
                1 => {
                    let side = if o.get("side") == Some(&json!("kz")) { "foreign" } else { "kz" };
                    o.insert("side".into(), json!(side));
                }
                2 => {
                    o.remove("role");
                }
                3 => {
                    o.insert("role".into(), json!("akim"));
                }
                _ => {}
            }
        }
    }
}

fn figures(doc: &mut Value, rng: &mut Rng) {
    for ev in events_mut(doc) {
        let Some(figs) = ev.get_mut("figures").and_then(Value::as_array_mut) else { continue };
        let mut keep = Vec::new();
        for mut f in figs.drain(..) {
            let v = f.get("value").and_then(Value::as_f64).unwrap_or(0.0);
            match rng.below(8) {
                0 => continue,
                1 => f["value"] = json!(v * 1.005),
                2 => f["value"] = json!(v * 1.05),
                3 => {
                    f["value"] = json!(format!("{v}"));
                    map_str(&mut f["currency"], str::to_lowercase);
                }
                4 => f["metric"] = json!("other"),
                5 => f["value"] = json!(v * 0.995),
                6 => f["currency"] = json!("KZT"),
                _ => {}
            }
            keep.push(f);
        }
        if rng.one_in(2) {
            keep.push(json!({"metric": "trade_turnover", "value": 1.0e6 * (1 + rng.below(500)) as f64, "currency": "USD", "period": null}));
        }
        if rng.one_in(4) {
            keep.push(json!({"metric": "export", "value": null, "currency": "USD"}));
        }
        *figs = keep;
    }
}

fn events(doc: &mut Value, rng: &mut Rng) {
    let Some(evs) = doc.get_mut("events").and_then(Value::as_array_mut) else { return };
    match rng.below(5) {
        0 => {
            evs.pop();
        }
        1 => evs.clear(),
        2 => {
            if let Some(first) = evs.first().cloned() {
                let mut copy = first;
                copy["type"] = json!("visit");
                copy["people"] = json!([]);
                evs.push(copy);
            }
        }
        3 => {
            for ev in evs.iter_mut() {
                ev["type"] = json!("meeting");
            }
        }
        _ => {}
    }
}

fn strings(doc: &mut Value, rng: &mut Rng) {
    for ev in events_mut(doc) {
        for o in list_mut(ev, "organizations") {
            match rng.below(5) {
                0 => map_str(o, |s| s.split(' ').next().unwrap_or(s).to_owned()),
                1 => map_str(o, |s| format!("{s} LLC")),
                2 => map_str(o, str::to_lowercase),
                3 => map_str(o, |s| s.chars().take(3).collect()),
                _ => {}
            }
        }
        for r in list_mut(ev, "foreign_regions") {
            match rng.below(5) {
                0 => map_str(r, |s| s.replace("Oblast", "Region").replace("Province", "Oblast")),
                1 => map_str(r, |s| format!("Republic of {s}")),
                2 => map_str(r, |s| format!("{s} Mongol")),
                3 => map_str(r, |s| s.split(' ').next().unwrap_or(s).to_owned()),
                _ => {}
            }
        }
        for r in list_mut(ev, "regions") {
            if rng.one_in(3) {
                map_str(r, str::to_lowercase);
            } else if rng.one_in(5) {
                *r = json!("KZ-75");
            }
        }
        for c in list_mut(ev, "countries") {
            if rng.one_in(4) {
                *c = json!("RU");
            }
        }
        if let Some(sectors) = ev.get_mut("sectors").and_then(Value::as_array_mut) {
            if rng.one_in(2) {
                sectors.pop();
            }
            if rng.one_in(3) {
                sectors.push(json!("trade"));
            }
        }
        if let Some(a) = ev.get_mut("agreements").and_then(Value::as_array_mut) {
            if rng.one_in(3) {
                a.push(json!("contract"));
            }
        }
        match rng.below(5) {
            0 => map_str(&mut ev["date"], |s| format!("{s}T10:00:00")),
            1 => ev["date"] = Value::Null,
            2 => map_str(&mut ev["date"], |s| s.replace("-0", "-1")),
            _ => {}
        }
        if rng.one_in(6) {
            ev["type"] = json!("forum");
        }
    }
}

/// Odd shapes score.py still reads: truthy non-booleans, nulls, strings where
/// lists belong, numbers as strings.
fn odd(doc: &mut Value, rng: &mut Rng) {
    match rng.below(6) {
        0 => {
            let r = doc["relevant"].as_bool().unwrap_or(false);
            doc["relevant"] = if r { json!(1) } else { json!("") };
        }
        1 => doc["relevant"] = json!("yes"),
        2 => doc["events"] = Value::Null,
        _ => {}
    }
    for ev in events_mut(doc) {
        if rng.one_in(4) {
            ev["countries"] = json!("KZ");
        }
        if rng.one_in(5) {
            ev["type"] = json!(1);
        }
        for p in list_mut(ev, "people") {
            if rng.one_in(6) {
                p["name"] = Value::Null;
            }
        }
        for f in list_mut(ev, "figures") {
            if rng.one_in(3) {
                f["value"] = json!("n/a");
            } else if rng.one_in(3) {
                f["value"] = json!(true);
            }
        }
    }
}

fn extras(doc: &mut Value, _rng: &mut Rng) {
    doc["body"] = json!("the clean text");
    doc["title"] = json!("a title");
    for ev in events_mut(doc) {
        ev["confidence"] = json!(0.75);
        ev["evidence"] = json!([{"field": "regions", "value": "KZ-23", "text": "…", "start": 0, "end": 1}]);
    }
}

type Perturb = fn(&mut Value, &mut Rng);

fn flip(doc: &mut Value, rng: &mut Rng) {
    if rng.one_in(4) {
        let r = doc["relevant"].as_bool().unwrap_or(false);
        doc["relevant"] = json!(!r);
        if !r {
            doc["events"] = json!([{"type": "meeting", "date": "2024-01-01", "regions": ["KZ-71"], "countries": ["TR"],
                "foreign_regions": [], "people": [{"name": "Ali Veli", "role": "ambassador", "side": "foreign"}],
                "organizations": [], "sectors": ["trade"], "figures": [], "agreements": []}]);
        }
    }
}

fn all_at_once(doc: &mut Value, rng: &mut Rng) {
    let ops: [Perturb; 6] = [people, roles, figures, events, strings, flip];
    for op in ops {
        if rng.one_in(2) {
            op(doc, rng);
        }
    }
}

/// The prediction files: (name, documents).
fn predictions(gold: &[Value]) -> Vec<(String, Vec<Value>)> {
    let per_doc: [(&str, Perturb); 9] = [
        ("extras", extras),
        ("people", people),
        ("roles", roles),
        ("figures", figures),
        ("events", events),
        ("strings", strings),
        ("flip", flip),
        ("odd", odd),
        ("mixed", all_at_once),
    ];
    let mut out = vec![("identity".to_owned(), gold.to_vec()), ("empty".to_owned(), Vec::new())];
    for (k, (name, op)) in per_doc.iter().enumerate() {
        let seeds: &[u64] = if *name == "mixed" { &[1, 2, 3, 4] } else { &[17] };
        for &seed in seeds {
            let mut rng = Rng(seed * 1000 + k as u64);
            let docs = gold
                .iter()
                .map(|d| {
                    let mut d = d.clone();
                    op(&mut d, &mut rng);
                    d
                })
                .collect();
            out.push((format!("{name}-{seed}"), docs));
        }
    }
    // Documents removed, reordered, duplicated (the later line wins) and one
    // that is not in the gold.
    let mut rng = Rng(99);
    let mut docs: Vec<Value> = gold.iter().enumerate().filter(|(i, _)| i % 3 != 1).map(|(_, d)| d.clone()).collect();
    docs.reverse();
    if let Some(first) = docs.first().cloned() {
        let mut stale = first.clone();
        stale["relevant"] = json!(false);
        docs.insert(0, stale);
    }
    docs.push(json!({"id": "not-in-gold", "relevant": true, "events": []}));
    for d in docs.iter_mut() {
        if rng.one_in(3) {
            d["events"] = json!([]);
        }
    }
    out.push(("removed".to_owned(), docs));
    out
}

fn write_jsonl(path: &Path, docs: &[Value]) {
    let mut s = String::new();
    for d in docs {
        s.push_str(&serde_json::to_string(d).expect("serialise"));
        s.push('\n');
    }
    std::fs::write(path, s).expect("write predictions");
}

fn run_python(score_py: &Path, gold: &Path, pred: &Path, args: &[&str]) -> String {
    let out = Command::new("python3")
        .arg(score_py)
        .arg(gold)
        .arg(pred)
        .args(args)
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONIOENCODING", "utf-8")
        .output()
        .expect("run score.py");
    assert!(out.status.success(), "score.py failed on {}: {}", pred.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn assert_same_counts(py: &Value, ours: &Report, what: &str) {
    let groups = py.as_object().expect("report object");
    let names: Vec<&str> = groups.keys().map(String::as_str).collect();
    let mine: Vec<&str> = ours.groups.iter().map(|g| g.name.as_str()).collect();
    let (mut a, mut b) = (names.clone(), mine.clone());
    a.sort_unstable();
    b.sort_unstable();
    assert_eq!(a, b, "{what}: groups");
    for g in &ours.groups {
        let pg = &groups[&g.name];
        for f in &g.fields {
            let pf = &pg[f.field];
            let theirs = (pf["tp"].as_u64(), pf["fp"].as_u64(), pf["fn"].as_u64());
            let mine = (Some(f.tp as u64), Some(f.fp as u64), Some(f.fn_ as u64));
            assert_eq!(theirs, mine, "{what}: {} {}", g.name, f.field);
            // serde_json's float parser may be off by an ulp: the exact digits
            // are compared with the whole output below.
            let f1 = pf["f1"].as_f64().unwrap_or(f64::NAN);
            assert!((f1 - f.f1).abs() < 1e-12, "{what}: {} {} F1 {f1} vs {}", g.name, f.field, f.f1);
        }
        let core = pg["core_f1"].as_f64().unwrap_or(f64::NAN);
        assert!((core - g.core_f1).abs() < 1e-12, "{what}: {} core F1 {core} vs {}", g.name, g.core_f1);
    }
}

#[test]
fn rust_scorer_agrees_with_score_py() {
    let Some(shared) = shared() else { return };
    if !python() {
        return;
    }
    let score_py = shared.join("eval/score.py");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut runs = 0;
    for (corpus, shift) in [("seeds.jsonl", 0), ("dev.jsonl", 6)] {
        let gold_path = shared.join("eval").join(corpus);
        let gold = load_jsonl(&gold_path).expect("gold loads");
        assert!(!gold.is_empty());
        for (k, (name, docs)) in predictions(&gold).into_iter().enumerate() {
            let what = format!("{corpus} / {name}");
            let pred_path = dir.path().join(format!("{corpus}-{name}.jsonl"));
            write_jsonl(&pred_path, &docs);
            let pred = load_jsonl(&pred_path).expect("predictions load");
            let report = score(&gold, &pred, true);

            // --json: the counts, and the output byte for byte.
            let out = run_python(&score_py, &gold_path, &pred_path, &["--by-lang", "--json"]);
            let (json_part, last) = out.trim_end().rsplit_once('\n').expect("json then core F1");
            let py: Value = serde_json::from_str(json_part).expect("score.py JSON");
            assert_same_counts(&py, &report, &what);
            assert_eq!(last, format!("core F1 = {:.3}", report.core_f1()), "{what}");
            assert_eq!(out, report.render_json(&[]), "{what}: --json output");

            // The table with the misses of a field (each field in turn), byte for byte.
            let field = FIELDS[(k + shift) % FIELDS.len()];
            let out = run_python(&score_py, &gold_path, &pred_path, &["--by-lang", "--errors", field]);
            let mine = report.render(&errors(&gold, &pred, field));
            assert_eq!(out, mine, "{what}: --by-lang --errors {field}");
            runs += 1;
        }
    }
    assert!(runs >= 30, "{runs} prediction files");
}

#[test]
fn perturbations_change_the_scores() {
    // The agreement test is only worth something if the predictions differ
    // from the gold in many fields.
    let Some(shared) = shared() else { return };
    let gold = load_jsonl(shared.join("eval/dev.jsonl")).expect("gold loads");
    let preds = predictions(&gold);
    let mut imperfect = std::collections::BTreeSet::new();
    for (name, docs) in &preds {
        let r = score(&gold, docs, false);
        let all = r.all().expect("all");
        if name == "identity" || name == "extras-17" {
            assert_eq!(r.core_f1(), 1.0, "{name}");
        }
        for f in &all.fields {
            if f.fp + f.fn_ > 0 {
                imperfect.insert(f.field);
            }
        }
    }
    assert_eq!(
        imperfect.len(),
        FIELDS.len(),
        "fields never perturbed: {:?}",
        FIELDS.iter().filter(|f| !imperfect.contains(*f)).collect::<Vec<_>>()
    );
}
