//! Ingestion speed: plain-text cleaning, HTML cleaning, WARC.gz reading,
//! sentence duplicate keys.
//!
//! cargo bench -p annalist-ingest --bench ingest
//!
//! Inputs come from ../shared (the corpus texts and the article-extraction
//! benchmark pages); the WARC.gz is built in memory from those pages (one
//! gzip member per record, as crawls are). Throughput is per core (one
//! thread).

#[path = "../examples/inputs/mod.rs"]
mod inputs;

use annalist_ingest::{clean, read_bytes, RawDoc};
use annalist_model::Format;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::time::Duration;

fn html_pages(n: usize) -> Vec<Vec<u8>> {
    inputs::html_pages(n).into_iter().map(|p| p.1).collect()
}

fn bench(c: &mut Criterion) {
    let texts: Vec<Vec<u8>> = inputs::corpus_texts().into_iter().map(|t| t.1).collect();
    // One big text (the corpus repeated to ~1 MB) and the real documents.
    let big = inputs::big_text(&texts);
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
    // The duplicate keys of every line of the 1 MB text (exact key and
    // SimHash, as the pipeline computes them per sentence).
    let lines: Vec<&str> = std::str::from_utf8(&big)
        .unwrap_or("")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    g.throughput(Throughput::Bytes(
        lines.iter().map(|l| l.len() as u64).sum(),
    ));
    g.bench_function("sentence_keys_1mb", |b| {
        b.iter(|| {
            lines.iter().fold(0u64, |h, l| {
                h ^ annalist_ingest::dedup::fingerprint(l) ^ annalist_ingest::dedup::simhash(l)
            })
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
        let w = inputs::warc_gz(&all);
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
