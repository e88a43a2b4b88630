//! The article text of a cleaned page. Two extractors read the page:
//! rs-trafilatura (a port of trafilatura, the best scorer on the
//! article-extraction benchmark) and dom_smoothie (a port of Mozilla's
//! Readability). Trafilatura's text is taken, unless Readability's lies
//! almost wholly inside it and trafilatura's is markedly longer: where two
//! extractors agree on a core, what only one of them adds around it is
//! mostly page furniture (related links, a comment teaser, a caption list).
//! The text is then laid out in the page's own paragraphs.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use dom_query::Document;

/// The extractor whose text is kept by default, with its version.
pub const TRAFILATURA: &str = "rs-trafilatura 0.2.2";
/// The extractor whose text is kept when it is the agreed core.
pub const READABILITY: &str = "dom_smoothie 0.14.0";

/// Readability's text is the agreed core when at least this share of its
/// word shingles are in trafilatura's text...
const CORE_CONTAINED: f64 = 0.9;
/// ...and trafilatura's text has more than this many times its words.
const CORE_LONGER: f64 = 1.2;

/// The article text of a page and the extractor it came from.
#[derive(Debug, Clone)]
pub struct Body {
    /// Paragraphs separated by a blank line, lines within one by a newline.
    pub text: String,
    /// [`TRAFILATURA`] or [`READABILITY`].
    pub extractor: &'static str,
}

/// Extracts the article from a cleaned page: `doc` parsed, `html` the same
/// page serialized (trafilatura parses its own copy), `layout` the page's
/// text with its paragraph breaks. An extractor that fails or panics on a
/// page counts as finding nothing; none when neither finds text.
pub fn extract(doc: Document, html: &str, layout: &str) -> Option<Body> {
    let trafilatura = catch_unwind(AssertUnwindSafe(|| rs_trafilatura::extract(html)))
        .ok()
        .and_then(Result::ok)
        .map(|r| r.content_text)
        .unwrap_or_default();
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let readability = catch_unwind(AssertUnwindSafe(|| {
        dom_smoothie::Readability::with_document(doc, None, Some(config))
            .and_then(|mut r| r.parse())
            .map(|a| a.text_content.to_string())
    }))
    .ok()
    .and_then(Result::ok)
    .unwrap_or_default();
    let (text, extractor) = if is_core(&readability, &trafilatura) {
        (readability, READABILITY)
    } else if words(&trafilatura).next().is_some() {
        (trafilatura, TRAFILATURA)
    } else {
        (readability, READABILITY)
    };
    let text = tidy(&restore_breaks(&text, layout));
    (!text.is_empty()).then_some(Body { text, extractor })
}

/// Whether `core` lies almost wholly inside `longer`, which is markedly longer.
fn is_core(core: &str, longer: &str) -> bool {
    let core_words = words(core).count();
    if core_words == 0 || (words(longer).count() as f64) <= CORE_LONGER * core_words as f64 {
        return false;
    }
    let inside = shingles(longer);
    let core = shingles(core);
    let total: u32 = core.values().sum();
    let shared: u32 = core
        .iter()
        .map(|(k, n)| (*n).min(inside.get(k).copied().unwrap_or(0)))
        .sum();
    f64::from(shared) >= CORE_CONTAINED * f64::from(total)
}

/// Whether a character is part of a word: letters, digits and `_`, as the
/// benchmark's `\w` (Python's, which also leaves out combining marks).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The words of a text: runs of letters, digits and `_`.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// The text's shingles of four consecutive words, with their counts (a text
/// of fewer words is one shingle of them all): the article-extraction
/// benchmark's unit of comparison.
pub fn shingles(text: &str) -> HashMap<Vec<&str>, u32> {
    let words: Vec<&str> = words(text).collect();
    let mut out = HashMap::new();
    if words.len() < 4 {
        if !words.is_empty() {
            out.insert(words, 1);
        }
        return out;
    }
    for window in words.windows(4) {
        *out.entry(window.to_vec()).or_insert(0) += 1;
    }
    out
}

/// Words on each side of a word boundary that identify it in the page.
const CONTEXT: usize = 3;

/// A break between two words in the page's layout: after `after` of the
/// separator's visible characters, `newlines` newlines.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Gap {
    Break {
        after: usize,
        newlines: usize,
    },
    Inline,
    /// The same words meet with and without a break in the page.
    Ambiguous,
}

/// The words of a text with the separators between them: `seps[i]` comes
/// before `words[i]`, and the last separator after the last word.
fn tokens(text: &str) -> (Vec<&str>, Vec<&str>) {
    let mut words = Vec::new();
    let mut seps = Vec::new();
    let mut sep_start = 0;
    let mut word_start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), word_start) {
            (true, None) => {
                seps.push(&text[sep_start..i]);
                word_start = Some(i);
            }
            (false, Some(start)) => {
                words.push(&text[start..i]);
                word_start = None;
                sep_start = i;
            }
            _ => {}
        }
    }
    if let Some(start) = word_start {
        words.push(&text[start..]);
        sep_start = text.len();
    }
    seps.push(&text[sep_start..]);
    (words, seps)
}

/// A hash of the words around the boundary before word `i`.
fn context(words: &[&str], i: usize) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    words[i.saturating_sub(CONTEXT)..i].hash(&mut hasher);
    words[i..(i + CONTEXT).min(words.len())].hash(&mut hasher);
    hasher.finish()
}

/// The gap a separator makes: where its first line break falls.
fn gap(sep: &str) -> Gap {
    match sep.find('\n') {
        Some(at) => Gap::Break {
            after: sep[..at].chars().filter(|c| !c.is_whitespace()).count(),
            newlines: if sep.matches('\n').count() > 1 { 2 } else { 1 },
        },
        None => Gap::Inline,
    }
}

/// Puts the page's paragraph breaks back into an extracted text that lost
/// them ("... last week.The minister said" where the page had two
/// paragraphs): a boundary between two words gets the page's break when
/// the same words, three on each side, meet at a break in the page and
/// nowhere inline. Only whitespace changes.
pub fn restore_breaks(text: &str, layout: &str) -> String {
    let (page_words, page_seps) = tokens(layout);
    let mut gaps: HashMap<u64, Gap> = HashMap::new();
    // The separators between words: after the first word, before the last.
    for (i, sep) in page_seps.iter().enumerate().take(page_words.len()).skip(1) {
        let this = gap(sep);
        gaps.entry(context(&page_words, i))
            .and_modify(|g| {
                if *g != this {
                    *g = Gap::Ambiguous;
                }
            })
            .or_insert(this);
    }
    let (words, seps) = tokens(text);
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for (i, sep) in seps.iter().enumerate() {
        let wanted = if i == 0 || i == words.len() || sep.contains('\n') {
            None
        } else {
            gaps.get(&context(&words, i))
        };
        match wanted {
            Some(&Gap::Break { after, newlines }) => {
                let mut visible = 0;
                let mut split = sep.len();
                for (at, c) in sep.char_indices() {
                    if visible == after {
                        split = at;
                        break;
                    }
                    if !c.is_whitespace() {
                        visible += 1;
                    }
                }
                out.push_str(sep[..split].trim_end());
                out.push_str(&"\n".repeat(newlines));
                out.push_str(sep[split..].trim_start());
            }
            _ => out.push_str(sep),
        }
        if let Some(word) = words.get(i) {
            out.push_str(word);
        }
    }
    out
}

/// One space between words, lines trimmed, blank lines between paragraphs
/// (one at most), soft hyphens dropped.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.replace('\u{ad}', "");
        let mut words = line.split_whitespace().peekable();
        if words.peek().is_none() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        for (i, word) in words.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_come_back_where_the_page_had_them() {
        let layout = "Menu Home\n\nFire at the port\n\nThe fire began at noon.\n\nIt spread fast, officials said.\n\n\"We ran,\" a worker said.\nMore news";
        let merged =
            "The fire began at noon.It spread fast, officials said. \"We ran,\" a worker said.";
        assert_eq!(
            restore_breaks(merged, layout),
            "The fire began at noon.\n\nIt spread fast, officials said.\n\n\"We ran,\" a worker said."
        );
        // Text the page joins inline stays joined; unknown text is untouched.
        assert_eq!(
            restore_breaks("It spread fast, officials said. Other words here.", layout),
            "It spread fast, officials said. Other words here."
        );
    }

    #[test]
    fn a_boundary_seen_both_ways_is_left_alone() {
        let layout = "a b c\n\nd e f and a b c d e f";
        assert_eq!(restore_breaks("a b c d e f", layout), "a b c d e f");
    }

    #[test]
    fn tidy_keeps_paragraphs_and_lines() {
        assert_eq!(
            tidy("  one \u{ad}two  \n\n\n\n three\n four  \n"),
            "one two\n\nthree\nfour"
        );
        assert_eq!(tidy(" \n \n"), "");
    }

    #[test]
    fn shingles_count_as_the_benchmark_does() {
        let s = shingles("a b c d a b c d");
        assert_eq!(s.get(&vec!["a", "b", "c", "d"]), Some(&2));
        assert_eq!(s.values().sum::<u32>(), 5);
        assert_eq!(shingles("x, y").get(&vec!["x", "y"]), Some(&1));
        assert!(shingles(" ,. ").is_empty());
    }

    #[test]
    fn the_agreed_core_is_chosen() {
        let core = "one two three four five six seven eight nine ten";
        let more = format!("{core} related link one related link two related link three");
        assert!(is_core(core, &more));
        assert!(!is_core(&more, core));
        assert!(!is_core(core, core));
        assert!(!is_core("", &more));
        assert!(!is_core("other words entirely here and there", &more));
    }
}
