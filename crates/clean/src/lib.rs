//! The clean stage: bytes in, the main article out.
//!
//! - [`encoding`]: decode bytes (declared charset first, then detection);
//! - [`html`]: the main text of an HTML page, its title, date, author, site;
//! - [`text`]: the article block of a scraped plain-text page;
//! - [`dateline`]: publication dates from datelines and date strings.

pub mod dateline;
pub mod encoding;
pub mod html;
pub mod text;

use chrono::NaiveDate;

/// What cleaning takes out of a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    pub title: Option<String>,
    /// The main article text, paragraphs separated by a blank line.
    pub body: String,
    pub published: Option<NaiveDate>,
    pub author: Option<String>,
    pub site_name: Option<String>,
}
