//! The as-of day of a figure: the day it holds for. Tolls rise by the hour,
//! so "78 killed" on Tuesday and "at least 100 killed" on Wednesday are a
//! timeline, and the day each figure held is part of what it claims.
//!
//! The rules, first that applies:
//! 1. A day said of the speech that reports the figure: "..., the health
//!    minister said on Friday", "On Saturday the channel ... said": a day
//!    named outside the reported words.
//! 2. The day named nearest to the figure in its sentence: "the number of
//!    people killed on Tuesday had reached 78". "Tuesday's blast" names the
//!    blast, not a day the figure held, and "since May 3" starts a span.
//! 3. A figure said to be from before ("earlier", "before that",
//!    "previously", "had said", "had told") takes the earliest day stated for
//!    the same measure earlier in the document.
//! 4. The published date ("now", "so far", "today" name it too).
//!
//! Weekdays resolve to the latest such day on or before the published date;
//! "yesterday" to the day before it.

use chrono::{Datelike, Duration, NaiveDate};

use super::tokens::{month_index, weekday_index, Kind, Sent};

/// A day named in a sentence: the token it is named at and the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Day {
    /// Token index of the day's first word.
    pub at: usize,
    /// The date it names.
    pub date: NaiveDate,
}

/// Words before a date that make it the start or end of a span, not a day.
fn opens_span(w: &str) -> bool {
    matches!(
        w,
        "since" | "until" | "till" | "from" | "by" | "before" | "after"
    )
}

/// The days a sentence names, in order.
pub(crate) fn days_in(s: &Sent, published: Option<NaiveDate>) -> Vec<Day> {
    let Some(published) = published else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let w = s.w(i);
        let prev = i.checked_sub(1).map_or("", |p| s.w(p));
        let span = opens_span(prev);
        let mut next = i + 1;
        let cap = s.cap(i);
        let date = if let Some(wd) = cap.then(|| weekday_index(w)).flatten() {
            let back = (published.weekday().num_days_from_monday() + 7 - wd) % 7;
            published.checked_sub_signed(Duration::days(i64::from(back)))
        } else if w == "yesterday" {
            published.pred_opt()
        } else if matches!(w, "today" | "tonight") {
            Some(published)
        } else if let Some(m) = cap.then(|| month_index(w)).flatten() {
            // "August 4", "Aug. 4, 2020".
            let d = if s.w(i + 1) == "." { i + 2 } else { i + 1 };
            let day = (s.kind(d) == Some(Kind::Num))
                .then(|| s.w(d).parse::<u32>().ok())
                .flatten();
            day.and_then(|day| {
                next = d + 1;
                let y_at = if s.w(next) == "," { next + 1 } else { next };
                let year = match s.w(y_at).parse::<i32>() {
                    Ok(y) if s.w(y_at).len() == 4 => {
                        next = y_at + 1;
                        y
                    }
                    _ => published.year(),
                };
                NaiveDate::from_ymd_opt(year, m, day)
            })
        } else if s.kind(i) == Some(Kind::Num) && s.cap(i + 1) {
            // "4 August 2020".
            let m = month_index(s.w(i + 1));
            let day = s.w(i).parse::<u32>().ok();
            match (m, day) {
                (Some(m), Some(day)) => {
                    next = i + 2;
                    let year = match s.w(next).parse::<i32>() {
                        Ok(y) if s.w(next).len() == 4 => {
                            next += 1;
                            y
                        }
                        _ => published.year(),
                    };
                    NaiveDate::from_ymd_opt(year, m, day)
                }
                _ => None,
            }
        } else {
            None
        };
        if let Some(date) = date.filter(|d| *d <= published && !span) {
            out.push(Day { at: i, date });
        }
        i = next;
    }
    out
}

/// The year a figure at token `at` belongs to when the sentence places it
/// in a past year: "since 1999, when 17,000 people died", "killed in
/// 2015". The day is the year's first; `None` for any other sentence.
pub(crate) fn past_year(s: &Sent, at: usize, published: Option<NaiveDate>) -> Option<NaiveDate> {
    let this_year = published?.year();
    let year_at = |k: usize| -> Option<i32> {
        let w = s.w(k);
        let y: i32 = (s.kind(k) == Some(Kind::Num) && w.len() == 4)
            .then(|| w.parse().ok())
            .flatten()?;
        (1800..this_year).contains(&y).then_some(y)
    };
    // "..., when N people died": the year just before ", when".
    let when = (1..at).rev().take(12).find_map(|k| {
        (s.w(k) == "," && s.w(k + 1) == "when")
            .then(|| year_at(k - 1))
            .flatten()
    });
    // "N were killed in 2015": a year right after the figure's words.
    let after = (at..(at + 8).min(s.len()))
        .find_map(|k| (s.w(k) == "in").then(|| year_at(k + 1)).flatten());
    when.or(after)
        .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
}

/// The sentence says its figures are from before the latest report.
pub(crate) fn says_earlier(s: &Sent) -> bool {
    (0..s.len()).any(|k| {
        matches!(s.w(k), "earlier" | "previously")
            || s.seq(k, &["before", "that"])
            || (s.w(k) == "had"
                && matches!(
                    s.w(k + 1),
                    "said" | "told" | "reported" | "announced" | "put" | "given"
                ))
    })
}

/// The day nearest to token `at` among `days`, preferring those outside
/// `reported` (the words a speaker is reported to have said): the day of
/// the speech is the day its figures held.
pub(crate) fn nearest(
    days: &[Day],
    at: usize,
    reported: Option<std::ops::Range<usize>>,
) -> Option<NaiveDate> {
    let distance = |d: &Day| d.at.abs_diff(at);
    let outside = reported.and_then(|r| {
        days.iter()
            .filter(|d| !r.contains(&d.at))
            .min_by_key(|d| distance(d))
    });
    outside
        .or_else(|| days.iter().min_by_key(|d| distance(d)))
        .map(|d| d.date)
}

#[cfg(test)]
mod tests {
    use super::super::tokens::Buffers;
    use super::*;

    fn days(text: &str) -> Vec<String> {
        let mut b = Buffers::default();
        let s = b.sentence(text, 0..text.len());
        days_in(&s, NaiveDate::from_ymd_opt(2020, 8, 8))
            .iter()
            .map(|d| d.date.to_string())
            .collect()
    }

    #[test]
    fn weekdays_dates_and_spans() {
        assert_eq!(days("On Saturday the channel said"), ["2020-08-08"]);
        assert_eq!(
            days("killed on Tuesday, he said on Friday"),
            ["2020-08-04", "2020-08-07"]
        );
        assert_eq!(days("On August 4, a blast"), ["2020-08-04"]);
        assert_eq!(days("on 4 August 2020"), ["2020-08-04"]);
        assert_eq!(days("Tuesday's blast"), Vec::<String>::new());
        assert_eq!(days("stored since August 4"), Vec::<String>::new());
        assert_eq!(days("the toll may rise"), Vec::<String>::new());
        assert_eq!(days("yesterday"), ["2020-08-07"]);
    }

    #[test]
    fn past_years() {
        let mut b = Buffers::default();
        let pub23 = NaiveDate::from_ymd_opt(2023, 2, 7);
        let t = "It was the deadliest quake since 1999, when 17,000 people died.";
        let s = b.sentence(t, 0..t.len());
        assert_eq!(
            past_year(&s, 10, pub23),
            NaiveDate::from_ymd_opt(1999, 1, 1)
        );
        let t = "More than 500 people were killed in 2015 in a similar quake.";
        let s = b.sentence(t, 0..t.len());
        assert_eq!(past_year(&s, 2, pub23), NaiveDate::from_ymd_opt(2015, 1, 1));
        let t = "The toll rose to 5,400 on Tuesday.";
        let s = b.sentence(t, 0..t.len());
        assert_eq!(past_year(&s, 4, pub23), None);
    }

    #[test]
    fn earlier_reports() {
        let mut b = Buffers::default();
        let text = "In televised remarks before that, the minister had said more than 70 people were killed.";
        assert!(says_earlier(&b.sentence(text, 0..text.len())));
        let text = "The minister said 70 people were killed.";
        assert!(!says_earlier(&b.sentence(text, 0..text.len())));
    }
}
