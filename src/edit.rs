//! Hand edits: the claims and mentions a fact-checker adds by hand, through
//! `claim add` or an imported CSV. A hand-added mention is placed by its
//! verbatim words: their first occurrence in the document gives its span.

use std::ops::Range;

use crate::error::{Error, Result};
use crate::model::{ClaimKind, Stance};
use crate::store::{ClaimEdit, DocumentRow, NewClaim, NewMention, Tx};

/// A mention added by hand: the words a person copied from the document.
#[derive(Debug, Clone, Copy)]
pub struct HandMention<'a> {
    /// The claim it carries.
    pub claim_id: i64,
    /// The document that carries it.
    pub document: &'a DocumentRow,
    /// Who voiced it.
    pub speaker: Option<i64>,
    /// As stated; without one, [`Stance::default_for`] the speaker.
    pub stance: Option<Stance>,
    /// The verbatim words.
    pub quote: &'a str,
}

/// What `claim add` asks for: a mention by its words, and the claim it
/// carries, new or (with `claim`) already in the ledger.
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
    /// An existing claim to add the mention to, instead of a new claim.
    pub claim: Option<i64>,
    /// The new claim's fields, when `claim` is not given.
    pub fields: ClaimEdit<'a>,
}

/// The span of the first occurrence of `quote` in the document's text.
pub fn quote_span(document: &DocumentRow, quote: &str) -> Result<Range<usize>> {
    let start = document
        .text
        .find(quote)
        .ok_or_else(|| Error::QuoteNotFound {
            document: document.id,
            outlet: document.outlet.clone(),
        })?;
    Ok(start..start + quote.len())
}

/// Stores a claim added by hand, with the fields a person gives (those a
/// correction sets); returns its id. A quote claim made this way has no
/// speaker or quoted words: those come with a mention, as in [`add`].
pub fn add_claim(tx: &Tx<'_>, fields: &ClaimEdit<'_>) -> Result<i64> {
    store_claim(tx, fields, None, None)
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
    let claim_id = match add.claim {
        Some(id) => tx.read().claim(id)?.id,
        None => store_claim(tx, &add.fields, speaker, Some(add.quote))?,
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
        &NewMention {
            claim_id: mention.claim_id,
            document_id: mention.document.id,
            actor_id: mention.speaker,
            stance: mention
                .stance
                .unwrap_or(Stance::default_for(mention.speaker.is_some())),
            span,
            relayed_by: None,
            confidence: None,
        },
        &mention.document.text,
        true,
    )
}

/// Stores a new hand-made claim; a quote claim keeps its speaker and words.
fn store_claim(
    tx: &Tx<'_>,
    fields: &ClaimEdit<'_>,
    speaker: Option<i64>,
    quoted: Option<&str>,
) -> Result<i64> {
    let quote = fields.kind == ClaimKind::Quote;
    tx.add_claim(
        &NewClaim {
            kind: Some(fields.kind),
            text: fields.text,
            measure: fields.measure,
            low: fields.low,
            // A single figure gives only its low end.
            high: fields.high.or(fields.low),
            unit: fields.unit,
            speaker_id: speaker.filter(|_| quote),
            quoted: quoted.filter(|_| quote),
            ..NewClaim::default()
        },
        true,
    )
}
