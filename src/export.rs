//! Export: the ledger as files for other tools. CSV for spreadsheets and
//! pandas, Graphviz DOT for a picture of who carried what, JSON for programs.
//!
//! - CSV is RFC 4180 (CRLF line ends, a header row), UTF-8. Text cells that a
//!   spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a
//!   tab or a carriage return) get a leading `'` so a hostile quote cannot run
//!   when the file is opened; `--raw` turns that off. A cell that is a plain
//!   number such as `-5` is left alone, and numeric columns are never touched.
//! - DOT node ids are stable: `o1` outlet 1, `d1` document 1, `a1` actor 1,
//!   `c1` claim 1. Every label goes through [`dot_string`].
//! - JSON holds the whole ledger, ordered by id, documents with their full
//!   text under `"text"` so that mention spans can be checked against it.
//!
//! Retracted claims are left out of CSV and DOT, as `claim list` leaves them
//! out; JSON keeps them with their `retracted` reason.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::ser::{Error as _, SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

use crate::error::{Error, Result};
use crate::model::{ClaimRelation, LinkOrigin, Stance, Status};
use crate::store::{ClaimLinkRow, ClaimRow, MentionRow, Reader};

/// The folder exports go to when no `-o` is given.
pub const DEFAULT_DIR: &str = "exports";

/// Where an export goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Standard output (`-o -`).
    Stdout,
    /// A file; `create_dir` makes its folder when missing (only the default folder).
    File {
        /// The file.
        path: PathBuf,
        /// Whether a missing folder is created.
        create_dir: bool,
    },
}

impl Destination {
    /// `-o PATH` if given (`-` is stdout), else `exports/<default_name>`.
    pub fn from_arg(output: Option<&Path>, default_name: &str) -> Destination {
        match output {
            Some(p) if p == Path::new("-") => Destination::Stdout,
            Some(p) => Destination::File {
                path: p.to_path_buf(),
                create_dir: false,
            },
            None => Destination::File {
                path: Path::new(DEFAULT_DIR).join(default_name),
                create_dir: true,
            },
        }
    }

    /// The file written, if any.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Destination::Stdout => None,
            Destination::File { path, .. } => Some(path),
        }
    }

    /// Runs `write` on the destination. A file is written beside its final
    /// name and renamed into place only when `write` succeeds, so a failed
    /// export never leaves a truncated file that looks complete.
    pub fn write<T>(
        &self,
        stdout: &mut dyn Write,
        write: impl FnOnce(&mut dyn Write) -> Result<T>,
    ) -> Result<T> {
        let (path, create_dir) = match self {
            Destination::Stdout => return write(stdout),
            Destination::File { path, create_dir } => (path, *create_dir),
        };
        let io = |source| Error::Io {
            path: path.clone(),
            source,
        };
        // A device, FIFO or socket (/dev/null, a named pipe) is written in
        // place: renaming a file over it would replace the device itself.
        let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir());
        if special {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(io)?;
            let mut buffered = std::io::BufWriter::new(file);
            let value = write(&mut buffered)?;
            buffered.flush().map_err(io)?;
            return Ok(value);
        }
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        if !dir.is_dir() {
            if create_dir {
                std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                    path: dir.to_path_buf(),
                    source,
                })?;
            } else {
                return Err(Error::MissingOutputDirectory {
                    path: path.clone(),
                    dir: dir.to_path_buf(),
                });
            }
        }
        let mut builder = tempfile::Builder::new();
        builder.prefix(".claimledger-export-");
        #[cfg(unix)]
        {
            // Exports are meant to be shared; a temporary file is private by default.
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
        let temp = builder.tempfile_in(dir).map_err(io)?;
        let mut buffered = std::io::BufWriter::new(temp);
        let value = write(&mut buffered)?;
        let temp = buffered.into_inner().map_err(|e| io(e.into_error()))?;
        temp.persist(path).map_err(|e| io(e.error))?;
        Ok(value)
    }
}

// ---------------------------------------------------------------- CSV

/// Columns of the default CSV: one row per mention, with its claim.
pub const MENTION_CSV_COLUMNS: [&str; 20] = [
    "claim_id",
    "claim_text",
    "kind",
    "subject",
    "low",
    "high",
    "unit",
    "status",
    "origins",
    "reason",
    "mention_id",
    "outlet",
    "outlet_kind",
    "document_id",
    "url",
    "title",
    "published",
    "speaker",
    "stance",
    "quote",
];

/// Columns of `export csv --claims`: one row per claim.
pub const CLAIM_CSV_COLUMNS: [&str; 16] = [
    "claim_id", "text", "kind", "subject", "low", "high", "unit", "hedge", "speaker", "quoted",
    "as_of", "status", "origins", "outlets", "reason", "mentions",
];

/// How `export csv` writes.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvOptions {
    /// One row per claim instead of one per mention.
    pub claims: bool,
    /// Start with a UTF-8 byte-order mark, so Excel reads the file as UTF-8.
    pub excel: bool,
    /// Write text cells as they are, without formula neutralization.
    pub raw: bool,
}

/// The UTF-8 byte-order mark that `--excel` writes first.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

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

/// A text cell made safe for spreadsheets: a cell that would be run as a
/// formula gets a leading `'`, which spreadsheets show as text.
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    // A cell that already starts with ' before a risky character gets one
    // more, so import, which drops one, gives back exactly what was stored.
    const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
    let after_quote = cell.strip_prefix('\'').unwrap_or("");
    let risky = cell.starts_with(FORMULA) || after_quote.starts_with(FORMULA);
    if risky && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A number cell: empty when absent, no thousands separators.
fn number_cell(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
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

/// Writes the ledger as CSV, one row at a time; returns the number of rows.
pub fn write_csv(out: &mut dyn Write, reader: Reader<'_>, options: CsvOptions) -> Result<u64> {
    if options.excel {
        out.write_all(UTF8_BOM)?;
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let text = |cell: &str| -> String {
        if options.raw {
            cell.to_string()
        } else {
            neutralize(cell).into_owned()
        }
    };
    let opt_text = |cell: Option<&str>| text(cell.unwrap_or(""));
    let status = |s: Option<Status>| s.map(|s| s.as_str()).unwrap_or("").to_string();
    let origins = |o: Option<i64>| o.map(|o| o.to_string()).unwrap_or_default();
    let mut count = 0u64;
    if options.claims {
        writer.write_record(CLAIM_CSV_COLUMNS).map_err(csv_error)?;
        reader.stream_claims(false, |rows| -> Result<()> {
            for row in rows {
                let c = row?;
                writer
                    .write_record([
                        c.id.to_string(),
                        text(&c.text),
                        c.kind.as_str().to_string(),
                        opt_text(c.subject.as_deref()),
                        number_cell(c.low),
                        number_cell(c.high),
                        opt_text(c.unit.as_deref()),
                        opt_text(c.hedge.as_deref()),
                        opt_text(c.speaker.as_deref()),
                        opt_text(c.quoted.as_deref()),
                        opt_text(c.as_of.as_deref()),
                        status(c.status),
                        origins(c.origins),
                        text(&c.outlets),
                        opt_text(c.reason.as_deref()),
                        c.mention_count.map(|n| n.to_string()).unwrap_or_default(),
                    ])
                    .map_err(csv_error)?;
                count += 1;
            }
            Ok(())
        })??;
    } else {
        writer
            .write_record(MENTION_CSV_COLUMNS)
            .map_err(csv_error)?;
        // A claim's cells are the same on each of its rows: made once.
        let mut claim_cells: (i64, Vec<String>) = (0, Vec::new());
        reader.stream_mentions(false, |c, m| {
            if claim_cells.0 != c.id || claim_cells.1.is_empty() {
                claim_cells = (
                    c.id,
                    vec![
                        c.id.to_string(),
                        text(&c.text),
                        c.kind.as_str().to_string(),
                        opt_text(c.subject.as_deref()),
                        number_cell(c.low),
                        number_cell(c.high),
                        opt_text(c.unit.as_deref()),
                        status(c.status),
                        origins(c.origins),
                        opt_text(c.reason.as_deref()),
                    ],
                );
            }
            let mention_cells = [
                m.id.to_string(),
                text(&m.outlet),
                m.outlet_kind.as_str().to_string(),
                m.document.to_string(),
                opt_text(m.url.as_deref()),
                opt_text(m.title.as_deref()),
                opt_text(m.published.as_deref()),
                opt_text(m.speaker.as_deref()),
                m.stance.as_str().to_string(),
                text(&m.quote),
            ];
            writer
                .write_record(claim_cells.1.iter().chain(&mention_cells))
                .map_err(csv_error)?;
            count += 1;
            Ok(())
        })?;
    }
    writer.flush()?;
    Ok(count)
}

// ---------------------------------------------------------------- DOT

/// A quoted DOT ID holding `s` as it reads: `\` and `"` escaped, a newline
/// (or CRLF) becomes the label line break `\n`, a tab a space, and other
/// control characters are dropped. Inside quotes `<>{}|` and non-ASCII text
/// are plain characters (we use no record or HTML labels), so they stay.
pub fn dot_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Claim texts longer than this many characters are cut in DOT labels.
pub const LABEL_CHARS: usize = 60;

/// `s` on one line, cut to at most `max` characters with "…" when longer.
pub fn truncate_label(s: &str, max: usize) -> String {
    let line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        return line;
    }
    let mut cut: String = line.chars().take(max.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// The fill colour of a claim node, by verdict status (`None`: not checked).
pub fn status_colour(status: Option<Status>) -> &'static str {
    match status {
        Some(Status::Conflicting) => "#f4a6a6",
        Some(Status::Corroborated) => "#a8ddb5",
        Some(Status::SingleSource) => "#fff3a0",
        Some(Status::Unsourced) => "#d9d9d9",
        None => "#ffffff",
    }
}

/// Which part of the ledger `export dot` draws.
#[derive(Debug, Clone, Copy, Default)]
pub struct DotOptions {
    /// Only claims of this status, and what touches them.
    pub status: Option<Status>,
    /// Only this claim, the claims linked to it, and what touches them.
    pub claim: Option<i64>,
}

/// How much `export dot` drew.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DotCounts {
    /// Claim nodes.
    pub claims: usize,
    /// Edges of every sort.
    pub edges: usize,
}

struct DocumentNode {
    id: i64,
    outlet_id: i64,
    title: Option<String>,
    published: Option<String>,
}

/// What the DOT graph shows of a claim.
struct ClaimNode {
    id: i64,
    text: String,
    status: Option<Status>,
}

/// Writes the ledger as a Graphviz digraph.
pub fn write_dot(
    out: &mut dyn Write,
    reader: Reader<'_>,
    options: DotOptions,
) -> Result<DotCounts> {
    // Several queries: one snapshot, so an ingest meanwhile cannot leave an
    // edge without its node. (Its read transaction lasts until the graph
    // is written: a slow reader of `-o -` holds back WAL checkpoints.)
    reader.snapshot(|| draw_dot(out, reader, options))
}

fn draw_dot(out: &mut dyn Write, reader: Reader<'_>, options: DotOptions) -> Result<DotCounts> {
    let mut outlets = reader.outlets()?;
    outlets.sort_by_key(|o| o.id);
    let mut actors = reader.actors()?;
    actors.sort_by_key(|a| a.id);
    let documents: Vec<DocumentNode> = reader.stream_documents(|rows| {
        rows.map(|r| {
            r.map(|d| DocumentNode {
                id: d.document.id,
                outlet_id: d.outlet_id,
                title: d.document.title,
                published: d.document.published,
            })
        })
        .collect::<Result<_>>()
    })??;
    // Only what is drawn: a verdict's outlet list, kept for every claim,
    // came to gigabytes at 100k articles.
    let claims: Vec<ClaimNode> = reader.stream_claims(false, |rows| {
        rows.map(|r| {
            r.map(|c| ClaimNode {
                id: c.id,
                text: c.text,
                status: c.status,
            })
        })
        .collect::<Result<_>>()
    })??;
    let live: BTreeSet<i64> = claims.iter().map(|c| c.id).collect();
    // (document, claim, stance) and (actor, claim): one edge each, however
    // many mentions repeat them.
    let mut carried: BTreeSet<(i64, i64, Stance)> = BTreeSet::new();
    let mut voiced: BTreeSet<(i64, i64)> = BTreeSet::new();
    reader.mention_edges(|claim, document, stance, actor| {
        if live.contains(&claim) {
            carried.insert((document, claim, stance));
            if let Some(actor) = actor {
                voiced.insert((actor, claim));
            }
        }
    })?;
    let links: Vec<ClaimLinkRow> = reader
        .claim_links()?
        .into_iter()
        .filter(|l| !l.rejected)
        .collect();
    let outlet_links = reader.outlet_links()?;

    let kept_claims: BTreeSet<i64> = match (options.claim, options.status) {
        (Some(id), _) => {
            let claim = reader.claim(id)?;
            if let Some(why) = claim.retracted {
                return Err(Error::invalid(
                    "--claim",
                    format!("claim {id} is retracted ({why}); it is not drawn"),
                ));
            }
            let mut kept = BTreeSet::from([id]);
            for l in links.iter().filter(|l| l.from == id || l.to == id) {
                let other = if l.from == id { l.to } else { l.from };
                if live.contains(&other) {
                    kept.insert(other);
                }
            }
            kept
        }
        (None, Some(status)) => claims
            .iter()
            .filter(|c| c.status == Some(status))
            .map(|c| c.id)
            .collect(),
        (None, None) => claims.iter().map(|c| c.id).collect(),
    };
    let filtered = options.claim.is_some() || options.status.is_some();
    carried.retain(|(_, c, _)| kept_claims.contains(c));
    voiced.retain(|(_, c)| kept_claims.contains(c));
    let kept_documents: BTreeSet<i64> = if filtered {
        carried.iter().map(|(d, _, _)| *d).collect()
    } else {
        documents.iter().map(|d| d.id).collect()
    };
    let kept_outlets: BTreeSet<i64> = if filtered {
        documents
            .iter()
            .filter(|d| kept_documents.contains(&d.id))
            .map(|d| d.outlet_id)
            .collect()
    } else {
        outlets.iter().map(|o| o.id).collect()
    };
    let kept_actors: BTreeSet<i64> = if filtered {
        voiced.iter().map(|(a, _)| *a).collect()
    } else {
        actors.iter().map(|a| a.id).collect()
    };

    let mut counts = DotCounts::default();
    writeln!(out, "digraph claimledger {{")?;
    writeln!(
        out,
        "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=10];"
    )?;
    writeln!(out, "  node [fontname=\"Helvetica\", fontsize=10];")?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];")?;
    writeln!(out)?;
    writeln!(out, "  subgraph cluster_legend {{")?;
    writeln!(out, "    label=\"claim status\";")?;
    writeln!(out, "    node [shape=box, style=\"rounded,filled\"];")?;
    let legend = Status::ALL.iter().map(|s| (Some(*s), s.as_str()));
    for (status, word) in legend.chain([(None, "unchecked")]) {
        writeln!(
            out,
            "    legend_{} [label={}, fillcolor=\"{}\"];",
            word.replace('-', "_"),
            dot_string(word),
            status_colour(status)
        )?;
    }
    writeln!(out, "  }}")?;

    writeln!(out)?;
    for o in outlets.iter().filter(|o| kept_outlets.contains(&o.id)) {
        let label = format!("{}\n({})", o.name, o.kind);
        writeln!(
            out,
            "  o{} [shape=box, label={}];",
            o.id,
            dot_string(&label)
        )?;
    }
    for d in documents.iter().filter(|d| kept_documents.contains(&d.id)) {
        let mut label = match &d.title {
            Some(t) => truncate_label(t, LABEL_CHARS),
            None => format!("document {}", d.id),
        };
        if let Some(p) = &d.published {
            label.push('\n');
            label.push_str(p);
        }
        writeln!(
            out,
            "  d{} [shape=note, label={}];",
            d.id,
            dot_string(&label)
        )?;
    }
    for a in actors.iter().filter(|a| kept_actors.contains(&a.id)) {
        writeln!(
            out,
            "  a{} [shape=ellipse, label={}];",
            a.id,
            dot_string(&a.name)
        )?;
    }
    for c in claims.iter().filter(|c| kept_claims.contains(&c.id)) {
        let status = c.status.map(|s| s.as_str()).unwrap_or("unchecked");
        let label = format!(
            "C{}: {}\n{status}",
            c.id,
            truncate_label(&c.text, LABEL_CHARS)
        );
        writeln!(
            out,
            "  c{} [shape=box, style=\"rounded,filled\", fillcolor=\"{}\", label={}, tooltip={}];",
            c.id,
            status_colour(c.status),
            dot_string(&label),
            dot_string(&c.text)
        )?;
        counts.claims += 1;
    }

    writeln!(out)?;
    for d in documents.iter().filter(|d| kept_documents.contains(&d.id)) {
        writeln!(
            out,
            "  o{} -> d{} [label=\"published\"];",
            d.outlet_id, d.id
        )?;
        counts.edges += 1;
    }
    for (document, claim, stance) in &carried {
        writeln!(out, "  d{document} -> c{claim} [label=\"{stance}\"];")?;
        counts.edges += 1;
    }
    for (actor, claim) in &voiced {
        writeln!(out, "  a{actor} -> c{claim} [label=\"voiced\"];")?;
        counts.edges += 1;
    }
    for l in links
        .iter()
        .filter(|l| kept_claims.contains(&l.from) && kept_claims.contains(&l.to))
    {
        let style = match l.origin {
            LinkOrigin::Auto => "dashed",
            LinkOrigin::Manual => "solid",
        };
        // same-as and contradicts read both ways; supports has a direction.
        let dir = match l.relation {
            ClaimRelation::Supports => "",
            ClaimRelation::SameAs | ClaimRelation::Contradicts => ", dir=none",
        };
        writeln!(
            out,
            "  c{} -> c{} [label=\"{}\", style={style}{dir}];",
            l.from, l.to, l.relation
        )?;
        counts.edges += 1;
    }
    for l in outlet_links
        .iter()
        .filter(|l| kept_outlets.contains(&l.from) && kept_outlets.contains(&l.to))
    {
        writeln!(
            out,
            "  o{} -> o{} [label=\"{}\", style=dotted];",
            l.from, l.to, l.relation
        )?;
        counts.edges += 1;
    }
    writeln!(out, "}}")?;
    Ok(counts)
}

// ---------------------------------------------------------------- JSON

/// A document as the JSON export gives it.
#[derive(Serialize)]
struct JsonDocument<'a> {
    id: i64,
    outlet_id: i64,
    outlet: &'a str,
    title: Option<&'a str>,
    url: Option<&'a str>,
    published: Option<&'a str>,
    source: Option<&'a str>,
    text: &'a str,
}

/// A claim as the JSON export gives it: the listed fields, its mentions and links.
#[derive(Serialize)]
struct JsonClaim<'a> {
    #[serde(flatten)]
    claim: &'a ClaimRow,
    mentions: &'a [MentionRow],
    links: &'a [ClaimLinkRow],
}

struct Documents<'r>(Reader<'r>);

impl Serialize for Documents<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.0
            .stream_documents(|rows| {
                let mut seq = serializer.serialize_seq(None)?;
                for row in rows {
                    let row = row.map_err(S::Error::custom)?;
                    let d = &row.document;
                    seq.serialize_element(&JsonDocument {
                        id: d.id,
                        outlet_id: row.outlet_id,
                        outlet: &d.outlet,
                        title: d.title.as_deref(),
                        url: d.url.as_deref(),
                        published: d.published.as_deref(),
                        source: d.source.as_deref(),
                        text: &d.text,
                    })?;
                }
                seq.end()
            })
            .map_err(S::Error::custom)?
    }
}

struct Claims<'r>(Reader<'r>);

impl Serialize for Claims<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        // The serializer's error is kept as it is: it may be a closed pipe.
        let mut failed = None;
        let streamed = self.0.stream_claims_in_full(|claim, mentions, links| {
            seq.serialize_element(&JsonClaim {
                claim: &claim,
                mentions: &mentions,
                links: &links,
            })
            .map_err(|e| {
                failed = Some(e);
                Error::Output(std::io::Error::other("JSON export stopped"))
            })
        });
        if let Some(e) = failed {
            return Err(e);
        }
        streamed.map_err(S::Error::custom)?;
        seq.end()
    }
}

struct Ledger<'r>(Reader<'r>);

impl Serialize for Ledger<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let reader = self.0;
        let mut outlets = reader.outlets().map_err(S::Error::custom)?;
        outlets.sort_by_key(|o| o.id);
        let outlet_links = reader.outlet_links().map_err(S::Error::custom)?;
        let mut actors = reader.actors().map_err(S::Error::custom)?;
        actors.sort_by_key(|a| a.id);
        let mut doc = serializer.serialize_struct("Ledger", 5)?;
        doc.serialize_field("outlets", &outlets)?;
        doc.serialize_field("outlet_links", &outlet_links)?;
        doc.serialize_field("actors", &actors)?;
        doc.serialize_field("documents", &Documents(reader))?;
        doc.serialize_field("claims", &Claims(reader))?;
        doc.end()
    }
}

/// Writes the whole ledger as one pretty JSON document, ordered by id.
/// Documents and claims are streamed; outlets and actors are few.
pub fn write_json(out: &mut dyn Write, reader: Reader<'_>) -> Result<()> {
    // One snapshot, so every claim's documents and outlets are in the file.
    // It lasts while the file is written: a slow reader of `-o -` holds
    // back WAL checkpoints meanwhile, as a report does.
    reader.snapshot(|| {
        serde_json::to_writer_pretty(&mut *out, &Ledger(reader)).map_err(|e| {
            // Keep a closed pipe recognizable as one.
            if e.is_io() {
                Error::Output(e.into())
            } else {
                Error::Json(e)
            }
        })
    })?;
    writeln!(out)?;
    Ok(())
}

// ---------------------------------------------------------------- ClaimReview

/// Writes schema.org ClaimReview JSON-LD, one object per rated claim: the
/// claim, who said it, where it appeared, and the fact-checker's rating.
/// Returns how many claims were written.
pub fn write_claimreview(out: &mut dyn Write, reader: Reader<'_>) -> Result<usize> {
    // A rating and its claim's mentions are read from the same state.
    let reviews = reader.snapshot(|| claim_reviews(reader))?;
    serde_json::to_writer_pretty(&mut *out, &reviews)?;
    writeln!(out)?;
    Ok(reviews.len())
}

/// One ClaimReview object per rated claim.
fn claim_reviews(reader: Reader<'_>) -> Result<Vec<serde_json::Value>> {
    use serde_json::{json, Value};
    let mut reviews = Vec::new();
    for rating in reader.ratings()? {
        let claim = reader.claim(rating.claim)?;
        // Where the proposition appeared: its cluster's mentions once checked.
        let mut mentions = reader.verdict_mentions(claim.id)?;
        if mentions.is_empty() {
            mentions = reader.mentions_of(claim.id)?;
        }
        let appearance: Vec<Value> = mentions
            .iter()
            .map(|m| {
                let mut work = json!({
                    "@type": "CreativeWork",
                    "publisher": { "@type": "Organization", "name": m.outlet },
                });
                for (key, value) in [
                    ("url", &m.url),
                    ("headline", &m.title),
                    ("datePublished", &m.published),
                ] {
                    if let Some(value) = value {
                        work[key] = json!(value);
                    }
                }
                work
            })
            .collect();
        // The speaker is the claim's own, else the first mention's voice,
        // else the first outlet that carried it.
        let author = claim
            .speaker
            .as_ref()
            .or_else(|| mentions.iter().find_map(|m| m.speaker.as_ref()))
            .or_else(|| mentions.first().map(|m| &m.outlet))
            .map(|name| json!({ "@type": "Thing", "name": name }));
        let mut item = json!({ "@type": "Claim", "appearance": appearance });
        if let Some(author) = author {
            item["author"] = author;
        }
        if let Some(first) = mentions.iter().filter_map(|m| m.published.as_ref()).min() {
            item["datePublished"] = json!(first);
        }
        let mut review = json!({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": claim.text,
            "itemReviewed": item,
            "reviewRating": { "@type": "Rating", "alternateName": rating.rating },
            "datePublished": rating.rated_at.get(..10).unwrap_or(&rating.rated_at),
        });
        if let Some(by) = &rating.rated_by {
            review["author"] = json!({ "@type": "Organization", "name": by });
        }
        reviews.push(review);
    }
    Ok(reviews)
}

// ---------------------------------------------------------------- Examples

/// Writes the example exports into `dir` (created if missing): the set
/// committed under exports/ and kept in step with the code by a test.
/// Returns the names of the files written.
pub fn write_examples(reader: Reader<'_>, dir: &Path) -> Result<Vec<&'static str>> {
    use crate::report::{self, Format, ReportFilter};
    let file = |name: &str| Destination::File {
        path: dir.join(name),
        create_dir: true,
    };
    let mut sink = std::io::sink();
    file("mentions.csv").write(&mut sink, |w| write_csv(w, reader, CsvOptions::default()))?;
    file("claims.csv").write(&mut sink, |w| {
        write_csv(
            w,
            reader,
            CsvOptions {
                claims: true,
                ..CsvOptions::default()
            },
        )
    })?;
    file("ledger.dot").write(&mut sink, |w| write_dot(w, reader, DotOptions::default()))?;
    file("report.md").write(&mut sink, |w| {
        report::write_report(w, reader, &ReportFilter::default(), Format::Markdown)
    })?;
    Ok(vec![
        "mentions.csv",
        "claims.csv",
        "ledger.dot",
        "report.md",
    ])
}

/// Draws the DOT file `dot` as the SVG picture `svg` with Graphviz; returns
/// whether it did (false when Graphviz is missing or fails).
pub fn render_svg(dot: &Path, svg: &Path) -> bool {
    std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(dot)
        .arg("-o")
        .arg(svg)
        .status()
        .is_ok_and(|status| status.success())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClaimKind, OutletKind};
    use crate::store::{Ledger, NewClaim, NewDocument, NewMention};
    use std::path::PathBuf;

    #[test]
    fn dot_string_escapes_quotes_and_backslashes() {
        assert_eq!(dot_string("Press TV"), r#""Press TV""#);
        assert_eq!(dot_string(r#"say "hi""#), r#""say \"hi\"""#);
        assert_eq!(dot_string(r"a\b"), r#""a\\b""#);
        // A trailing backslash must not swallow the closing quote.
        assert_eq!(dot_string("end\\"), r#""end\\""#);
        assert_eq!(dot_string(""), r#""""#);
    }

    #[test]
    fn dot_string_turns_newlines_into_label_breaks() {
        assert_eq!(dot_string("a\nb"), r#""a\nb""#);
        assert_eq!(dot_string("a\r\nb"), r#""a\nb""#);
        assert_eq!(dot_string("a\rb"), r#""a\nb""#);
        assert_eq!(dot_string("a\tb"), r#""a b""#);
        assert_eq!(dot_string("a\u{0}b\u{7}c\u{1b}[0m"), r#""abc[0m""#);
    }

    #[test]
    fn dot_string_keeps_markup_and_non_ascii_as_text() {
        assert_eq!(dot_string("<b>{x|y}</b>"), r#""<b>{x|y}</b>""#);
        assert_eq!(
            dot_string("Azerbaijan’s — «Baku»"),
            "\"Azerbaijan’s — «Baku»\""
        );
    }

    #[test]
    fn dot_string_cannot_break_out_of_the_id() {
        assert_eq!(dot_string("\"];\n digraph x {"), r#""\"];\n digraph x {""#);
    }

    /// Reads a quoted DOT ID back as Graphviz's lexer would, checking that
    /// it is one well-formed token.
    fn lex_dot_id(id: &str) -> Option<String> {
        let inner = id.strip_prefix('"')?.strip_suffix('"')?;
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(ch) = chars.next() {
            match ch {
                '\\' => match chars.next()? {
                    '\\' => out.push('\\'),
                    '"' => out.push('"'),
                    'n' => out.push('\n'),
                    _ => return None,
                },
                '"' => return None,
                c if c.is_control() => return None,
                c => out.push(c),
            }
        }
        Some(out)
    }

    proptest::proptest! {
        #[test]
        fn dot_string_is_always_one_valid_id(s in "\\PC*|[\"\\\\\n\r\t<>{}|;\\[\\]]*") {
            let id = dot_string(&s);
            let read = lex_dot_id(&id);
            proptest::prop_assert!(read.is_some(), "not a valid id: {id}");
            let expected: String = s
                .replace("\r\n", "\n")
                .replace(['\r', '\u{2028}', '\u{2029}'], "\n")
                .replace('\t', " ")
                .chars()
                .filter(|c| *c == '\n' || !c.is_control())
                .collect();
            proptest::prop_assert_eq!(read.unwrap_or_default(), expected);
        }
    }

    #[test]
    fn labels_are_cut_on_a_char_boundary() {
        assert_eq!(truncate_label("short", 60), "short");
        assert_eq!(truncate_label("two\n  lines", 60), "two lines");
        let long = "é".repeat(100);
        let cut = truncate_label(&long, 60);
        assert_eq!(cut.chars().count(), 60);
        assert!(cut.ends_with('…'));
        let exact = "x".repeat(60);
        assert_eq!(truncate_label(&exact, 60), exact);
        assert_eq!(truncate_label("abc def ghi", 6), "abc d…");
        assert_eq!(truncate_label("abcd efgh", 6), "abcd…");
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

    /// A ledger with one quantity claim whose interval is negative.
    fn small_ledger(dir: &Path, claim_text: &str) -> Ledger {
        let (mut ledger, _) = Ledger::init(&dir.join("l.db")).expect("init");
        let text = format!("It was {claim_text} overnight.");
        let tx = ledger.begin().expect("begin");
        let outlet = tx
            .add_outlet("Wire", OutletKind::Wire, None, None)
            .expect("outlet");
        let document = match tx
            .add_document(&NewDocument {
                outlet_id: outlet,
                title: None,
                url: None,
                published: None,
                byline: None,
                sources: Default::default(),
                text: &text,
                content_hash: "h",
                fingerprint: &[],
                source: None,
            })
            .expect("document")
        {
            crate::store::Stored::Added(id) | crate::store::Stored::AlreadyPresent(id) => id,
        };
        let claim = tx
            .add_claim(
                &NewClaim {
                    kind: Some(ClaimKind::Quantity),
                    text: claim_text,
                    subject: Some("temperature"),
                    low: Some(-5.0),
                    high: Some(-2.5),
                    ..NewClaim::default()
                },
                true,
            )
            .expect("claim");
        let start = text.find(claim_text).expect("in text");
        tx.add_mention(
            &NewMention {
                claim_id: claim,
                document_id: document,
                actor_id: None,
                stance: Stance::Asserts,
                span: start..start + claim_text.len(),
                relayed_by: None,
                confidence: None,
            },
            &text,
            true,
        )
        .expect("mention");
        tx.commit().expect("commit");
        ledger
    }

    fn csv_text(ledger: &Ledger, options: CsvOptions) -> String {
        let mut out = Vec::new();
        write_csv(&mut out, ledger.read(), options).expect("csv");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn csv_numbers_stay_numbers_and_missing_values_are_empty() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ledger = small_ledger(dir.path(), "cold night");
        let text = csv_text(&ledger, CsvOptions::default());
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], MENTION_CSV_COLUMNS.join(","));
        assert_eq!(
            lines[1],
            "1,cold night,quantity,temperature,-5,-2.5,,,,,1,Wire,wire,1,,,,,asserts,cold night"
        );
        assert_eq!(lines[2], "");
        let claims = csv_text(
            &ledger,
            CsvOptions {
                claims: true,
                ..CsvOptions::default()
            },
        );
        let lines: Vec<&str> = claims.split("\r\n").collect();
        assert_eq!(lines[0], CLAIM_CSV_COLUMNS.join(","));
        assert_eq!(
            lines[1],
            "1,cold night,quantity,temperature,-5,-2.5,,,,,,,,,,1"
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
    fn excel_csv_starts_with_a_bom() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ledger = small_ledger(dir.path(), "cold");
        let mut out = Vec::new();
        let options = CsvOptions {
            excel: true,
            ..CsvOptions::default()
        };
        write_csv(&mut out, ledger.read(), options).expect("csv");
        assert!(out.starts_with(UTF8_BOM));
        assert!(out[3..].starts_with(b"claim_id,"));
    }

    /// An output that, at its first write, adds a claim to the ledger
    /// through another connection: a fact-checker ingesting meanwhile.
    struct IngestMidway {
        db: PathBuf,
        written: Vec<u8>,
    }

    impl Write for IngestMidway {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.written.is_empty() {
                let mut other = Ledger::open(&self.db).expect("open");
                let tx = other.begin().expect("begin");
                let claim = NewClaim {
                    text: "added meanwhile",
                    ..NewClaim::default()
                };
                tx.add_claim(&claim, true).expect("claim");
                tx.commit().expect("commit");
            }
            self.written.extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn json_export_reads_one_state_of_the_ledger() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ledger = small_ledger(dir.path(), "cold");
        let mut out = IngestMidway {
            db: dir.path().join("l.db"),
            written: Vec::new(),
        };
        write_json(&mut out, ledger.read()).expect("json");
        let json: serde_json::Value = serde_json::from_slice(&out.written).expect("parse");
        let texts: Vec<&str> = json["claims"]
            .as_array()
            .expect("claims")
            .iter()
            .map(|c| c["text"].as_str().expect("text"))
            .collect();
        // The claim added after the export began is not half in it.
        assert_eq!(texts, ["cold"]);
        let mut after = Vec::new();
        write_json(&mut after, ledger.read()).expect("json");
        let json: serde_json::Value = serde_json::from_slice(&after).expect("parse");
        assert_eq!(json["claims"].as_array().expect("claims").len(), 2);
    }

    #[test]
    fn default_destination_is_under_exports() {
        assert_eq!(
            Destination::from_arg(None, "ledger.dot").path(),
            Some(Path::new("exports/ledger.dot"))
        );
        assert_eq!(
            Destination::from_arg(Some(Path::new("-")), "x"),
            Destination::Stdout
        );
    }
}
