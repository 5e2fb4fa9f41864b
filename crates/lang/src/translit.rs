//! Latin-script Kazakh to Cyrillic, with a byte map back to the original.
//!
//! The rules are in `data/lang/kk_latin.tsv`: for each alphabet (2018 with
//! acute accents, 2021 with ä ö ü ğ ş ç ñ ı ū) a Latin sequence, its Cyrillic
//! letters and a context. The text's alphabet is decided by which one's
//! letters it holds; the longest matching sequence wins.

use std::sync::OnceLock;

use yntymaq_core::AnalysisText;

use crate::model::{is_letter, is_mark, lower, script_of, FastMap};
use yntymaq_core::Script;

const TABLE: &str = include_str!("../../../data/lang/kk_latin.tsv");

/// The Latin alphabet a Kazakh text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LatinVariant {
    /// The 2018 alphabet (á ó ú ý ǵ ń í, digraphs sh ch), and plain ASCII spellings.
    V2018,
    /// The 2021 alphabet (ä ö ü ğ ş ç ñ ı ū, y for и/й).
    V2021,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    Always,
    AfterVowel,
    Initial,
    InitialOrAfterVowel,
}

#[derive(Debug)]
struct Rule {
    latin: Vec<char>,
    cyrillic: String,
    context: Context,
}

struct Table {
    vowels: Vec<char>,
    letters_2018: Vec<char>,
    letters_2021: Vec<char>,
    /// Per variant (0: 2018, 1: 2021): first Latin letter → rules, longest first.
    rules: [FastMap<char, Vec<Rule>>; 2],
}

impl Table {
    fn global() -> &'static Table {
        static T: OnceLock<Table> = OnceLock::new();
        T.get_or_init(Table::build)
    }

    fn build() -> Table {
        let mut t = Table {
            vowels: Vec::new(),
            letters_2018: Vec::new(),
            letters_2021: Vec::new(),
            rules: [FastMap::default(), FastMap::default()],
        };
        for line in TABLE.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            match f[..] {
                ["vowels", v] => t.vowels = v.chars().collect(),
                ["variant_letters", "2018", v] => t.letters_2018 = v.chars().collect(),
                ["variant_letters", "2021", v] => t.letters_2021 = v.chars().collect(),
                [variant, latin, cyrillic, context] => {
                    let context = match context {
                        "after_vowel" => Context::AfterVowel,
                        "initial" => Context::Initial,
                        "initial_or_after_vowel" => Context::InitialOrAfterVowel,
                        _ => Context::Always,
                    };
                    let targets: &[usize] = match variant {
                        "2018" => &[0],
                        "2021" => &[1],
                        _ => &[0, 1],
                    };
                    let latin: Vec<char> = latin.chars().collect();
                    let Some(&first) = latin.first() else { continue };
                    for &v in targets {
                        if let Some(map) = t.rules.get_mut(v) {
                            map.entry(first).or_default().push(Rule {
                                latin: latin.clone(),
                                cyrillic: cyrillic.to_string(),
                                context,
                            });
                        }
                    }
                }
                _ => {}
            }
        }
        for map in &mut t.rules {
            for rules in map.values_mut() {
                // Longest first; among equals, contextual rules before unconditional ones.
                rules.sort_by_key(|r| (std::cmp::Reverse(r.latin.len()), r.context == Context::Always));
            }
        }
        t
    }
}

/// Which Latin alphabet a Kazakh text uses: the one whose distinctive letters
/// it holds more of (2018 when it holds neither: plain ASCII spellings such
/// as `oblysy` follow the 2018 values of y and ı).
pub fn kazakh_latin_variant(text: &str) -> LatinVariant {
    let t = Table::global();
    let (mut a, mut b) = (0usize, 0usize);
    let mut prev: Option<char> = None;
    for c in text.chars() {
        let c = if is_mark(c) {
            match prev.and_then(|p| unicode_normalization::char::compose(p, c)) {
                Some(k) => k,
                None => continue,
            }
        } else {
            lower(c)
        };
        if t.letters_2018.contains(&c) {
            a += 1;
        }
        if t.letters_2021.contains(&c) {
            b += 1;
        }
        prev = Some(c);
    }
    if b > a {
        LatinVariant::V2021
    } else {
        LatinVariant::V2018
    }
}

/// One character of the source, with a following combining mark composed in.
struct Unit {
    start: usize,
    end: usize,
    lower: char,
    upper: bool,
    letter: bool,
    latin: bool,
}

fn units(text: &str) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if is_mark(c) {
            if let Some(last) = out.last_mut() {
                if last.letter {
                    if let Some(k) = unicode_normalization::char::compose(last.lower, c) {
                        last.lower = k;
                        last.end = end;
                        continue;
                    }
                }
            }
        }
        let letter = is_letter(c);
        out.push(Unit {
            start: i,
            end,
            lower: lower(c),
            upper: c.is_uppercase(),
            letter,
            latin: letter && script_of(c) == Script::Latin,
        });
    }
    out
}

/// Whether the whitespace-delimited token starting at byte `i` looks like a
/// URL, an e-mail address or a file name, which stay as they are.
fn token_end_if_address(text: &str, i: usize) -> Option<usize> {
    let rest = text.get(i..)?;
    let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let tok = rest.get(..len)?;
    if !tok.contains(['.', '@', ':']) {
        return None;
    }
    let lower = tok.to_ascii_lowercase();
    let address = lower.contains("://")
        || lower.starts_with("www.")
        || (tok.contains('@') && tok.contains('.'))
        || [".kz", ".ru", ".com", ".org", ".net", ".uz", ".kg"].iter().any(|d| lower.contains(d));
    address.then_some(i + len)
}

/// Transliterates Latin-script Kazakh (2018 or 2021 alphabet, decided per
/// text) to Cyrillic. Text in other scripts, digits, punctuation, URLs and
/// e-mail addresses are kept. `map[i]` is the byte offset in `text` of the
/// character that produced output byte `i` (always a char boundary), with one
/// final entry `text.len()`.
pub fn to_cyrillic(text: &str) -> AnalysisText {
    let t = Table::global();
    let variant = match kazakh_latin_variant(text) {
        LatinVariant::V2018 => 0,
        LatinVariant::V2021 => 1,
    };
    let Some(rules) = t.rules.get(variant) else {
        return AnalysisText { text: text.to_string(), map: (0..=text.len()).collect() };
    };
    let us = units(text);
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut map: Vec<usize> = Vec::with_capacity(text.len() + text.len() / 2 + 1);
    let mut skip_until = 0usize;
    let mut i = 0usize;
    while let Some(u) = us.get(i) {
        let token_start = i == 0 || us.get(i - 1).is_some_and(|p| p.lower.is_whitespace());
        if token_start && !u.lower.is_whitespace() && u.start >= skip_until {
            if let Some(end) = token_end_if_address(text, u.start) {
                skip_until = end;
            }
        }
        if u.start < skip_until || !u.latin {
            let src = text.get(u.start..u.end).unwrap_or("");
            out.push_str(src);
            map.extend(std::iter::repeat_n(u.start, src.len()));
            i += 1;
            continue;
        }
        let prev = i.checked_sub(1).and_then(|k| us.get(k));
        let after_vowel = prev.is_some_and(|p| p.latin && t.vowels.contains(&p.lower));
        let initial = prev.is_none_or(|p| !p.letter);
        let matched = rules.get(&u.lower).and_then(|rs| {
            rs.iter().find(|r| {
                let ok_ctx = match r.context {
                    Context::Always => true,
                    Context::AfterVowel => after_vowel,
                    Context::Initial => initial,
                    Context::InitialOrAfterVowel => initial || after_vowel,
                };
                ok_ctx
                    && r.latin.len() <= us.len() - i
                    && r.latin.iter().enumerate().all(|(k, c)| us.get(i + k).is_some_and(|x| x.latin && x.lower == *c))
            })
        });
        match matched {
            Some(r) => {
                let n = r.latin.len();
                let all_caps = u.upper && {
                    let next_upper = us.get(i + n).is_some_and(|x| x.letter && x.upper);
                    let prev_upper = prev.is_some_and(|p| p.letter && p.upper);
                    let inner_upper = n > 1 && us.get(i + 1..i + n).is_some_and(|s| s.iter().all(|x| x.upper));
                    next_upper || prev_upper || inner_upper
                };
                for (k, c) in r.cyrillic.chars().enumerate() {
                    let before = out.len();
                    if all_caps || (u.upper && k == 0) {
                        out.extend(c.to_uppercase());
                    } else {
                        out.push(c);
                    }
                    map.extend(std::iter::repeat_n(u.start, out.len() - before));
                }
                i += n;
            }
            None => {
                let src = text.get(u.start..u.end).unwrap_or("");
                out.push_str(src);
                map.extend(std::iter::repeat_n(u.start, src.len()));
                i += 1;
            }
        }
    }
    map.push(text.len());
    AnalysisText { text: out, map }
}
