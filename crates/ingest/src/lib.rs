//! Ingestion: from files on disk (or crawl records) to [`CleanDoc`]s.
//!
//! * [`read`] walks folders and reads files (text, Markdown, HTML, WARC/WET,
//!   plain or gzip) into [`RawDoc`]s, one per document (a WARC file yields
//!   many), reporting unreadable inputs as [`InputProblem`]s instead of
//!   failing the batch.
//! * [`clean`] turns one [`RawDoc`] into a [`CleanDoc`]: decoded analysis
//!   text, an offset map back to the original bytes, and main / comment /
//!   boilerplate regions, plus source kind, quality, spam flag and language.
//! * [`dedup`] fingerprints sentences for exact and near-duplicate detection.
//!
//! Everything here except [`read`] is pure: bytes in, values out.
//! Design notes: `docs/ingest.md`.

mod caseless;
pub mod clean;
mod cues;
pub mod decode;
pub mod dedup;
pub mod html;
pub mod read;
pub mod segment;

pub use clean::{clean, CleanError};
pub use dedup::NEAR_DUP_MAX_HAMMING;
pub use read::{
    content_id, read_bytes, read_bytes_with, read_path, read_path_with, walk, InputProblem,
    ReadOptions, ReadOutcome,
};

pub use annalist_model::{CleanDoc, RawDoc};

/// Rounds `off` down to a char boundary of `s` (never panics).
pub(crate) fn floor_boundary(s: &str, off: usize) -> usize {
    annalist_model::floor_char_boundary(s, off)
}
