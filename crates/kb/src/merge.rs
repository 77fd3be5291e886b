//! Merging per-document analyses into the knowledge base.
//!
//! [`KbBuilder::add`] boils each [`DocAnalysis`] down to a compact
//! [`DocSummary`] (what the knowledge base keeps plus the few keys merging
//! needs: sentence hashes, local entities, asserted event mentions), so
//! memory grows with the knowledge base, not with the analyses.
//! [`KbBuilder::finish`] sorts the summaries by source id (so the result
//! does not depend on the order documents came in) and runs the stages:
//! duplicates ([`crate::dedup`]), entity resolution ([`crate::resolve`]),
//! event merging and conflicts ([`crate::events`]).

use annalist_model::{
    DocAnalysis, EntityType, EventMention, Factuality, KbSource, KnowledgeBase, MentionForm,
    RegionKind, Span, ANNALIST_VERSION,
};
use rustc_hash::FxHashSet;
use std::sync::Arc;

/// One sentence's duplicate keys.
#[derive(Clone, Debug, Default)]
pub struct SentKey {
    pub span: Span,
    pub fingerprint: u64,
    pub simhash: u64,
    /// Main text or comment (boilerplate is never grouped).
    pub eligible: bool,
}

/// A shared, immutable string: the names, mention texts and alias
/// patterns of the summaries come back in thousands of documents and are
/// kept once (see [`Strings`]).
pub type Text = Arc<str>;

/// The distinct strings of the summaries, each kept once.
#[derive(Debug, Default)]
pub struct Strings {
    set: FxHashSet<Text>,
}

impl Strings {
    /// The shared copy of `s`.
    pub fn get(&mut self, s: &str) -> Text {
        if let Some(x) = self.set.get(s) {
            return x.clone();
        }
        let x: Text = Arc::from(s);
        self.set.insert(x.clone());
        x
    }
    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.set.len()
    }
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.set.iter().map(|x| &**x)
    }
}

/// One mention of a local entity.
#[derive(Clone, Debug, Default)]
pub struct MentionSummary {
    pub span: Span,
    pub text: Text,
    pub form: MentionForm,
    pub sentence: usize,
}

/// Another name of a local entity ([`annalist_model::AliasEvidence`], shared strings).
#[derive(Clone, Debug, Default)]
pub struct AliasSummary {
    pub alias: Text,
    pub how: Text,
    pub span: Option<Span>,
}

/// A local entity, as merging needs it.
#[derive(Clone, Debug, Default)]
pub struct LocalSummary {
    pub etype: EntityType,
    pub name: Text,
    pub aliases: Vec<AliasSummary>,
    pub gender: Option<Text>,
    pub mentions: Vec<MentionSummary>,
}

/// What the builder keeps of one document.
#[derive(Clone, Debug, Default)]
pub struct DocSummary {
    pub source: KbSource,
    pub sentences: Vec<SentKey>,
    pub entities: Vec<LocalSummary>,
    /// Asserted, typed event mentions only.
    pub events: Vec<EventMention>,
}

impl DocSummary {
    /// Compacts an analysis.
    pub fn new(d: DocAnalysis) -> DocSummary {
        Self::compact(d, true, &mut Strings::default())
    }

    /// Compacts an analysis, sharing its strings through `strs`; without
    /// `details` the source's regions and time expressions are dropped
    /// (metadata only).
    pub fn compact(d: DocAnalysis, details: bool, strs: &mut Strings) -> DocSummary {
        let DocAnalysis {
            meta,
            regions,
            sentences,
            timexes,
            mentions,
            entities,
            events,
            ..
        } = d;
        let sentences = sentences
            .into_iter()
            .map(|s| SentKey {
                span: s.span,
                fingerprint: s.fingerprint,
                simhash: s.simhash,
                eligible: s.region != RegionKind::Boilerplate,
            })
            .collect();
        let entities = entities
            .into_iter()
            .map(|e| LocalSummary {
                etype: e.etype,
                mentions: {
                    // Exact capacity: these stay until the merge.
                    let mut v = Vec::with_capacity(e.mentions.len());
                    v.extend(
                        e.mentions
                            .iter()
                            .filter_map(|&mi| mentions.get(mi))
                            .map(|m| MentionSummary {
                                span: m.span,
                                text: strs.get(&m.text),
                                form: m.form,
                                sentence: m.sentence,
                            }),
                    );
                    v
                },
                name: strs.get(&e.name),
                aliases: e
                    .aliases
                    .iter()
                    .map(|a| AliasSummary {
                        alias: strs.get(&a.alias),
                        how: strs.get(&a.how),
                        span: a.span,
                    })
                    .collect(),
                gender: e.gender.as_deref().map(|g| strs.get(g)),
            })
            .collect();
        let events = events
            .into_iter()
            .filter(|e| e.etype.is_some() && e.factuality == Factuality::Asserted)
            .collect();
        let (regions, timexes) = if details {
            (regions, timexes)
        } else {
            (Vec::new(), Vec::new())
        };
        DocSummary {
            source: KbSource {
                meta,
                regions,
                timexes,
            },
            sentences,
            entities,
            events,
        }
    }

    pub fn id(&self) -> &str {
        &self.source.meta.id
    }

    /// Index of the sentence holding byte offset `off`.
    pub fn sentence_at(&self, off: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= off);
        (i < self.sentences.len() && self.sentences[i].span.contains_offset(off)).then_some(i)
    }
}

/// Accumulates document analyses; [`KbBuilder::finish`] merges them.
#[derive(Debug)]
pub struct KbBuilder {
    docs: Vec<DocSummary>,
    strs: Strings,
    /// Keep each source's regions and time expressions for the result.
    source_details: bool,
}

impl Default for KbBuilder {
    fn default() -> Self {
        KbBuilder {
            docs: Vec::new(),
            strs: Strings::default(),
            source_details: true,
        }
    }
}

impl KbBuilder {
    pub fn new() -> Self {
        Self::default()
    }
    /// A builder whose result's sources carry their metadata only (no
    /// regions, no time expressions): for a knowledge base that goes to
    /// `Store::save_kb`, which stores no sources (the store reads them back
    /// from the analyses), so that memory does not hold them twice. The
    /// merge itself never reads them: entities, events, conflicts and
    /// duplicates are the same.
    pub fn without_source_details() -> Self {
        KbBuilder {
            source_details: false,
            ..Self::default()
        }
    }
    /// Adds one document (kept as a compact summary).
    pub fn add(&mut self, doc: DocAnalysis) {
        let d = DocSummary::compact(doc, self.source_details, &mut self.strs);
        self.docs.push(d);
    }
    /// Number of documents added so far.
    pub fn len(&self) -> usize {
        self.docs.len()
    }
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
    /// The summaries kept so far (diagnostics: memory accounting).
    pub fn summaries(&self) -> &[DocSummary] {
        &self.docs
    }
    /// The strings the summaries share (diagnostics).
    pub fn strings(&self) -> &Strings {
        &self.strs
    }
    /// Merges everything added into one knowledge base.
    pub fn finish(mut self) -> KnowledgeBase {
        // Canonical order; the same content twice is one source.
        // Ids are content hashes; should two different analyses carry one
        // id all the same, the tie is broken on their content, not on the
        // order they came in.
        self.docs.sort_by(|a, b| {
            let key = |d: &DocSummary| {
                (
                    d.source.meta.byte_len,
                    d.sentences.len(),
                    d.entities.len(),
                    d.events.len(),
                    d.sentences
                        .iter()
                        .map(|s| s.fingerprint)
                        .fold(0u64, |h, f| h.rotate_left(5) ^ f),
                )
            };
            a.id()
                .cmp(b.id())
                .then_with(|| a.source.meta.file.cmp(&b.source.meta.file))
                .then_with(|| key(a).cmp(&key(b)))
        });
        self.docs.dedup_by(|a, b| a.id() == b.id());
        drop(self.strs);
        build(self.docs)
    }
}

/// Merges documents (in any order) into a knowledge base.
pub fn merge(docs: impl IntoIterator<Item = DocAnalysis>) -> KnowledgeBase {
    let mut b = KbBuilder::new();
    for d in docs {
        b.add(d);
    }
    b.finish()
}

fn build(docs: Vec<DocSummary>) -> KnowledgeBase {
    let dups = crate::dedup::find(&docs);
    let resolved = crate::resolve::resolve(&docs);
    let (events, conflicts) = crate::events::merge_events(&docs, &resolved, &dups);
    KnowledgeBase {
        annalist_version: ANNALIST_VERSION.to_string(),
        // Moved, not copied: the summaries are done with.
        sources: docs.into_iter().map(|d| d.source).collect(),
        entities: resolved.entities,
        events,
        conflicts,
        duplicates: dups.groups,
    }
}
