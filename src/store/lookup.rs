//! Lookups of one row by id or name, and the listings of the command line.

use rusqlite::{params, OptionalExtension};

use super::report::ClaimFilter;
use super::rows::*;
use super::Reader;
use crate::error::{Error, Result};

impl Reader<'_> {
    /// All outlets, by name.
    pub fn outlets(&self) -> Result<Vec<OutletRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, o.name, o.kind, o.country, o.owner,
                    (SELECT count(*) FROM documents d WHERE d.outlet_id = o.id)
             FROM outlets o ORDER BY o.name COLLATE NOCASE, o.id",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(OutletRow {
                id: row.get(0)?,
                name: row.get(1)?,
                kind: row.get(2)?,
                country: row.get(3)?,
                owner: row.get(4)?,
                documents: row.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The id of the outlet with this name (any case) or this numeric id.
    pub fn outlet_id(&self, name_or_id: &str) -> Result<i64> {
        let key = name_or_id.trim();
        let found: Option<i64> = self
            .conn
            .prepare_cached("SELECT id FROM outlets WHERE name = ?1 UNION ALL SELECT id FROM outlets WHERE id = ?2 LIMIT 1")?
            .query_row(params![key, key.parse::<i64>().ok()], |row| row.get(0))
            .optional()?;
        found.ok_or_else(|| Error::NotFound {
            what: "outlet",
            key: format!("'{name_or_id}'"),
        })
    }

    /// All actors with their aliases, by name.
    pub fn actors(&self) -> Result<Vec<ActorRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.name, a.kind,
                    (SELECT group_concat(alias, char(31)) FROM
                        (SELECT alias FROM actor_aliases WHERE actor_id = a.id ORDER BY alias)),
                    (SELECT count(*) FROM mentions m WHERE m.actor_id = a.id)
             FROM actors a ORDER BY a.name COLLATE NOCASE, a.id",
        )?;
        let rows = stmt.query_map([], |row| {
            let aliases: Option<String> = row.get(3)?;
            Ok(ActorRow {
                id: row.get(0)?,
                name: row.get(1)?,
                kind: row.get(2)?,
                aliases: aliases
                    .map(|s| s.split('\u{1f}').map(str::to_string).collect())
                    .unwrap_or_default(),
                mentions: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The actor known by this name, alias (any case) or numeric id.
    pub fn find_actor(&self, name: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id FROM actors WHERE name = ?1
                 UNION ALL SELECT actor_id FROM actor_aliases WHERE alias = ?1
                 UNION ALL SELECT id FROM actors WHERE id = ?2 LIMIT 1",
            )?
            .query_row(
                params![name.trim(), name.trim().parse::<i64>().ok()],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// The actor known by this name, alias or id, or a not-found error.
    pub fn actor_id(&self, name: &str) -> Result<i64> {
        self.find_actor(name)?.ok_or_else(|| Error::NotFound {
            what: "actor",
            key: format!("'{name}'"),
        })
    }

    /// One document.
    pub fn document(&self, id: i64) -> Result<DocumentRow> {
        self.conn
            .prepare_cached(
                "SELECT d.id, o.name, d.title, d.url, d.published, d.source, d.text
                 FROM documents d JOIN outlets o ON o.id = d.outlet_id WHERE d.id = ?1",
            )?
            .query_row([id], |row| {
                Ok(DocumentRow {
                    id: row.get(0)?,
                    outlet: row.get(1)?,
                    title: row.get(2)?,
                    url: row.get(3)?,
                    published: row.get(4)?,
                    source: row.get(5)?,
                    text: row.get(6)?,
                })
            })
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "document",
                key: id.to_string(),
            })
    }

    /// Claims with their verdicts, by id.
    pub fn claims(&self, filter: &ClaimFilter<'_>) -> Result<Vec<ClaimRow>> {
        let sql = format!(
            "SELECT {CLAIM_COLUMNS}, {COUNT_JOINED}
             FROM claims c
             LEFT JOIN actors a ON a.id = c.speaker_id
             {VERDICT_JOIN}
             {COUNTS_JOIN}
             WHERE (?1 IS NULL OR v.status = ?1)
               AND (?2 IS NULL OR c.kind = ?2)
               AND (?3 OR c.retracted_at IS NULL)
               AND (?4 IS NULL OR EXISTS (
                    SELECT 1 FROM mentions m JOIN documents d ON d.id = m.document_id
                    JOIN outlets o ON o.id = d.outlet_id
                    WHERE m.claim_id = c.id AND o.name = ?4))
             ORDER BY c.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![filter.status, filter.kind, filter.retracted, filter.outlet],
            claim_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One claim with its verdict.
    pub fn claim(&self, id: i64) -> Result<ClaimRow> {
        let sql = format!(
            "SELECT {CLAIM_COLUMNS}, {COUNT_EACH} FROM claims c
             LEFT JOIN actors a ON a.id = c.speaker_id
             {VERDICT_JOIN} WHERE c.id = ?1"
        );
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], claim_row)
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "claim",
                key: id.to_string(),
            })
    }

    /// The mentions of a claim, by id.
    pub fn mentions_of(&self, claim_id: i64) -> Result<Vec<MentionRow>> {
        let sql = format!(
            "SELECT {MENTION_COLUMNS} FROM mentions m
             JOIN documents d ON d.id = m.document_id
             JOIN outlets o ON o.id = d.outlet_id
             LEFT JOIN actors a ON a.id = m.actor_id
             WHERE m.claim_id = ?1 ORDER BY m.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([claim_id], mention_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One mention.
    pub fn mention(&self, id: i64) -> Result<MentionRow> {
        let sql = format!(
            "SELECT {MENTION_COLUMNS} FROM mentions m
             JOIN documents d ON d.id = m.document_id
             JOIN outlets o ON o.id = d.outlet_id
             LEFT JOIN actors a ON a.id = m.actor_id
             WHERE m.id = ?1"
        );
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], mention_row)
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "mention",
                key: id.to_string(),
            })
    }

    /// The links touching a claim.
    pub fn links_of(&self, claim_id: i64) -> Result<Vec<ClaimLinkRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT from_claim, to_claim, relation, origin, rejected, note FROM claim_links
             WHERE from_claim = ?1 OR to_claim = ?1 ORDER BY from_claim, to_claim, relation",
        )?;
        let rows = stmt.query_map([claim_id], |row| claim_link_row_at(row, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
