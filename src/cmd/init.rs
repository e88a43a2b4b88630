//! `init`: create an empty ledger, or say that one is there.

use std::io::Write;
use std::path::Path;

use crate::store::Ledger;

/// Runs `init`.
pub fn run(path: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    let (_, created) = Ledger::init(path)?;
    if created {
        writeln!(out, "created ledger {}", path.display())?;
    } else {
        writeln!(out, "ledger {} is already initialized", path.display())?;
    }
    Ok(())
}
