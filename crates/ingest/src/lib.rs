//! Ingestion: from files on disk (or crawl records) to [`CleanDoc`]s.
//!
//! * [`read`] walks folders and reads files into [`RawDoc`]s, one per
//!   document (a WARC file yields many), reporting unreadable inputs as
//!   [`InputProblem`]s instead of failing the batch.
//! * [`clean`] turns one [`RawDoc`] into a [`CleanDoc`]: decoded analysis
//!   text, an offset map back to the original bytes, and main / comment /
//!   boilerplate regions, plus source kind, quality, spam flag and language.
//! * [`dedup`] fingerprints sentences for exact and near-duplicate detection.
//!
//! Everything here except [`read`] is pure: bytes in, values out.

pub mod clean;
pub mod dedup;
pub mod read;

pub use clean::{clean, CleanError};
pub use read::{content_id, read_path, walk, InputProblem, ReadOutcome};

pub use annalist_model::{CleanDoc, RawDoc};
