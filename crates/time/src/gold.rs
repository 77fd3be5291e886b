//! Scoring against annalist's own gold files (`shared/gold/*.json`, format in
//! `shared/gold/FORMAT.md`): gold timexes quote their text, so each is placed
//! at an occurrence of that text in the document's main and comment regions
//! (in order), then scored like TimeML with [`crate::score::score_doc`].

use crate::score::{self, Counts};
use crate::{Tagger, TimexContext};
use annalist_model::{Region, RegionKind, Span, Timex, TimexMod, TimexType};
use serde_json::Value;
use std::path::Path;

/// One gold document ready to score.
#[derive(Clone, Debug, Default)]
pub struct GoldDoc {
    pub file: String,
    pub text: String,
    pub regions: Vec<Region>,
    pub timexes: Vec<Timex>,
    /// Gold timexes whose text was not found in the document.
    pub unplaced: usize,
}

fn find_regions(text: &str, regions: &[Value]) -> Vec<Region> {
    let mut out = Vec::new();
    let mut pos = 0;
    for r in regions {
        let kind = match r["kind"].as_str() {
            Some("main") => RegionKind::Main,
            Some("comment") => RegionKind::Comment,
            _ => RegionKind::Boilerplate,
        };
        let (Some(a), Some(b)) = (r["starts_with"].as_str(), r["ends_with"].as_str()) else {
            continue;
        };
        let Some(s) = text[pos..].find(a).map(|i| pos + i) else {
            continue;
        };
        let Some(e) = text[s..].find(b).map(|i| s + i + b.len()) else {
            continue;
        };
        out.push(Region {
            kind,
            span: Span::new(s, e),
        });
        pos = e;
    }
    out
}

/// Loads one gold topic file with its documents from `corpus_dir`.
pub fn load_topic(gold_file: &Path, corpus_dir: &Path) -> Vec<GoldDoc> {
    let Ok(json) = std::fs::read_to_string(gold_file) else {
        return Vec::new();
    };
    let Ok(v) = serde_json::from_str::<Value>(&json) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for d in v["documents"].as_array().into_iter().flatten() {
        let file = d["file"].as_str().unwrap_or("").to_string();
        let Ok(text) = std::fs::read_to_string(corpus_dir.join(&file)) else {
            continue;
        };
        let regions = find_regions(&text, d["regions"].as_array().map_or(&[], |v| v));
        let allowed = |s: usize, e: usize| {
            regions.is_empty()
                || regions.iter().any(|r| {
                    r.kind != RegionKind::Boilerplate && r.span.start <= s && e <= r.span.end
                })
        };
        let mut timexes: Vec<Timex> = Vec::new();
        let mut unplaced = 0;
        let mut used: Vec<Span> = Vec::new();
        for t in d["timexes"].as_array().into_iter().flatten() {
            let q = t["text"].as_str().unwrap_or("");
            if q.is_empty() {
                continue;
            }
            // The first free occurrence in main/comment text (any, failing that).
            let occ: Vec<usize> = text.match_indices(q).map(|(i, _)| i).collect();
            let free = |i: &&usize| {
                !used
                    .iter()
                    .any(|u| u.overlaps(Span::new(**i, **i + q.len())))
            };
            let pick = occ
                .iter()
                .filter(free)
                .find(|&&i| allowed(i, i + q.len()))
                .or_else(|| occ.iter().find(free))
                .copied();
            let Some(i) = pick else {
                unplaced += 1;
                continue;
            };
            let span = Span::new(i, i + q.len());
            used.push(span);
            timexes.push(Timex {
                span,
                text: q.to_string(),
                ttype: t["type"]
                    .as_str()
                    .and_then(TimexType::parse)
                    .unwrap_or_default(),
                value: t["value"].as_str().unwrap_or("").to_string(),
                tmod: t["mod"].as_str().and_then(TimexMod::parse),
                anchor: t["anchor"].as_str().map(str::to_string),
                ..Default::default()
            });
        }
        timexes.sort_by_key(|t| t.span.start);
        out.push(GoldDoc {
            file,
            text,
            regions,
            timexes,
            unplaced,
        });
    }
    out
}

/// Tags and scores one gold document (no creation time: the gold resolves
/// deictic words without one), counting unplaced gold timexes as misses.
pub fn score_gold_doc(tagger: &Tagger, d: &GoldDoc) -> (Counts, Vec<Timex>) {
    let ctx = TimexContext {
        dct: None,
        regions: &d.regions,
        sentences: &[],
        undated_story: false,
    };
    let sys = tagger.tag(&d.text, &ctx);
    let mut c = score::score_doc(&d.timexes, &sys);
    c.gold += d.unplaced;
    (c, sys)
}

/// Scores every `*.json` topic of `gold_dir` against `corpus_dir/<topic>/`.
pub fn score_gold_dir(tagger: &Tagger, gold_dir: &Path, corpus_dir: &Path) -> Counts {
    let mut total = Counts::default();
    let mut files: Vec<_> = std::fs::read_dir(gold_dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|f: &std::path::PathBuf| f.extension().is_some_and(|e| e == "json"));
    files.sort();
    for f in files {
        let topic = f.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        for d in load_topic(&f, &corpus_dir.join(topic)) {
            total.add(&score_gold_doc(tagger, &d).0);
        }
    }
    total
}
