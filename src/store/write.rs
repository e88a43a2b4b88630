//! The edits of a write transaction: outlets, actors, documents, claims,
//! mentions, links, ratings, retractions and corrections, each with its event.

use rusqlite::{params, OptionalExtension};

use super::rows::{date_text, fingerprint_blob, CHECKED_JOIN, QUOTE};
use super::{now, Tx};
use crate::error::{Error, Result};
use crate::model::{
    Actor, Claim, ClaimKind, ClaimLink, ClaimRelation, Document, LinkOrigin, Mention, Origin,
    Outlet, OutletKind, Rating, Stance,
};

/// What storing a document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// A new document with this id.
    Added(i64),
    /// The same text from the same outlet is already document `id`.
    AlreadyPresent(i64),
}

impl Tx<'_> {
    /// Adds an outlet (its id is the new row's); an existing name is an
    /// error.
    pub fn add_outlet(&self, outlet: &Outlet) -> Result<i64> {
        let name = &checked_name("outlet", &outlet.name)?;
        let kind = outlet.kind;
        let (country, owner) = (outlet.country.as_deref(), outlet.owner.as_deref());
        let exists: bool = self
            .tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM outlets WHERE name = ?1)")?
            .query_row([name], |row| row.get(0))?;
        if exists {
            return Err(Error::Exists {
                what: "outlet",
                key: name.to_string(),
            });
        }
        self.tx
            .prepare_cached(
                "INSERT INTO outlets (name, kind, country, owner, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![name, kind, country, owner, now()])?;
        let id = self.tx.last_insert_rowid();
        self.event(
            "add",
            "outlet",
            Some(id),
            &serde_json::json!({ "name": name, "kind": kind, "country": country, "owner": owner }),
        )?;
        Ok(id)
    }

    /// The outlet with this name, created with the given kind if it is new.
    pub fn outlet_for(
        &self,
        name: &str,
        kind: Option<OutletKind>,
        country: Option<&str>,
    ) -> Result<i64> {
        match self.read().outlet_id(name) {
            Ok(id) => Ok(id),
            Err(Error::NotFound { .. }) => self.add_outlet(&Outlet {
                id: 0,
                name: name.to_string(),
                kind: kind.unwrap_or(OutletKind::Other),
                country: country.map(str::to_string),
                owner: None,
            }),
            Err(e) => Err(e),
        }
    }

    /// Records that two outlets are not independent.
    pub fn link_outlets(&self, link: &crate::model::OutletLink) -> Result<()> {
        let (from, to, relation) = (link.from_outlet, link.to_outlet, link.relation);
        let note = link.note.as_deref();
        if from == to {
            return Err(Error::invalid(
                "outlet link",
                "an outlet cannot be linked to itself",
            ));
        }
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT INTO outlet_links (from_outlet, to_outlet, relation, note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
            )?
            .execute(params![from, to, relation, note, now()])?;
        if inserted == 1 {
            self.event(
                "link",
                "outlet",
                Some(from),
                &serde_json::json!({ "from": from, "relation": relation, "to": to, "note": note }),
            )?;
        }
        Ok(())
    }

    /// Adds an actor with its aliases (its id is the new row's).
    pub fn add_actor(&self, actor: &Actor) -> Result<i64> {
        let name = &checked_name("actor", &actor.name)?;
        let kind = actor.kind;
        if self.read().find_actor(name)?.is_some() {
            return Err(Error::Exists {
                what: "actor",
                key: name.to_string(),
            });
        }
        let person_key = crate::extract::person_key(name);
        self.tx
            .prepare_cached(
                "INSERT INTO actors (name, kind, created_at, person_key) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![name, kind, now(), person_key])?;
        let id = self.tx.last_insert_rowid();
        self.event(
            "add",
            "actor",
            Some(id),
            &serde_json::json!({ "name": name, "kind": kind }),
        )?;
        for alias in &actor.aliases {
            self.add_alias(id, alias)?;
        }
        Ok(id)
    }

    /// Gives an actor another name.
    pub fn add_alias(&self, actor_id: i64, alias: &str) -> Result<()> {
        let alias = &checked_name("alias", alias)?;
        match self.read().find_actor(alias)? {
            Some(id) if id == actor_id => return Ok(()),
            Some(id) => {
                return Err(Error::invalid(
                    "alias",
                    format!("'{alias}' already names actor {id}"),
                ))
            }
            None => {}
        }
        self.tx
            .prepare_cached("INSERT INTO actor_aliases (actor_id, alias) VALUES (?1, ?2)")?
            .execute(params![actor_id, alias])?;
        self.event(
            "alias",
            "actor",
            Some(actor_id),
            &serde_json::json!({ "alias": alias }),
        )?;
        Ok(())
    }

    /// The actor known by `name` or `alias`, or by another spelling of a
    /// person's name (the same first name, the surname spelled alike:
    /// Hamad Hasan, Hamad Hassan), created if new; the name and alias are
    /// kept as aliases of the actor found.
    pub fn actor_for(&self, name: &str, alias: Option<&str>) -> Result<i64> {
        let read = self.read();
        let found = match read.find_actor(name)? {
            Some(id) => Some(id),
            None => match alias {
                Some(a) => read.find_actor(a)?,
                None => None,
            },
        };
        let found = match found {
            Some(id) => Some(id),
            None => {
                let spelled = self.actor_spelled_like(name)?;
                if let Some(id) = spelled {
                    self.add_alias(id, name)?;
                }
                spelled
            }
        };
        let id = match found {
            Some(id) => id,
            None => self.add_actor(&Actor {
                id: 0,
                name: name.to_string(),
                kind: crate::model::ActorKind::Unknown,
                aliases: Vec::new(),
            })?,
        };
        if let Some(alias) = alias.filter(|a| !a.trim().eq_ignore_ascii_case(name.trim())) {
            if read.find_actor(alias)?.is_none() {
                self.add_alias(id, alias)?;
            }
        }
        Ok(id)
    }

    /// The one person whose name is another spelling of `name`, if there
    /// is exactly one.
    fn actor_spelled_like(&self, name: &str) -> Result<Option<i64>> {
        let Some(key) = crate::extract::person_key(name) else {
            return Ok(None);
        };
        let surname = name.split_whitespace().last().unwrap_or(name);
        let found: Vec<(i64, String)> = self
            .tx
            .prepare_cached("SELECT id, name FROM actors WHERE person_key = ?1")?
            .query_map([&key], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let alike: Vec<i64> = found
            .into_iter()
            .filter(|(_, other)| {
                let theirs = other.split_whitespace().last().unwrap_or(other);
                crate::extract::actors::spelled_alike(surname, theirs)
            })
            .map(|(id, _)| id)
            .collect();
        Ok(match alike.as_slice() {
            [one] => Some(*one),
            _ => None,
        })
    }

    /// Stores a document (its id is the new row's) with the MinHash
    /// fingerprint of its text, unless the same text from the same outlet
    /// is there.
    pub fn add_document(&self, doc: &Document<&str>, fingerprint: &[u32]) -> Result<Stored> {
        let existing: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM documents WHERE outlet_id = ?1 AND content_hash = ?2")?
            .query_row(params![doc.outlet_id, doc.content_hash], |row| row.get(0))
            .optional()?;
        if let Some(id) = existing {
            return Ok(Stored::AlreadyPresent(id));
        }
        if let Some(url) = doc.url.as_deref() {
            if let Some((id, theirs, source)) = self.document_at(url)? {
                let spelled = if theirs == url {
                    String::new()
                } else {
                    format!(" as {theirs}")
                };
                // Named by its file too: it may be one this same command
                // read, which the failure leaves unstored.
                let from = source.map(|s| format!(", from {s}")).unwrap_or_default();
                return Err(Error::invalid(
                    "url",
                    format!(
                        "{url} is already the address of document {id}{spelled}{from}, \
                         with other text or outlet"
                    ),
                ));
            }
        }
        self.tx
            .prepare_cached(
                "INSERT INTO documents
                 (outlet_id, title, url, published, text, content_hash, fingerprint, source, ingested_at,
                  byline, title_from, outlet_from, url_from, published_from, byline_from)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?
            .execute(params![
                doc.outlet_id,
                doc.title,
                doc.url,
                date_text(doc.published),
                doc.text,
                doc.content_hash,
                fingerprint_blob(fingerprint),
                doc.source,
                now(),
                doc.byline,
                doc.sources.title,
                doc.sources.outlet,
                doc.sources.url,
                doc.sources.published,
                doc.sources.byline,
            ])?;
        let id = self.tx.last_insert_rowid();
        self.event(
            "ingest",
            "document",
            Some(id),
            &serde_json::json!({
                "outlet_id": doc.outlet_id, "title": doc.title, "url": doc.url,
                "content_hash": doc.content_hash, "source": doc.source,
            }),
        )?;
        Ok(Stored::Added(id))
    }

    /// The document whose address is `url` once both are normalized
    /// ([`crate::untrusted::normalize_url`]), with its address as stored
    /// and the file it was read from.
    fn document_at(&self, url: &str) -> Result<Option<(i64, String, Option<String>)>> {
        let wanted = crate::untrusted::normalize_url(url);
        // LIKE ignores ASCII case, so the scheme and host narrow the search
        // whatever their case; the normalized forms then decide.
        let prefix = match wanted.split_once("://") {
            Some((scheme, rest)) => {
                let host = rest.split(['/', '?']).next().unwrap_or("");
                format!("{scheme}://{host}")
            }
            None => wanted.clone(),
        };
        let escaped: String = prefix
            .chars()
            .flat_map(|c| match c {
                '%' | '_' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        let found: Vec<(i64, String, Option<String>)> = self
            .tx
            .prepare_cached("SELECT id, url, source FROM documents WHERE url LIKE ?1 ESCAPE '\\'")?
            .query_map([format!("{escaped}%")], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(found
            .into_iter()
            .find(|(_, theirs, _)| crate::untrusted::normalize_url(theirs) == wanted))
    }

    /// Stores a claim (its id is the new row's); an extracted claim with
    /// the `key` of a stored one is that claim. `confidence` is the
    /// extractor's. Returns its id.
    pub fn add_claim(
        &self,
        claim: &Claim,
        key: Option<&str>,
        confidence: Option<f64>,
    ) -> Result<i64> {
        check_claim(claim)?;
        // The first of the key's places that is free, or that holds this
        // claim: every key begins with its kind, so a claim of another
        // kind there has another key. A claim whose key finds no place is
        // stored without one (its own claim, never joined to another).
        let mut place = None;
        if let Some(key) = key {
            for hash in super::claim_keys(key) {
                let existing: Option<(i64, ClaimKind)> = self
                    .tx
                    .prepare_cached("SELECT id, kind FROM claims WHERE key = ?1")?
                    .query_row([hash], |row| Ok((row.get(0)?, row.get(1)?)))
                    .optional()?;
                match existing {
                    Some((id, kind)) if kind == claim.kind() => return Ok(id),
                    Some(_) => continue,
                    None => {
                        place = Some(hash);
                        break;
                    }
                }
            }
        }
        let key = place;
        let q = claim.quantity();
        self.tx
            .prepare_cached(
                "INSERT INTO claims (kind, text, key, measure, low, high, unit, hedge, speaker_id,
                                     quoted, as_of, confidence, origin)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                claim.kind(),
                claim.text.trim(),
                key,
                q.map(|q| &q.measure),
                q.map(|q| q.low),
                q.map(|q| q.high),
                q.and_then(|q| q.unit.as_deref()),
                q.and_then(|q| q.hedge.as_deref()),
                claim.speaker_id,
                claim.quoted(),
                date_text(claim.as_of),
                confidence,
                claim.origin,
            ])?;
        let id = self.tx.last_insert_rowid();
        // Extracted claims are covered by their document's ingest event, as
        // their mentions are: re-extracting the same text gives them back.
        if claim.origin == Origin::Manual {
            self.event(
                "add",
                "claim",
                Some(id),
                &serde_json::json!({ "kind": claim.kind(), "text": claim.text.trim(), "origin": claim.origin }),
            )?;
        }
        Ok(id)
    }

    /// Stores a mention (its id is the new row's); its quote must be the
    /// document's text at its span. `confidence` is the extractor's.
    /// Returns the new id, or `None` if the same mention is already stored.
    pub fn add_mention(
        &self,
        mention: &Mention,
        document_text: &str,
        confidence: Option<f64>,
    ) -> Result<Option<i64>> {
        let at_span = document_text.get(mention.span.clone()).ok_or_else(|| {
            Error::invalid(
                "span",
                format!(
                    "{}..{} is not a span of document {}",
                    mention.span.start, mention.span.end, mention.document_id
                ),
            )
        })?;
        let quote = mention.quote.as_str();
        if quote.is_empty() {
            return Err(Error::invalid("quote", "the quote is empty"));
        }
        if at_span != quote {
            return Err(Error::invalid(
                "span",
                format!(
                    "the quote is not document {}'s text at its span",
                    mention.document_id
                ),
            ));
        }
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT INTO mentions (claim_id, document_id, actor_id, stance, span_start,
                                       span_end, relayed_by, confidence, origin)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING",
            )?
            .execute(params![
                mention.claim_id,
                mention.document_id,
                mention.actor_id,
                mention.stance,
                mention.span.start as i64,
                mention.span.end as i64,
                mention.relayed_by,
                confidence,
                mention.origin,
            ])?;
        if inserted == 0 {
            return Ok(None);
        }
        let id = self.tx.last_insert_rowid();
        // Extracted mentions are covered by their document's ingest event.
        if mention.origin == Origin::Manual {
            self.event(
                "add",
                "mention",
                Some(id),
                &serde_json::json!({
                    "claim_id": mention.claim_id, "document_id": mention.document_id,
                    "stance": mention.stance, "quote": quote,
                }),
            )?;
        }
        Ok(Some(id))
    }

    /// Makes the stored claim `claim.id` say what `claim` says: its text,
    /// kind and what the kind says (a figure's measure, interval, unit and
    /// hedge; a quote's words). What another kind does not have is
    /// cleared. Returns whether anything changed.
    pub fn edit_claim(&self, claim: &Claim) -> Result<bool> {
        let id = claim.id;
        let current = self.read().claim(id)?.claim;
        if current.text == claim.text && current.body == claim.body {
            return Ok(false);
        }
        check_claim(claim)?;
        let q = claim.quantity();
        self.tx
            .prepare_cached(
                "UPDATE claims SET text = ?2, kind = ?3, measure = ?4, low = ?5, high = ?6,
                                   unit = ?7, hedge = ?8, quoted = ?9
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                claim.text.trim(),
                claim.kind(),
                q.map(|q| &q.measure),
                q.map(|q| q.low),
                q.map(|q| q.high),
                q.and_then(|q| q.unit.as_deref()),
                q.and_then(|q| q.hedge.as_deref()),
                claim.quoted(),
            ])?;
        self.event(
            "edit",
            "claim",
            Some(id),
            &serde_json::json!({
                "text": claim.text.trim(), "kind": claim.kind(), "measure": q.map(|q| &q.measure),
                "low": q.map(|q| q.low), "high": q.map(|q| q.high),
                "unit": q.and_then(|q| q.unit.as_deref()),
            }),
        )?;
        Ok(true)
    }

    /// Corrects a mention's speaker, stance and quote (which must occur in its
    /// document); returns whether anything changed.
    pub fn edit_mention(
        &self,
        id: i64,
        actor_id: Option<i64>,
        stance: Stance,
        quote: &str,
    ) -> Result<bool> {
        let (document_id, current_actor, current_stance, current_quote): (
            i64,
            Option<i64>,
            Stance,
            String,
        ) = self
            .tx
            .prepare_cached(&format!(
                "SELECT m.document_id, m.actor_id, m.stance, {QUOTE} AS quote
                 FROM mentions m JOIN documents d ON d.id = m.document_id WHERE m.id = ?1"
            ))?
            .query_row([id], |r| {
                Ok((
                    r.get("document_id")?,
                    r.get("actor_id")?,
                    r.get("stance")?,
                    r.get("quote")?,
                ))
            })
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "mention",
                key: id.to_string(),
            })?;
        // Exported quotes are whitespace-trimmed; compare them the same way.
        let quote_changed = current_quote.trim() != quote.trim();
        if !quote_changed && current_actor == actor_id && current_stance == stance {
            return Ok(false);
        }
        if quote_changed {
            let text = self.read().document(document_id)?.document.text;
            let start = text.find(quote).ok_or_else(|| {
                Error::invalid(
                    "quote",
                    format!("the words are not in document {document_id}"),
                )
            })?;
            self.tx
                .prepare_cached("UPDATE mentions SET span_start = ?2, span_end = ?3 WHERE id = ?1")?
                .execute(params![id, start as i64, (start + quote.len()) as i64])?;
        }
        self.tx
            .prepare_cached("UPDATE mentions SET actor_id = ?2, stance = ?3 WHERE id = ?1")?
            .execute(params![id, actor_id, stance])?;
        self.event(
            "edit",
            "mention",
            Some(id),
            &serde_json::json!({ "actor_id": actor_id, "stance": stance, "quote": quote }),
        )?;
        Ok(true)
    }

    /// Retracts a claim: it keeps its rows but gets no verdict.
    pub fn retract_claim(&self, id: i64, why: &str) -> Result<()> {
        let claim = self.read().claim(id)?.claim;
        if claim.is_retracted() {
            return Err(Error::invalid(
                "claim",
                format!("claim {id} is already retracted"),
            ));
        }
        if why.trim().is_empty() {
            return Err(Error::invalid("--why", "say why the claim is retracted"));
        }
        self.tx
            .prepare_cached(
                "UPDATE claims SET retracted_at = ?2, retracted_why = ?3 WHERE id = ?1",
            )?
            .execute(params![id, now(), why.trim()])?;
        // The claim's cluster was judged with it: its verdict is stale
        // until the next check.
        let cluster: Option<i64> = self
            .tx
            .prepare_cached(&format!(
                "SELECT v.cluster_id FROM claims c {CHECKED_JOIN} WHERE c.id = ?1"
            ))?
            .query_row([id], |row| row.get(0))
            .optional()?;
        if let Some(cluster) = cluster {
            self.tx
                .prepare_cached("DELETE FROM claim_clusters WHERE cluster_id = ?1")?
                .execute([cluster])?;
            self.tx
                .prepare_cached("DELETE FROM verdicts WHERE cluster_id = ?1")?
                .execute([cluster])?;
        }
        self.event(
            "retract",
            "claim",
            Some(id),
            &serde_json::json!({ "why": why.trim() }),
        )?;
        Ok(())
    }

    /// Records a fact-checker's rating of a claim ("False", "Mostly true").
    pub fn rate_claim(&self, rating: &Rating) -> Result<i64> {
        let id = rating.claim_id;
        if self.read().claim(id)?.claim.is_retracted() {
            return Err(Error::invalid("claim", format!("claim {id} is retracted")));
        }
        let words = rating.rating.trim();
        if words.is_empty() {
            return Err(Error::invalid("--rating", "the rating is empty"));
        }
        let by = rating
            .rated_by
            .as_deref()
            .map(str::trim)
            .filter(|b| !b.is_empty());
        let url = rating
            .url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty());
        if let Some(url) = url {
            if crate::untrusted::web_url(url).is_none() {
                return Err(Error::invalid(
                    "--url",
                    format!("'{url}' is not an http or https address"),
                ));
            }
        }
        let scale = rating.scale;
        if let Some(s) = scale {
            let ordered = s.worst_rating < s.best_rating
                && (s.worst_rating..=s.best_rating).contains(&s.rating_value);
            if !ordered {
                return Err(Error::invalid(
                    "--value",
                    format!(
                        "{} is not on the scale from --worst {} to --best {}",
                        s.rating_value, s.worst_rating, s.best_rating
                    ),
                ));
            }
        }
        self.tx
            .prepare_cached(
                "INSERT INTO ratings (claim_id, rating, rated_by, rated_at, url, rating_value,
                                      best_rating, worst_rating)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                id,
                words,
                by,
                now(),
                url,
                scale.map(|s| s.rating_value),
                scale.map(|s| s.best_rating),
                scale.map(|s| s.worst_rating),
            ])?;
        let rating_id = self.tx.last_insert_rowid();
        let mut detail = serde_json::json!({ "rating": words, "by": by });
        if let Some(url) = url {
            detail["url"] = url.into();
        }
        if let Some(s) = scale {
            detail["rating_value"] = s.rating_value.into();
            detail["best_rating"] = s.best_rating.into();
            detail["worst_rating"] = s.worst_rating.into();
        }
        self.event("rate", "claim", Some(id), &detail)?;
        Ok(rating_id)
    }

    /// Records a person's judgement that two claims relate (`link.origin`
    /// is manual); it wins over the pass. `action` names the event: link
    /// or merge.
    pub fn link_claims(&self, link: &ClaimLink, action: &str) -> Result<()> {
        debug_assert_eq!(link.origin, LinkOrigin::Manual);
        let (a, relation, b) = (link.from_claim, link.relation, link.to_claim);
        let note = link.note.as_deref();
        if a == b {
            return Err(Error::invalid(
                "claim link",
                "a claim cannot be linked to itself",
            ));
        }
        self.linkable(a, action)?;
        self.linkable(b, action)?;
        let (from, to) = ordered(a, relation, b);
        if relation == ClaimRelation::SameAs {
            self.not_yet_one(from, to, action)?;
        }
        // A link the pass made between two figures keeps its note as the
        // claims alone, rendered for automatic links only: one a person
        // adopts without a note of their own stores the note as read.
        let adopted = match note {
            Some(_) => None,
            None => self
                .read()
                .links_of(from)?
                .into_iter()
                .find(|l| l.from_claim == from && l.to_claim == to && l.relation == relation)
                .and_then(|l| l.note),
        };
        self.tx
            .prepare_cached(
                "INSERT INTO claim_links (from_claim, to_claim, relation, origin, rejected, note)
                 VALUES (?1, ?2, ?3, 'manual', 0, ?4)
                 ON CONFLICT (from_claim, to_claim, relation)
                 DO UPDATE SET origin = 'manual', rejected = 0, note = coalesce(excluded.note, note)",
            )?
            .execute(params![from, to, relation, note.or(adopted.as_deref())])?;
        self.event(
            action,
            "claim",
            Some(from),
            &serde_json::json!({ "from": from, "relation": relation, "to": to, "note": note }),
        )?;
        Ok(())
    }

    /// Claim `id`, if a person may link it: it exists and is not retracted
    /// (a retracted claim is out of every verdict, so a link to it would
    /// say nothing).
    fn linkable(&self, id: i64, action: &str) -> Result<()> {
        let claim = self.read().claim(id)?.claim;
        match claim.retracted_why {
            Some(why) => Err(Error::invalid(
                format!("claim {action}"),
                format!("claim {id} is retracted ({why}), so it takes no links"),
            )),
            None => Ok(()),
        }
    }

    /// Refuses a same-as link between two claims that are one proposition
    /// already, through a person's link or a chain of links: a second
    /// path says nothing new and a later `unlink` would not part them. A
    /// direct automatic link may be made a person's.
    fn not_yet_one(&self, from: i64, to: i64, action: &str) -> Result<()> {
        let direct: Option<LinkOrigin> = self
            .tx
            .prepare_cached(
                "SELECT origin FROM claim_links
                 WHERE from_claim = ?1 AND to_claim = ?2 AND relation = 'same-as' AND rejected = 0",
            )?
            .query_row(params![from, to], |r| r.get(0))
            .optional()?;
        if direct == Some(LinkOrigin::Manual) || self.joined_around(from, to)? {
            return Err(Error::invalid(
                format!("claim {action}"),
                format!("C{from} and C{to} are one proposition already; `claim show {from}` shows the links"),
            ));
        }
        Ok(())
    }

    /// Whether live same-as links join two claims other than the link
    /// between them, as the pass joins claims into one proposition.
    fn joined_around(&self, from: i64, to: i64) -> Result<bool> {
        // UNION (not UNION ALL) stops at claims already reached.
        Ok(self
            .tx
            .prepare_cached(
                "WITH RECURSIVE joined(id) AS (
                     SELECT ?1
                     UNION
                     SELECT c.id
                     FROM joined j
                     JOIN claim_links l ON (l.from_claim = j.id OR l.to_claim = j.id)
                     JOIN claims c
                       ON c.id = CASE WHEN l.from_claim = j.id THEN l.to_claim ELSE l.from_claim END
                     WHERE l.relation = 'same-as' AND l.rejected = 0
                       AND NOT (l.from_claim = ?1 AND l.to_claim = ?2)
                       AND c.retracted_at IS NULL
                 )
                 SELECT EXISTS (SELECT 1 FROM joined WHERE id = ?2)",
            )?
            .query_row(params![from, to], |r| r.get(0))?)
    }

    /// Records that two claims are not one proposition: a rejected
    /// same-as link, so no check joins or suggests them again (a same-as
    /// link between them, by the pass or a person, is undone).
    pub fn reject_same(&self, a: i64, b: i64, note: Option<&str>) -> Result<()> {
        if a == b {
            return Err(Error::invalid(
                "claim reject",
                "a claim is always the same as itself",
            ));
        }
        self.linkable(a, "reject")?;
        self.linkable(b, "reject")?;
        let (from, to) = ordered(a, ClaimRelation::SameAs, b);
        if self.joined_around(from, to)? {
            return Err(Error::invalid(
                "claim reject",
                format!(
                    "C{from} and C{to} are one proposition through other claims' links; \
                     `claim show {from}` shows them, `claim unlink` parts them"
                ),
            ));
        }
        self.tx
            .prepare_cached(
                "INSERT INTO claim_links (from_claim, to_claim, relation, origin, rejected, note)
                 VALUES (?1, ?2, 'same-as', 'manual', 1, ?3)
                 ON CONFLICT (from_claim, to_claim, relation)
                 DO UPDATE SET rejected = 1, note = coalesce(excluded.note, note)",
            )?
            .execute(params![from, to, note])?;
        self.event(
            "reject",
            "claim",
            Some(from),
            &serde_json::json!({ "from": from, "relation": ClaimRelation::SameAs, "to": to, "note": note }),
        )?;
        Ok(())
    }

    /// Undoes a link between two claims: a manual link is removed, an
    /// automatic one is marked rejected so the pass never re-adds it.
    /// Returns how many links were undone.
    pub fn unlink_claims(&self, a: i64, b: i64, relation: Option<ClaimRelation>) -> Result<usize> {
        self.read().claim(a)?;
        self.read().claim(b)?;
        let mut undone = 0;
        // Supports has a direction; a person unlinking two claims means
        // either one, so both directions are tried.
        let pairs = ClaimRelation::ALL
            .iter()
            .filter(|rel| relation.is_none_or(|r| r == **rel))
            .flat_map(|rel| [(*rel, ordered(a, *rel, b)), (*rel, ordered(b, *rel, a))]);
        let mut seen = Vec::new();
        for (rel, (from, to)) in pairs {
            if seen.contains(&(rel, from, to)) {
                continue;
            }
            seen.push((rel, from, to));
            let rel = &rel;
            let removed = self
                .tx
                .prepare_cached(
                    "DELETE FROM claim_links WHERE from_claim = ?1 AND to_claim = ?2 AND relation = ?3
                     AND origin = 'manual'",
                )?
                .execute(params![from, to, rel])?;
            let rejected = self
                .tx
                .prepare_cached(
                    "UPDATE claim_links SET rejected = 1
                     WHERE from_claim = ?1 AND to_claim = ?2 AND relation = ?3
                     AND origin = 'auto' AND rejected = 0",
                )?
                .execute(params![from, to, rel])?;
            if removed + rejected > 0 {
                self.event(
                    "unlink",
                    "claim",
                    Some(from),
                    &serde_json::json!({ "from": from, "relation": rel, "to": to }),
                )?;
                undone += removed + rejected;
            }
        }
        Ok(undone)
    }
}

/// A name as stored (`untrusted::clean_name`: NFKC, no control or
/// invisible characters), refused when it is empty or over
/// `untrusted::MAX_NAME_CHARS`; `what` names the field.
fn checked_name(what: &str, name: &str) -> Result<String> {
    let clean = crate::untrusted::clean_name(name);
    if clean.is_empty() {
        return Err(Error::invalid(what, format!("the {what} name is empty")));
    }
    crate::untrusted::check_length(
        &format!("the {what} name"),
        &clean,
        crate::untrusted::MAX_NAME_CHARS,
    )
    .map_err(|message| Error::invalid(what, message))?;
    Ok(clean)
}

/// Symmetric relations are stored smaller id first, so (a, b) and (b, a) are one row.
fn ordered(a: i64, relation: ClaimRelation, b: i64) -> (i64, i64) {
    match relation {
        ClaimRelation::Supports => (a, b),
        ClaimRelation::SameAs | ClaimRelation::Contradicts => (a.min(b), a.max(b)),
    }
}

/// Fails unless `claim` can be stored: a text, and a figure that holds.
fn check_claim(claim: &Claim) -> Result<()> {
    if claim.text.trim().is_empty() {
        return Err(Error::invalid("text", "the claim text is empty"));
    }
    match claim.quantity() {
        Some(q) => q.check(),
        None => Ok(()),
    }
}
