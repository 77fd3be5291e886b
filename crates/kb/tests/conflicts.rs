//! Conflicts the merge must raise (and must not raise) between sources
//! that tell one happening differently.

use annalist_kb::{merge, query};
use annalist_model::*;

/// The event of a test document: type, trigger words, role fillers
/// (role, local entity, words), TIMEX3 value.
type EventSpec<'a> = (
    EventType,
    &'a str,
    &'a [(Role, Option<usize>, &'a str)],
    Option<&'a str>,
);

mod common;
use common::Doc;

/// A one-sentence document: its entities (type, name, words) in order, so
/// that role fillers can name them by index, and its one event.
fn doc(
    id: &str,
    quality: f32,
    sentence: &str,
    ents: &[(EntityType, &str, &str)],
    event: EventSpec,
) -> DocAnalysis {
    let mut d = Doc::new(id, quality);
    let s = d.sentence(sentence);
    for (t, name, words) in ents {
        d.entity(*t, name, s, words, MentionForm::Name);
    }
    let (etype, trigger, roles, time) = event;
    d.event(etype, s, trigger, roles, time);
    d.done()
}

use EntityType::{Person, Place};

#[test]
fn close_dates_of_one_happening_sharing_a_participant_conflict() {
    let a = doc(
        "a",
        0.9,
        "In 1928 Kirov succeeded Zinoviev as head of the party in Leningrad.",
        &[
            (Person, "Sergei Kirov", "Kirov"),
            (Person, "Grigory Zinoviev", "Zinoviev"),
        ],
        (
            EventType::Appointment,
            "succeeded",
            &[(Role::Subject, Some(0), "Kirov")],
            Some("1928"),
        ),
    );
    let b = doc(
        "b",
        0.5,
        "Kirov ran the party in Leningrad from 1926, when he replaced Zinoviev.",
        &[
            (Person, "Sergei Kirov", "Kirov"),
            (Person, "Grigory Zinoviev", "Zinoviev"),
        ],
        (
            EventType::Appointment,
            "replaced",
            &[(Role::Subject, Some(0), "Kirov")],
            Some("1926"),
        ),
    );
    // Far apart, no shared participant: two appointments.
    let c = doc(
        "c",
        0.9,
        "Kirov was appointed to the Politburo in 1934.",
        &[(Person, "Sergei Kirov", "Kirov")],
        (
            EventType::Appointment,
            "appointed",
            &[(Role::Subject, Some(0), "Kirov")],
            Some("1934"),
        ),
    );
    let kb = merge(vec![a, b, c]);
    let apps: Vec<&Event> = kb
        .events
        .iter()
        .filter(|e| e.etype == EventType::Appointment)
        .collect();
    assert_eq!(apps.len(), 2, "{apps:#?}");
    let merged = apps.iter().find(|e| e.sources.len() == 2).expect("merged");
    let cs = query::conflicts_for_event(&kb, &merged.id);
    assert_eq!(cs.len(), 1, "{cs:#?}");
    assert_eq!(cs[0].field, "time");
    assert_eq!(cs[0].preferred, "1928", "better source: {}", cs[0].reason);
}

/// One arrest by subject, in its source, dated `time`.
fn arrest(id: &str, quality: f32, sentence: &str, time: &str) -> DocAnalysis {
    doc(
        id,
        quality,
        sentence,
        &[(Person, "Nelson Mandela", "Mandela")],
        (
            EventType::Arrest,
            "arrested",
            &[(Role::Subject, Some(0), "Mandela")],
            Some(time),
        ),
    )
}

#[test]
fn a_day_told_a_year_or_a_day_off_by_another_source_is_a_slip() {
    // a good source's day against a spam page's
    let two = |good: &str, bad: &str| {
        merge(vec![
            arrest("a", 0.9, &format!("Mandela was arrested on {good}."), good),
            arrest("b", 0.2, &format!("Mandela was arrested on {bad}."), bad),
        ])
    };
    // the same day and month a year off
    let kb = two("1962-08-05", "1963-08-05");
    assert_eq!(kb.events.len(), 1, "{:#?}", kb.events);
    assert_eq!(kb.conflicts.len(), 1, "{:#?}", kb.conflicts);
    assert_eq!(kb.conflicts[0].preferred, "1962-08-05");
    // a day off
    let kb = two("1962-08-05", "1962-08-06");
    assert_eq!(kb.conflicts.len(), 1, "{:#?}", kb.conflicts);
    // one source telling both days knows two arrests; days far apart are two
    let mut both = Doc::new("c", 0.9);
    for (s, t) in [
        ("Mandela was arrested on 5 August 1962.", "1962-08-05"),
        ("Mandela was arrested again on 6 August 1962.", "1962-08-06"),
    ] {
        let si = both.sentence(s);
        both.entity(Person, "Nelson Mandela", si, "Mandela", MentionForm::Name);
        both.event(
            EventType::Arrest,
            si,
            "arrested",
            &[(Role::Subject, Some(0), "Mandela")],
            Some(t),
        );
    }
    let kb = merge(vec![both.done()]);
    assert_eq!(kb.events.len(), 2, "{:#?}", kb.events);
    assert!(kb.conflicts.is_empty(), "{:#?}", kb.conflicts);
    let kb = two("1962-08-05", "1962-08-20");
    assert_eq!(kb.events.len(), 2, "{:#?}", kb.events);
}

#[test]
fn close_dates_without_a_shared_participant_stay_apart() {
    let a = doc(
        "a",
        0.9,
        "Kirov was arrested in 1906.",
        &[(Person, "Sergei Kirov", "Kirov")],
        (
            EventType::Arrest,
            "arrested",
            &[(Role::Subject, Some(0), "Kirov")],
            Some("1906"),
        ),
    );
    let b = doc(
        "b",
        0.9,
        "Kirov was arrested in Tomsk in 1907.",
        &[(Person, "Sergei Kirov", "Kirov"), (Place, "Tomsk", "Tomsk")],
        (
            EventType::Arrest,
            "arrested",
            &[(Role::Subject, Some(0), "Kirov")],
            Some("1907"),
        ),
    );
    let kb = merge(vec![a, b]);
    let n = kb
        .events
        .iter()
        .filter(|e| e.etype == EventType::Arrest)
        .count();
    assert_eq!(n, 2);
    assert!(kb.conflicts.is_empty(), "{:#?}", kb.conflicts);
}

#[test]
fn a_destination_told_in_words_conflicts_with_a_named_one() {
    let a = doc(
        "a",
        0.9,
        "The Tsar exiled Dmitri to the Persian front.",
        &[(Person, "Dmitri Pavlovich", "Dmitri")],
        (
            EventType::Exile,
            "exiled",
            &[
                (Role::Subject, Some(0), "Dmitri"),
                (Role::Destination, None, "the Persian front"),
            ],
            None,
        ),
    );
    let b = doc(
        "b",
        0.5,
        "Dmitri was packed off into exile in Siberia.",
        &[
            (Person, "Dmitri Pavlovich", "Dmitri"),
            (Place, "Siberia", "Siberia"),
        ],
        (
            EventType::Exile,
            "exile",
            &[
                (Role::Subject, Some(0), "Dmitri"),
                (Role::Destination, Some(1), "Siberia"),
            ],
            None,
        ),
    );
    // Words naming the same place as the entity (or its adjective) are no
    // conflict; nor are lower-case words ("his estate") or possessed places.
    let c = doc(
        "c",
        0.5,
        "Dmitri went into exile in Siberian province, to his estate.",
        &[(Person, "Dmitri Pavlovich", "Dmitri")],
        (
            EventType::Exile,
            "exile",
            &[
                (Role::Subject, Some(0), "Dmitri"),
                (Role::Destination, None, "Siberia province"),
                (Role::Destination, None, "his estate"),
                (Role::Destination, None, "his Persian retreat"),
                (Role::Destination, None, "the Siberian wastes"),
            ],
            None,
        ),
    );
    let kb = merge(vec![a, b, c]);
    let ex: Vec<&Event> = kb
        .events
        .iter()
        .filter(|e| e.etype == EventType::Exile)
        .collect();
    assert_eq!(ex.len(), 1, "{ex:#?}");
    let cs = query::conflicts_for_event(&kb, &ex[0].id);
    assert_eq!(cs.len(), 1, "{cs:#?}");
    assert_eq!(cs[0].field, "destination");
    let vals: Vec<&str> = cs[0].values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(vals.len(), 2, "{vals:?}");
    assert!(
        vals.contains(&"Siberia") && vals.contains(&"the Persian front"),
        "{vals:?}"
    );
    assert_eq!(cs[0].preferred, "the Persian front", "{}", cs[0].reason);
}

#[test]
fn a_place_told_as_outside_a_city_conflicts_with_the_city_itself() {
    use EntityType::Organization;
    let a = doc(
        "a",
        0.9,
        "The Fourth International was formed in Paris in 1938.",
        &[
            (Organization, "Fourth International", "Fourth International"),
            (Place, "Paris", "Paris"),
        ],
        (
            EventType::Founding,
            "formed",
            &[
                (Role::Subject, Some(0), "Fourth International"),
                (Role::Place, Some(1), "Paris"),
            ],
            Some("1938"),
        ),
    );
    let b = doc(
        "b",
        0.9,
        "They founded the Fourth International outside Paris in September 1938.",
        &[(Organization, "Fourth International", "Fourth International")],
        (
            EventType::Founding,
            "founded",
            &[
                (Role::Subject, Some(0), "Fourth International"),
                (Role::Place, None, "outside Paris"),
            ],
            Some("1938-09"),
        ),
    );
    let kb = merge(vec![a, b]);
    assert_eq!(kb.events.len(), 1, "{:#?}", kb.events);
    let cs = query::conflicts_for_event(&kb, &kb.events[0].id);
    assert_eq!(cs.len(), 1, "{cs:#?}");
    assert_eq!(cs[0].field, "place");
    let values: Vec<&str> = cs[0].values.iter().map(|v| v.value.as_str()).collect();
    assert!(
        values.contains(&"Paris") && values.contains(&"outside Paris"),
        "{values:?}"
    );
}

#[test]
fn a_building_named_after_a_city_is_in_it() {
    // "crowned in Reims Cathedral" and "crowned at Reims" agree; a place
    // elsewhere does not
    let crowned = |id: &str, place: &str| {
        doc(
            id,
            0.9,
            &format!("Charles VII was crowned in {place} on 17 July 1429."),
            &[
                (Person, "Charles VII", "Charles VII"),
                (Place, place, place),
            ],
            (
                EventType::Appointment,
                "crowned",
                &[
                    (Role::Subject, Some(0), "Charles VII"),
                    (Role::Place, Some(1), place),
                ],
                Some("1429-07-17"),
            ),
        )
    };
    let kb = merge(vec![crowned("a", "Reims"), crowned("b", "Reims Cathedral")]);
    assert!(kb.conflicts.is_empty(), "{:#?}", kb.conflicts);
    let kb = merge(vec![crowned("a", "Paris"), crowned("b", "Reims Cathedral")]);
    assert_eq!(kb.conflicts.len(), 1, "{:#?}", kb.conflicts);
}

#[test]
fn times_carried_from_the_narrative_make_no_conflict() {
    let died = |id: &str, time: &str, inferred: bool| {
        let mut d = doc(
            id,
            0.9,
            "Joan of Arc's death did not end the war.",
            &[(Person, "Joan of Arc", "Joan of Arc")],
            (
                EventType::Death,
                "death",
                &[(Role::Subject, Some(0), "Joan of Arc")],
                Some(time),
            ),
        );
        if let Some(t) = d.events[0].time.as_mut() {
            t.inferred = inferred;
            t.how = if inferred { "narrative" } else { "clause" }.into();
        }
        d
    };
    let kb = merge(vec![died("a", "1431", true), died("b", "1435", true)]);
    assert!(kb.conflicts.is_empty(), "{:#?}", kb.conflicts);
    // stated times still do
    let kb = merge(vec![died("a", "1431", false), died("b", "1435", false)]);
    assert_eq!(kb.conflicts.len(), 1, "{:#?}", kb.conflicts);
}

#[test]
fn a_group_dies_more_than_once_without_conflict() {
    // Two sources, two deaths of Palestinians in two places: two
    // happenings, no disagreement on the place of one.
    let a = doc(
        "a",
        0.8,
        "Fourteen Palestinians died in Hebron, Israel said.",
        &[
            (EntityType::Group, "Palestinians", "Palestinians"),
            (Place, "Hebron", "Hebron"),
            (Place, "Israel", "Israel"),
        ],
        (
            EventType::Death,
            "died",
            &[
                (Role::Subject, Some(0), "Palestinians"),
                (Role::Place, Some(1), "Hebron"),
            ],
            None,
        ),
    );
    let b = doc(
        "b",
        0.8,
        "Palestinians died in Gaza, Israel said.",
        &[
            (EntityType::Group, "Palestinians", "Palestinians"),
            (Place, "Gaza", "Gaza"),
            (Place, "Israel", "Israel"),
        ],
        (
            EventType::Death,
            "died",
            &[
                (Role::Subject, Some(0), "Palestinians"),
                (Role::Place, Some(1), "Gaza"),
            ],
            None,
        ),
    );
    let kb = merge(vec![a, b]);
    let deaths: Vec<_> = kb
        .events
        .iter()
        .filter(|e| e.etype == EventType::Death)
        .collect();
    assert_eq!(deaths.len(), 2, "{deaths:?}");
    assert!(kb.conflicts.is_empty(), "{:?}", kb.conflicts);
}

#[test]
fn one_source_telling_two_dates_of_a_return_tells_two_returns() {
    let mut d = Doc::new("a", 0.8);
    let s1 = d.sentence("Chao returned to China in 1920.");
    let s2 = d.sentence("Chao again returned to China in 1925.");
    let c = d.entity(Person, "Yuen Ren Chao", s1, "Chao", MentionForm::Name);
    d.entity(Person, "Yuen Ren Chao", s2, "Chao", MentionForm::Name);
    let p = d.entity(Place, "China", s1, "China", MentionForm::Name);
    d.entity(Place, "China", s2, "China", MentionForm::Name);
    for (s, y) in [(s1, "1920"), (s2, "1925")] {
        d.event(
            EventType::Move,
            s,
            "returned",
            &[
                (Role::Subject, Some(c), "Chao"),
                (Role::Destination, Some(p), "China"),
            ],
            Some(y),
        );
    }
    let kb = merge(vec![d.done()]);
    let moves = kb
        .events
        .iter()
        .filter(|e| e.etype == EventType::Move)
        .count();
    assert_eq!(moves, 2, "{:?}", kb.events);
    assert!(kb.conflicts.is_empty(), "{:?}", kb.conflicts);
}

#[test]
fn two_prisons_are_two_imprisonments_not_a_conflict() {
    let mut d = Doc::new("a", 0.8);
    let s1 = d.sentence("Tapie was held in the Luynes prison.");
    let s2 = d.sentence("Tapie was then imprisoned at Baumettes.");
    let t = d.entity(Person, "Bernard Tapie", s1, "Tapie", MentionForm::Name);
    d.entity(Person, "Bernard Tapie", s2, "Tapie", MentionForm::Name);
    let l = d.entity(Place, "Luynes", s1, "Luynes", MentionForm::Name);
    let b = d.entity(Place, "Baumettes", s2, "Baumettes", MentionForm::Name);
    for (s, trig, p, w) in [
        (s1, "held", l, "Luynes"),
        (s2, "imprisoned", b, "Baumettes"),
    ] {
        d.event(
            EventType::Imprisonment,
            s,
            trig,
            &[(Role::Subject, Some(t), "Tapie"), (Role::Place, Some(p), w)],
            None,
        );
    }
    let kb = merge(vec![d.done()]);
    let n = kb
        .events
        .iter()
        .filter(|e| e.etype == EventType::Imprisonment)
        .count();
    assert_eq!(n, 2, "{:?}", kb.events);
    assert!(kb.conflicts.is_empty(), "{:?}", kb.conflicts);
}

#[test]
fn a_marriage_to_one_spouse_told_in_two_years_is_one_marriage_in_conflict() {
    let ents = &[
        (Person, "Anna Laval", "Anna"),
        (Person, "Paul Ferrand", "Paul Ferrand"),
    ];
    let married = |id: &str, q: f32, s: &str, t: &'static str| {
        doc(
            id,
            q,
            s,
            ents,
            (
                EventType::Marriage,
                "married",
                &[
                    (Role::Subject, Some(0), "Anna"),
                    (Role::Agent, Some(1), "Paul Ferrand"),
                ],
                Some(t),
            ),
        )
    };
    let a = married(
        "a",
        0.9,
        "Anna married Paul Ferrand on 26 July 1895.",
        "1895-07-26",
    );
    let b = married("b", 0.3, "In 1894 Anna married Paul Ferrand.", "1894");
    // Another spouse, another year: another marriage.
    let c = doc(
        "c",
        0.9,
        "In 1910 Anna married Henri Blanc.",
        &[
            (Person, "Anna Laval", "Anna"),
            (Person, "Henri Blanc", "Henri Blanc"),
        ],
        (
            EventType::Marriage,
            "married",
            &[
                (Role::Subject, Some(0), "Anna"),
                (Role::Agent, Some(1), "Henri Blanc"),
            ],
            Some("1910"),
        ),
    );
    let kb = merge(vec![a, b, c]);
    let ms: Vec<&Event> = kb
        .events
        .iter()
        .filter(|e| e.etype == EventType::Marriage)
        .collect();
    assert_eq!(ms.len(), 2, "{ms:#?}");
    let merged = ms.iter().find(|e| e.sources.len() == 2).expect("merged");
    let cs = query::conflicts_for_event(&kb, &merged.id);
    assert_eq!(cs.len(), 1, "{cs:#?}");
    assert_eq!(cs[0].field, "time");
    assert_eq!(cs[0].preferred, "1895-07-26", "{}", cs[0].reason);
}

#[test]
fn schools_told_as_places_keep_joinings_apart() {
    // "studied at Oxford" (the school read as a place, no date) is not
    // "was admitted to Lincoln's Inn in 1496": the place is a key of a
    // joining, as the organization is.
    let a = doc(
        "a",
        0.9,
        "Thomas More studied at Oxford.",
        &[
            (Person, "Thomas More", "Thomas More"),
            (Place, "Oxford", "Oxford"),
        ],
        (
            EventType::Joining,
            "studied",
            &[
                (Role::Subject, Some(0), "Thomas More"),
                (Role::Place, Some(1), "Oxford"),
            ],
            None,
        ),
    );
    let b = doc(
        "b",
        0.9,
        "Thomas More studied at Lincoln's Inn in 1496.",
        &[
            (Person, "Thomas More", "Thomas More"),
            (Place, "Lincoln's Inn", "Lincoln's Inn"),
        ],
        (
            EventType::Joining,
            "studied",
            &[
                (Role::Subject, Some(0), "Thomas More"),
                (Role::Place, Some(1), "Lincoln's Inn"),
            ],
            Some("1496"),
        ),
    );
    let kb = merge(vec![a, b]);
    let joins: Vec<&Event> = kb
        .events
        .iter()
        .filter(|e| e.etype == EventType::Joining)
        .collect();
    assert_eq!(joins.len(), 2, "{joins:#?}");
    assert!(
        joins
            .iter()
            .any(|e| e.description == "Thomas More joined (Oxford)"),
        "{joins:#?}"
    );
}

#[test]
fn a_place_conflict_names_the_place_a_source_gave_first() {
    // "at the Place de la Bastille in Paris": with no containment known,
    // the square (named first), not the city, stands for that source.
    let executed = |id: &str, places: &[&str]| {
        let mut ents = vec![(Person, "Antoine Lavoisier", "Lavoisier")];
        let mut roles = vec![(Role::Subject, Some(0), "Lavoisier")];
        for (k, p) in places.iter().enumerate() {
            ents.push((Place, *p, *p));
            roles.push((Role::Place, Some(k + 1), *p));
        }
        doc(
            id,
            0.9,
            &format!(
                "Lavoisier was executed at the {} on 8 May 1794.",
                places.join(" in ")
            ),
            &ents,
            (EventType::Execution, "executed", &roles, Some("1794-05-08")),
        )
    };
    let kb = merge(vec![
        executed("a", &["Place de la Bastille", "Paris"]),
        executed("b", &["Place de la Révolution"]),
    ]);
    assert_eq!(kb.conflicts.len(), 1, "{:#?}", kb.conflicts);
    let values: Vec<&str> = kb.conflicts[0]
        .values
        .iter()
        .map(|v| v.value.as_str())
        .collect();
    assert_eq!(
        values,
        ["Place de la Bastille", "Place de la Révolution"],
        "{values:?}"
    );
}

#[test]
fn an_execution_dated_apart_from_the_death_conflicts_with_it() {
    let death = |id: &str, day: &str| {
        doc(
            id,
            0.9,
            &format!("Jan Hus died on {day} (source {id})."),
            &[(Person, "Jan Hus", "Hus")],
            (
                EventType::Death,
                "died",
                &[(Role::Subject, Some(0), "Hus")],
                Some(day),
            ),
        )
    };
    let execution = |id: &str, day: &str| {
        doc(
            id,
            0.2,
            &format!("Jan Hus was burned at the stake on {day}."),
            &[(Person, "Jan Hus", "Hus")],
            (
                EventType::Execution,
                "burned at the stake",
                &[(Role::Subject, Some(0), "Hus")],
                Some(day),
            ),
        )
    };
    // a year off: one conflict on the execution, the death preferred
    let kb = merge(vec![
        death("a", "1415-07-15"),
        death("b", "1415-07-15"),
        execution("c", "1416-07-15"),
    ]);
    let ex = kb
        .events
        .iter()
        .find(|e| e.etype == EventType::Execution)
        .expect("execution");
    assert_eq!(ex.conflicts.len(), 1, "{:#?}", kb.conflicts);
    let cf = kb
        .conflicts
        .iter()
        .find(|c| c.event == ex.id)
        .expect("conflict");
    assert_eq!(cf.preferred, "1415-07-15");
    // the same day, or a death only known to the year: no conflict
    for day in ["1415-07-15", "1415"] {
        let kb = merge(vec![death("a", day), execution("c", "1415-07-15")]);
        assert!(kb.conflicts.is_empty(), "{day}: {:#?}", kb.conflicts);
    }
    // years apart: two happenings (or two people), no conflict
    let kb = merge(vec![death("a", "1415-07-15"), execution("c", "1425-07-15")]);
    assert!(kb.conflicts.is_empty(), "{:#?}", kb.conflicts);
}

#[test]
fn an_execution_a_day_before_the_death_is_no_conflict() {
    // ("President Lincoln was shot", read as an execution, died the next
    // morning)
    let one = |id: &str, t: EventType, day: &str| {
        doc(
            id,
            0.9,
            &format!("Abraham Lincoln event on {day}."),
            &[(Person, "Abraham Lincoln", "Lincoln")],
            (
                t,
                "event",
                &[(Role::Subject, Some(0), "Lincoln")],
                Some(day),
            ),
        )
    };
    let kb = merge(vec![
        one("a", EventType::Execution, "1865-04-14"),
        one("b", EventType::Death, "1865-04-15"),
    ]);
    assert!(kb.conflicts.is_empty(), "{:#?}", kb.conflicts);
}
