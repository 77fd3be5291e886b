//! `annalist build` and `annalist export` on the seed corpus: idempotence,
//! the JSON contract, its invariants and determinism.

mod common;
use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn rebuilding_the_same_inputs_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = build(dir.path(), "a.db", &[&seeds()]);
    let first = export_json(&db);
    let out = run(&[
        "build",
        "--db",
        &db.display().to_string(),
        &seeds().display().to_string(),
    ]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains("5 sources in the store (0 added, 5 unchanged"),
        "{text}"
    );
    assert_eq!(first, export_json(&db));
}

#[test]
fn export_meets_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let db = build(dir.path(), "a.db", &[&seeds()]);
    let json = export_json(&db);
    let v: Value = serde_json::from_str(&json).unwrap();

    // The JSON Schema in docs/.
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("docs/export.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "schema violations: {errors:#?}");

    // Every span lies inside its source, and quoted text equals those bytes.
    let mut bytes_of: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for s in v["sources"].as_array().unwrap() {
        let file = s["file"].as_str().unwrap();
        let bytes = std::fs::read(seeds().join(file)).unwrap();
        assert_eq!(s["byte_len"].as_u64().unwrap() as usize, bytes.len());
        for r in s["regions"].as_array().unwrap() {
            let (a, b) = (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
            );
            assert!(a <= b && b <= bytes.len(), "region {a}..{b} outside {file}");
        }
        for t in s["timexes"].as_array().unwrap() {
            let (a, b) = (
                t["start"].as_u64().unwrap() as usize,
                t["end"].as_u64().unwrap() as usize,
            );
            assert!(a <= b && b <= bytes.len());
            assert_eq!(
                String::from_utf8_lossy(&bytes[a..b]),
                t["text"].as_str().unwrap(),
                "timex text in {file}"
            );
        }
        bytes_of.insert(s["id"].as_str().unwrap().to_string(), bytes);
    }
    let sources: BTreeSet<&str> = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    let entities: BTreeSet<&str> = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let events: BTreeSet<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        entities.len(),
        v["entities"].as_array().unwrap().len(),
        "entity ids are unique"
    );
    assert_eq!(
        events.len(),
        v["events"].as_array().unwrap().len(),
        "event ids are unique"
    );
    let span_ok = |src: &str, a: &Value, b: &Value| {
        let bytes = &bytes_of[src];
        let (a, b) = (a.as_u64().unwrap() as usize, b.as_u64().unwrap() as usize);
        assert!(a <= b && b <= bytes.len(), "span {a}..{b} outside {src}");
        (a, b)
    };
    for e in v["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            let src = m["source"].as_str().unwrap();
            assert!(sources.contains(src), "mention names unknown source {src}");
            span_ok(src, &m["start"], &m["end"]);
        }
    }
    for ev in v["events"].as_array().unwrap() {
        for (_, ids) in ev["roles"].as_object().unwrap() {
            for id in ids.as_array().unwrap() {
                assert!(
                    entities.contains(id.as_str().unwrap()),
                    "event names unknown entity {id}"
                );
            }
        }
        for s in ev["sources"].as_array().unwrap() {
            assert!(sources.contains(s.as_str().unwrap()));
        }
        for x in ev["evidence"].as_array().unwrap() {
            let src = x["source"].as_str().unwrap();
            let (a, b) = span_ok(src, &x["start"], &x["end"]);
            assert_eq!(
                String::from_utf8_lossy(&bytes_of[src][a..b]),
                x["text"].as_str().unwrap(),
                "evidence text equals the source bytes"
            );
        }
    }
    for c in v["conflicts"].as_array().unwrap() {
        assert!(
            events.contains(c["event"].as_str().unwrap()),
            "conflict names unknown event"
        );
        for val in c["values"].as_array().unwrap() {
            for s in val["sources"].as_array().unwrap() {
                assert!(sources.contains(s.as_str().unwrap()));
            }
        }
    }
}

#[test]
fn export_is_deterministic_whatever_the_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let fwd: Vec<&std::path::Path> = files.iter().map(|p| p.as_path()).collect();
    let rev: Vec<&std::path::Path> = files.iter().rev().map(|p| p.as_path()).collect();
    let a = build(dir.path(), "a.db", &fwd);
    // Reverse order, and in two separate builds.
    let b = build(dir.path(), "b.db", &rev[..2]);
    let b = {
        let _ = build(dir.path(), "b.db", &rev[2..]);
        b
    };
    assert_eq!(export_json(&a), export_json(&b));
}

/// A store whose analyses an earlier annalist made (other sentence keys)
/// is brought up to date by the next build that merges: those sources are
/// analysed again from their stored originals, and the knowledge base is
/// the one a fresh build gives.
#[test]
fn analyses_made_under_other_sentence_keys_are_redone() {
    let dir = tempfile::tempdir().unwrap();
    let kirov = shared().join("corpus/kirov");
    let fresh = build(dir.path(), "fresh.db", &[&seeds(), &kirov]);
    let db = build(dir.path(), "old.db", &[&seeds()]);
    {
        // What the earlier version left: its stamp and its own keys.
        let mut store = annalist_store::Store::open(&db).unwrap();
        let mut old = Vec::new();
        store
            .for_each_analysis(|mut a| {
                a.analyzer = "0.1.0".into();
                for s in &mut a.sentences {
                    s.fingerprint = s.fingerprint.rotate_left(7);
                    s.simhash = !s.simhash;
                }
                old.push(a);
            })
            .unwrap();
        assert_eq!(
            store
                .replace_analyses(&old.iter().collect::<Vec<_>>())
                .unwrap(),
            5
        );
    }
    let out = run(&[
        "build",
        "--db",
        &db.display().to_string(),
        &kirov.display().to_string(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("5 analysed again"), "{text}");
    assert_eq!(export_json(&fresh), export_json(&db));
    // Once: the next build that merges finds nothing stale.
    let again = run(&[
        "build",
        "--db",
        &db.display().to_string(),
        &shared().join("corpus/rasputin").display().to_string(),
    ]);
    let text = stdout(&again);
    assert!(
        text.contains("added") && !text.contains("analysed again"),
        "{text}"
    );
}

#[test]
fn a_copied_sentence_telling_two_dated_events_keeps_them_two() {
    // The same sentence in two sources (a duplicate group): it tells one
    // happening per event, and its two appointments are dated apart.
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let line = "Martin Luther King Jr. was a Baptist minister. In 1954 he became pastor of \
                Dexter Avenue Baptist Church in Montgomery, Alabama, and in December 1955, at \
                the age of 26, he was elected president of the Montgomery Improvement Association.\n";
    std::fs::write(corpus.join("a.txt"), line).unwrap();
    std::fs::write(corpus.join("b.txt"), format!("A blog post.\n\n{line}")).unwrap();
    let db = build(dir.path(), "a.db", &[&corpus]);
    let v: Value = serde_json::from_str(&export_json(&db)).unwrap();
    let times: BTreeSet<String> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "appointment")
        .filter_map(|e| e["time"]["value"].as_str().map(str::to_string))
        .collect();
    assert!(
        times.contains("1954") && times.contains("1955-12"),
        "{times:?}"
    );
}
