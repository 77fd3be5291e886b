//! Ingestion speed: plain-text cleaning, HTML cleaning, WARC.gz reading.
//!
//! cargo bench -p annalist-ingest --bench ingest
//!
//! Inputs come from ../shared (the corpus texts and the article-extraction
//! benchmark pages); the WARC.gz is built in memory from those pages (one
//! gzip member per record, as crawls are). Throughput is per core (one
//! thread).

use annalist_ingest::{clean, read_bytes, RawDoc};
use annalist_model::Format;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::io::{Read, Write};
use std::time::Duration;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

fn corpus_texts() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for topic in ["seeds", "kirov", "rasputin"] {
        let Ok(rd) = std::fs::read_dir(format!("{SHARED}/corpus/{topic}")) else {
            continue;
        };
        let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if let Ok(b) = std::fs::read(p) {
                out.push(b);
            }
        }
    }
    out
}

fn html_pages(n: usize) -> Vec<Vec<u8>> {
    let dir = format!("{SHARED}/data/article-extraction-benchmark/html");
    let Ok(rd) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths
        .into_iter()
        .take(n)
        .filter_map(|p| {
            let mut v = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(p).ok()?)
                .read_to_end(&mut v)
                .ok()?;
            Some(v)
        })
        .collect()
}

fn warc_gz(pages: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
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
        let _ = e.write_all(&rec);
        if let Ok(v) = e.finish() {
            out.extend(v);
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let texts = corpus_texts();
    // One big text (the corpus repeated to ~1 MB) and the real documents.
    let mut big = Vec::new();
    while !texts.is_empty() && big.len() < 1 << 20 {
        for t in &texts {
            big.extend_from_slice(t);
            big.extend_from_slice(b"\n\n");
        }
    }
    let mut g = c.benchmark_group("ingest");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    let total: usize = texts.iter().map(Vec::len).sum();
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("plain_text_corpus_docs", |b| {
        b.iter(|| {
            for t in &texts {
                let raw = RawDoc {
                    name: "x.txt".into(),
                    bytes: t.clone(),
                    format: Format::Text,
                    ..Default::default()
                };
                let _ = clean(&raw);
            }
        })
    });
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function("plain_text_1mb", |b| {
        b.iter(|| {
            let raw = RawDoc {
                name: "x.txt".into(),
                bytes: big.clone(),
                format: Format::Text,
                ..Default::default()
            };
            let _ = clean(&raw);
        })
    });
    let pages = html_pages(30);
    let total: usize = pages.iter().map(Vec::len).sum();
    if total > 0 {
        g.throughput(Throughput::Bytes(total as u64));
        g.bench_function("html_30_pages", |b| {
            b.iter(|| {
                for p in &pages {
                    let raw = RawDoc {
                        name: "x.html".into(),
                        bytes: p.clone(),
                        format: Format::Html,
                        ..Default::default()
                    };
                    let _ = clean(&raw);
                }
            })
        });
        let all = html_pages(181);
        let w = warc_gz(&all);
        g.throughput(Throughput::Bytes(w.len() as u64));
        g.bench_function("warc_gz_read_compressed", |b| {
            b.iter(|| {
                let out = read_bytes("bench.warc.gz", w.clone());
                assert_eq!(out.docs.len(), all.len());
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
