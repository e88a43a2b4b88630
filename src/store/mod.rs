//! The SQLite ledger: opening, the schema, every query, and the hash-chained
//! events table. All SQL outside `schema.sql` lives in this folder, with
//! bound parameters, one job per file: opening and transactions here,
//! schema upgrades (`migrate`), the events chain (`events`), the rows and
//! how they are read (`rows`), the edits (`write`, and `actors` for who is
//! who), and the queries of each reader: lookups and listings, the report,
//! the timelines (`timeline`), the exports, the pass's input, and what a
//! check writes (`verdicts`); `merge` walks two sorted streams.

mod actors;
mod events;
mod export;
mod integrity;
mod lookup;
mod merge;
mod migrate;
mod pages;
mod pass;
mod report;
mod rows;
mod timeline;
mod verdicts;
mod write;

pub use actors::Split;
pub use events::{event_hash, hex, AuditOutcome};
pub use integrity::{could_be_head, TextAudit};
pub use migrate::{SCHEMA, SCHEMA_VERSION};
pub use pages::NewText;
pub use pass::{PassInput, PassMention};
pub use report::{ClaimFilter, MentionsBy, ReportStream};
pub use timeline::TimelineFilter;
pub use verdicts::{CheckSummary, VerdictWriter};
pub use write::Stored;

use std::path::{Path, PathBuf};

use chrono::{SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};
use migrate::upgrade;

/// An open ledger file.
pub struct Ledger {
    conn: Connection,
    path: PathBuf,
}

/// The time now, as stored: ISO-8601 UTC to the second.
fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// How many places [`claim_keys`] offers a key before it is stored
/// without one.
const KEY_PROBES: u32 = 8;

/// Where `claims.key` may store a claim's key, in the order to try: the
/// first eight bytes of its SHA-256, a signed 64-bit integer, then of the
/// key with a NUL and 1, 2, ... appended, for a key whose hash a claim of
/// another key already has. Eight bytes in the row and its index where the
/// key's text took some seventy in each; fixed for good, since stored
/// claims are found by them.
pub(crate) fn claim_keys(key: &str) -> impl Iterator<Item = i64> + '_ {
    use sha2::{Digest, Sha256};
    (0..KEY_PROBES).map(move |probe| {
        let digest = if probe == 0 {
            Sha256::digest(key.as_bytes())
        } else {
            Sha256::digest(format!("{key}\0{probe}").as_bytes())
        };
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        i64::from_be_bytes(first)
    })
}

/// A new ledger made aside, removed when dropped (once linked into place,
/// or when making it failed).
struct Aside(PathBuf);

impl Drop for Aside {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Sets what every connection to a ledger needs, writing or reading.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    // Concurrent fact-checkers wait for each other instead of failing.
    // A long ingest holds the write lock while it stores; five minutes
    // covers a large batch on a shared machine.
    conn.busy_timeout(std::time::Duration::from_secs(300))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // SQLite's default page cache is 2 MiB; a ledger of many articles
    // outgrows it, and every index lookup then goes to the file. 64 MiB keeps
    // the hot index pages in memory at a bounded cost.
    conn.pragma_update(None, "cache_size", -65536)?;
    Ok(())
}

/// A path as the path part of a SQLite `file:` URI: `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// Maps errors that mean "this file is not a usable SQLite database".
fn not_a_ledger(path: &Path) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |err| match err.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            Error::NotALedger {
                path: path.to_path_buf(),
                why: "not a SQLite database, or damaged",
            }
        }
        _ => Error::Sqlite(err),
    }
}

impl Ledger {
    /// Creates the ledger at `path` (or opens it if it is already a ledger).
    /// Returns the ledger and whether it was new.
    pub fn init(path: &Path) -> Result<(Ledger, bool)> {
        // An empty file (`touch ledger.db`) holds nothing to keep: the
        // ledger is made in it.
        let empty_file = path.is_file() && path.metadata().is_ok_and(|m| m.len() == 0);
        if path.exists() && !empty_file {
            return Ok((Ledger::open(path)?, false));
        }
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        if !dir.is_dir() {
            return Err(Error::MissingDirectory {
                path: path.to_path_buf(),
                dir: dir.to_path_buf(),
            });
        }
        // Made aside and moved into place whole: a command or another
        // `init` running meanwhile finds no ledger or all of it, never one
        // half made.
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        // Named by this process and the time; created here, with the
        // permissions SQLite would have given the ledger.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let aside = Aside(dir.join(format!(
            ".claimledger-init-{}-{nanos}.db",
            std::process::id()
        )));
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&aside.0)
            .map_err(io)?;
        Ledger::make(&aside.0)?;
        // An empty file is replaced; anything else, made meanwhile, is kept
        // (a hard link is made only where there is no file).
        let placed = if empty_file {
            std::fs::rename(&aside.0, path)
        } else {
            match std::fs::hard_link(&aside.0, path) {
                // A file system without hard links (some network and USB
                // drives): moved instead, unless a ledger is there.
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                    if path.exists() {
                        Err(std::io::ErrorKind::AlreadyExists.into())
                    } else {
                        std::fs::rename(&aside.0, path)
                    }
                }
                linked => linked,
            }
        };
        match placed {
            Ok(()) => Ok((Ledger::open(path)?, true)),
            // Another `init` placed its ledger first; ours is deleted.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Ok((Ledger::open(path)?, false))
            }
            Err(e) => Err(io(e)),
        }
    }

    /// Writes a new ledger's schema and first event into the empty file at
    /// `path`, and closes it (its write-ahead log folded into it).
    fn make(path: &Path) -> Result<()> {
        let conn = Connection::open(path)?;
        configure(&conn)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        let mut ledger = Ledger {
            conn,
            path: path.to_path_buf(),
        };
        let tx = ledger.begin()?;
        tx.tx.execute_batch(SCHEMA)?;
        // 128 random bits (SQLite draws them from the operating system), so
        // two ledgers made in the same second still have ids of their own:
        // the ledger's id is this event's hash (`Reader::ledger_id`).
        let nonce: String = tx
            .tx
            .query_row("SELECT lower(hex(randomblob(16)))", [], |row| row.get(0))?;
        tx.event(
            "init",
            "ledger",
            None,
            &serde_json::json!({ "schema_version": SCHEMA_VERSION, "nonce": nonce }),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Opens an existing ledger, checking that it is one and of this version.
    pub fn open(path: &Path) -> Result<Ledger> {
        if path.is_dir() {
            return Err(Error::LedgerIsDirectory {
                path: path.to_path_buf(),
            });
        }
        if !path.is_file() {
            return Err(Error::NoLedger {
                path: path.to_path_buf(),
            });
        }
        let connect = |flags: OpenFlags, target: &str| -> rusqlite::Result<(Connection, i64)> {
            let conn =
                Connection::open_with_flags(target, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
            configure(&conn)?;
            let version = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
            Ok((conn, version))
        };
        let (conn, version, read_only) =
            match connect(OpenFlags::SQLITE_OPEN_READ_WRITE, &path.to_string_lossy()) {
                Ok((conn, version)) => (conn, version, false),
                // A WAL ledger in a directory we cannot write to cannot even be
                // read the normal way (SQLite must create its -shm file). Read it
                // as an immutable snapshot instead; writes then fail as read-only.
                Err(e)
                    if matches!(
                        e.sqlite_error_code(),
                        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
                    ) =>
                {
                    let uri = format!("file:{}?mode=ro&immutable=1", uri_path(path));
                    let (conn, version) = connect(
                        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
                        &uri,
                    )
                    .map_err(not_a_ledger(path))?;
                    (conn, version, true)
                }
                Err(e) => return Err(not_a_ledger(path)(e)),
            };
        let has_events: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events')",
                [],
                |row| row.get(0),
            )
            .map_err(not_a_ledger(path))?;
        if version == 0 && !has_events {
            let empty = path.metadata().is_ok_and(|m| m.len() == 0);
            return Err(Error::NotALedger {
                path: path.to_path_buf(),
                why: if empty {
                    "an empty file: `claimledger init` makes a ledger in it"
                } else {
                    "a SQLite database without claimledger's tables"
                },
            });
        }
        // A file we may not write (permissions) opens read-write all the same.
        let read_only = read_only || conn.is_readonly(rusqlite::DatabaseName::Main)?;
        if (1..SCHEMA_VERSION).contains(&version) && !read_only {
            upgrade(&conn)?;
        } else if version != SCHEMA_VERSION {
            let hint = if version > SCHEMA_VERSION {
                " (written by a newer claimledger: upgrade claimledger to open it)"
            } else if read_only {
                " (open it once where it can be written, and claimledger upgrades it)"
            } else {
                ""
            };
            return Err(Error::SchemaVersion {
                path: path.to_path_buf(),
                found: version,
                expected: SCHEMA_VERSION,
                hint,
            });
        }
        Ok(Ledger {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The file this ledger lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Starts the write transaction of `import`: a bulk write, with foreign
    /// key checks, since its rows name ids from a file.
    pub fn begin_bulk(&mut self) -> Result<Tx<'_>> {
        self.begin_bulk_with(true)
    }

    /// Starts the write transaction of `ingest`: a bulk write, without
    /// foreign key checks. Every id it writes is one it got from the ledger
    /// under the same lock (the outlet, document, actor and claim it just
    /// found or added), and nothing is ever deleted, so the checks would
    /// find nothing, at a real cost to a large ingest. `audit` checks every
    /// reference afterwards.
    pub fn begin_ingest(&mut self) -> Result<Tx<'_>> {
        self.begin_bulk_with(false)
    }

    /// A bulk write has a larger page cache: past a few thousand articles
    /// the indexes that every new claim and mention touches outgrow 64 MiB,
    /// and each miss is a read from the file.
    fn begin_bulk_with(&mut self, foreign_keys: bool) -> Result<Tx<'_>> {
        self.conn.pragma_update(None, "cache_size", -262_144)?;
        self.begin_with(foreign_keys)
    }

    /// Starts the write transaction of `check`, without foreign key
    /// checks: it writes only claim ids it read under the same lock, and
    /// claims are never deleted, so the checks would find nothing; they
    /// would cost a lookup for each end of every automatic link and for
    /// each verdict and claim cluster row written.
    ///
    /// Its page cache is small: the pass holds what it read in memory, and
    /// the writer's pages are few. At 100k articles the usual 64 MiB kept
    /// 47 MB more resident at the pass's peak, for no time saved.
    pub fn begin_check(&mut self) -> Result<Tx<'_>> {
        self.conn.pragma_update(None, "cache_size", -16_384)?;
        self.begin_with(false)
    }

    /// Starts a write transaction; nothing is kept unless it is committed.
    pub fn begin(&mut self) -> Result<Tx<'_>> {
        self.begin_with(true)
    }

    fn begin_with(&mut self, foreign_keys: bool) -> Result<Tx<'_>> {
        // Set for each transaction (SQLite ignores it inside one), so one
        // without checks leaves none after it.
        self.conn
            .pragma_update(None, "foreign_keys", foreign_keys)?;
        Tx::immediate(&self.conn)
    }

    /// Read access to the ledger.
    pub fn read(&self) -> Reader<'_> {
        Reader { conn: &self.conn }
    }

    /// Writes a consistent copy of the ledger to `target` with SQLite's online
    /// backup API, so writers can keep working meanwhile. `target` must not exist.
    pub fn backup(&self, target: &Path) -> Result<()> {
        // A link, even dangling, would make the copy land where the link
        // points, perhaps in a place the user never named.
        if let Ok(meta) = std::fs::symlink_metadata(target) {
            if meta.file_type().is_symlink() {
                let to = std::fs::read_link(target)
                    .map(|t| format!(" (to {})", t.display()))
                    .unwrap_or_default();
                return Err(Error::Io {
                    path: target.to_path_buf(),
                    source: std::io::Error::other(format!(
                        "is a symbolic link{to}; backup writes a new file, never through a link"
                    )),
                });
            }
            return Err(Error::Exists {
                what: "file",
                key: target.display().to_string(),
            });
        }
        match target.parent() {
            Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => {
                return Err(Error::MissingDirectory {
                    path: target.to_path_buf(),
                    dir: dir.to_path_buf(),
                })
            }
            _ => {}
        }
        // Created here, exclusively (O_EXCL follows no link), so a link or
        // file that appeared since the check above is not written through.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(target)
            .map_err(|source| match source.kind() {
                std::io::ErrorKind::AlreadyExists => Error::Exists {
                    what: "file",
                    key: target.display().to_string(),
                },
                _ => Error::Io {
                    path: target.to_path_buf(),
                    source,
                },
            })?;
        let mut copy = match Connection::open(target) {
            Ok(copy) => copy,
            Err(e) => {
                let _ = std::fs::remove_file(target);
                return Err(e.into());
            }
        };
        let result = rusqlite::backup::Backup::new(&self.conn, &mut copy)
            .and_then(|b| b.run_to_completion(256, std::time::Duration::from_millis(5), None));
        drop(copy);
        if let Err(e) = result {
            // A half-written copy is worse than none.
            let _ = std::fs::remove_file(target);
            return Err(e.into());
        }
        Ok(())
    }
}

/// Read-only queries, on a ledger or inside a transaction.
#[derive(Clone, Copy)]
pub struct Reader<'c> {
    conn: &'c Connection,
}

/// A write transaction. Every change method appends its event.
pub struct Tx<'c> {
    tx: Transaction<'c>,
    /// The id and hash of the newest event, once read: bulk ingests append
    /// many events, and the chain's tail only changes through this Tx.
    tail: std::cell::RefCell<Option<(i64, String)>>,
    /// The connection's count of changed rows when this began: another
    /// connection sees the ledger as this one does only while it is unchanged.
    changes_at_begin: u64,
}

impl<'c> Tx<'c> {
    /// Starts a write transaction on `conn`. IMMEDIATE takes the write lock
    /// up front, so two writers queue on the busy timeout rather than
    /// failing mid-way on a lock upgrade.
    fn immediate(conn: &'c Connection) -> Result<Tx<'c>> {
        Ok(Tx {
            tx: Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?,
            tail: std::cell::RefCell::new(None),
            changes_at_begin: conn.total_changes(),
        })
    }
}

impl Tx<'_> {
    /// Read access inside the transaction.
    pub fn read(&self) -> Reader<'_> {
        Reader { conn: &self.tx }
    }

    /// Keeps every change made in this transaction.
    pub fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }
}

impl Reader<'_> {
    /// Runs `f`'s reads on one snapshot of the ledger, and undoes what it
    /// wrote (temporary tables) whether it succeeds or fails. A savepoint:
    /// it also nests inside a transaction or another snapshot.
    pub fn snapshot<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        self.conn.execute_batch("SAVEPOINT snapshot")?;
        let result = f();
        let ended = self
            .conn
            .execute_batch("ROLLBACK TO snapshot; RELEASE snapshot;");
        let value = result?;
        ended?;
        Ok(value)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Stores a document of outlet `outlet_id` with `text`, and nothing
    /// else known of it; returns its id.
    pub(crate) fn document(tx: &Tx<'_>, outlet_id: i64, text: &str) -> i64 {
        let document = crate::model::Document::new(outlet_id, "h".into(), text);
        match tx.add_document(&document, &[]).expect("document") {
            Stored::Added(id) | Stored::AlreadyPresent(id) => id,
        }
    }

    #[test]
    fn check_and_ingest_transactions_leave_foreign_keys_checked_after_them() {
        let (_dir, mut ledger) = empty_ledger();
        let fk = |tx: &Tx<'_>| -> bool {
            tx.tx
                .pragma_query_value(None, "foreign_keys", |r| r.get(0))
                .unwrap()
        };
        let tx = ledger.begin_check().unwrap();
        assert!(!fk(&tx));
        drop(tx);
        let tx = ledger.begin_ingest().unwrap();
        assert!(!fk(&tx));
        drop(tx);
        let tx = ledger.begin_bulk().unwrap();
        assert!(fk(&tx));
        drop(tx);
        let tx = ledger.begin_ingest().unwrap();
        drop(tx);
        let tx = ledger.begin().unwrap();
        assert!(fk(&tx));
        let bad = tx.tx.execute(
            "INSERT INTO claim_links (from_claim, to_claim, relation, origin)
             VALUES (1, 2, 'supports', 'manual')",
            [],
        );
        assert!(bad.is_err(), "a link between missing claims was stored");
    }

    #[test]
    fn a_key_whose_place_another_kind_holds_takes_the_next() {
        use crate::model::{Claim, ClaimBody, Origin};
        let (_dir, mut ledger) = empty_ledger();
        let key = "statement||the same words";
        let first = claim_keys(key).next().unwrap();
        let tx = ledger.begin().unwrap();
        // An event claim holding the statement's first place, as a
        // collision of hashes would.
        tx.tx
            .execute(
                "INSERT INTO claims (kind, text, key, origin) VALUES ('event', 'x', ?1, 'extracted')",
                [first],
            )
            .unwrap();
        let statement = Claim {
            origin: Origin::Extracted,
            ..Claim::by_hand("the same words", ClaimBody::Statement)
        };
        let id = tx.add_claim(&statement, Some(key), None).unwrap();
        assert_ne!(id, 1);
        // Stored at its second place, where the same key finds it again.
        let stored: i64 = tx
            .tx
            .query_row("SELECT key FROM claims WHERE id = ?1", [id], |r| r.get(0))
            .unwrap();
        assert_eq!(Some(stored), claim_keys(key).nth(1));
        assert_eq!(tx.add_claim(&statement, Some(key), None).unwrap(), id);
    }

    /// The demo's ledger (the seeds, ingested and checked) in `dir`.
    /// A new, empty ledger in a temporary directory, which lives as long
    /// as the directory handed back with it.
    pub(super) fn empty_ledger() -> (tempfile::TempDir, Ledger) {
        let dir = tempfile::tempdir().unwrap();
        let (ledger, _) = Ledger::init(&dir.path().join("l.db")).unwrap();
        (dir, ledger)
    }

    pub(super) fn demo_ledger(dir: &Path) -> PathBuf {
        let db = dir.join("demo.db");
        let cli = <crate::cmd::Cli as clap::Parser>::parse_from([
            "claimledger".as_ref(),
            "--db".as_ref(),
            db.as_os_str(),
            "demo".as_ref(),
            "--exports".as_ref(),
            dir.join("exports").as_os_str(),
        ]);
        crate::cmd::run(cli, &mut std::io::sink()).unwrap();
        db
    }
}
