//! Gold NER corpora in the JSON Lines form of `../shared/eval/ner/`
//! (`{"id","lang","text","entities":[{"start","end","label"}]}`, offsets in
//! Unicode characters), read into tokenised documents with byte spans.

use serde::Deserialize;
use yntymaq_core::{tokenize, Label, Span, Token};

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    #[error("{path}:{line}: {msg}")]
    Json { path: String, line: usize, msg: String },
}

#[derive(Deserialize)]
struct RawEntity {
    start: usize,
    end: usize,
    label: String,
}

#[derive(Deserialize)]
struct RawDoc {
    id: String,
    #[serde(default)]
    lang: Option<String>,
    text: String,
    #[serde(default)]
    entities: Vec<RawEntity>,
}

/// A gold document: its tokens and entities as byte spans.
#[derive(Debug, Clone)]
pub struct Doc {
    pub id: String,
    pub lang: Option<String>,
    pub text: String,
    pub tokens: Vec<Token>,
    pub entities: Vec<(Span, Label)>,
}

pub fn parse_label(s: &str) -> Option<Label> {
    Some(match s {
        "PER" => Label::Per,
        "LOC" => Label::Loc,
        "ORG" => Label::Org,
        "ROLE" => Label::Role,
        "MONEY" => Label::Money,
        "DATE" => Label::Date,
        _ => return None,
    })
}

/// Reads a gold JSON Lines file.
pub fn read_jsonl(path: &str) -> Result<Vec<Doc>, CorpusError> {
    let data = std::fs::read_to_string(path).map_err(|e| CorpusError::Io(path.to_string(), e))?;
    let mut out = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let raw: RawDoc = serde_json::from_str(line).map_err(|e| CorpusError::Json {
            path: path.to_string(),
            line: n + 1,
            msg: e.to_string(),
        })?;
        // character index → byte offset
        let mut byte_of: Vec<usize> = raw.text.char_indices().map(|(i, _)| i).collect();
        byte_of.push(raw.text.len());
        let entities = raw
            .entities
            .iter()
            .filter_map(|e| {
                let l = parse_label(&e.label)?;
                let (s, t) = (*byte_of.get(e.start)?, *byte_of.get(e.end)?);
                (s < t).then_some((Span::new(s, t), l))
            })
            .collect();
        let tokens = tokenize(&raw.text);
        out.push(Doc { id: raw.id, lang: raw.lang, text: raw.text, tokens, entities });
    }
    Ok(out)
}

/// Token ranges `[a, b)` of the sentences of a document.
pub fn sentence_ranges(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let spans = yntymaq_core::sentences(text, tokens);
    let mut out = Vec::with_capacity(spans.len());
    let mut k = 0;
    for s in spans {
        while k < tokens.len() && tokens[k].span.start < s.start {
            k += 1;
        }
        let a = k;
        while k < tokens.len() && tokens[k].span.end <= s.end {
            k += 1;
        }
        if k > a {
            out.push((a, k));
        }
    }
    out
}

/// Token range of a byte span: the tokens it overlaps, and whether its
/// edges fall on token edges.
pub fn token_range(tokens: &[Token], span: Span) -> Option<(usize, usize, bool)> {
    let a = tokens.partition_point(|t| t.span.end <= span.start);
    let b = tokens.partition_point(|t| t.span.start < span.end);
    if a >= b {
        return None;
    }
    let exact = tokens.get(a).is_some_and(|t| t.span.start == span.start)
        && tokens.get(b - 1).is_some_and(|t| t.span.end == span.end);
    Some((a, b, exact))
}

/// Gold BIO tags of one layer (the labels `labels`, in their order) over a
/// document's tokens. Overlapping entities: the longer one wins.
pub fn layer_tags(doc: &Doc, labels: &[Label]) -> Vec<usize> {
    let mut tags = vec![0usize; doc.tokens.len()];
    let mut ents: Vec<(usize, usize, usize)> = doc
        .entities
        .iter()
        .filter_map(|(span, l)| {
            let k = labels.iter().position(|x| x == l)?;
            let (a, b, _) = token_range(&doc.tokens, *span)?;
            Some((a, b, k))
        })
        .collect();
    ents.sort_by_key(|&(a, b, _)| (std::cmp::Reverse(b - a), a));
    for (a, b, k) in ents {
        if tags[a..b].iter().any(|&t| t != 0) {
            continue;
        }
        tags[a] = 1 + 2 * k;
        for t in &mut tags[a + 1..b] {
            *t = 2 + 2 * k;
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, ents: &[(&str, Label)]) -> Doc {
        let entities = ents
            .iter()
            .map(|(s, l)| {
                let i = text.find(s).unwrap();
                (Span::new(i, i + s.len()), *l)
            })
            .collect();
        Doc { id: "t".into(), lang: None, text: text.into(), tokens: tokenize(text), entities }
    }

    #[test]
    fn nested_entities_go_to_their_layers_and_longer_wins() {
        let d = doc(
            "Он говорил с правительством США и Китая .",
            &[("правительством США и Китая", Label::Org), ("США", Label::Loc), ("Китая", Label::Loc)],
        );
        assert_eq!(layer_tags(&d, &[Label::Per, Label::Loc]), vec![0, 0, 0, 0, 3, 0, 3, 0]);
        assert_eq!(layer_tags(&d, &[Label::Org]), vec![0, 0, 0, 1, 2, 2, 2, 0]);
    }

    #[test]
    fn token_ranges_report_misaligned_edges() {
        let d = doc("ОАО «ВымпелКом» и Сбер", &[]);
        let i = d.text.find("ОАО").unwrap();
        let j = d.text.find(" и").unwrap();
        assert_eq!(token_range(&d.tokens, Span::new(i, j)), Some((0, 4, true)));
        assert_eq!(token_range(&d.tokens, Span::new(i + 2, j)), Some((0, 4, false)));
        assert_eq!(token_range(&d.tokens, Span::new(j, j + 1)), None);
    }

    #[test]
    fn sentences_cover_tokens() {
        let t = "Первое предложение. Второе тут!\nТретье";
        let toks = tokenize(t);
        assert_eq!(sentence_ranges(t, &toks), vec![(0, 3), (3, 6), (6, 7)]);
    }
}

/// Exact-match counts of one label: true positives, false positives, false
/// negatives (as `../shared/eval/ner/ner_score.py` counts them: an entity is
/// correct when its span and label equal a gold entity's).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Adds to `counts` (indexed by [`crate::model::label_code`]) the exact-match
/// counts of one document's predicted entities against its gold ones; only
/// labels in `labels` are scored. Duplicates count as a multiset.
pub fn count_exact(gold: &[(Span, Label)], pred: &[(Span, Label)], labels: &[Label], counts: &mut [Counts]) {
    let key = |&(s, l): &(Span, Label)| (crate::model::label_code(l), s.start, s.end);
    let mut g: Vec<(u8, usize, usize)> = gold.iter().filter(|(_, l)| labels.contains(l)).map(key).collect();
    let mut p: Vec<(u8, usize, usize)> = pred.iter().filter(|(_, l)| labels.contains(l)).map(key).collect();
    g.sort_unstable();
    p.sort_unstable();
    let (mut i, mut j) = (0, 0);
    let mut bump = |code: u8, f: &dyn Fn(&mut Counts)| {
        if let Some(c) = counts.get_mut(usize::from(code)) {
            f(c);
        }
    };
    while i < g.len() || j < p.len() {
        match (g.get(i), p.get(j)) {
            (Some(a), Some(b)) if a == b => {
                bump(a.0, &|c| c.tp += 1);
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a < b => {
                bump(a.0, &|c| c.fn_ += 1);
                i += 1;
            }
            (Some(a), None) => {
                bump(a.0, &|c| c.fn_ += 1);
                i += 1;
            }
            (_, Some(b)) => {
                bump(b.0, &|c| c.fp += 1);
                j += 1;
            }
            (None, None) => break,
        }
    }
}

#[cfg(test)]
mod score_tests {
    use super::*;

    #[test]
    fn exact_counts_per_label() {
        let s = |a, b| Span::new(a, b);
        let gold = [(s(0, 5), Label::Per), (s(10, 15), Label::Loc), (s(20, 25), Label::Per)];
        let pred = [(s(0, 5), Label::Per), (s(10, 16), Label::Loc), (s(20, 25), Label::Loc), (s(30, 31), Label::Date)];
        let mut c = vec![Counts::default(); 7];
        count_exact(&gold, &pred, &[Label::Per, Label::Loc], &mut c);
        assert_eq!(c[0], Counts { tp: 1, fp: 0, fn_: 1 });
        assert_eq!(c[1], Counts { tp: 0, fp: 2, fn_: 1 });
        assert_eq!(c[5], Counts::default());
        assert!((c[0].f1() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(c[1].f1(), 0.0);
    }
}

/// One `{"id", "entities": [{"start", "end", "label", "text"}]}` line of
/// predictions, offsets in characters as `ner_score.py` reads them.
pub fn prediction_line(id: &str, text: &str, entities: &[yntymaq_core::Entity]) -> String {
    let co = yntymaq_core::CharOffsets::new(text);
    let list: Vec<serde_json::Value> = entities
        .iter()
        .map(|e| {
            serde_json::json!({"start": co.char_at(e.span.start), "end": co.char_at(e.span.end),
                "label": e.label.as_str(), "text": e.span.slice(text)})
        })
        .collect();
    serde_json::json!({"id": id, "entities": list}).to_string()
}
