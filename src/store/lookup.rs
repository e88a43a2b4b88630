//! Lookups of one row by id or name, and the listings of the command line.

use rusqlite::{params, OptionalExtension};

use super::report::ClaimFilter;
use super::rows::*;
use super::Reader;
use crate::error::{Error, Result};
use crate::model::{
    Actor, ActorEntry, ClaimEntry, ClaimLink, DocumentEntry, MentionEntry, OutletEntry, Suggestion,
    SuggestionEntry,
};
use crate::untrusted::clean_name;

impl Reader<'_> {
    /// All outlets, by name.
    pub fn outlets(&self) -> Result<Vec<OutletEntry>> {
        let sql = format!(
            "SELECT {} FROM outlets o ORDER BY o.name COLLATE NOCASE, o.id",
            OutletEntryColumns::select()
        );
        let mut outlets: Vec<OutletEntry> = read_all::<OutletEntryColumns, _>(self.conn, &sql, [])?;
        // Names that print alike: the pass counts their outlets as one
        // source, and the listing says so beside each.
        let mut by_skeleton: std::collections::HashMap<String, Vec<usize>> =
            std::collections::HashMap::new();
        for (i, entry) in outlets.iter().enumerate() {
            by_skeleton
                .entry(crate::untrusted::skeleton(&entry.outlet.name))
                .or_default()
                .push(i);
        }
        for group in by_skeleton.values().filter(|g| g.len() > 1) {
            for &i in group {
                let others: Vec<String> = group
                    .iter()
                    .filter(|&&j| j != i)
                    .map(|&j| format!("O{} {}", outlets[j].outlet.id, outlets[j].outlet.name))
                    .collect();
                outlets[i].looks_like = Some(others.join("; "));
            }
        }
        Ok(outlets)
    }

    /// The id of the outlet with this name (any case) or this numeric id.
    pub fn outlet_id(&self, name_or_id: &str) -> Result<i64> {
        Ok(self.outlet_named(name_or_id)?.0)
    }

    /// The stored name of the outlet with this name (any case, spaced or
    /// spelled as `outlet_id` takes it) or this numeric id.
    pub fn outlet_name(&self, name_or_id: &str) -> Result<String> {
        Ok(self.outlet_named(name_or_id)?.1)
    }

    /// The outlet a person names, by name (any case) or numeric id: its id
    /// and stored name.
    fn outlet_named(&self, name_or_id: &str) -> Result<(i64, String)> {
        // Names are stored cleaned (`untrusted::clean_name`); a ledger
        // from before kept them as written.
        let (key, raw) = (clean_name(name_or_id), name_or_id.trim());
        let found: Option<(i64, String)> = self
            .conn
            .prepare_cached(
                "SELECT id, name FROM outlets WHERE name = ?1
                 UNION ALL SELECT id, name FROM outlets WHERE name = ?3
                 UNION ALL SELECT id, name FROM outlets WHERE id = ?2 LIMIT 1",
            )?
            .query_row(params![key, raw.parse::<i64>().ok(), raw], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()?;
        found.ok_or_else(|| Error::NotFound {
            what: "outlet",
            key: format!("'{name_or_id}'"),
        })
    }

    /// All actors with their aliases, by name.
    pub fn actors(&self) -> Result<Vec<ActorEntry>> {
        let sql = format!(
            "SELECT {} FROM actors a ORDER BY a.name COLLATE NOCASE, a.id",
            ActorEntryColumns::select()
        );
        read_all::<ActorEntryColumns, _>(self.conn, &sql, [])
    }

    /// One actor, with its aliases.
    pub fn actor(&self, id: i64) -> Result<Actor> {
        let sql = format!(
            "SELECT {} FROM actors a WHERE a.id = ?1",
            ActorColumns::select()
        );
        read_one::<ActorColumns>(self.conn, &sql, [id])?.ok_or_else(|| Error::NotFound {
            what: "actor",
            key: id.to_string(),
        })
    }

    /// The actor known by this name, alias (any case) or numeric id.
    pub fn find_actor(&self, name: &str) -> Result<Option<i64>> {
        // Cleaned first, as names are stored; then as written, for a
        // ledger from before names were cleaned.
        let (key, raw) = (clean_name(name), name.trim());
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id FROM actors WHERE name = ?1
                 UNION ALL SELECT actor_id FROM actor_aliases WHERE alias = ?1
                 UNION ALL SELECT id FROM actors WHERE name = ?3
                 UNION ALL SELECT actor_id FROM actor_aliases WHERE alias = ?3
                 UNION ALL SELECT id FROM actors WHERE id = ?2 LIMIT 1",
            )?
            .query_row(params![key, raw.parse::<i64>().ok(), raw], |row| row.get(0))
            .optional()?)
    }

    /// The actor known by this name, alias or id, or a not-found error.
    pub fn actor_id(&self, name: &str) -> Result<i64> {
        self.find_actor(name)?.ok_or_else(|| Error::NotFound {
            what: "actor",
            key: format!("'{name}'"),
        })
    }

    /// One document, with its outlet's name.
    pub fn document(&self, id: i64) -> Result<DocumentEntry> {
        let sql = format!(
            "SELECT {} FROM documents d JOIN outlets o ON o.id = d.outlet_id WHERE d.id = ?1",
            DocumentEntryColumns::select()
        );
        let found = read_one::<DocumentEntryColumns>(self.conn, &sql, [id])?;
        found.ok_or_else(|| Error::NotFound {
            what: "document",
            key: id.to_string(),
        })
    }

    /// The documents that carry claim `claim_id`, without their text, by id.
    pub fn documents_of(&self, claim_id: i64) -> Result<Vec<DocumentEntry<()>>> {
        let sql = format!(
            "SELECT {} FROM documents d JOIN outlets o ON o.id = d.outlet_id
             WHERE d.id IN (SELECT document_id FROM mentions WHERE claim_id = ?1) ORDER BY d.id",
            DocumentShownColumns::select()
        );
        read_all::<DocumentShownColumns, _>(self.conn, &sql, [claim_id])
    }

    /// Claims with their verdicts, by id.
    pub fn claims(&self, filter: &ClaimFilter<'_>) -> Result<Vec<ClaimEntry>> {
        let sql = format!(
            "SELECT {}, {OUTLETS}, {COUNT_JOINED}
             FROM claims c
             {SPEAKER_JOIN}
             {VERDICT_JOIN}
             {COUNTS_JOIN}
             WHERE (?1 IS NULL OR v.status = ?1)
               AND (?2 IS NULL OR c.kind = ?2)
               AND (?3 OR c.retracted_at IS NULL)
               AND (?4 IS NULL OR EXISTS (
                    SELECT 1 FROM mentions m JOIN documents d ON d.id = m.document_id
                    JOIN outlets o ON o.id = d.outlet_id
                    WHERE m.claim_id = c.id AND o.name = ?4))
             ORDER BY c.id",
            claim_columns()
        );
        read_all::<ClaimEntryColumns, _>(
            self.conn,
            &sql,
            params![filter.status, filter.kind, filter.retracted, filter.outlet],
        )
    }

    /// One claim with its verdict.
    pub fn claim(&self, id: i64) -> Result<ClaimEntry> {
        let sql = format!(
            "SELECT {}, {OUTLETS}, {COUNT_EACH} FROM claims c
             {SPEAKER_JOIN}
             {VERDICT_JOIN} WHERE c.id = ?1",
            claim_columns()
        );
        let found = read_one::<ClaimEntryColumns>(self.conn, &sql, [id])?;
        found.ok_or_else(|| Error::NotFound {
            what: "claim",
            key: id.to_string(),
        })
    }

    /// The last check's suggestions that no person has settled since (by
    /// a link between the pair, or dismissing it), with both claims, best
    /// score first. With a filter, the pairs of which either claim passes
    /// it; retracted claims are left out.
    pub fn suggestions(&self, filter: &ClaimFilter<'_>) -> Result<Vec<SuggestionEntry>> {
        Ok(self.top_suggestions(filter, usize::MAX)?.0)
    }

    /// The first `limit` of [`Reader::suggestions`], and how many there
    /// are in all: a report shows a few of a large ledger's many.
    pub fn top_suggestions(
        &self,
        filter: &ClaimFilter<'_>,
        limit: usize,
    ) -> Result<(Vec<SuggestionEntry>, usize)> {
        let sql = format!(
            "SELECT {} FROM suggestions s
             JOIN claims f ON f.id = s.from_claim
             JOIN claims t ON t.id = s.to_claim
             WHERE f.retracted_at IS NULL AND t.retracted_at IS NULL
               AND NOT EXISTS (
                    SELECT 1 FROM claim_links l
                    WHERE l.from_claim IN (s.from_claim, s.to_claim)
                      AND l.to_claim IN (s.from_claim, s.to_claim)
                      AND (l.origin = 'manual' OR l.rejected = 1))
               AND (?1 IS NULL OR EXISTS (
                    SELECT 1 FROM claims c {CHECKED_JOIN}
                    WHERE c.id IN (s.from_claim, s.to_claim) AND v.status = ?1))
               AND (?2 IS NULL OR f.kind = ?2 OR t.kind = ?2)
               AND (?3 IS NULL OR EXISTS (
                    SELECT 1 FROM mentions m JOIN documents d ON d.id = m.document_id
                    JOIN outlets o ON o.id = d.outlet_id
                    WHERE m.claim_id IN (s.from_claim, s.to_claim) AND o.name = ?3))
             ORDER BY s.score DESC, s.from_claim, s.to_claim",
            SuggestionColumns::select()
        );
        let found: Vec<Suggestion> = read_all::<SuggestionColumns, _>(
            self.conn,
            &sql,
            params![filter.status, filter.kind, filter.outlet],
        )?;
        let total = found.len();
        // Only the pairs shown read their claims, two lookups each.
        let shown = found
            .into_iter()
            .take(limit)
            .map(|suggestion| {
                Ok(SuggestionEntry {
                    from: self.claim(suggestion.from_claim)?,
                    to: self.claim(suggestion.to_claim)?,
                    suggestion,
                })
            })
            .collect::<Result<_>>()?;
        Ok((shown, total))
    }

    /// The mentions of a claim, by id.
    pub fn mentions_of(&self, claim_id: i64) -> Result<Vec<MentionEntry>> {
        let sql = format!(
            "SELECT {} FROM mentions m {MENTION_JOINS}
             WHERE m.claim_id = ?1 ORDER BY m.id",
            mention_columns()
        );
        read_all::<MentionEntryColumns, _>(self.conn, &sql, [claim_id])
    }

    /// The units the claims of `measure` (compared as the pass compares
    /// it: trimmed, any case) are in, up to three.
    pub fn units_of(&self, measure: &str) -> Result<Vec<String>> {
        let units = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT unit FROM claims
                 WHERE lower(trim(measure)) = lower(trim(?1)) AND unit IS NOT NULL
                   AND trim(unit) <> '' AND retracted_at IS NULL
                 ORDER BY unit LIMIT 3",
            )?
            .query_map([measure], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(units)
    }

    /// Whether extraction found any mention in document `id` (a person's
    /// own mentions do not count).
    pub fn has_extracted_mentions(&self, id: i64) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM mentions WHERE document_id = ?1 AND origin = 'extracted')",
            )?
            .query_row([id], |row| row.get(0))?)
    }

    /// The newest mention the last check judged: later ones are behind no
    /// verdict yet. None before the first check.
    pub fn last_checked_mention(&self) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT last_mention_id FROM last_check")?
            .query_row([], |row| row.get(0))
            .optional()?)
    }

    /// One mention.
    pub fn mention(&self, id: i64) -> Result<MentionEntry> {
        let sql = format!(
            "SELECT {} FROM mentions m {MENTION_JOINS} WHERE m.id = ?1",
            mention_columns()
        );
        let found = read_one::<MentionEntryColumns>(self.conn, &sql, [id])?;
        found.ok_or_else(|| Error::NotFound {
            what: "mention",
            key: id.to_string(),
        })
    }

    /// The claims (not retracted) that a mention in document `document_id`
    /// quotes with exactly `quote`, by id: where an imported row for a new
    /// claim may already be.
    pub fn claims_quoted(&self, document_id: i64, quote: &str) -> Result<Vec<i64>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT DISTINCT m.claim_id FROM mentions m JOIN claims c ON c.id = m.claim_id
                 JOIN documents d ON d.id = m.document_id
                 WHERE m.document_id = ?1 AND {QUOTE} = ?2 AND c.retracted_at IS NULL
                 ORDER BY m.claim_id"
            ))?
            .query_map(params![document_id, quote], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The links touching a claim.
    pub fn links_of(&self, claim_id: i64) -> Result<Vec<ClaimLink>> {
        let sql = format!(
            "SELECT {} FROM claim_links l {FIGURES_JOIN}
             WHERE l.from_claim = ?1 OR l.to_claim = ?1
             ORDER BY l.from_claim, l.to_claim, l.relation",
            NotedLinkColumns::select()
        );
        read_all::<NotedLinkColumns, _>(self.conn, &sql, [claim_id])
    }
}
