//! CPU-time throughput of tokenize + tag (and full analysis) on the shared
//! corpora, for machines where wall-clock benchmarks are disturbed by load:
//! `cargo run -p annalist-text --release --example speed -- [ROUNDS]`
//! (prints MB per CPU-second, measured with the process's own CPU clock).
//! A second argument `split`, `tag` or `analyze` runs only that stage (for profiling).
//!
//! The shared corpora are one small topic analysed again and again, so from
//! the second round on every word type is in the thread's word cache. The
//! `ud` mode is the realistic figure: `speed 1 ud` analyses each document
//! of the UD English EWT + GUM training sets (rebuilt from their `# text`
//! lines; about 2,000 documents, 1.9 MB) once, as separate documents.
use annalist_model::{CleanDoc, OffsetMap};

fn cpu_seconds() -> f64 {
    // this thread's time on CPU in ns (first field of schedstat); else
    // utime + stime from /proc/self/stat (clock ticks, 100 per second)
    if let Some(ns) = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
    {
        return ns / 1e9;
    }
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = s.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let t = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (t(11) + t(12)) / 100.0
}

/// Runs `f` `rounds` times: MB per CPU-second overall, and MB per second of
/// the fastest round by wall clock (the round least disturbed by other jobs
/// on a loaded machine).
fn timed(rounds: usize, mb_per_round: f64, mut f: impl FnMut() -> usize) -> (f64, f64, usize) {
    let mut best = f64::MAX;
    let mut total = 0.0;
    let mut n = 0;
    for _ in 0..rounds {
        let t0 = cpu_seconds();
        let w0 = std::time::Instant::now();
        n += f();
        best = best.min(w0.elapsed().as_secs_f64());
        total += cpu_seconds() - t0;
    }
    (
        mb_per_round * rounds as f64 / total.max(1e-9),
        mb_per_round / best.max(1e-9),
        n,
    )
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|x| x.parse().ok())
        .unwrap_or(30);
    let only = std::env::args().nth(2).unwrap_or_default();
    let run = |stage: &str| only.is_empty() || only == stage;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");
    let mut text = String::new();
    for topic in ["seeds", "kirov", "rasputin"] {
        let mut files: Vec<_> = std::fs::read_dir(format!("{dir}/{topic}"))
            .map(|r| r.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for f in files {
            text.push_str(&String::from_utf8_lossy(
                &std::fs::read(f).unwrap_or_default(),
            ));
            text.push_str("\n\n");
        }
    }
    let an = annalist_text::Analyzer::new();
    if only == "ud" {
        return ud(&an);
    }
    let doc = CleanDoc {
        map: OffsetMap::identity(text.len()),
        text: text.clone(),
        ..Default::default()
    };
    let mb = text.len() as f64 / 1e6;
    println!("corpus {} bytes x {rounds} rounds", text.len());
    let show = |name: &str, (all, best, _): (f64, f64, usize)| {
        println!("{name:<15} {all:6.2} MB/CPU-s (fastest round {best:.2} MB/s)");
    };
    if run("split") {
        show(
            "tokenize+split:",
            timed(rounds, mb, || an.split(&doc).0.len()),
        );
    }
    if run("tag") {
        show(
            "tokenize+tag:",
            timed(rounds, mb, || {
                let (toks, sents) = an.split(&doc);
                // a fresh per-document cache each round
                let mut cache = annalist_text::tagger::DocCache::default();
                let mut n = 0;
                for s in &sents {
                    let words: Vec<&str> = toks[s.tokens.0..s.tokens.1]
                        .iter()
                        .map(|t| t.span.slice(&text))
                        .collect();
                    n += an.tag_sentence(&mut cache, &words).1.len();
                }
                n
            }),
        );
    }
    if run("analyze") {
        show(
            "analyze:",
            timed(rounds, mb, || an.analyze(&doc).mentions.len()),
        );
    }
}

/// One pass of `analyze` over the UD training documents, each its own doc.
fn ud(an: &annalist_text::Analyzer) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");
    let mut docs: Vec<String> = Vec::new();
    for f in [
        "ud-english-ewt/en_ewt-ud-train.conllu.gz",
        "ud-english-gum/en_gum-ud-train.conllu.gz",
    ] {
        let Ok(sents) = annalist_text::data::read_conllu(&std::path::Path::new(dir).join(f)) else {
            eprintln!("{f} not found");
            continue;
        };
        let mut cur = String::new();
        for s in &sents {
            if docs.is_empty() || s.doc != cur {
                cur = s.doc.clone();
                docs.push(String::new());
            }
            let t = docs.last_mut().expect("pushed");
            if !t.is_empty() {
                t.push_str(if s.new_par { "\n\n" } else { " " });
            }
            t.push_str(&s.text);
        }
    }
    let docs: Vec<CleanDoc> = docs
        .into_iter()
        .map(|text| CleanDoc {
            map: OffsetMap::identity(text.len()),
            text,
            ..Default::default()
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mb = bytes as f64 / 1e6;
    for pass in ["first pass (cold word cache)", "second pass"] {
        let t0 = cpu_seconds();
        let mut n = 0;
        for d in &docs {
            n += an.analyze(d).tokens.len();
        }
        let t1 = cpu_seconds();
        println!(
            "UD train documents, {pass}: {} docs, {bytes} bytes, {n} tokens",
            docs.len()
        );
        println!("analyze:        {:.2} MB/CPU-s", mb / (t1 - t0).max(1e-9));
    }
}
