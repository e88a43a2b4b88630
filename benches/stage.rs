//! One stage of an end-to-end benchmark: the real release binary run on a
//! ledger, timed, with its peak memory read from the kernel.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// Runs the binary with `args`, returning seconds and peak resident memory (MiB).
// The child is reaped by wait4, which std's Child cannot do for us.
#[allow(clippy::zombie_processes)]
pub fn stage(db: &Path, args: &[&str]) -> (f64, f64) {
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_claimledger"))
        .arg("--db")
        .arg(db)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("cannot start claimledger");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own child, not yet waited for; std's Child is
    // dropped without waiting, so nothing else reaps it.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let seconds = start.elapsed().as_secs_f64();
    assert!(
        pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "claimledger {args:?} failed"
    );
    (seconds, usage.ru_maxrss as f64 / 1024.0)
}
