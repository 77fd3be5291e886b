//! Times the cross-document merge alone on the analyses of an existing
//! store: `cargo run -p annalist-kb --release --example merge_db -- DB [ROUNDS]`.
//! Prints the time to read the analyses, to merge them, and an FNV hash of
//! the knowledge base's JSON (to check that a change keeps the output).
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let db = args.next().expect("usage: merge_db DB [ROUNDS]");
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
    let store = annalist_store::Store::open_readonly(std::path::Path::new(&db)).expect("open");
    for _ in 0..rounds {
        let t0 = Instant::now();
        let mut b = annalist_kb::KbBuilder::new();
        store.for_each_analysis(|a| b.add(a)).expect("read");
        let t1 = Instant::now();
        let kb = b.finish();
        let t2 = Instant::now();
        let json = serde_json::to_vec(&kb).unwrap_or_default();
        let mut h: u64 = 0xcbf29ce484222325;
        for &x in &json {
            h = (h ^ x as u64).wrapping_mul(0x100000001b3);
        }
        println!(
            "read+summarise {:.3} s, merge {:.3} s, {} entities, {} events, kb json {} bytes, hash {h:016x}",
            (t1 - t0).as_secs_f64(),
            (t2 - t1).as_secs_f64(),
            kb.entities.len(),
            kb.events.len(),
            json.len()
        );
    }
}
