//! End to end: the real per-document pipeline on the shared corpora, then
//! merging. The other stages change under us, so this asserts invariants
//! and only floors that hold whatever they do.

use annalist_kb::{merge, query};
use annalist_model::{DocAnalysis, KnowledgeBase};
use annalist_pipeline::Pipeline;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

fn corpus(topic: &str) -> Option<Vec<(DocAnalysis, Vec<u8>)>> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ))
    .join(topic);
    if !dir.is_dir() {
        eprintln!("skipping: {} not found", dir.display());
        return None;
    }
    let p = Pipeline::new();
    let (files, _) = annalist_ingest::walk(std::slice::from_ref(&dir));
    let mut out = Vec::new();
    for (path, root) in files {
        for raw in annalist_ingest::read_path(&path, &root).docs {
            if let Ok(a) = p.analyze(&raw) {
                out.push((a, raw.bytes));
            }
        }
    }
    Some(out)
}

fn check(kb: &KnowledgeBase, bytes: &BTreeMap<String, Vec<u8>>) {
    let ents: BTreeSet<&str> = kb.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ents.len(), kb.entities.len());
    let evs: BTreeSet<&str> = kb.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(evs.len(), kb.events.len());
    let cfs: BTreeSet<&str> = kb.conflicts.iter().map(|c| c.id.as_str()).collect();
    for e in &kb.entities {
        assert!(!e.name.is_empty());
        for m in &e.mentions {
            let b = &bytes[&*m.source];
            assert!(m.start <= m.end && m.end <= b.len());
        }
    }
    for e in &kb.events {
        for (_, id) in e.roles.all() {
            assert!(ents.contains(id.as_str()), "{id}");
        }
        for c in &e.conflicts {
            assert!(cfs.contains(c.as_str()));
        }
        for ev in &e.evidence {
            let b = &bytes[&ev.source];
            assert_eq!(String::from_utf8_lossy(&b[ev.start..ev.end]), ev.text);
        }
        assert!(e.independent_sources >= 1 && e.independent_sources <= e.sources.len());
        assert!(!e.description.is_empty());
    }
    for c in &kb.conflicts {
        assert!(evs.contains(c.event.as_str()));
        assert!(c.values.len() >= 2);
    }
}

#[test]
fn shared_corpora_merge_soundly_in_any_order() {
    for topic in ["seeds", "kirov", "rasputin"] {
        let Some(docs) = corpus(topic) else { return };
        let bytes: BTreeMap<String, Vec<u8>> = docs
            .iter()
            .map(|(a, b)| (a.meta.id.clone(), b.clone()))
            .collect();
        let analyses: Vec<DocAnalysis> = docs.into_iter().map(|(a, _)| a).collect();
        let kb = merge(analyses.clone());
        check(&kb, &bytes);
        let mut shuffled = analyses.clone();
        shuffled.reverse();
        shuffled.rotate_left(1);
        assert_eq!(
            serde_json::to_string(&kb).unwrap(),
            serde_json::to_string(&merge(shuffled)).unwrap(),
            "{topic}: order changed the knowledge base"
        );
        assert_eq!(kb.sources.len(), analyses.len());
        if topic == "seeds" {
            let t = query::find_entity(&kb, "Leon Trotsky").expect("Trotsky");
            assert_eq!(t.etype, annalist_model::EntityType::Person);
            assert!(t.aliases.iter().any(|a| a == "Trotsky"), "{:?}", t.aliases);
            assert!(!query::timeline(&kb, &t.id).is_empty());
            // Ramón Mercader is one entity whatever the spelling.
            let m = query::find_entity(&kb, "Ramon Mercader").expect("Mercader");
            assert!(m.aliases.iter().any(|a| a == "Mercader"), "{:?}", m.aliases);
        }
    }
}
