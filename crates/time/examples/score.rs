//! Scores the tagger on TempEval-3 style TimeML folders.
//!
//! `cargo run -p annalist-time --release --example score -- [--style news|narrative]
//!  [--no-dct] [--errors] <dir or .tml>...`

use annalist_time::{score, timeml, Style, Tagger, TimexContext};
use std::path::PathBuf;

fn files(p: &PathBuf) -> Vec<PathBuf> {
    if p.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(p)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        v.retain(|f| f.extension().is_some_and(|e| e == "tml"));
        v.sort();
        v
    } else {
        vec![p.clone()]
    }
}

fn main() {
    let mut style = Style::News;
    let mut use_dct = true;
    let mut errors = false;
    let mut dirs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--style" => {
                if args.next().as_deref() == Some("narrative") {
                    style = Style::Narrative
                }
            }
            "--no-dct" => use_dct = false,
            "--errors" => errors = true,
            _ => dirs.push(PathBuf::from(a)),
        }
    }
    let tagger = Tagger::new().with_style(style);
    let mut all = score::Counts::default();
    for d in &dirs {
        let mut total = score::Counts::default();
        for f in files(d) {
            let Ok(xml) = std::fs::read_to_string(&f) else {
                continue;
            };
            let doc = timeml::parse(&xml);
            let ctx = TimexContext {
                dct: if use_dct { doc.dct.as_deref() } else { None },
                ..Default::default()
            };
            // TimeBank-style gold does not mark ages ("a 6-year-old").
            let mut sys = tagger.tag(&doc.text, &ctx);
            sys.retain(|t| !t.rule.starts_with("age"));
            let c = score::score_doc(&doc.timexes, &sys);
            total.add(&c);
            if errors {
                let ctx_of = |sp: annalist_model::Span| {
                    let mut a = sp.start.saturating_sub(90);
                    while !doc.text.is_char_boundary(a) {
                        a -= 1;
                    }
                    let mut b = (sp.end + 60).min(doc.text.len());
                    while !doc.text.is_char_boundary(b) {
                        b += 1;
                    }
                    format!(
                        "{}[{}]{}",
                        &doc.text[a..sp.start],
                        &doc.text[sp.start..sp.end],
                        &doc.text[sp.end..b]
                    )
                    .replace(['\n', '\t'], " ")
                };
                println!(
                    "DOC\t{}\t{}",
                    f.display(),
                    doc.dct.as_deref().unwrap_or("-")
                );
                for g in &doc.timexes {
                    match sys.iter().find(|s| s.span.overlaps(g.span)) {
                        None => println!(
                            "MISS\t{}\t{}\t{}\t{}",
                            g.text,
                            g.value,
                            f.display(),
                            ctx_of(g.span)
                        ),
                        Some(s) if !score::same_value(&s.value, &g.value) => println!(
                            "VAL\t{}\t{}\tsys:{}\t{}\t{}\t{}\t{}\t{}",
                            g.text,
                            g.value,
                            s.text,
                            s.value,
                            s.rule,
                            f.display(),
                            s.anchor.as_deref().unwrap_or(""),
                            ctx_of(g.span)
                        ),
                        Some(s) => println!(
                            "OK\t{}\t{}\t{}\t{}\t{}",
                            g.text,
                            g.value,
                            s.rule,
                            f.display(),
                            ctx_of(g.span)
                        ),
                    }
                }
                for s in &sys {
                    if !doc.timexes.iter().any(|g| g.span.overlaps(s.span)) {
                        println!(
                            "FP\t{}\t{}\t{}\t{}\t{}",
                            s.text,
                            s.value,
                            s.rule,
                            f.display(),
                            ctx_of(s.span)
                        );
                    }
                }
            }
        }
        println!("{}", score::report(&d.display().to_string(), &total));
        all.add(&total);
    }
    if dirs.len() > 1 {
        println!("{}", score::report("ALL", &all));
    }
}
