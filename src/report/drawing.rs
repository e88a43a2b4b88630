//! The report's drawings, as inline SVG the program writes itself (no
//! plotting library, no Graphviz, nothing at view time): a toll's
//! timeline, and who said a claim where. Every text in them goes through
//! [`Html`], so it is escaped like the rest of the page.

use chrono::NaiveDate;

use crate::export::truncate_label;
use crate::model::quantity::{format_number, Figure, Hedge};
use crate::model::{Stance, Status};
use crate::output::html::Html;

/// A figure of a toll on its day, as the timeline draws it.
#[derive(Debug, Clone)]
pub struct TollPoint {
    /// The claim that states it.
    pub claim_id: i64,
    /// Its as-of day.
    pub day: NaiveDate,
    /// Its stated number(s), hedge and interval.
    pub figure: Figure,
    /// Its cluster's status.
    pub status: Status,
    /// The claim's text.
    pub text: String,
    /// The outlets behind its verdict, joined by "; ".
    pub outlets: String,
}

/// The colour of a status in the drawings (and the page's badges).
pub fn status_ink(status: Status) -> &'static str {
    match status {
        Status::Conflicting => "#b3261e",
        Status::Corroborated => "#1b7a3a",
        Status::SingleSource => "#9a6200",
        Status::Unsourced => "#666666",
    }
}

/// A figure as a label: "≥100", "~30,000", "25–30", "≤12", "100".
pub fn figure_label(figure: &Figure) -> String {
    let (a, b) = figure.stated;
    if a != b {
        return format!("{}–{}", format_number(a), format_number(b));
    }
    let n = format_number(a);
    match figure.hedge {
        None => n,
        Some(Hedge::Approx) => format!("~{n}"),
        Some(Hedge::MoreThan) => format!(">{n}"),
        Some(Hedge::AtLeast) => format!("≥{n}"),
        Some(Hedge::FewerThan) => format!("<{n}"),
        Some(Hedge::UpTo | Hedge::Nearly) => format!("≤{n}"),
    }
}

/// A "nice" top for an axis at or above `x`: 1, 2 or 5 times a power of ten.
fn nice_ceiling(x: f64) -> f64 {
    if x <= 0.0 || !x.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|&top| top >= x)
        .unwrap_or(10.0 * power)
}

/// The highest value a figure's glyph reaches: its stated number, or the
/// top of a range or a round-about band (never the open cap of "at least").
fn drawn_top(figure: &Figure) -> f64 {
    match figure.hedge {
        Some(Hedge::Approx) => figure.interval.1,
        _ => figure.stated.1,
    }
}

/// "4 Aug".
fn short_day(day: NaiveDate) -> String {
    day.format("%-d %b").to_string()
}

/// Writes the timeline of one toll: its figures by day, each a glyph of its
/// status's colour (a dot for an exact figure, a bar for a range or a
/// round-about figure, an arrow up for "at least" and "more than", down for
/// "up to" and "nearly"), each linked to its claim. `points` are sorted by
/// day, then value.
pub fn timeline(h: &mut Html, measure: &str, points: &[TollPoint]) {
    const W: f64 = 640.0;
    const H: f64 = 220.0;
    const LEFT: f64 = 64.0;
    const RIGHT: f64 = 72.0;
    const TOP: f64 = 14.0;
    const BOTTOM: f64 = 34.0;
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return;
    };
    let span = (last.day - first.day).num_days().max(1) as f64;
    let highest = points
        .iter()
        .map(|p| drawn_top(&p.figure))
        .fold(0.0, f64::max);
    // Four steps of a round size.
    let top = 4.0 * nice_ceiling(highest * 1.08 / 4.0);
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let y = |v: f64| TOP + plot_h - (v.clamp(0.0, top) / top) * plot_h;
    // Figures of one day stand side by side, a few pixels apart.
    let mut xs = Vec::with_capacity(points.len());
    let mut i = 0;
    while i < points.len() {
        let day = points[i].day;
        let n = points[i..].iter().take_while(|p| p.day == day).count();
        let centre = LEFT + ((day - first.day).num_days() as f64 / span) * plot_w;
        let gap = (56.0 / n as f64).min(12.0);
        for k in 0..n {
            xs.push(centre + (k as f64 - (n as f64 - 1.0) / 2.0) * gap);
        }
        i += n;
    }
    h.raw(
        "<svg class=\"timeline\" width=\"640\" height=\"220\" viewBox=\"0 0 640 220\" role=\"img\"",
    )
    .attr(
        "aria-label",
        &format!("{measure}: {} figures over time", points.len()),
    )
    .raw(">");
    // The value axis: five lines with their values.
    for k in 0..=4 {
        let v = top * f64::from(k) / 4.0;
        h.raw("<line class=\"grid\"")
            .num_attr("x1", LEFT)
            .num_attr("x2", W - RIGHT)
            .num_attr("y1", y(v))
            .num_attr("y2", y(v))
            .raw("/><text class=\"axis\" text-anchor=\"end\"")
            .num_attr("x", LEFT - 6.0)
            .num_attr("y", y(v) + 4.0)
            .raw(">")
            .text(&format_number(v))
            .raw("</text>");
    }
    // The day axis: every day with a figure, or six evenly spread.
    let mut days: Vec<NaiveDate> = points.iter().map(|p| p.day).collect();
    days.dedup();
    let labelled: Vec<NaiveDate> = if days.len() <= 8 {
        days.clone()
    } else {
        (0..6)
            .map(|k| days[k * (days.len() - 1) / 5])
            .collect::<Vec<_>>()
    };
    for day in &labelled {
        let x = LEFT + ((*day - first.day).num_days() as f64 / span) * plot_w;
        h.raw("<text class=\"axis\" text-anchor=\"middle\"")
            .num_attr("x", x)
            .num_attr("y", H - BOTTOM + 16.0)
            .raw(">")
            .text(&short_day(*day))
            .raw("</text>");
    }
    let year = if first.day.format("%Y").to_string() == last.day.format("%Y").to_string() {
        first.day.format("%Y").to_string()
    } else {
        format!("{}–{}", first.day.format("%Y"), last.day.format("%Y"))
    };
    h.raw("<text class=\"axis\" text-anchor=\"end\"")
        .num_attr("x", W - RIGHT)
        .num_attr("y", H - 4.0)
        .raw(">")
        .text(&year)
        .raw("</text>");
    // A faint line through each day's highest stated figure, to read the trend.
    h.raw("<polyline class=\"trend\" points=\"");
    for (n, day) in days.iter().enumerate() {
        let high = points
            .iter()
            .filter(|p| p.day == *day)
            .map(|p| p.figure.stated.1)
            .fold(0.0, f64::max);
        let x = LEFT + ((*day - first.day).num_days() as f64 / span) * plot_w;
        if n > 0 {
            h.raw(" ");
        }
        h.num(x).raw(",").num(y(high));
    }
    h.raw("\"/>");
    // A value is written beside its glyph where it overlaps no other;
    // its tooltip and the list under the chart always give it.
    let mut labels: Vec<(f64, f64, f64)> = Vec::new();
    for (p, &x) in points.iter().zip(&xs) {
        let label_y = y(p.figure.stated.1) - 4.0;
        let width = figure_label(&p.figure).chars().count() as f64 * 6.0;
        let free = !labels.iter().any(|&(lx, ly, lw)| {
            x + 6.0 < lx + lw && lx < x + 6.0 + width && (ly - label_y).abs() < 11.0
        });
        if free {
            labels.push((x + 6.0, label_y, width));
        }
        glyph(h, p, x, &y, free);
    }
    h.raw("</svg>");
}

/// One figure of a timeline: its glyph and value, linked to its claim,
/// with a tooltip naming the claim, its day and its outlets.
fn glyph(h: &mut Html, p: &TollPoint, x: f64, y: &dyn Fn(f64) -> f64, labelled: bool) {
    let f = &p.figure;
    let label = figure_label(f);
    h.raw("<a")
        .claim_href(p.claim_id)
        .raw(" class=\"")
        .raw(p.status.as_str())
        .raw("\"><title>C")
        .int(p.claim_id)
        .raw(" ")
        .text(&label)
        .raw(" (")
        .text(&p.day.to_string())
        .raw(", ")
        .raw(p.status.as_str())
        .raw("): ")
        .text(&p.text);
    if !p.outlets.is_empty() {
        h.raw(" — ").text(&p.outlets);
    }
    h.raw("</title>");
    let ink = status_ink(p.status);
    let point = y(f.stated.0);
    // A range or a round-about figure: a bar over what it allows.
    let bar = match f.hedge {
        _ if f.stated.0 != f.stated.1 => Some((f.stated.0, f.stated.1)),
        Some(Hedge::Approx) => Some(f.interval),
        _ => None,
    };
    if let Some((lo, hi)) = bar {
        h.raw("<path fill=\"none\"")
            .attr("stroke", ink)
            .raw(" stroke-width=\"2\" d=\"M")
            .num(x - 4.0)
            .raw(" ")
            .num(y(lo))
            .raw("h8M")
            .num(x)
            .raw(" ")
            .num(y(lo))
            .raw("V")
            .num(y(hi))
            .raw("M")
            .num(x - 4.0)
            .raw(" ")
            .num(y(hi))
            .raw("h8\"/>");
    }
    // A one-sided bound: an arrow the way the true figure may lie.
    let arrow = match f.hedge {
        Some(Hedge::MoreThan | Hedge::AtLeast) => Some(-1.0),
        Some(Hedge::FewerThan | Hedge::UpTo | Hedge::Nearly) => Some(1.0),
        _ => None,
    };
    if let Some(dir) = arrow {
        let tip = point + dir * 16.0;
        h.raw("<path fill=\"none\"")
            .attr("stroke", ink)
            .raw(" stroke-width=\"2\" d=\"M")
            .num(x)
            .raw(" ")
            .num(point)
            .raw("V")
            .num(tip)
            .raw("M")
            .num(x - 4.0)
            .raw(" ")
            .num(tip - dir * 5.0)
            .raw("L")
            .num(x)
            .raw(" ")
            .num(tip)
            .raw("L")
            .num(x + 4.0)
            .raw(" ")
            .num(tip - dir * 5.0)
            .raw("\"/>");
    }
    if f.stated.0 == f.stated.1 {
        h.raw("<circle r=\"4\"")
            .num_attr("cx", x)
            .num_attr("cy", point)
            .attr("fill", ink)
            .raw("/>");
    }
    if labelled {
        h.raw("<text class=\"value\"")
            .num_attr("x", x + 6.0)
            .num_attr("y", y(f.stated.1) - 4.0)
            .attr("fill", ink)
            .raw(">")
            .text(&label)
            .raw("</text>");
    }
    h.raw("</a>");
}

/// One mention, as the drawing of who said a claim where reads it.
#[derive(Debug, Clone)]
pub struct Said<'a> {
    /// Who voiced it: an actor's name, or `None` for the outlet's own voice.
    pub speaker: Option<&'a str>,
    /// The wire it relays, if any.
    pub relayed_by: Option<&'a str>,
    /// Its stance.
    pub stance: Stance,
    /// Its document's id.
    pub document_id: i64,
    /// Its document's title, or `None`.
    pub title: Option<&'a str>,
    /// Its document's day.
    pub published: Option<NaiveDate>,
    /// Its document's outlet.
    pub outlet: &'a str,
}

/// How two outlets or two documents of one drawing are not independent.
#[derive(Debug, Clone)]
pub struct Copy<'a> {
    /// One end: an outlet's name, or a document's id as "D<id>".
    pub from: String,
    /// The other end, named the same way.
    pub to: String,
    /// The relation in words: copies, same-owner, cites, same text.
    pub relation: &'a str,
}

/// Boxes a column of the drawing shows before it says how many more there are.
const ROWS: usize = 8;

/// Writes who said a claim where: voices (speakers, or the outlets' own
/// voice) on the left, the documents in the middle, their outlets on the
/// right; a line from voice to document for each mention, coloured by its
/// stance, and from document to outlet; arcs between outlets that copy,
/// share an owner with or cite each other, and between documents that
/// carry the same text.
pub fn who_said_it_where(h: &mut Html, said: &[Said<'_>], copies: &[Copy<'_>]) {
    const ROW: f64 = 24.0;
    const BOX_W: f64 = 176.0;
    const BOX_H: f64 = 18.0;
    const HEAD: f64 = 18.0;
    const COLUMNS: [f64; 3] = [6.0, 246.0, 486.0];
    if said.is_empty() {
        return;
    }
    let voice = |s: &Said<'_>| -> String {
        match (s.speaker, s.relayed_by) {
            (Some(name), _) => name.to_string(),
            (None, Some(wire)) => format!("{wire} (relayed)"),
            (None, None) => format!("{} itself", s.outlet),
        }
    };
    let mut voices: Vec<String> = Vec::new();
    let mut documents: Vec<(i64, String, String)> = Vec::new();
    let mut outlets: Vec<String> = Vec::new();
    for s in said {
        let v = voice(s);
        if !voices.contains(&v) {
            voices.push(v);
        }
        if !documents.iter().any(|d| d.0 == s.document_id) {
            let day = s.published.map(short_day).unwrap_or_default();
            let label = match s.title {
                Some(t) => format!("D{} {t}", s.document_id),
                None => format!("D{}", s.document_id),
            };
            documents.push((s.document_id, label, day));
        }
        if !outlets.iter().any(|o| o == s.outlet) {
            outlets.push(s.outlet.to_string());
        }
    }
    let shown = |n: usize| n.min(ROWS);
    let rows = [voices.len(), documents.len(), outlets.len()]
        .into_iter()
        .map(|n| shown(n) + usize::from(n > ROWS))
        .max()
        .unwrap_or(1);
    let height = HEAD + rows as f64 * ROW + 4.0;
    let row_y = |i: usize| HEAD + i as f64 * ROW;
    h.raw("<svg class=\"where\" width=\"668\"")
        .num_attr("height", height)
        .raw(" viewBox=\"0 0 668 ")
        .num(height)
        .raw("\" role=\"img\" aria-label=\"who said it where\">");
    for (x, head) in COLUMNS
        .iter()
        .zip(["who", "in which document", "from which outlet"])
    {
        h.raw("<text class=\"head\"")
            .num_attr("x", *x)
            .raw(" y=\"12\">")
            .raw(head)
            .raw("</text>");
    }
    // Lines first, under the boxes.
    let position = |list: &[String], name: &str| list.iter().position(|v| v == name);
    let document_at = |id: i64| documents.iter().position(|d| d.0 == id);
    let mut drawn: Vec<(usize, usize, Stance)> = Vec::new();
    let mut published_in: Vec<(usize, usize)> = Vec::new();
    for s in said {
        let (Some(v), Some(d), Some(o)) = (
            position(&voices, &voice(s)),
            document_at(s.document_id),
            position(&outlets, s.outlet),
        ) else {
            continue;
        };
        let (v, d, o) = (v.min(ROWS), d.min(ROWS), o.min(ROWS));
        if !drawn.contains(&(v, d, s.stance)) {
            drawn.push((v, d, s.stance));
            h.raw("<line class=\"")
                .raw(s.stance.as_str())
                .raw("\"")
                .num_attr("x1", COLUMNS[0] + BOX_W)
                .num_attr("y1", row_y(v) + BOX_H / 2.0)
                .num_attr("x2", COLUMNS[1])
                .num_attr("y2", row_y(d) + BOX_H / 2.0)
                .raw("><title>")
                .raw(s.stance.as_str())
                .raw("</title></line>");
        }
        if !published_in.contains(&(d, o)) {
            published_in.push((d, o));
            h.raw("<line class=\"published\"")
                .num_attr("x1", COLUMNS[1] + BOX_W)
                .num_attr("y1", row_y(d) + BOX_H / 2.0)
                .num_attr("x2", COLUMNS[2])
                .num_attr("y2", row_y(o) + BOX_H / 2.0)
                .raw("/>");
        }
    }
    for copy in copies {
        // Outlets arc on the right of their column, documents on the left.
        let ends = match (copy.from.strip_prefix('D'), copy.to.strip_prefix('D')) {
            (Some(a), Some(b)) => a
                .parse()
                .ok()
                .zip(b.parse().ok())
                .and_then(|(a, b)| document_at(a).zip(document_at(b)))
                .map(|(a, b)| (a, b, COLUMNS[1], -1.0)),
            _ => None,
        }
        .or_else(|| {
            position(&outlets, &copy.from)
                .zip(position(&outlets, &copy.to))
                .map(|(a, b)| (a, b, COLUMNS[2] + BOX_W, 1.0))
        });
        let Some((a, b, x, side)) = ends else {
            continue;
        };
        if a >= ROWS || b >= ROWS {
            continue;
        }
        let (ya, yb) = (row_y(a) + BOX_H / 2.0, row_y(b) + BOX_H / 2.0);
        let bulge = x + side * (10.0 + 6.0 * (a as f64 - b as f64).abs());
        h.raw("<path class=\"copy\" d=\"M")
            .num(x)
            .raw(" ")
            .num(ya)
            .raw("C")
            .num(bulge)
            .raw(" ")
            .num(ya)
            .raw(" ")
            .num(bulge)
            .raw(" ")
            .num(yb)
            .raw(" ")
            .num(x)
            .raw(" ")
            .num(yb)
            .raw("\"><title>")
            .text(&copy.from)
            .raw(" ")
            .text(copy.relation)
            .raw(" ")
            .text(&copy.to)
            .raw("</title></path>");
    }
    let boxes = |h: &mut Html, x: f64, labels: &[(String, String)]| {
        for (i, (label, full)) in labels.iter().take(ROWS).enumerate() {
            h.raw("<g><title>")
                .text(full)
                .raw("</title><rect")
                .num_attr("x", x)
                .num_attr("y", row_y(i))
                .num_attr("width", BOX_W)
                .num_attr("height", BOX_H)
                .raw(" rx=\"3\"/><text")
                .num_attr("x", x + 5.0)
                .num_attr("y", row_y(i) + 13.0)
                .raw(">")
                .text(label)
                .raw("</text></g>");
        }
        if labels.len() > ROWS {
            h.raw("<text class=\"more\"")
                .num_attr("x", x + 5.0)
                .num_attr("y", row_y(ROWS) + 13.0)
                .raw(">+")
                .int((labels.len() - ROWS) as i64)
                .raw(" more</text>");
        }
    };
    let labelled = |names: &[String]| -> Vec<(String, String)> {
        names
            .iter()
            .map(|n| (truncate_label(n, 30), n.clone()))
            .collect()
    };
    boxes(h, COLUMNS[0], &labelled(&voices));
    let document_labels: Vec<(String, String)> = documents
        .iter()
        .map(|(_, label, day)| {
            let short = truncate_label(label, if day.is_empty() { 30 } else { 21 });
            let full = format!("{label} {day}");
            if day.is_empty() {
                (short, full)
            } else {
                (format!("{short} · {day}"), full)
            }
        })
        .collect();
    boxes(h, COLUMNS[1], &document_labels);
    boxes(h, COLUMNS[2], &labelled(&outlets));
    h.raw("</svg>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(id: i64, day: u32, low: f64, high: f64, hedge: Option<&str>) -> TollPoint {
        TollPoint {
            claim_id: id,
            day: NaiveDate::from_ymd_opt(2020, 8, day).unwrap(),
            figure: Figure::from_stored(low, high, hedge),
            status: Status::SingleSource,
            text: format!("people killed: <{id}>"),
            outlets: "A & B".into(),
        }
    }

    #[test]
    fn labels_say_the_hedge() {
        assert_eq!(
            figure_label(&Figure::from_stored(100.0, 1000.0, Some("at least"))),
            "≥100"
        );
        assert_eq!(
            figure_label(&Figure::from_stored(27000.0, 33000.0, Some("some"))),
            "~30,000"
        );
        assert_eq!(
            figure_label(&Figure::from_stored(154.0, 154.0, None)),
            "154"
        );
        assert_eq!(
            figure_label(&Figure::from_stored(25.0, 30.0, Some("between"))),
            "25–30"
        );
    }

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(nice_ceiling(137.0), 200.0);
        assert_eq!(nice_ceiling(4.1), 5.0);
        assert_eq!(nice_ceiling(1000.0), 1000.0);
        assert_eq!(nice_ceiling(42.7), 50.0);
        assert_eq!(nice_ceiling(0.0), 1.0);
    }

    #[test]
    fn a_timeline_draws_every_figure_linked_to_its_claim() {
        let points = vec![
            point(3, 4, 25.0, 250.0, Some("at least")),
            point(7, 5, 100.0, 1000.0, Some("at least")),
            point(9, 8, 154.0, 154.0, None),
            point(11, 8, 158.0, 158.0, None),
        ];
        let mut h = Html::new();
        timeline(&mut h, "people killed", &points);
        let svg = h.as_str();
        for id in [3, 7, 9, 11] {
            assert!(svg.contains(&format!("href=\"#c{id}\"")), "{svg}");
        }
        assert!(
            svg.contains("&lt;9&gt;") && svg.contains("A &amp; B"),
            "{svg}"
        );
        assert!(svg.contains(">4 Aug<") && svg.contains(">8 Aug<"), "{svg}");
        // The axis stops at a round number above 158, not at the open cap.
        assert!(svg.contains(">200<") && !svg.contains(">1,000<"), "{svg}");
    }

    #[test]
    fn who_said_it_where_names_each_voice_document_and_outlet_once() {
        let day = NaiveDate::from_ymd_opt(2020, 11, 26);
        let said = [
            Said {
                speaker: Some("Sahiba <Gafarova>"),
                relayed_by: None,
                stance: Stance::Reports,
                document_id: 1,
                title: Some("Lawmakers urge"),
                published: day,
                outlet: "Press TV",
            },
            Said {
                speaker: Some("Sahiba <Gafarova>"),
                relayed_by: None,
                stance: Stance::Reports,
                document_id: 2,
                title: None,
                published: day,
                outlet: "Daily",
            },
        ];
        let copies = [Copy {
            from: "Daily".into(),
            to: "Press TV".into(),
            relation: "copies",
        }];
        let mut h = Html::new();
        who_said_it_where(&mut h, &said, &copies);
        let svg = h.as_str();
        assert_eq!(
            svg.matches("Sahiba &lt;Gafarova&gt;</text>").count(),
            1,
            "{svg}"
        );
        assert_eq!(svg.matches("class=\"reports\"").count(), 2, "{svg}");
        assert_eq!(svg.matches("class=\"copy\"").count(), 1, "{svg}");
        assert!(svg.contains("D1 Lawmakers urge · 26 Nov"), "{svg}");
    }
}
