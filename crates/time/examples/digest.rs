//! Development aid: tags every file of a directory in both styles and
//! prints a digest of all timexes (to check that a speed change keeps the
//! output identical).
//!
//! `digest DIR [DUMP_FILE]`: narrative style without a creation time, then
//! news style with the creation time 2000-01-01; every timex (file, style,
//! span, text, type, value, mod, anchor, rule) goes into the digest, and into
//! DUMP_FILE when given (for a diff).
use annalist_time::{Style, Tagger, TimexContext};
use std::hash::{Hash, Hasher};
use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("digest DIR [DUMP_FILE]");
    let mut dump = args
        .next()
        .map(|p| std::io::BufWriter::new(std::fs::File::create(p).expect("dump file")));
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("readable dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let tagger = Tagger::new();
    // A fixed-key SipHash: the same digest on every run.
    #[allow(deprecated)]
    let mut h = std::hash::SipHasher::new();
    let mut n = 0usize;
    for p in &paths {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        let name = p.file_name().map(|f| f.to_string_lossy().into_owned());
        for (style, dct) in [(Style::Narrative, None), (Style::News, Some("2000-01-01"))] {
            let ctx = TimexContext {
                dct,
                ..Default::default()
            };
            for t in tagger.tag_as(&text, &ctx, style) {
                let line = format!(
                    "{}\t{:?}\t{}-{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    name.as_deref().unwrap_or(""),
                    style,
                    t.span.start,
                    t.span.end,
                    t.text,
                    t.ttype.as_str(),
                    t.value,
                    t.tmod.map_or("", |m| m.as_str()),
                    t.anchor.as_deref().unwrap_or(""),
                    t.rule
                );
                line.hash(&mut h);
                n += 1;
                if let Some(d) = &mut dump {
                    let _ = writeln!(d, "{line}");
                }
            }
        }
    }
    println!(
        "{n} timexes in {} files, digest {:016x}",
        paths.len(),
        h.finish()
    );
}
