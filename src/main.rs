//! The claimledger binary: parse the command line, dispatch, map errors to exit codes.

// mimalloc: a check of a large ledger makes and frees tens of millions of
// small allocations, a good part of whose time glibc's malloc took (the
// README's Performance section has the figures). Without transparent huge
// pages (no_thp): with them, mimalloc zeroed a 2 MiB page for every page
// it reused, which slowed the reading of the ledger down.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match claimledger::cmd::Cli::from_args() {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(Stdout(stdout.lock()));
    let result = claimledger::cmd::run(cli, &mut out).and_then(|()| Ok(out.flush()?));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `claimledger report | head` closes the pipe early: that is not an error.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            drop(out);
            // One line without control characters: an error may quote a
            // file name or a cell, which are hostile.
            eprintln!("error: {}", claimledger::output::one_line(&message(&err)));
            if let Some(hint) = storage_hint(&err) {
                eprintln!("{hint}");
            } else if err.chain().any(is_stdout_error) {
                // A command writes its output after it commits.
                eprintln!("nothing was rolled back: the ledger keeps what the command stored before its output failed");
            }
            ExitCode::FAILURE
        }
    }
}

/// A well-formed command line with a wrong value (an unknown stance, a bad
/// date) is an error, exit 1; anything else clap rejects is usage, exit 2.
fn usage_error(err: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let _ = err.print();
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => ExitCode::SUCCESS,
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => ExitCode::FAILURE,
        _ => ExitCode::from(2),
    }
}

/// The error and its causes on one line, each cause said once: our errors
/// already name their source, and SQLite repeats its own.
fn message(err: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in err.chain() {
        let part = cause.to_string();
        if !text.contains(&part) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&part);
        }
    }
    text
}

/// What to tell a person when SQLite could not write: the command was rolled
/// back, so they know nothing half-done is left behind.
fn storage_hint(err: &anyhow::Error) -> Option<&'static str> {
    use rusqlite::ErrorCode;
    let code = err.chain().find_map(|cause| {
        let sqlite = cause.downcast_ref::<rusqlite::Error>().or_else(|| {
            match cause.downcast_ref::<claimledger::error::Error>() {
                Some(claimledger::error::Error::Sqlite(e)) => Some(e),
                _ => None,
            }
        });
        sqlite.and_then(|e| e.sqlite_error_code())
    })?;
    match code {
        ErrorCode::DiskFull => Some(
            "the disk is full: the command was rolled back and the ledger is unchanged; free some space and run it again",
        ),
        ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied => Some(
            "the ledger is read-only (file or directory permissions): nothing was written",
        ),
        _ => None,
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(io_cause)
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

/// The I/O error a cause is, directly or as the library's output error.
fn io_cause<'e>(cause: &'e (dyn std::error::Error + 'static)) -> Option<&'e std::io::Error> {
    cause.downcast_ref::<std::io::Error>().or_else(|| {
        match cause.downcast_ref::<claimledger::error::Error>() {
            Some(claimledger::error::Error::Output(io)) => Some(io),
            _ => None,
        }
    })
}

/// Standard output, whose write errors say they are its own: by the time
/// a command writes what it did, its changes are committed, and the
/// person must know they are kept.
struct Stdout<W>(W);

/// An error writing standard output.
#[derive(Debug)]
struct StdoutError(std::io::Error);

impl std::fmt::Display for StdoutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write to standard output: {}", self.0)
    }
}

impl std::error::Error for StdoutError {}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf).map_err(stdout_error)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush().map_err(stdout_error)
    }
}

fn stdout_error(e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), StdoutError(e))
}

fn is_stdout_error(cause: &(dyn std::error::Error + 'static)) -> bool {
    io_cause(cause)
        .and_then(|e| e.get_ref())
        .is_some_and(|inner| inner.is::<StdoutError>())
}
