//! `demo`, the README's first command: it runs end to end on the seeds, and
//! the example exports committed under exports/ are what it writes today.

mod common;

use std::path::Path;

use assert_cmd::Command;

#[test]
fn demo_output_and_committed_examples_are_in_step() {
    let dir = tempfile::tempdir().unwrap();
    let exports = dir.path().join("exports");
    let out = Command::cargo_bin("claimledger")
        .unwrap()
        .env_remove("CLAIMLEDGER_DB")
        .current_dir(dir.path())
        .args(["--db", "demo.db", "demo", "--exports"])
        .arg(&exports)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("2 documents added, 0 already present"),
        "{out}"
    );
    assert!(out.contains("Verification report"), "{out}");
    assert!(out.contains("== CORROBORATED"), "{out}");

    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("exports");
    for name in [
        "mentions.csv",
        "claims.csv",
        "ledger.dot",
        "report.md",
        "report.html",
    ] {
        let made = std::fs::read(exports.join(name)).unwrap();
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(committed.join(name), &made).unwrap();
        }
        let kept = std::fs::read(committed.join(name)).unwrap_or_default();
        // Each demo makes a new ledger, with an id of its own.
        let (made, kept) = (common::mask_ledger_id(&made), common::mask_ledger_id(&kept));
        assert!(
            made == kept,
            "exports/{name} is not what demo writes now: review the change and \
             rerun with UPDATE_GOLDEN=1 (or run `cargo run --release -- demo`)"
        );
    }
    let graphviz = std::process::Command::new("dot").arg("-V").output().is_ok();
    assert_eq!(exports.join("ledger.svg").exists(), graphviz);
}

#[test]
fn demo_twice_on_one_ledger_adds_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let run = || {
        let out = Command::cargo_bin("claimledger")
            .unwrap()
            .env_remove("CLAIMLEDGER_DB")
            .current_dir(dir.path())
            .args(["--db", "demo.db", "demo"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    run();
    assert!(run().contains("0 documents added, 2 already present"));
    assert!(dir.path().join("exports/report.md").exists());
}

#[test]
fn demo_leaves_the_working_ledger_of_claimledger_db_alone() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work.db");
    let claimledger = || {
        let mut cmd = Command::cargo_bin("claimledger").unwrap();
        cmd.current_dir(dir.path()).env("CLAIMLEDGER_DB", &work);
        cmd
    };
    claimledger().arg("init").assert().success();
    let before = std::fs::read(&work).unwrap();
    let mut demo = claimledger();
    demo.args(["demo", "--exports", "exports"]);
    let out = common::stdout(demo);
    // The README's first command makes a ledger of its own, in a
    // temporary directory, whatever the environment names.
    assert!(out.starts_with("demo ledger: "), "{out}");
    assert!(!out.contains("work.db"), "{out}");
    assert!(
        out.contains("2 documents added, 0 already present"),
        "{out}"
    );
    assert_eq!(std::fs::read(&work).unwrap(), before);
    // The working ledger is still the one the other commands use.
    let mut check = claimledger();
    check.arg("check");
    let status = common::stdout(check);
    assert!(status.contains("checked 0 claims"), "{status}");
}
