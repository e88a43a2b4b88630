//! `outlet`: publishers, and the links that say two are not independent.

use std::io::Write;
use std::path::Path;

use clap::Subcommand;

use super::{atomic, OutputArgs, RUN_CHECK};
use crate::model::{OutletKind, OutletRelation};
use crate::report;
use crate::store::Ledger;

/// `outlet` subcommands.
#[derive(Debug, Subcommand)]
pub enum OutletCommand {
    /// Add an outlet.
    Add {
        /// Its name
        name: String,
        /// wire, newspaper, broadcaster, state-media, government, agency, ngo, other
        #[arg(long, default_value = "other")]
        kind: OutletKind,
        /// Country
        #[arg(long)]
        country: Option<String>,
        /// Owner, free text
        #[arg(long)]
        owner: Option<String>,
    },
    /// List outlets.
    List {
        /// Output format
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Record that outlet A is not independent of B: copies, same-owner or cites.
    Link {
        /// Outlet name or id
        a: String,
        /// copies, same-owner or cites
        relation: OutletRelation,
        /// Outlet name or id
        b: String,
        /// Why
        #[arg(long)]
        note: Option<String>,
    },
}

/// Runs an `outlet` subcommand.
pub fn run(path: &Path, cmd: OutletCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut ledger = Ledger::open(path)?;
    match cmd {
        OutletCommand::Add {
            name,
            kind,
            country,
            owner,
        } => {
            let id = atomic(&mut ledger, |tx| {
                Ok(tx.add_outlet(&name, kind, country.as_deref(), owner.as_deref())?)
            })?;
            writeln!(out, "added outlet {id}: {}", name.trim())?;
        }
        OutletCommand::List { output } => {
            report::write_outlet_list(out, &ledger.read().outlets()?, output.format)?;
        }
        OutletCommand::Link {
            a,
            relation,
            b,
            note,
        } => {
            atomic(&mut ledger, |tx| {
                let (from, to) = (tx.read().outlet_id(&a)?, tx.read().outlet_id(&b)?);
                Ok(tx.link_outlets(from, relation, to, note.as_deref())?)
            })?;
            writeln!(out, "linked: {a} {relation} {b} ({RUN_CHECK})")?;
        }
    }
    Ok(())
}
