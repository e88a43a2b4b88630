//! Dated events: "set up in 1992", "on Wednesday adopted a resolution",
//! and events named by a noun with their day ("Tuesday's blast", "the
//! explosion that shook Beirut on Tuesday"), and declared states with their
//! length ("a two-week state of emergency").
//! Year-only dates resolve to January 1 of that year and the text keeps the
//! year; weekdays resolve to the most recent such day on or before `published`.

use chrono::{Datelike, Duration, NaiveDate};

use super::tokens::{is_aux, is_stop, month_index, weekday_index, Kind, Sent};

/// One dated event, in token indices.
pub(crate) struct Event {
    pub start: usize,
    pub end: usize,
    /// The event's verb, so a speech verb can take the date instead.
    pub verb: usize,
    pub text: String,
    pub date: Option<NaiveDate>,
    pub confidence: f64,
    /// The event's identity when it is not its text: an event named by a
    /// noun is its class and day ("explosion|2020-08-04"), however worded.
    pub key: Option<String>,
}

/// Nouns that name an event, folded to one class. "fire" is left out: it
/// is as often gunfire or a blaze's cause as an event.
const EVENT_NOUNS: &[(&str, &str)] = &[
    ("explosion", "explosion"),
    ("explosions", "explosion"),
    ("blast", "explosion"),
    ("blasts", "explosion"),
    ("mega-blast", "explosion"),
    ("detonation", "explosion"),
    ("earthquake", "earthquake"),
    ("quake", "earthquake"),
    ("bombing", "bombing"),
    ("airstrike", "airstrike"),
    ("airstrikes", "airstrike"),
    ("shooting", "shooting"),
    ("crash", "crash"),
    ("derailment", "derailment"),
    ("flood", "flood"),
    ("floods", "flood"),
    ("flooding", "flood"),
    ("hurricane", "storm"),
    ("typhoon", "storm"),
    ("cyclone", "storm"),
    ("tornado", "tornado"),
    ("landslide", "landslide"),
    ("eruption", "eruption"),
    ("stampede", "stampede"),
    ("coup", "coup"),
    ("massacre", "massacre"),
    ("invasion", "invasion"),
];

/// The event class of a noun, from [`EVENT_NOUNS`]. Called for every
/// token, so most words are turned away by their length and first two
/// letters before any comparison.
fn event_noun(w: &str) -> Option<&'static str> {
    let b = w.as_bytes();
    if !(4..=11).contains(&b.len()) {
        return None;
    }
    let opens = matches!(
        (b[0], b[1]),
        (b'e', b'x' | b'a' | b'r')
            | (b'b', b'l' | b'o')
            | (b'm', b'e' | b'a')
            | (b'd', b'e')
            | (b'q', b'u')
            | (b'a', b'i')
            | (b's', b'h' | b't')
            | (b'c', b'r' | b'o' | b'y')
            | (b'f', b'l')
            | (b'h', b'u')
            | (b't', b'y' | b'o')
            | (b'l', b'a')
            | (b'i', b'n')
    );
    if !opens {
        return None;
    }
    EVENT_NOUNS.iter().find(|(n, _)| *n == w).map(|(_, c)| *c)
}

/// States an authority declares, named with their length.
const DECLARED: &[&[&str]] = &[
    &["state", "of", "emergency"],
    &["curfew"],
    &["lockdown"],
    &["martial", "law"],
    &["state", "of", "siege"],
];

/// A date phrase starting at token `i` ("in 1992", "on Wednesday",
/// "on November 25, 2020"): (end token, date, keep it in the text, confidence).
fn date_at(
    s: &Sent,
    i: usize,
    published: Option<NaiveDate>,
) -> Option<(usize, Option<NaiveDate>, bool, f64)> {
    let p = s.w(i);
    let next = s.w(i + 1);
    if p == "in" && s.kind(i + 1) == Some(Kind::Num) && next.len() == 4 {
        let y: i32 = next.parse().ok()?;
        if (1500..=2100).contains(&y) {
            return Some((i + 2, NaiveDate::from_ymd_opt(y, 1, 1), true, 0.8));
        }
    }
    if p != "on" {
        return None;
    }
    if let Some(wd) = weekday_index(next) {
        let date = published.and_then(|d| {
            let back = (d.weekday().num_days_from_monday() + 7 - wd) % 7;
            d.checked_sub_signed(Duration::days(i64::from(back)))
        });
        return Some((i + 2, date, false, 0.7));
    }
    // "on November 25[, 2020]" or "on 25 November[ 2020]".
    let (month, day, mut end) = if let Some(m) = month_index(next) {
        // "Nov. 3": the abbreviation's dot is its own token.
        let d = if s.w(i + 2) == "." { i + 3 } else { i + 2 };
        (m, s.w(d).parse::<u32>().ok()?, d + 1)
    } else {
        (month_index(s.w(i + 2))?, next.parse::<u32>().ok()?, i + 3)
    };
    let mut year = published.map(|d| d.year());
    let y_at = if s.w(end) == "," { end + 1 } else { end };
    if s.kind(y_at) == Some(Kind::Num) && s.w(y_at).len() == 4 {
        year = s.w(y_at).parse().ok();
        end = y_at + 1;
    }
    let date = year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day));
    Some((end, date, false, 0.75))
}

/// A past-tense verb (regular "-ed" or a common irregular one).
fn is_past(s: &Sent, k: usize) -> bool {
    let w = s.w(k);
    s.is_word(k)
        && !s.cap(k)
        && !is_stop(w)
        && ((w.len() > 4 && w.ends_with("ed"))
            || matches!(
                w,
                "set"
                    | "put"
                    | "got"
                    | "sank"
                    | "held"
                    | "began"
                    | "broke"
                    | "won"
                    | "led"
                    | "took"
                    | "sent"
                    | "made"
                    | "met"
                    | "fell"
                    | "came"
                    | "went"
                    | "struck"
                    | "hit"
                    | "built"
                    | "became"
                    | "left"
                    | "drew"
                    | "shot"
                    | "lost"
                    | "ran"
                    | "swore"
                    | "sworn"
            ))
}

/// Subject noun phrase ending before `e`: its first token, or `e` when none.
/// A trailing proper name wins over the words before it ("so-called Minsk Group").
fn subject(s: &Sent, mut e: usize) -> (usize, usize) {
    while e > 0 && (is_aux(s.w(e - 1)) || s.w(e - 1) == ",") {
        e -= 1;
    }
    let mut a = e;
    while a > 0
        && e - a < 5
        && s.is_word(a - 1)
        && !is_stop(s.w(a - 1))
        && !is_past(s, a - 1)
        && !matches!(
            s.w(a - 1),
            "dozen" | "hundred" | "thousand" | "million" | "billion"
        )
    {
        a -= 1;
    }
    let mut run = e;
    while run > a && s.cap(run - 1) {
        run -= 1;
    }
    if run < e && run > a && e - run >= 2 {
        a = run;
    }
    (a, e)
}

/// Object words after the verb at `v`: up to six, stopping at a clause edge,
/// with trailing function words dropped.
fn object_end(s: &Sent, v: usize) -> usize {
    let mut k = v + 1;
    while k < s.len() && k < v + 7 {
        let w = s.w(k);
        if !matches!(s.kind(k), Some(Kind::Word | Kind::Num))
            || matches!(
                w,
                "that"
                    | "which"
                    | "who"
                    | "after"
                    | "before"
                    | "when"
                    | "while"
                    | "because"
                    | "as"
                    | "but"
                    | "and"
            )
            || (k > v + 1 && w.ends_with("ing") && !w.contains('-') && !is_stop(s.w(k - 1)))
        {
            break;
        }
        k += 1;
    }
    while k > v + 1 && is_stop(s.w(k - 1)) {
        k -= 1;
    }
    k
}

/// The day a day word at `k` names, possessive weekdays included
/// ("Tuesday's blast"); spans ("since May 3") are not days.
fn day_at(s: &Sent, k: usize, published: NaiveDate) -> Option<NaiveDate> {
    // Day and month names are capitalized: most words are not.
    if !s.cap(k) {
        return None;
    }
    let w = s.w(k);
    let prev = k.checked_sub(1).map_or("", |p| s.w(p));
    // "since May 3" is a span; "from Monday's earthquake" is the day of
    // the earthquake.
    let possessive = w.ends_with("'s") || s.w(k + 1) == "'s";
    if !possessive && matches!(prev, "since" | "until" | "till" | "from" | "by" | "before") {
        return None;
    }
    let wd = weekday_index(w.strip_suffix("'s").unwrap_or(w));
    if let Some(wd) = wd {
        let back = (published.weekday().num_days_from_monday() + 7 - wd) % 7;
        return published.checked_sub_signed(Duration::days(i64::from(back)));
    }
    let m = month_index(w)?;
    let d = if s.w(k + 1) == "." { k + 2 } else { k + 1 };
    let day: u32 = (s.kind(d) == Some(Kind::Num))
        .then(|| s.w(d).parse().ok())
        .flatten()?;
    let y_at = if s.w(d + 1) == "," { d + 2 } else { d + 1 };
    let year = match s.w(y_at).parse::<i32>() {
        Ok(y) if s.w(y_at).len() == 4 => y,
        _ => published.year(),
    };
    NaiveDate::from_ymd_opt(year, m, day).filter(|date| *date <= published)
}

/// A toll's rise: "climbed to 57 on Wednesday" dates the toll, not its event.
fn is_rise(w: &str) -> bool {
    matches!(
        w,
        "rose"
            | "risen"
            | "rises"
            | "climbed"
            | "climbs"
            | "reached"
            | "reaches"
            | "increased"
            | "jumped"
            | "toll"
    )
}

/// Events named by a noun with the day they happened: the nearest day
/// within a few words of the noun ("Tuesday's devastating explosions",
/// "the explosion that shook Beirut on Tuesday", "killed on Tuesday by a
/// huge explosion", "the massive explosion, August 4, 2020"), a day that
/// opens the sentence ("On August 4, a powerful blast tore through"), or
/// "a day after" the published date. A noun that modifies another ("blast
/// site") names no event.
fn named_events(
    s: &Sent,
    nouns: &[(usize, &'static str)],
    published: NaiveDate,
    out: &mut Vec<Event>,
) {
    // "On Tuesday (Aug 4), ...", "Late on Tuesday, ...".
    let opening = (0..3.min(s.len()))
        .take_while(|&k| (0..k).all(|m| matches!(s.w(m), "on" | "late" | "early")))
        .find_map(|k| day_at(s, k, published).map(|d| (k, d)));
    let mut seen = Vec::new();
    for &(e, class) in nouns {
        // "blast site", "explosion zone": the noun modifies another.
        let next = s.w(e + 1);
        let verb_next = next.ends_with("ed")
            || matches!(
                next,
                "tore" | "hit" | "struck" | "shook" | "ripped" | "killed"
            );
        if s.is_word(e + 1) && !is_stop(next) && event_noun(next).is_none() && !verb_next {
            continue;
        }
        let lo = e.saturating_sub(6);
        let hi = (e + 9).min(s.len());
        // Within the clause: no ";" or bracket between the day and the
        // noun; and not the day of a speech ("told AFP on Wednesday that a
        // blast"): that day is when it was said.
        let apart = |k: usize| {
            (k.min(e)..k.max(e)).any(|m| {
                matches!(s.w(m), ";" | "(" | ")")
                    // "On Saturday the ministry said the explosion": the day
                    // is the saying's.
                    || (k < e && super::speech::is_say(s.w(m)))
                    // "the toll from the earthquake climbed to 57 on
                    // Wednesday": the day is the figure's.
                    || (k > e && is_rise(s.w(m)))
            }) || (k.saturating_sub(3)..k).any(|m| super::speech::is_say(s.w(m)))
                || super::speech::is_say(s.w(k + 1))
        };
        let near = (lo..hi)
            .filter(|&k| k != e)
            .filter_map(|k| day_at(s, k, published).map(|d| (k, d)))
            .filter(|&(k, _)| !apart(k))
            .map(|(k, d)| (k.abs_diff(e), d))
            .min();
        let day_after = (3..=e)
            .rev()
            .take(5)
            .find(|&k| s.seq(k - 3, &["a", "day", "after"]))
            .and_then(|_| published.pred_opt());
        // An opening day with a speech verb before the noun is the day it
        // was said: "On Saturday the channel said the explosion has now
        // claimed 158 lives".
        let date = near.map(|(_, d)| d).or(day_after).or_else(|| {
            opening
                .filter(|(k, _)| *k < e && e < k + 25)
                .filter(|(k, _)| !(k + 1..e).any(|m| super::speech::is_say(s.w(m))))
                .map(|(_, d)| d)
        });
        let Some(date) = date else { continue };
        if seen.contains(&(class, date)) {
            continue;
        }
        seen.push((class, date));
        out.push(Event {
            start: e,
            end: e + 1,
            verb: usize::MAX,
            text: format!("{class} on {date}"),
            date: Some(date),
            confidence: 0.6,
            key: Some(format!("{class}|{date}")),
        });
    }
}

/// A clock time at token `k`: "6pm", "6:00 pm", "6 p.m.", "18:00" as
/// (hours, minutes, one past its last token). A time in brackets after
/// another ("6pm (1500 GMT)") is its conversion and is not read.
fn clock_at(s: &Sent, k: usize) -> Option<(u32, u32, usize)> {
    if s.kind(k) != Some(Kind::Num) || s.w(k.wrapping_sub(1)) == "(" {
        return None;
    }
    let mut hours: u32 = s.w(k).parse().ok()?;
    let mut minutes = 0;
    let mut end = k + 1;
    if s.w(end) == ":" && s.kind(end + 1) == Some(Kind::Num) {
        minutes = s.w(end + 1).parse().ok()?;
        end += 2;
    }
    let half = s.w(end);
    let afternoon = matches!(half, "pm" | "p.m.");
    if afternoon || matches!(half, "am" | "a.m.") {
        end += 1;
        if hours == 12 {
            hours = 0;
        }
        if afternoon {
            hours += 12;
        }
    } else if end == k + 1 {
        // A bare number is not a time.
        return None;
    }
    (hours < 24 && minutes < 60).then_some((hours, minutes, end))
}

/// The time an event named by a noun happened, in its clause: "around 6pm
/// local time (...), a first large explosion struck", "Around 6:00 pm
/// (1500 GMT), a first large explosion". Its identity is the class and the
/// local time as stated.
fn timed_events(s: &Sent, first: Option<(usize, &'static str)>, out: &mut Vec<Event>) {
    let Some((e, class)) = first else {
        return;
    };
    let clock = (e.saturating_sub(25)..(e + 10).min(s.len()))
        .filter(|&k| !(k.min(e)..k.max(e)).any(|m| s.w(m) == ";"))
        .find_map(|k| clock_at(s, k).map(|c| (k, c)));
    let Some((k, (hours, minutes, end))) = clock else {
        return;
    };
    let local = s.seq(end, &["local", "time"]);
    let written = format!(
        "{}{}",
        s.raw(k, end),
        if local { " local time" } else { "" }
    );
    out.push(Event {
        start: k.min(e),
        end: end.max(e + 1),
        verb: usize::MAX,
        text: format!("{class} at {written} ({hours:02}:{minutes:02})"),
        date: None,
        confidence: 0.6,
        key: Some(format!("{class}|{hours:02}:{minutes:02}")),
    });
}

/// A declared state with its length: "a two-week state of emergency",
/// "a curfew for 30 days". Its identity is the state and the length.
fn declared_states(s: &Sent, out: &mut Vec<Event>) {
    for k in 0..s.len() {
        if !matches!(s.w(k), "state" | "curfew" | "lockdown" | "martial") {
            continue;
        }
        let Some(words) = DECLARED.iter().find(|w| s.seq(k, w)) else {
            continue;
        };
        let end = k + words.len();
        // "two-week", "14-day", "30 days" before; "for two weeks" after.
        let before = k.checked_sub(1).map(|p| s.w(p)).unwrap_or("");
        let length = if let Some((n, unit)) = before.split_once('-') {
            matches!(unit, "day" | "week" | "month").then(|| format!("{n} {unit}s"))
        } else if s.w(end) == "for" && matches!(s.w(end + 2), "days" | "weeks" | "months") {
            Some(format!("{} {}", s.w(end + 1), s.w(end + 2)))
        } else {
            None
        };
        let Some(length) = length else { continue };
        let what = words.join(" ");
        out.push(Event {
            start: k.saturating_sub(1),
            end,
            verb: usize::MAX,
            text: format!("{length} {what}"),
            date: None,
            confidence: 0.6,
            key: Some(format!("{what}|{length}")),
        });
    }
}

/// Finds the dated events of one sentence.
pub(crate) fn find(s: &Sent, published: Option<NaiveDate>) -> Vec<Event> {
    let mut out = Vec::new();
    let nouns: Vec<(usize, &'static str)> = (0..s.len())
        .filter_map(|e| event_noun(s.w(e)).map(|c| (e, c)))
        .collect();
    if let Some(published) = published {
        named_events(s, &nouns, published, &mut out);
    }
    declared_states(s, &mut out);
    timed_events(s, nouns.first().copied(), &mut out);
    for i in 0..s.len() {
        let Some((date_end, date, keep, confidence)) = date_at(s, i, published) else {
            continue;
        };
        // Verb (and particle) right before the date: "set up in 1992".
        let mut v = i;
        if v > 1 && matches!(s.w(v - 1), "up" | "out" | "off" | "down") {
            v -= 1;
        }
        // A toll's verb ("killed on Tuesday") is its figure's, not an event.
        if v > 0 && is_past(s, v - 1) && super::measure::action(s.w(v - 1)).is_none() {
            let verb = v - 1;
            let (a, e) = subject(s, verb);
            if a < e {
                let text = original_case(s, a, e, verb, i, keep.then_some(date_end));
                out.push(Event {
                    start: a,
                    end: date_end,
                    verb,
                    text,
                    date,
                    confidence,
                    key: None,
                });
                continue;
            }
        }
        // A verb and a place before the date: "put into port in 2013",
        // "arrived in Beirut in 2013"; the subject may be a clause away.
        if let Some(verb) = (2..=4)
            .filter_map(|back| v.checked_sub(back))
            .find(|&verb| verb_and_place(s, verb, v))
        {
            let (a, e) = subject(s, verb);
            let start = if a < e { a } else { verb };
            let text = original_case(
                s,
                start,
                if a < e { e } else { verb },
                verb,
                i,
                keep.then_some(date_end),
            );
            out.push(Event {
                start,
                end: date_end,
                verb,
                text,
                date,
                confidence: confidence - 0.1,
                key: None,
            });
            continue;
        }
        // Date then verb: "The French upper house on Wednesday adopted ...".
        if is_past(s, date_end) {
            let verb = date_end;
            let (a, e) = subject(s, i);
            if a < e {
                let oe = object_end(s, verb);
                let text = format!("{} {}", s.raw_words(a, e), s.raw_words(verb, oe));
                out.push(Event {
                    start: a,
                    end: oe,
                    verb,
                    text,
                    date,
                    confidence,
                    key: None,
                });
            }
        }
    }
    out
}

/// Tokens `verb..date` are a past verb, a preposition and a place: "put
/// into port", "arrived in Beirut", "docked at the port".
fn verb_and_place(s: &Sent, verb: usize, date: usize) -> bool {
    is_past(s, verb)
        && super::measure::action(s.w(verb)).is_none()
        && matches!(s.w(verb + 1), "into" | "in" | "at" | "to")
        && (verb + 2..date).all(|k| s.is_word(k) && (!is_stop(s.w(k)) || s.w(k) == "the"))
        && !is_stop(s.w(date - 1))
}

/// Event text as written: subject, verb phrase and, for years, the date words.
fn original_case(
    s: &Sent,
    a: usize,
    e: usize,
    verb: usize,
    i: usize,
    date_end: Option<usize>,
) -> String {
    let mut text = format!("{} {}", s.raw_words(a, e), s.raw_words(verb, i));
    if let Some(d) = date_end {
        text.push(' ');
        text.push_str(&s.raw_words(i, d));
    }
    text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::super::tokens::Buffers;
    use super::*;

    fn ev(text: &str) -> Vec<(String, Option<NaiveDate>)> {
        let mut b = Buffers::default();
        let s = b.sentence(text, 0..text.len());
        find(&s, NaiveDate::from_ymd_opt(2020, 11, 26))
            .into_iter()
            .map(|e| (e.text, e.date))
            .collect()
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn minsk_group_set_up_in_1992() {
        let r = ev("In a resolution adopted on Thursday, Azerbaijani lawmakers urged their government to revoke France's role as a co-chair of the so-called Minsk Group, set up in 1992 to mediate the conflict.");
        assert_eq!(
            r,
            vec![
                ("resolution adopted".into(), d(2020, 11, 26)),
                ("Minsk Group set up in 1992".into(), d(1992, 1, 1))
            ]
        );
    }

    #[test]
    fn a_tolls_day_is_not_its_events() {
        // Published on Thursday 2020-11-26.
        assert_eq!(
            ev("The death toll from Monday's earthquake in southern Peru climbed to 57 on Wednesday."),
            vec![("earthquake on 2020-11-23".into(), d(2020, 11, 23))]
        );
        assert!(ev("The death toll from the earthquake rose to six on Tuesday.").is_empty());
        // A toll said with its event's day is the event's.
        assert_eq!(
            ev("The explosion killed 12 people on Tuesday."),
            vec![("explosion on 2020-11-24".into(), d(2020, 11, 24))]
        );
        // A span still is not a day.
        assert!(ev("Aid has flowed since Monday after the earthquake.").is_empty());
    }

    #[test]
    fn an_opening_day_before_a_speech_verb_is_when_it_was_said() {
        assert!(ev("On Saturday the Al Arabiya television channel, citing the ministry, said the port explosion has now claimed 158 lives.").is_empty());
        assert!(ev("On Saturday the ministry said the explosion killed 158 people.").is_empty());
        // Without a speech verb between them, the opening day dates the noun.
        assert_eq!(
            ev("On Tuesday, a powerful explosion tore through the port, officials said."),
            vec![("explosion on 2020-11-24".into(), d(2020, 11, 24))]
        );
    }

    #[test]
    fn weekday_before_verb() {
        let r = ev("The French upper house on Wednesday adopted a non-binding resolution calling on France to recognize the enclave.");
        assert_eq!(
            r,
            vec![(
                "French upper house adopted a non-binding resolution".into(),
                d(2020, 11, 25)
            )]
        );
    }

    #[test]
    fn events_named_by_a_noun_take_their_day() {
        let day = |text: &str, published: (i32, u32, u32)| -> Vec<String> {
            let mut b = Buffers::default();
            let s = b.sentence(text, 0..text.len());
            find(
                &s,
                NaiveDate::from_ymd_opt(published.0, published.1, published.2),
            )
            .into_iter()
            .filter_map(|e| e.key)
            .collect()
        };
        let aug4 = ["explosion|2020-08-04".to_string()];
        assert_eq!(
            day(
                "Tuesday's devastating explosions shocked the city",
                (2020, 8, 6)
            ),
            aug4
        );
        assert_eq!(
            day(
                "the massive explosion that shook Beirut on Tuesday has",
                (2020, 8, 5)
            ),
            aug4
        );
        assert_eq!(
            day(
                "killed on Tuesday by a huge explosion in the capital",
                (2020, 8, 5)
            ),
            aug4
        );
        assert_eq!(
            day(
                "On August 4, a powerful blast tore through the port",
                (2020, 8, 8)
            ),
            aug4
        );
        assert_eq!(
            day("a day after a massive blast at the port", (2020, 8, 5)),
            aug4
        );
        // The day a speech was made is not the event's.
        assert!(day(
            "The governor told AFP on Wednesday that a huge blast in the city",
            (2020, 8, 5)
        )
        .is_empty());
        assert!(day(
            "Investigators visited the blast site on Tuesday",
            (2020, 8, 5)
        )
        .is_empty());
        assert_eq!(
            day(
                "Beirut has been placed under a two-week state of emergency.",
                (2020, 8, 5)
            ),
            ["state of emergency|two weeks".to_string()]
        );
        assert_eq!(
            day("On Tuesday (Aug 4), around 6pm local time (11pm, Singapore time), a first large explosion struck", (2020, 8, 5)),
            ["explosion|2020-08-04".to_string(), "explosion|18:00".to_string()]
        );
        assert_eq!(
            day(
                "Around 6:00 pm (1500 GMT), a first large explosion struck the port.",
                (2020, 8, 5)
            ),
            ["explosion|18:00".to_string()]
        );
        let r = ev("Records show a cargo ship got into difficulties and put into port in 2013.");
        assert_eq!(r, vec![("put into port in 2013".into(), d(2013, 1, 1))]);
    }

    #[test]
    fn explicit_dates() {
        let r = ev("The truce was signed on November 9, 2020 in Moscow.");
        assert_eq!(r, vec![("truce signed".into(), d(2020, 11, 9))]);
        let r = ev("Nearly a dozen drones were shot down on Nov. 3.");
        assert_eq!(r, vec![("drones shot down".into(), d(2020, 11, 3))]);
        assert!(ev("held since 1992, when they broke away").is_empty());
    }
}
