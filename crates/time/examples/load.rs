//! Development aid: times `Tagger::new` (rule compilation).
//!
//! `load [TIMES]` builds the tagger TIMES times (default 10) and prints the
//! mean CPU time of this thread per construction.
use annalist_time::Tagger;
mod common;
use common::cpu_ns;

fn main() {
    let times: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let c0 = cpu_ns();
    let mut rules = 0;
    for _ in 0..times {
        rules += Tagger::new().rule_count();
    }
    let cpu = cpu_ns().zip(c0).map(|(a, b)| (a - b) as f64 / 1e6);
    let rs = annalist_time::rules::RuleSet::load().expect("rules load");
    println!("prefilter trie: {} nodes", rs.prefilter.len());
    println!(
        "{} rules, {:.1} ms of CPU per Tagger::new",
        rules / times.max(1),
        cpu.unwrap_or(f64::NAN) / times.max(1) as f64
    );
}
