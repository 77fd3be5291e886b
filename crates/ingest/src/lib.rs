//! Ingestion: from files on disk (or crawl records) to [`CleanDoc`]s.
//!
//! * [`read`] walks folders and reads files (text, Markdown, HTML, WARC/WET,
//!   plain or gzip) into [`RawDoc`]s, one per document (a WARC file yields
//!   many), reporting unreadable inputs as [`InputProblem`]s instead of
//!   failing the batch.
//! * [`clean`] turns one [`RawDoc`] into a [`CleanDoc`]: decoded analysis
//!   text, an offset map back to the original bytes, and main / comment /
//!   boilerplate regions, plus source kind, quality, spam flag and language.
//! * [`dedup`] fingerprints sentences for exact and near-duplicate detection.
//!
//! Everything here except [`read`] is pure: bytes in, values out.
//! Design notes: `docs/ingest.md`.

mod caseless;
pub mod clean;
mod cues;
pub mod decode;
pub mod dedup;
pub mod html;
pub mod read;
pub mod segment;

pub use clean::{clean, CleanError};
pub use dedup::NEAR_DUP_MAX_HAMMING;
pub use read::{
    content_id, read_bytes, read_bytes_with, read_path, read_path_with, walk, InputProblem,
    ReadOptions, ReadOutcome,
};

pub use annalist_model::{CleanDoc, RawDoc};

/// Rounds `off` down to a char boundary of `s` (never panics).
pub(crate) fn floor_boundary(s: &str, off: usize) -> usize {
    annalist_model::floor_char_boundary(s, off)
}

/// Maximal runs of "word" characters of a string, as `&str` slices: the same
/// as splitting on every other char and dropping the empty pieces, but with a
/// table lookup per ASCII byte instead of a char decode (this runs over every
/// word of every document).
pub(crate) struct Runs<'a> {
    s: &'a str,
    i: usize,
    ascii: &'static [bool; 128],
    other: fn(char) -> bool,
}

/// ASCII bytes that are alphanumeric or `'`.
const ALNUM_APOS: [bool; 128] = ascii_table(true);
/// ASCII bytes that are letters or `'`.
const ALPHA_APOS: [bool; 128] = ascii_table(false);

const fn ascii_table(digits: bool) -> [bool; 128] {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphabetic() || (digits && c.is_ascii_digit()) || c == b'\'';
        b += 1;
    }
    t
}

impl<'a> Runs<'a> {
    /// Runs of alphanumeric characters, `'` and `’`.
    pub(crate) fn words(s: &'a str) -> Runs<'a> {
        Runs {
            s,
            i: 0,
            ascii: &ALNUM_APOS,
            other: |c| c.is_alphanumeric() || c == '’',
        }
    }

    /// Runs of alphabetic characters and `'`.
    pub(crate) fn letters(s: &'a str) -> Runs<'a> {
        Runs {
            s,
            i: 0,
            ascii: &ALPHA_APOS,
            other: char::is_alphabetic,
        }
    }

    /// Whether the char at byte `i` belongs to a run, and its length.
    #[inline]
    fn class(&self, i: usize) -> (bool, usize) {
        let b = self.s.as_bytes()[i];
        if b < 0x80 {
            return (self.ascii[b as usize], 1);
        }
        match self.s.get(i..).and_then(|r| r.chars().next()) {
            Some(c) => ((self.other)(c), c.len_utf8()),
            None => (false, 1), // unreachable: `i` sits on a char boundary
        }
    }
}

impl<'a> Iterator for Runs<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let n = self.s.len();
        let mut i = self.i;
        while i < n {
            let (w, len) = self.class(i);
            if w {
                break;
            }
            i += len;
        }
        let start = i;
        while i < n {
            let (w, len) = self.class(i);
            if !w {
                break;
            }
            i += len;
        }
        self.i = i;
        (i > start).then(|| &self.s[start..i])
    }
}

#[cfg(test)]
mod runs_tests {
    use super::Runs;

    #[test]
    fn same_as_split() {
        for s in [
            "",
            "  ",
            "Trotsky's ice-axe, 1940: “Coyoacán”! l’homme d'État 3x4 ΣΟΦΙΑ",
            "a",
            "...a...",
            "x\u{301}y ǅ 42nd",
        ] {
            let want: Vec<&str> = s
                .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(Runs::words(s).collect::<Vec<_>>(), want, "{s}");
            let want: Vec<&str> = s
                .split(|c: char| !c.is_alphabetic() && c != '\'')
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(Runs::letters(s).collect::<Vec<_>>(), want, "{s}");
        }
    }
}
