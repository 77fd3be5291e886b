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
    // utime + stime from /proc/self/stat (clock ticks, 100 per second on Linux)
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = s.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let t = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (t(11) + t(12)) / 100.0
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
    let mb = text.len() as f64 * rounds as f64 / 1e6;
    let t0 = cpu_seconds();
    let mut n = 0;
    for _ in 0..rounds * run("split") as usize {
        n += an.split(&doc).0.len();
    }
    let t1 = cpu_seconds();
    for _ in 0..rounds * run("tag") as usize {
        let (toks, sents) = an.split(&doc);
        let mut cache = annalist_text::tagger::DocCache::default();
        for s in &sents {
            let words: Vec<&str> = toks[s.tokens.0..s.tokens.1]
                .iter()
                .map(|t| t.span.slice(&text))
                .collect();
            n += an.tag_sentence(&mut cache, &words).1.len();
        }
    }
    let t2 = cpu_seconds();
    for _ in 0..rounds * run("analyze") as usize {
        n += an.analyze(&doc).mentions.len();
    }
    let t3 = cpu_seconds();
    println!("corpus {} bytes x {rounds} rounds ({n})", text.len());
    println!("tokenize+split: {:.2} MB/CPU-s", mb / (t1 - t0).max(1e-9));
    println!("tokenize+tag:   {:.2} MB/CPU-s", mb / (t2 - t1).max(1e-9));
    println!("analyze:        {:.2} MB/CPU-s", mb / (t3 - t2).max(1e-9));
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
    let t0 = cpu_seconds();
    let mut n = 0;
    for d in &docs {
        n += an.analyze(d).tokens.len();
    }
    let t1 = cpu_seconds();
    println!(
        "UD train documents: {} docs, {bytes} bytes, {n} tokens, one pass",
        docs.len()
    );
    println!("analyze:        {:.2} MB/CPU-s", mb / (t1 - t0).max(1e-9));
}
