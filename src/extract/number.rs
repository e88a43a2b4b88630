//! Numbers as written: digits, number words, scales ("1.5 million", "5bn"),
//! vague counts ("dozens", "thousands of"), and the currency sign before one.

use super::tokens::{Kind, Sent};

/// A number as written: where it sits and what it states.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Num {
    /// First token (the currency sign when there is one).
    pub start: usize,
    /// One past the last token (the scale word when there is one).
    pub end: usize,
    /// The stated value, or the low end of a vague count's range.
    pub low: f64,
    /// The same as `low`, or the high end of a vague count's range.
    pub high: f64,
    /// The scale word's factor ("billion": 1e9), 1 without one.
    pub scale: f64,
    /// Spelled out ("seven") rather than digits.
    pub word: bool,
    /// A vague plural ("thousands"): needs "of" and a noun, or an action word, after.
    pub vague: bool,
    /// The currency of a sign before the number ("$3 billion": "usd").
    pub currency: Option<&'static str>,
}

/// Cardinal number words; "one" is left out, it is mostly a pronoun.
fn small_number(w: &str) -> Option<f64> {
    const UNITS: [&str; 20] = [
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
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let idx = |list: &[&str], x: &str| list.iter().position(|u| *u == x && !u.is_empty());
    // Every number word opens with one of these letters and is short.
    if w.len() > 13 || !matches!(w.as_bytes().first(), Some(b't' | b'f' | b's' | b'e' | b'n')) {
        return None;
    }
    if let Some(u) = idx(&UNITS, w) {
        return Some(u as f64);
    }
    if let Some(t) = idx(&TENS, w) {
        return Some((t * 10) as f64);
    }
    let (t, u) = w.split_once('-')?;
    let t = idx(&TENS, t)?;
    let u = idx(&UNITS, u).filter(|u| (1..10).contains(u))?;
    Some((t * 10 + u) as f64)
}

/// Multipliers that may follow a number: "1.5 million", "two dozen", "5bn".
/// "m" and "k" count only after a currency sign ("$66m"): elsewhere they are
/// metres and grades.
fn scale(w: &str, money: bool) -> Option<f64> {
    match w {
        "dozen" => Some(12.0),
        "hundred" => Some(100.0),
        "thousand" => Some(1e3),
        "million" | "mn" => Some(1e6),
        "billion" | "bn" => Some(1e9),
        "trillion" | "tn" => Some(1e12),
        "m" if money => Some(1e6),
        "k" if money => Some(1e3),
        _ => None,
    }
}

/// Currency signs before a number, and the code stored as its unit.
const SIGNS: &[(&str, &str)] = &[
    ("$", "usd"),
    ("\u{20ac}", "eur"),
    ("\u{a3}", "gbp"),
    ("\u{a5}", "jpy"),
    ("\u{20b9}", "inr"),
    ("\u{20bd}", "rub"),
];

/// The currency of a sign token.
pub(crate) fn sign(w: &str) -> Option<&'static str> {
    // A sign is one character that is no letter or digit.
    if w.len() > 3 || w.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    SIGNS.iter().find(|(s, _)| *s == w).map(|(_, c)| *c)
}

/// The number starting at token `i` (or at the currency sign at `i`).
pub(crate) fn number_at(s: &Sent, i: usize) -> Option<Num> {
    if let Some(code) = sign(s.w(i)) {
        let mut num = digits_at(s, i + 1, true)?;
        num.start = i;
        num.currency = Some(code);
        return Some(num);
    }
    if let Some(num) = digits_at(s, i, false) {
        return Some(num);
    }
    if !s.is_word(i) {
        return None;
    }
    let w = s.w(i);
    if let Some(v) = small_number(w) {
        let (v, m, end) = match scale(s.w(i + 1), false) {
            Some(m) => (v * m, m, i + 2),
            None => (v, 1.0, i + 1),
        };
        return Some(Num {
            start: i,
            end,
            low: v,
            high: v,
            scale: m,
            word: true,
            vague: false,
            currency: None,
        });
    }
    let exact = |start: usize, v: f64, m: f64| Num {
        start,
        end: i + 1,
        low: v,
        high: v,
        scale: m,
        word: true,
        vague: false,
        currency: None,
    };
    if let Some(m) = scale(w, false) {
        let prev = i.checked_sub(1).map_or("", |p| s.w(p));
        let prev2 = i.checked_sub(2).map_or("", |p| s.w(p));
        if prev == "few" && prev2 == "a" {
            return Some(Num {
                low: 2.0 * m,
                high: 5.0 * m,
                ..exact(i - 2, m, m)
            });
        }
        if prev == "several" {
            return Some(Num {
                low: 3.0 * m,
                high: 9.0 * m,
                ..exact(i - 1, m, m)
            });
        }
        if prev == "a" {
            return Some(exact(i - 1, m, m));
        }
        return None;
    }
    // Vague plurals: "thousands of people", "dozens dead".
    let (low, high, end) = match w {
        "dozens" => (24.0, 99.0, i + 1),
        "scores" => (40.0, 199.0, i + 1),
        "hundreds" | "thousands" | "millions"
            if s.w(i + 1) == "of"
                && scale(s.w(i + 2).trim_end_matches('s'), false).is_some()
                && s.w(i + 2).ends_with('s') =>
        {
            // "hundreds of thousands": 200,000..999,999.
            let a = scale(w.trim_end_matches('s'), false).unwrap_or(1.0);
            let b = scale(s.w(i + 2).trim_end_matches('s'), false).unwrap_or(1.0);
            (2.0 * a * b, 10.0 * a * b - 1.0, i + 3)
        }
        "hundreds" => (200.0, 999.0, i + 1),
        "thousands" => (2000.0, 9999.0, i + 1),
        "millions" => (2e6, 1e7 - 1.0, i + 1),
        "tens" if s.w(i + 1) == "of" && matches!(s.w(i + 2), "thousands" | "millions") => {
            let b = scale(s.w(i + 2).trim_end_matches('s'), false).unwrap_or(1.0);
            (20.0 * b, 100.0 * b - 1.0, i + 3)
        }
        _ => return None,
    };
    Some(Num {
        start: i,
        end,
        low,
        high,
        scale: 1.0,
        word: true,
        vague: true,
        currency: None,
    })
}

/// Digits at `i`, with the scale word after them.
fn digits_at(s: &Sent, i: usize, money: bool) -> Option<Num> {
    if s.kind(i) != Some(Kind::Num) {
        return None;
    }
    let v: f64 = s.w(i).parse().ok()?;
    let (v, m, end) = match scale(s.w(i + 1), money) {
        Some(m) => (v * m, m, i + 2),
        None => (v, 1.0, i + 1),
    };
    Some(Num {
        start: i,
        end,
        low: v,
        high: v,
        scale: m,
        word: false,
        vague: false,
        currency: None,
    })
}

/// The second number of a range ("between A and B", "A to B", "$3-5bn")
/// starting at token `i`, with the first number's currency and scale
/// shared: "$10 to $15 billion" is 10 to 15 billion dollars.
pub(crate) fn range_end(s: &Sent, first: &Num, i: usize) -> Option<Num> {
    let mut b = number_at(s, i)?;
    if b.vague || first.vague {
        return None;
    }
    if b.currency.is_none() {
        b.currency = first.currency;
    }
    Some(b)
}

/// Applies the second number's scale to the first when only the second has
/// one and that keeps the range rising: "$3-5bn", "10 to 15 million".
pub(crate) fn shared_scale(first: &Num, second: &Num) -> f64 {
    if first.scale == 1.0 && second.scale > 1.0 && first.low * second.scale <= second.high {
        first.low * second.scale
    } else {
        first.low
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::Buffers;
    use super::*;

    fn num(text: &str) -> Option<(f64, f64, Option<&'static str>)> {
        let mut b = Buffers::default();
        let s = b.sentence(text, 0..text.len());
        number_at(&s, 0).map(|n| (n.low, n.high, n.currency))
    }

    #[test]
    fn digits_words_scales_and_signs() {
        assert_eq!(num("2,750 tonnes"), Some((2750.0, 2750.0, None)));
        assert_eq!(num("1.5 million people"), Some((1.5e6, 1.5e6, None)));
        assert_eq!(num("seven districts"), Some((7.0, 7.0, None)));
        assert_eq!(num("twenty-one"), Some((21.0, 21.0, None)));
        assert_eq!(num("$3 billion"), Some((3e9, 3e9, Some("usd"))));
        assert_eq!(num("$66m"), Some((66e6, 66e6, Some("usd"))));
        assert_eq!(num("5bn"), Some((5e9, 5e9, None)));
        assert_eq!(num("dozens of people"), Some((24.0, 99.0, None)));
        assert_eq!(num("scores of people"), Some((40.0, 199.0, None)));
        assert_eq!(num("one person"), None);
        // Metres, not millions, without a currency sign.
        assert_eq!(num("5m away"), Some((5.0, 5.0, None)));
    }
}
