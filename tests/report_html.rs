//! `report --format html`: the page a fact-checker opens in a browser.
//! Articles are untrusted web text, so a ledger full of hostile text
//! (script tags, event attributes, `javascript:` links, markup that closes
//! the page's own elements, bidirectional controls) is reported and the
//! page parsed with an HTML parser (html5ever, through dom_query, as a
//! browser parses it): nothing executable comes through, and every hostile
//! string is there as text.

mod common;

use std::path::Path;

use common::{claimledger, stdout};
use dom_query::Document;

/// Text an attacker would put in an article, a title, an outlet or a
/// speaker's name.
const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "\"><svg onload=alert(3)>",
    "' onmouseover='alert(4)",
    "</textarea></style></script><script>alert(5)</script>",
    "<a href=\"javascript:alert(6)\">click</a>",
    "<iframe src=\"https://evil.example/\"></iframe>",
    "<!-- <script>alert(7)</script> -->",
    "]]><![CDATA[<script>alert(8)</script>",
];

/// The page's own script, the only one it may carry.
const SCRIPT: &str = include_str!("../src/report/report.js");

fn hostile_ledger(dir: &Path) {
    stdout(claimledger(dir, &["init"]));
    let body = format!(
        "The blast killed at least 25 people {h0}, officials said on Tuesday.\n\
         Health minister Hamad Hassan said the toll had reached 100 {h1}.\n\
         \"It was a catastrophe {h2}\", Hamad Hassan said.\n\
         Witnesses said {h3} {h4} {h5} {h6} {h7} {h8}.\n",
        h0 = HOSTILE[0],
        h1 = HOSTILE[1],
        h2 = HOSTILE[2],
        h3 = HOSTILE[3],
        h4 = HOSTILE[4],
        h5 = HOSTILE[5],
        h6 = HOSTILE[6],
        h7 = HOSTILE[7],
        h8 = HOSTILE[8],
    );
    let article = format!(
        "title: {t}\noutlet: Wire {o}\npublished: 2020-08-04\n\n{body}",
        t = HOSTILE[0],
        o = HOSTILE[1],
    );
    std::fs::write(dir.join("a.txt"), &article).unwrap();
    let second = format!(
        "title: {t} \u{202E}gnp.exe\u{202C} \u{2066}hidden\u{2069}\noutlet: Daily {o}\npublished: 2020-08-05\n\n{body}",
        t = HOSTILE[5],
        o = HOSTILE[2],
    );
    std::fs::write(dir.join("b.txt"), second).unwrap();
    stdout(claimledger(dir, &["ingest", "a.txt", "b.txt"]));
    // A speaker whose name is markup, and a claim added by hand in its voice.
    stdout(claimledger(
        dir,
        &["actor", "add", "<b onclick=alert(9)>Mallory</b>"],
    ));
    stdout(claimledger(
        dir,
        &[
            "claim",
            "add",
            "--document",
            "1",
            "--quote",
            HOSTILE[0],
            "--kind",
            "statement",
            "--speaker",
            "<b onclick=alert(9)>Mallory</b>",
            "--text",
            "<script>alert(10)</script> said it",
        ],
    ));
    // Addresses no ingest would take, written straight into the file, as
    // anyone with the sqlite3 shell could.
    let conn = rusqlite::Connection::open(dir.join("ledger.db")).unwrap();
    conn.execute(
        "UPDATE documents SET url = CASE id WHEN 1 THEN 'javascript:alert(11)'
         ELSE ' JaVaScRiPt:alert(12)' END",
        [],
    )
    .unwrap();
    stdout(claimledger(dir, &["check"]));
    // A pair of claims awaiting a decision, its note markup too (the check
    // writes its own notes; anyone with the sqlite3 shell could write this).
    conn.execute(
        "INSERT INTO suggestions (from_claim, to_claim, score, note)
         SELECT min(id), max(id), 0.5, '<script>alert(13)</script> alike' FROM claims",
        [],
    )
    .unwrap();
}

#[test]
fn hostile_text_is_shown_as_text_and_nothing_in_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    hostile_ledger(dir.path());
    stdout(claimledger(
        dir.path(),
        &["report", "--format", "html", "-o", "report.html"],
    ));
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    let page = Document::from(html.as_str());

    // One script: the page's own, byte for byte.
    let scripts = page.select("script");
    assert_eq!(scripts.length(), 1, "{html}");
    assert_eq!(scripts.text().to_string(), SCRIPT);
    // Nothing that loads, embeds or navigates.
    for tag in [
        "iframe",
        "frame",
        "object",
        "embed",
        "img",
        "image",
        "form",
        "base",
        "link",
        "audio",
        "video",
        "source",
        "foreignObject",
        "use",
        "animate",
        "set",
        "textarea",
        "template",
    ] {
        assert_eq!(page.select(tag).length(), 0, "<{tag}> in the page");
    }
    assert_eq!(page.select("style").length(), 1);
    assert_eq!(page.select("meta[http-equiv=refresh]").length(), 0);
    // No event handler, and every address is the page's own or the web's.
    let mut links = 0;
    for node in page.select("*").nodes() {
        for attr in node.attrs() {
            let name = attr.name.local.to_lowercase();
            let value = attr.value.to_string();
            assert!(!name.starts_with("on"), "{name}={value}");
            assert!(name != "style", "style attribute {value}");
            if ["href", "src", "action", "formaction", "xlink:href", "data"]
                .contains(&name.as_str())
            {
                links += 1;
                let own = (value.starts_with("#c")
                    && value[2..].bytes().all(|b| b.is_ascii_digit()))
                    || value == "#suggestions";
                let web = value.starts_with("https://") || value.starts_with("http://");
                assert!(own || web, "{name}={value}");
            }
        }
    }
    assert!(links > 10, "{links} links");
    // The policy allows no other script, style or request.
    let policy = page
        .select("meta[http-equiv=Content-Security-Policy]")
        .attr("content")
        .unwrap()
        .to_string();
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
    assert!(policy.contains("script-src 'sha256-"), "{policy}");

    // What the documents said is all there, as text.
    let text = page.select("body").text().to_string();
    for hostile in HOSTILE {
        assert!(text.contains(hostile), "{hostile} is not shown as text");
    }
    assert!(text.contains("<b onclick=alert(9)>Mallory</b>"));
    assert!(text.contains("<script>alert(10)</script> said it"));
    assert!(text.contains("<script>alert(13)</script> alike"));
    // Shown, not linked.
    assert!(text.contains("javascript:alert(11)"));
    // Bidirectional controls are dropped, the words kept.
    assert!(!html.contains(['\u{202E}', '\u{202C}', '\u{2066}', '\u{2069}']));
    assert!(text.contains("gnp.exe"));
}

#[test]
fn the_page_has_a_card_per_proposition_with_its_filters() {
    let dir = tempfile::tempdir().unwrap();
    hostile_ledger(dir.path());
    let html = stdout(claimledger(dir.path(), &["report", "--format", "html"]));
    let json: serde_json::Value = serde_json::from_str(&stdout(claimledger(
        dir.path(),
        &["report", "--format", "json"],
    )))
    .unwrap();
    let page = Document::from(html.as_str());
    // Every claim of the report has an anchor, in a card or as another
    // wording of one.
    for claim in json["claims"].as_array().unwrap() {
        let id = format!("#c{}", claim["id"]);
        assert_eq!(page.select(&id).length(), 1, "{id}");
    }
    for card in page.select("article.claim").nodes() {
        let status = card.attr("data-status").unwrap().to_string();
        assert!(
            ["conflicting", "corroborated", "single-source", "unsourced"]
                .contains(&status.as_str())
        );
        assert!(card.attr("data-kind").is_some());
    }
    // The summary bar counts what the JSON report counts.
    for (status, n) in json["summary"].as_object().unwrap() {
        let button = page.select(&format!(".summary button[data-status={status}]"));
        assert_eq!(
            button.select("b").text().to_string(),
            n.to_string(),
            "{status}"
        );
    }
    // Outlets and actors are offered to the filters.
    let outlets = page.select("datalist#outlets option");
    assert!(outlets
        .nodes()
        .iter()
        .any(|o| o.attr("value").is_some_and(|v| v.contains("Daily"))));
}

#[test]
fn an_html_report_goes_to_a_file_whole_and_refuses_a_missing_directory() {
    let dir = tempfile::tempdir().unwrap();
    hostile_ledger(dir.path());
    claimledger(
        dir.path(),
        &["report", "--format", "html", "-o", "missing/report.html"],
    )
    .assert()
    .failure()
    .stderr(predicates::str::contains(
        "directory missing does not exist",
    ));
    // --quiet leaves stderr empty.
    claimledger(
        dir.path(),
        &["--quiet", "report", "--format", "html", "-o", "r.html"],
    )
    .assert()
    .success()
    .stdout("")
    .stderr("");
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
}

#[test]
fn possible_same_claims_are_on_both_cards_and_in_their_section() {
    // Two outlets quote Beirut's governor in two spellings and in other
    // words ("$3.0 billion", "$3 billion"): the check suggests the pair.
    let dir = tempfile::tempdir().unwrap();
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realcorpus/articles");
    stdout(claimledger(dir.path(), &["init"]));
    let a = articles.join("08_arabianbusiness_up-to-300000-homeless.txt");
    let b = articles.join("10_saudigazette_death-toll-rises-past-100.txt");
    stdout(claimledger(
        dir.path(),
        &["ingest", a.to_str().unwrap(), b.to_str().unwrap()],
    ));
    stdout(claimledger(dir.path(), &["check"]));
    let listed: serde_json::Value = serde_json::from_str(&stdout(claimledger(
        dir.path(),
        &["claim", "suggestions", "--format", "json"],
    )))
    .unwrap();
    let pair = &listed[0];
    let (from, to) = (
        pair["from_claim"].as_i64().unwrap(),
        pair["to_claim"].as_i64().unwrap(),
    );
    let html = stdout(claimledger(dir.path(), &["report", "--format", "html"]));
    let page = Document::from(html.as_str());

    // The header says how many pairs await a decision, and links to them.
    let lead = page.select("header .lead a[href='#suggestions']");
    assert_eq!(lead.text().to_string(), "1 pair of claims may be one");
    // The section lists both claims, linked, with the commands that settle it.
    let section = page.select("section#suggestions");
    assert!(section
        .select("h2")
        .text()
        .contains("Possible same claims (1)"));
    for id in [from, to] {
        assert_eq!(section.select(&format!("a[href='#c{id}']")).length(), 1);
    }
    let text = section.text().to_string();
    assert!(
        text.contains(&format!("claimledger claim merge {from} {to}")),
        "{text}"
    );
    assert!(
        text.contains(&format!("claimledger claim reject {from} {to}")),
        "{text}"
    );
    // Each claim's card names the other as possibly the same.
    for (here, other) in [(from, to), (to, from)] {
        let card = page.select(&format!("article#c{here}"));
        assert_eq!(card.length(), 1, "no card for C{here}");
        let suggested = card.select(".suggested");
        assert_eq!(
            suggested.select(&format!("a[href='#c{other}']")).length(),
            1,
            "C{here}: {}",
            suggested.text()
        );
        assert!(suggested.text().contains("awaiting a decision"));
    }

    // Once a person rejects the pair, it is gone from the page.
    stdout(claimledger(
        dir.path(),
        &["claim", "reject", &from.to_string(), &to.to_string()],
    ));
    let html = stdout(claimledger(dir.path(), &["report", "--format", "html"]));
    let page = Document::from(html.as_str());
    assert_eq!(page.select("#suggestions").length(), 0);
    assert_eq!(page.select(".suggested").length(), 0);
}

#[test]
fn the_tolls_chart_is_the_timelines_of_claim_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realcorpus/articles");
    stdout(claimledger(dir.path(), &["init"]));
    let mut args = vec!["ingest".to_string()];
    for entry in std::fs::read_dir(&articles).unwrap() {
        args.push(entry.unwrap().path().to_str().unwrap().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    stdout(claimledger(dir.path(), &args));
    stdout(claimledger(dir.path(), &["check"]));
    let listed: serde_json::Value = serde_json::from_str(&stdout(claimledger(
        dir.path(),
        &[
            "claim",
            "timeline",
            "--measure",
            "people killed",
            "--format",
            "json",
        ],
    )))
    .unwrap();
    let html = stdout(claimledger(dir.path(), &["report", "--format", "html"]));
    let page = Document::from(html.as_str());
    let killed = page
        .select("section#tolls figure.toll")
        .iter()
        .find(|f| f.select("figcaption").text().starts_with("people killed:"))
        .expect("a tolls chart of people killed");
    // The chart's list holds the timeline's figures, each linked to its claim.
    for figure in listed.as_array().unwrap() {
        let id = figure["claim_id"].as_i64().unwrap();
        assert_eq!(
            killed.select(&format!("li a[href='#c{id}']")).length(),
            1,
            "C{id} is not in the chart"
        );
    }
    assert_eq!(
        killed.select("li").length(),
        listed.as_array().unwrap().len()
    );
}
