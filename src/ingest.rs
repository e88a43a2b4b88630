//! Ingest: article files (header block, blank line, body) become documents,
//! with the claims and mentions the extractor finds in them.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::extract;
use crate::model::OutletKind;
use crate::store::{NewClaim, NewDocument, NewMention, Stored, Tx};

/// The header keys an article may carry.
pub const HEADER_KEYS: &[&str] = &[
    "title",
    "outlet",
    "url",
    "published",
    "outlet-kind",
    "country",
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
}

impl Header {
    /// Fields set in `overrides` replace these.
    pub fn overridden_by(mut self, overrides: &Header) -> Header {
        macro_rules! take {
            ($($field:ident),*) => { $( if overrides.$field.is_some() { self.$field = overrides.$field.clone(); } )* };
        }
        take!(title, outlet, url, published, outlet_kind, country);
        self
    }
}

/// One parsed article file.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its metadata.
    pub header: Header,
    /// The body text, stored as the document's text.
    pub body: String,
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

fn is_header_line(line: &str) -> bool {
    let Some((key, _)) = line.split_once(':') else {
        return false;
    };
    !key.is_empty()
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
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
    let mut header = Header::default();
    let mut body_start = 0;
    let first_line = text.lines().next().unwrap_or("");
    if is_header_line(first_line) {
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
            let set = |slot: &mut Option<String>| {
                *slot = Some(value.to_string()).filter(|v| !v.is_empty());
            };
            match key {
                "title" => set(&mut header.title),
                "outlet" => set(&mut header.outlet),
                "url" => set(&mut header.url),
                "country" => set(&mut header.country),
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
        header,
        body: body.to_string(),
    })
}

/// Reads and parses one article file.
pub fn read_article(path: &Path) -> Result<Article> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_article(path, &bytes)
}

/// Expands the inputs: files as given, directories walked for `*.txt`, sorted.
pub fn collect_paths(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
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

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
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
    /// The file.
    pub path: PathBuf,
    /// The document's id.
    pub document: i64,
    /// The outlet's name.
    pub outlet: String,
    /// False when the same text from the same outlet was already there.
    pub added: bool,
    /// Claims extracted (0 when already present or extraction is off).
    pub claims: usize,
}

/// Stores parsed articles, extracting claims unless `extract_claims` is false.
/// The caller owns the transaction: one bad article leaves nothing behind.
pub fn store_articles(
    tx: &Tx<'_>,
    articles: &[Article],
    overrides: &Header,
    extract_claims: bool,
) -> Result<Vec<Ingested>> {
    let mut out = Vec::with_capacity(articles.len());
    for article in articles {
        let header = article.header.clone().overridden_by(overrides);
        let outlet = header.outlet.as_deref().ok_or_else(|| Error::Article {
            path: article.path.clone(),
            line: 1,
            message: "no outlet: add an 'outlet: NAME' header line or pass --outlet".into(),
        })?;
        let outlet_id = tx.outlet_for(outlet, header.outlet_kind, header.country.as_deref())?;
        let text = article.body.as_str();
        let hash = content_hash(text);
        let fingerprint = crate::corroborate::fingerprint(text);
        let source = article.path.to_string_lossy();
        let stored = tx
            .add_document(&NewDocument {
                outlet_id,
                title: header.title.as_deref(),
                url: header.url.as_deref(),
                published: header.published,
                text,
                content_hash: &hash,
                fingerprint: &fingerprint,
                source: Some(&source),
            })
            .map_err(|e| match e {
                Error::Invalid { field, message } => Error::Article {
                    path: article.path.clone(),
                    line: 1,
                    message: format!("{field}: {message}"),
                },
                other => other,
            })?;
        let (document, added) = match stored {
            Stored::Added(id) => (id, true),
            Stored::AlreadyPresent(id) => (id, false),
        };
        let claims = if added && extract_claims {
            store_extracted(tx, document, text, header.published)?
        } else {
            0
        };
        out.push(Ingested {
            path: article.path.clone(),
            document,
            outlet: outlet.to_string(),
            added,
            claims,
        });
    }
    Ok(out)
}

/// Extracts and stores the claims of one document; returns how many.
fn store_extracted(
    tx: &Tx<'_>,
    document: i64,
    text: &str,
    published: Option<NaiveDate>,
) -> Result<usize> {
    let found = extract::extract(text, published);
    for claim in &found {
        let speaker = match &claim.speaker {
            Some(s) => Some(tx.actor_for(&s.name, Some(&s.alias))?),
            None => None,
        };
        let quantity = claim.quantity.as_ref();
        let claim_id = tx.add_claim(
            &NewClaim {
                kind: Some(claim.kind),
                text: &claim.text,
                key: Some(&claim.key),
                subject: quantity.map(|q| q.subject.as_str()),
                low: quantity.map(|q| q.low),
                high: quantity.map(|q| q.high),
                unit: quantity.map(|q| q.unit.as_str()),
                hedge: quantity.and_then(|q| q.hedge.as_deref()),
                speaker_id: speaker,
                quoted: claim.quoted.as_deref(),
                as_of: claim.as_of,
                confidence: Some(claim.confidence),
            },
            false,
        )?;
        tx.add_mention(
            &NewMention {
                claim_id,
                document_id: document,
                actor_id: speaker,
                stance: claim.stance,
                span: claim.sentence.clone(),
                relayed_by: claim.relayed_by.as_deref(),
                confidence: Some(claim.confidence),
            },
            text,
            false,
        )?;
    }
    Ok(found.len())
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

    #[test]
    fn hash_ignores_whitespace_layout() {
        assert_eq!(content_hash("a  b\nc"), content_hash("a b c\n"));
        assert_ne!(content_hash("a b"), content_hash("a c"));
    }
}
