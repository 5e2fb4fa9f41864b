//! Name lists as tagger features: place-name words, first names, and
//! surname and patronymic endings (ru/kk/en).
//!
//! A word matches a list entry when, lower-cased, it is the entry's stem
//! followed by at most four more letters (a case ending: `Италии`,
//! `Астанада`, `Ерланға`). The stem is the entry without a final vowel, `й`
//! or `ь`. An exact-ish match (one letter or none added) and a suffixed one
//! are different features, so the model weighs them itself.

use crate::features::Cap;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Lexicon bits.
pub const LOC_EXACT: u32 = 1;
pub const LOC_SUFFIXED: u32 = 2;
pub const NAME_EXACT: u32 = 4;
pub const NAME_SUFFIXED: u32 = 8;
pub const SURNAME_END: u32 = 16;
pub const PATRONYMIC_END: u32 = 32;

const LOC_NAMES: &str = include_str!("../../../data/ner/loc_names.txt");
const FIRST_NAMES: &str = include_str!("../../../data/ner/first_names.txt");

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
        Lexicon { loc: read_list(LOC_NAMES), names: read_list(FIRST_NAMES) }
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
        // strip 0..=4 trailing characters, keeping at least 3
        for strip in 0..=4usize {
            if total < strip + 3 {
                break;
            }
            let end = if strip == 0 { lower.len() } else { cuts.get(strip - 1).copied().unwrap_or(0) };
            if strip > n {
                break;
            }
            let Some(s) = lower.get(..end) else { continue };
            if self.loc.contains(s) {
                bits |= if strip <= 1 { LOC_EXACT } else { LOC_SUFFIXED };
            }
            if self.names.contains(s) {
                bits |= if strip <= 1 { NAME_EXACT } else { NAME_SUFFIXED };
            }
        }
        if total >= 5 {
            for e in CASE_ENDINGS {
                if let Some(base) = lower.strip_suffix(e) {
                    if SURNAME_STEMS.iter().any(|s| base.ends_with(s) && base.len() > s.len() + 2) {
                        bits |= SURNAME_END;
                    }
                    if PATRONYMIC_STEMS.iter().any(|s| base.ends_with(s) && base.len() > s.len() + 4) {
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
    fn names_and_surnames() {
        let l = Lexicon::global();
        assert_ne!(l.lookup("ерланға", Cap::Title, "kk") & NAME_SUFFIXED, 0);
        assert_ne!(l.lookup("марией", Cap::Title, "ru") & (NAME_EXACT | NAME_SUFFIXED), 0);
        assert_ne!(l.lookup("назарбаевтың", Cap::Title, "kk") & SURNAME_END, 0);
        assert_ne!(l.lookup("петровой", Cap::Title, "ru") & SURNAME_END, 0);
        assert_ne!(l.lookup("ивановичем", Cap::Title, "ru") & PATRONYMIC_END, 0);
        assert_eq!(l.lookup("а", Cap::Upper, "ru"), 0);
    }
}
