//! Per-core ingestion speed measured in CPU time of this thread (Linux
//! `/proc/thread-self/stat`), so that figures stay meaningful on a shared,
//! loaded machine where wall-clock benchmarks (criterion) are inflated; also
//! the wall-clock rate and the rate of the fastest single run.
//!
//! cargo run -p annalist-ingest --release --example ingest_speed [-- FILTER]
//!
//! FILTER (optional) keeps only the measurements whose label contains it
//! (`text`, `1 MB`, `HTML`, `WARC`), e.g. to profile one of them with perf.

#[path = "inputs/mod.rs"]
mod inputs;

use annalist_ingest::{clean, read_bytes, read_path, RawDoc};
use annalist_model::Format;
use std::path::Path;
use std::time::Instant;

/// CPU seconds (user + system) used by this thread so far.
fn cpu_secs() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let rest = s.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    // Fields 14 and 15 (utime, stime) are at 11 and 12 after the ")".
    (ticks(11) + ticks(12)) / 100.0
}

/// Whether the measurement `label` is wanted (first argument, if any, is a
/// substring filter).
fn wanted(label: &str) -> bool {
    std::env::args().nth(1).is_none_or(|f| label.contains(&f))
}

fn measure(label: &str, bytes: usize, mut f: impl FnMut()) {
    if !wanted(label) {
        return;
    }
    // INGEST_SPEED_SECS: CPU seconds per measurement (default 3).
    // INGEST_SPEED_RUNS: an exact number of runs instead (e.g. under
    // `valgrind --tool=callgrind`, whose instruction counts are repeatable).
    let env = |k: &str| std::env::var(k).ok().and_then(|s| s.parse::<f64>().ok());
    let secs = env("INGEST_SPEED_SECS").unwrap_or(3.0);
    let runs = env("INGEST_SPEED_RUNS").map(|r| r as usize);
    f(); // warm up (lexicons, allocator)
    let (c0, t0) = (cpu_secs(), Instant::now());
    let mut n = 0;
    // The fastest single run (wall clock): the least disturbed by other
    // jobs on a shared machine.
    let mut best = f64::MAX;
    while match runs {
        Some(r) => n < r,
        None => cpu_secs() - c0 < secs || n < 2,
    } {
        let t = Instant::now();
        f();
        best = best.min(t.elapsed().as_secs_f64());
        n += 1;
    }
    let cpu = cpu_secs() - c0;
    let wall = t0.elapsed().as_secs_f64();
    println!(
        "{label:<34} {:>8.1} MB/s per CPU-second   ({:.1} MB/s wall; best run {:.1} MB/s; {n} runs of {:.2} MB)",
        n as f64 * bytes as f64 / 1e6 / cpu,
        n as f64 * bytes as f64 / 1e6 / wall,
        bytes as f64 / 1e6 / best,
        bytes as f64 / 1e6
    );
}

fn main() {
    let texts: Vec<Vec<u8>> = inputs::corpus_texts().into_iter().map(|t| t.1).collect();
    assert_eq!(texts.len(), 13, "corpus texts under {}", inputs::SHARED);
    let total: usize = texts.iter().map(Vec::len).sum();
    measure("plain text (13 corpus docs)", total, || {
        for t in &texts {
            let _ = clean(&RawDoc {
                name: "x.txt".into(),
                bytes: t.clone(),
                format: Format::Text,
                ..Default::default()
            });
        }
    });
    let big = inputs::big_text(&texts);
    measure("plain text (one 1 MB doc)", big.len(), || {
        let _ = clean(&RawDoc {
            name: "x.txt".into(),
            bytes: big.clone(),
            format: Format::Text,
            ..Default::default()
        });
    });
    if !wanted("HTML") && !wanted("WARC") {
        return;
    }
    let pages: Vec<Vec<u8>> = inputs::html_pages(usize::MAX)
        .into_iter()
        .map(|p| p.1)
        .collect();
    assert_eq!(pages.len(), 181, "benchmark pages under {}", inputs::SHARED);
    let some: Vec<&Vec<u8>> = pages.iter().step_by(6).collect();
    let total: usize = some.iter().map(|p| p.len()).sum();
    measure(&format!("HTML clean ({} pages)", some.len()), total, || {
        for p in &some {
            let _ = clean(&RawDoc {
                name: "x.html".into(),
                bytes: p.to_vec(),
                format: Format::Html,
                ..Default::default()
            });
        }
    });
    measure(
        &format!("HTML trafilatura crate only ({})", some.len()),
        total,
        || {
            for p in &some {
                let s = String::from_utf8_lossy(p);
                let _ = trafilatura::extract(&s, &trafilatura::Options::default());
            }
        },
    );
    if !wanted("WARC") {
        return;
    }
    let w = inputs::warc_gz(&pages);
    let n = pages.len();
    measure(
        &format!("WARC.gz read ({n} records, compressed)"),
        w.len(),
        || {
            let out = read_bytes("bench.warc.gz", w.clone());
            assert_eq!(out.docs.len(), n);
        },
    );
    // The same bytes from a file (the page cache), as `annalist build` reads them.
    let path = std::env::temp_dir().join(format!("ingest_speed_{}.warc.gz", std::process::id()));
    if std::fs::write(&path, &w).is_ok() {
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        measure(
            &format!("WARC.gz read from a file ({n} records)"),
            w.len(),
            || {
                let out = read_path(&path, &root);
                assert_eq!(out.docs.len(), n);
            },
        );
        let _ = std::fs::remove_file(&path);
    }
}
