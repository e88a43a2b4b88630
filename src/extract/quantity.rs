//! Quantity claims: a number or number word, its hedge, the counted noun
//! phrase and the verb that governs it ("killed some 30,000 people").

use super::tokens::{collapse, is_aux, is_demonym, is_stop, month_index, Kind, Sent, DEMONYMS};
use super::Quantity;

/// How a hedge widens the written number into an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hedge {
    /// Round-about: +-10% of a round number (one significant digit: 2,000,
    /// 30,000), +-5% of a number written more precisely (1,960): the writer's
    /// own precision narrows the margin.
    Approx,
    /// Just below: [n - margin, n], margin as for `Approx`.
    Nearly,
    /// Strictly above: [n + 1, 10n] for counts ([n, 10n] for non-integers);
    /// 10n is a documented finite cap because SQLite REAL cannot keep infinity.
    MoreThan,
    /// At or above: [n, 10n], same cap.
    AtLeast,
    /// Strictly below: [0, n - 1] for counts ([0, n] for non-integers).
    FewerThan,
    /// At most: [0, n].
    UpTo,
}

/// The one hedge table: every hedge word and the interval rule it maps to.
/// No hedge means exact: [n, n]. "between A and B" and "A to B" give [A, B]
/// (recorded with hedge "between" or "to").
const HEDGES: &[(&str, Hedge)] = &[
    ("no more than", Hedge::UpTo),
    ("no fewer than", Hedge::AtLeast),
    ("as many as", Hedge::UpTo),
    ("an estimated", Hedge::Approx),
    ("more than", Hedge::MoreThan),
    ("at least", Hedge::AtLeast),
    ("fewer than", Hedge::FewerThan),
    ("less than", Hedge::FewerThan),
    ("up to", Hedge::UpTo),
    ("at most", Hedge::UpTo),
    ("close to", Hedge::Nearly),
    ("just over", Hedge::MoreThan),
    ("just under", Hedge::FewerThan),
    ("upwards of", Hedge::AtLeast),
    ("in excess of", Hedge::MoreThan),
    ("some", Hedge::Approx),
    ("about", Hedge::Approx),
    ("around", Hedge::Approx),
    ("roughly", Hedge::Approx),
    ("approximately", Hedge::Approx),
    ("estimated", Hedge::Approx),
    ("nearly", Hedge::Nearly),
    ("almost", Hedge::Nearly),
    ("over", Hedge::MoreThan),
    ("under", Hedge::FewerThan),
];

/// Cap for open-ended hedges ("more than n" gives at most n times this).
const OPEN_CAP: f64 = 10.0;

/// The interval a hedge word allows around `value`; `None` hedge means exact.
/// Returns `None` for a word that is not in the hedge table.
pub fn hedge_interval(hedge: Option<&str>, value: f64) -> Option<(f64, f64)> {
    let class = match hedge {
        None => None,
        Some(h) => {
            let h = collapse(&h.to_lowercase());
            Some(HEDGES.iter().find(|(w, _)| *w == h)?.1)
        }
    };
    Some(apply(class, value, value))
}

/// Significant digits of a number as written: 2000 has 1, 1960 has 3.
fn significant_digits(v: f64) -> usize {
    let text = format!("{}", v.abs());
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    let digits = if text.contains('.') {
        digits
    } else {
        digits.trim_end_matches('0')
    };
    digits.len().max(1)
}

/// The approximate-hedge margin for `v`: see [`Hedge::Approx`].
fn margin(v: f64) -> f64 {
    if significant_digits(v) <= 1 {
        v.abs() / 10.0
    } else {
        v.abs() / 20.0
    }
}

/// Rounds to cents so float noise never reaches keys.
fn tidy(v: f64) -> f64 {
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// Applies a hedge class to the written interval [a, b] (a == b for one number).
fn apply(class: Option<Hedge>, a: f64, b: f64) -> (f64, f64) {
    let integral = b.fract() == 0.0;
    let (lo, hi) = match class {
        None => (a, b),
        Some(Hedge::Approx) => (a - margin(a), b + margin(b)),
        Some(Hedge::Nearly) => (a - margin(a), b),
        // The cap never falls below the low end: "more than 0" is [1, 1].
        Some(Hedge::MoreThan) => {
            let lo = if integral { b + 1.0 } else { b };
            (lo, (b * OPEN_CAP).max(lo))
        }
        Some(Hedge::AtLeast) => (a, (b * OPEN_CAP).max(a)),
        Some(Hedge::FewerThan) => (0.0, if integral && b >= 1.0 { b - 1.0 } else { b }),
        Some(Hedge::UpTo) => (0.0, b),
    };
    // Below zero the one-sided hedges would turn the interval around.
    let (lo, hi) = (lo.min(hi), lo.max(hi));
    if a.fract() == 0.0 && integral {
        // Counts of whole things keep whole bounds: "nearly a dozen" is [11, 12].
        return (lo.round(), hi.round());
    }
    (tidy(lo), tidy(hi))
}

/// Formats an interval bound for keys and listings: integers without ".0".
pub(crate) fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// A quantity found in a sentence, with the token span it came from.
pub(crate) struct Found {
    /// First token of the phrase.
    pub start: usize,
    /// One past the last token of the phrase.
    pub end: usize,
    pub quantity: Quantity,
    pub text: String,
    pub confidence: f64,
}

/// A number as written: where it sits and the interval it names before hedging.
struct Num {
    start: usize,
    end: usize,
    low: f64,
    high: f64,
    /// Spelled out ("seven") rather than digits.
    word: bool,
    /// A vague plural ("thousands"): needs "of" and a noun after.
    vague: bool,
}

/// Cardinal number words; "one" is left out, it is mostly a pronoun.
fn small_number(w: &str) -> Option<f64> {
    let units = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    let tens = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let idx = |list: &[&str], x: &str| list.iter().position(|u| *u == x && !u.is_empty());
    if w == "one" || w == "zero" {
        return None;
    }
    if let Some(u) = idx(&units, w) {
        return Some(u as f64);
    }
    if let Some(t) = idx(&tens, w) {
        return Some((t * 10) as f64);
    }
    let (t, u) = w.split_once('-')?;
    let t = idx(&tens, t)?;
    let u = idx(&units, u).filter(|u| (1..10).contains(u))?;
    Some((t * 10 + u) as f64)
}

/// Multipliers that may follow a number: "1.5 million", "two dozen".
fn scale(w: &str) -> Option<f64> {
    match w {
        "dozen" => Some(12.0),
        "hundred" => Some(100.0),
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// The number starting at token `i`, if one does.
fn number_at(s: &Sent, i: usize) -> Option<Num> {
    let w = s.w(i);
    if s.kind(i) == Some(Kind::Num) {
        let v: f64 = w.parse().ok()?;
        let (v, end) = match scale(s.w(i + 1)) {
            Some(m) => (v * m, i + 2),
            None => (v, i + 1),
        };
        return Some(Num {
            start: i,
            end,
            low: v,
            high: v,
            word: false,
            vague: false,
        });
    }
    if !s.is_word(i) {
        return None;
    }
    if let Some(v) = small_number(w) {
        let (v, end) = match scale(s.w(i + 1)) {
            Some(m) => (v * m, i + 2),
            None => (v, i + 1),
        };
        return Some(Num {
            start: i,
            end,
            low: v,
            high: v,
            word: true,
            vague: false,
        });
    }
    if let Some(m) = scale(w) {
        let prev = i.checked_sub(1).map_or("", |p| s.w(p));
        let prev2 = i.checked_sub(2).map_or("", |p| s.w(p));
        if prev == "few" && prev2 == "a" {
            return Some(Num {
                start: i - 2,
                end: i + 1,
                low: 2.0 * m,
                high: 5.0 * m,
                word: true,
                vague: false,
            });
        }
        if prev == "several" {
            return Some(Num {
                start: i - 1,
                end: i + 1,
                low: 3.0 * m,
                high: 9.0 * m,
                word: true,
                vague: false,
            });
        }
        if prev == "a" {
            return Some(Num {
                start: i - 1,
                end: i + 1,
                low: m,
                high: m,
                word: true,
                vague: false,
            });
        }
        return None;
    }
    // Vague plurals count only as "thousands of people".
    let (low, high, end) = match w {
        "dozens" => (24.0, 99.0, i + 1),
        "hundreds" | "thousands" | "millions"
            if s.w(i + 1) == "of"
                && scale(s.w(i + 2).trim_end_matches('s')).is_some()
                && s.w(i + 2).ends_with('s') =>
        {
            // "hundreds of thousands": 200,000..999,999.
            let a = scale(w.trim_end_matches('s')).unwrap_or(1.0);
            let b = scale(s.w(i + 2).trim_end_matches('s')).unwrap_or(1.0);
            (2.0 * a * b, 10.0 * a * b - 1.0, i + 3)
        }
        "hundreds" => (200.0, 999.0, i + 1),
        "thousands" => (2000.0, 9999.0, i + 1),
        "millions" => (2e6, 1e7 - 1.0, i + 1),
        "tens" if s.w(i + 1) == "of" && matches!(s.w(i + 2), "thousands" | "millions") => {
            let b = scale(s.w(i + 2).trim_end_matches('s')).unwrap_or(1.0);
            (20.0 * b, 100.0 * b - 1.0, i + 3)
        }
        _ => return None,
    };
    Some(Num {
        start: i,
        end,
        low,
        high,
        word: true,
        vague: true,
    })
}

/// Units of time: "28 years ago" is a date, "for 30 days" a duration, not a count.
fn is_time_unit(w: &str) -> bool {
    matches!(
        w,
        "year"
            | "years"
            | "month"
            | "months"
            | "week"
            | "weeks"
            | "day"
            | "days"
            | "hour"
            | "hours"
            | "minute"
            | "minutes"
            | "second"
            | "seconds"
            | "decade"
            | "decades"
            | "century"
            | "centuries"
            | "times"
            | "percent"
            | "per"
            | "o'clock"
            | "am"
            | "pm"
            | "a.m."
            | "p.m."
    )
}

/// Plural nouns that do not end in "s".
fn plural_without_s(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "children"
            | "men"
            | "women"
            | "police"
            | "personnel"
            | "staff"
            | "militia"
            | "cattle"
            | "livestock"
            | "aircraft"
            | "clergy"
            | "youth"
            | "infantry"
    )
}

/// Words before a number that make it a label, not a count ("Article 5").
fn is_label(w: &str) -> bool {
    matches!(
        w,
        "article"
            | "resolution"
            | "no."
            | "number"
            | "page"
            | "chapter"
            | "section"
            | "room"
            | "flight"
            | "route"
            | "highway"
            | "paragraph"
            | "point"
            | "phase"
            | "level"
            | "covid"
            | "category"
            | "grade"
            | "class"
            | "vol"
            | "version"
            | "act"
            | "episode"
            | "season"
            | "channel"
            | "gate"
            | "unit"
            | "district"
            | "block"
            | "apartment"
            | "hall"
            | "terminal"
            | "platform"
            | "kilometer"
            | "km"
    )
}

/// Casualty verbs and adjectives, normalized: died/dead/killed -> killed.
fn casualty(w: &str) -> Option<&'static str> {
    match w {
        "killed" | "died" | "dead" | "perished" | "killing" | "slain" | "kills" => Some("killed"),
        "injured" | "wounded" | "hurt" | "injuring" | "wounding" => Some("injured"),
        "missing" => Some("missing"),
        "displaced" | "displacing" => Some("displaced"),
        "arrested" | "detained" | "arresting" | "detaining" => Some("detained"),
        "evacuated" | "evacuating" => Some("evacuated"),
        _ => None,
    }
}

/// The counted noun phrase at `j`: (end token, head token).
fn noun_phrase(s: &Sent, j: usize) -> Option<(usize, usize)> {
    let mut head = None;
    let mut k = j;
    while k < s.len() && k < j + 4 {
        if !s.is_word(k) {
            break;
        }
        let w = s.w(k);
        if is_stop(w) || casualty(w).is_some() || w == "ago" {
            break;
        }
        if k > j && (w.ends_with("ed") || w.ends_with("ing") || w.ends_with("ly")) {
            break;
        }
        head = Some(k);
        k += 1;
    }
    let head = head?;
    let hw = s.w(head);
    if hw.ends_with("ed") || hw.ends_with("ing") || hw.ends_with("ly") || hw.chars().count() < 2 {
        return None;
    }
    let mut end = head + 1;
    // "districts of Azerbaijan": a proper-noun complement names what is counted.
    if s.w(end) == "of" && s.is_word(end + 1) && s.cap(end + 1) {
        let mut m = end + 1;
        while m < s.len() && m < end + 4 && s.is_word(m) && s.cap(m) {
            m += 1;
        }
        end = m;
    }
    Some((end, head))
}

/// The demonym of a country named by tokens ending at `q` (inclusive), and its first token.
fn country_before(s: &Sent, q: usize) -> Option<(usize, &'static str)> {
    if !s.cap(q) {
        return None;
    }
    let one = s.w(q).trim_end_matches("'s");
    if q >= 1 {
        let two = format!("{} {}", s.w(q - 1), one);
        if let Some((_, d)) = DEMONYMS.iter().find(|(c, _)| *c == two) {
            return Some((q - 1, d));
        }
    }
    DEMONYMS
        .iter()
        .find(|(c, _)| *c == one)
        .map(|(_, d)| (q, *d))
}

/// Finds the quantity claims of one sentence.
pub(crate) fn find(s: &Sent) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        match claim_at(s, i) {
            Some((found, next)) => {
                i = next.max(i + 1);
                out.push(found);
            }
            None => i += 1,
        }
    }
    out
}

/// Hedge words ending just before token `start`: (first token, hedge class, words).
fn hedge_before(s: &Sent, start: usize) -> Option<(usize, Hedge, &'static str)> {
    for (words, class) in HEDGES {
        let n = words.split(' ').count();
        if start < n {
            continue;
        }
        let from = start - n;
        if words
            .split(' ')
            .enumerate()
            .all(|(k, w)| s.w(from + k) == w)
        {
            return Some((from, *class, words));
        }
    }
    None
}

/// Tries to read one quantity claim with its number at token `i`; returns it
/// and the token to continue from.
fn claim_at(s: &Sent, i: usize) -> Option<(Found, usize)> {
    let mut num = number_at(s, i)?;
    let prev = num.start.checked_sub(1).map_or("", |p| s.w(p));
    let raw = s.raw(i, i + 1);
    let hedge = hedge_before(s, num.start);
    // Years and dates are not counts.
    let bare_year = raw.len() == 4
        && raw.bytes().all(|b| b.is_ascii_digit())
        && (1500.0..=2100.0).contains(&num.low)
        && num.end == i + 1;
    if bare_year && hedge.is_none() {
        return None;
    }
    if num.low <= 31.0 && (month_index(prev).is_some() || month_index(s.w(num.end)).is_some()) {
        return None;
    }
    // Money is skipped: small sums are prices and appeals, not checkable counts.
    if matches!(prev, "$" | "\u{20ac}" | "\u{a3}")
        || matches!(
            s.w(num.end),
            "dollars" | "euros" | "pounds" | "rubles" | "manat"
        )
    {
        return None;
    }
    if is_label(prev) {
        return None;
    }
    if num.word
        && matches!(
            prev,
            "the"
                | "these"
                | "those"
                | "its"
                | "their"
                | "his"
                | "her"
                | "our"
                | "both"
                | "all"
                | "first"
                | "last"
                | "next"
                | "past"
        )
    {
        return None;
    }
    // Ranges: "between 100 and 200", "from 100 to 200", "100 to 200".
    let mut range_hedge = None;
    if prev == "between" && s.w(num.end) == "and" {
        if let Some(b) = number_at(s, num.end + 1) {
            num = Num {
                start: num.start - 1,
                end: b.end,
                high: b.high,
                ..num
            };
            range_hedge = Some("between");
        }
    } else if matches!(s.w(num.end), "to" | "-" | "\u{2013}") {
        if let Some(b) = number_at(s, num.end + 1).filter(|b| b.high > num.low) {
            num = Num {
                end: b.end,
                high: b.high,
                ..num
            };
            range_hedge = Some("to");
        }
    }
    let mut j = num.end;
    let mut percent = false;
    if matches!(s.w(j), "%" | "percent") || s.seq(j, &["per", "cent"]) {
        percent = true;
        j += if s.w(j) == "per" { 2 } else { 1 };
    }
    if num.vague || percent {
        // "thousands of people", "30 percent of voters": the noun follows "of".
        if s.w(j) != "of" {
            return None;
        }
        j += 1;
        if s.w(j) == "the" {
            j += 1;
        }
    }
    let (np_end, head) = noun_phrase(s, j)?;
    let head_w = s.w(head);
    if is_time_unit(head_w) || s.w(np_end) == "ago" {
        return None;
    }
    if num.word && !percent && !(head_w.ends_with('s') || plural_without_s(head_w)) {
        return None;
    }
    let (hedge_start, class, hedge_word) = match (range_hedge, hedge) {
        (Some(r), _) => (num.start, None, Some(r)),
        (None, Some((from, class, words))) => (from, Some(class), Some(words)),
        (None, None) => (num.start, None, None),
    };
    let (low, high) = apply(class, num.low, num.high);

    // The governing verb before the number: a casualty verb names the relation,
    // a country as its subject names whose they are ("Russia has sent").
    let mut phrase_start = hedge_start;
    let mut relation = None;
    let mut demonym = None;
    if let Some(p) = hedge_start.checked_sub(1) {
        let pw = s.w(p);
        if s.is_word(p) && !is_stop(pw) && !s.cap(p) {
            if let Some(rel) = casualty(pw) {
                relation = Some(rel);
                phrase_start = p;
            }
            let mut q = p;
            while q > 0 && is_aux(s.w(q - 1)) {
                q -= 1;
            }
            if let Some((first, d)) = q.checked_sub(1).and_then(|q| country_before(s, q)) {
                demonym = Some(d);
                phrase_start = first;
            }
        }
    }
    let mut phrase_end = np_end;
    if relation.is_none() {
        let mut k = np_end;
        while k < np_end + 3
            && matches!(
                s.w(k),
                "were"
                    | "was"
                    | "have"
                    | "had"
                    | "has"
                    | "been"
                    | "are"
                    | "reportedly"
                    | "also"
                    | "left"
            )
        {
            k += 1;
        }
        if let Some(rel) = casualty(s.w(k)) {
            relation = Some(rel);
            phrase_end = k + 1;
        }
    }
    let mut subject = String::new();
    if let Some(d) = demonym.filter(|_| !is_demonym(s.w(j))) {
        subject.push_str(d);
        subject.push(' ');
    }
    subject.push_str(&s.joined(j, np_end));
    if percent {
        subject.push_str(" share");
    }
    if let Some(rel) = relation {
        subject.push(' ');
        subject.push_str(rel);
    }
    let unit = if percent {
        "percent".to_string()
    } else {
        head_w.to_string()
    };
    let confidence = if num.vague {
        0.6
    } else if num.word {
        0.75
    } else {
        0.9
    };
    let written = collapse(s.raw(hedge_start, num.end));
    let quantity = Quantity {
        subject: subject.clone(),
        low,
        high,
        unit,
        hedge: hedge_word.map(str::to_string),
    };
    let found = Found {
        start: phrase_start,
        end: phrase_end,
        text: format!("{subject}: {written}"),
        quantity,
        confidence,
    };
    Some((found, phrase_end))
}

#[cfg(test)]
mod tests {
    use super::super::tokens::Buffers;
    use super::*;

    fn q(text: &str) -> Vec<(String, f64, f64, String, Option<String>)> {
        let mut b = Buffers::default();
        let s = b.sentence(text, 0..text.len());
        find(&s)
            .into_iter()
            .map(|f| {
                let q = f.quantity;
                (q.subject, q.low, q.high, q.unit, q.hedge)
            })
            .collect()
    }

    fn one(text: &str) -> (String, f64, f64, String, Option<String>) {
        let mut all = q(text);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.remove(0)
    }

    #[test]
    fn press_tv_peacekeepers_take_the_country_demonym() {
        let r = one("Russia has sent some 2,000 peacekeepers as well as armored personnel carriers and other military equipment to monitor the truce deal.");
        assert_eq!(
            r,
            (
                "russian peacekeepers".into(),
                1800.0,
                2200.0,
                "peacekeepers".into(),
                Some("some".into())
            )
        );
    }

    #[test]
    fn moscow_times_peacekeepers_match_press_tv() {
        let r = one("The Armenian separatists are retaining control over most of Karabakh's territory and some 2,000 Russian peacekeepers have deployed along frontline areas and to protect a land link connecting Karabakh with Armenia.");
        assert_eq!(
            r,
            (
                "russian peacekeepers".into(),
                1800.0,
                2200.0,
                "peacekeepers".into(),
                Some("some".into())
            )
        );
    }

    #[test]
    fn war_dead_are_people_killed() {
        let r = one("Karabakh is internationally recognized as part of Azerbaijan, but it has been held by ethnic Armenian separatists backed by Armenia since 1992, when they broke from Azerbaijan in a war that killed some 30,000 people.");
        assert_eq!(
            r,
            (
                "people killed".into(),
                27000.0,
                33000.0,
                "people".into(),
                Some("some".into())
            )
        );
    }

    #[test]
    fn seven_districts() {
        let r = one("Under the Moscow-brokered peace agreement \u{2014} which leaves Karabakh's future political status in limbo \u{2014} Armenia is losing control of parts of the enclave's territory as well as seven surrounding districts of Azerbaijan it held since the 1990s.");
        assert_eq!(
            r,
            (
                "surrounding districts of azerbaijan".into(),
                7.0,
                7.0,
                "districts".into(),
                None
            )
        );
    }

    #[test]
    fn every_hedge_gives_an_interval_low_to_high() {
        // Found by proptest: "more than 0" gave [1, 0].
        assert_eq!(apply(Some(Hedge::MoreThan), 0.0, 0.0), (1.0, 1.0));
        let classes = [
            None,
            Some(Hedge::Approx),
            Some(Hedge::Nearly),
            Some(Hedge::MoreThan),
            Some(Hedge::AtLeast),
            Some(Hedge::FewerThan),
            Some(Hedge::UpTo),
        ];
        for class in classes {
            for v in [-1000.0, -0.5, 0.0, 0.25, 1.0, 12.0, 1960.0, 5000.0] {
                let (lo, hi) = apply(class, v, v);
                assert!(lo <= hi, "{class:?} {v}: [{lo}, {hi}]");
            }
        }
    }

    #[test]
    fn hedges_and_relations() {
        assert_eq!(one("Moscow sent 3,000 Russian peacekeepers.").1, 3000.0);
        let r = one("about 1,960 Russian peacekeepers arrived");
        assert_eq!((r.1, r.2), (1862.0, 2058.0));
        let r = one("more than 5,000 people were killed");
        assert_eq!((r.0.as_str(), r.1, r.2), ("people killed", 5001.0, 50000.0));
        let r = one("at least 12 people died on Sunday");
        assert_eq!((r.0.as_str(), r.1, r.2), ("people killed", 12.0, 120.0));
        let r = one("between 100 and 200 soldiers were wounded");
        assert_eq!((r.0.as_str(), r.1, r.2), ("soldiers injured", 100.0, 200.0));
        let r = one("They moved 100 to 200 soldiers");
        assert_eq!((r.1, r.2), (100.0, 200.0));
        let r = one("It left nearly 30 000 people dead.");
        assert_eq!(
            (r.0.as_str(), r.1, r.2),
            ("people killed", 27000.0, 30000.0)
        );
        let r = one("Some 1.5 million people fled.");
        assert_eq!((r.1, r.2), (1_425_000.0, 1_575_000.0));
        let r = one("Turkey deployed a dozen drones.");
        assert_eq!((r.0.as_str(), r.1), ("turkish drones", 12.0));
        let r = one("Nearly a dozen drones were shot down.");
        assert_eq!((r.1, r.2), (11.0, 12.0));
        let r = one("Thousands of people marched.");
        assert_eq!((r.1, r.2), (2000.0, 9999.0));
        let r = one("Several dozen protesters gathered.");
        assert_eq!((r.1, r.2), (36.0, 108.0));
    }

    #[test]
    fn dates_money_and_references_are_not_counts() {
        assert!(q("set up in 1992 to mediate the conflict").is_empty());
        assert!(q("held since the 1990s").is_empty());
        assert!(q("Nagorno-Karabakh, November 25, 2020. (Photo by Reuters)").is_empty());
        assert!(q("whom they drove from their homes some 28 years ago.").is_empty());
        assert!(q("please support us monthly starting from just $2.").is_empty());
        assert!(q("the two countries agreed").is_empty());
    }

    #[test]
    fn hedge_table_is_public() {
        assert_eq!(hedge_interval(Some("some"), 2000.0), Some((1800.0, 2200.0)));
        assert_eq!(hedge_interval(None, 7.0), Some((7.0, 7.0)));
        assert_eq!(hedge_interval(Some("fewer than"), 10.0), Some((0.0, 9.0)));
        assert_eq!(hedge_interval(Some("up to"), 10.0), Some((0.0, 10.0)));
        assert_eq!(hedge_interval(Some("wildly"), 10.0), None);
    }
}
