//! Throughput of tokenize + sentence split + POS + entity tagging (and of the
//! full analysis with mentions) on the seed corpus.
//! `cargo bench -p annalist-text --bench tag`

use annalist_model::{CleanDoc, OffsetMap};
use annalist_text::Analyzer;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn corpus() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");
    let mut text = String::new();
    for topic in ["seeds", "kirov", "rasputin"] {
        let Ok(rd) = std::fs::read_dir(format!("{dir}/{topic}")) else {
            continue;
        };
        let mut files: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            text.push_str(&String::from_utf8_lossy(
                &std::fs::read(f).unwrap_or_default(),
            ));
            text.push_str("\n\n");
        }
    }
    if text.is_empty() {
        text = "Leon Trotsky, byname of Lev Davidovich Bronshtein, was killed in Coyoacán. "
            .repeat(500);
    }
    text
}

fn bench(c: &mut Criterion) {
    let an = Analyzer::new();
    let text = corpus();
    let doc = CleanDoc {
        map: OffsetMap::identity(text.len()),
        text: text.clone(),
        ..Default::default()
    };
    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("tokenize+split", |b| b.iter(|| an.split(&doc)));
    g.bench_function("tokenize+tag", |b| {
        b.iter(|| {
            let (toks, sents) = an.split(&doc);
            let mut cache = annalist_text::tagger::DocCache::default();
            let mut n = 0;
            for s in &sents {
                let words: Vec<&str> = toks[s.tokens.0..s.tokens.1]
                    .iter()
                    .map(|t| t.span.slice(&text))
                    .collect();
                n += an.tag_sentence(&mut cache, &words).1.len();
            }
            n
        })
    });
    g.bench_function("analyze", |b| b.iter(|| an.analyze(&doc)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
