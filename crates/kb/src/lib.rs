//! The cross-document stage.
//!
//! [`KbBuilder`] takes [`annalist_model::DocAnalysis`]es in any order and
//! yields one [`annalist_model::KnowledgeBase`]: entities resolved across
//! documents ([`resolve`]), duplicate sentences grouped ([`dedup`]), events
//! merged across sources with their evidence, independent-source counts,
//! confidence and conflicts ([`events`]). The result does not depend on the
//! order the documents were added in. Design notes: `docs/kb.md`.
//!
//! [`query`] answers the questions the CLI and the server ask (find an
//! entity by a forgiving name, a person's timeline, the conflicts of an
//! event, who acted on whom).

pub mod dedup;
pub mod events;
pub mod merge;
pub mod names;
pub mod query;
pub mod resolve;
pub mod rules;

pub use merge::{merge, KbBuilder};
