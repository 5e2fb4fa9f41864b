//! The recognizers' view of the tokens: lower-cased, with numbers glued to
//! letters split apart ("USD513", "90thousand", "млн-ға", "2,5млн").

use crate::lexicon::lexicon;
use yntymaq_core::{Span, Token, TokenKind};

#[cfg(test)]
mod tests {
    #[test]
    fn lowers_russian_and_kazakh_letters() {
        assert_eq!(super::lower("ҚАЗАҚСТАН Ёлка ӘҒҚҢӨҰҮҺІ USD"), "қазақстан елка әғқңөұүһі usd");
        assert_eq!(super::lower("Ünal"), "ünal");
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    pub span: Span,
    pub kind: TokenKind,
    /// Lower-cased text, `ё` as `е` (a slice of one buffer for all tokens).
    pub low: &'a str,
}

impl AsRef<str> for Tok<'_> {
    fn as_ref(&self) -> &str {
        self.low
    }
}

/// Lower case with ё folded to е.
fn lower_char(c: char) -> char {
    match c {
        'Ё' | 'ё' => 'е',
        _ => yntymaq_core::lower_first(c),
    }
}

#[cfg(test)]
pub(crate) fn lower(s: &str) -> String {
    s.chars().map(lower_char).collect()
}

fn lower_into(buf: &mut String, s: &str) -> (usize, usize) {
    let start = buf.len();
    if yntymaq_core::is_lower_without_yo(s) {
        buf.push_str(s);
    } else if s.is_ascii() {
        buf.push_str(s);
        if let Some(added) = buf.get_mut(start..) {
            added.make_ascii_lowercase();
        }
    } else {
        buf.extend(s.chars().map(lower_char));
    }
    (start, buf.len())
}

fn is_num_char(c: char) -> bool {
    c.is_ascii_digit() || c == ',' || c == '.'
}

/// Splits the word token at byte offset `at` (relative to its start) into two.
fn push_split(out: &mut Vec<(Span, TokenKind)>, span: Span, at: usize, first: TokenKind, second: TokenKind) {
    out.push((Span::new(span.start, span.start + at), first));
    out.push((Span::new(span.start + at, span.end), second));
}

fn lower_str(s: &str) -> String {
    s.chars().map(lower_char).collect()
}

fn known_unit(low: &str) -> bool {
    let lx = lexicon();
    lx.scale.longest_at(&[low], 0).is_some_and(|(n, _)| n == 1)
        || lx.currency.longest_at(&[low], 0).is_some_and(|(n, _)| n == 1)
}

/// The recognizers' tokens; `buf` receives their lower-cased text.
pub(crate) fn build<'a>(text: &str, tokens: &[Token], buf: &'a mut String) -> Vec<Tok<'a>> {
    let parts = split(text, tokens);
    buf.clear();
    buf.reserve(text.len() + 16);
    let ranges: Vec<(usize, usize)> = parts.iter().map(|(sp, _)| lower_into(buf, sp.slice(text))).collect();
    let buf: &'a String = buf;
    parts
        .into_iter()
        .zip(ranges)
        .map(|((span, kind), (a, b))| Tok { span, kind, low: buf.get(a..b).unwrap_or("") })
        .collect()
}

fn split(text: &str, tokens: &[Token]) -> Vec<(Span, TokenKind)> {
    let mut out = Vec::with_capacity(tokens.len() + 8);
    for t in tokens {
        let s = t.span.slice(text);
        if t.kind == TokenKind::Word {
            let first = s.chars().next().unwrap_or(' ');
            // 90thousand, 2,5млн, 2025ж
            if first.is_ascii_digit() {
                let at = s.find(|c: char| !is_num_char(c)).unwrap_or(s.len());
                let num = s[..at].trim_end_matches([',', '.']);
                let at = num.len();
                if at > 0 && at < s.len() {
                    push_split(&mut out, t.span, at, TokenKind::Number, TokenKind::Word);
                    continue;
                }
            }
            // USD513, KZT1000
            if first.is_ascii_uppercase() {
                if let Some(at) = s.find(|c: char| c.is_ascii_digit()) {
                    if s[at..].chars().all(is_num_char) && at <= 4 && known_unit(&lower_str(&s[..at])) {
                        push_split(&mut out, t.span, at, TokenKind::Word, TokenKind::Number);
                        continue;
                    }
                }
            }
            // млн-ға, долларға-дейін: a unit with a case ending after a hyphen
            if let Some(at) = s.bytes().position(|b| b == b'-') {
                if at > 0 && known_unit(&lower_str(&s[..at])) {
                    push_split(&mut out, t.span, at, TokenKind::Word, TokenKind::Word);
                    continue;
                }
            }
        }
        out.push((t.span, t.kind));
    }
    out
}
