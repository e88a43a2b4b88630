//! The library's error type: each variant names what a person needs to fix.

use std::path::PathBuf;

/// Everything that can go wrong in the library, with the file, line or field.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No ledger file where one was expected.
    #[error("no ledger at {path} (run `claimledger init` first, or pass --db)")]
    NoLedger { path: PathBuf },
    /// The ledger's directory does not exist.
    #[error("cannot create a ledger at {path}: directory {dir} does not exist")]
    MissingDirectory { path: PathBuf, dir: PathBuf },
    /// The file exists but is not a SQLite database.
    #[error("{path} is not a claimledger ledger (not a SQLite database, or damaged)")]
    NotALedger { path: PathBuf },
    /// The ledger was written by another schema version.
    #[error("{path} has schema version {found}, this claimledger reads version {expected}{hint}")]
    SchemaVersion {
        path: PathBuf,
        found: i64,
        expected: i64,
        hint: &'static str,
    },
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An article file is malformed.
    #[error("{path}:{line}: {message}")]
    Article {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A value given for a field is not acceptable.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// A row named by id or name does not exist.
    #[error("no {what} {key}")]
    NotFound { what: &'static str, key: String },
    /// A row with that name already exists.
    #[error("{what} '{key}' already exists")]
    Exists { what: &'static str, key: String },
    /// A vocabulary word was wrong.
    #[error(transparent)]
    Word(#[from] crate::model::UnknownWord),
    /// SQLite failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Writing output failed (a closed pipe, a full disk).
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    /// JSON encoding failed.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    /// An export was asked to write into a directory that does not exist.
    #[error("cannot write {path}: directory {dir} does not exist")]
    MissingOutputDirectory { path: PathBuf, dir: PathBuf },
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An invalid value for a named field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}
