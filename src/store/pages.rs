//! Saved web pages kept beside their documents, a document's metadata with
//! where each field was found, and what `ingest --reextract` reads and
//! writes.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::rows::fingerprint_blob;
use super::{Reader, Tx};
use crate::error::{Error, Result};
use crate::ingest::html::Page;
use crate::model::FieldSource;

/// A document's metadata and where each field was found, named as the
/// columns are.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentMetadata {
    /// Row id.
    pub id: i64,
    /// Outlet name.
    pub outlet: String,
    /// Where the outlet's name was found.
    pub outlet_from: Option<FieldSource>,
    /// Title.
    pub title: Option<String>,
    /// Where the title was found.
    pub title_from: Option<FieldSource>,
    /// URL.
    pub url: Option<String>,
    /// Where the url was found.
    pub url_from: Option<FieldSource>,
    /// Published date, ISO.
    pub published: Option<String>,
    /// Where the published date was found.
    pub published_from: Option<FieldSource>,
    /// Who wrote it.
    pub byline: Option<String>,
    /// Where the byline was found.
    pub byline_from: Option<FieldSource>,
    /// The extractor whose text is stored, for a web page.
    pub extractor: Option<String>,
}

/// A stored web page with what its document holds now.
#[derive(Debug, Clone)]
pub struct StoredPage {
    /// The document.
    pub document: i64,
    /// The file it was ingested from.
    pub source: Option<String>,
    /// The page's bytes, gzip-compressed.
    pub gzip: Vec<u8>,
    /// The document's published date.
    pub published: Option<NaiveDate>,
    /// The document's text.
    pub text: String,
    /// The extractor whose text that is.
    pub extractor: String,
}

/// Where a mention's quote lies in its document's text.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionSpan {
    /// The mention.
    pub id: i64,
    /// Its claim.
    pub claim: i64,
    /// The verbatim words.
    pub quote: String,
    /// Byte span start.
    pub span_start: usize,
    /// Byte span end.
    pub span_end: usize,
}

/// A document's new text from its page, with its mentions moved into it.
#[derive(Debug, Clone)]
pub struct NewText<'a> {
    /// The document.
    pub document: i64,
    /// The new text.
    pub text: &'a str,
    /// Its hash (see [`crate::ingest::content_hash`]).
    pub content_hash: &'a str,
    /// Its MinHash fingerprint.
    pub fingerprint: &'a [u64],
    /// The extractor that made it.
    pub extractor: &'a str,
    /// Each mention's place in the new text.
    pub mentions: &'a [MentionSpan],
}

impl Tx<'_> {
    /// Keeps a web page's bytes beside the document extracted from it.
    pub fn add_page(&self, document: i64, page: &Page) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO pages (document_id, gzip, size, charset, extractor)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                document,
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
        let old_hash: String = self
            .tx
            .prepare_cached("SELECT content_hash FROM documents WHERE id = ?1")?
            .query_row([new.document], |row| row.get(0))?;
        self.tx
            .prepare_cached(
                "UPDATE documents SET text = ?2, content_hash = ?3, fingerprint = ?4 WHERE id = ?1",
            )?
            .execute(params![
                new.document,
                new.text,
                new.content_hash,
                fingerprint_blob(new.fingerprint)
            ])?;
        self.tx
            .prepare_cached("UPDATE pages SET extractor = ?2 WHERE document_id = ?1")?
            .execute(params![new.document, new.extractor])?;
        let mut moved = self.tx.prepare_cached(
            "UPDATE mentions SET quote = ?2, span_start = ?3, span_end = ?4 WHERE id = ?1",
        )?;
        for m in new.mentions {
            moved.execute(params![
                m.id,
                m.quote,
                m.span_start as i64,
                m.span_end as i64
            ])?;
        }
        self.event(
            "reextract",
            "document",
            Some(new.document),
            &serde_json::json!({
                "extractor": new.extractor, "content_hash": new.content_hash,
                "previous_content_hash": old_hash, "mentions_moved": new.mentions.len(),
            }),
        )
    }
}

impl Reader<'_> {
    /// A document's metadata with where each field was found.
    pub fn document_metadata(&self, id: i64) -> Result<DocumentMetadata> {
        self.conn
            .prepare_cached(
                "SELECT d.id, o.name, d.outlet_from, d.title, d.title_from, d.url, d.url_from,
                        d.published, d.published_from, d.byline, d.byline_from, p.extractor
                 FROM documents d JOIN outlets o ON o.id = d.outlet_id
                 LEFT JOIN pages p ON p.document_id = d.id WHERE d.id = ?1",
            )?
            .query_row([id], |row| {
                Ok(DocumentMetadata {
                    id: row.get("id")?,
                    outlet: row.get("name")?,
                    outlet_from: row.get("outlet_from")?,
                    title: row.get("title")?,
                    title_from: row.get("title_from")?,
                    url: row.get("url")?,
                    url_from: row.get("url_from")?,
                    published: row.get("published")?,
                    published_from: row.get("published_from")?,
                    byline: row.get("byline")?,
                    byline_from: row.get("byline_from")?,
                    extractor: row.get("extractor")?,
                })
            })
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "document",
                key: id.to_string(),
            })
    }

    /// The documents that have a stored web page, by id.
    pub fn page_documents(&self) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT document_id FROM pages ORDER BY document_id")?;
        let ids = stmt.query_map([], |row| row.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// A document's stored page, with its text now (an id from
    /// [`Reader::page_documents`]).
    pub fn stored_page(&self, document: i64) -> Result<StoredPage> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT d.source, p.gzip, d.published, d.text, p.extractor
                 FROM pages p JOIN documents d ON d.id = p.document_id WHERE p.document_id = ?1",
            )?
            .query_row([document], |row| {
                let published: Option<String> = row.get("published")?;
                Ok(StoredPage {
                    document,
                    source: row.get("source")?,
                    gzip: row.get("gzip")?,
                    published: published.and_then(|p| crate::ingest::parse_date(&p)),
                    text: row.get("text")?,
                    extractor: row.get("extractor")?,
                })
            })?)
    }

    /// A document's mentions with their spans, by id.
    pub fn mention_spans(&self, document: i64) -> Result<Vec<MentionSpan>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, claim_id, quote, span_start, span_end FROM mentions
             WHERE document_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([document], |row| {
            Ok(MentionSpan {
                id: row.get("id")?,
                claim: row.get("claim_id")?,
                quote: row.get("quote")?,
                span_start: row.get::<_, i64>("span_start")? as usize,
                span_end: row.get::<_, i64>("span_end")? as usize,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
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
