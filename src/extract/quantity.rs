//! Quantity claims: a number, its hedge, what it counts and what happened
//! to it ("killed some 30,000 people"), read into a measure (see
//! `measure.rs`) and a figure (see `model::quantity`).

use super::measure::{
    action, currency_word, is_casualty_noun, is_deployment, is_empty_modifier, money_measure,
    noun_class, unit, UnitKind, ACTION_PHRASES,
};
use super::number::{number_at, range_end, shared_scale, sign, Num};
use super::tokens::{
    collapse, is_aux, is_demonym, is_stop, month_index, weekday_index, Kind, Sent, DEMONYMS,
};
use crate::model::quantity::{interval, Hedge, HEDGES};
use crate::model::Quantity;

/// Formats an interval bound for keys and listings: integers without ".0".
pub(crate) fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// A quantity found in a sentence, with the token spans it came from.
pub(crate) struct Found {
    /// First token of the phrase.
    pub start: usize,
    /// One past the last token of the phrase.
    pub end: usize,
    /// First token of the number itself, for the nearest date.
    pub number: usize,
    pub quantity: Quantity,
    pub text: String,
    pub confidence: f64,
    /// The action class, for a part that follows ("100,000 children among them").
    action: Option<&'static str>,
    /// The hedge, for a figure coordinated after this one ("at least 25 dead, 2,500 injured").
    hedge: Option<(Hedge, &'static str)>,
}

/// Finds the quantity claims of one sentence.
pub(crate) fn find(s: &Sent) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        match claim_at(s, i, &out) {
            Some((found, next)) => {
                i = next.max(i + 1);
                out.push(found);
            }
            None => i += 1,
        }
    }
    out
}

/// Hedge words ending just before token `start`: (first token, rule, words).
fn hedge_before(s: &Sent, start: usize) -> Option<(usize, Hedge, &'static str)> {
    let mut best: Option<(usize, Hedge, &'static str)> = None;
    let last = start.checked_sub(1).map_or("", |p| s.w(p));
    for (words, class) in HEDGES {
        // Most hedges end in another word than the one before the number.
        if !words.ends_with(last) || last.is_empty() {
            continue;
        }
        let n = words.split(' ').count();
        if start < n {
            continue;
        }
        let from = start - n;
        let matched = words
            .split(' ')
            .enumerate()
            .all(|(k, w)| s.w(from + k) == w);
        // The longest phrase wins: "no more than", not "more than".
        if matched && best.is_none_or(|b| from < b.0) {
            best = Some((from, *class, words));
        }
    }
    best
}

/// Hedges that are verbs of a rising toll: "toll climbs to 158" needs no "is".
fn is_verb_hedge(word: &str) -> bool {
    word.ends_with(" to")
        || matches!(
            word,
            "reached" | "reaches" | "past" | "topped" | "exceeded" | "surpassed" | "may reach"
        )
}

/// Words between a toll and its figure: "the death toll ... has reached",
/// "deaths now number over", "the wounded – now around".
fn is_link(w: &str) -> bool {
    matches!(
        w,
        "is" | "was"
            | "are"
            | "were"
            | "has"
            | "had"
            | "have"
            | "now"
            | "stands"
            | "stood"
            | "number"
            | "numbered"
            | "totals"
            | "totalled"
            | "totaled"
            | "climbs"
            | "climbed"
            | "rises"
            | "rose"
            | "\u{2013}"
            | "\u{2014}"
    )
}

/// Words that name a toll before its figure, and the action they say.
fn toll_word(w: &str) -> Option<&'static str> {
    match w {
        "toll" | "dead" | "deaths" | "killed" | "fatalities" => Some("killed"),
        "casualties" => Some("casualties"),
        "injured" | "wounded" | "injuries" => Some("injured"),
        "missing" => Some("missing"),
        "homeless" => Some("homeless"),
        "displaced" => Some("displaced"),
        _ => None,
    }
}

/// The action of a toll named before the figure in the same clause:
/// "the number of dead is 154", "Deaths ... now number over 100". A link
/// word or a rising verb must stand between them.
fn toll_before(s: &Sent, hedge_start: usize, verb_hedge: bool) -> Option<&'static str> {
    let mut linked = verb_hedge;
    for k in (hedge_start.saturating_sub(14)..hedge_start).rev() {
        let w = s.w(k);
        if is_link(w) {
            linked = true;
            continue;
        }
        match s.kind(k) {
            Some(Kind::Num | Kind::Quote) => return None,
            Some(Kind::Punct) if !matches!(w, "-") => return None,
            _ => {}
        }
        if let Some(a) = toll_word(w) {
            // "a death toll of 30,000".
            return (linked || s.w(k + 1) == "of").then_some(a);
        }
    }
    None
}

/// Words that may stand between a count and what happened to it:
/// "people have been wounded", "people who are now without homes".
fn is_between_count_and_action(w: &str) -> bool {
    matches!(
        w,
        "were"
            | "was"
            | "are"
            | "is"
            | "have"
            | "has"
            | "had"
            | "been"
            | "being"
            | "still"
            | "now"
            | "reportedly"
            | "also"
            | "later"
            | "who"
            | "remained"
            | "remain"
            | "left"
            | "made"
            | "reported"
            | "confirmed"
            | "feared"
            | "believed"
            | "declared"
            | "presumed"
    )
}

/// Past tenses that do not end in -ed, which end a counted noun as -ed
/// does: "300,000 people lost their homes" counts people, not "people lost".
pub(crate) fn is_irregular_past(w: &str) -> bool {
    matches!(
        w,
        "lost"
            | "took"
            | "went"
            | "came"
            | "saw"
            | "got"
            | "gave"
            | "held"
            | "ran"
            | "fought"
            | "began"
            | "became"
            | "sought"
            | "told"
            | "said"
            | "kept"
            | "stood"
            | "spent"
            | "fell"
            | "rose"
            | "grew"
            | "chose"
            | "drove"
            | "flew"
            | "wrote"
            | "met"
            | "won"
            | "paid"
            | "brought"
            | "thought"
            | "slept"
            | "sat"
            | "hid"
            | "swam"
            | "knew"
            | "felt"
            | "heard"
            | "found"
            | "struck"
            | "threw"
            | "underwent"
            | "withdrew"
            | "overran"
    )
}

/// What happened to a count, said after it: (class, end token).
fn action_after(s: &Sent, from: usize) -> Option<(&'static str, usize)> {
    let mut k = from;
    while k < from + 4 && is_between_count_and_action(s.w(k)) {
        k += 1;
    }
    for start in [k, from] {
        if let Some(a) = action(s.w(start)) {
            return Some((a, start + 1));
        }
        for (words, class) in ACTION_PHRASES {
            if s.seq(start, words) {
                return Some((class, start + words.len()));
            }
        }
    }
    None
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
        if is_stop(w)
            || action(w).is_some()
            || is_casualty_noun(w)
            || w == "ago"
            || (k > j && (is_between_count_and_action(w) || is_irregular_past(w)))
            // "17 remain missing": the count is of people.
            || (is_between_count_and_action(w) && action(s.w(k + 1)).is_some())
            || ACTION_PHRASES.iter().any(|(words, _)| s.seq(k, words))
        {
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

/// What a figure measures, as read from its words.
struct Measured {
    measure: String,
    comparable: bool,
    unit: String,
    action: Option<&'static str>,
    /// First and one-past-last token of the words that say it.
    start: usize,
    end: usize,
    /// One past the unit word, when the figure is written with one.
    unit_end: Option<usize>,
    /// The measure as the claim's text shows it: with the noun as written
    /// ("russian peacekeepers deployed" for the measure "russian troops deployed").
    shown: Option<String>,
}

/// A money figure's measure: the specific noun it is said of, after it
/// ("100 billion pounds in exceptional funding") or before it in the
/// sentence ("the cost of the damage ... between $3 billion and $5
/// billion"); a sum said only of a cost or value is not compared.
fn money(s: &Sent, code: &'static str, hedge_start: usize, end: usize) -> Measured {
    let after = (end..(end + 4).min(s.len()))
        .take_while(|&k| s.is_word(k) && !matches!(s.w(k), "to" | "and" | "for"))
        .find_map(|k| money_measure(s.w(k)).map(|m| (m, k + 1)));
    let before = || {
        (0..hedge_start)
            .rev()
            .find_map(|k| money_measure(s.w(k)).map(|m| (m, hedge_start)))
    };
    let (measure, comparable, end) = match after.or_else(before) {
        Some((m, e)) => (m.to_string(), true, e.max(end)),
        None => ("sum".to_string(), false, end),
    };
    Measured {
        measure,
        comparable,
        unit: code.to_string(),
        action: None,
        start: hedge_start,
        end,
        unit_end: None,
        shown: None,
    }
}

/// The last two words of the noun phrase after "of" at `k`: "tonnes of
/// explosive ammonium nitrate" counts "ammonium nitrate".
fn of_complement(s: &Sent, k: usize) -> Option<(String, usize)> {
    if s.w(k) != "of" {
        return None;
    }
    let mut a = k + 1;
    if matches!(s.w(a), "the" | "a" | "an") {
        a += 1;
    }
    let mut b = a;
    while b < s.len() && b < a + 4 && s.is_word(b) && !is_stop(s.w(b)) {
        let w = s.w(b);
        if b > a && (w.ends_with("ed") || w.ends_with("ing") || is_irregular_past(w)) {
            break;
        }
        b += 1;
    }
    if b == a {
        return None;
    }
    Some((s.joined(b.saturating_sub(2).max(a), b), b))
}

/// A figure in a unit of measurement; `after` is the token after the unit.
fn in_unit(s: &Sent, name: &'static str, kind: UnitKind, after: usize) -> Measured {
    let (measure, comparable, end) = match kind {
        UnitKind::Amount => match of_complement(s, after) {
            Some((what, end)) => (what, true, end),
            None => (name.to_string(), false, after),
        },
        UnitKind::Distance => ("distance".to_string(), false, after),
        UnitKind::Magnitude => {
            let quake = matches!(s.w(after), "earthquake" | "quake" | "tremor");
            let end = if quake { after + 1 } else { after };
            // The words around the figure (a window, so a sentence of many
            // figures is read in linear time).
            let near = after.saturating_sub(15)..(after + 10).min(s.len());
            // An aftershock's magnitude is not the earthquake's, and a
            // passage about aftershocks may give several: such a figure is
            // never compared, unless the quake itself is named before it.
            let quake_before =
                (near.start..after).any(|k| matches!(s.w(k), "earthquake" | "quake"));
            let aftershock = s.w(after).starts_with("aftershock")
                || (!quake
                    && !quake_before
                    && near.clone().any(|k| s.w(k).starts_with("aftershock")));
            // Another quake than the day's: a foreshock, the tremors that
            // followed, another or a previous one, one of a past year ("the
            // 1999 quake", "in 2011").
            let another = near.clone().any(|k| {
                let w = s.w(k);
                let year = s.kind(k) == Some(Kind::Num)
                    && w.len() == 4
                    && w.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y));
                matches!(
                    w,
                    "foreshock" | "foreshocks" | "tremors" | "another" | "previous"
                ) || (year && k > 0 && matches!(s.w(k - 1), "the" | "in" | "since"))
            });
            let end = if s.w(after).starts_with("aftershock") {
                after + 1
            } else {
                end
            };
            if aftershock {
                ("aftershock magnitude".to_string(), false, end)
            } else {
                ("earthquake magnitude".to_string(), !another, end)
            }
        }
    };
    Measured {
        measure,
        comparable,
        unit: name.to_string(),
        action: None,
        start: after,
        end,
        unit_end: Some(after),
        shown: None,
    }
}

/// Verbs before "N lives" that say they were lost.
fn takes_lives(w: &str) -> bool {
    matches!(
        w,
        "claimed" | "claiming" | "took" | "taken" | "cost" | "lost"
    )
}

/// A count of things: the counted noun phrase with its modifiers and what
/// happened to them, from the words after the number, the verb before it,
/// a toll named before it, or the figure it is part of.
fn counted(
    s: &Sent,
    num: &Num,
    hedge_start: usize,
    verb_hedge: bool,
    j: usize,
    before: &[Found],
) -> Option<Measured> {
    let mut j = j;
    // "Nine of the dead were children": a part of the whole named after it.
    let part = !num.vague && s.seq(j, &["of", "the"]);
    if num.vague || s.w(j) == "of" {
        // "thousands of people"; "dozens dead" needs no "of".
        if s.w(j) == "of" {
            j += 1;
            if s.w(j) == "the" {
                j += 1;
            }
        } else if action(s.w(j)).is_none() {
            return None;
        }
    }
    // The verb that governs the figure, just before its hedge.
    let verb = hedge_start
        .checked_sub(1)
        .filter(|&p| s.is_word(p) && !is_stop(s.w(p)) && !s.cap(p));
    let verb_word = verb.map_or("", |p| s.w(p));
    let mut start = verb
        .filter(|&p| action(s.w(p)).is_some())
        .unwrap_or(hedge_start);
    let mut modifiers: Vec<String> = Vec::new();
    let mut written_noun = None;
    let (noun, mut end, mut act) = match noun_phrase(s, j) {
        Some((np_end, head)) => {
            let hw = s.w(head);
            if noun_class(hw) == "troops" && hw != "troops" {
                written_noun = Some(hw.to_string());
            }
            if is_time_unit(hw) || s.w(np_end) == "ago" {
                return None;
            }
            if num.word && !num.vague && !(hw.ends_with('s') || plural_without_s(hw)) {
                return None;
            }
            let military = hw == "personnel" && head > j && s.w(head - 1) == "military";
            let noun = if military { "troops" } else { noun_class(hw) };
            for k in j..head {
                let w = s.w(k);
                if (military && k + 1 == head) || is_empty_modifier(w) {
                    continue;
                }
                modifiers.push(normalize_demonym(w).to_string());
            }
            if hw == "lives" && takes_lives(verb_word) {
                ("people".to_string(), np_end, Some("killed"))
            } else if np_end > head + 1 {
                // "districts of Azerbaijan": the complement stays in the measure.
                (
                    format!("{noun} {}", s.joined(head + 1, np_end)),
                    np_end,
                    None,
                )
            } else {
                (noun.to_string(), np_end, None)
            }
        }
        None => {
            // "100 dead", "some 300,000 were made homeless".
            let governing = verb
                .and_then(|p| action(s.w(p)))
                .filter(|a| !is_deployment(a));
            match action_after(s, j) {
                Some((a, e)) if a != "deployed" => ("people".to_string(), e, Some(a)),
                // "injured over 4,000."
                _ if governing.is_some() => ("people".to_string(), num.end.max(j), governing),
                _ => {
                    // "Of the 300,000 people made homeless, up to 100,000 are children".
                    let of_the =
                        s.seq(0, &["of", "the"]) && before.first().is_some_and(|b| b.number <= 3);
                    if of_the && matches!(s.w(j), "are" | "were") {
                        let (np_end, head) = noun_phrase(s, j + 1)?;
                        let inherited = before.first().and_then(|b| b.action);
                        let modifiers = (j + 1..head)
                            .map(|k| s.w(k))
                            .filter(|w| !is_empty_modifier(w))
                            .map(str::to_string)
                            .collect();
                        return Some(finish(
                            noun_class(s.w(head)).to_string(),
                            modifiers,
                            inherited,
                            start,
                            np_end,
                        ));
                    }
                    let a = toll_before(s, hedge_start, verb_hedge)?;
                    ("people".to_string(), num.end.max(j), Some(a))
                }
            }
        }
    };
    if act.is_none() {
        if let Some((a, e)) = action_after(s, end) {
            act = Some(a);
            end = e;
        }
    }
    if act.is_none() {
        if let Some(a) = verb.and_then(|p| action(s.w(p))) {
            act = Some(a);
        }
    }
    if act.is_none() && noun == "people" {
        act = toll_before(s, hedge_start, verb_hedge);
    }
    if act.is_none() && (s.seq(end, &["among", "them"]) || s.seq(end, &["of", "them"])) {
        act = before.last().and_then(|b| b.action);
        end += 2;
    }
    // Only troops are deployed: "sent 500 letters" is not a deployment.
    if act.is_some_and(is_deployment) && noun != "troops" {
        act = None;
    }
    // A force's size, unless another verb says what happened to the troops
    // ("captured 30 soldiers", "treated 45 soldiers"): then the count is
    // of no measure that is compared.
    let other_verb = verb.is_some_and(|p| action(s.w(p)).is_none() && !is_aux(s.w(p)))
        // "30 soldiers were captured".
        || {
            let mut k = end;
            while k < end + 3 && is_aux(s.w(k)) {
                k += 1;
            }
            k > end && s.w(k).ends_with("ed") && action(s.w(k)).is_none()
        };
    let mut uncompared = false;
    if act.is_none() && noun == "troops" {
        if other_verb {
            uncompared = true;
        } else {
            act = Some("deployed");
        }
    }
    // "Russia has sent some 2,000 peacekeepers": the country is whose they
    // are. "Israel has killed 35,000 people": not whose the dead are.
    if let Some(p) = verb.filter(|_| act.is_some_and(is_deployment)) {
        let mut q = p;
        while q > 0 && is_aux(s.w(q - 1)) {
            q -= 1;
        }
        let has_demonym = modifiers.iter().any(|m| is_demonym(m));
        if let Some((first, d)) = q.checked_sub(1).and_then(|q| country_before(s, q)) {
            if !has_demonym {
                modifiers.insert(0, d.to_string());
            }
            start = first;
        }
    }
    if part {
        return Some(part_of_whole(s, act, start, end));
    }
    let mut measured = finish(noun, modifiers, act, start, end);
    measured.comparable &= !uncompared;
    // "3,381 people had died in Turkey": where is part of a toll, so
    // Turkey's toll and Syria's never conflict.
    if act.is_some_and(|a| crate::model::quantity::ACCUMULATING.contains(&a)) {
        if let Some((place, place_end)) = place_after(s, measured.end) {
            measured.measure = format!("{} in {place}", measured.measure);
            measured.end = place_end;
        }
        // "13,000 children killed since October": a running total, never
        // one strike's toll of the same day.
        if let Some(since) = since_after(s, measured.end) {
            measured.measure = format!("{} since {since}", measured.measure);
        }
    }
    if let Some(written) = written_noun {
        measured.shown = Some(measured.measure.replacen("troops", &written, 1));
    }
    Some(measured)
}

/// A place named right after a count's action: "in Turkey", "in Gaza
/// City" (a country by its one name), and one past its last word. A day
/// or month is not a place, nor a name that qualifies a noun after it
/// ("in Beirut blast").
fn place_after(s: &Sent, k: usize) -> Option<(String, usize)> {
    if s.w(k) != "in" {
        return None;
    }
    let mut end = k + 1;
    while end < k + 4
        && s.is_word(end)
        && s.cap(end)
        && weekday_index(s.w(end).trim_end_matches("'s")).is_none()
        && month_index(s.w(end)).is_none()
    {
        end += 1;
    }
    // "dead in Beirut blast": the name is the event's, not a place.
    let names_a_thing = s.is_word(end) && !s.cap(end) && !is_stop(s.w(end));
    if end == k + 1 || names_a_thing {
        return None;
    }
    let words = s.joined(k + 1, end);
    let place = super::countries::by_name(&words).map_or(words, |c| c.name.to_string());
    Some((place, end))
}

/// When a running total starts, said in the clause after its figure:
/// "since October", "since 2014", "since the war began" (up to three
/// words, lowercase).
fn since_after(s: &Sent, from: usize) -> Option<String> {
    let at = (from..(from + 10).min(s.len()))
        .take_while(|&k| s.kind(k) != Some(Kind::Punct))
        .find(|&k| s.w(k) == "since")?;
    // "the deadliest attack since 2014" compares the event with the past.
    let superlative = (at.saturating_sub(3)..at).any(|k| {
        matches!(
            s.w(k),
            "first"
                | "most"
                | "worst"
                | "deadliest"
                | "bloodiest"
                | "biggest"
                | "largest"
                | "highest"
                | "lowest"
                | "heaviest"
                | "strongest"
                | "longest"
                | "greatest"
                | "fiercest"
                | "hottest"
                | "coldest"
                | "wettest"
                | "driest"
                | "busiest"
                | "severest"
                | "costliest"
                | "fastest"
                | "best"
        )
    });
    if superlative {
        return None;
    }
    let first = at + 1;
    // "since the blast" is the day's event itself; "since the war" is not.
    let long_running = s.w(first) == "the"
        && matches!(
            s.w(first + 1),
            "start"
                | "beginning"
                | "war"
                | "conflict"
                | "invasion"
                | "offensive"
                | "outbreak"
                | "pandemic"
                | "fighting"
                | "uprising"
                | "crisis"
                | "occupation"
                | "siege"
        );
    let dated = month_index(s.w(first)).is_some()
        || (s.kind(first) == Some(Kind::Num) && s.w(first).len() == 4)
        || long_running;
    if !dated {
        return None;
    }
    let end = (first..(first + 3).min(s.len()))
        .take_while(|&k| s.is_word(k) || s.kind(k) == Some(Kind::Num))
        .last()?
        + 1;
    Some(s.joined(first, end))
}

/// The measure of a count: modifiers, the counted noun's class (with its
/// complement), the action. Comparable when it says what happened, counts
/// troops, or qualifies its noun; the unit is the noun's class.
fn finish(
    noun: String,
    modifiers: Vec<String>,
    act: Option<&'static str>,
    start: usize,
    end: usize,
) -> Measured {
    let unit = noun.split(' ').next().unwrap_or(&noun).to_string();
    let comparable =
        act.is_some() || unit == "troops" || !modifiers.is_empty() || noun.contains(' ');
    let mut words: Vec<&str> = modifiers.iter().map(String::as_str).collect();
    words.push(&noun);
    if let Some(a) = act {
        words.push(a);
    }
    Measured {
        measure: words.join(" "),
        comparable,
        unit,
        action: act,
        start,
        end,
        unit_end: None,
        shown: None,
    }
}

/// Who holds a share, named just before the verb that gives it: "The Civic
/// Union won 31.4%", "Smith's party took 22%" (lowercase, without "the").
fn share_holder(s: &Sent, hedge_start: usize) -> Option<String> {
    let verb = hedge_start.checked_sub(1)?;
    if !matches!(
        s.w(verb),
        "won"
            | "wins"
            | "took"
            | "takes"
            | "got"
            | "gets"
            | "received"
            | "receives"
            | "secured"
            | "gained"
            | "garnered"
            | "captured"
            | "polled"
            | "scored"
            | "had"
            | "has"
    ) {
        return None;
    }
    let mut a = verb;
    while a > 0 && a + 6 > verb && s.is_word(a - 1) && (s.cap(a - 1) || s.w(a - 1) == "'s") {
        a -= 1;
    }
    if s.w(a) == "the" {
        a += 1;
    }
    let pronoun = matches!(s.w(a), "he" | "she" | "it" | "they" | "we" | "i" | "you");
    (a < verb && !pronoun).then(|| s.joined(a, verb))
}

/// A part of a whole named after its figure ("Nine of the dead", "Ten of
/// the injured"): measured by what the part is, when the sentence says it
/// ("... were children": children killed), else never compared, since it
/// is not the whole's figure.
fn part_of_whole(s: &Sent, act: Option<&'static str>, start: usize, end: usize) -> Measured {
    if matches!(s.w(end), "were" | "are" | "was" | "is") {
        if let Some((np_end, head)) = noun_phrase(s, end + 1) {
            let modifiers = (end + 1..head)
                .map(|k| s.w(k))
                .filter(|w| !is_empty_modifier(w))
                .map(str::to_string)
                .collect();
            return finish(
                noun_class(s.w(head)).to_string(),
                modifiers,
                act,
                start,
                np_end,
            );
        }
    }
    let mut measured = finish("people".to_string(), Vec::new(), act, start, end);
    measured.comparable = false;
    measured
}

/// A nationality adjective in its one stored form: "azeri" is "azerbaijani".
fn normalize_demonym(w: &str) -> &str {
    match w {
        "azeri" => "azerbaijani",
        _ => w,
    }
}

/// Words before a number word that make it a reference, not a count.
fn refers_back(w: &str) -> bool {
    matches!(
        w,
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
}

/// Tries to read one quantity claim with its number at token `i`; returns it
/// and the token to continue from. `before` are the sentence's earlier finds.
fn claim_at(s: &Sent, i: usize, before: &[Found]) -> Option<(Found, usize)> {
    // A number after a currency sign is read from the sign.
    if s.kind(i) == Some(Kind::Num) && i > 0 && sign(s.w(i - 1)).is_some() {
        return None;
    }
    let num = number_at(s, i)?;
    let digit = if num.currency.is_some() { i + 1 } else { i };
    // "200 kilometers (180 miles)": a figure in brackets right after a
    // figure with a unit is its conversion, not a claim of its own.
    if i >= 3 && s.w(i - 1) == "(" && before.last().is_some_and(|b| b.end + 1 == i) {
        return None;
    }
    let prev = num.start.checked_sub(1).map_or("", |p| s.w(p));
    let raw = s.raw(digit, digit + 1);
    // Years and dates are not counts.
    let bare_year = raw.len() == 4
        && raw.bytes().all(|b| b.is_ascii_digit())
        && (1500.0..=2100.0).contains(&num.low)
        && num.end == digit + 1
        && num.currency.is_none();
    if bare_year && hedge_before(s, num.start).is_none() {
        return None;
    }
    if num.low <= 31.0 && (month_index(prev).is_some() || month_index(s.w(num.end)).is_some()) {
        return None;
    }
    // "6:00 pm", "Article 5".
    if is_label(prev) || (s.w(num.end) == ":" && s.kind(num.end + 1) == Some(Kind::Num)) {
        return None;
    }
    if num.word && !num.vague && refers_back(prev) {
        return None;
    }
    // Ranges: "between 100 and 200", "100 to 200", "$3-5bn", "$10 to $15 billion".
    let mut stated = (num.low, num.high);
    let mut range_word = None;
    let mut range_start = num.start;
    let mut end = num.end;
    let mut currency = num.currency;
    if prev == "between" && s.w(num.end) == "and" {
        if let Some(b) = range_end(s, &num, num.end + 1) {
            stated = (shared_scale(&num, &b), b.high);
            end = b.end;
            currency = currency.or(b.currency);
            range_word = Some("between");
            range_start = num.start - 1;
        }
    } else if matches!(s.w(num.end), "to" | "-" | "\u{2013}") {
        if let Some(b) = range_end(s, &num, num.end + 1) {
            let low = shared_scale(&num, &b);
            if b.high > low && !(bare_year && b.high <= 2100.0) {
                stated = (low, b.high);
                end = b.end;
                currency = currency.or(b.currency);
                // "between $3-5bn".
                if prev == "between" {
                    range_word = Some("between");
                    range_start = num.start - 1;
                } else {
                    range_word = Some("to");
                }
            }
        }
    }
    if let Some((code, n)) = currency_word(s.w(end), s.w(end + 1)) {
        currency = Some(code);
        end += n;
    }
    // "30 days", "6 pm": not counts. "31.4 percent" and "31.4 per cent"
    // are shares, read below ("per" also starts "per day").
    let percent_word = s.w(end) == "percent" || s.seq(end, &["per", "cent"]);
    if currency.is_none()
        && !percent_word
        && (is_time_unit(s.w(end)) || matches!(s.w(end), "gmt" | "utc" | "local"))
    {
        return None;
    }
    let mut percent = false;
    if matches!(s.w(end), "%" | "percent") || s.seq(end, &["per", "cent"]) {
        percent = true;
        end += if s.w(end) == "per" { 2 } else { 1 };
    }
    let number_end = end;

    // The hedge: written before the figure, after it ("or more"), or
    // carried over from the figure this one is listed with.
    let mut hedge = None;
    let mut hedge_start = range_start;
    if range_word.is_none() {
        if let Some((from, class, words)) = hedge_before(s, range_start) {
            hedge = Some((class, words));
            hedge_start = from;
        } else if let Some((words, class)) = [("or more", Hedge::AtLeast), ("or so", Hedge::Approx)]
            .into_iter()
            .find(|(w, _)| s.seq(end, &w.split(' ').collect::<Vec<_>>()))
        {
            hedge = Some((class, words));
            end += 2;
        } else if let Some(p) = before.last() {
            // "at least 25 people killed, 2,500 injured": a list of short
            // figures, the second a plain number said of an action.
            let between = range_start.saturating_sub(p.end);
            let joined = (p.end..range_start).all(|k| matches!(s.w(k), "," | "and"));
            let short = p.end.saturating_sub(p.number) <= 5;
            let listed = !num.word && !num.vague && action(s.w(end)).is_some();
            if p.hedge.is_some() && between <= 2 && joined && short && listed {
                hedge = p.hedge;
            }
        }
    }
    let verb_hedge = hedge.is_some_and(|(_, w)| is_verb_hedge(w));
    let (low, high) = interval(hedge.map(|h| h.0), stated.0, stated.1);

    let m = if let Some(code) = currency {
        money(s, code, hedge_start, end)
    } else if percent {
        let (what, e) = of_complement(s, end)?;
        // Whose share: "The Civic Union won 31.4% of the vote". Two
        // holders' shares are two measures; a share of no one named is
        // never compared.
        let holder = share_holder(s, hedge_start);
        Measured {
            measure: match &holder {
                Some(h) => format!("{h} {what} share"),
                None => format!("{what} share"),
            },
            comparable: holder.is_some(),
            unit: "percent".to_string(),
            action: None,
            start: hedge_start,
            end: e,
            unit_end: None,
            shown: None,
        }
    } else {
        // "3.3-magnitude", "magnitude 5.8", "2,750 tonnes", "9km".
        let at = if s.w(end) == "-" { end + 1 } else { end };
        let unit_here = unit(s.w(at)).map(|(n, k)| (n, k, at + 1));
        // "magnitude 5.8", "magnitude-6.8", "a magnitude of 6.8", "put the
        // magnitude at 6.8".
        let before_prev = num.start.checked_sub(2).map_or("", |p| s.w(p));
        let magnitude_before = prev == "magnitude"
            || (matches!(prev, "-" | "of" | "at") && before_prev == "magnitude");
        let unit_before = magnitude_before.then_some(("magnitude", UnitKind::Magnitude, end));
        let vague_of = (num.vague && s.w(end) == "of")
            .then(|| unit(s.w(end + 1)).map(|(n, k)| (n, k, end + 2)))
            .flatten();
        match unit_here.or(unit_before).or(vague_of) {
            Some((name, kind, after)) => in_unit(s, name, kind, after),
            None => counted(s, &num, hedge_start, verb_hedge, end, before)?,
        }
    };
    let written = collapse(s.raw(hedge_start, m.unit_end.unwrap_or(number_end)));
    let confidence = if num.vague {
        0.6
    } else if num.word {
        0.75
    } else {
        0.9
    };
    let quantity = Quantity {
        measure: m.measure.clone(),
        comparable: m.comparable,
        low,
        high,
        unit: Some(m.unit),
        hedge: hedge
            .map(|h| h.1.to_string())
            .or(range_word.map(str::to_string)),
    };
    let phrase_start = hedge_start.min(m.start);
    let phrase_end = end.max(m.end);
    let found = Found {
        start: phrase_start,
        end: phrase_end,
        number: digit,
        text: format!("{}: {written}", m.shown.as_deref().unwrap_or(&m.measure)),
        quantity,
        confidence,
        action: m.action,
        hedge,
    };
    Some((found, phrase_end))
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
            | "hr"
            | "hrs"
            | "min"
            | "mins"
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

#[cfg(test)]
mod tests {
    use super::super::tokens::Buffers;
    use super::*;

    type Row = (String, f64, f64, String, Option<String>, bool);

    fn q(text: &str) -> Vec<Row> {
        let mut b = Buffers::default();
        let s = b.sentence(text, 0..text.len());
        find(&s)
            .into_iter()
            .map(|f| {
                let q = f.quantity;
                let unit = q.unit.unwrap_or_default();
                (q.measure, q.low, q.high, unit, q.hedge, q.comparable)
            })
            .collect()
    }

    fn one(text: &str) -> Row {
        let mut all = q(text);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.remove(0)
    }

    /// The measure and interval of the only figure in `text`.
    fn mi(text: &str) -> (String, f64, f64) {
        let r = one(text);
        (r.0, r.1, r.2)
    }

    fn m(measure: &str, low: f64, high: f64) -> (String, f64, f64) {
        (measure.to_string(), low, high)
    }

    #[test]
    fn seed_peacekeepers_are_one_measure() {
        let press = one("Russia has sent some 2,000 peacekeepers as well as armored personnel carriers and other military equipment to monitor the truce deal.");
        let mt = one("The Armenian separatists are retaining control over most of Karabakh's territory and some 2,000 Russian peacekeepers have deployed along frontline areas and to protect a land link connecting Karabakh with Armenia.");
        assert_eq!(
            press,
            (
                "russian troops deployed".into(),
                1800.0,
                2200.0,
                "troops".into(),
                Some("some".into()),
                true
            )
        );
        assert_eq!(press, mt);
    }

    #[test]
    fn ways_of_saying_killed_are_one_measure() {
        let killed = m("people killed", 27000.0, 33000.0);
        assert_eq!(mi("in a war that killed some 30,000 people."), killed);
        assert_eq!(mi("The war left around 30,000 dead."), killed);
        assert_eq!(mi("The war claimed some 30,000 lives."), killed);
        assert_eq!(mi("The war had a death toll of about 30,000."), killed);
        assert_eq!(
            mi("the Beirut port explosion has now claimed 158 lives"),
            m("people killed", 158.0, 158.0)
        );
        assert_eq!(
            mi("The number of dead is 154, including 25 who have not yet been identified."),
            m("people killed", 154.0, 154.0)
        );
        assert_eq!(
            mi("Deaths from the Beirut blast now number over 100"),
            m("people killed", 101.0, 1000.0)
        );
        assert_eq!(
            mi("the head of the Lebanese Red Cross said the death toll from the massive explosion that shook Beirut on Tuesday has reached 100"),
            m("people killed", 100.0, 1000.0)
        );
        assert_eq!(
            mi("Toll from Beirut port explosion climbs to 158 - TV"),
            m("people killed", 158.0, 1580.0)
        );
        assert_eq!(
            mi("Beirut blast toll climbs past 100"),
            m("people killed", 101.0, 1000.0)
        );
        assert_eq!(
            mi("The number of people killed on Tuesday by a huge explosion in the capital Beirut had reached 78"),
            m("people killed", 78.0, 780.0)
        );
        assert_eq!(
            mi("the number killed in the Beirut blast had doubled to at least 50, and many more are feared dead."),
            m("people killed", 50.0, 500.0)
        );
        assert_eq!(
            mi("Health minister: at least 50 dead in Beirut blast"),
            m("people killed", 50.0, 500.0)
        );
    }

    #[test]
    fn injured_missing_homeless() {
        let r = q("Tuesday's huge blast at the port of Beirut had left at least 25 people dead and more than 2,500 injured.");
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!((r[0].0.as_str(), r[0].1), ("people killed", 25.0));
        assert_eq!((r[1].0.as_str(), r[1].1), ("people injured", 2501.0));
        // A hedge carries over to the figure listed with it.
        let r = q("Beirut blast: at least 25 people killed, 2,500 injured");
        assert_eq!(
            (r[1].0.as_str(), r[1].1, r[1].4.as_deref()),
            ("people injured", 2500.0, Some("at least"))
        );
        assert_eq!(
            mi("injured more than 4,000 others"),
            m("people injured", 4001.0, 40000.0)
        );
        assert_eq!(mi("Hours afterwards, ambulances were still taking away the wounded \u{2013} now around 5,000 \u{2013} while army helicopters helped"), m("people injured", 4500.0, 5500.0));
        assert_eq!(
            mi("\u{410}bout 6,000 people suffered injuries"),
            m("people injured", 5400.0, 6600.0)
        );
        assert_eq!(
            mi("Scores of people remained missing"),
            m("people missing", 40.0, 199.0)
        );
        assert_eq!(
            mi("The number of people reported missing is more than 60, a spokesperson said."),
            m("people missing", 61.0, 600.0)
        );
        assert_eq!(
            mi("Beirut blast leaves up to 300,000 homeless: governor"),
            m("people homeless", 0.0, 300000.0)
        );
        assert_eq!(
            mi("More than 300,000 people have lost their homes."),
            m("people homeless", 300001.0, 3000000.0)
        );
        // Without "have": "lost" ends the counted noun, and its phrase says
        // what happened.
        assert_eq!(
            mi("300,000 people lost their homes in the blast."),
            m("people homeless", 300000.0, 300000.0)
        );
        assert_eq!(
            mi("About 300,000 people lost their homes."),
            m("people homeless", 270000.0, 330000.0)
        );
        assert_eq!(
            mi("Between 250,000 and 300,000 people lost their homes."),
            m("people homeless", 250000.0, 300000.0)
        );
        assert_eq!(
            mi("At least 40 people lost their lives in the floods."),
            m("people killed", 40.0, 400.0)
        );
        let r = q("More than 300 people were injured and 17 remain missing.");
        assert_eq!(
            (r[0].0.as_str(), r[0].1),
            ("people injured", 301.0),
            "{r:?}"
        );
        assert_eq!((r[1].0.as_str(), r[1].1), ("people missing", 17.0), "{r:?}");
        let rain = q("Up to 180 millimetres of rain fell in a day.");
        assert_eq!(
            (rain[0].0.as_str(), rain[0].3.as_str(), rain[0].5),
            ("rain", "mm", true),
            "{rain:?}"
        );
        assert_eq!(mi("\"I think there are between 250,000 and 300,000 people who are now without homes,\" he said."), m("people homeless", 250000.0, 300000.0));
        let r = q("In a flash, at least 137 people were killed, more than 5,000 and some 300,000 were made homeless.");
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!(r[1].0, "people homeless");
        assert_eq!(
            mi("Officials said 300,000 people were displaced."),
            m("people displaced", 300000.0, 300000.0)
        );
    }

    #[test]
    fn troops_captured_are_no_force_and_a_killer_is_not_the_dead_s_country() {
        let r = q("Rebels said they had captured 30 soldiers.");
        assert!(r.iter().all(|row| !row.5), "{r:?}");
        let r = q("Officials said 30 soldiers were captured on Monday.");
        assert!(r.iter().all(|row| !row.5), "{r:?}");
        let r = q("Russia has sent some 2,000 peacekeepers.");
        assert_eq!(
            (r[0].0.as_str(), r[0].5),
            ("russian troops deployed", true),
            "{r:?}"
        );
        let r = q("Israel has killed more than 35,000 people.");
        assert_eq!(r[0].0, "people killed", "{r:?}");
    }

    #[test]
    fn a_running_total_is_not_one_days_toll() {
        let r = q("UNICEF said 13,000 children had been killed since October.");
        assert_eq!(r[0].0, "children killed since october", "{r:?}");
        let r = q("More than 35,000 people have been killed since the war began.");
        assert_eq!(r[0].0, "people killed since the war began", "{r:?}");
        let r = q("The strike killed 30 people on Monday.");
        assert_eq!(r[0].0, "people killed", "{r:?}");
        let r = q("At least 300 people have been killed in the unrest since January.");
        assert_eq!(r[0].0, "people killed since january", "{r:?}");
        let r = q("Thirty people were killed in the deadliest attack since 2014.");
        assert_eq!(r[0].0, "people killed", "{r:?}");
        let r = q("Some 135 people have been killed since the explosion.");
        assert_eq!(r[0].0, "people killed", "{r:?}");
    }

    #[test]
    fn an_aftershock_is_not_the_earthquake() {
        let quake = q("A magnitude 7.0 earthquake struck southern Peru on Monday.");
        assert_eq!(
            (quake[0].0.as_str(), quake[0].1, quake[0].5),
            ("earthquake magnitude", 7.0, true)
        );
        for text in [
            "A magnitude 5.1 aftershock rattled Ocoruro on Tuesday.",
            "There were some 60 aftershocks, the largest of magnitude 5.1.",
            "It was the strongest since the 1999 quake, which had a magnitude of 7.6.",
            "A magnitude 4.5 foreshock hit the area on Sunday.",
            "The strongest of the tremors that followed had a magnitude of 5.9.",
            "Another earthquake, with a magnitude of 7.5, struck nine hours later.",
        ] {
            let r = q(text);
            assert!(
                r.iter()
                    .all(|row| !(row.0 == "earthquake magnitude" && row.5)),
                "{text}: {r:?}"
            );
        }
        for text in [
            "A magnitude 6.8 earthquake struck southern Peru on Monday, May 20, 2024.",
            "A magnitude 6.8 earthquake struck on Monday, killing 2000 people.",
            "The earthquake had a magnitude of 6.8 and triggered aftershocks.",
            "The quake had a magnitude of 6.8, the USGS said.",
            "The USGS put the magnitude at 6.8.",
        ] {
            let r = q(text);
            assert!(
                r.iter()
                    .any(|row| row.0 == "earthquake magnitude" && row.1 == 6.8 && row.5),
                "{text}: {r:?}"
            );
        }
    }

    #[test]
    fn a_share_is_its_holders() {
        let a = q("The Civic Union won 31.4% of the vote.");
        let b = q("The People's Alliance won 22.8% of the vote.");
        assert_eq!(
            (a[0].0.as_str(), a[0].5),
            ("civic union vote share", true),
            "{a:?}"
        );
        assert_eq!(
            (b[0].0.as_str(), b[0].5),
            ("people's alliance vote share", true),
            "{b:?}"
        );
        for text in [
            "The Civic Union won 31.4 percent of the vote.",
            "The Civic Union won 31.4 per cent of the vote.",
        ] {
            let r = q(text);
            assert_eq!(
                (r[0].0.as_str(), r[0].1, r[0].3.as_str()),
                ("civic union vote share", 31.4, "percent"),
                "{text}: {r:?}"
            );
        }
        let nobody = q("Turnout rose as the party took 31.4 per cent of the vote.");
        assert!(nobody.iter().all(|r| !r.5), "{nobody:?}");
    }

    #[test]
    fn a_part_of_the_dead_is_not_the_toll() {
        let r = q("Nine of the dead were children, officials said.");
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(
            (r[0].0.as_str(), r[0].1, r[0].5),
            ("children killed", 9.0, true)
        );
        let r = q("Ten of the injured were in critical condition.");
        assert_eq!(r.len(), 1, "{r:?}");
        assert!(!r[0].5, "a part that is not named is never compared: {r:?}");
        let r = q("Some 40 of the injured remain in hospital.");
        assert!(
            r.iter().all(|row| !row.5 || row.0 != "people injured"),
            "{r:?}"
        );
        // The whole is still the whole.
        assert_eq!(
            mi("The earthquake killed at least 23 people."),
            m("people killed", 23.0, 230.0)
        );
    }

    #[test]
    fn parts_take_the_whole_s_action() {
        let r = q("More than 300,000 people have lost their homes, 100,000 children among them.");
        assert_eq!(r[1].0, "children homeless");
        let r = q("Of the 300,000 people made homeless, up to 100,000 are children, many of whom have been separated from their families.");
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!((r[0].0.as_str(), r[0].1), ("people homeless", 300000.0));
        assert_eq!((r[1].0.as_str(), r[1].2), ("children homeless", 100000.0));
        let r =
            q("Of the 5,000 people injured on Tuesday, at least 120 are in critical condition.");
        assert_eq!(r.len(), 1, "{r:?}");
    }

    #[test]
    fn units_money_and_magnitudes() {
        assert_eq!(
            mi("the blast came from 2,750 tonnes of ammonium nitrate, a fertiliser"),
            m("ammonium nitrate", 2750.0, 2750.0)
        );
        assert_eq!(
            mi("more than 2,700 tons of ammonium nitrate had detonated"),
            m("ammonium nitrate", 2701.0, 27000.0)
        );
        assert_eq!(
            one("the thousands of tons of explosive ammonium nitrate stored").0,
            "ammonium nitrate"
        );
        assert_eq!(
            mi("as powerful as a 3.5 magnitude earthquake."),
            m("earthquake magnitude", 3.5, 3.5)
        );
        assert_eq!(
            mi("equivalent to a 3.3-magnitude earthquake."),
            m("earthquake magnitude", 3.3, 3.3)
        );
        let r = one("It blew out windows 9km away at the city's international airport.");
        assert_eq!(
            (r.0.as_str(), r.1, r.3.as_str(), r.5),
            ("distance", 9.0, "km", false)
        );
        let r = q("Even in Cyprus, more than 200 kilometers (180 miles) away, it was felt.");
        assert_eq!(r.len(), 1, "{r:?}");
        assert!(!r[0].5);
        let r = q("killed more than 100 people and injured over 4,000.");
        assert_eq!(
            (r[0].0.as_str(), r[1].0.as_str()),
            ("people killed", "people injured")
        );
        assert_eq!(mi("the cost of the damage caused by Tuesday's explosion was estimated at between $3.0 billion and $5.0 billion dollars."), m("damage", 3e9, 5e9));
        let r = q("City governor: blast damage valued at between $3-5bn; 300,000 people displaced");
        assert_eq!((r[0].0.as_str(), r[0].1, r[0].2), ("damage", 3e9, 5e9));
        assert_eq!(
            mi("the blast's collective losses may reach $10 to $15 billion."),
            m("losses", 1e10, 1.5e10)
        );
        assert_eq!(one("It also signed off on 100 billion Lebanese pounds in exceptional funding to handle the crisis.").0, "funding");
        let r = q(
            "the sum is theoretically worth $66 million; it is effectively worth some $13 million.",
        );
        assert_eq!(r.len(), 2, "{r:?}");
        assert!(r.iter().all(|r| !r.5), "{r:?}");
    }

    #[test]
    fn a_place_after_the_action_is_part_of_the_measure() {
        let r = q("AFAD said 3,381 people had died in Turkey, while Syrian officials said 1,444 were killed in Syria.");
        assert_eq!(
            (r[0].0.as_str(), r[1].0.as_str()),
            ("people killed in turkey", "people killed in syria")
        );
        assert_eq!(
            mi("12 people were killed in Gaza City on Monday"),
            m("people killed in gaza city", 12.0, 12.0)
        );
        assert_eq!(
            mi("12 people were killed in Tuesday's attack").0,
            "people killed"
        );
    }

    #[test]
    fn bare_counts_are_kept_but_not_compared() {
        let r = one("they include at least 43 Syrians");
        assert_eq!((r.0.as_str(), r.5), ("syrians", false));
        let r = one("Officials said 300,000 people gathered.");
        assert_eq!((r.0.as_str(), r.5), ("people", false));
        assert_eq!(
            one("seven surrounding districts of Azerbaijan it held").0,
            "surrounding districts of azerbaijan"
        );
    }

    #[test]
    fn hedges_and_relations() {
        assert_eq!(one("Moscow sent 3,000 Russian peacekeepers.").1, 3000.0);
        let r = one("about 1,960 Russian peacekeepers arrived");
        assert_eq!((r.1, r.2), (1862.0, 2058.0));
        assert_eq!(
            mi("at least 12 people died on Sunday"),
            m("people killed", 12.0, 120.0)
        );
        assert_eq!(
            mi("between 100 and 200 soldiers were wounded"),
            m("troops injured", 100.0, 200.0)
        );
        let r = one("They moved 100 to 200 soldiers");
        assert_eq!((r.1, r.2), (100.0, 200.0));
        assert_eq!(
            mi("It left nearly 30 000 people dead."),
            m("people killed", 27000.0, 30000.0)
        );
        let r = one("Some 1.5 million people fled.");
        assert_eq!((r.1, r.2), (1_425_000.0, 1_575_000.0));
        let r = one("Nearly a dozen drones were shot down.");
        assert_eq!((r.1, r.2), (11.0, 12.0));
        let r = one("Thousands of people marched.");
        assert_eq!((r.1, r.2), (2000.0, 9999.0));
        let r = one("Several dozen protesters gathered.");
        assert_eq!((r.1, r.2), (36.0, 108.0));
        assert_eq!(
            mi("a force of 490 troops"),
            m("troops deployed", 490.0, 490.0)
        );
        assert_eq!(mi("480 soldiers"), m("troops deployed", 480.0, 480.0));
    }

    #[test]
    fn dates_times_and_references_are_not_counts() {
        assert!(q("set up in 1992 to mediate the conflict").is_empty());
        assert!(q("held since the 1990s").is_empty());
        assert!(q("Nagorno-Karabakh, November 25, 2020. (Photo by Reuters)").is_empty());
        assert!(q("whom they drove from their homes some 28 years ago.").is_empty());
        assert!(q("Around 6:00 pm (1500 GMT), a first large explosion struck").is_empty());
        assert!(q("around 6pm local time (11pm, Singapore time)").is_empty());
        assert!(q("during the 1975-1990 civil war").is_empty());
        assert!(q("the two countries agreed").is_empty());
        assert!(q("Updated 1 hr 1 min ago").is_empty());
    }
}
