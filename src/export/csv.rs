//! `export csv`: a row per mention with its claim (the file `import` reads
//! back), or a row per claim, written by the output layer's CSV writer
//! (see `output`: RFC 4180, UTF-8 after a byte-order mark, formula cells
//! neutralized unless raw).

use std::io::Write;

use crate::error::Result;
use crate::model::ClaimEntry;
use crate::output::{CsvStyle, CsvWriter, MentionRow, Record};
use crate::store::Reader;

/// How `export csv` writes.
#[derive(Debug, Clone, Copy)]
pub struct CsvOptions {
    /// One row per claim instead of one per mention.
    pub claims: bool,
    /// Start with a UTF-8 byte-order mark (the default): without it Excel,
    /// and LibreOffice's import dialog when unsure, read the file in the
    /// system's 8-bit code page and garble every accent.
    pub bom: bool,
    /// Write text cells as they are, without formula neutralization.
    pub raw: bool,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            claims: false,
            bom: true,
            raw: false,
        }
    }
}

/// Writes the ledger as CSV, one row at a time; returns the number of rows.
pub fn write_csv(out: &mut dyn Write, reader: Reader<'_>, options: CsvOptions) -> Result<u64> {
    let style = CsvStyle {
        bom: options.bom,
        raw: options.raw,
    };
    let mut count = 0u64;
    if options.claims {
        let mut csv = CsvWriter::new(out, style, <ClaimEntry as Record>::FIELDS)?;
        reader.stream_claims(false, |rows| -> Result<()> {
            for row in rows {
                csv.write(&row?)?;
                count += 1;
            }
            Ok(())
        })??;
        csv.finish()?;
    } else {
        let ledger_id = reader.ledger_id()?;
        let mut csv = CsvWriter::new(out, style, MentionRow::FIELDS)?;
        reader.stream_mentions(false, |claim, mention| {
            csv.write(&MentionRow::of(claim, &mention).versioned(&ledger_id))?;
            count += 1;
            Ok(())
        })?;
        csv.finish()?;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::small_ledger;
    use crate::store::Ledger;

    /// The file's text after its byte-order mark.
    fn csv_text(ledger: &Ledger, options: CsvOptions) -> String {
        let mut out = Vec::new();
        write_csv(&mut out, ledger.read(), options).expect("csv");
        let text = String::from_utf8(out).expect("utf-8");
        text.strip_prefix('\u{feff}').expect("a BOM").to_string()
    }

    #[test]
    fn csv_numbers_stay_numbers_and_missing_values_are_empty() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ledger = small_ledger(dir.path(), "cold night");
        let text = csv_text(&ledger, CsvOptions::default());
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], MentionRow::FIELDS.join(","));
        let ledger_id = ledger.read().ledger_id().expect("ledger id");
        assert_eq!(ledger_id.len(), 16);
        let (row, version) = lines[1].rsplit_once(',').expect("version");
        assert_eq!(
            row,
            format!(
                "1,cold night,quantity,temperature,-5,-2.5,,,,,1,Wire,wire,1,,,,,asserts,cold night,{ledger_id}"
            )
        );
        assert_eq!(version.len(), 16);
        assert_eq!(lines[2], "");
        let claims = csv_text(
            &ledger,
            CsvOptions {
                claims: true,
                ..CsvOptions::default()
            },
        );
        let lines: Vec<&str> = claims.split("\r\n").collect();
        assert_eq!(lines[0], ClaimEntry::FIELDS.join(","));
        assert_eq!(
            lines[1],
            "1,cold night,quantity,temperature,-5,-2.5,,,,,,manual,,,,,,,1,"
        );
    }

    #[test]
    fn csv_neutralizes_text_cells_unless_raw() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ledger = small_ledger(dir.path(), "=1+2 degrees");
        let safe = csv_text(&ledger, CsvOptions::default());
        assert!(safe.contains(",'=1+2 degrees,quantity,temperature,-5,"));
        let raw = csv_text(
            &ledger,
            CsvOptions {
                raw: true,
                ..CsvOptions::default()
            },
        );
        assert!(raw.contains(",=1+2 degrees,quantity,temperature,-5,"));
        assert!(!raw.contains('\''));
    }

    #[test]
    fn csv_starts_with_a_bom_unless_asked_not_to() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ledger = small_ledger(dir.path(), "cold");
        let mut out = Vec::new();
        write_csv(&mut out, ledger.read(), CsvOptions::default()).expect("csv");
        assert!(out.starts_with(crate::output::UTF8_BOM));
        assert!(out[3..].starts_with(b"claim_id,"));
        let mut plain = Vec::new();
        let options = CsvOptions {
            bom: false,
            ..CsvOptions::default()
        };
        write_csv(&mut plain, ledger.read(), options).expect("csv");
        assert_eq!(plain, out[3..]);
    }
}
