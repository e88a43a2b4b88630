//! What the integration tests share: running the real binary on a ledger
//! in a temporary directory. (Each test file uses some of it.)
#![allow(dead_code)]

use std::path::Path;

use assert_cmd::Command;

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

/// A mentions CSV with each row's ledger id (16 hex digits before the
/// last cell, the row's version) written as `LEDGER_ID`: every new ledger
/// has an id of its own, so files from two ledgers compare by the rest.
pub fn mask_ledger_id(csv: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(csv);
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut cells = line.rsplitn(3, ',');
        let (version, id, rest) = (cells.next(), cells.next(), cells.next());
        match (version, id, rest) {
            (Some(version), Some(id), Some(rest))
                if id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()) =>
            {
                out.push_str(&format!("{rest},LEDGER_ID,{version}"));
            }
            _ => out.push_str(line),
        }
    }
    out.into_bytes()
}
