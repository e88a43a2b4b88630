//! What a check writes: its verdicts and claim clusters, changed rows
//! only, and its automatic links.

use rusqlite::{params, types::ValueRef, OptionalExtension};

use super::rows::{columns, Columns};
use super::{now, Tx};
use crate::error::Result;
use crate::model::{ClaimLink, ClaimRelation, Cluster, Status, Suggestion, Verdict};

impl<'c> Tx<'c> {
    /// Starts writing a check's verdicts, which go to the writer in
    /// cluster order as the pass judges them; the automatic links go
    /// through [`Tx::save_auto_links`].
    pub fn verdict_writer(&self) -> VerdictWriter<'_, 'c> {
        VerdictWriter {
            tx: self,
            after: i64::MIN,
            verdicts: Vec::new(),
            members: Vec::new(),
            counts: [0; 4],
        }
    }
}

/// What a check stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckSummary {
    /// When the pass did not run because nothing changed since the last
    /// check, that check's time: its verdicts stand, and the rest of this
    /// summary is what it found.
    pub unchanged_since: Option<String>,
    /// How many claims have each status, in [`Status::ALL`] order.
    pub counts: [usize; 4],
    /// How many automatic links the pass made.
    pub auto_links: usize,
    /// How many pairs of claims it suggests may be one.
    pub suggestions: usize,
}

impl CheckSummary {
    /// How many claims got a verdict.
    pub fn claims(&self) -> usize {
        self.counts.iter().sum()
    }
}

impl Tx<'_> {
    /// The last check, when the pass `build` made it and it is the
    /// ledger's newest event: every change to what the pass reads (an
    /// ingest, a link, an edit, a retraction, an upgrade) writes an event,
    /// so the pass would find again what it found then. None when anything
    /// changed since, or another build judged. `build` is asked only when
    /// the newest event is a check (finding it out hashes the program).
    pub fn unchanged_check<'b>(
        &self,
        build: impl FnOnce() -> Option<&'b str>,
    ) -> Result<Option<CheckSummary>> {
        let newest: Option<(String, String, String)> = self
            .tx
            .prepare_cached("SELECT action, at, detail FROM events ORDER BY id DESC LIMIT 1")?
            .query_row([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .optional()?;
        let Some((action, at, detail)) = newest else {
            return Ok(None);
        };
        if action != "check" {
            return Ok(None);
        }
        // Written by `finish`; a check by a build before this one recorded
        // no build and no suggestions, and is judged again, as is one
        // whose detail does not read (`audit` says what happened to it).
        let Ok(detail) = serde_json::from_str::<serde_json::Value>(&detail) else {
            return Ok(None);
        };
        match build() {
            Some(build) if detail["build"].as_str() == Some(build) => {}
            _ => return Ok(None),
        }
        let count = |v: &serde_json::Value| v.as_u64().map(|n| n as usize);
        let (Some(auto_links), Some(suggestions)) =
            (count(&detail["auto_links"]), count(&detail["suggestions"]))
        else {
            return Ok(None);
        };
        let mut counts = [0; 4];
        for (n, status) in counts.iter_mut().zip(Status::ALL) {
            *n = count(&detail["verdicts"][status.as_str()]).unwrap_or(0);
        }
        Ok(Some(CheckSummary {
            unchanged_since: Some(at),
            counts,
            auto_links,
            suggestions,
        }))
    }

    /// Replaces the automatic links that are not rejected with `links`
    /// (the pass's, all auto), leaving alone those that stay the same (they
    /// keep their row ids).
    pub fn save_auto_links(&self, mut order: Vec<ClaimLink>) -> Result<()> {
        // The pass's links and the stored ones are walked side by side by
        // (from, to), the stored ones in their UNIQUE index's order: a
        // large ledger's millions of links are held in no map.
        order.sort_unstable_by_key(|l| (l.from_claim, l.to_claim, l.relation));
        let mut kept = vec![false; order.len()];
        let mut gone = Vec::new();
        let mut stored = self.tx.prepare(
            "SELECT id, from_claim, to_claim, relation, note FROM claim_links
             WHERE origin = 'auto' AND rejected = 0 ORDER BY from_claim, to_claim",
        )?;
        let mut stored = stored.query([])?;
        let mut at = 0;
        while let Some(row) = stored.next()? {
            let pair: (i64, i64) = (row.get(1)?, row.get(2)?);
            let (relation, note): (ClaimRelation, Option<String>) = (row.get(3)?, row.get(4)?);
            while order
                .get(at)
                .is_some_and(|l| (l.from_claim, l.to_claim) < pair)
            {
                at += 1;
            }
            let same = order[at..]
                .iter()
                .take_while(|l| (l.from_claim, l.to_claim) == pair)
                .position(|l| l.relation == relation && l.note == note);
            match same {
                Some(k) => kept[at + k] = true,
                None => gone.push(row.get::<_, i64>(0)?),
            }
        }
        drop(stored);
        // No longer proposed; sorted, so the deletes walk the table once.
        gone.sort_unstable();
        let mut delete = self
            .tx
            .prepare_cached("DELETE FROM claim_links WHERE id = ?1")?;
        for id in gone {
            delete.execute([id])?;
        }
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO claim_links (from_claim, to_claim, relation, origin, rejected, note)
             VALUES (?1, ?2, ?3, 'auto', 0, ?4) ON CONFLICT DO NOTHING",
        )?;
        for (link, _) in order.iter().zip(kept).filter(|(_, kept)| !kept) {
            insert.execute(params![
                link.from_claim,
                link.to_claim,
                link.relation,
                link.note
            ])?;
        }
        Ok(())
    }

    /// Replaces the last check's suggestions with `suggestions`.
    pub fn save_suggestions(&self, suggestions: &[Suggestion]) -> Result<()> {
        self.tx.execute("DELETE FROM suggestions", [])?;
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO suggestions (from_claim, to_claim, score, note) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT DO NOTHING",
        )?;
        for s in suggestions {
            insert.execute(params![s.from_claim, s.to_claim, s.score, s.note])?;
        }
        Ok(())
    }

    /// Runs `insert VALUES (?, ...), ... upsert` over `rows`, many rows
    /// per statement: stepping a statement once per row cost more than
    /// SQLite spends storing the row. `bind(statement, first, row)` binds
    /// the row's `width` values from parameter index `first`.
    fn insert_many<T>(
        &self,
        insert: &str,
        width: usize,
        upsert: &str,
        rows: &[T],
        bind: impl Fn(&mut rusqlite::Statement<'_>, usize, &T) -> rusqlite::Result<()>,
    ) -> Result<()> {
        // Placeholders only: every value is bound.
        let sql = |n: usize| {
            let row = format!("({})", vec!["?"; width].join(", "));
            format!("{insert} VALUES {} {upsert}", vec![row; n].join(", "))
        };
        let full = sql(ROWS_PER_INSERT);
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            let mut stmt = if chunk.len() == ROWS_PER_INSERT {
                self.tx.prepare_cached(&full)?
            } else {
                self.tx.prepare_cached(&sql(chunk.len()))?
            };
            for (i, item) in chunk.iter().enumerate() {
                bind(&mut stmt, 1 + i * width, item)?;
            }
            stmt.raw_execute()?;
        }
        Ok(())
    }

    /// Walks `fresh` (sorted by `key`) beside the rows that `SELECT` `C`'s
    /// columns `rest` finds with `params` (sorted by the key `C` reads).
    /// Returns the indices of the fresh items that are new or not `same`
    /// as their stored row, and the keys of stored rows that no fresh item
    /// has.
    fn diff<C: Columns<Row = K>, T, K: Ord>(
        &self,
        rest: &str,
        params: impl rusqlite::Params,
        fresh: &[T],
        key: impl Fn(&T) -> K,
        same: impl Fn(&C, &rusqlite::Row<'_>, &T) -> rusqlite::Result<bool>,
    ) -> Result<(Vec<usize>, Vec<K>)> {
        debug_assert!(fresh.windows(2).all(|w| key(&w[0]) < key(&w[1])));
        let mut write: Vec<usize> = Vec::new();
        let mut stale: Vec<K> = Vec::new();
        let mut stmt = self
            .tx
            .prepare_cached(&format!("SELECT {} {rest}", C::select()))?;
        let columns = C::of(&stmt)?;
        let mut stored = stmt.query(params)?;
        let mut next = fresh.iter().map(&key).enumerate().peekable();
        while let Some(row) = stored.next()? {
            let id = columns.read(row)?;
            while let Some((i, _)) = next.next_if(|(_, k)| *k < id) {
                write.push(i);
            }
            match next.next_if(|(_, k)| *k == id) {
                Some((i, _)) => {
                    if !same(&columns, row, &fresh[i])? {
                        write.push(i);
                    }
                }
                None => stale.push(id),
            }
        }
        write.extend(next.map(|(i, _)| i));
        Ok((write, stale))
    }
}

columns! {
    /// A stored verdict's columns, read as its cluster id: the others are
    /// compared in place by [`VerdictColumns::same`].
    VerdictColumns -> i64 {
        cluster_id = "cluster_id",
        status = "status",
        independent_sources = "independent_sources",
        outlets = "outlets",
        reason = "reason",
    }
    read(c, row) {
        row.get(c.cluster_id)
    }
}

impl VerdictColumns {
    /// Whether the stored verdict says what `v` says; its text is compared
    /// where SQLite holds it, not copied.
    fn same(&self, row: &rusqlite::Row<'_>, v: &Verdict) -> rusqlite::Result<bool> {
        fn text(s: &str) -> ValueRef<'_> {
            ValueRef::Text(s.as_bytes())
        }
        Ok(row.get_ref(self.status)? == text(v.status.as_str())
            && row.get_ref(self.independent_sources)? == ValueRef::Integer(v.independent_sources)
            && row.get_ref(self.outlets)? == text(&v.outlets)
            && row.get_ref(self.reason)? == text(&v.reason))
    }
}

columns! {
    /// A stored claim cluster row's columns, read as (cluster id, claim id).
    MemberColumns -> (i64, i64) {
        cluster_id = "cluster_id",
        claim_id = "claim_id",
    }
    read(c, row) {
        Ok((row.get(c.cluster_id)?, row.get(c.claim_id)?))
    }
}

/// Writes a check's verdicts and claim clusters while the pass goes on.
/// Each block of verdicts is compared with the stored rows in its range
/// of cluster ids, and only what differs is written: most verdicts
/// survive a new day's articles unchanged, and rewriting all of them was
/// most of a large check's time.
pub struct VerdictWriter<'t, 'c> {
    tx: &'t Tx<'c>,
    /// The last cluster id handed over: the next block's range starts after it.
    after: i64,
    /// New or changed verdicts not yet stored.
    verdicts: Vec<Verdict>,
    /// New or moved (claim id, cluster id) rows not yet stored.
    members: Vec<(i64, i64)>,
    /// Claims by status, in [`Status::ALL`] order.
    counts: [usize; 4],
}

/// Rows a statement of [`Tx::insert_many`] stores.
const ROWS_PER_INSERT: usize = 64;

impl VerdictWriter<'_, '_> {
    /// Takes the next clusters the pass judged: sorted by cluster id, and
    /// all after those taken before.
    pub fn write(&mut self, clusters: Vec<Cluster>) -> Result<()> {
        match clusters.last() {
            Some(last) => {
                let to = last.verdict.cluster_id;
                self.sync(clusters, to)
            }
            None => Ok(()),
        }
    }

    /// Drops the stored verdicts of clusters that are gone, and records
    /// the check in `last_check` and the events, with what it found and
    /// the `build` of the pass that judged (see [`Tx::unchanged_check`]).
    /// Returns how many claims have each status, in [`Status::ALL`] order.
    pub fn finish(
        mut self,
        auto_links: usize,
        suggestions: usize,
        build: Option<&str>,
    ) -> Result<[usize; 4]> {
        self.sync(Vec::new(), i64::MAX)?;
        self.store(true)?;
        let tx = self.tx;
        // The pass read every mention in this transaction, so the largest id
        // now is the last one behind the verdicts.
        tx.tx.execute(
            "INSERT INTO last_check (id, last_mention_id, checked_at)
             VALUES (1, (SELECT coalesce(max(id), 0) FROM mentions), ?1)
             ON CONFLICT (id) DO UPDATE SET last_mention_id = excluded.last_mention_id,
                                            checked_at = excluded.checked_at",
            [now()],
        )?;
        let counts: std::collections::BTreeMap<&str, usize> = Status::ALL
            .iter()
            .zip(self.counts)
            .filter(|&(_, n)| n > 0)
            .map(|(s, n)| (s.as_str(), n))
            .collect();
        tx.event(
            "check",
            "ledger",
            None,
            &serde_json::json!({
                "verdicts": counts,
                "auto_links": auto_links,
                "suggestions": suggestions,
                "build": build,
            }),
        )?;
        Ok(self.counts)
    }

    /// Makes the stored verdicts and claim clusters with cluster ids after
    /// `self.after` and up to `to` those of `clusters`.
    fn sync(&mut self, clusters: Vec<Cluster>, to: i64) -> Result<()> {
        let tx = self.tx;
        let range = [self.after, to];
        // Blocks come in cluster order: a verdict at or before the end of
        // the last block would delete rows that block wrote.
        assert!(clusters.iter().all(|c| c.verdict.cluster_id > range[0]));
        self.after = to;
        for c in &clusters {
            self.counts[c.verdict.status.index()] += c.claim_ids.len();
        }
        let (changed, stale) = tx.diff(
            "FROM verdicts WHERE cluster_id > ?1 AND cluster_id <= ?2 ORDER BY cluster_id",
            range,
            &clusters,
            |c| c.verdict.cluster_id,
            |columns: &VerdictColumns, row, c| columns.same(row, &c.verdict),
        )?;
        let mut delete = tx
            .tx
            .prepare_cached("DELETE FROM verdicts WHERE cluster_id = ?1")?;
        for cluster in stale {
            delete.execute([cluster])?;
        }
        // Sorted by (cluster id, claim id): verdicts by cluster, claims
        // within. The first claim of a cluster has no row.
        let members: Vec<(i64, i64)> = clusters
            .iter()
            .flat_map(|c| {
                let cluster = c.verdict.cluster_id;
                c.claim_ids.iter().map(move |&claim| (cluster, claim))
            })
            .filter(|&(cluster, claim)| claim != cluster)
            .collect();
        let (joined, left) = tx.diff(
            "FROM claim_clusters
             WHERE cluster_id > ?1 AND cluster_id <= ?2 ORDER BY cluster_id, claim_id",
            range,
            &members,
            |&m| m,
            |_: &MemberColumns, _, _| Ok(true),
        )?;
        let mut delete = tx
            .tx
            .prepare_cached("DELETE FROM claim_clusters WHERE claim_id = ?1")?;
        for (_, claim) in left {
            delete.execute([claim])?;
        }
        self.members
            .extend(joined.into_iter().map(|i| (members[i].1, members[i].0)));
        let mut changed = changed.into_iter().peekable();
        self.verdicts.extend(
            clusters
                .into_iter()
                .enumerate()
                .filter(|&(i, _)| changed.next_if_eq(&i).is_some())
                .map(|(_, c)| c.verdict),
        );
        self.store(false)
    }

    /// Stores the waiting rows; unless `all`, only whole statements of
    /// [`ROWS_PER_INSERT`] rows, keeping the rest for the next block.
    fn store(&mut self, all: bool) -> Result<()> {
        let tx = self.tx;
        let ready = |rows: usize| {
            if all {
                rows
            } else {
                rows - rows % ROWS_PER_INSERT
            }
        };
        let n = ready(self.verdicts.len());
        tx.insert_many(
            "INSERT INTO verdicts (cluster_id, status, independent_sources, outlets, reason)",
            5,
            "ON CONFLICT (cluster_id) DO UPDATE SET status = excluded.status,
                 independent_sources = excluded.independent_sources, outlets = excluded.outlets, reason = excluded.reason",
            &self.verdicts[..n],
            |stmt, at, v| {
                stmt.raw_bind_parameter(at, v.cluster_id)?;
                stmt.raw_bind_parameter(at + 1, v.status)?;
                stmt.raw_bind_parameter(at + 2, v.independent_sources)?;
                stmt.raw_bind_parameter(at + 3, &v.outlets)?;
                stmt.raw_bind_parameter(at + 4, &v.reason)
            },
        )?;
        self.verdicts.drain(..n);
        let n = ready(self.members.len());
        tx.insert_many(
            "INSERT INTO claim_clusters (claim_id, cluster_id)",
            2,
            "ON CONFLICT (claim_id) DO UPDATE SET cluster_id = excluded.cluster_id",
            &self.members[..n],
            |stmt, at, &(claim, cluster)| {
                stmt.raw_bind_parameter(at, claim)?;
                stmt.raw_bind_parameter(at + 1, cluster)
            },
        )?;
        self.members.drain(..n);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::empty_ledger;
    use crate::store::Ledger;

    #[test]
    fn verdicts_are_written_block_by_block_and_rewritten_when_they_change() {
        let (_dir, mut ledger) = empty_ledger();
        // 130 clusters of two claims: two full statements of 64 and a rest,
        // of verdicts and of claim clusters (the second claim of each).
        let verdicts = |reason: &str| -> Vec<Cluster> {
            (0..130)
                .map(|k| Cluster {
                    verdict: Verdict {
                        cluster_id: 2 * k + 1,
                        status: Status::SingleSource,
                        independent_sources: 1,
                        outlets: "Press TV".to_string(),
                        reason: format!("{reason} {k}"),
                    },
                    claim_ids: vec![2 * k + 1, 2 * k + 2],
                    mentions: 1,
                })
                .collect()
        };
        let count = |ledger: &Ledger, sql: &str| -> i64 {
            ledger.read().conn.query_row(sql, [], |r| r.get(0)).unwrap()
        };
        // In blocks of 50, as the pass hands them over.
        let save = |ledger: &mut Ledger, verdicts: Vec<Cluster>| {
            let tx = ledger.begin_check().unwrap();
            let mut writer = tx.verdict_writer();
            let mut verdicts = verdicts.into_iter().peekable();
            while verdicts.peek().is_some() {
                writer.write(verdicts.by_ref().take(50).collect()).unwrap();
            }
            let counts = writer.finish(0, 0, None).unwrap();
            tx.commit().unwrap();
            counts
        };
        let counts = save(&mut ledger, verdicts("only Press TV carries it"));
        assert_eq!(counts, [0, 0, 260, 0]);
        assert_eq!(count(&ledger, "SELECT count(*) FROM verdicts"), 130);
        assert_eq!(count(&ledger, "SELECT count(*) FROM claim_clusters"), 130);
        assert_eq!(
            count(
                &ledger,
                "SELECT count(*) FROM claim_clusters k JOIN verdicts v USING (cluster_id)
                 WHERE k.claim_id = k.cluster_id + 1
                   AND v.reason = 'only Press TV carries it ' || ((k.claim_id - 1) / 2)"
            ),
            130
        );

        // Clusters 0 to 9 go, the last ones too, the rest change, and two
        // claims move between blocks: claim 200 from cluster 199 to 21,
        // written earlier, and claim 220 from cluster 219 to a cluster of
        // its own, written later. No old row may stay, and the moved
        // claims' new rows must.
        let mut changed = verdicts("changed");
        changed.truncate(125);
        changed.drain(..10);
        changed[89].claim_ids.retain(|&c| c != 200);
        changed[0].claim_ids.push(200);
        changed[99].claim_ids.retain(|&c| c != 220);
        let alone = Cluster {
            verdict: Verdict {
                cluster_id: 220,
                ..changed[99].verdict.clone()
            },
            claim_ids: vec![220],
            ..changed[99].clone()
        };
        changed.insert(100, alone);
        save(&mut ledger, changed);
        assert_eq!(count(&ledger, "SELECT count(*) FROM verdicts"), 116);
        // The second claims of clusters 10 to 124, but claim 220.
        assert_eq!(count(&ledger, "SELECT count(*) FROM claim_clusters"), 114);
        assert_eq!(
            count(
                &ledger,
                "SELECT count(*) FROM verdicts WHERE reason LIKE 'changed %'"
            ),
            116
        );
        let cluster = |claim: i64| {
            count(
                &ledger,
                &format!("SELECT coalesce(max(cluster_id), 0) FROM claim_clusters WHERE claim_id = {claim}"),
            )
        };
        // Claim 220 is the first of its cluster: its verdict is its own.
        assert_eq!((cluster(200), cluster(220)), (21, 0));
        assert_eq!(
            count(
                &ledger,
                "SELECT count(*) FROM verdicts WHERE cluster_id = 220"
            ),
            1
        );
        assert_eq!(
            count(
                &ledger,
                "SELECT count(*) FROM claim_clusters k LEFT JOIN verdicts v USING (cluster_id)
                 WHERE v.cluster_id IS NULL"
            ),
            0
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Whatever the stored clusters and the new ones (claims retracted,
        /// moved to clusters before or after their old one, clusters gone,
        /// any block sizes), the writer leaves exactly the new rows.
        #[test]
        fn the_verdict_writer_leaves_exactly_the_new_clusters(
            old in proptest::collection::vec(proptest::option::weighted(0.85, 0u8..40), 0..400),
            new in proptest::collection::vec(proptest::option::weighted(0.85, 0u8..40), 0..400),
            old_blocks in proptest::collection::vec(1usize..30, 1..20),
            new_blocks in proptest::collection::vec(1usize..30, 1..20),
        ) {
            // Claim i + 1 is in group `clusters[i]`, or retracted (None).
            let verdicts = |clusters: &[Option<u8>], reason: &str| -> Vec<Cluster> {
                let mut groups: std::collections::BTreeMap<u8, Vec<i64>> = Default::default();
                for (i, g) in clusters.iter().enumerate() {
                    if let Some(g) = g {
                        groups.entry(*g).or_default().push(i as i64 + 1);
                    }
                }
                let mut verdicts: Vec<Cluster> = groups
                    .into_values()
                    .map(|claim_ids| Cluster {
                        verdict: Verdict {
                            cluster_id: claim_ids[0],
                            reason: format!("{reason} {}", claim_ids.len()),
                            status: Status::SingleSource,
                            independent_sources: 1,
                            outlets: "Press TV".to_string(),
                        },
                        claim_ids,
                        mentions: 1,
                    })
                    .collect();
                verdicts.sort_by_key(|c| c.verdict.cluster_id);
                verdicts
            };
            let (_dir, mut ledger) = empty_ledger();
            let mut save = |verdicts: Vec<Cluster>, sizes: &[usize]| {
                let tx = ledger.begin_check().unwrap();
                let mut writer = tx.verdict_writer();
                let mut rest = verdicts.into_iter();
                for &n in sizes.iter().cycle() {
                    let block: Vec<Cluster> = rest.by_ref().take(n).collect();
                    if block.is_empty() {
                        break;
                    }
                    writer.write(block).unwrap();
                }
                writer.finish(0, 0, None).unwrap();
                tx.commit().unwrap();
            };
            save(verdicts(&old, "old"), &old_blocks);
            let fresh = verdicts(&new, "new");
            let want_verdicts: Vec<(i64, String)> =
                fresh.iter().map(|c| (c.verdict.cluster_id, c.verdict.reason.clone())).collect();
            let mut want_members: Vec<(i64, i64)> = fresh
                .iter()
                .flat_map(|v| v.claim_ids[1..].iter().map(move |&c| (c, v.verdict.cluster_id)))
                .collect();
            want_members.sort_unstable();
            save(fresh, &new_blocks);
            let conn = &ledger.read().conn;
            let rows = |sql: &str| -> Vec<(i64, rusqlite::types::Value)> {
                conn.prepare(sql)
                    .unwrap()
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                    .unwrap()
                    .map(|r| r.unwrap())
                    .collect()
            };
            let text = |v: Vec<(i64, String)>| -> Vec<(i64, rusqlite::types::Value)> {
                v.into_iter().map(|(k, t)| (k, t.into())).collect()
            };
            let int = |v: Vec<(i64, i64)>| -> Vec<(i64, rusqlite::types::Value)> {
                v.into_iter().map(|(k, t)| (k, t.into())).collect()
            };
            proptest::prop_assert_eq!(
                rows("SELECT cluster_id, reason FROM verdicts ORDER BY 1"),
                text(want_verdicts)
            );
            proptest::prop_assert_eq!(
                rows("SELECT claim_id, cluster_id FROM claim_clusters ORDER BY 1"),
                int(want_members)
            );
        }
    }
}
