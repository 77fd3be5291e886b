//! Prints sentences, mentions and entities of a text file:
//! `cargo run -p annalist-text --example dump -- FILE`
use annalist_model::{CleanDoc, OffsetMap};

fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let text = String::from_utf8_lossy(&std::fs::read(path).expect("read")).into_owned();
    let doc = CleanDoc {
        map: OffsetMap::identity(text.len()),
        text,
        ..Default::default()
    };
    let an = annalist_text::Analyzer::new();
    let ta = an.analyze(&doc);
    let show_s = std::env::var("SENT").is_ok();
    for i in 0..ta.sentences.len() {
        if show_s {
            let toks: Vec<String> = ta
                .sentence_tokens(i)
                .iter()
                .map(|t| format!("{}/{}/{}", t.span.slice(&doc.text), t.upos, t.ent))
                .collect();
            println!("S{i}: {}", toks.join(" "));
        }
    }
    for m in &ta.mentions {
        println!(
            "M s{} {:?} {:?} {:?} -> {}",
            m.sentence, m.text, m.etype, m.form, ta.entities[m.entity].name
        );
    }
    for e in &ta.entities {
        let al: Vec<String> = e
            .aliases
            .iter()
            .map(|a| format!("{}({})", a.alias, a.how))
            .collect();
        println!(
            "E {:?} {:?} g={:?} n={} aliases={}",
            e.etype,
            e.name,
            e.gender,
            e.mentions.len(),
            al.join("; ")
        );
    }
}
