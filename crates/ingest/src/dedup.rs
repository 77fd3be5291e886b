//! Sentence fingerprints for exact and near-duplicate detection.

/// Hash of the sentence's normalized form (lower case, letters and digits only).
pub fn fingerprint(sentence: &str) -> u64 {
    let norm: String = sentence
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
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
