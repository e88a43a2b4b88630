//! The rows the store hands out, and how each is read from a query.

use serde::Serialize;

use crate::model::{
    ClaimKind, ClaimRelation, LinkOrigin, OutletKind, OutletRelation, Stance, Status,
};

/// An outlet, as listed.
#[derive(Debug, Clone, Serialize)]
pub struct OutletRow {
    /// Row id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: OutletKind,
    /// Country, free text.
    pub country: Option<String>,
    /// Owner, free text.
    pub owner: Option<String>,
    /// Number of documents.
    pub documents: i64,
}

/// An actor, as listed.
#[derive(Debug, Clone, Serialize)]
pub struct ActorRow {
    /// Row id.
    pub id: i64,
    /// Canonical name.
    pub name: String,
    /// person, organization, state or unknown.
    pub kind: String,
    /// Other names the actor goes by.
    pub aliases: Vec<String>,
    /// Number of mentions the actor voiced.
    pub mentions: i64,
}

/// A document, as listed.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentRow {
    /// Row id.
    pub id: i64,
    /// Outlet name.
    pub outlet: String,
    /// Title.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Published date, ISO.
    pub published: Option<String>,
    /// Where it was ingested from.
    pub source: Option<String>,
    /// Full text.
    #[serde(skip)]
    pub text: String,
}

/// A claim with its verdict, as listed and reported.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimRow {
    /// Row id.
    pub id: i64,
    /// Canonical text.
    pub text: String,
    /// Kind.
    pub kind: ClaimKind,
    /// Quantity subject key.
    pub subject: Option<String>,
    /// Quantity interval low end.
    pub low: Option<f64>,
    /// Quantity interval high end.
    pub high: Option<f64>,
    /// Quantity unit.
    pub unit: Option<String>,
    /// Hedge word.
    pub hedge: Option<String>,
    /// Speaker of a quote, by canonical name.
    pub speaker: Option<String>,
    /// The quoted words.
    pub quoted: Option<String>,
    /// The date the claim is about.
    pub as_of: Option<String>,
    /// Extracted or manual.
    pub origin: String,
    /// Why it was retracted, if it was.
    pub retracted: Option<String>,
    /// Verdict status, after `check`.
    pub status: Option<Status>,
    /// Independent origins, after `check`.
    pub origins: Option<i64>,
    /// Outlets behind the origins, after `check`, as stored: names joined
    /// by "; " (see [`ClaimRow::outlet_names`]). Kept whole because exports
    /// stream millions of rows that never look inside it.
    #[serde(serialize_with = "outlet_list")]
    pub outlets: String,
    /// Verdict reason, after `check`.
    pub reason: Option<String>,
    /// Number of mentions; `None` in per-mention streams, which do not count.
    pub mention_count: Option<i64>,
    /// The newest fact-checker's rating, with who gave it.
    pub rating: Option<String>,
    /// The smallest claim id of its same-as cluster, after `check`.
    pub cluster: Option<i64>,
}

impl ClaimRow {
    /// The names in [`ClaimRow::outlets`], in order.
    pub fn outlet_names(&self) -> impl Iterator<Item = &str> {
        split_outlets(&self.outlets)
    }
}

/// The names in a stored outlet list ("A; B").
fn split_outlets(outlets: &str) -> impl Iterator<Item = &str> {
    outlets.split("; ").filter(|n| !n.is_empty())
}

/// Serializes stored outlet names ("A; B") as a list.
fn outlet_list<S: serde::Serializer>(outlets: &str, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.collect_seq(split_outlets(outlets))
}

/// A mention with its document and outlet, as shown.
#[derive(Debug, Clone, Serialize)]
pub struct MentionRow {
    /// Row id.
    pub id: i64,
    /// The claim carried.
    pub claim: i64,
    /// The document carrying it.
    pub document: i64,
    /// The document's outlet.
    pub outlet: String,
    /// The outlet's kind.
    pub outlet_kind: OutletKind,
    /// The document's title.
    pub title: Option<String>,
    /// The document's url.
    pub url: Option<String>,
    /// The document's published date.
    pub published: Option<String>,
    /// Who voiced it, if not the outlet.
    pub speaker: Option<String>,
    /// Asserts, denies or reports.
    pub stance: Stance,
    /// The verbatim text.
    pub quote: String,
    /// Byte span start in the document text.
    pub span_start: i64,
    /// Byte span end in the document text.
    pub span_end: i64,
    /// A relayed wire.
    pub relayed_by: Option<String>,
}

/// A claim link, as shown.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimLinkRow {
    /// One claim.
    pub from: i64,
    /// The other claim.
    pub to: i64,
    /// Relation.
    pub relation: ClaimRelation,
    /// Auto or manual.
    pub origin: LinkOrigin,
    /// Rejected by a person.
    pub rejected: bool,
    /// Note.
    pub note: Option<String>,
}

/// A document with its outlet's id, as exports stream them.
#[derive(Debug, Clone)]
pub struct DocumentExportRow {
    /// The outlet's id.
    pub outlet_id: i64,
    /// The document, with its full text.
    pub document: DocumentRow,
}

/// A link between two outlets, as shown.
#[derive(Debug, Clone, Serialize)]
pub struct OutletLinkRow {
    /// The outlet that is not independent.
    pub from: i64,
    /// The outlet it depends on.
    pub to: i64,
    /// Relation.
    pub relation: OutletRelation,
    /// Note.
    pub note: Option<String>,
}

/// A fact-checker's rating of a claim.
#[derive(Debug, Clone, Serialize)]
pub struct RatingRow {
    /// The claim rated.
    pub claim: i64,
    /// The rating, in the fact-checker's words.
    pub rating: String,
    /// Who rated it.
    pub rated_by: Option<String>,
    /// When, ISO-8601.
    pub rated_at: String,
}

pub(super) fn fingerprint_blob(fingerprint: &[u64]) -> Vec<u8> {
    fingerprint.iter().flat_map(|v| v.to_le_bytes()).collect()
}

pub(super) fn fingerprint_from_blob(blob: &[u8]) -> Vec<u64> {
    blob.chunks_exact(8)
        .map(|c| {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            u64::from_le_bytes(b)
        })
        .collect()
}

/// A claim's columns, with `$outlets` for the verdict's outlet list.
macro_rules! claim_columns {
    ($outlets:literal) => {
        concat!(
            "c.id, c.text, c.kind, c.subject, c.low, c.high, c.unit, c.hedge,
             a.name, c.quoted, c.as_of, c.origin, c.retracted_why, v.status, v.origins, ",
            $outlets,
            ", v.reason,
             (SELECT r.rating || coalesce(' (' || r.rated_by || ')', '') FROM ratings r
              WHERE r.claim_id = c.id ORDER BY r.id DESC LIMIT 1),
             v.cluster_id"
        )
    };
}

/// A claim's columns; every query follows them with one of the mention
/// counts below, so the count's cost suits the query.
pub(super) const CLAIM_COLUMNS: &str = claim_columns!("v.outlets");

/// A claim's columns without the verdict's outlet list, for the mentions
/// CSV, which never writes it: a wire story's list names thousands of
/// outlets (once it was read per mention: 30 GB for one CSV at 100k).
pub(super) const CLAIM_COLUMNS_NO_OUTLETS: &str = claim_columns!("NULL");

/// Joins a claim `c` to its verdict `v`: its cluster's, or its own when it
/// is the first of its cluster (it has no `claim_clusters` row then).
macro_rules! verdict_join {
    ($join:literal) => {
        concat!(
            "LEFT JOIN claim_clusters k ON k.claim_id = c.id ",
            $join,
            " verdicts v ON v.cluster_id = coalesce(k.cluster_id, c.id)"
        )
    };
}

/// Each claim with its verdict, if it has one.
pub(super) const VERDICT_JOIN: &str = verdict_join!("LEFT JOIN");

/// The claims with a verdict, each with it.
pub(super) const CHECKED_JOIN: &str = verdict_join!("JOIN");

/// The mention count of one claim: fine for a query of a few claims.
pub(super) const COUNT_EACH: &str = "(SELECT count(*) FROM mentions m WHERE m.claim_id = c.id)";
/// The mention count for listings of many claims, with [`COUNTS_JOIN`]: one
/// pass over mentions instead of a count per row.
pub(super) const COUNT_JOINED: &str = "coalesce(mc.n, 0)";
/// Joins each claim to its mention count, for [`COUNT_JOINED`].
pub(super) const COUNTS_JOIN: &str =
    "LEFT JOIN (SELECT claim_id, count(*) AS n FROM mentions GROUP BY claim_id) mc ON mc.claim_id = c.id";
/// No count, for queries whose reader does not show one (and, in a row
/// per mention, a count would grow with the square of a claim's mentions).
pub(super) const COUNT_NONE: &str = "NULL";

/// How many columns CLAIM_COLUMNS and a count select: queries that add
/// columns after them read those from this index on.
pub(super) const CLAIM_COLUMN_COUNT: usize = 20;

pub(super) fn claim_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ClaimRow> {
    let outlets: Option<String> = row.get(15)?;
    Ok(ClaimRow {
        id: row.get(0)?,
        text: row.get(1)?,
        kind: row.get(2)?,
        subject: row.get(3)?,
        low: row.get(4)?,
        high: row.get(5)?,
        unit: row.get(6)?,
        hedge: row.get(7)?,
        speaker: row.get(8)?,
        quoted: row.get(9)?,
        as_of: row.get(10)?,
        origin: row.get(11)?,
        retracted: row.get(12)?,
        status: row.get(13)?,
        origins: row.get(14)?,
        outlets: outlets.unwrap_or_default(),
        reason: row.get(16)?,
        rating: row.get(17)?,
        cluster: row.get(18)?,
        mention_count: row.get(19)?,
    })
}

pub(super) const MENTION_COLUMNS: &str =
    "m.id, m.claim_id, m.document_id, o.name, o.kind, d.title, d.url,
    d.published, a.name, m.stance, m.quote, m.span_start, m.span_end, m.relayed_by";

pub(super) fn mention_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<MentionRow> {
    mention_row_at(row, 0)
}

/// A claim link from its six columns (from, to, relation, origin,
/// rejected, note) starting at column `at`.
pub(super) fn claim_link_row_at(
    row: &rusqlite::Row<'_>,
    at: usize,
) -> rusqlite::Result<ClaimLinkRow> {
    Ok(ClaimLinkRow {
        from: row.get(at)?,
        to: row.get(at + 1)?,
        relation: row.get(at + 2)?,
        origin: row.get(at + 3)?,
        rejected: row.get(at + 4)?,
        note: row.get(at + 5)?,
    })
}

/// A mention from [`MENTION_COLUMNS`] starting at column `at`.
pub(super) fn mention_row_at(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<MentionRow> {
    Ok(MentionRow {
        id: row.get(at)?,
        claim: row.get(at + 1)?,
        document: row.get(at + 2)?,
        outlet: row.get(at + 3)?,
        outlet_kind: row.get(at + 4)?,
        title: row.get(at + 5)?,
        url: row.get(at + 6)?,
        published: row.get(at + 7)?,
        speaker: row.get(at + 8)?,
        stance: row.get(at + 9)?,
        quote: row.get(at + 10)?,
        span_start: row.get(at + 11)?,
        span_end: row.get(at + 12)?,
        relayed_by: row.get(at + 13)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SCHEMA;
    use rusqlite::Connection;

    #[test]
    fn claim_column_count_matches_claim_columns() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(SCHEMA).unwrap();
        let stmt = conn
            .prepare(&format!(
                "SELECT {CLAIM_COLUMNS}, {COUNT_NONE} FROM claims c LEFT JOIN actors a ON a.id = c.speaker_id
                 {VERDICT_JOIN}"
            ))
            .unwrap();
        assert_eq!(stmt.column_count(), CLAIM_COLUMN_COUNT);
    }

    #[test]
    fn fingerprint_blob_round_trips() {
        let fp = vec![0, 1, u64::MAX, 42];
        assert_eq!(fingerprint_from_blob(&fingerprint_blob(&fp)), fp);
    }
}
