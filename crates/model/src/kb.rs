//! The cross-document knowledge base. Its JSON serialization is the export
//! contract documented in `docs/export.md` and `docs/export.schema.json`.

use crate::event::{EntityType, EventType, Role};
use crate::source::{Region, SourceMeta};
use crate::timex::Timex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The whole knowledge base. Deterministic: the same documents, in any
/// order, give byte-identical JSON.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KnowledgeBase {
    pub annalist_version: String,
    pub sources: Vec<KbSource>,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    pub conflicts: Vec<Conflict>,
    /// Groups of (near-)duplicate sentences across sources.
    #[serde(default)]
    pub duplicates: Vec<DuplicateGroup>,
}

/// A source as exported: its metadata, regions and time expressions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KbSource {
    #[serde(flatten)]
    pub meta: SourceMeta,
    pub regions: Vec<Region>,
    pub timexes: Vec<Timex>,
}

/// A place in a source: byte offsets into the original input.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SourceSpan {
    /// The source id. Shared (`Arc`): a knowledge base holds hundreds of
    /// thousands of spans over a few thousand sources, and one copy of each
    /// id per span would be most of its memory. Serialized as a string.
    pub source: Arc<str>,
    pub start: usize,
    pub end: usize,
}

/// One name of an entity, with where it was introduced.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EntityAlias {
    pub alias: String,
    /// The pattern that introduced it (see [`crate::AliasEvidence::how`]),
    /// or `"misspelling"`, `"transliteration"`, `"cross_document"`.
    pub how: String,
    pub source: String,
    pub start: usize,
    pub end: usize,
}

/// One real-world referent across all sources.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id derived from the canonical name (`"person:leon-trotsky"`).
    pub id: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    pub name: String,
    /// Every distinct name, sorted.
    pub aliases: Vec<String>,
    #[serde(default)]
    pub alias_evidence: Vec<EntityAlias>,
    pub mentions: Vec<SourceSpan>,
}

/// The time of a merged event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KbTime {
    /// TIMEX3 value, or `A/B` for a time derived to lie from A to B (an
    /// age counted from a birth: `1887/1888`).
    pub value: String,
    /// First day of the interval, ISO 8601 (`1940-08-21`, `-0043-03-15`).
    pub start: String,
    /// Last day of the interval, inclusive.
    pub end: String,
    #[serde(default)]
    pub inferred: bool,
}

/// Entity ids per role (the export contract's fixed keys).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Roles {
    pub subject: Vec<String>,
    pub agent: Vec<String>,
    pub place: Vec<String>,
    pub destination: Vec<String>,
    pub instrument: Vec<String>,
    pub organization: Vec<String>,
    pub work: Vec<String>,
}

impl Roles {
    pub fn get(&self, r: Role) -> &Vec<String> {
        match r {
            Role::Subject => &self.subject,
            Role::Agent => &self.agent,
            Role::Place => &self.place,
            Role::Destination => &self.destination,
            Role::Instrument => &self.instrument,
            Role::Organization => &self.organization,
            Role::Work => &self.work,
        }
    }
    pub fn get_mut(&mut self, r: Role) -> &mut Vec<String> {
        match r {
            Role::Subject => &mut self.subject,
            Role::Agent => &mut self.agent,
            Role::Place => &mut self.place,
            Role::Destination => &mut self.destination,
            Role::Instrument => &mut self.instrument,
            Role::Organization => &mut self.organization,
            Role::Work => &mut self.work,
        }
    }
    pub fn all(&self) -> impl Iterator<Item = (Role, &String)> {
        Role::ALL
            .iter()
            .flat_map(move |r| self.get(*r).iter().map(move |id| (*r, id)))
    }
}

/// One piece of evidence for an event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub source: String,
    pub start: usize,
    pub end: usize,
    /// Exactly the original bytes `start..end` of the source.
    pub text: String,
    /// The trigger word(s) inside the evidence, as original offsets.
    #[serde(default)]
    pub trigger: Option<(usize, usize)>,
    /// `main`, `comment` or `boilerplate`.
    #[serde(default)]
    pub region: String,
    /// Time value this piece of evidence gives, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
}

/// One event, merged across all sources that tell it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    #[serde(rename = "type")]
    pub etype: EventType,
    pub time: Option<KbTime>,
    pub roles: Roles,
    /// Role fillers that are not entities ("an ice pick"), by role name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub role_text: BTreeMap<String, Vec<String>>,
    /// A one-line description ("Leon Trotsky died in Coyoacán").
    #[serde(default)]
    pub description: String,
    pub sources: Vec<String>,
    /// Sources counted once per duplicate group of their evidence.
    pub independent_sources: usize,
    pub confidence: f32,
    pub evidence: Vec<Evidence>,
    /// Ids of conflicts about this event.
    #[serde(default)]
    pub conflicts: Vec<String>,
}

/// One claimed value of a disputed field.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ConflictValue {
    pub value: String,
    pub sources: Vec<String>,
}

/// Where the sources of one event disagree.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub id: String,
    /// The event id.
    pub event: String,
    /// `time`, `place`, `agent`, `destination`, ….
    pub field: String,
    pub values: Vec<ConflictValue>,
    pub preferred: String,
    pub reason: String,
}

/// Sentences that are copies of each other (within or across sources).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DuplicateGroup {
    pub members: Vec<SourceSpan>,
    /// `exact` or `near`.
    pub kind: String,
}

impl KnowledgeBase {
    pub fn source(&self, id: &str) -> Option<&KbSource> {
        self.sources.iter().find(|s| s.meta.id == id)
    }
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }
}
