//! Name lists as tagger features: place-name words, first names, and
//! surname and patronymic endings (ru/kk/en).
//!
//! A word matches a list entry when, lower-cased, it is the entry's stem
//! followed by at most four more letters (a case ending: `Италии`,
//! `Астанада`, `Ерланға`). The stem is the entry without a final vowel, `й`
//! or `ь`. An exact-ish match (one letter or none added) and a suffixed one
//! are different features, so the model weighs them itself.

use crate::features::Cap;
use crate::features::FastHasher;
use std::hash::BuildHasherDefault;

/// A set of strings hashed with the tagger's fast hasher.
type HashSet<T> = std::collections::HashSet<T, BuildHasherDefault<FastHasher>>;
use std::sync::OnceLock;

/// Lexicon bits.
pub const LOC_EXACT: u32 = 1;
pub const LOC_SUFFIXED: u32 = 2;
pub const NAME_EXACT: u32 = 4;
pub const NAME_SUFFIXED: u32 = 8;
pub const SURNAME_END: u32 = 16;
pub const PATRONYMIC_END: u32 = 32;
/// A world place word of `loc_extra.txt` (a capital, a continent) with at
/// most four more letters.
pub const LOC_WORLD: u32 = 1024;
/// The word is one Chinese syllable in Russian spelling (`Ху`, `Ма`, `Си`).
pub const ZH_ONE: u32 = 64;
/// The word is two or three Chinese syllables (`Цзиньпин`, `Синжуй`, `Дайюн`).
pub const ZH_MANY: u32 = 128;
/// The word is two to six Japanese syllables (`Наото`, `Синдзо`, `Кисида`).
pub const JA_MANY: u32 = 256;
/// The word is one Korean syllable (`Ён`, `Ын`, `Сок`).
pub const KO_ONE: u32 = 512;

const LOC_NAMES: &str = include_str!("../../../data/ner/loc_names.txt");
const FIRST_NAMES: &str = include_str!("../../../data/ner/first_names.txt");
const LOC_EXTRA: &str = include_str!("../../../data/ner/loc_extra.txt");
const GEO_HEADS: &str = include_str!("../../../data/ner/geo_heads.txt");
const EAST_ASIAN: &str = include_str!("../../../data/ner/east_asian_syllables.tsv");

/// Russian case endings a transcribed East Asian name may take (`Си
/// Цзиньпина`, `Ким Чен Ыну`).
const EA_CASE_ENDINGS: &[&str] = &["а", "у", "ом", "ем", "е", "ым", "ой", "ю", "я"];

/// Surname endings (after case endings are stripped the stem ends so):
/// Russian/Kazakh -ов/-ев/-ин/-ын/-ский, Kazakh -ұлы/-қызы, Latin -ov/-ev/-baev.
const SURNAME_STEMS: &[&str] = &[
    "ов",
    "ев",
    "ёв",
    "ин",
    "ын",
    "ский",
    "цкий",
    "ская",
    "цкая",
    "ских",
    "цких",
    "ской",
    "цкой",
    "скому",
    "цкому",
    "ским",
    "цким",
    "ұлы",
    "улы",
    "қызы",
    "кызы",
    "ова",
    "ева",
    "ина",
    "ына",
    "ovа",
    "ov",
    "ev",
    "ova",
    "eva",
    "baev",
    "bayev",
    "uly",
    "kyzy",
    "enko",
    "енко",
    "швили",
    "дзе",
    "ян",
    "янц",
    "yan",
    "ович",
    "евич",
    "вич",
    "ук",
    "юк",
];
const PATRONYMIC_STEMS: &[&str] = &["ович", "евич", "овна", "евна", "ична", "инична", "ич"];
/// Case endings tried after a surname stem.
const CASE_ENDINGS: &[&str] = &[
    "", "а", "у", "ым", "ом", "ем", "ей", "ю", "я", "ою", "ею", "е", "ой", "ы", "ых", "ым", "ыми", "ке", "қа", "ға",
    "ге", "ның", "нің", "ты", "ті", "ды", "ді", "тың", "тің", "дың", "дің", "мен", "пен", "бен", "на", "ну", "ной",
    "ный",
];

pub struct Lexicon {
    loc: HashSet<String>,
    names: HashSet<String>,
    /// East Asian syllables: Chinese, Japanese, Korean.
    zh: ShortSet,
    ja: ShortSet,
    /// The longest Chinese and Japanese syllables, in characters.
    zh_longest: usize,
    ja_longest: usize,
    ko: HashSet<String>,
    /// Stems of generic place words (`город`, `реки`, `қала`).
    geo: HashSet<String>,
    /// Place words of `loc_extra.txt` (capitals, continents), a feature
    /// bit of their own.
    loc_extra: HashSet<String>,
    /// The first two characters ([`first_chars`]) of every generic place
    /// stem: a word starting otherwise is none.
    geo_starts: HashSet<u64>,
    /// The first three characters of every place, first name and world
    /// place entry of three characters or more.
    list_starts: HashSet<u64>,
}

/// The first `n` characters (at most 3) of a word as one number, `None`
/// if it has fewer.
fn first_chars(word: &str, n: usize) -> Option<u64> {
    let mut key = 0u64;
    let mut chars = word.chars();
    for _ in 0..n.min(3) {
        key = key << 21 | u64::from(chars.next()?);
    }
    Some(key)
}

/// Whether `word` ends with `end` (`str::ends_with` without a call to
/// `memcmp` for these few bytes).
#[inline]
fn ends_with(word: &[u8], end: &[u8]) -> bool {
    word.len() >= end.len() && word.iter().rev().zip(end.iter().rev()).all(|(a, b)| a == b)
}

/// A set of strings, those of at most 15 bytes held as numbers (looked up
/// without hashing a string), which also tells whether a string starts a
/// longer member.
#[derive(Default)]
struct ShortSet {
    /// Members and the beginnings of members (whole characters), of at most
    /// 15 bytes: [`MEMBER`], [`STARTS_MEMBER`].
    short: std::collections::HashMap<u128, u8, BuildHasherDefault<FastHasher>>,
    long: HashSet<String>,
}

const MEMBER: u8 = 1;
const STARTS_MEMBER: u8 = 2;

impl ShortSet {
    /// A string of at most 15 bytes as one number: its bytes and its length.
    fn pack(s: &str) -> Option<u128> {
        let b = s.as_bytes();
        let mut a = [0u8; 16];
        a.get_mut(..b.len())?.copy_from_slice(b);
        *a.get_mut(15)? = u8::try_from(b.len()).ok().filter(|&n| n < 16)?;
        Some(u128::from_le_bytes(a))
    }

    #[cfg(test)]
    fn contains(&self, s: &str) -> bool {
        self.lookup(s) & MEMBER != 0
    }

    /// [`MEMBER`] if `s` is one, [`STARTS_MEMBER`] if a longer member may
    /// start with it.
    fn lookup(&self, s: &str) -> u8 {
        let long =
            if self.long.is_empty() { 0 } else { STARTS_MEMBER | if self.long.contains(s) { MEMBER } else { 0 } };
        match ShortSet::pack(s) {
            Some(k) => self.short.get(&k).copied().unwrap_or(0) | long,
            None => long,
        }
    }
}

impl From<HashSet<String>> for ShortSet {
    fn from(set: HashSet<String>) -> ShortSet {
        let mut out = ShortSet::default();
        for s in set {
            match ShortSet::pack(&s) {
                Some(k) => {
                    *out.short.entry(k).or_insert(0) |= MEMBER;
                    for (end, _) in s.char_indices().skip(1) {
                        if let Some(k) = s.get(..end).and_then(ShortSet::pack) {
                            *out.short.entry(k).or_insert(0) |= STARTS_MEMBER;
                        }
                    }
                }
                None => {
                    out.long.insert(s);
                }
            }
        }
        out
    }
}

/// The fewest and most syllables of `set` that `word` splits into (`None`:
/// it does not), syllables at most six letters long.
fn syllables(word: &str, set: &ShortSet, longest: usize) -> Option<(usize, usize)> {
    const MAX: usize = 24;
    // byte offsets of the character boundaries
    let mut bounds = [0usize; MAX + 1];
    let mut n = 0usize;
    for (i, _) in word.char_indices() {
        *bounds.get_mut(n)? = i;
        n += 1;
    }
    if n == 0 {
        return None;
    }
    *bounds.get_mut(n)? = word.len();
    // reach[k]: (fewest, most) syllables covering the first k characters
    let mut reach: [Option<(usize, usize)>; MAX + 1] = [None; MAX + 1];
    reach[0] = Some((0, 0));
    // the furthest character reached so far: past it nothing can be reached
    let mut far = 0usize;
    for k in 0..n {
        if k > far {
            return None;
        }
        let Some((lo, hi)) = reach[k] else { continue };
        for len in 1..=longest.min(6).min(n - k) {
            let (Some(&a), Some(&b)) = (bounds.get(k), bounds.get(k + len)) else { break };
            let Some(piece) = word.get(a..b) else { continue };
            let found = set.lookup(piece);
            if found & MEMBER != 0 {
                if let Some(r) = reach.get_mut(k + len) {
                    *r = Some(r.map_or((lo + 1, hi + 1), |(x, y)| (x.min(lo + 1), y.max(hi + 1))));
                }
                far = far.max(k + len);
            }
            if found & STARTS_MEMBER == 0 {
                // no longer piece is a syllable
                break;
            }
        }
    }
    reach.get(n).copied().flatten()
}

/// The stem a list entry is stored under: lower case, `ё` as `е`, without a
/// final vowel, `й` or `ь` when at least three letters remain.
pub fn stem(word: &str) -> String {
    let mut s: String = word.to_lowercase().replace('ё', "е");
    let n = s.chars().count();
    if n > 3 {
        if let Some(last) = s.chars().last() {
            if "аяоеёиыуюэьйaeiouyіұүәөі".contains(last) {
                s.pop();
            }
        }
    }
    s
}

fn read_list(text: &str) -> HashSet<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .filter(|w| w.chars().count() >= 2)
        .map(stem)
        .collect()
}

impl Lexicon {
    pub fn new() -> Lexicon {
        let mut ea: [HashSet<String>; 3] = Default::default();
        for line in EAST_ASIAN.lines().filter(|l| !l.starts_with('#')) {
            if let Some((lang, syl)) = line.split_once('\t') {
                let k = match lang {
                    "zh" => 0,
                    "ja" => 1,
                    "ko" => 2,
                    _ => continue,
                };
                if let Some(set) = ea.get_mut(k) {
                    set.insert(syl.trim().to_string());
                }
            }
        }
        let [zh, ja, ko] = ea;
        let longest = |set: &HashSet<String>| set.iter().map(|x| x.chars().count()).max().unwrap_or(0);
        let (zh_longest, ja_longest) = (longest(&zh), longest(&ja));
        let (zh, ja) = (ShortSet::from(zh), ShortSet::from(ja));
        let loc = read_list(LOC_NAMES);
        let loc_extra = read_list(LOC_EXTRA);
        let names = read_list(FIRST_NAMES);
        let geo = read_list(GEO_HEADS);
        let geo_starts = geo.iter().filter_map(|g| first_chars(g, 2)).collect();
        let list_starts = loc.iter().chain(&names).chain(&loc_extra).filter_map(|w| first_chars(w, 3)).collect();
        Lexicon { loc_extra, loc, names, zh, ja, zh_longest, ja_longest, ko, geo, geo_starts, list_starts }
    }

    pub fn global() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(Lexicon::new)
    }

    pub fn sizes(&self) -> (usize, usize) {
        (self.loc.len(), self.names.len())
    }

    /// Whether a lower-cased word is a place-name word itself or with a
    /// case ending of at most two letters, the place stem keeping at least
    /// five letters (`шымкентом`, `уральск`; not `марку` or `саркози`).
    pub fn is_place_form(&self, lower: &str) -> bool {
        let chars: Vec<(usize, char)> = lower.char_indices().collect();
        (0..=2usize).any(|strip| {
            let keep = chars.len().saturating_sub(strip);
            keep >= 5 && {
                let end = chars.get(keep).map_or(lower.len(), |&(i, _)| i);
                lower.get(..end).is_some_and(|s| self.loc.contains(s))
            }
        })
    }

    /// East Asian syllable bits ([`ZH_ONE`], [`ZH_MANY`], [`JA_MANY`],
    /// [`KO_ONE`]) of a lower-cased word: every hyphen-separated part splits
    /// into syllables, a Russian case ending allowed at the end.
    pub fn east_asian(&self, lower: &str) -> u32 {
        // two to 24 letters (at most six syllables of at most four letters)
        if lower.chars().nth(1).is_none() || lower.chars().nth(24).is_some() {
            return 0;
        }
        let check = |w: &str| -> u32 {
            let nparts = w.split('-').count();
            let mut bits = ZH_ONE | ZH_MANY | JA_MANY | KO_ONE;
            let (mut zh_total, mut ja_total) = (0usize, 0usize);
            for part in w.split('-') {
                if bits == 0 {
                    break;
                }
                match syllables(part, &self.zh, self.zh_longest) {
                    Some((lo, _)) => zh_total += lo,
                    None => bits &= !(ZH_ONE | ZH_MANY),
                }
                match syllables(part, &self.ja, self.ja_longest) {
                    Some((lo, _)) => ja_total += lo,
                    None => bits &= !JA_MANY,
                }
                if nparts > 1 || !self.ko.contains(part) {
                    bits &= !KO_ONE;
                }
            }
            if zh_total != 1 {
                bits &= !ZH_ONE;
            }
            if !(2..=3).contains(&zh_total) {
                bits &= !ZH_MANY;
            }
            if !(2..=6).contains(&ja_total) {
                bits &= !JA_MANY;
            }
            bits
        };
        let mut bits = check(lower);
        if bits == 0 {
            for e in EA_CASE_ENDINGS {
                if let Some(base) = lower.strip_suffix(e) {
                    if base.chars().count() >= 2 {
                        bits |= check(base);
                    }
                }
            }
        }
        bits
    }

    /// Whether a lower-cased word is a generic place word of
    /// `data/ner/geo_heads.txt` (`города`, `реки`, `қаласында`): an entry's
    /// stem followed by at most six letters.
    pub fn is_geo_head(&self, lower: &str) -> bool {
        // every entry has two characters or more
        if !first_chars(lower, 2).is_some_and(|k| self.geo_starts.contains(&k)) {
            return false;
        }
        // the whole word, then its prefixes ending before each of its last
        // six characters, keeping at least two characters
        if self.geo.contains(lower) {
            return true;
        }
        let n = lower.chars().count();
        lower
            .char_indices()
            .rev()
            .take(6)
            .zip((0..n).rev())
            .filter(|&(_, k)| k >= 2)
            .any(|((end, _), _)| lower.get(..end).is_some_and(|s| self.geo.contains(s)))
    }

    /// Lexicon bits of a lower-cased word (with `ё` as `е`) of capitalisation `cap`.
    pub fn lookup(&self, lower: &str, cap: Cap, _lang: &str) -> u32 {
        if !matches!(cap, Cap::Title | Cap::Upper | Cap::Mixed) {
            return 0;
        }
        let mut bits = 0;
        // Byte offsets of the last five character boundaries.
        let mut cuts: [usize; 5] = [lower.len(); 5];
        let mut n = 0usize;
        for (k, (i, _)) in lower.char_indices().rev().take(5).enumerate() {
            if let Some(c) = cuts.get_mut(k) {
                *c = i;
            }
            n = k + 1;
        }
        let total = lower.chars().count();
        // strip 0..=4 trailing characters, keeping at least 3 (so the
        // first three are those of a list entry)
        let listed = first_chars(lower, 3).is_some_and(|k| self.list_starts.contains(&k));
        if listed {
            for strip in 0..=4usize {
                if total < strip + 3 {
                    break;
                }
                let end = if strip == 0 { lower.len() } else { cuts.get(strip - 1).copied().unwrap_or(0) };
                if strip > n {
                    break;
                }
                let Some(s) = lower.get(..end) else { continue };
                if self.loc_extra.contains(s) {
                    bits |= LOC_WORLD;
                }
                if self.loc.contains(s) {
                    bits |= if strip <= 1 { LOC_EXACT } else { LOC_SUFFIXED };
                }
                if self.names.contains(s) {
                    bits |= if strip <= 1 { NAME_EXACT } else { NAME_SUFFIXED };
                }
            }
        }
        if total >= 5 {
            let lower = lower.as_bytes();
            for e in CASE_ENDINGS {
                if ends_with(lower, e.as_bytes()) {
                    let base = lower.get(..lower.len() - e.len()).unwrap_or(&[]);
                    if SURNAME_STEMS.iter().any(|s| ends_with(base, s.as_bytes()) && base.len() > s.len() + 2) {
                        bits |= SURNAME_END;
                    }
                    if PATRONYMIC_STEMS.iter().any(|s| ends_with(base, s.as_bytes()) && base.len() > s.len() + 4) {
                        bits |= PATRONYMIC_END;
                    }
                }
            }
        }
        bits
    }
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_match_through_case_endings() {
        let l = Lexicon::global();
        assert!(l.sizes().0 > 1000);
        assert_ne!(l.lookup("италии", Cap::Title, "ru") & LOC_EXACT, 0);
        assert_ne!(l.lookup("астанада", Cap::Title, "kk") & LOC_SUFFIXED, 0);
        assert_ne!(l.lookup("казахстане", Cap::Title, "ru") & LOC_EXACT, 0);
        assert_eq!(l.lookup("италии", Cap::Lower, "ru"), 0);
        assert_eq!(l.lookup("встреча", Cap::Title, "ru") & (LOC_EXACT | LOC_SUFFIXED), 0);
    }

    #[test]
    fn short_sets_hold_short_and_long_strings() {
        let words = ["ай", "цзин", "", "абвгдежз", "abcdefghijklmno", "abcdefghijklmnop"];
        let set = ShortSet::from(words.iter().map(|w| w.to_string()).collect::<HashSet<String>>());
        for w in words {
            assert!(set.contains(w), "{w}");
        }
        for w in ["а", "ай ", "abcdefghijklmn", "abcdefghijklmnopq", "абвгдеж"] {
            assert!(!set.contains(w), "{w}");
        }
        assert_eq!(set.long.len(), 2);
        // beginnings of members, whole characters: a longer member may follow
        assert_eq!(
            ShortSet::from(["цзин".to_string()].into_iter().collect::<HashSet<String>>()).lookup("цз"),
            STARTS_MEMBER
        );
        let short = ShortSet::from(["цзин".to_string(), "ай".to_string()].into_iter().collect::<HashSet<String>>());
        assert_eq!(short.lookup("ай"), MEMBER);
        assert_eq!(short.lookup("ц"), STARTS_MEMBER);
        assert_eq!(short.lookup("цзин"), MEMBER);
        assert_eq!(short.lookup("з"), 0);
        assert_eq!(set.lookup("x") & STARTS_MEMBER, STARTS_MEMBER);
    }

    #[test]
    fn syllable_splits_stop_early_without_losing_any() {
        // the plain dynamic programme, every length tried
        fn reference(word: &str, set: &ShortSet, longest: usize) -> Option<(usize, usize)> {
            let chars: Vec<(usize, char)> = word.char_indices().collect();
            let n = chars.len();
            if n == 0 || n > 24 {
                return None;
            }
            let at = |k: usize| chars.get(k).map_or(word.len(), |c| c.0);
            let mut reach: Vec<Option<(usize, usize)>> = vec![None; n + 1];
            reach[0] = Some((0, 0));
            for k in 0..n {
                let Some((lo, hi)) = reach[k] else { continue };
                for len in 1..=longest.min(6).min(n - k) {
                    if set.contains(&word[at(k)..at(k + len)]) {
                        let r = &mut reach[k + len];
                        *r = Some(r.map_or((lo + 1, hi + 1), |(x, y)| (x.min(lo + 1), y.max(hi + 1))));
                    }
                }
            }
            reach[n]
        }
        let l = Lexicon::global();
        let words = ["цзиньпин", "синдзо", "кисида", "марина", "алматы", "абвгд", "нанао", "ааааааааа", "шанхайцы"];
        let mut x: u64 = 7;
        let letters: Vec<char> = "абвгдезийклмнопрстуфхцчшыэюяьъё".chars().collect();
        let mut random = Vec::new();
        for _ in 0..3000 {
            let mut w = String::new();
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            for i in 0..(2 + (x >> 60) as usize) {
                w.push(letters[((x >> (i * 5 % 55)) as usize) % letters.len()]);
            }
            random.push(w);
        }
        let mut split = 0;
        for w in words.iter().map(|w| w.to_string()).chain(random) {
            for (set, longest) in [(&l.zh, l.zh_longest), (&l.ja, l.ja_longest)] {
                let got = syllables(&w, set, longest);
                assert_eq!(got, reference(&w, set, longest), "{w}");
                split += usize::from(got.is_some());
            }
        }
        assert!(split > 100, "{split} words split");
    }

    #[test]
    fn start_filters_keep_every_entry() {
        let l = Lexicon::global();
        for g in &l.geo {
            assert!(l.is_geo_head(g), "{g}");
            assert!(l.is_geo_head(&format!("{g}ами")), "{g}");
        }
        for (set, bits) in [(&l.loc, LOC_EXACT), (&l.names, NAME_EXACT), (&l.loc_extra, LOC_WORLD)] {
            for w in set.iter().filter(|w| w.chars().count() >= 3) {
                assert_ne!(l.lookup(w, Cap::Title, "ru") & bits, 0, "{w}");
            }
        }
        assert_eq!(first_chars("ab", 3), None);
        assert_ne!(first_chars("abc", 3), first_chars("abd", 3));
        assert!(ends_with(b"petrov", b"ov") && !ends_with(b"ov", b"petrov") && ends_with(b"x", b""));
    }

    #[test]
    fn names_and_surnames() {
        let l = Lexicon::global();
        assert_ne!(l.lookup("ерланға", Cap::Title, "kk") & NAME_SUFFIXED, 0);
        assert_ne!(l.lookup("марией", Cap::Title, "ru") & (NAME_EXACT | NAME_SUFFIXED), 0);
        assert_ne!(l.lookup("назарбаевтың", Cap::Title, "kk") & SURNAME_END, 0);
        assert_ne!(l.lookup("петровой", Cap::Title, "ru") & SURNAME_END, 0);
        assert_ne!(l.lookup("ивановичем", Cap::Title, "ru") & PATRONYMIC_END, 0);
        assert_eq!(l.lookup("а", Cap::Upper, "ru"), 0);
    }

    #[test]
    fn east_asian_syllables() {
        let l = Lexicon::global();
        for w in ["цзиньпин", "синжуй", "дайюн", "цзиньтао", "цзиньпина"] {
            assert_ne!(l.east_asian(w) & ZH_MANY, 0, "{w}");
        }
        for w in ["ху", "ма", "си", "чжу"] {
            assert_ne!(l.east_asian(w) & ZH_ONE, 0, "{w}");
        }
        for w in ["наото", "синдзо", "кисида"] {
            assert_ne!(l.east_asian(w) & JA_MANY, 0, "{w}");
        }
        assert_ne!(l.east_asian("ён") & KO_ONE, 0);
        for w in ["города", "реки", "площади", "штата", "қаласында", "облысының", "город"]
        {
            assert!(l.is_geo_head(w), "{w}");
        }
        for w in ["президент", "встреча", "министр", "он"] {
            assert!(!l.is_geo_head(w), "{w}");
        }
        for w in ["москва", "встреча", "астана", "президент"] {
            assert_eq!(l.east_asian(w) & (ZH_ONE | ZH_MANY), 0, "{w}");
        }
        assert_eq!(l.east_asian("президент"), 0);
    }
}
