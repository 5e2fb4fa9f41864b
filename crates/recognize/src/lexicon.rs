//! The recognizers' word lists (data/recognize/*.tsv), loaded once per process,
//! and a longest-match phrase table over lower-cased tokens.

use std::sync::OnceLock;

/// The tables' maps: short keys, looked up once per token or more.
pub(crate) type HashMap<K, V> = yntymaq_core::FxHashMap<K, V>;

/// One token of a phrase pattern: an exact lower-cased form, or a prefix (`доллар*`).
#[derive(Debug, Clone)]
enum Pat {
    Exact(String),
    Prefix(String),
}

impl Pat {
    fn parse(s: &str) -> Pat {
        match s.strip_suffix('*') {
            Some(p) if !p.is_empty() => Pat::Prefix(p.to_owned()),
            _ => Pat::Exact(s.to_owned()),
        }
    }
    fn matches(&self, low: &str) -> bool {
        match self {
            Pat::Exact(e) => e == low,
            Pat::Prefix(p) => low.starts_with(p.as_str()),
        }
    }
}

#[derive(Debug)]
struct Phrase<T> {
    toks: Vec<Pat>,
    val: T,
}

/// Phrases (sequences of token patterns) with a value each; lookups return the
/// longest phrase matching at a token position.
#[derive(Debug)]
pub(crate) struct PhraseTable<T> {
    phrases: Vec<Phrase<T>>,
    /// Phrases by their first token's exact form.
    exact: HashMap<String, Vec<usize>>,
    /// Phrases whose first token is a prefix pattern, by the prefix's first char.
    prefix: HashMap<char, Vec<usize>>,
    /// A quick first test: bits of the first two chars of every first token
    /// ([`pair_bit`]); most words start no phrase and stop here.
    starts: [u64; 16],
}

/// The bit of a word's first two chars (`'\0'` for a missing one; `one`: of
/// its first char alone, for one-char prefixes) in [`PhraseTable::starts`].
fn pair_bit(c1: char, c2: char, one: bool) -> (usize, u64) {
    let h = (u32::from(c1).wrapping_mul(0x9E37_79B1) ^ u32::from(c2).wrapping_mul(0x85EB_CA77) ^ u32::from(one))
        .wrapping_mul(0xC2B2_AE35);
    let b = (h >> 22) as usize; // 10 bits
    (b / 64, 1u64 << (b % 64))
}

impl<T> PhraseTable<T> {
    /// Reads `<fields...> <TAB> pattern` lines; `val` builds the value from the
    /// fields before the pattern (None skips the line). `#` starts a comment line.
    pub(crate) fn from_tsv(src: &str, val: impl Fn(&[&str]) -> Option<T>) -> Self {
        let mut t =
            PhraseTable { phrases: Vec::new(), exact: HashMap::default(), prefix: HashMap::default(), starts: [0; 16] };
        for line in src.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let Some((pattern, rest)) = fields.split_last() else { continue };
            let Some(v) = val(rest) else { continue };
            t.add(pattern, v);
        }
        t
    }

    fn add(&mut self, pattern: &str, val: T) {
        let toks: Vec<Pat> = pattern.split_whitespace().map(|w| Pat::parse(&yntymaq_core::to_lower(w))).collect();
        let Some(first) = toks.first() else { return };
        let (text, prefix) = match first {
            Pat::Exact(e) => (e, false),
            Pat::Prefix(p) => (p, true),
        };
        let mut cs = text.chars();
        let (c1, c2) = (cs.next().unwrap_or('\0'), cs.next().unwrap_or('\0'));
        // a one-char prefix starts any word with that char
        let (w, bit) = pair_bit(c1, c2, prefix && c2 == '\0');
        if let Some(x) = self.starts.get_mut(w) {
            *x |= bit;
        }
        let idx = self.phrases.len();
        match first {
            Pat::Exact(e) => self.exact.entry(e.clone()).or_default().push(idx),
            Pat::Prefix(_) => self.prefix.entry(c1).or_default().push(idx),
        }
        self.phrases.push(Phrase { toks, val });
    }

    /// The longest phrase matching `low[i..]`: its length in tokens and value.
    pub(crate) fn longest_at<S: AsRef<str>>(&self, low: &[S], i: usize) -> Option<(usize, &T)> {
        self.longest_at_by(low, i, |_| true)
    }

    /// The longest phrase matching `low[i..]` whose value passes `keep`.
    pub(crate) fn longest_at_by<S: AsRef<str>>(
        &self,
        low: &[S],
        i: usize,
        keep: impl Fn(&T) -> bool,
    ) -> Option<(usize, &T)> {
        let first = low.get(i)?.as_ref();
        if !self.may_start(first) {
            return None;
        }
        let mut best: Option<(usize, &T)> = None;
        let mut try_idx = |idx: &usize| {
            if let Some(p) = self.phrases.get(*idx) {
                let n = p.toks.len();
                if best.is_some_and(|(b, _)| b >= n) {
                    return;
                }
                let ok = keep(&p.val)
                    && p.toks
                        .iter()
                        .enumerate()
                        .all(|(k, pat)| low.get(i + k).is_some_and(|w| pat.matches(w.as_ref())));
                if ok {
                    best = Some((n, &p.val));
                }
            }
        };
        if let Some(v) = self.exact.get(first) {
            v.iter().for_each(&mut try_idx);
        }
        if let Some(v) = first.chars().next().and_then(|c| self.prefix.get(&c)) {
            v.iter().for_each(&mut try_idx);
        }
        best
    }

    /// Whether a phrase may start with the word `low` ([`PhraseTable::starts`]).
    fn may_start(&self, low: &str) -> bool {
        let mut cs = low.chars();
        let (c1, c2) = (cs.next().unwrap_or('\0'), cs.next().unwrap_or('\0'));
        let has = |(w, bit): (usize, u64)| self.starts.get(w).is_some_and(|x| x & bit != 0);
        has(pair_bit(c1, c2, false)) || has(pair_bit(c1, '\0', true))
    }

    /// Every phrase ending exactly at token `end` (exclusive): the longest one's start.
    pub(crate) fn ending_at<S: AsRef<str>>(&self, low: &[S], end: usize) -> Option<(usize, &T)> {
        let mut best: Option<(usize, &T)> = None;
        for p in &self.phrases {
            let n = p.toks.len();
            if n > end || best.is_some_and(|(b, _)| b >= n) {
                continue;
            }
            let start = end - n;
            if p.toks.iter().enumerate().all(|(k, pat)| low.get(start + k).is_some_and(|w| pat.matches(w.as_ref()))) {
                best = Some((n, &p.val));
            }
        }
        best.map(|(n, v)| (end - n, v))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CurPos {
    After,
    Both,
}

#[derive(Debug, Clone)]
pub(crate) struct Currency {
    pub code: String,
    pub mult: f64,
    pub pos: CurPos,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Before,
    After,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ModKind {
    Before,
    After,
    Range,
    Equiv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PeriodKind {
    YearWord,
    Months,
    Half1,
    Half2,
    Q(u32),
    SinceStart,
    ThisYear,
    LastYear,
    NextYear,
    Today,
    Yesterday,
    Tomorrow,
    MonthWord,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumKind {
    Add,
    Hundred,
    Half,
    Point,
    Denom,
    DPoint,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct NumWord {
    pub kind: NumKind,
    pub value: f64,
}

pub(crate) struct Lexicon {
    pub currency: PhraseTable<Currency>,
    pub scale: PhraseTable<f64>,
    pub metric: PhraseTable<String>,
    pub change: PhraseTable<Side>,
    pub period: PhraseTable<PeriodKind>,
    pub month: PhraseTable<(u32, bool)>,
    pub modifier: PhraseTable<ModKind>,
    /// Number words by language, then by form.
    pub numbers: HashMap<String, HashMap<String, NumWord>>,
}

const CURRENCIES: &str = include_str!("../../../data/recognize/currencies.tsv");
const SCALES: &str = include_str!("../../../data/recognize/scales.tsv");
const METRICS: &str = include_str!("../../../data/recognize/metrics.tsv");
const CHANGES: &str = include_str!("../../../data/recognize/changes.tsv");
const PERIODS: &str = include_str!("../../../data/recognize/periods.tsv");
const MONTHS: &str = include_str!("../../../data/recognize/months.tsv");
const MODIFIERS: &str = include_str!("../../../data/recognize/modifiers.tsv");
const NUMBERS: &str = include_str!("../../../data/recognize/numbers.tsv");

fn period_kind(s: &str) -> Option<PeriodKind> {
    Some(match s {
        "year_word" => PeriodKind::YearWord,
        "months" => PeriodKind::Months,
        "half1" => PeriodKind::Half1,
        "half2" => PeriodKind::Half2,
        "q1" => PeriodKind::Q(1),
        "q2" => PeriodKind::Q(2),
        "q3" => PeriodKind::Q(3),
        "q4" => PeriodKind::Q(4),
        "since_start" => PeriodKind::SinceStart,
        "this_year" => PeriodKind::ThisYear,
        "last_year" => PeriodKind::LastYear,
        "next_year" => PeriodKind::NextYear,
        "today" => PeriodKind::Today,
        "yesterday" => PeriodKind::Yesterday,
        "tomorrow" => PeriodKind::Tomorrow,
        "month_word" => PeriodKind::MonthWord,
        _ => return None,
    })
}

fn load() -> Lexicon {
    let currency = PhraseTable::from_tsv(CURRENCIES, |f| {
        let [code, mult, pos] = f else { return None };
        Some(Currency {
            code: (*code).to_owned(),
            mult: mult.parse().ok()?,
            pos: if *pos == "both" { CurPos::Both } else { CurPos::After },
        })
    });
    let scale = PhraseTable::from_tsv(SCALES, |f| f.first()?.parse::<f64>().ok());
    let metric = PhraseTable::from_tsv(METRICS, |f| f.first().map(|s| (*s).to_owned()));
    let change = PhraseTable::from_tsv(CHANGES, |f| match *f.first()? {
        "before" => Some(Side::Before),
        "after" => Some(Side::After),
        _ => None,
    });
    let period = PhraseTable::from_tsv(PERIODS, |f| period_kind(f.first()?));
    let month = PhraseTable::from_tsv(MONTHS, |f| {
        let [m, flags] = f else { return None };
        Some((m.parse().ok()?, *flags == "amb"))
    });
    let modifier = PhraseTable::from_tsv(MODIFIERS, |f| match *f.first()? {
        "before" => Some(ModKind::Before),
        "after" => Some(ModKind::After),
        "range" => Some(ModKind::Range),
        "equiv" => Some(ModKind::Equiv),
        _ => None,
    });
    let mut numbers: HashMap<String, HashMap<String, NumWord>> = HashMap::default();
    for line in NUMBERS.lines() {
        if line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let [lang, kind, value, word] = f.as_slice() else { continue };
        let kind = match *kind {
            "n" => NumKind::Add,
            "h" => NumKind::Hundred,
            "half" => NumKind::Half,
            "point" => NumKind::Point,
            "denom" => NumKind::Denom,
            "dpoint" => NumKind::DPoint,
            _ => continue,
        };
        let Ok(value) = value.parse::<f64>() else { continue };
        numbers.entry((*lang).to_owned()).or_default().insert(yntymaq_core::to_lower(word), NumWord { kind, value });
    }
    Lexicon { currency, scale, metric, change, period, month, modifier, numbers }
}

/// The lexicon, loaded on first use.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(load)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load_and_match_longest() {
        let lx = lexicon();
        let low = ["долларов", "сша", "в"];
        let (n, c) = lx.currency.longest_at(&low, 0).unwrap();
        assert_eq!((n, c.code.as_str()), (2, "USD"));
        let low = ["канадских", "долларов"];
        assert_eq!(lx.currency.longest_at(&low, 0).unwrap().1.code, "CAD");
        assert_eq!(lx.scale.longest_at(&["млрд"], 0).map(|x| *x.1), Some(1e9));
        assert_eq!(lx.metric.longest_at(&["тауар", "айналымы"], 0).map(|x| x.1.as_str()), Some("trade_turnover"));
        assert!(lx.numbers.get("kk").is_some_and(|m| m.contains_key("жиырма")));
        let low = ["вырос", "на"];
        assert_eq!(lx.change.ending_at(&low, 2).map(|x| x.0), Some(0));
    }

    #[test]
    fn the_quick_start_test_lets_every_phrase_through() {
        let t = PhraseTable::from_tsv("1\tв\n2\tд*\n3\tдоллар* сша\n4\tда\n5\tq* r\n", |f| {
            f.first().map(|x| x.to_string())
        });
        let at = |w: &[&str]| t.longest_at(w, 0).map(|(n, v)| (n, v.clone()));
        assert_eq!(at(&["в"]), Some((1, "1".into())));
        assert_eq!(at(&["дом"]), Some((1, "2".into())), "a one-letter prefix");
        assert_eq!(at(&["долларов", "сша"]), Some((2, "3".into())));
        assert_eq!(at(&["да"]), Some((1, "4".into())));
        assert_eq!(at(&["q", "r"]), Some((2, "5".into())));
        assert_eq!(at(&["вот"]), None);
        assert_eq!(at(&["x"]), None);
        assert_eq!(at(&[""]), None);
        // every phrase of the real tables is found from its own first word
        let lx = lexicon();
        for p in &lx.currency.phrases {
            let words: Vec<String> = p
                .toks
                .iter()
                .map(|x| match x {
                    Pat::Exact(e) => e.clone(),
                    Pat::Prefix(p) => format!("{p}ы"),
                })
                .collect();
            assert!(lx.currency.may_start(&words[0]), "{words:?}");
            assert!(lx.currency.longest_at(&words, 0).is_some(), "{words:?}");
        }
    }
}
