//! Rule-based, offline claim extraction: sentences, quantities, attributed
//! speech and dated events, each with the byte span it came from.
//!
//! Choices a reader of the ledger should know:
//! - Quantity `unit` is the counted head noun as written ("peacekeepers",
//!   "people", "districts"); `subject` adds a nationality (from a country
//!   subject: "Russia has sent" gives "russian") and a normalized casualty
//!   relation ("died" gives "killed"), so "Russia has sent some 2,000
//!   peacekeepers" and "some 2,000 Russian peacekeepers" share one key.
//! - Hedges map to intervals through the one table in `quantity.rs`.
//! - Money is not extracted: the sums in articles are mostly prices and
//!   donation appeals. Percentages are, with unit "percent", when they say of what.
//! - Year-only dates resolve to January 1 and the claim text keeps the year;
//!   weekdays resolve to the latest such day on or before `published`.
//! - Page trailers (a "Message from" appeal, mirror-site notices) end the
//!   article: no claim is taken from them.
//! - Confidence is per rule: 0.9 a digit quantity or a named speaker before
//!   the verb; 0.85 a trailing "..., X said"; 0.8 "according to X" and a year
//!   event; 0.75 a spelled-out number or a full calendar date; 0.7 a weekday
//!   event; 0.6 a vague count ("thousands of") or a speaker found through a
//!   pronoun. Statements (no quoted words) score 0.1 below their pattern.

use std::ops::Range;

use chrono::NaiveDate;

use crate::model::{ClaimKind, Stance};

mod countries;
mod events;
mod quantity;
mod sentences;
mod speech;
mod tokens;

pub use quantity::hedge_interval;
pub use sentences::split_sentences;

use tokens::Sent;

/// A counted quantity: what is counted, the interval its hedge allows, the unit.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Quantity {
    /// Stable key for what is counted, lowercase: "russian peacekeepers", "people killed".
    pub subject: String,
    /// Lower bound of the interval the hedge allows.
    pub low: f64,
    /// Upper bound of the interval the hedge allows.
    pub high: f64,
    /// What is counted in: "people", "peacekeepers", "districts", "usd".
    pub unit: String,
    /// The hedge word as written ("some", "more than"), if any.
    pub hedge: Option<String>,
}

/// Who voiced an attributed claim, as the text names them.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Speaker {
    /// The name with titles stripped: "Sahiba Gafarova", "Nikol Pashinyan", "Armenia".
    pub name: String,
    /// The name as written, titles included: "Parliament speaker Sahiba Gafarova".
    pub alias: String,
}

/// One claim the extractor proposes, with the mention that carries it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Extracted {
    /// Quantity, quote, event or statement.
    pub kind: ClaimKind,
    /// Canonical claim text a person reads in a report.
    pub text: String,
    /// Normalized identity of the proposition: equal keys are the same claim.
    pub key: String,
    /// Set for quantity claims.
    pub quantity: Option<Quantity>,
    /// Set for attributed speech.
    pub speaker: Option<Speaker>,
    /// The quoted words of a quote claim, without the quote marks.
    pub quoted: Option<String>,
    /// The date the claim is about, when the text gives one.
    pub as_of: Option<NaiveDate>,
    /// A wire the text relays ("according to Reuters" gives "Reuters").
    pub relayed_by: Option<String>,
    /// Asserts for the outlet's own voice, reports for attributed speech.
    pub stance: Stance,
    /// Byte span of the sentence that carries the claim, in the input text.
    pub sentence: Range<usize>,
    /// Byte span of the matched phrase itself, inside the sentence.
    pub phrase: Range<usize>,
    /// How sure the rule that matched is, in 0..=1.
    pub confidence: f64,
}

/// Line openings where page furniture starts (donation appeals, mirror-site
/// notices): nothing from such a line on is a claim of the article.
const TRAILER_OPENINGS: &[&str] = &[
    "a message from",
    "dear reader",
    "support our journalism",
    "support independent journalism",
    "remind me later",
    "subscribe to",
    "sign up for",
];

/// Phrases that mark a trailer line wherever they sit in it.
const TRAILER_PHRASES: &[&str] = &["website can also be accessed", "alternate addresses"];

/// Byte offset where the article's trailer starts, or the text length.
fn trailer_start(text: &str) -> usize {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let head: String = line
            .trim_start()
            .chars()
            .take(120)
            .flat_map(char::to_lowercase)
            .map(|c| if c == '\u{2019}' { '\'' } else { c })
            .collect();
        if TRAILER_OPENINGS.iter().any(|o| head.starts_with(o))
            || TRAILER_PHRASES.iter().any(|p| head.contains(p))
        {
            return at;
        }
        at += line.len();
    }
    text.len()
}

/// Pairs of quote-mark tokens (open, close) in a sentence; curly marks pair by
/// direction, straight ones alternate.
fn quote_pairs(s: &Sent) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut open: Option<usize> = None;
    for k in 0..s.len() {
        if s.kind(k) != Some(tokens::Kind::Quote) {
            continue;
        }
        let raw = s.raw(k, k + 1);
        let opening = matches!(raw, "\u{201c}" | "\u{ab}" | "\u{201e}");
        let closing = matches!(raw, "\u{201d}" | "\u{bb}");
        match open {
            Some(o) if !opening => {
                pairs.push((o, k));
                open = None;
            }
            _ if !closing => open = Some(k),
            _ => {}
        }
    }
    pairs
}

/// The quoted words between two quote tokens, without the marks and without
/// trailing punctuation inside them ("historic." gives "historic").
fn quoted_words(s: &Sent, open: usize, close: usize) -> String {
    let (Some(o), Some(c)) = (s.toks.get(open), s.toks.get(close)) else {
        return String::new();
    };
    let inner = s.text.get(o.end..c.start).unwrap_or("");
    let mut words = tokens::collapse(inner);
    while words.ends_with(['.', ',', ';', ':']) && !words.ends_with("...") {
        words.pop();
    }
    words.trim().to_string()
}

/// Normalized text for keys: lowercase, whitespace collapsed.
fn key_text(s: &str) -> String {
    tokens::collapse(&s.to_lowercase())
}

/// At most this many claims come from one sentence. Each carries the whole
/// sentence as its quote, so a hostile megabyte-long "sentence" of numbers
/// or "according to X" would otherwise cost its length squared.
pub const MAX_CLAIMS_PER_SENTENCE: usize = 16;

/// Extracts the checkable claims in `text`; `published` resolves relative dates.
pub fn extract(text: &str, published: Option<NaiveDate>) -> Vec<Extracted> {
    let cut = trailer_start(text);
    let mut bufs = tokens::Buffers::default();
    let mut out = Vec::new();
    let mut prev_speaker: Option<Speaker> = None;
    for range in split_sentences(&text[..cut]) {
        let s = bufs.sentence(text, range.clone());
        let first_claim = out.len();
        let atts = speech::find(&s, prev_speaker.as_ref());
        let wire = atts.iter().find_map(|a| a.wire).map(str::to_string);
        let voice = |a: usize, b: usize| {
            atts.iter()
                .find(|att| !att.act && att.content.start <= a && b <= att.content.end)
                .map(|att| att.speaker.clone())
        };
        let events = events::find(&s, published);
        let span = |a: usize, b: usize| s.span(a, b);

        for q in quantity::find(&s).into_iter().take(MAX_CLAIMS_PER_SENTENCE) {
            let speaker = voice(q.start, q.end);
            let qv = &q.quantity;
            out.push(Extracted {
                kind: ClaimKind::Quantity,
                key: format!(
                    "quantity|{}|{}|{}|{}",
                    qv.subject,
                    quantity::fmt_num(qv.low),
                    quantity::fmt_num(qv.high),
                    qv.unit
                ),
                text: q.text,
                quantity: Some(q.quantity),
                stance: if speaker.is_some() {
                    Stance::Reports
                } else {
                    Stance::Asserts
                },
                speaker,
                quoted: None,
                as_of: None,
                relayed_by: wire.clone(),
                sentence: range.clone(),
                phrase: span(q.start, q.end),
                confidence: q.confidence,
            });
        }

        let pairs = quote_pairs(&s);
        for att in &atts {
            let as_of = events
                .iter()
                .find(|e| Some(e.verb) == att.verb)
                .and_then(|e| e.date);
            let relayed_by = att.wire.map(str::to_string).or_else(|| wire.clone());
            let speaker_key = key_text(&att.speaker.name);
            let mut quoted_any = false;
            // Pairs are in order: start at the first inside the content, stop past it.
            let first = pairs.partition_point(|&(o, _)| o < att.content.start);
            for &(o, c) in &pairs[first..] {
                if o >= att.content.end {
                    break;
                }
                if c >= att.content.end {
                    continue;
                }
                let quoted = quoted_words(&s, o, c);
                if quoted.is_empty() {
                    continue;
                }
                quoted_any = true;
                let end = att.verb.map_or(c + 1, |v| (c + 1).max(v + 1));
                out.push(Extracted {
                    kind: ClaimKind::Quote,
                    text: format!("{}: \"{}\"", att.speaker.name, quoted),
                    key: format!("quote|{}|{}", speaker_key, key_text(&quoted)),
                    quantity: None,
                    speaker: Some(att.speaker.clone()),
                    quoted: Some(quoted),
                    as_of,
                    relayed_by: relayed_by.clone(),
                    stance: Stance::Reports,
                    sentence: range.clone(),
                    phrase: span(att.phrase.start.min(o), end),
                    confidence: att.confidence,
                });
            }
            if quoted_any {
                continue;
            }
            let (clause, written) = match &att.hole {
                Some(h) => (
                    format!(
                        "{} {}",
                        s.joined(att.content.start, h.start),
                        s.joined(h.end, att.content.end)
                    ),
                    format!(
                        "{} {}",
                        s.raw(att.content.start, h.start),
                        s.raw(h.end, att.content.end)
                    ),
                ),
                None => (
                    s.joined(att.content.start, att.content.end),
                    s.raw(att.content.start, att.content.end).to_string(),
                ),
            };
            let clause = key_text(&clause);
            if clause.is_empty() {
                continue;
            }
            out.push(Extracted {
                kind: ClaimKind::Statement,
                text: format!("{}: {}", att.speaker.name, tokens::collapse(&written)),
                key: format!("statement|{speaker_key}|{clause}"),
                quantity: None,
                speaker: Some(att.speaker.clone()),
                quoted: None,
                as_of,
                relayed_by,
                stance: Stance::Reports,
                sentence: range.clone(),
                phrase: span(att.phrase.start, att.phrase.end),
                confidence: (att.confidence - 0.1).max(0.5),
            });
        }

        for ev in events.into_iter().take(MAX_CLAIMS_PER_SENTENCE) {
            // A dated speech act is a statement with a date, not a separate event.
            if atts.iter().any(|a| a.verb == Some(ev.verb)) {
                continue;
            }
            let speaker = voice(ev.start, ev.end);
            let date = ev.date.map(|d| d.to_string()).unwrap_or_default();
            out.push(Extracted {
                kind: ClaimKind::Event,
                key: format!("event|{}|{}", key_text(&ev.text), date),
                text: ev.text,
                quantity: None,
                stance: if speaker.is_some() {
                    Stance::Reports
                } else {
                    Stance::Asserts
                },
                speaker,
                quoted: None,
                as_of: ev.date,
                relayed_by: wire.clone(),
                sentence: range.clone(),
                phrase: span(ev.start, ev.end),
                confidence: ev.confidence,
            });
        }
        prev_speaker = atts.first().map(|a| a.speaker.clone());
        out.truncate(first_claim + MAX_CLAIMS_PER_SENTENCE);
    }
    out.sort_by(|a, b| {
        (a.sentence.start, a.phrase.start, a.phrase.end, &a.key).cmp(&(
            b.sentence.start,
            b.phrase.start,
            b.phrase.end,
            &b.key,
        ))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hostile_sentence_yields_a_bounded_number_of_claims() {
        let relayed = "according to Reuters, ".repeat(5_000) + "it rained.";
        let counted = (1..5_000)
            .map(|i| format!("{i} people died"))
            .collect::<Vec<_>>()
            .join(", ");
        for text in [relayed, counted] {
            let found = extract(&text, None);
            assert!(found.len() <= MAX_CLAIMS_PER_SENTENCE, "{}", found.len());
        }
    }

    fn nov26() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2020, 11, 26)
    }

    #[test]
    fn peacekeepers_key_is_shared_by_both_seeds() {
        let press = extract("Russia has sent some 2,000 peacekeepers as well as armored personnel carriers and other military equipment to monitor the truce deal.", nov26());
        let mt = extract("The Armenian separatists are retaining control over most of Karabakh's territory and some 2,000 Russian peacekeepers have deployed along frontline areas.", nov26());
        assert_eq!(press.len(), 1);
        assert_eq!(
            press[0].key,
            "quantity|russian peacekeepers|1800|2200|peacekeepers"
        );
        assert_eq!(press[0].key, mt[0].key);
        assert_eq!(press[0].text, mt[0].text);
        assert_eq!(press[0].stance, Stance::Asserts);
    }

    #[test]
    fn quote_keys_and_trailing_period_inside_quote() {
        let text = "Armenian Prime Minister Nikol Pashinyan had praised the French resolution as \"historic.\"";
        let c = extract(text, nov26());
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].kind, ClaimKind::Quote);
        assert_eq!(c[0].quoted.as_deref(), Some("historic"));
        assert_eq!(c[0].key, "quote|nikol pashinyan|historic");
        assert_eq!(c[0].stance, Stance::Reports);
    }

    #[test]
    fn wires_are_relayed_but_photo_credits_are_not() {
        let c = extract(
            "At least 12 people died in the shelling, according to Reuters.",
            nov26(),
        );
        let q = c
            .iter()
            .find(|c| c.kind == ClaimKind::Quantity)
            .expect("quantity");
        assert_eq!(q.relayed_by.as_deref(), Some("Reuters"));
        assert_eq!(q.stance, Stance::Reports);
        assert_eq!(
            q.quantity.as_ref().map(|q| q.subject.as_str()),
            Some("people killed")
        );
        let c = extract(
            "AFP reported that 3,000 Russian peacekeepers had arrived.",
            nov26(),
        );
        assert!(c.iter().all(|c| c.relayed_by.as_deref() == Some("AFP")));
        let c = extract("A general view shows Hadrut town, recently liberated by Azeri troops following a military conflict against ethnic Armenian forces in the Azerbaijani region of Nagorno-Karabakh, November 25, 2020. (Photo by Reuters)", nov26());
        assert!(c.is_empty(), "{c:?}");
    }

    #[test]
    fn trailer_is_not_mined() {
        let text = "Some 2,000 Russian peacekeepers arrived.\nA Message from The Moscow Times:\nThe authorities claim our work \"discredits the decisions of the Russian leadership.\" Please support us monthly starting from just $2.";
        let c = extract(text, nov26());
        assert_eq!(c.len(), 1);
        let text = "Press TV\u{2019}s website can also be accessed at the following alternate addresses:\nPress TV News Roku";
        assert!(extract(text, nov26()).is_empty());
    }

    #[test]
    fn dated_speech_takes_the_date() {
        let c = extract("Azerbaijani lawmakers on Thursday called for France to be expelled from a group mediating in the Nagorno-Karabakh dispute.", nov26());
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].kind, ClaimKind::Statement);
        assert_eq!(c[0].as_of, nov26());
    }

    #[test]
    fn output_is_sorted_and_spans_slice() {
        let text = "Russia has sent some 2,000 peacekeepers. Ankara also said earlier this week that 500 Turkish troops had arrived.\nThe Minsk Group, set up in 1992, failed.";
        let c = extract(text, nov26());
        assert!(c.len() >= 3);
        for w in c.windows(2) {
            assert!(
                (w[0].sentence.start, w[0].phrase.start)
                    <= (w[1].sentence.start, w[1].phrase.start)
            );
        }
        let troops = c
            .iter()
            .find(|c| c.kind == ClaimKind::Quantity && c.key.contains("turkish troops"))
            .expect("troops");
        assert_eq!(troops.stance, Stance::Reports);
        assert_eq!(
            troops.speaker.as_ref().map(|s| s.name.as_str()),
            Some("Ankara")
        );
        assert_eq!(&text[troops.phrase.clone()], "500 Turkish troops");
    }
}
