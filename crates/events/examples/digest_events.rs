//! Development aid: a digest of every event mention over a directory, to
//! check that a speed change keeps the output identical, and the CPU time of
//! `Extractor::extract` alone.
//!
//! `cargo run -p annalist-events --release --example digest_events -- DIR [PASSES] [DUMP_FILE]`
//!
//! Every file under DIR is read as `annalist build` reads it
//! (`annalist_ingest::walk` + `read_path_with`), cleaned, and analysed by
//! annalist-text and annalist-time as the pipeline does (English documents
//! only, the creation time, regions and sentences in the timex context).
//! Then `extract` runs PASSES times (default 1) over all documents, timed in
//! CPU time of this thread; the event mentions of the first pass (their
//! `Debug` form, in document order) go into one fixed-key SipHash, and into
//! DUMP_FILE when given (for a diff). `DIGEST_PREPARE_ONLY=1` stops after
//! the preparation (to subtract it from a profile).
use annalist_events::Extractor;
use annalist_ingest::ReadOptions;
use annalist_model::{CleanDoc, TextAnalysis, Timex};
use annalist_time::{Tagger, TimexContext};
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::PathBuf;

/// CPU time of this thread in ns (Linux `/proc/thread-self/schedstat`).
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: digest_events DIR [PASSES] [DUMP_FILE]");
        std::process::exit(2);
    };
    let passes: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let mut dump = args
        .next()
        .map(|p| std::io::BufWriter::new(std::fs::File::create(p).expect("dump file")));
    let (files, _) = annalist_ingest::walk(&[PathBuf::from(&dir)]);
    let opts = ReadOptions::default();
    let (text, time) = (annalist_text::Analyzer::new(), Tagger::new());
    let c0 = cpu_ns();
    let docs: Vec<(String, CleanDoc, TextAnalysis, Vec<Timex>)> = files
        .iter()
        .flat_map(|(p, root)| annalist_ingest::read_path_with(p, root, &opts).docs)
        .filter_map(|raw| {
            let c = annalist_ingest::clean(&raw).ok()?;
            if c.meta.language.as_deref().is_some_and(|l| l != "en") {
                return None;
            }
            let ta = text.analyze(&c);
            let ctx = TimexContext {
                dct: c.meta.created.as_deref(),
                regions: &c.regions,
                sentences: &ta.sentences,
                undated_story: c.meta.kind.tells_of_the_past(),
            };
            let tx = time.tag(&c.text, &ctx);
            Some((raw.name, c, ta, tx))
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.1.text.len()).sum();
    println!(
        "{} documents, {:.2} MB of analysis text, prepared in {:.2} CPU-s",
        docs.len(),
        bytes as f64 / 1e6,
        (cpu_ns() - c0) as f64 / 1e9
    );
    if std::env::var_os("DIGEST_PREPARE_ONLY").is_some() {
        return;
    }
    let ex = Extractor::new();
    // A fixed-key SipHash: the same digest on every run.
    #[allow(deprecated)]
    let mut h = std::hash::SipHasher::new();
    let mut n = 0usize;
    for pass in 0..passes.max(1) {
        let c0 = cpu_ns();
        let all: Vec<_> = docs
            .iter()
            .map(|(_, c, ta, tx)| ex.extract(c, ta, tx))
            .collect();
        let secs = (cpu_ns() - c0) as f64 / 1e9;
        println!(
            "pass {pass}: extract {secs:.3} CPU-s, {:.1} MB per CPU-second",
            bytes as f64 / 1e6 / secs.max(1e-9)
        );
        if pass > 0 {
            continue;
        }
        for ((name, ..), evs) in docs.iter().zip(&all) {
            for e in evs {
                let line = format!("{name}\t{e:?}");
                line.hash(&mut h);
                n += 1;
                if let Some(d) = &mut dump {
                    let _ = writeln!(d, "{line}");
                }
            }
        }
    }
    println!(
        "{n} event mentions in {} documents, digest {:016x}",
        docs.len(),
        h.finish()
    );
}
