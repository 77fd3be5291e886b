//! Development aid: times the tagger on TE3-Silver text in /tmp.
use annalist_time::{timeml, Tagger, TimexContext};
use std::time::Instant;
fn main() {
    let dir = "/tmp/te3silver/TE3-Silver-data";
    let mut texts = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if let Ok(x) = std::fs::read_to_string(e.path()) {
            texts.push(timeml::parse(&x).text);
        }
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let t = Instant::now();
    let tagger = Tagger::new();
    println!("load {:?}", t.elapsed());
    let t = Instant::now();
    let n: usize = texts
        .iter()
        .map(|x| tagger.tag(x, &TimexContext::default()).len())
        .sum();
    let e = t.elapsed();
    println!(
        "tag: {n} timexes in {e:?} for {bytes} bytes = {:.1} MB/s",
        bytes as f64 / e.as_secs_f64() / 1e6
    );
}
