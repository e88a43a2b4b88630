//! `demo`: the sample articles ingested, checked, reported and exported.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use super::DEFAULT_DB;
use crate::export;
use crate::output::Format;
use crate::report;
use crate::store::Ledger;

/// Arguments of `demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where the example exports go
    #[arg(long, value_name = "DIR", default_value = crate::export::DEFAULT_DIR)]
    pub exports: PathBuf,
}

/// The seed articles, built in so `demo` runs from anywhere.
const SEEDS: &[(&str, &str)] = &[
    (
        "seeds/presstv-azerbaijan-france-mediation.txt",
        include_str!("../../seeds/presstv-azerbaijan-france-mediation.txt"),
    ),
    (
        "seeds/moscowtimes-azerbaijan-france-mediation.txt",
        include_str!("../../seeds/moscowtimes-azerbaijan-france-mediation.txt"),
    ),
];

/// Runs `demo`: the seeds ingested into a fresh ledger, checked, reported and exported.
pub fn run(db: Option<PathBuf>, args: DemoArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    // Without --db the demo ledger goes to a fresh temporary directory that is
    // kept, so it can be opened afterwards.
    let temp;
    let path = match db {
        Some(path) => path,
        None => {
            temp = tempfile::Builder::new()
                .prefix("claimledger-demo-")
                .tempdir()
                .context("cannot create a temporary directory for the demo ledger")?
                .keep();
            temp.join(DEFAULT_DB)
        }
    };
    let (mut ledger, _) = Ledger::init(&path)?;
    writeln!(out, "demo ledger: {}\n", path.display())?;
    let done = crate::ingest::ingest_texts(&mut ledger, SEEDS, true)?;
    super::ingest::write_ingested(out, &done, Format::Text)?;
    writeln!(out)?;
    let checked = crate::check::check(&mut ledger, crate::check::Rejudge::IfChanged)?;
    super::check::write_summary(out, &checked)?;
    writeln!(out)?;
    report::write_report(
        out,
        ledger.read(),
        &report::ReportFilter::default(),
        Format::Text,
    )?;
    writeln!(out)?;
    let exports = &args.exports;
    let mut written = export::write_examples(ledger.read(), exports)?;
    // The picture needs Graphviz; without it the DOT file is still there.
    if export::render_svg(&exports.join("ledger.dot"), &exports.join("ledger.svg")) {
        written.push("ledger.svg");
    } else {
        super::note(format_args!(
            "note: Graphviz `dot` not found or failed; exports/ledger.svg not drawn"
        ));
    }
    writeln!(
        out,
        "example exports in {}: {}",
        exports.display(),
        written.join(", ")
    )?;
    Ok(())
}
