//! Tags stdin and prints one line per timex (development aid).
//! `cargo run -p annalist-time --example tag [-- --news] [--dct 1998-01-08] < text`
use annalist_time::{Style, Tagger, TimexContext};
use std::io::Read;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let style = if args.iter().any(|a| a == "--news") {
        Style::News
    } else {
        Style::Narrative
    };
    let dct = args
        .iter()
        .position(|a| a == "--dct")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let mut text = String::new();
    let _ = std::io::stdin().read_to_string(&mut text);
    let tagger = Tagger::new().with_style(style);
    let ctx = TimexContext {
        dct: dct.as_deref(),
        ..Default::default()
    };
    for t in tagger.tag(&text, &ctx) {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            t.text,
            t.ttype.as_str(),
            t.value,
            t.tmod.map_or("", |m| m.as_str()),
            t.anchor.as_deref().unwrap_or(""),
            t.rule
        );
    }
}
