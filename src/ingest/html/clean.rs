//! What a page must be to be read, and what is taken out of it before the
//! extractors see it: whatever runs or hides, and nesting deeper than any
//! real page's (both extractors slow down with the cube or the square of
//! the depth: 2,000 nested `<div>`s took one of them half a minute).

use dom_query::Document;

/// Elements whose content is never article text: code, styles, embedded
/// frames and objects, media fallbacks, form controls, and templates.
const NEVER_TEXT: &str = "script, style, noscript, template, iframe, frame, frameset, object, \
     embed, applet, svg, canvas, video, audio, button, select, textarea, input, [hidden]";

/// Nesting deeper than this is flattened before extraction: twice the
/// deepest of the article-extraction benchmark's 181 news pages (51).
pub const FLAT_BELOW: usize = 100;

/// A page whose tags nest deeper than this is refused before it is parsed:
/// the HTML parser's own work grows with the square of the depth.
pub const MAX_NESTING: usize = 1_000;

/// Refuses what is not a whole HTML page: binary data, text without HTML
/// tags, a page cut off before its end, or one nested beyond reason.
pub fn check_whole(text: &str) -> Result<(), String> {
    if text.contains('\0') {
        return Err("not an HTML page: the file holds binary data".into());
    }
    const TAGS: [&str; 12] = [
        "<html",
        "<head",
        "<body",
        "<!doctype",
        "<p",
        "<div",
        "<article",
        "<main",
        "</html",
        "</body",
        "</p",
        "</div",
    ];
    // Which of the tags occur, in one pass over the `<`s.
    let mut seen = [false; TAGS.len()];
    for (at, _) in text.match_indices('<') {
        let rest = &text.as_bytes()[at..];
        for (i, tag) in TAGS.iter().enumerate() {
            seen[i] |= starts_with_ignore_case(rest, tag);
        }
    }
    let has = |tag: &str| TAGS.iter().position(|t| *t == tag).is_some_and(|i| seen[i]);
    if !seen.iter().any(|s| *s) {
        return Err(
            "not an HTML page: no <html>, <head>, <body> or paragraph tags \
                    (a plain text article is read from a .txt file)"
                .into(),
        );
    }
    for (open, close) in [("<html", "</html"), ("<body", "</body")] {
        if has(open) && !has(close) {
            return Err("the page stops before its end (no </body> or </html>): \
                        the file looks truncated, perhaps saved before the page \
                        finished loading"
                .into());
        }
    }
    if nesting(text) > MAX_NESTING {
        return Err(format!(
            "the page nests its elements more than {MAX_NESTING} deep, which no \
             page a reader sees does: refused as hostile"
        ));
    }
    Ok(())
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &str) -> bool {
    bytes
        .get(..prefix.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Elements that hold no others (void), or that the next of their kind
/// closes (a `<p>` or `<li>` left open): they add no depth.
const FLAT_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb",
    "rt", "rp", "rtc", "thead", "tbody", "tfoot", "colgroup", "caption", "html", "head", "body",
];

/// Elements whose content is text up to their end tag, not markup.
const RAW_TEXT_TAGS: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// The deepest nesting of a page's tags, as read from the markup without
/// building the tree (comments and raw text skipped).
pub fn nesting(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while let Some(next) = bytes[at..].iter().position(|&b| b == b'<') {
        at += next + 1;
        let rest = &bytes[at..];
        if rest.starts_with(b"!--") {
            at += find(rest, b"-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !rest[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name =
            String::from_utf8_lossy(&rest[name_start..name_start + name_len]).to_ascii_lowercase();
        if FLAT_TAGS.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        let tag_end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
        if rest[..tag_end].ends_with(b"/") {
            continue;
        }
        if RAW_TEXT_TAGS.contains(&name.as_str()) {
            let end = format!("</{name}");
            let mut skip = tag_end;
            while skip < rest.len() && !starts_with_ignore_case(&rest[skip..], &end) {
                skip += 1;
            }
            at += skip;
            continue;
        }
        depth += 1;
        deepest = deepest.max(depth);
    }
    deepest
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Takes out of a parsed page what never is article text (see
/// [`NEVER_TEXT`], and what a style hides), and unwraps the elements nested
/// deeper than [`FLAT_BELOW`], keeping their text, paragraphs and headings.
pub fn clean(doc: &Document) {
    doc.select(NEVER_TEXT).remove();
    for node in doc.select("[style]").nodes() {
        let hidden = node.attr("style").is_some_and(|style| {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        });
        if hidden {
            node.remove_from_parent();
        }
    }
    let mut deep = Vec::new();
    let mut stack = vec![(doc.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > FLAT_BELOW && node.is_element() {
            let keep = node.node_name().is_some_and(|name| {
                matches!(&*name, "p" | "br" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            });
            if !keep {
                deep.push(node.id);
            }
        }
        stack.extend(node.children_it(false).map(|child| (child, depth + 1)));
    }
    for id in deep {
        if let Some(node) = doc.tree.get(&id) {
            node.unwrap_node();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_as_the_markup_says() {
        assert_eq!(
            nesting("<html><body><div><div><p>x</div></div></body></html>"),
            2
        );
        // Void, self-closed and left-open elements add nothing.
        assert_eq!(nesting("<div><br><img src=x><span/><p>a<p>b<li>c</div>"), 1);
        // Comments and raw text are not markup.
        assert_eq!(
            nesting("<div><!-- <div><div> --><script>'<div><div><div>'</script></div>"),
            1
        );
        assert_eq!(nesting(&"<b>".repeat(5000)), 5000);
        assert_eq!(nesting("a < b and <3 and </ and <!-- open"), 0);
    }

    #[test]
    fn deep_pages_are_refused_or_flattened() {
        let deep = format!("<html><body>{}<p>x</p></body></html>", "<div>".repeat(1001));
        assert!(check_whole(&deep)
            .unwrap_err()
            .contains("more than 1000 deep"));
        let page = format!(
            "<html><body>{}<p>Words.</p><h2>Head</h2>{}</body></html>",
            "<div><span>".repeat(100),
            "</span></div>".repeat(100)
        );
        let doc = Document::from(page.as_str());
        clean(&doc);
        let mut deepest = 0;
        let mut stack = vec![(doc.root(), 0usize)];
        while let Some((node, depth)) = stack.pop() {
            deepest = deepest.max(depth);
            stack.extend(node.children_it(false).map(|c| (c, depth + 1)));
        }
        assert!(deepest <= FLAT_BELOW + 2, "{deepest}");
        assert_eq!(doc.select("p").text().to_string(), "Words.");
        assert_eq!(doc.select("h2").text().to_string(), "Head");
    }
}
