//! A person's corrections of who is who: two actors that are one
//! (`actor merge`), and an alias that is someone else (`actor split`).

use rusqlite::params;

use super::Tx;
use crate::error::{Error, Result};
use crate::model::ActorKind;

/// What `actor split` moved to the new actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// The new actor's id.
    pub actor_id: i64,
    /// How many mentions it voices now.
    pub mentions: usize,
    /// How many claims it is the speaker of now.
    pub claims: usize,
}

impl Tx<'_> {
    /// Makes actor `other` part of actor `keep`: its name and aliases
    /// become `keep`'s aliases, its mentions and claims `keep`'s, and it
    /// is gone. `keep` takes `other`'s kind if its own is unknown. Returns
    /// how many mentions moved.
    pub fn merge_actors(&self, keep: i64, other: i64) -> Result<usize> {
        if keep == other {
            return Err(Error::invalid(
                "actor merge",
                "an actor cannot be merged into itself",
            ));
        }
        let read = self.read();
        let (kept, gone) = (read.actor(keep)?, read.actor(other)?);
        // Claims have no index by speaker (see schema.sql): one scan here
        // costs less than an index every new claim would pay for.
        let moved = self
            .tx
            .prepare_cached("UPDATE mentions SET actor_id = ?1 WHERE actor_id = ?2")?
            .execute(params![keep, other])?;
        self.tx
            .prepare_cached("UPDATE claims SET speaker_id = ?1 WHERE speaker_id = ?2")?
            .execute(params![keep, other])?;
        self.tx
            .prepare_cached("UPDATE actor_aliases SET actor_id = ?1 WHERE actor_id = ?2")?
            .execute(params![keep, other])?;
        self.tx
            .prepare_cached("DELETE FROM actors WHERE id = ?1")?
            .execute([other])?;
        self.tx
            .prepare_cached(
                "INSERT INTO actor_aliases (actor_id, alias) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            )?
            .execute(params![keep, gone.name])?;
        if kept.kind == ActorKind::Unknown {
            self.tx
                .prepare_cached("UPDATE actors SET kind = ?1 WHERE id = ?2")?
                .execute(params![gone.kind, keep])?;
        }
        self.event(
            "merge",
            "actor",
            Some(keep),
            &serde_json::json!({ "merged": other, "name": gone.name, "mentions": moved }),
        )?;
        Ok(moved)
    }

    /// Makes `alias` of actor `actor` an actor of its own, of the same
    /// kind: the mentions of `actor` in documents that spell the alias and
    /// not the actor's name go to it, and the claims all of whose mentions
    /// went.
    pub fn split_actor(&self, actor: i64, alias: &str) -> Result<Split> {
        let alias = alias.trim();
        let read = self.read();
        let kept = read.actor(actor)?;
        let Some(row) = self
            .tx
            .prepare_cached(
                "SELECT id, alias FROM actor_aliases WHERE actor_id = ?1 AND alias = ?2",
            )?
            .query_map(params![actor, alias], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?
            .next()
            .transpose()?
        else {
            return Err(Error::invalid(
                "actor split",
                format!("'{alias}' is not an alias of {} (actor {actor})", kept.name),
            ));
        };
        let (alias_id, alias) = row;
        self.tx
            .prepare_cached("DELETE FROM actor_aliases WHERE id = ?1")?
            .execute([alias_id])?;
        self.tx
            .prepare_cached(
                "INSERT INTO actors (name, kind, created_at, person_key) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                alias,
                kept.kind,
                super::now(),
                crate::extract::person_key(&alias)
            ])?;
        let new = self.tx.last_insert_rowid();
        // instr() on lowered text: a spelling in any case, without LIKE's
        // wildcards.
        let mentions = self
            .tx
            .prepare_cached(
                "UPDATE mentions SET actor_id = ?1
                 WHERE actor_id = ?2 AND document_id IN (
                     SELECT id FROM documents
                     WHERE instr(lower(text), lower(?3)) > 0 AND instr(lower(text), lower(?4)) = 0)",
            )?
            .execute(params![new, actor, alias, kept.name])?;
        let claims = self
            .tx
            .prepare_cached(
                "UPDATE claims SET speaker_id = ?1
                 WHERE speaker_id = ?2
                   AND EXISTS (SELECT 1 FROM mentions m WHERE m.claim_id = claims.id AND m.actor_id = ?1)
                   AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.claim_id = claims.id AND m.actor_id = ?2)",
            )?
            .execute(params![new, actor])?;
        self.event(
            "split",
            "actor",
            Some(new),
            &serde_json::json!({ "from": actor, "name": alias, "mentions": mentions, "claims": claims }),
        )?;
        Ok(Split {
            actor_id: new,
            mentions,
            claims,
        })
    }
}
