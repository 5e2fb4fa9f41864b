//! One document through the stages.
//!
//! ```text
//! clean → lang → analyze → recognize → assemble
//! ```
//!
//! Each stage reads what the earlier ones wrote into the [`Document`] and adds
//! its own annotations; none re-parses an earlier stage's output. When the body
//! is Kazakh in Latin script, analyze and recognize read its Cyrillic
//! transliteration and every span they produce is mapped back to the body.

use yntymaq_core::record::Event;
use yntymaq_core::{
    sentences, tokenize, Content, Cue, CueKind, Document, FigureNote, Label, Referent, Span, TokenKind,
};
use yntymaq_gazetteer::Gazetteer;
use yntymaq_morph::Morph;
use yntymaq_ner::Tagger;

/// Texts that take every stage's lazily built tables through a first use
/// when a pipeline is made (load time, not the first document's time).
const WARM_UP: &[&str] = &[
    "ТАРАЗ. 2 апреля. КАЗИНФОРМ. Аким Жамбылской области встретился с Чрезвычайным и Полномочным \
     послом Германии Моникой Иверсен и представителями компании «Сименс». Товарооборот за 2023 год \
     составил 1,2 млрд долларов США. Стороны подписали меморандум о сотрудничестве в сфере энергетики.",
    "Шығыс Қазақстан облысының әкімі Ресейдің Омбы облысы губернаторымен кездесті. 2024 жылдың \
     қаңтар–маусым айларында тауар айналымы 350 млн долларды құрады. Тараптар меморандумға қол қойды.",
    "Akim of Mangystau region met the Ambassador of the United States on 3 October 2024; \
     trade turnover reached $1.5 billion, and Likon company signed an agreement on logistics.",
];

/// How far to take documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Depth {
    /// Clean and identify the language only.
    Clean,
    /// Everything: tokens, entities and engagement records.
    Full,
}

/// The pipeline, with its dictionaries and models loaded.
#[derive(Clone)]
pub struct Pipeline {
    pub depth: Depth,
    /// The tagger's models when [`Pipeline::with_tagger`] gave some; the
    /// embedded ones otherwise.
    tagger: Option<std::sync::Arc<Tagger>>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tagger = if self.tagger.is_some() { "given" } else { "embedded" };
        f.debug_struct("Pipeline").field("depth", &self.depth).field("tagger", &tagger).finish()
    }
}

impl Pipeline {
    /// A pipeline to the given depth; loads what that depth needs once, so
    /// that the first document does not pay for it: the dictionaries and
    /// models, and every table a stage builds on first use (taken through
    /// the stages by a built-in sample in the three languages).
    pub fn new(depth: Depth) -> Self {
        if depth == Depth::Full {
            let _ = Morph::global();
            let _ = Gazetteer::global();
            let _ = Tagger::global();
        }
        let pipeline = Pipeline { depth, tagger: None };
        for text in WARM_UP {
            let doc = Document { content: Some(Content::Text((*text).to_owned())), ..Default::default() };
            let _ = pipeline.process(doc);
        }
        pipeline
    }

    /// This pipeline with `tagger` (models of its own, such as a retrained
    /// or a cross-validation fold's model) in place of the embedded models.
    pub fn with_tagger(mut self, tagger: Tagger) -> Self {
        self.tagger = Some(std::sync::Arc::new(tagger));
        self
    }

    fn tagger(&self) -> &Tagger {
        match &self.tagger {
            Some(t) => t,
            None => Tagger::global(),
        }
    }

    /// Runs every stage up to the pipeline's depth; returns the document and
    /// its engagement events.
    pub fn process(&self, mut doc: Document) -> (Document, Vec<Event>) {
        clean(&mut doc);
        lang(&mut doc);
        if self.depth == Depth::Clean {
            return (doc, Vec::new());
        }
        analyze(&mut doc);
        recognize_by(&mut doc, true, self.tagger());
        let events = crate::assemble::assemble(&doc);
        (doc, events)
    }

    /// The recognizers over a text taken as it is (no cleaning): what
    /// `yntymaq annotate` shows. A stated `lang` is taken instead of identified.
    pub fn annotate(&self, text: &str, lang_code: Option<&str>) -> Document {
        let mut doc = Document { body: text.to_owned(), ..Default::default() };
        let stage = match lang_code {
            // a stated language is taken, not identified again
            Some(code) => yntymaq_lang::stated_lang_stage(&doc.body, code),
            None => yntymaq_lang::lang_stage(&doc.body),
        };
        set_lang(&mut doc, stage);
        analyze(&mut doc);
        recognize_by(&mut doc, false, self.tagger());
        doc
    }
}

/// The clean stage: the main article out of the raw content.
pub fn clean(doc: &mut Document) {
    let Some(content) = doc.content.take() else { return };
    let article = match &content {
        Content::Html(html) => yntymaq_clean::html::extract(html),
        Content::Text(text) => yntymaq_clean::text::clean(text),
    };
    doc.title = article.title;
    doc.body = article.body;
    doc.published = article.published.or(doc.published_hint);
    doc.author = article.author;
    doc.site_name = article.site_name;
}

/// The lang stage: the body's language and each paragraph's; a Cyrillic
/// transliteration for the analysis stages when the body is Latin-script Kazakh.
pub fn lang(doc: &mut Document) {
    set_lang(doc, yntymaq_lang::lang_stage(&doc.body));
}

fn set_lang(doc: &mut Document, stage: yntymaq_lang::LangStage) {
    doc.paragraphs = stage.paragraphs;
    doc.analysis = stage.analysis;
    doc.lang = Some(stage.lang);
}

/// The analyze stage: tokens and sentences of the analysis text, and the
/// lemmas of capitalised words (the ones names and places are made of).
pub fn analyze(doc: &mut Document) {
    let morph = Morph::global();
    let lang = doc.lang_code().to_owned();
    let text = doc.analysis_text();
    let mut tokens = tokenize(text);
    for t in tokens.iter_mut().filter(|t| t.kind == TokenKind::Word) {
        let w = t.span.slice(text);
        if w.chars().next().is_some_and(char::is_uppercase) {
            t.lemma = Some(morph.lemma(w, &lang).into_boxed_str());
        }
    }
    doc.sentences = sentences(text, &tokens);
    doc.tokens = tokens;
}

/// The recognize stage: gazetteer entities and cues, named entities with
/// nominative names, money, figures and dates.
pub fn recognize(doc: &mut Document) {
    recognize_with(doc, true)
}

/// The recognize stage; `cues` adds what assembly needs beyond entities
/// (triggers, sectors, agreements, figures), which `annotate` does not show.
pub fn recognize_with(doc: &mut Document, cues_too: bool) {
    recognize_by(doc, cues_too, Tagger::global())
}

/// [`recognize_with`] with the models of `tagger`.
fn recognize_by(doc: &mut Document, cues_too: bool, tagger: &Tagger) {
    let lang = doc.lang_code().to_owned();
    let text = doc.analysis_text();
    let tokens = &doc.tokens;
    let gaz = Gazetteer::global();
    let morph = Morph::global();
    let date = doc.published;

    let mut entities = gaz.find(text, tokens, &lang, date);
    let mut tagged = tagger.tag(text, tokens, &lang);
    // A one-word place at the start of a sentence may be a capitalised common
    // word (Мал, Қара): keep it only when the tagger also sees a place there.
    let sentence_starts: Vec<usize> = doc.sentences.iter().map(|s| s.start).collect();
    entities.retain(|g| {
        let one_word = tokens.iter().filter(|t| g.span.contains(t.span) && t.kind == TokenKind::Word).count() == 1;
        let place = matches!(g.referent, Referent::KzPlace { .. } | Referent::ForeignRegion { .. });
        !(g.label == Label::Loc && place && one_word && sentence_starts.binary_search(&g.span.start).is_ok())
            || tagged.iter().any(|t| t.label == Label::Loc && t.span.overlaps(g.span))
    });
    if lang == "kk" {
        for g in entities.iter_mut().filter(|g| g.label == Label::Loc) {
            g.span = without_place_head(text, tokens, g.span);
        }
    }
    // A surname the gazetteer reads as a place only by its stem («Алексей
    // Миллер» ~ Милан, «Виктора Бута» ~ Бутан): inside a name the tagger
    // sees, a one-word Russian place whose lemma is not the place's name is
    // the person's.
    if lang == "ru" {
        entities.retain(|g| !(g.label == Label::Loc && surname_not_place(text, tokens, g, &tagged)));
    }
    // `annotate` (no cues) shows entities as the tagger's corpus draws them.
    // Where that is flat (KazNERD), the tagger's entity of another label
    // wins over a gazetteer entity inside or across it («[Қазақстанның]
    // Тұңғыш Президенті» is a title only), and titles are the tagger's
    // where it learnt them (KazNERD's POSITION is a post as its annotators
    // drew it, not «кәсіпкерлер» or «өкілдері»). The records' stages (cues)
    // keep every gazetteer place and role, whose referents they read.
    let flat_view = !cues_too && yntymaq_ner::flat_entities(&lang);
    if flat_view {
        let titles = tagger.tags_label(&lang, Label::Role);
        entities.retain(|g| {
            let the_taggers = titles && g.label == Label::Role;
            let crossed = tagged.iter().any(|t| t.label != g.label && t.span.overlaps(g.span));
            !(the_taggers || crossed)
        });
    }
    // Gazetteer places and roles are more precise than the tagger's where
    // they overlap; the tagger adds people, organisations and unknown places.
    // An organisation named after a place keeps it nested («правительство
    // Китая», «МИД РФ»: the place is an entity of its own inside the name),
    // and one inside a title stays («глава представительства компании»);
    // a gazetteer organisation, or a span crossing the organisation's edge,
    // wins. A person span that runs into a title or a place keeps only its
    // words outside them ("Аким Жамбылской" is no one).
    tagged.retain(|t| match t.label {
        Label::Per => true,
        Label::Org => !entities.iter().any(|g| {
            g.span.overlaps(t.span) && (g.label == Label::Org || !(t.span.contains(g.span) || g.span.contains(t.span)))
        }),
        _ => !entities.iter().any(|g| g.span.overlaps(t.span)),
    });
    for t in tagged.iter_mut().filter(|t| t.label == Label::Per) {
        t.span = free_run(text, tokens, t.span, &entities);
    }
    tagged.retain(|t| !t.span.is_empty());
    for e in tagged.iter_mut().filter(|e| e.label == Label::Per) {
        // words of the name, an initial with its full stop ("А." of "А. Кудрин")
        let words: Vec<&str> = tokens
            .iter()
            .filter(|t| e.span.contains(t.span) && t.kind == TokenKind::Word)
            .map(|t| {
                let initial = t.span.slice(text).chars().count() == 1
                    && text.get(t.span.end..).is_some_and(|r| r.starts_with('.'));
                let end = if initial { t.span.end + 1 } else { t.span.end };
                text.get(t.span.start..end).unwrap_or("")
            })
            .collect();
        // the words before the name tell its case ("с послом", "акима области")
        let si = doc.sentences.partition_point(|s| s.end <= e.span.start);
        let sentence_start = doc.sentences.get(si).map_or(0, |s| s.start.min(e.span.start));
        let at = tokens.partition_point(|t| t.span.end <= e.span.start);
        let mut before: Vec<&str> = tokens[..at]
            .iter()
            .rev()
            .take_while(|t| t.span.start >= sentence_start)
            .filter(|t| t.kind == TokenKind::Word)
            .take(6)
            .map(|t| t.span.slice(text))
            .collect();
        before.reverse();
        let norm = morph.name_nominative_after(&words, &lang, &before).join(" ");
        if norm != e.span.slice(text) {
            e.norm = Some(norm);
        }
    }
    // Company names by rule, not a place or nationality the gazetteer knows
    // ("Japanese company"): where the tagger saw none, or only parts of the
    // name ("Asia-Europe Construction Investment Co" of "China Railway
    // Asia-Europe Construction Investment Co., Ltd."), or a span across its
    // edge ("компания China Railway ... Co" without its "Ltd.").
    let companies: Vec<yntymaq_core::Entity> = yntymaq_recognize::companies(text, tokens, &lang)
        .into_iter()
        .filter(|c| !entities.iter().any(|g| g.span == c.span && matches!(g.label, Label::Loc | Label::Norp)))
        .filter(|c| {
            !tagged.iter().any(|t| match t.label {
                Label::Per => t.span.overlaps(c.span),
                Label::Org => t.span.contains(c.span),
                _ => false,
            })
        })
        .collect();
    tagged.retain(|t| t.label != Label::Org || !companies.iter().any(|c| c.span.overlaps(t.span)));
    entities.extend(tagged);
    entities.extend(companies);
    let found = yntymaq_recognize::recognize(text, tokens, &doc.sentences, &lang, date, cues_too);
    let (money, mut dates) = (found.money, found.dates);
    if flat_view {
        // dates as the flat corpus draws them where the tagger saw one; sums
        // by rule (their amounts, scales and currencies are surer)
        dates.retain(|d| !entities.iter().any(|e| e.source == "ner" && e.span.overlaps(d.span)));
        entities.retain(|e| {
            !(e.source == "ner" && e.label == Label::Money && money.iter().any(|m| m.span.overlaps(e.span)))
        });
    }
    entities.extend(money);
    entities.extend(dates);
    entities.sort_by_key(|e| (e.span.start, std::cmp::Reverse(e.span.end)));
    // one entity per span and label: the one that knows its referent
    entities.dedup_by(|b, a| {
        let same = a.span == b.span && a.label == b.label;
        if same && a.referent == yntymaq_core::Referent::None {
            std::mem::swap(a, b);
        }
        same
    });

    let mut cues = Vec::new();
    if cues_too {
        for (kind, found) in [
            (CueKind::Trigger, gaz.triggers(text, tokens, &lang)),
            (CueKind::Sector, gaz.sectors(text, tokens, &lang)),
            (CueKind::Agreement, gaz.agreements(text, tokens, &lang)),
        ] {
            cues.extend(found.into_iter().map(|(span, value)| Cue { span, kind, value: value.to_owned() }));
        }
        cues.sort_by_key(|c| c.span.start);
    }

    let figures: Vec<FigureNote> = found.figures;

    // Spans over a transliteration go back to the body.
    if let Some(a) = &doc.analysis {
        let map = |s: Span| a.to_body(s);
        for e in &mut entities {
            e.span = map(e.span);
        }
        for c in &mut cues {
            c.span = map(c.span);
        }
        doc.sentences = doc.sentences.iter().map(|s| map(*s)).collect();
        doc.figures = figures.into_iter().map(|f| FigureNote { span: map(f.span), ..f }).collect();
    } else {
        doc.figures = figures;
    }
    doc.entities = entities;
    doc.cues = cues;
}

/// Whether gazetteer place `g` is one word inside a tagger person, whose
/// lemma (the analyze stage's) is not the place's name.
fn surname_not_place(
    text: &str,
    tokens: &[yntymaq_core::Token],
    g: &yntymaq_core::Entity,
    tagged: &[yntymaq_core::Entity],
) -> bool {
    // the words of a span, found by binary search (tokens are in order)
    let words = |span: Span| {
        let at = tokens.partition_point(|t| t.span.end <= span.start);
        tokens
            .get(at..)
            .unwrap_or(&[])
            .iter()
            .take_while(move |t| t.span.start < span.end)
            .filter(move |t| span.contains(t.span) && t.kind == TokenKind::Word)
    };
    if !tagged.iter().any(|t| t.label == Label::Per && t.span.contains(g.span)) {
        return false;
    }
    let mut inside = words(g.span);
    let (Some(word), None) = (inside.next(), inside.next()) else { return false };
    let (Some(lemma), Some(name)) = (word.lemma.as_deref(), g.norm.as_deref()) else { return false };
    let fold = |s: &str| yntymaq_core::to_lower(s).replace('ё', "е");
    fold(lemma) != fold(name) && fold(word.span.slice(text)) != fold(name)
}

/// The longest run of adjacent words of `span` that no gazetteer entity
/// covers, if it starts with a capital; an empty span otherwise.
fn free_run(text: &str, tokens: &[yntymaq_core::Token], span: Span, taken: &[yntymaq_core::Entity]) -> Span {
    let words: Vec<Span> =
        tokens.iter().filter(|k| span.contains(k.span) && k.kind == TokenKind::Word).map(|k| k.span).collect();
    let free: Vec<Span> = words.iter().copied().filter(|w| !taken.iter().any(|g| g.span.overlaps(*w))).collect();
    if free.len() == words.len() {
        return span;
    }
    let mut best: Option<(Span, usize)> = None;
    let mut run: Option<(Span, usize)> = None;
    for w in free {
        run = match run {
            Some((r, n)) if matches!(text.get(r.end..w.start).map(str::trim), Some("" | "-")) => {
                Some((Span::new(r.start, w.end), n + 1))
            }
            _ => Some((w, 1)),
        };
        if let Some((r, n)) = run {
            if best.is_none_or(|(_, b)| n > b) {
                best = Some((r, n));
            }
        }
    }
    match best {
        Some((r, _)) if r.slice(text).chars().next().is_some_and(char::is_uppercase) => r,
        _ => Span::new(span.start, span.start),
    }
}

/// Kazakh generic heads after a city or district name (Шымкент қаласында,
/// Мұнайлы ауданындағы), from `data/assemble/markers.tsv`.
fn place_heads() -> &'static [String] {
    static H: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    H.get_or_init(|| {
        include_str!("../../../data/assemble/markers.tsv")
            .lines()
            .filter_map(|l| l.strip_prefix("place_head\t"))
            .filter_map(|l| l.split('\t').nth(1))
            .flat_map(|w| w.split('|'))
            .map(|w| w.trim().to_owned())
            .filter(|w| !w.is_empty())
            .collect()
    })
}

/// The span of a place name without a trailing generic head word: the name
/// is the place, the head its kind (and the head carries the case ending).
fn without_place_head(text: &str, tokens: &[yntymaq_core::Token], span: Span) -> Span {
    let words: Vec<&yntymaq_core::Token> = tokens.iter().filter(|t| span.contains(t.span)).collect();
    match words.as_slice() {
        [.., before, last] if words.len() >= 2 => {
            let lw = last.span.slice(text).to_lowercase();
            if place_heads().iter().any(|h| lw.starts_with(h.as_str())) {
                Span::new(span.start, before.span.end)
            } else {
                span
            }
        }
        _ => span,
    }
}
