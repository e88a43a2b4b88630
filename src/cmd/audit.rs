//! `audit`: verify the hash chain of the ledger's history.

use std::io::Write;
use std::path::Path;

use anyhow::bail;

use super::OutputArgs;
use crate::output::{self, Format};
use crate::store::{AuditOutcome, Ledger};

/// Runs `audit`: a broken chain is an error naming the first bad row. In
/// another format than text the outcome is written as a record first,
/// whatever it is.
pub fn run(path: &Path, args: OutputArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let ledger = Ledger::open(path)?;
    let outcome = ledger.read().audit()?;
    if args.format != Format::Text {
        output::write_record(out, args.format, &outcome)?;
    }
    match outcome {
        AuditOutcome::Intact { events, head } => {
            if args.format == Format::Text {
                writeln!(out, "OK: {events} events, hash chain intact")?;
                writeln!(out, "head: {head}")?;
            }
        }
        AuditOutcome::Broken { id, problem } => {
            bail!("audit failed at events row {id}: {problem}");
        }
        AuditOutcome::Damaged { problem } => {
            bail!("audit failed: SQLite finds the file damaged: {problem}");
        }
        AuditOutcome::Dangling { problem } => {
            bail!("audit failed: {problem}");
        }
    }
    Ok(())
}
