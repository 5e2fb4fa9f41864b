//! The assemble stage: from a document's recognized entities and cues, the
//! engagement records of `SCHEMA.md`, every fact with its sentence.
//!
//! The decisions, in order:
//! 1. **people**: each PER mention takes the role phrase that governs it
//!    (before it, or in apposition after it) and its side from the role's
//!    state or region; mentions of one person (full name, surname alone) merge;
//! 2. **relevance**: a Kazakh regional authority (an akim or deputy akim of a
//!    region or city of republican significance, the akimat, a regional
//!    department, or the region itself acting) and a foreign party (an envoy,
//!    a foreign official or region, a company or delegation) in an engagement
//!    (a trigger: met, received, signed, visited, forum...);
//! 3. **the event**: type from the triggers and signed documents, date from
//!    the trigger sentence or the dateline, regions, countries, foreign
//!    regions, organisations, sectors, figures and agreements.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

use yntymaq_core::record::{Event, Evidence, FactEvidence, Figure, Person};
use yntymaq_core::{CharOffsets, CueKind, Document, Entity, Label, Referent, Span};

/// Roles that make a Kazakh regional authority.
const KZ_AUTHORITY: &[&str] = &["akim", "deputy_akim"];
/// Roles that are always on the Kazakh side.
const KZ_ROLES: &[&str] = &["akim", "deputy_akim", "regional_official"];
/// Roles of foreign state and business representatives.
const FOREIGN_PARTY_ROLES: &[&str] = &[
    "ambassador",
    "consul_general",
    "consul",
    "diplomat",
    "governor",
    "minister",
    "deputy_minister",
    "official",
    "business",
];
/// Sentences of the headline and lead, where an article says what it is about.
const LEAD: usize = 3;
/// Languages whose news about Kazakhstan's regions is in scope.
const IN_SCOPE: &[&str] = &["kk", "ru", "en"];

/// A person as the article presents them, merged over mentions.
#[derive(Debug, Clone)]
struct Participant {
    name: String,
    role: Option<String>,
    country: Option<String>,
    region: Option<String>,
    sentences: BTreeSet<usize>,
    /// The title names the unit it heads as a region (or attached one): an
    /// akim of a region, not of a town or district.
    regional: bool,
    /// The nominative forms the mentions gave, with a score: mentions that
    /// were already nominative and full names weigh more.
    forms: Vec<(String, u32)>,
    /// The role phrases that govern the mentions.
    titles: Vec<Span>,
}

impl Participant {
    /// The surname's consonant skeleton: the same for its case forms
    /// (Кокрекбаева, Кокрекбаев) and its spellings.
    fn key(&self) -> String {
        crate::resolve::name_skeleton(&self.name)
    }

    fn given_key(&self) -> Option<String> {
        let words: Vec<&str> = self.name.split_whitespace().collect();
        (words.len() > 1).then(|| crate::resolve::name_skeleton(words[0]))
    }

    /// The fullest form of the name, the best-attested among equals.
    fn best_name(&self) -> String {
        // full words before initials (Кырымбек Кошербаев, not К. Кошербаев)
        let full_words = |n: &str| n.split_whitespace().filter(|w| w.trim_end_matches('.').chars().count() > 1).count();
        self.forms
            .iter()
            .max_by_key(|(n, s)| (full_words(n), n.split_whitespace().count(), *s))
            .map(|(n, _)| n.clone())
            .unwrap_or_default()
    }
}

/// Everything assembly needs about the sentences of one document.
struct View<'a> {
    doc: &'a Document,
    text: &'a str,
    offsets: CharOffsets,
    sentences: Vec<Span>,
    /// The sentences that recall earlier events ("два года назад", "ago").
    past: Vec<bool>,
}

impl<'a> View<'a> {
    fn new(doc: &'a Document) -> Self {
        let sentences =
            if doc.sentences.is_empty() { vec![Span::new(0, doc.body.len())] } else { doc.sentences.clone() };
        let mut view = View { doc, text: &doc.body, offsets: CharOffsets::new(&doc.body), sentences, past: Vec::new() };
        view.past = (0..view.sentences.len()).map(|s| recalls_the_past(&view.sentence_words(s))).collect();
        view
    }

    /// Does the sentence recall the past?
    fn in_past(&self, sentence: usize) -> bool {
        self.past.get(sentence).copied().unwrap_or(false)
    }

    fn sentence_index(&self, span: Span) -> usize {
        let i = self.sentences.partition_point(|s| s.end <= span.start);
        i.min(self.sentences.len().saturating_sub(1))
    }

    fn evidence(&self, sentence: usize) -> Evidence {
        let s = self.sentences.get(sentence).copied().unwrap_or(Span::new(0, 0));
        Evidence {
            text: s.slice(self.text).to_owned(),
            start: self.offsets.char_at(s.start),
            end: self.offsets.char_at(s.end),
        }
    }

    fn entities(&self, label: Label) -> impl Iterator<Item = &'a Entity> {
        // nationality adjectives name states as place names do; a currency's
        // state ("АҚШ доллары", "долларов США") is no party
        let money: Vec<Span> = self.doc.entities.iter().filter(|e| e.label == Label::Money).map(|e| e.span).collect();
        self.doc
            .entities
            .iter()
            .filter(move |e| e.label == label || label == Label::Loc && e.label == Label::Norp)
            .filter(move |e| label == Label::Money || !money.iter().any(|m| m.contains(e.span)))
    }

    /// The words of a sentence, lower-cased.
    fn sentence_words(&self, sentence: usize) -> Vec<String> {
        let Some(sent) = self.sentences.get(sentence) else { return Vec::new() };
        let first = self.doc.tokens.partition_point(|t| t.span.start < sent.start);
        self.doc.tokens[first..]
            .iter()
            .take_while(|t| t.span.end <= sent.end)
            .filter(|t| t.kind == yntymaq_core::TokenKind::Word)
            .map(|t| t.span.slice(self.text).to_lowercase())
            .collect()
    }

    fn cue_sentences(&self, kind: CueKind) -> BTreeSet<usize> {
        self.doc.cues.iter().filter(|c| c.kind == kind).map(|c| self.sentence_index(c.span)).collect()
    }
}

/// The role phrase that governs a person mention, if any: the nearest role
/// ending shortly before it with no other person in between, or a role in
/// apposition right after it ("John Reynolds, Aberdeen City Councillor").
fn governing_role<'a>(
    view: &View<'a>,
    person: &Entity,
    roles: &[&'a Entity],
    people: &[&Entity],
) -> Option<&'a Entity> {
    let text = view.text;
    let sent = view.sentence_index(person.span);
    let after = roles
        .iter()
        .filter(|r| r.span.start >= person.span.end && view.sentence_index(r.span) == sent)
        .filter(|r| {
            let gap = text.get(person.span.end..r.span.start).unwrap_or("");
            let g = gap.trim();
            gap.chars().count() <= 8
                && (g.is_empty() || g == "," || g == "–" || g == "—" || g == "-" || g == "(" || g == ", the")
        })
        .min_by_key(|r| r.span.start)
        .copied();
    let before = roles
        .iter()
        .filter(|r| r.span.end <= person.span.start && view.sentence_index(r.span) == sent)
        .filter(|r| {
            let gap = text.get(r.span.end..person.span.start).unwrap_or("");
            gap.chars().count() <= 60
                && !people.iter().any(|p| p.span.start >= r.span.end && p.span.end <= person.span.start)
                && !gap.contains(['.', ';', '!', '?'])
        })
        .max_by_key(|r| r.span.end);
    // "X, UAE Ambassador, and Bakhyt Sultanov, Mayor of Astana": after a
    // conjunction the title before belongs to the previous person, and the
    // apposition names this one's.
    let conjoined = before.is_some_and(|r| {
        text.get(r.span.end..person.span.start).is_some_and(|gap| {
            gap.split(|c: char| !c.is_alphanumeric()).any(|w| matches!(w, "and" | "и" | "және" | "мен" | "а"))
        })
    });
    if let (true, Some(a)) = (conjoined, after) {
        return Some(a);
    }
    if let Some(r) = before {
        // A title glossed in brackets, "Akim (Governor) of the region X",
        // "Kostanai Akim (Mayor)": the title is the one outside them.
        let opened = text.get(..r.span.start).map(str::trim_end).is_some_and(|t| t.ends_with('('));
        if opened {
            let outer = roles
                .iter()
                .filter(|o| o.span.end <= r.span.start)
                .max_by_key(|o| o.span.end)
                .filter(|o| text.get(o.span.end..r.span.start).is_some_and(|gap| gap.trim() == "("));
            if let Some(o) = outer {
                return Some(o);
            }
        }
        return Some(r);
    }
    after
}

fn role_parts(role: &Entity) -> (Option<String>, Option<String>, Option<String>) {
    match &role.referent {
        Referent::Role { role, country, region } => (Some(role.clone()), country.clone(), region.clone()),
        _ => (None, None, None),
    }
}

/// The assembler's word lists (`data/assemble/markers.tsv`), by kind, over all languages.
#[derive(Default)]
struct Markers {
    venue_before: HashSet<String>,
    /// Articles and determiners skipped when looking for the word before a name.
    determiner: HashSet<String>,
    venue_suffix: Vec<String>,
    credit: HashSet<String>,
    patronymic_suffix: Vec<String>,
    named_after: HashSet<String>,
    kz_surname_suffix: Vec<String>,
    region_word: HashSet<String>,
    /// Titles of a state's leader (president, head of state, prime minister), word stems.
    head_of_state: Vec<Vec<String>>,
    /// Kazakh generic heads after a place name (қала, аудан): they carry its case ending.
    place_head: Vec<String>,
    /// Stems of words that make the next name foreign ("зарубежн", "шетел", "foreign").
    foreign_word: Vec<String>,
    /// Stems of words for a delegation: a region named beside one takes part.
    delegation: Vec<String>,
    /// What a region owns when it acts: "Astana's akimat", not "Astana's hub".
    authority: HashSet<String>,
    /// Words that make a sentence a recall of the past ("два года назад"), exact phrases.
    background: Vec<Vec<String>>,
    /// Unnamed foreign parties ("зарубежная компания", "foreign investors"), word stems.
    foreign_party: Vec<Vec<String>>,
    /// Words that may stand between a leader's title and the name ("of", "страны").
    leader_filler: HashSet<String>,
    /// Words before a leader's title that make it another body's ("its president").
    leader_owner: HashSet<String>,
    /// Endings of such words (a Kazakh genitive: "қауымдастығының президенті").
    leader_owner_suffix: Vec<String>,
    /// International organisations, each a list of words to match.
    intl_org: Vec<Vec<OrgWord>>,
    org_marker: HashSet<String>,
    attribution: HashSet<String>,
}

fn markers() -> &'static Markers {
    static M: OnceLock<Markers> = OnceLock::new();
    M.get_or_init(|| {
        let mut m = Markers::default();
        for line in
            include_str!("../../../data/assemble/markers.tsv").lines().skip_while(|l| l.starts_with('#')).skip(1)
        {
            let mut cols = line.split('\t');
            let (Some(kind), Some(_lang), Some(words)) = (cols.next(), cols.next(), cols.next()) else { continue };
            let raw = words;
            let words = words.split('|').map(str::trim).filter(|w| !w.is_empty()).map(str::to_lowercase);
            match kind {
                "venue_before" => m.venue_before.extend(words),
                "determiner" => m.determiner.extend(words),
                "venue_suffix" => m.venue_suffix.extend(words),
                "credit" => m.credit.extend(words),
                "patronymic_suffix" => m.patronymic_suffix.extend(words),
                "named_after" => m.named_after.extend(words),
                "kz_surname_suffix" => m.kz_surname_suffix.extend(words),
                "region_word" => m.region_word.extend(words),
                "leader_filler" => m.leader_filler.extend(words),
                "leader_owner" => m.leader_owner.extend(words),
                "leader_owner_suffix" => m.leader_owner_suffix.extend(words),
                "head_of_state" => m.head_of_state.extend(stem_phrases(raw)),
                "foreign_party" => m.foreign_party.extend(stem_phrases(raw)),
                "authority" => m.authority.extend(words),
                "delegation" => m.delegation.extend(words),
                "foreign_word" => m.foreign_word.extend(words),
                "place_head" => m.place_head.extend(words),
                "background" => m.background.extend(
                    raw.split('|')
                        .map(str::trim)
                        .filter(|w| !w.is_empty())
                        .map(|p| p.split_whitespace().map(str::to_lowercase).collect()),
                ),
                "org_marker" => m.org_marker.extend(words),
                "attribution" => m.attribution.extend(words),
                // names keep their case: it tells abbreviations from words
                "intl_org" => m.intl_org.extend(
                    raw.split('|')
                        .map(str::trim)
                        .filter(|w| !w.is_empty())
                        .map(|p| p.split_whitespace().map(OrgWord::new).collect()),
                ),
                _ => {}
            }
        }
        m.venue_suffix.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        m
    })
}

/// A name as the schema wants it: first name and surname, without a
/// patronymic between them (Асаин Куандыкович Байханов → Асаин Байханов).
pub fn without_patronymic(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 3 {
        return words.join(" ");
    }
    let m = markers();
    let kept: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|(i, w)| {
            let lw = w.to_lowercase();
            // a patronymic stands between the names, or last after "Surname
            // Name" (Ermanov Farkhod Urazbaevich)
            *i == 0
                || *i == words.len() - 1 && words.len() > 3
                || !m
                    .patronymic_suffix
                    .iter()
                    .any(|s| lw.ends_with(s.as_str()) && lw.chars().count() > s.chars().count() + 2)
        })
        .map(|(_, w)| *w)
        .collect();
    kept.join(" ")
}

/// Is the mention part of an institution's name: in quotes, or after
/// "named after" (университет им. Жансугурова, «Қожа Ахмет Ясауи» кесенесі)?
fn in_institution_name(view: &View, span: Span) -> bool {
    let before: Vec<&str> = view
        .doc
        .tokens
        .iter()
        .filter(|t| t.span.end <= span.start)
        .rev()
        .take(2)
        .map(|t| t.span.slice(view.text))
        .collect();
    let after = view.doc.tokens.iter().find(|t| t.span.start >= span.end).map(|t| t.span.slice(view.text));
    let quoted = before.first().is_some_and(|b| matches!(*b, "«" | "\"" | "“" | "„"))
        && after.is_some_and(|a| matches!(a, "»" | "\"" | "”" | "“"));
    let m = markers();
    let named = before.iter().any(|b| m.named_after.contains(&b.to_lowercase()));
    quoted || named
}

/// One word of an international organisation's name: an abbreviation
/// matches exactly, a word on its stem (less its last two letters) and case.
struct OrgWord {
    text: String,
    abbr: bool,
    stem: String,
    capital: bool,
    /// The first letter, lower-cased: a cheap first test.
    first: char,
}

impl OrgWord {
    fn new(w: &str) -> OrgWord {
        OrgWord {
            text: w.to_owned(),
            abbr: w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase),
            stem: word_stem(&w.to_lowercase()),
            capital: w.chars().next().is_some_and(char::is_uppercase),
            first: w.chars().next().and_then(|c| c.to_lowercase().next()).unwrap_or(' '),
        }
    }

    fn matches(&self, w: &str) -> bool {
        if self.abbr {
            w == self.text || w.split('-').next() == Some(self.text.as_str())
        } else {
            w.chars().next().is_some_and(char::is_uppercase) == self.capital && w.to_lowercase().starts_with(&self.stem)
        }
    }
}

/// International organisations named in the text, with their spans: the
/// foreign party of a UN programme or an EBRD loan. Abbreviations match
/// exactly (upper case); names match word by word on a stem (the word less
/// its last two letters), so their case forms match too.
fn international_orgs(view: &View) -> Vec<Span> {
    let words: Vec<&yntymaq_core::Token> =
        view.doc.tokens.iter().filter(|t| t.kind == yntymaq_core::TokenKind::Word).collect();
    let mut out = Vec::new();
    for (i, t) in words.iter().enumerate() {
        let first = t.span.slice(view.text).chars().next().and_then(|c| c.to_lowercase().next()).unwrap_or(' ');
        for phrase in markers().intl_org.iter().filter(|p| p.first().is_some_and(|w| w.first == first)) {
            let Some(last) = words.get(i + phrase.len() - 1) else { continue };
            let ok = phrase.iter().zip(&words[i..]).all(|(p, t)| p.matches(t.span.slice(view.text)));
            if ok && !phrase.is_empty() {
                out.push(Span::new(words[i].span.start, last.span.end));
                break;
            }
        }
    }
    out
}

/// A title and the few words after it, where its unit is named ("замакима
/// региона", "deputy akim (governor) of the region").
fn title_window(view: &View, span: Span) -> String {
    let after: Vec<&str> = view
        .doc
        .tokens
        .iter()
        .filter(|t| t.span.start >= span.end && view.sentence_index(t.span) == view.sentence_index(span))
        .take(6)
        .map(|t| t.span.slice(view.text))
        .collect();
    format!("{} {}", span.slice(view.text), after.join(" "))
}

/// `|`-separated phrases as lists of word stems.
fn stem_phrases(raw: &str) -> impl Iterator<Item = Vec<String>> + '_ {
    raw.split('|')
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(|p| p.split_whitespace().map(|w| word_stem(&w.to_lowercase())).collect())
}

/// Do a sentence's words recall earlier events ("Напомним, ранее...", "two
/// years ago", "бұған дейін")?
fn recalls_the_past(words: &[String]) -> bool {
    (0..words.len()).any(|i| markers().background.iter().any(|p| words[i..].starts_with(p)))
}

/// Does the sentence name a foreign party without naming it ("с одной из
/// ведущих зарубежных компаний", "шетелдік инвесторлармен", "foreign
/// investors")?
fn unnamed_foreign_party(view: &View, sentence: usize) -> bool {
    let words = view.sentence_words(sentence);
    (0..words.len()).any(|i| {
        markers().foreign_party.iter().any(|phrase| {
            phrase.len() <= words.len() - i
                && phrase.iter().zip(&words[i..]).all(|(stem, w)| w.starts_with(stem.as_str()))
        })
    })
}

/// A word less its last two letters (at least three kept): its case forms share it.
fn word_stem(w: &str) -> String {
    let n = w.chars().count();
    w.chars().take(n.saturating_sub(2).max(3)).collect()
}

/// Is the mention a state's leader named by the title right before the name
/// ("Президент страны Касым-Жомарт Токаев", "Kazakh President Kassym-Jomart
/// Tokayev", "Мемлекет басшысы Қасым-Жомарт Тоқаев")? Between the title and
/// the name only states and filler words may stand; "Президент Бундесрата",
/// "премьер-министр федеральной земли Саар" head other bodies.
fn is_state_leader(view: &View, mention: Span) -> bool {
    let m = markers();
    let sent = view.sentences[view.sentence_index(mention)];
    let before: Vec<&yntymaq_core::Token> =
        view.doc.tokens.iter().filter(|t| t.span.end <= mention.start && t.span.start >= sent.start).collect();
    let states: Vec<Span> =
        view.entities(Label::Loc).filter(|e| matches!(e.referent, Referent::Country { .. })).map(|e| e.span).collect();
    let words: Vec<String> = before.iter().rev().take(8).map(|t| t.span.slice(view.text).to_lowercase()).collect();
    for (i, (t, w)) in before.iter().rev().zip(&words).enumerate() {
        let title_len = m
            .head_of_state
            .iter()
            .filter(|phrase| {
                phrase.len() <= words.len() - i
                    && phrase.iter().rev().zip(&words[i..]).all(|(stem, w)| w.starts_with(stem.as_str()))
            })
            .map(Vec::len)
            .max();
        if let Some(len) = title_len {
            // the word before the title must not make it someone else's:
            // "its president", "қауымдастығының президенті", "советником
            // Премьер-Министра"
            let Some(first) = before.iter().rev().nth(i + len - 1) else { return true };
            let in_wider_role =
                view.entities(Label::Role).any(|r| r.span.contains(first.span) && r.span.start < first.span.start);
            let owner = before.iter().rev().nth(i + len).is_some_and(|o| {
                let w = o.span.slice(view.text).to_lowercase();
                let state = states.iter().any(|s| s.contains(o.span));
                !state && (m.leader_owner.contains(&w) || m.leader_owner_suffix.iter().any(|x| w.ends_with(x.as_str())))
            });
            return !(in_wider_role || owner);
        }
        let filler = m.leader_filler.contains(w) || w == "," || states.iter().any(|s| s.contains(t.span));
        if !filler {
            return false;
        }
    }
    false
}

/// Does the title head a company: a company word among the few words after it?
fn heads_company(view: &View, title: Span) -> bool {
    let lang = view.doc.lang_code();
    title_window(view, title)
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| !w.is_empty() && yntymaq_recognize::is_company_word(w, lang))
}

/// Does a title phrase name a region as its unit ("аким области", "облыс әкімі")?
fn names_region(phrase: &str) -> bool {
    let m = markers();
    phrase.split(|c: char| !c.is_alphanumeric()).any(|w| m.region_word.contains(&w.to_lowercase()))
}

/// Is this sentence a credit line (photo, byline) rather than article text?
fn is_credit(sentence: &str, person: &str) -> bool {
    let s = sentence.trim().trim_end_matches([',', '.']);
    let rest = s.replace(person, "");
    let rest = rest.trim_matches(|c: char| !c.is_alphanumeric());
    if rest.is_empty() {
        return true;
    }
    let first: String = s.chars().take_while(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    markers().credit.contains(&first)
}

/// Is this Kazakh region mention a party rather than the venue or a dateline?
/// "Карагандинскую область посетил посол" names a party; "в Шымкенте",
/// "ШЫМКЕНТ. КАЗИНФОРМ", "Шымкентте" name where it happened.
fn region_acts(view: &View, e: &Entity) -> bool {
    let m = markers();
    let surface = e.span.slice(view.text);
    let letters: Vec<char> = surface.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 3 && letters.iter().all(|c| c.is_uppercase()) {
        return false; // a dateline
    }
    let before = view
        .doc
        .tokens
        .iter()
        .rev()
        .filter(|t| t.span.end <= e.span.start)
        .map(|t| t.span.slice(view.text).to_lowercase())
        .find(|w| !m.determiner.contains(w));
    if before.is_some_and(|b| m.venue_before.contains(&b)) {
        return false;
    }
    // "Astana's regional hub": the region owns something else than a government
    let mut after = view.doc.tokens.iter().filter(|t| t.span.start >= e.span.end).map(|t| t.span.slice(view.text));
    let possessive = e.span.slice(view.text).ends_with("'s")
        || e.span.slice(view.text).ends_with("’s")
        || view.text.get(e.span.end..).is_some_and(|t| t.starts_with("'s") || t.starts_with("’s"));
    if possessive && view.doc.lang_code() == "en" {
        let owned = after.find(|w| !matches!(*w, "'" | "’" | "s" | "'s" | "’s")).map(str::to_lowercase);
        if !owned.is_some_and(|w| m.authority.contains(&w)) {
            return false;
        }
    }
    // the word that carries a Kazakh name's case: its last, or the generic
    // head after it (Орал қаласында)
    let kk_venue = |span: Span| {
        let mut last = span.slice(view.text).split_whitespace().last().unwrap_or("").to_lowercase();
        if let Some(next) = view.doc.tokens.iter().find(|t| t.span.start >= span.end) {
            let w = next.span.slice(view.text).to_lowercase();
            if view.text.get(span.end..next.span.start).is_some_and(|g| g.trim().is_empty())
                && m.place_head.iter().any(|h| w.starts_with(h.as_str()))
            {
                last = w;
            }
        }
        view.doc.lang_code() == "kk"
            && m.venue_suffix.iter().any(|s| last.ends_with(s.as_str()) && last.chars().count() > s.chars().count() + 2)
    };
    // "Батыс Қазақстан облысының Орал қаласында": the region of the venue
    let of_venue = view.doc.entities.iter().any(|o| {
        o.label == Label::Loc
            && o.span.start > e.span.end
            && view.text.get(e.span.end..o.span.start).is_some_and(|gap| gap.trim().is_empty())
            && kk_venue(o.span)
    });
    !(kk_venue(e.span) || of_venue)
}

fn collect_people(view: &View) -> Vec<Participant> {
    let roles: Vec<&Entity> = view.entities(Label::Role).collect();
    let mentions: Vec<&Entity> = view.entities(Label::Per).collect();
    let mut out: Vec<Participant> = Vec::new();
    for m in &mentions {
        let sent = view.sentence_index(m.span);
        let sentence_text = view.sentences[sent].slice(view.text);
        let surface = m.span.slice(view.text);
        if is_credit(sentence_text, surface) {
            continue;
        }
        if in_institution_name(view, m.span) {
            continue;
        }
        // Presidents and prime ministers are national: quoted or recalled
        // in regional news, they are no party of its events.
        if is_state_leader(view, m.span) {
            continue;
        }
        let name = without_patronymic(&m.norm.clone().unwrap_or_else(|| surface.to_owned()));
        if name.is_empty() {
            continue;
        }
        let governing = governing_role(view, m, &roles, &mentions);
        let (mut role, country, region) = governing.map(role_parts).unwrap_or_default();
        let mut regional = region.is_some() || governing.is_some_and(|g| names_region(&title_window(view, g.span)));
        if kazakh_governor(view, role.as_deref(), country.as_deref(), region.as_deref(), &name) {
            role = Some("akim".into());
            regional = true;
        }
        // "вице-президент корпорации China Huadian", "head of sales of
        // Progress Holding": an officer of a company is business
        if matches!(role.as_deref(), Some("official" | "other"))
            && governing.is_some_and(|g| heads_company(view, g.span))
        {
            role = Some("business".into());
        }
        // A mention the morphology left as it is was nominative already.
        let score = 2 + u32::from(m.norm.is_none()) + name.split_whitespace().count() as u32;
        let candidate = Participant {
            name: name.clone(),
            role,
            country,
            region,
            sentences: BTreeSet::from([sent]),
            regional,
            forms: vec![(name, score)],
            titles: governing.map(|g| g.span).into_iter().collect(),
        };
        let key = candidate.key();
        let given = candidate.given_key();
        // Merge with an earlier mention of the same person: the same surname
        // (in any case form) and no conflicting given name.
        if let Some(p) = out.iter_mut().find(|p| {
            p.key() == key && key.len() >= 2 && {
                match (p.given_key(), &given) {
                    (Some(a), Some(b)) => a == *b || a.starts_with(b.as_str()) || b.starts_with(a.as_str()),
                    _ => true,
                }
            }
        }) {
            for (n, sc) in candidate.forms {
                match p.forms.iter_mut().find(|(f, _)| *f == n) {
                    Some(f) => f.1 += sc,
                    None => p.forms.push((n, sc)),
                }
            }
            if candidate.name.split_whitespace().count() > p.name.split_whitespace().count() {
                p.name = candidate.name;
            }
            if p.role.is_none() {
                p.role = candidate.role;
            }
            p.country = p.country.take().or(candidate.country);
            p.region = p.region.take().or(candidate.region);
            p.regional |= candidate.regional;
            p.sentences.insert(sent);
            p.titles.extend(candidate.titles);
        } else {
            out.push(candidate);
        }
    }
    for p in &mut out {
        let best = p.best_name();
        if !best.is_empty() {
            p.name = best;
        }
    }
    merge_partial_names(out)
}

/// Folds a participant whose name is only part of another's into it: a
/// given name alone ("Bulat's visit" beside Bulat Bakauov), the tail of a
/// long name (Al Jaber beside Mohammed Ahmed bin Sultan Al Jaber), or the
/// same name with one consonant lost to a typo (Sauakassov, Saduakassov).
/// A lone initial ("A.") names no one and goes.
fn merge_partial_names(mut people: Vec<Participant>) -> Vec<Participant> {
    let words = |p: &Participant| -> Vec<String> { p.name.split_whitespace().map(str::to_lowercase).collect() };
    people.retain(|p| p.name.trim_end_matches('.').chars().count() > 1);
    let mut i = 0;
    while i < people.len() {
        let short = words(&people[i]);
        let host = (0..people.len()).filter(|&j| j != i).find(|&j| {
            let long = words(&people[j]);
            if long.len() <= short.len() && !(long.len() == short.len() && long.len() >= 2) {
                return false;
            }
            let contained = long.len() > short.len() && {
                // the short form's words, in order, at the start or the end
                long.starts_with(&short) || long.ends_with(&short)
            };
            let typo = long.len() == short.len() && long[..long.len() - 1] == short[..short.len() - 1] && {
                let (a, b) =
                    (crate::resolve::name_skeleton(&people[i].name), crate::resolve::name_skeleton(&people[j].name));
                // the fuller spelling stays: a letter is more often lost than added
                a.chars().count() >= 4 && b.chars().count() == a.chars().count() + 1 && one_deletion(&a, &b)
            };
            contained || typo
        });
        match host {
            Some(j) => {
                let p = people.remove(i);
                let j = if j > i { j - 1 } else { j };
                let h = &mut people[j];
                h.sentences.extend(p.sentences);
                h.titles.extend(p.titles);
                if h.role.is_none() {
                    h.role = p.role;
                }
                h.country = h.country.take().or(p.country);
                h.region = h.region.take().or(p.region);
                h.regional |= p.regional;
            }
            None => i += 1,
        }
    }
    people
}

/// Is one string the other with one character more?
fn one_deletion(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    if long.len() != short.len() + 1 {
        return false;
    }
    let k = long.iter().zip(&short).take_while(|(x, y)| x == y).count();
    long[k + 1..] == short[k..]
}

/// The state of a place entity, when it is a foreign one.
fn foreign_state(e: &Entity) -> Option<String> {
    match &e.referent {
        Referent::Country { code } if code != "KZ" => Some(code.clone()),
        Referent::ForeignRegion { country, .. } if country != "KZ" => Some(country.clone()),
        _ => None,
    }
}

/// Is this place the host state in a Kazakh envoy's title ("Посол Республики
/// Казахстан в Российской Федерации")?
fn in_kz_envoy_title(view: &View, e: &Entity) -> bool {
    view.entities(Label::Role)
        .filter(|r| matches!(&r.referent, Referent::Role { country: Some(c), .. } if c == "KZ"))
        .any(|t| {
            t.span.contains(e.span)
                || t.span.end <= e.span.start && {
                    let gap = view.text.get(t.span.end..e.span.start).unwrap_or("x");
                    gap.split_whitespace().count() <= 1 && gap.chars().count() <= 4
                }
        })
}

/// The states the article's Kazakh envoys serve in.
fn host_states(view: &View) -> BTreeSet<String> {
    view.entities(Label::Loc).filter(|e| in_kz_envoy_title(view, e)).filter_map(foreign_state).collect()
}

/// Non-KZ states named in a sentence (countries, and foreign regions' states),
/// less the host state in a Kazakh envoy's title.
fn foreign_states_in(view: &View, sentence: usize) -> Vec<String> {
    view.entities(Label::Loc)
        .filter(|e| view.sentence_index(e.span) == sentence)
        .filter(|e| !in_kz_envoy_title(view, e))
        .filter_map(foreign_state)
        .collect()
}

fn side_of(view: &View, p: &Participant) -> &'static str {
    match (p.role.as_deref(), p.country.as_deref()) {
        (Some(r), _) if KZ_ROLES.contains(&r) => "kz",
        (_, Some("KZ")) => "kz",
        (_, Some(_)) => "foreign",
        (Some("governor"), None) => "foreign",
        (Some("ambassador" | "consul_general" | "consul" | "diplomat"), None) => "foreign",
        _ => {
            // No state in the role: a Kazakh or Russian surname shape
            // (-ов, -ева, -баев, -ұлы) is the Kazakh side in a Kazakh
            // region's news; other names beside a foreign state, and
            // company people with other names, are the guests'.
            let kz_shape = kz_surname_shape(&p.name);
            let foreign_context = p.sentences.iter().any(|s| !foreign_states_in(view, *s).is_empty());
            let state_role = matches!(p.role.as_deref(), Some("minister" | "deputy_minister" | "official"));
            // a name neither Kazakh nor Russian in shape, letters or first
            // name (Чжао Фей, Janet Heckman) is a guest's
            // (in Cyrillic: the first-name list is Cyrillic; a Latin
            // "Darkhan Satybaldy" says nothing)
            let cyrillic = p.name.chars().any(|c| matches!(c, 'а'..='я' | 'А'..='Я'));
            let unlike_local = cyrillic && !kz_shape && !local_given_name(&p.name);
            if foreign_context && (state_role || !kz_shape) || unlike_local {
                "foreign"
            } else {
                "kz"
            }
        }
    }
}

/// Does the name's last word have a Kazakh or Russian surname shape (-ов,
/// -ева, -баев, -ұлы)?
fn kz_surname_shape(name: &str) -> bool {
    let surname = name.split_whitespace().last().unwrap_or("").to_lowercase();
    markers()
        .kz_surname_suffix
        .iter()
        .any(|s| surname.ends_with(s.as_str()) && surname.chars().count() > s.chars().count() + 1)
}

/// Is the name's first word a Kazakh or Russian first name (any case form
/// of one: the list is of stems), or does the name use Kazakh letters?
fn local_given_name(name: &str) -> bool {
    static LOCAL: OnceLock<Vec<String>> = OnceLock::new();
    let local = LOCAL.get_or_init(|| {
        // data/ner/first_names.txt: the Kazakh and Russian sections come before the foreign ones
        include_str!("../../../data/ner/first_names.txt")
            .lines()
            .take_while(|l| !l.starts_with("# English"))
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .map(str::to_owned)
            .collect()
    });
    let kazakh_letters = name.chars().any(|c| "әғқңөұүһіӘҒҚҢӨҰҮҺІ".contains(c));
    let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
    kazakh_letters
        || local.iter().any(|n| first.starts_with(n.as_str()) && first.chars().count() <= n.chars().count() + 3)
}

/// A lone "Governor" in English news about Kazakhstan, with no state or
/// region in the phrase, before a Kazakh surname, is the akim of a region
/// ("The delegates headed by Governor Amandyk Battalov").
fn kazakh_governor(view: &View, role: Option<&str>, country: Option<&str>, region: Option<&str>, name: &str) -> bool {
    view.doc.lang_code() == "en"
        && role == Some("governor")
        && country.is_none()
        && region.is_none()
        && kz_surname_shape(name)
}

/// A listing of several news items rather than one article: many paragraphs
/// are teasers cut off with an ellipsis.
pub fn is_index_page(body: &str) -> bool {
    let paragraphs: Vec<&str> = body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    let teasers = paragraphs.iter().filter(|p| p.ends_with("...") || p.ends_with('…')).count();
    teasers >= 3 && teasers * 3 >= paragraphs.len()
}

/// Builds the document's engagement events; empty when it is not relevant.
pub fn assemble(doc: &Document) -> Vec<Event> {
    if !IN_SCOPE.contains(&doc.lang_code()) || doc.body.is_empty() {
        return Vec::new();
    }
    if is_index_page(&doc.body) {
        return Vec::new();
    }
    let view = View::new(doc);
    // Engagements the article only recalls ("два года назад подписали
    // меморандум") are background, not events.
    let triggers: BTreeSet<usize> =
        view.cue_sentences(CueKind::Trigger).into_iter().filter(|s| !view.in_past(*s)).collect();
    if triggers.is_empty() {
        return Vec::new();
    }
    let people = collect_people(&view);

    // Kazakh side: regional authorities among the people, or a region named
    // in a trigger sentence.
    let kz_authorities: Vec<&Participant> =
        people.iter().filter(|p| p.role.as_deref().is_some_and(|r| KZ_AUTHORITY.contains(&r)) && p.regional).collect();
    let mut region_votes: BTreeMap<String, (usize, usize)> = BTreeMap::new(); // code → (weight, first sentence)
    for p in &kz_authorities {
        if let Some(r) = p.region.as_deref().filter(|r| r.starts_with("KZ-")) {
            let first = p.sentences.iter().next().copied().unwrap_or(0);
            let e = region_votes.entry(r.to_owned()).or_insert((0, first));
            e.0 += 10;
        }
    }
    // Regions named, and the regions of cities and districts named (which
    // count for less: a city is often only the venue).
    for e in view.entities(Label::Loc) {
        let (code, base) = match &e.referent {
            Referent::KzRegion { code } => (code, 3),
            Referent::KzPlace { region } => (region, 1),
            _ => continue,
        };
        {
            let s = view.sentence_index(e.span);
            // a venue or a recalled past counts for nothing, but is counted
            // (a region named only as the venue still wins over none)
            let w = if !region_acts(&view, e) || view.in_past(s) {
                0
            } else if s < LEAD {
                base
            } else if triggers.contains(&s) {
                base.min(2)
            } else {
                1
            };
            let v = region_votes.entry(code.clone()).or_insert((0, s));
            v.0 += w;
        }
    }
    // A region acting (not the venue), or a regional akimat or department.
    // Each side's evidence, by sentence.
    let mut kz_sents: BTreeSet<usize> = kz_authorities.iter().flat_map(|p| p.sentences.iter().copied()).collect();
    let mut foreign_sents: BTreeSet<usize> = BTreeSet::new();
    let acting: Vec<usize> = view
        .entities(Label::Loc)
        .filter(|e| {
            matches!(e.referent, Referent::KzRegion { .. })
                && triggers.contains(&view.sentence_index(e.span))
                && region_acts(&view, e)
        })
        .chain(view.entities(Label::Org).filter(|e| match e.referent {
            Referent::KzRegion { .. } => true,
            // "Karaganda regional administration": the akimat of the region
            // whose centre the city is
            Referent::KzPlace { .. } => names_region(e.span.slice(view.text)),
            _ => false,
        }))
        .map(|e| view.sentence_index(e.span))
        .collect();
    let region_in_trigger = !acting.is_empty();
    kz_sents.extend(acting);
    // Titles speak for the sides even without a name: "Аким ВКО встретился с послом".
    let engaged = |e: &&Entity| {
        let s = view.sentence_index(e.span);
        triggers.contains(&s) || s < LEAD
    };
    let role_of = |e: &Entity| match &e.referent {
        Referent::Role { role, country, .. } => Some((role.clone(), country.clone())),
        _ => None,
    };
    kz_sents.extend(
        view.entities(Label::Role)
            .filter(engaged)
            .filter(|e| {
                matches!(&e.referent, Referent::Role { role, region, .. }
                if KZ_AUTHORITY.contains(&role.as_str()) && (region.is_some() || names_region(&title_window(&view, e.span))))
            })
            .map(|e| view.sentence_index(e.span)),
    );
    // A title that names a person speaks through that person's side.
    let personal = |e: &&Entity| !people.iter().any(|p| p.titles.contains(&e.span));
    foreign_sents.extend(
        view.entities(Label::Role)
            .filter(engaged)
            .filter(personal)
            .filter(|e| {
                role_of(e).is_some_and(|(r, c)| {
                    matches!(r.as_str(), "ambassador" | "consul_general" | "consul" | "diplomat")
                        && c.as_deref() != Some("KZ")
                        || c.as_deref().is_some_and(|c| c != "KZ")
                })
            })
            .map(|e| view.sentence_index(e.span)),
    );

    // Foreign side.
    let foreign_people: Vec<&Participant> = people
        .iter()
        .filter(|p| {
            side_of(&view, p) == "foreign" && p.role.as_deref().is_some_and(|r| FOREIGN_PARTY_ROLES.contains(&r))
        })
        .collect();
    // A foreign state or region named in an engagement sentence, or in the
    // headline and lead, where the article says who it is about.
    // The state a Kazakh envoy of the article serves in is where the
    // meeting happens, not a party by being named ("Посол Казахстана в
    // России встретился с акимом... прибыл в Москву").
    let hosts = host_states(&view);
    let named_states: Vec<usize> = triggers
        .iter()
        .copied()
        .chain(0..LEAD.min(view.sentences.len()))
        .filter(|s| foreign_states_in(&view, *s).iter().any(|c| !hosts.contains(c)))
        .collect();
    let foreign_in_trigger = !named_states.is_empty();
    foreign_sents.extend(named_states);
    foreign_sents.extend(foreign_people.iter().flat_map(|p| p.sentences.iter().copied()));
    let orgs = international_orgs(&view);
    foreign_sents.extend(orgs.iter().map(|o| view.sentence_index(*o)).filter(|s| *s < LEAD || triggers.contains(s)));
    foreign_sents.extend(triggers.iter().copied().filter(|s| unnamed_foreign_party(&view, *s)));
    if kz_sents.is_empty() || foreign_sents.is_empty() {
        return Vec::new();
    }

    let mut event = Event { kind: event_type(&view, &triggers), ..Default::default() };
    let mut evidence: Vec<FactEvidence> = Vec::new();
    let mut note = |field: &str, value: &str, sentence: usize| {
        if !evidence.iter().any(|e| e.field == field && e.value == value) {
            evidence.push(FactEvidence { field: field.into(), value: value.into(), evidence: view.evidence(sentence) });
        }
    };

    // Regions: those of the authorities, else the most named one.
    let mut regions: Vec<(String, usize)> = kz_authorities
        .iter()
        .filter_map(|p| {
            p.region.clone().filter(|r| r.starts_with("KZ-")).map(|r| (r, *p.sentences.iter().next().unwrap_or(&0)))
        })
        .collect();
    if regions.is_empty() {
        if let Some((code, (_, s))) = region_votes.iter().max_by_key(|(_, (w, s))| (*w, usize::MAX - *s)) {
            regions.push((code.clone(), *s));
        }
    }
    // Other regions whose delegations take part, named in an engagement
    // sentence or the lead ("делегаты из области Абай, Жетысуской и
    // Восточно-Казахстанской областей", "Шығыс Қазақстан мен Павлодар
    // облыстарының делегациялары").
    for e in view.entities(Label::Loc) {
        let Referent::KzRegion { code } = &e.referent else { continue };
        let s = view.sentence_index(e.span);
        if !(triggers.contains(&s) || s < LEAD) || !region_acts(&view, e) || view.in_past(s) {
            continue;
        }
        let near = view
            .doc
            .tokens
            .iter()
            .filter(|t| t.span.end + 120 >= e.span.start && t.span.start <= e.span.end + 80)
            .filter(|t| view.sentence_index(t.span) == s)
            .any(|t| {
                let w = t.span.slice(view.text).to_lowercase();
                markers().delegation.iter().any(|d| w.starts_with(d.as_str()))
            });
        if near {
            regions.push((code.clone(), s));
        }
    }
    for (r, s) in regions {
        if !event.regions.contains(&r) {
            note("regions", &r, s);
            event.regions.push(r);
        }
    }

    // People.
    for p in &people {
        let side = side_of(&view, p);
        let in_trigger = p.sentences.iter().any(|s| triggers.contains(s));
        if p.role.is_none() && !in_trigger {
            continue;
        }
        let s = *p.sentences.iter().next().unwrap_or(&0);
        event.people.push(Person {
            name: p.name.clone(),
            role: p.role.clone().unwrap_or_else(|| "other".into()),
            side: side.into(),
            evidence: Some(view.evidence(s)),
        });
    }

    // Countries and foreign regions: from foreign people, and named in trigger sentences or the lead.
    let mut countries: Vec<(String, usize)> = Vec::new();
    for p in &people {
        if let Some(c) = p.country.as_deref().filter(|c| *c != "KZ") {
            countries.push((c.to_owned(), *p.sentences.iter().next().unwrap_or(&0)));
        }
    }
    for e in view.entities(Label::Loc) {
        let s = view.sentence_index(e.span);
        if !(triggers.contains(&s) || s < LEAD) {
            continue;
        }
        match &e.referent {
            Referent::Country { code } if code != "KZ" => countries.push((code.clone(), s)),
            Referent::ForeignRegion { name, country } => {
                if !event.foreign_regions.contains(name) {
                    note("foreign_regions", name, s);
                    event.foreign_regions.push(name.clone());
                }
                if country != "KZ" {
                    countries.push((country.clone(), s));
                }
            }
            _ => {}
        }
    }
    for (c, s) in countries {
        if !event.countries.contains(&c) {
            note("countries", &c, s);
            event.countries.push(c);
        }
    }

    // Organisations: companies and agencies (a company word in or right after
    // the name, a company name by rule, or a Latin-script name in a Cyrillic
    // text) named in an engagement sentence, the lead or a guest's sentence,
    // foreign by a state named with them, their script or a word ("китайской
    // компании", "шетелдік"); not the news agency a report is attributed to.
    let m = markers();
    let guest_sentences: BTreeSet<usize> = foreign_people.iter().flat_map(|p| p.sentences.iter().copied()).collect();
    for e in view.entities(Label::Org) {
        let s = view.sentence_index(e.span);
        if !(triggers.contains(&s) || s < LEAD || guest_sentences.contains(&s)) {
            continue;
        }
        let surface = e.span.slice(view.text);
        let latin_in_cyrillic = view.doc.lang_code() != "en" && surface.chars().any(|c| c.is_ascii_alphabetic());
        let foreign_word = view
            .doc
            .tokens
            .iter()
            .rev()
            .filter(|t| t.span.end <= e.span.start && t.kind == yntymaq_core::TokenKind::Word)
            .take(3)
            .any(|t| {
                let w = t.span.slice(view.text).to_lowercase();
                m.foreign_word.iter().any(|f| w.starts_with(f.as_str()))
                    || view.entities(Label::Loc).any(|l| l.span.contains(t.span) && foreign_state(l).is_some())
            });
        if !(latin_in_cyrillic || foreign_word || !foreign_states_in(&view, s).is_empty()) {
            continue;
        }
        let near: Vec<String> = view
            .doc
            .tokens
            .iter()
            .filter(|t| t.span.end + 40 >= e.span.start && t.span.start <= e.span.end + 40)
            .map(|t| t.span.slice(view.text).to_lowercase())
            .collect();
        // a web site is a news source ("BAQ.KZ")
        let site = surface.contains('.') && surface.rsplit('.').next().is_some_and(|tld| (2..=4).contains(&tld.len()));
        if near.iter().any(|w| m.attribution.contains(w)) || site {
            continue;
        }
        // a company word alone ("LLC", "the Chamber") names no one
        let generic = surface.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).all(|w| {
            m.org_marker.contains(&w.to_lowercase()) || yntymaq_recognize::is_company_word(w, view.doc.lang_code())
        });
        if generic {
            continue;
        }
        let company = e.source == "recognize.company"
            || surface.split(|c: char| !c.is_alphanumeric()).any(|w| m.org_marker.contains(&w.to_lowercase()));
        if !(latin_in_cyrillic || company) || matches!(e.referent, Referent::KzRegion { .. } | Referent::KzPlace { .. })
        {
            continue;
        }
        let name = e.norm.clone().unwrap_or_else(|| surface.to_owned());
        if !event.organizations.contains(&name) {
            note("organizations", &name, s);
            event.organizations.push(name);
        }
    }

    for o in orgs.iter().filter(|o| triggers.contains(&view.sentence_index(**o))) {
        let name = o.slice(view.text).to_owned();
        if !event.organizations.iter().any(|x| x == &name) {
            note("organizations", &name, view.sentence_index(*o));
            event.organizations.push(name);
        }
    }

    // Sectors and agreements.
    let signing = event.kind == "agreement";
    for c in &doc.cues {
        let s = view.sentence_index(c.span);
        match c.kind {
            CueKind::Sector if !event.sectors.contains(&c.value) => {
                note("sectors", &c.value, s);
                event.sectors.push(c.value.clone());
            }
            CueKind::Agreement if signing && !event.agreements.contains(&c.value) => {
                note("agreements", &c.value, s);
                event.agreements.push(c.value.clone());
            }
            _ => {}
        }
    }

    // Figures: levels, not changes.
    for f in doc.figures.iter().filter(|f| !f.is_change) {
        let s = view.sentence_index(f.span);
        let dup = event
            .figures
            .iter()
            .any(|g| g.metric == f.metric && g.currency == f.currency && (g.value - f.value).abs() < 1e-6);
        if !dup {
            event.figures.push(Figure {
                metric: f.metric.clone(),
                value: f.value,
                currency: f.currency.clone(),
                period: f.period.clone(),
                evidence: Some(view.evidence(s)),
            });
        }
    }

    event.date = event_date(&view, &triggers);
    event.confidence = confidence(&kz_authorities, &foreign_people, region_in_trigger, foreign_in_trigger);
    event.evidence = evidence;
    split_occasions(&view, &people, &triggers, event)
}

/// One event per separate occasion: when later engagement sentences bring
/// in foreign parties of another affiliation (another company, region or
/// state) than the earlier ones, each such sentence opens an occasion that
/// runs to the next one ("встреча с вице-президентом China Huadian... По
/// итогам встречи с Gansu Joy Sturgeon подписан меморандум... Вице-президент
/// Leader International Tourism Group обсудил..."). The Kazakh side takes
/// part in every occasion; the other facts go to the occasion of their
/// sentence. A delegation whose members speak in turn stays one event.
fn split_occasions(view: &View, people: &[Participant], triggers: &BTreeSet<usize>, event: Event) -> Vec<Event> {
    let engaging: BTreeSet<usize> = view
        .doc
        .cues
        .iter()
        .filter(|c| c.kind == CueKind::Trigger && matches!(c.value.as_str(), "meeting" | "agreement"))
        .map(|c| view.sentence_index(c.span))
        .filter(|s| triggers.contains(s))
        .collect();
    let guests: Vec<&Participant> = people
        .iter()
        .filter(|p| {
            side_of(view, p) == "foreign" && p.role.as_deref().is_some_and(|r| FOREIGN_PARTY_ROLES.contains(&r))
        })
        .collect();
    // (first sentence, affiliations) of each occasion
    let mut occasions: Vec<(usize, BTreeSet<String>)> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for &s in &engaging {
        let here: Vec<&&Participant> = guests.iter().filter(|p| p.sentences.contains(&s)).collect();
        if here.is_empty() {
            continue;
        }
        let affiliations: BTreeSet<String> = here.iter().map(|p| affiliation(view, p)).collect();
        let all_new = here.iter().all(|p| !seen.contains(p.name.as_str()));
        let new_affiliation = occasions.iter().all(|(_, a)| a.is_disjoint(&affiliations));
        if occasions.is_empty() || all_new && new_affiliation && !affiliations.contains("") {
            occasions.push((s, affiliations));
        } else if let Some(last) = occasions.last_mut() {
            last.1.extend(affiliations);
        }
        seen.extend(here.iter().map(|p| p.name.as_str()));
    }
    if occasions.len() < 2 {
        return vec![event];
    }
    // occasion k runs from its first sentence to the next one's; the first from the start
    let bounds: Vec<usize> = occasions.iter().map(|(s, _)| *s).collect();
    let occasion_of = |sentence: usize| bounds.iter().rposition(|b| *b <= sentence).unwrap_or(0);
    let char_starts: Vec<usize> = view.sentences.iter().map(|s| view.offsets.char_at(s.start)).collect();
    let sentence_at =
        |ev: Option<&Evidence>| ev.map_or(0, |e| char_starts.partition_point(|c| *c <= e.start).saturating_sub(1));
    let first_mention: HashMap<&str, usize> =
        people.iter().map(|p| (p.name.as_str(), p.sentences.iter().next().copied().unwrap_or(0))).collect();
    (0..bounds.len())
        .map(|k| {
            let range = bounds[k]..bounds.get(k + 1).copied().unwrap_or(usize::MAX);
            let range = if k == 0 { 0..range.end } else { range };
            let in_range = |s: usize| range.contains(&s);
            let mut e = event.clone();
            e.kind = event_type_in(view, triggers, &range);
            e.people
                .retain(|p| p.side == "kz" || first_mention.get(p.name.as_str()).is_some_and(|s| occasion_of(*s) == k));
            e.figures.retain(|f| in_range(sentence_at(f.evidence.as_ref())));
            let keep: BTreeSet<(String, String)> = event
                .evidence
                .iter()
                .filter(|f| f.field == "regions" || in_range(sentence_at(Some(&f.evidence))))
                .map(|f| (f.field.clone(), f.value.clone()))
                .collect();
            let kept = |field: &str, v: &String| keep.contains(&(field.to_owned(), v.clone()));
            e.countries.retain(|v| kept("countries", v));
            e.foreign_regions.retain(|v| kept("foreign_regions", v));
            e.organizations.retain(|v| kept("organizations", v));
            e.sectors.retain(|v| kept("sectors", v));
            e.agreements.retain(|v| kept("agreements", v));
            e.evidence.retain(|f| kept(&f.field, &f.value));
            // a guest's state is a party of the guest's occasion
            if e.countries.is_empty() {
                e.countries = event.countries.clone();
            }
            e
        })
        .collect()
}

/// Whom a foreign participant stands for: the foreign region or state of
/// the title, and the company named in it (its Latin or quoted words).
fn affiliation(view: &View, p: &Participant) -> String {
    let company: Vec<String> = p
        .titles
        .iter()
        .flat_map(|t| {
            title_window(view, *t)
                .split_whitespace()
                .filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let place = p.region.clone().or_else(|| p.country.clone()).unwrap_or_default();
    format!("{place}{}", company.join(" ")).trim().to_owned()
}

fn event_type(view: &View, triggers: &BTreeSet<usize>) -> String {
    event_type_in(view, triggers, &(0..usize::MAX))
}

/// The type of the event told in the sentences of `range`.
fn event_type_in(view: &View, triggers: &BTreeSet<usize>, range: &std::ops::Range<usize>) -> String {
    let mut kinds: HashMap<&str, usize> = HashMap::new();
    let mut headline: HashMap<&str, usize> = HashMap::new();
    for c in view.doc.cues.iter().filter(|c| c.kind == CueKind::Trigger) {
        let s = view.sentence_index(c.span);
        if range.contains(&s) {
            *kinds.entry(c.value.as_str()).or_default() += 1;
            if s == range.start && triggers.contains(&s) {
                *headline.entry(c.value.as_str()).or_default() += 1;
            }
        }
    }
    let signed = kinds.contains_key("agreement")
        && view.doc.cues.iter().any(|c| {
            let s = view.sentence_index(c.span);
            c.kind == CueKind::Agreement && triggers.contains(&s) && range.contains(&s)
        });
    if signed {
        "agreement".into()
    } else if headline.contains_key("forum") && !headline.contains_key("meeting") {
        // what the headline calls it: "В Актау прошел бизнес-форум"
        "forum".into()
    } else if kinds.contains_key("forum") && !kinds.contains_key("meeting") {
        "forum".into()
    } else if kinds.contains_key("visit") && !kinds.contains_key("meeting") {
        "visit".into()
    } else {
        "meeting".into()
    }
}

/// The day of the event: a full date in the first trigger sentence, else the dateline.
fn event_date(view: &View, triggers: &BTreeSet<usize>) -> Option<String> {
    for s in triggers {
        for e in view.entities(Label::Date).filter(|e| view.sentence_index(e.span) == *s) {
            if let Referent::Date { value } = &e.referent {
                let day = value.split('/').next().unwrap_or("");
                if day.len() == 10 {
                    return Some(day.to_owned());
                }
            }
        }
    }
    view.doc.published.map(|d| d.format("%Y-%m-%d").to_string())
}

fn confidence(kz: &[&Participant], foreign: &[&Participant], region_trigger: bool, foreign_trigger: bool) -> f32 {
    let mut c: f32 = 0.4;
    if !kz.is_empty() {
        c += 0.25;
    } else if region_trigger {
        c += 0.1;
    }
    if !foreign.is_empty() {
        c += 0.25;
    } else if foreign_trigger {
        c += 0.1;
    }
    c.min(0.95)
}

#[cfg(test)]
mod tests {
    use super::*;
    use yntymaq_core::{Cue, LangInfo, Script};

    /// A document whose entities and cues are given by the substrings they cover.
    struct Builder {
        doc: Document,
    }

    impl Builder {
        fn new(lang: &str, body: &str) -> Self {
            let tokens = yntymaq_core::tokenize(body);
            let sentences = yntymaq_core::sentences(body, &tokens);
            let doc = Document {
                body: body.into(),
                lang: Some(LangInfo { code: lang.into(), script: Script::Cyrillic, confidence: 1.0 }),
                tokens,
                sentences,
                ..Default::default()
            };
            Builder { doc }
        }
        fn span(&self, s: &str) -> Span {
            let start = self.doc.body.find(s).unwrap_or_else(|| panic!("{s} not in body"));
            Span::new(start, start + s.len())
        }
        fn ent(mut self, s: &str, label: Label, norm: Option<&str>, referent: Referent) -> Self {
            let span = self.span(s);
            self.doc.entities.push(Entity { span, label, norm: norm.map(str::to_owned), referent, source: "test" });
            self.doc.entities.sort_by_key(|e| e.span.start);
            self
        }
        fn role(self, s: &str, role: &str, country: Option<&str>, region: Option<&str>) -> Self {
            let r = Referent::Role {
                role: role.into(),
                country: country.map(str::to_owned),
                region: region.map(str::to_owned),
            };
            self.ent(s, Label::Role, None, r)
        }
        fn per(self, s: &str, norm: &str) -> Self {
            self.ent(s, Label::Per, Some(norm), Referent::None)
        }
        fn cue(mut self, s: &str, kind: CueKind, value: &str) -> Self {
            let span = self.span(s);
            self.doc.cues.push(Cue { span, kind, value: value.into() });
            self
        }
    }

    fn seed_like() -> Builder {
        Builder::new(
            "ru",
            "Аким ВКО Ермек Кошербаев встретился с чрезвычайным и полномочным послом Германии Моникой Иверсен.\n\nГоспожу Иверсен заинтересовал проект хаба. Стороны обсудили туризм.\n\nФото Еркебулана ХАДЫЛБЕКА",
        )
        .role("Аким ВКО", "akim", Some("KZ"), Some("KZ-63"))
        .per("Ермек Кошербаев", "Ермек Кошербаев")
        .role("чрезвычайным и полномочным послом Германии", "ambassador", Some("DE"), None)
        .per("Моникой Иверсен", "Моника Иверсен")
        .per("Иверсен заинтересовал", "Иверсен")
        .per("Еркебулана ХАДЫЛБЕКА", "Еркебулан ХАДЫЛБЕК")
        .cue("встретился", CueKind::Trigger, "meeting")
        .cue("обсудили", CueKind::Trigger, "meeting")
        .cue("туризм", CueKind::Sector, "tourism")
    }

    #[test]
    fn akim_meets_ambassador_is_one_meeting_with_both_sides() {
        let events = assemble(&seed_like().doc);
        assert_eq!(events.len(), 1);
        let e = &events[0];
        assert_eq!(e.kind, "meeting");
        assert_eq!(e.regions, vec!["KZ-63"]);
        assert_eq!(e.countries, vec!["DE"]);
        assert_eq!(e.sectors, vec!["tourism"]);
        let people: Vec<(&str, &str, &str)> =
            e.people.iter().map(|p| (p.name.as_str(), p.role.as_str(), p.side.as_str())).collect();
        assert_eq!(people, vec![("Ермек Кошербаев", "akim", "kz"), ("Моника Иверсен", "ambassador", "foreign")]);
        let ev = e.people[1].evidence.as_ref().unwrap();
        assert!(ev.text.starts_with("Аким ВКО"));
        assert_eq!(ev.start, 0);
    }

    #[test]
    fn no_foreign_party_is_not_relevant() {
        let b = Builder::new("ru", "Аким ВКО Ермек Кошербаев встретился с фермерами района.")
            .role("Аким ВКО", "akim", Some("KZ"), Some("KZ-63"))
            .per("Ермек Кошербаев", "Ермек Кошербаев")
            .cue("встретился", CueKind::Trigger, "meeting");
        assert!(assemble(&b.doc).is_empty());
    }

    #[test]
    fn national_only_meeting_is_not_relevant() {
        let b = Builder::new(
            "ru",
            "Президент Касым-Жомарт Токаев принял губернатора Астраханской области Игоря Бабушкина.",
        )
        .role("Президент", "official", Some("KZ"), None)
        .per("Касым-Жомарт Токаев", "Касым-Жомарт Токаев")
        .role("губернатора Астраханской области", "governor", Some("RU"), Some("Astrakhan Oblast"))
        .per("Игоря Бабушкина", "Игорь Бабушкин")
        .cue("принял", CueKind::Trigger, "meeting");
        assert!(assemble(&b.doc).is_empty());
    }

    #[test]
    fn foreign_governor_with_kazakh_consul_is_not_relevant() {
        let b = Builder::new(
            "ru",
            "Губернатор Омской области Виталий Хоценко встретился с генеральным консулом Казахстана Асетом Исаевым.",
        )
        .role("Губернатор Омской области", "governor", Some("RU"), Some("Omsk Oblast"))
        .per("Виталий Хоценко", "Виталий Хоценко")
        .role("генеральным консулом Казахстана", "consul_general", Some("KZ"), None)
        .per("Асетом Исаевым", "Асет Исаев")
        .cue("встретился", CueKind::Trigger, "meeting");
        assert!(assemble(&b.doc).is_empty());
    }

    #[test]
    fn president_receiving_a_governor_is_national_news() {
        // "governor" alone is the English for an akim, not a foreign title
        let b = Builder::new(
            "en",
            "Head of State Kassym-Jomart Tokayev has received Yermek Marzhikpayev, governor of Akmola region. \
             In addition, governor Marzhikpayev told about the preparations for the forum.",
        )
        .per("Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev")
        .per("Yermek Marzhikpayev", "Yermek Marzhikpayev")
        .role("governor of Akmola region", "akim", Some("KZ"), Some("KZ-11"))
        .role("governor Marzhikpayev", "governor", None, None)
        .cue("received", CueKind::Trigger, "meeting");
        assert!(assemble(&b.doc).is_empty());
    }

    #[test]
    fn english_governor_with_a_kazakh_name_is_the_akim() {
        let b = Builder::new(
            "en",
            "The delegates headed by Governor Amandyk Battalov signed 12 memorandums with Chinese businessmen in Xinjiang.",
        )
        .role("Governor", "governor", None, None)
        .per("Amandyk Battalov", "Amandyk Battalov")
        .ent("Xinjiang", Label::Loc, None, Referent::ForeignRegion { name: "Xinjiang".into(), country: "CN".into() })
        .cue("signed", CueKind::Trigger, "agreement");
        let events = assemble(&b.doc);
        assert_eq!(events.len(), 1);
        let p = &events[0].people[0];
        assert_eq!((p.name.as_str(), p.role.as_str(), p.side.as_str()), ("Amandyk Battalov", "akim", "kz"));
    }

    #[test]
    fn an_envoys_host_state_is_no_party() {
        // a Kazakh ambassador in Moscow meets an akim: Kazakh news only
        let b = Builder::new(
            "ru",
            "Посол Имангали Тасмагамбетов встретился с акимом Актюбинской области Ондасыном Уразалиным.\n\n\
             Посол Республики Казахстан в Российской Федерации И. Тасмагамбетов провел встречу. Глава региона прибыл в Москву.",
        )
        .role("Посол", "ambassador", None, None)
        .per("Имангали Тасмагамбетов", "Имангали Тасмагамбетов")
        .role("акимом Актюбинской области", "akim", Some("KZ"), Some("KZ-15"))
        .per("Ондасыном Уразалиным", "Ондасын Уразалин")
        .role("Посол Республики Казахстан", "ambassador", Some("KZ"), None)
        .per("И. Тасмагамбетов", "И. Тасмагамбетов")
        .ent("Российской Федерации", Label::Loc, None, Referent::Country { code: "RU".into() })
        .ent("Москву", Label::Loc, None, Referent::ForeignRegion { name: "Moscow".into(), country: "RU".into() })
        .cue("встретился", CueKind::Trigger, "meeting")
        .cue("провел встречу", CueKind::Trigger, "meeting");
        assert!(assemble(&b.doc).is_empty());
    }

    #[test]
    fn state_leaders_are_no_party_but_heads_of_other_bodies_are() {
        let b = Builder::new(
            "ru",
            "Аким ВКО Ермек Кошербаев встретился с послом Германии Моникой Иверсен. \
             Накануне Президент страны Касым-Жомарт Токаев посетил Германию. \
             Президентом Бундесрата Анке Релингер встретилась с советником Премьер-Министра Мехриддином Хайриддиновым.",
        )
        .role("Аким ВКО", "akim", Some("KZ"), Some("KZ-63"))
        .per("Ермек Кошербаев", "Ермек Кошербаев")
        .role("послом Германии", "ambassador", Some("DE"), None)
        .per("Моникой Иверсен", "Моника Иверсен")
        .per("Касым-Жомарт Токаев", "Касым-Жомарт Токаев")
        .ent("Германию", Label::Loc, None, Referent::Country { code: "DE".into() })
        .per("Анке Релингер", "Анке Релингер")
        .role("советником Премьер-Министра", "official", None, None)
        .per("Мехриддином Хайриддиновым", "Мехриддин Хайриддинов")
        .cue("встретился", CueKind::Trigger, "meeting")
        .cue("посетил", CueKind::Trigger, "visit")
        .cue("встретилась", CueKind::Trigger, "meeting");
        let view = View::new(&b.doc);
        let leader = |s: &str| is_state_leader(&view, b.span(s));
        assert!(leader("Касым-Жомарт Токаев"));
        assert!(!leader("Анке Релингер"));
        assert!(!leader("Мехриддином Хайриддиновым"));
        assert!(!leader("Моникой Иверсен"));
        let names: Vec<String> = assemble(&b.doc)[0].people.iter().map(|p| p.name.clone()).collect();
        assert!(!names.contains(&"Касым-Жомарт Токаев".to_owned()), "{names:?}");
        assert!(names.contains(&"Мехриддин Хайриддинов".to_owned()), "{names:?}");
    }

    #[test]
    fn english_leaders_and_company_presidents() {
        let b = Builder::new(
            "en",
            "Kazakh President Kassym-Jomart Tokayev arrived in China. The akim met with its president, Massimo Andalini.",
        )
        .per("Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev")
        .ent("Kazakh", Label::Norp, None, Referent::Country { code: "KZ".into() })
        .per("Massimo Andalini", "Massimo Andalini");
        let view = View::new(&b.doc);
        assert!(is_state_leader(&view, b.span("Kassym-Jomart Tokayev")));
        assert!(!is_state_leader(&view, b.span("Massimo Andalini")));
    }

    #[test]
    fn partial_names_fold_into_the_full_one() {
        let p = |name: &str, s: usize| Participant {
            name: name.into(),
            role: None,
            country: None,
            region: None,
            sentences: BTreeSet::from([s]),
            regional: false,
            forms: vec![(name.into(), 1)],
            titles: Vec::new(),
        };
        let out = merge_partial_names(vec![
            p("Bulat Bakauov", 0),
            p("Bulat", 3),
            p("A.", 4),
            p("Mohammed Ahmed bin Sultan Al Jaber", 1),
            p("Al Jaber", 5),
            p("Nuraly Sauakassov", 6),
            p("Nuraly Saduakassov", 7),
            p("Alexander Moor", 2),
        ]);
        let names: Vec<&str> = out.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            vec!["Bulat Bakauov", "Mohammed Ahmed bin Sultan Al Jaber", "Nuraly Saduakassov", "Alexander Moor"]
        );
        assert_eq!(out[0].sentences, BTreeSet::from([0, 3]));
        assert_eq!(without_patronymic("Ermanov Farkhod Urazbaevich"), "Ermanov Farkhod");
        assert_eq!(without_patronymic("Асаин Куандыкович Байханов"), "Асаин Байханов");
    }

    #[test]
    fn an_unnamed_foreign_company_is_a_party() {
        let body = "Состоялось подписание меморандума между Акиматом Алматинской области и одной из ведущих зарубежных компаний.";
        let b = Builder::new("ru", body)
            .ent("Акиматом Алматинской области", Label::Org, None, Referent::KzRegion { code: "KZ-19".into() })
            .cue("подписание меморандума", CueKind::Trigger, "agreement");
        assert_eq!(assemble(&b.doc).len(), 1);
        // without the foreign company: the akimat alone
        let b = Builder::new("ru", &body.replace("зарубежных", "местных"))
            .ent("Акиматом Алматинской области", Label::Org, None, Referent::KzRegion { code: "KZ-19".into() })
            .cue("подписание меморандума", CueKind::Trigger, "agreement");
        assert!(assemble(&b.doc).is_empty());
    }

    #[test]
    fn a_recalled_engagement_is_background() {
        let body = "В Тюмени открыли почетное консульство Казахстана. Два года назад акимат Северо-Казахстанской области и Тюменская область подписали меморандум.";
        let tyumen = Referent::ForeignRegion { name: "Tyumen Oblast".into(), country: "RU".into() };
        let build = |body: &str, trigger: &str| {
            Builder::new("ru", body)
                .ent(
                    "акимат Северо-Казахстанской области",
                    Label::Org,
                    None,
                    Referent::KzRegion { code: "KZ-59".into() },
                )
                .ent("Тюменская область", Label::Loc, None, tyumen.clone())
                .cue(trigger, CueKind::Trigger, "agreement")
        };
        assert!(assemble(&build(body, "подписали").doc).is_empty());
        let today = body.replace("Два года назад", "Сегодня");
        assert_eq!(assemble(&build(&today, "подписали").doc).len(), 1);
    }

    #[test]
    fn an_english_region_acts_through_its_government_not_its_hub() {
        let body = "A meeting of the head of Astana's regional hub with the Ambassador of France was held. Karaganda regional administration met the German delegation.";
        let b = Builder::new("en", body)
            .ent("Astana", Label::Loc, None, Referent::KzRegion { code: "KZ-71".into() })
            .cue("meeting", CueKind::Trigger, "meeting");
        let view = View::new(&b.doc);
        let astana = b.doc.entities.iter().find(|e| e.span == b.span("Astana")).unwrap();
        assert!(!region_acts(&view, astana));
        let b = Builder::new("en", &body.replace("regional hub", "akimat")).ent(
            "Astana",
            Label::Loc,
            None,
            Referent::KzRegion { code: "KZ-71".into() },
        );
        let view = View::new(&b.doc);
        let astana = b.doc.entities.iter().find(|e| e.span == b.span("Astana")).unwrap();
        assert!(region_acts(&view, astana));
        // a city's "regional administration" is its region's akimat
        let b = Builder::new("en", "Karaganda regional administration met the German delegation.")
            .ent("Karaganda regional administration", Label::Org, None, Referent::KzPlace { region: "KZ-35".into() })
            .ent("German", Label::Norp, None, Referent::Country { code: "DE".into() })
            .cue("met", CueKind::Trigger, "meeting");
        assert_eq!(assemble(&b.doc).len(), 1);
    }

    #[test]
    fn a_company_officer_is_business() {
        let b = Builder::new(
            "ru",
            "Аким Мангистауской области встретился с послом Китая. Вице-президент компании Leader International Tourism Group Сюй Цинтун обсудил туризм.",
        )
        .role("Аким Мангистауской области", "akim", Some("KZ"), Some("KZ-47"))
        .role("послом Китая", "ambassador", Some("CN"), None)
        .role("Вице-президент", "official", None, None)
        .per("Сюй Цинтун", "Сюй Цинтун")
        .cue("встретился", CueKind::Trigger, "meeting")
        .cue("обсудил", CueKind::Trigger, "meeting");
        let e = &assemble(&b.doc)[0];
        let p = e.people.iter().find(|p| p.name == "Сюй Цинтун").unwrap();
        assert_eq!((p.role.as_str(), p.side.as_str()), ("business", "foreign"));
    }

    #[test]
    fn the_venue_and_recalled_regions_do_not_outvote_the_acting_one() {
        let b = Builder::new(
            "kk",
            "Батыс Қазақстан облысының Орал қаласында форум өтіп жатыр. Облыс әкімі мен Омбы облысының губернаторы жоспарға қол қойды. \
             Бұған дейін мұндай бағдарлама Шығыс Қазақстан облысында қолға алынды. Солтүстік Қазақстан облысы мен Ресей арасындағы тауар айналымы өсті.",
        )
        .ent("Батыс Қазақстан облысының", Label::Loc, None, Referent::KzRegion { code: "KZ-27".into() })
        .ent("Орал", Label::Loc, None, Referent::KzPlace { region: "KZ-27".into() })
        .role("Облыс әкімі", "akim", Some("KZ"), None)
        .role("Омбы облысының губернаторы", "governor", Some("RU"), Some("Omsk Oblast"))
        .ent("Шығыс Қазақстан облысында", Label::Loc, None, Referent::KzRegion { code: "KZ-63".into() })
        .ent("Солтүстік Қазақстан облысы", Label::Loc, None, Referent::KzRegion { code: "KZ-59".into() })
        .cue("форум", CueKind::Trigger, "forum")
        .cue("қол қойды", CueKind::Trigger, "agreement");
        let events = assemble(&b.doc);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].regions, vec!["KZ-59"]);
    }

    #[test]
    fn separate_occasions_are_separate_events() {
        let body =
            "Аким Мангистауской области встретился с вице-президентом компании China Huadian Corporation Лю Кэхуном. \
                    По итогам встречи подписан меморандум о сотрудничестве. \
                    Также аким встретился с вице-президентом компании Huawei Technologies Сюй Хаем.";
        let build = |second: &str| {
            let body = body.replace("Huawei Technologies", second);
            let b = Builder::new("ru", &body)
                .role("Аким Мангистауской области", "akim", Some("KZ"), Some("KZ-47"))
                .role("вице-президентом компании China Huadian Corporation", "business", Some("CN"), None)
                .per("Лю Кэхуном", "Лю Кэхун");
            let at = body.rfind("вице-президентом").unwrap();
            let title = Span::new(at, at + format!("вице-президентом компании {second}").len());
            let mut b = b.per("Сюй Хаем", "Сюй Хай").cue("встретился", CueKind::Trigger, "meeting");
            let r = Referent::Role { role: "business".into(), country: Some("CN".into()), region: None };
            b.doc.entities.push(Entity { span: title, label: Label::Role, norm: None, referent: r, source: "test" });
            b.doc.entities.sort_by_key(|e| e.span.start);
            let met = body.rfind("встретился").unwrap();
            b.doc.cues.push(Cue {
                span: Span::new(met, met + "встретился".len()),
                kind: CueKind::Trigger,
                value: "meeting".into(),
            });
            b.cue("подписан", CueKind::Trigger, "agreement").cue("меморандум", CueKind::Agreement, "memorandum")
        };
        let events = assemble(&build("Huawei Technologies").doc);
        let summary: Vec<(&str, Vec<&str>)> =
            events.iter().map(|e| (e.kind.as_str(), e.people.iter().map(|p| p.name.as_str()).collect())).collect();
        assert_eq!(summary, vec![("agreement", vec!["Лю Кэхун"]), ("meeting", vec!["Сюй Хай"])], "{events:?}");
        assert_eq!(events[0].agreements, vec!["memorandum"]);
        assert!(events[1].agreements.is_empty());
        // one company's two officers in turn: one event
        assert_eq!(assemble(&build("China Huadian Corporation").doc).len(), 1);
    }

    #[test]
    fn local_and_guest_names() {
        assert!(local_given_name("Максим Пак"));
        assert!(local_given_name("Ерлан Нысанбаев"));
        assert!(local_given_name("Дархан Сатыбалды"));
        assert!(local_given_name("Бердібек Сапарбаев"));
        assert!(!local_given_name("Чжао Фей"));
        assert!(!local_given_name("Janet Heckman"));
        assert!(!local_given_name("Массимо Андалини"));
    }

    #[test]
    fn the_headline_names_the_event() {
        let body = "В Актау прошел бизнес-форум «Сделано в Узбекистане». Аким Мангистауской области встретился с хокимом Хорезмской области.";
        let b = Builder::new("ru", body)
            .role("Аким Мангистауской области", "akim", Some("KZ"), Some("KZ-47"))
            .role("хокимом Хорезмской области", "governor", Some("UZ"), Some("Khorezm Region"))
            .cue("бизнес-форум", CueKind::Trigger, "forum")
            .cue("встретился", CueKind::Trigger, "meeting");
        assert_eq!(assemble(&b.doc)[0].kind, "forum");
        // a forum named later, after the meeting: a meeting
        let body = "Аким Мангистауской области встретился с хокимом Хорезмской области. Они посетили бизнес-форум.";
        let b = Builder::new("ru", body)
            .role("Аким Мангистауской области", "akim", Some("KZ"), Some("KZ-47"))
            .role("хокимом Хорезмской области", "governor", Some("UZ"), Some("Khorezm Region"))
            .cue("бизнес-форум", CueKind::Trigger, "forum")
            .cue("встретился", CueKind::Trigger, "meeting");
        assert_eq!(assemble(&b.doc)[0].kind, "meeting");
    }

    #[test]
    fn regions_whose_delegations_take_part() {
        let body = "Облыс әкімі Берік Уәли бастаған делегация Омбыда болды. Кездесуге Омбы облысының губернаторы, Шығыс Қазақстан облысының делегациясы қатысты. \
                    Бұған дейін Павлодар облысының делегациясы келген.";
        let b = Builder::new("kk", body)
            .role("Облыс әкімі", "akim", Some("KZ"), Some("KZ-10"))
            .per("Берік Уәли", "Берік Уәли")
            .role("Омбы облысының губернаторы", "governor", Some("RU"), Some("Omsk Oblast"))
            .ent("Шығыс Қазақстан облысының", Label::Loc, None, Referent::KzRegion { code: "KZ-63".into() })
            .ent("Павлодар облысының", Label::Loc, None, Referent::KzRegion { code: "KZ-55".into() })
            .cue("Кездесуге", CueKind::Trigger, "meeting");
        let regions = &assemble(&b.doc)[0].regions;
        // the akim's region and the delegation's; not the one only recalled
        assert!(regions.contains(&"KZ-10".to_owned()), "{regions:?}");
        assert!(regions.contains(&"KZ-63".to_owned()), "{regions:?}");
        assert!(!regions.contains(&"KZ-55".to_owned()), "{regions:?}");
    }

    #[test]
    fn kyrgyz_regional_news_is_not_relevant() {
        let mut b = seed_like();
        b.doc.lang = Some(LangInfo { code: "ky".into(), script: Script::Cyrillic, confidence: 1.0 });
        assert!(assemble(&b.doc).is_empty());
    }

    #[test]
    fn index_page_is_not_relevant() {
        let teaser = "Аким ВКО встретился с послом Германии Моникой Иверсен. Стороны обсудили сотрудничество в...";
        let body = format!("Новости\n\n{teaser}\n\nАким Карагандинской области принял посла Канады и...\n\nВ Усть-Каменогорске открыли новую школу для...");
        assert!(is_index_page(&body));
        let mut b = Builder::new("ru", &body)
            .role("Аким ВКО", "akim", Some("KZ"), Some("KZ-63"))
            .role("послом Германии", "ambassador", Some("DE"), None)
            .per("Моникой Иверсен", "Моника Иверсен")
            .cue("встретился", CueKind::Trigger, "meeting");
        assert!(assemble(&b.doc).is_empty());
        // the same story as an article is relevant
        let article = teaser.replace("в...", "в торговле.");
        assert!(!is_index_page(&article));
        b = Builder::new("ru", &article)
            .role("Аким ВКО", "akim", Some("KZ"), Some("KZ-63"))
            .role("послом Германии", "ambassador", Some("DE"), None)
            .per("Моникой Иверсен", "Моника Иверсен")
            .cue("встретился", CueKind::Trigger, "meeting");
        assert_eq!(assemble(&b.doc).len(), 1);
    }

    #[test]
    fn district_akim_alone_is_not_relevant() {
        let b = Builder::new("ru", "Аким Ордабасинского района Азат Оралбаев встретился с китайскими инвесторами.")
            .role("Аким Ордабасинского района", "regional_official", Some("KZ"), Some("KZ-61"))
            .per("Азат Оралбаев", "Азат Оралбаев")
            .cue("встретился", CueKind::Trigger, "meeting");
        assert!(assemble(&b.doc).is_empty());
    }

    #[test]
    fn credits_are_not_participants_and_signing_makes_an_agreement() {
        let b = seed_like().cue("Стороны обсудили туризм", CueKind::Trigger, "agreement").cue(
            "туризм",
            CueKind::Agreement,
            "memorandum",
        );
        let e = &assemble(&b.doc)[0];
        assert!(e.people.iter().all(|p| !p.name.contains("ХАДЫЛБЕК")));
        assert_eq!(e.kind, "agreement");
        assert_eq!(e.agreements, vec!["memorandum"]);
    }
}
