//! The pass's input resolved: every list sorted by id, ids turned into
//! dense indices, rows that point nowhere dropped, each claim's mentions
//! indexed; and the pairs of documents that carry one text.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use super::minhash::{self, mix};
use crate::model::{Actor, Claim, Document, Outlet};
use crate::store::{PassInput, PassMention};

/// Hasher for integer keys: deterministic (no RandomState) and cheap.
#[derive(Default)]
pub(super) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = mix(self.0 ^ u64::from(*b));
        }
    }
    fn write_i64(&mut self, v: i64) {
        self.0 = mix(self.0 ^ v as u64);
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = mix(self.0 ^ v);
    }
}

/// A map keyed by row id.
type IdMap<V> = HashMap<i64, V, BuildHasherDefault<IdHasher>>;

/// Where each id sits in a list sorted by id. Row ids run almost without
/// gaps, so this is mostly a table indexed by id: resolving millions of
/// mentions through hash maps of a million claims and documents was a
/// part of the pass worth saving.
pub(super) enum IdIndex {
    /// Slot `id - first` holds the position, `u32::MAX` for a gap.
    Dense { first: i64, slots: Vec<u32> },
    /// Ids too far apart for a table.
    Sparse(IdMap<u32>),
}

impl IdIndex {
    /// Indexes the items of a list sorted by `id`.
    fn new<T>(items: &[T], id: impl Fn(&T) -> i64) -> Self {
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            return IdIndex::Sparse(IdMap::default());
        };
        let (first, last) = (id(first), id(last));
        let span = (last as i128 - first as i128 + 1) as u128;
        if span <= 2 * items.len() as u128 + 1024 {
            let mut slots = vec![u32::MAX; span as usize];
            for (i, x) in items.iter().enumerate() {
                slots[(id(x) - first) as usize] = i as u32;
            }
            IdIndex::Dense { first, slots }
        } else {
            IdIndex::Sparse(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (id(x), i as u32))
                    .collect(),
            )
        }
    }

    /// The position of `id`, if the list has it.
    pub fn get(&self, id: i64) -> Option<u32> {
        match self {
            IdIndex::Dense { first, slots } => {
                let slot = usize::try_from(id.checked_sub(*first)?).ok()?;
                slots.get(slot).copied().filter(|&i| i != u32::MAX)
            }
            IdIndex::Sparse(map) => map.get(&id).copied(),
        }
    }
}

/// A document with its outlet resolved, and its text's fingerprint.
pub(super) struct Doc<'a> {
    pub node: &'a Document<()>,
    pub fingerprint: &'a [u32],
    pub outlet: u32,
}

/// Where a relayed mention's origin lies.
#[derive(Clone, Copy)]
pub(super) enum Relay {
    /// A wire that is an outlet of the ledger.
    Outlet(u32),
    /// A wire known only by name, index into [`Resolved::wires`].
    Wire(u32),
}

/// A mention with its claim, document, actor and relay resolved.
pub(super) struct Mention<'a> {
    pub node: &'a PassMention,
    pub claim: u32,
    pub doc: u32,
    pub actor: Option<u32>,
    pub relay: Option<Relay>,
}

/// The input the pass works on, every vector sorted by id.
pub(super) struct Resolved<'a> {
    pub outlets: Vec<&'a Outlet>,
    pub docs: Vec<Doc<'a>>,
    pub actors: Vec<&'a Actor>,
    /// Claims that are not retracted.
    pub claims: Vec<&'a Claim>,
    pub mentions: Vec<Mention<'a>>,
    /// Display names of relayed wires that match no outlet, sorted by key.
    pub wires: Vec<String>,
    pub claim_index: IdIndex,
    pub outlet_index: IdIndex,
    /// The mentions of claim `c` are `claim_mentions[mention_start[c]..mention_start[c + 1]]`,
    /// in id order: the pass reads them per cluster, and a scan of the
    /// graph's edge lists for them cost more than the rest of a claim's judging.
    mention_start: Vec<u32>,
    claim_mentions: Vec<u32>,
}

/// References to `items` sorted by id, first of each id kept: the input's
/// order never matters.
fn by_id<T>(items: &[T], id: impl Fn(&T) -> i64) -> Vec<&T> {
    let mut v: Vec<&T> = items.iter().collect();
    v.sort_by_key(|x| id(x));
    v.dedup_by_key(|x| id(x));
    v
}

impl<'a> Resolved<'a> {
    /// Sorts and resolves the input. Rows that point at unknown or retracted
    /// rows are dropped: a mention of an unknown claim, a document of an
    /// unknown outlet. An unknown actor reads as the outlet's own voice.
    pub fn resolve(input: &'a PassInput) -> Self {
        let outlets = by_id(&input.outlets, |o| o.id);
        let outlet_index = IdIndex::new(&outlets, |o| o.id);
        let docs: Vec<Doc<'a>> = by_id(&input.documents, |(d, _)| d.id)
            .into_iter()
            .filter_map(|(node, fingerprint)| {
                let outlet = outlet_index.get(node.outlet_id)?;
                Some(Doc {
                    node,
                    fingerprint,
                    outlet,
                })
            })
            .collect();
        let doc_index = IdIndex::new(&docs, |d| d.node.id);
        let actors = by_id(&input.actors, |a| a.id);
        let actor_index = IdIndex::new(&actors, |a| a.id);
        let claims: Vec<&Claim> = by_id(&input.claims, |c| c.id)
            .into_iter()
            .filter(|c| !c.is_retracted())
            .collect();
        let claim_index = IdIndex::new(&claims, |c| c.id);

        // Outlet names, lowercased; the smallest id wins a shared name.
        let mut outlet_by_name: BTreeMap<String, u32> = BTreeMap::new();
        for (i, o) in outlets.iter().enumerate() {
            outlet_by_name
                .entry(o.name.trim().to_lowercase())
                .or_insert(i as u32);
        }
        let mention_nodes = by_id(&input.mentions, |m| m.id);
        fn relay_key(m: &PassMention) -> Option<(String, &str)> {
            m.relayed_by
                .as_deref()
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(|w| (w.to_lowercase(), w))
        }
        // Unmatched wires: one origin per lowercased name, shown by the
        // smallest spelling so the choice does not depend on input order.
        let mut unmatched: BTreeMap<String, &str> = BTreeMap::new();
        for m in &mention_nodes {
            if let Some((key, shown)) = relay_key(m) {
                if !outlet_by_name.contains_key(&key) {
                    let e = unmatched.entry(key).or_insert(shown);
                    if shown < *e {
                        *e = shown;
                    }
                }
            }
        }
        let wire_keys: Vec<String> = unmatched.keys().cloned().collect();
        let wires: Vec<String> = unmatched.values().map(|s| s.to_string()).collect();

        let mut mentions = Vec::with_capacity(mention_nodes.len());
        mentions.extend(mention_nodes.into_iter().filter_map(|node| {
            let claim = claim_index.get(node.claim_id)?;
            let doc = doc_index.get(node.document_id)?;
            let actor = node.actor_id.and_then(|a| actor_index.get(a));
            let relay = relay_key(node).and_then(|(key, _)| match outlet_by_name.get(&key) {
                Some(&o) => Some(Relay::Outlet(o)),
                None => wire_keys
                    .binary_search(&key)
                    .ok()
                    .map(|w| Relay::Wire(w as u32)),
            });
            Some(Mention {
                node,
                claim,
                doc,
                actor,
                relay,
            })
        }));

        // A counting sort of the mentions by claim.
        let mut mention_start = vec![0u32; claims.len() + 1];
        for m in &mentions {
            mention_start[m.claim as usize + 1] += 1;
        }
        for c in 0..claims.len() {
            mention_start[c + 1] += mention_start[c];
        }
        let mut next = mention_start.clone();
        let mut claim_mentions = vec![0u32; mentions.len()];
        for (i, m) in mentions.iter().enumerate() {
            let slot = &mut next[m.claim as usize];
            claim_mentions[*slot as usize] = i as u32;
            *slot += 1;
        }
        Resolved {
            outlets,
            docs,
            actors,
            claims,
            mentions,
            wires,
            claim_index,
            outlet_index,
            mention_start,
            claim_mentions,
        }
    }

    /// The mentions of claim `c` (indices into `mentions`), in id order.
    pub fn mentions_of(&self, c: u32) -> &[u32] {
        let c = c as usize;
        &self.claim_mentions[self.mention_start[c] as usize..self.mention_start[c + 1] as usize]
    }

    /// The documents that carry claim `c`, sorted, each once.
    pub fn documents_of(&self, c: u32) -> Vec<u32> {
        let mut docs: Vec<u32> = self
            .mentions_of(c)
            .iter()
            .map(|&m| self.mentions[m as usize].doc)
            .collect();
        docs.sort_unstable();
        docs.dedup();
        docs
    }

    /// Name of the outlet that published document `doc`.
    pub fn outlet_name_of_doc(&self, doc: u32) -> &str {
        &self.outlets[self.docs[doc as usize].outlet as usize].name
    }
}

/// Two documents of different outlets that carry this many sentences word
/// for word (hyphens and case aside) are one story: an uncredited wire
/// copy that was edited here and there, so the whole texts are not near
/// enough.
pub const SHARED_SENTENCES: usize = 3;

/// Sentences shorter than this many words do not count as shared: news
/// stock phrases repeat by chance.
pub const SHARED_SENTENCE_WORDS: usize = 8;

/// Pairs of documents (by index) from different outlets, with different
/// texts, that are near-duplicates or share [`SHARED_SENTENCES`] sentences,
/// sorted: reprints and same-outlet pairs are one origin already.
pub(super) fn near_duplicates(ledger: &Resolved<'_>) -> Vec<(u32, u32)> {
    let mut pairs = near_duplicate_texts(ledger);
    pairs.extend(sharing_sentences(ledger));
    pairs.retain(|&(a, b)| {
        let (da, db) = (&ledger.docs[a as usize], &ledger.docs[b as usize]);
        da.outlet != db.outlet && da.node.content_hash != db.node.content_hash
    });
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Pairs of documents (by index, smaller first) that carry at least
/// [`SHARED_SENTENCES`] of the same sentences, as the mentions quote them.
/// A sentence carried by many documents (a wire paragraph reprinted far
/// and wide) joins them in a chain, so the count stays linear.
fn sharing_sentences(ledger: &Resolved<'_>) -> Vec<(u32, u32)> {
    let mut keyed: Vec<(u64, u32)> = ledger
        .mentions
        .iter()
        .filter_map(|m| {
            minhash::sentence_key(&m.node.quote, SHARED_SENTENCE_WORDS).map(|k| (k, m.doc))
        })
        .collect();
    keyed.sort_unstable();
    keyed.dedup();
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for group in keyed.chunk_by(|a, b| a.0 == b.0) {
        if group.len() <= 8 {
            for (i, a) in group.iter().enumerate() {
                pairs.extend(group[i + 1..].iter().map(|b| (a.1.min(b.1), a.1.max(b.1))));
            }
        } else {
            pairs.extend(
                group
                    .windows(2)
                    .map(|w| (w[0].1.min(w[1].1), w[0].1.max(w[1].1))),
            );
        }
    }
    pairs.sort_unstable();
    pairs
        .chunk_by(|a, b| a == b)
        .filter(|same| same.len() >= SHARED_SENTENCES)
        .map(|same| same[0])
        .collect()
}

/// Pairs of documents whose whole texts are near-duplicates (MinHash).
fn near_duplicate_texts(ledger: &Resolved<'_>) -> Vec<(u32, u32)> {
    let fingerprints: Vec<&[u32]> = ledger.docs.iter().map(|d| d.fingerprint).collect();
    minhash::near_duplicate_documents(&fingerprints)
}

#[cfg(test)]
mod tests {
    use super::IdIndex;

    #[test]
    fn ids_are_found_in_a_table_or_a_map() {
        let near = [-2i64, -1, 3, 4, 9];
        let index = IdIndex::new(&near, |&id| id);
        assert!(matches!(index, IdIndex::Dense { .. }));
        let far = [1i64, 5_000_000_000, i64::MAX];
        let sparse = IdIndex::new(&far, |&id| id);
        assert!(matches!(sparse, IdIndex::Sparse(_)));
        for (index, ids) in [(&index, &near[..]), (&sparse, &far[..])] {
            for (i, &id) in ids.iter().enumerate() {
                assert_eq!(index.get(id), Some(i as u32));
            }
            for id in [0, 2, 10, -3, 6, i64::MIN, i64::MAX - 1] {
                assert_eq!(index.get(id), None, "{id}");
            }
        }
        assert_eq!(IdIndex::new(&[] as &[i64], |&id| id).get(1), None);
    }
}
