//! The article block of a scraped plain-text page.
//!
//! A crawler's text keeps everything the page showed, one element per line:
//! menus and breadcrumbs, weather and currency widgets, the header's "today",
//! counters, the article, its byline, share and subscribe prompts, comment
//! forms and lists of other news. [`clean`] keeps the article: from its
//! headline to its last sentence, one paragraph per line.
//!
//! Each line is classified on its own first: chrome named in
//! `data/clean/boilerplate.tsv` (navigation, teaser headers, "read also",
//! subscribe prompts, credits, counters, breadcrumb roots), and chrome
//! recognised by its shape (lines of numbers, dates and counter words, weather
//! and currency widgets, calendars, language switchers, single tokens, image
//! names, tag rows). The article is anchored on the first line of prose (a
//! sentence end and enough words); its headline is looked for just above it
//! (a line repeated as a caption or glued to the lead wins, else the first
//! heading-like line). From there lines are kept until a teaser header or a
//! prompt cuts the page, once the article has started; short lines after the
//! last sentence are a byline (→ `author`), credits or tags, and go.

use crate::{dateline, Article};
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::collections::HashSet;
use std::sync::OnceLock;

const BOILERPLATE_TSV: &str = include_str!("../../../data/clean/boilerplate.tsv");

/// The chrome lists of `boilerplate.tsv` and the shape patterns, built once.
struct Chrome {
    nav: HashSet<String>,
    cut: HashSet<String>,
    readalso: Vec<String>,
    promo: AhoCorasick,
    prefix: Vec<String>,
    label: Vec<String>,
    meta: HashSet<String>,
    crumb: Vec<String>,
    /// `Screenshot_2017-09-09-1`, `204-3-2` glued to the text that follows.
    glued_id: Regex,
    /// An image's alt text with a count: `китайцы (1)`.
    alt_count: Regex,
    /// A temperature at the end of a short line: `-10 C`, `Атырау +24`.
    temperature: Regex,
    /// A domain name alone: `zhaikpress.kz`.
    domain: Regex,
}

fn chrome() -> &'static Chrome {
    static CHROME: OnceLock<Chrome> = OnceLock::new();
    CHROME.get_or_init(|| {
        let mut nav = HashSet::new();
        let mut cut = HashSet::new();
        let mut readalso = Vec::new();
        let mut promo = Vec::new();
        let mut prefix = Vec::new();
        let mut label = Vec::new();
        let mut meta = HashSet::new();
        let mut crumb = Vec::new();
        for line in BOILERPLATE_TSV.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(kind), Some(phrase)) = (cols.first(), cols.get(2)) else { continue };
            let phrase = key(phrase);
            if phrase.is_empty() {
                continue;
            }
            match *kind {
                "nav" => {
                    nav.insert(phrase);
                }
                "cut" => {
                    cut.insert(phrase);
                }
                "readalso" => readalso.push(phrase),
                "promo" => promo.push(phrase),
                // keep a trailing ':' of credit prefixes ("фото:" and "фото")
                "prefix" => prefix.push(cols[2].trim().to_lowercase()),
                "label" => label.push(phrase),
                "meta" => {
                    meta.insert(phrase);
                }
                "crumb" => crumb.push(phrase),
                _ => {}
            }
        }
        // Longer phrases first, so that "басты бет" wins over "басты".
        crumb.sort_by_key(|c| std::cmp::Reverse(c.len()));
        readalso.sort_by_key(|c| std::cmp::Reverse(c.len()));
        let re = |p: &str| Regex::new(p).unwrap_or_else(|e| panic!("bad built-in pattern {p}: {e}"));
        Chrome {
            nav,
            cut,
            readalso,
            // matched on the line as written: lower, Capitalised and UPPER forms
            promo: AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(promo.iter().flat_map(|p| {
                    let mut cs = p.chars();
                    let cap: String = cs.next().into_iter().flat_map(char::to_uppercase).chain(cs).collect();
                    [p.clone(), cap, p.to_uppercase()]
                }))
                .unwrap_or_else(|e| panic!("promo phrases: {e}")),
            prefix,
            label,
            meta,
            crumb,
            glued_id: re(r"^((?:[A-Za-z]+_)?\d+(?:[_-]\d+)+)\p{Lu}"),
            alt_count: re(r"^[\p{L}\s-]{1,60}\(\d+\)$"),
            temperature: re(r"[+\-−–]\s?\d{1,2}\s*°?\s*[CСF]?$"),
            domain: re(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:kz|ru|com|org|net|uz|kg|info|tv|news|media|by|ua|mn|tr|cn)/?$"),
        }
    })
}

/// A line as compared with the phrase lists: lower case, `ё` as `е`, one
/// apostrophe, single spaces, no leading bullets, no trailing `:` `.` `!`.
fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            'ё' | 'Ё' => 'е',
            '‘' | '’' | 'ʻ' | 'ʼ' | '`' | '´' => '\'',
            _ => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    let t = out.trim_start_matches(|c: char| {
        matches!(c, '•' | '-' | '–' | '—' | '*' | '#' | '>' | '·' | '|' | '«' | '"' | ' ')
    });
    t.trim_end_matches([':', '.', '!', '…', '»', '>', '|', ',', '"', '›', ' ']).to_string()
}

/// What a line's shape says about it.
#[derive(Debug, Clone, Copy, Default)]
struct Feat {
    /// Words with letters.
    words: usize,
    /// Of them, words starting with a lower-case letter.
    lower: usize,
    /// Running prose: a sentence end and five words, or twenty words.
    sentence: bool,
    /// A headline's shape: 2–30 words, no final full stop, not prose.
    heading: bool,
    /// A person's name alone: `Мадина ТАЛИПОВА`, `Жанна Балыкова,`.
    name: bool,
    /// Ends in `...`: a teaser's snippet.
    ellipsis: bool,
}

fn features(t: &str) -> Feat {
    let mut words = 0;
    let mut lower = 0;
    for w in t.split_whitespace() {
        if let Some(c) = w.chars().find(|c| c.is_alphabetic()) {
            words += 1;
            if c.is_lowercase() {
                lower += 1;
            }
        }
    }
    let core = t.trim_end_matches(['"', '»', '”', '’', ')', ']', '\'', ' ']);
    let last = core.chars().next_back();
    let terminal = matches!(last, Some('.' | '!' | '?' | '…'));
    let sentence = (terminal && words >= 5) || words >= 20;
    let heading = !sentence && last != Some('.') && (2..=30).contains(&words) && t.chars().count() >= 8;
    Feat {
        words, lower, sentence, heading, name: name_like(t), ellipsis: core.ends_with("...") || core.ends_with('…')
    }
}

/// Two or three capitalised words of letters (two in Latin script), with an
/// optional final comma or dot: a byline.
fn name_like(t: &str) -> bool {
    let t = t.trim_end_matches([',', '.', ' ']);
    if t.len() > 80 || !(2..=3).contains(&t.split_whitespace().count()) {
        return false;
    }
    let parts: Vec<&str> = t.split_whitespace().collect();
    if !(2..=3).contains(&parts.len()) {
        return false;
    }
    let latin = parts.iter().any(|p| p.chars().any(|c| c.is_ascii_alphabetic()));
    if latin && parts.len() != 2 {
        return false;
    }
    // "SUBSCRIBE NOW", "MOTO GP": a name has a word in lower case after its capital
    if !parts.iter().any(|p| p.chars().skip(1).any(char::is_lowercase)) {
        return false;
    }
    parts.iter().all(|p| {
        let mut cs = p.chars();
        cs.next().is_some_and(|c| c.is_uppercase())
            && p.chars().count() >= 2
            && p.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
            && dateline::month_number(p).is_none()
    })
}

/// The kind of a line.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Blank,
    /// Chrome: dropped wherever it is.
    Junk,
    /// A teaser header, a prompt or a comment form: the page after it is not
    /// the article's, once the article has started.
    Cut,
    /// A subscribe or share prompt, a comment form: the article is over
    /// unless prose follows at once (a prompt boxed inside the text).
    Prompt,
    /// "Read also": alone on its line (`inline` false) a link follows it.
    ReadAlso {
        inline: bool,
    },
    /// An author label, with the name when it is on the same line.
    Label(Option<String>),
    Text,
}

/// A line of the page, whitespace collapsed.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    /// Had a run of three or more spaces inside (tag rows are laid out so).
    gappy: bool,
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}')
}

fn collapse(s: &str) -> (String, bool) {
    let mut out = String::with_capacity(s.len());
    let mut run = 0usize;
    let mut gappy = false;
    for c in s.chars() {
        if is_space(c) {
            run += 1;
            continue;
        }
        if run > 0 && !out.is_empty() {
            out.push(' ');
            gappy |= run >= 3;
        }
        run = 0;
        out.push(c);
    }
    (out, gappy)
}

/// Lines of the page with glued junk taken off their start (a URL or an image
/// name glued to the first word), hard-wrapped lines joined.
fn prepare(text: &str, ch: &Chrome) -> Vec<Option<Line>> {
    let mut out: Vec<Option<Line>> = Vec::new();
    // "\r\n" and "\n" end lines; a lone "\r" only where there is no "\n"
    let sep = if text.contains('\n') { '\n' } else { '\r' };
    for raw in text.split(sep) {
        let (mut t, gappy) = collapse(raw);
        if t.is_empty() {
            if out.last().is_some_and(Option::is_some) {
                out.push(None);
            }
            continue;
        }
        // https://www.youtube.com/watch?v=hQiI1f2KuOcҚытайда ...
        if t.starts_with("http") {
            if let Some(end) = t.find(|c: char| !c.is_ascii() || c == ' ') {
                if t[end..].starts_with(char::is_alphabetic) {
                    t = t[end..].to_string();
                }
            }
        }
        if let Some(m) = ch.glued_id.captures(&t).and_then(|c| c.get(1)) {
            t = t[m.end()..].to_string();
        }
        let joins = match out.last() {
            Some(Some(prev)) => {
                let last = prev.text.chars().next_back();
                t.starts_with(|c: char| c.is_lowercase())
                    && prev.text.len() >= 25
                    && prev.text.split_whitespace().count() >= 4
                    && !matches!(last, Some('.' | '!' | '?' | '…' | ':' | ';' | '»' | '"' | '”'))
            }
            _ => false,
        };
        if joins {
            if let Some(Some(prev)) = out.last_mut() {
                prev.text.push(' ');
                prev.text.push_str(&t);
                continue;
            }
        }
        out.push(Some(Line { text: t, gappy }));
    }
    out
}

/// Splits a line into word-like tokens (letters and digits), dropping punctuation.
fn tokens(t: &str) -> impl Iterator<Item = &str> {
    t.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’'))).filter(|w| !w.is_empty())
}

/// A line of numbers, symbols, dates, currency codes and counter words only:
/// `517.84 543.11 5.28`, `$ 442.05`, `396 рет`, `2 976 просмотров`, `28.10.2021`.
fn meta_only(t: &str, ch: &Chrome) -> bool {
    tokens(t).all(|w| {
        if !w.chars().any(char::is_alphabetic) || w.chars().count() <= 1 {
            return true;
        }
        let n = dateline::norm_word(w);
        ch.meta.contains(&n)
            || matches!(n.as_str(), "usd" | "eur" | "rub" | "kzt" | "cny" | "gbp" | "тг" | "руб")
            || dateline::is_weekday(&n)
            || dateline::month_number(&n).is_some()
    })
}

/// A short line holding a date or a time and little else: `21.12.2023, 14:00
/// 105 Оразай Жеңісұлы`, `Статьи 19 мар, 14:25`, `15 июля, 2021 / Знамя труда`.
fn date_line(t: &str, f: &Feat, ch: &Chrome) -> bool {
    if f.sentence || f.words > 16 || !t.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let time = dateline::has_time(t);
    let dates = dateline::find_dates(t, None);
    if !time && dates.is_empty() {
        return false;
    }
    let mut rest = String::with_capacity(t.len());
    let mut from = 0;
    for d in &dates {
        if let Some(s) = t.get(from..d.start) {
            rest.push_str(s);
            rest.push(' ');
        }
        from = d.end;
    }
    rest.push_str(t.get(from..).unwrap_or(""));
    let others = tokens(&rest)
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .filter(|w| {
            let n = dateline::norm_word(w);
            !ch.meta.contains(&n) && !dateline::is_weekday(&n) && dateline::month_number(&n).is_none()
        })
        .count();
    let separated = t.contains(['•', '|', '/', '·']);
    let full = dates.iter().any(|d| d.is_full());
    others <= 4 && (time || separated || others == 0 || (others == 1 && full))
}

/// The first `n` characters of `t`.
fn head(t: &str, n: usize) -> &str {
    t.char_indices().nth(n).map_or(t, |(i, _)| &t[..i])
}

fn classify(line: &Line, f: &Feat, ch: &Chrome) -> Kind {
    let t = line.text.as_str();
    if f.words > 40 {
        // only prose is that long; or a table row
        return if t.matches('|').count() >= 3 { Kind::Junk } else { Kind::Text };
    }
    // The phrase lists hold short lines; of a longer line its head is enough.
    let short = f.words <= 8;
    let k = if short { key(t) } else { key(head(t, 48)) };
    if k.is_empty() {
        return Kind::Junk;
    }
    if short && ch.nav.contains(&k) {
        return Kind::Junk;
    }
    if short && ch.cut.contains(&k) {
        return Kind::Cut;
    }
    for ra in &ch.readalso {
        if short && k == *ra {
            return Kind::ReadAlso { inline: false };
        }
        if k.starts_with(ra.as_str()) && k[ra.len()..].starts_with(':') && f.words <= 30 {
            return Kind::ReadAlso { inline: true };
        }
    }
    if ch.promo.is_match(t) {
        return Kind::Prompt;
    }
    for lb in &ch.label {
        if short && k == *lb {
            return Kind::Label(None);
        }
        if let Some(rest) = k.strip_prefix(lb.as_str()) {
            if rest.starts_with(':') || (rest.starts_with(' ') && lb == "by") {
                // the name as written, after the label
                let after = t.char_indices().nth(lb.chars().count()).map(|(i, _)| &t[i..]).unwrap_or("");
                let name = after.trim_start_matches([':', ' ']).trim();
                if name_like(name) {
                    return Kind::Label(Some(name.trim_end_matches([',', '.']).to_string()));
                }
                if rest.starts_with(':') && f.words <= 8 {
                    return Kind::Junk;
                }
            }
        }
    }
    // phrases of the prefix and crumb lists are short: the head of the line will do
    let lower: String = head(t, 48).chars().flat_map(char::to_lowercase).collect();
    for c in &ch.crumb {
        if let Some(rest) = lower.strip_prefix(c.as_str()) {
            // the same position in the original line, to see the case
            let orig = t.char_indices().nth(c.chars().count()).map(|(i, _)| &t[i..]).unwrap_or("");
            let glued = orig.starts_with(|ch: char| ch.is_uppercase());
            let sep = rest.trim_start().starts_with(['»', '>', '/', '|', '→', '•', '›']);
            if glued || sep {
                return Kind::Junk;
            }
        }
    }
    if f.words <= 12 {
        for p in &ch.prefix {
            if let Some(rest) = lower.strip_prefix(p.as_str()) {
                if p.ends_with(':') || rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric()) {
                    return Kind::Junk;
                }
            }
        }
    }
    if t.matches('|').count() >= 3 || meta_only(t, ch) || date_line(t, f, ch) {
        return Kind::Junk;
    }
    // weather widgets: "ясно жел 1 м/с, СШ", "-32°", "ясноВ Атырау +24"
    if f.words <= 8 && (t.contains("м/с") || t.contains("m/s") || t.contains('°')) {
        return Kind::Junk;
    }
    if f.words <= 4 && ch.temperature.is_match(t) {
        return Kind::Junk;
    }
    // language switchers and acronym rows: "KZ", "ҚАЗ | РУС | ENG"
    if tokens(t).all(|w| w.chars().count() <= 3 && w.chars().all(|c| c.is_uppercase())) {
        return Kind::Junk;
    }
    // single tokens: a city of the weather widget, an image name, "None", a domain
    if !t.contains(' ') {
        return Kind::Junk;
    }
    if ch.alt_count.is_match(t) {
        return Kind::Junk;
    }
    if line.gappy && !f.sentence && f.words <= 15 {
        return Kind::Junk;
    }
    Kind::Text
}

/// The headline without a button label glued to its end ("... болды Избранное").
fn clean_title(t: &str, ch: &Chrome) -> String {
    let t = t.trim();
    if let Some((head, last)) = t.rsplit_once(' ') {
        if head.split_whitespace().count() >= 3 && last.starts_with(char::is_uppercase) && ch.nav.contains(&key(last)) {
            return head.trim_end().to_string();
        }
    }
    t.to_string()
}

/// Cleans a scraped plain-text page: the article's headline, its body (from
/// the headline to its last sentence, paragraphs separated by a blank line),
/// the publication date of its dateline, and the author of its byline.
pub fn clean(raw: &str) -> Article {
    let ch = chrome();
    let published = dateline::publication_date(raw);
    let (_, text) = dateline::strip_date_prefix(raw);
    let prepared = prepare(text, ch);
    let n = prepared.len();
    let empty = Line { text: String::new(), gappy: false };
    let lines: Vec<&Line> = prepared.iter().map(|l| l.as_ref().unwrap_or(&empty)).collect();
    let feats: Vec<Feat> = lines.iter().map(|l| features(&l.text)).collect();
    let kinds: Vec<Kind> = prepared
        .iter()
        .zip(&feats)
        .map(|(l, f)| match l {
            Some(l) => classify(l, f, ch),
            None => Kind::Blank,
        })
        .collect();
    let is_text = |i: usize| kinds.get(i) == Some(&Kind::Text);
    let next_nonblank = |from: usize| (from..n).find(|&j| kinds[j] != Kind::Blank);

    let mut site_name = None;
    // an author named by a label ("Автор:", "By") beats one guessed from a name-shaped line
    let mut labelled: Option<String> = None;
    let mut author: Option<String> = None;
    for (l, k) in lines.iter().zip(&kinds) {
        if *k == Kind::Junk && site_name.is_none() && ch.domain.is_match(&l.text) {
            site_name = Some(l.text.trim_end_matches('/').to_string());
        }
    }

    // The first line of prose that opens a block of prose anchors the article:
    // a lone cookie notice or site motto above it does not.
    let prose = |i: usize| is_text(i) && feats[i].sentence && feats[i].words >= 8 && !feats[i].ellipsis;
    // words of prose in the six lines from i, and how many lines of prose
    let mass = |i: usize| -> (usize, usize) {
        (i..n)
            .filter(|&j| kinds[j] != Kind::Blank)
            .take(6)
            .filter(|&j| prose(j))
            .fold((0, 0), |(w, l), j| (w + feats[j].words, l + 1))
    };
    let anchor = (0..n)
        .filter(|&i| prose(i))
        .find(|&i| matches!(mass(i), (w, l) if w >= 60 && l >= 2))
        .or_else(|| (0..n).filter(|&i| prose(i)).max_by_key(|&i| (mass(i), std::cmp::Reverse(i))))
        .or_else(|| (0..n).find(|&i| is_text(i) && feats[i].sentence))
        .or_else(|| (0..n).find(|&i| is_text(i)));
    let Some(anchor) = anchor else {
        return Article { published, site_name, ..Default::default() };
    };

    // The lines just above it: the headline is there, after the chrome.
    let mut window = Vec::new();
    let mut seen = 0;
    let mut short_run = 0;
    for i in (0..anchor).rev() {
        match kinds[i] {
            // a category label ("Последние новости") may sit by the headline
            Kind::Blank | Kind::Cut | Kind::Prompt => continue,
            // a teaser's snippet: the lines above are other articles'
            Kind::Text if feats[i].sentence && feats[i].ellipsis => break,
            _ => {}
        }
        seen += 1;
        if seen > 10 {
            break;
        }
        if is_text(i) {
            if feats[i].words <= 3 && !feats[i].sentence {
                short_run += 1;
                if short_run >= 3 {
                    // a menu: none of its items is the headline
                    window.truncate(window.len().saturating_sub(2));
                    break;
                }
            } else {
                short_run = 0;
            }
            window.push(i);
        } else {
            short_run = 0;
        }
    }
    window.reverse();
    let candidates: Vec<usize> = window.iter().copied().filter(|&i| feats[i].heading && !feats[i].name).collect();
    let look_to = (anchor + 4).min(n);
    let repeated = |c: usize| {
        let t = lines[c].text.as_str();
        window.iter().copied().chain(anchor..look_to).any(|j| j != c && lines[j].text.starts_with(t))
    };
    let title_idx = candidates.iter().copied().find(|&c| repeated(c)).or_else(|| candidates.first().copied());
    let start = title_idx.unwrap_or_else(|| {
        // no headline: prose just above the anchor belongs to the article
        let mut s = anchor;
        for &w in window.iter().rev() {
            if feats[w].sentence {
                s = w;
            } else {
                break;
            }
        }
        s
    });
    // A one-sentence exclamation or question set off by a blank line opens
    // the page: a headline too ("Давняя дружба станет ещё крепче!").
    let title_idx = title_idx.or_else(|| {
        let t = lines[start].text.trim_end_matches(['"', '»', '”', ' ']);
        let one_sentence = !t.trim_end_matches(['!', '?']).contains(['.', '!', '?']);
        (is_text(start)
            && feats[start].words <= 15
            && t.ends_with(['!', '?'])
            && one_sentence
            && kinds.get(start + 1) == Some(&Kind::Blank))
        .then_some(start)
    });
    let title = title_idx.map(|i| clean_title(&lines[i].text, ch));

    // A byline or an author label above the article.
    for i in 0..start {
        match &kinds[i] {
            Kind::Label(Some(name)) => {
                labelled.get_or_insert_with(|| name.clone());
            }
            Kind::Label(None) => {
                if let Some(j) = next_nonblank(i + 1).filter(|&j| feats[j].name) {
                    labelled.get_or_insert_with(|| lines[j].text.trim_end_matches([',', '.']).to_string());
                }
            }
            Kind::Text
                if feats[i].name
                    && lines[i]
                        .text
                        .split_whitespace()
                        .any(|w| w.chars().count() >= 3 && w.chars().all(char::is_uppercase)) =>
            {
                author.get_or_insert_with(|| lines[i].text.trim_end_matches([',', '.']).to_string());
            }
            _ => {}
        }
    }

    let mut out: Vec<(String, Feat)> = Vec::new();
    // paragraphs already kept (the lead repeated after a share widget)
    let mut keys: HashSet<&str> = HashSet::new();
    let mut started = false;
    let mut prose_words = 0;
    let mut i = start;
    while i < n {
        match &kinds[i] {
            Kind::Blank | Kind::Junk => {}
            Kind::Cut => {
                if started {
                    break;
                }
            }
            Kind::Prompt => {
                let resumes = (i + 1..n.min(i + 12))
                    .filter(|&j| kinds[j] != Kind::Blank && kinds[j] != Kind::Junk)
                    .take(3)
                    .any(|k| is_text(k) && feats[k].sentence && feats[k].words >= 15 && !feats[k].ellipsis);
                if started && !resumes {
                    break;
                }
            }
            Kind::ReadAlso { inline } => {
                if !inline && started {
                    // "Читайте также" + one link; the article goes on if prose follows.
                    let link = next_nonblank(i + 1);
                    let after = link.and_then(|j| next_nonblank(j + 1));
                    let resumes = after
                        .is_some_and(|k| is_text(k) && feats[k].sentence && feats[k].words >= 15 && !feats[k].ellipsis);
                    match (resumes, link) {
                        (true, Some(j)) => {
                            i = j + 1;
                            continue;
                        }
                        _ => break,
                    }
                }
            }
            Kind::Label(name) => {
                let mut next = i + 1;
                match name {
                    Some(name) => {
                        labelled.get_or_insert_with(|| name.clone());
                    }
                    None => {
                        if let Some(j) = next_nonblank(i + 1).filter(|&j| feats[j].name) {
                            labelled.get_or_insert_with(|| lines[j].text.trim_end_matches([',', '.']).to_string());
                            next = j + 1;
                        }
                    }
                }
                if prose_words >= 80 {
                    // an author box after the text closes the article; tags and links follow
                    break;
                }
                i = next;
                continue;
            }
            Kind::Text => {
                if Some(i) == title_idx {
                    if let Some(t) = &title {
                        keys.insert(t.as_str());
                        out.push((t.clone(), feats[i]));
                    }
                    i += 1;
                    continue;
                }
                let mut t = lines[i].text.as_str();
                let mut f = feats[i];
                if let Some(title) = &title {
                    if let Some(rest) = t.strip_prefix(title.as_str()) {
                        if rest.starts_with(char::is_uppercase) {
                            // the headline glued to the lead
                            t = rest;
                            f = features(t);
                        } else {
                            let r = rest.trim();
                            let rf = features(r);
                            if r.is_empty() || key(r) == key(title) || (!rf.sentence && rf.words <= 6) {
                                // the headline again, with a photo caption
                                i += 1;
                                continue;
                            }
                        }
                    }
                }
                if f.name {
                    // an author card: the name, then the name again over a bio
                    let again = next_nonblank(i + 1).filter(|&j| lines[j].text == lines[i].text);
                    let bio = again.and_then(|j| next_nonblank(j + 1)).filter(|&k| lines[k].text.starts_with(t));
                    if started && bio.is_some() {
                        author.get_or_insert_with(|| t.trim_end_matches([',', '.']).to_string());
                        break;
                    }
                    if !started {
                        // a byline under the headline, with the author's title
                        // on the next line ("собственный корреспондент")
                        author.get_or_insert_with(|| t.trim_end_matches([',', '.']).to_string());
                        i += 1;
                        if let Some(j) = next_nonblank(i) {
                            if is_text(j) && !feats[j].sentence && lines[j].text.starts_with(char::is_lowercase) {
                                i = j + 1;
                            }
                        }
                        continue;
                    }
                }
                if keys.insert(t) {
                    if f.sentence && f.words >= 8 {
                        started = true;
                        prose_words += f.words;
                    }
                    out.push((t.to_string(), f));
                }
            }
        }
        i += 1;
    }

    // After the last sentence: a byline, credits, tags, or the cut-off end of
    // a sentence (kept).
    if let Some(p) = out.iter().rposition(|(_, f)| f.sentence) {
        let tail = out.split_off(p + 1);
        for (t, f) in tail {
            if f.name {
                author.get_or_insert_with(|| t.trim_end_matches([',', '.']).to_string());
            } else if (f.words >= 3 && f.lower * 2 >= f.words) || (f.words >= 4 && f.lower >= 2) {
                out.push((t, f));
            }
        }
    }

    let mut body = String::with_capacity(text.len());
    for (k, (t, _)) in out.iter().enumerate() {
        if k > 0 {
            body.push_str("\n\n");
        }
        body.push_str(t);
    }
    Article { title, body, published, author: labelled.or(author), site_name }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_normalise_case_bullets_and_punctuation() {
        assert_eq!(key("  • Читайте  ТАКЖЕ: "), "читайте также");
        assert_eq!(key("No menu items!"), "no menu items");
        assert_eq!(key("So‘nggi yangiliklar"), "so'nggi yangiliklar");
    }

    #[test]
    fn shapes() {
        assert!(name_like("Мадина ТАЛИПОВА"));
        assert!(name_like("Жанна Балыкова,"));
        assert!(name_like("Sergey Kwan"));
        assert!(name_like("Абдрахман ЕНСЕГЕН"));
        assert!(!name_like("SUBSCRIBE NOW"));
        assert!(!name_like("Turkistan Delegation Visi"));
        assert!(!name_like("Кездесу соңы"));
        assert!(!name_like("Телеканал Хабар 24"));
        let f = features("Аким области встретился с послом Японии.");
        assert!(f.sentence && !f.heading);
        let f = features("Аким ВКО встретился с послом Германии");
        assert!(f.heading && !f.sentence);
    }

    #[test]
    fn widgets_and_counters_are_junk() {
        let ch = chrome();
        for t in [
            "-10 C",
            "-32°",
            "ясно жел 1 м/с, СШ",
            "517.84 543.11 5.28",
            "$ 442.05",
            "Просмотры: 211",
            "Опубликовано: 770",
            "2 976 просмотров",
            "396 рет",
            "оқу үшін",
            "Пятница, 30 января, 2026",
            "21.12.2023, 14:00 105 Оразай Жеңісұлы",
            "Статьи 19 мар, 14:25",
            "ДомойГлавные новостиАким Карагандинской области обсудил",
            "Басты бетЖаңалықтарИрандықтар қазақ...",
            "Главная » Новости » Регионы",
            "Фото Еркебулана ХАДЫЛБЕКА",
            "Фото: Аяужан Утеулинова",
            "китайцы (1)",
            "Дс | Сс | Ср | Бс | Жм | Сб | Жс |",
            "KZ",
            "zhaikpress.kz",
            "ясноВ Атырау +24",
        ] {
            let line = Line { text: t.to_string(), gappy: false };
            assert_eq!(classify(&line, &features(t), ch), Kind::Junk, "{t}");
        }
        let tags = Line { text: "Investment projects Turkestan region".into(), gappy: true };
        assert_eq!(classify(&tags, &features(&tags.text), ch), Kind::Junk);
    }

    #[test]
    fn markers() {
        let ch = chrome();
        let kind = |t: &str| classify(&Line { text: t.to_string(), gappy: false }, &features(t), ch);
        for t in
            ["Новые статьи", "Похожие статьи", "Лента новостей", "Басқа жаңалықтар", "Related news", "ОСТАВЬТЕ ОТВЕТ"]
        {
            assert_eq!(kind(t), Kind::Cut, "{t}");
        }
        assert_eq!(
            kind("Узнайте первым о важных новостях Западного Казахстана на нашей странице в Instagram"),
            Kind::Prompt
        );
        assert_eq!(kind("Пожалуйста, введите ваш комментарий!"), Kind::Prompt);
        assert_eq!(kind("Тағы оқыңыз"), Kind::ReadAlso { inline: false });
        assert_eq!(kind("Читайте также: Аким области встретился с послом"), Kind::ReadAlso { inline: true });
        assert_eq!(kind("Author:"), Kind::Label(None));
        assert_eq!(kind("Автор: Флора Левина"), Kind::Label(Some("Флора Левина".into())));
        // prose mentioning Instagram is not a prompt
        assert_eq!(
            kind("Сол кезде қала әкімі Instagram-дағы парақшасында қазандық енді ғана іске қосылғанын айтқан болатын."),
            Kind::Text
        );
    }
}
