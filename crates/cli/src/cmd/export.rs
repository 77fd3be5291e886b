//! `annalist export`: the knowledge base in JSON and other formats.

use super::common::{load_kb, DbArg};
use annalist_export::{export, ExportFormat};
use anyhow::Context;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Output format.
    #[arg(long, default_value = "json", value_parser = clap::builder::PossibleValuesParser::new(ExportFormat::NAMES))]
    pub format: String,
    /// Output file (default: stdout). For `csv`, a folder (existing, or a
    /// path without extension) receives entities.csv, events.csv and
    /// evidence.csv; a file or stdout receives a zip of the three.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn run(a: &ExportArgs) -> anyhow::Result<ExitCode> {
    let kb = load_kb(&a.db.db)?;
    let format = ExportFormat::parse(&a.format).context("unknown format")?;
    match &a.out {
        Some(dir) if format == ExportFormat::Csv && (dir.is_dir() || dir.extension().is_none()) => {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            annalist_export::csv::write_dir(&kb, dir)?;
        }
        Some(path) => {
            let f = std::fs::File::create(path)
                .with_context(|| format!("creating {}", path.display()))?;
            let mut w = std::io::BufWriter::new(f);
            export(&kb, format, &mut w)?;
            w.flush()?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            export(&kb, format, &mut w)?;
            w.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
