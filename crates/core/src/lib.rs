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
/// Hash maps and sets with a fast, non-cryptographic hasher, for tables
/// built from the embedded data (a text's words only probe them, so cannot
/// crowd them with colliding keys). Caches that store words of the input
/// keep the standard library's keyed hasher.
pub use rustc_hash::{FxHashMap, FxHashSet};
pub use text::{
    case_of, is_cyrillic, is_letter, is_letter_or_digit, is_lower_without_yo, lower_char, lower_first, push_lowercase,
    sentences, to_lower, tokenize, Token, TokenKind,
};

/// The shared corpora beside the repository (`../shared`), for the tests
/// that read them; `None`, with a `skipped` line, on a fresh clone without
/// them. Every crate sits at `crates/NAME`, so the path is the same for all.
pub fn shared_corpora() -> Option<std::path::PathBuf> {
    let p = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    if p.is_dir() {
        Some(p)
    } else {
        println!("skipped: ../shared not found");
        None
    }
}
