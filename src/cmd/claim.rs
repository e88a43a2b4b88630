//! `claim`: add by hand, list, show, follow a toll's timeline, link, merge,
//! rate and retract claims, and settle the pairs a check suggests may be one.

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context};
use clap::{Args, Subcommand};

use super::{atomic, OutputArgs, RUN_CHECK};
use crate::edit::{HandAdd, HandClaim};
use crate::error::Error;
use crate::model::{
    Claim, ClaimBody, ClaimKind, ClaimLink, ClaimRelation, LinkOrigin, Quantity, Stance, Status,
};
use crate::output::Format;
use crate::store::{ClaimFilter, Ledger, TimelineFilter, Tx};
use crate::{output, report};

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
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Show one claim: verdict, mentions, links.
    Show {
        /// Claim id
        id: i64,
        /// Output format
        #[command(flatten)]
        output: OutputArgs,
    },
    /// The tolls' timelines: each toll's figures on two or more days, in time order.
    Timeline {
        /// Only this measure ("people killed")
        #[arg(long)]
        measure: Option<String>,
        /// Only figures this outlet carries
        #[arg(long)]
        outlet: Option<String>,
        /// Only figures with this status
        #[arg(long)]
        status: Option<Status>,
        /// Output format
        #[command(flatten)]
        output: OutputArgs,
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
    /// List the pairs of claims the last check found may be one.
    Suggestions {
        /// Only pairs with a claim of this status
        #[arg(long)]
        status: Option<Status>,
        /// Only pairs with a claim of this kind
        #[arg(long)]
        kind: Option<ClaimKind>,
        /// Only pairs with a claim this outlet carries
        #[arg(long)]
        outlet: Option<String>,
        /// Output format
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Say two claims are not one proposition: no check joins or suggests them again.
    Reject {
        /// Claim id
        a: i64,
        /// Claim id
        b: i64,
        /// Why
        #[arg(long)]
        note: Option<String>,
    },
    /// Rate a claim as a fact-checker ("False", "Misleading", "True").
    ///
    /// `export claimreview` needs --url, the address of your fact-check
    /// article; --value, --best and --worst give the rating on a numeric
    /// scale as well, all three together.
    Rate {
        /// Claim id
        id: i64,
        /// The rating, in your organization's words
        #[arg(long)]
        rating: String,
        /// Who rated it (your organization; else `export claimreview --reviewer`)
        #[arg(long)]
        by: Option<String>,
        /// The address (http or https) of the fact-check article
        #[arg(long)]
        url: Option<String>,
        /// The rating on your numeric scale
        #[arg(long, requires_all = ["best", "worst"], allow_hyphen_values = true)]
        value: Option<f64>,
        /// The best value of the scale
        #[arg(long, requires = "value", allow_hyphen_values = true)]
        best: Option<f64>,
        /// The worst value of the scale
        #[arg(long, requires = "value", allow_hyphen_values = true)]
        worst: Option<f64>,
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
    #[arg(long, value_name = "ID", conflicts_with_all = ["text", "kind", "measure", "low", "high", "unit", "as_of"])]
    pub claim: Option<i64>,
    /// Quantity: what is counted and what happened to it ("people killed")
    #[arg(long, alias = "subject")]
    pub measure: Option<String>,
    /// Quantity: low end
    #[arg(long, allow_negative_numbers = true)]
    pub low: Option<f64>,
    /// Quantity: high end
    #[arg(long, allow_negative_numbers = true)]
    pub high: Option<f64>,
    /// Quantity: unit, as the figures it is compared with have it ("troops")
    #[arg(long)]
    pub unit: Option<String>,
    /// The day the claim holds for, YYYY-MM-DD [default: the document's published date]
    #[arg(long, value_name = "DATE", value_parser = super::ingest::parse_date_arg)]
    pub as_of: Option<chrono::NaiveDate>,
}

/// Runs a `claim` subcommand.
pub fn run(path: &Path, cmd: ClaimCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut ledger = Ledger::open(path)?;
    match cmd {
        ClaimCommand::Add(args) => {
            let (claim_id, mention_id) = atomic(&mut ledger, |tx| add_claim(tx, &args))?;
            writeln!(
                out,
                "claim {claim_id}: mention {mention_id} in document {}",
                args.document
            )?;
            // Figures are compared within one measure and unit.
            if let (ClaimKind::Quantity, None, None, Some(measure)) =
                (args.kind, &args.claim, &args.unit, &args.measure)
            {
                let units = ledger.read().units_of(measure)?;
                if !units.is_empty() {
                    super::note(format_args!(
                        "note: the other figures of '{}' are in {}; without --unit this one \
                         is compared with none of them",
                        output::one_line(measure),
                        units.join(", ")
                    ));
                }
            }
        }
        ClaimCommand::List {
            status,
            kind,
            outlet,
            all,
            output,
        } => {
            let outlet = super::known_outlet(&ledger, outlet.as_deref())?;
            let claims = ledger.read().claims(&ClaimFilter {
                status,
                kind,
                outlet: outlet.as_deref(),
                retracted: all,
            })?;
            output::write_records(out, output.format, &claims)?;
        }
        ClaimCommand::Show { id, output } => {
            report::write_claim(out, ledger.read(), id, output.format)?
        }
        ClaimCommand::Timeline {
            measure,
            outlet,
            status,
            output,
        } => {
            let outlet = super::known_outlet(&ledger, outlet.as_deref())?;
            let filter = TimelineFilter {
                measure: measure.as_deref(),
                outlet: outlet.as_deref(),
                status,
            };
            let reader = ledger.read();
            let written = report::write_timeline(out, reader, &filter, output.format)?;
            // Prose says why there is none; a listing stays empty for programs.
            let listing = !matches!(output.format, Format::Text | Format::Markdown);
            if written == 0 && listing {
                eprintln!(
                    "note: no timelines: {}",
                    report::why_no_timeline(reader, &filter)?
                );
            }
        }
        ClaimCommand::Link {
            a,
            relation,
            b,
            note,
        } => {
            atomic(&mut ledger, |tx| {
                Ok(tx.link_claims(&manual_link(a, relation, b, note), "link")?)
            })?;
            writeln!(out, "linked: C{a} {relation} C{b} ({RUN_CHECK})")?;
        }
        ClaimCommand::Unlink { a, b, relation } => {
            atomic(&mut ledger, |tx| {
                if tx.unlink_claims(a, b, relation)? == 0 {
                    bail!("no link between C{a} and C{b} to undo");
                }
                Ok(())
            })?;
            writeln!(out, "unlinked C{a} and C{b} ({RUN_CHECK})")?;
        }
        ClaimCommand::Merge { a, b, note } => {
            atomic(&mut ledger, |tx| {
                let link = manual_link(a, ClaimRelation::SameAs, b, note);
                Ok(tx.link_claims(&link, "merge")?)
            })?;
            writeln!(
                out,
                "merged: C{a} and C{b} are one proposition ({RUN_CHECK})"
            )?;
        }
        ClaimCommand::Suggestions {
            status,
            kind,
            outlet,
            output,
        } => {
            let outlet = super::known_outlet(&ledger, outlet.as_deref())?;
            let suggestions = ledger.read().suggestions(&ClaimFilter {
                status,
                kind,
                outlet: outlet.as_deref(),
                retracted: false,
            })?;
            output::write_records(out, output.format, &suggestions)?;
        }
        ClaimCommand::Reject { a, b, note } => {
            atomic(&mut ledger, |tx| {
                Ok(tx.reject_same(a, b, note.as_deref())?)
            })?;
            writeln!(
                out,
                "rejected: C{a} and C{b} are not one proposition ({RUN_CHECK})"
            )?;
        }
        ClaimCommand::Rate {
            id,
            rating,
            by,
            url,
            value,
            best,
            worst,
        } => {
            let scale = match (value, best, worst) {
                (Some(rating_value), Some(best_rating), Some(worst_rating)) => {
                    Some(crate::model::RatingScale {
                        rating_value,
                        best_rating,
                        worst_rating,
                    })
                }
                _ => None,
            };
            let rating = crate::model::Rating {
                claim_id: id,
                rating,
                rated_by: by,
                rated_at: String::new(),
                url,
                scale,
            };
            atomic(&mut ledger, |tx| Ok(tx.rate_claim(&rating)?))?;
            writeln!(
                out,
                "rated claim {id}: {}",
                output::one_line(&rating.rating)
            )?;
        }
        ClaimCommand::Retract { id, why } => {
            atomic(&mut ledger, |tx| Ok(tx.retract_claim(id, &why)?))?;
            writeln!(out, "retracted claim {id}")?;
        }
    }
    Ok(())
}

/// `claim add` in the command's transaction; errors name the flag at fault.
fn add_claim(tx: &Tx<'_>, args: &ClaimAddArgs) -> anyhow::Result<(i64, i64)> {
    let quote = args.quote.trim();
    if quote.is_empty() {
        bail!("--quote: the quote is empty");
    }
    // A figure on a claim of another kind would be dropped without a word.
    let given = [
        args.measure.is_some(),
        args.low.is_some(),
        args.high.is_some(),
        args.unit.is_some(),
    ];
    if let Some(field) = ClaimBody::stray_figure_field(args.kind, given) {
        bail!(
            "--{field}: a {} claim has no figure: pass --kind quantity, or leave out --measure, \
             --low, --high and --unit",
            args.kind
        );
    }
    let claim = match args.claim {
        Some(id) => HandClaim::Existing(id),
        None => {
            let figure = || {
                let (measure, unit) = (args.measure.as_deref(), args.unit.as_deref());
                Quantity::given(measure, args.low, args.high, unit)
            };
            let body = ClaimBody::given(args.kind, figure, Some(quote))?;
            HandClaim::New(Claim {
                as_of: args.as_of,
                ..Claim::by_hand(args.text.as_deref().unwrap_or(quote), body)
            })
        }
    };
    let add = HandAdd {
        document: args.document,
        quote,
        speaker: args.speaker.as_deref(),
        stance: args.stance,
        claim,
    };
    let (claim_id, mention) = crate::edit::add(tx, &add).map_err(|e| match e {
        Error::QuoteNotFound { document, outlet } => anyhow::anyhow!(
            "--quote: the words are not in document {document} ({outlet}); copy them verbatim from the text"
        ),
        other => other.into(),
    })?;
    let mention = mention.with_context(|| format!("claim {claim_id} already has this mention"))?;
    Ok((claim_id, mention))
}

/// The link a person makes between claims `a` and `b`.
fn manual_link(a: i64, relation: ClaimRelation, b: i64, note: Option<String>) -> ClaimLink {
    ClaimLink {
        from_claim: a,
        to_claim: b,
        relation,
        origin: LinkOrigin::Manual,
        rejected: false,
        note,
    }
}
