//! The scorer's keys, items and matching on tricky inputs, and its table.

use serde_json::{json, Value};
use yntymaq::eval::{
    compare, errors, fold, items, load_jsonl, matches, name_key, region_key, score, Counts, EvalError, Item, FIELDS,
};

#[test]
fn fold_kazakh_and_russian_letters() {
    assert_eq!(fold("Қазақстан"), "казакстан");
    assert_eq!(fold("Ақтөбе облысы"), "актобе облысы");
    assert_eq!(fold("Ұлытау, Һ, ғ, ң, ү, і, ә"), "улытау х г н у и а");
    assert_eq!(fold("Нұр-Сұлтан"), "нур султан");
    assert_eq!(fold("Алёна"), fold("Алена"));
    assert_eq!(fold("ЁЛКИН"), "елкин");
    assert_eq!(fold("Йошкар-Ола"), "иошкар ола");
    // Decomposed й (и + breve) and ё (е + diaeresis) fold the same way.
    assert_eq!(fold("и\u{306}е\u{308}"), "ие");
    assert_eq!(fold("Шахаровтың"), "шахаровтын");
}

#[test]
fn fold_accents_case_and_punctuation() {
    assert_eq!(fold("José"), "jose");
    assert_eq!(fold("Jose\u{301}"), "jose");
    assert_eq!(fold("MÜLLER"), "muller");
    assert_eq!(fold("İstanbul"), "istanbul");
    assert_eq!(fold("ΣΟΦΟΣ"), "σοφος");
    assert_eq!(fold("Straße"), "straße");
    assert_eq!(fold("  «Air Astana» — JSC  "), "air astana jsc");
    assert_eq!(fold("№5, 2024 г."), "5 2024 г");
    assert_eq!(fold("½ Ⅻ ٣"), "½ ⅻ ٣");
    assert_eq!(fold("a\u{a0}b\u{200b}c\tD"), "a b c d");
    assert_eq!(fold("O'Brien"), "o brien");
    assert_eq!(fold(""), "");
    assert_eq!(fold(" - . "), "");
}

#[test]
fn name_key_ignores_case_order_and_letters() {
    assert_eq!(name_key("Асхат Шахаров"), "асхат шахаров");
    assert_eq!(name_key("ШАХАРОВ асхат"), "асхат шахаров");
    assert_eq!(name_key("Нұрлан Ноғаев"), name_key("Нурлан Ногаев"));
    assert_eq!(name_key("Алёна Ким-Пак"), "алена ким пак");
    assert_ne!(name_key("Моникой Иверсен"), name_key("Моника Иверсен"));
    assert_eq!(name_key("—"), "");
}

#[test]
fn region_key_drops_generic_words() {
    assert_eq!(region_key("Grodno Region"), "grodno");
    assert_eq!(region_key("Grodno Oblast"), region_key("Grodno Region"));
    assert_eq!(region_key("Republic of Bashkortostan"), "bashkortostan");
    assert_eq!(region_key("Bayingolin Mongol Autonomous Prefecture"), "bayingolin mongol");
    assert_eq!(region_key("Altai Krai"), region_key("Altai Kray"));
    // Only generic words: the folded name stands.
    assert_eq!(region_key("The Special Administrative Region"), "the special administrative region");
    assert_eq!(region_key("Kurgan Oblast"), "kurgan");
}

fn s(x: &str) -> Item {
    Item::Str(x.to_owned())
}

fn fig(metric: &str, currency: &str, v: f64) -> Item {
    Item::Tuple(vec![s(metric), s(currency), Item::Float(v)])
}

#[test]
fn matches_tolerances() {
    let g = fig("trade_turnover", "USD", 100_000_000.0);
    assert!(matches("figures", &g, &fig("trade_turnover", "USD", 101_000_000.0)));
    assert!(matches("figures", &g, &fig("trade_turnover", "USD", 99_000_000.0)));
    assert!(matches("figures", &g, &fig("trade_turnover", "USD", 100_500_000.0)));
    assert!(!matches("figures", &g, &fig("trade_turnover", "USD", 101_000_001.0)));
    assert!(!matches("figures", &g, &fig("trade_turnover", "USD", 105_000_000.0)));
    assert!(!matches("figures", &g, &fig("export", "USD", 100_000_000.0)));
    assert!(!matches("figures", &g, &fig("trade_turnover", "EUR", 100_000_000.0)));
    // Near zero the tolerance is 0.01 absolute.
    assert!(matches("figures", &fig("other", "KZT", 0.0), &fig("other", "KZT", 0.01)));
    assert!(!matches("figures", &fig("other", "KZT", 0.0), &fig("other", "KZT", 0.5)));
    // The tolerance is 1% of the gold value, not of the prediction.
    assert!(matches("figures", &fig("export", "USD", 100.0), &fig("export", "USD", 101.0)));
    assert!(!matches("figures", &fig("export", "USD", 101.0), &fig("export", "USD", 99.9)));
    // An integer metric value equals a float one, as in Python.
    let gi = Item::Tuple(vec![s("export"), s("USD"), Item::Int(5)]);
    assert!(matches("figures", &gi, &fig("export", "USD", 5.0)));

    assert!(matches("organizations", &s("huawei"), &s("huawei technologies")));
    assert!(matches("organizations", &s("huawei technologies co"), &s("huawei")));
    assert!(!matches("organizations", &s("abc"), &s("abc corp")));
    assert!(matches("organizations", &s("abc"), &s("abc")));
    assert!(matches("organizations", &s("abcd"), &s("abcd corp")));
    assert!(!matches("organizations", &s("huawei"), &s("zte")));

    assert!(matches("foreign_regions", &s("bayingolin"), &s("bayingolin mongol")));
    assert!(matches("foreign_regions", &s("south kazakhstan north"), &s("north south")));
    assert!(!matches("foreign_regions", &s("grodno"), &s("minsk")));
    assert!(!matches("foreign_regions", &s("xinjiang uyghur"), &s("xinjiang tibet")));

    // Other fields: equality only.
    assert!(!matches("people", &s("асхат шахаров"), &s("асхат шахаров кызы")));
    assert!(matches("regions", &s("KZ-23"), &s("KZ-23")));
}

#[test]
fn compare_is_one_to_one() {
    let gold = [s("huawei")];
    let pred = [s("huawei technologies"), s("huawei")];
    assert_eq!(compare("organizations", &gold, &pred), Counts { tp: 1, fp: 1, fn_: 0 });
    assert_eq!(compare("people", &[], &[]), Counts::default());
    assert_eq!(compare("people", &[s("a")], &[]), Counts { tp: 0, fp: 0, fn_: 1 });
}

fn doc(v: Value) -> Value {
    v
}

#[test]
fn items_read_records_like_python() {
    let d = doc(json!({
        "id": "x", "relevant": true, "body": "ignored", "confidence": 0.3,
        "events": [
            {"type": "meeting", "date": "2024-03-05T10:00:00", "regions": ["kz-23", "KZ-23"], "countries": "CN",
             "foreign_regions": ["Xinjiang Uyghur Autonomous Region", "—"],
             "people": [{"name": "Нұрлан Ноғаев", "role": "akim", "side": "kz", "evidence": {"text": "t", "start": 0, "end": 1}},
                        {"name": "", "role": "ambassador", "side": "foreign"},
                        {"name": "Li Wei", "side": "foreign"}],
             "organizations": ["«Huawei»", "-"],
             "figures": [{"metric": "export", "value": "39500000", "currency": "usd", "period": null},
                         {"metric": "import", "value": "about 3", "currency": "USD"},
                         {"metric": "import", "value": 12, "currency": null}],
             "agreements": []},
            {"type": "meeting", "date": null, "sectors": ["trade"], "people": [{"name": "НОҒАЕВ Нұрлан", "role": "akim", "side": "kz"}]}
        ]
    }));
    let strs = |f: &str| items(&d, f).iter().map(Item::py_str).collect::<Vec<_>>();
    assert_eq!(strs("type"), ["meeting"]);
    assert_eq!(strs("date"), ["2024-03-05"]);
    assert_eq!(strs("regions"), ["KZ-23"]);
    // A string where a list belongs is iterated by characters, as in Python.
    assert_eq!(strs("countries"), ["C", "N"]);
    assert_eq!(strs("foreign_regions"), ["xinjiang uyghur"]);
    assert_eq!(strs("organizations"), ["huawei"]);
    assert_eq!(strs("people"), ["ногаев нурлан", "li wei"]);
    assert_eq!(strs("people_roles"), ["('ногаев нурлан', 'akim', 'kz')", "('li wei', None, 'foreign')"]);
    assert_eq!(strs("figures"), ["('export', 'USD', 39500000.0)", "('import', 'NONE', 12.0)"]);
    assert_eq!(strs("sectors"), ["trade"]);
    assert!(strs("agreements").is_empty());

    let mut off = d.clone();
    off["relevant"] = json!(false);
    assert!(FIELDS.iter().all(|f| items(&off, f).is_empty()));
    off["relevant"] = json!("yes");
    assert_eq!(items(&off, "type").len(), 1);
}

fn gold_and_pred() -> (Vec<Value>, Vec<Value>) {
    let gold = vec![
        json!({"id": "b", "lang": "kk", "relevant": true, "events": [
            {"type": "meeting", "regions": ["KZ-23"], "countries": ["GB"], "people": [{"name": "Нұрлан Ноғаев", "role": "akim", "side": "kz"}],
             "figures": [{"metric": "trade_turnover", "value": 39500000, "currency": "USD", "period": "2022"}]}]}),
        json!({"id": "a", "lang": "ru", "relevant": false, "events": []}),
        json!({"id": "c", "lang": "ru", "relevant": true, "events": [{"type": "agreement", "regions": ["KZ-75"], "countries": ["CN"]}]}),
    ];
    let pred = vec![
        json!({"id": "b", "relevant": true, "body": "...", "events": [
            {"type": "meeting", "regions": ["KZ-23"], "countries": ["GB", "US"], "people": [{"name": "Нурлан Ногаев", "role": "official", "side": "kz"}],
             "figures": [{"metric": "trade_turnover", "value": 39600000.0, "currency": "USD"}], "confidence": 0.9}]}),
        json!({"id": "a", "relevant": true, "events": [{"type": "visit"}]}),
        json!({"id": "zzz", "relevant": true, "events": []}),
    ];
    (gold, pred)
}

#[test]
fn score_counts_groups_and_table() {
    let (gold, pred) = gold_and_pred();
    let r = score(&gold, &pred, true);
    let names: Vec<(&str, usize)> = r.groups.iter().map(|g| (g.name.as_str(), g.docs)).collect();
    // Language groups in the order of their first document by id: a (ru), b (kk).
    assert_eq!(names, [("all", 3), ("lang=ru", 2), ("lang=kk", 1)]);
    assert_eq!(r.unmatched_predictions, 1);
    let all = r.all().expect("all");
    let c = |f: &str| all.field(f).map(|x| (x.tp, x.fp, x.fn_)).expect("field");
    assert_eq!(c("relevant"), (1, 1, 1));
    assert_eq!(c("type"), (1, 1, 1));
    assert_eq!(c("countries"), (1, 1, 1));
    assert_eq!(c("people"), (1, 0, 0));
    assert_eq!(c("people_roles"), (0, 1, 1));
    assert_eq!(c("figures"), (1, 0, 0));
    assert_eq!(c("regions"), (1, 0, 1));
    assert_eq!(c("date"), (0, 0, 0));
    let f1 = |t: f64, p: f64, n: f64| if t == 0.0 { 0.0 } else { 2.0 * t / (2.0 * t + p + n) };
    let core = (f1(1.0, 1.0, 1.0) + f1(1.0, 0.0, 1.0) + f1(1.0, 1.0, 1.0) + 1.0 + 0.0 + f1(1.0, 1.0, 1.0) + 1.0) / 7.0;
    assert!((r.core_f1() - core).abs() < 1e-12, "{} vs {core}", r.core_f1());

    let text = r.to_text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "## all (3 documents)");
    assert_eq!(lines[1], "field                P      R     F1    tp    fp    fn");
    assert_eq!(lines[2], "relevant         0.500  0.500  0.500     1     1     1 *");
    assert_eq!(lines[4], "date             1.000  1.000  1.000     0     0     0");
    assert_eq!(lines.last().copied(), Some(format!("core F1 = {:.3}", core).as_str()));
    assert_eq!(text.matches("## ").count(), 3);

    let e = errors(&gold, &pred, "people_roles");
    assert_eq!(e.len(), 1);
    assert_eq!(
        e[0].to_string(),
        "  miss people_roles b [\"('ногаев нурлан', 'akim', 'kz')\"] [\"('ногаев нурлан', 'official', 'kz')\"]"
    );
    let e = errors(&gold, &pred, "relevant");
    assert_eq!(
        e.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["  miss relevant a False True", "  miss relevant c True False"]
    );
    assert!(errors(&gold, &pred, "nonsense").is_empty());
    let with = r.render(&errors(&gold, &pred, "relevant"));
    let after_all = with.lines().position(|l| l.starts_with("  miss relevant a")).expect("error line");
    assert_eq!(with.lines().nth(after_all - 1), Some("agreements       1.000  1.000  1.000     0     0     0"));
}

#[test]
fn perfect_and_empty() {
    let (gold, _) = gold_and_pred();
    assert_eq!(score(&gold, &gold, false).core_f1(), 1.0);
    assert_eq!(score(&[], &[], false).core_f1(), 1.0);
    let none = score(&gold, &[], false);
    let all = none.all().expect("all");
    assert_eq!(all.field("relevant").map(|f| (f.tp, f.fp, f.fn_)), Some((0, 0, 2)));
    assert_eq!(all.field("regions").map(|f| f.f1), Some(0.0));
    assert_eq!(none.groups.len(), 1);
}

#[test]
fn load_jsonl_reports_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("x.jsonl");
    std::fs::write(&p, "\u{feff}{\"id\": \"a\"}\n\n  {\"id\": 2, \"x\": 1}\r\n").expect("write");
    let docs = load_jsonl(&p).expect("loads");
    assert_eq!(docs.len(), 2);
    std::fs::write(&p, "{\"id\": \"a\"}\n{\"x\": 1}\n").expect("write");
    let e = load_jsonl(&p).expect_err("no id");
    assert!(matches!(e, EvalError::NoId { line: 2, .. }));
    assert!(e.to_string().ends_with("x.jsonl:2: no id"), "{e}");
    std::fs::write(&p, "{\"id\": \"a\"}\n\n{\"id\": \n").expect("write");
    let e = load_jsonl(&p).expect_err("bad json");
    assert!(e.to_string().contains("x.jsonl:3: not JSON"), "{e}");
    std::fs::write(&p, b"{\"id\": \"\xff\"}\n").expect("write");
    assert!(matches!(load_jsonl(&p), Err(EvalError::Utf8 { line: 1, .. })));
    assert!(matches!(load_jsonl(dir.path().join("missing.jsonl")), Err(EvalError::Io { .. })));
}

#[test]
fn ids_are_python_str() {
    // A numeric id is matched through Python's str(): 7 and "7" are the same document.
    let gold = vec![json!({"id": 7, "lang": null, "relevant": true, "events": [{"type": "meeting"}]})];
    let pred = vec![json!({"id": "7", "relevant": 1, "events": [{"type": "meeting"}]})];
    let r = score(&gold, &pred, true);
    assert_eq!(r.core_f1(), 1.0);
    assert_eq!(r.groups.get(1).map(|g| g.name.as_str()), Some("lang=None"));
}
