//! `ingest`: article files become documents, with the claims extracted from them.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::Args;

use super::OutputArgs;
use crate::ingest::{self, Header};
use crate::model::OutletKind;
use crate::output::{self, Format};
use crate::store::Ledger;

/// Arguments of `ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Article files (.txt) and saved web pages (.html, .htm), directories
    /// to walk for them, glob patterns, or - to read a list of paths from
    /// stdin, one a line (with -0, NUL-separated; with --text, - is one
    /// article's text)
    #[arg(required_unless_present = "reextract", value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// With -: stdin is one article's text, with its header block, not a
    /// list of paths (`curl ... | claimledger ingest --text - --outlet AFP`)
    #[arg(long)]
    pub text: bool,
    /// With -: the paths on stdin are separated by NUL bytes, as `find
    /// -print0` writes them, so a name may hold any character
    #[arg(short = '0', long = "null", conflicts_with = "text")]
    pub null: bool,
    /// Outlet name (overrides the header)
    #[arg(long)]
    pub outlet: Option<String>,
    /// Outlet kind, used when the outlet is new
    #[arg(long, value_name = "KIND")]
    pub outlet_kind: Option<OutletKind>,
    /// Outlet country, used when the outlet is new
    #[arg(long)]
    pub country: Option<String>,
    /// Document URL (overrides the header)
    #[arg(long)]
    pub url: Option<String>,
    /// Document title (overrides the header)
    #[arg(long)]
    pub title: Option<String>,
    /// Published date, YYYY-MM-DD (overrides the header)
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub published: Option<chrono::NaiveDate>,
    /// Who wrote it (overrides the header)
    #[arg(long)]
    pub byline: Option<String>,
    /// Extract the article text of every stored web page again, with this
    /// build's extractor, instead of reading files
    #[arg(long, conflicts_with_all = ["files", "outlet", "outlet_kind", "country", "url", "title", "published", "byline"])]
    pub reextract: bool,
    /// Store the documents without extracting claims
    #[arg(long)]
    pub no_extract: bool,
    /// How long to wait for a program to open a named pipe (FIFO) given as
    /// a file before giving up on it
    #[arg(long, env = "CLAIMLEDGER_OPEN_TIMEOUT", value_name = "SECONDS", default_value_t = ingest::OPEN_TIMEOUT.as_secs_f64(), value_parser = parse_seconds)]
    pub open_timeout: f64,
    /// Output format
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Where `ingest --text -` reads its article: stdin, as a file, so the
/// article is read, limited and parsed as any other (and its document's
/// source says where it came from).
const STDIN: &str = "/dev/stdin";

/// A path from the bytes of a NUL-separated list.
fn path_of(bytes: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
    }
}

/// A date flag's value: an ISO date.
pub(super) fn parse_date_arg(value: &str) -> Result<chrono::NaiveDate, String> {
    ingest::parse_date(value).ok_or_else(|| format!("'{value}' is not an ISO date (YYYY-MM-DD)"))
}

/// A number of seconds, zero or more and finite (Duration panics on others).
fn parse_seconds(value: &str) -> Result<f64, String> {
    value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && (0.0..=1e9).contains(s))
        .ok_or_else(|| format!("'{value}' is not a number of seconds"))
}

/// Runs `ingest`: the files named, stored in one transaction.
pub fn run(path: &Path, args: IngestArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut ledger = Ledger::open(path)?;
    if args.reextract {
        let bar = progress_bar(ledger.read().page_documents()?.len() as u64);
        let done =
            ingest::reextract::reextract(&mut ledger, !args.no_extract, &mut |_| bar.inc(1))?;
        bar.finish_and_clear();
        return write_reextracted(out, &done, args.output.format);
    }
    let mut inputs = Vec::with_capacity(args.files.len());
    for file in &args.files {
        if file.as_os_str() != "-" {
            inputs.push(file.clone());
        } else if args.text {
            // One article on stdin, read as a file is (with the same limit).
            inputs.push(PathBuf::from(STDIN));
        } else if args.null {
            // `find ... -print0 | claimledger ingest -0 -`.
            let mut list = Vec::new();
            std::io::stdin()
                .read_to_end(&mut list)
                .context("cannot read the list of paths from stdin")?;
            inputs.extend(
                list.split(|&b| b == 0)
                    .filter(|p| !p.is_empty())
                    .map(path_of),
            );
        } else {
            // A list of paths on stdin, one a line: `find ... | claimledger ingest -`.
            for line in std::io::stdin().lines() {
                let line = line.context("cannot read the list of paths from stdin")?;
                if !line.trim().is_empty() {
                    inputs.push(PathBuf::from(line.trim()));
                }
            }
        }
    }
    let paths = ingest::collect_paths(&inputs)?;
    if paths.is_empty() {
        bail!(
            "no *.txt, *.html or *.htm files found in {}",
            display_list(&args.files)
        );
    }
    if let Some(url) = &args.url {
        ingest::check_web_address(url).map_err(|message| anyhow::anyhow!("--{message}"))?;
    }
    // The limits a header line has, so a flag cannot store what a file may not.
    for (flag, value) in [
        ("--title", &args.title),
        ("--byline", &args.byline),
        ("--country", &args.country),
    ] {
        if let Some(value) = value {
            let what = format!("the {}", &flag[2..]);
            crate::untrusted::check_length(&what, value.trim(), crate::untrusted::MAX_TITLE_CHARS)
                .map_err(|message| anyhow::anyhow!("{flag}: {message}"))?;
        }
    }
    let overrides = Header {
        title: args.title,
        outlet: args.outlet,
        url: args.url,
        published: args.published,
        outlet_kind: args.outlet_kind,
        country: args.country,
        byline: args.byline,
    };
    if overrides.url.is_some() && paths.len() > 1 {
        bail!(
            "--url names one document, but {} files were given",
            paths.len()
        );
    }
    let bar = progress_bar(paths.len() as u64);
    let done = ingest::ingest_paths(
        &mut ledger,
        &paths,
        &overrides,
        !args.no_extract,
        std::time::Duration::from_secs_f64(args.open_timeout),
        &mut |_| bar.inc(1),
    )?;
    bar.finish_and_clear();
    write_ingested(out, &done, args.output.format)
}

/// A progress bar on stderr for long ingests; it draws nothing when stderr is
/// not a terminal (pipes, CI), on a terminal that cannot redraw a line
/// (`TERM=dumb`, as in Emacs shells), or with --quiet.
fn progress_bar(len: u64) -> indicatif::ProgressBar {
    if len < 50 || !draws_progress(std::env::var_os("TERM").as_deref()) {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    // The rate in whole articles per second: indicatif's own {per_sec}
    // prints four decimals.
    let style = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} articles, {rate} articles/s, eta {eta} {msg}",
    )
    .map(|style| {
        style.with_key(
            "rate",
            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{}", rounded_rate(state.per_sec()));
            },
        )
    });
    if let Ok(style) = style {
        bar.set_style(style);
    }
    bar
}

/// Whether a progress bar may draw: on a terminal that can redraw a line
/// (`TERM` set and not `dumb`), without --quiet.
fn draws_progress(term: Option<&std::ffi::OsStr>) -> bool {
    use std::io::IsTerminal;
    let redraws = term.is_some_and(|t| !t.is_empty() && t != "dumb");
    redraws && !super::quiet() && std::io::stderr().is_terminal()
}

/// A rate as people read it: whole numbers, thousands separated.
fn rounded_rate(per_sec: f64) -> String {
    crate::model::quantity::format_number(per_sec.round())
}

/// Writes what an ingest did: a record per file, and for people a summary
/// line under the table.
pub fn write_ingested(
    out: &mut dyn Write,
    done: &[ingest::Ingested],
    format: Format,
) -> anyhow::Result<()> {
    let added = done.iter().filter(|d| d.added).count();
    let claims: usize = done.iter().map(|d| d.claim_count).sum();
    let present = done.len() - added;
    write_with_summary(
        out,
        format,
        done,
        &format!(
            "{added} documents added, {present} already present, {claims} claim mentions extracted"
        ),
    )
}

/// Writes `records` in `format`, and for people (text, markdown) the
/// `summary` line under the table.
fn write_with_summary<R: output::Record>(
    out: &mut dyn Write,
    format: Format,
    records: &[R],
    summary: &str,
) -> anyhow::Result<()> {
    output::write_records(out, format, records)?;
    match format {
        Format::Text => writeln!(out, "{summary}")?,
        Format::Markdown => writeln!(out, "\n{summary}")?,
        Format::Json | Format::Ndjson | Format::Csv | Format::Html => {}
    }
    Ok(())
}

fn display_list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| crate::output::one_line(&p.display().to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes what `ingest --reextract` did: a table of documents and a summary
/// line, or JSON.
fn write_reextracted(
    out: &mut dyn Write,
    done: &[ingest::reextract::Reextracted],
    format: Format,
) -> anyhow::Result<()> {
    let count = |result| done.iter().filter(|d| d.result == result).count();
    let claims: usize = done.iter().map(|d| d.claim_count).sum();
    write_with_summary(
        out,
        format,
        done,
        &format!(
            "{} pages extracted again: {} updated, {} unchanged, {} kept their text; \
             {claims} claim mentions added",
            done.len(),
            count("updated"),
            count("unchanged"),
            count("kept")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_progress_bar_on_a_dumb_terminal_or_none() {
        // Whatever stderr is here, these terminals never get one.
        assert!(!draws_progress(Some(std::ffi::OsStr::new("dumb"))));
        assert!(!draws_progress(Some(std::ffi::OsStr::new(""))));
        assert!(!draws_progress(None));
    }

    #[test]
    fn rates_are_whole_and_grouped() {
        assert_eq!(rounded_rate(1234.5678), "1,235");
        assert_eq!(rounded_rate(0.4), "0");
        assert_eq!(rounded_rate(12.5), "13");
    }

    #[test]
    fn a_nul_separated_name_keeps_every_byte() {
        assert_eq!(path_of(b"a\nb c.txt"), PathBuf::from("a\nb c.txt"));
    }
}
