//! The records yntymaq writes: one per document, in the shape of
//! `../shared/eval/SCHEMA.md`, plus the clean text and where it came from.

use serde::Serialize;
use yntymaq_core::record::Event;
use yntymaq_core::{Document, Source};

use crate::ingest::Failure;

/// One document's record.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub id: String,
    pub url: Option<String>,
    pub lang: String,
    pub relevant: bool,
    pub events: Vec<Event>,
    pub title: Option<String>,
    /// ISO date, or null.
    pub published: Option<String>,
    pub body: String,
    pub source: Source,
    /// The script of the body, when not the language's usual one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub script: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// The recognized entities and cues, with character offsets into `body`
    /// (only with `extract --entities`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annotations: Option<Vec<Annotation>>,
}

/// An entity or cue as `extract --entities` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Annotation {
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub norm: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// The document's entities, cues and figures as annotations.
pub fn annotations(doc: &Document) -> Vec<Annotation> {
    let off = yntymaq_core::CharOffsets::new(&doc.body);
    let mut out: Vec<Annotation> = Vec::new();
    for e in &doc.entities {
        let value = match &e.referent {
            yntymaq_core::Referent::None => None,
            r => serde_json::to_string(r).ok(),
        };
        out.push(Annotation {
            start: off.char_at(e.span.start),
            end: off.char_at(e.span.end),
            label: e.label.as_str().into(),
            text: e.span.slice(&doc.body).into(),
            norm: e.norm.clone(),
            value,
        });
    }
    for c in &doc.cues {
        let label =
            serde_json::to_value(c.kind).ok().and_then(|v| v.as_str().map(str::to_uppercase)).unwrap_or_default();
        out.push(Annotation {
            start: off.char_at(c.span.start),
            end: off.char_at(c.span.end),
            label,
            text: c.span.slice(&doc.body).into(),
            norm: None,
            value: Some(c.value.clone()),
        });
    }
    for f in &doc.figures {
        out.push(Annotation {
            start: off.char_at(f.span.start),
            end: off.char_at(f.span.end),
            label: if f.is_change { "CHANGE".into() } else { "FIGURE".into() },
            text: f.span.slice(&doc.body).into(),
            norm: None,
            value: Some(format!("{} {} {} {}", f.metric, f.value, f.currency, f.period.as_deref().unwrap_or("-"))),
        });
    }
    out.sort_by_key(|a| (a.start, std::cmp::Reverse(a.end)));
    out
}

impl Record {
    pub fn from_document(doc: &Document, events: Vec<Event>) -> Record {
        let lang = doc.lang.as_ref();
        let unusual_script = lang.and_then(|l| {
            let usual = match l.code.as_str() {
                "kk" | "ru" | "ky" | "uk" | "tt" => yntymaq_core::Script::Cyrillic,
                "en" | "tr" | "uz" => yntymaq_core::Script::Latin,
                _ => return None,
            };
            (l.script != usual && l.script != yntymaq_core::Script::Other).then(|| l.script.as_str())
        });
        Record {
            id: doc.id.clone(),
            url: doc.url.clone(),
            lang: doc.lang_code().to_owned(),
            relevant: !events.is_empty(),
            events,
            title: doc.title.clone(),
            published: doc.published.map(|d| d.format("%Y-%m-%d").to_string()),
            body: doc.body.clone(),
            source: doc.source.clone(),
            script: unusual_script,
            author: doc.author.clone(),
            site_name: doc.site_name.clone(),
            annotations: None,
        }
    }
}

/// A document that could not be read or processed.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorRecord {
    pub id: String,
    pub source: Source,
    pub error: String,
}

impl From<Failure> for ErrorRecord {
    fn from(f: Failure) -> Self {
        ErrorRecord { id: f.id, source: f.source, error: f.error }
    }
}

/// What one input item becomes.
#[derive(Debug, Clone)]
pub enum Outcome {
    Record(Box<Record>),
    Error(ErrorRecord),
}

impl Outcome {
    pub fn is_error(&self) -> bool {
        matches!(self, Outcome::Error(_))
    }

    pub fn to_json(&self) -> serde_json::Value {
        let v = match self {
            Outcome::Record(r) => serde_json::to_value(r),
            Outcome::Error(e) => serde_json::to_value(e),
        };
        v.unwrap_or_else(|e| serde_json::json!({ "error": format!("cannot serialise record: {e}") }))
    }

    /// The record for people: title, date, language and the body's first lines.
    pub fn pretty(&self, body_lines: usize) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        match self {
            Outcome::Error(e) => {
                let _ = writeln!(s, "✗ {}  ({})\n  error: {}", e.id, e.source, e.error);
            }
            Outcome::Record(r) => {
                let _ = writeln!(s, "━━ {}", r.id);
                let _ = writeln!(s, "  title:     {}", r.title.as_deref().unwrap_or("—"));
                let _ = writeln!(s, "  published: {}", r.published.as_deref().unwrap_or("—"));
                let script = r.script.map(|x| format!(" ({x})")).unwrap_or_default();
                let _ = writeln!(s, "  language:  {}{script}", r.lang);
                if let Some(u) = &r.url {
                    let _ = writeln!(s, "  url:       {u}");
                }
                let _ = writeln!(s, "  source:    {}", r.source);
                let _ = writeln!(s, "  relevant:  {}", if r.relevant { "yes" } else { "no" });
                let lines: Vec<&str> = r.body.lines().filter(|l| !l.trim().is_empty()).collect();
                for l in lines.iter().take(body_lines) {
                    let short: String = l.chars().take(160).collect();
                    let more = if l.chars().count() > 160 { "…" } else { "" };
                    let _ = writeln!(s, "  │ {short}{more}");
                }
                if lines.len() > body_lines {
                    let _ = writeln!(s, "  │ … ({} more paragraphs)", lines.len() - body_lines);
                }
                for (i, e) in r.events.iter().enumerate() {
                    pretty_event(&mut s, i + 1, e);
                }
            }
        }
        s
    }
}

/// One event for people: each fact with the sentence it came from.
fn pretty_event(s: &mut String, n: usize, e: &Event) {
    use std::fmt::Write;
    let short = |t: &str| -> String {
        let t = t.trim().replace('\n', " ");
        if t.chars().count() > 140 {
            format!("{}…", t.chars().take(140).collect::<String>())
        } else {
            t
        }
    };
    let _ = writeln!(
        s,
        "  ▸ event {n}: {} on {} (confidence {:.2})",
        e.kind,
        e.date.as_deref().unwrap_or("an unknown day"),
        e.confidence
    );
    let lists = e.string_fields();
    for (field, values) in lists.iter().filter(|(_, v)| !v.is_empty()) {
        let _ = writeln!(s, "    {field}: {}", values.join(", "));
        for v in values.iter() {
            if let Some(ev) = e.evidence.iter().find(|x| x.field == *field && &x.value == v) {
                let _ = writeln!(
                    s,
                    "      {v} ← «{}» [{}..{}]",
                    short(&ev.evidence.text),
                    ev.evidence.start,
                    ev.evidence.end
                );
            }
        }
    }
    for p in &e.people {
        let _ = writeln!(s, "    person: {} ({}, {})", p.name, p.role, p.side);
        if let Some(ev) = &p.evidence {
            let _ = writeln!(s, "      ← «{}» [{}..{}]", short(&ev.text), ev.start, ev.end);
        }
    }
    for f in &e.figures {
        let _ = writeln!(
            s,
            "    figure: {} {} {} ({})",
            f.metric,
            f.value,
            f.currency,
            f.period.as_deref().unwrap_or("no period")
        );
        if let Some(ev) = &f.evidence {
            let _ = writeln!(s, "      ← «{}» [{}..{}]", short(&ev.text), ev.start, ev.end);
        }
    }
}
