//! JSON Lines corpora: one object per line with `id`, and `text` or `html`,
//! optionally `url`, `lang`, `published`.

use std::io::{BufRead, Read};

use serde::Deserialize;
use yntymaq_core::{Content, Document, Source};

use super::{human_bytes, IngestOptions, Item};

#[derive(Deserialize)]
struct Line {
    id: Option<serde_json::Value>,
    text: Option<String>,
    html: Option<String>,
    url: Option<String>,
    lang: Option<String>,
    published: Option<String>,
}

/// Streams the documents of a JSON Lines file, one line at a time.
pub struct JsonlReader {
    reader: Box<dyn BufRead + Send>,
    path: String,
    line: u64,
    offset: u64,
    opts: IngestOptions,
    done: bool,
}

impl JsonlReader {
    pub fn new(reader: Box<dyn BufRead + Send>, path: String, opts: IngestOptions) -> Self {
        JsonlReader { reader, path, line: 0, offset: 0, opts, done: false }
    }

    fn source(&self) -> Source {
        Source { path: self.path.clone(), offset: None, line: Some(self.line) }
    }

    fn fallback_id(&self) -> String {
        format!("{}:{}", self.path, self.line)
    }
}

impl Iterator for JsonlReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if self.done {
                return None;
            }
            let mut buf = Vec::new();
            // Read at most the limit (+1 to notice overflow), then skip the rest of an over-long line.
            let limit = self.opts.max_bytes as u64 + 1;
            let n = match (&mut self.reader).take(limit).read_until(b'\n', &mut buf) {
                Ok(n) => n,
                Err(e) => {
                    self.done = true;
                    self.line += 1;
                    return Some(Item::failed(self.fallback_id(), self.source(), format!("read error: {e}")));
                }
            };
            if n == 0 {
                return None;
            }
            self.line += 1;
            self.offset += n as u64;
            if buf.len() > self.opts.max_bytes && !buf.ends_with(b"\n") {
                // Skip to the end of the line without keeping it.
                let mut skipped = 0u64;
                loop {
                    let (consumed, found) = match self.reader.fill_buf() {
                        Ok([]) => (0, true),
                        Ok(chunk) => match chunk.iter().position(|b| *b == b'\n') {
                            Some(p) => (p + 1, true),
                            None => (chunk.len(), false),
                        },
                        Err(_) => (0, true),
                    };
                    self.reader.consume(consumed);
                    skipped += consumed as u64;
                    if found {
                        break;
                    }
                }
                self.offset += skipped;
                return Some(Item::failed(
                    self.fallback_id(),
                    self.source(),
                    format!("line longer than the {} limit", human_bytes(self.opts.max_bytes)),
                ));
            }
            let text = match std::str::from_utf8(&buf) {
                Ok(t) => t.trim_start_matches('\u{feff}').trim(),
                Err(e) => {
                    return Some(Item::failed(
                        self.fallback_id(),
                        self.source(),
                        format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
                    ));
                }
            };
            if text.is_empty() {
                continue;
            }
            let parsed: Line = match serde_json::from_str(text) {
                Ok(l) => l,
                Err(e) => return Some(Item::failed(self.fallback_id(), self.source(), format!("malformed JSON: {e}"))),
            };
            let id = match &parsed.id {
                Some(serde_json::Value::String(s)) if !s.is_empty() => s.clone(),
                Some(serde_json::Value::Number(n)) => n.to_string(),
                _ => return Some(Item::failed(self.fallback_id(), self.source(), "no \"id\" (a string or a number)")),
            };
            let content = match (parsed.html, parsed.text) {
                (Some(h), _) if !h.trim().is_empty() => Content::Html(h),
                (_, Some(t)) if !t.trim().is_empty() => Content::Text(t),
                (Some(_), _) | (_, Some(_)) => return Some(Item::failed(id, self.source(), "empty \"text\"/\"html\"")),
                (None, None) => return Some(Item::failed(id, self.source(), "no \"text\" or \"html\" field")),
            };
            let mut doc = Document::new(id, self.source(), content);
            doc.url = parsed.url.filter(|u| !u.is_empty());
            doc.lang_hint = parsed.lang.filter(|l| !l.is_empty());
            doc.published_hint = parsed.published.as_deref().and_then(parse_iso_date);
            return Some(Item::Doc(Box::new(doc)));
        }
    }
}

/// `YYYY-MM-DD` at the start of a string (`2024-10-03T11:15:00Z` too).
pub(crate) fn parse_iso_date(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim();
    chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}
