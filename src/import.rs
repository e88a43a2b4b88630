//! Import: a CSV written by `export csv` (one row per mention, the
//! output layer's [`MentionRow`]), corrected in a spreadsheet, read back
//! into the ledger.
//!
//! Rows are matched by id. A known `claim_id` updates the claim's text, kind,
//! measure, low, high and unit; a known mention `id` updates the mention's
//! speaker, stance and quote (the quote must still occur in its document). An
//! empty or unknown `claim_id` makes a new manual claim, and an empty or
//! unknown mention `id` a new mention, which needs `document_id` and `quote`.
//! Rows for one new claim id share one new claim. Computed columns (status,
//! independent_sources, reason) and document columns are read but not
//! written: `check` recomputes verdicts. A cell that export neutralized (a
//! leading `'` before `=`, `+`, `-`, `@`, tab or CR) is read back without
//! the `'`. Files written before the columns took the schema's names
//! (`claim_text`, `subject`, `mention_id`) import as they did.
//!
//! A file from `export csv` carries the ledger's id and each row's version
//! (`ledger_id`, `version`): a row of another ledger is refused; a row
//! whose version still matches its cells was not edited and changes
//! nothing (so an older export imported again undoes no later
//! correction); an edited row whose claim or mention changed in the ledger
//! since the export is refused, naming the columns, since applying it
//! would undo that change. Rows without a version (hand-written, or files
//! from before versions) are compared with the ledger as it is now, as
//! before; [`Imported::unversioned`] counts those that edit existing rows.
//! A mention id on two rows is an error.
//!
//! The whole import is one transaction in the caller's hands: a bad row stops
//! it with its line number, and nothing is kept.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use crate::edit::HandMention;
use crate::error::{Error, Result};
use crate::model::{Claim, ClaimBody, ClaimKind, Quantity};
use crate::output::{cell, MentionRow};
use crate::store::Tx;

/// Columns an import needs, each with the name earlier versions wrote it
/// under; the others of `export csv` are optional.
pub const REQUIRED_COLUMNS: &[(&str, &str)] = &[
    ("claim_id", "claim_id"),
    ("text", "claim_text"),
    ("kind", "kind"),
    ("id", "mention_id"),
    ("document_id", "document_id"),
    ("speaker", "speaker"),
    ("stance", "stance"),
    ("quote", "quote"),
];

/// What an import changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Imported {
    /// Data rows read.
    pub rows: usize,
    /// Claims created.
    pub claims_added: usize,
    /// Claims whose fields changed.
    pub claims_updated: usize,
    /// Mentions created.
    pub mentions_added: usize,
    /// Mentions whose speaker, stance or quote changed.
    pub mentions_updated: usize,
    /// Rows left as exported (their version matches their cells).
    pub unchanged: usize,
    /// Rows naming an existing mention without a version: compared with
    /// the ledger as it is now, so they may undo a later change.
    pub unversioned: usize,
}

/// Line numbers from byte offsets: where each line starts.
struct LineCounter<'a> {
    bytes: &'a [u8],
    starts: Vec<u64>,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> LineCounter<'a> {
        let mut starts = vec![0];
        starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i as u64 + 1),
        );
        LineCounter { bytes, starts }
    }

    /// The 1-based line of the record starting at byte `offset` (the csv
    /// crate may place it on the line break before the record).
    fn line_at(&self, mut offset: u64) -> u64 {
        while matches!(self.bytes.get(offset as usize), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        self.starts.partition_point(|&start| start <= offset) as u64
    }
}

/// A row of the file, read, with where it stands for error messages.
struct Row<'r> {
    fields: MentionRow<'static>,
    /// The file's name for each column (an earlier version's for an old file).
    header: &'r csv::StringRecord,
    line: u64,
    path: &'r Path,
}

impl Row<'_> {
    /// An error at this row, in the column the file calls `field` (or its
    /// old name).
    fn error(&self, field: &str, message: impl std::fmt::Display) -> Error {
        let old = REQUIRED_COLUMNS
            .iter()
            .find(|(name, _)| *name == field)
            .map_or(field, |(_, old)| *old);
        let column =
            if self.header.iter().any(|h| h == old) && !self.header.iter().any(|h| h == field) {
                old
            } else {
                field
            };
        Error::Article {
            path: self.path.to_path_buf(),
            line: self.line as usize,
            message: format!("{column}: {message}"),
        }
    }
}

/// Reads a mentions CSV from `input`, its cells separated by `delimiter`
/// (`b','` for `export csv`'s files), and applies it inside `tx`.
pub fn import_csv(
    tx: &Tx<'_>,
    path: &Path,
    mut input: impl Read,
    delimiter: u8,
) -> Result<Imported> {
    // Read whole: a spreadsheet's CSV is small, and line numbers are then
    // counted from the bytes (the csv crate miscounts CRLF lines, and export
    // writes CRLF).
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let lines = LineCounter::new(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .delimiter(delimiter)
        .from_reader(bytes.as_slice());
    let header: csv::StringRecord = reader
        .headers()
        .map_err(|e| read_error(&e, &lines, path))?
        .iter()
        .map(|name| name.trim_start_matches('\u{feff}').trim())
        .collect();
    let missing: Vec<&str> = REQUIRED_COLUMNS
        .iter()
        .filter(|(name, old)| !header.iter().any(|h| h == *name || h == *old))
        .map(|(name, _)| *name)
        .collect();
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or(&[]);
    if !missing.is_empty() && delimiter != b';' && first_line.contains(&b';') {
        return Err(Error::Article {
            path: path.to_path_buf(),
            line: 1,
            message: "the cells are separated by semicolons (a spreadsheet set to a \
                      European locale writes them so): save the file as CSV with commas, \
                      or pass --delimiter ';'"
                .into(),
        });
    }
    if !missing.is_empty() {
        return Err(Error::Article {
            path: path.to_path_buf(),
            line: 1,
            message: format!(
                "missing columns: {} (import reads the CSV of `claimledger export csv`)",
                missing.join(", ")
            ),
        });
    }
    // The columns of numbers a locale writes its own way, where they are.
    let number_columns: Vec<(&str, usize)> = ["low", "high"]
        .into_iter()
        .filter_map(|column| Some((column, header.iter().position(|h| h == column)?)))
        .collect();
    let mut done = Imported::default();
    let mut seen = Seen::default();
    let this_ledger = tx.read().ledger_id()?;
    // The line each mention id was first seen on.
    let mut mention_lines: HashMap<i64, u64> = HashMap::new();
    let mut record = csv::StringRecord::new();
    let read = |e: csv::Error| read_error(&e, &lines, path);
    // Every row is checked against the ledger as it was before the import
    // changes it (two rows of one claim both carry its exported version),
    // then the rows to apply are applied.
    let mut edited = Vec::new();
    while reader.read_record(&mut record).map_err(read)? {
        let line = record
            .position()
            .map(|p| lines.line_at(p.byte()))
            .unwrap_or(0);
        let fields = cell::row(&header, &record).map_err(|message| Error::Article {
            path: path.to_path_buf(),
            line: line as usize,
            message,
        })?;
        let row = Row {
            fields,
            header: &header,
            line,
            path,
        };
        done.rows += 1;
        // A spreadsheet in a European locale writes 1.800 for 1800 and 2,5
        // for 2.5: read the American way, each would be another number,
        // without a word.
        if delimiter == b';' {
            for &(column, at) in &number_columns {
                let cell = record.get(at).unwrap_or("").trim();
                if locale_ambiguous(cell) {
                    return Err(row.error(
                        column,
                        format!(
                            "{cell:?} reads as another number where cells are separated by \
                             semicolons (1.800 may be 1800 or 1.8): write it without a \
                             thousands separator, with a point for decimals"
                        ),
                    ));
                }
            }
        }
        if let Some(id) = row.fields.id {
            if let Some(first) = mention_lines.insert(id, line) {
                return Err(row.error(
                    "id",
                    format!("mention {id} is also on line {first}; a mention has one row"),
                ));
            }
        }
        if let Some(from) = row.fields.ledger_id.as_deref() {
            if from != this_ledger {
                return Err(row.error(
                    "ledger_id",
                    format!(
                        "this row was exported from another ledger ({from}; this one is \
                         {this_ledger}): its ids name other claims here"
                    ),
                ));
            }
        }
        match row.fields.version.as_deref() {
            // Not edited since the export: nothing to apply.
            Some(version) if row.fields.edit_version() == version => {
                done.unchanged += 1;
                continue;
            }
            // Edited in the file, but the ledger already says so (the
            // same file imported again).
            Some(version) if already_applied(tx, &row, version)? => {
                done.unchanged += 1;
                continue;
            }
            Some(_) => {}
            None if row.fields.id.is_some() => done.unversioned += 1,
            None => {}
        }
        edited.push(row);
    }
    for row in &edited {
        apply_row(tx, row, &mut seen, &mut done)?;
    }
    Ok(done)
}

/// Checks that an edited row's claim and mention are in the ledger as they
/// were exported (`version`): applying the row would otherwise undo what
/// changed since. `true` when the ledger already says what the row says
/// (the same file imported again): nothing to apply.
fn already_applied(tx: &Tx<'_>, row: &Row<'_>, version: &str) -> Result<bool> {
    let read = tx.read();
    let fields = &row.fields;
    let (Some(claim_id), Some(mention_id)) = (fields.claim_id, fields.id) else {
        return Err(row.error(
            "version",
            "an edited row with a version needs its claim_id and id; \
             leave version empty in a row you add",
        ));
    };
    let claim = read.claim(claim_id).map_err(|e| row.error("claim_id", e))?;
    let mention = read.mention(mention_id).map_err(|e| row.error("id", e))?;
    let now = MentionRow::of(&claim, &mention).edit_version();
    if now == fields.edit_version() {
        return Ok(true);
    }
    if now == version {
        return Ok(false);
    }
    let now = MentionRow::of(&claim, &mention);
    let differ: Vec<&str> = [
        "text", "kind", "measure", "low", "high", "unit", "speaker", "stance", "quote",
    ]
    .into_iter()
    .filter(|column| fields.differs_in(&now, column))
    .collect();
    let column = differ.first().copied().unwrap_or("version");
    Err(row.error(
        column,
        format!(
            "claim {claim_id} or mention {mention_id} changed in the ledger since this file \
             was exported, so this row would undo that change (columns that differ from the \
             ledger now: {}); export again and make the edit there",
            if differ.is_empty() {
                "none".to_string()
            } else {
                differ.join(", ")
            }
        ),
    ))
}

/// A CSV error at its line.
fn read_error(e: &csv::Error, lines: &LineCounter<'_>, path: &Path) -> Error {
    let line = e.position().map(|p| lines.line_at(p.byte())).unwrap_or(1) as usize;
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("this row has {len} cells, the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text; save the CSV as UTF-8".to_string(),
        _ => e.to_string(),
    };
    Error::Article {
        path: path.to_path_buf(),
        line,
        message,
    }
}

/// What earlier rows of the file said about each claim. A claim spans one
/// row per mention; a person corrects one of them, so a row that repeats the
/// ledger's value is no vote, and two rows that correct it differently are
/// an error.
#[derive(Default)]
struct Seen {
    /// Each known claim as the ledger had it before the import.
    original: HashMap<i64, Claim>,
    /// The correction applied to a claim, and the line it came from.
    corrected: HashMap<i64, (u64, Claim)>,
    /// Claim ids in the file that are new to the ledger, and the claims made for them.
    new_claims: HashMap<i64, i64>,
    /// The claims this import made: a later row naming one of their ids by
    /// its file id means a new claim of its own, not that one.
    made: HashSet<i64>,
}

/// The claim a row describes: `original` (the ledger's, for a known claim)
/// with the row's text, kind and figure. What a row cannot say (a figure's
/// hedge, a quote's words) is kept from the original.
fn claim_of(
    original: Option<&Claim>,
    row: &MentionRow<'_>,
    text: &str,
    kind: ClaimKind,
) -> Result<Claim> {
    let figure = || {
        let measure = row.measure.as_deref();
        let mut figure = Quantity::given(measure, row.low, row.high, row.unit.as_deref())?;
        if let Some(before) = original.and_then(Claim::quantity) {
            figure.hedge = before.hedge.clone();
            figure.comparable = before.comparable;
        }
        Ok(figure)
    };
    let body = ClaimBody::given(kind, figure, original.and_then(Claim::quoted))?;
    Ok(match original {
        Some(claim) => Claim {
            text: text.to_string(),
            body,
            ..claim.clone()
        },
        None => Claim::by_hand(text, body),
    })
}

fn apply_row(tx: &Tx<'_>, row: &Row<'_>, seen: &mut Seen, done: &mut Imported) -> Result<()> {
    let read = tx.read();
    let fields = &row.fields;
    let text = fields
        .text
        .as_deref()
        .ok_or_else(|| row.error("text", "the claim text is empty"))?;
    let kind = fields
        .kind
        .ok_or_else(|| row.error("kind", "the kind is empty"))?;
    // A field error already names its field; the row names the column.
    let at = |column: &'static str| {
        move |e: Error| match e {
            Error::Invalid { message, .. } => row.error(column, message),
            other => row.error(column, other),
        }
    };
    // A figure on a claim of another kind would be dropped without a word.
    let given = [
        fields.measure.is_some(),
        fields.low.is_some(),
        fields.high.is_some(),
        fields.unit.is_some(),
    ];
    if let Some(column) = ClaimBody::stray_figure_field(kind, given) {
        return Err(row.error(
            column,
            format!(
                "a {kind} claim has no figure: empty the measure, low, high and unit \
                 cells, or make its kind quantity"
            ),
        ));
    }
    // A figure's error is said at the cell that makes it: an empty measure
    // or low, else a high below the low.
    let figure_column = if fields
        .measure
        .as_deref()
        .is_none_or(|m| m.trim().is_empty())
    {
        "measure"
    } else if fields.low.is_none() {
        "low"
    } else {
        "high"
    };
    let file_claim = fields.claim_id;
    let known = match file_claim {
        Some(id) if seen.original.contains_key(&id) => Some(id),
        Some(id) if seen.new_claims.contains_key(&id) || seen.made.contains(&id) => None,
        Some(id) => match read.claim(id) {
            Ok(entry) => {
                // Exports leave retracted claims out, so such a row is stale
                // or reuses the id for a new claim: not an edit to make.
                if let Some(why) = &entry.claim.retracted_why {
                    return Err(row.error(
                        "claim_id",
                        format!(
                            "claim {id} is retracted ({why}); remove its rows, \
                             or leave claim_id empty for a new claim"
                        ),
                    ));
                }
                seen.original.insert(id, entry.claim);
                Some(id)
            }
            Err(Error::NotFound { .. }) => None,
            Err(e) => return Err(e),
        },
        None => None,
    };
    let claim_id = match (known, file_claim.and_then(|id| seen.new_claims.get(&id))) {
        (Some(id), _) => {
            let original = &seen.original[&id];
            // Exports drop bidirectional controls: a text that differs from
            // the stored one only by them is the stored one.
            let text = if crate::output::html::without_bidi(&original.text).trim() == text.trim() {
                original.text.as_str()
            } else {
                text
            };
            let claim = claim_of(Some(original), fields, text, kind).map_err(at(figure_column))?;
            let unchanged = *original == claim;
            match seen.corrected.get(&id) {
                _ if unchanged => {}
                Some((_, earlier)) if *earlier == claim => {}
                Some((line, _)) => {
                    return Err(row.error(
                        "claim_id",
                        format!("line {line} corrects claim {id} differently; make its rows agree"),
                    ))
                }
                None => {
                    if tx.edit_claim(&claim).map_err(at("claim_id"))? {
                        done.claims_updated += 1;
                    }
                    seen.corrected.insert(id, (row.line, claim));
                }
            }
            id
        }
        (None, Some(&made)) => made,
        (None, None) => {
            let claim = claim_of(None, fields, text, kind).map_err(at(figure_column))?;
            let id = match same_claim_quoted(tx, fields, &claim)? {
                // The same file imported again: the claim is there.
                Some(id) => id,
                None => {
                    done.claims_added += 1;
                    tx.add_claim(&claim, None, None).map_err(at("text"))?
                }
            };
            if let Some(file_id) = file_claim {
                seen.new_claims.insert(file_id, id);
            }
            seen.made.insert(id);
            id
        }
    };

    let speaker = match fields.speaker.as_deref() {
        Some(name) => Some(tx.actor_for(name, None).map_err(at("speaker"))?),
        None => None,
    };
    let quote = fields
        .quote
        .as_deref()
        .ok_or_else(|| row.error("quote", "the quote is empty"))?;
    let mention = match fields.id {
        Some(id) => read.mention(id).map(Some).or_else(|e| match e {
            Error::NotFound { .. } => Ok(None),
            e => Err(e),
        })?,
        None => None,
    };
    match mention.map(|entry| entry.mention) {
        Some(mention) if mention.claim_id != claim_id => {
            return Err(row.error(
                "id",
                format!(
                    "mention {} belongs to claim {}, not {claim_id}",
                    mention.id, mention.claim_id
                ),
            ));
        }
        Some(mention) => {
            let stance = fields.stance.unwrap_or(mention.stance);
            // Exports drop bidirectional controls: a quote that differs
            // from the stored one only by them is the stored one.
            let stored = crate::output::html::without_bidi(&mention.quote);
            let quote = if stored.trim() == quote.trim() {
                mention.quote.as_str()
            } else {
                quote
            };
            if tx
                .edit_mention(mention.id, speaker, stance, quote)
                .map_err(at("quote"))?
            {
                done.mentions_updated += 1;
            }
        }
        None => {
            let document_id = fields
                .document_id
                .ok_or_else(|| row.error("document_id", "a new mention needs its document"))?;
            let document = read.document(document_id).map_err(at("document_id"))?;
            let mention = HandMention {
                claim_id,
                document: &document,
                speaker,
                stance: fields.stance,
                quote,
            };
            let added = crate::edit::add_mention(tx, &mention).map_err(at("quote"))?;
            if added.is_some() {
                done.mentions_added += 1;
            }
        }
    }
    Ok(())
}

/// Whether a number cell of a semicolon file means one number in a
/// European locale and another in an American one: a decimal comma
/// ("2,5"), or points grouping thousands ("1.800", "12.500.000").
fn locale_ambiguous(cell: &str) -> bool {
    let digits = cell.trim_start_matches('-');
    if digits.contains(',') {
        return true;
    }
    let groups: Vec<&str> = digits.split('.').collect();
    groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && !groups[0].starts_with('0')
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
}

/// A claim saying what `claim` says (text and body) that the row's
/// document already quotes with the row's quote: a row for a new claim
/// imported a second time adds nothing.
fn same_claim_quoted(tx: &Tx<'_>, fields: &MentionRow<'_>, claim: &Claim) -> Result<Option<i64>> {
    let (Some(document_id), Some(quote)) = (fields.document_id, fields.quote.as_deref()) else {
        return Ok(None);
    };
    let read = tx.read();
    for id in read.claims_quoted(document_id, quote.trim())? {
        let existing = read.claim(id)?.claim;
        if existing.text == claim.text && existing.body == claim.body {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::store::Ledger;

    #[test]
    fn numbers_a_european_locale_writes_otherwise_are_ambiguous() {
        for cell in ["1.800", "2,5", "2,500", "12.500.000", "-1.800"] {
            assert!(locale_ambiguous(cell), "{cell}");
        }
        for cell in ["1800", "1.8", "2.50", "1.8000", "", "0.125"] {
            assert!(!locale_ambiguous(cell), "{cell}");
        }
    }

    /// A ledger with one document, in a temporary directory.
    fn ledger(dir: &Path) -> Ledger {
        let (mut ledger, _) = Ledger::init(&dir.join("l.db")).unwrap();
        let tx = ledger.begin().unwrap();
        let outlet = tx.outlet_for("Press TV", None, None).unwrap();
        let text = "Some 2,000 peacekeepers =SUM(A1) arrived.";
        crate::store::tests::document(&tx, outlet, text);
        tx.commit().unwrap();
        ledger
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn any_csv_imports_or_fails_without_panicking(
            rows in proptest::collection::vec(
                proptest::collection::vec("[ -~\u{0}\t\r\n\"'=+@é]{0,12}", 0..10), 0..6),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let mut ledger = ledger(dir.path());
            let mut csv = String::from("claim_id,claim_text,kind,mention_id,document_id,speaker,stance,quote\n");
            for row in &rows {
                csv.push_str(&row.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(","));
                csv.push('\n');
            }
            let tx = ledger.begin().unwrap();
            let _ = import_csv(&tx, Path::new("p.csv"), csv.as_bytes(), b',');
        }
    }
}
