//! `report`: the verification report.

use std::io::Write;
use std::path::Path;

use clap::Args;

use super::OutputArgs;
use crate::model::Status;
use crate::report::{self, ReportFilter};
use crate::store::Ledger;

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Only claims with this status
    #[arg(long)]
    pub status: Option<Status>,
    /// Only claims this outlet carries
    #[arg(long)]
    pub outlet: Option<String>,
    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Runs `report`; a note on stderr says how many claims await a check.
pub fn run(path: &Path, args: ReportArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let ledger = Ledger::open(path)?;
    let filter = ReportFilter {
        status: args.status,
        outlet: args.outlet,
    };
    let (_, unchecked) = report::write_report(out, ledger.read(), &filter, args.output.format)?;
    if unchecked > 0 {
        eprintln!("note: {unchecked} claims have no verdict yet; run `claimledger check` first");
    }
    Ok(())
}
