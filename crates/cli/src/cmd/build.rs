//! `annalist build`: read inputs, analyse each document, merge, store.

use super::common::{exit, DEFAULT_DB};
use annalist_ingest::read::ReadOptions;
use annalist_ingest::{InputProblem, RawDoc};
use annalist_kb::KbBuilder;
use annalist_model::{DocAnalysis, SourceMeta};
use annalist_pipeline::Pipeline;
use annalist_store::{Stats, Store};
use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Arguments of `annalist build`.
#[derive(Args, Debug, Clone)]
pub struct BuildArgs {
    /// Files and folders to read (folders recursively); `-` reads one document from stdin.
    pub paths: Vec<PathBuf>,
    /// Read more paths from this file, one per line.
    #[arg(long)]
    pub files_from: Option<PathBuf>,
    /// The database file (created when missing).
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// No progress bar and no summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// Skip documents larger than this many megabytes (each is reported).
    #[arg(long, default_value_t = 32)]
    pub max_doc_mb: u64,
}

/// Limits and switches of one build.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    pub progress: bool,
    pub max_doc_bytes: usize,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            progress: false,
            max_doc_bytes: 32 << 20,
        }
    }
}

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub files: usize,
    pub added: usize,
    pub unchanged: usize,
    /// Stored sources analysed again because an earlier annalist made their
    /// analysis (see `annalist_pipeline::is_current`).
    pub reanalysed: usize,
    pub problems: Vec<InputProblem>,
    pub non_english: usize,
    pub bytes: u64,
    pub elapsed: Duration,
    /// Of `elapsed`, the time spent merging the knowledge base and saving it.
    pub merge_elapsed: Duration,
    pub stats: Stats,
}

impl BuildReport {
    pub fn print(&self) {
        let secs = self.elapsed.as_secs_f64().max(1e-6);
        println!(
            "annalist: {} sources in the store ({} added, {} unchanged{}{}{})",
            self.stats.sources,
            self.added,
            self.unchanged,
            if self.reanalysed == 0 {
                String::new()
            } else {
                format!(
                    ", {} analysed again (made by an earlier annalist)",
                    self.reanalysed
                )
            },
            if self.problems.is_empty() {
                String::new()
            } else {
                format!(", {} skipped", self.problems.len())
            },
            if self.non_english == 0 {
                String::new()
            } else {
                format!(", {} not English: stored, not analysed", self.non_english)
            }
        );
        println!(
            "          {} entities, {} events, {} conflicts",
            self.stats.entities, self.stats.events, self.stats.conflicts
        );
        let size = if self.bytes >= 1_000_000 {
            format!("{:.1} MB", self.bytes as f64 / 1e6)
        } else {
            format!("{:.1} kB", self.bytes as f64 / 1e3)
        };
        let peak = peak_memory_mb()
            .map(|m| format!(", peak memory {m:.0} MB"))
            .unwrap_or_default();
        println!(
            "          {secs:.2} s ({:.2} s reading and analysing, {:.2} s merging), {size} analysed, {:.2} MB/s{peak}",
            (self.elapsed - self.merge_elapsed).as_secs_f64(),
            self.merge_elapsed.as_secs_f64(),
            self.bytes as f64 / 1e6 / secs
        );
    }
}

const BATCH: usize = 64;

fn collect_inputs(args: &BuildArgs) -> anyhow::Result<Vec<PathBuf>> {
    let mut paths = args.paths.clone();
    if let Some(list) = &args.files_from {
        let text = std::fs::read_to_string(list)
            .with_context(|| format!("reading the list {}", list.display()))?;
        paths.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(PathBuf::from),
        );
    }
    if paths.is_empty() {
        anyhow::bail!(
            "nothing to read: give files or folders, `-` for stdin, or --files-from LIST"
        );
    }
    Ok(paths)
}

/// Reads one document (or a WARC stream) from stdin, named `-`.
fn read_stdin(opts: &ReadOptions) -> anyhow::Result<annalist_ingest::ReadOutcome> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .context("reading stdin")?;
    Ok(annalist_ingest::read::read_bytes_with("-", bytes, opts))
}

/// Runs a build into `store`. Problems with single inputs are collected,
/// never fatal.
pub fn build_into(
    store: &mut Store,
    paths: &[PathBuf],
    pipeline: &Pipeline,
    opts: &BuildOptions,
) -> anyhow::Result<BuildReport> {
    let progress = opts.progress;
    let t0 = Instant::now();
    let mut report = BuildReport::default();
    let mut stdin = false;
    let mut files: Vec<(PathBuf, PathBuf)> = Vec::new();
    let fs_paths: Vec<PathBuf> = paths
        .iter()
        .filter(|p| {
            if p.as_os_str() == "-" {
                stdin = true;
                false
            } else {
                true
            }
        })
        .cloned()
        .collect();
    if !fs_paths.is_empty() {
        let (found, problems) = annalist_ingest::walk(&fs_paths);
        files = found;
        report.problems.extend(problems);
    }
    report.files = files.len() + stdin as usize;
    let bar = if progress {
        let b = ProgressBar::new(report.files as u64);
        b.set_style(
            ProgressStyle::with_template("{spinner} [{bar:40}] {pos}/{len} files {msg} ({eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let read_opts = ReadOptions {
        max_record_bytes: opts.max_doc_bytes as u64,
        ..ReadOptions::default()
    };
    let mut pending: Vec<RawDoc> = Vec::new();
    // What the store already holds (content ids), read once: the store
    // itself belongs to the writer thread below while inputs are analysed.
    let stored = store.source_ids()?;
    if stdin {
        let o = read_stdin(&read_opts)?;
        report.problems.extend(o.problems);
        pending.extend(o.docs);
        bar.inc(1);
    }
    // A writer thread stores each analysed batch and boils its analyses
    // down for the merge while the next batch is read and analysed; the
    // bounded channel keeps at most two batches waiting.
    // The analyses made by this build go straight into the merge; only the
    // sources stored by earlier builds are read back from the store.
    let added = std::sync::atomic::AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(RawDoc, DocAnalysis)>>(2);
    let store_w: &mut Store = &mut *store;
    let written = std::thread::scope(|scope| -> anyhow::Result<KbBuilder> {
        let added = &added;
        let writer = scope.spawn(move || -> anyhow::Result<KbBuilder> {
            let mut builder = KbBuilder::without_source_details();
            // A few large transactions instead of one per batch (far less
            // FTS5 segment work; see `Store::begin_bulk`), ended after the
            // merge is saved; an error before that rolls back only what
            // was not committed yet.
            store_w.begin_bulk()?;
            for batch in rx {
                let items: Vec<(&[u8], &DocAnalysis)> =
                    batch.iter().map(|(r, a)| (r.bytes.as_slice(), a)).collect();
                let n = store_w.put_batch(&items)?;
                added.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
                drop(items);
                for (_, a) in batch {
                    builder.add(a);
                }
            }
            Ok(builder)
        });
        let mut chunks = files.chunks(BATCH).peekable();
        loop {
            let chunk = chunks.next();
            if let Some(chunk) = chunk {
                let outcomes: Vec<_> = chunk
                    .par_iter()
                    .map(|(p, root)| annalist_ingest::read::read_path_with(p, root, &read_opts))
                    .collect();
                for o in outcomes {
                    report.problems.extend(o.problems);
                    pending.extend(o.docs);
                }
                bar.inc(chunk.len() as u64);
            }
            if pending.is_empty() && chunk.is_none() {
                break;
            }
            if pending.len() < BATCH && chunks.peek().is_some() {
                continue;
            }
            // Skip what the store already holds (content hash).
            let mut todo = Vec::new();
            for raw in pending.drain(..) {
                if raw.bytes.len() > opts.max_doc_bytes {
                    report.problems.push(InputProblem {
                        file: raw.name.clone(),
                        message: format!(
                            "too large to analyse ({:.1} MB; the limit is {:.0} MB, see --max-doc-mb)",
                            raw.bytes.len() as f64 / 1e6,
                            opts.max_doc_bytes as f64 / (1 << 20) as f64
                        ),
                    });
                    continue;
                }
                let id = annalist_ingest::content_id(&raw.bytes);
                if seen.contains(&id) || stored.contains(&id) {
                    report.unchanged += 1;
                    continue;
                }
                seen.insert(id);
                todo.push(raw);
            }
            let results: Vec<(RawDoc, Result<DocAnalysis, String>)> = analyze_all(pipeline, &todo)
                .into_iter()
                .zip(todo)
                .map(|(r, raw)| (raw, r))
                .collect();
            let mut batch: Vec<(RawDoc, DocAnalysis)> = Vec::with_capacity(results.len());
            for (raw, r) in results {
                match r {
                    Ok(a) => {
                        report.bytes += raw.bytes.len() as u64;
                        if a.skipped.is_some() {
                            report.non_english += 1;
                        }
                        batch.push((raw, a));
                    }
                    Err(message) => report.problems.push(InputProblem {
                        file: raw.name.clone(),
                        message,
                    }),
                }
            }
            // A closed channel means the writer failed: its error is
            // returned below.
            if !batch.is_empty() && tx.send(batch).is_err() {
                break;
            }
            bar.set_message(format!(
                "{} added",
                added.load(std::sync::atomic::Ordering::Relaxed)
            ));
            if chunk.is_none() {
                break;
            }
        }
        drop(tx);
        writer
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the store writer panicked")))
    });
    let mut builder = written?;
    report.added = added.into_inner();
    bar.finish_and_clear();
    let stats = store.stats()?;
    if report.added > 0 || (stats.sources > 0 && stats.entities == 0 && stats.events == 0) {
        let t1 = Instant::now();
        // Sources stored by an earlier annalist whose sentence keys cannot
        // be compared with this one's are analysed again from their stored
        // originals (once: the new analysis replaces the old). What this
        // build analysed (`seen`, by content id) is in the builder already.
        let mut stale: Vec<SourceMeta> = Vec::new();
        store.for_each_analysis_where(
            |id| !seen.contains(id),
            |a| {
                if annalist_pipeline::is_current(&a) {
                    builder.add(a)
                } else {
                    stale.push(a.meta)
                }
            },
        )?;
        report.reanalysed = reanalyse(store, pipeline, stale, &mut builder, &mut report.problems)?;
        // The analysis is over: its per-thread caches go back to the
        // allocator before the merge, the build's memory peak, needs it.
        rayon::broadcast(|_| annalist_pipeline::release_thread_caches());
        annalist_pipeline::release_thread_caches();
        store.save_kb(&builder.finish())?;
        report.merge_elapsed = t1.elapsed();
    }
    store.end_bulk()?;
    report.stats = store.stats()?;
    report.elapsed = t0.elapsed();
    Ok(report)
}

/// Analyses again, from the originals in the store, the sources whose
/// stored analysis `stale` lists, replaces those analyses and hands the new
/// ones to `builder`. A source that fails now keeps its old analysis (in
/// the merge too), with the failure reported. Returns how many were
/// replaced.
fn reanalyse(
    store: &mut Store,
    pipeline: &Pipeline,
    stale: Vec<SourceMeta>,
    builder: &mut KbBuilder,
    problems: &mut Vec<InputProblem>,
) -> anyhow::Result<usize> {
    let mut replaced = 0;
    for metas in stale.chunks(BATCH) {
        let mut raws = Vec::with_capacity(metas.len());
        let mut ids = Vec::with_capacity(metas.len());
        for m in metas {
            let Some(bytes) = store.original(&m.id)? else {
                continue;
            };
            ids.push(&m.id);
            // What reading gave the first time, as far as the store keeps
            // it (a WARC record's HTTP charset is not kept: the page's own
            // declaration and sniffing decide).
            raws.push(RawDoc {
                name: m.file.clone(),
                bytes,
                format: m.format,
                url: m.url.clone(),
                fetched: m.created.clone(),
                charset: None,
            });
        }
        let results = analyze_all(pipeline, &raws);
        let mut fresh = Vec::with_capacity(results.len());
        for ((raw, id), r) in raws.iter().zip(ids).zip(results) {
            match r {
                Ok(a) => fresh.push(a),
                Err(message) => {
                    problems.push(InputProblem {
                        file: raw.name.clone(),
                        message: format!(
                            "{message} (re-analysing it; its earlier analysis is kept)"
                        ),
                    });
                    if let Some(old) = store.analysis(id)? {
                        builder.add(old);
                    }
                }
            }
        }
        replaced += store.replace_analyses(&fresh.iter().collect::<Vec<_>>())?;
        for a in fresh {
            builder.add(a);
        }
    }
    Ok(replaced)
}

/// Runs the command.
/// Most documents one thread analyses stage by stage in one go.
const SLICE: usize = 32;

/// Analyses `docs`, in order: each thread takes a slice of them and runs it
/// stage by stage (`Pipeline::analyze_batch`: ~30 % less CPU than one
/// document at a time, the same results).
fn analyze_all(pipeline: &Pipeline, docs: &[RawDoc]) -> Vec<Result<DocAnalysis, String>> {
    let per_thread = docs
        .len()
        .div_ceil(rayon::current_num_threads())
        .clamp(1, SLICE);
    docs.par_chunks(per_thread)
        .flat_map_iter(|slice| analyze_slice(pipeline, slice))
        .collect()
}

/// Analyses `slice` stage by stage; if that panics (a bug), analyses each
/// document on its own so that only the one that panics is lost.
fn analyze_slice(pipeline: &Pipeline, slice: &[RawDoc]) -> Vec<Result<DocAnalysis, String>> {
    let batch = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        pipeline.analyze_batch(slice)
    }));
    match batch {
        Ok(results) => results
            .into_iter()
            .map(|r| r.map_err(|e| e.to_string()))
            .collect(),
        Err(_) => slice
            .iter()
            .map(|raw| {
                match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    pipeline.analyze(raw)
                })) {
                    Ok(r) => r.map_err(|e| e.to_string()),
                    Err(_) => {
                        Err("internal error while analysing (a bug: please report it)".to_string())
                    }
                }
            })
            .collect(),
    }
}

pub fn run(args: &BuildArgs) -> anyhow::Result<std::process::ExitCode> {
    let paths = collect_inputs(args)?;
    let mut store = open_or_create(&args.db)?;
    let pipeline = Pipeline::new();
    let opts = BuildOptions {
        progress: !args.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()),
        max_doc_bytes: (args.max_doc_mb as usize).saturating_mul(1 << 20),
    };
    let report = build_into(&mut store, &paths, &pipeline, &opts)?;
    for p in &report.problems {
        eprintln!("skipped {p}");
    }
    if !args.quiet {
        report.print();
    }
    Ok(std::process::ExitCode::from(
        if report.problems.is_empty() {
            exit::OK
        } else {
            exit::SKIPPED
        },
    ))
}

pub fn open_or_create(db: &Path) -> anyhow::Result<Store> {
    Store::open(db).with_context(|| format!("opening {}", db.display()))
}

/// The process's peak resident memory (Linux `VmHWM`), for the summary.
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
