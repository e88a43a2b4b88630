//! The ledger in Datasette: datasette/metadata.json describes every
//! table, view and column of a ledger made today (and nothing that is not
//! there), and the real `datasette` (from PyPI: `$DATASETTE`, else on the
//! PATH; .ci/run installs it) shows the views and labels each claim by its
//! text where a mention names it. Without Datasette that part is skipped,
//! except in CI.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{claimledger, stdout};
use serde_json::Value;

fn metadata() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasette/metadata.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The columns of each table and view of a fresh ledger.
fn ledger_columns(db: &Path) -> BTreeMap<String, Vec<String>> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    names
        .into_iter()
        .map(|name| {
            let columns = conn
                .prepare("SELECT name FROM pragma_table_info(?1)")
                .unwrap()
                .query_map([&name], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            (name, columns)
        })
        .collect()
}

#[test]
fn the_metadata_describes_every_table_view_and_column() {
    let dir = tempfile::tempdir().unwrap();
    stdout(claimledger(dir.path(), &["init"]));
    let columns = ledger_columns(&dir.path().join("ledger.db"));
    let metadata = metadata();
    let tables = metadata["databases"]["claimledger"]["tables"]
        .as_object()
        .unwrap();
    let described: Vec<&String> = tables.keys().collect();
    let present: Vec<&String> = columns.keys().collect();
    assert_eq!(
        {
            let mut d = described.clone();
            d.sort();
            d
        },
        present
    );
    for (table, cols) in &columns {
        let meta = &tables[table];
        assert!(
            meta["description"].as_str().is_some_and(|d| d.len() > 20),
            "{table}"
        );
        let described: Vec<&String> = meta["columns"].as_object().unwrap().keys().collect();
        for col in cols {
            assert!(
                meta["columns"][col].as_str().is_some_and(|d| !d.is_empty()),
                "{table}.{col} is not described"
            );
        }
        assert_eq!(described.len(), cols.len(), "{table}: {described:?}");
        if let Some(label) = meta["label_column"].as_str() {
            assert!(cols.iter().any(|c| c == label), "{table}: {label}");
        }
    }
    assert_eq!(tables["claims"]["label_column"], "text");
}

fn datasette() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("DATASETTE") {
        return Some(PathBuf::from(path));
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("datasette"))
            .find(|p| p.is_file())
    })
}

#[test]
fn datasette_shows_the_views_and_labels_claims_by_their_text() {
    let Some(datasette) = datasette() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "datasette is not installed; .ci/run installs it"
        );
        eprintln!("datasette is not installed: its test is skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("claimledger.db");
    Command::new(env!("CARGO_BIN_EXE_claimledger"))
        .arg("--db")
        .arg(&db)
        .args(["demo", "--exports"])
        .arg(dir.path().join("exports"))
        .output()
        .unwrap();
    let metadata = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasette/metadata.json");
    let get = |path: &str| -> String {
        let out = Command::new(&datasette)
            .arg(&db)
            .arg("--metadata")
            .arg(&metadata)
            .args(["--get", path])
            .output()
            .unwrap();
        assert!(out.status.success(), "{path}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let status: Value = serde_json::from_str(&get(
        "/claimledger/claim_status.json?_shape=array&_size=max",
    ))
    .unwrap();
    let status = status.as_array().unwrap();
    assert_eq!(status.len(), 22);
    assert_eq!(
        status
            .iter()
            .filter(|c| c["status"] == "corroborated")
            .count(),
        9
    );
    let mentions: Value = serde_json::from_str(&get(
        "/claimledger/claim_mentions.json?_shape=array&speaker=Sahiba%20Gafarova",
    ))
    .unwrap();
    assert!(mentions[0]["quote"]
        .as_str()
        .unwrap()
        .contains("dirty political campaign"));
    // A mention's claim is shown by its text, not its id.
    let labelled: Value = serde_json::from_str(&get(
        "/claimledger/mentions.json?_labels=on&_shape=array&_size=1",
    ))
    .unwrap();
    let label = labelled[0]["claim_id"]["label"].as_str().unwrap();
    assert!(
        label.starts_with("Azerbaijani parliament: called for France"),
        "{label}"
    );
    // The page of a view carries its description.
    let page = get("/claimledger/claim_status");
    assert!(page.contains("Each claim with how it stands"), "{page}");
}
