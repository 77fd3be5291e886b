//! The seed corpus must make a striking demo: Leon Trotsky's timeline.

mod common;
use common::*;
use serde_json::Value;

fn trotsky_timeline() -> Value {
    let dir = tempfile::tempdir().unwrap();
    let db = build(dir.path(), "demo.db", &[&seeds()]);
    let out = run(&[
        "timeline",
        "Leon Trotsky",
        "--json",
        "--db",
        &db.display().to_string(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

fn events_of<'a>(tl: &'a Value, etype: &str) -> Vec<&'a Value> {
    tl["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == etype)
        .collect()
}

#[test]
fn trotsky_died_on_21_august_1940_say_at_least_two_sources() {
    let tl = trotsky_timeline();
    assert_eq!(tl["entity"]["name"], "Leon Trotsky");
    let deaths = events_of(&tl, "death");
    let death = deaths
        .iter()
        .find(|e| e["time"]["value"] == "1940-08-21")
        .unwrap_or_else(|| panic!("no death on 1940-08-21 in {deaths:#?}"));
    assert!(
        death["independent_sources"].as_u64().unwrap() >= 2,
        "independent sources: {death:#?}"
    );
}

#[test]
fn the_timeline_is_in_chronological_order() {
    let tl = trotsky_timeline();
    let starts: Vec<&str> = tl["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["time"]["start"].as_str())
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
}
