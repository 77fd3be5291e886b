//! Entities, events and evidence as RFC 4180 CSV (comma-separated, CRLF
//! line ends, fields quoted when needed, a header row), via the `csv`
//! crate. Lists inside a field are joined with `"; "`.
//!
//! [`write_dir`] writes `entities.csv`, `events.csv` and `evidence.csv` into a
//! folder; [`write_zip`] puts the same three files into a zip (stored, not
//! compressed) for a single output stream.

use crate::ExportError;
use annalist_model::{KnowledgeBase, Role};
use std::io::Write;
use std::path::Path;

/// The three files, in this order.
pub const FILES: [&str; 3] = ["entities.csv", "events.csv", "evidence.csv"];

pub const ENTITY_HEADER: &[&str] = &["id", "type", "name", "aliases", "mentions", "sources"];
pub const EVENT_HEADER: &[&str] = &[
    "id",
    "type",
    "time_value",
    "time_start",
    "time_end",
    "time_inferred",
    "description",
    "subject",
    "agent",
    "place",
    "destination",
    "instrument",
    "organization",
    "work",
    "role_text",
    "sources",
    "independent_sources",
    "confidence",
    "conflicts",
];
pub const EVIDENCE_HEADER: &[&str] = &[
    "event",
    "source",
    "start",
    "end",
    "trigger_start",
    "trigger_end",
    "region",
    "time",
    "text",
];

fn csv_err(e: csv::Error) -> ExportError {
    ExportError::Csv(e.to_string())
}

fn writer<W: Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w)
}

pub fn write_entities<W: Write>(kb: &KnowledgeBase, w: W) -> Result<(), ExportError> {
    let mut c = writer(w);
    c.write_record(ENTITY_HEADER).map_err(csv_err)?;
    for e in &kb.entities {
        let mut srcs: Vec<&str> = e.mentions.iter().map(|m| &*m.source).collect();
        srcs.sort_unstable();
        srcs.dedup();
        c.write_record([
            e.id.as_str(),
            e.etype.as_str(),
            &e.name,
            &e.aliases.join("; "),
            &e.mentions.len().to_string(),
            &srcs.len().to_string(),
        ])
        .map_err(csv_err)?;
    }
    c.flush()?;
    Ok(())
}

pub fn write_events<W: Write>(kb: &KnowledgeBase, w: W) -> Result<(), ExportError> {
    let mut c = writer(w);
    c.write_record(EVENT_HEADER).map_err(csv_err)?;
    for e in &kb.events {
        let t = e.time.as_ref();
        let role = |r: Role| e.roles.get(r).join("; ");
        let role_text: Vec<String> = e
            .role_text
            .iter()
            .map(|(k, v)| format!("{k}={}", v.join(" | ")))
            .collect();
        c.write_record([
            e.id.as_str(),
            e.etype.as_str(),
            t.map(|t| t.value.as_str()).unwrap_or(""),
            t.map(|t| t.start.as_str()).unwrap_or(""),
            t.map(|t| t.end.as_str()).unwrap_or(""),
            t.map(|t| if t.inferred { "true" } else { "false" })
                .unwrap_or(""),
            &e.description,
            &role(Role::Subject),
            &role(Role::Agent),
            &role(Role::Place),
            &role(Role::Destination),
            &role(Role::Instrument),
            &role(Role::Organization),
            &role(Role::Work),
            &role_text.join("; "),
            &e.sources.join("; "),
            &e.independent_sources.to_string(),
            &format!("{:.3}", e.confidence),
            &e.conflicts.join("; "),
        ])
        .map_err(csv_err)?;
    }
    c.flush()?;
    Ok(())
}

pub fn write_evidence<W: Write>(kb: &KnowledgeBase, w: W) -> Result<(), ExportError> {
    let mut c = writer(w);
    c.write_record(EVIDENCE_HEADER).map_err(csv_err)?;
    for e in &kb.events {
        for x in &e.evidence {
            let (ts, te) = x
                .trigger
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .unwrap_or_default();
            c.write_record([
                e.id.as_str(),
                &x.source,
                &x.start.to_string(),
                &x.end.to_string(),
                &ts,
                &te,
                &x.region,
                x.time.as_deref().unwrap_or(""),
                &x.text,
            ])
            .map_err(csv_err)?;
        }
    }
    c.flush()?;
    Ok(())
}

/// Writes the three files into `dir` (created if missing).
pub fn write_dir(kb: &KnowledgeBase, dir: &Path) -> Result<(), ExportError> {
    std::fs::create_dir_all(dir)?;
    let open = |name: &str| -> Result<std::io::BufWriter<std::fs::File>, ExportError> {
        Ok(std::io::BufWriter::new(std::fs::File::create(
            dir.join(name),
        )?))
    };
    write_entities(kb, open(FILES[0])?)?;
    write_events(kb, open(FILES[1])?)?;
    write_evidence(kb, open(FILES[2])?)?;
    Ok(())
}

/// Writes a zip holding the three files (deterministic: fixed timestamps).
pub fn write_zip(kb: &KnowledgeBase, out: &mut dyn Write) -> Result<(), ExportError> {
    let zerr = |e: zip::result::ZipError| ExportError::Zip(e.to_string());
    let mut zw = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    for name in FILES {
        zw.start_file(name, opts).map_err(zerr)?;
        match name {
            "entities.csv" => write_entities(kb, &mut zw)?,
            "events.csv" => write_events(kb, &mut zw)?,
            _ => write_evidence(kb, &mut zw)?,
        }
    }
    let bytes = zw.finish().map_err(zerr)?.into_inner();
    out.write_all(&bytes)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn read_all(bytes: &[u8]) -> Vec<Vec<String>> {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes);
        r.records()
            .map(|x| x.unwrap().iter().map(String::from).collect())
            .collect()
    }

    #[test]
    fn round_trips() {
        let kb = crate::util::sample();
        let mut ev = Vec::new();
        write_events(&kb, &mut ev).unwrap();
        assert!(ev.windows(2).any(|w| w == b"\r\n"), "CRLF line ends");
        let rows = read_all(&ev);
        assert_eq!(rows[0], EVENT_HEADER);
        assert_eq!(rows.len(), kb.events.len() + 1);
        for (row, e) in rows[1..].iter().zip(&kb.events) {
            assert_eq!(row[0], e.id);
            assert_eq!(row[6], e.description, "quotes, commas and newlines survive");
            assert_eq!(row[7], e.roles.subject.join("; "));
        }
        let mut en = Vec::new();
        write_entities(&kb, &mut en).unwrap();
        let rows = read_all(&en);
        assert_eq!(rows[2][2], "Ramón Mercader");
        assert_eq!(rows[1][3], "Leon Trotsky; Lev \"Bronstein\"");
        let mut x = Vec::new();
        write_evidence(&kb, &mut x).unwrap();
        let rows = read_all(&x);
        assert_eq!(rows.len(), 1 + 4);
        assert_eq!(rows[1][8], "Trotsky <script>x</script>");
        assert_eq!(rows[1][4], "8");
    }

    #[test]
    fn zip_holds_three_files() {
        let kb = crate::util::sample();
        let mut out = Vec::new();
        write_zip(&kb, &mut out).unwrap();
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(out.clone())).unwrap();
        assert_eq!(z.len(), 3);
        for name in FILES {
            let mut s = String::new();
            z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
            assert!(s.contains(','), "{name}");
        }
        let mut again = Vec::new();
        write_zip(&kb, &mut again).unwrap();
        assert_eq!(out, again, "deterministic");
        let dir = std::env::temp_dir().join(format!("annalist-csv-{}", std::process::id()));
        write_dir(&kb, &dir).unwrap();
        for name in FILES {
            assert!(dir.join(name).is_file());
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
