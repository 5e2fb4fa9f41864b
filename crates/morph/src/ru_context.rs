//! The case a Russian person name can have, told by the words before it:
//! a preposition's government (`с` → instrumental or genitive), the title
//! noun it stands in apposition to (`с послом` → instrumental; every
//! dictionary reading of the noun counts: `главой` is a form of the noun
//! `глава` and of the adjective `главый`, and only the animate noun is a
//! head), or the noun whose genitive complement it is (`после смерти`).
//! Table: `data/morph/ru_context.tsv`.

use yntymaq_core::FxHashMap;

use crate::ru::{self, Ru};

const NOM: u8 = 1;
const GEN: u8 = 1 << 1;
const DAT: u8 = 1 << 2;
const ACC: u8 = 1 << 3;
const INS: u8 = 1 << 4;

/// Words scanned before the name, nearest first.
const WINDOW: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Prep,
    Title,
    Stop,
}

/// The parsed `ru_context.tsv`.
pub struct Table {
    /// Lower-case word or phrase (words joined by one space) → (kind, cases).
    words: FxHashMap<Box<str>, (Kind, u8)>,
    /// Most words in a phrase.
    longest: usize,
}

impl Table {
    pub fn load() -> Table {
        let mut words = FxHashMap::default();
        let mut longest = 1;
        for line in include_str!("../../../data/morph/ru_context.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(kind), Some(word)) = (cols.next(), cols.next()) else { continue };
            let kind = match kind {
                "prep" => Kind::Prep,
                "title" => Kind::Title,
                "stop" => Kind::Stop,
                _ => continue,
            };
            let cases = cols.next().map_or(0, ru::case_bits);
            longest = longest.max(word.split(' ').count());
            words.insert(Box::from(word), (kind, cases));
        }
        Table { words, longest }
    }

    fn get(&self, phrase: &str) -> Option<(Kind, u8)> {
        self.words.get(phrase).copied()
    }
}

/// What one word before the name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A preposition with the cases it governs.
    Prep(u8),
    /// A person noun (title) with the cases of its forms.
    Head(u8),
    /// An inanimate noun: the cases of its forms.
    Thing(u8),
    /// An adjective (or a pronoun adjective) with its cases.
    Adj(u8),
    /// A finite verb, singular (the name may be its subject).
    VerbSing,
    /// An infinitive, gerund, plural verb or participle: the name is no subject.
    VerbOther,
    /// A capitalised word that is no person: a place, organisation,
    /// abbreviation (посла Японии, в РК).
    Proper,
    /// A person's name: the name that follows belongs to another phrase.
    Person,
    /// Anything else: nothing to tell.
    Stop,
}

const VERB: u64 = ru::bit("VERB");
const INFN: u64 = ru::bit("INFN");
const GRND: u64 = ru::bit("GRND");
const PRTF: u64 = ru::bit("PRTF");
const ADJF: u64 = ru::bit("ADJF");

thread_local! {
    /// Per-thread cache of the roles of words before names.
    static ROLES: std::cell::RefCell<FxHashMap<Box<str>, Role>> = std::cell::RefCell::new(FxHashMap::default());
}

/// Roles kept in each thread's cache before it is emptied.
const CACHE_LIMIT: usize = 50_000;

/// The role of a word, cached per thread.
fn role(ru: &Ru, table: &Table, word: &str) -> Role {
    if let Some(r) = ROLES.with(|c| c.borrow().get(word).copied()) {
        return r;
    }
    let r = role_uncached(ru, table, word);
    ROLES.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_LIMIT {
            c.clear();
        }
        c.insert(Box::from(word), r);
    });
    r
}

fn role_uncached(ru: &Ru, table: &Table, word: &str) -> Role {
    if !word.chars().any(yntymaq_core::is_letter) {
        return Role::Stop;
    }
    let lower = yntymaq_core::to_lower(word);
    match table.get(&lower) {
        Some((Kind::Prep, c)) => return Role::Prep(c),
        Some((Kind::Title, c)) => return Role::Head(c),
        Some((Kind::Stop, _)) => return Role::Stop,
        None => {}
    }
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    let readings = ru.readings(&lower);
    let mut known: Vec<&ru::Reading> = readings.iter().filter(|r| r.known).collect();
    if known.is_empty() {
        // A capitalised unknown word: a foreign place, body or acronym
        // (Бундесрата, РК) or a name.
        if capital {
            let person = readings.iter().any(|r| r.has(ru::NAME | ru::SURN));
            let all_caps = word.chars().filter(|c| yntymaq_core::is_letter(*c)).all(char::is_uppercase);
            return if person && !all_caps { Role::Person } else { Role::Proper };
        }
        // A lower-case word the dictionary does not know: its predicted
        // verb readings (экстрадировали) are reliable, the rest are not.
        known = readings.iter().filter(|r| r.has(VERB | INFN | GRND)).collect();
        if known.is_empty() {
            return Role::Stop;
        }
    }
    let common = |r: &&&ru::Reading| !r.has(ru::NAME | ru::SURN | ru::PATR | ru::GEOX | ru::ORGN | ru::ABBR | ru::TRAD);
    let noun = |r: &&&ru::Reading| r.has(ru::NOUN);
    // Person nouns: every case of every animate noun reading (главой: the
    // noun глава, not the adjective главый).
    let anim: u8 = known.iter().filter(common).filter(noun).filter(|r| r.has(ru::ANIM)).fold(0, |a, r| a | r.tag.cases);
    if anim != 0 {
        return Role::Head(anim);
    }
    if capital {
        if known.iter().any(|r| r.has(ru::NAME | ru::SURN | ru::PATR)) {
            return Role::Person;
        }
        if known.iter().any(|r| r.has(ru::GEOX | ru::ORGN | ru::ABBR | ru::TRAD)) {
            return Role::Proper;
        }
    }
    let thing: u8 = known.iter().filter(common).filter(noun).fold(0, |a, r| a | r.tag.cases);
    // A common noun reading wins (дел: the noun дело, not the verb деть);
    // otherwise the best reading tells the part of speech.
    if thing != 0 && !capital {
        return Role::Thing(thing);
    }
    let best = ru.best(&readings).and_then(|i| readings.get(i));
    let pos = best.map_or("", |r| r.tag.pos());
    // A participle is a verb form (принадлежащая Юрию Мильнеру).
    if known.iter().any(|r| r.has(PRTF)) {
        return Role::VerbOther;
    }
    match pos {
        "NOUN" if thing != 0 => Role::Thing(thing),
        "ADJF" | "NPRO" => {
            let adj: u8 = known.iter().filter(|r| r.has(ADJF)).fold(0, |a, r| a | r.tag.cases);
            Role::Adj(adj)
        }
        "VERB" => {
            if best.is_some_and(|r| r.has(ru::PLUR)) {
                Role::VerbOther
            } else {
                Role::VerbSing
            }
        }
        "INFN" | "GRND" | "PRTF" | "PRTS" => Role::VerbOther,
        "PREP" => Role::Prep(0),
        _ if thing != 0 && capital => Role::Proper,
        _ => Role::Stop,
    }
}

/// Bit set over `ru::CASES` of the cases a name after `before` (nearest
/// last) may have; 0 when the words say nothing.
pub fn cases_after(ru: &Ru, table: &Table, before: &[&str]) -> u8 {
    let from = before.len().saturating_sub(WINDOW);
    let before = before.get(from..).unwrap_or(&[]);
    // A phrase preposition right before the name (в пользу, во главе с).
    // The lower-case words joined by spaces, once: each phrase is a tail.
    let longest = table.longest.min(before.len());
    if longest >= 2 {
        let mut joined = String::with_capacity(64);
        let mut starts = [0usize; WINDOW];
        for (k, w) in before.get(before.len() - longest..).unwrap_or(&[]).iter().enumerate() {
            if k > 0 {
                joined.push(' ');
            }
            if let Some(s) = starts.get_mut(k) {
                *s = joined.len();
            }
            yntymaq_core::push_lowercase(w, &mut joined);
        }
        // n words: the tail from the start of word `longest - n`
        for n in (2..=longest).rev() {
            let Some(phrase) = starts.get(longest - n).and_then(|&s| joined.get(s..)) else { continue };
            if let Some((Kind::Prep, c)) = table.get(phrase) {
                return c;
            }
        }
    }
    // The nearest word's own say, when no head is found further back.
    let mut near: u8 = 0;
    for (k, w) in before.iter().rev().enumerate() {
        let adjacent = k == 0;
        match role(ru, table, w) {
            Role::Prep(c) => {
                if adjacent {
                    return c;
                }
                // A prepositional phrase between a title and the name
                // (послом Германии в РК Моникой Иверсен): go on.
            }
            Role::Head(c) => {
                // The name stands in apposition to the person noun, or is
                // its genitive complement (вдова Ельцина). A title in the
                // genitive may itself belong to one before it (заместитель
                // акима области): that one is the head.
                let mut cases = c;
                if c & GEN != 0 {
                    // Adjectives of the genitive title may stand between
                    // (супруге первого президента): skip them.
                    for prev in before[..before.len() - k - 1].iter().rev() {
                        match role(ru, table, prev) {
                            Role::Adj(_) => continue,
                            Role::Head(p) => cases |= p,
                            _ => {}
                        }
                        break;
                    }
                }
                return cases | GEN;
            }
            Role::Thing(c) => {
                if adjacent {
                    // A thing's genitive complement (после смерти Егора) or
                    // its addressee (памятник Пушкину).
                    near = GEN | DAT;
                }
                // A genitive may be the modifier of a title further back.
                if c & GEN == 0 {
                    break;
                }
            }
            Role::Adj(c) => {
                if adjacent {
                    // An adjective agrees with the name (известному Иванову).
                    return c;
                }
            }
            // A verb right before the name: its subject (singular verbs
            // only), object or complement, never a locative.
            Role::VerbSing if adjacent => return NOM | GEN | DAT | ACC | INS,
            Role::VerbOther if adjacent => return GEN | DAT | ACC | INS,
            Role::VerbSing | Role::VerbOther => break,
            Role::Proper => {}
            Role::Person | Role::Stop => break,
        }
    }
    near
}
