//! The `annalist` command line: build a knowledge base from documents,
//! query it, export it, serve it, and score it against gold annotations.
mod cmd;

/// The analysis makes many small short-lived allocations per token (tags,
/// lemmas, candidate names): glibc's malloc spent ~15 % of a build's CPU on
/// them. jemalloc's thread caches cut a build's CPU by ~15 % and its peak
/// memory by ~5 % (mimalloc was as fast but kept 20 % more memory);
/// BENCHMARKS.md has the figures.
#[cfg(unix)]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options (the `_RJEM_MALLOC_CONF` environment variable still
/// overrides them). One arena for all threads: memory freed on one thread
/// is reused by the next allocation on any other. With an arena per thread
/// (the default), the pages the analysis threads and the store writer free
/// stay with their arenas while the merge, on the main thread, takes new
/// ones: a 50 MB build peaked at 306–308 MB, with one arena at 288–294 MB,
/// for the same CPU or less (thread caches serve nearly every allocation
/// without the arena's lock; fewer fresh pages, fewer page faults).
/// BENCHMARKS.md has the figures.
#[cfg(unix)]
#[export_name = "_rjem_malloc_conf"]
static MALLOC_CONF: &[u8] = b"narenas:1\0";

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "annalist",
    version,
    about = "A cited, cross-checked knowledge base from piles of historical documents",
    after_help = "Exit codes: 0 ok; 1 error; 2 finished but some inputs were skipped; 3 not found."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Read files and folders (txt, md, html, warc) into the knowledge base.
    Build(cmd::build::BuildArgs),
    /// Write the knowledge base as JSON (or another format).
    Export(cmd::export::ExportArgs),
    /// The chronological events of a person (or any entity).
    Timeline(cmd::query::TimelineArgs),
    /// Names, aliases and events of one entity.
    Entity(cmd::query::EntityArgs),
    /// Where the sources disagree.
    Conflicts(cmd::query::ListArgs),
    /// The sources, their kind and quality.
    Sources(cmd::query::ListArgs),
    /// Serve the web UI and the JSON API.
    Serve(cmd::serve::ServeArgs),
    /// Build from the bundled seed corpus, print a timeline, and serve the web UI.
    Demo(cmd::serve::DemoArgs),
    /// Score annalist against gold annotations.
    Eval(cmd::eval::EvalArgs),
    /// Tag time expressions in files, or round-trip TimeML.
    Timex(cmd::timex::TimexArgs),
}

fn main() -> ExitCode {
    reset_sigpipe();
    let cli = Cli::parse();
    let r = match &cli.command {
        Command::Build(a) => cmd::build::run(a),
        Command::Export(a) => cmd::export::run(a),
        Command::Timeline(a) => cmd::query::run_timeline(a),
        Command::Entity(a) => cmd::query::run_entity(a),
        Command::Conflicts(a) => cmd::query::run_conflicts(a),
        Command::Sources(a) => cmd::query::run_sources(a),
        Command::Serve(a) => cmd::serve::run_serve(a),
        Command::Demo(a) => cmd::serve::run_demo(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::Timex(a) => cmd::timex::run(a),
    };
    match r {
        Ok(c) => c,
        Err(e) => {
            eprintln!("annalist: error: {e:#}");
            ExitCode::from(cmd::common::exit::ERROR)
        }
    }
}

/// `annalist export | head` must end quietly, not panic on a closed pipe:
/// restore the default SIGPIPE action that Rust's runtime ignores.
fn reset_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal disposition to SIG_DFL at start-up, before
    // any thread exists, has no memory-safety implications.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
