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
//!
//! The same words said by two speakers of one country (a member and the
//! body they speak for) are one claim too.
//!
//! A quotation printed with no speaker (its attribution cut off, or left
//! out) is the same claim as an attributed quote when one's words run
//! inside the other's, both have at least [`MIN_UNATTRIBUTED_WORDS`] words,
//! and only one speaker said such words: a reprint that dropped the name
//! still carries the speaker's words.

use std::collections::HashMap;

use super::resolve::Resolved;
use crate::model::{Claim, ClaimKind, ClaimLink, ClaimRelation};

/// A shorter quote needs this many words to be matched inside a longer one:
/// one common word ("historic") is not enough to call two remarks one.
pub const MIN_CONTAINED_WORDS: usize = 2;

/// Longer quotes are matched only whole, to keep the run lookup bounded.
pub const MAX_QUOTE_WORDS: usize = 60;

/// A quotation with no speaker is matched from this many shared words on.
pub const MIN_UNATTRIBUTED_WORDS: usize = 6;

/// The quoted words, lowercased, letters and digits only.
fn words(quoted: &str) -> Vec<String> {
    quoted
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Computes the automatic quote links, before `quantity::allowed` filters them.
pub(super) fn auto_links(ledger: &Resolved<'_>) -> Vec<ClaimLink> {
    let mut quotes: Vec<(i64, Vec<String>, &Claim)> = ledger
        .claims
        .iter()
        .filter(|c| c.kind() == ClaimKind::Quote)
        .filter_map(|c| {
            let speaker = c.speaker_id?;
            let words = words(c.quoted()?);
            (!words.is_empty()).then_some((speaker, words, *c))
        })
        .collect();
    quotes.sort_by(|a, b| (a.0, &a.1, a.2.id).cmp(&(b.0, &b.1, b.2.id)));
    let mut out = Vec::new();
    unattributed(ledger, &quotes, &mut out);
    of_one_country(ledger, &quotes, &mut out);
    for block in quotes.chunk_by(|a, b| a.0 == b.0) {
        // The first claim of each distinct word sequence of this speaker.
        let mut first: HashMap<&[String], &Claim> = HashMap::new();
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

/// Same-as links between the same words said by two speakers of one
/// country: a member and the body they speak for ("Armenian Prime Minister
/// Nikol Pashinyan praised it as \"historic\"", "Armenia praised it as
/// \"historic\""). The words must be equal, not only contained.
fn of_one_country(
    ledger: &Resolved<'_>,
    quotes: &[(i64, Vec<String>, &Claim)],
    out: &mut Vec<ClaimLink>,
) {
    let country = |speaker: i64| {
        let i = ledger
            .actors
            .binary_search_by_key(&speaker, |a| a.id)
            .ok()?;
        super::country(ledger.actors[i])
    };
    let mut first: HashMap<(&str, &[String]), &Claim> = HashMap::new();
    for (speaker, w, claim) in quotes {
        let Some(c) = country(*speaker) else { continue };
        match first.get(&(c, w.as_slice())) {
            Some(other) if other.speaker_id != claim.speaker_id => {
                out.push(link(other, claim));
            }
            Some(_) => {}
            None => {
                first.insert((c, w.as_slice()), claim);
            }
        }
    }
}

/// Same-as links from each quotation with no speaker to the attributed
/// quote whose words hold it or lie within it, when one speaker only said
/// such words. `quotes` are the attributed ones: (speaker, words, claim).
fn unattributed(
    ledger: &Resolved<'_>,
    quotes: &[(i64, Vec<String>, &Claim)],
    out: &mut Vec<ClaimLink>,
) {
    let loose: Vec<(Vec<String>, &Claim)> = ledger
        .claims
        .iter()
        .filter(|c| c.kind() == ClaimKind::Quote && c.speaker_id.is_none())
        .filter_map(|c| {
            let words = words(c.quoted()?);
            (words.len() >= MIN_UNATTRIBUTED_WORDS).then_some((words, *c))
        })
        .collect();
    if loose.is_empty() {
        return;
    }
    // Every run of at least MIN_UNATTRIBUTED_WORDS words of an attributed
    // quote, and each whole quote, with who said it.
    let mut runs: HashMap<&[String], Vec<(i64, &Claim)>> = HashMap::new();
    let mut whole: HashMap<&[String], Vec<(i64, &Claim)>> = HashMap::new();
    for (speaker, w, claim) in quotes {
        if w.len() < MIN_UNATTRIBUTED_WORDS {
            continue;
        }
        whole
            .entry(w.as_slice())
            .or_default()
            .push((*speaker, claim));
        if w.len() > MAX_QUOTE_WORDS {
            continue;
        }
        for len in MIN_UNATTRIBUTED_WORDS..=w.len() {
            for start in 0..=w.len() - len {
                runs.entry(&w[start..start + len])
                    .or_default()
                    .push((*speaker, claim));
            }
        }
    }
    for (w, claim) in &loose {
        let mut found: Vec<(i64, i64)> = runs
            .get(w.as_slice())
            .into_iter()
            .flatten()
            .map(|(s, c)| (*s, c.id))
            .collect();
        if w.len() <= MAX_QUOTE_WORDS {
            for len in MIN_UNATTRIBUTED_WORDS..=w.len() {
                for start in 0..=w.len() - len {
                    if let Some(hits) = whole.get(&w[start..start + len]) {
                        found.extend(hits.iter().map(|(s, c)| (*s, c.id)));
                    }
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        let one_speaker = found
            .first()
            .is_some_and(|f| found.iter().all(|g| g.0 == f.0));
        if one_speaker {
            let other = found.iter().map(|f| f.1).min().unwrap_or(claim.id);
            if let Some(other) = ledger.claim_index.get(other) {
                out.push(link(ledger.claims[other as usize], claim));
            }
        }
    }
}

fn link(a: &Claim, b: &Claim) -> ClaimLink {
    let (first, second) = if a.id < b.id { (a, b) } else { (b, a) };
    let quoted = |c: &Claim| c.quoted().unwrap_or("").trim().to_string();
    let whose = if first.speaker_id.is_some() && first.speaker_id == second.speaker_id {
        "the same speaker's quotes"
    } else if first.speaker_id.is_some() && second.speaker_id.is_some() {
        "quotes of one country's speakers"
    } else {
        "a quotation printed without its speaker and a quote"
    };
    let note = format!(
        "{whose} \"{}\" and \"{}\" share their words",
        quoted(first),
        quoted(second)
    );
    ClaimLink::auto(first.id, second.id, ClaimRelation::SameAs, note)
}
