//! `report`: the verification report.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::OutputArgs;
use crate::export::Destination;
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
    /// Output format: html writes one self-contained page for a browser
    #[command(flatten)]
    pub output: OutputArgs,
    /// Write to this file instead of stdout (- is stdout)
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub file: Option<PathBuf>,
}

/// Runs `report`; a note on stderr says how many claims await a check.
pub fn run(path: &Path, args: ReportArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let ledger = Ledger::open(path)?;
    let filter = ReportFilter {
        status: args.status,
        outlet: super::known_outlet(&ledger, args.outlet.as_deref())?,
    };
    let format = args.output.format;
    let dest = match &args.file {
        Some(file) => Destination::from_arg(Some(file), ""),
        None => Destination::Stdout,
    };
    let (_, unchecked) = dest.write(out, |w| {
        report::write_report(w, ledger.read(), &filter, format)
    })?;
    if let Some(file) = dest.path() {
        super::note(format_args!("wrote the report to {}", file.display()));
    }
    if unchecked > 0 {
        super::note(format_args!(
            "note: {unchecked} claims have no verdict yet; run `claimledger check` first"
        ));
    }
    Ok(())
}
