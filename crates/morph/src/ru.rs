//! Russian: OpenCorpora dictionary lemmatisation (rsmorphy) and a guesser
//! for person names the 2015 dictionary does not know.

use std::borrow::Cow;
use std::sync::Arc;

use rsmorphy::container::stack::{StackAffix, StackSource};
use rsmorphy::container::{Affix, AffixKind, SeenSet, WordStruct};
use rsmorphy::dawg::dictionary::Dictionary as DawgDictionary;
use rsmorphy::dawg::HH;
use rsmorphy::prelude::*;
use rsmorphy::MorphAnalyzer;

use crate::ru_dawg;
use crate::ru_dict::{Analyzer, Words};

/// Tags passed on to [`crate::Morph::tags`] (OpenCorpora grammemes).
const TAGS: &[&str] = &[
    "NOUN", "ADJF", "ADJS", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND", "NUMR", "ADVB", "NPRO", "PRED", "PREP",
    "CONJ", "PRCL", "INTJ", "Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "Init", "anim", "inan", "masc",
    "femn", "neut", "Ms-f", "sing", "plur", "nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2",
    "loc2", "Fixd", "LATN", "NUMB", "ROMN", "UNKN",
];
/// Grammemes of proper names, reported from any dictionary reading.
const PROPER: &[&str] = &["Name", "Surn", "Patr", "Geox", "Orgn", "Abbr"];
pub const CASES: [&str; 6] = ["nomn", "gent", "datv", "accs", "ablt", "loct"];

/// The bit of a grammeme of [`TAGS`] in [`TagInfo::grams`]; not one of
/// them: a compile-time error where it is used in a constant.
pub const fn bit(gram: &str) -> u64 {
    let g = gram.as_bytes();
    let mut i = 0;
    while i < TAGS.len() {
        let t = TAGS[i].as_bytes();
        if t.len() == g.len() && t[0] == g[0] && t[1] == g[1] && t[2] == g[2] && t[3] == g[3] {
            return 1 << i;
        }
        i += 1;
    }
    panic!("not a grammeme of TAGS")
}

pub const NAME: u64 = bit("Name");
pub const SURN: u64 = bit("Surn");
pub const PATR: u64 = bit("Patr");
pub const GEOX: u64 = bit("Geox");
pub const ORGN: u64 = bit("Orgn");
pub const ABBR: u64 = bit("Abbr");
pub const TRAD: u64 = bit("Trad");
pub const NOUN: u64 = bit("NOUN");
pub const ANIM: u64 = bit("anim");
pub const PLUR: u64 = bit("plur");
const FEMN: u64 = bit("femn");
const MASC: u64 = bit("masc");
const VOCT: u64 = bit("voct");
const FIXD: u64 = bit("Fixd");
const PROPER_BITS: u64 = NAME | SURN | PATR | GEOX | ORGN | ABBR;

/// What the crate reads from an OpenCorpora tag string
/// (`NOUN,anim,masc,Surn sing,gent`), worked out once per tag: the parse
/// results of every word share the tags of rsmorphy's table.
#[derive(Debug)]
pub struct TagInfo {
    pub string: Box<str>,
    /// Bit set of the grammemes of [`TAGS`] in the tag (see [`bit`]).
    pub grams: u64,
    /// Bit set over [`CASES`].
    pub cases: u8,
    /// The grammemes of [`TAGS`] in the tag, in its order, each once.
    listed: Box<[&'static str]>,
}

impl TagInfo {
    fn new(tag: &str) -> TagInfo {
        let mut grams = 0;
        let mut listed = Vec::new();
        for g in tag.split([',', ' ']) {
            if let Some(i) = TAGS.iter().position(|t| *t == g) {
                if grams & (1 << i) == 0 {
                    listed.push(TAGS[i]);
                }
                grams |= 1 << i;
            }
        }
        let cases = CASES.iter().enumerate().filter(|(_, c)| grams & bit(c) != 0).fold(0u8, |a, (i, _)| a | (1 << i));
        TagInfo { string: Box::from(tag), grams, cases, listed: listed.into_boxed_slice() }
    }

    /// The part of speech: the tag's first grammeme.
    pub fn pos(&self) -> &str {
        self.string.split([',', ' ']).next().unwrap_or("")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    M,
    F,
    Any,
}

/// One line of `ru_name_endings.tsv`.
#[derive(Debug, Clone)]
struct Ending {
    ending: String,
    replace: String,
    /// Classes of the letters before the ending, nearest last: Some(true) a
    /// consonant, Some(false) a vowel, None any letter; empty: anything.
    before: Vec<Option<bool>>,
    gender: Gender,
    cases: u8,
    weight: f32,
}

/// A nominative reading of one name token.
#[derive(Debug, Clone)]
pub struct NameReading {
    /// Nominative, lower case.
    pub nominative: String,
    pub gender: Gender,
    /// Bit set over [`CASES`].
    pub cases: u8,
    pub weight: f32,
}

pub const ALL_CASES: u8 = 0b11_1111;

pub(crate) fn case_bits(list: &str) -> u8 {
    list.split(',').filter_map(|c| CASES.iter().position(|k| *k == c.trim())).fold(0, |acc, i| acc | (1 << i))
}

pub fn is_vowel(c: char) -> bool {
    "аеёиоуыэюяaeiouy".contains(c)
}

fn is_cyr_consonant(c: char) -> bool {
    c.is_alphabetic() && !is_vowel(c) && !matches!(c, 'ь' | 'ъ' | 'й')
}

pub struct Ru {
    /// rsmorphy's analyser and the tables read around it (see [`parse`]).
    analyzer: Option<Analyzer>,
    /// Every tag of rsmorphy's table, by its string.
    tag_infos: yntymaq_core::FxHashMap<Box<str>, Arc<TagInfo>>,
    endings: Vec<Ending>,
}

/// Words whose readings a thread keeps (cleared when full).
const READINGS_LIMIT: usize = 50_000;

/// A word's readings, shared by the cache and its callers.
pub type Readings = std::rc::Rc<[Reading]>;

thread_local! {
    static READINGS: std::cell::RefCell<yntymaq_core::FxHashMap<Box<str>, Readings>> =
        std::cell::RefCell::new(yntymaq_core::FxHashMap::default());
}

thread_local! {
    /// Tags of the readings rsmorphy makes up (initials, numbers, Latin
    /// words...) and that are not in its table: few, kept per thread.
    static OTHER_TAGS: std::cell::RefCell<yntymaq_core::FxHashMap<Box<str>, Arc<TagInfo>>> =
        std::cell::RefCell::new(yntymaq_core::FxHashMap::default());
}

/// The [`TagInfo`] of a tag not in rsmorphy's table.
fn other_tag(tag: &str) -> Arc<TagInfo> {
    if let Some(t) = OTHER_TAGS.with(|c| c.borrow().get(tag).cloned()) {
        return t;
    }
    let t = Arc::new(TagInfo::new(tag));
    OTHER_TAGS.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= 10_000 {
            c.clear();
        }
        c.insert(Box::from(tag), Arc::clone(&t));
    });
    t
}

/// The parts of a dictionary reading the pipeline uses.
#[derive(Debug, Clone)]
pub struct Reading {
    pub lemma: String,
    pub tag: Arc<TagInfo>,
    pub score: f64,
    pub known: bool,
    /// Preference among equally scored readings (see [`Ru::best`]).
    rank: u8,
}

impl Reading {
    fn new(lemma: String, tag: Arc<TagInfo>, score: f64, known: bool) -> Reading {
        // Geox 4, Orgn 3, Surn 2, a common word 1, Name or Patr 0: the
        // highest of the grammemes present
        let g = tag.grams;
        let rank = if g & GEOX != 0 {
            4
        } else if g & ORGN != 0 {
            3
        } else if g & SURN != 0 {
            2
        } else if g & (NAME | PATR) != 0 {
            0
        } else {
            1
        };
        Reading { lemma, tag, score, known, rank }
    }

    /// Whether the tag has any of the grammemes `bits` (see [`bit`]).
    pub fn has(&self, bits: u64) -> bool {
        self.tag.grams & bits != 0
    }
}

impl Ru {
    pub fn new(analyzer: Option<Analyzer>) -> Ru {
        let mut endings = Vec::new();
        for line in include_str!("../../../data/morph/ru_name_endings.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [ending, replace, before, gender, cases, weight] = cols.as_slice() else { continue };
            endings.push(Ending {
                ending: (*ending).to_owned(),
                replace: (*replace).to_owned(),
                before: if *before == "-" {
                    Vec::new()
                } else {
                    before
                        .chars()
                        .map(|c| match c {
                            'C' => Some(true),
                            'V' => Some(false),
                            _ => None,
                        })
                        .collect()
                },
                gender: match *gender {
                    "m" => Gender::M,
                    "f" => Gender::F,
                    _ => Gender::Any,
                },
                cases: case_bits(cases),
                weight: weight.trim().parse().unwrap_or(0.0),
            });
        }
        // Longest ending first.
        endings.sort_by_key(|e| std::cmp::Reverse(e.ending.chars().count()));
        let tag_infos = analyzer
            .iter()
            .flat_map(|a| &a.an.dict.gramtab)
            .map(|t| (Box::from(t.string.as_str()), Arc::new(TagInfo::new(&t.string))))
            .collect();
        Ru { analyzer, tag_infos, endings }
    }

    pub fn has_dictionary(&self) -> bool {
        self.analyzer.is_some()
    }

    /// Dictionary (and rsmorphy-predicted) readings, best first.
    pub fn readings(&self, word: &str) -> Readings {
        // lemma, lemmas, tags and the name readings all start here, often
        // for the same word: parse each word once per thread. rsmorphy reads
        // a word of three letters or more by its lower case alone (its
        // initials want one letter, its "по-" adverbs a lower-case prefix:
        // hyphenated words keep their case), so «Встреча» and «встреча»
        // are parsed once.
        let lower;
        let word = if word.contains('-') || !word.chars().any(char::is_uppercase) {
            word
        } else {
            lower = yntymaq_core::to_lower(word);
            lower.as_str()
        };
        if let Some(hit) = READINGS.with(|c| c.borrow().get(word).cloned()) {
            return hit;
        }
        let out: Readings = self.readings_uncached(word).into();
        READINGS.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() >= READINGS_LIMIT {
                c.clear();
            }
            c.insert(Box::from(word), out.clone());
        });
        out
    }

    fn readings_uncached(&self, word: &str) -> Vec<Reading> {
        let Some(analyzer) = &self.analyzer else { return Vec::new() };
        let an = &analyzer.an;
        if !safe_for_rsmorphy(word) {
            return Vec::new();
        }
        // rsmorphy asserts on words it cannot split (found by fuzzing: words
        // under three letters, hyphen parts under three letters), which
        // `safe_for_rsmorphy` excludes; a panic left would only lose the
        // readings of this word.
        let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parse(analyzer, word)));
        let Ok(parsed) = parsed else { return Vec::new() };
        parsed
            .into_iter()
            .map(|p| {
                let tag = &p.lex.get_tag(an).string;
                let tag = match self.tag_infos.get(tag.as_str()) {
                    Some(t) => Arc::clone(t),
                    None => other_tag(tag),
                };
                Reading::new(normal_form(an, &p.lex), tag, p.score.value(), p.lex.is_known())
            })
            .collect()
    }

    /// The reading `lemma` and `tags` use: the best scored; among equals a
    /// place, an organisation, a surname, then anything before a first name
    /// (`Астане` → астана, not the name Астан).
    pub fn best(&self, readings: &[Reading]) -> Option<usize> {
        let top = readings.iter().map(|r| r.score).fold(f64::MIN, f64::max);
        readings
            .iter()
            .enumerate()
            .filter(|(_, r)| r.score >= top - 1e-9)
            .max_by_key(|(i, r)| (r.rank, usize::MAX - i))
            .map(|(i, _)| i)
    }

    /// Lower-case lemma of a Russian word.
    pub fn lemma(&self, word: &str) -> String {
        let lower = yntymaq_core::to_lower(word);
        if !lower.chars().any(|c| ('а'..='я').contains(&c) || c == 'ё') {
            return lower;
        }
        // Hyphenated names and places: lemmatise the last part when the
        // first is invariant (Усть-Каменогорске), else each part.
        if let Some(pos) = lower.rfind('-') {
            let (head, tail) = (&word[..pos], &word[pos + 1..]);
            if !head.is_empty() && !tail.is_empty() {
                let whole = self.readings(word);
                if whole.iter().any(|r| r.known) {
                    if let Some(i) = self.best(&whole) {
                        return whole[i].lemma.clone();
                    }
                }
                return format!("{}-{}", self.lemma(head), self.lemma(tail));
            }
        }
        let readings = self.readings(word);
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        if capitalised && !readings.iter().any(|r| r.known) {
            return self.unknown_key(&lower);
        }
        match self.best(&readings) {
            Some(i) => readings[i].lemma.clone(),
            None => lower,
        }
    }

    /// Key of a capitalised word the dictionary does not know (a new name or
    /// place): the stem left by the best declension ending, so that every
    /// case form of it and its nominative give the same key
    /// (Шымкенте, Шымкент → шымкент; Булекпаевым, Булекпаев → булекпаев).
    fn unknown_key(&self, lower: &str) -> String {
        let nominative = self
            .guess(lower)
            .into_iter()
            .filter(|r| r.nominative != lower)
            .max_by(|a, b| a.weight.total_cmp(&b.weight))
            .map(|r| r.nominative)
            .unwrap_or_else(|| lower.to_owned());
        key_of_nominative(&nominative)
    }

    /// Readings of a name token from the ending table, plus the word itself
    /// as a nominative (or as an indeclinable name).
    pub fn guess(&self, lower: &str) -> Vec<NameReading> {
        let mut out = Vec::new();
        let chars: Vec<char> = lower.chars().collect();
        let last = chars.last().copied();
        out.push(NameReading { nominative: lower.to_owned(), gender: Gender::Any, cases: 1, weight: 0.5 });
        let before_last = chars.len().checked_sub(2).and_then(|i| chars.get(i)).copied();
        match last {
            // Indeclinable: Чжао, Кинне, Шойгу, Токио. After a consonant, -у
            // and -ю are far more often a dative (Лофнеру, Бесселю) than an
            // indeclinable name, and -ы a genitive (Маехары).
            Some(c) if is_vowel(c) && !matches!(c, 'а' | 'я') => out.push(NameReading {
                nominative: lower.to_owned(),
                gender: Gender::Any,
                cases: ALL_CASES,
                weight: if c == 'ы' || (matches!(c, 'у' | 'ю') && before_last.is_some_and(is_cyr_consonant)) {
                    0.3
                } else {
                    0.45
                },
            }),
            // A woman's consonant-final name does not decline: Моникой
            // Иверсен, Джоанны Стингрей.
            Some(c) if is_cyr_consonant(c) || c == 'й' => out.push(NameReading {
                nominative: lower.to_owned(),
                gender: Gender::F,
                cases: ALL_CASES,
                weight: 0.45,
            }),
            _ => {}
        }
        for e in &self.endings {
            let Some(stem) = lower.strip_suffix(e.ending.as_str()) else { continue };
            if stem.chars().count() < 2 {
                continue;
            }
            if !e.before.is_empty() {
                let mut tail = stem.chars().rev();
                let fits = e.before.iter().rev().all(|&want| {
                    tail.next().is_some_and(|b| match want {
                        Some(true) => is_cyr_consonant(b),
                        Some(false) => is_vowel(b),
                        None => b.is_alphabetic(),
                    })
                });
                if !fits {
                    continue;
                }
            }
            out.push(NameReading {
                nominative: format!("{stem}{}", e.replace),
                gender: e.gender,
                cases: e.cases,
                weight: e.weight,
            });
        }
        // A word with a typical oblique ending (Ямаду, Хэмсоном) is less
        // likely read unchanged as a nominative.
        // ... and as an undeclined woman's name (Диасом, Хэмсоном).
        if out.iter().any(|r| r.cases & 1 == 0 && r.weight >= 0.55) {
            if let Some(plain) = out.first_mut() {
                plain.weight = 0.45;
            }
            for r in out.iter_mut().filter(|r| r.nominative == lower && r.cases == ALL_CASES && r.gender == Gender::F) {
                r.weight = 0.15;
            }
        }
        out
    }

    /// Name readings of a token from the dictionary (first names, surnames,
    /// patronymics), with feminine surnames made feminine (Ивановой → иванова).
    pub fn dictionary_name_readings(&self, word: &str) -> Vec<NameReading> {
        let mut out = Vec::new();
        for r in self.readings(word).iter() {
            if !r.known {
                continue;
            }
            let has = |g: u64| r.has(g);
            // Patronymics come from the ending table (the dictionary gives
            // the father's name as their lemma).
            if !has(NAME | SURN) || has(PATR) || has(PLUR) {
                continue;
            }
            let gender = if has(FEMN) {
                Gender::F
            } else if has(MASC) {
                Gender::M
            } else {
                Gender::Any
            };
            let cases = r.tag.cases;
            // A vocative (Марин, Infr) is no reading of a name in running text.
            if has(VOCT) {
                continue;
            }
            let cases = if has(FIXD) || cases == 0 { ALL_CASES } else { cases };
            let mut nominative = r.lemma.clone();
            if gender == Gender::F && has(SURN | PATR) {
                nominative = feminine(&nominative);
            }
            // Dictionary readings outweigh guesses; their own probability
            // separates Петра (Пётр, genitive) from Петра (a woman's name).
            let weight = 0.75 + 0.25 * r.score.clamp(0.0, 1.0) as f32;
            out.push(NameReading { nominative, gender, cases, weight });
        }
        out
    }

    /// Proper-noun and top-reading tags of a word.
    pub fn tags(&self, word: &str) -> Vec<&'static str> {
        let readings = self.readings(word);
        let mut out: Vec<&'static str> = Vec::new();
        if let Some(i) = self.best(&readings) {
            // (each grammeme listed once)
            out.extend_from_slice(&readings[i].tag.listed);
        }
        for r in readings.iter().filter(|r| r.known && r.has(PROPER_BITS)) {
            for &t in r.tag.listed.iter().filter(|t| PROPER.contains(t)) {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        if !readings.is_empty() && !readings.iter().any(|r| r.known) {
            out.push("Guess");
        }
        out
    }
}

/// What rsmorphy's `MorphAnalyzer::parse` does, with the same units in the
/// same order and the same estimator, but cheaper: the word is lower-cased
/// only when that changes it, the dictionary is read by [`DictionaryUnit`],
/// and the estimator's P(tag | word) keys (`word:tag`) are not formatted and
/// looked up from the root one by one: the word's part of the DAWG path is
/// walked once (`tag_probs` holds the same units as `an.dict.p_t_given_w`).
fn parse(a: &Analyzer, word: &str) -> ParseResult {
    let unchanged = |c: char| {
        let mut l = c.to_lowercase();
        l.next() == Some(c) && l.next().is_none()
    };
    let word_lower: Cow<str> =
        if word.chars().all(unchanged) { Cow::Borrowed(word) } else { Cow::Owned(word.to_lowercase()) };
    let mut result = look_over(a, word, &word_lower);
    apply_tag_probs(&a.an, &a.tag_probs, &word_lower, &mut result);
    result
}

/// The units of rsmorphy's `MorphAnalyzer::parse`, in its order: some add
/// to what the ones before found, others end the search when anything is
/// found.
fn look_over(a: &Analyzer, word: &str, word_lower: &str) -> ParseResult {
    let an = &a.an;
    let mut result = ParseResult::new();
    let mut seen = rsmorphy::container::SeenSet::default();
    let dictionary = DictionaryUnit(&a.words);
    let unknown_prefix = UnknownPrefixUnit(DictionaryUnit(&a.words));
    let u = &an.units;
    // (unit, whether a result ends the search)
    let units: [(&dyn AnalyzerUnit, bool); 13] = [
        (&dictionary, false),
        (&Initials(&u.initials), true),
        (&u.number, true),
        (&u.punct, true),
        (&u.roman, false),
        (&u.latin, true),
        (&u.hsp, true),
        (&u.ha, true),
        (&u.hword, true),
        (&u.kp, true),
        (&unknown_prefix, false),
        (&u.ks, true),
        (&u.unknown, true),
    ];
    for (unit, ends) in units {
        unit.parse(an, &mut result, word, word_lower, &mut seen);
        if ends && !result.is_empty() {
            break;
        }
    }
    result
}

/// rsmorphy's `DictionaryAnalyzer` on a copy of its `words` DAWG: the word
/// forms the dictionary has for the word, `е` also read as `ё`, with their
/// paradigms. rsmorphy's `CompletionDawg::similar_items` builds the key a
/// letter at a time through a map of substitutes and `format!`.
struct DictionaryUnit<'a>(&'a Words);

impl DictionaryUnit<'_> {
    /// The DAWG nodes after `key` and the `\x01` separator, for every
    /// spelling of `key` with some `е` read as `ё` (starting at byte
    /// `start`, with `prefix` the spelling of `key[..start]`), in the order
    /// rsmorphy's `similar_items_` finds them: a `ё` spelling before the
    /// `е` one.
    fn find(&self, key: &str, start: usize, mut index: u32, prefix: &str, found: &mut Vec<(String, u32)>) {
        let d = &self.0.dict;
        let Some(rest) = key.get(start..) else { return };
        for (off, c) in rest.char_indices() {
            if c == 'е' {
                if let Some(next) = ru_dawg::follow_bytes(d, "ё".as_bytes(), index) {
                    let spelled = format!("{prefix}{}ё", &rest[..off]);
                    self.find(key, start + off + c.len_utf8(), next, &spelled, found);
                }
            }
            let mut buf = [0u8; 4];
            match ru_dawg::follow_bytes(d, c.encode_utf8(&mut buf).as_bytes(), index) {
                Some(next) => index = next,
                None => return,
            }
        }
        if let Some(node) = ru_dawg::follow(d, 1, index) {
            let mut spelled = String::with_capacity(prefix.len() + rest.len());
            spelled.push_str(prefix);
            spelled.push_str(rest);
            found.push((spelled, node));
        }
    }

    /// The values stored after a key's node: (paradigm, form) pairs, each
    /// four big-endian bytes in base64 and a newline.
    fn values(&self, node: u32, out: &mut Vec<HH>) -> Option<()> {
        ru_dawg::completions(&self.0.dict, &self.0.guide, node, |key| {
            // rsmorphy trims the key's end (a newline); a key ending in other
            // white space fails to decode and rsmorphy reads the word itself.
            let end =
                key.iter().rposition(|b| !matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')).map_or(0, |i| i + 1);
            let [a, b, c, d] = decode_base64_4(key.get(..end)?)?;
            out.push(HH(u16::from_be_bytes([a, b]), u16::from_be_bytes([c, d])));
            Some(())
        })
    }
}

/// rsmorphy's `InitialsAnalyzer`, asked only about a one-letter word: it
/// reads nothing else (it looks the word up in its set of capital letters;
/// its readings panic, and `safe_for_rsmorphy` keeps such words away).
struct Initials<'a>(&'a rsmorphy::analyzer::units::InitialsAnalyzer);

impl AnalyzerUnit for Initials<'_> {
    fn parse(&self, morph: &MorphAnalyzer, result: &mut ParseResult, word: &str, word_lower: &str, seen: &mut SeenSet) {
        let mut chars = word.chars();
        if chars.next().is_some() && chars.next().is_none() {
            self.0.parse(morph, result, word, word_lower, seen);
        }
    }
}

/// rsmorphy's `UnknownPrefixAnalyzer` (байткод: (байт) + код) reading the
/// dictionary with [`DictionaryUnit`].
struct UnknownPrefixUnit<'a>(DictionaryUnit<'a>);

/// rsmorphy's `UnknownPrefixAnalyzer::estimate_decay` (private, 0.5 by its
/// `Default`).
const UNKNOWN_PREFIX_DECAY: f64 = 0.5;

impl AnalyzerUnit for UnknownPrefixUnit<'_> {
    fn parse(&self, morph: &MorphAnalyzer, result: &mut ParseResult, _: &str, word_lower: &str, seen: &mut SeenSet) {
        for (prefix, rest) in rsmorphy::util::word_splits(word_lower, None::<usize>, None::<usize>) {
            let mut found = ParseResult::new();
            self.0.parse(morph, &mut found, rest, rest, seen);
            for parsed in found {
                if !parsed.lex.get_tag(morph).is_productive() {
                    continue;
                }
                let stack = parsed.lex.stack.stack.left.stack;
                let lex = Lex::from_stack(morph, StackAffix::new(stack, Affix::unknown_prefix(prefix)));
                let parsed = Parsed::new(lex, parsed.score * UNKNOWN_PREFIX_DECAY);
                rsmorphy::util::add_parsed_if_not_seen(morph, result, seen, parsed);
            }
        }
    }
}

/// Four bytes from their standard base64 (`AAEAAg==`); `None` if `s` is not that.
fn decode_base64_4(s: &[u8]) -> Option<[u8; 4]> {
    let sextet = |c: u8| -> Option<u32> {
        Some(u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        }))
    };
    let [a, b, c, d, e, f, b'=', b'='] = s else { return None };
    let hi = sextet(*a)? << 18 | sextet(*b)? << 12 | sextet(*c)? << 6 | sextet(*d)?;
    let lo = sextet(*e)? << 18 | sextet(*f)? << 12;
    // 36 bits of data: the last four must be zero
    if lo & 0xffff != 0 {
        return None;
    }
    let [_, x0, x1, x2] = hi.to_be_bytes();
    let [_, y0, _, _] = lo.to_be_bytes();
    Some([x0, x1, x2, y0])
}

impl AnalyzerUnit for DictionaryUnit<'_> {
    fn parse(&self, morph: &MorphAnalyzer, result: &mut ParseResult, word: &str, word_lower: &str, seen: &mut SeenSet) {
        let mut found = Vec::new();
        self.find(word_lower, 0, self.0.dict.root, "", &mut found);
        // rsmorphy inserts each spelling it finds at the front.
        let mut spellings = Vec::with_capacity(found.len());
        for (spelled, node) in found.into_iter().rev() {
            let mut values = Vec::with_capacity(4);
            if self.values(node, &mut values).is_none() {
                // Not the DAWG rsmorphy reads: leave the word to it.
                morph.units.dictionary.parse(morph, result, word, word_lower, seen);
                return;
            }
            spellings.push((spelled, values));
        }
        for (spelled, values) in spellings {
            for HH(para_id, idx) in values {
                let form = rsmorphy::container::Dictionary::new(WordStruct::known(spelled.clone()), para_id, idx);
                result.push(Parsed::new(Lex::from_stack(morph, StackSource::from(form)), Score::Real(1.0)));
            }
        }
    }
}

/// `lex.get_normal_form(an)` written into one string: rsmorphy formats one
/// at every level of the parse's stack (particle, hyphenated parts, affix,
/// dictionary form).
fn normal_form(an: &MorphAnalyzer, lex: &Lex) -> String {
    let mut out = String::with_capacity(32);
    let p = &lex.stack;
    push_affixed_normal_form(an, &p.stack.left, &mut out);
    if let Some(right) = &p.stack.right {
        out.push('-');
        push_affixed_normal_form(an, right, &mut out);
    }
    if let Some(particle) = &p.particle {
        out.push_str(&particle.particle);
    }
    out
}

fn push_affixed_normal_form(an: &MorphAnalyzer, s: &StackAffix, out: &mut String) {
    if let Some(affix) = &s.affix {
        if !matches!(affix.kind, AffixKind::KnownSuffix) {
            out.push_str(&affix.part);
        }
    }
    match &s.stack {
        StackSource::Dictionary(d) => {
            let word = d.word_lower().word();
            // rsmorphy's `Dictionary::build_normal_form`: the paradigm's
            // first form's prefix and suffix around the word's stem.
            let first = an.dict.get_paradigm(d.para_id()).first();
            match first {
                Some(&first) if !d.idx().is_first() => {
                    let (prefix, _, suffix) = an.dict.paradigm_entry_info(first);
                    out.push_str(prefix);
                    out.push_str(an.dict.get_stem(d.para_id(), d.idx(), word));
                    out.push_str(suffix);
                }
                _ => out.push_str(&s.stack.get_normal_form(an)),
            }
        }
        other => out.push_str(&other.get_normal_form(an)),
    }
}

/// rsmorphy's `SingleTagProbabilityEstimator::apply_to_parses`: each parse
/// scored by P(tag | word) and sorted best first (stable), or, when the
/// table knows none of the tags, the scores normalised to sum 1.
fn apply_tag_probs(an: &MorphAnalyzer, tag_probs: &DawgDictionary, word_lower: &str, parses: &mut [Parsed]) {
    if parses.is_empty() {
        return;
    }
    let d = tag_probs;
    // The key is `{word_lower}:{tag}`.
    let word_node = ru_dawg::follow_bytes(d, word_lower.as_bytes(), d.root).and_then(|i| ru_dawg::follow(d, b':', i));
    let probs: Vec<f64> = parses
        .iter()
        .map(|p| {
            let value = word_node
                .and_then(|i| ru_dawg::follow_bytes(d, p.lex.get_tag(an).string.as_bytes(), i))
                .and_then(|i| ru_dawg::value(d, i))
                .unwrap_or(0);
            f64::from(value) / 1_000_000.0
        })
        .collect();
    if probs.iter().copied().sum::<f64>() == 0.0 {
        let k = 1.0 / parses.iter().map(|p| p.score.value()).sum::<f64>();
        for p in parses.iter_mut() {
            p.score = p.score * k;
        }
    } else {
        for (p, prob) in parses.iter_mut().zip(probs) {
            p.score = Score::Real(prob);
        }
        parses.sort_by(|a, b| b.score.value().partial_cmp(&a.score.value()).unwrap_or(std::cmp::Ordering::Equal));
    }
}

/// Words rsmorphy 0.4 analyses without panicking: letters and inner
/// hyphens only, every hyphen-separated part at least three letters long,
/// at most 48 letters.
fn safe_for_rsmorphy(word: &str) -> bool {
    let n = word.chars().count();
    (3..=48).contains(&n)
        && word.chars().all(|c| yntymaq_core::is_letter(c) || c == '-')
        && word.split('-').all(|p| p.chars().count() >= 3)
}

/// Is a lower-case word made of the syllables of Japanese in Russian
/// transcription (Polivanov's system and its common variants: Мацумото,
/// Акира, Сэйдзи, Сейджи, Кан, Хоккайдо)? Words with л, ы, щ, ь or syllables
/// Japanese lacks (ди, ду, ту, зи, ви) are not.
pub fn japanese_shaped(word: &str) -> bool {
    const ONSETS: [&str; 27] = [
        "дз", "дж", "кк", "тт", "пп", "сс", "тц", "тч", "к", "г", "с", "т", "д", "ц", "н", "х", "ф", "б", "п", "м",
        "р", "ш", "ж", "ч", "в", "й", "з",
    ];
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 3 {
        return false;
    }
    let vowel = |c: char| matches!(c, 'а' | 'и' | 'у' | 'э' | 'о' | 'я' | 'ю' | 'ё' | 'е');
    let mut i = 0;
    while i < chars.len() {
        // Onset (optional), then a vowel.
        let mut onset = "";
        for o in ONSETS {
            let n = o.chars().count();
            if chars.get(i..i + n).is_some_and(|s| s.iter().copied().eq(o.chars())) {
                onset = o;
                break;
            }
        }
        let n = onset.chars().count();
        let Some(&v) = chars.get(i + n) else { return false };
        if !vowel(v) {
            return false;
        }
        let last = onset.chars().last();
        let bad = match (last, v) {
            (Some('д'), 'и' | 'у') => onset == "д",
            (Some('т'), 'у') => true,
            (Some('з'), _) => onset == "з",
            (Some('в'), c) => c != 'а',
            (Some('й'), _) => true,
            _ => false,
        };
        // Japanese has no -уа- (Хуан) and no vowel after a -й coda (Монтойе).
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        let bad = bad || (n == 0 && (prev == Some('й') || (prev == Some('у') && v == 'а')));
        if bad {
            return false;
        }
        i += n + 1;
        // Coda: -й after a vowel (Сэйдзи), -н before a consonant or at the end.
        match chars.get(i) {
            Some('й') => i += 1,
            Some('н') if chars.get(i + 1).is_none_or(|c| !vowel(*c)) => i += 1,
            _ => {}
        }
    }
    true
}

/// The feminine of a surname lemma the dictionary gives in the masculine.
pub fn feminine(lemma: &str) -> String {
    for (m, f) in [("ский", "ская"), ("цкий", "цкая"), ("ой", "ая")] {
        if let Some(stem) = lemma.strip_suffix(m) {
            return format!("{stem}{f}");
        }
    }
    for m in ["ов", "ев", "ёв", "ин", "ын"] {
        if lemma.ends_with(m) {
            return format!("{lemma}а");
        }
    }
    lemma.to_owned()
}

/// Key of a guessed nominative: feminine and masculine forms of one name
/// share it (Иванова, Иванов → иванов; Гульнара, Гульнар → гульнар).
fn key_of_nominative(nom: &str) -> String {
    for (f, m) in [("ская", "ский"), ("цкая", "цкий")] {
        if let Some(stem) = nom.strip_suffix(f) {
            return format!("{stem}{m}");
        }
    }
    let chars: Vec<char> = nom.chars().collect();
    if chars.len() > 3 {
        if let [.., b, 'а' | 'я'] = chars.as_slice() {
            if is_cyr_consonant(*b) {
                return chars[..chars.len() - 1].iter().collect();
            }
        }
    }
    nom.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words to compare `parse` with rsmorphy's own on: the test tables'
    /// words, and those of the factRuEval dev corpus when it is there.
    fn sample_words() -> Vec<String> {
        let mut text = String::from(include_str!("../tests/ru_forms.tsv"));
        text.push_str(include_str!("../tests/name_context.tsv"));
        // (without ../shared, only the test tables' words)
        if let Some(shared) = yntymaq_core::shared_corpora() {
            if let Ok(c) = std::fs::read_to_string(shared.join("eval/ner/factru_dev.jsonl")) {
                text.push_str(&c);
            }
        }
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        // Mixed case, hyphens, ё, Latin and short words: every unit's path.
        for w in text.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
            if safe_for_rsmorphy(w) && seen.insert(w) {
                out.push(w.to_owned());
            }
        }
        out.truncate(4000);
        out
    }

    #[test]
    fn tag_info_reads_the_tag_string() {
        let t = TagInfo::new("NOUN,anim,masc,Surn,Fixd sing,gent,Qual");
        assert_eq!(&*t.listed, ["NOUN", "anim", "masc", "Surn", "Fixd", "sing", "gent"]);
        assert_eq!(t.cases, 1 << 1);
        assert!(t.grams & SURN != 0 && t.grams & FIXD != 0 && t.grams & NAME == 0);
        assert_eq!(t.pos(), "NOUN");
        let r = Reading::new("иванов".into(), Arc::new(t), 0.5, true);
        assert_eq!(r.rank, 2);
        assert!(r.has(NAME | SURN) && !r.has(GEOX | PLUR));
    }

    #[test]
    fn base64_values() {
        assert_eq!(decode_base64_4(b"AAEAAg=="), Some([0, 1, 0, 2]));
        assert_eq!(decode_base64_4(b"/////w=="), Some([255, 255, 255, 255]));
        assert_eq!(decode_base64_4(b"AAEAAh=="), None);
        assert_eq!(decode_base64_4(b"AAEAAg="), None);
        assert_eq!(decode_base64_4(b"AAE*Ag=="), None);
    }

    #[test]
    fn parse_is_rsmorphys() {
        let Ok(a) = crate::ru_dict::load() else { panic!("dictionary not loaded") };
        let view = |r: &ParseResult| -> Vec<(String, String, f64, bool)> {
            r.iter()
                .map(|p| {
                    let nf = p.lex.get_normal_form(&a.an).into_owned();
                    (nf, p.lex.get_tag(&a.an).string.clone(), p.score.value(), p.lex.is_known())
                })
                .collect()
        };
        let mut words = sample_words();
        assert!(words.len() > 100);
        let extra = [
            "Ёлка",
            "ёлка",
            "елка",
            "еще",
            "ещё",
            "все",
            "передел",
            "Елены",
            "ПО-РУССКИ",
            "по-русски",
            "Усть-Каменогорске",
            "кто-нибудь",
            "iPhone",
            "XVII",
        ];
        words.extend(extra.map(String::from));
        for w in &words {
            let mine = parse(&a, w);
            assert_eq!(view(&mine), view(&a.an.parse(w)), "{w}");
            for p in &mine {
                assert_eq!(normal_form(&a.an, &p.lex), p.lex.get_normal_form(&a.an), "{w}");
            }
        }
    }

    #[test]
    fn japanese_syllables() {
        for w in ["мацумото", "акира", "масахару", "коно", "сэйдзи", "хоккайдо", "кан", "екоэ", "синдзи"]
        {
            assert!(japanese_shaped(w), "{w}");
        }
        for w in ["муди", "ибодзоду", "хайрулло", "монтойе", "хуану", "сергей", "маехары", "ли"]
        {
            assert!(!japanese_shaped(w), "{w}");
        }
    }
}
