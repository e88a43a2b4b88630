//! `actor`: people, organizations and states, with their aliases; merge
//! two that are one, split off an alias that is someone else.

use std::io::Write;
use std::path::Path;

use clap::Subcommand;

use super::{atomic, counted, OutputArgs, RUN_CHECK};
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
    /// Make two actors one: the second's names, mentions and claims become the first's.
    Merge {
        /// The actor to keep (name, alias or id)
        keep: String,
        /// The actor merged into it (name, alias or id)
        other: String,
    },
    /// Make an alias an actor of its own: someone else with a name spelled alike.
    Split {
        /// The actor (name or id)
        actor: String,
        /// Its alias that is someone else
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
        ActorCommand::Merge { keep, other } => {
            let (keep, other, moved) = atomic(&mut ledger, |tx| {
                let read = tx.read();
                let (keep, other) = (read.actor_id(&keep)?, read.actor_id(&other)?);
                Ok((keep, other, tx.merge_actors(keep, other)?))
            })?;
            writeln!(
                out,
                "merged actor {other} into actor {keep}: {} moved ({RUN_CHECK})",
                counted(moved, "mention", "mentions")
            )?;
        }
        ActorCommand::Split { actor, alias } => {
            let split = atomic(&mut ledger, |tx| {
                let id = tx.read().actor_id(&actor)?;
                Ok(tx.split_actor(id, &alias)?)
            })?;
            writeln!(
                out,
                "actor {} is {}: {} and {} moved to it, from documents that spell it so ({RUN_CHECK})",
                split.actor_id,
                alias.trim(),
                counted(split.mentions, "mention", "mentions"),
                counted(split.claims, "claim", "claims")
            )?;
        }
        ActorCommand::List { output } => {
            output::write_records(out, output.format, &ledger.read().actors()?)?;
        }
    }
    Ok(())
}
