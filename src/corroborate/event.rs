//! Two dates for one event: "the truce was signed on 9 November" in one
//! outlet and "signed on 10 November" in another cannot both be true.
//!
//! The rule: event claims whose words are the same (the text an event
//! claim keeps: its subject, verb and object, without the date) and whose
//! days differ conflict, when the text names one event: a verb that
//! happens once to its subject ([`ONCE`]: signed, adopted, founded ...),
//! or at least [`MIN_EVENT_WORDS`] words ("protesters gathered" happens
//! every day); and some mention of each is in another document. A date
//! known only to the year (stored as the year's first day, with the year
//! in the text) is a different granularity and never conflicts with a
//! day. Events named by a noun ("explosion on 2020-08-04") are not
//! compared: two explosions on two days are two events.

use chrono::NaiveDate;

use super::resolve::Resolved;
use crate::model::{ClaimKind, ClaimLink, ClaimRelation};

/// An event's words must be at least this many to name one event, unless
/// its verb is one of [`ONCE`].
pub const MIN_EVENT_WORDS: usize = 4;

/// Verbs of what happens once to its subject: an agreement is signed on
/// one day.
pub const ONCE: &[&str] = &[
    "signed",
    "adopted",
    "ratified",
    "approved",
    "passed",
    "founded",
    "established",
    "set",
    "created",
    "elected",
    "inaugurated",
    "sworn",
    "launched",
    "opened",
    "born",
    "died",
    "resigned",
    "appointed",
    "dissolved",
    "abolished",
    "declared",
];

/// Up to this many dates of one event, every pair conflicts; beyond, each
/// date with the next.
const ALL_PAIRS: usize = 8;

/// Contradicts links between one event's claims of different days.
pub(super) fn auto_links(ledger: &Resolved<'_>) -> Vec<ClaimLink> {
    // (words, day, claim id, its documents)
    let mut events: Vec<(String, NaiveDate, i64, Vec<u32>)> = ledger
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind() == ClaimKind::Event && c.speaker_id.is_none())
        .filter_map(|(i, c)| {
            let day = c.as_of?;
            let iso = day.to_string();
            let words = c.text.trim().to_lowercase();
            if words.split_whitespace().count() < 2 {
                return None;
            }
            // A named event's text ends with its day; a year-only date
            // keeps its year in the text.
            let year = iso.get(..4)?;
            if words.contains(&iso) || words.contains(year) {
                return None;
            }
            let once = words.split_whitespace().any(|w| ONCE.contains(&w));
            if words.split_whitespace().count() < MIN_EVENT_WORDS && !once {
                return None;
            }
            Some((words, day, c.id, ledger.documents_of(i as u32)))
        })
        .collect();
    events.sort();
    let mut out = Vec::new();
    for same in events.chunk_by(|a, b| a.0 == b.0) {
        // The first claim of each day.
        let mut days: Vec<&(String, NaiveDate, i64, Vec<u32>)> = Vec::new();
        for e in same {
            if days.last().is_none_or(|d| d.1 != e.1) {
                days.push(e);
            }
        }
        type Event = (String, NaiveDate, i64, Vec<u32>);
        let apart = |a: &Event, b: &Event| a.3.iter().any(|d| b.3.iter().any(|e| d != e));
        let mut link = |a: &Event, b: &Event| {
            if apart(a, b) {
                let note = format!(
                    "\"{}\" on {} and on {}: one event, two dates",
                    a.0, a.1, b.1
                );
                let (from, to) = (a.2.min(b.2), a.2.max(b.2));
                out.push(ClaimLink::auto(from, to, ClaimRelation::Contradicts, note));
            }
        };
        if days.len() <= ALL_PAIRS {
            for (k, a) in days.iter().enumerate() {
                for b in &days[k + 1..] {
                    link(a, b);
                }
            }
        } else {
            for w in days.windows(2) {
                link(w[0], w[1]);
            }
        }
    }
    out
}
