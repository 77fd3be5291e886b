//! Names and aliases across documents: curated aliases, acronyms, short
//! forms with designators, misspellings, nicknames, relatives. Each case
//! is general (invented names where possible) and has a guard beside it.

use annalist_kb::merge;
use annalist_model::*;

mod common;
use common::Doc;

use EntityType::{Organization, Person, Place};
use MentionForm::Name;

/// The entity holding a name (as alias), if any.
fn holder<'a>(kb: &'a KnowledgeBase, name: &str) -> Option<&'a Entity> {
    kb.entities
        .iter()
        .find(|e| e.aliases.iter().any(|a| a == name))
}

fn same(kb: &KnowledgeBase, a: &str, b: &str) -> bool {
    match (holder(kb, a), holder(kb, b)) {
        (Some(x), Some(y)) => x.id == y.id,
        _ => false,
    }
}

/// Two documents sharing some context: each names `shared` too.
fn two(
    a: (EntityType, &str),
    b: (EntityType, &str),
    shared: &[(EntityType, &str)],
) -> KnowledgeBase {
    let mut out = Vec::new();
    for (i, (t, n)) in [a, b].into_iter().enumerate() {
        let mut d = Doc::new(&format!("doc{i}"), 0.8);
        let mut s = format!("{n} was there.");
        for (_, o) in shared {
            s.push_str(&format!(" So was {o}."));
        }
        let s0 = d.sentence(&s);
        d.entity(t, n, s0, n, Name);
        for (t, o) in shared {
            d.entity(*t, o, s0, o, Name);
        }
        out.push(d.done());
    }
    merge(out)
}

const CTX: &[(EntityType, &str)] = &[(Person, "Anton Velikov"), (Place, "Zarograd")];

#[test]
fn curated_aliases_join_across_types() {
    let kb = two((Organization, "USSR"), (Place, "Soviet Union"), CTX);
    assert!(same(&kb, "USSR", "Soviet Union"));
    let kb = two((Place, "Petrograd"), (Place, "St. Petersburg"), CTX);
    assert!(same(&kb, "Petrograd", "St. Petersburg"));
    let kb = two(
        (Organization, "Comintern"),
        (Organization, "Third International"),
        CTX,
    );
    assert!(same(&kb, "Comintern", "Third International"));
    // Predecessor and successor bodies stay apart.
    let kb = two((Place, "Russian Empire"), (Place, "Soviet Union"), CTX);
    assert!(!same(&kb, "Russian Empire", "Soviet Union"));
}

#[test]
fn acronym_with_swapped_letters_needs_one_fit_and_context() {
    let kb = two(
        (Organization, "ILC"),
        (Organization, "International Communist League"),
        CTX,
    );
    assert!(same(&kb, "ILC", "International Communist League"));
    // Without shared context it stays apart.
    let kb = two(
        (Organization, "ILC"),
        (Organization, "International Communist League"),
        &[],
    );
    assert!(!same(&kb, "ILC", "International Communist League"));
}

#[test]
fn short_forms_with_designators() {
    let kb = two((Place, "Smolny"), (Organization, "Smolny Institute"), CTX);
    assert!(same(&kb, "Smolny", "Smolny Institute"));
    let kb = two(
        (Place, "Petrovsky Bridge"),
        (Place, "Bolshoy Petrovsky Bridge"),
        CTX,
    );
    assert!(same(&kb, "Petrovsky Bridge", "Bolshoy Petrovsky Bridge"));
    // Synonymous administrative designators.
    let kb = two(
        (Place, "Tobolsk Governorate"),
        (Place, "Tobolsk province"),
        CTX,
    );
    assert!(same(&kb, "Tobolsk Governorate", "Tobolsk province"));
    // A town is not its province, a city is not a building named after it.
    let kb = two((Place, "Vyatka"), (Place, "Vyatka Province"), CTX);
    assert!(!same(&kb, "Vyatka", "Vyatka Province"));
    let kb = two((Place, "Kazan"), (Place, "Kazan Cathedral"), CTX);
    assert!(!same(&kb, "Kazan", "Kazan Cathedral"));
    // A person known by a gender is not a building.
    let mut d0 = Doc::new("d0", 0.8);
    let s = d0.sentence("Velsky spoke. Anton Velikov listened in Zarograd.");
    let v = d0.entity(Person, "Velsky", s, "Velsky", Name);
    d0.gender(v, "male");
    d0.entity(Person, "Anton Velikov", s, "Anton Velikov", Name);
    d0.entity(Place, "Zarograd", s, "Zarograd", Name);
    let mut d1 = Doc::new("d1", 0.8);
    let s = d1.sentence("Velsky Institute. Anton Velikov listened in Zarograd.");
    d1.entity(
        Organization,
        "Velsky Institute",
        s,
        "Velsky Institute",
        Name,
    );
    d1.entity(Person, "Anton Velikov", s, "Anton Velikov", Name);
    d1.entity(Place, "Zarograd", s, "Zarograd", Name);
    let kb = merge(vec![d0.done(), d1.done()]);
    assert!(!same(&kb, "Velsky", "Velsky Institute"));
    // Nor is a titled person a bridge.
    let mut d0 = Doc::new("d0", 0.8);
    let s = d0.sentence("Prime Minister Lord Velsk resigned. Anton Velikov listened in Zarograd.");
    d0.entity(Person, "Prime Minister Lord Velsk", s, "Lord Velsk", Name);
    d0.entity(Person, "Anton Velikov", s, "Anton Velikov", Name);
    d0.entity(Place, "Zarograd", s, "Zarograd", Name);
    let mut d1 = Doc::new("d1", 0.8);
    let s = d1.sentence("Velsk Bridge. Anton Velikov listened in Zarograd.");
    d1.entity(Place, "Velsk Bridge", s, "Velsk Bridge", Name);
    d1.entity(Person, "Anton Velikov", s, "Anton Velikov", Name);
    d1.entity(Place, "Zarograd", s, "Zarograd", Name);
    let kb = merge(vec![d0.done(), d1.done()]);
    assert!(!same(&kb, "Prime Minister Lord Velsk", "Velsk Bridge"));
}

#[test]
fn ambiguous_short_forms_stay_apart() {
    let mut docs = Vec::new();
    for (i, n) in ["Malaya Nevka", "Bolshaya Nevka", "Nevka"]
        .iter()
        .enumerate()
    {
        let mut d = Doc::new(&format!("d{i}"), 0.8);
        let s = d.sentence(&format!("{n} froze. Anton Velikov saw it."));
        d.entity(Place, n, s, n, Name);
        d.entity(Person, "Anton Velikov", s, "Anton Velikov", Name);
        docs.push(d.done());
    }
    let kb = merge(docs);
    assert!(!same(&kb, "Malaya Nevka", "Bolshaya Nevka"));
}

#[test]
fn misspelt_places_get_the_gazetteer_spelling() {
    let mut d = Doc::new("d0", 0.8);
    let s = d.sentence("He lived in Coyoacn and later Khabarovks.");
    d.entity(Person, "Coyoacn", s, "Coyoacn", Name);
    d.entity(Place, "Khabarovks", s, "Khabarovks", Name);
    let kb = merge(vec![d.done()]);
    let e = holder(&kb, "Coyoacn").unwrap();
    assert_eq!(e.name, "Coyoacán");
    assert_eq!(e.etype, Place);
    assert!(e.alias_evidence.iter().any(|a| a.how == "gazetteer"));
    assert_eq!(holder(&kb, "Khabarovks").unwrap().name, "Khabarovsk");
}

#[test]
fn nicknames_go_to_the_person_they_come_from() {
    // "Mironych" (from the patronymic) given to the wrong person.
    let mut d = Doc::new("d0", 0.8);
    let s = d.sentence("Sergei Mironovich Kostrikov met Stalin, who called him Mironych.");
    let k = d.entity(
        Person,
        "Sergei Mironovich Kostrikov",
        s,
        "Sergei Mironovich Kostrikov",
        Name,
    );
    d.gender(k, "male");
    let st = d.entity(Person, "Stalin", s, "Stalin", Name);
    d.alias(st, "Mironych", "nickname", s);
    let kb = merge(vec![d.done()]);
    assert!(same(&kb, "Mironych", "Sergei Mironovich Kostrikov"));
    assert!(!same(&kb, "Mironych", "Stalin"));
    // A pet form of a given name (hypocorisms.tsv).
    let mut d = Doc::new("d1", 0.8);
    let s = d.sentence(
        "Grigori Rasputin was hated by Purishkevich. Grishka, as his enemies called him.",
    );
    d.entity(Person, "Grigori Rasputin", s, "Grigori Rasputin", Name);
    let p = d.entity(Person, "Purishkevich", s, "Purishkevich", Name);
    d.alias(p, "Grishka", "nickname", s);
    let kb = merge(vec![d.done()]);
    assert!(same(&kb, "Grishka", "Grigori Rasputin"));
    // A nickname of one's own name stays ("Koba" fits nobody else).
    let mut d = Doc::new("d2", 0.8);
    let s = d.sentence("Joseph Stalin, known as Koba, met Sergei Kirov.");
    let j = d.entity(Person, "Joseph Stalin", s, "Joseph Stalin", Name);
    d.alias(j, "Koba", "nickname", s);
    d.entity(Person, "Sergei Kirov", s, "Sergei Kirov", Name);
    let kb = merge(vec![d.done()]);
    assert!(same(&kb, "Koba", "Joseph Stalin"));
}

#[test]
fn relatives_merged_by_the_text_stage_are_split_off() {
    let mut d = Doc::new("d0", 0.8);
    let s = d.sentence("Grigori Rasputin had a daughter, Maria Rasputin.");
    let g = d.entity(Person, "Grigori Rasputin", s, "Grigori Rasputin", Name);
    d.alias(g, "Maria Rasputin", "surface", s);
    let li = d.entity(Person, "Grigori Rasputin", s, "Maria Rasputin", Name);
    assert_eq!(li, g);
    let kb = merge(vec![d.done()]);
    assert!(holder(&kb, "Maria Rasputin").is_some());
    assert!(!same(&kb, "Maria Rasputin", "Grigori Rasputin"));
}

#[test]
fn headings_taken_for_names_and_misspelt_surnames() {
    let mut docs = Vec::new();
    let mut d = Doc::new("d0", 0.8);
    let s = d.sentence("Assassination of Leon Trotsky. Ramon Mercader struck.");
    d.entity(
        Person,
        "Assassination of Leon Trotsky",
        s,
        "Assassination of Leon Trotsky",
        Name,
    );
    d.entity(Person, "Ramon Mercader", s, "Ramon Mercader", Name);
    docs.push(d.done());
    let mut d = Doc::new("d1", 0.8);
    let s = d.sentence("Leon Trotsky died. Ramon Mercader struck. Trotski fell.");
    d.entity(Person, "Leon Trotsky", s, "Leon Trotsky", Name);
    d.entity(Person, "Ramon Mercader", s, "Ramon Mercader", Name);
    docs.push(d.done());
    let kb = merge(docs);
    assert!(same(&kb, "Assassination of Leon Trotsky", "Leon Trotsky"));
    assert_eq!(holder(&kb, "Leon Trotsky").unwrap().name, "Leon Trotsky");
}

#[test]
fn odd_names_never_panic() {
    for n in [
        "",
        " ",
        "of",
        "Of The",
        "ß",
        "\u{301}",
        "II",
        "日本 Institute",
        "Bolshoy",
        "A B C",
    ] {
        let kb = two((Place, n), (Organization, n), CTX);
        assert!(kb.entities.iter().all(|e| !e.id.is_empty()));
    }
}

#[test]
fn title_and_given_name_join_the_regnal_name() {
    let kb = two((Person, "Tsar Nicholas"), (Person, "Nicholas II"), CTX);
    assert!(same(&kb, "Tsar Nicholas", "Nicholas II"));
    // A bare given name without a title is not linked.
    let kb = two((Person, "Nicholas"), (Person, "Nicholas II"), CTX);
    assert!(!same(&kb, "Nicholas", "Nicholas II"));
    // Two regnal names with that given name: ambiguous.
    let mut docs = Vec::new();
    for (i, n) in ["Tsar Nicholas", "Nicholas I", "Nicholas II"]
        .iter()
        .enumerate()
    {
        let mut d = Doc::new(&format!("d{i}"), 0.8);
        let s = d.sentence(&format!("{n} ruled. Anton Velikov served."));
        d.entity(Person, n, s, n, Name);
        d.entity(Person, "Anton Velikov", s, "Anton Velikov", Name);
        docs.push(d.done());
    }
    let kb = merge(docs);
    assert!(!same(&kb, "Tsar Nicholas", "Nicholas II"));
    assert!(!same(&kb, "Tsar Nicholas", "Nicholas I"));
}

#[test]
fn ordinals_in_words_and_figures_are_one() {
    let kb = two(
        (EntityType::EventName, "Seventeenth Party Congress"),
        (EntityType::EventName, "17th Party Congress"),
        CTX,
    );
    assert!(same(
        &kb,
        "Seventeenth Party Congress",
        "17th Party Congress"
    ));
    let kb = two(
        (EntityType::EventName, "Seventeenth Party Congress"),
        (EntityType::EventName, "18th Party Congress"),
        CTX,
    );
    assert!(!same(
        &kb,
        "Seventeenth Party Congress",
        "18th Party Congress"
    ));
}

#[test]
fn members_of_a_party() {
    let kb = two(
        (Organization, "Social Democrats"),
        (Organization, "Russian Social Democratic Labour Party"),
        CTX,
    );
    assert!(same(
        &kb,
        "Social Democrats",
        "Russian Social Democratic Labour Party"
    ));
    let kb = two(
        (EntityType::Group, "Russians"),
        (Organization, "Russian Social Democratic Labour Party"),
        CTX,
    );
    assert!(!same(
        &kb,
        "Russians",
        "Russian Social Democratic Labour Party"
    ));
}

#[test]
fn a_given_name_kept_apart_in_its_document_does_not_join_the_patronymic_name() {
    // A names the grand duke by given name and patronymic only (no surname,
    // so "Dmitri" keys him); B names him too and, apart, another Dmitri.
    let mut a = Doc::new("a", 0.8);
    let s = a.sentence("Grand Duke Dmitri Pavlovich fired the shot.");
    a.entity(Person, "Dmitri Pavlovich", s, "Dmitri Pavlovich", Name);
    let mut b = Doc::new("b", 0.8);
    let s = b.sentence("Dmitri Pavlovich was exiled, and his friend's son Dmitri stayed.");
    b.entity(Person, "Dmitri Pavlovich", s, "Dmitri Pavlovich", Name);
    let s2 = b.sentence("Dmitri later died in a camp.");
    b.entity(Person, "Dmitri", s2, "Dmitri", Name);
    let kb = merge(vec![a.done(), b.done()]);
    let dp = holder(&kb, "Dmitri Pavlovich").expect("grand duke");
    assert!(
        !dp.aliases.iter().any(|x| x == "Dmitri"),
        "{:#?}",
        kb.entities
    );
    // Without a second Dmitri in the document, the short name joins.
    let mut c = Doc::new("c", 0.8);
    let s = c.sentence("Dmitri fired the shot.");
    c.entity(Person, "Dmitri", s, "Dmitri", Name);
    let mut a = Doc::new("a", 0.8);
    let s = a.sentence("Grand Duke Dmitri Pavlovich fired the shot.");
    a.entity(Person, "Dmitri Pavlovich", s, "Dmitri Pavlovich", Name);
    let kb = merge(vec![a.done(), c.done()]);
    assert!(
        same(&kb, "Dmitri", "Dmitri Pavlovich"),
        "{:#?}",
        kb.entities
    );
}

#[test]
fn an_acronym_its_own_full_name_explains_joins_nothing_else() {
    // "U.S." is the United States (curated); another body with the same
    // initials ("Ural Soviet") is not.
    let mut out = Vec::new();
    let mut d = Doc::new("doc0", 0.8);
    let s0 = d.sentence("The U.S. envoy left the United States. Anton Velikov was there.");
    d.entity(Place, "U.S.", s0, "U.S.", Name);
    d.entity(Place, "United States", s0, "United States", Name);
    d.entity(Person, "Anton Velikov", s0, "Anton Velikov", Name);
    out.push(d.done());
    let mut d = Doc::new("doc1", 0.8);
    let s0 = d.sentence("The Ural Soviet met. Anton Velikov was there.");
    d.entity(Organization, "Ural Soviet", s0, "Ural Soviet", Name);
    d.entity(Person, "Anton Velikov", s0, "Anton Velikov", Name);
    out.push(d.done());
    let kb = merge(out);
    assert!(same(&kb, "U.S.", "United States"));
    assert!(!same(&kb, "Ural Soviet", "United States"));
}

#[test]
fn two_full_names_with_close_surnames_are_not_misspellings() {
    // The surname of one full name may match a one-word name, never the
    // surname of another full name with other first words.
    let kb = two((Person, "Marek Zaborski"), (Person, "Ilona Zaborsky"), CTX);
    assert!(!same(&kb, "Marek Zaborski", "Ilona Zaborsky"));
    // Titles and common words typed as persons by the text stage.
    let kb = two(
        (Person, "Smart Speakers"),
        (Person, "House of Representatives Speaker"),
        CTX,
    );
    assert!(!same(
        &kb,
        "Smart Speakers",
        "House of Representatives Speaker"
    ));
    let kb = two((Person, "Marek Zaborski"), (Person, "Zaborsky"), CTX);
    assert!(same(&kb, "Marek Zaborski", "Zaborsky"));
}

#[test]
fn one_given_name_in_two_languages_is_one_person_named_in_latin_script() {
    let kb = two(
        (Person, "Pierre Charles L'Enfant"),
        (Person, "Peter Charles L'Enfant"),
        CTX,
    );
    assert!(same(
        &kb,
        "Pierre Charles L'Enfant",
        "Peter Charles L'Enfant"
    ));
    let kb = two((Person, "Iosif Stalin"), (Person, "Joseph Stalin"), CTX);
    assert!(same(&kb, "Iosif Stalin", "Joseph Stalin"));
    // Another given name altogether stays another person.
    let kb = two((Person, "Pierre Curie"), (Person, "Jacques Curie"), CTX);
    assert!(!same(&kb, "Pierre Curie", "Jacques Curie"));
    // The Latin-script name names the entity, whatever the accents count.
    let kb = two(
        (Person, "Alexander Gradsky"),
        (Person, "Александр Градский"),
        CTX,
    );
    let e = holder(&kb, "Alexander Gradsky").expect("entity");
    assert_eq!(e.name, "Alexander Gradsky");
}

#[test]
fn a_known_word_name_or_place_is_no_misspelling() {
    // One edit apart, contexts agree, but the minority spelling is a word
    // a writer meant: a town, a given name, an English word.
    let kb = two((Person, "John Bolton"), (Person, "Boston"), CTX);
    assert!(!same(&kb, "John Bolton", "Boston"));
    let kb = two((Place, "Albania"), (Place, "Albany"), CTX);
    assert!(!same(&kb, "Albania", "Albany"));
    let kb = two((Person, "Alexa"), (Person, "Alex"), CTX);
    assert!(!same(&kb, "Alexa", "Alex"));
    // An unknown spelling still joins.
    let kb = two((Person, "Ramon Mercader"), (Person, "Mercador"), CTX);
    assert!(same(&kb, "Ramon Mercader", "Mercador"));
}

#[test]
fn a_misspelt_surname_with_another_first_name_is_another_person() {
    // "Greene" and "Green" are one edit apart, the contexts agree, but
    // Bill is not Nathanael.
    let mut docs = Vec::new();
    for (i, (full, short)) in [("Nathanael Greene", "Greene"), ("Bill Green", "Green")]
        .into_iter()
        .enumerate()
    {
        let mut d = Doc::new(&format!("doc{i}"), 0.8);
        let s = d.sentence(&format!(
            "{full} was there. Later {short} spoke. So was Anton Velikov in Zarograd."
        ));
        d.entity(Person, full, s, full, Name);
        // the short name as an entity of its own, joined by resolution
        d.entity(Person, short, s, short, Name);
        d.entity(Person, "Anton Velikov", s, "Anton Velikov", Name);
        d.entity(Place, "Zarograd", s, "Zarograd", Name);
        docs.push(d.done());
    }
    let kb = merge(docs);
    assert!(!same(&kb, "Nathanael Greene", "Bill Green"));
    // The same first name (or an initial) still merges the misspelling.
    let kb = two(
        (Person, "Nathanael Greene"),
        (Person, "Nathanael Grene"),
        CTX,
    );
    assert!(same(&kb, "Nathanael Greene", "Nathanael Grene"));
}

#[test]
fn compound_titles_of_office_are_no_first_name() {
    // "Deputy Prime Minister Tariq Aziz" was split off "Tariq Aziz" as a
    // relative with the first name "Deputy".
    let mut d = Doc::new("doc0", 0.8);
    let s = d.sentence(
        "Tariq Aziz spoke. Deputy Prime Minister Tariq Aziz left. Foreign Minister Tariq Aziz came back.",
    );
    let li = d.entity(Person, "Tariq Aziz", s, "Tariq Aziz", Name);
    d.alias(li, "Deputy Prime Minister Tariq Aziz", "title", s);
    d.alias(li, "Foreign Minister Tariq Aziz", "title", s);
    let kb = merge(vec![d.done()]);
    let people: Vec<_> = kb
        .entities
        .iter()
        .filter(|e| e.name.contains("Aziz"))
        .collect();
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(people[0].name, "Tariq Aziz");
}

#[test]
fn a_pet_form_joins_the_one_full_given_name_of_that_surname() {
    // Two documents sharing context.
    let kb = two((Person, "Ben Stoloff"), (Person, "Benjamin Stoloff"), CTX);
    assert!(same(&kb, "Ben Stoloff", "Benjamin Stoloff"));
    // One document naming both ("best known as").
    let mut d = Doc::new("d", 0.8);
    let s = d.sentence("Christopher Penley, known as Chris Penley, was there.");
    d.entity(Person, "Christopher Penley", s, "Christopher Penley", Name);
    d.entity(Person, "Chris Penley", s, "Chris Penley", Name);
    let kb = merge(vec![d.done()]);
    assert!(same(&kb, "Chris Penley", "Christopher Penley"));
    // Not without context, nor a pet form of another given name.
    let kb = two((Person, "Ben Stoloff"), (Person, "Benjamin Stoloff"), &[]);
    assert!(!same(&kb, "Ben Stoloff", "Benjamin Stoloff"));
    let kb = two((Person, "Ben Stoloff"), (Person, "Bernard Stoloff"), CTX);
    assert!(!same(&kb, "Ben Stoloff", "Bernard Stoloff"));
}

#[test]
fn a_full_name_without_its_first_names_joins_the_one_fuller_name() {
    // (invented Roman-style names)
    let kb = two(
        (Person, "Gaius Varro Pulcher"),
        (Person, "Varro Pulcher"),
        CTX,
    );
    assert!(same(&kb, "Gaius Varro Pulcher", "Varro Pulcher"));
    // Two people with that tail: neither takes it.
    let mut out = Vec::new();
    for (i, n) in [
        "Gaius Varro Pulcher",
        "Lucius Varro Pulcher",
        "Varro Pulcher",
    ]
    .into_iter()
    .enumerate()
    {
        let mut d = Doc::new(&format!("doc{i}"), 0.8);
        let s0 = d.sentence(&format!("{n} was there. So was Anton Velikov."));
        d.entity(Person, n, s0, n, Name);
        d.entity(Person, "Anton Velikov", s0, "Anton Velikov", Name);
        out.push(d.done());
    }
    let kb = merge(out);
    assert!(!same(&kb, "Gaius Varro Pulcher", "Varro Pulcher"));
    assert!(!same(&kb, "Lucius Varro Pulcher", "Varro Pulcher"));
    // Two leading names dropped: no tail ("Ras Imru Haile Selassie").
    let kb = two(
        (Person, "Ras Imru Varro Pulcher"),
        (Person, "Varro Pulcher"),
        CTX,
    );
    assert!(!same(&kb, "Ras Imru Varro Pulcher", "Varro Pulcher"));
    // Without shared context, apart.
    let kb = two(
        (Person, "Gaius Varro Pulcher"),
        (Person, "Varro Pulcher"),
        &[],
    );
    assert!(!same(&kb, "Gaius Varro Pulcher", "Varro Pulcher"));
}

#[test]
fn a_local_entity_named_by_a_title_word_keeps_its_fullest_name() {
    // "King was born Michael King Jr.": the text stage names the entity
    // "King" (the birth name is an alias), which is all title to the kb.
    let mut d = Doc::new("d0", 0.8);
    let s = d.sentence("King was born Michael King Jr. in Atlanta.");
    let k = d.entity(Person, "King", s, "King", Name);
    d.alias(k, "Michael King Jr.", "born", s);
    let kb = merge(vec![d.done()]);
    assert!(
        holder(&kb, "Michael King Jr.").is_some(),
        "{:?}",
        kb.entities
    );
}

#[test]
fn a_given_name_alone_joins_the_one_person_it_starts() {
    // (invented names) Documents naming people by `names`, each with
    // Anton Velikov for context; "he" gave the given name a gender.
    fn kb_of(names: &[&str], context: bool) -> KnowledgeBase {
        let mut docs = Vec::new();
        for (i, n) in names.iter().enumerate() {
            let mut d = Doc::new(&format!("d{i}"), 0.8);
            let s = d.sentence(&format!("{n} was there. So was Anton Velikov."));
            let e = d.entity(Person, n, s, n, Name);
            if !n.contains(' ') {
                d.gender(e, "male");
            }
            if context {
                d.entity(Person, "Anton Velikov", s, "Anton Velikov", Name);
            }
            docs.push(d.done());
        }
        merge(docs)
    }
    let kb = kb_of(&["Orsino", "Orsino Valdrani"], true);
    assert!(same(&kb, "Orsino", "Orsino Valdrani"));
    // Not without shared context.
    let kb = kb_of(&["Orsino", "Orsino Valdrani"], false);
    assert!(!same(&kb, "Orsino", "Orsino Valdrani"));
    // Not a word no pronoun ever took for a person ("Autumn" beside
    // "Autumn Harvest Uprising" typed as a person).
    let kb = two((Person, "Orsino"), (Person, "Orsino Valdrani"), CTX);
    assert!(!same(&kb, "Orsino", "Orsino Valdrani"));
    // Two people with that given name: ambiguous, apart.
    let kb = kb_of(&["Orsino", "Orsino Valdrani", "Orsino Bellacqua"], true);
    assert!(!same(&kb, "Orsino", "Orsino Valdrani"));
    assert!(!same(&kb, "Orsino", "Orsino Bellacqua"));
    // Somebody's surname is read as a surname, not as a given name.
    let kb = kb_of(&["Orsino", "Orsino Valdrani", "Marta Orsino"], true);
    assert!(!same(&kb, "Orsino", "Orsino Valdrani"));
    // A given name with a title is a ruler's ("Tsar Aleksei"), not this
    // man's.
    let kb = kb_of(&["Duke Orsino", "Orsino Valdrani"], true);
    assert!(!same(&kb, "Duke Orsino", "Orsino Valdrani"));
    // A regnal name counts: "Charles" of a document that never numbers
    // him is the one "Charles I" of the corpus ...
    let kb = kb_of(&["Orsino", "Orsino III"], true);
    assert!(same(&kb, "Orsino", "Orsino III"));
    // ... and of two numbered ones, neither.
    let kb = kb_of(&["Orsino", "Orsino III", "Orsino IV"], true);
    assert!(!same(&kb, "Orsino", "Orsino III"));
    assert!(!same(&kb, "Orsino", "Orsino IV"));
}

#[test]
fn a_surname_given_with_a_birth_name_still_joins_the_one_full_name() {
    // "Sacco was born Ferdinando Sacco": the document knows him as "Sacco";
    // the birth name is another name, not his full one, so "Sacco" joins
    // the one "Nicola Sacco" of the corpus.
    let mut a = Doc::new("d0", 0.8);
    let s = a.sentence("Nicola Sacco was executed with Anton Velikov.");
    a.entity(Person, "Nicola Sacco", s, "Nicola Sacco", Name);
    a.entity(Person, "Anton Velikov", s, "Anton Velikov", Name);
    let mut b = Doc::new("d1", 0.8);
    let s = b.sentence("Sacco was born Ferdinando Sacco; he met Anton Velikov.");
    let k = b.entity(Person, "Sacco", s, "Sacco", Name);
    b.alias(k, "Ferdinando Sacco", "born", s);
    b.gender(k, "male");
    b.entity(Person, "Anton Velikov", s, "Anton Velikov", Name);
    let kb = merge(vec![a.done(), b.done()]);
    assert!(same(&kb, "Sacco", "Nicola Sacco"), "{:?}", kb.entities);
    // (guard: a second full name of that surname is no birth name)
    let mut a = Doc::new("d0", 0.8);
    let s = a.sentence("Nicola Sacco was executed with Anton Velikov.");
    a.entity(Person, "Nicola Sacco", s, "Nicola Sacco", Name);
    a.entity(Person, "Anton Velikov", s, "Anton Velikov", Name);
    let mut b = Doc::new("d1", 0.8);
    let s = b.sentence("Sabino Sacco, his brother, met Anton Velikov.");
    let k = b.entity(Person, "Sabino Sacco", s, "Sabino Sacco", Name);
    b.alias(k, "Sacco", "partial", s);
    b.entity(Person, "Anton Velikov", s, "Anton Velikov", Name);
    let kb = merge(vec![a.done(), b.done()]);
    assert!(
        !same(&kb, "Sabino Sacco", "Nicola Sacco"),
        "{:?}",
        kb.entities
    );
}
