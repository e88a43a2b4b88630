//! A page's characters from its bytes, by the charset the page declares:
//! a byte-order mark, else a `<meta>` charset near the top of the file;
//! an undeclared page is read as UTF-8 when its bytes are UTF-8, else as
//! windows-1252 (what browsers assume for undeclared Western pages).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the file a `<meta>` charset is looked for. The HTML
/// standard's prescan stops at 1,024 bytes; saved pages often carry
/// kilobytes of inline script before their `<meta>`, so this looks further.
const PRESCAN_BYTES: usize = 16 * 1024;

/// A page's text and the encoding it was read with.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The characters, with malformed bytes as U+FFFD.
    pub text: String,
    /// The encoding used.
    pub encoding: &'static Encoding,
}

/// Decodes a page's bytes by its byte-order mark, its declared charset, or
/// (undeclared) UTF-8 when valid, else windows-1252.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (encoding, skip) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (encoding, bom),
        None => (declared(bytes).unwrap_or_else(|| undeclared(bytes)), 0),
    };
    let (text, _) = encoding.decode_without_bom_handling(&bytes[skip..]);
    Decoded {
        text: text.into_owned(),
        encoding,
    }
}

fn undeclared(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        UTF_8
    } else {
        WINDOWS_1252
    }
}

/// The charset of the first `<meta charset>` or `<meta http-equiv=
/// "Content-Type" content="...; charset=...">` in the prescan window. As
/// the standard says, a page cannot declare itself UTF-16 in ASCII bytes:
/// such a label means UTF-8.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let window = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut rest = window;
    while let Some(at) = find_ignore_case(rest, b"<meta") {
        rest = &rest[at + 5..];
        let end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
        let attributes = attributes(&rest[..end]);
        let label = attributes
            .iter()
            .find(|(name, _)| name == "charset")
            .map(|(_, value)| value.clone())
            .or_else(|| {
                let equiv = attributes.iter().find(|(n, _)| n == "http-equiv")?;
                if !equiv.1.eq_ignore_ascii_case("content-type") {
                    return None;
                }
                let content = &attributes.iter().find(|(n, _)| n == "content")?.1;
                charset_in_content(content)
            });
        if let Some(encoding) = label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
            return Some(
                if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                    UTF_8
                } else if encoding == encoding_rs::X_USER_DEFINED {
                    WINDOWS_1252
                } else {
                    encoding
                },
            );
        }
    }
    None
}

/// The value after `charset=` in a Content-Type value.
fn charset_in_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let value = lower[at + 7..].trim_start().strip_prefix('=')?.trim_start();
    let value = value.trim_start_matches(['"', '\'']);
    let end = value
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(value.len());
    Some(value[..end].to_string()).filter(|v| !v.is_empty())
}

/// The attributes of a tag's inside (after its name), names lowercased.
fn attributes(tag: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(tag);
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == '/').is_some() {}
        let mut name = String::new();
        while let Some(c) = chars.next_if(|c| !c.is_whitespace() && *c != '=' && *c != '/') {
            name.push(c.to_ascii_lowercase());
        }
        if name.is_empty() {
            break;
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'=').is_some() {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            match chars.next_if(|c| *c == '"' || *c == '\'') {
                Some(quote) => {
                    for c in chars.by_ref() {
                        if c == quote {
                            break;
                        }
                        value.push(c);
                    }
                }
                None => {
                    while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                        value.push(c);
                    }
                }
            }
        }
        out.push((name, value));
    }
    out
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meta_charset_decides() {
        let page = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title>";
        let decoded = decode(page);
        assert_eq!(decoded.encoding, WINDOWS_1252);
        assert!(decoded.text.contains("Caf\u{e9}"));
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">\x93quoted\x94";
        let decoded = decode(page);
        assert_eq!(decoded.encoding, WINDOWS_1252);
        assert!(decoded.text.contains("\u{201c}quoted\u{201d}"));
    }

    #[test]
    fn a_byte_order_mark_wins_over_the_meta() {
        let mut page = vec![0xEF, 0xBB, 0xBF];
        page.extend_from_slice("<meta charset=latin1>caf\u{e9}".as_bytes());
        let decoded = decode(&page);
        assert_eq!(decoded.encoding, UTF_8);
        assert_eq!(decoded.text, "<meta charset=latin1>caf\u{e9}");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<p>hi</p>".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16).text, "<p>hi</p>");
    }

    #[test]
    fn undeclared_pages_are_utf8_when_they_can_be() {
        assert_eq!(decode("<p>caf\u{e9}</p>".as_bytes()).encoding, UTF_8);
        assert_eq!(decode(b"<p>caf\xe9</p>").encoding, WINDOWS_1252);
        // A page cannot declare UTF-16 in ASCII bytes.
        assert_eq!(decode(b"<meta charset=utf-16><p>x</p>").encoding, UTF_8);
        // Unknown labels are no declaration.
        assert_eq!(decode(b"<meta charset=klingon><p>x</p>").encoding, UTF_8);
    }

    #[test]
    fn content_charset_values() {
        assert_eq!(
            charset_in_content("text/html;charset=\"Shift_JIS\"").as_deref(),
            Some("shift_jis")
        );
        assert_eq!(charset_in_content("text/html"), None);
        assert_eq!(charset_in_content("charset="), None);
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_decode(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let mut page = b"<meta charset=".to_vec();
            page.extend_from_slice(&bytes);
            decode(&page);
            decode(&bytes);
        }
    }
}
