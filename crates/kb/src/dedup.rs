//! Duplicate sentences across and within sources: exact copies share a
//! fingerprint; near copies have SimHashes within a few bits, found with
//! LSH banding (split the 64 bits into `threshold + 1` bands: by the
//! pigeonhole principle two hashes within `threshold` bits agree on at
//! least one whole band, so only sentences sharing a band bucket are
//! compared).

use crate::merge::DocSummary;
use annalist_model::{DuplicateGroup, SourceSpan};

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
pub struct Dsu(Vec<u32>);

impl Dsu {
    /// `n` singletons (`n` below 4 G: the parents are kept as u32, half
    /// the memory of usize for one entry per local entity of the corpus).
    pub fn new(n: usize) -> Self {
        assert!(u32::try_from(n).is_ok(), "Dsu of {n} elements");
        Dsu((0..n as u32).collect())
    }
    pub fn find(&mut self, x: usize) -> usize {
        let mut x = x as u32;
        while self.0[x as usize] != x {
            self.0[x as usize] = self.0[self.0[x as usize] as usize];
            x = self.0[x as usize];
        }
        x as usize
    }
    /// Joins the sets; returns false when already joined.
    pub fn union(&mut self, a: usize, b: usize) -> bool {
        let (a, b) = (self.find(a), self.find(b));
        if a == b {
            return false;
        }
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        self.0[hi] = lo as u32;
        true
    }
}

/// Duplicate groups plus, for every grouped (document, sentence), its group
/// index.
#[derive(Debug, Default)]
pub struct Duplicates {
    pub groups: Vec<DuplicateGroup>,
    /// ((document, sentence), group), sorted: only grouped sentences.
    of_sentence: Vec<((u32, u32), u32)>,
}

impl Duplicates {
    /// The duplicate group of sentence `sentence` of document `doc`, if any.
    pub fn group_of(&self, doc: usize, sentence: usize) -> Option<usize> {
        let key = (u32::try_from(doc).ok()?, u32::try_from(sentence).ok()?);
        let i = self.of_sentence.binary_search_by(|x| x.0.cmp(&key)).ok()?;
        Some(self.of_sentence[i].1 as usize)
    }
}

/// Groups the duplicate sentences of `docs` (already in canonical order).
///
/// Candidates are found by sorting (fingerprint, sentence) and (band,
/// sentence) pairs rather than through hash maps of lists: one flat vector
/// per pass, no allocation per bucket.
pub fn find(docs: &[DocSummary]) -> Duplicates {
    // Flatten eligible sentences, in (document, sentence) order.
    let mut items: Vec<(u32, u32)> = Vec::new();
    for (di, d) in docs.iter().enumerate() {
        for (si, s) in d.sentences.iter().enumerate() {
            if s.eligible && s.span().len() >= MIN_EXACT_LEN {
                items.push((di as u32, si as u32));
            }
        }
    }
    let sent = |i: usize| &docs[items[i].0 as usize].sentences[items[i].1 as usize];
    let mut dsu = Dsu::new(items.len());
    // The partition (and the smallest member as each set's root) does not
    // depend on the order unions happen in.
    let mut keyed: Vec<(u64, u32)> = (0..items.len())
        .filter_map(|i| {
            let fp = sent(i).fingerprint;
            (fp != 0).then_some((fp, i as u32))
        })
        .collect();
    keyed.sort_unstable();
    for run in keyed.chunk_by(|a, b| a.0 == b.0) {
        for x in &run[1..] {
            dsu.union(run[0].1 as usize, x.1 as usize);
        }
    }
    let bands = NEAR_BITS + 1;
    let width = 64 / bands;
    for b in 0..bands {
        let shift = b * width;
        let bits = if b == bands - 1 { 64 - shift } else { width };
        let mask = if bits >= 64 {
            u64::MAX
        } else {
            (1u64 << bits) - 1
        };
        keyed.clear();
        keyed.extend((0..items.len()).filter_map(|i| {
            let s = sent(i);
            (s.simhash != 0 && s.span().len() >= MIN_NEAR_LEN)
                .then_some(((s.simhash >> shift) & mask, i as u32))
        }));
        keyed.sort_unstable();
        for run in keyed.chunk_by(|a, b| a.0 == b.0) {
            if run.len() < 2 || run.len() > MAX_BUCKET {
                continue;
            }
            for (k, &(_, i)) in run.iter().enumerate() {
                let hi = sent(i as usize).simhash;
                for &(_, j) in &run[k + 1..] {
                    if (hi ^ sent(j as usize).simhash).count_ones() <= NEAR_BITS {
                        dsu.union(i as usize, j as usize);
                    }
                }
            }
        }
    }
    drop(keyed);
    // Groups of two or more, in the order of their roots (each set's
    // smallest member, met first).
    let roots: Vec<u32> = (0..items.len()).map(|i| dsu.find(i) as u32).collect();
    drop(dsu);
    let mut size = vec![0u32; items.len()];
    for &r in &roots {
        size[r as usize] += 1;
    }
    let mut gid = vec![u32::MAX; items.len()];
    let mut members: Vec<Vec<u32>> = Vec::new();
    for (i, &r) in roots.iter().enumerate() {
        let r = r as usize;
        if size[r] < 2 {
            continue;
        }
        if gid[r] == u32::MAX {
            gid[r] = members.len() as u32;
            members.push(Vec::with_capacity(size[r] as usize));
        }
        members[gid[r] as usize].push(i as u32);
    }
    drop(size);
    let mut out = Duplicates::default();
    for (i, &r) in roots.iter().enumerate() {
        let g = gid[r as usize];
        if g != u32::MAX {
            out.of_sentence.push((items[i], g));
        }
    }
    out.groups.reserve_exact(members.len());
    for m in members {
        let fp = sent(m[0] as usize).fingerprint;
        let kind = if m.iter().all(|&i| sent(i as usize).fingerprint == fp) {
            "exact"
        } else {
            "near"
        };
        // (document, start, end): the documents are in source id order.
        let mut spans: Vec<(u32, usize, usize)> = m
            .iter()
            .map(|&i| {
                let s = sent(i as usize);
                (items[i as usize].0, s.start as usize, s.end as usize)
            })
            .collect();
        spans.sort_unstable();
        out.groups.push(DuplicateGroup {
            members: spans
                .into_iter()
                .map(|(di, start, end)| SourceSpan {
                    source: docs[di as usize].sid.clone(),
                    start,
                    end,
                })
                .collect(),
            kind: kind.to_string(),
        });
    }
    out
}
