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
    AliasEvidence, DocAnalysis, EntityType, EventMention, Factuality, KbSource, KnowledgeBase,
    MentionForm, RegionKind, Span, ANNALIST_VERSION,
};

/// One sentence's duplicate keys.
#[derive(Clone, Debug, Default)]
pub struct SentKey {
    pub span: Span,
    pub fingerprint: u64,
    pub simhash: u64,
    /// Main text or comment (boilerplate is never grouped).
    pub eligible: bool,
}

/// One mention of a local entity.
#[derive(Clone, Debug, Default)]
pub struct MentionSummary {
    pub span: Span,
    pub text: String,
    pub form: MentionForm,
    pub sentence: usize,
}

/// A local entity, as merging needs it.
#[derive(Clone, Debug, Default)]
pub struct LocalSummary {
    pub etype: EntityType,
    pub name: String,
    pub aliases: Vec<AliasEvidence>,
    pub gender: Option<String>,
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
                mentions: e
                    .mentions
                    .iter()
                    .filter_map(|&mi| mentions.get(mi))
                    .map(|m| MentionSummary {
                        span: m.span,
                        text: m.text.clone(),
                        form: m.form,
                        sentence: m.sentence,
                    })
                    .collect(),
                name: e.name,
                aliases: e.aliases,
                gender: e.gender,
            })
            .collect();
        let events = events
            .into_iter()
            .filter(|e| e.etype.is_some() && e.factuality == Factuality::Asserted)
            .collect();
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
#[derive(Debug, Default)]
pub struct KbBuilder {
    docs: Vec<DocSummary>,
}

impl KbBuilder {
    pub fn new() -> Self {
        Self::default()
    }
    /// Adds one document (kept as a compact summary).
    pub fn add(&mut self, doc: DocAnalysis) {
        self.docs.push(DocSummary::new(doc));
    }
    /// Number of documents added so far.
    pub fn len(&self) -> usize {
        self.docs.len()
    }
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
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
