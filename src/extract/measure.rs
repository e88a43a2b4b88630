//! What a figure counts: the documented tables that turn a counted noun,
//! a unit and the word that says what happened into a measure ("people
//! killed", "russian troops deployed", "ammonium nitrate" in tonnes,
//! "damage" in dollars).
//!
//! - Counted nouns fold into a class: people, persons, individuals and
//!   "others" are `people`; troops, soldiers, servicemen, peacekeepers,
//!   marines, paratroopers and military personnel are `troops`, keeping
//!   their modifier ("russian troops"). Other nouns stay as written.
//! - The word that says what happened folds into an action class (see
//!   [`ACTIONS`]): dead, died, deaths, lives, fatalities, death toll are
//!   `killed`; wounded, injured, hurt, injuries are `injured`; and so on.
//! - A troop count with no other action is a force's size: `deployed`.
//! - A figure in a unit of mass, volume or area counts what follows "of"
//!   ("2,750 tonnes of ammonium nitrate"); a magnitude is an earthquake's.
//! - Money is measured by the specific noun it is said of (damage, losses,
//!   aid, funding ...); a sum said only of a cost, value or price names no
//!   measure of its own.
//! - A figure whose measure is only a bare noun or a unit ("300,000 people",
//!   "9km", "43 Syrians", "$66 million") is kept and shown but never
//!   compared: no verdict rests on it.

/// Counted nouns folded into one class.
const NOUN_CLASSES: &[(&str, &str)] = &[
    ("people", "people"),
    ("persons", "people"),
    ("individuals", "people"),
    ("others", "people"),
    ("troops", "troops"),
    ("soldiers", "troops"),
    ("servicemen", "troops"),
    ("servicemembers", "troops"),
    ("peacekeepers", "troops"),
    ("marines", "troops"),
    ("paratroopers", "troops"),
];

/// The class of a counted noun (`people`, `troops`), or the noun itself.
pub(crate) fn noun_class(w: &str) -> &str {
    NOUN_CLASSES
        .iter()
        .find(|(n, _)| *n == w)
        .map_or(w, |(_, c)| c)
}

/// Words that say what happened to the counted things, and their class.
/// Verbs, participles, adjectives and nouns alike: "killed 100 people",
/// "100 people dead", "100 deaths" and "a death toll of 100" all say `killed`.
pub(crate) const ACTIONS: &[(&str, &str)] = &[
    ("killed", "killed"),
    ("killing", "killed"),
    ("kills", "killed"),
    ("dead", "killed"),
    ("died", "killed"),
    ("deaths", "killed"),
    ("death", "killed"),
    ("fatalities", "killed"),
    ("perished", "killed"),
    ("slain", "killed"),
    ("toll", "killed"),
    ("injured", "injured"),
    ("injuring", "injured"),
    ("injuries", "injured"),
    ("wounded", "injured"),
    ("wounding", "injured"),
    ("hurt", "injured"),
    ("missing", "missing"),
    ("unaccounted", "missing"),
    ("homeless", "homeless"),
    ("displaced", "displaced"),
    ("displacing", "displaced"),
    ("arrested", "arrested"),
    ("arresting", "arrested"),
    ("detained", "arrested"),
    ("detaining", "arrested"),
    ("evacuated", "evacuated"),
    ("evacuating", "evacuated"),
    ("rescued", "rescued"),
    ("infected", "infected"),
    ("casualties", "casualties"),
    ("deployed", "deployed"),
    ("deploying", "deployed"),
    ("sent", "deployed"),
    ("dispatched", "deployed"),
    ("stationed", "deployed"),
    ("arrived", "deployed"),
];

/// The action class of a word, if it names one.
pub(crate) fn action(w: &str) -> Option<&'static str> {
    ACTIONS.iter().find(|(a, _)| *a == w).map(|(_, c)| *c)
}

/// Action classes that only troops take: "sent 500 letters" is not a deployment.
pub(crate) fn is_deployment(class: &str) -> bool {
    class == "deployed"
}

/// Words of a dead, injured or displaced count that stand for the counted
/// people themselves: "100 dead", "4,000 injured", "158 lives".
pub(crate) fn is_casualty_noun(w: &str) -> bool {
    matches!(
        w,
        "dead"
            | "killed"
            | "deaths"
            | "fatalities"
            | "casualties"
            | "injured"
            | "wounded"
            | "injuries"
            | "missing"
            | "homeless"
            | "displaced"
    )
}

/// Phrases after a count that say what happened: "have lost their homes".
/// Each is (words, class), matched word by word.
pub(crate) const ACTION_PHRASES: &[(&[&str], &str)] = &[
    (&["lost", "their", "homes"], "homeless"),
    (&["lost", "their", "home"], "homeless"),
    (&["without", "homes"], "homeless"),
    (&["without", "a", "home"], "homeless"),
    (&["without", "shelter"], "homeless"),
    (&["lost", "their", "lives"], "killed"),
    (&["suffered", "injuries"], "injured"),
    (&["were", "hospitalized"], "injured"),
    (&["were", "hospitalised"], "injured"),
];

/// What kind of thing a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitKind {
    /// Mass, volume, area, energy: counts what follows "of".
    Amount,
    /// A length: a distance says nothing of what it is measured to.
    Distance,
    /// An earthquake's magnitude.
    Magnitude,
}

/// Units of measurement as written, their stored name and kind.
const UNITS: &[(&str, &str, UnitKind)] = &[
    ("tonnes", "tonne", UnitKind::Amount),
    ("tonne", "tonne", UnitKind::Amount),
    ("tons", "tonne", UnitKind::Amount),
    ("ton", "tonne", UnitKind::Amount),
    ("t", "tonne", UnitKind::Amount),
    ("kilograms", "kg", UnitKind::Amount),
    ("kilogrammes", "kg", UnitKind::Amount),
    ("kilos", "kg", UnitKind::Amount),
    ("kg", "kg", UnitKind::Amount),
    ("litres", "litre", UnitKind::Amount),
    ("liters", "litre", UnitKind::Amount),
    ("gallons", "gallon", UnitKind::Amount),
    ("barrels", "barrel", UnitKind::Amount),
    ("hectares", "hectare", UnitKind::Amount),
    ("acres", "acre", UnitKind::Amount),
    // Rain and snow: "180 millimetres of rain".
    ("millimetres", "mm", UnitKind::Amount),
    ("millimeters", "mm", UnitKind::Amount),
    ("mm", "mm", UnitKind::Amount),
    ("centimetres", "cm", UnitKind::Amount),
    ("centimeters", "cm", UnitKind::Amount),
    ("cm", "cm", UnitKind::Amount),
    ("megawatts", "mw", UnitKind::Amount),
    ("mw", "mw", UnitKind::Amount),
    ("kilometres", "km", UnitKind::Distance),
    ("kilometers", "km", UnitKind::Distance),
    ("km", "km", UnitKind::Distance),
    ("miles", "mile", UnitKind::Distance),
    ("mile", "mile", UnitKind::Distance),
    ("mi", "mile", UnitKind::Distance),
    ("metres", "m", UnitKind::Distance),
    ("meters", "m", UnitKind::Distance),
    ("m", "m", UnitKind::Distance),
    ("feet", "ft", UnitKind::Distance),
    ("ft", "ft", UnitKind::Distance),
    ("yards", "yard", UnitKind::Distance),
    ("magnitude", "magnitude", UnitKind::Magnitude),
];

/// The unit a word names: (stored name, kind).
pub(crate) fn unit(w: &str) -> Option<(&'static str, UnitKind)> {
    UNITS
        .iter()
        .find(|(u, _, _)| *u == w)
        .map(|(_, name, kind)| (*name, *kind))
}

/// Currency words after a number ("5 billion dollars", "100 billion
/// Lebanese pounds"): (words before it that qualify it, word, code).
/// A bare "pounds" is a weight as often as a currency, so it needs its
/// qualifier.
const CURRENCY_WORDS: &[(&str, &str, &str)] = &[
    ("", "dollars", "usd"),
    ("", "euros", "eur"),
    ("", "sterling", "gbp"),
    ("british", "pounds", "gbp"),
    ("lebanese", "pounds", "lbp"),
    ("egyptian", "pounds", "egp"),
    ("syrian", "pounds", "syp"),
    ("lebanese", "lira", "lbp"),
    ("turkish", "lira", "try"),
    ("", "lira", "try"),
    ("", "rubles", "rub"),
    ("", "roubles", "rub"),
    ("", "yuan", "cny"),
    ("", "yen", "jpy"),
    ("", "rupees", "inr"),
    ("", "manat", "azn"),
    ("", "drams", "amd"),
    ("", "hryvnias", "uah"),
    ("", "shekels", "ils"),
    ("", "dirhams", "aed"),
    ("", "riyals", "sar"),
    ("", "rials", "irr"),
];

/// The currency named by the words at `w0` (and `w1` after it): the code
/// and how many words it took.
pub(crate) fn currency_word(w0: &str, w1: &str) -> Option<(&'static str, usize)> {
    CURRENCY_WORDS.iter().find_map(|(q, w, code)| {
        if q.is_empty() {
            (w0 == *w).then_some((*code, 1))
        } else {
            (w0 == *q && w1 == *w).then_some((*code, 2))
        }
    })
}

/// Nouns money is said of that name a measure, folded: "the cost of the
/// damage", "damage valued at" and "the value of the damage" are `damage`.
const MONEY_MEASURES: &[(&str, &str)] = &[
    ("damage", "damage"),
    ("damages", "damage"),
    ("destruction", "damage"),
    ("losses", "losses"),
    ("loss", "losses"),
    ("reconstruction", "reconstruction"),
    ("aid", "aid"),
    ("assistance", "aid"),
    ("funding", "funding"),
    ("funds", "funding"),
    ("budget", "budget"),
    ("deficit", "deficit"),
    ("debt", "debt"),
    ("compensation", "compensation"),
    ("ransom", "ransom"),
    ("investment", "investment"),
    ("revenue", "revenue"),
    ("exports", "exports"),
    ("imports", "imports"),
    ("spending", "spending"),
    ("donations", "donations"),
    ("bailout", "bailout"),
    ("loan", "loan"),
    ("fine", "fine"),
];

/// The money measure a word names.
pub(crate) fn money_measure(w: &str) -> Option<&'static str> {
    MONEY_MEASURES
        .iter()
        .find(|(n, _)| *n == w)
        .map(|(_, m)| *m)
}

/// Adjectives that say nothing of what is counted: dropped from a measure.
pub(crate) fn is_empty_modifier(w: &str) -> bool {
    matches!(
        w,
        "more"
            | "other"
            | "additional"
            | "further"
            | "new"
            | "total"
            | "extra"
            | "estimated"
            | "reported"
            | "some"
            | "many"
            | "least"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_fold_synonyms() {
        assert_eq!(action("dead"), Some("killed"));
        assert_eq!(action("fatalities"), Some("killed"));
        assert_eq!(action("wounded"), Some("injured"));
        assert_eq!(noun_class("peacekeepers"), "troops");
        assert_eq!(noun_class("children"), "children");
        assert_eq!(unit("tons"), Some(("tonne", UnitKind::Amount)));
        assert_eq!(currency_word("lebanese", "pounds"), Some(("lbp", 2)));
        assert_eq!(currency_word("pounds", ""), None);
        assert_eq!(money_measure("destruction"), Some("damage"));
    }
}
