//! annalist's data model: the types every stage passes to the next.
//!
//! Nothing here does I/O. The model has three layers:
//!
//! * [`source`] and [`span`]: what a document is, where its regions lie, and
//!   how analysis-text offsets map back to **UTF-8 byte offsets into the
//!   original input** (the only offsets that ever leave the pipeline).
//! * [`doc`]: the per-document result, [`doc::DocAnalysis`], produced by the
//!   pure per-document pipeline (tokens, sentences, mentions, timexes, local
//!   entities, event mentions).
//! * [`kb`]: the cross-document knowledge base (entities, events, conflicts)
//!   whose serialization is the JSON export contract (`docs/export.schema.json`).
//!
//! Convention for every crate: build model structs with
//! `..Default::default()` so that adding a field never breaks a caller.

pub mod doc;
pub mod event;
pub mod interval;
pub mod kb;
pub mod source;
pub mod span;
pub mod timex;

pub use doc::*;
pub use event::*;
pub use kb::*;
pub use source::*;
pub use span::*;
pub use timex::*;

/// The version written into exports and stored analyses.
pub const ANNALIST_VERSION: &str = env!("CARGO_PKG_VERSION");
