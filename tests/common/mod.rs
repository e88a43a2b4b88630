//! What the integration tests share: running the real binary on a ledger
//! in a temporary directory.

// Each test file is a crate of its own that uses some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

/// `claimledger --db DIR/ledger.db ARGS...`, run in DIR, ignoring any
/// $CLAIMLEDGER_DB of the person running the tests.
pub fn claimledger(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("claimledger").expect("the claimledger binary");
    cmd.env_remove("CLAIMLEDGER_DB")
        .current_dir(dir)
        .arg("--db")
        .arg(dir.join("ledger.db"))
        .args(args);
    cmd
}

/// Runs a command that must succeed and returns its stdout.
pub fn stdout(mut cmd: Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("stdout is UTF-8")
}

/// A ledger, `ledger.db`, in a temporary directory, driven through the
/// real binary. Test files add what they need in `impl Workdir` blocks.
pub struct Workdir {
    /// The directory, removed when the Workdir is dropped.
    pub dir: TempDir,
}

impl Workdir {
    /// A temporary directory with no ledger yet.
    pub fn empty() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// An initialized, empty ledger.
    pub fn new() -> Workdir {
        let ledger = Workdir::empty();
        ledger.run(&["init"]);
        ledger
    }

    /// The ledger file.
    pub fn db(&self) -> PathBuf {
        self.path("ledger.db")
    }

    /// A path in the ledger's directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The command `claimledger ARGS...` on this ledger, not yet run.
    pub fn cmd(&self, args: &[&str]) -> Command {
        claimledger(self.dir.path(), args)
    }

    /// Runs a command that must succeed and returns its stdout.
    pub fn run(&self, args: &[&str]) -> String {
        stdout(self.cmd(args))
    }

    /// Writes a file (and its folders) in the ledger's directory and
    /// returns its path.
    pub fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, bytes).unwrap();
        path.to_str().unwrap().to_string()
    }

    /// Runs a command that must fail with exit 1, nothing on stdout and an
    /// error naming `needle`, and checks the ledger file is byte for byte
    /// what it was.
    pub fn fails_unchanged(&self, args: &[&str], needle: &str) {
        let before = std::fs::read(self.db()).unwrap();
        self.cmd(args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(needle));
        assert_eq!(
            std::fs::read(self.db()).unwrap(),
            before,
            "{args:?} changed the ledger"
        );
    }
}

/// A mentions CSV with each row's ledger id ("L" and 16 hex digits, before
/// the last cell, the row's version) written as `LEDGER_ID`: every new ledger
/// has an id of its own, so files from two ledgers compare by the rest.
pub fn mask_ledger_id(csv: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(csv);
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut cells = line.rsplitn(3, ',');
        let (version, id, rest) = (cells.next(), cells.next(), cells.next());
        match (version, id, rest) {
            (Some(version), Some(id), Some(rest))
                if id.len() == 17
                    && id.starts_with('L')
                    && id[1..].bytes().all(|b| b.is_ascii_hexdigit()) =>
            {
                out.push_str(&format!("{rest},LEDGER_ID,{version}"));
            }
            _ => out.push_str(line),
        }
    }
    out.into_bytes()
}

/// The golden file `name` in tests/golden.
pub fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// `actual` equals the golden file `name` (`UPDATE_GOLDEN=1` rewrites it).
pub fn assert_golden(actual: &str, name: &str) {
    let path = golden(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        actual, expected,
        "{name} changed; review it and rerun with UPDATE_GOLDEN=1"
    );
}
