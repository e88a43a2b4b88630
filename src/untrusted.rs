//! Text from the open web, made safe to store and to compare: names that
//! print alike are one name, addresses are web addresses or nothing.
//!
//! Every byte of a title, outlet name, quote or file name is hostile until
//! proven otherwise. The printers escape what they print (`output`); this
//! module holds what is done before text is stored or compared.

use unicode_normalization::UnicodeNormalization;

/// Characters that print as nothing or reorder what follows: zero-width
/// spaces and joiners, the word joiner and invisible operators, the
/// byte-order mark, soft hyphen, variation selectors, tags, fillers, and
/// the bidirectional controls (LRE to RLO, LRI to PDI, and the marks LRM,
/// RLM, ALM).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{034f}'
            | '\u{061c}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{17b4}'
            | '\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fff8}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// The longest outlet or actor name stored, in characters: far above any
/// real name ("The Moscow Times", "Armenian Prime Minister Nikol
/// Pashinyan"), low enough that a page's stray paragraph is refused.
pub const MAX_NAME_CHARS: usize = 200;

/// The longest title stored, in characters.
pub const MAX_TITLE_CHARS: usize = 1000;

/// A name (an outlet's, an actor's, an alias) as the ledger stores and
/// compares it: NFKC-normalized (full-width letters, ligatures and other
/// compatibility forms become the plain ones), without control or
/// invisible characters ([`is_invisible`]), whitespace runs as one space,
/// trimmed. `Reu\u{200b}ters` and `Ｒｅｕｔｅｒｓ` are `Reuters`.
pub fn clean_name(name: &str) -> String {
    let normalized: String = name.nfkc().collect();
    normalized
        .split(|c: char| c.is_whitespace())
        .map(|w| {
            w.chars()
                .filter(|&c| !c.is_control() && !is_invisible(c))
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks a cleaned name's length: `what` names the field in the message.
pub fn check_length(what: &str, text: &str, max: usize) -> Result<(), String> {
    let chars = text.chars().count();
    if chars > max {
        return Err(format!(
            "{what} is {chars} characters long, over the limit of {max}"
        ));
    }
    Ok(())
}

/// The confusable skeleton of a name (Unicode TR39, section 4), lowercased:
/// two names with the same skeleton print alike ("Reuters" and "Rеuters"
/// with a Cyrillic е; "rn" and "m"), so they are not told apart when
/// counting independent sources.
pub fn skeleton(name: &str) -> String {
    let clean = clean_name(name);
    let skeleton: String = unicode_security::skeleton(&clean).collect();
    skeleton.to_lowercase()
}

/// The address when it is a web address (http or https, any case, with a
/// host), without surrounding whitespace; `None` for `javascript:`,
/// `data:`, `file:` and anything else that must not become a link.
pub fn web_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control());
    (web && !host.is_empty() && clean).then_some(url)
}

/// Query parameters that only say how a reader came to a page.
const TRACKING_PARAMETERS: &[&str] = &[
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ocid", "cmpid", "ref",
    "ref_src", "_ga",
];

/// An address as documents are compared by it: scheme and host in lower
/// case, the default port, the fragment, a trailing slash and tracking
/// parameters (`utm_*`, `fbclid`, `gclid`, ...) dropped, the other
/// parameters kept in their order. An address that is not a web address
/// is only trimmed.
pub fn normalize_url(url: &str) -> String {
    let Some(url) = web_url(url) else {
        return url.trim().to_string();
    };
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let scheme = scheme.to_ascii_lowercase();
    let rest = rest.split('#').next().unwrap_or("");
    let (before_query, query) = match rest.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (rest, None),
    };
    let (host, path) = match before_query.find('/') {
        Some(i) => before_query.split_at(i),
        None => (before_query, ""),
    };
    let mut host = host.to_ascii_lowercase();
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    if let Some(stripped) = host.strip_suffix(default_port) {
        host = stripped.to_string();
    }
    let path = path.trim_end_matches('/');
    let kept: Vec<&str> = query
        .into_iter()
        .flat_map(|q| q.split('&'))
        .filter(|p| {
            let key = p.split('=').next().unwrap_or("").to_ascii_lowercase();
            !p.is_empty()
                && !key.starts_with("utm_")
                && !TRACKING_PARAMETERS.contains(&key.as_str())
        })
        .collect();
    let mut out = format!("{scheme}://{host}{path}");
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_invisible_and_compatibility_forms() {
        assert_eq!(clean_name("Reu\u{200b}ters"), "Reuters");
        assert_eq!(clean_name("\u{202e}Reuters\u{202c}"), "Reuters");
        assert_eq!(clean_name("Ｒｅｕｔｅｒｓ"), "Reuters");
        assert_eq!(clean_name("Good\u{1b}[2K\rReuters\u{7}"), "Good[2K Reuters");
        assert_eq!(clean_name("  The   Moscow\tTimes "), "The Moscow Times");
    }

    #[test]
    fn names_that_print_alike_share_a_skeleton() {
        assert_eq!(skeleton("Reuters"), skeleton("R\u{0435}uters"));
        assert_eq!(skeleton("Reuters"), skeleton("REUTERS"));
        assert_eq!(skeleton("Reuters"), skeleton("Reu\u{200b}ters"));
        assert_eq!(skeleton("corn"), skeleton("com"));
        assert_ne!(skeleton("Reuters"), skeleton("Reuter"));
        assert_ne!(skeleton("TASS"), skeleton("AFP"));
    }

    #[test]
    fn only_web_addresses_are_web_urls() {
        assert_eq!(
            web_url(" https://a.example/x "),
            Some("https://a.example/x")
        );
        assert_eq!(web_url("HTTP://a.example"), Some("HTTP://a.example"));
        for bad in [
            "javascript:alert(1)",
            "JavaScript://a.example/%0aalert(1)",
            "data:text/html,x",
            "file:///etc/passwd",
            "https://",
            "https://a.example/x y",
        ] {
            assert_eq!(web_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn addresses_compare_without_case_slash_or_tracking() {
        let a = normalize_url("https://Example.org/news/1/?utm_source=x&id=3#top");
        assert_eq!(a, "https://example.org/news/1?id=3");
        assert_eq!(
            normalize_url("HTTPS://example.org:443/news/1?id=3&fbclid=zz"),
            a
        );
        assert_eq!(normalize_url("https://example.org/"), "https://example.org");
        // The path keeps its case: servers may tell /A from /a.
        assert_ne!(
            normalize_url("https://example.org/A"),
            normalize_url("https://example.org/a")
        );
    }
}
