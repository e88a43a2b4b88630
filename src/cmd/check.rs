//! `check`: the corroboration pass, a verdict for every claim.

use std::io::Write;
use std::path::Path;

use clap::Args;

use super::counted;
use super::OutputArgs;
use crate::check::{CheckSummary, Rejudge};
use crate::output::{self, Format};
use crate::report;
use crate::store::Ledger;

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Judge every claim again even when nothing changed since the last
    /// check (after editing the ledger outside claimledger)
    #[arg(long)]
    pub full: bool,
    /// Output format of the summary
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Runs `check`.
pub fn run(path: &Path, args: CheckArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let rejudge = if args.full {
        Rejudge::Always
    } else {
        Rejudge::IfChanged
    };
    let checked = crate::check::check(&mut Ledger::open(path)?, rejudge)?;
    match args.output.format {
        Format::Text => write_summary(out, &checked),
        format => Ok(output::write_record(out, format, &checked)?),
    }
}

/// Writes the line that says what a check found.
pub fn write_summary(out: &mut dyn Write, checked: &CheckSummary) -> anyhow::Result<()> {
    let found = format!(
        "{} claims: {}; {} automatic links",
        checked.claims(),
        report::status_summary(&checked.counts),
        checked.auto_links
    );
    match &checked.unchanged_since {
        None => writeln!(out, "checked {found}")?,
        Some(at) => writeln!(
            out,
            "nothing changed since the check of {at}; its verdicts stand \
             (`check --full` judges again):\n{found}"
        )?,
    }
    if checked.suggestions > 0 {
        let pairs = counted(checked.suggestions, "pair", "pairs");
        writeln!(out, "{pairs} of claims may be one: see `claim suggestions`")?;
    }
    Ok(())
}
