//! Case-insensitive cue regexes, run on an ASCII-lower-cased copy of the text.
//!
//! Why: the cues are written `(?i)…`, and a case-insensitive literal such as
//! `(?i)we must` defeats the regex crate's literal prefilter (it must look
//! for every case variant of a short prefix, which hits everywhere), so each
//! cue costs a full lazy-DFA pass over the text. On a copy of the text with
//! ASCII letters lower-cased (same length, same byte offsets) the upper-case
//! ASCII letters can be dropped from every character class of the pattern;
//! its literals become plain lower-case strings again and the prefilter
//! skips through the text at memchr speed.
//!
//! This gives exactly the matches of the original regex on the original
//! text: a case-insensitive pattern matches a string iff it matches the
//! string with any of its ASCII letters changed in case (every class of
//! such a pattern is closed under case folding, and `\b`, `\s`, `\d`, `^`,
//! `$` do not see case), so it matches the same spans of the lower-cased
//! copy; and on that copy no ASCII upper-case letter occurs, so removing
//! them from the classes changes nothing. A pattern that is not case-closed
//! (a `(?-i)` part, a case-sensitive literal) is compiled as written and run
//! on the original text (`lower == false`): never a different answer.

use regex_automata::{meta, Anchored, Input, MatchKind, PatternSet};
use regex_syntax::hir::Look;
use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange};
use regex_syntax::hir::{Hir, HirKind};

/// A text and its ASCII-lower-cased copy (same length, same offsets).
#[derive(Clone, Copy)]
pub struct Hay<'a> {
    pub text: &'a str,
    pub lower: &'a str,
}

impl<'a> Hay<'a> {
    /// `(text, lower)`; `lower` must be `text.to_ascii_lowercase()`.
    pub fn new(text: &'a str, lower: &'a str) -> Hay<'a> {
        debug_assert_eq!(text.len(), lower.len());
        Hay { text, lower }
    }

    /// The same byte range of both (empty when out of range or not on char
    /// boundaries, which never happens for ranges taken from `text`).
    pub fn slice(&self, start: usize, end: usize) -> Hay<'a> {
        match (self.text.get(start..end), self.lower.get(start..end)) {
            (Some(text), Some(lower)) => Hay { text, lower },
            _ => Hay {
                text: "",
                lower: "",
            },
        }
    }

    fn pick(&self, lower: bool) -> &'a str {
        if lower {
            self.lower
        } else {
            self.text
        }
    }
}

/// The regex crate's defaults (`regex::RegexBuilder`), so behaviour and
/// limits are those of `regex::Regex` / `regex::RegexSet`.
fn config(kind: MatchKind) -> meta::Config {
    meta::Config::new()
        .nfa_size_limit(Some(10 * (1 << 20)))
        .hybrid_cache_capacity(2 * (1 << 20))
        .match_kind(kind)
        .utf8_empty(true)
}

/// The pattern's HIR for lower-cased haystacks (`true`), or as written
/// (`false`) when it is not case-closed.
fn compile_hir(pattern: &str) -> Option<(Hir, bool)> {
    let hir = regex_syntax::ParserBuilder::new()
        .utf8(true)
        .build()
        .parse(pattern)
        .ok()?;
    Some(match drop_upper(&hir) {
        Some(h) => (h, true),
        None => (hir, false),
    })
}

/// `h` with ASCII upper-case letters removed from every class, or `None`
/// when `h` is not closed under ASCII case changes.
fn drop_upper(h: &Hir) -> Option<Hir> {
    Some(match h.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(lit) => {
            if lit.0.iter().any(u8::is_ascii_alphabetic) {
                return None; // a case-sensitive letter
            }
            h.clone()
        }
        HirKind::Look(_) => h.clone(),
        HirKind::Class(Class::Unicode(c)) => {
            let has = |ch: char| c.ranges().iter().any(|r| r.start() <= ch && ch <= r.end());
            if (b'a'..=b'z').any(|b| has(b as char) != has(b.to_ascii_uppercase() as char)) {
                return None;
            }
            let mut c = c.clone();
            c.difference(&ClassUnicode::new([ClassUnicodeRange::new('A', 'Z')]));
            Hir::class(Class::Unicode(c))
        }
        HirKind::Class(Class::Bytes(c)) => {
            let has = |b: u8| c.ranges().iter().any(|r| r.start() <= b && b <= r.end());
            if (b'a'..=b'z').any(|b| has(b) != has(b.to_ascii_uppercase())) {
                return None;
            }
            let mut c = c.clone();
            c.difference(&ClassBytes::new([ClassBytesRange::new(b'A', b'Z')]));
            Hir::class(Class::Bytes(c))
        }
        HirKind::Repetition(r) => {
            let mut r = r.clone();
            r.sub = Box::new(drop_upper(&r.sub)?);
            Hir::repetition(r)
        }
        HirKind::Capture(c) => {
            let mut c = c.clone();
            c.sub = Box::new(drop_upper(&c.sub)?);
            Hir::capture(c)
        }
        HirKind::Concat(v) => Hir::concat(v.iter().map(drop_upper).collect::<Option<_>>()?),
        HirKind::Alternation(v) => {
            Hir::alternation(v.iter().map(drop_upper).collect::<Option<_>>()?)
        }
    })
}

/// One cue regex (leftmost-first, like `regex::Regex`).
pub struct CueRegex {
    re: meta::Regex,
    lower: bool,
    pattern: String,
}

impl CueRegex {
    /// `None` when the pattern does not compile.
    pub fn new(pattern: &str) -> Option<CueRegex> {
        let (hir, lower) = compile_hir(pattern)?;
        let re = meta::Builder::new()
            .configure(config(MatchKind::LeftmostFirst))
            .build_from_hir(&hir)
            .ok()?;
        Some(CueRegex {
            re,
            lower,
            pattern: pattern.to_string(),
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    pub fn is_match(&self, h: Hay<'_>) -> bool {
        self.re.is_match(h.pick(self.lower))
    }

    /// Byte spans of the successive non-overlapping matches.
    pub fn find_iter<'h>(&'h self, h: Hay<'h>) -> impl Iterator<Item = (usize, usize)> + 'h {
        self.re
            .find_iter(h.pick(self.lower))
            .map(|m| (m.start(), m.end()))
    }
}

/// Some of a set's patterns in one regex, with their indices in the set.
type Group = Option<(meta::Regex, Vec<usize>)>;

/// Several cue regexes matched together (like `regex::RegexSet`).
pub struct CueSet {
    /// Patterns compiled for lower-cased haystacks, with their indices.
    lower: Group,
    /// Patterns that are not case-closed, run on the original text.
    orig: Group,
    /// When every pattern is anchored at the start: the same groups as
    /// leftmost-first regexes, whose anchored search yields the lowest-index
    /// pattern that matches (see [`CueSet::first`]).
    first: Option<[Group; 2]>,
}

impl CueSet {
    /// Patterns that do not compile are left out (never match).
    pub fn new<'p>(patterns: impl IntoIterator<Item = &'p str>) -> CueSet {
        let (mut lo, mut or) = ((Vec::new(), Vec::new()), (Vec::new(), Vec::new()));
        let mut all_anchored = true;
        for (i, p) in patterns.into_iter().enumerate() {
            let hir = compile_hir(p);
            if let Some((h, _)) = &hir {
                all_anchored &= h.properties().look_set_prefix().contains(Look::Start);
            }
            match hir {
                Some((h, true)) => {
                    lo.0.push(h);
                    lo.1.push(i);
                }
                Some((h, false)) => {
                    or.0.push(h);
                    or.1.push(i);
                }
                None => {}
            }
        }
        let build = |(hirs, idx): &(Vec<Hir>, Vec<usize>), kind: MatchKind| {
            if hirs.is_empty() {
                return None;
            }
            let re = meta::Builder::new()
                .configure(config(kind))
                .build_many_from_hir(hirs)
                .ok()?;
            Some((re, idx.clone()))
        };
        CueSet {
            lower: build(&lo, MatchKind::All),
            orig: build(&or, MatchKind::All),
            first: all_anchored.then(|| {
                [
                    build(&lo, MatchKind::LeftmostFirst),
                    build(&or, MatchKind::LeftmostFirst),
                ]
            }),
        }
    }

    /// The lowest index of a matching pattern: `matches(h).first()`, but for
    /// sets of start-anchored patterns one leftmost-first anchored search
    /// gives it directly (at the only possible start, the lower pattern ID
    /// wins), without the overlapping search and its allocations.
    pub fn first(&self, h: Hay<'_>) -> Option<usize> {
        let Some(groups) = &self.first else {
            return self.matches(h).first().copied();
        };
        let mut best: Option<usize> = None;
        for (g, lower) in groups.iter().zip([true, false]) {
            let Some((re, idx)) = g else {
                continue;
            };
            let input = Input::new(h.pick(lower)).anchored(Anchored::Yes);
            if let Some(m) = re.search(&input) {
                if let Some(&i) = idx.get(m.pattern().as_usize()) {
                    best = Some(best.map_or(i, |b| b.min(i)));
                }
            }
        }
        best
    }

    pub fn is_match(&self, h: Hay<'_>) -> bool {
        [(&self.lower, true), (&self.orig, false)]
            .into_iter()
            .any(|(s, lower)| s.as_ref().is_some_and(|(re, _)| re.is_match(h.pick(lower))))
    }

    /// Indices (in the order given to `new`) of the patterns that match, sorted.
    pub fn matches(&self, h: Hay<'_>) -> Vec<usize> {
        let mut out = Vec::new();
        for (s, lower) in [(&self.lower, true), (&self.orig, false)] {
            let Some((re, idx)) = s else {
                continue;
            };
            let mut set = PatternSet::new(re.pattern_len());
            re.which_overlapping_matches(&Input::new(h.pick(lower)), &mut set);
            out.extend(set.iter().filter_map(|p| idx.get(p.as_usize()).copied()));
        }
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Same answers as the regex crate on the original text, for case-closed
    /// and mixed patterns alike.
    #[test]
    fn same_matches_as_regex_crate() {
        let patterns = [
            r"(?i)(?-u:\b)(in all likelihood|we must|i believe)(?-u:\b)",
            r"(?i)^\d+\s+(thoughts?|comments?)\s+(on|to)\b",
            r"(?i)(?m)^[A-Z][A-Za-z .]{2,30}\s*\((AP|Reuters)\)",
            r"(?i)\((born|b\.)\s[^)]{0,80}(died|d\.)",
            r"(?i)stra(?-i:SSE)",
            r"[A-Z][a-z]+ \d+",
            r"(?i)ſtar|kelvin",
        ];
        let hays = [
            "We MUST act. I believe so.",
            "In All Likelihood, yes",
            "5 Thoughts on “x”",
            "MOSCOW (AP) — said",
            "Trotsky (born 1879, died 1940)",
            "(BORN x DIED)",
            "straSSE strasse STRASSE",
            "March 13 and april 4",
            "Star STAR \u{17F}tar \u{212A}elvin KELVIN",
            "",
            "İstanbul ǅ ß ẞ",
        ];
        for p in patterns {
            let want = regex::Regex::new(p).unwrap();
            let got = CueRegex::new(p).unwrap();
            for t in hays {
                let lower = t.to_ascii_lowercase();
                let h = Hay::new(t, &lower);
                assert_eq!(got.is_match(h), want.is_match(t), "{p} on {t}");
                let w: Vec<_> = want.find_iter(t).map(|m| (m.start(), m.end())).collect();
                let g: Vec<_> = got.find_iter(h).collect();
                assert_eq!(g, w, "{p} on {t}");
            }
        }
        let want = regex::RegexSet::new(patterns).unwrap();
        let got = CueSet::new(patterns);
        for t in hays {
            let lower = t.to_ascii_lowercase();
            let h = Hay::new(t, &lower);
            let w: Vec<usize> = want.matches(t).iter().collect();
            assert_eq!(got.matches(h), w, "{t}");
            assert_eq!(got.is_match(h), want.is_match(t), "{t}");
            assert_eq!(got.first(h), w.first().copied(), "{t}");
        }
        // Start-anchored sets answer `first` with one anchored search.
        let anchored = [
            r"(?i)^\d+\s+(thoughts?|comments?)\s+(on|to)\b",
            r"(?i)^\d+",
            r"(?i)^(reply|like)$",
            r"^[A-Z]",
            r"(?i)^(copyright|©).{0,200}$",
        ];
        let want = regex::RegexSet::new(anchored).unwrap();
        let got = CueSet::new(anchored);
        assert!(got.first.is_some());
        for t in hays
            .iter()
            .chain(&["5 comments on it", "Reply", "© 2020", "x 5"])
        {
            let lower = t.to_ascii_lowercase();
            let h = Hay::new(t, &lower);
            let w: Vec<usize> = want.matches(t).iter().collect();
            assert_eq!(got.first(h), w.first().copied(), "{t}");
        }
        // The case-closed ones take the lower-cased path, the others not.
        assert!(CueRegex::new(patterns[0]).unwrap().lower);
        assert!(!CueRegex::new(patterns[4]).unwrap().lower);
        assert!(!CueRegex::new(patterns[5]).unwrap().lower);
    }
}
