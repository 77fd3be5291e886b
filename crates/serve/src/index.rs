//! Indexes over the knowledge base, computed once at startup so that no
//! request scans the whole knowledge base.

use annalist_model::{EntityType, Event, KnowledgeBase, Role, SourceKind};
use axum::body::Bytes;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// One directed "who acted on whom" edge (agent → subject), aggregated over events.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct ActsOn {
    pub agent: usize,
    pub subject: usize,
    /// Event indices, in timeline order.
    pub events: Vec<usize>,
}

/// Counts shown on the overview page.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Overview {
    /// Per source kind: (kind, count, mean quality, spam count).
    pub kinds: Vec<(SourceKind, usize, f32, usize)>,
    /// Sources per quality band `[0,.2) … [.8,1]`.
    pub quality_bands: [usize; 5],
    /// Event counts per type, most frequent first.
    pub event_types: Vec<(String, usize)>,
    /// Entity counts per type.
    pub entity_types: Vec<(String, usize)>,
    /// Persons by number of mentions (entity indices), most first.
    pub top_people: Vec<usize>,
    pub conflicts: usize,
}

/// Lookup tables over one knowledge base.
#[derive(Debug, Default)]
pub struct Index {
    pub entity: HashMap<String, usize>,
    pub event: HashMap<String, usize>,
    pub source: HashMap<String, usize>,
    pub conflict: HashMap<String, usize>,
    /// Entity → (event index, role) in timeline order (dated first, by start).
    pub entity_events: Vec<Vec<(usize, Role)>>,
    /// Entity → number of distinct sources mentioning it.
    pub entity_sources: Vec<usize>,
    /// Source → events with evidence in it.
    pub source_events: Vec<Vec<usize>>,
    /// (source, start, end) of a mention → entity index.
    pub mention_entity: HashMap<(usize, usize, usize), usize>,
    /// Entities ordered by mentions, most first (the default listing).
    pub by_mentions: Vec<usize>,
    /// Events ordered for timelines (dated first, by start, then id).
    pub events_ordered: Vec<usize>,
    pub acts_on: Vec<ActsOn>,
    /// Indices into `acts_on`, most events first (the graph shows the heaviest).
    pub acts_on_by_weight: Vec<usize>,
    pub overview: Overview,
    /// Per entity: the rendered timeline JSON and entity page, memoized on
    /// first request (the knowledge base never changes while serving).
    pub timeline_cache: Vec<OnceLock<Bytes>>,
    pub entity_page_cache: Vec<OnceLock<Bytes>>,
}

/// Orders events: dated ones by (start, end), undated last, then by id.
pub fn time_order(a: &Event, b: &Event) -> std::cmp::Ordering {
    let key = |e: &Event| {
        e.time
            .as_ref()
            .map(|t| (date_key(&t.start), date_key(&t.end)))
    };
    match (key(a), key(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
    .then_with(|| a.id.cmp(&b.id))
}

/// A sortable key for an ISO date that may carry a minus sign (`-0043-03-15`).
pub fn date_key(iso: &str) -> (i64, u32, u32) {
    let (neg, rest) = match iso.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, iso),
    };
    let mut it = rest.split(['-', 'T']);
    let y: i64 = it.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    let m: u32 = it.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let d: u32 = it.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    (if neg { -y } else { y }, m, d)
}

impl Index {
    pub fn build(kb: &KnowledgeBase) -> Index {
        let mut ix = Index {
            entity_events: vec![Vec::new(); kb.entities.len()],
            source_events: vec![Vec::new(); kb.sources.len()],
            timeline_cache: (0..kb.entities.len()).map(|_| OnceLock::new()).collect(),
            entity_page_cache: (0..kb.entities.len()).map(|_| OnceLock::new()).collect(),
            ..Default::default()
        };
        for (i, e) in kb.entities.iter().enumerate() {
            ix.entity.insert(e.id.clone(), i);
        }
        for (i, e) in kb.events.iter().enumerate() {
            ix.event.insert(e.id.clone(), i);
        }
        for (i, s) in kb.sources.iter().enumerate() {
            ix.source.insert(s.meta.id.clone(), i);
        }
        for (i, c) in kb.conflicts.iter().enumerate() {
            ix.conflict.insert(c.id.clone(), i);
        }
        for e in &kb.entities {
            let mut s: Vec<&str> = e.mentions.iter().map(|m| &*m.source).collect();
            s.sort_unstable();
            s.dedup();
            ix.entity_sources.push(s.len());
        }
        for (i, e) in kb.entities.iter().enumerate() {
            for m in &e.mentions {
                if let Some(&s) = ix.source.get(&*m.source) {
                    ix.mention_entity.insert((s, m.start, m.end), i);
                }
            }
        }
        let mut order: Vec<usize> = (0..kb.events.len()).collect();
        order.sort_by(|&a, &b| time_order(&kb.events[a], &kb.events[b]));
        let mut acts: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
        for &ei in &order {
            let ev = &kb.events[ei];
            let mut seen: Vec<usize> = Vec::new();
            for (role, id) in ev.roles.all() {
                if let Some(&n) = ix.entity.get(id) {
                    if !seen.contains(&n) {
                        seen.push(n);
                        ix.entity_events[n].push((ei, role));
                    }
                }
            }
            let mut srcs: Vec<usize> = ev
                .evidence
                .iter()
                .filter_map(|x| ix.source.get(&x.source).copied())
                .collect();
            srcs.sort_unstable();
            srcs.dedup();
            for s in srcs {
                ix.source_events[s].push(ei);
            }
            for a in &ev.roles.agent {
                for s in &ev.roles.subject {
                    if let (Some(&ai), Some(&si)) = (ix.entity.get(a), ix.entity.get(s)) {
                        if ai != si {
                            acts.entry((ai, si)).or_default().push(ei);
                        }
                    }
                }
            }
        }
        ix.events_ordered = order;
        ix.acts_on = acts
            .into_iter()
            .map(|((agent, subject), events)| ActsOn {
                agent,
                subject,
                events,
            })
            .collect();
        let mut w: Vec<usize> = (0..ix.acts_on.len()).collect();
        w.sort_by(|&a, &b| {
            ix.acts_on[b]
                .events
                .len()
                .cmp(&ix.acts_on[a].events.len())
                .then(a.cmp(&b))
        });
        ix.acts_on_by_weight = w;
        let mut by: Vec<usize> = (0..kb.entities.len()).collect();
        by.sort_by(|&a, &b| {
            let (x, y) = (&kb.entities[a], &kb.entities[b]);
            y.mentions
                .len()
                .cmp(&x.mentions.len())
                .then_with(|| x.name.cmp(&y.name))
        });
        ix.by_mentions = by;
        ix.overview = overview(kb, &ix.by_mentions);
        ix
    }

    /// The entity with this id, or the one a forgiving name lookup finds.
    pub fn find_entity(&self, kb: &KnowledgeBase, key: &str) -> Option<usize> {
        if let Some(&i) = self.entity.get(key) {
            return Some(i);
        }
        let e = annalist_kb::query::find_entity(kb, key)?;
        self.entity.get(&e.id).copied()
    }
}

fn overview(kb: &KnowledgeBase, by_mentions: &[usize]) -> Overview {
    let mut o = Overview {
        conflicts: kb.conflicts.len(),
        ..Default::default()
    };
    let mut kinds: BTreeMap<SourceKind, (usize, f32, usize)> = BTreeMap::new();
    for s in &kb.sources {
        let k = kinds.entry(s.meta.kind).or_default();
        k.0 += 1;
        k.1 += s.meta.quality;
        k.2 += s.meta.spam as usize;
        let q = s.meta.quality.clamp(0.0, 1.0);
        let band = ((q * 5.0) as usize).min(4);
        o.quality_bands[band] += 1;
    }
    o.kinds = kinds
        .into_iter()
        .map(|(k, (n, q, spam))| (k, n, if n > 0 { q / n as f32 } else { 0.0 }, spam))
        .collect();
    o.kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut et: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &kb.events {
        *et.entry(e.etype.as_str()).or_default() += 1;
    }
    o.event_types = et.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    o.event_types
        .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut nt: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &kb.entities {
        *nt.entry(e.etype.as_str()).or_default() += 1;
    }
    o.entity_types = nt.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    o.entity_types
        .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    o.top_people = by_mentions
        .iter()
        .copied()
        .filter(|&i| kb.entities[i].etype == EntityType::Person)
        .take(15)
        .collect();
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_sort_with_signs() {
        assert!(date_key("-0043-03-15") < date_key("0001-01-01"));
        assert!(date_key("1940-08-20") < date_key("1940-08-21"));
        assert_eq!(date_key("garbage"), (0, 1, 1));
    }
}
