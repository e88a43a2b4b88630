//! Rule-based, offline claim extraction: sentences, quantities, attributed
//! speech and dated events, each with the byte span it came from.

use std::ops::Range;

use chrono::NaiveDate;

use crate::model::{ClaimKind, Stance};

/// A counted quantity: what is counted, the interval its hedge allows, the unit.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Quantity {
    /// Stable key for what is counted, lowercase: "russian peacekeepers", "people killed".
    pub subject: String,
    /// Lower bound of the interval the hedge allows.
    pub low: f64,
    /// Upper bound of the interval the hedge allows.
    pub high: f64,
    /// What is counted in: "people", "peacekeepers", "districts", "usd".
    pub unit: String,
    /// The hedge word as written ("some", "more than"), if any.
    pub hedge: Option<String>,
}

/// Who voiced an attributed claim, as the text names them.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Speaker {
    /// The name with titles stripped: "Sahiba Gafarova", "Nikol Pashinyan", "Armenia".
    pub name: String,
    /// The name as written, titles included: "Parliament speaker Sahiba Gafarova".
    pub alias: String,
}

/// One claim the extractor proposes, with the mention that carries it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Extracted {
    /// Quantity, quote, event or statement.
    pub kind: ClaimKind,
    /// Canonical claim text a person reads in a report.
    pub text: String,
    /// Normalized identity of the proposition: equal keys are the same claim.
    pub key: String,
    /// Set for quantity claims.
    pub quantity: Option<Quantity>,
    /// Set for attributed speech.
    pub speaker: Option<Speaker>,
    /// The quoted words of a quote claim, without the quote marks.
    pub quoted: Option<String>,
    /// The date the claim is about, when the text gives one.
    pub as_of: Option<NaiveDate>,
    /// A wire the text relays ("according to Reuters" gives "Reuters").
    pub relayed_by: Option<String>,
    /// Asserts for the outlet's own voice, reports for attributed speech.
    pub stance: Stance,
    /// Byte span of the sentence that carries the claim, in the input text.
    pub sentence: Range<usize>,
    /// Byte span of the matched phrase itself, inside the sentence.
    pub phrase: Range<usize>,
    /// How sure the rule that matched is, in 0..=1.
    pub confidence: f64,
}

/// Extracts the checkable claims in `text`; `published` resolves relative dates.
pub fn extract(text: &str, published: Option<NaiveDate>) -> Vec<Extracted> {
    let _ = (text, published);
    Vec::new()
}
