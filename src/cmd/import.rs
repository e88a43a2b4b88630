//! `import`: a CSV from `export csv`, corrected in a spreadsheet, read back.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;

use super::{OutputArgs, RUN_CHECK};
use crate::output::{self, Format};
use crate::store::Ledger;

/// Arguments of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The CSV file (one row per mention, as `export csv` writes)
    pub file: PathBuf,
    /// The character between cells, for a file a spreadsheet saved with
    /// semicolons or tabs: ';' or 'tab' [default: ,]
    #[arg(long, value_parser = delimiter, default_value = ",")]
    pub delimiter: u8,
    /// Output format of the summary
    #[command(flatten)]
    pub output: OutputArgs,
}

/// A delimiter: one ASCII character other than a quote or a line break,
/// or the word `tab`.
fn delimiter(value: &str) -> Result<u8, String> {
    match value {
        "tab" | "\\t" => return Ok(b'\t'),
        _ => {}
    }
    match value.as_bytes() {
        [b] if b.is_ascii() && !matches!(b, b'"' | b'\n' | b'\r') => Ok(*b),
        _ => Err(format!(
            "'{value}' is not one ASCII character (try ';' or tab)"
        )),
    }
}

/// Runs `import`: the whole file in one transaction, or nothing.
pub fn run(path: &Path, args: ImportArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let file = &args.file;
    let mut ledger = Ledger::open(path)?;
    let input =
        std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let tx = ledger.begin_bulk()?;
    let done =
        crate::import::import_csv(&tx, file, std::io::BufReader::new(input), args.delimiter)?;
    tx.commit()?;
    // A warning, not a note: --quiet does not hide it.
    if done.unversioned > 0 {
        eprintln!(
            "warning: {} rows edit existing mentions without a version (a file written by hand or \
             by claimledger before exports carried versions): they were compared with the \
             ledger as it is now, and may have undone a change made since the file was made",
            done.unversioned
        );
    }
    let changed =
        done.claims_added + done.claims_updated + done.mentions_added + done.mentions_updated > 0;
    if args.output.format != Format::Text {
        output::write_record(out, args.output.format, &done)?;
        if changed {
            super::note(format_args!("{RUN_CHECK}"));
        }
        return Ok(());
    }
    writeln!(
        out,
        "imported {} rows: {} claims added, {} updated; {} mentions added, {} updated",
        done.rows,
        done.claims_added,
        done.claims_updated,
        done.mentions_added,
        done.mentions_updated
    )?;
    if changed {
        writeln!(out, "{RUN_CHECK}")?;
    }
    Ok(())
}
