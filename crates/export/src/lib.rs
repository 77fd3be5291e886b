//! Exports of the knowledge base into the formats people already use.
//!
//! * [`json`]: the stable export contract (`docs/export.md`,
//!   `docs/export.schema.json`), byte-deterministic.
//! * further formats (TimelineJS, GraphML, CSV, Markdown) each in their own module.

pub mod json;

/// The formats `annalist export --format` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
}

impl ExportFormat {
    pub fn parse(s: &str) -> Option<ExportFormat> {
        match s {
            "json" => Some(ExportFormat::Json),
            _ => None,
        }
    }
    pub const NAMES: &'static [&'static str] = &["json"];
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

/// Writes `kb` in `format` to `out`.
pub fn export(
    kb: &annalist_model::KnowledgeBase,
    format: ExportFormat,
    out: &mut dyn std::io::Write,
) -> Result<(), ExportError> {
    match format {
        ExportFormat::Json => json::write(kb, out),
    }
}
