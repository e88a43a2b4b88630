//! Words for reasons: numbers with thousands separators and lists of names.

/// Most names, sources and explanations a list in a reason shows before
/// "and N more".
pub(super) const LIST_CAP: usize = 12;

/// "A", "A and B", "A, B and C".
pub(super) fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", head.join(", "), last.as_ref())
        }
    }
}

/// "A, B and C", or with more than `cap` items "A, B, C and 40 more": the
/// lists in a reason stay short however many outlets carry a story.
pub(super) fn and_list_capped<S: AsRef<str>>(items: &[S], cap: usize) -> String {
    if items.len() <= cap {
        return and_list(items);
    }
    let shown: Vec<&str> = items.iter().take(cap).map(AsRef::as_ref).collect();
    format!("{} and {} more", shown.join(", "), items.len() - cap)
}

/// `count` followed by the singular or plural noun.
pub(super) fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// Joins at most `cap` items with `sep`, then says how many were left out.
pub(super) fn capped<S: AsRef<str>>(items: &[S], cap: usize, sep: &str) -> String {
    let shown: Vec<&str> = items.iter().take(cap).map(AsRef::as_ref).collect();
    joined(&shown, items.len(), sep)
}

/// The first items of a list of `total`, joined by `sep`, and how many
/// more there are.
fn joined(shown: &[&str], total: usize, sep: &str) -> String {
    if total <= shown.len() {
        return shown.join(sep);
    }
    format!("{}{sep}and {} more", shown.join(sep), total - shown.len())
}

/// A list of which only the first items are written out: what [`capped`]
/// would show of it, without making the rest.
pub(super) struct Capped {
    /// The first items, in words.
    pub shown: Vec<String>,
    /// How many items the list has.
    pub total: usize,
}

impl Capped {
    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The shown items joined by `sep`, then "and N more" when some are not.
    pub fn join(&self, sep: &str) -> String {
        let shown: Vec<&str> = self.shown.iter().map(String::as_str).collect();
        joined(&shown, self.total, sep)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_group_thousands() {
        use crate::model::quantity::format_number as number;
        assert_eq!(number(1800.0), "1,800");
        assert_eq!(number(2200.0), "2,200");
        assert_eq!(number(30.0), "30");
        assert_eq!(number(-1234567.0), "-1,234,567");
        assert_eq!(number(1234.5), "1,234.5");
        assert_eq!(number(0.25), "0.25");
    }

    #[test]
    fn capped_lists_say_how_many_were_left_out() {
        let names = ["A", "B", "C", "D"];
        assert_eq!(capped(&names, 4, ", "), "A, B, C, D");
        assert_eq!(capped(&names, 2, ", "), "A, B, and 2 more");
        assert_eq!(capped(&names[..0], 2, "; "), "");
    }

    #[test]
    fn long_lists_in_words_are_capped() {
        assert_eq!(and_list_capped(&["A", "B", "C"], 3), "A, B and C");
        assert_eq!(and_list_capped(&["A", "B", "C", "D"], 2), "A, B and 2 more");
    }

    #[test]
    fn lists_read_as_words() {
        assert_eq!(and_list(&["A"]), "A");
        assert_eq!(and_list(&["A", "B"]), "A and B");
        assert_eq!(and_list(&["A", "B", "C"]), "A, B and C");
    }
}
