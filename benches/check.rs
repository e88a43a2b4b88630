//! Speed and memory of the corroboration pass on synthetic ledgers of 10k,
//! 100k and 1M mentions: `cargo bench --bench check`.
//!
//! The ledger is generated from a fixed seed: about one document per ten
//! mentions over 500 outlets, one claim per five mentions over one subject
//! per fifty, with reprints, near-duplicate documents, wires relayed by name,
//! sentences lifted from wires, denials, outlet links and a few manual and rejected claim links.

use std::time::Instant;

use claimledger::corroborate::{run, PassInput, FINGERPRINT_LEN};
use claimledger::model::{
    Actor, ActorKind, Claim, ClaimBody, ClaimLink, ClaimRelation, Document, LinkOrigin, Mention,
    Origin, Outlet, OutletKind, OutletLink, OutletRelation, Quantity, Stance,
};
use claimledger::store::PassMention;

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut x = self.0;
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        x ^ (x >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const WORDS: &[&str] = &[
    "the",
    "ministry",
    "said",
    "forces",
    "region",
    "border",
    "peacekeepers",
    "deployed",
    "officials",
    "reported",
    "killed",
    "displaced",
    "ceasefire",
    "talks",
    "government",
    "according",
    "spokesman",
    "village",
    "troops",
    "agreement",
    "statement",
    "week",
    "capital",
    "people",
    "were",
    "had",
    "been",
    "since",
    "under",
    "after",
];

fn sentence(seed: u64) -> String {
    let mut r = Rng(seed);
    let n = 10 + r.below(12);
    (0..n)
        .map(|_| WORDS[r.below(WORDS.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

fn generate(mentions: usize, seed: u64) -> PassInput {
    let mut r = Rng(seed);
    let n_outlets = 500.min(mentions / 20).max(10);
    let n_docs = mentions / 10;
    let n_claims = mentions / 5;
    let n_subjects = (mentions / 50).max(1);
    let n_actors = 1000.min(mentions / 10).max(1);

    let outlets: Vec<Outlet> = (0..n_outlets)
        .map(|i| Outlet {
            id: i as i64 + 1,
            name: if i < 10 {
                format!("Wire {i}")
            } else {
                format!("Outlet {i}")
            },
            kind: OutletKind::Other,
            country: None,
            owner: None,
        })
        .collect();

    let mut documents: Vec<(Document<()>, Vec<u32>)> = Vec::with_capacity(n_docs);
    for i in 0..n_docs {
        let outlet_id = r.below(n_outlets) as i64 + 1;
        let roll = r.below(100);
        let (content_hash, fingerprint) = if i > 0 && roll < 3 {
            // A reprint of an earlier document.
            let (d, fingerprint) = &documents[r.below(i)];
            (d.content_hash.clone(), fingerprint.clone())
        } else if i > 0 && roll < 5 {
            // A near-duplicate: an earlier text with a few words changed.
            let mut f = documents[r.below(i)].1.clone();
            for _ in 0..3 {
                let k = r.below(FINGERPRINT_LEN);
                f[k] = r.next() as u32;
            }
            (format!("{:016x}", r.next()), f)
        } else {
            (
                format!("{:016x}", r.next()),
                (0..FINGERPRINT_LEN).map(|_| r.next() as u32).collect(),
            )
        };
        let document = Document {
            id: i as i64 + 1,
            ..Document::new(outlet_id, content_hash, ())
        };
        documents.push((document, fingerprint));
    }

    let actors: Vec<Actor> = (0..n_actors)
        .map(|i| Actor {
            id: i as i64 + 1,
            name: format!("Actor {i}"),
            kind: ActorKind::Unknown,
            aliases: Vec::new(),
        })
        .collect();

    let claim = |id: i64, text: String, body: ClaimBody, retracted: bool| Claim {
        id,
        text,
        body,
        speaker_id: None,
        as_of: None,
        origin: Origin::Extracted,
        retracted_why: retracted.then(|| "retracted".to_string()),
    };
    let claims: Vec<Claim> = (0..n_claims)
        .map(|i| {
            let id = i as i64 + 1;
            if r.chance(80) {
                let subject = r.below(n_subjects);
                // Most reports of a subject agree within their hedges; one in
                // five gives another figure: overlaps and conflicts.
                let factor = if r.chance(80) {
                    1.0
                } else {
                    2.0 + r.below(3) as f64
                };
                let figure = ((subject % 97) + 1) as f64 * 100.0 * factor;
                let hedge = [0.0, 0.05, 0.1][r.below(3)] * figure;
                let body = ClaimBody::Quantity(Quantity {
                    measure: format!("subject {subject}"),
                    low: figure - hedge,
                    high: figure + hedge,
                    unit: None,
                    hedge: None,
                    comparable: true,
                });
                let text = format!("some {figure} people in subject {subject}");
                claim(id, text, body, r.chance(1))
            } else {
                let text = format!("statement {i}");
                claim(id, text, ClaimBody::Statement, r.chance(1))
            }
        })
        .collect();

    let mentions: Vec<PassMention> = (0..mentions)
        .map(|i| {
            let claim = r.below(n_claims) as u64;
            let roll = r.below(100);
            let (stance, actor_id) = match roll {
                0..=86 => (Stance::Asserts, None),
                87..=97 => (Stance::Reports, Some(r.below(n_actors) as i64 + 1)),
                _ => (Stance::Denies, Some(r.below(n_actors) as i64 + 1)),
            };
            // A fifth of the mentions lift one of two wire sentences of their
            // claim; the rest are written by their outlet.
            let quote = if r.chance(20) {
                sentence(claim * 2 + r.below(2) as u64)
            } else {
                sentence(r.next())
            };
            let relayed_by = match r.below(100) {
                0..=2 => Some(format!("wire {}", r.below(10))),
                3..=4 => Some(format!("Agency {}", r.below(50))),
                _ => None,
            };
            Mention {
                id: i as i64 + 1,
                claim_id: claim as i64 + 1,
                document_id: r.below(n_docs) as i64 + 1,
                actor_id,
                stance,
                quote,
                span: 0..0,
                relayed_by,
                origin: Origin::Extracted,
            }
            .into()
        })
        .collect();

    let relations = [
        ClaimRelation::SameAs,
        ClaimRelation::Contradicts,
        ClaimRelation::Supports,
    ];
    let claim_links: Vec<ClaimLink> = (0..n_claims / 100)
        .map(|_| ClaimLink {
            from_claim: r.below(n_claims) as i64 + 1,
            to_claim: r.below(n_claims) as i64 + 1,
            relation: relations[r.below(3)],
            origin: if r.chance(50) {
                LinkOrigin::Manual
            } else {
                LinkOrigin::Auto
            },
            rejected: r.chance(30),
            note: None,
        })
        .collect();

    let outlet_relations = [
        OutletRelation::Copies,
        OutletRelation::SameOwner,
        OutletRelation::Cites,
    ];
    let outlet_links: Vec<OutletLink> = (0..n_outlets / 5)
        .map(|_| OutletLink {
            from_outlet: r.below(n_outlets) as i64 + 1,
            to_outlet: r.below(n_outlets) as i64 + 1,
            relation: outlet_relations[r.below(3)],
            note: None,
        })
        .collect();

    PassInput {
        outlets,
        documents,
        actors,
        claims,
        mentions,
        claim_links,
        outlet_links,
    }
}

/// A field of /proc/self/status in KiB (Linux); 0 elsewhere.
fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Resets VmHWM to the current RSS, so the peak measured is the pass's own.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn main() {
    println!(
        "{:>10} {:>9} {:>10} {:>11} {:>11} {:>12}  statuses (conflicting/corroborated/single/unsourced), auto links",
        "mentions", "pass s", "input MiB", "peak MiB", "pass MiB", "ns/mention"
    );
    // Sizes may be given as arguments (`cargo bench --bench check -- 1000000`);
    // cargo's own flags such as --bench are not sizes.
    let mut sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = vec![10_000, 100_000, 1_000_000];
    }
    for &n in &sizes {
        let input = generate(n, 0x00c1_a1e1_ed9e_0001);
        let reset = reset_peak();
        let before = status_kib("VmRSS:");
        let start = Instant::now();
        let out = run(&input);
        let elapsed = start.elapsed();
        let peak = status_kib("VmHWM:");
        let counts = out.claim_counts();
        println!(
            "{:>10} {:>9.3} {:>10.0} {:>11.0} {:>11} {:>12.0}  {:?}, {}",
            n,
            elapsed.as_secs_f64(),
            mib(before),
            mib(peak),
            if reset {
                format!("{:.0}", mib(peak.saturating_sub(before)))
            } else {
                "n/a".to_string()
            },
            elapsed.as_nanos() as f64 / n as f64,
            counts,
            out.auto_links.len()
        );
        drop(out);
        drop(input);
    }
}
