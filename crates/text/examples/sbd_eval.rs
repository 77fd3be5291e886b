//! Sentence-boundary F1 on UD English EWT and GUM test (gold sentence splits),
//! beside a UAX #29 baseline (`unicode-segmentation`).
//!
//! `cargo run -p annalist-text --release --example sbd_eval -- /work/shared/data`
//!
//! The raw text of each document is rebuilt from the `# text =` lines:
//! sentences of a paragraph joined by one space, paragraphs (`# newpar`,
//! `# newdoc`) by a blank line ("par" mode), or every sentence of a
//! document joined by one space ("flat" mode, no layout cues at all).
//! A boundary is the end offset of a sentence; each document's final
//! boundary is trivial and not counted.

use annalist_model::{CleanDoc, OffsetMap};
use annalist_text::data::{prf, read_conllu, UdSentence};
use annalist_text::Analyzer;
use std::collections::HashSet;
use std::path::PathBuf;
use unicode_segmentation::UnicodeSegmentation;

fn docs(sents: &[UdSentence], flat: bool) -> Vec<(String, HashSet<usize>)> {
    let mut out: Vec<(String, HashSet<usize>)> = Vec::new();
    let mut cur_doc = None;
    for s in sents {
        if cur_doc.as_ref() != Some(&s.doc) {
            cur_doc = Some(s.doc.clone());
            out.push((String::new(), HashSet::new()));
        }
        let (text, ends) = out.last_mut().expect("doc");
        if !text.is_empty() {
            text.push_str(if s.new_par && !flat { "\n\n" } else { " " });
        }
        text.push_str(&s.text);
        ends.insert(text.len());
    }
    for (t, e) in &mut out {
        e.remove(&t.len());
    }
    out
}

fn score(name: &str, set: &[(String, HashSet<usize>)], split: &dyn Fn(&str) -> Vec<usize>) -> f64 {
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    for (text, gold) in set {
        let pred: HashSet<usize> = split(text)
            .into_iter()
            .filter(|&e| e < text.len())
            .collect();
        np += pred.len();
        ng += gold.len();
        tp += pred.intersection(gold).count();
        if std::env::var("SBD_DEBUG").is_ok_and(|v| v == name) {
            for &g in gold.difference(&pred) {
                let a = annalist_model::floor_char_boundary(text, g.saturating_sub(40));
                let b = annalist_model::floor_char_boundary(text, (g + 30).min(text.len()));
                eprintln!("MISS {:?} | {:?}", &text[a..g], &text[g..b]);
            }
            for &g in pred.difference(gold) {
                let a = annalist_model::floor_char_boundary(text, g.saturating_sub(40));
                let b = annalist_model::floor_char_boundary(text, (g + 30).min(text.len()));
                eprintln!("FALSE {:?} | {:?}", &text[a..g], &text[g..b]);
            }
        }
    }
    let (p, r, f) = prf(tp, np, ng);
    println!("  {name:<10} P {p:.3} R {r:.3} F1 {f:.3}");
    f
}

fn main() {
    let data = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/data".into()),
    );
    let an = Analyzer::new();
    let ours = |t: &str| -> Vec<usize> {
        let d = CleanDoc {
            map: OffsetMap::identity(t.len()),
            text: t.to_string(),
            ..Default::default()
        };
        let (toks, sents) = an.split(&d);
        sents
            .iter()
            .map(|s| toks[s.tokens.1 - 1].span.end)
            .collect()
    };
    let uax = |t: &str| -> Vec<usize> {
        let mut ends = Vec::new();
        let mut off = 0;
        for s in t.split_sentence_bounds() {
            off += s.len();
            if s.trim().is_empty() {
                continue; // a lone paragraph separator
            }
            // end of the sentence without trailing whitespace
            ends.push(off - (s.len() - s.trim_end().len()));
        }
        ends
    };
    for (name, path) in [
        (
            "EWT test",
            data.join("ud-english-ewt/en_ewt-ud-test.conllu.gz"),
        ),
        (
            "GUM test",
            data.join("ud-english-gum/en_gum-ud-test.conllu.gz"),
        ),
    ] {
        let sents = read_conllu(&path).expect("read UD test");
        for flat in [false, true] {
            let set = docs(&sents, flat);
            println!(
                "{name} ({} mode, {} docs):",
                if flat { "flat" } else { "par" },
                set.len()
            );
            score("annalist", &set, &ours);
            score("UAX#29", &set, &uax);
        }
    }
}
