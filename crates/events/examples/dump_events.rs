//! Prints the tokens, mentions, timexes and events of one text file, sentence
//! by sentence: `cargo run -p annalist-events --example dump_events -- FILE [PATTERN]`
//! (only sentences containing PATTERN when given).

#[path = "../tests/common/mod.rs"]
mod common;

use annalist_events::Extractor;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: dump_events FILE [PATTERN]");
        std::process::exit(2);
    };
    let filter = args.get(2).cloned().unwrap_or_default();
    let stages = common::Stages::new();
    let Some(p) = stages.prepare(std::path::Path::new(path)) else {
        eprintln!("cannot read {path}");
        std::process::exit(1);
    };
    let evs = Extractor::new().extract(&p.doc, &p.ta, &p.tx);
    for (si, s) in p.ta.sentences.iter().enumerate() {
        let text = s.span.slice(&p.doc.text);
        if !text.contains(filter.as_str()) {
            continue;
        }
        println!("--- [{si}] {:?} {}", s.region, text.replace('\n', " "));
        let toks: Vec<String> =
            p.ta.sentence_tokens(si)
                .iter()
                .map(|t| format!("{}/{}", t.span.slice(&p.doc.text), t.upos))
                .collect();
        println!("    tokens: {}", toks.join(" "));
        for m in p.ta.mentions.iter().filter(|m| m.sentence == si) {
            let e =
                p.ta.entities
                    .get(m.entity)
                    .map(|e| e.name.as_str())
                    .unwrap_or("?");
            println!("    mention {:?} {:?} {:?} -> {e}", m.text, m.etype, m.form);
        }
        for t in p.tx.iter().filter(|t| s.span.contains(t.span)) {
            println!(
                "    timex {:?} {:?} {} ({})",
                t.text, t.ttype, t.value, t.rule
            );
        }
        for e in evs.iter().filter(|e| e.sentence == si) {
            let roles: Vec<String> = e
                .roles
                .iter()
                .map(|r| {
                    let n = r
                        .entity
                        .and_then(|i| p.ta.entities.get(i))
                        .map(|x| x.name.clone())
                        .unwrap_or_else(|| format!("'{}'", r.text));
                    format!("{}={n}", r.role.map(|x| x.as_str()).unwrap_or("?"))
                })
                .collect();
            println!(
                "    EVENT {} [{}] {} time={:?} {:?} conf={:.2}",
                e.etype.map(|t| t.as_str()).unwrap_or("?"),
                e.trigger_text,
                roles.join(" "),
                e.time.as_ref().map(|t| (&t.value, &t.how)),
                e.factuality,
                e.confidence
            );
        }
    }
}
