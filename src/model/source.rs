//! Who publishes and who speaks: outlets, the links that say two are not
//! independent, their documents, and actors.

use chrono::NaiveDate;
use serde::Serialize;

use super::words::{ActorKind, OutletKind, OutletRelation};

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
    /// SHA-256 (hex) of the text with whitespace collapsed: the same text
    /// from the same outlet is one document, from another a reprint.
    #[serde(skip)]
    pub content_hash: String,
    /// The full text; mention spans are byte offsets into it.
    pub text: Text,
}

impl<Text> Document<Text> {
    /// The document with `text` for what it holds of its text.
    pub fn with_text<T>(self, text: T) -> Document<T> {
        Document {
            id: self.id,
            outlet_id: self.outlet_id,
            title: self.title,
            url: self.url,
            published: self.published,
            source: self.source,
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
