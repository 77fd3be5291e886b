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
    DocAnalysis, EntityType, EventMention, EventType, Factuality, KbSource, KnowledgeBase,
    MentionForm, RegionKind, Role, Span, ANNALIST_VERSION,
};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// One sentence's duplicate keys (32 bytes: one per sentence of the corpus
/// is kept until the merge).
#[derive(Clone, Debug, Default)]
pub struct SentKey {
    pub start: u32,
    pub end: u32,
    pub fingerprint: u64,
    pub simhash: u64,
    /// Main text or comment (boilerplate is never grouped).
    pub eligible: bool,
}

impl SentKey {
    pub fn span(&self) -> Span {
        Span {
            start: self.start as usize,
            end: self.end as usize,
        }
    }
}

/// An interned string of the summaries (an index into [`Strings`]): the
/// names, mention texts and alias patterns come back in thousands of
/// documents and are kept once; comparing or memoising them is comparing
/// or indexing a number.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(pub u32);

impl Sym {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The distinct strings of the summaries, each kept once, numbered in the
/// order first seen.
#[derive(Clone, Debug, Default)]
pub struct Strings {
    ids: FxHashMap<Box<str>, Sym>,
    strs: Vec<Box<str>>,
}

impl Strings {
    /// The number of `s` (interned on first sight).
    pub fn get(&mut self, s: &str) -> Sym {
        if let Some(&x) = self.ids.get(s) {
            return x;
        }
        let x = Sym(self.strs.len() as u32);
        self.strs.push(s.into());
        self.ids.insert(s.into(), x);
        x
    }
    /// The text of `x`.
    pub fn str(&self, x: Sym) -> &str {
        self.strs.get(x.index()).map_or("", |s| s)
    }
    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.strs.len()
    }
    pub fn is_empty(&self) -> bool {
        self.strs.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.strs.iter().map(|x| &**x)
    }
}

/// A byte offset of the summaries (documents are far below 4 GiB; a larger
/// offset saturates rather than wraps).
fn off(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

/// One mention of a local entity.
#[derive(Clone, Copy, Debug, Default)]
pub struct MentionSummary {
    pub start: u32,
    pub end: u32,
    pub text: Sym,
    pub sentence: u32,
    pub form: MentionForm,
}

impl MentionSummary {
    pub fn span(&self) -> Span {
        Span {
            start: self.start as usize,
            end: self.end as usize,
        }
    }
}

/// Another name of a local entity ([`annalist_model::AliasEvidence`], interned strings).
#[derive(Clone, Copy, Debug, Default)]
pub struct AliasSummary {
    pub alias: Sym,
    pub how: Sym,
    /// Where the text says so, if it does.
    start: u32,
    end: u32,
    has_span: bool,
}

impl AliasSummary {
    pub fn span(&self) -> Option<Span> {
        self.has_span.then_some(Span {
            start: self.start as usize,
            end: self.end as usize,
        })
    }
}

/// A local entity, as merging needs it: its mentions and aliases are
/// ranges of its document's flat lists ([`DocSummary::mentions_of`],
/// [`DocSummary::aliases_of`]).
#[derive(Clone, Debug, Default)]
pub struct LocalSummary {
    pub etype: EntityType,
    pub name: Sym,
    pub gender: Option<Sym>,
    mentions: (u32, u32),
    aliases: (u32, u32),
}

impl LocalSummary {
    /// Number of mentions.
    pub fn mention_count(&self) -> usize {
        (self.mentions.1 - self.mentions.0) as usize
    }
}

/// A role filler of an event mention: a local entity, or plain text
/// (interned, as written).
#[derive(Clone, Copy, Debug, Default)]
pub struct RoleSummary {
    pub role: Role,
    /// The local entity, if the filler is one.
    pub entity: Option<u32>,
    pub text: Sym,
}

/// An asserted, typed event mention, as merging needs it (no strings of
/// its own but the evidence text, which the knowledge base keeps).
#[derive(Clone, Debug, Default)]
pub struct EventSummary {
    pub etype: EventType,
    pub region: RegionKind,
    /// The time is not stated in the event's own sentence (false without
    /// a time).
    pub inferred: bool,
    /// The time is the narrative's, carried from earlier sentences (false
    /// without a time).
    pub narrative: bool,
    /// 0..1, local confidence.
    pub confidence: f32,
    /// The subject's age as the sentence tells it.
    pub age: Option<u32>,
    trigger: (u32, u32),
    evidence: (u32, u32),
    /// The sentence holding the evidence's start (`u32::MAX`: none).
    sentence: u32,
    /// The TIMEX3 value of its time, if any.
    pub time: Option<Sym>,
    pub evidence_text: Box<str>,
    pub roles: Box<[RoleSummary]>,
}

impl EventSummary {
    fn new(e: EventMention, sentence: Option<usize>, strs: &mut Strings) -> EventSummary {
        let (inferred, narrative, time) = match &e.time {
            Some(t) => (t.inferred, t.how == "narrative", Some(strs.get(&t.value))),
            None => (false, false, None),
        };
        EventSummary {
            etype: e.etype.unwrap_or_default(),
            region: e.region,
            inferred,
            narrative,
            confidence: e.confidence,
            age: e.age,
            trigger: (off(e.trigger.start), off(e.trigger.end)),
            evidence: (off(e.evidence.start), off(e.evidence.end)),
            sentence: sentence.map_or(u32::MAX, off),
            time,
            evidence_text: e.evidence_text.into_boxed_str(),
            roles: e
                .roles
                .iter()
                .filter_map(|f| {
                    Some(RoleSummary {
                        role: f.role?,
                        entity: f.entity.map(off),
                        text: strs.get(&f.text),
                    })
                })
                .collect(),
        }
    }
    pub fn trigger(&self) -> Span {
        Span {
            start: self.trigger.0 as usize,
            end: self.trigger.1 as usize,
        }
    }
    pub fn evidence(&self) -> Span {
        Span {
            start: self.evidence.0 as usize,
            end: self.evidence.1 as usize,
        }
    }
    /// The sentence holding the evidence's start, if any.
    pub fn sentence(&self) -> Option<usize> {
        (self.sentence != u32::MAX).then_some(self.sentence as usize)
    }
    /// The fillers of role `role`.
    pub fn fillers(&self, role: Role) -> impl Iterator<Item = &RoleSummary> {
        self.roles.iter().filter(move |f| f.role == role)
    }
}

/// What the builder keeps of one document.
#[derive(Clone, Debug, Default)]
pub struct DocSummary {
    /// Boxed: the summaries' vector holds one per document.
    pub source: Box<KbSource>,
    /// The source id, shared by every span of the knowledge base that
    /// points into this source.
    pub sid: Arc<str>,
    /// Freed once the duplicates are found.
    pub sentences: Vec<SentKey>,
    pub entities: Vec<LocalSummary>,
    /// The mentions of every local entity, one entity after the other.
    pub mentions: Vec<MentionSummary>,
    /// The aliases of every local entity, one entity after the other.
    pub aliases: Vec<AliasSummary>,
    /// Asserted, typed event mentions only.
    pub events: Vec<EventSummary>,
}

impl DocSummary {
    /// Compacts an analysis, interning its strings in `strs`; without
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
        // Exact capacities, and never the analysis' own buffers: a
        // collect over `into_iter` would reuse (and keep) their larger
        // allocations.
        let mut keys = Vec::with_capacity(sentences.len());
        keys.extend(sentences.iter().map(|s| SentKey {
            start: off(s.span.start),
            end: off(s.span.end),
            fingerprint: s.fingerprint,
            simhash: s.simhash,
            eligible: s.region != RegionKind::Boilerplate,
        }));
        drop(sentences);
        let sentences = keys;
        let sentence_at = |off: usize| {
            let i = sentences.partition_point(|s| (s.end as usize) <= off);
            (i < sentences.len() && sentences[i].span().contains_offset(off)).then_some(i)
        };
        // Exact capacities: these stay until the merge.
        let mut flat = Vec::with_capacity(
            entities
                .iter()
                .map(|e| e.mentions.iter().filter(|&&mi| mi < mentions.len()).count())
                .sum(),
        );
        let mut aliases = Vec::with_capacity(entities.iter().map(|e| e.aliases.len()).sum());
        let entities = entities
            .into_iter()
            .map(|e| {
                let m0 = off(flat.len());
                flat.extend(
                    e.mentions
                        .iter()
                        .filter_map(|&mi| mentions.get(mi))
                        .map(|m| MentionSummary {
                            start: off(m.span.start),
                            end: off(m.span.end),
                            text: strs.get(&m.text),
                            form: m.form,
                            sentence: off(m.sentence),
                        }),
                );
                let a0 = off(aliases.len());
                aliases.extend(e.aliases.iter().map(|a| {
                    let (start, end) = a.span.map_or((0, 0), |s| (off(s.start), off(s.end)));
                    AliasSummary {
                        alias: strs.get(&a.alias),
                        how: strs.get(&a.how),
                        start,
                        end,
                        has_span: a.span.is_some(),
                    }
                }));
                LocalSummary {
                    etype: e.etype,
                    name: strs.get(&e.name),
                    gender: e.gender.as_deref().map(|g| strs.get(g)),
                    mentions: (m0, off(flat.len())),
                    aliases: (a0, off(aliases.len())),
                }
            })
            .collect();
        let keep = |e: &EventMention| e.etype.is_some() && e.factuality == Factuality::Asserted;
        let mut kept = Vec::with_capacity(events.iter().filter(|e| keep(e)).count());
        kept.extend(events.into_iter().filter(keep).map(|e| {
            let si = sentence_at(e.evidence.start);
            EventSummary::new(e, si, strs)
        }));
        let events = kept;
        let (regions, timexes) = if details {
            (regions, timexes)
        } else {
            (Vec::new(), Vec::new())
        };
        DocSummary {
            sid: meta.id.as_str().into(),
            source: Box::new(KbSource {
                meta,
                regions,
                timexes,
            }),
            sentences,
            entities,
            mentions: flat,
            aliases,
            events,
        }
    }

    pub fn id(&self) -> &str {
        &self.source.meta.id
    }

    /// The mentions of local entity `le` (of this document).
    pub fn mentions_of(&self, le: &LocalSummary) -> &[MentionSummary] {
        let (a, b) = le.mentions;
        self.mentions.get(a as usize..b as usize).unwrap_or(&[])
    }

    /// The aliases of local entity `le` (of this document).
    pub fn aliases_of(&self, le: &LocalSummary) -> &[AliasSummary] {
        let (a, b) = le.aliases;
        self.aliases.get(a as usize..b as usize).unwrap_or(&[])
    }
}

/// Accumulates document analyses; [`KbBuilder::finish`] merges them.
#[derive(Clone, Debug)]
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
    pub fn finish(self) -> KnowledgeBase {
        self.finish_traced(|_| {})
    }
    /// [`KbBuilder::finish`], calling `stage` with the name of each stage
    /// of the merge as it ends (diagnostics: memory and time per stage).
    pub fn finish_traced(mut self, mut stage: impl FnMut(&'static str)) -> KnowledgeBase {
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
        stage("sort");
        build(self.docs, self.strs, &mut stage)
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

fn build(
    docs: Vec<DocSummary>,
    strs: Strings,
    stage: &mut dyn FnMut(&'static str),
) -> KnowledgeBase {
    let mut docs = docs;
    let dups = crate::dedup::find(&docs);
    // Nothing later reads the sentence keys (an event mention knows its
    // sentence).
    for d in &mut docs {
        d.sentences = Vec::new();
    }
    stage("duplicates");
    let resolved = crate::resolve::resolve_traced(&docs, &strs, stage);
    // What only resolution reads is freed before the events are merged:
    // every alias, and the local entities and mentions of documents
    // without events (the event merge reads a document's mentions only to
    // find the entities named in its event sentences).
    for d in &mut docs {
        d.aliases = Vec::new();
        if d.events.is_empty() {
            d.entities = Vec::new();
            d.mentions = Vec::new();
        }
    }
    stage("resolve");
    let (events, conflicts) = crate::events::merge_events(&docs, &resolved, &dups, &strs);
    drop(strs);
    stage("events");
    KnowledgeBase {
        annalist_version: ANNALIST_VERSION.to_string(),
        // Moved, not copied: the summaries are done with.
        sources: docs.into_iter().map(|d| *d.source).collect(),
        entities: resolved.entities,
        events,
        conflicts,
        duplicates: dups.groups,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use annalist_model::{AliasEvidence, LocalEntity, Mention};

    #[test]
    fn summaries_share_strings_and_keep_ranges() {
        let m = |t: &str, start: usize| Mention {
            span: Span::new(start, start + t.len()),
            text: t.to_string(),
            ..Default::default()
        };
        let d = DocAnalysis {
            mentions: vec![m("Trotsky", 0), m("he", 10), m("Stalin", 20)],
            entities: vec![
                LocalEntity {
                    name: "Leon Trotsky".into(),
                    // 7 is out of range: skipped, never a panic.
                    mentions: vec![0, 1, 7],
                    aliases: vec![
                        AliasEvidence {
                            alias: "Trotsky".into(),
                            how: "surface".into(),
                            span: None,
                        },
                        AliasEvidence {
                            alias: "Bronstein".into(),
                            how: "real_name".into(),
                            span: Some(Span::new(30, 39)),
                        },
                    ],
                    ..Default::default()
                },
                LocalEntity {
                    name: "Stalin".into(),
                    mentions: vec![2],
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let mut strs = Strings::default();
        let s = DocSummary::compact(d, false, &mut strs);
        let (a, b) = (&s.entities[0], &s.entities[1]);
        let texts = |le: &LocalSummary| -> Vec<&str> {
            s.mentions_of(le).iter().map(|m| strs.str(m.text)).collect()
        };
        assert_eq!(texts(a), ["Trotsky", "he"]);
        assert_eq!(texts(b), ["Stalin"]);
        assert_eq!(s.mentions_of(a)[1].span(), Span::new(10, 12));
        let al = s.aliases_of(a);
        assert_eq!(al.len(), 2);
        assert_eq!(al[0].span(), None);
        assert_eq!(al[1].span(), Some(Span::new(30, 39)));
        assert!(s.aliases_of(b).is_empty());
        // "Trotsky" (mention and alias) and "Stalin" (name and mention) are kept once.
        assert_eq!(al[0].alias, s.mentions_of(a)[0].text);
        assert_eq!(b.name, s.mentions_of(b)[0].text);
        assert_eq!(strs.str(a.name), "Leon Trotsky");
    }
}
