//! claimledger: a fact-claim ledger. Ingest articles, extract the checkable
//! claims in them, store who asserted what, and tell for every claim whether
//! independent sources corroborate it, only one carries it, or sources conflict.

#![deny(missing_docs)]

pub mod check;
pub mod cmd;
pub mod corroborate;
pub mod edit;
pub mod error;
pub mod export;
pub mod extract;
pub mod import;
pub mod ingest;
pub mod model;
pub mod output;
pub mod report;
pub mod store;
pub mod untrusted;
