//! Scores a knowledge base against gold annotations in the format of
//! `../shared/gold/FORMAT.md`. Every metric is defined in
//! `docs/evaluation.md`; this crate only counts, it runs no analysis (the
//! CLI's `annalist eval` builds the knowledge base and calls [`score`]).

pub mod gold;
pub mod metrics;

pub use gold::{Gold, GoldDoc};
pub use metrics::{score, Counts, Report};
