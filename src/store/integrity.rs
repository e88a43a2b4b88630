//! What `audit` checks beyond the events chain: that the data tables say
//! what the history says they do. Each document's text still has the hash
//! stored at ingest, and that hash is the one its `ingest` (or last
//! `reextract`) event recorded; each mention's span is still a piece of
//! its document's text (its words are read from there). So a document
//! edited with the sqlite3 shell, or a span edited past its text or into a
//! character, is found even though no event records the edit (a span
//! moved onto other words of its document is not).

use std::collections::HashMap;

use rusqlite::OptionalExtension;

use super::Reader;
use crate::error::Result;

/// What checking the documents' texts and the mentions' quotes found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextAudit {
    /// Every document's text matches its hash and the hash the history
    /// recorded, and every mention's span is a piece of its document's text.
    Intact {
        /// How many documents were checked.
        documents: i64,
        /// How many mentions were checked.
        mentions: i64,
    },
    /// The first text that does not hold, in words.
    Broken(String),
}

/// Whether `head` has the form of an event hash as `audit` prints it: 16
/// to 64 hex digits (a prefix will do).
pub fn could_be_head(head: &str) -> bool {
    let head = head.trim();
    (16..=64).contains(&head.len()) && head.bytes().all(|b| b.is_ascii_hexdigit())
}

/// What a document's newest ingest or re-extraction event recorded of it.
struct Recorded {
    hash: String,
    outlet_id: Option<i64>,
}

impl Reader<'_> {
    /// Checks every document's text against its `content_hash` (computed
    /// with `hash`, the function ingest stored it with) and against the
    /// hash its newest `ingest` or `reextract` event recorded, and every
    /// mention's span against its document's text. Documents
    /// and mentions are read once each, in document order, one document's
    /// text at a time.
    pub fn check_texts(&self, hash: impl Fn(&str) -> String) -> Result<TextAudit> {
        let recorded = self.recorded_hashes()?;
        let mut documents = self
            .conn
            .prepare("SELECT id, text, content_hash, outlet_id FROM documents ORDER BY id")?;
        let mut documents = documents.query([])?;
        // Ordered by document through its index, by id within a document.
        let mut mentions = self.conn.prepare(
            "SELECT id, document_id, span_start, span_end FROM mentions
             ORDER BY document_id, id",
        )?;
        let mut mentions = mentions.query([])?;
        let mut next_mention = mentions.next()?;
        let (mut checked_documents, mut checked_mentions) = (0, 0);
        // The documents read, in id order.
        let mut seen: Vec<i64> = Vec::new();
        while let Some(doc) = documents.next()? {
            let id: i64 = doc.get(0)?;
            let text: String = doc.get(1)?;
            let stored: String = doc.get(2)?;
            if hash(&text) != stored {
                return Ok(TextAudit::Broken(format!(
                    "document {id}'s text does not match its content_hash: the text (or the \
                     hash) was edited outside claimledger"
                )));
            }
            let outlet: i64 = doc.get(3)?;
            match recorded.get(&id) {
                Some(event) if event.outlet_id.is_some_and(|o| o != outlet) => {
                    return Ok(TextAudit::Broken(format!(
                        "document {id}'s outlet is not the one its ingest event recorded: \
                         it was credited to another outlet outside claimledger"
                    )))
                }
                Some(event) if event.hash == stored => {}
                Some(_) => {
                    return Ok(TextAudit::Broken(format!(
                        "document {id}'s content_hash is not the one its ingest event \
                         recorded: its text was replaced outside claimledger"
                    )))
                }
                None => {
                    return Ok(TextAudit::Broken(format!(
                        "document {id} has no ingest event recording its hash: it was added \
                         outside claimledger"
                    )))
                }
            }
            while let Some(m) = next_mention {
                let document: i64 = m.get(1)?;
                if document > id {
                    break;
                }
                let mention: i64 = m.get(0)?;
                if document == id {
                    let (start, end): (i64, i64) = (m.get(2)?, m.get(3)?);
                    let at_span = usize::try_from(start)
                        .ok()
                        .zip(usize::try_from(end).ok())
                        .and_then(|(s, e)| text.get(s..e));
                    if at_span.is_none_or(str::is_empty) {
                        return Ok(TextAudit::Broken(format!(
                            "mention {mention}'s span, bytes {start}..{end}, is not a piece of \
                             document {id}'s text: the span was edited outside claimledger, so \
                             `claim show` cannot print the mention's words"
                        )));
                    }
                    checked_mentions += 1;
                }
                // A mention of a missing document is the foreign key
                // check's to report.
                next_mention = mentions.next()?;
            }
            checked_documents += 1;
            seen.push(id);
        }
        // Documents are never deleted: one its event recorded is still there.
        let mut gone: Vec<i64> = recorded
            .keys()
            .filter(|id| seen.binary_search(id).is_err())
            .copied()
            .collect();
        gone.sort_unstable();
        if let Some(id) = gone.first() {
            return Ok(TextAudit::Broken(format!(
                "document {id}, recorded by its ingest event, is gone: it was deleted outside \
                 claimledger ({} documents in all)",
                gone.len()
            )));
        }
        Ok(TextAudit::Intact {
            documents: checked_documents,
            mentions: checked_mentions,
        })
    }

    /// Each document's content hash and outlet as its newest `ingest` or
    /// `reextract` event recorded them.
    fn recorded_hashes(&self) -> Result<HashMap<i64, Recorded>> {
        let mut stmt = self.conn.prepare(
            "SELECT entity_id, json_extract(detail, '$.content_hash'),
                    json_extract(detail, '$.outlet_id') FROM events
             WHERE entity = 'document' AND action IN ('ingest', 'reextract')
               AND entity_id IS NOT NULL
             ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut recorded: HashMap<i64, Recorded> = HashMap::new();
        while let Some(row) = rows.next()? {
            // A detail that is not JSON, or has no hash, records none.
            let hash: Option<String> = row.get(1).ok().flatten();
            let outlet_id: Option<i64> = row.get(2).ok().flatten();
            if let Some(hash) = hash {
                let id: i64 = row.get(0)?;
                let outlet_id = outlet_id.or(recorded.get(&id).and_then(|r| r.outlet_id));
                recorded.insert(id, Recorded { hash, outlet_id });
            }
        }
        Ok(recorded)
    }

    /// Whether `head` (a full hash, or its first 16 or more hex digits) is
    /// the hash of an event, and how many events came after it.
    pub fn events_after(&self, head: &str) -> Result<Option<i64>> {
        let head = head.trim().to_ascii_lowercase();
        if !could_be_head(&head) {
            return Ok(None);
        }
        let found: Option<i64> = self
            .conn
            .query_row(
                // A prefix range, which the hash's UNIQUE index serves
                // (lower-case hex digits all sort before 'g').
                "SELECT id FROM events WHERE hash >= ?1 AND hash < ?1 || 'g'
                 ORDER BY id LIMIT 1",
                [&head],
                |row| row.get(0),
            )
            .optional()?;
        let Some(id) = found else {
            return Ok(None);
        };
        let after: i64 =
            self.conn
                .query_row("SELECT count(*) FROM events WHERE id > ?1", [id], |row| {
                    row.get(0)
                })?;
        Ok(Some(after))
    }
}
