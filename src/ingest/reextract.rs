//! `ingest --reextract`: every stored web page's article text extracted
//! again by this build, so a better extractor improves documents ingested
//! before it. A document takes the new text only when each of its mentions'
//! quotes is still in it (whitespace aside): its mentions move to their
//! new spans, and the claims of sentences new to it are added. Otherwise the
//! document keeps its text, and the result says which mention held it.

use std::io::Read;
use std::ops::Range;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::ingest::{content_hash, html, store_claims, MAX_ARTICLE_BYTES};
use crate::model::{DocumentEntry, Mention, Page};
use crate::store::{Ledger, NewText, Tx};

/// What extracting a document's page again did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reextracted {
    /// The document.
    pub document_id: i64,
    /// `updated`, `unchanged`, or `kept` (new text found, old one kept).
    pub result: &'static str,
    /// The extractor whose text the document holds now.
    pub extractor: String,
    /// Claim mentions added from the new text.
    pub claim_count: usize,
    /// Why a document kept its text.
    pub detail: Option<String>,
}

impl crate::output::Record for Reextracted {
    const FIELDS: &'static [&'static str] = &[
        "document_id",
        "result",
        "extractor",
        "claim_count",
        "detail",
    ];
    const TABLE: &'static [&'static str] = &[
        "result",
        "document_id",
        "extractor",
        "claim_count",
        "detail",
    ];
}

/// Extracts every stored page again, in one transaction; `progress` hears
/// of each document.
pub fn reextract(
    ledger: &mut Ledger,
    extract_claims: bool,
    progress: &mut dyn FnMut(&Reextracted),
) -> Result<Vec<Reextracted>> {
    let tx = ledger.begin_bulk()?;
    let mut out = Vec::new();
    for document in tx.read().page_documents()? {
        let (stored, page) = tx.read().stored_page(document)?;
        let done = reextract_one(&tx, &stored, &page, extract_claims)?;
        progress(&done);
        out.push(done);
    }
    tx.commit()?;
    Ok(out)
}

fn reextract_one(
    tx: &Tx<'_>,
    stored: &DocumentEntry,
    page: &Page,
    extract_claims: bool,
) -> Result<Reextracted> {
    let document = stored.document.id;
    let kept = |detail: String| Reextracted {
        document_id: document,
        result: "kept",
        extractor: page.extractor.clone(),
        claim_count: 0,
        detail: Some(detail),
    };
    let bytes = gunzip(&page.gzip).map_err(|e| Error::Page {
        path: stored
            .document
            .source
            .clone()
            .unwrap_or_else(|| format!("document {document}"))
            .into(),
        message: format!("the stored page of document {document} cannot be read: {e}"),
    })?;
    let decoded = html::charset::decode(&bytes);
    let Some(body) = html::extract_text(&decoded.text).0 else {
        return Ok(kept(
            "the extractor finds no article text in the page".into(),
        ));
    };
    if body.text == stored.document.text {
        return Ok(Reextracted {
            document_id: document,
            result: "unchanged",
            extractor: page.extractor.clone(),
            claim_count: 0,
            detail: None,
        });
    }
    let hash = content_hash(&body.text);
    if let Some(other) = tx.read().same_text(document, &hash)? {
        return Ok(kept(format!(
            "the new text is the text of document {other} of the same outlet"
        )));
    }
    let mut moved: Vec<Mention> = Vec::new();
    let squeezed = Squeezed::new(&body.text);
    for mention in tx.read().mentions_in(document)? {
        let Some(span) = squeezed.find(&mention.quote, mention.span.start) else {
            return Ok(kept(format!(
                "the quote of mention M{} is not in the new text",
                mention.id
            )));
        };
        if moved
            .iter()
            .any(|m| m.claim_id == mention.claim_id && m.span == span)
        {
            return Ok(kept(format!(
                "mention M{} would fall on another mention of its claim",
                mention.id
            )));
        }
        moved.push(Mention {
            quote: body.text[span.clone()].to_string(),
            span,
            ..mention
        });
    }
    let document_now = stored.document.clone().with_text(body.text.as_str());
    tx.replace_text(&NewText {
        document: crate::model::Document {
            content_hash: hash,
            ..document_now
        },
        fingerprint: &crate::corroborate::fingerprint(&body.text),
        extractor: body.extractor,
        mentions: &moved,
    })?;
    // Claims of the sentences the old text did not have: a sentence that
    // kept its mentions keeps its claims (a claim without an identity key,
    // such as a bare count of "people", would otherwise come twice).
    let claims = if extract_claims {
        let mut claims = crate::extract::extract(&body.text, stored.document.published);
        claims.retain(|c| !moved.iter().any(|m| m.span == c.mention.span));
        store_claims(tx, document, &body.text, &claims)?
    } else {
        0
    };
    Ok(Reextracted {
        document_id: document,
        result: "updated",
        extractor: body.extractor.to_string(),
        claim_count: claims,
        detail: None,
    })
}

fn gunzip(gzip: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(gzip)
        .take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A text without its whitespace, to find a quote whatever its spacing.
struct Squeezed {
    squeezed: String,
    /// For each byte of `squeezed`, its offset in `text`.
    offsets: Vec<usize>,
}

impl Squeezed {
    fn new(text: &str) -> Self {
        let mut squeezed = String::with_capacity(text.len());
        let mut offsets = Vec::with_capacity(text.len());
        for (at, c) in text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
            squeezed.push(c);
            offsets.extend(at..at + c.len_utf8());
        }
        Squeezed { squeezed, offsets }
    }

    /// The span of `quote`, whitespace aside, nearest to byte `near`.
    fn find(&self, quote: &str, near: usize) -> Option<Range<usize>> {
        let needle: String = quote.chars().filter(|c| !c.is_whitespace()).collect();
        if needle.is_empty() {
            return None;
        }
        let last_len = needle.chars().next_back().map_or(1, char::len_utf8);
        self.squeezed
            .match_indices(&needle)
            .map(|(at, _)| {
                let last = self.offsets[at + needle.len() - last_len];
                self.offsets[at]..last + last_len
            })
            .min_by_key(|span| span.start.abs_diff(near))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_is_found_whatever_its_spacing() {
        let text = "One said it.\n\nTwo said it.\n\nOne said it.";
        let squeezed = Squeezed::new(text);
        assert_eq!(squeezed.find("Two said  it.", 0), Some(14..26));
        assert_eq!(squeezed.find("One said it.", 30), Some(28..40));
        assert_eq!(squeezed.find("One said it.", 3), Some(0..12));
        assert_eq!(squeezed.find("it.Two", 0), Some(9..17));
        assert_eq!(squeezed.find("Three", 0), None);
        assert_eq!(squeezed.find("  ", 0), None);
        let accents = Squeezed::new("caf\u{e9} \u{e9}t\u{e9}");
        assert_eq!(accents.find("\u{e9}\u{e9}t\u{e9}", 0), Some(3..11));
    }
}
