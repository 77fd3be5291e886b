//! Times the store's own work on the analyses of an existing store: writing
//! them again (`put_batch`, batches of 64 like `annalist build`), saving the
//! knowledge base, and reading everything back (`for_each_analysis`,
//! `analysis(id)`, `load_kb`, `search`).
//! `cargo run -p annalist-store --release --example store_bench -- SRC.db [DST.db]`
//! Prints the process CPU time (user + sys) of each phase and the size of
//! the written database.
use annalist_model::{DocAnalysis, KnowledgeBase};
use annalist_store::Store;
use std::path::Path;

mod common;
use common::cpu;

const QUERIES: &[&str] = &[
    "war",
    "army",
    "treaty",
    "coyoacan",
    "stalin",
    "battle of",
    "\"ice pick\"",
    "napoleon",
    "killed",
    "revolution 1917",
    "emperor",
    "siege",
    "the",
    "german OR french",
    "peace",
    "\"unbalanced",
    "king",
    "london",
    "independence",
    "river",
];

fn main() {
    let mut args = std::env::args().skip(1);
    let src = args.next().expect("usage: store_bench SRC.db [DST.db]");
    let dst = args
        .next()
        .unwrap_or_else(|| "/tmp/annalist-store-bench.db".to_string());
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{dst}{ext}"));
    }
    let src_path = src;
    let src = Store::open_readonly(Path::new(&src_path)).expect("open source");
    let mut docs: Vec<(Vec<u8>, DocAnalysis)> = Vec::new();
    src.for_each_analysis(|a| {
        let o = src.original(&a.meta.id).ok().flatten().unwrap_or_default();
        docs.push((o, a));
    })
    .expect("read");
    let kb = src.load_kb().expect("load kb");

    // BULK=0: one transaction per batch, as before `begin_bulk` existed.
    let bulk = std::env::var("BULK").map_or(true, |v| v != "0");
    // REPS=n: n timed writes first, one line each (for medians).
    let reps: usize = std::env::var("REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    for _ in 0..reps {
        let (put, save, close) = write(&dst, &docs, &kb, bulk);
        println!(
            "rep: {:.3} put {put:.3} save {save:.3} close {close:.3}",
            put + save + close
        );
    }
    let (put, save, close) = write(&dst, &docs, &kb, bulk);
    if std::env::var_os("WRITE_ONLY").is_some() {
        // For profiling the writes alone.
        println!("put_batch {put:.3} s, save_kb {save:.3} s, close {close:.3} s CPU");
        return;
    }
    let size: u64 = ["", "-wal"]
        .iter()
        .filter_map(|e| std::fs::metadata(format!("{dst}{e}")).ok())
        .map(|m| m.len())
        .sum();

    let r = Store::open_readonly(Path::new(&dst)).expect("reopen");
    let t4 = cpu();
    let mut n = 0;
    r.for_each_analysis(|_| n += 1).expect("each");
    let t5 = cpu();
    for (_, a) in docs.iter().step_by(10) {
        r.analysis(&a.meta.id).expect("analysis").expect("present");
    }
    let t6 = cpu();
    let kb2 = r.load_kb().expect("load");
    let t7 = cpu();
    let mut hits = 0;
    for _ in 0..5 {
        for q in QUERIES {
            hits += r.search(q, 100).expect("search").len();
        }
    }
    let t8 = cpu();
    assert_eq!(kb2, kb, "the knowledge base reads back as saved");
    // The same queries on the source store (whatever its layout) and on
    // the one just written find the same hits (the order of equal ranks
    // follows the order the sources were written in, which differs).
    let mut same = 0;
    for q in QUERIES {
        let mut a = src.search(q, 100_000).expect("search source");
        let mut b = r.search(q, 100_000).expect("search written");
        let key = |h: &annalist_store::SearchHit| (h.source.clone(), h.start);
        a.sort_by_key(key);
        b.sort_by_key(key);
        assert_eq!(a, b, "hits for {q:?} differ");
        same += a.len();
    }
    // A copy of the source store, migrated to the current schema, answers
    // exactly as the source did, in the same order.
    let copy = format!("{dst}.migrated");
    let _ = std::fs::remove_file(&copy);
    std::fs::copy(&src_path, &copy).expect("copy");
    let t9 = cpu();
    let m = Store::open(Path::new(&copy)).expect("migrate");
    println!(
        "opening (and migrating) a copy of the source: {:.2} s CPU",
        cpu() - t9
    );
    for q in QUERIES {
        for limit in [10, 100, 100_000] {
            let a = src.search(q, limit).expect("search source");
            let b = m.search(q, limit).expect("search migrated");
            assert_eq!(
                a, b,
                "hits for {q:?} (limit {limit}) differ after migration"
            );
        }
    }
    println!("search: {same} hits, the same on both stores");
    // SAME_AS=OTHER.db: a store written from the same source by another
    // version of this bench (e.g. before a change): every search answers
    // with the same hits in the same order, the knowledge base, analyses
    // and originals read back equal.
    if let Some(other) = std::env::var_os("SAME_AS") {
        let o = Store::open_readonly(Path::new(&other)).expect("open SAME_AS");
        let mut n = 0;
        for q in QUERIES {
            for limit in [1, 10, 100, 100_000] {
                let a = o.search(q, limit).expect("search SAME_AS");
                assert_eq!(a, r.search(q, limit).expect("search"), "{q:?} {limit}");
                n += a.len();
            }
        }
        assert_eq!(o.load_kb().expect("load SAME_AS"), kb2, "knowledge base");
        let mut a = Vec::new();
        o.for_each_analysis(|x| a.push(x)).expect("each SAME_AS");
        let mut i = 0;
        r.for_each_analysis(|x| {
            assert_eq!(x, a[i], "analysis {i}");
            i += 1;
        })
        .expect("each");
        assert_eq!(i, a.len());
        for x in &a {
            assert_eq!(o.original(&x.meta.id).ok(), r.original(&x.meta.id).ok());
        }
        println!(
            "SAME_AS: {n} hits in the same order, the same knowledge base, analyses and originals"
        );
    }
    println!(
        "{n} docs: put_batch {put:.3} s, save_kb {save:.3} s, close {close:.3} s | for_each_analysis {:.2} s, analysis(id) x{} {:.2} s, load_kb {:.2} s, search x{} ({hits} hits) {:.2} s CPU; db {:.1} MB",
        t5 - t4,
        docs.len().div_ceil(10),
        t6 - t5,
        t7 - t6,
        QUERIES.len() * 5,
        t8 - t7,
        size as f64 / 1e6
    );
}

/// Writes `docs` (batches of 64, like `annalist build`) and `kb` into a new
/// store at `dst`, in a bulk load or not; the CPU seconds of the puts, the
/// knowledge base (and the end of the bulk load) and the close.
fn write(
    dst: &str,
    docs: &[(Vec<u8>, DocAnalysis)],
    kb: &KnowledgeBase,
    bulk: bool,
) -> (f64, f64, f64) {
    for ext in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{dst}{ext}"));
    }
    let mut out = Store::open(Path::new(dst)).expect("open destination");
    // SEED=1: the store already holds a source (an incremental build: the
    // bulk load stays in WAL).
    if std::env::var_os("SEED").is_some() {
        if let Some((o, a)) = docs.first() {
            out.put_batch(&[(o.as_slice(), a)]).expect("seed");
        }
    }
    annalist_store::sqlite_memory(true);
    // FTS_CONFIG=key=value,...: FTS5 options (hashsize, pgsz, automerge,
    // crisismerge) set on the new store before the timed write, through a
    // second connection closed again before the load starts.
    if let Ok(cfg) = std::env::var("FTS_CONFIG") {
        // A connection reads the FTS5 options when it first uses the
        // table: set them with the store closed, then open it again.
        drop(out);
        let c = rusqlite::Connection::open(dst).expect("open side connection");
        for kv in cfg.split(',').filter(|kv| !kv.is_empty()) {
            let (k, v) = kv.split_once('=').expect("key=value");
            let v: i64 = v.parse().expect("integer value");
            c.execute(
                "INSERT INTO sentence_index (sentence_index, rank) VALUES (?1, ?2)",
                rusqlite::params![k, v],
            )
            .expect("set FTS5 option");
        }
        drop(c);
        out = Store::open(Path::new(dst)).expect("reopen destination");
    }
    let t0 = cpu();
    if bulk {
        out.begin_bulk().expect("begin bulk");
    }
    for chunk in docs.chunks(64) {
        let items: Vec<(&[u8], &DocAnalysis)> =
            chunk.iter().map(|(o, a)| (o.as_slice(), a)).collect();
        out.put_batch(&items).expect("put");
    }
    let t1 = cpu();
    let mem_put = annalist_store::sqlite_memory(true);
    out.save_kb(kb).expect("save");
    let t_end = cpu();
    out.end_bulk().expect("end bulk");
    let t2 = cpu();
    if std::env::var_os("SPLIT").is_some() {
        println!(
            "save_kb alone {:.3}, end_bulk {:.3}",
            t_end - t1,
            t2 - t_end
        );
    }
    let mem = annalist_store::sqlite_memory(false);
    drop(out);
    let t3 = cpu();
    let mb = |b: i64| b as f64 / 1e6;
    println!(
        "sqlite heap: peak {:.1} MB during put_batch (page cache {:.1}), {:.1} MB in use after it (page cache {:.1}); peak {:.1} MB during save_kb + end_bulk (page cache {:.1}); {:.1} MB in use at the end",
        mb(mem_put.peak),
        mb(mem_put.page_cache_peak),
        mb(mem_put.used),
        mb(mem_put.page_cache),
        mb(mem.peak),
        mb(mem.page_cache_peak),
        mb(mem.used)
    );
    (t1 - t0, t2 - t1, t3 - t2)
}
