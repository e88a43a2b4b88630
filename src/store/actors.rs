//! A person's corrections of who is who: two actors that are one
//! (`actor merge`), and an alias that is someone else (`actor split`).

use std::collections::HashMap;

use rusqlite::params;

use super::rows::QUOTE;
use super::Tx;
use crate::error::{Error, Result};
use crate::model::ActorKind;

/// What `actor split` moved to the new actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The new actor's id.
    pub actor_id: i64,
    /// Its name: the alias as it was stored.
    pub name: String,
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
    /// kind, with the actor's other aliases that name it ("Beirut Governor
    /// Marwan Abboud"). A mention of `actor` goes to it when its sentence
    /// names the alias and not the actor's name, or, for a sentence that
    /// names neither ("he said"), when its document does; a claim goes
    /// when all its mentions went.
    pub fn split_actor(&self, actor: i64, alias: &str) -> Result<Split> {
        let alias = alias.trim();
        let kept = self.read().actor(actor)?;
        let Some(alias) = kept
            .aliases
            .iter()
            .find(|a| a.to_lowercase() == alias.to_lowercase())
            .cloned()
        else {
            return Err(Error::invalid(
                "actor split",
                format!("'{alias}' is not an alias of {} (actor {actor})", kept.name),
            ));
        };
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
        // The alias and the longer forms of it go with the new actor.
        let mut move_alias = self.tx.prepare_cached(
            "UPDATE actor_aliases SET actor_id = ?1 WHERE actor_id = ?2 AND alias = ?3",
        )?;
        for other in kept.aliases.iter().filter(|a| {
            a.to_lowercase() == alias.to_lowercase() || (names(a, &alias) && !names(a, &kept.name))
        }) {
            move_alias.execute(params![new, actor, other])?;
        }
        self.tx
            .prepare_cached("DELETE FROM actor_aliases WHERE actor_id = ?1 AND alias = ?2")?
            .execute(params![new, alias])?;

        let voiced: Vec<(i64, i64, String)> = self
            .tx
            .prepare_cached(&format!(
                "SELECT m.id, m.document_id, {QUOTE} FROM mentions m
                 JOIN documents d ON d.id = m.document_id WHERE m.actor_id = ?1"
            ))?
            .query_map([actor], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // Whether each document names the alias and not the actor.
        let mut documents: HashMap<i64, bool> = HashMap::new();
        let mut move_mention = self
            .tx
            .prepare_cached("UPDATE mentions SET actor_id = ?1 WHERE id = ?2")?;
        let mut mentions = 0;
        for (id, document, sentence) in voiced {
            let says = match (names(&sentence, &alias), names(&sentence, &kept.name)) {
                (true, false) => true,
                (false, false) => match documents.get(&document) {
                    Some(&says) => says,
                    None => {
                        let text: String = self
                            .tx
                            .prepare_cached("SELECT text FROM documents WHERE id = ?1")?
                            .query_row([document], |r| r.get(0))?;
                        let says = names(&text, &alias) && !names(&text, &kept.name);
                        documents.insert(document, says);
                        says
                    }
                },
                _ => false,
            };
            if says {
                mentions += move_mention.execute(params![new, id])?;
            }
        }
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
            name: alias,
            mentions,
            claims,
        })
    }
}

/// Whether `text` has `name` as whole words, in any case: "Hassan" in
/// "Hamad Hassan said", not in "Hassani".
fn names(text: &str, name: &str) -> bool {
    let (text, name) = (text.to_lowercase(), name.to_lowercase());
    if name.is_empty() {
        return false;
    }
    text.match_indices(&name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::names;

    #[test]
    fn a_name_is_whole_words_in_any_case() {
        assert!(names("Health Minister Hamad Hassan said", "hassan"));
        assert!(names("Hassan.", "Hassan"));
        assert!(!names("Hassani said", "Hassan"));
        assert!(!names("the administer", "minister"));
        assert!(names("Beirut Governor Marwan Abboud", "Marwan Abboud"));
        assert!(!names("anything", ""));
    }
}
