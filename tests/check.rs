//! The corroboration pass and the report, through the real binary on the
//! seed articles and crafted ones.

mod common;

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use common::{assert_golden, golden, Workdir};

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

impl Workdir {
    /// A ledger with the seed articles ingested (claims extracted).
    fn seeded() -> Workdir {
        let ledger = Workdir::new();
        ledger.run(&["ingest", seeds().to_str().unwrap()]);
        ledger
    }

    /// `audit` finds the hash chain intact.
    fn assert_audit_intact(&self) {
        self.cmd(&["audit"])
            .assert()
            .success()
            .stdout(predicate::str::contains("intact"));
    }

    /// Writes an article into the ledger's folder and ingests it.
    fn article(&self, name: &str, text: &str) {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        self.run(&["ingest", path.to_str().unwrap()]);
    }

    /// The one number `sql` selects from the ledger.
    fn count(&self, sql: &str) -> i64 {
        let conn = rusqlite::Connection::open(self.db()).unwrap();
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// Runs `check` and returns the JSON report's claims.
    fn checked(&self) -> Vec<Value> {
        self.run(&["check"]);
        let report: Value =
            serde_json::from_str(&self.run(&["report", "--format", "json"])).unwrap();
        report["claims"].as_array().unwrap().clone()
    }
}

/// The reported claim whose quantity measure is `measure` and low end `low`.
fn quantity<'a>(claims: &'a [Value], measure: &str, low: f64) -> &'a Value {
    claims
        .iter()
        .find(|c| c["measure"] == measure && c["low"].as_f64() == Some(low))
        .unwrap_or_else(|| panic!("no claim on {measure} from {low} in {claims:#?}"))
}

/// The reported quote of Sahiba Gafarova ("dirty political campaign").
fn gafarova_quote(claims: &[Value]) -> &Value {
    claims
        .iter()
        .find(|c| c["kind"] == "quote" && c["speaker"] == "Sahiba Gafarova")
        .unwrap_or_else(|| panic!("no quote of Gafarova in {claims:#?}"))
}

fn outlets(claim: &Value) -> Vec<&str> {
    claim["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap())
        .collect()
}

const TASS: &str = "outlet: TASS\noutlet-kind: wire\ncountry: Russia\npublished: 2020-11-27\n\n\
    In all, 3,000 Russian peacekeepers have deployed in Nagorno-Karabakh.\n";

#[test]
fn seeds_corroborate_the_peacekeepers_and_single_source_the_war_dead() {
    let ledger = Workdir::seeded();
    let claims = ledger.checked();
    let peacekeepers = quantity(&claims, "russian troops deployed", 1800.0);
    assert_eq!(peacekeepers["status"], "corroborated");
    assert_eq!(peacekeepers["independent_sources"], 2);
    assert_eq!(outlets(peacekeepers), ["Press TV", "The Moscow Times"]);
    assert_eq!(peacekeepers["high"], 2200.0);
    assert_eq!(peacekeepers["mentions"].as_array().unwrap().len(), 2);

    let killed = quantity(&claims, "people killed", 27000.0);
    assert_eq!(killed["status"], "single-source");
    assert_eq!(outlets(killed), ["Press TV"]);

    // Press TV reworks the wire sentence The Moscow Times carries: one origin.
    let gafarova = gafarova_quote(&claims);
    assert_eq!(gafarova["status"], "single-source");
    assert_eq!(gafarova["attribution"], true);
    let reason = gafarova["reason"].as_str().unwrap();
    assert!(reason.contains("carry one sentence, reworked"), "{reason}");
    assert!(reason.contains("not a confirmation"), "{reason}");

    // The core claim, worded two ways by two outlets, is one claim of one
    // speaker ("Azerbaijan's lawmakers", "Azerbaijani lawmakers").
    let core: Vec<&Value> = claims
        .iter()
        .filter(|c| c["kind"] == "statement" && c["speaker"] == "Azerbaijani parliament")
        .filter(|c| c["text"].as_str().unwrap().contains("called for France"))
        .collect();
    assert_eq!(core.len(), 2, "{core:#?}");
    assert_eq!(core[0]["cluster_id"], core[1]["cluster_id"]);
    assert_eq!(core[0]["status"], "corroborated");
    assert_eq!(outlets(core[0]), ["Press TV", "The Moscow Times"]);

    // "historic": Armenia's prime minister and Armenia, one proposition.
    let historic: Vec<&Value> = claims
        .iter()
        .filter(|c| c["text"].as_str().unwrap().ends_with("\"historic\""))
        .collect();
    assert_eq!(historic.len(), 2, "{historic:#?}");
    assert_eq!(historic[0]["cluster_id"], historic[1]["cluster_id"]);
    assert_eq!(historic[0]["status"], "corroborated");

    assert!(
        claims.iter().all(|c| c["status"] != "conflicting"),
        "nothing conflicts unless a person links it"
    );
}

#[test]
fn seeds_report_matches_the_golden_file() {
    let ledger = Workdir::seeded();
    ledger.run(&["check"]);
    let text = ledger.run(&["report"]);
    let markdown = ledger.run(&["report", "--format", "markdown"]);
    assert_golden(&text, "seeds_report.txt");
    assert_golden(&markdown, "seeds_report.md");
}

#[test]
fn the_report_is_deterministic() {
    let a = Workdir::seeded();
    a.run(&["check"]);
    let first = a.run(&["report", "--format", "json"]);
    a.run(&["check", "--full"]);
    assert_eq!(a.run(&["report", "--format", "json"]), first);
    let b = Workdir::seeded();
    b.run(&["check"]);
    assert_eq!(b.run(&["report", "--format", "json"]), first);
}

#[test]
fn a_check_with_nothing_changed_leaves_the_ledger_and_says_so() {
    let ledger = Workdir::seeded();
    let first = ledger.run(&["check"]);
    let found = first.strip_prefix("checked ").unwrap();
    let report = ledger.run(&["report"]);
    let before = std::fs::read(ledger.db()).unwrap();

    let again = ledger.run(&["check"]);
    let (said, again_found) = again.split_once(":\n").unwrap();
    assert!(
        said.starts_with("nothing changed since the check of 20"),
        "{again}"
    );
    assert!(said.ends_with("its verdicts stand (`check --full` judges again)"));
    assert_eq!(again_found, found);
    assert_eq!(std::fs::read(ledger.db()).unwrap(), before);
    let json: Value = serde_json::from_str(&ledger.run(&["check", "--format", "json"])).unwrap();
    assert!(json["unchanged_since"].as_str().unwrap().starts_with("20"));

    // --full judges again, and finds the same.
    assert_eq!(ledger.run(&["check", "--full"]), first);
    assert_eq!(ledger.run(&["report"]), report);
    // The same program in another file is the same build; another build
    // judges again: here the program with a byte appended, which it runs
    // the same but a check cannot tell from a new build.
    let program = ledger.path("claimledger-copy");
    std::fs::copy(env!("CARGO_BIN_EXE_claimledger"), &program).unwrap();
    let check_by_copy = || {
        let mut copy = assert_cmd::Command::new(&program);
        copy.arg("--db").arg(ledger.db()).arg("check");
        common::stdout(copy)
    };
    assert!(check_by_copy().starts_with("nothing changed"));
    let mut bytes = std::fs::OpenOptions::new()
        .append(true)
        .open(&program)
        .unwrap();
    std::io::Write::write_all(&mut bytes, b"\0").unwrap();
    drop(bytes);
    assert_eq!(check_by_copy(), first);
    // And the first program judges after it.
    assert_eq!(ledger.run(&["check"]), first);
    assert!(ledger.run(&["check"]).starts_with("nothing changed"));

    // So does any change, here a retraction.
    ledger.run(&["claim", "retract", "1", "--why", "test"]);
    let after = ledger.run(&["check"]);
    assert!(after.starts_with("checked "), "{after}");
    assert_ne!(after, first);
    ledger.assert_audit_intact();
}

#[test]
fn a_third_outlet_with_3000_makes_both_sides_conflicting() {
    let ledger = Workdir::seeded();
    ledger.article("tass.txt", TASS);
    let claims = ledger.checked();
    let ours = quantity(&claims, "russian troops deployed", 1800.0);
    let theirs = quantity(&claims, "russian troops deployed", 3000.0);
    assert_eq!(ours["status"], "conflicting");
    assert_eq!(theirs["status"], "conflicting");
    let reason = ours["reason"].as_str().unwrap();
    assert!(
        reason.contains(&format!("conflicts with C{}", theirs["id"])),
        "{reason}"
    );
    assert!(reason.contains("TASS"), "{reason}");
    let reason = theirs["reason"].as_str().unwrap();
    assert!(
        reason.contains("Press TV") && reason.contains("The Moscow Times"),
        "{reason}"
    );

    // The text report puts conflicts first.
    let text = ledger.run(&["report"]);
    assert!(text.find("== CONFLICTING").unwrap() < text.find("== SINGLE-SOURCE").unwrap());
    let only = ledger.run(&["report", "--status", "conflicting", "--format", "json"]);
    let only: Value = serde_json::from_str(&only).unwrap();
    assert_eq!(only["claims"].as_array().unwrap().len(), 2);
    assert_eq!(only["summary"]["conflicting"], 2);
}

#[test]
fn claim_show_says_which_mentions_came_after_the_last_check() {
    let ledger = Workdir::seeded();
    let claims = ledger.checked();
    let id = quantity(&claims, "russian troops deployed", 1800.0)["id"].to_string();
    let before = ledger.run(&["claim", "show", &id]);
    assert!(!before.contains("since the last check"), "{before}");
    // A third outlet's same figure, ingested after the check.
    ledger.article(
        "third.txt",
        "outlet: Third Post\npublished: 2020-11-26\n\nSome 2,000 Russian peacekeepers were deployed there.\n",
    );
    let shown = ledger.run(&["claim", "show", &id]);
    assert!(
        shown.contains("1 since the last check, which its verdict does not count yet")
            && shown.contains("Third Post, 2020-11-26, asserts (since the last check)"),
        "{shown}"
    );
    let json: Value =
        serde_json::from_str(&ledger.run(&["claim", "show", &id, "--format", "json"])).unwrap();
    assert_eq!(
        json["mentions_after_check"].as_array().unwrap().len(),
        1,
        "{json}"
    );
    // The next check counts it.
    ledger.run(&["check"]);
    let after = ledger.run(&["claim", "show", &id]);
    assert!(!after.contains("since the last check"), "{after}");
    assert!(after.contains("Third Post"), "{after}");
}

#[test]
fn a_denial_makes_what_it_denies_conflicting() {
    for (said, denied, text) in [
        (
            "Organisers said 50 people had been arrested.",
            "Police denied that 50 people had been arrested.",
            "people arrested: 50",
        ),
        (
            "Interior Minister Carla Rojas said rescue teams had been slow to reach Ocoruro.",
            "Carla Rojas, the interior minister, on Monday denied that the rescue teams \
             sent to Ocoruro had been slow.",
            "rescue teams had been slow",
        ),
    ] {
        let ledger = Workdir::new();
        ledger.article(
            "a.txt",
            &format!("outlet: Paper A\npublished: 2024-09-14\n\n{said}\n"),
        );
        ledger.article(
            "b.txt",
            &format!("outlet: Paper B\npublished: 2024-09-14\n\n{denied}\n"),
        );
        let claims = ledger.checked();
        let claim = claims
            .iter()
            .find(|c| c["text"].as_str().unwrap().contains(text))
            .unwrap_or_else(|| panic!("no claim {text}: {claims:#?}"));
        assert_eq!(claim["status"], "conflicting", "{claim:#}");
        let reason = claim["reason"].as_str().unwrap();
        assert!(
            reason.starts_with("denied by ") && reason.contains("in Paper B"),
            "{reason}"
        );
    }
}

#[test]
fn the_same_wire_text_in_two_outlets_is_one_origin() {
    let ledger = Workdir::seeded();
    let wire = "Some 500 Turkish observers arrived in Aghdam on Monday to staff the joint monitoring centre.\n";
    ledger.article("a.txt", &format!("outlet: Daily A\n\n{wire}"));
    ledger.article("b.txt", &format!("outlet: Daily B\n\n{wire}"));
    let claims = ledger.checked();
    let observers = claims
        .iter()
        .find(|c| {
            c["measure"]
                .as_str()
                .is_some_and(|s| s.contains("turkish observers"))
        })
        .expect("the observers claim");
    assert_eq!(observers["status"], "single-source");
    assert_eq!(observers["independent_sources"], 1);
    assert_eq!(outlets(observers), ["Daily A", "Daily B"]);
    assert!(
        observers["reason"].as_str().unwrap().contains("reprint"),
        "{}",
        observers["reason"]
    );
}

#[test]
fn an_outlet_that_copies_another_is_not_independent() {
    let ledger = Workdir::seeded();
    ledger.run(&["outlet", "link", "The Moscow Times", "copies", "Press TV"]);
    let claims = ledger.checked();
    let peacekeepers = quantity(&claims, "russian troops deployed", 1800.0);
    assert_eq!(peacekeepers["status"], "single-source");
    assert!(
        peacekeepers["reason"].as_str().unwrap().contains("copies"),
        "{}",
        peacekeepers["reason"]
    );
}

#[test]
fn a_manual_contradicts_link_conflicts_and_unlink_undoes_it() {
    let ledger = Workdir::seeded();
    let claims = ledger.checked();
    let killed = quantity(&claims, "people killed", 27000.0)["id"]
        .as_i64()
        .unwrap();
    let minsk = claims
        .iter()
        .find(|c| {
            c["text"]
                .as_str()
                .unwrap()
                .contains("Minsk Group set up in 1992")
        })
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let (a, b) = (killed.to_string(), minsk.to_string());
    ledger.run(&["claim", "link", &a, "contradicts", &b, "--note", "test"]);
    let claims = ledger.checked();
    for id in [killed, minsk] {
        let claim = claims.iter().find(|c| c["id"] == id).unwrap();
        assert_eq!(claim["status"], "conflicting", "{claim:#}");
    }
    ledger.run(&["claim", "unlink", &a, &b]);
    let claims = ledger.checked();
    for id in [killed, minsk] {
        let claim = claims.iter().find(|c| c["id"] == id).unwrap();
        assert_eq!(claim["status"], "single-source");
    }
    ledger.cmd(&["audit"]).assert().success();
}

#[test]
fn rejecting_an_automatic_link_wins_over_the_pass() {
    let ledger = Workdir::seeded();
    ledger.article("tass.txt", TASS);
    let claims = ledger.checked();
    let ours = quantity(&claims, "russian troops deployed", 1800.0)["id"].to_string();
    let theirs = quantity(&claims, "russian troops deployed", 3000.0)["id"].to_string();
    ledger.run(&["claim", "unlink", &ours, &theirs]);
    let claims = ledger.checked();
    assert_eq!(
        quantity(&claims, "russian troops deployed", 1800.0)["status"],
        "corroborated"
    );
    let shown = ledger.run(&["claim", "show", &ours]);
    assert!(
        shown.contains("contradicts") && shown.contains("rejected"),
        "{shown}"
    );
}

#[test]
fn merge_makes_two_claims_one_proposition() {
    let ledger = Workdir::seeded();
    let claims = ledger.checked();
    let historic: Vec<i64> = claims
        .iter()
        .filter(|c| c["text"].as_str().unwrap().contains("\"historic\""))
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(historic.len(), 2, "Armenia's and Pashinyan's 'historic'");
    ledger.run(&[
        "claim",
        "merge",
        &historic[0].to_string(),
        &historic[1].to_string(),
    ]);
    let claims = ledger.checked();
    let merged = claims.iter().find(|c| c["id"] == historic[0]).unwrap();
    assert_eq!(merged["status"], "corroborated");
}

#[test]
fn report_filters_by_outlet_and_asks_for_a_check_first() {
    let ledger = Workdir::seeded();
    ledger
        .cmd(&["report"])
        .assert()
        .success()
        .stderr(predicate::str::contains("run `claimledger check` first"));
    ledger.run(&["check"]);
    let mt: Value = serde_json::from_str(&ledger.run(&[
        "report",
        "--outlet",
        "The Moscow Times",
        "--format",
        "json",
    ]))
    .unwrap();
    for claim in mt["claims"].as_array().unwrap() {
        let outlets = outlets(claim);
        assert!(outlets.contains(&"The Moscow Times"), "{claim:#}");
    }
    // A name the ledger does not know is an error, not an empty listing.
    for args in [
        &["report", "--outlet", "The Moscow Tmes"][..],
        &["claim", "list", "--outlet", "The Moscow Tmes"],
        &["claim", "suggestions", "--outlet", "The Moscow Tmes"],
        &["claim", "timeline", "--outlet", "The Moscow Tmes"],
    ] {
        ledger
            .cmd(args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(
                "--outlet: no outlet 'The Moscow Tmes' (`claimledger outlet list` shows them)",
            ));
    }
    // A name is found as `outlet` commands find it: any case, spaces trimmed.
    let spaced = ledger.run(&[
        "report",
        "--outlet",
        "  the moscow times ",
        "--format",
        "json",
    ]);
    let spaced: Value = serde_json::from_str(&spaced).unwrap();
    assert_eq!(spaced["claims"], mt["claims"]);
}

#[test]
fn rated_claims_export_as_claimreview() {
    let ledger = Workdir::seeded();
    let claims = ledger.checked();
    let gafarova = gafarova_quote(&claims)["id"].to_string();
    ledger.run(&[
        "claim",
        "rate",
        &gafarova,
        "--rating",
        "Accurately quoted",
        "--by",
        "Desk A",
        "--url",
        "https://factcheck.example/2020/gafarova",
        "--value",
        "5",
        "--best",
        "5",
        "--worst",
        "1",
    ]);
    let json: Value =
        serde_json::from_str(&ledger.run(&["export", "claimreview", "-o", "-"])).unwrap();
    let reviews = json.as_array().unwrap();
    assert_claimreview_as_google_documents_it(&reviews[0]);
    assert_eq!(reviews.len(), 1);
    let review = &reviews[0];
    assert_eq!(review["@type"], "ClaimReview");
    assert_eq!(review["@context"], "https://schema.org");
    assert!(review["claimReviewed"]
        .as_str()
        .unwrap()
        .contains("dirty political campaign"));
    assert_eq!(review["itemReviewed"]["author"]["name"], "Sahiba Gafarova");
    let appearance = review["itemReviewed"]["appearance"].as_array().unwrap();
    assert_eq!(appearance.len(), 2, "both outlets quoted her");
    assert_eq!(review["reviewRating"]["alternateName"], "Accurately quoted");
    assert_eq!(review["author"]["name"], "Desk A");
    assert_eq!(review["datePublished"].as_str().unwrap().len(), 10);
}

/// Checks a ClaimReview object against the required and recommended
/// properties of Google's fact-check markup documentation ("Fact check
/// (ClaimReview) structured data", Search Central): ClaimReview's
/// `claimReviewed`, `reviewRating` and `url` are required, `author` and
/// `itemReviewed` recommended; the Claim's `author` (a Person or an
/// Organization, with its name), `datePublished`, `appearance` and
/// `firstAppearance` (CreativeWorks with a url) recommended; the Rating's
/// `alternateName` required, `ratingValue`, `bestRating` and
/// `worstRating` recommended, numbers with the value on the scale.
fn assert_claimreview_as_google_documents_it(review: &Value) {
    let text = |v: &Value, what: &str| {
        let s = v
            .as_str()
            .unwrap_or_else(|| panic!("{what} is not text: {review:#}"));
        assert!(!s.trim().is_empty(), "{what} is empty");
        s.to_string()
    };
    assert_eq!(review["@context"], "https://schema.org");
    assert_eq!(review["@type"], "ClaimReview");
    // Required.
    let claim = text(&review["claimReviewed"], "claimReviewed");
    assert!(
        claim.chars().count() <= 75,
        "claimReviewed is long: {claim}"
    );
    let url = text(&review["url"], "url");
    assert!(
        url.starts_with("https://") || url.starts_with("http://"),
        "{url}"
    );
    let rating = &review["reviewRating"];
    assert_eq!(rating["@type"], "Rating");
    text(&rating["alternateName"], "reviewRating.alternateName");
    // Recommended, and present.
    let (value, best, worst) = (
        rating["ratingValue"].as_f64().expect("ratingValue"),
        rating["bestRating"].as_f64().expect("bestRating"),
        rating["worstRating"].as_f64().expect("worstRating"),
    );
    assert!(worst < best && (worst..=best).contains(&value), "{rating}");
    assert_eq!(review["author"]["@type"], "Organization");
    text(&review["author"]["name"], "author.name");
    text(&review["datePublished"], "datePublished");
    let item = &review["itemReviewed"];
    assert_eq!(item["@type"], "Claim");
    let author_type = item["author"]["@type"]
        .as_str()
        .expect("itemReviewed.author");
    assert!(
        ["Person", "Organization"].contains(&author_type),
        "{author_type}"
    );
    text(&item["author"]["name"], "itemReviewed.author.name");
    text(&item["datePublished"], "itemReviewed.datePublished");
    for work in item["appearance"]
        .as_array()
        .expect("appearance")
        .iter()
        .chain([&item["firstAppearance"]])
    {
        assert_eq!(work["@type"], "CreativeWork", "{work}");
        assert_eq!(work["publisher"]["@type"], "Organization", "{work}");
        if let Some(url) = work.get("url") {
            let url = text(url, "appearance.url");
            assert!(
                url.starts_with("http://") || url.starts_with("https://"),
                "{url}"
            );
        }
    }
}

#[test]
fn retracting_a_clusters_first_claim_unchecks_the_cluster() {
    let ledger = Workdir::seeded();
    let claims = ledger.checked();
    let quote = gafarova_quote(&claims);
    let first = quote["cluster_id"].to_string();
    ledger.run(&["claim", "retract", &first, "--why", "test"]);
    // Its partner has no stale verdict borrowed from the retracted claim.
    let list = ledger.run(&["claim", "list", "--kind", "quote"]);
    let partner = list
        .lines()
        .find(|l| l.contains("dirty political campaign"))
        .unwrap();
    assert!(partner.contains("unchecked"), "{list}");
    let claims = ledger.checked();
    let partner = gafarova_quote(&claims);
    assert_eq!(partner["status"], "single-source");
    assert_eq!(partner["mentions"].as_array().unwrap().len(), 1);
}

#[test]
fn unlink_undoes_supports_given_either_way_round() {
    let ledger = Workdir::seeded();
    let claims = ledger.checked();
    let (a, b) = (claims[0]["id"].to_string(), claims[1]["id"].to_string());
    ledger.run(&["claim", "link", &b, "supports", &a]);
    ledger.run(&["claim", "unlink", &a, &b]);
    assert!(!ledger.run(&["claim", "show", &a]).contains("supports"));
}

#[test]
fn the_report_drops_terminal_escape_sequences() {
    let ledger = Workdir::seeded();
    ledger.article(
        "escape.txt",
        "outlet: Escape Daily\n\nSome 400 Turkish observers \u{1b}[2J\u{1b}]0;owned\u{7}arrived in Aghdam on Monday.\n",
    );
    ledger.run(&["check"]);
    let text = ledger.run(&["report"]);
    assert!(text.contains("Escape Daily"), "{text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
}

/// A copy of `tests/fixtures/<name>` in a fresh directory, as `ledger.db`.
fn fixture(name: &str) -> Workdir {
    let ledger = Workdir::empty();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
        ledger.db(),
    )
    .unwrap();
    ledger
}

/// Tables, indexes and columns of a ledger, to compare an upgraded one
/// with one made today.
fn shape(ledger: &Workdir) -> Vec<String> {
    let conn = rusqlite::Connection::open(ledger.db()).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT type || ' ' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'
             UNION ALL
             SELECT t.name || '.' || c.name || ' ' || c.type || ' ' || c.\"notnull\"
                    || ' pk ' || c.pk || ' default ' || coalesce(c.dflt_value, '-')
             FROM sqlite_master t JOIN pragma_table_info(t.name) c WHERE t.type = 'table'
             UNION ALL
             SELECT i.name || ' on ' || c.name FROM sqlite_master i
             JOIN pragma_index_info(i.name) c WHERE i.type = 'index'
             UNION ALL
             SELECT sql FROM sqlite_master WHERE type IN ('table', 'view')
             UNION ALL
             SELECT 'user_version ' || user_version FROM pragma_user_version
             ORDER BY 1",
        )
        .unwrap();
    let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
    // Whitespace and comments in a stored CREATE statement are the
    // writer's layout (`ALTER TABLE ADD COLUMN` writes ", c T)" where
    // schema.sql has ", c T )", and `ALTER TABLE RENAME` quotes the name).
    rows.map(|r| {
        r.unwrap()
            .lines()
            .map(|line| line.split("--").next().unwrap_or(""))
            .map(|line| {
                line.replace('"', "")
                    .replace(',', " , ")
                    .replace('(', " ( ")
                    .replace(')', " ) ")
            })
            .collect::<Vec<_>>()
            .iter()
            .flat_map(|line| line.split_whitespace())
            .collect::<Vec<_>>()
            .join(" ")
    })
    .collect::<std::collections::BTreeSet<_>>()
    .into_iter()
    .collect()
}

#[test]
fn a_version_1_ledger_is_upgraded_and_checked_again() {
    // tests/fixtures/ledger-v1.db: the seeds ingested and checked by the
    // last build with schema version 1, which stored a row per mention
    // behind each verdict.
    let ledger = fixture("ledger-v1.db");

    // The old verdicts cannot say which mentions were behind them, so the
    // upgrade drops them and the report asks for a check.
    ledger
        .cmd(&["report"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "21 claims have no verdict yet; run `claimledger check` first",
        ));
    assert!(!shape(&ledger).contains(&"table verdict_mentions".to_string()));
    assert_eq!(shape(&ledger), shape(&Workdir::seeded()));
    // The upgrade is in the audit trail, and the chain still holds.
    ledger.assert_audit_intact();

    ledger.run(&["check"]);
    assert_golden(&ledger.run(&["report"]), OLD_SEEDS_CHECKED);
}

/// The seeds' report as the fixtures' builds extracted them: their claims
/// keep the old measure ("russian peacekeepers") and no as-of day, and an
/// upgrade leaves stored claims as they are.
const OLD_SEEDS_REPORT: &str = "seeds_report_before_measures.txt";

/// The same claims judged again by today's pass, which joins more of them
/// (one speaker's statements in other words, one country's quotes).
const OLD_SEEDS_CHECKED: &str = "seeds_report_old_claims_checked.txt";

/// A text report without its TIMELINES section, which ends at the next
/// section or at the end.
fn without_timelines(report: &str) -> String {
    let Some(start) = report.find("\n== TIMELINES (") else {
        return report.to_string();
    };
    let rest = &report[start + 1..];
    let end = rest.find("\n== ").map_or(report.len(), |i| start + 1 + i);
    format!("{}{}", &report[..start], &report[end..])
}

/// Opens the fixture `name`, a ledger of an older schema whose verdicts
/// carry over: its report is the old one after the upgrade, and today's
/// pass's after a check; its audit trail holds.
fn upgraded_with_its_verdicts(name: &str) -> Workdir {
    upgraded_with_reports(name, OLD_SEEDS_REPORT, OLD_SEEDS_CHECKED)
}

/// The same for a fixture whose report is the golden file `report`, and
/// `checked` after today's check.
fn upgraded_with_reports(name: &str, report: &str, checked: &str) -> Workdir {
    let ledger = upgraded(name, report);
    ledger.run(&["check"]);
    assert_golden(&ledger.run(&["report"]), checked);
    ledger
}

/// Opens the fixture `name`, which upgrades it: its report is the golden
/// `report` (what the old build printed, so without the TIMELINES that
/// today's report reads from the same claims), its tables are today's, and
/// its audit trail holds.
fn upgraded(name: &str, report: &str) -> Workdir {
    let ledger = fixture(name);
    let expected = std::fs::read_to_string(golden(report)).unwrap();
    assert_eq!(without_timelines(&ledger.run(&["report"])), expected);
    assert_eq!(shape(&ledger), shape(&Workdir::seeded()));
    ledger.assert_audit_intact();
    ledger
}

#[test]
fn a_version_2_ledger_is_upgraded_and_keeps_its_verdicts() {
    // tests/fixtures/ledger-v2.db: the seeds ingested and checked by the
    // last build with schema version 2, which stored a verdict per claim.
    upgraded_with_its_verdicts("ledger-v2.db");
}

#[test]
fn a_version_3_ledger_is_upgraded_and_keeps_its_verdicts() {
    // tests/fixtures/ledger-v3.db: the seeds ingested and checked by the
    // last build with schema version 3, which had a claim_clusters row
    // for every claim with a verdict.
    let ledger = upgraded_with_its_verdicts("ledger-v3.db");
    // After today's check, 21 claims in 18 clusters: three claims are not
    // the first of their cluster, and only they have a claim_clusters row.
    let conn = rusqlite::Connection::open(ledger.db()).unwrap();
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM claim_clusters", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 3);
}

#[test]
fn a_version_4_ledger_is_upgraded_and_keeps_its_verdicts() {
    // tests/fixtures/ledger-v4.db: the seeds ingested and checked by the
    // last build with schema version 4, which had six indexes that no
    // query needs.
    let ledger = upgraded_with_its_verdicts("ledger-v4.db");
    let conn = rusqlite::Connection::open(ledger.db()).unwrap();
    let dropped: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name IN
             ('documents_outlet', 'mentions_claim', 'claim_links_from', 'outlet_links_from',
              'claims_speaker', 'claims_subject')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dropped, 0);
}

#[test]
fn a_version_5_ledger_is_upgraded_and_keeps_its_verdicts() {
    // tests/fixtures/ledger-v5.db: the seeds ingested and checked by the
    // last build with schema version 5, which called a quantity's measure
    // `claims.subject` and a verdict's count of independent sources
    // `verdicts.origins`, and kept no byline, no record of where a
    // document's metadata was found, and no web pages. Its report is the
    // one that build printed.
    let ledger = upgraded("ledger-v5.db", "seeds_report_v5.txt");
    let count = |sql: &str| ledger.count(sql);
    // The columns are renamed in place, with their values.
    assert_eq!(
        count("SELECT count(*) FROM claims WHERE measure = 'russian troops deployed'"),
        1
    );
    assert_eq!(
        count("SELECT count(*) FROM verdicts WHERE independent_sources = 2"),
        4
    );
    // Its documents say nothing of where their metadata was found.
    assert_eq!(
        count(
            "SELECT count(*) FROM documents WHERE byline IS NULL AND title_from IS NULL
             AND outlet_from IS NULL AND url_from IS NULL AND published_from IS NULL
             AND byline_from IS NULL"
        ),
        2
    );
    assert_eq!(count("SELECT count(*) FROM pages"), 0);
    // One upgrade, recorded in the audit trail.
    assert_eq!(
        count(
            "SELECT count(*) FROM events WHERE action = 'upgrade'
             AND detail = '{\"from_schema_version\":5,\"schema_version\":11}'"
        ),
        1
    );
    let report: Value = serde_json::from_str(&ledger.run(&["report", "--format", "json"])).unwrap();
    let claims = report["claims"].as_array().unwrap();
    let peacekeepers = quantity(claims, "russian troops deployed", 1800.0);
    assert_eq!(peacekeepers["independent_sources"], 2);
    // Today's pass judges its claims again.
    ledger.run(&["check"]);
    assert_golden(&ledger.run(&["report"]), "seeds_report_v5_checked.txt");
}

#[test]
fn a_version_6_ledger_is_upgraded_and_keeps_its_pages() {
    // tests/fixtures/ledger-v6.db: the seeds and tests/html/news.html
    // ingested and checked by the last build with schema version 6, which
    // still called a quantity's measure `claims.subject` and a verdict's
    // count of independent sources `verdicts.origins`. Its report is the
    // one that build printed.
    let ledger = upgraded("ledger-v6.db", "seeds_report_v6.txt");
    let count = |sql: &str| ledger.count(sql);
    // The columns are renamed in place, with their values.
    assert_eq!(
        count("SELECT count(*) FROM claims WHERE measure = 'people killed' AND low = 12"),
        1
    );
    assert_eq!(
        count("SELECT count(*) FROM verdicts WHERE independent_sources = 2"),
        6
    );
    // The web page, its metadata and where each was found are kept.
    assert_eq!(
        count(
            "SELECT count(*) FROM documents WHERE byline = 'Mara Ilić, Jon Okafor'
             AND byline_from = 'JSON-LD author' AND title_from = 'og:title'"
        ),
        1
    );
    assert_eq!(count("SELECT count(*) FROM pages WHERE document_id = 3"), 1);
    // One upgrade, recorded in the audit trail.
    assert_eq!(
        count(
            "SELECT count(*) FROM events WHERE action = 'upgrade'
             AND detail = '{\"from_schema_version\":6,\"schema_version\":11}'"
        ),
        1
    );
    // The stored page is read again by today's extractor.
    let reextracted = ledger.run(&["ingest", "--reextract", "--format", "json"]);
    let reextracted: Value = serde_json::from_str(&reextracted).unwrap();
    assert_eq!(reextracted[0]["document_id"], 3, "{reextracted}");
    // Today's pass judges its claims again.
    ledger.run(&["check"]);
    assert_golden(&ledger.run(&["report"]), "seeds_report_v6_checked.txt");
}

#[test]
fn a_version_7_ledger_is_upgraded_with_person_keys_and_the_views() {
    // tests/fixtures/ledger-v7.db: the seeds ingested and checked by the
    // last build with schema version 7, which had no person keys, no
    // suggestions and no views. Its report is the one that build printed.
    let ledger = upgraded("ledger-v7.db", "seeds_report_v7.txt");
    let count = |sql: &str| ledger.count(sql);
    // The two people have the key that finds their other spellings; the
    // states and their bodies have none.
    assert_eq!(
        count(
            "SELECT count(*) FROM actors WHERE person_key IS NOT NULL
             AND name IN ('Sahiba Gafarova', 'Nikol Pashinyan')"
        ),
        2
    );
    assert_eq!(
        count("SELECT count(*) FROM actors WHERE person_key IS NOT NULL"),
        2
    );
    assert_eq!(count("SELECT count(*) FROM suggestions"), 0);
    assert_eq!(
        count(
            "SELECT count(*) FROM events WHERE action = 'upgrade'
             AND detail = '{\"from_schema_version\":7,\"schema_version\":11}'"
        ),
        1
    );
    // The views show what the report shows, without a join.
    assert_eq!(count("SELECT count(*) FROM claim_status"), 22);
    assert_eq!(
        count("SELECT count(*) FROM claim_status WHERE status = 'corroborated'"),
        9
    );
    assert_eq!(count("SELECT count(*) FROM claim_mentions"), 25);
    // Today's check finds nothing to change on the seeds (the fixture
    // ingested them in another order, so its ids are not seeds_report.txt's).
    ledger.run(&["check"]);
    assert_golden(&ledger.run(&["report"]), "seeds_report_v7.txt");
}

#[test]
fn a_version_8_ledger_is_upgraded_and_keeps_its_ratings() {
    // tests/fixtures/ledger-v8.db: the seeds ingested and checked by the
    // last build with schema version 8, and claim 1 rated "Accurately
    // reported" by Desk A; a rating then had no address and no scale.
    let ledger = upgraded("ledger-v8.db", "seeds_report.txt");
    let count = |sql: &str| ledger.count(sql);
    assert_eq!(
        count(
            "SELECT count(*) FROM ratings WHERE claim_id = 1 AND rating = 'Accurately reported'
             AND rated_by = 'Desk A' AND url IS NULL AND rating_value IS NULL"
        ),
        1
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM events WHERE action = 'upgrade'
             AND detail = '{\"from_schema_version\":8,\"schema_version\":11}'"
        ),
        1
    );
    // ClaimReview needs the fact-check's address: the export says so.
    let err = ledger
        .cmd(&["export", "claimreview", "-o", "-"])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&err).contains("--url"));
    // Rated again with one, and a scale, it exports.
    ledger.run(&[
        "claim",
        "rate",
        "1",
        "--rating",
        "Accurately reported",
        "--by",
        "Desk A",
        "--url",
        "https://factcheck.example/1",
        "--value",
        "5",
        "--best",
        "5",
        "--worst",
        "1",
    ]);
    let json: Value =
        serde_json::from_str(&ledger.run(&["export", "claimreview", "-o", "-"])).unwrap();
    assert_eq!(json[0]["reviewRating"]["ratingValue"], 5.0);
    // A scale the value is not on is refused.
    let err = ledger
        .cmd(&[
            "claim", "rate", "1", "--rating", "X", "--value", "7", "--best", "5", "--worst", "1",
        ])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&err).contains("not on the scale"));
}

#[test]
fn a_version_10_ledger_is_upgraded_to_keep_each_text_once() {
    // tests/fixtures/ledger-v10.db: the seeds, TASS's 3,000 and Interfax's
    // "about 1,900" peacekeepers ingested and checked by the last build
    // with schema version 10, which kept each mention's words, each claim's
    // key as text and each automatic link's note.
    let ledger = upgraded("ledger-v10.db", "seeds_report_v10.txt");
    let count = |sql: &str| ledger.count(sql);
    assert_eq!(
        count(
            "SELECT count(*) FROM events WHERE action = 'upgrade'
             AND detail = '{\"from_schema_version\":10,\"schema_version\":11}'"
        ),
        1
    );
    // The words are read from the documents, as they were stored.
    assert_golden(&ledger.run(&["claim", "show", "9"]), "claim_show_v10.txt");
    // A check keeps the links between figures without their notes, and
    // reads them out as they were.
    ledger.run(&["check"]);
    assert_eq!(
        count("SELECT count(*) FROM claim_links WHERE origin = 'auto' AND note IS NULL"),
        3
    );
    assert_golden(&ledger.run(&["claim", "show", "9"]), "claim_show_v10.txt");
    assert_golden(&ledger.run(&["report"]), "seeds_report_v10.txt");
    // A person who adopts one keeps its note.
    ledger.run(&["claim", "link", "9", "contradicts", "23"]);
    let shown = ledger.run(&["claim", "show", "9"]);
    assert!(
        shown.contains(
            "contradicts C23 [manual] russian peacekeepers deployed: some 2,000 [1,800\u{2013}2,200] \
             on 2020-11-26 conflicts with russian peacekeepers deployed: 3,000"
        ),
        "{shown}"
    );
    // The keys became hashes that new text still finds: Interfax's article
    // again from another outlet is the same claims, not new ones.
    let claims = count("SELECT count(*) FROM claims");
    let mentions = count("SELECT count(*) FROM mentions");
    ledger.article(
        "ria.txt",
        "outlet: RIA Novosti\npublished: 2020-11-27\n\n\
         About 1,900 Russian peacekeepers have deployed in Nagorno-Karabakh, the ministry said.\n",
    );
    assert_eq!(count("SELECT count(*) FROM claims"), claims);
    assert!(count("SELECT count(*) FROM mentions") > mentions);
    ledger.assert_audit_intact();
}

#[test]
fn the_views_read_as_the_report_does() {
    let ledger = Workdir::seeded();
    ledger.run(&["check"]);
    // One claim retracted since the check.
    ledger.run(&["claim", "retract", "7", "--why", "a photo caption"]);
    let report: Value = serde_json::from_str(&ledger.run(&["report", "--format", "json"])).unwrap();
    let conn = rusqlite::Connection::open(ledger.db()).unwrap();
    let mut stmt = conn
        .prepare("SELECT claim_id, status, independent_sources, reason FROM claim_status")
        .unwrap();
    let rows: Vec<(i64, String, Option<i64>, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let claims: i64 = conn
        .query_row("SELECT count(*) FROM claims", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows.len() as i64, claims);
    for claim in report["claims"].as_array().unwrap() {
        let row = rows.iter().find(|r| r.0 == claim["id"]).unwrap();
        assert_eq!(row.1, claim["status"].as_str().unwrap());
        assert_eq!(row.2, claim["independent_sources"].as_i64());
        assert_eq!(row.3.as_deref(), claim["reason"].as_str());
    }
    let retracted = rows.iter().find(|r| r.0 == 7).unwrap();
    assert_eq!(
        (retracted.1.as_str(), retracted.3.as_deref()),
        ("retracted", Some("a photo caption"))
    );
    // A mention with its claim, outlet, document and speaker by name.
    let (claim, outlet, speaker, stance, quote): (String, String, String, String, String) = conn
        .query_row(
            "SELECT claim, outlet, speaker, stance, quote FROM claim_mentions
             WHERE speaker = 'Sahiba Gafarova' ORDER BY mention_id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert!(claim.contains("dirty political campaign"), "{claim}");
    assert!(["Press TV", "The Moscow Times"].contains(&outlet.as_str()));
    assert_eq!(
        (speaker.as_str(), stance.as_str()),
        ("Sahiba Gafarova", "reports")
    );
    assert!(quote.contains("dirty political campaign"), "{quote}");
    let mentions: i64 = conn
        .query_row("SELECT count(*) FROM mentions", [], |r| r.get(0))
        .unwrap();
    let listed: i64 = conn
        .query_row("SELECT count(*) FROM claim_mentions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(listed, mentions);
}

#[test]
fn a_verdict_shows_the_mentions_it_was_judged_on_until_the_next_check() {
    let ledger = Workdir::seeded();
    ledger.run(&["check"]);
    let before = ledger.run(&["report"]);
    // A new mention of C2 (the French resolution) in The Moscow Times.
    ledger.run(&[
        "claim",
        "add",
        "--document",
        "1",
        "--quote",
        "Azerbaijani lawmakers urged the government",
        "--claim",
        "2",
    ]);
    assert_eq!(ledger.run(&["report"]), before, "judged without it");
    assert!(ledger
        .run(&["claim", "show", "2"])
        .contains("Azerbaijani lawmakers urged the government"));
    ledger.run(&["check"]);
    let after = ledger.run(&["report"]);
    let c2 = after.split("\n\n").find(|c| c.starts_with("C2 ")).unwrap();
    assert!(
        c2.contains("Azerbaijani lawmakers urged the government"),
        "{c2}"
    );
}

#[test]
fn a_second_check_keeps_what_did_not_change() {
    let ledger = Workdir::seeded();
    // Links between figures too, whose notes are not stored.
    ledger.article("tass.txt", TASS);
    ledger.run(&["check"]);
    let db = ledger.db();
    let rows = |sql: &str| -> Vec<String> {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let mut stmt = conn.prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    };
    let links = "SELECT id || ' ' || from_claim || ' ' || to_claim || ' ' || coalesce(note, '-')
                 FROM claim_links ORDER BY id";
    // A claim's verdict: its cluster's, or its own if it is the first.
    let verdicts = "SELECT c.id || ' ' || v.status || ' ' || v.reason FROM claims c
                    LEFT JOIN claim_clusters k ON k.claim_id = c.id
                    JOIN verdicts v ON v.cluster_id = coalesce(k.cluster_id, c.id)
                    ORDER BY c.id";
    let (links_before, verdicts_before) = (rows(links), rows(verdicts));
    assert!(!links_before.is_empty());
    assert!(!rows("SELECT relation FROM claim_links WHERE note IS NULL").is_empty());
    // Count every write to verdicts and claim clusters from here on.
    let mut triggers = String::from("CREATE TABLE writes (tab TEXT);");
    for table in ["verdicts", "claim_clusters"] {
        for (name, event) in [("i", "INSERT"), ("u", "UPDATE"), ("d", "DELETE")] {
            triggers.push_str(&format!(
                "CREATE TRIGGER {table}_{name} AFTER {event} ON {table}
                 BEGIN INSERT INTO writes VALUES ('{table}'); END;"
            ));
        }
    }
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(&triggers)
        .unwrap();
    let writes = || rows("SELECT tab || ' ' || count(*) FROM writes GROUP BY tab ORDER BY tab");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    // Judged again (a plain check would see nothing changed and stop):
    // same automatic links (same ids and notes), same verdicts, and not
    // one row written.
    ledger.run(&["check", "--full"]);
    assert_eq!(rows(links), links_before);
    assert_eq!(rows(verdicts), verdicts_before);
    assert!(writes().is_empty(), "{:?}", writes());
    // check writes without foreign key checks; what it wrote passes them.
    assert!(rows("SELECT \"table\" FROM pragma_foreign_key_check").is_empty());

    // A change is still written: claim 9 contradicted by claim 2 changes
    // both their clusters' verdicts, and nothing else.
    ledger.run(&["claim", "link", "9", "contradicts", "2"]);
    ledger.run(&["check"]);
    let changed = rows(
        "SELECT v.status FROM claims c LEFT JOIN claim_clusters k ON k.claim_id = c.id
         JOIN verdicts v ON v.cluster_id = coalesce(k.cluster_id, c.id) WHERE c.id = 9",
    );
    assert_eq!(changed, ["conflicting"]);
    let clusters = rows(
        "SELECT 'verdicts ' || count(DISTINCT coalesce(k.cluster_id, c.id)) FROM claims c
         LEFT JOIN claim_clusters k ON k.claim_id = c.id WHERE c.id IN (2, 9)",
    );
    assert_eq!(clusters, ["verdicts 2"]);
    assert_eq!(writes(), clusters);
}

#[test]
fn two_commands_opening_a_version_1_ledger_at_once_both_work() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.db");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ledger-v1.db"),
        &db,
    )
    .unwrap();
    // Hold the write lock so both see version 1 and queue for the upgrade.
    let mut lock = rusqlite::Connection::open(&db).unwrap();
    let held = lock
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_claimledger"))
            .env_remove("CLAIMLEDGER_DB")
            .arg("--db")
            .arg(&db)
            .arg("report")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    std::thread::sleep(std::time::Duration::from_millis(500));
    held.rollback().unwrap();
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    common::claimledger(dir.path(), &["audit"])
        .assert()
        .success();
}

#[test]
fn verdicts_do_not_depend_on_the_number_of_cores() {
    if std::process::Command::new("taskset")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("note: taskset is missing; skipping");
        return;
    }
    // More clusters than one block of the parallel pass (512), with
    // overlapping, conflicting and copied figures between outlets.
    let ledger = Workdir::new();
    let articles = ledger.dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for i in 0..120 {
        let mut body = String::new();
        for j in 0..6 {
            let fact = (i * 7 + j * 13) % 400;
            let value = 100 * (1 + fact % 50) * if (i + j) % 9 == 0 { 3 } else { 1 };
            // Worded three ways, so reports from different outlets are
            // independent rather than copies of one sentence.
            let (lead, verb, when) = [
                ("Officials said some", "arrived in", "on Monday"),
                (
                    "Reporters counted about",
                    "were deployed to",
                    "late last week",
                ),
                (
                    "A spokesman confirmed that",
                    "reached",
                    "after a long journey",
                ),
            ][i % 3];
            body.push_str(&format!(
                "{lead} {value} Fact{fact} observers {verb} Town{} {when}. ",
                fact % 11
            ));
        }
        std::fs::write(
            articles.join(format!("{i:03}.txt")),
            format!("outlet: Outlet {}\n\n{body}\n", i % 40),
        )
        .unwrap();
    }
    ledger.run(&["ingest", articles.to_str().unwrap()]);
    let one_core = |args: &[&str]| {
        let out = std::process::Command::new("taskset")
            .args(["-c", "0"])
            .arg(env!("CARGO_BIN_EXE_claimledger"))
            .env_remove("CLAIMLEDGER_DB")
            .arg("--db")
            .arg(ledger.db())
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let summary = one_core(&["check"]);
    let clusters: i64 = rusqlite::Connection::open(ledger.db())
        .unwrap()
        .query_row("SELECT count(DISTINCT cluster_id) FROM verdicts", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(clusters > 512, "{clusters} clusters: {summary}");
    let report = ledger.run(&["report", "--format", "json"]);
    // Checked again on every core: nothing to write, the same report.
    assert_eq!(ledger.run(&["check", "--full"]), summary);
    assert_eq!(ledger.run(&["report", "--format", "json"]), report);
}

/// Two outlets' articles on the Beirut blast from the real corpus, which
/// quote Beirut's governor in two spellings and in other words.
fn governor_articles() -> [PathBuf; 2] {
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realcorpus/articles");
    [
        articles.join("08_arabianbusiness_up-to-300000-homeless.txt"),
        articles.join("10_saudigazette_death-toll-rises-past-100.txt"),
    ]
}

#[test]
fn every_command_that_changes_what_the_pass_reads_makes_the_next_check_judge() {
    // `check` stops when the newest event is its own: each of these must
    // write an event, or the check after it would keep stale verdicts.
    let ledger = Workdir::seeded();
    let [a, _] = governor_articles();
    let article = a.to_str().unwrap();
    let changes: &[&[&str]] = &[
        &["ingest", "--no-extract", article],
        // The same file again: its claims are extracted now.
        &["ingest", article],
        &["outlet", "add", "Daily Example"],
        &["outlet", "link", "Press TV", "copies", "The Moscow Times"],
        &["actor", "add", "Jane Roe"],
        &["actor", "alias", "Jane Roe", "J. Roe"],
        &["actor", "merge", "Jane Roe", "Ankara"],
        &["actor", "split", "Jane Roe", "Ankara"],
        &["claim", "add", "--document", "1", "--quote", "Azerbaijan"],
        &["claim", "link", "1", "contradicts", "4"],
        &["claim", "unlink", "1", "4"],
        &["claim", "reject", "2", "3"],
        &["claim", "merge", "5", "6"],
        &["claim", "rate", "7", "--rating", "False"],
        &["claim", "retract", "7", "--why", "test"],
    ];
    ledger.run(&["check"]);
    for change in changes {
        ledger.run(change);
        for expected in ["checked ", "nothing changed"] {
            let said = ledger.run(&["check"]);
            assert!(said.starts_with(expected), "after {change:?}: {said}");
        }
    }
}

#[test]
fn a_check_with_nothing_changed_says_what_the_last_found_suggestions_too() {
    let ledger = Workdir::seeded();
    let [a, b] = governor_articles();
    ledger.run(&["ingest", a.to_str().unwrap(), b.to_str().unwrap()]);
    let first = ledger.run(&["check"]);
    assert!(first.contains("of claims may be one"), "{first}");
    let again = ledger.run(&["check"]);
    let (_, found) = again.split_once(":\n").unwrap();
    assert_eq!(found, first.strip_prefix("checked ").unwrap());
    let json = |args: &[&str]| -> Value {
        let mut v: Value = serde_json::from_str(&ledger.run(args)).unwrap();
        v.as_object_mut().unwrap().remove("unchanged_since");
        v
    };
    assert!(json(&["check", "--format", "json"])["suggestions"].as_u64() > Some(0));
    assert_eq!(
        json(&["check", "--format", "json"]),
        json(&["check", "--full", "--format", "json"])
    );
}

#[test]
fn a_suggested_pair_is_listed_reported_and_settled_by_a_person() {
    let ledger = Workdir::seeded();
    let [a, b] = governor_articles();
    ledger.run(&["ingest", a.to_str().unwrap(), b.to_str().unwrap()]);
    // "Marwan Aboud" and "Marwan Abboud" are one actor.
    let actors: Value =
        serde_json::from_str(&ledger.run(&["actor", "list", "--format", "json"])).unwrap();
    let governor = actors
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Marwan Aboud")
        .unwrap_or_else(|| panic!("no governor in {actors:#}"));
    assert!(governor["aliases"].to_string().contains("Marwan Abboud"));

    let checked = ledger.run(&["check"]);
    assert!(checked.contains("1 pair of claims may be one"), "{checked}");
    let listed: Value =
        serde_json::from_str(&ledger.run(&["claim", "suggestions", "--format", "json"])).unwrap();
    let pair = &listed[0];
    assert_eq!(pair["from_speaker"], "Marwan Aboud");
    assert_eq!(pair["to_speaker"], "Marwan Aboud");
    assert!(pair["from_text"].as_str().unwrap().contains("$3.0 billion"));
    assert!(pair["to_text"].as_str().unwrap().contains("$3 billion"));
    let (from, to) = (pair["from_claim"].to_string(), pair["to_claim"].to_string());
    let report = ledger.run(&["report"]);
    assert!(
        report.contains("== POSSIBLE SAME CLAIMS (1) =="),
        "{report}"
    );
    assert!(report.contains(&format!("`claim reject {from} {to}`")));
    let json: Value = serde_json::from_str(&ledger.run(&["report", "--format", "json"])).unwrap();
    assert_eq!(json["suggestions"][0]["from_claim"], pair["from_claim"]);

    // Dismissed: gone at once, and no check suggests it again.
    let rejected = ledger.run(&["claim", "reject", &from, &to, "--note", "other figures"]);
    assert!(rejected.contains("not one proposition"), "{rejected}");
    assert_eq!(
        ledger.run(&["claim", "suggestions", "--format", "json"]),
        "[]\n"
    );
    let checked = ledger.run(&["check"]);
    assert!(!checked.contains("may be one"), "{checked}");
    assert!(!ledger.run(&["report"]).contains("POSSIBLE SAME CLAIMS"));
    let shown = ledger.run(&["claim", "show", &from]);
    assert!(
        shown.contains(&format!("same-as C{to} [manual, rejected] other figures")),
        "{shown}"
    );

    // Confirmed instead: one claim, carried by both outlets.
    ledger.run(&["claim", "merge", &from, &to]);
    let claims = ledger.checked();
    let merged = claims
        .iter()
        .find(|c| c["id"] == pair["from_claim"])
        .unwrap();
    assert_eq!(merged["status"], "corroborated", "{merged:#}");
    assert_eq!(outlets(merged), ["Arabian Business", "Saudi Gazette"]);
}

#[test]
fn rejecting_a_claim_it_does_not_know_changes_nothing() {
    let ledger = Workdir::seeded();
    for (args, needle) in [
        (
            ["claim", "reject", "1", "1"],
            "a claim is always the same as itself",
        ),
        (["claim", "reject", "1", "9999"], "no claim 9999"),
    ] {
        ledger.fails_unchanged(&args, needle);
    }
}

/// The speakers of the claims whose text starts with `prefix`.
fn speakers_of(ledger: &Workdir, prefix: &str) -> Vec<String> {
    let claims: Value =
        serde_json::from_str(&ledger.run(&["claim", "list", "--format", "json"])).unwrap();
    let mut speakers: Vec<String> = claims
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["text"].as_str().unwrap().starts_with(prefix))
        .map(|c| c["speaker"].as_str().unwrap_or("").to_string())
        .collect();
    speakers.sort();
    speakers.dedup();
    speakers
}

#[test]
fn a_person_splits_an_alias_off_and_merges_it_back() {
    let ledger = Workdir::seeded();
    let [a, b] = governor_articles();
    ledger.run(&["ingest", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(speakers_of(&ledger, "Marwan Abboud:"), ["Marwan Aboud"]);

    // Two governors after all: the Saudi Gazette's spelling goes its own way.
    let split = ledger.run(&["actor", "split", "Marwan Aboud", "Marwan Abboud"]);
    assert!(
        split.contains("is Marwan Abboud: 2 mentions and 1 claim moved"),
        "{split}"
    );
    // With its title form, which names it and not the other.
    let actors: Value =
        serde_json::from_str(&ledger.run(&["actor", "list", "--format", "json"])).unwrap();
    let abboud = actors
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Marwan Abboud")
        .unwrap_or_else(|| panic!("no Marwan Abboud in {actors:#}"));
    assert!(
        abboud["aliases"]
            .to_string()
            .contains("Governor Marwan Abboud"),
        "{abboud:#}"
    );
    assert_eq!(speakers_of(&ledger, "Marwan Abboud:"), ["Marwan Abboud"]);
    assert_eq!(speakers_of(&ledger, "Marwan Aboud:"), ["Marwan Aboud"]);

    // And back: one actor again, the other name its alias.
    let merged = ledger.run(&["actor", "merge", "Marwan Aboud", "Marwan Abboud"]);
    assert!(merged.contains("2 mentions moved"), "{merged}");
    assert_eq!(speakers_of(&ledger, "Marwan Abboud:"), ["Marwan Aboud"]);
    let actors: Value =
        serde_json::from_str(&ledger.run(&["actor", "list", "--format", "json"])).unwrap();
    let governors: Vec<&Value> = actors
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["name"].as_str().unwrap().starts_with("Marwan"))
        .collect();
    assert_eq!(governors.len(), 1, "{actors:#}");
    assert!(governors[0]["aliases"]
        .to_string()
        .contains("Marwan Abboud"));

    // Both corrections are in the audit trail, and the chain holds.
    let db = rusqlite::Connection::open(ledger.db()).unwrap();
    let actions: Vec<String> = db
        .prepare("SELECT action FROM events WHERE entity = 'actor' AND action IN ('split', 'merge') ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(actions, ["split", "merge"]);
    ledger.cmd(&["audit"]).assert().success();
}

#[test]
fn a_wrong_merge_or_split_says_why_and_changes_nothing() {
    let ledger = Workdir::seeded();
    for (args, needle) in [
        (
            ["actor", "merge", "Sahiba Gafarova", "Sahiba Gafarova"],
            "cannot be merged into itself",
        ),
        (
            [
                "actor",
                "merge",
                "Sahiba Gafarova",
                "Parliament speaker Sahiba Gafarova",
            ],
            "are one actor already: actor 2, Sahiba Gafarova",
        ),
        (
            ["actor", "merge", "Sahiba Gafarova", "Nobody Known"],
            "Nobody Known",
        ),
        (
            ["actor", "split", "Sahiba Gafarova", "Nikol Pashinyan"],
            "is not an alias of Sahiba Gafarova",
        ),
    ] {
        ledger.fails_unchanged(&args, needle);
    }
}

#[test]
fn links_to_retracted_claims_and_second_merges_are_refused() {
    let ledger = Workdir::seeded();
    ledger.run(&["claim", "retract", "3", "--why", "a caption"]);
    ledger.run(&["claim", "merge", "1", "2"]);
    ledger.run(&["claim", "merge", "2", "5"]);
    for (args, needle) in [
        (
            &["claim", "reject", "3", "4"][..],
            "claim 3 is retracted (a caption)",
        ),
        (
            &["claim", "link", "4", "same-as", "3"],
            "claim 3 is retracted",
        ),
        (&["claim", "merge", "3", "4"], "claim 3 is retracted"),
        // A merge back, and one that would close a cycle.
        (
            &["claim", "merge", "2", "1"],
            "C1 and C2 are one proposition already",
        ),
        (
            &["claim", "merge", "5", "1"],
            "C1 and C5 are one proposition already",
        ),
        // Dismissing one pair of a chain would not part them.
        (
            &["claim", "reject", "1", "5"],
            "C1 and C5 are one proposition through other claims' links",
        ),
    ] {
        ledger.fails_unchanged(args, needle);
    }
}

#[test]
fn a_retracted_claim_joins_nothing() {
    let ledger = Workdir::seeded();
    ledger.run(&["claim", "merge", "1", "6"]);
    ledger.run(&["claim", "merge", "6", "7"]);
    ledger.run(&["claim", "retract", "6", "--why", "a caption"]);
    // 1 and 7 were one through 6 only; with 6 out, a person may join them.
    let merged = ledger.run(&["claim", "merge", "1", "7"]);
    assert!(merged.contains("C1 and C7 are one proposition"), "{merged}");
}

/// Two articles in which "Officials" say one thing and then another of
/// each of `n` bridges, each named once in each article.
fn bridge_articles(ledger: &Workdir, n: usize) {
    let name = |i: usize| format!("Bridge{}", (b'A' + (i % 26) as u8) as char).repeat(1 + i / 26);
    let closed: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "Officials said the {} bridge was closed for repairs on Monday.",
                name(i)
            )
        })
        .collect();
    let resumed: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "Officials said traffic on the {} bridge resumed after engineers finished inspections.",
                name(i)
            )
        })
        .collect();
    ledger.article(
        "a.txt",
        &format!(
            "title: A\noutlet: Daily A\npublished: 2024-03-05\n\n{}\n",
            closed.join(" ")
        ),
    );
    ledger.article(
        "b.txt",
        &format!(
            "title: B\noutlet: Daily B\npublished: 2024-03-06\n\n{}\n",
            resumed.join(" ")
        ),
    );
}

#[test]
fn statements_that_share_only_a_name_are_suggested_not_joined() {
    let ledger = Workdir::seeded();
    bridge_articles(&ledger, 2);
    let checked = ledger.run(&["check"]);
    assert!(
        checked.contains("2 pairs of claims may be one"),
        "{checked}"
    );
    let pairs: Value =
        serde_json::from_str(&ledger.run(&["claim", "suggestions", "--format", "json"])).unwrap();
    for pair in pairs.as_array().unwrap() {
        assert_eq!(pair["note"], "they share names, not what is said of them");
        assert_eq!(pair["from_status"], "single-source");
    }
}

#[test]
fn the_report_shows_the_best_fifty_suggestions_and_says_how_many_more() {
    let ledger = Workdir::seeded();
    bridge_articles(&ledger, 60);
    ledger.run(&["check"]);
    let listed: Value =
        serde_json::from_str(&ledger.run(&["claim", "suggestions", "--format", "json"])).unwrap();
    let n = listed.as_array().unwrap().len();
    assert!(n > 50, "{n} pairs");
    let report = ledger.run(&["report"]);
    assert!(
        report.contains(&format!("== POSSIBLE SAME CLAIMS ({n}) ==")),
        "{report}"
    );
    assert_eq!(report.matches("one proposition: `claim merge").count(), 50);
    let json: Value = serde_json::from_str(&ledger.run(&["report", "--format", "json"])).unwrap();
    assert_eq!(json["suggestions"].as_array().unwrap().len(), 50);
    assert_eq!(json["suggestion_count"], n);
    assert!(report.contains(&format!(
        "\n{} more: `claimledger claim suggestions` lists every pair\n",
        n - 50
    )));
}
