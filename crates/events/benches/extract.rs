//! Throughput of `Extractor::extract` alone, on the seed and gold corpora
//! pre-analysed by the real ingest, text and time stages.

#[path = "../tests/common/mod.rs"]
mod common;

use annalist_events::Extractor;
use common::{shared, Stages};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let stages = Stages::new();
    let mut docs = Vec::new();
    for dir in ["seeds", "kirov", "rasputin"] {
        let Ok(rd) = std::fs::read_dir(shared(&format!("corpus/{dir}"))) else {
            continue;
        };
        let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        docs.extend(files.iter().filter_map(|p| stages.prepare(p)));
    }
    let bytes: usize = docs.iter().map(|d| d.doc.text.len()).sum();
    let ex = Extractor::new();
    let mut g = c.benchmark_group("events");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("extract_gold_corpora", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| ex.extract(&d.doc, &d.ta, &d.tx).len())
                .sum::<usize>()
        })
    });
    g.finish();
    c.bench_function("extractor_new", |b| b.iter(Extractor::new));
}

criterion_group!(benches, bench);
criterion_main!(benches);
