//! Merging per-document analyses into the knowledge base.

use annalist_model::interval::{compatible, interval};
use annalist_model::{
    Conflict, ConflictValue, DocAnalysis, Entity, EntityAlias, EntityType, Event, Evidence,
    KbSource, KbTime, KnowledgeBase, Role, Roles, SourceSpan, ANNALIST_VERSION,
};
use std::collections::{BTreeMap, BTreeSet};

/// Accumulates document analyses; [`KbBuilder::finish`] merges them.
#[derive(Debug, Default)]
pub struct KbBuilder {
    docs: Vec<DocAnalysis>,
}

impl KbBuilder {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn add(&mut self, doc: DocAnalysis) {
        self.docs.push(doc);
    }
    pub fn finish(mut self) -> KnowledgeBase {
        self.docs.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        build(&self.docs)
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

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn build(docs: &[DocAnalysis]) -> KnowledgeBase {
    // --- entities: one per (type, normalized name)
    let mut ents: BTreeMap<(EntityType, String), Entity> = BTreeMap::new();
    // (doc index, local entity) -> key
    let mut local: BTreeMap<(usize, usize), (EntityType, String)> = BTreeMap::new();
    for (di, d) in docs.iter().enumerate() {
        for (li, le) in d.entities.iter().enumerate() {
            let key = (le.etype, norm(&le.name));
            local.insert((di, li), key.clone());
            let e = ents.entry(key).or_insert_with(|| Entity {
                etype: le.etype,
                name: le.name.clone(),
                ..Default::default()
            });
            for a in &le.aliases {
                let (start, end) = a.span.map(|s| (s.start, s.end)).unwrap_or((0, 0));
                e.alias_evidence.push(EntityAlias {
                    alias: a.alias.clone(),
                    how: a.how.clone(),
                    source: d.meta.id.clone(),
                    start,
                    end,
                });
            }
            for &mi in &le.mentions {
                if let Some(m) = d.mentions.get(mi) {
                    e.mentions.push(SourceSpan {
                        source: d.meta.id.clone(),
                        start: m.span.start,
                        end: m.span.end,
                    });
                }
            }
        }
    }
    let mut ids: BTreeMap<(EntityType, String), String> = BTreeMap::new();
    let mut entities = Vec::new();
    for (key, mut e) in ents {
        e.id = format!("{}:{}", key.0.as_str(), slug(&e.name));
        let mut names: BTreeSet<String> =
            e.alias_evidence.iter().map(|a| a.alias.clone()).collect();
        names.insert(e.name.clone());
        e.aliases = names.into_iter().collect();
        e.mentions.sort();
        e.mentions.dedup();
        ids.insert(key, e.id.clone());
        entities.push(e);
    }

    // --- events: group by (type, subject) then by compatible time
    struct Draft {
        event: Event,
        times: Vec<(String, String)>, // (value, source)
    }
    let mut drafts: Vec<Draft> = Vec::new();
    for (di, d) in docs.iter().enumerate() {
        for em in &d.events {
            let Some(etype) = em.etype else { continue };
            if em.factuality != annalist_model::Factuality::Asserted {
                continue;
            }
            let mut roles = Roles::default();
            for f in &em.roles {
                if let (Some(r), Some(le)) = (f.role, f.entity) {
                    if let Some(id) = local.get(&(di, le)).and_then(|k| ids.get(k)) {
                        if !roles.get(r).contains(id) {
                            roles.get_mut(r).push(id.clone());
                        }
                    }
                }
            }
            let subj = roles.subject.clone();
            let value = em.time.as_ref().map(|t| t.value.clone());
            let found = drafts.iter_mut().find(|dr| {
                dr.event.etype == etype
                    && dr.event.roles.subject == subj
                    && match &value {
                        Some(v) => dr.times.iter().all(|(w, _)| compatible(v, w)),
                        None => true,
                    }
            });
            let evidence = Evidence {
                source: d.meta.id.clone(),
                start: em.evidence.start,
                end: em.evidence.end,
                text: em.evidence_text.clone(),
                trigger: Some((em.trigger.start, em.trigger.end)),
                region: em.region.as_str().to_string(),
                time: value.clone(),
            };
            let dr = match found {
                Some(dr) => dr,
                None => {
                    drafts.push(Draft {
                        event: Event {
                            etype,
                            roles: Roles {
                                subject: subj.clone(),
                                ..Default::default()
                            },
                            ..Default::default()
                        },
                        times: Vec::new(),
                    });
                    drafts.last_mut().expect("just pushed")
                }
            };
            for (r, id) in roles.all() {
                if r != Role::Subject && !dr.event.roles.get(r).contains(id) {
                    dr.event.roles.get_mut(r).push(id.clone());
                }
            }
            if let Some(v) = value {
                dr.times.push((v, d.meta.id.clone()));
            }
            if !dr.event.sources.contains(&d.meta.id) {
                dr.event.sources.push(d.meta.id.clone());
            }
            dr.event.evidence.push(evidence);
        }
    }
    let names: BTreeMap<&str, &str> = entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    let mut events: Vec<Event> = drafts
        .into_iter()
        .map(|mut dr| {
            // The most specific value is the event's time.
            let best = dr
                .times
                .iter()
                .filter_map(|(v, _)| interval(v).map(|i| (i.days(), v.clone(), i)))
                .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
            dr.event.time = best.map(|(_, v, i)| KbTime {
                value: v,
                start: i.start.iso(),
                end: i.end.iso(),
                inferred: false,
            });
            dr.event.sources.sort();
            dr.event.independent_sources = dr.event.sources.len();
            dr.event.confidence =
                (1.0 - 0.5f32.powi(dr.event.independent_sources as i32)).clamp(0.0, 1.0);
            dr.event
                .evidence
                .sort_by(|a, b| (&a.source, a.start).cmp(&(&b.source, b.start)));
            let subj = dr
                .event
                .roles
                .subject
                .first()
                .and_then(|id| names.get(id.as_str()).copied())
                .unwrap_or("someone");
            dr.event.description = format!("{} of {}", dr.event.etype, subj);
            dr.event
        })
        .collect();
    events.sort_by(|a, b| {
        let ka = (
            a.time.as_ref().map(|t| t.start.clone()),
            a.etype,
            a.roles.subject.clone(),
        );
        let kb = (
            b.time.as_ref().map(|t| t.start.clone()),
            b.etype,
            b.roles.subject.clone(),
        );
        ka.cmp(&kb).then(
            a.evidence
                .first()
                .map(|e| (&e.source, e.start))
                .cmp(&b.evidence.first().map(|e| (&e.source, e.start))),
        )
    });
    for (i, e) in events.iter_mut().enumerate() {
        e.id = format!("ev{:05}", i + 1);
    }
    let conflicts: Vec<Conflict> = Vec::new();
    let _ = ConflictValue::default();

    let sources = docs
        .iter()
        .map(|d| KbSource {
            meta: d.meta.clone(),
            regions: d.regions.clone(),
            timexes: d.timexes.clone(),
        })
        .collect();
    KnowledgeBase {
        annalist_version: ANNALIST_VERSION.to_string(),
        sources,
        entities,
        events,
        conflicts,
        duplicates: Vec::new(),
    }
}
