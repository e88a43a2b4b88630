//! Saved web pages through the real binary: the article found and the
//! furniture dropped, charsets, metadata from each place a page keeps it,
//! hostile pages, mixed directories, bad pages refused by name with nothing
//! stored, and `ingest --reextract`. The pages under tests/html/ were written
//! for these tests.

mod common;

use std::path::Path;

use common::Workdir;

fn page_file(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/html")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

/// A stored document's metadata and where each field came from.
#[derive(Debug, PartialEq)]
struct Meta {
    outlet: (String, Option<String>),
    title: (Option<String>, Option<String>),
    url: (Option<String>, Option<String>),
    published: (Option<String>, Option<String>),
    byline: (Option<String>, Option<String>),
}

impl Workdir {
    fn conn(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db()).unwrap()
    }

    fn text(&self, document: i64) -> String {
        self.conn()
            .query_row(
                "SELECT text FROM documents WHERE id = ?1",
                [document],
                |r| r.get(0),
            )
            .unwrap()
    }

    fn meta(&self, document: i64) -> Meta {
        self.conn()
            .query_row(
                "SELECT o.name, d.outlet_from, d.title, d.title_from, d.url, d.url_from,
                        d.published, d.published_from, d.byline, d.byline_from
                 FROM documents d JOIN outlets o ON o.id = d.outlet_id WHERE d.id = ?1",
                [document],
                |r| {
                    Ok(Meta {
                        outlet: (r.get(0)?, r.get(1)?),
                        title: (r.get(2)?, r.get(3)?),
                        url: (r.get(4)?, r.get(5)?),
                        published: (r.get(6)?, r.get(7)?),
                        byline: (r.get(8)?, r.get(9)?),
                    })
                },
            )
            .unwrap()
    }

    /// Every mention's span is a piece of its document's text: its words
    /// (the ledger keeps no copy of them).
    fn assert_spans_hold(&self) {
        let conn = self.conn();
        let mut stmt = conn
            .prepare(
                "SELECT d.text, m.span_start, m.span_end
                 FROM mentions m JOIN documents d ON d.id = m.document_id",
            )
            .unwrap();
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, usize>(1)?,
                    r.get::<_, usize>(2)?,
                ))
            })
            .unwrap();
        for row in rows {
            let (text, start, end) = row.unwrap();
            assert!(
                text.get(start..end).is_some_and(|w| !w.is_empty()),
                "{start}..{end}"
            );
        }
    }
}

fn some(value: &str) -> Option<String> {
    Some(value.to_string())
}

/// Both of a field's value and source.
fn found(value: &str, from: &str) -> (Option<String>, Option<String>) {
    (some(value), some(from))
}

const NOTHING: (Option<String>, Option<String>) = (None, None);

/// Asserts that `text` holds each of `kept` and none of `dropped`.
fn assert_text(text: &str, kept: &[&str], dropped: &[&str]) {
    for words in kept {
        assert!(text.contains(words), "{words:?} not in {text}");
    }
    for words in dropped {
        assert!(!text.contains(words), "{words:?} in {text}");
    }
}

#[test]
fn a_news_page_keeps_the_article_and_drops_the_furniture() {
    let ledger = Workdir::new();
    let out = ledger.run(&["ingest", &page_file("news.html")]);
    assert!(
        out.contains("added  1            The Harbour Courier"),
        "{out}"
    );
    let text = ledger.text(1);
    assert_text(
        &text,
        &[
            "At least 12 people were killed when a fire swept through a fertiliser warehouse",
            "Fire chief Tomas Reyes said the blaze started shortly after 5 p.m.",
            "\"We were fighting it for six hours before we could say it was under control,\" he told reporters.",
            "More than 40 people were taken to hospital",
            "Its director, Elin Sandvik, said an inquiry would look at how the fertiliser had been stored.",
            "The warehouse, built in 1987, had passed a safety inspection in January",
        ],
        &[
            "We use cookies",
            "Accept all cookies",
            "Subscribe from",
            "Share on Facebook",
            "Email this story",
            "Related stories",
            "Five things to know about ammonium nitrate",
            "Sign up for our free newsletter",
            "my thoughts are with the families",
            "Load more comments",
            "Most read",
            "Ellery United",
            "All rights reserved",
            "dataLayer",
            "cookie-banner",
        ],
    );
    // Paragraphs stay apart, so no sentence runs from one into the next.
    assert!(
        text.contains("the city's fire service said.\n\nFire chief Tomas Reyes"),
        "{text}"
    );
    assert_eq!(
        ledger.meta(1),
        Meta {
            outlet: ("The Harbour Courier".into(), some("og:site_name")),
            title: found("Warehouse fire kills 12 in Port Ellery", "og:title"),
            url: found(
                "https://www.harbourcourier.example/news/2024/03/05/warehouse-fire",
                "link rel=canonical"
            ),
            // The publisher's own day, not UTC's (which is the 6th).
            published: found("2024-03-05", "article:published_time"),
            byline: found("Mara Ilić, Jon Okafor", "JSON-LD author"),
        }
    );
    // Claims come from the article, and each quote is one sentence of it.
    let claims = ledger.run(&["claim", "list"]);
    assert!(claims.contains("people killed"), "{claims}");
    assert!(!claims.contains("cookies"), "{claims}");
    ledger.assert_spans_hold();
    let quotes: Vec<String> = ledger
        .conn()
        .prepare("SELECT quote FROM claim_mentions")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!quotes.is_empty());
    assert!(quotes.iter().all(|q| !q.contains('\n')), "{quotes:?}");

    // claim show says where each field was found, in text and JSON.
    let shown = ledger.run(&["claim", "show", "1"]);
    for line in [
        "documents (1):",
        "- D1 The Harbour Courier",
        "outlet:    The Harbour Courier (from og:site_name)",
        "title:     Warehouse fire kills 12 in Port Ellery (from og:title)",
        "published: 2024-03-05 (from article:published_time)",
        "byline:    Mara Ilić, Jon Okafor (from JSON-LD author)",
        "(from link rel=canonical)",
        "text:      a web page, text by rs-trafilatura 0.2.2",
    ] {
        assert!(shown.contains(line), "{line:?} not in {shown}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&ledger.run(&["claim", "show", "1", "--format", "json"])).unwrap();
    let document = &json["documents"][0];
    assert_eq!(document["title_from"], "og:title");
    assert_eq!(document["outlet_from"], "og:site_name");
    assert_eq!(document["published_from"], "article:published_time");
    assert_eq!(document["url_from"], "link rel=canonical");
    assert_eq!(document["byline"], "Mara Ilić, Jon Okafor");
    assert_eq!(document["byline_from"], "JSON-LD author");

    // The page itself is kept, as read.
    let (size, charset, gzip): (i64, String, Vec<u8>) = ledger
        .conn()
        .query_row(
            "SELECT size, charset, gzip FROM pages WHERE document_id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let original = std::fs::read(page_file("news.html")).unwrap();
    assert_eq!(size as usize, original.len());
    assert_eq!(charset, "UTF-8");
    let mut unzipped = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gzip[..]), &mut unzipped)
        .unwrap();
    assert_eq!(unzipped, original);
}

#[test]
fn a_windows_1252_page_is_read_in_its_declared_charset() {
    let ledger = Workdir::new();
    ledger.run(&["ingest", &page_file("windows-1252.html")]);
    let text = ledger.text(1);
    assert_text(
        &text,
        &[
            "Owners of the caf\u{e9}s along the old market square",
            "since the bridge closed in September \u{2014} and that",
            "\u{201c}We have never had a November like this,\u{201d} said Ren\u{e9}e Fischbach",
            "Caf\u{e9} Z\u{fc}rcher",
            "\u{20ac}4.2 million",
        ],
        &["\u{fffd}"],
    );
    let meta = ledger.meta(1);
    assert_eq!(
        meta.title,
        found(
            "Caf\u{e9} owners fear \u{201c}the worst winter in decades\u{201d} \u{2013} Valley Gazette",
            "<title>"
        )
    );
    assert_eq!(meta.published, found("2023-11-14", "<time datetime>"));
    let charset: String = ledger
        .conn()
        .query_row("SELECT charset FROM pages", [], |r| r.get(0))
        .unwrap();
    assert_eq!(charset, "windows-1252");
}

#[test]
fn an_article_split_across_divs_is_found_whole() {
    let ledger = Workdir::new();
    ledger.run(&["ingest", &page_file("split.html")]);
    let text = ledger.text(1);
    assert_text(
        &text,
        &[
            "Barge traffic on the lower river has fallen by half since July",
            "Shipping companies said most barges could now carry only a third",
            "\"We are loading 900 tonnes where we would normally load 2,700,\" said Anouk Verbeek",
            "The waterways agency said it expected levels to fall further",
            "Coal and grain deliveries to the upstream power station have moved to rail",
            "The agency will publish new water level forecasts on Friday.",
        ],
        &[
            "Cheap flights",
            "Advertisement",
            "Log in",
            "Advertise with us",
        ],
    );
    // The outlet by an @id reference in a JSON-LD @graph.
    assert_eq!(
        ledger.meta(1),
        Meta {
            outlet: ("Riverside Herald".into(), some("JSON-LD publisher")),
            title: found("Drought cuts river traffic by half", "JSON-LD headline"),
            url: found(
                "https://news.riverside-herald.example/2022/08/drought-river-traffic",
                "og:url"
            ),
            published: found("2022-08-17", "JSON-LD datePublished"),
            byline: found("Petra Lindqvist", "JSON-LD author"),
        }
    );
}

/// A page that tries everything that should never become article text.
fn hostile_page() -> Vec<u8> {
    let mut page = String::from(
        "<!DOCTYPE html><html><head><title>Council approves harbour budget</title>\
         <meta property=\"og:site_name\" content=\"Hostile Daily\">\
         <style>body::after { content: 'STYLE-TEXT' }</style>\
         <script>",
    );
    // A 10 MB inline script.
    let line = "var tracker = 'SCRIPT-TEXT'; document.write('<p>Injected paragraph</p>');\n";
    while page.len() < 10 * 1024 * 1024 {
        page.push_str(line);
    }
    page.push_str(
        "</script></head><body onload=\"alert('ONLOAD-TEXT')\">\
         <iframe srcdoc=\"<p>IFRAME-TEXT in a frame that is a page of its own</p>\" src=\"https://ads.example/\">IFRAME-FALLBACK</iframe>\
         <noscript><p>NOSCRIPT-TEXT please enable JavaScript to read the whole story here.</p></noscript>\
         <template><p>TEMPLATE-TEXT that a script would put in the page later on.</p></template>\
         <article>\
         <p>The city council approved a harbour budget of 14 million euros on Monday, after a debate that lasted more than five hours.</p>\
         <div hidden><p>HIDDEN-TEXT that no reader of this page ever sees on the screen at all.</p></div>\
         <p style=\"display: none\">STYLED-HIDDEN-TEXT that no reader sees on the screen either.</p>\
         <p>Councillor Ada Brandt said the vote would secure the ferry service for at least ten years. <a href=\"javascript:alert('LINK-TEXT')\" onclick=\"steal()\">Read the budget</a>.</p>\
         <object data=\"x.swf\">OBJECT-TEXT</object><embed src=\"y.swf\">\
         <svg><text>SVG-TEXT</text></svg>\
         <p>Opposition members said the plan left too little money for the repair of the north pier.</p>\
         <form><input value=\"INPUT-TEXT\"><textarea>TEXTAREA-TEXT</textarea><button>BUTTON-TEXT</button>\
         <select><option>OPTION-TEXT</option></select></form>\
         </article>\
         <script>var more = 'LATE-SCRIPT-TEXT';</script>\
         </body></html>",
    );
    page.into_bytes()
}

#[test]
fn a_hostile_page_stores_nothing_that_runs_or_hides() {
    let ledger = Workdir::new();
    let page = ledger.file("hostile.html", hostile_page());
    ledger.run(&["ingest", "--url", "https://hostile.example/budget", &page]);
    let text = ledger.text(1);
    assert_text(
        &text,
        &[
            "The city council approved a harbour budget of 14 million euros on Monday",
            "Councillor Ada Brandt said the vote would secure the ferry service",
            "Opposition members said the plan left too little money",
        ],
        &[
            "SCRIPT-TEXT",
            "Injected",
            "document.write",
            "STYLE-TEXT",
            "ONLOAD-TEXT",
            "IFRAME-TEXT",
            "IFRAME-FALLBACK",
            "NOSCRIPT-TEXT",
            "TEMPLATE-TEXT",
            "HIDDEN-TEXT",
            "LINK-TEXT",
            "javascript",
            "steal",
            "OBJECT-TEXT",
            "SVG-TEXT",
            "INPUT-TEXT",
            "TEXTAREA-TEXT",
            "BUTTON-TEXT",
            "OPTION-TEXT",
            "LATE-SCRIPT-TEXT",
        ],
    );
    // What is stored stays the size of the article, not of the page.
    assert!(text.len() < 1_000, "{} bytes: {text}", text.len());
    let (size, gzip): (i64, i64) = ledger
        .conn()
        .query_row("SELECT size, length(gzip) FROM pages", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert!(size > 10 * 1024 * 1024);
    assert!(gzip < size / 10, "{gzip} bytes compressed");
    assert_eq!(
        ledger.meta(1).outlet,
        ("Hostile Daily".into(), some("og:site_name"))
    );

    // Nesting: what no reader's page does is refused before it is parsed
    // (the parser's work grows with the square of the depth), and what is
    // merely deep is flattened before the extractors (theirs with the cube).
    let article = "<p>The harbour master said the channel would be dredged again in the spring, for the third time in five years.</p>";
    let nested = |depth: usize| {
        format!(
            "<html><head><meta property=\"og:site_name\" content=\"Deep News\"></head><body>{}{article}{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        )
    };
    let abyss = ledger.file("abyss.html", nested(100_000).as_bytes());
    ledger.fails_unchanged(
        &["ingest", &abyss],
        "abyss.html: the page nests its elements more than 1000 deep",
    );
    let deep = ledger.file("deep.html", nested(900).as_bytes());
    let start = std::time::Instant::now();
    ledger.run(&["ingest", &deep]);
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
    assert!(ledger
        .text(2)
        .contains("the channel would be dredged again"));
}

#[test]
fn metadata_comes_from_each_place_a_page_keeps_it() {
    let ledger = Workdir::new();
    let body = "<body><article><p>The ferry company said on Monday that it would add a second boat to the island route from June, after passenger numbers rose by a fifth last summer.</p>\
                <p>The company's chief executive said the new boat would carry 300 passengers.</p></article></body></html>";
    let page = |name: &str, head: &str| {
        ledger.file(
            &format!("pages/{name}"),
            format!("<html><head>{head}</head>{body}")
                .replace("The ferry", &format!("The {name} ferry"))
                .as_bytes(),
        )
    };
    // Open Graph and article: meta tags.
    page(
        "a.html",
        r#"<title>A title - Site</title><meta property="og:title" content="A headline">
           <meta property="og:site_name" content="Site A">
           <meta property="article:published_time" content="2024-01-02T10:00:00Z">
           <meta property="article:author" content="Ann Author">
           <link rel="canonical" href="https://a.example/story">"#,
    );
    // JSON-LD, and og:url for the address.
    page(
        "b.html",
        r#"<title>B title - Site</title>
           <meta property="og:url" content="https://b.example/story">
           <script type="application/ld+json">{"@type": "BlogPosting", "headline": "B headline",
             "datePublished": "2024-02-03", "publisher": "Site B", "author": {"name": "Bo Writer"}}</script>"#,
    );
    // Plain HTML: <title>, <time datetime>, <meta name=author>, and the
    // outlet from the address's host.
    ledger.file(
        "pages/c.htm",
        format!(
            r#"<html><head><title>C title</title><meta name="author" content="Cy Scribe">
               <link rel="canonical" href="https://www.c-news.example/story"></head>
               <body><article><time datetime="2024-03-04T09:00">4 March</time>{}"#,
            &body["<body><article>".len()..]
        )
        .replace("The ferry", "The c ferry")
        .as_bytes(),
    );
    // A text article in the same directory, with a byline in its header.
    ledger.file(
        "pages/d.txt",
        b"outlet: Site D\ntitle: D title\nbyline: Di Reporter\n\nThe ferry company added a boat.\n",
    );
    // Neither a page nor a text article: not read.
    ledger.file("pages/notes.md", b"# not an article\n");
    let dir = ledger.dir.path().join("pages");
    let out = ledger.run(&["ingest", dir.to_str().unwrap()]);
    assert!(out.contains("4 documents added"), "{out}");
    assert_eq!(
        ledger.meta(1),
        Meta {
            outlet: ("Site A".into(), some("og:site_name")),
            title: found("A headline", "og:title"),
            url: found("https://a.example/story", "link rel=canonical"),
            published: found("2024-01-02", "article:published_time"),
            byline: found("Ann Author", "article:author"),
        }
    );
    assert_eq!(
        ledger.meta(2),
        Meta {
            outlet: ("Site B".into(), some("JSON-LD publisher")),
            title: found("B headline", "JSON-LD headline"),
            url: found("https://b.example/story", "og:url"),
            published: found("2024-02-03", "JSON-LD datePublished"),
            byline: found("Bo Writer", "JSON-LD author"),
        }
    );
    assert_eq!(
        ledger.meta(3),
        Meta {
            outlet: ("c-news.example".into(), some("host of the address")),
            title: found("C title", "<title>"),
            url: found("https://www.c-news.example/story", "link rel=canonical"),
            published: found("2024-03-04", "<time datetime>"),
            byline: found("Cy Scribe", "meta author"),
        }
    );
    assert_eq!(
        ledger.meta(4),
        Meta {
            outlet: ("Site D".into(), some("header")),
            title: found("D title", "header"),
            url: NOTHING,
            published: NOTHING,
            byline: found("Di Reporter", "header"),
        }
    );

    // Flags win over the page, and say so.
    let e = page(
        "e.html",
        r#"<meta property="og:title" content="E headline"><meta property="og:site_name" content="Site E">"#,
    );
    ledger.run(&[
        "ingest",
        "--title",
        "E by hand",
        "--outlet",
        "Desk E",
        "--url",
        "https://e.example/x",
        "--published",
        "2024-05-06",
        "--byline",
        "Ed Itor",
        &e,
    ]);
    assert_eq!(
        ledger.meta(5),
        Meta {
            outlet: ("Desk E".into(), some("flag")),
            title: found("E by hand", "flag"),
            url: found("https://e.example/x", "flag"),
            published: found("2024-05-06", "flag"),
            byline: found("Ed Itor", "flag"),
        }
    );

    // No outlet in the page and no address: the error a text file gets,
    // naming the file; an address given by flag gives the host.
    let f = page("f.html", "<title>F</title>");
    ledger.fails_unchanged(&["ingest", &f], "f.html: no outlet");
    ledger.run(&["ingest", "--url", "https://f.example/y", &f]);
    assert_eq!(
        ledger.meta(6).outlet,
        ("f.example".into(), some("host of the address"))
    );
}

#[test]
fn bad_pages_are_refused_by_name_and_nothing_is_stored() {
    let ledger = Workdir::new();
    let good = ledger.file("batch/good.txt", b"outlet: Good News\n\nA good article.\n");
    let article = "<p>The ferry company said on Monday that it would add a second boat to the island route from June.</p>";
    let cases: [(&str, Vec<u8>, &str); 5] = [
        (
            "truncated.html",
            format!("<html><head><title>T</title></head><body>{article}<p>And then the sto").into_bytes(),
            "truncated.html: the page stops before its end",
        ),
        (
            "text.html",
            b"Just words in a file called html.\n".to_vec(),
            "text.html: not an HTML page",
        ),
        (
            "binary.htm",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR<html>".to_vec(),
            "binary.htm: not an HTML page: the file holds binary data",
        ),
        (
            "empty-body.html",
            b"<html><head><title>Nothing</title></head><body>\n</body></html>".to_vec(),
            "empty-body.html: no article text found",
        ),
        (
            "only-scripts.html",
            b"<html><body><script>document.write('<p>Words a script writes.</p>');</script></body></html>"
                .to_vec(),
            "only-scripts.html: no article text found",
        ),
    ];
    for (name, bytes, error) in cases {
        let bad = ledger.file(&format!("batch/{name}"), &bytes);
        ledger.fails_unchanged(&["ingest", "--outlet", "X", &good, &bad], error);
        std::fs::remove_file(&bad).unwrap();
    }
    // The whole directory at once is refused the same way.
    ledger.file(
        "batch/z-truncated.html",
        format!("<html><body>{article}").as_bytes(),
    );
    let dir = ledger.dir.path().join("batch");
    ledger.fails_unchanged(
        &["ingest", "--outlet", "X", dir.to_str().unwrap()],
        "z-truncated.html: the page stops before its end",
    );
    assert!(!ledger.run(&["outlet", "list"]).contains("Good News"));
}

#[test]
fn reextract_puts_a_better_text_in_place_and_moves_the_mentions() {
    let ledger = Workdir::new();
    ledger.run(&["ingest", &page_file("news.html")]);
    let stored = ledger.text(1);
    let mentions: i64 = ledger
        .conn()
        .query_row("SELECT count(*) FROM mentions", [], |r| r.get(0))
        .unwrap();
    // As an older extractor would have left it: paragraphs run together
    // (the sentences as before, at other offsets), and a line of furniture.
    let conn = ledger.conn();
    conn.pragma_update(None, "foreign_keys", false).unwrap();
    conn.execute_batch(
        "CREATE TEMP TABLE words AS SELECT mention_id AS id, CAST(quote AS BLOB) AS quote
             FROM claim_mentions;
         UPDATE documents SET text = 'Share on Facebook. ' || replace(text, char(10) || char(10), '');
         UPDATE mentions SET
           span_start = instr(CAST((SELECT text FROM documents WHERE id = 1) AS BLOB),
                              (SELECT quote FROM words w WHERE w.id = mentions.id)) - 1,
           span_end = instr(CAST((SELECT text FROM documents WHERE id = 1) AS BLOB),
                            (SELECT quote FROM words w WHERE w.id = mentions.id)) - 1
                      + length((SELECT quote FROM words w WHERE w.id = mentions.id));
         UPDATE pages SET extractor = 'an old extractor 0.1';",
    )
    .unwrap();
    drop(conn);
    ledger.assert_spans_hold();
    let out = ledger.run(&["ingest", "--reextract"]);
    assert!(
        out.contains("updated  1            rs-trafilatura 0.2.2  0"),
        "{out}"
    );
    assert!(
        out.contains("1 pages extracted again: 1 updated, 0 unchanged, 0 kept their text"),
        "{out}"
    );
    assert_eq!(ledger.text(1), stored);
    ledger.assert_spans_hold();
    let after: i64 = ledger
        .conn()
        .query_row("SELECT count(*) FROM mentions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after, mentions, "the same mentions, moved");
    assert!(ledger.run(&["audit"]).starts_with("OK"));
    // Nothing changes the second time.
    let again = ledger.run(&["ingest", "--reextract", "--format", "json"]);
    let again: serde_json::Value = serde_json::from_str(&again).unwrap();
    assert_eq!(again[0]["result"], "unchanged");

    // A mention whose words the new text lacks holds the old text in place.
    let conn = ledger.conn();
    conn.execute_batch(
        "UPDATE documents SET text = text || char(10) || char(10) || 'Share on Facebook.';
         INSERT INTO mentions (claim_id, document_id, stance, span_start, span_end, origin)
         SELECT 1, 1, 'asserts', length(CAST(text AS BLOB)) - 18,
                length(CAST(text AS BLOB)), 'manual' FROM documents WHERE id = 1;",
    )
    .unwrap();
    drop(conn);
    ledger.assert_spans_hold();
    let kept = ledger.run(&["ingest", "--reextract"]);
    assert!(kept.contains("kept"), "{kept}");
    assert!(
        kept.contains("the quote of mention M") && kept.contains("is not in the new text"),
        "{kept}"
    );
    assert!(ledger.text(1).ends_with("Share on Facebook."));
    // Reextract reads no files.
    common::claimledger(ledger.dir.path(), &["ingest", "--reextract", "x.html"])
        .assert()
        .code(2);
}
