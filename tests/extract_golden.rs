//! Golden listing of what the extractor finds in the seed articles, so any
//! change in extraction shows up as a readable diff. `UPDATE_GOLDEN=1`
//! rewrites the file.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use claimledger::extract::{extract, Extracted};

/// The article body: everything after the blank line that ends the header.
fn body(text: &str) -> &str {
    text.split_once("\n\n").map_or(text, |(_, b)| b)
}

/// One block per claim, stable and readable.
fn render(out: &mut String, text: &str, claims: &[Extracted]) {
    for c in claims {
        let _ = writeln!(out, "- {} | {}", c.claim.kind(), c.claim.text);
        let _ = writeln!(
            out,
            "  key: {}",
            c.key.as_deref().unwrap_or("- (never compared)")
        );
        if let Some(q) = c.claim.quantity() {
            let _ = writeln!(
                out,
                "  quantity: {} [{}, {}] {} hedge={}",
                q.measure,
                q.low,
                q.high,
                q.unit.as_deref().unwrap_or(""),
                q.hedge.as_deref().unwrap_or("-")
            );
        }
        if let Some(s) = &c.speaker {
            let _ = writeln!(out, "  speaker: {} (as written: {})", s.name, s.alias);
        }
        if let Some(q) = c.claim.quoted() {
            let _ = writeln!(out, "  quoted: {q}");
        }
        if let Some(d) = c.claim.as_of {
            let _ = writeln!(out, "  as_of: {d}");
        }
        if let Some(w) = &c.mention.relayed_by {
            let _ = writeln!(out, "  relayed_by: {w}");
        }
        let _ = writeln!(
            out,
            "  stance: {}  confidence: {:.2}",
            c.mention.stance, c.confidence
        );
        let _ = writeln!(out, "  phrase: {}", &text[c.phrase.clone()]);
        let _ = writeln!(out, "  sentence: {}", c.mention.quote);
    }
}

#[test]
fn seeds_match_golden_listing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(root.join("seeds"))
        .expect("seeds dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let published = NaiveDate::from_ymd_opt(2020, 11, 26);
    let mut listing = String::new();
    for path in &files {
        let raw = std::fs::read_to_string(path).expect("seed text");
        let text = body(&raw);
        let claims = extract(text, published);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _ = writeln!(listing, "=== {name} ({} claims)", claims.len());
        render(&mut listing, text, &claims);
        listing.push('\n');
    }
    let golden = root.join("tests/golden/extract_seeds.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(&golden, &listing).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&golden).expect("golden file; run with UPDATE_GOLDEN=1");
    assert!(
        expected == listing,
        "extraction changed; diff against {}:\n{listing}",
        golden.display()
    );
}
