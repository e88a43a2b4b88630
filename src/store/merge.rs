//! A merge of two query results sorted by the same key.

use crate::error::{Error, Result};

/// The rows of a query sorted by a key, handed on key by key to a merge
/// with another stream in the same order.
pub(super) struct KeyedRows<'s, K, T> {
    rows: rusqlite::Rows<'s>,
    read: Box<ReadKeyed<'s, K, T>>,
    next: Option<(K, T)>,
}

/// Reads a row's key and value.
type ReadKeyed<'s, K, T> = dyn Fn(&rusqlite::Row<'_>) -> rusqlite::Result<(K, T)> + 's;

impl<'s, K: Copy + PartialOrd + std::fmt::Debug, T> KeyedRows<'s, K, T> {
    /// The rows of `rows`, each read by `read`.
    pub(super) fn new(
        mut rows: rusqlite::Rows<'s>,
        read: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<(K, T)> + 's,
    ) -> Result<Self> {
        let next = rows.next()?.map(&read).transpose()?;
        Ok(KeyedRows {
            rows,
            read: Box::new(read),
            next,
        })
    }

    /// Hands `each` the rows of `key`: the next ones, as the merge asks
    /// for keys in order.
    pub(super) fn take(&mut self, key: K, mut each: impl FnMut(T) -> Result<()>) -> Result<()> {
        while let Some(row) = self.next_of(key)? {
            each(row)?;
        }
        Ok(())
    }

    /// The next row of `key`, if there is one: the rows one at a time, as
    /// [`KeyedRows::take`] hands them on.
    pub(super) fn next_of(&mut self, key: K) -> Result<Option<T>> {
        match self.next.take() {
            Some((k, row)) if k == key => {
                self.next = self.rows.next()?.map(&self.read).transpose()?;
                Ok(Some(row))
            }
            Some((k, row)) if k > key => {
                self.next = Some((k, row));
                Ok(None)
            }
            // Rows skipped would be rows lost: refuse rather than drop them.
            Some((k, _)) => Err(Self::unmatched(k)),
            None => Ok(None),
        }
    }

    /// Fails if rows are left that no key of the merge asked for.
    pub(super) fn finish(self) -> Result<()> {
        match self.next {
            Some((k, _)) => Err(Self::unmatched(k)),
            None => Ok(()),
        }
    }

    /// A row whose key the other stream does not have: the ledger refers
    /// to a row it does not hold (ingest and check skip the key checks).
    fn unmatched(k: K) -> Error {
        Error::invalid(
            "ledger",
            format!("a row refers to {k:?}, which is not in the ledger (run `claimledger audit`)"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn keyed_rows_refuse_a_row_without_a_match() {
        let conn = Connection::open_in_memory().unwrap();
        let mut stmt = conn
            .prepare("SELECT 2 AS k UNION ALL SELECT 1 UNION ALL SELECT 3")
            .unwrap();
        let mut rows =
            KeyedRows::new(stmt.query([]).unwrap(), |row| Ok((row.get("k")?, ()))).unwrap();
        let mut taken = Vec::new();
        for key in [1i64, 2] {
            let took = rows.take(key, |()| {
                taken.push(key);
                Ok(())
            });
            if key == 1 {
                took.unwrap();
            } else {
                let err = took.unwrap_err().to_string();
                assert!(err.contains("a row refers to 1, which is not in"), "{err}");
            }
        }
        assert_eq!(taken, [2]);
        // Rows no key asked for are refused too, not dropped.
        let mut stmt = conn.prepare("SELECT 1 AS k UNION ALL SELECT 5").unwrap();
        let mut rows =
            KeyedRows::new(stmt.query([]).unwrap(), |row| Ok((row.get("k")?, ()))).unwrap();
        rows.take(1, |()| Ok(())).unwrap();
        let err = rows.finish().unwrap_err().to_string();
        assert!(err.contains("a row refers to 5"), "{err}");
    }
}
