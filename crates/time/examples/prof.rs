//! Development aid: times the tagger on TE3-Silver text in /tmp.
//!
//! `prof [PASSES] [narrative|news] [DIR]` (default 1 pass, narrative style,
//! the TE3-Silver text in /tmp). With DIR, every file of it is tagged: `.tml`
//! files as TimeML (their text and creation time), others as plain text.
use annalist_time::{timeml, Style, Tagger, TimexContext};
use std::time::Instant;
mod common;
use common::cpu_ns;

fn main() {
    let mut args = std::env::args().skip(1);
    let passes: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let style = match args.next().as_deref() {
        Some("news") => Style::News,
        _ => Style::Narrative,
    };
    let dir = args
        .next()
        .unwrap_or_else(|| "/tmp/te3silver/TE3-Silver-data".to_string());
    let mut docs = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    for p in paths {
        if let Ok(x) = std::fs::read_to_string(&p) {
            if p.extension().is_some_and(|e| e == "tml") {
                let d = timeml::parse(&x);
                docs.push((d.text, d.dct));
            } else {
                docs.push((x, None));
            }
        }
    }
    let bytes: usize = docs.iter().map(|t| t.0.len()).sum();
    let t = Instant::now();
    let tagger = Tagger::new().with_style(style);
    println!("load {:?}", t.elapsed());
    // PROF_WARM=1: one untimed pass first, through `tag_as`, so that the
    // rules it compiles are ready and a profiler collecting only inside
    // `Tagger::tag` (callgrind --toggle-collect) sees warm passes only.
    if std::env::var_os("PROF_WARM").is_some() {
        for (x, dct) in &docs {
            let ctx = TimexContext {
                dct: dct.as_deref(),
                ..Default::default()
            };
            tagger.tag_as(x, &ctx, style);
        }
    }
    for _ in 0..passes {
        let c0 = cpu_ns();
        let t = Instant::now();
        let n: usize = docs
            .iter()
            .map(|(x, dct)| {
                let ctx = TimexContext {
                    dct: dct.as_deref(),
                    ..Default::default()
                };
                tagger.tag(x, &ctx).len()
            })
            .sum();
        let e = t.elapsed();
        let cpu = cpu_ns().zip(c0).map(|(a, b)| (a - b) as f64 / 1e9);
        println!(
            "tag: {n} timexes in {e:?} for {bytes} bytes = {:.1} MB/s wall{}",
            bytes as f64 / e.as_secs_f64() / 1e6,
            cpu.map(|c| format!(
                ", {:.1} MB/s of this thread's CPU time",
                bytes as f64 / c / 1e6
            ))
            .unwrap_or_default()
        );
    }
}
