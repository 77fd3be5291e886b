//! Scores the tagger on annalist's gold topics.
//!
//! `cargo run -p annalist-time --release --example score_gold -- [--errors] [GOLD_DIR CORPUS_DIR]`

use annalist_time::{gold, score, Tagger};
use std::path::PathBuf;

fn main() {
    let mut errors = false;
    let mut dirs = Vec::new();
    for a in std::env::args().skip(1) {
        if a == "--errors" {
            errors = true;
        } else {
            dirs.push(PathBuf::from(a));
        }
    }
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    let gold_dir = dirs.first().cloned().unwrap_or(root.join("gold"));
    let corpus = dirs.get(1).cloned().unwrap_or(root.join("corpus"));
    let tagger = Tagger::new();
    let mut total = score::Counts::default();
    let mut files: Vec<_> = std::fs::read_dir(&gold_dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|f: &PathBuf| f.extension().is_some_and(|e| e == "json"));
    files.sort();
    for f in files {
        let topic = f
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let mut tc = score::Counts::default();
        for d in gold::load_topic(&f, &corpus.join(&topic)) {
            let (c, sys) = gold::score_gold_doc(&tagger, &d);
            tc.add(&c);
            if errors {
                for g in &d.timexes {
                    match sys.iter().find(|s| s.span.overlaps(g.span)) {
                        None => println!("MISS\t{}\t{}\t{}", g.text, g.value, d.file),
                        Some(s) if !score::same_value(&s.value, &g.value) => println!(
                            "VAL\t{}\t{}\tsys:{}\t{}\t{}\t{}",
                            g.text, g.value, s.text, s.value, s.rule, d.file
                        ),
                        _ => {}
                    }
                }
                for s in &sys {
                    if !d.timexes.iter().any(|g| g.span.overlaps(s.span)) {
                        println!("FP\t{}\t{}\t{}\t{}", s.text, s.value, s.rule, d.file);
                    }
                }
            }
        }
        println!("{}", score::report(&topic, &tc));
        total.add(&tc);
    }
    println!("{}", score::report("ALL", &total));
}
