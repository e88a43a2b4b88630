//! Any bytes through the article parser: no panic, and a parsed body is the
//! end of the file, unaltered.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = claimledger::ingest::parse_article(std::path::Path::new("f.txt"), data) {
        let text = std::str::from_utf8(data).expect("parsed text is UTF-8");
        assert!(text.ends_with(&article.body));
    }
});
