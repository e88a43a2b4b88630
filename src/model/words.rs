//! The enumerated words of the ledger: each is an enum whose strings are
//! the words `schema.sql`'s CHECK constraints allow, parsed from the
//! command line and the CSV import, stored, and shown to people as they are.

use std::fmt;
use std::str::FromStr;

/// A word from an enumerated column was not one of the allowed words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {field} '{value}' (expected one of: {expected})")]
pub struct UnknownWord {
    /// The field the word was given for, e.g. "stance".
    pub field: &'static str,
    /// The word as given.
    pub value: String,
    /// The allowed words, comma-separated.
    pub expected: String,
}

/// Declares an enum whose variants are spelled as fixed lowercase words, the
/// same words the CHECK constraints in `schema.sql` allow.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $field:literal { $($(#[$vmeta:meta])* $variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[doc = concat!("`", $word, "`")] #[serde(rename = $word)] $variant),+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Its position in [`Self::ALL`], for per-word counts.
            pub fn index(self) -> usize {
                self as usize
            }

            /// The word stored in the ledger and shown to people.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownWord;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                // The word as stored (some keep a page's own spelling, such
                // as `og:site_name`), else any case with `_` for `-`.
                let lowered = s.trim().to_ascii_lowercase().replace('_', "-");
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s.trim() || v.as_str() == lowered)
                    .ok_or_else(|| UnknownWord {
                        field: $field,
                        value: s.to_string(),
                        expected: $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                    })
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                // The ledger stores the words as they are spelled: found
                // without the copies a lenient parse makes, for each of
                // millions of rows.
                if let Some(word) = $name::ALL.iter().find(|w| w.as_str() == text) {
                    return Ok(*word);
                }
                text.parse().map_err(|e: UnknownWord| rusqlite::types::FromSqlError::Other(Box::new(e)))
            }
        }
    };
}

vocabulary! {
    /// What sort of publisher an outlet is.
    OutletKind, "outlet kind" {
        Wire => "wire",
        Newspaper => "newspaper",
        Broadcaster => "broadcaster",
        StateMedia => "state-media",
        Government => "government",
        Agency => "agency",
        Ngo => "ngo",
        Other => "other",
    }
}

vocabulary! {
    /// What sort of proposition a claim is.
    ClaimKind, "claim kind" {
        Quantity => "quantity",
        Quote => "quote",
        Event => "event",
        Statement => "statement",
    }
}

vocabulary! {
    /// How a document carries a claim.
    Stance, "stance" {
        /// The voice states it as fact.
        Asserts => "asserts",
        /// The voice says it is false.
        Denies => "denies",
        /// The document attributes it to someone ("X said").
        Reports => "reports",
    }
}

impl Stance {
    /// The stance of a mention that states none: words in a speaker's voice
    /// are reported ("X said"), words in the outlet's own voice asserted.
    pub fn default_for(has_speaker: bool) -> Stance {
        if has_speaker {
            Stance::Reports
        } else {
            Stance::Asserts
        }
    }
}

vocabulary! {
    /// How two claims relate.
    ClaimRelation, "claim link relation" {
        SameAs => "same-as",
        Contradicts => "contradicts",
        Supports => "supports",
    }
}

vocabulary! {
    /// Why two outlets are not independent.
    OutletRelation, "outlet link relation" {
        Copies => "copies",
        SameOwner => "same-owner",
        Cites => "cites",
    }
}

vocabulary! {
    /// Who made a link: the pass or a person.
    LinkOrigin, "link origin" {
        Auto => "auto",
        Manual => "manual",
    }
}

vocabulary! {
    /// The verdict on a claim, in the order the report groups them.
    Status, "status" {
        Conflicting => "conflicting",
        Corroborated => "corroborated",
        SingleSource => "single-source",
        Unsourced => "unsourced",
    }
}

vocabulary! {
    /// Where a document's title, outlet, address, published date or byline
    /// was found: the command line, a text file's header, or a place in a
    /// web page (spelled as the page spells it).
    FieldSource, "field source" {
        Flag => "flag",
        Header => "header",
        OgTitle => "og:title",
        JsonLdHeadline => "JSON-LD headline",
        TitleElement => "<title>",
        OgSiteName => "og:site_name",
        JsonLdPublisher => "JSON-LD publisher",
        Host => "host of the address",
        ArticlePublishedTime => "article:published_time",
        JsonLdDatePublished => "JSON-LD datePublished",
        TimeElement => "<time datetime>",
        Canonical => "link rel=canonical",
        OgUrl => "og:url",
        JsonLdAuthor => "JSON-LD author",
        MetaAuthor => "meta author",
        ArticleAuthor => "article:author",
    }
}

vocabulary! {
    /// What sort of speaker an actor is.
    ActorKind, "actor kind" {
        Person => "person",
        Organization => "organization",
        State => "state",
        Unknown => "unknown",
    }
}

vocabulary! {
    /// Where a claim or a mention came from: the extractor, or a person.
    Origin, "origin" {
        Extracted => "extracted",
        Manual => "manual",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for kind in OutletKind::ALL {
            assert_eq!(kind.as_str().parse::<OutletKind>().unwrap(), *kind);
        }
        assert_eq!(
            "State_Media".parse::<OutletKind>().unwrap(),
            OutletKind::StateMedia
        );
        assert_eq!(
            "same-as".parse::<ClaimRelation>().unwrap(),
            ClaimRelation::SameAs
        );
        for source in FieldSource::ALL {
            assert_eq!(source.as_str().parse::<FieldSource>().unwrap(), *source);
        }
    }

    #[test]
    fn unknown_word_names_field_and_choices() {
        let err = "believes".parse::<Stance>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown stance 'believes' (expected one of: asserts, denies, reports)"
        );
    }
}
