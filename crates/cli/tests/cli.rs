//! The `yntymaq` command as a user runs it: exit status, error records,
//! messages on stderr, output formats, the bundled sample.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn yntymaq(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yntymaq")).args(args).output().expect("run yntymaq")
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/pages")
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect()
}

#[test]
fn the_bundled_sample_extracts_cleanly() {
    let out = yntymaq(&["extract", examples().to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records = lines(&out);
    // two JSONL documents, the WARC's two HTML responses, the HTML page, the text page
    assert_eq!(records.len(), 6, "{records:#?}");
    for r in &records {
        assert!(r.get("error").is_none(), "{r}");
        for key in ["id", "url", "lang", "relevant", "events", "title", "published", "body", "source"] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
    }
    let warc: Vec<&serde_json::Value> =
        records.iter().filter(|r| r["id"].as_str().unwrap().starts_with("crawl.warc.gz@")).collect();
    assert_eq!(warc.len(), 2);
    assert!(warc.iter().all(|r| r["source"]["offset"].is_u64()));
    let cp1251 = warc.iter().find(|r| r["url"] == "https://example.kz/kst/2").unwrap();
    assert!(cp1251["body"].as_str().unwrap().contains("Костанайскую область"), "{cp1251}");
    let kk = records.iter().find(|r| r["id"] == "turkistan-delegation.txt").unwrap();
    assert_eq!(kk["lang"], "kk");
    assert_eq!(kk["relevant"], true);
    assert!(!kk["body"].as_str().unwrap().contains("Басқа жаңалықтар"));
}

#[test]
fn bad_input_is_an_error_record_a_stderr_line_and_exit_status_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Аким ВКО встретился с послом Германии.").unwrap();
    std::fs::write(dir.path().join("b.bin"), b"\x00\x01\x02\x03binary\x00").unwrap();
    std::fs::write(dir.path().join("c.jsonl"), "{\"id\": \"ok\", \"text\": \"Әкім елшімен кездесті.\"}\n{broken\n")
        .unwrap();
    let out = yntymaq(&["extract", dir.path().to_str().unwrap(), "--no-progress"]);
    assert_eq!(out.status.code(), Some(1));
    let records = lines(&out);
    assert_eq!(records.len(), 4, "{records:#?}");
    let errors: Vec<&serde_json::Value> = records.iter().filter(|r| r.get("error").is_some()).collect();
    assert_eq!(errors.len(), 2);
    assert!(errors.iter().all(|e| e["id"].is_string() && e["source"]["path"].is_string()));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("b.bin"), "{stderr}");
    assert!(stderr.contains("malformed JSON"), "{stderr}");
    assert!(stderr.contains("2 of 4 documents failed"), "{stderr}");
}

#[test]
fn formats_and_usage_errors() {
    let page = examples().join("pavlodar-consul.html");
    let json = yntymaq(&["extract", page.to_str().unwrap(), "--format", "json"]);
    assert!(json.status.success());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("one JSON array");
    assert_eq!(v.as_array().map(Vec::len), Some(1));
    assert_eq!(v[0]["published"], "2025-04-15");
    let pretty = yntymaq(&["extract", page.to_str().unwrap(), "--format", "pretty"]);
    let text = String::from_utf8_lossy(&pretty.stdout);
    assert!(text.contains("title:") && text.contains("language:  ru") && text.contains("▸ event 1"), "{text}");
    let missing = yntymaq(&["extract", "/no/such/dir"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such file"));
    let usage = yntymaq(&["extract"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn annotate_counts_characters_not_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, "{\"id\": \"1\", \"text\": \"Аким ВКО Ермек Кошербаев встретился с послом Германии Моникой Иверсен.\", \"lang\": \"ru\"}\n").unwrap();
    let out = yntymaq(&["annotate", input.to_str().unwrap()]);
    assert!(out.status.success());
    let rec = &lines(&out)[0];
    let text: Vec<char> = "Аким ВКО Ермек Кошербаев встретился с послом Германии Моникой Иверсен.".chars().collect();
    let ents = rec["entities"].as_array().unwrap();
    assert!(!ents.is_empty());
    for e in ents {
        let (s, t) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
        assert_eq!(text[s..t].iter().collect::<String>(), e["text"].as_str().unwrap());
    }
    let per = ents.iter().find(|e| e["label"] == "PER" && e["text"] == "Моникой Иверсен").expect("PER Моникой Иверсен");
    assert_eq!(per["norm"], "Моника Иверсен");
}

#[test]
fn annotate_takes_a_tagger_model_file_and_reports_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"1\", \"text\": \"Посол Италии Виторио Сандали встретился с министром.\", \"lang\": \"ru\"}\n",
    )
    .unwrap();
    let input = input.to_str().unwrap();
    let embedded = yntymaq(&["annotate", input]);
    assert!(embedded.status.success());
    // the committed model given as a file: the same entities
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/ner/ru.bin");
    let spec = format!("ru={}", model.display());
    let given = yntymaq(&["annotate", input, "--ner-model", &spec]);
    assert!(given.status.success(), "{}", String::from_utf8_lossy(&given.stderr));
    assert_eq!(lines(&given), lines(&embedded));
    // another language's model is read, not refused, and tags without a panic
    let kk = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/ner/kk.bin");
    let other = yntymaq(&["annotate", input, "--ner-model", &format!("ru={}", kk.display())]);
    assert!(other.status.success(), "{}", String::from_utf8_lossy(&other.stderr));
    assert_eq!(lines(&other).len(), 1);
    // a file that is no model, a missing file, no language, an unknown one
    let not_a_model = dir.path().join("x.bin");
    std::fs::write(&not_a_model, "not a model").unwrap();
    for (spec, says) in [
        (format!("ru={}", not_a_model.display()), "not a yntymaq NER model"),
        ("ru=/no/such/model.bin".to_string(), "cannot read /no/such/model.bin"),
        ("ru".to_string(), "expected LANG=PATH"),
        (format!("de={}", model.display()), "no tagger model for language \"de\""),
    ] {
        let out = yntymaq(&["annotate", input, "--ner-model", &spec]);
        assert_eq!(out.status.code(), Some(2), "{spec}: a fatal error");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{spec}: {stderr}");
        assert!(out.stdout.is_empty(), "{spec}: nothing is written");
    }
}
