//! Replays everything a build does after analysis, on the analyses of an
//! existing store: stores them again into a fresh database (batches of 64,
//! like `annalist build`), summarises them for the merge, merges, saves the
//! knowledge base.
//! `cargo run -p annalist-kb --release --example store_merge -- SRC.db [DST.db]`
//! Prints the process CPU time (user + sys) of each phase — reading the
//! source store is not counted — and the peak resident memory.
//! `STAGES=1` adds the live heap after, and its peak during, each stage of
//! the merge (a counting allocator).
use annalist_model::DocAnalysis;
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

mod common;
use common::cpu;

/// The system allocator, counting live heap bytes and their peak (for the
/// per-stage figures of `STAGES=1`).
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Relaxed) + l.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        LIVE.fetch_sub(l.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, n) };
        if !q.is_null() {
            if n >= l.size() {
                let now = LIVE.fetch_add(n - l.size(), Relaxed) + n - l.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                LIVE.fetch_sub(l.size() - n, Relaxed);
            }
        }
        q
    }
}
#[global_allocator]
static ALLOC: Counting = Counting;

/// Prints the live heap and its peak since the last call, in MB.
fn heap(stage: &str) {
    let live = LIVE.load(Relaxed);
    let peak = PEAK.swap(live, Relaxed);
    println!(
        "  heap after {stage:12} live {:7.1} MB, peak during {:7.1} MB",
        live as f64 / 1e6,
        peak as f64 / 1e6
    );
}

fn peak_mb() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let src = args.next().expect("usage: store_merge SRC.db [DST.db]");
    let dst = args
        .next()
        .unwrap_or_else(|| "/tmp/annalist-store-merge.db".to_string());
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{dst}{ext}"));
    }
    let src = annalist_store::Store::open_readonly(Path::new(&src)).expect("open source");
    let mut out = annalist_store::Store::open(Path::new(&dst)).expect("open destination");
    let mut builder = annalist_kb::KbBuilder::without_source_details();
    let (mut put, mut add) = (0.0, 0.0);
    let mut batch: Vec<(Vec<u8>, DocAnalysis)> = Vec::new();
    let mut flush = |batch: &mut Vec<(Vec<u8>, DocAnalysis)>,
                     out: &mut annalist_store::Store,
                     builder: &mut annalist_kb::KbBuilder| {
        let t0 = cpu();
        let items: Vec<(&[u8], &DocAnalysis)> =
            batch.iter().map(|(o, a)| (o.as_slice(), a)).collect();
        out.put_batch(&items).expect("put");
        drop(items);
        let t1 = cpu();
        for (_, a) in batch.drain(..) {
            builder.add(a);
        }
        put += t1 - t0;
        add += cpu() - t1;
    };
    // READ_ONLY=1: only read the source store (the baseline to subtract
    // from `perf stat` counts of a full run).
    let read_only = std::env::var_os("READ_ONLY").is_some();
    src.for_each_analysis(|a| {
        let o = src.original(&a.meta.id).ok().flatten().unwrap_or_default();
        if read_only {
            return;
        }
        batch.push((o, a));
        if batch.len() == 64 {
            flush(&mut batch, &mut out, &mut builder);
        }
    })
    .expect("read");
    flush(&mut batch, &mut out, &mut builder);
    let docs = builder.len();
    let mem = std::env::var_os("MEM").is_some();
    if mem {
        report(&builder, None);
    }
    let stages = std::env::var_os("STAGES").is_some();
    if stages {
        heap("add");
    }
    let t0 = cpu();
    let kb = builder.finish_traced(|s| {
        if stages {
            heap(s)
        }
    });
    let t1 = cpu();
    if stages {
        heap("finish");
    }
    out.save_kb(&kb).expect("save");
    let t2 = cpu();
    if stages {
        heap("save_kb");
    }
    if mem {
        report(&annalist_kb::KbBuilder::new(), Some(&kb));
    }
    println!(
        "{docs} docs: put_batch {put:.2} s, add {add:.2} s, finish {:.2} s, save_kb {:.2} s, total {:.2} s CPU; {} entities, {} events; peak RSS {:.0} MB",
        t1 - t0,
        t2 - t1,
        put + add + (t2 - t0),
        kb.entities.len(),
        kb.events.len(),
        peak_mb()
    );
}

/// Heap bytes of one allocation of `n` bytes under glibc malloc.
fn chunk(n: usize) -> usize {
    if n == 0 {
        0
    } else {
        ((n + 8 + 15) & !15).max(32)
    }
}
fn s(x: &String) -> usize {
    chunk(x.capacity())
}
/// An `Arc<str>`'s heap bytes the first time its allocation is met (it is
/// shared), nothing after.
fn arc(x: &std::sync::Arc<str>, seen: &mut std::collections::HashSet<usize>) -> usize {
    if seen.insert(x.as_ptr() as usize) {
        chunk(16 + x.len())
    } else {
        0
    }
}
fn v<T>(x: &Vec<T>) -> usize {
    chunk(x.capacity() * std::mem::size_of::<T>())
}

/// Estimated heap bytes per structure of the summaries and the KB.
fn report(b: &annalist_kb::KbBuilder, kb: Option<&annalist_model::KnowledgeBase>) {
    let mut rows: Vec<(&str, usize, usize)> = Vec::new();
    let docs = b.summaries();
    let mut add = |name: &'static str, n: usize, bytes: usize| {
        if let Some(r) = rows.iter_mut().find(|r| r.0 == name) {
            r.1 += n;
            r.2 += bytes;
        } else {
            rows.push((name, n, bytes));
        }
    };
    add(
        "summary: DocSummary structs",
        docs.len(),
        chunk(std::mem::size_of_val(docs)),
    );
    let strs = b.strings();
    add(
        "summary: shared strings (names, texts)",
        strs.len(),
        // Each string twice (the numbered list and the look-up map).
        strs.iter().map(|x| 2 * chunk(x.len())).sum::<usize>() + chunk(strs.len() * 40),
    );
    for d in docs {
        let m = &d.source.meta;
        add(
            "summary: meta strings",
            1,
            s(&m.id)
                + s(&m.file)
                + m.title.as_ref().map_or(0, s)
                + m.language.as_ref().map_or(0, s),
        );
        add(
            "summary: regions",
            d.source.regions.len(),
            v(&d.source.regions),
        );
        add(
            "summary: timexes",
            d.source.timexes.len(),
            v(&d.source.timexes)
                + d.source
                    .timexes
                    .iter()
                    .map(|t| {
                        s(&t.text)
                            + s(&t.value)
                            + s(&t.rule)
                            + t.anchor.as_ref().map_or(0, s)
                            + t.calendar.as_ref().map_or(0, s)
                            + t.freq.as_ref().map_or(0, s)
                    })
                    .sum::<usize>(),
        );
        add("summary: sentence keys", d.sentences.len(), v(&d.sentences));
        add("summary: local entities", d.entities.len(), v(&d.entities));
        add("summary: entity aliases", d.aliases.len(), v(&d.aliases));
        add("summary: mentions", d.mentions.len(), v(&d.mentions));
        add("summary: event mentions", d.events.len(), v(&d.events));
        for e in &d.events {
            add(
                "summary: event evidence texts",
                1,
                chunk(e.evidence_text.len()),
            );
            add(
                "summary: event roles",
                e.roles.len(),
                chunk(std::mem::size_of_val(&*e.roles)),
            );
        }
    }
    if let Some(kb) = kb {
        let mut seen = std::collections::HashSet::new();
        add("kb: entities", kb.entities.len(), v(&kb.entities));
        for e in &kb.entities {
            add(
                "kb: entity mentions (SourceSpan)",
                e.mentions.len(),
                v(&e.mentions)
                    + e.mentions
                        .iter()
                        .map(|m| arc(&m.source, &mut seen))
                        .sum::<usize>(),
            );
            add(
                "kb: entity aliases+evidence",
                e.alias_evidence.len(),
                s(&e.id)
                    + s(&e.name)
                    + v(&e.aliases)
                    + e.aliases.iter().map(s).sum::<usize>()
                    + v(&e.alias_evidence)
                    + e.alias_evidence
                        .iter()
                        .map(|a| s(&a.alias) + s(&a.how) + s(&a.source))
                        .sum::<usize>(),
            );
        }
        add("kb: events", kb.events.len(), v(&kb.events));
        for e in &kb.events {
            add(
                "kb: event evidence",
                e.evidence.len(),
                v(&e.evidence)
                    + e.evidence
                        .iter()
                        .map(|x| {
                            s(&x.source) + s(&x.text) + s(&x.region) + x.time.as_ref().map_or(0, s)
                        })
                        .sum::<usize>(),
            );
            add(
                "kb: event sources",
                e.sources.len(),
                v(&e.sources) + e.sources.iter().map(s).sum::<usize>(),
            );
        }
        add(
            "kb: duplicate groups",
            kb.duplicates.len(),
            v(&kb.duplicates),
        );
        for g in &kb.duplicates {
            add(
                "kb: duplicate members (SourceSpan)",
                g.members.len(),
                v(&g.members)
                    + g.members
                        .iter()
                        .map(|m| arc(&m.source, &mut seen))
                        .sum::<usize>(),
            );
        }
        add("kb: sources", kb.sources.len(), v(&kb.sources));
    }
    let total: usize = rows.iter().map(|r| r.2).sum();
    for (name, n, bytes) in &rows {
        println!("{name:40} {n:>10} {:>9.1} MB", *bytes as f64 / 1e6);
    }
    println!("{:40} {:>10} {:>9.1} MB", "total", "", total as f64 / 1e6);
}
