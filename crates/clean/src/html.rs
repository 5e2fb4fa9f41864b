//! The main article of an HTML page, with its title, date, author and site.
//!
//! The page is tokenized by html5ever's spec tokenizer into a light arena
//! tree (a flat sequence of open/close/text items; no full tree builder, which
//! would cost as much again). The extractor then works like readability with
//! trafilatura's cleaning:
//!
//! 1. chrome is marked: elements that never hold article text (script, nav,
//!    form controls, hidden elements...) are dropped outright; elements whose
//!    class or id says menu, sidebar, comments, share, related... are dropped
//!    softly (kept in a second try if the first finds too little);
//! 2. the text is cut into blocks at block-level elements;
//! 3. each block scores its ancestors (readability's content score: commas,
//!    length), containers are weighted by tag and class/id hints and by their
//!    link density, and the best container (with its parent when the article
//!    is split across several siblings) is chosen;
//! 4. inside it, sub-containers that look like link lists, teasers or share
//!    bars are removed, and blocks that are mostly links are dropped.
//!
//! Metadata comes from `<meta>` (Open Graph, article:*, Dublin Core,
//! itemprop), JSON-LD, `<time>` and datelines near the article; dates in page
//! chrome (a header's "today" next to the weather) are never read.

use crate::Article;
use chrono::NaiveDate;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use html5ever::{local_name, LocalName};
use regex::Regex;
use std::cell::RefCell;
use std::sync::OnceLock;

/// Extracts the main article of an HTML page.
///
/// Never panics; a page with no recognisable article gives an empty body.
pub fn extract(html: &str) -> Article {
    let doc = parse(html);
    let blocks = segment(&doc, false);
    let mut body = select(&doc, &blocks, false);
    if body.chars < 200 {
        // The class/id hints may have removed the article itself: try again
        // with only the hard chrome removed, and keep the longer result.
        let relaxed = segment(&doc, true);
        let second = select(&doc, &relaxed, true);
        if second.chars > body.chars.saturating_mul(2).max(100) {
            body = second;
        }
    }
    let meta = metadata(&doc, &blocks, body.container);
    let title = meta.title;
    let text = finish_body(&body.paragraphs, title.as_deref());
    Article { title, body: text, published: meta.published, author: meta.author, site_name: meta.site_name }
}

// ---------------------------------------------------------------------------
// Parsing: html5ever tokenizer into a flat arena.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Open(u32),
    Close(u32),
    Text(u32, u32),
}

/// How an element is treated by the extractor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Drop {
    Keep,
    /// Class/id hints say chrome: dropped unless the page has nothing else.
    Soft,
    /// Never article text.
    Hard,
}

#[derive(Debug, Clone)]
struct Node {
    name: LocalName,
    parent: u32,
    /// Index of the `Open` item and of the `Close` item (or the end).
    start: u32,
    end: u32,
    /// Lowercased `class` and `id`, as a range into `Doc::pool`.
    hints: (u32, u32),
    drop: Drop,
    /// Class/id weight: +25 for article hints, -25 for chrome hints.
    weight: i32,
    /// `itemprop` value, as a range into `Doc::pool`.
    itemprop: (u32, u32),
    /// `datetime` or `content` attribute, as a range into `Doc::pool`.
    value: (u32, u32),
}

#[derive(Debug, Default)]
struct Doc {
    nodes: Vec<Node>,
    items: Vec<Item>,
    text: String,
    pool: String,
    /// `<meta>` tags: (name or property, lowercased; content).
    metas: Vec<(String, String)>,
    /// `<link rel=...>`-free; `<script type=application/ld+json>` bodies.
    ld_json: Vec<String>,
    /// `<title>` text.
    title: String,
}

impl Doc {
    fn node(&self, i: u32) -> Option<&Node> {
        self.nodes.get(i as usize)
    }
    fn pool_str(&self, r: (u32, u32)) -> &str {
        self.pool.get(r.0 as usize..r.1 as usize).unwrap_or("")
    }
    fn text_of(&self, r: (u32, u32)) -> &str {
        self.text.get(r.0 as usize..r.1 as usize).unwrap_or("")
    }
    fn parent(&self, i: u32) -> Option<u32> {
        let p = self.node(i)?.parent;
        (p != i).then_some(p)
    }
    /// The collapsed text of a node's subtree (hard-dropped parts excluded).
    fn subtree_text(&self, i: u32) -> String {
        let Some(n) = self.node(i) else { return String::new() };
        let mut out = String::new();
        let mut skip = 0u32;
        let items = self.items.get(n.start as usize..(n.end as usize).min(self.items.len())).unwrap_or(&[]);
        for it in items {
            match *it {
                Item::Open(c) => {
                    if self.node(c).is_some_and(|c| c.drop == Drop::Hard) || skip > 0 {
                        skip += 1;
                    }
                }
                Item::Close(_) => skip = skip.saturating_sub(1),
                Item::Text(a, b) if skip == 0 => push_collapsed(&mut out, self.text_of((a, b))),
                Item::Text(..) => {}
            }
        }
        out.trim().to_string()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capture {
    None,
    Title,
    LdJson,
    Ignore,
}

struct Builder {
    doc: Doc,
    stack: Vec<u32>,
    capture: Capture,
    ld_buf: String,
    hint_cache: std::collections::HashMap<Box<str>, (i32, bool)>,
}

const MAX_DEPTH: usize = 512;

fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("keygen")
    )
}

/// Elements whose start tag closes an open `<p>`.
fn closes_p(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("fieldset")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("form")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("header")
            | local_name!("hr")
            | local_name!("main")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("section")
            | local_name!("table")
            | local_name!("ul")
            | local_name!("li")
            | local_name!("dd")
            | local_name!("dt")
    )
}

fn is_heading(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    )
}

/// Elements that start a new block of text.
fn is_block(name: &LocalName) -> bool {
    closes_p(name)
        || matches!(
            *name,
            local_name!("body")
                | local_name!("html")
                | local_name!("center")
                | local_name!("details")
                | local_name!("dialog")
                | local_name!("figcaption")
                | local_name!("hgroup")
                | local_name!("menu")
                | local_name!("summary")
                | local_name!("tbody")
                | local_name!("thead")
                | local_name!("tfoot")
                | local_name!("tr")
                | local_name!("td")
                | local_name!("th")
                | local_name!("caption")
                | local_name!("option")
                | local_name!("select")
                | local_name!("textarea")
                | local_name!("button")
                | local_name!("iframe")
                | local_name!("video")
                | local_name!("audio")
                | local_name!("object")
                | local_name!("noscript")
                | local_name!("script")
                | local_name!("style")
                | local_name!("template")
                | local_name!("svg")
        )
}

/// Elements that never hold article text.
fn hard_drop_tag(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("noscript")
            | local_name!("template")
            | local_name!("svg")
            | local_name!("math")
            | local_name!("iframe")
            | local_name!("object")
            | local_name!("embed")
            | local_name!("canvas")
            | local_name!("video")
            | local_name!("audio")
            | local_name!("select")
            | local_name!("option")
            | local_name!("button")
            | local_name!("input")
            | local_name!("textarea")
            | local_name!("label")
            | local_name!("nav")
            | local_name!("head")
            | local_name!("title")
            | local_name!("dialog")
            | local_name!("menu")
            | local_name!("figcaption")
    )
}

/// Elements that are chrome unless they hold the article (`footer` in a
/// post, `header` around an article's title, `aside` pull quotes).
fn soft_drop_tag(name: &LocalName) -> bool {
    matches!(*name, local_name!("footer") | local_name!("aside") | local_name!("header") | local_name!("form"))
}

fn attr<'a>(tag: &'a Tag, name: &LocalName) -> Option<&'a str> {
    tag.attrs.iter().find(|a| a.name.local == *name).map(|a| &*a.value)
}

impl Builder {
    fn new(cap: usize) -> Self {
        let mut doc = Doc {
            nodes: Vec::with_capacity(cap / 60),
            items: Vec::with_capacity(cap / 30),
            text: String::with_capacity(cap / 3),
            ..Default::default()
        };
        doc.nodes.push(Node {
            name: local_name!("html"),
            parent: 0,
            start: 0,
            end: 0,
            hints: (0, 0),
            drop: Drop::Keep,
            weight: 0,
            itemprop: (0, 0),
            value: (0, 0),
        });
        doc.items.push(Item::Open(0));
        Builder { doc, stack: vec![0], capture: Capture::None, ld_buf: String::new(), hint_cache: Default::default() }
    }

    fn current(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    fn pop(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        if let Some(n) = self.stack.pop() {
            let at = self.doc.items.len() as u32;
            self.doc.items.push(Item::Close(n));
            if let Some(node) = self.doc.nodes.get_mut(n as usize) {
                node.end = at;
            }
        }
    }

    fn pop_to(&mut self, depth: usize) {
        while self.stack.len() > depth.max(1) {
            self.pop();
        }
    }

    /// The stack depth of the nearest open element named `name`, searching
    /// down to (not past) any of `boundary`.
    fn find_open(&self, name: &LocalName, boundary: &[LocalName]) -> Option<usize> {
        for (d, &n) in self.stack.iter().enumerate().rev() {
            let nm = &self.doc.nodes.get(n as usize)?.name;
            if nm == name {
                return Some(d);
            }
            if boundary.contains(nm) {
                return None;
            }
        }
        None
    }

    fn start_tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name = &tag.name;
        match *name {
            local_name!("meta") => {
                self.meta(tag);
            }
            local_name!("title") => {
                self.capture = Capture::Title;
                return TokenSinkResult::RawData(RawKind::Rcdata);
            }
            _ => {}
        }
        // Implied end tags (a simplified HTML tree construction).
        let scope = [local_name!("table"), local_name!("td"), local_name!("th"), local_name!("button")];
        if closes_p(name) {
            if let Some(d) = self.find_open(&local_name!("p"), &scope) {
                self.pop_to(d);
            }
        }
        match *name {
            local_name!("li") => {
                if let Some(d) = self.find_open(&local_name!("li"), &[local_name!("ul"), local_name!("ol")]) {
                    self.pop_to(d);
                }
            }
            local_name!("dd") | local_name!("dt") => {
                let b = [local_name!("dl")];
                if let Some(d) =
                    self.find_open(&local_name!("dd"), &b).or_else(|| self.find_open(&local_name!("dt"), &b))
                {
                    self.pop_to(d);
                }
            }
            local_name!("tr") => {
                if let Some(d) = self.find_open(&local_name!("tr"), &[local_name!("table")]) {
                    self.pop_to(d);
                }
            }
            local_name!("td") | local_name!("th") => {
                let b = [local_name!("tr"), local_name!("table")];
                if let Some(d) =
                    self.find_open(&local_name!("td"), &b).or_else(|| self.find_open(&local_name!("th"), &b))
                {
                    self.pop_to(d);
                }
            }
            local_name!("option") => {
                if let Some(d) = self.find_open(&local_name!("option"), &[local_name!("select")]) {
                    self.pop_to(d);
                }
            }
            local_name!("a") => {
                if let Some(d) = self.find_open(&local_name!("a"), &scope) {
                    self.pop_to(d);
                }
            }
            _ if is_heading(name) && self.doc.node(self.current()).is_some_and(|n| is_heading(&n.name)) => {
                self.pop();
            }
            _ => {}
        }

        let id = self.doc.nodes.len() as u32;
        let parent = self.current();
        let parent_drop = self.doc.node(parent).map(|p| p.drop).unwrap_or(Drop::Keep);
        // class and id, lowercased, into the pool
        let hs = self.doc.pool.len() as u32;
        for a in &tag.attrs {
            if matches!(a.name.local, local_name!("class") | local_name!("id")) {
                self.doc.pool.push(' ');
                self.doc.pool.extend(a.value.chars().map(|c| c.to_ascii_lowercase()));
            }
        }
        let hints = (hs, self.doc.pool.len() as u32);
        let mut drop = if hard_drop_tag(name) || is_hidden(tag) { Drop::Hard } else { Drop::Keep };
        let mut weight = 0;
        let ip = attr(tag, &local_name!("itemprop")).unwrap_or("");
        if drop == Drop::Keep {
            let h = self.doc.pool_str(hints);
            // class strings repeat a lot within a page: classify each once
            let (w, chrome) = match self.hint_cache.get(h) {
                Some(&v) => v,
                None => {
                    let v = (class_weight(h), is_chrome(h));
                    if self.hint_cache.len() < 4096 {
                        self.hint_cache.insert(h.into(), v);
                    }
                    v
                }
            };
            weight = w;
            if ip.eq_ignore_ascii_case("articleBody") || ip.eq_ignore_ascii_case("text") {
                weight += 25;
            }
            let structural = matches!(
                *name,
                local_name!("html") | local_name!("body") | local_name!("main") | local_name!("article")
            );
            if soft_drop_tag(name) || (!structural && chrome) {
                drop = Drop::Soft;
            }
        }
        if parent_drop == Drop::Hard {
            drop = Drop::Hard;
        }
        let is_ = self.doc.pool.len() as u32;
        self.doc.pool.push_str(ip);
        let itemprop = (is_, self.doc.pool.len() as u32);
        let vs = self.doc.pool.len() as u32;
        if let Some(v) = attr(tag, &local_name!("datetime")).or_else(|| {
            if ip.is_empty() {
                None
            } else {
                attr(tag, &local_name!("content"))
            }
        }) {
            self.doc.pool.push_str(v);
        }
        let value = (vs, self.doc.pool.len() as u32);
        let start = self.doc.items.len() as u32;
        self.doc.nodes.push(Node {
            name: name.clone(),
            parent,
            start,
            end: start,
            hints,
            drop,
            weight,
            itemprop,
            value,
        });
        self.doc.items.push(Item::Open(id));
        let void = is_void(name) || (tag.self_closing && !is_block(name));
        if void || self.stack.len() >= MAX_DEPTH {
            let at = self.doc.items.len() as u32;
            self.doc.items.push(Item::Close(id));
            if let Some(n) = self.doc.nodes.last_mut() {
                n.end = at;
            }
        } else {
            self.stack.push(id);
        }
        match *name {
            local_name!("script") => {
                let ty = attr(tag, &local_name!("type")).unwrap_or("");
                self.capture = if ty.contains("ld+json") { Capture::LdJson } else { Capture::Ignore };
                TokenSinkResult::RawData(RawKind::ScriptData)
            }
            local_name!("style")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("noscript") => {
                self.capture = Capture::Ignore;
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            local_name!("textarea") => {
                self.capture = Capture::Ignore;
                TokenSinkResult::RawData(RawKind::Rcdata)
            }
            local_name!("plaintext") => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }

    fn meta(&mut self, tag: &Tag) {
        let key = attr(tag, &local_name!("property"))
            .or_else(|| attr(tag, &local_name!("name")))
            .or_else(|| attr(tag, &local_name!("itemprop")));
        if let (Some(k), Some(v)) = (key, attr(tag, &local_name!("content"))) {
            if !v.trim().is_empty() && self.doc.metas.len() < 256 {
                self.doc.metas.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
    }

    fn end_tag(&mut self, tag: &Tag) {
        match self.capture {
            Capture::Title if tag.name == local_name!("title") => {
                self.capture = Capture::None;
                return;
            }
            Capture::LdJson => {
                if !self.ld_buf.trim().is_empty() && self.doc.ld_json.len() < 32 {
                    self.doc.ld_json.push(std::mem::take(&mut self.ld_buf));
                }
                self.ld_buf.clear();
            }
            _ => {}
        }
        self.capture = Capture::None;
        let name = if tag.name == local_name!("br") { return } else { &tag.name };
        if let Some(d) = self.find_open(name, &[]) {
            self.pop_to(d);
        }
    }

    fn characters(&mut self, s: &str) {
        match self.capture {
            Capture::Title => {
                if self.doc.title.len() < 2048 {
                    self.doc.title.push_str(s);
                }
            }
            Capture::LdJson => {
                if self.ld_buf.len() < 1 << 20 {
                    self.ld_buf.push_str(s);
                }
            }
            Capture::Ignore => {}
            Capture::None => {
                let a = self.doc.text.len() as u32;
                self.doc.text.push_str(s);
                let b = self.doc.text.len() as u32;
                if let Some(Item::Text(_, e)) = self.doc.items.last_mut() {
                    if *e == a {
                        *e = b;
                        return;
                    }
                }
                self.doc.items.push(Item::Text(a, b));
            }
        }
    }

    fn finish(mut self) -> Doc {
        self.pop_to(1);
        let at = self.doc.items.len() as u32;
        self.doc.items.push(Item::Close(0));
        if let Some(n) = self.doc.nodes.first_mut() {
            n.end = at;
        }
        self.doc
    }
}

fn is_hidden(tag: &Tag) -> bool {
    if attr(tag, &local_name!("hidden")).is_some() {
        return true;
    }
    if attr(tag, &html5ever::LocalName::from("aria-hidden")).is_some_and(|v| v == "true") {
        return true;
    }
    attr(tag, &local_name!("style")).is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

struct Sink(RefCell<Builder>);

impl TokenSink for Sink {
    type Handle = ();
    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut b = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => return b.start_tag(&tag),
                TagKind::EndTag => b.end_tag(&tag),
            },
            Token::CharacterTokens(s) => b.characters(&s),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Drops the bodies of `<script>` (except JSON-LD), `<style>` and `<svg>` elements and
/// of comments before tokenizing: they are half the bytes of a modern page,
/// and html5ever's tokenizer walks raw text character by character. Tags are
/// kept, so the tree is the same. The scan follows the tokenizer's rules
/// where they matter (a raw-text element ends at the first `</script` or
/// `</style` followed by whitespace, `/` or `>`; a comment ends at `-->`);
/// a start tag's quoted attribute values may contain `>`.
fn strip_raw_text(html: &str) -> String {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2 + 64);
    let mut copied = 0; // bytes of `html` up to here are handled
    let mut i = 0;
    while let Some(off) = html.get(i..).and_then(|s| s.find('<')) {
        let lt = i + off;
        let rest = b.get(lt + 1..).unwrap_or(&[]);
        if rest.starts_with(b"!--") {
            // a comment: drop it whole
            // `<!-->` and `<!--->` are complete (empty) comments
            let end = if rest.starts_with(b"!-->") {
                lt + 5
            } else if rest.starts_with(b"!--->") {
                lt + 6
            } else {
                let body = lt + 4;
                html.get(body..).and_then(|s| s.find("-->")).map(|e| body + e + 3).unwrap_or(html.len())
            };
            out.push_str(html.get(copied..lt).unwrap_or(""));
            copied = end;
            i = end;
            continue;
        }
        let raw = if starts_with_tag(rest, b"script") {
            Some(&b"</script"[..])
        } else if starts_with_tag(rest, b"style") {
            Some(&b"</style"[..])
        } else if starts_with_tag(rest, b"svg") {
            // inline icons: path data, never text
            Some(&b"</svg"[..])
        } else {
            None
        };
        let Some(close) = raw else {
            // another tag: skip it whole, so that a `<script` inside a quoted
            // attribute value is not taken for a tag; a long start tag is
            // rewritten with only the attributes the extractor reads
            if rest.first().is_some_and(|c| c.is_ascii_alphabetic()) {
                let end = start_tag_end(b, lt + 1);
                if end - lt > 48 {
                    out.push_str(html.get(copied..lt).unwrap_or(""));
                    slim_start_tag(html, lt, end, &mut out);
                    copied = end;
                }
                i = end;
            } else {
                i = lt + 1;
            }
            continue;
        };
        let tag_end = start_tag_end(b, lt + 1);
        let keep = close == b"</script"
            && b.get(lt..tag_end).is_some_and(|t| t.windows(7).any(|w| w.eq_ignore_ascii_case(b"ld+json")));
        let body_end = find_close_tag(b, tag_end, close).unwrap_or(html.len());
        if !keep {
            out.push_str(html.get(copied..tag_end).unwrap_or(""));
            copied = body_end;
        }
        i = body_end.max(lt + 1);
    }
    out.push_str(html.get(copied..).unwrap_or(""));
    out
}

/// Attributes the extractor reads; the others (href, src, srcset, data-*,
/// event handlers...) are half of a page's bytes and are dropped before
/// tokenizing.
const KEPT_ATTRIBUTES: [&str; 12] = [
    "class",
    "id",
    "itemprop",
    "datetime",
    "content",
    "property",
    "name",
    "type",
    "hidden",
    "aria-hidden",
    "style",
    "lang",
];

/// Writes the start tag `html[lt..end]` (`end` just past its `>`) with only
/// the kept attributes, copied verbatim. Attribute syntax as the tokenizer
/// reads it: a name up to whitespace, `/`, `>` or `=`; then optionally `=`
/// and a value, quoted or up to whitespace or `>`.
fn slim_start_tag(html: &str, lt: usize, end: usize, out: &mut String) {
    let b = html.as_bytes();
    let mut i = lt + 1;
    while b.get(i).is_some_and(|c| !c.is_ascii_whitespace() && *c != b'/' && *c != b'>') {
        i += 1;
    }
    out.push_str(html.get(lt..i).unwrap_or(""));
    let close = end.saturating_sub(1); // the `>`
    let mut self_closing = false;
    while i < close {
        let c = b.get(i).copied().unwrap_or(b'>');
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c == b'/' {
            self_closing = b.get(i + 1) == Some(&b'>');
            i += 1;
            continue;
        }
        let name_start = i;
        i += 1; // a name may start with `=`
        while i < close && b.get(i).is_some_and(|c| !c.is_ascii_whitespace() && !matches!(c, b'/' | b'>' | b'=')) {
            i += 1;
        }
        let name_end = i;
        let mut j = i;
        while j < close && b.get(j).is_some_and(|c| c.is_ascii_whitespace()) {
            j += 1;
        }
        if b.get(j) == Some(&b'=') && j < close {
            j += 1;
            while j < close && b.get(j).is_some_and(|c| c.is_ascii_whitespace()) {
                j += 1;
            }
            match b.get(j) {
                Some(&q) if (q == b'"' || q == b'\'') && j < close => {
                    j += 1;
                    while j < close && b.get(j) != Some(&q) {
                        j += 1;
                    }
                    j += 1;
                }
                _ => {
                    while j < close && b.get(j).is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>') {
                        j += 1;
                    }
                }
            }
            i = j.min(close);
        }
        let name = b.get(name_start..name_end).unwrap_or(&[]);
        if KEPT_ATTRIBUTES.iter().any(|k| k.as_bytes().eq_ignore_ascii_case(name)) {
            out.push(' ');
            out.push_str(html.get(name_start..i).unwrap_or(""));
        }
    }
    if self_closing {
        out.push('/');
    }
    out.push('>');
}

/// Whether `rest` (after `<`) starts with the tag name `name`, case-insensitively.
fn starts_with_tag(rest: &[u8], name: &[u8]) -> bool {
    rest.get(..name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name))
        && rest.get(name.len()).is_none_or(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/')
}

/// The index just past the `>` that ends the start tag begun at `from`.
fn start_tag_end(b: &[u8], from: usize) -> usize {
    let mut quote = 0u8;
    let mut i = from;
    while let Some(&c) = b.get(i) {
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            // quotes open only in an attribute value (after `=`)
            if b.get(..i).and_then(|h| h.iter().rev().find(|c| !c.is_ascii_whitespace())) == Some(&b'=') {
                quote = c;
            }
        } else if c == b'>' {
            return i + 1;
        }
        i += 1;
    }
    b.len()
}

/// The index of the `</name` that closes a raw-text element, from `from`.
fn find_close_tag(b: &[u8], from: usize, close: &[u8]) -> Option<usize> {
    let mut i = from;
    loop {
        let off = b.get(i..)?.iter().position(|&c| c == b'<')?;
        let at = i + off;
        if b.get(at..at + close.len()).is_some_and(|t| t.eq_ignore_ascii_case(close))
            && b.get(at + close.len()).is_none_or(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/')
        {
            return Some(at);
        }
        i = at + 1;
    }
}

fn parse(html: &str) -> Doc {
    let stripped = strip_raw_text(html);
    let html = stripped.as_str();
    let sink = Sink(RefCell::new(Builder::new(html.len())));
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tok.feed(&input);
    tok.end();
    tok.sink.0.into_inner().finish()
}

// ---------------------------------------------------------------------------
// Class and id hints.

fn hint_regexes() -> &'static (Regex, Regex, Regex, Regex) {
    static R: OnceLock<(Regex, Regex, Regex, Regex)> = OnceLock::new();
    R.get_or_init(|| {
        let neg = Regex::new(
            r"comment|combx|disqus|foot|header|menu|meta|nav|navbar|rss|shoutbox|sidebar|sponsor|shopping|tags|tool|widget|share|social|related|recommend|promo|banner|breadcrumb|advert|adsense|reklama|\bads?\b|popup|modal|cookie|subscri|newsletter|signup|login|pagination|pager|print|rating|teaser|popular|trending|most-?read|read-?more|readmore|also|masthead|outbrain|taboola|byline|author|caption|credit|hidden|skip|warning|partner|more-news|other-news|latest|topbar|toolbar|weather|currency|counter|hashtag|lenta|feed|similar|next-?post|prev-?post|video-?list|gallery",
        )
        .unwrap_or_else(|_| never());
        let pos = Regex::new(
            r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|news-?text|detail|material|publication|single|full",
        )
        .unwrap_or_else(|_| never());
        // readability's "unlikely candidates", removed before scoring
        let chrome = Regex::new(
            r"(^|[\s_-])(comments?|disqus|footer|foot|menu|navbar|nav|sidebar|side-bar|sidebox|share|sharing|social|socials|likes|related|recommend(ed|ations)?|promo|banner|breadcrumbs?|advert(isement)?|adsense|ad|ads|adv|reklama|popup|modal|cookies?|subscribe|subscription|newsletter|signup|login|pagination|pager|rating|teasers?|popular|trending|most-?read|read-?more|readmore|read-?also|see-?also|more-?news|other-?news|latest-?news|topbar|toolbar|weather|currency|tags|tag-?list|tagcloud|hashtags|outbrain|taboola|partners?|similar|widget|widgets|header-?top|top-?bar|masthead|print|skip|nextprev|post-?nav(igation)?|author-?(bio|box|info)|sticky|overlay|offcanvas|dropdown|search|copyright|caption|credits?|lang(uage)?-?switch|gallery|photo-?report|video-?block|slider|meta|post-?meta|entry-?meta|byline|dateline|date|time|views|info|author|authors)($|[\s_-])",
        )
        .unwrap_or_else(|_| never());
        let maybe = Regex::new(r"(^|[\s_-])(article|body|content|main|post|entry|story|text)($|[\s_-])")
            .unwrap_or_else(|_| never());
        (neg, pos, chrome, maybe)
    })
}

/// A regex that matches nothing, for the (impossible) case where a constant
/// pattern fails to compile.
fn never() -> Regex {
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable_regex())
}

#[allow(clippy::unwrap_used)]
fn unreachable_regex() -> Regex {
    // `a^` is a valid pattern on every regex version; this cannot fail.
    Regex::new("a^").unwrap()
}

/// readability's class weight: +25 for an article hint, -25 for a chrome hint.
fn class_weight(h: &str) -> i32 {
    if h.is_empty() {
        return 0;
    }
    let (neg, pos, _, _) = hint_regexes();
    let mut w = 0;
    if neg.is_match(h) {
        w -= 25;
    }
    if pos.is_match(h) {
        w += 25;
    }
    w
}

/// Class/id that marks page chrome (menus, sidebars, comments, share bars...),
/// unless it also says article content.
fn is_chrome(h: &str) -> bool {
    if h.is_empty() {
        return false;
    }
    let (_, _, chrome, maybe) = hint_regexes();
    chrome.is_match(h) && (!maybe.is_match(h) || suffix_chrome_regex().is_match(h))
}

/// A class that names a part of the article by suffix (`story-meta`,
/// `post-tags`, `article-share`, `entry-comments`): chrome even though it
/// also says article.
fn suffix_chrome_regex() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(^|\s)[a-z0-9_-]*[_-](meta|byline|dateline|share|sharing|social|tags|date|info|author|views|comments?|related|footer)(\s|$)",
        )
        .unwrap_or_else(|_| never())
    })
}

// ---------------------------------------------------------------------------
// Blocks.

#[derive(Debug, Clone)]
struct Block {
    /// The innermost block-level element that holds the text.
    node: u32,
    /// Item index where the block starts (for containment tests).
    at: u32,
    text: String,
    chars: u32,
    link_chars: u32,
    commas: u32,
    heading: bool,
    /// Inside a soft-dropped element.
    soft: bool,
}

fn push_collapsed(out: &mut String, s: &str) {
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{a0}' {
            if !out.is_empty() && !out.ends_with([' ', '\n']) {
                out.push(' ');
            }
        } else if c != '\u{ad}' && c != '\u{200b}' {
            out.push(c);
        }
    }
}

/// Cuts the page into blocks of text. With `relaxed`, soft-dropped elements
/// are kept.
fn segment(doc: &Doc, relaxed: bool) -> Vec<Block> {
    let mut blocks = Vec::with_capacity(256);
    let mut owners: Vec<u32> = vec![0];
    let mut hard = 0u32; // depth inside hard-dropped elements
    let mut soft = 0u32;
    let mut link = 0u32;
    let mut pre = 0u32;
    let mut cur =
        Block { node: 0, at: 0, text: String::new(), chars: 0, link_chars: 0, commas: 0, heading: false, soft: false };
    let mut brs = 0u32;

    fn flush(cur: &mut Block, blocks: &mut Vec<Block>, owner: u32, at: u32, soft: bool, doc: &Doc) {
        let t = cur.text.trim();
        if !t.is_empty() {
            let text = t.to_string();
            let chars = text.chars().filter(|c| !c.is_whitespace()).count() as u32;
            let commas = text.chars().filter(|&c| matches!(c, ',' | '،' | '、' | '，')).count() as u32;
            let heading = doc.node(cur.node).is_some_and(|n| is_heading(&n.name));
            blocks.push(Block {
                node: cur.node,
                at: cur.at,
                text,
                chars,
                link_chars: cur.link_chars.min(chars),
                commas,
                heading,
                soft: cur.soft,
            });
        }
        cur.text.clear();
        cur.link_chars = 0;
        cur.node = owner;
        cur.at = at;
        cur.soft = soft;
    }

    for (idx, it) in doc.items.iter().enumerate() {
        let idx = idx as u32;
        match *it {
            Item::Open(n) => {
                let Some(node) = doc.node(n) else { continue };
                let self_drop = match node.drop {
                    Drop::Hard => Drop::Hard,
                    Drop::Soft if !relaxed => Drop::Soft,
                    _ => Drop::Keep,
                };
                if node.name == local_name!("br") {
                    brs += 1;
                    if brs >= 2 {
                        let o = owners.last().copied().unwrap_or(0);
                        flush(&mut cur, &mut blocks, o, idx, soft > 0, doc);
                    } else if !cur.text.is_empty() {
                        cur.text.push('\n');
                    }
                    continue;
                }
                if is_block(&node.name) || self_drop != Drop::Keep {
                    brs = 0;
                    match self_drop {
                        Drop::Hard => hard += 1,
                        Drop::Soft => soft += 1,
                        Drop::Keep => {}
                    }
                    owners.push(n);
                    flush(&mut cur, &mut blocks, n, idx, soft > 0, doc);
                } else if node.name == local_name!("a") {
                    link += 1;
                }
                if node.name == local_name!("pre") {
                    pre += 1;
                }
                if node.name == local_name!("img") && !cur.text.is_empty() && !cur.text.ends_with(' ') {
                    cur.text.push(' ');
                }
            }
            Item::Close(n) => {
                let Some(node) = doc.node(n) else { continue };
                if node.name == local_name!("br") {
                    continue;
                }
                let self_drop = match node.drop {
                    Drop::Hard => Drop::Hard,
                    Drop::Soft if !relaxed => Drop::Soft,
                    _ => Drop::Keep,
                };
                if is_block(&node.name) || self_drop != Drop::Keep {
                    brs = 0;
                    if owners.last() == Some(&n) {
                        owners.pop();
                    }
                    let o = owners.last().copied().unwrap_or(0);
                    flush(&mut cur, &mut blocks, o, idx, soft > 0, doc);
                    match self_drop {
                        Drop::Hard => hard = hard.saturating_sub(1),
                        Drop::Soft => {
                            soft = soft.saturating_sub(1);
                            cur.soft = soft > 0;
                        }
                        Drop::Keep => {}
                    }
                } else if node.name == local_name!("a") {
                    link = link.saturating_sub(1);
                }
                if node.name == local_name!("pre") {
                    pre = pre.saturating_sub(1);
                }
            }
            Item::Text(a, b) => {
                if hard > 0 {
                    continue;
                }
                let s = doc.text_of((a, b));
                if s.trim().is_empty() {
                    if !cur.text.is_empty() && !cur.text.ends_with([' ', '\n']) {
                        cur.text.push(' ');
                    }
                    continue;
                }
                brs = 0;
                if pre > 0 {
                    cur.text.push_str(s);
                } else {
                    push_collapsed(&mut cur.text, s);
                }
                if link > 0 {
                    cur.link_chars += s.chars().filter(|c| !c.is_whitespace()).count() as u32;
                }
            }
        }
    }
    flush(&mut cur, &mut blocks, 0, doc.items.len() as u32, false, doc);
    blocks
}

// ---------------------------------------------------------------------------
// Choosing the article.

struct Body {
    paragraphs: Vec<String>,
    chars: u32,
    container: Option<u32>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Stat {
    chars: u32,
    link_chars: u32,
    commas: u32,
    /// Blocks that look like paragraphs of prose.
    paras: u32,
    /// Short or link-dominated blocks.
    shorts: u32,
    score: f32,
    scored: bool,
}

fn tag_score(name: &LocalName) -> f32 {
    match *name {
        local_name!("div") | local_name!("article") | local_name!("main") | local_name!("section") => 5.0,
        local_name!("pre") | local_name!("td") | local_name!("blockquote") => 3.0,
        local_name!("address")
        | local_name!("ol")
        | local_name!("ul")
        | local_name!("dl")
        | local_name!("dd")
        | local_name!("dt")
        | local_name!("li")
        | local_name!("form") => -3.0,
        local_name!("h1")
        | local_name!("h2")
        | local_name!("h3")
        | local_name!("h4")
        | local_name!("h5")
        | local_name!("h6")
        | local_name!("th") => -5.0,
        _ => 0.0,
    }
}

fn select(doc: &Doc, all: &[Block], relaxed: bool) -> Body {
    let n = doc.nodes.len();
    let mut stats = vec![Stat::default(); n];
    let blocks: Vec<&Block> = all.iter().filter(|b| !b.soft).collect();
    // subtree totals
    for b in &blocks {
        let mut cur = Some(b.node);
        let is_para = b.chars >= 60 && (b.link_chars as f32) < 0.3 * b.chars as f32;
        let mut guard = 0;
        while let Some(c) = cur {
            if let Some(s) = stats.get_mut(c as usize) {
                s.chars += b.chars;
                s.link_chars += b.link_chars;
                s.commas += b.commas;
                if is_para {
                    s.paras += 1;
                } else {
                    s.shorts += 1;
                }
            }
            cur = doc.parent(c);
            guard += 1;
            if guard > MAX_DEPTH + 2 {
                break;
            }
        }
    }
    // readability's content scores
    for b in &blocks {
        if b.chars < 25 || b.heading {
            continue;
        }
        let ld = b.link_chars as f32 / b.chars.max(1) as f32;
        if ld > 0.5 {
            continue;
        }
        let content = 1.0 + b.commas as f32 + (b.chars as f32 / 100.0).floor().min(3.0);
        let mut anc = doc.parent(b.node);
        // A block held directly by a container (text in a div) scores it as
        // well, as readability does for divs turned into paragraphs.
        let owner_is_para = doc.node(b.node).is_some_and(|n| {
            matches!(
                n.name,
                local_name!("p")
                    | local_name!("pre")
                    | local_name!("td")
                    | local_name!("li")
                    | local_name!("blockquote")
            ) || is_heading(&n.name)
        });
        if !owner_is_para {
            anc = Some(b.node);
        }
        let mut level = 0;
        while let (Some(a), true) = (anc, level < 5) {
            let Some(node) = doc.node(a) else { break };
            if let Some(s) = stats.get_mut(a as usize) {
                if !s.scored {
                    s.scored = true;
                    s.score = tag_score(&node.name) + node.weight as f32;
                }
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                s.score += content / div;
            }
            anc = doc.parent(a);
            level += 1;
        }
    }
    let final_score = |i: usize| -> f32 {
        let s = stats.get(i).copied().unwrap_or_default();
        if !s.scored {
            return f32::MIN;
        }
        let ld = s.link_chars as f32 / s.chars.max(1) as f32;
        s.score * (1.0 - ld)
    };
    let mut ranked: Vec<(f32, usize)> = (1..n)
        .filter(|&i| stats.get(i).is_some_and(|s| s.scored))
        .filter(|&i| doc.nodes.get(i).is_some_and(|nd| nd.drop == Drop::Keep || (relaxed && nd.drop == Drop::Soft)))
        .map(|i| (final_score(i), i))
        .collect();
    // A candidate holds at least one paragraph of prose, when any does: a
    // title box with an article class must not beat the article.
    if ranked.iter().any(|&(_, i)| stats.get(i).is_some_and(|s| s.paras > 0)) {
        ranked.retain(|&(_, i)| stats.get(i).is_some_and(|s| s.paras > 0));
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    let Some(&(top_score, top)) = ranked.first() else {
        return Body { paragraphs: Vec::new(), chars: 0, container: None };
    };
    let mut top = top as u32;
    let mut top_score = top_score;

    // Several strong candidates under one ancestor: the article is split.
    let alts: Vec<u32> =
        ranked.iter().skip(1).take(5).filter(|(s, _)| *s >= 0.75 * top_score).map(|&(_, i)| i as u32).collect();
    if alts.len() >= 3 {
        let mut p = doc.parent(top);
        while let Some(pp) = p {
            if pp == 0 {
                break;
            }
            let covered = alts.iter().filter(|&&a| is_ancestor(doc, pp, a)).count();
            if covered >= 3 {
                top = pp;
                top_score = final_score(pp as usize);
                break;
            }
            p = doc.parent(pp);
        }
    }
    // Climb while the parent holds most of the same text (wrappers).
    let mut guard = 0;
    while let Some(p) = doc.parent(top) {
        guard += 1;
        if p == 0 || guard > MAX_DEPTH {
            break;
        }
        let (sc, sp) =
            (stats.get(top as usize).copied().unwrap_or_default(), stats.get(p as usize).copied().unwrap_or_default());
        let ps = final_score(p as usize);
        let wrapper = sp.chars.saturating_sub(sc.chars) < sc.chars / 10 + 20 && sp.link_chars <= sc.link_chars + 40;
        if wrapper || ps > top_score {
            top = p;
            if ps > top_score {
                top_score = ps;
            }
        } else {
            break;
        }
    }

    // Siblings of the top candidate that continue the article.
    let threshold = (top_score * 0.2).max(10.0);
    let mut containers = vec![top];
    if let Some(parent) = doc.parent(top) {
        let top_hints = doc.node(top).map(|t| doc.pool_str(t.hints).trim()).unwrap_or("");
        let mut sibs = Vec::new();
        if let Some(pn) = doc.node(parent) {
            let mut i = pn.start as usize + 1;
            let end = pn.end as usize;
            while i < end {
                match doc.items.get(i) {
                    Some(Item::Open(c)) => {
                        let Some(cn) = doc.node(*c) else { break };
                        if *c != top && (cn.drop == Drop::Keep || (relaxed && cn.drop == Drop::Soft)) {
                            sibs.push(*c);
                        }
                        i = cn.end as usize + 1;
                    }
                    Some(_) => i += 1,
                    None => break,
                }
            }
        }
        for c in sibs {
            let Some(cn) = doc.node(c) else { continue };
            let s = stats.get(c as usize).copied().unwrap_or_default();
            if s.chars == 0 {
                continue;
            }
            let mut bonus = 0.0;
            if !top_hints.is_empty() && doc.pool_str(cn.hints).trim() == top_hints {
                bonus = top_score * 0.2;
            }
            let ld = s.link_chars as f32 / s.chars.max(1) as f32;
            let sc = if s.scored { final_score(c as usize) } else { 0.0 };
            let text_ok = cn.name == local_name!("p")
                && ((s.chars > 80 && ld < 0.25) || (s.chars > 0 && ld == 0.0 && s.commas + 1 > 0 && s.chars > 30));
            if sc + bonus >= threshold || text_ok {
                containers.push(c);
            }
        }
    }
    containers.sort_by_key(|&c| doc.node(c).map(|n| n.start).unwrap_or(0));

    // Conditional cleaning inside the containers: sub-containers that are
    // link lists, teasers, or otherwise look like chrome.
    // `removed` stays sorted and non-overlapping: containers are disjoint and
    // in document order, and a removed element's inside is skipped.
    let mut removed: Vec<(u32, u32)> = Vec::new();
    for &c in &containers {
        let Some(cn) = doc.node(c) else { continue };
        let mut i = cn.start + 1;
        while i < cn.end {
            let here = i;
            i += 1;
            let Some(Item::Open(x)) = doc.items.get(here as usize) else { continue };
            let Some(xn) = doc.node(*x) else { continue };
            if !matches!(
                xn.name,
                local_name!("div")
                    | local_name!("section")
                    | local_name!("ul")
                    | local_name!("ol")
                    | local_name!("table")
                    | local_name!("dl")
                    | local_name!("aside")
                    | local_name!("header")
                    | local_name!("footer")
            ) {
                continue;
            }
            if remove_conditionally(doc, xn, stats.get(*x as usize).copied().unwrap_or_default()) {
                removed.push((xn.start, xn.end));
                i = i.max(xn.end);
            }
        }
    }
    let in_removed = |at: u32| {
        let k = removed.partition_point(|&(a, _)| a <= at);
        k > 0 && removed.get(k - 1).is_some_and(|&(_, e)| at < e)
    };

    let mut paragraphs = Vec::new();
    let mut chars = 0;
    let mut kept: Vec<&Block> = Vec::new();
    for b in &blocks {
        let inside = containers.iter().any(|&c| doc.node(c).is_some_and(|cn| cn.start <= b.at && b.at < cn.end));
        if !inside || in_removed(b.at) {
            continue;
        }
        let ld = b.link_chars as f32 / b.chars.max(1) as f32;
        if ld > 0.5 && b.chars < 400 {
            continue;
        }
        kept.push(*b);
    }
    // Short fragments at the edges of the article, before its first or
    // after its last sentence of prose, are chrome: "Advert", "comments",
    // "Updated at 1:23", a rubric label. List items are kept.
    let fragment = |b: &Block| {
        let in_list = doc.node(b.node).is_some_and(|n| matches!(n.name, local_name!("li") | local_name!("dd")));
        b.chars < EDGE_FRAGMENT && !in_list && !ends_sentence(&b.text)
    };
    let first = kept.iter().position(|b| !fragment(b)).unwrap_or(kept.len());
    let last = kept.iter().rposition(|b| !fragment(b)).map(|i| i + 1).unwrap_or(first).max(first);
    for b in kept.get(first..last).unwrap_or(&[]) {
        chars += b.chars;
        paragraphs.push(b.text.clone());
    }
    Body { paragraphs, chars, container: Some(top) }
}

/// Blocks shorter than this (non-space chars) at the article's edges are
/// dropped unless they end a sentence.
const EDGE_FRAGMENT: u32 = 40;

fn ends_sentence(t: &str) -> bool {
    t.trim_end().ends_with(['.', '!', '?', '…', '"', '»', '”', '\'', ')'])
}

fn is_ancestor(doc: &Doc, anc: u32, node: u32) -> bool {
    match (doc.node(anc), doc.node(node)) {
        (Some(a), Some(n)) => a.start < n.start && n.end <= a.end,
        _ => false,
    }
}

/// readability's `_cleanConditionally`, simplified: a sub-container of the
/// article is dropped when its weight is negative, or when it has few commas
/// and is made of links or short items.
fn remove_conditionally(doc: &Doc, node: &Node, s: Stat) -> bool {
    if s.chars == 0 {
        return false;
    }
    let weight = node.weight;
    if weight < 0 && s.paras <= 1 {
        return true;
    }
    if s.commas >= 10 {
        return false;
    }
    let ld = s.link_chars as f32 / s.chars.max(1) as f32;
    let is_list = matches!(node.name, local_name!("ul") | local_name!("ol") | local_name!("dl"));
    if (weight < 25 && ld > 0.3) || ld > 0.5 {
        return true;
    }
    if !is_list && s.paras == 0 && s.shorts >= 3 && ld > 0.15 {
        return true;
    }
    let _ = doc;
    false
}

// ---------------------------------------------------------------------------
// Output.

fn finish_body(paragraphs: &[String], title: Option<&str>) -> String {
    let mut out = String::new();
    let norm_title = title.map(normalize_title);
    for (i, p) in paragraphs.iter().enumerate() {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        // the headline repeated at the top of the article
        if i < 3 && norm_title.as_deref().is_some_and(|t| !t.is_empty() && normalize_title(p) == t) {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        // lines inside a paragraph (single <br>)
        let mut first = true;
        for line in p.split('\n') {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if !first {
                out.push('\n');
            }
            out.push_str(line);
            first = false;
        }
    }
    out
}

fn normalize_title(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

// ---------------------------------------------------------------------------
// Metadata.

struct Meta {
    title: Option<String>,
    published: Option<NaiveDate>,
    author: Option<String>,
    site_name: Option<String>,
}

fn meta_value<'a>(doc: &'a Doc, keys: &[&str]) -> Option<&'a str> {
    for k in keys {
        if let Some((_, v)) = doc.metas.iter().find(|(mk, _)| mk == k) {
            return Some(v.as_str());
        }
    }
    None
}

fn clean_line(s: &str) -> String {
    let mut out = String::new();
    push_collapsed(&mut out, s);
    out.trim().to_string()
}

fn metadata(doc: &Doc, blocks: &[Block], container: Option<u32>) -> Meta {
    let ld = ld_fields(doc);
    let site_name = meta_value(doc, &["og:site_name", "application-name", "twitter:site"])
        .map(clean_line)
        .filter(|s| !s.starts_with('@') || s.len() > 1)
        .map(|s| s.trim_start_matches('@').to_string())
        .or_else(|| ld.publisher.clone())
        .filter(|s| !s.is_empty());

    let h1 = first_h1(doc, container);
    let title = meta_value(doc, &["og:title", "twitter:title"])
        .map(clean_line)
        .map(|t| strip_site_suffix(&t, site_name.as_deref()))
        .or_else(|| ld.headline.clone())
        .or_else(|| h1.clone())
        .or_else(|| {
            let t = clean_line(&doc.title);
            (!t.is_empty()).then(|| strip_site_suffix(&t, site_name.as_deref()))
        })
        .filter(|t| !t.is_empty());

    let published = published_date(doc, blocks, container, &ld);
    let author =
        meta_value(doc, &["author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author"])
            .map(clean_line)
            .filter(|a| {
                !a.contains("://")
                    && !a.is_empty()
                    && a.chars().count() < 80
                    && !a.eq_ignore_ascii_case("admin")
                    && !a.eq_ignore_ascii_case("administrator")
            })
            .or_else(|| ld.author.clone())
            .or_else(|| itemprop_text(doc, "author", container))
            .or_else(|| byline(doc, container))
            .map(|a| {
                let t = a.trim();
                let lower = t.to_lowercase();
                for p in ["by ", "автор:", "автор ", "авторы:", "авторы ", "авторы", "автор"]
                {
                    if lower.starts_with(p) {
                        return t.get(p.len()..).unwrap_or(t).trim().to_string();
                    }
                }
                t.to_string()
            })
            .filter(|a| !a.is_empty());
    Meta { title, published, author, site_name }
}

fn strip_site_suffix(t: &str, site: Option<&str>) -> String {
    let t = t.trim();
    for sep in [" | ", " - ", " — ", " – ", " :: ", " / ", " « ", " » ", " · "] {
        if let Some(pos) = t.rfind(sep) {
            let (head, tail) = (t.get(..pos).unwrap_or(t), t.get(pos + sep.len()..).unwrap_or(""));
            let tail_is_site = site.is_some_and(|s| normalize_title(s) == normalize_title(tail))
                || (tail.chars().count() <= 30 && head.chars().count() > 2 * tail.chars().count());
            if tail_is_site && !head.trim().is_empty() {
                return strip_site_suffix(head, site);
            }
            // "Site | Title"
            if let Some(pos) = t.find(sep) {
                let (head, tail) = (t.get(..pos).unwrap_or(""), t.get(pos + sep.len()..).unwrap_or(t));
                if site.is_some_and(|s| normalize_title(s) == normalize_title(head)) && !tail.trim().is_empty() {
                    return tail.trim().to_string();
                }
            }
        }
    }
    t.to_string()
}

fn first_h1(doc: &Doc, container: Option<u32>) -> Option<String> {
    // The h1 nearest before or inside the article container is the headline;
    // fall back to the first h1 of the page.
    let mut best: Option<(bool, u32)> = None;
    let cstart = container.and_then(|c| doc.node(c)).map(|c| (c.start, c.end));
    for (i, n) in doc.nodes.iter().enumerate() {
        if n.name != local_name!("h1") || n.drop == Drop::Hard {
            continue;
        }
        let near = cstart.is_some_and(|(s, e)| n.start < e && (n.start >= s || s - n.start < 2000));
        match best {
            None => best = Some((near, i as u32)),
            Some((false, _)) if near => best = Some((near, i as u32)),
            _ => {}
        }
    }
    best.map(|(_, i)| doc.subtree_text(i)).filter(|t| !t.is_empty() && t.chars().count() < 400)
}

#[derive(Default)]
struct LdFields {
    published: Option<NaiveDate>,
    author: Option<String>,
    publisher: Option<String>,
    headline: Option<String>,
}

fn ld_regexes() -> &'static [Regex; 4] {
    static R: OnceLock<[Regex; 4]> = OnceLock::new();
    R.get_or_init(|| {
        [
            Regex::new(r#""datePublished"\s*:\s*"([^"]{8,40})""#).unwrap_or_else(|_| never()),
            Regex::new(r#""author"\s*:\s*(?:\[\s*)?(?:\{[^{}]*?"name"\s*:\s*"([^"]{2,100})"|"([^"]{2,100})")"#)
                .unwrap_or_else(|_| never()),
            Regex::new(r#""publisher"\s*:\s*\{[^{}]*?"name"\s*:\s*"([^"]{2,100})""#).unwrap_or_else(|_| never()),
            Regex::new(r#""headline"\s*:\s*"((?:[^"\\]|\\.){2,400})""#).unwrap_or_else(|_| never()),
        ]
    })
}

fn unescape_json(s: &str) -> String {
    // the common escapes; \uXXXX decoded when valid
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') | Some('r') | Some('t') => out.push(' '),
            Some('u') => {
                let hex: String = it.by_ref().take(4).collect();
                if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    out.push(ch);
                }
            }
            Some(o) => out.push(o),
            None => {}
        }
    }
    clean_line(&out)
}

fn ld_fields(doc: &Doc) -> LdFields {
    let mut f = LdFields::default();
    let [date, author, publisher, headline] = ld_regexes();
    for s in &doc.ld_json {
        if f.published.is_none() {
            f.published = date.captures(s).and_then(|c| c.get(1)).and_then(|m| parse_date_value(m.as_str()));
        }
        if f.author.is_none() {
            f.author = author
                .captures(s)
                .and_then(|c| c.get(1).or_else(|| c.get(2)))
                .map(|m| unescape_json(m.as_str()))
                .filter(|a| !a.contains("://") && !a.is_empty());
        }
        if f.publisher.is_none() {
            f.publisher = publisher.captures(s).and_then(|c| c.get(1)).map(|m| unescape_json(m.as_str()));
        }
        if f.headline.is_none() {
            f.headline = headline.captures(s).and_then(|c| c.get(1)).map(|m| unescape_json(m.as_str()));
        }
    }
    f
}

fn itemprop_text(doc: &Doc, prop: &str, container: Option<u32>) -> Option<String> {
    let mut found = None;
    for (i, n) in doc.nodes.iter().enumerate() {
        if n.drop == Drop::Hard || !doc.pool_str(n.itemprop).split_whitespace().any(|p| p.eq_ignore_ascii_case(prop)) {
            continue;
        }
        let v = doc.pool_str(n.value).trim();
        let t = if !v.is_empty() { v.to_string() } else { doc.subtree_text(i as u32) };
        if t.is_empty() || t.chars().count() > 100 {
            continue;
        }
        let near = container.is_some_and(|c| near_container(doc, c, n.start));
        if near {
            return Some(t);
        }
        found.get_or_insert(t);
    }
    found
}

/// Whether a node sits in page chrome (site header, top bar, weather or
/// currency widget, menu, sidebar, footer) rather than in the article or its
/// own header: its ancestors are checked up to the article container.
fn in_page_chrome(doc: &Doc, node: u32, container: u32) -> bool {
    let re = page_chrome_regex();
    let mut cur = Some(node);
    let mut guard = 0;
    while let Some(c) = cur {
        if c == container || c == 0 || is_ancestor(doc, c, container) || guard > MAX_DEPTH {
            return false;
        }
        let Some(n) = doc.node(c) else { return false };
        if n.drop == Drop::Hard
            || matches!(n.name, local_name!("nav") | local_name!("footer") | local_name!("aside"))
            || (n.name == local_name!("header") && !is_ancestor(doc, container, c))
            || re.is_match(doc.pool_str(n.hints))
        {
            return true;
        }
        cur = doc.parent(c);
        guard += 1;
    }
    false
}

fn page_chrome_regex() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(^|[\s_-])(header|top|topbar|top-?line|masthead|weather|currency|rates|sidebar|footer|menu|nav|navbar|widgets?|today|date-?now|current-?date|clock|teasers?|related|popular|comments?)($|[\s_-])",
        )
        .unwrap_or_else(|_| never())
    })
}

/// Whether an item index is inside the article container, or just before it
/// within its parent (a header above the text).
fn near_container(doc: &Doc, c: u32, at: u32) -> bool {
    let Some(cn) = doc.node(c) else { return false };
    if cn.start <= at && at < cn.end {
        return true;
    }
    // the container's ancestors up to two levels, from their start to the
    // container's end
    let mut p = doc.parent(c);
    for _ in 0..3 {
        let Some(pp) = p else { break };
        if pp == 0 {
            break;
        }
        if let Some(pn) = doc.node(pp) {
            if pn.start <= at && at < cn.end && pn.drop != Drop::Hard && pn.name != local_name!("body") {
                return true;
            }
        }
        p = doc.parent(pp);
    }
    false
}

fn byline(doc: &Doc, container: Option<u32>) -> Option<String> {
    let c = container?;
    let re = byline_regex();
    for (i, n) in doc.nodes.iter().enumerate() {
        if n.drop == Drop::Hard {
            continue;
        }
        let h = doc.pool_str(n.hints);
        // a cheap test first: the regex only where it can match
        let maybe = h.contains("author") || h.contains("byline") || h.contains("avtor");
        if !maybe || !near_container(doc, c, n.start) || !re.is_match(h) {
            continue;
        }
        let t = doc.subtree_text(i as u32);
        let words = t.split_whitespace().count();
        if (1..=6).contains(&words) && !t.chars().any(|c| c.is_ascii_digit()) {
            return Some(t);
        }
    }
    None
}

fn byline_regex() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"(^|[\s_-])(byline|author|author-?name|article-?author|post-?author|avtor)($|[\s_-])")
            .unwrap_or_else(|_| never())
    })
}

fn published_date(doc: &Doc, blocks: &[Block], container: Option<u32>, ld: &LdFields) -> Option<NaiveDate> {
    let from_meta = meta_value(
        doc,
        &[
            "article:published_time",
            "og:published_time",
            "og:article:published_time",
            "published_time",
            "datepublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "publish_date",
            "date",
            "dc.date.issued",
            "dc.date",
            "dcterms.created",
            "sailthru.date",
            "parsely-pub-date",
            "article.published",
            "mediator_published_time",
        ],
    )
    .and_then(parse_date_value);
    if from_meta.is_some() {
        return from_meta;
    }
    if ld.published.is_some() {
        return ld.published;
    }
    // itemprop=datePublished anywhere (it is the article's by definition)
    for (i, n) in doc.nodes.iter().enumerate() {
        if doc.pool_str(n.itemprop).eq_ignore_ascii_case("datePublished") {
            let v = doc.pool_str(n.value);
            if let Some(d) = parse_date_value(v).or_else(|| parse_date_text(&doc.subtree_text(i as u32))) {
                return Some(d);
            }
        }
    }
    let c = container?;
    // <time datetime> near the article, not in the page chrome
    for (i, n) in doc.nodes.iter().enumerate() {
        if n.name != local_name!("time")
            || n.drop == Drop::Hard
            || !near_container(doc, c, n.start)
            || in_page_chrome(doc, i as u32, c)
        {
            continue;
        }
        if let Some(d) =
            parse_date_value(doc.pool_str(n.value)).or_else(|| parse_date_text(&doc.subtree_text(i as u32)))
        {
            return Some(d);
        }
    }
    // a dateline: a short block near the article's start
    let cn = doc.node(c)?;
    for b in blocks {
        if b.chars > 80 || !near_container(doc, c, b.at) || in_page_chrome(doc, b.node, c) {
            continue;
        }
        if b.at > cn.start.saturating_add(400) && b.at < cn.end.saturating_sub(200) {
            continue;
        }
        if let Some(d) = plausible(crate::dateline::publication_date(&b.text)) {
            return Some(d);
        }
    }
    None
}

/// A machine-readable date: ISO 8601 (`2024-03-12`, `2024-03-12T10:00+05:00`),
/// or `12.03.2024`.
pub(crate) fn parse_date_value(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let re = date_regexes();
    if let Some(c) = re.0.captures(s) {
        let y = c.get(1)?.as_str().parse().ok()?;
        let m = c.get(2)?.as_str().parse().ok()?;
        let d = c.get(3)?.as_str().parse().ok()?;
        return plausible(NaiveDate::from_ymd_opt(y, m, d));
    }
    parse_date_text(s)
}

/// A date written in text: ISO, `12.03.2024`, or with a month name in
/// Russian, Kazakh or English (through [`crate::dateline`]).
fn parse_date_text(s: &str) -> Option<NaiveDate> {
    let re = date_regexes();
    if let Some(c) = re.0.captures(s) {
        let y = c.get(1)?.as_str().parse().ok()?;
        let m = c.get(2)?.as_str().parse().ok()?;
        let d = c.get(3)?.as_str().parse().ok()?;
        return plausible(NaiveDate::from_ymd_opt(y, m, d));
    }
    plausible(crate::dateline::parse_date(s, None))
}

fn plausible(d: Option<NaiveDate>) -> Option<NaiveDate> {
    d.filter(|d| (1990..=2100).contains(&chrono::Datelike::year(d)))
}

fn date_regexes() -> &'static (Regex,) {
    static R: OnceLock<(Regex,)> = OnceLock::new();
    R.get_or_init(|| (Regex::new(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)").unwrap_or_else(|_| never()),))
}
