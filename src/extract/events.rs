//! Dated events: "set up in 1992", "on Wednesday adopted a resolution".
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
}

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

/// Finds the dated events of one sentence.
pub(crate) fn find(s: &Sent, published: Option<NaiveDate>) -> Vec<Event> {
    let mut out = Vec::new();
    for i in 0..s.len() {
        let Some((date_end, date, keep, confidence)) = date_at(s, i, published) else {
            continue;
        };
        // Verb (and particle) right before the date: "set up in 1992".
        let mut v = i;
        if v > 1 && matches!(s.w(v - 1), "up" | "out" | "off" | "down") {
            v -= 1;
        }
        if v > 0 && is_past(s, v - 1) {
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
                });
                continue;
            }
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
                });
            }
        }
    }
    out
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
    text
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
    fn explicit_dates() {
        let r = ev("The truce was signed on November 9, 2020 in Moscow.");
        assert_eq!(r, vec![("truce signed".into(), d(2020, 11, 9))]);
        let r = ev("Nearly a dozen drones were shot down on Nov. 3.");
        assert_eq!(r, vec![("drones shot down".into(), d(2020, 11, 3))]);
        assert!(ev("held since 1992, when they broke away").is_empty());
    }
}
