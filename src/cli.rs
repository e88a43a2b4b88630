//! The command line: clap types, and a thin dispatch into the stage modules.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::{Args, Parser, Subcommand};

use crate::ingest::{self, Header};
use crate::model::{ClaimKind, ClaimRelation, OutletKind, OutletRelation, Stance, Status};
use crate::report::{self, Format};
use crate::store::{AuditOutcome, ClaimFilter, Ledger};

/// The ledger used when neither --db nor $CLAIMLEDGER_DB is given.
pub const DEFAULT_DB: &str = "claimledger.db";

/// A fact-claim ledger: who asserted what, where, and whether independent sources agree.
#[derive(Debug, Parser)]
#[command(name = "claimledger", version, about, max_term_width = 100)]
pub struct Cli {
    /// The ledger file [default: ./claimledger.db]
    #[arg(long, global = true, env = "CLAIMLEDGER_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an empty ledger (or check that one is there).
    Init,
    /// Store articles as documents and extract their claims.
    Ingest(IngestArgs),
    /// Publishers: add, list, and record that two are not independent.
    #[command(subcommand)]
    Outlet(OutletCommand),
    /// People, organizations and states that speak or are spoken about.
    #[command(subcommand)]
    Actor(ActorCommand),
    /// Claims: add by hand, list, show, link, merge, retract.
    #[command(subcommand)]
    Claim(ClaimCommand),
    /// Run the corroboration pass: a verdict for every claim.
    Check,
    /// Print the verification report (run `check` first).
    Report(ReportArgs),
    /// Verify the hash chain of the ledger's history.
    Audit,
    /// Read back a CSV from `export csv`, corrected in a spreadsheet.
    Import {
        /// The CSV file (one row per mention, as `export csv` writes)
        file: PathBuf,
    },
    /// Copy the ledger, consistently, while others may be writing to it.
    Backup {
        /// Where to write the copy (must not exist)
        target: PathBuf,
    },
    /// Ingest the sample articles into a fresh ledger, check, report, and
    /// write the example exports.
    Demo {
        /// Where the example exports go
        #[arg(long, value_name = "DIR", default_value = crate::export::DEFAULT_DIR)]
        exports: PathBuf,
    },
    /// Write the ledger as files for other tools: csv, dot (Graphviz) or json.
    #[command(subcommand)]
    Export(ExportCommand),
}

/// Arguments of `ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Article files, directories to walk for *.txt, glob patterns, or - to
    /// read a list of paths from stdin
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
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
    /// Store the documents without extracting claims
    #[arg(long)]
    pub no_extract: bool,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

fn parse_date_arg(value: &str) -> Result<chrono::NaiveDate, String> {
    ingest::parse_date(value).ok_or_else(|| format!("'{value}' is not an ISO date (YYYY-MM-DD)"))
}

/// `outlet` subcommands.
#[derive(Debug, Subcommand)]
pub enum OutletCommand {
    /// Add an outlet.
    Add {
        /// Its name
        name: String,
        /// wire, newspaper, broadcaster, state-media, government, agency, ngo, other
        #[arg(long, default_value = "other")]
        kind: OutletKind,
        /// Country
        #[arg(long)]
        country: Option<String>,
        /// Owner, free text
        #[arg(long)]
        owner: Option<String>,
    },
    /// List outlets.
    List {
        /// Output format
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Record that outlet A is not independent of B: copies, same-owner or cites.
    Link {
        /// Outlet name or id
        a: String,
        /// copies, same-owner or cites
        relation: OutletRelation,
        /// Outlet name or id
        b: String,
        /// Why
        #[arg(long)]
        note: Option<String>,
    },
}

/// `actor` subcommands.
#[derive(Debug, Subcommand)]
pub enum ActorCommand {
    /// Add an actor.
    Add {
        /// Canonical name
        name: String,
        /// person, organization, state or unknown
        #[arg(long, default_value = "unknown")]
        kind: String,
        /// Another name it goes by (repeatable)
        #[arg(long = "alias")]
        aliases: Vec<String>,
    },
    /// Give an actor another name.
    Alias {
        /// Actor name, alias or id
        actor: String,
        /// The other name
        alias: String,
    },
    /// List actors with their aliases.
    List {
        /// Output format
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

/// `claim` subcommands.
#[derive(Debug, Subcommand)]
pub enum ClaimCommand {
    /// Add a claim by hand, with the mention that carries it.
    Add(ClaimAddArgs),
    /// List claims with their verdicts.
    List {
        /// Only claims with this status
        #[arg(long)]
        status: Option<Status>,
        /// Only claims of this kind
        #[arg(long)]
        kind: Option<ClaimKind>,
        /// Only claims this outlet carries
        #[arg(long)]
        outlet: Option<String>,
        /// Include retracted claims
        #[arg(long)]
        all: bool,
        /// Output format
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Show one claim: verdict, mentions, links.
    Show {
        /// Claim id
        id: i64,
        /// Output format
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Link two claims: same-as, contradicts or supports (a manual link wins).
    Link {
        /// Claim id
        a: i64,
        /// same-as, contradicts or supports
        relation: ClaimRelation,
        /// Claim id
        b: i64,
        /// Why
        #[arg(long)]
        note: Option<String>,
    },
    /// Undo a link between two claims (an automatic one stays rejected).
    Unlink {
        /// Claim id
        a: i64,
        /// Claim id
        b: i64,
        /// Only this relation
        #[arg(long)]
        relation: Option<ClaimRelation>,
    },
    /// Merge two claims: they are the same proposition, however worded.
    Merge {
        /// Claim id
        a: i64,
        /// Claim id
        b: i64,
        /// Why
        #[arg(long)]
        note: Option<String>,
    },
    /// Rate a claim as a fact-checker ("False", "Misleading", "True").
    Rate {
        /// Claim id
        id: i64,
        /// The rating, in your organization's words
        #[arg(long)]
        rating: String,
        /// Who rated it (a person or organization)
        #[arg(long)]
        by: Option<String>,
    },
    /// Retract a claim: it stays in the ledger, out of verdicts.
    Retract {
        /// Claim id
        id: i64,
        /// Why it is retracted
        #[arg(long, required = true)]
        why: String,
    },
}

/// Arguments of `claim add`.
#[derive(Debug, Args)]
pub struct ClaimAddArgs {
    /// The document that carries the claim
    #[arg(long)]
    pub document: i64,
    /// The verbatim words in the document
    #[arg(long, allow_hyphen_values = true)]
    pub quote: String,
    /// The claim in normalized form [default: the quote]
    #[arg(long, allow_hyphen_values = true)]
    pub text: Option<String>,
    /// quantity, quote, event or statement
    #[arg(long, default_value = "statement")]
    pub kind: ClaimKind,
    /// Who voiced it (actor name or alias; created if new)
    #[arg(long)]
    pub speaker: Option<String>,
    /// asserts, denies or reports [default: reports with a speaker, else asserts]
    #[arg(long)]
    pub stance: Option<Stance>,
    /// Add the mention to this existing claim instead of a new one
    #[arg(long, value_name = "ID")]
    pub claim: Option<i64>,
    /// Quantity: what is counted
    #[arg(long)]
    pub subject: Option<String>,
    /// Quantity: low end
    #[arg(long, allow_negative_numbers = true)]
    pub low: Option<f64>,
    /// Quantity: high end
    #[arg(long, allow_negative_numbers = true)]
    pub high: Option<f64>,
    /// Quantity: unit
    #[arg(long)]
    pub unit: Option<String>,
}

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Only claims with this status
    #[arg(long)]
    pub status: Option<Status>,
    /// Only claims this outlet carries
    #[arg(long)]
    pub outlet: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

/// The seed articles, built in so `demo` runs from anywhere.
const SEEDS: &[(&str, &str)] = &[
    (
        "seeds/presstv-azerbaijan-france-mediation.txt",
        include_str!("../seeds/presstv-azerbaijan-france-mediation.txt"),
    ),
    (
        "seeds/moscowtimes-azerbaijan-france-mediation.txt",
        include_str!("../seeds/moscowtimes-azerbaijan-france-mediation.txt"),
    ),
];

impl Cli {
    fn db_path(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_DB))
    }
}

/// Runs a parsed command line, writing data to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> anyhow::Result<()> {
    let path = cli.db_path();
    match cli.command {
        Command::Init => {
            let (_, created) = Ledger::init(&path)?;
            if created {
                writeln!(out, "created ledger {}", path.display())?;
            } else {
                writeln!(out, "ledger {} is already initialized", path.display())?;
            }
        }
        Command::Ingest(args) => ingest_files(&path, args, out)?,
        Command::Outlet(cmd) => outlet(&path, cmd, out)?,
        Command::Actor(cmd) => actor(&path, cmd, out)?,
        Command::Claim(cmd) => claim(&path, cmd, out)?,
        Command::Check => check(&mut Ledger::open(&path)?, out)?,
        Command::Report(args) => {
            let ledger = Ledger::open(&path)?;
            let filter = report::ReportFilter {
                status: args.status,
                outlet: args.outlet,
            };
            let (_, unchecked) = report::write_report(out, ledger.read(), &filter, args.format)?;
            if unchecked > 0 {
                eprintln!(
                    "note: {unchecked} claims have no verdict yet; run `claimledger check` first"
                );
            }
        }
        Command::Audit => {
            let ledger = Ledger::open(&path)?;
            match ledger.read().audit()? {
                AuditOutcome::Intact { events, head } => {
                    writeln!(out, "OK: {events} events, hash chain intact")?;
                    writeln!(out, "head: {head}")?;
                }
                AuditOutcome::Broken { id, problem } => {
                    bail!("audit failed at events row {id}: {problem}");
                }
                AuditOutcome::Damaged { problem } => {
                    bail!("audit failed: SQLite finds the file damaged: {problem}");
                }
                AuditOutcome::Dangling { problem } => {
                    bail!("audit failed: {problem}");
                }
            }
        }
        Command::Import { file } => {
            let mut ledger = Ledger::open(&path)?;
            let input = std::fs::File::open(&file)
                .with_context(|| format!("cannot open {}", file.display()))?;
            let tx = ledger.begin_bulk()?;
            let done = crate::import::import_csv(&tx, &file, std::io::BufReader::new(input))?;
            tx.commit()?;
            writeln!(
                out,
                "imported {} rows: {} claims added, {} updated; {} mentions added, {} updated",
                done.rows,
                done.claims_added,
                done.claims_updated,
                done.mentions_added,
                done.mentions_updated
            )?;
            if done.claims_added + done.claims_updated + done.mentions_added + done.mentions_updated
                > 0
            {
                writeln!(out, "run `claimledger check` to update verdicts")?;
            }
        }
        Command::Backup { target } => {
            let ledger = Ledger::open(&path)?;
            ledger.backup(&target)?;
            let copy = Ledger::open(&target)?;
            match copy.read().audit()? {
                AuditOutcome::Intact { events, .. } => writeln!(
                    out,
                    "backed up {} to {} ({events} events, hash chain intact)",
                    path.display(),
                    target.display()
                )?,
                AuditOutcome::Broken { id, problem } => {
                    bail!(
                        "the copy at {} fails its audit at events row {id}: {problem}",
                        target.display()
                    )
                }
                AuditOutcome::Damaged { problem } => {
                    bail!("the copy at {} is damaged: {problem}", target.display())
                }
                AuditOutcome::Dangling { problem } => {
                    bail!(
                        "the copy at {} fails its audit: {problem}",
                        target.display()
                    )
                }
            }
        }
        Command::Demo { exports } => demo(cli.db, &exports, out)?,
        Command::Export(cmd) => export(&path, cmd, out)?,
    }
    Ok(())
}

fn ingest_files(path: &Path, args: IngestArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut ledger = Ledger::open(path)?;
    let mut inputs = Vec::with_capacity(args.files.len());
    for file in &args.files {
        if file.as_os_str() == "-" {
            // A list of paths on stdin, one a line: `find ... | claimledger ingest -`.
            for line in std::io::stdin().lines() {
                let line = line.context("cannot read the list of paths from stdin")?;
                if !line.trim().is_empty() {
                    inputs.push(PathBuf::from(line.trim()));
                }
            }
        } else {
            inputs.push(file.clone());
        }
    }
    let paths = ingest::collect_paths(&inputs)?;
    if paths.is_empty() {
        bail!("no *.txt files found in {}", display_list(&args.files));
    }
    let overrides = Header {
        title: args.title,
        outlet: args.outlet,
        url: args.url,
        published: args.published,
        outlet_kind: args.outlet_kind,
        country: args.country,
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
        &mut |_| bar.inc(1),
    )?;
    bar.finish_and_clear();
    write_ingested(out, &done, args.format)
}

/// A progress bar on stderr for long ingests; it draws nothing when stderr is
/// not a terminal (pipes, CI).
fn progress_bar(len: u64) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if len < 50 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    let style = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} articles, {per_sec}, eta {eta} {msg}",
    );
    if let Ok(style) = style {
        bar.set_style(style);
    }
    bar
}

fn write_ingested(
    out: &mut dyn Write,
    done: &[ingest::Ingested],
    format: Format,
) -> anyhow::Result<()> {
    if format == Format::Json {
        report::write_json(out, &done)?;
        return Ok(());
    }
    let rows: Vec<Vec<String>> = done
        .iter()
        .map(|d| {
            vec![
                if d.added { "added" } else { "already present" }.to_string(),
                d.document.to_string(),
                d.outlet.clone(),
                d.claims.to_string(),
                d.path.display().to_string(),
            ]
        })
        .collect();
    report::write_table(
        out,
        &["result", "document", "outlet", "claims", "file"],
        &rows,
    )?;
    let added = done.iter().filter(|d| d.added).count();
    let claims: usize = done.iter().map(|d| d.claims).sum();
    writeln!(
        out,
        "{added} documents added, {} already present, {claims} claim mentions extracted",
        done.len() - added
    )?;
    Ok(())
}

fn display_list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn outlet(path: &Path, cmd: OutletCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut ledger = Ledger::open(path)?;
    match cmd {
        OutletCommand::Add {
            name,
            kind,
            country,
            owner,
        } => {
            let tx = ledger.begin()?;
            let id = tx.add_outlet(&name, kind, country.as_deref(), owner.as_deref())?;
            tx.commit()?;
            writeln!(out, "added outlet {id}: {}", name.trim())?;
        }
        OutletCommand::List { format } => {
            report::write_outlet_list(out, &ledger.read().outlets()?, format)?;
        }
        OutletCommand::Link {
            a,
            relation,
            b,
            note,
        } => {
            let tx = ledger.begin()?;
            let (from, to) = (tx.read().outlet_id(&a)?, tx.read().outlet_id(&b)?);
            tx.link_outlets(from, relation, to, note.as_deref())?;
            tx.commit()?;
            writeln!(
                out,
                "linked: {a} {relation} {b} (run `claimledger check` to update verdicts)"
            )?;
        }
    }
    Ok(())
}

fn actor(path: &Path, cmd: ActorCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut ledger = Ledger::open(path)?;
    match cmd {
        ActorCommand::Add {
            name,
            kind,
            aliases,
        } => {
            let tx = ledger.begin()?;
            let id = tx.add_actor(&name, &kind, &aliases)?;
            tx.commit()?;
            writeln!(out, "added actor {id}: {}", name.trim())?;
        }
        ActorCommand::Alias { actor, alias } => {
            let tx = ledger.begin()?;
            let id = tx.read().actor_id(&actor)?;
            tx.add_alias(id, &alias)?;
            tx.commit()?;
            writeln!(out, "actor {id} is also known as {}", alias.trim())?;
        }
        ActorCommand::List { format } => {
            report::write_actor_list(out, &ledger.read().actors()?, format)?;
        }
    }
    Ok(())
}

fn claim(path: &Path, cmd: ClaimCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut ledger = Ledger::open(path)?;
    match cmd {
        ClaimCommand::Add(args) => {
            let tx = ledger.begin()?;
            let (claim_id, mention_id) = add_claim(&tx, &args)?;
            tx.commit()?;
            writeln!(
                out,
                "claim {claim_id}: mention {mention_id} in document {}",
                args.document
            )?;
        }
        ClaimCommand::List {
            status,
            kind,
            outlet,
            all,
            format,
        } => {
            let claims = ledger.read().claims(&ClaimFilter {
                status,
                kind,
                outlet: outlet.as_deref(),
                retracted: all,
            })?;
            report::write_claim_list(out, &claims, format)?;
        }
        ClaimCommand::Show { id, format } => report::write_claim(out, ledger.read(), id, format)?,
        ClaimCommand::Link {
            a,
            relation,
            b,
            note,
        } => {
            let tx = ledger.begin()?;
            tx.link_claims(a, relation, b, note.as_deref(), "link")?;
            tx.commit()?;
            writeln!(
                out,
                "linked: C{a} {relation} C{b} (run `claimledger check` to update verdicts)"
            )?;
        }
        ClaimCommand::Unlink { a, b, relation } => {
            let tx = ledger.begin()?;
            let undone = tx.unlink_claims(a, b, relation)?;
            if undone == 0 {
                bail!("no link between C{a} and C{b} to undo");
            }
            tx.commit()?;
            writeln!(
                out,
                "unlinked C{a} and C{b} (run `claimledger check` to update verdicts)"
            )?;
        }
        ClaimCommand::Merge { a, b, note } => {
            let tx = ledger.begin()?;
            tx.link_claims(a, ClaimRelation::SameAs, b, note.as_deref(), "merge")?;
            tx.commit()?;
            writeln!(out, "merged: C{a} and C{b} are one proposition (run `claimledger check` to update verdicts)")?;
        }
        ClaimCommand::Rate { id, rating, by } => {
            let tx = ledger.begin()?;
            tx.rate_claim(id, &rating, by.as_deref())?;
            tx.commit()?;
            writeln!(out, "rated claim {id}: {}", rating.trim())?;
        }
        ClaimCommand::Retract { id, why } => {
            let tx = ledger.begin()?;
            tx.retract_claim(id, &why)?;
            tx.commit()?;
            writeln!(out, "retracted claim {id}")?;
        }
    }
    Ok(())
}

fn add_claim(tx: &crate::store::Tx<'_>, args: &ClaimAddArgs) -> anyhow::Result<(i64, i64)> {
    let quote = args.quote.trim();
    if quote.is_empty() {
        bail!("--quote: the quote is empty");
    }
    let add = crate::edit::HandAdd {
        document: args.document,
        quote,
        text: args.text.as_deref(),
        kind: args.kind,
        speaker: args.speaker.as_deref(),
        stance: args.stance,
        claim: args.claim,
        subject: args.subject.as_deref(),
        low: args.low,
        high: args.high,
        unit: args.unit.as_deref(),
    };
    let (claim_id, mention) = crate::edit::add(tx, &add).map_err(|e| match e {
        crate::error::Error::QuoteNotFound { document, outlet } => anyhow::anyhow!(
            "--quote: the words are not in document {document} ({outlet}); copy them verbatim from the text"
        ),
        other => other.into(),
    })?;
    let mention = mention.with_context(|| format!("claim {claim_id} already has this mention"))?;
    Ok((claim_id, mention))
}

fn check(ledger: &mut Ledger, out: &mut dyn Write) -> anyhow::Result<()> {
    let done = crate::check::check(ledger)?;
    writeln!(
        out,
        "checked {} claims: {}; {} automatic links",
        done.claims(),
        report::status_summary(&done.counts),
        done.auto_links
    )?;
    Ok(())
}

fn demo(db: Option<PathBuf>, exports: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    // Without --db the demo ledger goes to a fresh temporary directory that is
    // kept, so it can be opened afterwards.
    let temp;
    let path = match db {
        Some(path) => path,
        None => {
            temp = tempfile::Builder::new()
                .prefix("claimledger-demo-")
                .tempdir()
                .context("cannot create a temporary directory for the demo ledger")?
                .keep();
            temp.join(DEFAULT_DB)
        }
    };
    let (mut ledger, _) = Ledger::init(&path)?;
    writeln!(out, "demo ledger: {}\n", path.display())?;
    let done = ingest::ingest_texts(&mut ledger, SEEDS, true)?;
    write_ingested(out, &done, Format::Text)?;
    writeln!(out)?;
    check(&mut ledger, out)?;
    writeln!(out)?;
    report::write_report(
        out,
        ledger.read(),
        &report::ReportFilter::default(),
        Format::Text,
    )?;
    writeln!(out)?;
    let mut written = crate::export::write_examples(ledger.read(), exports)?;
    // The picture needs Graphviz; without it the DOT file is still there.
    if crate::export::render_svg(&exports.join("ledger.dot"), &exports.join("ledger.svg")) {
        written.push("ledger.svg");
    } else {
        eprintln!("note: Graphviz `dot` not found or failed; exports/ledger.svg not drawn");
    }
    writeln!(
        out,
        "example exports in {}: {}",
        exports.display(),
        written.join(", ")
    )?;
    Ok(())
}

/// `export` subcommands. Each writes under exports/ unless -o says otherwise.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// CSV, one row per mention with its claim (RFC 4180, UTF-8, header row).
    ///
    /// Text cells that a spreadsheet would run as a formula (starting with =, +, -, @,
    /// a tab or a carriage return) get a leading ' unless --raw; plain numbers such
    /// as -5 are left as numbers. Retracted claims are left out.
    Csv {
        /// Output file, or - for stdout [default: exports/mentions.csv, or exports/claims.csv]
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// One row per claim instead of one per mention
        #[arg(long)]
        claims: bool,
        /// Start with a UTF-8 byte-order mark, so Excel reads accents right
        #[arg(long)]
        excel: bool,
        /// Do not neutralize cells that look like formulas
        #[arg(long)]
        raw: bool,
    },
    /// Graphviz DOT: outlets, documents, actors and claims coloured by status.
    ///
    /// Render with `dot -Tsvg exports/ledger.dot -o ledger.svg`.
    Dot {
        /// Output file, or - for stdout [default: exports/ledger.dot]
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Only claims with this status, and what touches them
        #[arg(long, conflicts_with = "claim")]
        status: Option<Status>,
        /// Only this claim, the claims linked to it, and what touches them
        #[arg(long, value_name = "ID")]
        claim: Option<i64>,
    },
    /// JSON: the whole ledger in one document, ordered by id, documents with their text.
    Json {
        /// Output file, or - for stdout [default: exports/ledger.json]
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// schema.org ClaimReview JSON-LD for the claims rated with `claim rate`.
    Claimreview {
        /// Output file, or - for stdout [default: exports/claimreview.json]
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
    },
}

fn export(path: &Path, cmd: ExportCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    use crate::export::{self, CsvOptions, Destination, DotOptions};
    let ledger = Ledger::open(path)?;
    let reader = ledger.read();
    let (dest, what) = match cmd {
        ExportCommand::Csv {
            output,
            claims,
            excel,
            raw,
        } => {
            let name = if claims { "claims.csv" } else { "mentions.csv" };
            let dest = Destination::from_arg(output.as_deref(), name);
            let options = CsvOptions { claims, excel, raw };
            let rows = dest.write(out, |w| export::write_csv(w, reader, options))?;
            let unit = if claims { "claims" } else { "mentions" };
            (dest, format!("{rows} {unit}"))
        }
        ExportCommand::Dot {
            output,
            status,
            claim,
        } => {
            let dest = Destination::from_arg(output.as_deref(), "ledger.dot");
            let options = DotOptions { status, claim };
            let drawn = dest.write(out, |w| export::write_dot(w, reader, options))?;
            (
                dest,
                format!("{} claims, {} edges", drawn.claims, drawn.edges),
            )
        }
        ExportCommand::Json { output } => {
            let dest = Destination::from_arg(output.as_deref(), "ledger.json");
            dest.write(out, |w| export::write_json(w, reader))?;
            (dest, "the ledger".to_string())
        }
        ExportCommand::Claimreview { output } => {
            let dest = Destination::from_arg(output.as_deref(), "claimreview.json");
            let rated = dest.write(out, |w| export::write_claimreview(w, reader))?;
            (dest, format!("{rated} rated claims"))
        }
    };
    // Data went to the file; the note is a diagnostic, so stdout stays clean.
    if let Some(file) = dest.path() {
        eprintln!("exported {what} to {}", file.display());
    }
    Ok(())
}
