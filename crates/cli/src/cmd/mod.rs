//! One module per subcommand.
pub mod build;
pub mod common;
pub mod eval;
pub mod export;
pub mod query;
pub mod serve;
pub mod timex;
