//! An attack told by one source and a killing told by another are one
//! happening when they share the instrument (the attack is the act of the
//! killing); a different instrument keeps them apart.

use annalist_kb::merge;
use annalist_model::*;

mod common;
use common::Doc;

use EntityType::Person;

fn killing(id: &str, instrument: &str, time: &str) -> DocAnalysis {
    let mut d = Doc::new(id, 0.8);
    let sentence = format!("Ramon Mercader assassinated Trotsky with {instrument} in {time}.");
    let s = d.sentence(&sentence);
    let m = d.entity(
        Person,
        "Ramon Mercader",
        s,
        "Ramon Mercader",
        MentionForm::Name,
    );
    let t = d.entity(Person, "Leon Trotsky", s, "Trotsky", MentionForm::Name);
    d.event(
        EventType::Killing,
        s,
        "assassinated",
        &[
            (Role::Subject, Some(t), "Trotsky"),
            (Role::Agent, Some(m), "Ramon Mercader"),
            (Role::Instrument, None, instrument),
        ],
        Some(time),
    );
    d.done()
}

fn attack(id: &str, instrument: &str, time: &str) -> DocAnalysis {
    let mut d = Doc::new(id, 0.8);
    let sentence = format!("On {time} Trotsky was attacked with {instrument} and died next day.");
    let s = d.sentence(&sentence);
    let t = d.entity(Person, "Leon Trotsky", s, "Trotsky", MentionForm::Name);
    d.event(
        EventType::Attack,
        s,
        "attacked",
        &[
            (Role::Subject, Some(t), "Trotsky"),
            (Role::Instrument, None, instrument),
        ],
        Some(time),
    );
    d.done()
}

fn of_type(kb: &KnowledgeBase, t: EventType) -> Vec<&Event> {
    kb.events.iter().filter(|e| e.etype == t).collect()
}

#[test]
fn an_attack_with_the_killing_s_instrument_is_the_killing() {
    let kb = merge(vec![
        killing("a", "an ice pick", "1940"),
        attack("b", "the ice pick", "1940-08-20"),
    ]);
    assert!(
        of_type(&kb, EventType::Attack).is_empty(),
        "{:#?}",
        kb.events
    );
    let k = of_type(&kb, EventType::Killing);
    assert_eq!(k.len(), 1);
    assert_eq!(k[0].sources.len(), 2);
    // The act's precise date dates the killing; 1940 contains it: no conflict.
    assert_eq!(k[0].time.as_ref().unwrap().value, "1940-08-20");
    assert!(kb.conflicts.is_empty(), "{:#?}", kb.conflicts);
}

#[test]
fn an_attack_with_another_instrument_stays_an_attack() {
    let kb = merge(vec![
        killing("a", "a revolver", "1916-12-30"),
        attack("b", "cyanide", "1916-12-30"),
    ]);
    assert_eq!(of_type(&kb, EventType::Attack).len(), 1);
    assert_eq!(of_type(&kb, EventType::Killing).len(), 1);
}

#[test]
fn an_attack_at_an_incompatible_time_stays_an_attack() {
    let kb = merge(vec![
        killing("a", "an ice pick", "1940-08-20"),
        attack("b", "an ice pick", "1938-05"),
    ]);
    assert_eq!(of_type(&kb, EventType::Attack).len(), 1);
}
