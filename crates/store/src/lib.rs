//! The embedded store (SQLite, one file).
//!
//! It keeps each source's original bytes and its [`DocAnalysis`] (keyed by
//! content id, so re-reading the same input changes nothing), the merged
//! [`KnowledgeBase`] in relational tables, and an FTS5 index of sentences.
//! Schema changes are versioned migrations ([`MIGRATIONS`]); every write is
//! a transaction, so an interrupted build leaves the last committed state.
//!
//! Encodings: an analysis (`sources.analysis`) and a knowledge-base row
//! (`entities.json`, `events.json`, `conflicts.json`, `duplicates.json`) is
//! stored as a BLOB holding one tag byte ([`PACKED`]) then the LZ4 block of
//! its MessagePack encoding (named fields, so `#[serde(flatten)]` and
//! `skip_serializing_if` round-trip), the decoded length first; a value
//! whose MessagePack is shorter than [`PLAIN_BELOW`] is stored as it is
//! after the tag [`PLAIN`] (schema 4; LZ4 gains little there and costs the
//! most per byte). Duplicate groups are stored in runs, many to a row
//! ([`LIST`], schema 5). Stores written before schema 3 hold JSON TEXT there: the
//! reader decides by the type and tag of each value, so old and new rows
//! read alike.
//!
//! The sentence index (schema 3) is a contentless FTS5 table
//! (`sentence_index`) beside a plain table of spans (`sentence_spans`, same
//! rowid); a hit's text is cut from the stored original when it is shown,
//! so no sentence is stored twice.

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
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

impl From<rmp_serde::encode::Error> for StoreError {
    fn from(e: rmp_serde::encode::Error) -> Self {
        StoreError::Corrupt(format!("cannot encode: {e}"))
    }
}

impl From<rmp_serde::decode::Error> for StoreError {
    fn from(e: rmp_serde::decode::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
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
    // 3: the sentence index without a copy of each sentence: a contentless
    // FTS5 table plus the spans under the same rowid (the text is cut from
    // `sources.original` when a hit is shown). Existing rows keep their
    // rowids, so ranks and their ties stay as they were.
    "CREATE TABLE sentence_spans (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        region TEXT NOT NULL
     );
     CREATE VIRTUAL TABLE sentence_index USING fts5(text, content = '', tokenize = 'unicode61 remove_diacritics 2');
     INSERT INTO sentence_spans (id, source, start, end, region)
        SELECT rowid, source, start, end, region FROM sentences ORDER BY rowid;
     INSERT INTO sentence_index (rowid, text) SELECT rowid, text FROM sentences ORDER BY rowid;
     DROP TABLE sentences;",
    // 4: values may be stored as plain MessagePack ([`PLAIN`]), which
    // older versions cannot read; the sentence index keeps up to 16 MB of
    // pending terms in memory before it writes a segment (FTS_HASHSIZE).
    "INSERT INTO sentence_index (sentence_index, rank) VALUES ('hashsize', 16777216);",
    // 5: a `duplicates` row may hold many groups ([`LIST`]), which older
    // versions cannot read; the sentence index keeps up to 4 MB of pending
    // terms (FTS_HASHSIZE: the same CPU as 16 MB, ~9 MB less memory).
    "INSERT INTO sentence_index (sentence_index, rank) VALUES ('hashsize', 4194304);",
];

/// Tag byte of a value stored as LZ4-compressed MessagePack (see the
/// crate documentation); JSON rows of older stores are TEXT.
pub const PACKED: u8 = 1;

/// Tag byte of a value stored as plain MessagePack (schema 4).
pub const PLAIN: u8 = 2;

/// Tag byte of a row holding a run of values (schema 5): `LIST`, then the
/// sequence of them encoded as one [`PACKED`] or [`PLAIN`] value. The
/// knowledge base's duplicate groups are stored [`LIST_RUN`] to a row:
/// tens of thousands of rows of ~150 bytes each cost more in SQLite's
/// per-row work than their encoding.
pub const LIST: u8 = 3;

/// Duplicate groups per `duplicates` row (schema 5).
pub const LIST_RUN: usize = 256;

/// Values whose MessagePack is shorter than this many bytes are stored
/// [`PLAIN`]: most knowledge-base rows (entities, duplicate groups), for
/// which LZ4 saves a few bytes and costs more than the rest of the write
/// (it clears an 8 kB table per call).
pub const PLAIN_BELOW: usize = 1024;

/// The page size of new stores: the rows hold whole documents (original
/// bytes and packed analysis, ~4 kB together on average), which 4 kB pages
/// split into overflow chains.
pub const PAGE_SIZE: i64 = 16384;

/// A bulk load ([`Store::begin_bulk`]) commits after about this many bytes
/// of input, which bounds what a crash can lose, the WAL of a load into a
/// store that already holds sources (~5.5 bytes of pages per input byte)
/// and the pending index terms in memory ([`FTS_HASHSIZE`] caps those).
pub const BULK_COMMIT_BYTES: usize = 16 << 20;

/// The FTS5 `hashsize` set by migration 5 (bytes of pending index data
/// held in memory before a new segment is written; FTS5's default is 1 MB,
/// migration 4 set 16 MB). With a bulk load's few commits, fewer and larger
/// segments than the default. A cap: the pending terms take about 1.7
/// times this much heap at most, whatever the size of the load (1, 4 and
/// 16 MB cost the same CPU within noise at 10 MB of input, 4 and 16 MB at
/// 50 MB; docs/bench/store.md).
pub const FTS_HASHSIZE: i64 = 4 << 20;

/// Encodes `v` as [`PACKED`] or [`PLAIN`] into `out` (`scratch` holds the
/// MessagePack).
fn pack_into<T: serde::Serialize>(v: &T, scratch: &mut Vec<u8>, out: &mut Vec<u8>) -> Result<()> {
    scratch.clear();
    rmp_serde::encode::write_named(scratch, v)?;
    out.clear();
    if scratch.len() < PLAIN_BELOW {
        out.push(PLAIN);
        out.extend_from_slice(scratch);
        return Ok(());
    }
    let len = u32::try_from(scratch.len())
        .map_err(|_| StoreError::Corrupt("value too large to store".into()))?;
    out.push(PACKED);
    out.extend_from_slice(&len.to_le_bytes());
    let head = out.len();
    out.resize(
        head + lz4_flex::block::get_maximum_output_size(scratch.len()),
        0,
    );
    let n = lz4_flex::block::compress_into(scratch, &mut out[head..])
        .map_err(|e| StoreError::Corrupt(format!("cannot compress: {e}")))?;
    out.truncate(head + n);
    Ok(())
}

/// Decodes a stored value: JSON TEXT (stores before schema 3), a
/// [`PACKED`] BLOB (`scratch` receives the decompressed bytes) or a
/// [`PLAIN`] one.
fn unpack<T: serde::de::DeserializeOwned>(v: ValueRef<'_>, scratch: &mut Vec<u8>) -> Result<T> {
    match v {
        ValueRef::Text(json) => Ok(serde_json::from_slice(json)?),
        ValueRef::Blob([PLAIN, body @ ..]) => Ok(rmp_serde::from_slice(body)?),
        ValueRef::Blob(b) => {
            let (len, body) = match b {
                [PACKED, l0, l1, l2, l3, body @ ..] => {
                    (u32::from_le_bytes([*l0, *l1, *l2, *l3]) as usize, body)
                }
                _ => return Err(StoreError::Corrupt("unknown encoding".into())),
            };
            // LZ4 expands at most 255-fold: a larger length is corruption,
            // not a reason to allocate.
            if len > body.len().saturating_mul(255).saturating_add(16) {
                return Err(StoreError::Corrupt("bad length".into()));
            }
            scratch.clear();
            scratch.resize(len, 0);
            let n = lz4_flex::block::decompress_into(body, scratch)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            if n != len {
                return Err(StoreError::Corrupt("bad length".into()));
            }
            Ok(rmp_serde::from_slice(scratch)?)
        }
        _ => Err(StoreError::Corrupt("unexpected value type".into())),
    }
}

/// SQLite's heap in this process, all connections together (page caches,
/// FTS5 pending terms, statements, a bulk load's dirty pages): bytes in use
/// now and the most in use at once since the last reset (`reset_peak`
/// starts a new peak after reading it). How a build's memory splits between
/// SQLite and the rest (docs/bench/store.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SqliteMemory {
    pub used: i64,
    pub peak: i64,
    /// Of `used` and `peak`: the page caches' share.
    pub page_cache: i64,
    pub page_cache_peak: i64,
}

/// Reads SQLite's memory counters ([`SqliteMemory`]).
pub fn sqlite_memory(reset_peak: bool) -> SqliteMemory {
    // SAFETY (below): these functions only read (and, on request, reset)
    // SQLite's global counters under its own mutex.
    let (mut cache, mut cache_peak) = (0i64, 0i64);
    unsafe {
        // SAFETY: sqlite3_status64 writes two integers it is given
        // pointers to. The page caches take their memory from the heap
        // (no static SQLITE_CONFIG_PAGECACHE buffer), which SQLite counts
        // as page-cache "overflow".
        rusqlite::ffi::sqlite3_status64(
            rusqlite::ffi::SQLITE_STATUS_PAGECACHE_OVERFLOW,
            &mut cache,
            &mut cache_peak,
            i32::from(reset_peak),
        );
        SqliteMemory {
            used: rusqlite::ffi::sqlite3_memory_used(),
            peak: rusqlite::ffi::sqlite3_memory_highwater(i32::from(reset_peak)),
            page_cache: cache,
            page_cache_peak: cache_peak,
        }
    }
}

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
    /// A store opened read-only below schema 3 keeps its sentences in the
    /// old FTS5 table with content.
    legacy_sentences: bool,
    bulk: Option<Bulk>,
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
        // A bulk load into a new store holds its writes in a rollback
        // journal, during which a reader waits instead of failing.
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        Ok(Store {
            conn,
            legacy_sentences: version < 3,
            bulk: None,
        })
    }

    fn init(conn: Connection) -> Result<Store> {
        // Only takes effect on a database without tables yet (a new
        // store); older stores keep their page size.
        conn.pragma_update(None, "page_size", PAGE_SIZE)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // A bulk load's large commits grow the WAL; truncate it back to
        // this size once checkpointed.
        conn.pragma_update(None, "journal_size_limit", 64i64 << 20)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let mut store = Store {
            conn,
            legacy_sentences: false,
            bulk: None,
        };
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
    /// ids are left as they are). During a bulk load ([`Store::begin_bulk`])
    /// the batch joins the load's open transaction instead, all or nothing
    /// (a savepoint), and is committed with it.
    pub fn put_batch(&mut self, items: &[(&[u8], &DocAnalysis)]) -> Result<usize> {
        if self.bulk.is_none() {
            let tx = self.conn.transaction()?;
            let added = write_docs(&tx, items)?;
            tx.commit()?;
            return Ok(added);
        }
        // No savepoint per batch: FTS5 writes its pending index data out
        // as a new segment at every savepoint, which is what a bulk load
        // avoids. A failed batch instead rolls back the load's open
        // transaction (what a crash would do) and ends the load.
        let added = match write_docs(&self.conn, items) {
            Ok(n) => n,
            Err(e) => {
                self.abort_bulk();
                return Err(e);
            }
        };
        if let Some(b) = &mut self.bulk {
            b.pending += items.iter().map(|(o, _)| o.len()).sum::<usize>();
            if b.pending >= b.commit_bytes {
                b.pending = 0;
                if let Err(e) = self.conn.execute_batch("COMMIT; BEGIN") {
                    self.abort_bulk();
                    return Err(e.into());
                }
            }
        }
        Ok(added)
    }

    /// Starts a bulk load (`annalist build`): until [`Store::end_bulk`],
    /// [`Store::put_batch`] and [`Store::save_kb`] write into one open
    /// transaction, committed about every [`BULK_COMMIT_BYTES`] of input
    /// and at `end_bulk`. Far fewer commits mean far fewer FTS5 segments to
    /// write and merge and fewer WAL frames. Into a store that holds no
    /// source yet (nothing to lose, nobody reading it) the load writes its
    /// pages once, through a rollback journal with `synchronous = FULL`,
    /// instead of twice through the WAL; `end_bulk` turns WAL back on.
    ///
    /// Durability is unchanged: whatever was committed survives a crash and
    /// the rest is rolled back (a hot rollback journal is replayed at the
    /// next open). A store dropped without `end_bulk` keeps what was
    /// committed before; the open transaction is rolled back. Calling it
    /// twice is harmless.
    pub fn begin_bulk(&mut self) -> Result<()> {
        if self.bulk.is_some() {
            return Ok(());
        }
        let fresh = self
            .conn
            .query_row("SELECT 1 FROM sources LIMIT 1", [], |_| Ok(()))
            .optional()?
            .is_none();
        // Switching to a rollback journal needs the only connection: with
        // a reader attached it stays in WAL (the pragma answers "wal").
        let rollback_journal = fresh
            && self
                .conn
                .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0))
                .is_ok_and(|m| m.eq_ignore_ascii_case("delete"));
        if rollback_journal {
            self.conn.pragma_update(None, "synchronous", "FULL")?;
        }
        let b = Bulk {
            pending: 0,
            commit_bytes: BULK_COMMIT_BYTES,
            rollback_journal,
        };
        if let Err(e) = self.conn.execute_batch("BEGIN") {
            self.restore_journal(&b);
            return Err(e.into());
        }
        self.bulk = Some(b);
        Ok(())
    }

    /// Rolls back what a bulk load has not committed yet and ends it.
    fn abort_bulk(&mut self) {
        if let Some(b) = self.bulk.take() {
            if !self.conn.is_autocommit() {
                let _ = self.conn.execute_batch("ROLLBACK");
            }
            self.restore_journal(&b);
        }
    }

    /// After a bulk load through a rollback journal, WAL again; should a
    /// reader hold the file, this waits (busy timeout) and at worst leaves
    /// the store in rollback mode, which is as safe, until the next open
    /// turns WAL on again.
    fn restore_journal(&self, b: &Bulk) {
        if b.rollback_journal {
            let _ = self.conn.pragma_update(None, "journal_mode", "WAL");
            let _ = self.conn.pragma_update(None, "synchronous", "NORMAL");
        }
    }

    /// Commits a bulk load ([`Store::begin_bulk`]) and returns to the
    /// normal mode (WAL); a no-op outside one.
    pub fn end_bulk(&mut self) -> Result<()> {
        let Some(b) = self.bulk.take() else {
            return Ok(());
        };
        let done = self.conn.execute_batch("COMMIT");
        if done.is_err() && !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        self.restore_journal(&b);
        done?;
        Ok(())
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
        let mut scratch = Vec::new();
        while let Some(row) = rows.next()? {
            let id = row
                .get_ref(0)?
                .as_str()
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            if !keep(id) {
                continue;
            }
            f(unpack(row.get_ref(1)?, &mut scratch)?);
        }
        Ok(())
    }

    /// The stored analysis of one source.
    pub fn analysis(&self, id: &str) -> Result<Option<DocAnalysis>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT analysis FROM sources WHERE id = ?1")?;
        let mut rows = stmt.query([id])?;
        match rows.next()? {
            Some(row) => Ok(Some(unpack(row.get_ref(0)?, &mut Vec::new())?)),
            None => Ok(None),
        }
    }

    /// Replaces the stored analyses of sources already in the store (by
    /// `meta.id`; unknown ids are ignored), in one transaction. For
    /// re-analysing a source under a newer analyzer: the original, the
    /// metadata columns and the sentence index stay as they are. Inside a
    /// bulk load ([`Store::begin_bulk`]) it joins the load's transaction.
    pub fn replace_analyses(&mut self, items: &[&DocAnalysis]) -> Result<usize> {
        // A savepoint: its own transaction, or part of a bulk load's.
        let tx = self.conn.savepoint()?;
        let mut n = 0;
        {
            let mut stmt = tx.prepare_cached("UPDATE sources SET analysis = ?2 WHERE id = ?1")?;
            let (mut scratch, mut packed) = (Vec::new(), Vec::new());
            for a in items {
                pack_into(*a, &mut scratch, &mut packed)?;
                n += stmt.execute(params![
                    a.meta.id,
                    ToSqlOutput::Borrowed(ValueRef::Blob(&packed))
                ])?;
            }
        }
        tx.commit()?;
        Ok(n)
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
        // A savepoint: its own transaction, or part of a bulk load's.
        let tx = self.conn.savepoint()?;
        tx.execute_batch(
            "DELETE FROM kb_meta; DELETE FROM entities; DELETE FROM entity_names; DELETE FROM events;
             DELETE FROM event_roles; DELETE FROM conflicts; DELETE FROM duplicates;",
        )?;
        tx.execute(
            "INSERT INTO kb_meta (key, value) VALUES ('annalist_version', ?1)",
            [&kb.annalist_version],
        )?;
        {
            let (mut scratch, mut packed) = (Vec::new(), Vec::new());
            let mut ent = tx.prepare(
                "INSERT INTO entities (id, type, name, mentions, json) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let mut names =
                tx.prepare("INSERT INTO entity_names (entity, name) VALUES (?1, ?2)")?;
            for e in &kb.entities {
                pack_into(e, &mut scratch, &mut packed)?;
                ent.execute(params![
                    e.id,
                    e.etype.as_str(),
                    e.name,
                    e.mentions.len() as i64,
                    packed
                ])?;
                for a in &e.aliases {
                    names.execute(params![e.id, a.to_lowercase()])?;
                }
            }
            let mut ev = tx.prepare("INSERT INTO events (id, type, time_value, time_start, time_end, confidence, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
            let mut roles =
                tx.prepare("INSERT INTO event_roles (event, role, entity) VALUES (?1, ?2, ?3)")?;
            for e in &kb.events {
                pack_into(e, &mut scratch, &mut packed)?;
                let t = e.time.as_ref();
                ev.execute(params![
                    e.id,
                    e.etype.as_str(),
                    t.map(|t| &t.value),
                    t.map(|t| &t.start),
                    t.map(|t| &t.end),
                    e.confidence,
                    packed
                ])?;
                for (r, id) in e.roles.all() {
                    roles.execute(params![e.id, r.as_str(), id])?;
                }
            }
            let mut c = tx.prepare(
                "INSERT INTO conflicts (id, event, field, json) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for x in &kb.conflicts {
                pack_into(x, &mut scratch, &mut packed)?;
                c.execute(params![x.id, x.event, x.field, packed])?;
            }
            // Runs of groups ([`LIST`]): the order of groups, and so what
            // `load_kb` returns, is kept.
            let mut d = tx.prepare("INSERT INTO duplicates (json) VALUES (?1)")?;
            let mut row = Vec::new();
            for run in kb.duplicates.chunks(LIST_RUN) {
                pack_into(&run, &mut scratch, &mut packed)?;
                row.clear();
                row.push(LIST);
                row.extend_from_slice(&packed);
                d.execute([&row])?;
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
        // Only the parts a KbSource keeps are decoded; the rest of each
        // analysis is skipped over.
        #[derive(serde::Deserialize)]
        struct SourcePart {
            meta: annalist_model::SourceMeta,
            regions: Vec<annalist_model::Region>,
            timexes: Vec<annalist_model::Timex>,
        }
        let mut stmt = self
            .conn
            .prepare("SELECT analysis FROM sources ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut scratch = Vec::new();
        while let Some(row) = rows.next()? {
            let a: SourcePart = unpack(row.get_ref(0)?, &mut scratch)?;
            kb.sources.push(annalist_model::KbSource {
                meta: a.meta,
                regions: a.regions,
                timexes: a.timexes,
            });
        }
        kb.entities = self.json_rows("SELECT json FROM entities ORDER BY rowid")?;
        kb.events = self.json_rows("SELECT json FROM events ORDER BY rowid")?;
        kb.conflicts = self.json_rows("SELECT json FROM conflicts ORDER BY rowid")?;
        kb.duplicates = self.json_rows("SELECT json FROM duplicates ORDER BY rowid")?;
        Ok(kb)
    }

    fn json_rows<T: serde::de::DeserializeOwned>(&self, sql: &str) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare(sql)?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        let mut scratch = Vec::new();
        while let Some(row) = rows.next()? {
            match row.get_ref(0)? {
                ValueRef::Blob([LIST, run @ ..]) => {
                    out.extend(unpack::<Vec<T>>(ValueRef::Blob(run), &mut scratch)?)
                }
                v => out.push(unpack(v, &mut scratch)?),
            }
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
            if !self.legacy_sentences {
                return self.search_index(q, limit);
            }
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

impl Store {
    /// Runs one FTS5 query on the contentless index: the best `limit`
    /// rowids, then each hit's span and the original bytes under it.
    fn search_index(&self, q: &str, limit: usize) -> rusqlite::Result<Vec<SearchHit>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid FROM sentence_index WHERE sentence_index MATCH ?1 ORDER BY rank LIMIT ?2",
        )?;
        let ids = stmt
            .query_map(params![q, limit as i64], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        let mut hit = self.conn.prepare_cached(
            "SELECT m.source, m.start, m.end, m.region,
                    substr(s.original, m.start + 1, max(m.end - m.start, 0))
             FROM sentence_spans m JOIN sources s ON s.id = m.source WHERE m.id = ?1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let h = hit
                .query_row([id], |r| {
                    let bytes = match r.get_ref(4)? {
                        ValueRef::Blob(b) | ValueRef::Text(b) => b,
                        _ => &[],
                    };
                    Ok(SearchHit {
                        source: r.get(0)?,
                        start: r.get::<_, i64>(1)? as usize,
                        end: r.get::<_, i64>(2)? as usize,
                        region: r.get(3)?,
                        text: String::from_utf8_lossy(bytes).into_owned(),
                    })
                })
                .optional()?;
            out.extend(h);
        }
        Ok(out)
    }
}

/// An open bulk load.
struct Bulk {
    /// Input bytes written since the last commit.
    pending: usize,
    /// Commit when `pending` reaches this ([`BULK_COMMIT_BYTES`]).
    commit_bytes: usize,
    /// The store was empty and is written through a rollback journal.
    rollback_journal: bool,
}

fn write_docs(tx: &Connection, items: &[(&[u8], &DocAnalysis)]) -> Result<usize> {
    let mut added = 0;
    let mut ins = tx.prepare_cached(
        "INSERT OR IGNORE INTO sources (id, file, title, kind, spam, quality, language, byte_len, original, analysis)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut span = tx.prepare_cached(
        "INSERT INTO sentence_spans (source, start, end, region) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut fts = tx.prepare_cached("INSERT INTO sentence_index (rowid, text) VALUES (?1, ?2)")?;
    // Buffers reused for every analysis.
    let (mut scratch, mut packed) = (Vec::new(), Vec::new());
    for (original, a) in items {
        let m = &a.meta;
        pack_into(a, &mut scratch, &mut packed)?;
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
            ToSqlOutput::Borrowed(ValueRef::Blob(&packed)),
        ])?;
        if n == 0 {
            continue;
        }
        added += 1;
        for s in &a.sentences {
            span.execute(params![
                m.id,
                s.span.start as i64,
                s.span.end as i64,
                s.region.as_str()
            ])?;
            let id = tx.last_insert_rowid();
            fts.execute(params![id, slice_lossy(original, s.span).as_ref()])?;
        }
    }
    Ok(added)
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

    /// Writes `docs` the way stores before schema 3 did: JSON text and
    /// every sentence's text in the FTS5 table.
    fn put_legacy(conn: &Connection, docs: &[(&str, &DocAnalysis)]) {
        for (text, a) in docs {
            let m = &a.meta;
            conn.execute(
                "INSERT INTO sources (id, file, title, kind, spam, quality, language, byte_len, original, analysis)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![m.id, m.file, m.title, m.kind.as_str(), m.spam, m.quality, m.language,
                    m.byte_len as i64, text.as_bytes(), serde_json::to_string(a).unwrap()],
            )
            .unwrap();
            for s in &a.sentences {
                conn.execute(
                    "INSERT INTO sentences (text, source, start, end, region) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![slice_lossy(text.as_bytes(), s.span).as_ref(), m.id,
                        s.span.start as i64, s.span.end as i64, s.region.as_str()],
                )
                .unwrap();
            }
        }
    }

    fn sentences(id: &str, text: &str) -> DocAnalysis {
        let mut a = doc(id, text);
        a.sentences.clear();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c == '.' {
                a.sentences.push(Sentence {
                    span: Span::new(start, i + 1),
                    region: if start == 0 {
                        annalist_model::RegionKind::Main
                    } else {
                        annalist_model::RegionKind::Comment
                    },
                    ..Default::default()
                });
                start = i + 2;
            }
        }
        a
    }

    const TEXTS: &[(&str, &str)] = &[
        (
            "a",
            "Trotsky died in Coyoacán. He was attacked with an ice pick. Trotsky was exiled.",
        ),
        (
            "b",
            "Mercader attacked Trotsky in August. The ice pick was hidden in his coat.",
        ),
        (
            "c",
            "Kirov was shot in Leningrad. Trotsky wrote about Kirov. Nothing else.",
        ),
    ];
    const QUERIES: &[&str] = &[
        "trotsky",
        "coyoacan",
        "\"ice pick\"",
        "kirov OR mercader",
        "ice",
        "\"unbalanced",
        "zzz",
    ];

    /// A store of the old layout (schema 2, JSON analyses, sentences with
    /// their text) reads the same read-only and after migration, and the
    /// same documents written now give the same search hits in the same
    /// order.
    #[test]
    fn legacy_stores_read_and_migrate() {
        let path =
            std::env::temp_dir().join(format!("annalist-store-legacy-{}.db", std::process::id()));
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
        }
        let docs: Vec<(&str, DocAnalysis)> =
            TEXTS.iter().map(|(id, t)| (*t, sentences(id, t))).collect();
        let refs: Vec<(&str, &DocAnalysis)> = docs.iter().map(|(t, a)| (*t, a)).collect();
        let kb = KnowledgeBase {
            annalist_version: "old".into(),
            entities: vec![annalist_model::Entity {
                id: "person:leon-trotsky".into(),
                name: "Leon Trotsky".into(),
                aliases: vec!["Trotsky".into()],
                ..Default::default()
            }],
            ..Default::default()
        };
        {
            let conn = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..2] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", 2).unwrap();
            put_legacy(&conn, &refs);
            conn.execute(
                "INSERT INTO kb_meta (key, value) VALUES ('annalist_version', 'old')",
                [],
            )
            .unwrap();
            let e = &kb.entities[0];
            conn.execute(
                "INSERT INTO entities (id, type, name, mentions, json) VALUES (?1, ?2, ?3, 0, ?4)",
                params![
                    e.id,
                    e.etype.as_str(),
                    e.name,
                    serde_json::to_string(e).unwrap()
                ],
            )
            .unwrap();
        }
        let old = Store::open_readonly(&path).unwrap();
        assert_eq!(old.analysis("b").unwrap().as_ref(), Some(&docs[1].1));
        let mut all = Vec::new();
        old.for_each_analysis(|a| all.push(a)).unwrap();
        assert_eq!(all, docs.iter().map(|d| d.1.clone()).collect::<Vec<_>>());
        let loaded = old.load_kb().unwrap();
        assert_eq!(loaded.entities, kb.entities);
        assert_eq!(loaded.sources.len(), 3);
        let before: Vec<_> = QUERIES
            .iter()
            .map(|q| old.search(q, 100).unwrap())
            .collect();
        assert_eq!(before[0].len(), 4);
        assert_eq!(before[1][0].text, "Trotsky died in Coyoacán.");
        assert_eq!(before[2].len(), 2);

        // Opened for writing, it is migrated: same answers.
        let mut migrated = Store::open(&path).unwrap();
        assert_eq!(migrated.schema_version().unwrap(), MIGRATIONS.len() as i64);
        for (q, hits) in QUERIES.iter().zip(&before) {
            assert_eq!(&migrated.search(q, 100).unwrap(), hits, "{q}");
            assert_eq!(
                migrated.search(q, 1).unwrap(),
                hits.iter().take(1).cloned().collect::<Vec<_>>()
            );
        }
        assert_eq!(migrated.load_kb().unwrap(), loaded);
        // New documents go on beside the old ones.
        let d = sentences("d", "Trotsky arrived in Mexico.");
        assert_eq!(
            migrated
                .put_batch(&[("Trotsky arrived in Mexico.".as_bytes(), &d)])
                .unwrap(),
            1
        );
        assert_eq!(migrated.search("trotsky", 100).unwrap().len(), 5);
        assert_eq!(migrated.analysis("d").unwrap(), Some(d));
        assert_eq!(migrated.analysis("a").unwrap().as_ref(), Some(&docs[0].1));
        drop((old, migrated));

        // The same documents written now: the same hits in the same order.
        let mut fresh = Store::in_memory().unwrap();
        fresh
            .put_batch(
                &refs
                    .iter()
                    .map(|(t, a)| (t.as_bytes(), *a))
                    .collect::<Vec<_>>(),
            )
            .unwrap();
        for (q, hits) in QUERIES.iter().zip(&before) {
            assert_eq!(&fresh.search(q, 100).unwrap(), hits, "{q}");
        }
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
        }
    }

    #[test]
    fn packed_values_round_trip_and_bad_ones_are_errors() {
        let small = sentences("a", TEXTS[0].1);
        let (mut scratch, mut packed) = (Vec::new(), Vec::new());
        pack_into(&small, &mut scratch, &mut packed).unwrap();
        assert_eq!(packed[0], PLAIN);
        let back: DocAnalysis = unpack(ValueRef::Blob(&packed), &mut scratch).unwrap();
        assert_eq!(back, small);
        for cut in [1, packed.len() / 2, packed.len() - 1] {
            assert!(unpack::<DocAnalysis>(ValueRef::Blob(&packed[..cut]), &mut scratch).is_err());
        }
        let mut a = small.clone();
        for i in 0..40 {
            a.sentences.push(Sentence {
                span: Span::new(i, i + 1),
                ..Default::default()
            });
        }
        pack_into(&a, &mut scratch, &mut packed).unwrap();
        assert_eq!(packed[0], PACKED);
        let back: DocAnalysis = unpack(ValueRef::Blob(&packed), &mut scratch).unwrap();
        assert_eq!(back, a);
        let json = serde_json::to_vec(&a).unwrap();
        let back: DocAnalysis = unpack(ValueRef::Text(&json), &mut scratch).unwrap();
        assert_eq!(back, a);
        // Truncated, wrong tag, absurd length, wrong type: errors, never panics.
        let mut bad: Vec<Vec<u8>> = vec![
            packed[..packed.len() / 2].to_vec(),
            vec![9, 1, 2, 3],
            vec![PACKED, 0xff, 0xff, 0xff, 0xff, 1, 2],
            vec![PACKED],
            Vec::new(),
        ];
        let mut flipped = packed.clone();
        for b in flipped.iter_mut().skip(5).step_by(7) {
            *b ^= 0x5a;
        }
        bad.push(flipped);
        for b in &bad {
            assert!(unpack::<DocAnalysis>(ValueRef::Blob(b), &mut scratch).is_err());
        }
        assert!(unpack::<DocAnalysis>(ValueRef::Integer(3), &mut scratch).is_err());
    }

    fn temp_db(name: &str) -> std::path::PathBuf {
        let path =
            std::env::temp_dir().join(format!("annalist-store-{name}-{}.db", std::process::id()));
        remove_db(&path);
        path
    }

    fn remove_db(path: &Path) {
        for ext in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
        }
    }

    fn journal_mode(s: &Store) -> String {
        s.conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap()
    }

    /// A bulk load (into a fresh file, through a rollback journal, and into
    /// a store that already holds sources, through the WAL) stores the same
    /// and answers every search with the same hits in the same order as
    /// one transaction per batch.
    #[test]
    fn bulk_load_matches_batch_by_batch() {
        let docs: Vec<(&str, DocAnalysis)> =
            TEXTS.iter().map(|(id, t)| (*t, sentences(id, t))).collect();
        let items: Vec<(&[u8], &DocAnalysis)> =
            docs.iter().map(|(t, a)| (t.as_bytes(), a)).collect();
        let kb = KnowledgeBase {
            annalist_version: "x".into(),
            ..Default::default()
        };
        let mut plain = Store::in_memory().unwrap();
        for it in &items {
            plain.put_batch(&[*it]).unwrap();
        }
        plain.save_kb(&kb).unwrap();

        let path = temp_db("bulk");
        let mut bulk = Store::open(&path).unwrap();
        assert_eq!(journal_mode(&bulk), "wal");
        let hashsize: i64 = bulk
            .conn
            .query_row(
                "SELECT v FROM sentence_index_config WHERE k = 'hashsize'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(hashsize, FTS_HASHSIZE);
        bulk.begin_bulk().unwrap();
        bulk.begin_bulk().unwrap();
        assert_eq!(journal_mode(&bulk), "delete", "a fresh store skips the WAL");
        assert_eq!(bulk.put_batch(&items[..1]).unwrap(), 1);
        assert_eq!(
            bulk.put_batch(&items[..2]).unwrap(),
            1,
            "the first is stored"
        );
        bulk.end_bulk().unwrap();
        bulk.end_bulk().unwrap();
        assert_eq!(journal_mode(&bulk), "wal");
        // A second load into a store that holds sources stays in WAL.
        bulk.begin_bulk().unwrap();
        assert_eq!(journal_mode(&bulk), "wal");
        assert_eq!(bulk.put_batch(&items[2..]).unwrap(), 1);
        bulk.save_kb(&kb).unwrap();
        bulk.end_bulk().unwrap();
        drop(bulk);
        let bulk = Store::open_readonly(&path).unwrap();
        for q in QUERIES {
            for limit in [1, 2, 100] {
                assert_eq!(
                    bulk.search(q, limit).unwrap(),
                    plain.search(q, limit).unwrap(),
                    "{q} {limit}"
                );
            }
        }
        assert_eq!(bulk.load_kb().unwrap(), plain.load_kb().unwrap());
        let (mut a, mut b) = (Vec::new(), Vec::new());
        bulk.for_each_analysis(|x| a.push(x)).unwrap();
        plain.for_each_analysis(|x| b.push(x)).unwrap();
        assert_eq!(a, b);
        drop(bulk);
        remove_db(&path);
    }

    /// What a bulk load has not committed is gone after a failed batch or a
    /// store dropped mid-load; what it committed stays; the store reopens
    /// in WAL and takes more.
    #[test]
    fn bulk_load_failure_keeps_the_committed_state() {
        let docs: Vec<(&str, DocAnalysis)> =
            TEXTS.iter().map(|(id, t)| (*t, sentences(id, t))).collect();
        let items: Vec<(&[u8], &DocAnalysis)> =
            docs.iter().map(|(t, a)| (t.as_bytes(), a)).collect();
        let path = temp_db("bulk-fail");
        let mut s = Store::open(&path).unwrap();
        s.put_batch(&items[..1]).unwrap();
        s.conn
            .execute_batch(
                "CREATE TRIGGER fail BEFORE INSERT ON sources WHEN NEW.id = 'c'
                 BEGIN SELECT RAISE(ABORT, 'refused'); END;",
            )
            .unwrap();
        s.begin_bulk().unwrap();
        assert_eq!(s.put_batch(&items[1..2]).unwrap(), 1);
        assert!(s.put_batch(&items[2..]).is_err());
        assert!(s.bulk.is_none(), "a failed batch ends the load");
        let ids = s.source_ids().unwrap();
        assert_eq!(ids.len(), 1, "{ids:?}");
        assert_eq!(s.search("mercader", 10).unwrap(), vec![]);
        s.conn.execute_batch("DROP TRIGGER fail").unwrap();
        // Dropped mid-load: the uncommitted batch is rolled back.
        s.begin_bulk().unwrap();
        s.put_batch(&items[1..]).unwrap();
        drop(s);
        let mut s = Store::open(&path).unwrap();
        assert_eq!(journal_mode(&s), "wal");
        assert_eq!(s.stats().unwrap().sources, 1);
        assert_eq!(s.search("trotsky", 10).unwrap().len(), 2);
        s.begin_bulk().unwrap();
        assert_eq!(s.put_batch(&items).unwrap(), 2);
        s.end_bulk().unwrap();
        assert_eq!(s.search("trotsky", 10).unwrap().len(), 4);
        // Past the commit size, what was written is committed: another
        // connection sees it while the load goes on.
        let d = sentences("d", "Trotsky arrived in Mexico.");
        s.begin_bulk().unwrap();
        s.bulk.as_mut().unwrap().commit_bytes = 1;
        assert_eq!(
            s.put_batch(&[(b"Trotsky arrived in Mexico.", &d)]).unwrap(),
            1
        );
        let other = Store::open_readonly(&path).unwrap();
        assert_eq!(other.stats().unwrap().sources, 4);
        assert_eq!(other.search("mexico", 10).unwrap().len(), 1);
        drop(other);
        s.end_bulk().unwrap();
        drop(s);
        remove_db(&path);
    }

    /// Duplicate groups are stored in runs ([`LIST`]); a store holding one
    /// group per row (schema 4) beside them reads back in row order.
    #[test]
    fn duplicate_runs_round_trip_beside_single_rows() {
        let group = |i: usize| annalist_model::DuplicateGroup {
            members: vec![
                annalist_model::SourceSpan {
                    source: format!("s{i}").into(),
                    start: i,
                    end: i + 10,
                },
                annalist_model::SourceSpan {
                    source: "t".into(),
                    start: 2 * i,
                    end: 2 * i + 10,
                },
            ],
            kind: if i.is_multiple_of(2) { "exact" } else { "near" }.into(),
        };
        let mut s = Store::in_memory().unwrap();
        for n in [0, 1, LIST_RUN, 2 * LIST_RUN + 7] {
            let kb = KnowledgeBase {
                annalist_version: "x".into(),
                duplicates: (0..n).map(group).collect(),
                ..Default::default()
            };
            s.save_kb(&kb).unwrap();
            assert_eq!(s.load_kb().unwrap(), kb, "{n} groups");
            let rows: i64 = s
                .conn
                .query_row("SELECT count(*) FROM duplicates", [], |r| r.get(0))
                .unwrap();
            assert_eq!(rows as usize, n.div_ceil(LIST_RUN));
        }
        // Rows of one group each, as schema 4 wrote them, then a run.
        let (mut scratch, mut packed) = (Vec::new(), Vec::new());
        s.conn.execute("DELETE FROM duplicates", []).unwrap();
        for i in 0..3 {
            pack_into(&group(i), &mut scratch, &mut packed).unwrap();
            s.conn
                .execute("INSERT INTO duplicates (json) VALUES (?1)", [&packed])
                .unwrap();
        }
        s.conn
            .execute(
                "INSERT INTO duplicates (json) VALUES (?1)",
                [serde_json::to_string(&group(3)).unwrap()],
            )
            .unwrap();
        pack_into(&[group(4), group(5)], &mut scratch, &mut packed).unwrap();
        packed.insert(0, LIST);
        s.conn
            .execute("INSERT INTO duplicates (json) VALUES (?1)", [&packed])
            .unwrap();
        let want: Vec<_> = (0..6).map(group).collect();
        assert_eq!(s.load_kb().unwrap().duplicates, want);
        // A damaged run is an error, not a panic.
        s.conn
            .execute(
                "INSERT INTO duplicates (json) VALUES (?1)",
                [vec![LIST, PLAIN, 0x93]],
            )
            .unwrap();
        assert!(s.load_kb().is_err());
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
