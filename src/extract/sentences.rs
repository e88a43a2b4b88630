//! Sentence splitting over the original text: spans always point into the
//! input, so callers can slice it, while the decisions look through odd
//! whitespace, abbreviations, decimals and quotes.

use std::ops::Range;

/// Titles that never end a sentence: a name always follows them.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "st", "sen", "rep", "gov", "col", "lt", "sgt", "capt", "maj",
    "prof", "rev", "hon", "adm", "cmdr", "pres", "mt", "ft", "messrs", "mme", "brig", "cpl",
];

/// Abbreviations that usually continue the sentence but may end one, so they
/// split only before an obvious sentence opener.
const SOFT_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "vs", "inc", "ltd", "corp", "co", "jr", "sr", "approx", "est", "dept", "univ", "fig",
];

/// Words that typically open a sentence; they decide the soft cases above.
const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "in",
    "but",
    "this",
    "that",
    "these",
    "those",
    "there",
    "on",
    "at",
    "his",
    "her",
    "their",
    "its",
    "our",
    "as",
    "after",
    "meanwhile",
    "however",
    "and",
    "if",
    "when",
    "while",
    "according",
    "under",
    "for",
];

/// True for characters that end a paragraph: a line break always ends a sentence.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}')
}

/// Paragraph tags left in pasted web text ("</p>.<p>"): each ends a
/// paragraph as a line break does.
const PARAGRAPH_TAGS: &[&str] = &[
    "<p>", "</p>", "<br>", "<br/>", "<br />", "<div>", "</div>", "<li>", "</li>",
];

/// The paragraph tag starting at byte `i`, if one does (any case).
fn paragraph_tag(text: &str, i: usize) -> Option<usize> {
    let rest = text.as_bytes().get(i..)?;
    PARAGRAPH_TAGS
        .iter()
        .find(|t| rest.len() >= t.len() && rest[..t.len()].eq_ignore_ascii_case(t.as_bytes()))
        .map(|t| t.len())
}

/// The longest line of a hard-wrapped text: plain-text wire copy is
/// wrapped at about 70 columns, and a text with a longer line holds its
/// paragraphs on one line each.
const MAX_WRAP_COLUMNS: usize = 100;

/// The shortest wrap width believed: a text of a few short lines is
/// lines, not a wrapped paragraph.
const MIN_WRAP_COLUMNS: usize = 30;

/// The byte offsets of the `\n`s in `text` that are soft wraps: a text
/// whose lines are all at most [`MAX_WRAP_COLUMNS`] long was wrapped at its
/// longest line's width, and a line break is a wrap (a space) where the
/// next line's first word would not have fitted on the line before. A
/// blank line, or a short line (a headline, a list item, a dateline)
/// before the next, is a break. Empty for a text not hard-wrapped, or
/// with fewer than two such wraps (one may be chance).
fn soft_wraps(text: &str) -> Vec<usize> {
    let width = |line: &str| line.trim_end().chars().count();
    let lines = || text.split('\n');
    if !text.contains('\n') {
        return Vec::new();
    }
    let wrap = lines().map(width).max().unwrap_or(0);
    if !(MIN_WRAP_COLUMNS..=MAX_WRAP_COLUMNS).contains(&wrap) {
        return Vec::new();
    }
    let mut soft = Vec::new();
    let mut at = 0;
    let mut lines = lines().peekable();
    while let Some(line) = lines.next() {
        let end = at + line.len();
        at = end + 1;
        let Some(next) = lines.peek() else {
            break;
        };
        let next = next.trim_start();
        let first_word = next.split_whitespace().next().unwrap_or("");
        let list_item = matches!(first_word, "-" | "*" | "\u{2022}" | "\u{2013}" | "\u{2014}");
        let used = width(line);
        if used > 0
            && !first_word.is_empty()
            && !list_item
            && used + 1 + first_word.chars().count() > wrap
        {
            soft.push(end);
        }
    }
    if soft.len() < 2 {
        soft.clear();
    }
    soft
}

/// Splits `text` into sentence spans: trimmed, non-empty, in order, never
/// overlapping. A line break ends a paragraph, except a soft wrap in
/// hard-wrapped text ([`soft_wraps`]), which is a space.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut para_start = 0;
    let soft = soft_wraps(text);
    let is_soft = |i: usize, c: char| {
        let newline = if c == '\r' { i + 1 } else { i };
        matches!(c, '\n' | '\r')
            && text.as_bytes().get(newline) == Some(&b'\n')
            && soft.binary_search(&newline).is_ok()
    };
    for (i, c) in text.char_indices() {
        if is_line_break(c) {
            if is_soft(i, c) {
                continue;
            }
            split_paragraph(text, para_start, i, &mut out);
            para_start = i + c.len_utf8();
        } else if c == '<' && i >= para_start {
            // The tag's own characters hold no line break or '<'.
            if let Some(len) = paragraph_tag(text, i) {
                split_paragraph(text, para_start, i, &mut out);
                para_start = i + len;
            }
        }
    }
    split_paragraph(text, para_start, text.len(), &mut out);
    out
}

/// Pushes `start..end` trimmed of whitespace, if a word or number is left
/// (a lone "." between two paragraph tags is not a sentence).
fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if trimmed.chars().any(char::is_alphanumeric) {
        out.push(start + lead..start + lead + trimmed.len());
    }
}

/// True when the paragraph's quote marks pair up, so "inside a quote" means something.
fn quotes_balanced(para: &str) -> bool {
    let mut straight = 0usize;
    let mut open = 0usize;
    let mut close = 0usize;
    for c in para.chars() {
        match c {
            '"' => straight += 1,
            '\u{201c}' | '\u{ab}' => open += 1,
            '\u{201d}' | '\u{bb}' => close += 1,
            _ => {}
        }
    }
    straight.is_multiple_of(2) && open == close
}

/// The word just before byte `at` (letters and inner dots), lowercased.
fn word_before(para: &str, at: usize) -> String {
    let head = &para[..at];
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(at, |(i, _)| i);
    head[start..].trim_start_matches('.').to_lowercase()
}

/// The word starting at byte `at`, lowercased (letters only).
fn word_at(para: &str, at: usize) -> String {
    para[at..]
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Splits one paragraph (no line breaks inside but soft wraps) into
/// sentences.
fn split_paragraph(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let para = &text[start..end];
    // Only trust quote state when the marks pair up; otherwise one stray mark
    // would glue the rest of the paragraph together.
    let track_quotes = quotes_balanced(para);
    let mut in_straight = false;
    let mut curly = 0usize;
    let mut sent_start = 0;
    let mut chars = para.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => in_straight = !in_straight,
            '\u{201c}' | '\u{ab}' => curly += 1,
            '\u{201d}' | '\u{bb}' => curly = curly.saturating_sub(1),
            '.' | '!' | '?' | '\u{2026}' => {
                let mut j = i + c.len_utf8();
                let mut dots = usize::from(c == '.');
                // Runs of terminators ("?!", "...") end together.
                while let Some(&(k, d)) = chars.peek() {
                    if matches!(d, '.' | '!' | '?' | '\u{2026}') {
                        dots += usize::from(d == '.');
                        j = k + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                // Closing marks belong to the sentence they close.
                while let Some(&(k, d)) = chars.peek() {
                    let closes = match d {
                        '"' => in_straight,
                        '\u{201d}' | '\u{bb}' => true,
                        ')' | ']' | '\u{2019}' | '\'' => true,
                        _ => false,
                    };
                    if !closes {
                        break;
                    }
                    match d {
                        '"' => in_straight = false,
                        '\u{201d}' | '\u{bb}' => curly = curly.saturating_sub(1),
                        _ => {}
                    }
                    j = k + d.len_utf8();
                    chars.next();
                }
                if track_quotes && (in_straight || curly > 0) {
                    continue;
                }
                if !boundary_after(para, i, j, c, dots) {
                    continue;
                }
                push_trimmed(text, start + sent_start, start + j, out);
                sent_start = j;
            }
            _ => {}
        }
    }
    push_trimmed(text, start + sent_start, end, out);
}

/// Decides whether the terminator at `i` (ending at `j`) ends a sentence.
fn boundary_after(para: &str, i: usize, j: usize, c: char, dots: usize) -> bool {
    let rest = &para[j..];
    let after_ws = rest.trim_start();
    if after_ws.len() == rest.len() {
        // No whitespace after: "1.5", "U.S.", "e.g." mid-token.
        return after_ws.is_empty();
    }
    let Some(next) = after_ws.chars().next() else {
        return true;
    };
    let opens = next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(next, '"' | '\u{201c}' | '\u{ab}' | '(' | '\u{2018}' | '\'');
    if !opens {
        // "political... and economic": a lowercase word continues the sentence.
        return false;
    }
    if c != '.' || dots > 1 {
        return true;
    }
    let before = word_before(para, i);
    if before.is_empty() {
        return true;
    }
    if TITLES.contains(&before.as_str()) {
        return false;
    }
    let next_at = para.len() - after_ws.len();
    let starter = OPENERS.contains(&word_at(para, next_at).as_str());
    let single_letter = before.chars().count() == 1 && before.chars().all(char::is_alphabetic);
    if single_letter || before.contains('.') || SOFT_ABBREVIATIONS.contains(&before.as_str()) {
        return starter;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn paragraph_tags_end_sentences() {
        let t =
            "<p>It blew out windows.</p>.<p>Stills show a fireball, said Diab</p>.<P>Nothing else";
        assert_eq!(
            pieces(t),
            vec![
                "It blew out windows.",
                "Stills show a fireball, said Diab",
                "Nothing else"
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_split() {
        let t =
            "Mr. Smith met Gen. Jones in the U.S. capital on Nov. 25. Dr. Who left St. Petersburg.";
        assert_eq!(
            pieces(t),
            vec![
                "Mr. Smith met Gen. Jones in the U.S. capital on Nov. 25.",
                "Dr. Who left St. Petersburg."
            ]
        );
    }

    #[test]
    fn acronym_before_opener_splits() {
        assert_eq!(
            pieces("He flew to the U.S. The talks failed."),
            vec!["He flew to the U.S.", "The talks failed."]
        );
    }

    #[test]
    fn numbers_and_ellipses_hold() {
        let t = "They also urged Baku to revise its \"political... and economic relations\" with France. Some 2,000 came, 1.5 more.";
        assert_eq!(
            pieces(t),
            vec![
                "They also urged Baku to revise its \"political... and economic relations\" with France.",
                "Some 2,000 came, 1.5 more."
            ]
        );
    }

    #[test]
    fn quotes_span_sentences_and_closing_marks_stay() {
        let t = "\u{201c}We will fight. We will win,\u{201d} he said. Armenian Prime Minister Nikol Pashinyan had praised the French resolution as \"historic.\" Next one.";
        assert_eq!(
            pieces(t),
            vec![
                "\u{201c}We will fight. We will win,\u{201d} he said.",
                "Armenian Prime Minister Nikol Pashinyan had praised the French resolution as \"historic.\"",
                "Next one."
            ]
        );
    }

    #[test]
    fn lines_are_paragraphs_and_odd_spaces_trim() {
        let t = "\u{a0}First line without stop\nSecond\u{2009}line.\u{202f} Third  one.  \n\n";
        assert_eq!(
            pieces(t),
            vec![
                "First line without stop",
                "Second\u{2009}line.",
                "Third  one."
            ]
        );
    }

    #[test]
    fn hard_wrapped_lines_are_one_paragraph_until_a_blank_line() {
        let t = "HEADLINE HERE\nMoscow has deployed some 2,000 Russian\npeacekeepers to the region, officials\r\nsaid on Monday.\n\nGafarova said \"a dirty political\ncampaign was organized\" against Baku.\n- one item\n- two";
        assert_eq!(
            pieces(t),
            vec![
                "HEADLINE HERE",
                "Moscow has deployed some 2,000 Russian\npeacekeepers to the region, officials\r\nsaid on Monday.",
                "Gafarova said \"a dirty political\ncampaign was organized\" against Baku.",
                "- one item",
                "- two"
            ]
        );
        // A line longer than any wrap: lines are paragraphs.
        let long = format!("{}\nsecond line", "word ".repeat(30));
        assert_eq!(split_sentences(&long).len(), 2);
    }

    #[test]
    fn unbalanced_quote_does_not_swallow_paragraph() {
        assert_eq!(
            pieces("He said \"yes. Then it ended. Fine."),
            vec!["He said \"yes.", "Then it ended.", "Fine."]
        );
    }
}
