//! `outlet`: publishers, and the links that say two are not independent.

use std::io::Write;
use std::path::Path;

use clap::Subcommand;

use super::{atomic, OutputArgs, RUN_CHECK};
use crate::model::{Outlet, OutletKind, OutletLink, OutletRelation};
use crate::output;
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
            let outlet = Outlet {
                id: 0,
                name: name.clone(),
                kind,
                country,
                owner,
            };
            let id = atomic(&mut ledger, |tx| Ok(tx.add_outlet(&outlet)?))?;
            writeln!(out, "added outlet {id}: {}", name.trim())?;
        }
        OutletCommand::List { output } => {
            output::write_records(out, output.format, &ledger.read().outlets()?)?;
        }
        OutletCommand::Link {
            a,
            relation,
            b,
            note,
        } => {
            atomic(&mut ledger, |tx| {
                let link = OutletLink {
                    from_outlet: tx.read().outlet_id(&a)?,
                    to_outlet: tx.read().outlet_id(&b)?,
                    relation,
                    note: note.clone(),
                };
                Ok(tx.link_outlets(&link)?)
            })?;
            writeln!(out, "linked: {a} {relation} {b} ({RUN_CHECK})")?;
        }
    }
    Ok(())
}
