//! Output check and CPU-time benchmark of `Analyzer::analyze` on a folder of
//! documents (each read and cleaned by annalist-ingest as `annalist build`
//! does; documents not in English are skipped, as the pipeline does).
//!
//! - `cargo run -p annalist-text --release --example text_digest -- digest DIR`
//!   prints one line per document (file name and a BLAKE3 digest of the
//!   `Debug` form of its whole `TextAnalysis`), then a digest of all lines.
//!   Two builds print the same lines iff `analyze` gave the same results:
//!   run it before and after a speed change and `diff` the outputs.
//! - `... text_digest -- time DIR [PASSES [stages]]` analyses every document once per
//!   pass, in file-name order on one thread (the thread's word cache carries
//!   over between documents, as in `annalist build`), and prints the CPU
//!   seconds of cleaning and of each analysis pass and MB per CPU-second
//!   (the clock runs around `analyze` only: not reading, cleaning nor
//!   dropping the results). With `stages`, the split and mention stages are
//!   run again on their own and timed too.
//!
//! The benchmark corpus: `SIZE_MB=10 THREADS=1 WORK=/tmp/bp10 scripts/bench/pipeline.sh`
//! writes 10 MB of news text (TE3-Silver + WikiWars) to /tmp/bp10/corpus.
use annalist_model::CleanDoc;
use std::fmt::Write as _;

/// The allocator of the `annalist` binary (crates/cli/src/main.rs), so the
/// `time` figures are those of `annalist build` (docs/bench/text.md gives
/// both, with glibc's malloc before this line was added).
#[cfg(unix)]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn cpu_seconds() -> f64 {
    // this thread's time on CPU in ns (first field of schedstat)
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

/// `fmt::Write` into a BLAKE3 hasher (no string of the whole analysis).
struct HashWriter(blake3::Hasher);
impl std::fmt::Write for HashWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

fn load(dir: &str) -> (Vec<(String, CleanDoc)>, f64) {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|r| r.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let raw: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| {
            let name = f.file_name().unwrap_or_default().to_string_lossy().into();
            (name, std::fs::read(f).unwrap_or_default())
        })
        .collect();
    let t0 = cpu_seconds();
    let mut docs = Vec::new();
    for (name, bytes) in raw {
        for d in annalist_ingest::read_bytes(&name, bytes).docs {
            if let Ok(c) = annalist_ingest::clean(&d) {
                if c.meta.language.as_deref().is_none_or(|l| l == "en") {
                    docs.push((name.clone(), c));
                }
            }
        }
    }
    (docs, cpu_seconds() - t0)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().map(String::as_str).unwrap_or("");
    let Some(dir) = args.get(1) else {
        eprintln!("usage: text_digest digest|time DIR [PASSES]");
        std::process::exit(2);
    };
    let an = annalist_text::Analyzer::new();
    let (docs, clean_s) = load(dir);
    let bytes: usize = docs.iter().map(|d| d.1.text.len()).sum();
    let mb = bytes as f64 / 1e6;
    match mode {
        "digest" => {
            let mut all = blake3::Hasher::new();
            for (name, d) in &docs {
                let mut h = HashWriter(blake3::Hasher::new());
                let _ = write!(h, "{:?}", an.analyze(d));
                let line = format!("{name} {}", &h.0.finalize().to_hex()[..16]);
                all.update(line.as_bytes());
                println!("{line}");
            }
            println!(
                "ALL {} docs {bytes} bytes {}",
                docs.len(),
                &all.finalize().to_hex()[..16]
            );
        }
        "show" => {
            // the analysis of the documents whose name contains args[2]
            let pat = args.get(2).map(String::as_str).unwrap_or("");
            for (name, d) in docs.iter().filter(|(n, _)| n.contains(pat)) {
                println!("{name} {:#?}", an.analyze(d));
            }
        }
        "time" => {
            let passes: usize = args.get(2).and_then(|x| x.parse().ok()).unwrap_or(1);
            let stages = args.get(3).is_some_and(|x| x == "stages");
            println!(
                "{} docs, {bytes} bytes; clean {clean_s:.3} CPU-s ({:.2} MB/CPU-s)",
                docs.len(),
                mb / clean_s.max(1e-9)
            );
            for pass in 1..=passes {
                // CPU time of `analyze` alone (results dropped outside the
                // clock) and of its split and mention stages run again
                let (mut s, mut split, mut ment) = (0.0, 0.0, 0.0);
                let mut n = 0;
                for (_, d) in &docs {
                    let t0 = cpu_seconds();
                    let ta = an.analyze(d);
                    let t1 = cpu_seconds();
                    s += t1 - t0;
                    n += ta.tokens.len();
                    if stages {
                        let t0 = cpu_seconds();
                        let x = an.split(d);
                        let t1 = cpu_seconds();
                        let y = annalist_text::mentions::extract(
                            &an,
                            &d.text,
                            &ta.tokens,
                            &ta.sentences,
                        );
                        let t2 = cpu_seconds();
                        split += t1 - t0;
                        ment += t2 - t1;
                        drop((x, y));
                    }
                }
                println!(
                    "pass {pass}: analyze {s:.3} CPU-s, {:.2} MB/CPU-s, {n} tokens",
                    mb / s.max(1e-9)
                );
                if stages {
                    println!(
                        "  of which split {split:.3}, mentions {ment:.3}, tagging and the rest {:.3} CPU-s",
                        s - split - ment
                    );
                }
            }
        }
        _ => {
            eprintln!("usage: text_digest digest|time DIR [PASSES]");
            std::process::exit(2);
        }
    }
}
