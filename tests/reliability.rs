//! A ledger a newsroom relies on: concurrent fact-checkers, killed processes,
//! damaged files and backups, through the real binary.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;
use assert_cmd::Command;
use predicates::prelude::*;

fn bin() -> std::process::Command {
    let mut cmd = std::process::Command::cargo_bin("claimledger").unwrap();
    cmd.env_remove("CLAIMLEDGER_DB");
    cmd
}

fn cmd(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::from_std(bin());
    cmd.arg("--db").arg(db).args(args);
    cmd
}

/// Writes `n` distinct articles from a few outlets into `dir`.
fn write_articles(dir: &Path, n: usize) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    (0..n)
        .map(|i| {
            let path = dir.join(format!("article-{i:05}.txt"));
            let body = format!(
                "outlet: Outlet {}\npublished: 2024-03-{:02}\n\n\
                 Officials said some {} people were evacuated from district {i} on Tuesday.\n\
                 The ministry said the operation, the {i}th this year, was completed.\n",
                i % 7,
                1 + i % 28,
                100 + i
            );
            std::fs::write(&path, body).unwrap();
            path
        })
        .collect()
}

fn count(db: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn integrity_ok(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let result: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(result, "ok");
}

#[test]
fn eight_writers_and_readers_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    cmd(&db, &["init"]).assert().success();
    let articles = dir.path().join("articles");
    write_articles(&articles, 40);

    // Eight processes ingest the same 40 articles while readers report.
    let writers: Vec<_> = (0..8)
        .map(|_| {
            bin()
                .arg("--db")
                .arg(&db)
                .arg("ingest")
                .arg(&articles)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for _ in 0..5 {
        cmd(&db, &["report"]).assert().success();
        cmd(&db, &["claim", "list", "--format", "json"])
            .assert()
            .success();
    }
    for writer in writers {
        let out = writer.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "a writer failed: {stderr}");
        assert!(!stderr.contains("locked"), "{stderr}");
    }
    assert_eq!(count(&db, "documents"), 40, "every article exactly once");
    cmd(&db, &["audit"]).assert().success();
    integrity_ok(&db);
}

#[test]
fn a_killed_ingest_leaves_all_or_nothing_and_can_be_rerun() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    cmd(&db, &["init"]).assert().success();
    let articles = dir.path().join("articles");
    write_articles(&articles, 10000);

    let mut child = bin()
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .arg(&articles)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once the write-ahead log shows the transaction under way.
    let wal = dir.path().join("ledger.db-wal");
    let mut killed = false;
    for _ in 0..2000 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) > 512 * 1024 {
            child.kill().unwrap(); // SIGKILL on Unix
            killed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child.wait().unwrap();
    eprintln!("killed mid-ingest: {killed}");

    integrity_ok(&db);
    cmd(&db, &["audit"]).assert().success();
    let documents = count(&db, "documents");
    assert!(
        documents == 0 || documents == 3000,
        "half a batch: {documents}"
    );

    cmd(&db, &["ingest", articles.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(count(&db, "documents"), 10000);
    cmd(&db, &["audit"]).assert().success();
}

#[test]
fn backup_of_a_live_ledger_passes_audit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    cmd(&db, &["init"]).assert().success();
    let articles = dir.path().join("articles");
    write_articles(&articles, 300);
    let mut writer = bin()
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .arg(&articles)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let copy = dir.path().join("copy.db");
    cmd(&db, &["backup", copy.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("hash chain intact"));
    assert!(writer.wait().unwrap().success());
    cmd(&copy, &["audit"]).assert().success();
    let docs = count(&copy, "documents");
    assert!(
        docs == 0 || docs == 300,
        "a backup holds whole transactions: {docs}"
    );

    // A second backup to the same path is refused, and the copy kept.
    cmd(&db, &["backup", copy.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
    cmd(&copy, &["audit"]).assert().success();
}

#[test]
fn a_truncated_ledger_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    cmd(&db, &["init"]).assert().success();
    cmd(
        &db,
        &["ingest", dir.path().join("articles").to_str().unwrap()],
    )
    .assert()
    .code(1);
    write_articles(&dir.path().join("articles"), 200);
    cmd(
        &db,
        &["ingest", dir.path().join("articles").to_str().unwrap()],
    )
    .assert()
    .success();
    let bytes = std::fs::read(&db).unwrap();
    std::fs::write(&db, &bytes[..bytes.len() / 3]).unwrap();
    for args in [&["claim", "list"][..], &["audit"], &["report"], &["check"]] {
        cmd(&db, args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("error:"))
            .stderr(predicate::str::contains("panicked").not());
    }
}

#[test]
fn a_random_file_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    // Deterministic noise, including a valid SQLite magic header to get past
    // the first check.
    let mut bytes = b"SQLite format 3\0".to_vec();
    let mut x: u64 = 0x9e3779b97f4a7c15;
    for _ in 0..8192 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        bytes.push(x as u8);
    }
    std::fs::write(&db, &bytes).unwrap();
    for args in [&["claim", "list"][..], &["audit"], &["init"]] {
        cmd(&db, args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("panicked").not());
    }
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
}
