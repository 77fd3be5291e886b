//! Recall of gold entity names on the shared corpora: a gold entity is found
//! when some mention's text equals one of its names or aliases (the
//! `entity found` metric of `annalist eval`).

use annalist_model::{CleanDoc, OffsetMap};
use annalist_text::Analyzer;
use std::path::PathBuf;

fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

fn doc(text: String) -> CleanDoc {
    CleanDoc {
        map: OffsetMap::identity(text.len()),
        text,
        ..Default::default()
    }
}

/// (found, total, misses) over the topic's gold entities.
fn recall(an: &Analyzer, topic: &str) -> Option<(usize, usize, Vec<String>)> {
    let gold = std::fs::read_to_string(shared().join(format!("gold/{topic}.json"))).ok()?;
    let gold: serde_json::Value = serde_json::from_str(&gold).ok()?;
    let mut texts = std::collections::HashSet::new();
    let dir = shared().join(format!("corpus/{topic}"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for f in files {
        let t = String::from_utf8_lossy(&std::fs::read(&f).ok()?).into_owned();
        let ta = an.analyze(&doc(t));
        for m in ta.mentions {
            texts.insert(m.text);
        }
    }
    let mut found = 0;
    let mut total = 0;
    let mut misses = Vec::new();
    for e in gold["entities"].as_array()? {
        total += 1;
        let mut names: Vec<String> = vec![e["name"].as_str().unwrap_or("").to_string()];
        for a in e["aliases"].as_array().into_iter().flatten() {
            names.push(a.as_str().unwrap_or("").to_string());
        }
        if names.iter().any(|n| texts.contains(n)) {
            found += 1;
        } else {
            misses.push(names[0].clone());
        }
    }
    Some((found, total, misses))
}

#[test]
fn gold_entities_are_found() {
    let an = Analyzer::new();
    let (mut f, mut t) = (0, 0);
    for topic in ["seeds", "kirov", "rasputin"] {
        let Some((found, total, misses)) = recall(&an, topic) else {
            eprintln!("no shared data for {topic}; skipped");
            return;
        };
        eprintln!("{topic}: found {found}/{total}; missed {misses:?}");
        f += found;
        t += total;
    }
    let r = f as f64 / t as f64;
    eprintln!("entity found: {r:.3}");
    assert!(r >= 0.92, "entity found {r:.3} below floor");
}
