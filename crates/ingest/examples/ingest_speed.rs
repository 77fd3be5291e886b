//! Per-core ingestion speed measured in CPU time of this thread (Linux
//! `/proc/thread-self/stat`), so that figures stay meaningful on a shared,
//! loaded machine where wall-clock benchmarks (criterion) are inflated.
//!
//! cargo run -p annalist-ingest --release --example ingest_speed

use annalist_ingest::{clean, read_bytes, RawDoc};
use annalist_model::Format;
use std::io::{Read, Write};
use std::time::Instant;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

/// CPU seconds (user + system) used by this thread so far.
fn cpu_secs() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let rest = s.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    // Fields 14 and 15 (utime, stime) are at 11 and 12 after the ")".
    (ticks(11) + ticks(12)) / 100.0
}

fn measure(label: &str, bytes: usize, mut f: impl FnMut()) {
    f(); // warm up (lexicons, allocator)
    let (c0, t0) = (cpu_secs(), Instant::now());
    let mut n = 0;
    while cpu_secs() - c0 < 3.0 || n < 2 {
        f();
        n += 1;
    }
    let cpu = cpu_secs() - c0;
    let wall = t0.elapsed().as_secs_f64();
    println!(
        "{label:<34} {:>8.1} MB/s per CPU-second   ({:.1} MB/s wall; {n} runs of {:.2} MB)",
        n as f64 * bytes as f64 / 1e6 / cpu,
        n as f64 * bytes as f64 / 1e6 / wall,
        bytes as f64 / 1e6
    );
}

fn main() {
    let mut texts = Vec::new();
    for topic in ["seeds", "kirov", "rasputin"] {
        let mut paths: Vec<_> = std::fs::read_dir(format!("{SHARED}/corpus/{topic}"))
            .expect("corpus")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        paths.sort();
        for p in paths {
            texts.push(std::fs::read(p).expect("read"));
        }
    }
    let total: usize = texts.iter().map(Vec::len).sum();
    measure("plain text (13 corpus docs)", total, || {
        for t in &texts {
            let _ = clean(&RawDoc {
                name: "x.txt".into(),
                bytes: t.clone(),
                format: Format::Text,
                ..Default::default()
            });
        }
    });
    let mut big = Vec::new();
    while big.len() < 1 << 20 {
        for t in &texts {
            big.extend_from_slice(t);
            big.extend_from_slice(b"\n\n");
        }
    }
    measure("plain text (one 1 MB doc)", big.len(), || {
        let _ = clean(&RawDoc {
            name: "x.txt".into(),
            bytes: big.clone(),
            format: Format::Text,
            ..Default::default()
        });
    });
    let dir = format!("{SHARED}/data/article-extraction-benchmark/html");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("benchmark html")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let pages: Vec<Vec<u8>> = paths
        .iter()
        .map(|p| {
            let mut v = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(p).expect("open"))
                .read_to_end(&mut v)
                .expect("gunzip");
            v
        })
        .collect();
    let some: Vec<&Vec<u8>> = pages.iter().step_by(6).collect();
    let total: usize = some.iter().map(|p| p.len()).sum();
    measure(&format!("HTML clean ({} pages)", some.len()), total, || {
        for p in &some {
            let _ = clean(&RawDoc {
                name: "x.html".into(),
                bytes: p.to_vec(),
                format: Format::Html,
                ..Default::default()
            });
        }
    });
    measure(
        &format!("HTML trafilatura crate only ({})", some.len()),
        total,
        || {
            for p in &some {
                let s = String::from_utf8_lossy(p);
                let _ = trafilatura::extract(&s, &trafilatura::Options::default());
            }
        },
    );
    // WARC.gz: one gzip member per record, as crawls are.
    let mut w = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        let mut http =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
        http.extend_from_slice(p);
        let mut rec = format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{i}>\r\nWARC-Target-URI: http://example.org/{i}\r\nWARC-Date: 2020-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        rec.extend(http);
        rec.extend_from_slice(b"\r\n\r\n");
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(&rec).expect("gzip");
        w.extend(e.finish().expect("gzip"));
    }
    let n = pages.len();
    measure(
        &format!("WARC.gz read ({n} records, compressed)"),
        w.len(),
        || {
            let out = read_bytes("bench.warc.gz", w.clone());
            assert_eq!(out.docs.len(), n);
        },
    );
}
