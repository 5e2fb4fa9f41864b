//! Dates: "20 ноября 2023 года", "2023 жылғы 5 қазанда", "25-27 September",
//! "3.10.2024", "September 2023", "2025 жылдың қаңтар–маусым айларында",
//! "2022 год", and relative years ("в прошлом году", "биыл") given the year.

use crate::lexicon::{lexicon, PeriodKind};
use crate::toks::{build, Tok};
use chrono::NaiveDate;
use yntymaq_core::{Entity, Label, Referent, Span, Token, TokenKind};

struct Ctx<'a> {
    toks: &'a [Tok<'a>],
}

impl Ctx<'_> {
    fn low(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| t.low).unwrap_or("")
    }
    fn glued(&self, a: usize, b: usize) -> bool {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) => x.span.end == y.span.start,
            _ => false,
        }
    }
    fn is_dash(&self, i: usize) -> bool {
        matches!(self.low(i), "-" | "–" | "—")
    }
    fn number(&self, i: usize) -> Option<u32> {
        let t = self.toks.get(i)?;
        if t.kind != TokenKind::Number || !t.low.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        t.low.parse().ok()
    }
    fn day(&self, i: usize) -> Option<u32> {
        let t = self.toks.get(i)?;
        (t.low.len() <= 2).then(|| self.number(i)).flatten().filter(|d| (1..=31).contains(d))
    }
    fn year(&self, i: usize) -> Option<i32> {
        let t = self.toks.get(i)?;
        (t.low.len() == 4).then(|| self.number(i)).flatten().map(|y| y as i32).filter(|y| (1900..=2100).contains(y))
    }
    /// An ordinal or case ending after a day number: 25th, 5-і, 20-сы.
    fn suffix(&self, i: usize) -> usize {
        if self.is_dash(i) && self.glued(i - 1, i) && self.glued(i, i + 1) {
            let w = self.low(i + 1);
            if self.toks.get(i + 1).is_some_and(|t| t.kind == TokenKind::Word) && w.chars().count() <= 4 {
                return 2;
            }
        }
        if matches!(self.low(i), "th" | "st" | "nd" | "rd") && self.glued(i - 1, i) {
            return 1;
        }
        0
    }
    fn month(&self, i: usize) -> Option<(usize, u32, bool)> {
        let (n, m) = lexicon().month.longest_at(self.toks, i)?;
        // a glued dot after an abbreviation: Sept. 25
        let dot = usize::from(self.low(i + n) == "." && self.glued(i + n - 1, i + n) && self.low(i).len() <= 4);
        Some((n + dot, m.0, m.1))
    }
    fn period(&self, i: usize) -> Option<(usize, PeriodKind)> {
        lexicon().period.longest_at(self.toks, i).map(|(n, k)| (n, *k))
    }
    fn year_word(&self, i: usize) -> usize {
        match self.period(i) {
            Some((n, PeriodKind::YearWord)) => n + usize::from(self.low(i + n) == "." && self.glued(i + n - 1, i + n)),
            _ => 0,
        }
    }
    /// A year at `i` with its year word: (tokens, year).
    fn year_phrase(&self, i: usize) -> Option<(usize, i32)> {
        let y = self.year(i)?;
        Some((1 + self.year_word(i + 1), y))
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<String> {
    NaiveDate::from_ymd_opt(y, m, d).map(|d| d.format("%Y-%m-%d").to_string())
}

/// One date at token `i`: (tokens used, value if resolvable).
fn date_at(c: &Ctx<'_>, i: usize, hint: Option<i32>) -> Option<(usize, Option<String>)> {
    let t = c.toks.get(i)?;
    // 3.10.2024, 03.10.24
    if t.kind == TokenKind::Number && t.low.matches('.').count() == 2 {
        let parts: Vec<&str> = t.low.split('.').collect();
        if let [d, m, y] = parts.as_slice() {
            let (d, m, y): (u32, u32, i32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
            let y = if y < 100 { 2000 + y } else { y };
            if d.to_string().len() <= 2 {
                return ymd(y, m, d).map(|v| (1, Some(v)));
            }
        }
        return None;
    }
    // 2024-10-03
    if let Some(y) = c.year(i) {
        if c.low(i + 1) == "-" && c.glued(i, i + 1) && c.glued(i + 1, i + 2) && c.low(i + 3) == "-" {
            if let (Some(m), Some(d)) = (c.number(i + 2), c.number(i + 4)) {
                if let Some(v) = ymd(y, m, d) {
                    return Some((5, Some(v)));
                }
            }
        }
    }
    // day first: 20 ноября 2023 года, 25-27 September, 5 қазанда
    if let Some(d1) = c.day(i) {
        let mut j = i + 1 + c.suffix(i + 1);
        let mut d2 = None;
        if c.is_dash(j) {
            if let Some(d) = c.day(j + 1) {
                d2 = Some(d);
                j += 2;
                j += c.suffix(j);
            }
        }
        if let Some((n, m, _)) = c.month(j) {
            j += n;
            let mut year = None;
            if let Some((n, y)) = c.year_phrase(j) {
                year = Some(y);
                j += n;
            } else if c.low(j) == "," {
                if let Some((n, y)) = c.year_phrase(j + 1) {
                    year = Some(y);
                    j += 1 + n;
                }
            }
            let y = year.or(hint);
            let v = y.and_then(|y| match d2 {
                Some(d2) => Some(format!("{}/{}", ymd(y, m, d1)?, ymd(y, m, d2)?)),
                None => ymd(y, m, d1),
            });
            return Some((j - i, v));
        }
    }
    // year first: 2023 жылғы 5 қазанда, 2025 жылдың қаңтар–маусым айларында, 2022 год
    if let Some((n, y)) = c.year_phrase(i) {
        let j = i + n;
        if n > 1 || c.glued(i, i + 1) {
            if let Some(d) = c.day(j) {
                let k = j + 1 + c.suffix(j + 1);
                if let Some((nm, m, _)) = c.month(k) {
                    return Some((k + nm - i, ymd(y, m, d)));
                }
            }
            if let Some((nm, m, _)) = c.month(j) {
                let mut k = j + nm;
                let mut v = format!("{y}-{m:02}");
                if c.is_dash(k) {
                    if let Some((n2, m2, _)) = c.month(k + 1) {
                        k += 1 + n2;
                        v = format!("{y}-{m:02}/{y}-{m2:02}");
                    }
                }
                if let Some((nw, PeriodKind::MonthWord)) = c.period(k) {
                    k += nw;
                }
                return Some((k - i, Some(v)));
            }
        }
        // 2022–2024 годы
        if n == 1 && c.is_dash(j) {
            if let Some((n2, y2)) = c.year_phrase(j + 1) {
                if n2 > 1 && y2 > y {
                    return Some((2 + n2, Some(format!("{y}/{y2}"))));
                }
            }
        }
        if n > 1 {
            return Some((n, Some(format!("{y}"))));
        }
        // in 2023
        if i > 0 && matches!(c.low(i - 1), "in" | "since" | "by" | "during" | "until" | "through") {
            return Some((1, Some(format!("{y}"))));
        }
        return None;
    }
    // month first: September 25, 2023; в сентябре 2023 года; январь–сентябрь 2024
    if let Some((n, m, amb)) = c.month(i) {
        let mut j = i + n;
        let mut m2 = None;
        if c.is_dash(j) {
            if let Some((n2, mm, _)) = c.month(j + 1) {
                m2 = Some(mm);
                j += 1 + n2;
            }
        }
        if m2.is_some() {
            if let Some((nw, PeriodKind::MonthWord)) = c.period(j) {
                j += nw;
            }
        }
        let mut day = None;
        if m2.is_none() {
            if let Some(d) = c.day(j) {
                // September 25 (not "25" of a following amount: no scale word after)
                if c.year(j + 1).is_some()
                    || c.low(j + 1) == ","
                    || c.suffix(j + 1) > 0
                    || c.toks.get(j + 1).is_none_or(|t| t.kind == TokenKind::Punct)
                {
                    day = Some(d);
                    j += 1 + c.suffix(j + 1);
                }
            }
        }
        let mut year = None;
        let k = if c.low(j) == "," && day.is_some() { j + 1 } else { j };
        if let Some((ny, y)) = c.year_phrase(k) {
            year = Some(y);
            j = k + ny;
        }
        // kk: қазанның 5-і
        if day.is_none() && year.is_none() && m2.is_none() {
            if let Some(d) = c.day(j) {
                let s = c.suffix(j + 1);
                if s > 0 {
                    day = Some(d);
                    j += 1 + s;
                }
            }
        }
        if amb && day.is_none() && year.is_none() && m2.is_none() {
            return None;
        }
        let y = year.or(hint);
        let v = y.and_then(|y| match (day, m2) {
            (Some(d), _) => ymd(y, m, d),
            (None, Some(m2)) => Some(format!("{y}-{m:02}/{y}-{m2:02}")),
            (None, None) => Some(format!("{y}-{m:02}")),
        });
        return Some((j - i, v));
    }
    // relative: в прошлом году, биыл, сегодня
    if let Some((n, k)) = c.period(i) {
        let v = match k {
            PeriodKind::ThisYear => hint.map(|y| y.to_string()),
            PeriodKind::LastYear => hint.map(|y| (y - 1).to_string()),
            PeriodKind::NextYear => hint.map(|y| (y + 1).to_string()),
            PeriodKind::SinceStart => hint.map(|y| format!("{y}-01/..")),
            PeriodKind::Today | PeriodKind::Yesterday | PeriodKind::Tomorrow => None,
            _ => return None,
        };
        return Some((n, v));
    }
    None
}

/// Dates of a text as `DATE` entities; the value is `YYYY-MM-DD`, `YYYY-MM`,
/// `YYYY` or a range `a/b` when it can be known (`year_hint`, the dateline's
/// year, completes dates without a year and relative years), else none.
pub fn dates(text: &str, tokens: &[Token], lang: &str, year_hint: Option<i32>) -> Vec<Entity> {
    let _ = lang;
    let mut buf = String::new();
    let toks = build(text, tokens, &mut buf);
    dates_in(text, &toks, year_hint)
}

/// [`dates`] over the recognizers' tokens.
pub(crate) fn dates_in(text: &str, toks: &[Tok<'_>], year_hint: Option<i32>) -> Vec<Entity> {
    let c = Ctx { toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match date_at(&c, i, year_hint) {
            Some((n, v)) if n > 0 => {
                let start = toks.get(i).map(|t| t.span.start).unwrap_or(0);
                let end = toks.get(i + n - 1).map(|t| t.span.end).unwrap_or(start);
                let first = toks.get(i).map(|t| t.span.slice(text)).unwrap_or("");
                // English month names and relative words need their case: "may" is a verb
                let lower_en_month = first.is_ascii()
                    && first.chars().next().is_some_and(|ch| ch.is_ascii_lowercase())
                    && lexicon().month.longest_at(toks, i).is_some();
                if !lower_en_month {
                    out.push(Entity {
                        span: Span::new(start, end.max(start)),
                        label: Label::Date,
                        norm: None,
                        referent: v.map(|value| Referent::Date { value }).unwrap_or_default(),
                        source: "recognize.dates",
                    });
                }
                i += n;
            }
            _ => i += 1,
        }
    }
    out
}
