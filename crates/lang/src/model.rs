//! The language models: character trigram profiles built from the sample
//! texts in `data/lang/samples/`, function-word lists, alphabets and marker
//! letters from `data/lang/languages.tsv`. Built once per process.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use yntymaq_core::Script;

/// At most this many language models (bit masks are `u16`).
pub(crate) const MAXL: usize = 16;

/// The data files of every model, by model id (the first column of
/// `languages.tsv`).
const FILES: &[(&str, &str, &str)] = &[
    ("ru", include_str!("../../../data/lang/samples/ru.txt"), include_str!("../../../data/lang/stopwords/ru.txt")),
    ("uk", include_str!("../../../data/lang/samples/uk.txt"), include_str!("../../../data/lang/stopwords/uk.txt")),
    ("kk", include_str!("../../../data/lang/samples/kk.txt"), include_str!("../../../data/lang/stopwords/kk.txt")),
    ("ky", include_str!("../../../data/lang/samples/ky.txt"), include_str!("../../../data/lang/stopwords/ky.txt")),
    ("tt", include_str!("../../../data/lang/samples/tt.txt"), include_str!("../../../data/lang/stopwords/tt.txt")),
    (
        "uz-cyrl",
        include_str!("../../../data/lang/samples/uz-cyrl.txt"),
        include_str!("../../../data/lang/stopwords/uz-cyrl.txt"),
    ),
    ("en", include_str!("../../../data/lang/samples/en.txt"), include_str!("../../../data/lang/stopwords/en.txt")),
    ("tr", include_str!("../../../data/lang/samples/tr.txt"), include_str!("../../../data/lang/stopwords/tr.txt")),
    (
        "uz-latn",
        include_str!("../../../data/lang/samples/uz-latn.txt"),
        include_str!("../../../data/lang/stopwords/uz-latn.txt"),
    ),
    (
        "kk-latn",
        include_str!("../../../data/lang/samples/kk-latn.txt"),
        include_str!("../../../data/lang/stopwords/kk-latn.txt"),
    ),
];
const LANGUAGES: &str = include_str!("../../../data/lang/languages.tsv");

/// Additive smoothing of trigram counts, and the assumed trigram vocabulary.
const ALPHA: f32 = 0.1;
const VOCAB: f32 = 50_000.0;
/// A word's evidence against a language is capped at this many nats, so a
/// document's language is decided by the proportion of its words, not by a
/// few quoted foreign ones.
pub(crate) const CLIP: f32 = 6.0;
/// Penalty for a word holding a letter outside a language's alphabet.
pub(crate) const ALPHABET_PENALTY: f32 = 3.0;
/// Bonus for a word that is one of a language's function words.
pub(crate) const STOPWORD_BONUS: f32 = 2.0;
/// Directly indexed character table size (covers Latin, IPA, Cyrillic).
const DIRECT: usize = 0x0530;

/// The word-boundary symbol in trigrams.
pub(crate) const BOUNDARY: char = ' ';
/// Every apostrophe inside a word is read as this one.
pub(crate) const APOSTROPHE: char = 'ʼ';

/// A fast hasher for packed trigram keys.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);
impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 ^= self.0 >> 32;
    }
}
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// One language model's description.
#[derive(Debug, Clone)]
pub(crate) struct LangDef {
    pub id: String,
    pub code: String,
    pub script: Script,
    pub min_marker_rate: f32,
    /// Log prior (nats), added once per text.
    pub prior: f32,
}

/// All models.
pub(crate) struct Models {
    pub langs: Vec<LangDef>,
    /// Packed trigram → row of per-language log probabilities in `rows`.
    grams: FastMap<u64, u32>,
    rows: Vec<f32>,
    /// Per-language log probability of a trigram the language never showed.
    floor: [f32; MAXL],
    /// Function word → mask of languages listing it.
    stopwords: FastMap<String, u16>,
    /// Per character (below `DIRECT`): mask of languages whose alphabet holds it.
    alphabet: Vec<u16>,
    /// Per character (below `DIRECT`): mask of languages it is a marker of.
    markers: Vec<u16>,
}

impl Models {
    pub(crate) fn global() -> &'static Models {
        static M: OnceLock<Models> = OnceLock::new();
        M.get_or_init(Models::build)
    }

    pub(crate) fn n(&self) -> usize {
        self.langs.len()
    }

    fn build() -> Models {
        let mut langs = Vec::new();
        let mut alphabet = vec![0u16; DIRECT];
        let mut markers = vec![0u16; DIRECT];
        for line in LANGUAGES.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let (id, code, script, alpha, mark, rate, prior) = match f[..] {
                [id, code, script, alpha, mark, rate, prior] => (id, code, script, alpha, mark, rate, prior),
                [id, code, script, alpha, mark, rate] => (id, code, script, alpha, mark, rate, "0"),
                _ => continue,
            };
            if langs.len() >= MAXL {
                break;
            }
            let bit = 1u16 << langs.len();
            let script = match script {
                "cyrillic" => Script::Cyrillic,
                "latin" => Script::Latin,
                "arabic" => Script::Arabic,
                _ => Script::Other,
            };
            for c in alpha.chars() {
                if let Some(m) = alphabet.get_mut(c as usize) {
                    *m |= bit;
                }
            }
            for c in mark.chars() {
                if let Some(m) = markers.get_mut(c as usize) {
                    *m |= bit;
                }
            }
            langs.push(LangDef {
                id: id.to_string(),
                code: code.to_string(),
                script,
                min_marker_rate: rate.parse().unwrap_or(0.0),
                prior: prior.parse().unwrap_or(0.0),
            });
        }
        let n = langs.len();
        let mut counts: FastMap<u64, [u32; MAXL]> = FastMap::default();
        let mut totals = [0u32; MAXL];
        let mut stopwords: FastMap<String, u16> = FastMap::default();
        for (li, lang) in langs.iter().enumerate() {
            let Some((_, sample, stops)) = FILES.iter().find(|(id, _, _)| *id == lang.id) else { continue };
            let stop_text: String = stops.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join(" ");
            for text in [*sample, stop_text.as_str()] {
                for_each_word(text, |w, _| {
                    for_each_gram(w, |k| {
                        if let Some(c) = counts.entry(k).or_insert([0; MAXL]).get_mut(li) {
                            *c += 1;
                        }
                        if let Some(t) = totals.get_mut(li) {
                            *t += 1;
                        }
                    });
                });
            }
            for_each_word(&stop_text, |w, _| {
                let s: String = w.iter().collect();
                *stopwords.entry(s).or_insert(0) |= 1u16 << li;
            });
        }
        let mut floor = [0f32; MAXL];
        for (l, f) in floor.iter_mut().enumerate().take(n) {
            *f = (ALPHA / (totals[l] as f32 + ALPHA * VOCAB)).ln();
        }
        let mut grams = FastMap::default();
        let mut rows = Vec::with_capacity(counts.len() * n);
        for (k, c) in counts {
            let row = (rows.len() / n.max(1)) as u32;
            for l in 0..n {
                rows.push(((c[l] as f32 + ALPHA) / (totals[l] as f32 + ALPHA * VOCAB)).ln());
            }
            grams.insert(k, row);
        }
        Models { langs, grams, rows, floor, stopwords, alphabet, markers }
    }

    /// Adds a word's log probability under every language to `ll`.
    #[inline]
    fn word_ll(&self, word: &[char], ll: &mut [f32; MAXL]) {
        let n = self.n();
        for_each_gram(word, |k| match self.grams.get(&k) {
            Some(&row) => {
                let start = row as usize * n;
                if let Some(r) = self.rows.get(start..start + n) {
                    for (a, b) in ll.iter_mut().zip(r) {
                        *a += b;
                    }
                }
            }
            None => {
                for (a, b) in ll.iter_mut().zip(&self.floor[..n]) {
                    *a += b;
                }
            }
        });
    }
}

/// The evidence gathered from a stretch of text, additive over stretches.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Evidence {
    /// Per-language score: the sum over words of each word's clipped log
    /// likelihood ratio against the word's best language, with alphabet
    /// penalties and function-word bonuses.
    pub score: [f32; MAXL],
    /// Words scored, by script (Cyrillic, Latin).
    pub words: [u32; 2],
    /// Letters by script: Cyrillic, Latin, Arabic, other.
    pub letters: [u32; 4],
    /// Marker letters seen, per language.
    pub markers: [u32; MAXL],
}

impl Evidence {
    pub(crate) fn add(&mut self, o: &Evidence) {
        for (a, b) in self.score.iter_mut().zip(&o.score) {
            *a += b;
        }
        for (a, b) in self.words.iter_mut().zip(&o.words) {
            *a += b;
        }
        for (a, b) in self.letters.iter_mut().zip(&o.letters) {
            *a += b;
        }
        for (a, b) in self.markers.iter_mut().zip(&o.markers) {
            *a += b;
        }
    }

    /// Gathers the evidence of `text`.
    pub(crate) fn of(text: &str) -> Evidence {
        let m = Models::global();
        let n = m.n();
        let all: u16 = if n >= 16 { u16::MAX } else { (1u16 << n) - 1 };
        let mut ev = Evidence::default();
        let mut key = String::new();
        for_each_word(text, |w, script| {
            let si = script_slot(script);
            let letters = w.iter().filter(|c| **c != APOSTROPHE && !is_mark(**c)).count() as u32;
            if let Some(l) = ev.letters.get_mut(si) {
                *l += letters;
            }
            if si > 1 {
                return;
            }
            if let Some(c) = ev.words.get_mut(si) {
                *c += 1;
            }
            let mut in_alpha = all;
            for &c in w {
                let i = c as usize;
                in_alpha &= m.alphabet.get(i).copied().unwrap_or(0);
                let mk = m.markers.get(i).copied().unwrap_or(0);
                if mk != 0 {
                    for (l, cnt) in ev.markers.iter_mut().enumerate().take(n) {
                        if mk & (1 << l) != 0 {
                            *cnt += 1;
                        }
                    }
                }
            }
            let mut ll = [0f32; MAXL];
            m.word_ll(w, &mut ll);
            let best = ll[..n].iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let stop = if w.len() <= 16 {
                key.clear();
                key.extend(w.iter());
                m.stopwords.get(key.as_str()).copied().unwrap_or(0)
            } else {
                0
            };
            for (l, (sc, x)) in ev.score.iter_mut().zip(ll).enumerate().take(n) {
                let mut v = (x - best).max(-CLIP);
                if in_alpha & (1 << l) == 0 {
                    v -= ALPHABET_PENALTY;
                }
                if stop & (1 << l) != 0 {
                    v += STOPWORD_BONUS;
                }
                *sc += v;
            }
        });
        ev
    }
}

/// The script of a letter.
#[inline]
/// The slot of a script in [`Evidence::letters`].
pub(crate) fn script_slot(script: Script) -> usize {
    match script {
        Script::Cyrillic => 0,
        Script::Latin => 1,
        Script::Arabic => 2,
        Script::Other => 3,
    }
}

pub(crate) fn script_of(c: char) -> Script {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
        0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        _ => Script::Other,
    }
}

#[inline]
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F)
}

#[inline]
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʻ' | 'ʼ' | '`' | '´' | 'ʹ')
}

/// Lower-cases a letter (one char; `İ` → `i`).
#[inline]
pub(crate) fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else if let Some(&(l, _)) = chars().get(c as usize) {
        l
    } else {
        yntymaq_core::lower_first(c)
    }
}

/// Whether `c` is a letter (Unicode alphabetic).
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    match chars().get(c as usize) {
        Some(&(_, a)) => a,
        None => c.is_alphabetic(),
    }
}

/// Lower case and alphabetic flag of the characters below `DIRECT`.
fn chars() -> &'static [(char, bool)] {
    static T: OnceLock<Vec<(char, bool)>> = OnceLock::new();
    T.get_or_init(|| {
        (0..DIRECT as u32)
            .map(|i| {
                let c = char::from_u32(i).unwrap_or('\0');
                (yntymaq_core::lower_first(c), yntymaq_core::is_letter(c))
            })
            .collect()
    })
}

/// Calls `f` with every word of `text` (lower-cased letters; combining marks
/// composed with their letter where Unicode has the composite; an apostrophe
/// between letters kept as [`APOSTROPHE`]) and the script of its first letter.
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(&[char], Script)) {
    let mut w: Vec<char> = Vec::with_capacity(32);
    let mut script = Script::Other;
    let mut pending_apos = false;
    for c in text.chars() {
        if is_letter(c) {
            if pending_apos {
                w.push(APOSTROPHE);
                pending_apos = false;
            }
            if w.is_empty() {
                script = script_of(c);
            }
            w.push(lower(c));
        } else if is_mark(c) && !w.is_empty() {
            let composed = w.last().and_then(|&b| unicode_normalization::char::compose(b, c));
            match (composed, w.last_mut()) {
                (Some(k), Some(last)) => *last = k,
                _ => w.push(c),
            }
        } else if is_apostrophe(c) && !w.is_empty() && !pending_apos {
            pending_apos = true;
        } else {
            if !w.is_empty() {
                f(&w, script);
                w.clear();
            }
            pending_apos = false;
        }
    }
    if !w.is_empty() {
        f(&w, script);
    }
}

#[inline]
fn pack(a: char, b: char, c: char) -> u64 {
    (u64::from(a as u32) << 42) | (u64::from(b as u32) << 21) | u64::from(c as u32)
}

/// Calls `f` with the packed trigrams of a word padded with boundaries
/// (`n` trigrams for an `n`-letter word; very long words are read in part).
#[inline]
fn for_each_gram(w: &[char], mut f: impl FnMut(u64)) {
    let w = w.get(..w.len().min(24)).unwrap_or(w);
    match w {
        [] => {}
        [a] => f(pack(BOUNDARY, *a, BOUNDARY)),
        [a, b, ..] => {
            f(pack(BOUNDARY, *a, *b));
            for t in w.windows(3) {
                if let [x, y, z] = t {
                    f(pack(*x, *y, *z));
                }
            }
            if let [.., y, z] = w {
                f(pack(*y, *z, BOUNDARY));
            }
        }
    }
}
