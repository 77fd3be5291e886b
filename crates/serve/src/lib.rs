//! The HTTP server: JSON API under `/api/` and the web UI.
//!
//! The knowledge base is loaded into memory once ([`AppState`]); source
//! texts and full-text search are read from the store on demand. The server
//! is read-only and binds to 127.0.0.1 unless told otherwise.

use annalist_model::KnowledgeBase;
use annalist_store::Store;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Json};
use axum::routing::get;
use axum::Router;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

/// Shared, read-only state of the server.
#[derive(Clone)]
pub struct AppState {
    pub kb: Arc<KnowledgeBase>,
    pub store: Arc<Mutex<Store>>,
}

impl AppState {
    pub fn new(kb: KnowledgeBase, store: Store) -> Self {
        AppState {
            kb: Arc::new(kb),
            store: Arc::new(Mutex::new(store)),
        }
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// The router with every route.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/api/entities", get(api_entities))
        .route("/api/entities/{id}", get(api_entity))
        .route("/api/timeline/{id}", get(api_timeline))
        .route("/api/events", get(api_events))
        .route("/api/sources", get(api_sources))
        .route("/api/conflicts", get(api_conflicts))
        .with_state(state)
}

async fn index(State(st): State<AppState>) -> Html<String> {
    let kb = &st.kb;
    let mut h =
        String::from("<!doctype html><meta charset=utf-8><title>annalist</title><h1>annalist</h1>");
    h.push_str(&format!(
        "<p>{} sources, {} entities, {} events, {} conflicts</p><ul>",
        kb.sources.len(),
        kb.entities.len(),
        kb.events.len(),
        kb.conflicts.len()
    ));
    for e in kb.entities.iter().take(50) {
        h.push_str(&format!("<li>{} ({})</li>", escape(&e.name), e.etype));
    }
    h.push_str("</ul>");
    Html(h)
}

async fn api_entities(State(st): State<AppState>) -> impl IntoResponse {
    Json(st.kb.entities.clone())
}

async fn api_entity(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> axum::response::Response {
    match st.kb.entity(&id) {
        Some(e) => Json(e.clone()).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn api_timeline(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> axum::response::Response {
    match annalist_kb::query::find_entity(&st.kb, &id) {
        Some(e) => {
            let evs: Vec<_> = annalist_kb::query::timeline(&st.kb, &e.id)
                .into_iter()
                .cloned()
                .collect();
            Json(serde_json::json!({"entity": e, "events": evs})).into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn api_events(State(st): State<AppState>) -> impl IntoResponse {
    Json(st.kb.events.clone())
}

async fn api_sources(State(st): State<AppState>) -> impl IntoResponse {
    let metas: Vec<_> = st.kb.sources.iter().map(|s| s.meta.clone()).collect();
    Json(metas)
}

async fn api_conflicts(State(st): State<AppState>) -> impl IntoResponse {
    Json(st.kb.conflicts.clone())
}

/// Serves until Ctrl-C.
pub async fn serve(state: AppState, addr: SocketAddr) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
