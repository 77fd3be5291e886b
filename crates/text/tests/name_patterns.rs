//! Naming patterns, mention boundaries and missed names that feed
//! cross-document resolution (docs/kb.md, "Names from the text stage").

use annalist_model::{CleanDoc, EntityType, OffsetMap, TextAnalysis};
use annalist_text::Analyzer;
use std::sync::OnceLock;

fn an() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(Analyzer::new)
}

fn analyze(text: &str) -> TextAnalysis {
    let d = CleanDoc {
        map: OffsetMap::identity(text.len()),
        text: text.to_string(),
        ..Default::default()
    };
    an().analyze(&d)
}

/// The local entity having `name` among its mentions or aliases: (type,
/// every name of it).
fn entity_of(ta: &TextAnalysis, name: &str) -> Option<(EntityType, Vec<String>)> {
    ta.entities
        .iter()
        .find(|e| {
            e.aliases.iter().any(|a| a.alias == name)
                || e.mentions.iter().any(|&m| ta.mentions[m].text == name)
        })
        .map(|e| {
            let mut names: Vec<String> = e.aliases.iter().map(|a| a.alias.clone()).collect();
            names.extend(e.mentions.iter().map(|&m| ta.mentions[m].text.clone()));
            (e.etype, names)
        })
}

#[test]
fn the_tsar_is_the_ruler_with_a_regnal_name() {
    let ta = analyze(
        "In 1905 the monk was introduced to Nicholas II and his wife. \
         Soon the court gossiped about him. The Tsar trusted him completely.",
    );
    let (t, names) = entity_of(&ta, "Nicholas II").expect("Nicholas II");
    assert_eq!(t, EntityType::Person);
    assert!(names.iter().any(|n| n == "The Tsar"), "{names:?}");
    // no ruler in the document: the description stays unresolved
    let ta = analyze("The Tsar was away. The war went badly.");
    assert!(entity_of(&ta, "The Tsar").is_none());
}

#[test]
fn lower_case_designators_continue_a_place() {
    let ta = analyze("He was born in the village of Pokrovskoye in Tobolsk province, in Siberia.");
    let (t, _) = entity_of(&ta, "Tobolsk province").expect("Tobolsk province");
    assert_eq!(t, EntityType::Place);
    let ta = analyze("In 1928 he became head of the Leningrad party organisation.");
    let (t, _) = entity_of(&ta, "Leningrad party organisation").expect("organisation");
    assert_eq!(t, EntityType::Organization);
    // a lone modifier continues nothing
    let ta = analyze("He lived in Moscow city for years.");
    assert!(entity_of(&ta, "Moscow").is_some());
}

#[test]
fn renamings_and_so_called() {
    let ta = analyze("In 1935 the Mariinsky Theatre was renamed the Kirov Theatre in his honour.");
    let (_, names) = entity_of(&ta, "Mariinsky Theatre").expect("theatre");
    assert!(names.iter().any(|n| n == "Kirov Theatre"), "{names:?}");
    // a place renamed after a person of the document keeps the person apart
    let ta = analyze(
        "Sergei Kirov was shot in Leningrad. That month the city of Vyatka was renamed Kirov.",
    );
    let (t, names) = entity_of(&ta, "Vyatka").expect("Vyatka");
    assert_eq!(t, EntityType::Place);
    assert!(!names.iter().any(|n| n == "Kirov"), "{names:?}");
    // a body (not a building) renamed is a new body under the new name
    let ta = analyze(
        "In 1930 Trotsky founded the International Left Opposition. In 1933 the International \
         Left Opposition was renamed to the International Communist League.",
    );
    let (_, names) = entity_of(&ta, "International Left Opposition").expect("ILO");
    assert!(
        !names.iter().any(|n| n == "International Communist League"),
        "{names:?}"
    );
    let ta = analyze(
        "At the 17th Party Congress in early 1934, the so-called Congress of Victors, \
         Kirov was elected to the Central Committee.",
    );
    let (_, names) = entity_of(&ta, "17th Party Congress").expect("congress");
    assert!(
        names.iter().any(|n| n == "Congress of Victors"),
        "{names:?}"
    );
}

#[test]
fn qualified_bodies_keep_their_qualifier() {
    let ta = analyze(
        "He was elected at the Seventeenth Congress of the All-Union Communist Party \
         (Bolsheviks) early in 1934.",
    );
    assert!(entity_of(
        &ta,
        "Seventeenth Congress of the All-Union Communist Party (Bolsheviks)"
    )
    .is_some());
    // an acronym in parentheses is no qualifier
    let ta = analyze("In 1930 he founded the International Left Opposition (ILO) in exile.");
    let (_, names) = entity_of(&ta, "International Left Opposition").expect("ILO");
    assert!(names.iter().any(|n| n == "ILO"), "{names:?}");
}

#[test]
fn unknown_subjects_and_repeated_names() {
    let ta = analyze(
        "A British officer, Oswald Rayner, fired the last shot. Rayner had been at Oxford.",
    );
    let (t, names) = entity_of(&ta, "Oswald Rayner").expect("Rayner");
    assert_eq!(t, EntityType::Person);
    assert!(names.iter().any(|n| n == "Rayner"), "{names:?}");
    // a common-noun ending is no surname
    let ta = analyze("Stratification would yield to the aim of equality.");
    assert!(entity_of(&ta, "Stratification").is_none());
}

#[test]
fn glued_words_keep_the_source_spelling() {
    let ta = analyze("Leon Trotsky lived in Mexico. There Trotskywas attacked with an ice pick.");
    let e = ta
        .entities
        .iter()
        .find(|e| e.aliases.iter().any(|a| a.alias == "Trotskywas"))
        .expect("glued alias");
    assert!(e.aliases.iter().any(|a| a.alias == "Leon Trotsky"));
    let a = e
        .aliases
        .iter()
        .find(|a| a.alias == "Trotskywas")
        .expect("alias");
    assert_eq!(a.how, "misspelling");
}

#[test]
fn listed_given_names_are_introduced_people() {
    let ta = analyze(
        "Grand Duke Dmitri Pavlovich joined the plot. Rasputin married in 1887 and \
         they had three children, Dmitri, Maria and Varvara. Maria Rasputin later \
         moved to Paris.",
    );
    let (_, names) = entity_of(&ta, "Dmitri Pavlovich").expect("Grand Duke");
    assert!(!names.iter().any(|n| n == "Dmitri"), "{names:?}");
    let (_, names) = entity_of(&ta, "Maria Rasputin").expect("daughter");
    assert!(names.iter().any(|n| n == "Maria"), "{names:?}");
}

#[test]
fn odd_input_never_panics() {
    for t in [
        "",
        "17th",
        "the 17th",
        "Tobolsk province",
        "the Tsar",
        "X was renamed",
        "was renamed Y",
        "( Bolsheviks )",
        "Party (",
        "so-called",
        "Ünïcödé was renamed Ñame.",
    ] {
        let _ = analyze(t);
    }
}

#[test]
fn a_name_with_a_regnal_number_is_a_person_but_a_numbered_war_is_not() {
    let ta = analyze(
        "The Austrian emperor Leopold II, brother of Marie Antoinette, may have wished \
         to avoid war, but he died on 1 March 1792. World War II began later.",
    );
    let (t, names) = entity_of(&ta, "Leopold II").expect("Leopold II");
    assert_eq!(t, EntityType::Person);
    assert!(names.iter().any(|n| n == "he"), "{names:?}");
    assert!(entity_of(&ta, "World War II").is_none_or(|(t, _)| t != EntityType::Person));
}

#[test]
fn a_month_after_a_day_number_opens_no_name() {
    let ta = analyze(
        "Admiral Kolchak retreated east. On 15 January Kolchak was turned over to the \
         Political Centre. The October Revolution had ended the old order.",
    );
    assert!(
        ta.mentions.iter().all(|m| !m.text.contains("January")),
        "{:?}",
        ta.mentions.iter().map(|m| &m.text).collect::<Vec<_>>()
    );
    let (t, _) = entity_of(&ta, "Kolchak").expect("Kolchak");
    assert_eq!(t, EntityType::Person);
    // A month that opens a name elsewhere still does.
    assert!(ta
        .mentions
        .iter()
        .any(|m| m.text.contains("October Revolution")));
}

#[test]
fn a_surname_claims_a_person_shaped_full_name_the_tagger_took_for_a_place() {
    let ta = analyze(
        "Emiliano Zapata led the peasants of Morelos. Zapata was killed in 1919 by \
         General Pablo González. Zapata is remembered in the state of Morelos.",
    );
    let (t, names) = entity_of(&ta, "Zapata").expect("Zapata");
    assert_eq!(t, EntityType::Person);
    assert!(names.iter().any(|n| n == "Emiliano Zapata"), "{names:?}");
    // A place name ending in a person's surname stays a place of its own.
    let ta = analyze(
        "Kirov was shot in Leningrad. The Kirov Theatre was renamed for him. \
         Kirov had led the party there.",
    );
    let (_, names) = entity_of(&ta, "Kirov").expect("Kirov");
    assert!(!names.iter().any(|n| n.contains("Theatre")), "{names:?}");
    // Nor does a place opening with an English word ("Fort", "Mount").
    let ta = analyze(
        "Washington retreated. Howe captured Fort Washington in November. \
         Washington crossed the Delaware.",
    );
    let (_, names) = entity_of(&ta, "Washington").expect("Washington");
    assert!(!names.iter().any(|n| n == "Fort Washington"), "{names:?}");
}

#[test]
fn a_body_named_x_of_y_is_headed_by_x() {
    let ta = analyze(
        "Anton Denikin took command. The Volunteer Army of General Denikin marched \
         north. Denikin was replaced in 1920.",
    );
    let (t, names) = entity_of(&ta, "Volunteer Army of General Denikin").expect("the army");
    assert_eq!(t, EntityType::Organization);
    assert!(!names.iter().any(|n| n == "Denikin"), "{names:?}");
    let (t, _) = entity_of(&ta, "Denikin").expect("Denikin");
    assert_eq!(t, EntityType::Person);
}

#[test]
fn for_joins_a_name_only_after_the_head_of_a_body() {
    let ta = analyze(
        "The Huaihai Campaign secured China for the CPC. The CPC was expelled from \
         Wuhan. The Committee for State Security grew.",
    );
    assert!(entity_of(&ta, "China for the CPC").is_none());
    let (t, _) = entity_of(&ta, "CPC").expect("CPC");
    assert_ne!(t, EntityType::Person);
    assert!(entity_of(&ta, "Committee for State Security").is_some());
}

#[test]
fn a_surname_already_ones_does_not_join_a_brother() {
    let ta = analyze(
        "Francisco I. Madero won the election. Madero took office in 1911. \
         Raúl Madero, brother of President Madero, intervened to save Villa's life. \
         Madero was murdered in 1913.",
    );
    let (_, names) = entity_of(&ta, "Francisco I. Madero").expect("Francisco");
    assert!(!names.iter().any(|n| n == "Raúl Madero"), "{names:?}");
    assert!(names.iter().any(|n| n == "Madero"), "{names:?}");
    // An initial is the same first name.
    let ta = analyze("Leon Trotsky wrote much. Trotsky fled. L. Trotsky signed it. Trotsky left.");
    let (_, names) = entity_of(&ta, "Leon Trotsky").expect("Trotsky");
    assert!(names.iter().any(|n| n == "Trotsky"), "{names:?}");
}

#[test]
fn a_one_word_place_placed_by_a_preposition_is_no_person() {
    let ta = analyze(
        "The Polish army retreated towards Volodymyr-Volynskyi. Volodymyr-Volynskyi fell \
         in a week. General Clinton left Savannah. Clinton said he would return.",
    );
    let (t, _) = entity_of(&ta, "Volodymyr-Volynskyi").expect("the town");
    assert_eq!(t, EntityType::Place);
    let (t, _) = entity_of(&ta, "Clinton").expect("Clinton");
    assert_eq!(t, EntityType::Person);
}

#[test]
fn a_plural_title_before_a_list_of_names_is_no_part_of_them() {
    let ta = analyze(
        "Grant devised a coordinated strategy that would strike at the entire Confederacy \
         from multiple directions: Generals George Meade and Benjamin Butler were ordered to \
         move against Lee near Richmond; General Franz Sigel was to attack the Shenandoah Valley.",
    );
    assert!(entity_of(&ta, "George Meade").is_some());
    assert!(ta.mentions.iter().all(|m| !m.text.starts_with("Generals")));
}

#[test]
fn modifiers_of_a_title_are_no_part_of_the_name() {
    let ta = analyze(
        "Confederate General Thomas Jackson attacked at dawn. Brigadier General Richard \
         Montgomery marched north. British Field Marshal William Nicholson objected. \
         Prime Minister Lord North resigned. Jackson was wounded that night.",
    );
    // Sides are left out; the first words of a compound title belong to
    // the title (an alias with the title), never to the name.
    for (name, bad) in [
        ("Thomas Jackson", "Confederate"),
        ("William Nicholson", "British"),
    ] {
        let (t, names) = entity_of(&ta, name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(t, EntityType::Person, "{name}");
        assert!(!names.iter().any(|n| n.contains(bad)), "{name}: {names:?}");
    }
    let names: Vec<&str> = ta.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"Richard Montgomery"), "{names:?}");
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("Brigadier") || n.starts_with("Prime")),
        "{names:?}"
    );
}

#[test]
fn a_name_opening_with_a_place_word_is_a_place() {
    let ta = analyze(
        "Montgomery marched north and besieged Fort St. Jean. Washington retired to \
         Mount Vernon. The fleet sailed from Port Arthur.",
    );
    for name in ["Mount Vernon", "Port Arthur"] {
        let (t, _) = entity_of(&ta, name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(t, EntityType::Place, "{name}");
    }
    assert!(ta
        .entities
        .iter()
        .filter(|e| e.name.starts_with("Fort"))
        .all(|e| e.etype == EntityType::Place));
}

#[test]
fn a_name_x_of_y_headed_by_a_work_word_is_a_work() {
    let ta = analyze(
        "On 26 August 1789 the Assembly published the Declaration of the Rights of Man \
         and of the Citizen. Sun Yat-sen set out the Three Principles of the People.",
    );
    for name in [
        "Declaration of the Rights of Man",
        "Three Principles of the People",
    ] {
        let e = ta.entities.iter().find(|e| e.name.starts_with(name));
        assert!(
            e.is_some_and(|e| e.etype == EntityType::Work),
            "{name}: {:?}",
            ta.entities
                .iter()
                .map(|e| (&e.name, e.etype))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn a_lower_case_word_between_hyphens_is_part_of_a_place_name() {
    let ta = analyze("The embassies in Dar-es-Salaam were bombed. He lived in Aix-en-Provence. He moved to Stratford-upon-Avon in 1590.");
    for name in ["Dar-es-Salaam", "Aix-en-Provence", "Stratford-upon-Avon"] {
        let (t, _) = entity_of(&ta, name).unwrap_or_else(|| panic!("{name} not found"));
        assert_eq!(t, EntityType::Place, "{name}");
    }
    assert!(entity_of(&ta, "Salaam").is_none());
    assert!(entity_of(&ta, "Aix").is_none());
}

#[test]
fn a_title_with_an_of_complement_is_no_part_of_the_name() {
    let ta = analyze(
        "Secretary of State Madeleine Albright met Attorney General Janet Reno and Polish Foreign Minister Bronislaw Geremek.",
    );
    for (name, title) in [
        (
            "Madeleine Albright",
            "Secretary of State Madeleine Albright",
        ),
        ("Janet Reno", "Attorney General Janet Reno"),
        ("Bronislaw Geremek", "Foreign Minister Bronislaw Geremek"),
    ] {
        let (t, names) = entity_of(&ta, name).unwrap_or_else(|| panic!("{name} not found"));
        assert_eq!(t, EntityType::Person, "{name}");
        assert!(
            names.iter().all(|n| n == name || n == title),
            "{name}: {names:?}"
        );
    }
}

#[test]
fn a_country_alone_is_no_person_and_a_plural_nationality_is_a_group() {
    let ta = analyze(
        "Tanzania expelled five Iraqis. The Iraqis were questioned. England and Scotland signed. Korea was divided.",
    );
    assert_eq!(
        entity_of(&ta, "Tanzania").map(|e| e.0),
        Some(EntityType::Place)
    );
    // historical and constituent countries too
    for c in ["England", "Scotland", "Korea"] {
        assert_eq!(
            entity_of(&ta, c).map(|e| e.0),
            Some(EntityType::Place),
            "{c}"
        );
    }
    assert_eq!(
        entity_of(&ta, "Iraqis").map(|e| e.0),
        Some(EntityType::Group)
    );
}

#[test]
fn a_grand_duke_is_not_the_tsar_of_the_same_given_name() {
    let ta = analyze(
        "In 1917 Grand Duke Nicholas assumed command of the front. Nicholas planned a railway. In March 1917 Tsar Nicholas II abdicated.",
    );
    let duke = entity_of(&ta, "Grand Duke Nicholas");
    let tsar = entity_of(&ta, "Nicholas II");
    assert!(duke.is_some() && tsar.is_some());
    assert_ne!(duke, tsar);
}

#[test]
fn a_compound_surname_is_also_its_first_surname() {
    let ta = analyze(
        "Diego Silang y Andaya was raised as an Ilocano. Diego Silang led a revolt. Silang was killed in 1763.",
    );
    let full = entity_of(&ta, "Diego Silang y Andaya");
    assert!(full.is_some());
    assert_eq!(entity_of(&ta, "Diego Silang"), full);
    assert_eq!(entity_of(&ta, "Silang"), full);
}

#[test]
fn a_us_state_alone_is_no_person_but_washington_may_be() {
    let ta = analyze(
        "Iowa voted first. Vermont and Wisconsin followed. Washington crossed the Delaware in 1776.",
    );
    for c in ["Iowa", "Vermont", "Wisconsin"] {
        assert_eq!(
            entity_of(&ta, c).map(|e| e.0),
            Some(EntityType::Place),
            "{c}"
        );
    }
    assert_ne!(
        entity_of(&ta, "Washington").map(|e| e.0),
        Some(EntityType::Place)
    );
}

#[test]
fn a_collective_noun_s_possessive_continues_a_name() {
    let ta = analyze(
        "In 1949 the CPC established the People's Republic of China. The People's Liberation Army entered Beijing. Members of the People's Will killed the Tsar. Stalin's Russia was poor.",
    );
    assert_eq!(
        entity_of(&ta, "People's Republic of China").map(|e| e.0),
        Some(EntityType::Place)
    );
    assert!(entity_of(&ta, "Republic of China").is_none());
    assert_eq!(
        entity_of(&ta, "People's Liberation Army").map(|e| e.0),
        Some(EntityType::Organization)
    );
    assert_eq!(
        entity_of(&ta, "People's Will").map(|e| e.0),
        Some(EntityType::Organization)
    );
    // A name's possessive still ends the name.
    assert!(entity_of(&ta, "Stalin's Russia").is_none());
}

#[test]
fn a_military_rank_is_a_title_and_a_nationality_before_a_place_names_a_place() {
    let ta = analyze(
        "Canadian Private George Lawrence Price is regarded as the last soldier killed in the war: he was shot by a sniper. The Portuguese fought in British India.",
    );
    let (t, names) = entity_of(&ta, "George Lawrence Price").expect("Price");
    assert_eq!(t, EntityType::Person);
    assert!(
        names.contains(&"Private George Lawrence Price".to_string()),
        "{names:?}"
    );
    let he = ta.mentions.iter().find(|m| m.text == "he").expect("he");
    assert_eq!(ta.entities[he.entity].name, "George Lawrence Price");
    assert_eq!(
        entity_of(&ta, "British India").map(|e| e.0),
        Some(EntityType::Place)
    );
}

#[test]
fn post_nominal_letters_are_no_name() {
    let ta = analyze(
        "Dame Zaha Mohammad Hadid DBE was an architect. Daniel Bernoulli FRS was a mathematician.",
    );
    assert!(entity_of(&ta, "Zaha Mohammad Hadid").is_some());
    assert!(entity_of(&ta, "Daniel Bernoulli").is_some());
    assert!(ta
        .mentions
        .iter()
        .all(|m| !m.text.contains("DBE") && !m.text.contains("FRS")));
}

#[test]
fn an_office_holder_of_a_country_is_not_named_after_it() {
    let ta =
        analyze("Foreign Minister Janos Martonyi of Hungary signed. King Louis of France fled.");
    assert_eq!(
        entity_of(&ta, "Janos Martonyi").map(|e| e.0),
        Some(EntityType::Person)
    );
    assert_eq!(
        entity_of(&ta, "Hungary").map(|e| e.0),
        Some(EntityType::Place)
    );
    assert!(entity_of(&ta, "Janos Martonyi of Hungary").is_none());
}

#[test]
fn a_name_headed_by_a_place_or_body_word_is_no_person_even_after_a_given_name() {
    // "German" and "Hue" are also given names.
    let ta = analyze(
        "At the start of the war, the German Empire had cruisers. The battle of Hue City in Vietnam was long. Task Force Smith attacked. Undersecretary of State George Ball spoke.",
    );
    assert_eq!(
        entity_of(&ta, "German Empire").map(|e| e.0),
        Some(EntityType::Place)
    );
    assert_eq!(
        entity_of(&ta, "Hue City").map(|e| e.0),
        Some(EntityType::Place)
    );
    assert_eq!(
        entity_of(&ta, "George Ball").map(|e| e.0),
        Some(EntityType::Person)
    );
    let ta = analyze("In 264 BC the Roman Republic had gained control of the peninsula.");
    assert_eq!(
        entity_of(&ta, "Roman Republic").map(|e| e.0),
        Some(EntityType::Place)
    );
}

#[test]
fn a_one_word_name_only_placed_by_prepositions_has_no_gender_from_its_ending() {
    // "-ov"/"-ev" endings make men of surnames, not of towns.
    let ta = analyze("Leon Trotsky moved to Nikolayev in 1896. Later he met Zinoviev.");
    let gender = |name: &str| {
        ta.entities
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.gender.clone())
    };
    assert_eq!(gender("Nikolayev"), Some(None));
    assert_eq!(gender("Zinoviev"), Some(Some("male".to_string())));
}

#[test]
fn a_state_after_a_comma_is_no_initials_of_the_next_name() {
    let ta = analyze(
        "The assassination took place at Ford's Theatre in Washington, D.C. Lincoln was shot in the head. The family moved to Knob Creek Farm in 1811.",
    );
    assert!(entity_of(&ta, "D.C. Lincoln").is_none());
    // Initials after a comma are initials unless a state's.
    let tb = analyze("In North to the Yalu, R.E. Appleman describes the attack.");
    assert!(entity_of(&tb, "R.E. Appleman").is_some());
    assert_eq!(
        entity_of(&ta, "Lincoln").map(|e| e.0),
        Some(EntityType::Person)
    );
    assert_eq!(
        entity_of(&ta, "Knob Creek Farm").map(|e| e.0),
        Some(EntityType::Place)
    );
}

#[test]
fn a_name_without_its_first_word_is_the_fuller_name() {
    let ta = analyze(
        "Gaius Julius Caesar was born in Rome. Julius Caesar crossed the Rubicon. Raúl Madero was the brother of Francisco Madero.",
    );
    let caesar = entity_of(&ta, "Gaius Julius Caesar");
    assert!(caesar.is_some());
    assert_eq!(entity_of(&ta, "Julius Caesar"), caesar);
    assert_ne!(
        entity_of(&ta, "Raúl Madero"),
        entity_of(&ta, "Francisco Madero")
    );
    let ta = analyze("Ras Imru Haile Selassie led the army. Haile Selassie fled to England.");
    assert_ne!(
        entity_of(&ta, "Haile Selassie"),
        entity_of(&ta, "Ras Imru Haile Selassie")
    );
}

#[test]
fn titles_of_office_in_business_and_congress_stay_out_of_the_name() {
    let ta =
        analyze("CEO Tim Cook spoke. Rep. Adam Schiff answered. Congresswoman Karen Bass left.");
    for n in ["Tim Cook", "Adam Schiff", "Karen Bass"] {
        assert_eq!(
            entity_of(&ta, n).map(|e| e.0),
            Some(EntityType::Person),
            "{n}"
        );
    }
}

#[test]
fn a_bare_surname_of_two_people_goes_to_the_first_named_on_a_tie() {
    let ta = analyze(
        "Abraham Lincoln and his wife went to the theatre. Julia Grant could not stand Mary Lincoln. Lincoln never woke up.",
    );
    let abe = entity_of(&ta, "Abraham Lincoln");
    assert!(abe.is_some());
    let lincoln = ta
        .mentions
        .iter()
        .rev()
        .find(|m| m.text == "Lincoln")
        .map(|m| ta.entities[m.entity].name.clone());
    assert_eq!(lincoln.as_deref(), Some("Abraham Lincoln"));
}

#[test]
fn streets_and_squares_are_places() {
    let ta = analyze("He walked down Wall Street to Red Square and College Avenue.");
    for n in ["Wall Street", "Red Square", "College Avenue"] {
        assert_eq!(
            entity_of(&ta, n).map(|e| e.0),
            Some(EntityType::Place),
            "{n}"
        );
    }
}

#[test]
fn a_given_name_owning_something_is_a_person() {
    let ta =
        analyze("Julia's death in 54 BC weakened the bond. Argentina's first division is strong.");
    assert_eq!(
        entity_of(&ta, "Julia").map(|e| e.0),
        Some(EntityType::Person)
    );
    assert_ne!(
        entity_of(&ta, "Argentina").map(|e| e.0),
        Some(EntityType::Person)
    );
}

#[test]
fn what_befell_a_person_ends_the_name_a_headline_runs_on() {
    let ta = analyze(
        "Abraham Lincoln Assassination: Top 10 Facts Home » History » Lincoln Assassination Abraham Lincoln was the 16th president. The Murder Squad came in 1990.",
    );
    let names: Vec<&str> = ta.mentions.iter().map(|m| m.text.as_str()).collect();
    assert!(
        names.iter().all(|n| !n.contains("Assassination")),
        "{names:?}"
    );
    assert!(names.contains(&"Abraham Lincoln"), "{names:?}");
}

#[test]
fn a_surname_that_is_a_common_word_stands_for_its_bearer_where_used_like_a_name() {
    let ta = analyze(
        "Martin Luther King Jr. led the movement. King was shot in Memphis. \
         The King of France was not there.",
    );
    let (t, names) = entity_of(&ta, "Martin Luther King Jr.").expect("King");
    assert_eq!(t, EntityType::Person);
    assert!(names.iter().any(|n| n == "King"), "{names:?}");
    // after an article or before "of" it is a title
    assert!(ta
        .mentions
        .iter()
        .all(|m| m.text != "King" || m.span.start < 60));
}

#[test]
fn a_surname_that_is_page_furniture_is_still_a_surname() {
    let ta = analyze(
        "Sir Thomas More was an English lawyer. More was born in Milk Street in London. \
         Read More. Captain America Image: Nick Moreau.",
    );
    let (t, names) = entity_of(&ta, "Thomas More").expect("Thomas More");
    assert_eq!(t, EntityType::Person);
    assert!(names.iter().any(|n| n == "More"), "{names:?}");
    // the link of a page is still no one
    assert!(ta.mentions.iter().all(|m| m.text != "Read More"));
    // nor the label of a caption
    assert!(ta.mentions.iter().all(|m| !m.text.contains("Image")));
}

#[test]
fn a_month_after_by_is_no_given_name() {
    let ta = analyze("Brutus and Cassius plotted. By April Brutus and Cassius had left Rome.");
    assert!(entity_of(&ta, "April Brutus").is_none());
    let ta = analyze("April Ashley was a model.");
    assert!(entity_of(&ta, "April Ashley").is_some());
}

#[test]
fn a_one_word_nickname_after_a_comma_and_called_is_the_persons() {
    let ta = analyze(
        "The society was led by Colonel Dragutin Dimitrijević, called Apis, who planned it. \
         Apis did not survive the war.",
    );
    let (t, names) = entity_of(&ta, "Dragutin Dimitrijević").expect("Apis");
    assert_eq!(t, EntityType::Person);
    assert!(names.iter().any(|n| n == "Apis"), "{names:?}");
    // without the comma "called" is a verb of saying
    let ta = analyze("Leon Trotsky called Joseph Stalin a traitor.");
    let (_, names) = entity_of(&ta, "Leon Trotsky").expect("Trotsky");
    assert!(names.iter().all(|n| !n.contains("Stalin")), "{names:?}");
}

#[test]
fn a_given_name_of_a_place_is_one_byname() {
    let ta = analyze(
        "Joan of Arc facts: Joan of Arc was born in 1410 in Domremy. \
         In 1429 Joan of Arc went to Chinon. Henry married Catherine of Valois in 1420.",
    );
    for name in ["Joan of Arc", "Catherine of Valois"] {
        let n = ta.mentions.iter().filter(|m| m.text == name).count();
        assert!(n >= 1, "{name}: {:?}", ta.mentions);
    }
    assert_eq!(
        ta.mentions
            .iter()
            .filter(|m| m.text == "Joan of Arc")
            .count(),
        3,
        "{:?}",
        ta.mentions
    );
    // a foreign building's first word makes a place
    let ta = analyze(
        "Today the spot is marked by a plaque and a cross, right beside the Église Sainte-Jeanne-d’Arc, a modern church.",
    );
    let church = ta
        .mentions
        .iter()
        .find(|m| m.text.starts_with("Église"))
        .expect("church");
    assert_eq!(church.etype, EntityType::Place, "{:?}", ta.mentions);
    // a title or a word of the vocabulary is no given name here
    for text in [
        "If we win, I shall be King of Abyssinia.",
        "He holds numerous commercials as well as print ads. Son of Famous & Legendary Cuban Parents.",
    ] {
        let ta = analyze(text);
        assert!(
            !ta.mentions.iter().any(|m| m.text.ends_with("of Abyssinia") || m.text.ends_with("of Famous")),
            "{text}: {:?}",
            ta.mentions
        );
    }
}

#[test]
fn a_plural_with_a_group_ending_after_the_is_a_group() {
    let ta = analyze(
        "Joan of Arc was captured at Compiegne on May 23, 1430 by the Burgundians, who were allies of the English.",
    );
    let (t, _) = entity_of(&ta, "Burgundians").expect("Burgundians");
    assert_eq!(t, EntityType::Group);
}

#[test]
fn page_furniture_leads_no_name_but_a_month_may() {
    let ta = analyze(
        "The painter settled in Venice in 1548. Advertisement Tintoretto painted the ceiling \
         of the Scuola in 1564. The October Revolution came much later.",
    );
    assert!(entity_of(&ta, "Advertisement Tintoretto").is_none());
    assert!(entity_of(&ta, "Tintoretto").is_some());
    assert!(entity_of(&ta, "October Revolution").is_some());
}

#[test]
fn a_name_where_only_a_persons_stands_is_a_persons() {
    // The entity tagger does not know "Galileo"-like given names: what
    // is said of the name ("was born", "the son of") types it, the bare
    // first name joins it, and a pronoun takes the subject named in full
    // before a father of known gender named later in the sentence.
    let text = "The trial of Evangelista Ercolani by the Holy Office followed in 1601.\n\n\
                Evangelista Ercolani was born in Lucca on 3 May 1550, the son of the weaver \
                Matteo Ercolani. He was appointed to the chair of rhetoric at Pisa in 1580.\n\n\
                In 1590 Evangelista moved to Siena.";
    let ta = analyze(text);
    let (t, names) = entity_of(&ta, "Evangelista Ercolani").expect("the full name");
    assert_eq!(t, EntityType::Person);
    assert!(names.iter().any(|n| n == "Evangelista"), "{names:?}");
    let he = ta
        .mentions
        .iter()
        .position(|m| m.text == "He")
        .expect("the pronoun");
    let owner = ta
        .entities
        .iter()
        .find(|e| e.mentions.contains(&he))
        .expect("resolved");
    assert_eq!(owner.name, "Evangelista Ercolani");
}

#[test]
fn a_title_opening_with_a_verb_claims_no_bare_name() {
    let ta = analyze(
        "Savonarola was arrested in April 1498. Sources: Lauro Martines, Revisiting \
         Savonarola (2006). Savonarola was burned in May.",
    );
    let (t, names) = entity_of(&ta, "Savonarola").expect("the friar");
    assert_eq!(t, EntityType::Person);
    assert!(
        !names.iter().any(|n| n == "Revisiting Savonarola"),
        "{names:?}"
    );
    // and an inquisition is a body, not a person
    let ta = analyze("The Roman Inquisition tried him in 1633.");
    let (t, _) = entity_of(&ta, "Roman Inquisition").expect("the body");
    assert_eq!(t, EntityType::Organization);
}

#[test]
fn initials_of_the_given_names_are_the_same_person() {
    let ta = analyze(
        "A Dallas officer named J. D. Tippit was shot dead. Jefferson Davis Tippit was born \
         in 1924. Tippit was 39.",
    );
    let (_, names) = entity_of(&ta, "Jefferson Davis Tippit").expect("the officer");
    assert!(names.iter().any(|n| n == "J. D. Tippit"), "{names:?}");
    let e = ta
        .entities
        .iter()
        .find(|e| e.aliases.iter().any(|a| a.alias == "J. D. Tippit"))
        .expect("entity");
    // (named by the form spelling out the names)
    assert_eq!(e.name, "Jefferson Davis Tippit");
}

#[test]
fn a_reflexive_after_an_unnamed_subject_is_no_one_named() {
    let ta = analyze(
        "Tippit was shot on Friday. Two days later, the man arrested for killing him was \
         himself killed.",
    );
    assert!(
        ta.mentions.iter().all(|m| m.text != "himself"),
        "{:?}",
        ta.mentions
    );
    // but "Brutus killed himself" is Brutus
    let ta = analyze("Brutus lost the battle. Brutus killed himself.");
    assert!(ta.mentions.iter().any(|m| m.text == "himself"));
}

#[test]
fn an_intensified_first_name_is_the_person_whatever_its_tag() {
    let ta = analyze("Pope Urban VIII received him in 1624. Urban himself died in 1644.");
    let (_, names) = entity_of(&ta, "Urban VIII").expect("the pope");
    assert!(names.iter().any(|n| n == "Urban"), "{names:?}");
}

#[test]
fn saint_joined_by_a_hyphen_opens_a_places_name() {
    let ta = analyze(
        "She was taken to the cemetery of Saint-Ouen on 24 May. Later she prayed at Saint-Denis. Robert des Armoises married her.",
    );
    assert_eq!(
        entity_of(&ta, "Saint-Ouen").map(|e| e.0),
        Some(EntityType::Place),
        "{:?}",
        ta.mentions
    );
    assert!(entity_of(&ta, "Saint-Denis").is_some(), "{:?}", ta.mentions);
    assert!(
        ta.mentions.iter().all(|m| !m.text.starts_with('-')),
        "{:?}",
        ta.mentions
    );
    // (a French name particle)
    assert!(
        entity_of(&ta, "Robert des Armoises").is_some(),
        "{:?}",
        ta.mentions
    );
}

#[test]
fn titles_joined_by_a_hyphen_are_one_title() {
    // "Lieutenant-Colonel", "Major-General", "Commander-in-Chief": all the
    // words are the title; the name is what follows, not "-Colonel
    // Hubert-Joseph Henry".
    let ta = analyze(
        "In 1898 Lieutenant-Colonel Hubert-Joseph Henry was arrested. Major-General Charles Gordon died at Khartoum. Commander-in-Chief Truman relieved him.",
    );
    assert!(
        ta.mentions.iter().all(|m| !m.text.starts_with('-')),
        "{:?}",
        ta.mentions
    );
    let (t, _) = entity_of(&ta, "Hubert-Joseph Henry").expect("Henry");
    assert_eq!(t, EntityType::Person);
    assert!(
        entity_of(&ta, "Charles Gordon").is_some(),
        "{:?}",
        ta.mentions
    );
    assert!(entity_of(&ta, "Truman").is_some(), "{:?}", ta.mentions);
}

#[test]
fn a_place_after_a_preposition_then_a_doer_are_two_names() {
    let ta = analyze(
        "Leon Trotsky was exiled. In Mexico Trotsky lived in Coyoacan. \
         An official at Wako Securities said shares fell. We ate in Mexico City last year.",
    );
    let names: Vec<&str> = ta.mentions.iter().map(|m| m.text.as_str()).collect();
    assert!(!names.contains(&"Mexico Trotsky"), "{names:?}");
    let (t, aliases) = entity_of(&ta, "Leon Trotsky").expect("Trotsky");
    assert_eq!(t, EntityType::Person);
    assert!(aliases.iter().any(|n| n == "Trotsky"), "{aliases:?}");
    // a firm's name and a two-word place stay whole
    assert!(names.contains(&"Wako Securities"), "{names:?}");
    assert!(names.contains(&"Mexico City"), "{names:?}");
}

#[test]
fn a_place_unknown_to_the_gazetteer_then_a_doer_named_alone_are_two_names() {
    // "Potidaea" is in no gazetteer, but "Socrates" stands alone before;
    // "Fort Ticonderoga" is one place, "Fort" being a common word.
    let ta = analyze(
        "Socrates fought for Athens at Potidaea as a soldier. At Potidaea Socrates saved \
         the life of Alcibiades. Ticonderoga fell. The guns at Fort Ticonderoga were taken.",
    );
    let names: Vec<&str> = ta.mentions.iter().map(|m| m.text.as_str()).collect();
    assert!(!names.contains(&"Potidaea Socrates"), "{names:?}");
    assert!(names.contains(&"Fort Ticonderoga"), "{names:?}");
    let (t, _) = entity_of(&ta, "Socrates").expect("Socrates");
    assert_eq!(t, EntityType::Person);
}

#[test]
fn what_befell_a_person_as_a_verb_ends_a_title_case_name() {
    // a book title in a bibliography: "Why Socrates Died"
    let ta = analyze("Waterfield, Robin. Why Socrates Died. London: Faber and Faber, 2009.");
    let names: Vec<&str> = ta.mentions.iter().map(|m| m.text.as_str()).collect();
    assert!(!names.contains(&"Socrates Died"), "{names:?}");
    assert!(names.contains(&"Socrates"), "{names:?}");
}

#[test]
fn a_building_named_after_a_person_does_not_make_her_given_name_ambiguous() {
    let ta = analyze(
        "The diary of Anne Frank sold well; the Anne Frank House opened later. \
         Anne had to leave her school. Anne wrote every day.",
    );
    let (t, names) = entity_of(&ta, "Anne Frank").expect("Anne Frank");
    assert_eq!(t, EntityType::Person);
    assert!(names.iter().any(|n| n == "Anne"), "{names:?}");
}

#[test]
fn a_given_name_before_and_a_full_name_shares_its_surname() {
    // "Nicolae and Elena Ceaușescu": the first Nicolae is Ceaușescu, not
    // the other Nicolae of the page (the surname written without its
    // diacritic in one place).
    let ta = analyze(
        "The regime fell fast. Nicolae Deca, a doctor, drove them.\n\n\
         Nicolae and Elena Ceausescu fled Bucharest on 22 December 1989.\n\n\
         Nicolae Ceaușescu was born in 1918.",
    );
    let m = ta.mentions.iter().find(|m| m.text == "Nicolae").unwrap();
    assert_eq!(ta.entities[m.entity].name, "Nicolae Ceaușescu", "{ta:?}");
}

#[test]
fn a_hyphenated_given_name_opened_by_marie_takes_its_second_parts_sex() {
    let ta = analyze(
        "Marie-Georges Picquart was a colonel and Marie Curie a chemist. Marie-Louise Martin sang.",
    );
    let gender = |name: &str| {
        ta.entities
            .iter()
            .find(|e| e.name == name)
            .and_then(|e| e.gender.clone())
    };
    assert_eq!(gender("Marie-Georges Picquart").as_deref(), Some("male"));
    assert_eq!(gender("Marie Curie").as_deref(), Some("female"));
    assert_eq!(gender("Marie-Louise Martin").as_deref(), Some("female"));
}

#[test]
fn a_person_named_by_a_given_name_alone_has_its_sex_for_pronouns() {
    // "Anna" alone is a woman: the next sentence's "Her" and "she" are
    // the previous sentence's subject, not the last woman named in it.
    let ta = analyze(
        "Anna was born at Linlithgow Palace, the only child of James V and his second wife, Mary of Guise. Her father died six days later; she was crowned on 9 September 1543.",
    );
    for p in ["Her", "she"] {
        let m = ta.mentions.iter().find(|m| m.text == p).unwrap();
        assert_eq!(ta.entities[m.entity].name, "Anna", "{p}");
    }
}

#[test]
fn a_title_of_a_place_after_a_name_and_a_comma_is_that_persons_style() {
    // (the opening of eval/probe8's encyclopedia article on Mary)
    let ta = analyze(
        "Mary, Queen of Scots (8 December 1542 – 8 February 1587), also known as Mary Stuart or Mary I of Scotland, reigned over Scotland from 14 December 1542 until her forced abdication in 1567. She spent the last eighteen years of her life as a prisoner in England.",
    );
    let (_, names) = entity_of(&ta, "Queen of Scots")
        .or_else(|| entity_of(&ta, "Scots"))
        .expect("the style is a mention");
    assert!(names.iter().any(|n| n == "Mary"), "{names:?}");
}

#[test]
fn a_names_possessive_before_a_facility_noun_is_a_building() {
    let ta = analyze(
        "Lincoln was shot at Ford's Theatre. There is a monument by St Elizabeth's Church in Wroclaw.",
    );
    for place in ["Ford's Theatre", "St Elizabeth's Church"] {
        let (t, _) = entity_of(&ta, place).unwrap_or_else(|| panic!("{place} is one name"));
        assert_eq!(t, EntityType::Place, "{place}");
    }
}

#[test]
fn a_pronoun_with_no_one_of_its_sex_nearby_is_the_pages_most_named_person() {
    // A reader's comment far from any man named: the page's topic, not the
    // last man named.
    let ta = analyze(
        "Karl Brandt was a pastor. Brandt preached in Berlin. Brandt was arrested in 1943. \
         Brandt wrote letters from prison. In 1944 Brandt was moved to a cellar. \
         The prison was run by Otto Kessel.\n\n\
         The weather was cold that year. The trains were late. The city burned. \
         Nobody knew the date.\n\n\
         They picked him up in August 1944.",
    );
    let him = ta.mentions.iter().find(|m| m.text == "him").unwrap();
    assert_eq!(ta.entities[him.entity].name, "Karl Brandt");
}

#[test]
fn a_pronoun_after_a_sentence_with_a_fronted_clause_is_its_main_subject() {
    // The subject of "After X died, Y became …" is Y, not X.
    let ta = analyze(
        "Nicolae Ceausescu was born in Scornicesti. He was arrested in 1936 and met Gheorghe Gheorghiu-Dej in prison. \
         After Gheorghe Gheorghiu-Dej died in 1965, Nicolae Ceausescu became the leader of the party. \
         In 1974 he made himself President of Romania.",
    );
    let he = ta.mentions.iter().rfind(|m| m.text == "he").unwrap();
    assert_eq!(ta.entities[he.entity].name, "Nicolae Ceausescu");
}

#[test]
fn a_given_name_opening_a_sentence_is_no_determiner() {
    // The model reads "Dietrich" as "which"-like; before a proper noun a
    // given name opens the name.
    let ta = analyze("Dietrich Bonhoeffer was a pastor. He was hanged in 1945.");
    let (t, names) = entity_of(&ta, "Dietrich Bonhoeffer").expect("the full name");
    assert_eq!(t, EntityType::Person);
    assert!(names.iter().any(|n| n == "He"), "{names:?}");
}

#[test]
fn a_given_name_opening_a_sentence_before_of_and_a_name_is_no_common_noun() {
    // The model reads a sentence's first "Catherine" as a noun; before
    // "of" and a proper noun the given name opens the name.
    let ta = analyze("Catherine of Aragon died in 1536. She was buried at Peterborough.");
    let (t, names) = entity_of(&ta, "Catherine of Aragon").expect("the full name");
    assert_eq!(t, EntityType::Person);
    assert!(names.iter().any(|n| n == "She"), "{names:?}");
}

#[test]
fn a_noble_title_of_a_place_right_after_a_name_is_that_person_s_style() {
    // Without the comma of "Mary, Queen of Scots": the title is the
    // person's, and neither "Mary Queen" nor "Scots" is anyone.
    let ta = analyze("Mary Queen of Scots was born in 1542. Richard Duke of York died in 1460.");
    let (_, names) = entity_of(&ta, "Mary").expect("Mary");
    assert!(names.iter().any(|n| n == "Queen of Scots"), "{names:?}");
    let (_, names) = entity_of(&ta, "Richard").expect("Richard");
    assert!(names.iter().any(|n| n == "Duke of York"), "{names:?}");
    for n in ["Mary Queen", "Scots", "Richard Duke", "York"] {
        assert!(entity_of(&ta, n).is_none(), "{n}");
    }
}

#[test]
fn a_french_square_is_a_place() {
    let ta = analyze("Lavoisier was executed at the Place de la Bastille in Paris in 1794.");
    let (t, _) = entity_of(&ta, "Place de la Bastille").expect("the square");
    assert_eq!(t, EntityType::Place);
}

#[test]
fn a_surname_that_is_a_common_word_ending_a_clause_after_a_preposition_is_the_person() {
    // "More" (also page furniture) right after "to" and before the full
    // stop is Thomas More, and the next sentence's "He" is him.
    let ta = analyze(
        "Thomas More was Lord Chancellor. John Fisher was a bishop. The calendars differ. \
         England did not switch until 1752. If you did convert, Fisher's 22 June would become 2 July. \
         The dates show how much the liturgical year meant to More. He was beheaded in 1535.",
    );
    let (_, names) = entity_of(&ta, "Thomas More").expect("Thomas More");
    assert!(names.iter().any(|n| n == "More"), "{names:?}");
    assert!(names.iter().any(|n| n == "He"), "{names:?}");
}

#[test]
fn a_place_the_gazetteer_names_whole_is_no_person_for_its_given_name() {
    // "Santa" is also a given name; "Santa Maria" is a gazetteer place.
    let ta = analyze("The monks of Santa Maria lived there. Galileo was tried in Santa Maria.");
    let (t, _) = entity_of(&ta, "Santa Maria").expect("Santa Maria");
    assert_eq!(t, EntityType::Place);
}

#[test]
fn a_heading_name_is_the_fuller_name_with_a_second_surname_after_it() {
    // A heading line, then the lead's full name with the mother's surname;
    // in running text a longer name is someone else.
    let ta = analyze(
        "Emiliano Zapata\n\nEmiliano Zapata Salazar (8 August 1879 – 10 April 1919) was a \
         Mexican revolutionary. Zapata was born in Anenecuilco. \
         George Washington was a president. George Washington Carver was a scientist.",
    );
    let (_, names) = entity_of(&ta, "Emiliano Zapata Salazar").expect("Zapata");
    assert!(names.iter().any(|n| n == "Emiliano Zapata"), "{names:?}");
    let (_, names) = entity_of(&ta, "George Washington Carver").expect("Carver");
    assert!(!names.iter().any(|n| n == "George Washington"), "{names:?}");
}

#[test]
fn people_in_a_fronted_prepositional_phrase_are_not_the_pronoun_s_antecedent() {
    let ta = analyze(
        "Antoine Lavoisier was a chemist. With Louis-Bernard Guyton de Morveau, Claude-Louis \
         Berthollet and Antoine-François Fourcroy he published the Méthode in 1787.",
    );
    let (_, names) = entity_of(&ta, "Antoine Lavoisier").expect("Lavoisier");
    assert!(names.iter().any(|n| n == "he"), "{names:?}");
}

#[test]
fn words_addressed_to_someone_in_quotes_are_no_name() {
    // A mourning diary's "Pierre, my Pierre" is Pierre twice, not a title
    // or a person of that name.
    let ta = analyze(
        "Pierre Curie died in 1906. For a year she wrote \"Pierre, my Pierre\" again and again.",
    );
    assert!(entity_of(&ta, "Pierre, my Pierre").is_none());
    let (_, names) = entity_of(&ta, "Pierre Curie").expect("Pierre Curie");
    assert!(
        names.iter().filter(|n| *n == "Pierre").count() >= 2,
        "{names:?}"
    );
}

#[test]
fn a_surname_given_a_birth_name_is_still_the_full_names() {
    // The birth name is another name of the man, not another first name
    // keeping his surname from his full name.
    // (the page's heading names him without his middle name first)
    let ta = analyze(
        "Patrice Lumumba\n\nPatrice Émery Lumumba (2 July 1925 – 17 January 1961) was a Congolese politician. \
         Lumumba was born Élias Okit'Asombo in the village of Onalua. \
         In 1958 Patrice Lumumba founded a party. Lumumba was killed in 1961.",
    );
    let (_, names) = entity_of(&ta, "Patrice Émery Lumumba").expect("the full name");
    for n in ["Lumumba", "Patrice Lumumba", "Élias Okit'Asombo"] {
        assert!(names.iter().any(|x| x == n), "{n}: {names:?}");
    }
}

#[test]
fn a_full_name_misspelt_in_the_same_page_is_the_same_person() {
    let ta = analyze(
        "Gavrilo Princip fired two shots. Later Gavrillo Princip was tried. \
         Lee Harvey Oswald was arrested. Lee Harvy Oswald was shot. John Smith met Joan Smith.",
    );
    let (_, princip) = entity_of(&ta, "Gavrilo Princip").expect("Princip");
    assert!(
        princip.iter().any(|n| n == "Gavrillo Princip"),
        "{princip:?}"
    );
    let (_, oswald) = entity_of(&ta, "Lee Harvey Oswald").expect("Oswald");
    assert!(oswald.iter().any(|n| n == "Lee Harvy Oswald"), "{oswald:?}");
    // (a short given name one letter off is someone else)
    let (_, john) = entity_of(&ta, "John Smith").expect("John");
    assert!(!john.iter().any(|n| n == "Joan Smith"), "{john:?}");
}

#[test]
fn a_one_word_town_name_read_as_a_person_is_a_place_by_its_ending() {
    // Not in the gazetteer (a colonial name), but placed by "in" and ending
    // like a town: a place, which no pronoun can mean.
    let ta = analyze(
        "Patrice Lumumba was born in 1925. As a young man he settled in Stanleyville, where he worked as a clerk.",
    );
    let (t, _) = entity_of(&ta, "Stanleyville").expect("Stanleyville");
    assert_eq!(t, EntityType::Place);
}

#[test]
fn a_month_word_after_a_particle_is_part_of_the_place_name() {
    // "Mar" and "Mayo" read as months on their own; after "del", "de"
    // they end a place name. A date after a particle stays a date.
    let ta = analyze(
        "The coffin was flown to Viña del Mar and put in a family tomb. \
         The mothers marched in the Plaza de Mayo every Thursday.",
    );
    assert_eq!(
        entity_of(&ta, "Viña del Mar").map(|e| e.0),
        Some(EntityType::Place)
    );
    assert!(entity_of(&ta, "Plaza de Mayo").is_some());
    let ta = analyze("He met Juan de Mar 5 at the port.");
    assert!(entity_of(&ta, "Juan de Mar").is_none());
}

#[test]
fn a_possessive_before_a_place_head_names_a_town() {
    let ta = analyze("Biko was born in King William's Town in 1946.");
    assert_eq!(
        entity_of(&ta, "King William's Town").map(|e| e.0),
        Some(EntityType::Place)
    );
    assert!(entity_of(&ta, "William").is_none());
}

#[test]
fn a_place_possessive_before_a_place_head_stays_two_names() {
    let ta = analyze("Crowds filled Havana's Plaza of the Revolution in 1959.");
    assert!(entity_of(&ta, "Havana").is_some());
    assert!(entity_of(&ta, "Havana's Plaza of the Revolution").is_none());
}

#[test]
fn a_spanish_or_italian_place_word_opens_a_place_name() {
    let ta = analyze(
        "Emiliano Zapata was killed on April 10, 1919 at the Hacienda of Chinameca in Morelos.",
    );
    assert_eq!(
        entity_of(&ta, "Hacienda of Chinameca").map(|e| e.0),
        Some(EntityType::Place)
    );
}

#[test]
fn a_name_listed_with_a_known_place_after_a_preposition_is_a_place() {
    let ta = analyze(
        "The British and the United States occupied Arkhangelsk and the Japanese occupied Vladivostok. \
         Great Britain and the United States pulled their troops out of Murmansk and Arkhangelsk before the onset of winter.",
    );
    assert_eq!(
        entity_of(&ta, "Arkhangelsk").map(|e| e.0),
        Some(EntityType::Place)
    );
}

#[test]
fn a_fronted_place_and_the_subject_after_its_comma_are_no_list() {
    let ta = analyze(
        "Originally from Indiana, Barger hesitated when invited to join a race. Barger won it.",
    );
    assert_eq!(
        entity_of(&ta, "Barger").map(|e| e.0),
        Some(EntityType::Person)
    );
    let ta = analyze("It held several sawmills, including one in Gilchrist, Oregon, and a plant.");
    assert_eq!(
        entity_of(&ta, "Gilchrist").map(|e| e.0),
        Some(EntityType::Place)
    );
}

#[test]
fn a_name_ending_in_a_peoples_plural_is_a_group() {
    let ta = analyze("North Americans keep more distance than Anglo-Americans did in 1900.");
    assert_eq!(
        entity_of(&ta, "North Americans").map(|e| e.0),
        Some(EntityType::Group)
    );
}

#[test]
fn a_surname_once_titled_madame_joins_no_mans_full_name() {
    let ta = analyze(
        "Madame Curie won two prizes. Curie was the first woman to do so. \
         Pierre Curie was born in Paris. Curie died in 1934.",
    );
    let (_, names) = entity_of(&ta, "Pierre Curie").expect("Pierre Curie");
    assert!(!names.iter().any(|n| n == "Madame Curie"), "{names:?}");
}
