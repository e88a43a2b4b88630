//! One name per real speaker. Outlets name one body many ways ("Azerbaijan's
//! lawmakers", "Azerbaijani lawmakers", "the Azeri parliament") and one
//! person with and without titles, in several spellings ("Health Minister
//! Hamad Hassan", "minister Hamad Hasan", "Hasan"). The rules:
//!
//! - A body of a country is named "`<Demonym> <body>`": the country from its
//!   name, possessive or adjective (the table in `countries.rs`), the body
//!   from one documented table ([`BODIES`]): parliament, lawmakers, MPs,
//!   legislators and deputies are the "parliament"; "foreign ministry",
//!   "Ministry of Foreign Affairs" and "MFA" are the "foreign ministry".
//! - A country named alone ("Armenia", "the United States") is the state.
//! - A person keeps their name without titles; the titles stay as the alias.
//! - In one document, a surname alone ("Hasan said") is the person named in
//!   full earlier in it whose surname is spelled alike ([`skeleton`]).
//! - Across documents, two spellings of one name are one person when the
//!   first names agree and the surnames are spelled alike ([`person_key`]
//!   finds candidates, [`spelled_alike`] confirms): Hamad Hasan and Hamad
//!   Hassan, George Kettaneh and George Kettani.
//! - The country a speaker speaks for ([`country_of`]) lets the pass compare
//!   a member's words with the body's ("Pashinyan praised it as historic",
//!   "Armenia praised it as historic").

use super::countries::{self, Country};

/// Bodies of a state and the words news text names them with, each folded
/// to the body's name. Longer phrases first.
pub(crate) const BODIES: &[(&[&str], &str)] = &[
    (
        &["ministry", "of", "foreign", "affairs"],
        "foreign ministry",
    ),
    (&["foreign", "affairs", "ministry"], "foreign ministry"),
    (&["foreign", "ministry"], "foreign ministry"),
    (&["foreign", "office"], "foreign ministry"),
    (&["mfa"], "foreign ministry"),
    (&["ministry", "of", "defense"], "defense ministry"),
    (&["ministry", "of", "defence"], "defense ministry"),
    (&["defense", "ministry"], "defense ministry"),
    (&["defence", "ministry"], "defense ministry"),
    (&["ministry", "of", "interior"], "interior ministry"),
    (
        &["ministry", "of", "internal", "affairs"],
        "interior ministry",
    ),
    (&["interior", "ministry"], "interior ministry"),
    (&["ministry", "of", "health"], "health ministry"),
    (&["ministry", "of", "public", "health"], "health ministry"),
    (&["health", "ministry"], "health ministry"),
    (&["national", "assembly"], "parliament"),
    (&["parliament"], "parliament"),
    (&["lawmakers"], "parliament"),
    (&["legislators"], "parliament"),
    (&["legislature"], "parliament"),
    (&["parliamentarians"], "parliament"),
    (&["mps"], "parliament"),
    (&["deputies"], "parliament"),
    (&["senate"], "senate"),
    (&["senators"], "senate"),
    (&["upper", "house"], "senate"),
    (&["government"], "government"),
    (&["cabinet"], "government"),
    (&["authorities"], "government"),
    (&["presidency"], "presidency"),
    (&["armed", "forces"], "army"),
    (&["army"], "army"),
    (&["military"], "army"),
];

/// The body the words `w` (lowercase, whole) name, if the table has them.
fn body(w: &[&str]) -> Option<&'static str> {
    BODIES
        .iter()
        .find(|(words, _)| *words == w)
        .map(|(_, b)| *b)
}

/// The country a word or phrase names: an adjective, a name or a possessive.
fn country_form(phrase: &str) -> Option<&'static Country> {
    let phrase = phrase.trim_start_matches("the ");
    countries::possessive(phrase).or_else(|| {
        let c = countries::country(phrase)?;
        // "us", "georgia": only with more to go on than the word.
        (!countries::is_ambiguous(phrase)).then_some(c)
    })
}

/// Capitalizes each word: "azerbaijani" gives "Azerbaijani".
fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The one name of a state or a state's body, if `name` is one:
/// "Azerbaijan's lawmakers" and "the Azeri parliament" are "Azerbaijani
/// parliament"; "Armenia" is "Armenia". `None` for anything else (a person,
/// an organization the tables do not know).
pub(crate) fn body_name(name: &str) -> Option<String> {
    let lower = name.trim().to_lowercase().replace('\u{2019}', "'");
    let lower = lower.trim_start_matches("the ");
    let words: Vec<&str> = lower.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return None;
    }
    // The whole name is a country: the state speaks.
    if let Some(c) = countries::by_name(lower).filter(|_| !countries::is_ambiguous(lower)) {
        return Some(title_case(c.name));
    }
    // "<country form> <body>": the longest country form first.
    for split in (1..words.len()).rev() {
        let (head, rest) = words.split_at(split);
        if let (Some(c), Some(b)) = (country_form(&head.join(" ")), body(rest)) {
            return Some(format!("{} {b}", title_case(c.demonym)));
        }
    }
    // "<body> of <country>".
    if let Some(of) = words.iter().rposition(|w| *w == "of") {
        let (rest, tail) = words.split_at(of);
        if let (Some(c), Some(b)) = (countries::by_name(&tail[1..].join(" ")), body(rest)) {
            return Some(format!("{} {b}", title_case(c.demonym)));
        }
    }
    None
}

/// The country a speaker speaks for, from their name or the titles in
/// how they were named: "Azerbaijani parliament" and "Armenian Prime
/// Minister Nikol Pashinyan" give Azerbaijan and Armenia.
pub(crate) fn country_of(written: &str) -> Option<&'static str> {
    let lower = written.trim().to_lowercase().replace('\u{2019}', "'");
    let lower = lower.trim_start_matches("the ");
    if let Some(c) = countries::by_name(lower) {
        return Some(c.name);
    }
    let words: Vec<&str> = lower.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    for n in (1..=countries::MAX_WORDS.min(words.len())).rev() {
        for start in 0..=words.len() - n {
            let phrase = words[start..start + n].join(" ");
            if let Some(c) = country_form(&phrase) {
                return Some(c.name);
            }
        }
    }
    None
}

/// A surname's spelling with the differences transliteration makes taken
/// out: lowercase consonants, vowels, "y", "h" and doubled letters dropped
/// after the first letter. Hasan and Hassan, Kettaneh and Kettani, Aboud
/// and Abboud, Pashinyan and Pashinian each give one skeleton.
pub(crate) fn skeleton(word: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    // Letters without their marks: Kostić and Kostic, Müller and Muller.
    let lower: Vec<char> = word
        .to_lowercase()
        .nfd()
        .filter(|&c| !is_combining_mark(c))
        .filter(|c| c.is_alphabetic())
        .collect();
    let mut out = String::new();
    for (i, &c) in lower.iter().enumerate() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h');
        if i > 0 && (vowel || lower[i - 1] == c) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Edit distance between two short words, counting in characters.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(here + 1);
            prev = here;
        }
    }
    row[b.len()]
}

/// Two spellings of one surname: the same [`skeleton`], and at most two
/// letters apart (Kettaneh and Kettani; not Hasan and Hussein).
pub(crate) fn spelled_alike(a: &str, b: &str) -> bool {
    skeleton(a) == skeleton(b) && distance(a, b) <= 2
}

/// The key that finds one person under several spellings: the first name
/// and the surname's [`skeleton`], for a name of two or more words
/// ("hamad|hsn"). `None` for a single word or a body.
pub fn person_key(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    // A person's name is capitalized words that are not titles or countries.
    let name_word = |w: &&str| {
        w.starts_with(char::is_uppercase)
            && !super::speech::is_title(&w.to_lowercase())
            && country_form(&w.to_lowercase()).is_none()
    };
    if words.len() < 2 || body_name(name).is_some() || !words.iter().all(name_word) {
        return None;
    }
    let first = words[0].to_lowercase();
    let last = skeleton(words[words.len() - 1]);
    (last.len() >= 2).then(|| format!("{first}|{last}"))
}

/// In one document: the full name a surname alone stands for, among the
/// names seen so far ("Hasan said" after "Health Minister Hamad Hassan").
/// Only when exactly one such name was seen.
pub(crate) fn full_name<'a, I>(surname: &str, seen: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    if surname.contains(' ') || !surname.starts_with(char::is_uppercase) {
        return None;
    }
    let mut found = seen.into_iter().filter(|n| {
        n.split_whitespace().count() >= 2
            && n.split_whitespace()
                .last()
                .is_some_and(|l| spelled_alike(l, surname))
    });
    let first = found.next()?;
    found.all(|n| n == first).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_body_however_named() {
        for name in [
            "Azerbaijan's lawmakers",
            "Azerbaijani lawmakers",
            "Azeri parliament",
            "the Azerbaijani parliament",
            "Azerbaijan's parliament",
        ] {
            assert_eq!(
                body_name(name).as_deref(),
                Some("Azerbaijani parliament"),
                "{name}"
            );
        }
        assert_eq!(
            body_name("Azeri foreign ministry").as_deref(),
            Some("Azerbaijani foreign ministry")
        );
        assert_eq!(
            body_name("Ministry of Foreign Affairs of Azerbaijan").as_deref(),
            Some("Azerbaijani foreign ministry")
        );
        assert_eq!(
            body_name("Lebanon's Interior Ministry").as_deref(),
            Some("Lebanese interior ministry")
        );
        assert_eq!(body_name("Armenia").as_deref(), Some("Armenia"));
        assert_eq!(body_name("Nikol Pashinyan"), None);
        assert_eq!(body_name("Red Cross"), None);
        assert_eq!(body_name("US"), None);
    }

    #[test]
    fn a_speaker_speaks_for_a_country() {
        assert_eq!(
            country_of("Armenian Prime Minister Nikol Pashinyan"),
            Some("armenia")
        );
        assert_eq!(country_of("Armenia"), Some("armenia"));
        assert_eq!(
            country_of("Hassan Diab, Lebanon's Prime Minister"),
            Some("lebanon")
        );
        assert_eq!(country_of("Parliament speaker Sahiba Gafarova"), None);
    }

    #[test]
    fn spellings_of_one_name() {
        assert_eq!(skeleton("Hasan"), skeleton("Hassan"));
        assert_eq!(skeleton("Kettaneh"), skeleton("Kettani"));
        assert_eq!(skeleton("Aboud"), skeleton("Abboud"));
        assert_eq!(skeleton("Pashinyan"), skeleton("Pashinian"));
        assert!(spelled_alike("Kettaneh", "Kettani"));
        assert!(!spelled_alike("Hasan", "Hussein"));
        assert_eq!(person_key("Hamad Hasan"), person_key("Hamad Hassan"));
        // Marks on letters are spellings too.
        assert_eq!(person_key("Milena Kostić"), person_key("Milena Kostic"));
        assert!(spelled_alike("Petrović", "Petrovic"));
        assert_ne!(person_key("Hamad Hasan"), person_key("Hassan Diab"));
        assert_eq!(person_key("Hasan"), None);
        assert_eq!(person_key("Lebanon's health minister"), None);
        assert_eq!(person_key("Health Minister"), None);
        let seen = ["Hamad Hassan", "Michel Aoun"];
        assert_eq!(full_name("Hasan", seen), Some("Hamad Hassan"));
        assert_eq!(full_name("Aoun", seen), Some("Michel Aoun"));
        assert_eq!(full_name("Diab", seen), None);
    }
}
