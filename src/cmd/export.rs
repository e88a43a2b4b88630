//! `export`: the ledger as files for other tools.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use crate::export::{self, CsvOptions, Destination, DotOptions};
use crate::model::Status;
use crate::store::Ledger;

/// `export` subcommands. Each writes under exports/ unless -o says otherwise.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// CSV, one row per mention with its claim (RFC 4180, UTF-8 after a byte-order mark, header row).
    ///
    /// The byte-order mark makes Excel and LibreOffice's import dialog read accents right.
    /// Text cells that a spreadsheet would run as a formula (starting with =, +, -, @,
    /// a tab or a carriage return) get a leading ' unless --raw; plain numbers such
    /// as -5 are left as numbers. Retracted claims are left out.
    Csv {
        /// Output file, or - for stdout [default: exports/mentions.csv, or exports/claims.csv]
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// One row per claim instead of one per mention
        #[arg(long)]
        claims: bool,
        /// Leave out the UTF-8 byte-order mark (for tools that do not expect one)
        #[arg(long)]
        no_bom: bool,
        /// The byte-order mark, written by default now (kept so older scripts still run)
        #[arg(long, hide = true, conflicts_with = "no_bom")]
        excel: bool,
        /// Do not neutralize cells that look like formulas
        #[arg(long)]
        raw: bool,
    },
    /// Graphviz DOT: outlets, documents, actors and claims coloured by status.
    ///
    /// Render with `dot -Tsvg exports/ledger.dot -o ledger.svg`. A ledger of over
    /// 300 claims is drawn as a summary (the conflicting and corroborated claims
    /// carried by the most outlets, at most about 100, with their outlets) unless
    /// --all, --status or --claim is given.
    Dot {
        /// Output file, or - for stdout [default: exports/ledger.dot]
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Only claims with this status, and what touches them
        #[arg(long, conflicts_with = "claim")]
        status: Option<Status>,
        /// Only this claim, the claims linked to it, and what touches them
        #[arg(long, value_name = "ID")]
        claim: Option<i64>,
        /// Every claim with its documents and actors, even in a large ledger
        #[arg(long, conflicts_with_all = ["status", "claim"])]
        all: bool,
    },
    /// JSON: the whole ledger in one document, ordered by id, documents with their text.
    Json {
        /// Output file, or - for stdout [default: exports/ledger.json]
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// schema.org ClaimReview JSON-LD for the claims rated with `claim rate`.
    ///
    /// Each rating needs the address of the fact-check article (`claim rate --url`);
    /// its author is the rating's --by, else --reviewer.
    Claimreview {
        /// Output file, or - for stdout [default: exports/claimreview.json]
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Your organization, the review's author where a rating has no --by
        #[arg(long, env = "CLAIMLEDGER_REVIEWER", value_name = "NAME")]
        reviewer: Option<String>,
    },
}

/// Runs an `export` subcommand; a note on stderr names the file written.
pub fn run(path: &Path, cmd: ExportCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    let ledger = Ledger::open(path)?;
    let reader = ledger.read();
    let (dest, what) = match cmd {
        ExportCommand::Csv {
            output,
            claims,
            no_bom,
            excel: _,
            raw,
        } => {
            let name = if claims { "claims.csv" } else { "mentions.csv" };
            let dest = Destination::from_arg(output.as_deref(), name);
            let options = CsvOptions {
                claims,
                bom: !no_bom,
                raw,
            };
            let rows = dest.write(out, |w| export::write_csv(w, reader, options))?;
            let unit = if claims { "claims" } else { "mentions" };
            (dest, format!("{rows} {unit}"))
        }
        ExportCommand::Dot {
            output,
            status,
            claim,
            all,
        } => {
            let dest = Destination::from_arg(output.as_deref(), "ledger.dot");
            let options = DotOptions { status, claim, all };
            let drawn = dest.write(out, |w| export::write_dot(w, reader, options))?;
            // A warning, not a note: --quiet does not hide that claims were left out.
            if let Some(summary) = drawn.summary {
                eprintln!(
                    "warning: the ledger has {} claims, more than the {} one graph can show \
                     readably; drew a summary instead: {} of the {} conflicting and {} \
                     corroborated claims, with the outlets that carried them. \
                     `export dot --all` draws every claim; --status or --claim draws a part",
                    summary.total,
                    export::DOT_FULL_CLAIMS,
                    drawn.claims,
                    summary.conflicting,
                    summary.corroborated
                );
            }
            (
                dest,
                format!("{} claims, {} edges", drawn.claims, drawn.edges),
            )
        }
        ExportCommand::Json { output } => {
            let dest = Destination::from_arg(output.as_deref(), "ledger.json");
            dest.write(out, |w| export::write_json(w, reader))?;
            (dest, "the ledger".to_string())
        }
        ExportCommand::Claimreview { output, reviewer } => {
            let dest = Destination::from_arg(output.as_deref(), "claimreview.json");
            let rated = dest.write(out, |w| {
                export::write_claimreview(w, reader, reviewer.as_deref())
            })?;
            (dest, format!("{rated} rated claims"))
        }
    };
    // Data went to the file; the note is a diagnostic, so stdout stays clean.
    if let Some(file) = dest.path() {
        super::note(format_args!(
            "exported {what} to {}",
            crate::output::one_line(&file.display().to_string())
        ));
    }
    Ok(())
}
