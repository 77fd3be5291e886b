//! The HTTP server: JSON API under `/api/` and the web UI.
//!
//! The knowledge base is loaded into memory once ([`AppState`]) with
//! indexes computed at startup ([`index::Index`]); source texts and
//! full-text search are read from the store on demand. The server is
//! read-only (GET only), binds to 127.0.0.1 unless told otherwise, embeds
//! every asset, and sends a Content-Security-Policy that allows no inline
//! script. Every piece of document text is escaped ([`html::E`]).

pub mod api;
pub mod assets;
pub mod html;
pub mod index;
pub mod pages;
pub mod render;

use annalist_model::KnowledgeBase;
use annalist_store::Store;
use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use html::escape;

/// Shared, read-only state of the server.
#[derive(Clone)]
pub struct AppState {
    pub kb: Arc<KnowledgeBase>,
    pub store: Arc<Mutex<Store>>,
    /// Lookup tables computed once from `kb`.
    pub idx: Arc<index::Index>,
}

impl AppState {
    pub fn new(kb: KnowledgeBase, store: Store) -> Self {
        let idx = index::Index::build(&kb);
        AppState {
            kb: Arc::new(kb),
            store: Arc::new(Mutex::new(store)),
            idx: Arc::new(idx),
        }
    }
}

/// The Content-Security-Policy of every response: scripts, style sheets and
/// data only from this server, no inline script, no `<style>` element, no
/// framing. Style *attributes* are allowed (`style-src-attr`) because
/// vis-timeline and cytoscape.js position their elements with them; our own
/// pages use none.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; \
     connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Largest request body accepted (the API is read-only: GETs carry none).
pub const MAX_BODY: usize = 16 * 1024;
/// Longest a request may take before the server answers 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The router with every route and the security layers.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/overview", get(api::overview))
        .route("/entities", get(api::entities))
        .route("/entities/{id}", get(api::entity))
        .route("/timeline/{id}", get(api::timeline))
        .route("/events", get(api::events))
        .route("/events/{id}", get(api::event))
        .route("/sources", get(api::sources))
        .route("/sources/{id}", get(api::source))
        .route("/conflicts", get(api::conflicts))
        .route("/search", get(api::search))
        .route("/graph", get(api::graph))
        .fallback(api_not_found);
    Router::new()
        .route("/", get(pages::overview))
        .route("/entities", get(pages::entities))
        .route("/entities/{id}", get(pages::entity))
        .route("/events", get(pages::events))
        .route("/events/{id}", get(pages::event))
        .route("/sources", get(pages::sources))
        .route("/sources/{id}", get(pages::source))
        .route("/conflicts", get(pages::conflicts))
        .route("/graph", get(pages::graph))
        .route("/search", get(pages::search))
        .route("/assets/{*path}", get(asset))
        .nest("/api", api)
        .fallback(page_not_found)
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
}

async fn api_not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        axum::Json(serde_json::json!({"error": "no such endpoint"})),
    )
        .into_response()
}

async fn page_not_found() -> Response {
    let mut p = html::Page::new("Not found", "");
    p.out
        .push_str("<h1>Not found</h1><p><a href=\"/\">Back to the overview</a>.</p>");
    (StatusCode::NOT_FOUND, axum::response::Html(p.finish(&[]))).into_response()
}

async fn asset(Path(path): Path<String>) -> Response {
    match assets::get(&path) {
        Some((mime, bytes)) => (
            [
                (header::CONTENT_TYPE, mime),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            bytes,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such asset").into_response(),
    }
}

/// Serves until Ctrl-C (or SIGTERM).
pub async fn serve(state: AppState, addr: SocketAddr) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("serving on http://{}", listener.local_addr()?);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown())
        .await?;
    Ok(())
}

async fn shutdown() {
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(t) => t,
                Err(_) => {
                    let _ = tokio::signal::ctrl_c().await;
                    return;
                }
            };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
