//! Things as the ledger shows them to people and programs: each with the
//! names beside its ids and what the ledger counts or judged of it. Each
//! is the one shape of its thing in every listing, report and export, and
//! its fields are the schema's column names; a field that is not a column
//! names the column it shows (`speaker` for the actor of `speaker_id`,
//! `outlet` for the outlet's `name`) or counts rows (`mention_count`).

use chrono::NaiveDate;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

use super::claim::{Claim, ClaimLink, Mention, Suggestion};
use super::source::{Actor, Document, Outlet, TextHeld};
use super::verdict::Verdict;
use super::words::OutletKind;

/// A claim with its speaker's name, its verdict and how it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimEntry {
    /// The claim.
    pub claim: Claim,
    /// The name of its speaker.
    pub speaker: Option<String>,
    /// Its cluster's verdict, once checked.
    pub verdict: Option<Verdict>,
    /// How many mentions it has; `None` where a reader does not count them.
    pub mention_count: Option<i64>,
    /// The newest fact-checker's rating, with who gave it: "False (Desk A)".
    pub rating: Option<String>,
}

impl ClaimEntry {
    /// How many fields [`ClaimEntry::serialize_fields`] writes.
    pub const FIELD_COUNT: usize = 20;

    /// Writes the claim's fields, in order, into a struct being serialized:
    /// for the records that hold a claim and more.
    pub fn serialize_fields<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error> {
        let c = &self.claim;
        let q = c.quantity();
        let v = self.verdict.as_ref();
        s.serialize_field("id", &c.id)?;
        s.serialize_field("text", &c.text)?;
        s.serialize_field("kind", &c.kind())?;
        s.serialize_field("measure", &q.map(|q| &q.measure))?;
        s.serialize_field("low", &q.map(|q| q.low))?;
        s.serialize_field("high", &q.map(|q| q.high))?;
        s.serialize_field("unit", &q.and_then(|q| q.unit.as_ref()))?;
        s.serialize_field("hedge", &q.and_then(|q| q.hedge.as_ref()))?;
        s.serialize_field("speaker", &self.speaker)?;
        s.serialize_field("quoted", &c.quoted())?;
        s.serialize_field("as_of", &c.as_of)?;
        s.serialize_field("origin", &c.origin)?;
        s.serialize_field("retracted_why", &c.retracted_why)?;
        s.serialize_field("status", &v.map(|v| v.status))?;
        s.serialize_field("independent_sources", &v.map(|v| v.independent_sources))?;
        s.serialize_field("outlets", &OutletNames(v))?;
        s.serialize_field("reason", &v.map(|v| &v.reason))?;
        s.serialize_field("cluster_id", &v.map(|v| v.cluster_id))?;
        s.serialize_field("mention_count", &self.mention_count)?;
        s.serialize_field("rating", &self.rating)
    }
}

impl Serialize for ClaimEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("claim", Self::FIELD_COUNT)?;
        self.serialize_fields(&mut s)?;
        s.end()
    }
}

/// A verdict's outlets, as a list of names (none before a check).
struct OutletNames<'a>(Option<&'a Verdict>);

impl Serialize for OutletNames<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.into_iter().flat_map(Verdict::outlet_names))
    }
}

/// A suggestion with both of its claims as the ledger shows them, so a
/// person can decide without looking each up.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestionEntry {
    /// The pair, its score and why it was not joined.
    pub suggestion: Suggestion,
    /// The claim of `from_claim`.
    pub from: ClaimEntry,
    /// The claim of `to_claim`.
    pub to: ClaimEntry,
}

impl Serialize for SuggestionEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let g = &self.suggestion;
        let mut s = serializer.serialize_struct("suggestion", 12)?;
        s.serialize_field("from_claim", &g.from_claim)?;
        s.serialize_field("to_claim", &g.to_claim)?;
        s.serialize_field("score", &g.score)?;
        s.serialize_field("note", &g.note)?;
        let sides = [
            (
                &self.from,
                ["from_speaker", "from_text", "from_status", "from_outlets"],
            ),
            (
                &self.to,
                ["to_speaker", "to_text", "to_status", "to_outlets"],
            ),
        ];
        for (claim, [speaker, text, status, outlets]) in sides {
            let v = claim.verdict.as_ref();
            s.serialize_field(speaker, &claim.speaker)?;
            s.serialize_field(text, &claim.claim.text)?;
            s.serialize_field(status, &v.map(|v| v.status))?;
            s.serialize_field(outlets, &OutletNames(v))?;
        }
        s.end()
    }
}

/// A mention with its speaker's name and where it appeared: its
/// document's outlet, title, url and date.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionEntry {
    /// The mention.
    pub mention: Mention,
    /// The name of who voiced it, if not the outlet.
    pub speaker: Option<String>,
    /// The document's outlet's name.
    pub outlet: String,
    /// The outlet's kind.
    pub outlet_kind: OutletKind,
    /// The document's title.
    pub title: Option<String>,
    /// The document's url.
    pub url: Option<String>,
    /// The day the document was published.
    pub published: Option<NaiveDate>,
}

impl Serialize for MentionEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let m = &self.mention;
        let mut s = serializer.serialize_struct("mention", 15)?;
        s.serialize_field("id", &m.id)?;
        s.serialize_field("claim_id", &m.claim_id)?;
        s.serialize_field("document_id", &m.document_id)?;
        s.serialize_field("outlet", &self.outlet)?;
        s.serialize_field("outlet_kind", &self.outlet_kind)?;
        s.serialize_field("title", &self.title)?;
        s.serialize_field("url", &self.url)?;
        s.serialize_field("published", &self.published)?;
        s.serialize_field("speaker", &self.speaker)?;
        s.serialize_field("stance", &m.stance)?;
        s.serialize_field("quote", &m.quote)?;
        s.serialize_field("span_start", &m.span.start)?;
        s.serialize_field("span_end", &m.span.end)?;
        s.serialize_field("relayed_by", &m.relayed_by)?;
        s.serialize_field("origin", &m.origin)?;
        s.end()
    }
}

/// An outlet with how many documents it published.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutletEntry {
    /// The outlet.
    #[serde(flatten)]
    pub outlet: Outlet,
    /// How many documents it published.
    pub document_count: i64,
    /// The other outlets whose names print like this one's (the same
    /// confusable skeleton), as "O3 Rеuters; O5 REUTERS": the pass counts
    /// them as one source with it. `None` when there are none.
    pub looks_like: Option<String>,
}

/// An actor with how many mentions it voiced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorEntry {
    /// The actor.
    #[serde(flatten)]
    pub actor: Actor,
    /// How many mentions it voiced.
    pub mention_count: i64,
}

/// A document with its outlet's name, and the extractor of its text when
/// it came from a saved web page. `Text` is what it holds of its text (see
/// [`Document`]): an export shows it, `claim show` does not.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(bound(serialize = "Text: Serialize + TextHeld"))]
pub struct DocumentEntry<Text = String> {
    /// The document.
    #[serde(flatten)]
    pub document: Document<Text>,
    /// The name of its outlet.
    pub outlet: String,
    /// The extractor and version whose text the document holds, for a
    /// saved web page.
    pub extractor: Option<String>,
}

/// One figure of a timeline: a quantity claim on its as-of day, with its
/// verdict, the outlets that carried it and a mention to quote.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    /// The figure's claim, with its verdict and mention count.
    pub claim: ClaimEntry,
    /// The outlets whose documents carry this claim (its own mentions,
    /// not its cluster's), by name.
    pub outlets: Vec<String>,
    /// The mention quoted for it: its first, or its first in the outlet a
    /// listing is filtered on; `None` for a claim without mentions.
    pub quote: Option<MentionEntry>,
}

impl Serialize for TimelineEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let c = &self.claim.claim;
        let q = c.quantity();
        let v = self.claim.verdict.as_ref();
        let m = self.quote.as_ref();
        let mut s = serializer.serialize_struct("timeline_entry", 17)?;
        s.serialize_field("measure", &q.map(|q| &q.measure))?;
        s.serialize_field("unit", &q.and_then(|q| q.unit.as_ref()))?;
        s.serialize_field("as_of", &c.as_of)?;
        s.serialize_field("claim_id", &c.id)?;
        // As a person reads it ("at least 25 people"); low and high are the interval.
        s.serialize_field("figure", &q.map(|q| q.stated()))?;
        s.serialize_field("text", &c.text)?;
        s.serialize_field("low", &q.map(|q| q.low))?;
        s.serialize_field("high", &q.map(|q| q.high))?;
        s.serialize_field("hedge", &q.and_then(|q| q.hedge.as_ref()))?;
        s.serialize_field("status", &v.map(|v| v.status))?;
        s.serialize_field("cluster_id", &v.map(|v| v.cluster_id))?;
        s.serialize_field("outlets", &self.outlets)?;
        s.serialize_field("mention_count", &self.claim.mention_count)?;
        s.serialize_field("quote", &m.map(|m| &m.mention.quote))?;
        s.serialize_field("outlet", &m.map(|m| &m.outlet))?;
        s.serialize_field("published", &m.and_then(|m| m.published))?;
        s.serialize_field("document_id", &m.map(|m| m.mention.document_id))?;
        s.end()
    }
}

/// The figures of one accumulating measure (a toll) on two or more days,
/// in time order: a timeline, not a conflict (DESIGN.md, "Quantities").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// The measure, as compared: trimmed and lowercase.
    pub measure: String,
    /// The unit its figures are counted in, as compared.
    pub unit: Option<String>,
    /// Its figures, by as-of day, then low end, then claim id.
    pub entries: Vec<TimelineEntry>,
}

/// Days between two figures of one measure past which they are tolls of
/// two events, not one event's timeline: a war's toll and a fire's years
/// later share the measure "people killed". Tolls of a breaking event
/// come days apart; a month without a figure ends its timeline.
pub const TIMELINE_GAP_DAYS: i64 = 30;

impl Timeline {
    /// How many distinct days its figures hold for.
    pub fn days(&self) -> usize {
        let mut days: Vec<_> = self.entries.iter().map(|e| e.claim.claim.as_of).collect();
        days.dedup();
        days.len()
    }

    /// The timelines of one measure's figures (in day order): split where
    /// [`TIMELINE_GAP_DAYS`] pass without a figure, each part kept if its
    /// figures hold for two or more days.
    pub fn split_at_gaps(self) -> Vec<Timeline> {
        let mut parts: Vec<Vec<TimelineEntry>> = Vec::new();
        let mut last: Option<NaiveDate> = None;
        for entry in self.entries {
            let day = entry.claim.claim.as_of;
            let apart = match (last, day) {
                (Some(a), Some(b)) => (b - a).num_days() > TIMELINE_GAP_DAYS,
                _ => false,
            };
            match parts.last_mut() {
                Some(part) if !apart => part.push(entry),
                _ => parts.push(vec![entry]),
            }
            last = day.or(last);
        }
        parts
            .into_iter()
            .map(|entries| Timeline {
                measure: self.measure.clone(),
                unit: self.unit.clone(),
                entries,
            })
            .filter(|t| t.days() >= 2)
            .collect()
    }
}

/// A link between two claims with the text of each, as the report shows
/// it under both.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkEntry {
    /// The link.
    pub link: ClaimLink,
    /// The text of its `from_claim`.
    pub from_text: String,
    /// The text of its `to_claim`.
    pub to_text: String,
}
