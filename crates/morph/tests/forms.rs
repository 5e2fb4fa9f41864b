//! Data-driven tables of real inflected forms (tests/ru_forms.tsv,
//! tests/kk_forms.tsv): every core row must pass, and most of the others.

use yntymaq_morph::Morph;

struct Outcome {
    total: usize,
    passed: usize,
    core_failures: Vec<String>,
    failures: Vec<String>,
}

fn run(table: &str, lang: &str) -> Outcome {
    let m = Morph::global();
    let mut o = Outcome { total: 0, passed: 0, core_failures: Vec::new(), failures: Vec::new() };
    for line in table.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [kind, form, expected, core] = cols.as_slice() else { panic!("bad row: {line:?}") };
        let got = if *kind == "P" {
            let words: Vec<&str> = form.split_whitespace().collect();
            m.name_nominative(&words, lang).join(" ")
        } else {
            m.lemma(form, lang)
        };
        o.total += 1;
        if got == *expected {
            o.passed += 1;
        } else {
            let msg = format!("{kind} {form}: got {got:?}, want {expected:?}");
            if core.trim() == "*" {
                o.core_failures.push(msg);
            } else {
                o.failures.push(msg);
            }
        }
    }
    o
}

fn check(table: &str, lang: &str, min_rows: usize, min_rate: f64) {
    let o = run(table, lang);
    let rate = o.passed as f64 / o.total.max(1) as f64;
    println!("{lang}: {}/{} = {:.1}%", o.passed, o.total, rate * 100.0);
    for f in o.core_failures.iter().chain(&o.failures) {
        println!("  {f}");
    }
    assert!(o.total >= min_rows, "{lang}: only {} rows", o.total);
    assert!(o.core_failures.is_empty(), "{lang} core failures: {:?}", o.core_failures);
    assert!(rate >= min_rate, "{lang}: pass rate {rate:.3} below {min_rate}");
}

#[test]
fn russian_forms() {
    check(include_str!("ru_forms.tsv"), "ru", 100, 0.9);
}

#[test]
fn kazakh_forms() {
    check(include_str!("kk_forms.tsv"), "kk", 100, 0.9);
}
