//! `actor`: people, organizations and states, with their aliases.

use std::io::Write;
use std::path::Path;

use clap::Subcommand;

use super::{atomic, OutputArgs};
use crate::model::{Actor, ActorKind};
use crate::output;
use crate::store::Ledger;

/// `actor` subcommands.
#[derive(Debug, Subcommand)]
pub enum ActorCommand {
    /// Add an actor.
    Add {
        /// Canonical name
        name: String,
        /// person, organization, state or unknown
        #[arg(long, default_value = "unknown")]
        kind: ActorKind,
        /// Another name it goes by (repeatable)
        #[arg(long = "alias")]
        aliases: Vec<String>,
    },
    /// Give an actor another name.
    Alias {
        /// Actor name, alias or id
        actor: String,
        /// The other name
        alias: String,
    },
    /// List actors with their aliases.
    List {
        /// Output format
        #[command(flatten)]
        output: OutputArgs,
    },
}

/// Runs an `actor` subcommand.
pub fn run(path: &Path, cmd: ActorCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut ledger = Ledger::open(path)?;
    match cmd {
        ActorCommand::Add {
            name,
            kind,
            aliases,
        } => {
            let actor = Actor {
                id: 0,
                name: name.clone(),
                kind,
                aliases,
            };
            let id = atomic(&mut ledger, |tx| Ok(tx.add_actor(&actor)?))?;
            writeln!(out, "added actor {id}: {}", name.trim())?;
        }
        ActorCommand::Alias { actor, alias } => {
            let id = atomic(&mut ledger, |tx| {
                let id = tx.read().actor_id(&actor)?;
                tx.add_alias(id, &alias)?;
                Ok(id)
            })?;
            writeln!(out, "actor {id} is also known as {}", alias.trim())?;
        }
        ActorCommand::List { output } => {
            output::write_records(out, output.format, &ledger.read().actors()?)?;
        }
    }
    Ok(())
}
