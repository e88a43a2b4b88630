//! Timelines in words: each toll's figures by day, with the status, the
//! outlets and a quote of each, for `claim timeline` and the report's
//! TIMELINES section.

use std::io::Write;

use crate::error::Result;
use crate::model::quantity::accumulates;
use crate::model::{Timeline, TimelineEntry};
use crate::output::{self, markdown_text, one_line, Format};
use crate::store::{Reader, TimelineFilter};

/// Writes `claim timeline`: the timelines `filter` lets through, in prose
/// per measure as text or markdown, else one record per figure (an empty
/// listing when there is none). Returns how many timelines it wrote; with
/// none, text and markdown say why in a line ([`why_none`]).
pub fn write_timeline(
    out: &mut dyn Write,
    reader: Reader<'_>,
    filter: &TimelineFilter<'_>,
    format: Format,
) -> Result<usize> {
    let timelines = reader.timelines(filter)?;
    let n = timelines.len();
    match format {
        Format::Text | Format::Markdown => {
            let md = format == Format::Markdown;
            if timelines.is_empty() {
                writeln!(out, "no timelines: {}", why_none(reader, filter)?)?;
                return Ok(0);
            }
            if md {
                writeln!(out, "# Timelines ({n})")?;
            }
            for (i, timeline) in timelines.iter().enumerate() {
                // Text separates measures by a blank line, as the report does.
                if i > 0 || md {
                    writeln!(out)?;
                }
                write_one(out, timeline, md, "##")?;
            }
        }
        Format::Json | Format::Ndjson | Format::Csv | Format::Html => {
            let entries: Vec<TimelineEntry> =
                timelines.into_iter().flat_map(|t| t.entries).collect();
            output::write_records(out, format, &entries)?;
        }
    }
    Ok(n)
}

/// Writes the report's timelines section, when there is a timeline: its
/// title, what a timeline is, then each measure's figures.
pub(super) fn write_section(out: &mut dyn Write, timelines: &[Timeline], md: bool) -> Result<()> {
    if timelines.is_empty() {
        return Ok(());
    }
    let n = timelines.len();
    if md {
        writeln!(out, "\n## TIMELINES ({n})")?;
    } else {
        writeln!(out, "\n== TIMELINES ({n}) ==")?;
    }
    writeln!(
        out,
        "\nTolls reported on two or more days, in time order: figures of different days are \
         tolls of different moments, not a conflict; figures of one day are still compared."
    )?;
    for timeline in timelines {
        writeln!(out)?;
        write_one(out, timeline, md, "###")?;
    }
    Ok(())
}

/// Writes one measure's timeline: a heading, then a line per figure (its
/// day, the figure as stated, its claim, status and outlets) and the
/// figure's quote under it, with the quote's outlet and publication day.
fn write_one(out: &mut dyn Write, timeline: &Timeline, md: bool, heading: &str) -> Result<()> {
    // Measures, figures, outlet names and quotes come from documents.
    let text = |t: &str| if md { markdown_text(t) } else { one_line(t) };
    // The figures name their unit; the heading names it only to tell apart
    // two timelines of one measure in different units.
    let unit = match timeline.unit.as_deref() {
        Some(u) if !timeline.measure.split(' ').any(|w| w == u) => format!(" (in {u})"),
        _ => String::new(),
    };
    let (n, days) = (timeline.entries.len(), timeline.days());
    let span = match (timeline.entries.first(), timeline.entries.last()) {
        (Some(first), Some(last)) => format!(
            ", {} to {}",
            day(first.claim.claim.as_of),
            day(last.claim.claim.as_of)
        ),
        _ => String::new(),
    };
    let title = format!(
        "{}{}: {n} figures on {days} days{span}",
        text(&timeline.measure),
        text(&unit)
    );
    if md {
        writeln!(out, "{heading} {title}\n")?;
    } else {
        writeln!(out, "{title}")?;
    }
    let figures: Vec<String> = timeline.entries.iter().map(|e| text(&figure(e))).collect();
    let width = figures.iter().map(|f| f.chars().count()).max().unwrap_or(0);
    for (entry, figure) in timeline.entries.iter().zip(&figures) {
        let claim = &entry.claim.claim;
        let status = entry
            .claim
            .verdict
            .as_ref()
            .map_or("unchecked", |v| v.status.as_str());
        let outlets = if entry.outlets.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = entry.outlets.iter().map(|o| text(o)).collect();
            format!(": {}", names.join(", "))
        };
        let on = day(claim.as_of);
        if md {
            writeln!(out, "- {on}: {figure} (C{}), {status}{outlets}", claim.id)?;
        } else {
            writeln!(
                out,
                "    {on}  {figure:<width$}  C{} {status}{outlets}",
                claim.id
            )?;
        }
        let Some(m) = &entry.quote else { continue };
        let published = m.published.map(|p| format!(", {p}")).unwrap_or_default();
        let quote = text(&m.mention.quote);
        let source = format!("({}{published})", text(&m.outlet));
        if md {
            writeln!(out, "  > {quote} {source}")?;
        } else {
            writeln!(out, "      \"{quote}\" {source}")?;
        }
    }
    Ok(())
}

/// An entry's figure as stated: "at least 25 people".
fn figure(entry: &TimelineEntry) -> String {
    entry
        .claim
        .claim
        .quantity()
        .map(|q| one_line(&q.stated()))
        .unwrap_or_default()
}

/// A day as the timeline shows it; a timeline's figures all have one.
fn day(day: Option<chrono::NaiveDate>) -> String {
    day.map(|d| d.to_string()).unwrap_or_default()
}

/// Why `filter` lets no timeline through, in words for a person: no such
/// measure, a measure that holds still, or figures on one day only.
pub fn why_none(reader: Reader<'_>, filter: &TimelineFilter<'_>) -> Result<String> {
    let mut only = Vec::new();
    if let Some(outlet) = filter.outlet {
        only.push(format!("carried by {}", one_line(outlet)));
    }
    if let Some(status) = filter.status {
        only.push(format!("{status}"));
    }
    let only = if only.is_empty() {
        String::new()
    } else {
        format!(" ({})", only.join(", "))
    };
    let Some(measure) = filter.measure else {
        return Ok(format!(
            "no toll has figures{only} on two or more days (only tolls form timelines: people \
             killed, injured, missing, ...)"
        ));
    };
    let name = one_line(measure.trim());
    Ok(match reader.measure_days(measure)? {
        None => format!(
            "no figure has the measure '{name}' (`claim list --kind quantity` shows the measures)"
        ),
        Some(_) if !accumulates(&name.to_lowercase()) => format!(
            "'{name}' holds still: its figures are compared across days, so they form no \
             timeline (only tolls do: people killed, injured, missing, ...)"
        ),
        Some(days) => match days.as_slice() {
            [] => format!("'{name}' has no dated figure that the pass compares"),
            [one] => format!("the figures of '{name}' all hold for {one}"),
            _ if !only.is_empty() => {
                format!("'{name}' has no figures{only} on two or more days")
            }
            _ => format!("the figures of '{name}' are in a different unit on each day"),
        },
    })
}
