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

/// CPU time a process has used, in clock ticks (user + system), from /proc.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    field(11) + field(12)
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
fn inits_at_once_make_one_ledger_and_all_succeed() {
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("ledger.db");
        let runs: Vec<_> = (0..4)
            .map(|_| {
                bin()
                    .arg("--db")
                    .arg(&db)
                    .arg("init")
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outs: Vec<_> = runs
            .into_iter()
            .map(|r| r.wait_with_output().unwrap())
            .collect();
        for out in &outs {
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let said: String = outs
            .iter()
            .map(|o| String::from_utf8_lossy(&o.stdout))
            .collect();
        assert_eq!(said.matches("created ledger").count(), 1, "{said}");
        cmd(&db, &["audit"]).assert().success();
        // Nothing is left beside it but SQLite's own files.
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with("ledger.db"))
            .collect();
        assert!(names.is_empty(), "{names:?}");
    }
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
    // Kill it once it has worked a while: the transaction is then under way
    // (its pages sit in the cache, so the file shows nothing yet).
    let mut killed = false;
    for _ in 0..5000 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if cpu_ticks(child.id()) >= 30 {
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
        documents == 0 || documents == 10000,
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

/// Unmounts the tiny filesystem when the test ends, whatever happens.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_is_an_error_and_the_ledger_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let mount = dir.path().join("tiny");
    let Some(_guard) = mount_tmpfs(&mount, "1m") else {
        eprintln!("note: cannot mount a tiny tmpfs here (needs root); skipping");
        return;
    };
    let db = mount.join("ledger.db");
    cmd(&db, &["init"]).assert().success();
    let small = dir.path().join("small");
    write_articles(&small, 3);
    cmd(&db, &["ingest", small.to_str().unwrap()])
        .assert()
        .success();
    let before = count(&db, "documents");

    let big = dir.path().join("big");
    write_articles(&big, 2000);
    cmd(&db, &["ingest", big.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("disk is full"))
        .stderr(predicate::str::contains("panicked").not());
    assert_eq!(count(&db, "documents"), before);
    integrity_ok(&db);
    cmd(&db, &["audit"]).assert().success();
}

/// Mounts a tmpfs of `size` at `at`, or says why not (not root, no mount).
fn mount_tmpfs(at: &Path, size: &str) -> Option<Mounted> {
    std::fs::create_dir_all(at).ok()?;
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(at)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    mounted.then(|| Mounted(at.to_path_buf()))
}

#[test]
fn a_read_only_ledger_refuses_writes_and_still_reads() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // Root writes through file permissions, so a read-only filesystem is the
    // honest test where we can mount one; permissions are the fallback.
    let place = dir.path().join("ro");
    let mounted = mount_tmpfs(&place, "8m");
    let db = place.join("ledger.db");
    std::fs::create_dir_all(&place).unwrap();
    cmd(&db, &["init"]).assert().success();
    write_articles(&dir.path().join("a"), 3);
    cmd(&db, &["ingest", dir.path().join("a").to_str().unwrap()])
        .assert()
        .success();
    cmd(&db, &["check"]).assert().success();
    let made_read_only = match &mounted {
        Some(m) => std::process::Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&m.0)
            .status()
            .is_ok_and(|s| s.success()),
        None => {
            std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
            std::fs::OpenOptions::new().write(true).open(&db).is_err()
        }
    };
    if !made_read_only {
        eprintln!("note: cannot make the ledger read-only here; skipping");
        return;
    }
    cmd(&db, &["outlet", "add", "AFP"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("read-only"))
        .stderr(predicate::str::contains("panicked").not());
    cmd(&db, &["outlet", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Outlet 0"));
    cmd(&db, &["audit"]).assert().success();
    // The report sorts in a temporary table, which a read-only ledger allows.
    cmd(&db, &["report"])
        .assert()
        .success()
        .stdout(predicate::str::contains("C1 ["));
    cmd(&db, &["report", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"mentions\":[{"));
    // Exports read in one snapshot (a savepoint), which reading allows too.
    cmd(&db, &["export", "json", "-o", "-"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"quote\""));
    cmd(&db, &["export", "dot", "-o", "-"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("digraph claimledger {"));
    if let Some(m) = &mounted {
        std::process::Command::new("mount")
            .args(["-o", "remount,rw"])
            .arg(&m.0)
            .status()
            .unwrap();
    }
    assert_eq!(count(&db, "documents"), 3);
    cmd(&db, &["audit"]).assert().success();
}
