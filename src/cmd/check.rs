//! `check`: the corroboration pass, a verdict for every claim.

use std::io::Write;
use std::path::Path;

use clap::Args;

use super::counted;
use super::OutputArgs;
use crate::check::CheckSummary;
use crate::output::{self, Format};
use crate::report;
use crate::store::Ledger;

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format of the summary
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Runs `check`.
pub fn run(path: &Path, args: CheckArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let checked = crate::check::check(&mut Ledger::open(path)?)?;
    match args.output.format {
        Format::Text => write_summary(out, &checked),
        format => Ok(output::write_record(out, format, &checked)?),
    }
}

/// Writes the line that says what a check found.
pub fn write_summary(out: &mut dyn Write, checked: &CheckSummary) -> anyhow::Result<()> {
    writeln!(
        out,
        "checked {} claims: {}; {} automatic links",
        checked.claims(),
        report::status_summary(&checked.counts),
        checked.auto_links
    )?;
    if checked.suggestions > 0 {
        let pairs = counted(checked.suggestions, "pair", "pairs");
        writeln!(out, "{pairs} of claims may be one: see `claim suggestions`")?;
    }
    Ok(())
}
