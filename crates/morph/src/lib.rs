//! Morphology for the analyze stage: Russian dictionary lemmatisation with a
//! surname guesser, Kazakh suffix analysis.
//!
//! ```text
//! let m = Morph::global();
//! m.lemma("Карагандинской", "ru")  == "карагандинский"
//! m.lemma("облысының", "kk")       == "облыс"
//! m.name_nominative(&["Моникой", "Иверсен"], "ru") == ["Моника", "Иверсен"]
//! m.name_nominative_after(&["Карима", "Кокрекбаева"], "ru", &["акима", "области"])
//!                                  == ["Карим", "Кокрекбаев"]
//! ```
//!
//! Russian uses the OpenCorpora dictionary of rsmorphy-dict-ru, embedded in
//! the binary (see `ru_dict.rs`); Kazakh uses the suffix tables and stem
//! lexicon of `data/morph/`. `lemma` is cached per thread.

pub mod kk;
mod ru;
mod ru_context;
mod ru_dawg;
mod ru_dict;

use std::cell::RefCell;
use std::sync::OnceLock;
use yntymaq_core::{is_cyrillic, FxHashMap};

pub use kk::{Analysis, Morpheme, Slot};
pub use ru_dict::LoadError;

/// A grammatical case, as a hint to [`Morph::name_nominative_in_context`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Case {
    Nom,
    Gen,
    Dat,
    Acc,
    Ins,
    Loc,
}

impl Case {
    /// Position in `ru::CASES`.
    fn index(self) -> usize {
        match self {
            Case::Nom => 0,
            Case::Gen => 1,
            Case::Dat => 2,
            Case::Acc => 3,
            Case::Ins => 4,
            Case::Loc => 5,
        }
    }

    /// The case of a Russian word by its OpenCorpora tags (`gent` → Gen),
    /// e.g. of the title word before a name; `None` when the tags give none.
    pub fn from_tags(tags: &[&str]) -> Option<Case> {
        tags.iter().find_map(|t| match *t {
            "nomn" => Some(Case::Nom),
            "gent" => Some(Case::Gen),
            "datv" => Some(Case::Dat),
            "accs" => Some(Case::Acc),
            "ablt" => Some(Case::Ins),
            "loct" => Some(Case::Loc),
            _ => None,
        })
    }
}

/// Dictionaries, loaded once.
pub struct Morph {
    ru: ru::Ru,
    ru_context: ru_context::Table,
}

/// Languages with their own analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Lang {
    Ru,
    Kk,
    Other,
}

fn lang_of(code: &str) -> Lang {
    match code {
        "ru" => Lang::Ru,
        "kk" => Lang::Kk,
        _ => Lang::Other,
    }
}

/// Entries kept in each thread's lemma cache before it is emptied.
const CACHE_LIMIT: usize = 50_000;

/// A lemma cache: word → lemma.
type Cache = FxHashMap<Box<str>, Box<str>>;

thread_local! {
    /// Per-thread lemma caches for Russian and Kazakh.
    static LEMMAS: RefCell<[Cache; 2]> = RefCell::new([Cache::default(), Cache::default()]);
    /// Per-thread tag caches for Russian and Kazakh.
    static TAGS: RefCell<[TagCache; 2]> = RefCell::new([TagCache::default(), TagCache::default()]);
    /// Per-thread cache of all the lemmas of Russian word forms.
    static ALL_LEMMAS: RefCell<FxHashMap<Box<str>, Box<[String]>>> = RefCell::new(FxHashMap::default());
    /// Per-thread cache of the candidate readings of Russian name tokens,
    /// by the token's [`TokenFlags`] (as bits) and the token.
    static NAME_CANDIDATES: RefCell<[NameCache; 8]> = RefCell::new(Default::default());
}

/// The shape of a Russian name around one of its tokens.
#[derive(Debug, Clone, Copy)]
struct TokenFlags {
    /// More than one token is not an initial.
    many: bool,
    /// The token is the last that is not an initial.
    last: bool,
    /// Another token is declinable (see `name_candidates_ru`).
    evidence: bool,
}

/// A cache of name tokens' candidate readings: token → readings.
type NameCache = FxHashMap<Box<str>, std::rc::Rc<[ru::NameReading]>>;

/// A tag cache: word → tags.
type TagCache = FxHashMap<Box<str>, Box<[&'static str]>>;

impl Morph {
    /// Loads the dictionaries. Prefer [`Morph::global`]; if the embedded
    /// Russian dictionary cannot be read (it always can in a correct
    /// build), Russian words are only lower-cased and the error is returned
    /// by [`Morph::try_new`].
    pub fn new() -> Morph {
        match Morph::try_new() {
            Ok(m) => m,
            Err(e) => {
                eprintln!("yntymaq-morph: Russian dictionary not loaded: {e}");
                Morph { ru: ru::Ru::new(None), ru_context: ru_context::Table::load() }
            }
        }
    }

    /// Loads the dictionaries, failing if the Russian one cannot be read.
    pub fn try_new() -> Result<Morph, LoadError> {
        Ok(Morph { ru: ru::Ru::new(Some(ru_dict::load()?)), ru_context: ru_context::Table::load() })
    }

    /// The process-wide instance, loaded on first use.
    pub fn global() -> &'static Morph {
        static M: OnceLock<Morph> = OnceLock::new();
        M.get_or_init(Morph::new)
    }

    /// Whether the Russian dictionary is loaded.
    pub fn has_russian_dictionary(&self) -> bool {
        self.ru.has_dictionary()
    }

    /// Lower-case lemma of one word, for gazetteer matching. `lang` is
    /// `ru`, `kk` or anything else (then the word is only lower-cased).
    ///
    /// Russian: the dictionary lemma (области → область, Германии →
    /// германия); a capitalised word the dictionary does not know gets a
    /// key shared by all its case forms (Булекпаевым → булекпаев, Шымкенте
    /// → шымкент). Kazakh: case, possessive and plural suffixes stripped
    /// (облысының → облыс, ШҚО-ның → шқо, әкімдігі → әкімдік).
    pub fn lemma(&self, word: &str, lang: &str) -> String {
        let lang = lang_of(lang);
        if lang == Lang::Other || word.is_empty() {
            return yntymaq_core::to_lower(word);
        }
        let slot = usize::from(lang == Lang::Kk);
        let cached = LEMMAS.with(|c| c.borrow()[slot].get(word).map(|s| s.to_string()));
        if let Some(l) = cached {
            return l;
        }
        let lemma = self.lemma_uncached(word, lang);
        LEMMAS.with(|c| {
            let c = &mut c.borrow_mut()[slot];
            if c.len() >= CACHE_LIMIT {
                c.clear();
            }
            c.insert(Box::from(word), Box::from(lemma.as_str()));
        });
        lemma
    }

    fn lemma_uncached(&self, word: &str, lang: Lang) -> String {
        match lang {
            Lang::Ru => self.ru.lemma(word),
            Lang::Kk => {
                // Russian words inside Kazakh text keep Kazakh rules; a word
                // with only Latin letters is only lower-cased.
                if !word.chars().any(is_cyrillic) {
                    return yntymaq_core::to_lower(word);
                }
                kk::stem(word)
            }
            Lang::Other => yntymaq_core::to_lower(word),
        }
    }

    /// Every lemma a word may have, the best first: a Russian word form can
    /// belong to several words (главой: глава, главый), and matching against
    /// a gazetteer should try them all. Kazakh and other languages: the one
    /// lemma.
    pub fn lemmas(&self, word: &str, lang: &str) -> Vec<String> {
        if lang_of(lang) != Lang::Ru {
            return vec![self.lemma(word, lang)];
        }
        if let Some(l) = ALL_LEMMAS.with(|c| c.borrow().get(word).map(|l| l.to_vec())) {
            return l;
        }
        let mut out = vec![self.lemma(word, lang)];
        for r in self.ru.readings(word).iter().filter(|r| r.known) {
            if !out.contains(&r.lemma) {
                out.push(r.lemma.clone());
            }
        }
        ALL_LEMMAS.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() >= CACHE_LIMIT {
                c.clear();
            }
            c.insert(Box::from(word), out.clone().into_boxed_slice());
        });
        out
    }

    /// Person-name tokens in any case → nominative, with the original
    /// capitalisation. The tokens of one name share case and gender: the
    /// reading (case, gender) that fits all tokens best is chosen, the
    /// nominative preferred on ties.
    pub fn name_nominative(&self, words: &[&str], lang: &str) -> Vec<String> {
        self.name_nominative_in_context(words, lang, None)
    }

    /// [`Morph::name_nominative`] with the words right before the name in its
    /// sentence (`before`, nearest last: `["встретился", "с"]`,
    /// `["акима", "области"]`; up to 6 are looked at, 3 are usually enough).
    ///
    /// Russian: the words tell a set of cases the name may have — a
    /// preposition's government (`с` → instrumental or genitive, `у` →
    /// genitive, table `data/morph/ru_context.tsv`), the person noun the name
    /// stands in apposition to (every dictionary reading of it: `главой` →
    /// instrumental), or the noun whose genitive it is (`после смерти`) —
    /// and the reading of the name that fits every word in one of those
    /// cases wins. When none fits, or the words tell nothing, the result is
    /// that of [`Morph::name_nominative`]. Kazakh and other languages: as
    /// [`Morph::name_nominative`].
    pub fn name_nominative_after(&self, words: &[&str], lang: &str, before: &[&str]) -> Vec<String> {
        if lang_of(lang) != Lang::Ru {
            return self.name_nominative(words, lang);
        }
        let allowed = ru_context::cases_after(&self.ru, &self.ru_context, before);
        let cands = self.name_candidates_ru(words);
        choose_reading(words, &cands, 0, allowed)
    }

    /// The cases a Russian person name may have after the words `before`
    /// (nearest last), as [`Morph::name_nominative_after`] derives them:
    /// `["встретился", "с"]` → instrumental, genitive; empty when the words
    /// tell nothing, and for other languages.
    pub fn cases_after(&self, before: &[&str], lang: &str) -> Vec<Case> {
        if lang_of(lang) != Lang::Ru {
            return Vec::new();
        }
        let set = ru_context::cases_after(&self.ru, &self.ru_context, before);
        [Case::Nom, Case::Gen, Case::Dat, Case::Acc, Case::Ins, Case::Loc]
            .into_iter()
            .filter(|c| set & (1 << c.index()) != 0)
            .collect()
    }

    /// [`Morph::name_nominative`] when the case of the name is known from
    /// its context, e.g. the case of the title word it stands in apposition
    /// to (`с послом Чэнь Янем`: [`Case::Ins`]; `акима области Карима
    /// Кокрекбаева`: [`Case::Gen`]). In Russian the readings in that case are
    /// preferred when one fits every word; Kazakh names (only their last
    /// word takes the suffix) and other languages ignore the hint.
    pub fn name_nominative_in_context(&self, words: &[&str], lang: &str, case: Option<Case>) -> Vec<String> {
        match lang_of(lang) {
            Lang::Ru => self.name_nominative_ru(words, case),
            Lang::Kk => {
                // Only the last word of a Kazakh name takes the case suffix.
                let last = words.iter().rposition(|w| !is_initial(w));
                words.iter().enumerate().map(|(i, w)| self.name_token_kk(w, Some(i) == last)).collect()
            }
            Lang::Other => words.iter().map(|w| (*w).to_owned()).collect(),
        }
    }

    fn name_token_kk(&self, word: &str, last: bool) -> String {
        if !last || !word.chars().any(is_cyrillic) || is_initial(word) {
            return word.to_owned();
        }
        restore_case(word, &kk::name_stem(word))
    }

    fn name_nominative_ru(&self, words: &[&str], hint: Option<Case>) -> Vec<String> {
        let cands = self.name_candidates_ru(words);
        let hint = hint.map_or(0, |h| 1u8 << h.index());
        choose_reading(words, &cands, hint, 0)
    }

    /// Candidate readings per token of a Russian name (empty: keep the token).
    fn name_candidates_ru(&self, words: &[&str]) -> Vec<Vec<ru::NameReading>> {
        // Candidate readings per token (empty: keep the token as it is).
        let initial: Vec<bool> = words.iter().map(|w| is_initial(w)).collect();
        let many = initial.iter().filter(|i| !**i).count() > 1;
        let last = initial.iter().rposition(|i| !i);
        // A word ending in a vowel other than -а/-я (Мацумото, Кинне) says
        // nothing about the case.
        let declinable: Vec<bool> = words
            .iter()
            .zip(&initial)
            .map(|(w, &i)| {
                !i && w.chars().last().is_some_and(|c| !ru::is_vowel(c) || matches!(c, 'а' | 'я' | 'А' | 'Я'))
            })
            .collect();
        let mut cands: Vec<Vec<ru::NameReading>> = words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if initial[i] || !w.chars().any(is_cyrillic) {
                    return Vec::new();
                }
                let evidence = declinable.iter().enumerate().any(|(j, &d)| j != i && d);
                let flags = TokenFlags { many, last: Some(i) == last, evidence };
                self.name_token_candidates(w, flags)
            })
            .collect();
        japanese_names(words, &mut cands, |w| self.ru.dictionary_name_readings(w).is_empty());
        cands
    }

    /// Candidate readings of one token of a Russian name (not an initial,
    /// with Cyrillic letters), cached per thread: they depend on the word
    /// and the name's shape only.
    fn name_token_candidates(&self, w: &str, flags: TokenFlags) -> Vec<ru::NameReading> {
        let slot = usize::from(flags.many) | usize::from(flags.last) << 1 | usize::from(flags.evidence) << 2;
        if let Some(c) = NAME_CANDIDATES.with(|c| c.borrow().get(slot).and_then(|m| m.get(w)).map(|c| c.to_vec())) {
            return c;
        }
        let c = self.name_token_candidates_uncached(w, flags);
        NAME_CANDIDATES.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some(m) = cache.get_mut(slot) {
                if m.len() >= CACHE_LIMIT {
                    m.clear();
                }
                m.insert(Box::from(w), c.as_slice().into());
            }
        });
        c
    }

    fn name_token_candidates_uncached(&self, w: &str, flags: TokenFlags) -> Vec<ru::NameReading> {
        let TokenFlags { many, last, evidence } = flags;
        let (_, tail) = split_hyphen(w);
        let lower = yntymaq_core::to_lower(tail);
        let mut c = self.ru.dictionary_name_readings(tail);
        if c.is_empty() {
            c = self.ru.guess(&lower);
            // A first-name-shaped -а word before an indeclinable
            // surname stays (Акира Мацумото); a last word or one
            // beside declinable words is demoted (Алана Хэмсона).
            if many && (last || evidence) {
                demote_unlikely_nominative(&mut c, &lower);
            }
            // A short word before the last one may stay undeclined
            // (Chinese names: Чэнь Янем, Сюй Хаем).
            if many && !last && lower.chars().count() <= 4 {
                c.push(ru::NameReading {
                    nominative: lower.clone(),
                    gender: ru::Gender::Any,
                    cases: ru::ALL_CASES,
                    weight: 0.3,
                });
            }
        } else {
            // The dictionary may know only another name of the same
            // form (Данна, Джуна as women's names, not Данн's or
            // Джун's genitive): the guesser's oblique readings stay,
            // weaker than the dictionary's.
            if c.iter().all(|r| r.cases & 1 != 0 && r.gender == ru::Gender::F) {
                for mut r in self.ru.guess(&lower) {
                    if r.cases & 1 == 0 && r.gender == ru::Gender::M {
                        r.weight = r.weight.min(0.4);
                        c.push(r);
                    }
                }
            }
            // A dictionary name may still be an unknown surname's
            // nominative (Алана as a woman's name): keep the word.
            c.push(ru::NameReading { nominative: lower.clone(), gender: ru::Gender::Any, cases: 1, weight: 0.3 });
            // ... or an indeclinable foreign one (Анке, not Анка's dative).
            if lower.chars().last().is_some_and(|l| ru::is_vowel(l) && !matches!(l, 'а' | 'я')) {
                c.push(ru::NameReading {
                    nominative: lower.clone(),
                    gender: ru::Gender::Any,
                    cases: ru::ALL_CASES,
                    weight: 0.25,
                });
            }
        }
        c
    }

    /// Grammatical tags of a word, useful as NER features: for Russian the
    /// OpenCorpora grammemes of the best reading (part of speech, case,
    /// gender, number) plus `Name`, `Surn`, `Patr`, `Geox`, `Orgn`, `Abbr`
    /// from any dictionary reading, and `Guess` when the dictionary does not
    /// know the word; for Kazakh the stripped suffix slots (`Gen`, `Dat`,
    /// `Loc`, `Poss3`, `Plur`...) and `KnownStem`. Empty when nothing is known.
    pub fn tags(&self, word: &str, lang: &str) -> Vec<&'static str> {
        let lang = lang_of(lang);
        if lang == Lang::Other {
            return Vec::new();
        }
        let slot = usize::from(lang == Lang::Kk);
        if let Some(t) = TAGS.with(|c| c.borrow()[slot].get(word).map(|t| t.to_vec())) {
            return t;
        }
        let tags = self.tags_uncached(word, lang);
        TAGS.with(|c| {
            let c = &mut c.borrow_mut()[slot];
            if c.len() >= CACHE_LIMIT {
                c.clear();
            }
            c.insert(Box::from(word), tags.clone().into_boxed_slice());
        });
        tags
    }

    fn tags_uncached(&self, word: &str, lang: Lang) -> Vec<&'static str> {
        match lang {
            Lang::Ru => {
                if word.is_empty() || !word.chars().any(yntymaq_core::is_letter_or_digit) {
                    return Vec::new();
                }
                self.ru.tags(word)
            }
            Lang::Kk => {
                if !word.chars().any(is_cyrillic) {
                    return Vec::new();
                }
                let Some(a) = kk::analyse(word).into_iter().next() else { return Vec::new() };
                let mut out: Vec<&'static str> = a.suffixes.iter().map(|m| m.slot.as_str()).collect();
                if a.known {
                    out.push("KnownStem");
                }
                out
            }
            Lang::Other => Vec::new(),
        }
    }
}

/// Picks the (case, gender) reading that fits the tokens of a name best and
/// brings every token to its nominative. `hint`: bit set of cases (over
/// `ru::CASES`) that win when every word has a reading in one of them;
/// `allowed`: bit set of the cases the context permits (0: any) — when some
/// reading in them fits every word, only those are considered.
/// A Japanese name (its words made of the syllables of Japanese in Russian
/// transcription, one of them a word the dictionary does not know ending in
/// -о/-и/-э or a vowel and -е: Акира Мацумото, Масахару Коно) does not decline but for its
/// -а words: a Japanese word never ends in a consonant other than -н (not
/// Акир), and one in -о/-и/-у/-э/-е keeps its form (not Масахара). Russian
/// datives and locatives of the same shape (Путину, Марине) are known to the
/// dictionary or end in -у, and trigger nothing.
fn japanese_names(words: &[&str], cands: &mut [Vec<ru::NameReading>], unknown: impl Fn(&str) -> bool) {
    if words.len() < 2 {
        return;
    }
    // Only a word ending in -о, -и, -э or -е (in either case) can trigger.
    let may_end =
        |w: &&str| w.chars().last().is_some_and(|c| matches!(c, 'о' | 'и' | 'э' | 'е' | 'О' | 'И' | 'Э' | 'Е'));
    if !words.iter().any(may_end) {
        return;
    }
    let lower: Vec<String> = words.iter().map(|w| yntymaq_core::to_lower(w)).collect();
    let ends = |w: &str, set: &[char]| w.chars().last().is_some_and(|c| set.contains(&c));
    let trigger = lower.iter().zip(words).any(|(w, orig)| {
        // -е after a consonant is rather the dative of an -а name (Ямаде);
        // transcription writes -э there (Маэдэ).
        let soft_e = w.ends_with('е') && w.chars().rev().nth(1).is_some_and(|c| !ru::is_vowel(c));
        // the cheap tests first
        ends(w, &['о', 'и', 'э', 'е']) && !soft_e && w.chars().count() >= 4 && ru::japanese_shaped(w) && unknown(orig)
    });
    if !trigger {
        return;
    }
    let shaped: Vec<bool> = lower.iter().map(|w| ru::japanese_shaped(w)).collect();
    for ((c, w), &j) in cands.iter_mut().zip(&lower).zip(&shaped) {
        if !j {
            continue;
        }
        if ends(w, &['о', 'и', 'у', 'э', 'е']) {
            c.retain(|r| r.nominative == *w);
        } else {
            c.retain(|r| r.nominative.chars().last().is_some_and(|l| ru::is_vowel(l) || l == 'н'));
        }
    }
}

/// How much weaker than the best reading overall a reading in the context's
/// cases may be and still win.
const MARGIN: f32 = 1.0;
/// The weight below which a reading does not make a name fit the context.
const MIN_FIT: f32 = 0.2;

fn choose_reading(words: &[&str], cands: &[Vec<ru::NameReading>], hint: u8, allowed: u8) -> Vec<String> {
    let reads = |r: &ru::NameReading, ci: usize, g: ru::Gender| {
        r.cases & (1 << ci) != 0 && (r.gender == g || r.gender == ru::Gender::Any)
    };
    let genders = [ru::Gender::M, ru::Gender::F];
    /// What the choice asks of one (case, gender) reading of the name: the
    /// sum over the words of their best weight in it, whether every word
    /// has a reading in it, and whether every word has a plausible one (a
    /// fit for the context's cases needs that).
    struct Fit {
        total: f32,
        all: bool,
        well: bool,
    }
    // One pass over each word's readings: per case (`ru::CASES` order) and
    // gender (`genders` order) its best weight, any reading, any plausible.
    let per_word: Vec<[[(f32, bool, bool); 2]; ru::CASES.len()]> = cands
        .iter()
        .map(|c| {
            let mut m = [[(0.0f32, false, false); 2]; ru::CASES.len()];
            for r in c {
                for (ci, row) in m.iter_mut().enumerate() {
                    for ((best, any, well), &g) in row.iter_mut().zip(&genders) {
                        if reads(r, ci, g) {
                            *best = f32::max(*best, r.weight);
                            *any = true;
                            *well |= r.weight >= MIN_FIT;
                        }
                    }
                }
            }
            m
        })
        .collect();
    let table: [[Fit; 2]; ru::CASES.len()] = std::array::from_fn(|ci| {
        std::array::from_fn(|gi| Fit {
            total: per_word.iter().map(|m| m[ci][gi].0).sum(),
            all: cands.iter().zip(&per_word).all(|(c, m)| c.is_empty() || m[ci][gi].1),
            well: cands.iter().zip(&per_word).all(|(c, m)| c.is_empty() || m[ci][gi].2),
        })
    });
    // The context's cases count when a reading in them fits every word and
    // is not far weaker than the best reading overall: a weak fit (a word
    // read as undeclined) does not overrule clear endings (Диасом
    // Есдаулетовым after `акима области`).
    let overall = table.iter().flatten().map(|f| f.total).fold(0.0, f32::max);
    let restrict = allowed != 0
        && table
            .iter()
            .enumerate()
            .any(|(ci, fs)| allowed & (1 << ci) != 0 && fs.iter().any(|f| f.well && f.total + MARGIN >= overall));
    let mut best: Option<(f32, usize, ru::Gender)> = None;
    for (ci, fs) in table.iter().enumerate() {
        if restrict && allowed & (1 << ci) == 0 {
            continue;
        }
        for (f, g) in fs.iter().zip(genders) {
            if restrict && !f.well {
                continue;
            }
            if restrict && f.total + MARGIN < overall {
                continue;
            }
            // The hinted case, when every word has a reading in it.
            let total = if hint & (1 << ci) != 0 && f.all { f.total + 10.0 } else { f.total };
            // Nominative first, then case order: ties keep the earlier.
            if best.is_none_or(|(t, _, _)| total > t + 1e-6) {
                best = Some((total, ci, g));
            }
        }
    }
    let Some((_, ci, g)) = best else { return words.iter().map(|w| (*w).to_owned()).collect() };
    words
        .iter()
        .zip(cands)
        .map(|(w, c)| {
            let pick = c.iter().filter(|r| reads(r, ci, g)).max_by(|a, b| a.weight.total_cmp(&b.weight));
            match pick {
                Some(r) => {
                    let (head, tail) = split_hyphen(w);
                    let restored = restore_case(tail, &r.nominative);
                    if head.is_empty() {
                        restored
                    } else {
                        format!("{head}{restored}")
                    }
                }
                None => (*w).to_owned(),
            }
        })
        .collect()
}

impl Default for Morph {
    fn default() -> Self {
        Morph::new()
    }
}

/// `А.`, `Н` — an initial, kept as it is.
fn is_initial(w: &str) -> bool {
    let letters = w.chars().filter(|c| yntymaq_core::is_letter(*c)).count();
    letters <= 1 || (letters == 2 && w.ends_with('.'))
}

/// `Жан-Мари` → (`Жан-`, `Мари`); the part before the last hyphen stays.
fn split_hyphen(w: &str) -> (&str, &str) {
    match w.rfind('-') {
        Some(p) if p > 0 && p + 1 < w.len() => (&w[..=p], &w[p + 1..]),
        _ => ("", w),
    }
}

/// In a name of several tokens a consonant-final surname read unchanged in
/// `-а` (Хэмсона) is unlikely to be a woman's nominative: Russian women's
/// surnames in `-а` end in `-ова`, `-ева`, `-ина`, `-ына`, `-ая`.
fn demote_unlikely_nominative(c: &mut [ru::NameReading], lower: &str) {
    let chars: Vec<char> = lower.chars().collect();
    let Some((&'а', rest)) = chars.split_last() else { return };
    let Some(&b) = rest.last() else { return };
    if ru::is_vowel(b) {
        return;
    }
    if ["ова", "ева", "ёва", "ина", "ына"].iter().any(|e| lower.ends_with(e)) {
        return;
    }
    for r in c.iter_mut() {
        if r.nominative == lower && r.cases == 1 {
            r.weight = 0.4;
        }
    }
}

/// Gives `lower` the capitalisation of `original`: the shared prefix keeps
/// the original letters, the rest follows (all capitals if the word was).
fn restore_case(original: &str, lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    let mut orig = original.chars();
    let mut low = lower.chars();
    // The shared prefix keeps the original letters.
    let first_rest = loop {
        let Some(l) = low.next() else { return out };
        match orig.next() {
            // (`lower_char`: `to_lowercase` where it gives one character)
            Some(o) if yntymaq_core::lower_char(o) == Some(l) => out.push(o),
            _ => break l,
        }
    };
    let letters = || original.chars().filter(|c| yntymaq_core::is_letter(*c));
    let all_caps = letters().count() > 1 && letters().all(|c| c.is_uppercase());
    // The first letter of the rest is a capital where the word's first
    // letter was and nothing was shared.
    if all_caps || (out.is_empty() && original.chars().next().is_some_and(|o| o.is_uppercase())) {
        out.extend(first_rest.to_uppercase());
    } else {
        out.push(first_rest);
    }
    for c in low {
        if all_caps {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restores_capitalisation() {
        assert_eq!(restore_case("Моникой", "моника"), "Моника");
        assert_eq!(restore_case("ШҚО-ның", "шқо"), "ШҚО");
        assert_eq!(restore_case("ИВАНОВОЙ", "иванова"), "ИВАНОВА");
        assert_eq!(restore_case("Иванов", "иванов"), "Иванов");
        assert_eq!(restore_case("Ивановой", "иванова"), "Иванова");
        assert_eq!(restore_case("Пётр", "петр"), "Петр");
        assert_eq!(restore_case("Петра", "пётр"), "Пётр");
        assert_eq!(restore_case("ивановой", "иванова"), "иванова");
        assert_eq!(restore_case("Ли", "ли"), "Ли");
        assert_eq!(restore_case("", "ли"), "ли");
        assert_eq!(restore_case("Ли", ""), "");
    }

    #[test]
    fn initials() {
        assert!(is_initial("А."));
        assert!(is_initial("Н"));
        assert!(!is_initial("Ана"));
    }
}
