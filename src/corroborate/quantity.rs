//! Automatic links between figures of one measure: same figure, conflict,
//! support. The relations themselves are in `model::quantity`.
//!
//! The rule:
//! - Quantity claims are blocked by (measure, unit), both compared trimmed
//!   and lowercased; a figure that is never compared (a bare noun or unit)
//!   is in no block, and no claim is compared across blocks.
//! - **Same figure**: candidate pairs are found by a sweep over the block in
//!   order of stated number, at most [`MAX_SWEEP`] ahead. They are joined
//!   closest first, and only while the claims a join puts together still
//!   share a value (for intervals that is one common point: the largest low
//!   end at most the smallest high end), so no chain of overlapping figures
//!   makes one claim of figures that exclude each other. Each join is an
//!   automatic same-as link. For a measure that holds still the as-of day
//!   does not matter; a toll's figures are joined within one day only, as
//!   its figures of different days are different moments.
//! - **Conflict**: figures of a measure that accumulates (a toll) are
//!   compared within one as-of day; others across days. Two claims conflict
//!   when their intervals are disjoint, unless every mention of both is in
//!   one document (a live page's own updates are its timeline). In a group
//!   of up to [`MAX_RUNS_ALL_PAIRS`] claims every disjoint pair is linked;
//!   in a larger one each claim is linked to the nearest disjoint claim
//!   above it, so the work stays linear.
//! - **Support**: for a measure that holds still, a figure whose stated
//!   number lies in another's interval, not the same figure, supports it:
//!   a directed link from supporter to supported, at most
//!   [`MAX_SUPPORTERS`] per supported claim, nearest first. Figures of a
//!   toll do not support each other: a later or higher toll is another
//!   moment's figure and says nothing of whether the lower one was right.
//! - A link is never proposed when a person rejected that (pair, relation),
//!   or when a manual same-as or contradicts link already joins the pair.

use std::borrow::Cow;
use std::collections::HashMap;

use petgraph::unionfind::UnionFind;

use super::graph::{pair_key, rejected_pairs};
use super::resolve::Resolved;
use crate::model::quantity::{accumulates, Figure, Relation};
use crate::model::{Claim, ClaimLink, ClaimRelation, LinkOrigin};

/// Up to this many claims in one group (a measure, and a day for a toll),
/// every disjoint pair gets a contradicts link; beyond it, only neighbours.
pub const MAX_RUNS_ALL_PAIRS: usize = 8;

/// How many claims ahead the same-figure sweep looks from each claim.
pub const MAX_SWEEP: usize = 64;

/// At most this many supporters are linked to one supported claim.
pub const MAX_SUPPORTERS: usize = 8;

/// A quantity claim ready for comparison: its measure and unit as
/// compared, its day and its figure, beside the claim.
struct Compared<'a> {
    /// The (measure, unit) block, numbered in their order: millions of
    /// claims share a few thousand blocks, whose names are kept once.
    block: u32,
    day: Option<chrono::NaiveDate>,
    figure: Figure,
    claim: &'a Claim,
    /// The one document all its mentions are in, if there is one.
    only_document: Option<u32>,
    /// Someone states it: a figure only denied ("police denied that 50
    /// were arrested") is the same figure as one stated, but it is no
    /// rival value, so it neither conflicts with nor supports another.
    stated: bool,
}

/// A block's (measure, unit), lowercased.
type BlockName<'a> = (Cow<'a, str>, Cow<'a, str>);

/// `s` lowercased, borrowed when it already is (as stored measures are).
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

/// The comparable figures, and the measure of each of their blocks.
fn quantities<'a>(ledger: &Resolved<'a>) -> (Vec<Compared<'a>>, Vec<Cow<'a, str>>) {
    let mut blocks: HashMap<BlockName<'a>, u32> = HashMap::new();
    let mut qs: Vec<Compared<'a>> = ledger
        .claims
        .iter()
        .enumerate()
        .filter_map(|(i, &claim)| {
            let quantity = claim.quantity().filter(|q| q.comparable)?;
            let measure = lowercase(quantity.measure.trim());
            if measure.is_empty() {
                return None;
            }
            let unit = lowercase(quantity.unit.as_deref().unwrap_or("").trim());
            let (low, high) = (quantity.low, quantity.high);
            // NaN or infinite ends are malformed: such a claim gets no auto link.
            if !(low.is_finite() && high.is_finite()) {
                return None;
            }
            let docs = ledger
                .mentions_of(i as u32)
                .iter()
                .map(|&m| ledger.mentions[m as usize].doc);
            let only_document = docs.clone().min().filter(|&d| docs.clone().all(|x| x == d));
            let mentions = ledger.mentions_of(i as u32);
            let stated = mentions.is_empty()
                || mentions.iter().any(|&m| {
                    ledger.mentions[m as usize].node.stance != crate::model::Stance::Denies
                });
            let next = blocks.len() as u32;
            Some(Compared {
                block: *blocks.entry((measure, unit)).or_insert(next),
                day: claim.as_of,
                figure: quantity.figure(),
                claim,
                only_document,
                stated,
            })
        })
        .collect();
    // Blocks numbered in (measure, unit) order, as their names sort.
    let mut names: Vec<(BlockName<'a>, u32)> = blocks.into_iter().collect();
    names.sort_unstable();
    let mut rank = vec![0u32; names.len()];
    for (r, (_, first)) in names.iter().enumerate() {
        rank[*first as usize] = r as u32;
    }
    for q in &mut qs {
        q.block = rank[q.block as usize];
    }
    let measures = names.into_iter().map(|((measure, _), _)| measure).collect();
    (qs, measures)
}

fn link(from: &Compared<'_>, to: &Compared<'_>, relation: ClaimRelation) -> ClaimLink {
    // Same-as and contradicts are stored smaller id first; supports from
    // the supporter to the supported.
    let (a, b) = if relation != ClaimRelation::Supports && from.claim.id > to.claim.id {
        (to, from)
    } else {
        (from, to)
    };
    ClaimLink::between_figures(a.claim.id, b.claim.id, relation)
}

/// Computes the automatic quantity links, before [`allowed`] filters them.
pub(super) fn auto_links(ledger: &Resolved<'_>) -> Vec<ClaimLink> {
    let (mut qs, measures) = quantities(ledger);
    qs.sort_by(|a, b| {
        a.block
            .cmp(&b.block)
            .then(a.figure.stated.0.total_cmp(&b.figure.stated.0))
            .then(a.figure.stated.1.total_cmp(&b.figure.stated.1))
            .then(a.claim.id.cmp(&b.claim.id))
    });
    let mut out = Vec::new();
    for block in qs.chunk_by(|a, b| a.block == b.block) {
        let toll = accumulates(&measures[block[0].block as usize]);
        if toll {
            // A toll's figures of different days are different moments.
            let mut by_day: Vec<&Compared<'_>> = block.iter().collect();
            by_day.sort_by_key(|a| a.day);
            for day in by_day.chunk_by(|a, b| a.day == b.day) {
                same_figures(day, &mut out);
            }
        } else {
            same_figures(&block.iter().collect::<Vec<_>>(), &mut out);
        }
        // A share depends on what it is of (a round, a region, a poll) more
        // than its measure says: two shares agree or stand apart, never
        // conflict.
        if !measures[block[0].block as usize].ends_with(" share") {
            conflicts(block, toll, &mut out);
        }
        if !toll {
            supports(block, &mut out);
        }
    }
    out
}

/// Same-figure links of one block, sorted by stated number: closest pairs
/// first, each join kept only while its cluster's intervals share a point.
fn same_figures(block: &[&Compared<'_>], out: &mut Vec<ClaimLink>) {
    let mut pairs: Vec<(f64, i64, i64, usize, usize)> = Vec::new();
    for (i, a) in block.iter().enumerate() {
        let reach = a.figure.near().1;
        for (j, b) in block.iter().enumerate().skip(i + 1).take(MAX_SWEEP) {
            if b.figure.stated.0 > reach.max(a.figure.stated.1) {
                break;
            }
            if a.figure.relate(&b.figure) == Relation::Same {
                let gap = (b.figure.stated.0 - a.figure.stated.0).abs()
                    + (b.figure.stated.1 - a.figure.stated.1).abs();
                let scale = a.figure.stated.1.abs().max(1.0);
                let (x, y) = (a.claim.id.min(b.claim.id), a.claim.id.max(b.claim.id));
                pairs.push((gap / scale, x, y, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let mut uf = UnionFind::<usize>::new(block.len());
    // Per cluster root: the largest low end and the smallest high end.
    let mut common: Vec<(f64, f64)> = block.iter().map(|q| q.figure.interval).collect();
    for (_, _, _, i, j) in pairs {
        let (ri, rj) = (uf.find(i), uf.find(j));
        if ri == rj {
            continue;
        }
        let lo = common[ri].0.max(common[rj].0);
        let hi = common[ri].1.min(common[rj].1);
        if lo > hi {
            continue;
        }
        uf.union(i, j);
        common[uf.find(i)] = (lo, hi);
        out.push(link(block[i], block[j], ClaimRelation::SameAs));
    }
}

/// Contradicts links of one block, within each as-of day for a toll.
fn conflicts(block: &[Compared<'_>], toll: bool, out: &mut Vec<ClaimLink>) {
    let mut group: Vec<&Compared<'_>> = block.iter().collect();
    if toll {
        group.sort_by_key(|a| a.day);
    }
    let by_day = |a: &&Compared<'_>, b: &&Compared<'_>| !toll || a.day == b.day;
    for day in group.chunk_by(by_day) {
        let mut day: Vec<&Compared<'_>> = day.to_vec();
        day.sort_by(|a, b| {
            a.figure
                .interval
                .0
                .total_cmp(&b.figure.interval.0)
                .then(a.claim.id.cmp(&b.claim.id))
        });
        let apart = |a: &Compared<'_>, b: &Compared<'_>| {
            let one_page = a.only_document.is_some() && a.only_document == b.only_document;
            a.figure.relate(&b.figure) == Relation::Conflict && !one_page && a.stated && b.stated
        };
        if day.len() <= MAX_RUNS_ALL_PAIRS {
            for (k, a) in day.iter().enumerate() {
                for b in &day[k + 1..] {
                    if apart(a, b) {
                        out.push(link(a, b, ClaimRelation::Contradicts));
                    }
                }
            }
            continue;
        }
        for (k, a) in day.iter().enumerate() {
            let high = a.figure.interval.1;
            let above = k + 1 + day[k + 1..].partition_point(|b| b.figure.interval.0 <= high);
            if let Some(b) = day[above..].iter().find(|b| apart(a, b)) {
                out.push(link(a, b, ClaimRelation::Contradicts));
            }
        }
    }
}

/// Supports links of one block of a measure that holds still.
fn supports(block: &[Compared<'_>], out: &mut Vec<ClaimLink>) {
    // The block is sorted by stated number: a supported claim's supporters
    // are those whose stated number lies in its reach.
    for b in block {
        let (lo, hi) = b.figure.reach();
        let start = block.partition_point(|a| a.figure.stated.0 < lo);
        let mut found: Vec<(f64, &Compared<'_>)> = block[start..]
            .iter()
            .take_while(|a| a.figure.stated.0 <= hi)
            .filter(|a| a.claim.id != b.claim.id)
            .filter(|a| a.stated && b.stated && a.figure.relate(&b.figure) == Relation::Supports)
            .map(|a| {
                let gap = (a.figure.stated.0 - b.figure.stated.0).abs();
                (gap, a)
            })
            .take(MAX_SWEEP)
            .collect();
        found.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.claim.id.cmp(&y.1.claim.id)));
        for (_, a) in found.into_iter().take(MAX_SUPPORTERS) {
            out.push(link(a, b, ClaimRelation::Supports));
        }
    }
}

/// Drops the automatic links a person overruled (a rejected (pair,
/// relation), or a manual same-as or contradicts link on the pair), and
/// sorts the rest by (from, to, relation).
pub(super) fn allowed(mut links: Vec<ClaimLink>, stored: &[ClaimLink]) -> Vec<ClaimLink> {
    let rejected = rejected_pairs(stored);
    let pair = |l: &ClaimLink| (l.from_claim.min(l.to_claim), l.from_claim.max(l.to_claim));
    let mut manual: Vec<(i64, i64)> = stored
        .iter()
        .filter(|l| l.origin == LinkOrigin::Manual && !l.rejected)
        .filter(|l| {
            matches!(
                l.relation,
                ClaimRelation::SameAs | ClaimRelation::Contradicts
            )
        })
        .map(pair)
        .collect();
    manual.sort_unstable();
    manual.dedup();
    links.retain(|l| {
        rejected
            .binary_search(&pair_key(l.from_claim, l.to_claim, l.relation))
            .is_err()
            && manual.binary_search(&pair(l)).is_err()
    });
    links.sort_by_key(|l| (l.from_claim, l.to_claim, l.relation));
    links.dedup_by_key(|l| (l.from_claim, l.to_claim, l.relation));
    links
}
