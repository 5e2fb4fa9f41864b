//! WARC archives (ISO 28500; Common Crawl and `wget --warc-file` output).
//!
//! Each HTML `response` (or `resource`) record becomes a document: its
//! `WARC-Target-URI` is the url, its `WARC-Date` the fallback publication
//! date, its byte offset in the file part of its source. Records are read one
//! at a time; `.warc.gz` files are read gzip member by member, so offsets are
//! those of the compressed file, as Common Crawl indexes give them.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};

use flate2::bufread::GzDecoder;
use yntymaq_core::{Document, Source};

use super::{decode_content, human_bytes, IngestOptions, Item, Kind};

/// Counts the bytes read from the file under the buffer.
pub struct Counting<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

type GzFile = BufReader<Counting<File>>;

enum Mode {
    /// An uncompressed (or whole-stream decompressed) archive and the offset read so far.
    Plain { reader: Box<dyn BufRead + Send>, pos: u64 },
    /// A `.warc.gz`: the file, and the member being read with its start offset.
    Gz { file: Option<GzFile>, member: Option<Box<(BufReader<GzDecoder<GzFile>>, u64)>> },
}

/// Streams the documents of a WARC archive.
pub struct WarcReader {
    mode: Mode,
    id: String,
    path: String,
    opts: IngestOptions,
    done: bool,
}

struct Record {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Record {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

enum Next {
    Record(Record),
    TooLarge(usize),
    End,
}

impl WarcReader {
    pub fn plain(reader: Box<dyn BufRead + Send>, id: String, path: String, opts: IngestOptions) -> Self {
        WarcReader { mode: Mode::Plain { reader, pos: 0 }, id, path, opts, done: false }
    }

    pub fn gzip_members(file: BufReader<File>, id: String, path: String, opts: IngestOptions) -> Self {
        let cap = file.capacity();
        let counting = BufReader::with_capacity(cap, Counting { inner: file.into_inner(), count: 0 });
        WarcReader { mode: Mode::Gz { file: Some(counting), member: None }, id, path, opts, done: false }
    }

    fn source(&self, offset: u64) -> Source {
        Source { path: self.path.clone(), offset: Some(offset), line: None }
    }

    /// The next raw record and its offset.
    fn next_record(&mut self) -> Result<(Next, u64), (String, u64)> {
        let max = self.opts.max_bytes;
        match &mut self.mode {
            Mode::Plain { reader, pos } => {
                let start = *pos;
                let mut counted = CountingRef { inner: reader.as_mut(), count: 0 };
                let r = read_record(&mut counted, max);
                *pos += counted.count;
                match r {
                    Ok((n, blank)) => Ok((n, start + blank)),
                    Err(e) => Err((e, start)),
                }
            }
            Mode::Gz { file, member } => loop {
                if member.is_none() {
                    let Some(mut f) = file.take() else { return Ok((Next::End, 0)) };
                    let at_eof = match f.fill_buf() {
                        Ok(b) => b.is_empty(),
                        Err(e) => return Err((format!("read error: {e}"), 0)),
                    };
                    if at_eof {
                        return Ok((Next::End, 0));
                    }
                    let start = f.get_ref().count - f.buffer().len() as u64;
                    *member = Some(Box::new((BufReader::new(GzDecoder::new(f)), start)));
                }
                let Some(m) = member.as_mut() else { return Ok((Next::End, 0)) };
                let start = m.1;
                let m = &mut m.0;
                match read_record(m, max).map(|(n, _)| n) {
                    Ok(Next::End) => {
                        // Member exhausted: go on with the file after it.
                        if let Some(m) = member.take() {
                            *file = Some(m.0.into_inner().into_inner());
                        }
                    }
                    Ok(n) => return Ok((n, start)),
                    Err(e) => return Err((e, start)),
                }
            },
        }
    }

    fn to_item(&self, rec: Record, offset: u64) -> Option<Item> {
        let id = format!("{}@{}", self.id, offset);
        let wtype = rec.header("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let ctype = rec.header("Content-Type").unwrap_or("").to_ascii_lowercase();
        let url = rec.header("WARC-Target-URI").map(|u| u.trim_matches(|c| c == '<' || c == '>').to_owned());
        let date = rec.header("WARC-Date").and_then(super::jsonl::parse_iso_date);
        let (body, charset) = match wtype.as_str() {
            "response" if ctype.contains("application/http") => match parse_http(&rec.body) {
                Ok(Some(r)) => r,
                Ok(None) => return None, // not a successful HTML response
                Err(e) => return Some(Item::failed(id, self.source(offset), format!("HTTP response: {e}"))),
            },
            "response" | "resource" if ctype.contains("html") => (rec.body, header_value(&ctype, "charset")),
            _ => return None,
        };
        match decode_content(&body, Kind::Html, charset.as_deref().map(|c| format!("charset={c}")).as_deref()) {
            Ok(content) => {
                let mut doc = Document::new(id, self.source(offset), content);
                doc.url = url;
                doc.published_hint = date;
                Some(Item::Doc(Box::new(doc)))
            }
            Err(e) => Some(Item::failed(id, self.source(offset), e)),
        }
    }
}

/// A `&mut dyn BufRead` that counts consumed bytes.
struct CountingRef<'a> {
    inner: &'a mut dyn BufRead,
    count: u64,
}

impl Read for CountingRef<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

impl BufRead for CountingRef<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.count += amt as u64;
        self.inner.consume(amt)
    }
}

impl Iterator for WarcReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            match self.next_record() {
                Ok((Next::End, _)) => self.done = true,
                Ok((Next::TooLarge(n), off)) => {
                    return Some(Item::failed(
                        format!("{}@{}", self.id, off),
                        self.source(off),
                        format!(
                            "record of {} is larger than the {} limit",
                            human_bytes(n),
                            human_bytes(self.opts.max_bytes)
                        ),
                    ))
                }
                Ok((Next::Record(rec), off)) => {
                    if let Some(item) = self.to_item(rec, off) {
                        return Some(item);
                    }
                }
                Err((e, off)) => {
                    // A broken record ends the archive: without a valid length
                    // there is no telling where the next one starts.
                    self.done = true;
                    return Some(Item::failed(format!("{}@{}", self.id, off), self.source(off), e));
                }
            }
        }
        None
    }
}

/// One line without its end, and the bytes it took.
fn read_line(r: &mut dyn BufRead, limit: u64) -> Result<Option<(String, u64)>, String> {
    let mut buf = Vec::new();
    let n = r.take(limit).read_until(b'\n', &mut buf).map_err(|e| format!("read error: {e}"))?;
    if n == 0 {
        return Ok(None);
    }
    Ok(Some((String::from_utf8_lossy(&buf).trim_end_matches(['\r', '\n']).to_owned(), n as u64)))
}

/// Reads one record; `End` at a clean end of input. Also returns the number
/// of bytes of blank lines skipped before the record.
fn read_record(r: &mut dyn BufRead, max: usize) -> Result<(Next, u64), String> {
    // Skip the blank lines between records.
    let mut blank = 0u64;
    let version = loop {
        match read_line(r, 4096)? {
            None => return Ok((Next::End, blank)),
            Some((l, n)) if l.trim().is_empty() => blank += n,
            Some((l, _)) => break l,
        }
    };
    if !version.starts_with("WARC/") {
        return Err(format!("not a WARC record (starts with {:?})", version.chars().take(20).collect::<String>()));
    }
    let mut headers = Vec::new();
    loop {
        match read_line(r, 1 << 16)? {
            None => return Err("truncated WARC record: headers end early".into()),
            Some((l, _)) if l.is_empty() => break,
            Some((l, _)) => {
                if let Some((k, v)) = l.split_once(':') {
                    headers.push((k.trim().to_owned(), v.trim().to_owned()));
                }
            }
        }
    }
    let len: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
        .and_then(|(_, v)| v.parse().ok())
        .ok_or("WARC record without a valid Content-Length")?;
    if len > max {
        let skipped = io::copy(&mut r.take(len as u64), &mut io::sink()).map_err(|e| format!("read error: {e}"))?;
        if (skipped as usize) < len {
            return Err(format!("truncated WARC record: {skipped} of {len} bytes"));
        }
        return Ok((Next::TooLarge(len), blank));
    }
    let mut body = Vec::with_capacity(len);
    r.take(len as u64).read_to_end(&mut body).map_err(|e| format!("truncated WARC record: {e}"))?;
    if body.len() < len {
        return Err(format!("truncated WARC record: {} of {} bytes", body.len(), len));
    }
    Ok((Next::Record(Record { headers, body }), blank))
}

fn header_value(header: &str, key: &str) -> Option<String> {
    header.split(';').find_map(|part| {
        let (k, v) = part.split_once('=')?;
        (k.trim().eq_ignore_ascii_case(key)).then(|| v.trim().trim_matches('"').to_owned())
    })
}

/// The body and charset of a successful HTML HTTP response; `None` for other
/// statuses and content types.
/// An HTTP response body and its declared charset.
type HttpBody = (Vec<u8>, Option<String>);

fn parse_http(raw: &[u8]) -> Result<Option<HttpBody>, String> {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| (p, p + 4))
        .or_else(|| raw.windows(2).position(|w| w == b"\n\n").map(|p| (p, p + 2)));
    let Some((head_end, body_start)) = split else { return Err("no end of headers".into()) };
    let head = String::from_utf8_lossy(&raw[..head_end]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    let code: u16 = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| format!("bad status line {status:?}"))?;
    if !(200..300).contains(&code) {
        return Ok(None);
    }
    let mut ctype = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase());
            match k.as_str() {
                "content-type" => ctype = v,
                "transfer-encoding" => chunked = v.contains("chunked"),
                "content-encoding" => encoding = v,
                _ => {}
            }
        }
    }
    if !ctype.is_empty() && !ctype.contains("html") {
        return Ok(None);
    }
    let mut body = raw[body_start..].to_vec();
    if chunked {
        body = dechunk(&body).unwrap_or(body);
    }
    if encoding.contains("gzip") || encoding.contains("deflate") {
        let mut out = Vec::new();
        let res = if encoding.contains("gzip") {
            flate2::read::MultiGzDecoder::new(&body[..]).read_to_end(&mut out)
        } else {
            flate2::read::ZlibDecoder::new(&body[..]).read_to_end(&mut out)
        };
        if res.is_ok() {
            body = out;
        } else if !body.starts_with(b"<") {
            return Err(format!("undecodable {encoding} body"));
        }
    }
    Ok(Some((body, header_value(&ctype, "charset"))))
}

fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    loop {
        let line_end = raw.windows(2).position(|w| w == b"\r\n")?;
        let size_str = std::str::from_utf8(&raw[..line_end]).ok()?;
        let size = usize::from_str_radix(size_str.split(';').next()?.trim(), 16).ok()?;
        raw = &raw[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(raw.get(..size)?);
        raw = raw.get(size + 2..).unwrap_or(&[]);
    }
}
