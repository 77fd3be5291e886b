//! Merging synthetic corpora: `cargo bench -p annalist-kb --bench merge`.
//!
//! Each synthetic document names ~20 entities drawn from a pool (full
//! names, surnames alone, transliterated and misspelled variants), tells ~10
//! events with times, and has 40 sentences of which some are copied from
//! other documents.

use annalist_kb::KbBuilder;
use annalist_model::*;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

/// A small deterministic PRNG (xorshift), so the corpus is the same every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FIRST: &[&str] = &[
    "Leon", "Sergei", "Grigori", "Felix", "Maria", "Ivan", "Nikolai", "Anna", "Pavel", "Olga",
];
const LAST: &[&str] = &[
    "Trotsky",
    "Kirov",
    "Rasputin",
    "Yusupov",
    "Nikolaev",
    "Petrov",
    "Sokolov",
    "Volkov",
    "Morozov",
    "Lebedev",
    "Kozlov",
    "Novikov",
    "Orlov",
    "Zaitsev",
    "Pavlov",
    "Semenov",
    "Golubev",
    "Vinogradov",
    "Bogdanov",
    "Vorobyov",
];
const PLACES: &[&str] = &[
    "Moscow",
    "Petrograd",
    "Kazan",
    "Tomsk",
    "Baku",
    "Paris",
    "Mexico",
    "Turkey",
    "Coyoacán",
    "Odessa",
];

fn doc(i: usize, rng: &mut Rng) -> DocAnalysis {
    let mut a = DocAnalysis {
        meta: SourceMeta {
            id: format!("{:016x}", rng.next()),
            file: format!("doc{i}.txt"),
            quality: 0.3 + (rng.below(70) as f32) / 100.0,
            ..Default::default()
        },
        ..Default::default()
    };
    for s in 0..40 {
        let copied = rng.below(10) == 0;
        let fp = if copied {
            rng.below(200) as u64 + 1
        } else {
            rng.next()
        };
        a.sentences.push(Sentence {
            span: Span::new(s * 100, s * 100 + 90),
            fingerprint: fp,
            simhash: fp.wrapping_mul(0x9E37_79B9_7F4A_7C15),
            ..Default::default()
        });
    }
    for _ in 0..20 {
        let (etype, name) = if rng.below(3) == 0 {
            (
                EntityType::Place,
                PLACES[rng.below(PLACES.len())].to_string(),
            )
        } else {
            let (f, l) = (FIRST[rng.below(FIRST.len())], LAST[rng.below(LAST.len())]);
            let l = match rng.below(10) {
                0 => l.replace('y', "ii"),
                1 => l.replacen('o', "a", 1),
                _ => l.to_string(),
            };
            match rng.below(3) {
                0 => (EntityType::Person, l),
                _ => (EntityType::Person, format!("{f} {l}")),
            }
        };
        if a.entities.iter().any(|e| e.name == name) {
            continue;
        }
        let li = a.entities.len();
        let mut le = LocalEntity {
            etype,
            name: name.clone(),
            ..Default::default()
        };
        for _ in 0..3 {
            let s = rng.below(40);
            le.mentions.push(a.mentions.len());
            a.mentions.push(Mention {
                span: Span::new(s * 100, s * 100 + name.len()),
                text: name.clone(),
                etype,
                entity: li,
                sentence: s,
                ..Default::default()
            });
        }
        a.entities.push(le);
    }
    let people: Vec<usize> = (0..a.entities.len())
        .filter(|&e| a.entities[e].etype == EntityType::Person)
        .collect();
    let places: Vec<usize> = (0..a.entities.len())
        .filter(|&e| a.entities[e].etype == EntityType::Place)
        .collect();
    for _ in 0..10 {
        if people.is_empty() {
            break;
        }
        let s = rng.below(40);
        let etype = EventType::ALL[rng.below(EventType::ALL.len())];
        let mut roles = vec![RoleFiller {
            role: Some(Role::Subject),
            entity: Some(people[rng.below(people.len())]),
            ..Default::default()
        }];
        if !places.is_empty() {
            roles.push(RoleFiller {
                role: Some(Role::Place),
                entity: Some(places[rng.below(places.len())]),
                ..Default::default()
            });
        }
        let year = 1900 + rng.below(50);
        let value = match rng.below(3) {
            0 => format!("{year}"),
            1 => format!("{year}-{:02}", 1 + rng.below(12)),
            _ => format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
        };
        a.events.push(EventMention {
            etype: Some(etype),
            trigger: Span::new(s * 100 + 10, s * 100 + 15),
            evidence: Span::new(s * 100, s * 100 + 90),
            roles,
            time: Some(EventTime {
                value,
                ..Default::default()
            }),
            confidence: 0.7,
            sentence: s,
            ..Default::default()
        });
    }
    a
}

fn bench(c: &mut Criterion) {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let docs: Vec<DocAnalysis> = (0..1000).map(|i| doc(i, &mut rng)).collect();
    let mut g = c.benchmark_group("kb");
    g.sample_size(10);
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("merge_1000_docs", |b| {
        b.iter_batched(
            || docs.clone(),
            |docs| {
                let mut kb = KbBuilder::new();
                for d in docs {
                    kb.add(d);
                }
                kb.finish()
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
