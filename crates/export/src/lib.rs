//! Exports of the knowledge base into the formats people already use.
//!
//! * [`json`]: the stable export contract (`docs/export.md`,
//!   `docs/export.schema.json`), byte-deterministic.
//! * [`timelinejs`]: TimelineJS3 JSON (one slide per dated event).
//! * [`graphml`]: GraphML for Gephi and Cytoscape (entities as nodes;
//!   who-acted-on-whom and co-event edges).
//! * [`csv`]: entities, events and evidence as RFC 4180 CSV — three files in
//!   a folder ([`csv::write_dir`]) or, on one stream, a zip holding them.
//! * [`markdown`]: a readable report with footnoted sources.
//!
//! Every format is deterministic: the same knowledge base gives the same bytes.

pub mod csv;
pub mod graphml;
pub mod json;
pub mod markdown;
pub mod timelinejs;

/// The formats `annalist export --format` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    TimelineJs,
    GraphMl,
    /// On a stream: a zip of `entities.csv`, `events.csv`, `evidence.csv`.
    Csv,
    Markdown,
}

impl ExportFormat {
    pub fn parse(s: &str) -> Option<ExportFormat> {
        match s {
            "json" => Some(ExportFormat::Json),
            "timelinejs" => Some(ExportFormat::TimelineJs),
            "graphml" => Some(ExportFormat::GraphMl),
            "csv" => Some(ExportFormat::Csv),
            "markdown" | "md" => Some(ExportFormat::Markdown),
            _ => None,
        }
    }
    pub const NAMES: &'static [&'static str] =
        &["json", "timelinejs", "graphml", "csv", "markdown"];

    /// The usual file extension of the format's single-stream output.
    pub fn extension(&self) -> &'static str {
        match self {
            ExportFormat::Json | ExportFormat::TimelineJs => "json",
            ExportFormat::GraphMl => "graphml",
            ExportFormat::Csv => "zip",
            ExportFormat::Markdown => "md",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error("xml: {0}")]
    Xml(String),
    #[error("csv: {0}")]
    Csv(String),
    #[error("zip: {0}")]
    Zip(String),
}

/// Writes `kb` in `format` to `out`.
pub fn export(
    kb: &annalist_model::KnowledgeBase,
    format: ExportFormat,
    out: &mut dyn std::io::Write,
) -> Result<(), ExportError> {
    match format {
        ExportFormat::Json => json::write(kb, out),
        ExportFormat::TimelineJs => timelinejs::write(kb, out),
        ExportFormat::GraphMl => graphml::write(kb, out),
        ExportFormat::Csv => csv::write_zip(kb, out),
        ExportFormat::Markdown => markdown::write(kb, out),
    }
}

/// Shared helpers for the exporters.
pub(crate) mod util {
    use annalist_model::{Event, KnowledgeBase};
    use std::collections::HashMap;

    /// Entity id → name.
    pub fn names(kb: &KnowledgeBase) -> HashMap<&str, &str> {
        kb.entities
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str()))
            .collect()
    }

    /// (year, month, day) of an ISO date that may carry a minus sign.
    pub fn ymd(iso: &str) -> Option<(i64, u32, u32)> {
        let (neg, rest) = match iso.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, iso),
        };
        let mut it = rest.split(['-', 'T']);
        let y: i64 = it.next()?.parse().ok()?;
        let m: u32 = it.next()?.parse().ok()?;
        let d: u32 = it.next()?.parse().ok()?;
        Some((if neg { -y } else { y }, m, d))
    }

    /// Events in time order (dated first, by start then end, then id).
    pub fn ordered(kb: &KnowledgeBase) -> Vec<&Event> {
        let mut v: Vec<&Event> = kb.events.iter().collect();
        v.sort_by(|a, b| {
            let k = |e: &Event| e.time.as_ref().map(|t| (ymd(&t.start), ymd(&t.end)));
            match (k(a), k(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then_with(|| a.id.cmp(&b.id))
        });
        v
    }

    /// A one-line title for an event.
    pub fn title(e: &Event, names: &HashMap<&str, &str>) -> String {
        if !e.description.trim().is_empty() {
            return e.description.clone();
        }
        let who: Vec<&str> = e
            .roles
            .subject
            .iter()
            .chain(&e.roles.agent)
            .filter_map(|id| names.get(id.as_str()).copied())
            .collect();
        if who.is_empty() {
            e.etype.as_str().to_string()
        } else {
            format!("{} ({})", e.etype.as_str(), who.join(", "))
        }
    }

    #[cfg(test)]
    pub fn sample() -> KnowledgeBase {
        use annalist_model::*;
        let ev = |id: &str,
                  t: EventType,
                  time: Option<(&str, &str, &str)>,
                  subj: &[&str],
                  agent: &[&str]| Event {
            id: id.into(),
            etype: t,
            time: time.map(|(v, s, e)| KbTime {
                value: v.into(),
                start: s.into(),
                end: e.into(),
                inferred: false,
            }),
            roles: Roles {
                subject: subj.iter().map(|s| s.to_string()).collect(),
                agent: agent.iter().map(|s| s.to_string()).collect(),
                place: vec!["place:coyoacan".into()],
                ..Default::default()
            },
            description: format!("{id} <b>desc</b> \"quoted\", with, commas\nand a newline"),
            sources: vec!["src1".into()],
            independent_sources: 1,
            confidence: 0.8,
            evidence: vec![Evidence {
                source: "src1".into(),
                start: 0,
                end: 20,
                text: "Trotsky <script>x</script>".into(),
                trigger: Some((8, 12)),
                region: "main".into(),
                time: Some("1940".into()),
            }],
            conflicts: if id == "ev2" {
                vec!["c1".into()]
            } else {
                vec![]
            },
            ..Default::default()
        };
        KnowledgeBase {
            annalist_version: "test".into(),
            sources: vec![KbSource {
                meta: SourceMeta {
                    id: "src1".into(),
                    file: "a.txt".into(),
                    title: Some("The <i>Assassination</i> & more".into()),
                    kind: SourceKind::Encyclopedia,
                    quality: 0.9,
                    ..Default::default()
                },
                ..Default::default()
            }],
            entities: vec![
                Entity {
                    id: "person:leon-trotsky".into(),
                    etype: EntityType::Person,
                    name: "Leon Trotsky".into(),
                    aliases: vec!["Leon Trotsky".into(), "Lev \"Bronstein\"".into()],
                    mentions: vec![SourceSpan {
                        source: "src1".into(),
                        start: 0,
                        end: 7,
                    }],
                    ..Default::default()
                },
                Entity {
                    id: "person:ramon-mercader".into(),
                    etype: EntityType::Person,
                    name: "Ramón Mercader".into(),
                    aliases: vec!["Ramón Mercader".into()],
                    ..Default::default()
                },
                Entity {
                    id: "place:coyoacan".into(),
                    etype: EntityType::Place,
                    name: "Coyoacán".into(),
                    aliases: vec!["Coyoacán".into()],
                    ..Default::default()
                },
            ],
            events: vec![
                ev(
                    "ev1",
                    EventType::Birth,
                    Some(("1879", "1879-01-01", "1879-12-31")),
                    &["person:leon-trotsky"],
                    &[],
                ),
                ev(
                    "ev2",
                    EventType::Killing,
                    Some(("1940-08-20", "1940-08-20", "1940-08-20")),
                    &["person:leon-trotsky"],
                    &["person:ramon-mercader"],
                ),
                ev(
                    "ev3",
                    EventType::Death,
                    Some(("1940-08", "1940-08-01", "1940-08-31")),
                    &["person:leon-trotsky"],
                    &[],
                ),
                ev("ev4", EventType::Exile, None, &["person:leon-trotsky"], &[]),
            ],
            conflicts: vec![Conflict {
                id: "c1".into(),
                event: "ev2".into(),
                field: "time".into(),
                values: vec![
                    ConflictValue {
                        value: "1940-08-20".into(),
                        sources: vec!["src1".into()],
                    },
                    ConflictValue {
                        value: "1940-08-21".into(),
                        sources: vec!["src2".into()],
                    },
                ],
                preferred: "1940-08-20".into(),
                reason: "more sources".into(),
            }],
            duplicates: vec![],
        }
    }
}
