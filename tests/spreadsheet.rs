//! The CSV in a real spreadsheet: the seeds plus an article of hostile and
//! accented text (tests/fixtures/spreadsheet/hostile.txt, and claims added
//! by hand with a line break, formulas and Cyrillic) are exported, LibreOffice
//! (`soffice --headless --convert-to xlsx`) reads each CSV, and openpyxl
//! (tests/fixtures/spreadsheet/cells.py, run by `$OPENPYXL_PYTHON`, else
//! python3) reads the cells back; every cell must be what the CSV says, and
//! none a formula. Without soffice or openpyxl the test says why and passes,
//! except in CI (.ci/run installs both).
//!
//! LibreOffice 7.x converting without filter options reads a CSV as
//! Windows-1252 whatever its byte-order mark (later versions read UTF-8):
//! with those defaults the test checks the cell boundaries and the ASCII
//! cells, and with the character set alone set to UTF-8 it checks them all.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{claimledger, stdout};
use serde_json::Value;

/// The python that has openpyxl, or why there is none.
fn openpyxl_python() -> Result<PathBuf, String> {
    let python = std::env::var_os("OPENPYXL_PYTHON").map_or("python3".into(), PathBuf::from);
    match Command::new(&python)
        .args(["-c", "import openpyxl"])
        .output()
    {
        Ok(out) if out.status.success() => Ok(python),
        Ok(_) => Err(format!("{} has no openpyxl", python.display())),
        Err(e) => Err(format!("{}: {e}", python.display())),
    }
}

/// `soffice`, or why there is none.
fn soffice() -> Result<PathBuf, String> {
    let soffice = PathBuf::from("soffice");
    match Command::new(&soffice).arg("--version").output() {
        Ok(out) if out.status.success() => Ok(soffice),
        _ => Err("soffice (LibreOffice) is not installed".into()),
    }
}

/// The ledger: the seeds, the hostile article, and claims added by hand
/// whose text no article would give (a line break, formulas, Cyrillic).
fn hostile_ledger(dir: &Path) {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let hostile =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spreadsheet/hostile.txt");
    stdout(claimledger(dir, &["init"]));
    stdout(claimledger(
        dir,
        &[
            "-q",
            "ingest",
            seeds.to_str().unwrap(),
            hostile.to_str().unwrap(),
        ],
    ));
    let add = |text: &str, speaker: &str, quote: &str| {
        stdout(claimledger(
            dir,
            &[
                "-q",
                "claim",
                "add",
                "--document",
                "3",
                "--quote",
                quote,
                &format!("--text={text}"),
                &format!("--speaker={speaker}"),
            ],
        ))
    };
    add(
        "=1+1 line one\nline two, \"quoted\"; -cmd|' /C calc'!A0",
        "+Ünal Çelik",
        "-2 villages were evacuated",
    );
    add("@Лавров: 1/2 12:30 ٣", "-Лавров", "Sergei Lavrov said");
    add("TRUE", "Sergei Lavrov", "Sergei Lavrov said");
    stdout(claimledger(dir, &["-q", "check"]));
}

/// The cells of a CSV, after its byte-order mark.
fn csv_cells(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Converts the CSVs to xlsx in `out` with a profile of its own (so runs in
/// parallel do not share one), with LibreOffice's defaults or `infilter`.
fn convert(soffice: &Path, csvs: &[PathBuf], out: &Path, infilter: Option<&str>) {
    let profile = out.join("profile");
    let mut cmd = Command::new(soffice);
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args(["--headless", "--norestore"]);
    if let Some(filter) = infilter {
        cmd.arg(format!("--infilter={filter}"));
    }
    let status = cmd
        .args(["--convert-to", "xlsx", "--outdir"])
        .arg(out)
        .args(csvs)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
}

/// The cells of each xlsx, read by openpyxl.
fn xlsx_cells(python: &Path, files: &[PathBuf]) -> Vec<Vec<Vec<Value>>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spreadsheet/cells.py");
    let out = Command::new(python)
        .arg(script)
        .args(files)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let mut sheets: serde_json::Map<String, Value> = serde_json::from_slice(&out.stdout).unwrap();
    files
        .iter()
        .map(|f| {
            let rows = sheets.remove(f.to_str().unwrap()).unwrap();
            serde_json::from_value(rows).unwrap()
        })
        .collect()
}

/// Whether a spreadsheet cell holds what the CSV cell says: the same text,
/// or the value a spreadsheet reads it as (a number, an ISO date, TRUE or
/// FALSE), never a formula.
fn same(csv: &str, cell: &Value) -> bool {
    match cell {
        Value::Null => csv.is_empty(),
        Value::String(s) => s == csv,
        Value::Number(n) => csv.parse::<f64>().ok() == n.as_f64(),
        Value::Bool(b) => csv.eq_ignore_ascii_case(if *b { "true" } else { "false" }),
        Value::Object(o) => o
            .get("date")
            .and_then(Value::as_str)
            .is_some_and(|d| d == format!("{csv}T00:00:00")),
        Value::Array(_) => false,
    }
}

/// Compares every cell; `ascii_only` skips the text of cells that are not
/// ASCII (read in the wrong character set) but still wants a cell there.
/// Returns the number of cells compared.
fn compare(name: &str, csv: &[Vec<String>], sheet: &[Vec<Value>], ascii_only: bool) -> usize {
    assert_eq!(csv.len(), sheet.len(), "{name}: rows");
    let mut compared = 0;
    for (i, (want, got)) in csv.iter().zip(sheet).enumerate() {
        let header = &csv[0];
        assert!(
            got.len() <= want.len() || got[want.len()..].iter().all(Value::is_null),
            "{name} row {}: {} cells, the CSV has {}",
            i + 1,
            got.len(),
            want.len()
        );
        for (j, text) in want.iter().enumerate() {
            let cell = got.get(j).unwrap_or(&Value::Null);
            let at = format!("{name} row {} column {}", i + 1, header[j]);
            assert!(
                cell.get("formula").is_none(),
                "{at}: became a formula: {cell}"
            );
            // A row's ledger id and version are hexadecimal: the rare one
            // of only digits (or digits and one late `e`) is read as a
            // number, which `import` then refuses (a known limitation).
            if i > 0 && (header[j] == "ledger_id" || header[j] == "version") && cell.is_number() {
                eprintln!("{at}: the hash {text} was read as a number");
                continue;
            }
            if ascii_only && !text.is_ascii() {
                assert!(
                    cell.as_str().is_some_and(|s| !s.is_empty()),
                    "{at}: {text:?} was read as {cell}"
                );
                continue;
            }
            assert!(same(text, cell), "{at}: {text:?} was read as {cell}");
            compared += 1;
        }
    }
    compared
}

#[test]
fn libreoffice_reads_every_cell_of_the_csv_exports() {
    let tools = soffice().and_then(|s| openpyxl_python().map(|p| (s, p)));
    let (soffice, python) = match tools {
        Ok(tools) => tools,
        Err(why) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{why}; .ci/run installs LibreOffice and openpyxl"
            );
            eprintln!("{why}: the spreadsheet test is skipped");
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    hostile_ledger(dir.path());
    stdout(claimledger(
        dir.path(),
        &["export", "csv", "-o", "mentions.csv"],
    ));
    stdout(claimledger(
        dir.path(),
        &["export", "csv", "--claims", "-o", "claims.csv"],
    ));
    stdout(claimledger(
        dir.path(),
        &["export", "csv", "--raw", "-o", "raw.csv"],
    ));
    let list = stdout(claimledger(
        dir.path(),
        &["claim", "list", "--format", "csv"],
    ));
    std::fs::write(dir.path().join("list.csv"), list).unwrap();
    let names = ["mentions", "claims", "list"];
    let csvs: Vec<PathBuf> = names
        .iter()
        .map(|n| dir.path().join(format!("{n}.csv")))
        .collect();
    let cells: Vec<Vec<Vec<String>>> = csvs.iter().map(|p| csv_cells(p)).collect();
    // The crafted text is in the files, so the sheets are tested on it.
    let mentions = &cells[0];
    let all: Vec<&String> = mentions.iter().flatten().collect();
    for needle in [
        "'=HYPERLINK(",
        "'@Le Monde – Édition",
        "'+Ünal Çelik",
        "'-Лавров",
        "line one\nline two, \"quoted\"",
        "محمد الأمين",
        "“the talks in Moscow — held on Tuesday — were useful”",
    ] {
        assert!(all.iter().any(|c| c.contains(needle)), "{needle}");
    }

    let xlsx = |out: &Path| -> Vec<PathBuf> {
        names
            .iter()
            .map(|n| out.join(format!("{n}.xlsx")))
            .collect()
    };
    // The character set alone set to UTF-8 (76): every cell as written.
    let utf8 = dir.path().join("utf8");
    convert(&soffice, &csvs, &utf8, Some("CSV:44,34,76"));
    for ((name, csv), sheet) in names
        .iter()
        .zip(&cells)
        .zip(xlsx_cells(&python, &xlsx(&utf8)))
    {
        let compared = compare(name, csv, &sheet, false);
        assert!(compared > 300, "{name}: {compared} cells");
    }

    // LibreOffice's defaults: the same cells; the accents too where this
    // version reads UTF-8 by default (the header then has no stray mark).
    let defaults = dir.path().join("defaults");
    convert(&soffice, &csvs, &defaults, None);
    let sheets = xlsx_cells(&python, &xlsx(&defaults));
    let reads_utf8 = sheets[0][0][0] == "claim_id";
    if !reads_utf8 {
        eprintln!(
            "this LibreOffice reads CSV as Windows-1252 without filter options: \
             only ASCII cells are compared with its defaults"
        );
    }
    for ((name, csv), sheet) in names.iter().zip(&cells).zip(&sheets) {
        let mut csv = csv.clone();
        if !reads_utf8 && *name != "list" {
            // The byte-order mark, read as three letters, starts the header.
            csv[0][0].insert_str(0, "\u{ef}\u{bb}\u{bf}");
        }
        compare(name, &csv, sheet, !reads_utf8);
    }

    // Without neutralization the same file carries live formulas: the
    // comparison above would have caught them.
    let raw = dir.path().join("raw");
    convert(
        &soffice,
        &[dir.path().join("raw.csv")],
        &raw,
        Some("CSV:44,34,76"),
    );
    let sheet = &xlsx_cells(&python, &[raw.join("raw.xlsx")])[0];
    assert!(sheet.iter().flatten().any(|c| c.get("formula").is_some()));
}
