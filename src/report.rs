//! What people read about claims: `claim show` and the verification
//! report, in prose (text or markdown) or as records (JSON, NDJSON) of the
//! one claim shape the listings and exports use, or as a page for a
//! browser ([`html`], with its [`drawing`]s); in [`timeline`], the tolls'
//! timelines of `claim timeline` and the report's TIMELINES.

pub mod drawing;
pub mod html;
mod timeline;

use std::cell::RefCell;
use std::io::Write;

use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct, Serializer};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::quantity::format_range;
use crate::model::{
    ClaimEntry, DocumentEntry, MentionEntry, Stance, Status, SuggestionEntry, Timeline,
};
use crate::output::{self, markdown_text, one_line, ClaimInFull, Format};
use crate::store::{ClaimFilter, MentionsBy, Reader, ReportStream, TimelineFilter};

pub use timeline::{why_none as why_no_timeline, write_timeline};

/// "0 conflicting, 5 corroborated, 16 single-source, 0 unsourced" from
/// counts in `Status::ALL` order.
pub fn status_summary(counts: &[usize; 4]) -> String {
    Status::ALL
        .iter()
        .zip(counts)
        .map(|(s, n)| format!("{n} {s}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One-line summary of a quantity claim's value.
fn quantity_line(claim: &ClaimEntry) -> Option<String> {
    let q = claim.claim.quantity()?;
    let range = format_range(q.low, q.high);
    let unit = q
        .unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    let hedge = q
        .hedge
        .as_deref()
        .map(|h| format!(" (hedge: {h})"))
        .unwrap_or_default();
    Some(format!("{}: {range}{unit}{hedge}", q.measure))
}

/// Writes `claim show`: the claim, its verdict, its mentions and links.
pub fn write_claim(out: &mut dyn Write, reader: Reader<'_>, id: i64, format: Format) -> Result<()> {
    let entry = reader.claim(id)?;
    let mentions = reader.mentions_of(id)?;
    let links = reader.links_of(id)?;
    let documents = reader.documents_of(id)?;
    // Mentions ingested since the last check: its verdict does not count them.
    let checked_up_to = reader.last_checked_mention()?;
    let since_check = |id: i64| checked_up_to.is_none_or(|c| id > c);
    let after_check: Vec<i64> = mentions
        .iter()
        .map(|m| m.mention.id)
        .filter(|&id| since_check(id))
        .collect();
    /// `claim show` in JSON: the claim in full, the documents behind it,
    /// and which of its mentions came after the last check.
    #[derive(Serialize)]
    struct Shown<'a> {
        #[serde(flatten)]
        claim: ClaimInFull<'a>,
        documents: &'a [DocumentEntry<()>],
        mentions_after_check: &'a [i64],
    }
    let shown = Shown {
        claim: ClaimInFull {
            claim: &entry,
            mentions: &mentions,
            links: &links,
        },
        documents: &documents,
        mentions_after_check: &after_check,
    };
    match format {
        Format::Json => return output::write_json(out, &shown),
        Format::Ndjson => return output::write_ndjson(out, &shown),
        Format::Csv => {
            return Err(output::unsupported(
                format,
                "claim show",
                "use `claim list --format csv`",
            ))
        }
        Format::Html => {
            return Err(output::unsupported(
                format,
                "claim show",
                "use `report --format html`, which shows every claim",
            ))
        }
        Format::Text | Format::Markdown => {}
    }
    let claim = &entry.claim;
    writeln!(
        out,
        "C{}  [{}] {}",
        claim.id,
        claim.kind(),
        one_line(&claim.text)
    )?;
    if let Some(q) = quantity_line(&entry) {
        writeln!(out, "  value:    {}", one_line(&q))?;
    }
    if let Some(speaker) = &entry.speaker {
        writeln!(out, "  speaker:  {}", one_line(speaker))?;
    }
    if let Some(as_of) = &claim.as_of {
        writeln!(out, "  as of:    {as_of}")?;
    }
    writeln!(out, "  origin:   {}", claim.origin)?;
    if let Some(rating) = &entry.rating {
        writeln!(out, "  rating:   {}", one_line(&rating.to_string()))?;
    }
    if let Some(why) = &claim.retracted_why {
        writeln!(out, "  RETRACTED: {}", one_line(why))?;
    }
    match &entry.verdict {
        Some(v) => {
            let plural = if v.independent_sources == 1 { "" } else { "s" };
            writeln!(
                out,
                "  status:   {} ({} independent origin{plural})",
                v.status, v.independent_sources
            )?;
            writeln!(out, "  why:      {}", one_line(&v.reason))?;
        }
        None if !claim.is_retracted() => {
            writeln!(out, "  status:   not checked yet (run `claimledger check`)")?;
        }
        None => {}
    }
    // Under a verdict, the mentions it did not count are said to be newer.
    // Read off the id, not looked up in `after_check`: a wire story's claim
    // has hundreds of thousands of mentions.
    let newer = |m: &MentionEntry| entry.verdict.is_some() && since_check(m.mention.id);
    match mentions.iter().filter(|m| newer(m)).count() {
        0 => writeln!(out, "  mentions ({}):", mentions.len())?,
        n => writeln!(
            out,
            "  mentions ({}, {n} since the last check, which its verdict does not count yet):",
            mentions.len()
        )?,
    }
    for m in &mentions {
        let since = if newer(m) {
            " (since the last check)"
        } else {
            ""
        };
        writeln!(out, "    - {}{since}", mention_heading(m, one_line))?;
        writeln!(out, "      \"{}\"", one_line(&m.mention.quote))?;
    }
    write_documents(out, &documents)?;
    if !links.is_empty() {
        writeln!(out, "  links:")?;
        for l in &links {
            let from_here = l.from_claim == id;
            let other = if from_here { l.to_claim } else { l.from_claim };
            let arrow = if from_here { "" } else { " (from)" };
            writeln!(
                out,
                "    {} C{other}{arrow} [{}{}]{}",
                l.relation,
                l.origin,
                if l.rejected { ", rejected" } else { "" },
                l.note
                    .as_deref()
                    .map(|n| format!(" {}", one_line(n)))
                    .unwrap_or_default()
            )?;
        }
    }
    Ok(())
}

/// The documents behind a claim's mentions: each field with where it was
/// found (a flag, a header, or a place in a web page).
fn write_documents(out: &mut dyn Write, documents: &[DocumentEntry<()>]) -> Result<()> {
    if documents.is_empty() {
        return Ok(());
    }
    writeln!(out, "  documents ({}):", documents.len())?;
    for entry in documents {
        let d = &entry.document;
        let published = d.published.map(|p| p.to_string());
        writeln!(out, "    - D{} {}", d.id, one_line(&entry.outlet))?;
        let fields = [
            ("outlet", Some(&entry.outlet), d.sources.outlet),
            ("title", d.title.as_ref(), d.sources.title),
            ("published", published.as_ref(), d.sources.published),
            ("byline", d.byline.as_ref(), d.sources.byline),
            ("url", d.url.as_ref(), d.sources.url),
        ];
        for (name, value, from) in fields {
            let Some(value) = value else { continue };
            let from = from.map(|f| format!(" (from {f})")).unwrap_or_default();
            writeln!(
                out,
                "      {:<10} {}{from}",
                format!("{name}:"),
                one_line(value)
            )?;
        }
        if let Some(extractor) = &entry.extractor {
            writeln!(out, "      {:<10} a web page, text by {extractor}", "text:")?;
        }
    }
    Ok(())
}

/// A mention's outlet, title, date and voice on one line, each name and
/// title from a document passed through `show` ([`one_line`] for a
/// terminal, [`markdown_text`] for markdown).
fn mention_heading(entry: &MentionEntry, show: fn(&str) -> String) -> String {
    let m = &entry.mention;
    let mut parts = vec![format!("M{}", m.id), show(&entry.outlet)];
    if let Some(title) = &entry.title {
        parts.push(format!("\"{}\"", show(title)));
    }
    if let Some(published) = &entry.published {
        parts.push(published.to_string());
    }
    let voice = match (entry.speaker.as_deref().map(show), m.stance) {
        (Some(s), Stance::Reports) => format!("reports {s}"),
        (Some(s), stance) => format!("{stance}, voiced by {s}"),
        (None, stance) => stance.to_string(),
    };
    parts.push(voice);
    if let Some(wire) = &m.relayed_by {
        parts.push(format!("relaying {}", show(wire)));
    }
    parts.join(", ")
}

/// How the report shows text that came from a document: escaped for
/// markdown, else on one line without control characters.
fn shown_as(md: bool) -> fn(&str) -> String {
    if md {
        markdown_text
    } else {
        one_line
    }
}

/// Which claims the report shows.
#[derive(Debug, Clone, Default)]
pub struct ReportFilter {
    /// Only this status.
    pub status: Option<Status>,
    /// Only claims an outlet carries.
    pub outlet: Option<String>,
}

/// What one pass over the mentions tells of each claim before its own are
/// listed: how many it has, and whether it is an attribution (every
/// mention of it reports a speaker, so outlets agree that it was said,
/// not that it is true).
struct Tallies {
    /// By claim id: 0 no mention yet, 1 every mention reports a speaker, 2 not.
    state: Vec<u8>,
    /// By claim id: how many mentions it has.
    counts: Vec<u32>,
}

impl Tallies {
    fn read(reader: Reader<'_>) -> Result<Tallies> {
        let (mut state, mut counts) = (Vec::new(), Vec::new());
        reader.mention_edges(|claim, _, stance, actor| {
            let Ok(i) = usize::try_from(claim) else {
                return;
            };
            if i >= state.len() {
                state.resize(i + 1, 0);
                counts.resize(i + 1, 0);
            }
            counts[i] += 1;
            let reports_a_speaker = stance == Stance::Reports && actor.is_some();
            state[i] = match (state[i], reports_a_speaker) {
                (2, _) | (_, false) => 2,
                (_, true) => 1,
            };
        })?;
        Ok(Tallies { state, counts })
    }

    fn attribution(&self, claim: i64) -> bool {
        usize::try_from(claim)
            .ok()
            .and_then(|i| self.state.get(i))
            .is_some_and(|&s| s == 1)
    }

    fn mention_count(&self, claim: i64) -> i64 {
        usize::try_from(claim)
            .ok()
            .and_then(|i| self.counts.get(i))
            .map_or(0, |&n| i64::from(n))
    }
}

/// Other wordings listed under a cluster's first claim before the rest are counted.
const WORDINGS_SHOWN: usize = 20;

/// Writes the verification report: verdicts grouped by status, conflicting
/// first. It streams, so memory stays flat however large the ledger (but
/// for a byte per claim in JSON, for its attribution flags). Returns how many
/// checked claims it covered and how many await a check.
pub fn write_report(
    out: &mut dyn Write,
    reader: Reader<'_>,
    filter: &ReportFilter,
    format: Format,
) -> Result<(usize, usize)> {
    if format == Format::Csv {
        return Err(output::unsupported(
            format,
            "the report",
            "use `export csv` for a spreadsheet",
        ));
    }
    // The counts, the attributions and the listing agree: one snapshot.
    reader.snapshot(|| write_report_in_snapshot(out, reader, filter, format))
}

fn write_report_in_snapshot(
    out: &mut dyn Write,
    reader: Reader<'_>,
    filter: &ReportFilter,
    format: Format,
) -> Result<(usize, usize)> {
    let claim_filter = ClaimFilter {
        status: filter.status,
        outlet: filter.outlet.as_deref(),
        ..ClaimFilter::default()
    };
    // A report of one outlet or one status shows the timelines of its figures.
    let timeline_filter = TimelineFilter {
        measure: None,
        outlet: filter.outlet.as_deref(),
        status: filter.status,
    };
    let (counts, unchecked) = reader.verdict_counts(&claim_filter)?;
    let total: usize = counts.iter().sum();
    if format == Format::Html {
        html::write_html(out, reader, filter, &claim_filter, counts)?;
        return Ok((total, unchecked));
    }
    if matches!(format, Format::Json | Format::Ndjson) {
        let tallies = Tallies::read(reader)?;
        // NDJSON is a stream of claims; only JSON has room for the
        // timelines and the pairs.
        let (timelines, (suggestions, suggestion_count)) = if format == Format::Json {
            (
                reader.timelines(&timeline_filter)?,
                reader.top_suggestions(&claim_filter, REPORT_SUGGESTIONS)?,
            )
        } else {
            (Vec::new(), (Vec::new(), 0))
        };
        reader.stream_report(&claim_filter, MentionsBy::Claim, |stream| {
            let claims = ReportedClaims {
                stream: RefCell::new(stream),
                tallies: &tallies,
                failed: RefCell::new(None),
            };
            let written = if format == Format::Json {
                let report = Report {
                    summary: Summary(counts),
                    claims: &claims,
                    timelines: &timelines,
                    suggestions: &suggestions,
                    suggestion_count,
                };
                // Laid out to the list of claims, each claim on one line.
                output::write_json_to_depth(out, &report, 2)
            } else {
                let mut lines = output::NdjsonWriter::new(out);
                claims
                    .each(|claim| lines.write(&claim), |e| e)
                    .and_then(|()| lines.finish())
            };
            // A failure of the ledger inside the serializer is the error to show.
            match claims.failed.into_inner() {
                Some(e) => Err(e),
                None => written,
            }
        })?;
        return Ok((total, unchecked));
    }
    let md = format == Format::Markdown;
    let summary = status_summary(&counts);
    if md {
        writeln!(out, "# Verification report\n\n{total} claims: {summary}")?;
    } else {
        writeln!(out, "Verification report: {total} claims: {summary}")?;
    }
    reader.stream_report(&claim_filter, MentionsBy::Cluster, |stream| {
        let mut status: Option<Status> = None;
        while let Some(claims) = stream.next_group()? {
            let Some(first) = claims.first() else {
                continue;
            };
            let group_status = first.verdict.as_ref().map(|v| v.status);
            if status != group_status {
                status = group_status;
                let s = group_status.unwrap_or(Status::Unsourced);
                let n = counts[s.index()];
                let title = s.as_str().to_uppercase();
                if md {
                    writeln!(out, "\n## {title} ({n})")?;
                } else {
                    writeln!(out, "\n== {title} ({n}) ==")?;
                }
            }
            write_cluster(out, &claims, md)?;
            while let Some(m) = stream.next_mention()? {
                write_cluster_mention(out, &m, first.claim.id, md)?;
            }
        }
        Ok(())
    })?;
    timeline::write_section(out, &reader.timelines(&timeline_filter)?, md)?;
    let (suggestions, total) = reader.top_suggestions(&claim_filter, REPORT_SUGGESTIONS)?;
    write_suggestions(out, &suggestions, total, md)?;
    Ok((total, unchecked))
}

/// How many possible same claims a report shows, best first; `claim
/// suggestions` lists them all.
const REPORT_SUGGESTIONS: usize = 50;

/// Writes the pairs of claims the last check found may be one, each with
/// the commands that settle it: `suggestions`, the best of `n` in all.
fn write_suggestions(
    out: &mut dyn Write,
    suggestions: &[SuggestionEntry],
    n: usize,
    md: bool,
) -> Result<()> {
    if suggestions.is_empty() {
        return Ok(());
    }
    if md {
        writeln!(out, "\n## POSSIBLE SAME CLAIMS ({n})")?;
    } else {
        writeln!(out, "\n== POSSIBLE SAME CLAIMS ({n}) ==")?;
    }
    let (head, field) = if md { ("\n### ", "- ") } else { ("\n", "    ") };
    // Claim texts and outlet names come from documents.
    let text = |t: &str| if md { markdown_text(t) } else { one_line(t) };
    for entry in suggestions {
        let s = &entry.suggestion;
        let (a, b) = (s.from_claim, s.to_claim);
        writeln!(
            out,
            "{head}C{a} and C{b}, similarity {:.2}: {}",
            s.score,
            text(&s.note)
        )?;
        for claim in [&entry.from, &entry.to] {
            let verdict = claim.verdict.as_ref();
            let status = verdict.map_or("unchecked", |v| v.status.as_str());
            let outlets: Vec<String> = verdict
                .into_iter()
                .flat_map(|v| v.outlet_names())
                .map(text)
                .collect();
            writeln!(
                out,
                "{field}C{} {} ({status}: {})",
                claim.claim.id,
                text(&claim.claim.text),
                outlets.join(", ")
            )?;
        }
        writeln!(
            out,
            "{field}one proposition: `claim merge {a} {b}`; not: `claim reject {a} {b}`"
        )?;
    }
    if n > suggestions.len() {
        writeln!(
            out,
            "\n{} more: `claimledger claim suggestions` lists every pair",
            n - suggestions.len()
        )?;
    }
    Ok(())
}

/// The JSON report: how many checked claims have each status, the claims
/// in report order, each with its own mentions, the timelines and the
/// suggestions.
#[derive(Serialize)]
struct Report<'a, 'r, 's> {
    summary: Summary,
    claims: &'a ReportedClaims<'a, 'r, 's>,
    /// The tolls' figures on two or more days, measure by measure.
    timelines: &'a [Timeline],
    /// The best of the pairs of claims the last check found may be one.
    suggestions: &'a [SuggestionEntry],
    /// How many pairs there are in all (`claim suggestions` lists them).
    suggestion_count: usize,
}

/// Counts by status, in [`Status::ALL`] order, under the status words.
struct Summary([usize; 4]);

impl Serialize for Summary {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        for (status, n) in Status::ALL.iter().zip(self.0) {
            map.serialize_entry(status.as_str(), &n)?;
        }
        map.end()
    }
}

/// The report's claims as they stream from the ledger: serialized one by
/// one, each with its mentions, so a large report never sits in memory
/// whole (a wire story's claim has a mention from every outlet that ran
/// it).
struct ReportedClaims<'a, 'r, 's> {
    stream: RefCell<&'r mut ReportStream<'s>>,
    tallies: &'a Tallies,
    /// What went wrong reading the ledger while serializing, which serde
    /// can only carry as text.
    failed: RefCell<Option<Error>>,
}

/// A claim of the report: the claim's fields, whether it is an
/// attribution, and its mentions.
struct ReportedClaim<'a, 'r, 's> {
    claim: &'a ClaimEntry,
    attribution: bool,
    mentions: GroupMentions<'a, 'r, 's>,
}

impl Serialize for ReportedClaim<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("claim", ClaimEntry::FIELD_COUNT + 2)?;
        self.claim.serialize_fields(&mut s)?;
        s.serialize_field("attribution", &self.attribution)?;
        s.serialize_field("mentions", &self.mentions)?;
        s.end()
    }
}

/// The mentions of the claim handed out last, read as they are serialized.
struct GroupMentions<'a, 'r, 's>(&'a ReportedClaims<'a, 'r, 's>);

impl<'a, 'r, 's> ReportedClaims<'a, 'r, 's> {
    /// Hands each claim of the report to `write`, to be serialized with its
    /// mentions; a failure to read the ledger goes through `fail`.
    fn each<E>(
        &'a self,
        mut write: impl FnMut(ReportedClaim<'_, 'r, 's>) -> std::result::Result<(), E>,
        fail: impl Fn(Error) -> E,
    ) -> std::result::Result<(), E> {
        loop {
            let group = match self.stream.borrow_mut().next_group() {
                Ok(Some(group)) => group,
                Ok(None) => return Ok(()),
                Err(e) => return Err(fail(e)),
            };
            for mut claim in group {
                let id = claim.claim.id;
                claim.mention_count = Some(self.tallies.mention_count(id));
                write(ReportedClaim {
                    claim: &claim,
                    attribution: self.tallies.attribution(id),
                    mentions: GroupMentions(self),
                })?;
            }
        }
    }

    /// Keeps a ledger error for the caller, and gives serde its words.
    fn fail<E: serde::ser::Error>(&self, e: Error) -> E {
        let message = E::custom(&e);
        *self.failed.borrow_mut() = Some(e);
        message
    }
}

impl Serialize for ReportedClaims<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        self.each(|claim| seq.serialize_element(&claim), |e| self.fail(e))?;
        seq.end()
    }
}

impl Serialize for GroupMentions<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let claims = self.0;
        let mut seq = serializer.serialize_seq(None)?;
        loop {
            let next = claims.stream.borrow_mut().next_mention();
            match next {
                Ok(Some(m)) => seq.serialize_element(&m)?,
                Ok(None) => break,
                Err(e) => return Err(claims.fail(e)),
            }
        }
        seq.end()
    }
}

/// Writes the head of one cluster: its first claim with the verdict and
/// the other wordings of the same proposition. Its mentions follow.
fn write_cluster(out: &mut dyn Write, claims: &[ClaimEntry], md: bool) -> Result<()> {
    let Some(first) = claims.first() else {
        return Ok(());
    };
    let (claim, verdict) = (&first.claim, first.verdict.as_ref());
    let status = verdict.map(|v| v.status.as_str()).unwrap_or("unchecked");
    let sources = verdict.map_or(0, |v| v.independent_sources);
    let plural = if sources == 1 { "" } else { "s" };
    let (head, field) = if md { ("\n### ", "- ") } else { ("\n", "    ") };
    let show = shown_as(md);
    writeln!(
        out,
        "{head}C{} [{}] {}",
        claim.id,
        claim.kind(),
        show(&claim.text)
    )?;
    let names: Vec<String> = verdict
        .into_iter()
        .flat_map(|v| v.outlet_names())
        .map(show)
        .collect();
    let outlets = if names.is_empty() {
        String::new()
    } else {
        format!(": {}", names.join(", "))
    };
    writeln!(
        out,
        "{field}status: {status}, {sources} independent origin{plural}{outlets}"
    )?;
    if let Some(q) = quantity_line(first) {
        writeln!(out, "{field}value: {}", show(&q))?;
    }
    writeln!(
        out,
        "{field}why: {}",
        show(verdict.map_or("", |v| &v.reason))
    )?;
    for other in claims.iter().skip(1).take(WORDINGS_SHOWN) {
        writeln!(
            out,
            "{field}same proposition: C{} {}",
            other.claim.id,
            show(&other.claim.text)
        )?;
    }
    if claims.len() > WORDINGS_SHOWN + 1 {
        writeln!(
            out,
            "{field}same proposition: {} more claims",
            claims.len() - WORDINGS_SHOWN - 1
        )?;
    }
    Ok(())
}

/// Writes one mention behind a cluster's verdict, naming its claim when it
/// is not the cluster's first (`shown`).
fn write_cluster_mention(
    out: &mut dyn Write,
    m: &MentionEntry,
    shown: i64,
    md: bool,
) -> Result<()> {
    let show = shown_as(md);
    let heading = mention_heading(m, show);
    let claim = m.mention.claim_id;
    let heading = if claim == shown {
        heading
    } else {
        format!("{heading} (as C{claim})")
    };
    let quote = show(&m.mention.quote);
    if md {
        writeln!(out, "- {heading}\n  > {quote}")?;
    } else {
        writeln!(out, "    - {heading}\n      \"{quote}\"")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claim, ClaimBody, Mention, Origin, Rating, Stance};
    use crate::store::{Ledger, Stored};

    /// A checked and rated ledger whose one document has `text` for its
    /// text, title and url, from an outlet named `outlet`, and one claim
    /// whose text and quote are the whole text, voiced by `speaker`.
    fn hostile(dir: &std::path::Path, outlet: &str, speaker: &str, text: &str) -> Ledger {
        let (mut ledger, _) = Ledger::init(&dir.join("l.db")).expect("init");
        let tx = ledger.begin().expect("begin");
        let short = |name: &str| -> String {
            crate::untrusted::clean_name(name)
                .chars()
                .take(100)
                .collect()
        };
        let outlet = short(outlet);
        let outlet = if outlet.is_empty() {
            "o".into()
        } else {
            outlet
        };
        let outlet = tx.outlet_for(&outlet, None, None).expect("outlet");
        let mut document = crate::model::Document::new(outlet, "h".into(), text);
        document.title = Some(text.to_string());
        document.url = Some(text.to_string());
        document.published = chrono::NaiveDate::from_ymd_opt(2024, 1, 2);
        let Stored::Added(document) = tx.add_document(&document, &[]).expect("document") else {
            unreachable!("a new ledger")
        };
        let speaker = short(speaker);
        let actor = (!speaker.is_empty()).then(|| tx.actor_for(&speaker, None).expect("actor"));
        let claim = Claim::by_hand(text, ClaimBody::Statement);
        let claim = tx.add_claim(&claim, None, None).expect("claim");
        let mention = Mention {
            id: 0,
            claim_id: claim,
            document_id: document,
            actor_id: actor,
            stance: Stance::Reports,
            quote: text.to_string(),
            span: 0..text.len(),
            relayed_by: Some(text.to_string()),
            origin: Origin::Manual,
        };
        tx.add_mention(&mention, text, None).expect("mention");
        let rating = Rating {
            claim_id: claim,
            rating: format!("x{text}"),
            rated_by: Some(format!("x{text}")),
            rated_at: String::new(),
            url: Some("https://factcheck.example/1".into()),
            scale: None,
        };
        tx.rate_claim(&rating).expect("rating");
        tx.commit().expect("commit");
        crate::check::check(&mut ledger, crate::check::Rejudge::IfChanged).expect("check");
        ledger
    }

    /// Text that tries every way out of markdown and out of a script element.
    fn hostile_text() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::string::string_regex(
            "([<>&\\[\\]()!*_`#|~\\\\/\"'\n\r\t\u{1b}\u{7}\u{200b}\u{202e}\u{2028} a-zA-Z:=]|</script>|<img src=x onerror=a()>|!\\[x\\]\\(http://t/p.gif\\)|javascript:|<!--){1,40}",
        )
        .expect("regex")
        .prop_filter("a claim needs words", |t| !t.trim().is_empty())
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        #[test]
        fn any_document_text_gives_markdown_without_html_and_json_ld_without_a_closing_tag(
            text in hostile_text(),
            outlet in hostile_text(),
            speaker in hostile_text(),
        ) {
            let dir = tempfile::tempdir().expect("tempdir");
            let ledger = hostile(dir.path(), &outlet, &speaker, &text);
            let mut md = Vec::new();
            write_report(&mut md, ledger.read(), &ReportFilter::default(), Format::Markdown)
                .expect("report");
            let md = String::from_utf8(md).expect("UTF-8");
            // No tag, comment or autolink can open without `<`; no link or
            // image without `](` after an unescaped `]`.
            proptest::prop_assert!(!md.contains('<'), "{}", md);
            let link = md.match_indices("](").any(|(i, _)| !md[..i].ends_with('\\'));
            proptest::prop_assert!(!link, "{}", md);
            proptest::prop_assert!(!md.contains(['\u{1b}', '\u{7}', '\r']), "{}", md);
            let mut jsonld = Vec::new();
            crate::export::write_claimreview(&mut jsonld, ledger.read(), None).expect("claimreview");
            let jsonld = String::from_utf8(jsonld).expect("UTF-8");
            proptest::prop_assert!(!jsonld.contains("</"), "{}", jsonld);
            proptest::prop_assert!(!jsonld.contains(['<', '>', '&', '\u{2028}']), "{}", jsonld);
            // And it is the same JSON, every string as it was.
            let value: serde_json::Value = serde_json::from_str(&jsonld).expect("JSON");
            proptest::prop_assert_eq!(value[0]["itemReviewed"]["appearance"][0]["headline"].as_str(), Some(text.as_str()));
        }
    }
}
