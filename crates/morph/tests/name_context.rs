//! Russian person names in their sentence context (tests/name_context.tsv:
//! real mentions from the dev gold corpora and factRuEval-2016) brought to
//! the nominative by `name_nominative` (no context) and by
//! `name_nominative_after` (the 3 words before the name; and, as a second
//! figure, the 5 words the table holds).

use yntymaq_morph::Morph;

struct Row<'a> {
    words: Vec<&'a str>,
    before: Vec<&'a str>,
    expected: &'a str,
}

fn rows() -> Vec<Row<'static>> {
    include_str!("name_context.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let [_, words, before, expected] = cols.as_slice() else { panic!("bad row: {l:?}") };
            Row { words: words.split(' ').collect(), before: before.split_whitespace().collect(), expected }
        })
        .collect()
}

/// Names compare the way the scorer compares people: `ё` as `е`.
fn same(got: &str, want: &str) -> bool {
    got.replace('ё', "е").replace('Ё', "Е") == want.replace('ё', "е").replace('Ё', "Е")
}

fn tally(label: &str, rows: &[Row], f: impl Fn(&Row) -> String) -> usize {
    let mut right = 0;
    let mut wrong = Vec::new();
    for r in rows {
        let got = f(r);
        if same(&got, r.expected) {
            right += 1;
        } else {
            wrong.push(format!("  {} | {} → {got} (want {})", r.before.join(" "), r.words.join(" "), r.expected));
        }
    }
    println!("{label}: {right}/{}", rows.len());
    for w in wrong {
        println!("{w}");
    }
    right
}

#[test]
fn names_in_context() {
    let m = Morph::global();
    let rows = rows();
    assert!(rows.len() >= 60, "only {} rows", rows.len());
    let plain = tally("name_nominative", &rows, |r| m.name_nominative(&r.words, "ru").join(" "));
    let after3 = tally("name_nominative_after (3 words)", &rows, |r| {
        let from = r.before.len().saturating_sub(3);
        m.name_nominative_after(&r.words, "ru", &r.before[from..]).join(" ")
    });
    let after5 = tally("name_nominative_after (5 words)", &rows, |r| {
        m.name_nominative_after(&r.words, "ru", &r.before).join(" ")
    });
    println!("summary: name_nominative {plain}, after/3 {after3}, after/5 {after5} of {}", rows.len());
    // Cost per call (informative; run with --release for real figures).
    let t = std::time::Instant::now();
    let mut n = 0usize;
    for _ in 0..10 {
        for r in &rows {
            let from = r.before.len().saturating_sub(3);
            n += m.name_nominative_after(&r.words, "ru", &r.before[from..]).len();
        }
    }
    let after_cost = t.elapsed() / (10 * rows.len() as u32);
    let t = std::time::Instant::now();
    for _ in 0..10 {
        for r in &rows {
            n += m.name_nominative(&r.words, "ru").len();
        }
    }
    let plain_cost = t.elapsed() / (10 * rows.len() as u32);
    println!("per call: name_nominative {plain_cost:?}, name_nominative_after {after_cost:?} ({n} words)");
    assert!(after3 >= plain, "context made things worse: {after3} < {plain}");
    assert!(after3 as f64 >= 0.9 * rows.len() as f64, "name_nominative_after: {after3}/{}", rows.len());
}
