//! What `check` computes: a verdict per cluster of claims.

use super::words::Status;

/// The verdict on one same-as cluster of claims, shared by all its claims
/// (a row of `verdicts`).
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The cluster's smallest claim id.
    pub cluster_id: i64,
    /// Conflicting, corroborated, single-source or unsourced.
    pub status: Status,
    /// How many independent sources assert or report the cluster.
    pub independent_sources: i64,
    /// The outlets behind those sources, sorted and joined by "; " as
    /// `verdicts.outlets` stores them: one string, not one per name, since
    /// a million verdicts name millions of outlets and exports stream them
    /// without looking inside (see [`Verdict::outlet_names`]).
    pub outlets: String,
    /// Why, in words a fact-checker reads.
    pub reason: String,
}

impl Verdict {
    /// The names in [`Verdict::outlets`], in order.
    pub fn outlet_names(&self) -> impl Iterator<Item = &str> {
        self.outlets.split("; ").filter(|n| !n.is_empty())
    }
}

/// A cluster of claims as the pass judged it: its verdict, the claims it
/// holds, and how many mentions were behind the verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// The verdict, under the cluster's smallest claim id.
    pub verdict: Verdict,
    /// The claims judged together, sorted; the first is the cluster's id.
    pub claim_ids: Vec<i64>,
    /// How many mentions are behind the verdict (the store knows which:
    /// those of the cluster's claims up to `last_check`).
    pub mentions: usize,
}
