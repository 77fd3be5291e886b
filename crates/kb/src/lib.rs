//! The cross-document stage.
//!
//! [`KbBuilder`] takes [`DocAnalysis`]es in any order and yields one
//! [`KnowledgeBase`]: entities resolved across documents, events merged
//! across sources with their evidence, duplicate groups and conflicts. The
//! result does not depend on the order the documents were added in.
//!
//! [`query`] answers the questions the CLI and the server ask (find an
//! entity by a forgiving name, a person's timeline).

pub mod merge;
pub mod query;

pub use merge::{merge, KbBuilder};
