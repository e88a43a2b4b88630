//! The spreadsheet round trip: export csv, correct it, import it back.

mod common;

use std::path::Path;

use predicates::prelude::*;

use common::Workdir;

impl Workdir {
    /// The seeds (without extracted claims), a hostile article, and
    /// claims added by hand, checked.
    fn with_claims() -> Workdir {
        let ledger = Workdir::new();
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        ledger.run(&["ingest", "--no-extract", seeds.to_str().unwrap()]);
        let hostile = ledger.path("hostile.txt");
        std::fs::write(
            &hostile,
            "outlet: Hostile Daily\n\nThe minister wrote =HYPERLINK(\"http://x\") in a memo.\n",
        )
        .unwrap();
        ledger.run(&["ingest", "--no-extract", hostile.to_str().unwrap()]);
        ledger.run(&[
            "claim",
            "add",
            "--document",
            "2",
            "--quote",
            "some 2,000 peacekeepers",
            "--kind",
            "quantity",
            "--subject",
            "russian peacekeepers",
            "--low",
            "1800",
            "--high",
            "2200",
        ]);
        ledger.run(&[
            "claim",
            "add",
            "--document",
            "1",
            "--quote",
            "some 2,000 Russian peacekeepers",
            "--claim",
            "1",
        ]);
        ledger.run(&[
            "claim",
            "add",
            "--document",
            "1",
            "--quote",
            "dirty political campaign against Azerbaijan",
            "--kind",
            "quote",
            "--speaker",
            "Sahiba Gafarova",
        ]);
        ledger.run(&[
            "claim",
            "add",
            "--document",
            "3",
            "--quote",
            "=HYPERLINK(\"http://x\")",
        ]);
        ledger.run(&["check"]);
        ledger
    }

    fn export(&self) -> String {
        let file = self.path("mentions.csv");
        self.run(&["export", "csv", "-o", file.to_str().unwrap()]);
        std::fs::read_to_string(file).unwrap()
    }

    fn import(&self, csv: &str) -> assert_cmd::assert::Assert {
        let file = self.path("edited.csv");
        std::fs::write(&file, csv).unwrap();
        self.cmd(&["import", file.to_str().unwrap()]).assert()
    }

    /// The ledger's rows, without the audit trail and verdict times.
    fn content(&self) -> String {
        let conn = rusqlite::Connection::open(self.path("ledger.db")).unwrap();
        let mut out = String::new();
        for (table, sql) in [
            ("claims", "SELECT id, kind, text, measure, low, high, unit, speaker_id, quoted FROM claims ORDER BY id"),
            ("mentions", "SELECT m.mention_id, m.claim_id, m.document_id, n.actor_id, m.stance, m.quote, n.span_start, n.span_end
                          FROM claim_mentions m JOIN mentions n ON n.id = m.mention_id ORDER BY m.mention_id"),
            ("actors", "SELECT id, name FROM actors ORDER BY id"),
            ("claim_links", "SELECT from_claim, to_claim, relation, origin, rejected FROM claim_links ORDER BY id"),
        ] {
            out.push_str(table);
            out.push('\n');
            let mut stmt = conn.prepare(sql).unwrap();
            let n = stmt.column_count();
            let mut rows = stmt.query([]).unwrap();
            while let Some(row) = rows.next().unwrap() {
                let cells: Vec<String> = (0..n).map(|i| format!("{:?}", row.get_ref(i).unwrap())).collect();
                out.push_str(&cells.join("|"));
                out.push('\n');
            }
        }
        out
    }
}

#[test]
fn export_then_import_gives_the_same_ledger() {
    let ledger = Workdir::with_claims();
    let before = ledger.content();
    let csv = ledger.export();
    assert!(
        csv.contains("'=HYPERLINK"),
        "formula cell neutralized:\n{csv}"
    );
    ledger
        .import(&csv)
        .success()
        .stdout(predicate::str::contains(
            "0 claims added, 0 updated; 0 mentions added, 0 updated",
        ));
    assert_eq!(ledger.content(), before);
}

#[test]
fn corrections_in_the_spreadsheet_reach_the_ledger() {
    let ledger = Workdir::with_claims();
    let csv = ledger.export();
    let mut rows: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    let header: csv::StringRecord = csv::Reader::from_reader(csv.as_bytes())
        .headers()
        .unwrap()
        .clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    // A fact-checker widens the interval, and fixes a speaker and a stance.
    let mut edited = rows[0].iter().map(str::to_string).collect::<Vec<_>>();
    edited[col("low")] = "1700".into();
    rows[0] = csv::StringRecord::from(edited);
    let quote_row = rows
        .iter()
        .position(|r| &r[col("kind")] == "quote")
        .unwrap();
    let mut edited = rows[quote_row]
        .iter()
        .map(str::to_string)
        .collect::<Vec<_>>();
    edited[col("speaker")] = "Parliament speaker Sahiba Gafarova".into();
    edited[col("stance")] = "asserts".into();
    rows[quote_row] = csv::StringRecord::from(edited);
    // And adds a new claim with its mention.
    let mut new_row = vec![String::new(); header.len()];
    new_row[col("text")] = "The Minsk Group was set up in 1992".into();
    new_row[col("kind")] = "event".into();
    new_row[col("document_id")] = "2".into();
    new_row[col("quote")] = "set up in 1992".into();
    rows.push(csv::StringRecord::from(new_row));

    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&header).unwrap();
    for row in &rows {
        writer.write_record(row).unwrap();
    }
    let edited = String::from_utf8(writer.into_inner().unwrap()).unwrap();
    ledger
        .import(&edited)
        .success()
        .stdout(predicate::str::contains(
            "1 claims added, 1 updated; 1 mentions added, 1 updated",
        ));

    let shown = ledger.run(&["claim", "show", "1"]);
    assert!(shown.contains("1,700–2,200"), "{shown}");
    let quote = ledger.run(&["claim", "show", "2", "--format", "json"]);
    assert!(quote.contains("\"stance\": \"asserts\""), "{quote}");
    assert!(ledger
        .run(&["claim", "list"])
        .contains("Minsk Group was set up in 1992"));
    ledger.cmd(&["audit"]).assert().success();

    // The same file imported again adds nothing: not the new claim either.
    let before = ledger.content();
    ledger
        .import(&edited)
        .success()
        .stdout(predicate::str::contains(
            "0 claims added, 0 updated; 0 mentions added, 0 updated",
        ));
    assert_eq!(ledger.content(), before);
}

/// The exported CSV as header and rows, for editing like a spreadsheet.
fn parse(csv: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn unparse(header: &[String], rows: &[Vec<String>]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header).unwrap();
    for row in rows {
        writer.write_record(row).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

#[test]
fn a_bad_row_stops_the_import_and_changes_nothing() {
    let ledger = Workdir::with_claims();
    let (header, mut rows) = parse(&ledger.export());
    let before = ledger.content();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    // An earlier, valid change must not survive the failure either.
    rows[0][col("stance")] = "denies".into();
    // Line 3 of the file: the second data row gets a low that is not a number.
    rows[1][col("low")] = "lots".into();
    ledger
        .import(&unparse(&header, &rows))
        .code(1)
        .stderr(predicate::str::contains(
            "edited.csv:3: low: 'lots' is not a number",
        ));
    assert_eq!(ledger.content(), before);
}

#[test]
fn a_figure_is_never_dropped_and_its_error_names_its_cell() {
    let ledger = Workdir::with_claims();
    let exported = ledger.export();
    let (header, rows) = parse(&exported);
    let before = ledger.content();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let kind_at = |kind: &str| rows.iter().position(|r| r[col("kind")] == kind).unwrap();
    // A measure on a statement's row would be lost: it is an error at its cell.
    let (statement, quantity) = (kind_at("statement"), kind_at("quantity"));
    let mut edited = rows.clone();
    edited[statement][col("measure")] = "people killed".into();
    ledger
        .import(&unparse(&header, &edited))
        .code(1)
        .stderr(predicate::str::contains(format!(
            "edited.csv:{}: measure: a statement claim has no figure",
            statement + 2
        )));
    // A low above the high is the high's error, not the claim id's.
    let mut edited = rows.clone();
    let high: f64 = edited[quantity][col("high")].parse().unwrap();
    edited[quantity][col("low")] = (high + 1.0).to_string();
    ledger
        .import(&unparse(&header, &edited))
        .code(1)
        .stderr(predicate::str::contains(format!(
            "edited.csv:{}: high: a quantity claim needs",
            quantity + 2
        )));
    assert_eq!(ledger.content(), before);
}

#[test]
fn two_rows_correcting_one_claim_differently_is_an_error() {
    let ledger = Workdir::with_claims();
    let (header, mut rows) = parse(&ledger.export());
    let before = ledger.content();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows[0][col("claim_id")], rows[1][col("claim_id")]);
    rows[0][col("low")] = "1700".into();
    rows[1][col("low")] = "1600".into();
    ledger
        .import(&unparse(&header, &rows))
        .code(1)
        .stderr(predicate::str::contains(
            "edited.csv:3: claim_id: line 2 corrects claim 1 differently",
        ));
    assert_eq!(ledger.content(), before);
}

#[test]
fn ragged_rows_missing_columns_and_unknown_words_are_named() {
    let ledger = Workdir::with_claims();
    let csv = ledger.export();
    let before = ledger.content();
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    lines[2].push_str(",extra");
    ledger
        .import(&(lines.join("\n") + "\n"))
        .code(1)
        .stderr(predicate::str::contains(
            "edited.csv:3: this row has 23 cells, the header has 22",
        ));
    ledger
        .import("claim_id,claim_text\n1,x\n")
        .code(1)
        .stderr(predicate::str::contains("missing columns: kind, id"));
    let lines: Vec<String> = csv.lines().map(str::to_string).collect();
    let changed = lines[1].replacen("asserts", "believes", 1);
    ledger
        .import(&format!("{}\n{changed}\n", lines[0]))
        .code(1)
        .stderr(predicate::str::contains(
            "stance: unknown stance 'believes'",
        ));
    ledger
        .import("claim_id,claim_text,kind,mention_id,document_id,speaker,stance,quote\n,\"x\0y\",statement,,1,,asserts,nowhere\n")
        .code(1)
        .stderr(predicate::str::contains("edited.csv:2: quote: the words are not in document 1"));
    assert_eq!(ledger.content(), before);
}

#[test]
fn a_quote_that_starts_with_an_apostrophe_survives_the_round_trip() {
    let ledger = Workdir::with_claims();
    let odd = ledger.path("odd.txt");
    std::fs::write(
        &odd,
        "outlet: Odd Times\n\n'=cmd|' /C calc'!A0 was found in the memo.\n",
    )
    .unwrap();
    ledger.run(&["ingest", "--no-extract", odd.to_str().unwrap()]);
    ledger.run(&[
        "claim",
        "add",
        "--document",
        "4",
        "--quote",
        "'=cmd|' /C calc'!A0",
    ]);
    let before = ledger.content();
    ledger
        .import(&ledger.export())
        .success()
        .stdout(predicate::str::contains("0 mentions added, 0 updated"));
    assert_eq!(ledger.content(), before);
}

#[test]
fn errors_name_the_line_in_an_exported_crlf_file() {
    let ledger = Workdir::with_claims();
    let csv = ledger.export();
    assert!(csv.contains("\r\n"), "export writes RFC 4180 line ends");
    let (header, mut rows) = parse(&csv);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    rows[2][col("kind")] = "bogus".into();
    let edited = unparse(&header, &rows).replace('\n', "\r\n");
    ledger
        .import(&edited)
        .code(1)
        .stderr(predicate::str::contains(
            "edited.csv:4: kind: unknown claim kind 'bogus'",
        ));
}

#[test]
fn new_claims_keep_their_own_rows_whatever_their_file_ids() {
    let ledger = Workdir::with_claims();
    let (header, _) = parse(&ledger.export());
    let conn = rusqlite::Connection::open(ledger.path("ledger.db")).unwrap();
    let top: i64 = conn
        .query_row("SELECT max(id) FROM claims", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = |id: i64, text: &str, quote: &str| {
        let mut row = vec![String::new(); header.len()];
        row[col("claim_id")] = id.to_string();
        row[col("text")] = text.into();
        row[col("kind")] = "event".into();
        row[col("document_id")] = "2".into();
        row[col("quote")] = quote.into();
        row
    };
    // The higher file id first: the claim made for it takes the lower id,
    // which the next row names for a claim of its own.
    let rows = [
        row(top + 2, "alpha", "set up in 1992"),
        row(top + 1, "beta", "some 2,000 peacekeepers"),
    ];
    ledger
        .import(&unparse(&header, &rows))
        .success()
        .stdout(predicate::str::contains(
            "2 claims added, 0 updated; 2 mentions added",
        ));
    let list = ledger.run(&["claim", "list"]);
    assert!(list.contains("alpha") && list.contains("beta"), "{list}");
}

#[test]
fn a_row_naming_a_retracted_claim_is_refused() {
    let ledger = Workdir::with_claims();
    let csv = ledger.export();
    let (header, rows) = parse(&csv);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    // A colleague retracts a claim after the spreadsheet was exported,
    // and a row of it is edited. (A row left as it was changes nothing.)
    let id = rows[0][col("claim_id")].clone();
    ledger.run(&["claim", "retract", &id, "--why", "misread"]);
    let before = ledger.content();
    let mut rows = rows;
    rows[0][col("stance")] = "denies".into();
    ledger
        .import(&unparse(&header, &rows))
        .code(1)
        .stderr(predicate::str::contains(format!(
            "edited.csv:2: claim_id: claim {id} is retracted (misread)"
        )));
    assert_eq!(ledger.content(), before);
}

#[test]
fn a_file_written_before_the_columns_took_the_schemas_names_still_imports() {
    let ledger = Workdir::with_claims();
    let (header, mut rows) = parse(&ledger.export());
    // The mentions CSV of schema 5 and before, which had no ledger id or
    // versions.
    let keep: Vec<bool> = header
        .iter()
        .map(|h| h != "ledger_id" && h != "version")
        .collect();
    let cut = |cells: &[String]| -> Vec<String> {
        cells
            .iter()
            .zip(&keep)
            .filter(|(_, keep)| **keep)
            .map(|(c, _)| c.clone())
            .collect()
    };
    let header = cut(&header);
    rows = rows.iter().map(|r| cut(r)).collect();
    let old: Vec<String> = header
        .iter()
        .map(|h| match h.as_str() {
            "text" => "claim_text",
            "measure" => "subject",
            "independent_sources" => "origins",
            "id" => "mention_id",
            other => other,
        })
        .map(str::to_string)
        .collect();
    let col = |name: &str| old.iter().position(|h| h == name).unwrap();
    rows[0][col("low")] = "1700".into();
    rows[0][col("subject")] = "russian troops sent".into();
    ledger
        .import(&unparse(&old, &rows))
        .success()
        .stdout(predicate::str::contains(
            "0 claims added, 1 updated; 0 mentions added, 0 updated",
        ));
    let shown = ledger.run(&["claim", "show", "1"]);
    assert!(
        shown.contains("russian troops sent: 1,700–2,200"),
        "{shown}"
    );
    // A bad cell is named by the file's own column.
    rows[0][col("low")] = "lots".into();
    ledger
        .import(&unparse(&old, &rows))
        .code(1)
        .stderr(predicate::str::contains(
            "edited.csv:2: low: 'lots' is not a number",
        ));
    rows[0][col("low")] = "1700".into();
    rows[0][col("claim_text")] = String::new();
    ledger
        .import(&unparse(&old, &rows))
        .code(1)
        .stderr(predicate::str::contains(
            "edited.csv:2: claim_text: the claim text is empty",
        ));
}

#[test]
fn bidi_controls_leave_the_export_and_the_round_trip_changes_nothing() {
    // Web text can carry controls that make a cell read in another order
    // than it is stored ("gnp.exe" shown as "exe.png").
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| common::stdout(common::claimledger(dir.path(), args));
    run(&["init"]);
    std::fs::write(
        dir.path().join("bidi.txt"),
        "outlet: Bidi Daily\n\nThe ministry said 40 people were killed in \u{202E}gnp.exe\u{202C} on Monday when shelling hit the market.\n",
    )
    .unwrap();
    run(&["ingest", "bidi.txt"]);
    let stored = run(&["claim", "list", "--format", "json"]);
    assert!(
        stored.contains("\\u202e") || stored.contains('\u{202E}'),
        "{stored}"
    );
    run(&["export", "csv", "-o", "m.csv"]);
    let csv = std::fs::read_to_string(dir.path().join("m.csv")).unwrap();
    assert!(!csv.contains(['\u{202E}', '\u{202C}']), "{csv}");
    assert!(csv.contains("gnp.exe"), "{csv}");
    // Read back, the quote without its controls is the stored one.
    let imported = run(&["import", "m.csv", "--format", "json"]);
    let imported: serde_json::Value = serde_json::from_str(&imported).unwrap();
    assert_eq!(imported["mentions_updated"], 0, "{imported}");
    assert_eq!(imported["claims_updated"], 0, "{imported}");
    assert_eq!(run(&["claim", "list", "--format", "json"]), stored);
}
