//! The engagement record, as `../shared/eval/SCHEMA.md` defines it.
//!
//! Field names and shapes are the schema's, so that the scorer reads the
//! output as it is; evidence and confidence are added beside them.

use serde::{Deserialize, Serialize};

/// Where a fact came from: the sentence, and its span in the body in Unicode
/// characters (what Python indexes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub role: String,
    pub side: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub metric: String,
    pub value: f64,
    pub currency: String,
    pub period: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// A fact with the sentence it came from, for list fields whose schema shape
/// is a bare string (regions, countries...): the evidence goes to a parallel
/// `evidence` map keyed by field and value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactEvidence {
    pub field: String,
    pub value: String,
    #[serde(flatten)]
    pub evidence: Evidence,
}

impl Event {
    /// The event's list fields whose items are plain strings, by field name.
    pub fn string_fields(&self) -> [(&'static str, &Vec<String>); 6] {
        [
            ("regions", &self.regions),
            ("countries", &self.countries),
            ("foreign_regions", &self.foreign_regions),
            ("organizations", &self.organizations),
            ("sectors", &self.sectors),
            ("agreements", &self.agreements),
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: String,
    pub date: Option<String>,
    pub regions: Vec<String>,
    pub countries: Vec<String>,
    pub foreign_regions: Vec<String>,
    pub people: Vec<Person>,
    pub organizations: Vec<String>,
    pub sectors: Vec<String>,
    pub figures: Vec<Figure>,
    pub agreements: Vec<String>,
    /// How sure the assembler is that this event is real, 0..1.
    #[serde(default)]
    pub confidence: f32,
    /// Evidence for the event's string facts (regions, countries, sectors...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<FactEvidence>,
}
