//! The timelines' queries: the figures of each toll on two or more days,
//! in time order, with the outlets behind each and a mention to quote.

use chrono::NaiveDate;
use rusqlite::params;

use super::rows::*;
use super::Reader;
use crate::error::Result;
use crate::model::quantity::accumulates;
use crate::model::{MentionEntry, Status, Timeline, TimelineEntry};

/// Which figures the timelines show.
#[derive(Debug, Clone, Copy, Default)]
pub struct TimelineFilter<'a> {
    /// Only this measure (compared trimmed, in any case).
    pub measure: Option<&'a str>,
    /// Only figures this outlet carried, quoted from its own mention.
    pub outlet: Option<&'a str>,
    /// Only figures with this status (unchecked ones have none).
    pub status: Option<Status>,
}

/// The figures a timeline may hold, as claims `c`: quantity claims that
/// are not retracted, have a day, and are compared by the pass (an
/// extracted figure with a key, or one added by hand, as `comparable` in
/// `ClaimColumns`: a bare noun such as "people" is no measure to follow);
/// of measure ?1 (or any), carried by outlet ?2 (or any), with status ?3
/// (or any). The measure and unit are compared as the pass compares them,
/// trimmed and lowercase. The verdict is looked up only when a status is
/// asked for: joined to every claim, it doubled the scan.
const FIGURES: &str = "c.kind = 'quantity' AND c.retracted_at IS NULL AND c.as_of IS NOT NULL
     AND (c.key IS NOT NULL OR c.origin = 'manual')
     AND (?1 IS NULL OR lower(trim(c.measure)) = lower(trim(?1)))
     AND (?2 IS NULL OR EXISTS (
          SELECT 1 FROM mentions m JOIN documents d ON d.id = m.document_id
          JOIN outlets o ON o.id = d.outlet_id
          WHERE m.claim_id = c.id AND o.name = ?2))
     AND (?3 IS NULL OR (SELECT v.status FROM verdicts v WHERE v.cluster_id = coalesce(
          (SELECT k.cluster_id FROM claim_clusters k WHERE k.claim_id = c.id), c.id)) = ?3)";

/// The measure of claim `c` as compared.
const MEASURE_KEY: &str = "lower(trim(c.measure))";
/// The unit of claim `c` as compared; no unit is ''.
const UNIT_KEY: &str = "lower(trim(coalesce(c.unit, '')))";

impl Reader<'_> {
    /// The timelines: for each accumulating measure (and unit) whose
    /// figures hold for two or more days, its figures by day, then low
    /// end, then claim id, split where a month passes without a figure
    /// ([`Timeline::split_at_gaps`]); the measures by name, then unit.
    ///
    /// One scan groups the figures (with their ids); only the groups of
    /// accumulating measures are then read in full, by id, so a ledger of
    /// many troop counts on many days costs one scan, not a read of each.
    /// Each figure comes with its first mention (of the filter's outlet)
    /// to quote.
    pub fn timelines(&self, filter: &TimelineFilter<'_>) -> Result<Vec<Timeline>> {
        let mut timelines = self.timeline_figures(filter)?;
        for entry in timelines.iter_mut().flat_map(|t| &mut t.entries) {
            entry.quote = self.first_mention(entry.claim.claim.id, filter.outlet)?;
        }
        Ok(timelines)
    }

    /// [`Reader::timelines`] without a quote for each figure, for a reader
    /// that draws the figures only (the HTML report's chart): a query per
    /// figure fewer.
    pub fn timeline_figures(&self, filter: &TimelineFilter<'_>) -> Result<Vec<Timeline>> {
        let groups_sql = format!(
            "SELECT {MEASURE_KEY} AS measure, {UNIT_KEY} AS unit, group_concat(c.id) AS ids
             FROM claims c
             WHERE {FIGURES}
             GROUP BY 1, 2 HAVING count(DISTINCT c.as_of) >= 2
             ORDER BY 1, 2"
        );
        let mut stmt = self.conn.prepare_cached(&groups_sql)?;
        let mut rows = stmt.query(params![filter.measure, filter.outlet, filter.status])?;
        // A figure that holds still compares across days: its days make no timeline.
        let mut groups: Vec<(String, String, String)> = Vec::new();
        while let Some(row) = rows.next()? {
            let measure: String = row.get(0)?;
            if accumulates(&measure) {
                groups.push((measure, row.get(1)?, row.get(2)?));
            }
        }
        let entries_sql = format!(
            "SELECT {}, {OUTLETS}, {COUNT_EACH} FROM claims c
             {SPEAKER_JOIN}
             {VERDICT_JOIN}
             WHERE c.id IN (SELECT value FROM json_each('[' || ?1 || ']'))
             ORDER BY c.as_of, c.low, c.id",
            TimelineEntryColumns::select()
        );
        let mut timelines = Vec::with_capacity(groups.len());
        for (measure, unit, ids) in groups {
            let entries: Vec<TimelineEntry> =
                read_all::<TimelineEntryColumns, _>(self.conn, &entries_sql, [ids])?;
            let timeline = Timeline {
                measure,
                unit: (!unit.is_empty()).then_some(unit),
                entries,
            };
            timelines.extend(timeline.split_at_gaps());
        }
        Ok(timelines)
    }

    /// The first mention of claim `claim_id` (in a document of `outlet`,
    /// if given).
    fn first_mention(&self, claim_id: i64, outlet: Option<&str>) -> Result<Option<MentionEntry>> {
        let sql = format!(
            "SELECT {} FROM mentions m {MENTION_JOINS}
             WHERE m.claim_id = ?1 AND (?2 IS NULL OR o.name = ?2)
             ORDER BY m.id LIMIT 1",
            mention_columns()
        );
        read_one::<MentionEntryColumns>(self.conn, &sql, params![claim_id, outlet])
    }

    /// The days the figures of `measure` hold for (as [`Reader::timelines`]
    /// counts them, under no other filter), to say why it has no timeline;
    /// `None` when no quantity claim that is not retracted has that measure.
    pub fn measure_days(&self, measure: &str) -> Result<Option<Vec<NaiveDate>>> {
        let known: bool = self
            .conn
            .prepare_cached(&format!(
                "SELECT EXISTS (SELECT 1 FROM claims c WHERE c.kind = 'quantity'
                 AND c.retracted_at IS NULL AND {MEASURE_KEY} = lower(trim(?1)))"
            ))?
            .query_row([measure], |row| row.get(0))?;
        if !known {
            return Ok(None);
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT DISTINCT c.as_of FROM claims c WHERE {FIGURES} ORDER BY c.as_of"
        ))?;
        let days = stmt.query_map(params![measure, None::<&str>, None::<Status>], |row| {
            date(row, 0)
        })?;
        let days: Vec<Option<NaiveDate>> = days.collect::<rusqlite::Result<_>>()?;
        Ok(Some(days.into_iter().flatten().collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claim, ClaimBody, Origin, Quantity, Stance};
    use crate::store::tests::{document, empty_ledger};
    use crate::store::Tx;

    /// Adds an extracted figure of `measure` on `day` with a mention in
    /// `doc`; returns its id.
    fn figure(tx: &Tx<'_>, doc: i64, measure: &str, low: f64, day: u32, key: Option<&str>) -> i64 {
        let claim = Claim {
            id: 0,
            text: format!("{measure}: {low}"),
            body: ClaimBody::Quantity(Quantity {
                measure: measure.into(),
                low,
                high: low,
                unit: Some("people".into()),
                hedge: None,
                comparable: key.is_some(),
            }),
            speaker_id: None,
            as_of: NaiveDate::from_ymd_opt(2020, 8, day),
            origin: Origin::Extracted,
            retracted_why: None,
        };
        let id = tx.add_claim(&claim, key, None).unwrap();
        let mention = crate::model::Mention {
            id: 0,
            claim_id: id,
            document_id: doc,
            actor_id: None,
            stance: Stance::Asserts,
            quote: "word".into(),
            span: 0..4,
            relayed_by: None,
            origin: Origin::Extracted,
        };
        tx.add_mention(&mention, "word", None).unwrap();
        id
    }

    #[test]
    fn a_toll_on_two_days_is_a_timeline_and_a_still_measure_is_not() {
        let (_dir, mut ledger) = empty_ledger();
        let tx = ledger.begin().unwrap();
        let cnn = tx.outlet_for("CNN", None, None).unwrap();
        let afp = tx.outlet_for("AFP", None, None).unwrap();
        let (a, b) = (
            document(&tx, cnn, "word one"),
            document(&tx, afp, "word two"),
        );
        let later = figure(&tx, a, "people killed", 100.0, 5, Some("k1"));
        let first = figure(&tx, b, "people killed", 25.0, 4, Some("k2"));
        let same_day = figure(&tx, a, "People Killed ", 70.0, 4, Some("k3"));
        figure(&tx, a, "troops deployed", 10.0, 4, Some("k4"));
        figure(&tx, a, "troops deployed", 20.0, 5, Some("k5"));
        // A bare noun is no measure to follow.
        figure(&tx, a, "killed", 3.0, 4, None);
        figure(&tx, b, "killed", 4.0, 5, None);
        figure(&tx, a, "people missing", 3.0, 4, Some("k6"));
        tx.commit().unwrap();
        let reader = ledger.read();
        let all = reader.timelines(&TimelineFilter::default()).unwrap();
        assert_eq!(all.len(), 1, "{all:#?}");
        let toll = &all[0];
        assert_eq!(
            (toll.measure.as_str(), toll.unit.as_deref()),
            ("people killed", Some("people"))
        );
        let ids: Vec<i64> = toll.entries.iter().map(|e| e.claim.claim.id).collect();
        assert_eq!(ids, [first, same_day, later]);
        assert_eq!(toll.days(), 2);
        assert_eq!(toll.entries[0].outlets, ["AFP"]);
        assert_eq!(toll.entries[0].quote.as_ref().unwrap().outlet, "AFP");
        // An outlet's timeline has its own figures only: CNN's two days.
        let cnn_only = TimelineFilter {
            outlet: Some("CNN"),
            ..TimelineFilter::default()
        };
        let ids: Vec<i64> = reader.timelines(&cnn_only).unwrap()[0]
            .entries
            .iter()
            .map(|e| e.claim.claim.id)
            .collect();
        assert_eq!(ids, [same_day, later]);
        let afp_only = TimelineFilter {
            outlet: Some("AFP"),
            ..TimelineFilter::default()
        };
        assert!(reader.timelines(&afp_only).unwrap().is_empty());
        let by_measure = |m| {
            reader
                .timelines(&TimelineFilter {
                    measure: Some(m),
                    ..TimelineFilter::default()
                })
                .unwrap()
                .len()
        };
        assert_eq!(by_measure(" PEOPLE killed"), 1);
        assert_eq!(by_measure("troops deployed"), 0);
        let day = |d| NaiveDate::from_ymd_opt(2020, 8, d).unwrap();
        assert_eq!(
            reader.measure_days("people missing").unwrap(),
            Some(vec![day(4)])
        );
        assert_eq!(
            reader.measure_days("troops deployed").unwrap(),
            Some(vec![day(4), day(5)])
        );
        assert_eq!(reader.measure_days("killed").unwrap(), Some(vec![]));
        assert_eq!(reader.measure_days("people drowned").unwrap(), None);
    }
}
