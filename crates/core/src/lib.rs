//! The `Document` that flows through yntymaq's pipeline.
//!
//! ```text
//! ingest → clean → lang → analyze → recognize → assemble → resolve → store → serve
//! ```
//!
//! Each stage adds annotations to one [`Document`]: spans are byte offsets into
//! [`Document::body`], the cleaned article text, and no stage re-parses what an
//! earlier one produced. This crate holds the types every stage shares, plus the
//! tokenizer and sentence splitter (the `analyze` stage's first half), which
//! every recognizer reads.

pub mod document;
pub mod offsets;
pub mod record;
pub mod text;

pub use document::*;
pub use offsets::CharOffsets;
pub use text::{sentences, tokenize, Token, TokenKind};
