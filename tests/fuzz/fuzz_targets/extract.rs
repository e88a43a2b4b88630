//! Any text through the extractor: no panic, every span on char boundaries,
//! the phrase inside its sentence, and a bounded number of claims.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let published = chrono::NaiveDate::from_ymd_opt(2020, 11, 26);
    let found = claimledger::extract::extract(text, published);
    for claim in &found {
        assert!(text.get(claim.sentence.clone()).is_some());
        assert!(text.get(claim.phrase.clone()).is_some());
        assert!(claim.sentence.start <= claim.phrase.start && claim.phrase.end <= claim.sentence.end);
    }
});
