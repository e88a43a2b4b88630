//! Automatic links between quantity claims on one subject.
//!
//! The rule: quantity claims are blocked by (subject, unit), both compared
//! trimmed and lowercased; no claim is compared across blocks. Within a
//! block, claims are swept in order of their low end and cut into runs, a run
//! being a maximal set connected by overlapping intervals. Inside a run each
//! claim gets one same-as link, to the claim of the run seen so far with the
//! highest high end (which it overlaps): a chain that union-find turns into
//! the run's cluster without listing every overlapping pair. Between runs,
//! a contradicts link joins the first claims of two runs: of every pair of
//! runs when the block has at most [`MAX_RUNS_ALL_PAIRS`] runs, otherwise of
//! adjacent runs only, so a subject with many disjoint figures stays linear.
//! A link is never proposed when a person rejected that (pair, relation), or
//! when a manual same-as or contradicts link already joins the pair.

use super::ledger::{pair_key, rejected_pairs, Ledger};
use super::reason::number;
use super::{ClaimLinkEdge, ClaimNode, NewLink};
use crate::model::{ClaimKind, ClaimRelation, LinkOrigin};

/// Up to this many disjoint runs in one subject, every pair of runs gets a
/// contradicts link; beyond it, only adjacent runs.
pub const MAX_RUNS_ALL_PAIRS: usize = 8;

/// A quantity claim ready for the sweep.
struct Quantity<'a> {
    subject: String,
    unit: String,
    low: f64,
    high: f64,
    claim: &'a ClaimNode,
}

/// The interval of a quantity claim; one missing end reads as a point, and
/// ends given the wrong way round are swapped.
fn interval(c: &ClaimNode) -> Option<(f64, f64)> {
    let (low, high) = match (c.low, c.high) {
        (Some(l), Some(h)) => (l, h),
        (Some(v), None) | (None, Some(v)) => (v, v),
        (None, None) => return None,
    };
    // NaN or infinite ends are malformed: such a claim gets no auto link.
    (low.is_finite() && high.is_finite()).then_some((low.min(high), low.max(high)))
}

fn quantities<'a>(ledger: &Ledger<'a>) -> Vec<Quantity<'a>> {
    ledger
        .claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Quantity)
        .filter_map(|&claim| {
            let subject = claim.subject.as_deref()?.trim().to_lowercase();
            if subject.is_empty() {
                return None;
            }
            let unit = claim.unit.as_deref().unwrap_or("").trim().to_lowercase();
            let (low, high) = interval(claim)?;
            Some(Quantity {
                subject,
                unit,
                low,
                high,
                claim,
            })
        })
        .collect()
}

fn describe(q: &Quantity<'_>) -> String {
    format!(
        "{} [{}\u{2013}{}]",
        q.claim.text.trim(),
        number(q.low),
        number(q.high)
    )
}

fn link(a: &Quantity<'_>, b: &Quantity<'_>, relation: ClaimRelation) -> NewLink {
    let (first, second) = if a.claim.id <= b.claim.id {
        (a, b)
    } else {
        (b, a)
    };
    let verb = match relation {
        ClaimRelation::SameAs => "overlaps",
        _ => "does not overlap",
    };
    NewLink {
        from: first.claim.id,
        to: second.claim.id,
        relation,
        note: format!("{} {verb} {}", describe(first), describe(second)),
    }
}

/// Computes the automatic quantity links, before [`allowed`] filters them.
pub(super) fn auto_links(ledger: &Ledger<'_>) -> Vec<NewLink> {
    let mut qs = quantities(ledger);
    qs.sort_by(|a, b| {
        (a.subject.as_str(), a.unit.as_str())
            .cmp(&(b.subject.as_str(), b.unit.as_str()))
            .then(a.low.total_cmp(&b.low))
            .then(a.high.total_cmp(&b.high))
            .then(a.claim.id.cmp(&b.claim.id))
    });
    let mut out = Vec::new();
    for block in qs.chunk_by(|a, b| a.subject == b.subject && a.unit == b.unit) {
        // Index of each run's first claim.
        let mut run_starts: Vec<usize> = Vec::new();
        let mut widest = 0usize;
        for (i, q) in block.iter().enumerate() {
            if i > 0 && q.low <= block[widest].high {
                out.push(link(&block[widest], q, ClaimRelation::SameAs));
                if q.high > block[widest].high {
                    widest = i;
                }
            } else {
                run_starts.push(i);
                widest = i;
            }
        }
        if run_starts.len() <= MAX_RUNS_ALL_PAIRS {
            for (k, &a) in run_starts.iter().enumerate() {
                for &b in &run_starts[k + 1..] {
                    out.push(link(&block[a], &block[b], ClaimRelation::Contradicts));
                }
            }
        } else {
            for w in run_starts.windows(2) {
                out.push(link(&block[w[0]], &block[w[1]], ClaimRelation::Contradicts));
            }
        }
    }
    out
}

/// Drops the automatic links a person overruled (a rejected (pair,
/// relation), or a manual same-as or contradicts link on the pair), and
/// sorts the rest by (from, to, relation).
pub(super) fn allowed(mut links: Vec<NewLink>, stored: &[ClaimLinkEdge]) -> Vec<NewLink> {
    let rejected = rejected_pairs(stored);
    let mut manual: Vec<(i64, i64)> = stored
        .iter()
        .filter(|l| l.origin == LinkOrigin::Manual && !l.rejected)
        .filter(|l| {
            matches!(
                l.relation,
                ClaimRelation::SameAs | ClaimRelation::Contradicts
            )
        })
        .map(|l| (l.from.min(l.to), l.from.max(l.to)))
        .collect();
    manual.sort_unstable();
    manual.dedup();
    links.retain(|l| {
        rejected
            .binary_search(&pair_key(l.from, l.to, l.relation))
            .is_err()
            && manual.binary_search(&(l.from, l.to)).is_err()
    });
    links.sort_by_key(|l| (l.from, l.to, l.relation));
    links.dedup_by_key(|l| (l.from, l.to, l.relation));
    links
}
