//! `audit`: verify the hash chain of the ledger's history.

use std::io::Write;
use std::path::Path;

use anyhow::bail;

use crate::store::{AuditOutcome, Ledger};

/// Runs `audit`: a broken chain is an error naming the first bad row.
pub fn run(path: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    let ledger = Ledger::open(path)?;
    match ledger.read().audit()? {
        AuditOutcome::Intact { events, head } => {
            writeln!(out, "OK: {events} events, hash chain intact")?;
            writeln!(out, "head: {head}")?;
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
