//! Honest quality floors on the UD English test sets (reads ../shared/data;
//! skipped when it is absent). Full figures: docs/bench/text.md.

use annalist_model::{CleanDoc, OffsetMap};
use annalist_text::data::read_conllu;
use annalist_text::Analyzer;
use std::collections::HashSet;
use std::path::PathBuf;

fn data() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"))
}

#[test]
fn pos_accuracy_on_ewt_test_slice() {
    let Ok(sents) = read_conllu(&data().join("ud-english-ewt/en_ewt-ud-test.conllu.gz")) else {
        eprintln!("EWT test not found; skipped");
        return;
    };
    let an = Analyzer::new();
    let (mut ok, mut tot) = (0, 0);
    for s in sents.iter().take(800) {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        for (p, g) in an.pos_tags(&words).iter().zip(&s.upos) {
            ok += (p == g) as usize;
            tot += 1;
        }
    }
    let acc = ok as f64 / tot as f64;
    eprintln!("POS accuracy on the first 800 EWT test sentences: {acc:.4} ({tot} words)");
    assert!(acc >= 0.93, "POS accuracy {acc:.4} below floor");
}

#[test]
fn sentence_boundaries_on_gum_test() {
    let Ok(sents) = read_conllu(&data().join("ud-english-gum/en_gum-ud-test.conllu.gz")) else {
        eprintln!("GUM test not found; skipped");
        return;
    };
    let an = Analyzer::new();
    // rebuild each document: sentences joined by a space, paragraphs by a blank line
    let mut docs: Vec<(String, HashSet<usize>)> = Vec::new();
    let mut cur = String::new();
    for s in &sents {
        if docs.last().is_none() || cur != s.doc {
            cur = s.doc.clone();
            docs.push((String::new(), HashSet::new()));
        }
        let (t, e) = docs.last_mut().unwrap();
        if !t.is_empty() {
            t.push_str(if s.new_par { "\n\n" } else { " " });
        }
        t.push_str(&s.text);
        e.insert(t.len());
    }
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    for (t, mut gold) in docs {
        gold.remove(&t.len());
        let d = CleanDoc {
            map: OffsetMap::identity(t.len()),
            text: t.clone(),
            ..Default::default()
        };
        let (toks, ss) = an.split(&d);
        let pred: HashSet<usize> = ss
            .iter()
            .map(|s| toks[s.tokens.1 - 1].span.end)
            .filter(|&e| e < t.len())
            .collect();
        tp += pred.intersection(&gold).count();
        np += pred.len();
        ng += gold.len();
    }
    let (p, r) = (tp as f64 / np as f64, tp as f64 / ng as f64);
    let f = 2.0 * p * r / (p + r);
    eprintln!("GUM test sentence boundaries: P {p:.3} R {r:.3} F1 {f:.3}");
    assert!(f >= 0.95, "sentence F1 {f:.3} below floor");
}
