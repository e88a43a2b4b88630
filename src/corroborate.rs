//! The corroboration pass behind `check`: the ledger's rows resolved for
//! the pass (`resolve`), a petgraph graph of the relations it reads
//! (`graph`: claim links, outlet links, documents that carry one text),
//! and from them a verdict for every cluster of claims.
//!
//! The pass is pure: the store loads a [`PassInput`], [`run_with`] computes
//! and hands out automatic links and blocks of verdicts as it finds them,
//! and the store writes them in the transaction it read the input in.

mod event;
mod graph;
mod minhash;
mod quantity;
mod quote;
mod reason;
mod resolve;
mod sources;
mod statement;
#[cfg(test)]
mod tests;

use crate::model::{Actor, ClaimLink, ClaimRelation, Cluster, Status, Suggestion, Verdict};
use graph::PassGraph;
use resolve::Resolved;

pub use crate::store::PassInput;
use reason::{capped, Capped, LIST_CAP};

pub use quantity::MAX_RUNS_ALL_PAIRS;

/// Number of MinHash values in a document fingerprint.
pub const FINGERPRINT_LEN: usize = 64;

/// Words per shingle in a document fingerprint.
pub const FINGERPRINT_SHINGLE: usize = 5;

/// LSH bands over a fingerprint (16 bands of 4 rows: a pair at Jaccard 0.8
/// shares a band with probability above 0.999).
pub const FINGERPRINT_BANDS: usize = 16;

/// Two documents are near-duplicates at this estimated Jaccard similarity of
/// their 5-word shingles or above: one changed word in 200 gives about 0.95,
/// two independent reports of one event stay far below.
pub const NEAR_DUPLICATE_JACCARD: f64 = 0.8;

/// Words per shingle when comparing the sentences of two mentions.
pub const SENTENCE_SHINGLE: usize = 3;

/// Two mention sentences are copies at this Jaccard similarity of their
/// 3-word shingles or above: a lifted wire paragraph with a word changed.
pub const SENTENCE_JACCARD: f64 = 0.7;

/// Sentences shorter than this many words are copies only when equal after
/// normalization: shingles of a short sentence say too little.
pub const SHORT_SENTENCE_WORDS: usize = 6;

/// Most denials or conflicts a reason lists before "and N more".
const CONFLICT_CAP: usize = 5;

/// The country an actor speaks for, from its name or the titles it was
/// named with (see `extract/actors.rs`).
pub(crate) fn country(actor: &Actor) -> Option<&'static str> {
    use crate::extract::actors::country_of;
    country_of(&actor.name).or_else(|| actor.aliases.iter().find_map(|a| country_of(a)))
}

/// What the pass computes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PassOutput {
    /// Automatic links to store (the store replaces earlier auto links
    /// with these): the pass's proposals, origin auto, each with its note
    /// but for those between figures, whose note readers render from the
    /// claims ([`ClaimLink::figure_note`]).
    pub auto_links: Vec<ClaimLink>,
    /// One judged cluster per cluster of claims that are not retracted,
    /// sorted by cluster id. One per cluster, not per claim: a cluster of
    /// many claims and many outlets would otherwise be copied once per
    /// member.
    pub verdicts: Vec<Cluster>,
    /// Pairs of claims that may be one, for a person to confirm or dismiss.
    pub suggestions: Vec<Suggestion>,
}

impl PassOutput {
    /// How many claims have each status, in [`Status::ALL`] order.
    pub fn claim_counts(&self) -> [usize; 4] {
        let mut counts = [0usize; 4];
        for c in &self.verdicts {
            counts[c.verdict.status.index()] += c.claim_ids.len();
        }
        counts
    }
}

/// MinHash fingerprint of a text's word shingles, stored with each document.
///
/// [`FINGERPRINT_LEN`] values over the [`FINGERPRINT_SHINGLE`]-word shingles
/// of the lowercased words (runs of letters and digits), hashed with fixed
/// seeds so a fingerprint stored today matches one computed tomorrow. A text
/// without words has an empty fingerprint and is never a near-duplicate.
pub fn fingerprint(text: &str) -> Vec<u32> {
    minhash::document_fingerprint(text)
}

/// Runs the pass: clusters, independent sources, conflicts, verdicts.
pub fn run(input: &PassInput) -> PassOutput {
    let mut verdicts = Vec::new();
    let mut suggestions = Vec::new();
    let mut auto_links = Vec::new();
    run_with(
        input,
        |links, found| {
            auto_links = links;
            suggestions = found;
        },
        |block| {
            verdicts.extend(block);
            true
        },
    );
    PassOutput {
        auto_links,
        verdicts,
        suggestions,
    }
}

/// Runs the pass and hands out what it finds as soon as it is known, so
/// the store can write while the pass goes on: `found_links` gets the
/// automatic links and the suggestions before any cluster is judged, and `judged` gets the
/// verdicts in blocks, in cluster order; when it returns false (the
/// writer failed), the pass stops judging. Returns how many automatic
/// links it found (it does not keep them while it judges: at 100k
/// articles they are a tenth of its memory).
pub fn run_with(
    input: &PassInput,
    found_links: impl FnOnce(Vec<ClaimLink>, Vec<Suggestion>),
    judged: impl FnMut(Vec<Cluster>) -> bool + Send,
) -> usize {
    let ledger = Resolved::resolve(input);
    // The links and the near-duplicate search take about as long as each
    // other, so they run side by side.
    let (auto_links, near_duplicates) = both(
        || {
            let mut auto_links = quantity::auto_links(&ledger);
            auto_links.extend(quote::auto_links(&ledger));
            auto_links.extend(event::auto_links(&ledger));
            let statements = statement::auto_links(&ledger);
            auto_links.extend(statements.links);
            let suggestions = statement::open(statements.suggestions, &input.claim_links);
            (
                quantity::allowed(auto_links, &input.claim_links),
                suggestions,
            )
        },
        || resolve::near_duplicates(&ledger),
    );
    let (mut auto_links, suggestions) = auto_links;
    let links = graph::counted_links(&ledger, &input.claim_links, &auto_links);
    // Grown by doubling to up to twice their size: the writer holds them
    // while the pass builds its graph, the peak of its memory.
    auto_links.shrink_to_fit();
    let link_count = auto_links.len();
    // Handed over, not copied: the pass does not keep them while it judges.
    found_links(auto_links, suggestions);
    let lg = PassGraph::build(&ledger, &links, &near_duplicates, input);
    drop((links, near_duplicates));

    // Clusters in order of their smallest claim id; claims are sorted, so a
    // cluster's first member is its smallest.
    let same_as = lg.same_as_components();
    let mut slot = vec![u32::MAX; lg.graph.node_count()];
    let mut cluster_of: Vec<u32> = Vec::with_capacity(ledger.claims.len());
    let mut members: Vec<Vec<u32>> = Vec::new();
    for c in 0..ledger.claims.len() as u32 {
        let root = same_as[lg.claim(c).index()] as usize;
        if slot[root] == u32::MAX {
            slot[root] = members.len() as u32;
            members.push(Vec::new());
        }
        cluster_of.push(slot[root]);
        members[slot[root] as usize].push(c);
    }
    drop(slot);

    let labels = sources::SourceLabels {
        outlet: lg.outlet_components(),
        text: lg.text_components(),
    };
    // The mentions of `claims`, sorted, in `mentions`.
    let gather = |claims: &[u32], mentions: &mut Vec<u32>| {
        mentions.clear();
        for &c in claims {
            mentions.extend_from_slice(ledger.mentions_of(c));
        }
        if claims.len() > 1 {
            mentions.sort_unstable();
        }
    };
    let judge = |claims: &[u32], mentions: &mut Vec<u32>| {
        gather(claims, mentions);
        sources::judge(&ledger, &lg, &labels, mentions)
    };
    let count_sources = |claims: &[u32], mentions: &mut Vec<u32>| {
        gather(claims, mentions);
        sources::independent_sources(&ledger, &lg, &labels, mentions)
    };

    // Both ends of every counted contradicts link, by claim.
    let mut contradicts: Vec<(u32, u32)> = lg
        .claim_links(ClaimRelation::Contradicts)
        .flat_map(|(from, to)| [(from, to), (to, from)])
        .collect();
    contradicts.sort_unstable();
    // A reason names the outlets of the clusters it conflicts with, so
    // those of the clusters that contradicts links reach are read first:
    // their outlets only, not their whole findings (in a ledger of
    // rising tolls most clusters have a conflict, and holding all their
    // findings until their turn came was a fifth of the pass's memory).
    let mut linked: Vec<u32> = contradicts
        .iter()
        .map(|&(c, _)| cluster_of[c as usize])
        .collect();
    linked.sort_unstable();
    linked.dedup();
    let mut linked_outlets = Vec::with_capacity(linked.len());
    in_order(
        linked.len(),
        |i, scratch| {
            gather(&members[linked[i] as usize], scratch);
            Against {
                mentions: scratch.len(),
                outlets: sources::outlets(&ledger, scratch.iter().copied()).into(),
            }
        },
        |block| {
            linked_outlets.extend(block);
            true
        },
    );
    let conflicts = Conflicts::new(
        &ledger,
        &contradicts,
        &cluster_of,
        members.len(),
        &linked,
        linked_outlets,
    );
    drop((contradicts, linked));
    // Who supports each claim: (supported, supporter), sorted.
    let mut supported_by: Vec<(u32, u32)> = lg
        .claim_links(ClaimRelation::Supports)
        .map(|(from, to)| (to, from))
        .collect();
    supported_by.sort_unstable();
    supported_by.dedup();
    let supports = Supports {
        ledger: &ledger,
        supported_by: &supported_by,
        cluster_of: &cluster_of,
        members: &members,
        count_sources: &count_sources,
    };

    in_order(
        members.len(),
        |k, scratch| {
            let claims = &members[k];
            let found = &judge(claims, scratch);
            let support = supports.of(k as u32, claims, found, scratch);
            let (status, reason) = decide(found, &conflicts.of(claims), support.as_ref());
            let claim_ids: Vec<i64> = claims
                .iter()
                .map(|&c| ledger.claims[c as usize].id)
                .collect();
            let (independent_sources, outlets) = match &support {
                Some(s) => (s.independent_sources, s.outlets.join("; ")),
                None => (found.independent_sources, found.outlets.join("; ")),
            };
            Cluster {
                verdict: Verdict {
                    cluster_id: claim_ids[0],
                    status,
                    independent_sources: independent_sources as i64,
                    outlets,
                    reason,
                },
                claim_ids,
                mentions: found.mentions,
            }
        },
        judged,
    );
    link_count
}

/// `(a(), b())`, with `b` on another core when a thread can be had.
fn both<A, B: Send>(a: impl FnOnce() -> A, b: impl FnOnce() -> B + Send) -> (A, B) {
    // `b` waits here for the other thread, or for this one if the system
    // refuses a thread (a process limit).
    let b = std::sync::Mutex::new(Some(b));
    let run_b = || lock(&b).take().map(|b| b());
    std::thread::scope(|scope| {
        let other = std::thread::Builder::new().spawn_scoped(scope, run_b);
        let a = a();
        let b = match other.map(|other| other.join()) {
            Ok(Ok(b)) => b,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Err(_) => run_b(),
        };
        (a, b.expect("b runs once, on one of the threads"))
    })
}

/// Locks `m`. A poisoned lock means another thread panicked, and its
/// join says so.
fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Clusters handed out in blocks of this many to the threads of [`in_order`].
const BLOCK: usize = 512;

/// `judge(index, scratch)` for every index below `count`, on every core,
/// with the results handed to `done` in blocks, in index order, until
/// `done` returns false. Threads take blocks in turn, so one huge cluster
/// does not leave the other cores idle; a finished block waits for those
/// before it, so the output does not depend on the number of cores.
fn in_order<T: Send>(
    count: usize,
    judge: impl Fn(usize, &mut Vec<u32>) -> T + Sync,
    done: impl FnMut(Vec<T>) -> bool + Send,
) {
    struct Finished<T, D> {
        next: usize,
        waiting: std::collections::BTreeMap<usize, Vec<T>>,
        done: D,
    }
    let finished = std::sync::Mutex::new(Finished {
        next: 0,
        waiting: std::collections::BTreeMap::new(),
        done,
    });
    let next = std::sync::atomic::AtomicUsize::new(0);
    let stop = std::sync::atomic::AtomicBool::new(false);
    let work = || {
        let mut scratch = Vec::new();
        while !stop.load(std::sync::atomic::Ordering::Relaxed) {
            let block = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let start = block * BLOCK;
            if start >= count {
                return;
            }
            let end = (start + BLOCK).min(count);
            let results = (start..end).map(|k| judge(k, &mut scratch)).collect();
            let mut finished = lock(&finished);
            // Set under this lock: nothing is handed out after a refusal.
            if stop.load(std::sync::atomic::Ordering::Relaxed) {
                return;
            }
            let finished = &mut *finished;
            finished.waiting.insert(block, results);
            while let Some(results) = finished.waiting.remove(&finished.next) {
                finished.next += 1;
                if !(finished.done)(results) {
                    stop.store(true, std::sync::atomic::Ordering::Relaxed);
                    return;
                }
            }
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || count <= BLOCK {
        return work();
    }
    std::thread::scope(|scope| {
        // A thread the system refuses (a process limit) is work for the
        // threads that did start.
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        work();
        for helper in helpers {
            if let Err(panic) = helper.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
}

/// What a reason says of a cluster that a contradicts link reaches.
struct Against<'l> {
    /// How many mentions the cluster has.
    mentions: usize,
    /// The outlets behind it, sorted (see [`sources::outlets`]).
    outlets: Box<[&'l str]>,
}

/// The counted contradicts links, and the clusters they reach.
struct Conflicts<'a, 'l> {
    ledger: &'a Resolved<'l>,
    cluster_of: &'a [u32],
    /// The other end of every counted contradicts link, by claim: claim
    /// `c`'s are `against[first[c]..first[c + 1]]`.
    first: Vec<u32>,
    against: Vec<u32>,
    /// Where each cluster is in `reached`; `u32::MAX` for the clusters no
    /// contradicts link reaches.
    reached_at: Vec<u32>,
    reached: Vec<Against<'a>>,
}

impl<'a, 'l> Conflicts<'a, 'l> {
    /// From both ends of every link (sorted by claim), and what the
    /// `linked` clusters (sorted) that they reach say.
    fn new(
        ledger: &'a Resolved<'l>,
        contradicts: &[(u32, u32)],
        cluster_of: &'a [u32],
        clusters: usize,
        linked: &[u32],
        reached: Vec<Against<'a>>,
    ) -> Self {
        debug_assert!(contradicts.is_sorted_by_key(|l| l.0));
        let mut first = Vec::with_capacity(cluster_of.len() + 1);
        let mut at = 0;
        for c in 0..=cluster_of.len() as u32 {
            first.push(at as u32);
            while at < contradicts.len() && contradicts[at].0 == c {
                at += 1;
            }
        }
        let mut reached_at = vec![u32::MAX; clusters];
        for (i, &k) in linked.iter().enumerate() {
            reached_at[k as usize] = i as u32;
        }
        Conflicts {
            ledger,
            cluster_of,
            first,
            against: contradicts.iter().map(|&(_, to)| to).collect(),
            reached_at,
            reached,
        }
    }

    /// What cluster `k` says, if a contradicts link reaches it.
    fn reached(&self, k: u32) -> Option<&Against<'a>> {
        self.reached.get(*self.reached_at.get(k as usize)? as usize)
    }

    /// "conflicts with C17: 3,000 Russian peacekeepers (TASS)" for every
    /// other cluster with a mention that a counted contradicts link reaches
    /// from `claims`, naming the smallest linked claim of each, in order of
    /// claim id; the first [`CONFLICT_CAP`] in words.
    fn of(&self, claims: &[u32]) -> Capped {
        let ledger = self.ledger;
        let mut against: Vec<(u32, i64, u32)> = Vec::new();
        for &c in claims {
            let links = self.first[c as usize] as usize..self.first[c as usize + 1] as usize;
            for &oc in &self.against[links] {
                let k = self.cluster_of[oc as usize];
                if self.reached(k).is_some_and(|f| f.mentions > 0) {
                    against.push((k, ledger.claims[oc as usize].id, oc));
                }
            }
        }
        against.sort_unstable();
        against.dedup_by_key(|x| x.0);
        against.sort_unstable_by_key(|x| x.1);
        let shown = against
            .iter()
            .take(CONFLICT_CAP)
            .map(|&(k, id, oc)| {
                let text = ledger.claims[oc as usize].text.trim();
                let outlets = self.reached(k).map_or(&[][..], |f| &f.outlets[..]);
                if outlets.is_empty() {
                    format!("conflicts with C{id}: {text}")
                } else {
                    format!(
                        "conflicts with C{id}: {text} ({})",
                        capped(outlets, LIST_CAP, ", ")
                    )
                }
            })
            .collect();
        Capped {
            shown,
            total: against.len(),
        }
    }
}

/// What the clusters that support a cluster add to it.
struct Supported<'l> {
    /// Independent sources of the cluster and its supporters together.
    independent_sources: usize,
    /// The outlets behind them, sorted.
    outlets: Vec<&'l str>,
    /// "supported by C12: 2,750 tonnes (CNA)", one per supporting cluster.
    lines: Vec<String>,
}

/// The support links, and how to count a cluster's sources with its
/// supporters'.
struct Supports<'a, 'l, S> {
    ledger: &'a Resolved<'l>,
    /// (supported claim, supporter claim), sorted.
    supported_by: &'a [(u32, u32)],
    cluster_of: &'a [u32],
    members: &'a [Vec<u32>],
    /// Independent sources of some claims' mentions together.
    count_sources: &'a S,
}

impl<'a, 'l, S> Supports<'a, 'l, S>
where
    S: Fn(&[u32], &mut Vec<u32>) -> usize,
{
    /// What the clusters supporting cluster `k` (of `claims`) add to its own
    /// findings, if any supports it. Support adds sources to the supported
    /// cluster only, never joins clusters, and is never chained.
    fn of(
        &self,
        k: u32,
        claims: &[u32],
        own: &sources::Findings<'l>,
        scratch: &mut Vec<u32>,
    ) -> Option<Supported<'a>> {
        let mut from: Vec<(u32, u32)> = Vec::new();
        for &c in claims {
            let start = self.supported_by.partition_point(|p| p.0 < c);
            for &(_, s) in self.supported_by[start..].iter().take_while(|p| p.0 == c) {
                let sk = self.cluster_of[s as usize];
                if sk != k {
                    from.push((sk, s));
                }
            }
        }
        if from.is_empty() {
            return None;
        }
        from.sort_unstable();
        from.dedup_by_key(|x| x.0);
        let ledger = self.ledger;
        let mut all: Vec<u32> = claims.to_vec();
        let mut lines = Vec::new();
        for &(sk, s) in &from {
            let theirs = &self.members[sk as usize];
            all.extend_from_slice(theirs);
            let mut mentions = theirs
                .iter()
                .flat_map(|&c| ledger.mentions_of(c))
                .peekable();
            if mentions.peek().is_none() {
                continue;
            }
            // Their outlets only: judging them whole would group their
            // sources for nothing.
            let outlets = sources::outlets(ledger, mentions.copied());
            let claim = ledger.claims[s as usize];
            lines.push(format!(
                "supported by C{}: {} ({})",
                claim.id,
                claim.text.trim(),
                capped(&outlets, LIST_CAP, ", ")
            ));
        }
        if lines.is_empty() {
            return None;
        }
        all.sort_unstable();
        all.dedup();
        let together = (self.count_sources)(&all, scratch);
        let outlets = sources::outlets(
            ledger,
            all.iter().flat_map(|&c| ledger.mentions_of(c)).copied(),
        );
        Some(Supported {
            independent_sources: together.max(own.independent_sources),
            outlets,
            lines,
        })
    }
}

/// Status and reason of a cluster: conflicting, corroborated, single-source
/// or unsourced, the first that holds. Support counts the supporters'
/// sources too, and the reason names them.
fn decide(
    found: &sources::Findings,
    conflicts: &Capped,
    support: Option<&Supported>,
) -> (Status, String) {
    let mut parts: Vec<String> = Vec::new();
    if !found.denials.is_empty() {
        parts.push(capped(&found.denials, CONFLICT_CAP, "; "));
    }
    if !conflicts.is_empty() {
        parts.push(conflicts.join("; "));
    }
    let conflicting = !parts.is_empty();
    match &found.summary {
        Some(s) => parts.push(s.clone()),
        None if found.mentions == 0 => parts.push("no document carries it".to_string()),
        None => {}
    }
    let mut independent_sources = found.independent_sources;
    if let Some(support) = support {
        parts.push(capped(&support.lines, CONFLICT_CAP, "; "));
        independent_sources = support.independent_sources;
    }
    let status = if conflicting {
        Status::Conflicting
    } else {
        match independent_sources {
            0 => Status::Unsourced,
            1 => Status::SingleSource,
            _ => Status::Corroborated,
        }
    };
    (status, parts.join("; "))
}
