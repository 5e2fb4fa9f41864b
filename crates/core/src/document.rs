//! The document and its annotations.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text this span covers in `text`, or "" if it does not fall on
    /// character boundaries of `text`.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Where a document came from: a file, and for archives and corpora the
/// record's position inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Source {
    /// The file path as given (or `-` for standard input).
    pub path: String,
    /// Byte offset of the record in the file (WARC), when the file holds many.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// Line number of the record (JSON Lines), counting from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(off) = self.offset {
            write!(f, "@{off}")?;
        }
        Ok(())
    }
}

/// The raw content of a document as ingested, before cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Scraped plain text (navigation, widgets and teasers included).
    Text(String),
    /// An HTML page, already decoded to UTF-8.
    Html(String),
}

/// The writing system of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    Cyrillic,
    Latin,
    Arabic,
    #[default]
    Other,
}

impl Script {
    pub fn as_str(&self) -> &'static str {
        match self {
            Script::Cyrillic => "cyrillic",
            Script::Latin => "latin",
            Script::Arabic => "arabic",
            Script::Other => "other",
        }
    }
}

/// Language identification of a text or a paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LangInfo {
    /// ISO 639-1 code (`kk`, `ru`, `en`, `ky`, `uz`, `tt`, `tr`, `uk`), or `und`.
    pub code: String,
    /// The script the text is written in.
    pub script: Script,
    /// How sure the identifier is, 0..1.
    pub confidence: f32,
}

impl LangInfo {
    pub fn undetermined() -> Self {
        LangInfo { code: "und".into(), script: Script::Other, confidence: 0.0 }
    }
}

/// A paragraph of the clean text with its own language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    pub span: Span,
    pub lang: LangInfo,
}

/// The text the analysis stages read when it differs from the body: Kazakh
/// in Latin script is transliterated to Cyrillic. `map[i]` is the body byte
/// offset of analysis byte `i` (with one extra entry for the end), so spans
/// found on the analysis text map back to the body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnalysisText {
    pub text: String,
    pub map: Vec<usize>,
}

impl AnalysisText {
    /// The body span of a span over the analysis text.
    pub fn to_body(&self, span: Span) -> Span {
        let get = |i: usize| self.map.get(i).copied().unwrap_or_else(|| self.map.last().copied().unwrap_or(0));
        Span::new(get(span.start), get(span.end).max(get(span.start)))
    }
}

/// Entity labels, as the NER corpora name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Label {
    Per,
    Loc,
    Org,
    Role,
    Money,
    Date,
    /// A nationality or the adjective of a state (немецкий, неміс, German):
    /// it names a country without being a place.
    Norp,
}

impl Label {
    pub fn as_str(&self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Loc => "LOC",
            Label::Org => "ORG",
            Label::Role => "ROLE",
            Label::Money => "MONEY",
            Label::Date => "DATE",
            Label::Norp => "NORP",
        }
    }
}

/// What a recognized entity refers to, where the recognizer knows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Referent {
    #[default]
    None,
    /// A Kazakh region, by ISO 3166-2:KZ code.
    KzRegion { code: String },
    /// A place inside a Kazakh region (city, district).
    KzPlace { region: String },
    /// A foreign state, by ISO 3166-1 alpha-2 code.
    Country { code: String },
    /// A foreign sub-national unit, by its English name, and its state.
    ForeignRegion { name: String, country: String },
    /// A role (schema role code) and the state or region its phrase names.
    Role { role: String, country: Option<String>, region: Option<String> },
    /// A money amount.
    Money { value: f64, currency: String },
    /// A calendar date or period (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or a range `a/b`).
    Date { value: String },
}

/// A recognized entity: a span of the clean text with a label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub span: Span,
    pub label: Label,
    /// The normal form (nominative, lemma), when it differs from the text.
    pub norm: Option<String>,
    #[serde(default)]
    pub referent: Referent,
    /// The recognizer that produced it (for debugging and the ledger).
    pub source: &'static str,
}

/// What a cue phrase signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CueKind {
    /// An event trigger; the value is the event type (`meeting`, `agreement`, `visit`, `forum`).
    Trigger,
    /// A sector keyword; the value is the sector code.
    Sector,
    /// A signed document; the value is `memorandum`, `agreement`, `roadmap` or `contract`.
    Agreement,
}

/// A keyword phrase the recognizers found: a trigger, a sector, an agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cue {
    pub span: Span,
    pub kind: CueKind,
    pub value: String,
}

/// A money amount tied to what it counts and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureNote {
    pub span: Span,
    pub value: f64,
    /// ISO 4217 code.
    pub currency: String,
    /// `trade_turnover`, `export`, `import`, `investment` or `other`.
    pub metric: String,
    /// `2022`, `2025-01/2025-06`, `2025-01/..`, or none.
    pub period: Option<String>,
    /// A change ("grew by 2.2 million"), not a level.
    pub is_change: bool,
}

/// A document as it moves through the pipeline.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Stable id: the corpus id, or the file path relative to the argument given.
    pub id: String,
    pub url: Option<String>,
    pub source: Source,
    /// Language given by the input (a corpus' `lang` field), if any.
    pub lang_hint: Option<String>,
    /// Publication date given by the input or the archive, used when the page
    /// itself states none.
    pub published_hint: Option<NaiveDate>,
    /// The raw content; `None` once cleaned, to free memory.
    pub content: Option<Content>,

    // clean
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub author: Option<String>,
    pub site_name: Option<String>,
    /// The main article text; paragraphs separated by blank lines.
    pub body: String,

    // lang
    pub lang: Option<LangInfo>,
    pub paragraphs: Vec<Paragraph>,
    /// Set when the analysis stages must read a transliteration of the body.
    pub analysis: Option<AnalysisText>,

    // analyze
    pub tokens: Vec<crate::Token>,
    pub sentences: Vec<Span>,

    // recognize
    pub entities: Vec<Entity>,
    pub cues: Vec<Cue>,
    pub figures: Vec<FigureNote>,
}

impl Document {
    pub fn new(id: impl Into<String>, source: Source, content: Content) -> Self {
        Document { id: id.into(), source, content: Some(content), ..Default::default() }
    }

    /// The text the analysis stages read: the body, or its transliteration.
    pub fn analysis_text(&self) -> &str {
        match &self.analysis {
            Some(a) => &a.text,
            None => &self.body,
        }
    }

    /// The language code, `und` before identification.
    pub fn lang_code(&self) -> &str {
        self.lang.as_ref().map(|l| l.code.as_str()).unwrap_or("und")
    }

    /// The sentence that contains a body span, if any.
    pub fn sentence_of(&self, span: Span) -> Option<Span> {
        let i = self.sentences.partition_point(|s| s.end <= span.start);
        self.sentences.get(i).copied().filter(|s| s.start <= span.start)
    }
}
