//! Shared by the gold test and the benchmark: runs the real ingest, text
//! and time stages on a corpus file.

#![allow(dead_code)]

use annalist_model::{CleanDoc, TextAnalysis, Timex};
use annalist_time::TimexContext;

pub struct Prepared {
    pub name: String,
    pub doc: CleanDoc,
    pub ta: TextAnalysis,
    pub tx: Vec<Timex>,
}

pub fn shared(rel: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/")).join(rel)
}

pub struct Stages {
    text: annalist_text::Analyzer,
    time: annalist_time::Tagger,
}

impl Stages {
    pub fn new() -> Stages {
        Stages {
            text: annalist_text::Analyzer::new(),
            time: annalist_time::Tagger::new(),
        }
    }

    pub fn prepare(&self, path: &std::path::Path) -> Option<Prepared> {
        // Read as the pipeline reads (the format from the name or the
        // content: an HTML page is cleaned as HTML).
        let name = path.file_name()?.to_string_lossy().to_string();
        let raw = annalist_ingest::read_path(path, path.parent()?)
            .docs
            .into_iter()
            .next()?;
        self.stages(name, &raw)
    }

    /// The same stages on a text given here (a plain-text document).
    pub fn prepare_text(&self, text: &str) -> Prepared {
        let raw = annalist_model::RawDoc {
            name: "test.txt".into(),
            bytes: text.as_bytes().to_vec(),
            format: annalist_model::Format::Text,
            ..Default::default()
        };
        self.stages(raw.name.clone(), &raw).expect("clean")
    }

    /// Cleaning, text analysis and time tagging of one read document.
    fn stages(&self, name: String, raw: &annalist_model::RawDoc) -> Option<Prepared> {
        let doc = annalist_ingest::clean(raw).ok()?;
        let ta = self.text.analyze(&doc);
        // Default for fields the time stage may add later.
        #[allow(clippy::needless_update)]
        let ctx = TimexContext {
            dct: doc.meta.created.as_deref(),
            regions: &doc.regions,
            sentences: &ta.sentences,
            ..Default::default()
        };
        let tx = self.time.tag(&doc.text, &ctx);
        Some(Prepared { name, doc, ta, tx })
    }
}
