//! The verification report as one HTML page a fact-checker opens in a
//! browser, from disk or an e-mail attachment: a summary bar, filters by
//! status, kind, outlet and actor with a text search, the timeline of each
//! toll with figures on several days, and a card per proposition with its
//! verdict and reason, its quotes with the claimed words marked, its
//! sources, its links to other claims and a drawing of who said it where.
//!
//! The page streams like the JSON report: a card is written as its
//! cluster is read, so memory stays flat however large the ledger. It
//! pages in the browser (a page of cards shown at a time), and without
//! JavaScript shows every card. All text from the ledger goes through
//! [`Html`], which escapes it; see `output::html` for why nothing a
//! document says can run.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::ops::Range;

use super::drawing::{self, Copy, Said, TollPoint};
use super::{status_summary, ReportFilter};
use crate::error::Result;
use crate::model::quantity::format_number;
use crate::model::{
    ClaimEntry, ClaimKind, ClaimRelation, LinkEntry, MentionEntry, Stance, Status, SuggestionEntry,
};
use crate::output::html::{web_address, Html, Page};
use crate::store::{ClaimFilter, MentionsBy, Reader, TimelineFilter};

/// The page's style sheet.
const STYLE: &str = include_str!("report.css");
/// The page's script: filters, search and paging.
const SCRIPT: &str = include_str!("report.js");

/// Cards shown on the page before the script pages them (the script's
/// page size is the same).
pub const PAGE_SIZE: usize = 50;
/// Quotes shown under a card; the rest are counted.
const QUOTES_SHOWN: usize = 20;
/// Mentions a card's drawing reads.
const MENTIONS_DRAWN: usize = 200;
/// Other wordings listed under a card's first claim.
const WORDINGS_SHOWN: usize = 20;
/// Tolls drawn as timelines, those with the most figures first.
const TIMELINES_SHOWN: usize = 40;

/// What the page reads once, before its cards: how claims link, which
/// pairs may be one claim, which outlets copy which, and which documents
/// carry the same text.
struct Context {
    /// The links shown, and by claim id the indices of those touching it.
    links: Vec<LinkEntry>,
    links_of: HashMap<i64, Vec<usize>>,
    /// The pairs of claims the last check found may be one, awaiting a
    /// person's decision, and by claim id the indices of those naming it.
    suggestions: Vec<SuggestionEntry>,
    suggestions_of: HashMap<i64, Vec<usize>>,
    /// Outlet links as (from name, to name, relation).
    outlet_links: Vec<(String, String, &'static str)>,
    /// By document id, the smallest id of the documents with its text,
    /// for documents whose text another also has.
    reprint_of: HashMap<i64, i64>,
}

impl Context {
    fn read(reader: Reader<'_>, claim_filter: &ClaimFilter<'_>) -> Result<Context> {
        let links = reader.shown_links()?;
        let mut links_of: HashMap<i64, Vec<usize>> = HashMap::new();
        for (i, l) in links.iter().enumerate() {
            links_of.entry(l.link.from_claim).or_default().push(i);
            links_of.entry(l.link.to_claim).or_default().push(i);
        }
        let suggestions = reader.suggestions(claim_filter)?;
        let mut suggestions_of: HashMap<i64, Vec<usize>> = HashMap::new();
        for (i, s) in suggestions.iter().enumerate() {
            suggestions_of
                .entry(s.suggestion.from_claim)
                .or_default()
                .push(i);
            suggestions_of
                .entry(s.suggestion.to_claim)
                .or_default()
                .push(i);
        }
        let names: HashMap<i64, String> = reader
            .outlets()?
            .into_iter()
            .map(|o| (o.outlet.id, o.outlet.name))
            .collect();
        let outlet_links = reader
            .outlet_links()?
            .into_iter()
            .filter_map(|l| {
                Some((
                    names.get(&l.from_outlet)?.clone(),
                    names.get(&l.to_outlet)?.clone(),
                    l.relation.as_str(),
                ))
            })
            .collect();
        let reprint_of = reader.reprints()?.into_iter().collect();
        Ok(Context {
            links,
            links_of,
            suggestions,
            suggestions_of,
            outlet_links,
            reprint_of,
        })
    }
}

/// Writes the report as an HTML page; `counts` are the checked claims by
/// status, as the other formats give them.
pub(super) fn write_html(
    out: &mut dyn Write,
    reader: Reader<'_>,
    filter: &ReportFilter,
    claim_filter: &ClaimFilter<'_>,
    counts: [usize; 4],
) -> Result<()> {
    let context = Context::read(reader, claim_filter)?;
    let page = Page {
        title: "Verification report",
        style: STYLE,
        script: Some(SCRIPT),
    };
    page.start(out)?;
    let total: usize = counts.iter().sum();
    let mut h = Html::new();
    write_header(&mut h, filter, counts, total, context.suggestions.len());
    h.flush_to(out)?;
    write_timelines(&mut h, reader, claim_filter)?;
    h.flush_to(out)?;
    h.raw("<section id=\"claims\" aria-label=\"claims\"")
        .int_attr("data-page-size", PAGE_SIZE as i64)
        .raw(">\n");
    let mut outlets = BTreeSet::new();
    let mut actors = BTreeSet::new();
    let mut cards = 0usize;
    reader.stream_report(claim_filter, MentionsBy::Cluster, |stream| {
        while let Some(claims) = stream.next_group()? {
            let mut mentions = Vec::new();
            let mut more = Card::default();
            while let Some(m) = stream.next_mention()? {
                more.note(&m);
                if mentions.len() < MENTIONS_DRAWN {
                    mentions.push(m);
                } else {
                    more.undrawn += 1;
                }
            }
            let card = more.with_claims(&claims);
            write_card(
                &mut h,
                &context,
                &claims,
                &mentions,
                &card,
                cards >= PAGE_SIZE,
            );
            outlets.extend(card.outlets);
            actors.extend(card.actors);
            cards += 1;
            h.flush_to(out)?;
        }
        Ok(())
    })?;
    h.raw("</section>\n");
    if cards == 0 {
        h.raw("<p class=\"empty\">No checked claims match. Run <code>claimledger check</code> if the ledger has claims.</p>\n");
    }
    h.raw("<nav id=\"pager\" aria-label=\"pages\"></nav>\n");
    write_suggestions(&mut h, &context.suggestions);
    write_datalist(&mut h, "outlets", &outlets);
    write_datalist(&mut h, "actors", &actors);
    h.raw("<footer>Made by claimledger ")
        .text(env!("CARGO_PKG_VERSION"))
        .raw(". Every claim links to its card: <code>#c</code> and its id after the file name. Sources are linked only where they are web addresses.</footer>\n");
    h.flush_to(out)?;
    page.end(out)
}

/// The title, the summary bar and the filters.
fn write_header(
    h: &mut Html,
    filter: &ReportFilter,
    counts: [usize; 4],
    total: usize,
    suggested: usize,
) {
    h.raw("<header>\n<h1>Verification report</h1>\n<p class=\"lead\">")
        .text(&format!("{total} claims: {}", status_summary(&counts)));
    if let Some(status) = filter.status {
        h.raw(" (only ").raw(status.as_str()).raw(" claims)");
    }
    if let Some(outlet) = &filter.outlet {
        h.raw(" (only claims ").text(outlet).raw(" carries)");
    }
    if suggested > 0 {
        let pairs = if suggested == 1 { "pair" } else { "pairs" };
        h.raw(". <a href=\"#suggestions\">")
            .int(suggested as i64)
            .raw(" ")
            .raw(pairs)
            .raw(" of claims may be one</a>, awaiting a decision");
    }
    h.raw("</p>\n<nav class=\"summary\" aria-label=\"claims by status\">");
    for (status, n) in Status::ALL.iter().zip(counts) {
        h.raw("<button type=\"button\" class=\"badge ")
            .raw(status.as_str())
            .raw("\"")
            .attr("data-status", status.as_str())
            .raw("><b>")
            .int(n as i64)
            .raw("</b> ")
            .raw(status.as_str())
            .raw("</button>");
    }
    h.raw("</nav>\n<div class=\"controls\" role=\"search\">")
        .raw("<label>Search <input id=\"q\" type=\"search\" placeholder=\"words, C12, an outlet\"></label>")
        .raw("<label>Status <select id=\"status\"><option value=\"\">any</option>");
    for status in Status::ALL {
        h.raw("<option>").raw(status.as_str()).raw("</option>");
    }
    h.raw("</select></label><label>Kind <select id=\"kind\"><option value=\"\">any</option>");
    for kind in ClaimKind::ALL {
        h.raw("<option>").raw(kind.as_str()).raw("</option>");
    }
    h.raw("</select></label>")
        .raw("<label>Outlet <input id=\"outlet\" list=\"outlets\" placeholder=\"any\"></label>")
        .raw("<label>Actor <input id=\"actor\" list=\"actors\" placeholder=\"any\"></label>")
        .raw("<button type=\"button\" id=\"clear\">Show all</button></div>\n")
        .raw("<p id=\"shown\" aria-live=\"polite\"></p>\n")
        .raw("<noscript><p>Filters and pages need JavaScript; every claim is listed below.</p></noscript>\n")
        .raw("<p class=\"legend\">An <i>attribution</i> is corroborated as said, not as true: outlets agree that someone said it. ")
        .raw("<span class=\"asserts\">green</span> lines: asserts; <span class=\"denies\">red</span>: denies; grey: reports. ")
        .raw("Dashed arcs join outlets or documents that are not independent.</p>\n</header>\n");
}

/// The timeline of each toll with figures on several days.
fn write_timelines(h: &mut Html, reader: Reader<'_>, claim_filter: &ClaimFilter<'_>) -> Result<()> {
    // The timelines of `claim timeline` and the text report, as points to
    // draw: figures with a verdict (a check since they came in).
    let mut tolls: Vec<(String, Vec<TollPoint>)> = reader
        .timeline_figures(&TimelineFilter {
            measure: None,
            outlet: claim_filter.outlet,
            status: claim_filter.status,
        })?
        .into_iter()
        .map(|t| {
            let points = t
                .entries
                .iter()
                .filter_map(|e| {
                    let c = &e.claim.claim;
                    Some(TollPoint {
                        claim_id: c.id,
                        day: c.as_of?,
                        figure: c.quantity()?.figure(),
                        status: e.claim.verdict.as_ref()?.status,
                        text: c.text.clone(),
                        outlets: e.outlets.join("; "),
                    })
                })
                .collect();
            (t.measure, points)
        })
        .filter(|(_, points): &(String, Vec<TollPoint>)| {
            points.iter().any(|p| p.day != points[0].day)
        })
        .collect();
    if tolls.is_empty() {
        return Ok(());
    }
    // The tolls with the most figures first; then by measure.
    tolls.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    h.raw("<section id=\"tolls\" aria-label=\"tolls over time\">\n<h2>Tolls over time</h2>\n")
        .raw("<p class=\"legend\">Figures of a count that grows as an event unfolds, on the day each holds for. ")
        .raw("A dot is an exact figure, a bar a range or a round-about one, an arrow up “at least” or “more than”, ")
        .raw("an arrow down “up to” or “nearly”; the colour is the figure's status. Figures of one day are compared; ")
        .raw("figures of different days are a timeline, not a conflict.</p>\n");
    for (measure, mut points) in tolls
        .iter_mut()
        .take(TIMELINES_SHOWN)
        .map(|(m, p)| (m, std::mem::take(p)))
    {
        points.sort_by(|a, b| {
            a.day
                .cmp(&b.day)
                .then(a.figure.stated.0.total_cmp(&b.figure.stated.0))
                .then(a.claim_id.cmp(&b.claim_id))
        });
        h.raw("<figure class=\"toll\"><figcaption>").text(measure);
        let days: BTreeSet<_> = points.iter().map(|p| p.day).collect();
        h.raw(": ")
            .text(&format!("{} figures on {} days", points.len(), days.len()))
            .raw("</figcaption>");
        drawing::timeline(h, measure, &points);
        h.raw("<details><summary>The figures</summary><ol>");
        for p in &points {
            h.raw("<li>")
                .text(&p.day.to_string())
                .raw(": <a")
                .claim_href(p.claim_id)
                .raw(">C")
                .int(p.claim_id)
                .raw("</a> ")
                .text(&drawing::figure_label(&p.figure))
                .raw(" <span class=\"badge ")
                .raw(p.status.as_str())
                .raw("\">")
                .raw(p.status.as_str())
                .raw("</span> ")
                .text(&p.outlets)
                .raw("</li>");
        }
        h.raw("</ol></details></figure>\n");
    }
    if tolls.len() > TIMELINES_SHOWN {
        h.raw("<p>")
            .text(&format!(
                "{} more tolls have figures on several days; `claimledger report --format json` lists them all.",
                tolls.len() - TIMELINES_SHOWN
            ))
            .raw("</p>\n");
    }
    h.raw("</section>\n");
    Ok(())
}

/// What a card's filters read, and what it counts but does not show.
#[derive(Debug, Default)]
struct Card {
    /// Every outlet behind the card: its verdict's and its mentions'.
    outlets: BTreeSet<String>,
    /// Every speaker of its claims and mentions.
    actors: BTreeSet<String>,
    /// How many mentions it has.
    mentions: usize,
    /// Mentions past those its drawing reads.
    undrawn: usize,
}

impl Card {
    fn note(&mut self, m: &MentionEntry) {
        self.mentions += 1;
        if !self.outlets.contains(&m.outlet) {
            self.outlets.insert(m.outlet.clone());
        }
        if let Some(s) = &m.speaker {
            if !self.actors.contains(s) {
                self.actors.insert(s.clone());
            }
        }
    }

    /// The card with its claims' speakers and verdict's outlets added.
    fn with_claims(mut self, claims: &[ClaimEntry]) -> Card {
        for c in claims {
            if let Some(v) = &c.verdict {
                self.outlets.extend(v.outlet_names().map(str::to_string));
            }
            if let Some(s) = &c.speaker {
                self.actors.insert(s.clone());
            }
        }
        self
    }
}

/// Writes one card: a proposition (a cluster's claims), its verdict, its
/// links, its quotes and its drawing. `later` cards are past the first
/// page, hidden until the script pages to them (shown without a script).
fn write_card(
    h: &mut Html,
    context: &Context,
    claims: &[ClaimEntry],
    mentions: &[MentionEntry],
    card: &Card,
    later: bool,
) {
    let Some(first) = claims.first() else {
        return;
    };
    let claim = &first.claim;
    let status = first.verdict.as_ref().map(|v| v.status);
    let status_word = status.map_or("unchecked", Status::as_str);
    h.raw("<article class=\"claim")
        .raw(if later { " later" } else { "" })
        .raw("\" id=\"c")
        .int(claim.id)
        .raw("\"")
        .attr("data-status", status_word)
        .attr("data-kind", claim.kind().as_str())
        .attr("data-outlets", &joined(&card.outlets))
        .attr("data-actors", &joined(&card.actors))
        .raw(">\n<h3><span class=\"badge ")
        .raw(status_word)
        .raw("\">")
        .raw(status_word)
        .raw("</span> <a class=\"cid\"")
        .claim_href(claim.id)
        .raw(">C")
        .int(claim.id)
        .raw("</a> <span class=\"kind\">")
        .raw(claim.kind().as_str())
        .raw("</span> ")
        .text(&claim.text)
        .raw("</h3>\n");
    if let Some(v) = &first.verdict {
        let names: Vec<&str> = v.outlet_names().collect();
        let plural = if v.independent_sources == 1 { "" } else { "s" };
        h.raw("<p class=\"sources\"><b>")
            .int(v.independent_sources)
            .raw(" independent source")
            .raw(plural)
            .raw("</b>");
        if !names.is_empty() {
            h.raw(": ").text(&names.join(", "));
        }
        h.raw("</p>\n<p class=\"why\">Why: ");
        linked_reason(h, &v.reason);
        h.raw("</p>\n");
    }
    let mut facts = Vec::new();
    if let Some(q) = claim.quantity() {
        let range = if q.low == q.high {
            format_number(q.low)
        } else {
            format!("{}–{}", format_number(q.low), format_number(q.high))
        };
        let mut value = format!("{}: {range}", q.measure);
        if let Some(unit) = &q.unit {
            value.push_str(&format!(" {unit}"));
        }
        if let Some(hedge) = &q.hedge {
            value.push_str(&format!(" (hedge: {hedge})"));
        }
        facts.push(("value", value));
    }
    if let Some(speaker) = &first.speaker {
        facts.push(("speaker", speaker.clone()));
    }
    if let Some(day) = claim.as_of {
        facts.push(("as of", day.to_string()));
    }
    if let Some(rating) = &first.rating {
        facts.push(("rating", rating.clone()));
    }
    if !facts.is_empty() {
        h.raw("<dl class=\"facts\">");
        for (name, value) in &facts {
            h.raw("<dt>")
                .raw(name)
                .raw("</dt><dd>")
                .text(value)
                .raw("</dd>");
        }
        h.raw("</dl>\n");
    }
    write_wordings(h, claims);
    write_links(h, context, claims);
    write_suggested(h, context, claims);
    write_quotes(h, claims, mentions, card);
    write_drawing(h, context, mentions, card);
    h.raw("</article>\n");
}

/// Names joined one to a line, as the script splits them.
fn joined(names: &BTreeSet<String>) -> String {
    names
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A verdict's reason, each claim it names ("C22") a link to that claim.
fn linked_reason(h: &mut Html, reason: &str) {
    let bytes = reason.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if bytes[i] == b'C' && starts_word {
            let digits = bytes[i + 1..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let end = i + 1 + digits;
            let ends_word = bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric());
            if digits > 0 && ends_word {
                if let Ok(id) = reason[i + 1..end].parse::<i64>() {
                    h.text(&reason[from..i])
                        .raw("<a")
                        .claim_href(id)
                        .raw(">C")
                        .int(id)
                        .raw("</a>");
                    from = end;
                }
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    h.text(&reason[from..]);
}

/// The other wordings of the card's proposition, each with its anchor.
fn write_wordings(h: &mut Html, claims: &[ClaimEntry]) {
    if claims.len() < 2 {
        return;
    }
    h.raw("<ul class=\"wordings\">");
    for other in claims.iter().skip(1).take(WORDINGS_SHOWN) {
        h.raw("<li id=\"c")
            .int(other.claim.id)
            .raw("\">same proposition: <a")
            .claim_href(other.claim.id)
            .raw(">C")
            .int(other.claim.id)
            .raw("</a> ")
            .text(&other.claim.text)
            .raw("</li>");
    }
    if claims.len() > WORDINGS_SHOWN + 1 {
        h.raw("<li>")
            .text(&format!(
                "and {} more claims of the same proposition",
                claims.len() - WORDINGS_SHOWN - 1
            ))
            .raw("</li>");
    }
    h.raw("</ul>\n");
}

/// "supported by", "supports" and "conflicts with" other claims.
fn write_links(h: &mut Html, context: &Context, claims: &[ClaimEntry]) {
    let ids: BTreeSet<i64> = claims.iter().map(|c| c.claim.id).collect();
    let mut shown = BTreeSet::new();
    let mut lines: Vec<(&'static str, i64, &str)> = Vec::new();
    for id in &ids {
        for &i in context.links_of.get(id).into_iter().flatten() {
            let l = &context.links[i];
            let from_here = l.link.from_claim == *id;
            let (other, text) = if from_here {
                (l.link.to_claim, l.to_text.as_str())
            } else {
                (l.link.from_claim, l.from_text.as_str())
            };
            if ids.contains(&other) || !shown.insert((i, other)) {
                continue;
            }
            let words = match (l.link.relation, from_here) {
                (ClaimRelation::Contradicts, _) => "conflicts with",
                (ClaimRelation::Supports, true) => "supports",
                (ClaimRelation::Supports, false) => "supported by",
                (ClaimRelation::SameAs, _) => continue,
            };
            lines.push((words, other, text));
        }
    }
    if lines.is_empty() {
        return;
    }
    lines.sort_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
    h.raw("<ul class=\"links\">");
    for (words, other, text) in lines {
        h.raw("<li class=\"")
            .raw(if words == "conflicts with" {
                "conflict"
            } else {
                "support"
            })
            .raw("\">")
            .raw(words)
            .raw(" <a")
            .claim_href(other)
            .raw(">C")
            .int(other)
            .raw("</a> ")
            .text(text)
            .raw("</li>");
    }
    h.raw("</ul>\n");
}

/// The claims the last check found may be the card's own, awaiting a
/// person's decision (`claim merge` or `claim reject`).
fn write_suggested(h: &mut Html, context: &Context, claims: &[ClaimEntry]) {
    let ids: BTreeSet<i64> = claims.iter().map(|c| c.claim.id).collect();
    let mut shown = BTreeSet::new();
    let mut lines = Vec::new();
    for id in &ids {
        for &i in context.suggestions_of.get(id).into_iter().flatten() {
            let entry = &context.suggestions[i];
            let s = &entry.suggestion;
            let other = if s.from_claim == *id {
                &entry.to
            } else {
                &entry.from
            };
            if !ids.contains(&other.claim.id) && shown.insert(i) {
                lines.push((entry, other));
            }
        }
    }
    if lines.is_empty() {
        return;
    }
    h.raw("<ul class=\"suggested\">");
    for (entry, other) in lines {
        let s = &entry.suggestion;
        h.raw("<li>possibly the same as <a")
            .claim_href(other.claim.id)
            .raw(">C")
            .int(other.claim.id)
            .raw("</a> ")
            .text(&other.claim.text)
            .raw(" <span class=\"note\">")
            .text(&format!(
                "(similarity {:.2}: {}; awaiting a decision)",
                s.score, s.note
            ))
            .raw("</span></li>");
    }
    h.raw("</ul>\n");
}

/// The section of pairs of claims that may be one, each with both claims
/// and the commands that settle it.
fn write_suggestions(h: &mut Html, suggestions: &[SuggestionEntry]) {
    if suggestions.is_empty() {
        return;
    }
    h.raw("<section id=\"suggestions\" aria-label=\"possible same claims\">\n<h2>Possible same claims (")
        .int(suggestions.len() as i64)
        .raw(")</h2>\n<p class=\"legend\">Pairs the check found may be one proposition but did not join. ")
        .raw("A person decides: <code>claim merge</code> makes them one, <code>claim reject</code> keeps them apart for good.</p>\n<ol>");
    for entry in suggestions {
        let s = &entry.suggestion;
        let (a, b) = (s.from_claim, s.to_claim);
        h.raw("<li><p>")
            .text(&format!("Similarity {:.2}: {}", s.score, s.note))
            .raw("</p><ul>");
        for claim in [&entry.from, &entry.to] {
            let verdict = claim.verdict.as_ref();
            let status = verdict.map_or("unchecked", |v| v.status.as_str());
            let outlets: Vec<&str> = verdict.into_iter().flat_map(|v| v.outlet_names()).collect();
            h.raw("<li><a")
                .claim_href(claim.claim.id)
                .raw(">C")
                .int(claim.claim.id)
                .raw("</a> <span class=\"badge ")
                .raw(status)
                .raw("\">")
                .raw(status)
                .raw("</span> ")
                .text(&claim.claim.text);
            if !outlets.is_empty() {
                h.raw(" <span class=\"note\">")
                    .text(&outlets.join(", "))
                    .raw("</span>");
            }
            h.raw("</li>");
        }
        h.raw("</ul><p class=\"note\">One proposition: <code>")
            .text(&format!("claimledger claim merge {a} {b}"))
            .raw("</code>; not: <code>")
            .text(&format!("claimledger claim reject {a} {b}"))
            .raw("</code></p></li>");
    }
    h.raw("</ol>\n</section>\n");
}

/// The quotes behind the verdict, the claimed words marked in each.
fn write_quotes(h: &mut Html, claims: &[ClaimEntry], mentions: &[MentionEntry], card: &Card) {
    if mentions.is_empty() {
        return;
    }
    h.raw("<ol class=\"quotes\">");
    for m in mentions.iter().take(QUOTES_SHOWN) {
        let claim = claims
            .iter()
            .find(|c| c.claim.id == m.mention.claim_id)
            .or(claims.first());
        h.raw("<li><div class=\"meta\">M")
            .int(m.mention.id)
            .raw(" · <b>")
            .text(&m.outlet)
            .raw("</b> <span class=\"okind\">")
            .raw(m.outlet_kind.as_str())
            .raw("</span>");
        let title = m.title.as_deref().unwrap_or("untitled");
        h.raw(" · ");
        match m.url.as_deref().and_then(web_address) {
            Some(url) => {
                h.raw("<a rel=\"noopener noreferrer\" target=\"_blank\"")
                    .attr("href", url)
                    .raw(">")
                    .text(title)
                    .raw("</a>");
            }
            None => {
                h.raw("<cite>").text(title).raw("</cite>");
                if let Some(url) = &m.url {
                    h.raw(" <span class=\"url\">").text(url).raw("</span>");
                }
            }
        }
        if let Some(day) = m.published {
            h.raw(" · ").text(&day.to_string());
        }
        h.raw(" · ");
        match (&m.speaker, m.mention.stance) {
            (Some(s), Stance::Reports) => {
                h.raw("reports ").text(s);
            }
            (Some(s), stance) => {
                h.raw(stance.as_str()).raw(", voiced by ").text(s);
            }
            (None, stance) => {
                h.raw(stance.as_str());
            }
        }
        if let Some(wire) = &m.mention.relayed_by {
            h.raw(", relaying ").text(wire);
        }
        if m.mention.claim_id != claims.first().map_or(0, |c| c.claim.id) {
            h.raw(" (as <a")
                .claim_href(m.mention.claim_id)
                .raw(">C")
                .int(m.mention.claim_id)
                .raw("</a>)");
        }
        h.raw("</div><blockquote>");
        let quote = &m.mention.quote;
        let marked = claim.map(|c| claimed_words(quote, c)).unwrap_or_default();
        let mut at = 0;
        for range in marked {
            h.text(&quote[at..range.start])
                .raw("<mark>")
                .text(&quote[range.clone()])
                .raw("</mark>");
            at = range.end;
        }
        h.text(&quote[at..]).raw("</blockquote></li>");
    }
    h.raw("</ol>\n");
    if card.mentions > QUOTES_SHOWN {
        let first = claims.first().map_or(0, |c| c.claim.id);
        h.raw("<p class=\"more\">")
            .text(&format!(
                "and {} more mentions: `claimledger claim show {first}` lists a claim's mentions, `export csv` all of them",
                card.mentions - QUOTES_SHOWN
            ))
            .raw("</p>\n");
    }
}

/// The drawing of who said the card's claims where.
fn write_drawing(h: &mut Html, context: &Context, mentions: &[MentionEntry], card: &Card) {
    if mentions.is_empty() {
        return;
    }
    let said: Vec<Said<'_>> = mentions
        .iter()
        .map(|m| Said {
            speaker: m.speaker.as_deref(),
            relayed_by: m.mention.relayed_by.as_deref(),
            stance: m.mention.stance,
            document_id: m.mention.document_id,
            title: m.title.as_deref(),
            published: m.published,
            outlet: &m.outlet,
        })
        .collect();
    let outlets: BTreeSet<&str> = said.iter().map(|s| s.outlet).collect();
    let mut copies: Vec<Copy<'_>> = context
        .outlet_links
        .iter()
        .filter(|(a, b, _)| outlets.contains(a.as_str()) && outlets.contains(b.as_str()))
        .map(|(a, b, relation)| Copy {
            from: a.clone(),
            to: b.clone(),
            relation,
        })
        .collect();
    // Documents with one text: each joined to the first of them here.
    let mut first_of_text: BTreeMap<i64, i64> = BTreeMap::new();
    let documents: BTreeSet<i64> = said.iter().map(|s| s.document_id).collect();
    for d in documents {
        if let Some(&text) = context.reprint_of.get(&d) {
            match first_of_text.get(&text) {
                Some(&first) => copies.push(Copy {
                    from: format!("D{d}"),
                    to: format!("D{first}"),
                    relation: "has the same text as",
                }),
                None => {
                    first_of_text.insert(text, d);
                }
            }
        }
    }
    h.raw("<details class=\"where\"");
    if card.mentions > 1 {
        h.raw(" open");
    }
    h.raw("><summary>Who said it where</summary>");
    drawing::who_said_it_where(h, &said, &copies);
    if card.undrawn > 0 {
        h.raw("<p class=\"more\">")
            .text(&format!(
                "drawn from its first {MENTIONS_DRAWN} mentions of {}",
                card.mentions
            ))
            .raw("</p>");
    }
    h.raw("</details>\n");
}

/// The page's list of names an input offers as you type.
fn write_datalist(h: &mut Html, id: &'static str, names: &BTreeSet<String>) {
    h.raw("<datalist id=\"").raw(id).raw("\">");
    for name in names {
        h.raw("<option").attr("value", name).raw(">");
    }
    h.raw("</datalist>\n");
}

/// Words too common to mark on their own.
const COMMON: &[&str] = &[
    "the", "and", "for", "that", "with", "from", "this", "was", "were", "are", "has", "have",
    "had", "its", "his", "her", "their", "said", "not", "but", "which", "who", "into", "than",
];

/// The words of `text`: runs of letters and digits, with where each stands.
fn words(text: &str) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                found.push((s..i, text[s..i].to_lowercase()));
                start = None;
            }
            _ => {}
        }
    }
    found
}

/// The longest run of words that `quote` and `phrase` share and that
/// touches no `used` word of the quote: (start in quote, length).
fn longest_run(
    quote: &[(Range<usize>, String)],
    phrase: &[(Range<usize>, String)],
    used: &[bool],
) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    // run[j]: the length of the shared run ending at quote word i and phrase word j.
    let mut run = vec![0usize; phrase.len() + 1];
    for (i, (_, q)) in quote.iter().enumerate() {
        for j in (0..phrase.len()).rev() {
            run[j + 1] = if !used[i] && *q == phrase[j].1 {
                run[j] + 1
            } else {
                0
            };
            let len = run[j + 1];
            if len > best.map_or(0, |b| b.1) {
                best = Some((i + 1 - len, len));
            }
        }
    }
    best
}

/// Where the claim's own words stand in a quote, to mark them: its quoted
/// words, or its text after the speaker or measure ("people killed: some
/// 30,000" marks "some 30,000"), found whole, word by word, ignoring case,
/// spacing and punctuation; else the longest runs of two or more of those
/// words the quote has; else, for a claim of a few words, each of them
/// that the quote has ("resolution", "adopted"). Ranges are sorted, apart
/// and on character boundaries.
pub fn claimed_words(quote: &str, claim: &ClaimEntry) -> Vec<Range<usize>> {
    let text = &claim.claim.text;
    let after_colon = text.split_once(": ").map(|(_, rest)| rest);
    let in_quote = words(quote);
    let span = |start: usize, len: usize| in_quote[start].0.start..in_quote[start + len - 1].0.end;
    let candidates = [claim.claim.quoted(), after_colon, Some(text.as_str())];
    let mut used = vec![false; in_quote.len()];
    for phrase in candidates.into_iter().flatten() {
        let phrase = words(phrase);
        match longest_run(&in_quote, &phrase, &used) {
            Some((start, len)) if len == phrase.len() => return vec![span(start, len)],
            _ => {}
        }
    }
    let main = claim.claim.quoted().or(after_colon).unwrap_or(text);
    let phrase = words(main);
    let mut ranges = Vec::new();
    while let Some((start, len)) = longest_run(&in_quote, &phrase, &used) {
        if len < 2 || ranges.len() == 3 {
            break;
        }
        used[start..start + len].iter_mut().for_each(|u| *u = true);
        ranges.push(span(start, len));
    }
    if ranges.is_empty() && phrase.len() <= 4 {
        for (range, word) in &in_quote {
            let wanted = word.chars().count() >= 3 && !COMMON.contains(&word.as_str());
            if wanted && phrase.iter().any(|(_, p)| p == word) {
                ranges.push(range.clone());
            }
        }
    }
    ranges.sort_by_key(|r| r.start);
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claim, ClaimBody, Origin};

    fn entry(text: &str, body: ClaimBody) -> ClaimEntry {
        ClaimEntry {
            claim: Claim {
                id: 1,
                text: text.into(),
                body,
                speaker_id: None,
                as_of: None,
                origin: Origin::Extracted,
                retracted_why: None,
            },
            speaker: None,
            verdict: None,
            mention_count: None,
            rating: None,
        }
    }

    fn marked<'a>(quote: &'a str, claim: &ClaimEntry) -> Vec<&'a str> {
        claimed_words(quote, claim)
            .into_iter()
            .map(|r| &quote[r])
            .collect()
    }

    #[test]
    fn the_claimed_words_are_found_in_the_sentence() {
        let figure = entry("people killed: some 30,000", ClaimBody::Statement);
        assert_eq!(
            marked("A war that killed Some 30,000 people ended.", &figure),
            ["Some 30,000"]
        );
        let quote = entry(
            "Armenia: \"historic\"",
            ClaimBody::Quote {
                quoted: Some("historic".into()),
            },
        );
        assert_eq!(
            marked("Armenia praised it as “historic.”", &quote),
            ["historic"]
        );
        let event = entry("resolution adopted", ClaimBody::Event);
        assert_eq!(
            marked(
                "In a resolution the Senate adopted on Thursday, the",
                &event
            ),
            ["resolution", "adopted"]
        );
        // Byte offsets stay on character boundaries past accents.
        let accented = entry("Ilić sáid", ClaimBody::Statement);
        assert_eq!(marked("Mara ILIĆ sáid: Ilić", &accented), ["ILIĆ sáid"]);
        // A non-breaking space in the document, a plain one in the claim.
        let statement = entry(
            "Azerbaijani parliament: called for France to be stripped of its role",
            ClaimBody::Statement,
        );
        assert_eq!(
            marked(
                "Lawmakers have called for\u{a0}France to be stripped of its role.",
                &statement
            ),
            ["called for\u{a0}France to be stripped of its role"]
        );
        // In other words: the longest runs the two share.
        assert_eq!(
            marked(
                "They called for France to go, and to be stripped of its role.",
                &statement
            ),
            ["called for France to", "to be stripped of its role"]
        );
    }

    #[test]
    fn claims_named_in_a_reason_are_links() {
        let mut h = Html::new();
        linked_reason(
            &mut h,
            "conflicts with C22: 3,000 <b> (TASS); C7x and ABC3 not",
        );
        assert_eq!(
            h.as_str(),
            "conflicts with <a href=\"#c22\">C22</a>: 3,000 &lt;b&gt; (TASS); C7x and ABC3 not"
        );
    }
}
