//! Gazetteers: Kazakh regions and places, countries and demonyms, foreign regions, roles, event triggers, sectors; data under data/ and matching over lemmas.
//!
//! The tables live in `data/gazetteer/*.tsv` and are embedded at compile time.
//! [`Gazetteer::global`] loads them once per process. Matching works on
//! tokens from [`yntymaq_core::tokenize`]:
//!
//! - names (regions, places, countries, demonyms, foreign regions) and titles
//!   (roles, akimats) are matched through [`norm::keys`]: each word becomes a
//!   small set of keys (lower-cased word, Russian stem, Kazakh suffix chains,
//!   lemma from the morphology stage if the token carries one), so inflected
//!   forms meet the nominative entries; entries are indexed by the keys of
//!   their first word and the longest match wins;
//! - trigger, sector and agreement phrases are stems (`металлург*`) matched as
//!   word prefixes.
//!
//! Spans are byte offsets into the `text` the tokens were made from.

pub mod norm;
mod tables;

use chrono::NaiveDate;
use norm::{fold, fold_chars, keys, prefix3, Cap};

type HashMap<K, V> = yntymaq_core::FxHashMap<K, V>;
type HashSet<K> = yntymaq_core::FxHashSet<K>;
use std::sync::OnceLock;
use tables::{intern, names, Table};
use yntymaq_core::{tokenize, Entity, Label, Referent, Span, Token, TokenKind};

/// Endings of Russian adjectives (the place adjective before a title).
const ADJ_ENDINGS_RU: &[&str] = &[
    "ский",
    "ская",
    "ской",
    "ского",
    "скому",
    "ским",
    "ском",
    "ское",
    "ские",
    "ских",
    "цкий",
    "цкая",
    "цкой",
    "цкого",
];

/// A table that does not parse.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{table}:{line}: {msg}")]
    Row { table: &'static str, line: usize, msg: String },
}

/// Gives lemmas of entry words at load time (and of text tokens that carry none).
pub trait Lemmatizer: Send + Sync {
    /// The lower-case lemma of `word` in language `lang`, if known.
    fn lemma(&self, word: &str, lang: &str) -> Option<String>;
    /// Whether the dictionary knows the word (then its lemma is all there is
    /// to it, and ending-stripping would only make false keys).
    fn known(&self, _word: &str, _lang: &str) -> bool {
        false
    }
    /// All the lemmas a word form may have (the best first).
    fn lemmas(&self, word: &str, lang: &str) -> Vec<String> {
        self.lemma(word, lang).into_iter().collect()
    }
}

/// The morphology stage's lemmas (`yntymaq-morph`): dictionary lemmas for
/// Russian, suffix analysis for Kazakh.
pub struct MorphLemmatizer;

impl Lemmatizer for MorphLemmatizer {
    fn lemma(&self, word: &str, lang: &str) -> Option<String> {
        matches!(lang, "ru" | "kk").then(|| yntymaq_morph::Morph::global().lemma(word, lang))
    }
    fn lemmas(&self, word: &str, lang: &str) -> Vec<String> {
        if matches!(lang, "ru" | "kk") {
            yntymaq_morph::Morph::global().lemmas(word, lang)
        } else {
            Vec::new()
        }
    }
    fn known(&self, word: &str, lang: &str) -> bool {
        lang == "ru" && {
            let tags = yntymaq_morph::Morph::global().tags(word, lang);
            // a common word the dictionary knows, not a name it guessed
            !tags.is_empty() && !tags.iter().any(|t| matches!(*t, "Guess" | "Name" | "Surn" | "Geox" | "Orgn" | "Abbr"))
        }
    }
}

/// What a name refers to.
#[derive(Debug, Clone, PartialEq)]
enum LocRef {
    KzRegion(String),
    KzPlace(String),
    Country(String),
    Foreign { name: String, country: String },
}

impl LocRef {
    fn referent(&self) -> Referent {
        match self {
            LocRef::KzRegion(c) => Referent::KzRegion { code: c.clone() },
            LocRef::KzPlace(r) => Referent::KzPlace { region: r.clone() },
            LocRef::Country(c) => Referent::Country { code: c.clone() },
            LocRef::Foreign { name, country } => {
                Referent::ForeignRegion { name: name.clone(), country: country.clone() }
            }
        }
    }
}

#[derive(Debug)]
struct Word {
    keys: Vec<String>,
    cap: Cap,
    /// The folded surface word (to tell a nominative from a suffixed form).
    folded: String,
}

#[derive(Debug)]
struct Phrase {
    words: Vec<Word>,
    surface: String,
}

impl Phrase {
    fn new(surface: &str, lang: &str, lem: Option<&dyn Lemmatizer>) -> Phrase {
        let words = tokenize(surface)
            .iter()
            .map(|t| {
                let w = t.text(surface);
                let lemma = if t.kind == TokenKind::Word { lem.and_then(|l| l.lemma(w, lang)) } else { None };
                Word { keys: keys(w, lemma.as_deref()), cap: Cap::of(w), folded: fold(w) }
            })
            .collect();
        Phrase { words, surface: surface.to_string() }
    }
}

#[derive(Debug)]
struct LocEntry {
    phrase: Phrase,
    target: LocRef,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    /// Tie-break between entries of equal length (regions first).
    priority: u8,
    source: &'static str,
}

#[derive(Debug)]
struct RoleEntry {
    phrase: Phrase,
    role: &'static str,
    kz_side: bool,
    family: Option<&'static str>,
}

#[derive(Debug)]
struct OrgEntry {
    phrase: Phrase,
    level: &'static str,
}

/// Entries indexed by the keys of their first word.
#[derive(Default)]
struct KeyIndex {
    map: HashMap<String, Vec<u32>>,
    /// The heads of every entry: a text word can only match when one of its
    /// prefixes is one. Gathered while loading, then moved to [`AllHeads`].
    all: Heads,
    /// The heads of the entries a word starting with a lower-case letter can
    /// begin: those whose first word is not a capitalised name or an
    /// abbreviation standing alone (see [`Ctx::phrase_matches`]). Moved to
    /// [`AllHeads`] like `all`.
    lower: Heads,
}

/// Every key, and keys ending in a restored «й» or a voiced consonant
/// without that letter, as [`prefix_hashes`]; and their first three
/// characters (padded with NUL), a cheaper first test.
#[derive(Default)]
struct Heads {
    heads: HashSet<u64>,
    p3: HashSet<[char; 3]>,
}

impl Heads {
    fn add(&mut self, k: &str) {
        self.heads.extend(prefix_hashes(k).last());
        self.p3.insert(prefix3(k));
        if let Some(v) = k.strip_suffix(['й', 'қ', 'к', 'п']) {
            self.p3.insert(prefix3(v));
            self.heads.extend(prefix_hashes(v).last());
        }
    }
}

/// The heads of the three indexes ([`Which`]) in one table: bit
/// `2 * which + 1` of a prefix hash (or of a padded first-three-letter
/// triple) marks a head of that index's `lower` heads, bit `2 * which` one
/// of its `all` heads; a word's prefixes are hashed once for all three.
#[derive(Default)]
struct AllHeads {
    heads: HashMap<u64, u8>,
    p3: HashMap<[char; 3], u8>,
}

impl AllHeads {
    /// Takes the heads of the indexes (they are of no further use there).
    fn of(indexes: [(Which, &mut KeyIndex); 3]) -> AllHeads {
        let mut t = AllHeads::default();
        for (which, index) in indexes {
            for (set, lower) in [(std::mem::take(&mut index.all), 0u8), (std::mem::take(&mut index.lower), 1u8)] {
                let bit = 1u8 << (2 * which as u8 + lower);
                for &h in &set.heads {
                    *t.heads.entry(h).or_default() |= bit;
                }
                for &p in &set.p3 {
                    *t.p3.entry(p).or_default() |= bit;
                }
            }
        }
        t
    }

    /// Bit `which` set when a word (or its lemma) can begin an entry of that
    /// index: one of its folded prefixes is a head. A word starting with a
    /// lower-case letter can only begin the entries that allow it: it is
    /// tested against their heads alone.
    fn passes(&self, w: &str, lemma: Option<&str>) -> u8 {
        let lower = w.chars().next().is_some_and(char::is_lowercase);
        let mask: u8 = if lower { 0b10_1010 } else { 0b01_0101 };
        let test = |x: &str| -> u8 {
            let p = prefix3(x);
            let get = |k: [char; 3]| self.p3.get(&k).copied().unwrap_or(0);
            let p3 = (get(p) | get([p[0], p[1], '\0']) | get([p[0], '\0', '\0'])) & mask;
            if p3 == 0 {
                return 0;
            }
            p3 & prefix_hashes(x).fold(0u8, |b, h| b | self.heads.get(&h).copied().unwrap_or(0))
        };
        let bits = test(w) | lemma.map_or(0, test);
        (0..3).filter(|k| bits & (0b11 << (2 * k)) != 0).fold(0u8, |out, k| out | 1 << k)
    }
}

/// Hashes of the non-empty prefixes of a word, folded ([`fold`]), each
/// from the one before: a word's every prefix is tested in one pass.
fn prefix_hashes(word: &str) -> impl Iterator<Item = u64> + '_ {
    fold_chars(word).scan(0u64, |h, c| {
        *h = (h.rotate_left(5) ^ u64::from(u32::from(c))).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        Some(*h)
    })
}

impl KeyIndex {
    fn add(&mut self, id: usize, phrase: &Phrase) {
        if let Some(first) = phrase.words.first() {
            let lower_ok = first.cap == Cap::Any || (first.cap == Cap::Initial && phrase.words.len() > 1);
            for k in &first.keys {
                let ids = self.map.entry(k.clone()).or_default();
                if !ids.contains(&(id as u32)) {
                    ids.push(id as u32);
                }
                self.all.add(k);
                if lower_ok {
                    self.lower.add(k);
                }
            }
        }
    }
}

/// One word of a stem pattern.
#[derive(Debug)]
struct PatWord {
    text: String,
    prefix: bool,
    cap: Cap,
}

#[derive(Debug)]
struct PatEntry {
    words: Vec<PatWord>,
    kind: &'static str,
    lang: &'static str,
    weight: usize,
}

/// Stem patterns indexed by the first (up to) three letters of their first word.
#[derive(Default)]
struct PatIndex {
    entries: Vec<PatEntry>,
    map: HashMap<String, Vec<u32>>,
    /// The map's keys as padded character triples, to skip words cheaply.
    heads: HashSet<[char; 3]>,
}

impl PatIndex {
    fn load(table: &'static str, src: &str, kind_col: &str, codes: &[&'static str]) -> Result<Self, GazetteerError> {
        let t = Table::parse(table, src)?;
        let (ck, cl, cp) = (t.col(kind_col)?, t.col("lang")?, t.col("phrases")?);
        let mut idx = PatIndex::default();
        for (line, row) in &t.rows {
            let kind = intern(table, *line, codes, row[ck])?;
            for phrase in names(row[cp]) {
                let words: Vec<PatWord> = phrase
                    .split_whitespace()
                    .map(|w| {
                        let prefix = w.ends_with('*');
                        let w = w.trim_end_matches('*');
                        PatWord { text: fold(w), prefix, cap: Cap::of(w) }
                    })
                    .collect();
                let Some(first) = words.first() else { continue };
                if first.text.is_empty() {
                    return Err(GazetteerError::Row { table, line: *line, msg: format!("empty pattern in {phrase}") });
                }
                let key: String = first.text.chars().take(3).collect();
                let weight = words.iter().map(|w| w.text.chars().count() + if w.prefix { 0 } else { 1 }).sum();
                idx.heads.insert(prefix3(&key));
                idx.map.entry(key).or_default().push(idx.entries.len() as u32);
                let lang = match row[cl] {
                    "ru" => "ru",
                    "kk" => "kk",
                    "en" => "en",
                    other => {
                        return Err(GazetteerError::Row { table, line: *line, msg: format!("unknown lang {other}") })
                    }
                };
                idx.entries.push(PatEntry { words, kind, lang, weight });
            }
        }
        Ok(idx)
    }

    fn find(&self, text: &str, tokens: &[Token], lang: &str) -> Vec<(Span, &'static str)> {
        let lang_s: &'static str = match lang {
            "ru" => "ru",
            "kk" => "kk",
            "en" => "en",
            _ => "",
        };
        let any_lang = lang_s.is_empty();
        // words are folded lazily: only those that can start a pattern, and the words after them
        let mut folded: Vec<Option<String>> = vec![None; tokens.len()];
        fn folded_at<'c>(cache: &'c mut [Option<String>], tokens: &[Token], text: &str, i: usize) -> Option<&'c str> {
            let t = tokens.get(i)?;
            if t.kind == TokenKind::Punct {
                return None;
            }
            let slot = cache.get_mut(i)?;
            if slot.is_none() {
                *slot = Some(fold(t.text(text)));
            }
            slot.as_deref()
        }
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let Some(t) = tokens.get(i) else { break };
            if t.kind == TokenKind::Punct {
                i += 1;
                continue;
            }
            let p = prefix3(t.text(text));
            let head = self.heads.contains(&p)
                || self.heads.contains(&[p[0], p[1], '\0'])
                || self.heads.contains(&[p[0], '\0', '\0']);
            if !head {
                i += 1;
                continue;
            }
            let f = folded_at(&mut folded, tokens, text, i).unwrap_or("").to_string();
            let mut best: Option<(usize, usize, &'static str)> = None; // (len, weight, kind)
            let ends: Vec<usize> =
                f.char_indices().map(|(b, _)| b).skip(1).chain(std::iter::once(f.len())).take(3).collect();
            for end in ends {
                let Some(ids) = f.get(..end).and_then(|k| self.map.get(k)) else { continue };
                for &id in ids {
                    let Some(e) = self.entries.get(id as usize) else { continue };
                    if !any_lang && e.lang != lang_s {
                        continue;
                    }
                    let mut ok = true;
                    for (k, w) in e.words.iter().enumerate() {
                        let (Some(fw), Some(tok)) = (folded_at(&mut folded, tokens, text, i + k), tokens.get(i + k))
                        else {
                            ok = false;
                            break;
                        };
                        let hit = if w.prefix { fw.starts_with(&w.text) } else { fw == w.text };
                        if !hit || !w.cap.accepts(tok.text(text)) {
                            ok = false;
                            break;
                        }
                    }
                    if ok {
                        let cand = (e.words.len(), e.weight, e.kind);
                        if best.is_none_or(|b| (cand.0, cand.1) > (b.0, b.1)) {
                            best = Some(cand);
                        }
                    }
                }
            }
            if let Some((len, _, kind)) = best {
                let end = tokens.get(i + len - 1).map(|t| t.span.end).unwrap_or(text.len());
                out.push((Span::new(t.span.start, end), kind));
                i += len;
            } else {
                i += 1;
            }
        }
        out
    }
}

/// All gazetteer tables, indexed for matching.
pub struct Gazetteer {
    locs: Vec<LocEntry>,
    loc_index: KeyIndex,
    roles: Vec<RoleEntry>,
    role_index: KeyIndex,
    orgs: Vec<OrgEntry>,
    org_index: KeyIndex,
    triggers: PatIndex,
    sectors: PatIndex,
    agreements: PatIndex,
    lemmatizer: Option<Box<dyn Lemmatizer>>,
    /// The heads of `loc_index`, `role_index` and `org_index` together.
    heads: AllHeads,
    /// Tells this gazetteer's entries in the per-thread word cache from another's.
    id: u64,
}

/// A name found in the text, by token indices.
#[derive(Debug, Clone)]
struct LocHit {
    start: usize,
    end: usize,
    entry: usize,
}

/// Which index a word is tested against ([`Ctx::passes`]).
#[derive(Clone, Copy)]
enum Which {
    Loc = 0,
    Role = 1,
    Org = 2,
}

/// What the gazetteer knows of a word form (its text, kind and lemma, in a
/// language): whether it can begin an entry of each index, and its keys,
/// computed when first asked for (a lower-case word's keys need its
/// dictionary lemma).
struct WordKeys {
    /// Bit `Which as u8`: the word passes that index's head test.
    passes: u8,
    keys: std::cell::OnceCell<Box<[String]>>,
}

/// Word forms seen on this thread → their [`WordKeys`], for the gazetteer
/// with the id in the first field (another one empties the cache).
type WordCache = (u64, HashMap<Box<str>, std::rc::Rc<WordKeys>>);

const WORD_CACHE_LIMIT: usize = 50_000;

thread_local! {
    static WORDS: std::cell::RefCell<WordCache> = std::cell::RefCell::new((0, HashMap::default()));
}

/// Per-document view of the tokens: their [`WordKeys`], looked up lazily.
struct Ctx<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lang: &'a str,
    words: Vec<Option<std::rc::Rc<WordKeys>>>,
    gaz: &'a Gazetteer,
    /// Scratch buffer for cache keys.
    buf: String,
}

impl<'a> Ctx<'a> {
    fn new(gaz: &'a Gazetteer, text: &'a str, tokens: &'a [Token], lang: &'a str) -> Ctx<'a> {
        Ctx { text, tokens, lang, words: vec![None; tokens.len()], gaz, buf: String::new() }
    }
    fn word(&self, i: usize) -> Option<&'a str> {
        self.tokens.get(i).map(|t| t.text(self.text))
    }
    /// The [`WordKeys`] of token `i`, from the thread's cache or made now.
    fn entry(&mut self, i: usize) -> Option<&std::rc::Rc<WordKeys>> {
        if matches!(self.words.get(i), Some(None)) {
            let t = self.tokens.get(i)?;
            let w = t.text(self.text);
            self.buf.clear();
            self.buf.push_str(self.lang);
            self.buf.push(match t.kind {
                TokenKind::Word => '\u{1}',
                TokenKind::Number => '\u{2}',
                TokenKind::Punct => '\u{3}',
            });
            self.buf.push_str(w);
            if let Some(l) = &t.lemma {
                self.buf.push('\u{4}');
                self.buf.push_str(l);
            }
            let id = self.gaz.id;
            let hit = WORDS.with(|c| {
                let mut c = c.borrow_mut();
                if c.0 != id {
                    c.1.clear();
                    c.0 = id;
                }
                c.1.get(self.buf.as_str()).cloned()
            });
            let e = hit.unwrap_or_else(|| {
                let passes = self.gaz.heads.passes(w, t.lemma.as_deref());
                let e = std::rc::Rc::new(WordKeys { passes, keys: std::cell::OnceCell::new() });
                WORDS.with(|c| {
                    let mut c = c.borrow_mut();
                    if c.1.len() >= WORD_CACHE_LIMIT {
                        c.1.clear();
                    }
                    c.1.insert(Box::from(self.buf.as_str()), e.clone());
                });
                e
            });
            if let Some(slot) = self.words.get_mut(i) {
                *slot = Some(e);
            }
        }
        self.words.get(i)?.as_ref()
    }
    /// The keys of token `i` (empty past the end).
    fn keys(&mut self, i: usize) -> &[String] {
        let todo = match self.entry(i) {
            Some(e) => e.keys.get().is_none(),
            None => return &[],
        };
        if todo {
            let k = match self.tokens.get(i) {
                Some(t) => self.make_keys(t),
                None => Vec::new(),
            };
            if let Some(Some(e)) = self.words.get(i) {
                let _ = e.keys.set(k.into_boxed_slice());
            }
        }
        match self.words.get(i) {
            Some(Some(e)) => e.keys.get().map_or(&[], |k| &k[..]),
            _ => &[],
        }
    }
    /// [`Ctx::keys`], shared: to hold while the context changes.
    fn keys_of(&mut self, i: usize) -> std::rc::Rc<WordKeys> {
        self.keys(i);
        match self.words.get(i) {
            Some(Some(e)) => e.clone(),
            _ => std::rc::Rc::new(WordKeys { passes: 0, keys: std::cell::OnceCell::from(Box::<[String]>::default()) }),
        }
    }
    fn make_keys(&self, t: &Token) -> Vec<String> {
        let w = t.text(self.text);
        let lem = self.gaz.lemmatizer.as_deref();
        let lemma: Option<String> = match (&t.lemma, lem) {
            (Some(l), _) => Some(l.to_string()),
            (None, Some(lem)) if t.kind == TokenKind::Word => lem.lemma(w, self.lang),
            _ => None,
        };
        if t.kind == TokenKind::Punct {
            vec![w.to_string()]
        } else if self.lang == "ru"
            && lemma.is_some()
            && lem.is_some_and(|l| w.chars().next().is_some_and(char::is_lowercase) || l.known(w, self.lang))
        {
            // A lower-case Russian word is a dictionary word: its
            // lemma is known, and ending-stripping would only make
            // false keys (словам → слов ~ словен).
            let mut k = vec![norm::fold(w)];
            k.extend(lemma.as_deref().map(norm::fold).filter(|l| !k.contains(l)));
            if let Some(l) = lem {
                for other in l.lemmas(w, self.lang).iter().map(|x| norm::fold(x)) {
                    if !k.contains(&other) {
                        k.push(other);
                    }
                }
            }
            k
        } else {
            keys(w, lemma.as_deref())
        }
    }
    fn passes(&mut self, i: usize, which: Which) -> bool {
        self.entry(i).is_some_and(|e| e.passes & (1 << which as u8) != 0)
    }
    fn word_matches(&mut self, i: usize, w: &Word, single: bool) -> bool {
        let Some(surface) = self.word(i) else { return false };
        // in a phrase of several words, capitalisation is checked for the phrase as a whole
        let cap_ok = match w.cap {
            Cap::Initial if !single => true,
            c => c.accepts(surface),
        };
        // an inflected form is no shorter than its name less a letter: "Шара"
        // (an event) shares a stem with "Шардара", but is not a form of it
        let long_enough = surface.chars().count() + 1 >= w.folded.chars().count();
        cap_ok && long_enough && self.keys(i).iter().any(|k| w.keys.contains(k))
    }
    fn phrase_matches(&mut self, i: usize, p: &Phrase) -> bool {
        let single = p.words.len() == 1;
        if !p.words.iter().enumerate().all(|(k, w)| self.word_matches(i + k, w, single)) {
            return false;
        }
        // a proper name of several words («Федеративной республики Германия»)
        // needs at least one capitalised word in the text
        single
            || !p.words.iter().any(|w| w.cap == Cap::Initial)
            || (0..p.words.len()).any(|k| self.word(i + k).is_some_and(|w| Cap::Initial.accepts(w)))
    }
}

const STOP_RU: &[&str] = &[
    "в",
    "во",
    "с",
    "со",
    "и",
    "на",
    "по",
    "к",
    "ко",
    "за",
    "от",
    "для",
    "при",
    "из",
    "о",
    "об",
    "а",
    "но",
    "что",
    "как",
    "также",
    "мен",
    "бен",
    "пен",
    "және",
    "мен",
    "бойынша",
    "үшін",
];
const STOP_EN: &[&str] = &[
    "to", "in", "with", "and", "at", "on", "for", "met", "said", "from", "by", "as", "who", "has", "was", "is", "will",
];

impl Gazetteer {
    /// The gazetteer with all tables, loaded once per process.
    pub fn global() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            Gazetteer::load(Some(Box::new(MorphLemmatizer))).unwrap_or_else(|e| {
                eprintln!("yntymaq-gazetteer: bad table: {e}");
                Gazetteer::empty()
            })
        })
    }

    fn empty() -> Gazetteer {
        Gazetteer {
            locs: Vec::new(),
            loc_index: KeyIndex::default(),
            roles: Vec::new(),
            role_index: KeyIndex::default(),
            orgs: Vec::new(),
            org_index: KeyIndex::default(),
            triggers: PatIndex::default(),
            sectors: PatIndex::default(),
            agreements: PatIndex::default(),
            lemmatizer: None,
            heads: AllHeads::default(),
            id: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
        }
    }

    /// Loads every table; entry words get lemmas from `lemmatizer` when given.
    pub fn load(lemmatizer: Option<Box<dyn Lemmatizer>>) -> Result<Gazetteer, GazetteerError> {
        let mut g = Gazetteer::empty();
        let lem = lemmatizer.as_deref();
        let mut locs = Vec::new();
        {
            let t = Table::parse("regions.tsv", tables::REGIONS)?;
            let (cc, cl, cf, ct, cn) =
                (t.col("code")?, t.col("lang")?, t.col("valid_from")?, t.col("valid_to")?, t.col("names")?);
            for (line, r) in &t.rows {
                let (from, to) = (tables::date(t.name, *line, r[cf])?, tables::date(t.name, *line, r[ct])?);
                for n in names(r[cn]) {
                    locs.push(LocEntry {
                        phrase: Phrase::new(n, r[cl], lem),
                        target: LocRef::KzRegion(r[cc].to_string()),
                        from,
                        to,
                        priority: 5,
                        source: "gazetteer:regions",
                    });
                }
            }
        }
        {
            let t = Table::parse("places.tsv", tables::PLACES)?;
            let (cr, cf, ct) = (t.col("region")?, t.col("valid_from")?, t.col("valid_to")?);
            for (line, r) in &t.rows {
                let (from, to) = (tables::date(t.name, *line, r[cf])?, tables::date(t.name, *line, r[ct])?);
                for lang in ["en", "ru", "kk"] {
                    for n in names(r[t.col(lang)?]) {
                        locs.push(LocEntry {
                            phrase: Phrase::new(n, lang, lem),
                            target: LocRef::KzPlace(r[cr].to_string()),
                            from,
                            to,
                            priority: 3,
                            source: "gazetteer:places",
                        });
                    }
                }
            }
        }
        {
            let t = Table::parse("foreign_regions.tsv", tables::FOREIGN_REGIONS)?;
            let (cn, cc) = (t.col("name")?, t.col("country")?);
            for (_, r) in &t.rows {
                for lang in ["en", "ru", "kk"] {
                    for n in names(r[t.col(lang)?]) {
                        locs.push(LocEntry {
                            phrase: Phrase::new(n, lang, lem),
                            target: LocRef::Foreign { name: r[cn].to_string(), country: r[cc].to_string() },
                            from: None,
                            to: None,
                            priority: 4,
                            source: "gazetteer:foreign_regions",
                        });
                    }
                }
            }
        }
        for (table, src, cols, prio, source) in [
            ("countries.tsv", tables::COUNTRIES, &["en", "ru", "kk"][..], 2, "gazetteer:countries"),
            ("countries_wc.tsv", tables::COUNTRIES_WC, &["en", "ru", "demonym_en"][..], 2, "gazetteer:countries"),
            ("demonyms.tsv", tables::DEMONYMS, &["en", "ru", "kk"][..], 1, "gazetteer:demonyms"),
        ] {
            let t = Table::parse(table, src)?;
            let cc = t.col("code")?;
            for (_, r) in &t.rows {
                for col in cols {
                    let lang = if *col == "demonym_en" { "en" } else { col };
                    for n in names(r[t.col(col)?]) {
                        locs.push(LocEntry {
                            phrase: Phrase::new(n, lang, lem),
                            target: LocRef::Country(r[cc].to_string()),
                            from: None,
                            to: None,
                            priority: prio,
                            source,
                        });
                    }
                }
            }
        }
        for (i, e) in locs.iter().enumerate() {
            g.loc_index.add(i, &e.phrase);
        }
        g.locs = locs;

        let t = Table::parse("roles.tsv", tables::ROLES)?;
        let (cr, cs, cf, cl, cp) =
            (t.col("role")?, t.col("side")?, t.col("family")?, t.col("lang")?, t.col("phrases")?);
        for (line, r) in &t.rows {
            let role = intern(t.name, *line, tables::ROLE_CODES, r[cr])?;
            let family = if r[cf].is_empty() { None } else { Some(intern(t.name, *line, tables::ROLE_CODES, r[cf])?) };
            for n in names(r[cp]) {
                let phrase = Phrase::new(n, r[cl], lem);
                g.role_index.add(g.roles.len(), &phrase);
                g.roles.push(RoleEntry { phrase, role, kz_side: r[cs] == "kz", family });
            }
        }
        let t = Table::parse("akimats.tsv", tables::AKIMATS)?;
        let (cv, cl, cp) = (t.col("level")?, t.col("lang")?, t.col("phrases")?);
        for (line, r) in &t.rows {
            let level = intern(t.name, *line, tables::AKIMAT_LEVELS, r[cv])?;
            for n in names(r[cp]) {
                let phrase = Phrase::new(n, r[cl], lem);
                g.org_index.add(g.orgs.len(), &phrase);
                g.orgs.push(OrgEntry { phrase, level });
            }
        }
        g.triggers = PatIndex::load("triggers.tsv", tables::TRIGGERS, "type", tables::EVENT_TYPES)?;
        g.sectors = PatIndex::load("sectors.tsv", tables::SECTORS, "sector", tables::SECTOR_CODES)?;
        g.agreements = PatIndex::load("agreements.tsv", tables::AGREEMENTS, "kind", tables::AGREEMENT_KINDS)?;
        g.lemmatizer = lemmatizer;
        g.heads = AllHeads::of([
            (Which::Loc, &mut g.loc_index),
            (Which::Role, &mut g.role_index),
            (Which::Org, &mut g.org_index),
        ]);
        Ok(g)
    }

    fn valid(e: &LocEntry, date: Option<NaiveDate>) -> bool {
        match date {
            Some(d) => e.from.is_none_or(|f| f <= d) && e.to.is_none_or(|t| d <= t),
            None => true,
        }
    }

    /// The longest name starting at token `i`.
    fn loc_at(&self, ctx: &mut Ctx, i: usize, date: Option<NaiveDate>) -> Option<LocHit> {
        if ctx.tokens.get(i)?.kind == TokenKind::Punct || !ctx.passes(i, Which::Loc) {
            return None;
        }
        let cand: Vec<u32> = {
            let e = ctx.keys_of(i);
            let ks: &[String] = e.keys.get().map_or(&[], |k| &k[..]);
            let mut v: Vec<u32> = ks.iter().filter_map(|k| self.loc_index.map.get(k)).flatten().copied().collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        // len, written as in the entry, priority, open-ended, entry: a word
        // spelt exactly as an entry is that entry, not another one's stem
        // (түрік is Turkish; түрікмен, Turkmen, stems to түрік too)
        let mut best: Option<(usize, bool, u8, bool, usize)> = None;
        for id in cand {
            let Some(e) = self.locs.get(id as usize) else { continue };
            if !Self::valid(e, date) || !ctx.phrase_matches(i, &e.phrase) {
                continue;
            }
            let exact =
                e.phrase.words.iter().enumerate().all(|(k, w)| ctx.word(i + k).is_some_and(|t| fold(t) == w.folded));
            let c = (e.phrase.words.len(), exact, e.priority, e.to.is_none(), id as usize);
            if best.is_none_or(|b| (c.0, c.1, c.2, c.3) > (b.0, b.1, b.2, b.3)) {
                best = Some(c);
            }
        }
        if best.is_none_or(|b| b.0 == 1) {
            if let Some(h) = self.coordinated_at(ctx, i, date) {
                return Some(h);
            }
        }
        best.map(|(len, _, _, _, entry)| LocHit { start: i, end: i + len, entry })
    }

    /// «Гомельской и Павлодарской областей», «Павлодар және Омбы облыстары»,
    /// «Pavlodar and Omsk regions»: the first of coordinated modifiers gets the
    /// head noun of its entry from after the coordination.
    fn coordinated_at(&self, ctx: &mut Ctx, i: usize, date: Option<NaiveDate>) -> Option<LocHit> {
        const COORD: &[&str] = &["и", ",", "және", "мен", "бен", "пен", "and", "&"];
        let e = ctx.keys_of(i);
        let ks: &[String] = e.keys.get().map_or(&[], |k| &k[..]);
        let mut ids: Vec<u32> = ks.iter().filter_map(|k| self.loc_index.map.get(k)).flatten().copied().collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            let Some(e) = self.locs.get(id as usize) else { continue };
            if e.phrase.words.len() != 2 || !Self::valid(e, date) {
                continue;
            }
            let (Some(w0), Some(w1)) = (e.phrase.words.first(), e.phrase.words.get(1)) else { continue };
            if !ctx.word_matches(i, w0, false) || !ctx.word(i).is_some_and(|w| Cap::Initial.accepts(w)) {
                continue;
            }
            let mut coord = false;
            for j in i + 1..i + 6 {
                let Some(t) = ctx.tokens.get(j) else { break };
                let f = fold(t.text(ctx.text));
                if COORD.contains(&f.as_str()) {
                    coord = true;
                    continue;
                }
                if t.kind != TokenKind::Word {
                    break;
                }
                if coord && ctx.word_matches(j, w1, false) {
                    return Some(LocHit { start: i, end: i + 1, entry: id as usize });
                }
                if !coord {
                    break;
                }
            }
        }
        None
    }

    fn key_match_at<'e, E>(
        &self,
        ctx: &mut Ctx,
        i: usize,
        which: Which,
        index: &KeyIndex,
        entries: &'e [E],
        phrase: impl Fn(&E) -> &Phrase,
    ) -> Option<(usize, &'e E)> {
        if ctx.tokens.get(i)?.kind == TokenKind::Punct || !ctx.passes(i, which) {
            return None;
        }
        let e = ctx.keys_of(i);
        let ks: &[String] = e.keys.get().map_or(&[], |k| &k[..]);
        let mut best: Option<(usize, &E)> = None;
        for id in ks.iter().filter_map(|k| index.map.get(k)).flatten() {
            let Some(e) = entries.get(*id as usize) else { continue };
            let p = phrase(e);
            if best.as_ref().is_some_and(|b| b.0 >= p.words.len()) {
                continue;
            }
            if ctx.phrase_matches(i, p) {
                best = Some((p.words.len(), e));
            }
        }
        best
    }

    fn is_locative(&self, ctx: &Ctx, hit: &LocHit) -> bool {
        let Some(last) = ctx.word(hit.end.wrapping_sub(1)) else { return false };
        let f = fold(last);
        let nominative = self.locs.get(hit.entry).and_then(|e| e.phrase.words.last()).is_some_and(|w| w.folded == f);
        !nominative && norm::KK_LOCATIVE.iter().any(|s| f.ends_with(s))
    }

    /// The name a title at tokens `[s, e)` belongs to.
    fn attach(&self, ctx: &Ctx, hits: &[LocHit], s: usize, e: usize) -> Option<usize> {
        let is_en = ctx.lang == "en" || ctx.word(s).is_some_and(|w| w.is_ascii());
        let right = || -> Option<usize> {
            // a name overlapping the title's tail: «аким города Алматы»
            if let Some(k) = hits.iter().position(|h| h.start > s && h.start < e) {
                return Some(k);
            }
            let mut j = e;
            let mut gap = 0;
            while gap <= 4 {
                if let Some(k) = hits.iter().position(|h| h.start == j) {
                    return Some(k);
                }
                let t = ctx.tokens.get(j)?;
                let w = t.text(ctx.text);
                let lw = fold(w);
                if t.kind != TokenKind::Word {
                    return None;
                }
                if is_en {
                    if STOP_EN.contains(&lw.as_str()) {
                        return None;
                    }
                } else if STOP_RU.contains(&lw.as_str()) || w.chars().next().is_some_and(|c| c.is_uppercase()) {
                    return None;
                }
                j += 1;
                gap += 1;
            }
            None
        };
        let left = |max_gap: usize| -> Option<usize> {
            // a name overlapping the title's head: «Алматы қаласының әкімі»
            if let Some(k) = hits.iter().position(|h| h.start < s && h.end > s) {
                return Some(k);
            }
            let mut j = s;
            let mut gap = 0;
            while j > 0 {
                if let Some(k) = hits.iter().position(|h| h.end == j) {
                    if let Some(h) = hits.get(k) {
                        if ctx.lang == "kk" && self.is_locative(ctx, h) {
                            j = h.start;
                            continue;
                        }
                    }
                    return Some(k);
                }
                let t = ctx.tokens.get(j - 1)?;
                if t.kind != TokenKind::Word || gap >= max_gap {
                    return None;
                }
                gap += 1;
                j -= 1;
            }
            None
        };
        if ctx.lang == "kk" {
            left(2).or_else(right)
        } else if is_en {
            right().or_else(|| left(0))
        } else {
            // Russian names a title's unit after it (аким ВКО, посол Канады);
            // before it only as an adjective (павлодарский аким), never as a
            // noun in another case (в Кызылорде аким области).
            right().or_else(|| {
                left(0).filter(|k| {
                    hits.get(*k)
                        .and_then(|h| ctx.word(h.end.saturating_sub(1)))
                        .is_some_and(|w| ADJ_ENDINGS_RU.iter().any(|e| fold(w).ends_with(e)))
                })
            })
        }
    }

    /// Regions, places, countries (also via demonyms) and foreign regions as
    /// LOC entities; roles as ROLE entities whose referent carries the state
    /// or region the phrase names; akimats and regional departments as ORG
    /// entities. `date` (the document's date) picks the region of places that
    /// changed region (Semey: East Kazakhstan until 2022-06-07, Abai after);
    /// without it the current division applies.
    pub fn find(&self, text: &str, tokens: &[Token], lang: &str, date: Option<NaiveDate>) -> Vec<Entity> {
        let mut ctx = Ctx::new(self, text, tokens, lang);
        let mut hits: Vec<LocHit> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            match self.loc_at(&mut ctx, i, date) {
                Some(h) => {
                    i = h.end;
                    hits.push(h);
                }
                None => i += 1,
            }
        }
        let span_of = |s: usize, e: usize| -> Option<Span> {
            Some(Span::new(tokens.get(s)?.span.start, tokens.get(e.checked_sub(1)?)?.span.end))
        };
        let mut out: Vec<Entity> = Vec::with_capacity(hits.len() * 2);
        for h in &hits {
            let (Some(e), Some(span)) = (self.locs.get(h.entry), span_of(h.start, h.end)) else { continue };
            out.push(Entity {
                span,
                label: if e.source == "gazetteer:demonyms" { Label::Norp } else { Label::Loc },
                norm: Some(e.phrase.surface.clone()),
                referent: e.target.referent(),
                source: e.source,
            });
        }
        // roles and akimats
        let mut i = 0;
        while i < tokens.len() {
            if let Some((len, r)) =
                self.key_match_at(&mut ctx, i, Which::Role, &self.role_index, &self.roles, |r| &r.phrase)
            {
                let at = self.attach(&ctx, &hits, i, i + len);
                let target = at.and_then(|k| hits.get(k)).and_then(|h| self.locs.get(h.entry)).map(|e| &e.target);
                let (mut role, mut country, mut region) =
                    (r.role, if r.kz_side { Some("KZ".to_string()) } else { None }, None);
                match target {
                    Some(LocRef::KzRegion(code)) => {
                        if r.role == "official" {
                            role = "regional_official";
                        } else if r.role == "governor" {
                            // the mayor or governor of a Kazakh region is its
                            // akim; a deputy governor its deputy akim
                            role = if r.family == Some("deputy_akim") { "deputy_akim" } else { "akim" };
                        }
                        country = Some("KZ".into());
                        region = Some(code.clone());
                    }
                    Some(LocRef::KzPlace(reg)) => {
                        if r.family.is_some() || r.role == "official" || r.role == "governor" {
                            role = "regional_official";
                        }
                        country = Some("KZ".into());
                        region = Some(reg.clone());
                    }
                    Some(LocRef::Country(c)) => {
                        // a head of state or government is no governor
                        if r.role == "governor" {
                            role = "official";
                        }
                        country = Some(c.clone());
                    }
                    Some(LocRef::Foreign { name, country: c }) => {
                        match r.family {
                            Some("akim") => role = "governor",
                            Some(_) => role = "official",
                            None => {}
                        }
                        country = Some(c.clone());
                        region = Some(name.clone());
                    }
                    None => {}
                }
                let (mut s, mut e) = (i, i + len);
                if let Some(h) = at.and_then(|k| hits.get(k)) {
                    s = s.min(h.start);
                    e = e.max(h.end);
                }
                if let Some(span) = span_of(s, e) {
                    out.push(Entity {
                        span,
                        label: Label::Role,
                        norm: Some(r.phrase.surface.clone()),
                        referent: Referent::Role { role: role.to_string(), country, region },
                        source: "gazetteer:roles",
                    });
                }
                i += len;
                continue;
            }
            if let Some((len, o)) =
                self.key_match_at(&mut ctx, i, Which::Org, &self.org_index, &self.orgs, |o| &o.phrase)
            {
                let at = self.attach(&ctx, &hits, i, i + len);
                let hit = at.and_then(|k| hits.get(k));
                let target = hit.and_then(|h| self.locs.get(h.entry)).map(|e| e.target.referent());
                let keep = o.level == "region" || target.is_some();
                if keep {
                    let (mut s, mut e) = (i, i + len);
                    if let Some(h) = hit {
                        s = s.min(h.start);
                        e = e.max(h.end);
                    }
                    if let Some(span) = span_of(s, e) {
                        out.push(Entity {
                            span,
                            label: Label::Org,
                            norm: Some(o.phrase.surface.clone()),
                            referent: target.unwrap_or_default(),
                            source: "gazetteer:akimats",
                        });
                    }
                }
                i += len;
                continue;
            }
            i += 1;
        }
        out.sort_by_key(|e| (e.span.start, std::cmp::Reverse(e.span.end)));
        out
    }

    /// Sector keywords (`металлург*`, `тау-кен*`, `agricult*`...) with their sector code.
    pub fn sectors(&self, text: &str, tokens: &[Token], lang: &str) -> Vec<(Span, &'static str)> {
        self.sectors.find(text, tokens, lang)
    }

    /// Event trigger phrases with their event type (meeting, agreement, visit, forum).
    pub fn triggers(&self, text: &str, tokens: &[Token], lang: &str) -> Vec<(Span, &'static str)> {
        self.triggers.find(text, tokens, lang)
    }

    /// Names of signed documents with their kind (memorandum, agreement, roadmap, contract).
    pub fn agreements(&self, text: &str, tokens: &[Token], lang: &str) -> Vec<(Span, &'static str)> {
        self.agreements.find(text, tokens, lang)
    }
}

#[cfg(test)]
mod tests;
