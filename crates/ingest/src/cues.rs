//! The cue lexicons of `resources/ingest/`, parsed once.

use regex::Regex;
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
    /// (whole sentence?, regex)
    pub residue: Vec<(bool, Regex)>,
    pub site_suffix: Vec<Regex>,
    pub abbreviations: HashSet<String>,
    pub stopwords: HashSet<String>,
    pub languages: HashMap<String, String>,
    /// (kind, weight, feature, regex)
    pub kinds: Vec<(String, f32, String, Regex)>,
    pub months: HashMap<String, u32>,
}

fn data_lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn re(pattern: &str, ci: bool) -> Option<Regex> {
    let p = if ci {
        format!("(?i){pattern}")
    } else {
        pattern.to_string()
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
        let residue = data_lines(RESIDUE)
            .filter_map(|l| {
                let (scope, p) = l.split_once('\t')?;
                Some((scope == "sentence", re(p, true)?))
            })
            .collect();
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
        let kinds = data_lines(KINDS)
            .filter_map(|l| {
                let mut it = l.splitn(4, '\t');
                let kind = it.next()?.to_string();
                let w: f32 = it.next()?.parse().ok()?;
                let name = it.next()?.to_string();
                Some((kind, w, name, re(it.next()?, true)?))
            })
            .collect();
        let months = data_lines(MONTHS)
            .filter_map(|l| {
                let (a, b) = l.split_once('\t')?;
                Some((a.trim().to_string(), b.trim().parse().ok()?))
            })
            .collect();
        Cues {
            line,
            residue,
            site_suffix,
            abbreviations: words(ABBREVIATIONS),
            stopwords: words(STOPWORDS),
            languages,
            kinds,
            months,
        }
    }

    /// The cue of one trimmed line (bullets already removed).
    pub fn line_cue(&self, line: &str) -> Option<LineCue> {
        if line.len() > 400 {
            // Cues describe short furniture lines; long lines are text.
            return None;
        }
        self.line
            .iter()
            .find(|(_, r)| r.is_match(line))
            .map(|(k, _)| *k)
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
