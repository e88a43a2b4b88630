//! Property tests: extraction never panics and every span it returns can
//! slice the input, whatever the input.

use chrono::NaiveDate;
use claimledger::extract::{extract, split_sentences};
use proptest::prelude::*;

/// Fragments that exercise the rules: seed phrases, quotes, digits, odd spaces.
const FRAGMENTS: &[&str] = &[
    "Russia has sent some 2,000 peacekeepers",
    " killed some 30,000 people",
    "Parliament speaker Sahiba Gafarova said a ",
    "\"dirty political campaign\"",
    "\u{201c}historic.\u{201d}",
    " set up in 1992 ",
    " on Wednesday adopted ",
    "according to Reuters, ",
    "Armenia, which strongly backs it, has praised it as ",
    "U.S. ",
    "Mr. ",
    "political... and ",
    "30\u{a0}000",
    "30 000",
    "\u{2009}",
    "\u{202f}",
    "1.5 million",
    "between 100 and 200 soldiers",
    "more than",
    "seven",
    "dozens of",
    ", he said.",
    ". ",
    "\n",
    "\"",
    "\u{201d}",
    "$2",
    "%",
    "\u{e9}\u{1f600}",
    "It",
    " and said ",
    "on November 25, 2020",
];

fn seedlike() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
            1 => any::<String>(),
            1 => "[0-9 ,.\"a-zA-Z\u{a0}]{0,12}",
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

fn check(text: &str) {
    let spans = split_sentences(text);
    let mut last_end = 0;
    for r in &spans {
        assert!(r.start <= r.end && r.end <= text.len());
        assert!(r.start >= last_end, "sentences overlap or go backwards");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        assert!(!text[r.clone()].trim().is_empty());
        last_end = r.end;
    }
    for c in extract(text, NaiveDate::from_ymd_opt(2020, 11, 26)) {
        let (s, p) = (c.mention.span.clone(), c.phrase.clone());
        assert_eq!(text.get(s.clone()), Some(c.mention.quote.as_str()));
        assert!(s.start <= s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        assert!(
            s.start <= p.start && p.start <= p.end && p.end <= s.end,
            "phrase outside sentence"
        );
        assert!((0.0..=1.0).contains(&c.confidence));
        if let Some(q) = c.claim.quantity() {
            assert!(q.low <= q.high && q.low.is_finite() && q.high.is_finite());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_is_safe(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn seedlike_text_is_safe(text in seedlike()) {
        check(&text);
    }
}

#[test]
fn seeds_are_safe_and_deterministic() {
    for name in [
        "moscowtimes-azerbaijan-france-mediation.txt",
        "presstv-azerbaijan-france-mediation.txt",
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("seeds")
            .join(name);
        let text = std::fs::read_to_string(path).expect("seed");
        check(&text);
        assert_eq!(extract(&text, None), extract(&text, None));
    }
}

#[test]
fn pathological_inputs_stay_fast() {
    let cases = [
        "Officials said ".repeat(20_000),
        "\"a\" ".repeat(20_000),
        "some 2,000 ".repeat(20_000),
        "magnitude 5 aftershock ".repeat(20_000),
        "Armenia, which said, ".repeat(20_000),
        "a.".repeat(50_000),
        "on Wednesday adopted in 1992 ".repeat(20_000),
        "Officials said \"some 2,000 people died\" ".repeat(20_000),
        "Officials said \"a\" and said ".repeat(20_000),
    ];
    for text in &cases {
        let t = std::time::Instant::now();
        check(text);
        assert!(t.elapsed().as_secs() < 20, "too slow on {}", &text[..20]);
    }
}

#[test]
fn inputs_proptest_once_found_stay_fixed() {
    // "more than 0" gave the interval [1, 0].
    check("more than 0\u{a0}aaA");
}
