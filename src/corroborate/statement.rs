//! Statements that say one thing in other words: "Azerbaijan's lawmakers
//! have called for France to be stripped of its mediation role" and
//! "Azerbaijani lawmakers called for France to be expelled from a group
//! mediating in the dispute".
//!
//! The rule:
//! - Statements (attributed speech, or a claim in an outlet's own voice)
//!   are compared only within a block: the same speaker (speakers are one
//!   per real speaker already, see `extract/actors.rs`), or no speaker.
//! - A statement's text becomes content terms ([`terms`]): lowercase words
//!   less function words, a light stemmer (plurals, -ed, -ing, -ion), British
//!   spellings made American (recognise, recognize), every name or adjective
//!   of a country made its name (French, France), entity aliases
//!   (Nagorno-Karabakh, Karabakh, Artsakh), and verbs that ask for one thing
//!   folded (expel, strip, remove, oust, revoke: remove; urge, demand, call:
//!   call). Each term weighs its inverse document frequency among all
//!   statements; similarity is the cosine of the weighted terms.
//! - Each statement's best match in its block from another document is its
//!   candidate. A pair that are each other's candidates, score at least
//!   [`SAME_SCORE`] ([`SAME_SCORE_GENERIC`] for a speaker named only by a
//!   role, or none), agree on negation and on their numbers (one may state
//!   a number the other leaves out, but not another number), and share a
//!   name (a country or a capitalized word) and [`MIN_SHARED_WORDS`]
//!   other terms (a rare name alone outweighs everything else), is one
//!   claim: an automatic
//!   same-as link. A pair that scores at least [`SUGGEST_SCORE`], agrees
//!   on its numbers and is not joined is a suggestion for a person to
//!   confirm (`claim merge`) or dismiss (`claim reject`); statements with
//!   other numbers are other statements (a toll at two moments), which the
//!   quantity pass compares.
//! - A pair that would be joined but where one side is negated and the
//!   other not, and every term of the shorter side is in the longer
//!   ("troops would not be sent to the region", "agreed to send troops to
//!   the region"), is a contradicts link: the same proposition, denied.
//!
//! Blocks keep the work bounded: a statement is compared with the others
//! of its block only, and a block larger than [`MAX_BLOCK`] is compared
//! through its rarest terms.

use std::collections::HashMap;

use super::graph::{pair_key, rejected_pairs};
use super::resolve::Resolved;
use crate::model::{Claim, ClaimLink};
use crate::model::{ClaimKind, ClaimRelation, LinkOrigin, Suggestion};

/// Cosine at or above which a mutual best pair of one named speaker (a
/// person, or a state's body) that agrees on negation, numbers and names is
/// one claim. Measured on the real corpus and the seeds; see the README.
pub const SAME_SCORE: f64 = 0.35;

/// The same for a speaker named only by a role or a common noun
/// ("officials", "the health minister") and for an outlet's own voice:
/// such a speaker is many people, so the words must agree more.
pub const SAME_SCORE_GENERIC: f64 = 0.6;

/// Cosine at or above which a pair that is not joined is suggested.
pub const SUGGEST_SCORE: f64 = 0.25;

/// Words other than names that two statements must share to be one: a
/// shared name is not a shared proposition.
pub const MIN_SHARED_WORDS: usize = 2;

/// Blocks larger than this compare each statement only with those that
/// share one of its rarest terms.
pub const MAX_BLOCK: usize = 200;

/// Words that carry no content of their own.
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "but"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "with"
            | "by"
            | "from"
            | "into"
            | "as"
            | "that"
            | "this"
            | "these"
            | "those"
            | "it"
            | "its"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "their"
            | "his"
            | "her"
            | "they"
            | "he"
            | "she"
            | "we"
            | "which"
            | "who"
            | "whom"
            | "also"
            | "after"
            | "before"
            | "so"
            | "such"
            | "than"
            | "then"
            | "there"
            | "over"
            | "about"
            | "said"
            | "says"
            | "say"
            | "told"
            | "all"
            | "any"
            | "some"
            | "do"
            | "does"
            | "did"
            | "s"
    )
}

/// Words that negate a statement.
fn is_negation(w: &str) -> bool {
    matches!(
        w,
        "not"
            | "no"
            | "never"
            | "neither"
            | "nor"
            | "denied"
            | "denies"
            | "deny"
            | "rejected"
            | "refused"
            | "won't"
            | "wouldn't"
            | "didn't"
            | "doesn't"
            | "don't"
            | "isn't"
            | "aren't"
            | "wasn't"
            | "weren't"
            | "cannot"
            | "can't"
    )
}

/// Verbs and nouns that say the same thing, folded to one term.
const SYNONYMS: &[(&str, &str)] = &[
    ("expel", "remove"),
    ("strip", "remove"),
    ("oust", "remove"),
    ("revoke", "remove"),
    ("revok", "remove"),
    ("exclud", "remove"),
    ("exclude", "remove"),
    ("remov", "remove"),
    ("urge", "call"),
    ("urg", "call"),
    ("demand", "call"),
    ("send", "deploy"),
    ("sent", "deploy"),
    ("dispatch", "deploy"),
    ("back", "support"),
    ("endors", "support"),
    ("karabakh", "karabakh"),
    ("nagorno-karabakh", "karabakh"),
    ("artsakh", "karabakh"),
];

/// A light stemmer: "mediation", "mediating", "mediator" give "mediat";
/// "expelled" gives "expel". Words of four letters or fewer stay.
fn stem(w: &str) -> String {
    let mut w = w.to_string();
    // British spellings to American before stemming.
    for (gb, us) in [
        ("isation", "ization"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ise", "ize"),
    ] {
        if w.len() > 6 && w.ends_with(gb) {
            w.truncate(w.len() - gb.len());
            w.push_str(us);
            break;
        }
    }
    if w.len() > 6 && w.ends_with("our") {
        w.truncate(w.len() - 3);
        w.push_str("or");
    }
    let mut verb_ending = false;
    for suffix in [
        "ings", "ing", "ions", "ion", "ors", "or", "ies", "ied", "ed", "es", "s", "e",
    ] {
        if w.len() > suffix.len() + 3 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            if matches!(suffix, "ies" | "ied") {
                w.push('y');
            }
            verb_ending = matches!(suffix, "ed" | "ing" | "ings");
            break;
        }
    }
    // "expelled" is "expel", "stripped" "strip"; "called" stays "call".
    let b = w.as_bytes();
    if verb_ending && b.len() >= 5 && b[b.len() - 1] == b[b.len() - 2] && b[b.len() - 1] != b's' {
        w.pop();
    }
    w
}

/// A statement made ready for comparison.
pub(crate) struct Terms {
    /// Content terms, sorted, each once.
    pub terms: Vec<String>,
    /// Terms that name something: countries and capitalized words.
    pub names: Vec<String>,
    /// Numbers it states, sorted.
    pub numbers: Vec<String>,
    /// It carries a negation.
    pub negated: bool,
}

/// The content terms of `text` (see the module docs).
pub(crate) fn terms(text: &str) -> Terms {
    use crate::extract::countries;
    let mut terms = Vec::new();
    let mut names = Vec::new();
    let mut numbers = Vec::new();
    let mut negated = false;
    for raw in text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '\u{2019}')))
    {
        let raw = raw.trim_matches(|c: char| matches!(c, '-' | '\'' | '\u{2019}'));
        if raw.is_empty() {
            continue;
        }
        let capital = raw.starts_with(char::is_uppercase);
        let lower = raw.to_lowercase().replace('\u{2019}', "'");
        if is_negation(&lower) || lower.ends_with("n't") {
            negated = true;
            continue;
        }
        let word = lower.strip_suffix("'s").unwrap_or(&lower).to_string();
        if is_function_word(&word) {
            continue;
        }
        if word
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        {
            // "3.0" and "3" are one number.
            let digits = word.replace(',', "");
            numbers.push(match digits.parse::<f64>() {
                Ok(n) if n.is_finite() => n.to_string(),
                _ => digits,
            });
            continue;
        }
        if let Some(c) = countries::country(&word).filter(|_| !countries::is_ambiguous(&word)) {
            names.push(c.name.to_string());
            terms.push(c.name.to_string());
            continue;
        }
        let stemmed = stem(&word);
        let term = SYNONYMS
            .iter()
            .find(|(w, _)| *w == stemmed || *w == word)
            .map_or(stemmed, |(_, t)| t.to_string());
        if capital {
            names.push(term.clone());
        }
        terms.push(term);
    }
    for v in [&mut terms, &mut names, &mut numbers] {
        v.sort();
        v.dedup();
    }
    Terms {
        terms,
        names,
        numbers,
        negated,
    }
}

/// A statement's terms as sorted ids into the statements' vocabulary,
/// with the norm of their idf weights: cosines with no string hashing,
/// as a large block computes millions of them.
struct Vector {
    ids: Vec<u32>,
    norm: f64,
}

impl Vector {
    fn of(ids: Vec<u32>, weight: &[f64]) -> Vector {
        let norm = ids
            .iter()
            .map(|&t| weight[t as usize] * weight[t as usize])
            .sum::<f64>()
            .sqrt();
        Vector { ids, norm }
    }
}

/// A statement in the pass: its speaker, its claim's index, what it says
/// besides its terms, and the documents of its mentions.
type Item = (Option<i64>, u32, Said, Vec<u32>);

/// What the rules read of a statement besides its terms: its names and
/// numbers, and whether it is negated. Names are term ids.
struct Said {
    names: Vec<u32>,
    numbers: Vec<String>,
    negated: bool,
}

/// Cosine of two statements' terms, each weighted by its idf.
fn cosine(a: &Vector, b: &Vector, weight: &[f64]) -> f64 {
    let (mut dot, mut i, mut j) = (0.0, 0, 0);
    while i < a.ids.len() && j < b.ids.len() {
        match a.ids[i].cmp(&b.ids[j]) {
            std::cmp::Ordering::Equal => {
                let w = weight[a.ids[i] as usize];
                dot += w * w;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    if a.norm == 0.0 || b.norm == 0.0 {
        0.0
    } else {
        dot / (a.norm * b.norm)
    }
}

/// A speaker named as one person or one body: a person's name, a state or
/// a state's body; not a role or a common noun ("officials", "Lebanon's
/// health minister").
fn is_named(name: &str) -> bool {
    use crate::extract::actors;
    actors::body_name(name).is_some()
        || actors::person_key(name).is_some()
        || name
            .split_whitespace()
            .any(|w| w.starts_with(char::is_uppercase) && actors::country_of(w).is_none())
}

/// The words a statement says: its text less the speaker's name before
/// the colon, or its quoted words.
fn said(c: &Claim) -> &str {
    if let Some(q) = c.quoted() {
        return q;
    }
    match (c.speaker_id, c.text.split_once(": ")) {
        (Some(_), Some((_, rest))) => rest,
        _ => &c.text,
    }
}

/// A statement's rarest terms, by which a large block is searched.
const RARE_TERMS: usize = 3;

/// At most this many statements are taken from one term's list: a term
/// many statements share is not rare.
const MAX_POSTINGS: usize = 64;

/// For a block larger than [`MAX_BLOCK`], where each statement finds its
/// candidates: the statements that share one of its [`RARE_TERMS`] rarest
/// terms (at most [`MAX_POSTINGS`] per term), so the work grows with the
/// block, not its square. Lists are made one statement at a time: kept
/// for a block of half a million, they would take gigabytes.
struct Postings {
    /// Each statement's rarest terms.
    rarest: Vec<Vec<u32>>,
    /// The statements each rare term was taken from.
    lists: HashMap<u32, Vec<u32>>,
}

impl Postings {
    /// `None` for a small block: all are compared.
    fn of(vectors: &[Vector], weight: &[f64]) -> Option<Postings> {
        if vectors.len() <= MAX_BLOCK {
            return None;
        }
        let rarest: Vec<Vec<u32>> = vectors
            .iter()
            .map(|v| {
                let mut terms = v.ids.clone();
                terms.sort_by(|&a, &b| {
                    weight[b as usize]
                        .total_cmp(&weight[a as usize])
                        .then(a.cmp(&b))
                });
                terms.truncate(RARE_TERMS);
                terms
            })
            .collect();
        let mut lists: HashMap<u32, Vec<u32>> = HashMap::new();
        for (i, terms) in rarest.iter().enumerate() {
            for &t in terms {
                let list = lists.entry(t).or_default();
                if list.len() < MAX_POSTINGS {
                    list.push(i as u32);
                }
            }
        }
        Some(Postings { rarest, lists })
    }

    /// Statement `i`'s candidates, in order, each once.
    fn candidates(&self, i: usize) -> Vec<usize> {
        let mut c: Vec<usize> = self.rarest[i]
            .iter()
            .flat_map(|t| self.lists.get(t).into_iter().flatten())
            .map(|&j| j as usize)
            .collect();
        c.sort_unstable();
        c.dedup();
        c
    }
}

/// What the pass finds between statements: links to store and suggestions.
pub(super) struct Found {
    pub links: Vec<ClaimLink>,
    pub suggestions: Vec<Suggestion>,
}

/// Compares the statements of each block (see the module docs).
pub(super) fn auto_links(ledger: &Resolved<'_>) -> Found {
    // Each term's string is kept once, in the vocabulary; a statement
    // keeps ids (for half a million statements, strings took gigabytes).
    let mut vocabulary: HashMap<String, u32> = HashMap::new();
    let mut intern = |t: String| -> u32 {
        let next = vocabulary.len() as u32;
        *vocabulary.entry(t).or_insert(next)
    };
    // (speaker, claim index, what else it says, the documents of its
    // mentions), and its term ids, sorted.
    let mut items: Vec<(Item, Vec<u32>)> = ledger
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind() == ClaimKind::Statement)
        .filter_map(|(i, c)| {
            let t = terms(said(c));
            if t.terms.len() < 2 {
                return None;
            }
            let mut ids: Vec<u32> = t.terms.into_iter().map(&mut intern).collect();
            ids.sort_unstable();
            let mut names: Vec<u32> = t.names.into_iter().map(&mut intern).collect();
            names.sort_unstable();
            let said = Said {
                names,
                numbers: t.numbers,
                negated: t.negated,
            };
            Some((
                (c.speaker_id, i as u32, said, ledger.documents_of(i as u32)),
                ids,
            ))
        })
        .collect();
    items.sort_by_key(|x| (x.0 .0, ledger.claims[x.0 .1 as usize].id));
    let mut df = vec![0usize; vocabulary.len()];
    for (_, ids) in &items {
        for &t in ids {
            df[t as usize] += 1;
        }
    }
    drop(vocabulary);
    let n = items.len().max(1) as f64;
    let weight: Vec<f64> = df
        .iter()
        .map(|&d| (n / d.max(1) as f64).ln() + 1.0)
        .collect();
    let (items, vectors): (Vec<_>, Vec<Vector>) = items
        .into_iter()
        .map(|(item, ids)| (item, Vector::of(ids, &weight)))
        .unzip();

    let mut links = Vec::new();
    let mut suggestions = Vec::new();
    let mut start = 0;
    for block in items.chunk_by(|a, b| a.0 == b.0) {
        let vectors = &vectors[start..start + block.len()];
        start += block.len();
        let named = block[0].0.is_some_and(|id| {
            ledger
                .actors
                .binary_search_by_key(&id, |a| a.id)
                .is_ok_and(|i| is_named(&ledger.actors[i].name))
        });
        let same_score = if named {
            SAME_SCORE
        } else {
            SAME_SCORE_GENERIC
        };
        // Each statement's best match from another document, among all of a
        // small block, or among those sharing one of its rarest terms.
        let postings = Postings::of(vectors, &weight);
        let best: Vec<Option<(usize, f64)>> = block
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let others: Box<dyn Iterator<Item = usize>> = match &postings {
                    None => Box::new(0..block.len()),
                    Some(p) => Box::new(p.candidates(i).into_iter()),
                };
                others
                    .filter(|&j| j != i && a.3.iter().all(|d| !block[j].3.contains(d)))
                    .map(|j| (j, cosine(&vectors[i], &vectors[j], &weight)))
                    .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))
            })
            .collect();
        for (i, found) in best.iter().enumerate() {
            let Some((j, score)) = *found else { continue };
            let mutual = best[j].is_some_and(|(k, _)| k == i);
            // Each pair once: from the first of a mutual pair.
            if mutual && j < i {
                continue;
            }
            let (a, b) = (&block[i], &block[j]);
            let (ca, cb) = (ledger.claims[a.1 as usize], ledger.claims[b.1 as usize]);
            let (va, vb) = (&vectors[i], &vectors[j]);
            let names = a.2.names.iter().any(|x| b.2.names.binary_search(x).is_ok());
            // A rare name shared weighs enough to pass any threshold alone
            // ("the X bridge was closed", "traffic on the X bridge
            // resumed"): one proposition also shares what is said of it.
            let words = va
                .ids
                .iter()
                .filter(|t| vb.ids.binary_search(t).is_ok())
                .filter(|t| {
                    a.2.names.binary_search(t).is_err() && b.2.names.binary_search(t).is_err()
                })
                .count()
                >= MIN_SHARED_WORDS;
            let numbers = a.2.numbers.is_empty()
                || b.2.numbers.is_empty()
                || a.2.numbers.iter().any(|x| b.2.numbers.contains(x));
            let flip = a.2.negated != b.2.negated;
            let (from, to) = (ca.id.min(cb.id), ca.id.max(cb.id));
            // A denial denies the same words: every term of the shorter
            // side is in the longer ("troops would not be sent to the
            // region", "agreed to send troops to the region").
            let (short, long) = if va.ids.len() <= vb.ids.len() {
                (&va.ids, &vb.ids)
            } else {
                (&vb.ids, &va.ids)
            };
            let denies =
                flip && short.len() >= 3 && short.iter().all(|t| long.binary_search(t).is_ok());
            if mutual && score >= same_score && names && words && numbers && (!flip || denies) {
                let relation = if flip {
                    ClaimRelation::Contradicts
                } else {
                    ClaimRelation::SameAs
                };
                let verb = if flip { "denies" } else { "says the same as" };
                let note = format!(
                    "\"{}\" {verb} \"{}\" (similarity {score:.2})",
                    said(ca).trim(),
                    said(cb).trim()
                );
                links.push(ClaimLink::auto(from, to, relation, note));
            } else if score >= SUGGEST_SCORE && numbers {
                // Statements with other numbers are other statements (a
                // toll at two moments): the quantity pass compares them.
                let why = if !mutual {
                    "each has a closer match"
                } else if flip {
                    "one denies what the other says, in other words"
                } else if !names {
                    "they share no name"
                } else if !words {
                    "they share names, not what is said of them"
                } else {
                    "their words are only partly the same"
                };
                suggestions.push(Suggestion {
                    from_claim: from,
                    to_claim: to,
                    score: (score * 100.0).round() / 100.0,
                    note: why.to_string(),
                });
            }
        }
    }
    suggestions.sort_by_key(|s| (s.from_claim, s.to_claim));
    suggestions.dedup_by_key(|s| (s.from_claim, s.to_claim));
    Found { links, suggestions }
}

/// The suggestions no person has settled: a pair a person linked (any
/// relation) or dismissed (a rejected same-as) is not suggested again.
pub(super) fn open(mut found: Vec<Suggestion>, stored: &[ClaimLink]) -> Vec<Suggestion> {
    let rejected = rejected_pairs(stored);
    let mut settled: Vec<(i64, i64)> = stored
        .iter()
        .filter(|l| l.origin == LinkOrigin::Manual && !l.rejected)
        .map(|l| (l.from_claim.min(l.to_claim), l.from_claim.max(l.to_claim)))
        .collect();
    settled.sort_unstable();
    found.retain(|s| {
        rejected
            .binary_search(&pair_key(s.from_claim, s.to_claim, ClaimRelation::SameAs))
            .is_err()
            && settled.binary_search(&(s.from_claim, s.to_claim)).is_err()
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::corroborate::tests::Fixture;
    use crate::model::Stance;

    /// Two outlets, each with one statement of one speaker.
    fn pair(a: &str, b: &str) -> Found {
        let mut fixture = Fixture::default();
        fixture
            .outlet(1, "Outlet 1")
            .outlet(2, "Outlet 2")
            .document(1, 1, "h1")
            .document(2, 2, "h2")
            .actor(7, "Nikol Pashinyan")
            .statement(1, &format!("Nikol Pashinyan: {a}"))
            .statement(2, &format!("Nikol Pashinyan: {b}"));
        for claim in &mut fixture.input.claims {
            claim.speaker_id = Some(7);
        }
        for id in 1..=2 {
            fixture
                .mention(id, id, id, Stance::Reports)
                .last_mention()
                .actor_id = Some(7);
        }
        let input = fixture.input;
        auto_links(&Resolved::resolve(&input))
    }

    #[test]
    fn one_speaker_in_other_words_is_one_claim_and_a_denial_contradicts() {
        let found = pair(
            "called for France to be stripped of its mediation role in the Nagorno-Karabakh dispute",
            "called for France to be expelled from the group mediating in the Karabakh dispute",
        );
        assert_eq!(found.links.len(), 1);
        assert_eq!(found.links[0].relation, ClaimRelation::SameAs);
        let found = pair(
            "Armenian troops would not be sent to the Karabakh region",
            "agreed to send Armenian troops to the Karabakh region",
        );
        assert_eq!(found.links.len(), 1);
        assert_eq!(found.links[0].relation, ClaimRelation::Contradicts);
        // A denial of other words is only a suggestion.
        let found = pair(
            "Armenian troops would not be sent to the Karabakh region",
            "agreed to send Armenian weapons to the Karabakh region",
        );
        assert!(found.links.is_empty());
        assert_eq!(found.suggestions.len(), 1);
        // Other numbers: not one claim.
        let found = pair(
            "said 500 Armenian troops were sent to Karabakh",
            "said 700 Armenian troops were sent to Karabakh",
        );
        assert!(found.links.is_empty());
    }

    #[test]
    fn terms_fold_spellings_countries_and_verbs() {
        let a = terms("called for France to be stripped of its mediation role in the Nagorno-Karabakh dispute");
        let b = terms(
            "called for the French to be expelled from a group mediating in the Karabakh dispute",
        );
        for t in ["call", "france", "remove", "mediat", "karabakh", "disput"] {
            assert!(a.terms.iter().any(|x| x == t), "{t} in {:?}", a.terms);
            assert!(b.terms.iter().any(|x| x == t), "{t} in {:?}", b.terms);
        }
        assert_eq!(stem("recognised"), stem("recognized"));
        assert!(terms("troops would not be sent").negated);
        assert!(!terms("troops were sent").negated);
    }
}
