//! The read-only JSON API under `/api/` (documented in `docs/api.md`).

use crate::index::date_key;
use crate::AppState;
use annalist_model::{Conflict, Entity, EntityType, Event, EventType, KbTime, Mention, Region};
use annalist_model::{SourceMeta, Timex};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use serde::{Deserialize, Serialize};

/// Default and maximum page sizes of list endpoints.
pub const DEFAULT_LIMIT: usize = 100;
pub const MAX_LIMIT: usize = 1000;

fn not_found(what: &str) -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(serde_json::json!({ "error": format!("{what} not found") })),
    )
        .into_response()
}

fn bad_request(msg: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(serde_json::json!({ "error": msg })),
    )
        .into_response()
}

fn limit_of(l: Option<usize>) -> usize {
    l.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
}

/// A page of results.
#[derive(Serialize)]
pub struct Page<T> {
    pub total: usize,
    pub offset: usize,
    pub items: Vec<T>,
}

/// An entity in listings.
#[derive(Serialize)]
pub struct EntitySummary<'a> {
    pub id: &'a str,
    #[serde(rename = "type")]
    pub etype: EntityType,
    pub name: &'a str,
    pub aliases: &'a [String],
    pub mentions: usize,
    pub events: usize,
}

/// An event in listings and timelines.
#[derive(Serialize)]
pub struct EventSummary<'a> {
    pub id: &'a str,
    #[serde(rename = "type")]
    pub etype: EventType,
    pub description: &'a str,
    pub time: Option<&'a KbTime>,
    pub confidence: f32,
    pub sources: usize,
    pub independent_sources: usize,
    pub conflicts: &'a [String],
    /// The role the timeline's entity plays (timeline only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'static str>,
}

pub fn event_summary<'a>(e: &'a Event, role: Option<&'static str>) -> EventSummary<'a> {
    EventSummary {
        id: &e.id,
        etype: e.etype,
        description: &e.description,
        time: e.time.as_ref(),
        confidence: e.confidence,
        sources: e.sources.len(),
        independent_sources: e.independent_sources,
        conflicts: &e.conflicts,
        role,
    }
}

#[derive(Deserialize, Default)]
pub struct EntityQuery {
    #[serde(rename = "type")]
    pub etype: Option<String>,
    pub q: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

/// Folds case and strips accents enough for substring matching of names.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            c => c,
        })
        .collect()
}

/// Entity indices matching a listing query, in mention order.
pub fn filter_entities(st: &AppState, q: &EntityQuery) -> Result<Vec<usize>, String> {
    let etype = match q.etype.as_deref().filter(|t| !t.is_empty()) {
        Some(t) => Some(EntityType::parse(t).ok_or_else(|| format!("unknown entity type {t:?}"))?),
        None => None,
    };
    let needle =
        q.q.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(fold);
    Ok(st
        .idx
        .by_mentions
        .iter()
        .copied()
        .filter(|&i| {
            let e = &st.kb.entities[i];
            etype.is_none_or(|t| e.etype == t)
                && needle.as_deref().is_none_or(|n| {
                    fold(&e.name).contains(n) || e.aliases.iter().any(|a| fold(a).contains(n))
                })
        })
        .collect())
}

pub async fn entities(State(st): State<AppState>, Query(q): Query<EntityQuery>) -> Response {
    let hits = match filter_entities(&st, &q) {
        Ok(h) => h,
        Err(e) => return bad_request(&e),
    };
    let offset = q.offset.unwrap_or(0);
    let items: Vec<EntitySummary> = hits
        .iter()
        .skip(offset)
        .take(limit_of(q.limit))
        .map(|&i| entity_summary(&st, i))
        .collect();
    Json(Page {
        total: hits.len(),
        offset,
        items,
    })
    .into_response()
}

fn entity_summary(st: &AppState, i: usize) -> EntitySummary<'_> {
    let e = &st.kb.entities[i];
    EntitySummary {
        id: &e.id,
        etype: e.etype,
        name: &e.name,
        aliases: &e.aliases,
        mentions: e.mentions.len(),
        events: st.idx.entity_events[i].len(),
    }
}

#[derive(Serialize)]
struct EntityDetail<'a> {
    #[serde(flatten)]
    entity: &'a Entity,
    events: Vec<EventSummary<'a>>,
}

pub async fn entity(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(i) = st.idx.find_entity(&st.kb, &id) else {
        return not_found("entity");
    };
    Json(EntityDetail {
        entity: &st.kb.entities[i],
        events: timeline_events(&st, i),
    })
    .into_response()
}

fn timeline_events(st: &AppState, i: usize) -> Vec<EventSummary<'_>> {
    st.idx.entity_events[i]
        .iter()
        .map(|&(ev, role)| event_summary(&st.kb.events[ev], Some(role.as_str())))
        .collect()
}

pub async fn timeline(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(i) = st.idx.find_entity(&st.kb, &id) else {
        return not_found("entity");
    };
    let body = st.idx.timeline_cache[i]
        .get_or_init(|| {
            #[derive(Serialize)]
            struct Timeline<'a> {
                entity: EntitySummary<'a>,
                events: Vec<EventSummary<'a>>,
            }
            let t = Timeline {
                entity: entity_summary(&st, i),
                events: timeline_events(&st, i),
            };
            Bytes::from(serde_json::to_vec(&t).unwrap_or_default())
        })
        .clone();
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

#[derive(Deserialize, Default)]
pub struct EventQuery {
    #[serde(rename = "type")]
    pub etype: Option<String>,
    /// Earliest date (ISO 8601 date or year); events ending before it are left out.
    pub from: Option<String>,
    /// Latest date; events starting after it are left out.
    pub to: Option<String>,
    /// Entity id or name of a place.
    pub place: Option<String>,
    /// Entity id or name taking any role.
    pub entity: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Event indices matching a query, in time order.
pub fn filter_events(st: &AppState, q: &EventQuery) -> Result<Vec<usize>, String> {
    let etype = match nonempty(&q.etype) {
        Some(t) => Some(EventType::parse(t).ok_or_else(|| format!("unknown event type {t:?}"))?),
        None => None,
    };
    let from = nonempty(&q.from).map(date_key);
    // A bare year or month as upper bound means its end.
    let to = nonempty(&q.to).map(|t| {
        let (y, m, d) = date_key(t);
        let parts = t.trim_start_matches('-').split('-').count();
        match parts {
            1 => (y, 12, 31),
            2 => (y, m, 31),
            _ => (y, m, d),
        }
    });
    let resolve = |s: Option<&str>| -> Result<Option<String>, String> {
        match s {
            None => Ok(None),
            Some(k) => match st.idx.find_entity(&st.kb, k) {
                Some(i) => Ok(Some(st.kb.entities[i].id.clone())),
                None => Err(format!("no entity matches {k:?}")),
            },
        }
    };
    let place = resolve(nonempty(&q.place))?;
    let ent = resolve(nonempty(&q.entity))?;
    let base: Box<dyn Iterator<Item = usize>> = match &ent {
        Some(id) => Box::new(
            st.idx.entity_events[st.idx.entity[id]]
                .iter()
                .map(|(e, _)| *e),
        ),
        None => Box::new(st.idx.events_ordered.iter().copied()),
    };
    Ok(base
        .filter(|&i| {
            let e = &st.kb.events[i];
            if etype.is_some_and(|t| e.etype != t) {
                return false;
            }
            if let Some(p) = &place {
                if !e.roles.place.contains(p) && !e.roles.destination.contains(p) {
                    return false;
                }
            }
            if from.is_some() || to.is_some() {
                let Some(t) = &e.time else { return false };
                if from.is_some_and(|f| date_key(&t.end) < f) {
                    return false;
                }
                if to.is_some_and(|x| date_key(&t.start) > x) {
                    return false;
                }
            }
            true
        })
        .collect())
}

pub async fn events(State(st): State<AppState>, Query(q): Query<EventQuery>) -> Response {
    let hits = match filter_events(&st, &q) {
        Ok(h) => h,
        Err(e) => return bad_request(&e),
    };
    let offset = q.offset.unwrap_or(0);
    let items: Vec<EventSummary> = hits
        .iter()
        .skip(offset)
        .take(limit_of(q.limit))
        .map(|&i| event_summary(&st.kb.events[i], None))
        .collect();
    Json(Page {
        total: hits.len(),
        offset,
        items,
    })
    .into_response()
}

#[derive(Serialize)]
struct EventDetail<'a> {
    #[serde(flatten)]
    event: &'a Event,
    conflict_details: Vec<&'a Conflict>,
    /// Entity id → display name, for every entity the roles name.
    names: std::collections::BTreeMap<&'a str, &'a str>,
    /// Source id → title, kind and quality, for every source of the evidence.
    source_info: std::collections::BTreeMap<&'a str, SourceInfo<'a>>,
}

#[derive(Serialize)]
struct SourceInfo<'a> {
    title: &'a str,
    kind: annalist_model::SourceKind,
    quality: f32,
}

pub async fn event(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(&i) = st.idx.event.get(&id) else {
        return not_found("event");
    };
    let e = &st.kb.events[i];
    let names = e
        .roles
        .all()
        .filter_map(|(_, id)| {
            st.idx
                .entity
                .get(id)
                .map(|&n| (id.as_str(), st.kb.entities[n].name.as_str()))
        })
        .collect();
    let source_info = e
        .evidence
        .iter()
        .filter_map(|x| {
            let s = &st.kb.sources[*st.idx.source.get(&x.source)?];
            Some((
                x.source.as_str(),
                SourceInfo {
                    title: s.meta.title.as_deref().unwrap_or(&s.meta.file),
                    kind: s.meta.kind,
                    quality: s.meta.quality,
                },
            ))
        })
        .collect();
    Json(EventDetail {
        event: e,
        source_info,
        conflict_details: e
            .conflicts
            .iter()
            .filter_map(|c| st.idx.conflict.get(c).map(|&k| &st.kb.conflicts[k]))
            .collect(),
        names,
    })
    .into_response()
}

pub async fn sources(State(st): State<AppState>) -> Response {
    let metas: Vec<&SourceMeta> = st.kb.sources.iter().map(|s| &s.meta).collect();
    Json(metas).into_response()
}

#[derive(Serialize)]
struct SourceDetail<'a> {
    #[serde(flatten)]
    meta: &'a SourceMeta,
    /// The original document (invalid UTF-8 replaced), which every offset indexes
    /// when it is valid UTF-8.
    text: String,
    regions: Vec<Region>,
    timexes: Vec<Timex>,
    mentions: Vec<MentionOut>,
    events: Vec<&'a str>,
}

#[derive(Serialize)]
struct MentionOut {
    #[serde(flatten)]
    mention: Mention,
    /// The knowledge-base entity id, when the mention was merged into one.
    entity_id: Option<String>,
}

pub async fn source(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(&si) = st.idx.source.get(&id) else {
        return not_found("source");
    };
    let (orig, analysis) = {
        let store = st.store.lock().unwrap_or_else(|p| p.into_inner());
        (
            store.original(&id).ok().flatten(),
            store.analysis(&id).ok().flatten(),
        )
    };
    let src = &st.kb.sources[si];
    let analysis = analysis.unwrap_or_default();
    let mentions = analysis
        .mentions
        .into_iter()
        .map(|m| MentionOut {
            entity_id: st
                .idx
                .mention_entity
                .get(&(si, m.span.start, m.span.end))
                .map(|&e| st.kb.entities[e].id.clone()),
            mention: m,
        })
        .collect();
    Json(SourceDetail {
        meta: &src.meta,
        text: String::from_utf8_lossy(orig.as_deref().unwrap_or_default()).into_owned(),
        regions: src.regions.clone(),
        timexes: src.timexes.clone(),
        mentions,
        events: st.idx.source_events[si]
            .iter()
            .map(|&e| st.kb.events[e].id.as_str())
            .collect(),
    })
    .into_response()
}

pub async fn conflicts(State(st): State<AppState>) -> Response {
    Json(&st.kb.conflicts).into_response()
}

#[derive(Deserialize)]
pub struct SearchQuery {
    pub q: Option<String>,
    pub limit: Option<usize>,
}

pub async fn search(State(st): State<AppState>, Query(q): Query<SearchQuery>) -> Response {
    let Some(query) = nonempty(&q.q) else {
        return bad_request("missing q");
    };
    let limit = q.limit.unwrap_or(50).clamp(1, 500);
    let res = {
        let store = st.store.lock().unwrap_or_else(|p| p.into_inner());
        store.search(query, limit)
    };
    match res {
        Ok(h) => Json(h).into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(serde_json::json!({ "error": e.to_string() })),
        )
            .into_response(),
    }
}

/// The who-acted-on-whom graph in Cytoscape's elements format.
pub async fn graph(State(st): State<AppState>) -> Response {
    Json(graph_json(&st)).into_response()
}

/// The graph drawing keeps the heaviest edges only (a browser lays out a
/// few hundred nodes comfortably).
pub const MAX_GRAPH_EDGES: usize = 300;

pub fn graph_json(st: &AppState) -> serde_json::Value {
    let mut nodes = std::collections::BTreeSet::new();
    let mut edges = Vec::new();
    for &k in st.idx.acts_on_by_weight.iter().take(MAX_GRAPH_EDGES) {
        let a = &st.idx.acts_on[k];
        nodes.insert(a.agent);
        nodes.insert(a.subject);
        let mut types: Vec<&str> = a
            .events
            .iter()
            .map(|&e| st.kb.events[e].etype.as_str())
            .collect();
        types.sort_unstable();
        types.dedup();
        edges.push(serde_json::json!({ "data": {
            "id": format!("e{k}"),
            "source": st.kb.entities[a.agent].id,
            "target": st.kb.entities[a.subject].id,
            "label": types.join(", "),
            "events": a.events.iter().map(|&e| &st.kb.events[e].id).collect::<Vec<_>>(),
        }}));
    }
    let nodes: Vec<_> = nodes
        .into_iter()
        .map(|n| {
            let e = &st.kb.entities[n];
            serde_json::json!({ "data": {
                "id": e.id, "label": e.name, "type": e.etype.as_str(),
                "mentions": e.mentions.len(),
            }})
        })
        .collect();
    serde_json::json!({ "nodes": nodes, "edges": edges })
}

pub async fn overview(State(st): State<AppState>) -> Response {
    Json(serde_json::json!({
        "sources": st.kb.sources.len(),
        "entities": st.kb.entities.len(),
        "events": st.kb.events.len(),
        "conflicts": st.kb.conflicts.len(),
        "overview": &st.idx.overview,
    }))
    .into_response()
}
