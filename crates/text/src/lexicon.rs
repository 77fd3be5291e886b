//! Word lists embedded from `resources/text/` and `resources/models/`,
//! parsed once when the [`crate::Analyzer`] is built.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::io::Read;

/// How an abbreviation behaves at a possible sentence end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbrevClass {
    /// Precedes a name: never ends a sentence ("Dr. Smith", "St. Petersburg").
    Title,
    /// Month or weekday: ends a sentence only before a sentence starter.
    Month,
    /// Precedes a number ("b. 1879", "No. 5").
    PreNum,
    /// May end a sentence ("etc.", "Inc.", "U.S.").
    General,
}

/// Lines of a resource file without comments and blank lines.
pub(crate) fn data_lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// Decompresses an embedded gzip resource; empty on a corrupt blob.
pub(crate) fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut d = flate2::read::GzDecoder::new(bytes);
    if d.read_to_end(&mut out).is_err() {
        out.clear();
    }
    out
}

/// Lexicons used by the tokenizer and sentence splitter.
#[derive(Debug, Default)]
pub struct TokLexicon {
    abbrevs: HashMap<String, AbbrevClass>,
    abbrevs_lower: HashMap<String, AbbrevClass>,
    starters: HashSet<String>,
    /// Titles of a sovereign, lower case ("queen", "pope"): after "Queen
    /// Elizabeth" an "I." is a regnal number, not an initial.
    sovereigns: HashSet<String>,
    /// Lower-cased word forms seen in the training corpora.
    pub vocab: HashSet<String>,
    /// Short words that may be glued to the end of a name in scraped text ("Smolnythe").
    glue_suffixes: Vec<String>,
}

impl TokLexicon {
    pub fn load() -> Self {
        let mut lx = TokLexicon::default();
        for l in data_lines(include_str!("../../../resources/text/abbreviations.tsv")) {
            let mut it = l.split('\t');
            let (Some(a), Some(c)) = (it.next(), it.next()) else {
                continue;
            };
            let class = match c.trim() {
                "title" => AbbrevClass::Title,
                "month" => AbbrevClass::Month,
                "prenum" => AbbrevClass::PreNum,
                _ => AbbrevClass::General,
            };
            let a = a.trim().to_string();
            if a.chars().all(|c| !c.is_uppercase()) {
                lx.abbrevs_lower.entry(a.clone()).or_insert(class);
            }
            lx.abbrevs.entry(a).or_insert(class);
        }
        for l in data_lines(include_str!(
            "../../../resources/text/sentence_starters.txt"
        )) {
            lx.starters.insert(l.trim().to_string());
        }
        for l in data_lines(include_str!("../../../resources/text/sovereign_titles.txt")) {
            lx.sovereigns.insert(l.trim().to_string());
        }
        for l in data_lines(include_str!("../../../resources/text/glue_suffixes.txt")) {
            lx.glue_suffixes.push(l.trim().to_string());
        }
        let vocab = gunzip(include_bytes!("../../../resources/models/vocab.txt.gz"));
        for w in String::from_utf8_lossy(&vocab).lines() {
            if !w.is_empty() {
                lx.vocab.insert(w.to_string());
            }
        }
        lx
    }

    /// The class of `core` (an abbreviation without its final dot), if listed.
    pub fn abbrev(&self, core: &str) -> Option<AbbrevClass> {
        if let Some(c) = self.abbrevs.get(core) {
            return Some(*c);
        }
        if core.chars().all(|c| !c.is_uppercase()) {
            return self.abbrevs_lower.get(core).copied();
        }
        // "NOV." in an all-caps heading
        let mut t = String::with_capacity(core.len());
        for (i, c) in core.chars().enumerate() {
            if i == 0 {
                t.push(c);
            } else {
                t.extend(c.to_lowercase());
            }
        }
        self.abbrevs.get(&t).copied()
    }

    pub fn is_starter(&self, w: &str) -> bool {
        self.starters.contains(w)
    }

    /// Whether `w` (any case) is a sovereign's title ("Queen", "pope").
    pub fn is_sovereign(&self, w: &str) -> bool {
        self.sovereigns.contains(&w.to_lowercase())
    }

    pub fn in_vocab(&self, w: &str) -> bool {
        if w.is_ascii() {
            if !w.bytes().any(|b| b.is_ascii_uppercase()) {
                return self.vocab.contains(w);
            }
            // short ASCII words (nearly all) lower-cased on the stack
            let mut stack = [0u8; 32];
            if let Some(l) = stack.get_mut(..w.len()) {
                l.copy_from_slice(w.as_bytes());
                l.make_ascii_lowercase();
                return std::str::from_utf8(l).is_ok_and(|l| self.vocab.contains(l));
            }
        }
        if w.chars().any(char::is_uppercase) {
            self.vocab.contains(&w.to_lowercase())
        } else {
            self.vocab.contains(w)
        }
    }

    pub fn glue_suffixes(&self) -> &[String] {
        &self.glue_suffixes
    }
}
