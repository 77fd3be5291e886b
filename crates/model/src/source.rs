//! What a source document is: its raw bytes, metadata, regions, and the
//! cleaned analysis text produced by ingestion.

use crate::span::{OffsetMap, Span};
use serde::{Deserialize, Serialize};

/// Which part of a page a byte range belongs to.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RegionKind {
    /// The author's own text.
    #[default]
    Main,
    /// Readers' comments, forum answers after the first post.
    Comment,
    /// Page furniture: navigation, bylines, share prompts, cookie notices,
    /// scraped residue, off-topic sentences of aggregate pages.
    Boilerplate,
}

impl RegionKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            RegionKind::Main => "main",
            RegionKind::Comment => "comment",
            RegionKind::Boilerplate => "boilerplate",
        }
    }
}

/// A labelled byte range of a document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub kind: RegionKind,
    #[serde(flatten)]
    pub span: Span,
}

/// What sort of source a document is; weighs its claims.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Blog,
    Encyclopedia,
    News,
    Opinion,
    Qa,
    Aggregate,
    #[default]
    Unknown,
}

impl SourceKind {
    pub const ALL: [SourceKind; 7] = [
        SourceKind::Blog,
        SourceKind::Encyclopedia,
        SourceKind::News,
        SourceKind::Opinion,
        SourceKind::Qa,
        SourceKind::Aggregate,
        SourceKind::Unknown,
    ];
    pub fn as_str(&self) -> &'static str {
        match self {
            SourceKind::Blog => "blog",
            SourceKind::Encyclopedia => "encyclopedia",
            SourceKind::News => "news",
            SourceKind::Opinion => "opinion",
            SourceKind::Qa => "qa",
            SourceKind::Aggregate => "aggregate",
            SourceKind::Unknown => "unknown",
        }
    }
    pub fn parse(s: &str) -> Option<SourceKind> {
        SourceKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
    /// Whether a source of this kind tells of a past its creation time is
    /// no part of (an encyclopedia, a blog post, a Q&A, a scraped page):
    /// its times before the story gives a date are of no known day. News
    /// and opinion tell of their own days; an unknown kind is taken to.
    pub fn tells_of_the_past(self) -> bool {
        matches!(
            self,
            SourceKind::Encyclopedia | SourceKind::Blog | SourceKind::Qa | SourceKind::Aggregate
        )
    }
}

/// The container format a document was read from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Html,
    /// A WARC response/conversion record (payload is HTML or text).
    WarcHtml,
    WarcText,
}

/// One document as read from disk or a crawl, before any analysis.
/// `bytes` are the original input: every exported offset indexes them.
#[derive(Clone, Debug, Default)]
pub struct RawDoc {
    /// Path relative to the PATH given to `build` (for a WARC record:
    /// `file.warc.gz#<record-id>`), or `-` for stdin.
    pub name: String,
    pub bytes: Vec<u8>,
    pub format: Format,
    /// WARC-Target-URI or a URL found in the page.
    pub url: Option<String>,
    /// WARC-Date or HTTP Date (ISO 8601), used as creation time when the page gives none.
    pub fetched: Option<String>,
    /// Charset named by HTTP headers (WARC), if any.
    pub charset: Option<String>,
}

/// Metadata of one source, as ingestion determined it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceMeta {
    /// Stable id: hex of the content hash of the original bytes.
    pub id: String,
    /// See [`RawDoc::name`].
    pub file: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    /// Document creation time (ISO 8601 date or datetime), the anchor for
    /// deictic time expressions ("yesterday", "last year").
    pub created: Option<String>,
    pub format: Format,
    pub kind: SourceKind,
    /// The features that decided `kind`, for display and debugging.
    pub kind_features: Vec<String>,
    /// A scraped/SEO page stitched from unrelated sources.
    pub spam: bool,
    pub spam_reasons: Vec<String>,
    /// 0..1, weighs this source's claims (see docs/sources.md).
    pub quality: f32,
    /// ISO 639-1 code ("en"), None when undetermined.
    pub language: Option<String>,
    /// Length of the original input in bytes.
    pub byte_len: usize,
    /// Non-fatal problems met while reading (e.g. invalid UTF-8 replaced).
    pub warnings: Vec<String>,
}

/// The output of ingestion for one document: the analysis text, the map
/// back to original offsets, and regions **in analysis-text offsets**.
#[derive(Clone, Debug, Default)]
pub struct CleanDoc {
    pub meta: SourceMeta,
    /// Text that language analysis reads (decoded, markup removed; for plain
    /// UTF-8 text it equals the original).
    pub text: String,
    pub map: OffsetMap,
    /// Sorted, non-overlapping, covering every non-blank part of `text`.
    pub regions: Vec<Region>,
    /// Sentence-sized spans (analysis-text offsets) that ingestion judged
    /// off-topic or duplicated within the page, with the reason.
    pub flagged: Vec<(Span, String)>,
}

impl CleanDoc {
    /// The region kind at text offset `off` (Boilerplate when outside all regions).
    pub fn region_at(&self, off: usize) -> RegionKind {
        let i = self.regions.partition_point(|r| r.span.end <= off);
        match self.regions.get(i) {
            Some(r) if r.span.contains_offset(off) => r.kind,
            _ => RegionKind::Boilerplate,
        }
    }
}
