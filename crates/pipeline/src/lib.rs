//! The per-document pipeline: one [`RawDoc`] in, one [`DocAnalysis`] out.
//!
//! ```text
//! RawDoc ─ingest::clean─▶ CleanDoc ─text─▶ TextAnalysis ─time─▶ Timex ─events─▶ EventMention
//!                                                                        └─▶ DocAnalysis (original offsets)
//! ```
//!
//! [`Pipeline::analyze`] is a pure, deterministic function: no I/O, no
//! global mutable state. That is what lets it run on many threads here and
//! on Spark executors elsewhere; cross-document merging is a separate stage
//! (`annalist-kb`). The last step maps every span from analysis-text offsets
//! to **original-input byte offsets**.

use annalist_events::Extractor;
use annalist_ingest::{dedup, CleanError};
use annalist_model::{
    CleanDoc, DocAnalysis, OffsetMap, RawDoc, Span, TextAnalysis, Timex, ANNALIST_VERSION,
};
use annalist_text::Analyzer;
use annalist_time::{Tagger, TimexContext};

/// Why a document yields no analysis.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AnalyzeError {
    #[error(transparent)]
    Clean(#[from] CleanError),
}

/// The loaded stages. Build once, share across threads.
#[derive(Debug, Default)]
pub struct Pipeline {
    text: Analyzer,
    time: Tagger,
    events: Extractor,
}

impl Pipeline {
    pub fn new() -> Self {
        Pipeline {
            text: Analyzer::new(),
            time: Tagger::new(),
            events: Extractor::new(),
        }
    }

    /// Analyses one document.
    pub fn analyze(&self, raw: &RawDoc) -> Result<DocAnalysis, AnalyzeError> {
        let clean = annalist_ingest::clean(raw)?;
        Ok(self.analyze_clean(&clean, &raw.bytes))
    }

    /// Analyses an already cleaned document; `original` are the raw bytes
    /// (used to fill evidence text).
    pub fn analyze_clean(&self, clean: &CleanDoc, original: &[u8]) -> DocAnalysis {
        let english = clean.meta.language.as_deref().is_none_or(|l| l == "en");
        let (ta, timexes, events, skipped) = if english {
            let mut ta = self.text.analyze(clean);
            for s in &mut ta.sentences {
                let t = s.span.slice(&clean.text);
                s.fingerprint = dedup::fingerprint(t);
                s.simhash = dedup::simhash(t);
            }
            let ctx = TimexContext {
                dct: clean.meta.created.as_deref(),
                regions: &clean.regions,
                sentences: &ta.sentences,
            };
            let timexes = self.time.tag(&clean.text, &ctx);
            let events = self.events.extract(clean, &ta, &timexes);
            (ta, timexes, events, None)
        } else {
            (
                TextAnalysis::default(),
                Vec::new(),
                Vec::new(),
                Some(format!(
                    "language {} is not supported",
                    clean.meta.language.as_deref().unwrap_or("unknown")
                )),
            )
        };
        to_original(clean, original, ta, timexes, events, skipped)
    }
}

/// Maps every span to original offsets and assembles the [`DocAnalysis`].
fn to_original(
    clean: &CleanDoc,
    original: &[u8],
    ta: TextAnalysis,
    mut timexes: Vec<Timex>,
    mut events: Vec<annalist_model::EventMention>,
    skipped: Option<String>,
) -> DocAnalysis {
    let map: &OffsetMap = &clean.map;
    let m = |s: Span| map.span_to_original(s);
    let orig_text = |s: Span| String::from_utf8_lossy(&original[s.start..s.end]).into_owned();
    let mut regions = clean.regions.clone();
    for r in &mut regions {
        r.span = m(r.span);
    }
    let mut sentences = ta.sentences;
    for s in &mut sentences {
        s.span = m(s.span);
    }
    for t in &mut timexes {
        t.span = m(t.span);
    }
    let mut mentions = ta.mentions;
    for x in &mut mentions {
        x.span = m(x.span);
    }
    let mut entities = ta.entities;
    for e in &mut entities {
        for a in &mut e.aliases {
            a.span = a.span.map(m);
        }
    }
    for ev in &mut events {
        // The evidence as read: the analysis text (for HTML, without its
        // markup and with entities decoded); the span points at the
        // original bytes for highlighting.
        let read = clean.text.get(ev.evidence.start..ev.evidence.end);
        ev.trigger = m(ev.trigger);
        ev.evidence = m(ev.evidence);
        ev.evidence_text = match read {
            Some(t) => t.to_string(),
            None => orig_text(ev.evidence),
        };
        for f in &mut ev.roles {
            f.span = m(f.span);
        }
    }
    DocAnalysis {
        meta: clean.meta.clone(),
        regions,
        sentences,
        timexes,
        mentions,
        entities,
        events,
        analyzer: ANNALIST_VERSION.to_string(),
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use annalist_model::Format;

    #[test]
    fn spans_stay_inside_the_original() {
        let p = Pipeline::new();
        let raw = RawDoc {
            name: "x.txt".into(),
            bytes: b"Leon Trotsky died in 1940.\xff He was born in 1879.".to_vec(),
            format: Format::Text,
            ..Default::default()
        };
        let a = p.analyze(&raw).unwrap();
        for t in &a.timexes {
            assert!(t.span.end <= raw.bytes.len());
            assert_eq!(&raw.bytes[t.span.start..t.span.end], t.text.as_bytes());
        }
        assert!(!a.events.is_empty());
        for e in &a.events {
            // Plain text: the evidence is the original bytes where they are
            // valid UTF-8 (the stray byte is decoded, not replaced).
            match std::str::from_utf8(&raw.bytes[e.evidence.start..e.evidence.end]) {
                Ok(orig) => assert_eq!(e.evidence_text, orig),
                Err(_) => assert!(e.evidence_text.contains("Trotsky died in 1940.")),
            }
        }
    }

    #[test]
    fn html_evidence_is_the_text_as_read() {
        let p = Pipeline::new();
        let html = "<html><body><article><p>Leon Trotsky <a href=\"https://example.org/x\">was \
                    killed</a> in Coyoac&aacute;n on 20 August 1940 &amp; died the next \
                    day.</p></article></body></html>";
        let raw = RawDoc {
            name: "x.html".into(),
            bytes: html.as_bytes().to_vec(),
            format: Format::Html,
            ..Default::default()
        };
        let a = p.analyze(&raw).unwrap();
        assert!(!a.events.is_empty());
        for e in &a.events {
            assert!(!e.evidence_text.contains('<'), "{}", e.evidence_text);
            assert!(!e.evidence_text.contains("&amp;"), "{}", e.evidence_text);
            assert!(e.evidence.end <= raw.bytes.len());
        }
    }

    #[test]
    fn empty_input_is_an_error_not_a_panic() {
        let p = Pipeline::new();
        let raw = RawDoc {
            name: "e.txt".into(),
            ..Default::default()
        };
        assert!(p.analyze(&raw).is_err());
    }
}
