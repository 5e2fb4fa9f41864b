//! The store stage: records in SQLite, queryable by region, country, person
//! and date, with events of one real-world event sharing a cluster number.
//!
//! Tables: `documents` (one row per record), `events` (with `cluster` from
//! [`crate::resolve`]), `facts` (an event's regions, countries, foreign
//! regions, organisations, sectors and agreements as `(field, value)` rows),
//! `people` and `figures` (with their evidence sentence). Storing a document
//! again replaces its earlier rows.

use std::path::Path;

use rusqlite::{params, Connection};
use yntymaq_core::record::Event;

use crate::output::Record;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("cannot serialise a record: {0}")]
    Json(#[from] serde_json::Error),
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY, url TEXT, lang TEXT NOT NULL, title TEXT, published TEXT,
  relevant INTEGER NOT NULL, body TEXT NOT NULL, source TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, type TEXT NOT NULL, date TEXT, confidence REAL, cluster INTEGER, record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS facts (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE, field TEXT NOT NULL, value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS people (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  name TEXT NOT NULL, role TEXT NOT NULL, side TEXT NOT NULL, evidence TEXT
);
CREATE TABLE IF NOT EXISTS figures (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  metric TEXT NOT NULL, value REAL NOT NULL, currency TEXT NOT NULL, period TEXT, evidence TEXT
);
CREATE INDEX IF NOT EXISTS facts_by_value ON facts(field, value);
CREATE INDEX IF NOT EXISTS people_by_name ON people(name);
CREATE INDEX IF NOT EXISTS events_by_doc ON events(doc_id);
";

/// A SQLite store of records.
pub struct Store {
    conn: Connection,
}

/// One stored event with the document it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    pub doc_id: String,
    pub cluster: Option<i64>,
    pub event: Event,
}

impl Store {
    /// Opens (creating if needed) a store at `path`; `:memory:` for a temporary one.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")?;
        conn.execute_batch(SCHEMA)?;
        Ok(Store { conn })
    }

    /// Stores records in one transaction, replacing earlier versions of the same documents.
    pub fn put_all<'a>(&mut self, records: impl IntoIterator<Item = &'a Record>) -> Result<usize, StoreError> {
        let tx = self.conn.transaction()?;
        let mut n = 0;
        for r in records {
            tx.execute("DELETE FROM documents WHERE id = ?1", params![r.id])?;
            tx.execute(
                "INSERT INTO documents (id, url, lang, title, published, relevant, body, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![r.id, r.url, r.lang, r.title, r.published, r.relevant, r.body, serde_json::to_string(&r.source)?],
            )?;
            for (idx, e) in r.events.iter().enumerate() {
                tx.execute(
                    "INSERT INTO events (doc_id, idx, type, date, confidence, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![r.id, idx as i64, e.kind, e.date, e.confidence as f64, serde_json::to_string(e)?],
                )?;
                let id = tx.last_insert_rowid();
                let lists = e.string_fields();
                for (field, values) in lists {
                    for v in values {
                        tx.execute(
                            "INSERT INTO facts (event_id, field, value) VALUES (?1, ?2, ?3)",
                            params![id, field, v],
                        )?;
                    }
                }
                for p in &e.people {
                    tx.execute(
                        "INSERT INTO people (event_id, name, role, side, evidence) VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![id, p.name, p.role, p.side, p.evidence.as_ref().map(|e| e.text.as_str())],
                    )?;
                }
                for f in &e.figures {
                    tx.execute(
                        "INSERT INTO figures (event_id, metric, value, currency, period, evidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![id, f.metric, f.value, f.currency, f.period, f.evidence.as_ref().map(|e| e.text.as_str())],
                    )?;
                }
            }
            n += 1;
        }
        tx.commit()?;
        Ok(n)
    }

    /// Recomputes the clusters of all stored events; returns how many real-world events there are.
    pub fn resolve(&mut self) -> Result<usize, StoreError> {
        let rows: Vec<(i64, Event)> = {
            let mut st = self.conn.prepare("SELECT id, record FROM events ORDER BY COALESCE(date, ''), id")?;
            let it = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            let mut v = Vec::new();
            for row in it {
                let (id, json) = row?;
                v.push((id, serde_json::from_str(&json)?));
            }
            v
        };
        let events: Vec<&Event> = rows.iter().map(|(_, e)| e).collect();
        let clusters = crate::resolve::cluster(&events);
        let tx = self.conn.transaction()?;
        for ((id, _), c) in rows.iter().zip(&clusters) {
            tx.execute("UPDATE events SET cluster = ?1 WHERE id = ?2", params![*c as i64, id])?;
        }
        tx.commit()?;
        Ok(clusters.iter().max().map(|m| m + 1).unwrap_or(0))
    }

    /// Events with a fact `field = value` (e.g. `regions`, `KZ-63`), oldest first.
    pub fn events_with(&self, field: &str, value: &str) -> Result<Vec<StoredEvent>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT e.doc_id, e.cluster, e.record FROM events e JOIN facts f ON f.event_id = e.id \
             WHERE f.field = ?1 AND f.value = ?2 ORDER BY COALESCE(e.date, ''), e.id",
        )?;
        let it = st.query_map(params![field, value], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?))
        })?;
        let mut out = Vec::new();
        for row in it {
            let (doc_id, cluster, json) = row?;
            out.push(StoredEvent { doc_id, cluster, event: serde_json::from_str(&json)? });
        }
        Ok(out)
    }

    /// The number of documents and of events stored.
    pub fn counts(&self) -> Result<(usize, usize), StoreError> {
        let d: i64 = self.conn.query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))?;
        let e: i64 = self.conn.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?;
        Ok((d as usize, e as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yntymaq_core::record::Person;
    use yntymaq_core::Source;

    fn record(id: &str, date: &str, akim: &str) -> Record {
        Record {
            id: id.into(),
            url: None,
            lang: "ru".into(),
            relevant: true,
            events: vec![Event {
                kind: "meeting".into(),
                date: Some(date.into()),
                regions: vec!["KZ-63".into()],
                countries: vec!["DE".into()],
                people: vec![Person { name: akim.into(), role: "akim".into(), side: "kz".into(), evidence: None }],
                ..Default::default()
            }],
            title: None,
            published: Some(date.into()),
            body: "…".into(),
            source: Source { path: format!("{id}.txt"), ..Default::default() },
            script: None,
            author: None,
            site_name: None,
            annotations: None,
        }
    }

    #[test]
    fn stores_queries_replaces_and_resolves() {
        let mut s = Store::open(":memory:").unwrap();
        let a = record("a", "2025-10-01", "Ермек Кошербаев");
        let b = record("b", "2025-10-02", "Yermek Kosherbayev");
        let c = record("c", "2025-12-01", "Ермек Кошербаев");
        assert_eq!(s.put_all([&a, &b, &c]).unwrap(), 3);
        assert_eq!(s.put_all([&a]).unwrap(), 1, "storing again replaces");
        assert_eq!(s.counts().unwrap(), (3, 3));
        assert_eq!(s.resolve().unwrap(), 2);
        let events = s.events_with("regions", "KZ-63").unwrap();
        assert_eq!(events.len(), 3);
        let ab: Vec<Option<i64>> = events.iter().filter(|e| e.doc_id != "c").map(|e| e.cluster).collect();
        assert_eq!(ab[0], ab[1]);
        assert_ne!(events.iter().find(|e| e.doc_id == "c").unwrap().cluster, ab[0]);
        assert!(s.events_with("countries", "CN").unwrap().is_empty());
    }
}
