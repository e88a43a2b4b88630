//! Timelines through the real binary: `claim timeline` and the report's
//! TIMELINES on crafted articles of one fire, on the real Beirut corpus,
//! on the seeds and on an empty ledger.

mod common;

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

use common::{assert_golden, Workdir};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

impl Workdir {
    /// A ledger with the files of `folder` (in the repository) ingested.
    fn ingested(folder: &str) -> Workdir {
        let ledger = Workdir::new();
        ledger.run(&["ingest", repo(folder).to_str().unwrap()]);
        ledger
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.run(args)).unwrap()
    }

    /// Writes articles into a folder of the ledger's directory and ingests them.
    fn articles(&self, articles: &[(&str, &str)]) {
        let folder = self.dir.path().join("articles");
        std::fs::create_dir_all(&folder).unwrap();
        for (name, text) in articles {
            std::fs::write(folder.join(name), text).unwrap();
        }
        self.run(&["ingest", folder.to_str().unwrap()]);
    }
}

/// A fire's toll as three outlets report it over four days, and a tonnage
/// (which holds still) on two of them.
const FIRE: &[(&str, &str)] = &[
    (
        "courier-0305.txt",
        "title: Warehouse fire kills 12 in Port Ellery\noutlet: The Harbour Courier\n\
         published: 2024-03-05\n\n\
         At least 12 people were killed when a fire swept through a fertiliser warehouse at \
         the port of Port Ellery on Tuesday, the city's fire service said.\n\n\
         Fire chief Tomas Reyes said the blaze started in a storage hall holding about 300 \
         tonnes of ammonium nitrate.\n",
    ),
    (
        "gazette-0306.txt",
        "title: Port Ellery fire toll rises to 15\noutlet: Port Ellery Gazette\n\
         published: 2024-03-06\n\n\
         The death toll from Tuesday's warehouse fire in Port Ellery rose to 15 on Wednesday, \
         the regional health authority said.\n\n\
         More than 40 people were injured, and the hall held 300 tonnes of ammonium nitrate, \
         the port authority said.\n",
    ),
    (
        "wire-0306.txt",
        "title: Toll in Port Ellery fire reaches 15\noutlet: Coastal Wire\noutlet-kind: wire\n\
         published: 2024-03-06\n\n\
         The death toll from the Port Ellery warehouse fire has reached 15, officials said \
         on Wednesday.\n",
    ),
    (
        "courier-0308.txt",
        "title: Port Ellery fire: 18 dead\noutlet: The Harbour Courier\npublished: 2024-03-08\n\n\
         The fire killed 18 people, the fire service said on Friday. Nearly 60 people were \
         injured in all.\n",
    ),
];

/// The checked ledger of [`FIRE`].
fn fire() -> Workdir {
    let ledger = Workdir::new();
    ledger.articles(FIRE);
    ledger.run(&["check"]);
    ledger
}

/// (day, figure as stated, claim id) of each entry of a JSON listing of `measure`.
fn figures(entries: &Value, measure: &str) -> Vec<(String, String, i64)> {
    entries
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["measure"] == measure)
        .map(|e| {
            (
                e["as_of"].as_str().unwrap().to_string(),
                e["figure"].as_str().unwrap().to_string(),
                e["claim_id"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

#[test]
fn a_toll_reported_on_several_days_is_a_timeline_in_day_order() {
    let ledger = fire();
    let listing = ledger.json(&["claim", "timeline", "--format", "json"]);
    let killed = figures(&listing, "people killed");
    let days_and_figures: Vec<(&str, &str)> = killed
        .iter()
        .map(|(d, f, _)| (d.as_str(), f.as_str()))
        .collect();
    assert_eq!(
        days_and_figures,
        [
            ("2024-03-05", "at least 12 people"),
            ("2024-03-06", "rose to 15 people"),
            ("2024-03-08", "18 people"),
        ]
    );
    // A toll of a later day is another moment: no conflict, not one claim.
    let entries = listing.as_array().unwrap();
    for e in entries.iter().filter(|e| e["measure"] == "people killed") {
        assert_ne!(e["status"], "conflicting", "{e}");
    }
    let clusters: std::collections::BTreeSet<i64> = entries
        .iter()
        .filter(|e| e["measure"] == "people killed")
        .map(|e| e["cluster_id"].as_i64().unwrap())
        .collect();
    assert_eq!(clusters.len(), 3);
    // Each figure names its outlets, its day and a quote.
    let fifteen = &entries[entries
        .iter()
        .position(|e| e["figure"] == "rose to 15 people")
        .unwrap()];
    assert_eq!(
        strings(&fifteen["outlets"]),
        ["Coastal Wire", "Port Ellery Gazette"]
    );
    assert_eq!(fifteen["status"], "corroborated");
    assert!(fifteen["quote"].as_str().unwrap().contains("rose to 15"));
    assert_eq!(fifteen["published"], "2024-03-06");
    // The injured toll too; the tonnage holds still and makes none.
    assert_eq!(figures(&listing, "people injured").len(), 2);
    assert!(entries.iter().all(|e| e["measure"] != "ammonium nitrate"));

    // One measure alone, in every format.
    let only = ledger.json(&[
        "claim",
        "timeline",
        "--measure",
        " People Killed",
        "--format",
        "json",
    ]);
    assert_eq!(figures(&only, "people killed"), killed);
    assert_eq!(only.as_array().unwrap().len(), killed.len());
    let ndjson = ledger.run(&[
        "claim",
        "timeline",
        "--measure",
        "people killed",
        "--format",
        "ndjson",
    ]);
    assert_eq!(ndjson.lines().count(), 3);
    let csv = ledger.run(&[
        "claim",
        "timeline",
        "--measure",
        "people killed",
        "--format",
        "csv",
    ]);
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("measure,unit,as_of,claim_id,figure,"));
    assert!(lines.next().unwrap().contains("at least 12 people"));
    // An outlet's own figures: The Harbour Courier reported two days.
    let courier = ledger.json(&[
        "claim",
        "timeline",
        "--outlet",
        "The Harbour Courier",
        "--format",
        "json",
    ]);
    let courier: Vec<String> = figures(&courier, "people killed")
        .into_iter()
        .map(|(d, _, _)| d)
        .collect();
    assert_eq!(courier, ["2024-03-05", "2024-03-08"]);

    assert_golden(&ledger.run(&["claim", "timeline"]), "timeline_fire.txt");
    assert_golden(
        &ledger.run(&["claim", "timeline", "--format", "markdown"]),
        "timeline_fire.md",
    );
}

#[test]
fn the_report_shows_the_timelines_after_the_statuses() {
    let ledger = fire();
    let text = ledger.run(&["report"]);
    let timelines = text.find("\n== TIMELINES (2) ==\n").expect(&text);
    let single = text.find("\n== SINGLE-SOURCE").unwrap();
    assert!(single < timelines, "{text}");
    let section = &text[timelines..];
    assert!(section.contains("people killed: 3 figures on 3 days, 2024-03-05 to 2024-03-08"));
    assert!(
        section.contains("2024-03-06  rose to 15 people   C"),
        "{section}"
    );
    if let Some(suggestions) = text.find("\n== POSSIBLE SAME CLAIMS") {
        assert!(timelines < suggestions, "{text}");
    }
    let markdown = ledger.run(&["report", "--format", "markdown"]);
    assert!(markdown.contains("\n## TIMELINES (2)\n"), "{markdown}");
    assert!(markdown.contains("\n### people killed: 3 figures on 3 days"));

    let report = ledger.json(&["report", "--format", "json"]);
    let timelines = report["timelines"].as_array().unwrap();
    let measures: Vec<&str> = timelines
        .iter()
        .map(|t| t["measure"].as_str().unwrap())
        .collect();
    assert_eq!(measures, ["people injured", "people killed"]);
    assert_eq!(timelines[1]["entries"].as_array().unwrap().len(), 3);
    assert_eq!(timelines[1]["entries"][0]["figure"], "at least 12 people");
    // NDJSON is the claims alone, one to a line.
    let ndjson = ledger.run(&["report", "--format", "ndjson"]);
    assert!(ndjson.lines().all(|l| !l.contains("\"entries\"")));
    // A report of one outlet shows that outlet's timelines.
    let wire = ledger.json(&["report", "--outlet", "Coastal Wire", "--format", "json"]);
    assert_eq!(wire["timelines"], Value::Array(vec![]));
}

#[test]
fn a_measure_that_holds_still_or_is_unknown_has_no_timeline_and_says_why() {
    let ledger = fire();
    ledger
        .cmd(&["claim", "timeline", "--measure", "ammonium nitrate"])
        .assert()
        .success()
        .stdout(predicate::str::contains("'ammonium nitrate' holds still"));
    ledger
        .cmd(&[
            "claim",
            "timeline",
            "--measure",
            "ammonium nitrate",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .stdout("[]\n")
        .stderr(predicate::str::contains(
            "note: no timelines: 'ammonium nitrate' holds still",
        ));
    ledger
        .cmd(&["claim", "timeline", "--measure", "people drowned"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "no figure has the measure 'people drowned'",
        ));
    ledger
        .cmd(&[
            "claim",
            "timeline",
            "--measure",
            "people killed",
            "--status",
            "conflicting",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "'people killed' has no figures (conflicting) on two or more days",
        ));
}

#[test]
fn an_empty_ledger_lists_no_timeline() {
    let ledger = Workdir::new();
    ledger
        .cmd(&["claim", "timeline"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "no timelines: no toll has figures on two or more days",
        ));
    ledger
        .cmd(&["claim", "timeline", "--format", "json"])
        .assert()
        .success()
        .stdout("[]\n");
    ledger
        .cmd(&["claim", "timeline", "--format", "ndjson"])
        .assert()
        .success()
        .stdout("");
    let csv = ledger.run(&["claim", "timeline", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 1, "{csv}");
    let report = ledger.json(&["report", "--format", "json"]);
    assert_eq!(report["timelines"], Value::Array(vec![]));
    assert!(!ledger.run(&["report"]).contains("TIMELINES"));
}

#[test]
fn the_seeds_have_no_timeline_and_a_later_force_count_conflicts_instead() {
    let ledger = Workdir::ingested("seeds");
    ledger.run(&["check"]);
    assert_eq!(
        ledger.json(&["claim", "timeline", "--format", "json"]),
        Value::Array(vec![])
    );
    assert!(!ledger.run(&["report"]).contains("TIMELINES"));
    // A force's size holds still: TASS's 3,000 a day later conflicts with
    // "some 2,000"; it is no timeline.
    ledger.articles(&[(
        "tass.txt",
        "outlet: TASS\noutlet-kind: wire\ncountry: Russia\npublished: 2020-11-27\n\n\
         In all, 3,000 Russian peacekeepers have deployed in Nagorno-Karabakh.\n",
    )]);
    ledger.run(&["check"]);
    ledger
        .cmd(&["claim", "timeline", "--measure", "russian troops deployed"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "'russian troops deployed' holds still",
        ));
    let report = ledger.run(&["report"]);
    assert!(report.contains("== CONFLICTING (2) =="), "{report}");
    assert!(!report.contains("TIMELINES"), "{report}");
}

#[test]
fn the_beirut_tolls_are_a_killed_timeline_in_day_order() {
    let ledger = Workdir::ingested("tests/realcorpus/articles");
    ledger.run(&["check"]);
    let listing = ledger.json(&[
        "claim",
        "timeline",
        "--measure",
        "people killed",
        "--format",
        "json",
    ]);
    let entries = listing.as_array().unwrap();
    let days: Vec<&str> = entries
        .iter()
        .map(|e| e["as_of"].as_str().unwrap())
        .collect();
    let mut sorted = days.clone();
    sorted.sort();
    assert_eq!(days, sorted, "in day order");
    let mut distinct = days.clone();
    distinct.dedup();
    assert!(distinct.len() >= 3, "{days:?}");
    // The answer key's four tolls of four moments (expected.md rows 1, 3,
    // 4 and 6), each found on its day and in this order.
    let at = |figure: &str, day: &str| {
        entries
            .iter()
            .position(|e| e["figure"] == figure && e["as_of"] == day)
            .unwrap_or_else(|| panic!("no {figure} on {day} in {listing:#}"))
    };
    let tolls = [
        at("at least 25 people", "2020-08-04"),
        at("more than 70 people", "2020-08-04"),
        at("reached 100 people", "2020-08-05"),
        at("at least 137 people", "2020-08-06"),
    ];
    assert!(tolls.windows(2).all(|w| w[0] < w[1]), "{tolls:?}");
    for &i in &tolls {
        let e = &entries[i];
        assert_ne!(e["status"], "conflicting", "{e}");
        assert!(!e["outlets"].as_array().unwrap().is_empty(), "{e}");
        let quote = e["quote"].as_str().unwrap();
        let number = e["figure"].as_str().unwrap().split(' ').nth(1).unwrap();
        assert!(quote.contains(number), "{quote} has {number}");
    }
    // "at least 100" (AP) is the Red Cross's 100 with Reuters' "reached 100".
    let hundred = &entries[tolls[2]];
    assert_eq!(hundred["status"], "corroborated");
    assert!(
        strings(&hundred["outlets"]).contains(&"Reuters"),
        "{hundred}"
    );

    // The report has them too, after the statuses and before the pairs.
    let text = ledger.run(&["report"]);
    let section = text.find("\n== TIMELINES (").expect("a TIMELINES section");
    assert!(text.find("\n== SINGLE-SOURCE").unwrap() < section);
    if let Some(pairs) = text.find("\n== POSSIBLE SAME CLAIMS") {
        assert!(section < pairs);
    }
    let report = ledger.json(&["report", "--format", "json"]);
    let measures: Vec<&str> = report["timelines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["measure"].as_str().unwrap())
        .collect();
    assert!(measures.contains(&"people killed"), "{measures:?}");
    assert!(measures.contains(&"people injured"), "{measures:?}");
}

#[test]
fn a_toll_years_apart_is_another_event_not_the_same_timeline() {
    // The seeds' war toll ("some 30,000" killed, in 1992) and the fire's
    // tolls of 2024 share the measure "people killed".
    let ledger = fire();
    ledger.run(&["ingest", repo("seeds").to_str().unwrap()]);
    ledger.run(&["check"]);
    let listing = ledger.json(&["claim", "timeline", "--format", "json"]);
    let killed = figures(&listing, "people killed");
    let days: Vec<&str> = killed.iter().map(|(d, _, _)| d.as_str()).collect();
    assert_eq!(
        days,
        ["2024-03-05", "2024-03-06", "2024-03-08"],
        "{listing:#}"
    );
}
