//! The server end to end, in process: pages, API, escaping of hostile
//! documents, security headers, limits and asset lookup.

use annalist_model::*;
use annalist_serve::{router, AppState};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

const PAYLOAD: &str = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";

fn doc_text() -> String {
    format!("Leon Trotsky died in Coyoacán on 21 August 1940. {PAYLOAD} Ramón Mercader killed him.\nA reader wrote: nice.")
}

fn state() -> AppState {
    let text = doc_text();
    let t = |s: &str| {
        let a = text.find(s).unwrap();
        Span::new(a, a + s.len())
    };
    let meta = SourceMeta {
        id: "src1".into(),
        file: "evil.txt".into(),
        title: Some(format!("Title {PAYLOAD}")),
        kind: SourceKind::Blog,
        quality: 0.6,
        byte_len: text.len(),
        ..Default::default()
    };
    let comment_start = text.find("A reader").unwrap();
    let regions = vec![
        Region {
            kind: RegionKind::Main,
            span: Span::new(0, comment_start),
        },
        Region {
            kind: RegionKind::Comment,
            span: Span::new(comment_start, text.len()),
        },
    ];
    let timex = Timex {
        span: t("21 August 1940"),
        text: "21 August 1940".into(),
        value: "1940-08-21".into(),
        ..Default::default()
    };
    let mention = Mention {
        span: t("Leon Trotsky"),
        text: "Leon Trotsky".into(),
        ..Default::default()
    };
    let evil_mention = Mention {
        span: t(PAYLOAD),
        text: PAYLOAD.into(),
        entity: 1,
        ..Default::default()
    };
    let analysis = DocAnalysis {
        meta: meta.clone(),
        regions: regions.clone(),
        sentences: vec![Sentence {
            span: Span::new(0, text.len()),
            ..Default::default()
        }],
        timexes: vec![timex.clone()],
        mentions: vec![mention, evil_mention],
        ..Default::default()
    };
    let mut store = annalist_store::Store::in_memory().unwrap();
    store.put_batch(&[(text.as_bytes(), &analysis)]).unwrap();
    let ev_span = t("Leon Trotsky died in Coyoacán on 21 August 1940.");
    let trig = t("died");
    let kb = KnowledgeBase {
        annalist_version: "test".into(),
        sources: vec![KbSource {
            meta,
            regions,
            timexes: vec![timex],
        }],
        entities: vec![
            Entity {
                id: "person:leon-trotsky".into(),
                etype: EntityType::Person,
                name: "Leon Trotsky".into(),
                aliases: vec!["Leon Trotsky".into(), "Trotsky".into()],
                alias_evidence: vec![EntityAlias {
                    alias: "Trotsky".into(),
                    how: "partial".into(),
                    source: "src1".into(),
                    start: 5,
                    end: 12,
                }],
                mentions: vec![SourceSpan {
                    source: "src1".into(),
                    start: 0,
                    end: 12,
                }],
            },
            Entity {
                id: "person:evil".into(),
                etype: EntityType::Person,
                name: PAYLOAD.into(),
                aliases: vec![PAYLOAD.into()],
                mentions: vec![SourceSpan {
                    source: "src1".into(),
                    start: ev_span.end + 1,
                    end: ev_span.end + 1 + PAYLOAD.len(),
                }],
                ..Default::default()
            },
        ],
        events: vec![Event {
            id: "ev:death".into(),
            etype: EventType::Death,
            time: Some(KbTime {
                value: "1940-08-21".into(),
                start: "1940-08-21".into(),
                end: "1940-08-21".into(),
                inferred: false,
            }),
            roles: Roles {
                subject: vec!["person:leon-trotsky".into()],
                agent: vec!["person:evil".into()],
                ..Default::default()
            },
            description: format!("Trotsky died {PAYLOAD}"),
            sources: vec!["src1".into()],
            independent_sources: 1,
            confidence: 0.9,
            evidence: vec![Evidence {
                source: "src1".into(),
                start: ev_span.start,
                end: ev_span.end,
                text: ev_span.slice(&text).into(),
                trigger: Some((trig.start, trig.end)),
                region: "main".into(),
                time: Some("1940-08-21".into()),
            }],
            conflicts: vec!["c1".into()],
            ..Default::default()
        }],
        conflicts: vec![Conflict {
            id: "c1".into(),
            event: "ev:death".into(),
            field: "time".into(),
            values: vec![
                ConflictValue {
                    value: "1940-08-21".into(),
                    sources: vec!["src1".into()],
                },
                ConflictValue {
                    value: PAYLOAD.into(),
                    sources: vec!["src1".into()],
                },
            ],
            preferred: "1940-08-21".into(),
            reason: PAYLOAD.into(),
        }],
        duplicates: vec![],
    };
    AppState::new(kb, store)
}

async fn get(uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let app = router(state());
    let res = app
        .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

const PAGES: &[&str] = &[
    "/",
    "/entities",
    "/entities?type=person&q=trot",
    "/entities/person:leon-trotsky",
    "/entities/person:evil",
    "/events",
    "/events/ev:death",
    "/sources",
    "/sources/src1",
    "/sources/src1?hl=0-12",
    "/conflicts",
    "/graph",
    "/search?q=Trotsky",
    "/search?q=script",
];

#[tokio::test]
async fn every_page_renders_payloads_inert() {
    for p in PAGES {
        let (status, headers, body) = get(p).await;
        assert_eq!(status, StatusCode::OK, "{p}");
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self';"),
            "{p}: scripts only from files"
        );
        assert!(!csp.contains("unsafe-eval"), "{p}");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        // The only script elements are our own files.
        for (i, _) in body.match_indices("<script") {
            assert!(
                body[i..].starts_with("<script src=\"/assets/"),
                "{p}: inline script at {i}"
            );
        }
        assert!(!body.contains("<img"), "{p}: raw img tag");
        assert!(!body.contains("window.__pwned=1</script>"), "{p}");
        assert!(!body.contains(" onerror=\""), "{p}: raw handler attribute");
    }
}

#[tokio::test]
async fn hostile_text_shows_as_text() {
    let (_, _, body) = get("/sources/src1").await;
    assert!(body.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;"));
    assert!(body.contains("rg rg-comment"), "regions are coloured");
    assert!(body.contains("class=\"tx\""), "timexes are marked");
    assert!(
        body.contains("href=\"/entities/person:leon-trotsky\""),
        "names are linked"
    );
    let (_, _, body) = get("/entities/person:evil").await;
    assert!(body.contains("<h1><span class=\"ent t-person\">&lt;script&gt;"));
}

#[tokio::test]
async fn entity_page_has_timeline_and_alias_sources() {
    let (_, _, body) = get("/entities/person:leon-trotsky").await;
    assert!(body.contains("id=\"timeline\""));
    assert!(body.contains("data-api=\"/api/timeline/person:leon-trotsky\""));
    assert!(body.contains("partial"), "how the alias came");
    assert!(
        body.contains("/sources/src1?hl=5-12#hl"),
        "where it came from"
    );
    assert!(body.contains("1 conflict"));
    assert!(
        body.contains("<td class=\"date\">1940-08-21</td><td><span class=\"badge ev-death\">"),
        "date and type in their own cells"
    );
    // A forgiving name works too.
    let (status, _, _) = get("/entities/Trotsky").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn event_page_shows_highlighted_evidence_and_conflict() {
    let (_, _, body) = get("/events/ev:death").await;
    assert!(body.contains("<mark class=\"hl\" id=\"ev0\">"));
    assert!(body.contains("<strong class=\"trig\">died</strong>"));
    assert!(body.contains("class=\"sides\""));
    assert!(body.contains("preferred"));
}

#[tokio::test]
async fn api_answers() {
    let (s, h, body) = get("/api/entities?type=person&q=trotsky").await;
    assert_eq!(s, StatusCode::OK);
    assert!(h["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["total"], 1);
    assert_eq!(v["items"][0]["id"], "person:leon-trotsky");
    let (_, _, body) = get("/api/timeline/Leon%20Trotsky").await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["events"][0]["time"]["start"], "1940-08-21");
    assert_eq!(v["events"][0]["role"], "subject");
    for (q, n) in [
        ("/api/events?from=1940&to=1940", 1),
        ("/api/events?from=1941", 0),
        ("/api/events?to=1940-07", 0),
        ("/api/events?type=death&entity=trotsky", 1),
        ("/api/events?type=birth", 0),
    ] {
        let (s, _, body) = get(q).await;
        assert_eq!(s, StatusCode::OK, "{q}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["total"], n, "{q}");
    }
    let (s, _, _) = get("/api/events?type=nonsense").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (_, _, body) = get("/api/sources/src1").await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["regions"].as_array().unwrap().len(), 2);
    assert_eq!(v["timexes"][0]["value"], "1940-08-21");
    assert_eq!(v["mentions"][0]["entity_id"], "person:leon-trotsky");
    assert!(
        v["text"].as_str().unwrap().contains("<script>"),
        "JSON carries the raw text"
    );
    let (_, _, body) = get("/api/events/ev:death").await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["conflict_details"][0]["field"], "time");
    assert_eq!(v["source_info"]["src1"]["kind"], "blog");
    let (_, _, body) = get("/api/search?q=Coyoacan").await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    let (_, _, body) = get("/api/graph").await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["edges"].as_array().unwrap().len(), 1);
    for p in [
        "/api/conflicts",
        "/api/sources",
        "/api/overview",
        "/api/entities/person:evil",
    ] {
        assert_eq!(get(p).await.0, StatusCode::OK, "{p}");
    }
    assert_eq!(
        get("/api/entities/nobody-at-all").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(get("/api/nothing").await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn assets_are_embedded_and_traversal_misses() {
    let (s, h, _) = get("/assets/app/style.css").await;
    assert_eq!(s, StatusCode::OK);
    assert!(h["content-type"].to_str().unwrap().starts_with("text/css"));
    assert_eq!(
        get("/assets/vendor/vis-timeline-graph2d.min.js").await.0,
        StatusCode::OK
    );
    for p in [
        "/assets/../Cargo.toml",
        "/assets/%2e%2e/Cargo.toml",
        "/assets/app/../../Cargo.toml",
        "/assets/app/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/assets//etc/passwd",
        "/assets/%2Fetc%2Fpasswd",
        "/assets/..%5c..%5cCargo.toml",
        "/../../etc/passwd",
    ] {
        let (s, _, body) = get(p).await;
        assert_ne!(s, StatusCode::OK, "{p}");
        assert!(
            !body.contains("[package]") && !body.contains("root:"),
            "{p}"
        );
    }
}

#[tokio::test]
async fn read_only_and_limited() {
    let app = router(state());
    let res = app
        .clone()
        .oneshot(
            Request::post("/api/entities")
                .body(Body::from("{}"))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    let big = vec![b'x'; 1 << 20];
    let res = app
        .oneshot(
            Request::get("/api/entities")
                .header("content-length", big.len())
                .body(Body::from(big))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
}
