//! Feature extraction: every token becomes a list of 64-bit feature keys.
//!
//! A key is a hash of a feature template and its value (`w-1=посол`,
//! `suf3=ова`, `shape=Xx|Xx`). Token properties (lower-cased word, shape,
//! affixes, morphology tags, name-list hits) are hashed once per token; the
//! features of token `i` combine those of `i-2..=i+2`. The same code runs at
//! training and at tagging time, so the keys always agree with the model.
//!
//! Tagging adds up weight rows rather than listing keys
//! ([`Extractor::score_sentence`]): the rows of the features a word decides
//! alone (`own_keys`, and `neighbour_keys` at each neighbour position)
//! are summed once per word form and model and cached with the word; those
//! of the token classes (`Classes`) once per combination; only the
//! word-pair features are looked up per token. The sums are those of the
//! keys [`Extractor::sentence`] gives (tested on both gold corpora).

use crate::lexicon::{self, Lexicon};
use crate::model::Model;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use yntymaq_core::{case_of, lower_char, Token, TokenKind};

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
    shape_into(word, &mut out);
    out
}

/// Capitalisation class of a word.
pub fn cap_class(word: &str, kind: TokenKind) -> Cap {
    match kind {
        TokenKind::Punct => return Cap::Punct,
        TokenKind::Number => return Cap::Digit,
        TokenKind::Word => {}
    }
    // Cased letters are alphabetic: the slow `is_alphabetic` table is only
    // consulted for the rest (digits, marks, uncased scripts).
    let mut first: Option<bool> = None; // is the first letter upper case
    let (mut up, mut low) = (0usize, 0usize);
    for c in word.chars() {
        let (is_up, is_low) = case_of(c);
        if !(is_up || is_low || (!c.is_ascii() && c.is_alphabetic())) {
            continue;
        }
        if first.is_none() {
            first = Some(is_up);
        } else if is_up {
            up += 1;
        } else if is_low {
            low += 1;
        }
    }
    let Some(first_upper) = first else { return Cap::Digit };
    if first_upper {
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
    /// East Asian syllable bits ([`Lexicon::east_asian`]).
    pub ea: u32,
    /// A generic place word ([`Lexicon::is_geo_head`]).
    pub geo: bool,
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
    pub const DOC: u64 = 106;
    pub const DOC_BIT: u64 = 107;
    pub const EA: u64 = 108;
    pub const EA_NB: [u64; 2] = [109, 110];
    pub const EA_PAIR: u64 = 111;
    pub const GEO: u64 = 112;
    pub const PRE_NB: [u64; 2] = [113, 114];
    pub const LOWER_BEFORE: u64 = 115;
    pub const CAP5: u64 = 117;
}

/// A hasher for keys that are strings or already hashes.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = mix(self.0, hash_bytes(bytes));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = mix(self.0, n);
    }
    // (a string's end mark and 128-bit keys without a byte-string pass)
    fn write_u8(&mut self, n: u8) {
        self.0 = mix(self.0, u64::from(n));
    }
    fn write_u128(&mut self, n: u128) {
        self.0 = mix(mix(self.0, n as u64), (n >> 64) as u64);
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// What a token's text alone decides: its hashed form, shape, affixes,
/// capitalisation, length, lexicon bits and morphology tag keys.
#[derive(Debug, Clone, Default)]
struct WordInfo {
    word: u64,
    shape: u64,
    pre: [u64; 4],
    suf: [u64; 4],
    cap: u8,
    len: u8,
    lex: u32,
    ea: u32,
    geo: bool,
    /// First-five-letter key (0 for non-words).
    dkey: u64,
    morph: Box<[u64]>,
    /// The summed weight rows of the features this word gives by itself
    /// ([`own_keys`], then [`neighbour_keys`] at [`NBS`]), `width` each,
    /// under the model of [`WordCache::model`]; empty until computed.
    scores: Box<[i32]>,
}

impl WordInfo {
    /// The token properties of the word (no sentence or quote context).
    fn props(&self) -> TokProps {
        TokProps {
            word: self.word,
            shape: self.shape,
            pre: self.pre,
            suf: self.suf,
            cap: self.cap,
            len: self.len,
            lex: self.lex,
            ea: self.ea,
            geo: self.geo,
            ..Default::default()
        }
    }
}

/// Word information cached per thread and model language: a 64-bit hash of
/// the token's text and kind → its [`WordInfo`] (no string to allocate or
/// compare; a hash collision is as unlikely as one among feature keys).
#[derive(Default)]
struct WordCache {
    words: FastMap<u64, WordInfo>,
    /// The [`Model::id`] that the cached scores belong to (0: none yet).
    model: u64,
}

const WORD_CACHE_LIMIT: usize = 50_000;

thread_local! {
    static WORDS: RefCell<[WordCache; 2]> = RefCell::new([WordCache::default(), WordCache::default()]);
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
    "anim",
    "inan",
    "Fixd",
    "Init",
];

/// [`MORPH_TAGS`] → their hashed keys.
fn morph_tag_keys() -> &'static FastMap<&'static str, u64> {
    static M: std::sync::OnceLock<FastMap<&'static str, u64>> = std::sync::OnceLock::new();
    M.get_or_init(|| MORPH_TAGS.iter().map(|t| (*t, hash_bytes(t.as_bytes()))).collect())
}

fn morph_keys(word: &str, lang: &str) -> Box<[u64]> {
    let m = yntymaq_morph::Morph::global();
    let known = morph_tag_keys();
    let mut out: Vec<u64> = m.tags(word, lang).into_iter().filter_map(|tag| known.get(tag).copied()).collect();
    out.sort_unstable();
    out.dedup();
    out.into_boxed_slice()
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

/// Document-level flags of a word (by its first five letters), from all its
/// occurrences in the document.
mod doc {
    /// Somewhere right after a first name or an initial (`Андреа Нисипяну`, `А. Кудрин`).
    pub const AFTER_NAME: u8 = 1;
    /// Somewhere written in lower case.
    pub const LOWER: u8 = 2;
    /// Somewhere capitalised inside a sentence (not its first word).
    pub const MID_CAP: u8 = 4;
    /// Somewhere inside quotes.
    pub const QUOTED: u8 = 8;
    /// Somewhere right before a capitalised word with a surname ending or tag.
    pub const BEFORE_SURNAME: u8 = 16;
}

/// Reusable buffers for feature extraction over one document.
#[derive(Default)]
pub struct Extractor {
    props: Vec<TokProps>,
    /// Morphology keys of token `i`: `morph[morph_off[i].0..morph_off[i].1]`.
    morph: Vec<u64>,
    morph_off: Vec<(u32, u32)>,
    /// First-five-letter key of each token (0 for non-words).
    dkey: Vec<u64>,
    flags: FastMap<u64, u8>,
    /// Kazakh model: the lower-case word before a capitalised one over quotes ([`Extractor::sentence`]).
    wide: bool,
    lower: String,
    shape: String,
    /// With a model (given to [`Extractor::prepare`]): each token's word
    /// scores ([`WordInfo::scores`]), `5 * width` per token.
    scores: Vec<i32>,
    /// The scores of a missing neighbour (outside the sentence) at each of [`NBS`].
    none_scores: Vec<i32>,
    /// The [`Model::id`] of `none_scores` (0: none).
    none_model: u64,
    /// The model width the scores are for (0: no scores).
    width: usize,
    /// Scratch feature keys.
    keys: Vec<u64>,
    /// Summed weight rows of [`Classes::keys`] (at `memo_rows[at..][..width]`)
    /// by [`Classes::pack`], under the model of id `memo_model`.
    memo: FastMap<u64, u32>,
    memo_rows: Vec<i32>,
    memo_model: u64,
}

fn is_open_quote(s: &str) -> bool {
    matches!(s, "«" | "“" | "„" | "\"" | "(")
}
fn is_close_quote(s: &str) -> bool {
    matches!(s, "»" | "”" | ")")
}

fn shape_into(word: &str, out: &mut String) {
    out.clear();
    let mut last = '\0';
    let mut n = 0;
    for c in word.chars() {
        let (is_up, is_low) = case_of(c);
        let k = if is_up {
            'X'
        } else if is_low {
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
}

/// The [`WordInfo`] of a token's text (`lower`, `shape`: scratch buffers).
fn word_info(w: &str, kind: TokenKind, lang: &str, lex: &Lexicon, lower: &mut String, shape: &mut String) -> WordInfo {
    let cap = cap_class(w, kind);
    lower.clear();
    // byte ends of the first 5 characters of the lower-cased word
    let mut nchars = 0usize;
    let mut pre_end = [0usize; 5];
    for c in w.chars().take(32) {
        match lower_char(c) {
            Some(l) => lower.push(if l == 'ё' { 'е' } else { l }),
            None => {
                for l in c.to_lowercase() {
                    lower.push(if l == 'ё' { 'е' } else { l });
                }
            }
        }
        if let Some(p) = pre_end.get_mut(nchars) {
            *p = lower.len();
        }
        nchars += 1;
    }
    let lw = lower.as_str();
    shape_into(w, shape);
    let mut info = WordInfo {
        word: hash_bytes(lw.as_bytes()),
        shape: hash_bytes(shape.as_bytes()),
        cap: cap as u8,
        len: nchars.min(12) as u8,
        ..Default::default()
    };
    if kind == TokenKind::Word {
        // suffix starts: walk back over the lower-cased word
        let mut suf_start = [lw.len(); 4];
        for (k, (b, _)) in lw.char_indices().rev().take(4).enumerate() {
            if let Some(s) = suf_start.get_mut(k) {
                *s = b;
            }
        }
        for k in 0..4usize.min(nchars) {
            let pe = pre_end.get(k).copied().unwrap_or(lw.len()).min(lw.len());
            let ss = suf_start.get(k).copied().unwrap_or(0);
            info.pre[k] = hash_bytes(lw.get(..pe).unwrap_or("").as_bytes());
            info.suf[k] = hash_bytes(lw.get(ss..).unwrap_or("").as_bytes());
        }
        let pe5 = pre_end.get(4.min(nchars.saturating_sub(1))).copied().unwrap_or(lw.len());
        info.dkey = hash_bytes(lw.get(..pe5.min(lw.len())).unwrap_or("").as_bytes()) | 1;
        info.lex = lex.lookup(lw, cap, lang);
        info.geo = cap == Cap::Lower && lex.is_geo_head(lw);
        // Russian model only: KazNERD has too few such names to weigh them
        if lang != "kk" && matches!(cap, Cap::Title | Cap::Upper | Cap::Mixed) {
            info.ea = lex.east_asian(lw);
        }
        if wants_morph(cap) {
            info.morph = morph_keys(w, lang);
        }
    }
    info
}

impl Extractor {
    pub fn new() -> Self {
        Extractor::default()
    }

    /// Computes the token properties and document flags of a document
    /// (`sents`: token ranges of its sentences, in order) and, given a
    /// `model`, the word scores under it that [`Extractor::score_sentence`]
    /// needs. Call before [`Extractor::sentence`].
    pub fn prepare(
        &mut self,
        text: &str,
        tokens: &[Token],
        sents: &[(usize, usize)],
        lang: &str,
        lex: &Lexicon,
        model: Option<&Model>,
    ) {
        self.props.clear();
        self.morph.clear();
        self.morph_off.clear();
        self.dkey.clear();
        self.flags.clear();
        self.scores.clear();
        self.width = model.map_or(0, Model::width);
        self.wide = lang == "kk";
        if let Some(model) = model.filter(|m| m.id() != self.none_model) {
            self.none_model = model.id();
            self.none_scores.clear();
            self.none_scores.resize(NBS.len() * self.width, 0);
            for (at, acc) in NBS.into_iter().zip(self.none_scores.chunks_exact_mut(self.width.max(1))) {
                self.keys.clear();
                neighbour_keys(&NONE, &[], at, &mut |k| self.keys.push(k));
                model.accumulate(&self.keys, acc);
            }
        }
        let slot = usize::from(lang == "kk");
        WORDS.with(|cache| {
            let mut cache = cache.borrow_mut();
            let Some(cache) = cache.get_mut(slot) else { return };
            if let Some(model) = model {
                // scores of another model are of no use
                if cache.model != model.id() {
                    cache.words.clear();
                    cache.model = model.id();
                }
            }
            if cache.words.len() >= WORD_CACHE_LIMIT {
                cache.words.clear();
            }
            let mut quote_open = false;
            let mut prev_end: Option<usize> = None;
            let mut sent_iter = sents.iter().peekable();
            for (i, tok) in tokens.iter().enumerate() {
                let mut first = false;
                while let Some(&&(a, b)) = sent_iter.peek() {
                    if i >= b {
                        sent_iter.next();
                        continue;
                    }
                    if i == a {
                        first = true;
                        quote_open = false;
                    }
                    break;
                }
                let w = tok.text(text);
                let key = mix(hash_bytes(w.as_bytes()), tok.kind as u64);
                let info = match cache.words.entry(key) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(word_info(w, tok.kind, lang, lex, &mut self.lower, &mut self.shape))
                    }
                };
                if let Some(model) = model {
                    if info.scores.is_empty() {
                        info.scores = word_scores(info, model, &mut self.keys);
                    }
                    self.scores.extend_from_slice(&info.scores);
                }
                let p =
                    TokProps { first, in_quote: quote_open, glued: prev_end == Some(tok.span.start), ..info.props() };
                prev_end = Some(tok.span.end);
                let mstart = self.morph.len() as u32;
                self.morph.extend_from_slice(&info.morph);
                if tok.kind != TokenKind::Word {
                    if is_open_quote(w) {
                        quote_open = true;
                    } else if is_close_quote(w) {
                        quote_open = false;
                    }
                }
                self.morph_off.push((mstart, self.morph.len() as u32));
                self.dkey.push(info.dkey);
                self.props.push(p);
            }
        });
        // document flags
        let name_key = hash_bytes(b"Name");
        let surn_key = hash_bytes(b"Surn");
        let is_cap = |p: &TokProps| matches!(p.cap, 1..=3);
        for i in 0..self.props.len() {
            let (Some(p), Some(&dk)) = (self.props.get(i), self.dkey.get(i)) else { continue };
            if dk == 0 {
                continue;
            }
            let mut f = 0u8;
            if p.cap == Cap::Lower as u8 {
                f |= doc::LOWER;
            } else if !p.first {
                f |= doc::MID_CAP;
            }
            if p.in_quote {
                f |= doc::QUOTED;
            }
            if is_cap(p) && i > 0 {
                let prev = self.props.get(i - 1);
                let prev_name = prev.is_some_and(|q| {
                    is_cap(q)
                        && (q.lex & (lexicon::NAME_EXACT | lexicon::NAME_SUFFIXED) != 0 || {
                            let (a, b) = self.morph_off.get(i - 1).copied().unwrap_or((0, 0));
                            self.morph.get(a as usize..b as usize).is_some_and(|m| m.contains(&name_key))
                        })
                });
                // an initial: `А .` before the word
                let initial = i >= 2
                    && prev.is_some_and(|q| q.glued || q.cap == Cap::Punct as u8)
                    && self.props.get(i - 2).is_some_and(|q| q.cap == Cap::Upper as u8 && q.len == 1);
                if prev_name || initial {
                    f |= doc::AFTER_NAME;
                }
            }
            if is_cap(p) {
                let next_surname = self.props.get(i + 1).is_some_and(|q| {
                    is_cap(q)
                        && (q.lex & lexicon::SURNAME_END != 0 || {
                            let (a, b) = self.morph_off.get(i + 1).copied().unwrap_or((0, 0));
                            self.morph.get(a as usize..b as usize).is_some_and(|m| m.contains(&surn_key))
                        })
                });
                if next_surname {
                    f |= doc::BEFORE_SURNAME;
                }
            }
            *self.flags.entry(dk).or_insert(0) |= f;
        }
    }

    fn morph_of(&self, i: usize) -> &[u64] {
        let (a, b) = self.morph_off.get(i).copied().unwrap_or((0, 0));
        self.morph.get(a as usize..b as usize).unwrap_or(&[])
    }

    fn doc_flags(&self, i: usize) -> u8 {
        match self.dkey.get(i) {
            Some(&k) if k != 0 => self.flags.get(&k).copied().unwrap_or(0),
            _ => 0,
        }
    }

    /// The properties and morphology keys of token `j` in the sentence of
    /// tokens `a..b`: [`NONE`] outside it.
    fn tok(&self, j: isize, a: usize, b: usize) -> (&TokProps, &[u64]) {
        if j < a as isize || j >= b as isize {
            return (&NONE, &[]);
        }
        let j = j as usize;
        match self.props.get(j) {
            Some(p) => (p, self.morph_of(j)),
            None => (&NONE, &[]),
        }
    }

    /// Extracts the features of the prepared document's tokens `a..b` (one
    /// sentence) into `out`.
    pub fn sentence(&self, a: usize, b: usize, out: &mut SentFeatures) {
        out.keys.clear();
        out.offsets.clear();
        for i in a..b.min(self.props.len()) {
            out.offsets.push(out.keys.len());
            let keys = &mut out.keys;
            let push = &mut |k: u64| keys.push(k);
            self.context_keys(i, a, b, push);
            let (p, m0) = self.tok(i as isize, a, b);
            own_keys(p, m0, push);
            for at in NBS {
                let (q, m) = self.tok(i as isize + at.offset(), a, b);
                neighbour_keys(q, m, at, push);
            }
        }
        out.offsets.push(out.keys.len());
    }

    /// The emission scores of the tokens `a..b` (one sentence) of a document
    /// prepared by [`Extractor::prepare`] with `model`: for token `i`,
    /// `acc[(i - a) * width..][..width]` is the sum of the model's rows of
    /// the keys [`Extractor::sentence`] gives it (the word parts summed once
    /// per word form and cached with the word; the token class parts once
    /// per combination).
    pub fn score_sentence(&mut self, a: usize, b: usize, model: &Model, acc: &mut Vec<i32>) {
        let w = model.width();
        let b = b.min(self.props.len());
        let n = b.saturating_sub(a);
        acc.clear();
        acc.resize(n * w, 0);
        if w == 0 {
            return;
        }
        if self.memo_model != model.id() || self.memo.len() >= CLASS_MEMO_LIMIT {
            self.memo.clear();
            self.memo_rows.clear();
            self.memo_model = model.id();
        }
        let mut keys = std::mem::take(&mut self.keys);
        let prepared = self.width == w && self.scores.len() == self.props.len() * (1 + NBS.len()) * w;
        for (i, row) in (a..b).zip(acc.chunks_exact_mut(w)) {
            let classes = self.classes(i, a, b);
            let at = match self.memo.get(&classes.pack()) {
                Some(&at) => at as usize,
                None => {
                    let at = self.memo_rows.len();
                    self.memo_rows.resize(at + w, 0);
                    keys.clear();
                    classes.keys(&mut |k| keys.push(k));
                    if let Some(sum) = self.memo_rows.get_mut(at..) {
                        model.accumulate(&keys, sum);
                    }
                    self.memo.insert(classes.pack(), at as u32);
                    at
                }
            };
            add(row, self.memo_rows.get(at..).unwrap_or(&[]));
            keys.clear();
            self.word_pair_keys(i, a, b, &mut |k| keys.push(k));
            if prepared {
                let word = |j: usize, part: usize| self.scores.get((j * (1 + NBS.len()) + part) * w..).unwrap_or(&[]);
                add(row, word(i, 0));
                for at in NBS {
                    let j = i as isize + at.offset();
                    if j >= a as isize && j < b as isize {
                        add(row, word(j as usize, 1 + at as usize));
                    } else {
                        add(row, self.none_scores.get(at as usize * w..).unwrap_or(&[]));
                    }
                }
            } else {
                let (p, m0) = self.tok(i as isize, a, b);
                own_keys(p, m0, &mut |k| keys.push(k));
                for at in NBS {
                    let (q, m) = self.tok(i as isize + at.offset(), a, b);
                    neighbour_keys(q, m, at, &mut |k| keys.push(k));
                }
            }
            model.accumulate(&keys, row);
        }
        self.keys = keys;
    }

    /// The features of token `i` (in the sentence of tokens `a..b`) that
    /// combine several tokens, or a word with its place in the sentence and
    /// document: [`Extractor::word_pair_keys`] and [`Classes::keys`].
    fn context_keys(&self, i: usize, a: usize, b: usize, k: &mut impl FnMut(u64)) {
        self.classes(i, a, b).keys(k);
        self.word_pair_keys(i, a, b, k);
    }

    /// The features of token `i` (in the sentence of tokens `a..b`) that
    /// combine its word with a neighbour's.
    fn word_pair_keys(&self, i: usize, a: usize, b: usize, k: &mut impl FnMut(u64)) {
        let ii = i as isize;
        let (l1, _) = self.tok(ii - 1, a, b);
        let (p, _) = self.tok(ii, a, b);
        let (r1, _) = self.tok(ii + 1, a, b);
        k(mix(mix(t::SHAPE_L, l1.shape), p.shape));
        k(mix(mix(t::SHAPE_R, p.shape), r1.shape));
        k(mix(mix(t::W_L, l1.word), p.word));
        k(mix(mix(t::W_R, p.word), r1.word));
        k(mix(mix(t::WL_SHAPE, l1.word), p.shape));
        k(mix(mix(t::SHAPE_WR, p.shape), r1.word));
        if self.wide && p.cap != Cap::Lower as u8 && p.cap != Cap::Punct as u8 {
            // (Kazakh model) the nearest lower-case word before a
            // capitalised word or a number over quotes, punctuation and
            // other capitalised words (`бойынша «Самұрық-Қазына»`)
            let mut j = ii - 1;
            while j >= a as isize && j >= ii - 4 {
                let (q, _) = self.tok(j, a, b);
                if q.cap == Cap::Lower as u8 {
                    if j < ii - 1 {
                        k(mix(t::LOWER_BEFORE, q.word));
                    }
                    break;
                }
                j -= 1;
            }
        }
    }

    /// The token classes around token `i` (in the sentence of tokens `a..b`).
    fn classes(&self, i: usize, a: usize, b: usize) -> Classes {
        let ii = i as isize;
        let (l2, _) = self.tok(ii - 2, a, b);
        let (l1, _) = self.tok(ii - 1, a, b);
        let (p, _) = self.tok(ii, a, b);
        let (r1, _) = self.tok(ii + 1, a, b);
        let (r2, _) = self.tok(ii + 2, a, b);
        Classes {
            caps: [l2.cap, l1.cap, p.cap, r1.cap, r2.cap],
            first: p.first,
            in_quote: p.in_quote,
            glued: p.glued,
            geo: u8::from(l2.geo) | u8::from(l1.geo) << 1 | u8::from(p.geo) << 2 | u8::from(r1.geo) << 3,
            ea: u8::from(p.ea != 0) | u8::from(l1.ea != 0) << 1 | u8::from(r1.ea != 0) << 2,
            doc: self.doc_flags(i),
        }
    }
}

/// Class memo entries beyond which it starts again.
const CLASS_MEMO_LIMIT: usize = 50_000;

/// What the features of a token that see no word depend on: the
/// capitalisation classes of the five tokens around it (`caps`: from two
/// before to two after), its place in the sentence and quotes, whether it
/// is glued to the one before, the generic place words (`geo` bits: two
/// before, one before, itself, one after), East Asian syllables (`ea` bits:
/// itself, one before, one after) and its document flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Classes {
    caps: [u8; 5],
    first: bool,
    in_quote: bool,
    glued: bool,
    geo: u8,
    ea: u8,
    doc: u8,
}

impl Classes {
    /// All of it in one number (distinct classes, distinct numbers).
    fn pack(&self) -> u64 {
        let [c0, c1, c2, c3, c4] = self.caps.map(u64::from);
        c0 | c1 << 8
            | c2 << 16
            | c3 << 24
            | c4 << 32
            | u64::from(self.first) << 40
            | u64::from(self.in_quote) << 41
            | u64::from(self.glued) << 42
            | u64::from(self.geo & 0xf) << 43
            | u64::from(self.ea & 0x7) << 47
            | u64::from(self.doc) << 50
    }

    /// The feature keys of the classes.
    fn keys(&self, k: &mut impl FnMut(u64)) {
        let [l2, l1, p, r1, r2] = self.caps.map(u64::from);
        k(t::BIAS);
        k(mix(t::FIRST_CAP, p << 1 | u64::from(self.first)));
        k(mix(t::QUOTE_CAP, p << 1 | u64::from(self.in_quote)));
        k(mix(t::CAP3, l1 << 16 | p << 8 | r1));
        k(mix(t::GLUED, u64::from(self.glued) << 8 | p));
        let geo = u64::from(self.geo);
        if geo != 0 {
            k(mix(t::GEO, geo << 8 | p));
        }
        if self.ea & 1 != 0 && self.ea & 6 != 0 {
            k(mix(t::EA_PAIR, u64::from(self.ea & 2 != 0) << 1 | u64::from(self.ea & 4 != 0)));
        }
        // the capitalisation of the five tokens
        k(mix(t::CAP5, l2 << 32 | l1 << 24 | p << 16 | r1 << 8 | r2));
        let df = self.doc;
        if df != 0 && p != Cap::Lower as u64 {
            k(mix(t::DOC, u64::from(df) << 8 | p << 1 | u64::from(self.first)));
            for bit in 0..5 {
                if df & (1 << bit) != 0 {
                    k(mix(t::DOC_BIT, bit));
                }
            }
        }
    }
}

/// Adds `v` (at least as long) into `acc`.
#[inline]
fn add(acc: &mut [i32], v: &[i32]) {
    // the two models' widths, with fixed-size rows the compiler unrolls
    match acc.len() {
        8 => add_n::<8>(acc, v),
        13 => add_n::<13>(acc, v),
        _ => {
            for (a, &x) in acc.iter_mut().zip(v) {
                *a += x;
            }
        }
    }
}

#[inline]
fn add_n<const N: usize>(acc: &mut [i32], v: &[i32]) {
    let (Ok(acc), Some(Ok(v))) = (<&mut [i32; N]>::try_from(acc), v.get(..N).map(<&[i32; N]>::try_from)) else {
        return;
    };
    for (a, &x) in acc.iter_mut().zip(v) {
        *a += x;
    }
}

/// The properties of a missing neighbour (before the first or after the
/// last token of a sentence).
const NONE: TokProps = TokProps {
    word: 7,
    shape: 7,
    pre: [0; 4],
    suf: [0; 4],
    cap: 9,
    len: 0,
    first: false,
    in_quote: false,
    glued: false,
    lex: 0,
    ea: 0,
    geo: false,
};

/// Where a neighbour stands relative to the token it gives features to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nb {
    L2 = 0,
    L1 = 1,
    R1 = 2,
    R2 = 3,
}

/// The neighbours of a token whose words give it features.
const NBS: [Nb; 4] = [Nb::L2, Nb::L1, Nb::R1, Nb::R2];

impl Nb {
    /// Its offset from the token.
    fn offset(self) -> isize {
        match self {
            Nb::L2 => -2,
            Nb::L1 => -1,
            Nb::R1 => 1,
            Nb::R2 => 2,
        }
    }
}

/// The features of a token that its own word decides alone (`m0`: its
/// morphology keys).
fn own_keys(p: &TokProps, m0: &[u64], k: &mut impl FnMut(u64)) {
    k(mix(t::W[2], p.word));
    k(mix(t::SHAPE[2], p.shape));
    for j in 0..4 {
        if p.pre[j] != 0 {
            k(mix(t::PRE + j as u64, p.pre[j]));
            k(mix(t::SUF + j as u64, p.suf[j]));
        }
    }
    k(mix(t::LEN_CAP, u64::from(p.len) << 8 | u64::from(p.cap)));
    for &m in m0 {
        k(mix(t::MORPH, m));
    }
    if p.lex != 0 {
        k(mix(t::LEX, u64::from(p.lex)));
        for &m in m0 {
            k(mix(mix(t::LEX_MORPH, u64::from(p.lex)), m));
        }
    }
    if p.ea != 0 {
        k(mix(t::EA, u64::from(p.ea)));
    }
}

/// The features a token gets from the word `q` (morphology keys `m`) of
/// its neighbour `at`, that word alone deciding them.
fn neighbour_keys(q: &TokProps, m: &[u64], at: Nb, k: &mut impl FnMut(u64)) {
    let d = match at {
        Nb::L2 => 0,
        Nb::L1 => 1,
        Nb::R1 => 3,
        Nb::R2 => 4,
    };
    k(mix(t::W[d], q.word));
    k(mix(t::SHAPE[d], q.shape));
    if q.lex != 0 {
        k(mix(t::LEX_NB[at as usize], u64::from(q.lex)));
    }
    let side = match at {
        Nb::L1 => 0,
        Nb::R1 => 1,
        Nb::L2 | Nb::R2 => return,
    };
    let suf3 = if q.suf[2] != 0 { q.suf[2] } else { q.word };
    k(mix(t::SUF3_NB[side], suf3));
    for &x in m {
        k(mix(t::MORPH_NB[side], x));
    }
    if q.pre[3] != 0 {
        k(mix(t::PRE_NB[side], q.pre[3]));
    }
    if q.ea != 0 {
        k(mix(t::EA_NB[side], u64::from(q.ea)));
    }
}

/// The [`WordInfo::scores`] of a word under `model` (`keys`: scratch).
fn word_scores(info: &WordInfo, model: &Model, keys: &mut Vec<u64>) -> Box<[i32]> {
    let w = model.width();
    let mut out = vec![0i32; (1 + NBS.len()) * w];
    if w == 0 {
        return out.into_boxed_slice();
    }
    let p = info.props();
    let mut parts = out.chunks_exact_mut(w);
    if let Some(acc) = parts.next() {
        keys.clear();
        own_keys(&p, &info.morph, &mut |k| keys.push(k));
        model.accumulate(keys, acc);
    }
    for (at, acc) in NBS.into_iter().zip(parts) {
        keys.clear();
        neighbour_keys(&p, &info.morph, at, &mut |k| keys.push(k));
        model.accumulate(keys, acc);
    }
    out.into_boxed_slice()
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
    fn fast_case_tests_agree_with_the_standard_library() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(case_of(c), (c.is_uppercase(), c.is_lowercase()), "{c:?}");
            let mut l = c.to_lowercase();
            if let Some(one) = lower_char(c) {
                assert_eq!((l.next(), l.next()), (Some(one), None), "{c:?}");
            }
        }
    }

    #[test]
    fn cased_letters_are_alphabetic() {
        // cap_class relies on it to skip the slow alphabetic table
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if c.is_uppercase() || c.is_lowercase() {
                assert!(c.is_alphabetic(), "{c:?}");
            }
        }
    }

    #[test]
    fn capitalisation_classes() {
        assert_eq!(cap_class("Астана", TokenKind::Word), Cap::Title);
        assert_eq!(cap_class("ВКО", TokenKind::Word), Cap::Upper);
        assert_eq!(cap_class("ШҚО-ның", TokenKind::Word), Cap::Mixed);
        assert_eq!(cap_class("посол", TokenKind::Word), Cap::Lower);
        assert_eq!(cap_class("А", TokenKind::Word), Cap::Upper);
        assert_eq!(cap_class("«", TokenKind::Punct), Cap::Punct);
        assert_eq!(cap_class("2-ші", TokenKind::Word), Cap::Lower);
        assert_eq!(cap_class("3-Ші", TokenKind::Word), Cap::Title);
        assert_eq!(cap_class("ШҚО-ның", TokenKind::Word), Cap::Mixed);
        assert_eq!(cap_class("北京", TokenKind::Word), Cap::Lower);
        assert_eq!(cap_class("McDonald", TokenKind::Word), Cap::Mixed);
        assert_eq!(cap_class("123", TokenKind::Word), Cap::Digit);
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
        ex.prepare(a, &ta, &[(0, ta.len())], "ru", lex, None);
        ex.sentence(0, ta.len(), &mut fa);
        ex.prepare(b, &tb, &[(0, tb.len())], "ru", lex, None);
        ex.sentence(0, tb.len(), &mut fb);
        assert_eq!(fa.len(), 4);
        // "Встреча" sees "италии" only at distance 3: identical features.
        assert_eq!(fa.token(0), fb.token(0));
        // "послом" sees the next word's shape; "Италии" differs itself.
        assert_ne!(fa.token(2), fb.token(2));
        assert_ne!(fa.token(3), fb.token(3));
        assert!(fa.token(3).len() > 20);
        assert!(fa.token(9).is_empty());
    }

    #[test]
    fn kazakh_model_sees_the_lower_case_word_before_quotes() {
        let lex = Lexicon::global();
        let mut ex = Extractor::new();
        let t = "бойынша « Самұрық-Қазына » қоры";
        let toks = tokenize(t);
        let before = mix(t::LOWER_BEFORE, hash_bytes("бойынша".as_bytes()));
        let mut f = SentFeatures::default();
        ex.prepare(t, &toks, &[(0, toks.len())], "kk", lex, None);
        ex.sentence(0, toks.len(), &mut f);
        assert!(f.token(2).contains(&before));
        // not for the word right after it (its left neighbour already is a feature)
        assert!(!f.token(1).contains(&before));
        ex.prepare(t, &toks, &[(0, toks.len())], "ru", lex, None);
        ex.sentence(0, toks.len(), &mut f);
        assert!(!f.token(2).contains(&before));
    }

    #[test]
    fn document_flags_spread_over_occurrences() {
        let lex = Lexicon::global();
        let mut ex = Extractor::new();
        let t = "Андреа Нисипяну приехал. Нисипяну сказал. Тифензее сказал.";
        let toks = tokenize(t);
        ex.prepare(t, &toks, &[(0, 4), (4, 7), (7, 10)], "ru", lex, None);
        // the second Нисипяну (index 4) shares the first one's flags
        assert_ne!(ex.doc_flags(4) & doc::AFTER_NAME, 0);
        assert_ne!(ex.doc_flags(4) & doc::MID_CAP, 0);
        assert_eq!(ex.doc_flags(7) & (doc::AFTER_NAME | doc::MID_CAP), 0);
        let mut f = SentFeatures::default();
        ex.sentence(4, 7, &mut f);
        let mut g = SentFeatures::default();
        ex.sentence(7, 10, &mut g);
        assert!(f.token(0).len() > g.token(0).len());
    }
}
