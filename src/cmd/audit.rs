//! `audit`: verify the ledger's history and that its texts are what the
//! history says.

use std::io::Write;
use std::path::Path;

use anyhow::bail;
use clap::Args;

use crate::store::{AuditOutcome, Ledger, TextAudit};

/// Arguments of `audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// A head hash printed by an earlier audit (or its first 16 or more hex
    /// digits), kept outside the ledger: the audit fails unless the
    /// history still holds that event, which a rewritten or cut chain does
    /// not
    #[arg(long, value_name = "HASH")]
    pub expect_head: Option<String>,
}

/// Runs `audit`: the file, its references, the hash chain, the documents'
/// texts and the mentions' quotes, and the expected head if given. A
/// failure is an error naming the first thing that does not hold.
pub fn run(path: &Path, args: AuditArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let ledger = Ledger::open(path)?;
    let read = ledger.read();
    let (events, head) = match read.audit()? {
        AuditOutcome::Intact { events, head } => (events, head),
        AuditOutcome::Broken { id, problem } => {
            bail!("audit failed at events row {id}: {problem}");
        }
        AuditOutcome::Damaged { problem } => {
            bail!("audit failed: SQLite finds the file damaged: {problem}");
        }
        AuditOutcome::Dangling { problem } => {
            bail!("audit failed: {problem}");
        }
    };
    let texts = match read.check_texts(crate::ingest::content_hash)? {
        TextAudit::Intact {
            documents,
            mentions,
        } => format!(
            "{} and {} as stored and recorded",
            count(documents, "document text"),
            count(mentions, "quote")
        ),
        TextAudit::Broken(problem) => bail!("audit failed: {problem}"),
    };
    let expected = match &args.expect_head {
        None => None,
        Some(expected) => match read.events_after(expected)? {
            Some(after) => Some(format!(
                "expected head {} found, {after} events after it",
                short(expected)
            )),
            None => bail!(
                "audit failed: no event has the expected head {}: the history was rewritten \
                 or cut since that head was printed (the chain is consistent in itself, so \
                 whoever changed it recomputed its hashes)",
                short(expected)
            ),
        },
    };
    writeln!(out, "OK: {events} events, hash chain intact")?;
    writeln!(out, "texts: {texts}")?;
    if let Some(expected) = expected {
        writeln!(out, "{expected}")?;
    }
    writeln!(out, "head: {head}")?;
    Ok(())
}

/// A hash as given, trimmed, at most 64 characters and printable.
fn short(hash: &str) -> String {
    crate::output::one_line(hash).chars().take(64).collect()
}

/// "1 quote", "3 quotes".
fn count(n: i64, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}
