//! Profiles the merge alone: reads the analyses of a store once, then runs
//! `KbBuilder::finish` ROUNDS times on copies of the summaries (for `perf
//! record`, or to time the merge without the read).
//! `cargo run -p annalist-kb --release --example finish_prof -- DB [ROUNDS]`
//! Prints each round's process CPU time (user + sys) and an FNV hash of the
//! knowledge base's JSON.
use std::io::Write;

mod common;
use common::cpu;

/// FNV-1a over everything written.
struct Fnv(u64, usize);
impl Write for Fnv {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for &x in buf {
            self.0 = (self.0 ^ x as u64).wrapping_mul(0x100000001b3);
        }
        self.1 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let db = args.next().expect("usage: finish_prof DB [ROUNDS]");
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
    let store = annalist_store::Store::open_readonly(std::path::Path::new(&db)).expect("open");
    let mut b = annalist_kb::KbBuilder::without_source_details();
    store.for_each_analysis(|a| b.add(a)).expect("read");
    drop(store);
    for _ in 0..rounds {
        let t0 = cpu();
        let kb = b.clone().finish();
        let t1 = cpu();
        let mut h = Fnv(0xcbf29ce484222325, 0);
        serde_json::to_writer(&mut h, &kb).expect("hash");
        println!(
            "finish {:.2} s CPU, {} entities, {} events, kb json {} bytes, hash {:016x}",
            t1 - t0,
            kb.entities.len(),
            kb.events.len(),
            h.1,
            h.0
        );
    }
}
