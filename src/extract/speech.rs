//! Attributed speech: "X said ...", "..., X said", "according to X",
//! "X praised ... as '...'", with the speaker's name stripped of titles.

use std::ops::Range;

use super::tokens::{is_aux, is_demonym, is_stop, relayed_outlet, weekday_index, Kind, Sent};
use super::Speaker;

/// One attribution in a sentence, in token indices.
#[derive(Debug, Clone)]
pub(crate) struct Attribution {
    pub speaker: Speaker,
    /// The speech verb ("said"), if the pattern has one.
    pub verb: Option<usize>,
    /// What the speaker is reported to have said.
    pub content: Range<usize>,
    /// Tokens inside `content` that are not part of it ("according to X").
    pub hole: Option<Range<usize>>,
    /// Speaker through content: the matched phrase.
    pub phrase: Range<usize>,
    pub confidence: f64,
    /// The wire or medium this relays: the speaker when it is one ("according
    /// to Reuters"), or where the speech went ("told AFP").
    pub wire: Option<String>,
    /// A speech act ("urged", "called for"): its content is a demand or a
    /// judgment, so numbers and dates inside it stay in the outlet's voice.
    pub act: bool,
    /// The speaker denies the content ("denied that", "rejected reports
    /// that"): what it holds is contradicted, not reported.
    pub denies: bool,
    /// Where what is denied ends: the speaker may go on to say something
    /// ("denied that 300 died, saying 40 were killed").
    pub denied_end: usize,
}

/// Verbs that deny what follows them: "denied that ...".
fn is_deny(w: &str) -> bool {
    matches!(w, "denied" | "denies" | "deny" | "refuted" | "refutes")
}

/// "rejected claims that", "dismissed reports that": a verb that turns
/// away what someone else said, with the noun for it, then "that". The
/// token after "that", where the denied content starts, if `v` begins one.
fn denial_of_reports(s: &Sent, v: usize) -> Option<usize> {
    let verb = is_deny(s.w(v))
        || matches!(
            s.w(v),
            "rejected" | "rejects" | "dismissed" | "dismisses" | "disputed" | "disputes"
        );
    if !verb {
        return None;
    }
    // "denied media reports that", "rejected the claims that", "dismissed
    // as false reports that", "denied allegations by activists that".
    // Only words that qualify the noun stand before it ("the", "media",
    // "as false"): "dismissed 30 officials after reports" dismisses the
    // officials.
    let qualifies = |k: usize| {
        k == v + 1
            || matches!(
                s.w(k - 1),
                "the"
                    | "these"
                    | "those"
                    | "such"
                    | "media"
                    | "press"
                    | "news"
                    | "earlier"
                    | "recent"
                    | "false"
                    | "unconfirmed"
                    | "as"
                    | "all"
                    | "any"
            )
    };
    let noun = (v + 1..(v + 5).min(s.len()))
        .take_while(|&k| qualifies(k))
        .find(|&k| {
            matches!(
                s.w(k),
                "claims"
                    | "claim"
                    | "reports"
                    | "report"
                    | "allegations"
                    | "allegation"
                    | "suggestions"
                    | "accusations"
                    | "charges"
                    | "rumours"
                    | "rumors"
            )
        })?;
    let that = (noun + 1..(noun + 5).min(s.len()))
        .take_while(|&k| s.kind(k) != Some(Kind::Punct))
        .find(|&k| s.w(k) == "that")?;
    Some(that + 1)
}

/// Verbs whose object is the reported speech: content starts after them.
pub(crate) fn is_say(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "stated"
            | "states"
            | "added"
            | "adds"
            | "announced"
            | "announces"
            | "noted"
            | "warned"
            | "warns"
            | "claimed"
            | "claims"
            | "insisted"
            | "declared"
            | "stressed"
            | "argued"
            | "wrote"
            | "tweeted"
            | "reported"
            | "confirmed"
            | "asserted"
            | "alleged"
            | "explained"
            | "emphasized"
            | "emphasised"
            | "acknowledged"
            | "admitted"
            | "denied"
            | "denies"
            | "deny"
            | "refuted"
            | "refutes"
            | "reiterated"
            | "quoted"
    )
}

/// Verbs that are speech acts themselves: content includes the verb
/// ("described the resolution as a provocation").
fn is_act(w: &str) -> bool {
    matches!(
        w,
        "described"
            | "describes"
            | "called"
            | "calls"
            | "praised"
            | "hailed"
            | "condemned"
            | "denounced"
            | "slammed"
            | "branded"
            | "urged"
            | "urges"
            | "accused"
            | "accuses"
            | "demanded"
            | "vowed"
            | "pledged"
            | "promised"
            | "criticized"
            | "criticised"
            | "welcomed"
            | "rejected"
            | "dismissed"
    )
}

/// Titles, offices and bodies: allowed lowercase in a speaker, stripped from a person's name.
pub(crate) fn is_title(w: &str) -> bool {
    matches!(
        w,
        "president"
            | "prime"
            | "minister"
            | "ministry"
            | "speaker"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "foreign"
            | "defense"
            | "defence"
            | "interior"
            | "deputy"
            | "secretary"
            | "general"
            | "chief"
            | "head"
            | "leader"
            | "official"
            | "officials"
            | "ambassador"
            | "envoy"
            | "commander"
            | "senator"
            | "lawmaker"
            | "lawmakers"
            | "mp"
            | "mps"
            | "government"
            | "parliament"
            | "senate"
            | "assembly"
            | "army"
            | "military"
            | "police"
            | "office"
            | "council"
            | "committee"
            | "authorities"
            | "agency"
            | "service"
            | "chairman"
            | "chairwoman"
            | "director"
            | "governor"
            | "mayor"
            | "king"
            | "queen"
            | "pope"
            | "chancellor"
            | "adviser"
            | "advisor"
            | "aide"
            | "aides"
            | "analyst"
            | "analysts"
            | "expert"
            | "experts"
            | "source"
            | "sources"
            | "diplomat"
            | "diplomats"
            | "department"
            | "upper"
            | "lower"
            | "house"
            | "prosecutor"
            | "court"
            | "judge"
            | "party"
            | "forces"
            | "resident"
            | "residents"
            | "witness"
            | "witnesses"
            | "eyewitness"
            | "eyewitnesses"
            | "survivor"
            | "survivors"
            | "doctor"
            | "doctors"
            | "nurse"
            | "nurses"
            | "medic"
            | "medics"
            | "paramedic"
            | "paramedics"
            | "rescuer"
            | "rescuers"
            | "firefighter"
            | "firefighters"
            | "owner"
            | "neighbour"
            | "neighbours"
            | "neighbor"
            | "neighbors"
            | "volunteer"
            | "volunteers"
            | "activists"
            | "organization"
            | "organisation"
            | "embassy"
            | "delegation"
            | "representative"
            | "representatives"
            | "presidency"
            | "cabinet"
            | "state"
            | "affairs"
            | "press"
            | "foreign-ministry"
            | "legislators"
            | "deputies"
            | "separatist"
            | "separatists"
            | "leadership"
            | "opposition"
    )
}

/// Personal pronouns that take the previous sentence's speaker.
fn is_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "it" | "they")
}

/// A token that may be part of a speaker's name.
fn speakerish(s: &Sent, k: usize) -> bool {
    let w = s.w(k);
    s.is_word(k)
        && !is_stop(w)
        && !is_pronoun(w)
        && !matches!(w, "this" | "that" | "these" | "those")
        && (s.cap(k) || is_title(w))
}

/// Builds the speaker from tokens `a..b`: alias as written (no leading "the"),
/// name with titles stripped when a person's name ends it.
fn make_speaker(s: &Sent, mut a: usize, b: usize) -> Option<Speaker> {
    // "One resident", "Another witness": the role is the speaker.
    let role_next = a + 1 < b && !s.cap(a + 1);
    if s.w(a) == "the" || (matches!(s.w(a), "one" | "another") && role_next) {
        a += 1;
    }
    if a >= b {
        return None;
    }
    let alias = super::tokens::collapse(s.raw(a, b));
    let mut run = b;
    while run > a && s.cap(run - 1) && !is_title(s.w(run - 1)) && !is_demonym(s.w(run - 1)) {
        run -= 1;
    }
    let titled = (a..run).any(|k| is_title(s.w(k)));
    let name = if run < b && run > a && (b - run >= 2 || titled) {
        super::tokens::collapse(s.raw(run, b))
    } else {
        alias.clone()
    };
    Some(Speaker { name, alias })
}

/// Speaker tokens ending just before `e`, walking backwards: start index.
fn speaker_start(s: &Sent, e: usize) -> usize {
    let mut a = e;
    // A lowercase word before a title is its portfolio: "the health minister".
    let portfolio = |k: usize| {
        s.is_word(k) && !is_stop(s.w(k)) && !s.cap(k) && is_title(s.w(k + 1)) && k + 1 < e
    };
    while a > 0 && e - a < 7 && (speakerish(s, a - 1) || portfolio(a - 1)) {
        a -= 1;
    }
    if a > 0 && a < e && s.w(a - 1) == "the" {
        a -= 1;
    }
    a
}

/// A speaker run is a real speaker: it has a name or a title word.
fn valid_speaker(s: &Sent, a: usize, e: usize) -> bool {
    a < e && (a..e).any(|k| s.cap(k) || is_title(s.w(k))) && (a..e).any(|k| s.w(k) != "the")
}

/// Skips filler between a speech verb and its content: "in a statement",
/// "on Thursday", "earlier this week", a "that".
fn content_start(s: &Sent, v: usize) -> usize {
    let k = after_filler(s, v);
    // "told reporters that ...": the content starts after a nearby "that";
    // a hearer can take more words ("told the Al-Hadath news network in an
    // interview that").
    let reach = if s.w(v) == "told" { 9 } else { 4 };
    for m in k..(k + reach).min(s.len()) {
        if s.w(m) == "that" {
            return m + 1;
        }
        if !s.is_word(m) {
            break;
        }
    }
    k
}

/// The first token after a speech verb at `v` and the filler that may
/// follow it ("in a statement", "on Monday evening", "earlier this week").
fn after_filler(s: &Sent, v: usize) -> usize {
    let mut k = v + 1;
    loop {
        if s.seq(k, &["in", "a", "statement"]) {
            k += 3;
        } else if s.w(k) == "on" && weekday_index(s.w(k + 1)).is_some() {
            k += 2;
            if matches!(s.w(k), "morning" | "afternoon" | "evening" | "night") {
                k += 1;
            }
        } else if s.seq(k, &["earlier", "this"])
            || s.seq(k, &["later", "this"])
            || s.seq(k, &["last"])
        {
            k += if s.w(k) == "last" { 2 } else { 3 };
        } else if matches!(s.w(k), "also" | "again" | "publicly" | "on") && k == v + 1 {
            k += 1;
        } else if s.w(k) == "that" && is_time_noun(s.w(k + 1)) {
            // "said that evening": when, not what.
            k += 2;
        } else {
            break;
        }
    }
    k
}

/// Whether the words after a speech verb, from `k`, say when or where it
/// was said, however many follow: "said when asked about ...", "said
/// during a visit to the site where 40 were killed", "said two days after
/// the attack", "said 48 hours later".
fn adverbial_at(s: &Sent, k: usize) -> bool {
    // "as many as 30", "at least 30": a hedge, what was said.
    let hedge = (s.w(k) == "as" && matches!(s.w(k + 1), "many" | "much" | "few" | "high" | "low"))
        || (s.w(k) == "at" && matches!(s.w(k + 1), "least" | "most"));
    if hedge {
        return false;
    }
    // A clause that says when: never what was said.
    if matches!(
        s.w(k),
        "when"
            | "while"
            | "as"
            | "after"
            | "before"
            | "during"
            | "amid"
            | "following"
            | "since"
            | "until"
            | "where"
    ) {
        return true;
    }
    // "two days after the attack", "48 hours later".
    let time_noun_at = |m: usize| is_time_noun(s.w(m).trim_end_matches('s'));
    if time_noun_at(k + 1) && matches!(s.w(k + 2), "after" | "later" | "ago" | "before" | "earlier")
    {
        return true;
    }
    // "at a briefing", "in 2019", "later": where, when or how, unless what
    // was said follows ("said in a tweet that ...", "said in Kabul police
    // arrested 30 people").
    if matches!(
        s.w(k),
        "in" | "at" | "on" | "from" | "late" | "early" | "later" | "earlier"
    ) {
        // The phrase's own words, up to a clause of its own ("a statement
        // that was posted online", "a news conference where ...").
        let own = (k..(k + 12).min(s.len()))
            .take_while(|&m| s.kind(m) != Some(Kind::Punct))
            .take_while(|&m| {
                let subordinate =
                    matches!(s.w(m), "where" | "when" | "while" | "as" | "which" | "who")
                        || (s.w(m) == "that" && relative_that(s, m));
                !subordinate
            })
            .last()
            .map_or(k, |m| m + 1);
        // "said in a tweet that 30 died": what was said follows.
        let says_that = s.w(own) == "that";
        return !says_that && !clause_words(s, k, own);
    }
    false
}

/// Whether "that" at `m` starts a relative clause ("a statement that was
/// posted"), not what was said ("a statement that 30 people died"): a
/// verb follows it at once.
fn relative_that(s: &Sent, m: usize) -> bool {
    let next = s.w(m + 1);
    is_finite_aux(next)
        || (next.ends_with("ed") && !s.cap(m + 1))
        || super::quantity::is_irregular_past(next)
}

/// A form of "be", "have" or "do", or a modal: a verb that makes a clause
/// ("the fire was out", "30 people had died").
fn is_finite_aux(w: &str) -> bool {
    matches!(
        w,
        "is" | "was"
            | "were"
            | "are"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "must"
            | "should"
            | "did"
            | "does"
    )
}

/// A noun that says when: "that evening", "that week".
fn is_time_noun(w: &str) -> bool {
    matches!(
        w,
        "day"
            | "night"
            | "morning"
            | "afternoon"
            | "evening"
            | "week"
            | "weekend"
            | "month"
            | "year"
            | "time"
            | "hour"
            | "minute"
    )
}

/// Whether the words from `k` to the next punctuation make a clause of
/// their own, what was said rather than when, where or to whom: a count
/// ("30 people"), an auxiliary or a past tense ("the fire was out", "the
/// toll rose"). "told Reuters", "in town" and "on August 5" make none.
fn clause_at(s: &Sent, k: usize, end: usize) -> bool {
    !adverbial_at(s, k) && clause_words(s, k, end)
}

/// Whether the words from `k` to the next punctuation hold a count, an
/// auxiliary or a past tense: [`clause_at`] without asking when or where.
fn clause_words(s: &Sent, k: usize, end: usize) -> bool {
    (k..end)
        .take_while(|&m| s.kind(m) != Some(Kind::Punct))
        .take(8)
        .any(|m| {
            let w = s.w(m);
            (s.kind(m) == Some(Kind::Num) && m + 1 < end && s.is_word(m + 1))
                || is_finite_aux(w)
                || super::quantity::is_irregular_past(w)
        })
}

/// Content end: the sentence end, less closing punctuation and a
/// conjunction left hanging ("..., while Syrian officials said").
fn trim_end(s: &Sent, mut e: usize, start: usize) -> usize {
    let hanging = |e: usize| {
        (e > start && s.kind(e - 1) == Some(Kind::Punct))
            || (e > start + 1 && matches!(s.w(e - 1), "while" | "and" | "but" | "as" | "whereas"))
    };
    while hanging(e) {
        e -= 1;
    }
    e
}

/// Finds the attributions of one sentence; `prev` is the previous sentence's
/// first speaker, for pronouns.
pub(crate) fn find(s: &Sent, prev: Option<&Speaker>) -> Vec<Attribution> {
    let mut out: Vec<Attribution> = Vec::new();
    let n = s.len();
    // "..., reports AP.": a credit to the wire, not part of what was said.
    let end = trailing_credit(s).map_or_else(|| trim_end(s, n, 0), |(at, _)| at);
    for v in 0..n {
        // Each attribution holds a copy of its content: a sentence repeating
        // "according to X" thousands of times must not copy itself that often.
        if out.len() >= super::MAX_CLAIMS_PER_SENTENCE {
            break;
        }
        if s.seq(v, &["according", "to"]) {
            if let Some(a) = according_to(s, v, end) {
                out.push(a);
            }
            continue;
        }
        let w = s.w(v);
        let denied_reports = denial_of_reports(s, v);
        // "rejected claims that ...": not a judgment in the outlet's voice
        // but a denial of what follows.
        let act = is_act(w) && denied_reports.is_none();
        if !(act || is_say(w) || denied_reports.is_some()) || s.cap(v) {
            continue;
        }
        // "Everyone is called to ...", "Liverpool were denied a penalty": a
        // passive has no speaker ("was quoted by NNA as saying" has one).
        if v > 0
            && w != "quoted"
            && matches!(
                s.w(v - 1),
                "is" | "are" | "was" | "were" | "be" | "been" | "being"
            )
        {
            continue;
        }
        // "Nvidia added $200 billion in market value": a gain, not speech.
        let next = s.w(v + 1);
        if matches!(w, "added" | "adds")
            && (matches!(next, "$" | "€" | "£" | "to" | "another")
                || (s.kind(v + 1) == Some(Kind::Num)
                    && !(v + 2..(v + 5).min(n)).any(|m| is_finite_aux(s.w(m)))))
        {
            continue;
        }
        // Walk back over auxiliaries, adverbs and "on Thursday".
        let mut e = v;
        loop {
            if e > 0 && is_aux(s.w(e - 1)) {
                e -= 1;
            } else if e > 1 && s.w(e - 2) == "on" && weekday_index(s.w(e - 1)).is_some() {
                e -= 2;
            } else {
                break;
            }
        }
        let mut confidence = 0.9;
        // "Armenia, which strongly backs ..., has praised": skip the relative clause.
        if e > 0 && s.w(e - 1) == "," {
            let lo = e.saturating_sub(20);
            if let Some(c) = (lo..e - 1)
                .rev()
                .find(|&c| s.w(c) == "," && matches!(s.w(c + 1), "which" | "who"))
            {
                e = c;
            }
        } else if e > 0 && matches!(s.w(e - 1), "which" | "who") {
            e -= 1;
        }
        let a = speaker_start(s, e);
        let speaker;
        let mut phrase_start = a;
        if let Some((a, sp)) = appositive(s, e) {
            speaker = Some(sp);
            phrase_start = a;
        } else if valid_speaker(s, a, e) {
            speaker = make_speaker(s, a, e);
        } else if e > 0 && is_pronoun(s.w(e - 1)) {
            speaker = prev.cloned();
            phrase_start = e - 1;
            confidence = 0.6;
        } else if e > 0 && s.w(e - 1) == "and" && !out.is_empty() {
            // "described ... and said it was biased": same speaker.
            speaker = out.last().map(|x| x.speaker.clone());
            phrase_start = e - 1;
            confidence = out.last().map_or(0.6, |x| x.confidence);
        } else if v > 0 && matches!(s.kind(v - 1), Some(Kind::Punct | Kind::Quote)) && !act {
            // Inverted "..., said X." at the end.
            let mut b = v + 1;
            while b < end && speakerish(s, b) {
                b += 1;
            }
            if b == end && b > v + 1 && valid_speaker(s, v + 1, b) {
                if let Some(sp) = make_speaker(s, v + 1, b) {
                    let content = 0..trim_end(s, v, 0);
                    out.push(attribution(sp, Some(v), content, 0..end, 0.85));
                }
            }
            continue;
        } else {
            continue;
        }
        let Some(speaker) = speaker else { continue };
        // Trailing "..., X said." or "..., X told Reuters, with ...", or
        // "..., police said on Monday evening in town.": the content is
        // what came before, unless "that" brings it after. Counting stops
        // at five so a run of verbs stays linear.
        let rest = after_filler(s, v);
        // "..., officials said 30 people died": a clause after the verb is
        // what was said, however short.
        let says_that = if s.w(rest) == "that" {
            // "said in a statement that was posted online": a relative
            // clause of the filler, not what was said.
            !relative_that(s, rest)
        } else {
            clause_at(s, rest, end)
        };
        let rest_words = (rest..end)
            .take_while(|&k| s.kind(k) != Some(Kind::Punct))
            .filter(|&k| s.is_word(k))
            .take(5)
            .count();
        // A closing quote right before the speaker ends the content however
        // the sentence goes on: "\"...,\" Hasan said in a report, adding ...".
        // "..., a Lebanese Health Ministry spokesperson told AFP": the
        // article belongs to the speaker.
        if phrase_start > 1
            && matches!(
                s.w(phrase_start - 1),
                "a" | "an" | "the" | "one" | "another"
            )
            && matches!(s.kind(phrase_start - 2), Some(Kind::Punct | Kind::Quote))
        {
            phrase_start -= 1;
        }
        let after_quote = phrase_start > 0
            && (s.kind(phrase_start - 1) == Some(Kind::Quote)
                || (s.w(phrase_start - 1) == ","
                    && phrase_start > 1
                    && s.kind(phrase_start - 2) == Some(Kind::Quote)));
        let trailing = phrase_start > 0
            && !act
            && matches!(s.kind(phrase_start - 1), Some(Kind::Punct | Kind::Quote))
            && ((rest_words <= 4 && !says_that) || adverbial_at(s, rest) || after_quote);
        let a = phrase_start;
        let (content, phrase, conf) = if trailing {
            (0..trim_end(s, a, 0), 0..end.max(v + 1), 0.85)
        } else {
            let c0 = match denied_reports {
                Some(c0) => c0,
                None if act => v,
                None => content_start(s, v),
            };
            (c0..end, phrase_start..end.max(v + 1), confidence)
        };
        if content.is_empty() {
            continue;
        }
        // An earlier attribution's content stops where this one begins.
        if let Some(last) = out.last_mut() {
            if last.content.contains(&phrase.start) {
                last.content.end = trim_end(s, phrase.start, last.content.start);
                last.denied_end = last.denied_end.min(last.content.end);
                last.phrase.end = last.phrase.end.min(phrase.start).max(last.content.end);
            }
        }
        let mut att = attribution(speaker, Some(v), content, phrase, conf);
        att.act = act;
        // "denied that ...", "..., police denied": a proposition is denied.
        // "denied bail to 12 people", "was denied entry": none is.
        att.denies = denied_reports.is_some()
            || (is_deny(w) && (trailing || s.w(after_filler(s, v)) == "that"));
        // What is denied ends where the speaker goes on to say something
        // else: "denied that 300 had died, saying 40 had been killed".
        if att.denies && !trailing {
            let c = att.content.clone();
            if let Some(m) = c.clone().find(|&m| {
                s.w(m) == ";"
                    || (s.w(m) == ","
                        && matches!(
                            s.w(m + 1),
                            "saying" | "but" | "adding" | "while" | "insisting" | "arguing"
                        ))
            }) {
                att.denied_end = m;
            }
        }
        att.wire = att.wire.or_else(|| wire_after(s, v));
        out.push(att);
    }
    out
}

/// "Hassan Diab, Lebanon's Prime Minister, said": a name, then a title in
/// commas, ending just before `e` (the comma before the verb). Returns the
/// name's first token and the speaker, the title kept in the alias.
fn appositive(s: &Sent, e: usize) -> Option<(usize, Speaker)> {
    if e < 3 || s.w(e - 1) != "," {
        return None;
    }
    let close = e - 1;
    let open = (close.saturating_sub(8)..close)
        .rev()
        .find(|&c| s.w(c) == ",")?;
    let title = open + 1..close;
    let titled = title.clone().any(|k| is_title(s.w(k)));
    // "Lebanon's Prime Minister", "the health minister", "the governor of
    // Beirut": names and titles, an article first, "of" or "for" before a
    // name or title.
    let fits = title.clone().all(|k| {
        let w = s.w(k);
        s.is_word(k)
            && (speakerish(s, k)
                || (!is_stop(w) && is_title(s.w(k + 1)))
                || (k == open + 1 && matches!(w, "the" | "a" | "an"))
                || (matches!(w, "of" | "for") && k + 1 < close && speakerish(s, k + 1)))
    });
    if title.is_empty() {
        return None;
    }
    if !titled {
        return name_after_title(s, open, close);
    }
    if !fits {
        return None;
    }
    let a = speaker_start(s, open);
    if !valid_speaker(s, a, open) || (a..open).any(|k| is_title(s.w(k))) {
        return None;
    }
    let name = make_speaker(s, a, open)?;
    Some((
        a,
        Speaker {
            name: name.name,
            alias: super::tokens::collapse(s.raw(a, close)),
        },
    ))
}

/// A wire credited at the sentence's end, ", reports AP" or ", reported
/// Reuters": where the credit's comma is, and the wire.
pub(crate) fn trailing_credit(s: &Sent) -> Option<(usize, String)> {
    let end = trim_end(s, s.len(), 0);
    let comma = (end.saturating_sub(6)..end)
        .rev()
        .find(|&k| s.w(k) == ",")?;
    if !matches!(s.w(comma + 1), "reports" | "reported") || comma + 2 >= end {
        return None;
    }
    let wire = relayed_outlet(&super::tokens::collapse(s.raw(comma + 2, end)))?;
    Some((comma, wire))
}

/// "Serbia's interior minister, Dragan Petrovic, said": a title, then the
/// name in commas (`open` and `close`), ending before the verb.
fn name_after_title(s: &Sent, open: usize, close: usize) -> Option<(usize, Speaker)> {
    let name = open + 1..close;
    // Two or more capitalized words, no title among them: a person's name.
    let named = name.len() >= 2
        && name
            .clone()
            .all(|k| s.is_word(k) && s.cap(k) && !is_title(s.w(k)));
    let a = speaker_start(s, open);
    if !named || !(a..open).any(|k| is_title(s.w(k))) {
        return None;
    }
    Some((
        a,
        Speaker {
            name: super::tokens::collapse(s.raw(name.start, name.end)),
            alias: super::tokens::collapse(s.raw(a, close)),
        },
    ))
}

/// A wire the speech went to or came through: "told AFP", "said in a
/// Reuters report", "told the Associated Press".
fn wire_after(s: &Sent, v: usize) -> Option<String> {
    let mut k = v + 1;
    if s.w(v) == "told" {
        if s.w(k) == "the" {
            k += 1;
        }
        for n in (1..=4).rev() {
            if let Some(w) = relayed_outlet(&s.raw_words(k, k + n)) {
                return Some(w);
            }
        }
    }
    // "in a Reuters report", "in an AFP interview".
    for m in v + 1..(v + 6).min(s.len()) {
        if s.w(m) == "in" && matches!(s.w(m + 1), "a" | "an") {
            if let Some(w) = relayed_outlet(&s.raw_words(m + 2, m + 3)) {
                return Some(w);
            }
        }
    }
    None
}

/// A sentence wholly in quotes right after a quoted speaker's sentence
/// goes on with that speaker's words: `"...," the official told AFP. "In
/// addition, we have more than 60 people still missing."`
pub(crate) fn continued(s: &Sent, previous: &Attribution) -> Option<Attribution> {
    let n = s.len();
    if n < 4 {
        return None;
    }
    // Opens with a quote mark, and only punctuation follows the closing one.
    let close = (1..n).find(|&k| s.kind(k) == Some(Kind::Quote));
    let quoted = s.kind(0) == Some(Kind::Quote)
        && close.is_some_and(|c| (c + 1..n).all(|k| s.kind(k) == Some(Kind::Punct)));
    if !quoted {
        return None;
    }
    let mut att = attribution(
        previous.speaker.clone(),
        None,
        0..n,
        0..n,
        previous.confidence - 0.1,
    );
    att.wire = previous.wire.clone();
    Some(att)
}

/// Wraps a match, noting when the speaker is a news wire.
fn attribution(
    speaker: Speaker,
    verb: Option<usize>,
    content: Range<usize>,
    phrase: Range<usize>,
    confidence: f64,
) -> Attribution {
    let denied_end = content.end;
    let wire = relayed_outlet(&speaker.name);
    Attribution {
        speaker,
        verb,
        content,
        hole: None,
        phrase,
        confidence,
        wire,
        act: false,
        denies: false,
        denied_end,
    }
}

/// "according to X": the rest of the sentence is what X says.
fn according_to(s: &Sent, at: usize, end: usize) -> Option<Attribution> {
    let a = at + 2;
    let mut b = a;
    if s.w(b) == "the" {
        b += 1;
    }
    while b < end && b < a + 7 && speakerish(s, b) {
        b += 1;
    }
    if !valid_speaker(s, a, b) {
        return None;
    }
    let speaker = make_speaker(s, a, b)?;
    let hole_start = if at > 0 && s.w(at - 1) == "," {
        at - 1
    } else {
        at
    };
    let hole_end = if s.w(b) == "," { b + 1 } else { b };
    let content = if at == 0 { hole_end..end } else { 0..end };
    let hole = (at > 0).then_some(hole_start..hole_end);
    if content.is_empty() {
        return None;
    }
    let mut att = attribution(speaker, None, content, 0..end, 0.8);
    att.hole = hole;
    Some(att)
}

#[cfg(test)]
mod tests {
    use super::super::tokens::Buffers;
    use super::*;

    fn atts(text: &str, prev: Option<&Speaker>) -> Vec<(String, String, String)> {
        let mut b = Buffers::default();
        let s = b.sentence(text, 0..text.len());
        find(&s, prev)
            .into_iter()
            .map(|a| {
                let content = s.raw(a.content.start, a.content.end).to_string();
                (a.speaker.name, a.speaker.alias, content)
            })
            .collect()
    }

    #[test]
    fn a_title_in_commas_after_the_name() {
        let r = atts(
            "Hassan Diab, Lebanon's Prime Minister, said the blast came from a warehouse.",
            None,
        );
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "Hassan Diab");
        assert_eq!(r[0].1, "Hassan Diab, Lebanon's Prime Minister");
        assert_eq!(r[0].2, "the blast came from a warehouse");
    }

    #[test]
    fn a_title_with_an_article_or_a_place_in_commas() {
        for (text, alias) in [
            (
                "Marwan Abboud, the governor of Beirut, said the port would take years to repair.",
                "Marwan Abboud, the governor of Beirut",
            ),
            (
                "Hamad Hassan, the health minister, said the port would take years to repair.",
                "Hamad Hassan, the health minister",
            ),
        ] {
            let r = atts(text, None);
            assert_eq!(r.len(), 1, "{text}");
            assert_eq!(r[0].1, alias);
            assert_eq!(r[0].2, "the port would take years to repair");
        }
        // A list of things in commas is no title.
        assert!(atts(
            "Ships, the cranes and the silos, said to be ruined, burned.",
            None
        )
        .is_empty());
    }

    #[test]
    fn a_quote_before_the_speaker_is_the_content_however_the_sentence_goes_on() {
        let r = atts("\"We are facing a real catastrophe,\" Hasan said in a Reuters report, adding that relatives were asking.", None);
        assert_eq!(r[0].0, "Hasan");
        assert_eq!(r[0].2, "\"We are facing a real catastrophe,\"");
        let r = atts("The toll had reached 78, Lebanon's health minister told Reuters, with nearly 4,000 injured.", None);
        assert_eq!(r[0].2, "The toll had reached 78");
    }

    #[test]
    fn a_short_clause_after_the_verb_is_what_was_said_and_that_evening_is_when() {
        for (text, speaker, content) in [
            (
                "Nobody was hurt in the fire, police said that evening.",
                "police",
                "Nobody was hurt in the fire",
            ),
            (
                "The toll rose to 20, officials said that afternoon.",
                "officials",
                "The toll rose to 20",
            ),
            (
                "In Beirut, officials said 30 people died.",
                "officials",
                "30 people died",
            ),
            (
                "In Beirut, officials said at least 30 people died.",
                "officials",
                "at least 30 people died",
            ),
            (
                "In Beirut, officials said as many as 30 people died.",
                "officials",
                "as many as 30 people died",
            ),
            (
                "On Tuesday, the health ministry said at a briefing that the toll had risen to 57.",
                "health ministry",
                "the toll had risen to 57",
            ),
            (
                "In Kyiv, officials said three weeks of shelling had killed 200 people.",
                "officials",
                "three weeks of shelling had killed 200 people",
            ),
            (
                "Thirty people were killed in the blast, police said on Tuesday in a statement that was posted online.",
                "police",
                "Thirty people were killed in the blast",
            ),
            (
                "Thirty people were killed in the blast, the agency said late on Sunday as 3 more teams arrived.",
                "agency",
                "Thirty people were killed in the blast",
            ),
            (
                "In Kabul, officials said police later arrested 30 people.",
                "officials",
                "police later arrested 30 people",
            ),
            (
                "On Monday evening, police said the fire was out.",
                "police",
                "the fire was out",
            ),
            (
                "The port was destroyed, the minister told Reuters on August 5.",
                "minister",
                "The port was destroyed",
            ),
            (
                "The port was destroyed, the minister said in 2019.",
                "minister",
                "The port was destroyed",
            ),
            ("Forty people were killed in the blast, police said two days after the attack.", "police", "Forty people were killed in the blast"),
            ("Forty people were killed in the blast, police said 48 hours later.", "police", "Forty people were killed in the blast"),
            ("The hospital is overwhelmed, the ministry said when asked about reports that 300 people had died.", "ministry", "The hospital is overwhelmed"),
            ("The town will be rebuilt, the president said during a visit to the site where 40 people were killed.", "president", "The town will be rebuilt"),
        ] {
            let r = atts(text, None);
            assert_eq!(r.len(), 1, "{text}: {r:?}");
            assert_eq!(
                (r[0].0.as_str(), r[0].2.as_str()),
                (speaker, content),
                "{text}"
            );
        }
    }

    #[test]
    fn a_credit_to_the_wire_at_the_end_is_not_what_was_said() {
        let r = atts(
            "The official, George Kettaneh, warned that the number could climb further, reports AP.",
            None,
        );
        assert_eq!(r[0].2, "the number could climb further");
    }

    #[test]
    fn a_name_in_commas_after_its_title_is_the_speaker() {
        let r = atts(
            "Serbia's interior minister, Dragan Petrovic, said on Sunday that 62 people had been arrested.",
            None,
        );
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].0, "Dragan Petrovic");
        assert_eq!(r[0].2, "62 people had been arrested");
        let r = atts(
            "The interior minister, Dragan Petrovic, said the protest was organised from abroad.",
            None,
        );
        assert_eq!(r[0].0, "Dragan Petrovic");
    }

    #[test]
    fn a_passive_or_a_gain_is_not_speech() {
        for text in [
            "Liverpool were denied a penalty in the second half, with 52,000 fans watching.",
            "Workers at the Coventry plant had been denied breaks for 12 hours.",
            "Nvidia added $200 billion in market value on Monday.",
            "The company added 3,000 jobs last year.",
            "Nvidia added 200 billion dollars in market value on Monday.",
            "Amazon added 50 warehouses last year that are now open.",
        ] {
            assert!(
                atts(text, None).is_empty(),
                "{text}: {:?}",
                atts(text, None)
            );
        }
        // "added" is still speech when something was said.
        let r = atts(
            "He added 30 people were still missing.",
            Some(&Speaker {
                name: "Hasan".into(),
                alias: "Hasan".into(),
            }),
        );
        assert_eq!(r.len(), 1, "{r:?}");
        let r = atts(
            "The toll could rise, he added.",
            Some(&Speaker {
                name: "Hasan".into(),
                alias: "Hasan".into(),
            }),
        );
        assert_eq!(r.len(), 1, "{r:?}");
    }

    #[test]
    fn people_named_by_their_role_are_speakers() {
        let r = atts("A witness said 16 people were injured in the fire.", None);
        assert_eq!(
            (r[0].0.as_str(), r[0].2.as_str()),
            ("witness", "16 people were injured in the fire")
        );
        let r = atts("The cafe owner said 14 people were injured.", None);
        assert_eq!(r[0].0, "cafe owner");
        let r = atts("One resident told Reuters the building shook.", None);
        assert_eq!(r[0].0, "resident");
        let r = atts("The house was gone, another witness said.", None);
        assert_eq!(r[0].0, "witness");
        let r = atts("Two people died, a doctor said.", None);
        assert_eq!(
            (r[0].0.as_str(), r[0].2.as_str()),
            ("doctor", "Two people died")
        );
    }

    #[test]
    fn when_and_where_after_a_trailing_speaker_are_not_what_was_said() {
        let r = atts(
            "At least 9 people were killed in the crash, police said on Monday evening in town.",
            None,
        );
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].0, "police");
        assert_eq!(r[0].2, "At least 9 people were killed in the crash");
        // "that" brings the content after the verb, however short.
        let r = atts(
            "In Beirut, officials said on Monday that 30 people died.",
            None,
        );
        assert_eq!(r[0].2, "30 people died");
        let r = atts("In Beirut, officials said that 30 died.", None);
        assert_eq!(r[0].2, "30 died");
    }

    #[test]
    fn media_that_relay_are_named_not_described() {
        assert_eq!(
            relayed_outlet("the National News Agency").as_deref(),
            Some("National News Agency")
        );
        assert_eq!(
            relayed_outlet("Lebanese National News Agency").as_deref(),
            Some("National News Agency")
        );
        assert_eq!(relayed_outlet("a local broadcaster"), None);
        assert_eq!(relayed_outlet("Reuters").as_deref(), Some("Reuters"));
    }

    #[test]
    fn titled_person_said() {
        let r = atts("Parliament speaker Sahiba Gafarova said a \"dirty political campaign\" against Azerbaijan has been organized in the French senate.", None);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "Sahiba Gafarova");
        assert_eq!(r[0].1, "Parliament speaker Sahiba Gafarova");
        assert!(r[0].2.starts_with("a \"dirty political campaign\""));
    }

    #[test]
    fn state_with_relative_clause_praised() {
        let r = atts("Armenia, which strongly backs the separatist junta in Nagorno-Karabakh, has praised the French resolution as \"historic\".", None);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "Armenia");
        assert_eq!(r[0].2, "praised the French resolution as \"historic\"");
    }

    #[test]
    fn prime_minister_title_is_stripped() {
        let r = atts("Armenian Prime Minister Nikol Pashinyan had praised the French resolution as \"historic.\"", None);
        assert_eq!(
            (r[0].0.as_str(), r[0].1.as_str()),
            ("Nikol Pashinyan", "Armenian Prime Minister Nikol Pashinyan")
        );
    }

    #[test]
    fn ministry_statement_and_pronoun_follow_up() {
        let r = atts("The Azeri foreign ministry said the French senate resolution, which has no legal force, has tainted France's reputation as a fair mediator and cast doubt on its neutrality.", None);
        assert_eq!(r[0].0, "Azeri foreign ministry");
        assert!(r[0].2.starts_with("the French senate resolution"));
        let prev = Speaker {
            name: "Azeri foreign ministry".into(),
            alias: "Azeri foreign ministry".into(),
        };
        let r = atts(
            "It described the resolution as a provocation and said it was biased.",
            Some(&prev),
        );
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].2, "described the resolution as a provocation");
        assert_eq!(r[1].2, "it was biased");
        assert!(r.iter().all(|x| x.0 == "Azeri foreign ministry"));
    }

    #[test]
    fn statement_fillers_and_trailing_and_according_to() {
        let r = atts("The Azerbaijani Defense Ministry said in a statement  that army units had entered the Kalbajar district.", None);
        assert_eq!(
            (r[0].0.as_str(), r[0].2.as_str()),
            (
                "Azerbaijani Defense Ministry",
                "army units had entered the Kalbajar district"
            )
        );
        let r = atts(
            "\u{201c}We will not leave,\u{201d} Nikol Pashinyan said.",
            None,
        );
        assert_eq!(
            (r[0].0.as_str(), r[0].2.as_str()),
            ("Nikol Pashinyan", "\u{201c}We will not leave,\u{201d}")
        );
        let r = atts("At least 12 people died, according to Reuters.", None);
        assert_eq!(r[0].0, "Reuters");
        assert!(atts(
            "The center, according to the agreement, is located on Azerbaijani territory.",
            None
        )
        .is_empty());
        assert!(atts(
            "A general view shows Hadrut town, November 25, 2020. (Photo by Reuters)",
            None
        )
        .is_empty());
    }
}
