//! Static assets, embedded in the binary with `include_bytes!`.
//!
//! Lookup is an exact match against this fixed table: no request path ever
//! reaches the file system, so `..`, encoded slashes and absolute paths can
//! only miss (404).

/// (path under `/assets/`, MIME type, bytes).
pub const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "app/style.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/app/style.css"),
    ),
    (
        "app/timeline.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app/timeline.js"),
    ),
    (
        "app/graph.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app/graph.js"),
    ),
    (
        "app/favicon.svg",
        "image/svg+xml",
        include_bytes!("../assets/app/favicon.svg"),
    ),
    (
        "vendor/vis-timeline-graph2d.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/vis-timeline-graph2d.min.js"),
    ),
    (
        "vendor/vis-timeline-graph2d.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/vendor/vis-timeline-graph2d.min.css"),
    ),
    (
        "vendor/cytoscape.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/cytoscape.min.js"),
    ),
    (
        "vendor/vis-timeline.LICENSE-MIT.txt",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/vendor/vis-timeline.LICENSE-MIT.txt"),
    ),
    (
        "vendor/vis-timeline.LICENSE-APACHE.txt",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/vendor/vis-timeline.LICENSE-APACHE.txt"),
    ),
    (
        "vendor/cytoscape.LICENSE.txt",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/vendor/cytoscape.LICENSE.txt"),
    ),
];

/// The asset at `path` (exact match), with its MIME type.
pub fn get(path: &str) -> Option<(&'static str, &'static [u8])> {
    ASSETS
        .iter()
        .find(|(p, _, _)| *p == path)
        .map(|(_, m, b)| (*m, *b))
}
