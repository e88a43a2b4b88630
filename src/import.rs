//! Import: a CSV written by `export csv` (one row per mention), corrected in
//! a spreadsheet, read back into the ledger.
//!
//! Rows are matched by id. A known `claim_id` updates the claim's text, kind,
//! subject, low, high and unit; a known `mention_id` updates the mention's
//! speaker, stance and quote (the quote must still occur in its document). An
//! empty or unknown `claim_id` makes a new manual claim, and an empty or
//! unknown `mention_id` a new mention, which needs `document_id` and `quote`.
//! Rows for one new claim id share one new claim. Computed columns (status,
//! origins, reason) and document columns are read but not written: `check`
//! recomputes verdicts. A cell that export neutralized (a leading `'` before
//! `=`, `+`, `-`, `@`, tab or CR) is read back without the `'`.
//!
//! The whole import is one transaction in the caller's hands: a bad row stops
//! it with its line number, and nothing is kept.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use crate::edit::HandMention;
use crate::error::{Error, Result};
use crate::model::{ClaimKind, Stance};
use crate::store::{ClaimEdit, Tx};

/// Columns an import needs; the others of `export csv` are optional.
pub const REQUIRED_COLUMNS: &[&str] = &[
    "claim_id",
    "claim_text",
    "kind",
    "mention_id",
    "document_id",
    "speaker",
    "stance",
    "quote",
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

/// A cell as the person meant it: export's formula guard removed.
fn unneutralize(cell: &str) -> &str {
    const RISKY: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
    match cell.strip_prefix('\'') {
        Some(rest)
            if rest.starts_with(RISKY)
                || rest
                    .strip_prefix('\'')
                    .is_some_and(|r| r.starts_with(RISKY)) =>
        {
            rest
        }
        _ => cell,
    }
}

struct Row<'r> {
    record: &'r csv::StringRecord,
    columns: &'r HashMap<String, usize>,
    line: u64,
    path: &'r Path,
}

impl Row<'_> {
    fn error(&self, column: &str, message: impl std::fmt::Display) -> Error {
        Error::Article {
            path: self.path.to_path_buf(),
            line: self.line as usize,
            message: format!("{column}: {message}"),
        }
    }

    fn text(&self, column: &str) -> Option<&str> {
        let index = *self.columns.get(column)?;
        let cell = unneutralize(self.record.get(index)?.trim());
        (!cell.is_empty()).then_some(cell)
    }

    fn id(&self, column: &str) -> Result<Option<i64>> {
        self.text(column)
            .map(|v| {
                v.parse::<i64>()
                    .map_err(|_| self.error(column, format!("'{v}' is not a whole number")))
            })
            .transpose()
    }

    fn number(&self, column: &str) -> Result<Option<f64>> {
        self.text(column)
            .map(|v| {
                v.replace(',', "")
                    .parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite())
                    .ok_or_else(|| self.error(column, format!("'{v}' is not a number")))
            })
            .transpose()
    }

    fn word<T: std::str::FromStr<Err = crate::model::UnknownWord>>(
        &self,
        column: &str,
    ) -> Result<Option<T>> {
        self.text(column)
            .map(|v| v.parse::<T>().map_err(|e| self.error(column, e)))
            .transpose()
    }
}

/// Reads a mentions CSV from `input` and applies it inside `tx`.
pub fn import_csv(tx: &Tx<'_>, path: &Path, mut input: impl Read) -> Result<Imported> {
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
        .from_reader(bytes.as_slice());
    let csv_error = |e: csv::Error| {
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
    };
    let header = reader.headers().map_err(csv_error)?.clone();
    let columns: HashMap<String, usize> = header
        .iter()
        .enumerate()
        .map(|(i, name)| (name.trim_start_matches('\u{feff}').trim().to_string(), i))
        .collect();
    let missing: Vec<&str> = REQUIRED_COLUMNS
        .iter()
        .copied()
        .filter(|c| !columns.contains_key(*c))
        .collect();
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
    let mut done = Imported::default();
    let mut seen = Seen::default();
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(csv_error)? {
        let line = record
            .position()
            .map(|p| lines.line_at(p.byte()))
            .unwrap_or(0);
        let row = Row {
            record: &record,
            columns: &columns,
            line,
            path,
        };
        done.rows += 1;
        apply_row(tx, &row, &mut seen, &mut done)?;
    }
    Ok(done)
}

/// A claim's fields as one row of the file gives them.
#[derive(Debug, Clone, PartialEq)]
struct ClaimFields {
    text: String,
    kind: ClaimKind,
    subject: Option<String>,
    low: Option<f64>,
    high: Option<f64>,
    unit: Option<String>,
}

impl ClaimFields {
    fn of(edit: &ClaimEdit<'_>) -> ClaimFields {
        ClaimFields {
            text: edit.text.to_string(),
            kind: edit.kind,
            subject: edit.subject.map(str::to_string),
            low: edit.low,
            high: edit.high,
            unit: edit.unit.map(str::to_string),
        }
    }

    fn of_claim(claim: &crate::store::ClaimRow) -> ClaimFields {
        ClaimFields {
            text: claim.text.clone(),
            kind: claim.kind,
            subject: claim.subject.clone(),
            low: claim.low,
            high: claim.high,
            unit: claim.unit.clone(),
        }
    }
}

/// What earlier rows of the file said about each claim. A claim spans one
/// row per mention; a person corrects one of them, so a row that repeats the
/// ledger's value is no vote, and two rows that correct it differently are
/// an error.
#[derive(Default)]
struct Seen {
    /// The ledger's fields of each known claim, before the import.
    original: HashMap<i64, ClaimFields>,
    /// The correction applied to a claim, and the line it came from.
    corrected: HashMap<i64, (u64, ClaimFields)>,
    /// Claim ids in the file that are new to the ledger, and the claims made for them.
    new_claims: HashMap<i64, i64>,
    /// The claims this import made: a later row naming one of their ids by
    /// its file id means a new claim of its own, not that one.
    made: HashSet<i64>,
}

fn apply_row(tx: &Tx<'_>, row: &Row<'_>, seen: &mut Seen, done: &mut Imported) -> Result<()> {
    let read = tx.read();
    let text = row
        .text("claim_text")
        .ok_or_else(|| row.error("claim_text", "the claim text is empty"))?;
    let kind: ClaimKind = row
        .word("kind")?
        .ok_or_else(|| row.error("kind", "the kind is empty"))?;
    let edit = ClaimEdit {
        text,
        kind,
        subject: row.text("subject"),
        low: row.number("low")?,
        high: row.number("high")?,
        unit: row.text("unit"),
    };
    // A field error already names its field; the row names the column.
    let at = |column: &'static str| {
        move |e: Error| match e {
            Error::Invalid { message, .. } => row.error(column, message),
            other => row.error(column, other),
        }
    };
    let file_claim = row.id("claim_id")?;
    let known = match file_claim {
        Some(id) if seen.original.contains_key(&id) => Some(id),
        Some(id) if seen.new_claims.contains_key(&id) || seen.made.contains(&id) => None,
        Some(id) => match read.claim(id) {
            Ok(claim) => {
                // Exports leave retracted claims out, so such a row is stale
                // or reuses the id for a new claim: not an edit to make.
                if let Some(why) = &claim.retracted {
                    return Err(row.error(
                        "claim_id",
                        format!(
                            "claim {id} is retracted ({why}); remove its rows, \
                             or leave claim_id empty for a new claim"
                        ),
                    ));
                }
                seen.original.insert(id, ClaimFields::of_claim(&claim));
                Some(id)
            }
            Err(Error::NotFound { .. }) => None,
            Err(e) => return Err(e),
        },
        None => None,
    };
    let claim_id = match (known, file_claim.and_then(|id| seen.new_claims.get(&id))) {
        (Some(id), _) => {
            let fields = ClaimFields::of(&edit);
            let unchanged = seen.original.get(&id) == Some(&fields);
            match seen.corrected.get(&id) {
                _ if unchanged => {}
                Some((_, earlier)) if *earlier == fields => {}
                Some((line, _)) => {
                    return Err(row.error(
                        "claim_id",
                        format!("line {line} corrects claim {id} differently; make its rows agree"),
                    ))
                }
                None => {
                    if tx.edit_claim(id, &edit).map_err(at("claim_id"))? {
                        done.claims_updated += 1;
                    }
                    seen.corrected.insert(id, (row.line, fields));
                }
            }
            id
        }
        (None, Some(&made)) => made,
        (None, None) => {
            let id = crate::edit::add_claim(tx, &edit).map_err(at("claim_text"))?;
            if let Some(file_id) = file_claim {
                seen.new_claims.insert(file_id, id);
            }
            seen.made.insert(id);
            done.claims_added += 1;
            id
        }
    };

    let speaker = match row.text("speaker") {
        Some(name) => Some(tx.actor_for(name, None).map_err(at("speaker"))?),
        None => None,
    };
    let quote = row
        .text("quote")
        .ok_or_else(|| row.error("quote", "the quote is empty"))?;
    let stance: Option<Stance> = row.word("stance")?;
    let mention = match row.id("mention_id")? {
        Some(id) => read.mention(id).map(Some).or_else(|e| match e {
            Error::NotFound { .. } => Ok(None),
            e => Err(e),
        })?,
        None => None,
    };
    match mention {
        Some(mention) if mention.claim != claim_id => {
            return Err(row.error(
                "mention_id",
                format!(
                    "mention {} belongs to claim {}, not {claim_id}",
                    mention.id, mention.claim
                ),
            ));
        }
        Some(mention) => {
            let stance = stance.unwrap_or(mention.stance);
            if tx
                .edit_mention(mention.id, speaker, stance, quote)
                .map_err(at("quote"))?
            {
                done.mentions_updated += 1;
            }
        }
        None => {
            let document_id = row
                .id("document_id")?
                .ok_or_else(|| row.error("document_id", "a new mention needs its document"))?;
            let document = read.document(document_id).map_err(at("document_id"))?;
            let mention = HandMention {
                claim_id,
                document: &document,
                speaker,
                stance,
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

#[cfg(test)]
mod tests {
    use super::*;

    use crate::store::{Ledger, NewDocument};

    /// A ledger with one document, in a temporary directory.
    fn ledger(dir: &Path) -> Ledger {
        let (mut ledger, _) = Ledger::init(&dir.join("l.db")).unwrap();
        let tx = ledger.begin().unwrap();
        let outlet = tx.outlet_for("Press TV", None, None).unwrap();
        tx.add_document(&NewDocument {
            outlet_id: outlet,
            title: None,
            url: None,
            published: None,
            byline: None,
            sources: Default::default(),
            text: "Some 2,000 peacekeepers =SUM(A1) arrived.",
            content_hash: "h",
            fingerprint: &[],
            source: None,
        })
        .unwrap();
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
            let _ = import_csv(&tx, Path::new("p.csv"), csv.as_bytes());
        }
    }

    #[test]
    fn neutralized_cells_read_back_as_written() {
        assert_eq!(unneutralize("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unneutralize("'-x"), "-x");
        assert_eq!(unneutralize("'tis"), "'tis");
        assert_eq!(unneutralize("''=x"), "'=x");
        assert_eq!(unneutralize("plain"), "plain");
    }
}
