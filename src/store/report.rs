//! The report's queries: the checked claims in report order with the
//! mentions behind them, the counts by status, and one claim's verdict mentions.

use rusqlite::params;

use super::merge::KeyedRows;
use super::rows::*;
use super::Reader;
use crate::error::Result;
use crate::model::{ClaimEntry, ClaimKind, LinkEntry, MentionEntry, Status};

/// How the report groups mentions under its claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionsBy {
    /// Each claim with all of its own mentions.
    Claim,
    /// Each cluster with the mentions behind its verdict: its claims',
    /// up to the last check.
    Cluster,
}

/// The report's claims and mentions, in report order, as
/// [`Reader::stream_report`] hands them to its reader: group by group, each
/// group's claims ([`ReportStream::next_group`]) and then its mentions
/// ([`ReportStream::next_mention`]), by id.
pub struct ReportStream<'s> {
    claims: rusqlite::Rows<'s>,
    claim_key: GroupKey,
    claim_columns: ClaimEntryColumns,
    mentions: KeyedRows<'s, (i64, i64), MentionEntry>,
    /// The first claim of the next group, read ahead.
    ahead: Option<((i64, i64), ClaimEntry)>,
    /// The key of the group handed out last.
    key: Option<(i64, i64)>,
}

impl ReportStream<'_> {
    /// The claims of the next group (one claim when by claim), or `None`
    /// when the report is done. Mentions of the group before that were
    /// not asked for are passed over.
    pub fn next_group(&mut self) -> Result<Option<Vec<ClaimEntry>>> {
        if let Some(k) = self.key.take() {
            while self.mentions.next_of(k)?.is_some() {}
        }
        let Some((key, first)) = (match self.ahead.take() {
            Some(ahead) => Some(ahead),
            None => self.read_claim()?,
        }) else {
            return Ok(None);
        };
        let mut group = vec![first];
        while let Some((k, claim)) = self.read_claim()? {
            if k != key {
                self.ahead = Some((k, claim));
                break;
            }
            group.push(claim);
        }
        self.key = Some(key);
        Ok(Some(group))
    }

    /// The next mention of the group handed out last, by id.
    pub fn next_mention(&mut self) -> Result<Option<MentionEntry>> {
        match self.key {
            // Both streams are in key order, so the group's mentions are next.
            Some(k) => self.mentions.next_of(k),
            None => Ok(None),
        }
    }

    fn read_claim(&mut self) -> Result<Option<((i64, i64), ClaimEntry)>> {
        Ok(match self.claims.next()? {
            Some(row) => Some((self.claim_key.read(row)?, self.claim_columns.read(row)?)),
            None => None,
        })
    }
}

/// Which claims a listing shows.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter<'a> {
    /// Only this status.
    pub status: Option<Status>,
    /// Only this kind.
    pub kind: Option<ClaimKind>,
    /// Only claims with a mention from this outlet.
    pub outlet: Option<&'a str>,
    /// Include retracted claims.
    pub retracted: bool,
}

/// Whether verdict `v` was judged on a mention from the outlet named by
/// parameter 3 (or that parameter is NULL). The clusters the outlet's
/// mentions are in are found once, from its documents: asked per verdict,
/// a wire story's cluster had its 250,000 mentions walked for every outlet
/// that did not carry it.
const FROM_OUTLET: &str = "(?3 IS NULL OR v.cluster_id IN (
    SELECT coalesce(k.cluster_id, m.claim_id) FROM outlets o
    JOIN documents d ON d.outlet_id = o.id
    JOIN mentions m ON m.document_id = d.id
    LEFT JOIN claim_clusters k ON k.claim_id = m.claim_id
    WHERE o.name = ?3 AND m.id <= (SELECT last_mention_id FROM last_check)))";

/// The mentions behind the verdict of claim ?1: its cluster's, up to the
/// last check. The cluster's other claims are found by comparing with a
/// scalar subquery: written as a join, SQLite scanned all of
/// `claim_clusters` for each cluster.
fn verdict_mentions_sql() -> String {
    format!(
        "WITH cluster (id) AS (SELECT v.cluster_id FROM claims c {CHECKED_JOIN} WHERE c.id = ?1)
         SELECT {} FROM mentions m {MENTION_JOINS}
         WHERE m.claim_id IN (SELECT id FROM cluster UNION ALL
                              SELECT w.claim_id FROM claim_clusters w
                              WHERE w.cluster_id = (SELECT id FROM cluster))
           AND m.id <= (SELECT last_mention_id FROM last_check)
         ORDER BY m.id",
        mention_columns()
    )
}

/// Where a statement of the report has its group key: `group_place` and
/// `group_cluster`.
struct GroupKey {
    place: usize,
    cluster: usize,
}

impl GroupKey {
    /// Finds the key's columns in `stmt`.
    fn of(stmt: &rusqlite::Statement<'_>) -> rusqlite::Result<Self> {
        Ok(GroupKey {
            place: stmt.column_index("group_place")?,
            cluster: stmt.column_index("group_cluster")?,
        })
    }

    /// Reads a row's key.
    fn read(&self, row: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, i64)> {
        Ok((row.get(self.place)?, row.get(self.cluster)?))
    }
}

impl Reader<'_> {
    /// How many checked claims have each status (in `Status::ALL` order),
    /// and how many claims await a check.
    pub fn verdict_counts(&self, filter: &ClaimFilter<'_>) -> Result<([usize; 4], usize)> {
        let mut counts = [0usize; 4];
        let sql = format!(
            "SELECT v.status AS status, count(*) AS n FROM claims c {CHECKED_JOIN}
             WHERE (?1 IS NULL OR v.status = ?1) AND (?2 IS NULL OR c.kind = ?2)
               AND c.retracted_at IS NULL
               AND {FROM_OUTLET}
             GROUP BY v.status"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![filter.status, filter.kind, filter.outlet])?;
        while let Some(row) = rows.next()? {
            let status: Status = row.get("status")?;
            let n: i64 = row.get("n")?;
            counts[status.index()] = n as usize;
        }
        let unchecked: i64 = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM claims c {VERDICT_JOIN}
                 WHERE c.retracted_at IS NULL AND v.cluster_id IS NULL"
            ))?
            .query_row([], |r| r.get(0))?;
        Ok((counts, unchecked as usize))
    }

    /// Streams the report to `read`: the checked claims that pass
    /// `filter`, by status (conflicting first), then cluster, then id, in
    /// groups of [`MentionsBy`] (see [`ReportStream`]). It reads in one
    /// [`Reader::snapshot`] and its memory stays flat.
    ///
    /// Looking up each claim's mentions reads pages all over the ledger
    /// (a wire story's mentions are in thousands of documents), so a large
    /// report instead reads the mentions in stored order and has SQLite
    /// sort them into report order, spilling to temporary files.
    pub fn stream_report<T>(
        &self,
        filter: &ClaimFilter<'_>,
        by: MentionsBy,
        read: impl FnOnce(&mut ReportStream<'_>) -> Result<T>,
    ) -> Result<T> {
        self.stream_report_reading(filter, by, None, read)
    }

    /// [`Reader::stream_report`]; `lookup` forces how mentions are read
    /// (for tests), else the report's size decides.
    fn stream_report_reading<T>(
        &self,
        filter: &ClaimFilter<'_>,
        by: MentionsBy,
        lookup: Option<bool>,
        read: impl FnOnce(&mut ReportStream<'_>) -> Result<T>,
    ) -> Result<T> {
        self.snapshot(|| {
            self.conn.execute_batch(
                "PRAGMA temp.cache_size = -65536;
                 CREATE TEMP TABLE report_order (
                     seq        INTEGER PRIMARY KEY,
                     claim_id   INTEGER NOT NULL UNIQUE,
                     rank       INTEGER NOT NULL,
                     cluster_id INTEGER NOT NULL);",
            )?;
            // Rows are inserted in report order, so `seq` numbers them in it.
            let sql = format!(
                "INSERT INTO temp.report_order (claim_id, rank, cluster_id)
             SELECT c.id, CASE v.status WHEN 'conflicting' THEN 0 WHEN 'corroborated' THEN 1
                          WHEN 'single-source' THEN 2 ELSE 3 END, v.cluster_id
             FROM claims c
             {CHECKED_JOIN}
             WHERE (?1 IS NULL OR v.status = ?1)
               AND (?2 IS NULL OR c.kind = ?2)
               AND c.retracted_at IS NULL
               AND {FROM_OUTLET}
             ORDER BY 2, 3, 1"
            );
            let shown = self
                .conn
                .execute(&sql, params![filter.status, filter.kind, filter.outlet])?;
            let claims_stored: i64 =
                self.conn
                    .query_row("SELECT coalesce(max(id), 0) FROM claims", [], |r| r.get(0))?;
            // A group's key, in both streams: the claim's place, or its
            // cluster's. By claim, each claim shows all its mentions.
            let (key, mention_order, up_to_check) = match by {
                MentionsBy::Claim => (
                    "r.seq AS group_place, 0 AS group_cluster",
                    "r.seq, m.id",
                    "1",
                ),
                MentionsBy::Cluster => (
                    "r.rank AS group_place, r.cluster_id AS group_cluster",
                    "r.rank, r.cluster_id, m.id",
                    "m.id <= (SELECT last_mention_id FROM last_check)",
                ),
            };
            // A report of a few claims looks their mentions up; a large one
            // reads all mentions in stored order (see above).
            let lookup = lookup.unwrap_or((shown as i64).saturating_mul(16) < claims_stored);
            let mentions_from = if lookup {
                "temp.report_order r CROSS JOIN mentions m ON m.claim_id = r.claim_id"
            } else {
                "mentions m NOT INDEXED CROSS JOIN temp.report_order r ON r.claim_id = m.claim_id"
            };
            let mut claims = self.conn.prepare(&format!(
                "SELECT {}, {OUTLETS}, {COUNT_NONE}, {key}
             FROM temp.report_order r
             CROSS JOIN claims c ON c.id = r.claim_id
             {CHECKED_JOIN}
             {SPEAKER_JOIN}
             ORDER BY r.seq",
                claim_columns()
            ))?;
            let mut mentions = self.conn.prepare(&format!(
                "SELECT {key}, {}
             FROM {mentions_from} {MENTION_JOINS}
             WHERE {up_to_check}
             ORDER BY {mention_order}",
                mention_columns()
            ))?;
            let (claim_key, claim_columns) =
                (GroupKey::of(&claims)?, ClaimEntryColumns::of(&claims)?);
            let (key, columns) = (
                GroupKey::of(&mentions)?,
                MentionEntryColumns::of(&mentions)?,
            );
            let mut stream = ReportStream {
                claims: claims.query([])?,
                claim_key,
                claim_columns,
                mentions: KeyedRows::new(mentions.query([])?, move |row| {
                    Ok((key.read(row)?, columns.read(row)?))
                })?,
                ahead: None,
                key: None,
            };
            let value = read(&mut stream)?;
            // A reader that stopped early leaves rows: only a whole report
            // checks that every mention found its claim.
            if stream.ahead.is_none() && stream.next_group()?.is_none() {
                stream.mentions.finish()?;
            }
            Ok(value)
        })
    }

    /// The links the report shows under its claims: contradicts and
    /// supports links no one rejected, with both claims' texts, by (from,
    /// to). Same-as links are not among them: the report shows their
    /// claims together, as one proposition.
    pub fn shown_links(&self) -> Result<Vec<LinkEntry>> {
        let sql = format!(
            "SELECT {} FROM claim_links l
             JOIN claims cf ON cf.id = l.from_claim
             JOIN claims ct ON ct.id = l.to_claim
             {FIGURES_JOIN}
             WHERE l.rejected = 0 AND l.relation <> 'same-as'
               AND cf.retracted_at IS NULL AND ct.retracted_at IS NULL
             ORDER BY l.from_claim, l.to_claim, l.relation",
            LinkEntryColumns::select()
        );
        read_all::<LinkEntryColumns, _>(self.conn, &sql, [])
    }

    /// The documents whose text another document also has (a reprint, or
    /// the original of one), each with the smallest id among the documents
    /// of that text, by id.
    pub fn reprints(&self) -> Result<Vec<(i64, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, (SELECT min(e.id) FROM documents e WHERE e.content_hash = d.content_hash)
             FROM documents d
             WHERE EXISTS (SELECT 1 FROM documents e
                           WHERE e.content_hash = d.content_hash AND e.id <> d.id)
             ORDER BY d.id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The mentions behind a claim's verdict (its cluster's), by id.
    pub fn verdict_mentions(&self, claim_id: i64) -> Result<Vec<MentionEntry>> {
        read_all::<MentionEntryColumns, _>(self.conn, &verdict_mentions_sql(), [claim_id])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::store::tests::demo_ledger;
    use crate::store::tests::empty_ledger;
    use crate::store::Ledger;

    #[test]
    fn the_outlet_filter_reads_the_outlets_mentions_once() {
        let (_dir, ledger) = empty_ledger();
        // A correlated filter walked a wire story's mentions for each
        // verdict.
        let sql = format!(
            "EXPLAIN QUERY PLAN SELECT c.id FROM claims c {CHECKED_JOIN}
             WHERE ?1 IS NULL AND ?2 IS NULL AND {FROM_OUTLET}"
        );
        let plan: Vec<String> = ledger
            .conn
            .prepare(&sql)
            .unwrap()
            .query_map(params![None::<String>, None::<String>, "Press TV"], |r| {
                r.get(3)
            })
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let plan = plan.join("\n");
        assert!(plan.contains("LIST SUBQUERY"), "{plan}");
        assert!(!plan.contains("CORRELATED"), "{plan}");
        assert!(plan.contains("mentions_document"), "{plan}");
    }

    #[test]
    fn a_clusters_mentions_are_found_through_the_cluster_index() {
        let (_dir, ledger) = empty_ledger();
        let sql = format!("EXPLAIN QUERY PLAN {}", verdict_mentions_sql());
        let plan: Vec<String> = ledger
            .conn
            .prepare(&sql)
            .unwrap()
            .query_map([1], |r| r.get(3))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let plan = plan.join("\n");
        assert!(
            plan.contains("claim_clusters_cluster (cluster_id=?)"),
            "{plan}"
        );
        assert!(!plan.contains("SCAN w"), "{plan}");
    }

    #[test]
    fn a_report_lists_the_same_mentions_however_it_reads_them() {
        let dir = tempfile::tempdir().unwrap();
        let db = demo_ledger(dir.path());
        let ledger = Ledger::open(&db).unwrap();
        let reader = ledger.read();
        let listed = |by: MentionsBy, lookup: Option<bool>| -> Vec<String> {
            let mut rows = Vec::new();
            reader
                .stream_report_reading(&ClaimFilter::default(), by, lookup, |stream| {
                    while let Some(claims) = stream.next_group()? {
                        let ids: Vec<i64> = claims.iter().map(|c| c.claim.id).collect();
                        let status = claims[0].verdict.as_ref().map(|v| v.status);
                        rows.push(format!("group {ids:?} {status:?}"));
                        while let Some(m) = stream.next_mention()? {
                            rows.push(format!("  M{} of C{}", m.mention.id, m.mention.claim_id));
                        }
                    }
                    Ok(())
                })
                .unwrap();
            rows
        };
        for by in [MentionsBy::Claim, MentionsBy::Cluster] {
            let read_in_order = listed(by, Some(false));
            assert_eq!(read_in_order, listed(by, Some(true)), "{by:?}");
            assert_eq!(read_in_order, listed(by, None), "{by:?}");
            let groups = read_in_order
                .iter()
                .filter(|r| r.starts_with("group"))
                .count();
            let mentions = read_in_order.len() - groups;
            assert!(
                groups > 10 && mentions > groups,
                "{by:?}: {read_in_order:#?}"
            );
        }
        // By claim, every mention follows its own claim's group.
        let mut claim = 0;
        for row in listed(MentionsBy::Claim, None) {
            if let Some(ids) = row.strip_prefix("group [") {
                claim = ids.split(']').next().unwrap().parse().unwrap();
            } else {
                assert!(row.ends_with(&format!(" of C{claim}")), "{row}");
            }
        }
    }

    #[test]
    fn a_failed_report_leaves_no_transaction_or_table_behind() {
        let dir = tempfile::tempdir().unwrap();
        let db = demo_ledger(dir.path());
        let mut ledger = Ledger::open(&db).unwrap();
        // As when the output's disk fills up halfway.
        let failed =
            ledger
                .read()
                .stream_report(&ClaimFilter::default(), MentionsBy::Cluster, |_| {
                    Err::<(), _>(Error::Output(std::io::Error::other("disk full")))
                });
        assert!(matches!(failed, Err(Error::Output(_))));
        assert!(ledger.conn.is_autocommit(), "the snapshot is still open");
        let temp: i64 = ledger
            .conn
            .query_row("SELECT count(*) FROM temp.sqlite_master", [], |r| r.get(0))
            .unwrap();
        assert_eq!(temp, 0);
        ledger.begin().unwrap().commit().unwrap();
    }
}
