//! Questions asked of a knowledge base.

use crate::names::{NameKey, NameRules};
use annalist_model::interval::{interval, Day, Interval};
use annalist_model::{Conflict, Entity, EntityType, Event, EventType, KnowledgeBase, Role};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Finds the entity a user means by `name`: an exact id; then an exact
/// name or alias (case, accents and transliteration folded: "Trotskii"
/// finds Leon Trotsky); then the entity with most mentions whose name or
/// alias contains the query as whole words.
pub fn find_entity<'a>(kb: &'a KnowledgeBase, name: &str) -> Option<&'a Entity> {
    if let Some(e) = kb.entity(name) {
        return Some(e);
    }
    let r = NameRules::get();
    let q = r.fold(name.trim());
    if q.is_empty() {
        return None;
    }
    let qk = NameKey::new(name, true).key();
    let names = |e: &'a Entity| std::iter::once(&e.name).chain(e.aliases.iter());
    let best = |pred: &dyn Fn(&str) -> bool| {
        kb.entities
            .iter()
            .filter(|e| names(e).any(|n| pred(n)))
            .max_by(|a, b| {
                (a.etype == EntityType::Person, a.mentions.len())
                    .cmp(&(b.etype == EntityType::Person, b.mentions.len()))
                    .then(b.id.cmp(&a.id))
            })
    };
    best(&|n| r.fold(n) == q)
        .or_else(|| best(&|n| NameKey::new(n, true).key() == qk))
        .or_else(|| {
            let padded = format!(" {q} ");
            best(&|n| {
                let f = r.fold(n);
                format!(" {f} ").contains(&padded)
                    || (f.len() > 3 && format!(" {q} ").contains(&format!(" {f} ")))
            })
        })
}

/// The interval of an event's time (from its TIMEX3 value, else from its
/// ISO start and end), for ordering. BC-safe: compares calendar days, not
/// strings.
pub fn event_interval(e: &Event) -> Option<Interval> {
    let t = e.time.as_ref()?;
    interval(&t.value).or_else(|| {
        Some(Interval {
            start: parse_iso(&t.start)?,
            end: parse_iso(&t.end)?,
        })
    })
}

/// Parses `1940-08-21` or `-0043-03-15` (astronomical year).
pub fn parse_iso(s: &str) -> Option<Day> {
    let (neg, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let mut it = rest.split('-');
    let y: i32 = it.next()?.parse().ok()?;
    let m: u8 = it.next()?.parse().ok()?;
    let d: u8 = it.next()?.parse().ok()?;
    Some(Day {
        year: if neg { -y } else { y },
        month: m,
        day: d,
    })
}

/// Orders events by time interval (start, then end), undated last, then
/// by id.
pub fn chronological(a: &Event, b: &Event) -> Ordering {
    match (event_interval(a), event_interval(b)) {
        (Some(x), Some(y)) => x.start.cmp(&y.start).then(x.end.cmp(&y.end)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.id.cmp(&b.id))
}

/// The events in which entity `id` is subject or agent, in time order
/// (undated events last).
pub fn timeline<'a>(kb: &'a KnowledgeBase, id: &str) -> Vec<&'a Event> {
    let mut evs: Vec<&Event> = kb
        .events
        .iter()
        .filter(|e| {
            e.roles.subject.iter().any(|s| s == id) || e.roles.agent.iter().any(|s| s == id)
        })
        .collect();
    evs.sort_by(|a, b| chronological(a, b));
    evs
}

/// Every event that mentions entity `id` in any role, with the roles it
/// plays there, in time order.
pub fn events_for_entity<'a>(kb: &'a KnowledgeBase, id: &str) -> Vec<(&'a Event, Vec<Role>)> {
    let mut out: Vec<(&Event, Vec<Role>)> = kb
        .events
        .iter()
        .filter_map(|e| {
            let roles: Vec<Role> = Role::ALL
                .iter()
                .copied()
                .filter(|r| e.roles.get(*r).iter().any(|x| x == id))
                .collect();
            (!roles.is_empty()).then_some((e, roles))
        })
        .collect();
    out.sort_by(|a, b| chronological(a.0, b.0));
    out
}

/// The conflicts about event `event_id`.
pub fn conflicts_for_event<'a>(kb: &'a KnowledgeBase, event_id: &str) -> Vec<&'a Conflict> {
    kb.conflicts
        .iter()
        .filter(|c| c.event == event_id)
        .collect()
}

/// The conflicts about any event in which entity `id` takes part.
pub fn conflicts_for_entity<'a>(kb: &'a KnowledgeBase, id: &str) -> Vec<&'a Conflict> {
    let evs: BTreeSet<&str> = kb
        .events
        .iter()
        .filter(|e| e.roles.all().any(|(_, x)| x == id))
        .map(|e| e.id.as_str())
        .collect();
    kb.conflicts
        .iter()
        .filter(|c| evs.contains(c.event.as_str()))
        .collect()
}

/// One edge of the "who acted on whom" graph: `agent` did events of type
/// `etype` to `subject`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Relation {
    pub agent: String,
    pub subject: String,
    pub etype: EventType,
    /// The events behind the edge.
    pub events: Vec<String>,
}

/// The agent → subject edges of all events (who acted on whom), sorted.
pub fn relations(kb: &KnowledgeBase) -> Vec<Relation> {
    let mut m: BTreeMap<(String, String, EventType), Vec<String>> = BTreeMap::new();
    for e in &kb.events {
        for a in &e.roles.agent {
            for s in &e.roles.subject {
                if a != s {
                    m.entry((a.clone(), s.clone(), e.etype))
                        .or_default()
                        .push(e.id.clone());
                }
            }
        }
    }
    m.into_iter()
        .map(|((agent, subject, etype), events)| Relation {
            agent,
            subject,
            etype,
            events,
        })
        .collect()
}

/// Entities mentioned in the same sources as entity `id`, with the number
/// of shared sources, most shared first.
pub fn cooccurrence(kb: &KnowledgeBase, id: &str) -> Vec<(String, usize)> {
    let Some(e) = kb.entity(id) else {
        return Vec::new();
    };
    let mine: BTreeSet<&str> = e.mentions.iter().map(|m| &*m.source).collect();
    let mut out: Vec<(String, usize)> = kb
        .entities
        .iter()
        .filter(|o| o.id != id)
        .filter_map(|o| {
            let theirs: BTreeSet<&str> = o.mentions.iter().map(|m| &*m.source).collect();
            let n = mine.intersection(&theirs).count();
            (n > 0).then(|| (o.id.clone(), n))
        })
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use annalist_model::KbTime;

    fn ev(id: &str, value: Option<&str>) -> Event {
        Event {
            id: id.into(),
            time: value.map(|v| {
                let i = interval(v).unwrap();
                KbTime {
                    value: v.into(),
                    start: i.start.iso(),
                    end: i.end.iso(),
                    inferred: false,
                }
            }),
            roles: annalist_model::Roles {
                subject: vec!["person:x".into()],
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn timeline_is_bc_safe_and_undated_last() {
        let kb = KnowledgeBase {
            events: vec![
                ev("a", None),
                ev("b", Some("1940")),
                ev("c", Some("BC0044-03-15")),
                ev("d", Some("BC0100")),
                ev("e", Some("1940-08-21")),
                ev("f", Some("0800")),
            ],
            ..Default::default()
        };
        let ids: Vec<&str> = timeline(&kb, "person:x")
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(ids, ["d", "c", "f", "b", "e", "a"]);
    }

    #[test]
    fn iso_parsing() {
        assert_eq!(
            parse_iso("-0043-03-15"),
            Some(Day {
                year: -43,
                month: 3,
                day: 15
            })
        );
        assert_eq!(parse_iso("x"), None);
    }
}
