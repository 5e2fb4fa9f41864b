//! The recognize stage's rule recognizers: money with metrics and periods, dates.
//!
//! - [`money`]: money amounts ("39,5 млн АҚШ долларын", "$1.2 billion",
//!   "1 200 000 тенге", "үш жарым миллиард доллар") as `MONEY` entities with
//!   their value and ISO 4217 currency.
//! - [`figures`]: the same amounts tied to a metric (trade turnover, export,
//!   import, investment, other), a period, and flagged when they are changes.
//! - [`dates`]: calendar dates, months, years and ranges as `DATE` entities.
//! - [`companies`]: company names (quoted beside a company word, Latin names
//!   ending in Co./Ltd./Corporation) as `ORG` entities.
//!
//! Spans are byte offsets over the text given. Word lists live in
//! `data/recognize/` (see docs/data-recognize.md), loaded once per process.

mod companies;
mod dates;
mod figures;
mod lexicon;
mod money;
mod toks;

pub use companies::{companies, is_company_word};
pub use dates::dates;
pub use figures::{figures, FigureMention};

use chrono::NaiveDate;
use yntymaq_core::{Entity, Label, Referent, Span, Token};

/// What the rule recognizers find in one text.
#[derive(Debug, Default)]
pub struct Found {
    /// [`money`]
    pub money: Vec<Entity>,
    /// [`dates`], completed with the dateline's year
    pub dates: Vec<Entity>,
    /// [`figures`], when asked for
    pub figures: Vec<FigureMention>,
}

/// Money, dates and (with `with_figures`) figures of a text whose tokens and
/// sentences the analyze stage gave, reading the tokens once for all three.
pub fn recognize(
    text: &str,
    tokens: &[Token],
    sentences: &[Span],
    lang: &str,
    dateline: Option<NaiveDate>,
    with_figures: bool,
) -> Found {
    let mut buf = String::new();
    let toks = toks::build(text, tokens, &mut buf);
    Found {
        money: money_in(text, &toks, sentences, lang),
        dates: dates::dates_in(text, &toks, dateline.map(|d| chrono::Datelike::year(&d))),
        figures: if with_figures { figures::figures_in(text, &toks, sentences, lang, dateline) } else { Vec::new() },
    }
}

/// Money amounts with a currency (stated, shared by a range, or carried over
/// from an earlier amount of the sentence) as `MONEY` entities.
pub fn money(text: &str, tokens: &[Token], lang: &str) -> Vec<Entity> {
    let mut buf = String::new();
    let toks = toks::build(text, tokens, &mut buf);
    money_in(text, &toks, &yntymaq_core::sentences(text, tokens), lang)
}

fn money_in(text: &str, toks: &[toks::Tok<'_>], sentences: &[Span], lang: &str) -> Vec<Entity> {
    let p = money::Parser::new(text, toks, lang);
    let mut amounts = p.amounts();
    if amounts.is_empty() {
        return Vec::new();
    }
    let groups = figures::token_groups(text, toks, sentences, &amounts);
    money::carry_currency(&p, &mut amounts, |i| groups.get(i).copied().unwrap_or(usize::MAX));
    amounts
        .into_iter()
        .filter_map(|a| {
            let currency = a.currency.clone()?;
            let span: Span = a.span(toks);
            Some(Entity {
                span,
                label: Label::Money,
                norm: None,
                referent: Referent::Money { value: a.value, currency },
                source: "recognize.money",
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
