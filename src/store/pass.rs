//! What the corroboration pass reads: every outlet, document, actor, claim,
//! mention and link, the mentions on two connections at once.

use rusqlite::{Connection, OpenFlags};

use super::rows::{columns, fingerprint_from_blob, Columns};
use super::{configure, Tx};
use crate::corroborate::{
    ActorNode, ClaimLinkEdge, ClaimNode, DocumentNode, MentionNode, OutletLinkEdge, OutletNode,
    PassInput,
};
use crate::error::Result;

/// Every row of `SELECT` `C`'s columns `rest` (the FROM clause and what
/// follows), read through `C`; about `expected` of them.
fn all<C: Columns>(
    conn: &Connection,
    rest: &str,
    params: impl rusqlite::Params,
    expected: usize,
) -> Result<Vec<C::Row>> {
    let mut stmt = conn.prepare(&format!("SELECT {} {rest}", C::select()))?;
    let columns = C::of(&stmt)?;
    let rows = stmt.query_map(params, |row| columns.read(row))?;
    collect(rows, expected)
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
    let expected = (ids.end() - ids.start() + 1).max(0) as usize;
    all::<MentionNodeColumns>(
        conn,
        "FROM mentions WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
        [*ids.start(), *ids.end()],
        expected,
    )
}

columns! {
    /// An outlet's columns, as the pass reads them.
    OutletNodeColumns -> OutletNode {
        id = "id",
        name = "name",
    }
}

columns! {
    /// A document's columns, as the pass reads them.
    DocumentNodeColumns -> DocumentNode {
        id = "id",
        outlet_id = "outlet_id",
        content_hash = "content_hash",
        fingerprint = "fingerprint",
    }
    read(c, row) {
        let blob: Vec<u8> = row.get(c.fingerprint)?;
        Ok(DocumentNode {
            id: row.get(c.id)?,
            outlet_id: row.get(c.outlet_id)?,
            content_hash: row.get(c.content_hash)?,
            fingerprint: fingerprint_from_blob(&blob),
        })
    }
}

columns! {
    /// An actor's columns, as the pass reads them.
    ActorNodeColumns -> ActorNode {
        id = "id",
        name = "name",
        aliases = "(SELECT group_concat(alias, char(31)) FROM actor_aliases a
                    WHERE a.actor_id = actors.id)",
    }
}

columns! {
    /// A claim's columns, as the pass reads them.
    ClaimNodeColumns -> ClaimNode {
        id = "id",
        kind = "kind",
        text = "text",
        subject = "measure",
        low = "low",
        high = "high",
        unit = "unit",
        retracted = "retracted_at IS NOT NULL",
        speaker_id = "speaker_id",
        quoted = "quoted",
        hedge = "hedge",
        as_of = "as_of",
        // A figure extracted without a key has a bare noun or unit for
        // its measure: it is never compared.
        comparable = "key IS NOT NULL OR origin = 'manual'",
    }
}

columns! {
    /// A mention's columns, as the pass reads them.
    MentionNodeColumns -> MentionNode {
        id = "id",
        claim_id = "claim_id",
        document_id = "document_id",
        actor_id = "actor_id",
        stance = "stance",
        quote = "quote",
        relayed_by = "relayed_by",
    }
}

columns! {
    /// A claim link's columns, as the pass reads them.
    ClaimLinkEdgeColumns -> ClaimLinkEdge {
        from = "from_claim",
        to = "to_claim",
        relation = "relation",
        origin = "origin",
        rejected = "rejected",
    }
}

columns! {
    /// An outlet link's columns, as the pass reads them.
    OutletLinkEdgeColumns -> OutletLinkEdge {
        from = "from_outlet",
        to = "to_outlet",
        relation = "relation",
    }
}

impl Tx<'_> {
    /// Everything the corroboration pass reads. A second connection reads
    /// the newer mentions while this one reads the rest. It sees the ledger as this
    /// transaction does while this one has written nothing (it holds the
    /// write lock, so nobody else writes); after a write, or when no thread
    /// or connection can be had, this connection reads everything.
    pub fn pass_input(&self) -> Result<PassInput> {
        let c: &Connection = &self.tx;
        let last = last_id(c, "SELECT coalesce(max(id), 0) FROM mentions")?;
        // The mentions are most of the reading. This connection reads the
        // other tables first, which takes about as long as more than half
        // of the mentions, so it takes a fifth of them.
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
            outlets: all::<OutletNodeColumns>(c, "FROM outlets ORDER BY id", [], 0)?,
            documents: all::<DocumentNodeColumns>(c, "FROM documents ORDER BY id", [], documents)?,
            actors: all::<ActorNodeColumns>(c, "FROM actors ORDER BY id", [], 0)?,
            claims: all::<ClaimNodeColumns>(c, "FROM claims ORDER BY id", [], claims)?,
            mentions,
            claim_links: all::<ClaimLinkEdgeColumns>(c, "FROM claim_links ORDER BY id", [], 0)?,
            outlet_links: all::<OutletLinkEdgeColumns>(c, "FROM outlet_links ORDER BY id", [], 0)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::store::tests::empty_ledger;

    #[test]
    fn a_pass_input_read_after_a_write_sees_the_write() {
        let (_dir, mut ledger) = empty_ledger();
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
