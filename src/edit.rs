//! Hand edits: the claims and mentions a fact-checker adds by hand, through
//! `claim add` or an imported CSV. A hand-added mention is placed by its
//! verbatim words: their first occurrence in the document gives its span.

use std::ops::Range;

use crate::error::{Error, Result};
use crate::model::{Claim, ClaimKind, DocumentEntry, Mention, Origin, Stance};
use crate::store::Tx;

/// A mention added by hand: the words a person copied from the document.
#[derive(Debug, Clone, Copy)]
pub struct HandMention<'a> {
    /// The claim it carries.
    pub claim_id: i64,
    /// The document that carries it.
    pub document: &'a DocumentEntry,
    /// Who voiced it.
    pub speaker: Option<i64>,
    /// As stated; without one, [`Stance::default_for`] the speaker.
    pub stance: Option<Stance>,
    /// The verbatim words.
    pub quote: &'a str,
}

/// The claim a hand-added mention carries.
#[derive(Debug, Clone)]
pub enum HandClaim {
    /// A claim already in the ledger, by id.
    Existing(i64),
    /// A new claim (made by [`Claim::by_hand`]); a quote claim takes the
    /// mention's speaker and words.
    New(Claim),
}

/// What `claim add` asks for: a mention by its words, and the claim it
/// carries.
#[derive(Debug, Clone)]
pub struct HandAdd<'a> {
    /// The document that carries the claim.
    pub document: i64,
    /// The verbatim words in the document.
    pub quote: &'a str,
    /// Who voiced it: an actor's name or alias, created if new.
    pub speaker: Option<&'a str>,
    /// As stated; without one, [`Stance::default_for`] the speaker.
    pub stance: Option<Stance>,
    /// The claim it carries.
    pub claim: HandClaim,
}

/// The span of the first occurrence of `quote` in the document's text.
pub fn quote_span(document: &DocumentEntry, quote: &str) -> Result<Range<usize>> {
    let start = document
        .document
        .text
        .find(quote)
        .ok_or_else(|| Error::QuoteNotFound {
            document: document.document.id,
            outlet: document.outlet.clone(),
        })?;
    Ok(start..start + quote.len())
}

/// Stores a mention added by hand; returns its id, or `None` when the
/// claim already has this mention.
pub fn add_mention(tx: &Tx<'_>, mention: &HandMention<'_>) -> Result<Option<i64>> {
    let span = quote_span(mention.document, mention.quote)?;
    store_mention(tx, mention, span)
}

/// Adds what `claim add` asks for; returns the claim's id and the new
/// mention's, or `None` when the claim already has this mention. The
/// words are looked up first, so a quote that is not in the document
/// changes nothing else.
pub fn add(tx: &Tx<'_>, add: &HandAdd<'_>) -> Result<(i64, Option<i64>)> {
    let document = tx.read().document(add.document)?;
    let span = quote_span(&document, add.quote)?;
    let speaker = add
        .speaker
        .map(|name| tx.actor_for(name, None))
        .transpose()?;
    let claim_id = match &add.claim {
        HandClaim::Existing(id) => tx.read().claim(*id)?.claim.id,
        HandClaim::New(claim) => {
            // A quote is its speaker's; a claim holds for the day given,
            // else the day its document was published, as an extracted one.
            let speaker_id = match claim.kind() {
                ClaimKind::Quote => speaker,
                _ => claim.speaker_id,
            };
            let claim = Claim {
                speaker_id,
                as_of: claim.as_of.or(document.document.published),
                ..claim.clone()
            };
            tx.add_claim(&claim, None, None)?
        }
    };
    let mention = HandMention {
        claim_id,
        document: &document,
        speaker,
        stance: add.stance,
        quote: add.quote,
    };
    Ok((claim_id, store_mention(tx, &mention, span)?))
}

/// Stores `mention` at `span`, its quote's place in the document.
fn store_mention(
    tx: &Tx<'_>,
    mention: &HandMention<'_>,
    span: Range<usize>,
) -> Result<Option<i64>> {
    tx.add_mention(
        &Mention {
            id: 0,
            claim_id: mention.claim_id,
            document_id: mention.document.document.id,
            actor_id: mention.speaker,
            stance: mention
                .stance
                .unwrap_or(Stance::default_for(mention.speaker.is_some())),
            quote: mention.quote.to_string(),
            span,
            relayed_by: None,
            origin: Origin::Manual,
        },
        &mention.document.document.text,
        None,
    )
}
