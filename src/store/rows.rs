//! How rows are read into the model's types: one mapping per type, by
//! column name, shared by every query that reads that type.

use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, Params, Row, Statement};

use crate::error::Result;
use crate::model::{
    Actor, ActorEntry, Claim, ClaimBody, ClaimEntry, ClaimKind, ClaimLink, Document, DocumentEntry,
    FigureNote, LinkEntry, Mention, MentionEntry, Outlet, OutletEntry, OutletLink, Page, Quantity,
    Rating, RatingScale, Sources, Suggestion, TimelineEntry, Verdict,
};

/// Where a statement has the columns of one row type, found by name once
/// before its rows are read: rusqlite's `get` by name searches the columns
/// on every call, and the exports and the pass read millions of rows.
pub(super) trait Columns: Sized {
    /// What a row reads as.
    type Row;
    /// The SELECT list: each column's expression, named as its field, and
    /// those of the columns it includes.
    fn select() -> String;
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
///     MentionEntryColumns -> MentionEntry {
///         outlet = "o.name",
///         ...
///     }
///     with { mention: MentionColumns }
///     given { ... }
///     read(c, row) { ... }
/// }
/// ```
///
/// makes a struct with the index of each column and its [`Columns`]
/// impl: the SELECT list, each expression `AS` its field's name, and `of`,
/// which finds those names. A `with` column set is selected and found too,
/// for a row type that holds another (a mention entry holds a mention). A
/// `given` column is one each query selects itself, under the field's
/// name. Without `read`, a row reads as the row type with each field from
/// its column.
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
        $(with { $($inner:ident : $inner_type:ty),* $(,)? })?
        $(given { $($given:ident),* $(,)? })?
        read($c:ident, $row:ident) $read:block
    ) => {
        $(#[$doc])*
        pub(super) struct $name {
            $first: usize,
            $($field: usize,)*
            $($($inner: $inner_type,)*)?
            $($($given: usize,)*)?
        }

        impl $crate::store::rows::Columns for $name {
            type Row = $row_type;

            fn select() -> String {
                let own = concat!(
                    $first_sql, " AS \"", stringify!($first), "\""
                    $(, ", ", $sql, " AS \"", stringify!($field), "\"")*
                );
                let parts: &[String] = &[
                    $($(<$inner_type as $crate::store::rows::Columns>::select(),)*)?
                    own.to_string(),
                ];
                parts.join(", ")
            }

            fn of(stmt: &rusqlite::Statement<'_>) -> rusqlite::Result<Self> {
                Ok($name {
                    $first: stmt.column_index(stringify!($first))?,
                    $($field: stmt.column_index(stringify!($field))?,)*
                    $($($inner: <$inner_type as $crate::store::rows::Columns>::of(stmt)?,)*)?
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

/// A stored ISO date (`2020-11-26`, or a timestamp that starts with one).
pub(super) fn date(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text = match row.get_ref(index)? {
        rusqlite::types::ValueRef::Null => return Ok(None),
        value => value.as_str()?,
    };
    iso_day(text).map(Some).ok_or_else(|| {
        let e = format!("'{text}' is not an ISO date");
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, e.into())
    })
}

/// The day `YYYY-MM-DD` that `text` starts with. Read by hand: a report
/// reads a date for every mention, and a parse by format string cost more
/// than the rest of reading the row.
fn iso_day(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes().get(..10)?;
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

/// A date as stored: ISO, `2020-11-26`.
pub(super) fn date_text(day: Option<NaiveDate>) -> Option<String> {
    day.map(|d| d.to_string())
}

columns! {
    /// A suggestion `s`'s columns.
    SuggestionColumns -> Suggestion {
        from_claim = "s.from_claim",
        to_claim = "s.to_claim",
        score = "s.score",
        note = "s.note",
    }
}

columns! {
    /// An outlet `o`'s columns.
    OutletColumns -> Outlet {
        id = "o.id",
        name = "o.name",
        kind = "o.kind",
        country = "o.country",
        owner = "o.owner",
    }
}

columns! {
    /// An outlet `o`'s columns, with its count of documents.
    OutletEntryColumns -> OutletEntry {
        document_count = "(SELECT count(*) FROM documents d WHERE d.outlet_id = o.id)",
    }
    with { outlet: OutletColumns }
    read(c, row) {
        Ok(OutletEntry {
            outlet: c.outlet.read(row)?,
            document_count: row.get(c.document_count)?,
            looks_like: None,
        })
    }
}

columns! {
    /// An actor `a`'s columns, its aliases joined by a unit separator.
    ActorColumns -> Actor {
        id = "a.id",
        name = "a.name",
        kind = "a.kind",
        aliases = "(SELECT group_concat(alias, char(31)) FROM
                       (SELECT alias FROM actor_aliases WHERE actor_id = a.id ORDER BY alias))",
    }
    read(c, row) {
        let aliases: Option<String> = row.get(c.aliases)?;
        Ok(Actor {
            id: row.get(c.id)?,
            name: row.get(c.name)?,
            kind: row.get(c.kind)?,
            aliases: aliases
                .map(|s| s.split('\u{1f}').map(str::to_string).collect())
                .unwrap_or_default(),
        })
    }
}

columns! {
    /// An actor `a`'s columns, with its count of mentions voiced.
    ActorEntryColumns -> ActorEntry {
        mention_count = "(SELECT count(*) FROM mentions m WHERE m.actor_id = a.id)",
    }
    with { actor: ActorColumns }
    read(c, row) {
        Ok(ActorEntry {
            actor: c.actor.read(row)?,
            mention_count: row.get(c.mention_count)?,
        })
    }
}

columns! {
    /// A document `d`'s columns but its text, which few readers want.
    DocumentColumns -> Document<()> {
        id = "d.id",
        outlet_id = "d.outlet_id",
        title = "d.title",
        url = "d.url",
        published = "d.published",
        source = "d.source",
        byline = "d.byline",
        title_from = "d.title_from",
        outlet_from = "d.outlet_from",
        url_from = "d.url_from",
        published_from = "d.published_from",
        byline_from = "d.byline_from",
        content_hash = "d.content_hash",
    }
    read(c, row) {
        Ok(Document {
            id: row.get(c.id)?,
            outlet_id: row.get(c.outlet_id)?,
            title: row.get(c.title)?,
            url: row.get(c.url)?,
            published: date(row, c.published)?,
            source: row.get(c.source)?,
            byline: row.get(c.byline)?,
            sources: Sources {
                title: row.get(c.title_from)?,
                outlet: row.get(c.outlet_from)?,
                url: row.get(c.url_from)?,
                published: row.get(c.published_from)?,
                byline: row.get(c.byline_from)?,
            },
            content_hash: row.get(c.content_hash)?,
            text: (),
        })
    }
}

columns! {
    /// A document `d`'s columns but its text, with its outlet `o`'s name
    /// and the extractor of its stored page, if it has one.
    DocumentShownColumns -> DocumentEntry<()> {
        outlet = "o.name",
        extractor = "(SELECT p.extractor FROM pages p WHERE p.document_id = d.id)",
    }
    with { document: DocumentColumns }
    read(c, row) {
        Ok(DocumentEntry {
            document: c.document.read(row)?,
            outlet: row.get(c.outlet)?,
            extractor: row.get(c.extractor)?,
        })
    }
}

columns! {
    /// A document `d`'s columns with its text, its outlet `o`'s name and
    /// its page's extractor.
    DocumentEntryColumns -> DocumentEntry {
        text = "d.text",
    }
    with { shown: DocumentShownColumns }
    read(c, row) {
        let shown = c.shown.read(row)?;
        Ok(DocumentEntry {
            document: shown.document.with_text(row.get(c.text)?),
            outlet: shown.outlet,
            extractor: shown.extractor,
        })
    }
}

columns! {
    /// A page `p`'s columns.
    PageColumns -> Page {
        document_id = "p.document_id",
        gzip = "p.gzip",
        size = "p.size",
        charset = "p.charset",
        extractor = "p.extractor",
    }
    read(c, row) {
        Ok(Page {
            document_id: row.get(c.document_id)?,
            gzip: row.get(c.gzip)?,
            size: row.get::<_, i64>(c.size)?.max(0) as u64,
            charset: row.get(c.charset)?,
            extractor: row.get(c.extractor)?,
        })
    }
}

columns! {
    /// A claim `c`'s columns. An extracted figure without a key has a
    /// bare noun or unit for its measure: it is never compared.
    ClaimColumns -> Claim {
        id = "c.id",
        text = "c.text",
        kind = "c.kind",
        measure = "c.measure",
        low = "c.low",
        high = "c.high",
        unit = "c.unit",
        hedge = "c.hedge",
        comparable = "c.key IS NOT NULL OR c.origin = 'manual'",
        quoted = "c.quoted",
        speaker_id = "c.speaker_id",
        as_of = "c.as_of",
        origin = "c.origin",
        retracted_why = "c.retracted_why",
    }
    read(c, row) {
        let body = match row.get::<_, ClaimKind>(c.kind)? {
            ClaimKind::Quantity => ClaimBody::Quantity(Quantity {
                measure: row.get(c.measure)?,
                low: row.get(c.low)?,
                high: row.get(c.high)?,
                unit: row.get(c.unit)?,
                hedge: row.get(c.hedge)?,
                comparable: row.get(c.comparable)?,
            }),
            ClaimKind::Quote => ClaimBody::Quote {
                quoted: row.get(c.quoted)?,
            },
            ClaimKind::Event => ClaimBody::Event,
            ClaimKind::Statement => ClaimBody::Statement,
        };
        Ok(Claim {
            id: row.get(c.id)?,
            text: row.get(c.text)?,
            body,
            speaker_id: row.get(c.speaker_id)?,
            as_of: date(row, c.as_of)?,
            origin: row.get(c.origin)?,
            retracted_why: row.get(c.retracted_why)?,
        })
    }
}

columns! {
    /// A claim `c`'s columns with its speaker `a` and verdict `v`. Each
    /// query adds the verdict's outlet list ([`OUTLETS`] or [`NO_OUTLETS`])
    /// and a mention count (a `COUNT_*` below) that suits it.
    ClaimEntryColumns -> ClaimEntry {
        speaker = "a.name",
        cluster_id = "v.cluster_id",
        status = "v.status",
        independent_sources = "v.independent_sources",
        reason = "v.reason",
        rating = "(SELECT r.rating || coalesce(' (' || r.rated_by || ')', '') FROM ratings r
                   WHERE r.claim_id = c.id ORDER BY r.id DESC LIMIT 1)",
    }
    with { claim: ClaimColumns }
    given { outlets, mention_count }
    read(c, row) {
        let verdict = match row.get::<_, Option<i64>>(c.cluster_id)? {
            Some(cluster_id) => Some(Verdict {
                cluster_id,
                status: row.get(c.status)?,
                independent_sources: row.get(c.independent_sources)?,
                outlets: row.get::<_, Option<String>>(c.outlets)?.unwrap_or_default(),
                reason: row.get(c.reason)?,
            }),
            None => None,
        };
        Ok(ClaimEntry {
            claim: c.claim.read(row)?,
            speaker: row.get(c.speaker)?,
            verdict,
            mention_count: row.get(c.mention_count)?,
            rating: row.get(c.rating)?,
        })
    }
}

/// A claim entry's columns; every query follows them with an outlet list
/// and a mention count, and joins the claims `c` to their speakers `a`
/// and verdicts `v` ([`SPEAKER_JOIN`], [`VERDICT_JOIN`]).
pub(super) fn claim_columns() -> String {
    ClaimEntryColumns::select()
}

/// Joins each claim `c` to its speaker `a`.
pub(super) const SPEAKER_JOIN: &str = "LEFT JOIN actors a ON a.id = c.speaker_id";

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

/// A mention `m`'s words, read from its document `d`'s text at its span
/// (in bytes, so through a BLOB): they are not stored twice.
pub(super) const QUOTE: &str =
    "CAST(substr(CAST(d.text AS BLOB), m.span_start + 1, m.span_end - m.span_start) AS TEXT)";

columns! {
    /// A mention `m`'s columns; each query selects its `quote`, most as
    /// [`QUOTE`] with the mention's document joined as `d`.
    MentionColumns -> Mention {
        id = "m.id",
        claim_id = "m.claim_id",
        document_id = "m.document_id",
        actor_id = "m.actor_id",
        stance = "m.stance",
        span_start = "m.span_start",
        span_end = "m.span_end",
        relayed_by = "m.relayed_by",
        origin = "m.origin",
    }
    given { quote }
    read(c, row) {
        let (start, end): (i64, i64) = (row.get(c.span_start)?, row.get(c.span_end)?);
        Ok(Mention {
            id: row.get(c.id)?,
            claim_id: row.get(c.claim_id)?,
            document_id: row.get(c.document_id)?,
            actor_id: row.get(c.actor_id)?,
            stance: row.get(c.stance)?,
            // A span edited into the middle of a character (`audit` finds
            // it) cuts the words short of valid UTF-8: shown with U+FFFD,
            // not a report that fails.
            quote: match row.get_ref(c.quote)? {
                ValueRef::Text(words) | ValueRef::Blob(words) => {
                    String::from_utf8_lossy(words).into_owned()
                }
                _ => String::new(),
            },
            span: start.max(0) as usize..end.max(0) as usize,
            relayed_by: row.get(c.relayed_by)?,
            origin: row.get(c.origin)?,
        })
    }
}

columns! {
    /// A mention `m`'s columns, with what [`MENTION_JOINS`] joins to it.
    MentionEntryColumns -> MentionEntry {
        outlet = "o.name",
        outlet_kind = "o.kind",
        title = "d.title",
        url = "d.url",
        published = "d.published",
        speaker = "a.name",
    }
    with { mention: MentionColumns }
    read(c, row) {
        Ok(MentionEntry {
            mention: c.mention.read(row)?,
            speaker: row.get(c.speaker)?,
            outlet: row.get(c.outlet)?,
            outlet_kind: row.get(c.outlet_kind)?,
            title: row.get(c.title)?,
            url: row.get(c.url)?,
            published: date(row, c.published)?,
        })
    }
}

/// A mention entry's columns.
pub(super) fn mention_columns() -> String {
    format!("{}, {QUOTE} AS quote", MentionEntryColumns::select())
}

/// Joins each mention `m` to its document `d`, the document's outlet `o`
/// and the mention's speaker `a`, for [`mention_columns`].
pub(super) const MENTION_JOINS: &str = "JOIN documents d ON d.id = m.document_id
     JOIN outlets o ON o.id = d.outlet_id
     LEFT JOIN actors a ON a.id = m.actor_id";

columns! {
    /// A figure of a timeline: a claim `c`'s entry columns (with its
    /// speaker `a` and verdict `v`) and the names of the outlets whose
    /// documents carry it, joined by a unit separator. Its quote is read
    /// apart: a mention's columns share names with a claim's.
    TimelineEntryColumns -> TimelineEntry {
        carried_by = "(SELECT group_concat(name, char(31)) FROM
                          (SELECT DISTINCT o.name AS name FROM mentions m
                           JOIN documents d ON d.id = m.document_id
                           JOIN outlets o ON o.id = d.outlet_id
                           WHERE m.claim_id = c.id ORDER BY o.name COLLATE NOCASE))",
    }
    with { claim: ClaimEntryColumns }
    read(c, row) {
        let outlets: Option<String> = row.get(c.carried_by)?;
        Ok(TimelineEntry {
            claim: c.claim.read(row)?,
            outlets: outlets
                .map(|s| s.split('\u{1f}').map(str::to_string).collect())
                .unwrap_or_default(),
            quote: None,
        })
    }
}

columns! {
    /// A claim link `l`'s columns as stored: the note of a link between
    /// figures is NULL (see [`NotedLinkColumns`]).
    ClaimLinkColumns -> ClaimLink {
        from_claim = "l.from_claim",
        to_claim = "l.to_claim",
        relation = "l.relation",
        origin = "l.origin",
        rejected = "l.rejected",
        note = "l.note",
    }
}

/// Joins a claim link `l` to its claims `lf` (from) and `lt` (to) when it
/// is an automatic link kept without its note, for [`NotedLinkColumns`].
pub(super) const FIGURES_JOIN: &str =
    "LEFT JOIN claims lf ON l.note IS NULL AND l.origin = 'auto' AND lf.id = l.from_claim
                         AND lf.kind = 'quantity'
     LEFT JOIN claims lt ON l.note IS NULL AND l.origin = 'auto' AND lt.id = l.to_claim
                         AND lt.kind = 'quantity'";

columns! {
    /// A claim link `l`'s columns with its note, which for a link between
    /// figures is rendered from the claims [`FIGURES_JOIN`] joins.
    NotedLinkColumns -> ClaimLink {
        from_text = "lf.text",
        from_low = "lf.low",
        from_high = "lf.high",
        from_hedge = "lf.hedge",
        from_as_of = "lf.as_of",
        to_text = "lt.text",
        to_low = "lt.low",
        to_high = "lt.high",
        to_hedge = "lt.hedge",
        to_as_of = "lt.as_of",
    }
    with { link: ClaimLinkColumns }
    read(c, row) {
        let mut link = c.link.read(row)?;
        if link.note.is_none() {
            let from = [c.from_text, c.from_low, c.from_high, c.from_hedge, c.from_as_of];
            let to = [c.to_text, c.to_low, c.to_high, c.to_hedge, c.to_as_of];
            if let (Some(from), Some(to)) = (Figure::read(row, from)?, Figure::read(row, to)?) {
                link.note = Some(ClaimLink::figure_note(&from.note(), &to.note(), link.relation));
            }
        }
        Ok(link)
    }
}

/// One claim of a link between figures as [`NotedLinkColumns`] reads it,
/// for its note.
struct Figure {
    text: String,
    low: f64,
    high: f64,
    hedge: Option<String>,
    as_of: Option<NaiveDate>,
}

impl Figure {
    /// The figure at columns (text, low, high, hedge, as_of); `None` when
    /// no claim was joined there.
    fn read(
        row: &Row<'_>,
        [text, low, high, hedge, as_of]: [usize; 5],
    ) -> rusqlite::Result<Option<Figure>> {
        let Some(text) = row.get::<_, Option<String>>(text)? else {
            return Ok(None);
        };
        Ok(Some(Figure {
            text,
            low: row.get(low)?,
            high: row.get(high)?,
            hedge: row.get(hedge)?,
            as_of: date(row, as_of)?,
        }))
    }

    fn note(&self) -> FigureNote<'_> {
        FigureNote {
            text: &self.text,
            low: self.low,
            high: self.high,
            hedge: self.hedge.as_deref(),
            as_of: self.as_of,
        }
    }
}

columns! {
    /// A claim link `l`'s columns, with [`FIGURES_JOIN`], and the texts of
    /// its claims, `cf` (from) and `ct` (to).
    LinkEntryColumns -> LinkEntry {
        from_text = "cf.text",
        to_text = "ct.text",
    }
    with { link: NotedLinkColumns }
    read(c, row) {
        Ok(LinkEntry {
            link: c.link.read(row)?,
            from_text: row.get(c.from_text)?,
            to_text: row.get(c.to_text)?,
        })
    }
}

columns! {
    /// An outlet link's columns, from `outlet_links`.
    OutletLinkColumns -> OutletLink {
        from_outlet = "from_outlet",
        to_outlet = "to_outlet",
        relation = "relation",
        note = "note",
    }
}

columns! {
    /// A rating `r`'s columns.
    RatingColumns -> Rating {
        claim_id = "r.claim_id",
        rating = "r.rating",
        rated_by = "r.rated_by",
        rated_at = "r.rated_at",
        url = "r.url",
        rating_value = "r.rating_value",
        best_rating = "r.best_rating",
        worst_rating = "r.worst_rating",
    }
    read(c, row) {
        let value: Option<f64> = row.get(c.rating_value)?;
        let (best, worst): (Option<f64>, Option<f64>) =
            (row.get(c.best_rating)?, row.get(c.worst_rating)?);
        Ok(Rating {
            claim_id: row.get(c.claim_id)?,
            rating: row.get(c.rating)?,
            rated_by: row.get(c.rated_by)?,
            rated_at: row.get(c.rated_at)?,
            url: row.get(c.url)?,
            scale: match (value, best, worst) {
                (Some(rating_value), Some(best_rating), Some(worst_rating)) => Some(RatingScale {
                    rating_value,
                    best_rating,
                    worst_rating,
                }),
                _ => None,
            },
        })
    }
}

/// A MinHash fingerprint as stored: its values little-endian, one after another.
pub(super) fn fingerprint_blob(fingerprint: &[u32]) -> Vec<u8> {
    fingerprint.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// A stored fingerprint's values: four bytes each, or eight in a document
/// stored before schema 11, of which the low four are today's value.
pub(super) fn fingerprint_from_blob(blob: &[u8]) -> Vec<u32> {
    let width = if blob.len() == 8 * crate::corroborate::FINGERPRINT_LEN {
        8
    } else {
        4
    };
    blob.chunks_exact(width)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
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
                "SELECT {}, {OUTLETS}, {COUNT_EACH} FROM claims c {SPEAKER_JOIN} {VERDICT_JOIN}",
                claim_columns()
            ))
            .unwrap();
        unique(&claims);
        ClaimEntryColumns::of(&claims).unwrap();
        let mentions = conn
            .prepare(&format!(
                "SELECT {} FROM mentions m {MENTION_JOINS}",
                mention_columns()
            ))
            .unwrap();
        unique(&mentions);
        MentionEntryColumns::of(&mentions).unwrap();
    }

    #[test]
    fn dates_read_as_they_were_stored() {
        let day = NaiveDate::from_ymd_opt(2020, 11, 26);
        assert_eq!(iso_day("2020-11-26"), day);
        assert_eq!(iso_day("2020-11-26T10:00:00Z"), day);
        assert_eq!(iso_day(&day.unwrap().to_string()), day);
        for bad in [
            "2020-13-01",
            "2020-11-2",
            "20201126xx",
            "",
            "2020/11/26",
            "２０20-11-26",
        ] {
            assert_eq!(iso_day(bad), None, "{bad}");
        }
    }

    #[test]
    fn fingerprint_blob_round_trips() {
        let fp = vec![0, 1, u32::MAX, 42];
        assert_eq!(fingerprint_from_blob(&fingerprint_blob(&fp)), fp);
        // A version 10 ledger's eight-byte values read as their low half.
        let old: Vec<u8> = (0..crate::corroborate::FINGERPRINT_LEN as u64)
            .flat_map(|i| ((i << 40) | (i + 7)).to_le_bytes())
            .collect();
        let read = fingerprint_from_blob(&old);
        assert_eq!(read.len(), crate::corroborate::FINGERPRINT_LEN);
        assert_eq!(read[3], 10);
    }
}
