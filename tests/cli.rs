//! The core ledger through the real binary: init, ingest, listings, manual
//! claims, audit, and every bad input leaving the ledger as it was.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

use common::Workdir;

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

impl Workdir {
    /// A ledger holding the two seed articles, without extracted claims, so
    /// the claims a test adds by hand are numbered from 1.
    fn with_seeds() -> Workdir {
        let ledger = Workdir::new();
        ledger
            .cmd(&["ingest", "--no-extract", seeds().to_str().unwrap()])
            .assert()
            .success();
        ledger
    }

    /// Adds by hand the figure "some 2,000 Russian peacekeepers" of document
    /// 1 with `measure` and `extra` flags: the claim's id and what was said
    /// on stderr.
    fn add_peacekeepers(&self, measure: &str, extra: &[&str]) -> (String, String) {
        let mut args = vec![
            "claim",
            "add",
            "--document",
            "1",
            "--quote",
            "some 2,000 Russian peacekeepers",
            "--kind",
            "quantity",
            "--measure",
            measure,
            "--low",
            "1800",
            "--high",
            "2200",
        ];
        args.extend_from_slice(extra);
        let out = self.cmd(&args).assert().success().get_output().clone();
        let said = String::from_utf8(out.stdout).unwrap();
        let id = said
            .split_whitespace()
            .nth(1)
            .unwrap()
            .trim_end_matches(':');
        (id.to_string(), String::from_utf8(out.stderr).unwrap())
    }

    /// Runs `sql` on the file as a person with the sqlite3 shell would,
    /// without foreign key checks.
    fn edit_behind_its_back(&self, sql: &str) {
        let conn = rusqlite::Connection::open(self.db()).unwrap();
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        conn.execute(sql, []).unwrap();
    }

    /// Every row of every table, and the schema version: the ledger's content.
    fn dump(&self) -> String {
        let conn = rusqlite::Connection::open(self.db()).unwrap();
        let mut out = String::new();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        out.push_str(&format!("user_version {version}\n"));
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for table in tables {
            out.push_str(&format!("table {table}\n"));
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
            let columns = stmt.column_count();
            let mut rows = stmt.query([]).unwrap();
            while let Some(row) = rows.next().unwrap() {
                let cells: Vec<String> = (0..columns)
                    .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                    .collect();
                out.push_str(&cells.join("|"));
                out.push('\n');
            }
        }
        out
    }
}

#[test]
fn ingest_seeds_stores_documents_and_outlets() {
    let ledger = Workdir::new();
    let out = ledger.run(&["ingest", seeds().to_str().unwrap()]);
    assert!(
        out.contains("2 documents added, 0 already present"),
        "{out}"
    );
    let outlets = ledger.run(&["outlet", "list"]);
    assert!(
        outlets.contains("Press TV") && outlets.contains("state-media"),
        "{outlets}"
    );
    assert!(outlets.contains("The Moscow Times") && outlets.contains("newspaper"));

    let json: serde_json::Value =
        serde_json::from_str(&ledger.run(&["outlet", "list", "--format", "json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[0]["name"], "Press TV");
    assert_eq!(json[0]["document_count"], 1);
}

#[test]
fn same_text_from_same_outlet_is_already_present() {
    let ledger = Workdir::with_seeds();
    let before = ledger.dump();
    let out = ledger.run(&["ingest", seeds().to_str().unwrap()]);
    assert!(
        out.contains("0 documents added, 2 already present"),
        "{out}"
    );
    // Only the audit trail may differ: no document, claim or mention is added.
    let docs = |d: &str| {
        d.split("table documents")
            .nth(1)
            .unwrap()
            .split("table ")
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(docs(&ledger.dump()), docs(&before));
}

#[test]
fn same_text_from_another_outlet_is_a_reprint() {
    let ledger = Workdir::with_seeds();
    let body = std::fs::read_to_string(seeds().join("moscowtimes-azerbaijan-france-mediation.txt"))
        .unwrap();
    let body = body.split_once("\n\n").unwrap().1;
    let file = ledger.file(
        "reprint.txt",
        format!("outlet: Daily Reprint\n\n{body}").as_bytes(),
    );
    let out = ledger.run(&["ingest", &file]);
    assert!(out.contains("1 documents added"), "{out}");
    assert!(ledger.run(&["outlet", "list"]).contains("Daily Reprint"));
}

#[test]
fn flags_override_the_header() {
    let ledger = Workdir::new();
    let file = ledger.file("a.txt", b"outlet: Header Outlet\n\nSome text.\n");
    ledger
        .cmd(&[
            "ingest",
            &file,
            "--outlet",
            "Flag Outlet",
            "--outlet-kind",
            "wire",
            "--published",
            "2021-01-02",
        ])
        .assert()
        .success();
    let outlets = ledger.run(&["outlet", "list"]);
    assert!(
        outlets.contains("Flag Outlet") && outlets.contains("wire"),
        "{outlets}"
    );
    assert!(!outlets.contains("Header Outlet"));
}

#[test]
fn manual_claim_with_mention_and_span() {
    let ledger = Workdir::with_seeds();
    let (id, _) = ledger.add_peacekeepers("russian peacekeepers", &[]);
    let shown: serde_json::Value =
        serde_json::from_str(&ledger.run(&["claim", "show", &id, "--format", "json"])).unwrap();
    let mention = &shown["mentions"][0];
    assert_eq!(mention["quote"], "some 2,000 Russian peacekeepers");
    assert_eq!(mention["stance"], "asserts");
    assert_eq!(mention["outlet"], "The Moscow Times");
    // The stored span points at the quote in the stored text.
    let conn = rusqlite::Connection::open(ledger.db()).unwrap();
    let (text, start, end): (String, usize, usize) = conn
        .query_row(
            "SELECT d.text, m.span_start, m.span_end FROM mentions m JOIN documents d ON d.id = m.document_id WHERE m.id = ?1",
            [mention["id"].as_i64().unwrap()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(&text[start..end], "some 2,000 Russian peacekeepers");

    ledger
        .cmd(&[
            "claim",
            "add",
            "--document",
            "1",
            "--quote",
            "dirty political campaign against Azerbaijan",
            "--kind",
            "quote",
            "--speaker",
            "Sahiba Gafarova",
        ])
        .assert()
        .success();
    let list = ledger.run(&["claim", "list"]);
    assert!(list.contains("Sahiba Gafarova"), "{list}");
    let actors = ledger.run(&["actor", "list", "--format", "json"]);
    assert!(actors.contains("Sahiba Gafarova"));
}

#[test]
fn a_figure_by_hand_holds_for_its_documents_day_and_says_when_its_unit_is_missing() {
    let ledger = Workdir::new();
    ledger.run(&["ingest", seeds().to_str().unwrap()]);
    let add = |extra: &[&str]| ledger.add_peacekeepers("russian troops deployed", extra);
    // The extracted figures of this measure are in troops.
    let (bare, note) = add(&[]);
    assert!(
        note.contains("the other figures of 'russian troops deployed' are in troops"),
        "{note}"
    );
    let (with_unit, note) = add(&["--unit", "troops"]);
    assert!(note.is_empty(), "{note}");
    let (dated, _) = add(&["--unit", "troops", "--as-of", "2020-11-30"]);
    ledger.run(&["check"]);
    let show = |id: &str| ledger.run(&["claim", "show", id]);
    // The document was published on 2020-11-26.
    assert!(
        show(&bare).contains("as of:    2020-11-26"),
        "{}",
        show(&bare)
    );
    assert!(show(&bare).contains("single-source"), "{}", show(&bare));
    assert!(
        show(&with_unit).contains("corroborated"),
        "{}",
        show(&with_unit)
    );
    assert!(
        show(&dated).contains("as of:    2020-11-30"),
        "{}",
        show(&dated)
    );
}

#[test]
fn retract_keeps_the_claim_out_of_listings() {
    let ledger = Workdir::with_seeds();
    ledger
        .cmd(&[
            "claim",
            "add",
            "--document",
            "2",
            "--quote",
            "Minsk Group, set up in 1992",
            "--kind",
            "event",
        ])
        .assert()
        .success();
    ledger
        .cmd(&[
            "claim",
            "retract",
            "1",
            "--why",
            "duplicate of a wire claim",
        ])
        .assert()
        .success();
    assert!(!ledger.run(&["claim", "list"]).contains("Minsk"));
    assert!(ledger
        .run(&["claim", "list", "--all"])
        .contains("retracted"));
    ledger.fails_unchanged(
        &["claim", "retract", "1", "--why", "again"],
        "already retracted",
    );
}

#[test]
fn flags_have_the_length_limits_of_header_lines() {
    let ledger = Workdir::new();
    ledger.file(
        "a.txt",
        "outlet: Alpha News\n\nSome 2,000 troops arrived.\n",
    );
    let long = "t".repeat(1001);
    for (flag, field) in [
        ("--title", "title"),
        ("--byline", "byline"),
        ("--country", "country"),
    ] {
        ledger.fails_unchanged(
            &["ingest", "a.txt", flag, &long],
            &format!("{flag}: the {field} is 1001 characters long, over the limit of 1000"),
        );
    }
    // As a header line, the same title is refused at its line.
    ledger.file(
        "b.txt",
        format!("outlet: Alpha News\ntitle: {long}\n\nText.\n"),
    );
    ledger.fails_unchanged(&["ingest", "b.txt"], "b.txt:2");
    ledger.fails_unchanged(
        &["ingest", "a.txt", "--outlet", &"o".repeat(201)],
        "201 characters",
    );
    ledger.run(&["ingest", "a.txt", "--title", &"t".repeat(1000)]);
}

#[test]
fn actors_take_aliases() {
    let ledger = Workdir::new();
    ledger
        .cmd(&[
            "actor",
            "add",
            "Nikol Pashinyan",
            "--kind",
            "person",
            "--alias",
            "Armenian Prime Minister Nikol Pashinyan",
        ])
        .assert()
        .success();
    ledger
        .cmd(&["actor", "alias", "Nikol Pashinyan", "Pashinyan"])
        .assert()
        .success();
    let list = ledger.run(&["actor", "list"]);
    assert!(
        list.contains("Armenian Prime Minister Nikol Pashinyan; Pashinyan"),
        "{list}"
    );
    ledger.fails_unchanged(&["actor", "add", "pashinyan"], "already exists");
}

#[test]
fn audit_passes_after_changes_and_names_an_edited_row() {
    let ledger = Workdir::with_seeds();
    ledger
        .cmd(&[
            "outlet",
            "add",
            "AFP",
            "--kind",
            "wire",
            "--country",
            "France",
        ])
        .assert()
        .success();
    ledger
        .cmd(&["outlet", "link", "Press TV", "cites", "AFP"])
        .assert()
        .success();
    ledger
        .cmd(&[
            "claim",
            "add",
            "--document",
            "1",
            "--quote",
            "seven surrounding districts",
        ])
        .assert()
        .success();
    ledger
        .cmd(&["claim", "retract", "1", "--why", "test"])
        .assert()
        .success();
    let out = ledger.run(&["audit"]);
    assert!(out.starts_with("OK: "), "{out}");

    // Edit one row in place.
    ledger.edit_behind_its_back("UPDATE events SET detail = '{\"name\":\"Reuters\"}' WHERE id = 4");
    ledger
        .cmd(&["audit"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("events row 4"));
}

#[test]
fn audit_names_a_deleted_row() {
    let ledger = Workdir::with_seeds();
    ledger.edit_behind_its_back("DELETE FROM events WHERE id = 2");
    ledger
        .cmd(&["audit"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("events row 3"));
}

#[test]
fn audit_names_a_row_whose_parent_is_gone() {
    let ledger = Workdir::with_seeds();
    ledger.cmd(&["audit"]).assert().success();
    // Ingest writes without foreign key checks; audit is the check.
    ledger.edit_behind_its_back("UPDATE documents SET outlet_id = 999 WHERE id = 2");
    ledger
        .cmd(&["audit"])
        .assert()
        .code(1)
        .stderr("error: audit failed: documents row 2: its outlet_id names no row of outlets\n");
}

#[test]
fn bad_article_files_change_nothing() {
    let ledger = Workdir::with_seeds();
    let not_utf8 = ledger.file("latin1.txt", b"outlet: X\n\nCaf\xe9 au lait\n");
    ledger.fails_unchanged(&["ingest", &not_utf8], "latin1.txt:3: not UTF-8");
    let empty = ledger.file("empty.txt", b"");
    ledger.fails_unchanged(&["ingest", &empty], "empty.txt:1: the article has no text");
    let bad_date = ledger.file("date.txt", b"outlet: X\npublished: last Tuesday\n\nBody.\n");
    ledger.fails_unchanged(
        &["ingest", &bad_date],
        "date.txt:2: published: 'last Tuesday'",
    );
    let no_outlet = ledger.file("no-outlet.txt", b"Body without a header.\n");
    ledger.fails_unchanged(&["ingest", &no_outlet], "no-outlet.txt:1: no outlet");
    let bad_key = ledger.file("key.txt", b"outlet: X\nauthor: Y\n\nBody.\n");
    ledger.fails_unchanged(
        &["ingest", &bad_key],
        "key.txt:2: unknown header key 'author'",
    );
    let bad_kind = ledger.file("kind.txt", b"outlet: X\noutlet-kind: blog\n\nBody.\n");
    ledger.fails_unchanged(
        &["ingest", &bad_kind],
        "kind.txt:2: unknown outlet kind 'blog'",
    );
    ledger.fails_unchanged(&["ingest", "missing.txt"], "missing.txt");
    ledger.fails_unchanged(
        &["ingest", "--published", "26/11/2020", &no_outlet],
        "--published",
    );
}

#[test]
fn one_bad_file_in_a_batch_stores_none_of_it() {
    let ledger = Workdir::new();
    let good = ledger.file("good.txt", b"outlet: Good News\n\nA good article.\n");
    let bad = ledger.file(
        "bad.txt",
        b"outlet: Bad News\npublished: 2020-13-45\n\nBody.\n",
    );
    ledger.fails_unchanged(&["ingest", &good, &bad], "bad.txt:2");
    assert!(!ledger.run(&["outlet", "list"]).contains("Good News"));
}

#[test]
fn bad_claim_add_changes_nothing() {
    let ledger = Workdir::with_seeds();
    ledger.fails_unchanged(
        &[
            "claim",
            "add",
            "--document",
            "1",
            "--quote",
            "10,000 peacekeepers",
        ],
        "--quote: the words are not in document 1",
    );
    ledger.fails_unchanged(
        &["claim", "add", "--document", "99", "--quote", "x"],
        "no document 99",
    );
    ledger.fails_unchanged(
        &[
            "claim",
            "add",
            "--document",
            "1",
            "--quote",
            "historic",
            "--stance",
            "believes",
        ],
        "unknown stance 'believes'",
    );
    ledger.fails_unchanged(
        &[
            "claim",
            "add",
            "--document",
            "1",
            "--quote",
            "historic",
            "--kind",
            "quantity",
        ],
        "quantity",
    );
    fn add<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        let base = ["claim", "add", "--document", "1", "--quote", "historic"];
        base.iter().chain(extra).copied().collect()
    }
    ledger.fails_unchanged(&add(&["--as-of", "30/11/2020"]), "not an ISO date");
    // A figure on a statement would be dropped; so would a new claim's
    // words on a mention of an existing one.
    ledger.fails_unchanged(
        &add(&["--measure", "x", "--low", "5"]),
        "--measure: a statement claim has no figure",
    );
    ledger
        .cmd(&add(&["--claim", "1", "--text", "t"]))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
    ledger.fails_unchanged(&["claim", "show", "42"], "no claim 42");
    ledger.fails_unchanged(
        &["outlet", "link", "Press TV", "copies", "Nobody"],
        "no outlet 'Nobody'",
    );
}

#[test]
fn ledger_in_a_missing_directory_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("no/such/dir/ledger.db");
    Command::cargo_bin("claimledger")
        .unwrap()
        .args(["--db", db.to_str().unwrap(), "init"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("does not exist"));
    assert!(!db.exists());
}

#[test]
fn commands_need_an_initialized_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    Command::cargo_bin("claimledger")
        .unwrap()
        .args(["--db", db.to_str().unwrap(), "claim", "list"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("no ledger at")
                .and(predicate::str::contains("claimledger init")),
        );
    assert!(!db.exists());
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let ledger = Workdir::empty();
    let garbage = b"This is a shopping list, not a database.\n".repeat(200);
    std::fs::write(ledger.db(), &garbage).unwrap();
    for args in [
        &["outlet", "list"][..],
        &["init"],
        &["audit"],
        &["ingest", "x.txt"],
    ] {
        ledger
            .cmd(args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("is not a claimledger ledger"));
    }
    assert_eq!(std::fs::read(ledger.db()).unwrap(), garbage);
}

#[test]
fn an_empty_file_becomes_a_ledger_and_another_programs_database_is_refused_untouched() {
    let ledger = Workdir::empty();
    std::fs::write(ledger.db(), b"").unwrap();
    ledger
        .cmd(&["outlet", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "is not a claimledger ledger (an empty file: `claimledger init` makes a ledger in it)",
        ));
    ledger.run(&["init"]);
    ledger.run(&["outlet", "add", "Alpha News"]);
    assert!(ledger.run(&["outlet", "list"]).contains("Alpha News"));

    let other = Workdir::empty();
    let conn = rusqlite::Connection::open(other.db()).unwrap();
    conn.execute_batch("CREATE TABLE shopping (item TEXT); INSERT INTO shopping VALUES ('milk');")
        .unwrap();
    drop(conn);
    let before = std::fs::read(other.db()).unwrap();
    for args in [&["init"][..], &["report"]] {
        other
            .cmd(args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "is not a claimledger ledger (a SQLite database without claimledger's tables)",
            ));
    }
    assert_eq!(std::fs::read(other.db()).unwrap(), before);
}

#[test]
fn a_ledger_from_a_newer_schema_is_refused() {
    let ledger = Workdir::with_seeds();
    let conn = rusqlite::Connection::open(ledger.db()).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    ledger.fails_unchanged(&["outlet", "list"], "schema version 99");
    ledger.fails_unchanged(
        &["ingest", seeds().to_str().unwrap()],
        "upgrade claimledger",
    );
}

#[test]
fn db_path_comes_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    Command::cargo_bin("claimledger")
        .unwrap()
        .env("CLAIMLEDGER_DB", &db)
        .arg("init")
        .assert()
        .success();
    assert!(db.exists());
}

#[test]
fn usage_errors_exit_2() {
    let ledger = Workdir::new();
    ledger.cmd(&["claim", "frobnicate"]).assert().code(2);
    ledger.cmd(&["ingest"]).assert().code(2);
}

#[test]
fn ingest_reads_globs_and_a_list_of_paths_on_stdin() {
    let ledger = Workdir::new();
    let pattern = format!("{}/*.txt", seeds().display());
    let out = ledger.run(&["ingest", &pattern]);
    assert!(out.contains("2 documents added"), "{out}");

    let other = Workdir::new();
    let list = format!(
        "{}\n\n{}\n",
        seeds()
            .join("presstv-azerbaijan-france-mediation.txt")
            .display(),
        seeds()
            .join("moscowtimes-azerbaijan-france-mediation.txt")
            .display()
    );
    let out = other
        .cmd(&["ingest", "-"])
        .write_stdin(list)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("2 documents added"), "{out}");
    // Stdin order is kept: Press TV first.
    let first = out.lines().nth(1).unwrap();
    assert!(first.contains("Press TV"), "{out}");

    other.fails_unchanged(&["ingest", "nothing-*.txt"], "no file matches this pattern");
}

#[test]
fn an_oversized_file_is_refused_with_its_limit() {
    let ledger = Workdir::new();
    let path = ledger.dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(claimledger::ingest::MAX_ARTICLE_BYTES + 1)
        .unwrap();
    ledger.fails_unchanged(
        &["ingest", path.to_str().unwrap()],
        "huge.txt:1: the file is",
    );
}

#[test]
fn claims_take_a_fact_checkers_rating() {
    let ledger = Workdir::with_seeds();
    ledger
        .cmd(&[
            "claim",
            "add",
            "--document",
            "2",
            "--quote",
            "some 30,000 people",
            "--kind",
            "quantity",
            "--measure",
            "people killed",
            "--low",
            "27000",
            "--high",
            "33000",
        ])
        .assert()
        .success();
    ledger
        .cmd(&[
            "claim",
            "rate",
            "1",
            "--rating",
            "Mostly true",
            "--by",
            "Desk A",
        ])
        .assert()
        .success();
    assert!(ledger
        .run(&["claim", "show", "1"])
        .contains("rating:   Mostly true (Desk A)"));
    ledger.fails_unchanged(
        &["claim", "rate", "1", "--rating", " "],
        "--rating: the rating is empty",
    );
    ledger.fails_unchanged(&["claim", "rate", "7", "--rating", "False"], "no claim 7");
}

#[test]
fn documents_stored_without_their_claims_get_them_when_ingested_again() {
    let later = Workdir::with_seeds();
    let out = later.run(&["ingest", seeds().to_str().unwrap()]);
    assert!(out.contains("claims extracted"), "{out}");
    assert!(
        out.contains("0 documents added, 2 already present, 25 claim mentions extracted"),
        "{out}"
    );
    // The same as extracting them at once, and recorded.
    let at_once = Workdir::new();
    at_once.run(&["ingest", seeds().to_str().unwrap()]);
    let claims = |w: &Workdir| {
        w.run(&["check"]);
        w.run(&["claim", "list", "--format", "csv"])
    };
    assert_eq!(claims(&later), claims(&at_once));
    assert!(later.run(&["audit"]).contains("intact"));
    // A third time, nothing is left to extract.
    let again = later.run(&["ingest", seeds().to_str().unwrap()]);
    assert!(again.contains("0 claim mentions extracted"), "{again}");
    // A mention a person added does not stand for extraction's.
    let by_hand = Workdir::with_seeds();
    by_hand.add_peacekeepers("russian troops deployed", &["--unit", "troops"]);
    let out = by_hand.run(&["ingest", seeds().to_str().unwrap()]);
    assert!(out.contains("25 claim mentions extracted"), "{out}");
}

/// `claimledger report | head` closes the pipe early: not an error.
#[cfg(unix)]
#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    let ledger = Workdir::new();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realcorpus/articles");
    ledger.run(&["ingest", corpus.to_str().unwrap()]);
    ledger.run(&["check"]);
    // Far more than a pipe holds, so the writer meets the closed end.
    let mut report = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimledger"))
        .env_remove("CLAIMLEDGER_DB")
        .arg("--db")
        .arg(ledger.db())
        .args(["report", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 16];
    report.stdout.take().unwrap().read_exact(&mut head).unwrap();
    let out = report.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Output is written after the command commits: when it cannot be
/// written, the person is told the change is kept.
#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_says_what_is_kept() {
    let ledger = Workdir::new();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimledger"))
        .env_remove("CLAIMLEDGER_DB")
        .arg("--db")
        .arg(ledger.db())
        .args(["ingest", seeds().to_str().unwrap()])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot write to standard output")
            && err.contains("the ledger keeps what the command stored before its output failed"),
        "{err}"
    );
    let listed = ledger.run(&["claim", "list"]);
    assert!(listed.contains("peacekeepers"), "{listed}");
}

#[test]
fn a_walk_takes_txt_in_any_case_and_skips_hidden_entries() {
    let ledger = Workdir::new();
    ledger.file("news/ARTICLE.TXT", "outlet: Upper\n\nOne article.\n");
    ledger.file("news/.draft.txt", "outlet: Hidden\n\nA draft.\n");
    ledger.file("news/.git/notes.txt", "outlet: Git\n\nNot news.\n");
    let out = ledger.run(&["ingest", "news"]);
    assert!(
        out.contains("Upper") && out.contains("1 documents added"),
        "{out}"
    );
    assert!(!out.contains("Hidden") && !out.contains("Git"), "{out}");
    // Named, a hidden file is read.
    let out = ledger.run(&["ingest", "news/.draft.txt"]);
    assert!(out.contains("Hidden"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_not_walked_and_devices_are_capped() {
    let ledger = Workdir::new();
    let dir = ledger.dir.path().join("loop/inner");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), "outlet: Looped\n\nOne article.\n").unwrap();
    std::os::unix::fs::symlink("..", dir.join("up")).unwrap();
    let out = ledger.run(&["ingest", ledger.dir.path().join("loop").to_str().unwrap()]);
    assert!(
        out.contains("1 documents added, 0 already present"),
        "{out}"
    );
    ledger.fails_unchanged(
        &["ingest", "--outlet", "Zero", "/dev/zero"],
        "limit for one article",
    );
}
