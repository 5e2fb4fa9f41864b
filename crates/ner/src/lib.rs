//! Named people, places and organisations: a statistical sequence tagger
//! trained on public NER corpora.
//!
//! An averaged structured perceptron over BIO tags with first-order Viterbi
//! decoding ([`model`]), over hashed features of the word, its affixes,
//! shape, capitalisation, neighbours, quotes, morphology tags
//! (`yntymaq-morph`) and name lists ([`features`], [`lexicon`]). Two models
//! are embedded from `data/ner/`: Russian (factRuEval-2016: PER, LOC in one
//! layer, ORG in a second one so nested `ORG правительства [LOC США]` both
//! come out) and Kazakh (KazNERD: PER, LOC, ORG, ROLE, MONEY, DATE). They are
//! trained by `cargo run --release -p yntymaq-ner --example train`.
//!
//! ```text
//! let toks = yntymaq_core::tokenize(text);
//! let ents = Tagger::global().tag(text, &toks, "ru");
//! ```

pub mod corpus;
pub mod features;
pub mod latin;
pub mod lexicon;
pub mod model;
pub mod recall;
pub mod train;

use features::Extractor;
use lexicon::Lexicon;
use model::{bio_spans, viterbi_rows, Model, ModelError, ViterbiBuf};
use std::cell::RefCell;
use std::sync::OnceLock;
use yntymaq_core::{Entity, Label, Referent, Span, Token};

const RU_MODEL: &[u8] = include_bytes!("../../../data/ner/ru.bin");
const KK_MODEL: &[u8] = include_bytes!("../../../data/ner/kk.bin");

/// The language whose model and features serve a text of language `lang`:
/// Kazakh (and Kyrgyz) text gets the Kazakh model, everything else the
/// Russian one.
pub fn model_lang(lang: &str) -> &'static str {
    match lang {
        "kk" | "ky" => "kk",
        _ => "ru",
    }
}

const CONVENTIONS: &str = include_str!("../../../data/ner/conventions.tsv");

/// Whether the corpus that taught the model for `lang` draws entities flat
/// (one per word: a place inside an organisation's name or a title is no
/// entity of its own), from `data/ner/conventions.tsv`; `false` (nested)
/// for a language it does not list.
pub fn flat_entities(lang: &str) -> bool {
    let want = model_lang(lang);
    CONVENTIONS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?.trim(), f.next()?.trim()))
        })
        .any(|(lang, how)| lang == want && how == "flat")
}

/// Whether a text of language `lang` is tagged by the Latin-script
/// recogniser: English always, other languages (not Russian, Kazakh,
/// Kyrgyz) when written mainly in Latin letters.
pub fn uses_latin(lang: &str, text: &str) -> bool {
    match lang {
        "en" => true,
        "ru" | "kk" | "ky" => false,
        _ => latin::is_latin_text(text),
    }
}

/// The two embedded models.
pub struct Tagger {
    ru: Model,
    kk: Model,
}

struct Buffers {
    ex: Extractor,
    acc: Vec<i32>,
    vit: ViterbiBuf,
    path: Vec<usize>,
}

thread_local! {
    static BUF: RefCell<Buffers> = RefCell::new(Buffers {
        ex: Extractor::new(),
        acc: Vec::new(),
        vit: ViterbiBuf::default(),
        path: Vec::new(),
    });
}

impl Tagger {
    /// Loads the embedded models.
    pub fn try_new() -> Result<Tagger, ModelError> {
        Ok(Tagger { ru: Model::from_bytes(RU_MODEL)?, kk: Model::from_bytes(KK_MODEL)? })
    }

    /// The process-wide tagger, loaded on first use. If an embedded model
    /// cannot be read (never in a correct build) the tagger finds nothing.
    pub fn global() -> &'static Tagger {
        static T: OnceLock<Tagger> = OnceLock::new();
        T.get_or_init(|| {
            Tagger::try_new().unwrap_or_else(|e| {
                eprintln!("yntymaq-ner: embedded model not loaded: {e}");
                let empty = || Model::new(Vec::new(), 1.0, &[], Vec::new());
                Tagger { ru: empty(), kk: empty() }
            })
        })
    }

    /// This tagger with `model` (a model file the `train` example wrote
    /// with `--out`) for language `lang` (`ru` or `kk`) in place of the
    /// embedded one: a retrained model, or a cross-validation fold's.
    pub fn with_model(mut self, lang: &str, model: &[u8]) -> Result<Tagger, ModelError> {
        let model = Model::from_bytes(model)?;
        let slot = match lang {
            "ru" => &mut self.ru,
            "kk" => &mut self.kk,
            other => return Err(ModelError::UnknownLanguage(other.to_string())),
        };
        *slot = model;
        Ok(self)
    }

    /// The model for a language code.
    pub fn model(&self, lang: &str) -> &Model {
        match model_lang(lang) {
            "kk" => &self.kk,
            _ => &self.ru,
        }
    }

    /// Whether the model for `lang` tags `label` (the Kazakh one tags
    /// titles, ROLE; the Russian one does not).
    pub fn tags_label(&self, lang: &str, label: Label) -> bool {
        self.model(lang).layers.iter().any(|l| l.labels.contains(&label))
    }

    /// Bytes of memory the models hold.
    pub fn memory(&self) -> usize {
        self.ru.memory() + self.kk.memory()
    }

    /// Entities over `text` given its tokens (`yntymaq_core::tokenize`) and
    /// language (`ru`, `kk`, `en`...). Byte-offset spans; `source` is `ner`;
    /// `norm` is left `None`. Text in a language other than Russian, Kazakh
    /// or Kyrgyz that is written mainly in Latin script goes to the
    /// knowledge-based recogniser of [`latin`] instead of a model.
    pub fn tag(&self, text: &str, tokens: &[Token], lang: &str) -> Vec<Entity> {
        if uses_latin(lang, text) {
            return latin::tag_latin(text, tokens);
        }
        tag_with(self.model(lang), model_lang(lang), text, tokens)
    }
}

/// Tags `text` with `model`, whose features are those of language `mlang`.
pub fn tag_with(model: &Model, mlang: &str, text: &str, tokens: &[Token]) -> Vec<Entity> {
    let mut out = Vec::new();
    if tokens.is_empty() || model.layers.is_empty() {
        return out;
    }
    let lex = Lexicon::global();
    let width = model.width();
    BUF.with(|b| {
        let mut b = b.borrow_mut();
        let b = &mut *b;
        let sents = corpus::sentence_ranges(text, tokens);
        b.ex.prepare(text, tokens, &sents, mlang, lex, Some(model));
        for &(s, e) in &sents {
            let Some(sent) = tokens.get(s..e) else { continue };
            b.ex.score_sentence(s, e, model, &mut b.acc);
            let n = b.acc.len() / width.max(1);
            let mut off = 0;
            for layer in &model.layers {
                let nt = layer.ntags();
                viterbi_rows(&b.acc, width, off, n, nt, &layer.trans, &mut b.vit, &mut b.path);
                for (a, z, label) in bio_spans(&b.path, &layer.labels) {
                    push_split(text, sent, a, z, label, &mut out);
                }
                off += nt;
            }
        }
    });
    clean_people(text, tokens, mlang, lex, &mut out);
    if mlang == "ru" {
        propagate(text, tokens, &mut out);
    }
    extend_initials(text, tokens, &mut out);
    out.sort_by_key(|e| (e.span.start, std::cmp::Reverse(e.span.end)));
    out
}

/// Whether token `t` (after `prev`) breaks a name of `label`: a line break
/// before it, or a list or clause separator (a person's name never holds a
/// comma, dash or bracket; a place's never a bullet or semicolon).
fn breaks_name(text: &str, prev: Option<&Token>, t: &Token, label: Label) -> bool {
    let gap = prev.and_then(|p| text.get(p.span.end..t.span.start)).unwrap_or("");
    if gap.contains('\n') {
        return true;
    }
    let w = t.text(text);
    match label {
        Label::Per => matches!(w, "," | ";" | "•" | "·" | "|" | "—" | "–" | "(" | ")" | "/"),
        Label::Loc | Label::Org => matches!(w, ";" | "•" | "·" | "|"),
        _ => false,
    }
}

/// Pushes the entity over tokens `a..z` of `sent`, split where
/// [`breaks_name`] says, without the separators.
fn push_split(text: &str, sent: &[Token], a: usize, z: usize, label: Label, out: &mut Vec<Entity>) {
    let mut start: Option<usize> = None;
    let push = |s: usize, e: usize, out: &mut Vec<Entity>| {
        if let (Some(first), Some(last)) = (sent.get(s), sent.get(e.wrapping_sub(1))) {
            if e > s {
                out.push(Entity {
                    span: Span::new(first.span.start, last.span.end),
                    label,
                    norm: None,
                    referent: Referent::None,
                    source: "ner",
                });
            }
        }
    };
    for i in a..z {
        let Some(t) = sent.get(i) else { break };
        let prev = i.checked_sub(1).and_then(|j| sent.get(j));
        let sep = matches!(label, Label::Per | Label::Loc | Label::Org) && i > a && breaks_name(text, prev, t, label);
        let sep_tok = sep && t.kind == yntymaq_core::TokenKind::Punct;
        if sep {
            if let Some(s) = start.take() {
                push(s, i, out);
            }
        }
        if start.is_none() && !sep_tok {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        push(s, z, out);
    }
}

/// The matching key of a word for [`propagate`]: a hash of its lower-cased
/// first `max(4, n - 2)` letters (`Сёмин`, `Сёмина` → `семи`; `buf`: a
/// scratch buffer) and its length.
fn prop_key(w: &str, buf: &mut String) -> Option<(u64, usize)> {
    let n = w.chars().count();
    if n < 2 {
        return None;
    }
    let keep = n.saturating_sub(2).max(4).min(n);
    buf.clear();
    buf.extend(w.chars().take(keep).flat_map(char::to_lowercase).map(|c| if c == 'ё' { 'е' } else { c }));
    Some((features::hash_bytes(buf.as_bytes()), n))
}

/// Document-level consistency (Russian model): a capitalised word covered
/// by no entity that elsewhere in the document is (a word of) a person, or
/// a one-word place or organisation, gets that label, if no tagged
/// occurrence of it has another label or sits in a longer place or
/// organisation name. Adjacent such person words joined by a space make
/// one entity (`Сёмин`, `Ли Со Ён` after `Ли Со Ён` was found once).
fn propagate(text: &str, tokens: &[Token], out: &mut Vec<Entity>) {
    use yntymaq_core::TokenKind;
    if out.is_empty() {
        return;
    }
    // `None`: an occurrence inside a longer place or organisation name
    let mut seen: Vec<((u64, usize), Option<Label>)> = Vec::new();
    let mut covered = vec![false; tokens.len()];
    let mut buf = String::new();
    for e in out.iter() {
        let a = tokens.partition_point(|t| t.span.start < e.span.start);
        let b = tokens.partition_point(|t| t.span.end <= e.span.end);
        for c in covered.iter_mut().take(b).skip(a) {
            *c = true;
        }
        let words = || tokens.get(a..b).unwrap_or(&[]).iter().filter(|t| t.kind == TokenKind::Word);
        // a person's every word spreads; a place or organisation only when one word
        let ok = match e.label {
            Label::Per => true,
            Label::Loc | Label::Org => words().count() == 1,
            _ => false,
        };
        for t in words() {
            let w = t.text(text);
            if w.chars().count() < 3 && e.label != Label::Per {
                continue;
            }
            if let Some(k) = prop_key(w, &mut buf) {
                seen.push((k, ok.then_some(e.label)));
            }
        }
    }
    let label_of = |k: &(u64, usize)| -> Option<Label> {
        let mut l: Option<Label> = None;
        for (sk, sl) in &seen {
            if sk.0 == k.0 && sk.1.abs_diff(k.1) <= 2 {
                let sl = (*sl)?;
                match l {
                    None => l = Some(sl),
                    Some(p) if p != sl => return None,
                    _ => {}
                }
            }
        }
        l
    };
    let mut added: Vec<Entity> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if covered.get(i).copied().unwrap_or(true) || t.kind != TokenKind::Word {
            continue;
        }
        let w = t.text(text);
        if !w.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let Some(k) = prop_key(w, &mut buf) else { continue };
        let Some(l) = label_of(&k) else { continue };
        if let Some(last) = added.last_mut() {
            let gap = text.get(last.span.end..t.span.start).unwrap_or("\n");
            if last.label == l && l == Label::Per && gap == " " {
                last.span = Span::new(last.span.start, t.span.end);
                continue;
            }
        }
        added.push(Entity { span: t.span, label: l, norm: None, referent: Referent::None, source: "ner" });
    }
    out.extend(added);
}

/// PER spans take in the initials before them (`А. Кудрин`, `В. В.
/// Путин`): a one-letter capital word with its full stop, on the same line.
fn extend_initials(text: &str, tokens: &[Token], out: &mut [Entity]) {
    for e in out.iter_mut().filter(|e| e.label == Label::Per) {
        let mut a = tokens.partition_point(|t| t.span.start < e.span.start);
        while a >= 2 {
            let (Some(letter), Some(dot), Some(next)) = (tokens.get(a - 2), tokens.get(a - 1), tokens.get(a)) else {
                break;
            };
            let l = letter.text(text);
            let initial = letter.kind == yntymaq_core::TokenKind::Word
                && l.chars().count() == 1
                && l.chars().all(char::is_uppercase)
                && dot.text(text) == "."
                && letter.span.end == dot.span.start
                && text.get(dot.span.end..next.span.start).is_some_and(|g| g.len() <= 1 && !g.contains('\n'));
            if !initial {
                break;
            }
            e.span = Span::new(letter.span.start, e.span.end);
            a -= 2;
        }
    }
}

const PER_STOP: &str = include_str!("../../../data/ner/per_stop.txt");

type StopSet = std::collections::HashSet<String, std::hash::BuildHasherDefault<features::FastHasher>>;

/// Words that are never part of a person's name (`data/ner/per_stop.txt`).
fn per_stop() -> &'static StopSet {
    static S: OnceLock<StopSet> = OnceLock::new();
    S.get_or_init(|| {
        PER_STOP
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .map(|w| w.to_lowercase().replace('ё', "е"))
            .collect()
    })
}

/// Whether a word (by its form or its lemma) is a title, role, month or
/// page-chrome word of [`per_stop`].
pub fn is_per_stop(word: &str, lang: &str) -> bool {
    let stop = per_stop();
    if stop.contains(&without_yo(yntymaq_core::to_lower(word))) {
        return true;
    }
    stop.contains(&without_yo(yntymaq_morph::Morph::global().lemma(word, lang)))
}

/// `s` with `ё` as `е` (not copied when it has none).
fn without_yo(s: String) -> String {
    if s.contains('ё') {
        s.replace('ё', "е")
    } else {
        s
    }
}

/// PER spans lose title, role and month words at their edges (`Аким
/// Жамбылской`, `Акиматом Западно-Казахстанской`); a one-word remainder that
/// is a known place word and no first name is dropped (`Жамбылской`,
/// `Уральск`).
/// The longest run of Cyrillic words of a name's tokens when they mix
/// Cyrillic and Latin-script words: in a Cyrillic text a Latin word beside
/// a name is an agency or a site («цитирует ИА Regnum Минченко», «Хвана
/// Чжан Епа Lenta.ru»), not part of it. `None` when the words keep to one
/// script.
fn cyrillic_run(text: &str, words: &[Token]) -> Option<Span> {
    let script = |t: &Token| {
        let w = t.text(text);
        if w.chars().any(yntymaq_core::is_cyrillic) {
            Some(true)
        } else if w.chars().any(|c| c.is_ascii_alphabetic()) {
            Some(false)
        } else {
            None
        }
    };
    let named: Vec<(&Token, bool)> = words
        .iter()
        .filter(|t| t.kind == yntymaq_core::TokenKind::Word)
        .filter_map(|t| script(t).map(|cyr| (t, cyr)))
        .collect();
    if named.iter().all(|(_, c)| *c) || named.iter().all(|(_, c)| !*c) {
        return None;
    }
    let mut best: Option<(usize, Span)> = None;
    let mut run: Option<(usize, Span)> = None;
    for (t, cyr) in named {
        run = match (cyr, run) {
            (false, _) => None,
            (true, Some((n, span))) => Some((n + 1, Span::new(span.start, t.span.end))),
            (true, None) => Some((1, t.span)),
        };
        if let Some(r) = run {
            if best.is_none_or(|b| r.0 > b.0) {
                best = Some(r);
            }
        }
    }
    best.map(|(_, span)| span)
}

fn clean_people(text: &str, tokens: &[Token], mlang: &str, lex: &Lexicon, out: &mut Vec<Entity>) {
    use features::{cap_class, Cap};
    use yntymaq_core::TokenKind;
    for e in out.iter_mut().filter(|e| e.label == Label::Per) {
        let a = tokens.partition_point(|t| t.span.start < e.span.start);
        let b = tokens.partition_point(|t| t.span.end <= e.span.end);
        let Some(words) = tokens.get(a..b) else { continue };
        let keep = |t: &Token| {
            let w = t.text(text);
            // a name word starts with a capital, or with a particle (әл-Нахайян, аль-Джабер)
            let capital = w.chars().next().is_some_and(char::is_uppercase)
                || w.split_once('-').is_some_and(|(_, r)| r.chars().next().is_some_and(char::is_uppercase));
            t.kind == TokenKind::Word && capital && !is_per_stop(w, mlang)
        };
        let Some(first) = words.iter().position(keep) else {
            e.span = Span::new(e.span.start, e.span.start);
            continue;
        };
        let last = words.iter().rposition(keep).unwrap_or(first);
        let (Some(f), Some(l)) = (words.get(first), words.get(last)) else { continue };
        let span = Span::new(f.span.start, l.span.end);
        e.span = cyrillic_run(text, words.get(first..=last).unwrap_or(&[])).unwrap_or(span);
        let inner: Vec<&Token> =
            words.iter().filter(|t| t.kind == TokenKind::Word && e.span.contains(t.span)).collect();
        if let [only] = inner.as_slice() {
            let w = only.text(text);
            let lower = without_yo(yntymaq_core::to_lower(w));
            let bits = lex.lookup(&lower, cap_class(w, only.kind), mlang);
            // a region adjective in any case: Карагандинской → карагандинская
            let adj_place = ["ской", "скую", "ская", "ского", "скому", "ском", "ским", "ский"].iter().any(|end| {
                lower
                    .strip_suffix(end)
                    .is_some_and(|base| lex.lookup(&format!("{base}ская"), Cap::Title, mlang) & lexicon::LOC_EXACT != 0)
            });
            // CamelCase is a brand or a site (ТоболИнфо), not a person
            let camel = w.chars().zip(w.chars().skip(1)).any(|(x, y)| x.is_lowercase() && y.is_uppercase());
            let place = lex.is_place_form(&lower) || adj_place || camel;
            let name = bits & (lexicon::NAME_EXACT | lexicon::NAME_SUFFIXED) != 0;
            if place && !name && cap_class(w, only.kind) != Cap::Upper {
                e.span = Span::new(e.span.start, e.span.start);
            }
        }
    }
    out.retain(|e| !e.span.is_empty());
}

#[cfg(test)]
mod tests {
    use super::*;
    use yntymaq_core::tokenize;

    #[test]
    fn conventions_follow_the_model_language() {
        assert!(flat_entities("kk"));
        assert!(flat_entities("ky"), "Kyrgyz text gets the Kazakh model");
        assert!(!flat_entities("ru"));
        assert!(!flat_entities("en"));
    }

    #[test]
    fn a_name_keeps_its_cyrillic_words_when_latin_ones_join_it() {
        let span_of = |text: &str| {
            let toks = tokenize(text);
            cyrillic_run(text, &toks).map(|s| s.slice(text).to_string())
        };
        assert_eq!(span_of("Regnum Минченко").as_deref(), Some("Минченко"));
        assert_eq!(span_of("Хвана Чжан Епа Lenta").as_deref(), Some("Хвана Чжан Епа"));
        // one script: nothing to cut
        assert_eq!(span_of("Анна де Врис"), None);
        assert_eq!(span_of("Anna de Vries"), None);
    }

    fn per(text: &str, word: &str) -> Entity {
        let a = text.find(word).unwrap_or(0);
        Entity {
            span: Span::new(a, a + word.len()),
            label: Label::Per,
            norm: None,
            referent: Referent::None,
            source: "ner",
        }
    }

    #[test]
    fn initials_join_the_name() {
        let text = "Как сообщил А. Кудрин, а В. В.\nПутин и Т. Е. Смирнова — нет.";
        let toks = tokenize(text);
        let mut out = vec![per(text, "Кудрин"), per(text, "Путин"), per(text, "Смирнова")];
        extend_initials(text, &toks, &mut out);
        let got: Vec<&str> = out.iter().map(|e| e.span.slice(text)).collect();
        assert_eq!(got, vec!["А. Кудрин", "Путин", "Т. Е. Смирнова"]);
    }

    #[test]
    fn labels_spread_over_a_documents_mentions() {
        let text = "Гол забил Сёмин. Сёмина хвалят. Ли Со Ён здесь, а Ли Со Ён там. Москва и Москвы, Москва Сити.";
        let toks = tokenize(text);
        let at = |w: &str, n: usize, l: Label| {
            let a = text.match_indices(w).nth(n).map_or(0, |m| m.0);
            Entity { span: Span::new(a, a + w.len()), label: l, norm: None, referent: Referent::None, source: "ner" }
        };
        let mut out = vec![
            at("Сёмин", 0, Label::Per),
            at("Ли Со Ён", 0, Label::Per),
            at("Москва", 0, Label::Loc),
            at("Москва Сити", 0, Label::Loc),
        ];
        propagate(text, &toks, &mut out);
        let got: Vec<(&str, Label)> = out.iter().skip(4).map(|e| (e.span.slice(text), e.label)).collect();
        // `Москвы` is not spread to: `Москва` also sits in a longer place name
        assert_eq!(got, vec![("Сёмина", Label::Per), ("Ли Со Ён", Label::Per)]);
    }

    #[test]
    fn names_split_at_separators() {
        let text = "Бернс (Рой, Грин) и\nСёмин";
        let toks = tokenize(text);
        let mut out = Vec::new();
        push_split(text, &toks, 0, toks.len(), Label::Per, &mut out);
        let got: Vec<&str> = out.iter().map(|e| e.span.slice(text)).collect();
        assert_eq!(got, vec!["Бернс", "Рой", "Грин", "и", "Сёмин"]);
        out.clear();
        push_split(text, &toks, 2, 5, Label::Loc, &mut out);
        let got: Vec<&str> = out.iter().map(|e| e.span.slice(text)).collect();
        assert_eq!(got, vec!["Рой, Грин"]);
    }
}
