//! claimledger against the peer a fact-checker with Python would write
//! (benches/peer_networkx.py: regex quantities, sqlite3, a networkx pass),
//! on the same generated articles, alternating runs. It prints each run,
//! the medians, the ratio of their times and the ledger's size against
//! the text's; it asserts nothing.
//!
//!     python3 -m venv /tmp/peer && /tmp/peer/bin/pip install networkx
//!     PEER_PYTHON=/tmp/peer/bin/python cargo bench --bench peer            # 10,000 articles, 3 runs
//!     PEER_PYTHON=/tmp/peer/bin/python cargo bench --bench peer -- 1000 5  # size, runs

#[path = "corpus.rs"]
mod corpus;
#[path = "stage.rs"]
mod stage;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use stage::stage;

/// claimledger's ingest and check into a new ledger: seconds for both.
fn claimledger(articles: &str, db: &Path) -> f64 {
    let _ = std::fs::remove_file(db);
    stage(db, &["init"]);
    let (ingest, _) = stage(db, &["ingest", articles]);
    let (check, _) = stage(db, &["check"]);
    ingest + check
}

/// The peer script on the same articles: seconds, end to end.
fn peer(python: &str, articles: &str, db: &Path) -> f64 {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/peer_networkx.py");
    let start = Instant::now();
    let out = Command::new(python)
        .arg(script)
        .arg(articles)
        .arg(db)
        .output()
        .expect("cannot start the peer's python");
    assert!(
        out.status.success(),
        "peer_networkx.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    start.elapsed().as_secs_f64()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let n = args.first().copied().unwrap_or(10_000);
    let runs = args.get(1).copied().unwrap_or(3).max(1);
    let python = std::env::var("PEER_PYTHON").unwrap_or_else(|_| "python3".into());
    let has_networkx = Command::new(&python)
        .args(["-c", "import networkx"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_networkx {
        println!(
            "peer: {python} has no networkx; make one that has:\n  \
             python3 -m venv /tmp/peer && /tmp/peer/bin/pip install networkx\n  \
             PEER_PYTHON=/tmp/peer/bin/python cargo bench --bench peer"
        );
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let articles = dir.path().join("articles");
    let bytes = corpus::generate(&articles, n, 42).expect("generate corpus");
    let articles = articles.to_str().expect("utf-8 path");
    let (ours_db, peer_db) = (dir.path().join("ledger.db"), dir.path().join("peer.db"));
    println!(
        "{n} articles, {:.1} MB of text; claimledger is ingest + check",
        bytes as f64 / 1e6
    );
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for run in 1..=runs {
        let a = claimledger(articles, &ours_db);
        let b = peer(&python, articles, &peer_db);
        println!("run {run}: claimledger {a:.2} s, peer {b:.2} s");
        ours.push(a);
        theirs.push(b);
    }
    let (a, b) = (median(ours), median(theirs));
    let ledger = std::fs::metadata(&ours_db).map(|m| m.len()).unwrap_or(0);
    println!(
        "median: claimledger {a:.2} s, peer {b:.2} s: claimledger takes {:.2} times the peer's time",
        a / b
    );
    println!(
        "ledger: {:.1} MB, {:.2} times the text",
        ledger as f64 / 1e6,
        ledger as f64 / bytes as f64
    );
}
