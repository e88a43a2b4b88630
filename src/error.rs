//! The library's error type: each variant names what a person needs to fix.

use std::path::PathBuf;

/// Everything that can go wrong in the library, with the file, line or field.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No ledger file where one was expected.
    #[error("no ledger at {path} (run `claimledger init` first, or pass --db)")]
    NoLedger {
        /// The file concerned.
        path: PathBuf,
    },
    /// The ledger's path names a directory, not a file.
    #[error("{path} is a directory, not a ledger file (pass --db DIR/claimledger.db)")]
    LedgerIsDirectory {
        /// The directory.
        path: PathBuf,
    },
    /// The ledger's directory does not exist.
    #[error("cannot create a ledger at {path}: directory {dir} does not exist")]
    MissingDirectory {
        /// The file concerned.
        path: PathBuf,
        /// The directory that is missing.
        dir: PathBuf,
    },
    /// The file exists but is not a ledger.
    #[error("{path} is not a claimledger ledger ({why})")]
    NotALedger {
        /// The file concerned.
        path: PathBuf,
        /// What it is instead.
        why: &'static str,
    },
    /// The ledger was written by another schema version.
    #[error("{path} has schema version {found}, this claimledger reads version {expected}{hint}")]
    SchemaVersion {
        /// The file concerned.
        path: PathBuf,
        /// The version the file has.
        found: i64,
        /// The version this build reads.
        expected: i64,
        /// What to do about it.
        hint: &'static str,
    },
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// An article file is malformed.
    #[error("{path}:{line}: {message}")]
    Article {
        /// The file concerned.
        path: PathBuf,
        /// The 1-based line.
        line: usize,
        /// What is wrong, in words.
        message: String,
    },
    /// A saved web page cannot be read as an article.
    #[error("{path}: {message}")]
    Page {
        /// The file concerned.
        path: PathBuf,
        /// What is wrong, in words.
        message: String,
    },
    /// A value given for a field is not acceptable.
    #[error("{field}: {message}")]
    Invalid {
        /// The field, flag or column.
        field: String,
        /// What is wrong, in words.
        message: String,
    },
    /// A row named by id or name does not exist.
    #[error("no {what} {key}")]
    NotFound {
        /// What kind of row ("claim", "outlet").
        what: &'static str,
        /// The id or name given.
        key: String,
    },
    /// A row with that name already exists.
    #[error("{what} '{key}' already exists")]
    Exists {
        /// What kind of row ("claim", "outlet").
        what: &'static str,
        /// The id or name given.
        key: String,
    },
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
    MissingOutputDirectory {
        /// The file concerned.
        path: PathBuf,
        /// The directory that is missing.
        dir: PathBuf,
    },
    /// Words given as a quote do not occur in the document; the caller
    /// names the flag or column they came from.
    #[error("the words are not in document {document}")]
    QuoteNotFound {
        /// The document's id.
        document: i64,
        /// Its outlet's name.
        outlet: String,
    },
    /// The corroboration pass ended without handing over all its verdicts.
    #[error("the corroboration pass stopped before it was done")]
    PassStopped,
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
