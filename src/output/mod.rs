//! The output layer: every listing yields records (one `Serialize` type
//! per thing, its fields the schema's column names) and one renderer
//! writes them as an aligned table, a markdown table, CSV, JSON or NDJSON
//! ([`Format`], the one `--format` of the command line).
//!
//! - Tables show the fields a record names in [`Record::TABLE`], under
//!   their field names; CSV and JSON show every field.
//! - CSV is RFC 4180 (CRLF line ends, a header row), UTF-8 (`export csv`
//!   files after a byte-order mark, listings without), through
//!   [`CsvWriter`]: a text cell that a spreadsheet would run as a formula
//!   gets a leading `'` ([`neutralize`]) unless raw, and a list (a
//!   verdict's outlets) is one cell, its items joined by "; ".
//! - JSON is one pretty document; NDJSON is one compact record per line.
//! - HTML is one self-contained page ([`html`]): a listing is a table of
//!   every field; the report is the page a fact-checker opens in a browser.

pub mod flat;
pub mod html;
mod records;

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};
use flat::Cell;

pub use records::{cell, AuditSummary, ClaimInFull, MentionRow};

/// How a listing, report or summary is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text for people (a prose report, a table for listings).
    Text,
    /// Markdown, for sharing.
    Markdown,
    /// One pretty JSON document, for programs.
    Json,
    /// One JSON record per line, for streams.
    Ndjson,
    /// CSV with a header row, for spreadsheets (listings only).
    Csv,
    /// One self-contained HTML page, for a browser.
    Html,
}

impl Format {
    /// The format's name, as `--format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Json => "json",
            Format::Ndjson => "ndjson",
            Format::Csv => "csv",
            Format::Html => "html",
        }
    }
}

/// A record a listing writes: every field goes to CSV and JSON, the
/// fields in [`Record::TABLE`] to a table.
pub trait Record: Serialize {
    /// Every field, in the order it serializes: the CSV header, written
    /// even when there are no rows.
    const FIELDS: &'static [&'static str];
    /// The fields an aligned or markdown table shows, in order.
    const TABLE: &'static [&'static str];

    /// A cell as a table shows it (`cell` as CSV writes it): for a field
    /// whose empty value a person reads better in words.
    fn table_cell(&self, field: &str, cell: String) -> String {
        let _ = field;
        cell
    }
}

/// Writes `records` in `format`.
pub fn write_records<R: Record>(out: &mut dyn Write, format: Format, records: &[R]) -> Result<()> {
    match format {
        Format::Text | Format::Markdown => write_table(out, records, format == Format::Markdown),
        Format::Json => write_json(out, &records),
        Format::Ndjson => {
            let mut lines = NdjsonWriter::new(out);
            for record in records {
                lines.write(record)?;
            }
            lines.finish()
        }
        Format::Csv => {
            let mut csv = CsvWriter::new(out, CsvStyle::default(), R::FIELDS)?;
            for record in records {
                csv.write(record)?;
            }
            csv.finish()
        }
        Format::Html => html::write_table(out, "claimledger", records),
    }
}

/// Writes one record, a command's summary, in `format`: JSON as one
/// object (not a list of one), the other formats as a listing of it.
pub fn write_record<R: Record>(out: &mut dyn Write, format: Format, record: &R) -> Result<()> {
    match format {
        Format::Json => write_json(out, record),
        _ => write_records(out, format, std::slice::from_ref(record)),
    }
}

/// An error for a format a command does not write: a report in CSV, say.
pub fn unsupported(format: Format, what: &str, instead: &str) -> Error {
    Error::invalid(
        "--format",
        format!("{what} has no {} form; {instead}", format.name()),
    )
}

/// Writes a serializable value as pretty JSON and a newline.
pub fn write_json(out: &mut dyn Write, value: &(impl Serialize + ?Sized)) -> Result<()> {
    let mut out = JsonWriter::new(out);
    serde_json::to_writer_pretty(&mut out, value).map_err(json_error)?;
    out.end()
}

/// Where JSON is written: a buffer of its own before `out`, so the many
/// small writes of a serializer (a quote mark, a comma) are copies into
/// memory, not calls through `dyn Write`.
struct JsonWriter<'w>(std::io::BufWriter<&'w mut dyn Write>);

impl<'w> JsonWriter<'w> {
    fn new(out: &'w mut dyn Write) -> Self {
        JsonWriter(std::io::BufWriter::with_capacity(1 << 16, out))
    }

    /// Ends the document with a newline and hands on what is buffered.
    fn end(mut self) -> Result<()> {
        self.0.write_all(b"\n")?;
        self.0.flush()?;
        Ok(())
    }
}

impl Write for JsonWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.0.write_all(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Writes a serializable value as JSON laid out for people down to
/// `depth` levels of nesting and compact below: a report's claims one to a
/// line, each whole, rather than a line for every field of every mention.
pub fn write_json_to_depth(
    out: &mut dyn Write,
    value: &(impl Serialize + ?Sized),
    depth: usize,
) -> Result<()> {
    let formatter = ToDepth {
        pretty: serde_json::ser::PrettyFormatter::new(),
        depth: 0,
        pretty_to: depth,
    };
    let mut out = JsonWriter::new(out);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    value.serialize(&mut serializer).map_err(json_error)?;
    out.end()
}

/// A JSON layout: pretty for containers down to `pretty_to` levels,
/// compact inside them.
struct ToDepth {
    pretty: serde_json::ser::PrettyFormatter<'static>,
    /// How many containers are open.
    depth: usize,
    pretty_to: usize,
}

impl ToDepth {
    /// Whether the container open at the current depth is laid out.
    fn laid_out(&self) -> bool {
        self.depth <= self.pretty_to
    }
}

impl serde_json::ser::Formatter for ToDepth {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        if self.laid_out() {
            self.pretty.begin_array(w)
        } else {
            w.write_all(b"[")
        }
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        let laid_out = self.laid_out();
        self.depth -= 1;
        if laid_out {
            self.pretty.end_array(w)
        } else {
            w.write_all(b"]")
        }
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if self.laid_out() {
            self.pretty.begin_array_value(w, first)
        } else if first {
            Ok(())
        } else {
            w.write_all(b",")
        }
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        if self.laid_out() {
            self.pretty.end_array_value(w)
        } else {
            Ok(())
        }
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        if self.laid_out() {
            self.pretty.begin_object(w)
        } else {
            w.write_all(b"{")
        }
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        let laid_out = self.laid_out();
        self.depth -= 1;
        if laid_out {
            self.pretty.end_object(w)
        } else {
            w.write_all(b"}")
        }
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if self.laid_out() {
            self.pretty.begin_object_key(w, first)
        } else if first {
            Ok(())
        } else {
            w.write_all(b",")
        }
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        if self.laid_out() {
            self.pretty.begin_object_value(w)
        } else {
            w.write_all(b":")
        }
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        if self.laid_out() {
            self.pretty.end_object_value(w)
        } else {
            Ok(())
        }
    }
}

/// Writes a serializable value as one line of compact JSON.
pub fn write_ndjson(out: &mut dyn Write, value: &(impl Serialize + ?Sized)) -> Result<()> {
    let mut lines = NdjsonWriter::new(out);
    lines.write(value)?;
    lines.finish()
}

/// Writes records as NDJSON, one compact JSON record a line.
pub struct NdjsonWriter<'w>(std::io::BufWriter<&'w mut dyn Write>);

impl<'w> NdjsonWriter<'w> {
    /// Starts writing lines to `out`.
    pub fn new(out: &'w mut dyn Write) -> Self {
        NdjsonWriter(JsonWriter::new(out).0)
    }

    /// Writes one record as a line.
    pub fn write(&mut self, value: &(impl Serialize + ?Sized)) -> Result<()> {
        serde_json::to_writer(&mut self.0, value).map_err(json_error)?;
        self.0.write_all(b"\n")?;
        Ok(())
    }

    /// Hands on what is buffered.
    pub fn finish(mut self) -> Result<()> {
        self.0.flush()?;
        Ok(())
    }
}

/// A JSON error, with a failed write kept as one (a closed pipe).
pub fn json_error(e: serde_json::Error) -> Error {
    if e.is_io() {
        Error::Output(e.into())
    } else {
        Error::Json(e)
    }
}

/// Writes rows as an aligned table with a header line.
pub fn write_aligned(out: &mut dyn Write, columns: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut widths: Vec<usize> = columns.iter().map(|c| c.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut line = |cells: &mut dyn Iterator<Item = &str>| -> std::io::Result<()> {
        let mut text = String::new();
        for (i, (cell, width)) in cells.zip(&widths).enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            text.push_str(cell);
            if i + 1 < widths.len() {
                text.extend(std::iter::repeat_n(' ', width - cell.chars().count()));
            }
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(&mut columns.iter().copied())?;
    for row in rows {
        line(&mut row.iter().map(String::as_str))?;
    }
    Ok(())
}

/// The table fields of each record, as text on one line.
fn table_rows<R: Record>(records: &[R]) -> Result<Vec<Vec<String>>> {
    records
        .iter()
        .map(|record| {
            let mut row = vec![String::new(); R::TABLE.len()];
            flat::fields(record, &mut |name, cell| {
                if let Some(i) = R::TABLE.iter().position(|f| *f == name) {
                    cell.write_to(&mut row[i]);
                }
                Ok(())
            })
            .map_err(|e| Error::invalid("output", e.0))?;
            Ok(R::TABLE
                .iter()
                .zip(row)
                .map(|(field, cell)| one_line(&record.table_cell(field, cell)))
                .collect())
        })
        .collect()
}

/// Writes records as an aligned table, or a markdown one.
fn write_table<R: Record>(out: &mut dyn Write, records: &[R], markdown: bool) -> Result<()> {
    let rows = table_rows(records)?;
    if !markdown {
        return write_aligned(out, R::TABLE, &rows);
    }
    // The column names are ours; every cell may come from a document.
    writeln!(out, "| {} |", R::TABLE.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(R::TABLE.len()))?;
    for row in &rows {
        let cells: Vec<String> = row.iter().map(|c| markdown_text(c)).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// Text from articles on one line, safe for a terminal: whitespace runs
/// become one space, and control characters (escape sequences that could
/// rewrite the screen, carriage returns, bells) and the invisible
/// characters of [`is_invisible`](crate::untrusted::is_invisible) (zero-width and bidi controls, which
/// could make one text print as another) are dropped.
pub fn one_line(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|&c| !c.is_control() && !crate::untrusted::is_invisible(c))
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text from articles for a markdown document, on one line ([`one_line`]),
/// that renders as the same text and nothing else: `&`, `<` and `>` become
/// entities (no HTML tag, comment or autolink can open), and the
/// characters that make links, images, emphasis, code, tables and
/// headings are escaped with a backslash (so `![x](url)` shows as those
/// characters, not as a tracking pixel).
pub fn markdown_text(text: &str) -> String {
    let line = one_line(text);
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// How CSV is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvStyle {
    /// Start with a UTF-8 byte-order mark, so spreadsheets read the file as UTF-8.
    pub bom: bool,
    /// Write text cells as they are, without formula neutralization.
    pub raw: bool,
}

/// The UTF-8 byte-order mark that `export csv` writes first.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes records as CSV rows, one at a time.
pub struct CsvWriter<'w> {
    writer: csv::Writer<&'w mut dyn Write>,
    raw: bool,
    /// Reused for numbers, so a row costs no allocation for them.
    number: String,
}

impl<'w> CsvWriter<'w> {
    /// Starts a CSV file: the byte-order mark if asked for, and the header.
    pub fn new(out: &'w mut dyn Write, style: CsvStyle, header: &[&str]) -> Result<Self> {
        if style.bom {
            out.write_all(UTF8_BOM)?;
        }
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        writer.write_record(header).map_err(csv_error)?;
        Ok(CsvWriter {
            writer,
            raw: style.raw,
            number: String::new(),
        })
    }

    /// Writes one record as a row.
    pub fn write(&mut self, record: &(impl Serialize + ?Sized)) -> Result<()> {
        let (writer, raw, number) = (&mut self.writer, self.raw, &mut self.number);
        let mut failed = None;
        let written = flat::fields(record, &mut |_, cell| {
            let field = match cell {
                Cell::Empty => Cow::Borrowed(""),
                Cell::Text(t) if raw => Cow::Borrowed(t),
                Cell::Text(t) => neutralize(t),
                other => {
                    number.clear();
                    other.write_to(number);
                    Cow::Borrowed(number.as_str())
                }
            };
            writer.write_field(field.as_bytes()).map_err(|e| {
                failed = Some(e);
                flat::Error("csv".into())
            })
        });
        if let Some(e) = failed {
            return Err(csv_error(e));
        }
        written.map_err(|e| Error::invalid("csv", e.0))?;
        self.writer.write_record(None::<&[u8]>).map_err(csv_error)
    }

    /// Flushes what is written.
    pub fn finish(mut self) -> Result<()> {
        self.writer.flush()?;
        Ok(())
    }
}

fn csv_error(err: csv::Error) -> Error {
    if err.is_io_error() {
        if let csv::ErrorKind::Io(io) = err.into_kind() {
            return Error::Output(io);
        }
        return Error::invalid("csv", "write failed");
    }
    Error::invalid("csv", err.to_string())
}

/// Whether a cell is a plain decimal number (`-5`, `12.5`): a spreadsheet
/// reads it as a value, never as a formula, so it needs no neutralizing.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && fraction.is_none_or(all_digits)
}

/// The characters that make a spreadsheet run a cell as a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell made safe for spreadsheets: a cell that would be run as a
/// formula gets a leading `'`, which spreadsheets show as text.
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    // A cell that already starts with ' before a risky character gets one
    // more, so import, which drops one, gives back exactly what was stored.
    let after_quote = cell.strip_prefix('\'').unwrap_or("");
    let risky = cell.starts_with(FORMULA_STARTS) || after_quote.starts_with(FORMULA_STARTS);
    if risky && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell as the person meant it: [`neutralize`]'s guard removed.
pub fn unneutralize(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if rest.starts_with(FORMULA_STARTS)
                || rest
                    .strip_prefix('\'')
                    .is_some_and(|r| r.starts_with(FORMULA_STARTS)) =>
        {
            rest
        }
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_columns() {
        let mut out = Vec::new();
        write_aligned(
            &mut out,
            &["id", "name"],
            &[
                vec!["1".into(), "Press TV".into()],
                vec!["10".into(), "AFP".into()],
            ],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "id  name\n1   Press TV\n10  AFP\n"
        );
    }

    #[test]
    fn formulas_are_neutralized() {
        assert_eq!(neutralize("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(neutralize("+1"), "'+1");
        assert_eq!(neutralize("@x"), "'@x");
        assert_eq!(neutralize("\tx"), "'\tx");
        assert_eq!(neutralize("\rx"), "'\rx");
        assert_eq!(neutralize("-2+3"), "'-2+3");
        assert_eq!(neutralize("-cmd|' /C calc'!A0"), "'-cmd|' /C calc'!A0");
        assert_eq!(
            neutralize("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
    }

    #[test]
    fn plain_text_and_plain_numbers_stay() {
        // A spreadsheet reads -2 as the number -2, not a formula: a quote
        // would only turn a value into text.
        assert_eq!(neutralize("-2"), "-2");
        assert_eq!(neutralize("-2.5"), "-2.5");
        assert_eq!(
            neutralize("some 2,000 peacekeepers"),
            "some 2,000 peacekeepers"
        );
        assert_eq!(neutralize("a=b"), "a=b");
        assert_eq!(neutralize(""), "");
        assert!(!is_plain_number("-"));
        assert!(!is_plain_number("-1e5"));
        assert!(!is_plain_number("-inf"));
        assert!(!is_plain_number("-2."));
        assert!(is_plain_number("12"));
    }

    #[test]
    fn neutralized_cells_read_back_as_written() {
        assert_eq!(unneutralize("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unneutralize("'-x"), "-x");
        assert_eq!(unneutralize("'tis"), "'tis");
        assert_eq!(unneutralize("''=x"), "'=x");
        assert_eq!(unneutralize("plain"), "plain");
        for cell in ["=1", "'=x", "'tis", "-2", "@a", "plain"] {
            assert_eq!(unneutralize(&neutralize(cell)), cell);
        }
    }
}
