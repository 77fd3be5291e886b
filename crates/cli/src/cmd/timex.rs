//! `annalist timex`: tag time expressions in files, or round-trip TimeML.

use annalist_time::{timeml, Style, Tagger, TimexContext};
use clap::Args;
use std::io::Read;
use std::path::{Path, PathBuf};
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
    /// How the text tells time: narrative (bare months follow the story,
    /// the default) or news (they follow the creation time; the default for
    /// TimeML input).
    #[arg(long)]
    pub style: Option<String>,
}

fn expand(inputs: &[PathBuf], timeml: bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            v.retain(|f| f.is_file() && (!timeml || f.extension().is_some_and(|e| e == "tml")));
            v.sort();
            out.extend(v);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn read(p: &Path) -> anyhow::Result<String> {
    if p.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        Ok(s)
    } else {
        let bytes = std::fs::read(p)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// Runs the command.
pub fn run(args: &TimexArgs) -> anyhow::Result<ExitCode> {
    let format = if args.json {
        "json"
    } else {
        args.format.as_str()
    };
    let style = match args.style.as_deref() {
        Some("news") => Style::News,
        Some("narrative") => Style::Narrative,
        Some(other) => anyhow::bail!("unknown --style {other} (news or narrative)"),
        None if format == "timeml" => Style::News,
        None => Style::Narrative,
    };
    let tagger = Tagger::new().with_style(style);
    match format {
        "timeml" => {
            let out = args
                .out
                .as_ref()
                .ok_or_else(|| anyhow::anyhow!("--format timeml needs --out DIR"))?;
            std::fs::create_dir_all(out)?;
            let mut n = 0;
            for p in expand(&args.inputs, true) {
                let doc = timeml::parse(&read(&p)?);
                let dct = args.dct.clone().or(doc.dct.clone());
                let ctx = TimexContext {
                    dct: dct.as_deref(),
                    ..Default::default()
                };
                let tags = tagger.tag(&doc.text, &ctx);
                let name = p
                    .file_name()
                    .map(|f| f.to_os_string())
                    .unwrap_or_else(|| "stdin.tml".into());
                std::fs::write(out.join(name), timeml::write(&doc, &tags))?;
                n += 1;
            }
            eprintln!("wrote {n} TimeML file(s) to {}", out.display());
        }
        "json" | "table" => {
            let mut all = Vec::new();
            for p in expand(&args.inputs, false) {
                let text = read(&p)?;
                let ctx = TimexContext {
                    dct: args.dct.as_deref(),
                    ..Default::default()
                };
                let tags = tagger.tag(&text, &ctx);
                if format == "json" {
                    all.push(serde_json::json!({
                        "file": p.display().to_string(),
                        "timexes": tags,
                    }));
                } else {
                    println!("# {}", p.display());
                    println!("start\tend\ttype\tvalue\tmod\tanchor\ttext");
                    for t in tags {
                        println!(
                            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                            t.span.start,
                            t.span.end,
                            t.ttype.as_str(),
                            t.value,
                            t.tmod.map_or("", |m| m.as_str()),
                            t.anchor.as_deref().unwrap_or(""),
                            t.text.replace(['\n', '\t'], " ")
                        );
                    }
                }
            }
            if format == "json" {
                println!("{}", serde_json::to_string_pretty(&all)?);
            }
        }
        other => anyhow::bail!("unknown --format {other} (table, json or timeml)"),
    }
    Ok(ExitCode::SUCCESS)
}
