//! The whole pipeline the speed target names — clean, text (names), time,
//! events, merge — on one core, without the store: every file under DIR is
//! read as `annalist build` reads it, analysed stage by stage in slices of
//! 32 (`Pipeline::analyze_batch`, as the build's analysis threads do),
//! summarised for the merge (`KbBuilder::add`, as the build's writer thread
//! does) and merged (`KbBuilder::finish`). What `annalist build` does beside
//! this is the store: writing each original and analysis into SQLite and
//! the FTS5 sentence index, and saving the knowledge base.
//!
//! `cargo run -p annalist-kb --release --example pipeline_merge -- DIR`
//!
//! Prints the process CPU time (user + sys) of reading + analysis and of the
//! merge, MB of input per CPU-second, the peak resident memory, and the
//! knowledge base's counts (to compare with the build's summary). Same
//! allocator and allocator options as the `annalist` binary.
use annalist_kb::KbBuilder;
use annalist_pipeline::Pipeline;
use std::collections::HashSet;
use std::path::PathBuf;

mod common;
use common::cpu;

#[cfg(unix)]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// As in the `annalist` binary (crates/cli/src/main.rs).
#[cfg(unix)]
#[export_name = "_rjem_malloc_conf"]
static MALLOC_CONF: &[u8] = b"narenas:1\0";

/// Files read per batch and documents analysed stage by stage in one go,
/// as in `annalist build`.
const BATCH: usize = 64;
const SLICE: usize = 32;

/// Peak resident memory of the process in MB (VmHWM).
fn peak_mb() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: pipeline_merge DIR");
        std::process::exit(2);
    };
    let c0 = cpu();
    let pipeline = Pipeline::new();
    let (files, problems) = annalist_ingest::walk(std::slice::from_ref(&dir));
    for p in &problems {
        eprintln!("{}: {}", p.file, p.message);
    }
    let opts = annalist_ingest::ReadOptions::default();
    let mut builder = KbBuilder::without_source_details();
    let mut seen: HashSet<String> = HashSet::new();
    let (mut bytes, mut docs, mut failed) = (0u64, 0usize, 0usize);
    for chunk in files.chunks(BATCH) {
        let mut raws = Vec::new();
        for (path, root) in chunk {
            let o = annalist_ingest::read::read_path_with(path, root, &opts);
            for p in &o.problems {
                eprintln!("{}: {}", p.file, p.message);
            }
            raws.extend(
                o.docs
                    .into_iter()
                    .filter(|r| seen.insert(annalist_ingest::content_id(&r.bytes))),
            );
        }
        for slice in raws.chunks(SLICE) {
            for (raw, r) in slice.iter().zip(pipeline.analyze_batch(slice)) {
                match r {
                    Ok(a) => {
                        bytes += raw.bytes.len() as u64;
                        docs += 1;
                        builder.add(a);
                    }
                    Err(e) => {
                        eprintln!("{}: {e}", raw.name);
                        failed += 1;
                    }
                }
            }
        }
    }
    annalist_pipeline::release_thread_caches();
    let c1 = cpu();
    let kb = builder.finish();
    let c2 = cpu();
    let mb = bytes as f64 / 1e6;
    println!(
        "{docs} documents ({failed} failed), {mb:.1} MB: {} entities, {} events, {} conflicts",
        kb.entities.len(),
        kb.events.len(),
        kb.conflicts.len()
    );
    println!(
        "CPU: reading + analysis {:.2} s, merge {:.2} s, total {:.2} s = {:.2} MB per CPU-second; peak memory {:.0} MB",
        c1 - c0,
        c2 - c1,
        c2 - c0,
        mb / (c2 - c0),
        peak_mb()
    );
}
