//! The pass graph: the relations the pass reads, each kept once. Claim
//! links (same-as for clusters; contradicts and supports for conflicts and
//! support), outlet links and documents that carry one text (reprints,
//! near-duplicates): their connected components are the clusters and the
//! groups of sources that are one, and an origin's explanation walks the
//! outlet links and near-duplicates of its outlets and documents. The
//! other relations of the design (outlet published document, document
//! mentions claim, actor voiced claim) are read from the resolved input,
//! where each is kept once too (a document's outlet, a mention's document,
//! claim and actor, and each claim's mentions in an index).

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::unionfind::UnionFind;
use petgraph::visit::{EdgeFiltered, EdgeRef, IntoEdgeReferences};

use super::resolve::Resolved;
use crate::model::{ClaimLink, ClaimRelation, LinkOrigin, OutletRelation};

/// A node of the pass graph, with the row id it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Node {
    Outlet(i64),
    Document(i64),
    Claim(i64),
}

/// An edge of the pass graph: a relation the pass reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Edge {
    /// Claim same-as, contradicts or supports claim (counted links only).
    Claims(ClaimRelation, LinkOrigin),
    /// Outlet copies, same-owner or cites outlet.
    Outlets(OutletRelation),
    /// Document has the same normalized text as document (a reprint).
    SameText,
    /// Document is a near-duplicate of document (the smaller index first).
    NearDuplicate,
    /// Outlet's name prints like outlet's (the same confusable skeleton,
    /// `untrusted::skeleton`): "Reuters" and "Rеuters" with a Cyrillic е
    /// are never two independent sources.
    LookAlike,
}

/// A claim link that counts, between claim indices.
#[derive(Debug, Clone, Copy)]
pub(super) struct CountedLink {
    pub from: u32,
    pub to: u32,
    pub relation: ClaimRelation,
    pub origin: LinkOrigin,
}

/// The pass graph; nodes are laid out as outlets, documents, claims, each
/// block in id order, so a dense index maps to a node by an offset.
pub(super) struct PassGraph {
    pub graph: DiGraph<Node, Edge, u32>,
    doc_base: usize,
    claim_base: usize,
}

impl PassGraph {
    /// Builds the graph: a node for every outlet, document and claim, an
    /// edge for every counted claim link and outlet link, and the pairs of
    /// documents that carry one text: reprints (equal hashes) and the
    /// near-duplicates found.
    pub fn build(
        ledger: &Resolved<'_>,
        links: &[CountedLink],
        near_duplicates: &[(u32, u32)],
        input: &super::PassInput,
    ) -> Self {
        let outlet_index = &ledger.outlet_index;
        let mut outlet_links: Vec<(u32, u32, OutletRelation)> = input
            .outlet_links
            .iter()
            .filter_map(|l| {
                let from = outlet_index.get(l.from_outlet)?;
                let to = outlet_index.get(l.to_outlet)?;
                (from != to).then_some((from, to, l.relation))
            })
            .collect();
        outlet_links.sort_unstable();
        outlet_links.dedup();
        // Outlets whose names print alike: a chain through each group of
        // equal skeletons.
        let mut skeletons: Vec<(String, u32)> = ledger
            .outlets
            .iter()
            .enumerate()
            .map(|(i, o)| (crate::untrusted::skeleton(&o.name), i as u32))
            .collect();
        skeletons.sort_unstable();
        let look_alikes: Vec<(u32, u32)> = skeletons
            .windows(2)
            .filter(|pair| pair[0].0 == pair[1].0)
            .map(|pair| (pair[0].1, pair[1].1))
            .collect();
        // Reprints: a chain through each group of equal hashes is enough for
        // union-find and stays linear.
        let mut by_hash: Vec<(&str, u32)> = ledger
            .docs
            .iter()
            .enumerate()
            .filter(|(_, d)| !d.node.content_hash.is_empty())
            .map(|(i, d)| (d.node.content_hash.as_str(), i as u32))
            .collect();
        by_hash.sort_unstable();
        let reprints: Vec<(u32, u32)> = by_hash
            .windows(2)
            .filter(|pair| pair[0].0 == pair[1].0)
            .map(|pair| (pair[0].1, pair[1].1))
            .collect();

        let mut graph = DiGraph::with_capacity(
            ledger.outlets.len() + ledger.docs.len() + ledger.claims.len(),
            outlet_links.len() + reprints.len() + near_duplicates.len() + links.len(),
        );
        for o in &ledger.outlets {
            graph.add_node(Node::Outlet(o.id));
        }
        let doc_base = graph.node_count();
        for d in &ledger.docs {
            graph.add_node(Node::Document(d.node.id));
        }
        let claim_base = graph.node_count();
        for c in &ledger.claims {
            graph.add_node(Node::Claim(c.id));
        }
        let mut pg = PassGraph {
            graph,
            doc_base,
            claim_base,
        };
        for (from, to, relation) in outlet_links {
            pg.graph
                .add_edge(pg.outlet(from), pg.outlet(to), Edge::Outlets(relation));
        }
        for (a, b) in look_alikes {
            pg.graph
                .add_edge(pg.outlet(a), pg.outlet(b), Edge::LookAlike);
        }
        for (a, b) in reprints {
            pg.graph.add_edge(pg.doc(a), pg.doc(b), Edge::SameText);
        }
        for &(a, b) in near_duplicates {
            pg.graph.add_edge(pg.doc(a), pg.doc(b), Edge::NearDuplicate);
        }
        for l in links {
            pg.graph.add_edge(
                pg.claim(l.from),
                pg.claim(l.to),
                Edge::Claims(l.relation, l.origin),
            );
        }
        pg
    }

    pub fn outlet(&self, i: u32) -> NodeIndex<u32> {
        NodeIndex::new(i as usize)
    }
    pub fn doc(&self, i: u32) -> NodeIndex<u32> {
        NodeIndex::new(self.doc_base + i as usize)
    }
    pub fn claim(&self, i: u32) -> NodeIndex<u32> {
        NodeIndex::new(self.claim_base + i as usize)
    }

    /// Connected components of the subgraph of edges that `keep` accepts,
    /// as one representative per node (indexed by node index).
    fn components(&self, keep: impl Fn(&Edge) -> bool) -> Vec<u32> {
        let mut uf = UnionFind::<u32>::new(self.graph.node_count());
        let filtered = EdgeFiltered::from_fn(&self.graph, |e| keep(e.weight()));
        for e in (&filtered).edge_references() {
            uf.union(e.source().index() as u32, e.target().index() as u32);
        }
        uf.into_labeling()
    }

    /// Claim clusters: components over the counted same-as links.
    pub fn same_as_components(&self) -> Vec<u32> {
        self.components(|e| matches!(e, Edge::Claims(ClaimRelation::SameAs, _)))
    }

    /// Outlets that are not independent: components over outlet links
    /// (copies, same-owner and cites all mean the same for counting).
    pub fn outlet_components(&self) -> Vec<u32> {
        self.components(|e| matches!(e, Edge::Outlets(_) | Edge::LookAlike))
    }

    /// Documents that carry one text: components over reprint and
    /// near-duplicate edges. Kept apart from outlets on purpose: one reprinted
    /// story joins two documents, not everything the two outlets publish.
    pub fn text_components(&self) -> Vec<u32> {
        self.components(|e| matches!(e, Edge::SameText | Edge::NearDuplicate))
    }

    /// The counted claim links of `relation`, as (from, to) claim indices.
    pub fn claim_links(&self, relation: ClaimRelation) -> impl Iterator<Item = (u32, u32)> + '_ {
        let base = self.claim_base as u32;
        self.graph
            .edge_references()
            .filter_map(move |e| match e.weight() {
                Edge::Claims(r, _) if *r == relation => Some((
                    e.source().index() as u32 - base,
                    e.target().index() as u32 - base,
                )),
                _ => None,
            })
    }

    /// The outlets that outlet `o` links to, with the relation.
    pub fn outlet_links_from(&self, o: u32) -> impl Iterator<Item = (u32, OutletRelation)> + '_ {
        self.graph
            .edges(self.outlet(o))
            .filter_map(|e| match e.weight() {
                Edge::Outlets(relation) => Some((e.target().index() as u32, *relation)),
                _ => None,
            })
    }

    /// The outlets whose names print like outlet `o`'s (those after it in
    /// skeleton order: each pair is found from one of its outlets).
    pub fn look_alikes_of(&self, o: u32) -> impl Iterator<Item = u32> + '_ {
        self.graph
            .edges(self.outlet(o))
            .filter_map(|e| match e.weight() {
                Edge::LookAlike => Some(e.target().index() as u32),
                _ => None,
            })
    }

    /// The documents that document `d` is a near-duplicate of (those after
    /// it: each pair is found from its first document).
    pub fn near_duplicates_of(&self, d: u32) -> impl Iterator<Item = u32> + '_ {
        let base = self.doc_base as u32;
        self.graph
            .edges(self.doc(d))
            .filter_map(move |e| match e.weight() {
                Edge::NearDuplicate => Some(e.target().index() as u32 - base),
                _ => None,
            })
    }
}

/// The claim links that count, between claim indices: manual links that
/// are not rejected, plus the auto links just computed (stale auto links of
/// the input do not count). A link whose (pair, relation) was rejected by a
/// person never counts. Links touching retracted or unknown claims, and
/// self-links, are dropped.
pub(super) fn counted_links(
    ledger: &Resolved<'_>,
    stored: &[ClaimLink],
    fresh: &[ClaimLink],
) -> Vec<CountedLink> {
    let rejected = rejected_pairs(stored);
    let mut links: Vec<CountedLink> = Vec::new();
    let mut push = |from: i64, to: i64, relation: ClaimRelation, origin: LinkOrigin| {
        let (Some(f), Some(t)) = (ledger.claim_index.get(from), ledger.claim_index.get(to)) else {
            return;
        };
        if f != t
            && rejected
                .binary_search(&pair_key(from, to, relation))
                .is_err()
        {
            // Same-as and contradicts join both ways; support goes from the
            // supporter to the supported.
            let (from, to) = if relation == ClaimRelation::Supports {
                (f, t)
            } else {
                (f.min(t), f.max(t))
            };
            links.push(CountedLink {
                from,
                to,
                relation,
                origin,
            });
        }
    };
    for l in stored {
        if l.origin == LinkOrigin::Manual && !l.rejected {
            push(l.from_claim, l.to_claim, l.relation, LinkOrigin::Manual);
        }
    }
    for l in fresh {
        push(l.from_claim, l.to_claim, l.relation, LinkOrigin::Auto);
    }
    // A manual link sorts first and wins over an auto duplicate.
    links.sort_unstable_by_key(|l| (l.from, l.to, l.relation, l.origin == LinkOrigin::Auto));
    links.dedup_by_key(|l| (l.from, l.to, l.relation));
    links
}

/// Unordered claim pair with a relation.
pub(super) fn pair_key(a: i64, b: i64, relation: ClaimRelation) -> (i64, i64, ClaimRelation) {
    (a.min(b), a.max(b), relation)
}

/// Sorted (pair, relation) keys a person rejected.
pub(super) fn rejected_pairs(stored: &[ClaimLink]) -> Vec<(i64, i64, ClaimRelation)> {
    let mut v: Vec<_> = stored
        .iter()
        .filter(|l| l.rejected)
        .map(|l| pair_key(l.from_claim, l.to_claim, l.relation))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}
