//! Helpers shared by the subcommands.

use annalist_model::KnowledgeBase;
use annalist_store::Store;
use anyhow::Context;
use std::path::{Path, PathBuf};

/// The default database file: `annalist.db` in the current folder.
pub const DEFAULT_DB: &str = "annalist.db";

/// Exit codes (documented in the README).
pub mod exit {
    /// Everything went well.
    pub const OK: u8 = 0;
    /// A fatal error: nothing (more) was done.
    pub const ERROR: u8 = 1;
    /// The command finished, but some inputs were skipped (each was reported).
    pub const SKIPPED: u8 = 2;
    /// What was asked for does not exist (entity not found, empty database).
    pub const NOT_FOUND: u8 = 3;
}

/// Opens an existing database (error when it does not exist).
pub fn open_existing(db: &Path) -> anyhow::Result<Store> {
    if !db.exists() {
        anyhow::bail!(
            "no database at {} (create one with `annalist build PATH --db {}`)",
            db.display(),
            db.display()
        );
    }
    Store::open(db).with_context(|| format!("opening {}", db.display()))
}

/// Loads the knowledge base stored in `db`.
pub fn load_kb(db: &Path) -> anyhow::Result<KnowledgeBase> {
    let store = open_existing(db)?;
    store
        .load_kb()
        .with_context(|| format!("reading the knowledge base in {}", db.display()))
}

/// The `--db` argument shared by every subcommand.
#[derive(clap::Args, Debug, Clone)]
pub struct DbArg {
    /// The database file.
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
}

/// Cuts `s` to at most `n` characters, adding an ellipsis.
pub fn ellipsize(s: &str, n: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        return s;
    }
    let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}
