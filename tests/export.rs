//! `claimledger export`: the real binary on the seed articles and on a
//! crafted hostile article, in a temporary directory.

use std::path::{Path, PathBuf};

mod common;

use assert_cmd::Command;

/// A line lifted verbatim from the crafted article: quotes, a formula, a
/// backslash, markup, braces and a pipe.
const HOSTILE: &str = r#"She said "=HYPERLINK(""http://x"")" and \ "quoted" <b>bold</b> {x|y}"#;
/// A quote that would end a DOT label and open a new graph if not escaped.
const BREAKOUT: &str = r#""]; digraph x { nothing happened"#;

fn crafted_article() -> String {
    format!(
        "title: Hostile \"Gazette\" report\n\
         outlet: Hostile Gazette\n\
         outlet-kind: newspaper\n\
         url: https://example.org/hostile\n\
         published: 2024-01-02\n\
         \n\
         {HOSTILE}\n\
         Officials added {BREAKOUT}.\n\
         Overnight temperatures of -5 to -2 degrees were recorded.\n"
    )
}

fn seed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(name)
}

fn claimledger(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("claimledger").expect("binary");
    cmd.current_dir(dir)
        .env_remove("CLAIMLEDGER_DB")
        .env("NO_COLOR", "1");
    cmd
}

fn ok(dir: &Path, args: &[&str]) -> Vec<u8> {
    let output = claimledger(dir).args(args).output().expect("run");
    assert!(
        output.status.success(),
        "claimledger {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Stores a verdict as `check` would for a claim alone in its cluster, so
/// exports can be tested apart from the pass.
fn verdict(
    dir: &Path,
    claim: i64,
    status: &str,
    independent_sources: i64,
    outlets: &str,
    reason: &str,
) {
    let conn = rusqlite::Connection::open(dir.join("claimledger.db")).expect("open");
    conn.execute(
        "INSERT INTO verdicts (cluster_id, status, independent_sources, outlets, reason)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![claim, status, independent_sources, outlets, reason],
    )
    .expect("verdict");
    conn.execute(
        "INSERT OR REPLACE INTO last_check (id, last_mention_id, checked_at)
         VALUES (1, (SELECT max(id) FROM mentions), '2024-01-01T00:00:00Z')",
        [],
    )
    .expect("last check");
}

/// Documents: 1 Press TV, 2 The Moscow Times, 3 Hostile Gazette.
/// Claims: 1 (—), 2 (’), 3 (two mentions), 4 (a formula), 5 (the hostile line).
fn seeded_ledger(dir: &Path) {
    std::fs::write(dir.join("crafted.txt"), crafted_article()).expect("write article");
    ok(dir, &["init"]);
    let presstv = seed("presstv-azerbaijan-france-mediation.txt");
    let moscow = seed("moscowtimes-azerbaijan-france-mediation.txt");
    ok(
        dir,
        &[
            "ingest",
            "--no-extract",
            presstv.to_str().expect("utf-8 path"),
        ],
    );
    ok(
        dir,
        &[
            "ingest",
            "--no-extract",
            moscow.to_str().expect("utf-8 path"),
        ],
    );
    ok(dir, &["ingest", "--no-extract", "crafted.txt"]);
    let add = |args: &[&str]| {
        let mut all = vec!["claim", "add"];
        all.extend_from_slice(args);
        ok(dir, &all);
    };
    add(&[
        "--document",
        "2",
        "--quote",
        "Organization for Security and Cooperation in Europe (OSCE) — which oversees the Minsk Group",
    ]);
    add(&[
        "--document",
        "1",
        "--quote",
        "This year’s fighting, the worst in decades",
    ]);
    add(&[
        "--document",
        "2",
        "--quote",
        "some 2,000 Russian peacekeepers",
        "--kind",
        "quantity",
        "--measure",
        "russian peacekeepers",
        "--low",
        "1800",
        "--high",
        "2200",
    ]);
    add(&[
        "--document",
        "1",
        "--quote",
        "some 2,000 peacekeepers",
        "--claim",
        "3",
    ]);
    add(&["--document", "3", "--quote", r#"=HYPERLINK(""http://x"")"#]);
    add(&[
        "--document",
        "3",
        "--quote",
        HOSTILE,
        "--speaker",
        r#"Jane "JJ" Doe \ <b>"#,
    ]);
    ok(dir, &["claim", "link", "4", "contradicts", "5"]);
    ok(dir, &["claim", "link", "1", "supports", "2"]);
    ok(
        dir,
        &["outlet", "link", "Hostile Gazette", "copies", "Press TV"],
    );
    verdict(
        dir,
        3,
        "corroborated",
        2,
        "Press TV; The Moscow Times",
        "asserted by 2 independent outlets",
    );
    verdict(
        dir,
        4,
        "conflicting",
        1,
        "Hostile Gazette",
        "conflicts with C5",
    );
    verdict(
        dir,
        5,
        "conflicting",
        1,
        "Hostile Gazette",
        "conflicts with C4",
    );
    verdict(dir, 1, "single-source", 1, "The Moscow Times", "=only one");
}

/// The header and rows of a CSV, after its byte-order mark if it has one.
fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader
        .headers()
        .expect("headers")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("record").iter().map(str::to_string).collect())
        .collect();
    (headers, rows)
}

const MENTION_HEADER: [&str; 22] = [
    "claim_id",
    "text",
    "kind",
    "measure",
    "low",
    "high",
    "unit",
    "status",
    "independent_sources",
    "reason",
    "id",
    "outlet",
    "outlet_kind",
    "document_id",
    "url",
    "title",
    "published",
    "speaker",
    "stance",
    "quote",
    "ledger_id",
    "version",
];

#[test]
fn csv_has_one_row_per_mention_with_text_intact_and_formulas_neutralized() {
    let dir = tempfile::tempdir().expect("tempdir");
    seeded_ledger(dir.path());
    let assert = claimledger(dir.path()).args(["export", "csv"]).assert();
    assert.success().stderr(predicates::str::contains(
        "exported 6 mentions to exports/mentions.csv",
    ));
    let bytes = std::fs::read(dir.path().join("exports/mentions.csv")).expect("default path");
    assert!(bytes.ends_with(b"\r\n"), "RFC 4180 line ends");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFclaim_id,"),
        "a byte-order mark"
    );
    let (headers, rows) = read_csv(&bytes);
    assert_eq!(headers, MENTION_HEADER);
    assert_eq!(rows.len(), 6);
    let col = |name: &str| {
        MENTION_HEADER
            .iter()
            .position(|h| *h == name)
            .expect("column")
    };
    let (text, quote, status, low, reason) = (
        col("text"),
        col("quote"),
        col("status"),
        col("low"),
        col("reason"),
    );
    // Ordered by claim id, then mention id.
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "3", "4", "5"]);
    assert!(rows[0][quote].contains("(OSCE) — which"));
    assert!(rows[1][quote].contains("This year’s fighting"));
    assert_eq!(rows[0][status], "single-source");
    assert_eq!(rows[0][reason], "'=only one");
    assert_eq!(rows[1][status], "", "unchecked claims have an empty status");
    assert_eq!(rows[2][low], "1800");
    assert_eq!(rows[2][status], "corroborated");
    assert_eq!(rows[4][text], r#"'=HYPERLINK(""http://x"")"#);
    assert_eq!(rows[4][quote], r#"'=HYPERLINK(""http://x"")"#);
    assert_eq!(rows[5][quote], HOSTILE, "a hostile quote survives verbatim");
    assert_eq!(rows[5][col("speaker")], r#"Jane "JJ" Doe \ <b>"#);
}

#[test]
fn csv_raw_leaves_formulas_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    seeded_ledger(dir.path());
    let stdout = ok(dir.path(), &["export", "csv", "--raw", "-o", "-"]);
    let (_, rows) = read_csv(&stdout);
    assert_eq!(rows[4][1], r#"=HYPERLINK(""http://x"")"#);
    assert_eq!(rows[0][9], "=only one");
    assert!(!dir.path().join("exports").exists(), "-o - writes no file");
}

#[test]
fn csv_leaves_out_the_byte_order_mark_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    seeded_ledger(dir.path());
    ok(dir.path(), &["export", "csv", "-o", "bom.csv"]);
    ok(
        dir.path(),
        &["export", "csv", "--no-bom", "-o", "plain.csv"],
    );
    // --excel asked for the mark before it was the default; it still works.
    ok(dir.path(), &["export", "csv", "--excel", "-o", "excel.csv"]);
    let read = |name: &str| std::fs::read(dir.path().join(name)).expect("written");
    let (bom, plain, excel) = (read("bom.csv"), read("plain.csv"), read("excel.csv"));
    assert_eq!(&bom[..3], b"\xEF\xBB\xBF");
    assert_eq!(bom[3..], plain[..]);
    assert_eq!(excel, bom);
    let (headers, rows) = read_csv(&plain);
    assert_eq!(headers, MENTION_HEADER);
    assert_eq!(rows.len(), 6);
}

#[test]
fn csv_claims_has_one_row_per_claim() {
    let dir = tempfile::tempdir().expect("tempdir");
    seeded_ledger(dir.path());
    ok(dir.path(), &["export", "csv", "--claims"]);
    let bytes = std::fs::read(dir.path().join("exports/claims.csv")).expect("default path");
    let (headers, rows) = read_csv(&bytes);
    assert_eq!(
        headers,
        [
            "id",
            "text",
            "kind",
            "measure",
            "low",
            "high",
            "unit",
            "hedge",
            "speaker",
            "quoted",
            "as_of",
            "origin",
            "retracted_why",
            "status",
            "independent_sources",
            "outlets",
            "reason",
            "cluster_id",
            "mention_count",
            "rating"
        ]
    );
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[2][15], "Press TV; The Moscow Times");
    assert_eq!(rows[2][18], "2");
    assert_eq!(rows[3][1], r#"'=HYPERLINK(""http://x"")"#);
}

/// Runs `dot -Tsvg` on a file when Graphviz is installed (CI installs it).
fn renders(dir: &Path, file: &str) {
    let probe = std::process::Command::new("dot").arg("-V").output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("note: `dot` is not on PATH; skipping the Graphviz render of {file}");
        return;
    }
    let output = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(dir.join(file))
        .output()
        .expect("run dot");
    assert!(
        output.status.success(),
        "dot -Tsvg {file}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let svg = String::from_utf8(output.stdout).expect("svg is utf-8");
    assert!(svg.contains("</svg>"));
}

#[test]
fn dot_draws_the_ledger_and_graphviz_renders_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    seeded_ledger(dir.path());
    ok(dir.path(), &["export", "dot"]);
    let dot = std::fs::read_to_string(dir.path().join("exports/ledger.dot")).expect("default");
    for node in ["o1 ", "o3 ", "d1 ", "d3 ", "a1 ", "c1 ", "c5 "] {
        assert!(dot.contains(&format!("\n  {node}[")), "missing node {node}");
    }
    assert!(dot.contains("o3 -> d3 [label=\"published\"]"));
    assert!(dot.contains("d1 -> c3 [label=\"asserts\"]"));
    assert!(dot.contains("d3 -> c5 [label=\"reports\"]"));
    assert!(dot.contains("a1 -> c5 [label=\"voiced\"]"));
    assert!(dot.contains("c4 -> c5 [label=\"contradicts\", style=solid"));
    assert!(dot.contains("c1 -> c2 [label=\"supports\", style=solid]"));
    assert!(dot.contains("o3 -> o1 [label=\"copies\""));
    assert!(dot.contains("fillcolor=\"#f4a6a6\", label=\"C4: "));
    assert!(dot.contains(
        r#"tooltip="She said \"=HYPERLINK(\"\"http://x\"\")\" and \\ \"quoted\" <b>bold</b> {x|y}""#
    ));
    assert!(dot.contains(r#"label="C5: She said \"=HYPERLINK("#));
    assert!(dot.contains("…\\nconflicting\", tooltip="));
    assert!(dot.contains(r#"label="Jane \"JJ\" Doe \\ <b>""#));
    assert!(dot.contains("legend_single_source"));
    assert_eq!(dot.matches("digraph").count(), 1);
    renders(dir.path(), "exports/ledger.dot");
}

#[test]
fn dot_filters_by_status_and_by_claim() {
    let dir = tempfile::tempdir().expect("tempdir");
    seeded_ledger(dir.path());
    ok(
        dir.path(),
        &[
            "export",
            "dot",
            "--status",
            "conflicting",
            "-o",
            "conflicting.dot",
        ],
    );
    let dot = std::fs::read_to_string(dir.path().join("conflicting.dot")).expect("written");
    assert!(dot.contains("\n  c4 [") && dot.contains("\n  c5 ["));
    assert!(!dot.contains("\n  c1 [") && !dot.contains("\n  c3 ["));
    assert!(dot.contains("\n  d3 [") && !dot.contains("\n  d1 ["));
    assert!(dot.contains("\n  o3 [") && !dot.contains("\n  o1 ["));
    assert!(
        !dot.contains("o3 -> o1"),
        "the link leaves the drawing with o1"
    );
    renders(dir.path(), "conflicting.dot");

    ok(
        dir.path(),
        &["export", "dot", "--claim", "1", "-o", "c1.dot"],
    );
    let dot = std::fs::read_to_string(dir.path().join("c1.dot")).expect("written");
    assert!(dot.contains("\n  c1 [") && dot.contains("\n  c2 ["));
    assert!(!dot.contains("\n  c3 [") && !dot.contains("\n  c5 ["));
    assert!(dot.contains("\n  d1 [") && dot.contains("\n  d2 ["));
    assert!(!dot.contains("\n  d3 [") && !dot.contains("\n  a1 ["));
    renders(dir.path(), "c1.dot");
}

#[test]
fn dot_leaves_out_a_retracted_claim_and_its_edges() {
    let dir = tempfile::tempdir().expect("tempdir");
    seeded_ledger(dir.path());
    ok(
        dir.path(),
        &["claim", "retract", "3", "--why", "misread figure"],
    );
    let dot = String::from_utf8(ok(dir.path(), &["export", "dot", "-o", "-"])).expect("utf-8");
    assert!(!dot.contains("\n  c3 ["), "{dot}");
    assert!(!dot.contains("-> c3 "), "{dot}");
    assert!(dot.contains("\n  c4 [") && dot.contains("-> c4 ["), "{dot}");
}

#[test]
fn json_holds_the_whole_ledger() {
    let dir = tempfile::tempdir().expect("tempdir");
    seeded_ledger(dir.path());
    ok(dir.path(), &["export", "json"]);
    let text = std::fs::read_to_string(dir.path().join("exports/ledger.json")).expect("default");
    let ledger: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let count = |key: &str| ledger[key].as_array().map(Vec::len).unwrap_or(0);
    assert_eq!(count("outlets"), 3);
    assert_eq!(count("outlet_links"), 1);
    assert_eq!(count("actors"), 1);
    assert_eq!(count("documents"), 3);
    assert_eq!(count("claims"), 5);
    let claims = &ledger["claims"];
    let ids: Vec<i64> = (0..5).filter_map(|i| claims[i]["id"].as_i64()).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    assert_eq!(claims[2]["mentions"].as_array().map(Vec::len), Some(2));
    assert_eq!(claims[2]["status"], "corroborated");
    assert_eq!(claims[2]["independent_sources"], 2);
    assert_eq!(claims[3]["links"][0]["relation"], "contradicts");
    // A link is listed under both of its claims.
    assert_eq!(claims[3]["links"], claims[4]["links"]);
    assert_eq!(claims[0]["links"], claims[1]["links"]);
    assert_eq!(claims[2]["links"].as_array().map(Vec::len), Some(0));
    assert_eq!(claims[4]["mentions"][0]["quote"], HOSTILE);
    assert!(claims[1]["status"].is_null());
    let documents = &ledger["documents"];
    assert!(documents[1]["text"]
        .as_str()
        .is_some_and(|t| t.contains("(OSCE) — which")));
    // Spans point into the exported text.
    let mention = &claims[0]["mentions"][0];
    let (start, end) = (
        mention["span_start"].as_u64().unwrap_or(0) as usize,
        mention["span_end"].as_u64().unwrap_or(0) as usize,
    );
    let doc_text = documents[1]["text"].as_str().unwrap_or("");
    assert_eq!(doc_text.get(start..end), mention["quote"].as_str());
    // Deterministic: the same ledger gives the same bytes.
    let again = ok(dir.path(), &["export", "json", "-o", "-"]);
    assert_eq!(again, text.as_bytes());
}

#[test]
fn output_into_a_missing_directory_names_the_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    seeded_ledger(dir.path());
    for format in ["csv", "dot", "json"] {
        claimledger(dir.path())
            .args(["export", format, "-o", "missing/dir/out.x"])
            .assert()
            .code(1)
            .stderr(predicates::str::contains("missing/dir/out.x"))
            .stderr(predicates::str::contains("does not exist"));
    }
    assert!(!dir.path().join("missing").exists());
}

#[test]
fn a_missing_claim_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    seeded_ledger(dir.path());
    claimledger(dir.path())
        .args(["export", "dot", "--claim", "999", "-o", "c999.dot"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no claim 999"));
    assert!(!dir.path().join("c999.dot").exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("read dir")
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".claimledger-export-")
        })
        .collect();
    assert!(leftovers.is_empty(), "temporary files are cleaned up");
}

/// A tiny ledger whose exports are pinned byte for byte.
fn small_ledger(dir: &Path) {
    std::fs::write(dir.join("crafted.txt"), crafted_article()).expect("write article");
    ok(dir, &["init"]);
    ok(dir, &["ingest", "--no-extract", "crafted.txt"]);
    ok(
        dir,
        &[
            "claim",
            "add",
            "--document",
            "1",
            "--quote",
            HOSTILE,
            "--speaker",
            "Jane Doe",
        ],
    );
    ok(
        dir,
        &[
            "claim",
            "add",
            "--document",
            "1",
            "--quote",
            BREAKOUT,
            "--stance",
            "denies",
        ],
    );
    ok(
        dir,
        &[
            "claim",
            "add",
            "--document",
            "1",
            "--quote",
            "temperatures of -5 to -2 degrees",
            "--text=-5 to -2 degrees overnight",
            "--kind",
            "quantity",
            "--measure",
            "overnight temperature",
            "--low=-5",
            "--high=-2",
            "--unit",
            "°C",
        ],
    );
    ok(dir, &["claim", "link", "1", "same-as", "2"]);
    verdict(
        dir,
        1,
        "conflicting",
        1,
        "Hostile Gazette",
        "denied by Hostile Gazette",
    );
    verdict(
        dir,
        3,
        "single-source",
        1,
        "Hostile Gazette",
        "asserted by 1 outlet",
    );
}

fn golden(name: &str, actual: &[u8]) {
    let actual: &[u8] = &common::mask_ledger_id(actual);
    let path = common::golden(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("golden dir");
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{name} differs from the golden file; review and rerun with UPDATE_GOLDEN=1.\n--- expected\n{}\n--- actual\n{}",
        String::from_utf8_lossy(&expected),
        String::from_utf8_lossy(actual)
    );
}

#[test]
fn small_ledger_exports_match_golden_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    small_ledger(dir.path());
    golden(
        "export_small.csv",
        &ok(dir.path(), &["export", "csv", "-o", "-"]),
    );
    let dot = ok(dir.path(), &["export", "dot", "-o", "-"]);
    golden("export_small.dot", &dot);
    std::fs::write(dir.path().join("small.dot"), &dot).expect("write");
    renders(dir.path(), "small.dot");
}

/// Writing to a named pipe (or /dev/null) writes into it; renaming a
/// finished file over it would replace the pipe or device itself.
#[cfg(unix)]
#[test]
fn export_into_a_named_pipe_keeps_the_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().expect("tempdir");
    seeded_ledger(dir.path());
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("note: mkfifo is not available; skipping");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read the pipe"))
    };
    ok(
        dir.path(),
        &["export", "csv", "-o", fifo.to_str().expect("utf-8 path")],
    );
    let csv = reader.join().expect("reader thread");
    assert!(csv.starts_with("\u{feff}claim_id,text"), "{csv}");
    let kind = std::fs::metadata(&fifo)
        .expect("pipe still there")
        .file_type();
    assert!(kind.is_fifo(), "the pipe was replaced by a file");
}

#[test]
fn csv_lists_a_claims_mentions_together_and_leaves_out_retracted_claims() {
    let dir = tempfile::tempdir().expect("tempdir");
    ok(dir.path(), &["init"]);
    ok(
        dir.path(),
        &["ingest", seed("").to_str().expect("utf-8 path")],
    );
    ok(dir.path(), &["check"]);
    ok(dir.path(), &["claim", "retract", "1", "--why", "misread"]);
    let (headers, rows) = read_csv(&ok(dir.path(), &["export", "csv", "-o", "-"]));
    let col = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let keys: Vec<(i64, i64)> = rows
        .iter()
        .map(|r| {
            let id = |c: &str| r[col(c)].parse::<i64>().expect("id");
            (id("claim_id"), id("id"))
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "rows by claim, then mention");
    // The seeds' corroborated claims have mentions far apart in id order,
    // so mention order would differ.
    let mentions: Vec<i64> = keys.iter().map(|k| k.1).collect();
    assert!(!mentions.is_sorted(), "{mentions:?}");
    assert!(
        keys.iter().all(|k| k.0 != 1),
        "a retracted claim is left out"
    );
    assert_eq!(rows.len(), 24, "the seeds' 25 mentions but claim 1's");
}
