//! yntymaq: news pages about Kazakhstan's regions in, records of their
//! foreign engagements out.
//!
//! ```text
//! ingest → clean → lang → analyze → recognize → assemble → resolve → store → serve
//! ```
//!
//! - [`ingest`]: files, directories, JSONL corpora, WARC archives → [`Document`]s;
//! - [`pipeline`]: one document through clean (`yntymaq-clean`), lang
//!   (`yntymaq-lang`), analyze (tokens, sentences, lemmas: `yntymaq-core`,
//!   `yntymaq-morph`) and recognize (`yntymaq-gazetteer`, `yntymaq-ner`,
//!   `yntymaq-recognize`);
//! - [`assemble`]: engagement events from a document's entities and cues;
//! - [`resolve`]: one event per real-world event across documents;
//! - [`store`]: records in SQLite;
//! - [`output`]: the records, in the shape of the gold schema;
//! - [`batch`]: many documents in parallel, in input order.

pub mod assemble;
pub mod batch;
pub mod eval;
pub mod ingest;
pub mod output;
pub mod pipeline;
pub mod resolve;
pub mod store;

pub use yntymaq_core::{Document, Source};
