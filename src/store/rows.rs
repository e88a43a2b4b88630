//! The rows the store hands out, and how each is read from a query.

use rusqlite::{Connection, OptionalExtension, Params, Row, Statement};
use serde::Serialize;

use crate::error::Result;
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
    /// What a quantity counts and what happened to it.
    pub measure: Option<String>,
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
    /// Independent sources, after `check`.
    pub independent_sources: Option<i64>,
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

/// Where a statement has the columns of one row type, found by name once
/// before its rows are read: rusqlite's `get` by name searches the columns
/// on every call, and the exports and the pass read millions of rows.
pub(super) trait Columns: Sized {
    /// What a row reads as.
    type Row;
    /// The SELECT list: each column's expression, named as its field.
    const SELECT: &'static str;
    /// Finds each column in `stmt` by its name.
    fn of(stmt: &Statement<'_>) -> rusqlite::Result<Self>;
    /// Reads one row.
    fn read(&self, row: &Row<'_>) -> rusqlite::Result<Self::Row>;
}

/// Names the columns of a row type once:
///
/// ```text
/// columns! {
///     /// Doc.
///     MentionColumns -> MentionRow {
///         id = "m.id",
///         ...
///     }
///     given { ... }
///     read(c, row) { ... }
/// }
/// ```
///
/// makes a struct with the index of each column and its [`Columns`]
/// impl: the SELECT list, each expression `AS` its field's name, and `of`,
/// which finds those names. A `given` column is one each query selects
/// itself, under the field's name. Without `read`, a row reads as the row
/// type with each field from its column.
macro_rules! columns {
    (
        $(#[$doc:meta])*
        $name:ident -> $row_type:ident {
            $($field:ident = $sql:literal),+ $(,)?
        }
    ) => {
        $crate::store::rows::columns! {
            $(#[$doc])*
            $name -> $row_type {
                $($field = $sql),+
            }
            read(c, row) {
                Ok($row_type {
                    $($field: row.get(c.$field)?),+
                })
            }
        }
    };
    (
        $(#[$doc:meta])*
        $name:ident -> $row_type:ty {
            $first:ident = $first_sql:literal $(, $field:ident = $sql:literal)* $(,)?
        }
        $(given { $($given:ident),* $(,)? })?
        read($c:ident, $row:ident) $read:block
    ) => {
        $(#[$doc])*
        pub(super) struct $name {
            $first: usize,
            $($field: usize,)*
            $($($given: usize,)*)?
        }

        impl $crate::store::rows::Columns for $name {
            type Row = $row_type;

            const SELECT: &'static str = concat!(
                $first_sql, " AS \"", stringify!($first), "\""
                $(, ", ", $sql, " AS \"", stringify!($field), "\"")*
            );

            fn of(stmt: &rusqlite::Statement<'_>) -> rusqlite::Result<Self> {
                Ok($name {
                    $first: stmt.column_index(stringify!($first))?,
                    $($field: stmt.column_index(stringify!($field))?,)*
                    $($($given: stmt.column_index(stringify!($given))?,)*)?
                })
            }

            fn read(&self, $row: &rusqlite::Row<'_>) -> rusqlite::Result<$row_type> {
                let $c = self;
                $read
            }
        }
    };
}
pub(super) use columns;

/// Every row `sql` finds with `params`, read through `C`, collected (in
/// a vector, a map...).
pub(super) fn read_all<C: Columns, B: FromIterator<C::Row>>(
    conn: &Connection,
    sql: &str,
    params: impl Params,
) -> Result<B> {
    let mut stmt = conn.prepare_cached(sql)?;
    let columns = C::of(&stmt)?;
    let rows = stmt.query_map(params, |row| columns.read(row))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The row `sql` finds with `params`, if there is one, read through `C`.
pub(super) fn read_one<C: Columns>(
    conn: &Connection,
    sql: &str,
    params: impl Params,
) -> Result<Option<C::Row>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let columns = C::of(&stmt)?;
    Ok(stmt.query_row(params, |row| columns.read(row)).optional()?)
}

columns! {
    /// An outlet `o`'s columns.
    OutletColumns -> OutletRow {
        id = "o.id",
        name = "o.name",
        kind = "o.kind",
        country = "o.country",
        owner = "o.owner",
        documents = "(SELECT count(*) FROM documents d WHERE d.outlet_id = o.id)",
    }
}

columns! {
    /// An actor `a`'s columns, its aliases joined by a unit separator.
    ActorColumns -> ActorRow {
        id = "a.id",
        name = "a.name",
        kind = "a.kind",
        aliases = "(SELECT group_concat(alias, char(31)) FROM
                       (SELECT alias FROM actor_aliases WHERE actor_id = a.id ORDER BY alias))",
        mentions = "(SELECT count(*) FROM mentions m WHERE m.actor_id = a.id)",
    }
    read(c, row) {
        let aliases: Option<String> = row.get(c.aliases)?;
        Ok(ActorRow {
            id: row.get(c.id)?,
            name: row.get(c.name)?,
            kind: row.get(c.kind)?,
            aliases: aliases
                .map(|s| s.split('\u{1f}').map(str::to_string).collect())
                .unwrap_or_default(),
            mentions: row.get(c.mentions)?,
        })
    }
}

columns! {
    /// A document `d`'s columns, with its outlet `o`.
    DocumentColumns -> DocumentExportRow {
        id = "d.id",
        outlet = "o.name",
        title = "d.title",
        url = "d.url",
        published = "d.published",
        source = "d.source",
        text = "d.text",
        outlet_id = "d.outlet_id",
    }
    read(c, row) {
        Ok(DocumentExportRow {
            outlet_id: row.get(c.outlet_id)?,
            document: DocumentRow {
                id: row.get(c.id)?,
                outlet: row.get(c.outlet)?,
                title: row.get(c.title)?,
                url: row.get(c.url)?,
                published: row.get(c.published)?,
                source: row.get(c.source)?,
                text: row.get(c.text)?,
            },
        })
    }
}

columns! {
    /// A claim `c`'s columns, with its speaker `a` and verdict `v`. Each
    /// query adds the verdict's outlet list ([`OUTLETS`] or [`NO_OUTLETS`])
    /// and a mention count (a `COUNT_*` below) that suits it.
    ClaimColumns -> ClaimRow {
        id = "c.id",
        text = "c.text",
        kind = "c.kind",
        measure = "c.measure",
        low = "c.low",
        high = "c.high",
        unit = "c.unit",
        hedge = "c.hedge",
        speaker = "a.name",
        quoted = "c.quoted",
        as_of = "c.as_of",
        origin = "c.origin",
        retracted = "c.retracted_why",
        status = "v.status",
        independent_sources = "v.independent_sources",
        reason = "v.reason",
        rating = "(SELECT r.rating || coalesce(' (' || r.rated_by || ')', '') FROM ratings r
                   WHERE r.claim_id = c.id ORDER BY r.id DESC LIMIT 1)",
        cluster = "v.cluster_id",
    }
    given { outlets, mention_count }
    read(c, row) {
        let outlets: Option<String> = row.get(c.outlets)?;
        Ok(ClaimRow {
            id: row.get(c.id)?,
            text: row.get(c.text)?,
            kind: row.get(c.kind)?,
            measure: row.get(c.measure)?,
            low: row.get(c.low)?,
            high: row.get(c.high)?,
            unit: row.get(c.unit)?,
            hedge: row.get(c.hedge)?,
            speaker: row.get(c.speaker)?,
            quoted: row.get(c.quoted)?,
            as_of: row.get(c.as_of)?,
            origin: row.get(c.origin)?,
            retracted: row.get(c.retracted)?,
            status: row.get(c.status)?,
            independent_sources: row.get(c.independent_sources)?,
            outlets: outlets.unwrap_or_default(),
            reason: row.get(c.reason)?,
            rating: row.get(c.rating)?,
            cluster: row.get(c.cluster)?,
            mention_count: row.get(c.mention_count)?,
        })
    }
}

/// A claim's columns; every query follows them with an outlet list and a
/// mention count.
pub(super) const CLAIM_COLUMNS: &str = ClaimColumns::SELECT;

/// The verdict's outlet list.
pub(super) const OUTLETS: &str = "v.outlets AS outlets";

/// No outlet list, for the mentions CSV, which never writes it: a wire
/// story's list names thousands of outlets.
pub(super) const NO_OUTLETS: &str = "NULL AS outlets";

/// The mention count of one claim: fine for a query of a few claims.
pub(super) const COUNT_EACH: &str =
    "(SELECT count(*) FROM mentions m WHERE m.claim_id = c.id) AS mention_count";
/// The mention count for listings of many claims, with [`COUNTS_JOIN`]: one
/// pass over mentions instead of a count per row.
pub(super) const COUNT_JOINED: &str = "coalesce(mc.n, 0) AS mention_count";
/// Joins each claim to its mention count, for [`COUNT_JOINED`].
pub(super) const COUNTS_JOIN: &str =
    "LEFT JOIN (SELECT claim_id, count(*) AS n FROM mentions GROUP BY claim_id) mc ON mc.claim_id = c.id";
/// No count, for queries whose reader does not show one (and, in a row
/// per mention, a count would grow with the square of a claim's mentions).
pub(super) const COUNT_NONE: &str = "NULL AS mention_count";

/// Joins each claim `c` to its verdict `v`, if it has one: its cluster's,
/// or its own when it is the first of its cluster (it has no
/// `claim_clusters` row then).
pub(super) const VERDICT_JOIN: &str = "LEFT JOIN claim_clusters k ON k.claim_id = c.id
     LEFT JOIN verdicts v ON v.cluster_id = coalesce(k.cluster_id, c.id)";

/// Joins the claims `c` with a verdict to it, as [`VERDICT_JOIN`] does.
pub(super) const CHECKED_JOIN: &str = "LEFT JOIN claim_clusters k ON k.claim_id = c.id
     JOIN verdicts v ON v.cluster_id = coalesce(k.cluster_id, c.id)";

columns! {
    /// A mention `m`'s columns, with what [`MENTION_JOINS`] joins to it.
    MentionColumns -> MentionRow {
        id = "m.id",
        claim = "m.claim_id",
        document = "m.document_id",
        outlet = "o.name",
        outlet_kind = "o.kind",
        title = "d.title",
        url = "d.url",
        published = "d.published",
        speaker = "a.name",
        stance = "m.stance",
        quote = "m.quote",
        span_start = "m.span_start",
        span_end = "m.span_end",
        relayed_by = "m.relayed_by",
    }
}

/// A mention's columns.
pub(super) const MENTION_COLUMNS: &str = MentionColumns::SELECT;

/// Joins each mention `m` to its document `d`, the document's outlet `o`
/// and the mention's speaker `a`, for [`MENTION_COLUMNS`].
pub(super) const MENTION_JOINS: &str = "JOIN documents d ON d.id = m.document_id
     JOIN outlets o ON o.id = d.outlet_id
     LEFT JOIN actors a ON a.id = m.actor_id";

columns! {
    /// A claim link's columns, from `claim_links`.
    ClaimLinkColumns -> ClaimLinkRow {
        from = "from_claim",
        to = "to_claim",
        relation = "relation",
        origin = "origin",
        rejected = "rejected",
        note = "note",
    }
}

columns! {
    /// An outlet link's columns, from `outlet_links`.
    OutletLinkColumns -> OutletLinkRow {
        from = "from_outlet",
        to = "to_outlet",
        relation = "relation",
        note = "note",
    }
}

columns! {
    /// A rating `r`'s columns.
    RatingColumns -> RatingRow {
        claim = "r.claim_id",
        rating = "r.rating",
        rated_by = "r.rated_by",
        rated_at = "r.rated_at",
    }
}

/// A MinHash fingerprint as stored: its values little-endian, one after another.
pub(super) fn fingerprint_blob(fingerprint: &[u64]) -> Vec<u8> {
    fingerprint.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// A stored fingerprint's values.
pub(super) fn fingerprint_from_blob(blob: &[u8]) -> Vec<u64> {
    blob.chunks_exact(8)
        .map(|c| {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            u64::from_le_bytes(b)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SCHEMA;

    #[test]
    fn claim_and_mention_queries_name_each_column_once() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(SCHEMA).unwrap();
        // A name twice would be read from its first column only.
        let unique = |stmt: &Statement<'_>| {
            let mut names = stmt.column_names();
            names.sort_unstable();
            let all = names.len();
            names.dedup();
            assert_eq!(names.len(), all, "{:?}", stmt.column_names());
        };
        let claims = conn
            .prepare(&format!(
                "SELECT {CLAIM_COLUMNS}, {OUTLETS}, {COUNT_EACH} FROM claims c
                 LEFT JOIN actors a ON a.id = c.speaker_id {VERDICT_JOIN}"
            ))
            .unwrap();
        unique(&claims);
        ClaimColumns::of(&claims).unwrap();
        let mentions = conn
            .prepare(&format!(
                "SELECT {MENTION_COLUMNS} FROM mentions m {MENTION_JOINS}"
            ))
            .unwrap();
        unique(&mentions);
        MentionColumns::of(&mentions).unwrap();
    }

    #[test]
    fn fingerprint_blob_round_trips() {
        let fp = vec![0, 1, u64::MAX, 42];
        assert_eq!(fingerprint_from_blob(&fingerprint_blob(&fp)), fp);
    }
}
