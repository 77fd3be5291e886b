//! Unit tests on hand-built analyses (independent of the text and time stages).

use super::*;
use annalist_model::{LocalEntity, Mention, MentionForm, Region, Sentence, Token};

/// A hand-built document: sentences split on ". " / "? ", tokens on spaces
/// and punctuation, mentions given as (surface, type, entity name), timexes
/// as (surface, type, value, rule).
struct Fixture {
    doc: CleanDoc,
    ta: TextAnalysis,
    tx: Vec<Timex>,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    let b = text.as_bytes();
    while i < text.len() {
        let c = text[i..].chars().next().unwrap();
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        if c.is_alphanumeric() {
            while i < text.len() {
                let c = text[i..].chars().next().unwrap();
                if c.is_alphanumeric()
                    || (c == '.' && i + 1 < b.len() && b[i + 1].is_ascii_alphabetic())
                {
                    i += c.len_utf8();
                } else {
                    break;
                }
            }
        } else if text[i..].starts_with("'s") {
            i += 2;
        } else {
            i += c.len_utf8();
        }
        out.push(Token {
            span: Span::new(start, i),
            lemma: text[start..i].to_lowercase().into(),
            ..Default::default()
        });
    }
    out
}

fn fixture(
    text: &str,
    ments: &[(&str, EntityType, &str)],
    tx: &[(&str, TimexType, &str, &str)],
) -> Fixture {
    let tokens = tokenize(text);
    let mut sentences = Vec::new();
    let mut first = 0;
    for (k, t) in tokens.iter().enumerate() {
        let s = t.span.slice(text);
        let abbrev = k > 0 && matches!(tokens[k - 1].span.slice(text), "Nov" | "Aug" | "Dr" | "St");
        if (matches!(s, "." | "?" | "!") && !abbrev) || k + 1 == tokens.len() {
            sentences.push(Sentence {
                span: Span::new(tokens[first].span.start, t.span.end),
                tokens: (first, k + 1),
                region: RegionKind::Main,
                ..Default::default()
            });
            first = k + 1;
        }
    }
    let mut mentions = Vec::new();
    let mut entities: Vec<LocalEntity> = Vec::new();
    for (surface, etype, name) in ments {
        let mut from = 0;
        while let Some(p) = text[from..].find(surface) {
            let start = from + p;
            let end = start + surface.len();
            from = end;
            let ok_l = start == 0 || !text[..start].chars().last().unwrap().is_alphanumeric();
            let ok_r = end == text.len() || !text[end..].chars().next().unwrap().is_alphanumeric();
            if !ok_l || !ok_r {
                continue;
            }
            let e = match entities.iter().position(|e| e.name == *name) {
                Some(e) => e,
                None => {
                    entities.push(LocalEntity {
                        etype: *etype,
                        name: name.to_string(),
                        ..Default::default()
                    });
                    entities.len() - 1
                }
            };
            let span = Span::new(start, end);
            let si = sentences
                .iter()
                .position(|s: &Sentence| s.span.contains(span))
                .unwrap_or(0);
            let form = if surface.chars().next().unwrap().is_lowercase() {
                MentionForm::Pronoun
            } else {
                MentionForm::Name
            };
            mentions.push(Mention {
                span,
                text: surface.to_string(),
                etype: *etype,
                form,
                entity: e,
                sentence: si,
            });
        }
    }
    mentions.sort_by_key(|m| m.span.start);
    for (i, m) in mentions.iter().enumerate() {
        entities[m.entity].mentions.push(i);
    }
    let tx = tx
        .iter()
        .map(|(surface, tt, value, rule)| {
            let start = text.find(surface).expect("timex in text");
            Timex {
                span: Span::new(start, start + surface.len()),
                text: surface.to_string(),
                ttype: *tt,
                value: value.to_string(),
                rule: rule.to_string(),
                // (the time stage's header rules are named so in rules.txt)
                header: rule.starts_with("header"),
                ..Default::default()
            }
        })
        .collect();
    Fixture {
        doc: CleanDoc {
            text: text.to_string(),
            regions: vec![Region {
                kind: RegionKind::Main,
                span: Span::new(0, text.len()),
            }],
            ..Default::default()
        },
        ta: TextAnalysis {
            tokens,
            sentences,
            mentions,
            entities,
        },
        tx,
    }
}

/// Tags the fixture's tokens as a tagger would: each listed word gets its
/// UPOS, every other word none.
fn tag_upos(f: &mut Fixture, tags: &[(&str, &str)]) {
    for t in f.ta.tokens.iter_mut() {
        let w = t.span.slice(&f.doc.text);
        t.upos = tags
            .iter()
            .find(|(x, _)| *x == w)
            .map_or("", |(_, u)| *u)
            .into();
    }
}

/// (type, factuality) of every event.
fn facts_of(evs: &[EventMention]) -> Vec<(EventType, Factuality)> {
    evs.iter()
        .map(|e| (e.etype.unwrap(), e.factuality))
        .collect()
}

fn run(f: &Fixture) -> Vec<EventMention> {
    Extractor::new().extract(&f.doc, &f.ta, &f.tx)
}

fn name(f: &Fixture, r: &RoleFiller) -> String {
    match r.entity {
        Some(e) => f.ta.entities[e].name.clone(),
        None => r.text.clone(),
    }
}

fn show(f: &Fixture, evs: &[EventMention]) -> String {
    evs.iter()
        .map(|e| {
            let roles: Vec<String> = e
                .roles
                .iter()
                .map(|r| {
                    format!(
                        "{}={}@{}",
                        r.role.map(|x| x.as_str()).unwrap_or("?"),
                        name(f, r),
                        r.span.start
                    )
                })
                .collect();
            format!(
                "{} [{}@{}] {} time={:?} {:?}\n",
                e.etype.map(|t| t.as_str()).unwrap_or("?"),
                e.trigger_text,
                e.trigger.start,
                roles.join(" "),
                e.time.as_ref().map(|t| (&t.value, &t.how)),
                e.factuality
            )
        })
        .collect()
}

fn find(evs: &[EventMention], t: EventType) -> Vec<&EventMention> {
    evs.iter().filter(|e| e.etype == Some(t)).collect()
}

/// The subject and time value of each event of type `t`, sorted.
fn subjects_and_times(
    f: &Fixture,
    evs: &[EventMention],
    t: EventType,
) -> Vec<(Vec<String>, Option<String>)> {
    let mut got: Vec<(Vec<String>, Option<String>)> = find(evs, t)
        .iter()
        .map(|e| {
            (
                role(f, e, Role::Subject),
                e.time.as_ref().map(|t| t.value.clone()),
            )
        })
        .collect();
    got.sort();
    got
}

fn role(f: &Fixture, e: &EventMention, r: Role) -> Vec<String> {
    e.fillers(r).map(|x| name(f, x)).collect()
}

const P: EntityType = EntityType::Person;
const L: EntityType = EntityType::Place;
const O: EntityType = EntityType::Organization;

#[test]
fn active_killing_with_apposition_instrument_and_time() {
    let f = fixture(
        "Ramón Mercader, a man who gained the confidence of Trotsky as a Spanish communist, assassinated Trotsky with an ice pick in 1940.",
        &[("Ramón Mercader", P, "Ramón Mercader"), ("Trotsky", P, "Leon Trotsky")],
        &[("1940", TimexType::Date, "1940", "year")],
    );
    let evs = run(&f);
    let k = find(&evs, EventType::Killing);
    assert_eq!(k.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, k[0], Role::Subject), ["Leon Trotsky"]);
    assert_eq!(role(&f, k[0], Role::Agent), ["Ramón Mercader"]);
    assert_eq!(role(&f, k[0], Role::Instrument), ["an ice pick"]);
    assert_eq!(k[0].time.as_ref().unwrap().value, "1940");
    assert_eq!(k[0].factuality, Factuality::Asserted);
}

#[test]
fn passive_with_agent_and_place() {
    let f = fixture(
        "Trotsky was killed in Mexico by Soviet agent Ramon Mercader.",
        &[
            ("Trotsky", P, "Leon Trotsky"),
            ("Mexico", L, "Mexico"),
            ("Ramon Mercader", P, "Ramón Mercader"),
        ],
        &[],
    );
    let evs = run(&f);
    let k = find(&evs, EventType::Killing);
    assert_eq!(k.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, k[0], Role::Agent), ["Ramón Mercader"]);
    assert_eq!(role(&f, k[0], Role::Place), ["Mexico"]);
}

#[test]
fn death_mwe_and_exile_coordination_with_elided_subject() {
    let f = fixture(
        "The next day, Trotsky succumbed to his wounds. He was removed from power in 1927 and later exiled to Turkey in 1929.",
        &[("Trotsky", P, "Leon Trotsky"), ("He", P, "Leon Trotsky"), ("his", P, "Leon Trotsky"), ("Turkey", L, "Turkey")],
        &[
            ("The next day", TimexType::Date, "1940-08-21", "next_day"),
            ("1927", TimexType::Date, "1927", "year"),
            ("1929", TimexType::Date, "1929", "year"),
        ],
    );
    let evs = run(&f);
    let d = find(&evs, EventType::Death);
    assert_eq!(d.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, d[0], Role::Subject), ["Leon Trotsky"]);
    assert_eq!(d[0].trigger_text, "succumbed to his wounds");
    assert_eq!(d[0].time.as_ref().unwrap().value, "1940-08-21");
    let r = find(&evs, EventType::Removal);
    assert_eq!(r.len(), 1, "{}", show(&f, &evs));
    assert_eq!(r[0].time.as_ref().unwrap().value, "1927");
    let x = find(&evs, EventType::Exile);
    assert_eq!(x.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, x[0], Role::Subject), ["Leon Trotsky"]);
    assert_eq!(role(&f, x[0], Role::Destination), ["Turkey"]);
    assert_eq!(x[0].time.as_ref().unwrap().value, "1929");
}

#[test]
fn coordinated_subjects_give_two_events() {
    let f = fixture(
        "After Stalin maneuvered them out of positions of authority, Kamenev and Zinoviev threw in their lot with Trotsky in 1926.",
        &[("Stalin", P, "Joseph Stalin"), ("Kamenev", P, "Lev Kamenev"), ("Zinoviev", P, "Grigory Zinoviev"), ("Trotsky", P, "Leon Trotsky")],
        &[("1926", TimexType::Date, "1926", "year")],
    );
    let evs = run(&f);
    let j = find(&evs, EventType::Joining);
    let subs: Vec<String> = j.iter().flat_map(|e| role(&f, e, Role::Subject)).collect();
    assert_eq!(
        subs,
        ["Lev Kamenev", "Grigory Zinoviev"],
        "{}",
        show(&f, &evs)
    );
    assert!(j.iter().all(|e| e.time.as_ref().unwrap().value == "1926"));
}

#[test]
fn nominalizations() {
    let f = fixture(
        "Indeed, with Trotsky's murder, Stalin demonstrated his most terrifying talent. The assassination of Kirov by Nikolaev shocked the party.",
        &[("Trotsky", P, "Leon Trotsky"), ("Stalin", P, "Joseph Stalin"), ("Kirov", P, "Sergei Kirov"), ("Nikolaev", P, "Leonid Nikolaev")],
        &[],
    );
    let evs = run(&f);
    let k = find(&evs, EventType::Killing);
    assert_eq!(k.len(), 2, "{}", show(&f, &evs));
    assert_eq!(role(&f, k[0], Role::Subject), ["Leon Trotsky"]);
    assert_eq!(role(&f, k[1], Role::Subject), ["Sergei Kirov"]);
    assert_eq!(role(&f, k[1], Role::Agent), ["Leonid Nikolaev"]);
}

#[test]
fn factuality_cues() {
    let f = fixture(
        "Why did Stalin exile Trotsky? Trotsky would have been killed anyway. Many believed that Stalin murdered Kirov. Kirov was never arrested. If Lenin had lived, Trotsky might have been appointed.",
        &[("Stalin", P, "Joseph Stalin"), ("Trotsky", P, "Leon Trotsky"), ("Kirov", P, "Sergei Kirov"), ("Lenin", P, "Lenin")],
        &[],
    );
    let evs = run(&f);
    let facts = facts_of(&evs);
    assert!(
        facts.contains(&(EventType::Exile, Factuality::Question)),
        "{facts:?}"
    );
    assert!(
        facts.contains(&(EventType::Killing, Factuality::Hypothetical)),
        "{facts:?}"
    );
    assert!(
        facts.contains(&(EventType::Killing, Factuality::Reported)),
        "{facts:?}"
    );
    assert!(
        facts.contains(&(EventType::Arrest, Factuality::Negated)),
        "{facts:?}"
    );
    assert!(
        facts.iter().all(|(_, f)| *f != Factuality::Asserted),
        "{facts:?}"
    );
}

#[test]
fn nearly_right_before_the_trigger_negates_it_but_not_a_count() {
    let f = fixture(
        "A machine accident nearly killed Bobick in 1997. Nearly a week later Villa killed Obregon. Kirov was almost arrested.",
        &[("Bobick", P, "Duane Bobick"), ("Villa", P, "Pancho Villa"), ("Obregon", P, "Alvaro Obregon"), ("Kirov", P, "Sergei Kirov")],
        &[],
    );
    let evs = run(&f);
    let facts = facts_of(&evs);
    assert!(
        facts.contains(&(EventType::Killing, Factuality::Negated)),
        "{facts:?}"
    );
    assert!(
        facts.contains(&(EventType::Killing, Factuality::Asserted)),
        "{facts:?}"
    );
    assert!(
        facts.contains(&(EventType::Arrest, Factuality::Negated)),
        "{facts:?}"
    );
}

#[test]
fn a_phrase_holding_a_cue_word_is_no_cue() {
    // "Not long after" and "not only" hold "not" and negate nothing.
    let f = fixture(
        "Not long after this Kolchak was arrested by the Czechoslovak Corps. Kirov was not only arrested but also tried. Trotsky was not arrested.",
        &[("Kolchak", P, "Kolchak"), ("Kirov", P, "Sergei Kirov"), ("Trotsky", P, "Leon Trotsky")],
        &[],
    );
    let evs = run(&f);
    let facts: Vec<(String, EventType, Factuality)> = evs
        .iter()
        .filter(|e| e.etype == Some(EventType::Arrest))
        .map(|e| {
            let s = e.roles.iter().find(|r| r.role == Some(Role::Subject));
            (
                s.map(|r| name(&f, r)).unwrap_or_default(),
                e.etype.unwrap(),
                e.factuality,
            )
        })
        .collect();
    for (who, fact) in [
        ("Kolchak", Factuality::Asserted),
        ("Sergei Kirov", Factuality::Asserted),
        ("Leon Trotsky", Factuality::Negated),
    ] {
        assert!(
            facts.contains(&(who.to_string(), EventType::Arrest, fact)),
            "{who}: {facts:?}"
        );
    }
}

#[test]
fn capturing_a_lone_word_only_the_tagger_calls_a_person_is_no_arrest() {
    // "Brodno" (a town the tagger read as a person: one word, no gender)
    // is taken, not arrested; "Dmitri Ivanov" (two words) is arrested.
    let f = fixture(
        "The cavalry advanced, capturing Brodno. Soldiers captured Dmitri Ivanov in 1920.",
        &[
            ("Brodno", P, "Brodno"),
            ("Dmitri Ivanov", P, "Dmitri Ivanov"),
        ],
        &[("1920", TimexType::Date, "1920", "")],
    );
    let evs = run(&f);
    let arrests: Vec<Vec<String>> = find(&evs, EventType::Arrest)
        .iter()
        .map(|e| role(&f, e, Role::Subject))
        .collect();
    assert_eq!(
        arrests,
        vec![vec!["Dmitri Ivanov".to_string()]],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_possessive_inside_the_subject_is_not_the_subject() {
    // "his" is Avrich's by the text stage's guess; the executed are the
    // former Tsar and his family, not Avrich.
    let f = fixture(
        "Paul Avrich wrote on this. The former Tsar and his family were executed by the Ural Soviet in 1918.",
        &[("Paul Avrich", P, "Paul Avrich"), ("his", P, "Paul Avrich"), ("Ural Soviet", O, "Ural Soviet")],
        &[("1918", TimexType::Date, "1918", "")],
    );
    let evs = run(&f);
    for e in &evs {
        assert!(
            !role(&f, e, Role::Subject)
                .iter()
                .any(|n| n == "Paul Avrich"),
            "{}",
            show(&f, &evs)
        );
    }
}

#[test]
fn a_name_in_a_menu_is_no_antecedent_of_a_pronoun() {
    let mut f = fixture(
        "Follow Gregory Shop. He died in my hands, a medic said.",
        &[("Gregory Shop", P, "Gregory Shop")],
        &[],
    );
    f.ta.sentences[0].region = RegionKind::Boilerplate;
    let evs = run(&f);
    assert!(
        find(&evs, EventType::Death)
            .iter()
            .all(|e| role(&f, e, Role::Subject).is_empty()),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_suicide_is_a_death_and_a_downed_pilot_no_shooting() {
    let f = fixture(
        "John Smith killed himself in 1990. Mary Jones hanged herself in her cell. Peter Brown was shot down over Hanoi in 1967.",
        &[
            ("John Smith", P, "John Smith"),
            ("himself", P, "John Smith"),
            ("Mary Jones", P, "Mary Jones"),
            ("herself", P, "Mary Jones"),
            ("her", P, "Mary Jones"),
            ("Peter Brown", P, "Peter Brown"),
            ("Hanoi", EntityType::Place, "Hanoi"),
        ],
        &[
            ("1990", TimexType::Date, "1990", ""),
            ("1967", TimexType::Date, "1967", ""),
        ],
    );
    let evs = run(&f);
    let got: Vec<(EventType, Vec<String>, Vec<String>)> = evs
        .iter()
        .map(|e| {
            (
                e.etype.unwrap(),
                role(&f, e, Role::Subject),
                role(&f, e, Role::Agent),
            )
        })
        .collect();
    let death = |who: &str| (EventType::Death, vec![who.to_string()], vec![]);
    assert_eq!(
        got,
        vec![death("John Smith"), death("Mary Jones")],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_clause_ordered_before_another_is_not_dated_by_it() {
    let mut f = fixture(
        "Two guards were charged on Tuesday with lying about Jeffrey Epstein in the hours before he died in his cell. In 1940, before Trotsky died, Sedova wrote.",
        &[
            ("Jeffrey Epstein", P, "Jeffrey Epstein"),
            ("he", P, "Jeffrey Epstein"),
            ("his", P, "Jeffrey Epstein"),
            ("Trotsky", P, "Leon Trotsky"),
            ("Sedova", P, "Natalia Sedova"),
        ],
        &[
            ("Tuesday", TimexType::Date, "2019-11-19", "weekday"),
            ("1940", TimexType::Date, "1940", ""),
        ],
    );
    tag_upos(
        &mut f,
        &[
            ("charged", "VERB"),
            ("lying", "VERB"),
            ("died", "VERB"),
            ("wrote", "VERB"),
        ],
    );
    let evs = run(&f);
    let times: Vec<(String, Option<String>)> = find(&evs, EventType::Death)
        .iter()
        .map(|e| {
            (
                role(&f, e, Role::Subject).join(","),
                e.time.as_ref().map(|t| t.value.clone()),
            )
        })
        .collect();
    assert_eq!(
        times,
        vec![
            ("Jeffrey Epstein".to_string(), None),
            ("Leon Trotsky".to_string(), Some("1940".to_string()))
        ],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn stabbed_or_beaten_to_death_is_a_killing() {
    let f = fixture(
        "Fritz Weizsacker was stabbed to death in Berlin. John Brown beat Mary Smith to death in 1990. The guards beat Peter Jones badly.",
        &[
            ("Fritz Weizsacker", P, "Fritz Weizsacker"),
            ("Berlin", EntityType::Place, "Berlin"),
            ("John Brown", P, "John Brown"),
            ("Mary Smith", P, "Mary Smith"),
            ("Peter Jones", P, "Peter Jones"),
        ],
        &[("1990", TimexType::Date, "1990", "")],
    );
    let evs = run(&f);
    let got: Vec<(EventType, Vec<String>, Vec<String>)> = evs
        .iter()
        .map(|e| {
            (
                e.etype.unwrap(),
                role(&f, e, Role::Subject),
                role(&f, e, Role::Agent),
            )
        })
        .collect();
    let s = |x: &str| vec![x.to_string()];
    assert_eq!(
        got,
        vec![
            (EventType::Killing, s("Fritz Weizsacker"), vec![]),
            (EventType::Death, s("Fritz Weizsacker"), vec![]),
            (EventType::Killing, s("Mary Smith"), s("John Brown")),
            (EventType::Death, s("Mary Smith"), vec![]),
        ],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_speaker_does_not_report_his_own_death() {
    let mut f = fixture(
        "Jeffrey Epstein was found in his cell. Jack Scarola said he was pleased to see the inquiry into his death. Nikolaev was shot within hours, so whatever he could have told died with him.",
        &[
            ("Jeffrey Epstein", P, "Jeffrey Epstein"),
            ("Jack Scarola", P, "Jack Scarola"),
            ("he", P, "Jack Scarola"),
            ("his", P, "Jack Scarola"),
            ("Nikolaev", P, "Leonid Nikolaev"),
        ],
        &[],
    );
    tag_upos(
        &mut f,
        &[
            ("said", "VERB"),
            ("found", "VERB"),
            ("shot", "VERB"),
            ("told", "VERB"),
            ("died", "VERB"),
        ],
    );
    let evs = run(&f);
    let deaths: Vec<Vec<String>> = find(&evs, EventType::Death)
        .iter()
        .map(|e| role(&f, e, Role::Subject))
        .collect();
    assert!(
        deaths.iter().all(|s| s.iter().all(|n| n != "Jack Scarola")),
        "{}",
        show(&f, &evs)
    );
    assert!(
        deaths.contains(&vec!["Jeffrey Epstein".to_string()]),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn an_owned_abstract_noun_is_no_destination() {
    let mut f = fixture(
        "Hu Jintao arrived on Thursday for a visit at Musharraf's invitation. Sedova moved to Mexico's capital.",
        &[
            ("Hu Jintao", P, "Hu Jintao"),
            ("Sedova", P, "Natalia Sedova"),
            ("Mexico", EntityType::Place, "Mexico"),
        ],
        &[("Thursday", TimexType::Date, "2006-11-23", "weekday")],
    );
    tag_upos(&mut f, &[("arrived", "VERB"), ("moved", "VERB")]);
    let evs = run(&f);
    let dests: Vec<(Vec<String>, Vec<String>)> = find(&evs, EventType::Move)
        .iter()
        .map(|e| (role(&f, e, Role::Subject), role(&f, e, Role::Destination)))
        .collect();
    assert!(
        dests
            .iter()
            .all(|(_, d)| d.iter().all(|x| !x.contains("invitation"))),
        "{}",
        show(&f, &evs)
    );
    assert!(
        dests
            .iter()
            .any(|(s, d)| s == &vec!["Natalia Sedova".to_string()] && !d.is_empty()),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_hyphenated_modifier_is_no_place() {
    let f = fixture(
        "Italy, which did not take part in the United-States-led invasion of Iraq in 2003, sent troops later. Hitler's invasion of Poland in Europe began in 1939.",
        &[
            ("Italy", EntityType::Place, "Italy"),
            ("Iraq", EntityType::Place, "Iraq"),
            ("Hitler", P, "Adolf Hitler"),
            ("Poland", EntityType::Place, "Poland"),
            ("Europe", EntityType::Place, "Europe"),
        ],
        &[
            ("2003", TimexType::Date, "2003", ""),
            ("1939", TimexType::Date, "1939", ""),
        ],
    );
    let evs = run(&f);
    let places: Vec<Vec<String>> = find(&evs, EventType::Attack)
        .iter()
        .map(|e| role(&f, e, Role::Place))
        .collect();
    assert!(
        places.iter().flatten().all(|p| !p.contains("United")),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn who_acts_after_a_death_is_not_the_dead() {
    let mut f = fixture(
        "Ghamdi succeeded the warlord Khattab, who was also Saudi-born, after he was killed in 2002.",
        &[
            ("Ghamdi", P, "Ghamdi"),
            ("Khattab", P, "Khattab"),
            ("he", P, "Ghamdi"),
        ],
        &[("2002", TimexType::Date, "2002", "")],
    );
    tag_upos(
        &mut f,
        &[("succeeded", "VERB"), ("was", "AUX"), ("killed", "VERB")],
    );
    let evs = run(&f);
    let killed: Vec<Vec<String>> = find(&evs, EventType::Killing)
        .iter()
        .map(|e| role(&f, e, Role::Subject))
        .collect();
    assert_eq!(
        killed,
        vec![vec!["Khattab".to_string()]],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_predicted_death_is_not_asserted() {
    let mut f = fixture(
        "Theodorus predicted he would soon die. Pachomius died in 348.",
        &[
            ("Theodorus", P, "Theodorus"),
            ("he", P, "Theodorus"),
            ("Pachomius", P, "Pachomius"),
        ],
        &[("348", TimexType::Date, "0348", "")],
    );
    tag_upos(
        &mut f,
        &[("predicted", "VERB"), ("die", "VERB"), ("died", "VERB")],
    );
    let evs = run(&f);
    assert_eq!(
        facts_of(&evs),
        vec![
            (EventType::Death, Factuality::Reported),
            (EventType::Death, Factuality::Asserted)
        ],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_bracketed_date_after_the_event_phrase_dates_it() {
    let f = fixture(
        "First invasion of Greece (492-490 BC). The murder of Kirov (d. 1934) shocked Zinoviev.",
        &[
            ("Greece", EntityType::Place, "Greece"),
            ("Kirov", P, "Sergei Kirov"),
            ("Zinoviev", P, "Grigory Zinoviev"),
        ],
        &[
            ("492", TimexType::Date, "BC0492", "year_range_start_era"),
            ("490 BC", TimexType::Date, "BC0490", "year_era"),
            ("1934", TimexType::Date, "1934", ""),
        ],
    );
    let evs = run(&f);
    let times: Vec<(EventType, Option<String>)> = evs
        .iter()
        .map(|e| (e.etype.unwrap(), e.time.as_ref().map(|t| t.value.clone())))
        .collect();
    assert!(
        times.contains(&(EventType::Attack, Some("BC0492".to_string()))),
        "{}",
        show(&f, &evs)
    );
    // (life data in brackets dates nothing outside them)
    assert!(
        !times.contains(&(EventType::Killing, Some("1934".to_string()))),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_coordinated_predicate_shares_the_first_one_s_modal_and_negation() {
    let mut f = fixture(
        "Polls say Nixon should be impeached by the House and removed from office. Trotsky was not arrested and deported. Kamenev was not arrested but deported. Howell was not a candidate, and died in 1844.",
        &[
            ("Nixon", P, "Richard Nixon"),
            ("Trotsky", P, "Leon Trotsky"),
            ("Kamenev", P, "Lev Kamenev"),
            ("Howell", P, "Elias Howell"),
        ],
        &[("1844", TimexType::Date, "1844", "")],
    );
    tag_upos(
        &mut f,
        &[
            ("say", "VERB"),
            ("impeached", "VERB"),
            ("removed", "VERB"),
            ("arrested", "VERB"),
            ("deported", "VERB"),
            ("died", "VERB"),
        ],
    );
    let evs = run(&f);
    let facts: Vec<(EventType, String, Factuality)> = evs
        .iter()
        .map(|e| {
            (
                e.etype.unwrap(),
                role(&f, e, Role::Subject).join(","),
                e.factuality,
            )
        })
        .collect();
    let has = |t: EventType, who: &str, fa: Factuality| facts.contains(&(t, who.to_string(), fa));
    assert!(
        has(
            EventType::Removal,
            "Richard Nixon",
            Factuality::Hypothetical
        ),
        "{facts:?}"
    );
    assert!(
        has(EventType::Exile, "Leon Trotsky", Factuality::Negated),
        "{facts:?}"
    );
    assert!(
        has(EventType::Exile, "Lev Kamenev", Factuality::Asserted),
        "{facts:?}"
    );
    assert!(
        has(EventType::Death, "Elias Howell", Factuality::Asserted),
        "{facts:?}"
    );
}

#[test]
fn a_closer_plural_noun_phrase_takes_them() {
    let mut f = fixture(
        "Weeks and King were held for years. The government freed three prisoners and sent them to Qatar. Zinoviev and Kamenev were arrested in 1934. Two years later they were shot.",
        &[
            ("Weeks", P, "Timothy Weeks"),
            ("King", P, "Kevin King"),
            ("Qatar", EntityType::Place, "Qatar"),
            ("Zinoviev", P, "Grigory Zinoviev"),
            ("Kamenev", P, "Lev Kamenev"),
        ],
        &[
            ("1934", TimexType::Date, "1934", ""),
            ("Two years later", TimexType::Date, "1936", ""),
        ],
    );
    tag_upos(
        &mut f,
        &[
            ("freed", "VERB"),
            ("sent", "VERB"),
            ("prisoners", "NOUN"),
            ("years", "NOUN"),
            ("arrested", "VERB"),
            ("shot", "VERB"),
        ],
    );
    let evs = run(&f);
    let moved: Vec<Vec<String>> = find(&evs, EventType::Move)
        .iter()
        .map(|e| role(&f, e, Role::Subject))
        .collect();
    assert!(moved.is_empty(), "{}", show(&f, &evs));
    let shot: Vec<String> = find(&evs, EventType::Execution)
        .iter()
        .flat_map(|e| role(&f, e, Role::Subject))
        .collect();
    assert!(
        shot.contains(&"Lev Kamenev".to_string()),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_prison_owned_by_a_name_or_a_noun_is_a_building() {
    let mut f = fixture(
        "Esper paid a visit to the city's Hoa Lo prison. Mercader would serve 20 years in a Mexican prison.",
        &[
            ("Esper", P, "Mark Esper"),
            ("Hoa Lo", EntityType::Place, "Hoa Lo"),
            ("Mercader", P, "Ramon Mercader"),
        ],
        &[],
    );
    tag_upos(&mut f, &[("paid", "VERB"), ("serve", "VERB")]);
    let evs = run(&f);
    let held: Vec<Vec<String>> = find(&evs, EventType::Imprisonment)
        .iter()
        .map(|e| role(&f, e, Role::Subject))
        .collect();
    assert_eq!(
        held,
        vec![vec!["Ramon Mercader".to_string()]],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_title_owned_by_a_place_or_a_body_is_no_publication() {
    let w = EntityType::Work;
    let f = fixture(
        "Bids came from Kazakhstan's Air Astana. The party's Pravda attacked him. Amy Knight's book Who Killed Kirov? came out in 1999.",
        &[
            ("Kazakhstan", EntityType::Place, "Kazakhstan"),
            ("Air Astana", w, "Air Astana"),
            ("party", EntityType::Organization, "Communist Party"),
            ("Pravda", w, "Pravda"),
            ("Amy Knight", P, "Amy Knight"),
            ("Who Killed Kirov?", w, "Who Killed Kirov?"),
        ],
        &[("1999", TimexType::Date, "1999", "")],
    );
    let evs = run(&f);
    let works: Vec<Vec<String>> = find(&evs, EventType::Publication)
        .iter()
        .map(|e| role(&f, e, Role::Work))
        .collect();
    assert_eq!(
        works,
        vec![vec!["Who Killed Kirov?".to_string()]],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_quoted_slogan_a_glossed_unit_or_an_operation_is_no_publication() {
    let w = EntityType::Work;
    let f = fixture(
        "Díaz put aside his \"No Re-election\" slogan in 1884. By 1913 the group had become Villa's División del Norte (Northern Division). In 1937 Trotsky published his famed The Revolution Betrayed. In 1864 Sherman began his March to the Sea.",
        &[
            ("Sherman", P, "William Sherman"),
            ("March to the Sea", w, "March to the Sea"),
            ("Díaz", P, "Porfirio Díaz"),
            ("his", P, "Porfirio Díaz"),
            ("No Re-election", w, "No Re-election"),
            ("Villa", P, "Pancho Villa"),
            ("División del Norte", w, "División del Norte"),
            ("Trotsky", P, "Leon Trotsky"),
            ("The Revolution Betrayed", w, "The Revolution Betrayed"),
        ],
        &[
            ("1884", TimexType::Date, "1884", ""),
            ("1913", TimexType::Date, "1913", ""),
            ("1937", TimexType::Date, "1937", ""),
            ("1864", TimexType::Date, "1864", ""),
        ],
    );
    let evs = run(&f);
    let works: Vec<Vec<String>> = find(&evs, EventType::Publication)
        .iter()
        .map(|e| role(&f, e, Role::Work))
        .collect();
    assert!(
        works
            .iter()
            .all(|w| w.iter().all(|n| n == "The Revolution Betrayed")),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn an_attempted_assassination_is_an_attack_and_agents_of_a_body_are_that_body() {
    let f = fixture(
        "The campaign began in 1920 with an attempted assassination of Makhno by agents of the Cheka.",
        &[("Makhno", P, "Nestor Makhno"), ("Cheka", O, "Cheka")],
        &[("1920", TimexType::Date, "1920", "")],
    );
    let evs = run(&f);
    assert!(
        find(&evs, EventType::Killing).is_empty(),
        "{}",
        show(&f, &evs)
    );
    let attacks = find(&evs, EventType::Attack);
    assert_eq!(attacks.len(), 1, "{}", show(&f, &evs));
    assert_eq!(
        role(&f, attacks[0], Role::Subject),
        vec!["Nestor Makhno".to_string()]
    );
    assert_eq!(role(&f, attacks[0], Role::Agent), vec!["Cheka".to_string()]);
}

#[test]
fn phrasal_verbs_plural_exiles_and_names_in_a_complement_tell_no_event() {
    let e = EntityType::EventName;
    let f = fixture(
        "The Crusaders are hanging on in 1962. The decrees confiscated the goods of exiles in 1794. She wrote Women Writers of the Revolution in 1990. Marat was hanged on 5 May 1793. Veterans of the State of Katanga rebellion came.",
        &[
            ("Crusaders", EntityType::Group, "Crusaders"),
            ("Women Writers of the Revolution", e, "Women Writers of the Revolution"),
            ("Marat", P, "Jean-Paul Marat"),
            ("State of Katanga rebellion", e, "State of Katanga rebellion"),
        ],
        &[
            ("1962", TimexType::Date, "1962", ""),
            ("1794", TimexType::Date, "1794", ""),
            ("1990", TimexType::Date, "1990", ""),
            ("5 May 1793", TimexType::Date, "1793-05-05", ""),
        ],
    );
    let evs = run(&f);
    let types: Vec<EventType> = evs.iter().filter_map(|e| e.etype).collect();
    // (The Katanga rebellion is headed by its trigger: an uprising.)
    assert_eq!(
        types,
        vec![EventType::Execution, EventType::Uprising],
        "{}",
        show(&f, &evs)
    );
    assert_eq!(
        role(&f, &evs[0], Role::Subject),
        vec!["Jean-Paul Marat".to_string()]
    );
}

#[test]
fn an_unnamed_of_complement_keeps_the_clause_subject_out() {
    let f = fixture(
        "The KMT was purged of leftists in 1927 by the arrest and execution of hundreds of members.",
        &[("KMT", O, "KMT")],
        &[("1927", TimexType::Date, "1927", "")],
    );
    let evs = run(&f);
    for e in &evs {
        assert!(
            !role(&f, e, Role::Subject).iter().any(|n| n == "KMT"),
            "{}",
            show(&f, &evs)
        );
    }
}

#[test]
fn more_verbs_of_killing_execution_removal_and_office() {
    let f = fixture(
        "Rebels strangled Pavel in 1801. A mob lynched Rasputin in 1916. The Jacobins guillotined Danton in 1794. The army overthrew Allende in 1973. Napoleon was crowned in 1804. Lincoln was sworn in in 1861. Kerensky was inaugurated in 1917.",
        &[
            ("Pavel", P, "Paul I"),
            ("Rasputin", P, "Grigori Rasputin"),
            ("Danton", P, "Georges Danton"),
            ("Allende", P, "Salvador Allende"),
            ("Napoleon", P, "Napoleon"),
            ("Lincoln", P, "Abraham Lincoln"),
            ("Kerensky", P, "Alexander Kerensky"),
        ],
        &[
            ("1801", TimexType::Date, "1801", ""),
            ("1916", TimexType::Date, "1916", ""),
            ("1794", TimexType::Date, "1794", ""),
            ("1973", TimexType::Date, "1973", ""),
            ("1804", TimexType::Date, "1804", ""),
            ("1861", TimexType::Date, "1861", ""),
            ("1917", TimexType::Date, "1917", ""),
        ],
    );
    let evs = run(&f);
    for (t, who) in [
        (EventType::Killing, "Paul I"),
        (EventType::Death, "Paul I"),
        (EventType::Killing, "Grigori Rasputin"),
        (EventType::Execution, "Georges Danton"),
        (EventType::Removal, "Salvador Allende"),
        (EventType::Appointment, "Napoleon"),
        (EventType::Appointment, "Abraham Lincoln"),
        (EventType::Appointment, "Alexander Kerensky"),
    ] {
        assert!(
            find(&evs, t)
                .iter()
                .any(|e| role(&f, e, Role::Subject) == [who.to_string()]),
            "{t:?} {who}: {}",
            show(&f, &evs)
        );
    }
}

#[test]
fn future_in_past_is_asserted() {
    let f = fixture(
        "Trotsky was eventually stripped of his posts and he would eventually have to flee the country.",
        &[("Trotsky", P, "Leon Trotsky"), ("he", P, "Leon Trotsky"), ("his", P, "Leon Trotsky")],
        &[],
    );
    let evs = run(&f);
    let r = find(&evs, EventType::Removal);
    assert_eq!(r.len(), 1, "{}", show(&f, &evs));
    assert_eq!(r[0].factuality, Factuality::Asserted);
    let x = find(&evs, EventType::Exile);
    assert_eq!(x.len(), 1, "{}", show(&f, &evs));
    assert_eq!(x[0].factuality, Factuality::Asserted);
}

#[test]
fn lifespan_parenthesis() {
    let f = fixture(
        "Leon Trotsky, byname of Lev Davidovich Bronshtein, (born November 7, 1879, Yanovka, Ukraine, Russian Empire—died August 21, 1940, Coyoacán, Mexico), communist theorist.",
        &[
            ("Leon Trotsky", P, "Leon Trotsky"),
            ("Lev Davidovich Bronshtein", P, "Leon Trotsky"),
            ("Yanovka", L, "Yanovka"),
            ("Ukraine", L, "Ukraine"),
            ("Coyoacán", L, "Coyoacán"),
            ("Mexico", L, "Mexico"),
        ],
        &[
            ("November 7, 1879", TimexType::Date, "1879-11-07", "mdy"),
            ("August 21, 1940", TimexType::Date, "1940-08-21", "mdy"),
        ],
    );
    let evs = run(&f);
    let b = find(&evs, EventType::Birth);
    let d = find(&evs, EventType::Death);
    assert_eq!((b.len(), d.len()), (1, 1), "{}", show(&f, &evs));
    assert_eq!(role(&f, b[0], Role::Subject), ["Leon Trotsky"]);
    assert_eq!(role(&f, b[0], Role::Place), ["Yanovka"]);
    assert_eq!(b[0].time.as_ref().unwrap().value, "1879-11-07");
    assert_eq!(role(&f, d[0], Role::Place), ["Coyoacán"]);
    assert_eq!(d[0].time.as_ref().unwrap().value, "1940-08-21");
}

#[test]
fn short_lifespan_and_age() {
    let f = fixture(
        "Leon Trotsky (Nov. 7, 1879-Aug. 21, 1940) was a Communist theorist. At the age of eight, he was sent to school in Odessa.",
        &[("Leon Trotsky", P, "Leon Trotsky"), ("he", P, "Leon Trotsky"), ("Odessa", L, "Odessa")],
        &[
            ("Nov. 7, 1879", TimexType::Date, "1879-11-07", "mdy"),
            ("Aug. 21, 1940", TimexType::Date, "1940-08-21", "mdy"),
            ("the age of eight", TimexType::Duration, "P8Y", "age"),
        ],
    );
    let evs = run(&f);
    assert_eq!(find(&evs, EventType::Birth).len(), 1, "{}", show(&f, &evs));
    let m = find(&evs, EventType::Move);
    assert_eq!(m.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, m[0], Role::Destination), ["Odessa"]);
    let t = m[0].time.as_ref().unwrap();
    assert_eq!(
        (t.value.as_str(), t.how.as_str(), t.inferred),
        ("1887/1888", "age", true)
    );
}

#[test]
fn at_and_a_number_of_years_is_an_age() {
    let f = fixture(
        "Ravi Mehta was born in 1869. He was married to Kasturi Bai at thirteen. He arrived at 13 Rue Dauphine at 3 p.m.",
        &[("Ravi Mehta", P, "Ravi Mehta"), ("He", P, "Ravi Mehta"), ("Kasturi Bai", P, "Kasturi Bai")],
        &[("1869", TimexType::Date, "1869", "year")],
    );
    let evs = run(&f);
    let m = find(&evs, EventType::Marriage);
    assert_eq!(m.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, m[0], Role::Subject), ["Ravi Mehta"]);
    assert_eq!(role(&f, m[0], Role::Agent), ["Kasturi Bai"]);
    let t = m[0].time.as_ref().expect("dated by the age");
    assert_eq!((t.value.as_str(), t.how.as_str()), ("1882/1883", "age"));
    // The life dates of the spouse in brackets date nothing.
    let f = fixture(
        "She was married in 1838 to Ravi Mehta (1806-1843), an officer.",
        &[("She", P, "Kasturi Bai"), ("Ravi Mehta", P, "Ravi Mehta")],
        &[
            ("1838", TimexType::Date, "1838", "year"),
            ("1806", TimexType::Date, "1806", "year"),
            ("1843", TimexType::Date, "1843", "year"),
        ],
    );
    let evs = run(&f);
    let m = find(&evs, EventType::Marriage);
    assert_eq!(m.len(), 1, "{}", show(&f, &evs));
    assert_eq!(m[0].time.as_ref().map(|t| t.value.as_str()), Some("1838"));
}

#[test]
fn they_married_after_two_people_met_is_the_couple() {
    let f = fixture(
        "In 1894 Anna Laval was introduced to Paul Ferrand. They were married in 1895 at Sceaux.",
        &[
            ("Anna Laval", P, "Anna Laval"),
            ("Paul Ferrand", P, "Paul Ferrand"),
            ("Sceaux", L, "Sceaux"),
        ],
        &[
            ("1894", TimexType::Date, "1894", "year"),
            ("1895", TimexType::Date, "1895", "year"),
        ],
    );
    let evs = run(&f);
    let mut got: Vec<Vec<String>> = find(&evs, EventType::Marriage)
        .iter()
        .map(|e| role(&f, e, Role::Subject))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [["Anna Laval"], ["Paul Ferrand"]],
        "{}",
        show(&f, &evs)
    );
    // Not a state told in an apposition, nor a "they" of another paragraph.
    let f = fixture(
        "The leader was Prince Felix Orlov, married to the Tsar's niece Irina.\n\nThey married in 1900.",
        &[("Felix Orlov", P, "Felix Orlov"), ("Irina", P, "Irina")],
        &[("1900", TimexType::Date, "1900", "year")],
    );
    let evs = run(&f);
    assert!(
        find(&evs, EventType::Marriage).is_empty(),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn proxy_house_and_narrative_time() {
    let f = fixture(
        "Trotsky settled in Coyoacán in 1937. Men armed with machine guns attacked his house.",
        &[
            ("Trotsky", P, "Leon Trotsky"),
            ("his", P, "Leon Trotsky"),
            ("Coyoacán", L, "Coyoacán"),
        ],
        &[("1937", TimexType::Date, "1937", "year")],
    );
    let evs = run(&f);
    let a = find(&evs, EventType::Attack);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, a[0], Role::Subject), ["Leon Trotsky"]);
    let t = a[0].time.as_ref().unwrap();
    assert_eq!((t.how.as_str(), t.inferred), ("narrative", true));
    assert_eq!(
        role(&f, find(&evs, EventType::Move)[0], Role::Destination),
        ["Coyoacán"]
    );
}

#[test]
fn shot_without_agent_is_execution_and_comments_weigh_less() {
    let mut f = fixture(
        "Nikolaev was shot in December 1934. Kirov was shot by Nikolaev.",
        &[
            ("Nikolaev", P, "Leonid Nikolaev"),
            ("Kirov", P, "Sergei Kirov"),
        ],
        &[("December 1934", TimexType::Date, "1934-12", "my")],
    );
    let second = f.ta.sentences[1].span;
    f.doc.regions = vec![
        Region {
            kind: RegionKind::Main,
            span: Span::new(0, second.start),
        },
        Region {
            kind: RegionKind::Comment,
            span: Span::new(second.start, f.doc.text.len()),
        },
    ];
    f.ta.sentences[1].region = RegionKind::Comment;
    let evs = run(&f);
    let x = find(&evs, EventType::Execution);
    assert_eq!(x.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, x[0], Role::Subject), ["Leonid Nikolaev"]);
    let k = find(&evs, EventType::Killing);
    assert_eq!(k.len(), 1, "{}", show(&f, &evs));
    assert!(k[0].confidence < x[0].confidence);
    assert_eq!(k[0].region, RegionKind::Comment);
}

#[test]
fn boilerplate_yields_nothing_and_bad_input_does_not_panic() {
    let mut f = fixture(
        "Trotsky was killed.",
        &[("Trotsky", P, "Leon Trotsky")],
        &[],
    );
    f.doc.regions[0].kind = RegionKind::Boilerplate;
    f.ta.sentences[0].region = RegionKind::Boilerplate;
    assert!(run(&f).is_empty());
    // Garbage: spans out of range, empty analyses, odd tokens.
    let ex = Extractor::new();
    let doc = CleanDoc {
        text: "é killed".into(),
        ..Default::default()
    };
    let ta = TextAnalysis {
        tokens: vec![
            Token {
                span: Span::new(0, 1),
                ..Default::default()
            },
            Token {
                span: Span::new(3, 99),
                ..Default::default()
            },
        ],
        sentences: vec![Sentence {
            span: Span::new(0, 99),
            tokens: (0, 5),
            ..Default::default()
        }],
        ..Default::default()
    };
    let _ = ex.extract(
        &doc,
        &ta,
        &[Timex {
            span: Span { start: 50, end: 2 },
            ..Default::default()
        }],
    );
    let _ = ex.extract(&CleanDoc::default(), &TextAnalysis::default(), &[]);
}

#[test]
fn joined_organisation_and_born_participle() {
    let f = fixture(
        "Kirov, born Kostrikov in Urzhum in 1886, joined the Bolsheviks in 1904.",
        &[
            ("Kirov", P, "Sergei Kirov"),
            ("Kostrikov", P, "Sergei Kirov"),
            ("Urzhum", L, "Urzhum"),
            ("Bolsheviks", O, "Bolsheviks"),
        ],
        &[
            ("1886", TimexType::Date, "1886", "year"),
            ("1904", TimexType::Date, "1904", "year"),
        ],
    );
    let evs = run(&f);
    let b = find(&evs, EventType::Birth);
    assert_eq!(b.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, b[0], Role::Subject), ["Sergei Kirov"]);
    assert_eq!(b[0].time.as_ref().unwrap().value, "1886");
    let j = find(&evs, EventType::Joining);
    assert_eq!(j.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, j[0], Role::Organization), ["Bolsheviks"]);
    assert_eq!(j[0].time.as_ref().unwrap().value, "1904");
}

#[test]
fn comma_after_object_is_an_apposition_not_a_list() {
    let f = fixture(
        "The man, who killed him, Ramon Mercader, was planted into his circle. Stalin expelled him and Natalia from the USSR.",
        &[
            ("him", P, "Leon Trotsky"),
            ("Ramon Mercader", P, "Ramón Mercader"),
            ("Stalin", P, "Joseph Stalin"),
            ("Natalia", P, "Natalia Sedova"),
            ("USSR", O, "USSR"),
        ],
        &[],
    );
    let evs = run(&f);
    let k = find(&evs, EventType::Killing);
    let subs: Vec<String> = k.iter().flat_map(|e| role(&f, e, Role::Subject)).collect();
    assert_eq!(subs, ["Leon Trotsky"], "{}", show(&f, &evs));
    // "from the USSR": a state, so an exile of both.
    let x = find(&evs, EventType::Exile);
    let subs: Vec<String> = x.iter().flat_map(|e| role(&f, e, Role::Subject)).collect();
    assert_eq!(
        subs,
        ["Leon Trotsky", "Natalia Sedova"],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn participle_apposition_does_not_lend_its_time() {
    let f = fixture(
        "Kirov, born Kostrikov in Urzhum in 1886, had joined the Russian Social Democratic Labour Party in 1904 and sided with its Bolshevik faction.",
        &[("Kirov", P, "Sergei Kirov"), ("Kostrikov", P, "Sergei Kirov"), ("Urzhum", L, "Urzhum"), ("Russian Social Democratic Labour Party", O, "RSDLP")],
        &[("1886", TimexType::Date, "1886", "year"), ("1904", TimexType::Date, "1904", "year")],
    );
    let evs = run(&f);
    let j = find(&evs, EventType::Joining);
    assert_eq!(j.len(), 1, "{}", show(&f, &evs));
    assert_eq!(
        j[0].time.as_ref().unwrap().value,
        "1904",
        "{}",
        show(&f, &evs)
    );
    assert!(role(&f, j[0], Role::Place).is_empty(), "{}", show(&f, &evs));
}

#[test]
fn coordinated_subjects_across_appositions() {
    let f = fixture(
        "When Vyacheslav Molotov, the Soviet foreign minister, and Joachim von Ribbentrop, his German counterpart, signed a Non-Aggression Pact on August 23, 1939, Trotsky was scarcely surprised.",
        &[
            ("Vyacheslav Molotov", P, "Vyacheslav Molotov"),
            ("Joachim von Ribbentrop", P, "Joachim von Ribbentrop"),
            ("Non-Aggression Pact", EntityType::Work, "Non-Aggression Pact"),
            ("Trotsky", P, "Leon Trotsky"),
        ],
        &[("August 23, 1939", TimexType::Date, "1939-08-23", "mdy")],
    );
    let evs = run(&f);
    let a = find(&evs, EventType::Agreement);
    let subs: Vec<String> = a.iter().flat_map(|e| role(&f, e, Role::Subject)).collect();
    assert_eq!(
        subs,
        ["Vyacheslav Molotov", "Joachim von Ribbentrop"],
        "{}",
        show(&f, &evs)
    );
    assert!(a
        .iter()
        .all(|e| e.time.as_ref().unwrap().value == "1939-08-23"));
    assert_eq!(role(&f, a[0], Role::Work), ["Non-Aggression Pact"]);
}

#[test]
fn shot_dead_implies_a_death() {
    let f = fixture(
        "On December 1, 1934 Kirov was shot and killed by Leonid Nikolayev at the Smolny Institute.",
        &[("Kirov", P, "Sergei Kirov"), ("Leonid Nikolayev", P, "Leonid Nikolaev"), ("Smolny Institute", L, "Smolny Institute")],
        &[("December 1, 1934", TimexType::Date, "1934-12-01", "mdy")],
    );
    let evs = run(&f);
    let d = find(&evs, EventType::Death);
    assert_eq!(d.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, d[0], Role::Subject), ["Sergei Kirov"]);
    assert_eq!(role(&f, d[0], Role::Place), ["Smolny Institute"]);
    assert_eq!(d[0].time.as_ref().unwrap().value, "1934-12-01");
    let k = find(&evs, EventType::Killing);
    assert!(
        k.iter()
            .any(|e| role(&f, e, Role::Agent) == ["Leonid Nikolaev"]),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn unresolved_they_takes_the_last_pair_of_names() {
    let f = fixture(
        "Zinoviev and Kamenev were arrested later that month. In August 1936 they were tried again and executed.",
        &[("Zinoviev", P, "Grigory Zinoviev"), ("Kamenev", P, "Lev Kamenev")],
        &[("August 1936", TimexType::Date, "1936-08", "my")],
    );
    let evs = run(&f);
    for t in [EventType::Trial, EventType::Execution] {
        let subs: Vec<String> = find(&evs, t)
            .iter()
            .flat_map(|e| role(&f, e, Role::Subject))
            .collect();
        assert_eq!(
            subs,
            ["Grigory Zinoviev", "Lev Kamenev"],
            "{}",
            show(&f, &evs)
        );
    }
}

#[test]
fn scrambled_analyses_never_panic() {
    // Tokens out of order, overlapping mentions with bad sentence indices,
    // sentences whose token ranges run past the end, timexes off any boundary.
    let text = "Trotsky was killed by Mercader in 1940 — Ramón fled. Él murió?";
    let ex = Extractor::new();
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    let mut rnd = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % (n.max(1) as u64)) as usize
    };
    let base = tokenize(text);
    for _ in 0..200 {
        let mut tokens = base.clone();
        for _ in 0..3 {
            let (i, j) = (rnd(tokens.len()), rnd(tokens.len()));
            tokens.swap(i, j);
        }
        let uposes = ["", "VERB", "NOUN", "PROPN", "ADP", "AUX", "PRON"];
        for t in tokens.iter_mut() {
            t.upos = uposes[rnd(uposes.len())].into();
        }
        let n = tokens.len();
        let sentences = vec![
            Sentence {
                span: Span::new(0, 30),
                tokens: (0, rnd(n + 5)),
                ..Default::default()
            },
            Sentence {
                span: Span::new(rnd(40), 80),
                tokens: (rnd(n), n + rnd(3)),
                region: RegionKind::Comment,
                ..Default::default()
            },
        ];
        let mentions = (0..rnd(6))
            .map(|_| {
                let a = rnd(text.len());
                let b = a + rnd(12);
                Mention {
                    span: Span { start: a, end: b },
                    entity: rnd(3),
                    sentence: rnd(4),
                    text: "x".into(),
                    ..Default::default()
                }
            })
            .collect();
        let ta = TextAnalysis {
            tokens,
            sentences,
            mentions,
            entities: vec![LocalEntity::default(); 2],
        };
        let tx: Vec<Timex> = (0..rnd(4))
            .map(|_| {
                let a = rnd(text.len());
                Timex {
                    span: Span {
                        start: a,
                        end: a + rnd(9),
                    },
                    value: ["1940", "P8Y", "PRESENT_REF", "XXXX-08"][rnd(4)].into(),
                    rule: "age".into(),
                    ..Default::default()
                }
            })
            .collect();
        let doc = CleanDoc {
            text: text.into(),
            ..Default::default()
        };
        let _ = ex.extract(&doc, &ta, &tx);
    }
}

#[test]
fn finding_the_body_is_the_discovery_of_the_last_victim() {
    let f = fixture(
        "Yusupov shot Rasputin in the chest. Divers pulled the frozen body out of the Malaya Nevka. Police found blood on the bridge.",
        &[("Yusupov", P, "Felix Yusupov"), ("Rasputin", P, "Grigori Rasputin"), ("Malaya Nevka", L, "Malaya Nevka")],
        &[],
    );
    let evs = run(&f);
    let d = find(&evs, EventType::Discovery);
    assert_eq!(d.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, d[0], Role::Subject), ["Grigori Rasputin"]);
}

#[test]
fn it_after_a_sentence_about_the_body_is_the_body() {
    let f = fixture(
        "Purishkevich killed Rasputin. The body was thrown into the river. Two days later it was recovered from the Moika River.",
        &[
            ("Purishkevich", P, "Vladimir Purishkevich"),
            ("Rasputin", P, "Grigori Rasputin"),
            ("Moika River", L, "Moika River"),
        ],
        &[],
    );
    let evs = run(&f);
    let d = find(&evs, EventType::Discovery);
    assert_eq!(d.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, d[0], Role::Subject), ["Grigori Rasputin"]);
    assert_eq!(role(&f, d[0], Role::Place), ["Moika River"]);
    // Without a body in the sentence before, "it" is not a body.
    let f = fixture(
        "Purishkevich killed Rasputin. The river froze. Two days later it was recovered from the Moika River.",
        &[
            ("Purishkevich", P, "Vladimir Purishkevich"),
            ("Rasputin", P, "Grigori Rasputin"),
            ("Moika River", L, "Moika River"),
        ],
        &[],
    );
    let evs = run(&f);
    assert!(
        find(&evs, EventType::Discovery).is_empty(),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_place_entered_earlier_in_the_sentence_places_the_event() {
    let f = fixture(
        "Nikolaev walked into the Tauride Palace, where Kirov had his office, waited in the corridor and shot him from behind.",
        &[
            ("Nikolaev", P, "Leonid Nikolaev"),
            ("Tauride Palace", O, "Tauride Palace"),
            ("Kirov", P, "Sergei Kirov"),
        ],
        &[],
    );
    let evs = run(&f);
    let k: Vec<_> = evs
        .iter()
        .filter(|e| matches!(e.etype, Some(EventType::Killing | EventType::Attack)))
        .collect();
    assert!(!k.is_empty(), "{}", show(&f, &evs));
    assert_eq!(role(&f, k[0], Role::Place), ["Tauride Palace"]);
    // Not when another event owns the phrase ("Born in Urzhum, …").
    let f = fixture(
        "Born in Urzhum, he was arrested in 1905.",
        &[("Urzhum", L, "Urzhum"), ("he", P, "Sergei Kirov")],
        &[("1905", TimexType::Date, "1905", "t")],
    );
    let evs = run(&f);
    let a = find(&evs, EventType::Arrest);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert!(role(&f, a[0], Role::Place).is_empty(), "{}", show(&f, &evs));
}

#[test]
fn a_stated_death_date_corrects_a_relative_one_and_dates_what_it_hung_on() {
    let mut f = fixture(
        "Trotsky died on 21 August 1940. Mercader attacked Trotsky with an ice pick. Trotsky died the next day.",
        &[("Trotsky", P, "Leon Trotsky"), ("Mercader", P, "Ramón Mercader")],
        &[
            ("21 August 1940", TimexType::Date, "1940-08-21", "date"),
            ("the next day", TimexType::Date, "1940-08-22", "rel_next_day"),
        ],
    );
    // The time stage resolved "the next day" against the narrative's last date.
    f.tx[1].anchor = Some("1940-08-21 (narrative)".into());
    let evs = run(&f);
    let deaths = find(&evs, EventType::Death);
    assert_eq!(deaths.len(), 2, "{}", show(&f, &evs));
    for d in &deaths {
        assert_eq!(
            d.time.as_ref().unwrap().value,
            "1940-08-21",
            "{}",
            show(&f, &evs)
        );
    }
    // The attack is in its own sentence: nothing hangs it on the death.
    let a = find(&evs, EventType::Attack);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert!(a[0].time.as_ref().is_none_or(|t| t.value != "1940-08-20"));

    // In one sentence, the event told first is the anchor: the day before.
    let mut f = fixture(
        "Trotsky died on 21 August 1940. Mercader attacked Trotsky with an ice pick, and Trotsky died the next day.",
        &[("Trotsky", P, "Leon Trotsky"), ("Mercader", P, "Ramón Mercader")],
        &[
            ("21 August 1940", TimexType::Date, "1940-08-21", "date"),
            ("the next day", TimexType::Date, "1940-08-22", "rel_next_day"),
        ],
    );
    f.tx[1].anchor = Some("1940-08-21 (narrative)".into());
    let evs = run(&f);
    let a = find(&evs, EventType::Attack);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert_eq!(
        a[0].time.as_ref().map(|t| t.value.as_str()),
        Some("1940-08-20"),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn the_sources_own_new_style_restatement_is_its_claim() {
    let mut f = fixture(
        "Yusupov killed Rasputin. His body was found on 19 December, which would be December 30 in the Western calendar.",
        &[("Yusupov", P, "Felix Yusupov"), ("Rasputin", P, "Grigori Rasputin")],
        &[
            ("19 December", TimexType::Date, "1917-01-01", "date_dm"),
            ("December 30", TimexType::Date, "1916-12-30", "date_md"),
        ],
    );
    // The time stage converted the Old Style date; the source says the 30th.
    f.tx[0].calendar = Some("julian".into());
    let evs = run(&f);
    let d = find(&evs, EventType::Discovery);
    assert_eq!(d.len(), 1, "{}", show(&f, &evs));
    assert_eq!(
        d[0].time.as_ref().map(|t| t.value.as_str()),
        Some("1916-12-30")
    );
    // Without the calendar mark, the date in the clause stands.
    f.tx[0].calendar = None;
    let evs = run(&f);
    let d = find(&evs, EventType::Discovery);
    assert_eq!(
        d[0].time.as_ref().map(|t| t.value.as_str()),
        Some("1917-01-01")
    );
}

#[test]
fn a_coordinated_verb_without_its_own_subject_takes_the_first_clauses() {
    let f = fixture(
        "Trotsky was finishing his biography of Stalin when he was attacked in his study by a blow to the head with an ice pick, and died next day.",
        &[("Trotsky", P, "Leon Trotsky"), ("he", P, "Leon Trotsky"), ("Stalin", P, "Joseph Stalin")],
        &[("next day", TimexType::Date, "1940-08-22", "rel_next_day")],
    );
    let evs = run(&f);
    let d = find(&evs, EventType::Death);
    assert_eq!(d.len(), 1, "{}", show(&f, &evs));
    assert_eq!(
        role(&f, d[0], Role::Subject),
        ["Leon Trotsky"],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_blow_in_the_by_phrase_is_no_agent_and_a_weapon_is_the_instrument() {
    let f = fixture(
        "He was attacked in his study by a blow to the head with an ice pick. Kirov was killed by a bomb.",
        &[("He", P, "Leon Trotsky"), ("Kirov", P, "Sergei Kirov")],
        &[],
    );
    let evs = run(&f);
    let a = find(&evs, EventType::Attack);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert!(role(&f, a[0], Role::Agent).is_empty(), "{}", show(&f, &evs));
    assert_eq!(role(&f, a[0], Role::Instrument), ["an ice pick"]);
    let k = find(&evs, EventType::Killing);
    assert_eq!(k.len(), 1, "{}", show(&f, &evs));
    assert!(role(&f, k[0], Role::Agent).is_empty(), "{}", show(&f, &evs));
    assert_eq!(role(&f, k[0], Role::Instrument), ["a bomb"]);
}

#[test]
fn a_participle_phrase_after_the_subject_belongs_to_it() {
    let f = fixture(
        "In May 1940, men armed with machine guns attacked his house, but Trotsky survived.",
        &[("his", P, "Leon Trotsky"), ("Trotsky", P, "Leon Trotsky")],
        &[("May 1940", TimexType::Date, "1940-05", "month_year")],
    );
    let evs = run(&f);
    let a = find(&evs, EventType::Attack);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, a[0], Role::Agent), ["men armed with machine guns"]);
    assert_eq!(role(&f, a[0], Role::Subject), ["Leon Trotsky"]);
}

#[test]
fn a_body_renamed_is_founded_under_its_new_name_and_or_names_it_twice() {
    let f = fixture(
        "In 1933 the ILO was renamed to the International Communist League. So the ILC, or Fourth International was formed in Paris in 1938. In 1924 the city of Petrograd was renamed to Leningrad.",
        &[
            ("ILO", O, "International Left Opposition"),
            ("International Communist League", O, "International Communist League"),
            ("ILC", O, "International Communist League"),
            ("Fourth International", O, "Fourth International"),
            ("Paris", L, "Paris"),
            ("Petrograd", L, "Petrograd"),
            ("Leningrad", L, "Leningrad"),
        ],
        &[
            ("1933", TimexType::Date, "1933", "year"),
            ("1938", TimexType::Date, "1938", "year"),
            ("1924", TimexType::Date, "1924", "year"),
        ],
    );
    let evs = run(&f);
    let fs = find(&evs, EventType::Founding);
    let subjects: Vec<(Vec<String>, String)> = fs
        .iter()
        .map(|e| {
            (
                role(&f, e, Role::Subject),
                e.time.as_ref().map(|t| t.value.clone()).unwrap_or_default(),
            )
        })
        .collect();
    // The renamed body, under its new name; a renamed city is no founding.
    assert!(
        subjects.contains(&(
            vec!["International Communist League".to_string()],
            "1933".into()
        )),
        "{}",
        show(&f, &evs)
    );
    assert!(!subjects
        .iter()
        .any(|(s, _)| s.iter().any(|n| n == "Leningrad")));
    // "the ILC, or Fourth International": both names.
    for name in ["International Communist League", "Fourth International"] {
        assert!(
            subjects.contains(&(vec![name.to_string()], "1938".into())),
            "{name}: {}",
            show(&f, &evs)
        );
    }
}

#[test]
fn shot_and_killed_by_someone_is_no_execution_and_an_approximate_day_claims_its_month() {
    let f = fixture(
        "On December 1, 1934 Kirov was shot and killed by Leonid Nikolayev. About six weeks earlier, Nikolayev had been detained.",
        &[("Kirov", P, "Sergei Kirov"), ("Leonid Nikolayev", P, "Leonid Nikolaev"), ("Nikolayev", P, "Leonid Nikolaev")],
        &[
            ("December 1, 1934", TimexType::Date, "1934-12-01", "date"),
            ("About six weeks earlier", TimexType::Date, "1934-10-20", "weeks_earlier"),
        ],
    );
    let mut f = f;
    f.tx[1].tmod = Some(TimexMod::Approx);
    let evs = run(&f);
    assert!(
        find(&evs, EventType::Execution).is_empty(),
        "{}",
        show(&f, &evs)
    );
    let a = find(&evs, EventType::Arrest);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert_eq!(a[0].time.as_ref().unwrap().value, "1934-10");
}

#[test]
fn a_citation_with_a_year_is_a_publication_by_the_person_before_it() {
    let w = EntityType::Work;
    let f = fixture(
        "The version was developed by Robert Conquest in Stalin and the Kirov Murder (1989). Trotsky lived in Coyoacan (1939).",
        &[
            ("Robert Conquest", P, "Robert Conquest"),
            ("Stalin and the Kirov Murder", w, "Stalin and the Kirov Murder"),
            ("Trotsky", P, "Leon Trotsky"),
            ("Coyoacan", L, "Coyoacan"),
        ],
        &[("1989", TimexType::Date, "1989", "year"), ("1939", TimexType::Date, "1939", "year")],
    );
    let evs = run(&f);
    let p = find(&evs, EventType::Publication);
    assert_eq!(p.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, p[0], Role::Subject), ["Robert Conquest"]);
    assert_eq!(role(&f, p[0], Role::Work), ["Stalin and the Kirov Murder"]);
    assert_eq!(p[0].time.as_ref().unwrap().value, "1989");
}

#[test]
fn the_owner_of_a_work_published_is_its_author() {
    let f = fixture(
        "Yusupov's own account, published in 1927, describes the cakes.",
        &[("Yusupov", P, "Felix Yusupov")],
        &[("1927", TimexType::Date, "1927", "year")],
    );
    let evs = run(&f);
    let p = find(&evs, EventType::Publication);
    assert_eq!(p.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, p[0], Role::Subject), ["Felix Yusupov"]);
    assert_eq!(p[0].time.as_ref().unwrap().value, "1927");
}

#[test]
fn a_pronoun_opening_a_parenthesis_is_the_person_just_named() {
    let f = fixture(
        "Trotsky was dead. With Mercader denying any involvement (he was later jailed in Mexico), Stalin was safe.",
        &[
            ("Trotsky", P, "Leon Trotsky"),
            ("Mercader", P, "Ramon Mercader"),
            ("he", P, "Leon Trotsky"),
            ("Stalin", P, "Joseph Stalin"),
        ],
        &[],
    );
    let evs = run(&f);
    let i = find(&evs, EventType::Imprisonment);
    assert_eq!(i.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, i[0], Role::Subject), ["Ramon Mercader"]);
}

#[test]
fn a_sentence_initial_his_before_a_title_points_to_the_speaker_even_without_a_comma() {
    let w = EntityType::Work;
    let f = fixture(
        "Stalin died in 1953. In his Secret Speech of 25 February 1956 Khrushchev revealed many things.",
        &[
            ("Stalin", P, "Joseph Stalin"),
            ("his", P, "Joseph Stalin"),
            ("Secret Speech", w, "Secret Speech"),
            ("Khrushchev", P, "Nikita Khrushchev"),
        ],
        &[
            ("1953", TimexType::Date, "1953", "year"),
            ("25 February 1956", TimexType::Date, "1956-02-25", "date"),
        ],
    );
    let evs = run(&f);
    let p = find(&evs, EventType::Publication);
    assert_eq!(p.len(), 1, "{}", show(&f, &evs));
    assert_eq!(
        role(&f, p[0], Role::Subject),
        ["Nikita Khrushchev"],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn prison_in_a_sentence_is_part_of_the_sentence() {
    let f = fixture(
        "In January 1935, Zinoviev was sentenced to ten years in prison. Mercader would serve 20 years in a Mexican prison.",
        &[("Zinoviev", P, "Grigory Zinoviev"), ("Mercader", P, "Ramon Mercader")],
        &[("January 1935", TimexType::Date, "1935-01", "month_year")],
    );
    let mut f = f;
    tag_upos(
        &mut f,
        &[
            ("sentenced", "VERB"),
            ("serve", "VERB"),
            ("was", "AUX"),
            ("would", "AUX"),
            ("prison", "NOUN"),
            ("years", "NOUN"),
            ("in", "ADP"),
            ("to", "ADP"),
            ("a", "DET"),
            ("Mexican", "ADJ"),
        ],
    );
    let evs = run(&f);
    assert_eq!(
        find(&evs, EventType::Sentence).len(),
        1,
        "{}",
        show(&f, &evs)
    );
    let i = find(&evs, EventType::Imprisonment);
    assert_eq!(i.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, i[0], Role::Subject), ["Ramon Mercader"]);
}

#[test]
fn going_to_a_named_person_s_house_is_no_move() {
    let f = fixture(
        "That evening, Rasputin went to Yusupov's palace. In 1936, Trotsky went to Mexico.",
        &[
            ("Rasputin", P, "Grigori Rasputin"),
            ("Yusupov", P, "Felix Yusupov"),
            ("Trotsky", P, "Leon Trotsky"),
            ("Mexico", L, "Mexico"),
        ],
        &[("1936", TimexType::Date, "1936", "year")],
    );
    let evs = run(&f);
    let m = find(&evs, EventType::Move);
    assert_eq!(m.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, m[0], Role::Subject), ["Leon Trotsky"]);
}

#[test]
fn forbidden_fillers_drop_the_event() {
    // A captured city is no arrest; a captured person is.
    let f = fixture(
        "The Red Army captured Kiev on 3 February 1919. The police captured Nikolaev in the corridor.",
        &[
            ("Red Army", O, "Red Army"),
            ("Kiev", L, "Kiev"),
            ("Nikolaev", P, "Leonid Nikolaev"),
        ],
        &[("3 February 1919", TimexType::Date, "1919-02-03", "date")],
    );
    let evs = run(&f);
    let a = find(&evs, EventType::Arrest);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, a[0], Role::Subject), ["Leonid Nikolaev"]);
    // Establishing a person as dictator founds nothing; replacing by a body
    // appoints nobody; suing for peace is no lawsuit.
    let f = fixture(
        "On 18 November a coup established Kolchak as dictator. The commune was replaced by the Central Caspian Dictatorship. Soon the Bolsheviks sued for peace.",
        &[
            ("Kolchak", P, "Alexander Kolchak"),
            ("Central Caspian Dictatorship", O, "Central Caspian Dictatorship"),
            ("Bolsheviks", EntityType::Group, "Bolsheviks"),
        ],
        &[("18 November", TimexType::Date, "1918-11-18", "date")],
    );
    let evs = run(&f);
    assert!(
        find(&evs, EventType::Founding).is_empty(),
        "{}",
        show(&f, &evs)
    );
    assert!(
        find(&evs, EventType::Appointment).is_empty(),
        "{}",
        show(&f, &evs)
    );
    assert!(
        find(&evs, EventType::Trial).is_empty(),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn vetoed_readings_and_units_are_no_events() {
    // "succeeded in" is achieving; "succeeded X" is succession.
    let f = fixture(
        "The Biafrans succeeded in their primary objective. Henry Clinton succeeded William Howe.",
        &[
            ("Biafrans", EntityType::Group, "Biafrans"),
            ("Henry Clinton", P, "Henry Clinton"),
            ("William Howe", P, "William Howe"),
        ],
        &[],
    );
    let evs = run(&f);
    let a = find(&evs, EventType::Appointment);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, a[0], Role::Subject), ["Henry Clinton"]);
    // A quoted unit name owned by its commander is no publication.
    let f = fixture(
        "Ras Mulugeta and his Army of the Center were on the right.",
        &[
            ("Ras Mulugeta", P, "Ras Mulugeta"),
            ("Army of the Center", EntityType::Work, "Army of the Center"),
        ],
        &[],
    );
    let evs = run(&f);
    assert!(
        find(&evs, EventType::Publication).is_empty(),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_plan_or_campaign_to_act_is_no_act() {
    let f = fixture(
        "The campaign to liquidate Makhno began at once. The plot to kill Velikov was uncovered.",
        &[
            ("Makhno", P, "Nestor Makhno"),
            ("Velikov", P, "Anton Velikov"),
        ],
        &[],
    );
    let evs = run(&f);
    assert!(
        evs.iter()
            .filter(|e| e.etype == Some(EventType::Killing))
            .all(|e| e.factuality == Factuality::Hypothetical),
        "{}",
        show(&f, &evs)
    );
    assert!(
        !find(&evs, EventType::Killing).is_empty(),
        "{}",
        show(&f, &evs)
    );
}

/// A time in the clause of a verb of saying dates the report, not an event
/// told in another clause of the sentence; a time in the event's own clause
/// still dates it.
#[test]
fn a_report_time_does_not_date_the_event_reported() {
    let f = fixture(
        "Officials said on Tuesday that the house where Adolf Hitler was born would become a police station.",
        &[("Adolf Hitler", P, "Adolf Hitler")],
        &[("Tuesday", TimexType::Date, "2016-10-18", "weekday")],
    );
    let evs = run(&f);
    let b = find(&evs, EventType::Birth);
    assert_eq!(b.len(), 1, "{}", show(&f, &evs));
    assert!(b[0].time.is_none(), "{}", show(&f, &evs));

    let f = fixture(
        "Officials said on Tuesday that Adolf Hitler was born in 1889.",
        &[("Adolf Hitler", P, "Adolf Hitler")],
        &[
            ("Tuesday", TimexType::Date, "2016-10-18", "weekday"),
            ("1889", TimexType::Date, "1889", "year"),
        ],
    );
    let evs = run(&f);
    let b = find(&evs, EventType::Birth);
    assert_eq!(b.len(), 1, "{}", show(&f, &evs));
    assert_eq!(
        b[0].time.as_ref().unwrap().value,
        "1889",
        "{}",
        show(&f, &evs)
    );

    let f = fixture(
        "The house where Adolf Hitler was born will be turned into a police station, the minister said on Tuesday.",
        &[("Adolf Hitler", P, "Adolf Hitler")],
        &[("Tuesday", TimexType::Date, "2019-11-19", "weekday")],
    );
    let evs = run(&f);
    let b = find(&evs, EventType::Birth);
    assert_eq!(b.len(), 1, "{}", show(&f, &evs));
    assert!(b[0].time.is_none(), "{}", show(&f, &evs));
}

#[test]
fn a_quantified_number_is_the_object_not_a_place_phrase() {
    // Before: "killed at least …" had no object, and the place before the
    // comma was read as a reduced participle's victim.
    let f = fixture(
        "The explosions in Nairobi, Kenya, and Dar-es-Salaam, Tanzania, killed at least 110 people.",
        &[
            ("Nairobi", L, "Nairobi"),
            ("Kenya", L, "Kenya"),
            ("Dar-es-Salaam", L, "Dar-es-Salaam"),
            ("Tanzania", L, "Tanzania"),
        ],
        &[],
    );
    let evs = run(&f);
    assert!(
        evs.iter()
            .all(|e| !role(&f, e, Role::Subject).contains(&"Tanzania".to_string())),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_place_before_a_noun_is_where_not_whom() {
    // "a Buffalo, NY, doctor": the place and its state modify "doctor".
    let f = fixture(
        "A sniper shot and killed a Buffalo, NY, doctor who performed abortions.",
        &[("Buffalo", L, "Buffalo"), ("NY", L, "New York")],
        &[],
    );
    let evs = run(&f);
    assert!(
        evs.iter()
            .all(|e| !role(&f, e, Role::Subject).contains(&"Buffalo".to_string())),
        "{}",
        show(&f, &evs)
    );
    // "the Atlanta attacks": a bare place name before the noun is its place.
    let mut f = fixture(
        "Rudolph carried out the Atlanta attacks on Kopp.",
        &[
            ("Rudolph", P, "Eric Rudolph"),
            ("Atlanta", L, "Atlanta"),
            ("Kopp", P, "James Kopp"),
        ],
        &[],
    );
    tag_upos(
        &mut f,
        &[
            ("carried", "VERB"),
            ("attacks", "NOUN"),
            ("Rudolph", "PROPN"),
            ("Atlanta", "PROPN"),
            ("Kopp", "PROPN"),
            ("out", "ADP"),
            ("on", "ADP"),
            ("the", "DET"),
        ],
    );
    let evs = run(&f);
    let a = find(&evs, EventType::Attack);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert_eq!(
        role(&f, a[0], Role::Subject),
        vec!["James Kopp"],
        "{}",
        show(&f, &evs)
    );
    assert_eq!(
        role(&f, a[0], Role::Place),
        vec!["Atlanta"],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn an_object_after_the_verb_makes_a_by_phrase_no_passive() {
    let f = fixture(
        "Alarcon, the former ambassador to the United Nations, dismissed suggestions by some politicians that Gonzalez travel to Miami.",
        &[
            ("Alarcon", P, "Ricardo Alarcon"),
            ("United Nations", O, "United Nations"),
            ("Gonzalez", P, "Juan Gonzalez"),
            ("Miami", L, "Miami"),
        ],
        &[],
    );
    let evs = run(&f);
    assert!(
        find(&evs, EventType::Removal).is_empty(),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_weapon_named_makes_an_agentless_shooting_no_execution() {
    let f = fixture(
        "Slepian was shot with a rifle.",
        &[("Slepian", P, "Barnett Slepian")],
        &[],
    );
    let evs = run(&f);
    assert!(
        find(&evs, EventType::Execution).is_empty(),
        "{}",
        show(&f, &evs)
    );
    assert_eq!(
        find(&evs, EventType::Killing).len(),
        1,
        "{}",
        show(&f, &evs)
    );
    // Without a weapon it stays the execution it usually is.
    let f = fixture(
        "Zinoviev was shot.",
        &[("Zinoviev", P, "Grigory Zinoviev")],
        &[],
    );
    let evs = run(&f);
    assert_eq!(
        find(&evs, EventType::Execution).len(),
        1,
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_shot_told_by_where_it_struck_or_its_minute_is_no_execution() {
    for text in [
        "Garfield was shot in the back.",
        "Garfield was shot through the chest.",
        "Garfield was shot at 9:30 a.m.",
    ] {
        let f = fixture(text, &[("Garfield", P, "James A. Garfield")], &[]);
        let evs = run(&f);
        assert!(
            find(&evs, EventType::Execution).is_empty(),
            "{text}: {}",
            show(&f, &evs)
        );
        assert_eq!(
            find(&evs, EventType::Killing).len(),
            1,
            "{text}: {}",
            show(&f, &evs)
        );
    }
    // ("in March", "in the yard" say nothing of the kind)
    let f = fixture(
        "Zinoviev was shot in the cellar.",
        &[("Zinoviev", P, "Grigory Zinoviev")],
        &[],
    );
    let evs = run(&f);
    assert_eq!(
        find(&evs, EventType::Execution).len(),
        1,
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_sentence_initial_time_of_a_report_dates_no_event_it_reports() {
    let f = fixture(
        "In 1979 the House Select Committee (HSCA) said that Garfield was killed by a conspiracy.",
        &[
            ("House Select Committee", O, "House Select Committee"),
            ("Garfield", P, "James A. Garfield"),
        ],
        &[("1979", TimexType::Date, "1979", "year")],
    );
    let evs = run(&f);
    let k = find(&evs, EventType::Killing);
    assert_eq!(k.len(), 1, "{}", show(&f, &evs));
    assert!(k[0].time.is_none(), "{}", show(&f, &evs));
}

#[test]
fn a_time_after_until_or_in_a_later_clause_dates_no_earlier_event() {
    // The end of the custody, not its start; a relative clause's
    // pluperfect, not the main clause's date.
    let mut f = fixture(
        "Rosa Luxemburg was held in the Warsaw Citadel until her release that summer. \
         More was canonised with John Fisher, who had been beheaded before him, on 19 May 1935.",
        &[
            ("Rosa Luxemburg", P, "Rosa Luxemburg"),
            ("Warsaw Citadel", L, "Warsaw Citadel"),
            ("More", P, "Thomas More"),
            ("John Fisher", P, "John Fisher"),
        ],
        &[
            ("that summer", TimexType::Date, "1906-SU", "season"),
            ("19 May 1935", TimexType::Date, "1935-05-19", "date"),
        ],
    );
    tag_upos(&mut f, &[("held", "VERB"), ("beheaded", "VERB")]);
    let evs = run(&f);
    let held = find(&evs, EventType::Imprisonment);
    assert_eq!(held.len(), 1, "{}", show(&f, &evs));
    assert!(held[0].time.is_none(), "{}", show(&f, &evs));
    let beheaded = find(&evs, EventType::Execution);
    assert_eq!(beheaded.len(), 1, "{}", show(&f, &evs));
    assert!(beheaded[0].time.is_none(), "{}", show(&f, &evs));
}

#[test]
fn a_pluperfect_event_takes_no_time_of_another_verb() {
    let mut f = fixture(
        "Guiteau died on 30 June 1882, a year after Garfield had died.",
        &[
            ("Guiteau", P, "Charles Guiteau"),
            ("Garfield", P, "James A. Garfield"),
        ],
        &[("30 June 1882", TimexType::Date, "1882-06-30", "date")],
    );
    tag_upos(&mut f, &[("died", "VERB")]);
    let evs = run(&f);
    let d = find(&evs, EventType::Death);
    assert_eq!(d.len(), 2, "{}", show(&f, &evs));
    let of = |who: &str| {
        d.iter()
            .find(|e| role(&f, e, Role::Subject) == [who])
            .map(|e| e.time.as_ref().map(|t| t.value.clone()))
    };
    assert_eq!(
        of("Charles Guiteau"),
        Some(Some("1882-06-30".into())),
        "{}",
        show(&f, &evs)
    );
    assert_eq!(of("James A. Garfield"), Some(None), "{}", show(&f, &evs));
    // Alone in its sentence it keeps the year the sentence opens with.
    let mut f = fixture(
        "In 1904 Guiteau had joined the party.",
        &[("Guiteau", P, "Charles Guiteau"), ("party", O, "the party")],
        &[("1904", TimexType::Date, "1904", "year")],
    );
    tag_upos(&mut f, &[("joined", "VERB")]);
    let evs = run(&f);
    let j = find(&evs, EventType::Joining);
    assert_eq!(j.len(), 1, "{}", show(&f, &evs));
    assert_eq!(j[0].time.as_ref().map(|t| t.value.as_str()), Some("1904"));
}

#[test]
fn an_object_before_and_is_no_subject_of_the_next_verb() {
    let f = fixture(
        "Guiteau killed Garfield and Corbett killed Booth.",
        &[
            ("Guiteau", P, "Charles Guiteau"),
            ("Garfield", P, "James A. Garfield"),
            ("Corbett", P, "Boston Corbett"),
            ("Booth", P, "John Wilkes Booth"),
        ],
        &[],
    );
    let evs = run(&f);
    let k = find(&evs, EventType::Killing);
    let of_booth = k
        .iter()
        .find(|e| role(&f, e, Role::Subject) == ["John Wilkes Booth"])
        .unwrap_or_else(|| panic!("{}", show(&f, &evs)));
    assert_eq!(
        role(&f, of_booth, Role::Agent),
        ["Boston Corbett"],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn an_object_pronoun_is_no_subject_and_a_charge_takes_no_sentence_time() {
    let mut f = fixture(
        "In 1963, the man arrested for killing him was later killed.",
        &[("him", P, "J. D. Tippit")],
        &[("1963", TimexType::Date, "1963", "year")],
    );
    // (as the tagger reads it: "for" a subordinator)
    tag_upos(
        &mut f,
        &[
            ("for", "SCONJ"),
            ("killing", "VERB"),
            ("arrested", "VERB"),
            ("killed", "VERB"),
        ],
    );
    let evs = run(&f);
    let k = find(&evs, EventType::Killing);
    // one killing (the charge's), of Tippit, undated; "was … killed" has
    // no named subject
    assert_eq!(k.len(), 1, "{}", show(&f, &evs));
    assert!(k[0].time.is_none(), "{}", show(&f, &evs));
}

#[test]
fn a_time_after_a_coordinated_verb_is_that_verbs() {
    let f = fixture(
        "Albright, who was born in Prague and fled after the takeover in 1948, spoke.",
        &[
            ("Albright", P, "Madeleine Albright"),
            ("Prague", L, "Prague"),
        ],
        &[("1948", TimexType::Date, "1948", "year")],
    );
    let evs = run(&f);
    let b = find(&evs, EventType::Birth);
    assert_eq!(b.len(), 1, "{}", show(&f, &evs));
    assert!(b[0].time.is_none(), "{}", show(&f, &evs));
    // One verb, one time.
    let f = fixture(
        "Albright was born in Prague in 1937.",
        &[
            ("Albright", P, "Madeleine Albright"),
            ("Prague", L, "Prague"),
        ],
        &[("1937", TimexType::Date, "1937", "year")],
    );
    let evs = run(&f);
    let b = find(&evs, EventType::Birth);
    assert_eq!(b[0].time.as_ref().map(|t| t.value.as_str()), Some("1937"));
}

#[test]
fn a_name_ending_like_a_verb_of_saying_takes_no_time() {
    // "States" in "the United States" is no "states" that reports.
    let f = fixture(
        "On April 4, 1949, on behalf of the United States, Dean Acheson signed the Washington Treaty.",
        &[
            ("United States", L, "United States"),
            ("Dean Acheson", P, "Dean Acheson"),
            ("Washington Treaty", EntityType::Work, "Washington Treaty"),
        ],
        &[("April 4, 1949", TimexType::Date, "1949-04-04", "date_mdy")],
    );
    let evs = run(&f);
    let a = find(&evs, EventType::Agreement);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert_eq!(
        a[0].time.as_ref().map(|t| t.value.as_str()),
        Some("1949-04-04"),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_remembered_event_takes_no_time_from_the_remembrance() {
    let f = fixture(
        "Cuba celebrated the birth of Jose Marti on Friday.",
        &[("Cuba", L, "Cuba"), ("Jose Marti", P, "Jose Marti")],
        &[("Friday", TimexType::Date, "1999-01-29", "weekday")],
    );
    let evs = run(&f);
    let b = find(&evs, EventType::Birth);
    assert_eq!(b.len(), 1, "{}", show(&f, &evs));
    assert!(b[0].time.is_none(), "{}", show(&f, &evs));
}

#[test]
fn a_name_hyphened_to_a_modifier_is_no_filler() {
    let f = fixture(
        "Qantas appointed a Bombay-based consultant.",
        &[("Qantas", O, "Qantas"), ("Bombay", L, "Bombay")],
        &[],
    );
    let evs = run(&f);
    assert!(
        evs.iter()
            .all(|e| !role(&f, e, Role::Subject).contains(&"Bombay".to_string())),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn the_owner_of_an_attack_is_its_author() {
    let mut f = fixture(
        "On April 14, Graziani launched his attack against Nasibu.",
        &[
            ("Graziani", P, "Rodolfo Graziani"),
            ("Nasibu", P, "Ras Nasibu"),
            ("his", P, "Rodolfo Graziani"),
        ],
        &[("April 14", TimexType::Date, "1936-04-14", "date_md")],
    );
    tag_upos(
        &mut f,
        &[
            ("launched", "VERB"),
            ("attack", "NOUN"),
            ("his", "PRON"),
            ("against", "ADP"),
            ("On", "ADP"),
        ],
    );
    let evs = run(&f);
    let a = find(&evs, EventType::Attack);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert_eq!(
        role(&f, a[0], Role::Subject),
        vec!["Ras Nasibu"],
        "{}",
        show(&f, &evs)
    );
    assert_eq!(
        role(&f, a[0], Role::Agent),
        vec!["Rodolfo Graziani"],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_time_modifying_a_noun_dates_that_noun_only() {
    let f = fixture(
        "Carlineo was arrested for the March 21 call to the office. The 1987 murder of Kopp was discovered at Newark.",
        &[("Carlineo", P, "Patrick Carlineo"), ("Kopp", P, "James Kopp"), ("Newark", L, "Newark")],
        &[
            ("March 21", TimexType::Date, "2019-03-21", "date_md"),
            ("1987", TimexType::Date, "1987", "year"),
        ],
    );
    let evs = run(&f);
    let a = find(&evs, EventType::Arrest);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert!(a[0].time.is_none(), "{}", show(&f, &evs));
    // A range modifies its noun too.
    let f2 = fixture(
        "Even after his death, Pinochet remained divisive, with critics calling his 1973-1990 regime violent.",
        &[("Pinochet", P, "Augusto Pinochet"), ("his", P, "Augusto Pinochet")],
        &[
            ("1973", TimexType::Date, "1973", "year"),
            ("1990", TimexType::Date, "1990", "year"),
        ],
    );
    let evs2 = run(&f2);
    assert!(
        find(&evs2, EventType::Death)
            .iter()
            .all(|d| d.time.is_none()),
        "{}",
        show(&f2, &evs2)
    );
    // ... and an event noun right after it is dated by it.
    let k = find(&evs, EventType::Killing);
    assert_eq!(k.len(), 1, "{}", show(&f, &evs));
    assert_eq!(
        k[0].time.as_ref().map(|t| t.value.as_str()),
        Some("1987"),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_life_span_after_a_name_of_a_place_and_post_nominals_is_the_person_s() {
    let f = fixture(
        "Patrick Gordon of Auchleuchries FRS (31 March 1635 – 29 November 1699) was a general.",
        &[
            ("Patrick Gordon", P, "Patrick Gordon"),
            ("Auchleuchries", L, "Auchleuchries"),
        ],
        &[
            ("31 March 1635", TimexType::Date, "1635-03-31", "date_dmy"),
            (
                "29 November 1699",
                TimexType::Date,
                "1699-11-29",
                "date_dmy",
            ),
        ],
    );
    let evs = run(&f);
    for t in [EventType::Birth, EventType::Death] {
        let e = find(&evs, t);
        assert_eq!(e.len(), 1, "{}", show(&f, &evs));
        assert_eq!(
            role(&f, e[0], Role::Subject),
            vec!["Patrick Gordon"],
            "{}",
            show(&f, &evs)
        );
    }
}

#[test]
fn the_narrative_moves_on_to_a_later_year_and_until_a_death_is_beyond_it() {
    let f = fixture(
        "Bernoulli went to St. Petersburg in 1724, but an illness in 1733 gave him an excuse for leaving. He returned to Basel, where he taught until his death.",
        &[("Bernoulli", P, "Daniel Bernoulli"), ("He", P, "Daniel Bernoulli"), ("his", P, "Daniel Bernoulli"), ("Basel", L, "Basel")],
        &[
            ("1724", TimexType::Date, "1724", "year"),
            ("1733", TimexType::Date, "1733", "year"),
        ],
    );
    let evs = run(&f);
    let m: Vec<_> = find(&evs, EventType::Move)
        .into_iter()
        .filter(|e| role(&f, e, Role::Destination) == ["Basel"])
        .collect();
    assert_eq!(m.len(), 1, "{}", show(&f, &evs));
    assert_eq!(
        m[0].time.as_ref().map(|t| t.value.as_str()),
        Some("1733"),
        "{}",
        show(&f, &evs)
    );
    let d = find(&evs, EventType::Death);
    assert_eq!(d.len(), 1, "{}", show(&f, &evs));
    assert!(d[0].time.is_none(), "{}", show(&f, &evs));
}

#[test]
fn an_intransitive_move_with_an_object_is_no_move() {
    let f = fixture(
        "Santa Anna settled the dispute in Mexico. Term limits for the Courts returning government to the People. Trotsky returned home to Moscow. Cornwallis moved his forces to Yorktown.",
        &[
            ("Santa Anna", P, "Santa Anna"),
            ("Mexico", L, "Mexico"),
            ("Courts", O, "Courts"),
            ("Trotsky", P, "Leon Trotsky"),
            ("Moscow", L, "Moscow"),
            ("Cornwallis", P, "Charles Cornwallis"),
            ("Yorktown", L, "Yorktown"),
        ],
        &[],
    );
    let evs = run(&f);
    let m = find(&evs, EventType::Move);
    assert_eq!(m.len(), 2, "{}", show(&f, &evs));
    assert_eq!(
        role(&f, m[0], Role::Subject),
        vec!["Leon Trotsky"],
        "{}",
        show(&f, &evs)
    );
    // with one's army the commander moves
    assert_eq!(
        role(&f, m[1], Role::Subject),
        vec!["Charles Cornwallis"],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_place_and_its_state_inside_an_apposition_are_not_the_subject() {
    let f = fixture(
        "Ahmed Mohamed, a boy from Irving, Texas, was arrested at his school by police.",
        &[
            ("Ahmed Mohamed", P, "Ahmed Mohamed"),
            ("Irving", L, "Irving"),
            ("Texas", L, "Texas"),
        ],
        &[],
    );
    let evs = run(&f);
    let a = find(&evs, EventType::Arrest);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert_eq!(
        role(&f, a[0], Role::Subject),
        vec!["Ahmed Mohamed"],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_list_of_places_is_no_place_and_its_state() {
    let f = fixture(
        "Hungary, Slovakia, and Romania joined the Tripartite Pact in 1940.",
        &[
            ("Hungary", L, "Hungary"),
            ("Slovakia", L, "Slovakia"),
            ("Romania", L, "Romania"),
            ("Tripartite Pact", EntityType::Work, "Tripartite Pact"),
        ],
        &[("1940", TimexType::Date, "1940", "year")],
    );
    let evs = run(&f);
    let subjects: Vec<String> = find(&evs, EventType::Joining)
        .iter()
        .flat_map(|e| role(&f, e, Role::Subject))
        .collect();
    assert!(
        subjects.contains(&"Hungary".to_string()),
        "{}",
        show(&f, &evs)
    );
    assert!(
        subjects.contains(&"Romania".to_string()),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_capitalised_modifier_does_not_make_a_place() {
    let f = fixture(
        "Hamas spoke after the death of Nasser in Israeli artillery shelling.",
        &[("Hamas", O, "Hamas"), ("Nasser", P, "Ahmad Nasser")],
        &[],
    );
    let evs = run(&f);
    let d = find(&evs, EventType::Death);
    assert_eq!(d.len(), 1, "{}", show(&f, &evs));
    assert!(role(&f, d[0], Role::Place).is_empty(), "{}", show(&f, &evs));
    // A destination may be so named.
    let f = fixture(
        "Nicholas exiled Dmitri to the Persian front.",
        &[
            ("Nicholas", P, "Nicholas II"),
            ("Dmitri", P, "Dmitri Pavlovich"),
        ],
        &[],
    );
    let evs = run(&f);
    let e = find(&evs, EventType::Exile);
    assert_eq!(e.len(), 1, "{}", show(&f, &evs));
    assert_eq!(
        role(&f, e[0], Role::Destination),
        vec!["the Persian front"],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn promotions_and_offices_taken_are_appointments() {
    let f = fixture(
        "Gordon was promoted to major-general in 1678. Carranza became president in 1914. Ford took office in 1974. Fenwick became Lord Protector in 1653. In 1908 Laval was made full professor.",
        &[("Gordon", P, "Patrick Gordon"), ("Carranza", P, "Venustiano Carranza"), ("Ford", P, "Gerald Ford"), ("Fenwick", P, "Hal Fenwick"), ("Laval", P, "Anne Laval")],
        &[
            ("1678", TimexType::Date, "1678", "year"),
            ("1914", TimexType::Date, "1914", "year"),
            ("1974", TimexType::Date, "1974", "year"),
            ("1653", TimexType::Date, "1653", "year"),
            ("1908", TimexType::Date, "1908", "year"),
        ],
    );
    let evs = run(&f);
    let got = subjects_and_times(&f, &evs, EventType::Appointment);
    assert_eq!(
        got,
        vec![
            (vec!["Anne Laval".to_string()], Some("1908".to_string())),
            (vec!["Gerald Ford".to_string()], Some("1974".to_string())),
            (vec!["Hal Fenwick".to_string()], Some("1653".to_string())),
            (vec!["Patrick Gordon".to_string()], Some("1678".to_string())),
            (
                vec!["Venustiano Carranza".to_string()],
                Some("1914".to_string())
            ),
        ],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_time_in_a_parenthesis_dates_nothing_outside_it() {
    let f = fixture(
        "Moreau was born in Paris, the daughter of Katherine, a dancer (born 1901, died 1990), and Anatole, a cook.",
        &[("Moreau", P, "Jeanne Moreau"), ("Paris", L, "Paris"), ("Katherine", P, "Katherine Buckley"), ("Anatole", P, "Anatole Moreau")],
        &[("1990", TimexType::Date, "1990", "year")],
    );
    let evs = run(&f);
    let b = find(&evs, EventType::Birth);
    assert_eq!(b.len(), 1, "{}", show(&f, &evs));
    assert!(b[0].time.is_none(), "{}", show(&f, &evs));
}

#[test]
fn a_time_counted_from_an_event_is_no_time_of_it() {
    let f = fixture(
        "The book is still in print over 70 years after his death and more than 100 years after publication.",
        &[("his", P, "Otto Jespersen")],
        &[
            ("over 70 years after", TimexType::Date, "2013", "rel_unit_later"),
            ("more than 100 years after", TimexType::Date, "2005", "rel_unit_later"),
        ],
    );
    let evs = run(&f);
    let d = find(&evs, EventType::Death);
    assert_eq!(d.len(), 1, "{}", show(&f, &evs));
    assert!(d[0].time.is_none(), "{}", show(&f, &evs));
}

#[test]
fn an_attack_in_words_is_no_attack() {
    let f = fixture(
        "Trotsky attacked Stalin politically and personally through his books. Mercader attacked Trotsky with an ice pick.",
        &[("Trotsky", P, "Leon Trotsky"), ("Stalin", P, "Joseph Stalin"), ("Mercader", P, "Ramon Mercader")],
        &[],
    );
    let evs = run(&f);
    let a = find(&evs, EventType::Attack);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert_eq!(
        role(&f, a[0], Role::Agent),
        vec!["Ramon Mercader"],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn setting_up_a_campaign_founds_no_body() {
    let f = fixture(
        "He set up the Red Terror to eliminate impure elements. Lenin set up the Cheka.",
        &[
            ("He", P, "Leon Trotsky"),
            ("Red Terror", EntityType::EventName, "Red Terror"),
            ("Lenin", P, "Vladimir Lenin"),
            ("Cheka", O, "Cheka"),
        ],
        &[],
    );
    let evs = run(&f);
    let subjects: Vec<String> = find(&evs, EventType::Founding)
        .iter()
        .flat_map(|e| role(&f, e, Role::Subject))
        .collect();
    assert_eq!(subjects, vec!["Cheka"], "{}", show(&f, &evs));
}

#[test]
fn a_participle_coordinated_with_a_passive_is_a_verb_whatever_the_tagger_says() {
    let mut f = fixture(
        "Filipp Medved was removed from his post and later shot.",
        &[
            ("Filipp Medved", P, "Filipp Medved"),
            ("his", P, "Filipp Medved"),
        ],
        &[],
    );
    tag_upos(
        &mut f,
        &[
            ("was", "AUX"),
            ("removed", "VERB"),
            ("from", "ADP"),
            ("his", "PRON"),
            ("post", "NOUN"),
            ("shot", "NOUN"),
            ("and", "CCONJ"),
            ("later", "ADV"),
            ("Filipp", "PROPN"),
            ("Medved", "PROPN"),
        ],
    );
    let evs = run(&f);
    let e = find(&evs, EventType::Execution);
    assert_eq!(e.len(), 1, "{}", show(&f, &evs));
    assert_eq!(
        role(&f, e[0], Role::Subject),
        vec!["Filipp Medved"],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_lone_word_the_tagger_took_for_a_person_may_be_a_destination() {
    let f = fixture(
        "Pausanias settled in Colonae. Trotsky moved to Stalin.",
        &[
            ("Pausanias", P, "Pausanias"),
            ("Colonae", P, "Colonae"),
            ("Trotsky", P, "Leon Trotsky"),
            ("Stalin", P, "Joseph Stalin"),
        ],
        &[],
    );
    let mut f = f;
    // Stalin has a gender: a person, no destination.
    for le in
        f.ta.entities
            .iter_mut()
            .filter(|e| e.name == "Joseph Stalin")
    {
        le.gender = Some("male".into());
    }
    let evs = run(&f);
    let m = find(&evs, EventType::Move);
    assert_eq!(m.len(), 1, "{}", show(&f, &evs));
    assert_eq!(
        role(&f, m[0], Role::Destination),
        vec!["Colonae"],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn an_event_noun_modifying_another_noun_names_no_event() {
    // "Miami's exile Cuban community", "Trotsky's murder weapon": no exile
    // of Miami, no killing of Trotsky; "Trotsky's murder" is one.
    let f = fixture(
        "The term describes Miami's exile Cuban community. Police kept Trotsky's murder weapon. Stalin ordered Trotsky's murder.",
        &[("Miami", L, "Miami"), ("Trotsky", P, "Leon Trotsky"), ("Stalin", P, "Joseph Stalin")],
        &[],
    );
    let mut f = f;
    tag_upos(
        &mut f,
        &[
            ("describes", "VERB"),
            ("kept", "VERB"),
            ("ordered", "VERB"),
            ("exile", "NOUN"),
            ("community", "NOUN"),
            ("murder", "NOUN"),
            ("weapon", "NOUN"),
            ("term", "NOUN"),
            ("Police", "NOUN"),
            ("Cuban", "ADJ"),
            ("The", "DET"),
        ],
    );
    let evs = run(&f);
    assert!(
        find(&evs, EventType::Exile).is_empty(),
        "{}",
        show(&f, &evs)
    );
    let k = find(&evs, EventType::Killing);
    assert_eq!(k.len(), 1, "{}", show(&f, &evs));
    assert!(
        f.doc.text[k[0].evidence.start..].starts_with("Stalin"),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn releasing_a_work_is_its_publication_not_a_release_from_prison() {
    let f = fixture(
        "Kanye West released the album Graduation. Hauser was released on bond.",
        &[
            ("Kanye West", P, "Kanye West"),
            ("Hauser", P, "George Hauser"),
        ],
        &[],
    );
    let mut f = f;
    tag_upos(
        &mut f,
        &[
            ("released", "VERB"),
            ("was", "AUX"),
            ("album", "NOUN"),
            ("bond", "NOUN"),
            ("the", "DET"),
            ("on", "ADP"),
        ],
    );
    let evs = run(&f);
    let p = find(&evs, EventType::Publication);
    assert_eq!(p.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, p[0], Role::Subject), ["Kanye West"]);
    assert_eq!(role(&f, p[0], Role::Work), ["the album Graduation"]);
    let r = find(&evs, EventType::Release);
    assert_eq!(r.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, r[0], Role::Subject), ["George Hauser"]);
}

#[test]
fn a_future_event_is_not_asserted() {
    let f = fixture(
        "Kirov will be arrested tomorrow. Kirov was arrested in 1904.",
        &[("Kirov", P, "Sergei Kirov")],
        &[],
    );
    let evs = run(&f);
    let facts: Vec<Factuality> = find(&evs, EventType::Arrest)
        .iter()
        .map(|e| e.factuality)
        .collect();
    assert_eq!(
        facts,
        [Factuality::Hypothetical, Factuality::Asserted],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_time_after_an_event_noun_dates_that_noun_unless_it_frames_the_event() {
    let f = fixture(
        "Saddam was hanged for the execution of civilians in the early 1980s. Hooker was replaced by Meade during the invasion of the North, in June 1863.",
        &[("Saddam", P, "Saddam Hussein"), ("Hooker", P, "Joseph Hooker"), ("Meade", P, "George Meade"), ("North", L, "North")],
        &[
            ("the early 1980s", TimexType::Date, "198X", "decade"),
            ("June 1863", TimexType::Date, "1863-06", "month_year"),
        ],
    );
    let mut f = f;
    tag_upos(
        &mut f,
        &[
            ("hanged", "VERB"),
            ("replaced", "VERB"),
            ("was", "AUX"),
            ("execution", "NOUN"),
            ("civilians", "NOUN"),
            ("invasion", "NOUN"),
            ("the", "DET"),
            ("for", "ADP"),
            ("of", "ADP"),
            ("in", "ADP"),
            ("by", "ADP"),
            ("during", "ADP"),
        ],
    );
    let evs = run(&f);
    let hanged: Vec<_> = find(&evs, EventType::Execution)
        .into_iter()
        .filter(|e| e.trigger_text == "hanged")
        .collect();
    assert_eq!(hanged.len(), 1, "{}", show(&f, &evs));
    assert!(hanged[0].time.is_none(), "{}", show(&f, &evs));
    let a = find(&evs, EventType::Appointment);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert_eq!(
        a[0].time.as_ref().map(|t| t.value.as_str()),
        Some("1863-06"),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn assuming_command_and_concluding_a_pact_are_events() {
    // Both triggers had a direct-object gap ("assume _ command") that no
    // text fills: "assumed personal command", "concluded a pact".
    let f = fixture(
        "Nicholas assumed personal command of the army in 1915. Stalin concluded a pact with Hitler in 1939.",
        &[("Nicholas", P, "Nicholas II"), ("Stalin", P, "Joseph Stalin"), ("Hitler", P, "Adolf Hitler")],
        &[
            ("1915", TimexType::Date, "1915", "year"),
            ("1939", TimexType::Date, "1939", "year"),
        ],
    );
    let mut f = f;
    tag_upos(
        &mut f,
        &[
            ("assumed", "VERB"),
            ("concluded", "VERB"),
            ("personal", "ADJ"),
            ("command", "NOUN"),
            ("army", "NOUN"),
            ("pact", "NOUN"),
            ("a", "DET"),
            ("the", "DET"),
            ("of", "ADP"),
            ("in", "ADP"),
            ("with", "ADP"),
        ],
    );
    let evs = run(&f);
    let a = find(&evs, EventType::Appointment);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, a[0], Role::Subject), ["Nicholas II"]);
    let g = find(&evs, EventType::Agreement);
    assert_eq!(g.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, g[0], Role::Subject), ["Joseph Stalin"]);
}

#[test]
fn a_hyphened_prefix_keeps_the_verb_group() {
    let mut f = fixture(
        "Lincoln was re-elected in 1864. Dreyfus was re-arrested in 1899.",
        &[
            ("Lincoln", P, "Abraham Lincoln"),
            ("Dreyfus", P, "Alfred Dreyfus"),
        ],
        &[
            ("1864", TimexType::Date, "1864", "year"),
            ("1899", TimexType::Date, "1899", "year"),
        ],
    );
    tag_upos(
        &mut f,
        &[
            ("was", "AUX"),
            ("re", "ADP"),
            ("-", "PUNCT"),
            ("elected", "VERB"),
            ("arrested", "VERB"),
        ],
    );
    let evs = run(&f);
    let a = find(&evs, EventType::Appointment);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, a[0], Role::Subject), ["Abraham Lincoln"]);
    let r = find(&evs, EventType::Arrest);
    assert_eq!(role(&f, r[0], Role::Subject), ["Alfred Dreyfus"]);
}

#[test]
fn a_present_participle_between_commas_keeps_the_subject_before_it() {
    let mut f = fixture(
        "Caesar defeated Pompey at Pharsalus in 48 BC, and Pompey, escaping to Egypt, was stabbed to death at Pelusium.",
        &[
            ("Caesar", P, "Julius Caesar"),
            ("Pompey", P, "Pompey"),
            ("Pharsalus", L, "Pharsalus"),
            ("Egypt", L, "Egypt"),
            ("Pelusium", L, "Pelusium"),
        ],
        &[("48 BC", TimexType::Date, "BC0048", "year_era")],
    );
    tag_upos(
        &mut f,
        &[
            ("defeated", "VERB"),
            ("escaping", "VERB"),
            ("was", "AUX"),
            ("stabbed", "VERB"),
        ],
    );
    let evs = run(&f);
    let k = find(&evs, EventType::Killing);
    assert_eq!(k.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, k[0], Role::Subject), ["Pompey"]);
}

#[test]
fn a_year_in_brackets_after_a_name_dates_that_name_only() {
    let mut f = fixture(
        "Suetonius writes that Caesar died without a word; the Latin phrase is William Shakespeare's invention in Julius Caesar (1599).",
        &[
            ("Suetonius", P, "Suetonius"),
            ("Caesar", P, "Julius Caesar"),
            ("William Shakespeare", P, "William Shakespeare"),
            ("Julius Caesar", EntityType::Work, "Julius Caesar (play)"),
        ],
        &[("1599", TimexType::Date, "1599", "year")],
    );
    tag_upos(
        &mut f,
        &[("writes", "VERB"), ("died", "VERB"), ("is", "AUX")],
    );
    let evs = run(&f);
    let d = find(&evs, EventType::Death);
    assert_eq!(d.len(), 1, "{}", show(&f, &evs));
    assert!(d[0].time.is_none(), "{}", show(&f, &evs));
}

#[test]
fn a_participle_coordinated_with_a_passive_one_is_passive() {
    let mut f = fixture(
        "Cicero, who had attacked Antony in his speeches, was caught and killed near Formiae in 43 BC.",
        &[
            ("Cicero", P, "Cicero"),
            ("Antony", P, "Mark Antony"),
            ("his", P, "Cicero"),
            ("Formiae", L, "Formiae"),
        ],
        &[("43 BC", TimexType::Date, "BC0043", "year_era")],
    );
    tag_upos(
        &mut f,
        &[
            ("had", "AUX"),
            ("attacked", "VERB"),
            ("was", "AUX"),
            ("caught", "VERB"),
            ("killed", "VERB"),
        ],
    );
    let evs = run(&f);
    let k = find(&evs, EventType::Killing);
    assert_eq!(k.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, k[0], Role::Subject), ["Cicero"]);
    assert!(role(&f, k[0], Role::Agent).is_empty(), "{}", show(&f, &evs));
}

#[test]
fn arrests_sentences_removals_and_offices_in_other_words() {
    // (text, subject, type, the tagger's tags)
    type Case<'a> = (&'a str, &'a str, EventType, &'a [(&'a str, &'a str)]);
    let cases: &[Case] = &[
        (
            "Atzerodt was seized at Germantown.",
            "Atzerodt",
            EventType::Arrest,
            &[("was", "AUX"), ("seized", "VERB")],
        ),
        (
            "Mudd received life imprisonment.",
            "Mudd",
            EventType::Sentence,
            &[("received", "VERB")],
        ),
        (
            "Esterhazy was discharged from the army.",
            "Esterhazy",
            EventType::Removal,
            &[("was", "AUX"), ("discharged", "VERB")],
        ),
        (
            "Caesar was named dictator.",
            "Caesar",
            EventType::Appointment,
            &[("was", "AUX"), ("named", "VERB")],
        ),
        (
            "Dreyfus was made a knight of the Legion of Honour.",
            "Dreyfus",
            EventType::Appointment,
            &[("was", "AUX"), ("made", "VERB")],
        ),
        (
            "Picquart was posted to Tunisia.",
            "Picquart",
            EventType::Move,
            &[("was", "AUX"), ("posted", "VERB")],
        ),
        (
            "Dreyfus was reinstated in the army.",
            "Dreyfus",
            EventType::Appointment,
            &[("was", "AUX"), ("reinstated", "VERB")],
        ),
    ];
    for (text, who, t, tags) in cases {
        // (a person named in full elsewhere in the document)
        let full = format!("John {who}");
        let mut f = fixture(text, &[(who, P, &full), ("Tunisia", L, "Tunisia")], &[]);
        tag_upos(&mut f, tags);
        let evs = run(&f);
        let e = find(&evs, *t);
        assert_eq!(e.len(), 1, "{text}: {}", show(&f, &evs));
        assert_eq!(role(&f, e[0], Role::Subject), [full], "{text}");
    }
    // Not people: no arrest, no appointment.
    let mut f = fixture(
        "The army seized the city. He was named after his uncle.",
        &[("He", P, "Someone")],
        &[],
    );
    tag_upos(
        &mut f,
        &[("seized", "VERB"), ("was", "AUX"), ("named", "VERB")],
    );
    let evs = run(&f);
    assert!(evs.is_empty(), "{}", show(&f, &evs));
}

#[test]
fn a_shooting_the_victim_survived_is_an_attack() {
    let mut f = fixture(
        "His lawyer Fernand Labori was shot in the back in a Rennes street but survived.",
        &[
            ("Fernand Labori", P, "Fernand Labori"),
            ("Rennes", L, "Rennes"),
        ],
        &[],
    );
    tag_upos(
        &mut f,
        &[("was", "AUX"), ("shot", "VERB"), ("survived", "VERB")],
    );
    let evs = run(&f);
    assert!(
        find(&evs, EventType::Execution).is_empty(),
        "{}",
        show(&f, &evs)
    );
    let a = find(&evs, EventType::Attack);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, a[0], Role::Subject), ["Fernand Labori"]);
}

#[test]
fn sailing_somewhere_and_being_removed_there_are_moves() {
    let f = fixture(
        "In 1921 Laval sailed to Boston. Soldiers removed Fenwick to Hurst Castle. Later Fenwick was removed from office.",
        &[("Laval", P, "Anne Laval"), ("Boston", L, "Boston"), ("Fenwick", P, "Hal Fenwick"), ("Hurst Castle", L, "Hurst Castle")],
        &[("1921", TimexType::Date, "1921", "year")],
    );
    let evs = run(&f);
    let mut got: Vec<(Vec<String>, Vec<String>)> = find(&evs, EventType::Move)
        .iter()
        .map(|e| (role(&f, e, Role::Subject), role(&f, e, Role::Destination)))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (vec!["Anne Laval".to_string()], vec!["Boston".to_string()]),
            (
                vec!["Hal Fenwick".to_string()],
                vec!["Hurst Castle".to_string()]
            ),
        ],
        "{}",
        show(&f, &evs)
    );
    assert_eq!(
        find(&evs, EventType::Removal).len(),
        1,
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn giving_oneself_up_is_an_arrest_and_a_judge_presiding_is_the_trials_agent() {
    let f = fixture(
        "On 5 May 1646 Fenwick gave himself up to the Scots. The garrison surrendered to the Prussians. In 1645 Hal Fenwick turned himself in. General Stessel surrendered to the Japanese. Bradley presided over the trial of Fenwick.",
        &[("Fenwick", P, "Hal Fenwick"), ("Hal Fenwick", P, "Hal Fenwick"), ("Stessel", P, "Anatoly Stessel"), ("Bradley", P, "John Bradley")],
        &[
            ("5 May 1646", TimexType::Date, "1646-05-05", "dmy"),
            ("1645", TimexType::Date, "1645", "year"),
        ],
    );
    let evs = run(&f);
    let got = subjects_and_times(&f, &evs, EventType::Arrest);
    assert_eq!(
        got,
        vec![
            (vec!["Hal Fenwick".to_string()], Some("1645".to_string())),
            (
                vec!["Hal Fenwick".to_string()],
                Some("1646-05-05".to_string())
            ),
        ],
        "{}",
        show(&f, &evs)
    );
    let t = find(&evs, EventType::Trial);
    assert_eq!(t.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, t[0], Role::Subject), ["Hal Fenwick"]);
    assert_eq!(role(&f, t[0], Role::Agent), ["John Bradley"]);
}

#[test]
fn a_when_clause_after_a_time_takes_that_time() {
    let f = fixture(
        "Fenwick was held at Holdenby House until June 1647, when Bradley seized him.",
        &[
            ("Fenwick", P, "Hal Fenwick"),
            ("Holdenby House", L, "Holdenby House"),
            ("Bradley", P, "John Bradley"),
            ("him", P, "Hal Fenwick"),
        ],
        &[("June 1647", TimexType::Date, "1647-06", "month")],
    );
    let evs = run(&f);
    let a = find(&evs, EventType::Arrest);
    assert_eq!(a.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, a[0], Role::Subject), ["Hal Fenwick"]);
    assert_eq!(
        a[0].time
            .as_ref()
            .map(|t| (t.value.as_str(), t.how.as_str())),
        Some(("1647-06", "clause"))
    );
}

#[test]
fn the_body_of_a_person_found_or_discovered_is_a_discovery_of_that_person() {
    let f = fixture(
        "Police found the body of Hal Fenwick in the river. Two days later divers discovered the body of Anna Laval. The body of Paul Ferrand was discovered in May.",
        &[("Hal Fenwick", P, "Hal Fenwick"), ("Anna Laval", P, "Anna Laval"), ("Paul Ferrand", P, "Paul Ferrand")],
        &[("May", TimexType::Date, "1920-05", "month")],
    );
    let evs = run(&f);
    let mut got: Vec<Vec<String>> = find(&evs, EventType::Discovery)
        .iter()
        .map(|e| role(&f, e, Role::Subject))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [["Anna Laval"], ["Hal Fenwick"], ["Paul Ferrand"]],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn coming_to_the_throne_is_an_appointment() {
    let f = fixture(
        "Fenwick came to the throne in 1625. In 1558 Laval ascended the throne. Bradley succeeded to the throne in 1901. The accession of Poland to the union was in 2004.",
        &[("Fenwick", P, "Hal Fenwick"), ("Laval", P, "Anne Laval"), ("Bradley", P, "John Bradley"), ("Poland", L, "Poland")],
        &[
            ("1625", TimexType::Date, "1625", "year"),
            ("1558", TimexType::Date, "1558", "year"),
            ("1901", TimexType::Date, "1901", "year"),
            ("2004", TimexType::Date, "2004", "year"),
        ],
    );
    let evs = run(&f);
    let got = subjects_and_times(&f, &evs, EventType::Appointment);
    assert_eq!(
        got,
        vec![
            (vec!["Anne Laval".to_string()], Some("1558".to_string())),
            (vec!["Hal Fenwick".to_string()], Some("1625".to_string())),
            (vec!["John Bradley".to_string()], Some("1901".to_string())),
        ],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_paper_running_a_story_is_a_publication() {
    let f = fixture(
        "Le Matin ran the story on 4 November 1911. Bradley ran the company until 1920.",
        &[("Le Matin", O, "Le Matin"), ("Bradley", P, "John Bradley")],
        &[
            ("4 November 1911", TimexType::Date, "1911-11-04", "dmy"),
            ("1920", TimexType::Date, "1920", "year"),
        ],
    );
    let evs = run(&f);
    let got = subjects_and_times(&f, &evs, EventType::Publication);
    assert_eq!(
        got,
        vec![(vec!["Le Matin".to_string()], Some("1911-11-04".to_string()))],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_destination_named_in_the_phrase_after_an_unnamed_one() {
    let f = fixture(
        "In 1988 Varga was moved to a house in the grounds of Verster Prison near Paarl. Later Varga went to a meeting of friends. In 1633 Orsi reached Rome.",
        &[
            ("Varga", P, "Tom Varga"),
            ("Verster Prison", L, "Verster Prison"),
            ("Paarl", L, "Paarl"),
            ("Orsi", P, "Ada Orsi"),
            ("Rome", L, "Rome"),
        ],
        &[
            ("1988", TimexType::Date, "1988", "year"),
            ("1633", TimexType::Date, "1633", "year"),
        ],
    );
    let evs = run(&f);
    let mut got: Vec<(Vec<String>, Vec<String>)> = find(&evs, EventType::Move)
        .iter()
        .map(|e| (role(&f, e, Role::Subject), role(&f, e, Role::Destination)))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (vec!["Ada Orsi".to_string()], vec!["Rome".to_string()]),
            (
                vec!["Tom Varga".to_string()],
                vec!["Verster Prison".to_string()]
            ),
        ],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_quoted_title_is_the_object() {
    let f = fixture(
        "In 1963 Varga wrote the \" Letter from Birmingham Jail \" in a cell.",
        &[
            ("Varga", P, "Tom Varga"),
            (
                "Letter from Birmingham Jail",
                EntityType::Work,
                "Letter from Birmingham Jail",
            ),
        ],
        &[("1963", TimexType::Date, "1963", "year")],
    );
    let evs = run(&f);
    let got: Vec<(Vec<String>, Vec<String>)> = find(&evs, EventType::Publication)
        .iter()
        .map(|e| (role(&f, e, Role::Subject), role(&f, e, Role::Work)))
        .collect();
    assert_eq!(
        got,
        vec![(
            vec!["Tom Varga".to_string()],
            vec!["Letter from Birmingham Jail".to_string()]
        )],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_work_appearing_is_its_owners_publication() {
    let f = fixture(
        "Bernard Lazare , whose pamphlet A Judicial Error appeared in 1896 , was first. Later Lazare appeared in court.",
        &[
            ("Bernard Lazare", P, "Bernard Lazare"),
            ("A Judicial Error", EntityType::Work, "A Judicial Error"),
            ("Lazare", P, "Bernard Lazare"),
        ],
        &[("1896", TimexType::Date, "1896", "year")],
    );
    let evs = run(&f);
    let got: Vec<(Vec<String>, Vec<String>)> = find(&evs, EventType::Publication)
        .iter()
        .map(|e| (role(&f, e, Role::Subject), role(&f, e, Role::Work)))
        .collect();
    assert_eq!(
        got,
        vec![(
            vec!["Bernard Lazare".to_string()],
            vec!["A Judicial Error".to_string()]
        )],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_deed_someone_is_accused_of_is_not_asserted() {
    let f = fixture(
        "In 1934 Varga was accused of forming the \" Leningrad Centre \" .",
        &[
            ("Varga", P, "Tom Varga"),
            (
                "Leningrad Centre",
                EntityType::Organization,
                "Leningrad Centre",
            ),
        ],
        &[("1934", TimexType::Date, "1934", "year")],
    );
    let evs = run(&f);
    assert!(
        facts_of(&evs)
            .iter()
            .all(|(t, fa)| *t != EventType::Founding || *fa != Factuality::Asserted),
        "{}",
        show(&f, &evs)
    );
    assert!(
        !find(&evs, EventType::Founding).is_empty(),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn recaptured_picked_up_and_handed_to_the_police_are_arrests() {
    let f = fixture(
        "Varga was recaptured in the woods. Later Orsi was picked up in Bombay. Then Rossi was handed over to the police. Rossi picked up the phone.",
        &[
            ("Varga", P, "Tom Varga"),
            ("Orsi", P, "Ada Orsi"),
            ("Bombay", L, "Bombay"),
            ("Rossi", P, "Eva Rossi"),
        ],
        &[],
    );
    let evs = run(&f);
    let mut got: Vec<Vec<String>> = find(&evs, EventType::Arrest)
        .iter()
        .map(|e| role(&f, e, Role::Subject))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            vec!["Ada Orsi".to_string()],
            vec!["Eva Rossi".to_string()],
            vec!["Tom Varga".to_string()]
        ],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn names_in_apposition_to_a_common_noun_are_the_participants() {
    let f = fixture(
        "Two workers , Tom Varga and Ada Orsi , died in a truck in 1968. In 1970 police killed a teenager , Eva Rossi .",
        &[
            ("Tom Varga", P, "Tom Varga"),
            ("Ada Orsi", P, "Ada Orsi"),
            ("Eva Rossi", P, "Eva Rossi"),
        ],
        &[
            ("1968", TimexType::Date, "1968", "year"),
            ("1970", TimexType::Date, "1970", "year"),
        ],
    );
    let evs = run(&f);
    let mut died: Vec<Vec<String>> = find(&evs, EventType::Death)
        .iter()
        .map(|e| role(&f, e, Role::Subject))
        .collect();
    died.sort();
    died.dedup();
    assert_eq!(
        died,
        vec![
            vec!["Ada Orsi".to_string()],
            vec!["Eva Rossi".to_string()],
            vec!["Tom Varga".to_string()]
        ],
        "{}",
        show(&f, &evs)
    );
    let killed: Vec<Vec<String>> = find(&evs, EventType::Killing)
        .iter()
        .map(|e| role(&f, e, Role::Subject))
        .collect();
    assert_eq!(
        killed,
        vec![vec!["Eva Rossi".to_string()]],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_negation_on_a_verb_alone_is_not_shared_by_the_next_conjunct() {
    let mut f = fixture(
        "Varga never recovered from the loss and died in 1882. Orsi was not arrested and tried.",
        &[("Varga", P, "Tom Varga"), ("Orsi", P, "Ada Orsi")],
        &[("1882", TimexType::Date, "1882", "year")],
    );
    tag_upos(
        &mut f,
        &[
            ("recovered", "VERB"),
            ("died", "VERB"),
            ("arrested", "VERB"),
            ("tried", "VERB"),
            ("was", "AUX"),
        ],
    );
    let evs = run(&f);
    let facts = facts_of(&evs);
    assert!(
        facts.contains(&(EventType::Death, Factuality::Asserted)),
        "{}",
        show(&f, &evs)
    );
    assert!(
        facts
            .iter()
            .filter(|(t, _)| matches!(t, EventType::Arrest | EventType::Trial))
            .all(|(_, fa)| *fa == Factuality::Negated),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn crushed_to_death_helped_found_and_created_a_named_body() {
    let f = fixture(
        "In 1968 Varga was crushed to death in a truck. In 1957 Orsi helped found the Leadership Conference. In 1963 the Warren Commission was created by Rossi.",
        &[
            ("Varga", P, "Tom Varga"),
            ("Orsi", P, "Ada Orsi"),
            ("Leadership Conference", EntityType::Organization, "Leadership Conference"),
            ("Warren Commission", EntityType::Organization, "Warren Commission"),
            ("Rossi", P, "Eva Rossi"),
        ],
        &[
            ("1968", TimexType::Date, "1968", "year"),
            ("1957", TimexType::Date, "1957", "year"),
            ("1963", TimexType::Date, "1963", "year"),
        ],
    );
    let evs = run(&f);
    assert_eq!(
        find(&evs, EventType::Death)
            .iter()
            .map(|e| role(&f, e, Role::Subject))
            .collect::<Vec<_>>(),
        vec![vec!["Tom Varga".to_string()]],
        "{}",
        show(&f, &evs)
    );
    let mut founded: Vec<(Vec<String>, Vec<String>)> = find(&evs, EventType::Founding)
        .iter()
        .map(|e| (role(&f, e, Role::Subject), role(&f, e, Role::Agent)))
        .collect();
    founded.sort();
    assert_eq!(
        founded,
        vec![
            (
                vec!["Leadership Conference".to_string()],
                vec!["Ada Orsi".to_string()]
            ),
            (
                vec!["Warren Commission".to_string()],
                vec!["Eva Rossi".to_string()]
            ),
        ],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_spouse_named_after_a_common_noun() {
    let f = fixture(
        "In 1961 Varga married a pharmacy worker named Ada Orsi. In 1436 Rossi married a knight , Tom Bell .",
        &[
            ("Varga", P, "Tom Varga"),
            ("Ada Orsi", P, "Ada Orsi"),
            ("Rossi", P, "Eva Rossi"),
            ("Tom Bell", P, "Tom Bell"),
        ],
        &[
            ("1961", TimexType::Date, "1961", "year"),
            ("1436", TimexType::Date, "1436", "year"),
        ],
    );
    let evs = run(&f);
    let mut got: Vec<(Vec<String>, Vec<String>)> = find(&evs, EventType::Marriage)
        .iter()
        .map(|e| (role(&f, e, Role::Subject), role(&f, e, Role::Agent)))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (vec!["Eva Rossi".to_string()], vec!["Tom Bell".to_string()]),
            (vec!["Tom Varga".to_string()], vec!["Ada Orsi".to_string()]),
        ],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_time_after_the_triggers_own_complement_noun_is_the_triggers() {
    let f = fixture(
        "Varga was arrested in 1964 and sentenced to life imprisonment in 1966.",
        &[("Varga", P, "Tom Varga")],
        &[
            ("1964", TimexType::Date, "1964", "year"),
            ("1966", TimexType::Date, "1966", "year"),
        ],
    );
    let evs = run(&f);
    let s = find(&evs, EventType::Sentence);
    assert_eq!(s.len(), 1, "{}", show(&f, &evs));
    assert_eq!(
        s[0].time.as_ref().map(|t| t.value.as_str()),
        Some("1966"),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn going_blind_is_no_move() {
    let f = fixture(
        "Varga went blind in 1638 on the way to Rome. Then Varga went to Rome.",
        &[("Varga", P, "Tom Varga"), ("Rome", L, "Rome")],
        &[("1638", TimexType::Date, "1638", "year")],
    );
    let evs = run(&f);
    assert_eq!(find(&evs, EventType::Move).len(), 1, "{}", show(&f, &evs));
}

#[test]
fn killed_in_a_crash_is_a_death_not_a_killing() {
    let f = fixture(
        "In 1969 Varga was killed in a car crash. In 1970 Orsi was killed by Rossi.",
        &[
            ("Varga", P, "Tom Varga"),
            ("Orsi", P, "Ada Orsi"),
            ("Rossi", P, "Eva Rossi"),
        ],
        &[
            ("1969", TimexType::Date, "1969", "year"),
            ("1970", TimexType::Date, "1970", "year"),
        ],
    );
    let evs = run(&f);
    let killed: Vec<Vec<String>> = find(&evs, EventType::Killing)
        .iter()
        .map(|e| role(&f, e, Role::Subject))
        .collect();
    assert_eq!(
        killed,
        vec![vec!["Ada Orsi".to_string()]],
        "{}",
        show(&f, &evs)
    );
    assert!(
        find(&evs, EventType::Death)
            .iter()
            .any(|e| role(&f, e, Role::Subject) == ["Tom Varga"]),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn held_in_confinement_and_placed_under_house_arrest_are_imprisonments() {
    let f = fixture(
        "From 1895 Varga was held in solitary confinement on Devil Island. In 1633 Orsi was placed under house arrest.",
        &[
            ("Varga", P, "Tom Varga"),
            ("Devil Island", L, "Devil Island"),
            ("Orsi", P, "Ada Orsi"),
        ],
        &[
            ("1895", TimexType::Date, "1895", "year"),
            ("1633", TimexType::Date, "1633", "year"),
        ],
    );
    let evs = run(&f);
    let mut got: Vec<Vec<String>> = find(&evs, EventType::Imprisonment)
        .iter()
        .map(|e| role(&f, e, Role::Subject))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![vec!["Ada Orsi".to_string()], vec!["Tom Varga".to_string()]],
        "{}",
        show(&f, &evs)
    );
    assert!(
        find(&evs, EventType::Arrest).is_empty(),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn leaving_for_setting_out_for_and_making_ones_way_are_moves() {
    let f = fixture(
        "In 1921 Varga left for America. In 1929 Orsi set out for Constantinople. In 1940 Rossi made his way to Mexico. In 1633 Bell was allowed to return to Arcetri.",
        &[
            ("Varga", P, "Tom Varga"),
            ("America", L, "America"),
            ("Orsi", P, "Ada Orsi"),
            ("Constantinople", L, "Constantinople"),
            ("Rossi", P, "Eva Rossi"),
            ("his", P, "Eva Rossi"),
            ("Mexico", L, "Mexico"),
            ("Bell", P, "Tom Bell"),
            ("Arcetri", L, "Arcetri"),
        ],
        &[
            ("1921", TimexType::Date, "1921", "year"),
            ("1929", TimexType::Date, "1929", "year"),
            ("1940", TimexType::Date, "1940", "year"),
            ("1633", TimexType::Date, "1633", "year"),
        ],
    );
    let evs = run(&f);
    let mut got: Vec<(Vec<String>, Vec<String>, Factuality)> = find(&evs, EventType::Move)
        .iter()
        .map(|e| {
            (
                role(&f, e, Role::Subject),
                role(&f, e, Role::Destination),
                e.factuality,
            )
        })
        .collect();
    got.sort_by(|a, b| a.0.cmp(&b.0));
    let s = |x: &str| vec![x.to_string()];
    assert_eq!(
        got,
        vec![
            (s("Ada Orsi"), s("Constantinople"), Factuality::Asserted),
            (s("Eva Rossi"), s("Mexico"), Factuality::Asserted),
            (s("Tom Bell"), s("Arcetri"), Factuality::Asserted),
            (s("Tom Varga"), s("America"), Factuality::Asserted),
        ],
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn floating_quantifier_between_be_and_participle_keeps_the_passive() {
    // "were *each* sentenced": the quantifier floats off the subject; the
    // clause is still passive, with the three named as its subjects.
    let f = fixture(
        "Princip, Cabrinovic and Grabez were each sentenced to twenty years.",
        &[
            ("Princip", P, "Gavrilo Princip"),
            ("Cabrinovic", P, "Nedeljko Cabrinovic"),
            ("Grabez", P, "Trifko Grabez"),
        ],
        &[],
    );
    let evs = run(&f);
    let s = find(&evs, EventType::Sentence);
    assert_eq!(s.len(), 3, "{}", show(&f, &evs));
}

#[test]
fn together_with_names_share_the_subjects_fate() {
    // "sentenced to death together with X and Y": X and Y were sentenced
    // too; a weapon after plain "with" stays an instrument.
    let f = fixture(
        "Ilic was sentenced to death together with Veljko Cubrilovic and Misko Jovanovic. Nikolaev shot Kirov along with a guard.",
        &[
            ("Ilic", P, "Danilo Ilic"),
            ("Veljko Cubrilovic", P, "Veljko Cubrilovic"),
            ("Misko Jovanovic", P, "Misko Jovanovic"),
            ("Nikolaev", P, "Leonid Nikolaev"),
            ("Kirov", P, "Sergei Kirov"),
        ],
        &[],
    );
    let evs = run(&f);
    let s = find(&evs, EventType::Sentence);
    let mut subjects: Vec<String> = s.iter().flat_map(|e| role(&f, e, Role::Subject)).collect();
    subjects.sort();
    assert_eq!(
        subjects,
        ["Danilo Ilic", "Misko Jovanovic", "Veljko Cubrilovic"],
        "{}",
        show(&f, &evs)
    );
    // (an unnamed companion adds no one)
    let k = find(&evs, EventType::Killing);
    assert_eq!(k.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, k[0], Role::Subject), ["Sergei Kirov"]);
}

#[test]
fn together_with_after_an_object_shares_the_objects_fate() {
    // "arrested X together with Y": Y was arrested, not one of the arresters.
    let f = fixture(
        "Silberbauer arrested Otto Frank, together with Kleiman and Kugler.",
        &[
            ("Silberbauer", P, "Karl Silberbauer"),
            ("Otto Frank", P, "Otto Frank"),
            ("Kleiman", P, "Johannes Kleiman"),
            ("Kugler", P, "Victor Kugler"),
        ],
        &[],
    );
    let evs = run(&f);
    let a = find(&evs, EventType::Arrest);
    let mut subjects: Vec<String> = a.iter().flat_map(|e| role(&f, e, Role::Subject)).collect();
    subjects.sort();
    assert_eq!(
        subjects,
        ["Johannes Kleiman", "Otto Frank", "Victor Kugler"],
        "{}",
        show(&f, &evs)
    );
    let agents: Vec<String> = a.iter().flat_map(|e| role(&f, e, Role::Agent)).collect();
    assert!(
        agents.iter().all(|x| x == "Karl Silberbauer"),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_comment_headers_time_dates_no_event_it_tells() {
    // The header's time ran into the comment's first sentence: when the
    // comment was written, not when Savarkar was tried.
    let f = fixture(
        "- sepoy_archive Jan 30, 2018 at 21:47\nWorth adding that Savarkar was tried at the Red Fort and acquitted.",
        &[("Savarkar", P, "Vinayak Savarkar"), ("Red Fort", L, "Red Fort")],
        &[("Jan 30, 2018 at 21:47", TimexType::Time, "2018-01-30T21:47", "header_mdy_time")],
    );
    let evs = run(&f);
    let t = find(&evs, EventType::Trial);
    assert_eq!(t.len(), 1, "{}", show(&f, &evs));
    assert!(t[0].time.is_none(), "{}", show(&f, &evs));
}

#[test]
fn a_move_into_custody_implies_an_imprisonment_there() {
    let f = fixture(
        "Wilde was sent to Pentonville Prison in 1895. In 1897 he moved to Dieppe.",
        &[
            ("Wilde", P, "Oscar Wilde"),
            ("he", P, "Oscar Wilde"),
            ("Pentonville Prison", L, "Pentonville Prison"),
            ("Dieppe", L, "Dieppe"),
        ],
        &[
            ("1895", TimexType::Date, "1895", "year"),
            ("1897", TimexType::Date, "1897", "year"),
        ],
    );
    let evs = run(&f);
    let i = find(&evs, EventType::Imprisonment);
    assert_eq!(i.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, i[0], Role::Place), ["Pentonville Prison"]);
    // (the move is kept: sources tell transfers between prisons as moves)
    let m = find(&evs, EventType::Move);
    assert_eq!(m.len(), 2, "{}", show(&f, &evs));
}

#[test]
fn an_event_noun_after_after_is_not_dated_by_the_clause() {
    // The flight is dated September 1898; Henry's suicide came before it.
    let f = fixture(
        "Esterhazy slipped out of France in September 1898, a few days after Henry's suicide. Dreyfus was freed after his pardon in 1899.",
        &[("Esterhazy", P, "Ferdinand Esterhazy"), ("France", L, "France"), ("Henry", P, "Hubert Henry"), ("Dreyfus", P, "Alfred Dreyfus"), ("his", P, "Alfred Dreyfus")],
        &[("September 1898", TimexType::Date, "1898-09", "month_year"), ("1899", TimexType::Date, "1899", "year")],
    );
    let evs = run(&f);
    let d = find(&evs, EventType::Death);
    assert_eq!(d.len(), 1, "{}", show(&f, &evs));
    assert!(d[0].time.is_none(), "{}", show(&f, &evs));
}

#[test]
fn found_dead_is_a_death_and_found_murdered_a_killing() {
    let f = fixture(
        "Henry confessed and was found dead in his cell. Guards found Kopp dead in 1905. The bishop was found murdered in 1910. He found the letter.",
        &[("Henry", P, "Hubert Henry"), ("his", P, "Hubert Henry"), ("Kopp", P, "Karl Kopp"), ("bishop", P, "Bishop Ivo"), ("He", P, "Hubert Henry")],
        &[("1905", TimexType::Date, "1905", "year"), ("1910", TimexType::Date, "1910", "year")],
    );
    let evs = run(&f);
    let mut dead: Vec<String> = find(&evs, EventType::Death)
        .iter()
        .flat_map(|e| role(&f, e, Role::Subject))
        .collect();
    dead.sort();
    assert_eq!(
        dead,
        ["Bishop Ivo", "Hubert Henry", "Karl Kopp"],
        "{}",
        show(&f, &evs)
    );
    let k = find(&evs, EventType::Killing);
    assert_eq!(k.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, k[0], Role::Subject), ["Bishop Ivo"]);
    assert!(
        find(&evs, EventType::Discovery).is_empty(),
        "{}",
        show(&f, &evs)
    );
}

#[test]
fn a_work_named_in_apposition_is_the_work_its_owner_the_author() {
    let f = fixture(
        "Wilde settled in London. His only novel, The Picture of Dorian Gray, appeared in July 1890.",
        &[("Wilde", P, "Oscar Wilde"), ("London", L, "London"), ("His", P, "Oscar Wilde"), ("The Picture of Dorian Gray", EntityType::Work, "The Picture of Dorian Gray")],
        &[("July 1890", TimexType::Date, "1890-07", "month_year")],
    );
    let evs = run(&f);
    let p = find(&evs, EventType::Publication);
    assert_eq!(p.len(), 1, "{}", show(&f, &evs));
    assert_eq!(role(&f, p[0], Role::Subject), ["Oscar Wilde"]);
    assert_eq!(role(&f, p[0], Role::Work), ["The Picture of Dorian Gray"]);
}

#[test]
fn second_marriages_suspensions_gassings_hiding_and_secessions() {
    let f = fixture(
        "Otto remarried in 1953. Silberbauer was suspended from the police. \
         Hermann was sent to the gas chamber. Otto went into hiding in the annex. \
         Tshombe proclaimed the secession of Katanga.",
        &[
            ("Otto", P, "Otto Frank"),
            ("Silberbauer", P, "Karl Silberbauer"),
            ("Hermann", P, "Hermann van Pels"),
            ("Tshombe", P, "Moise Tshombe"),
            ("Katanga", L, "Katanga"),
        ],
        &[("1953", TimexType::Date, "1953", "year")],
    );
    let evs = run(&f);
    let subj = |t: EventType| -> Vec<String> {
        find(&evs, t)
            .iter()
            .flat_map(|e| role(&f, e, Role::Subject))
            .collect()
    };
    assert_eq!(
        subj(EventType::Marriage),
        ["Otto Frank"],
        "{}",
        show(&f, &evs)
    );
    assert_eq!(
        subj(EventType::Removal),
        ["Karl Silberbauer"],
        "{}",
        show(&f, &evs)
    );
    assert_eq!(
        subj(EventType::Killing),
        ["Hermann van Pels"],
        "{}",
        show(&f, &evs)
    );
    assert_eq!(subj(EventType::Move), ["Otto Frank"], "{}", show(&f, &evs));
    assert_eq!(subj(EventType::Uprising), ["Katanga"], "{}", show(&f, &evs));
}

#[test]
fn admissions_calls_to_the_bar_and_chosen_offices() {
    let f = fixture(
        "More was admitted to Lincoln's Inn in 1496. More was called to the bar in 1502. \
         Roper was chosen Speaker in 1523. Wilde was admitted to hospital in 1900.",
        &[
            ("More", P, "Thomas More"),
            ("Lincoln's Inn", O, "Lincoln's Inn"),
            ("Roper", P, "William Roper"),
            ("Wilde", P, "Oscar Wilde"),
        ],
        &[
            ("1496", TimexType::Date, "1496", "year"),
            ("1502", TimexType::Date, "1502", "year"),
            ("1523", TimexType::Date, "1523", "year"),
            ("1900", TimexType::Date, "1900", "year"),
        ],
    );
    let evs = run(&f);
    let joined = subjects_and_times(&f, &evs, EventType::Joining);
    assert_eq!(
        joined,
        [
            (vec!["Thomas More".to_string()], Some("1496".to_string())),
            (vec!["Thomas More".to_string()], Some("1502".to_string())),
        ],
        "{}",
        show(&f, &evs)
    );
    let app = subjects_and_times(&f, &evs, EventType::Appointment);
    assert_eq!(
        app,
        [(vec!["William Roper".to_string()], Some("1523".to_string()))],
        "{}",
        show(&f, &evs)
    );
}
