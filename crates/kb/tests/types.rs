//! Entity types corrected across documents: a one-word name every other
//! source calls a person is a person, unless it is a known place.

use annalist_kb::merge;
use annalist_model::*;

mod common;
use common::Doc;

fn doc(id: &str, t: EntityType, name: &str, sentence: &str, words: &str) -> DocAnalysis {
    let mut d = Doc::new(id, 0.8);
    let s = d.sentence(sentence);
    d.entity(t, name, s, words, MentionForm::Name);
    d.done()
}

fn types_of(kb: &KnowledgeBase, name: &str) -> Vec<EntityType> {
    kb.entities
        .iter()
        .filter(|e| e.name == name)
        .map(|e| e.etype)
        .collect()
}

#[test]
fn a_name_other_sources_call_a_person_is_a_person() {
    let kb = merge(vec![
        doc("a", EntityType::Person, "Stalin", "Stalin ruled.", "Stalin"),
        doc("b", EntityType::Person, "Stalin", "Stalin spoke.", "Stalin"),
        doc(
            "c",
            EntityType::Place,
            "Stalin",
            "Stalin had him killed.",
            "Stalin",
        ),
    ]);
    // (Single names of unrelated documents stay apart: each is a person.)
    let t = types_of(&kb, "Stalin");
    assert!(
        !t.is_empty() && t.iter().all(|t| *t == EntityType::Person),
        "{t:?}"
    );
}

#[test]
fn a_known_place_or_a_single_person_vote_keeps_the_place() {
    // Kirov is also a city (gazetteer).
    let kb = merge(vec![
        doc("a", EntityType::Person, "Kirov", "Kirov spoke.", "Kirov"),
        doc("b", EntityType::Person, "Kirov", "Kirov ruled.", "Kirov"),
        doc(
            "c",
            EntityType::Place,
            "Kirov",
            "They lived in Kirov.",
            "Kirov",
        ),
    ]);
    assert!(types_of(&kb, "Kirov").contains(&EntityType::Place));
    // One other source only: not enough.
    let kb = merge(vec![
        doc("a", EntityType::Person, "Sedan", "Sedan spoke.", "Sedan"),
        doc(
            "c",
            EntityType::Place,
            "Sedan",
            "They fought at Sedan.",
            "Sedan",
        ),
    ]);
    assert!(types_of(&kb, "Sedan").contains(&EntityType::Place));
}

#[test]
fn what_is_attacked_keeps_its_type_and_who_is_arrested_is_a_person() {
    // A city or a country attacked is no person; the one arrested is one,
    // whatever the tagger said.
    let mut d = Doc::new("a", 0.8);
    let s = d.sentence("Germany attacked Poland. Then Kamenev was arrested.");
    let g = d.entity(
        EntityType::Place,
        "Germany",
        s,
        "Germany",
        MentionForm::Name,
    );
    let p = d.entity(EntityType::Place, "Poland", s, "Poland", MentionForm::Name);
    let k = d.entity(
        EntityType::Place,
        "Kamenev",
        s,
        "Kamenev",
        MentionForm::Name,
    );
    d.event(
        EventType::Attack,
        s,
        "attacked",
        &[
            (Role::Subject, Some(p), "Poland"),
            (Role::Agent, Some(g), "Germany"),
        ],
        Some("1939"),
    );
    d.event(
        EventType::Arrest,
        s,
        "arrested",
        &[(Role::Subject, Some(k), "Kamenev")],
        None,
    );
    let kb = merge(vec![d.done()]);
    assert_eq!(types_of(&kb, "Poland"), vec![EntityType::Place]);
    assert_eq!(types_of(&kb, "Kamenev"), vec![EntityType::Person]);
}

#[test]
fn a_known_place_other_sources_call_a_place_is_no_person() {
    let kb = merge(vec![
        doc(
            "a",
            EntityType::Person,
            "Rome",
            "Rome had a secret pact.",
            "Rome",
        ),
        doc(
            "b",
            EntityType::Place,
            "Rome",
            "They marched on Rome.",
            "Rome",
        ),
        doc("c", EntityType::Place, "Rome", "He lived in Rome.", "Rome"),
    ]);
    let t = types_of(&kb, "Rome");
    assert!(
        !t.is_empty() && t.iter().all(|t| *t == EntityType::Place),
        "{t:?}"
    );
    // One other source is not enough, and a person elsewhere keeps it.
    let kb = merge(vec![
        doc("a", EntityType::Person, "Kirov", "Kirov spoke.", "Kirov"),
        doc("b", EntityType::Person, "Kirov", "Kirov ruled.", "Kirov"),
        doc(
            "c",
            EntityType::Place,
            "Kirov",
            "They lived in Kirov.",
            "Kirov",
        ),
        doc(
            "d",
            EntityType::Place,
            "Kirov",
            "They moved to Kirov.",
            "Kirov",
        ),
    ]);
    assert!(types_of(&kb, "Kirov").contains(&EntityType::Person));
}

#[test]
fn a_known_place_is_one_place_wherever_it_is_named() {
    // No shared context: single names of people stay apart, a country or
    // a large city of the gazetteer does not.
    let kb = merge(vec![
        doc(
            "a",
            EntityType::Place,
            "Canada",
            "They sailed to Canada.",
            "Canada",
        ),
        doc(
            "b",
            EntityType::Place,
            "Canada",
            "Canada joined the war.",
            "Canada",
        ),
        doc("c", EntityType::Person, "Smith", "Smith spoke.", "Smith"),
        doc("d", EntityType::Person, "Smith", "Smith ruled.", "Smith"),
    ]);
    assert_eq!(types_of(&kb, "Canada"), vec![EntityType::Place]);
    assert_eq!(types_of(&kb, "Smith").len(), 2);
    // ... and so is a historical or constituent country (countries.txt)
    let kb = merge(vec![
        doc(
            "a",
            EntityType::Place,
            "England",
            "They sailed to England.",
            "England",
        ),
        doc(
            "b",
            EntityType::Place,
            "England",
            "England joined the war.",
            "England",
        ),
    ]);
    assert_eq!(types_of(&kb, "England"), vec![EntityType::Place]);
    // ... and a US state (places.txt)
    let kb = merge(vec![
        doc("a", EntityType::Place, "Ohio", "He moved to Ohio.", "Ohio"),
        doc("b", EntityType::Place, "Ohio", "Ohio voted.", "Ohio"),
    ]);
    assert_eq!(types_of(&kb, "Ohio"), vec![EntityType::Place]);
}

#[test]
fn a_country_or_an_acronym_is_never_a_person_whatever_its_events_say() {
    let mut d = Doc::new("a", 0.8);
    let s = d.sentence("A new Germany had been born. Kamenev was born in 1883.");
    let g = d.entity(
        EntityType::Place,
        "Germany",
        s,
        "Germany",
        MentionForm::Name,
    );
    let k = d.entity(
        EntityType::Place,
        "Kamenev",
        s,
        "Kamenev",
        MentionForm::Name,
    );
    d.event(
        EventType::Birth,
        s,
        "born",
        &[(Role::Subject, Some(g), "Germany")],
        None,
    );
    d.event(
        EventType::Birth,
        s,
        "born",
        &[(Role::Subject, Some(k), "Kamenev")],
        Some("1883"),
    );
    let s2 = d.sentence("The CPC had been expelled from Wuhan.");
    let c = d.entity(
        EntityType::Organization,
        "CPC",
        s2,
        "CPC",
        MentionForm::Name,
    );
    d.event(
        EventType::Exile,
        s2,
        "expelled",
        &[(Role::Subject, Some(c), "CPC")],
        None,
    );
    let kb = merge(vec![d.done()]);
    assert_eq!(types_of(&kb, "CPC"), vec![EntityType::Organization]);
    assert_eq!(types_of(&kb, "Germany"), vec![EntityType::Place]);
    assert_eq!(types_of(&kb, "Kamenev"), vec![EntityType::Person]);
    // The country's birth is a figure of speech: only Kamenev's is kept; a
    // body's expulsion stays.
    let births: Vec<&str> = kb
        .events
        .iter()
        .filter(|e| e.etype == EventType::Birth)
        .flat_map(|e| e.roles.subject.iter())
        .map(String::as_str)
        .collect();
    assert_eq!(births, ["person:kamenev"]);
    assert!(kb.events.iter().any(|e| e.etype == EventType::Exile));
}

#[test]
fn a_province_the_corpus_names_with_its_designator_is_no_person() {
    // The tagger knows no Chinese provinces: "Hunan" is a person in one
    // news item, a place in another, "Hunan Province" in a third.
    let kb = merge(vec![
        doc(
            "a",
            EntityType::Person,
            "Hunan",
            "The health department of Hunan reported.",
            "Hunan",
        ),
        doc(
            "b",
            EntityType::Place,
            "Hunan",
            "Experts went to Hunan.",
            "Hunan",
        ),
        doc(
            "c",
            EntityType::Place,
            "Hunan Province",
            "A boy in Hunan Province fell ill.",
            "Hunan Province",
        ),
    ]);
    let t = types_of(&kb, "Hunan");
    assert!(
        !t.is_empty() && t.iter().all(|t| *t == EntityType::Place),
        "{t:?}"
    );
    // A person the corpus names after nothing stays a person.
    let kb = merge(vec![
        doc(
            "a",
            EntityType::Person,
            "Lincoln",
            "Lincoln spoke.",
            "Lincoln",
        ),
        doc(
            "b",
            EntityType::Person,
            "Lincoln",
            "Lincoln won.",
            "Lincoln",
        ),
        doc(
            "c",
            EntityType::Place,
            "Lincoln County",
            "He lived in Lincoln County.",
            "Lincoln County",
        ),
    ]);
    assert!(types_of(&kb, "Lincoln").contains(&EntityType::Person));
}
