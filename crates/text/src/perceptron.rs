//! Averaged perceptron over hashed features: training, compact storage and
//! fast greedy scoring.
//!
//! Features are 64-bit hashes computed by [`fhash`], our own FNV-1a variant:
//! hand-written rather than taken from a hashing crate so that a committed
//! model can never be silently invalidated by a dependency's new version.
//!
//! Stored format (then gzip): `APM1`, u8 class count, each class name as
//! u8 length + bytes, f32 scale, u32 feature count, then per feature: u64 key,
//! u8 number of non-zero classes, and that many (u8 class, i16 weight)
//! pairs; weight = i16 × scale.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Incremental feature hash: template id, then string parts.
#[derive(Clone, Copy)]
pub struct FHash(u64);

impl FHash {
    #[inline]
    pub fn new(template: u8) -> Self {
        FHash((FNV_OFFSET ^ template as u64).wrapping_mul(FNV_PRIME))
    }
    #[inline]
    pub fn str(mut self, s: &str) -> Self {
        for &b in s.as_bytes() {
            self = self.byte(b);
        }
        self.end()
    }
    /// One byte of a part ([`FHash::str`] is its bytes then [`FHash::end`]).
    #[inline]
    pub fn byte(self, b: u8) -> Self {
        FHash((self.0 ^ b as u64).wrapping_mul(FNV_PRIME))
    }
    /// The end of a part: a separator so ("ab","c") != ("a","bc").
    #[inline]
    pub fn end(self) -> Self {
        FHash((self.0 ^ 0xff).wrapping_mul(FNV_PRIME))
    }
    #[inline]
    pub fn finish(self) -> u64 {
        mix64(self.0)
    }
}

/// Final avalanche of a 64-bit state (splitmix64).
#[inline]
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Hash of a template id and its string parts.
#[inline]
pub fn fhash(template: u8, parts: &[&str]) -> u64 {
    let mut h = FHash::new(template);
    for p in parts {
        h = h.str(p);
    }
    h.finish()
}

/// Keys are already well-mixed hashes: the map needs no further hashing.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Feature key of a template and up to three 64-bit parts (word hashes from
/// [`FHash`], or small ids such as tag numbers): a chain of bijective
/// multiply-rotate steps finished with splitmix64, so building a feature
/// costs a few multiplications and never touches a string.
#[inline]
pub fn feat(template: u16, a: u64, b: u64, c: u64) -> u64 {
    #[inline]
    fn step(h: u64, x: u64) -> u64 {
        (h ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29)
    }
    let h = step(step(step(0x51_7cc1_b727_220a ^ template as u64, a), b), c);
    FHash(h).finish()
}

/// A trained model ready for scoring.
///
/// Weights live in a flat open-addressing table (linear probing, load ≤ ¾)
/// of 16-byte [`Slot`]s: the upper 32 bits of the feature hash (never 0) and
/// the feature's non-zero weights as (class, weight) pairs — up to
/// [`INLINE_PAIRS`] of them inside the slot itself (95 % of the POS
/// model's features, 80 % of the entity model's), the others in one packed
/// list (`spill`). A found feature is thus one cache line (four slots to a
/// line, the probe run rarely leaves it), where a slot pointing to a dense
/// row of every class cost two or three; and adding a feature's scores
/// touches its 1–4 non-zero weights, not one per class. Adding zeros never
/// changes an integer sum, so the scores are those of dense rows exactly.
///
/// Most features asked for are absent (two in three at analysis time: word
/// pairs and tag-word pairs the training pruned), so a Bloom filter of the
/// stored keys (`filter`, ≈ 12 bits per feature, two bits in one 64-bit
/// word: one read, ≈ 2 % false positives) answers them without touching
/// the table, which is larger than the CPU's L2 cache. Hand-written: the
/// filter is a few lines over the keys, which are already hashes.
#[derive(Debug, Default)]
pub struct Model {
    pub classes: Vec<String>,
    slots: Vec<Slot>,
    /// (class, weight) pairs of the features with more than
    /// [`INLINE_PAIRS`] non-zero weights, back to back.
    spill: Vec<(u8, i16)>,
    mask: usize,
    filter: Vec<u64>,
    scale: f32,
    n_features: usize,
}

/// Non-zero weights held inside a [`Slot`].
const INLINE_PAIRS: usize = 4;
/// [`Slot::cls`] of an unused pair.
const NO_CLASS: u8 = u8::MAX;
/// `cls[0]` of a slot whose pairs are in [`Model::spill`]: `w[0]`, `w[1]`
/// hold the offset (low, high 16 bits), `w[2]` the count.
const SPILLED: u8 = u8::MAX - 1;

/// One feature of a [`Model`]: its key and its non-zero weights (16 bytes,
/// four to a cache line).
#[derive(Clone, Copy, Debug)]
#[repr(C, align(16))]
struct Slot {
    /// Upper 32 bits of the feature hash; 0 = empty slot.
    key: u32,
    /// Classes of the inline pairs ([`NO_CLASS`] = unused), or [`SPILLED`].
    cls: [u8; INLINE_PAIRS],
    w: [i16; INLINE_PAIRS],
}

const EMPTY: Slot = Slot {
    key: 0,
    cls: [NO_CLASS; INLINE_PAIRS],
    w: [0; INLINE_PAIRS],
};

const _: () = assert!(std::mem::size_of::<Slot>() == 16);

/// Features looked up together (their cache misses overlap).
const ROW_BATCH: usize = 16;

#[inline]
fn key32(f: u64) -> u32 {
    ((f >> 32) as u32).max(1)
}

/// The filter word (index before masking) and its bit mask of feature `f`:
/// bits of a remix of `f`, independent of the slot index (low bits) and
/// the stored key (high bits).
#[inline]
fn filter_bits(f: u64) -> (usize, u64) {
    let g = f.rotate_left(23).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (
        (g >> 40) as usize,
        (1u64 << (g & 63)) | (1u64 << ((g >> 6) & 63)),
    )
}

impl Model {
    pub fn n_classes(&self) -> usize {
        self.classes.len()
    }
    pub fn n_features(&self) -> usize {
        self.n_features
    }
    pub fn class_id(&self, name: &str) -> Option<usize> {
        self.classes.iter().position(|c| c == name)
    }

    /// Row handles of `feats` (`u32::MAX` when absent), appended to `out`:
    /// opaque, for [`Model::add_row`] / [`Model::sub_row`] (today the index
    /// of the feature's slot).
    ///
    /// The table is larger than the CPU caches, so look-ups are memory
    /// bound: the features the filter lets pass have the home slots of a
    /// batch loaded first (independent loads: the CPU overlaps the misses),
    /// then probed. Callers batch the features of a whole sentence when they
    /// can.
    pub fn rows(&self, feats: &[u64], out: &mut Vec<u32>) {
        for chunk in feats.chunks(ROW_BATCH) {
            let mut r = [u32::MAX; ROW_BATCH];
            self.rows_chunk(chunk, &mut r);
            out.extend_from_slice(&r[..chunk.len()]);
        }
    }

    /// False when feature `f` is surely absent ([`Model`]'s filter).
    #[inline]
    fn may_have(&self, f: u64) -> bool {
        let (w, bits) = filter_bits(f);
        let word = self.filter[w & (self.filter.len() - 1)];
        word & bits == bits
    }

    #[inline]
    fn rows_chunk(&self, chunk: &[u64], out: &mut [u32; ROW_BATCH]) {
        if self.slots.is_empty() || self.filter.is_empty() {
            return;
        }
        let mut home = [0u32; ROW_BATCH];
        for (h, &f) in home.iter_mut().zip(chunk) {
            if self.may_have(f) {
                *h = self.slots[f as usize & self.mask].key;
            }
        }
        for ((r, &h), &f) in out.iter_mut().zip(&home).zip(chunk) {
            let k = key32(f);
            *r = u32::MAX;
            // a filtered-out feature left its home key 0: no slot read
            if h == 0 {
                continue;
            }
            let mut slot = f as usize & self.mask;
            if h != k {
                // collision: probe on (rare)
                loop {
                    slot = (slot + 1) & self.mask;
                    let kk = self.slots[slot].key;
                    if kk == k {
                        break;
                    }
                    if kk == 0 {
                        slot = u32::MAX as usize;
                        break;
                    }
                }
            }
            *r = slot as u32;
        }
    }

    /// Row handle of one feature (`u32::MAX` when absent).
    pub fn row(&self, f: u64) -> u32 {
        let mut r = [u32::MAX; ROW_BATCH];
        self.rows_chunk(&[f], &mut r);
        r[0]
    }

    /// The non-zero (class, weight) pairs of row `r` (from [`Model::rows`]):
    /// calls `f` on each; none for an absent feature.
    #[inline]
    fn each_weight(&self, r: u32, mut f: impl FnMut(usize, i32)) {
        let Some(s) = self.slots.get(r as usize) else {
            return;
        };
        if s.cls[0] == SPILLED {
            let at = (s.w[0] as u16 as usize) | ((s.w[1] as u16 as usize) << 16);
            let n = s.w[2] as u16 as usize;
            for &(c, w) in self.spill.get(at..at + n).unwrap_or_default() {
                f(c as usize, w as i32);
            }
            return;
        }
        for (&c, &w) in s.cls.iter().zip(&s.w) {
            if c == NO_CLASS {
                break;
            }
            f(c as usize, w as i32);
        }
    }

    /// Subtracts the weights of row `r` (from [`Model::rows`]) from `acc`.
    #[inline]
    pub fn sub_row(&self, r: u32, acc: &mut [i32]) {
        self.each_weight(r, |c, w| {
            if let Some(a) = acc.get_mut(c) {
                *a -= w;
            }
        });
    }

    /// Adds the weights of row `r` (from [`Model::rows`]) to `acc`.
    #[inline]
    pub fn add_row(&self, r: u32, acc: &mut [i32]) {
        self.each_weight(r, |c, w| {
            if let Some(a) = acc.get_mut(c) {
                *a += w;
            }
        });
    }

    /// Adds the integer weights of `feats` to `acc` (length = class count);
    /// the score of a class is `acc × scale`. Integer sums are exact, so any
    /// grouping of the features (cached partial sums) gives the same result.
    #[inline]
    pub fn add_scores(&self, feats: &[u64], acc: &mut [i32]) {
        for chunk in feats.chunks(ROW_BATCH) {
            let mut r = [u32::MAX; ROW_BATCH];
            self.rows_chunk(chunk, &mut r);
            for &r in &r[..chunk.len()] {
                self.add_row(r, acc);
            }
        }
    }

    /// Sums the weights of `feats` into `scores` (length = class count).
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        let mut acc = [0i32; 32];
        let c = self.classes.len().min(32);
        self.add_scores(feats, &mut acc[..c]);
        for (s, a) in scores.iter_mut().zip(acc.iter()) {
            *s = *a as f32 * self.scale;
        }
    }

    /// Best class of integer scores among `allowed` (all when None).
    #[inline]
    pub fn argmax_i32(acc: &[i32], allowed: Option<&[bool]>) -> usize {
        let mut best = 0;
        let mut bv = i32::MIN;
        for (i, &s) in acc.iter().enumerate() {
            if allowed.is_some_and(|a| !a[i]) {
                continue;
            }
            if s > bv {
                bv = s;
                best = i;
            }
        }
        best
    }

    /// Best class among `allowed` (all when None).
    pub fn argmax(scores: &[f32], allowed: Option<&[bool]>) -> usize {
        let mut best = 0;
        let mut bv = f32::NEG_INFINITY;
        for (i, &s) in scores.iter().enumerate() {
            if allowed.is_some_and(|a| !a[i]) {
                continue;
            }
            if s > bv {
                bv = s;
                best = i;
            }
        }
        best
    }

    /// Parses the stored (gunzipped) format. Returns an empty model on a
    /// corrupt blob rather than panicking.
    pub fn from_bytes(b: &[u8]) -> Model {
        Self::parse(b).unwrap_or_default()
    }

    fn parse(b: &[u8]) -> Option<Model> {
        let mut r = Reader { b, p: 0 };
        if r.take(4)? != b"APM1" {
            return None;
        }
        let nc = r.u8()? as usize;
        let mut classes = Vec::with_capacity(nc);
        for _ in 0..nc {
            let l = r.u8()? as usize;
            classes.push(String::from_utf8_lossy(r.take(l)?).into_owned());
        }
        let scale = f32::from_le_bytes(r.take(4)?.try_into().ok()?);
        let nf = u32::from_le_bytes(r.take(4)?.try_into().ok()?) as usize;
        // every stored feature takes at least 9 bytes: bounds a corrupt count
        if nc == 0 || nc > 32 || nf > b.len().saturating_sub(r.p) / 9 {
            return None;
        }
        // load ≤ ¾ (four slots to a cache line: a probe run rarely leaves it)
        let size = (nf * 4 / 3 + 1).max(16).next_power_of_two();
        let mask = size - 1;
        let mut slots = vec![EMPTY; size];
        let mut spill = Vec::new();
        let mut pairs: Vec<(u8, i16)> = Vec::with_capacity(32);
        // ≈ 12 filter bits per feature (a power of two of 64-bit words)
        let mut filter = vec![0u64; (nf * 12 / 64 + 1).next_power_of_two()];
        for _ in 0..nf {
            let key = u64::from_le_bytes(r.take(8)?.try_into().ok()?);
            let nnz = r.u8()? as usize;
            pairs.clear();
            for _ in 0..nnz {
                let c = r.u8()?;
                let w = i16::from_le_bytes(r.take(2)?.try_into().ok()?);
                // a class out of range or a zero weight adds nothing
                if (c as usize) < nc && w != 0 {
                    pairs.push((c, w));
                }
            }
            let (w, bits) = filter_bits(key);
            let fl = filter.len();
            filter[w & (fl - 1)] |= bits;
            let k = key32(key);
            let mut slot = key as usize & mask;
            while slots[slot].key != 0 && slots[slot].key != k {
                slot = (slot + 1) & mask;
            }
            // a (rare) 32-bit key collision keeps the first feature
            if slots[slot].key != 0 {
                continue;
            }
            let mut s = Slot { key: k, ..EMPTY };
            if pairs.len() <= INLINE_PAIRS {
                for (i, &(c, w)) in pairs.iter().enumerate() {
                    s.cls[i] = c;
                    s.w[i] = w;
                }
            } else {
                let at = spill.len();
                if at + pairs.len() > u32::MAX as usize {
                    return None;
                }
                spill.extend_from_slice(&pairs);
                s.cls[0] = SPILLED;
                s.w = [
                    at as u16 as i16,
                    (at >> 16) as u16 as i16,
                    pairs.len() as u16 as i16,
                    0,
                ];
            }
            slots[slot] = s;
        }
        Some(Model {
            classes,
            slots,
            spill,
            mask,
            filter,
            scale,
            n_features: nf,
        })
    }
}

struct Reader<'a> {
    b: &'a [u8],
    p: usize,
}
impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.p..self.p + n)?;
        self.p += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
}

/// Averaged-perceptron trainer.
pub struct Trainer {
    pub classes: Vec<String>,
    index: IdMap<usize>,
    w: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    pub instances: u32,
}

impl Trainer {
    pub fn new(classes: Vec<String>) -> Self {
        Trainer {
            classes,
            index: IdMap::default(),
            w: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            instances: 0,
        }
    }

    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        let c = self.classes.len();
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(&row) = self.index.get(f) {
                for (s, w) in scores.iter_mut().zip(&self.w[row * c..row * c + c]) {
                    *s += *w;
                }
            }
        }
    }

    fn row(&mut self, f: u64) -> usize {
        let c = self.classes.len();
        let n = self.index.len();
        *self.index.entry(f).or_insert_with(|| {
            self.w.extend(std::iter::repeat_n(0.0, c));
            self.totals.extend(std::iter::repeat_n(0.0, c));
            self.stamps.extend(std::iter::repeat_n(0, c));
            n
        })
    }

    /// One training instance: predicted vs. gold class.
    pub fn update(&mut self, feats: &[u64], gold: usize, guess: usize) {
        self.instances += 1;
        if gold == guess {
            return;
        }
        let c = self.classes.len();
        let now = self.instances;
        for &f in feats {
            let row = self.row(f);
            for (cls, delta) in [(gold, 1.0f32), (guess, -1.0f32)] {
                let i = row * c + cls;
                self.totals[i] += (now - self.stamps[i]) as f64 * self.w[i] as f64;
                self.stamps[i] = now;
                self.w[i] += delta;
            }
        }
    }

    /// Averages the weights and serializes the model, dropping weights whose
    /// magnitude is below `prune` (in averaged units).
    pub fn finish(mut self, prune: f32) -> (Model, Vec<u8>) {
        let c = self.classes.len();
        let now = self.instances.max(1);
        for i in 0..self.w.len() {
            self.totals[i] += (now - self.stamps[i]) as f64 * self.w[i] as f64;
            self.w[i] = (self.totals[i] / now as f64) as f32;
        }
        let maxabs = self.w.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-6);
        let scale = maxabs / 32767.0;
        let mut keys: Vec<(u64, usize)> = self.index.iter().map(|(k, v)| (*k, *v)).collect();
        keys.sort_unstable();
        let mut out = Vec::new();
        out.extend_from_slice(b"APM1");
        out.push(c as u8);
        for cl in &self.classes {
            out.push(cl.len() as u8);
            out.extend_from_slice(cl.as_bytes());
        }
        out.extend_from_slice(&scale.to_le_bytes());
        let count_pos = out.len();
        out.extend_from_slice(&0u32.to_le_bytes());
        let mut nf = 0u32;
        for (k, row) in keys {
            let ws: Vec<(u8, i16)> = (0..c)
                .filter_map(|cl| {
                    let w = self.w[row * c + cl];
                    if w.abs() < prune {
                        return None;
                    }
                    let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                    (q != 0).then_some((cl as u8, q))
                })
                .collect();
            if ws.is_empty() {
                continue;
            }
            nf += 1;
            out.extend_from_slice(&k.to_le_bytes());
            out.push(ws.len() as u8);
            for (cl, q) in ws {
                out.push(cl);
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        out[count_pos..count_pos + 4].copy_from_slice(&nf.to_le_bytes());
        (Model::from_bytes(&out), out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_and_roundtrips() {
        let mut t = Trainer::new(vec!["A".into(), "B".into()]);
        let fa = [fhash(1, &["a"])];
        let fb = [fhash(1, &["b"])];
        let mut s = [0f32; 2];
        for _ in 0..5 {
            for (f, g) in [(&fa, 0), (&fb, 1)] {
                t.score(f, &mut s);
                let guess = Model::argmax(&s, None);
                t.update(f, g, guess);
            }
        }
        let (m, bytes) = t.finish(0.0);
        let m2 = Model::from_bytes(&bytes);
        for m in [&m, &m2] {
            m.score(&fa, &mut s);
            assert_eq!(Model::argmax(&s, None), 0);
            m.score(&fb, &mut s);
            assert_eq!(Model::argmax(&s, None), 1);
        }
        assert_eq!(Model::from_bytes(b"garbage").n_classes(), 0);
    }

    /// The filter never hides a stored feature, and absent ones stay absent.
    #[test]
    fn filter_keeps_every_stored_feature() {
        let n = 5000u64;
        let mut b = b"APM1".to_vec();
        b.push(2);
        for c in ["A", "B"] {
            b.push(1);
            b.extend_from_slice(c.as_bytes());
        }
        b.extend_from_slice(&1.0f32.to_le_bytes());
        b.extend_from_slice(&(n as u32).to_le_bytes());
        let key = |i: u64| mix64(i.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 7);
        for i in 0..n {
            b.extend_from_slice(&key(i).to_le_bytes());
            b.push(1);
            b.push((i % 2) as u8);
            b.extend_from_slice(&((i % 1000) as i16 + 1).to_le_bytes());
        }
        let m = Model::from_bytes(&b);
        assert_eq!(m.n_features(), n as usize);
        let feats: Vec<u64> = (0..n).map(key).collect();
        let mut rows = Vec::new();
        m.rows(&feats, &mut rows);
        assert!(rows.iter().all(|&r| r != u32::MAX));
        let mut acc = [0i32; 2];
        for (i, &r) in rows.iter().enumerate() {
            acc = [0; 2];
            m.add_row(r, &mut acc);
            let mut want = [0i32; 2];
            want[i % 2] = (i % 1000) as i32 + 1;
            assert_eq!(acc, want, "feature {i}");
        }
        assert_eq!(acc.iter().sum::<i32>(), ((n - 1) % 1000) as i32 + 1);
        let absent: Vec<u64> = (n..4 * n).map(key).collect();
        rows.clear();
        m.rows(&absent, &mut rows);
        assert!(rows.iter().all(|&r| r == u32::MAX));
    }
}
