//! Saved web pages: ingests the pages of the article-extraction benchmark
//! (github.com/scrapinghub/article-extraction-benchmark, not part of this
//! repository) with the real release binary and scores the stored article
//! text against the benchmark's ground truth with its own metric (the
//! token-shingle F1, precision and recall of its `evaluate.py`). Also times
//! the extraction alone on one core. It prints figures and asserts nothing.
//!
//!     git clone https://github.com/scrapinghub/article-extraction-benchmark
//!     cargo bench --bench webpages -- article-extraction-benchmark
//!     cargo bench --bench webpages -- DIR --worst 10   # the ten lowest pages
//!     cargo bench --bench webpages -- DIR --predictions out.json
//!
//! `--predictions` writes the stored texts as `evaluate.py` reads them
//! (copy the file into the benchmark's `output/` and run it there).
//! Every page is ingested with `--outlet`, since a few of the benchmark's
//! pages name no outlet and have no address to take one from.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use claimledger::ingest::html::{self, body::shingles};

/// Timed passes of the one-core extraction; the median is reported.
const PASSES: usize = 3;

/// (true positives, false positives, false negatives) of one page's
/// shingles, normalized to sum to 1 as `evaluate.py` does, so that long
/// articles weigh no more than short ones.
fn tp_fp_fn(truth: &str, predicted: &str) -> (f64, f64, f64) {
    let truth = shingles(truth);
    let predicted = shingles(predicted);
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for (key, &t) in &truth {
        let p = predicted.get(key).copied().unwrap_or(0);
        tp += f64::from(t.min(p));
        fn_ += f64::from(t.saturating_sub(p));
    }
    for (key, &p) in &predicted {
        fp += f64::from(p.saturating_sub(truth.get(key).copied().unwrap_or(0)));
    }
    let sum = tp + fp + fn_;
    if sum > 0.0 {
        (tp / sum, fp / sum, fn_ / sum)
    } else {
        (tp, fp, fn_)
    }
}

/// `evaluate.py`'s precision (`missed` the false positives) or recall
/// (`missed` the false negatives) of one page: 1 when nothing is wrong, 0
/// when nothing is right.
fn score(tp: f64, missed: f64, (fp, fn_): (f64, f64)) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && missed == 0.0 {
        0.0
    } else {
        tp / (tp + missed)
    }
}

/// F1, precision and recall over pages: the mean precision of the pages
/// that predicted something and the mean recall of those with a truth.
fn metrics(pages: &[(f64, f64, f64)]) -> (f64, f64, f64) {
    let mean = |values: Vec<f64>| values.iter().sum::<f64>() / values.len().max(1) as f64;
    let precision = mean(
        pages
            .iter()
            .filter(|(tp, fp, _)| tp + fp > 0.0)
            .map(|&(tp, fp, fn_)| score(tp, fp, (fp, fn_)))
            .collect(),
    );
    let recall = mean(
        pages
            .iter()
            .filter(|(tp, _, fn_)| tp + fn_ > 0.0)
            .map(|&(tp, fp, fn_)| score(tp, fn_, (fp, fn_)))
            .collect(),
    );
    (
        2.0 * precision * recall / (precision + recall),
        precision,
        recall,
    )
}

fn gunzip(path: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).expect("a benchmark page"))
        .read_to_end(&mut bytes)
        .expect("a gzip file");
    bytes
}

fn run(db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_claimledger"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("cannot start claimledger");
    assert!(
        out.status.success(),
        "claimledger {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let option = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let Some(root) = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
    else {
        // Skipped, not failed, so a plain `cargo bench` runs the others.
        eprintln!(
            "webpages: skipped; give the benchmark's path: cargo bench --bench webpages -- \
             PATH_TO_ARTICLE_EXTRACTION_BENCHMARK [--worst N] [--predictions FILE]"
        );
        return;
    };
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("ground-truth.json")).expect("ground-truth.json"),
    )
    .expect("ground truth is JSON");
    let truth = truth.as_object().expect("ground truth is an object");
    let temp = tempfile::tempdir().expect("temp dir");
    let pages_dir = temp.path().join("pages");
    std::fs::create_dir(&pages_dir).expect("pages dir");
    let mut pages = BTreeMap::new();
    for id in truth.keys() {
        let bytes = gunzip(&root.join("html").join(format!("{id}.html.gz")));
        std::fs::write(pages_dir.join(format!("{id}.html")), &bytes).expect("write page");
        pages.insert(id.clone(), bytes);
    }
    let megabytes = pages.values().map(Vec::len).sum::<usize>() as f64 / 1e6;

    // Extraction alone, one page after another on this thread.
    let mut passes = Vec::new();
    for _ in 0..PASSES {
        let start = Instant::now();
        for (id, bytes) in &pages {
            let path = PathBuf::from(format!("{id}.html"));
            let _ = std::hint::black_box(html::parse_page(&path, bytes));
        }
        passes.push(start.elapsed().as_secs_f64());
    }
    passes.sort_by(f64::total_cmp);
    let one_core = passes[PASSES / 2];

    // The real binary: ingest every page into a fresh ledger.
    let db = temp.path().join("ledger.db");
    run(&db, &["init"]);
    let start = Instant::now();
    let ingested = run(
        &db,
        &[
            "ingest",
            "--outlet",
            "article-extraction-benchmark",
            "--format",
            "json",
            pages_dir.to_str().expect("a UTF-8 path"),
        ],
    );
    let ingest = start.elapsed().as_secs_f64();
    let ingested: Vec<serde_json::Value> = serde_json::from_str(&ingested).expect("JSON");
    let conn = rusqlite::Connection::open(&db).expect("the ledger");
    let mut scores = Vec::new();
    let mut predictions = serde_json::Map::new();
    for done in &ingested {
        let path = Path::new(done["path"].as_str().expect("a path"));
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a page id");
        let text: String = conn
            .query_row(
                "SELECT text FROM documents WHERE id = ?1",
                [done["document"].as_i64().expect("a document id")],
                |row| row.get(0),
            )
            .expect("the stored text");
        let expected = truth[id]["articleBody"].as_str().unwrap_or("");
        scores.push((id.to_string(), tp_fp_fn(expected, &text)));
        predictions.insert(id.to_string(), serde_json::json!({ "articleBody": text }));
    }
    assert_eq!(scores.len(), truth.len(), "every page is scored");
    let (f1, precision, recall) = metrics(&scores.iter().map(|(_, s)| *s).collect::<Vec<_>>());
    let n = truth.len() as f64;
    println!("{} pages, {megabytes:.1} MB of HTML", truth.len());
    println!("stored article text: F1 {f1:.3}, precision {precision:.3}, recall {recall:.3}");
    println!(
        "extraction on one core: {:.1} pages/s ({:.1} ms a page, median of {PASSES} passes)",
        n / one_core,
        1000.0 * one_core / n
    );
    println!(
        "ingest (the binary, all cores, with claim extraction): {:.1} pages/s ({ingest:.2} s)",
        n / ingest
    );
    if let Some(worst) = option("--worst").and_then(|n| n.parse::<usize>().ok()) {
        let mut by_f1: Vec<(f64, &str, (f64, f64, f64))> = scores
            .iter()
            .map(|(id, s)| {
                (
                    2.0 * s.0 / (2.0 * s.0 + s.1 + s.2).max(f64::MIN_POSITIVE),
                    id.as_str(),
                    *s,
                )
            })
            .collect();
        by_f1.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (f1, id, (tp, fp, fn_)) in by_f1.into_iter().take(worst) {
            println!(
                "  {id}  F1 {f1:.3}  tp {tp:.2} fp {fp:.2} fn {fn_:.2}  {}",
                truth[id]["url"]
            );
        }
    }
    if let Some(file) = option("--predictions") {
        std::fs::write(&file, serde_json::to_string(&predictions).expect("JSON"))
            .expect("cannot write the predictions");
        println!("predictions written to {file}");
    }
}
