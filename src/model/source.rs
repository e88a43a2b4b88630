//! Who publishes and who speaks: outlets, the links that say two are not
//! independent, their documents, and actors.

use chrono::NaiveDate;
use serde::Serialize;

use super::words::{ActorKind, FieldSource, OutletKind, OutletRelation};

/// A publisher: Press TV, The Moscow Times, AFP (a row of `outlets`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlet {
    /// Row id; 0 before it is stored.
    pub id: i64,
    /// Its name, unique whatever the case.
    pub name: String,
    /// What sort of publisher it is.
    pub kind: OutletKind,
    /// Country, free text.
    pub country: Option<String>,
    /// Owner, free text.
    pub owner: Option<String>,
}

/// Two outlets that are not independent (a row of `outlet_links`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutletLink {
    /// The outlet that is not independent.
    pub from_outlet: i64,
    /// The outlet it depends on.
    pub to_outlet: i64,
    /// Copies, same-owner or cites.
    pub relation: OutletRelation,
    /// Why, in words.
    pub note: Option<String>,
}

/// One article or statement of one outlet (a row of `documents`).
///
/// `Text` is what is held of its text: the text itself (`String`), a
/// borrowed one while ingest stores it (`&str`), or nothing (`()`) where
/// only the document's place is read. The corroboration pass reads every
/// document but never its text, which is most of the ledger's bytes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(bound(serialize = "Text: Serialize + TextHeld"))]
pub struct Document<Text = String> {
    /// Row id; 0 before it is stored.
    pub id: i64,
    /// The outlet that published it.
    pub outlet_id: i64,
    /// Title.
    pub title: Option<String>,
    /// URL, unique in the ledger.
    pub url: Option<String>,
    /// The day it was published.
    pub published: Option<NaiveDate>,
    /// Where it was ingested from (a file path).
    pub source: Option<String>,
    /// Who wrote it.
    pub byline: Option<String>,
    /// Where its title, outlet, url, published date and byline were found.
    #[serde(flatten)]
    pub sources: Sources,
    /// SHA-256 (hex) of the text with whitespace collapsed: the same text
    /// from the same outlet is one document, from another a reprint.
    #[serde(skip)]
    pub content_hash: String,
    /// The full text; mention spans are byte offsets into it.
    #[serde(skip_serializing_if = "TextHeld::is_none")]
    pub text: Text,
}

/// What a [`Document`] holds of its text, for a record that shows the
/// document without it.
pub trait TextHeld {
    /// Whether nothing of the text is held.
    fn is_none(&self) -> bool;
}

impl TextHeld for String {
    fn is_none(&self) -> bool {
        false
    }
}

impl TextHeld for &str {
    fn is_none(&self) -> bool {
        false
    }
}

impl TextHeld for () {
    fn is_none(&self) -> bool {
        true
    }
}

/// Where each of a document's title, outlet, address, published date and
/// byline was found (none where the field is empty, and for documents
/// ingested before schema 6): the `*_from` columns of `documents`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Sources {
    /// Of the title.
    #[serde(rename = "title_from")]
    pub title: Option<FieldSource>,
    /// Of the outlet's name.
    #[serde(rename = "outlet_from")]
    pub outlet: Option<FieldSource>,
    /// Of the address.
    #[serde(rename = "url_from")]
    pub url: Option<FieldSource>,
    /// Of the published date.
    #[serde(rename = "published_from")]
    pub published: Option<FieldSource>,
    /// Of the byline.
    #[serde(rename = "byline_from")]
    pub byline: Option<FieldSource>,
}

/// A saved web page kept beside the document extracted from it (a row of
/// `pages`), so a later extractor can run again.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The document whose text was extracted from it; 0 before it is stored.
    pub document_id: i64,
    /// The file's bytes, gzip-compressed.
    pub gzip: Vec<u8>,
    /// The file's size in bytes.
    pub size: u64,
    /// The encoding its characters were read with (WHATWG name).
    pub charset: String,
    /// The extractor and version whose text is the document's text.
    pub extractor: String,
}

impl<Text> Document<Text> {
    /// A document of outlet `outlet_id` holding `text`, with the hash of
    /// its text and nothing else known of it yet: no id, title, address,
    /// date, source or byline.
    pub fn new(outlet_id: i64, content_hash: String, text: Text) -> Document<Text> {
        Document {
            id: 0,
            outlet_id,
            title: None,
            url: None,
            published: None,
            source: None,
            byline: None,
            sources: Sources::default(),
            content_hash,
            text,
        }
    }

    /// The document with `text` for what it holds of its text.
    pub fn with_text<T>(self, text: T) -> Document<T> {
        Document {
            id: self.id,
            outlet_id: self.outlet_id,
            title: self.title,
            url: self.url,
            published: self.published,
            source: self.source,
            byline: self.byline,
            sources: self.sources,
            content_hash: self.content_hash,
            text,
        }
    }

    /// The document without its text.
    pub fn without_text(self) -> Document<()> {
        self.with_text(())
    }
}

/// A person, organization or state that speaks or is spoken about, with
/// the other names it goes by (a row of `actors`, with its
/// `actor_aliases`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actor {
    /// Row id; 0 before it is stored.
    pub id: i64,
    /// Canonical name: "Nikol Pashinyan".
    pub name: String,
    /// Person, organization, state or unknown.
    pub kind: ActorKind,
    /// Other names, as written: "Armenian Prime Minister Nikol Pashinyan".
    pub aliases: Vec<String>,
}
