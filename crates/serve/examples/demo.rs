//! Builds a knowledge base from files (and optionally synthetic documents)
//! with the real pipeline, stores it, and serves it — for the browser tests
//! and the web benchmark, independent of the CLI.
//!
//! ```text
//! cargo run -p annalist-serve --example demo -- [--db FILE] [--addr 127.0.0.1:7878]
//!     [--synthetic N] [--build-only] [--export DIR] PATH...
//! ```
//! `--synthetic N` adds N generated documents (deterministic) about a pool
//! of invented people, places and dates. The address must be on loopback.

use annalist_model::{DocAnalysis, Format, RawDoc};
use annalist_store::Store;
use rayon::prelude::*;
use std::net::SocketAddr;
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut db = std::env::temp_dir().join("annalist-demo.db");
    let mut addr: SocketAddr = "127.0.0.1:7878".parse()?;
    let mut synthetic = 0usize;
    let mut build_only = false;
    let mut export_dir: Option<PathBuf> = None;
    let mut paths = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--db" => db = PathBuf::from(args.next().unwrap_or_default()),
            "--addr" => addr = args.next().unwrap_or_default().parse()?,
            "--synthetic" => synthetic = args.next().unwrap_or_default().parse()?,
            "--build-only" => build_only = true,
            "--export" => export_dir = Some(PathBuf::from(args.next().unwrap_or_default())),
            p => paths.push(PathBuf::from(p)),
        }
    }
    anyhow::ensure!(addr.ip().is_loopback(), "serve on a loopback address only");
    let mut raws: Vec<RawDoc> = Vec::new();
    let (files, problems) = annalist_ingest::read::walk(&paths);
    for p in problems {
        eprintln!("warning: {p}");
    }
    for (f, root) in files {
        raws.extend(annalist_ingest::read::read_path(&f, &root).docs);
    }
    raws.extend(synthetic_docs(synthetic));
    let t0 = std::time::Instant::now();
    let pipeline = annalist_pipeline::Pipeline::new();
    let analyses: Vec<(Vec<u8>, DocAnalysis)> = raws
        .into_par_iter()
        .filter_map(|r| match pipeline.analyze(&r) {
            Ok(a) => Some((r.bytes, a)),
            Err(e) => {
                eprintln!("warning: {}: {e}", r.name);
                None
            }
        })
        .collect();
    eprintln!(
        "analysed {} documents in {:.1}s",
        analyses.len(),
        t0.elapsed().as_secs_f32()
    );
    let _ = std::fs::remove_file(&db);
    let mut store = Store::open(&db)?;
    let items: Vec<(&[u8], &DocAnalysis)> =
        analyses.iter().map(|(b, a)| (b.as_slice(), a)).collect();
    for chunk in items.chunks(500) {
        store.put_batch(chunk)?;
    }
    let kb = annalist_kb::merge(analyses.into_iter().map(|(_, a)| a));
    // Serve the merged knowledge base as built; a store that cannot hold it
    // (a merge bug) is reported but does not stop the demo.
    if let Err(e) = store.save_kb(&kb) {
        eprintln!("warning: could not store the knowledge base: {e}");
    }
    eprintln!(
        "knowledge base: {} sources, {} entities, {} events, {} conflicts -> {}",
        kb.sources.len(),
        kb.entities.len(),
        kb.events.len(),
        kb.conflicts.len(),
        db.display()
    );
    drop(store);
    if let Some(dir) = &export_dir {
        std::fs::create_dir_all(dir)?;
        for name in annalist_export::ExportFormat::NAMES {
            let f = annalist_export::ExportFormat::parse(name).expect("listed format");
            let path = dir.join(format!("kb-{name}.{}", f.extension()));
            let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
            annalist_export::export(&kb, f, &mut out)?;
            eprintln!("wrote {}", path.display());
        }
        annalist_export::csv::write_dir(&kb, &dir.join("csv"))?;
    }
    if build_only {
        return Ok(());
    }
    let store = Store::open_readonly(&db)?;
    let state = annalist_serve::AppState::new(kb, store);
    let rt = tokio::runtime::Runtime::new()?;
    eprintln!("serving on http://{addr}");
    rt.block_on(annalist_serve::serve(state, addr))
}

/// A tiny deterministic generator (xorshift) so the corpus is the same every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
    fn range(&mut self, a: u64, b: u64) -> u64 {
        a + self.next() % (b - a + 1)
    }
}

const FIRST: &[&str] = &[
    "Anna", "Boris", "Clara", "Dmitri", "Elena", "Felix", "Galina", "Hugo", "Irina", "Jakob",
    "Katya", "Lev", "Maria", "Nikolai", "Olga", "Pavel", "Raisa", "Sergei", "Tamara", "Viktor",
];
const LAST: &[&str] = &[
    "Abramov", "Belov", "Chernov", "Danilov", "Egorov", "Fedorov", "Gromov", "Ilyin", "Kozlov",
    "Lebedev", "Morozov", "Novikov", "Orlov", "Petrov", "Romanov", "Sokolov", "Titov", "Volkov",
];
const PLACES: &[&str] = &[
    "Moscow",
    "Paris",
    "Vienna",
    "Berlin",
    "Mexico City",
    "Kiev",
    "Odessa",
    "Geneva",
    "London",
    "Prague",
    "Warsaw",
    "Riga",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn person(r: &mut Rng) -> String {
    format!("{} {}", r.pick(FIRST), r.pick(LAST))
}

fn date(r: &mut Rng) -> String {
    format!(
        "{} {} {}",
        r.range(1, 28),
        r.pick(MONTHS),
        r.range(1880, 1945)
    )
}

/// `n` generated news-like documents, each about a few people.
pub fn synthetic_docs(n: usize) -> Vec<RawDoc> {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    (0..n)
        .map(|i| {
            let (a, b) = (person(&mut r), person(&mut r));
            let mut t = format!("The life of {a}\n\n");
            t.push_str(&format!(
                "{a} was born in {} on {}. ",
                r.pick(PLACES),
                date(&mut r)
            ));
            t.push_str(&format!(
                "In {} {a} moved to {}, where {a} met {b}. ",
                r.range(1890, 1930),
                r.pick(PLACES)
            ));
            t.push_str(&format!(
                "{a} was arrested in {} on {} and exiled to {} in {}. ",
                r.pick(PLACES),
                date(&mut r),
                r.pick(PLACES),
                r.range(1900, 1935)
            ));
            t.push_str(&format!(
                "On {}, {b} attacked {a} in {}. ",
                date(&mut r),
                r.pick(PLACES)
            ));
            t.push_str(&format!(
                "Leon Trotsky wrote to {a} from {} in {}. ",
                r.pick(PLACES),
                r.range(1920, 1940)
            ));
            t.push_str(&format!(
                "{a} died in {} on {}.\n",
                r.pick(PLACES),
                date(&mut r)
            ));
            RawDoc {
                name: format!("synthetic/{i:05}.txt"),
                bytes: t.into_bytes(),
                format: Format::Text,
                ..Default::default()
            }
        })
        .collect()
}
