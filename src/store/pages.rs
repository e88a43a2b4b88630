//! Saved web pages kept beside their documents, and what `ingest
//! --reextract` reads and writes.

use rusqlite::{params, OptionalExtension};

use super::rows::{
    fingerprint_blob, read_all, Columns, DocumentEntryColumns, MentionColumns, PageColumns, QUOTE,
};
use super::{Reader, Tx};
use crate::error::{Error, Result};
use crate::model::{Document, DocumentEntry, Mention, Page};

/// A document's new text from its page, with its mentions moved into it.
#[derive(Debug, Clone)]
pub struct NewText<'a> {
    /// The document, holding its new text and that text's hash (see
    /// [`crate::ingest::content_hash`]).
    pub document: Document<&'a str>,
    /// The new text's MinHash fingerprint.
    pub fingerprint: &'a [u32],
    /// The extractor that made it.
    pub extractor: &'a str,
    /// Each of its mentions with its quote and span in the new text.
    pub mentions: &'a [Mention],
}

impl Tx<'_> {
    /// Keeps a web page's bytes beside the document extracted from it
    /// (`page.document_id`).
    pub fn add_page(&self, page: &Page) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO pages (document_id, gzip, size, charset, extractor)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                page.document_id,
                page.gzip,
                page.size as i64,
                page.charset,
                page.extractor
            ])?;
        Ok(())
    }

    /// Replaces a document's text with a new extraction of its page and
    /// moves its mentions into it, with a `reextract` event.
    pub fn replace_text(&self, new: &NewText<'_>) -> Result<()> {
        let document = &new.document;
        let old_hash: String = self
            .tx
            .prepare_cached("SELECT content_hash FROM documents WHERE id = ?1")?
            .query_row([document.id], |row| row.get(0))?;
        self.tx
            .prepare_cached(
                "UPDATE documents SET text = ?2, content_hash = ?3, fingerprint = ?4 WHERE id = ?1",
            )?
            .execute(params![
                document.id,
                document.text,
                document.content_hash,
                fingerprint_blob(new.fingerprint)
            ])?;
        self.tx
            .prepare_cached("UPDATE pages SET extractor = ?2 WHERE document_id = ?1")?
            .execute(params![document.id, new.extractor])?;
        let mut moved = self
            .tx
            .prepare_cached("UPDATE mentions SET span_start = ?2, span_end = ?3 WHERE id = ?1")?;
        for m in new.mentions {
            moved.execute(params![m.id, m.span.start as i64, m.span.end as i64])?;
        }
        self.event(
            "reextract",
            "document",
            Some(document.id),
            &serde_json::json!({
                "extractor": new.extractor, "content_hash": document.content_hash,
                "previous_content_hash": old_hash, "mentions_moved": new.mentions.len(),
            }),
        )
    }
}

impl Reader<'_> {
    /// The documents that have a stored web page, by id.
    pub fn page_documents(&self) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT document_id FROM pages ORDER BY document_id")?;
        let ids = stmt.query_map([], |row| row.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// A document with its stored page (an id from
    /// [`Reader::page_documents`]).
    pub fn stored_page(&self, document: i64) -> Result<(DocumentEntry, Page)> {
        let sql = format!(
            "SELECT {}, {} FROM pages p JOIN documents d ON d.id = p.document_id
             JOIN outlets o ON o.id = d.outlet_id WHERE p.document_id = ?1",
            DocumentEntryColumns::select(),
            PageColumns::select()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let (entry, page) = (DocumentEntryColumns::of(&stmt)?, PageColumns::of(&stmt)?);
        let found = stmt
            .query_row([document], |row| Ok((entry.read(row)?, page.read(row)?)))
            .optional()?;
        found.ok_or_else(|| Error::NotFound {
            what: "page of document",
            key: document.to_string(),
        })
    }

    /// A document's mentions, by id.
    pub fn mentions_in(&self, document: i64) -> Result<Vec<Mention>> {
        let sql = format!(
            "SELECT {}, {QUOTE} AS quote FROM mentions m JOIN documents d ON d.id = m.document_id
             WHERE m.document_id = ?1 ORDER BY m.id",
            MentionColumns::select()
        );
        read_all::<MentionColumns, _>(self.conn, &sql, [document])
    }

    /// Another document of the same outlet with this text hash.
    pub fn same_text(&self, document: i64, content_hash: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT o.id FROM documents d JOIN documents o
                 ON o.outlet_id = d.outlet_id AND o.content_hash = ?2 AND o.id <> d.id
                 WHERE d.id = ?1",
            )?
            .query_row(params![document, content_hash], |row| row.get(0))
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::{document, empty_ledger};

    #[test]
    fn a_page_is_kept_and_read_back_with_its_document() {
        let (_dir, mut ledger) = empty_ledger();
        let tx = ledger.begin().unwrap();
        let outlet = tx.outlet_for("Press TV", None, None).unwrap();
        let id = document(&tx, outlet, "Some text.");
        let page = Page {
            document_id: id,
            gzip: vec![1, 2, 3],
            size: 3,
            charset: "UTF-8".into(),
            extractor: "rs-trafilatura 0.2.2".into(),
        };
        tx.add_page(&page).unwrap();
        let read = tx.read();
        assert_eq!(read.page_documents().unwrap(), [id]);
        let (entry, stored) = read.stored_page(id).unwrap();
        assert_eq!(stored, page);
        assert_eq!(entry.document.text, "Some text.");
        assert_eq!(entry.extractor.as_deref(), Some("rs-trafilatura 0.2.2"));
    }
}
