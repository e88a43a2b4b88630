//! What the corroboration pass reads: every outlet, document, actor, claim,
//! mention and link, the mentions on two connections at once.

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::rows::{
    columns, fingerprint_from_blob, ActorColumns, ClaimColumns, ClaimLinkColumns, Columns,
    OutletColumns, OutletLinkColumns,
};
use super::{configure, Tx};
use crate::error::Result;
use crate::model::{Actor, Claim, ClaimLink, Document, Mention, Outlet, OutletLink, Stance};

/// Everything the corroboration pass reads: the ledger's rows as the
/// model's types, each list in id order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PassInput {
    /// All outlets.
    pub outlets: Vec<Outlet>,
    /// All documents, with their outlet and text hash only (the pass reads
    /// nothing else of them), each with the MinHash fingerprint of its text.
    pub documents: Vec<(Document<()>, Vec<u32>)>,
    /// All actors, with their aliases.
    pub actors: Vec<Actor>,
    /// All claims, retracted ones included.
    pub claims: Vec<Claim>,
    /// All mentions, as the pass reads them.
    pub mentions: Vec<PassMention>,
    /// The claim links a person made or rejected (the pass proposes the
    /// automatic ones anew).
    pub claim_links: Vec<ClaimLink>,
    /// All outlet links.
    pub outlet_links: Vec<OutletLink>,
}

/// A mention as the pass reads it: which document carries which claim,
/// in whose voice and words. Lighter than a [`Mention`] (no span or
/// origin, strings boxed): the pass holds millions of them.
#[derive(Debug, Clone, PartialEq)]
pub struct PassMention {
    /// Row id.
    pub id: i64,
    /// The claim carried.
    pub claim_id: i64,
    /// The document carrying it.
    pub document_id: i64,
    /// Who voiced it; `None` is the outlet's own voice.
    pub actor_id: Option<i64>,
    /// Asserts, denies or reports.
    pub stance: Stance,
    /// A wire the mention relays ("according to Reuters").
    pub relayed_by: Option<Box<str>>,
    /// The verbatim words: the document's text at the mention's span.
    pub quote: Box<str>,
}

impl From<Mention> for PassMention {
    fn from(m: Mention) -> PassMention {
        PassMention {
            id: m.id,
            claim_id: m.claim_id,
            document_id: m.document_id,
            actor_id: m.actor_id,
            stance: m.stance,
            relayed_by: m.relayed_by.map(String::into_boxed_str),
            quote: m.quote.into_boxed_str(),
        }
    }
}

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

/// The mentions with ids in `ids`, as the corroboration pass reads them,
/// each with its words from its document's text at its span. A mention's
/// document is fetched when it is not the previous mention's: a
/// document's mentions are stored together, so each is read about once
/// (a join would read a document's whole text again for each mention). A
/// span that is not a piece of the text (`audit` reports it) gives no words.
fn mentions(conn: &Connection, ids: std::ops::RangeInclusive<i64>) -> Result<Vec<PassMention>> {
    let expected = (ids.end() - ids.start() + 1).max(0) as usize;
    let mut stmt = conn.prepare(
        "SELECT id, claim_id, document_id, actor_id, stance, relayed_by, span_start, span_end
         FROM mentions WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
    )?;
    let mut text_of = conn.prepare("SELECT text FROM documents WHERE id = ?1")?;
    let mut text: (i64, String) = (i64::MIN, String::new());
    let mut rows = stmt.query([*ids.start(), *ids.end()])?;
    let mut out = Vec::with_capacity(expected);
    while let Some(row) = rows.next()? {
        let document_id: i64 = row.get(2)?;
        if text.0 != document_id {
            let found: Option<String> =
                text_of.query_row([document_id], |r| r.get(0)).optional()?;
            text = (document_id, found.unwrap_or_default());
        }
        let (start, end): (i64, i64) = (row.get(6)?, row.get(7)?);
        let words = usize::try_from(start)
            .ok()
            .zip(usize::try_from(end).ok())
            .and_then(|(s, e)| text.1.get(s..e))
            .unwrap_or("");
        let relayed_by: Option<String> = row.get(5)?;
        out.push(PassMention {
            id: row.get(0)?,
            claim_id: row.get(1)?,
            document_id,
            actor_id: row.get(3)?,
            stance: row.get(4)?,
            relayed_by: relayed_by.map(String::into_boxed_str),
            quote: words.into(),
        });
    }
    Ok(out)
}

columns! {
    /// What the pass reads of a document `d`: its outlet and text hash
    /// (not its text, title or address), and its fingerprint.
    DocumentPrintColumns -> (Document<()>, Vec<u32>) {
        id = "d.id",
        outlet_id = "d.outlet_id",
        content_hash = "d.content_hash",
        fingerprint = "d.fingerprint",
    }
    read(c, row) {
        let document = Document {
            id: row.get(c.id)?,
            ..Document::new(row.get(c.outlet_id)?, row.get(c.content_hash)?, ())
        };
        let blob = row.get_ref(c.fingerprint)?.as_blob().unwrap_or_default();
        Ok((document, fingerprint_from_blob(blob)))
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
                let read = move || -> Result<Option<Vec<PassMention>>> {
                    let Ok(conn) = Connection::open_with_flags(
                        path,
                        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                    ) else {
                        return Ok(None);
                    };
                    configure(&conn)?;
                    // As small as the check's own (see `begin_check`).
                    conn.pragma_update(None, "cache_size", -16_384)?;
                    mentions(&conn, split + 1..=last).map(Some)
                };
                std::thread::Builder::new().spawn_scoped(scope, read).ok()
            });
            let mut input = self.pass_input_but_mentions()?;
            let Some(newer) = newer else {
                input.mentions = mentions(c, 0..=last)?;
                return Ok(input);
            };
            input.mentions = mentions(c, 0..=split)?;
            let newer = match newer.join() {
                Ok(newer) => newer?,
                Err(panic) => std::panic::resume_unwind(panic),
            };
            match newer {
                Some(newer) => input.mentions.extend(newer),
                None => input.mentions.extend(mentions(c, split + 1..=last)?),
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
            outlets: all::<OutletColumns>(c, "FROM outlets o ORDER BY o.id", [], 0)?,
            documents: all::<DocumentPrintColumns>(
                c,
                "FROM documents d ORDER BY d.id",
                [],
                documents,
            )?,
            actors: all::<ActorColumns>(c, "FROM actors a ORDER BY a.id", [], 0)?,
            claims: all::<ClaimColumns>(c, "FROM claims c ORDER BY c.id", [], claims)?,
            mentions,
            // The pass proposes the automatic links anew: it reads those a
            // person made or rejected only.
            claim_links: all::<ClaimLinkColumns>(
                c,
                "FROM claim_links l WHERE l.origin = 'manual' OR l.rejected = 1 ORDER BY l.id",
                [],
                0,
            )?,
            outlet_links: all::<OutletLinkColumns>(c, "FROM outlet_links ORDER BY id", [], 0)?,
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
                 INSERT INTO claims (id, kind, text, origin)
                     VALUES (1, 'statement', 'Text.', 'manual');
                 INSERT INTO mentions (claim_id, document_id, stance, span_start, span_end, origin)
                     VALUES (1, 1, 'asserts', 0, 5, 'manual');",
            )
            .unwrap();
        assert_eq!(tx.pass_input().unwrap().mentions.len(), 1);
    }
}
