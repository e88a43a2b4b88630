//! Claims, the mentions that carry them, the links between them, and a
//! fact-checker's rating of one.

use std::ops::Range;

use chrono::NaiveDate;
use serde::Serialize;

use super::quantity::{format_number, format_range, Figure};
use super::words::{ClaimKind, ClaimRelation, LinkOrigin, Origin, Stance};
use crate::error::{Error, Result};

/// One checkable proposition in normalized form (a row of `claims`).
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Row id; 0 before it is stored.
    pub id: i64,
    /// Canonical text a person reads in a report.
    pub text: String,
    /// What kind of claim it is, with what that kind says.
    pub body: ClaimBody,
    /// The actor in whose words or voice it came (`speaker_id`): a quote's
    /// or a statement's speaker; for a figure or an event, the voice of the
    /// mention it was first extracted from. `None` is an outlet's own voice.
    pub speaker_id: Option<i64>,
    /// The day the claim holds for: a figure's as-of day, an event's or a
    /// statement's date. Any kind may carry one.
    pub as_of: Option<NaiveDate>,
    /// Extracted or added by hand.
    pub origin: Origin,
    /// Why it was retracted, if it was: a retracted claim keeps its rows
    /// but gets no verdict.
    pub retracted_why: Option<String>,
}

/// What a claim of each kind says besides its text.
#[derive(Debug, Clone, PartialEq)]
pub enum ClaimBody {
    /// A figure of a measure.
    Quantity(Quantity),
    /// Someone's words, quoted.
    Quote {
        /// The quoted words, without the quote marks (a quote claim added by
        /// hand without a mention has none).
        quoted: Option<String>,
    },
    /// Something that happened, on its day ([`Claim::as_of`]).
    Event,
    /// Something said or stated in other words than a quote.
    Statement,
}

/// A quantity claim's figure: what is counted and the interval its
/// stated number and hedge allow (DESIGN.md, "Quantities").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// What is counted and what happened to it, lowercase: "people killed",
    /// "russian troops deployed", "ammonium nitrate".
    pub measure: String,
    /// Lower bound of the interval the figure allows.
    pub low: f64,
    /// Upper bound of the interval the figure allows.
    pub high: f64,
    /// What it is counted in: "people", "troops", "tonne", "usd".
    pub unit: Option<String>,
    /// The hedge as written ("some", "more than"), "between" or "to" for a
    /// range; `None` for an exact figure.
    pub hedge: Option<String>,
    /// False for a figure whose measure is a bare noun or unit ("300,000
    /// people", "9km"): kept and shown, never compared. An extracted figure
    /// is comparable when it has a key; a figure added by hand always is.
    #[serde(skip)]
    pub comparable: bool,
}

impl Quantity {
    /// A figure a person gives by hand: a measure and the interval's low
    /// end, and its high end for a range (a single figure is exact).
    pub fn given(
        measure: Option<&str>,
        low: Option<f64>,
        high: Option<f64>,
        unit: Option<&str>,
    ) -> Result<Quantity> {
        let (Some(measure), Some(low)) = (measure, low) else {
            return Err(Quantity::incomplete());
        };
        let quantity = Quantity {
            measure: measure.trim().to_string(),
            low,
            high: high.unwrap_or(low),
            unit: unit.map(str::to_string),
            hedge: None,
            comparable: true,
        };
        quantity.check()?;
        Ok(quantity)
    }

    /// Fails unless the figure can be stored: a measure, and an interval of
    /// finite numbers, low to high.
    pub fn check(&self) -> Result<()> {
        let finite = self.low.is_finite() && self.high.is_finite();
        if self.measure.trim().is_empty() || !finite || self.low > self.high {
            return Err(Quantity::incomplete());
        }
        Ok(())
    }

    fn incomplete() -> Error {
        Error::invalid(
            "quantity",
            "a quantity claim needs a measure and a low value (and a high one for a range), \
             with low <= high",
        )
    }

    /// The figure this quantity states, recovered from the stored interval
    /// and hedge (see [`Figure::from_stored`]).
    pub fn figure(&self) -> Figure {
        Figure::from_stored(self.low, self.high, self.hedge.as_deref())
    }

    /// The figure as a person reads it: the hedge, the stated number and
    /// the unit ("at least 25 people", "between 250,000 and 300,000
    /// people"), not the interval the hedge allows.
    pub fn stated(&self) -> String {
        let figure = self.figure();
        let (a, b) = figure.stated;
        let hedge = self.hedge.as_deref().map(str::trim);
        let number = match hedge {
            // The hedge's rule gave the stored interval: it goes with the number.
            Some(h) if figure.hedge.is_some() => format!("{h} {}", format_range(a, b)),
            Some(h) if a < b && h.eq_ignore_ascii_case("between") => {
                format!("{h} {} and {}", format_number(a), format_number(b))
            }
            Some(h) if a < b && h.eq_ignore_ascii_case("to") => {
                format!("{} {h} {}", format_number(a), format_number(b))
            }
            // No hedge, or one whose rule does not give this interval (it
            // was edited by hand): the interval is what is stated.
            _ => format_range(a, b),
        };
        match self.unit.as_deref().map(str::trim) {
            Some(unit) if !unit.is_empty() => format!("{number} {unit}"),
            _ => number,
        }
    }
}

impl ClaimBody {
    /// The first field of a figure (measure, low, high, unit, flagged in
    /// `given` in that order) given for a claim of `kind` when that kind
    /// has no figure: [`ClaimBody::given`] would leave it out, so a person
    /// is told instead.
    pub fn stray_figure_field(kind: ClaimKind, given: [bool; 4]) -> Option<&'static str> {
        let fields = ["measure", "low", "high", "unit"];
        (kind != ClaimKind::Quantity)
            .then(|| {
                fields
                    .into_iter()
                    .zip(given)
                    .find(|(_, g)| *g)
                    .map(|(f, _)| f)
            })
            .flatten()
    }

    /// The kind of claim this body belongs to.
    pub fn kind(&self) -> ClaimKind {
        match self {
            ClaimBody::Quantity(_) => ClaimKind::Quantity,
            ClaimBody::Quote { .. } => ClaimKind::Quote,
            ClaimBody::Event => ClaimKind::Event,
            ClaimBody::Statement => ClaimKind::Statement,
        }
    }

    /// The body of a claim of `kind`, from the fields a person gives: a
    /// quantity needs its figure (see [`Quantity::given`]), a quote keeps
    /// its words; what another kind does not have is left out.
    pub fn given(
        kind: ClaimKind,
        quantity: impl FnOnce() -> Result<Quantity>,
        quoted: Option<&str>,
    ) -> Result<ClaimBody> {
        Ok(match kind {
            ClaimKind::Quantity => ClaimBody::Quantity(quantity()?),
            ClaimKind::Quote => ClaimBody::Quote {
                quoted: quoted.map(str::to_string),
            },
            ClaimKind::Event => ClaimBody::Event,
            ClaimKind::Statement => ClaimBody::Statement,
        })
    }
}

impl Claim {
    /// A claim a person adds: `text`, and what its kind says; no id yet,
    /// no speaker, no day.
    pub fn by_hand(text: &str, body: ClaimBody) -> Claim {
        Claim {
            id: 0,
            text: text.to_string(),
            body,
            speaker_id: None,
            as_of: None,
            origin: Origin::Manual,
            retracted_why: None,
        }
    }

    /// The claim's kind.
    pub fn kind(&self) -> ClaimKind {
        self.body.kind()
    }

    /// Its figure, if it is a quantity claim.
    pub fn quantity(&self) -> Option<&Quantity> {
        match &self.body {
            ClaimBody::Quantity(q) => Some(q),
            _ => None,
        }
    }

    /// Its quoted words, if it is a quote claim that has them.
    pub fn quoted(&self) -> Option<&str> {
        match &self.body {
            ClaimBody::Quote { quoted } => quoted.as_deref(),
            _ => None,
        }
    }

    /// Whether it was retracted.
    pub fn is_retracted(&self) -> bool {
        self.retracted_why.is_some()
    }
}

/// Document D carries claim C, voiced by an actor or by the outlet itself,
/// with the verbatim words and where they stand (a row of `mentions`).
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Row id; 0 before it is stored.
    pub id: i64,
    /// The claim carried; 0 before it is stored.
    pub claim_id: i64,
    /// The document carrying it; 0 before it is stored.
    pub document_id: i64,
    /// Who voiced it; `None` is the outlet's own voice.
    pub actor_id: Option<i64>,
    /// Asserts, denies or reports.
    pub stance: Stance,
    /// The verbatim words: the document's text at `span`.
    pub quote: String,
    /// Byte span of the quote in the document's text (`span_start`,
    /// `span_end`).
    pub span: Range<usize>,
    /// A wire the mention relays ("according to Reuters"): it counts for
    /// that wire.
    pub relayed_by: Option<String>,
    /// Extracted or added by hand.
    pub origin: Origin,
}

/// Two claims that relate: same-as, contradicts or supports (a row of
/// `claim_links`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimLink {
    /// One claim; for supports, the supporter.
    pub from_claim: i64,
    /// The other claim; for supports, the supported.
    pub to_claim: i64,
    /// How they relate.
    pub relation: ClaimRelation,
    /// Made by the pass (auto) or by a person (manual).
    pub origin: LinkOrigin,
    /// A person rejected it: it does not count, and no pass re-adds it.
    pub rejected: bool,
    /// Why, in words.
    pub note: Option<String>,
}

impl ClaimLink {
    /// A link the corroboration pass proposes, with why in words.
    pub fn auto(
        from_claim: i64,
        to_claim: i64,
        relation: ClaimRelation,
        note: String,
    ) -> ClaimLink {
        ClaimLink {
            note: Some(note),
            ..ClaimLink::between_figures(from_claim, to_claim, relation)
        }
    }

    /// A link the corroboration pass proposes between two figures, without
    /// a note: its note is what the claims say ([`ClaimLink::figure_note`]),
    /// which readers render from them rather than the ledger keep a copy.
    pub fn between_figures(from_claim: i64, to_claim: i64, relation: ClaimRelation) -> ClaimLink {
        ClaimLink {
            from_claim,
            to_claim,
            relation,
            origin: LinkOrigin::Auto,
            rejected: false,
            note: None,
        }
    }

    /// The note of the pass's link between two figures, from what their
    /// claims say ([`FigureNote`] each): "people killed: at least 100
    /// [100–1,000] on 2020-08-05 lies within ...".
    pub fn figure_note(
        from: &FigureNote<'_>,
        to: &FigureNote<'_>,
        relation: ClaimRelation,
    ) -> String {
        let verb = match relation {
            ClaimRelation::SameAs => "is the same figure as",
            ClaimRelation::Contradicts => "conflicts with",
            ClaimRelation::Supports => "lies within",
        };
        format!("{} {verb} {}", from.describe(), to.describe())
    }
}

/// What the note of a link between figures says of one of them: its
/// claim's text, stored interval and hedge, and as-of day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FigureNote<'a> {
    /// The claim's text.
    pub text: &'a str,
    /// Its stored interval's low end.
    pub low: f64,
    /// Its stored interval's high end.
    pub high: f64,
    /// Its hedge, as stored.
    pub hedge: Option<&'a str>,
    /// Its as-of day.
    pub as_of: Option<NaiveDate>,
}

impl<'a> FigureNote<'a> {
    /// A quantity claim's; `None` for a claim of another kind.
    pub fn of(claim: &'a Claim) -> Option<FigureNote<'a>> {
        let q = claim.quantity()?;
        Some(FigureNote {
            text: &claim.text,
            low: q.low,
            high: q.high,
            hedge: q.hedge.as_deref(),
            as_of: claim.as_of,
        })
    }

    /// "people killed: at least 100 [100–1,000] on 2020-08-05".
    fn describe(&self) -> String {
        let (lo, hi) = Figure::from_stored(self.low, self.high, self.hedge).interval;
        let on = match self.as_of {
            Some(day) => format!(" on {day}"),
            None => String::new(),
        };
        format!(
            "{} [{}\u{2013}{}]{on}",
            self.text.trim(),
            format_number(lo),
            format_number(hi)
        )
    }
}

/// Two claims the last check found may be one proposition, for a person
/// to confirm (`claim merge`) or dismiss (`claim reject`): a row of
/// `suggestions`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// One claim (the smaller id).
    pub from_claim: i64,
    /// The other claim.
    pub to_claim: i64,
    /// The similarity of their words, 0 to 1.
    pub score: f64,
    /// Why they were not joined, in words.
    pub note: String,
}

/// A fact-checker's rating of a claim (a row of `ratings`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rating {
    /// The claim rated.
    pub claim_id: i64,
    /// The rating, in the fact-checker's words ("Accurately quoted").
    pub rating: String,
    /// Who rated it.
    pub rated_by: Option<String>,
    /// When, ISO-8601.
    pub rated_at: String,
    /// The address of the fact-check article: http or https.
    pub url: Option<String>,
    /// The rating on the organization's numeric scale, if it has one.
    pub scale: Option<RatingScale>,
}

/// A rating as a number on a scale ("2 on a scale from 1, false, to 5,
/// true"), as ClaimReview's ratingValue, worstRating and bestRating say it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RatingScale {
    /// The rating.
    pub rating_value: f64,
    /// The best value of the scale.
    pub best_rating: f64,
    /// The worst value of the scale.
    pub worst_rating: f64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::quantity::hedge_interval;

    fn figure(hedge: Option<&str>, low: f64, high: f64, unit: Option<&str>) -> Quantity {
        Quantity {
            measure: "people killed".into(),
            low,
            high,
            unit: unit.map(str::to_string),
            hedge: hedge.map(str::to_string),
            comparable: true,
        }
    }

    #[test]
    fn a_figure_reads_as_it_was_stated() {
        let hedged = |hedge: &str, v: f64| {
            let (low, high) = hedge_interval(Some(hedge), v).unwrap();
            figure(Some(hedge), low, high, Some("people")).stated()
        };
        assert_eq!(hedged("at least", 25.0), "at least 25 people");
        assert_eq!(hedged("more than", 70.0), "more than 70 people");
        assert_eq!(hedged("climbs to", 158.0), "climbs to 158 people");
        assert_eq!(hedged("some", 300000.0), "some 300,000 people");
        assert_eq!(hedged("up to", 300000.0), "up to 300,000 people");
        let exact = figure(None, 154.0, 154.0, Some("people"));
        assert_eq!(exact.stated(), "154 people");
        // "dozens": a vague count is its range.
        let vague = figure(None, 24.0, 99.0, Some("people"));
        assert_eq!(vague.stated(), "24\u{2013}99 people");
        let between = figure(Some("between"), 250000.0, 300000.0, Some("people"));
        assert_eq!(between.stated(), "between 250,000 and 300,000 people");
        let to = figure(Some("to"), 10.0, 15.0, None);
        assert_eq!(to.stated(), "10 to 15");
        // Edited by hand to an interval its hedge does not give.
        let edited = figure(Some("at least"), 30.0, 40.0, Some(" "));
        assert_eq!(edited.stated(), "30\u{2013}40");
    }
}
