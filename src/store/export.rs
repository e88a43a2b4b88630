//! The exports' queries: every claim, mention, document and link, streamed
//! in id order with memory that stays flat.

use super::merge::KeyedRows;
use super::rows::*;
use super::Reader;
use crate::error::{Error, Result};
use crate::model::{
    ClaimEntry, ClaimLink, DocumentEntry, MentionEntry, OutletLink, Rating, Stance,
};

impl Reader<'_> {
    /// Runs `merge` on every mention whose document is in the ledger
    /// (`audit` finds any other), keyed by its claim and sorted by claim,
    /// then id, for a merge with claims read by id; then refuses any left
    /// over. Mentions are read in stored order (documents are not jumped
    /// between) and sorted by SQLite.
    fn merge_mentions_by_claim<T>(
        &self,
        merge: impl FnOnce(&mut KeyedRows<'_, i64, MentionEntry>) -> Result<T>,
    ) -> Result<T> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {} FROM mentions m NOT INDEXED {MENTION_JOINS}
             ORDER BY m.claim_id, m.id",
            mention_columns()
        ))?;
        let columns = MentionEntryColumns::of(&stmt)?;
        let mut mentions = KeyedRows::new(stmt.query([])?, move |row| {
            let entry = columns.read(row)?;
            Ok((entry.mention.claim_id, entry))
        })?;
        let merged = merge(&mut mentions)?;
        mentions.finish()?;
        Ok(merged)
    }

    /// Streams every claim, retracted ones too, by id, each with all its
    /// mentions (by id) and links (by from, to, relation), for the JSON
    /// export. Mentions and links are read in stored order and sorted by
    /// claim, as the report does (see [`Reader::stream_report`]); a claim's
    /// own are held in memory while it is written.
    pub fn stream_claims_in_full(
        &self,
        mut each: impl FnMut(ClaimEntry, Vec<MentionEntry>, Vec<ClaimLink>) -> Result<()>,
    ) -> Result<()> {
        self.snapshot(|| {
            // A link is listed under both of its claims.
            let mut links = self.conn.prepare(&format!(
                "SELECT l.claim, {} FROM (
                     SELECT from_claim AS claim, * FROM claim_links
                     UNION ALL
                     SELECT to_claim AS claim, * FROM claim_links) l
                 {FIGURES_JOIN}
                 ORDER BY l.claim, l.from_claim, l.to_claim, l.relation",
                NotedLinkColumns::select()
            ))?;
            let (claim, columns) = (links.column_index("claim")?, NotedLinkColumns::of(&links)?);
            let mut links = KeyedRows::new(links.query([])?, move |row| {
                Ok((row.get(claim)?, columns.read(row)?))
            })?;
            self.merge_mentions_by_claim(|mentions| {
                self.stream_claims(true, |claims| -> Result<()> {
                    for claim in claims {
                        let claim = claim?;
                        let (mut its_mentions, mut its_links) = (Vec::new(), Vec::new());
                        mentions.take(claim.claim.id, |m| {
                            its_mentions.push(m);
                            Ok(())
                        })?;
                        links.take(claim.claim.id, |l| {
                            its_links.push(l);
                            Ok(())
                        })?;
                        each(claim, its_mentions, its_links)?;
                    }
                    Ok(())
                })?
            })?;
            links.finish()
        })
    }

    /// Calls `each` with every mention and its claim (with the claim's
    /// verdict, but not the verdict's outlet list: `claim.outlets` is
    /// empty), by claim id and then mention id; retracted claims only when
    /// `retracted` is set. Memory stays flat: mentions are read in stored
    /// order (documents are not jumped between) and sorted by SQLite, then
    /// merged with the claims read by id, so each claim and verdict is read
    /// once, not once per mention from all over the file.
    pub fn stream_mentions(
        &self,
        retracted: bool,
        mut each: impl FnMut(&ClaimEntry, MentionEntry) -> Result<()>,
    ) -> Result<()> {
        self.snapshot(|| {
            let mut claims = self.conn.prepare(&format!(
                "SELECT {}, {NO_OUTLETS}, {COUNT_NONE} FROM claims c
                 {SPEAKER_JOIN}
                 {VERDICT_JOIN}
                 ORDER BY c.id",
                claim_columns()
            ))?;
            // Every claim, so that each mention finds its own; a retracted
            // one's are then passed over unless asked for.
            let columns = ClaimEntryColumns::of(&claims)?;
            let mut claim_rows = claims.query([])?;
            self.merge_mentions_by_claim(|mentions| {
                while let Some(row) = claim_rows.next()? {
                    let claim = columns.read(row)?;
                    let shown = retracted || !claim.claim.is_retracted();
                    mentions.take(
                        claim.claim.id,
                        |m| if shown { each(&claim, m) } else { Ok(()) },
                    )?;
                }
                Ok(())
            })
        })
    }

    /// Streams claims with their verdicts, by id; retracted ones only when
    /// `retracted` is set.
    pub fn stream_claims<R>(
        &self,
        retracted: bool,
        f: impl FnOnce(&mut dyn Iterator<Item = Result<ClaimEntry>>) -> R,
    ) -> Result<R> {
        let sql = format!(
            "SELECT {}, {OUTLETS}, {COUNT_JOINED} FROM claims c
             {SPEAKER_JOIN}
             {VERDICT_JOIN}
             {COUNTS_JOIN}
             WHERE (?1 OR c.retracted_at IS NULL)
             ORDER BY c.id",
            claim_columns()
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let columns = ClaimEntryColumns::of(&stmt)?;
        let rows = stmt.query_map([retracted], |row| columns.read(row))?;
        let mut rows = rows.map(|r| r.map_err(Error::from));
        Ok(f(&mut rows))
    }

    /// Streams every document with its full text, by id.
    pub fn stream_documents<R>(
        &self,
        f: impl FnOnce(&mut dyn Iterator<Item = Result<DocumentEntry>>) -> R,
    ) -> Result<R> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {} FROM documents d JOIN outlets o ON o.id = d.outlet_id ORDER BY d.id",
            DocumentEntryColumns::select()
        ))?;
        let columns = DocumentEntryColumns::of(&stmt)?;
        let rows = stmt.query_map([], |row| columns.read(row))?;
        let mut rows = rows.map(|r| r.map_err(Error::from));
        Ok(f(&mut rows))
    }

    /// Every claim link, rejected ones included, by (from, to, relation).
    pub fn claim_links(&self) -> Result<Vec<ClaimLink>> {
        let sql = format!(
            "SELECT {} FROM claim_links l {FIGURES_JOIN}
             ORDER BY l.from_claim, l.to_claim, l.relation",
            NotedLinkColumns::select()
        );
        read_all::<NotedLinkColumns, _>(self.conn, &sql, [])
    }

    /// Every outlet link, by (from, to, relation).
    pub fn outlet_links(&self) -> Result<Vec<OutletLink>> {
        let sql = format!(
            "SELECT {} FROM outlet_links ORDER BY from_outlet, to_outlet, relation",
            OutletLinkColumns::select()
        );
        read_all::<OutletLinkColumns, _>(self.conn, &sql, [])
    }

    /// The current (newest) rating of every rated claim that is not retracted, by claim id.
    pub fn ratings(&self) -> Result<Vec<Rating>> {
        let sql = format!(
            "SELECT {} FROM ratings r
             JOIN claims c ON c.id = r.claim_id
             WHERE c.retracted_at IS NULL
               AND r.id = (SELECT max(id) FROM ratings WHERE claim_id = r.claim_id)
             ORDER BY r.claim_id",
            RatingColumns::select()
        );
        read_all::<RatingColumns, _>(self.conn, &sql, [])
    }

    /// Calls `each` with every mention's claim, document, stance and
    /// actor (`None` for the outlet's own voice), in stored order: one pass
    /// over the mentions for what needs them all but not their text.
    pub fn mention_edges(&self, mut each: impl FnMut(i64, i64, Stance, Option<i64>)) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare("SELECT claim_id, document_id, stance, actor_id FROM mentions NOT INDEXED")?;
        let [claim, document, stance, actor] =
            ["claim_id", "document_id", "stance", "actor_id"].map(|name| stmt.column_index(name));
        let (claim, document, stance, actor) = (claim?, document?, stance?, actor?);
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            each(
                row.get(claim)?,
                row.get(document)?,
                row.get(stance)?,
                row.get(actor)?,
            );
        }
        Ok(())
    }
}
