//! The lang stage: identify the language and script of a text and of each
//! paragraph; transliterate Latin-script Kazakh to Cyrillic.
//!
//! The identifier is data-driven (`data/lang/`): every language model has a
//! character-trigram profile built from a sample text, a list of function
//! words, an alphabet and marker letters. Each word of a text scores every
//! language by its trigram log-likelihood relative to the word's best
//! language, clipped so one word weighs at most a few nats, with a penalty
//! when the word holds letters outside the language's alphabet and a bonus
//! when it is one of the language's function words. The text's language is
//! the best total: the decision follows the proportion of words, so a Kazakh
//! page quoting Russian names (or a Russian page with a Kazakh menu) keeps its
//! language. Languages: Kazakh (Cyrillic and both Latin alphabets), Russian,
//! English, Kyrgyz, Uzbek (Latin and Cyrillic), Tatar, Turkish, Ukrainian.

mod model;
mod translit;

use model::{Evidence, Models, MAXL};
use yntymaq_core::{AnalysisText, LangInfo, Paragraph, Script, Span};

pub use translit::{kazakh_latin_variant, to_cyrillic, LatinVariant};

/// Texts with fewer letters than this in a script are too short to judge by
/// their lack of marker letters.
const MARKER_MIN_LETTERS: u32 = 150;
/// Penalty per word of the script when a long text lacks a language's markers.
const MARKER_PENALTY: f32 = 1.0;
/// Score margin (nats) that maps to confidence 0.73; confidence is a logistic
/// function of the margin between the best and the second language.
const CONFIDENCE_SCALE: f32 = 3.0;
/// A paragraph leans on its document's language by at most this many nats.
const PRIOR_CAP: f32 = 3.0;

/// The language, script and confidence of a text. `und` (script of the
/// majority of its letters, confidence 0) for empty or non-linguistic input
/// and for texts mostly in scripts none of the models covers.
pub fn identify(text: &str) -> LangInfo {
    decide(&Evidence::of(text), None)
}

/// The paragraphs of a body (separated by blank lines), each with its span
/// (byte offsets, trimmed of surrounding white space) and language. A short
/// or ambiguous paragraph leans slightly towards the body's language.
pub fn paragraphs(body: &str) -> Vec<Paragraph> {
    let spans = paragraph_spans(body);
    let evidence: Vec<Evidence> = spans.iter().map(|s| Evidence::of(s.slice(body))).collect();
    let mut doc = Evidence::default();
    for e in &evidence {
        doc.add(e);
    }
    let prior = prior_of(&doc);
    spans.into_iter().zip(&evidence).map(|(span, e)| Paragraph { span, lang: decide(e, prior.as_ref()) }).collect()
}

/// Everything the lang stage adds to a document, computed in one pass.
#[derive(Debug, Clone, PartialEq)]
pub struct LangStage {
    /// The body's language (same as [`identify`]).
    pub lang: LangInfo,
    /// The paragraphs (same as [`paragraphs`]).
    pub paragraphs: Vec<Paragraph>,
    /// The Cyrillic transliteration when the body is Latin-script Kazakh.
    pub analysis: Option<AnalysisText>,
}

/// The lang stage in one pass: the body's language, its paragraphs and, for
/// Latin-script Kazakh, the transliteration (half the work of calling
/// [`identify`] and [`paragraphs`] separately).
pub fn lang_stage(body: &str) -> LangStage {
    let spans = paragraph_spans(body);
    let evidence: Vec<Evidence> = spans.iter().map(|s| Evidence::of(s.slice(body))).collect();
    let mut doc = Evidence::default();
    for e in &evidence {
        doc.add(e);
    }
    let lang = decide(&doc, None);
    let prior = prior_of(&doc);
    let paragraphs =
        spans.into_iter().zip(&evidence).map(|(span, e)| Paragraph { span, lang: decide(e, prior.as_ref()) }).collect();
    let analysis = (lang.code == "kk" && lang.script == Script::Latin).then(|| to_cyrillic(body));
    LangStage { lang, paragraphs, analysis }
}

/// The lang stage for a body whose language the caller states (an ISO 639-1
/// code such as `kk` or `ru`): nothing is identified. The language is the
/// stated one (confidence 1) in the script most of the body's letters are
/// in, every paragraph has it, and Latin-script Kazakh gets its Cyrillic
/// transliteration.
pub fn stated_lang_stage(body: &str, code: &str) -> LangStage {
    let ev = Evidence { letters: script_letters(body), ..Evidence::default() };
    let lang = LangInfo { code: code.to_owned(), script: majority_script(&ev), confidence: 1.0 };
    let paragraphs = paragraph_spans(body).into_iter().map(|span| Paragraph { span, lang: lang.clone() }).collect();
    let analysis = (lang.code == "kk" && lang.script == Script::Latin).then(|| to_cyrillic(body));
    LangStage { lang, paragraphs, analysis }
}

/// Letters of `text` by script (Cyrillic, Latin, Arabic, other). ASCII and
/// two-byte Cyrillic characters are decoded from their bytes without a
/// script lookup; every character is a letter by [`yntymaq_core::is_letter`].
pub(crate) fn script_letters(text: &str) -> [u32; 4] {
    let mut letters = [0u32; 4];
    let (cyr, lat) = (model::script_slot(Script::Cyrillic), model::script_slot(Script::Latin));
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            if x.is_ascii_alphabetic() {
                letters[lat] += 1;
            }
            i += 1;
            continue;
        }
        if let (0xD0..=0xD4, Some(&y)) = (x, b.get(i + 1)) {
            // U+0400..=U+052F, all of it Cyrillic (script_of)
            let cp = (u32::from(x & 0x1F) << 6) | u32::from(y & 0x3F);
            if let Some(c) = char::from_u32(cp).filter(|_| cp <= 0x52F) {
                if yntymaq_core::is_letter(c) {
                    letters[cyr] += 1;
                }
                i += 2;
                continue;
            }
        }
        let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else { break };
        if yntymaq_core::is_letter(c) {
            if let Some(n) = letters.get_mut(model::script_slot(model::script_of(c))) {
                *n += 1;
            }
        }
        i += c.len_utf8();
    }
    letters
}

/// Spans of the paragraphs of `body`: maximal runs of non-blank lines,
/// trimmed of white space.
pub fn paragraph_spans(body: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(s, end));
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            let content_end = pos + line.trim_end().len();
            if start.is_none() {
                start = Some(pos + lead);
            }
            end = content_end;
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, end));
    }
    out
}

/// Per-language prior for paragraphs: the document's per-word score relative
/// to its best language, capped at [`PRIOR_CAP`].
fn prior_of(doc: &Evidence) -> Option<[f32; MAXL]> {
    let words = doc.words.iter().sum::<u32>();
    if words == 0 {
        return None;
    }
    let n = Models::global().n();
    let adjusted = adjusted_scores(doc);
    let best = adjusted[..n].iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut p = [0f32; MAXL];
    for l in 0..n {
        p[l] = ((adjusted[l] - best) / words as f32).max(-PRIOR_CAP);
    }
    Some(p)
}

/// Scores after the marker-letter check.
fn adjusted_scores(ev: &Evidence) -> [f32; MAXL] {
    let m = Models::global();
    let mut s = ev.score;
    for (l, lang) in m.langs.iter().enumerate() {
        s[l] += lang.prior;
        let si = match lang.script {
            Script::Cyrillic => 0,
            Script::Latin => 1,
            _ => continue,
        };
        let letters = ev.letters[si];
        if letters < MARKER_MIN_LETTERS {
            continue;
        }
        let rate = ev.markers[l] as f32 / letters as f32;
        if rate < lang.min_marker_rate * 0.25 {
            s[l] -= MARKER_PENALTY * ev.words[si] as f32;
        }
    }
    s
}

fn majority_script(ev: &Evidence) -> Script {
    let [c, l, a, o] = ev.letters;
    let max = c.max(l).max(a).max(o);
    if max == 0 {
        Script::Other
    } else if max == c {
        Script::Cyrillic
    } else if max == l {
        Script::Latin
    } else if max == a {
        Script::Arabic
    } else {
        Script::Other
    }
}

fn decide(ev: &Evidence, prior: Option<&[f32; MAXL]>) -> LangInfo {
    let m = Models::global();
    let n = m.n();
    let covered = ev.letters[0] + ev.letters[1];
    let total: u32 = ev.letters.iter().sum();
    if n == 0 || covered < 2 || (covered as f32) < 0.3 * total as f32 {
        let mut u = LangInfo::undetermined();
        u.script = majority_script(ev);
        return u;
    }
    let mut s = adjusted_scores(ev);
    if let Some(p) = prior {
        for l in 0..n {
            s[l] += p[l];
        }
    }
    let (mut best, mut second) = (0usize, None::<usize>);
    for l in 1..n {
        if s[l] > s[best] {
            second = Some(best);
            best = l;
        } else if second.is_none_or(|k| s[l] > s[k]) {
            second = Some(l);
        }
    }
    let margin = second.map_or(f32::INFINITY, |k| s[best] - s[k]);
    let confidence = (1.0 / (1.0 + (-margin / CONFIDENCE_SCALE).exp())).clamp(0.0, 1.0);
    let lang = &m.langs[best];
    LangInfo { code: lang.code.clone(), script: lang.script, confidence }
}

/// The model id (`kk`, `kk-latn`, `uz-cyrl`...) and scores of every model for
/// a text, best first: for diagnostics.
pub fn scores(text: &str) -> Vec<(String, f32)> {
    let ev = Evidence::of(text);
    let s = adjusted_scores(&ev);
    let m = Models::global();
    let mut v: Vec<(String, f32)> = m.langs.iter().enumerate().map(|(l, d)| (d.id.clone(), s[l])).collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1));
    v
}

#[cfg(test)]
mod tests;
