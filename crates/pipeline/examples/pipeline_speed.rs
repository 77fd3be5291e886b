//! Per-stage CPU cost of the per-document path, measured in CPU time of this
//! thread (Linux `/proc/thread-self/stat`, 10 ms ticks), so that the figures
//! stay meaningful on a shared, loaded machine.
//!
//! cargo run -p annalist-pipeline --release --example pipeline_speed -- DIR [ROUNDS]
//!
//! Reads every document under DIR (as `annalist build` does), then runs each
//! stage over all documents in its own pass — clean, text, sentence hashes,
//! time, events — and finally the whole `Pipeline::analyze` over all
//! documents; "glue" is the whole minus the stages (span mapping, copying,
//! dropping the intermediate values, and above all each stage evicting the
//! others' tables from the CPU caches on every document). Then
//! `Pipeline::analyze_batch` over batches of 32 documents, stage by stage, as
//! `annalist build` runs it, checked to give the per-document results. Also
//! reports `Pipeline::new`. Linked with jemalloc, the build's allocator.
//! `PIPELINE_SPEED_ONLY=analyze` runs only the whole pass (for perf/callgrind).

use annalist_events::Extractor;
use annalist_ingest::{dedup, ReadOptions};
use annalist_model::{CleanDoc, RawDoc, TextAnalysis, Timex};
use annalist_pipeline::Pipeline;
use annalist_text::Analyzer;
use annalist_time::{Tagger, TimexContext};
use std::path::PathBuf;

/// The allocator `annalist build` uses, so these figures are the build's.
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// CPU seconds (user + system) used by this thread so far.
fn cpu_secs() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let rest = s.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let c = cpu_secs();
    let r = f();
    (r, cpu_secs() - c)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: pipeline_speed DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let only_analyze = std::env::var("PIPELINE_SPEED_ONLY").is_ok_and(|v| v == "analyze");
    let (files, _) = annalist_ingest::walk(&[PathBuf::from(&dir)]);
    let opts = ReadOptions::default();
    let raws: Vec<RawDoc> = files
        .iter()
        .flat_map(|(p, root)| annalist_ingest::read_path_with(p, root, &opts).docs)
        .collect();
    let bytes: usize = raws.iter().map(|r| r.bytes.len()).sum();
    let mb = bytes as f64 / 1e6 * rounds as f64;
    println!(
        "{} documents, {:.2} MB, {rounds} round(s)",
        raws.len(),
        bytes as f64 / 1e6
    );
    let (pipeline, t_new) = timed(Pipeline::new);
    println!("Pipeline::new            {t_new:7.2} CPU-s");
    let row = |name: &str, secs: f64, total: f64| {
        println!(
            "{name:<24} {secs:7.2} CPU-s  {:5.1} %  {:8.1} MB/CPU-s",
            100.0 * secs / total.max(1e-9),
            mb / secs.max(1e-9)
        );
    };
    let ((), t_all) = timed(|| {
        for _ in 0..rounds {
            for r in &raws {
                std::hint::black_box(pipeline.analyze(r).ok());
            }
        }
    });
    if only_analyze {
        row("Pipeline::analyze", t_all, t_all);
        return;
    }
    // The same documents stage by stage in batches, as `annalist build`
    // does; the results must be the per-document ones.
    let ((), t_batch) = timed(|| {
        for _ in 0..rounds {
            for c in raws.chunks(BATCH) {
                std::hint::black_box(pipeline.analyze_batch(c));
            }
        }
    });
    for c in raws.chunks(BATCH) {
        let batch = pipeline.analyze_batch(c);
        for (r, b) in c.iter().zip(batch) {
            assert!(pipeline.analyze(r) == b, "{}: batch result differs", r.name);
        }
    }
    let (text, time, events) = (Analyzer::new(), Tagger::new(), Extractor::new());
    let mut t = [0.0f64; 5];
    for _ in 0..rounds {
        let (cleans, s): (Vec<CleanDoc>, f64) = timed(|| {
            raws.iter()
                .filter_map(|r| annalist_ingest::clean(r).ok())
                .collect()
        });
        t[0] += s;
        let cleans: Vec<CleanDoc> = cleans
            .into_iter()
            .filter(|c| c.meta.language.as_deref().is_none_or(|l| l == "en"))
            .collect();
        let (mut tas, s): (Vec<TextAnalysis>, f64) =
            timed(|| cleans.iter().map(|c| text.analyze(c)).collect());
        t[1] += s;
        let ((), s) = timed(|| {
            for (c, ta) in cleans.iter().zip(&mut tas) {
                for s in &mut ta.sentences {
                    let x = s.span.slice(&c.text);
                    s.fingerprint = dedup::fingerprint(x);
                    s.simhash = dedup::simhash(x);
                }
            }
        });
        t[2] += s;
        let (txs, s): (Vec<Vec<Timex>>, f64) = timed(|| {
            cleans
                .iter()
                .zip(&tas)
                .map(|(c, ta)| {
                    let ctx = TimexContext {
                        dct: c.meta.created.as_deref(),
                        regions: &c.regions,
                        sentences: &ta.sentences,
                        undated_story: c.meta.kind.tells_of_the_past(),
                    };
                    time.tag(&c.text, &ctx)
                })
                .collect()
        });
        t[3] += s;
        let (n, s) = timed(|| {
            cleans
                .iter()
                .zip(&tas)
                .zip(&txs)
                .map(|((c, ta), tx)| events.extract(c, ta, tx).len())
                .sum::<usize>()
        });
        std::hint::black_box(n);
        t[4] += s;
    }
    let stages = t.iter().sum::<f64>();
    row("ingest::clean", t[0], t_all);
    row("text::analyze", t[1], t_all);
    row("dedup hashes", t[2], t_all);
    row("time::tag", t[3], t_all);
    row("events::extract", t[4], t_all);
    row("glue (whole - stages)", t_all - stages, t_all);
    row("Pipeline::analyze", t_all, t_all);
    row(&format!("analyze_batch({BATCH})"), t_batch, t_all);
}

/// Documents per `analyze_batch` call.
const BATCH: usize = 32;
