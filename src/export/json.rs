//! `export json`: the whole ledger as one document, ordered by id,
//! documents with their full text under `"text"` so that mention spans can
//! be checked against it, each claim in the one shape the listings and the
//! report give it, with its mentions and links. And `export claimreview`:
//! schema.org ClaimReview JSON-LD for the rated claims.

use std::io::Write;

use serde::ser::{Error as _, SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

use crate::error::{Error, Result};
use crate::output::{self, ClaimInFull};
use crate::store::Reader;

/// Every document, streamed.
struct Documents<'r>(Reader<'r>);

impl Serialize for Documents<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.0
            .stream_documents(|rows| {
                let mut seq = serializer.serialize_seq(None)?;
                for row in rows {
                    seq.serialize_element(&row.map_err(S::Error::custom)?)?;
                }
                seq.end()
            })
            .map_err(S::Error::custom)?
    }
}

/// Every claim with its mentions and links, streamed.
struct Claims<'r>(Reader<'r>);

impl Serialize for Claims<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        // The serializer's error is kept as it is: it may be a closed pipe.
        let mut failed = None;
        let streamed = self.0.stream_claims_in_full(|claim, mentions, links| {
            seq.serialize_element(&ClaimInFull {
                claim: &claim,
                mentions: &mentions,
                links: &links,
            })
            .map_err(|e| {
                failed = Some(e);
                Error::Output(std::io::Error::other("JSON export stopped"))
            })
        });
        if let Some(e) = failed {
            return Err(e);
        }
        streamed.map_err(S::Error::custom)?;
        seq.end()
    }
}

/// The whole ledger as one JSON document.
struct WholeLedger<'r>(Reader<'r>);

impl Serialize for WholeLedger<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let reader = self.0;
        let mut outlets = reader.outlets().map_err(S::Error::custom)?;
        outlets.sort_by_key(|o| o.outlet.id);
        let outlet_links = reader.outlet_links().map_err(S::Error::custom)?;
        let mut actors = reader.actors().map_err(S::Error::custom)?;
        actors.sort_by_key(|a| a.actor.id);
        let mut doc = serializer.serialize_struct("ledger", 5)?;
        doc.serialize_field("outlets", &outlets)?;
        doc.serialize_field("outlet_links", &outlet_links)?;
        doc.serialize_field("actors", &actors)?;
        doc.serialize_field("documents", &Documents(reader))?;
        doc.serialize_field("claims", &Claims(reader))?;
        doc.end()
    }
}

/// Writes the whole ledger as one pretty JSON document, ordered by id.
/// Documents and claims are streamed; outlets and actors are few.
pub fn write_json(out: &mut dyn Write, reader: Reader<'_>) -> Result<()> {
    // One snapshot, so every claim's documents and outlets are in the file.
    // It lasts while the file is written: a slow reader of `-o -` holds
    // back WAL checkpoints meanwhile, as a report does.
    reader.snapshot(|| output::write_json(out, &WholeLedger(reader)))
}

/// Writes schema.org ClaimReview JSON-LD, one object per rated claim, as
/// Google's fact-check markup documentation asks for it: the review's
/// `url` (the fact-check article, from `claim rate --url`), its `author`
/// (the organization that rated it: the rating's `--by`, else
/// `reviewer`), a short `claimReviewed`, the claim (`itemReviewed`) with
/// its author, first date and every appearance, and the `reviewRating`.
/// Returns how many claims were written.
///
/// The file is meant for a web page's `<script type="application/ld+json">`
/// element, so every `<`, `>` and `&` in it is written as a JSON escape
/// (`\u003c`, ...; the same text to a JSON reader), and no string can end
/// the element; an address that is not http or https is left out.
pub fn write_claimreview(
    out: &mut dyn Write,
    reader: Reader<'_>,
    reviewer: Option<&str>,
) -> Result<usize> {
    // A rating and its claim's mentions are read from the same state.
    let reviews = reader.snapshot(|| claim_reviews(reader, reviewer))?;
    let mut text = Vec::new();
    output::write_json(&mut text, &reviews)?;
    out.write_all(&script_safe(&text)).map_err(Error::Output)?;
    Ok(reviews.len())
}

/// JSON text with `<`, `>`, `&` and the JavaScript line separators written
/// as `\u` escapes. JSON allows these characters only inside strings,
/// where the escape means the same character.
pub fn script_safe(json: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(json);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.into_bytes()
}

/// The longest `claimReviewed`, in characters: Google asks for a short
/// summary, under 75 characters, so it does not wrap on a phone.
pub const CLAIM_REVIEWED_CHARS: usize = 75;

/// The claim's text cut at a word to at most [`CLAIM_REVIEWED_CHARS`]
/// characters, with an ellipsis when it was cut.
fn short_claim(text: &str) -> String {
    let text = output::one_line(text);
    if text.chars().count() <= CLAIM_REVIEWED_CHARS {
        return text;
    }
    let mut short = String::new();
    for word in text.split(' ') {
        if short.chars().count() + word.chars().count() + 2 > CLAIM_REVIEWED_CHARS {
            break;
        }
        if !short.is_empty() {
            short.push(' ');
        }
        short.push_str(word);
    }
    if short.is_empty() {
        short = text.chars().take(CLAIM_REVIEWED_CHARS - 1).collect();
    }
    short.push('…');
    short
}

/// One ClaimReview object per rated claim.
fn claim_reviews(reader: Reader<'_>, reviewer: Option<&str>) -> Result<Vec<serde_json::Value>> {
    use crate::model::ActorKind;
    use crate::untrusted::web_url;
    use serde_json::{json, Value};
    let kinds: std::collections::HashMap<String, ActorKind> = reader
        .actors()?
        .into_iter()
        .map(|a| (a.actor.name, a.actor.kind))
        .collect();
    let mut reviews = Vec::new();
    for rating in reader.ratings()? {
        let entry = reader.claim(rating.claim_id)?;
        let claim = &entry.claim;
        let missing = |what: &str| {
            Error::invalid(
                "claimreview",
                format!(
                    "claim {}'s rating has no {what}, which ClaimReview requires",
                    claim.id
                ),
            )
        };
        let url = rating.url.as_deref().and_then(web_url).ok_or_else(|| {
            missing("--url (the address of the fact-check article); rate it again with --url")
        })?;
        let author = rating
            .rated_by
            .as_deref()
            .or(reviewer)
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .ok_or_else(|| {
                missing(
                    "reviewer: rate it with --by, or pass --reviewer (or set CLAIMLEDGER_REVIEWER)",
                )
            })?;
        // Where the proposition appeared: its cluster's mentions once checked.
        let mut mentions = reader.verdict_mentions(claim.id)?;
        if mentions.is_empty() {
            mentions = reader.mentions_of(claim.id)?;
        }
        let work = |m: &crate::model::MentionEntry| {
            let mut work = json!({
                "@type": "CreativeWork",
                "publisher": { "@type": "Organization", "name": m.outlet },
            });
            if let Some(url) = m.url.as_deref().and_then(web_url) {
                work["url"] = json!(url);
            }
            if let Some(title) = &m.title {
                work["headline"] = json!(title);
            }
            if let Some(published) = m.published {
                work["datePublished"] = json!(published);
            }
            work
        };
        let appearance: Vec<Value> = mentions.iter().map(work).collect();
        // The speaker is the claim's own, else the first mention's voice
        // (a Person unless the ledger knows it as an organization or a
        // state), else the first outlet that carried it (an Organization).
        let speaker = entry
            .speaker
            .as_ref()
            .or_else(|| mentions.iter().find_map(|m| m.speaker.as_ref()));
        let author_of_claim = match speaker {
            Some(name) => {
                let kind = match kinds.get(name) {
                    Some(ActorKind::Organization | ActorKind::State) => "Organization",
                    _ => "Person",
                };
                Some(json!({ "@type": kind, "name": name }))
            }
            None => mentions
                .first()
                .map(|m| json!({ "@type": "Organization", "name": m.outlet })),
        };
        let mut item = json!({ "@type": "Claim", "appearance": appearance });
        if let Some(author) = author_of_claim {
            item["author"] = author;
        }
        let first = mentions
            .iter()
            .filter(|m| m.published.is_some())
            .min_by_key(|m| (m.published, m.mention.id));
        if let Some(first) = first {
            item["datePublished"] = json!(first.published);
            item["firstAppearance"] = work(first);
        }
        let mut review_rating = json!({ "@type": "Rating", "alternateName": rating.rating });
        if let Some(scale) = rating.scale {
            review_rating["ratingValue"] = json!(scale.rating_value);
            review_rating["bestRating"] = json!(scale.best_rating);
            review_rating["worstRating"] = json!(scale.worst_rating);
        }
        reviews.push(json!({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": url,
            "claimReviewed": short_claim(&claim.text),
            "author": { "@type": "Organization", "name": author },
            "itemReviewed": item,
            "reviewRating": review_rating,
            "datePublished": rating.rated_at.get(..10).unwrap_or(&rating.rated_at),
        }));
    }
    Ok(reviews)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::export::tests::small_ledger;
    use crate::model::{Claim, ClaimBody};
    use crate::store::Ledger;

    /// An output that, at its first write, adds a claim to the ledger
    /// through another connection: a fact-checker ingesting meanwhile.
    struct IngestMidway {
        db: PathBuf,
        written: Vec<u8>,
    }

    impl Write for IngestMidway {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.written.is_empty() {
                let mut other = Ledger::open(&self.db).expect("open");
                let tx = other.begin().expect("begin");
                let claim = Claim::by_hand("added meanwhile", ClaimBody::Statement);
                tx.add_claim(&claim, None, None).expect("claim");
                tx.commit().expect("commit");
            }
            self.written.extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn json_export_reads_one_state_of_the_ledger() {
        let dir = tempfile::tempdir().expect("tempdir");
        let ledger = small_ledger(dir.path(), "cold");
        let mut out = IngestMidway {
            db: dir.path().join("l.db"),
            written: Vec::new(),
        };
        write_json(&mut out, ledger.read()).expect("json");
        let json: serde_json::Value = serde_json::from_slice(&out.written).expect("parse");
        let texts: Vec<&str> = json["claims"]
            .as_array()
            .expect("claims")
            .iter()
            .map(|c| c["text"].as_str().expect("text"))
            .collect();
        // The claim added after the export began is not half in it.
        assert_eq!(texts, ["cold"]);
        let mut after = Vec::new();
        write_json(&mut after, ledger.read()).expect("json");
        let json: serde_json::Value = serde_json::from_slice(&after).expect("parse");
        assert_eq!(json["claims"].as_array().expect("claims").len(), 2);
    }
}
