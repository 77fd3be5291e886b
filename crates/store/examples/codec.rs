//! Compares encodings of the stored analyses (CPU to encode and decode, size).
//! `cargo run -p annalist-store --release --example codec -- STORE.db`
use annalist_model::DocAnalysis;
use std::path::Path;

mod common;
use common::cpu;

fn main() {
    let db = std::env::args().nth(1).expect("usage: codec STORE.db");
    let store = annalist_store::Store::open_readonly(Path::new(&db)).expect("open");
    let mut docs: Vec<DocAnalysis> = Vec::new();
    store.for_each_analysis(|a| docs.push(a)).expect("read");
    let reps = 3;
    type Enc = fn(&DocAnalysis, &mut Vec<u8>);
    type Dec = fn(&[u8]) -> DocAnalysis;
    let variants: Vec<(&str, Enc, Dec)> = vec![
        (
            "json",
            |a, b| serde_json::to_writer(b, a).unwrap(),
            |b| serde_json::from_slice(b).unwrap(),
        ),
        (
            "msgpack",
            |a, b| rmp_serde::encode::write_named(b, a).unwrap(),
            |b| rmp_serde::from_slice(b).unwrap(),
        ),
        (
            "json+lz4",
            |a, b| {
                let j = serde_json::to_vec(a).unwrap();
                b.extend(lz4_flex::compress_prepend_size(&j))
            },
            |b| serde_json::from_slice(&lz4_flex::decompress_size_prepended(b).unwrap()).unwrap(),
        ),
        (
            "msgpack+lz4",
            |a, b| {
                let j = rmp_serde::to_vec_named(a).unwrap();
                b.extend(lz4_flex::compress_prepend_size(&j))
            },
            |b| rmp_serde::from_slice(&lz4_flex::decompress_size_prepended(b).unwrap()).unwrap(),
        ),
    ];
    for (name, enc, dec) in variants {
        let mut bufs: Vec<Vec<u8>> = Vec::new();
        let t0 = cpu();
        for _ in 0..reps {
            bufs = docs
                .iter()
                .map(|a| {
                    let mut b = Vec::new();
                    enc(a, &mut b);
                    b
                })
                .collect();
        }
        let t1 = cpu();
        for _ in 0..reps {
            for (b, a) in bufs.iter().zip(&docs) {
                let d = dec(b);
                assert_eq!(d.sentences.len(), a.sentences.len());
            }
        }
        let t2 = cpu();
        let size: usize = bufs.iter().map(|b| b.len()).sum();
        let ok = bufs.iter().zip(&docs).all(|(b, a)| &dec(b) == a);
        println!(
            "{name:14} {:6.1} MB  encode {:.3} s  decode {:.3} s  round-trip {}",
            size as f64 / 1e6,
            (t1 - t0) / reps as f64,
            (t2 - t1) / reps as f64,
            if ok { "ok" } else { "DIFFERS" }
        );
    }
}
