//! The cue lexicons of `resources/ingest/`, parsed once.

use crate::caseless::{CueRegex, CueSet, Hay};
use regex::Regex;
use rustc_hash::FxHashSet;
use std::collections::HashMap;
use std::sync::LazyLock;

const LINE_CUES: &str = include_str!("../../../resources/ingest/line_cues.tsv");
const RESIDUE: &str = include_str!("../../../resources/ingest/residue.tsv");
const SITE_SUFFIX: &str = include_str!("../../../resources/ingest/site_suffix.tsv");
const ABBREVIATIONS: &str = include_str!("../../../resources/ingest/abbreviations.txt");
const STOPWORDS: &str = include_str!("../../../resources/ingest/stopwords.txt");
const LANGUAGES: &str = include_str!("../../../resources/ingest/languages.tsv");
const KINDS: &str = include_str!("../../../resources/ingest/kinds.tsv");
const MONTHS: &str = include_str!("../../../resources/ingest/months.tsv");
const COMMENT_CONTAINERS: &str = include_str!("../../../resources/ingest/comment_containers.txt");

/// What a whole line says about itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineCue {
    /// Comment-thread header ("2 thoughts on …"): boilerplate, comments follow.
    Thread,
    /// Dated comment header: a comment starts here.
    Dated,
    /// A signed, dated one-line comment (Q&A sites).
    InlineComment,
    /// End of a comment thread ("Leave a Reply").
    End,
    /// Page furniture.
    Boilerplate,
    /// A heading that is a year or a span of years ("1936", "1917–1922"):
    /// a section of a history, and the time its sentences are anchored
    /// to. Main text when a paragraph follows it outside a comment thread;
    /// otherwise furniture (a bare number among furniture is a counter).
    YearHeading,
}

/// Longest line (bytes) that can carry a line cue.
const LINE_CUE_MAX: usize = 260;

pub struct Cues {
    pub line: Vec<(LineCue, CueRegex)>,
    /// The line cues anchored at the line start, in one automaton (an
    /// anchored search stops at the first byte that cannot match), with
    /// their indices into `line`; the others are tried one by one.
    line_set: CueSet,
    line_set_idx: Vec<usize>,
    line_rest: Vec<usize>,
    /// All residue cues in one automaton (prefilter per paragraph).
    pub residue_set: CueSet,
    /// (whole sentence?, regex)
    pub residue: Vec<(bool, CueRegex)>,
    pub site_suffix: Vec<Regex>,
    pub abbreviations: FxHashSet<String>,
    /// Length in bytes of the longest abbreviation.
    pub abbreviation_max_len: usize,
    pub stopwords: FxHashSet<String>,
    /// The stopwords of up to 16 bytes packed into integers (see `pack16`).
    stopwords_packed: FxHashSet<u128>,
    /// FNV-1a hashes of the stopwords (see `segment::content_stems`).
    pub stopword_hashes: FxHashSet<u64>,
    /// Chars in the longest stopword.
    pub stopword_max_chars: usize,
    pub languages: HashMap<String, String>,
    /// (kind, weight, feature, regex)
    pub kinds: Vec<(String, f32, String, CueRegex)>,
    /// Line-anchored kind features (`(?m)^…` in the file), matched per short
    /// line in one automaton; indices into `kinds`.
    kinds_line_set: CueSet,
    kinds_line_idx: Vec<usize>,
    /// The other kind features, matched over the text one by one (each
    /// stops at its first match; one `RegexSet` pass measured slower).
    kinds_text_idx: Vec<usize>,
    pub months: HashMap<String, u32>,
    /// Matches a class/id attribute naming a comment container (bytes of a tag).
    pub comment_container: Option<regex::bytes::Regex>,
}

fn data_lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// ASCII word boundaries keep the lazy DFA usable (a Unicode `\b` makes
/// the regex crate fall back to its much slower PikeVM on non-ASCII text).
fn ascii_b(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

/// A case-insensitive cue (see `caseless`: run on the lower-cased text).
/// A bad pattern in a data file must not take the process down: it is
/// skipped (the unit test `all_cue_patterns_compile` keeps the files honest).
fn re(pattern: &str) -> Option<CueRegex> {
    CueRegex::new(&format!("(?i){}", ascii_b(pattern)))
}

impl Cues {
    fn load() -> Cues {
        let mut line = Vec::new();
        for l in data_lines(LINE_CUES) {
            let Some((k, p)) = l.split_once('\t') else {
                continue;
            };
            let kind = match k {
                "thread" => LineCue::Thread,
                "dated" => LineCue::Dated,
                "inline_comment" => LineCue::InlineComment,
                "end" => LineCue::End,
                "year_heading" => LineCue::YearHeading,
                _ => LineCue::Boilerplate,
            };
            if let Some(r) = re(p) {
                line.push((kind, r));
            }
        }
        let anchored = |r: &CueRegex| r.as_str().starts_with("(?i)^");
        let line_set_idx: Vec<usize> = (0..line.len()).filter(|&i| anchored(&line[i].1)).collect();
        let line_rest: Vec<usize> = (0..line.len()).filter(|&i| !anchored(&line[i].1)).collect();
        let line_set = CueSet::new(line_set_idx.iter().map(|&i| line[i].1.as_str()));
        let residue: Vec<(bool, CueRegex)> = data_lines(RESIDUE)
            .filter_map(|l| {
                let (scope, p) = l.split_once('\t')?;
                Some((scope == "sentence", re(p)?))
            })
            .collect();
        let residue_set = CueSet::new(residue.iter().map(|(_, r)| r.as_str()));
        // Case-sensitive ("? - SiteName" wants the capital), on the original text.
        let site_suffix = data_lines(SITE_SUFFIX)
            .filter_map(|l| Regex::new(&ascii_b(l)).ok())
            .collect();
        let words = |s: &str| -> FxHashSet<String> {
            data_lines(s).map(|l| l.trim().to_lowercase()).collect()
        };
        let languages = data_lines(LANGUAGES)
            .filter_map(|l| {
                let (a, b) = l.split_once('\t')?;
                Some((a.trim().to_string(), b.trim().to_string()))
            })
            .collect();
        let kinds: Vec<(String, f32, String, CueRegex)> = data_lines(KINDS)
            .filter_map(|l| {
                let mut it = l.splitn(4, '\t');
                let kind = it.next()?.to_string();
                let w: f32 = it.next()?.parse().ok()?;
                let name = it.next()?.to_string();
                Some((kind, w, name, re(it.next()?)?))
            })
            .collect();
        let line_anchored =
            |k: &(String, f32, String, CueRegex)| k.3.as_str().starts_with("(?i)(?m)^");
        let kinds_line_idx: Vec<usize> = (0..kinds.len())
            .filter(|&i| line_anchored(&kinds[i]))
            .collect();
        let kinds_text_idx: Vec<usize> = (0..kinds.len())
            .filter(|&i| !line_anchored(&kinds[i]))
            .collect();
        let kinds_line_pats: Vec<String> = kinds_line_idx
            .iter()
            .map(|&i| kinds[i].3.as_str().replacen("(?i)(?m)^", "(?i)^", 1))
            .collect();
        let kinds_line_set = CueSet::new(kinds_line_pats.iter().map(String::as_str));
        let months = data_lines(MONTHS)
            .filter_map(|l| {
                let (a, b) = l.split_once('\t')?;
                Some((a.trim().to_string(), b.trim().parse().ok()?))
            })
            .collect();
        let stopwords = words(STOPWORDS);
        let stopwords_packed = stopwords.iter().filter_map(|w| pack16(w)).collect();
        let stopword_max_chars = stopwords
            .iter()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0);
        let stopword_hashes = stopwords
            .iter()
            .map(|w| {
                w.chars().fold(0xcbf29ce484222325u64, |h, c| {
                    (h ^ c as u64).wrapping_mul(0x100000001b3)
                })
            })
            .collect();
        let names: Vec<String> = data_lines(COMMENT_CONTAINERS)
            .map(|l| regex::escape(l.trim()))
            .collect();
        let comment_container = regex::bytes::Regex::new(&format!(
            r#"(?i)(?:class|id)\s*=\s*["']?[^"'>]*?(?-u:\b)({})(?-u:\b)"#,
            names.join("|")
        ))
        .ok();
        let abbreviations = words(ABBREVIATIONS);
        let abbreviation_max_len = abbreviations.iter().map(String::len).max().unwrap_or(0);
        Cues {
            line,
            line_set,
            line_set_idx,
            line_rest,
            residue_set,
            residue,
            site_suffix,
            abbreviations,
            abbreviation_max_len,
            stopwords,
            stopwords_packed,
            stopword_hashes,
            stopword_max_chars,
            languages,
            kinds,
            kinds_line_set,
            kinds_line_idx,
            kinds_text_idx,
            months,
            comment_container,
        }
    }

    /// Indices (into `kinds`) of the kind features that fire on a text (with
    /// its lower-cased copy).
    pub fn kind_features(&self, hay: Hay<'_>) -> Vec<usize> {
        let text = hay.text;
        let mut fired = std::collections::BTreeSet::new();
        for line in text.lines() {
            // Every line feature matches within its first ~120 bytes, and
            // those ending in `$` describe short lines: a long line (a
            // paragraph opening with a dateline, "MEMPHIS, Tenn. (AP) —") is
            // read up to there, for the features that do not end the line.
            let long = line.len() > 160;
            let start = line.as_ptr() as usize - text.as_ptr() as usize;
            let end = if long {
                start + crate::floor_boundary(line, 160)
            } else {
                start + line.len()
            };
            for i in self.kinds_line_set.matches(hay.slice(start, end)) {
                if let Some(&k) = self.kinds_line_idx.get(i) {
                    if !(long && self.kinds[k].3.as_str().ends_with('$')) {
                        fired.insert(k);
                    }
                }
            }
        }
        for &k in &self.kinds_text_idx {
            if self.kinds[k].3.is_match(hay) {
                fired.insert(k);
            }
        }
        fired.into_iter().collect()
    }

    /// The cue of one trimmed line (bullets already removed).
    pub fn line_cue(&self, line: &str) -> Option<LineCue> {
        if line.len() > LINE_CUE_MAX {
            return None;
        }
        let lower = line.to_ascii_lowercase();
        self.line_cue_hay(Hay::new(line, &lower))
    }

    /// [`Cues::line_cue`] of a line and its lower-cased copy.
    pub fn line_cue_hay(&self, line: Hay<'_>) -> Option<LineCue> {
        if line.text.len() > LINE_CUE_MAX {
            // Cues describe short furniture lines; long lines are text.
            return None;
        }
        let first_set = self
            .line_set
            .first(line)
            .and_then(|i| self.line_set_idx.get(i).copied());
        // The others in order, only those that would come first.
        let first_rest = self
            .line_rest
            .iter()
            .copied()
            .take_while(|&i| first_set.is_none_or(|f| i < f))
            .find(|&i| self.line[i].1.is_match(line));
        let first = match (first_set, first_rest) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        first.and_then(|i| self.line.get(i)).map(|(k, _)| *k)
    }

    /// Whether `w` (ASCII case-insensitively) is an English function word. No allocation for
    /// ASCII words (this runs on every word of the language sample).
    pub fn is_stopword(&self, w: &str) -> bool {
        match pack16(w) {
            Some(k) => self.stopwords_packed.contains(&k),
            None => self.stopwords.contains(w.to_ascii_lowercase().as_str()),
        }
    }

    /// Whether `w` (any case, without its period) is a listed abbreviation.
    pub fn is_abbreviation(&self, w: &str) -> bool {
        if w.len() > self.abbreviation_max_len * 4 {
            return false; // longer than any entry even in 4-byte chars
        }
        let mut buf = [0u8; 16];
        match ascii_lower(w, &mut buf) {
            Some(l) => self.abbreviations.contains(l),
            None => self.abbreviations.contains(w.to_lowercase().as_str()),
        }
    }
}

/// `w` ASCII-lower-cased and packed into one integer (bytes in order, zero
/// padded: injective for words of 1-16 bytes without NUL), `None` when longer.
fn pack16(w: &str) -> Option<u128> {
    if w.is_empty() || w.len() > 16 {
        return None;
    }
    let mut b = [0u8; 16];
    for (o, c) in b.iter_mut().zip(w.bytes()) {
        *o = c.to_ascii_lowercase();
    }
    Some(u128::from_le_bytes(b))
}

/// `w` lower-cased into `buf` when it is ASCII and fits; `None` otherwise
/// (callers then fall back to an allocating `to_lowercase`).
pub fn ascii_lower<'a>(w: &str, buf: &'a mut [u8; 16]) -> Option<&'a str> {
    if w.len() > buf.len() || !w.is_ascii() {
        return None;
    }
    let out = &mut buf[..w.len()];
    for (o, b) in out.iter_mut().zip(w.bytes()) {
        *o = b.to_ascii_lowercase();
    }
    std::str::from_utf8(out).ok()
}

pub static CUES: LazyLock<Cues> = LazyLock::new(Cues::load);

#[cfg(test)]
mod tests {
    use super::*;

    fn count(s: &str) -> usize {
        data_lines(s).count()
    }

    #[test]
    fn all_cue_patterns_compile() {
        let c = &*CUES;
        assert_eq!(c.line.len(), count(LINE_CUES));
        assert_eq!(c.residue.len(), count(RESIDUE));
        assert_eq!(c.site_suffix.len(), count(SITE_SUFFIX));
        assert_eq!(c.kinds.len(), count(KINDS));
        assert!(c.stopwords.contains("the"));
        assert_eq!(c.languages.get("eng").map(String::as_str), Some("en"));
        assert_eq!(c.months.get("march"), Some(&3));
    }

    #[test]
    fn line_cues() {
        let c = &*CUES;
        assert_eq!(
            c.line_cue("2 thoughts on “The Assassination"),
            Some(LineCue::Thread)
        );
        assert_eq!(
            c.line_cue("March 13, 2017 at 11:21 am"),
            Some(LineCue::Dated)
        );
        assert_eq!(c.line_cue("Liked by 1 person"), Some(LineCue::Boilerplate));
        assert_eq!(c.line_cue("Leave a Reply"), Some(LineCue::End));
        assert_eq!(c.line_cue("4 min read"), Some(LineCue::Boilerplate));
        assert_eq!(
            c.line_cue("Thanks, a great answer. - volodya_k Feb 11, 2017 at 17:02"),
            Some(LineCue::InlineComment)
        );
        assert_eq!(c.line_cue("He was born in 1879."), None);
    }
}
