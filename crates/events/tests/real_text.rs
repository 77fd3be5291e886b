//! Events read from short texts through the real ingest, text and time
//! stages (the unit tests in src/tests.rs build their tokens by hand; some
//! cases only show with the tagger's own reading).

mod common;
use annalist_events::Extractor;
use annalist_model::{EventMention, EventType, Factuality, Role};
use common::{Prepared, Stages};

fn events(text: &str) -> (Prepared, Vec<EventMention>) {
    let p = Stages::new().prepare_text(text);
    let evs = Extractor::new().extract(&p.doc, &p.ta, &p.tx);
    (p, evs)
}

/// The events of a type.
fn of_type(evs: &[EventMention], t: EventType) -> Vec<&EventMention> {
    evs.iter().filter(|e| e.etype == Some(t)).collect()
}

/// The names filling a role of an event (an entity's name, else the words).
fn names(p: &Prepared, e: &EventMention, role: Role) -> Vec<String> {
    e.fillers(role)
        .map(|f| match f.entity {
            Some(i) => p.ta.entities[i].name.clone(),
            None => f.text.clone(),
        })
        .collect()
}

/// The subject names of the events of a type.
fn subjects(p: &Prepared, evs: &[EventMention], t: EventType) -> Vec<String> {
    of_type(evs, t)
        .into_iter()
        .flat_map(|e| names(p, e, Role::Subject))
        .collect()
}

/// An event's time value.
fn time_of(e: &EventMention) -> Option<&str> {
    e.time.as_ref().map(|t| t.value.as_str())
}

#[test]
fn an_event_noun_in_another_nouns_of_phrase_takes_no_clause_subject() {
    let (p, evs) = events(
        "La Libre Parole, Édouard Drumont's antisemitic paper, broke the news of the arrest at the end of October.",
    );
    assert!(subjects(&p, &evs, EventType::Arrest).is_empty(), "{evs:?}");
}

#[test]
fn an_adjective_with_a_verbs_form_is_no_trigger() {
    // The probe's blog post: "once he was free he would come back".
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../eval/probe/corpus/caesar/003_12564af91325d24a.txt"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let (p, evs) = events(&text);
    let free: Vec<&EventMention> = evs
        .iter()
        .filter(|e| p.doc.text[e.trigger.start..e.trigger.end].eq_ignore_ascii_case("free"))
        .collect();
    assert!(free.is_empty(), "{free:?}");
}

#[test]
fn a_time_right_after_another_event_noun_is_that_nouns() {
    let (p, evs) = events(
        "Marcus Licinius Crassus and Julia were allies of Caesar. Julia's death in 54 BC and the death of Crassus at Carrhae the following year weakened the bond.",
    );
    let crassus: Vec<&EventMention> = of_type(&evs, EventType::Death)
        .into_iter()
        .filter(|e| {
            e.fillers(Role::Subject).any(|f| {
                f.entity
                    .is_some_and(|i| p.ta.entities[i].name.contains("Crassus"))
            })
        })
        .collect();
    assert_eq!(crassus.len(), 1, "{evs:?}");
    assert_eq!(time_of(crassus[0]), Some("BC0053"));
}

#[test]
fn a_relative_clause_before_and_is_skipped_for_the_coordinated_subject() {
    let (p, evs) = events(
        "The same night Lewis Powell talked his way into the house of Secretary of State William H. Seward, who was in bed recovering from a carriage accident, and stabbed him again and again in the face.",
    );
    let attack = of_type(&evs, EventType::Attack);
    assert_eq!(attack.len(), 1, "{evs:?}");
    assert_eq!(
        names(&p, attack[0], Role::Agent),
        ["Lewis Powell"],
        "{evs:?}"
    );
}

#[test]
fn an_event_noun_one_is_told_of_takes_no_clause_subject() {
    let (p, evs) = events(
        "Alfred Dreyfus was arrested on 15 October 1894. His wife Lucie Dreyfus was told of the arrest the same day.",
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Arrest),
        ["Alfred Dreyfus"],
        "{evs:?}"
    );
}

#[test]
fn moved_to_a_capitalised_town_after_a_prepositional_as() {
    // The tagger reads "to Springfield" as an infinitive, and "as" (a
    // preposition here) used to stop the search for the coordinated subject.
    let (p, evs) = events(
        "Abraham Lincoln was born in 1809. He qualified as a lawyer in 1836 and moved to Springfield the following year.",
    );
    let moves = of_type(&evs, EventType::Move);
    assert_eq!(moves.len(), 1, "{evs:?}");
    assert_eq!(subjects(&p, &evs, EventType::Move), ["Abraham Lincoln"]);
    assert_eq!(time_of(moves[0]), Some("1837"));
}

#[test]
fn leaving_a_place_is_a_move_leaving_a_person_or_an_office_is_not() {
    let (p, evs) = events(
        "Marcus Brutus was a praetor. Brutus left Rome in 44 BC. He left his wife in 43 BC. Later he left office.",
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Move),
        ["Marcus Brutus"],
        "{evs:?}"
    );
}

#[test]
fn a_bare_office_after_be_or_become_is_an_appointment() {
    let (p, evs) = events(
        "Julius Caesar was a Roman general. He was quaestor in 69 BC. Later he became consul. Mark Antony served as tribune. \
         William Westmoreland became Chief of Staff of the Army in March.",
    );
    let apps = of_type(&evs, EventType::Appointment);
    assert_eq!(apps.len(), 4, "{evs:?}");
    assert_eq!(time_of(apps[0]), Some("BC0069"));
    let subj = subjects(&p, &evs, EventType::Appointment);
    assert!(
        subj[0].contains("Caesar") && subj[2].contains("Antony"),
        "{subj:?}"
    );
    // a title before a name, an owned office, the present tense: no appointment
    let (_, evs) = events(
        "Haile Selassie Gugsa was Emperor Haile Selassie's son-in-law. Dr. Ronny Jackson, \
         who was then serving as the President's physician, spoke. Mr. Schwarz is president of U.S. Trust.",
    );
    assert!(of_type(&evs, EventType::Appointment).is_empty(), "{evs:?}");
}

#[test]
fn a_part_of_a_body_stands_for_it_as_subject() {
    let (p, evs) = events("Pompey the Great lost. Pompey and much of the Senate fled to Greece.");
    let subj = subjects(&p, &evs, EventType::Move);
    assert!(subj.iter().any(|s| s.contains("Pompey")), "{subj:?}");
    assert!(subj.iter().any(|s| s.contains("Senate")), "{subj:?}");
}

#[test]
fn a_month_after_by_opens_a_date_not_a_name() {
    let (p, evs) = events(
        "Marcus Junius Brutus and Gaius Cassius Longinus led the plot. By April Brutus and Cassius had left Rome.",
    );
    let subj = subjects(&p, &evs, EventType::Move);
    assert!(subj.iter().any(|s| s.contains("Brutus")), "{subj:?}");
    assert!(subj.iter().all(|s| !s.contains("April")), "{subj:?}");
}

#[test]
fn a_participle_opening_the_sentence_tells_of_the_main_subject() {
    let (p, evs) = events(
        "Dragutin Dimitrijević led the Black Hand. Arrested by his own government in December 1916, \
         he was tried by a court-martial at Salonika in the spring of 1917.",
    );
    let arrest = of_type(&evs, EventType::Arrest);
    assert_eq!(arrest.len(), 1, "{evs:?}");
    assert!(names(&p, arrest[0], Role::Subject)[0].contains("Dimitrijević"));
    assert_eq!(time_of(arrest[0]), Some("1916-12"));
}

#[test]
fn a_gerund_after_a_preposition_keeps_the_opening_participle_phrase_whole() {
    let (p, evs) = events(
        "Patrice Lumumba was born in 1925. Arrested in 1956 on charges of embezzling \
         post-office funds, Lumumba served a year in prison.",
    );
    let arrest = of_type(&evs, EventType::Arrest);
    assert_eq!(arrest.len(), 1, "{evs:?}");
    assert!(names(&p, arrest[0], Role::Subject)[0].contains("Lumumba"));
    assert_eq!(time_of(arrest[0]), Some("1956"));
}

#[test]
fn a_time_between_subject_and_verb_is_skipped() {
    let (p, evs) = events(
        "Dragutin Dimitrijević, called Apis, who two years later became head of military intelligence, \
         was a colonel. Alfred Dreyfus entered the army in 1878 and in 1890 married Lucie Hadamard.",
    );
    let subj = subjects(&p, &evs, EventType::Appointment);
    assert!(subj.iter().any(|s| s.contains("Dimitrijević")), "{subj:?}");
    let subj = subjects(&p, &evs, EventType::Marriage);
    assert!(subj.iter().any(|s| s.contains("Dreyfus")), "{subj:?}");
}

#[test]
fn they_after_a_list_of_names_is_the_whole_list() {
    let (p, evs) = events(
        "Lewis Powell, David Herold, George Atzerodt and Mary Surratt were sentenced to death. \
         They were hanged on July 7, 1865.",
    );
    let subj = subjects(&p, &evs, EventType::Execution);
    assert_eq!(subj.len(), 4, "{subj:?}");
    assert!(subj.iter().any(|s| s.contains("Powell")), "{subj:?}");
}

#[test]
fn coming_to_a_named_place_and_being_taken_to_one_are_moves() {
    let (p, evs) = events(
        "Leon Trotsky came to Mexico in 1937. Joseph Stalin came to power in 1924. \
         He came to the conclusion that it was lost. Sophie Chotek and Franz Ferdinand \
         were taken to the Konak.",
    );
    let subj = subjects(&p, &evs, EventType::Move);
    assert_eq!(subj.len(), 3, "{subj:?}");
    assert!(subj[0].contains("Trotsky"), "{subj:?}");
}

#[test]
fn a_second_relative_clause_after_and_has_the_first_ones_antecedent() {
    let (p, evs) = events(
        "Coretta Scott King, who pushed for that trial and who died in 2005, said the verdict confirmed it.",
    );
    let subj = subjects(&p, &evs, EventType::Death);
    assert!(subj.iter().any(|s| s.contains("Coretta")), "{subj:?}");
}

#[test]
fn a_noun_after_a_locative_preposition_leaves_the_time_to_the_verb() {
    let (_, evs) =
        events("Nedeljko Čabrinović and Trifko Grabež had died in the same prison in 1916.");
    let deaths = of_type(&evs, EventType::Death);
    assert!(!deaths.is_empty(), "{evs:?}");
    assert!(
        deaths.iter().all(|e| time_of(e) == Some("1916")),
        "{deaths:?}"
    );
}

#[test]
fn suicides_told_on_the_web_are_deaths() {
    let (p, evs) = events(
        "Hubert-Joseph Henry was arrested on 30 August 1898 and taken to Mont-Valérien, where the \
         next day he cut his throat with a razor. Major Esterhazy commited suicide. \
         Marcus Junius Brutus and Gaius Cassius Longinus were beaten at Philippi and both killed themselves.",
    );
    let subj = subjects(&p, &evs, EventType::Death);
    assert!(subj.iter().any(|s| s.contains("Henry")), "{subj:?}");
    assert!(subj.iter().any(|s| s.contains("Esterhazy")), "{subj:?}");
    assert!(subj.iter().any(|s| s.contains("Brutus")), "{subj:?}");
    assert!(subj.iter().any(|s| s.contains("Cassius")), "{subj:?}");
}

#[test]
fn taking_posts_leaving_them_and_being_transferred() {
    let (p, evs) = events(
        "Georges Picquart was a soldier. In November 1896 Picquart was relieved of his post. \
         His superiors transferred Picquart to Tunisia. Alfred Dreyfus entered the Ecole \
         Polytechnique in 1878 and was commissioned in the artillery. From 58 BC Julius Caesar \
         governed Gaul as proconsul.",
    );
    assert!(subjects(&p, &evs, EventType::Removal)[0].contains("Picquart"));
    assert!(subjects(&p, &evs, EventType::Move)[0].contains("Picquart"));
    assert!(subjects(&p, &evs, EventType::Joining)[0].contains("Dreyfus"));
    let app = subjects(&p, &evs, EventType::Appointment);
    assert!(app.iter().any(|s| s.contains("Dreyfus")), "{app:?}");
    assert!(app.iter().any(|s| s.contains("Caesar")), "{app:?}");
}

#[test]
fn sieges_bombs_thrown_and_shots_fired_at_someone_are_attacks() {
    let (p, evs) = events(
        "Franz Ferdinand visited Sarajevo. Nedeljko Cabrinovic threw a bomb at Franz Ferdinand's car. \
         Gavrilo Princip fired at Franz Ferdinand. The siege of Orleans by the English began in 1428. \
         Dragutin Dimitrijevic was shot at Salonika in 1917.",
    );
    let attacked = subjects(&p, &evs, EventType::Attack);
    assert_eq!(
        attacked.iter().filter(|s| s.contains("Franz")).count(),
        2,
        "{attacked:?}"
    );
    assert!(
        attacked.iter().any(|s| s.contains("Orleans")),
        "{attacked:?}"
    );
    assert!(
        attacked.iter().all(|s| !s.contains("Salonika")),
        "{attacked:?}"
    );
}

#[test]
fn speeches_freedom_and_weddings() {
    let (p, evs) = events(
        "Martin Luther King Jr. delivered his last speech at Mason Temple on April 3, 1968. \
         Nelson Mandela was set free in 1990. The wedding of Franz Ferdinand took place in 1900.",
    );
    assert!(subjects(&p, &evs, EventType::Publication)[0].contains("King"));
    assert!(subjects(&p, &evs, EventType::Release)[0].contains("Mandela"));
    assert!(subjects(&p, &evs, EventType::Marriage)[0].contains("Franz"));
}

#[test]
fn a_noun_for_people_named_together_is_the_last_list_of_names() {
    let (p, evs) = events(
        "Lewis Powell, David Herold and George Atzerodt were caught. \
         The conspirators were hanged on July 7, 1865.",
    );
    let subj = subjects(&p, &evs, EventType::Execution);
    assert_eq!(subj.len(), 3, "{subj:?}");
    // a group noun with no names before stays a phrase
    let (p, evs) = events("The conspirators were hanged on July 7, 1865.");
    let subj = subjects(&p, &evs, EventType::Execution);
    assert!(subj.iter().all(|s| s.contains("conspirators")), "{subj:?}");
    // names listed for something else are not the group
    let (p, evs) = events(
        "The defence team included Vernon Berrangé, Joel Joffe and George Bizos. \
         The accused were re-arrested in the courtroom.",
    );
    let subj = subjects(&p, &evs, EventType::Arrest);
    assert!(subj.iter().all(|s| s.contains("accused")), "{subj:?}");
}

#[test]
fn a_counted_group_named_by_a_list_after_it_is_each_member() {
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    // the list after a colon, after "including", between dashes
    let (p, evs) = events(
        "Four men were tried at Nuremberg in 1946: Rudolf Hess, Albert Speer, Karl Dönitz and Walther Funk.",
    );
    let subj = sorted(subjects(&p, &evs, EventType::Trial));
    assert_eq!(subj.len(), 4, "{subj:?}");
    assert!(subj.iter().any(|s| s.contains("Speer")), "{subj:?}");
    let (p, evs) = events(
        "Altogether 4 accused were tried including Rudolf Hess, Albert Speer, Karl Dönitz and Walther Funk.",
    );
    assert_eq!(subjects(&p, &evs, EventType::Trial).len(), 4, "{evs:?}");
    let (p, evs) = events(
        "Three of the defendants – Rudolf Hess, Albert Speer and Karl Dönitz – were sentenced to prison.",
    );
    assert_eq!(subjects(&p, &evs, EventType::Sentence).len(), 3, "{evs:?}");
    // "all three" after such a list is the list
    let (p, evs) = events(
        "The court found three of the defendants guilty — Rudolf Hess, Albert Speer and Karl Dönitz — and sentenced all three to prison.",
    );
    assert_eq!(subjects(&p, &evs, EventType::Sentence).len(), 3, "{evs:?}");
    // a number inside a phrase naming one person is no group
    let (p, evs) = events(
        "Rudolf Hess and Albert Speer met in Berlin. Police shot and killed a 16-year-old, Larry Payne.",
    );
    let subj = subjects(&p, &evs, EventType::Killing);
    assert!(subj.iter().all(|s| s.contains("Payne")), "{subj:?}");
    // a count other than the last group's is another group
    let (p, evs) = events(
        "Rudolf Hess, Albert Speer and Karl Dönitz were arrested in May 1945. \
         In 1946 all fourteen were sentenced to death.",
    );
    assert!(
        subjects(&p, &evs, EventType::Sentence).is_empty(),
        "{evs:?}"
    );
    let (p, evs) = events(
        "Rudolf Hess, Albert Speer and Karl Dönitz were arrested in May 1945. \
         In 1946 all three were sentenced to prison.",
    );
    assert_eq!(subjects(&p, &evs, EventType::Sentence).len(), 3, "{evs:?}");
    let (p, evs) = events(
        "Eight of the accused – Rudolf Hess, Albert Speer, Karl Dönitz, Walther Funk, Hans Frank, \
         Fritz Sauckel, Alfred Jodl and Wilhelm Keitel – were found guilty. \
         The following day the judge sentenced the eight to life imprisonment.",
    );
    // (the tagger reads this "eight" as a noun)
    assert_eq!(subjects(&p, &evs, EventType::Sentence).len(), 8, "{evs:?}");
    // "two of" a group are some of it
    let (p, evs) =
        events("Jerome and Bonosus were arrested in 372. At Antioch two of his companions died.");
    assert!(subjects(&p, &evs, EventType::Death).is_empty(), "{evs:?}");
}

#[test]
fn names_among_those_arrested_were_arrested() {
    for text in [
        "Ernst Röhm, Karl Ernst and Edmund Heines were among those arrested in June 1934.",
        "Among those arrested in June 1934 were Ernst Röhm, Karl Ernst and Edmund Heines.",
    ] {
        let (p, evs) = events(text);
        let subj = subjects(&p, &evs, EventType::Arrest);
        assert_eq!(subj.len(), 3, "{text}: {subj:?}");
        assert!(subj.iter().any(|s| s.contains("Heines")), "{subj:?}");
    }
}

#[test]
fn others_counted_beside_a_name_are_not_an_earlier_list() {
    let (p, evs) = events(
        "Rudolf Hess and Albert Speer met in Berlin. \
         Walter Ulbricht and four other accused were sentenced to death in 1950.",
    );
    let subj = subjects(&p, &evs, EventType::Sentence);
    assert_eq!(subj.len(), 1, "{subj:?}");
    assert!(subj[0].contains("Ulbricht"), "{subj:?}");
}

#[test]
fn given_transportation_for_life_is_a_sentence() {
    let (p, evs) = events(
        "Vinayak Savarkar was given transportation for life in 1911. Hess was given life imprisonment.",
    );
    let subj = subjects(&p, &evs, EventType::Sentence);
    assert_eq!(subj.len(), 2, "{subj:?}");
}

#[test]
fn flying_entering_being_led_out_and_coming_out_of_prison() {
    let (p, evs) = events(
        "Gavrilo Princip flew to Belgrade on 3 May. \
         Napoleon Bonaparte entered Moscow with his army in September 1812. \
         Joan of Arc entered the city with a relief convoy on 29 April 1429. \
         On the morning of 30 May Anne Boleyn was led out to Tower Hill. \
         Albert Dreyfus was let out of prison in 1899. Émile Zola came out of prison in 1899. \
         Ramón Mercader rushed at him with an ice axe.",
    );
    let moves = subjects(&p, &evs, EventType::Move);
    for who in ["Princip", "Napoleon", "Joan", "Anne Boleyn"] {
        assert!(moves.iter().any(|s| s.contains(who)), "{who}: {moves:?}");
    }
    // ("30 May" is a month, no "may" of a possibility)
    let led = of_type(&evs, EventType::Move)
        .into_iter()
        .find(|e| {
            names(&p, e, Role::Subject)
                .iter()
                .any(|s| s.contains("Anne"))
        })
        .expect("led out");
    assert_eq!(
        led.factuality,
        annalist_model::Factuality::Asserted,
        "{led:?}"
    );
    let freed = subjects(&p, &evs, EventType::Release);
    assert_eq!(freed.len(), 2, "{freed:?}");
    assert!(!subjects(&p, &evs, EventType::Attack).is_empty(), "{evs:?}");
    // a body expelled from a city is not exiled
    let (p, evs) = events(
        "On 14 March 1951 the Eighth Army expelled the People's Volunteer Army from the capital city.",
    );
    assert!(subjects(&p, &evs, EventType::Exile).is_empty(), "{evs:?}");
    // entering a body is no move
    // a vetoing pattern leaves its words to no other
    let (p, evs) =
        events("Lazaro Gonzalez asked Miami's exiles to respect his brother's opinions.");
    assert!(subjects(&p, &evs, EventType::Exile).is_empty(), "{evs:?}");
    let (p, evs) = events("Otto Jespersen entered the University of Copenhagen in 1877.");
    assert!(subjects(&p, &evs, EventType::Move).is_empty(), "{evs:?}");
    assert!(
        !subjects(&p, &evs, EventType::Joining).is_empty(),
        "{evs:?}"
    );
}

#[test]
fn two_bare_verbs_share_the_time_after_them() {
    let (p, evs) = events(
        "Leon Trotsky joined the party in 1898. In the aftermath, Trotsky was jailed and brought to trial in 1906.",
    );
    let jail = of_type(&evs, EventType::Imprisonment);
    assert_eq!(jail.len(), 1, "{evs:?}");
    assert_eq!(time_of(jail[0]), Some("1906"), "{evs:?}");
    // a verb with its own complement keeps its own time
    let (p2, evs) = events("In 1911 Leon Trotsky was born in Yanovka and fled to Vienna in 1914.");
    let born = of_type(&evs, EventType::Birth);
    assert_ne!(time_of(born[0]), Some("1914"), "{evs:?}");
    // a time counted from the first verb's event is not its time
    let (p3, evs) = events(
        "On 30 August 1898 Major Henry was arrested and committed suicide in his cell the next day.",
    );
    let arrest = of_type(&evs, EventType::Arrest);
    assert_eq!(time_of(arrest[0]), Some("1898-08-30"), "{evs:?}");
    let _ = (p, p2, p3);
}

#[test]
fn an_intensifying_reflexive_keeps_the_passive() {
    let (p, evs) = events(
        "Winnie Mandela was herself detained in May 1969. Bram Fischer was himself arrested in 1964.",
    );
    let arrested = subjects(&p, &evs, EventType::Arrest);
    for who in ["Winnie", "Fischer"] {
        assert!(
            arrested.iter().any(|s| s.contains(who)),
            "{who}: {arrested:?}"
        );
    }
}

#[test]
fn prison_transfers_told_with_a_phrase_between_and_joining_people_is_no_joining() {
    let (p, evs) = events(
        "In March 1982 Nelson Mandela and Walter Sisulu were transferred without warning to Pollsmoor Prison; \
         Ahmed Kathrada joined them in October 1982. \
         In May 1963 Govan Mbeki was brought back to Pretoria Local Prison. \
         On 13 June Denis Goldberg and Raymond Mhlaba were flown to Robben Island.",
    );
    let moved = subjects(&p, &evs, EventType::Move);
    for who in ["Mandela", "Sisulu", "Mbeki", "Goldberg", "Mhlaba"] {
        assert!(moved.iter().any(|s| s.contains(who)), "{who}: {moved:?}");
    }
    assert!(subjects(&p, &evs, EventType::Joining).is_empty(), "{evs:?}");
}

#[test]
fn people_held_kept_locked_up_or_serving_a_sentence_are_imprisoned() {
    let (p, evs) = events(
        "Joan of Arc was held at Beauvais in 1430. \
         Denis Goldberg was kept in Pretoria Central Prison. \
         In December 1430 Joan of Arc was locked up in Rouen Castle. \
         Walter Sisulu served his sentence on Robben Island. \
         Nelson Mandela spent twenty-seven years in prison.",
    );
    let held = subjects(&p, &evs, EventType::Imprisonment);
    for who in ["Joan", "Goldberg", "Sisulu", "Mandela"] {
        assert!(held.iter().any(|s| s.contains(who)), "{who}: {held:?}");
    }
    // not a meeting held somewhere, nor a man held in esteem
    let (p, evs) =
        events("The congress was held in Paris in 1889. Jean Jaurès was held in high esteem.");
    assert!(
        subjects(&p, &evs, EventType::Imprisonment).is_empty(),
        "{evs:?}"
    );
}

#[test]
fn storming_a_fortress_is_an_attack() {
    let (p, evs) = events("On 14 July 1789 the crowd stormed the Bastille.");
    let hit = subjects(&p, &evs, EventType::Attack);
    assert!(hit.iter().any(|s| s.contains("Bastille")), "{hit:?}");
}

#[test]
fn elections_coronations_and_ennoblements_are_appointments() {
    let (p, evs) = events(
        "Nicholas V died in March 1455, and the election of Callixtus III followed in April. \
         The coronation of Charles VII took place at Reims on 17 July 1429. \
         In December 1429 Charles ennobled Joan of Arc. Francis Drake was knighted in 1581.",
    );
    let named = subjects(&p, &evs, EventType::Appointment);
    for who in ["Callixtus", "Charles VII", "Joan", "Drake"] {
        assert!(named.iter().any(|s| s.contains(who)), "{who}: {named:?}");
    }
    // an election won by nobody named, or the 1860 election, names no one appointed
    let (p, evs) = events(
        "The election of 1860 split the country. Veterans stepped down in the Hong Kong legislative election.",
    );
    assert!(
        subjects(&p, &evs, EventType::Appointment).is_empty(),
        "{evs:?}"
    );
}

#[test]
fn released_from_a_prison_is_released_there() {
    let (p, evs) =
        events("Nelson Mandela was released from Victor Verster Prison on 11 February 1990.");
    let rel = of_type(&evs, EventType::Release);
    assert_eq!(rel.len(), 1, "{evs:?}");
    let places = names(&p, rel[0], Role::Place);
    assert!(
        places.iter().any(|s| s.contains("Victor Verster")),
        "{places:?}"
    );
    assert_eq!(time_of(rel[0]), Some("1990-02-11"), "{evs:?}");
}

#[test]
fn two_subjects_of_one_verb_keep_the_time_told_before_them() {
    let (p, evs) = events(
        "Anne Frank was born in 1929. She was sent to Auschwitz in September 1944. \
         At the end of October Anne and Margot were moved on to Bergen-Belsen, where both \
         died of typhus in February 1945.",
    );
    let moves: Vec<_> = of_type(&evs, EventType::Move)
        .into_iter()
        .filter(|e| {
            names(&p, e, Role::Destination)
                .iter()
                .any(|d| d.contains("Belsen"))
        })
        .collect();
    assert!(!moves.is_empty(), "{evs:?}");
    for m in moves {
        assert_eq!(time_of(m), Some("1944-10"), "{evs:?}");
    }
}

#[test]
fn a_description_after_a_name_a_named_prison_and_a_clubbing() {
    let (p, evs) = events(
        "Rosa Luxemburg was born in 1871. The circle included Karl Liebknecht, a lawyer born \
         in Leipzig in 1871, and Franz Mehring. According to Karl Liebknecht, the fleet sailed \
         to Cyprus. Leo Jogiches was shot in Moabit prison on 10 March 1919. Luxemburg was \
         clubbed with a rifle butt by the trooper Otto Runge.",
    );
    let born = subjects(&p, &evs, EventType::Birth);
    assert!(born.iter().any(|s| s.contains("Liebknecht")), "{born:?}");
    // an opening "according to X," names no one the clause is about
    let moved = subjects(&p, &evs, EventType::Move);
    assert!(moved.iter().all(|s| !s.contains("Liebknecht")), "{moved:?}");
    // the time after "in Moabit prison" is the shooting's
    let shot: Vec<_> = evs
        .iter()
        .filter(|e| matches!(e.etype, Some(EventType::Execution | EventType::Killing)))
        .collect();
    assert_eq!(shot.len(), 1, "{evs:?}");
    assert_eq!(time_of(shot[0]), Some("1919-03-10"));
    let attacked = subjects(&p, &evs, EventType::Attack);
    assert!(
        attacked.iter().any(|s| s.contains("Luxemburg")),
        "{attacked:?}"
    );
}

#[test]
fn neither_a_passive_negation_nor_a_report_before_a_semicolon_reaches_a_death() {
    let (p, evs) = events(
        "Gietinger argued that the shot came from Hermann Souchon; Souchon was never \
         prosecuted and died in 1982. Leon Trotsky was not arrested and tried in 1906.",
    );
    let died: Vec<_> = of_type(&evs, EventType::Death);
    assert_eq!(died.len(), 1, "{evs:?}");
    assert_eq!(died[0].factuality, Factuality::Asserted, "{evs:?}");
    assert!(names(&p, died[0], Role::Subject)[0].contains("Souchon"));
    // a passive shares its negation with a passive (and "never
    // prosecuted" is no trial either)
    let tried = of_type(&evs, EventType::Trial);
    assert_eq!(tried.len(), 2, "{evs:?}");
    assert!(
        tried.iter().all(|e| e.factuality == Factuality::Negated),
        "{evs:?}"
    );
    assert!(
        tried
            .iter()
            .any(|e| names(&p, e, Role::Subject)[0].contains("Trotsky")),
        "{evs:?}"
    );
}

#[test]
fn a_group_named_by_a_proper_name_is_a_subject_as_words() {
    // "the Frank family" can be told apart across sources; "his family"
    // and "the rioters" cannot, and stay out.
    let (p, evs) = events(
        "In 1933 the Frank family moved to Amsterdam. His family moved to Paris in 1950. \
         The rioters were arrested in 1959.",
    );
    let moved = subjects(&p, &evs, EventType::Move);
    assert_eq!(moved, ["the Frank family"], "{evs:?}");
    assert!(of_type(&evs, EventType::Arrest).is_empty(), "{evs:?}");
}

#[test]
fn an_event_the_clause_happens_during_dates_it() {
    // "during" the revolution of 1905: its year is the journey's; "after
    // Julia's death in 54 BC" stays the death's.
    let (_, evs) = events(
        "In 1904 she was sentenced for insulting Wilhelm II. During the Russian Revolution \
         of 1905 Rosa Luxemburg went to Warsaw on a false passport.",
    );
    let went = of_type(&evs, EventType::Move);
    assert_eq!(went.len(), 1, "{evs:?}");
    assert_eq!(time_of(went[0]), Some("1905"), "{evs:?}");
    assert_eq!(
        went[0].time.as_ref().map(|t| t.how.as_str()),
        Some("clause")
    );
}

#[test]
fn a_site_named_by_a_capitalised_word_is_a_place() {
    // No name was found for "Auschwitz" here; the phrase is still where she
    // died (and can disagree with another source's "Bergen-Belsen").
    let (p, evs) =
        events("Anne Frank died of typhus in early 1945 at the Auschwitz concentration camp.");
    let died = of_type(&evs, EventType::Death);
    assert_eq!(died.len(), 1, "{evs:?}");
    let place = names(&p, died[0], Role::Place);
    assert!(
        place
            .iter()
            .any(|x| x.contains("Auschwitz concentration camp")),
        "{place:?}"
    );
}

#[test]
fn a_place_after_on_is_where_a_once_event_happened() {
    let (p, evs) = events(
        "Thomas More was beheaded on Tower Green inside the Tower of London on 6 July 1535.",
    );
    let ex = of_type(&evs, EventType::Execution);
    assert_eq!(ex.len(), 1, "{evs:?}");
    assert_eq!(names(&p, ex[0], Role::Place), ["Tower Green"], "{evs:?}");
    // (a Julian day before the Gregorian reform: 16 July, Gregorian)
    assert_eq!(time_of(ex[0]), Some("1535-07-16"));
}

#[test]
fn a_description_predicated_of_a_name_is_that_person() {
    // "X was a N born in …": the birth is X's; a belief is reported.
    let (p, evs) = events(
        "Rosa Luxemburg was a Polish writer born in 1871 in Zamosc. \
         I always understood Thomas More was locked in the Tower in 1533.",
    );
    let born = of_type(&evs, EventType::Birth);
    assert_eq!(born.len(), 1, "{evs:?}");
    assert_eq!(names(&p, born[0], Role::Subject), ["Rosa Luxemburg"]);
    assert_eq!(time_of(born[0]), Some("1871"));
    let locked = of_type(&evs, EventType::Imprisonment);
    assert_eq!(locked.len(), 1, "{evs:?}");
    assert_eq!(locked[0].factuality, Factuality::Reported, "{evs:?}");
}

#[test]
fn a_surname_that_is_also_an_adverb_is_still_the_subject() {
    // The tagger reads a sentence-initial "More" as the adverb; the
    // mention of a person there says it is the name.
    let (p, evs) = events(
        "John More was a judge in Leeds.\n\nMore was executed on Tower Hill in 1535.\n\nMore was born in Milk Street in 1478.",
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Execution),
        ["John More"],
        "{evs:?}"
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Birth),
        ["John More"],
        "{evs:?}"
    );
}

#[test]
fn a_trigger_participle_after_and_in_a_by_phrase_is_no_agent() {
    // The tagger reads "shot" as a noun; coordinated to "a military
    // tribunal" it became a second agent of the trial.
    let (p, evs) = events(
        "On 25 December Ion Vlad and Ana Vlad were tried by a military tribunal and shot straight afterwards.",
    );
    let trials = of_type(&evs, EventType::Trial);
    assert!(!trials.is_empty(), "{evs:?}");
    for t in trials {
        assert_eq!(
            names(&p, t, Role::Agent),
            ["a military tribunal"],
            "{evs:?}"
        );
    }
}

#[test]
fn an_execution_by_an_instrument_or_a_manner_has_no_agent() {
    let (p, evs) = events(
        "Paul Marceau was executed by guillotine in Lyon in 1794. Jean Dorat was executed by hanging in Paris in 1795.",
    );
    let ex = of_type(&evs, EventType::Execution);
    assert_eq!(ex.len(), 2, "{evs:?}");
    for e in ex {
        assert!(names(&p, e, Role::Agent).is_empty(), "{evs:?}");
    }
}

#[test]
fn a_time_fronted_after_and_opens_the_next_clause() {
    // "…, were picked up near Pitesti, and on 25 December were tried by a
    // tribunal": the arrest takes neither the trial's day nor its tribunal.
    let (p, evs) = events(
        "Ion Vlad and Ana Vlad fled Bucharest by helicopter on 22 December 1989, were picked up near Pitesti, and on 25 December were tried by a military tribunal.",
    );
    let arrests = of_type(&evs, EventType::Arrest);
    assert!(!arrests.is_empty(), "{evs:?}");
    for a in arrests {
        assert_ne!(time_of(a), Some("1989-12-25"), "{evs:?}");
        assert!(names(&p, a, Role::Agent).is_empty(), "{evs:?}");
    }
    assert_eq!(
        of_type(&evs, EventType::Trial)
            .iter()
            .map(|t| time_of(t))
            .collect::<Vec<_>>(),
        [Some("1989-12-25"), Some("1989-12-25")]
    );
}

#[test]
fn they_after_a_man_and_his_wife_named_is_both() {
    let (p, evs) = events(
        "Ion Vlad and his wife Ana Vlad ruled Ruritania for years.\n\nOn 22 December 1989 they fled the capital. They were arrested on 23 December.",
    );
    let mut s = subjects(&p, &evs, EventType::Arrest);
    s.sort();
    assert_eq!(s, ["Ana Vlad", "Ion Vlad"], "{evs:?}");
}

#[test]
fn the_couple_with_no_group_before_is_the_last_man_and_woman_named() {
    let (p, evs) = events(
        "Ion Vlad ruled Ruritania for years. His wife Ana Vlad was his deputy. The couple were driven to Pitesti on 22 December 1989. The couple were executed on 25 December 1989.",
    );
    for t in [EventType::Execution, EventType::Move] {
        let mut s = subjects(&p, &evs, t);
        s.sort();
        assert_eq!(s, ["Ana Vlad", "Ion Vlad"], "{t:?} {evs:?}");
    }
}

#[test]
fn the_people_named_with_a_passive_subject_share_its_fate_an_absolute_with_does_not() {
    let (p, evs) = events(
        "Paul Ritter was hanged with Anton Kessler, Karl Sachs and Ludwig Gehrer at Flossburg on 9 April 1945.",
    );
    let mut s = subjects(&p, &evs, EventType::Execution);
    s.sort();
    assert_eq!(
        s,
        [
            "Anton Kessler",
            "Karl Sachs",
            "Ludwig Gehrer",
            "Paul Ritter"
        ],
        "{evs:?}"
    );
    let (p, evs) = events(
        "Charles Valois was crowned in Reims Cathedral on 16 July 1429, with Jeanne Darc at his side. Emil Weber was arrested in Lyon after his call with Clara Weber.",
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Appointment),
        ["Charles Valois"],
        "{evs:?}"
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Arrest),
        ["Emil Weber"],
        "{evs:?}"
    );
}

#[test]
fn an_office_with_a_portfolio_or_two_modifiers_is_taken() {
    let (p, evs) = events(
        "Elena Ceausescu was the wife of Nicolae Ceausescu. Elena was made first deputy prime minister in 1980. Georges Picquart, once imprisoned for his pains, became war minister in October 1906.",
    );
    let a = of_type(&evs, EventType::Appointment);
    assert_eq!(
        a.iter()
            .map(|e| (names(&p, e, Role::Subject), time_of(e)))
            .collect::<Vec<_>>(),
        [
            (vec!["Elena Ceausescu".to_string()], Some("1980")),
            (vec!["Georges Picquart".to_string()], Some("1906-10")),
        ],
        "{evs:?}"
    );
}

#[test]
fn an_office_given_to_someone_named_between_is_their_appointment() {
    // "named X prime minister": the gap ends with the name, not inside the
    // office; "made him a cardinal", "named X in his place".
    let (p, evs) = events(
        "Joseph Kasavubu dismissed Patrice Lumumba and named Antoine Gizenga prime minister. In May 1535 Pope Paul III made John Fisher a cardinal. Then Kasavubu named Joseph Ileo in his place.",
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Appointment),
        ["Antoine Gizenga", "John Fisher", "Joseph Ileo"],
        "{evs:?}"
    );
}

#[test]
fn a_title_taken_with_a_name_is_an_office_a_title_before_an_owner_is_not() {
    let (p, evs) = events(
        "James Stuart was the son of Mary Stuart. In 1603 James Stuart also became King James I of England. Lij Iyasu was Emperor Haile Selassie's cousin.",
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Appointment),
        ["James Stuart"],
        "{evs:?}"
    );
}

#[test]
fn schooling_is_joining_the_school() {
    let (p, evs) = events(
        "In 1923 Karl Barth studied theology at Tübingen. Thomas More was educated at St Anthony's School in Threadneedle Street. Marie Curie attended the Flying University. Anne Frank went to a Montessori school. Leon Trotsky studied in Odessa.",
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Joining),
        ["Karl Barth", "Thomas More", "Marie Curie", "Anne Frank"],
        "{evs:?}"
    );
}

#[test]
fn a_couple_married_are_each_others_spouse() {
    let (p, evs) = events(
        "Pierre Curie met Marie Sklodowska in 1894. The next summer they were married in Sceaux.",
    );
    let m = of_type(&evs, EventType::Marriage);
    let pairs: Vec<(Vec<String>, Vec<String>)> = m
        .iter()
        .map(|e| (names(&p, e, Role::Subject), names(&p, e, Role::Agent)))
        .collect();
    assert_eq!(
        pairs,
        [
            (
                vec!["Pierre Curie".to_string()],
                vec!["Marie Sklodowska".to_string()]
            ),
            (
                vec!["Marie Sklodowska".to_string()],
                vec!["Pierre Curie".to_string()]
            ),
        ],
        "{evs:?}"
    );
    // a reference told to the year only: the next summer is the next year's
    assert!(m.iter().all(|e| time_of(e) == Some("1895-SU")), "{evs:?}");
}

#[test]
fn a_work_cited_with_its_authors_possessive_and_its_year_is_a_publication() {
    let (p, evs) = events(
        "Worth reading Francis Russell's Tragedy in Dedham (1962). Raoul Peck's film Lumumba (2000) is also good. \
         Jean-Pierre Poirier's biography (1993) is the standard account. \
         Leon Trotsky's wife Natalia (1882) survived him. Joseph Stalin's Russia (1930) was poor.",
    );
    let pubs: Vec<(Vec<String>, Option<&str>)> = of_type(&evs, EventType::Publication)
        .into_iter()
        .map(|e| (names(&p, e, Role::Subject), time_of(e)))
        .collect();
    assert_eq!(
        pubs,
        [
            (vec!["Francis Russell".to_string()], Some("1962")),
            (vec!["Raoul Peck".to_string()], Some("2000")),
            (vec!["Jean-Pierre Poirier".to_string()], Some("1993")),
        ],
        "{evs:?}"
    );
}

#[test]
fn an_heir_made_a_throne_inherited_a_priest_ordained_are_appointments() {
    let (p, evs) = events(
        "Franz Ferdinand became heir to the throne of Austria-Hungary in 1896. \
         James Stuart inherited the English throne in 1603. \
         Karl Barth was ordained in Geneva in 1909. Felix Yusupov was heir to the richest fortune in Russia.",
    );
    let a: Vec<(Vec<String>, Option<&str>)> = of_type(&evs, EventType::Appointment)
        .into_iter()
        .map(|e| (names(&p, e, Role::Subject), time_of(e)))
        .collect();
    assert_eq!(
        a,
        [
            (vec!["Franz Ferdinand".to_string()], Some("1896")),
            (vec!["James Stuart".to_string()], Some("1603")),
            (vec!["Karl Barth".to_string()], Some("1909")),
        ],
        "{evs:?}"
    );
}

#[test]
fn an_event_with_no_time_of_its_own_takes_its_when_clauses() {
    let (_, evs) = events(
        "Charles Stuart was born in 1600. He was brought south in 1604, the year after the union, \
         and became heir when his elder brother Henry, Prince of Wales, died of typhoid in November 1612.",
    );
    let a = of_type(&evs, EventType::Appointment);
    assert_eq!(a.len(), 1, "{evs:?}");
    assert_eq!(time_of(a[0]), Some("1612-11"), "{evs:?}");
}

#[test]
fn a_noble_title_written_after_a_name_without_a_comma_stands_for_that_person() {
    let (p, evs) = events(
        "Richard Duke of York was killed at Wakefield in 1460. \
         Mary Queen of Scots was executed at Fotheringhay in 1587.",
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Killing),
        ["Richard"],
        "{evs:?}"
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Execution),
        ["Mary"],
        "{evs:?}"
    );
}

#[test]
fn a_hyphenated_noun_is_one_word_of_its_phrase() {
    // "father-in-law" and "twenty-seven" are tokenised at their hyphens;
    // the coordinated subject before them is still read.
    let (p, evs) = events(
        "Lavoisier and his father-in-law were condemned to death on 8 May 1794. \
         Danton and twenty-seven others were guillotined on 5 April 1794.",
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Sentence),
        ["Lavoisier"],
        "{evs:?}"
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Execution),
        ["Danton"],
        "{evs:?}"
    );
}

#[test]
fn a_reporting_verb_inside_a_set_off_modifier_of_the_subject_governs_nothing() {
    // The belief is about the murder, not about the acquittal; the
    // participial modifier opens after adverbs too.
    let (p, evs) = events(
        "James Hepburn, widely thought to have organised the murder, was acquitted in April 1567. \
         Archibald Douglas, who many believed had organised the murder, was acquitted in 1586. \
         Many believed that Morton was executed in 1581.",
    );
    let t = of_type(&evs, EventType::Trial);
    let got: Vec<(Vec<String>, Factuality)> = t
        .iter()
        .map(|e| (names(&p, e, Role::Subject), e.factuality))
        .collect();
    assert_eq!(
        got,
        [
            (vec!["James Hepburn".to_string()], Factuality::Asserted),
            (vec!["Archibald Douglas".to_string()], Factuality::Asserted),
        ],
        "{evs:?}"
    );
    let x = of_type(&evs, EventType::Execution);
    assert_eq!(x.len(), 1, "{evs:?}");
    assert_eq!(x[0].factuality, Factuality::Reported, "{evs:?}");
}

#[test]
fn a_number_of_a_group_named_in_apposition_is_those_named() {
    let (p, evs) = events(
        "The workers struck after two of their co-workers, Echol Cole and Robert Walker, \
         were crushed to death in a garbage truck on 1 February 1968.",
    );
    let mut s = subjects(&p, &evs, EventType::Death);
    s.sort();
    assert_eq!(s, ["Echol Cole", "Robert Walker"], "{evs:?}");
}

#[test]
fn a_name_coordinated_with_a_number_of_a_named_group_is_a_subject_too() {
    let (p, evs) = events(
        "Lumumba and two of his associates, Maurice Mpolo and Joseph Okito, \
         were flown to Elisabethville on 17 January 1961.",
    );
    let mut s = subjects(&p, &evs, EventType::Move);
    s.sort();
    assert_eq!(s, ["Joseph Okito", "Lumumba", "Maurice Mpolo"], "{evs:?}");
}

#[test]
fn a_people_named_by_its_adjective_is_a_subject_and_its_verb_a_verb() {
    // "The British" is no adjective of "arrested".
    let (p, evs) = events("The British arrested Mohandas Gandhi in Bombay on 9 August 1942.");
    let a = of_type(&evs, EventType::Arrest);
    assert_eq!(a.len(), 1, "{evs:?}");
    assert_eq!(
        names(&p, a[0], Role::Subject),
        ["Mohandas Gandhi"],
        "{evs:?}"
    );
    assert_eq!(names(&p, a[0], Role::Agent), ["The British"], "{evs:?}");
}

#[test]
fn run_over_in_the_passive_is_a_death() {
    let (p, evs) = events(
        "Pierre Curie was run over by a horse-drawn wagon in Paris on 19 April 1906. \
         Marie Curie ran over the figures again in 1907.",
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Death),
        ["Pierre Curie"],
        "{evs:?}"
    );
}

#[test]
fn both_men_opening_a_clause_are_the_last_two_people_named() {
    let (p, evs) = events(
        "Nicola Sacco and Bartolomeo Vanzetti were arrested in May 1920. \
         Both men were executed on 23 August 1927.",
    );
    let mut s = subjects(&p, &evs, EventType::Execution);
    s.sort();
    assert_eq!(s, ["Bartolomeo Vanzetti", "Nicola Sacco"], "{evs:?}");
}

#[test]
fn an_obligation_with_must_is_no_asserted_event() {
    let (_, evs) = events(
        "The ship has been sighted off Sounion, so tomorrow Socrates must die. \
         Socrates died in 399 BC.",
    );
    let facts: Vec<Factuality> = of_type(&evs, EventType::Death)
        .iter()
        .map(|e| e.factuality)
        .collect();
    assert_eq!(
        facts,
        [Factuality::Hypothetical, Factuality::Asserted],
        "{evs:?}"
    );
}

#[test]
fn a_time_in_a_fronted_participle_dates_only_that_participle() {
    let (_, evs) = events(
        "Dietrich Bonhoeffer was a pastor. Arrested in April 1943, he spent eighteen months \
         in Tegel military prison and was hanged at Flossenbürg in the last weeks of the war.",
    );
    let a = of_type(&evs, EventType::Arrest);
    assert_eq!(a.len(), 1, "{evs:?}");
    assert_eq!(time_of(a[0]), Some("1943-04"), "{evs:?}");
    let x = of_type(&evs, EventType::Execution);
    assert_eq!(x.len(), 1, "{evs:?}");
    assert_eq!(time_of(x[0]), None, "{evs:?}");
}

#[test]
fn a_relative_where_opens_a_clause_whose_place_is_its_antecedent() {
    // The date after "where" is the abdication's, not the imprisonment's;
    // the prison before "where" is where Dreyfus was held.
    let (p, evs) = events(
        "Mary was defeated at Carberry Hill in June 1567. She was imprisoned in Lochleven \
         Castle, where on 24 July she was compelled to abdicate. Alfred Dreyfus was a captain. \
         Henry was found in his cell at the Cherche-Midi, the same military prison where \
         Dreyfus had been held in 1894.",
    );
    let i: Vec<(Vec<String>, Vec<String>, Option<&str>)> = of_type(&evs, EventType::Imprisonment)
        .into_iter()
        .filter(|e| names(&p, e, Role::Subject) != ["Henry"])
        .map(|e| {
            (
                names(&p, e, Role::Subject),
                names(&p, e, Role::Place),
                time_of(e),
            )
        })
        .collect();
    assert_eq!(
        i,
        [
            (
                vec!["Mary".to_string()],
                vec!["Lochleven Castle".to_string()],
                None
            ),
            (
                vec!["Alfred Dreyfus".to_string()],
                vec!["Cherche-Midi".to_string()],
                Some("1894")
            ),
        ],
        "{evs:?}"
    );
}

#[test]
fn shots_fired_at_someone_are_an_attack_on_him() {
    let (p, evs) = events(
        "Alfred Dreyfus was rehabilitated in 1906. In 1908 a journalist fired two shots \
         at Dreyfus during the ceremony.",
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Attack),
        ["Alfred Dreyfus"],
        "{evs:?}"
    );
}

#[test]
fn a_term_given_begun_or_served_in_an_unnamed_prison_is_read() {
    let (p, evs) = events(
        "Rosa Luxemburg was a socialist. In February 1914 a Frankfurt court gave her a year \
         in prison. She began the sentence in February 1915. In July 1916 she was taken back \
         into custody. She was held in the women's prison there from the summer of 1917.",
    );
    let s = of_type(&evs, EventType::Sentence);
    assert_eq!(s.len(), 1, "{evs:?}");
    assert_eq!(
        names(&p, s[0], Role::Subject),
        ["Rosa Luxemburg"],
        "{evs:?}"
    );
    assert_eq!(time_of(s[0]), Some("1914-02"), "{evs:?}");
    let i: Vec<Option<&str>> = of_type(&evs, EventType::Imprisonment)
        .iter()
        .map(|e| time_of(e))
        .collect();
    assert_eq!(i, [Some("1915-02"), Some("1917-SU")], "{evs:?}");
    let a = of_type(&evs, EventType::Arrest);
    assert_eq!(a.len(), 1, "{evs:?}");
    assert_eq!(time_of(a[0]), Some("1916-07"), "{evs:?}");
}

#[test]
fn an_of_phrase_after_another_noun_s_phrase_is_that_noun_s() {
    // "at the pleasure of the Holy Office": the Office is no prisoner;
    // "a siege on the city of Luoyang" still names the city.
    let (p, evs) = events(
        "Galileo Galilei was tried in Rome in 1633. The court ordered his imprisonment at the \
         pleasure of the Holy Office. In 620 Li Shimin led a siege on the city of Luoyang.",
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Imprisonment),
        ["Galileo Galilei"],
        "{evs:?}"
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Attack),
        ["Luoyang"],
        "{evs:?}"
    );
}

#[test]
fn got_life_is_a_sentence() {
    // ("life|life imprisonment" had read as "life imprisonment" only)
    let (p, evs) = events("Samuel Mudd was tried in 1865. Mudd got life in 1865.");
    assert_eq!(
        subjects(&p, &evs, EventType::Sentence),
        ["Samuel Mudd"],
        "{evs:?}"
    );
}

#[test]
fn each_opening_a_clause_is_the_subject_of_the_clause_before() {
    let (p, evs) = events(
        "Gavrilo Princip, Nedeljko Čabrinović and Trifko Grabež had been under twenty at the \
         time of the crime; each received twenty years in prison.",
    );
    let mut s = subjects(&p, &evs, EventType::Sentence);
    s.sort();
    assert_eq!(
        s,
        ["Gavrilo Princip", "Nedeljko Čabrinović", "Trifko Grabež"],
        "{evs:?}"
    );
}

#[test]
fn riding_driving_and_getting_to_a_named_place_are_moves() {
    let (p, evs) = events(
        "After the shooting Booth rode into southern Maryland. \
         On 22 December Nicolae Ceaușescu drove to Snagov. \
         Two days later Herold got across the Potomac into Virginia.",
    );
    let moved = subjects(&p, &evs, EventType::Move);
    for who in ["Booth", "Nicolae Ceaușescu", "Herold"] {
        assert!(moved.iter().any(|s| s.contains(who)), "{who}: {moved:?}");
    }
    // (a car or a horse driven is no journey of its own, and "drove the
    // rebels" names no place gone to)
    let (p, evs) = events("Villa drove the federal troops out of the town.");
    assert!(subjects(&p, &evs, EventType::Move).is_empty(), "{evs:?}");
}

#[test]
fn fleeing_a_named_place_and_returning_home_are_moves() {
    let (_, evs) = events("King Frederick, who had fled Prague in 1620, died at Mainz.");
    let moves = of_type(&evs, EventType::Move);
    assert_eq!(moves.len(), 1, "{evs:?}");
    assert_eq!(time_of(moves[0]), Some("1620"));
    let (p2, evs) = events("In 1946 Captain Richard Harris returned home to Ohio after the war.");
    assert!(
        subjects(&p2, &evs, EventType::Move)
            .iter()
            .any(|s| s.contains("Harris")),
        "{evs:?}"
    );
    let (p3, evs) = events("In 1946 Captain Richard Harris returned home.");
    assert!(
        subjects(&p3, &evs, EventType::Move)
            .iter()
            .any(|s| s.contains("Harris")),
        "{evs:?}"
    );
}

#[test]
fn an_unnamed_family_is_named_by_its_persons_surname() {
    let (p, evs) = events(
        "Dietrich Bonhoeffer was born in Breslau in 1906, the sixth child of Karl Bonhoeffer. \
         In 1912 the family moved to Berlin.",
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Move),
        ["the Bonhoeffer family"],
        "{evs:?}"
    );
    let (p, evs) = events(
        "Alfred Dreyfus was born in Mulhouse in 1859. \
         After the Franco-Prussian War his family moved to Paris.",
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Move),
        ["the Dreyfus family"],
        "{evs:?}"
    );
    // (a family of someone else, an indefinite one, or whose owner is
    // named by one word only, which may be a given name: none)
    for text in [
        "Alfred Dreyfus was born in Mulhouse in 1859. The family of the victim moved to Lyon in 1990.",
        "Alfred Dreyfus was born in Mulhouse in 1859. A family moved to Lyon in 1990.",
        "Margot was born in Frankfurt in 1926. In 1933 the family moved to Amsterdam.",
    ] {
        let (p, evs) = events(text);
        assert!(subjects(&p, &evs, EventType::Move).is_empty(), "{text}: {evs:?}");
    }
}

#[test]
fn a_trigger_verb_the_tagger_read_as_a_noun_between_two_names_is_the_verb() {
    // (the tagger reads "shot" after "Jack Ruby" as a noun)
    let (p, evs) = events(
        "On November 25, 1963, Jack Ruby shot Oswald in the basement of police headquarters.",
    );
    let killed = of_type(&evs, EventType::Killing);
    assert_eq!(killed.len(), 1, "{evs:?}");
    assert_eq!(names(&p, killed[0], Role::Subject), ["Oswald"]);
    assert_eq!(names(&p, killed[0], Role::Agent), ["Jack Ruby"]);
}

#[test]
fn one_of_the_founders_of_a_body_and_a_bull_issued_are_events() {
    let (p, evs) =
        events("In 1933 Salvador Allende was one of the founders of the Socialist Party of Chile.");
    assert_eq!(
        subjects(&p, &evs, EventType::Founding),
        ["Socialist Party of Chile"],
        "{evs:?}"
    );
    let (p, evs) = events(
        "At the archbishop's request the Pisan pope Alexander V issued a bull on 20 December 1409.",
    );
    let published = of_type(&evs, EventType::Publication);
    assert_eq!(published.len(), 1, "{evs:?}");
    assert_eq!(names(&p, published[0], Role::Subject), ["Alexander V"]);
    assert_eq!(time_of(published[0]), Some("1409-12-29"));
    // (the founder of an idea founded no body)
    let (p, evs) = events("Karl Marx, the founder of communism, died in London in 1883.");
    assert!(
        subjects(&p, &evs, EventType::Founding).is_empty(),
        "{evs:?}"
    );
}

#[test]
fn one_date_after_a_birth_or_death_cue_in_parentheses_is_that_event() {
    let (p, evs) = events("The ideas of John Wycliffe (d. 1384) were a comfort to the reformers.");
    let died = of_type(&evs, EventType::Death);
    assert_eq!(died.len(), 1, "{evs:?}");
    assert_eq!(names(&p, died[0], Role::Subject), ["John Wycliffe"]);
    assert_eq!(time_of(died[0]), Some("1384"));
    let (p, evs) = events("Dietrich Bonhoeffer (born 4 February 1906 in Breslau) was a pastor.");
    let born = of_type(&evs, EventType::Birth);
    assert_eq!(born.len(), 1, "{evs:?}");
    assert_eq!(names(&p, born[0], Role::Place), ["Breslau"]);
    assert_eq!(time_of(born[0]), Some("1906-02-04"));
    // (the cue's parenthesis need not be the sentence's first)
    let (p, evs) =
        events("The ideas of Jan Hus (a preacher) owed much to John Wycliffe (d. 1384).");
    assert_eq!(
        subjects(&p, &evs, EventType::Death),
        ["John Wycliffe"],
        "{evs:?}"
    );
    // (a year alone in parentheses says nothing of a life)
    let (_, evs) = events("The ideas of John Wycliffe (1384) were a comfort to the reformers.");
    assert!(of_type(&evs, EventType::Death).is_empty(), "{evs:?}");
}

#[test]
fn hearings_given_investitures_and_places_seized_are_events() {
    let (p, evs) = events("Hus was given public hearings in the Franciscan friary in June 1415.");
    assert_eq!(subjects(&p, &evs, EventType::Trial), ["Hus"], "{evs:?}");
    let (p, evs) = events("Frederick was invested with Brandenburg there in April 1417.");
    assert_eq!(
        subjects(&p, &evs, EventType::Appointment),
        ["Frederick"],
        "{evs:?}"
    );
    // (a place noun's of-phrase naming the place is the object; a person
    // seized is no attack)
    let (p, evs) = events("In 1429 Joan captured the town of Jargeau.");
    assert_eq!(
        subjects(&p, &evs, EventType::Attack),
        ["Jargeau"],
        "{evs:?}"
    );
    let (p, evs) = events("In 1430 the Burgundians captured Joan of Arc at Compiègne.");
    assert!(subjects(&p, &evs, EventType::Attack).is_empty(), "{evs:?}");
}

#[test]
fn a_day_counted_as_a_bound_dates_an_event_to_its_month() {
    let (_, evs) = events(
        "Prats resigned on August 23, 1973. \
         Less than three weeks later the navy seized the port of Valparaíso at dawn.",
    );
    let seized = of_type(&evs, EventType::Attack);
    assert_eq!(seized.len(), 1, "{evs:?}");
    assert_eq!(time_of(seized[0]), Some("1973-09"));
}

#[test]
fn a_clause_counted_from_the_main_clauses_time_is_dated_by_the_count() {
    let (_, evs) = events(
        "The memorial in Prague was made by Ladislav Šaloun and unveiled in 1915, \
         five hundred years after Jan Hus died.",
    );
    let died = of_type(&evs, EventType::Death);
    assert_eq!(died.len(), 1, "{evs:?}");
    assert_eq!(time_of(died[0]), Some("1415"));
    let (_, evs) = events(
        "On 24 November 1963 Ruby shot Oswald, two days after Kennedy was killed in Dallas.",
    );
    let killed: Vec<_> = of_type(&evs, EventType::Killing)
        .into_iter()
        .filter_map(time_of)
        .collect();
    assert!(killed.contains(&"1963-11-22"), "{evs:?}");
}

#[test]
fn a_lifespan_with_one_full_date_is_a_birth_and_a_death() {
    let (_, evs) = events("Jan Hus (c. 1370 – 6 July 1420) was a Czech theologian.");
    let born = of_type(&evs, EventType::Birth);
    let died = of_type(&evs, EventType::Death);
    assert_eq!((born.len(), died.len()), (1, 1), "{evs:?}");
    assert_eq!(time_of(born[0]), Some("1370"));
    // (6 July 1420, Julian)
    assert_eq!(time_of(died[0]), Some("1420-07-15"));
    // (two bare years may be a reign: none)
    let (_, evs) = events("King Henry (1509 – 1547) built palaces.");
    assert!(of_type(&evs, EventType::Death).is_empty(), "{evs:?}");
}

#[test]
fn a_speech_to_the_nation_is_a_publication() {
    let (p, evs) = events(
        "On 11 September 1973 Salvador Allende spoke to the country one last time over Radio Magallanes.",
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Publication),
        ["Salvador Allende"],
        "{evs:?}"
    );
    let (p, evs) = events("On 2 February 1990 de Klerk addressed the nation.");
    assert_eq!(
        subjects(&p, &evs, EventType::Publication).len(),
        1,
        "{evs:?}"
    );
    // (a word with one person is no speech to a public)
    let (p, evs) = events("In 1990 Nelson Mandela spoke to his lawyer.");
    assert!(
        subjects(&p, &evs, EventType::Publication).is_empty(),
        "{evs:?}"
    );
}

#[test]
fn a_person_after_with_is_no_instrument() {
    let (p, evs) = events(
        "Carlos Prats went into exile in Buenos Aires and was murdered there with his wife, a car bomb, on 30 September 1974. Juan Ortiz was shot with a rifle in 1950.",
    );
    let k = of_type(&evs, EventType::Killing);
    assert_eq!(k.len(), 2, "{evs:?}");
    assert!(names(&p, k[0], Role::Instrument).is_empty(), "{evs:?}");
    assert_eq!(
        names(&p, k[1], Role::Instrument),
        vec!["a rifle"],
        "{evs:?}"
    );
}

#[test]
fn overthrown_electrocuted_martyred_and_readmitted_are_events() {
    let (p, evs) = events(
        "Juan Ortiz was overthrown in a military coup on 5 July 1977. \
         Ethel Rowe was electrocuted at Sing Sing on 19 June 1953. \
         Thomas Ware was martyred in 1170. \
         Imre Kovacs was readmitted to the party in 1956.",
    );
    assert_eq!(subjects(&p, &evs, EventType::Removal), vec!["Juan Ortiz"]);
    assert_eq!(subjects(&p, &evs, EventType::Execution), vec!["Ethel Rowe"]);
    assert_eq!(subjects(&p, &evs, EventType::Killing), vec!["Thomas Ware"]);
    assert_eq!(subjects(&p, &evs, EventType::Joining), vec!["Imre Kovacs"]);
}

#[test]
fn an_event_only_in_prospect_is_not_asserted() {
    let (p, evs) = events(
        "Joseph Stalin ruled the USSR. Although Leon Trotsky had absolutely no prospect of overthrowing Joseph Stalin, he wrote.",
    );
    let asserted: Vec<_> = evs
        .iter()
        .filter(|e| e.etype == Some(EventType::Removal) && e.factuality == Factuality::Asserted)
        .collect();
    assert!(
        asserted.is_empty(),
        "{:?}",
        subjects(&p, &evs, EventType::Removal)
    );
}

#[test]
fn held_for_a_counted_time_is_an_imprisonment() {
    let (p, evs) = events(
        "Peter Jones was arrested in August 1977. Peter Jones was held for 533 days without ever being charged. \
         The conference was held for three days in May.",
    );
    assert_eq!(
        subjects(&p, &evs, EventType::Imprisonment),
        vec!["Peter Jones"]
    );
}

#[test]
fn sailing_for_landing_at_and_crossing_into_a_place_are_moves() {
    let (p, evs) = events(
        "John Ward sailed for Flanders in 1520. John Ward landed at Dover on 1 December 1524. \
         Anna Varga crossed into Austria in 1957. The plane landed at Heathrow in 1990.",
    );
    let moves = of_type(&evs, EventType::Move);
    let dest: Vec<Vec<String>> = moves
        .iter()
        .map(|e| names(&p, e, Role::Destination))
        .collect();
    assert_eq!(
        dest,
        vec![vec!["Flanders"], vec!["Dover"], vec!["Austria"]],
        "{evs:?}"
    );
}

#[test]
fn an_age_after_a_possessive_dates_no_event_of_the_subject() {
    let (_, evs) = events(
        "Mary Stuart was born in December 1542. She was imprisoned in Lochleven Castle, where she was compelled to abdicate in favour of her one-year-old son.",
    );
    let imp = of_type(&evs, EventType::Imprisonment);
    assert_eq!(imp.len(), 1, "{evs:?}");
    assert_ne!(
        imp[0].time.as_ref().map(|t| t.how.as_str()),
        Some("age"),
        "{evs:?}"
    );
}
