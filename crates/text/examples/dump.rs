//! Prints sentences, mentions and entities of a text file:
//! `cargo run -p annalist-text --example dump -- FILE` (read and cleaned
//! as `annalist build` reads it: an HTML page's text, not its markup).
fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).expect("FILE"));
    let root = path.parent().unwrap_or(std::path::Path::new("."));
    let Some(raw) = annalist_ingest::read_path(&path, root)
        .docs
        .into_iter()
        .next()
    else {
        eprintln!("cannot read {}", path.display());
        std::process::exit(1);
    };
    let doc = match annalist_ingest::clean(&raw) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            std::process::exit(1);
        }
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
            println!("S{i} {:?}: {}", ta.sentences[i].region, toks.join(" "));
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
