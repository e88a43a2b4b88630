//! Automatic same-as links between quotes of one speaker.
//!
//! Outlets quote the same remark at different lengths: "a dirty political
//! campaign" in one, "a dirty political campaign against Azerbaijan" in
//! another. Two quote claims of the same speaker are the same proposition
//! when the quoted words of one (lowercased, punctuation dropped) occur as a
//! contiguous run of words in the other's, and the shorter has at least
//! [`MIN_CONTAINED_WORDS`] words or both are equal. Quotes are blocked by
//! speaker, and each quote looks up its own word runs in a map of the
//! speaker's quotes, so the cost grows with the number of quotes times the
//! square of their length (capped at [`MAX_QUOTE_WORDS`]), not with pairs.

use std::collections::HashMap;

use super::ledger::Ledger;
use super::{ClaimNode, NewLink};
use crate::model::{ClaimKind, ClaimRelation};

/// A shorter quote needs this many words to be matched inside a longer one:
/// one common word ("historic") is not enough to call two remarks one.
pub const MIN_CONTAINED_WORDS: usize = 2;

/// Longer quotes are matched only whole, to keep the run lookup bounded.
pub const MAX_QUOTE_WORDS: usize = 60;

/// The quoted words, lowercased, letters and digits only.
fn words(quoted: &str) -> Vec<String> {
    quoted
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Computes the automatic quote links, before `quantity::allowed` filters them.
pub(super) fn auto_links(ledger: &Ledger<'_>) -> Vec<NewLink> {
    let mut quotes: Vec<(i64, Vec<String>, &ClaimNode)> = ledger
        .claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Quote)
        .filter_map(|c| {
            let speaker = c.speaker_id?;
            let words = words(c.quoted.as_deref()?);
            (!words.is_empty()).then_some((speaker, words, *c))
        })
        .collect();
    quotes.sort_by(|a, b| (a.0, &a.1, a.2.id).cmp(&(b.0, &b.1, b.2.id)));
    let mut out = Vec::new();
    for block in quotes.chunk_by(|a, b| a.0 == b.0) {
        // The first claim of each distinct word sequence of this speaker.
        let mut first: HashMap<&[String], &ClaimNode> = HashMap::new();
        for (_, w, claim) in block {
            first.entry(w.as_slice()).or_insert(claim);
        }
        for (_, w, claim) in block {
            let n = w.len();
            let shortest = if n > MAX_QUOTE_WORDS {
                n
            } else {
                MIN_CONTAINED_WORDS.min(n)
            };
            for len in shortest..=n {
                for start in 0..=n - len {
                    let Some(other) = first.get(&w[start..start + len]) else {
                        continue;
                    };
                    if other.id != claim.id {
                        out.push(link(other, claim));
                    }
                }
            }
        }
    }
    out
}

fn link(a: &ClaimNode, b: &ClaimNode) -> NewLink {
    let (first, second) = if a.id < b.id { (a, b) } else { (b, a) };
    let quoted = |c: &ClaimNode| c.quoted.as_deref().unwrap_or("").trim().to_string();
    NewLink {
        from: first.id,
        to: second.id,
        relation: ClaimRelation::SameAs,
        note: format!(
            "the same speaker's quotes \"{}\" and \"{}\" share their words",
            quoted(first),
            quoted(second)
        ),
    }
}
