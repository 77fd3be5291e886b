//! `annalist eval`: scores annalist against gold annotations.

use super::build::build_into;
use annalist_eval::{score, Counts, Gold};
use annalist_pipeline::Pipeline;
use annalist_store::Store;
use anyhow::Context;
use clap::Args;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Folder of gold files (`<topic>.json`, format of gold/FORMAT.md).
    #[arg(long)]
    pub gold: PathBuf,
    /// Folder holding one sub-folder of documents per topic (`<topic>/`).
    #[arg(long)]
    pub corpus: PathBuf,
    /// Only these topics (default: every gold file).
    #[arg(long)]
    pub topic: Vec<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// List what was missed.
    #[arg(long, short)]
    pub verbose: bool,
    /// Count missed and spurious events by cause (the first stage that
    /// failed), over all topics: safe on a held-out set, as nothing of its
    /// text is shown.
    #[arg(long)]
    pub breakdown: bool,
}

/// Builds a fresh in-memory knowledge base from one topic's documents and
/// scores it.
pub fn eval_topic(gold: &Gold, dir: &Path, pipeline: &Pipeline) -> anyhow::Result<Counts> {
    let mut store = Store::in_memory()?;
    build_into(
        &mut store,
        &[dir.to_path_buf()],
        pipeline,
        &Default::default(),
    )?;
    let kb = store.load_kb()?;
    let mut texts = BTreeMap::new();
    for d in &gold.documents {
        if let Ok(b) = std::fs::read(dir.join(&d.file)) {
            texts.insert(d.file.clone(), b);
        }
    }
    Ok(score(gold, &kb, &texts))
}

/// Every gold file in `dir`, sorted by topic.
pub fn load_gold(dir: &Path, only: &[String]) -> anyhow::Result<Vec<Gold>> {
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p)?;
        let g = Gold::parse(&text).with_context(|| format!("parsing {}", p.display()))?;
        if only.is_empty() || only.contains(&g.topic) {
            out.push(g);
        }
    }
    Ok(out)
}

fn fmt(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.3}")).unwrap_or_else(|| "-".into())
}

pub fn run(a: &EvalArgs) -> anyhow::Result<ExitCode> {
    let golds = load_gold(&a.gold, &a.topic)?;
    if golds.is_empty() {
        anyhow::bail!("no gold files in {}", a.gold.display());
    }
    let pipeline = Pipeline::new();
    let mut total = Counts::default();
    let mut per_topic = Vec::new();
    for g in &golds {
        let dir = a.corpus.join(&g.topic);
        let c = eval_topic(g, &dir, &pipeline)?;
        total.merge(&c);
        per_topic.push((g.topic.clone(), c));
    }
    if a.json {
        let mut m = serde_json::Map::new();
        for (t, c) in &per_topic {
            m.insert(t.clone(), serde_json::to_value(c.report())?);
        }
        m.insert("all".into(), serde_json::to_value(total.report())?);
        println!("{}", serde_json::to_string_pretty(&m)?);
        return Ok(ExitCode::SUCCESS);
    }
    print!("{:<36}", "metric");
    for (t, _) in &per_topic {
        print!(" {:>9}", t);
    }
    println!(" {:>9}", "all");
    let rows = total.report().rows();
    let topic_rows: Vec<_> = per_topic.iter().map(|(_, c)| c.report().rows()).collect();
    for (i, (name, v)) in rows.iter().enumerate() {
        print!("{name:<36}");
        for tr in &topic_rows {
            print!(" {:>9}", fmt(tr[i].1));
        }
        println!(" {:>9}", fmt(*v));
    }
    if a.breakdown {
        println!();
        for (cause, n) in &total.event_causes {
            println!("{cause:<52} {n:>5}");
        }
    }
    if a.verbose {
        println!();
        for (t, c) in &per_topic {
            for m in &c.misses {
                println!("{t}: {m}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
