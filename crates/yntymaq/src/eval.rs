//! Quality: engagement records scored against a gold corpus.
//!
//! A faithful port of `../shared/eval/score.py`, so that `yntymaq eval` and
//! the Python scorer give the same counts and print the same table:
//!
//! - documents are matched by `id` (Python's `str()` of it); a gold document
//!   without a prediction counts as predicted empty; later duplicates win;
//! - `relevant` is a binary label, every other field a set of comparable
//!   items over the union of a relevant document's events ([`items`]);
//! - items are paired one-to-one, greedily, gold items taken in the order of
//!   Python's `str()` of them (tuples in their `repr`), which can change the
//!   counts when tolerant matches overlap ([`compare`], [`matches`]);
//! - P/R/F1 with the scorer's conventions for empty sets ([`prf`]), per field
//!   and per language group, and core F1 = the mean F1 of [`CORE`].
//!
//! The inputs are `serde_json::Value`s, so any extra field of a record (body,
//! evidence, confidence...) is ignored, and odd shapes are read the way
//! Python reads them (truthiness of `relevant`, `str()` of non-string
//! values, `float()` of string values). Where the Python scorer would crash
//! (an unhashable `type` or role, an event that is not an object), the item
//! or event is skipped instead. One difference cannot be removed: Python
//! iterates a set of predicted items in hash order, which is randomised per
//! process for strings; the port takes predicted items in their order of
//! appearance. The two can differ only when one predicted item could pair
//! with two gold items (figures within 1% of two gold values, nested
//! organisation names), and then Python's own result varies between runs.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Map, Value};
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// The fields whose mean F1 is the core F1.
pub const CORE: [&str; 7] = ["relevant", "regions", "countries", "people", "people_roles", "type", "figures"];

/// Every scored field, in the order of the table.
pub const FIELDS: [&str; 12] = [
    "relevant",
    "type",
    "date",
    "regions",
    "countries",
    "foreign_regions",
    "people",
    "people_roles",
    "organizations",
    "sectors",
    "figures",
    "agreements",
];

/// score.py's `KK_FOLD`: Kazakh letters to their Russian neighbours (and ё, й),
/// applied after lowercasing.
const KK_FOLD: [(char, char); 11] = [
    ('ә', 'а'),
    ('ғ', 'г'),
    ('қ', 'к'),
    ('ң', 'н'),
    ('ө', 'о'),
    ('ұ', 'у'),
    ('ү', 'у'),
    ('һ', 'х'),
    ('і', 'и'),
    ('ё', 'е'),
    ('й', 'и'),
];

/// score.py's `GENERIC`: words a foreign region's key leaves out.
const GENERIC: [&str; 22] = [
    "oblast",
    "region",
    "province",
    "krai",
    "kray",
    "republic",
    "of",
    "the",
    "prefecture",
    "county",
    "state",
    "autonomous",
    "okrug",
    "city",
    "municipality",
    "district",
    "voivodeship",
    "land",
    "governorate",
    "area",
    "special",
    "administrative",
];

/// What can go wrong reading a corpus.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}: not UTF-8 (byte {offset} of the line)")]
    Utf8 { path: PathBuf, line: usize, offset: usize },
    #[error("{path}:{line}: not JSON: {message}")]
    Json { path: PathBuf, line: usize, message: String },
    #[error("{path}:{line}: no id")]
    NoId { path: PathBuf, line: usize },
}

// ---------------------------------------------------------------------------
// Text keys

/// score.py's `fold`: NFC, lowercase, the Kazakh letter map, combining marks
/// (category Mn) stripped after NFD, everything but letters and numbers a
/// space, spaces collapsed.
pub fn fold(s: &str) -> String {
    let lower = s.nfc().collect::<String>().to_lowercase();
    let mapped: String = lower.chars().map(kk_fold_char).collect();
    let mut out = String::with_capacity(mapped.len());
    for c in mapped.nfd() {
        if c.general_category() == GeneralCategory::NonspacingMark {
            continue;
        }
        out.push(if is_py_alnum(c) { c } else { ' ' });
    }
    out.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn kk_fold_char(c: char) -> char {
    KK_FOLD.iter().find(|(from, _)| *from == c).map_or(c, |(_, to)| *to)
}

/// Python's `str.isalnum()` of one character: a letter or a number (checked
/// against CPython over every code point).
fn is_py_alnum(c: char) -> bool {
    matches!(c.general_category_group(), GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number)
}

/// score.py's `region_key`: a foreign region's folded name without generic
/// words ("Grodno Oblast" and "Grodno Region" are both "grodno"); the folded
/// name itself when nothing else is left.
pub fn region_key(s: &str) -> String {
    let folded = fold(s);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty() && !GENERIC.contains(w)).collect();
    if words.is_empty() {
        folded
    } else {
        words.join(" ")
    }
}

/// score.py's `name_key`: the folded words of a name, sorted.
pub fn name_key(s: &str) -> String {
    let folded = fold(s);
    let mut words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    words.sort_unstable();
    words.join(" ")
}

// ---------------------------------------------------------------------------
// Python values

/// A comparable item of a field: the Python value score.py puts in its sets.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Item {
    None,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Tuple(Vec<Item>),
}

impl Item {
    /// Python's `str()` of the item: what score.py sorts gold items by.
    pub fn py_str(&self) -> String {
        match self {
            Item::Str(s) => s.clone(),
            other => other.py_repr(),
        }
    }

    /// Python's `repr()` of the item.
    pub fn py_repr(&self) -> String {
        match self {
            Item::None => "None".to_owned(),
            Item::Bool(true) => "True".to_owned(),
            Item::Bool(false) => "False".to_owned(),
            Item::Int(i) => i.to_string(),
            Item::Float(f) => float_repr(*f),
            Item::Str(s) => str_repr(s),
            Item::Tuple(xs) => {
                let inner: Vec<String> = xs.iter().map(Item::py_repr).collect();
                if inner.len() == 1 {
                    format!("({},)", inner.join(", "))
                } else {
                    format!("({})", inner.join(", "))
                }
            }
        }
    }

    /// A JSON value as a Python set element; `None` for lists and objects,
    /// which Python cannot hash.
    fn hashable(v: &Value) -> Option<Item> {
        match v {
            Value::Null => Some(Item::None),
            Value::Bool(b) => Some(Item::Bool(*b)),
            Value::Number(n) => Some(number_item(n)),
            Value::String(s) => Some(Item::Str(s.clone())),
            Value::Array(_) | Value::Object(_) => None,
        }
    }

    fn as_number(&self) -> Option<Num> {
        match self {
            Item::Bool(b) => Some(Num::Int(i128::from(*b))),
            Item::Int(i) => Some(Num::Int(*i)),
            Item::Float(f) => Some(Num::Float(*f)),
            _ => None,
        }
    }
}

#[derive(Clone, Copy)]
enum Num {
    Int(i128),
    Float(f64),
}

/// Python's `==` between two items (1 == 1.0 == True; NaN equals nothing).
fn py_eq(a: &Item, b: &Item) -> bool {
    match (a, b) {
        (Item::None, Item::None) => true,
        (Item::Str(x), Item::Str(y)) => x == y,
        (Item::Tuple(x), Item::Tuple(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(p, q)),
        _ => match (a.as_number(), b.as_number()) {
            (Some(Num::Int(x)), Some(Num::Int(y))) => x == y,
            (Some(Num::Float(x)), Some(Num::Float(y))) => x == y,
            (Some(Num::Int(i)), Some(Num::Float(f))) | (Some(Num::Float(f)), Some(Num::Int(i))) => int_eq_float(i, f),
            _ => false,
        },
    }
}

/// Python compares ints and floats exactly.
fn int_eq_float(i: i128, f: f64) -> bool {
    // 2^127 as f64: anything at or beyond it is out of i128's range.
    const LIMIT: f64 = 170_141_183_460_469_231_731_687_303_715_884_105_728.0;
    f.is_finite() && f.fract() == 0.0 && f.abs() < LIMIT && f as i128 == i
}

fn number_item(n: &serde_json::Number) -> Item {
    if let Some(i) = n.as_i64() {
        Item::Int(i128::from(i))
    } else if let Some(u) = n.as_u64() {
        Item::Int(i128::from(u))
    } else {
        Item::Float(n.as_f64().unwrap_or(f64::NAN))
    }
}

/// Python's truthiness of a JSON value (a missing key is falsy).
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// Python's `str()` of a JSON value as `json.loads` builds it.
fn py_str_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => py_repr_value(other),
    }
}

/// Python's `repr()` of a JSON value as `json.loads` builds it.
fn py_repr_value(v: &Value) -> String {
    match v {
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Number(n) => number_item(n).py_repr(),
        Value::String(s) => str_repr(s),
        Value::Array(a) => {
            let inner: Vec<String> = a.iter().map(py_repr_value).collect();
            format!("[{}]", inner.join(", "))
        }
        Value::Object(o) => {
            let inner: Vec<String> = o.iter().map(|(k, v)| format!("{}: {}", str_repr(k), py_repr_value(v))).collect();
            format!("{{{}}}", inner.join(", "))
        }
    }
}

/// Python's `str(x)` where `x = d.get(key)` (None when missing).
fn py_str_get(d: &Map<String, Value>, key: &str) -> String {
    d.get(key).map_or_else(|| "None".to_owned(), py_str_value)
}

/// Python's `for x in (v or [])`: the elements of a list, the characters of a
/// string, the keys of an object; nothing for what Python cannot iterate.
fn py_iter(v: Option<&Value>) -> Vec<Cow<'_, Value>> {
    if !truthy(v) {
        return Vec::new();
    }
    match v {
        Some(Value::Array(a)) => a.iter().map(Cow::Borrowed).collect(),
        Some(Value::String(s)) => s.chars().map(|c| Cow::Owned(Value::String(c.to_string()))).collect(),
        Some(Value::Object(o)) => o.keys().map(|k| Cow::Owned(Value::String(k.clone()))).collect(),
        _ => Vec::new(),
    }
}

/// Python's `float(x)` of a JSON value; `None` where Python raises.
fn py_float(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Value::Number(n) => n.as_f64(),
        Value::String(s) => parse_py_float(s),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// Python's `float(str)`: surrounding whitespace, a sign, decimal or
/// exponent notation, `inf`/`infinity`/`nan` in any case, and underscores
/// between digits.
fn parse_py_float(s: &str) -> Option<f64> {
    let t = s.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c));
    let chars: Vec<char> = t.chars().collect();
    let mut clean = String::with_capacity(t.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' {
            let before = i.checked_sub(1).and_then(|j| chars.get(j)).is_some_and(char::is_ascii_digit);
            let after = chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if !(before && after) {
                return None;
            }
        } else {
            clean.push(c);
        }
    }
    let body = clean.strip_prefix(['+', '-']).unwrap_or(&clean);
    let word = body.to_ascii_lowercase();
    if word != "inf"
        && word != "infinity"
        && word != "nan"
        && !body.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
    {
        return None;
    }
    clean.parse::<f64>().ok()
}

/// Python's `str.upper()` (full case mapping, as Rust's).
fn py_upper(s: &str) -> String {
    s.to_uppercase()
}

/// Python's `repr()` of a float: the shortest round-trip digits, positional
/// for exponents -4..16, else `1e+16` style.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.to_owned();
    }
    // Rust's shortest digits break ties away from zero, Python's (David Gay's)
    // to even: take as many digits, correctly rounded, when they round-trip.
    let a = f.abs();
    let shortest = format!("{a:e}");
    let n = shortest.split('e').next().map_or(1, |m| m.chars().filter(char::is_ascii_digit).count());
    let rounded = format!("{:.*e}", n.saturating_sub(1), a);
    let sci = if rounded.parse::<f64>() == Ok(a) { rounded } else { shortest };
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if f < 0.0 { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let n = digits.len() as i32;
        let body = if exp < 0 {
            format!("0.{}{}", "0".repeat((-exp - 1) as usize), digits)
        } else if exp + 1 >= n {
            format!("{}{}.0", digits, "0".repeat((exp + 1 - n) as usize))
        } else {
            let (int, frac) = digits.split_at((exp + 1) as usize);
            format!("{int}.{frac}")
        };
        format!("{sign}{body}")
    } else {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        let mant = if rest.is_empty() { first.to_owned() } else { format!("{first}.{rest}") };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{mant}e{esign}{:02}", exp.abs())
    }
}

/// Python's `repr()` of a string: single quotes unless the string holds a
/// single quote and no double quote; backslash escapes for the quote,
/// backslash, tab, newline, carriage return, and for unprintable characters.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            c if c == quote || c == '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c < ' ' || c == '\u{7f}' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if c < '\u{7f}' || is_py_printable(c) => out.push(c),
            c => {
                let n = c as u32;
                let _ = if n <= 0xff {
                    write!(out, "\\x{n:02x}")
                } else if n <= 0xffff {
                    write!(out, "\\u{n:04x}")
                } else {
                    write!(out, "\\U{n:08x}")
                };
            }
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable()` of one non-ASCII character: not a control,
/// format, surrogate, private-use, unassigned or separator character.
fn is_py_printable(c: char) -> bool {
    !matches!(c.general_category_group(), GeneralCategoryGroup::Other | GeneralCategoryGroup::Separator)
}

/// Python's `repr()` of a list of strings.
fn list_repr(xs: &[String]) -> String {
    let inner: Vec<String> = xs.iter().map(|s| str_repr(s)).collect();
    format!("[{}]", inner.join(", "))
}

// ---------------------------------------------------------------------------
// Items and matching

fn add(set: &mut Vec<Item>, x: Item) {
    if !set.iter().any(|y| py_eq(y, &x)) {
        set.push(x);
    }
}

/// score.py's `items`: the set of comparable items of one field over all
/// events of a document (empty when the document is not relevant), in order
/// of first appearance. `doc` is one record or gold line.
pub fn items(doc: &Value, field: &str) -> Vec<Item> {
    match doc {
        Value::Object(d) => doc_items(Some(d), field),
        _ => Vec::new(),
    }
}

fn doc_items(doc: Option<&Map<String, Value>>, field: &str) -> Vec<Item> {
    let mut out = Vec::new();
    let Some(doc) = doc else { return out };
    if doc.is_empty() || !truthy(doc.get("relevant")) {
        return out;
    }
    for ev in py_iter(doc.get("events")) {
        let Value::Object(ev) = ev.as_ref() else { continue };
        match field {
            "type" => {
                if let Some(x) = ev.get("type").filter(|t| truthy(Some(t))).and_then(Item::hashable) {
                    add(&mut out, x);
                }
            }
            "date" => {
                if let Some(d) = ev.get("date").filter(|d| truthy(Some(d))) {
                    add(&mut out, Item::Str(py_str_value(d).chars().take(10).collect()));
                }
            }
            "regions" | "countries" => {
                for x in py_iter(ev.get(field)) {
                    add(&mut out, Item::Str(py_upper(&py_str_value(&x))));
                }
            }
            "sectors" | "agreements" => {
                for x in py_iter(ev.get(field)) {
                    add(&mut out, Item::Str(py_str_value(&x)));
                }
            }
            "foreign_regions" => {
                for x in py_iter(ev.get(field)) {
                    let s = py_str_value(&x);
                    if !fold(&s).is_empty() {
                        add(&mut out, Item::Str(region_key(&s)));
                    }
                }
            }
            "organizations" => {
                for x in py_iter(ev.get(field)) {
                    let f = fold(&py_str_value(&x));
                    if !f.is_empty() {
                        add(&mut out, Item::Str(f));
                    }
                }
            }
            "people" | "people_roles" => {
                for p in py_iter(ev.get("people")) {
                    let Value::Object(p) = p.as_ref() else { continue };
                    let name = p.get("name").map_or_else(String::new, py_str_value);
                    let key = name_key(&name);
                    if key.is_empty() {
                        continue;
                    }
                    if field == "people" {
                        add(&mut out, Item::Str(key));
                        continue;
                    }
                    let role = p.get("role").map_or(Some(Item::None), Item::hashable);
                    let side = p.get("side").map_or(Some(Item::None), Item::hashable);
                    if let (Some(role), Some(side)) = (role, side) {
                        add(&mut out, Item::Tuple(vec![Item::Str(key), role, side]));
                    }
                }
            }
            "figures" => {
                for fg in py_iter(ev.get("figures")) {
                    let Value::Object(fg) = fg.as_ref() else { continue };
                    let metric = fg.get("metric").map_or(Some(Item::None), Item::hashable);
                    let currency = py_upper(&py_str_get(fg, "currency"));
                    let value = py_float(fg.get("value"));
                    if let (Some(metric), Some(value)) = (metric, value) {
                        add(&mut out, Item::Tuple(vec![metric, Item::Str(currency), Item::Float(value)]));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// score.py's `matches`: figures on metric, currency and value within 1%;
/// organizations on equality or containment (both longer than 3
/// characters); foreign regions on equality or when one's words are a subset
/// of the other's; anything else on equality.
pub fn matches(field: &str, g: &Item, p: &Item) -> bool {
    match field {
        "figures" => match (g, p) {
            (Item::Tuple(g), Item::Tuple(p)) => match (g.as_slice(), p.as_slice()) {
                ([gm, gc, gv], [pm, pc, pv]) => {
                    let (Some(gv), Some(pv)) = (item_f64(gv), item_f64(pv)) else { return false };
                    let ga = gv.abs();
                    // Python's max(abs(g), 1): the first unless 1 is greater (NaN stays).
                    let scale = if 1.0 > ga { 1.0 } else { ga };
                    py_eq(gm, pm) && py_eq(gc, pc) && (gv - pv).abs() <= 0.01 * scale
                }
                (g, p) => g.len() == p.len() && g.iter().zip(p).all(|(a, b)| py_eq(a, b)),
            },
            _ => py_eq(g, p),
        },
        "organizations" => match (g, p) {
            (Item::Str(g), Item::Str(p)) => {
                g == p
                    || (g.chars().count() > 3
                        && p.chars().count() > 3
                        && (p.contains(g.as_str()) || g.contains(p.as_str())))
            }
            _ => py_eq(g, p),
        },
        "foreign_regions" => match (g, p) {
            (Item::Str(g), Item::Str(p)) => {
                if g == p {
                    return true;
                }
                let gw: Vec<&str> = g.split_whitespace().collect();
                let pw: Vec<&str> = p.split_whitespace().collect();
                !gw.is_empty()
                    && !pw.is_empty()
                    && (gw.iter().all(|w| pw.contains(w)) || pw.iter().all(|w| gw.contains(w)))
            }
            _ => py_eq(g, p),
        },
        _ => py_eq(g, p),
    }
}

fn item_f64(x: &Item) -> Option<f64> {
    match x.as_number()? {
        Num::Int(i) => Some(i as f64),
        Num::Float(f) => Some(f),
    }
}

/// True, false positives and false negatives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// score.py's `compare`: one-to-one greedy matching, gold items in the order
/// of their Python `str()`, each taking the first unused matching prediction.
pub fn compare(field: &str, gold: &[Item], pred: &[Item]) -> Counts {
    let mut order: Vec<(String, &Item)> = gold.iter().map(|g| (g.py_str(), g)).collect();
    order.sort_by(|a, b| a.0.cmp(&b.0));
    let mut used = vec![false; pred.len()];
    let mut tp = 0;
    for (_, g) in order {
        for (i, p) in pred.iter().enumerate() {
            if !used[i] && matches(field, g, p) {
                used[i] = true;
                tp += 1;
                break;
            }
        }
    }
    Counts { tp, fp: pred.len() - tp, fn_: gold.len() - tp }
}

/// score.py's `prf`: precision, recall, F1; an empty side counts as perfect
/// when the other is empty too.
pub fn prf(c: Counts) -> (f64, f64, f64) {
    let (tp, fp, fn_) = (c.tp as f64, c.fp as f64, c.fn_ as f64);
    let p = if c.tp + c.fp > 0 {
        tp / (tp + fp)
    } else if c.fn_ == 0 {
        1.0
    } else {
        0.0
    };
    let r = if c.tp + c.fn_ > 0 {
        tp / (tp + fn_)
    } else if c.fp == 0 {
        1.0
    } else {
        0.0
    };
    let f = if p + r != 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

// ---------------------------------------------------------------------------
// Scoring

/// One field's figures in one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldScore {
    pub field: &'static str,
    pub p: f64,
    pub r: f64,
    pub f1: f64,
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

/// A group of documents ("all", "lang=ru"...) and its scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub name: String,
    pub docs: usize,
    /// In the order of [`FIELDS`].
    pub fields: Vec<FieldScore>,
    pub core_f1: f64,
}

impl Group {
    pub fn field(&self, name: &str) -> Option<&FieldScore> {
        self.fields.iter().find(|f| f.field == name)
    }
}

/// What [`score`] finds: "all" first, then one group per language (in the
/// order score.py lists them: of their first document by sorted id).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub groups: Vec<Group>,
    /// Predicted ids that are not in the gold.
    pub unmatched_predictions: usize,
}

/// A document a field misses, as `score.py --errors FIELD` lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorLine {
    pub field: String,
    pub id: String,
    pub detail: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ErrorDetail {
    Relevant {
        gold: bool,
        predicted: bool,
    },
    /// Python's `str()` of the items, sorted.
    Items {
        gold: Vec<String>,
        predicted: Vec<String>,
    },
}

impl fmt::Display for ErrorLine {
    /// `  miss FIELD ID GOLD PREDICTED`, as score.py prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.detail {
            ErrorDetail::Relevant { gold, predicted } => {
                write!(f, "  miss {} {} {} {}", self.field, self.id, py_bool(*gold), py_bool(*predicted))
            }
            ErrorDetail::Items { gold, predicted } => {
                write!(f, "  miss {} {} {} {}", self.field, self.id, list_repr(gold), list_repr(predicted))
            }
        }
    }
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// The documents keyed the way score.py's `load` keys them.
struct Corpus<'a> {
    gold: BTreeMap<String, &'a Map<String, Value>>,
    pred: HashMap<String, &'a Map<String, Value>>,
}

impl<'a> Corpus<'a> {
    fn new(gold: &'a [Value], pred: &'a [Value]) -> Corpus<'a> {
        Corpus { gold: by_id(gold).collect(), pred: by_id(pred).collect() }
    }

    /// One document's counts per field (in [`FIELDS`] order), with its
    /// error line for `errors_for` when that field misses.
    fn doc(
        &self,
        id: &str,
        g: &Map<String, Value>,
        errors_for: Option<&str>,
    ) -> ([Counts; FIELDS.len()], Option<ErrorLine>) {
        let p = self.pred.get(id).copied();
        let mut out = [Counts::default(); FIELDS.len()];
        let mut error = None;
        let gr = truthy(g.get("relevant"));
        let pr = p.is_some_and(|p| !p.is_empty() && truthy(p.get("relevant")));
        out[0] = Counts { tp: usize::from(gr && pr), fp: usize::from(pr && !gr), fn_: usize::from(gr && !pr) };
        if gr != pr && errors_for == Some("relevant") {
            error = Some(ErrorLine {
                field: "relevant".into(),
                id: id.to_owned(),
                detail: ErrorDetail::Relevant { gold: gr, predicted: pr },
            });
        }
        for (k, field) in FIELDS.iter().enumerate().skip(1) {
            let gi = doc_items(Some(g), field);
            let pi = doc_items(p, field);
            let c = compare(field, &gi, &pi);
            out[k] = c;
            if (c.fp > 0 || c.fn_ > 0) && errors_for == Some(field) {
                let strs = |xs: &[Item]| {
                    let mut v: Vec<String> = xs.iter().map(Item::py_str).collect();
                    v.sort();
                    v
                };
                error = Some(ErrorLine {
                    field: (*field).to_owned(),
                    id: id.to_owned(),
                    detail: ErrorDetail::Items { gold: strs(&gi), predicted: strs(&pi) },
                });
            }
        }
        (out, error)
    }
}

fn by_id(docs: &[Value]) -> impl Iterator<Item = (String, &Map<String, Value>)> {
    docs.iter().filter_map(|d| match d {
        Value::Object(m) => m.get("id").map(|id| (py_str_value(id), m)),
        _ => None,
    })
}

fn group(name: String, docs: usize, counts: &[Counts; FIELDS.len()]) -> Group {
    let fields: Vec<FieldScore> = FIELDS
        .iter()
        .zip(counts)
        .map(|(field, c)| {
            let (p, r, f1) = prf(*c);
            FieldScore { field, p, r, f1, tp: c.tp, fp: c.fp, fn_: c.fn_ }
        })
        .collect();
    let core_f1 = CORE.iter().filter_map(|c| fields.iter().find(|f| f.field == *c)).fold(0.0, |s, f| s + f.f1)
        / CORE.len() as f64;
    Group { name, docs, fields, core_f1 }
}

/// Scores predictions against gold, as `score.py GOLD PRED [--by-lang]`.
/// Both are JSON Lines records (objects with `id`; others are ignored).
pub fn score(gold: &[Value], pred: &[Value], by_lang: bool) -> Report {
    let corpus = Corpus::new(gold, pred);
    let unmatched_predictions = corpus.pred.keys().filter(|id| !corpus.gold.contains_key(*id)).count();
    let mut all = (0, [Counts::default(); FIELDS.len()]);
    let mut langs: Vec<(String, usize, [Counts; FIELDS.len()])> = Vec::new();
    for (id, g) in &corpus.gold {
        let (counts, _) = corpus.doc(id, g, None);
        all.0 += 1;
        for (t, c) in all.1.iter_mut().zip(&counts) {
            *t += *c;
        }
        if by_lang {
            let name = format!("lang={}", py_str_get(g, "lang"));
            let k = match langs.iter().position(|(n, _, _)| *n == name) {
                Some(k) => k,
                None => {
                    langs.push((name, 0, [Counts::default(); FIELDS.len()]));
                    langs.len() - 1
                }
            };
            if let Some(entry) = langs.get_mut(k) {
                entry.1 += 1;
                for (t, c) in entry.2.iter_mut().zip(&counts) {
                    *t += *c;
                }
            }
        }
    }
    let mut groups = vec![group("all".to_owned(), all.0, &all.1)];
    groups.extend(langs.into_iter().map(|(name, n, c)| group(name, n, &c)));
    Report { groups, unmatched_predictions }
}

/// The documents that miss `field` (over all documents, in id order), as
/// `score.py --errors FIELD` lists them; empty for an unknown field.
pub fn errors(gold: &[Value], pred: &[Value], field: &str) -> Vec<ErrorLine> {
    if !FIELDS.contains(&field) {
        return Vec::new();
    }
    let corpus = Corpus::new(gold, pred);
    corpus.gold.iter().filter_map(|(id, g)| corpus.doc(id, g, Some(field)).1).collect()
}

impl Report {
    /// The "all" group.
    pub fn all(&self) -> Option<&Group> {
        self.groups.first()
    }

    /// The mean F1 of the core fields over all documents.
    pub fn core_f1(&self) -> f64 {
        self.all().map_or(0.0, |g| g.core_f1)
    }

    /// The note score.py prints on standard error, if any.
    pub fn note(&self) -> Option<String> {
        (self.unmatched_predictions > 0)
            .then(|| format!("note: {} predicted ids are not in the gold file", self.unmatched_predictions))
    }

    /// The tables as score.py prints them, ending with `core F1 = X`.
    pub fn to_text(&self) -> String {
        self.render(&[])
    }

    /// What `score.py --by-lang [--errors FIELD]` prints: the tables, the
    /// error lines after the "all" table, then `core F1 = X`.
    pub fn render(&self, errors: &[ErrorLine]) -> String {
        let mut s = String::new();
        for (k, g) in self.groups.iter().enumerate() {
            let _ = writeln!(s, "## {} ({} documents)", g.name, g.docs);
            let _ = writeln!(s, "{:<15}{:>7}{:>7}{:>7}{:>6}{:>6}{:>6}", "field", "P", "R", "F1", "tp", "fp", "fn");
            for f in &g.fields {
                let mark = if CORE.contains(&f.field) { " *" } else { "" };
                let _ = writeln!(
                    s,
                    "{:<15}{:>7.3}{:>7.3}{:>7.3}{:>6}{:>6}{:>6}{}",
                    f.field, f.p, f.r, f.f1, f.tp, f.fp, f.fn_, mark
                );
            }
            if k == 0 {
                for e in errors {
                    let _ = writeln!(s, "{e}");
                }
            }
        }
        let _ = writeln!(s, "core F1 = {:.3}", self.core_f1());
        s
    }

    /// What `score.py --json [--errors FIELD]` prints: the error lines, the
    /// figures as JSON (Python's `json.dumps(indent=1)` layout and key
    /// order), then `core F1 = X`.
    pub fn render_json(&self, errors: &[ErrorLine]) -> String {
        let mut s = String::new();
        for e in errors {
            let _ = writeln!(s, "{e}");
        }
        s.push_str("{\n");
        for (k, g) in self.groups.iter().enumerate() {
            let _ = writeln!(s, " {}: {{", json_str(&g.name));
            for f in &g.fields {
                let _ = writeln!(s, "  {}: {{", json_str(f.field));
                let _ = writeln!(s, "   \"p\": {},", float_repr(f.p));
                let _ = writeln!(s, "   \"r\": {},", float_repr(f.r));
                let _ = writeln!(s, "   \"f1\": {},", float_repr(f.f1));
                let _ = writeln!(s, "   \"tp\": {},", f.tp);
                let _ = writeln!(s, "   \"fp\": {},", f.fp);
                let _ = writeln!(s, "   \"fn\": {}", f.fn_);
                s.push_str("  },\n");
            }
            let _ = writeln!(s, "  \"core_f1\": {}", float_repr(g.core_f1));
            s.push_str(if k + 1 < self.groups.len() { " },\n" } else { " }\n" });
        }
        s.push_str("}\n");
        let _ = writeln!(s, "core F1 = {:.3}", self.core_f1());
        s
    }
}

/// A JSON string as Python's `json.dumps(ensure_ascii=False)` writes it.
fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------
// Files

/// Reads a JSON Lines corpus as score.py does: blank lines skipped, every
/// other line a JSON object with an `id`.
pub fn load_jsonl(path: impl AsRef<Path>) -> Result<Vec<Value>, EvalError> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io { path: path.to_owned(), source })?;
    parse_jsonl(&bytes, path)
}

/// Parses JSON Lines read from `path` (named in the errors).
pub fn parse_jsonl(bytes: &[u8], path: &Path) -> Result<Vec<Value>, EvalError> {
    let mut docs = Vec::new();
    for (k, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let n = k + 1;
        let line = std::str::from_utf8(raw).map_err(|e| EvalError::Utf8 {
            path: path.to_owned(),
            line: n,
            offset: e.valid_up_to(),
        })?;
        let line = if n == 1 { line.strip_prefix('\u{feff}').unwrap_or(line) } else { line };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let d: Value = serde_json::from_str(line).map_err(|e| EvalError::Json {
            path: path.to_owned(),
            line: n,
            message: e.to_string(),
        })?;
        if !d.as_object().is_some_and(|o| o.contains_key("id")) {
            return Err(EvalError::NoId { path: path.to_owned(), line: n });
        }
        docs.push(d);
    }
    Ok(docs)
}

/// [`load_jsonl`] both files and [`score`] them.
pub fn score_files(gold: impl AsRef<Path>, pred: impl AsRef<Path>, by_lang: bool) -> Result<Report, EvalError> {
    Ok(score(&load_jsonl(gold)?, &load_jsonl(pred)?, by_lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn float_repr_is_pythons() {
        let cases = [
            (39_500_000.0, "39500000.0"),
            (0.1, "0.1"),
            (1.0 / 3.0, "0.3333333333333333"),
            (2.0 / 3.0, "0.6666666666666666"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (1e15, "1000000000000000.0"),
            (123_456_789_012_345_680.0, "1.2345678901234568e+17"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-2.5e-7, "-2.5e-07"),
            (1.5e300, "1.5e+300"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (f64::INFINITY, "inf"),
            (f64::NAN, "nan"),
            (100.0, "100.0"),
            (12.25, "12.25"),
            // A tie at the shortest length: Python rounds half to even.
            (948_439_761_644_184.0 + 0.25, "948439761644184.2"),
            (-(1_917_166_012_932_385.0 + 0.25), "-1917166012932385.2"),
        ];
        for (f, want) in cases {
            assert_eq!(float_repr(f), want, "{f:e}");
        }
    }

    #[test]
    fn str_repr_is_pythons() {
        assert_eq!(str_repr("abc"), "'abc'");
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(str_repr("a\\b\tc\n"), "'a\\\\b\\tc\\n'");
        assert_eq!(str_repr("\u{1}\u{7f}"), "'\\x01\\x7f'");
        assert_eq!(str_repr("қала\u{a0}\u{200b}\u{2028}"), "'қала\\xa0\\u200b\\u2028'");
        assert_eq!(str_repr("\u{e000}\u{f0000}"), "'\\ue000\\U000f0000'");
        let t = Item::Tuple(vec![Item::Str("a b".into()), Item::None, Item::Str("kz".into())]);
        assert_eq!(t.py_str(), "('a b', None, 'kz')");
        let t =
            Item::Tuple(vec![Item::Str("trade_turnover".into()), Item::Str("USD".into()), Item::Float(39_500_000.0)]);
        assert_eq!(t.py_str(), "('trade_turnover', 'USD', 39500000.0)");
    }

    #[test]
    fn python_values() {
        assert_eq!(py_str_value(&json!(null)), "None");
        assert_eq!(py_str_value(&json!(true)), "True");
        assert_eq!(py_str_value(&json!(12)), "12");
        assert_eq!(py_str_value(&json!(1.0)), "1.0");
        assert_eq!(py_str_value(&json!(["a", 1, null])), "['a', 1, None]");
        assert_eq!(py_str_value(&json!({"k": "v"})), "{'k': 'v'}");
        assert!(
            !truthy(Some(&json!(0)))
                && truthy(Some(&json!(0.5)))
                && !truthy(Some(&json!("")))
                && truthy(Some(&json!("no")))
        );
        assert!(!truthy(Some(&json!([]))) && !truthy(Some(&json!({}))) && !truthy(None));
        assert!(py_eq(&Item::Int(1), &Item::Float(1.0)) && py_eq(&Item::Bool(true), &Item::Int(1)));
        assert!(!py_eq(&Item::Float(f64::NAN), &Item::Float(f64::NAN)));
        assert!(!py_eq(&Item::Str("1".into()), &Item::Int(1)));
        assert_eq!(parse_py_float(" 39.5 "), Some(39.5));
        assert_eq!(parse_py_float("1_000"), Some(1000.0));
        assert_eq!(parse_py_float("1__0"), None);
        assert_eq!(parse_py_float("_1"), None);
        assert_eq!(parse_py_float("Infinity"), Some(f64::INFINITY));
        assert_eq!(parse_py_float("1e3"), Some(1000.0));
        assert_eq!(parse_py_float("39,5"), None);
        assert_eq!(parse_py_float("12 млн"), None);
        assert_eq!(parse_py_float(""), None);
    }

    #[test]
    fn prf_conventions() {
        assert_eq!(prf(Counts { tp: 0, fp: 0, fn_: 0 }), (1.0, 1.0, 1.0));
        // Predictions where the gold has nothing: no precision and no recall.
        assert_eq!(prf(Counts { tp: 0, fp: 2, fn_: 0 }), (0.0, 0.0, 0.0));
        assert_eq!(prf(Counts { tp: 0, fp: 0, fn_: 3 }), (0.0, 0.0, 0.0));
        let (p, r, f) = prf(Counts { tp: 1, fp: 1, fn_: 3 });
        assert_eq!((p, r), (0.5, 0.25));
        assert!((f - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn greedy_order_follows_python_str_of_gold() {
        // Gold 100 sorts before 101.5 ("...100.0)" < "...101.5)"): it takes the
        // first prediction within 1% (100.6), leaving 101.5 without a match.
        let fig = |v: f64| Item::Tuple(vec![Item::Str("export".into()), Item::Str("USD".into()), Item::Float(v)]);
        let gold = [fig(101.5), fig(100.0)];
        assert_eq!(compare("figures", &gold, &[fig(100.6), fig(99.5)]), Counts { tp: 1, fp: 1, fn_: 1 });
        assert_eq!(compare("figures", &gold, &[fig(99.5), fig(100.6)]), Counts { tp: 2, fp: 0, fn_: 0 });
    }
}
