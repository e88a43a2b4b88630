//! The command line's habits, through the real binary: shell completions
//! and the man page from the parser itself, JSON summaries for scripts,
//! one article piped in, NUL-separated path lists, and --quiet.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use common::{claimledger, stdout};
use predicates::prelude::*;
use serde_json::Value;

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// A ledger with the seeds ingested, in a temporary directory.
fn seeded() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    stdout(claimledger(dir.path(), &["init"]));
    stdout(claimledger(
        dir.path(),
        &["ingest", seeds().to_str().unwrap()],
    ));
    dir
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn completions_cover_the_commands_and_bash_reads_its_script() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout(claimledger(dir.path(), &["completions", shell]));
        for word in ["report", "suggestions", "claimreview", "format", "quiet"] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
    }
    let script = stdout(claimledger(dir.path(), &["completions", "bash"]));
    let file = dir.path().join("claimledger.bash");
    std::fs::write(&file, script).unwrap();
    // The script defines the completion when bash sources it.
    match Process::new("bash")
        .arg("-c")
        .arg(format!(". {} && complete -p claimledger", file.display()))
        .output()
    {
        Ok(out) => {
            assert!(out.status.success(), "{out:?}");
            let defined = String::from_utf8_lossy(&out.stdout);
            assert!(defined.contains("claimledger"), "{defined}");
        }
        Err(_) => eprintln!("bash is not installed: its part is skipped"),
    }
    // A shell it does not know is a wrong value, as for any flag.
    claimledger(dir.path(), &["completions", "tcsh"])
        .assert()
        .code(1);
}

#[test]
fn the_manual_lists_every_command_and_export_format() {
    let dir = tempfile::tempdir().unwrap();
    let page = stdout(claimledger(dir.path(), &["manual"]));
    assert!(page.contains(".TH claimledger 1"), "{page}");
    for section in [
        "CLAIMLEDGER INGEST",
        "CLAIMLEDGER REPORT",
        "CLAIMLEDGER EXPORT CSV",
        "CLAIMLEDGER EXPORT CLAIMREVIEW",
        "CLAIMLEDGER CLAIM SUGGESTIONS",
        "CLAIMLEDGER COMPLETIONS",
    ] {
        assert!(page.contains(&format!(".SH \"{section}\"")), "no {section}");
    }
    for format in ["csv", "dot", "json", "claimreview", "html"] {
        assert!(page.contains(format), "no {format}");
    }
    // No line of help text is read as a roff request.
    for line in page.lines().filter(|l| l.starts_with('.')) {
        let request = line[1..].split_whitespace().next().unwrap_or("");
        assert!(
            [
                "TH", "SH", "SS", "TP", "PP", "IP", "nf", "fi", "ie", "el", "RS", "RE", "B", "I",
                "br", "sp", "\\\""
            ]
            .contains(&request),
            "{line}"
        );
    }
}

#[test]
fn check_audit_and_import_summarize_as_json() {
    let dir = seeded();
    let checked = json(&stdout(claimledger(
        dir.path(),
        &["check", "--format", "json"],
    )));
    assert_eq!(checked["claims"], 22, "{checked}");
    assert_eq!(checked["corroborated"], 9, "{checked}");
    let statuses = ["conflicting", "corroborated", "single-source", "unsourced"]
        .iter()
        .map(|s| checked[s].as_u64().unwrap())
        .sum::<u64>();
    assert_eq!(checked["claims"].as_u64(), Some(statuses));
    assert!(checked["auto_links"].is_u64() && checked["suggestions"].is_u64());

    let audit = json(&stdout(claimledger(
        dir.path(),
        &["audit", "--format", "json"],
    )));
    assert_eq!(audit["status"], "intact", "{audit}");
    assert!(audit["events"].as_u64().unwrap() > 3);
    assert_eq!(audit["head"].as_str().unwrap().len(), 64);

    stdout(claimledger(dir.path(), &["export", "csv", "-o", "m.csv"]));
    let imported = json(&stdout(claimledger(
        dir.path(),
        &["import", "m.csv", "--format", "json"],
    )));
    assert_eq!(imported["rows"], 25, "{imported}");
    assert_eq!(imported["claims_updated"], 0, "{imported}");

    // A broken chain: the record says where, and the command fails.
    let conn = rusqlite::Connection::open(dir.path().join("ledger.db")).unwrap();
    conn.execute("UPDATE events SET detail = '{}' WHERE id = 2", [])
        .unwrap();
    drop(conn);
    let out = claimledger(dir.path(), &["audit", "--format", "json"])
        .assert()
        .failure()
        .get_output()
        .stdout
        .clone();
    let broken = json(&String::from_utf8(out).unwrap());
    assert_eq!(broken["status"], "broken", "{broken}");
    assert_eq!(broken["id"], 2, "{broken}");
}

#[test]
fn one_article_is_read_from_stdin_with_its_header() {
    let dir = tempfile::tempdir().unwrap();
    stdout(claimledger(dir.path(), &["init"]));
    let article =
        std::fs::read_to_string(seeds().join("presstv-azerbaijan-france-mediation.txt")).unwrap();
    let mut cmd = claimledger(dir.path(), &["ingest", "--text", "-", "--format", "json"]);
    cmd.write_stdin(article.clone());
    let added = json(&stdout(cmd));
    assert_eq!(added[0]["added"], true, "{added}");
    assert_eq!(added[0]["outlet"], "Press TV", "{added}");
    assert_eq!(added[0]["claim_count"], 16, "{added}");
    // The same text again is the same document.
    let mut again = claimledger(dir.path(), &["ingest", "--text", "-", "--format", "json"]);
    again.write_stdin(article);
    assert_eq!(json(&stdout(again))[0]["added"], false);
    // Nothing on stdin is an error, and the ledger is left as it was.
    let before = std::fs::read(dir.path().join("ledger.db")).unwrap();
    let mut empty = claimledger(dir.path(), &["ingest", "--text", "-"]);
    empty.write_stdin("");
    empty
        .assert()
        .failure()
        .stderr(predicates::str::contains("no text"));
    assert_eq!(std::fs::read(dir.path().join("ledger.db")).unwrap(), before);
}

#[test]
fn paths_on_stdin_may_be_separated_by_nul_bytes() {
    let dir = tempfile::tempdir().unwrap();
    stdout(claimledger(dir.path(), &["init"]));
    // Names a line-separated list would cut in two.
    let names = ["press\ntv.txt", "the moscow times.txt"];
    for (name, seed) in names.iter().zip([
        "presstv-azerbaijan-france-mediation.txt",
        "moscowtimes-azerbaijan-france-mediation.txt",
    ]) {
        std::fs::copy(seeds().join(seed), dir.path().join(name)).unwrap();
    }
    let list: String = names.iter().map(|n| format!("{n}\0")).collect();
    let mut cmd = claimledger(dir.path(), &["ingest", "-0", "-", "--format", "json"]);
    cmd.write_stdin(list);
    let added = json(&stdout(cmd));
    let added = added.as_array().unwrap();
    assert_eq!(added.len(), 2, "{added:?}");
    assert!(added.iter().all(|a| a["added"] == true), "{added:?}");
    // -0 reads paths; --text reads an article: not both.
    claimledger(dir.path(), &["ingest", "-0", "--text", "-"])
        .assert()
        .code(2);
}

/// A file name that is not UTF-8 (a Latin-1 "café.txt") is stored, and
/// said, with U+FFFD for its stray byte, in every format: saying it once
/// failed after the ingest was committed, so the command exited 1 with
/// the document stored.
#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_ingested_and_said_in_every_format() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    stdout(claimledger(dir.path(), &["init"]));
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::copy(
        seeds().join("presstv-azerbaijan-france-mediation.txt"),
        dir.path().join(name),
    )
    .unwrap();
    let listed = stdout(claimledger(dir.path(), &["ingest", "."]));
    assert!(listed.contains("caf\u{fffd}.txt"), "{listed}");
    assert!(listed.contains("1 documents added"), "{listed}");
    for format in ["json", "csv", "markdown", "ndjson"] {
        let again = stdout(claimledger(
            dir.path(),
            &["ingest", ".", "--format", format],
        ));
        assert!(again.contains("caf\u{fffd}.txt"), "{format}: {again}");
    }
    let mut nul = claimledger(dir.path(), &["ingest", "-0", "-", "--format", "json"]);
    nul.write_stdin(b"caf\xe9.txt\0".to_vec());
    let again = json(&stdout(nul));
    assert_eq!(again[0]["source"], "caf\u{fffd}.txt", "{again}");
    assert_eq!(again[0]["added"], false, "{again}");
}

#[test]
fn quiet_leaves_stderr_to_errors() {
    let dir = tempfile::tempdir().unwrap();
    stdout(claimledger(dir.path(), &["init"]));
    claimledger(
        dir.path(),
        &["--quiet", "ingest", seeds().to_str().unwrap()],
    )
    .assert()
    .success()
    .stderr("");
    claimledger(dir.path(), &["--quiet", "check"])
        .assert()
        .success()
        .stderr("");
    claimledger(dir.path(), &["--quiet", "export", "csv", "-o", "m.csv"])
        .assert()
        .success()
        .stderr("");
    // Without it, the export says where it wrote.
    claimledger(dir.path(), &["export", "csv", "-o", "m.csv"])
        .assert()
        .success()
        .stderr(predicates::str::contains("m.csv"));
    // Errors still show.
    claimledger(dir.path(), &["--quiet", "claim", "show", "999"])
        .assert()
        .failure()
        .stderr(predicates::str::is_empty().not());
}
