//! Saved web pages kept beside their documents.

use rusqlite::params;

use super::Tx;
use crate::error::Result;
use crate::ingest::html::Page;

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
