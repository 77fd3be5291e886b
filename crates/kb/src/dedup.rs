//! Duplicate sentences across and within sources: exact copies share a
//! fingerprint; near copies have SimHashes within a few bits, found with
//! LSH banding (split the 64 bits into `threshold + 1` bands: by the
//! pigeonhole principle two hashes within `threshold` bits agree on at
//! least one whole band, so only sentences sharing a band bucket are
//! compared).

use crate::merge::DocSummary;
use annalist_model::{DuplicateGroup, SourceSpan};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// Largest Hamming distance between SimHashes of near-duplicate sentences.
pub const NEAR_BITS: u32 = 3;
/// Shorter sentences are too short for SimHash to mean anything.
const MIN_NEAR_LEN: usize = 40;
/// Shorter sentences ("Reply.") are not worth grouping at all.
const MIN_EXACT_LEN: usize = 16;
/// A band bucket this full is a degenerate hash, not a duplicate family.
const MAX_BUCKET: usize = 512;

/// Disjoint-set forest over `0..n` (path halving, union by index so the
/// smallest member is the root: deterministic).
#[derive(Clone, Debug)]
pub struct Dsu(Vec<usize>);

impl Dsu {
    pub fn new(n: usize) -> Self {
        Dsu((0..n).collect())
    }
    pub fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    /// Joins the sets; returns false when already joined.
    pub fn union(&mut self, a: usize, b: usize) -> bool {
        let (a, b) = (self.find(a), self.find(b));
        if a == b {
            return false;
        }
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        self.0[hi] = lo;
        true
    }
}

/// Duplicate groups plus, for every (document, sentence), its group index.
#[derive(Debug, Default)]
pub struct Duplicates {
    pub groups: Vec<DuplicateGroup>,
    pub of_sentence: BTreeMap<(usize, usize), usize>,
}

/// Groups the duplicate sentences of `docs` (already in canonical order).
pub fn find(docs: &[DocSummary]) -> Duplicates {
    // Flatten eligible sentences.
    let mut items: Vec<(usize, usize)> = Vec::new();
    for (di, d) in docs.iter().enumerate() {
        for (si, s) in d.sentences.iter().enumerate() {
            if s.eligible && s.span.len() >= MIN_EXACT_LEN {
                items.push((di, si));
            }
        }
    }
    let sent = |i: usize| &docs[items[i].0].sentences[items[i].1];
    let mut dsu = Dsu::new(items.len());
    // Hash maps are fine here: the partition (and the smallest member as
    // each set's root) does not depend on the order unions happen in.
    let mut exact: FxHashMap<u64, usize> = FxHashMap::default();
    for i in 0..items.len() {
        let fp = sent(i).fingerprint;
        if fp == 0 {
            continue;
        }
        match exact.get(&fp) {
            Some(&j) => {
                dsu.union(i, j);
            }
            None => {
                exact.insert(fp, i);
            }
        }
    }
    let bands = NEAR_BITS + 1;
    let width = 64 / bands;
    let mut buckets: FxHashMap<(u32, u64), Vec<usize>> = FxHashMap::default();
    for i in 0..items.len() {
        let s = sent(i);
        if s.simhash == 0 || s.span.len() < MIN_NEAR_LEN {
            continue;
        }
        for b in 0..bands {
            let shift = b * width;
            let bits = if b == bands - 1 { 64 - shift } else { width };
            let mask = if bits >= 64 {
                u64::MAX
            } else {
                (1u64 << bits) - 1
            };
            buckets
                .entry((b, (s.simhash >> shift) & mask))
                .or_default()
                .push(i);
        }
    }
    for members in buckets.values() {
        if members.len() < 2 || members.len() > MAX_BUCKET {
            continue;
        }
        for (k, &i) in members.iter().enumerate() {
            for &j in &members[k + 1..] {
                if (sent(i).simhash ^ sent(j).simhash).count_ones() <= NEAR_BITS {
                    dsu.union(i, j);
                }
            }
        }
    }
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..items.len() {
        let r = dsu.find(i);
        by_root.entry(r).or_default().push(i);
    }
    let mut out = Duplicates::default();
    for members in by_root.values().filter(|m| m.len() >= 2) {
        let fp = sent(members[0]).fingerprint;
        let kind = if members.iter().all(|&i| sent(i).fingerprint == fp) {
            "exact"
        } else {
            "near"
        };
        let gi = out.groups.len();
        // (document, start, end): the documents are in source id order.
        let mut spans: Vec<(usize, usize, usize)> = members
            .iter()
            .map(|&i| {
                out.of_sentence.insert(items[i], gi);
                let s = sent(i);
                (items[i].0, s.span.start, s.span.end)
            })
            .collect();
        spans.sort_unstable();
        out.groups.push(DuplicateGroup {
            members: spans
                .into_iter()
                .map(|(di, start, end)| SourceSpan {
                    source: docs[di].sid.clone(),
                    start,
                    end,
                })
                .collect(),
            kind: kind.to_string(),
        });
    }
    out
}
