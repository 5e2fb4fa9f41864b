//! The embedded TSV tables and their parsing.

use crate::GazetteerError;
use chrono::NaiveDate;

pub(crate) const REGIONS: &str = include_str!("../../../data/gazetteer/regions.tsv");
pub(crate) const PLACES: &str = include_str!("../../../data/gazetteer/places.tsv");
pub(crate) const COUNTRIES: &str = include_str!("../../../data/gazetteer/countries.tsv");
pub(crate) const COUNTRIES_WC: &str = include_str!("../../../data/gazetteer/countries_wc.tsv");
pub(crate) const DEMONYMS: &str = include_str!("../../../data/gazetteer/demonyms.tsv");
pub(crate) const FOREIGN_REGIONS: &str = include_str!("../../../data/gazetteer/foreign_regions.tsv");
pub(crate) const ROLES: &str = include_str!("../../../data/gazetteer/roles.tsv");
pub(crate) const AKIMATS: &str = include_str!("../../../data/gazetteer/akimats.tsv");
pub(crate) const TRIGGERS: &str = include_str!("../../../data/gazetteer/triggers.tsv");
pub(crate) const SECTORS: &str = include_str!("../../../data/gazetteer/sectors.tsv");
pub(crate) const AGREEMENTS: &str = include_str!("../../../data/gazetteer/agreements.tsv");

/// The rows of a TSV table as maps from column name to value: comments (#)
/// and blank lines skipped, the first other line is the header.
pub(crate) struct Table<'a> {
    pub name: &'static str,
    pub header: Vec<&'a str>,
    pub rows: Vec<(usize, Vec<&'a str>)>,
}

impl<'a> Table<'a> {
    pub fn parse(name: &'static str, src: &'a str) -> Result<Self, GazetteerError> {
        let mut header: Option<Vec<&str>> = None;
        let mut rows = Vec::new();
        for (n, line) in src.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
            match &header {
                None => header = Some(cells),
                Some(h) => {
                    if cells.len() != h.len() {
                        return Err(GazetteerError::Row {
                            table: name,
                            line: n + 1,
                            msg: format!("{} cells, header has {}", cells.len(), h.len()),
                        });
                    }
                    rows.push((n + 1, cells));
                }
            }
        }
        let header = header.ok_or(GazetteerError::Row { table: name, line: 0, msg: "no header".into() })?;
        Ok(Table { name, header, rows })
    }

    pub fn col(&self, col: &str) -> Result<usize, GazetteerError> {
        self.header.iter().position(|h| *h == col).ok_or(GazetteerError::Row {
            table: self.name,
            line: 0,
            msg: format!("no column {col}"),
        })
    }
}

/// `|`-separated names of a cell.
pub(crate) fn names(cell: &str) -> impl Iterator<Item = &str> {
    cell.split('|').map(str::trim).filter(|s| !s.is_empty())
}

pub(crate) fn date(table: &'static str, line: usize, cell: &str) -> Result<Option<NaiveDate>, GazetteerError> {
    if cell.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(cell, "%Y-%m-%d").map(Some).map_err(|e| GazetteerError::Row {
        table,
        line,
        msg: format!("bad date {cell}: {e}"),
    })
}

/// The schema's codes, so that the tables' kinds become `&'static str`.
pub(crate) const ROLE_CODES: &[&str] = &[
    "akim",
    "deputy_akim",
    "regional_official",
    "ambassador",
    "consul_general",
    "consul",
    "diplomat",
    "governor",
    "minister",
    "deputy_minister",
    "official",
    "business",
    "other",
];
pub(crate) const EVENT_TYPES: &[&str] = &["meeting", "agreement", "visit", "forum"];
pub(crate) const SECTOR_CODES: &[&str] = &[
    "mining",
    "metallurgy",
    "manufacturing",
    "energy",
    "oil_gas",
    "agriculture",
    "food_processing",
    "logistics",
    "tourism",
    "healthcare",
    "education",
    "innovation",
    "ecology",
    "water",
    "construction",
    "trade",
    "culture",
    "sport",
    "finance",
];
pub(crate) const AGREEMENT_KINDS: &[&str] = &["memorandum", "agreement", "roadmap", "contract"];
pub(crate) const AKIMAT_LEVELS: &[&str] = &["region", "department"];

pub(crate) fn intern(
    table: &'static str,
    line: usize,
    codes: &[&'static str],
    v: &str,
) -> Result<&'static str, GazetteerError> {
    codes.iter().find(|c| **c == v).copied().ok_or(GazetteerError::Row {
        table,
        line,
        msg: format!("unknown code {v}"),
    })
}
