//! Word normalisation for matching: every word (of an entry or of the text)
//! becomes a small set of candidate keys (the lower-cased word, the word with
//! Russian endings or Kazakh suffix chains stripped, its lemma). An entry word
//! matches a text word when their sets share a key. Both sides go through the
//! same function, so inflected forms meet their nominative:
//! «Карагандинской» and «Карагандинская» share «карагандинск»,
//! «облысының» reaches «облысы» and «облыс», «Китая» reaches «китай».

/// Keys shorter than this (in characters) are only kept when they are the whole word.
const MIN_KEY: usize = 3;

/// Russian inflection endings (nouns and adjectives), stripped one at a time.
const RU_ENDINGS: &[&str] = &[
    "иями", "ями", "ами", "ыми", "ими", "ого", "его", "ому", "ему", "ией", "иям", "иях", "ая", "яя", "ое", "ее", "ые",
    "ие", "ый", "ий", "ой", "ей", "ую", "юю", "ых", "их", "ым", "им", "ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев",
    "ью", "а", "я", "о", "е", "у", "ю", "ы", "и", "ь",
];

/// Endings after which a stem ending in a vowel had a «й» (Китая → Китай, края → край).
const RU_SOFT: &[&str] = &["я", "ю", "е", "ем", "и", "ям", "ях", "ями"];

/// Kazakh case, possessive, plural and derivational suffixes (stripped in chains).
const KK_SUFFIXES: &[&str] = &[
    "ның",
    "нің",
    "дың",
    "дің",
    "тың",
    "тің",
    "ға",
    "ге",
    "қа",
    "ке",
    "на",
    "не",
    "а",
    "е",
    "ны",
    "ні",
    "ды",
    "ді",
    "ты",
    "ті",
    "н",
    "да",
    "де",
    "та",
    "те",
    "нда",
    "нде",
    "дан",
    "ден",
    "тан",
    "тен",
    "нан",
    "нен",
    "мен",
    "бен",
    "пен",
    "ы",
    "і",
    "сы",
    "сі",
    "ын",
    "ін",
    "лар",
    "лер",
    "дар",
    "дер",
    "тар",
    "тер",
    "лық",
    "лік",
    "дық",
    "дік",
    "тық",
    "тік",
    "дағы",
    "дегі",
    "тағы",
    "тегі",
    "ғы",
    "гі",
    "қы",
    "кі",
    "ша",
    "ше",
    "ндағы",
    "ндегі",
];

/// Kazakh locative-adjective endings: «Қазақстандағы елшісі» names the host, not the sender.
pub(crate) const KK_LOCATIVE: &[&str] =
    &["дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі", "да", "де", "та", "те", "нда", "нде"];

/// Lower-case and fold ё to е.
pub fn fold(word: &str) -> String {
    if yntymaq_core::is_lower_without_yo(word) {
        return word.to_owned();
    }
    let mut s = String::with_capacity(word.len());
    s.extend(fold_chars(word));
    s
}

/// The characters of [`fold`]`(word)`, without building the string.
pub fn fold_chars(word: &str) -> FoldChars<'_> {
    FoldChars { chars: word.chars(), rest: None }
}

/// The iterator of [`fold_chars`]: one character in, one out, but for the
/// rare letters whose lower case is several characters.
pub struct FoldChars<'a> {
    chars: std::str::Chars<'a>,
    rest: Option<std::char::ToLowercase>,
}

impl Iterator for FoldChars<'_> {
    type Item = char;
    #[inline]
    fn next(&mut self) -> Option<char> {
        let yo = |l: char| if l == 'ё' { 'е' } else { l };
        if let Some(rest) = &mut self.rest {
            if let Some(l) = rest.next() {
                return Some(yo(l));
            }
            self.rest = None;
        }
        let c = self.chars.next()?;
        match lower_fast(c) {
            Some(l) => Some(l),
            None => {
                let mut many = c.to_lowercase();
                let first = many.next().map(yo);
                self.rest = Some(many);
                first
            }
        }
    }
}

/// Lower case of one character, ё folded to е and typographic apostrophes
/// to `'`; `None` where lower-casing gives several characters.
#[inline]
fn lower_fast(c: char) -> Option<char> {
    match c {
        'Ё' | 'ё' => Some('е'),
        '\u{2018}' | '\u{2019}' | '\u{2bc}' => Some('\''),
        _ => yntymaq_core::lower_char(c),
    }
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

fn push_key(out: &mut Vec<String>, key: &str, whole: &str) {
    if key.is_empty() || (char_len(key) < MIN_KEY && key != whole) {
        return;
    }
    if !out.iter().any(|k| k == key) {
        out.push(key.to_string());
    }
}

fn ends_with_vowel(s: &str) -> bool {
    s.chars().last().is_some_and(|c| "аеоуыэяюиәөұүі".contains(c))
}

fn ru_keys(w: &str, out: &mut Vec<String>) {
    for e in RU_ENDINGS {
        if let Some(stem) = w.strip_suffix(e) {
            if char_len(stem) < MIN_KEY {
                continue;
            }
            push_key(out, stem, w);
            if RU_SOFT.contains(e) && ends_with_vowel(stem) {
                push_key(out, &format!("{stem}й"), w);
            }
        }
    }
}

fn kk_keys(w: &str, out: &mut Vec<String>, depth: usize) {
    if depth == 0 || out.len() > 24 {
        return;
    }
    for s in KK_SUFFIXES {
        if let Some(stem) = w.strip_suffix(s) {
            if char_len(stem) < 2 {
                continue;
            }
            let before = out.len();
            push_key(out, stem, w);
            // final consonant voicing: Қазағы → Қазақ
            if let Some(last) = stem.chars().last() {
                let alt = match last {
                    'ғ' => Some('қ'),
                    'г' => Some('к'),
                    'б' => Some('п'),
                    _ => None,
                };
                if let Some(a) = alt {
                    let mut v = stem.to_string();
                    v.pop();
                    v.push(a);
                    push_key(out, &v, w);
                }
            }
            if out.len() > before {
                kk_keys(stem, out, depth - 1);
            }
        }
    }
}

/// Does the word contain letters only Kazakh uses?
pub fn has_kk_letters(w: &str) -> bool {
    w.chars().any(|c| "әғқңөұүһіӘҒҚҢӨҰҮҺІ".contains(c))
}

/// The candidate keys of one word. `lemma` (from the morphology stage) is added when given.
pub fn keys(word: &str, lemma: Option<&str>) -> Vec<String> {
    let mut w = fold(word);
    // English possessive: Kazakhstan's
    if let Some(s) = w.strip_suffix("'s") {
        w = s.to_string();
    }
    let mut out = Vec::with_capacity(8);
    // Abbreviations with a Kazakh suffix after a hyphen: ШҚО-ның, АҚШ-пен, ҚХР-мен
    if let Some((head, tail)) = word.split_once('-') {
        let is_abbr = head.chars().count() >= 2 && head.chars().all(|c| c.is_uppercase());
        if is_abbr && tail.chars().count() <= 5 && tail.chars().all(|c| c.is_lowercase()) {
            out.push(fold(head));
            return out;
        }
    }
    out.push(w.clone());
    if let Some(l) = lemma {
        let l = fold(l);
        if !l.is_empty() && l != w {
            out.push(l);
        }
    }
    // English plurals: regions, oblasts, provinces
    if w.is_ascii() && w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") {
        push_key(&mut out, &w[..w.len() - 1], &w);
    }
    let cyr = w.chars().any(yntymaq_core::is_cyrillic);
    if cyr && char_len(&w) > MIN_KEY {
        // Kazakh chains first: a stem the Russian endings also give must still be expanded
        kk_keys(&w, &mut out, 3);
        ru_keys(&w, &mut out);
    }
    out
}

/// Capitalisation an entry word asks of the text word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cap {
    Any,
    /// Starts with an upper-case letter (proper names).
    Initial,
    /// All upper-case (abbreviations: США, US, ВКО).
    All,
}

impl Cap {
    pub fn of(word: &str) -> Cap {
        let letters: Vec<char> = word.chars().filter(|c| yntymaq_core::is_letter(*c)).collect();
        if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
            Cap::All
        } else if letters.first().is_some_and(|c| c.is_uppercase()) {
            Cap::Initial
        } else {
            Cap::Any
        }
    }

    pub fn accepts(&self, word: &str) -> bool {
        match self {
            Cap::Any => true,
            Cap::Initial => word.chars().find(|c| yntymaq_core::is_letter(*c)).is_some_and(|c| c.is_uppercase()),
            Cap::All => {
                // the abbreviation part (before a Kazakh suffix) must be upper-case
                let head = word.split('-').next().unwrap_or(word);
                head.chars().filter(|c| yntymaq_core::is_letter(*c)).all(|c| c.is_uppercase())
            }
        }
    }
}

/// The first (up to) three lower-cased characters of a word, for prefiltering.
pub fn prefix3(word: &str) -> [char; 3] {
    let mut p = ['\0'; 3];
    for (slot, c) in p.iter_mut().zip(word.chars().take_while(|c| *c != '-')) {
        *slot = lower_fast(c).unwrap_or_else(|| yntymaq_core::lower_first(c));
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(a: &str, b: &str) -> bool {
        let ka = keys(a, None);
        keys(b, None).iter().any(|k| ka.contains(k))
    }

    #[test]
    fn fold_lowers_and_folds_yo_and_apostrophes() {
        assert_eq!(fold("ЁЛКА Шығыс ҚАЗАҚСТАН"), "елка шығыс қазақстан");
        assert_eq!(fold("Ӂ ӂ Ӏ"), "ӂ ӂ ӏ");
        assert_eq!(fold("O‘zbekiston Oʼzbek"), "o'zbekiston o'zbek");
        assert_eq!(fold("İstanbul"), "İstanbul".to_lowercase());
        assert_eq!(fold_chars("ЁЖ").collect::<String>(), fold("ЁЖ"));
        // a letter whose lower case is two characters (İ → i + combining dot)
        let w = "İSTANBUL Ёж";
        let slow: String = w.chars().flat_map(|c| c.to_lowercase()).map(|c| if c == 'ё' { 'е' } else { c }).collect();
        assert_eq!(fold_chars(w).collect::<String>(), slow);
    }

    #[test]
    fn russian_case_forms_meet() {
        assert!(share("Карагандинской", "Карагандинская"));
        assert!(share("области", "область"));
        assert!(share("Китая", "Китай"));
        assert!(share("Семее", "Семей"));
        assert!(share("Германией", "Германия"));
        assert!(share("акимом", "аким"));
        assert!(!share("груз", "Грузия"));
        assert!(!share("Казахстанская", "Казахстан"));
    }

    #[test]
    fn kazakh_suffix_chains_meet() {
        assert!(share("облысының", "облысы"));
        assert!(share("облысының", "облыс"));
        assert!(share("Германиямен", "Германия"));
        assert!(share("елшісімен", "елші"));
        assert!(share("ШҚО-ның", "ШҚО"));
        assert!(share("Қазақстандағы", "Қазақстан"));
    }

    #[test]
    fn fast_lower_case_agrees_with_unicode() {
        for w in ["ШҚО Өскемен ӘҒҚҢӨҰҮҺІ Ёлка ЁЖ Ђ Ѐ ABC xyz", "Ӏ Ҁ ҂"] {
            let slow: String =
                w.chars().flat_map(|c| c.to_lowercase()).map(|c| if c == 'ё' { 'е' } else { c }).collect();
            assert_eq!(fold(w), slow);
        }
    }

    #[test]
    fn capitalisation() {
        assert!(Cap::of("США") == Cap::All && Cap::All.accepts("США") && !Cap::All.accepts("Сша"));
        assert!(Cap::All.accepts("ШҚО-ның"));
        assert!(Cap::of("Того") == Cap::Initial && !Cap::Initial.accepts("того"));
        assert!(Cap::of("область") == Cap::Any);
    }
}
