//! Rule-based, offline claim extraction: sentences, quantities, attributed
//! speech and dated events, each with the byte span it came from.
//!
//! Choices a reader of the ledger should know:
//! - A quantity's `measure` is what is counted and what happened to it
//!   ("people killed", "russian troops deployed"), built by the documented
//!   tables in `measure.rs`; its as-of day follows the rules in `days.rs`
//!   and is part of its key, so the same figure on two days is two claims
//!   (which the pass joins) and a toll's figures form a timeline.
//! - A figure whose measure is a bare noun or unit ("300,000 people",
//!   "9km") gets no key: each mention of it is its own claim.
//! - Hedges map to intervals through the one table in `quantity.rs`.
//! - Money is measured by what it is said of (damage, losses, aid); a sum
//!   said of nothing specific is kept but never compared. Percentages have
//!   unit "percent", when they say of what.
//! - Year-only dates resolve to January 1 and the claim text keeps the year;
//!   weekdays resolve to the latest such day on or before `published`.
//! - Page trailers (a "Message from" appeal, mirror-site notices) end the
//!   article: no claim is taken from them.
//! - Confidence is per rule: 0.9 a digit quantity or a named speaker before
//!   the verb; 0.85 a trailing "..., X said"; 0.8 "according to X" and a year
//!   event; 0.75 a spelled-out number or a full calendar date; 0.7 a weekday
//!   event; 0.6 a vague count ("thousands of") or a speaker found through a
//!   pronoun. Statements (no quoted words) score 0.1 below their pattern.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;

use crate::model::{Claim, ClaimBody, Mention, Origin, Stance};

pub(crate) mod actors;
pub(crate) mod countries;
mod days;
mod events;
mod measure;
mod number;
mod quantity;
mod sentences;
mod speech;
mod tokens;

pub use crate::model::quantity::hedge_interval;
pub use actors::person_key;
pub use sentences::split_sentences;

use tokens::Sent;

/// Who voiced an attributed claim, as the text names them.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// The name with titles stripped: "Sahiba Gafarova", "Nikol Pashinyan", "Armenia".
    pub name: String,
    /// The name as written, titles included: "Parliament speaker Sahiba Gafarova".
    pub alias: String,
}

/// One claim the extractor proposes, with the mention that carries it.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// The claim: kind and what it says (a quantity's figure, a quote's
    /// words), its canonical text a person reads in a report, and the day
    /// it holds for (a quantity's as-of day, see `days.rs`; an event's or
    /// a statement's date when the text gives one). Not stored yet: no id,
    /// and its speaker is the name in [`Extracted::speaker`].
    pub claim: Claim,
    /// The mention that carries it: the sentence (its span in the input
    /// text, and its words), the stance (asserts for the outlet's own
    /// voice, reports for attributed speech) and a wire it relays
    /// ("according to Reuters" gives "Reuters").
    pub mention: Mention,
    /// Who voiced it, as the text names them; the store makes the name an
    /// actor, the claim's speaker and the mention's voice.
    pub speaker: Option<Speaker>,
    /// Normalized identity of the proposition: equal keys are the same
    /// claim. `None` for a figure that is never compared: each of its
    /// mentions is a claim of its own.
    pub key: Option<String>,
    /// Byte span of the matched phrase itself, inside the sentence.
    pub phrase: Range<usize>,
    /// How sure the rule that matched is, in 0..=1.
    pub confidence: f64,
}

/// A claim the extractor proposes: its text, what its kind says, its day.
fn proposed(text: String, body: ClaimBody, as_of: Option<NaiveDate>) -> Claim {
    // A sentence may run across the soft wraps of hard-wrapped text; the
    // claim's text reads on one line.
    let text = if text.contains(['\n', '\r']) {
        tokens::collapse(&text)
    } else {
        text
    };
    Claim {
        id: 0,
        text,
        body,
        speaker_id: None,
        as_of,
        origin: Origin::Extracted,
        retracted_why: None,
    }
}

/// The mention of a proposed claim: the sentence at `sentence`. Its words
/// are copied in once the sentence's claims are counted ([`extract`] keeps
/// at most [`MAX_CLAIMS_PER_SENTENCE`] of them), so that a hostile
/// megabyte-long sentence is not copied for each of its thousand claims.
fn carried(sentence: &Range<usize>, stance: Stance, relayed_by: Option<String>) -> Mention {
    Mention {
        id: 0,
        claim_id: 0,
        document_id: 0,
        actor_id: None,
        stance,
        quote: String::new(),
        span: sentence.clone(),
        relayed_by,
        origin: Origin::Extracted,
    }
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

/// The token after a dateline that opens the words at `start` ("BEIRUT:",
/// "BEIRUT —", "BEIRUT (AP) -"), or `start` when there is none: where a
/// story was filed is not what anyone said.
fn after_dateline(s: &Sent, start: usize) -> usize {
    let capitals = |k: usize| {
        s.is_word(k) && {
            let raw = s.raw(k, k + 1);
            raw.chars().count() >= 2 && raw.chars().all(|c| !c.is_lowercase())
        }
    };
    let mut k = start;
    while k < start + 3 && capitals(k) {
        k += 1;
    }
    if k == start {
        return start;
    }
    if s.w(k) == "(" && s.w(k + 2) == ")" {
        k += 3;
    }
    if matches!(s.w(k), ":" | "-" | "\u{2013}" | "\u{2014}") {
        k + 1
    } else {
        start
    }
}

/// Words that make a superlative or a first, the claims fact-checkers
/// check most ("the deadliest", "never before", "for the first time").
const SUPERLATIVES: &[&[&str]] = &[
    &["never", "before"],
    &["first", "time"],
    &["ever", "recorded"],
    &["on", "record"],
    &["record", "high"],
    &["record", "low"],
    &["unprecedented"],
    &["the", "largest"],
    &["the", "biggest"],
    &["the", "worst"],
    &["the", "deadliest"],
    &["the", "highest"],
    &["the", "lowest"],
    &["the", "strongest"],
    &["the", "most", "powerful"],
];

/// A sentence of six words or more that says a superlative or a first.
fn superlative(s: &Sent) -> bool {
    // The first words of the phrases, to skip the table for most words.
    let opens = |w: &str| {
        matches!(
            w,
            "never" | "first" | "ever" | "on" | "record" | "unprecedented" | "the"
        )
    };
    (0..s.len()).filter(|&k| s.is_word(k)).count() >= 6
        && (0..s.len()).any(|k| opens(s.w(k)) && SUPERLATIVES.iter().any(|w| s.seq(k, w)))
}

/// One name per speaker within the document (see `actors.rs`): a state's
/// body by its one name ("Azerbaijan's lawmakers" is "Azerbaijani
/// parliament"), a surname alone by the full name seen earlier ("Hasan" is
/// "Hamad Hassan"). `people` collects the full names seen.
fn resolve_speaker(speaker: &mut Speaker, people: &mut Vec<(String, String)>) {
    if people.iter().any(|p| p.0 == speaker.name) {
        return;
    }
    let names = people.iter().map(|p| p.0.as_str());
    if let Some(body) = actors::body_name(&speaker.name) {
        speaker.name = body;
    } else if let Some(full) = actors::full_name(&speaker.name, names) {
        speaker.name = full.to_string();
    } else if let Some(person) = by_role(&speaker.name, people) {
        speaker.name = person;
    } else if actors::person_key(&speaker.name).is_some() {
        people.push((speaker.name.clone(), speaker.alias.to_lowercase()));
    }
}

/// The one person seen so far who was named with the role a speaker is
/// named by ("the minister", "the health minister" after "Health Minister
/// Hamad Hassan"): every word of the role is in how that person was named.
fn by_role(name: &str, people: &[(String, String)]) -> Option<String> {
    let lower = name.to_lowercase();
    let role: Vec<&str> = lower
        .split_whitespace()
        .filter(|w| !matches!(*w, "the" | "a"))
        .collect();
    if role.is_empty()
        || !role.iter().any(|w| speech::is_title(w))
        || role
            .iter()
            .any(|w| !speech::is_title(w) && !w.chars().all(char::is_lowercase))
    {
        return None;
    }
    let mut found = people.iter().filter(|(_, alias)| {
        let words: Vec<&str> = alias.split(|c: char| !c.is_alphanumeric()).collect();
        role.iter().all(|w| words.contains(w))
    });
    let first = found.next()?;
    found.all(|p| p.0 == first.0).then(|| first.0.clone())
}

/// The wire a document credits as its author: a byline line ("By
/// REUTERS", "writer: Reuters", "BASSEM MROUE | Associated Press") among
/// its first lines, or a wire dateline opening one of its first paragraphs
/// ("BEIRUT (AP) -"). A wire named in one sentence ("told AFP") credits that sentence
/// only, and is found with the speech.
fn credited_wire(text: &str) -> Option<&'static str> {
    use tokens::wire_name;
    let by_line = |line: &str| -> Option<&'static str> {
        let lower = line.trim().to_lowercase();
        for prefix in ["by ", "writer:", "source:", "credit:"] {
            if let Some(rest) = lower.strip_prefix(prefix) {
                if let Some(w) = wire_name(rest.trim()) {
                    return Some(w);
                }
            }
        }
        let (_, after_bar) = lower.rsplit_once('|')?;
        wire_name(after_bar.trim())
    };
    let dateline = |line: &str| -> Option<&'static str> {
        // "BEIRUT (AP) - ...": capitals, a wire in brackets, a dash.
        let (city, rest) = line.trim_start().split_once(" (")?;
        let (wire, after) = rest.split_once(')')?;
        let capitals = !city.is_empty()
            && city.len() <= 40
            && city
                .chars()
                .all(|c| c.is_uppercase() || c == ' ' || c == ',' || c == '.');
        let dash = after
            .trim_start()
            .starts_with(['-', '\u{2013}', '\u{2014}']);
        (capitals && dash).then(|| wire_name(wire)).flatten()
    };
    let head = text.lines().take(15).find_map(by_line);
    // A dateline opens the story: its first paragraphs are enough.
    head.or_else(|| text.lines().take(40).find_map(dateline))
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

/// A quotation with no speaker is kept from this many words on: shorter
/// ones are titles and scare quotes ("L'Apocalypse", "The Great Collapse").
pub const MIN_UNATTRIBUTED_WORDS: usize = 6;

/// A reported clause keeps at most this many content words beside its
/// figures and is still all figure.
pub const MAX_WORDS_BESIDE_FIGURES: usize = 1;

/// The reported clause `parts` of `s` is all figure: it carries a figure
/// voiced by attribution `by`, and outside the spans of the sentence's
/// `figures` (phrase, hedge, number, counted noun, measure words) it has at
/// most `MAX_WORDS_BESIDE_FIGURES` content words (function words and day
/// names aside), no negation and no quote mark. Its quantity claims already
/// say all it says, and who said it: a statement of it would say nothing more.
fn all_figure(
    s: &Sent,
    parts: &[Range<usize>],
    figures: &[(Range<usize>, Option<usize>)],
    by: usize,
) -> bool {
    let mut carries = false;
    let mut beside = 0;
    for i in parts.iter().flat_map(|p| p.clone()) {
        if s.kind(i) == Some(tokens::Kind::Quote) {
            return false;
        }
        if let Some((_, voice)) = figures.iter().find(|(f, _)| f.contains(&i)) {
            carries |= *voice == Some(by);
            continue;
        }
        let w = s.w(i);
        match s.kind(i) {
            Some(tokens::Kind::Word) if tokens::is_negation(w) => return false,
            Some(tokens::Kind::Word) if tokens::is_stop(w) || names_a_day(s, i) => {}
            Some(tokens::Kind::Word | tokens::Kind::Num) => beside += 1,
            _ => {}
        }
        if beside > MAX_WORDS_BESIDE_FIGURES {
            return false;
        }
    }
    carries
}

/// Token `i` of `s` names a day ("Wednesday", "yesterday", "August"): a
/// figure's claim records the day it holds for.
fn names_a_day(s: &Sent, i: usize) -> bool {
    let w = s.w(i);
    (s.cap(i) && (tokens::weekday_index(w).is_some() || tokens::month_index(w).is_some()))
        || matches!(w, "yesterday" | "today" | "tonight")
}

/// Whether the figure at tokens `a..b` is what a denial denies: inside an
/// odd number of denials ("denied that it had ever denied that" denies
/// nothing), and not taken as given there: after "the" or a possessive
/// ("the 50 people arrested", "its 1,500 workers"), or in a relative
/// clause ("the flood that killed 200 people", "the blast, which killed
/// 30").
fn denied_figure(s: &tokens::Sent, atts: &[speech::Attribution], a: usize, b: usize) -> bool {
    let denials: Vec<&speech::Attribution> = atts
        .iter()
        .filter(|att| att.denies && att.content.start <= a && b <= att.denied_end)
        .collect();
    let Some(inner) = denials.iter().max_by_key(|att| att.content.start) else {
        return false;
    };
    let given = a > 0 && matches!(s.w(a - 1), "the" | "its" | "his" | "her" | "their" | "our");
    // "denied that 50 had died and that 200 were injured": a second "that"
    // after "and" starts another denied clause, not a relative one.
    let relative = (inner.content.start..a).any(|k| {
        matches!(s.w(k), "which" | "who" | "whose" | "where" | "when")
            || (s.w(k) == "that" && !(k > 0 && matches!(s.w(k - 1), "and" | "or" | "but")))
    });
    denials.len() % 2 == 1 && !given && !relative
}

/// Extracts the checkable claims in `text`; `published` resolves relative dates.
pub fn extract(text: &str, published: Option<NaiveDate>) -> Vec<Extracted> {
    let cut = trailer_start(text);
    let mut bufs = tokens::Buffers::default();
    let mut out = Vec::new();
    let mut prev_speaker: Option<Speaker> = None;
    // The last sentence's attribution, for a quotation that runs on into
    // the next sentence or stands after it.
    let mut prev_quoted: Option<speech::Attribution> = None;
    // The earliest day stated for each measure so far: an "earlier"
    // figure of that measure held then (see `days.rs`).
    let mut first_day: HashMap<String, NaiveDate> = HashMap::new();
    // People named in full so far, and how (lowercase), for a surname or a
    // role alone later on.
    let mut people: Vec<(String, String)> = Vec::new();
    for range in split_sentences(&text[..cut]) {
        let s = bufs.sentence(text, range.clone());
        let first_claim = out.len();
        let mut atts = speech::find(&s, prev_speaker.as_ref());
        if atts.is_empty() {
            atts.extend(prev_quoted.as_ref().and_then(|p| speech::continued(&s, p)));
        }
        for att in &mut atts {
            resolve_speaker(&mut att.speaker, &mut people);
        }
        let wire = atts
            .iter()
            .find_map(|a| a.wire.clone())
            .or_else(|| speech::trailing_credit(&s).map(|(_, wire)| wire));
        let reported_by = |a: usize, b: usize| {
            atts.iter()
                .find(|att| !att.act && att.content.start <= a && b <= att.content.end)
        };
        let voice = |a: usize, b: usize| reported_by(a, b).map(|att| att.speaker.clone());
        let events = events::find(&s, published);
        let span = |a: usize, b: usize| s.span(a, b);
        let found = quantity::find(&s);
        // The tokens of each figure that becomes a claim, with the
        // attribution that voices it.
        let figures: Vec<(Range<usize>, Option<usize>)> = found
            .iter()
            .take(MAX_CLAIMS_PER_SENTENCE)
            .map(|q| {
                let by = atts.iter().position(|att| {
                    !att.act && att.content.start <= q.start && q.end <= att.content.end
                });
                (q.start..q.end, by)
            })
            .collect();
        // Only a figure needs the sentence's days.
        let (days, earlier) = if found.is_empty() {
            (Vec::new(), false)
        } else {
            (days::days_in(&s, published), days::says_earlier(&s))
        };

        for q in found.into_iter().take(MAX_CLAIMS_PER_SENTENCE) {
            let speaker = voice(q.start, q.end);
            let qv = &q.quantity;
            let reported = reported_by(q.number, q.number + 1).map(|a| a.content.clone());
            let stated = days::nearest(&days, q.number, reported)
                .or_else(|| days::past_year(&s, q.number, published));
            let day = match stated {
                Some(d) => {
                    let first = first_day.entry(qv.measure.clone()).or_insert(d);
                    *first = (*first).min(d);
                    Some(d)
                }
                None if earlier => first_day.get(&qv.measure).copied().or(published),
                None => published,
            };
            let day_key = day.map(|d| d.to_string()).unwrap_or_default();
            let key = qv.comparable.then(|| {
                format!(
                    "quantity|{}|{day_key}|{}|{}|{}",
                    qv.measure,
                    quantity::fmt_num(qv.low),
                    quantity::fmt_num(qv.high),
                    qv.unit.as_deref().unwrap_or("")
                )
            });
            // "Police denied that 50 people had been arrested": the figure
            // is denied; "denied that the 50 people arrested were beaten"
            // takes it as given.
            let denied = denied_figure(&s, &atts, q.start, q.end);
            let stance = if denied {
                Stance::Denies
            } else {
                Stance::default_for(speaker.is_some())
            };
            out.push(Extracted {
                claim: proposed(q.text, ClaimBody::Quantity(q.quantity), day),
                mention: carried(&range, stance, wire.clone()),
                speaker,
                key,
                phrase: span(q.start, q.end),
                confidence: q.confidence,
            });
        }

        let pairs = quote_pairs(&s);
        for (n, att) in atts.iter().enumerate() {
            let as_of = events
                .iter()
                .find(|e| Some(e.verb) == att.verb)
                .and_then(|e| e.date);
            let relayed_by = att.wire.clone().or_else(|| wire.clone());
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
                    key: Some(format!("quote|{}|{}", speaker_key, key_text(&quoted))),
                    claim: proposed(
                        format!("{}: \"{}\"", att.speaker.name, quoted),
                        ClaimBody::Quote {
                            quoted: Some(quoted),
                        },
                        as_of,
                    ),
                    mention: carried(&range, Stance::Reports, relayed_by.clone()),
                    speaker: Some(att.speaker.clone()),
                    phrase: span(att.phrase.start.min(o), end),
                    confidence: att.confidence,
                });
            }
            if quoted_any {
                continue;
            }
            let start = after_dateline(&s, att.content.start);
            // A denial's statement is what it denies, not what follows it.
            let content_end = if att.denies {
                att.denied_end
            } else {
                att.content.end
            };
            let parts = match &att.hole {
                Some(h) if h.start > start => [start..h.start, h.end..content_end],
                Some(h) => [h.end.max(start)..content_end, 0..0],
                None => [start..content_end, 0..0],
            };
            if all_figure(&s, &parts, &figures, n) {
                continue;
            }
            let (clause, written) = match &att.hole {
                Some(h) if h.start > start => (
                    format!(
                        "{} {}",
                        s.joined(start, h.start),
                        s.joined(h.end, content_end)
                    ),
                    format!("{} {}", s.raw(start, h.start), s.raw(h.end, content_end)),
                ),
                Some(h) => (
                    s.joined(h.end.max(start), content_end),
                    s.raw(h.end.max(start), content_end).to_string(),
                ),
                None => (
                    s.joined(start, content_end),
                    s.raw(start, content_end).to_string(),
                ),
            };
            let clause = key_text(&clause);
            if clause.is_empty() {
                continue;
            }
            out.push(Extracted {
                claim: proposed(
                    format!("{}: {}", att.speaker.name, tokens::collapse(&written)),
                    ClaimBody::Statement,
                    as_of,
                ),
                mention: carried(
                    &range,
                    if att.denies {
                        Stance::Denies
                    } else {
                        Stance::Reports
                    },
                    relayed_by,
                ),
                speaker: Some(att.speaker.clone()),
                key: Some(format!("statement|{speaker_key}|{clause}")),
                phrase: span(att.phrase.start, att.phrase.end),
                confidence: (att.confidence - 0.1).max(0.5),
            });
        }

        // A quotation no speaker in reach is given (its attribution cut off,
        // or left out): a quote of an unknown speaker, kept when it is long
        // enough to be matched with an attributed quote of the same words.
        for &(o, c) in &pairs {
            let attributed = atts
                .iter()
                .any(|a| a.content.start <= o && c < a.content.end.max(a.phrase.end));
            let quoted = quoted_words(&s, o, c);
            if attributed || quoted.split_whitespace().count() < MIN_UNATTRIBUTED_WORDS {
                continue;
            }
            out.push(Extracted {
                key: Some(format!("quote||{}", key_text(&quoted))),
                claim: proposed(
                    format!("(unattributed): \"{quoted}\""),
                    ClaimBody::Quote {
                        quoted: Some(quoted),
                    },
                    None,
                ),
                mention: carried(&range, Stance::Reports, wire.clone()),
                speaker: None,
                phrase: span(o, c + 1),
                confidence: 0.5,
            });
        }

        for ev in events.into_iter().take(MAX_CLAIMS_PER_SENTENCE) {
            // A dated speech act is a statement with a date, not a separate event.
            if atts.iter().any(|a| a.verb == Some(ev.verb)) {
                continue;
            }
            let speaker = voice(ev.start, ev.end);
            let date = ev.date.map(|d| d.to_string()).unwrap_or_default();
            let stance = Stance::default_for(speaker.is_some());
            out.push(Extracted {
                key: Some(match &ev.key {
                    Some(key) => format!("event|{key}"),
                    None => format!("event|{}|{}", key_text(&ev.text), date),
                }),
                claim: proposed(ev.text, ClaimBody::Event, ev.date),
                mention: carried(&range, stance, wire.clone()),
                speaker,
                phrase: span(ev.start, ev.end),
                confidence: ev.confidence,
            });
        }
        // A superlative in the outlet's own voice is a claim of its own.
        if out.len() == first_claim && superlative(&s) {
            let written = tokens::collapse(s.raw(0, s.len()));
            let written = written.trim_end_matches(['.', '!']).to_string();
            out.push(Extracted {
                key: Some(format!("statement||{}", key_text(&s.joined(0, s.len())))),
                claim: proposed(written, ClaimBody::Statement, None),
                mention: carried(&range, Stance::Asserts, wire.clone()),
                speaker: None,
                phrase: span(0, s.len()),
                confidence: 0.5,
            });
        }
        prev_speaker = atts.first().map(|a| a.speaker.clone());
        prev_quoted = atts.iter().find(|a| !a.act).cloned();
        out.truncate(first_claim + MAX_CLAIMS_PER_SENTENCE);
    }
    // A wire story reprinted with its credit: what it says counts for the wire.
    if let Some(wire) = credited_wire(&text[..cut]) {
        for found in out.iter_mut().filter(|c| c.mention.relayed_by.is_none()) {
            found.mention.relayed_by = Some(wire.to_string());
        }
    }
    out.sort_by(|a, b| {
        (a.mention.span.start, a.phrase.start, a.phrase.end, &a.key).cmp(&(
            b.mention.span.start,
            b.phrase.start,
            b.phrase.end,
            &b.key,
        ))
    });
    for found in &mut out {
        found.mention.quote = text[found.mention.span.clone()].to_string();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ClaimKind;

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
            press[0].key.as_deref(),
            Some("quantity|russian troops deployed|2020-11-26|1800|2200|troops")
        );
        assert_eq!(press[0].key, mt[0].key);
        assert_eq!(press[0].claim.text, mt[0].claim.text);
        assert_eq!(press[0].mention.stance, Stance::Asserts);
    }

    #[test]
    fn quote_keys_and_trailing_period_inside_quote() {
        let text = "Armenian Prime Minister Nikol Pashinyan had praised the French resolution as \"historic.\"";
        let c = extract(text, nov26());
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].claim.kind(), ClaimKind::Quote);
        assert_eq!(c[0].claim.quoted(), Some("historic"));
        assert_eq!(c[0].key.as_deref(), Some("quote|nikol pashinyan|historic"));
        assert_eq!(c[0].mention.stance, Stance::Reports);
    }

    #[test]
    fn wires_are_relayed_but_photo_credits_are_not() {
        let c = extract(
            "At least 12 people died in the shelling, according to Reuters.",
            nov26(),
        );
        let q = c
            .iter()
            .find(|c| c.claim.kind() == ClaimKind::Quantity)
            .expect("quantity");
        assert_eq!(q.mention.relayed_by.as_deref(), Some("Reuters"));
        assert_eq!(q.mention.stance, Stance::Reports);
        assert_eq!(
            q.claim.quantity().map(|q| q.measure.as_str()),
            Some("people killed")
        );
        let c = extract(
            "AFP reported that 3,000 Russian peacekeepers had arrived.",
            nov26(),
        );
        assert!(c
            .iter()
            .all(|c| c.mention.relayed_by.as_deref() == Some("AFP")));
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
        assert_eq!(c[0].claim.kind(), ClaimKind::Statement);
        assert_eq!(c[0].claim.as_of, nov26());
    }

    #[test]
    fn output_is_sorted_and_spans_slice() {
        let text = "Russia has sent some 2,000 peacekeepers. Ankara also said earlier this week that 500 Turkish troops had arrived.\nThe Minsk Group, set up in 1992, failed.";
        let c = extract(text, nov26());
        assert!(c.len() >= 3);
        for w in c.windows(2) {
            assert!(
                (w[0].mention.span.start, w[0].phrase.start)
                    <= (w[1].mention.span.start, w[1].phrase.start)
            );
        }
        let troops = c
            .iter()
            .find(|c| {
                c.claim.kind() == ClaimKind::Quantity
                    && c.key
                        .as_deref()
                        .is_some_and(|k| k.contains("turkish troops"))
            })
            .expect("troops");
        assert_eq!(troops.mention.stance, Stance::Reports);
        assert_eq!(
            troops.speaker.as_ref().map(|s| s.name.as_str()),
            Some("Ankara")
        );
        assert_eq!(
            &text[troops.phrase.clone()],
            "500 Turkish troops had arrived"
        );
    }

    fn kinds(text: &str) -> Vec<(ClaimKind, Option<String>)> {
        extract(text, nov26())
            .into_iter()
            .map(|e| (e.claim.kind(), e.speaker.map(|s| s.name)))
            .collect()
    }

    fn said(kind: ClaimKind) -> (ClaimKind, Option<String>) {
        (kind, Some("Officials".to_string()))
    }

    #[test]
    fn a_clause_that_is_all_figure_is_its_quantity_claim_alone() {
        assert_eq!(
            kinds("Officials said 9,100 troops were sent in Kalbajar on Wednesday."),
            [said(ClaimKind::Quantity)]
        );
    }

    #[test]
    fn a_clause_that_says_more_than_its_figure_stays_a_statement() {
        assert_eq!(
            kinds("Officials said 9,100 troops were sent in Kalbajar to guard the new crossing."),
            [said(ClaimKind::Statement), said(ClaimKind::Quantity)]
        );
        let un = "Of the 300,000 people made homeless, up to 100,000 are children, many of whom have been separated from their families, the United Nations said.";
        let found = kinds(un);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].0, ClaimKind::Statement);
    }

    #[test]
    fn what_a_speaker_denies_is_denied_and_what_it_takes_as_given_is_not() {
        let stances = |text: &str| -> Vec<(ClaimKind, Stance)> {
            extract(text, None)
                .into_iter()
                .map(|e| (e.claim.kind(), e.mention.stance))
                .collect()
        };
        for text in [
            "Police denied that 50 people had been arrested.",
            "The ministry rejected claims that 50 people had been arrested.",
            "Officials dismissed reports that 50 people had been arrested.",
            "Police denied media reports that 50 people had been arrested.",
            "The army rejected the claims that 50 people had been arrested.",
        ] {
            let found = stances(text);
            assert!(
                found.contains(&(ClaimKind::Quantity, Stance::Denies)),
                "{text}: {found:?}"
            );
            assert!(
                !found.iter().any(|(_, s)| *s != Stance::Denies),
                "{text}: {found:?}"
            );
        }
        let given = stances("The ministry denied that the 50 people arrested had been beaten.");
        assert!(
            given.contains(&(ClaimKind::Quantity, Stance::Reports)),
            "{given:?}"
        );
        // Saying is not denying, nor is refusing something.
        for text in [
            "Organisers said 50 people had been arrested.",
            "The court denied bail to 12 people arrested on Monday.",
            "Twelve people arrested on Monday were denied bail, police said.",
        ] {
            let found = stances(text);
            assert!(
                !found.iter().any(|(_, s)| *s == Stance::Denies),
                "{text}: {found:?}"
            );
        }
        // What the denial takes as given, or what comes after it, or a
        // denial of a denial, is not denied.
        for text in [
            "The governor denied that officials ignored warnings before the flood that killed 200 people.",
            "The ministry dismissed reports that the blast, which killed 30 people, was caused by a missile.",
            "The army denied that 300 soldiers had died, saying 40 soldiers had been killed in the fighting.",
            "The ministry denied that it had ever denied that 50 people had been arrested.",
            "The army denied that 300 soldiers had died, saying 40 fighters had been killed.",
            "The ministry denied that 50 people had died and that 200 had been injured.",
            "Police denied that anyone had died, and the health ministry said 30 people were injured.",
            "The ministry dismissed 30 officials after reports that 5 million dollars had gone missing.",
        ] {
            let found = extract(text, None);
            let denied: Vec<&str> = found
                .iter()
                .filter(|e| e.mention.stance == Stance::Denies && e.claim.kind() == ClaimKind::Quantity)
                .map(|e| e.claim.text.as_str())
                .collect();
            let expected: &[&str] = if text.contains("300 soldiers") {
                &["soldiers killed: 300"]
            } else if text.contains("200 had been injured") {
                &["people killed: 50", "people injured: 200"]
            } else {
                &[]
            };
            assert_eq!(denied, expected, "{text}");
        }
        // "..., police denied." denies what came before.
        let trailing = stances("Fifty people had been arrested, police denied.");
        assert!(
            trailing.contains(&(ClaimKind::Quantity, Stance::Denies)),
            "{trailing:?}"
        );
    }

    #[test]
    fn a_denied_figure_stays_a_statement() {
        assert_eq!(
            kinds("Officials said 9,100 troops were never sent in Kalbajar.")[0],
            said(ClaimKind::Statement)
        );
    }

    #[test]
    fn a_quoted_figure_stays_a_quote_and_a_clause_without_one_a_statement() {
        assert_eq!(
            kinds("Officials said \"9,100 troops were sent\" in Kalbajar."),
            [said(ClaimKind::Quote), said(ClaimKind::Quantity)]
        );
        assert_eq!(
            kinds("Officials said it rained."),
            [said(ClaimKind::Statement)]
        );
    }
}
