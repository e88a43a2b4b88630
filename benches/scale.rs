//! The end-to-end scale benchmark: generate 1k, 10k and 100k articles, run
//! the real release binary on them, and print time, throughput, peak memory
//! and ledger size per stage. It prints figures and asserts nothing.
//! Last comes a day's news: 1% more articles of the same world ingested
//! into the checked ledger, then checked (`+1% ing s`, `+1% chk s`).
//!
//!     cargo bench --bench scale                 # 1000, 10000, 100000 articles
//!     cargo bench --bench scale -- 1000 5000    # chosen sizes
//!     cargo bench --bench scale -- 100000 --keep /tmp/s   # keep corpus and ledger

#[path = "corpus.rs"]
mod corpus;
#[path = "stage.rs"]
mod stage;

use stage::stage;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `--keep DIR` leaves each size's corpus and ledger in DIR/<n> for profiling.
    let keep = args
        .iter()
        .position(|a| a == "--keep")
        .and_then(|i| args.get(i + 1))
        .map(std::path::PathBuf::from);
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 100_000]
    } else {
        sizes
    };
    println!(
        "{:>8} {:>7} {:>9} {:>8} {:>6} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>10} {:>9} {:>9}",
        "articles",
        "MB",
        "ingest s",
        "art/s",
        "MB/s",
        "ing MiB",
        "check s",
        "chk MiB",
        "again s",
        "same s",
        "report s",
        "rep MiB",
        "text s",
        "csv s",
        "csv MiB",
        "db B/art",
        "+1% ing s",
        "+1% chk s"
    );
    for n in sizes {
        let temp = tempfile::tempdir().expect("temp dir");
        let dir = match &keep {
            Some(keep) => keep.join(n.to_string()),
            None => temp.path().to_path_buf(),
        };
        let _ = std::fs::remove_dir_all(&dir);
        let articles = dir.join("articles");
        let more = dir.join("more");
        let (bytes, _) = corpus::generate_more(&articles, n, Some((&more, (n / 100).max(1))), 42)
            .expect("generate corpus");
        let db = dir.join("bench.db");
        let articles = articles.to_str().expect("utf-8 path");
        stage(&db, &["init"]);
        let (ingest_s, ingest_mib) = stage(&db, &["ingest", articles]);
        let (check_s, check_mib) = stage(&db, &["check"]);
        // Nothing changed: the pass runs again when asked to, but few rows
        // are written; unasked, the check finds nothing changed and stops.
        let (again_s, _) = stage(&db, &["check", "--full"]);
        let (same_s, _) = stage(&db, &["check"]);
        let (report_s, report_mib) = stage(&db, &["report", "--format", "json"]);
        // The text report is what people read; it once grew with the square.
        let (text_s, _) = stage(&db, &["report"]);
        let (csv_s, csv_mib) = stage(&db, &["export", "csv", "-o", "/dev/null"]);
        let db_bytes = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
        // The next day: 1% more articles, and the check after them.
        let more = more.to_str().expect("utf-8 path");
        let (more_s, _) = stage(&db, &["ingest", more]);
        let (daily_s, _) = stage(&db, &["check"]);
        let mb = bytes as f64 / 1e6;
        println!(
            "{:>8} {:>7.1} {:>9.2} {:>8.0} {:>6.1} {:>8.0} {:>8.2} {:>8.0} {:>8.2} {:>8.2} {:>8.2} {:>8.0} {:>8.2} {:>8.2} {:>8.0} {:>10.0} {:>9.2} {:>9.2}",
            n, mb, ingest_s, n as f64 / ingest_s, mb / ingest_s, ingest_mib, check_s, check_mib,
            again_s, same_s, report_s, report_mib, text_s, csv_s, csv_mib, db_bytes as f64 / n as f64, more_s, daily_s
        );
    }
}
