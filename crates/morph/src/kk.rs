//! Kazakh: stripping case, possessive and plural suffixes from nouns and
//! proper names, with vowel harmony and consonant assimilation.
//!
//! The suffix inventory and the letter classes are in
//! `data/morph/kk_suffixes.tsv`; a lexicon of known stems
//! (`data/morph/kk_stems.txt`) decides between readings when several fit.
//! Without a known stem the analyser stays conservative: a capitalised word
//! keeps a final `-ы/-і` (`Алматы` is not `Алмат-ы`) and stems shorter than
//! three letters are not produced.

use std::sync::OnceLock;
use yntymaq_core::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Grammatical slot of a stripped suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Plur,
    Poss1,
    Poss2,
    Poss3,
    Poss1pl,
    Poss2pl,
    Gen,
    Dat,
    Acc,
    Loc,
    Abl,
    Ins,
    Rel,
}

impl Slot {
    fn parse(s: &str) -> Option<Slot> {
        Some(match s {
            "Plur" => Slot::Plur,
            "Poss1" => Slot::Poss1,
            "Poss2" => Slot::Poss2,
            "Poss3" => Slot::Poss3,
            "Poss1pl" => Slot::Poss1pl,
            "Poss2pl" => Slot::Poss2pl,
            "Gen" => Slot::Gen,
            "Dat" => Slot::Dat,
            "Acc" => Slot::Acc,
            "Loc" => Slot::Loc,
            "Abl" => Slot::Abl,
            "Ins" => Slot::Ins,
            "Rel" => Slot::Rel,
            _ => return None,
        })
    }

    /// The tag name, as [`crate::Morph::tags`] reports it.
    pub fn as_str(&self) -> &'static str {
        match self {
            Slot::Plur => "Plur",
            Slot::Poss1 => "Poss1",
            Slot::Poss2 => "Poss2",
            Slot::Poss3 => "Poss3",
            Slot::Poss1pl => "Poss1pl",
            Slot::Poss2pl => "Poss2pl",
            Slot::Gen => "Gen",
            Slot::Dat => "Dat",
            Slot::Acc => "Acc",
            Slot::Loc => "Loc",
            Slot::Abl => "Abl",
            Slot::Ins => "Ins",
            Slot::Rel => "Rel",
        }
    }

    /// Position in the suffix chain: plural, possessive, case, relative.
    fn rank(&self) -> u8 {
        match self {
            Slot::Plur => 1,
            Slot::Poss1 | Slot::Poss2 | Slot::Poss3 | Slot::Poss1pl | Slot::Poss2pl => 2,
            Slot::Gen | Slot::Dat | Slot::Acc | Slot::Loc | Slot::Abl | Slot::Ins => 3,
            Slot::Rel => 4,
        }
    }

    /// What this morpheme counts as for the suffix that follows it.
    fn kind(&self) -> Option<Kind> {
        match self {
            Slot::Plur => Some(Kind::Stem),
            Slot::Poss3 => Some(Kind::Poss3),
            Slot::Poss1 | Slot::Poss2 => Some(Kind::Poss12),
            Slot::Poss1pl | Slot::Poss2pl => Some(Kind::Poss1pl),
            Slot::Loc => Some(Kind::Loc),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Stem,
    Poss3,
    Poss12,
    Poss1pl,
    Loc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Harmony {
    Back,
    Front,
    Any,
}

#[derive(Debug, Clone)]
struct Suffix {
    slot: Slot,
    form: String,
    harmony: Harmony,
    /// Letters the preceding text may end with.
    after_letters: HashSet<char>,
    after_kinds: Vec<Kind>,
}

/// One stripped suffix of an analysis.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Morpheme {
    pub slot: Slot,
    pub form: String,
}

/// A reading of a word: its stem (lower case, with a final consonant
/// restored when a vowel-initial suffix voiced it: `әкімдіг-і` → `әкімдік`)
/// and the suffixes stripped, left to right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub stem: String,
    pub suffixes: Vec<Morpheme>,
    /// The stem is in the lexicon of known stems.
    pub known: bool,
}

struct Tables {
    suffixes: Vec<Suffix>,
    back: HashSet<char>,
    front: HashSet<char>,
    /// Endings after which either harmony is accepted.
    neutral: Vec<String>,
    stems: HashSet<String>,
    /// Attested word forms (weak evidence: many are inflected).
    words: HashSet<String>,
    /// Surname endings after which a capitalised word may lose an accusative.
    surname_endings: Vec<String>,
    /// Endings of personal names that look like suffixes (`-берді`).
    name_endings: Vec<String>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        parse_tables(
            include_str!("../../../data/morph/kk_suffixes.tsv"),
            include_str!("../../../data/morph/kk_stems.txt"),
            include_str!("../../../data/morph/kk_words.txt"),
            include_str!("../../../data/morph/kk_surname_endings.txt"),
            include_str!("../../../data/morph/kk_name_endings.txt"),
        )
    })
}

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim_end).filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn parse_tables(suffixes: &str, stems: &str, words: &str, surname_endings: &str, name_endings: &str) -> Tables {
    let mut classes: HashMap<String, HashSet<char>> = HashMap::default();
    let mut back = HashSet::default();
    let mut front = HashSet::default();
    let mut neutral = Vec::new();
    let mut out = Vec::new();
    for line in data_lines(suffixes) {
        let cols: Vec<&str> = line.split('\t').collect();
        match cols.as_slice() {
            ["@class", name, letters] => {
                classes.insert((*name).to_owned(), letters.chars().collect());
            }
            ["@harmony", "back", letters] => back = letters.chars().collect(),
            ["@harmony", "front", letters] => front = letters.chars().collect(),
            ["@neutral", endings @ ..] => neutral.extend(endings.iter().map(|e| e.trim().to_owned())),
            [slot, form, harmony, after_class, after_slot] => {
                let Some(slot) = Slot::parse(slot) else { continue };
                let harmony = match *harmony {
                    "back" => Harmony::Back,
                    "front" => Harmony::Front,
                    _ => Harmony::Any,
                };
                let mut after_letters = HashSet::default();
                for c in after_class.split(',') {
                    if let Some(set) = classes.get(c.trim()) {
                        after_letters.extend(set.iter().copied());
                    }
                }
                let after_kinds = after_slot
                    .split(',')
                    .filter_map(|k| match k.trim() {
                        "stem" => Some(Kind::Stem),
                        "poss3" => Some(Kind::Poss3),
                        "poss12" => Some(Kind::Poss12),
                        "poss1pl" => Some(Kind::Poss1pl),
                        "loc" => Some(Kind::Loc),
                        _ => None,
                    })
                    .collect();
                out.push(Suffix { slot, form: (*form).to_owned(), harmony, after_letters, after_kinds });
            }
            _ => {}
        }
    }
    let stems = data_lines(stems).map(|l| l.trim().to_lowercase()).collect();
    let name_endings = data_lines(name_endings).map(|l| l.trim().to_lowercase()).collect();
    let words = data_lines(words).map(|l| l.trim().to_lowercase()).collect();
    let surname_endings = data_lines(surname_endings).map(|l| l.trim().to_lowercase()).collect();
    Tables { suffixes: out, back, front, neutral, stems, words, surname_endings, name_endings }
}

/// Number of suffix lines and known stems loaded (for tests and reports).
pub fn table_sizes() -> (usize, usize) {
    let t = tables();
    (t.suffixes.len(), t.stems.len())
}

/// Is `stem` (lower case) in the lexicon of known stems?
pub fn is_known_stem(stem: &str) -> bool {
    tables().stems.contains(stem)
}

/// The last letter that carries sound (skipping soft and hard signs).
fn last_letter(s: &str) -> Option<char> {
    s.chars().rev().find(|c| !matches!(c, 'ь' | 'ъ'))
}

fn harmony_ok(t: &Tables, left: &str, h: Harmony) -> bool {
    if h == Harmony::Any || t.neutral.iter().any(|e| left.ends_with(e.as_str())) {
        return true;
    }
    for c in left.chars().rev() {
        if t.back.contains(&c) {
            return h == Harmony::Back;
        }
        if t.front.contains(&c) {
            return h == Harmony::Front;
        }
        if matches!(c, 'и' | 'у') {
            return true;
        }
        if c == '-' {
            break;
        }
    }
    true
}

/// May suffix `s` follow the text `left`? `relaxed` drops the sound
/// conditions (after a hyphen: `ШҚО-ның`, `АҚШ-тың`).
fn fits(t: &Tables, left: &str, s: &Suffix, relaxed: bool) -> bool {
    if relaxed {
        return true;
    }
    match last_letter(left) {
        Some(c) => s.after_letters.contains(&c) && harmony_ok(t, left, s.harmony),
        None => false,
    }
}

const VOICING: [(char, char); 3] = [('ғ', 'қ'), ('г', 'к'), ('б', 'п')];

fn starts_with_vowel(t: &Tables, s: &str) -> bool {
    s.chars().next().is_some_and(|c| t.back.contains(&c) || t.front.contains(&c))
}

/// All readings of a lower-case word, unsorted.
fn readings(t: &Tables, lower: &str) -> Vec<Analysis> {
    let mut out = Vec::new();
    // After a hyphen, the tail must be a whole suffix chain (ШҚО-ның).
    if let Some(pos) = lower.rfind('-') {
        let (head, tail) = (&lower[..pos], &lower[pos + 1..]);
        if !head.is_empty() && !tail.is_empty() {
            let mut chains = Vec::new();
            strip(t, tail, None, &mut Vec::new(), true, &mut chains);
            for (rest, sufs) in chains {
                if rest.is_empty() && !sufs.is_empty() {
                    out.push(Analysis { stem: head.to_owned(), suffixes: sufs, known: t.stems.contains(head) });
                }
            }
        }
    }
    let mut chains = Vec::new();
    strip(t, lower, None, &mut Vec::new(), false, &mut chains);
    for (stem, sufs) in chains {
        if stem.is_empty() {
            continue;
        }
        let first_vowel = sufs.first().is_some_and(|m| starts_with_vowel(t, &m.form));
        if first_vowel {
            if let Some(last) = stem.chars().last() {
                if let Some(&(_, voiceless)) = VOICING.iter().find(|(v, _)| *v == last) {
                    let mut restored = stem[..stem.len() - last.len_utf8()].to_owned();
                    restored.push(voiceless);
                    out.push(Analysis { known: t.stems.contains(&restored), stem: restored, suffixes: sufs.clone() });
                }
            }
        }
        out.push(Analysis { known: t.stems.contains(stem), stem: stem.to_owned(), suffixes: sufs });
    }
    out
}

/// Right-to-left stripping. `right` is the suffix already stripped to the
/// right of `rest`; pushes every (stem, suffixes) split.
fn strip<'a>(
    t: &Tables,
    rest: &'a str,
    right: Option<&Suffix>,
    acc: &mut Vec<Morpheme>,
    relaxed: bool,
    out: &mut Vec<(&'a str, Vec<Morpheme>)>,
) {
    // `rest` as the bare stem.
    let stem_ok = match right {
        None => true,
        Some(r) => r.after_kinds.contains(&Kind::Stem) && (relaxed && rest.is_empty() || fits(t, rest, r, relaxed)),
    };
    if stem_ok {
        out.push((rest, acc.iter().rev().cloned().collect()));
    }
    if out.len() > 64 {
        return;
    }
    for s in &t.suffixes {
        let Some(left) = rest.strip_suffix(s.form.as_str()) else { continue };
        if !relaxed && left.chars().count() < 2 {
            continue;
        }
        if let Some(r) = right {
            if s.slot.rank() >= r.slot.rank() {
                continue;
            }
            let Some(kind) = s.slot.kind() else { continue };
            if !r.after_kinds.contains(&kind) || !fits(t, rest, r, relaxed) {
                continue;
            }
        }
        acc.push(Morpheme { slot: s.slot, form: s.form.clone() });
        strip(t, left, Some(s), acc, relaxed, out);
        acc.pop();
    }
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Is a reading safe without a known stem?
fn plausible(t: &Tables, a: &Analysis, capitalised: bool, lower: &str) -> bool {
    if a.suffixes.is_empty() {
        return true;
    }
    let min = if capitalised && !t.words.contains(&a.stem) { 4 } else { 3 };
    if a.stem.chars().count() < min && !lower.contains('-') {
        return false;
    }
    if t.name_endings.iter().any(|e| lower.ends_with(e.as_str())) && capitalised {
        return false;
    }
    if capitalised {
        // Proper names end in -ы/-і, -м, -ң often enough (Алматы, Нұрым):
        // a capitalised word keeps them unless the stem is known.
        let consonant_poss3 = a.suffixes.iter().any(|m| m.slot == Slot::Poss3 && m.form.chars().count() == 1);
        let last_is_poss = a.suffixes.last().is_some_and(|m| m.slot.rank() == 2);
        if consonant_poss3 || last_is_poss {
            return false;
        }
        // -ты/-ді ends place names (Қайрақты, Шідерті): an accusative is
        // stripped from a capitalised word only after a surname ending.
        let last_is_acc = a.suffixes.last().is_some_and(|m| m.slot == Slot::Acc);
        if last_is_acc && !t.words.contains(&a.stem) && !t.surname_endings.iter().any(|e| a.stem.ends_with(e.as_str()))
        {
            return false;
        }
    }
    true
}

/// Readings of a word, best first. The first is what [`crate::Morph::lemma`]
/// returns for Kazakh. A word with no suffix to strip has one reading, itself.
pub fn analyse(word: &str) -> Vec<Analysis> {
    let t = tables();
    let lower = yntymaq_core::to_lower(word);
    let capitalised = is_capitalised(word);
    let mut all = readings(t, &lower);
    // Best first: a known stem (the shortest one: облыс-ы-ның rather than
    // облысы-ның); otherwise a plausible reading stripping the most.
    let score = |a: &Analysis| -> (u8, usize, usize) {
        let class = if a.known && (a.stem.chars().count() >= 3 || !capitalised) {
            3
        } else if !a.suffixes.is_empty() && t.words.contains(&a.stem) && plausible(t, a, capitalised, &lower) {
            2
        } else if plausible(t, a, capitalised, &lower) {
            1
        } else {
            0
        };
        let stripped = lower.chars().count().saturating_sub(a.stem.chars().count());
        // Prefer, for equal stripping, fewer morphemes.
        (class, stripped, usize::MAX - a.suffixes.len())
    };
    all.sort_by_key(|a| std::cmp::Reverse(score(a)));
    // Keep the zero reading available and the list free of duplicates.
    let mut seen = HashSet::default();
    all.retain(|a| seen.insert((a.stem.clone(), a.suffixes.clone())));
    if all.is_empty() {
        all.push(Analysis { known: t.stems.contains(&lower), stem: lower, suffixes: Vec::new() });
    }
    all
}

/// Endings of patronymic-like surname parts (`Кемелұлы`, `Сейдірқызы`):
/// a possessive that belongs to the name, kept under a case suffix.
const PATRONYMIC: [&str; 2] = ["ұлы", "қызы"];

/// The nominative (lower case) of the inflected last word of a person's
/// name in Kazakh text. In a Kazakh name only the last word takes the case
/// suffix (`Хань Чуньлинь-ді`, `Асхат Шахаров-тың`), and a person's name
/// takes no plural or possessive of its own; so one case suffix is stripped
/// when it fits the stem by consonant assimilation and vowel harmony, even
/// when the stem is unknown (`Стефано-ны`, `Бахуш-ты`, `Гиоге-ні`).
/// `-ұлы`/`-қызы` keep their possessive (`Байтұрсынұлы-ның`). A word that
/// merely ends like a suffix keeps it when the stem left would be
/// implausible: under three letters (two after a vowel-final stem for a
/// three-letter suffix: `Ли-дің`), with no vowel, or a known name ending
/// (`Тілеуберді`). The locative is stripped only from surname shapes
/// (`Мағзумова-да`): foreign names end in `-да` (`Ямада`, `Аманда`).
pub fn name_stem(word: &str) -> String {
    let t = tables();
    let lower = yntymaq_core::to_lower(word);
    if t.name_endings.iter().any(|e| lower.ends_with(e.as_str()) && !t.stems.contains(&lower)) {
        return lower;
    }
    let mut best: Option<(usize, String)> = None;
    for a in readings(t, &lower) {
        let Some(stem) = name_reading_stem(t, &a) else { continue };
        if !plausible_name_stem(t, &stem, &a.suffixes) {
            continue;
        }
        let stripped = lower.chars().count().saturating_sub(stem.chars().count());
        // A known stem first, then the longest suffix.
        let score = stripped + if t.stems.contains(&stem) { 100 } else { 0 };
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, stem));
        }
    }
    best.map(|(_, s)| s).unwrap_or(lower)
}

/// The name stem of a reading: one case suffix, after a bare stem or after
/// the possessive of `-ұлы`/`-қызы`.
fn name_reading_stem(t: &Tables, a: &Analysis) -> Option<String> {
    match a.suffixes.as_slice() {
        [case] if case.slot.rank() == 3 => Some(a.stem.clone()),
        // A family in the plural (`Ибрагимов-тер`, `Есжанов-тар-дың`): only
        // after a surname shape, since names end in `-тар`, `-дар` (Мұхтар).
        [plur, rest @ ..]
            if plur.slot == Slot::Plur
                && rest.len() <= 1
                && rest.iter().all(|m| m.slot.rank() == 3)
                && t.surname_endings.iter().any(|e| a.stem.ends_with(e.as_str())) =>
        {
            Some(a.stem.clone())
        }
        [poss, case] if poss.slot == Slot::Poss3 && case.slot.rank() == 3 => {
            let whole = format!("{}{}", a.stem, poss.form);
            (PATRONYMIC.iter().any(|p| whole.ends_with(p)) || t.stems.contains(&whole)).then_some(whole)
        }
        _ => None,
    }
}

fn plausible_name_stem(t: &Tables, stem: &str, suffixes: &[Morpheme]) -> bool {
    let Some(case) = suffixes.last() else { return false };
    let n = stem.chars().count();
    let vowel_final = stem.chars().last().is_some_and(|c| t.back.contains(&c) || t.front.contains(&c) || c == 'и');
    let min = if vowel_final && case.form.chars().count() >= 3 { 2 } else { 3 };
    if n < min || !stem.chars().any(|c| t.back.contains(&c) || t.front.contains(&c) || matches!(c, 'и' | 'у')) {
        return false;
    }
    if case.slot == Slot::Loc && suffixes.len() == 1 && !t.surname_endings.iter().any(|e| stem.ends_with(e.as_str())) {
        return false;
    }
    true
}

/// The stem of the best reading (lower case).
pub fn stem(word: &str) -> String {
    analyse(word).into_iter().next().map(|a| a.stem).unwrap_or_else(|| yntymaq_core::to_lower(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load() {
        let (s, _) = table_sizes();
        assert!(s > 60, "{s} suffix lines");
    }

    #[test]
    fn strips_case_and_possessive() {
        assert_eq!(stem("Германиямен"), "германия");
        assert_eq!(stem("Германияның"), "германия");
        assert_eq!(stem("Шахаровтың"), "шахаров");
        assert_eq!(stem("Хетагуровпен"), "хетагуров");
        assert_eq!(stem("ШҚО-ның"), "шқо");
        assert_eq!(stem("облысының"), "облыс");
        assert_eq!(stem("облысы"), "облыс");
        assert_eq!(stem("әкімдігі"), "әкімдік");
        assert_eq!(stem("Қазақстандағы"), "қазақстан");
        assert_eq!(stem("Астанада"), "астана");
        assert_eq!(stem("Астана"), "астана");
        assert_eq!(stem("Алматы"), "алматы");
    }

    #[test]
    fn never_empty() {
        for w in ["", "-", "ы", "-ның", "ның", "а-", "123"] {
            let a = analyse(w);
            assert!(!a.is_empty(), "{w}");
        }
    }
}
