//! Any text through the extractor: no panic, every span on char boundaries,
//! the phrase inside its sentence, and a bounded number of claims.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let published = chrono::NaiveDate::from_ymd_opt(2020, 11, 26);
    let found = claimledger::extract::extract(text, published);
    for claim in &found {
        let sentence = &claim.mention.span;
        assert!(text.get(sentence.clone()).is_some());
        assert!(text.get(claim.phrase.clone()).is_some());
        assert!(sentence.start <= claim.phrase.start && claim.phrase.end <= sentence.end);
    }
});
