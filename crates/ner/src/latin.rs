//! People, places and organisations in Latin-script text (English news and
//! other Latin-script languages), by knowledge rather than a trained model:
//! capitalised word sequences scored with given-name lists, surname shapes,
//! titles and role words around them, and excluded where they are place
//! names, organisation words or common words.
//!
//! Data: `data/ner/latin_given_names.txt` (given names across cultures in
//! Latin spelling, and Chinese/Korean family names), `data/ner/latin_words.tsv`
//! (titles, role nouns, speech verbs, name particles, organisation and place
//! heads, function words, adjectives) and `data/ner/loc_names.txt` (place
//! names of the gazetteer's countries and regions).
//!
//! A capitalised run is split at place names, organisation heads, titles,
//! acronyms and common words; each remaining segment scores points for a
//! given name (+2), a surname shape (`-ov`, `-bayev`, `-uly`, `-enko`,
//! `-sen`, `-vich`... +2), an initial (+2), a title right before (+2), a
//! role noun a few words before or after a comma (+1), a speech verb right
//! after (+1), and a two-to-four-word shape (+1); two points make a person
//! (three at a sentence start). One-word segments need a title or a known
//! surname of the document.

use crate::corpus::sentence_ranges;
use std::collections::HashMap;
use std::sync::OnceLock;
use yntymaq_core::{Entity, Label, Referent, Span, Token, TokenKind};

const GIVEN: &str = include_str!("../../../data/ner/latin_given_names.txt");
const WORDS: &str = include_str!("../../../data/ner/latin_words.tsv");
const PLACES: &str = include_str!("../../../data/ner/loc_names.txt");

/// Word class bits.
mod w {
    pub const GIVEN: u16 = 1;
    pub const TITLE: u16 = 2;
    pub const ROLE: u16 = 4;
    pub const VERB: u16 = 8;
    pub const CONN: u16 = 16;
    pub const ORG: u16 = 32;
    pub const LOCHEAD: u16 = 64;
    pub const FUNC: u16 = 128;
    pub const ADJ: u16 = 256;
    pub const PLACE: u16 = 512;
}

/// Surname endings in Latin spelling (lower case).
const SURNAME_ENDS: &[&str] = &[
    "ov", "ova", "ev", "eva", "yev", "yeva", "iev", "ieva", "in", "ina", "yn", "uly", "uli", "ula", "kyzy", "kizi",
    "qyzy", "enko", "ko", "sky", "ski", "ska", "skaya", "skiy", "skii", "vich", "vych", "ovna", "evna", "yan", "ian",
    "dze", "shvili", "sen", "son", "sson", "ssen", "berg", "mann", "stein", "ez", "ini", "elli", "etti", "ucci",
    "oglu", "ogly", "ic", "vic", "escu", "idis", "poulos", "yama", "moto", "mura", "kawa", "shita", "uchi", "bekov",
    "baev", "bayev", "ayev", "aev", "ov's",
];

/// The Latin-script word lists, loaded once.
pub struct LatinLexicon {
    words: HashMap<String, u16>,
}

impl LatinLexicon {
    pub fn new() -> LatinLexicon {
        let mut words: HashMap<String, u16> = HashMap::new();
        let mut add = |wd: &str, bit: u16| {
            *words.entry(wd.to_string()).or_insert(0) |= bit;
        };
        for l in GIVEN.lines().filter(|l| !l.starts_with('#')) {
            for x in l.split_whitespace() {
                add(x, w::GIVEN);
            }
        }
        for l in WORDS.lines().filter(|l| !l.starts_with('#')) {
            let Some((class, list)) = l.split_once('\t') else { continue };
            let bit = match class.trim() {
                "title" => w::TITLE,
                "role" => w::ROLE,
                "verb" => w::VERB,
                "connector" => w::CONN,
                "org" => w::ORG,
                "loc" => w::LOCHEAD,
                "func" => w::FUNC,
                "adj" => w::ADJ,
                _ => continue,
            };
            for x in list.split_whitespace() {
                add(x, bit);
            }
        }
        for l in PLACES.lines().filter(|l| !l.starts_with('#')) {
            for x in l.split_whitespace() {
                if x.is_ascii() && x.len() >= 3 {
                    add(x, w::PLACE);
                }
            }
        }
        LatinLexicon { words }
    }

    pub fn global() -> &'static LatinLexicon {
        static L: OnceLock<LatinLexicon> = OnceLock::new();
        L.get_or_init(LatinLexicon::new)
    }

    /// Class bits of a lower-cased word; a hyphenated word gets its parts'
    /// given-name bit (`kassym-jomart`).
    pub fn class(&self, lower: &str) -> u16 {
        let mut c = self.words.get(lower).copied().unwrap_or(0);
        if c == 0
            && lower.contains('-')
            && lower.split('-').any(|p| self.words.get(p).is_some_and(|b| b & w::GIVEN != 0))
        {
            c |= w::GIVEN;
        }
        c
    }

    /// Whether a lower-cased word has a surname ending.
    pub fn surname_shape(&self, lower: &str) -> bool {
        let n = lower.chars().count();
        n >= 5 && SURNAME_ENDS.iter().any(|e| lower.ends_with(e) && n >= e.len() + 3)
    }
}

impl Default for LatinLexicon {
    fn default() -> Self {
        LatinLexicon::new()
    }
}

/// Whether `text` is written mainly in Latin script (more Latin letters than
/// Cyrillic ones among its first 4,000 letters).
pub fn is_latin_text(text: &str) -> bool {
    let (mut lat, mut cyr) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()).take(4000) {
        if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            lat += 1;
        } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyr += 1;
        }
    }
    lat > cyr
}

/// A token's surface without a possessive `'s` / `’s`, and the byte length cut.
fn strip_possessive(s: &str) -> (&str, usize) {
    for suf in ["'s", "’s", "'", "’"] {
        if let Some(b) = s.strip_suffix(suf) {
            if !b.is_empty() {
                return (b, suf.len());
            }
        }
    }
    (s, 0)
}

#[derive(Clone, Copy, Default)]
struct Tok {
    /// A word starting with an upper-case letter.
    cap: bool,
    /// Two or more letters, all upper case (an acronym or a shouted dateline).
    acronym: bool,
    /// One upper-case letter followed by a glued full stop (an initial).
    initial: bool,
    class: u16,
    surname: bool,
    /// Byte length of a possessive ending.
    poss: usize,
}

fn analyse(text: &str, tokens: &[Token], lex: &LatinLexicon) -> Vec<Tok> {
    let mut out = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Word {
            out.push(Tok::default());
            continue;
        }
        let (s, poss) = strip_possessive(t.text(text));
        let lower = s.to_lowercase();
        let mut letters = s.chars().filter(|c| c.is_alphabetic());
        let first_up = letters.next().is_some_and(char::is_uppercase);
        let n = s.chars().filter(|c| c.is_alphabetic()).count();
        let all_up = n >= 2 && s.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let next_dot = tokens.get(i + 1).is_some_and(|d| d.span.start == t.span.end && d.text(text) == ".");
        out.push(Tok {
            cap: first_up,
            acronym: all_up,
            initial: first_up && n == 1 && next_dot,
            class: lex.class(&lower),
            surname: lex.surname_shape(&lower),
            poss,
        });
    }
    out
}

/// Entities of a Latin-script text: PER, and LOC/ORG from the word lists.
/// Byte spans, `source` `ner`.
pub fn tag_latin(text: &str, tokens: &[Token]) -> Vec<Entity> {
    let lex = LatinLexicon::global();
    let toks = analyse(text, tokens, lex);
    let sents = sentence_ranges(text, tokens);
    let mut out: Vec<(usize, usize, Label)> = Vec::new();
    let mut pending_single: Vec<(usize, usize)> = Vec::new();
    for &(a, b) in &sents {
        let mut i = a;
        while i < b {
            let Some(t) = toks.get(i) else { break };
            if !t.cap {
                i += 1;
                continue;
            }
            // the run: capitalised words, name particles between them, initials' full stops
            let mut j = i;
            while j < b {
                let Some(u) = toks.get(j) else { break };
                let tok_text = tokens.get(j).map_or("", |x| x.text(text));
                if u.cap {
                    j += 1;
                    if u.poss > 0 {
                        break;
                    }
                } else if (u.class & w::CONN != 0 && j > i && toks.get(j + 1).is_some_and(|n| n.cap))
                    || (tok_text == "." && j > i && toks.get(j - 1).is_some_and(|p| p.initial))
                {
                    j += 1;
                } else {
                    break;
                }
            }
            run(text, tokens, &toks, (a, b), i, j, &mut out, &mut pending_single);
            i = j.max(i + 1);
        }
    }
    // one-word mentions of a surname of a person found in the document
    let mut surnames: Vec<String> = Vec::new();
    for &(s, e, l) in &out {
        if l == Label::Per && e > s + 1 {
            if let Some(t) = tokens.get(e - 1) {
                surnames.push(strip_possessive(t.text(text)).0.to_lowercase());
            }
        }
    }
    for (s, e) in pending_single {
        let Some(t) = tokens.get(s) else { continue };
        let lw = strip_possessive(t.text(text)).0.to_lowercase();
        if surnames.contains(&lw) && !out.iter().any(|&(x, y, _)| x < e && s < y) {
            out.push((s, e, Label::Per));
        }
    }
    let mut ents: Vec<Entity> = out
        .into_iter()
        .filter_map(|(s, e, label)| {
            let first = tokens.get(s)?;
            let last = tokens.get(e.checked_sub(1)?)?;
            let cut = toks.get(e - 1).map_or(0, |t| t.poss);
            let end = last.span.end.saturating_sub(cut).max(first.span.start);
            (end > first.span.start).then(|| Entity {
                span: Span::new(first.span.start, end),
                label,
                norm: None,
                referent: Referent::None,
                source: "ner",
            })
        })
        .collect();
    ents.sort_by_key(|e| (e.span.start, std::cmp::Reverse(e.span.end)));
    ents
}

/// Splits one capitalised run `[i, j)` of sentence `sent` into entities.
#[allow(clippy::too_many_arguments)]
fn run(
    text: &str,
    tokens: &[Token],
    toks: &[Tok],
    sent: (usize, usize),
    i: usize,
    j: usize,
    out: &mut Vec<(usize, usize, Label)>,
    singles: &mut Vec<(usize, usize)>,
) {
    let word = |k: usize| toks.get(k).copied().unwrap_or_default();
    let is_dot = |k: usize| tokens.get(k).is_some_and(|t| t.kind == TokenKind::Punct);
    let mut k = i;
    let mut seg_start: Option<usize> = None;
    let mut title_before = false;
    let mut org_start: Option<usize> = None;
    let mut loc_start: Option<usize> = None;
    while k <= j {
        let t = word(k);
        let at_end = k == j;
        // a word that breaks a person segment
        let name_next = k + 1 < j && {
            let n = word(k + 1);
            n.cap && !n.acronym && n.class & (w::FUNC | w::ADJ | w::ORG | w::LOCHEAD | w::TITLE) == 0
        };
        let given_here = t.class & w::GIVEN != 0 && (name_next || seg_start.is_some());
        let breaker = at_end
            || (!is_dot(k)
                && !t.initial
                && t.class & w::CONN == 0
                && (t.acronym && !t.initial
                    || t.class & (w::FUNC | w::ADJ | w::ORG | w::LOCHEAD) != 0
                    || t.class & w::TITLE != 0 && !given_here
                    || t.class & w::PLACE != 0 && !given_here && !t.surname));
        if breaker {
            if let Some(s) = seg_start.take() {
                // trim particles and stops at the segment's end
                let mut e = k;
                while e > s && (word(e - 1).class & w::CONN != 0 || is_dot(e - 1) && !word(e.saturating_sub(2)).initial)
                {
                    e -= 1;
                }
                if e > s {
                    person(tokens, toks, sent, s, e, title_before, out, singles, text);
                }
            }
            if at_end {
                break;
            }
            // organisations and places
            if t.class & w::ORG != 0 && t.class & w::GIVEN == 0 {
                let s = org_start.unwrap_or(k);
                out.retain(|&(x, y, _)| !(x >= s && y <= k));
                out.push((s, k + 1, Label::Org));
                org_start = None;
                loc_start = None;
            } else if t.class & w::LOCHEAD != 0 && loc_start.is_some() {
                let s = loc_start.unwrap_or(k);
                out.retain(|&(x, y, _)| !(x >= s && y <= k));
                out.push((s, k + 1, Label::Loc));
                loc_start = None;
                org_start = None;
            } else if t.class & w::PLACE != 0 && t.class & w::ADJ == 0 {
                match out.last_mut() {
                    Some(last) if last.2 == Label::Loc && last.1 == k => last.1 = k + 1,
                    _ => out.push((k, k + 1, Label::Loc)),
                }
                loc_start = loc_start.or(Some(k));
                org_start = org_start.or(Some(k));
            } else if t.class & w::FUNC != 0 {
                org_start = None;
                loc_start = None;
            } else {
                org_start = org_start.or(Some(k));
                if t.class & w::ADJ != 0 {
                    loc_start = loc_start.or(Some(k));
                }
            }
            title_before = t.class & w::TITLE != 0;
        } else {
            if seg_start.is_none() {
                seg_start = Some(k);
                org_start = org_start.or(Some(k));
                loc_start = None;
            }
            if t.poss > 0 {
                // a possessive ends the name
                if let Some(s) = seg_start.take() {
                    person(tokens, toks, sent, s, k + 1, title_before, out, singles, text);
                }
                title_before = false;
            }
        }
        k += 1;
    }
}

/// Scores the name segment `[s, e)` and records it as a person if it passes.
#[allow(clippy::too_many_arguments)]
fn person(
    tokens: &[Token],
    toks: &[Tok],
    sent: (usize, usize),
    s: usize,
    e: usize,
    title_before: bool,
    out: &mut Vec<(usize, usize, Label)>,
    singles: &mut Vec<(usize, usize)>,
    text: &str,
) {
    let word = |k: usize| toks.get(k).copied().unwrap_or_default();
    let tok_is = |k: usize, w: &str| tokens.get(k).is_some_and(|t| t.text(text).eq_ignore_ascii_case(w));
    let mut words: Vec<usize> = (s..e).filter(|&k| word(k).cap).collect();
    // numbers and hyphenated codes (Housing-2020) are no names
    if words.is_empty()
        || e - s > 8
        || words.iter().all(|&k| word(k).initial)
        || words.iter().any(|&k| tokens.get(k).is_some_and(|t| t.text(text).chars().any(|c| c.is_ascii_digit())))
    {
        return;
    }
    // after `of` a title names its place or body first: Governor of Queretaro Francisco Dominguez
    let mut s = s;
    if words.len() >= 3 && s > 0 && tok_is(s - 1, "of") && word(s).class & w::GIVEN == 0 {
        words.remove(0);
        s = words.first().copied().unwrap_or(s);
    }
    let after_the = s > 0 && tok_is(s - 1, "the");
    let initial = words.iter().any(|&k| word(k).initial) && words.len() >= 2;
    let given = words.iter().any(|&k| word(k).class & w::GIVEN != 0);
    let surname = words.iter().any(|&k| word(k).surname && word(k).class & w::GIVEN == 0);
    // a role noun up to eight words before, or after a comma right after the name
    let (sa, sb) = sent;
    let role_before = (s.saturating_sub(8).max(sa)..s).any(|k| word(k).class & w::ROLE != 0);
    let comma_after = tokens.get(e).is_some_and(|t| matches!(t.text(text), "," | "("));
    let role_after = comma_after && (e + 1..(e + 5).min(sb)).any(|k| word(k).class & (w::ROLE | w::TITLE) != 0);
    let verb_after = word(e).class & w::VERB != 0
        || (tokens.get(e).is_some_and(|t| t.text(text) == ",") && word(e + 1).class & w::VERB != 0);
    let mut score = 0;
    if given {
        score += 2;
    }
    if surname {
        score += 2;
    }
    if initial {
        score += 2;
    }
    if title_before {
        score += 2;
    }
    if role_before || role_after {
        score += 1;
    }
    if verb_after {
        score += 1;
    }
    if words.len() == 1 {
        // one word: a title right before it, or a surname shape with a
        // speech verb after it; otherwise only as a known surname later
        if title_before && !word(s).acronym || surname && verb_after {
            out.push((s, e, Label::Per));
        } else {
            singles.push((s, e));
        }
        return;
    }
    if words.len() <= 4 {
        score += 1;
    }
    let first = words.first().copied().unwrap_or(s);
    let need = if after_the {
        4
    } else if first == sa && word(first).class & w::GIVEN == 0 && !word(first).initial {
        3
    } else {
        2
    };
    if score >= need {
        out.push((s, e, Label::Per));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yntymaq_core::tokenize;

    fn per(text: &str) -> Vec<String> {
        let toks = tokenize(text);
        tag_latin(text, &toks)
            .into_iter()
            .filter(|e| e.label == Label::Per)
            .map(|e| e.span.slice(text).to_string())
            .collect()
    }

    #[test]
    fn people_with_names_titles_and_roles() {
        let p = per("Senate Speaker of Kazakhstan Kassym-Jomart Tokayev met Ambassador Monika Iversen in Astana.");
        assert!(p.contains(&"Kassym-Jomart Tokayev".to_string()), "{p:?}");
        assert!(p.contains(&"Monika Iversen".to_string()), "{p:?}");
        let p = per(
            "The akim of Atyrau region Nurlan Nogayev and former Lord Provost of Aberdeen John Reynolds signed it.",
        );
        assert_eq!(p, vec!["Nurlan Nogayev", "John Reynolds"]);
        let p = per("Chinese Vice Minister Zhang Wei said the sides agreed. Later Zhang's team left.");
        assert!(p.contains(&"Zhang Wei".to_string()), "{p:?}");
        let p = per("The Ambassador Extraordinary and Plenipotentiary of Japan to Kazakhstan Tatsuhiko Kasai arrived.");
        assert_eq!(p, vec!["Tatsuhiko Kasai"]);
    }

    #[test]
    fn places_organisations_and_common_words_are_no_people() {
        let t = "The Atyrau Region and the city of Aberdeen signed a Memorandum of Understanding in September. \
                 The Kazakh Embassy in London and Progress Holding LLP took part. On Monday the United Kingdom agreed.";
        let toks = tokenize(t);
        let ents = tag_latin(t, &toks);
        assert!(ents.iter().all(|e| e.label != Label::Per), "{ents:?}");
        let has = |s: &str, l: Label| ents.iter().any(|e| e.span.slice(t) == s && e.label == l);
        assert!(has("Atyrau Region", Label::Loc), "{ents:?}");
        assert!(has("Aberdeen", Label::Loc), "{ents:?}");
        assert!(has("Kazakh Embassy", Label::Org), "{ents:?}");
    }

    #[test]
    fn single_surnames_after_full_mentions_and_possessives() {
        let t = "Governor Berdibek Saparbayev met diplomats. Saparbayev's speech was short. A.Zhaksybekov arrived.";
        let p = per(t);
        assert!(p.contains(&"Berdibek Saparbayev".to_string()), "{p:?}");
        assert!(p.contains(&"Saparbayev".to_string()), "{p:?}");
        assert!(p.contains(&"A.Zhaksybekov".to_string()), "{p:?}");
    }

    #[test]
    fn script_detection() {
        assert!(is_latin_text("Akim met the ambassador"));
        assert!(!is_latin_text("Аким встретился с послом Germany"));
        assert!(!is_latin_text(""));
    }
}
