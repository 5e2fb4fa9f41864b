//! Money amounts: numbers (digits or words), scale words, currencies before or
//! after, ranges sharing a scale, equivalents in a second currency, and a
//! currency carried over from an earlier amount of the sentence.

use crate::lexicon::{lexicon, CurPos, HashMap, ModKind, NumKind, NumWord};
use crate::toks::Tok;
use yntymaq_core::{Span, TokenKind};

/// A money amount over the recognizer's tokens.
#[derive(Debug, Clone)]
pub(crate) struct Amount {
    /// Token range with modifiers ("более", "астам").
    pub t0: usize,
    pub t1: usize,
    /// Token range of the amount proper (number to currency).
    pub c0: usize,
    pub c1: usize,
    pub value: f64,
    /// The number before scale and currency multipliers (for range checks).
    pub raw: f64,
    /// The first scale multiplier, if any.
    pub scale: Option<f64>,
    pub currency: Option<String>,
    /// Currency multiplier (0.01 for cents, tiyn).
    pub cur_mult: f64,
    /// The same amount restated in another currency: "(13 млн долларов)".
    pub equivalent: bool,
}

impl Amount {
    pub fn span(&self, toks: &[Tok<'_>]) -> Span {
        let s = toks.get(self.t0).map(|t| t.span.start).unwrap_or(0);
        let e = toks.get(self.t1.saturating_sub(1)).map(|t| t.span.end).unwrap_or(s);
        Span::new(s, e.max(s))
    }
}

fn glued(toks: &[Tok<'_>], a: usize, b: usize) -> bool {
    match (toks.get(a), toks.get(b)) {
        (Some(x), Some(y)) => x.span.end == y.span.start,
        _ => false,
    }
}

/// The gap between two tokens is one space (of any width), not a line break.
fn single_space(text: &str, toks: &[Tok<'_>], a: usize, b: usize) -> bool {
    match (toks.get(a), toks.get(b)) {
        (Some(x), Some(y)) if x.span.end <= y.span.start => {
            let gap = text.get(x.span.end..y.span.start).unwrap_or("");
            let mut cs = gap.chars();
            matches!(cs.next(), Some(c) if c == ' ' || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2009}')
                && cs.next().is_none()
        }
        _ => false,
    }
}

/// The value of a digits token: `39,5`, `1.2`, `12,600,000,000`, `1.234,5`.
/// `scaled` says whether a scale word follows (then `1.500` reads 1.5).
pub(crate) fn digits_value(s: &str, lang: &str, scaled: bool) -> Option<f64> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
        return None;
    }
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let groups_of_3 = |sep: char| s.split(sep).skip(1).all(|g| g.len() == 3);
    let plain = |x: &str| x.replace([',', '.'], "").parse::<f64>().ok();
    match (commas, dots) {
        (0, 0) => s.parse().ok(),
        (c, 0) if c > 1 => groups_of_3(',').then(|| plain(s)).flatten(),
        (0, d) if d > 1 => groups_of_3('.').then(|| plain(s)).flatten(),
        (1, 0) => {
            let after = s.split(',').nth(1).unwrap_or("");
            if lang == "en" && after.len() == 3 {
                plain(s)
            } else {
                s.replace(',', ".").parse().ok()
            }
        }
        (0, 1) => {
            let after = s.split('.').nth(1).unwrap_or("");
            if lang != "en" && after.len() == 3 && !scaled {
                plain(s)
            } else {
                s.parse().ok()
            }
        }
        _ => {
            // both: the later separator is the decimal one
            let lc = s.rfind(',').unwrap_or(0);
            let ld = s.rfind('.').unwrap_or(0);
            let (thou, dec) = if lc > ld { ('.', ',') } else { (',', '.') };
            if s.matches(dec).count() != 1 {
                return None;
            }
            s.replace(thou, "").replace(dec, ".").parse().ok()
        }
    }
}

pub(crate) struct Parser<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok<'a>],
    pub lang: &'a str,
    numbers: Vec<&'static HashMap<String, NumWord>>,
}

impl<'a> Parser<'a> {
    pub fn new(text: &'a str, toks: &'a [Tok<'a>], lang: &'a str) -> Self {
        let lx = lexicon();
        let numbers = match lx.numbers.get(lang) {
            Some(m) => vec![m],
            None => lx.numbers.values().collect(),
        };
        Parser { text, toks, lang, numbers }
    }

    fn low(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| t.low).unwrap_or("")
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokenKind::Punct && t.low == p)
    }

    fn num_word(&self, i: usize) -> Option<NumWord> {
        let w = self.low(i);
        if self.toks.get(i).is_none_or(|t| t.kind != TokenKind::Word) {
            return None;
        }
        self.numbers.iter().find_map(|m| m.get(w).copied())
    }

    /// A scale word at `i`: (tokens used incl. a glued dot, multiplier).
    fn scale_at(&self, i: usize) -> Option<(usize, f64)> {
        let lows = self.lows();
        let (n, m) = lexicon().scale.longest_at(lows, i)?;
        let w = self.low(i);
        // one-letter scales only glued to the number: $5m, 2b
        if w.chars().count() == 1 && !glued(self.toks, i.wrapping_sub(1), i) {
            return None;
        }
        Some((n + self.glued_dot(i + n - 1), *m))
    }

    /// 1 when token `last + 1` is a dot glued to `last` that does not end the
    /// sentence ("млн. АҚШ", "млрд.теңгені").
    fn glued_dot(&self, last: usize) -> usize {
        if self.is_punct(last + 1, ".") && glued(self.toks, last, last + 1) {
            if let Some(next) = self.toks.get(last + 2) {
                let c = next.span.slice(self.text).chars().next().unwrap_or(' ');
                let cur = lexicon().currency.longest_at(self.lows(), last + 2).is_some();
                if c.is_lowercase() || cur {
                    return 1;
                }
            }
        }
        0
    }

    fn line_break(&self, a: usize, b: usize) -> bool {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) if x.span.end <= y.span.start => {
                self.text.get(x.span.end..y.span.start).is_some_and(|g| g.contains('\n'))
            }
            _ => false,
        }
    }

    fn lows(&self) -> &[Tok<'_>] {
        self.toks
    }

    /// A currency at `i`; `before` asks for one that may precede the number.
    fn currency_at(&self, i: usize, before: bool) -> Option<(usize, String, f64)> {
        let (n, c) = lexicon().currency.longest_at(self.lows(), i)?;
        if before && c.pos != CurPos::Both {
            return None;
        }
        // a symbol or code sits on the number's line (rate widgets put "24\n$")
        let word = self.toks.get(i).is_some_and(|t| t.kind == TokenKind::Word && t.low.chars().count() > 3);
        let (a, b) = if before { (i + n - 1, i + n) } else { (i.wrapping_sub(1), i) };
        if !word && self.line_break(a, b) {
            return None;
        }
        Some((n + self.glued_dot(i + n - 1), c.code.clone(), c.mult))
    }

    /// A number written in digits at `i` (with space-grouped thousands, and the
    /// transcripts' "3 , 5"): (value, next index).
    pub(crate) fn digits_at(&self, i: usize) -> Option<(f64, usize)> {
        let t = self.toks.get(i)?;
        if t.kind != TokenKind::Number {
            return None;
        }
        let s = t.low;
        // 1 200 000
        if s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit()) {
            let mut j = i + 1;
            let mut digits = s.to_owned();
            while let Some(n) = self.toks.get(j) {
                let ok = n.kind == TokenKind::Number
                    && n.low.len() == 3
                    && n.low.chars().all(|c| c.is_ascii_digit())
                    && single_space(self.text, self.toks, j - 1, j);
                if !ok {
                    break;
                }
                digits.push_str(n.low);
                j += 1;
            }
            if j > i + 1 {
                return Some((digits.parse().ok()?, j));
            }
            // 3 , 5 миллиард (spaced decimal comma, before a scale)
            if self.is_punct(i + 1, ",") && !glued(self.toks, i, i + 1) && !glued(self.toks, i + 1, i + 2) {
                if let Some(f) = self.toks.get(i + 2) {
                    if f.kind == TokenKind::Number
                        && f.low.len() <= 2
                        && f.low.chars().all(|c| c.is_ascii_digit())
                        && self.scale_at(i + 3).is_some()
                    {
                        let v: f64 = format!("{s}.{}", f.low).parse().ok()?;
                        return Some((v, i + 3));
                    }
                }
            }
        }
        let scaled = self.scale_at(i + 1).is_some();
        Some((digits_value(s, self.lang, scaled)?, i + 1))
    }

    /// A number in words at `i`: "үш жүз сексен", "бес бүтін оннан үш", "бір жарым".
    pub(crate) fn words_at(&self, i: usize) -> Option<(f64, usize)> {
        let mut group = 0.0;
        let mut any = false;
        let mut j = i;
        while let Some(w) = self.num_word(j) {
            match w.kind {
                NumKind::Add => {
                    group += w.value;
                    any = true;
                }
                NumKind::Hundred => {
                    group = if group == 0.0 { 100.0 } else { group * 100.0 };
                    any = true;
                }
                NumKind::Half if any => group += 0.5,
                NumKind::Point if any => {
                    let mut k = j + 1;
                    let mut denom = None;
                    if let Some(d) = self.num_word(k).filter(|d| d.kind == NumKind::Denom) {
                        denom = Some(d.value);
                        k += 1;
                    }
                    let mut frac: f64 = 0.0;
                    let start = k;
                    while let Some(f) = self.num_word(k).filter(|f| matches!(f.kind, NumKind::Add | NumKind::Hundred)) {
                        frac = if f.kind == NumKind::Hundred { frac.max(1.0) * 100.0 } else { frac + f.value };
                        k += 1;
                    }
                    if k == start {
                        break;
                    }
                    let denom = denom.unwrap_or(if frac < 10.0 { 10.0 } else { 100.0 });
                    group += frac / denom;
                    return Some((group, k));
                }
                NumKind::DPoint if any => {
                    // он алты да тоғыз миллиард: a unit word, then a scale
                    let f = self.num_word(j + 1).filter(|f| f.kind == NumKind::Add && f.value < 10.0)?;
                    if self.scale_at(j + 2).is_none() {
                        break;
                    }
                    return Some((group + f.value / 10.0, j + 2));
                }
                _ => break,
            }
            j += 1;
        }
        any.then_some((group, j))
    }

    /// One number group and its scale: (raw, scale, next).
    fn group_at(&self, i: usize) -> Option<(f64, Option<f64>, usize, bool)> {
        let (raw, j, spelled) = match self.digits_at(i) {
            Some((v, j)) => (v, j, false),
            None => {
                let (v, j) = self.words_at(i)?;
                (v, j, true)
            }
        };
        match self.scale_at(j) {
            Some((n, m)) => Some((raw, Some(m), j + n, spelled)),
            None => Some((raw, None, j, spelled)),
        }
    }

    /// An amount starting at token `i` (modifiers, currency, number, scale,
    /// currency, modifiers). Amounts without a currency are returned too (for
    /// ranges and carry-over) when they have a scale.
    pub fn amount_at(&self, i: usize) -> Option<Amount> {
        let lx = lexicon();
        let mut j = i;
        if let Some((n, _)) = lx.modifier.longest_at_by(self.lows(), j, |k| *k == ModKind::Before) {
            j += n;
        }
        let c0 = j;
        let mut currency = None;
        let mut cur_mult = 1.0;
        if let Some((n, code, m)) = self.currency_at(j, true) {
            if self.toks.get(j + n).is_some_and(|t| t.kind == TokenKind::Number) {
                currency = Some(code);
                cur_mult = m;
                j += n;
            }
        }
        let (raw, scale, mut k, spelled) = self.group_at(j)?;
        let mut value = raw * scale.unwrap_or(1.0);
        // compound: 1 миллиард 210 миллионов; алпыс алты мың тоғыз жүз он үш
        if let Some(mut last_scale) = scale {
            while let Some((r2, s2, k2, _)) = self.group_at(k) {
                let s2v = s2.unwrap_or(1.0);
                let then_currency = s2.is_some() || self.currency_at(k2, false).is_some();
                if s2v >= last_scale || !then_currency || r2 >= 1000.0 {
                    break;
                }
                value += r2 * s2v;
                last_scale = s2v;
                k = k2;
            }
        }
        if currency.is_none() {
            if let Some((n, code, m)) = self.currency_at(k, false) {
                // a spelled number needs a scale or a currency word, not a symbol
                let word = self.toks.get(k).is_some_and(|t| t.kind == TokenKind::Word);
                if !spelled || scale.is_some() || word {
                    currency = Some(code);
                    cur_mult = m;
                    k += n;
                }
            }
        }
        if currency.is_none() && scale.is_none() {
            // a bare number: only as the first half of a range
            return Some(Amount { t0: i, t1: k, c0, c1: k, value, raw, scale, currency, cur_mult, equivalent: false })
                .filter(|_| !spelled || raw > 0.0);
        }
        let c1 = k;
        if let Some((n, _)) = lx.modifier.longest_at_by(self.lows(), k, |kd| *kd == ModKind::After) {
            k += n;
        }
        Some(Amount {
            t0: i,
            t1: k,
            c0,
            c1,
            value: value * cur_mult,
            raw,
            scale,
            currency,
            cur_mult,
            equivalent: false,
        })
    }

    /// Every amount in the tokens, left to right, ranges split in two.
    /// Bare numbers are dropped; amounts with a scale but no currency are kept.
    pub fn amounts(&self) -> Vec<Amount> {
        let lx = lexicon();
        let mut out: Vec<Amount> = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            // an amount holds a number within its first four tokens, or a number word
            let near_number = (i..(i + 4).min(self.toks.len())).any(|k| self.toks[k].kind == TokenKind::Number);
            if !near_number && (i..i + 3).all(|k| self.num_word(k).is_none()) {
                i += 1;
                continue;
            }
            let Some(mut a) = self.amount_at(i) else {
                i += 1;
                continue;
            };
            // a range: 294–350 млн, от 294 до 350 млн, $1-2 million, 10 – 15 мың теңге
            if a.scale.is_none() && a.c1 == a.t1 {
                if let Some((n, _)) = lx.modifier.longest_at_by(self.lows(), a.c1, |k| *k == ModKind::Range) {
                    if let Some(b) = self.amount_at(a.c1 + n) {
                        let shares = b.scale.is_some() || b.currency.is_some();
                        if shares && a.raw <= b.raw && b.c0 == a.c1 + n {
                            a.value = a.raw * b.scale.unwrap_or(1.0) * b.cur_mult;
                            a.scale = b.scale;
                            if a.currency.is_none() {
                                a.currency = b.currency.clone();
                            }
                            let next = b.t1;
                            self.push(&mut out, a);
                            self.push(&mut out, b);
                            i = next;
                            continue;
                        }
                    }
                }
            }
            if a.currency.is_none() && a.scale.is_none() {
                i += 1;
                continue;
            }
            let next = a.t1.max(i + 1);
            self.push(&mut out, a);
            i = next;
        }
        out
    }

    /// Appends an amount, marking it an equivalent when it restates the one before:
    /// "2 billion tenge ($13 million)", "2 млрд тенге, или 13 млн долларов".
    fn push(&self, out: &mut Vec<Amount>, mut a: Amount) {
        if let Some(p) = out.last() {
            if p.currency.is_some() && a.currency.is_some() && p.currency != a.currency {
                let mut k = p.t1;
                if self.is_punct(k, ",") {
                    k += 1;
                }
                let paren = self.is_punct(k, "(") && k + 1 == a.t0;
                let equiv = lexicon()
                    .modifier
                    .longest_at_by(self.lows(), k, |kind| *kind == ModKind::Equiv)
                    .is_some_and(|(n, _)| k + n == a.t0);
                if paren || equiv {
                    a.equivalent = true;
                }
            }
        }
        out.push(a);
    }
}

/// Gives amounts without a currency the currency of the amount before them in
/// the same sentence, when nothing else follows them ("30 млн долларов США, в
/// том числе экспорт 3,4 млн" → USD) — not "1 млн. тонна".
pub(crate) fn carry_currency(p: &Parser<'_>, amounts: &mut [Amount], sentence_of: impl Fn(usize) -> usize) {
    let lx = lexicon();
    let mut last: Option<(usize, String, f64)> = None; // sentence, currency, multiplier
    for a in amounts.iter_mut() {
        let s = sentence_of(a.t0);
        if a.currency.is_none() {
            let Some((ls, code, m)) = last.clone() else { continue };
            if ls != s {
                continue;
            }
            let free = match p.toks.get(a.t1) {
                None => true,
                Some(t) if t.kind != TokenKind::Word => true,
                Some(_) => {
                    let lows = p.lows();
                    lx.metric.longest_at(lows, a.t1).is_some()
                        || lx.change.longest_at(lows, a.t1).is_some()
                        || lx.period.longest_at(lows, a.t1).is_some()
                        || matches!(
                            p.low(a.t1),
                            "и" | "а" | "в" | "из" | "and" | "in" | "ал" | "және" | "или" | "or" | "немесе"
                        )
                }
            };
            if free && sentence_of(a.t1.saturating_sub(1)) == s {
                a.currency = Some(code);
                a.value *= m;
                a.cur_mult = m;
            }
        } else if let Some(c) = &a.currency {
            last = Some((s, c.clone(), a.cur_mult));
        }
    }
}
