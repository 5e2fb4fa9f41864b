//! The ingest stage: paths in, documents out.
//!
//! Accepts plain text as scraped, HTML pages, JSON Lines corpora (`id`, `text`
//! or `html`, optionally `url`, `lang`, `published`), and WARC archives (plain
//! or `.warc.gz`), mixed freely; directories are walked recursively in name
//! order, `-` reads standard input, and any file may be gzip-compressed. Kinds
//! are recognised by content first, then by extension.
//!
//! Everything streams: JSONL and WARC records are read one at a time, so
//! memory does not grow with the size of a corpus or an archive. A record that
//! cannot be read becomes an [`Item::Failed`] and reading goes on.

mod jsonl;
mod warc;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::bufread::MultiGzDecoder;
use yntymaq_core::{Content, Document, Source};

pub use warc::WarcReader;

/// Limits and defaults for reading.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// The largest document (file, JSONL line or WARC record) read, in bytes;
    /// larger ones become errors.
    pub max_bytes: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { max_bytes: 4 << 20 }
    }
}

/// A document that could not be read, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub id: String,
    pub source: Source,
    pub error: String,
}

/// What ingest yields: a document, or a failure to read one.
#[derive(Debug)]
pub enum Item {
    Doc(Box<Document>),
    Failed(Failure),
}

impl Item {
    fn failed(id: impl Into<String>, source: Source, error: impl std::fmt::Display) -> Item {
        Item::Failed(Failure { id: id.into(), source, error: error.to_string() })
    }
}

/// The kind of a file's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
    Jsonl,
    Warc,
}

/// Guesses the kind of content from its first bytes and the file name.
pub fn sniff(head: &[u8], name: &str) -> Kind {
    let lower_name = name.to_ascii_lowercase();
    let name = lower_name.strip_suffix(".gz").unwrap_or(&lower_name);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let body = &head[start..];
    if body.starts_with(b"WARC/") || name.ends_with(".warc") {
        return Kind::Warc;
    }
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        return Kind::Jsonl;
    }
    if body.starts_with(b"{") {
        let first_line = body.split(|b| *b == b'\n').next().unwrap_or(b"");
        if serde_json::from_slice::<serde_json::Value>(first_line).map(|v| v.is_object()).unwrap_or(false) {
            return Kind::Jsonl;
        }
    }
    if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xhtml") {
        return Kind::Html;
    }
    let probe: Vec<u8> = body.iter().take(2048).map(|b| b.to_ascii_lowercase()).collect();
    let has = |needle: &[u8]| probe.windows(needle.len()).any(|w| w == needle);
    if probe.starts_with(b"<!doctype html")
        || probe.starts_with(b"<html")
        || has(b"<html")
        || has(b"<head")
        || has(b"<body")
    {
        return Kind::Html;
    }
    // UTF-16 pages: look for "<" followed by a zero byte near the start.
    if body.len() > 4
        && (body.starts_with(b"\xff\xfe<") || body.starts_with(b"\xfe\xff\0<") || body.starts_with(b"<\0"))
    {
        return Kind::Html;
    }
    Kind::Text
}

/// Everything the arguments name, as a stream of items.
pub fn read_inputs(paths: Vec<PathBuf>, opts: IngestOptions) -> impl Iterator<Item = Item> + Send {
    paths.into_iter().flat_map(move |arg| expand(arg, opts.clone()))
}

/// One argument: a file, a directory (walked), or `-`.
fn expand(arg: PathBuf, opts: IngestOptions) -> Box<dyn Iterator<Item = Item> + Send> {
    if arg.as_os_str() == "-" {
        let stdin = BufReader::with_capacity(1 << 16, io::stdin());
        return read_stream(Box::new(stdin), "-".into(), "stdin".into(), opts);
    }
    let meta = match std::fs::metadata(&arg) {
        Ok(m) => m,
        Err(e) => {
            let p = arg.display().to_string();
            return Box::new(std::iter::once(Item::failed(
                p.clone(),
                Source { path: p, ..Default::default() },
                io_message(&e),
            )));
        }
    };
    if meta.is_dir() {
        let root = arg.clone();
        let walk = walkdir::WalkDir::new(&arg)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        Box::new(walk.flat_map(move |entry| -> Box<dyn Iterator<Item = Item> + Send> {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let id = relative_id(&root, e.path());
                    read_file(e.path(), id, opts.clone())
                }
                Ok(_) => Box::new(std::iter::empty()),
                Err(e) => {
                    let p = e.path().map(|p| p.display().to_string()).unwrap_or_else(|| root.display().to_string());
                    Box::new(std::iter::once(Item::failed(p.clone(), Source { path: p, ..Default::default() }, e)))
                }
            }
        }))
    } else {
        let id = arg.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| arg.display().to_string());
        read_file(&arg, id, opts)
    }
}

/// A file's id: its path relative to the directory argument, with `/`.
fn relative_id(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn read_file(path: &Path, id: String, opts: IngestOptions) -> Box<dyn Iterator<Item = Item> + Send> {
    let shown = path.display().to_string();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => {
            return Box::new(std::iter::once(Item::failed(
                id,
                Source { path: shown, ..Default::default() },
                io_message(&e),
            )))
        }
    };
    let lower = shown.to_ascii_lowercase();
    if lower.ends_with(".warc.gz") {
        // Each record is its own gzip member: read member by member so that
        // every record keeps its offset in the compressed file.
        return Box::new(WarcReader::gzip_members(BufReader::with_capacity(1 << 16, file), id, shown, opts));
    }
    read_stream(Box::new(BufReader::with_capacity(1 << 16, file)), shown, id, opts)
}

/// Reads one stream of any kind (decompressing gzip), yielding its documents.
fn read_stream(
    mut reader: Box<dyn BufRead + Send>,
    shown: String,
    id: String,
    opts: IngestOptions,
) -> Box<dyn Iterator<Item = Item> + Send> {
    let source = Source { path: shown.clone(), ..Default::default() };
    let head = match reader.fill_buf() {
        Ok(h) => h,
        Err(e) => return Box::new(std::iter::once(Item::failed(id, source, io_message(&e)))),
    };
    if head.starts_with(&[0x1f, 0x8b]) {
        let inner = BufReader::with_capacity(1 << 16, MultiGzDecoder::new(reader));
        let inner_name = shown.strip_suffix(".gz").unwrap_or(&shown).to_owned();
        let mut boxed: Box<dyn BufRead + Send> = Box::new(inner);
        // Sniff on the decompressed bytes, but keep the shown path.
        let kind = match boxed.fill_buf() {
            Ok(h) => sniff(h, &inner_name),
            Err(e) => return Box::new(std::iter::once(Item::failed(id, source, format!("gzip: {}", io_message(&e))))),
        };
        return dispatch(kind, boxed, shown, id, opts);
    }
    let kind = sniff(head, &shown);
    dispatch(kind, reader, shown, id, opts)
}

fn dispatch(
    kind: Kind,
    reader: Box<dyn BufRead + Send>,
    shown: String,
    id: String,
    opts: IngestOptions,
) -> Box<dyn Iterator<Item = Item> + Send> {
    match kind {
        Kind::Jsonl => Box::new(jsonl::JsonlReader::new(reader, shown, opts)),
        Kind::Warc => Box::new(WarcReader::plain(reader, id, shown, opts)),
        Kind::Html | Kind::Text => Box::new(std::iter::once(whole(reader, kind, shown, id, &opts))),
    }
}

/// A single-document file: read it whole (up to the size limit) and decode.
fn whole(reader: Box<dyn BufRead + Send>, kind: Kind, shown: String, id: String, opts: &IngestOptions) -> Item {
    let source = Source { path: shown, ..Default::default() };
    let mut bytes = Vec::new();
    let limit = opts.max_bytes as u64 + 1;
    if let Err(e) = reader.take(limit).read_to_end(&mut bytes) {
        let msg = if e.kind() == io::ErrorKind::UnexpectedEof || e.kind() == io::ErrorKind::InvalidInput {
            format!("truncated or corrupt compressed data: {e}")
        } else {
            io_message(&e)
        };
        return Item::failed(id, source, msg);
    }
    if bytes.len() > opts.max_bytes {
        return Item::failed(id, source, format!("document larger than the {} limit", human_bytes(opts.max_bytes)));
    }
    match decode_content(&bytes, kind, None) {
        Ok(content) => Item::Doc(Box::new(Document::new(id, source, content))),
        Err(e) => Item::failed(id, source, e),
    }
}

/// Decodes the bytes of one document into its content.
pub(crate) fn decode_content(
    bytes: &[u8],
    kind: Kind,
    header_charset: Option<&str>,
) -> Result<Content, yntymaq_clean::encoding::DecodeError> {
    use yntymaq_clean::encoding;
    let declared = header_charset.and_then(encoding::header_charset).or_else(|| {
        if kind == Kind::Html {
            encoding::html_declared_charset(bytes)
        } else {
            None
        }
    });
    let decoded = encoding::decode(bytes, declared)?;
    Ok(match kind {
        Kind::Html => Content::Html(decoded.text),
        _ => {
            // A text file that turns out to be HTML after decoding (UTF-16 pages).
            if sniff(decoded.text.as_bytes(), "") == Kind::Html {
                Content::Html(decoded.text)
            } else {
                Content::Text(decoded.text)
            }
        }
    })
}

pub(crate) fn human_bytes(n: usize) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64)
    } else if n >= 1 << 10 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} bytes")
    }
}
