//! Byte spans and the map from analysis text back to the original input.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)`.
///
/// Inside the pipeline a span may index the *analysis text* of a
/// [`crate::CleanDoc`]; everything stored, exported or served indexes the
/// **original input bytes** (see [`OffsetMap`]).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span {
            start,
            end: end.max(start),
        }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn contains_offset(&self, off: usize) -> bool {
        self.start <= off && off < self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text under the span, or `""` when it does not fall on char
    /// boundaries of `s` (never panics).
    pub fn slice<'a>(&self, s: &'a str) -> &'a str {
        s.get(self.start..self.end).unwrap_or("")
    }
}

/// Maps byte offsets in an analysis text back to byte offsets in the
/// original input.
///
/// The map is a sorted list of anchors `(text_offset, original_offset)`;
/// between two anchors the text is a verbatim copy of the original, so an
/// offset maps linearly from the closest anchor at or before it. Readers that
/// decode entities, drop markup or replace invalid bytes push an anchor at
/// every point where the two diverge. The identity map has one anchor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetMap {
    anchors: Vec<(usize, usize)>,
    original_len: usize,
}

impl Default for OffsetMap {
    fn default() -> Self {
        OffsetMap::identity(0)
    }
}

impl OffsetMap {
    /// Text and original are the same bytes.
    pub fn identity(len: usize) -> Self {
        OffsetMap {
            anchors: vec![(0, 0)],
            original_len: len,
        }
    }
    /// An empty map for an original of `original_len` bytes; push anchors next.
    pub fn new(original_len: usize) -> Self {
        OffsetMap {
            anchors: Vec::new(),
            original_len,
        }
    }
    /// Declares that text offset `text` corresponds to original offset
    /// `original`. Anchors must be pushed in increasing text order; an anchor
    /// at the same text offset as the previous one replaces it.
    pub fn push(&mut self, text: usize, original: usize) {
        let original = original.min(self.original_len);
        if let Some(last) = self.anchors.last_mut() {
            if last.0 == text {
                *last = (text, original);
                return;
            }
            debug_assert!(last.0 < text, "anchors must increase");
        }
        self.anchors.push((text, original));
    }
    pub fn original_len(&self) -> usize {
        self.original_len
    }
    pub fn anchors(&self) -> &[(usize, usize)] {
        &self.anchors
    }
    /// Original offset of text offset `t`, clamped to the original length.
    pub fn to_original(&self, t: usize) -> usize {
        let i = self.anchors.partition_point(|&(a, _)| a <= t);
        if i == 0 {
            return 0;
        }
        let (ta, oa) = self.anchors[i - 1];
        let mut o = oa + (t - ta);
        // Never run past the next anchor's original offset (a decoded entity
        // is shorter or longer than its source).
        if let Some(&(_, onext)) = self.anchors.get(i) {
            o = o.min(onext.max(oa));
        }
        o.min(self.original_len)
    }
    /// Maps a text span to the original; the end maps as an exclusive bound
    /// (the end of the previous byte, plus one) so that a span ending right
    /// before a dropped tag does not swallow the tag.
    pub fn span_to_original(&self, s: Span) -> Span {
        let start = self.to_original(s.start);
        let end = if s.end > s.start {
            self.to_original(s.end - 1) + 1
        } else {
            start
        };
        Span::new(start, end.min(self.original_len).max(start))
    }
}

/// Rounds `off` down to a char boundary of `s`.
pub fn floor_char_boundary(s: &str, mut off: usize) -> usize {
    if off >= s.len() {
        return s.len();
    }
    while off > 0 && !s.is_char_boundary(off) {
        off -= 1;
    }
    off
}

/// Rounds `off` up to a char boundary of `s`.
pub fn ceil_char_boundary(s: &str, mut off: usize) -> usize {
    if off >= s.len() {
        return s.len();
    }
    while off < s.len() && !s.is_char_boundary(off) {
        off += 1;
    }
    off
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_to_itself() {
        let m = OffsetMap::identity(10);
        assert_eq!(m.to_original(0), 0);
        assert_eq!(m.to_original(7), 7);
        assert_eq!(m.to_original(99), 10);
        assert_eq!(m.span_to_original(Span::new(2, 5)), Span::new(2, 5));
    }

    #[test]
    fn markup_is_skipped() {
        // original: "<p>Hi</p><p>yo</p>" ; text: "Hi\n\nyo"
        let mut m = OffsetMap::new(18);
        m.push(0, 3); // "Hi" at 3
        m.push(2, 5); // "\n\n" stands for "</p><p>" (5..12)
        m.push(4, 12); // "yo" at 12
        assert_eq!(m.span_to_original(Span::new(0, 2)), Span::new(3, 5));
        assert_eq!(m.span_to_original(Span::new(4, 6)), Span::new(12, 14));
        assert_eq!(m.span_to_original(Span::new(0, 6)), Span::new(3, 14));
    }

    #[test]
    fn entity_decoding_stays_inside() {
        // original "a &amp; b" (9 bytes); text "a & b" (5 bytes)
        let mut m = OffsetMap::new(9);
        m.push(0, 0);
        m.push(2, 2); // "&" <- "&amp;"
        m.push(3, 7); // " b"
        assert_eq!(m.span_to_original(Span::new(2, 3)), Span::new(2, 3));
        assert_eq!(m.span_to_original(Span::new(0, 5)), Span::new(0, 9));
    }

    #[test]
    fn slice_never_panics() {
        let s = "Ramón";
        assert_eq!(Span::new(0, 4).slice(s), "");
        assert_eq!(Span::new(0, 5).slice(s), "Ramó");
        assert_eq!(Span::new(3, 99).slice(s), "");
    }
}
