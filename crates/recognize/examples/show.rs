//! Prints the money, figures and dates found in a text read from stdin:
//! `echo "..." | cargo run -p yntymaq-recognize --example show -- ru 2025-06-01`.

use std::io::Read;
use yntymaq_core::{sentences, tokenize, Referent};

fn main() {
    let mut args = std::env::args().skip(1);
    let lang = args.next().unwrap_or_else(|| "ru".to_owned());
    let dateline = args.next().and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        return;
    }
    let toks = tokenize(&text);
    let sents = sentences(&text, &toks);
    if std::env::var_os("SHOW_SENTENCES").is_some() {
        debug_sentences(&text);
    }
    for e in yntymaq_recognize::money(&text, &toks, &lang) {
        if let Referent::Money { value, currency } = &e.referent {
            println!("MONEY «{}» {value} {currency}", e.span.slice(&text));
        }
    }
    for f in yntymaq_recognize::figures(&text, &toks, &sents, &lang, dateline) {
        println!(
            "FIGURE «{}» {} {} {} {:?} change={}",
            f.span.slice(&text),
            f.metric,
            f.value,
            f.currency,
            f.period,
            f.is_change
        );
    }
    use chrono::Datelike;
    for e in yntymaq_recognize::dates(&text, &toks, &lang, dateline.map(|d| d.year())) {
        let v = match &e.referent {
            Referent::Date { value } => value.as_str(),
            _ => "-",
        };
        println!("DATE «{}» {v}", e.span.slice(&text));
    }
}

#[allow(dead_code)]
fn debug_sentences(text: &str) {
    let toks = tokenize(text);
    for s in sentences(text, &toks) {
        println!("SENT «{}»", s.slice(text));
    }
}
