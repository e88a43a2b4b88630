//! Export: the ledger as files for other tools. CSV for spreadsheets and
//! pandas (`csv`), Graphviz DOT for a picture of who carried what (`dot`),
//! the whole ledger as JSON for programs and schema.org ClaimReview for
//! fact-check aggregators (`json`).
//!
//! Retracted claims are left out of CSV and DOT, as `claim list` leaves them
//! out; JSON keeps them with their `retracted_why` reason. Every export goes
//! through a [`Destination`], which writes a file whole or not at all.

mod csv;
mod dot;
mod json;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::output::html::StripBidi;
use crate::store::Reader;

pub use self::csv::{write_csv, CsvOptions};
pub use dot::{
    dot_string, status_colour, truncate_label, write_dot, DotCounts, DotOptions, DotSummary,
    DOT_FULL_CLAIMS, DOT_SUMMARY_CLAIMS, LABEL_CHARS,
};
pub use json::{write_claimreview, write_json};

/// The folder exports go to when no `-o` is given.
pub const DEFAULT_DIR: &str = "exports";

/// Where an export goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Standard output (`-o -`).
    Stdout,
    /// A file; `create_dir` makes its folder when missing (only the default folder).
    File {
        /// The file.
        path: PathBuf,
        /// Whether a missing folder is created.
        create_dir: bool,
    },
}

impl Destination {
    /// `-o PATH` if given (`-` is stdout), else `exports/<default_name>`.
    pub fn from_arg(output: Option<&Path>, default_name: &str) -> Destination {
        match output {
            Some(p) if p == Path::new("-") => Destination::Stdout,
            Some(p) => Destination::File {
                path: p.to_path_buf(),
                create_dir: false,
            },
            None => Destination::File {
                path: Path::new(DEFAULT_DIR).join(default_name),
                create_dir: true,
            },
        }
    }

    /// The file written, if any.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Destination::Stdout => None,
            Destination::File { path, .. } => Some(path),
        }
    }

    /// Runs `write` on the destination. A file is written beside its final
    /// name and renamed into place only when `write` succeeds, so a failed
    /// export never leaves a truncated file that looks complete. Whatever
    /// `write` writes loses its bidirectional controls on the way
    /// ([`StripBidi`]): text from the web can carry them to make a cell or
    /// a line read in another order than it is stored.
    pub fn write<T>(
        &self,
        stdout: &mut dyn Write,
        write: impl FnOnce(&mut dyn Write) -> Result<T>,
    ) -> Result<T> {
        self.write_raw(stdout, |out| {
            let mut stripped = StripBidi::new(out);
            let value = write(&mut stripped)?;
            stripped.into_inner()?;
            Ok(value)
        })
    }

    /// [`Destination::write`], the bytes as `write` gives them.
    fn write_raw<T>(
        &self,
        stdout: &mut dyn Write,
        write: impl FnOnce(&mut dyn Write) -> Result<T>,
    ) -> Result<T> {
        let (path, create_dir) = match self {
            Destination::Stdout => return write(stdout),
            Destination::File { path, create_dir } => (path, *create_dir),
        };
        let io = |source| Error::Io {
            path: path.clone(),
            source,
        };
        // A device, FIFO or socket (/dev/null, a named pipe) is written in
        // place: renaming a file over it would replace the device itself.
        let special = std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir());
        if special {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(io)?;
            let mut buffered = std::io::BufWriter::new(file);
            let value = write(&mut buffered)?;
            buffered.flush().map_err(io)?;
            return Ok(value);
        }
        // A link (dangling, or to a file) would be replaced by the rename:
        // the target silently left stale, or a link planted in a shared
        // folder followed to a file its owner never meant to overwrite.
        // Refused; a link to a device (`/dev/stdout`) was written above.
        let existing = std::fs::symlink_metadata(path).ok();
        if existing
            .as_ref()
            .is_some_and(|m| m.file_type().is_symlink())
        {
            let target = std::fs::read_link(path)
                .map(|t| format!(" (to {})", t.display()))
                .unwrap_or_default();
            return Err(io(std::io::Error::other(format!(
                "is a symbolic link{target}; an export does not replace a link: \
                 write to its target, or remove the link"
            ))));
        }
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        if !dir.is_dir() {
            if create_dir {
                std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                    path: dir.to_path_buf(),
                    source,
                })?;
            } else {
                return Err(Error::MissingOutputDirectory {
                    path: path.clone(),
                    dir: dir.to_path_buf(),
                });
            }
        }
        let mut builder = tempfile::Builder::new();
        builder.prefix(".claimledger-export-");
        #[cfg(unix)]
        {
            // Exports are meant to be shared; a temporary file is private by default.
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
        let temp = builder.tempfile_in(dir).map_err(io)?;
        // A file written again keeps its mode: a private export stays private.
        if let Some(file) = existing.filter(|m| m.is_file()) {
            temp.as_file()
                .set_permissions(file.permissions())
                .map_err(io)?;
        }
        let mut buffered = std::io::BufWriter::new(temp);
        let value = write(&mut buffered)?;
        let temp = buffered.into_inner().map_err(|e| io(e.into_error()))?;
        temp.persist(path).map_err(|e| io(e.error))?;
        Ok(value)
    }
}

/// Writes the example exports into `dir` (created if missing): the set
/// committed under exports/ and kept in step with the code by a test.
/// Returns the names of the files written.
pub fn write_examples(reader: Reader<'_>, dir: &Path) -> Result<Vec<&'static str>> {
    use crate::output::Format;
    use crate::report::{self, ReportFilter};
    let file = |name: &str| Destination::File {
        path: dir.join(name),
        create_dir: true,
    };
    let mut sink = std::io::sink();
    file("mentions.csv").write(&mut sink, |w| write_csv(w, reader, CsvOptions::default()))?;
    file("claims.csv").write(&mut sink, |w| {
        write_csv(
            w,
            reader,
            CsvOptions {
                claims: true,
                ..CsvOptions::default()
            },
        )
    })?;
    file("ledger.dot").write(&mut sink, |w| write_dot(w, reader, DotOptions::default()))?;
    for (name, format) in [
        ("report.md", Format::Markdown),
        ("report.html", Format::Html),
    ] {
        file(name).write(&mut sink, |w| {
            report::write_report(w, reader, &ReportFilter::default(), format)
        })?;
    }
    Ok(vec![
        "mentions.csv",
        "claims.csv",
        "ledger.dot",
        "report.md",
        "report.html",
    ])
}

/// Draws the DOT file `dot` as the SVG picture `svg` with Graphviz; returns
/// whether it did (false when Graphviz is missing or fails).
pub fn render_svg(dot: &Path, svg: &Path) -> bool {
    std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(dot)
        .arg("-o")
        .arg(svg)
        .status()
        .is_ok_and(|status| status.success())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Claim, ClaimBody, Mention, Origin, Outlet, OutletKind, Quantity, Stance};
    use crate::store::Ledger;

    /// A ledger with one quantity claim whose interval is negative, in
    /// `dir`.
    pub(crate) fn small_ledger(dir: &Path, claim_text: &str) -> Ledger {
        let (mut ledger, _) = Ledger::init(&dir.join("l.db")).expect("init");
        let text = format!("It was {claim_text} overnight.");
        let tx = ledger.begin().expect("begin");
        let outlet = Outlet {
            id: 0,
            name: "Wire".into(),
            kind: OutletKind::Wire,
            country: None,
            owner: None,
        };
        let outlet = tx.add_outlet(&outlet).expect("outlet");
        let document = crate::store::tests::document(&tx, outlet, &text);
        let figure = Quantity::given(Some("temperature"), Some(-5.0), Some(-2.5), None);
        let claim = Claim::by_hand(claim_text, ClaimBody::Quantity(figure.expect("figure")));
        let claim = tx.add_claim(&claim, None, None).expect("claim");
        let start = text.find(claim_text).expect("in text");
        let mention = Mention {
            id: 0,
            claim_id: claim,
            document_id: document,
            actor_id: None,
            stance: Stance::Asserts,
            quote: claim_text.to_string(),
            span: start..start + claim_text.len(),
            relayed_by: None,
            origin: Origin::Manual,
        };
        tx.add_mention(&mention, &text, None).expect("mention");
        tx.commit().expect("commit");
        ledger
    }

    #[test]
    fn default_destination_is_under_exports() {
        assert_eq!(
            Destination::from_arg(None, "ledger.dot").path(),
            Some(Path::new("exports/ledger.dot"))
        );
        assert_eq!(
            Destination::from_arg(Some(Path::new("-")), "x"),
            Destination::Stdout
        );
    }
}
