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
use norm::{fold, keys, prefix3, Cap};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use tables::{intern, names, Table};
use yntymaq_core::{tokenize, Entity, Label, Referent, Span, Token, TokenKind};

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
    prefixes: HashSet<[char; 3]>,
}

impl KeyIndex {
    fn add(&mut self, id: usize, phrase: &Phrase) {
        if let Some(first) = phrase.words.first() {
            for k in &first.keys {
                let ids = self.map.entry(k.clone()).or_default();
                if !ids.contains(&(id as u32)) {
                    ids.push(id as u32);
                }
                self.prefixes.insert(prefix3(k));
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
    lang: String,
    weight: usize,
}

/// Stem patterns indexed by the first (up to) three letters of their first word.
#[derive(Default)]
struct PatIndex {
    entries: Vec<PatEntry>,
    map: HashMap<String, Vec<u32>>,
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
                idx.map.entry(key).or_default().push(idx.entries.len() as u32);
                idx.entries.push(PatEntry { words, kind, lang: row[cl].to_string(), weight });
            }
        }
        Ok(idx)
    }

    fn find(&self, text: &str, tokens: &[Token], lang: &str) -> Vec<(Span, &'static str)> {
        let any_lang = !matches!(lang, "ru" | "kk" | "en");
        let folded: Vec<Option<String>> =
            tokens.iter().map(|t| if t.kind == TokenKind::Punct { None } else { Some(fold(t.text(text))) }).collect();
        let word_ok = |w: &PatWord, i: usize| -> bool {
            let (Some(Some(f)), Some(t)) = (folded.get(i), tokens.get(i)) else { return false };
            let hit = if w.prefix { f.starts_with(&w.text) } else { *f == w.text };
            hit && w.cap.accepts(t.text(text))
        };
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let Some(Some(f)) = folded.get(i) else {
                i += 1;
                continue;
            };
            let mut best: Option<(usize, usize, &'static str)> = None; // (len, weight, kind)
            let mut lookup = |n: usize| {
                let key: String = f.chars().take(n).collect();
                if key.chars().count() != n && n != f.chars().count() {
                    return;
                }
                let Some(ids) = self.map.get(&key) else { return };
                for &id in ids {
                    let Some(e) = self.entries.get(id as usize) else { continue };
                    if !any_lang && e.lang != lang {
                        continue;
                    }
                    if e.words.iter().enumerate().all(|(k, w)| word_ok(w, i + k)) {
                        let cand = (e.words.len(), e.weight, e.kind);
                        if best.is_none_or(|b| (cand.0, cand.1) > (b.0, b.1)) {
                            best = Some(cand);
                        }
                    }
                }
            };
            for n in 1..=3 {
                lookup(n);
            }
            if let Some((len, _, kind)) = best {
                let end = tokens.get(i + len - 1).map(|t| t.span.end).unwrap_or(text.len());
                if let Some(t) = tokens.get(i) {
                    out.push((Span::new(t.span.start, end), kind));
                }
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
}

/// A name found in the text, by token indices.
#[derive(Debug, Clone)]
struct LocHit {
    start: usize,
    end: usize,
    entry: usize,
}

/// Per-document token keys, computed lazily.
struct Ctx<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lang: &'a str,
    keys: Vec<Option<Vec<String>>>,
    lem: Option<&'a dyn Lemmatizer>,
}

impl<'a> Ctx<'a> {
    fn word(&self, i: usize) -> Option<&'a str> {
        self.tokens.get(i).map(|t| t.text(self.text))
    }
    fn keys(&mut self, i: usize) -> &[String] {
        if self.keys.get(i).is_some_and(|k| k.is_none()) {
            if let Some(t) = self.tokens.get(i) {
                let w = t.text(self.text);
                let lemma: Option<String> = match (&t.lemma, self.lem) {
                    (Some(l), _) => Some(l.to_string()),
                    (None, Some(lem)) if t.kind == TokenKind::Word => lem.lemma(w, self.lang),
                    _ => None,
                };
                let k = if t.kind == TokenKind::Punct { vec![w.to_string()] } else { keys(w, lemma.as_deref()) };
                self.keys[i] = Some(k);
            }
        }
        self.keys.get(i).and_then(|k| k.as_deref()).unwrap_or(&[])
    }
    fn passes(&self, i: usize, index: &KeyIndex) -> bool {
        let Some(t) = self.tokens.get(i) else { return false };
        let w = t.text(self.text);
        index.prefixes.contains(&prefix3(w)) || t.lemma.as_deref().is_some_and(|l| index.prefixes.contains(&prefix3(l)))
    }
    fn word_matches(&mut self, i: usize, w: &Word, single: bool) -> bool {
        let Some(surface) = self.word(i) else { return false };
        // in a phrase of several words, capitalisation is checked for the phrase as a whole
        let cap_ok = match w.cap {
            Cap::Initial if !single => true,
            c => c.accepts(surface),
        };
        cap_ok && self.keys(i).iter().any(|k| w.keys.contains(k))
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
            Gazetteer::load(None).unwrap_or_else(|e| {
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
        if ctx.tokens.get(i)?.kind == TokenKind::Punct || !ctx.passes(i, &self.loc_index) {
            return None;
        }
        let cand: Vec<u32> = {
            let ks = ctx.keys(i).to_vec();
            let mut v: Vec<u32> = ks.iter().filter_map(|k| self.loc_index.map.get(k)).flatten().copied().collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let mut best: Option<(usize, u8, bool, usize)> = None; // len, priority, open-ended, entry
        for id in cand {
            let Some(e) = self.locs.get(id as usize) else { continue };
            if !Self::valid(e, date) || !ctx.phrase_matches(i, &e.phrase) {
                continue;
            }
            let c = (e.phrase.words.len(), e.priority, e.to.is_none(), id as usize);
            if best.is_none_or(|b| (c.0, c.1, c.2) > (b.0, b.1, b.2)) {
                best = Some(c);
            }
        }
        best.map(|(len, _, _, entry)| LocHit { start: i, end: i + len, entry })
    }

    fn key_match_at<'e, E>(
        &self,
        ctx: &mut Ctx,
        i: usize,
        index: &KeyIndex,
        entries: &'e [E],
        phrase: impl Fn(&E) -> &Phrase,
    ) -> Option<(usize, &'e E)> {
        if ctx.tokens.get(i)?.kind == TokenKind::Punct || !ctx.passes(i, index) {
            return None;
        }
        let ks = ctx.keys(i).to_vec();
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
        } else {
            right().or_else(|| left(0))
        }
    }

    /// Regions, places, countries (also via demonyms) and foreign regions as
    /// LOC entities; roles as ROLE entities whose referent carries the state
    /// or region the phrase names; akimats and regional departments as ORG
    /// entities. `date` (the document's date) picks the region of places that
    /// changed region (Semey: East Kazakhstan until 2022-06-07, Abai after);
    /// without it the current division applies.
    pub fn find(&self, text: &str, tokens: &[Token], lang: &str, date: Option<NaiveDate>) -> Vec<Entity> {
        let mut ctx = Ctx { text, tokens, lang, keys: vec![None; tokens.len()], lem: self.lemmatizer.as_deref() };
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
                label: Label::Loc,
                norm: Some(e.phrase.surface.clone()),
                referent: e.target.referent(),
                source: e.source,
            });
        }
        // roles and akimats
        let mut i = 0;
        while i < tokens.len() {
            if let Some((len, r)) = self.key_match_at(&mut ctx, i, &self.role_index, &self.roles, |r| &r.phrase) {
                let at = self.attach(&ctx, &hits, i, i + len);
                let target = at.and_then(|k| hits.get(k)).and_then(|h| self.locs.get(h.entry)).map(|e| &e.target);
                let (mut role, mut country, mut region) =
                    (r.role, if r.kz_side { Some("KZ".to_string()) } else { None }, None);
                match target {
                    Some(LocRef::KzRegion(code)) => {
                        if r.role == "official" {
                            role = "regional_official";
                        }
                        country = Some("KZ".into());
                        region = Some(code.clone());
                    }
                    Some(LocRef::KzPlace(reg)) => {
                        if r.family.is_some() || r.role == "official" {
                            role = "regional_official";
                        }
                        country = Some("KZ".into());
                        region = Some(reg.clone());
                    }
                    Some(LocRef::Country(c)) => {
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
            if let Some((len, o)) = self.key_match_at(&mut ctx, i, &self.org_index, &self.orgs, |o| &o.phrase) {
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
