//! The records of the listings: which fields their tables show, and the
//! mention row that `export csv` writes and `import` reads back.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Record;
use crate::check::CheckSummary;
use crate::import::Imported;
use crate::model::{
    ActorEntry, ClaimEntry, ClaimKind, ClaimLink, MentionEntry, OutletEntry, OutletKind, Stance,
    Status, SuggestionEntry, TimelineEntry,
};
use crate::store::AuditOutcome;

impl Record for OutletEntry {
    const FIELDS: &'static [&'static str] = &[
        "id",
        "name",
        "kind",
        "country",
        "owner",
        "document_count",
        "looks_like",
    ];
    const TABLE: &'static [&'static str] = Self::FIELDS;

    fn table_cell(&self, field: &str, cell: String) -> String {
        match field {
            "looks_like" if !cell.is_empty() => {
                format!("WARNING: looks like {cell} (one source with it)")
            }
            _ => cell,
        }
    }
}

impl Record for ActorEntry {
    const FIELDS: &'static [&'static str] = &["id", "name", "kind", "aliases", "mention_count"];
    const TABLE: &'static [&'static str] = &["id", "name", "kind", "mention_count", "aliases"];
}

impl Record for SuggestionEntry {
    const FIELDS: &'static [&'static str] = &[
        "from_claim",
        "to_claim",
        "score",
        "note",
        "from_speaker",
        "from_text",
        "from_status",
        "from_outlets",
        "to_speaker",
        "to_text",
        "to_status",
        "to_outlets",
    ];
    const TABLE: &'static [&'static str] = &[
        "from_claim",
        "to_claim",
        "score",
        "from_speaker",
        "from_text",
        "to_text",
        "note",
    ];
}

impl Record for ClaimEntry {
    const FIELDS: &'static [&'static str] = &[
        "id",
        "text",
        "kind",
        "measure",
        "low",
        "high",
        "unit",
        "hedge",
        "speaker",
        "quoted",
        "as_of",
        "origin",
        "retracted_why",
        "status",
        "independent_sources",
        "outlets",
        "reason",
        "cluster_id",
        "mention_count",
        "rating",
    ];
    const TABLE: &'static [&'static str] = &[
        "id",
        "kind",
        "status",
        "independent_sources",
        "mention_count",
        "speaker",
        "text",
    ];

    /// A claim without a verdict is retracted or waits for a check.
    fn table_cell(&self, field: &str, cell: String) -> String {
        match field {
            "status" if cell.is_empty() && self.claim.is_retracted() => "retracted".into(),
            "status" if cell.is_empty() => "unchecked".into(),
            _ => cell,
        }
    }
}

impl Record for TimelineEntry {
    const FIELDS: &'static [&'static str] = &[
        "measure",
        "unit",
        "as_of",
        "claim_id",
        "figure",
        "text",
        "low",
        "high",
        "hedge",
        "status",
        "cluster_id",
        "outlets",
        "mention_count",
        "quote",
        "outlet",
        "published",
        "document_id",
    ];
    const TABLE: &'static [&'static str] = &[
        "measure", "as_of", "figure", "claim_id", "status", "outlets",
    ];

    /// A figure without a verdict waits for a check.
    fn table_cell(&self, field: &str, cell: String) -> String {
        match field {
            "status" if cell.is_empty() => "unchecked".into(),
            _ => cell,
        }
    }
}

/// What `check` did, for `check --format json`: how many claims got a
/// verdict, how many have each status (under the status words, as the
/// JSON report's summary), how many automatic links the pass made, how
/// many pairs of claims it suggests may be one, and when nothing changed
/// since the last check, that check's time (null when the pass ran).
impl Serialize for CheckSummary {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(8))?;
        map.serialize_entry("claims", &self.claims())?;
        for (status, n) in Status::ALL.iter().zip(self.counts) {
            map.serialize_entry(status.as_str(), &n)?;
        }
        map.serialize_entry("auto_links", &self.auto_links)?;
        map.serialize_entry("suggestions", &self.suggestions)?;
        map.serialize_entry("unchanged_since", &self.unchanged_since)?;
        map.end()
    }
}

impl Record for CheckSummary {
    const FIELDS: &'static [&'static str] = &[
        "claims",
        "conflicting",
        "corroborated",
        "single-source",
        "unsourced",
        "auto_links",
        "suggestions",
        "unchanged_since",
    ];
    const TABLE: &'static [&'static str] = Self::FIELDS;
}

impl Record for Imported {
    const FIELDS: &'static [&'static str] = &[
        "rows",
        "claims_added",
        "claims_updated",
        "mentions_added",
        "mentions_updated",
        "unchanged",
        "unversioned",
    ];
    const TABLE: &'static [&'static str] = Self::FIELDS;
}

/// What `audit` found, for `audit --format json`: `status` is `intact`,
/// `damaged` (SQLite's own check failed), `dangling` (a row refers to a
/// missing one) or `broken` (the first row of the chain that does not
/// check out, `id`); `problem` says what, in words.
impl Serialize for AuditOutcome {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (status, events, head, id, problem) = match self {
            AuditOutcome::Intact { events, head } => {
                ("intact", Some(*events), Some(head.as_str()), None, None)
            }
            AuditOutcome::Damaged { problem } => ("damaged", None, None, None, Some(problem)),
            AuditOutcome::Dangling { problem } => ("dangling", None, None, None, Some(problem)),
            AuditOutcome::Broken { id, problem } => {
                ("broken", None, None, Some(*id), Some(problem))
            }
        };
        let mut s = serializer.serialize_struct("audit", 5)?;
        s.serialize_field("status", status)?;
        s.serialize_field("events", &events)?;
        s.serialize_field("head", &head)?;
        s.serialize_field("id", &id)?;
        s.serialize_field("problem", &problem)?;
        s.end()
    }
}

impl Record for AuditOutcome {
    const FIELDS: &'static [&'static str] = &["status", "events", "head", "id", "problem"];
    const TABLE: &'static [&'static str] = Self::FIELDS;
}

/// What `audit` found in all, for `audit --format json`: the chain's
/// outcome (`status` `intact`, `damaged`, `dangling` or `broken`, as
/// [`AuditOutcome`]), then `texts` when a document's text or a quote does
/// not hold, or `rewritten` when the history no longer holds the
/// `--expect-head`; `documents` and `quotes` count the texts checked,
/// `events_after_expected_head` the events since the kept head.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AuditSummary {
    /// `intact`, `damaged`, `dangling`, `broken`, `texts` or `rewritten`.
    pub status: &'static str,
    /// How many events the chain holds, when it holds.
    pub events: Option<i64>,
    /// The newest event's hash, when the chain holds.
    pub head: Option<String>,
    /// The first events row that does not check out.
    pub id: Option<i64>,
    /// What does not hold, in words.
    pub problem: Option<String>,
    /// How many documents' texts were checked.
    pub documents: Option<i64>,
    /// How many mentions' quotes were checked.
    pub quotes: Option<i64>,
    /// How many events came after the expected head, when it was found.
    pub events_after_expected_head: Option<i64>,
}

impl AuditSummary {
    /// The summary of the chain's outcome, before the texts are checked.
    pub fn of(outcome: &AuditOutcome) -> AuditSummary {
        let (status, events, head, id, problem) = match outcome {
            AuditOutcome::Intact { events, head } => {
                ("intact", Some(*events), Some(head.clone()), None, None)
            }
            AuditOutcome::Damaged { problem } => ("damaged", None, None, None, Some(problem)),
            AuditOutcome::Dangling { problem } => ("dangling", None, None, None, Some(problem)),
            AuditOutcome::Broken { id, problem } => {
                ("broken", None, None, Some(*id), Some(problem))
            }
        };
        AuditSummary {
            status,
            events,
            head,
            id,
            problem: problem.cloned(),
            ..AuditSummary::default()
        }
    }
}

impl Record for AuditSummary {
    const FIELDS: &'static [&'static str] = &[
        "status",
        "events",
        "head",
        "id",
        "problem",
        "documents",
        "quotes",
        "events_after_expected_head",
    ];
    const TABLE: &'static [&'static str] = Self::FIELDS;
}

/// A claim with all its mentions and links, as `claim show` and `export
/// json` give it: the claim's fields, then `mentions` and `links`.
#[derive(Debug, Serialize)]
pub struct ClaimInFull<'a> {
    /// The claim.
    #[serde(flatten)]
    pub claim: &'a ClaimEntry,
    /// Its mentions, by id.
    pub mentions: &'a [MentionEntry],
    /// The links that touch it, by (from, to, relation).
    pub links: &'a [ClaimLink],
}

/// A mention with its claim: a row of the mentions CSV, which `export
/// csv` writes and `import` reads back after a person corrected it in a
/// spreadsheet. The claim's fields a person may correct come first, then
/// its verdict (read back but not written: `check` recomputes it), then
/// the mention's fields, with its document's and outlet's (read back but
/// not written either). Last come the ledger's id and the row's
/// version: what `import` checks that the file is this ledger's and that
/// the row's claim and mention have not changed since the export.
///
/// Import still reads files written before these were the schema's column
/// names: `claim_text` for `text`, `subject` for `measure`, `origins` for
/// `independent_sources`, `mention_id` for `id`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MentionRow<'a> {
    /// The claim's id; empty in a row for a new claim.
    #[serde(default, deserialize_with = "cell::id")]
    pub claim_id: Option<i64>,
    /// The claim's text.
    #[serde(default, alias = "claim_text", deserialize_with = "cell::text")]
    pub text: Option<Cow<'a, str>>,
    /// The claim's kind.
    #[serde(default, deserialize_with = "cell::word")]
    pub kind: Option<ClaimKind>,
    /// A quantity claim's measure.
    #[serde(default, alias = "subject", deserialize_with = "cell::text")]
    pub measure: Option<Cow<'a, str>>,
    /// A quantity claim's low end.
    #[serde(default, deserialize_with = "cell::number")]
    pub low: Option<f64>,
    /// A quantity claim's high end.
    #[serde(default, deserialize_with = "cell::number")]
    pub high: Option<f64>,
    /// A quantity claim's unit.
    #[serde(default, deserialize_with = "cell::text")]
    pub unit: Option<Cow<'a, str>>,
    /// The claim's verdict status.
    #[serde(default, deserialize_with = "cell::ignored")]
    pub status: Option<Status>,
    /// How many independent sources carry the claim.
    #[serde(default, alias = "origins", deserialize_with = "cell::ignored")]
    pub independent_sources: Option<i64>,
    /// The verdict's reason.
    #[serde(default, deserialize_with = "cell::ignored")]
    pub reason: Option<Cow<'a, str>>,
    /// The mention's id; empty in a row for a new mention.
    #[serde(default, alias = "mention_id", deserialize_with = "cell::id")]
    pub id: Option<i64>,
    /// The name of the document's outlet.
    #[serde(default, deserialize_with = "cell::ignored")]
    pub outlet: Option<Cow<'a, str>>,
    /// The outlet's kind.
    #[serde(default, deserialize_with = "cell::ignored")]
    pub outlet_kind: Option<OutletKind>,
    /// The document carrying the mention.
    #[serde(default, deserialize_with = "cell::id")]
    pub document_id: Option<i64>,
    /// The document's url.
    #[serde(default, deserialize_with = "cell::ignored")]
    pub url: Option<Cow<'a, str>>,
    /// The document's title.
    #[serde(default, deserialize_with = "cell::ignored")]
    pub title: Option<Cow<'a, str>>,
    /// The day the document was published.
    #[serde(default, deserialize_with = "cell::ignored")]
    pub published: Option<NaiveDate>,
    /// The name of who voiced the mention.
    #[serde(default, deserialize_with = "cell::text")]
    pub speaker: Option<Cow<'a, str>>,
    /// Asserts, denies or reports.
    #[serde(default, deserialize_with = "cell::word")]
    pub stance: Option<Stance>,
    /// The verbatim words.
    #[serde(default, deserialize_with = "cell::text")]
    pub quote: Option<Cow<'a, str>>,
    /// The id of the ledger the row was exported from (`Reader::ledger_id`).
    #[serde(default, deserialize_with = "cell::text")]
    pub ledger_id: Option<Cow<'a, str>>,
    /// The row's version when it was exported: [`MentionRow::edit_version`].
    #[serde(default, deserialize_with = "cell::text")]
    pub version: Option<Cow<'a, str>>,
}

impl<'a> MentionRow<'a> {
    /// The row of `mention`, with its claim `claim`.
    pub fn of(claim: &'a ClaimEntry, mention: &'a MentionEntry) -> MentionRow<'a> {
        let (c, m) = (&claim.claim, &mention.mention);
        let q = c.quantity();
        let v = claim.verdict.as_ref();
        let text = |s: &'a str| Some(Cow::Borrowed(s));
        MentionRow {
            claim_id: Some(c.id),
            text: text(&c.text),
            kind: Some(c.kind()),
            measure: q.and_then(|q| text(&q.measure)),
            low: q.map(|q| q.low),
            high: q.map(|q| q.high),
            unit: q.and_then(|q| q.unit.as_deref()).and_then(text),
            status: v.map(|v| v.status),
            independent_sources: v.map(|v| v.independent_sources),
            reason: v.and_then(|v| text(&v.reason)),
            id: Some(m.id),
            outlet: text(&mention.outlet),
            outlet_kind: Some(mention.outlet_kind),
            document_id: Some(m.document_id),
            url: mention.url.as_deref().and_then(text),
            title: mention.title.as_deref().and_then(text),
            published: mention.published,
            speaker: mention.speaker.as_deref().and_then(text),
            stance: Some(m.stance),
            quote: text(&m.quote),
            ledger_id: None,
            version: None,
        }
    }

    /// The row as exported from ledger `ledger_id`: with that id and its
    /// version.
    pub fn versioned(mut self, ledger_id: &'a str) -> MentionRow<'a> {
        self.ledger_id = (!ledger_id.is_empty()).then_some(Cow::Borrowed(ledger_id));
        self.version = Some(Cow::Owned(self.edit_version()));
        self
    }

    /// The fields a person may correct and the ids that place them, hashed
    /// (SHA-256, "v" and the first 16 hex digits): the same for a row as exported
    /// and as read back untouched, different once any of them changed, in
    /// the file or in the ledger.
    pub fn edit_version(&self) -> String {
        use sha2::{Digest, Sha256};
        let fields = serde_json::json!([
            self.claim_id,
            self.text,
            self.kind,
            self.measure,
            self.low,
            self.high,
            self.unit,
            self.id,
            self.document_id,
            self.speaker,
            self.stance,
            self.quote,
        ]);
        let digest = Sha256::digest(fields.to_string().as_bytes());
        // A letter first: a spreadsheet reads a hash of only digits, or
        // digits and one `e`, as a number and loses digits.
        format!("v{}", crate::store::hex(&digest[..8]))
    }

    /// Whether the two rows differ in `column`, one of the fields a person
    /// may correct.
    pub fn differs_in(&self, other: &MentionRow<'_>, column: &str) -> bool {
        let text =
            |a: &Option<Cow<'_, str>>, b: &Option<Cow<'_, str>>| a.as_deref() != b.as_deref();
        match column {
            "text" => text(&self.text, &other.text),
            "kind" => self.kind != other.kind,
            "measure" => text(&self.measure, &other.measure),
            "low" => self.low != other.low,
            "high" => self.high != other.high,
            "unit" => text(&self.unit, &other.unit),
            "speaker" => text(&self.speaker, &other.speaker),
            "stance" => self.stance != other.stance,
            "quote" => text(&self.quote, &other.quote),
            _ => false,
        }
    }
}

impl Record for MentionRow<'_> {
    const FIELDS: &'static [&'static str] = &[
        "claim_id",
        "text",
        "kind",
        "measure",
        "low",
        "high",
        "unit",
        "status",
        "independent_sources",
        "reason",
        "id",
        "outlet",
        "outlet_kind",
        "document_id",
        "url",
        "title",
        "published",
        "speaker",
        "stance",
        "quote",
        "ledger_id",
        "version",
    ];
    const TABLE: &'static [&'static str] = &[
        "claim_id",
        "id",
        "outlet",
        "document_id",
        "speaker",
        "stance",
        "quote",
    ];
}

/// How import reads a cell: trimmed, without export's formula guard, and
/// empty as no value. A cell that is not what its column holds fails with
/// what is wrong in words; the import names the line and the column.
pub mod cell {
    use std::borrow::Cow;
    use std::str::FromStr;

    use serde::de::value::BorrowedStrDeserializer;
    use serde::de::{DeserializeSeed, Error as _, IgnoredAny, MapAccess, Visitor};
    use serde::{Deserialize, Deserializer};

    use crate::model::UnknownWord;

    /// The cell's text as the person meant it, `None` when empty.
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        let cell = String::deserialize(d)?;
        let cell = super::super::unneutralize(cell.trim());
        Ok((!cell.is_empty()).then(|| cell.to_string()))
    }

    /// A text cell.
    pub fn text<'de, 'a, D: Deserializer<'de>>(d: D) -> Result<Option<Cow<'a, str>>, D::Error> {
        Ok(read(d)?.map(Cow::Owned))
    }

    /// A row id: a whole number.
    pub fn id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        read(d)?
            .map(|v| {
                v.parse()
                    .map_err(|_| D::Error::custom(format!("'{v}' is not a whole number")))
            })
            .transpose()
    }

    /// A number, thousands separators allowed where they group thousands
    /// ("1,800", "12,000,000.5"); "1,2,3" is not 123 but an error, and so
    /// is "1,5" (a decimal comma: write 1.5).
    pub fn number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        read(d)?
            .map(|v| {
                grouped_number(&v).ok_or_else(|| D::Error::custom(format!("'{v}' is not a number")))
            })
            .transpose()
    }

    /// A finite number whose integer part is plain digits or digits in
    /// well-formed groups of three separated by commas.
    pub fn grouped_number(v: &str) -> Option<f64> {
        let unsigned = v.strip_prefix(['-', '+']).unwrap_or(v);
        let integer = unsigned.split(['.', 'e', 'E']).next().unwrap_or("");
        if integer.contains(',') {
            let mut groups = integer.split(',');
            let first = groups.next().unwrap_or("");
            let well_formed = (1..=3).contains(&first.len())
                && groups.all(|g| g.len() == 3)
                && integer.chars().all(|c| c.is_ascii_digit() || c == ',');
            if !well_formed || unsigned[integer.len()..].contains(',') {
                return None;
            }
        }
        v.replace(',', "")
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
    }

    /// One of an enumerated column's words.
    pub fn word<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: FromStr<Err = UnknownWord>,
    {
        read(d)?
            .map(|v| v.parse().map_err(D::Error::custom))
            .transpose()
    }

    /// A cell that is read but not imported (computed, or a document's).
    pub fn ignored<'de, D: Deserializer<'de>, T>(d: D) -> Result<Option<T>, D::Error> {
        IgnoredAny::deserialize(d)?;
        Ok(None)
    }

    /// Reads one CSV row into a record, each cell under its column's name
    /// in `header`; a cell that does not read fails with its column's name
    /// and what is wrong: "low: 'lots' is not a number".
    pub fn row<'de, T: Deserialize<'de>>(
        header: &'de csv::StringRecord,
        record: &'de csv::StringRecord,
    ) -> Result<T, String> {
        T::deserialize(Row {
            cells: header.iter().zip(record.iter()),
            pending: None,
        })
        .map_err(|e| e.to_string())
    }

    type Cells<'de> = std::iter::Zip<csv::StringRecordIter<'de>, csv::StringRecordIter<'de>>;
    type CellError = serde::de::value::Error;

    /// A row as a map from column names to cells.
    struct Row<'de> {
        cells: Cells<'de>,
        /// The column and cell whose name was read last.
        pending: Option<(&'de str, &'de str)>,
    }

    impl<'de> Deserializer<'de> for Row<'de> {
        type Error = CellError;

        fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, CellError> {
            visitor.visit_map(self)
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map struct enum identifier ignored_any
        }
    }

    impl<'de> MapAccess<'de> for Row<'de> {
        type Error = CellError;

        fn next_key_seed<K: DeserializeSeed<'de>>(
            &mut self,
            seed: K,
        ) -> Result<Option<K::Value>, CellError> {
            let Some((column, cell)) = self.cells.next() else {
                return Ok(None);
            };
            self.pending = Some((column, cell));
            seed.deserialize(BorrowedStrDeserializer::new(column))
                .map(Some)
        }

        fn next_value_seed<V: DeserializeSeed<'de>>(
            &mut self,
            seed: V,
        ) -> Result<V::Value, CellError> {
            let (column, cell) = self.pending.take().unwrap_or_default();
            seed.deserialize(BorrowedStrDeserializer::<CellError>::new(cell))
                .map_err(|e| CellError::custom(format!("{column}: {e}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claim, ClaimBody, Mention, Origin, Quantity, Verdict};

    /// The field names a record serializes, as the CSV header shows them.
    fn names<R: Record>(record: &R) -> Vec<String> {
        let mut names = Vec::new();
        crate::output::flat::fields(record, &mut |name, _| {
            names.push(name.to_string());
            Ok(())
        })
        .unwrap();
        names
    }

    fn claim() -> ClaimEntry {
        ClaimEntry {
            claim: Claim {
                id: 1,
                text: "some 2,000 peacekeepers".into(),
                body: ClaimBody::Quantity(Quantity {
                    measure: "russian troops deployed".into(),
                    low: 1800.0,
                    high: 2200.0,
                    unit: Some("troops".into()),
                    hedge: Some("some".into()),
                    comparable: true,
                }),
                speaker_id: None,
                as_of: None,
                origin: Origin::Extracted,
                retracted_why: None,
            },
            speaker: None,
            verdict: Some(Verdict {
                cluster_id: 1,
                status: Status::Corroborated,
                independent_sources: 2,
                outlets: "Press TV; The Moscow Times".into(),
                reason: "asserted by 2 independent outlets".into(),
            }),
            mention_count: Some(2),
            rating: None,
        }
    }

    fn mention() -> MentionEntry {
        MentionEntry {
            mention: Mention {
                id: 3,
                claim_id: 1,
                document_id: 2,
                actor_id: None,
                stance: Stance::Asserts,
                quote: "=some 2,000".into(),
                span: 0..11,
                relayed_by: None,
                origin: Origin::Extracted,
            },
            speaker: None,
            outlet: "Press TV".into(),
            outlet_kind: OutletKind::StateMedia,
            title: None,
            url: None,
            published: NaiveDate::from_ymd_opt(2020, 11, 26),
        }
    }

    #[test]
    fn records_serialize_the_fields_they_name() {
        let (c, m) = (claim(), mention());
        assert_eq!(names(&c), ClaimEntry::FIELDS);
        assert_eq!(names(&MentionRow::of(&c, &m)), MentionRow::FIELDS);
        let outlet = OutletEntry {
            outlet: crate::model::Outlet {
                id: 1,
                name: "Press TV".into(),
                kind: OutletKind::StateMedia,
                country: None,
                owner: None,
            },
            document_count: 1,
            looks_like: None,
        };
        assert_eq!(names(&outlet), OutletEntry::FIELDS);
        let actor = ActorEntry {
            actor: crate::model::Actor {
                id: 1,
                name: "Sahiba Gafarova".into(),
                kind: crate::model::ActorKind::Person,
                aliases: vec!["Gafarova".into()],
            },
            mention_count: 1,
        };
        assert_eq!(names(&actor), ActorEntry::FIELDS);
        let figure = TimelineEntry {
            claim: c.clone(),
            outlets: vec!["Press TV".into()],
            quote: Some(m.clone()),
        };
        assert_eq!(names(&figure), TimelineEntry::FIELDS);
        let unquoted = TimelineEntry {
            quote: None,
            ..figure
        };
        assert_eq!(names(&unquoted), TimelineEntry::FIELDS);
        let suggestion = SuggestionEntry {
            suggestion: crate::model::Suggestion {
                from_claim: 1,
                to_claim: 2,
                score: 0.3,
                note: "they share no name".into(),
            },
            from: claim(),
            to: claim(),
        };
        assert_eq!(names(&suggestion), SuggestionEntry::FIELDS);
        for table in [
            ClaimEntry::TABLE,
            MentionRow::TABLE,
            OutletEntry::TABLE,
            ActorEntry::TABLE,
            TimelineEntry::TABLE,
            SuggestionEntry::TABLE,
        ] {
            let all = [
                ClaimEntry::FIELDS,
                MentionRow::FIELDS,
                OutletEntry::FIELDS,
                ActorEntry::FIELDS,
                TimelineEntry::FIELDS,
                SuggestionEntry::FIELDS,
            ];
            assert!(table
                .iter()
                .all(|f| all.iter().any(|fields| fields.contains(f))));
        }
    }

    #[test]
    fn a_mention_row_reads_back_as_it_was_written() {
        let (c, m) = (claim(), mention());
        let mut out = Vec::new();
        let mut csv =
            crate::output::CsvWriter::new(&mut out, Default::default(), MentionRow::FIELDS)
                .unwrap();
        csv.write(&MentionRow::of(&c, &m).versioned("L0123456789abcdef"))
            .unwrap();
        csv.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains(",\"'=some 2,000\",L0123456789abcdef,"),
            "{text}"
        );
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader.headers().unwrap().clone();
        let record = reader.records().next().unwrap().unwrap();
        let row: MentionRow = cell::row(&header, &record).unwrap();
        let written = MentionRow::of(&c, &m);
        // What import reads: the claim's and the mention's own fields.
        assert_eq!(
            (
                row.claim_id,
                &row.text,
                row.kind,
                &row.measure,
                row.low,
                row.high,
                &row.unit
            ),
            (
                written.claim_id,
                &written.text,
                written.kind,
                &written.measure,
                written.low,
                written.high,
                &written.unit
            )
        );
        assert_eq!(
            (
                row.id,
                row.document_id,
                &row.speaker,
                row.stance,
                &row.quote
            ),
            (
                written.id,
                written.document_id,
                &written.speaker,
                written.stance,
                &written.quote
            )
        );
        assert_eq!((row.status, row.reason), (None, None));
        // Read back untouched, the row has the version it was written with.
        assert_eq!(row.ledger_id.as_deref(), Some("L0123456789abcdef"));
        assert_eq!(
            row.version.as_deref(),
            Some(written.edit_version().as_str())
        );
    }
}
