//! Issue 18, tried as an attacker would: every byte of an article, a file
//! name or a CSV is hostile. Each test is one repro of the issue, run
//! through the real binary.

mod common;

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

use common::Workdir;

impl Workdir {
    /// The error a failing command prints.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd(args).assert().failure().get_output().clone();
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    /// An article from `outlet`, with extra header lines, and `body`.
    fn article(&self, name: &str, outlet: &str, header: &str, body: &str) -> String {
        self.file(name, format!("outlet: {outlet}\n{header}\n{body}\n"))
    }

    fn sql(&self, sql: &str) {
        let conn = rusqlite::Connection::open(self.db()).expect("open");
        conn.execute_batch(sql).expect("sql");
    }
}

/// What a hostile article puts in every field a report or export shows.
const HOSTILE: &str = "<script>alert(1)</script> <img src=x onerror=alert(2)> \
    ![pixel](https://tracker.example/p.gif) [click](javascript:alert(3)) \
    <https://evil.example> &amp; **bold** `code` # heading | pipe";

fn hostile_ledger() -> Workdir {
    let ledger = Workdir::new();
    let body = format!("Officials said some 2,000 peacekeepers arrived. {HOSTILE}");
    let header = "title: </script><script>alert(1)</script>\nurl: javascript:alert(1)\npublished: 2024-01-02\n";
    let outlet = "Evil <b>Wire</b> ![x](http://t.example/x.gif)";
    let file = ledger.article("a.txt", outlet, header, &body);
    // Ingest refuses an address that is not a web address...
    let err = ledger.fails(&["ingest", "--no-extract", &file]);
    assert!(
        err.contains("a.txt:3: url: 'javascript:alert(1)' is not a web address"),
        "{err}"
    );
    let file = ledger.article(
        "a.txt",
        outlet,
        &header.replace("javascript:alert(1)", "https://evil.example/a"),
        &body,
    );
    ledger
        .cmd(&["ingest", "--no-extract", &file])
        .assert()
        .success();
    // ...but a ledger edited in sqlite3, or made before that, may hold one:
    // every output must still be safe with it.
    ledger.sql("UPDATE documents SET url = 'javascript:alert(1)' WHERE id = 1");
    ledger
        .cmd(&[
            "claim",
            "add",
            "--document",
            "1",
            "--quote",
            &body,
            "--kind",
            "statement",
        ])
        .assert()
        .success();
    ledger.run(&["check"]);
    ledger
}

// 1. ClaimReview JSON-LD breaks out of its script tag.
#[test]
fn claimreview_jsonld_cannot_close_its_script_tag() {
    let ledger = hostile_ledger();
    ledger.run(&[
        "claim",
        "rate",
        "1",
        "--rating",
        "False",
        "--by",
        "Desk </script>",
        "--url",
        "https://factcheck.example/1",
    ]);
    let out = ledger.run(&["export", "claimreview", "-o", "-"]);
    assert!(!out.contains("</"), "{out}");
    assert!(
        !out.contains('<') && !out.contains('>') && !out.contains('&'),
        "{out}"
    );
    assert!(!out.contains("javascript:"), "{out}");
    // The escapes are JSON: the text reads back as it was.
    let json: Value = serde_json::from_str(&out).expect("JSON");
    let appearance = &json[0]["itemReviewed"]["appearance"][0];
    assert_eq!(appearance["headline"], "</script><script>alert(1)</script>");
    assert!(appearance.get("url").is_none(), "{appearance}");
}

// 2. The markdown report passes HTML and Markdown through.
#[test]
fn markdown_report_has_no_live_html_images_or_links() {
    let ledger = hostile_ledger();
    let out = ledger.run(&["report", "--format", "markdown"]);
    for live in ["<script", "<img", "<b>", "<https"] {
        assert!(!out.contains(live), "{live} in\n{out}");
    }
    // A link or image needs `](` after an unescaped `]`.
    let unescaped_link = out
        .match_indices("](")
        .any(|(i, _)| !out[..i].ends_with('\\'));
    assert!(!unescaped_link, "{out}");
    assert!(!out.contains('<'), "{out}");
    // The words are still there, escaped.
    assert!(out.contains("alert(1)"), "{out}");
    assert!(out.contains("&lt;script&gt;"), "{out}");
}

#[test]
fn the_reports_possible_same_claims_escape_what_documents_say() {
    // Two real articles that quote Beirut's governor alike: the check
    // suggests the pair, each claim shown with its outlets.
    let ledger = Workdir::new();
    let articles =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realcorpus/articles");
    for (i, name) in [
        "08_arabianbusiness_up-to-300000-homeless.txt",
        "10_saudigazette_death-toll-rises-past-100.txt",
    ]
    .iter()
    .enumerate()
    {
        let text = std::fs::read_to_string(articles.join(name)).expect("article");
        let hostile = format!("outlet: <img src=x onerror=alert({i})> [x](javascript:y)");
        let text: String = text
            .lines()
            .map(|l| {
                if l.starts_with("outlet:") {
                    hostile.as_str()
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        ledger.file(name, &text);
        ledger.run(&["ingest", ledger.path(name).to_str().unwrap()]);
    }
    let checked = ledger.run(&["check"]);
    assert!(checked.contains("may be one"), "{checked}");
    let out = ledger.run(&["report", "--format", "markdown"]);
    assert!(out.contains("POSSIBLE SAME CLAIMS"), "{out}");
    assert!(!out.contains("<img"), "{out}");
    assert!(out.contains("&lt;img"), "{out}");
    let unescaped_link = out
        .match_indices("](")
        .any(|(i, _)| !out[..i].ends_with('\\'));
    assert!(!unescaped_link, "{out}");
}

#[test]
fn the_reports_timelines_escape_what_documents_say() {
    // A toll on two days: the report draws its timeline, with each
    // figure's outlets and quote.
    let ledger = Workdir::new();
    let a = ledger.article(
        "a.txt",
        "<img src=x onerror=a> [x](javascript:y)",
        "published: 2024-01-02\n",
        "At least 10 people were killed in the fire in the <b>old</b> town, officials said.",
    );
    let b = ledger.article(
        "b.txt",
        "Other Wire",
        "published: 2024-01-04\n",
        "At least 25 people were killed in the fire in the old town, officials said.",
    );
    ledger.run(&["ingest", &a, &b]);
    ledger.run(&["check"]);
    let out = ledger.run(&["report", "--format", "markdown"]);
    assert!(out.contains("TIMELINES"), "{out}");
    for live in ["<img", "<b>"] {
        assert!(!out.contains(live), "{live} in\n{out}");
    }
    let unescaped_link = out
        .match_indices("](")
        .any(|(i, _)| !out[..i].ends_with('\\'));
    assert!(!unescaped_link, "{out}");
    let out = ledger.run(&["claim", "timeline", "--format", "markdown"]);
    assert!(!out.contains("<img") && !out.contains("<b>"), "{out}");
}

// 3. Terminal escape injection.
#[test]
fn printed_names_titles_and_paths_carry_no_terminal_controls() {
    let ledger = Workdir::new();
    let file = ledger.article(
        "a.txt",
        "Good\x1b[2K\rReuters\x07",
        "title: T\x1b]0;owned\x07itle\n",
        "Some 2,000 peacekeepers arrived on Monday, officials said.",
    );
    let out = ledger.run(&["ingest", &file]);
    for text in [
        out,
        ledger.run(&["outlet", "list"]),
        ledger.run(&["claim", "show", "1"]),
        {
            ledger.run(&["check"]);
            ledger.run(&["report"])
        },
    ] {
        assert!(!text.contains(['\x1b', '\r', '\x07']), "{text:?}");
    }
    // A file name with a line break prints one row, not a fake second one.
    let name = "b\n2  fake  row.txt";
    ledger.file(name, "outlet: X\n\nSome text here.\n");
    let out = ledger.run(&["ingest", ledger.path(name).to_str().unwrap()]);
    assert!(!out.lines().any(|l| l.starts_with("2 ")), "{out}");
    assert_eq!(
        out.lines().filter(|l| l.contains("fake")).count(),
        1,
        "{out}"
    );
    // And so does an error naming it, on stderr.
    let name = "c\n\x1b[1Aerror: fake.txt";
    ledger.file(name, "no outlet here\n");
    let err = ledger.fails(&["ingest", ledger.path(name).to_str().unwrap()]);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!err.contains('\x1b'), "{err:?}");
}

/// Three articles carrying one figure, from outlets named `names`.
fn spoofed(names: &[&str]) -> Workdir {
    let ledger = Workdir::new();
    for (i, name) in names.iter().enumerate() {
        let file = ledger.article(
            &format!("a{i}.txt"),
            name,
            "published: 2024-01-02\n",
            &format!(
                "Article {i} opens here. Russia has sent some 2,000 peacekeepers to the region. \
                 It ends with {i} words."
            ),
        );
        ledger.run(&["ingest", &file]);
    }
    ledger.run(&["check"]);
    ledger
}

// 4. Spoofed outlets fake corroboration.
#[test]
fn outlets_that_print_alike_are_not_independent_sources() {
    let ledger = spoofed(&["Reuters", "Reu\u{200b}ters", "R\u{0435}uters"]);
    // The zero-width space is dropped: one outlet.
    let outlets: Value =
        serde_json::from_str(&ledger.run(&["outlet", "list", "--format", "json"])).expect("JSON");
    let names: Vec<&str> = outlets
        .as_array()
        .expect("outlets")
        .iter()
        .map(|o| o["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(!names.iter().any(|n| n.contains('\u{200b}')), "{names:?}");
    // The Cyrillic one is its own outlet, but never a second source.
    let report: Value =
        serde_json::from_str(&ledger.run(&["report", "--format", "json"])).expect("JSON");
    for claim in report["claims"].as_array().expect("claims") {
        assert_ne!(claim["status"], "corroborated", "{claim}");
        assert!(claim["independent_sources"].as_i64() <= Some(1), "{claim}");
    }
    let list = ledger.run(&["outlet", "list"]);
    assert!(list.contains("looks like"), "{list}");
}

#[test]
fn actor_names_are_normalized() {
    let ledger = Workdir::new();
    ledger.run(&["actor", "add", "Nikol\u{200b} Pashinyan\u{202e}"]);
    let out = ledger.fails(&["actor", "add", "Nikol Pashinyan"]);
    assert!(out.contains("already"), "{out}");
    let list = ledger.run(&["actor", "list", "--format", "json"]);
    assert!(
        !list.contains("\\u200b") && !list.contains("\\u202e"),
        "{list}"
    );
}

/// A ledger with one quantity claim (C1) carried by one mention (M1).
fn one_claim() -> Workdir {
    let ledger = Workdir::new();
    let file = ledger.article(
        "a.txt",
        "Press TV",
        "published: 2024-01-02\n",
        "Russia has sent some 2,000 peacekeepers to the region.",
    );
    ledger.run(&["ingest", &file]);
    ledger
}

/// The CSV `export csv` writes, with `edit` applied to its second line.
fn exported(ledger: &Workdir, name: &str) -> String {
    let path = ledger.path(name);
    ledger.run(&["export", "csv", "-o", path.to_str().unwrap()]);
    std::fs::read_to_string(&path).expect("csv")
}

fn claim_text(ledger: &Workdir) -> String {
    let claim: Value =
        serde_json::from_str(&ledger.run(&["claim", "show", "1", "--format", "json"]))
            .expect("JSON");
    claim["text"].as_str().expect("text").to_string()
}

// 5. Import loses updates: an older export re-imported reverts a newer correction.
#[test]
fn an_older_export_does_not_revert_a_newer_correction() {
    let ledger = one_claim();
    let old = exported(&ledger, "old.csv");
    let before = claim_text(&ledger);
    // A correction, imported.
    let fixed = ledger.file("fixed.csv", old.replace(&before, "Corrected text"));
    ledger.run(&["import", &fixed]);
    assert_eq!(claim_text(&ledger), "Corrected text");
    // The correction imported again is no change, not a conflict.
    ledger.run(&["import", &fixed]);
    // The old file, untouched, changes nothing.
    let old_path = ledger.file("old-again.csv", &old);
    ledger.run(&["import", &old_path]);
    assert_eq!(claim_text(&ledger), "Corrected text");
    // The old file with another edit in the changed row is refused, by line and column.
    let stale = ledger.file("stale.csv", old.replace("asserts", "denies"));
    let err = ledger.fails(&["import", &stale]);
    assert!(err.contains("stale.csv:2: text:"), "{err}");
    assert!(err.contains("changed in the ledger since"), "{err}");
    assert_eq!(claim_text(&ledger), "Corrected text");
}

#[test]
fn a_csv_from_another_ledger_is_refused() {
    let one = one_claim();
    let csv = exported(&one, "one.csv");
    let other = one_claim();
    let path = other.file("from-one.csv", csv.replace("some 2,000", "some 9,000"));
    let err = other.fails(&["import", &path]);
    assert!(err.contains("another ledger"), "{err}");
}

#[test]
fn duplicate_mention_ids_are_an_error() {
    let ledger = one_claim();
    let csv = exported(&ledger, "m.csv");
    let row = csv.lines().nth(1).expect("row").to_string();
    let path = ledger.file("dup.csv", format!("{csv}{row}\r\n"));
    let err = ledger.fails(&["import", &path]);
    assert!(
        err.contains("dup.csv:3: id:") && err.contains("line 2"),
        "{err}"
    );
}

#[test]
fn one_comma_two_comma_three_is_not_123() {
    let ledger = one_claim();
    let header = "claim_id,text,kind,measure,low,high,unit,id,document_id,speaker,stance,quote";
    let path = ledger.file(
        "n.csv",
        format!("{header}\n,New figure,quantity,people killed,\"1,2,3\",\"1,2,3\",,,1,,asserts,\"some 2,000 peacekeepers\"\n"),
    );
    let err = ledger.fails(&["import", &path]);
    assert!(err.contains("low") && err.contains("1,2,3"), "{err}");
    let path = ledger.file(
        "ok.csv",
        format!("{header}\n,New figure,quantity,people killed,\"1,800\",\"2,200\",,,1,,asserts,\"some 2,000 peacekeepers\"\n"),
    );
    ledger.run(&["import", &path]);
}

#[test]
fn semicolon_csv_gets_a_clear_message_or_a_delimiter() {
    let ledger = one_claim();
    let header = "claim_id;text;kind;measure;low;high;unit;id;document_id;speaker;stance;quote";
    let csv = format!("{header}\n;New claim;statement;;;;;;1;;asserts;some 2,000 peacekeepers\n");
    let path = ledger.file("semi.csv", &csv);
    let err = ledger.fails(&["import", &path]);
    assert!(
        err.contains("semicolon") && err.contains("--delimiter"),
        "{err}"
    );
    let out = ledger.run(&["import", "--delimiter", ";", &path]);
    assert!(out.contains("1 claims added"), "{out}");
}

#[test]
fn a_semicolon_file_with_european_numbers_is_refused_not_misread() {
    let ledger = one_claim();
    let header = "claim_id;text;kind;measure;low;high;unit;id;document_id;speaker;stance;quote";
    let db = std::fs::read(ledger.db()).unwrap();
    // "2,5" is no number either way; "1.800" and "2,500" are two numbers.
    for (low, high, column) in [
        ("1.800", "2200", "low"),
        ("1800", "2,500", "high"),
        ("1800", "2,5", "high"),
    ] {
        let csv = format!(
            "{header}\n;Some peacekeepers;quantity;russian troops deployed;{low};{high};;;1;;asserts;some 2,000 peacekeepers\n"
        );
        let path = ledger.file("eu.csv", &csv);
        let err = ledger.fails(&["import", "--delimiter", ";", &path]);
        assert!(err.contains(&format!("eu.csv:2: {column}:")), "{err}");
        assert_eq!(std::fs::read(ledger.db()).unwrap(), db);
    }
}

// 6. History that can be rewritten.
#[test]
fn audit_checks_each_span_against_its_document() {
    let ledger = one_claim();
    ledger.run(&["audit"]);
    // The words are read from the document at the span: a span past the
    // text's end (or inside a character) has none to read.
    ledger.sql("UPDATE mentions SET span_end = span_end + 100000 WHERE id = 1");
    let err = ledger.fails(&["audit"]);
    assert!(
        err.contains("mention 1's span") && err.contains("is not a piece of document 1's text"),
        "{err}"
    );
    // No copy of the words is left to edit.
    ledger.sql("UPDATE mentions SET span_end = span_end - 100000 WHERE id = 1");
    ledger.run(&["audit"]);
    // A span ending inside a character: audit names it, and the report
    // still prints, the cut character shown as U+FFFD.
    let file = ledger.article(
        "b.txt",
        "Le Monde",
        "published: 2024-01-03\n",
        "Russia has sent some 2,000 peacekeepers to the région, Moscou said.",
    );
    ledger.run(&["ingest", &file]);
    ledger.sql(
        "UPDATE mentions SET span_end = instr(CAST((SELECT text FROM documents WHERE id = 2)
                                               AS BLOB), CAST('é' AS BLOB))
         WHERE document_id = 2",
    );
    let err = ledger.fails(&["audit"]);
    assert!(err.contains("is not a piece of document 2's text"), "{err}");
    ledger.run(&["check"]);
    let report = ledger.run(&["report"]);
    assert!(report.contains("the r\u{fffd}"), "{report}");
    let conn = rusqlite::Connection::open(ledger.db()).unwrap();
    assert!(conn
        .prepare("UPDATE mentions SET quote = 'Russia has sent no peacekeepers'")
        .is_err());
}

#[test]
fn audit_finds_a_document_deleted_or_credited_to_another_outlet() {
    let ledger = one_claim();
    let file = ledger.article(
        "b.txt",
        "TASS",
        "published: 2024-01-03\n",
        "Moscow said some 2,000 peacekeepers were in the region.",
    );
    ledger.run(&["ingest", &file]);
    ledger.run(&["audit"]);
    // Reuters' article credited to another outlet changes who corroborates.
    ledger.sql("UPDATE documents SET outlet_id = 2 WHERE id = 1");
    let err = ledger.fails(&["audit"]);
    assert!(
        err.contains("document 1's outlet is not the one its ingest event recorded"),
        "{err}"
    );
    ledger.sql("UPDATE documents SET outlet_id = 1 WHERE id = 1");
    ledger.run(&["audit"]);
    // A whole article and its mentions gone.
    ledger.sql("DELETE FROM mentions WHERE document_id = 2; DELETE FROM documents WHERE id = 2");
    let err = ledger.fails(&["audit"]);
    assert!(
        err.contains("document 2, recorded by its ingest event, is gone"),
        "{err}"
    );
}

#[test]
fn audit_checks_each_documents_hash_against_its_text() {
    let ledger = one_claim();
    ledger.sql("UPDATE documents SET text = replace(text, 'region', 'regions') WHERE id = 1");
    let err = ledger.fails(&["audit"]);
    assert!(err.contains("document 1"), "{err}");
    // With its content_hash recomputed too, the hash is not the one the
    // ingest event recorded.
    use sha2::{Digest, Sha256};
    let conn = rusqlite::Connection::open(ledger.path("ledger.db")).expect("open");
    let text: String = conn
        .query_row("SELECT text FROM documents WHERE id = 1", [], |r| r.get(0))
        .expect("text");
    let words: Vec<&str> = text.split_whitespace().collect();
    let hash: String = Sha256::digest(words.join(" ").as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    conn.execute(
        "UPDATE documents SET content_hash = ?1 WHERE id = 1",
        [&hash],
    )
    .expect("rehash");
    let err = ledger.fails(&["audit"]);
    assert!(
        err.contains("document 1") && err.contains("ingest event"),
        "{err}"
    );
}

/// Rewrites the events chain from row 1 on, with `detail` in row 1, as an
/// attacker with the sqlite3 shell and the published hash function would.
fn rewrite_chain(ledger: &Workdir, detail: &str) {
    use sha2::{Digest, Sha256};
    let conn = rusqlite::Connection::open(ledger.path("ledger.db")).expect("open");
    conn.execute("UPDATE events SET detail = ?1 WHERE id = 1", [detail])
        .expect("edit");
    let rows: Vec<(i64, String, String, String, Option<i64>, String)> = conn
        .prepare("SELECT id, at, action, entity, entity_id, detail FROM events ORDER BY id")
        .expect("prepare")
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let mut prev = "0".repeat(64);
    for (id, at, action, entity, entity_id, detail) in rows {
        let mut hasher = Sha256::new();
        let entity_id = entity_id.map(|v| v.to_string()).unwrap_or_default();
        for part in [
            prev.as_str(),
            &id.to_string(),
            &at,
            &action,
            &entity,
            &entity_id,
            &detail,
        ] {
            hasher.update(part.as_bytes());
            hasher.update(b"\n");
        }
        let hash: String = hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        conn.execute(
            "UPDATE events SET prev_hash = ?1, hash = ?2 WHERE id = ?3",
            rusqlite::params![prev, hash, id],
        )
        .expect("rehash");
        prev = hash;
    }
}

fn head(audit: &str) -> String {
    audit
        .lines()
        .find_map(|l| l.strip_prefix("head: "))
        .expect("head line")
        .to_string()
}

#[test]
fn audit_expect_head_detects_a_rewritten_chain() {
    let ledger = one_claim();
    let head = head(&ledger.run(&["audit"]));
    ledger.run(&["audit", "--expect-head", &head]);
    rewrite_chain(&ledger, "{\"forged\":true}");
    // Without an anchor a rewritten chain passes: the README says so.
    ledger.run(&["audit"]);
    let err = ledger.fails(&["audit", "--expect-head", &head]);
    assert!(
        err.contains(&head[..16]) && err.contains("rewritten"),
        "{err}"
    );
    // A value that cannot be a head says so, rather than "rewritten".
    let err = ledger.fails(&["audit", "--expect-head", "6660"]);
    assert!(err.contains("\"6660\" is not a head"), "{err}");
}

// 7. Hard-wrapped text breaks extraction.
#[test]
fn a_single_line_break_inside_a_paragraph_is_a_space() {
    let ledger = Workdir::new();
    let file = ledger.article(
        "a.txt",
        "Wire",
        "published: 2024-01-02\n",
        "Moscow has deployed some 2,000 Russian\npeacekeepers to the region, officials\nsaid on Monday.\n\n\
         Gafarova said \"a dirty political\ncampaign was organized\" against Baku.",
    );
    ledger.run(&["ingest", &file]);
    let claims: Value =
        serde_json::from_str(&ledger.run(&["claim", "list", "--format", "json"])).expect("JSON");
    let claims = claims.as_array().expect("claims");
    let measures: Vec<&str> = claims
        .iter()
        .filter_map(|c| c["measure"].as_str())
        .collect();
    assert!(
        measures
            .iter()
            .any(|m| m.contains("troops") || m.contains("peacekeepers")),
        "{measures:?}"
    );
    assert!(!measures.contains(&"russian"), "{measures:?}");
    let quoted = claims
        .iter()
        .filter_map(|c| c["quoted"].as_str())
        .collect::<Vec<_>>();
    assert!(
        quoted.iter().any(|q| q.contains("campaign was organized")),
        "{quoted:?}"
    );
    // Spans still point into the stored text.
    ledger.run(&["audit"]);
}

/// `text` wrapped at `width` columns as plain-text wire copy is: greedily,
/// at spaces and after a hyphen inside a word.
fn hard_wrap(text: &str, width: usize) -> String {
    let mut pieces = Vec::new();
    for word in text.split(' ') {
        let mut rest = word;
        // "non-binding" may break after its hyphen.
        while let Some(at) = rest.find('-').filter(|&at| at > 0 && at + 1 < rest.len()) {
            pieces.push((rest[..=at].to_string(), false));
            rest = &rest[at + 1..];
        }
        pieces.push((rest.to_string(), true));
    }
    let (mut out, mut line) = (String::new(), String::new());
    let mut space_before = false;
    for (piece, space_after) in pieces {
        let sep = if space_before && !line.is_empty() {
            " "
        } else {
            ""
        };
        if !line.is_empty() && line.chars().count() + sep.len() + piece.chars().count() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        } else {
            line.push_str(sep);
        }
        line.push_str(&piece);
        space_before = space_after;
    }
    out + &line
}

#[test]
fn hard_wrapped_articles_give_the_claims_their_paragraphs_give() {
    // The seeds and the real corpus, one paragraph a line, then the same
    // wrapped at 70 columns with blank lines between paragraphs.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ["seeds", "tests/realcorpus/articles"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("dir") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                files.push(path);
            }
        }
    }
    let claims = |wrap: bool| -> Vec<String> {
        let ledger = Workdir::new();
        let dir = ledger.path("articles");
        std::fs::create_dir(&dir).expect("mkdir");
        for file in &files {
            let text = std::fs::read_to_string(file).expect("article");
            let (header, body) = text.split_once("\n\n").expect("header");
            let paragraphs: Vec<String> = body
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|p| {
                    if wrap {
                        hard_wrap(p, 70)
                    } else {
                        p.to_string()
                    }
                })
                .collect();
            let text = format!("{header}\n\n{}\n", paragraphs.join("\n\n"));
            std::fs::write(dir.join(file.file_name().expect("name")), text).expect("write");
        }
        ledger.run(&["ingest", dir.to_str().expect("path")]);
        ledger.run(&["check"]);
        ledger.run(&["audit"]);
        let list: Value = serde_json::from_str(&ledger.run(&["claim", "list", "--format", "json"]))
            .expect("JSON");
        let mut claims: Vec<String> = list
            .as_array()
            .expect("claims")
            .iter()
            .map(|c| format!("{} | {} | {}", c["text"], c["status"], c["mention_count"]))
            .collect();
        claims.sort();
        claims
    };
    let (paragraphs, wrapped) = (claims(false), claims(true));
    assert!(paragraphs.len() > 100, "{paragraphs:?}");
    assert_eq!(paragraphs, wrapped);
}

// 8. Size limits.
#[test]
fn a_huge_outlet_name_is_refused_with_a_clear_message() {
    let ledger = Workdir::new();
    let name = "N".repeat(16 * 1024);
    let file = ledger.article("a.txt", &name, "", "Some text.");
    let err = ledger.fails(&["ingest", &file]);
    assert!(
        err.contains("outlet") && err.contains("characters"),
        "{err}"
    );
    let file = ledger.article(
        "b.txt",
        "Wire",
        &format!("title: {}\n", "T".repeat(5000)),
        "Some text.",
    );
    let err = ledger.fails(&["ingest", &file]);
    assert!(err.contains("title") && err.contains("characters"), "{err}");
}

#[test]
fn dot_of_a_large_ledger_is_a_summary_unless_all() {
    let ledger = Workdir::new();
    let dir = ledger.path("many");
    std::fs::create_dir(&dir).expect("dir");
    for i in 0..120 {
        let body: String = (0..6)
            .map(|j| {
                format!(
                    "Officials said {} people were hurt in town {i}x{j}. ",
                    100 + i * 7 + j
                )
            })
            .collect();
        std::fs::write(
            dir.join(format!("a{i:03}.txt")),
            format!("outlet: Outlet {i}\n\n{body}\n"),
        )
        .expect("write");
    }
    ledger.run(&["ingest", dir.to_str().unwrap()]);
    ledger.run(&["check"]);
    let out = ledger
        .cmd(&["export", "dot", "-o", "-"])
        .assert()
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--all"), "{stderr}");
    let summary = String::from_utf8_lossy(&out.stdout).into_owned();
    let all = ledger.run(&["export", "dot", "--all", "-o", "-"]);
    assert!(summary.len() < all.len(), "{} {}", summary.len(), all.len());
    // Readable: conflicting claims with the outlets that carried them, no
    // documents or actors, few enough nodes for Graphviz to lay out.
    let claims = summary
        .matches("[shape=box, style=\"rounded,filled\"")
        .count();
    assert!((1..=120).contains(&claims), "{claims} claims drawn");
    assert!(summary.contains("conflicting\", tooltip="), "{summary}");
    assert!(!summary.contains("\n  d1 ["), "{summary}");
    assert!(summary.contains(" -> c") && summary.contains("\n  o1 ["));
    assert!(
        summary.contains("--all"),
        "the picture itself says how to get the rest"
    );
    assert!(!summary.contains("single-source\", tooltip="), "{summary}");
    assert!(all.contains("single-source\", tooltip="));
    // --status and --claim already draw a part, as asked.
    let part = ledger.run(&["export", "dot", "--status", "single-source", "-o", "-"]);
    assert!(part.contains("single-source\", tooltip="));
}

// 9. Smaller ones.
#[test]
fn a_duplicate_header_key_names_both_lines() {
    let ledger = Workdir::new();
    let file = ledger.file("a.txt", "outlet: A\ntitle: One\noutlet: B\n\nText.\n");
    let err = ledger.fails(&["ingest", &file]);
    assert!(err.contains("a.txt:3:") && err.contains("line 1"), "{err}");
}

#[test]
fn nul_bytes_are_an_error() {
    let ledger = Workdir::new();
    let file = ledger.file("a.txt", "outlet: A\x00B\n\nText.\n");
    let err = ledger.fails(&["ingest", &file]);
    assert!(err.contains("NUL"), "{err}");
    let file = ledger.file("b.txt", "outlet: A\n\nText\x00 here.\n");
    let err = ledger.fails(&["ingest", &file]);
    assert!(err.contains("NUL") && err.contains("b.txt:3:"), "{err}");
}

#[test]
fn urls_are_compared_normalized_and_a_conflict_names_the_url_line() {
    let ledger = Workdir::new();
    let a = ledger.file(
        "a.txt",
        "outlet: A\nurl: https://Example.org/news/1/?utm_source=x\n\nOne text.\n",
    );
    ledger.run(&["ingest", &a]);
    let b = ledger.file(
        "b.txt",
        "outlet: A\ntitle: T\nurl: HTTPS://example.org/news/1\n\nAnother text.\n",
    );
    let err = ledger.fails(&["ingest", &b]);
    assert!(
        err.contains("b.txt:3: url:")
            && err.contains("already the address of document 1 as https://Example.org/")
            && err.contains("a.txt, with other text or outlet"),
        "{err}"
    );
    // Another page on the same host, or with a parameter that selects
    // content, is another document.
    for (name, url) in [
        ("c.txt", "https://example.org/news/10"),
        ("d.txt", "https://EXAMPLE.org/news/1?page=2&utm_medium=y"),
    ] {
        let file = ledger.file(name, format!("outlet: A\nurl: {url}\n\nText of {name}.\n"));
        ledger.run(&["ingest", &file]);
    }
    let err = ledger.fails(&["ingest", "--url", "https://example.org/news/10/#top", &b]);
    assert!(
        err.contains("--url") && err.contains("already the address of document 2"),
        "{err}"
    );
    // Two files of one command with one address: the first is named by
    // its file, since the failure leaves it unstored.
    let e = ledger.file("e.txt", "outlet: A\nurl: https://example.org/e\n\nOne.\n");
    let f = ledger.file("f.txt", "outlet: A\nurl: https://EXAMPLE.org/e/\n\nTwo.\n");
    let err = ledger.fails(&["ingest", &e, &f]);
    assert!(
        err.contains("f.txt:2: url:") && err.contains("e.txt"),
        "{err}"
    );
    // A header's address that is not a web address is refused at its
    // line, unless --url gives one in its place.
    let g = ledger.file("g.txt", "outlet: A\nurl: www.example.org/g\n\nG.\n");
    let err = ledger.fails(&["ingest", &g]);
    assert!(
        err.contains("g.txt:2: url: 'www.example.org/g' is not a web address"),
        "{err}"
    );
    ledger.run(&["ingest", "--url", "https://example.org/g", &g]);
    let err = ledger.fails(&["ingest", "--url", "example.org/h", &g]);
    assert!(
        err.contains("--url: 'example.org/h' is not a web address"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_with_no_writer_does_not_hang() {
    let ledger = Workdir::new();
    let fifo = ledger.path("pipe.txt");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid path, a plain mkfifo.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let out = ledger
        .cmd(&["ingest", fifo.to_str().unwrap()])
        .env("CLAIMLEDGER_OPEN_TIMEOUT", "1")
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .failure()
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no writer") && err.contains("pipe.txt"),
        "{err}"
    );
    // A writer that comes within the wait is read as any file.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(300));
            std::fs::write(
                fifo,
                "outlet: Wire\n\nOfficials said 12 people were hurt.\n",
            )
        })
    };
    let out = ledger.run(&["ingest", "--open-timeout", "15", fifo.to_str().unwrap()]);
    writer.join().unwrap().unwrap();
    assert!(out.contains("1 documents added"), "{out}");
}

#[cfg(unix)]
#[test]
fn export_keeps_a_files_mode_and_does_not_replace_a_symlink() {
    use std::os::unix::fs::PermissionsExt;
    let ledger = one_claim();
    let out = ledger.path("mine.csv");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600)).unwrap();
    ledger.run(&["export", "csv", "-o", out.to_str().unwrap()]);
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        written
            .trim_start_matches('\u{feff}')
            .starts_with("claim_id,"),
        "{written}"
    );
    let link = ledger.path("link.csv");
    std::os::unix::fs::symlink(&out, &link).unwrap();
    let err = ledger.fails(&["export", "csv", "-o", link.to_str().unwrap()]);
    assert!(err.contains("symbolic link"), "{err}");
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), written);
    // A dangling link is refused too, and creates nothing.
    let dangling = ledger.path("dangling.csv");
    std::os::unix::fs::symlink(ledger.path("nowhere.csv"), &dangling).unwrap();
    let err = ledger.fails(&["export", "csv", "-o", dangling.to_str().unwrap()]);
    assert!(err.contains("symbolic link"), "{err}");
    assert!(!ledger.path("nowhere.csv").exists());
    // A link to a device is still written through: -o /dev/stdout.
    let csv = ledger.run(&["export", "csv", "-o", "/dev/stdout"]);
    assert_eq!(csv, written);
}

#[cfg(unix)]
#[test]
fn backup_refuses_a_dangling_symlink() {
    let ledger = one_claim();
    let link = ledger.path("backup.db");
    std::os::unix::fs::symlink(ledger.path("nowhere/x.db"), &link).unwrap();
    let err = ledger.fails(&["backup", link.to_str().unwrap()]);
    assert!(err.contains("symbolic link"), "{err}");
    // A dangling link into an existing folder would have had the copy
    // created at its target; it is refused and nothing is written.
    let link = ledger.path("elsewhere.db");
    std::os::unix::fs::symlink(ledger.path("planted.db"), &link).unwrap();
    let err = ledger.fails(&["backup", link.to_str().unwrap()]);
    assert!(err.contains("symbolic link"), "{err}");
    assert!(!ledger.path("planted.db").exists());
    let out = ledger.run(&["backup", ledger.path("copy.db").to_str().unwrap()]);
    assert!(out.contains("hash chain intact"), "{out}");
}

#[test]
fn a_directory_as_the_ledger_is_named() {
    let ledger = Workdir::new();
    let dir = ledger.path("adir");
    std::fs::create_dir(&dir).unwrap();
    let out = Command::cargo_bin("claimledger")
        .unwrap()
        .env_remove("CLAIMLEDGER_DB")
        .args(["--db", dir.to_str().unwrap(), "claim", "list"])
        .assert()
        .failure()
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is a directory"), "{err}");
}
