//! Publication dates: the page's dateline, and dates written in Russian,
//! Kazakh, English (and Kyrgyz and Uzbek month names).
//!
//! - [`publication_date`]: the date a scraped page states for its article: the
//!   ` date YYYY-MM-DD ` prefix that corpus texts carry, a date line in the
//!   page head (`3.10.2024, 11:15`, `17 May 2023, 19:10`, `Аймақтар • 17 Қазан,
//!   2017`), or a date opening the first paragraph (`On 28 September 2023, ...`,
//!   `Вена, 2025 жылғы 2 мамыр – ...`). A site header's "today" (`Пятница, 30
//!   января, 2026`: led by a weekday, no time) is chrome and is skipped. A
//!   dateline without a year (`ТАРАЗ. 2 апреля. КАЗИНФОРМ`) gives a date only
//!   when the caller knows the year ([`publication_date_with_year`]).
//! - [`parse_date`]: one date string (`2024-05-05`, `05.05.2024`, `5 мая 2024`,
//!   `2024 жылғы 5 мамыр`, `May 5, 2024`, `5 May 2024`).
//! - [`find_dates`]: every date mention in a text, full or partial.
//! - [`month_number`]: a month name in any inflected form (`января`,
//!   `қаңтардың`, `Jan.`, `noyabrda`), from `data/clean/months.tsv`.

use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const MONTHS_TSV: &str = include_str!("../../../data/clean/months.tsv");
const WEEKDAYS_TSV: &str = include_str!("../../../data/clean/weekdays.tsv");

/// Month and weekday names, loaded once.
struct Names {
    exact: HashMap<String, u32>,
    /// (stem, month, index of the suffix set)
    stems: Vec<(String, u32, usize)>,
    suffixes: Vec<HashSet<String>>,
    /// The first letters of all forms: a quick rejection.
    initials: HashSet<char>,
    weekdays: HashSet<String>,
}

fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut suffix_sets: HashMap<String, usize> = HashMap::new();
        let mut suffixes: Vec<HashSet<String>> = Vec::new();
        let mut exact = HashMap::new();
        let mut stems = Vec::new();
        for line in MONTHS_TSV.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                continue;
            }
            if cols[0] == "@suffixes" {
                let set: HashSet<String> = cols[2].split(',').map(|s| s.trim().to_string()).collect();
                suffix_sets.insert(cols[1].to_string(), suffixes.len());
                suffixes.push(set);
                continue;
            }
            let Ok(month) = cols[1].trim().parse::<u32>() else { continue };
            let set = suffix_sets.get(cols[0]).copied();
            for form in cols[2].split(',') {
                let form = norm_word(form.trim());
                if let Some(stem) = form.strip_suffix('*') {
                    exact.insert(stem.to_string(), month);
                    if let Some(set) = set {
                        stems.push((stem.to_string(), month, set));
                    }
                } else if !form.is_empty() {
                    exact.insert(form, month);
                }
            }
        }
        // Longer stems first, so that the most specific one decides.
        stems.sort_by_key(|s| std::cmp::Reverse(s.0.len()));
        let mut weekdays = HashSet::new();
        for line in WEEKDAYS_TSV.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(forms) = line.split('\t').nth(1) {
                weekdays.extend(forms.split(',').map(|f| norm_word(f.trim())));
            }
        }
        let initials = exact.keys().filter_map(|k| k.chars().next()).collect();
        Names { exact, stems, suffixes, initials, weekdays }
    })
}

/// Lower case, `ё` as `е`, every apostrophe as `'`, a final dot dropped.
pub(crate) fn norm_word(w: &str) -> String {
    let w = w.strip_suffix('.').unwrap_or(w);
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        match c {
            'ё' | 'Ё' => out.push('е'),
            '‘' | '’' | 'ʻ' | 'ʼ' | '`' | '´' => out.push('\''),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The month (1–12) a word names, in any inflected form, in ru, kk (Cyrillic
/// and Latin), en, ky or uz: `января`, `январь`, `қаңтардың`, `January`,
/// `Jan.`, `noyabrda`. `None` for anything else.
pub fn month_number(word: &str) -> Option<u32> {
    let n = names();
    let first = word.trim().chars().next()?;
    if !first.to_lowercase().any(|c| n.initials.contains(&c)) {
        return None;
    }
    let w = norm_word(word.trim());
    if w.is_empty() {
        return None;
    }
    if let Some(m) = n.exact.get(&w) {
        return Some(*m);
    }
    for (stem, month, set) in &n.stems {
        if let Some(rest) = w.strip_prefix(stem.as_str()) {
            let rest = rest.trim_start_matches('-');
            if n.suffixes.get(*set).is_some_and(|s| s.contains(rest)) {
                return Some(*month);
            }
        }
    }
    None
}

/// Whether a word names a day of the week (ru, kk, en, ky, uz), or is
/// "today" (сегодня, бүгін): what a site header puts before its date.
pub fn is_weekday(word: &str) -> bool {
    names().weekdays.contains(&norm_word(word.trim()))
}

/// A date mentioned in a text: byte span, and as much of the date as is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub year: Option<i32>,
    pub month: u32,
    pub day: Option<u32>,
}

impl DateMention {
    /// The calendar day, when year, month and day are all known (the year
    /// may come from `year_hint`).
    pub fn date(&self, year_hint: Option<i32>) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year.or(year_hint)?, self.month, self.day?)
    }
    /// Whether the mention names a whole day with its year.
    pub fn is_full(&self) -> bool {
        self.year.is_some() && self.day.is_some()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tk {
    Num,
    Word,
    Punct,
}

#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    kind: Tk,
    text: &'a str,
    start: usize,
    end: usize,
    /// Whitespace separates this token from the previous one.
    spaced: bool,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | 'ʻ' | 'ʼ' | '`')
}

fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    let mut spaced = true;
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let kind = if c.is_ascii_digit() {
            Tk::Num
        } else if c.is_alphabetic() {
            Tk::Word
        } else {
            Tk::Punct
        };
        let mut end = i + c.len_utf8();
        if kind != Tk::Punct {
            while let Some(&(j, d)) = it.peek() {
                let same = match kind {
                    Tk::Num => d.is_ascii_digit(),
                    _ => d.is_alphabetic() || (is_apostrophe(d) && kind == Tk::Word),
                };
                if !same {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
        }
        out.push(Tok { kind, text: &s[i..end], start: i, end, spaced });
        spaced = false;
    }
    out
}

fn num_of(t: &Tok, min_len: usize, max_len: usize) -> Option<u32> {
    if t.kind == Tk::Num && t.text.len() >= min_len && t.text.len() <= max_len {
        t.text.parse().ok()
    } else {
        None
    }
}

fn year_of(t: &Tok) -> Option<i32> {
    let y = num_of(t, 4, 4)? as i32;
    (1900..=2100).contains(&y).then_some(y)
}

/// Words that follow a year: `года`, `г.`, `жылғы`, `yil`...
fn is_year_word(w: &str) -> bool {
    matches!(
        norm_word(w).as_str(),
        "г" | "года"
            | "год"
            | "году"
            | "гг"
            | "ж"
            | "жыл"
            | "жылы"
            | "жылғы"
            | "жылдың"
            | "жылдын"
            | "жылдан"
            | "yil"
            | "yilning"
            | "йил"
            | "йилнинг"
    )
}

fn is_ordinal(w: &str) -> bool {
    matches!(w, "st" | "nd" | "rd" | "th" | "го" | "е" | "ші" | "шы" | "сы" | "сі" | "inchi" | "chi")
}

/// A month word usable in a date: English `may`/`march` only capitalised,
/// so that "may 2 ..." is not a date.
fn month_at(t: &Tok) -> Option<u32> {
    month_in(t, true)
}

/// `strict`: English `may`/`march` must be capitalised (not after `5-`).
fn month_in(t: &Tok, strict: bool) -> Option<u32> {
    if t.kind != Tk::Word {
        return None;
    }
    let m = month_number(t.text)?;
    let lower = t.text.to_lowercase();
    if strict && matches!(lower.as_str(), "may" | "march" | "mar") && !t.text.starts_with(char::is_uppercase) {
        return None;
    }
    Some(m)
}

/// Every date mentioned in `s`, in text order: numeric (`2024-10-03`,
/// `3.10.2024`, `13-11-2025`), day-month (`5 мая 2024`, `27-июнь`, `17 Қазан,
/// 2017`), month-day (`May 5, 2024`, `Май 21, 2025`), Kazakh year-first (`2023
/// жылғы 5 қазан`), and month-year (`в марте 2024`, `2025 жылдың қаңтар`).
/// `lang_hint` `en` reads `05/06/2024` month first.
pub fn find_dates(s: &str, lang_hint: Option<&str>) -> Vec<DateMention> {
    let toks = tokens(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((m, next)) = match_at(&toks, i, lang_hint) {
            out.push(m);
            i = next.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

fn valid(y: Option<i32>, m: u32, d: Option<u32>) -> bool {
    if !(1..=12).contains(&m) {
        return false;
    }
    match d {
        None => true,
        Some(d) => NaiveDate::from_ymd_opt(y.unwrap_or(2024), m, d).is_some(),
    }
}

/// Tries every date pattern at token `i`; returns the mention and the index
/// of the first token after it.
fn match_at(t: &[Tok], i: usize, lang: Option<&str>) -> Option<(DateMention, usize)> {
    let g = |k: usize| t.get(k);
    let punct = |k: usize, p: &str| g(k).is_some_and(|x| x.kind == Tk::Punct && x.text == p && !x.spaced);
    let mk = |start: usize, end_tok: usize, y: Option<i32>, m: u32, d: Option<u32>| {
        let last = t.get(end_tok - 1)?;
        valid(y, m, d)
            .then_some((DateMention { start: t[start].start, end: last.end, year: y, month: m, day: d }, end_tok))
    };
    let first = g(i)?;
    // A number glued to a preceding number or letter is not a date start.
    if first.kind == Tk::Num && !first.spaced && i > 0 {
        let prev = &t[i - 1];
        if prev.kind != Tk::Punct || matches!(prev.text, "." | "," | "/" | ":") {
            return None;
        }
    }

    // Numeric: Y-M-D, Y.M.D, D.M.Y, D-M-Y, D/M/Y (M/D/Y in English).
    if first.kind == Tk::Num {
        for sep in ["-", ".", "/"] {
            if punct(i + 1, sep) && punct(i + 3, sep) {
                let (Some(a), Some(b), Some(c)) = (g(i), g(i + 2), g(i + 4)) else { continue };
                if b.kind != Tk::Num || c.kind != Tk::Num || b.spaced || c.spaced {
                    continue;
                }
                // Not part of a longer numeric run (a version, a phone number).
                if g(i + 5).is_some_and(|x| !x.spaced && x.kind == Tk::Num)
                    || (g(i + 5).is_some_and(|x| !x.spaced && x.text == sep)
                        && g(i + 6).is_some_and(|x| x.kind == Tk::Num))
                {
                    continue;
                }
                if let (Some(y), Some(m), Some(d)) = (year_of(a), num_of(b, 1, 2), num_of(c, 1, 2)) {
                    if let Some(r) = mk(i, i + 5, Some(y), m, Some(d)) {
                        return Some(r);
                    }
                }
                if let (Some(x), Some(z), Some(y)) = (num_of(a, 1, 2), num_of(b, 1, 2), year_of(c)) {
                    let (d, m) = if sep == "/" && lang == Some("en") && z <= 31 && x <= 12 { (z, x) } else { (x, z) };
                    if let Some(r) = mk(i, i + 5, Some(y), m, Some(d)) {
                        return Some(r);
                    }
                }
            }
        }
    }

    // Year first: 2023 жылғы 5 қазан, 2023-yil 5-may; or 2025 жылдың қаңтар.
    if let Some(y) = year_of(first) {
        let mut k = i + 1;
        if punct(k, "-") {
            k += 1;
        }
        if g(k).is_some_and(|x| x.kind == Tk::Word && is_year_word(x.text)) {
            k += 1;
            if punct(k, ".") {
                k += 1;
            }
            if let Some(d) = g(k).and_then(|x| num_of(x, 1, 2)) {
                let mut j = k + 1;
                if punct(j, "-") {
                    j += 1;
                }
                if let Some(m) = g(j).and_then(|x| month_in(x, false)) {
                    return mk(i, j + 1, Some(y), m, Some(d));
                }
            } else if let Some(m) = g(k).and_then(month_at) {
                // 2023 жылғы қазанның 5-і
                if let Some(d) = g(k + 1).and_then(|x| num_of(x, 1, 2)) {
                    if let Some(r) = mk(i, k + 2, Some(y), m, Some(d)) {
                        return Some(r);
                    }
                }
                return mk(i, k + 1, Some(y), m, None);
            }
        }
    }

    // Day first: 5 мая 2024, 5-го мая, 27-июнь, 28th September, 17 Қазан, 2017.
    if let Some(d) = num_of(first, 1, 2) {
        let mut k = i + 1;
        let mut strict = true;
        if g(k).is_some_and(|x| x.kind == Tk::Word && !x.spaced && is_ordinal(x.text)) {
            k += 1;
        } else if punct(k, "-") {
            k += 1;
            strict = false;
            if g(k).is_some_and(|x| x.kind == Tk::Word && is_ordinal(x.text)) {
                k += 1;
            }
        }
        if let Some(m) = g(k).and_then(|x| month_in(x, strict)) {
            let mut end = k + 1;
            let mut j = end;
            if punct(j, ".") {
                j += 1;
            }
            if g(j).is_some_and(|x| x.kind == Tk::Punct && x.text == ",") {
                j += 1;
            }
            if let Some(y) = g(j).and_then(year_of) {
                end = j + 1;
                if g(end).is_some_and(|x| x.kind == Tk::Word && is_year_word(x.text)) {
                    end += 1;
                }
                return mk(i, end, Some(y), m, Some(d));
            }
            return mk(i, end, None, m, Some(d));
        }
    }

    // Month first (a number follows within two tokens): May 5, 2024; Май 21,
    // 2025; On May, 28; March 2024.
    if first.kind != Tk::Word || !(i + 1..i + 4).any(|k| g(k).is_some_and(|x| x.kind == Tk::Num)) {
        return None;
    }
    if first.text.starts_with(char::is_uppercase) {
        if let Some(m) = month_at(first) {
            let mut k = i + 1;
            if punct(k, ".") {
                k += 1;
            }
            if g(k).is_some_and(|x| x.kind == Tk::Punct && x.text == ",") {
                k += 1;
            }
            if let Some(d) = g(k).and_then(|x| num_of(x, 1, 2)) {
                let mut end = k + 1;
                if g(end).is_some_and(|x| x.kind == Tk::Word && !x.spaced && is_ordinal(x.text)) {
                    end += 1;
                }
                let mut j = end;
                if g(j).is_some_and(|x| x.kind == Tk::Punct && x.text == ",") {
                    j += 1;
                }
                if let Some(y) = g(j).and_then(year_of) {
                    return mk(i, j + 1, Some(y), m, Some(d));
                }
                // "May 5" but not "May 5.3 million" or "March 10-12"
                if g(end).is_none_or(|x| x.spaced || x.kind != Tk::Num) {
                    return mk(i, end, None, m, Some(d));
                }
            }
        }
    }
    // Month and year: марте 2024, қаңтар 2025, September 2023.
    if let Some(m) = month_at(first) {
        if let Some(y) = g(i + 1).and_then(year_of) {
            return mk(i, i + 2, Some(y), m, None);
        }
    }
    None
}

/// Parses one date string: `2024-05-05` (also with a time after it),
/// `05.05.2024`, `5 мая 2024 года`, `2024 жылғы 5 мамыр`, `May 5, 2024`,
/// `5 May 2024`. The first full date in the string wins; `None` if it has none.
/// `lang_hint` `en` reads `05/06/2024` as May 6.
pub fn parse_date(s: &str, lang_hint: Option<&str>) -> Option<NaiveDate> {
    find_dates(s, lang_hint).into_iter().find(|m| m.is_full()).and_then(|m| m.date(None))
}

/// The crawl's ` date YYYY-MM-DD ` (or month-only ` date YYYY-MM `) prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePrefix {
    Day(NaiveDate),
    Month { year: i32, month: u32 },
}

/// Splits the ` date YYYY-MM-DD ` prefix off a corpus text: the prefix, if
/// any, and the rest of the text.
pub fn strip_date_prefix(raw: &str) -> (Option<DatePrefix>, &str) {
    let t = raw.trim_start_matches([' ', '\t', '\u{feff}']);
    let Some(rest) = t.strip_prefix("date ") else { return (None, raw) };
    let end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
    let word = &rest[..end];
    let after = &rest[end..];
    let after = after.strip_prefix(' ').unwrap_or(after);
    let parts: Vec<&str> = word.split('-').collect();
    let num = |k: usize, len: usize| {
        parts
            .get(k)
            .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
    };
    match (parts.len(), num(0, 4), num(1, 2), num(2, 2)) {
        (3, Some(y), Some(m), Some(d)) => match NaiveDate::from_ymd_opt(y as i32, m, d) {
            Some(date) => (Some(DatePrefix::Day(date)), after),
            None => (None, raw),
        },
        (2, Some(y), Some(m), None) if (1..=12).contains(&m) => {
            (Some(DatePrefix::Month { year: y as i32, month: m }), after)
        }
        _ => (None, raw),
    }
}

/// The page's publication date: see the module documentation.
pub fn publication_date(raw: &str) -> Option<NaiveDate> {
    publication_date_with_year(raw, None)
}

/// [`publication_date`], completing a dateline that gives no year
/// (`ТАРАЗ. 2 апреля. КАЗИНФОРМ`) with `year_hint` (from the archive, the URL).
pub fn publication_date_with_year(raw: &str, year_hint: Option<i32>) -> Option<NaiveDate> {
    let (prefix, rest) = strip_date_prefix(raw);
    match prefix {
        Some(DatePrefix::Day(d)) => Some(d),
        Some(DatePrefix::Month { year, month }) => {
            use chrono::Datelike;
            scan_dateline(rest, Some(year)).filter(|d| d.year() == year && d.month() == month)
        }
        None => scan_dateline(rest, year_hint),
    }
}

/// Whether the text holds a clock time (`11:15`, `04:22`).
pub(crate) fn has_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(3).enumerate().any(|(i, w)| {
        w[0].is_ascii_digit()
            && w[1] == b':'
            && w[2].is_ascii_digit()
            && b.get(i + 3).is_some_and(|c| c.is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
    })
}

fn letter_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | '•' | '|' | '/' | '(' | ')' | '«' | '»' | '"'))
        .filter(|w| w.chars().any(char::is_alphabetic))
}

/// Whether a line reads as running prose: enough words and a sentence end.
fn is_prose(s: &str) -> bool {
    let words = letter_words(s).count();
    let sentence_end = s.char_indices().any(|(i, c)| {
        matches!(c, '.' | '!' | '?' | '…') && s[i + c.len_utf8()..].chars().next().is_none_or(char::is_whitespace)
    });
    (words >= 10 && sentence_end) || words >= 25
}

/// A date in a site header next to a weekday and without a time is "today".
fn is_chrome_date(line: &str, m: &DateMention) -> bool {
    if has_time(line) {
        return false;
    }
    let before = line.get(..m.start).unwrap_or("");
    before.split(|c: char| !c.is_alphabetic()).rfind(|w| !w.is_empty()).is_some_and(is_weekday)
}

/// Looks for the dateline in the page head: date lines before the first
/// paragraph of prose, then a date opening that paragraph.
fn scan_dateline(text: &str, year_hint: Option<i32>) -> Option<NaiveDate> {
    let mut fallback = None;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()).take(30) {
        if is_prose(line) {
            // "On 28 September 2023, ...", "Вена, 2025 жылғы 2 мамыр – ...",
            // "ТАРАЗ. 2 апреля. КАЗИНФОРМ - ..."
            let mut cut = line.len().min(120);
            while !line.is_char_boundary(cut) {
                cut -= 1;
            }
            if let Some(m) = find_dates(&line[..cut], None).into_iter().next() {
                if m.start <= 48 {
                    if let Some(d) = m.date(year_hint) {
                        return Some(d);
                    }
                }
            }
            return fallback;
        }
        if !line.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        for m in find_dates(line, None) {
            if m.day.is_none() || is_chrome_date(line, &m) {
                continue;
            }
            // A date line, not a headline that happens to hold a date.
            let rest = format!("{} {}", &line[..m.start], &line[m.end..]);
            if letter_words(&rest).count() > 8 {
                continue;
            }
            if m.is_full() {
                return m.date(None);
            }
            if fallback.is_none() {
                fallback = m.date(year_hint);
            }
        }
    }
    fallback
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn months_in_many_forms() {
        for (w, m) in [
            ("января", 1),
            ("Январь", 1),
            ("қаңтардың", 1),
            ("January", 1),
            ("Jan.", 1),
            ("мамыр", 5),
            ("мамырда", 5),
            ("мая", 5),
            ("Сентября", 9),
            ("қыркүйекте", 9),
            ("желтоқсаннан", 12),
            ("noyabrda", 11),
            ("июнда", 6),
            ("Қазан", 10),
            ("сәуір", 4),
            ("sept", 9),
        ] {
            assert_eq!(month_number(w), Some(m), "{w}");
        }
        for w in ["мамонт", "майор", "маршрут", "январский", "", "Астана", "июльский"]
        {
            assert_eq!(month_number(w), None, "{w}");
        }
    }

    #[test]
    fn numeric_and_textual_dates() {
        assert_eq!(parse_date("2024-10-03", None), d(2024, 10, 3));
        assert_eq!(parse_date("2024-10-03T11:15:00+05:00", None), d(2024, 10, 3));
        assert_eq!(parse_date("3.10.2024, 11:15", None), d(2024, 10, 3));
        assert_eq!(parse_date("13-11-2025 09:10", None), d(2025, 11, 13));
        assert_eq!(parse_date("5 мая 2024 года", Some("ru")), d(2024, 5, 5));
        assert_eq!(parse_date("2024 жылғы 5 мамыр", Some("kk")), d(2024, 5, 5));
        assert_eq!(parse_date("2022 жылғы 8 желтоқсаннан бастап", Some("kk")), d(2022, 12, 8));
        assert_eq!(parse_date("May 5, 2024", Some("en")), d(2024, 5, 5));
        assert_eq!(parse_date("5 May 2024", Some("en")), d(2024, 5, 5));
        assert_eq!(parse_date("28th September 2023", Some("en")), d(2023, 9, 28));
        assert_eq!(parse_date("Май 21, 2025", None), d(2025, 5, 21));
        assert_eq!(parse_date("Аймақтар • 17 Қазан, 2017", None), d(2017, 10, 17));
        assert_eq!(parse_date("05/06/2024", Some("en")), d(2024, 5, 6));
        assert_eq!(parse_date("05/06/2024", Some("ru")), d(2024, 6, 5));
        assert_eq!(parse_date("2023-yil 5-may", Some("uz")), d(2023, 5, 5));
        assert_eq!(parse_date("31.02.2024", None), None);
        assert_eq!(parse_date("2 апреля", None), None);
        assert_eq!(parse_date("version 1.2.3", None), None);
        assert_eq!(parse_date("", None), None);
    }

    #[test]
    fn partial_mentions() {
        let m = find_dates("2025 жылдың қаңтар–маусым айларында", None);
        assert_eq!(m.first().map(|m| (m.year, m.month, m.day)), Some((Some(2025), 1, None)));
        let m = find_dates("КАРАГАНДА. 20 ноября. КАЗИНФОРМ", None);
        assert_eq!(m.first().map(|m| (m.year, m.month, m.day)), Some((None, 11, Some(20))));
        // "may" is a month only when capitalised.
        assert!(find_dates("the sides may 2 times a year meet", Some("en")).is_empty());
        // A season (маусым) next to a percentage is not a date.
        assert!(find_dates("жылыту маусымына 8 пайыз", None).is_empty());
    }

    #[test]
    fn corpus_prefix() {
        assert_eq!(publication_date(" date 2018-10-01 ATYRAU. KAZINFORM - A British delegation"), d(2018, 10, 1));
        assert_eq!(publication_date(" date 2025-06 фото пресс-службы акимата"), None);
        assert_eq!(strip_date_prefix(" date 2025-06 фото").1, "фото");
        assert_eq!(strip_date_prefix(" date 2018-10-01 ATYRAU.").1, "ATYRAU.");
        assert_eq!(strip_date_prefix("Аким области").1, "Аким области");
        assert_eq!(strip_date_prefix(" date 2018-13-01 x").0, None);
    }

    #[test]
    fn datelines() {
        assert_eq!(publication_date("3.10.2024, 11:15\nПросмотры: 211\n\nЗаголовок статьи"), d(2024, 10, 3));
        let chrome = "back to top\n-10 C\nКараганда\nПятница, 30 января, 2026\nNo menu items!\n\
                      Аким области обсудил инициативы с послом\n\nКарагандинскую область посетил посол Канады. \
                      Дипломат встретился с главой региона и обсудил сотрудничество в сферах экономики.";
        assert_eq!(publication_date(chrome), None);
        assert_eq!(publication_date("Сегодня: 19 марта 2025\n+3°C\nЗаголовок"), None);
        let timed = "Понедельник, 27 Март 2017 04:22 Автор  Опубликовано в Саясат Прочитано 3507 раз\n\nТекст";
        assert_eq!(publication_date(timed), d(2017, 3, 27));
        let en = "On 28 September 2023, a delegation from Mangystau region visited the Autonomous Republic of Karakalpakstan. The visit was aimed at ties.";
        assert_eq!(publication_date(en), d(2023, 9, 28));
        let kk = "Вена, 2025 жылғы 2 мамыр – Қазақстанның Венадағы халықаралық ұйымдар жанындағы Тұрақты өкілі директормен кездесті.";
        assert_eq!(publication_date(kk), d(2025, 5, 2));
        let agency = "ТАРАЗ. 2 апреля. КАЗИНФОРМ - Аким области встретился с послом Турции в Казахстане и обсудил сотрудничество.";
        assert_eq!(publication_date(agency), None);
        assert_eq!(publication_date_with_year(agency, Some(2019)), d(2019, 4, 2));
        let headline_date = "Title\n17 May 2023, 19:10\n\nXI'AN. KAZINFORM – As part of the state visit agreements were signed in Xi'an today by the sides.";
        assert_eq!(publication_date(headline_date), d(2023, 5, 17));
    }
}
