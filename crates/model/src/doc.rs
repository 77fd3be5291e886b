//! The per-document analysis: what the pure per-document pipeline yields.

use crate::event::{EntityType, EventType, Factuality, Role};
use crate::source::{Region, RegionKind, SourceMeta};
use crate::span::Span;
use crate::timex::Timex;
use serde::{Deserialize, Serialize};

/// A token of the analysis text. Not stored; passed from the text stage to
/// the time and event stages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    /// Universal POS tag (`NOUN`, `PROPN`, `VERB`, …), empty until tagged.
    pub upos: String,
    /// Lower-cased lemma where known, else the lower-cased form.
    pub lemma: String,
    /// BIO entity tag from the tagger (`B-PER`, `I-LOC`, `O`), empty until tagged.
    pub ent: String,
}

/// A sentence: span plus the range of its tokens in the token list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub region: RegionKind,
    /// Index of the first token and one past the last.
    #[serde(default)]
    pub tokens: (usize, usize),
    /// Hash of the normalized sentence text (exact-duplicate key).
    #[serde(default)]
    pub fingerprint: u64,
    /// SimHash of the sentence's word shingles (near-duplicate key).
    #[serde(default)]
    pub simhash: u64,
}

/// How a mention names its entity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionForm {
    /// A proper name as written.
    #[default]
    Name,
    /// A shortened name resolved to a fuller one ("Trotsky" → "Leon Trotsky").
    Partial,
    Pronoun,
    /// A definite description ("the Old Man", "the Soviet leader").
    Description,
    Acronym,
}

/// One mention of an entity in a document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub text: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    pub form: MentionForm,
    /// Index into [`DocAnalysis::entities`] / `TextAnalysis::entities`.
    pub entity: usize,
    /// Index of the sentence holding the mention.
    pub sentence: usize,
}

/// Why we believe a name is another name of the same entity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AliasEvidence {
    pub alias: String,
    /// The pattern that introduced it: `"surface"`, `"byname"`, `"known_as"`,
    /// `"nickname"`, `"real_name"`, `"acronym"`, `"partial"`, ….
    pub how: String,
    /// Where the text says so (None for plain surface forms).
    pub span: Option<Span>,
}

/// An entity as resolved within one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LocalEntity {
    #[serde(rename = "type")]
    pub etype: EntityType,
    /// The fullest proper name used in the document.
    pub name: String,
    pub aliases: Vec<AliasEvidence>,
    /// Indices into the mention list.
    pub mentions: Vec<usize>,
    /// Gender/number cues for pronoun resolution and merge guards
    /// (`"male"`, `"female"`, `"plural"`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
}

/// A filler of an event role: a local entity, or plain text when the
/// filler is not a named entity ("an ice pick", "an underground circle").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoleFiller {
    pub role: Option<Role>,
    pub entity: Option<usize>,
    pub text: String,
    pub span: Span,
}

/// When an event happened, as the text lets us know.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventTime {
    /// TIMEX3 value (Gregorian).
    pub value: String,
    /// Index of the timex it came from, if any.
    pub timex: Option<usize>,
    /// `"clause"`, `"sentence"`, `"narrative"`, `"age"`, `"apposition"`, ….
    pub how: String,
    /// True when not stated in the event's own sentence.
    pub inferred: bool,
}

/// One event as told by one sentence of one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventMention {
    #[serde(rename = "type")]
    pub etype: Option<EventType>,
    pub trigger: Span,
    pub trigger_text: String,
    /// The evidence: usually the sentence, or the clause carrying the event.
    pub evidence: Span,
    /// The evidence as read (filled by the pipeline): the analysis text of
    /// the evidence span — for plain text the original bytes under
    /// `evidence`, for HTML the same passage without markup.
    pub evidence_text: String,
    pub roles: Vec<RoleFiller>,
    pub time: Option<EventTime>,
    pub factuality: Factuality,
    pub region: RegionKind,
    /// 0..1, local confidence (trigger strength, region, factuality).
    pub confidence: f32,
    pub sentence: usize,
    /// The subject's age as the sentence tells it ("at the age of eight"):
    /// the knowledge base dates the event from a birth date another source
    /// gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
}

impl EventMention {
    pub fn fillers(&self, role: Role) -> impl Iterator<Item = &RoleFiller> {
        self.roles.iter().filter(move |f| f.role == Some(role))
    }
}

/// Everything the per-document pipeline learns from one document, with
/// every span in **original-input byte offsets**.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocAnalysis {
    pub meta: SourceMeta,
    pub regions: Vec<Region>,
    pub sentences: Vec<Sentence>,
    pub timexes: Vec<Timex>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<LocalEntity>,
    pub events: Vec<EventMention>,
    /// Analyzer version that produced this analysis.
    pub analyzer: String,
    /// Why extraction was skipped, if it was (e.g. non-English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

impl DocAnalysis {
    /// Index of the sentence containing byte offset `off`.
    pub fn sentence_at(&self, off: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= off);
        (i < self.sentences.len() && self.sentences[i].span.contains_offset(off)).then_some(i)
    }
}

/// The output of the language-analysis stage for one document, in
/// analysis-text offsets: the input of the time and event stages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TextAnalysis {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<LocalEntity>,
}

impl TextAnalysis {
    /// Index of the sentence containing text offset `off`.
    pub fn sentence_at(&self, off: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= off);
        (i < self.sentences.len() && self.sentences[i].span.contains_offset(off)).then_some(i)
    }
    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        let (a, b) = self.sentences[i].tokens;
        self.tokens.get(a..b.min(self.tokens.len())).unwrap_or(&[])
    }
}
