//! Saved web pages kept beside their documents, and a document's metadata
//! with where each field was found.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

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
}
