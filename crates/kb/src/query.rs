//! Questions asked of a knowledge base.

use annalist_model::{Entity, Event, KnowledgeBase};

fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            c => c,
        })
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect()
}

/// Finds the entity a user means by `name`: an exact id, then an exact
/// name or alias (case and accent folded), then the entity with most
/// mentions whose name or alias contains the query.
pub fn find_entity<'a>(kb: &'a KnowledgeBase, name: &str) -> Option<&'a Entity> {
    if let Some(e) = kb.entity(name) {
        return Some(e);
    }
    let q = fold(name.trim());
    if q.is_empty() {
        return None;
    }
    let best = |pred: &dyn Fn(&str) -> bool| {
        kb.entities
            .iter()
            .filter(|e| pred(&fold(&e.name)) || e.aliases.iter().any(|a| pred(&fold(a))))
            .max_by(|a, b| {
                a.mentions
                    .len()
                    .cmp(&b.mentions.len())
                    .then(b.id.cmp(&a.id))
            })
    };
    best(&|n| n == q).or_else(|| best(&|n| n.contains(&q) || q.contains(n) && n.len() > 3))
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
    evs.sort_by(|a, b| {
        let ka = a.time.as_ref().map(|t| (t.start.clone(), t.end.clone()));
        let kb = b.time.as_ref().map(|t| (t.start.clone(), t.end.clone()));
        match (ka, kb) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then(a.id.cmp(&b.id))
    });
    evs
}
