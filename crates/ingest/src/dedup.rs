//! Sentence fingerprints for exact and near-duplicate detection.
//!
//! * [`fingerprint`]: XXH3-64 of the normalized sentence (letters and
//!   digits, lower case): equal fingerprints = exact duplicates up to
//!   punctuation, case and spacing.
//! * [`simhash`]: 64-bit SimHash over word 3-shingles (word 1-shingles for
//!   sentences under 3 words), each shingle hashed with XXH3-64. Two
//!   sentences are near-duplicates when `hamming(a, b) <= NEAR_DUP_MAX_HAMMING`.
//!
//! Both values are stored with every analysis and compared across builds,
//! so the hash must be fixed by a specification, not by a Rust release:
//! XXH3 is, and it is much cheaper than BLAKE3 on sentence-sized inputs,
//! where collision resistance against an attacker buys nothing: a forged
//! collision only merges two sentences' duplicate groups (docs/ingest.md
//! has the figures). Stores made with
//! the earlier BLAKE3 keys are re-keyed by [`KEY_SCHEME`].

/// Names the scheme of [`fingerprint`] and [`simhash`]; an analysis made
/// under another scheme has keys that cannot be compared with these (the
/// pipeline stamps it into every analysis, and `annalist build` re-analyses
/// stored sources stamped otherwise).
pub const KEY_SCHEME: &str = "keys=xxh3";

use xxhash_rust::xxh3::{xxh3_64, Xxh3};

/// Largest Hamming distance (of 64 bits) between the SimHashes of two
/// near-duplicate sentences. Measured by the tests below: one changed word in
/// a 20-word sentence gives about 2-6 bits; unrelated sentences about 32.
/// 3 keeps false merges of unrelated sentences essentially impossible
/// (P(d <= 3) for independent 64-bit hashes is about 4e-15) while catching
/// copies with light edits (punctuation, case, an inserted or dropped word in long sentences).
pub const NEAR_DUP_MAX_HAMMING: u32 = 3;

/// True when two SimHashes are within [`NEAR_DUP_MAX_HAMMING`].
pub fn near_duplicate(a: u64, b: u64) -> bool {
    hamming(a, b) <= NEAR_DUP_MAX_HAMMING
}

/// Feeds the sentence's normalized form (letters and digits, lower-cased)
/// to `sink` in chunks (`true` with the last one), through a stack buffer:
/// no allocation.
fn normalized_chunks(sentence: &str, mut sink: impl FnMut(&[u8], bool)) {
    /// ASCII byte → its lower case if alphanumeric, else 0.
    const NORM: [u8; 128] = {
        let mut t = [0u8; 128];
        let mut b = 0;
        while b < 128 {
            let c = b as u8;
            if c.is_ascii_alphanumeric() {
                t[b] = c.to_ascii_lowercase();
            }
            b += 1;
        }
        t
    };
    let bytes = sentence.as_bytes();
    let mut buf = [0u8; 1024];
    let mut n = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        if n + 16 > buf.len() {
            sink(&buf[..n], false);
            n = 0;
        }
        let b = bytes[i];
        if b < 0x80 {
            // ASCII: same result as the char path (`is_alphanumeric` and
            // `to_lowercase` are the ASCII versions there).
            let v = NORM[b as usize];
            buf[n] = v;
            n += usize::from(v != 0);
            i += 1;
        } else {
            let Some(c) = sentence.get(i..).and_then(|r| r.chars().next()) else {
                break; // unreachable: `i` always sits on a char boundary
            };
            i += c.len_utf8();
            if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    n += l.encode_utf8(&mut buf[n..]).len();
                }
            }
        }
    }
    sink(&buf[..n], true);
}

/// Hash of the sentence's normalized form (lower case, letters and digits only).
pub fn fingerprint(sentence: &str) -> u64 {
    // XXH3's result does not depend on how its input is chunked; a
    // sentence of up to ~1 KiB comes as one chunk and takes the one-shot path.
    let mut hasher: Option<Xxh3> = None;
    let mut hash = 0;
    normalized_chunks(sentence, |chunk, last| match (&mut hasher, last) {
        (None, true) => hash = xxh3_64(chunk),
        (Some(h), true) => {
            h.update(chunk);
            hash = h.digest();
        }
        (h, false) => h.get_or_insert_with(Xxh3::new).update(chunk),
    });
    hash
}

/// 64-bit SimHash over word 3-shingles.
pub fn simhash(sentence: &str) -> u64 {
    // The lower-cased words joined by single spaces in one buffer: every
    // 3-shingle ("w1 w2 w3") is then a contiguous slice of it, hashed in place
    // as soon as its third word is in (no string per word or per shingle, and
    // only the last three words' bounds kept).
    let mut joined = String::with_capacity(sentence.len());
    // Bounds in `joined` of the last three words, oldest first.
    let mut win = [(0usize, 0usize); 3];
    let mut words = 0usize;
    let mut acc = BitCounts::new();
    for w in alnum_words(sentence) {
        if !joined.is_empty() {
            joined.push(' ');
        }
        let start = joined.len();
        joined.push_str(w);
        if w.is_ascii() {
            joined[start..].make_ascii_lowercase();
        } else {
            // `str::to_lowercase`, not per char: it knows word-final sigma.
            joined.truncate(start);
            joined.push_str(&w.to_lowercase());
        }
        win = [win[1], win[2], (start, joined.len())];
        words += 1;
        if words >= 3 {
            add_shingle(&mut acc, &joined[win[0].0..win[2].1]);
        }
    }
    // Under three words: one shingle of all of them ("" for none).
    match words {
        0 => add_shingle(&mut acc, ""),
        1 | 2 => add_shingle(&mut acc, &joined[win[3 - words].0..win[2].1]),
        _ => {}
    }
    acc.majority()
}

/// Adds one shingle's hash to the SimHash bit counters.
fn add_shingle(acc: &mut BitCounts, shingle: &str) {
    acc.add(xxh3_64(shingle.as_bytes()));
}

/// SimHash's 64 per-bit counters, bit-sliced: plane `p` holds bit `p` of
/// every position's count of set bits, so adding a hash is a binary
/// increment of 64 counters at once (a carry ripples through a few planes)
/// instead of 64 separate additions. Bit `b` of the result is set when more
/// than half of the hashes had it set, which is the classic "+1 for a set
/// bit, -1 for a clear one, keep the positive sums".
struct BitCounts {
    planes: [u64; 64],
    /// Planes in use (the highest count's bit length).
    used: usize,
    /// Hashes added.
    n: u64,
}

impl BitCounts {
    fn new() -> Self {
        BitCounts {
            planes: [0; 64],
            used: 0,
            n: 0,
        }
    }

    fn add(&mut self, v: u64) {
        self.n += 1;
        let mut carry = v;
        let mut p = 0;
        while carry != 0 {
            let plane = self.planes[p];
            self.planes[p] = plane ^ carry;
            carry &= plane;
            p += 1;
        }
        self.used = self.used.max(p);
    }

    /// The bits set in more than half of the hashes added.
    fn majority(&self) -> u64 {
        let mut h = 0u64;
        for b in 0..64 {
            let count = self.planes[..self.used]
                .iter()
                .enumerate()
                .fold(0u64, |c, (p, plane)| c | ((plane >> b) & 1) << p);
            if 2 * count > self.n {
                h |= 1 << b;
            }
        }
        h
    }
}

/// The non-empty pieces of `s` between non-alphanumeric chars (the same as
/// `s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())`,
/// with a byte test instead of a char decode for ASCII).
fn alnum_words(s: &str) -> impl Iterator<Item = &str> {
    let bytes = s.as_bytes();
    let mut i = 0usize;
    // Whether the char at byte `i` is alphanumeric, and its length.
    let class = move |i: usize| -> (bool, usize) {
        let b = bytes[i];
        if b < 0x80 {
            return (b.is_ascii_alphanumeric(), 1);
        }
        match s.get(i..).and_then(|r| r.chars().next()) {
            Some(c) => (c.is_alphanumeric(), c.len_utf8()),
            None => (false, 1), // unreachable: `i` sits on a char boundary
        }
    };
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let (w, len) = class(i);
            if w {
                break;
            }
            i += len;
        }
        let start = i;
        while i < bytes.len() {
            let (w, len) = class(i);
            if !w {
                break;
            }
            i += len;
        }
        (i > start).then(|| &s[start..i])
    })
}

/// Number of differing bits.
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "Ramón Mercader, a Spanish communist who had gained the confidence of Trotsky, killed him with an ice axe in his study at Coyoacán in August 1940.";

    #[test]
    fn exact_duplicates_ignore_case_and_punctuation() {
        assert_eq!(
            fingerprint(A),
            fingerprint(&A.to_uppercase().replace(',', ""))
        );
        assert_ne!(fingerprint(A), fingerprint("Something else entirely."));
    }

    /// The allocation-free versions give exactly the values of the
    /// straightforward definitions (values are stored, so they must not move).
    #[test]
    fn same_values_as_reference_definitions() {
        fn fingerprint_ref(s: &str) -> u64 {
            let norm: String = s
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            xxh3_64(norm.as_bytes())
        }
        fn simhash_ref(s: &str) -> u64 {
            let words: Vec<String> = s
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| w.to_lowercase())
                .collect();
            let mut acc = [0i32; 64];
            for i in 0..words.len().saturating_sub(2).max(1) {
                let sh = words
                    .get(i..(i + 3).min(words.len()))
                    .unwrap_or(&[])
                    .join(" ");
                let v = xxh3_64(sh.as_bytes());
                for (b, a) in acc.iter_mut().enumerate() {
                    *a += if v >> b & 1 == 1 { 1 } else { -1 };
                }
            }
            (0..64).fold(0u64, |h, b| if acc[b] > 0 { h | 1 << b } else { h })
        }
        let long = "Word ".repeat(300);
        let long_non_ascii = "Ärger über Öl, ".repeat(120);
        for s in [
            A,
            "",
            "   ",
            "One",
            "Two words",
            "ΟΔΥΣΣΕΥΣ ΚΑΙ ΠΗΝΕΛΟΠΗ ΣΤΗΝ ΙΘΑΚΗ",
            "İstanbul'da ẞtraße Kelvin \u{212A} ǅemal ﬁne",
            "Mixed ASCII and Ünïcödé words, 1940 — again!",
            &long,
            &long_non_ascii,
        ] {
            assert_eq!(fingerprint(s), fingerprint_ref(s), "{s}");
            assert_eq!(simhash(s), simhash_ref(s), "{s}");
        }
    }

    #[test]
    fn near_duplicate_threshold() {
        let a = simhash(A);
        // Punctuation and case only: identical shingles.
        assert_eq!(a, simhash(&A.to_lowercase().replace(',', "")));
        // Unrelated sentences are far apart.
        let unrelated = [
            "Do I need a thermal expansion tank if I already have a pressure tank in the basement?",
            "Stalin quickly gained the upper hand and consolidated his hold on the Central Committee in April 1923.",
            "The best answers are voted up and rise to the top of the page for everyone to see.",
        ];
        for u in unrelated {
            assert!(hamming(a, simhash(u)) > NEAR_DUP_MAX_HAMMING * 3, "{u}");
            assert!(!near_duplicate(a, simhash(u)));
        }
        // Distances of random pairs center on 32 bits.
        let mut total = 0;
        for (i, x) in unrelated.iter().enumerate() {
            for y in &unrelated[i + 1..] {
                total += hamming(simhash(x), simhash(y));
            }
        }
        assert!(total / 3 > 16);
    }
}
