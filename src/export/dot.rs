//! `export dot`: the ledger as a Graphviz digraph. Node ids are stable:
//! `o1` outlet 1, `d1` document 1, `a1` actor 1, `c1` claim 1; every label
//! goes through [`dot_string`]. Claims are coloured by status, with a
//! legend.

use std::collections::BTreeSet;
use std::io::Write;

use crate::error::{Error, Result};
use crate::model::{Claim, ClaimLink, ClaimRelation, Document, LinkOrigin, Stance, Status};
use crate::store::Reader;

/// A quoted DOT ID holding `s` as it reads: `\` and `"` escaped, a newline
/// (or CRLF) becomes the label line break `\n`, a tab a space, and other
/// control characters are dropped. Inside quotes `<>{}|` and non-ASCII text
/// are plain characters (we use no record or HTML labels), so they stay.
pub fn dot_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Claim texts longer than this many characters are cut in DOT labels.
pub const LABEL_CHARS: usize = 60;

/// `s` on one line, cut to at most `max` characters with "…" when longer.
pub fn truncate_label(s: &str, max: usize) -> String {
    let line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        return line;
    }
    let mut cut: String = line.chars().take(max.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// The fill colour of a claim node, by verdict status (`None`: not checked).
pub fn status_colour(status: Option<Status>) -> &'static str {
    match status {
        Some(Status::Conflicting) => "#f4a6a6",
        Some(Status::Corroborated) => "#a8ddb5",
        Some(Status::SingleSource) => "#fff3a0",
        Some(Status::Unsourced) => "#d9d9d9",
        None => "#ffffff",
    }
}

/// Above this many claims, `export dot` with no filter draws a summary
/// unless `--all`: Graphviz took minutes to lay out 1,440 claims with
/// their documents and actors, and such a picture cannot be read anyway.
pub const DOT_FULL_CLAIMS: usize = 300;

/// The most claims a summary draws (with the other sides of their
/// conflicts, which may go a little over).
pub const DOT_SUMMARY_CLAIMS: usize = 100;

/// Which part of the ledger `export dot` draws.
#[derive(Debug, Clone, Copy, Default)]
pub struct DotOptions {
    /// Only claims of this status, and what touches them.
    pub status: Option<Status>,
    /// Only this claim, the claims linked to it, and what touches them.
    pub claim: Option<i64>,
    /// Every claim, however many (no summary of a large ledger).
    pub all: bool,
}

/// How much `export dot` drew.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DotCounts {
    /// Claim nodes.
    pub claims: usize,
    /// Edges of every sort.
    pub edges: usize,
    /// Set when the ledger was too large to draw whole and a summary was drawn.
    pub summary: Option<DotSummary>,
}

/// What a summary of a large ledger left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DotSummary {
    /// Live claims in the ledger.
    pub total: usize,
    /// Conflicting claims in the ledger.
    pub conflicting: usize,
    /// Corroborated claims in the ledger.
    pub corroborated: usize,
}

/// Writes the ledger as a Graphviz digraph.
pub fn write_dot(
    out: &mut dyn Write,
    reader: Reader<'_>,
    options: DotOptions,
) -> Result<DotCounts> {
    // Several queries: one snapshot, so an ingest meanwhile cannot leave an
    // edge without its node. (Its read transaction lasts until the graph
    // is written: a slow reader of `-o -` holds back WAL checkpoints.)
    reader.snapshot(|| draw_dot(out, reader, options))
}

fn draw_dot(out: &mut dyn Write, reader: Reader<'_>, options: DotOptions) -> Result<DotCounts> {
    let mut outlets = reader.outlets()?;
    outlets.sort_by_key(|o| o.outlet.id);
    let mut actors = reader.actors()?;
    actors.sort_by_key(|a| a.actor.id);
    // Documents without their text, and claims with their status only:
    // a verdict's outlet list, kept for every claim, came to gigabytes at
    // 100k articles.
    let documents: Vec<Document<()>> = reader.stream_documents(|rows| {
        rows.map(|r| r.map(|d| d.document.without_text()))
            .collect::<Result<_>>()
    })??;
    let claims: Vec<(Claim, Option<Status>)> = reader.stream_claims(false, |rows| {
        rows.map(|r| r.map(|c| (c.claim, c.verdict.map(|v| v.status))))
            .collect::<Result<_>>()
    })??;
    let live: BTreeSet<i64> = claims.iter().map(|(c, _)| c.id).collect();
    // (document, claim, stance) and (actor, claim): one edge each, however
    // many mentions repeat them.
    let mut carried: BTreeSet<(i64, i64, Stance)> = BTreeSet::new();
    let mut voiced: BTreeSet<(i64, i64)> = BTreeSet::new();
    reader.mention_edges(|claim, document, stance, actor| {
        if live.contains(&claim) {
            carried.insert((document, claim, stance));
            if let Some(actor) = actor {
                voiced.insert((actor, claim));
            }
        }
    })?;
    let links: Vec<ClaimLink> = reader
        .claim_links()?
        .into_iter()
        .filter(|l| !l.rejected)
        .collect();
    let outlet_links = reader.outlet_links()?;

    let kept_claims: BTreeSet<i64> = match (options.claim, options.status) {
        (Some(id), _) => {
            let claim = reader.claim(id)?.claim;
            if let Some(why) = claim.retracted_why {
                return Err(Error::invalid(
                    "--claim",
                    format!("claim {id} is retracted ({why}); it is not drawn"),
                ));
            }
            let mut kept = BTreeSet::from([id]);
            for l in links
                .iter()
                .filter(|l| l.from_claim == id || l.to_claim == id)
            {
                let other = if l.from_claim == id {
                    l.to_claim
                } else {
                    l.from_claim
                };
                if live.contains(&other) {
                    kept.insert(other);
                }
            }
            kept
        }
        (None, Some(status)) => claims
            .iter()
            .filter(|(_, s)| *s == Some(status))
            .map(|(c, _)| c.id)
            .collect(),
        (None, None) => claims.iter().map(|(c, _)| c.id).collect(),
    };
    let filtered = options.claim.is_some() || options.status.is_some();
    if !filtered && !options.all && claims.len() > DOT_FULL_CLAIMS {
        let doc_outlet: std::collections::HashMap<i64, i64> =
            documents.iter().map(|d| (d.id, d.outlet_id)).collect();
        let carried_by: BTreeSet<(i64, i64, Stance)> = carried
            .iter()
            .filter_map(|(d, c, stance)| Some((*doc_outlet.get(d)?, *c, *stance)))
            .collect();
        return draw_summary(
            out,
            &Summary {
                outlets: &outlets,
                claims: &claims,
                carried_by: &carried_by,
                links: &links,
                outlet_links: &outlet_links,
            },
        );
    }
    carried.retain(|(_, c, _)| kept_claims.contains(c));
    voiced.retain(|(_, c)| kept_claims.contains(c));
    let kept_documents: BTreeSet<i64> = if filtered {
        carried.iter().map(|(d, _, _)| *d).collect()
    } else {
        documents.iter().map(|d| d.id).collect()
    };
    let kept_outlets: BTreeSet<i64> = if filtered {
        documents
            .iter()
            .filter(|d| kept_documents.contains(&d.id))
            .map(|d| d.outlet_id)
            .collect()
    } else {
        outlets.iter().map(|o| o.outlet.id).collect()
    };
    let kept_actors: BTreeSet<i64> = if filtered {
        voiced.iter().map(|(a, _)| *a).collect()
    } else {
        actors.iter().map(|a| a.actor.id).collect()
    };

    let mut counts = DotCounts::default();
    write_preamble(out)?;
    for o in outlets
        .iter()
        .map(|o| &o.outlet)
        .filter(|o| kept_outlets.contains(&o.id))
    {
        write_outlet(out, o)?;
    }
    for d in documents.iter().filter(|d| kept_documents.contains(&d.id)) {
        let mut label = match &d.title {
            Some(t) => truncate_label(t, LABEL_CHARS),
            None => format!("document {}", d.id),
        };
        if let Some(p) = &d.published {
            label.push('\n');
            label.push_str(&p.to_string());
        }
        writeln!(
            out,
            "  d{} [shape=note, label={}];",
            d.id,
            dot_string(&label)
        )?;
    }
    for a in actors
        .iter()
        .map(|a| &a.actor)
        .filter(|a| kept_actors.contains(&a.id))
    {
        writeln!(
            out,
            "  a{} [shape=ellipse, label={}];",
            a.id,
            dot_string(&a.name)
        )?;
    }
    for (c, status) in claims.iter().filter(|(c, _)| kept_claims.contains(&c.id)) {
        write_claim(out, c, *status)?;
        counts.claims += 1;
    }

    writeln!(out)?;
    for d in documents.iter().filter(|d| kept_documents.contains(&d.id)) {
        writeln!(
            out,
            "  o{} -> d{} [label=\"published\"];",
            d.outlet_id, d.id
        )?;
        counts.edges += 1;
    }
    for (document, claim, stance) in &carried {
        writeln!(out, "  d{document} -> c{claim} [label=\"{stance}\"];")?;
        counts.edges += 1;
    }
    for (actor, claim) in &voiced {
        writeln!(out, "  a{actor} -> c{claim} [label=\"voiced\"];")?;
        counts.edges += 1;
    }
    counts.edges += write_links(out, &links, &outlet_links, &kept_claims, &kept_outlets)?;
    writeln!(out, "}}")?;
    Ok(counts)
}

/// What a summary is drawn from: the ledger's outlets, live claims, links,
/// and (outlet, claim, stance) for every claim an outlet carried.
struct Summary<'a> {
    outlets: &'a [crate::model::OutletEntry],
    claims: &'a [(Claim, Option<Status>)],
    carried_by: &'a BTreeSet<(i64, i64, Stance)>,
    links: &'a [ClaimLink],
    outlet_links: &'a [crate::model::OutletLink],
}

/// Draws a large ledger as a summary: the conflicting and corroborated
/// claims carried by the most outlets (at most [`DOT_SUMMARY_CLAIMS`],
/// each conflict with its other side), the outlets that carried them, and
/// the links between them. Documents and actors are left out.
fn draw_summary(out: &mut dyn Write, s: &Summary<'_>) -> Result<DotCounts> {
    let status_of: std::collections::HashMap<i64, Status> = s
        .claims
        .iter()
        .filter_map(|(c, st)| Some((c.id, (*st)?)))
        .filter(|(_, st)| matches!(st, Status::Conflicting | Status::Corroborated))
        .collect();
    let mut outlet_count: std::collections::HashMap<i64, BTreeSet<i64>> =
        std::collections::HashMap::new();
    for (outlet, claim, _) in s.carried_by {
        outlet_count.entry(*claim).or_default().insert(*outlet);
    }
    let mut ranked: Vec<i64> = status_of.keys().copied().collect();
    ranked.sort_by_key(|id| {
        (
            std::cmp::Reverse(outlet_count.get(id).map_or(0, BTreeSet::len)),
            status_of[id] != Status::Conflicting,
            *id,
        )
    });
    let mut kept: BTreeSet<i64> = BTreeSet::new();
    for id in ranked {
        if kept.len() >= DOT_SUMMARY_CLAIMS {
            break;
        }
        kept.insert(id);
        // A conflict is read with both its sides.
        for l in s.links.iter().filter(|l| {
            l.relation == ClaimRelation::Contradicts && (l.from_claim == id || l.to_claim == id)
        }) {
            let other = if l.from_claim == id {
                l.to_claim
            } else {
                l.from_claim
            };
            if status_of.contains_key(&other) {
                kept.insert(other);
            }
        }
    }
    let edges: Vec<&(i64, i64, Stance)> = s
        .carried_by
        .iter()
        .filter(|(_, c, _)| kept.contains(c))
        .collect();
    let kept_outlets: BTreeSet<i64> = edges.iter().map(|(o, _, _)| *o).collect();
    let count = |status| status_of.values().filter(|s| **s == status).count();
    let summary = DotSummary {
        total: s.claims.len(),
        conflicting: count(Status::Conflicting),
        corroborated: count(Status::Corroborated),
    };
    let mut counts = DotCounts {
        summary: Some(summary),
        ..DotCounts::default()
    };
    write_preamble(out)?;
    let title = format!(
        "Summary of a large ledger: {} of its {} conflicting and {} corroborated claims \
         (of {} in all), those carried by the most outlets, with their outlets.\n\
         claimledger export dot --all draws every claim with its documents and actors.",
        kept.len(),
        summary.conflicting,
        summary.corroborated,
        summary.total
    );
    writeln!(out, "  label={};", dot_string(&title))?;
    writeln!(out, "  labelloc=t;")?;
    for o in s
        .outlets
        .iter()
        .map(|o| &o.outlet)
        .filter(|o| kept_outlets.contains(&o.id))
    {
        write_outlet(out, o)?;
    }
    for (c, status) in s.claims.iter().filter(|(c, _)| kept.contains(&c.id)) {
        write_claim(out, c, *status)?;
        counts.claims += 1;
    }
    writeln!(out)?;
    for (outlet, claim, stance) in edges {
        writeln!(out, "  o{outlet} -> c{claim} [label=\"{stance}\"];")?;
        counts.edges += 1;
    }
    counts.edges += write_links(out, s.links, s.outlet_links, &kept, &kept_outlets)?;
    writeln!(out, "}}")?;
    Ok(counts)
}

/// The graph's opening lines and the colour legend.
fn write_preamble(out: &mut dyn Write) -> Result<()> {
    writeln!(out, "digraph claimledger {{")?;
    writeln!(
        out,
        "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=10];"
    )?;
    writeln!(out, "  node [fontname=\"Helvetica\", fontsize=10];")?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];")?;
    writeln!(out)?;
    writeln!(out, "  subgraph cluster_legend {{")?;
    writeln!(out, "    label=\"claim status\";")?;
    writeln!(out, "    node [shape=box, style=\"rounded,filled\"];")?;
    let legend = Status::ALL.iter().map(|s| (Some(*s), s.as_str()));
    for (status, word) in legend.chain([(None, "unchecked")]) {
        writeln!(
            out,
            "    legend_{} [label={}, fillcolor=\"{}\"];",
            word.replace('-', "_"),
            dot_string(word),
            status_colour(status)
        )?;
    }
    writeln!(out, "  }}")?;
    writeln!(out)?;
    Ok(())
}

/// An outlet's node: its name and kind.
fn write_outlet(out: &mut dyn Write, o: &crate::model::Outlet) -> Result<()> {
    let label = format!("{}\n({})", o.name, o.kind);
    writeln!(
        out,
        "  o{} [shape=box, label={}];",
        o.id,
        dot_string(&label)
    )?;
    Ok(())
}

/// A claim's node, coloured by its status.
fn write_claim(out: &mut dyn Write, c: &Claim, status: Option<Status>) -> Result<()> {
    let colour = status_colour(status);
    let status = status.map(|s| s.as_str()).unwrap_or("unchecked");
    let label = format!(
        "C{}: {}\n{status}",
        c.id,
        truncate_label(&c.text, LABEL_CHARS)
    );
    writeln!(
        out,
        "  c{} [shape=box, style=\"rounded,filled\", fillcolor=\"{}\", label={}, tooltip={}];",
        c.id,
        colour,
        dot_string(&label),
        dot_string(&c.text)
    )?;
    Ok(())
}

/// The claim links between drawn claims and the outlet links between drawn
/// outlets; returns how many edges.
fn write_links(
    out: &mut dyn Write,
    links: &[ClaimLink],
    outlet_links: &[crate::model::OutletLink],
    kept_claims: &BTreeSet<i64>,
    kept_outlets: &BTreeSet<i64>,
) -> Result<usize> {
    let mut edges = 0;
    for l in links
        .iter()
        .filter(|l| kept_claims.contains(&l.from_claim) && kept_claims.contains(&l.to_claim))
    {
        let style = match l.origin {
            LinkOrigin::Auto => "dashed",
            LinkOrigin::Manual => "solid",
        };
        // same-as and contradicts read both ways; supports has a direction.
        let dir = match l.relation {
            ClaimRelation::Supports => "",
            ClaimRelation::SameAs | ClaimRelation::Contradicts => ", dir=none",
        };
        writeln!(
            out,
            "  c{} -> c{} [label=\"{}\", style={style}{dir}];",
            l.from_claim, l.to_claim, l.relation
        )?;
        edges += 1;
    }
    for l in outlet_links
        .iter()
        .filter(|l| kept_outlets.contains(&l.from_outlet) && kept_outlets.contains(&l.to_outlet))
    {
        writeln!(
            out,
            "  o{} -> o{} [label=\"{}\", style=dotted];",
            l.from_outlet, l.to_outlet, l.relation
        )?;
        edges += 1;
    }
    Ok(edges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_string_escapes_quotes_and_backslashes() {
        assert_eq!(dot_string("Press TV"), r#""Press TV""#);
        assert_eq!(dot_string(r#"say "hi""#), r#""say \"hi\"""#);
        assert_eq!(dot_string(r"a\b"), r#""a\\b""#);
        // A trailing backslash must not swallow the closing quote.
        assert_eq!(dot_string("end\\"), r#""end\\""#);
        assert_eq!(dot_string(""), r#""""#);
    }

    #[test]
    fn dot_string_turns_newlines_into_label_breaks() {
        assert_eq!(dot_string("a\nb"), r#""a\nb""#);
        assert_eq!(dot_string("a\r\nb"), r#""a\nb""#);
        assert_eq!(dot_string("a\rb"), r#""a\nb""#);
        assert_eq!(dot_string("a\tb"), r#""a b""#);
        assert_eq!(dot_string("a\u{0}b\u{7}c\u{1b}[0m"), r#""abc[0m""#);
    }

    #[test]
    fn dot_string_keeps_markup_and_non_ascii_as_text() {
        assert_eq!(dot_string("<b>{x|y}</b>"), r#""<b>{x|y}</b>""#);
        assert_eq!(
            dot_string("Azerbaijan’s — «Baku»"),
            "\"Azerbaijan’s — «Baku»\""
        );
    }

    #[test]
    fn dot_string_cannot_break_out_of_the_id() {
        assert_eq!(dot_string("\"];\n digraph x {"), r#""\"];\n digraph x {""#);
    }

    /// Reads a quoted DOT ID back as Graphviz's lexer would, checking that
    /// it is one well-formed token.
    fn lex_dot_id(id: &str) -> Option<String> {
        let inner = id.strip_prefix('"')?.strip_suffix('"')?;
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(ch) = chars.next() {
            match ch {
                '\\' => match chars.next()? {
                    '\\' => out.push('\\'),
                    '"' => out.push('"'),
                    'n' => out.push('\n'),
                    _ => return None,
                },
                '"' => return None,
                c if c.is_control() => return None,
                c => out.push(c),
            }
        }
        Some(out)
    }

    proptest::proptest! {
        #[test]
        fn dot_string_is_always_one_valid_id(s in "\\PC*|[\"\\\\\n\r\t<>{}|;\\[\\]]*") {
            let id = dot_string(&s);
            let read = lex_dot_id(&id);
            proptest::prop_assert!(read.is_some(), "not a valid id: {id}");
            let expected: String = s
                .replace("\r\n", "\n")
                .replace(['\r', '\u{2028}', '\u{2029}'], "\n")
                .replace('\t', " ")
                .chars()
                .filter(|c| *c == '\n' || !c.is_control())
                .collect();
            proptest::prop_assert_eq!(read.unwrap_or_default(), expected);
        }
    }

    #[test]
    fn labels_are_cut_on_a_char_boundary() {
        assert_eq!(truncate_label("short", 60), "short");
        assert_eq!(truncate_label("two\n  lines", 60), "two lines");
        let long = "é".repeat(100);
        let cut = truncate_label(&long, 60);
        assert_eq!(cut.chars().count(), 60);
        assert!(cut.ends_with('…'));
        let exact = "x".repeat(60);
        assert_eq!(truncate_label(&exact, 60), exact);
        assert_eq!(truncate_label("abc def ghi", 6), "abc d…");
        assert_eq!(truncate_label("abcd efgh", 6), "abcd…");
    }
}
