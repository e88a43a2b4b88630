//! Extraction throughput: the seed article bodies repeated to about 10 MB,
//! extracted on one thread several times; prints MB/s of article text.
//! Run with `cargo bench --bench extract`.

use std::time::Instant;

use chrono::NaiveDate;
use claimledger::extract::extract;

/// Size of the generated corpus.
const TARGET_BYTES: usize = 10 * 1024 * 1024;
/// Timed passes over the corpus; the best one is reported.
const ITERATIONS: usize = 5;

fn corpus() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut bodies = Vec::new();
    for name in [
        "moscowtimes-azerbaijan-france-mediation.txt",
        "presstv-azerbaijan-france-mediation.txt",
    ] {
        let text = std::fs::read_to_string(root.join(name)).expect("seed article");
        let body = text.split_once("\n\n").map_or(text.as_str(), |(_, b)| b);
        // Without the trailer, so every byte goes through every rule.
        let body = body.split("A Message from").next().unwrap_or(body);
        let body = body
            .split("Press TV\u{2019}s website")
            .next()
            .unwrap_or(body);
        bodies.push(body.to_string());
    }
    let mut out = String::with_capacity(TARGET_BYTES + 16 * 1024);
    while out.len() < TARGET_BYTES {
        for b in &bodies {
            out.push_str(b);
            out.push('\n');
        }
    }
    out
}

fn main() {
    let text = corpus();
    let published = NaiveDate::from_ymd_opt(2020, 11, 26);
    let mb = text.len() as f64 / 1e6;
    let mut best = f64::INFINITY;
    let mut claims = 0;
    for _ in 0..ITERATIONS {
        let t = Instant::now();
        claims = std::hint::black_box(extract(std::hint::black_box(&text), published)).len();
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "extract: {mb:.1} MB, {claims} claims, best of {ITERATIONS}: {best:.3} s = {:.1} MB/s",
        mb / best
    );
}
