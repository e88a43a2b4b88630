//! Tests of the pass on ledgers built by hand.

use proptest::prelude::*;

use super::*;
use crate::model::{
    Actor, ActorKind, Claim, ClaimBody, Document, FigureNote, LinkOrigin, Origin, Outlet,
    OutletKind, OutletLink, OutletRelation, Quantity, Stance,
};
use crate::store::PassMention;

/// A link's note, as words.
fn note(link: &ClaimLink) -> &str {
    link.note.as_deref().unwrap_or("")
}

/// Builds a `PassInput` line by line.
#[derive(Default)]
pub(super) struct Fixture {
    pub(super) input: PassInput,
}

/// A claim of the pass's input: extracted, in no one's voice, on no day.
pub(super) fn claim(id: i64, text: &str, body: ClaimBody) -> Claim {
    Claim {
        id,
        text: text.to_string(),
        body,
        speaker_id: None,
        as_of: None,
        origin: Origin::Extracted,
        retracted_why: None,
    }
}

/// A text of `n` words that shares no 5-word shingle with another seed's.
fn prose(seed: u64, n: usize) -> String {
    (0..n as u64)
        .map(|i| format!("w{}", minhash::mix(seed * 100_003 + i) % 50_000))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Fixture {
    pub(super) fn outlet(&mut self, id: i64, name: &str) -> &mut Self {
        self.input.outlets.push(Outlet {
            id,
            name: name.to_string(),
            kind: OutletKind::Other,
            country: None,
            owner: None,
        });
        self
    }
    pub(super) fn document(&mut self, id: i64, outlet_id: i64, text: &str) -> &mut Self {
        let document = Document {
            id,
            ..Document::new(outlet_id, format!("sha256 of {text}"), ())
        };
        self.input.documents.push((document, fingerprint(text)));
        self
    }
    /// A document with its own, unrelated text.
    pub(super) fn doc(&mut self, id: i64, outlet_id: i64) -> &mut Self {
        self.document(id, outlet_id, &prose(id as u64, 200))
    }
    pub(super) fn actor(&mut self, id: i64, name: &str) -> &mut Self {
        self.input.actors.push(Actor {
            id,
            name: name.to_string(),
            kind: ActorKind::Unknown,
            aliases: Vec::new(),
        });
        self
    }
    pub(super) fn quantity(&mut self, id: i64, text: &str, low: f64, high: f64) -> &mut Self {
        let figure = Quantity {
            measure: "russian peacekeepers".to_string(),
            low,
            high,
            unit: None,
            hedge: None,
            comparable: true,
        };
        self.input
            .claims
            .push(claim(id, text, ClaimBody::Quantity(figure)));
        self
    }
    /// The last claim, a quantity, was written with this hedge.
    pub(super) fn hedged(&mut self, hedge: &str) -> &mut Self {
        self.last_figure().hedge = Some(hedge.to_string());
        self
    }
    /// The figure of the last claim, a quantity.
    pub(super) fn last_figure(&mut self) -> &mut Quantity {
        match &mut self.input.claims.last_mut().expect("pushed").body {
            ClaimBody::Quantity(q) => q,
            _ => panic!("the last claim is not a quantity"),
        }
    }
    pub(super) fn statement(&mut self, id: i64, text: &str) -> &mut Self {
        self.input
            .claims
            .push(claim(id, text, ClaimBody::Statement));
        self
    }
    pub(super) fn quote(&mut self, id: i64, speaker_id: i64, quoted: &str) -> &mut Self {
        let body = ClaimBody::Quote {
            quoted: Some(quoted.to_string()),
        };
        let mut quote = claim(id, quoted, body);
        quote.speaker_id = Some(speaker_id);
        self.input.claims.push(quote);
        self
    }
    pub(super) fn mention(
        &mut self,
        id: i64,
        claim_id: i64,
        document_id: i64,
        stance: Stance,
    ) -> &mut Self {
        self.input.mentions.push(PassMention {
            id,
            claim_id,
            document_id,
            actor_id: None,
            stance,
            quote: format!(
                "sentence {} of its own {}",
                prose(id as u64 + 7_000, 12),
                id
            )
            .into(),
            relayed_by: None,
        });
        self
    }
    pub(super) fn last_mention(&mut self) -> &mut PassMention {
        self.input.mentions.last_mut().expect("a mention was added")
    }
    pub(super) fn link(
        &mut self,
        from: i64,
        to: i64,
        relation: ClaimRelation,
        origin: LinkOrigin,
        rejected: bool,
    ) -> &mut Self {
        self.input.claim_links.push(ClaimLink {
            from_claim: from,
            to_claim: to,
            relation,
            origin,
            rejected,
            note: None,
        });
        self
    }
    pub(super) fn outlet_link(
        &mut self,
        from: i64,
        to: i64,
        relation: OutletRelation,
    ) -> &mut Self {
        self.input.outlet_links.push(OutletLink {
            from_outlet: from,
            to_outlet: to,
            relation,
            note: None,
        });
        self
    }
    fn run(&self) -> PassOutput {
        run(&self.input)
    }
}

fn cluster(out: &PassOutput, claim_id: i64) -> &Cluster {
    out.verdicts
        .iter()
        .find(|c| c.claim_ids.contains(&claim_id))
        .expect("claim has a verdict")
}

fn verdict(out: &PassOutput, claim_id: i64) -> &Verdict {
    &cluster(out, claim_id).verdict
}

/// Press TV and The Moscow Times, each with one quantity claim on Russian
/// peacekeepers in Karabakh.
fn two_outlets() -> Fixture {
    let mut l = Fixture::default();
    l.outlet(1, "Press TV")
        .outlet(2, "The Moscow Times")
        .doc(10, 1)
        .doc(20, 2)
        .quantity(1, "some 2,000 Russian peacekeepers", 1800.0, 2200.0)
        .hedged("some")
        .quantity(2, "2,000 russian peacekeepers", 2000.0, 2000.0)
        .mention(100, 1, 10, Stance::Asserts)
        .mention(200, 2, 20, Stance::Asserts);
    l
}

#[test]
fn the_same_figure_corroborates() {
    let fixture = two_outlets();
    let out = fixture.run();
    assert_eq!(
        out.auto_links,
        vec![ClaimLink::between_figures(1, 2, ClaimRelation::SameAs)]
    );
    // Its note, as readers render it from the two claims.
    let figure = |i: usize| FigureNote::of(&fixture.input.claims[i]).unwrap();
    assert_eq!(
        ClaimLink::figure_note(&figure(0), &figure(1), ClaimRelation::SameAs),
        "some 2,000 Russian peacekeepers [1,800\u{2013}2,200] is the same figure as \
         2,000 russian peacekeepers [2,000\u{2013}2,000]"
    );
    for id in [1, 2] {
        let v = verdict(&out, id);
        assert_eq!(v.status, Status::Corroborated);
        assert_eq!(v.cluster_id, 1);
        assert_eq!(v.independent_sources, 2);
        assert_eq!(v.outlets, "Press TV; The Moscow Times");
        assert_eq!(
            v.reason,
            "asserted by 2 independent outlets: Press TV, The Moscow Times"
        );
    }
    // One verdict for the cluster, its mentions given once.
    assert_eq!(out.verdicts.len(), 1);
    assert_eq!(out.verdicts[0].claim_ids, [1, 2]);
    assert_eq!(out.verdicts[0].mentions, 2);
}

#[test]
fn disjoint_quantity_conflicts_on_both_sides() {
    let mut l = two_outlets();
    l.outlet(3, "TASS")
        .doc(30, 3)
        .quantity(3, "3,000 Russian peacekeepers", 3000.0, 3000.0)
        .mention(300, 3, 30, Stance::Asserts);
    let out = l.run();
    let relations: Vec<_> = out
        .auto_links
        .iter()
        .map(|a| (a.from_claim, a.to_claim, a.relation))
        .collect();
    assert_eq!(
        relations,
        [
            (1, 2, ClaimRelation::SameAs),
            (1, 3, ClaimRelation::Contradicts),
            (2, 3, ClaimRelation::Contradicts)
        ]
    );
    // A link between figures leaves its note to the readers.
    assert_eq!(out.auto_links[1].note, None);
    let ours = verdict(&out, 2);
    assert_eq!(ours.status, Status::Conflicting);
    assert_eq!(
        ours.reason,
        "conflicts with C3: 3,000 Russian peacekeepers (TASS); \
         asserted by 2 independent outlets: Press TV, The Moscow Times"
    );
    let theirs = verdict(&out, 3);
    assert_eq!(theirs.status, Status::Conflicting);
    assert_eq!(
        theirs.reason,
        "conflicts with C1: some 2,000 Russian peacekeepers (Press TV, The Moscow Times); \
         only TASS carries it"
    );
}

#[test]
fn reprint_is_one_origin() {
    let mut l = two_outlets();
    let text = prose(99, 200);
    l.input.documents.clear();
    l.document(10, 1, &text).document(20, 2, &text);
    let v = verdict(&l.run(), 1).clone();
    assert_eq!(v.status, Status::SingleSource);
    assert_eq!(v.independent_sources, 1);
    assert_eq!(
        v.reason,
        "asserted by 2 outlets that are 1 independent origin: Press TV, The Moscow Times \
         (Press TV and The Moscow Times reprint the same text)"
    );
}

#[test]
fn copying_outlet_is_not_independent() {
    let mut l = two_outlets();
    l.outlet_link(2, 1, OutletRelation::Copies);
    let v = verdict(&l.run(), 1).clone();
    assert_eq!(v.status, Status::SingleSource);
    assert_eq!(v.independent_sources, 1);
    assert!(
        v.reason.contains("(The Moscow Times copies Press TV)"),
        "{}",
        v.reason
    );
}

#[test]
fn manual_contradicts_makes_both_conflicting() {
    let mut l = Fixture::default();
    l.outlet(1, "Press TV")
        .outlet(2, "The Moscow Times")
        .doc(10, 1)
        .doc(20, 2)
        .statement(5, "The talks failed")
        .statement(6, "The talks succeeded")
        .mention(100, 5, 10, Stance::Asserts)
        .mention(200, 6, 20, Stance::Asserts)
        .link(6, 5, ClaimRelation::Contradicts, LinkOrigin::Manual, false);
    let out = l.run();
    assert!(out.auto_links.is_empty());
    assert_eq!(verdict(&out, 5).status, Status::Conflicting);
    assert_eq!(
        verdict(&out, 6).reason,
        "conflicts with C5: The talks failed (Press TV); only The Moscow Times carries it"
    );
}

#[test]
fn contradicting_an_unsourced_claim_is_no_conflict() {
    let mut l = Fixture::default();
    l.outlet(1, "Press TV")
        .doc(10, 1)
        .statement(5, "The talks failed")
        .statement(6, "The talks succeeded")
        .mention(100, 5, 10, Stance::Asserts)
        .link(5, 6, ClaimRelation::Contradicts, LinkOrigin::Manual, false);
    let out = l.run();
    assert_eq!(verdict(&out, 5).status, Status::SingleSource);
    let v = verdict(&out, 6);
    assert_eq!(v.status, Status::Conflicting);
    assert_eq!(
        v.reason,
        "conflicts with C5: The talks failed (Press TV); no document carries it"
    );
}

#[test]
fn rejected_auto_link_stays_out_and_splits_the_cluster() {
    let mut l = two_outlets();
    l.link(2, 1, ClaimRelation::SameAs, LinkOrigin::Auto, true);
    let out = l.run();
    assert!(out.auto_links.is_empty());
    for id in [1, 2] {
        let v = verdict(&out, id);
        assert_eq!(v.cluster_id, id);
        assert_eq!(v.status, Status::SingleSource);
    }
}

#[test]
fn stale_auto_links_do_not_count_and_manual_links_block_duplicates() {
    let mut l = two_outlets();
    l.statement(7, "Unrelated")
        .link(1, 7, ClaimRelation::SameAs, LinkOrigin::Auto, false);
    let out = l.run();
    assert_eq!(verdict(&out, 7).cluster_id, 7);
    assert_eq!(verdict(&out, 7).status, Status::Unsourced);
    assert_eq!(verdict(&out, 7).reason, "no document carries it");

    let mut l = two_outlets();
    l.link(1, 2, ClaimRelation::SameAs, LinkOrigin::Manual, false);
    let out = l.run();
    assert!(out.auto_links.is_empty());
    assert_eq!(verdict(&out, 2).status, Status::Corroborated);
}

#[test]
fn denial_conflicts() {
    let mut l = two_outlets();
    l.outlet(3, "Outlet Y")
        .actor(1, "Ministry X")
        .doc(30, 3)
        .mention(300, 2, 30, Stance::Denies);
    l.last_mention().actor_id = Some(1);
    let out = l.run();
    let v = verdict(&out, 1);
    assert_eq!(v.status, Status::Conflicting);
    assert_eq!(v.independent_sources, 2);
    assert_eq!(cluster(&out, 1).mentions, 3);
    assert_eq!(
        v.reason,
        "denied by Ministry X in Outlet Y; \
         asserted by 2 independent outlets: Press TV, The Moscow Times"
    );
}

#[test]
fn a_figure_only_denied_is_no_rival_value() {
    // Outlet A: 20 stated. Outlet B: police deny 50. The 20 stands alone.
    let mut l = Fixture::default();
    l.outlet(1, "Outlet A")
        .outlet(2, "Outlet B")
        .doc(10, 1)
        .doc(20, 2)
        .quantity(1, "20 russian peacekeepers", 20.0, 20.0)
        .quantity(2, "50 russian peacekeepers", 50.0, 50.0)
        .mention(100, 1, 10, Stance::Asserts)
        .mention(200, 2, 20, Stance::Denies);
    let out = l.run();
    assert!(out.auto_links.is_empty(), "{:?}", out.auto_links);
    assert_eq!(verdict(&out, 1).status, Status::SingleSource);
}

#[test]
fn relayed_wire_is_one_origin() {
    let mut l = two_outlets();
    l.input.mentions[0].relayed_by = Some("Reuters".into());
    l.input.mentions[1].relayed_by = Some("reuters ".into());
    let v = verdict(&l.run(), 1).clone();
    assert_eq!(v.status, Status::SingleSource);
    assert_eq!(v.independent_sources, 1);
    assert_eq!(v.outlets, "Press TV; Reuters; The Moscow Times");
    assert_eq!(
        v.reason,
        "asserted by 3 outlets that are 1 independent origin: \
         Press TV, Reuters, The Moscow Times (Press TV and The Moscow Times relay Reuters)"
    );

    // Reuters' own document joins the relays: still one origin.
    l.outlet(4, "REUTERS")
        .doc(40, 4)
        .mention(400, 1, 40, Stance::Asserts);
    let v = verdict(&l.run(), 1).clone();
    assert_eq!(v.independent_sources, 1);
    assert_eq!(v.outlets, "Press TV; REUTERS; The Moscow Times");
}

#[test]
fn near_duplicate_documents_are_one_origin() {
    let mut l = two_outlets();
    let text = prose(5, 200);
    let mut words: Vec<&str> = text.split(' ').collect();
    words[100] = "changed";
    let edited = words.join(" ");
    l.input.documents.clear();
    l.document(10, 1, &text).document(20, 2, &edited);
    assert_ne!(
        l.input.documents[0].0.content_hash,
        l.input.documents[1].0.content_hash
    );
    let v = verdict(&l.run(), 1).clone();
    assert_eq!(v.independent_sources, 1);
    assert!(
        v.reason
            .contains("Press TV and The Moscow Times carry near-identical text"),
        "{}",
        v.reason
    );
}

#[test]
fn near_identical_sentences_are_one_origin() {
    let mut l = two_outlets();
    l.input.mentions[0].quote =
        "Russia has deployed some 2,000 peacekeepers to the region under the ceasefire deal signed in November."
            .into();
    l.input.mentions[1].quote =
        "Russia has deployed some 2,000 peacekeepers to the region under the ceasefire deal signed last November."
            .into();
    let v = verdict(&l.run(), 1).clone();
    assert_eq!(v.independent_sources, 1);
    assert!(
        v.reason
            .contains("Press TV and The Moscow Times carry a near-identical sentence"),
        "{}",
        v.reason
    );

    // Short sentences count as copies only when equal.
    l.input.mentions[0].quote = "Peacekeepers arrived today.".into();
    l.input.mentions[1].quote = "Peacekeepers arrived yesterday.".into();
    assert_eq!(verdict(&l.run(), 1).independent_sources, 2);
    l.input.mentions[1].quote = "PEACEKEEPERS  arrived today".into();
    assert_eq!(verdict(&l.run(), 1).independent_sources, 1);
}

#[test]
fn retracted_claim_gets_no_verdict_and_no_link() {
    let mut l = two_outlets();
    l.input.claims[1].retracted_why = Some("misread".to_string());
    let out = l.run();
    assert!(out.auto_links.is_empty());
    assert_eq!(out.verdicts.len(), 1);
    assert_eq!(out.verdicts[0].claim_ids, [1]);
    assert_eq!(out.verdicts[0].verdict.reason, "only Press TV carries it");
    assert_eq!(out.verdicts[0].mentions, 1);
}

#[test]
fn attribution_reads_as_attribution() {
    let mut l = Fixture::default();
    l.outlet(1, "Press TV")
        .outlet(2, "The Moscow Times")
        .actor(9, "Sahiba Gafarova")
        .doc(10, 1)
        .doc(20, 2)
        .statement(1, "a dirty political campaign was organized")
        .mention(100, 1, 10, Stance::Reports)
        .mention(200, 1, 20, Stance::Reports);
    for m in &mut l.input.mentions {
        m.actor_id = Some(9);
    }
    let v = verdict(&l.run(), 1).clone();
    assert_eq!(v.status, Status::Corroborated);
    assert_eq!(
        v.reason,
        "2 independent outlets report that Sahiba Gafarova said it: Press TV, The Moscow Times \
         (an attribution, not a confirmation of what was said)"
    );
    l.input.mentions.pop();
    assert_eq!(
        verdict(&l.run(), 1).reason,
        "only Press TV reports that Sahiba Gafarova said it \
         (an attribution, not a confirmation of what was said)"
    );
}

#[test]
fn malformed_rows_are_skipped() {
    let mut l = two_outlets();
    l.mention(900, 42, 10, Stance::Asserts) // unknown claim
        .mention(901, 1, 4242, Stance::Asserts) // unknown document
        .document(50, 77, "text of an outlet nobody knows")
        .mention(902, 1, 50, Stance::Asserts)
        .link(1, 1, ClaimRelation::Contradicts, LinkOrigin::Manual, false)
        .link(
            1,
            999,
            ClaimRelation::Contradicts,
            LinkOrigin::Manual,
            false,
        )
        .outlet_link(1, 555, OutletRelation::Cites);
    l.last_mention(); // keep the builder honest
    l.input.mentions[1].actor_id = Some(31337);
    l.input.claims.push(Claim {
        id: 3,
        ..l.input.claims[0].clone()
    });
    l.last_figure().low = f64::NAN;
    let out = l.run();
    assert_eq!(verdict(&out, 1).status, Status::Corroborated);
    assert_eq!(cluster(&out, 1).mentions, 2);
    assert_eq!(verdict(&out, 3).status, Status::Unsourced);
}

#[test]
fn many_disjoint_runs_link_adjacent_runs_only() {
    let mut l = Fixture::default();
    for i in 1..=20 {
        l.quantity(
            i,
            &format!("{} peacekeepers", i * 100),
            i as f64 * 100.0,
            i as f64 * 100.0,
        );
    }
    let out = l.run();
    assert_eq!(out.auto_links.len(), 19);
    assert!(out
        .auto_links
        .iter()
        .all(|a| a.relation == ClaimRelation::Contradicts && a.to_claim == a.from_claim + 1));

    let mut l = Fixture::default();
    for i in 1..=4 {
        l.quantity(i, &format!("{i} peacekeepers"), i as f64, i as f64);
    }
    assert_eq!(l.run().auto_links.len(), 6);
}

#[test]
fn overlapping_figures_are_never_chained_into_one_claim() {
    // "some 300,000" is the same figure as "300,000" and as "more than
    // 300,000", but those two exclude each other: one join only.
    let mut l = Fixture::default();
    l.quantity(1, "300,000", 300000.0, 300000.0)
        .quantity(2, "some 300,000", 270000.0, 330000.0)
        .hedged("some")
        .quantity(3, "more than 300,000", 300001.0, 3000000.0)
        .hedged("more than");
    let out = l.run();
    let links: Vec<_> = out
        .auto_links
        .iter()
        .map(|a| (a.from_claim, a.to_claim, a.relation))
        .collect();
    assert_eq!(
        links,
        [
            (1, 2, ClaimRelation::SameAs),
            (1, 3, ClaimRelation::Contradicts)
        ]
    );
    assert_eq!(cluster(&out, 2).claim_ids, [1, 2]);
    assert_eq!(cluster(&out, 3).claim_ids, [3]);
}

/// Outlets A, B and C with a document each: A says "some 500 troops"
/// (claim 1), B says "490 troops" (claim 2); C's document (30) is empty.
fn some_500_and_490() -> Fixture {
    let mut l = Fixture::default();
    l.outlet(1, "A")
        .outlet(2, "B")
        .outlet(3, "C")
        .doc(10, 1)
        .doc(20, 2)
        .doc(30, 3)
        .quantity(1, "some 500 troops", 450.0, 550.0)
        .hedged("some")
        .quantity(2, "490 troops", 490.0, 490.0)
        .mention(100, 1, 10, Stance::Asserts)
        .mention(200, 2, 20, Stance::Asserts);
    l
}

#[test]
fn a_figure_inside_another_supports_it_one_way() {
    // 490 supports "some 500" (its stated number lies in the interval), but
    // "some 500" does not confirm 490; 480 and 490 conflict.
    let mut l = some_500_and_490();
    l.quantity(3, "480 troops", 480.0, 480.0)
        .mention(300, 3, 30, Stance::Asserts);
    let out = l.run();
    let links: Vec<_> = out
        .auto_links
        .iter()
        .map(|a| (a.from_claim, a.to_claim, a.relation))
        .collect();
    assert_eq!(
        links,
        [
            (2, 1, ClaimRelation::Supports),
            (2, 3, ClaimRelation::Contradicts),
            (3, 1, ClaimRelation::Supports),
        ]
    );
    let some = verdict(&out, 1);
    assert_eq!(some.status, Status::Corroborated);
    assert_eq!(some.independent_sources, 3);
    assert!(
        some.reason.contains("supported by C2: 490 troops (B)"),
        "{}",
        some.reason
    );
    assert_eq!(verdict(&out, 2).status, Status::Conflicting);
}

#[test]
fn a_supporter_is_named_by_the_outlets_that_carry_it_not_those_that_deny_it() {
    // B relays AFP's 490; C denies it: the supported claim's reason and
    // outlets name A, AFP and B, never C.
    let mut l = some_500_and_490();
    l.mention(300, 2, 30, Stance::Denies);
    l.input.mentions[1].relayed_by = Some("AFP".into());
    let out = l.run();
    let some = verdict(&out, 1);
    assert!(
        some.reason.contains("supported by C2: 490 troops (AFP, B)"),
        "{}",
        some.reason
    );
    assert_eq!(some.outlets, "A; AFP; B");
    assert_eq!(some.independent_sources, 2);
}

#[test]
fn a_toll_s_figures_on_different_days_are_a_timeline() {
    let mut l = Fixture::default();
    l.outlet(1, "A")
        .outlet(2, "B")
        .doc(10, 1)
        .doc(20, 2)
        .quantity(1, "78 killed", 78.0, 78.0)
        .quantity(2, "135 killed", 135.0, 135.0)
        .quantity(3, "154 killed", 154.0, 154.0)
        .quantity(4, "158 killed", 158.0, 158.0)
        .mention(100, 1, 10, Stance::Asserts)
        .mention(200, 2, 20, Stance::Asserts)
        .mention(300, 3, 10, Stance::Asserts)
        .mention(400, 4, 20, Stance::Asserts);
    for (claim, day) in l.input.claims.iter_mut().zip([4, 5, 8, 8]) {
        if let ClaimBody::Quantity(q) = &mut claim.body {
            q.measure = "people killed".to_string();
        }
        claim.as_of = chrono::NaiveDate::from_ymd_opt(2020, 8, day);
    }
    let out = l.run();
    let links: Vec<_> = out
        .auto_links
        .iter()
        .map(|a| (a.from_claim, a.to_claim, a.relation))
        .collect();
    assert_eq!(links, [(3, 4, ClaimRelation::Contradicts)]);
    assert_eq!(verdict(&out, 1).status, Status::SingleSource);
    assert_eq!(verdict(&out, 4).status, Status::Conflicting);
    // One page's own updates on one day are its timeline, not a conflict.
    l.input.mentions[3].document_id = 10;
    assert!(l.run().auto_links.is_empty());
}

/// Every scenario above in one ledger.
fn rich() -> PassInput {
    let mut l = two_outlets();
    l.outlet(3, "TASS")
        .outlet(4, "Reuters")
        .outlet(5, "Daily A")
        .actor(1, "Ministry X")
        .actor(2, "Sahiba Gafarova")
        .doc(30, 3)
        .doc(40, 4)
        .document(50, 5, &prose(40, 200))
        .quantity(3, "3,000 Russian peacekeepers", 3000.0, 3000.0)
        .quantity(4, "about 3,100 Russian peacekeepers", 2945.0, 3255.0)
        .hedged("about")
        .statement(5, "The talks failed")
        .statement(6, "The talks succeeded")
        .mention(300, 3, 30, Stance::Asserts)
        .mention(301, 4, 40, Stance::Asserts)
        .mention(302, 4, 50, Stance::Reports)
        .mention(303, 5, 30, Stance::Denies)
        .mention(304, 6, 50, Stance::Reports)
        .link(5, 6, ClaimRelation::Contradicts, LinkOrigin::Manual, false)
        .link(1, 3, ClaimRelation::Contradicts, LinkOrigin::Auto, true)
        .outlet_link(5, 2, OutletRelation::SameOwner);
    l.input.mentions[4].relayed_by = Some("AFP".into());
    l.input.mentions[5].actor_id = Some(1);
    l.input.mentions[6].actor_id = Some(2);
    l.input
}

fn mixed(seed: u64, n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed;
    for i in (1..n).rev() {
        state = minhash::mix(state);
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    order
}

fn shuffle<T: Clone>(v: &[T], seed: u64) -> Vec<T> {
    mixed(seed, v.len())
        .into_iter()
        .map(|i| v[i].clone())
        .collect()
}

fn shuffled(input: &PassInput, seed: u64) -> PassInput {
    PassInput {
        outlets: shuffle(&input.outlets, seed),
        documents: shuffle(&input.documents, seed + 1),
        actors: shuffle(&input.actors, seed + 2),
        claims: shuffle(&input.claims, seed + 3),
        mentions: shuffle(&input.mentions, seed + 4),
        claim_links: shuffle(&input.claim_links, seed + 5),
        outlet_links: shuffle(&input.outlet_links, seed + 6),
    }
}

#[test]
fn shuffled_input_gives_identical_output() {
    let input = rich();
    let out = run(&input);
    assert_eq!(out.claim_counts().iter().sum::<usize>(), 6);
    for seed in 0..20 {
        assert_eq!(run(&shuffled(&input, seed * 31)), out);
    }
}

#[test]
fn fingerprint_is_stable_and_near_for_near_texts() {
    assert!(fingerprint("").is_empty());
    assert!(fingerprint(" ,.; ").is_empty());
    assert_eq!(fingerprint("One two").len(), FINGERPRINT_LEN);
    assert_eq!(
        fingerprint("Some 2,000 Peacekeepers"),
        fingerprint("some 2 000 peacekeepers")
    );
    let a = prose(1, 300);
    let b = format!("{a} extra");
    let same = fingerprint(&a)
        .iter()
        .zip(fingerprint(&b))
        .filter(|(x, y)| **x == *y)
        .count();
    assert!(same as f64 / FINGERPRINT_LEN as f64 >= NEAR_DUPLICATE_JACCARD);
}

fn small_input() -> impl Strategy<Value = PassInput> {
    let stance = prop_oneof![
        Just(Stance::Asserts),
        Just(Stance::Denies),
        Just(Stance::Reports)
    ];
    let relation = prop_oneof![
        Just(ClaimRelation::SameAs),
        Just(ClaimRelation::Contradicts),
        Just(ClaimRelation::Supports)
    ];
    let outlet_relation = prop_oneof![
        Just(OutletRelation::Copies),
        Just(OutletRelation::SameOwner),
        Just(OutletRelation::Cites)
    ];
    let words = [
        "alpha beta gamma delta epsilon zeta",
        "alpha beta gamma delta epsilon eta",
        "short one",
    ];
    (
        prop::collection::vec((0i64..4, 0u8..3), 1..8),
        prop::collection::vec((0i64..6, any::<bool>(), 0u16..40, 0u16..10), 1..10),
        prop::collection::vec(
            (
                0i64..12,
                0i64..8,
                stance,
                0usize..3,
                any::<bool>(),
                prop::option::of(0i64..3),
            ),
            0..20,
        ),
        prop::collection::vec(
            (0i64..12, 0i64..12, relation, any::<bool>(), any::<bool>()),
            0..6,
        ),
        prop::collection::vec((0i64..5, 0i64..5, outlet_relation), 0..3),
        any::<u64>(),
    )
        .prop_map(move |(docs, claims, mentions, links, olinks, seed)| {
            let _ = seed;
            PassInput {
                outlets: (0..4)
                    .map(|id| Outlet {
                        id,
                        name: ["Reuters", "AP", "Daily A", "Daily B"][id as usize].to_string(),
                        kind: OutletKind::Other,
                        country: None,
                        owner: None,
                    })
                    .collect(),
                documents: docs
                    .iter()
                    .enumerate()
                    .map(|(i, &(outlet_id, text))| {
                        let document = Document {
                            id: i as i64,
                            ..Document::new(outlet_id, format!("h{text}"), ())
                        };
                        (document, fingerprint(&prose(u64::from(text), 40)))
                    })
                    .collect(),
                actors: vec![Actor {
                    id: 0,
                    name: "Ministry X".to_string(),
                    kind: ActorKind::Organization,
                    aliases: Vec::new(),
                }],
                claims: claims
                    .iter()
                    .enumerate()
                    .map(|(i, &(_, retracted, low, width))| {
                        let figure = Quantity {
                            measure: "things".to_string(),
                            low: f64::from(low) * 100.0,
                            high: f64::from(low + width) * 100.0,
                            unit: None,
                            hedge: None,
                            comparable: true,
                        };
                        let text = format!("{low} things");
                        let mut c = claim(i as i64, &text, ClaimBody::Quantity(figure));
                        c.retracted_why = retracted.then(|| "retracted".to_string());
                        c
                    })
                    .collect(),
                mentions: mentions
                    .iter()
                    .enumerate()
                    .map(
                        |(i, &(claim_id, document_id, stance, quote, relayed, actor_id))| {
                            PassMention {
                                id: i as i64,
                                claim_id,
                                document_id,
                                actor_id,
                                stance,
                                quote: words[quote].into(),
                                relayed_by: relayed.then(|| "reuters".into()),
                            }
                        },
                    )
                    .collect(),
                claim_links: links
                    .iter()
                    .map(|&(from, to, relation, manual, rejected)| ClaimLink {
                        from_claim: from,
                        to_claim: to,
                        relation,
                        origin: if manual {
                            LinkOrigin::Manual
                        } else {
                            LinkOrigin::Auto
                        },
                        rejected,
                        note: None,
                    })
                    .collect(),
                outlet_links: olinks
                    .iter()
                    .map(|&(from, to, relation)| OutletLink {
                        from_outlet: from,
                        to_outlet: to,
                        relation,
                        note: None,
                    })
                    .collect(),
            }
        })
}

proptest! {
    #[test]
    fn fingerprint_never_panics(text in any::<String>()) {
        let f = fingerprint(&text);
        prop_assert!(f.is_empty() || f.len() == FINGERPRINT_LEN);
    }

    #[test]
    fn run_is_deterministic_under_permutation(input in small_input(), seed in any::<u64>()) {
        let out = run(&input);
        prop_assert_eq!(run(&shuffled(&input, seed)), out.clone());
        let live = input.claims.iter().filter(|c| !c.is_retracted()).count();
        prop_assert_eq!(out.claim_counts().iter().sum::<usize>(), live);
        // Clusters in order, each claim in exactly one, its smallest first.
        prop_assert!(out.verdicts.windows(2).all(|w| w[0].verdict.cluster_id < w[1].verdict.cluster_id));
        let mut claims: Vec<i64> = out.verdicts.iter().flat_map(|v| v.claim_ids.clone()).collect();
        prop_assert!(out.verdicts.iter().all(|v| v.claim_ids[0] == v.verdict.cluster_id
            && v.claim_ids.windows(2).all(|w| w[0] < w[1])));
        claims.sort_unstable();
        claims.dedup();
        prop_assert_eq!(claims.len(), live);
    }
}

#[test]
fn one_reprint_does_not_join_the_outlets_elsewhere() {
    let mut l = two_outlets();
    let text = prose(77, 200);
    l.document(11, 1, &text)
        .document(21, 2, &text)
        .statement(8, "The talks failed")
        .mention(110, 8, 11, Stance::Asserts)
        .mention(210, 8, 21, Stance::Asserts);
    let out = l.run();
    assert_eq!(verdict(&out, 8).independent_sources, 1);
    assert_eq!(verdict(&out, 1).independent_sources, 2);
    assert_eq!(verdict(&out, 1).status, Status::Corroborated);
}

#[test]
fn one_speakers_quote_at_two_lengths_is_one_attribution() {
    let mut l = Fixture::default();
    l.outlet(1, "Press TV")
        .outlet(2, "The Moscow Times")
        .doc(10, 1)
        .doc(20, 2)
        .actor(5, "Sahiba Gafarova")
        .actor(6, "Nikol Pashinyan")
        .quote(1, 5, "dirty political campaign")
        .quote(2, 5, "dirty political campaign against Azerbaijan.")
        .quote(3, 6, "dirty political campaign")
        .quote(4, 5, "campaign")
        .mention(100, 1, 10, Stance::Reports)
        .mention(200, 2, 20, Stance::Reports)
        .mention(300, 3, 20, Stance::Reports)
        .mention(400, 4, 20, Stance::Reports);
    for m in &mut l.input.mentions {
        m.actor_id = Some(if m.claim_id == 3 { 6 } else { 5 });
    }
    let out = l.run();
    let same_as: Vec<(i64, i64)> = out
        .auto_links
        .iter()
        .filter(|x| x.relation == ClaimRelation::SameAs)
        .map(|x| (x.from_claim, x.to_claim))
        .collect();
    // Another speaker's identical words, and one shared word, are not the same remark.
    assert_eq!(same_as, [(1, 2)]);
    let v = verdict(&out, 1);
    assert_eq!(v.status, Status::Corroborated);
    assert_eq!(v.independent_sources, 2);
    assert!(v.reason.contains("Sahiba Gafarova said it"), "{}", v.reason);
    assert_eq!(verdict(&out, 3).status, Status::SingleSource);
    assert_eq!(verdict(&out, 4).status, Status::SingleSource);

    // A person's rejection of the automatic link splits the quotes again.
    l.link(1, 2, ClaimRelation::SameAs, LinkOrigin::Auto, true);
    let out = l.run();
    assert!(out.auto_links.is_empty());
    assert_eq!(verdict(&out, 1).status, Status::SingleSource);
}

#[test]
fn clusters_are_judged_in_order_whatever_the_threads() {
    // More clusters than one block, so several threads take part.
    let clusters: Vec<Vec<u32>> = (0..3 * BLOCK as u32 + 7).map(|c| vec![c, c + 1]).collect();
    let mut blocks = Vec::new();
    in_order(
        clusters.len(),
        |k, scratch| {
            scratch.clear();
            scratch.extend_from_slice(&clusters[k]);
            (k, scratch.iter().sum::<u32>())
        },
        |block| {
            blocks.push(block);
            true
        },
    );
    let sizes: Vec<usize> = blocks.iter().map(Vec::len).collect();
    assert_eq!(sizes, [BLOCK, BLOCK, BLOCK, 7]);
    let judged: Vec<(usize, u32)> = blocks.into_iter().flatten().collect();
    let expected: Vec<(usize, u32)> = clusters
        .iter()
        .enumerate()
        .map(|(k, c)| (k, c.iter().sum()))
        .collect();
    assert_eq!(judged, expected);
}

#[test]
fn judging_stops_when_the_results_can_no_longer_be_taken() {
    // Four blocks; the first refused stops the rest from being handed out
    // (and, whenever the threads have not got to them yet, judged).
    let mut delivered = 0;
    in_order(
        3 * BLOCK + 7,
        |k, _| k,
        |_| {
            delivered += 1;
            false
        },
    );
    assert_eq!(delivered, 1);
}

#[test]
fn a_story_reprinted_by_many_outlets_keeps_a_short_reason() {
    // Forty outlets carry one text (a reprint) and relay one wire; a third
    // outlet's conflicting figure names them too.
    let mut l = two_outlets();
    let text = prose(99, 200);
    l.input.documents.clear();
    l.input.mentions.clear();
    for i in 0..40 {
        let outlet = 100 + i;
        l.outlet(outlet, &format!("Outlet {i:02}"))
            .document(1000 + i, outlet, &text)
            .mention(10_000 + i, 1, 1000 + i, Stance::Asserts);
        l.last_mention().relayed_by = Some("Wire".into());
    }
    l.outlet(3, "TASS")
        .doc(30, 3)
        .quantity(3, "3,000 Russian peacekeepers", 3000.0, 3000.0)
        .mention(300, 3, 30, Stance::Asserts);
    let out = l.run();
    let ours = verdict(&out, 1);
    assert_eq!(ours.outlets.split("; ").count(), 41, "all outlets are kept");
    assert!(ours.reason.len() < 1000, "{}", ours.reason);
    assert!(ours.reason.contains("and 29 more"), "{}", ours.reason);
    let theirs = verdict(&out, 3);
    assert!(theirs.reason.len() < 600, "{}", theirs.reason);
    assert!(theirs.reason.contains("and 29 more"), "{}", theirs.reason);
}

#[test]
fn a_quotation_printed_without_its_speaker_joins_the_attributed_quote() {
    let words = "I think there are between 250,000 and 300,000 people who are now without homes";
    let mut l = Fixture::default();
    l.outlet(1, "Arabian Business")
        .outlet(2, "Saudi Gazette")
        .actor(7, "Marwan Aboud")
        .doc(10, 1)
        .doc(20, 2)
        .quote(1, 7, words)
        .statement(2, words)
        .mention(100, 1, 10, Stance::Reports)
        .mention(200, 2, 20, Stance::Reports);
    l.input.claims[1].body = ClaimBody::Quote {
        quoted: Some(words.to_string()),
    };
    l.input.mentions[0].actor_id = Some(7);
    let out = l.run();
    assert_eq!(out.auto_links.len(), 1);
    assert_eq!(
        (out.auto_links[0].from_claim, out.auto_links[0].to_claim),
        (1, 2)
    );
    assert!(note(&out.auto_links[0]).contains("printed without its speaker"));
    assert_eq!(cluster(&out, 2).claim_ids, [1, 2]);

    // Two speakers said such words: which one is not known, so no link.
    l.actor(8, "Someone Else").quote(3, 8, words);
    assert!(l
        .run()
        .auto_links
        .iter()
        .all(|a| a.to_claim != 2 && a.from_claim != 2));
}

#[test]
fn documents_sharing_three_sentences_are_one_story() {
    // An uncredited wire copy, edited here and there: no whole-text match,
    // but three sentences word for word (a hyphen aside).
    let shared = [
        "Seismologists rated the event as equivalent to a magnitude earthquake near the port.",
        "Odourless and crystalline, the chemical has been behind numerous industrial explosions over the decades.",
        "The material was confiscated years earlier and then stored in a port-side warehouse by the authorities.",
    ];
    let mut l = Fixture::default();
    l.outlet(1, "CNA")
        .outlet(2, "Deccan Herald")
        .doc(10, 1)
        .doc(20, 2);
    for (i, sentence) in shared.iter().enumerate() {
        let id = i as i64 + 1;
        l.statement(id, sentence)
            .mention(100 + id, id, 10, Stance::Asserts)
            .mention(200 + id, id, 20, Stance::Asserts);
        l.input.mentions[2 * i].quote = (*sentence).into();
        l.input.mentions[2 * i + 1].quote = sentence.replace("port-side", "portside").into();
    }
    l.statement(9, "An own sentence of each")
        .mention(109, 9, 10, Stance::Asserts);
    l.mention(209, 9, 20, Stance::Asserts);
    let out = l.run();
    assert_eq!(
        verdict(&out, 9).independent_sources,
        1,
        "{}",
        verdict(&out, 9).reason
    );
    // Two shared sentences are not enough.
    l.input.mentions.retain(|m| m.claim_id != 3);
    assert_eq!(verdict(&l.run(), 9).independent_sources, 2);
}

#[test]
fn a_large_block_of_one_speaker_is_searched_by_rare_terms() {
    // Two thousand statements of one speaker, each in its own document,
    // and one pair among them that says one thing in other words.
    let mut l = Fixture::default();
    l.outlet(1, "A").outlet(2, "B").actor(7, "Nikol Pashinyan");
    for i in 0..2_000i64 {
        let text = format!("Nikol Pashinyan: Armenia {}", prose(i as u64, 12));
        l.doc(10_000 + i, 1 + i % 2)
            .statement(i + 1, &text)
            .mention(20_000 + i, i + 1, 10_000 + i, Stance::Reports);
        l.input.claims.last_mut().expect("pushed").speaker_id = Some(7);
    }
    let said = [
        "called for France to be stripped of its mediation role in Karabakh",
        "called for France to be expelled from the mediation group for Karabakh",
    ];
    for (k, text) in said.iter().enumerate() {
        let id = 5_000 + k as i64;
        l.doc(id, 1 + k as i64)
            .statement(id, &format!("Nikol Pashinyan: {text}"))
            .mention(id, id, id, Stance::Reports);
        l.input.claims.last_mut().expect("pushed").speaker_id = Some(7);
    }
    let out = l.run();
    assert_eq!(
        out.auto_links
            .iter()
            .map(|a| (a.from_claim, a.to_claim, a.relation))
            .collect::<Vec<_>>(),
        [(5_000, 5_001, ClaimRelation::SameAs)]
    );
}

#[test]
fn one_event_on_two_days_conflicts() {
    let mut l = Fixture::default();
    l.outlet(1, "A").outlet(2, "B").doc(10, 1).doc(20, 2);
    for (id, doc, text, day) in [
        (1, 10, "truce signed", "2020-11-09"),
        (2, 20, "truce signed", "2020-11-10"),
        (3, 10, "protesters gathered", "2020-11-09"),
        (4, 20, "protesters gathered", "2020-11-10"),
        (5, 10, "Minsk Group set up in 1992", "1992-01-01"),
        (6, 20, "Minsk Group set up in 1994", "1994-01-01"),
    ] {
        l.statement(id, text)
            .mention(id * 100, id, doc, Stance::Asserts);
        let claim = l.input.claims.last_mut().expect("pushed");
        claim.body = ClaimBody::Event;
        claim.as_of = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
    }
    let out = l.run();
    let links: Vec<_> = out
        .auto_links
        .iter()
        .map(|a| (a.from_claim, a.to_claim, a.relation))
        .collect();
    // The truce: one signing, two days. Protests recur; a year-only date
    // is kept in the text, so other years are other words.
    assert_eq!(links, [(1, 2, ClaimRelation::Contradicts)]);
    assert_eq!(verdict(&out, 1).status, Status::Conflicting);
}
