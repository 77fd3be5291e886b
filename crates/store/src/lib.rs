//! The embedded store (SQLite, one file).
//!
//! It keeps each source's original bytes and its [`DocAnalysis`] (keyed by
//! content id, so re-reading the same input changes nothing), the merged
//! [`KnowledgeBase`] in relational tables, and an FTS5 index of sentences.
//! Schema changes are versioned migrations ([`MIGRATIONS`]); every write is
//! a transaction, so an interrupted build leaves the last committed state.

use annalist_model::{DocAnalysis, KnowledgeBase, Span};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored data is corrupt: {0}")]
    Json(#[from] serde_json::Error),
    #[error("database schema version {found} is newer than this annalist ({supported})")]
    TooNew { found: i64, supported: i64 },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Versioned schema migrations; `user_version` counts those applied.
pub const MIGRATIONS: &[&str] = &[
    // 1: sources and analyses
    "CREATE TABLE sources (
        id TEXT PRIMARY KEY,
        file TEXT NOT NULL,
        title TEXT,
        kind TEXT NOT NULL,
        spam INTEGER NOT NULL,
        quality REAL NOT NULL,
        language TEXT,
        byte_len INTEGER NOT NULL,
        added_at TEXT NOT NULL DEFAULT (datetime('now')),
        original BLOB NOT NULL,
        analysis TEXT NOT NULL
     );
     CREATE INDEX sources_file ON sources(file);
     CREATE VIRTUAL TABLE sentences USING fts5(text, source UNINDEXED, start UNINDEXED, end UNINDEXED, region UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');",
    // 2: the knowledge base
    "CREATE TABLE kb_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
     CREATE TABLE entities (id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, mentions INTEGER NOT NULL, json TEXT NOT NULL);
     CREATE TABLE entity_names (entity TEXT NOT NULL, name TEXT NOT NULL);
     CREATE INDEX entity_names_name ON entity_names(name);
     CREATE TABLE events (id TEXT PRIMARY KEY, type TEXT NOT NULL, time_value TEXT, time_start TEXT, time_end TEXT, confidence REAL NOT NULL, json TEXT NOT NULL);
     CREATE TABLE event_roles (event TEXT NOT NULL, role TEXT NOT NULL, entity TEXT NOT NULL);
     CREATE INDEX event_roles_entity ON event_roles(entity);
     CREATE TABLE conflicts (id TEXT PRIMARY KEY, event TEXT NOT NULL, field TEXT NOT NULL, json TEXT NOT NULL);
     CREATE TABLE duplicates (json TEXT NOT NULL);",
];

/// One full-text search hit.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SearchHit {
    pub source: String,
    pub start: usize,
    pub end: usize,
    pub region: String,
    pub text: String,
}

/// Counts for summaries.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Stats {
    pub sources: usize,
    pub entities: usize,
    pub events: usize,
    pub conflicts: usize,
}

/// A handle on one database file.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating and migrating as needed) the database at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path)?;
        Self::init(conn)
    }

    /// A private in-memory database (tests, one-shot runs).
    pub fn in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?)
    }

    /// Opens an existing database read-only (the server).
    pub fn open_readonly(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        Ok(Store { conn })
    }

    fn init(conn: Connection) -> Result<Store> {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let mut store = Store { conn };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<()> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        let supported = MIGRATIONS.len() as i64;
        if version > supported {
            return Err(StoreError::TooNew {
                found: version,
                supported,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The schema version in force.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// True when a source with this content id is stored.
    pub fn has_source(&self, id: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM sources WHERE id = ?1", [id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// The content ids of every stored source (a build checks new inputs
    /// against them while the store itself is busy writing).
    pub fn source_ids(&self) -> Result<std::collections::HashSet<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM sources")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = std::collections::HashSet::new();
        for id in rows {
            out.insert(id?);
        }
        Ok(out)
    }

    /// Stores a batch of analysed documents in one transaction (existing
    /// ids are left as they are).
    pub fn put_batch(&mut self, items: &[(&[u8], &DocAnalysis)]) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        {
            let mut ins = tx.prepare_cached(
                "INSERT OR IGNORE INTO sources (id, file, title, kind, spam, quality, language, byte_len, original, analysis)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            let mut fts = tx.prepare_cached(
                "INSERT INTO sentences (text, source, start, end, region) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            // One buffer for every analysis's JSON (serde_json writes
            // UTF-8 only, so it is bound as text without a copy).
            let mut json: Vec<u8> = Vec::new();
            for (original, a) in items {
                let m = &a.meta;
                json.clear();
                serde_json::to_writer(&mut json, a)?;
                let n = ins.execute(params![
                    m.id,
                    m.file,
                    m.title,
                    m.kind.as_str(),
                    m.spam,
                    m.quality,
                    m.language,
                    m.byte_len as i64,
                    original,
                    ToSqlOutput::Borrowed(ValueRef::Text(&json)),
                ])?;
                if n == 0 {
                    continue;
                }
                added += 1;
                for s in &a.sentences {
                    let text = slice_lossy(original, s.span);
                    fts.execute(params![
                        text.as_ref(),
                        m.id,
                        s.span.start as i64,
                        s.span.end as i64,
                        s.region.as_str()
                    ])?;
                }
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// Calls `f` on every stored analysis, in content-id order, one at a time.
    pub fn for_each_analysis(&self, f: impl FnMut(DocAnalysis)) -> Result<()> {
        self.for_each_analysis_where(|_| true, f)
    }

    /// Every stored analysis whose source id passes `keep`, in id order;
    /// the others are not even parsed (a build that already holds the
    /// analyses it just made reads only the older ones).
    pub fn for_each_analysis_where(
        &self,
        keep: impl Fn(&str) -> bool,
        mut f: impl FnMut(DocAnalysis),
    ) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, analysis FROM sources ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            if !keep(&id) {
                continue;
            }
            let json: String = row.get(1)?;
            f(serde_json::from_str(&json)?);
        }
        Ok(())
    }

    /// The stored analysis of one source.
    pub fn analysis(&self, id: &str) -> Result<Option<DocAnalysis>> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT analysis FROM sources WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(match json {
            Some(j) => Some(serde_json::from_str(&j)?),
            None => None,
        })
    }

    /// The original bytes of one source.
    pub fn original(&self, id: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row("SELECT original FROM sources WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Replaces the stored knowledge base in one transaction.
    pub fn save_kb(&mut self, kb: &KnowledgeBase) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute_batch(
            "DELETE FROM kb_meta; DELETE FROM entities; DELETE FROM entity_names; DELETE FROM events;
             DELETE FROM event_roles; DELETE FROM conflicts; DELETE FROM duplicates;",
        )?;
        tx.execute(
            "INSERT INTO kb_meta (key, value) VALUES ('annalist_version', ?1)",
            [&kb.annalist_version],
        )?;
        {
            let mut ent = tx.prepare(
                "INSERT INTO entities (id, type, name, mentions, json) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let mut names =
                tx.prepare("INSERT INTO entity_names (entity, name) VALUES (?1, ?2)")?;
            for e in &kb.entities {
                ent.execute(params![
                    e.id,
                    e.etype.as_str(),
                    e.name,
                    e.mentions.len() as i64,
                    serde_json::to_string(e)?
                ])?;
                for a in &e.aliases {
                    names.execute(params![e.id, a.to_lowercase()])?;
                }
            }
            let mut ev = tx.prepare("INSERT INTO events (id, type, time_value, time_start, time_end, confidence, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
            let mut roles =
                tx.prepare("INSERT INTO event_roles (event, role, entity) VALUES (?1, ?2, ?3)")?;
            for e in &kb.events {
                let t = e.time.as_ref();
                ev.execute(params![
                    e.id,
                    e.etype.as_str(),
                    t.map(|t| &t.value),
                    t.map(|t| &t.start),
                    t.map(|t| &t.end),
                    e.confidence,
                    serde_json::to_string(e)?
                ])?;
                for (r, id) in e.roles.all() {
                    roles.execute(params![e.id, r.as_str(), id])?;
                }
            }
            let mut c = tx.prepare(
                "INSERT INTO conflicts (id, event, field, json) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for x in &kb.conflicts {
                c.execute(params![x.id, x.event, x.field, serde_json::to_string(x)?])?;
            }
            let mut d = tx.prepare("INSERT INTO duplicates (json) VALUES (?1)")?;
            for g in &kb.duplicates {
                d.execute([serde_json::to_string(g)?])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Loads the knowledge base: entities, events and conflicts from their
    /// tables, sources (metadata, regions, timexes) from the analyses.
    pub fn load_kb(&self) -> Result<KnowledgeBase> {
        let mut kb = KnowledgeBase {
            annalist_version: self
                .conn
                .query_row(
                    "SELECT value FROM kb_meta WHERE key = 'annalist_version'",
                    [],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or_else(|| annalist_model::ANNALIST_VERSION.to_string()),
            ..Default::default()
        };
        self.for_each_analysis(|a| {
            kb.sources.push(annalist_model::KbSource {
                meta: a.meta,
                regions: a.regions,
                timexes: a.timexes,
            })
        })?;
        kb.entities = self.json_rows("SELECT json FROM entities ORDER BY rowid")?;
        kb.events = self.json_rows("SELECT json FROM events ORDER BY rowid")?;
        kb.conflicts = self.json_rows("SELECT json FROM conflicts ORDER BY rowid")?;
        kb.duplicates = self.json_rows("SELECT json FROM duplicates ORDER BY rowid")?;
        Ok(kb)
    }

    fn json_rows<T: serde::de::DeserializeOwned>(&self, sql: &str) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for j in rows {
            out.push(serde_json::from_str(&j?)?);
        }
        Ok(out)
    }

    /// Counts of what is stored.
    pub fn stats(&self) -> Result<Stats> {
        let n = |sql: &str| -> Result<usize> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as usize)
        };
        Ok(Stats {
            sources: n("SELECT count(*) FROM sources")?,
            entities: n("SELECT count(*) FROM entities")?,
            events: n("SELECT count(*) FROM events")?,
            conflicts: n("SELECT count(*) FROM conflicts")?,
        })
    }

    /// Full-text search over sentences (FTS5 query syntax; plain words are
    /// ANDed). Invalid query syntax is retried as a quoted phrase.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let run = |q: &str| -> rusqlite::Result<Vec<SearchHit>> {
            let mut stmt = self.conn.prepare_cached(
                "SELECT source, start, end, region, text FROM sentences WHERE sentences MATCH ?1 ORDER BY rank LIMIT ?2",
            )?;
            let rows = stmt.query_map(params![q, limit as i64], |r| {
                Ok(SearchHit {
                    source: r.get(0)?,
                    start: r.get::<_, i64>(1)? as usize,
                    end: r.get::<_, i64>(2)? as usize,
                    region: r.get(3)?,
                    text: r.get(4)?,
                })
            })?;
            rows.collect()
        };
        match run(query) {
            Ok(h) => Ok(h),
            Err(_) => {
                let quoted: Vec<String> = query
                    .split_whitespace()
                    .map(|w| format!("\"{}\"", w.replace('"', "")))
                    .filter(|w| w.len() > 2)
                    .collect();
                if quoted.is_empty() {
                    return Ok(Vec::new());
                }
                Ok(run(&quoted.join(" "))?)
            }
        }
    }
}

fn slice_lossy(bytes: &[u8], s: Span) -> std::borrow::Cow<'_, str> {
    let end = s.end.min(bytes.len());
    let start = s.start.min(end);
    String::from_utf8_lossy(&bytes[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use annalist_model::{Sentence, SourceMeta};

    fn doc(id: &str, text: &str) -> DocAnalysis {
        DocAnalysis {
            meta: SourceMeta {
                id: id.into(),
                file: format!("{id}.txt"),
                byte_len: text.len(),
                ..Default::default()
            },
            sentences: vec![Sentence {
                span: Span::new(0, text.len()),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn put_is_idempotent_and_searchable() {
        let mut s = Store::in_memory().unwrap();
        assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let t = "Trotsky died in Coyoacán.";
        let a = doc("a", t);
        assert_eq!(s.put_batch(&[(t.as_bytes(), &a)]).unwrap(), 1);
        assert_eq!(s.put_batch(&[(t.as_bytes(), &a)]).unwrap(), 0);
        assert!(s.has_source("a").unwrap());
        assert!(s.source_ids().unwrap().contains("a"));
        assert_eq!(s.stats().unwrap().sources, 1);
        let hits = s.search("coyoacan", 10).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].text, t);
        assert!(s.search("\"unbalanced", 10).is_ok());
        assert_eq!(s.original("a").unwrap().unwrap(), t.as_bytes());
    }

    #[test]
    fn kb_round_trips() {
        let mut s = Store::in_memory().unwrap();
        let kb = KnowledgeBase {
            annalist_version: "x".into(),
            entities: vec![annalist_model::Entity {
                id: "person:a".into(),
                name: "A".into(),
                aliases: vec!["A".into()],
                ..Default::default()
            }],
            ..Default::default()
        };
        s.save_kb(&kb).unwrap();
        s.save_kb(&kb).unwrap();
        assert_eq!(s.load_kb().unwrap(), kb);
    }
}
