//! Feature extraction: every token becomes a list of 64-bit feature keys.
//!
//! A key is a hash of a feature template and its value (`w-1=посол`,
//! `suf3=ова`, `shape=Xx|Xx`). Token properties (lower-cased word, shape,
//! affixes, morphology tags, name-list hits) are hashed once per token; the
//! features of token `i` combine those of `i-2..=i+2`. The same code runs at
//! training and at tagging time, so the keys always agree with the model.

use crate::lexicon::Lexicon;
use std::cell::RefCell;
use std::collections::HashMap;
use yntymaq_core::{Token, TokenKind};

/// The multiplier of the key mixer (a 64-bit odd constant, from the golden ratio).
const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Mixes two 64-bit values into one key.
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let x = (a ^ b.rotate_left(23)).wrapping_mul(K);
    x ^ (x >> 31)
}

/// Hashes a byte string (deterministic across runs and platforms).
#[inline]
pub fn hash_bytes(s: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ (s.len() as u64);
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

/// Capitalisation class of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Cap {
    Lower = 0,
    Title = 1,
    Upper = 2,
    Mixed = 3,
    Digit = 4,
    Punct = 5,
}

/// Word shape: character classes (`X` upper, `x` lower, `d` digit, the
/// character itself otherwise) with runs collapsed, at most 6 classes
/// (`Усть-Каменогорск` → `Xx-Xx`, `ШҚО-ның` → `X-x`, `3.10.2024` → `d.d.d`).
pub fn shape(word: &str) -> String {
    let mut out = String::with_capacity(8);
    let mut last = '\0';
    let mut n = 0;
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if k != last {
            if n == 6 {
                out.push('~');
                break;
            }
            out.push(k);
            n += 1;
            last = k;
        }
    }
    out
}

/// Capitalisation class of a word.
pub fn cap_class(word: &str, kind: TokenKind) -> Cap {
    match kind {
        TokenKind::Punct => return Cap::Punct,
        TokenKind::Number => return Cap::Digit,
        TokenKind::Word => {}
    }
    let mut chars = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = chars.next() else { return Cap::Digit };
    let (mut up, mut low) = (0usize, 0usize);
    for c in chars {
        if c.is_uppercase() {
            up += 1;
        } else if c.is_lowercase() {
            low += 1;
        }
    }
    if first.is_uppercase() {
        if low == 0 && up > 0 {
            Cap::Upper
        } else if up == 0 {
            if low == 0 {
                Cap::Upper
            } else {
                Cap::Title
            }
        } else {
            Cap::Mixed
        }
    } else if up > 0 {
        Cap::Mixed
    } else {
        Cap::Lower
    }
}

/// Per-token properties, hashed once.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokProps {
    pub word: u64,
    pub shape: u64,
    pub pre: [u64; 4],
    pub suf: [u64; 4],
    pub cap: u8,
    pub len: u8,
    /// Start of a sentence.
    pub first: bool,
    /// Inside an open quote of the sentence.
    pub in_quote: bool,
    /// Glued to the previous token (no whitespace between).
    pub glued: bool,
    /// Lexicon hits (bits of [`crate::lexicon`]).
    pub lex: u32,
    /// Morphology tags (index into the per-thread tag cache).
    pub morph: u32,
}

/// Templates: distinct constants so that equal values under different
/// templates give different keys.
mod t {
    pub const BIAS: u64 = 1;
    pub const W: [u64; 5] = [10, 11, 12, 13, 14]; // offsets -2..=2
    pub const SHAPE: [u64; 5] = [20, 21, 22, 23, 24];
    pub const PRE: u64 = 30;
    pub const SUF: u64 = 40;
    pub const SUF3_NB: [u64; 2] = [50, 51];
    pub const SHAPE_L: u64 = 60;
    pub const SHAPE_R: u64 = 61;
    pub const W_L: u64 = 62;
    pub const W_R: u64 = 63;
    pub const FIRST_CAP: u64 = 70;
    pub const QUOTE_CAP: u64 = 71;
    pub const MORPH: u64 = 80;
    pub const MORPH_NB: [u64; 2] = [81, 82];
    pub const LEX: u64 = 90;
    pub const LEX_NB: [u64; 4] = [91, 92, 93, 94];
    pub const CAP3: u64 = 100;
    pub const LEN_CAP: u64 = 101;
    pub const WL_SHAPE: u64 = 102;
    pub const SHAPE_WR: u64 = 103;
    pub const GLUED: u64 = 104;
    pub const LEX_MORPH: u64 = 105;
}

/// Morphology tags of words, cached per thread: word → index of its tag-key list.
struct MorphCache {
    index: HashMap<Box<str>, u32>,
    lists: Vec<Box<[u64]>>,
}

const MORPH_CACHE_LIMIT: usize = 100_000;

thread_local! {
    static MORPH: RefCell<[MorphCache; 2]> = RefCell::new([
        MorphCache { index: HashMap::new(), lists: vec![Box::from([])] },
        MorphCache { index: HashMap::new(), lists: vec![Box::from([])] },
    ]);
}

/// Tags of the morphology crate that the tagger uses.
const MORPH_TAGS: &[&str] = &[
    "Name",
    "Surn",
    "Patr",
    "Geox",
    "Orgn",
    "Abbr",
    "Guess",
    "NOUN",
    "ADJF",
    "VERB",
    "PREP",
    "CONJ",
    "PRCL",
    "NPRO",
    "ADVB",
    "INFN",
    "PRTF",
    "nomn",
    "gent",
    "datv",
    "accs",
    "ablt",
    "loct",
    "masc",
    "femn",
    "neut",
    "sing",
    "plur",
    "Gen",
    "Dat",
    "Loc",
    "Acc",
    "Abl",
    "Ins",
    "Poss",
    "Poss3",
    "Plur",
    "KnownStem",
];

fn morph_keys(word: &str, lang: &str) -> Vec<u64> {
    let m = yntymaq_morph::Morph::global();
    let mut out: Vec<u64> = Vec::new();
    for tag in m.tags(word, lang) {
        if MORPH_TAGS.contains(&tag) {
            out.push(hash_bytes(tag.as_bytes()));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether morphology is looked up for a word: capitalised words only (the
/// lower-cased word itself is a feature for the others).
fn wants_morph(cap: Cap) -> bool {
    matches!(cap, Cap::Title | Cap::Upper | Cap::Mixed)
}

/// The extracted features of one sentence: keys of token `i` are
/// `keys[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Default, Clone)]
pub struct SentFeatures {
    pub keys: Vec<u64>,
    pub offsets: Vec<usize>,
}

impl SentFeatures {
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn token(&self, i: usize) -> &[u64] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => self.keys.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Reusable buffers for feature extraction.
#[derive(Default)]
pub struct Extractor {
    props: Vec<TokProps>,
    lower: String,
}

fn is_open_quote(s: &str) -> bool {
    matches!(s, "«" | "“" | "„" | "\"" | "(")
}
fn is_close_quote(s: &str) -> bool {
    matches!(s, "»" | "”" | ")")
}

impl Extractor {
    pub fn new() -> Self {
        Extractor::default()
    }

    /// Extracts the features of one sentence (`tokens` are that sentence's
    /// tokens over `text`) into `out`.
    pub fn extract(&mut self, text: &str, tokens: &[Token], lang: &str, lex: &Lexicon, out: &mut SentFeatures) {
        out.keys.clear();
        out.offsets.clear();
        self.props.clear();
        let slot = usize::from(lang == "kk");
        let mut quote_open = false;
        let mut prev_end: Option<usize> = None;
        MORPH.with(|cache| {
            let mut cache = cache.borrow_mut();
            let Some(cache) = cache.get_mut(slot) else { return };
            for (i, tok) in tokens.iter().enumerate() {
                let w = tok.text(text);
                let cap = cap_class(w, tok.kind);
                self.lower.clear();
                for c in w.chars().take(32) {
                    for l in c.to_lowercase() {
                        self.lower.push(if l == 'ё' { 'е' } else { l });
                    }
                }
                let lw = self.lower.as_str();
                let mut p = TokProps {
                    word: hash_bytes(lw.as_bytes()),
                    shape: hash_bytes(shape(w).as_bytes()),
                    cap: cap as u8,
                    len: w.chars().count().min(12) as u8,
                    first: i == 0,
                    in_quote: quote_open,
                    glued: prev_end == Some(tok.span.start),
                    ..Default::default()
                };
                prev_end = Some(tok.span.end);
                if tok.kind == TokenKind::Word {
                    let chars: Vec<(usize, char)> = lw.char_indices().collect();
                    let n = chars.len();
                    for k in 1..=4usize {
                        if k <= n {
                            let pe = chars.get(k).map(|c| c.0).unwrap_or(lw.len());
                            let ss = chars.get(n - k).map(|c| c.0).unwrap_or(0);
                            p.pre[k - 1] = hash_bytes(lw.get(..pe).unwrap_or("").as_bytes());
                            p.suf[k - 1] = hash_bytes(lw.get(ss..).unwrap_or("").as_bytes());
                        }
                    }
                    p.lex = lex.lookup(lw, cap, lang);
                    if wants_morph(cap) {
                        p.morph = match cache.index.get(w) {
                            Some(&ix) => ix,
                            None => {
                                if cache.index.len() >= MORPH_CACHE_LIMIT {
                                    cache.index.clear();
                                    cache.lists.truncate(1);
                                }
                                let keys = morph_keys(w, lang);
                                let ix = cache.lists.len() as u32;
                                cache.lists.push(keys.into_boxed_slice());
                                cache.index.insert(Box::from(w), ix);
                                ix
                            }
                        };
                    }
                } else if is_open_quote(w) {
                    quote_open = true;
                } else if is_close_quote(w) {
                    quote_open = false;
                }
                self.props.push(p);
            }
            let props = &self.props;
            let n = props.len();
            let none = TokProps { word: 7, shape: 7, cap: 9, ..Default::default() };
            let get = |j: isize| -> TokProps {
                if j < 0 || j as usize >= n {
                    none
                } else {
                    props.get(j as usize).copied().unwrap_or(none)
                }
            };
            let morph_of =
                |p: &TokProps| -> &[u64] { cache.lists.get(p.morph as usize).map(|b| &b[..]).unwrap_or(&[]) };
            for i in 0..n {
                out.offsets.push(out.keys.len());
                let ii = i as isize;
                let p = get(ii);
                let nb = [get(ii - 2), get(ii - 1), p, get(ii + 1), get(ii + 2)];
                let k = &mut out.keys;
                k.push(t::BIAS);
                for (d, q) in nb.iter().enumerate() {
                    k.push(mix(t::W[d], q.word));
                    k.push(mix(t::SHAPE[d], q.shape));
                }
                for j in 0..4 {
                    if p.pre[j] != 0 {
                        k.push(mix(t::PRE + j as u64, p.pre[j]));
                        k.push(mix(t::SUF + j as u64, p.suf[j]));
                    }
                }
                k.push(mix(t::SUF3_NB[0], nb[1].suf[2] ^ nb[1].word.wrapping_mul(u64::from(nb[1].suf[2] == 0))));
                k.push(mix(t::SUF3_NB[1], nb[3].suf[2] ^ nb[3].word.wrapping_mul(u64::from(nb[3].suf[2] == 0))));
                k.push(mix(mix(t::SHAPE_L, nb[1].shape), p.shape));
                k.push(mix(mix(t::SHAPE_R, p.shape), nb[3].shape));
                k.push(mix(mix(t::W_L, nb[1].word), p.word));
                k.push(mix(mix(t::W_R, p.word), nb[3].word));
                k.push(mix(t::FIRST_CAP, u64::from(p.cap) << 1 | u64::from(p.first)));
                k.push(mix(t::QUOTE_CAP, u64::from(p.cap) << 1 | u64::from(p.in_quote)));
                k.push(mix(t::CAP3, u64::from(nb[1].cap) << 16 | u64::from(p.cap) << 8 | u64::from(nb[3].cap)));
                k.push(mix(t::LEN_CAP, u64::from(p.len) << 8 | u64::from(p.cap)));
                k.push(mix(mix(t::WL_SHAPE, nb[1].word), p.shape));
                k.push(mix(mix(t::SHAPE_WR, p.shape), nb[3].word));
                k.push(mix(t::GLUED, u64::from(p.glued) << 8 | u64::from(p.cap)));
                let m0 = morph_of(&p);
                for &m in m0 {
                    k.push(mix(t::MORPH, m));
                }
                for (s, q) in [(0, &nb[1]), (1, &nb[3])] {
                    for &m in morph_of(q) {
                        k.push(mix(t::MORPH_NB[s], m));
                    }
                }
                if p.lex != 0 {
                    k.push(mix(t::LEX, u64::from(p.lex)));
                    for &m in m0 {
                        k.push(mix(mix(t::LEX_MORPH, u64::from(p.lex)), m));
                    }
                }
                for (s, q) in [(0, &nb[0]), (1, &nb[1]), (2, &nb[3]), (3, &nb[4])] {
                    if q.lex != 0 {
                        k.push(mix(t::LEX_NB[s], u64::from(q.lex)));
                    }
                }
            }
            out.offsets.push(out.keys.len());
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yntymaq_core::tokenize;

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape("Усть-Каменогорск"), "Xx-Xx");
        assert_eq!(shape("ШҚО-ның"), "X-x");
        assert_eq!(shape("3.10.2024"), "d.d.d");
        assert_eq!(shape("McDonald"), "XxXx");
        assert_eq!(shape("a1b2c3d4e5"), "xdxdxd~");
    }

    #[test]
    fn capitalisation_classes() {
        assert_eq!(cap_class("Астана", TokenKind::Word), Cap::Title);
        assert_eq!(cap_class("ВКО", TokenKind::Word), Cap::Upper);
        assert_eq!(cap_class("ШҚО-ның", TokenKind::Word), Cap::Mixed);
        assert_eq!(cap_class("посол", TokenKind::Word), Cap::Lower);
        assert_eq!(cap_class("А", TokenKind::Word), Cap::Upper);
        assert_eq!(cap_class("«", TokenKind::Punct), Cap::Punct);
    }

    #[test]
    fn hashing_is_stable_and_distinguishes_templates() {
        assert_eq!(hash_bytes(b"abc"), hash_bytes(b"abc"));
        assert_ne!(hash_bytes(b"abc"), hash_bytes(b"abd"));
        assert_ne!(hash_bytes(b"abcdefgh"), hash_bytes(b"abcdefgh\0"));
        assert_ne!(mix(1, 5), mix(2, 5));
    }

    #[test]
    fn features_depend_on_context_and_case() {
        let lex = Lexicon::global();
        let mut ex = Extractor::new();
        let (a, b) = ("Встреча с послом Италии", "Встреча с послом италии");
        let (ta, tb) = (tokenize(a), tokenize(b));
        let (mut fa, mut fb) = (SentFeatures::default(), SentFeatures::default());
        ex.extract(a, &ta, "ru", lex, &mut fa);
        ex.extract(b, &tb, "ru", lex, &mut fb);
        assert_eq!(fa.len(), 4);
        // "Встреча" sees "италии" only at distance 3: identical features.
        assert_eq!(fa.token(0), fb.token(0));
        // "послом" sees the next word's shape; "Италии" differs itself.
        assert_ne!(fa.token(2), fb.token(2));
        assert_ne!(fa.token(3), fb.token(3));
        assert!(fa.token(3).len() > 20);
        assert!(fa.token(9).is_empty());
    }
}
