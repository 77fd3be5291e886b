//! Event recall / precision per document against `shared/gold/*.json`,
//! running the real ingest → text → time stages, then `Extractor`.
//!
//! A gold event counts for a document when the document is among its
//! `sources`; it is found when an asserted event of that document has the
//! same type, a subject whose entity name / aliases (or text) equal one of
//! the gold subject's names after folding, and a compatible time (one
//! interval contains the other; a missing time on either side is
//! compatible; a value the gold lists as this document's own conflicting
//! claim is accepted too). Precision: the document's asserted events (merged per type,
//! subject and time) that match any gold event of the topic.

mod common;

use annalist_events::Extractor;
use annalist_model::interval::interval;
use annalist_model::{EventMention, Factuality, Role, TextAnalysis};
use common::{shared, Stages};
use serde_json::Value;
use std::collections::BTreeSet;

fn fold(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            '’' => '\'',
            c => c,
        };
        if c.is_alphanumeric() || c == ' ' {
            out.push(c);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => vec![],
    }
}

/// (type, subject names, time, sources)
type GoldEvent = (String, BTreeSet<String>, Option<String>, Vec<String>);

struct Gold {
    events: Vec<GoldEvent>,
    /// (event type, subject names, source, claimed value): a document's own
    /// claim that the gold lists as a conflict counts as its time.
    claims: Vec<(String, BTreeSet<String>, String, String)>,
}

fn load_gold(topic: &str) -> Gold {
    let g: Value = serde_json::from_str(
        &std::fs::read_to_string(shared(&format!("gold/{topic}.json"))).expect("gold file"),
    )
    .expect("gold json");
    let ents = g["entities"].as_array().cloned().unwrap_or_default();
    let names = |id: &str| -> BTreeSet<String> {
        match ents.iter().find(|e| e["id"] == id) {
            Some(e) => {
                let mut s: BTreeSet<String> =
                    strings(&e["aliases"]).iter().map(|a| fold(a)).collect();
                s.insert(fold(e["name"].as_str().unwrap_or("")));
                s.extend(strings(&e["misspellings"]).iter().map(|a| fold(a)));
                s
            }
            None => [fold(id)].into(),
        }
    };
    let events = g["events"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|e| {
            let subj: BTreeSet<String> = strings(&e["subject"])
                .iter()
                .flat_map(|s| names(s))
                .collect();
            (
                e["type"].as_str().unwrap_or("").to_string(),
                subj,
                e["time"].as_str().map(str::to_string),
                strings(&e["sources"]),
            )
        })
        .collect();
    let mut claims = Vec::new();
    for c in g["conflicts"].as_array().cloned().unwrap_or_default() {
        let (Some(t), Some(subj)) = (c["event_type"].as_str(), c["subject"].as_str()) else {
            continue;
        };
        for cl in c["claims"].as_array().cloned().unwrap_or_default() {
            if let (Some(src), Some(v)) = (cl["source"].as_str(), cl["value"].as_str()) {
                claims.push((t.to_string(), names(subj), src.to_string(), v.to_string()));
            }
        }
    }
    Gold { events, claims }
}

fn subject_names(ta: &TextAnalysis, e: &EventMention) -> BTreeSet<String> {
    let mut s = BTreeSet::new();
    for f in e.fillers(Role::Subject) {
        match f.entity.and_then(|i| ta.entities.get(i)) {
            Some(ent) => {
                s.insert(fold(&ent.name));
                s.extend(ent.aliases.iter().map(|a| fold(&a.alias)));
            }
            None => {
                s.insert(fold(&f.text));
            }
        }
    }
    s
}

fn time_ok(g: &Option<String>, s: Option<&str>) -> bool {
    match (g, s) {
        (Some(g), Some(s)) => match (interval(g), interval(s)) {
            (Some(a), Some(b)) => a.compatible(&b),
            _ => true,
        },
        _ => true,
    }
}

#[derive(Default)]
struct Score {
    found: usize,
    gold: usize,
    correct: usize,
    predicted: usize,
}

fn score_topic(
    stages: &Stages,
    ex: &Extractor,
    topic: &str,
    dir: &str,
    report: &mut String,
) -> Score {
    let gold = load_gold(topic);
    let mut total = Score::default();
    let mut files: Vec<_> = std::fs::read_dir(shared(&format!("corpus/{dir}")))
        .expect("corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for path in files {
        let Some(p) = stages.prepare(&path) else {
            continue;
        };
        let evs: Vec<EventMention> = ex
            .extract(&p.doc, &p.ta, &p.tx)
            .into_iter()
            .filter(|e| e.factuality == Factuality::Asserted)
            .collect();
        let matches = |g: &GoldEvent, e: &EventMention| {
            let t = e.time.as_ref().map(|t| t.value.as_str());
            e.etype.map(|t| t.as_str()) == Some(g.0.as_str())
                && !g.1.is_disjoint(&subject_names(&p.ta, e))
                && (time_ok(&g.2, t)
                    || gold.claims.iter().any(|c| {
                        c.0 == g.0
                            && c.1 == g.1
                            && c.2 == p.name
                            && interval(&c.3).is_some()
                            && time_ok(&Some(c.3.clone()), t)
                    }))
        };
        let mut s = Score::default();
        for g in gold.events.iter().filter(|g| g.3.contains(&p.name)) {
            s.gold += 1;
            if evs.iter().any(|e| matches(g, e)) {
                s.found += 1;
            } else {
                report.push_str(&format!(
                    "  MISS {} {} {:?} {:?}\n",
                    p.name,
                    g.0,
                    g.1.iter().next(),
                    g.2
                ));
            }
        }
        // Predictions merged per (type, subject names, time value).
        let mut seen = BTreeSet::new();
        for e in &evs {
            let key = (
                e.etype.map(|t| t.as_str()),
                subject_names(&p.ta, e),
                e.time.as_ref().map(|t| t.value.clone()),
            );
            if !seen.insert(key) {
                continue;
            }
            s.predicted += 1;
            if gold.events.iter().any(|g| matches(g, e)) {
                s.correct += 1;
            } else {
                report.push_str(&format!(
                    "  FP   {} {} {:?} {:?} «{}»\n",
                    p.name,
                    e.etype.map(|t| t.as_str()).unwrap_or("?"),
                    subject_names(&p.ta, e).iter().next(),
                    e.time.as_ref().map(|t| (&t.value, &t.how)),
                    e.trigger_text
                ));
            }
        }
        report.push_str(&format!(
            "{topic}/{}: recall {}/{} precision {}/{}\n",
            p.name, s.found, s.gold, s.correct, s.predicted
        ));
        total.found += s.found;
        total.gold += s.gold;
        total.correct += s.correct;
        total.predicted += s.predicted;
    }
    total
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[test]
fn per_document_recall_and_precision_on_gold() {
    if !shared("gold/seeds.json").exists() {
        eprintln!("shared/gold not found: skipped");
        return;
    }
    let stages = Stages::new();
    let ex = Extractor::new();
    let mut report = String::new();
    let mut all = Score::default();
    for (topic, dir) in [
        ("seeds", "seeds"),
        ("kirov", "kirov"),
        ("rasputin", "rasputin"),
    ] {
        let s = score_topic(&stages, &ex, topic, dir, &mut report);
        report.push_str(&format!(
            "== {topic}: recall {:.3} ({}/{}) precision {:.3} ({}/{})\n",
            ratio(s.found, s.gold),
            s.found,
            s.gold,
            ratio(s.correct, s.predicted),
            s.correct,
            s.predicted
        ));
        all.found += s.found;
        all.gold += s.gold;
        all.correct += s.correct;
        all.predicted += s.predicted;
    }
    let (r, p) = (
        ratio(all.found, all.gold),
        ratio(all.correct, all.predicted),
    );
    report.push_str(&format!("== all: recall {r:.3} precision {p:.3}\n"));
    eprintln!("{report}");
    if let Ok(out) = std::env::var("EVENTS_GOLD_REPORT") {
        let _ = std::fs::write(out, &report);
    }
    // Honest floors (what the current stages reach, minus a margin).
    assert!(
        r >= RECALL_FLOOR,
        "per-document event recall {r:.3} < {RECALL_FLOOR}"
    );
    assert!(
        p >= PRECISION_FLOOR,
        "per-document event precision {p:.3} < {PRECISION_FLOOR}"
    );
}

const RECALL_FLOOR: f64 = 0.60;
const PRECISION_FLOOR: f64 = 0.74;
