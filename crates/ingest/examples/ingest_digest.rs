//! Prints one line per input document: its name and a BLAKE3 digest of
//! everything `clean()` (or `read_bytes()` for the WARC.gz) returned. Two
//! builds print the same lines iff they give the same results: run it before
//! and after a speed change to show that nothing but speed moved.
//!
//! cargo run -p annalist-ingest --release --example ingest_digest > after.txt
//! (then `diff` with the output of the previous build)

#[path = "inputs/mod.rs"]
mod inputs;

use annalist_ingest::{clean, read_bytes, RawDoc};
use annalist_model::Format;

fn digest(x: &impl std::fmt::Debug) -> String {
    blake3::hash(format!("{x:?}").as_bytes()).to_hex()[..16].to_string()
}

fn main() {
    let mut docs: Vec<(String, Vec<u8>, Format)> = Vec::new();
    let texts = inputs::corpus_texts();
    for (p, b) in &texts {
        docs.push((p.display().to_string(), b.clone(), Format::Text));
    }
    let texts: Vec<Vec<u8>> = texts.into_iter().map(|t| t.1).collect();
    docs.push(("big".into(), inputs::big_text(&texts), Format::Text));
    // Odd inputs: empty, binary, invalid UTF-8, legacy charset, one long line.
    docs.push(("empty".into(), Vec::new(), Format::Text));
    docs.push(("nul".into(), b"abc\0def".to_vec(), Format::Text));
    docs.push((
        "bad-utf8".into(),
        b"Caf\xe9 au lait. He went \xff\xfe home.\nReply\n".to_vec(),
        Format::Text,
    ));
    docs.push((
        "long-line".into(),
        "Trotsky was killed in 1940. ".repeat(20_000).into_bytes(),
        Format::Text,
    ));
    let pages = inputs::html_pages(usize::MAX);
    for (p, v) in pages.iter().step_by(6) {
        docs.push((p.display().to_string(), v.clone(), Format::Html));
    }
    for (name, bytes, format) in &docs {
        let out = clean(&RawDoc {
            name: "x".into(),
            bytes: bytes.clone(),
            format: *format,
            ..Default::default()
        });
        let short = name.rsplit('/').next().unwrap_or(name);
        println!("{short} {}", digest(&out));
    }
    // A WARC.gz with HTML, an image, a 404 and a truncated last member.
    let mut w = Vec::new();
    for (i, (_, p)) in pages.iter().take(20).enumerate() {
        let (status, ct) = match i % 7 {
            3 => ("404 Not Found", "text/html"),
            5 => ("200 OK", "image/png"),
            _ => ("200 OK", "text/html; charset=utf-8"),
        };
        w.extend(inputs::warc_gz_member(i, status, ct, p));
    }
    let whole = w.clone();
    w.truncate(w.len() - 1000);
    for (label, bytes) in [("warc", whole), ("warc-truncated", w)] {
        let out = read_bytes("t.warc.gz", bytes);
        println!(
            "{label} {} docs={} skipped={} problems={:?}",
            digest(&out.docs),
            out.docs.len(),
            out.skipped,
            out.problems
        );
    }
}
