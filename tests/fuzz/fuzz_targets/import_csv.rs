//! Any bytes through CSV import against a small ledger: no panic. Each input
//! runs in a transaction that is rolled back, so inputs do not interact.
#![no_main]

use std::sync::{Mutex, OnceLock};

use claimledger::model::Document;
use claimledger::store::Ledger;
use libfuzzer_sys::fuzz_target;

fn ledger() -> &'static Mutex<Ledger> {
    static LEDGER: OnceLock<Mutex<Ledger>> = OnceLock::new();
    LEDGER.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir").keep();
        let (mut ledger, _) = Ledger::init(&dir.join("fuzz.db")).expect("ledger");
        let tx = ledger.begin().expect("begin");
        let outlet = tx.outlet_for("Press TV", None, None).expect("outlet");
        let text = "Some 2,000 peacekeepers =SUM(A1) arrived, Gafarova said.";
        tx.add_document(&Document::new(outlet, "fuzz".into(), text), &[])
            .expect("document");
        tx.commit().expect("commit");
        Mutex::new(ledger)
    })
}

fuzz_target!(|data: &[u8]| {
    let mut ledger = ledger().lock().expect("lock");
    let tx = ledger.begin().expect("begin");
    let _ = claimledger::import::import_csv(&tx, std::path::Path::new("f.csv"), data, b',');
    // Dropped without commit: rolled back.
});
