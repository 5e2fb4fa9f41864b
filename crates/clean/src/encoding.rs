//! Bytes to text: the declared charset first, then detection.
//!
//! Older Kazakh sites still serve windows-1251, KOI8-R and UTF-16 pages. The
//! order is: a byte-order mark; the charset the page or the transport declares;
//! strict UTF-8; UTF-16 recognised by its zero bytes; then statistical
//! detection (chardetng). Input that decodes only with replacement characters,
//! binary data, and UTF-8 with broken sequences are errors, never mojibake.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("empty input")]
    Empty,
    #[error("binary data, not text (zero byte at offset {0})")]
    Binary(usize),
    #[error("invalid UTF-8 at byte {0} in text that is otherwise UTF-8")]
    InvalidUtf8(usize),
    #[error("cannot decode as {encoding}: {bad} malformed sequences")]
    Malformed { encoding: &'static str, bad: usize },
}

/// Text decoded from bytes, and the encoding it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// The charset an HTML page declares in its first 4 KB (`<meta charset>` or
/// `http-equiv="Content-Type"`), if any.
pub fn html_declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        while i < lower.len() && matches!(lower[i], b' ' | b'=' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len() && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.')) {
            i += 1;
        }
        if i > start {
            if let Some(enc) = Encoding::for_label(&lower[start..i]) {
                return Some(enc);
            }
        }
        from = i.max(from + pos + 1);
    }
    None
}

/// The encoding named by a `Content-Type` header value (`text/html; charset=windows-1251`).
pub fn header_charset(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let pos = lower.find("charset=")?;
    let rest = lower[pos + 8..].trim_matches(|c| c == '"' || c == '\'' || c == ' ');
    let label: String = rest.chars().take_while(|c| !matches!(c, ';' | '"' | '\'' | ' ')).collect();
    Encoding::for_label(label.as_bytes())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// UTF-16 without a byte-order mark: the high bytes of a UTF-16 text in one
/// script take very few values (0x00 for Latin and spaces, 0x04 for Cyrillic),
/// while the low bytes vary. Returns the byte order that shows that pattern.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let concentrated = |parity: usize| {
        let mut counts = [0usize; 256];
        for b in head.iter().skip(parity).step_by(2) {
            counts[*b as usize] += 1;
        }
        let total = head.len() / 2;
        let mut sorted = counts;
        sorted.sort_unstable_by(|a, b| b.cmp(a));
        let distinct = counts.iter().filter(|c| **c > 0).count();
        (sorted[0] + sorted[1]) * 100 >= total * 95 && counts[0] > 0 && distinct <= 4
    };
    let candidates = [(1, UTF_16LE), (0, UTF_16BE)];
    for (hi, enc) in candidates {
        if concentrated(hi) && !concentrated(1 - hi) {
            let (text, errors) = enc.decode_without_bom_handling(head);
            let letters = text.chars().filter(|c| c.is_alphabetic() || c.is_whitespace()).count();
            if !errors && letters * 10 >= text.chars().count() * 7 {
                return Some(enc);
            }
        }
    }
    None
}

/// Decodes `bytes`; `declared` is a charset named by the transport or the page.
pub fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return strict(enc, &bytes[bom..]);
    }
    if let Some(enc) = sniff_utf16(bytes) {
        return strict(enc, bytes);
    }
    if let Some(pos) = bytes.iter().position(|b| *b == 0) {
        return Err(DecodeError::Binary(pos));
    }
    // A declared UTF-16 on bytes without zeros is a lie told by many servers.
    let declared = declared.filter(|e| *e != UTF_16LE && *e != UTF_16BE);
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            if declared.is_none_or(|d| d == UTF_8 || s.is_ascii()) {
                return Ok(Decoded { text: s.to_owned(), encoding: UTF_8.name() });
            }
        }
        Err(e) => {
            // Mostly-UTF-8 text with a broken sequence is corrupt, not a legacy
            // encoding: a legacy single-byte text almost never forms valid
            // multi-byte UTF-8 sequences.
            let valid = &bytes[..e.valid_up_to()];
            let multibyte = valid.iter().filter(|b| **b >= 0xC2 && **b <= 0xF4).count();
            if declared.is_none_or(|d| d == UTF_8) && multibyte >= 2 {
                return Err(DecodeError::InvalidUtf8(e.valid_up_to()));
            }
        }
    }
    if let Some(enc) = declared.filter(|d| *d != UTF_8) {
        return strict(enc, bytes);
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let enc = det.guess(None, true);
    strict(enc, bytes)
}

fn strict(enc: &'static Encoding, bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        let bad = text.chars().filter(|c| *c == '\u{fffd}').count();
        // A stray broken byte in a long page is tolerated; more is garbage.
        if bad > 3 && bad * 200 > text.chars().count() {
            return Err(DecodeError::Malformed { encoding: enc.name(), bad });
        }
    }
    let text = text.into_owned();
    if let Some(pos) = text.find('\0') {
        return Err(DecodeError::Binary(pos));
    }
    Ok(Decoded { text, encoding: enc.name() })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RU: &str = "Аким Карагандинской области обсудил совместные инициативы с послом Канады. \
                      Стороны обсудили сотрудничество в сферах экономики, образования и спорта.";

    #[test]
    fn utf8_passes_through() {
        let d = decode(RU.as_bytes(), None).unwrap();
        assert_eq!(d.text, RU);
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn detects_windows_1251_and_koi8_r() {
        for enc in [encoding_rs::WINDOWS_1251, encoding_rs::KOI8_R] {
            let (bytes, _, _) = enc.encode(RU);
            let d = decode(&bytes, None).unwrap();
            assert_eq!(d.text, RU, "{}", enc.name());
        }
    }

    #[test]
    fn declared_charset_wins() {
        let html = format!("<html><head><meta charset=\"windows-1251\"></head><body>{RU}</body></html>");
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&html);
        let declared = html_declared_charset(&bytes);
        assert_eq!(declared, Some(encoding_rs::WINDOWS_1251));
        assert_eq!(decode(&bytes, declared).unwrap().text, html);
        let koi = header_charset("text/html; charset=KOI8-R");
        assert_eq!(koi, Some(encoding_rs::KOI8_R));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let mut le: Vec<u8> = RU.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&le, None).unwrap().text, RU);
        le.splice(0..0, [0xFF, 0xFE]);
        assert_eq!(decode(&le, None).unwrap().text, RU);
        let be: Vec<u8> = "Hello, Astana and Almaty".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&be, None).unwrap().text, "Hello, Astana and Almaty");
    }

    #[test]
    fn rejects_binary_empty_and_broken_utf8() {
        assert_eq!(decode(b"", None), Err(DecodeError::Empty));
        assert_eq!(decode(b"  \n", None), Err(DecodeError::Empty));
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
        assert!(matches!(decode(png, None), Err(DecodeError::Binary(_))));
        let mut broken = RU.as_bytes().to_vec();
        broken.insert(40, 0xFF);
        assert!(matches!(decode(&broken, None), Err(DecodeError::InvalidUtf8(_))));
    }
}
