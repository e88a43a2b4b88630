//! Tokens of one sentence: original byte spans plus one lowercased, quote- and
//! apostrophe-normalized copy, built once per sentence so rules compare plain
//! `&str`s without allocating.

use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (with inner hyphens, apostrophes, dots): "Nagorno-Karabakh", "U.S.", "1990s".
    Word,
    /// Digits with thousands separators or a decimal point: "2,000", "30 000", "1.5".
    Num,
    /// Any quote mark: '"', '“', '”', '«', '»'.
    Quote,
    /// Any other single character.
    Punct,
}

/// One token: its span in the original text and its normalized text.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    norm: Range<usize>,
    pub kind: Kind,
    /// The original starts with an uppercase letter.
    pub cap: bool,
}

/// One sentence with its tokens.
pub(crate) struct Sent<'a> {
    pub text: &'a str,
    pub range: Range<usize>,
    pub toks: &'a [Tok],
    norm: &'a str,
}

/// Reusable buffers so tokenizing a sentence allocates nothing in the steady state.
#[derive(Default)]
pub(crate) struct Buffers {
    toks: Vec<Tok>,
    norm: String,
}

impl Buffers {
    /// Tokenizes `text[range]` into these buffers and returns the sentence view.
    pub fn sentence<'a>(&'a mut self, text: &'a str, range: Range<usize>) -> Sent<'a> {
        tokenize(text, range.clone(), &mut self.toks, &mut self.norm);
        Sent {
            text,
            range,
            toks: &self.toks,
            norm: &self.norm,
        }
    }
}

impl<'a> Sent<'a> {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Normalized text of token `i`, "" past the end.
    pub fn w(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.norm[t.norm.clone()])
    }

    /// Token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Word)
    }

    /// Kind of token `i`.
    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Token `i` starts with a capital letter.
    pub fn cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.cap)
    }

    /// Tokens `i..` read `words` in order.
    pub fn seq(&self, i: usize, words: &[&str]) -> bool {
        words.iter().enumerate().all(|(k, w)| self.w(i + k) == *w)
    }

    /// Original text from the start of token `a` to the end of token `b - 1`.
    pub fn raw(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.span(a, b)]
    }

    /// Byte span from the start of token `a` to the end of token `b - 1`.
    pub fn span(&self, a: usize, b: usize) -> Range<usize> {
        match (
            self.toks.get(a),
            b.checked_sub(1).and_then(|l| self.toks.get(l)),
        ) {
            (Some(x), Some(y)) if y.end >= x.start => x.start..y.end,
            (Some(x), _) => x.start..x.start,
            _ => self.range.end..self.range.end,
        }
    }

    /// Words and numbers of tokens `a..b` as written, space-joined.
    pub fn raw_words(&self, a: usize, b: usize) -> String {
        let mut out = String::new();
        for i in a..b.min(self.len()) {
            if matches!(self.kind(i), Some(Kind::Word | Kind::Num)) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(self.raw(i, i + 1));
            }
        }
        out
    }

    /// Normalized words of tokens `a..b` (words and numbers only), space-joined.
    pub fn joined(&self, a: usize, b: usize) -> String {
        let mut out = String::new();
        for i in a..b.min(self.len()) {
            if matches!(self.kind(i), Some(Kind::Word | Kind::Num)) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(self.w(i));
            }
        }
        out
    }
}

/// `s` without the line breaks of words hyphenated at a soft wrap
/// ("non-\nbinding" is "non-binding", "1975-\n1990" is "1975-1990"): a
/// letter or digit, a hyphen, a line break, a letter or digit. (A wrap
/// breaks a line only at a space or after such a hyphen; a dash with a
/// space before it stays.)
fn unhyphenate(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains("-\n") && !s.contains("-\r\n") {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('-') {
        let (head, after) = rest.split_at(at + 1);
        out.push_str(head);
        let joined = after
            .strip_prefix("\r\n")
            .or_else(|| after.strip_prefix('\n'))
            .filter(|r| r.chars().next().is_some_and(char::is_alphanumeric))
            .filter(|_| {
                head[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            });
        rest = joined.unwrap_or(after);
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Collapses runs of any whitespace to one space and trims; a word
/// hyphenated at a soft wrap is one word again ([`unhyphenate`]).
pub(crate) fn collapse(s: &str) -> String {
    let s = unhyphenate(s);
    let mut out = String::with_capacity(s.len());
    for part in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// Quote marks of every sort.
pub(crate) fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}'
    )
}

/// Spaces that may group digits ("30 000"): plain, no-break, thin, narrow no-break.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}')
}

/// Splits `text[range]` into tokens, filling `toks` and the lowercase `norm` buffer.
fn tokenize(text: &str, range: Range<usize>, toks: &mut Vec<Tok>, norm: &mut String) {
    toks.clear();
    norm.clear();
    let s = &text[range.clone()];
    let base = range.start;
    let b = s.as_bytes();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let n0 = norm.len();
        let mut end = i + c.len_utf8();
        let kind;
        if c.is_ascii_digit() {
            norm.push(c);
            let mut group_len = 1usize;
            let mut spaced_ok = true;
            let mut has_point = false;
            let mut letters = false;
            loop {
                let rest = &b[end..];
                match rest.first() {
                    Some(d) if d.is_ascii_digit() => {
                        norm.push(char::from(*d));
                        end += 1;
                        group_len += 1;
                    }
                    Some(b',') if group_len <= 3 && !has_point && three_digits(&rest[1..]) => {
                        // Thousands separator: dropped from the normalized number.
                        end += 1;
                        group_len = 0;
                        spaced_ok = false;
                    }
                    Some(b'.') if !has_point && rest.get(1).is_some_and(u8::is_ascii_digit) => {
                        norm.push('.');
                        end += 1;
                        has_point = true;
                        group_len = 0;
                        spaced_ok = false;
                    }
                    Some(d) if d.is_ascii_alphabetic() => {
                        // "1990s", "25th": a word, not a count; but "5km",
                        // "3bn", "6pm" are a number and its unit.
                        letters = !unit_suffix(rest);
                        break;
                    }
                    _ => {
                        // "30 000": a space-like char then exactly three digits.
                        let tail = &s[end..];
                        let mut chars = tail.chars();
                        match chars.next() {
                            Some(sp) if spaced_ok && group_len <= 3 && is_group_space(sp) => {
                                let after = &tail[sp.len_utf8()..];
                                if three_digits(after.as_bytes()) {
                                    end += sp.len_utf8();
                                    group_len = 0;
                                    continue;
                                }
                                break;
                            }
                            _ => break,
                        }
                    }
                }
            }
            if letters {
                while let Some(&d) = b.get(end) {
                    if d.is_ascii_alphanumeric() {
                        norm.push(char::from(d.to_ascii_lowercase()));
                        end += 1;
                    } else {
                        break;
                    }
                }
                kind = Kind::Word;
            } else {
                kind = Kind::Num;
            }
            while it.peek().is_some_and(|&(k, _)| k < end) {
                it.next();
            }
        } else if c.is_alphabetic() {
            push_lower(norm, c);
            while let Some(&(k, d)) = it.peek() {
                let joins = matches!(d, '-' | '\'' | '\u{2019}' | '.');
                let next_alnum = s[k + d.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                // "non-\nbinding": a word hyphenated at a soft wrap (a
                // sentence holds a line break only at one).
                let wrapped = (d == '-')
                    .then(|| {
                        let after = &s[k + 1..];
                        let rest = after
                            .strip_prefix("\r\n")
                            .or_else(|| after.strip_prefix('\n'))?;
                        rest.chars()
                            .next()
                            .filter(|c| c.is_alphanumeric())
                            .map(|_| after.len() - rest.len())
                    })
                    .flatten();
                if d.is_alphanumeric() || (joins && next_alnum) {
                    push_lower(norm, d);
                    end = k + d.len_utf8();
                    it.next();
                } else if let Some(newline) = wrapped {
                    norm.push('-');
                    end = k + 1 + newline;
                    while it.peek().is_some_and(|&(j, _)| j < end) {
                        it.next();
                    }
                } else if d == '.' && norm[n0..].contains('.') {
                    // Trailing dot of a dotted abbreviation: "U.S."
                    norm.push('.');
                    end = k + 1;
                    it.next();
                    break;
                } else {
                    break;
                }
            }
            fold_confusables(norm, n0);
            kind = Kind::Word;
        } else if is_quote(c) {
            norm.push('"');
            kind = Kind::Quote;
        } else {
            push_lower(norm, c);
            kind = Kind::Punct;
        }
        toks.push(Tok {
            start: base + i,
            end: base + end,
            norm: n0..norm.len(),
            kind,
            cap: c.is_uppercase(),
        });
    }
}

/// Letters glued to a number that are its unit or scale ("5km", "3bn",
/// "6pm"), so the number stays a number.
fn unit_suffix(rest: &[u8]) -> bool {
    const SUFFIXES: &[&str] = &[
        "km", "kg", "bn", "mn", "m", "k", "t", "tn", "mw", "kw", "gw", "cm", "mm", "ft", "mi",
        "pm", "am", "hr", "hrs", "min", "mins", "lb", "lbs",
    ];
    let run = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if rest.get(run).is_some_and(u8::is_ascii_alphanumeric) {
        return false;
    }
    let word = rest[..run].to_ascii_lowercase();
    SUFFIXES.iter().any(|s| s.as_bytes() == word.as_slice())
}

/// Latin look-alikes of Cyrillic and Greek letters, lowercase.
const CONFUSABLES: &[(char, char)] = &[
    ('\u{430}', 'a'),
    ('\u{435}', 'e'),
    ('\u{43e}', 'o'),
    ('\u{440}', 'p'),
    ('\u{441}', 'c'),
    ('\u{443}', 'y'),
    ('\u{445}', 'x'),
    ('\u{456}', 'i'),
    ('\u{458}', 'j'),
    ('\u{455}', 's'),
    ('\u{3bf}', 'o'),
];

/// A word that mixes Latin letters with Cyrillic or Greek look-alikes
/// ("\u{410}bout" with a Cyrillic A) is read as the Latin word it shows;
/// a word wholly in another script is left alone.
fn fold_confusables(norm: &mut String, from: usize) {
    let word = &norm[from..];
    if word.is_ascii() || !word.bytes().any(|b| b.is_ascii_alphabetic()) {
        return;
    }
    if !word
        .chars()
        .any(|c| CONFUSABLES.iter().any(|(k, _)| *k == c))
    {
        return;
    }
    let folded: String = word
        .chars()
        .map(|c| {
            CONFUSABLES
                .iter()
                .find(|(k, _)| *k == c)
                .map_or(c, |(_, l)| *l)
        })
        .collect();
    norm.truncate(from);
    norm.push_str(&folded);
}

/// Exactly three ASCII digits, then no fourth digit.
fn three_digits(b: &[u8]) -> bool {
    b.len() >= 3
        && b[..3].iter().all(u8::is_ascii_digit)
        && !b.get(3).is_some_and(u8::is_ascii_digit)
}

/// Pushes `c` lowercased, with the typographic apostrophe made straight.
fn push_lower(norm: &mut String, c: char) {
    if c.is_ascii() {
        norm.push(c.to_ascii_lowercase());
    } else if c == '\u{2019}' {
        norm.push('\'');
    } else {
        norm.extend(c.to_lowercase());
    }
}

/// Country (lowercase, possibly two words) to its demonym: "russia" -> "russian".
pub(crate) const DEMONYMS: &[(&str, &str)] = &[
    ("russia", "russian"),
    ("turkey", "turkish"),
    ("france", "french"),
    ("armenia", "armenian"),
    ("azerbaijan", "azerbaijani"),
    ("united states", "american"),
    ("u.s.", "american"),
    ("us", "american"),
    ("america", "american"),
    ("iran", "iranian"),
    ("ukraine", "ukrainian"),
    ("china", "chinese"),
    ("israel", "israeli"),
    ("germany", "german"),
    ("britain", "british"),
    ("united kingdom", "british"),
    ("georgia", "georgian"),
    ("syria", "syrian"),
    ("iraq", "iraqi"),
    ("india", "indian"),
    ("pakistan", "pakistani"),
    ("japan", "japanese"),
    ("italy", "italian"),
    ("spain", "spanish"),
    ("poland", "polish"),
    ("belarus", "belarusian"),
    ("kazakhstan", "kazakh"),
    ("egypt", "egyptian"),
    ("saudi arabia", "saudi"),
    ("lebanon", "lebanese"),
    ("canada", "canadian"),
];

/// Words that already name a nationality, so no demonym is prefixed.
pub(crate) fn is_demonym(w: &str) -> bool {
    DEMONYMS.iter().any(|(_, d)| *d == w)
        || matches!(
            w,
            "azeri"
                | "soviet"
                | "european"
                | "kurdish"
                | "palestinian"
                | "afghan"
                | "arab"
                | "nato"
        )
}

/// News wires whose reports other outlets relay.
pub(crate) const WIRES: &[(&str, &str)] = &[
    ("reuters", "Reuters"),
    ("afp", "AFP"),
    ("agence france-presse", "AFP"),
    ("ap", "AP"),
    ("associated press", "AP"),
    ("tass", "TASS"),
    ("ria novosti", "RIA Novosti"),
    ("ria", "RIA Novosti"),
    ("interfax", "Interfax"),
    ("anadolu", "Anadolu"),
    ("anadolu agency", "Anadolu"),
    ("xinhua", "Xinhua"),
    ("bloomberg", "Bloomberg"),
    ("dpa", "dpa"),
    ("efe", "EFE"),
    ("ansa", "ANSA"),
    ("irna", "IRNA"),
    ("apa", "APA"),
    ("armenpress", "Armenpress"),
];

/// The wire's canonical name if `name` (any case, leading "the" allowed) is one.
pub(crate) fn wire_name(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    WIRES.iter().find(|(k, _)| *k == lower).map(|(_, v)| *v)
}

/// The outlet a speaker or a credit names, when it is a news medium: a
/// known wire by its canonical name, or a name that ends like a medium's
/// ("National News Agency", "Al-Hadath news network", "LBCI TV"), with a
/// leading "the" and nationality dropped ("Lebanese National News Agency"
/// is the National News Agency).
pub(crate) fn relayed_outlet(name: &str) -> Option<String> {
    if let Some(wire) = wire_name(name) {
        return Some(wire.to_string());
    }
    let name = collapse(name);
    let lower = name.to_lowercase();
    const MEDIA: &[&str] = &[
        " news agency",
        " press agency",
        " television",
        " tv",
        " news network",
        " news channel",
        " radio",
        " newspaper",
        " broadcaster",
    ];
    if !MEDIA.iter().any(|m| lower.ends_with(m)) {
        return None;
    }
    // A medium is named: "a local broadcaster" is not one.
    let bare = name
        .strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
        .unwrap_or(&name);
    if !bare.starts_with(char::is_uppercase) {
        return None;
    }
    let mut words: Vec<&str> = name.split(' ').collect();
    while words.len() > 2
        && (words[0].eq_ignore_ascii_case("the")
            || super::countries::country(&words[0].to_lowercase()).is_some())
    {
        words.remove(0);
    }
    Some(words.join(" "))
}

/// Function words: never part of a counted noun phrase or a name.
pub(crate) fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "but"
            | "as"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "with"
            | "by"
            | "from"
            | "into"
            | "over"
            | "under"
            | "than"
            | "have"
            | "has"
            | "had"
            | "were"
            | "was"
            | "are"
            | "is"
            | "be"
            | "been"
            | "being"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "can"
            | "did"
            | "do"
            | "does"
            | "said"
            | "says"
            | "who"
            | "which"
            | "that"
            | "this"
            | "these"
            | "those"
            | "it"
            | "its"
            | "they"
            | "their"
            | "them"
            | "he"
            | "she"
            | "his"
            | "her"
            | "we"
            | "our"
            | "you"
            | "your"
            | "i"
            | "not"
            | "no"
            | "also"
            | "whom"
            | "whose"
            | "when"
            | "where"
            | "while"
            | "after"
            | "before"
            | "since"
            | "until"
            | "ago"
            | "more"
            | "less"
            | "per"
            | "each"
            | "across"
            | "along"
            | "including"
            | "according"
            | "if"
            | "so"
            | "such"
            | "just"
            | "only"
            | "there"
            | "here"
            | "then"
            | "all"
            | "some"
            | "about"
            | "around"
            | "between"
            | "against"
            | "during"
            | "among"
            | "amid"
            | "through"
            | "toward"
            | "towards"
            | "upon"
            | "within"
            | "without"
            | "via"
            | "whereas"
            | "because"
            | "although"
            | "though"
            | "yet"
            | "both"
            | "either"
            | "neither"
            | "other"
            | "another"
            | "any"
            | "every"
            | "most"
            | "many"
            | "much"
    )
}

/// Words that negate what a clause says.
pub(crate) fn is_negation(w: &str) -> bool {
    matches!(
        w,
        "not" | "no" | "never" | "nor" | "neither" | "none" | "nobody" | "nothing"
    ) || w.ends_with("n't")
}

/// Auxiliaries and adverbs that may sit between a subject and its verb.
pub(crate) fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "was"
            | "were"
            | "is"
            | "are"
            | "will"
            | "would"
            | "also"
            | "already"
            | "reportedly"
            | "now"
            | "been"
            | "strongly"
            | "previously"
            | "earlier"
            | "later"
            | "again"
            | "repeatedly"
            | "then"
            | "had also"
            | "has also"
            | "recently"
            | "publicly"
            | "officially"
            | "once"
    )
}

/// Days of the week, Monday first, as chrono numbers them from zero.
pub(crate) fn weekday_index(w: &str) -> Option<u32> {
    let days = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    days.iter()
        .position(|d| *d == w)
        .and_then(|p| u32::try_from(p).ok())
}

/// Month number (1-12) of a month name or its abbreviation.
pub(crate) fn month_index(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    let months = [
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may", "may"),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ];
    months
        .iter()
        .position(|(full, short)| *full == w || *short == w || (w == "sept" && *short == "sep"))
        .and_then(|p| u32::try_from(p + 1).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut b = Buffers::default();
        let s = b.sentence(text, 0..text.len());
        (0..s.len()).map(|i| s.w(i).to_string()).collect()
    }

    #[test]
    fn words_hyphenated_at_a_wrap_are_joined() {
        assert_eq!(unhyphenate("a non-\nbinding one"), "a non-binding one");
        assert_eq!(unhyphenate("a non-\r\nbinding"), "a non-binding");
        assert_eq!(
            unhyphenate("1975-\n1990, Nagorno-\nKarabakh"),
            "1975-1990, Nagorno-Karabakh"
        );
        assert_eq!(unhyphenate("Paris -\nand -\n"), "Paris -\nand -\n");
    }

    #[test]
    fn numbers_group_and_stay_whole() {
        assert_eq!(
            words("some 2,000 and 30\u{a0}000 or 30 000 people, 1.5 million in 1992, the 1990s"),
            vec![
                "some", "2000", "and", "30000", "or", "30000", "people", ",", "1.5", "million",
                "in", "1992", ",", "the", "1990s"
            ]
        );
    }

    #[test]
    fn words_keep_hyphens_apostrophes_and_dots() {
        assert_eq!(
            words("Nagorno-Karabakh\u{2019}s U.S. \u{201c}historic.\u{201d}"),
            vec!["nagorno-karabakh's", "u.s.", "\"", "historic", ".", "\""]
        );
    }

    #[test]
    fn date_commas_do_not_join() {
        assert_eq!(
            words("November 25, 2020"),
            vec!["november", "25", ",", "2020"]
        );
    }
}
