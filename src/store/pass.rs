//! What the corroboration pass reads: every outlet, document, actor, claim,
//! mention and link, the mentions on two connections at once.

use rusqlite::{Connection, OpenFlags};

use super::rows::fingerprint_from_blob;
use super::{configure, Tx};
use crate::corroborate::{
    ActorNode, ClaimLinkEdge, ClaimNode, DocumentNode, MentionNode, OutletLinkEdge, OutletNode,
    PassInput,
};
use crate::error::Result;

/// Every row of `sql`, mapped by `f`; about `expected` of them.
fn all<T>(
    conn: &Connection,
    sql: &str,
    expected: usize,
    f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    collect(conn.prepare(sql)?.query_map([], f)?, expected)
}

/// The rows, in a vector made for about `expected` of them: growing one
/// of millions of rows by doubling copies it over and over.
fn collect<T>(rows: impl Iterator<Item = rusqlite::Result<T>>, expected: usize) -> Result<Vec<T>> {
    let mut out = Vec::with_capacity(expected);
    for row in rows {
        out.push(row?);
    }
    Ok(out)
}

/// The largest id `sql` finds, 0 for an empty table.
fn last_id(conn: &Connection, sql: &str) -> Result<i64> {
    Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0))?.max(0))
}

/// The mentions with ids in `ids`, as the corroboration pass reads them.
fn mention_nodes(
    conn: &Connection,
    ids: std::ops::RangeInclusive<i64>,
) -> Result<Vec<MentionNode>> {
    let mut stmt = conn.prepare(
        "SELECT id, claim_id, document_id, actor_id, stance, quote, relayed_by
         FROM mentions WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
    )?;
    let expected = (ids.end() - ids.start() + 1).max(0) as usize;
    let rows = stmt.query_map([*ids.start(), *ids.end()], |r| {
        Ok(MentionNode {
            id: r.get(0)?,
            claim_id: r.get(1)?,
            document_id: r.get(2)?,
            actor_id: r.get(3)?,
            stance: r.get(4)?,
            quote: r.get(5)?,
            relayed_by: r.get(6)?,
        })
    })?;
    collect(rows, expected)
}

impl Tx<'_> {
    /// Everything the corroboration pass reads. A second connection reads
    /// the newer mentions while this one reads the rest (at 100k articles,
    /// about 1 s of reading on each). It sees the ledger as this
    /// transaction does while this one has written nothing (it holds the
    /// write lock, so nobody else writes); after a write, or when no thread
    /// or connection can be had, this connection reads everything.
    pub fn pass_input(&self) -> Result<PassInput> {
        let c: &Connection = &self.tx;
        let last = last_id(c, "SELECT coalesce(max(id), 0) FROM mentions")?;
        // The mentions are most of the reading. This connection reads the
        // other tables first, which takes about as long as 60% of the
        // mentions (100k articles), so it takes a fifth of them.
        let split = last / 5;
        let path = c
            .path()
            .filter(|p| !p.is_empty() && c.total_changes() == self.changes_at_begin)
            .map(str::to_owned);
        std::thread::scope(|scope| {
            let newer = path.and_then(|path| {
                let read = move || -> Result<Option<Vec<MentionNode>>> {
                    let Ok(conn) = Connection::open_with_flags(
                        path,
                        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                    ) else {
                        return Ok(None);
                    };
                    configure(&conn)?;
                    mention_nodes(&conn, split + 1..=last).map(Some)
                };
                std::thread::Builder::new().spawn_scoped(scope, read).ok()
            });
            let mut input = self.pass_input_but_mentions()?;
            let Some(newer) = newer else {
                input.mentions = mention_nodes(c, 0..=last)?;
                return Ok(input);
            };
            input.mentions = mention_nodes(c, 0..=split)?;
            let newer = match newer.join() {
                Ok(newer) => newer?,
                Err(panic) => std::panic::resume_unwind(panic),
            };
            match newer {
                Some(newer) => input.mentions.extend(newer),
                None => input.mentions.extend(mention_nodes(c, split + 1..=last)?),
            }
            Ok(input)
        })
    }

    /// The pass's input, all but the mentions.
    fn pass_input_but_mentions(&self) -> Result<PassInput> {
        let c: &Connection = &self.tx;
        let mentions = Vec::new();
        // Ids run without gaps but for rolled-back rows: about the row count.
        let documents = last_id(c, "SELECT coalesce(max(id), 0) FROM documents")? as usize;
        let claims = last_id(c, "SELECT coalesce(max(id), 0) FROM claims")? as usize;
        Ok(PassInput {
            outlets: all(c, "SELECT id, name FROM outlets ORDER BY id", 0, |r| {
                Ok(OutletNode {
                    id: r.get(0)?,
                    name: r.get(1)?,
                })
            })?,
            documents: all(
                c,
                "SELECT id, outlet_id, content_hash, fingerprint FROM documents ORDER BY id",
                documents,
                |r| {
                    let blob: Vec<u8> = r.get(3)?;
                    Ok(DocumentNode {
                        id: r.get(0)?,
                        outlet_id: r.get(1)?,
                        content_hash: r.get(2)?,
                        fingerprint: fingerprint_from_blob(&blob),
                    })
                },
            )?,
            actors: all(c, "SELECT id, name FROM actors ORDER BY id", 0, |r| {
                Ok(ActorNode {
                    id: r.get(0)?,
                    name: r.get(1)?,
                })
            })?,
            claims: all(
                c,
                "SELECT id, kind, text, subject, low, high, unit, retracted_at IS NOT NULL,
                        speaker_id, quoted
                 FROM claims ORDER BY id",
                claims,
                |r| {
                    Ok(ClaimNode {
                        id: r.get(0)?,
                        kind: r.get(1)?,
                        text: r.get(2)?,
                        subject: r.get(3)?,
                        low: r.get(4)?,
                        high: r.get(5)?,
                        unit: r.get(6)?,
                        retracted: r.get(7)?,
                        speaker_id: r.get(8)?,
                        quoted: r.get(9)?,
                    })
                },
            )?,
            mentions,
            claim_links: all(
                c,
                "SELECT from_claim, to_claim, relation, origin, rejected FROM claim_links ORDER BY id",
                0,
                |r| {
                    Ok(ClaimLinkEdge {
                        from: r.get(0)?,
                        to: r.get(1)?,
                        relation: r.get(2)?,
                        origin: r.get(3)?,
                        rejected: r.get(4)?,
                    })
                },
            )?,
            outlet_links: all(
                c,
                "SELECT from_outlet, to_outlet, relation FROM outlet_links ORDER BY id",
                0,
                |r| {
                    Ok(OutletLinkEdge {
                        from: r.get(0)?,
                        to: r.get(1)?,
                        relation: r.get(2)?,
                    })
                },
            )?,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Ledger;

    #[test]
    fn a_pass_input_read_after_a_write_sees_the_write() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ledger, _) = Ledger::init(&dir.path().join("l.db")).unwrap();
        let tx = ledger.begin_check().unwrap();
        // A second connection would not see this mention.
        tx.tx
            .execute_batch(
                "INSERT INTO outlets (id, name, created_at) VALUES (1, 'Press TV', 'now');
                 INSERT INTO documents (id, outlet_id, text, content_hash, fingerprint, ingested_at)
                     VALUES (1, 1, 'Text.', 'h', x'', 'now');
                 INSERT INTO claims (id, kind, text, origin, created_at)
                     VALUES (1, 'statement', 'Text.', 'manual', 'now');
                 INSERT INTO mentions (claim_id, document_id, stance, quote, span_start,
                                       span_end, origin, created_at)
                     VALUES (1, 1, 'asserts', 'Text.', 0, 5, 'manual', 'now');",
            )
            .unwrap();
        assert_eq!(tx.pass_input().unwrap().mentions.len(), 1);
    }
}
