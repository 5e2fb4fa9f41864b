//! Domain recall of people: the gold people of the event corpora
//! (`../shared/eval/seeds.jsonl`, `dev.jsonl`: records with `events[].people[].name`
//! in the nominative) against the PER entities the tagger finds in the
//! document text.
//!
//! A person is *found* when a PER entity covers a token that is a form of
//! the name's key word: the surname (the last word), or, when the text never
//! has it, the longest other word of the name that it has (`Чжао Фей`,
//! transliterations). A token is a form of a word when, lower-cased with `ё`
//! as `е`, it starts with the word's stem (the word without a final vowel
//! when more than three letters remain): `Кошербаевым`, `Көшербаевпен`.

use crate::lexicon::stem;
use crate::Tagger;
use serde::Deserialize;
use yntymaq_core::{tokenize, Label, TokenKind};

#[derive(Deserialize)]
struct RawPerson {
    name: String,
}
#[derive(Deserialize)]
struct RawEvent {
    #[serde(default)]
    people: Vec<RawPerson>,
}
#[derive(Deserialize)]
struct RawRecord {
    id: String,
    #[serde(default)]
    lang: Option<String>,
    text: String,
    #[serde(default)]
    events: Vec<RawEvent>,
}

/// A document with the names of its gold people (distinct, in order).
#[derive(Debug, Clone)]
pub struct GoldPeople {
    pub id: String,
    pub lang: String,
    pub text: String,
    pub people: Vec<String>,
}

/// Reads an event corpus (JSON Lines).
pub fn read_gold_people(path: &str) -> Result<Vec<GoldPeople>, crate::corpus::CorpusError> {
    let data = std::fs::read_to_string(path).map_err(|e| crate::corpus::CorpusError::Io(path.to_string(), e))?;
    let mut out = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: RawRecord = serde_json::from_str(line).map_err(|e| crate::corpus::CorpusError::Json {
            path: path.to_string(),
            line: n + 1,
            msg: e.to_string(),
        })?;
        let mut people: Vec<String> = Vec::new();
        for p in r.events.iter().flat_map(|e| &e.people) {
            let name = p.name.trim();
            if !name.is_empty() && !people.iter().any(|q| q == name) {
                people.push(name.to_string());
            }
        }
        out.push(GoldPeople { id: r.id, lang: r.lang.unwrap_or_else(|| "ru".into()), text: r.text, people });
    }
    Ok(out)
}

/// A gold person the tagger missed.
#[derive(Debug, Clone)]
pub struct Missed {
    pub doc: String,
    pub lang: String,
    pub name: String,
    /// The text around the first mention, with `[...]` around PER entities.
    pub context: String,
}

/// The result of [`domain_recall`].
#[derive(Debug, Clone, Default)]
pub struct Recall {
    pub found: usize,
    pub total: usize,
    /// People whose name words never occur in their document's text (not counted).
    pub absent: usize,
    pub missed: Vec<Missed>,
    /// (language, found, total)
    pub by_lang: Vec<(String, usize, usize)>,
    /// PER entities that cover no word of the document's gold people: (doc, lang, text).
    pub unmatched_per: Vec<(String, String, String)>,
}

fn word_key(w: &str) -> String {
    stem(w)
}

fn is_form(token_lower: &str, key: &str) -> bool {
    key.chars().count() >= 2 && token_lower.starts_with(key)
}

/// Tags every document with the global tagger and counts the gold people found.
pub fn domain_recall(docs: &[GoldPeople]) -> Recall {
    let mut r = Recall::default();
    for d in docs {
        let toks = tokenize(&d.text);
        let lower: Vec<String> = toks
            .iter()
            .map(|t| {
                if t.kind == TokenKind::Word {
                    t.text(&d.text).to_lowercase().replace('ё', "е")
                } else {
                    String::new()
                }
            })
            .collect();
        let ents = Tagger::global().tag(&d.text, &toks, &d.lang);
        let pers: Vec<_> = ents.iter().filter(|e| e.label == Label::Per).collect();
        let covered = |i: usize| toks.get(i).is_some_and(|t| pers.iter().any(|e| e.span.contains(t.span)));
        let mut all_keys: Vec<String> = Vec::new();
        for name in &d.people {
            let words: Vec<&str> = name.split_whitespace().filter(|w| w.chars().count() >= 2).collect();
            let mut cands: Vec<&str> = words.last().copied().into_iter().collect();
            let mut rest: Vec<&str> = words.iter().rev().skip(1).copied().collect();
            rest.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
            cands.extend(rest);
            all_keys.extend(words.iter().map(|w| word_key(w)));
            let key = cands.iter().map(|w| word_key(w)).find(|k| lower.iter().any(|t| is_form(t, k)));
            let Some(key) = key else {
                r.absent += 1;
                continue;
            };
            r.total += 1;
            let slot = match r.by_lang.iter().position(|(l, _, _)| *l == d.lang) {
                Some(p) => p,
                None => {
                    r.by_lang.push((d.lang.clone(), 0, 0));
                    r.by_lang.len() - 1
                }
            };
            if let Some(s) = r.by_lang.get_mut(slot) {
                s.2 += 1;
            }
            let hits: Vec<usize> =
                (0..toks.len()).filter(|&i| lower.get(i).is_some_and(|t| is_form(t, &key))).collect();
            if hits.iter().any(|&i| covered(i)) {
                r.found += 1;
                if let Some(s) = r.by_lang.get_mut(slot) {
                    s.1 += 1;
                }
            } else {
                let first = hits.first().and_then(|&i| toks.get(i)).map_or(0, |t| t.span.start);
                r.missed.push(Missed {
                    doc: d.id.clone(),
                    lang: d.lang.clone(),
                    name: name.clone(),
                    context: context(&d.text, first, &pers.iter().map(|e| e.span).collect::<Vec<_>>()),
                });
            }
        }
        for e in &pers {
            let t = e.span.slice(&d.text);
            let lt = t.to_lowercase().replace('ё', "е");
            if !lt.split(|c: char| !c.is_alphanumeric()).any(|w| all_keys.iter().any(|k| is_form(w, k))) {
                r.unmatched_per.push((d.id.clone(), d.lang.clone(), t.to_string()));
            }
        }
    }
    r
}

/// About 60 characters before and 80 after byte offset `at`, with PER spans bracketed.
fn context(text: &str, at: usize, pers: &[yntymaq_core::Span]) -> String {
    let mut a = at.saturating_sub(60);
    while a > 0 && !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (at + 80).min(text.len());
    while b < text.len() && !text.is_char_boundary(b) {
        b += 1;
    }
    let mut out = String::new();
    for (i, c) in text.get(a..b).unwrap_or("").char_indices() {
        let p = a + i;
        if pers.iter().any(|s| s.start == p) {
            out.push('[');
        }
        if pers.iter().any(|s| s.end == p) {
            out.push(']');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}
