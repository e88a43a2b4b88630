//! What the integration tests share: running the real binary on a ledger
//! in a temporary directory.

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
