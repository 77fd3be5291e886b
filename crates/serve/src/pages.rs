//! Server-rendered pages. Readable without JavaScript; the timeline and the
//! graph are drawn by embedded scripts from JSON endpoints.

use crate::api::{self, EntityQuery, EventQuery};
use crate::html::{quality_meter, Page, E, U};
use crate::render::{markup_ranges, render, Layers, Mark};
use crate::{w, AppState};
use annalist_model::{
    floor_char_boundary, EntityType, Event, EventType, Format, KbSource, KbTime, Role,
};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use std::collections::HashMap;

fn not_found(what: &str) -> Response {
    let mut p = Page::new("Not found", "");
    w!(
        p.out,
        "<h1>Not found</h1><p>No {} here. <a href=\"/\">Back to the overview</a>.</p>",
        E(what)
    );
    (StatusCode::NOT_FOUND, Html(p.finish(&[]))).into_response()
}

fn entity_link(out: &mut String, st: &AppState, id: &str) {
    match st.idx.entity.get(id) {
        Some(&i) => {
            let e = &st.kb.entities[i];
            w!(
                out,
                "<a class=\"ent t-{}\" href=\"/entities/{}\">{}</a>",
                e.etype.as_str(),
                U(&e.id),
                E(&e.name)
            );
        }
        None => w!(out, "{}", E(id)),
    }
}

/// A source's title for display: at most ~100 characters, cut at a word.
fn source_title(s: &KbSource) -> std::borrow::Cow<'_, str> {
    let t = s
        .meta
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(&s.meta.file);
    shorten(t, 100)
}

/// `s` cut to at most `max` bytes at a word boundary, with an ellipsis.
pub fn shorten(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if s.len() <= max {
        return s.into();
    }
    let cut = floor_char_boundary(s, max);
    let cut = s[..cut].rfind(' ').filter(|&i| i > max / 2).unwrap_or(cut);
    format!("{}…", s[..cut].trim_end()).into()
}

fn source_link(out: &mut String, st: &AppState, id: &str, span: Option<(usize, usize)>) {
    match st.idx.source.get(id) {
        Some(&i) => {
            let s = &st.kb.sources[i];
            match span {
                Some((a, b)) => w!(
                    out,
                    "<a class=\"src\" href=\"/sources/{}?hl={}-{}#hl\">{}</a>",
                    U(id),
                    a,
                    b,
                    E(&source_title(s))
                ),
                None => w!(
                    out,
                    "<a class=\"src\" href=\"/sources/{}\">{}</a>",
                    U(id),
                    E(&source_title(s))
                ),
            }
        }
        None => w!(out, "<span class=\"src\">{}</span>", E(id)),
    }
}

fn kind_badge(out: &mut String, st: &AppState, id: &str) {
    if let Some(&i) = st.idx.source.get(id) {
        let m = &st.kb.sources[i].meta;
        w!(
            out,
            "<span class=\"badge k-{0}\">{0}</span>",
            m.kind.as_str()
        );
        if m.spam {
            out.push_str("<span class=\"badge spam\">spam</span>");
        }
        quality_meter(out, m.quality);
    }
}

fn time_text(t: Option<&KbTime>) -> String {
    match t {
        None => "undated".into(),
        Some(t) if t.start == t.end || t.end.is_empty() => t.value.clone(),
        Some(t) => format!("{} ({} – {})", t.value, t.start, t.end),
    }
}

fn event_title(e: &Event) -> String {
    if e.description.trim().is_empty() {
        let mut s = e.etype.as_str().to_string();
        if let Some(c) = s.get_mut(0..1) {
            c.make_ascii_uppercase();
        }
        s
    } else {
        e.description.clone()
    }
}

fn event_row(out: &mut String, e: &Event, role: Option<Role>) {
    w!(
        out,
        "<tr><td class=\"date\">{0}</td><td><span class=\"badge ev-{1}\">{1}</span></td><td><a href=\"/events/{2}\">{3}</a>",
        E(&time_text(e.time.as_ref())),
        e.etype.as_str(),
        U(&e.id),
        E(&event_title(e))
    );
    if !e.conflicts.is_empty() {
        w!(
            out,
            " <span class=\"badge conflict\" title=\"sources disagree\">{} conflict{}</span>",
            e.conflicts.len(),
            if e.conflicts.len() == 1 { "" } else { "s" }
        );
    }
    out.push_str("</td>");
    if let Some(r) = role {
        w!(out, "<td>{}</td>", r.as_str());
    }
    w!(
        out,
        "<td class=\"num\">{}</td><td class=\"num\">{:.2}</td></tr>",
        e.sources.len(),
        e.confidence
    );
}

// ---------------------------------------------------------------- overview

pub async fn overview(State(st): State<AppState>) -> Html<String> {
    let kb = &st.kb;
    let o = &st.idx.overview;
    let mut p = Page::new("Overview", "/");
    let h = &mut p.out;
    h.push_str("<h1>Overview</h1><section class=\"cards\">");
    for (n, label, href) in [
        (kb.sources.len(), "sources", "/sources"),
        (kb.entities.len(), "people, places & groups", "/entities"),
        (kb.events.len(), "events", "/events"),
        (
            kb.conflicts.len(),
            "conflicts between sources",
            "/conflicts",
        ),
    ] {
        w!(
            h,
            "<a class=\"card\" href=\"{href}\"><span class=\"big\">{n}</span><span>{label}</span></a>"
        );
    }
    h.push_str("</section><div class=\"cols\"><section><h2>Sources by kind</h2><table><thead><tr><th>kind</th><th class=\"num\">sources</th><th>mean quality</th><th class=\"num\">spam</th></tr></thead><tbody>");
    for (k, n, q, spam) in &o.kinds {
        w!(
            h,
            "<tr><td><span class=\"badge k-{0}\">{0}</span></td><td class=\"num\">{1}</td><td>",
            k.as_str(),
            n
        );
        quality_meter(h, *q);
        w!(h, " {q:.2}</td><td class=\"num\">{spam}</td></tr>");
    }
    h.push_str("</tbody></table><h3>Sources by quality</h3><table class=\"bands\"><tbody>");
    let maxb = o.quality_bands.iter().copied().max().unwrap_or(0).max(1);
    for (i, n) in o.quality_bands.iter().enumerate() {
        w!(
            h,
            "<tr><td>{:.1}–{:.1}</td><td><meter class=\"bar\" min=\"0\" max=\"{maxb}\" value=\"{n}\"></meter></td><td class=\"num\">{n}</td></tr>",
            i as f32 * 0.2,
            (i + 1) as f32 * 0.2
        );
    }
    h.push_str(
        "</tbody></table></section><section><h2>Most-mentioned people</h2><ol class=\"people\">",
    );
    for &i in &o.top_people {
        let e = &kb.entities[i];
        w!(
            h,
            "<li><a class=\"ent t-person\" href=\"/entities/{}\">{}</a> <span class=\"muted\">{} mentions · {} events</span></li>",
            U(&e.id),
            E(&e.name),
            e.mentions.len(),
            st.idx.entity_events[i].len()
        );
    }
    if o.top_people.is_empty() {
        h.push_str("<li class=\"muted\">No people found yet.</li>");
    }
    h.push_str("</ol></section><section><h2>Events by type</h2><table><tbody>");
    let maxe = o.event_types.first().map(|x| x.1).unwrap_or(1).max(1);
    for (t, n) in &o.event_types {
        w!(
            h,
            "<tr><td><a href=\"/events?type={0}\"><span class=\"badge ev-{0}\">{0}</span></a></td><td><meter class=\"bar\" min=\"0\" max=\"{maxe}\" value=\"{n}\"></meter></td><td class=\"num\">{n}</td></tr>",
            E(t)
        );
    }
    if o.event_types.is_empty() {
        h.push_str("<tr><td class=\"muted\">No events found yet.</td></tr>");
    }
    w!(
        h,
        "</tbody></table><p><a href=\"/conflicts\">{} conflict{} between sources</a> · <a href=\"/graph\">who acted on whom</a></p></section></div>",
        o.conflicts,
        if o.conflicts == 1 { "" } else { "s" }
    );
    Html(p.finish(&[]))
}

// ---------------------------------------------------------------- entities

pub async fn entities(State(st): State<AppState>, Query(q): Query<EntityQuery>) -> Response {
    let hits = match api::filter_entities(&st, &q) {
        Ok(h) => h,
        Err(e) => return (StatusCode::BAD_REQUEST, e).into_response(),
    };
    let mut p = Page::new("People, places & groups", "/entities");
    let h = &mut p.out;
    h.push_str("<h1>People, places &amp; groups</h1><form class=\"filters\" method=\"get\"><select name=\"type\"><option value=\"\">all types</option>");
    let cur = q.etype.clone().unwrap_or_default();
    for t in EntityType::ALL {
        w!(
            h,
            "<option value=\"{0}\"{1}>{0}</option>",
            t.as_str(),
            if cur == t.as_str() { " selected" } else { "" }
        );
    }
    w!(
        h,
        "</select><input name=\"q\" value=\"{}\" placeholder=\"name contains…\"><button>Filter</button></form>",
        E(q.q.as_deref().unwrap_or(""))
    );
    let offset = q.offset.unwrap_or(0);
    let limit = q.limit.unwrap_or(200).clamp(1, 1000);
    w!(
        h,
        "<p class=\"muted\">{} found</p><table class=\"list\"><thead><tr><th>name</th><th>type</th><th>also called</th><th class=\"num\">mentions</th><th class=\"num\">events</th></tr></thead><tbody>",
        hits.len()
    );
    for &i in hits.iter().skip(offset).take(limit) {
        let e = &st.kb.entities[i];
        w!(
            h,
            "<tr><td><a class=\"ent t-{0}\" href=\"/entities/{1}\">{2}</a></td><td>{0}</td><td class=\"muted\">",
            e.etype.as_str(),
            U(&e.id),
            E(&e.name)
        );
        let others: Vec<&String> = e.aliases.iter().filter(|a| **a != e.name).take(6).collect();
        for (k, a) in others.iter().enumerate() {
            if k > 0 {
                h.push_str(", ");
            }
            w!(h, "{}", E(a));
        }
        w!(
            h,
            "</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            e.mentions.len(),
            st.idx.entity_events[i].len()
        );
    }
    h.push_str("</tbody></table>");
    if offset + limit < hits.len() {
        w!(
            h,
            "<p><a href=\"/entities?type={}&amp;q={}&amp;offset={}\">More…</a></p>",
            U(&cur),
            U(q.q.as_deref().unwrap_or("")),
            offset + limit
        );
    }
    Html(p.finish(&[])).into_response()
}

/// (alias, how, [(source, start, end)]).
type AliasGroup<'a> = (&'a str, &'a str, Vec<(&'a str, usize, usize)>);

pub async fn entity(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(i) = st.idx.find_entity(&st.kb, &id) else {
        return not_found("entity");
    };
    let body = st.idx.entity_page_cache[i]
        .get_or_init(|| axum::body::Bytes::from(entity_html(&st, i)))
        .clone();
    (
        [(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

/// The entity page of entity `i`.
pub fn entity_html(st: &AppState, i: usize) -> String {
    let e = &st.kb.entities[i];
    let mut p = Page::new(&e.name, "/entities");
    let h = &mut p.out;
    h.push_str("<link rel=\"stylesheet\" href=\"/assets/vendor/vis-timeline-graph2d.min.css\">");
    w!(
        h,
        "<h1><span class=\"ent t-{0}\">{1}</span> <span class=\"badge\">{0}</span></h1><p class=\"muted\">{2} mentions in {3} sources · {4} events</p>",
        e.etype.as_str(),
        E(&e.name),
        e.mentions.len(),
        st.idx.entity_sources[i],
        st.idx.entity_events[i].len()
    );
    let evs = &st.idx.entity_events[i];
    // The timeline: drawn by /assets/app/timeline.js from the JSON API.
    w!(
        h,
        "<section><h2>Timeline</h2><div id=\"timeline\" class=\"timeline\" data-entity=\"{}\" data-api=\"/api/timeline/{}\"><noscript>The interactive timeline needs JavaScript; the same events are listed below.</noscript></div>\
         <p class=\"legend muted\"><span class=\"lg point\"></span> dated to the day <span class=\"lg range\"></span> imprecise date (drawn as its range) <span class=\"lg conflict\"></span> sources disagree</p>\
         <div id=\"evidence\" class=\"evidence-panel\" hidden></div></section>",
        E(&e.id),
        U(&e.id)
    );
    h.push_str("<section><h2>Events</h2>");
    if evs.is_empty() {
        h.push_str("<p class=\"muted\">No events name this entity.</p>");
    } else {
        h.push_str("<table class=\"list events\"><thead><tr><th>when</th><th>type</th><th>what</th><th>role</th><th class=\"num\">sources</th><th class=\"num\">confidence</th></tr></thead><tbody>");
        for &(ev, role) in evs {
            event_row(h, &st.kb.events[ev], Some(role));
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("</section><section><h2>Names and where they come from</h2><table class=\"list\"><thead><tr><th>name</th><th>how we know</th><th>sources</th></tr></thead><tbody>");
    // Group the alias evidence by (alias, how), a few sources each.
    let mut groups: Vec<AliasGroup> = Vec::new();
    let mut at: HashMap<(&str, &str), usize> = HashMap::new();
    for a in &e.alias_evidence {
        let k = (a.alias.as_str(), a.how.as_str());
        let g = *at.entry(k).or_insert_with(|| {
            groups.push((k.0, k.1, Vec::new()));
            groups.len() - 1
        });
        groups[g].2.push((a.source.as_str(), a.start, a.end));
    }
    for a in &e.aliases {
        if !groups.iter().any(|g| g.0 == a) {
            groups.push((a.as_str(), "", Vec::new()));
        }
    }
    groups.sort_by(|a, b| b.2.len().cmp(&a.2.len()).then(a.0.cmp(b.0)));
    for (alias, how, srcs) in &groups {
        w!(
            h,
            "<tr><td>{}</td><td><span class=\"badge how\">{}</span></td><td>",
            E(alias),
            E(if how.is_empty() { "name" } else { how })
        );
        let mut shown: Vec<&str> = Vec::new();
        for (s, a, b) in srcs {
            if shown.contains(s) {
                continue;
            }
            if shown.len() == 4 {
                break;
            }
            if !shown.is_empty() {
                h.push_str(" · ");
            }
            shown.push(s);
            source_link(h, st, s, (b > a).then_some((*a, *b)));
        }
        let mut all: Vec<&str> = srcs.iter().map(|x| x.0).collect();
        all.sort_unstable();
        all.dedup();
        if all.len() > shown.len() {
            w!(
                h,
                " <span class=\"muted\">and {} more</span>",
                all.len() - shown.len()
            );
        }
        h.push_str("</td></tr>");
    }
    h.push_str("</tbody></table></section>");
    p.finish(&["vendor/vis-timeline-graph2d.min.js", "app/timeline.js"])
}

// ---------------------------------------------------------------- events

pub async fn events(State(st): State<AppState>, Query(q): Query<EventQuery>) -> Response {
    let hits = match api::filter_events(&st, &q) {
        Ok(h) => h,
        Err(e) => return (StatusCode::BAD_REQUEST, e).into_response(),
    };
    let mut p = Page::new("Events", "/events");
    let h = &mut p.out;
    h.push_str("<h1>Events</h1><form class=\"filters\" method=\"get\"><select name=\"type\"><option value=\"\">all types</option>");
    let cur = q.etype.clone().unwrap_or_default();
    for t in EventType::ALL {
        w!(
            h,
            "<option value=\"{0}\"{1}>{0}</option>",
            t.as_str(),
            if cur == t.as_str() { " selected" } else { "" }
        );
    }
    let v = |s: &Option<String>| s.clone().unwrap_or_default();
    w!(
        h,
        "</select><input name=\"from\" value=\"{}\" placeholder=\"from (1917)\" size=\"10\"><input name=\"to\" value=\"{}\" placeholder=\"to (1940-08)\" size=\"10\"><input name=\"entity\" value=\"{}\" placeholder=\"who\"><input name=\"place\" value=\"{}\" placeholder=\"where\"><button>Filter</button></form>",
        E(&v(&q.from)),
        E(&v(&q.to)),
        E(&v(&q.entity)),
        E(&v(&q.place))
    );
    let limit = q.limit.unwrap_or(300).clamp(1, 2000);
    w!(
        h,
        "<p class=\"muted\">{} found</p><table class=\"list events\"><thead><tr><th>when</th><th>type</th><th>what</th><th class=\"num\">sources</th><th class=\"num\">confidence</th></tr></thead><tbody>",
        hits.len()
    );
    for &i in hits.iter().skip(q.offset.unwrap_or(0)).take(limit) {
        event_row(h, &st.kb.events[i], None);
    }
    h.push_str("</tbody></table>");
    Html(p.finish(&[])).into_response()
}

/// Loads originals of the given sources once per request.
fn originals(st: &AppState, ids: &[&str]) -> HashMap<String, String> {
    let store = st.store.lock().unwrap_or_else(|p| p.into_inner());
    let mut out = HashMap::new();
    for id in ids {
        if out.contains_key(*id) {
            continue;
        }
        if let Ok(Some(b)) = store.original(id) {
            out.insert(id.to_string(), String::from_utf8_lossy(&b).into_owned());
        }
    }
    out
}

fn is_html(s: &KbSource) -> bool {
    matches!(s.meta.format, Format::Html | Format::WarcHtml)
}

/// Bytes of context shown around a piece of evidence.
const CONTEXT: usize = 280;

pub async fn event(State(st): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(&i) = st.idx.event.get(&id) else {
        return not_found("event");
    };
    let e = &st.kb.events[i];
    let mut p = Page::new(&event_title(e), "/events");
    let h = &mut p.out;
    w!(
        h,
        "<h1>{}</h1><p class=\"lead\"><span class=\"badge ev-{1}\">{1}</span> <span class=\"date\">{2}</span>{3} · told by {4} source{5} ({6} independent) · confidence {7:.2}</p>",
        E(&event_title(e)),
        e.etype.as_str(),
        E(&time_text(e.time.as_ref())),
        if e.time.as_ref().is_some_and(|t| t.inferred) {
            " <span class=\"badge\" title=\"not stated in the event's own sentence\">inferred date</span>"
        } else {
            ""
        },
        e.sources.len(),
        if e.sources.len() == 1 { "" } else { "s" },
        e.independent_sources,
        e.confidence
    );
    h.push_str("<section><h2>Who, where, with what</h2><dl class=\"roles\">");
    for r in Role::ALL {
        let ids = e.roles.get(*r);
        let texts = e.role_text.get(r.as_str());
        if ids.is_empty() && texts.is_none_or(|t| t.is_empty()) {
            continue;
        }
        w!(h, "<dt>{}</dt><dd>", r.as_str());
        let mut first = true;
        for id in ids {
            if !first {
                h.push_str(", ");
            }
            first = false;
            entity_link(h, &st, id);
        }
        for t in texts.into_iter().flatten() {
            if !first {
                h.push_str(", ");
            }
            first = false;
            w!(h, "<span class=\"rt\">{}</span>", E(t));
        }
        h.push_str("</dd>");
    }
    h.push_str("</dl></section>");
    // Conflicts: the values side by side.
    let conflicts: Vec<_> = e
        .conflicts
        .iter()
        .filter_map(|c| st.idx.conflict.get(c).map(|&k| &st.kb.conflicts[k]))
        .collect();
    if !conflicts.is_empty() {
        h.push_str("<section><h2>Where the sources disagree</h2>");
        for c in conflicts {
            conflict_block(h, &st, c);
        }
        h.push_str("</section>");
    }
    // Evidence in context.
    let ids: Vec<&str> = e.evidence.iter().map(|x| x.source.as_str()).collect();
    let texts = originals(&st, &ids);
    w!(
        h,
        "<section><h2>Evidence</h2><p class=\"muted\">{} passage{}, each shown in its source with the claim highlighted.</p>",
        e.evidence.len(),
        if e.evidence.len() == 1 { "" } else { "s" }
    );
    for (k, x) in e.evidence.iter().enumerate() {
        h.push_str("<article class=\"evidence\"><header>");
        source_link(h, &st, &x.source, Some((x.start, x.end)));
        h.push(' ');
        kind_badge(h, &st, &x.source);
        if !x.region.is_empty() {
            w!(h, " <span class=\"badge rg-{0}\">{0}</span>", E(&x.region));
        }
        if let Some(t) = &x.time {
            w!(h, " <span class=\"badge date\">says {}</span>", E(t));
        }
        h.push_str("</header><blockquote class=\"doc\">");
        let src = st.idx.source.get(&x.source).map(|&s| &st.kb.sources[s]);
        match (texts.get(&x.source), src) {
            (Some(text), Some(src)) => {
                let a = x.start.saturating_sub(CONTEXT);
                let b = (x.end + CONTEXT).min(text.len());
                // Start and end the context at a word boundary.
                let a = if a == 0 {
                    0
                } else {
                    let a = floor_char_boundary(text, a);
                    text[a..x.start.min(text.len()).max(a)]
                        .find(char::is_whitespace)
                        .map(|o| a + o + 1)
                        .unwrap_or(a)
                };
                let b = floor_char_boundary(text, b);
                let b = if b >= text.len() {
                    b
                } else {
                    let from = floor_char_boundary(text, x.end.min(b));
                    text[from..b]
                        .rfind(char::is_whitespace)
                        .map(|o| from + o)
                        .unwrap_or(b)
                };
                let mut marks = Vec::new();
                if let Some((ts, te)) = x.trigger {
                    marks.push(Mark {
                        start: ts,
                        end: te,
                        open: "<strong class=\"trig\">".into(),
                        close: "</strong>",
                    });
                }
                let hid = format!("ev{k}");
                let layers = Layers {
                    regions: &src.regions,
                    highlight: Some((x.start, x.end)),
                    highlight_id: Some(&hid),
                    marks,
                    hidden: if is_html(src) {
                        markup_ranges(text)
                    } else {
                        Vec::new()
                    },
                };
                if a > 0 {
                    h.push('…');
                }
                render(h, text, a, b, &layers);
                if b < text.len() {
                    h.push('…');
                }
            }
            _ => w!(h, "<mark class=\"hl\">{}</mark>", E(&x.text)),
        }
        h.push_str("</blockquote></article>");
    }
    h.push_str("</section>");
    Html(p.finish(&[])).into_response()
}

fn conflict_block(h: &mut String, st: &AppState, c: &annalist_model::Conflict) {
    w!(
        h,
        "<div class=\"conflict-block\"><h3>{}</h3><div class=\"sides\">",
        E(&c.field)
    );
    for v in &c.values {
        let pref = v.value == c.preferred;
        w!(
            h,
            "<div class=\"side{}\"><div class=\"value\">{}</div>{}<ul>",
            if pref { " preferred" } else { "" },
            E(&v.value),
            if pref {
                "<span class=\"badge ok\">preferred</span>"
            } else {
                ""
            }
        );
        for s in &v.sources {
            h.push_str("<li>");
            source_link(h, st, s, None);
            h.push(' ');
            kind_badge(h, st, s);
            h.push_str("</li>");
        }
        h.push_str("</ul></div>");
    }
    w!(h, "</div><p class=\"muted\">{}</p></div>", E(&c.reason));
}

// ---------------------------------------------------------------- sources

pub async fn sources(State(st): State<AppState>) -> Html<String> {
    let mut p = Page::new("Sources", "/sources");
    let h = &mut p.out;
    w!(
        h,
        "<h1>Sources</h1><p class=\"muted\">{} documents, best first.</p><table class=\"list\"><thead><tr><th>title</th><th>kind</th><th>quality</th><th>language</th><th class=\"num\">events</th><th>file</th></tr></thead><tbody>",
        st.kb.sources.len()
    );
    let mut order: Vec<usize> = (0..st.kb.sources.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&st.kb.sources[a].meta, &st.kb.sources[b].meta);
        y.quality
            .partial_cmp(&x.quality)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(x.file.cmp(&y.file))
    });
    for i in order {
        let s = &st.kb.sources[i];
        h.push_str("<tr><td>");
        source_link(h, &st, &s.meta.id, None);
        h.push_str("</td><td>");
        w!(
            h,
            "<span class=\"badge k-{0}\">{0}</span>",
            s.meta.kind.as_str()
        );
        if s.meta.spam {
            h.push_str(" <span class=\"badge spam\">spam</span>");
        }
        h.push_str("</td><td>");
        quality_meter(h, s.meta.quality);
        w!(
            h,
            "</td><td>{}</td><td class=\"num\">{}</td><td class=\"muted\">{}</td></tr>",
            E(s.meta.language.as_deref().unwrap_or("?")),
            st.idx.source_events[i].len(),
            E(&s.meta.file)
        );
    }
    h.push_str("</tbody></table>");
    Html(p.finish(&[]))
}

#[derive(Deserialize)]
pub struct SourceQuery {
    /// `start-end` of a span to highlight.
    pub hl: Option<String>,
    /// `raw` shows an HTML document's markup as text.
    pub view: Option<String>,
}

pub async fn source(
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<SourceQuery>,
) -> Response {
    let Some(&si) = st.idx.source.get(&id) else {
        return not_found("source");
    };
    let src = &st.kb.sources[si];
    let (orig, analysis) = {
        let store = st.store.lock().unwrap_or_else(|p| p.into_inner());
        (
            store.original(&id).ok().flatten(),
            store.analysis(&id).ok().flatten(),
        )
    };
    let text = String::from_utf8_lossy(orig.as_deref().unwrap_or_default()).into_owned();
    let m = &src.meta;
    let mut p = Page::new(&source_title(src), "/sources");
    let h = &mut p.out;
    w!(h, "<h1>{}</h1><p class=\"lead\">", E(&source_title(src)));
    kind_badge(h, &st, &m.id);
    w!(
        h,
        " quality {:.2} · {} · {} bytes",
        m.quality,
        E(&m.file),
        m.byte_len
    );
    if let Some(u) = &m.url {
        w!(h, " · <span class=\"url\">{}</span>", E(u));
    }
    if let Some(c) = &m.created {
        w!(h, " · written {}", E(c));
    }
    if let Some(a) = &m.author {
        w!(h, " · by {}", E(a));
    }
    h.push_str("</p>");
    if !m.kind_features.is_empty() || !m.spam_reasons.is_empty() || !m.warnings.is_empty() {
        h.push_str("<details><summary>Why this kind and quality</summary><ul>");
        for f in m
            .kind_features
            .iter()
            .chain(&m.spam_reasons)
            .chain(&m.warnings)
        {
            w!(h, "<li>{}</li>", E(f));
        }
        h.push_str("</ul></details>");
    }
    let raw = q.view.as_deref() == Some("raw");
    let html_doc = is_html(src);
    h.push_str("<p class=\"legend muted\"><span class=\"rg rg-main\">main text</span> <span class=\"rg rg-comment\">comments</span> <span class=\"rg rg-boilerplate\">boilerplate</span> <span class=\"ent t-person\">person</span> <span class=\"ent t-place\">place</span> <span class=\"ent t-organization\">organization</span> <span class=\"tx\">time expression</span>");
    if html_doc {
        if raw {
            w!(h, " · <a href=\"/sources/{}\">reader view</a>", U(&m.id));
        } else {
            w!(
                h,
                " · <a href=\"/sources/{}?view=raw\">show markup</a>",
                U(&m.id)
            );
        }
    }
    h.push_str("</p>");
    // Marks: names (linked to their entity) and time expressions.
    let mut marks = Vec::new();
    if let Some(a) = &analysis {
        for mn in &a.mentions {
            let (s, e) = (mn.span.start, mn.span.end);
            let open = match st.idx.mention_entity.get(&(si, s, e)) {
                Some(&ei) => {
                    let ent = &st.kb.entities[ei];
                    format!(
                        "<a class=\"ent t-{}\" href=\"/entities/{}\" title=\"{}\">",
                        ent.etype.as_str(),
                        U(&ent.id),
                        E(&ent.name)
                    )
                }
                None => format!("<a class=\"ent t-{}\">", mn.etype.as_str()),
            };
            marks.push(Mark {
                start: s,
                end: e,
                open,
                close: "</a>",
            });
        }
    }
    for t in &src.timexes {
        marks.push(Mark {
            start: t.span.start,
            end: t.span.end,
            open: format!(
                "<span class=\"tx\" title=\"{} {}\">",
                t.ttype.as_str(),
                E(&t.value)
            ),
            close: "</span>",
        });
    }
    let highlight = q.hl.as_deref().and_then(|s| {
        let (a, b) = s.split_once('-')?;
        Some((a.parse().ok()?, b.parse().ok()?))
    });
    let mut layers = Layers {
        regions: &src.regions,
        highlight,
        highlight_id: Some("hl"),
        marks,
        hidden: if html_doc && !raw {
            markup_ranges(&text)
        } else {
            Vec::new()
        },
    };
    layers.normalize();
    h.push_str("<div class=\"cols wide\"><article class=\"doc full\">");
    render(h, &text, 0, text.len(), &layers);
    h.push_str("</article><aside><h2>Events told here</h2><ul class=\"side-events\">");
    for &ev in &st.idx.source_events[si] {
        let e = &st.kb.events[ev];
        w!(
            h,
            "<li><span class=\"date\">{}</span> <a href=\"/events/{}\">{}</a></li>",
            E(&time_text(e.time.as_ref())),
            U(&e.id),
            E(&event_title(e))
        );
    }
    if st.idx.source_events[si].is_empty() {
        h.push_str("<li class=\"muted\">None.</li>");
    }
    h.push_str("</ul></aside></div>");
    Html(p.finish(&[])).into_response()
}

// ---------------------------------------------------------------- conflicts

pub async fn conflicts(State(st): State<AppState>) -> Html<String> {
    let mut p = Page::new("Conflicts", "/conflicts");
    let h = &mut p.out;
    w!(
        h,
        "<h1>Where the sources disagree</h1><p class=\"muted\">{} conflicts. Each shows the competing values side by side, the sources behind each, and which value annalist prefers and why.</p>",
        st.kb.conflicts.len()
    );
    for c in &st.kb.conflicts {
        h.push_str("<section class=\"conflict-item\">");
        match st.idx.event.get(&c.event) {
            Some(&ei) => {
                let e = &st.kb.events[ei];
                w!(
                    h,
                    "<h2><a href=\"/events/{}\">{}</a> <span class=\"date muted\">{}</span></h2>",
                    U(&e.id),
                    E(&event_title(e)),
                    E(&time_text(e.time.as_ref()))
                );
            }
            None => w!(h, "<h2>{}</h2>", E(&c.event)),
        }
        conflict_block(h, &st, c);
        h.push_str("</section>");
    }
    Html(p.finish(&[]))
}

// ---------------------------------------------------------------- graph

pub async fn graph(State(st): State<AppState>) -> Html<String> {
    let mut p = Page::new("Who acted on whom", "/graph");
    let h = &mut p.out;
    w!(
        h,
        "<h1>Who acted on whom</h1><p class=\"muted\">An arrow runs from the agent of an event to its subject. Click a person to open their page, an arrow to open its event. The drawing keeps the 300 relations with most events; the table lists up to 1,000, most events first.</p>\
         <div id=\"graph\" class=\"graph\" data-api=\"/api/graph\"><noscript>The drawing needs JavaScript; the same relations are listed below.</noscript></div>\
         <h2>Relations</h2><table class=\"list\"><thead><tr><th>who</th><th>did what</th><th>to whom</th></tr></thead><tbody>"
    );
    const MAX_ROWS: usize = 1000;
    for &k in st.idx.acts_on_by_weight.iter().take(MAX_ROWS) {
        let a = &st.idx.acts_on[k];
        h.push_str("<tr><td>");
        entity_link(h, &st, &st.kb.entities[a.agent].id);
        h.push_str("</td><td>");
        for (k, &e) in a.events.iter().enumerate() {
            if k > 0 {
                h.push_str(", ");
            }
            let ev = &st.kb.events[e];
            w!(
                h,
                "<a href=\"/events/{}\">{}</a>",
                U(&ev.id),
                ev.etype.as_str()
            );
        }
        h.push_str("</td><td>");
        entity_link(h, &st, &st.kb.entities[a.subject].id);
        h.push_str("</td></tr>");
    }
    if st.idx.acts_on.len() > MAX_ROWS {
        w!(
            h,
            "<tr><td colspan=\"3\" class=\"muted\">… and {} more relations with fewer events.</td></tr>",
            st.idx.acts_on.len() - MAX_ROWS
        );
    }
    if st.idx.acts_on.is_empty() {
        h.push_str("<tr><td colspan=\"3\" class=\"muted\">No events with both an agent and a subject yet.</td></tr>");
    }
    h.push_str("</tbody></table>");
    Html(p.finish(&["vendor/cytoscape.min.js", "app/graph.js"]))
}

// ---------------------------------------------------------------- search

#[derive(Deserialize)]
pub struct SearchQuery {
    pub q: Option<String>,
}

pub async fn search(State(st): State<AppState>, Query(q): Query<SearchQuery>) -> Html<String> {
    let query = q.q.as_deref().unwrap_or("").trim().to_string();
    let mut p = Page::new("Search", "/search");
    let h = &mut p.out;
    w!(
        h,
        "<h1>Search the sources</h1><form class=\"filters\" method=\"get\"><input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"ice axe, Coyoacán, &quot;Ramón Mercader&quot;\" size=\"40\" autofocus><button>Search</button></form>",
        E(&query)
    );
    if !query.is_empty() {
        let hits = {
            let store = st.store.lock().unwrap_or_else(|p| p.into_inner());
            store.search(&query, 100)
        };
        match hits {
            Ok(hits) => {
                w!(
                    h,
                    "<p class=\"muted\">{} sentence{} found{}</p><ol class=\"hits\">",
                    hits.len(),
                    if hits.len() == 1 { "" } else { "s" },
                    if hits.len() == 100 {
                        " (the best 100)"
                    } else {
                        ""
                    }
                );
                let words: Vec<String> = query
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.len() > 1)
                    .map(|w| w.to_ascii_lowercase())
                    .collect();
                for hit in &hits {
                    h.push_str("<li><div class=\"hit-src\">");
                    source_link(h, &st, &hit.source, Some((hit.start, hit.end)));
                    w!(
                        h,
                        " <span class=\"badge rg-{0}\">{0}</span>",
                        E(&hit.region)
                    );
                    h.push_str("</div><div class=\"hit-text\">");
                    highlight_words(h, &hit.text, &words);
                    h.push_str("</div></li>");
                }
                h.push_str("</ol>");
            }
            Err(e) => w!(
                h,
                "<p class=\"error\">Search failed: {}</p>",
                E(&e.to_string())
            ),
        }
    }
    Html(p.finish(&[]))
}

/// Writes `text` escaped with ASCII-case-insensitive occurrences of `words` in `<mark>`.
fn highlight_words(h: &mut String, text: &str, words: &[String]) {
    let lower = text.to_ascii_lowercase();
    let mut marks: Vec<Mark> = Vec::new();
    for wd in words {
        let mut from = 0;
        while let Some(o) = lower[from..].find(wd.as_str()) {
            let s = from + o;
            marks.push(Mark {
                start: s,
                end: s + wd.len(),
                open: "<mark class=\"hl\">".into(),
                close: "</mark>",
            });
            from = s + wd.len();
        }
    }
    let mut layers = Layers {
        marks,
        ..Default::default()
    };
    layers.normalize();
    render(h, text, 0, text.len(), &layers);
}
