//! A page's title, outlet, address, published date and byline, each with
//! the place in the page it was found. Each field takes the first source,
//! in this order, that gives a usable value:
//!
//! - title: `og:title`, JSON-LD `headline`, `<title>`;
//! - outlet: `og:site_name`, JSON-LD `publisher` (its `name`);
//! - address: `<link rel=canonical>`, `og:url` (absolute http or https);
//! - published: `article:published_time`, JSON-LD `datePublished`,
//!   `<time datetime>` (the date part of an ISO date or timestamp);
//! - byline: JSON-LD `author` (names joined with ", "), `<meta name=author>`,
//!   `article:author` (unless it is an address).
//!
//! The JSON-LD object read is the page's first article (`@type` ending in
//! `Article`, or a blog or live-blog posting), else the first with a
//! headline; `@graph` lists and `@id` references are followed.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use dom_query::Document;
use serde_json::Value;

use crate::model::FieldSource;

/// A metadata value longer than this is page junk, not a title or name:
/// the next source is tried instead.
const MAX_FIELD_CHARS: usize = 1_000;

/// A value and where it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<T> {
    /// The value.
    pub value: T,
    /// Where in the page it was found.
    pub from: FieldSource,
}

/// What a page says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMetadata {
    /// The article's title.
    pub title: Option<Found<String>>,
    /// The outlet's name.
    pub outlet: Option<Found<String>>,
    /// The page's own address.
    pub url: Option<Found<String>>,
    /// The day it was published.
    pub published: Option<Found<NaiveDate>>,
    /// Who wrote it.
    pub byline: Option<Found<String>>,
}

/// Reads the metadata of a parsed page.
pub fn read(doc: &Document) -> PageMetadata {
    let metas = metas(doc);
    let meta = |key: &str| metas.get(key).map(String::as_str);
    let ld = JsonLd::read(doc);
    let article = ld.article();

    let title = first([
        (meta("og:title").and_then(text), FieldSource::OgTitle),
        (
            article.and_then(|a| ld.text(a.get("headline"))),
            FieldSource::JsonLdHeadline,
        ),
        (title_element(doc), FieldSource::TitleElement),
    ]);
    let outlet = first([
        (meta("og:site_name").and_then(text), FieldSource::OgSiteName),
        (
            article.and_then(|a| ld.names(a.get("publisher"))),
            FieldSource::JsonLdPublisher,
        ),
    ]);
    let url = first([
        (canonical(doc), FieldSource::Canonical),
        (meta("og:url").and_then(address), FieldSource::OgUrl),
    ]);
    let published = first([
        (
            meta("article:published_time").and_then(date),
            FieldSource::ArticlePublishedTime,
        ),
        (
            article
                .and_then(|a| ld.text(a.get("datePublished")))
                .as_deref()
                .and_then(date),
            FieldSource::JsonLdDatePublished,
        ),
        (time_element(doc), FieldSource::TimeElement),
    ]);
    let byline = first([
        (
            article.and_then(|a| ld.names(a.get("author"))),
            FieldSource::JsonLdAuthor,
        ),
        (meta("author").and_then(text), FieldSource::MetaAuthor),
        (
            meta("article:author")
                .filter(|v| !v.contains("://"))
                .and_then(text),
            FieldSource::ArticleAuthor,
        ),
    ]);
    PageMetadata {
        title,
        outlet,
        url,
        published,
        byline,
    }
}

/// The first source that gave a value.
fn first<T, const N: usize>(candidates: [(Option<T>, FieldSource); N]) -> Option<Found<T>> {
    candidates
        .into_iter()
        .find_map(|(value, from)| value.map(|value| Found { value, from }))
}

/// The host of an http or https address, without `www.`: the outlet of a
/// page that names none.
pub fn host(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    // Without the port; an IPv6 address keeps its brackets.
    let host = match host.find(']').filter(|_| host.starts_with('[')) {
        Some(end) => &host[..=end],
        None => host.split(':').next().unwrap_or(""),
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let valid = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '[' | ']' | ':'));
    valid.then(|| host.to_string())
}

/// `<meta>` contents by lowercased `property`, `name` or `itemprop`; the
/// first of each wins.
fn metas(doc: &Document) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for node in doc.select("meta").nodes() {
        let Some(content) = node.attr("content") else {
            continue;
        };
        for key in ["property", "name", "itemprop"] {
            if let Some(key) = node.attr(key) {
                out.entry(key.trim().to_ascii_lowercase())
                    .or_insert_with(|| content.to_string());
            }
        }
    }
    out
}

/// Text as a person reads it: entities unescaped (JSON-LD is not HTML,
/// yet pages escape it, some twice: `&amp;#039;`), whitespace runs made
/// one space; none when empty or too long.
fn text(value: &str) -> Option<String> {
    let mut value = value.to_string();
    for _ in 0..2 {
        if !(value.contains('&') && value.contains(';')) {
            break;
        }
        value = Document::fragment(value.as_str()).root().text().to_string();
    }
    let out = value.split_whitespace().collect::<Vec<_>>().join(" ");
    (!out.is_empty() && out.chars().count() <= MAX_FIELD_CHARS).then_some(out)
}

/// An absolute http or https address.
fn address(value: &str) -> Option<String> {
    let value = value.trim();
    let ok = host(value).is_some()
        && !value.chars().any(char::is_whitespace)
        && value.len() <= MAX_FIELD_CHARS;
    ok.then(|| value.to_string())
}

/// The date part of an ISO date or timestamp ("2019-11-20T13:14:00+02:00"
/// is 20 November, the publisher's own day).
fn date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    let day = value.get(..10)?;
    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    let rest = &value[10..];
    let ends = rest.is_empty() || rest.starts_with(['T', 't', ' ']);
    (ends && (1800..=2200).contains(&date.year())).then_some(date)
}

fn title_element(doc: &Document) -> Option<String> {
    let head = doc.select("head > title");
    let titles = if head.exists() {
        head
    } else {
        doc.select("title")
    };
    titles.nodes().first().and_then(|n| text(&n.text()))
}

fn canonical(doc: &Document) -> Option<String> {
    doc.select("link[rel][href]").nodes().iter().find_map(|n| {
        let rel = n.attr("rel")?;
        rel.split_whitespace()
            .any(|r| r.eq_ignore_ascii_case("canonical"))
            .then(|| n.attr("href"))
            .flatten()
            .and_then(|href| address(&href))
    })
}

/// A `<time datetime>` marked as the published date, else the first in
/// an `<article>`, else the first in the page.
fn time_element(doc: &Document) -> Option<NaiveDate> {
    for selector in [
        "time[itemprop~=datePublished][datetime]",
        "article time[datetime]",
        "time[datetime]",
    ] {
        let found = doc
            .select(selector)
            .nodes()
            .iter()
            .find_map(|n| n.attr("datetime").and_then(|d| date(&d)));
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The JSON-LD objects of a page, flattened, with an index by `@id`.
struct JsonLd {
    objects: Vec<Value>,
    by_id: HashMap<String, usize>,
}

/// Nesting deeper than this in JSON-LD is not followed.
const MAX_LD_DEPTH: usize = 8;

impl JsonLd {
    fn read(doc: &Document) -> JsonLd {
        let mut objects = Vec::new();
        for node in doc.select("script[type]").nodes() {
            let is_ld = node.attr("type").is_some_and(|t| {
                t.split(';')
                    .next()
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
            });
            if !is_ld {
                continue;
            }
            // Malformed JSON-LD is common on the web: it is skipped.
            if let Ok(value) = serde_json::from_str::<Value>(node.text().trim()) {
                flatten(value, 0, &mut objects);
            }
        }
        let mut by_id = HashMap::new();
        for (i, object) in objects.iter().enumerate() {
            if let Some(id) = object.get("@id").and_then(Value::as_str) {
                by_id.entry(id.to_string()).or_insert(i);
            }
        }
        JsonLd { objects, by_id }
    }

    /// The page's article object.
    fn article(&self) -> Option<&Value> {
        self.objects
            .iter()
            .find(|o| types(o).any(is_article_type))
            .or_else(|| self.objects.iter().find(|o| o.get("headline").is_some()))
    }

    /// An object itself, or the one an `{"@id": ...}` reference names.
    fn resolve<'a>(&'a self, value: &'a Value) -> &'a Value {
        match value.as_object() {
            Some(map) if map.len() == 1 => value
                .get("@id")
                .and_then(Value::as_str)
                .and_then(|id| self.by_id.get(id))
                .map_or(value, |&i| &self.objects[i]),
            _ => value,
        }
    }

    /// A string value (the first of a list).
    fn text(&self, value: Option<&Value>) -> Option<String> {
        match value? {
            Value::String(s) => text(s),
            Value::Array(items) => items.iter().find_map(|v| self.text(Some(v))),
            _ => None,
        }
    }

    /// The names of a person or organization, or of a list of them,
    /// joined with ", ".
    fn names(&self, value: Option<&Value>) -> Option<String> {
        let mut names = Vec::new();
        let items: Vec<&Value> = match value? {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for item in items {
            let name = match self.resolve(item) {
                Value::String(s) if !s.contains("://") => text(s),
                object @ Value::Object(_) => self.text(object.get("name")),
                _ => None,
            };
            if let Some(name) = name.filter(|n| !names.contains(n)) {
                names.push(name);
            }
        }
        text(&names.join(", "))
    }
}

/// Pushes the objects in a JSON-LD value: itself, the items of a list,
/// and the members of an `@graph`.
fn flatten(value: Value, depth: usize, out: &mut Vec<Value>) {
    if depth > MAX_LD_DEPTH {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                flatten(item, depth + 1, out);
            }
        }
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, depth + 1, out);
            }
            if !map.is_empty() {
                out.push(Value::Object(map));
            }
        }
        _ => {}
    }
}

/// The `@type` words of an object.
fn types(object: &Value) -> impl Iterator<Item = &str> {
    let value = object.get("@type");
    let list: Vec<&str> = match value {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    list.into_iter()
}

fn is_article_type(t: &str) -> bool {
    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
    t.ends_with("Article") || matches!(t, "BlogPosting" | "LiveBlogPosting" | "Report")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str, body: &str) -> PageMetadata {
        read(&Document::from(format!(
            "<html><head>{head}</head><body>{body}</body></html>"
        )))
    }

    /// Each field the page gave, as "field: value (source)".
    fn fields(m: &PageMetadata) -> Vec<String> {
        let show = |name: &str, value: Option<(String, FieldSource)>| {
            value.map(|(value, from)| format!("{name}: {value} ({from})"))
        };
        let text = |f: &Option<Found<String>>| f.as_ref().map(|f| (f.value.clone(), f.from));
        [
            show("title", text(&m.title)),
            show("outlet", text(&m.outlet)),
            show("url", text(&m.url)),
            show(
                "published",
                m.published.as_ref().map(|f| (f.value.to_string(), f.from)),
            ),
            show("byline", text(&m.byline)),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    #[test]
    fn open_graph_comes_first() {
        let m = page(
            r#"<title>Fire at the port - Daily</title>
               <meta property="og:title" content="Fire at the port">
               <meta property="og:site_name" content="The Daily">
               <meta property="og:url" content="https://daily.example/fire">
               <meta property="article:published_time" content="2024-03-01T23:30:00-05:00">
               <meta name="author" content="Ann Lee">
               <script type="application/ld+json">{"@type":"NewsArticle","headline":"Other",
                 "datePublished":"2024-02-01","author":{"name":"Bo Chen"},
                 "publisher":{"name":"Daily Ltd"}}</script>"#,
            "",
        );
        // The publisher's own day, not the UTC one.
        assert_eq!(
            fields(&m),
            [
                "title: Fire at the port (og:title)",
                "outlet: The Daily (og:site_name)",
                "url: https://daily.example/fire (og:url)",
                "published: 2024-03-01 (article:published_time)",
                "byline: Bo Chen (JSON-LD author)",
            ]
        );
    }

    #[test]
    fn json_ld_when_open_graph_is_missing() {
        let m = page(
            r##"<title>Fire - Daily</title>
               <script type="application/ld+json">[{"@type":"WebSite","name":"x"},
                 {"@graph":[{"@id":"#org","@type":"Organization","name":"The Daily"},
                 {"@type":["NewsArticle"],"headline":"Fire &amp;amp; smoke",
                  "datePublished":"2024-03-01","publisher":{"@id":"#org"},
                  "author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Chen"},"https://x.example/ann"]}]}]</script>"##,
            "",
        );
        assert_eq!(
            fields(&m),
            [
                "title: Fire & smoke (JSON-LD headline)",
                "outlet: The Daily (JSON-LD publisher)",
                "published: 2024-03-01 (JSON-LD datePublished)",
                "byline: Ann Lee, Bo Chen (JSON-LD author)",
            ]
        );
    }

    #[test]
    fn plain_html_sources() {
        let m = page(
            r#"<title> Fire
                 at the port </title>
               <link rel="canonical" href="https://www.daily.example/fire">
               <meta name="author" content="Ann Lee">
               <script type="application/ld+json">{not json</script>"#,
            r#"<header><time datetime="2030-01-01">today</time></header>
               <article><time datetime="2024-03-01">1 March</time><p>Text</p></article>
               <svg><title>icon</title></svg>"#,
        );
        assert_eq!(
            fields(&m),
            [
                "title: Fire at the port (<title>)",
                "url: https://www.daily.example/fire (link rel=canonical)",
                "published: 2024-03-01 (<time datetime>)",
                "byline: Ann Lee (meta author)",
            ]
        );
    }

    #[test]
    fn unusable_values_fall_through() {
        let long = "x".repeat(MAX_FIELD_CHARS + 1);
        let m = page(
            &format!(
                r#"<meta property="og:title" content="{long}"><title>Short</title>
                   <link rel="canonical" href="/relative/path">
                   <meta property="og:url" content="javascript:alert(1)">
                   <meta property="article:published_time" content="yesterday">
                   <meta property="article:author" content="https://facebook.example/ann">"#
            ),
            r#"<time datetime="2024-13-45">x</time>"#,
        );
        assert_eq!(fields(&m), ["title: Short (<title>)"]);
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host("https://www.Daily.example:8080/a?b").as_deref(),
            Some("daily.example")
        );
        assert_eq!(
            host("http://user@news.example.org").as_deref(),
            Some("news.example.org")
        );
        assert_eq!(host("ftp://x.example/"), None);
        assert_eq!(host("javascript:alert(1)"), None);
        assert_eq!(host("https:///path"), None);
        assert_eq!(host("https://exa mple.org/"), None);
    }

    #[test]
    fn dates() {
        let d = |s| date(s).map(|d| d.to_string());
        assert_eq!(d("2024-03-01").as_deref(), Some("2024-03-01"));
        assert_eq!(d("2024-03-01 10:00").as_deref(), Some("2024-03-01"));
        assert_eq!(d("2024-03-01T10:00:00.000Z").as_deref(), Some("2024-03-01"));
        assert_eq!(d("2024-03-011"), None);
        assert_eq!(d("0001-01-01"), None);
        assert_eq!(d("March 1, 2024"), None);
        assert_eq!(d("2024-03-0\u{e9}"), None);
    }
}
