//! Tagging throughput on the TE3-Silver text (untar
//! `shared/data/tempeval3/TE3-Silver-data.tar.gz` into /tmp first, or set
//! TE3_SILVER to the folder of .tml files). Falls back to the WikiWars
//! narratives when the Silver folder is absent.
//!
//! `CARGO_TARGET_DIR=/work/target/time cargo bench -p annalist-time --bench tag`

use annalist_time::{timeml, Style, Tagger, TimexContext};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;

fn corpus() -> (Vec<(String, Option<String>)>, String) {
    let silver = std::env::var("TE3_SILVER")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("/tmp/te3silver/TE3-Silver-data"));
    let wikiwars = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/wikiwars/timex3-tml"
    ));
    let (dir, name) = if silver.is_dir() {
        (silver, "TE3-Silver")
    } else {
        (wikiwars, "WikiWars")
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|f| f.extension().is_some_and(|e| e == "tml"));
    files.sort();
    let docs = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .map(|x| {
            let d = timeml::parse(&x);
            (d.text, d.dct)
        })
        .collect();
    (docs, name.to_string())
}

fn bench(c: &mut Criterion) {
    let (docs, name) = corpus();
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let tagger = Tagger::new().with_style(Style::News);
    let mut g = c.benchmark_group("tag");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function(
        format!("{name} ({bytes} bytes, {} docs)", docs.len()),
        |b| {
            b.iter(|| {
                let mut n = 0;
                for (text, dct) in &docs {
                    let ctx = TimexContext {
                        dct: dct.as_deref(),
                        ..Default::default()
                    };
                    n += tagger.tag(text, &ctx).len();
                }
                n
            })
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
