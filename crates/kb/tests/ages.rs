//! "At the age of eight" in one source is dated from the birth date
//! another source gives.

use annalist_kb::merge;
use annalist_model::*;

mod common;
use common::Doc;

#[test]
fn an_age_is_dated_from_a_birth_told_elsewhere() {
    let mut a = Doc::new("a", 0.8);
    let s = a.sentence("Leon Trotsky was born on 7 November 1879 in Yanovka.");
    let t = a.entity(
        EntityType::Person,
        "Leon Trotsky",
        s,
        "Leon Trotsky",
        MentionForm::Name,
    );
    a.event(
        EventType::Birth,
        s,
        "born",
        &[(Role::Subject, Some(t), "Leon Trotsky")],
        Some("1879-11-07"),
    );
    let mut b = Doc::new("b", 0.8);
    let s = b.sentence("At the age of eight, Trotsky was sent to school in Odessa.");
    let t = b.entity(
        EntityType::Person,
        "Leon Trotsky",
        s,
        "Trotsky",
        MentionForm::Name,
    );
    b.event(
        EventType::Move,
        s,
        "sent",
        &[(Role::Subject, Some(t), "Trotsky")],
        None,
    );
    let mut b = b.done();
    b.events[0].age = Some(8);
    // Without the age, the same sentence stays undated.
    let mut c = b.clone();
    c.meta.id = "c".into();
    c.events[0].age = None;

    let kb = merge(vec![a.done(), b]);
    let mv = kb
        .events
        .iter()
        .find(|e| e.etype == EventType::Move)
        .expect("move");
    let t = mv.time.as_ref().expect("dated from the age");
    // (eight from the eighth birthday to the ninth: 1887 or 1888, as the
    // issue's "At the age of eight" → 1887/1888)
    assert_eq!(t.value, "1887/1888");
    assert_eq!(
        (t.start.as_str(), t.end.as_str()),
        ("1887-01-01", "1888-12-31")
    );
    assert!(t.inferred);

    let kb = merge(vec![c]);
    assert!(kb.events[0].time.is_none());
}
