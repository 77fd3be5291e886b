//! One module per subcommand.
pub mod timex;
