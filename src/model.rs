//! The ledger's vocabulary as Rust types: one type for each thing of the
//! design (DESIGN.md, "Vocabulary"), which the store maps its rows to once
//! and extraction, the pass and every output use.
//!
//! - [`words`]: the enumerated words (kinds, stances, relations, statuses,
//!   origins), each an enum whose strings are schema.sql's CHECK lists.
//! - [`claim`]: a [`Claim`] with its kind's body ([`ClaimBody`], a
//!   [`Quantity`] for a figure), a [`Mention`] of it in a document, a
//!   [`ClaimLink`] between two claims, a [`Suggestion`] that two may be
//!   one, a fact-checker's [`Rating`].
//! - [`source`]: who publishes and speaks: [`Outlet`], [`OutletLink`],
//!   [`Document`] (with the [`Sources`] of its metadata, and the saved web
//!   [`Page`] it came from), [`Actor`].
//! - [`verdict`]: what `check` computes: a [`Verdict`] per cluster of claims.
//! - [`entry`]: things as listings, reports and exports show them, with the
//!   names and counts a person reads beside the ids ([`ClaimEntry`],
//!   [`MentionEntry`], ...). Their fields are the schema's column names in
//!   every format. A [`Timeline`] is a toll's figures on several days,
//!   each a [`TimelineEntry`].
//! - [`quantity`]: what a figure means: the hedge table, the interval a
//!   hedged figure allows, and how two figures of one measure relate.
//!
//! Ids are the rows' ids; a thing not stored yet has id 0.

pub mod claim;
pub mod entry;
pub mod quantity;
pub mod source;
pub mod verdict;
pub mod words;

pub use claim::{
    Claim, ClaimBody, ClaimLink, FigureNote, Mention, Quantity, Rating, RatingScale, Suggestion,
};
pub use entry::{
    ActorEntry, ClaimEntry, DocumentEntry, LinkEntry, MentionEntry, OutletEntry, SuggestionEntry,
    Timeline, TimelineEntry,
};
pub use source::{Actor, Document, Outlet, OutletLink, Page, Sources, TextHeld};
pub use verdict::{Cluster, Verdict};
pub use words::{
    ActorKind, ClaimKind, ClaimRelation, FieldSource, LinkOrigin, Origin, OutletKind,
    OutletRelation, Stance, Status, UnknownWord,
};
