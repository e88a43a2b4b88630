//! Independent sources of one claim cluster, and the words that say who
//! carries it and why several outlets count as one origin.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};

use petgraph::unionfind::UnionFind;

use super::graph::PassGraph;
use super::minhash::{copied_sentences, fnv, mix, FNV_OFFSET};
use super::reason::{and_list_capped, capped, counted, LIST_CAP};
use super::resolve::{Mention, Relay, Resolved};
use crate::model::{OutletRelation, Stance};

/// Groups larger than this skip the document-by-document explanation, which
/// walks each document's near-duplicate edges.
const EXPLAIN_MAX_DOCUMENTS: usize = 64;

/// Said after every attribution: outlets agree that it was said, not that it is true.
const CAVEAT: &str = "(an attribution, not a confirmation of what was said)";

/// What one cluster's mentions say, before conflicts are known.
pub(super) struct Findings<'l> {
    /// How many mentions the cluster has.
    pub mentions: usize,
    /// Independent sources that assert or report it.
    pub independent_sources: usize,
    /// Outlets behind those sources (carriers and relayed wires), sorted;
    /// borrowed from the ledger, as a cluster may have thousands.
    pub outlets: Vec<&'l str>,
    /// Who asserts or reports it; `None` when nobody does.
    pub summary: Option<String>,
    /// Who denies it, sorted.
    pub denials: Vec<String>,
}

/// One independent source: its outlet names and why they are one.
struct Source<'a> {
    names: BTreeSet<&'a str>,
    why: Vec<String>,
}

impl Source<'_> {
    /// Its outlets and why they are one, each list capped so a reason stays
    /// short however many outlets reprint a wire story.
    fn label(&self) -> String {
        let names: Vec<&str> = self.names.iter().copied().collect();
        let names = capped(&names, LIST_CAP, ", ");
        if self.why.is_empty() {
            names
        } else {
            format!("{names} ({})", capped(&self.why, LIST_CAP, "; "))
        }
    }
}

/// Source labels of graph nodes, from [`PassGraph::outlet_components`]
/// and [`PassGraph::text_components`].
pub(super) struct SourceLabels {
    pub outlet: Vec<u32>,
    pub text: Vec<u32>,
}

/// One cluster's mentions grouped by origin.
struct Origins<'r, 'l> {
    /// The mentions.
    ms: Vec<&'r Mention<'l>>,
    /// The origin of each mention (by position in `ms`).
    label: Vec<u32>,
    /// (mention, mention, reworked rather than near-identical): the copied
    /// sentences that joined two outlets' origins.
    copied: Vec<(u32, u32, bool)>,
}

/// Groups one cluster's mentions (indices into `ledger.mentions`, sorted)
/// by origin. Two mentions share an origin when their outlets are one
/// (the same outlet, or joined by outlet links), when they relay the same
/// wire (the relay counts for the wire, not the carrier), when their
/// documents carry one text (reprint or near-duplicate), or when their
/// sentences are copies; and transitively, within this cluster only.
fn origins<'r, 'l>(
    ledger: &'r Resolved<'l>,
    lg: &PassGraph,
    labels: &SourceLabels,
    mentions: &[u32],
) -> Origins<'r, 'l> {
    let ms: Vec<&Mention<'_>> = mentions
        .iter()
        .map(|&m| &ledger.mentions[m as usize])
        .collect();
    let node_count = lg.graph.node_count() as u32;
    let outlet_key = |m: &Mention<'_>| -> u32 {
        match m.relay {
            Some(Relay::Outlet(o)) => labels.outlet[lg.outlet(o).index()],
            Some(Relay::Wire(w)) => node_count + w,
            None => labels.outlet[lg.outlet(ledger.docs[m.doc as usize].outlet).index()],
        }
    };
    let text_key = |m: &Mention<'_>| labels.text[lg.doc(m.doc).index()];

    let mut uf = UnionFind::<u32>::new(ms.len());
    let mut groups = ms.len();
    let mut keyed: Vec<(u32, u32)> = Vec::with_capacity(ms.len());
    for key in [&outlet_key as &dyn Fn(&Mention<'_>) -> u32, &text_key] {
        keyed.clear();
        keyed.extend(ms.iter().enumerate().map(|(i, m)| (key(m), i as u32)));
        keyed.sort_unstable();
        for w in keyed.windows(2) {
            if w[0].0 == w[1].0 && uf.union(w[0].1, w[1].1) {
                groups -= 1;
            }
        }
    }
    // Copying judged per mention: near-identical sentences share an origin.
    // Nothing to join when the mentions are one group already (a claim
    // carried once, most of a ledger's).
    let quotes: Vec<&str> = if groups > 1 {
        ms.iter().map(|m| &*m.node.quote).collect()
    } else {
        Vec::new()
    };
    // (mention, mention, reworked rather than near-identical)
    let mut copied: Vec<(u32, u32, bool)> = Vec::new();
    let mut join = |uf: &mut UnionFind<u32>, a: u32, b: u32, rework: bool| {
        let (oa, ob) = (ms[a as usize], ms[b as usize]);
        if uf.union(a, b)
            && ledger.docs[oa.doc as usize].outlet != ledger.docs[ob.doc as usize].outlet
        {
            copied.push((a, b, rework));
        }
    };
    for (a, b) in copied_sentences(&quotes) {
        join(&mut uf, a, b, false);
    }
    if groups > 1 {
        reworked_sentences(&ms, &mut uf, |uf, a, b| join(uf, a, b, true));
    }
    Origins {
        ms,
        label: uf.into_labeling(),
        copied,
    }
}

/// How many independent sources assert or report one cluster (its
/// mentions as for [`judge`]): [`judge`]'s `independent_sources`, without
/// the words that say who they are.
pub(super) fn independent_sources(
    ledger: &Resolved<'_>,
    lg: &PassGraph,
    labels: &SourceLabels,
    mentions: &[u32],
) -> usize {
    let Origins { ms, label, .. } = origins(ledger, lg, labels, mentions);
    let mut counted: Vec<u32> = (0..ms.len())
        .filter(|&i| ms[i].node.stance != Stance::Denies)
        .map(|i| label[i])
        .collect();
    counted.sort_unstable();
    counted.dedup();
    counted.len()
}

/// Judges one cluster from its mentions (indices into `ledger.mentions`,
/// sorted): its independent sources (see [`origins`]), who carries it and
/// who denies it.
pub(super) fn judge<'l>(
    ledger: &'l Resolved<'_>,
    lg: &PassGraph,
    labels: &SourceLabels,
    mentions: &[u32],
) -> Findings<'l> {
    let Origins {
        ms,
        label,
        mut copied,
    } = origins(ledger, lg, labels, mentions);
    // By origin, for `explain` to find each origin's own.
    copied.sort_unstable_by_key(|&(a, b, r)| (label[a as usize], a, b, r));

    let counted_pos: Vec<u32> = (0..ms.len() as u32)
        .filter(|&i| ms[i as usize].node.stance != Stance::Denies)
        .collect();
    let mut grouped = counted_pos.clone();
    grouped.sort_by_key(|&i| (label[i as usize], i));
    let mut sources: Vec<Source> = grouped
        .chunk_by(|a, b| label[*a as usize] == label[*b as usize])
        .map(|group| explain(ledger, lg, &ms, group, &copied, &label))
        .collect();
    sources.sort_by(|a, b| a.names.cmp(&b.names));

    let outlets: BTreeSet<&str> = sources
        .iter()
        .flat_map(|o| o.names.iter().copied())
        .collect();
    let summary = (!sources.is_empty()).then(|| {
        let stances: Vec<&Mention<'_>> = counted_pos.iter().map(|&i| ms[i as usize]).collect();
        summarize(ledger, &stances, &sources, outlets.len())
    });

    let mut denials: Vec<String> = ms
        .iter()
        .filter(|m| m.node.stance == Stance::Denies)
        .map(|m| {
            let carrier = ledger.outlet_name_of_doc(m.doc);
            let voice = match (m.actor, m.relay) {
                (Some(a), _) => Some(ledger.actors[a as usize].name.as_str()),
                (None, Some(Relay::Outlet(o))) => Some(ledger.outlets[o as usize].name.as_str()),
                (None, Some(Relay::Wire(w))) => Some(ledger.wires[w as usize].as_str()),
                (None, None) => None,
            };
            match voice {
                Some(v) if v != carrier => format!("denied by {v} in {carrier}"),
                _ => format!("denied by {carrier}"),
            }
        })
        .collect();
    denials.sort();
    denials.dedup();

    Findings {
        mentions: ms.len(),
        independent_sources: sources.len(),
        outlets: outlets.into_iter().collect(),
        summary,
        denials,
    }
}

/// The outlets behind the mentions that assert or report a claim (their
/// carriers and the wires they relay), sorted: [`judge`]'s `outlets`,
/// without grouping the mentions into sources.
pub(super) fn outlets<'l>(
    ledger: &'l Resolved<'_>,
    mentions: impl Iterator<Item = u32>,
) -> Vec<&'l str> {
    let mut names: Vec<&'l str> = Vec::new();
    for m in mentions.map(|m| &ledger.mentions[m as usize]) {
        if m.node.stance == Stance::Denies {
            continue;
        }
        let (carrier, wire) = names_of(ledger, m);
        names.push(carrier);
        names.extend(wire);
    }
    names.sort_unstable();
    names.dedup();
    names
}

/// The outlets a mention names: the one whose document carries it, and
/// the wire it relays, if any.
fn names_of<'l>(ledger: &'l Resolved<'_>, m: &Mention<'_>) -> (&'l str, Option<&'l str>) {
    let wire = match m.relay {
        Some(Relay::Outlet(o)) => Some(ledger.outlets[o as usize].name.as_str()),
        Some(Relay::Wire(w)) => Some(ledger.wires[w as usize].as_str()),
        None => None,
    };
    (ledger.outlet_name_of_doc(m.doc), wire)
}

/// Share of the shorter sentence's words, outside quotation marks, that
/// must lie in three-word runs the other sentence has too for two reports
/// of one speaker's words to be one reworked sentence.
pub const REWORKED_SHARE: f64 = 0.6;

/// At least this many such words: a short attribution formula ("Gafarova
/// said") is shared by chance.
pub const REWORKED_WORDS: usize = 8;

/// Speakers with more mentions than this in one cluster are left to the
/// near-identical sentence rule, which scales.
const REWORKED_MAX_MENTIONS: usize = 64;

/// Joins, in `uf`, pairs of mentions (positions in `ms`) that give one
/// speaker's words in one reworked sentence, calling `join` for each pair
/// not joined before: a wire sentence with a clause added or a tense
/// changed ("Parliament speaker Sahiba Gafarova said a \"dirty political
/// campaign\" against Azerbaijan has been organized in the French senate
/// where ...") is one origin with the wire's, while an outlet that quotes
/// the same words in its own sentence stays independent. See
/// [`REWORKED_SHARE`]. Mentions already of one origin are not compared.
fn reworked_sentences(
    ms: &[&Mention<'_>],
    uf: &mut UnionFind<u32>,
    mut join: impl FnMut(&mut UnionFind<u32>, u32, u32),
) {
    let mut by_actor: Vec<(u32, u32)> = ms
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.actor.map(|a| (a, i as u32)))
        .collect();
    by_actor.sort_unstable();
    for group in by_actor.chunk_by(|a, b| a.0 == b.0) {
        if group.len() < 2 || group.len() > REWORKED_MAX_MENTIONS {
            continue;
        }
        // Read when first compared: most pairs are of one origin already.
        let words: Vec<OnceCell<OutsideQuotes>> = group.iter().map(|_| OnceCell::new()).collect();
        let words_of = |i: usize| {
            words[i].get_or_init(|| OutsideQuotes::of(&ms[group[i].1 as usize].node.quote))
        };
        for x in 0..group.len() {
            for y in x + 1..group.len() {
                let (a, b) = (group[x].1, group[y].1);
                if ms[a as usize].doc == ms[b as usize].doc || uf.equiv(a, b) {
                    continue;
                }
                if one_sentence(words_of(x), words_of(y)) {
                    join(uf, a, b);
                }
            }
        }
    }
}

/// The lowercased words of a sentence that lie outside quotation marks,
/// with its three-word runs hashed, so that comparing it with each other
/// sentence of its speaker costs no hashing of words.
struct OutsideQuotes {
    /// The words, one after another.
    text: String,
    /// Where each word ends in `text`.
    ends: Vec<usize>,
    /// (hash, position) of every three-word run, sorted by hash.
    sorted: Vec<(u64, u32)>,
}

impl OutsideQuotes {
    /// The words of `sentence` outside quotation marks.
    fn of(sentence: &str) -> OutsideQuotes {
        let mut text = String::new();
        let mut ends = Vec::new();
        let mut inside = false;
        let mut in_word = false;
        for c in sentence.chars() {
            if matches!(c, '"' | '\u{201c}' | '\u{201d}' | '\u{ab}' | '\u{bb}') {
                inside = match c {
                    '\u{201c}' | '\u{ab}' => true,
                    '\u{201d}' | '\u{bb}' => false,
                    _ => !inside,
                };
            }
            if c.is_alphanumeric() && !inside {
                if c.is_ascii() {
                    text.push(c.to_ascii_lowercase());
                } else {
                    text.extend(c.to_lowercase());
                }
                in_word = true;
            } else if in_word {
                ends.push(text.len());
                in_word = false;
            }
        }
        if in_word {
            ends.push(text.len());
        }
        let mut words = OutsideQuotes {
            text,
            ends,
            sorted: Vec::new(),
        };
        let hashes: Vec<u64> = (0..words.len())
            .map(|i| words.word(i).bytes().fold(FNV_OFFSET, fnv))
            .collect();
        // Any cheap mix of the three word hashes will do: equal hashes are
        // checked word by word.
        let mut sorted: Vec<(u64, u32)> = hashes
            .windows(3)
            .enumerate()
            .map(|(i, w)| (mix(mix(w[0] ^ 1) ^ w[1]).rotate_left(17) ^ w[2], i as u32))
            .collect();
        sorted.sort_unstable();
        words.sorted = sorted;
        words
    }

    /// How many words.
    fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether this sentence's run at `at` and `other`'s at `other_at` are
    /// the same three words.
    fn same_run(&self, at: usize, other: &OutsideQuotes, other_at: usize) -> bool {
        (0..3).all(|k| self.word(at + k) == other.word(other_at + k))
    }

    /// Word `i`.
    fn word(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

/// Two sentences are one reworked sentence: see [`REWORKED_SHARE`].
fn one_sentence(a: &OutsideQuotes, b: &OutsideQuotes) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < REWORKED_WORDS {
        return false;
    }
    // Made at the first shared run: most pairs share none.
    let mut covered: Vec<bool> = Vec::new();
    // Both sentences' runs in hash order, walked side by side; equal
    // hashes are checked word by word, so the answer is exact.
    let (mut i, mut j) = (0, 0);
    while i < short.sorted.len() && j < long.sorted.len() {
        let hash = short.sorted[i].0;
        match hash.cmp(&long.sorted[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let same = long.sorted[j..].partition_point(|&(h, _)| h == hash);
                let theirs = &long.sorted[j..j + same];
                while i < short.sorted.len() && short.sorted[i].0 == hash {
                    let at = short.sorted[i].1 as usize;
                    if theirs
                        .iter()
                        .any(|&(_, p)| long.same_run(p as usize, short, at))
                    {
                        covered.resize(short.len(), false);
                        covered[at..at + 3].iter_mut().for_each(|c| *c = true);
                    }
                    i += 1;
                }
                j += same;
            }
        }
    }
    let shared = covered.iter().filter(|c| **c).count();
    shared >= REWORKED_WORDS && shared as f64 >= REWORKED_SHARE * short.len() as f64
}

/// Names an origin's outlets and says, concretely, why they are one origin.
/// `copied` holds the cluster's pairs of copied sentences, sorted by origin.
fn explain<'a>(
    ledger: &'a Resolved<'_>,
    lg: &PassGraph,
    ms: &[&Mention<'_>],
    group: &[u32],
    copied: &[(u32, u32, bool)],
    label: &[u32],
) -> Source<'a> {
    let mut names: BTreeSet<&'a str> = BTreeSet::new();
    let mut relays: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut outlets: Vec<u32> = Vec::new();
    let mut docs: Vec<u32> = Vec::new();
    for &i in group {
        let m = ms[i as usize];
        let (carrier, wire) = names_of(ledger, m);
        names.insert(carrier);
        outlets.push(ledger.docs[m.doc as usize].outlet);
        if let Some(Relay::Outlet(o)) = m.relay {
            outlets.push(o);
        }
        docs.push(m.doc);
        if let Some(w) = wire {
            names.insert(w);
            if w != carrier {
                relays.entry(w).or_default().insert(carrier);
            }
        }
    }
    if names.len() < 2 {
        return Source {
            names,
            why: Vec::new(),
        };
    }
    outlets.sort_unstable();
    outlets.dedup();
    docs.sort_unstable();
    docs.dedup();

    let mut why: Vec<String> = Vec::new();
    for (wire, carriers) in &relays {
        let carriers: Vec<&str> = carriers.iter().copied().collect();
        let verb = if carriers.len() == 1 {
            "relays"
        } else {
            "relay"
        };
        why.push(format!(
            "{} {verb} {wire}",
            and_list_capped(&carriers, LIST_CAP)
        ));
    }

    let mut by_hash: Vec<(&str, &str)> = docs
        .iter()
        .map(|&d| {
            (
                ledger.docs[d as usize].node.content_hash.as_str(),
                ledger.outlet_name_of_doc(d),
            )
        })
        .filter(|(h, _)| !h.is_empty())
        .collect();
    by_hash.sort_unstable();
    by_hash.dedup();
    for same in by_hash.chunk_by(|a, b| a.0 == b.0) {
        if same.len() > 1 {
            let who: Vec<&str> = same.iter().map(|x| x.1).collect();
            why.push(format!(
                "{} reprint the same text",
                and_list_capped(&who, LIST_CAP)
            ));
        }
    }

    if docs.len() <= EXPLAIN_MAX_DOCUMENTS {
        for &d in &docs {
            for other in lg.near_duplicates_of(d) {
                let (a, b) = (
                    ledger.outlet_name_of_doc(d),
                    ledger.outlet_name_of_doc(other),
                );
                if a != b && docs.binary_search(&other).is_ok() {
                    let (a, b) = if a < b { (a, b) } else { (b, a) };
                    why.push(format!("{a} and {b} carry near-identical text"));
                }
            }
        }
    }

    for &o in &outlets {
        for (other, relation) in lg.outlet_links_from(o) {
            if outlets.binary_search(&other).is_err() {
                continue;
            }
            let (a, b) = (
                ledger.outlets[o as usize].name.as_str(),
                ledger.outlets[other as usize].name.as_str(),
            );
            why.push(match relation {
                OutletRelation::Copies => format!("{a} copies {b}"),
                OutletRelation::Cites => format!("{a} cites {b}"),
                OutletRelation::SameOwner => format!("{a} and {b} have the same owner"),
            });
        }
    }

    for &o in &outlets {
        for other in lg.look_alikes_of(o) {
            if outlets.binary_search(&other).is_ok() {
                why.push(format!(
                    "{} and {} print alike (their names differ only in look-alike characters)",
                    ledger.outlets[o as usize].name, ledger.outlets[other as usize].name
                ));
            }
        }
    }

    // Each pair of outlets said once, however many sentences they share.
    let here = label[group[0] as usize];
    let start = copied.partition_point(|&(a, _, _)| label[a as usize] < here);
    let mut sentence_pairs: BTreeSet<(&str, &str, bool)> = BTreeSet::new();
    for &(a, b, rework) in copied[start..]
        .iter()
        .take_while(|&&(a, _, _)| label[a as usize] == here)
    {
        let x = ledger.outlet_name_of_doc(ms[a as usize].doc);
        let y = ledger.outlet_name_of_doc(ms[b as usize].doc);
        sentence_pairs.insert(if x < y {
            (x, y, rework)
        } else {
            (y, x, rework)
        });
    }
    why.extend(sentence_pairs.into_iter().map(|(x, y, rework)| {
        if rework {
            format!("{x} and {y} carry one sentence, reworked")
        } else {
            format!("{x} and {y} carry a near-identical sentence")
        }
    }));

    if why.is_empty() {
        let all: Vec<&str> = names.iter().copied().collect();
        why.push(format!(
            "{} share a source through other documents",
            and_list_capped(&all, LIST_CAP)
        ));
    }
    why.sort();
    why.dedup();
    Source { names, why }
}

/// Who asserts or reports the cluster, in words. Attributions read as
/// attributions: when every counted mention reports an actor's words, the
/// reason says outlets report that the actor said it.
fn summarize(
    ledger: &Resolved<'_>,
    counted_mentions: &[&Mention<'_>],
    sources: &[Source],
    outlet_count: usize,
) -> String {
    let attribution = counted_mentions
        .iter()
        .all(|m| m.node.stance == Stance::Reports && m.actor.is_some());
    let all = |s: Stance| counted_mentions.iter().all(|m| m.node.stance == s);
    let verb = if all(Stance::Asserts) {
        "asserted"
    } else if all(Stance::Reports) {
        "reported"
    } else {
        "asserted or reported"
    };
    let speakers = {
        let mut v: Vec<&str> = counted_mentions
            .iter()
            .filter_map(|m| m.actor)
            .map(|a| ledger.actors[a as usize].name.as_str())
            .collect();
        v.sort_unstable();
        v.dedup();
        and_list_capped(&v, LIST_CAP)
    };
    let k = sources.len();
    let simple = sources.iter().all(|o| o.names.len() == 1);
    if k == 1 && simple {
        let name = sources[0].label();
        return if attribution {
            format!("only {name} reports that {speakers} said it {CAVEAT}")
        } else {
            format!("only {name} carries it")
        };
    }
    let labels: Vec<String> = sources.iter().map(Source::label).collect();
    let list = capped(&labels, LIST_CAP, if simple { ", " } else { "; " });
    let who = if simple {
        format!("{k} independent outlets")
    } else {
        format!(
            "{} that are {}",
            counted(outlet_count, "outlet", "outlets"),
            counted(k, "independent origin", "independent origins")
        )
    };
    if attribution {
        format!("{who} report that {speakers} said it: {list} {CAVEAT}")
    } else {
        format!("{verb} by {who}: {list}")
    }
}
