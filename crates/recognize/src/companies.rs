//! Company names: a quoted name beside a company word or legal form
//! (`компании «Жетысу Вольфрам»`, `«China Triumph International»
//! компаниясының`, `ОАО “Тихиничи”`, and the quoted names listed after one),
//! a Latin-script name ending in a company word (`China Huadian Corporation
//! Ltd.`, `Huawei Technologies Co., Ltd.`), and in English a capitalised
//! name before "company" (`Kawasaki and Marubeni companies`). Word lists:
//! `data/recognize/companies.tsv`.

use std::sync::OnceLock;
use yntymaq_core::{Entity, Label, Referent, Span, Token, TokenKind};
use yntymaq_core::{FxHashMap as HashMap, FxHashSet as HashSet};

struct Words {
    /// Company words by language: stems (`компани` for `компани*`) and whole words.
    kind_stems: Vec<(String, String)>,
    /// Whole company words, with the languages they are words of.
    kind_words: HashMap<String, Vec<String>>,
    /// The first letters of company words: a cheap first test.
    kind_first: HashSet<char>,
    legal: HashSet<String>,
    suffix: HashSet<String>,
}

fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| {
        let mut w = Words {
            kind_stems: Vec::new(),
            kind_words: HashMap::default(),
            kind_first: HashSet::default(),
            legal: HashSet::default(),
            suffix: HashSet::default(),
        };
        for line in
            include_str!("../../../data/recognize/companies.tsv").lines().filter(|l| !l.starts_with('#')).skip(1)
        {
            let mut cols = line.split('\t');
            let (Some(kind), Some(lang), Some(list)) = (cols.next(), cols.next(), cols.next()) else { continue };
            for item in list.split('|').map(str::trim).filter(|x| !x.is_empty()) {
                let item = yntymaq_core::to_lower(item);
                if kind == "kind" {
                    w.kind_first.extend(item.chars().next());
                }
                match (kind, item.strip_suffix('*')) {
                    ("kind", Some(stem)) => w.kind_stems.push((lang.to_owned(), stem.to_owned())),
                    ("kind", None) => w.kind_words.entry(item).or_default().push(lang.to_owned()),
                    ("legal", _) => {
                        w.legal.insert(item);
                    }
                    ("suffix", _) => {
                        w.suffix.insert(item);
                    }
                    _ => {}
                }
            }
        }
        w
    })
}

/// Words between a company word and a list of names ("среди которых", "including").
const LIST_WORDS: &[&str] = &["среди", "которых", "в", "том", "числе", "как", "including", "such", "as", "ішінде"];

/// English words that start a sentence capitalised but never a company name.
const FUNCTION_WORDS: &[&str] =
    &["the", "a", "an", "this", "that", "these", "those", "our", "its", "their", "his", "her", "each", "every", "both"];

/// Is `w` a word of a company's kind, legal form or name ending (компания,
/// ТОО, Ltd, Corporation) in a text of language `lang`?
pub fn is_company_word(w: &str, lang: &str) -> bool {
    let ws = words();
    let lower = yntymaq_core::to_lower(w);
    is_kind(w, lang) || ws.legal.contains(&lower) || ws.suffix.contains(&lower)
}

/// Is `w` a company word of the text's language (or English)?
fn is_kind(w: &str, lang: &str) -> bool {
    let ws = words();
    // most words start with a letter no company word starts with
    let Some(first) = w.chars().next().map(yntymaq_core::lower_first) else { return false };
    if !ws.kind_first.contains(&first) {
        return false;
    }
    let w = yntymaq_core::to_lower(w);
    let ours = |l: &str| l == lang || l == "en";
    ws.kind_words.get(&w).is_some_and(|langs| langs.iter().any(|l| ours(l)))
        || ws.kind_stems.iter().any(|(l, s)| ours(l) && w.starts_with(s.as_str()))
}

fn opens(s: &str) -> bool {
    matches!(s, "«" | "\"" | "“" | "„")
}

fn closes(s: &str) -> bool {
    matches!(s, "»" | "\"" | "”" | "“")
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn latin(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_alphabetic()) && s.chars().all(|c| c.is_ascii() || !c.is_alphabetic())
}

/// Company names as `ORG` entities, byte spans over `text`.
pub fn companies(text: &str, tokens: &[Token], lang: &str) -> Vec<Entity> {
    let tok = |i: usize| tokens.get(i).map(|t| t.span.slice(text)).unwrap_or("");
    let mut spans: Vec<Span> = Vec::new();
    let ws = words();

    // 1. Quoted names: (start token, end token) of the inner words, and
    //    whether a company word or legal form stands beside them.
    let mut quoted: Vec<(usize, usize, bool)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !opens(tok(i)) {
            i += 1;
            continue;
        }
        let close = (i + 1..tokens.len().min(i + 12)).find(|&j| closes(tok(j)));
        let Some(j) = close.filter(|&j| j > i + 1 && capitalised(tok(i + 1))) else {
            i += 1;
            continue;
        };
        // one line, no sentence end inside
        if text.get(tokens[i].span.end..tokens[j].span.start).is_none_or(|s| s.contains('\n') || s.contains(". ")) {
            i += 1;
            continue;
        }
        // a company word or legal form right before ("компании «X»"), or
        // before a list ("предприятий, среди которых “Гомсельмаш”")
        let mut marked = (i.saturating_sub(6)..i)
            .rev()
            .filter(|&k| tokens[k].kind == TokenKind::Word && !LIST_WORDS.contains(&tok(k).to_lowercase().as_str()))
            .take(1)
            .any(|k| is_kind(tok(k), lang) || ws.legal.contains(&tok(k).to_lowercase()));
        marked |= tokens.get(j + 1).is_some_and(|t| t.kind == TokenKind::Word && is_kind(tok(j + 1), lang));
        marked |= (i + 1..j).any(|k| latin(tok(k)) && ws.suffix.contains(&tok(k).to_lowercase()));
        quoted.push((i + 1, j - 1, marked));
        i = j + 1;
    }
    // names listed with a marked one ("предприятий: “Гомсельмаш”, “Спартак”",
    // "«Саутс-Ойл» және «China Tianchen» компаниялары")
    let joins = |a: &(usize, usize, bool), b: &(usize, usize, bool)| {
        (a.1 + 2..b.0.saturating_sub(1))
            .all(|m| matches!(tok(m).to_lowercase().as_str(), "," | "и" | "and" | "және" | "мен" | "а" | "также"))
    };
    for k in 1..quoted.len() {
        if !quoted[k].2 && quoted[k - 1].2 && joins(&quoted[k - 1], &quoted[k]) {
            quoted[k].2 = true;
        }
    }
    for k in (0..quoted.len().saturating_sub(1)).rev() {
        if !quoted[k].2 && quoted[k + 1].2 && joins(&quoted[k], &quoted[k + 1]) {
            quoted[k].2 = true;
        }
    }
    for (s, e, marked) in &quoted {
        if *marked {
            if let (Some(a), Some(b)) = (tokens.get(*s), tokens.get(*e)) {
                spans.push(Span::new(a.span.start, b.span.end));
            }
        }
    }

    // 2. Latin names ending in a company word, with "Co., Ltd." tails.
    let mut i = 0;
    while i < tokens.len() {
        let w = tok(i);
        let is_suffix = latin(w) && capitalised(w) && ws.suffix.contains(&yntymaq_core::to_lower(w));
        if !is_suffix {
            i += 1;
            continue;
        }
        // walk back over capitalised Latin words (and & - .)
        let mut start = i;
        while start > 0 {
            let p = tok(start - 1);
            let joined = text.get(tokens[start - 1].span.end..tokens[start].span.start).is_some_and(|g| g.len() <= 1);
            let dash = matches!(p, "&" | "-" | "–");
            let joined = joined || dash || start >= 2 && matches!(tok(start - 1), "-" | "–");
            if joined && (latin(p) && capitalised(p) || dash) {
                start -= 1;
            } else {
                break;
            }
        }
        // not a sentence's capitalised article or pronoun ("The Group")
        while start < i && FUNCTION_WORDS.contains(&tok(start).to_lowercase().as_str()) {
            start += 1;
        }
        // at least one word that is not itself a company word
        let named = (start..i).any(|k| latin(tok(k)) && !ws.suffix.contains(&tok(k).to_lowercase()));
        if !named {
            i += 1;
            continue;
        }
        // forward: more suffixes, ", Ltd.", a final "."
        let mut end = i;
        let is_suffix_at = |k: usize| {
            let m = tok(k);
            latin(m) && capitalised(m) && ws.suffix.contains(&yntymaq_core::to_lower(m))
        };
        loop {
            // the next suffix after at most two of "." and ","
            let gap = (end + 1..end + 4).take_while(|&k| matches!(tok(k), "," | ".")).count();
            if gap <= 2 && is_suffix_at(end + 1 + gap) {
                end += 1 + gap;
            } else {
                break;
            }
        }
        if tok(end + 1) == "." && matches!(tok(end).to_lowercase().as_str(), "co" | "ltd" | "inc" | "corp") {
            end += 1;
        }
        if let (Some(a), Some(b)) = (tokens.get(start), tokens.get(end)) {
            spans.push(Span::new(a.span.start, b.span.end));
        }
        i = end + 1;
    }

    // 3. A Latin name right after a company word: "с компанией Veolia".
    for (k, t) in tokens.iter().enumerate() {
        // the cheap tests first: most words have no Latin name after them
        let next = tok(k + 1);
        if t.kind != TokenKind::Word || lang == "en" || !(latin(next) && capitalised(next)) || !is_kind(tok(k), lang) {
            continue;
        }
        let run = (k + 1..tokens.len().min(k + 7)).take_while(|&m| latin(tok(m)) && capitalised(tok(m))).last();
        if let Some(last) = run {
            if let Some(first) = tokens.get(k + 1) {
                spans.push(Span::new(first.span.start, tokens[last].span.end));
            }
        }
    }

    // 4. English: "Likon company", "Kawasaki and Marubeni companies".
    if lang == "en" {
        for (k, t) in tokens.iter().enumerate() {
            let w = t.span.slice(text);
            if !(w.eq_ignore_ascii_case("company") || w.eq_ignore_ascii_case("companies")) || k == 0 {
                continue;
            }
            let mut m = k;
            let mut names: Vec<usize> = Vec::new();
            while m > 0 {
                let p = tok(m - 1);
                if latin(p)
                    && capitalised(p)
                    && !ws.suffix.contains(&yntymaq_core::to_lower(p))
                    && !FUNCTION_WORDS.contains(&yntymaq_core::to_lower(p).as_str())
                {
                    names.push(m - 1);
                    m -= 1;
                } else if w.eq_ignore_ascii_case("companies") && matches!(p, "and" | ",") && !names.is_empty() {
                    m -= 1;
                } else {
                    break;
                }
            }
            // each capitalised word (or run) is one company
            names.reverse();
            let mut run: Option<(usize, usize)> = None;
            for n in names {
                run = match run {
                    Some((a, b)) if b + 1 == n => Some((a, n)),
                    Some((a, b)) => {
                        spans.push(Span::new(tokens[a].span.start, tokens[b].span.end));
                        Some((n, n))
                    }
                    None => Some((n, n)),
                };
            }
            if let Some((a, b)) = run {
                spans.push(Span::new(tokens[a].span.start, tokens[b].span.end));
            }
        }
    }

    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut out: Vec<Entity> = Vec::new();
    for s in spans {
        if out.last().is_some_and(|e: &Entity| e.span.overlaps(s)) {
            continue;
        }
        out.push(Entity {
            span: s,
            label: Label::Org,
            norm: None,
            referent: Referent::None,
            source: "recognize.company",
        });
    }
    out
}
