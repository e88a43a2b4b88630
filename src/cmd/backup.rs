//! `backup`: a consistent copy of the ledger, audited before it is reported.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::bail;
use clap::Args;

use crate::store::{AuditOutcome, Ledger, TextAudit};

/// Arguments of `backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy (must not exist)
    pub target: PathBuf,
}

/// Runs `backup`: copies the ledger, then audits the copy.
pub fn run(path: &Path, args: BackupArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let target = &args.target;
    let ledger = Ledger::open(path)?;
    ledger.backup(target)?;
    let copy = Ledger::open(target)?;
    match copy.read().audit()? {
        AuditOutcome::Intact { events, .. } => {
            if let TextAudit::Broken(problem) =
                copy.read().check_texts(crate::ingest::content_hash)?
            {
                bail!(
                    "the copy at {} fails its audit: {problem}",
                    target.display()
                )
            }
            writeln!(
                out,
                "backed up {} to {} ({events} events, hash chain intact, texts match)",
                path.display(),
                target.display()
            )?
        }
        AuditOutcome::Broken { id, problem } => {
            bail!(
                "the copy at {} fails its audit at events row {id}: {problem}",
                target.display()
            )
        }
        AuditOutcome::Damaged { problem } => {
            bail!("the copy at {} is damaged: {problem}", target.display())
        }
        AuditOutcome::Dangling { problem } => {
            bail!(
                "the copy at {} fails its audit: {problem}",
                target.display()
            )
        }
    }
    Ok(())
}
