//! The JSON export contract.

use annalist_model::KnowledgeBase;

/// Writes the knowledge base as pretty JSON with a trailing newline. The
/// output is deterministic because the knowledge base is.
pub fn write(kb: &KnowledgeBase, out: &mut dyn std::io::Write) -> Result<(), crate::ExportError> {
    serde_json::to_writer_pretty(&mut *out, kb)?;
    out.write_all(b"\n")?;
    Ok(())
}
