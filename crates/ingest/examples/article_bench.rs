//! Article-extraction benchmark (../shared/data/article-extraction-benchmark):
//! token-level F1 over word 4-gram shingles, as the benchmark defines it
//! (see that folder's README), of the text of our `main` regions.
//!
//! cargo run -p annalist-ingest --release --example article_bench [-- --raw] [-- --dump out.json]
//!
//! `--raw` scores the `trafilatura` crate's own `content_text` instead (to
//! see what aligning it onto byte offsets costs).

use annalist_ingest::{clean, RawDoc};
use annalist_model::{Format, RegionKind};
use std::collections::HashMap;
use std::io::Read;
use std::time::Instant;

const DATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/article-extraction-benchmark"
);

fn tokens(s: &str) -> Vec<&str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect()
}

fn shingles(s: &str) -> HashMap<Vec<&str>, usize> {
    let t = tokens(s);
    let mut m = HashMap::new();
    if t.is_empty() {
        return m;
    }
    if t.len() < 4 {
        *m.entry(t).or_default() += 1;
        return m;
    }
    for w in t.windows(4) {
        *m.entry(w.to_vec()).or_default() += 1;
    }
    m
}

/// (tp, fp, fn) scaled to sum to 1, per the benchmark.
fn page_counts(pred: &str, truth: &str) -> (f64, f64, f64) {
    let p = shingles(pred);
    let t = shingles(truth);
    let mut tp = 0usize;
    for (k, &c) in &p {
        tp += c.min(t.get(k).copied().unwrap_or(0));
    }
    let np: usize = p.values().sum();
    let nt: usize = t.values().sum();
    let (fp, fnn) = (np - tp, nt - tp);
    let all = (tp + fp + fnn).max(1) as f64;
    (tp as f64 / all, fp as f64 / all, fnn as f64 / all)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let raw_mode = args.iter().any(|a| a == "--raw");
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1).cloned());
    let gt: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{DATA}/ground-truth.json")).expect("ground-truth.json"),
    )
    .expect("json");
    let mut ids: Vec<&String> = gt.as_object().expect("object").keys().collect();
    ids.sort();
    let (mut psum, mut pn, mut rsum, mut exact) = (0.0, 0usize, 0.0, 0usize);
    let mut secs = 0.0;
    let mut bytes = 0usize;
    let mut out = serde_json::Map::new();
    for id in &ids {
        let mut html = Vec::new();
        let f = std::fs::File::open(format!("{DATA}/html/{id}.html.gz")).expect("html");
        flate2::read::GzDecoder::new(f)
            .read_to_end(&mut html)
            .expect("gunzip");
        bytes += html.len();
        let truth = gt[id.as_str()]["articleBody"].as_str().unwrap_or("");
        let t0 = Instant::now();
        let pred = if raw_mode {
            let s = String::from_utf8_lossy(&html);
            trafilatura::extract(&s, &trafilatura::Options::default())
                .map(|r| r.content_text)
                .unwrap_or_default()
        } else {
            let raw = RawDoc {
                name: format!("{id}.html"),
                bytes: html,
                format: Format::Html,
                ..Default::default()
            };
            match clean(&raw) {
                Ok(doc) => doc
                    .regions
                    .iter()
                    .filter(|r| r.kind == RegionKind::Main)
                    .map(|r| r.span.slice(&doc.text))
                    .collect::<Vec<_>>()
                    .join("\n"),
                Err(_) => String::new(),
            }
        };
        secs += t0.elapsed().as_secs_f64();
        let (tp, fp, fnn) = page_counts(&pred, truth);
        if tp + fp > 0.0 {
            psum += tp / (tp + fp);
            pn += 1;
        }
        rsum += if tp + fnn > 0.0 { tp / (tp + fnn) } else { 1.0 };
        if tokens(&pred) == tokens(truth) {
            exact += 1;
        }
        if dump.is_some() {
            out.insert(id.to_string(), serde_json::json!({ "articleBody": pred }));
        }
    }
    let p = psum / pn.max(1) as f64;
    let r = rsum / ids.len().max(1) as f64;
    let f1 = 2.0 * p * r / (p + r).max(1e-9);
    println!(
        "{} pages ({}): F1 {f1:.3}  precision {p:.3}  recall {r:.3}  exact {:.3}  {:.2} ms/page  {:.1} MB/s",
        ids.len(),
        if raw_mode { "trafilatura crate content_text" } else { "annalist-ingest main regions" },
        exact as f64 / ids.len().max(1) as f64,
        secs * 1000.0 / ids.len().max(1) as f64,
        bytes as f64 / 1e6 / secs.max(1e-9)
    );
    if let Some(path) = dump {
        std::fs::write(path, serde_json::Value::Object(out).to_string()).expect("write dump");
    }
}
