//! Ingest: article files (header block, blank line, body) and saved web
//! pages ([`html`]) become documents, with the claims and mentions the
//! extractor finds in them.

pub mod html;
pub mod reextract;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::extract;
use crate::model::{Claim, Document, FieldSource, Mention, OutletKind, Sources};
use crate::store::{Ledger, Stored, Tx};

/// The header keys an article may carry.
pub const HEADER_KEYS: &[&str] = &[
    "title",
    "outlet",
    "url",
    "published",
    "outlet-kind",
    "country",
    "byline",
];

/// Metadata of an article: from its header block, overridden by flags.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    /// Title.
    pub title: Option<String>,
    /// Outlet name.
    pub outlet: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Published date.
    pub published: Option<NaiveDate>,
    /// Outlet kind, used when the outlet is new.
    pub outlet_kind: Option<OutletKind>,
    /// Outlet country, used when the outlet is new.
    pub country: Option<String>,
    /// Who wrote it.
    pub byline: Option<String>,
}

impl Header {
    /// Fields set in `overrides` replace these.
    pub fn overridden_by(mut self, overrides: &Header) -> Header {
        macro_rules! take {
            ($($field:ident),*) => { $( if overrides.$field.is_some() { self.$field = overrides.$field.clone(); } )* };
        }
        take!(title, outlet, url, published, outlet_kind, country, byline);
        self
    }
}

impl Sources {
    /// The sources of a header's fields, all `from` one place.
    pub fn of(header: &Header, from: FieldSource) -> Sources {
        let from_if = |set: bool| set.then_some(from);
        Sources {
            title: from_if(header.title.is_some()),
            outlet: from_if(header.outlet.is_some()),
            url: from_if(header.url.is_some()),
            published: from_if(header.published.is_some()),
            byline: from_if(header.byline.is_some()),
        }
    }

    /// These sources after `overrides` (the command line's flags) replaced
    /// the fields it sets.
    pub fn overridden_by(self, overrides: &Header) -> Sources {
        let flags = Sources::of(overrides, FieldSource::Flag);
        Sources {
            title: flags.title.or(self.title),
            outlet: flags.outlet.or(self.outlet),
            url: flags.url.or(self.url),
            published: flags.published.or(self.published),
            byline: flags.byline.or(self.byline),
        }
    }
}

/// One parsed article file.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its metadata.
    pub header: Header,
    /// Where each metadata field was found.
    pub sources: Sources,
    /// The body text, stored as the document's text.
    pub body: String,
    /// The web page the body was extracted from, kept with the document.
    pub page: Option<crate::model::Page>,
    /// The line of the `url:` header, named when the address is refused.
    pub url_line: Option<usize>,
}

/// Fails unless `value` (a header's or a flag's address) is empty or a
/// web address: a document's address is where a reader finds it.
pub fn check_web_address(value: &str) -> std::result::Result<(), String> {
    if value.trim().is_empty() || crate::untrusted::web_url(value).is_some() {
        return Ok(());
    }
    Err(format!(
        "url: '{}' is not a web address (http:// or https:// and a host)",
        crate::output::one_line(value.trim())
    ))
}

/// Parses an ISO date (`2020-11-26`, or a timestamp starting with one).
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .or_else(|| {
            chrono::DateTime::parse_from_rfc3339(value)
                .ok()
                .map(|dt| dt.date_naive())
        })
}

/// A `key: value` line whose key could be a header key (letters, digits,
/// `-`, `_`; any case).
fn is_header_line(line: &str) -> bool {
    let Some((key, _)) = line.split_once(':') else {
        return false;
    };
    !key.is_empty()
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Whether the first line opens a header block: a known key in any case
/// ("Title: ..."). "UPDATE: ..." or "Note: ..." starts a body instead.
fn opens_header(line: &str) -> bool {
    is_header_line(line)
        && line
            .split_once(':')
            .is_some_and(|(key, _)| HEADER_KEYS.contains(&key.to_ascii_lowercase().as_str()))
}

/// Parses an article file's bytes: an optional header block, then the body.
pub fn parse_article(path: &Path, bytes: &[u8]) -> Result<Article> {
    let err = |line: usize, message: String| Error::Article {
        path: path.to_path_buf(),
        line,
        message,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        err(
            line,
            format!(
                "not UTF-8 text (invalid byte at offset {}); convert the file to UTF-8",
                e.valid_up_to()
            ),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // No text holds a NUL: a binary or damaged file, and SQLite and C
    // tools would cut the text at it.
    if let Some(at) = text.find('\0') {
        let line = text[..at].matches('\n').count() + 1;
        return Err(err(
            line,
            "a NUL byte: this is not a text file (or it is damaged)".into(),
        ));
    }
    let mut header = Header::default();
    // The line each key was first given on.
    let mut given: Vec<(String, usize)> = Vec::new();
    let mut body_start = 0;
    let first_line = text.lines().next().unwrap_or("");
    if opens_header(first_line) {
        let mut offset = 0;
        let mut ended = false;
        for (index, raw) in text.split_inclusive('\n').enumerate() {
            offset += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            if line.trim().is_empty() {
                ended = true;
                break;
            }
            let number = index + 1;
            let Some((key, value)) = line.split_once(':').filter(|_| is_header_line(line)) else {
                return Err(err(
                    number,
                    format!("expected 'key: value' in the header block, found '{line}' (end the header with a blank line)"),
                ));
            };
            let value = value.trim();
            let key = key.to_ascii_lowercase();
            if let Some((_, first)) = given.iter().find(|(k, _)| *k == key) {
                return Err(err(
                    number,
                    format!("'{key}' is given twice, here and on line {first}: keep one"),
                ));
            }
            given.push((key.clone(), number));
            let limit = match key.as_str() {
                "outlet" => Some(crate::untrusted::MAX_NAME_CHARS),
                "title" | "byline" | "country" => Some(crate::untrusted::MAX_TITLE_CHARS),
                _ => None,
            };
            if let Some(max) = limit {
                crate::untrusted::check_length(&format!("the {key}"), value, max)
                    .map_err(|message| err(number, message))?;
            }
            let set = |slot: &mut Option<String>| {
                *slot = Some(value.to_string()).filter(|v| !v.is_empty());
            };
            match key.as_str() {
                "title" => set(&mut header.title),
                "outlet" => set(&mut header.outlet),
                "url" => set(&mut header.url),
                "country" => set(&mut header.country),
                "byline" => set(&mut header.byline),
                "published" => {
                    header.published = Some(parse_date(value).ok_or_else(|| {
                        err(
                            number,
                            format!("published: '{value}' is not an ISO date (YYYY-MM-DD)"),
                        )
                    })?)
                }
                "outlet-kind" => {
                    header.outlet_kind = Some(
                        value
                            .parse()
                            .map_err(|e: crate::model::UnknownWord| err(number, e.to_string()))?,
                    )
                }
                other => {
                    return Err(err(
                        number,
                        format!(
                            "unknown header key '{other}' (known keys: {})",
                            HEADER_KEYS.join(", ")
                        ),
                    ))
                }
            }
        }
        if !ended {
            return Err(err(
                1,
                "the header block has no blank line after it, so the article has no body".into(),
            ));
        }
        body_start = offset;
    }
    let body = &text[body_start..];
    if body.trim().is_empty() {
        let line = text[..body_start].lines().count() + 1;
        return Err(err(line, "the article has no text".into()));
    }
    Ok(Article {
        path: path.to_path_buf(),
        sources: Sources::of(&header, FieldSource::Header),
        header,
        body: body.to_string(),
        page: None,
        url_line: given
            .iter()
            .find(|(k, _)| k == "url")
            .map(|(_, line)| *line),
    })
}

/// The largest article file ingest reads: far above any real article, low
/// enough that a stray video or database dump is refused, not loaded.
pub const MAX_ARTICLE_BYTES: u64 = 32 * 1024 * 1024;

/// How long ingest waits, by default, for a named pipe's writer.
pub const OPEN_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// Opens an article file. Opening a named pipe (FIFO) waits for a program
/// to open its other end; with none after `timeout`, it is an error rather
/// than a command that hangs with no word.
fn open_input(path: &Path, timeout: std::time::Duration) -> std::io::Result<std::fs::File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if std::fs::metadata(path)?.file_type().is_fifo() {
            let (send, receive) = std::sync::mpsc::channel();
            let owned = path.to_path_buf();
            // Detached: when no writer comes, this thread stays in open()
            // until a writer does or the process ends (a failed ingest ends it).
            std::thread::spawn(move || {
                let _ = send.send(std::fs::File::open(owned));
            });
            return match receive.recv_timeout(timeout) {
                Ok(opened) => opened,
                Err(_) => Err(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    format!(
                        "a named pipe (FIFO) with no writer after {} s: start the program \
                         that writes to it first, or wait longer with --open-timeout",
                        timeout.as_secs_f64()
                    ),
                )),
            };
        }
    }
    std::fs::File::open(path)
}

/// Reads and parses one article file: a web page when its name ends in
/// `.html` or `.htm`, else a text article. A named pipe with no writer
/// after `open_timeout` is an error.
pub fn read_article(path: &Path, open_timeout: std::time::Duration) -> Result<Article> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    use std::io::Read;
    let too_big = |size: String| Error::Article {
        path: path.to_path_buf(),
        line: 1,
        message: format!(
            "the file is {size} bytes, over the {MAX_ARTICLE_BYTES}-byte limit for one article"
        ),
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_ARTICLE_BYTES {
        return Err(too_big(size.to_string()));
    }
    // Devices and pipes report no size: the limit holds while reading too.
    let mut bytes = Vec::with_capacity(size as usize);
    open_input(path, open_timeout)
        .and_then(|f| f.take(MAX_ARTICLE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(io)?;
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(too_big(format!("more than {MAX_ARTICLE_BYTES}")));
    }
    if html::is_page(path) {
        html::parse_page(path, &bytes)
    } else {
        parse_article(path, &bytes)
    }
}

/// Expands the inputs: files as given, directories walked for `*.txt`,
/// `*.html` and `*.htm` (sorted), and glob patterns such as
/// `articles/2024-*.txt` (sorted).
pub fn collect_paths(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        let text = input.to_string_lossy();
        if !input.exists() && text.contains(['*', '?', '[']) {
            let matches = glob::glob(&text).map_err(|e| {
                Error::invalid(text.to_string(), format!("not a valid pattern: {e}"))
            })?;
            let mut found = Vec::new();
            for entry in matches {
                let path = entry.map_err(|e| Error::Io {
                    path: e.path().to_path_buf(),
                    source: e.into(),
                })?;
                if path.is_dir() {
                    walk(&path, &mut found)?;
                } else {
                    found.push(path);
                }
            }
            if found.is_empty() {
                return Err(Error::invalid(
                    text.to_string(),
                    "no file matches this pattern",
                ));
            }
            found.sort();
            out.extend(found);
        } else if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found)?;
            found.sort();
            out.extend(found);
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

/// A `.txt` file, in any case (`ARTICLE.TXT`).
fn is_text_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        // file_type does not follow symlinks: a linked directory is not
        // walked (a link to a parent would loop), a linked file is read.
        let kind = entry.file_type().map_err(io)?;
        // Hidden entries (.git, an editor's .article.txt.swp) are not
        // articles; named on the command line, a hidden file is read.
        if entry.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        if kind.is_dir() {
            walk(&path, out)?;
        } else if (is_text_file(&path) || html::is_page(&path)) && path.is_file() {
            out.push(path);
        }
    }
    Ok(())
}

/// SHA-256 (hex) of the text with all whitespace runs collapsed to one space,
/// so a reprint that differs only in line breaks or spacing hashes the same.
pub fn content_hash(text: &str) -> String {
    let mut hasher = Sha256::new();
    let mut first = true;
    for word in text.split_whitespace() {
        if !first {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
        first = false;
    }
    crate::store::hex(&hasher.finalize())
}

/// What ingesting one file did.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Ingested {
    /// The file, as the document's `source` keeps it: a name that is not
    /// UTF-8 has U+FFFD for its bytes that are not.
    pub source: String,
    /// The document's id.
    pub document_id: i64,
    /// The outlet's name.
    pub outlet: String,
    /// False when the same text from the same outlet was already there.
    pub added: bool,
    /// Claims extracted (0 when already present or extraction is off).
    pub claim_count: usize,
}

impl crate::output::Record for Ingested {
    const FIELDS: &'static [&'static str] =
        &["source", "document_id", "outlet", "added", "claim_count"];
    const TABLE: &'static [&'static str] =
        &["added", "document_id", "outlet", "claim_count", "source"];

    fn table_cell(&self, field: &str, cell: String) -> String {
        match field {
            "added" if self.added => "added".into(),
            // Stored before with --no-extract: its claims are new.
            "added" if self.claim_count > 0 => "claims extracted".into(),
            "added" => "already present".into(),
            _ => cell,
        }
    }
}

/// An article made ready to store: metadata settled, text hashed and
/// fingerprinted, claims extracted. Preparing needs no ledger, so it runs on
/// worker threads while one thread writes.
#[derive(Debug, Clone)]
pub struct Prepared {
    article: Article,
    header: Header,
    sources: Sources,
    hash: String,
    fingerprint: Vec<u32>,
    claims: Vec<extract::Extracted>,
}

/// Prepares a parsed article; `overrides` are the command line's flags. A
/// web page that names no outlet, and was given none, is its address's host's.
pub fn prepare(article: Article, overrides: &Header, extract_claims: bool) -> Prepared {
    let mut header = article.header.clone().overridden_by(overrides);
    let mut sources = article.sources.overridden_by(overrides);
    if header.outlet.is_none() && article.page.is_some() {
        if let Some(host) = header.url.as_deref().and_then(html::metadata::host) {
            header.outlet = Some(host);
            sources.outlet = Some(FieldSource::Host);
        }
    }
    let text = article.body.as_str();
    let claims = if extract_claims {
        extract::extract(text, header.published)
    } else {
        Vec::new()
    };
    Prepared {
        hash: content_hash(text),
        fingerprint: crate::corroborate::fingerprint(text),
        claims,
        header,
        sources,
        article,
    }
}

/// Stores one prepared article: its outlet (created if new), the document
/// unless already present, and the claims and mentions extracted from it.
pub fn store(tx: &Tx<'_>, prepared: &Prepared) -> Result<Ingested> {
    let Prepared {
        article,
        header,
        sources,
        hash,
        fingerprint,
        claims,
    } = prepared;
    // A text article's errors name a line; a page has none.
    let error_at = |line: usize, message: String| match article.page {
        Some(_) => Error::Page {
            path: article.path.clone(),
            message,
        },
        None => Error::Article {
            path: article.path.clone(),
            line,
            message,
        },
    };
    let article_error = |message: String| error_at(1, message);
    let outlet = header.outlet.as_deref().ok_or_else(|| {
        article_error(match article.page {
            Some(_) => "no outlet: the page names none (og:site_name, JSON-LD publisher) and \
                        has no address to take a host name from; pass --outlet or --url"
                .into(),
            None => "no outlet: add an 'outlet: NAME' header line or pass --outlet".into(),
        })
    })?;
    // A header's address, unless --url replaced it, must be a web address
    // (--url's own is checked with the other flags).
    if let (Some(url), Some(FieldSource::Header)) = (&header.url, sources.url) {
        check_web_address(url)
            .map_err(|message| error_at(article.url_line.unwrap_or(1), message))?;
    }
    let outlet_id = tx.outlet_for(outlet, header.outlet_kind, header.country.as_deref())?;
    let text = article.body.as_str();
    let source = article.path.to_string_lossy();
    let document = Document {
        id: 0,
        outlet_id,
        title: header.title.clone(),
        url: header.url.clone(),
        published: header.published,
        source: Some(source.to_string()),
        byline: header.byline.clone(),
        sources: *sources,
        content_hash: hash.clone(),
        text,
    };
    let stored = tx
        .add_document(&document, fingerprint)
        .map_err(|e| match e {
            // An address from the header is refused at its line; one given
            // with --url is the flag's.
            Error::Invalid { field, message } if field == "url" => match sources.url {
                Some(FieldSource::Flag) => Error::invalid("--url", message),
                _ => error_at(article.url_line.unwrap_or(1), format!("url: {message}")),
            },
            Error::Invalid { field, message } => article_error(format!("{field}: {message}")),
            other => other,
        })?;
    let (document, added) = match stored {
        Stored::Added(id) => (id, true),
        Stored::AlreadyPresent(id) => (id, false),
    };
    let claim_count = if added {
        if let Some(page) = &article.page {
            tx.add_page(&crate::model::Page {
                document_id: document,
                ..page.clone()
            })?;
        }
        store_claims(tx, document, text, claims)?;
        claims.len()
    } else if !claims.is_empty() && !tx.read().has_extracted_mentions(document)? {
        extract_stored(tx, document, text, header.published, claims)?
    } else {
        0
    };
    Ok(Ingested {
        source: source.into_owned(),
        document_id: document,
        outlet: crate::untrusted::clean_name(outlet),
        added,
        claim_count,
    })
}

/// Reads, prepares and stores files in the given order, in one transaction
/// (one bad file leaves nothing behind). Worker threads read and extract
/// while this thread writes; `progress` hears of each stored file. The
/// write lock is taken when the first article is ready to store, not while
/// the first files are still being read. A named pipe waits at most
/// `open_timeout` for its writer.
pub fn ingest_paths(
    ledger: &mut Ledger,
    paths: &[PathBuf],
    overrides: &Header,
    extract_claims: bool,
    open_timeout: std::time::Duration,
    progress: &mut dyn FnMut(&Ingested),
) -> Result<Vec<Ingested>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, paths.len().max(1));
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel(workers * 32);
        for _ in 0..workers {
            let send = send.clone();
            let next = &next;
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = paths.get(i) else { break };
                let prepared =
                    read_article(path, open_timeout).map(|a| prepare(a, overrides, extract_claims));
                // A closed channel means the writer stopped on an error.
                if send.send((i, prepared)).is_err() {
                    break;
                }
            });
        }
        drop(send);
        // Workers finish out of order; store in path order so ids and errors
        // do not depend on thread timing.
        let mut pending = std::collections::BTreeMap::new();
        let mut receive = receive.into_iter();
        // Files as they arrive; false once every worker is done.
        let mut arrive = |pending: &mut std::collections::BTreeMap<_, _>| match receive.next() {
            Some((i, prepared)) => {
                pending.insert(i, prepared);
                true
            }
            None => false,
        };
        // Take the write lock only once the first article is ready.
        while !pending.contains_key(&0) && arrive(&mut pending) {}
        let mut out = Vec::with_capacity(paths.len());
        let tx = ledger.begin_ingest()?;
        loop {
            while let Some(prepared) = pending.remove(&out.len()) {
                let done = store(&tx, &prepared?)?;
                progress(&done);
                out.push(done);
            }
            if !arrive(&mut pending) {
                break;
            }
        }
        tx.commit()?;
        Ok(out)
    })
}

/// Parses, prepares and stores articles given as (name, text) pairs, with
/// no flags over their headers, in one transaction.
pub fn ingest_texts(
    ledger: &mut Ledger,
    texts: &[(&str, &str)],
    extract_claims: bool,
) -> Result<Vec<Ingested>> {
    let tx = ledger.begin()?;
    let mut done = Vec::with_capacity(texts.len());
    for (name, text) in texts {
        let article = parse_article(Path::new(name), text.as_bytes())?;
        done.push(store(
            &tx,
            &prepare(article, &Header::default(), extract_claims),
        )?);
    }
    tx.commit()?;
    Ok(done)
}

/// The claims of a stored document that has no extracted ones (ingested
/// with `--no-extract`), stored and recorded in the audit trail: `found`,
/// extracted from the file's `text` as of `published`, when the document
/// is stored with both; else extracted again from what is stored. Returns
/// how many mentions were new.
fn extract_stored(
    tx: &Tx<'_>,
    document: i64,
    text: &str,
    published: Option<NaiveDate>,
    found: &[extract::Extracted],
) -> Result<usize> {
    // Spans point into the stored text, which may differ from the file's
    // in whitespace (one text is one document whatever its whitespace).
    let stored = tx.read().document(document)?.document;
    let again;
    let claims = if stored.text == text && stored.published == published {
        found
    } else {
        again = extract::extract(&stored.text, stored.published);
        &again
    };
    let added = store_claims(tx, document, &stored.text, claims)?;
    if added > 0 {
        tx.event(
            "extract",
            "document",
            Some(document),
            &serde_json::json!({ "mentions": added }),
        )?;
    }
    Ok(added)
}

/// Stores the extracted claims of a document, with their mentions; returns
/// how many mentions were new.
fn store_claims(
    tx: &Tx<'_>,
    document: i64,
    text: &str,
    claims: &[extract::Extracted],
) -> Result<usize> {
    let mut added = 0;
    for found in claims {
        let speaker = match &found.speaker {
            Some(s) => Some(tx.actor_for(&s.name, Some(&s.alias))?),
            None => None,
        };
        let confidence = Some(found.confidence);
        let claim = Claim {
            speaker_id: speaker,
            ..found.claim.clone()
        };
        let claim_id = tx.add_claim(&claim, found.key.as_deref(), confidence)?;
        let mention = Mention {
            claim_id,
            document_id: document,
            actor_id: speaker,
            ..found.mention.clone()
        };
        added += usize::from(tx.add_mention(&mention, text, confidence)?.is_some());
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Article> {
        parse_article(Path::new("a.txt"), text.as_bytes())
    }

    #[test]
    fn header_then_body() {
        let a = parse("title: T\noutlet: Press TV\npublished: 2020-11-26\noutlet-kind: state-media\n\nBody.\n").unwrap();
        assert_eq!(a.header.outlet.as_deref(), Some("Press TV"));
        assert_eq!(a.header.published, NaiveDate::from_ymd_opt(2020, 11, 26));
        assert_eq!(a.header.outlet_kind, Some(OutletKind::StateMedia));
        assert_eq!(a.body, "Body.\n");
    }

    #[test]
    fn no_header_is_all_body() {
        let a = parse("Azerbaijani lawmakers on Thursday called: for France.\n").unwrap();
        assert_eq!(a.header, Header::default());
        assert!(a.body.starts_with("Azerbaijani"));
    }

    #[test]
    fn bad_date_names_line_and_field() {
        let e = parse("outlet: X\npublished: 26/11/2020\n\nBody").unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.txt:2: published: '26/11/2020' is not an ISO date (YYYY-MM-DD)"
        );
    }

    #[test]
    fn unknown_key_and_empty_body_are_errors() {
        assert!(parse("outlet: X\nauthor: Y\n\nBody")
            .unwrap_err()
            .to_string()
            .contains("a.txt:2: unknown header key 'author'"));
        assert!(parse("outlet: X\n\n  \n")
            .unwrap_err()
            .to_string()
            .contains("no text"));
        assert!(parse("").unwrap_err().to_string().contains("a.txt:1"));
    }

    #[test]
    fn invalid_utf8_names_line() {
        let e = parse_article(Path::new("b.txt"), b"outlet: X\n\nok\n\xff\xfe").unwrap_err();
        assert!(e.to_string().starts_with("b.txt:4: not UTF-8"), "{e}");
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_parse_or_fail_cleanly(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
            if let Ok(article) = parse_article(Path::new("p.txt"), &bytes) {
                // The body is the end of the file, never altered.
                let text = std::str::from_utf8(&bytes).unwrap();
                proptest::prop_assert!(text.ends_with(&article.body));
                proptest::prop_assert!(!article.body.trim().is_empty());
            }
        }

        #[test]
        fn header_like_text_parses_or_names_a_line(
            lines in proptest::collection::vec("[a-z-]{0,12}(: ?)?[ -~\u{a0}\u{202e}]{0,20}", 0..8),
            body in "[ -~\n]{0,80}",
        ) {
            let text = format!("{}\n\n{body}", lines.join("\n"));
            match parse_article(Path::new("h.txt"), text.as_bytes()) {
                Ok(article) => proptest::prop_assert!(text.ends_with(&article.body)),
                Err(Error::Article { line, .. }) => proptest::prop_assert!(line >= 1 && line <= lines.len() + 3),
                Err(other) => proptest::prop_assert!(false, "unexpected error {other}"),
            }
        }
    }

    #[test]
    fn header_keys_take_any_case_but_a_body_may_open_with_a_label() {
        let a = parse("Title: T\nOutlet: Press TV\n\nBody.\n").unwrap();
        assert_eq!(a.header.outlet.as_deref(), Some("Press TV"));
        assert_eq!(a.header.title.as_deref(), Some("T"));
        let b = parse("UPDATE: the toll has risen.\nMore text.\n").unwrap();
        assert_eq!(b.header, Header::default());
        assert!(b.body.starts_with("UPDATE:"));
    }

    #[test]
    fn hash_ignores_whitespace_layout() {
        assert_eq!(content_hash("a  b\nc"), content_hash("a b c\n"));
        assert_ne!(content_hash("a b"), content_hash("a c"));
    }
}
