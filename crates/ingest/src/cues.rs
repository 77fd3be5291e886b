//! The cue lexicons of `resources/ingest/`, parsed once.

use regex::{Regex, RegexSet};
use std::collections::{HashMap, HashSet};
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
}

pub struct Cues {
    pub line: Vec<(LineCue, Regex)>,
    /// The line cues anchored at the line start, in one automaton (an
    /// anchored search stops at the first byte that cannot match), with
    /// their indices into `line`; the others are tried one by one.
    line_set: RegexSet,
    line_set_idx: Vec<usize>,
    line_rest: Vec<usize>,
    /// All residue cues in one automaton (prefilter per paragraph).
    pub residue_set: RegexSet,
    /// (whole sentence?, regex)
    pub residue: Vec<(bool, Regex)>,
    pub site_suffix: Vec<Regex>,
    pub abbreviations: HashSet<String>,
    pub stopwords: HashSet<String>,
    /// FNV-1a hashes of the stopwords (see `segment::content_stems`).
    pub stopword_hashes: HashSet<u64>,
    pub languages: HashMap<String, String>,
    /// (kind, weight, feature, regex)
    pub kinds: Vec<(String, f32, String, Regex)>,
    /// Line-anchored kind features (`(?m)^…` in the file), matched per short
    /// line in one automaton; indices into `kinds`.
    kinds_line_set: RegexSet,
    kinds_line_idx: Vec<usize>,
    /// The other kind features, matched over the text one by one.
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

fn re(pattern: &str, ci: bool) -> Option<Regex> {
    // ASCII word boundaries keep the lazy DFA usable (a Unicode `\b` makes
    // the regex crate fall back to its much slower PikeVM on non-ASCII text).
    let pattern = pattern.replace(r"\b", r"(?-u:\b)");
    let p = if ci {
        format!("(?i){pattern}")
    } else {
        pattern
    };
    // A bad pattern in a data file must not take the process down: skip it
    // (the unit test `all_cue_patterns_compile` keeps the files honest).
    Regex::new(&p).ok()
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
                _ => LineCue::Boilerplate,
            };
            if let Some(r) = re(p, true) {
                line.push((kind, r));
            }
        }
        let anchored = |r: &Regex| r.as_str().starts_with("(?i)^");
        let line_set_idx: Vec<usize> = (0..line.len()).filter(|&i| anchored(&line[i].1)).collect();
        let line_rest: Vec<usize> = (0..line.len()).filter(|&i| !anchored(&line[i].1)).collect();
        let line_set = RegexSet::new(line_set_idx.iter().map(|&i| line[i].1.as_str()))
            .unwrap_or_else(|_| RegexSet::empty());
        let residue: Vec<(bool, Regex)> = data_lines(RESIDUE)
            .filter_map(|l| {
                let (scope, p) = l.split_once('\t')?;
                Some((scope == "sentence", re(p, true)?))
            })
            .collect();
        let residue_set = RegexSet::new(residue.iter().map(|(_, r)| r.as_str()))
            .unwrap_or_else(|_| RegexSet::empty());
        let site_suffix = data_lines(SITE_SUFFIX)
            .filter_map(|l| re(l, false))
            .collect();
        let words = |s: &str| -> HashSet<String> {
            data_lines(s).map(|l| l.trim().to_lowercase()).collect()
        };
        let languages = data_lines(LANGUAGES)
            .filter_map(|l| {
                let (a, b) = l.split_once('\t')?;
                Some((a.trim().to_string(), b.trim().to_string()))
            })
            .collect();
        let kinds: Vec<(String, f32, String, Regex)> = data_lines(KINDS)
            .filter_map(|l| {
                let mut it = l.splitn(4, '\t');
                let kind = it.next()?.to_string();
                let w: f32 = it.next()?.parse().ok()?;
                let name = it.next()?.to_string();
                Some((kind, w, name, re(it.next()?, true)?))
            })
            .collect();
        let line_anchored =
            |k: &(String, f32, String, Regex)| k.3.as_str().starts_with("(?i)(?m)^");
        let kinds_line_idx: Vec<usize> = (0..kinds.len())
            .filter(|&i| line_anchored(&kinds[i]))
            .collect();
        let kinds_text_idx: Vec<usize> = (0..kinds.len())
            .filter(|&i| !line_anchored(&kinds[i]))
            .collect();
        let kinds_line_set = RegexSet::new(
            kinds_line_idx
                .iter()
                .map(|&i| kinds[i].3.as_str().replacen("(?i)(?m)^", "(?i)^", 1)),
        )
        .unwrap_or_else(|_| RegexSet::empty());
        let months = data_lines(MONTHS)
            .filter_map(|l| {
                let (a, b) = l.split_once('\t')?;
                Some((a.trim().to_string(), b.trim().parse().ok()?))
            })
            .collect();
        let stopwords = words(STOPWORDS);
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
        Cues {
            line,
            line_set,
            line_set_idx,
            line_rest,
            residue_set,
            residue,
            site_suffix,
            abbreviations: words(ABBREVIATIONS),
            stopwords,
            stopword_hashes,
            languages,
            kinds,
            kinds_line_set,
            kinds_line_idx,
            kinds_text_idx,
            months,
            comment_container,
        }
    }

    /// Indices (into `kinds`) of the kind features that fire on `text`.
    pub fn kind_features(&self, text: &str) -> Vec<usize> {
        let mut fired = std::collections::BTreeSet::new();
        for line in text.lines() {
            // Every line feature matches within its first ~120 bytes, and
            // those ending in `$` describe short lines.
            if line.len() > 160 {
                continue;
            }
            for i in self.kinds_line_set.matches(line).iter() {
                if let Some(&k) = self.kinds_line_idx.get(i) {
                    fired.insert(k);
                }
            }
        }
        for &k in &self.kinds_text_idx {
            if self.kinds[k].3.is_match(text) {
                fired.insert(k);
            }
        }
        fired.into_iter().collect()
    }

    /// The cue of one trimmed line (bullets already removed).
    pub fn line_cue(&self, line: &str) -> Option<LineCue> {
        if line.len() > 260 {
            // Cues describe short furniture lines; long lines are text.
            return None;
        }
        let first_set = self
            .line_set
            .matches(line)
            .iter()
            .next()
            .and_then(|i| self.line_set_idx.get(i).copied());
        let first_rest = self
            .line_rest
            .iter()
            .copied()
            .find(|&i| self.line[i].1.is_match(line));
        let first = match (first_set, first_rest) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        first.and_then(|i| self.line.get(i)).map(|(k, _)| *k)
    }
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
