//! What a quantity claim says: the one hedge table, the interval a hedged
//! figure allows, and how two figures of one measure relate (same figure,
//! support, conflict). Extraction reads figures with it; the pass compares
//! them with it; so a figure means the same thing everywhere.
//!
//! The rules, as in DESIGN.md ("Quantities: measure, day, value"):
//! - A figure is its stated number (or the two ends of "between A and B"),
//!   its hedge, and the interval the hedge allows around the stated number.
//! - Two figures are the **same figure** when each stated number lies in
//!   the other's *near* values: the stated number widened by an approximate
//!   hedge's margin, or for a one-sided bound the round number and one
//!   margin beyond it. An exact figure inside a bound's near values is the
//!   same figure as the bound: writers round 2,750 down to "more than 2,700".
//! - One figure **supports** another when its stated number lies in the
//!   other's interval (a strict bound's own number let in) but they are not
//!   the same figure: 490 supports "some 500"; "some 500" does not confirm
//!   490.
//! - Two figures **conflict** when their intervals are disjoint.

use std::fmt;

/// How a hedge widens the stated number into an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hedge {
    /// Round-about ("some", "about"): ± the margin of the number.
    Approx,
    /// Just below ("nearly", "almost"): [n − margin, n].
    Nearly,
    /// Strictly above ("more than", "over", "rose past"): [n + 1, 10n] for
    /// counts. 10n is a documented finite cap: SQLite REAL cannot keep infinity.
    MoreThan,
    /// At or above ("at least", "has reached"): [n, 10n], same cap.
    AtLeast,
    /// Strictly below ("fewer than", "under"): [0, n − 1] for counts.
    FewerThan,
    /// At most ("up to", "as many as", "may reach"): [0, n].
    UpTo,
}

/// The one hedge table: every hedge word or phrase and the interval rule it
/// maps to. No hedge means exact; "between A and B" and "A to B" give [A, B]
/// (stored with hedge "between" or "to"). Verbs of a rising toll ("has
/// reached 100", "climbed to 135") are lower bounds: the toll may rise on.
/// A rising verb after a modal ("losses may reach $10 billion") is an upper
/// bound; extraction stores it as "may reach".
pub const HEDGES: &[(&str, Hedge)] = &[
    ("no more than", Hedge::UpTo),
    ("no fewer than", Hedge::AtLeast),
    ("no less than", Hedge::AtLeast),
    ("as many as", Hedge::UpTo),
    ("as much as", Hedge::UpTo),
    ("as high as", Hedge::UpTo),
    ("as far as", Hedge::UpTo),
    ("an estimated", Hedge::Approx),
    ("more than", Hedge::MoreThan),
    ("at least", Hedge::AtLeast),
    ("fewer than", Hedge::FewerThan),
    ("less than", Hedge::FewerThan),
    ("up to", Hedge::UpTo),
    ("at most", Hedge::UpTo),
    ("close to", Hedge::Nearly),
    ("just over", Hedge::MoreThan),
    ("well over", Hedge::MoreThan),
    ("just under", Hedge::FewerThan),
    ("upwards of", Hedge::AtLeast),
    ("in excess of", Hedge::MoreThan),
    ("or more", Hedge::AtLeast),
    ("or so", Hedge::Approx),
    ("may reach", Hedge::UpTo),
    ("some", Hedge::Approx),
    ("about", Hedge::Approx),
    ("around", Hedge::Approx),
    ("roughly", Hedge::Approx),
    ("approximately", Hedge::Approx),
    ("circa", Hedge::Approx),
    ("estimated", Hedge::Approx),
    ("nearly", Hedge::Nearly),
    ("almost", Hedge::Nearly),
    ("over", Hedge::MoreThan),
    ("above", Hedge::MoreThan),
    ("past", Hedge::MoreThan),
    ("topped", Hedge::MoreThan),
    ("exceeded", Hedge::MoreThan),
    ("surpassed", Hedge::MoreThan),
    ("under", Hedge::FewerThan),
    ("below", Hedge::FewerThan),
    ("reached", Hedge::AtLeast),
    ("reaches", Hedge::AtLeast),
    ("rose to", Hedge::AtLeast),
    ("risen to", Hedge::AtLeast),
    ("rises to", Hedge::AtLeast),
    ("climbed to", Hedge::AtLeast),
    ("climbs to", Hedge::AtLeast),
    ("jumped to", Hedge::AtLeast),
    ("doubled to", Hedge::AtLeast),
    ("increased to", Hedge::AtLeast),
    ("grew to", Hedge::AtLeast),
    ("soared to", Hedge::AtLeast),
    ("mounted to", Hedge::AtLeast),
];

/// Cap for open-ended hedges ("more than n" gives at most n times this).
pub const OPEN_CAP: f64 = 10.0;

impl Hedge {
    /// The rule for a hedge word as stored; `None` for a word not in
    /// [`HEDGES`] (including "between" and "to", which are ranges).
    pub fn of(word: &str) -> Option<Hedge> {
        let word = word.split_whitespace().collect::<Vec<_>>().join(" ");
        let word = word.to_lowercase();
        HEDGES.iter().find(|(w, _)| *w == word).map(|(_, h)| *h)
    }
}

/// Significant digits of a number as written: 2000 has 1, 1960 has 3.
fn significant_digits(v: f64) -> usize {
    let v = v.abs();
    // Whole numbers, most figures, without writing them out: the pass
    // asks for every pair of figures it compares. Below 2^53 (and so
    // below 10^15) Display writes a whole number's exact digits; above,
    // the shortest digits that read back, padded with zeros.
    if v.fract() == 0.0 && v < 1e15 {
        let mut n = v as u64;
        if n == 0 {
            return 1;
        }
        while n.is_multiple_of(10) {
            n /= 10;
        }
        return n.ilog10() as usize + 1;
    }
    digits_as_written(v)
}

/// Significant digits of a number as Display writes it.
fn digits_as_written(v: f64) -> usize {
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

/// The margin of a round-about number: ±10% of a number with one
/// significant digit (2,000; 30,000), ±5% of one written more precisely
/// (1,960): the writer's own precision narrows the margin.
pub fn margin(v: f64) -> f64 {
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

/// The interval a hedge allows around the stated [a, b] (a == b for one number).
pub fn interval(hedge: Option<Hedge>, a: f64, b: f64) -> (f64, f64) {
    let integral = b.fract() == 0.0;
    let (lo, hi) = match hedge {
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

/// The interval a hedge word allows around `value`; `None` hedge means exact.
/// Returns `None` for a word that is not in the hedge table.
pub fn hedge_interval(hedge: Option<&str>, value: f64) -> Option<(f64, f64)> {
    let class = match hedge {
        None => None,
        Some(h) => Some(Hedge::of(h)?),
    };
    Some(interval(class, value, value))
}

/// A figure: the stated number(s), the hedge, and the interval they allow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    /// The stated number, or the two ends of a stated range.
    pub stated: (f64, f64),
    /// The hedge's rule; `None` for an exact figure or a range.
    pub hedge: Option<Hedge>,
    /// The interval the figure allows.
    pub interval: (f64, f64),
}

/// How two figures of one measure relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// Each stated number lies in the other's near values: one claim.
    Same,
    /// The first's stated number lies in the second's interval only.
    Supports,
    /// The second's stated number lies in the first's interval only.
    SupportedBy,
    /// Disjoint intervals: both cannot be true.
    Conflict,
    /// Overlapping, but neither says the other's number.
    Compatible,
}

impl Figure {
    /// A figure from what is stored: its interval, the stated numbers when
    /// known (a manual claim gives only the interval, which is then what it
    /// states) and the hedge word.
    pub fn new(interval: (f64, f64), stated: Option<(f64, f64)>, hedge: Option<&str>) -> Figure {
        let (lo, hi) = (interval.0.min(interval.1), interval.0.max(interval.1));
        let hedge = hedge.and_then(Hedge::of);
        match stated {
            Some((a, b)) => Figure {
                stated: (a.min(b), a.max(b)),
                hedge,
                interval: (lo, hi),
            },
            None => Figure {
                stated: (lo, hi),
                hedge: None,
                interval: (lo, hi),
            },
        }
    }

    /// A figure from what the ledger stores: the interval and the hedge
    /// word. The stated number is the one the hedge's rule turns into that
    /// interval (the rule is inverted, then checked by applying it again);
    /// a manual claim's interval with no hedge is what it states.
    pub fn from_stored(low: f64, high: f64, hedge: Option<&str>) -> Figure {
        let (lo, hi) = (low.min(high), low.max(high));
        let Some(class) = hedge.and_then(Hedge::of) else {
            return Figure::new((lo, hi), None, None);
        };
        let candidates = match class {
            Hedge::Approx => vec![(lo + hi) / 2.0],
            Hedge::Nearly | Hedge::UpTo => vec![hi],
            Hedge::AtLeast => vec![lo],
            Hedge::MoreThan => vec![lo - 1.0, lo, hi / OPEN_CAP],
            Hedge::FewerThan => vec![hi + 1.0, hi],
        };
        let fits = |v: f64| interval(Some(class), v, v) == (lo, hi);
        match candidates.into_iter().find(|&v| fits(v)) {
            Some(v) => Figure {
                stated: (v, v),
                hedge: Some(class),
                interval: (lo, hi),
            },
            // Edited by hand to an interval no hedge gives: take it as stated.
            None => Figure::new((lo, hi), None, None),
        }
    }

    /// The values this figure names as the same figure: see the module docs.
    pub fn near(&self) -> (f64, f64) {
        let (a, b) = self.stated;
        match self.hedge {
            None => (a, b),
            Some(Hedge::Approx) => self.interval,
            Some(Hedge::MoreThan | Hedge::AtLeast) => (a, b + margin(b)),
            Some(Hedge::Nearly | Hedge::FewerThan | Hedge::UpTo) => (a - margin(a), b),
        }
    }

    /// The values a stated number must lie in to support this figure: its
    /// interval, with a strict bound's own number let in ("between $3
    /// billion and $5 billion" supports "more than $3 billion").
    pub fn reach(&self) -> (f64, f64) {
        match self.hedge {
            Some(Hedge::MoreThan) => (self.stated.0.min(self.interval.0), self.interval.1),
            Some(Hedge::FewerThan) => (self.interval.0, self.stated.1.max(self.interval.1)),
            _ => self.interval,
        }
    }

    /// A bound on one side: more than, at least, nearly, fewer than, up to.
    pub fn is_one_sided(&self) -> bool {
        !matches!(self.hedge, None | Some(Hedge::Approx))
    }

    /// How this figure relates to `other`, of the same measure.
    pub fn relate(&self, other: &Figure) -> Relation {
        let (a, b) = (self, other);
        if a.interval.1 < b.interval.0 || b.interval.1 < a.interval.0 {
            return Relation::Conflict;
        }
        let within = |(lo, hi): (f64, f64), (x, y): (f64, f64)| lo <= x && y <= hi;
        // A one-sided bound stands for an exact figure just inside it.
        let stands_for = |bound: &Figure, x: &Figure| {
            bound.is_one_sided()
                && x.hedge.is_none()
                && x.stated.0 == x.stated.1
                && within(bound.near(), x.stated)
                && within(bound.interval, x.stated)
        };
        let mutual = within(b.near(), a.stated) && within(a.near(), b.stated);
        if mutual || stands_for(a, b) || stands_for(b, a) {
            Relation::Same
        } else if within(b.reach(), a.stated) {
            Relation::Supports
        } else if within(a.reach(), b.stated) {
            Relation::SupportedBy
        } else {
            Relation::Compatible
        }
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Relation::Same => "the same figure as",
            Relation::Supports => "supports",
            Relation::SupportedBy => "is supported by",
            Relation::Conflict => "conflicts with",
            Relation::Compatible => "is compatible with",
        })
    }
}

/// What happened to the counted things, for the measures whose figures
/// accumulate as an event unfolds: tolls of people killed, injured, missing,
/// left homeless, displaced, arrested, evacuated, rescued, infected,
/// affected, and "casualties". Their figures on different days are a
/// timeline, not a conflict; support and conflict are judged within one day.
/// Every other measure (troops deployed, tonnes stored, a magnitude, a cost)
/// holds still and compares across days.
pub const ACCUMULATING: &[&str] = &[
    "killed",
    "injured",
    "missing",
    "homeless",
    "displaced",
    "arrested",
    "evacuated",
    "rescued",
    "infected",
    "affected",
    "casualties",
];

/// Whether figures of `measure` accumulate: its last word is one of [`ACCUMULATING`].
pub fn accumulates(measure: &str) -> bool {
    measure
        .rsplit(' ')
        .next()
        .is_some_and(|last| ACCUMULATING.contains(&last))
}

/// Formats a number for people: thousands separators, at most two
/// decimals, no needless zeros (1,800; 1.5; -5.99).
pub fn format_number(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let text = if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let t = format!("{x:.2}");
        t.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Formats a span of numbers for people: "1,800" for one number,
/// "1,800–2,200" for two.
pub fn format_range(low: f64, high: f64) -> String {
    if low == high {
        format_number(low)
    } else {
        format!("{}\u{2013}{}", format_number(low), format_number(high))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(hedge: Option<&str>, a: f64, b: f64) -> Figure {
        let h = hedge.and_then(Hedge::of);
        Figure {
            stated: (a, b),
            hedge: h,
            interval: interval(h, a, b),
        }
    }

    #[test]
    fn whole_numbers_count_digits_as_written() {
        let mut values = vec![0.0, 1.0, 7.0, 10.0, 2000.0, 1960.0, 30_000.0, 300_000.0];
        values.extend([123_456_789_012_345.0, 999_999_999_999_999.0, 1e15, 1e20]);
        values.extend([0.5, 1.25, 2.5e6, 0.03, -2000.0, -1960.0, 1e-7]);
        values.extend((0..2000).map(|i| f64::from(i) * 37.0));
        for v in values {
            assert_eq!(significant_digits(v), digits_as_written(v), "{v}");
        }
    }

    #[test]
    fn every_hedge_gives_an_interval_low_to_high() {
        // Found by proptest: "more than 0" gave [1, 0].
        assert_eq!(interval(Some(Hedge::MoreThan), 0.0, 0.0), (1.0, 1.0));
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
                let (lo, hi) = interval(class, v, v);
                assert!(lo <= hi, "{class:?} {v}: [{lo}, {hi}]");
            }
        }
    }

    #[test]
    fn hedge_table_is_public() {
        assert_eq!(hedge_interval(Some("some"), 2000.0), Some((1800.0, 2200.0)));
        assert_eq!(hedge_interval(None, 7.0), Some((7.0, 7.0)));
        assert_eq!(hedge_interval(Some("fewer than"), 10.0), Some((0.0, 9.0)));
        assert_eq!(hedge_interval(Some("up to"), 10.0), Some((0.0, 10.0)));
        assert_eq!(
            hedge_interval(Some("reached"), 100.0),
            Some((100.0, 1000.0))
        );
        assert_eq!(hedge_interval(Some("wildly"), 10.0), None);
    }

    #[test]
    fn same_figure_is_mutual_and_bounded() {
        use Relation::*;
        let at_least_100 = fig(Some("at least"), 100.0, 100.0);
        let more_than_100 = fig(Some("more than"), 100.0, 100.0);
        assert_eq!(at_least_100.relate(&more_than_100), Same);
        assert_eq!(
            fig(Some("some"), 30000.0, 30000.0).relate(&fig(Some("around"), 30000.0, 30000.0)),
            Same
        );
        // A rounded-down bound and the figure it stands for.
        assert_eq!(
            fig(Some("more than"), 2700.0, 2700.0).relate(&fig(None, 2750.0, 2750.0)),
            Same
        );
        assert_eq!(
            fig(Some("more than"), 70.0, 70.0).relate(&fig(None, 78.0, 78.0)),
            SupportedBy
        );
        // Tolls of different moments are not one figure.
        assert_eq!(
            at_least_100.relate(&fig(Some("at least"), 137.0, 137.0)),
            SupportedBy
        );
        assert_eq!(
            fig(Some("up to"), 300000.0, 300000.0).relate(&fig(None, 300000.0, 300000.0)),
            Same
        );
    }

    #[test]
    fn support_is_directed_and_conflict_is_disjoint() {
        use Relation::*;
        let some_500 = fig(Some("some"), 500.0, 500.0);
        let exact_490 = fig(None, 490.0, 490.0);
        let exact_480 = fig(None, 480.0, 480.0);
        assert_eq!(exact_490.relate(&some_500), Supports);
        assert_eq!(some_500.relate(&exact_490), SupportedBy);
        assert_eq!(exact_480.relate(&exact_490), Conflict);
        assert_eq!(fig(None, 3.3, 3.3).relate(&fig(None, 3.5, 3.5)), Conflict);
        assert_eq!(
            fig(Some("more than"), 300000.0, 300000.0).relate(&fig(None, 300000.0, 300000.0)),
            Conflict
        );
        assert_eq!(
            fig(Some("nearly"), 4000.0, 4000.0).relate(&fig(Some("more than"), 4000.0, 4000.0)),
            Conflict
        );
    }

    #[test]
    fn the_stated_number_is_recovered_from_the_stored_interval() {
        for (hedge, v) in [
            (Some("some"), 2000.0),
            (Some("about"), 1960.0),
            (Some("more than"), 70.0),
            (Some("more than"), 2.5),
            (Some("more than"), 0.0),
            (Some("at least"), 100.0),
            (Some("nearly"), 4000.0),
            (Some("up to"), 300000.0),
            (Some("fewer than"), 10.0),
            (Some("reached"), 78.0),
            (None, 154.0),
        ] {
            let (lo, hi) = hedge_interval(hedge, v).unwrap();
            let f = Figure::from_stored(lo, hi, hedge);
            assert_eq!(f.stated, (v, v), "{hedge:?} {v}");
            assert_eq!(f.interval, (lo, hi));
        }
        let range = Figure::from_stored(250000.0, 300000.0, Some("between"));
        assert_eq!((range.stated, range.hedge), ((250000.0, 300000.0), None));
    }

    #[test]
    fn tolls_accumulate_and_forces_hold_still() {
        assert!(accumulates("people killed"));
        assert!(accumulates("children homeless"));
        assert!(!accumulates("russian troops deployed"));
        assert!(!accumulates("ammonium nitrate"));
    }

    #[test]
    fn numbers_read_like_prose() {
        assert_eq!(format_number(2000.0), "2,000");
        assert_eq!(format_number(1800.0), "1,800");
        assert_eq!(format_number(30000.0), "30,000");
        assert_eq!(format_number(1_500_000.0), "1,500,000");
        assert_eq!(format_number(7.0), "7");
        assert_eq!(format_number(1.5), "1.5");
        assert_eq!(format_number(-1234.0), "-1,234");
        assert_eq!(format_number(-5.999), "-6");
        assert_eq!(format_number(0.004), "0");
        assert_eq!(format_number(1.005), "1");
        assert_eq!(format_number(-5.99), "-5.99");
    }

    #[test]
    fn ranges_read_like_prose() {
        assert_eq!(format_range(2000.0, 2000.0), "2,000");
        assert_eq!(format_range(1800.0, 2200.0), "1,800\u{2013}2,200");
    }
}
