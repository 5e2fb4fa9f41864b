//! Figures: money amounts tied to what they count (trade turnover, export,
//! import, investment), to a period, and flagged when they are changes.

use crate::lexicon::{lexicon, PeriodKind, Side};
use crate::money::{carry_currency, Amount, Parser};
use crate::toks::{build, Tok};
use chrono::{Datelike, NaiveDate};
use yntymaq_core::{Span, Token, TokenKind};

/// A money amount in a sentence, with what it counts and when: the core
/// [`yntymaq_core::FigureNote`] the pipeline keeps on the document.
pub use yntymaq_core::FigureNote as FigureMention;

/// For each token, the index of its clause: a sentence, joined with the next
/// when a line break cut it ("8,7 млн. АҚШ\nдоллары көлемінде").
/// `amounts` add breaks the sentence splitter leaves out after abbreviations:
/// "составил 5 млн. Экспорт ..." ends at the dot.
pub(crate) fn token_groups(text: &str, toks: &[Tok<'_>], sentences: &[Span], amounts: &[Amount]) -> Vec<usize> {
    let mut group_of_sentence = Vec::with_capacity(sentences.len());
    let mut g = 0usize;
    for (k, s) in sentences.iter().enumerate() {
        if k > 0 {
            let prev = sentences[k - 1].slice(text).trim_end();
            let ends = prev.ends_with(['.', '!', '?', '…', ':', ';', '»', '"', '”']) || prev.is_empty();
            let next_lower = s.slice(text).chars().next().is_some_and(|c| c.is_lowercase());
            if ends || !next_lower {
                g += 1;
            }
        }
        group_of_sentence.push(g);
    }
    let outside = usize::MAX;
    let mut out: Vec<usize> = toks
        .iter()
        .map(|t| {
            let i = sentences.partition_point(|s| s.end <= t.span.start);
            match sentences.get(i) {
                Some(s) if s.start <= t.span.start => group_of_sentence.get(i).copied().unwrap_or(outside),
                _ => outside,
            }
        })
        .collect();
    // after an amount: a dot, then a capitalised word that is not a currency (АҚШ)
    let lx = lexicon();
    let mut next_id = g + 1;
    for a in amounts {
        let dot = a.t1;
        let ends = toks.get(dot).is_some_and(|t| t.low == ".")
            && toks.get(dot + 1).is_some_and(|t| t.span.slice(text).chars().next().is_some_and(char::is_uppercase))
            && lx.currency.longest_at(toks, dot + 1).is_none();
        if ends {
            let old = out.get(dot).copied().unwrap_or(outside);
            for slot in out.iter_mut().skip(dot + 1) {
                if *slot != old || old == outside {
                    break;
                }
                *slot = next_id;
            }
            next_id += 1;
        }
    }
    out
}

struct Keyword {
    start: usize,
    end: usize,
    metric: String,
}

#[derive(Debug, Clone, Copy)]
enum Cue {
    Year(i32),
    Rel(PeriodKind),
    Part(PeriodKind),
    MonthsN(u32),
    Month(u32),
    MonthRange(u32, u32),
}

struct PeriodCue {
    pos: usize,
    cue: Cue,
}

fn year_of(t: &Tok<'_>) -> Option<i32> {
    if t.kind != TokenKind::Number || t.low.len() != 4 {
        return None;
    }
    let y: i32 = t.low.parse().ok()?;
    (1990..=2100).contains(&y).then_some(y)
}

/// Period cues of the whole text (positions are token indices).
fn period_cues(p: &Parser<'_>, toks: &[Tok<'_>], in_amount: &[bool], scan: &[bool]) -> Vec<PeriodCue> {
    let lx = lexicon();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if in_amount.get(i).copied().unwrap_or(false) || !scan.get(i).copied().unwrap_or(false) {
            i += 1;
            continue;
        }
        if let Some(t) = toks.get(i) {
            if let Some(y) = year_of(t) {
                out.push(PeriodCue { pos: i, cue: Cue::Year(y) });
                i += 1;
                continue;
            }
        }
        if let Some((n, m)) = lx.month.longest_at(toks, i) {
            let m1 = m.0;
            // a month range: қаңтар–маусым, январь-сентябрь
            let dash = toks.get(i + n).is_some_and(|t| matches!(t.low, "-" | "–" | "—"));
            if let Some((n2, m2)) = dash.then(|| lx.month.longest_at(toks, i + n + 1)).flatten() {
                out.push(PeriodCue { pos: i, cue: Cue::MonthRange(m1, m2.0) });
                i += n + 1 + n2;
                continue;
            }
            if !m.1 {
                out.push(PeriodCue { pos: i, cue: Cue::Month(m1) });
            }
            i += n;
            continue;
        }
        if let Some((n, k)) = lx.period.longest_at(toks, i) {
            match k {
                PeriodKind::Months => {
                    // the number before: 8 months, девять месяцев, 9 айда
                    let num = (0..i).rev().take(3).find_map(|s| {
                        let (v, e) = p.digits_at(s).or_else(|| p.words_at(s))?;
                        (e == i).then_some(v)
                    });
                    if let Some(v) = num.filter(|v| (1.0..=12.0).contains(v) && v.fract() == 0.0) {
                        out.push(PeriodCue { pos: i, cue: Cue::MonthsN(v as u32) });
                    }
                }
                PeriodKind::Half1 | PeriodKind::Half2 | PeriodKind::Q(_) | PeriodKind::SinceStart => {
                    out.push(PeriodCue { pos: i, cue: Cue::Part(*k) })
                }
                PeriodKind::ThisYear | PeriodKind::LastYear | PeriodKind::NextYear => {
                    out.push(PeriodCue { pos: i, cue: Cue::Rel(*k) })
                }
                _ => {}
            }
            i += n;
            continue;
        }
        i += 1;
    }
    out
}

/// The period of an amount at tokens `[a0, a1)` from the cues of its clause.
fn period_of(cues: &[&PeriodCue], a0: usize, a1: usize, dateline_year: Option<i32>, flow: bool) -> Option<String> {
    let dist = |pos: usize| if pos < a0 { a0 - pos } else { 2 * (pos.saturating_sub(a1)) + 1 };
    let nearest =
        |f: &dyn Fn(&Cue) -> bool| cues.iter().filter(|c| f(&c.cue)).min_by_key(|c| dist(c.pos)).map(|c| c.cue);
    let part = nearest(&|c| matches!(c, Cue::Part(_) | Cue::MonthsN(_) | Cue::MonthRange(..) | Cue::Month(_)));
    if !flow && !matches!(part, Some(Cue::Part(_) | Cue::MonthsN(_) | Cue::MonthRange(..))) {
        return None;
    }
    let year = match nearest(&|c| matches!(c, Cue::Year(_))) {
        Some(Cue::Year(y)) => Some(y),
        _ => match nearest(&|c| matches!(c, Cue::Rel(_))) {
            Some(Cue::Rel(PeriodKind::ThisYear)) => dateline_year,
            Some(Cue::Rel(PeriodKind::LastYear)) => dateline_year.map(|y| y - 1),
            Some(Cue::Rel(PeriodKind::NextYear)) => dateline_year.map(|y| y + 1),
            _ => part.and(dateline_year),
        },
    }?;
    Some(match part {
        Some(Cue::Part(PeriodKind::SinceStart)) => format!("{year}-01/.."),
        Some(Cue::Part(PeriodKind::Half1)) => format!("{year}-01/{year}-06"),
        Some(Cue::Part(PeriodKind::Half2)) => format!("{year}-07/{year}-12"),
        Some(Cue::Part(PeriodKind::Q(q))) => format!("{year}-{:02}/{year}-{:02}", q * 3 - 2, q * 3),
        Some(Cue::MonthsN(n)) => format!("{year}-01/{year}-{n:02}"),
        Some(Cue::MonthRange(a, b)) => format!("{year}-{a:02}/{year}-{b:02}"),
        Some(Cue::Month(m)) => format!("{year}-{m:02}"),
        _ => format!("{year}"),
    })
}

/// Money figures of a text: every amount with a currency, tied to the metric
/// its sentence names, a period, and whether it is a change. Restatements in a
/// second currency and amounts that are not about a foreign relationship
/// (fixed-capital totals, budget contributions, targets) are left out;
/// repeated figures are given once.
pub fn figures(
    text: &str,
    tokens: &[Token],
    sentences: &[Span],
    lang: &str,
    dateline: Option<NaiveDate>,
) -> Vec<FigureMention> {
    let mut buf = String::new();
    let toks = build(text, tokens, &mut buf);
    figures_in(text, &toks, sentences, lang, dateline)
}

/// [`figures`] over the recognizers' tokens.
pub(crate) fn figures_in(
    text: &str,
    toks: &[Tok<'_>],
    sentences: &[Span],
    lang: &str,
    dateline: Option<NaiveDate>,
) -> Vec<FigureMention> {
    let p = Parser::new(text, toks, lang);
    let mut amounts: Vec<Amount> = p.amounts();
    let groups = token_groups(text, toks, sentences, &amounts);
    let group = |i: usize| groups.get(i).copied().unwrap_or(usize::MAX);
    carry_currency(&p, &mut amounts, group);
    amounts.retain(|a| a.currency.is_some());
    if amounts.is_empty() {
        return Vec::new();
    }
    let lx = lexicon();
    let mut in_amount = vec![false; toks.len()];
    for a in &amounts {
        for f in in_amount.iter_mut().take(a.t1).skip(a.t0) {
            *f = true;
        }
    }
    // keywords, in the clauses that hold amounts
    let mut wanted: Vec<usize> = amounts.iter().map(|a| group(a.c0)).collect();
    wanted.dedup();
    let scan: Vec<bool> = groups.iter().map(|g| wanted.contains(g)).collect();
    let mut keywords: Vec<Keyword> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if scan[i] && !in_amount[i] {
            if let Some((n, m)) = lx.metric.longest_at(toks, i) {
                keywords.push(Keyword { start: i, end: i + n, metric: m.clone() });
                i += n;
                continue;
            }
        }
        i += 1;
    }
    let cues = period_cues(&p, toks, &in_amount, &scan);
    let dateline_year = dateline.map(|d| d.year());
    let mut out: Vec<FigureMention> = Vec::new();
    for (ai, a) in amounts.iter().enumerate() {
        // prices and exchange rates (a few units of a currency) are not figures of a relationship
        if a.equivalent || a.value < 1000.0 {
            continue;
        }
        let Some(currency) = a.currency.clone() else { continue };
        let g = group(a.c0);
        let between =
            |from: usize, to: usize| amounts.iter().enumerate().any(|(k, b)| k != ai && b.t0 >= from && b.t1 <= to);
        // change?
        let before_change = lx.change.ending_at(toks, a.t0).or_else(|| lx.change.ending_at(toks, a.c0));
        let after_change = lx.change.longest_at(toks, a.t1).or_else(|| lx.change.longest_at(toks, a.c1));
        let is_change = matches!(before_change, Some((s, Side::Before)) if group(s) == g)
            || matches!(after_change, Some((_, Side::After)) if group(a.t1) == g);
        // metric
        let kws = keywords.iter().filter(|k| group(k.start) == g);
        let mut skip = false;
        let mut best: Option<(usize, &str)> = None;
        let mut weak: Option<(usize, &str)> = None;
        for k in kws {
            let cost = if k.end <= a.t0 {
                if k.metric == "skip" && !between(k.end, a.t0) {
                    skip = true;
                }
                a.t0 - k.end
            } else if k.start >= a.t1 {
                if between(a.t1, k.start) {
                    continue;
                }
                // "$4 million exports": a keyword right after counts like one right before
                2 * (k.start - a.t1)
            } else {
                continue;
            };
            let (slot, m) = match k.metric.strip_prefix('~') {
                Some(m) => (&mut weak, m),
                None => (&mut best, k.metric.as_str()),
            };
            if slot.is_none_or(|(c, _)| cost < c) {
                *slot = Some((cost, m));
            }
        }
        let metric = best.or(weak).map(|b| b.1).unwrap_or("other");
        if skip || metric == "skip" {
            continue;
        }
        let flow = matches!(metric, "trade_turnover" | "export" | "import");
        let clause: Vec<&PeriodCue> = cues.iter().filter(|c| group(c.pos) == g).collect();
        let period = period_of(&clause, a.t0, a.t1, dateline_year, flow);
        let value = a.value;
        if let Some(prev) = out.iter_mut().find(|f| {
            f.metric == metric
                && f.currency == currency
                && f.is_change == is_change
                && (f.value - value).abs() <= 1e-9 * value.abs().max(1.0)
        }) {
            if prev.period.is_none() {
                prev.period = period;
            }
            continue;
        }
        out.push(FigureMention { span: a.span(toks), value, currency, metric: metric.to_owned(), period, is_change });
    }
    out
}
