//! Merging hand-built analyses: entity resolution, event merging,
//! duplicates, conflicts, determinism.

use annalist_kb::{merge, query};
use annalist_model::*;
use std::collections::BTreeSet;

mod common;
use common::Doc;

use EntityType::{Person, Place};
use MentionForm::{Name, Partial};

/// Three sources about one assassination, written differently.
fn corpus() -> Vec<DocAnalysis> {
    let mut a = Doc::new("aaa", 0.9);
    let s0 = a.sentence(
        "Leon Trotsky, byname of Lev Davidovich Bronshtein, died in Coyoacán on 21 August 1940.",
    );
    let t = a.entity(Person, "Leon Trotsky", s0, "Leon Trotsky", Name);
    a.alias(t, "Lev Davidovich Bronshtein", "byname", s0);
    let c = a.entity(Place, "Coyoacán", s0, "Coyoacán", Name);
    a.event(
        EventType::Death,
        s0,
        "died",
        &[
            (Role::Subject, Some(t), "Leon Trotsky"),
            (Role::Place, Some(c), "Coyoacán"),
        ],
        Some("1940-08-21"),
    );
    let s1 = a.sentence("Ramón Mercader attacked Trotsky with an ice pick the day before.");
    let m = a.entity(Person, "Ramón Mercader", s1, "Ramón Mercader", Name);
    a.entity(Person, "Leon Trotsky", s1, "Trotsky", Partial);
    a.event(
        EventType::Attack,
        s1,
        "attacked",
        &[
            (Role::Subject, Some(t), "Trotsky"),
            (Role::Agent, Some(m), "Ramón Mercader"),
            (Role::Instrument, None, "an ice pick"),
        ],
        Some("1940-08-20"),
    );
    let s2 = a.sentence("Stalin had exiled him to Turkey in 1929.");
    let st = a.entity(Person, "Stalin", s2, "Stalin", Name);
    let tu = a.entity(Place, "Turkey", s2, "Turkey", Name);
    a.event(
        EventType::Exile,
        s2,
        "exiled",
        &[
            (Role::Subject, Some(t), "him"),
            (Role::Agent, Some(st), "Stalin"),
            (Role::Destination, Some(tu), "Turkey"),
        ],
        Some("1929"),
    );
    let s3 = a.sentence("His son Leon Sedov died in Paris in 1938.");
    let sd = a.entity(Person, "Leon Sedov", s3, "Leon Sedov", Name);
    let pa = a.entity(Place, "Paris", s3, "Paris", Name);
    a.event(
        EventType::Death,
        s3,
        "died",
        &[
            (Role::Subject, Some(sd), "Leon Sedov"),
            (Role::Place, Some(pa), "Paris"),
        ],
        Some("1938"),
    );
    let s4 = a.sentence("In January 1937 Trotsky arrived in Mexico.");
    let mx = a.entity(Place, "Mexico", s4, "Mexico", Name);
    a.entity(Person, "Leon Trotsky", s4, "Trotsky", Partial);
    a.event(
        EventType::Move,
        s4,
        "arrived",
        &[
            (Role::Subject, Some(t), "Trotsky"),
            (Role::Destination, Some(mx), "Mexico"),
        ],
        Some("1937-01"),
    );

    let mut b = Doc::new("bbb", 0.5);
    let s0 = b.sentence("Trotskii died in Coyoacn in 1940.");
    let t = b.entity(Person, "Trotskii", s0, "Trotskii", Name);
    let c = b.entity(Place, "Coyoacn", s0, "Coyoacn", Name);
    b.event(
        EventType::Death,
        s0,
        "died",
        &[
            (Role::Subject, Some(t), "Trotskii"),
            (Role::Place, Some(c), "Coyoacn"),
        ],
        Some("1940"),
    );
    let s1 = b.sentence("He was murdered by Mercador, an agent of Stalin.");
    let m = b.entity(Person, "Mercador", s1, "Mercador", Name);
    b.entity(Person, "Stalin", s1, "Stalin", Name);
    b.event(
        EventType::Killing,
        s1,
        "murdered",
        &[
            (Role::Subject, Some(t), "He"),
            (Role::Agent, Some(m), "Mercador"),
        ],
        None,
    );
    let s2 = b.sentence("In 1936 Trotsky moved to Mexico, invited by the painter Diego Rivera.");
    let mx = b.entity(Place, "Mexico", s2, "Mexico", Name);
    b.entity(Person, "Diego Rivera", s2, "Diego Rivera", Name);
    b.event(
        EventType::Move,
        s2,
        "moved",
        &[
            (Role::Subject, Some(t), "Trotsky"),
            (Role::Destination, Some(mx), "Mexico"),
        ],
        Some("1936"),
    );
    let s3 = b.sentence("John Lennon was not involved in any of this at all, of course.");
    b.entity(Person, "John Lennon", s3, "John Lennon", Name);

    // A copy of a's first sentence, and a death date of its own.
    let mut c = Doc::new("ccc", 0.3);
    let s0 = c.sentence(
        "Leon Trotsky, byname of Lev Davidovich Bronshtein, died in Coyoacán on 21 August 1940.",
    );
    let t = c.entity(Person, "Leon Trotsky", s0, "Leon Trotsky", Name);
    let co = c.entity(Place, "Coyoacán", s0, "Coyoacán", Name);
    c.event(
        EventType::Death,
        s0,
        "died",
        &[
            (Role::Subject, Some(t), "Leon Trotsky"),
            (Role::Place, Some(co), "Coyoacán"),
        ],
        Some("1940-08-21"),
    );
    let s1 = c.sentence("Lenin admired him; Vladimir Lenin died in 1924.");
    let l = c.entity(Person, "Vladimir Lenin", s1, "Vladimir Lenin", Name);
    c.entity(Person, "Vladimir Lenin", s1, "Lenin", Partial);
    c.event(
        EventType::Death,
        s1,
        "died",
        &[(Role::Subject, Some(l), "Vladimir Lenin")],
        Some("1924"),
    );
    let s2 = c.sentence("Some say Trotsky died in 1941, which is wrong.");
    c.entity(Person, "Leon Trotsky", s2, "Trotsky", Partial);
    c.event(
        EventType::Death,
        s2,
        "died",
        &[(Role::Subject, Some(t), "Trotsky")],
        Some("1941"),
    );
    let s3 = c.sentence("A hypothetical sentence where Stalin would have died in 1930.");
    let st = c.entity(Person, "Stalin", s3, "Stalin", Name);
    c.event(
        EventType::Death,
        s3,
        "died",
        &[(Role::Subject, Some(st), "Stalin")],
        Some("1930"),
    );
    c.a.events.last_mut().unwrap().factuality = Factuality::Hypothetical;
    vec![a.done(), b.done(), c.done()]
}

fn entity<'a>(kb: &'a KnowledgeBase, name: &str) -> &'a Entity {
    query::find_entity(kb, name).unwrap_or_else(|| panic!("{name} not found"))
}

#[test]
fn resolves_aliases_transliterations_and_misspellings() {
    let kb = merge(corpus());
    let t = entity(&kb, "Leon Trotsky");
    assert_eq!(t.id, "person:leon-trotsky");
    assert_eq!(t.name, "Leon Trotsky");
    for a in ["Trotsky", "Trotskii", "Lev Davidovich Bronshtein"] {
        assert!(
            t.aliases.iter().any(|x| x == a),
            "{a} missing from {:?}",
            t.aliases
        );
    }
    let ev = t
        .alias_evidence
        .iter()
        .find(|a| a.alias == "Lev Davidovich Bronshtein")
        .unwrap();
    assert_eq!(ev.how, "byname");
    assert_eq!(ev.source, "aaa");
    let m = entity(&kb, "Ramón Mercader");
    assert!(m.aliases.iter().any(|x| x == "Mercador"), "{:?}", m.aliases);
    assert_eq!(
        m.alias_evidence
            .iter()
            .find(|a| a.alias == "Mercador")
            .unwrap()
            .how,
        "misspelling"
    );
    let c = entity(&kb, "Coyoacán");
    assert!(c.aliases.iter().any(|x| x == "Coyoacn"), "{:?}", c.aliases);
    // Guards.
    let sedov = entity(&kb, "Leon Sedov");
    assert_ne!(sedov.id, t.id);
    let lennon = entity(&kb, "John Lennon");
    let lenin = entity(&kb, "Vladimir Lenin");
    assert_ne!(lennon.id, lenin.id);
    assert_ne!(entity(&kb, "Stalin").id, t.id);
}

#[test]
fn merges_events_with_conflicts() {
    let kb = merge(corpus());
    let t = entity(&kb, "Leon Trotsky").id.clone();
    let deaths: Vec<&Event> = kb
        .events
        .iter()
        .filter(|e| e.etype == EventType::Death && e.roles.subject == [t.clone()])
        .collect();
    assert_eq!(deaths.len(), 1, "{deaths:#?}");
    let d = deaths[0];
    let time = d.time.as_ref().unwrap();
    assert_eq!(
        (time.value.as_str(), time.start.as_str(), time.end.as_str()),
        ("1940-08-21", "1940-08-21", "1940-08-21")
    );
    assert_eq!(d.sources, ["aaa", "bbb", "ccc"]);
    // ccc copies aaa's sentence: aaa and ccc count once.
    assert_eq!(d.independent_sources, 2);
    assert_eq!(d.description, "Leon Trotsky died in Coyoacán");
    // 1941 (ccc) disagrees; 1940 (bbb) is only less precise.
    let cs = query::conflicts_for_event(&kb, &d.id);
    assert_eq!(cs.len(), 1, "{cs:#?}");
    assert_eq!(cs[0].field, "time");
    assert_eq!(cs[0].preferred, "1940-08-21");
    let vals: BTreeSet<&str> = cs[0].values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(vals, BTreeSet::from(["1940-08-21", "1941"]));
    assert!(cs[0].reason.contains("independent"), "{}", cs[0].reason);
    assert_eq!(d.conflicts, [cs[0].id.clone()]);

    // Two sources on the move to Mexico: one event with a time conflict.
    let moves: Vec<&Event> = kb
        .events
        .iter()
        .filter(|e| e.etype == EventType::Move)
        .collect();
    assert_eq!(moves.len(), 1, "{moves:#?}");
    let cs = query::conflicts_for_event(&kb, &moves[0].id);
    assert_eq!(cs.len(), 1);
    assert_eq!(cs[0].preferred, "1937-01", "{:?}", cs[0]);

    // The attack with its instrument as text.
    let attack = kb
        .events
        .iter()
        .find(|e| e.etype == EventType::Attack)
        .unwrap();
    assert_eq!(
        attack.description,
        "Ramón Mercader attacked Leon Trotsky with an ice pick"
    );
    assert_eq!(
        attack.role_text.get("instrument").unwrap(),
        &vec!["an ice pick".to_string()]
    );

    // Hypothetical: not a fact.
    let stalin = entity(&kb, "Stalin").id.clone();
    assert!(!kb
        .events
        .iter()
        .any(|e| e.etype == EventType::Death && e.roles.subject.contains(&stalin)));
    // Sedov's death is his own.
    let sedov = entity(&kb, "Leon Sedov").id.clone();
    assert!(kb
        .events
        .iter()
        .any(|e| e.etype == EventType::Death && e.roles.subject == [sedov.clone()]));
}

#[test]
fn timeline_in_order() {
    let kb = merge(corpus());
    let t = entity(&kb, "Trotsky").id.clone();
    let tl = query::timeline(&kb, &t);
    let types: Vec<EventType> = tl.iter().map(|e| e.etype).collect();
    assert_eq!(
        types,
        [
            EventType::Exile,
            EventType::Move,
            EventType::Attack,
            EventType::Death,
            EventType::Killing
        ],
        "{:#?}",
        tl.iter().map(|e| (&e.id, &e.time)).collect::<Vec<_>>()
    );
    let m = entity(&kb, "Mercader").id.clone();
    assert!(query::timeline(&kb, &m)
        .iter()
        .any(|e| e.etype == EventType::Attack));
    let rel = query::relations(&kb);
    assert!(rel
        .iter()
        .any(|r| r.agent == m && r.subject == t && r.etype == EventType::Attack));
}

#[test]
fn duplicates_are_grouped() {
    let kb = merge(corpus());
    let g: Vec<&DuplicateGroup> = kb
        .duplicates
        .iter()
        .filter(|g| g.members.len() == 2)
        .collect();
    assert!(
        g.iter().any(|g| g.kind == "exact"
            && g.members[0].source.as_ref() == "aaa"
            && g.members[1].source.as_ref() == "ccc"),
        "{:?}",
        kb.duplicates
    );
}

fn check_ids(kb: &KnowledgeBase) {
    let ents: BTreeSet<&str> = kb.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ents.len(), kb.entities.len(), "entity ids unique");
    let srcs: BTreeSet<&str> = kb.sources.iter().map(|s| s.meta.id.as_str()).collect();
    let evs: BTreeSet<&str> = kb.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(evs.len(), kb.events.len(), "event ids unique");
    let cfs: BTreeSet<&str> = kb.conflicts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(cfs.len(), kb.conflicts.len(), "conflict ids unique");
    for e in &kb.entities {
        for m in &e.mentions {
            assert!(srcs.contains(&*m.source));
        }
        for a in &e.alias_evidence {
            assert!(srcs.contains(a.source.as_str()));
            assert!(e.aliases.contains(&a.alias));
        }
    }
    for e in &kb.events {
        for (_, id) in e.roles.all() {
            assert!(ents.contains(id.as_str()), "{id}");
        }
        for s in &e.sources {
            assert!(srcs.contains(s.as_str()));
        }
        for ev in &e.evidence {
            assert!(srcs.contains(ev.source.as_str()));
        }
        for c in &e.conflicts {
            assert!(cfs.contains(c.as_str()));
        }
        assert!(e.independent_sources >= 1 && e.independent_sources <= e.sources.len());
        assert!((0.0..=1.0).contains(&e.confidence));
    }
    for c in &kb.conflicts {
        assert!(evs.contains(c.event.as_str()));
        for v in &c.values {
            for s in &v.sources {
                assert!(srcs.contains(s.as_str()));
            }
        }
    }
    for g in &kb.duplicates {
        for m in &g.members {
            assert!(srcs.contains(&*m.source));
        }
    }
}

#[test]
fn order_independent_and_referentially_sound() {
    let docs = corpus();
    let base = serde_json::to_string(&merge(docs.clone())).unwrap();
    check_ids(&merge(docs.clone()));
    let mut rev = docs.clone();
    rev.reverse();
    assert_eq!(base, serde_json::to_string(&merge(rev)).unwrap());
    let rot = vec![docs[1].clone(), docs[2].clone(), docs[0].clone()];
    assert_eq!(base, serde_json::to_string(&merge(rot)).unwrap());
    // The same document twice is one source.
    let mut twice = docs.clone();
    twice.push(docs[0].clone());
    assert_eq!(base, serde_json::to_string(&merge(twice)).unwrap());
}

#[test]
fn bad_input_never_panics() {
    let mut d = Doc::new("zzz", 0.0);
    let s = d.sentence("???");
    let e = d.entity(Person, "???", s, "???", Name);
    d.a.entities.push(LocalEntity {
        name: String::new(),
        ..Default::default()
    });
    d.event(
        EventType::Death,
        s,
        "???",
        &[
            (Role::Subject, Some(e), ""),
            (Role::Agent, Some(99), "x"),
            (Role::Place, None, ""),
        ],
        Some("garbage"),
    );
    d.a.events.push(EventMention {
        etype: Some(EventType::Birth),
        evidence: Span::new(500, 600),
        ..Default::default()
    });
    let mut a = d.done();
    a.entities[0].mentions.push(1234);
    let kb = merge(vec![a, DocAnalysis::default()]);
    check_ids(&kb);
    let _ = merge(Vec::new());
}

#[test]
fn near_duplicates_found_by_lsh_and_counted_once() {
    let text = "Leon Trotsky was attacked in his study at Coyoacán by Ramón Mercader.";
    let mut docs = Vec::new();
    for (i, (id, flip)) in [
        ("n1", 0u64),
        ("n2", 0b101u64 << 20),
        ("n3", 0xFFFF_0000_0000),
    ]
    .iter()
    .enumerate()
    {
        let mut d = Doc::new(id, 0.5);
        let s = d.sentence(text);
        d.a.sentences[s].fingerprint = 1000 + i as u64;
        d.a.sentences[s].simhash = 0x0123_4567_89AB_CDEF ^ flip;
        let t = d.entity(Person, "Leon Trotsky", s, "Leon Trotsky", Name);
        d.event(
            EventType::Attack,
            s,
            "attacked",
            &[(Role::Subject, Some(t), "Leon Trotsky")],
            Some("1940-08-20"),
        );
        docs.push(d.done());
    }
    let kb = merge(docs);
    // n1 and n2 differ by 2 bits: near duplicates; n3 by 16 bits: not.
    assert_eq!(kb.duplicates.len(), 1, "{:?}", kb.duplicates);
    let g = &kb.duplicates[0];
    assert_eq!(g.kind, "near");
    let srcs: Vec<&str> = g.members.iter().map(|m| &*m.source).collect();
    assert_eq!(srcs, ["n1", "n2"]);
    let attack = kb
        .events
        .iter()
        .find(|e| e.etype == EventType::Attack)
        .unwrap();
    assert_eq!(attack.sources.len(), 3);
    assert_eq!(attack.independent_sources, 2);
}

/// Random, often inconsistent analyses (indices out of range, odd strings,
/// odd time values) never panic and still give a sound, order-independent
/// knowledge base.
#[test]
fn random_analyses_never_panic() {
    for seed in [1u64, 7, 42, 0x9E37_79B9_7F4A_7C15, 0xDEAD_BEEF] {
        random_case(seed);
    }
}

fn random_case(seed: u64) {
    let mut x: u64 = seed;
    let mut r = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n.max(1) as u64) as usize
    };
    let words = [
        "Leon",
        "Trotsky",
        "Ramón",
        "",
        " ",
        "ß",
        "II",
        "the",
        "Тро́цкий",
        "ILO",
        "s",
        "Mercador",
        "Mercader",
        "'",
        "von",
    ];
    let values = [
        "1940",
        "1940-08-21",
        "BC0044-03-15",
        "XXXX-08",
        "P2Y",
        "",
        "1936",
        "1937-01",
        "194X",
        "abc",
        "1940-02-30",
    ];
    let mut docs = Vec::new();
    for d in 0..12 {
        let mut a = DocAnalysis {
            meta: SourceMeta {
                id: format!("r{d:02}"), // ids are content hashes: distinct docs, distinct ids
                quality: r(100) as f32 / 100.0,
                spam: r(4) == 0,
                ..Default::default()
            },
            ..Default::default()
        };
        for s in 0..r(6) {
            a.sentences.push(Sentence {
                span: Span::new(s * 10, s * 10 + r(12)),
                fingerprint: r(5) as u64,
                simhash: r(3) as u64,
                ..Default::default()
            });
        }
        for _ in 0..r(8) {
            let name: Vec<&str> = (0..r(4)).map(|_| words[r(words.len())]).collect();
            let t = EntityType::ALL[r(EntityType::ALL.len())];
            a.entities.push(LocalEntity {
                etype: t,
                name: name.join(" "),
                aliases: vec![AliasEvidence {
                    alias: words[r(words.len())].into(),
                    how: ["partial", "byname", "", "acronym"][r(4)].into(),
                    span: None,
                }],
                mentions: (0..r(4)).map(|_| r(10)).collect(),
                gender: [None, Some("male".to_string()), Some("female".to_string())][r(3)].clone(),
            });
        }
        for _ in 0..r(10) {
            a.mentions.push(Mention {
                span: Span::new(r(50), 60),
                text: words[r(words.len())].into(),
                entity: r(10),
                sentence: r(6),
                ..Default::default()
            });
        }
        for _ in 0..r(8) {
            let roles = (0..r(4))
                .map(|_| RoleFiller {
                    role: Some(Role::ALL[r(Role::ALL.len())]),
                    entity: [None, Some(r(10))][r(2)],
                    text: words[r(words.len())].into(),
                    span: Span::default(),
                })
                .collect();
            a.events.push(EventMention {
                etype: EventType::ALL.get(r(EventType::ALL.len() + 2)).copied(),
                evidence: Span::new(r(60), 70),
                roles,
                time: (r(3) > 0).then(|| EventTime {
                    value: values[r(values.len())].into(),
                    inferred: r(2) == 0,
                    ..Default::default()
                }),
                confidence: r(100) as f32 / 100.0,
                ..Default::default()
            });
        }
        docs.push(a);
    }
    let kb = merge(docs.clone());
    check_ids(&kb);
    docs.reverse();
    let (a, b) = (
        serde_json::to_string_pretty(&kb).unwrap(),
        serde_json::to_string_pretty(&merge(docs)).unwrap(),
    );
    if a != b {
        let _ = std::fs::write("/tmp/kb_a.json", &a);
        let _ = std::fs::write("/tmp/kb_b.json", &b);
    }
    assert!(a == b, "order changed the knowledge base");
}

#[test]
fn numbered_ids_never_take_another_entity_s_own_slug() {
    // Two unrelated "Division"s (no shared context) and one "Division 2":
    // the second "Division" may not become `organization:division-2`.
    let mut docs = Vec::new();
    for (i, name) in ["Division", "Division", "Division 2"].iter().enumerate() {
        let mut d = Doc::new(&format!("d{i}"), 0.8);
        let s = d.sentence(&format!("{name} moved on."));
        d.entity(EntityType::Organization, name, s, name, Name);
        docs.push(d.done());
    }
    let kb = merge(docs);
    let ids: Vec<&str> = kb.entities.iter().map(|e| e.id.as_str()).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "{ids:?}");
}
