//! Tokens and sentences: the `analyze` stage's first half.
//!
//! Tokens are words (letters and digits, with inner hyphens and apostrophes:
//! `Усть-Каменогорск`, `ШҚО-ның`, `o‘zbek`), numbers (`39,5`, `3.10.2024`,
//! `11:15`) and single punctuation characters. Whitespace is not a token.
//! Sentences end at `.`, `!`, `?`, `…` before an upper-case letter, a digit or
//! a quote, except after an abbreviation or an initial, and at every line break.

use crate::Span;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// The lemma (dictionary form), filled by the morphology stage.
    pub lemma: Option<Box<str>>,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.slice(text)
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | 'ʻ' | 'ʼ' | '‘' | '`')
}

fn is_word_char(c: char) -> bool {
    is_letter_or_digit(c) || matches!(c, '\u{300}'..='\u{36f}')
}

/// Whether `c` is in the Cyrillic block (U+0400–U+04FF: Russian, Kazakh,
/// Kyrgyz and the other Cyrillic alphabets the pipeline reads).
#[inline]
pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{4ff}')
}

/// `char::is_alphabetic`, answered without a table search for ASCII and the
/// Cyrillic letters (U+0400–U+0481, U+048A–U+052F), which are most of what
/// the pipeline reads.
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if matches!(c, '\u{400}'..='\u{481}' | '\u{48a}'..='\u{52f}') {
        true
    } else {
        c.is_alphabetic()
    }
}

/// `char::is_alphanumeric`, with the fast paths of [`is_letter`].
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    is_letter(c) || c.is_numeric()
}

/// The lower case of one character where it is one character (as
/// `char::to_lowercase` gives it), without a table search for ASCII and the
/// Russian and Kazakh Cyrillic letters; `None` where lower-casing gives
/// several characters (`İ`).
#[inline]
pub fn lower_char(c: char) -> Option<char> {
    let u = c as u32;
    match u {
        0..=0x7f => Some(c.to_ascii_lowercase()),
        0x410..=0x42f => char::from_u32(u + 0x20),
        0x400..=0x40f => char::from_u32(u + 0x50),
        0x430..=0x45f => Some(c),
        // the paired letters of the Cyrillic blocks: upper even, lower odd
        // (Ә ә, Ғ ғ, Қ қ, Ң ң, Ө ө, Ұ ұ, Ү ү, Һ һ, І і is U+0406 above)
        0x460..=0x481 | 0x48a..=0x4bf | 0x4d0..=0x52f => Some(char::from_u32(u | 1).unwrap_or(c)),
        _ => {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(a), None) => Some(a),
                _ => None,
            }
        }
    }
}

/// Whether a character is upper case and whether it is lower case
/// (`char::is_uppercase`, `char::is_lowercase`), without a table search for
/// ASCII and the Cyrillic letters.
#[inline]
pub fn case_of(c: char) -> (bool, bool) {
    let u = c as u32;
    match u {
        0..=0x7f => (c.is_ascii_uppercase(), c.is_ascii_lowercase()),
        0x400..=0x42f => (true, false),
        0x430..=0x45f => (false, true),
        // the paired letters of the Cyrillic blocks: upper even, lower odd
        0x460..=0x481 | 0x48a..=0x4bf | 0x4d0..=0x52f => (u & 1 == 0, u & 1 == 1),
        _ => (c.is_uppercase(), c.is_lowercase()),
    }
}

/// The first character of `c`'s lower case (`c.to_lowercase().next()`),
/// without a table search for ASCII and Cyrillic.
#[inline]
pub fn lower_first(c: char) -> char {
    lower_char(c).or_else(|| c.to_lowercase().next()).unwrap_or(c)
}

/// Whether `s` is already lower case and has no `ё`, as a quick scan of its
/// bytes tells: ASCII without capitals and lower-case Cyrillic letters
/// (Kazakh ones too). `false` means "maybe not": such text takes the
/// general path of whoever asks ([`lower_char`], ё folding...).
pub fn is_lower_without_yo(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            if x.is_ascii_uppercase() {
                return false;
            }
            i += 1;
            continue;
        }
        // two-byte sequences of U+0400..=U+053F only
        let (0xD0..=0xD4, Some(&y)) = (x, b.get(i + 1)) else { return false };
        let cp = (u32::from(x & 0x1F) << 6) | u32::from(y & 0x3F);
        // (the Ӂ row, U+04C0..=U+04CF, pairs the other way round: left to
        // the general path)
        let lower = !(0x4C0..=0x4CF).contains(&cp)
            && char::from_u32(cp).is_some_and(|c| c != 'ё' && case_of(c) == (false, true));
        if !lower {
            return false;
        }
        i += 2;
    }
    true
}

/// Appends the lower case of `s` to `out`: what `str::to_lowercase` gives,
/// faster on Cyrillic and ASCII text.
pub fn push_lowercase(s: &str, out: &mut String) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    // Greek capital sigma lower-cases by its position in a word: leave
    // such text to the standard library.
    if s.contains('\u{3a3}') {
        out.push_str(&s.to_lowercase());
        return;
    }
    for c in s.chars() {
        match lower_char(c) {
            Some(l) => out.push(l),
            None => out.extend(c.to_lowercase()),
        }
    }
}

/// `str::to_lowercase`, faster on Cyrillic and ASCII text.
pub fn to_lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_lowercase(s, &mut out);
    out
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6);
    // the character at byte `i` (always a character boundary here)
    let at = |i: usize| text.get(i..).and_then(|s| s.chars().next());
    let word_at = |i: usize| at(i).filter(|&c| is_word_char(c));
    let token = |start: usize, end: usize, kind: TokenKind| Token { span: Span::new(start, end), kind, lemma: None };
    let mut i = 0;
    while let Some(c) = at(i) {
        if c.is_whitespace() || c == '\u{ad}' || c == '\u{200b}' {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        if c.is_ascii_digit() {
            // digits with inner separators: 39,5  3.10.2024  11:15
            i += 1;
            while let Some(ch) = at(i) {
                if ch.is_ascii_digit() {
                    i += 1;
                } else if matches!(ch, '.' | ',' | ':') && at(i + 1).is_some_and(|d| d.is_ascii_digit()) {
                    i += 2;
                } else {
                    break;
                }
            }
            // a number glued to letters (2025ж, 10th, PDАC-2023 handled as word below)
            if word_at(i).is_some_and(|ch| !ch.is_ascii_digit()) {
                while let Some(ch) = word_at(i) {
                    i += ch.len_utf8();
                }
                out.push(token(start, i, TokenKind::Word));
                continue;
            }
            out.push(token(start, i, TokenKind::Number));
            continue;
        }
        if is_word_char(c) {
            i += c.len_utf8();
            loop {
                while let Some(ch) = word_at(i) {
                    i += ch.len_utf8();
                }
                match at(i) {
                    Some(j) if is_joiner(j) && word_at(i + j.len_utf8()).is_some() => i += j.len_utf8(),
                    _ => break,
                }
            }
            out.push(token(start, i, TokenKind::Word));
            continue;
        }
        i += c.len_utf8();
        out.push(token(start, i, TokenKind::Punct));
    }
    out
}

fn abbreviations() -> &'static HashSet<String> {
    static ABBR: OnceLock<HashSet<String>> = OnceLock::new();
    ABBR.get_or_init(|| {
        include_str!("../../../data/abbreviations.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect()
    })
}

/// Splits `text` into sentence spans, given its tokens. Every character of the
/// text that is not whitespace belongs to exactly one sentence.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None; // token index of the sentence start
    let abbr = abbreviations();
    for (k, tok) in tokens.iter().enumerate() {
        if start.is_none() {
            start = Some(k);
        }
        let next = tokens.get(k + 1);
        let gap = next.map(|n| &text[tok.span.end..n.span.start]).unwrap_or("");
        let mut end_here = next.is_none() || gap.contains('\n');
        if !end_here && tok.kind == TokenKind::Punct {
            let p = tok.text(text);
            if matches!(p, "." | "!" | "?" | "…") && !gap.is_empty() {
                if let Some(n) = next {
                    let nt = n.text(text);
                    let first = nt.chars().next().unwrap_or(' ');
                    let opens = first.is_uppercase()
                        || first.is_ascii_digit()
                        || matches!(first, '«' | '"' | '“' | '„' | '–' | '—' | '(' | '-');
                    let prev_abbrev = p == "."
                        && k > 0
                        && tokens[k - 1].kind == TokenKind::Word
                        && tokens[k - 1].span.end == tok.span.start
                        && {
                            let w = tokens[k - 1].text(text);
                            let lw = w.to_lowercase();
                            w.chars().count() == 1 || abbr.contains(&lw) || {
                                // chained abbreviations: т.е. / e.g.
                                k >= 3
                                    && tokens[k - 2].text(text) == "."
                                    && abbr.contains(&format!("{}.{}", tokens[k - 3].text(text).to_lowercase(), lw))
                            }
                        };
                    end_here = opens && !prev_abbrev;
                }
            }
        }
        if end_here {
            if let Some(s) = start.take() {
                out.push(Span::new(tokens[s].span.start, tok.span.end));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_run_over_exactly_the_word_characters() {
        for u in 0..0x3000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            if c.is_whitespace() || is_joiner(c) || c.is_ascii_digit() || matches!(c, '\u{ad}' | '\u{200b}') {
                continue;
            }
            for t in [format!("ab{c}cd"), format!("жа{c}ық")] {
                let n = tokenize(&t).len();
                assert_eq!(n == 1, is_word_char(c), "{c:?} U+{u:04X} in {t}: {n} tokens");
            }
        }
    }

    #[test]
    fn quick_lower_case_test_never_says_yes_wrongly() {
        for u in 0..0x3000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let s = c.to_string();
            if is_lower_without_yo(&s) {
                assert!(s.to_lowercase() == s && c != 'ё', "{c:?} U+{u:04X}");
            }
        }
        for w in ["посол", "қазақстан", "әкімі", "өңір", "abc-12", "ұлттық", "ғылым", "үкімет", "һ", "і"]
        {
            assert!(is_lower_without_yo(w), "{w}");
        }
        for w in ["Посол", "ёлка", "ҚАЗАҚ", "aBc", "Ә", "naïve", "ӂ", "x’y"] {
            assert!(!is_lower_without_yo(w), "{w}");
        }
    }

    #[test]
    fn fast_letter_tests_agree_with_the_standard_library() {
        for u in 0..=0x10ffffu32 {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(is_letter(c), c.is_alphabetic(), "is_letter {c:?} U+{u:04X}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "is_letter_or_digit {c:?} U+{u:04X}");
            let s = c.to_string();
            assert_eq!(to_lower(&s), s.to_lowercase(), "to_lower {c:?} U+{u:04X}");
            assert_eq!(Some(lower_first(c)), c.to_lowercase().next(), "lower_first {c:?} U+{u:04X}");
        }
        for s in ["Усть-Каменогорск", "ШҚО-НЫҢ", "ӀӁӂ", "ΟΔΟΣ Σ", "İstanbul", "Straße", "ǅ", ""]
        {
            assert_eq!(to_lower(s), s.to_lowercase(), "{s}");
        }
    }

    fn words(t: &str) -> Vec<&str> {
        tokenize(t).iter().map(|k| k.text(t)).collect()
    }

    #[test]
    fn keeps_hyphens_apostrophes_and_numbers_together() {
        assert_eq!(
            words("ШҚО-ның 39,5 млн, 3.10.2024, 11:15 Усть-Каменогорск o‘zbek."),
            vec!["ШҚО-ның", "39,5", "млн", ",", "3.10.2024", ",", "11:15", "Усть-Каменогорск", "o‘zbek", "."]
        );
    }

    #[test]
    fn splits_sentences_but_not_after_initials_or_abbreviations() {
        let t = "ВКТУ им. Д. Серикбаева сотрудничал с вузом. Аким области отметил это!\nНовая строка";
        let toks = tokenize(t);
        let s: Vec<&str> = sentences(t, &toks).iter().map(|s| s.slice(t)).collect();
        assert_eq!(s, vec!["ВКТУ им. Д. Серикбаева сотрудничал с вузом.", "Аким области отметил это!", "Новая строка"]);
    }

    #[test]
    fn lower_case_after_period_does_not_split() {
        let t = "Доход 4,4 млрд. теңгені құрап отыр.";
        let toks = tokenize(t);
        assert_eq!(sentences(t, &toks).len(), 1);
    }
}
