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

    /// Analyses several documents, with the same result as [`Pipeline::analyze`]
    /// on each, stage by stage: every document is cleaned, then every one
    /// tagged, and so on. Each stage's tables (tagger weights and word cache,
    /// time-rule automata, trigger lexicons) then stay in the CPU caches for
    /// the whole batch instead of being evicted by the next stage's on every
    /// document.
    pub fn analyze_batch(&self, raws: &[RawDoc]) -> Vec<Result<DocAnalysis, AnalyzeError>> {
        let cleans: Vec<Result<CleanDoc, CleanError>> =
            raws.iter().map(annalist_ingest::clean).collect();
        let cleaned: Vec<(&CleanDoc, &[u8])> = cleans
            .iter()
            .zip(raws)
            .filter_map(|(c, raw)| Some((c.as_ref().ok()?, raw.bytes.as_slice())))
            .collect();
        let mut done = self.analyze_cleaned(&cleaned).into_iter();
        cleans
            .into_iter()
            .map(|c| Ok(c.map(|_| done.next().unwrap_or_default())?))
            .collect()
    }

    /// Analyses an already cleaned document; `original` are the raw bytes
    /// (used to fill evidence text).
    pub fn analyze_clean(&self, clean: &CleanDoc, original: &[u8]) -> DocAnalysis {
        self.analyze_cleaned(&[(clean, original)])
            .pop()
            .unwrap_or_default()
    }

    /// The stages after cleaning, run stage by stage over `docs` (cleaned
    /// document, original bytes); one analysis per document, in order.
    fn analyze_cleaned(&self, docs: &[(&CleanDoc, &[u8])]) -> Vec<DocAnalysis> {
        let english = |c: &CleanDoc| c.meta.language.as_deref().is_none_or(|l| l == "en");
        let mut tas: Vec<Option<TextAnalysis>> = docs
            .iter()
            .map(|(c, _)| english(c).then(|| self.text.analyze(c)))
            .collect();
        for ((c, _), ta) in docs.iter().zip(&mut tas) {
            if let Some(ta) = ta {
                hash_sentences(c, ta);
            }
        }
        let timexes: Vec<Vec<Timex>> = docs
            .iter()
            .zip(&tas)
            .map(|((c, _), ta)| match ta {
                Some(ta) => self.time.tag(&c.text, &timex_context(c, ta)),
                None => Vec::new(),
            })
            .collect();
        let events: Vec<Vec<annalist_model::EventMention>> = docs
            .iter()
            .zip(&tas)
            .zip(&timexes)
            .map(|(((c, _), ta), tx)| match ta {
                Some(ta) => self.events.extract(c, ta, tx),
                None => Vec::new(),
            })
            .collect();
        docs.iter()
            .zip(tas.into_iter().zip(timexes).zip(events))
            .map(|(&(c, original), ((ta, tx), ev))| {
                // Not analysed: stored with the reason.
                let skipped = ta.is_none().then(|| not_supported(c));
                to_original(c, original, ta.unwrap_or_default(), tx, ev, skipped)
            })
            .collect()
    }
}

/// Frees the memory the analysis keeps per thread between documents (the
/// text stage's word cache and buffers: tens of MB after a large corpus).
/// Call it on each analysis thread (`rayon::broadcast`) once a batch of
/// analyses is done; nothing it frees changes a result.
pub fn release_thread_caches() {
    annalist_text::release_thread_caches();
}

/// What an analysis made by this pipeline is stamped with
/// ([`DocAnalysis::analyzer`]): the annalist version and the sentence-key
/// scheme. Stored analyses stamped otherwise have keys that cannot be
/// compared with fresh ones (see [`is_current`]).
pub fn analyzer_id() -> &'static str {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| format!("{ANNALIST_VERSION} {}", dedup::KEY_SCHEME))
}

/// Whether a stored analysis can be merged with fresh ones as it is: made
/// under the current sentence-key scheme. (Analyses of other versions with
/// the same keys stay usable: re-analysing on every upgrade would make a
/// big store's first build after it as slow as the store's first build.)
pub fn is_current(a: &DocAnalysis) -> bool {
    a.analyzer.split(' ').any(|part| part == dedup::KEY_SCHEME)
}

/// Fills each sentence's exact- and near-duplicate keys.
fn hash_sentences(clean: &CleanDoc, ta: &mut TextAnalysis) {
    for s in &mut ta.sentences {
        let t = s.span.slice(&clean.text);
        s.fingerprint = dedup::fingerprint(t);
        s.simhash = dedup::simhash(t);
    }
}

fn timex_context<'a>(clean: &'a CleanDoc, ta: &'a TextAnalysis) -> TimexContext<'a> {
    TimexContext {
        dct: clean.meta.created.as_deref(),
        regions: &clean.regions,
        sentences: &ta.sentences,
        undated_story: clean.meta.kind.tells_of_the_past(),
    }
}

/// Why a cleaned document is stored but not analysed.
fn not_supported(clean: &CleanDoc) -> String {
    format!(
        "language {} is not supported",
        clean.meta.language.as_deref().unwrap_or("unknown")
    )
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
        analyzer: analyzer_id().to_string(),
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

    /// Stage by stage or one document at a time: the same results, errors
    /// and skipped languages included, in input order.
    #[test]
    fn batch_gives_the_per_document_results() {
        let p = Pipeline::new();
        let doc = |name: &str, text: &str, format: Format| RawDoc {
            name: name.into(),
            bytes: text.as_bytes().to_vec(),
            format,
            ..Default::default()
        };
        let raws =
            vec![
            doc("a.txt", "Leon Trotsky was born on 7 November 1879 in Yanovka.", Format::Text),
            doc("e.txt", "", Format::Text),
            doc(
                "de.txt",
                "Der Mann wurde im Jahre 1879 in einem kleinen Dorf in der Ukraine geboren und \
                 lebte dort mit seiner Familie bis zu seinem zehnten Lebensjahr.",
                Format::Text,
            ),
            doc(
                "b.html",
                "<p>He was killed in Coyoac&aacute;n on 20 August 1940.</p>",
                Format::Html,
            ),
        ];
        let batch = p.analyze_batch(&raws);
        assert_eq!(batch.len(), raws.len());
        for (r, b) in raws.iter().zip(&batch) {
            assert_eq!(&p.analyze(r), b, "{}", r.name);
        }
        assert!(batch[1].is_err());
        assert!(batch[2].as_ref().is_ok_and(|a| a.skipped.is_some()));
        assert!(batch[0].as_ref().is_ok_and(|a| !a.events.is_empty()));
    }
}
