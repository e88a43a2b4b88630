//! `audit`: verify the ledger's history and that its texts are what the
//! history says.

use std::io::Write;
use std::path::Path;

use anyhow::bail;
use clap::Args;

use super::{counted, OutputArgs};
use crate::output::{self, AuditSummary, Format};
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
    /// Output format of the summary
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Runs `audit`: the file, its references, the hash chain, the documents'
/// texts and the mentions' quotes, and the expected head if given. A
/// failure is an error naming the first thing that does not hold; in
/// another format than text the summary is written as a record first,
/// whatever it is.
pub fn run(path: &Path, args: AuditArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    if let Some(head) = &args.expect_head {
        let head = head.trim();
        if !crate::store::could_be_head(head) {
            bail!(
                "--expect-head: {head:?} is not a head: audit prints the head as 64 hex \
                 digits (16 or more of them will do)"
            );
        }
    }
    let ledger = Ledger::open(path)?;
    let read = ledger.read();
    let outcome = read.audit()?;
    let mut summary = AuditSummary::of(&outcome);
    let mut failed = match &outcome {
        AuditOutcome::Intact { .. } => None,
        AuditOutcome::Broken { id, problem } => {
            Some(format!("audit failed at events row {id}: {problem}"))
        }
        AuditOutcome::Damaged { problem } => Some(format!(
            "audit failed: SQLite finds the file damaged: {problem}"
        )),
        AuditOutcome::Dangling { problem } => Some(format!("audit failed: {problem}")),
    };
    if failed.is_none() {
        match read.check_texts(crate::ingest::content_hash)? {
            TextAudit::Intact {
                documents,
                mentions,
            } => {
                summary.documents = Some(documents);
                summary.quotes = Some(mentions);
            }
            TextAudit::Broken(problem) => {
                failed = Some(format!("audit failed: {problem}"));
                summary.status = "texts";
                summary.problem = Some(problem);
            }
        }
    }
    if let (None, Some(expected)) = (&failed, &args.expect_head) {
        match read.events_after(expected)? {
            Some(after) => summary.events_after_expected_head = Some(after),
            None => {
                let problem = format!(
                    "no event has the expected head {}: the history was rewritten or cut \
                     since that head was printed (the chain is consistent in itself, so \
                     whoever changed it recomputed its hashes)",
                    short(expected)
                );
                failed = Some(format!("audit failed: {problem}"));
                summary.status = "rewritten";
                summary.problem = Some(problem);
            }
        }
    }
    if args.output.format != Format::Text {
        output::write_record(out, args.output.format, &summary)?;
    }
    if let Some(failed) = failed {
        bail!(failed);
    }
    if args.output.format == Format::Text {
        let events = summary.events.unwrap_or(0);
        writeln!(out, "OK: {events} events, hash chain intact")?;
        writeln!(
            out,
            "texts: {} and {} as stored and recorded",
            counted(
                summary.documents.unwrap_or(0),
                "document text",
                "document texts"
            ),
            counted(summary.quotes.unwrap_or(0), "quote", "quotes")
        )?;
        if let (Some(expected), Some(after)) =
            (&args.expect_head, summary.events_after_expected_head)
        {
            writeln!(
                out,
                "expected head {} found, {after} events after it",
                short(expected)
            )?;
        }
        writeln!(out, "head: {}", summary.head.as_deref().unwrap_or(""))?;
    }
    Ok(())
}

/// A hash as given, trimmed, at most 64 characters and printable.
fn short(hash: &str) -> String {
    crate::output::one_line(hash).chars().take(64).collect()
}
