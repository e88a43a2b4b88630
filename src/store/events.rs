//! The audit trail: the hash-chained `events` table, appended to by every
//! change and verified by `audit`.

use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};

use super::rows::{columns, Columns};
use super::{now, Reader, Tx};
use crate::error::Result;

/// The `prev_hash` of the first event.
const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// How many hex digits of the first event's hash make the ledger's id.
const LEDGER_ID_DIGITS: usize = 16;

/// What `audit` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditOutcome {
    /// Every row's hash checks out.
    Intact {
        /// Number of rows.
        events: i64,
        /// The newest row's hash: written down elsewhere, it shows later
        /// whether rows were cut from the end of the chain.
        head: String,
    },
    /// SQLite's own check of the file failed.
    Damaged {
        /// What SQLite reported.
        problem: String,
    },
    /// A row refers to a row that is not in the ledger.
    Dangling {
        /// Which row, which column and where it points, in words.
        problem: String,
    },
    /// The first row whose hash does not check out.
    Broken {
        /// Its id.
        id: i64,
        /// What is wrong with it.
        problem: String,
    },
}

/// The hash chained through `events`: SHA-256 over the previous hash and the
/// row's content, fields separated by newlines.
pub fn event_hash(
    prev_hash: &str,
    id: i64,
    at: &str,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    detail: &str,
) -> String {
    let mut hasher = Sha256::new();
    let entity_id = entity_id.map(|v| v.to_string()).unwrap_or_default();
    for part in [
        prev_hash,
        &id.to_string(),
        at,
        action,
        entity,
        &entity_id,
        detail,
    ] {
        hasher.update(part.as_bytes());
        hasher.update(b"\n");
    }
    hex(&hasher.finalize())
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// A stored event, as `audit` checks it.
pub(super) struct Event {
    id: i64,
    at: String,
    action: String,
    entity: String,
    entity_id: Option<i64>,
    detail: String,
    prev_hash: String,
    hash: String,
}

columns! {
    /// An event's columns.
    EventColumns -> Event {
        id = "id",
        at = "at",
        action = "action",
        entity = "entity",
        entity_id = "entity_id",
        detail = "detail",
        prev_hash = "prev_hash",
        hash = "hash",
    }
}

impl Tx<'_> {
    /// Appends a hash-chained row to `events`.
    pub fn event(
        &self,
        action: &str,
        entity: &str,
        entity_id: Option<i64>,
        detail: &serde_json::Value,
    ) -> Result<()> {
        let mut tail = self.tail.borrow_mut();
        let (last_id, prev) = match tail.take() {
            Some(tail) => tail,
            None => self
                .tx
                .prepare_cached("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1")?
                .query_row([], |row| Ok((row.get("id")?, row.get("hash")?)))
                .optional()?
                .unwrap_or_else(|| (0, GENESIS_HASH.to_string())),
        };
        let id = last_id + 1;
        let at = now();
        let detail = serde_json::to_string(detail)?;
        let hash = event_hash(&prev, id, &at, action, entity, entity_id, &detail);
        self.tx
            .prepare_cached(
                "INSERT INTO events (id, at, action, entity, entity_id, detail, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                id, at, action, entity, entity_id, detail, prev, hash
            ])?;
        *tail = Some((id, hash));
        Ok(())
    }
}

impl Reader<'_> {
    /// The ledger's id: "L" and the first 16 hex digits of its first event's hash,
    /// which `init` writes with the moment it ran. Copies and backups of a
    /// ledger share it; two ledgers made apart do not. Exports carry it, so
    /// `import` can refuse a file from another ledger. Empty for a ledger
    /// with no events.
    pub fn ledger_id(&self) -> Result<String> {
        let first: Option<String> = self
            .conn
            .prepare_cached("SELECT hash FROM events ORDER BY id LIMIT 1")?
            .query_row([], |row| row.get(0))
            .optional()?;
        // A letter first, so that a spreadsheet keeps it as text.
        Ok(first
            .map(|h| format!("L{}", &h[..LEDGER_ID_DIGITS.min(h.len())]))
            .unwrap_or_default())
    }

    /// Walks the events chain and reports the first row that does not check out.
    pub fn audit(&self) -> Result<AuditOutcome> {
        let check: String = self
            .conn
            .query_row("PRAGMA quick_check", [], |row| row.get(0))?;
        if check != "ok" {
            return Ok(AuditOutcome::Damaged { problem: check });
        }
        // ingest and check write without foreign key checks: make sure.
        let dangling = self
            .conn
            .query_row(
                "SELECT c.\"table\" AS child, c.rowid AS row_id, l.\"from\" AS reference,
                        c.parent AS parent
                 FROM pragma_foreign_key_check c
                 JOIN pragma_foreign_key_list(c.\"table\") l ON l.id = c.fkid
                 LIMIT 1",
                [],
                |row| {
                    Ok(format!(
                        "{} row {}: its {} names no row of {}",
                        row.get::<_, String>("child")?,
                        row.get::<_, i64>("row_id")?,
                        row.get::<_, String>("reference")?,
                        row.get::<_, String>("parent")?
                    ))
                },
            )
            .optional()?;
        if let Some(problem) = dangling {
            return Ok(AuditOutcome::Dangling { problem });
        }
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {} FROM events ORDER BY id",
            EventColumns::select()
        ))?;
        let columns = EventColumns::of(&stmt)?;
        let mut rows = stmt.query([])?;
        let mut prev = GENESIS_HASH.to_string();
        let mut count = 0;
        while let Some(row) = rows.next()? {
            let Event {
                id,
                at,
                action,
                entity,
                entity_id,
                detail,
                prev_hash,
                hash,
            } = columns.read(row)?;
            if prev_hash != prev {
                return Ok(AuditOutcome::Broken {
                    id,
                    problem: "its prev_hash is not the previous row's hash (a row was removed or reordered)"
                        .into(),
                });
            }
            let expected = event_hash(&prev, id, &at, &action, &entity, entity_id, &detail);
            if hash != expected {
                return Ok(AuditOutcome::Broken {
                    id,
                    problem: "its content does not match its hash (the row was edited)".into(),
                });
            }
            prev = hash;
            count += 1;
        }
        Ok(AuditOutcome::Intact {
            events: count,
            head: prev,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Outlet, OutletKind};
    use crate::store::Ledger;

    #[test]
    fn event_hash_changes_with_every_field() {
        let base = event_hash(GENESIS_HASH, 1, "t", "add", "claim", Some(3), "{}");
        assert_eq!(base.len(), 64);
        assert_ne!(
            base,
            event_hash(GENESIS_HASH, 2, "t", "add", "claim", Some(3), "{}")
        );
        assert_ne!(
            base,
            event_hash(GENESIS_HASH, 1, "t", "add", "claim", None, "{}")
        );
        assert_ne!(
            base,
            event_hash(GENESIS_HASH, 1, "t", "add", "claim", Some(3), "{ }")
        );
    }

    #[test]
    fn init_then_audit_is_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.db");
        let (mut ledger, created) = Ledger::init(&path).unwrap();
        assert!(created);
        let tx = ledger.begin().unwrap();
        let outlet = Outlet {
            id: 0,
            name: "Press TV".into(),
            kind: OutletKind::StateMedia,
            country: Some("Iran".into()),
            owner: None,
        };
        tx.add_outlet(&outlet).unwrap();
        tx.commit().unwrap();
        assert!(matches!(
            ledger.read().audit().unwrap(),
            AuditOutcome::Intact { events: 2, .. }
        ));
    }
}
