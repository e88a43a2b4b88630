//! The command line: one file per command, each with its clap arguments and
//! a `run` that calls the stages and prints what they did. This file holds
//! the top-level parser, the option every listing shares, and the dispatch.

pub mod actor;
pub mod audit;
pub mod backup;
pub mod check;
pub mod claim;
pub mod completions;
pub mod demo;
pub mod export;
pub mod import;
pub mod ingest;
pub mod init;
pub mod outlet;
pub mod report;

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Args, Parser, Subcommand};

use crate::output::Format;
use crate::store::{Ledger, Tx};

/// The ledger used when neither --db nor $CLAIMLEDGER_DB is given.
pub const DEFAULT_DB: &str = "claimledger.db";

/// A fact-claim ledger: who asserted what, where, and whether independent sources agree.
#[derive(Debug, Parser)]
#[command(name = "claimledger", version, about, max_term_width = 100)]
pub struct Cli {
    /// The ledger file [default: ./claimledger.db]
    #[arg(long, global = true, env = "CLAIMLEDGER_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Whether `db` came from $CLAIMLEDGER_DB rather than --db: `demo`
    /// leaves a working ledger named there alone.
    #[arg(skip)]
    pub db_from_env: bool,
    /// Print no notes or progress on stderr, only errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an empty ledger (or check that one is there).
    Init,
    /// Store articles as documents and extract their claims.
    Ingest(ingest::IngestArgs),
    /// Publishers: add, list, and record that two are not independent.
    #[command(subcommand)]
    Outlet(outlet::OutletCommand),
    /// People, organizations and states that speak or are spoken about.
    #[command(subcommand)]
    Actor(actor::ActorCommand),
    /// Claims: add by hand, list, show, link, merge, retract.
    #[command(subcommand)]
    Claim(claim::ClaimCommand),
    /// Run the corroboration pass: a verdict for every claim.
    Check(check::CheckArgs),
    /// Print the verification report (run `check` first).
    Report(report::ReportArgs),
    /// Verify the ledger: its history's hash chain, its documents' texts
    /// and its quotes.
    Audit(audit::AuditArgs),
    /// Read back a CSV from `export csv`, corrected in a spreadsheet.
    Import(import::ImportArgs),
    /// Copy the ledger, consistently, while others may be writing to it.
    Backup(backup::BackupArgs),
    /// Ingest the sample articles into a fresh ledger, check, report, and
    /// write the example exports.
    Demo(demo::DemoArgs),
    /// Write the ledger as files for other tools: csv (spreadsheets), dot
    /// (Graphviz), json (the whole ledger) or claimreview (schema.org
    /// ClaimReview JSON-LD); `report --format html` writes the page for a browser.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Print a completion script for a shell: bash, zsh, fish, elvish or powershell.
    ///
    /// bash: `claimledger completions bash > ~/.local/share/bash-completion/completions/claimledger`;
    /// zsh: into a folder of your $fpath as `_claimledger`; fish:
    /// `claimledger completions fish > ~/.config/fish/completions/claimledger.fish`.
    Completions(completions::CompletionsArgs),
    /// Print the manual page (roff): `claimledger manual | man -l -`.
    Manual,
}

/// Whether notes and progress are silenced (`--quiet`).
static QUIET: AtomicBool = AtomicBool::new(false);

/// The stored name of the outlet an --outlet filter names, or an error
/// when it names none: a filter on a name the ledger does not know would
/// list nothing, as if the outlet carried no claims.
fn known_outlet(ledger: &Ledger, outlet: Option<&str>) -> anyhow::Result<Option<String>> {
    outlet
        .map(|name| {
            ledger.read().outlet_name(name).map_err(|e| {
                anyhow::anyhow!("--outlet: {e} (`claimledger outlet list` shows them)")
            })
        })
        .transpose()
}

/// Prints a note on stderr (what was written where, what to do next),
/// unless `--quiet`; errors are printed whatever it says.
pub fn note(message: std::fmt::Arguments<'_>) {
    if !quiet() {
        eprintln!("{message}");
    }
}

/// Whether `--quiet` was given: no notes and no progress bar.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// The output option of every listing, report and summary, declared once
/// so each offers the same flag with the same help.
#[derive(Debug, Clone, Copy, Args)]
pub struct OutputArgs {
    /// Output format: text and markdown for people, html for a browser, json, ndjson and csv
    /// for programs
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

/// What a command that changes links or claims tells people: verdicts are
/// recomputed by `check`, not on every change.
const RUN_CHECK: &str = "run `claimledger check` to update verdicts";

/// "1 mention", "2 mentions": a count with its noun, for messages.
fn counted<N: Copy + std::fmt::Display + PartialEq + From<u8>>(
    n: N,
    one: &str,
    many: &str,
) -> String {
    format!("{n} {}", if n == N::from(1) { one } else { many })
}

/// Runs `change` in one transaction, committed only when it succeeds: a
/// command that fails leaves the ledger as it was.
fn atomic<T>(
    ledger: &mut Ledger,
    change: impl FnOnce(&Tx<'_>) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let tx = ledger.begin()?;
    let value = change(&tx)?;
    tx.commit()?;
    Ok(value)
}

impl Cli {
    /// The command line of this process, parsed.
    pub fn from_args() -> Result<Cli, clap::Error> {
        use clap::{parser::ValueSource, CommandFactory, FromArgMatches};
        let matches = Cli::command().try_get_matches()?;
        let mut cli = Cli::from_arg_matches(&matches)?;
        cli.db_from_env = matches.value_source("db") == Some(ValueSource::EnvVariable);
        Ok(cli)
    }

    fn db_path(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_DB))
    }
}

/// Runs a parsed command line, writing data to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> anyhow::Result<()> {
    QUIET.store(cli.quiet, Ordering::Relaxed);
    let path = cli.db_path();
    match cli.command {
        Command::Init => init::run(&path, out),
        Command::Ingest(args) => ingest::run(&path, args, out),
        Command::Outlet(cmd) => outlet::run(&path, cmd, out),
        Command::Actor(cmd) => actor::run(&path, cmd, out),
        Command::Claim(cmd) => claim::run(&path, cmd, out),
        Command::Check(args) => check::run(&path, args, out),
        Command::Report(args) => report::run(&path, args, out),
        Command::Audit(args) => audit::run(&path, args, out),
        Command::Import(args) => import::run(&path, args, out),
        Command::Backup(args) => backup::run(&path, args, out),
        // Without --db the demo makes a ledger of its own, not ./claimledger.db
        // nor the working ledger $CLAIMLEDGER_DB names.
        Command::Demo(args) => demo::run(cli.db.filter(|_| !cli.db_from_env), args, out),
        Command::Export(cmd) => export::run(&path, cmd, out),
        Command::Completions(args) => completions::run(args, out),
        Command::Manual => completions::manual(out),
    }
}
