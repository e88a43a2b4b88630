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

/// Writes schema.org ClaimReview JSON-LD, one object per rated claim: the
/// claim, who said it, where it appeared, and the fact-checker's rating.
/// Returns how many claims were written.
pub fn write_claimreview(out: &mut dyn Write, reader: Reader<'_>) -> Result<usize> {
    // A rating and its claim's mentions are read from the same state.
    let reviews = reader.snapshot(|| claim_reviews(reader))?;
    output::write_json(out, &reviews)?;
    Ok(reviews.len())
}

/// One ClaimReview object per rated claim.
fn claim_reviews(reader: Reader<'_>) -> Result<Vec<serde_json::Value>> {
    use serde_json::{json, Value};
    let mut reviews = Vec::new();
    for rating in reader.ratings()? {
        let entry = reader.claim(rating.claim_id)?;
        let claim = &entry.claim;
        // Where the proposition appeared: its cluster's mentions once checked.
        let mut mentions = reader.verdict_mentions(claim.id)?;
        if mentions.is_empty() {
            mentions = reader.mentions_of(claim.id)?;
        }
        let appearance: Vec<Value> = mentions
            .iter()
            .map(|m| {
                let mut work = json!({
                    "@type": "CreativeWork",
                    "publisher": { "@type": "Organization", "name": m.outlet },
                });
                for (key, value) in [("url", &m.url), ("headline", &m.title)] {
                    if let Some(value) = value {
                        work[key] = json!(value);
                    }
                }
                if let Some(published) = m.published {
                    work["datePublished"] = json!(published);
                }
                work
            })
            .collect();
        // The speaker is the claim's own, else the first mention's voice,
        // else the first outlet that carried it.
        let author = entry
            .speaker
            .as_ref()
            .or_else(|| mentions.iter().find_map(|m| m.speaker.as_ref()))
            .or_else(|| mentions.first().map(|m| &m.outlet))
            .map(|name| json!({ "@type": "Thing", "name": name }));
        let mut item = json!({ "@type": "Claim", "appearance": appearance });
        if let Some(author) = author {
            item["author"] = author;
        }
        if let Some(first) = mentions.iter().filter_map(|m| m.published).min() {
            item["datePublished"] = json!(first);
        }
        let mut review = json!({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": claim.text,
            "itemReviewed": item,
            "reviewRating": { "@type": "Rating", "alternateName": rating.rating },
            "datePublished": rating.rated_at.get(..10).unwrap_or(&rating.rated_at),
        });
        if let Some(by) = &rating.rated_by {
            review["author"] = json!({ "@type": "Organization", "name": by });
        }
        reviews.push(review);
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
