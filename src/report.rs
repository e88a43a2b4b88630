//! What people read: listings as aligned tables or JSON, and the
//! verification report in text, markdown or JSON.

use std::io::Write;

use serde::Serialize;

use crate::error::Result;
use crate::model::{ClaimKind, Stance, Status};
use crate::store::{
    ActorRow, ClaimFilter, ClaimRow, DocumentMetadata, MentionRow, MentionsBy, OutletRow, Reader,
    ReportRow,
};

/// How a listing or report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text for people.
    Text,
    /// Markdown, for sharing (reports only; listings print as text).
    Markdown,
    /// JSON, for programs.
    Json,
}

/// Formats a number for people: thousands separators, at most two
/// decimals, no needless zeros (1,800; 1.5; -5.99).
pub fn format_number(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let text = if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let t = format!("{x:.2}");
        t.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

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

/// Writes rows as an aligned table with a header line.
pub fn write_table(out: &mut dyn Write, columns: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut widths: Vec<usize> = columns.iter().map(|c| c.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut line = |cells: &mut dyn Iterator<Item = &str>| -> std::io::Result<()> {
        let mut text = String::new();
        for (i, (cell, width)) in cells.zip(&widths).enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            text.push_str(cell);
            if i + 1 < widths.len() {
                text.extend(std::iter::repeat_n(' ', width - cell.chars().count()));
            }
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(&mut columns.iter().copied())?;
    for row in rows {
        line(&mut row.iter().map(String::as_str))?;
    }
    Ok(())
}

/// Writes any serializable value as pretty JSON and a newline.
pub fn write_json(out: &mut dyn Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

fn opt(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

/// One-line summary of a claim's value, for quantity claims.
fn quantity_line(claim: &ClaimRow) -> Option<String> {
    let (low, high) = (claim.low?, claim.high?);
    let range = if low == high {
        format_number(low)
    } else {
        format!("{}–{}", format_number(low), format_number(high))
    };
    let unit = claim
        .unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    let hedge = claim
        .hedge
        .as_deref()
        .map(|h| format!(" (hedge: {h})"))
        .unwrap_or_default();
    Some(format!(
        "{}: {range}{unit}{hedge}",
        claim.subject.as_deref().unwrap_or("?")
    ))
}

/// Writes the `outlet list` listing.
pub fn write_outlet_list(out: &mut dyn Write, outlets: &[OutletRow], format: Format) -> Result<()> {
    if format == Format::Json {
        return write_json(out, &outlets);
    }
    let rows: Vec<Vec<String>> = outlets
        .iter()
        .map(|o| {
            vec![
                o.id.to_string(),
                o.name.clone(),
                o.kind.to_string(),
                o.country.clone().unwrap_or_default(),
                o.owner.clone().unwrap_or_default(),
                o.documents.to_string(),
            ]
        })
        .collect();
    write_table(
        out,
        &["id", "name", "kind", "country", "owner", "documents"],
        &rows,
    )
}

/// Writes the `actor list` listing.
pub fn write_actor_list(out: &mut dyn Write, actors: &[ActorRow], format: Format) -> Result<()> {
    if format == Format::Json {
        return write_json(out, &actors);
    }
    let rows: Vec<Vec<String>> = actors
        .iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                a.name.clone(),
                a.kind.clone(),
                a.mentions.to_string(),
                a.aliases.join("; "),
            ]
        })
        .collect();
    write_table(out, &["id", "name", "kind", "mentions", "aliases"], &rows)
}

/// Writes the `claim list` listing.
pub fn write_claim_list(out: &mut dyn Write, claims: &[ClaimRow], format: Format) -> Result<()> {
    if format == Format::Json {
        return write_json(out, &claims);
    }
    let rows: Vec<Vec<String>> = claims
        .iter()
        .map(|c| {
            vec![
                c.id.to_string(),
                c.kind.to_string(),
                c.status.map(|s| s.to_string()).unwrap_or_else(|| {
                    if c.retracted.is_some() {
                        "retracted"
                    } else {
                        "unchecked"
                    }
                    .into()
                }),
                c.origins.map(|o| o.to_string()).unwrap_or_default(),
                c.mention_count.map(|n| n.to_string()).unwrap_or_default(),
                opt(&c.speaker),
                c.text.clone(),
            ]
        })
        .collect();
    write_table(
        out,
        &[
            "id", "kind", "status", "origins", "mentions", "speaker", "text",
        ],
        &rows,
    )
}

/// Writes `claim show`: the claim, its verdict, its mentions and links.
pub fn write_claim(out: &mut dyn Write, reader: Reader<'_>, id: i64, format: Format) -> Result<()> {
    let claim = reader.claim(id)?;
    let mentions = reader.mentions_of(id)?;
    let links = reader.links_of(id)?;
    let mut document_ids: Vec<i64> = mentions.iter().map(|m| m.document).collect();
    document_ids.sort_unstable();
    document_ids.dedup();
    let documents = document_ids
        .into_iter()
        .map(|d| reader.document_metadata(d))
        .collect::<Result<Vec<_>>>()?;
    if format == Format::Json {
        #[derive(Serialize)]
        struct Shown<'a> {
            #[serde(flatten)]
            claim: &'a ClaimRow,
            mentions: &'a [MentionRow],
            links: &'a [crate::store::ClaimLinkRow],
            documents: &'a [DocumentMetadata],
        }
        return write_json(
            out,
            &Shown {
                claim: &claim,
                mentions: &mentions,
                links: &links,
                documents: &documents,
            },
        );
    }
    writeln!(
        out,
        "C{}  [{}] {}",
        claim.id,
        claim.kind,
        one_line(&claim.text)
    )?;
    if let Some(q) = quantity_line(&claim) {
        writeln!(out, "  value:    {q}")?;
    }
    if let Some(speaker) = &claim.speaker {
        writeln!(out, "  speaker:  {speaker}")?;
    }
    if let Some(as_of) = &claim.as_of {
        writeln!(out, "  as of:    {as_of}")?;
    }
    writeln!(out, "  origin:   {}", claim.origin)?;
    if let Some(rating) = &claim.rating {
        writeln!(out, "  rating:   {rating}")?;
    }
    if let Some(why) = &claim.retracted {
        writeln!(out, "  RETRACTED: {why}")?;
    }
    match (&claim.status, &claim.reason) {
        (Some(status), Some(reason)) => {
            writeln!(
                out,
                "  status:   {status} ({} independent origins)",
                claim.origins.unwrap_or(0)
            )?;
            writeln!(out, "  why:      {reason}")?;
        }
        _ if claim.retracted.is_none() => {
            writeln!(out, "  status:   not checked yet (run `claimledger check`)")?;
        }
        _ => {}
    }
    writeln!(out, "  mentions ({}):", mentions.len())?;
    for m in &mentions {
        write_mention(out, m, "    ")?;
    }
    write_documents(out, &documents)?;
    if !links.is_empty() {
        writeln!(out, "  links:")?;
        for l in &links {
            let other = if l.from == id { l.to } else { l.from };
            let arrow = if l.from == id { "" } else { " (from)" };
            writeln!(
                out,
                "    {} C{other}{arrow} [{}{}]{}",
                l.relation,
                l.origin,
                if l.rejected { ", rejected" } else { "" },
                l.note
                    .as_deref()
                    .map(|n| format!(" {n}"))
                    .unwrap_or_default()
            )?;
        }
    }
    Ok(())
}

/// The documents behind a claim's mentions: each field with where it was
/// found (a flag, a header, or a place in a web page).
fn write_documents(out: &mut dyn Write, documents: &[DocumentMetadata]) -> Result<()> {
    if documents.is_empty() {
        return Ok(());
    }
    writeln!(out, "  documents ({}):", documents.len())?;
    for d in documents {
        writeln!(out, "    - D{} {}", d.id, one_line(&d.outlet))?;
        let fields = [
            ("outlet", Some(&d.outlet), d.outlet_from),
            ("title", d.title.as_ref(), d.title_from),
            ("published", d.published.as_ref(), d.published_from),
            ("byline", d.byline.as_ref(), d.byline_from),
            ("url", d.url.as_ref(), d.url_from),
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
        if let Some(extractor) = &d.extractor {
            writeln!(out, "      {:<10} a web page, text by {extractor}", "text:")?;
        }
    }
    Ok(())
}

fn mention_heading(m: &MentionRow) -> String {
    let mut parts = vec![format!("M{}", m.id), m.outlet.clone()];
    if let Some(title) = &m.title {
        parts.push(format!("\"{}\"", one_line(title)));
    }
    if let Some(published) = &m.published {
        parts.push(published.clone());
    }
    let voice = match (&m.speaker, m.stance) {
        (Some(s), Stance::Reports) => format!("reports {s}"),
        (Some(s), stance) => format!("{stance}, voiced by {s}"),
        (None, stance) => stance.to_string(),
    };
    parts.push(voice);
    if let Some(wire) = &m.relayed_by {
        parts.push(format!("relaying {wire}"));
    }
    parts.join(", ")
}

fn write_mention(out: &mut dyn Write, m: &MentionRow, indent: &str) -> Result<()> {
    writeln!(out, "{indent}- {}", mention_heading(m))?;
    writeln!(out, "{indent}  \"{}\"", one_line(&m.quote))?;
    Ok(())
}

/// Text from articles on one line, safe for a terminal: whitespace runs
/// become one space and control characters (escape sequences that could
/// rewrite the screen) are dropped.
fn one_line(text: &str) -> String {
    text.split_whitespace()
        .map(|w| w.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A claim as the JSON report gives it.
#[derive(Debug, Serialize)]
struct ReportedClaim<'a> {
    id: i64,
    text: &'a str,
    kind: ClaimKind,
    status: Status,
    origins: i64,
    outlets: Vec<&'a str>,
    reason: &'a str,
    /// The smallest claim id of its same-as cluster.
    cluster: i64,
    attribution: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    low: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    high: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    // Its own mentions follow, written as they stream ("mentions"); the
    // cluster's others are under its other claims.
}

#[derive(Debug, Serialize)]
struct ReportedMention<'a> {
    id: i64,
    document: i64,
    outlet: &'a str,
    title: Option<&'a str>,
    published: Option<&'a str>,
    url: Option<&'a str>,
    quote: &'a str,
    stance: Stance,
    speaker: Option<&'a str>,
    relayed_by: Option<&'a str>,
}

/// Which claims the report shows.
#[derive(Debug, Clone, Default)]
pub struct ReportFilter {
    /// Only this status.
    pub status: Option<Status>,
    /// Only claims an outlet carries.
    pub outlet: Option<String>,
}

/// The claims that are attributions: every mention of them reports a
/// speaker, so outlets agree that it was said, not that it is true. Known
/// before a claim's mentions are listed, from one pass over the mentions.
struct Attributions {
    /// By claim id: 0 no mention yet, 1 every mention reports a speaker, 2 not.
    state: Vec<u8>,
}

impl Attributions {
    fn read(reader: Reader<'_>) -> Result<Attributions> {
        let mut state = Vec::new();
        reader.mention_edges(|claim, _, stance, actor| {
            let Ok(i) = usize::try_from(claim) else {
                return;
            };
            if i >= state.len() {
                state.resize(i + 1, 0);
            }
            let reports_a_speaker = stance == Stance::Reports && actor.is_some();
            state[i] = match (state[i], reports_a_speaker) {
                (2, _) | (_, false) => 2,
                (_, true) => 1,
            };
        })?;
        Ok(Attributions { state })
    }

    fn contains(&self, claim: i64) -> bool {
        usize::try_from(claim)
            .ok()
            .and_then(|i| self.state.get(i))
            .is_some_and(|&s| s == 1)
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
    let (counts, unchecked) = reader.verdict_counts(&claim_filter)?;
    let total: usize = counts.iter().sum();
    let summary = status_summary(&counts);
    if format == Format::Json {
        write_json_report(out, reader, &claim_filter, counts)?;
        return Ok((total, unchecked));
    }
    let md = format == Format::Markdown;
    if md {
        writeln!(out, "# Verification report\n\n{total} claims: {summary}")?;
    } else {
        writeln!(out, "Verification report: {total} claims: {summary}")?;
    }
    let mut status: Option<Status> = None;
    let mut shown: Option<i64> = None;
    reader.stream_report(&claim_filter, MentionsBy::Cluster, |row| match row {
        ReportRow::Group(claims) => {
            let Some(claim) = claims.first() else {
                return Ok(());
            };
            if status != claim.status {
                status = claim.status;
                let s = claim.status.unwrap_or(Status::Unsourced);
                let n = counts[s.index()];
                let title = s.as_str().to_uppercase();
                if md {
                    writeln!(out, "\n## {title} ({n})")?;
                } else {
                    writeln!(out, "\n== {title} ({n}) ==")?;
                }
            }
            shown = Some(claim.id);
            write_cluster(out, claims, md)
        }
        ReportRow::Mention(m) => write_cluster_mention(out, &m, shown, md),
    })?;
    Ok((total, unchecked))
}

fn write_json_report(
    out: &mut dyn Write,
    reader: Reader<'_>,
    filter: &ClaimFilter<'_>,
    counts: [usize; 4],
) -> Result<()> {
    let summary: serde_json::Map<String, serde_json::Value> = Status::ALL
        .iter()
        .zip(counts)
        .map(|(s, n)| (s.to_string(), n.into()))
        .collect();
    // Written piece by piece so a large report never sits in memory whole:
    // a wire story's claim has a mention from every outlet that ran it.
    write!(out, "{{\n  \"summary\": ")?;
    serde_json::to_writer(&mut *out, &summary)?;
    write!(out, ",\n  \"claims\": [")?;
    let mut claims = 0usize;
    let mut mentions = 0usize;
    let mut head = Vec::new();
    let attributions = Attributions::read(reader)?;
    reader.stream_report(filter, MentionsBy::Claim, |row| {
        match row {
            ReportRow::Group(group) => {
                let Some(c) = group.first() else {
                    return Ok(());
                };
                if claims > 0 {
                    write!(out, "]}},")?;
                }
                claims += 1;
                mentions = 0;
                let reported = ReportedClaim {
                    id: c.id,
                    text: &c.text,
                    kind: c.kind,
                    status: c.status.unwrap_or(Status::Unsourced),
                    origins: c.origins.unwrap_or(0),
                    outlets: c.outlet_names().collect(),
                    reason: c.reason.as_deref().unwrap_or(""),
                    cluster: c.cluster.unwrap_or(c.id),
                    attribution: attributions.contains(c.id),
                    speaker: c.speaker.as_deref(),
                    subject: c.subject.as_deref(),
                    low: c.low,
                    high: c.high,
                    unit: c.unit.as_deref(),
                };
                // The claim's object stays open for its mentions, which follow.
                head.clear();
                serde_json::to_writer(&mut head, &reported)?;
                head.pop();
                write!(out, "\n    ")?;
                out.write_all(&head)?;
                write!(out, ",\"mentions\":[")?;
            }
            ReportRow::Mention(m) => {
                if mentions > 0 {
                    write!(out, ",")?;
                }
                mentions += 1;
                serde_json::to_writer(
                    &mut *out,
                    &ReportedMention {
                        id: m.id,
                        document: m.document,
                        outlet: &m.outlet,
                        title: m.title.as_deref(),
                        published: m.published.as_deref(),
                        url: m.url.as_deref(),
                        quote: &m.quote,
                        stance: m.stance,
                        speaker: m.speaker.as_deref(),
                        relayed_by: m.relayed_by.as_deref(),
                    },
                )?;
            }
        }
        Ok(())
    })?;
    if claims > 0 {
        write!(out, "]}}\n  ")?;
    }
    writeln!(out, "]\n}}")?;
    Ok(())
}

/// Writes the head of one cluster: its first claim with the verdict and
/// the other wordings of the same proposition. Its mentions follow.
fn write_cluster(out: &mut dyn Write, claims: &[ClaimRow], md: bool) -> Result<()> {
    let Some(claim) = claims.first() else {
        return Ok(());
    };
    let status = claim.status.map(|s| s.as_str()).unwrap_or("unchecked");
    let origins = claim.origins.unwrap_or(0);
    let plural = if origins == 1 { "" } else { "s" };
    let (head, field) = if md { ("\n### ", "- ") } else { ("\n", "    ") };
    writeln!(
        out,
        "{head}C{} [{}] {}",
        claim.id,
        claim.kind,
        one_line(&claim.text)
    )?;
    let outlets = if claim.outlets.is_empty() {
        String::new()
    } else {
        format!(": {}", claim.outlet_names().collect::<Vec<_>>().join(", "))
    };
    writeln!(
        out,
        "{field}status: {status}, {origins} independent origin{plural}{outlets}"
    )?;
    if let Some(q) = quantity_line(claim) {
        writeln!(out, "{field}value: {q}")?;
    }
    writeln!(out, "{field}why: {}", claim.reason.as_deref().unwrap_or(""))?;
    for other in claims.iter().skip(1).take(WORDINGS_SHOWN) {
        writeln!(
            out,
            "{field}same proposition: C{} {}",
            other.id,
            one_line(&other.text)
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
    m: &MentionRow,
    shown: Option<i64>,
    md: bool,
) -> Result<()> {
    let heading = mention_heading(m);
    let heading = if Some(m.claim) == shown {
        heading
    } else {
        format!("{heading} (as C{})", m.claim)
    };
    if md {
        writeln!(out, "- {heading}\n  > {}", one_line(&m.quote))?;
    } else {
        writeln!(out, "    - {heading}\n      \"{}\"", one_line(&m.quote))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_prose() {
        assert_eq!(format_number(2000.0), "2,000");
        assert_eq!(format_number(1800.0), "1,800");
        assert_eq!(format_number(30000.0), "30,000");
        assert_eq!(format_number(1_500_000.0), "1,500,000");
        assert_eq!(format_number(7.0), "7");
        assert_eq!(format_number(1.5), "1.5");
        assert_eq!(format_number(-1234.0), "-1,234");
        assert_eq!(format_number(-5.999), "-6");
        assert_eq!(format_number(0.004), "0");
        assert_eq!(format_number(1.005), "1");
        assert_eq!(format_number(-5.99), "-5.99");
    }

    #[test]
    fn table_aligns_columns() {
        let mut out = Vec::new();
        write_table(
            &mut out,
            &["id", "name"],
            &[
                vec!["1".into(), "Press TV".into()],
                vec!["10".into(), "AFP".into()],
            ],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "id  name\n1   Press TV\n10  AFP\n"
        );
    }
}
