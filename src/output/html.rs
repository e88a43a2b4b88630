//! HTML that is safe to open: every string from a document goes through
//! [`Html::text`] or [`Html::attr`], which escape it, and markup only
//! through [`Html::raw`], which takes string literals alone, so text from
//! an article can never become a tag, an attribute or a script. Links are
//! written only for `http` and `https` addresses ([`web_address`]).
//!
//! A page is one self-contained file ([`write_page`]): its style and script
//! are inline and named by hash in a Content-Security-Policy that forbids
//! every other script, style, font, frame and network request, so even a
//! mistake here could not run anything a document carried.

use std::io::Write;

use sha2::{Digest, Sha256};

use super::{flat, Record};
use crate::error::{Error, Result};

/// Whether `c` is a bidirectional control: a mark or an embedding,
/// override or isolate. In text from the web they can make a line read
/// in another order than it is stored ("Trojan Source"), so exports and
/// the HTML report drop them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// `text` without its bidirectional controls, as the exports write it.
pub fn without_bidi(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_bidi_control) {
        text.chars().filter(|&c| !is_bidi_control(c)).collect()
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Markup being written, with text and attribute values escaped.
#[derive(Debug, Default)]
pub struct Html {
    buf: String,
}

impl Html {
    /// An empty piece of markup.
    pub fn new() -> Html {
        Html::default()
    }

    /// Markup as written in the program: a literal, never text from a
    /// document (the `'static` bound keeps a formatted string out).
    pub fn raw(&mut self, markup: &'static str) -> &mut Html {
        self.buf.push_str(markup);
        self
    }

    /// Text, escaped: `&`, `<`, `>` and quotes as references; control and
    /// bidirectional characters dropped (tabs and line ends kept).
    pub fn text(&mut self, text: &str) -> &mut Html {
        for c in text.chars() {
            match c {
                '&' => self.buf.push_str("&amp;"),
                '<' => self.buf.push_str("&lt;"),
                '>' => self.buf.push_str("&gt;"),
                '"' => self.buf.push_str("&quot;"),
                '\'' => self.buf.push_str("&#39;"),
                '\t' | '\n' => self.buf.push(c),
                c if c.is_control() || is_bidi_control(c) => {}
                c => self.buf.push(c),
            }
        }
        self
    }

    /// An attribute, ` name="value"`, its value escaped.
    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Html {
        self.buf.push(' ');
        self.buf.push_str(name);
        self.buf.push_str("=\"");
        self.text(value);
        self.buf.push('"');
        self
    }

    /// A whole number.
    pub fn int(&mut self, n: i64) -> &mut Html {
        self.buf.push_str(&n.to_string());
        self
    }

    /// A coordinate or size for a drawing, to a tenth.
    pub fn num(&mut self, x: f64) -> &mut Html {
        let x = if x.is_finite() { x } else { 0.0 };
        let tenths = (x * 10.0).round() / 10.0;
        if tenths.fract() == 0.0 {
            self.buf.push_str(&(tenths as i64).to_string());
        } else {
            self.buf.push_str(&format!("{tenths:.1}"));
        }
        self
    }

    /// An attribute whose value is a whole number: ` name="n"`.
    pub fn int_attr(&mut self, name: &'static str, n: i64) -> &mut Html {
        self.buf.push(' ');
        self.buf.push_str(name);
        self.buf.push_str("=\"");
        self.int(n);
        self.buf.push('"');
        self
    }

    /// An attribute whose value is a coordinate: ` name="x"`.
    pub fn num_attr(&mut self, name: &'static str, x: f64) -> &mut Html {
        self.buf.push(' ');
        self.buf.push_str(name);
        self.buf.push_str("=\"");
        self.num(x);
        self.buf.push('"');
        self
    }

    /// A link to claim `id` in the same page: ` href="#c<id>"`.
    pub fn claim_href(&mut self, id: i64) -> &mut Html {
        self.raw(" href=\"#c").int(id).raw("\"")
    }

    /// Appends markup written elsewhere.
    pub fn append(&mut self, other: &Html) -> &mut Html {
        self.buf.push_str(&other.buf);
        self
    }

    /// The markup written so far.
    pub fn as_str(&self) -> &str {
        &self.buf
    }

    /// Writes the markup to `out` and starts again empty.
    pub fn flush_to(&mut self, out: &mut dyn Write) -> Result<()> {
        out.write_all(self.buf.as_bytes())?;
        self.buf.clear();
        Ok(())
    }
}

/// The address, trimmed, if it is one a link may go to: `http` or `https`
/// with a host. Anything else (`javascript:`, `data:`, a relative path) is
/// shown as text, never followed.
pub fn web_address(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return None;
    };
    let host_ok = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '[');
    let clean = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || is_bidi_control(c));
    (host_ok && clean).then_some(url)
}

/// The hash a Content-Security-Policy names an inline script or style by.
fn csp_hash(source: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(source.as_bytes())))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The parts of a self-contained page.
pub struct Page<'a> {
    /// The page's title, from the program (escaped all the same).
    pub title: &'a str,
    /// The inline style sheet.
    pub style: &'static str,
    /// The inline script, if any, in the head: it runs before the body is
    /// read (so it can mark the page as scripted before the first paint)
    /// and waits for the body to do the rest.
    pub script: Option<&'static str>,
}

impl Page<'_> {
    /// Writes the page's head and the body's opening tag.
    pub fn start(&self, out: &mut dyn Write) -> Result<()> {
        let mut h = Html::new();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .raw("<meta name=\"referrer\" content=\"no-referrer\">\n");
        // No network at all; only this page's own style and script run.
        let mut policy = format!(
            "default-src 'none'; img-src data:; style-src {}; base-uri 'none'; form-action 'none'",
            csp_hash(self.style)
        );
        if let Some(script) = self.script {
            policy.push_str(&format!("; script-src {}", csp_hash(script)));
        }
        h.raw("<meta http-equiv=\"Content-Security-Policy\"")
            .attr("content", &policy)
            .raw(">\n<title>")
            .text(self.title)
            .raw("</title>\n<style>")
            .raw(self.style)
            .raw("</style>\n");
        if let Some(script) = self.script {
            h.raw("<script>").raw(script).raw("</script>\n");
        }
        h.raw("</head>\n<body>\n");
        h.flush_to(out)
    }

    /// Closes the page.
    pub fn end(&self, out: &mut dyn Write) -> Result<()> {
        out.write_all(b"</body>\n</html>\n")?;
        Ok(())
    }
}

/// The style of a listing's page.
const TABLE_STYLE: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:1em}\
table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:2px 6px;\
text-align:left;vertical-align:top}th{background:#eee}";

/// Writes records as a page holding one table of every field.
pub fn write_table<R: Record>(out: &mut dyn Write, title: &str, records: &[R]) -> Result<()> {
    let page = Page {
        title,
        style: TABLE_STYLE,
        script: None,
    };
    page.start(out)?;
    let mut h = Html::new();
    h.raw("<table>\n<thead><tr>");
    for field in R::FIELDS {
        h.raw("<th>").text(field).raw("</th>");
    }
    h.raw("</tr></thead>\n<tbody>\n");
    for record in records {
        h.raw("<tr>");
        let mut cells = vec![String::new(); R::FIELDS.len()];
        flat::fields(record, &mut |name, cell| {
            if let Some(i) = R::FIELDS.iter().position(|f| *f == name) {
                cell.write_to(&mut cells[i]);
            }
            Ok(())
        })
        .map_err(|e| Error::invalid("output", e.0))?;
        for cell in &cells {
            h.raw("<td>").text(cell).raw("</td>");
        }
        h.raw("</tr>\n");
        h.flush_to(out)?;
    }
    h.raw("</tbody>\n</table>\n");
    h.flush_to(out)?;
    page.end(out)
}

/// A writer that drops bidirectional controls ([`is_bidi_control`]) from
/// UTF-8 passing through it, even when a character is split between two
/// writes: what every export goes through.
pub struct StripBidi<W: Write> {
    inner: W,
    /// The first bytes of a character that may be a control, held until
    /// the next write says.
    pending: Vec<u8>,
}

impl<W: Write> StripBidi<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> StripBidi<W> {
        StripBidi {
            inner,
            pending: Vec::with_capacity(3),
        }
    }

    /// Hands on what is held and returns the inner writer.
    pub fn into_inner(mut self) -> std::io::Result<W> {
        let pending = std::mem::take(&mut self.pending);
        self.inner.write_all(&pending)?;
        Ok(self.inner)
    }
}

/// Whether `bytes`, a whole or partial UTF-8 character, begins a
/// bidirectional control: U+061C is D8 9C; the others are E2 80 8E-8F,
/// E2 80 AA-AE and E2 81 A6-A9.
fn bidi_prefix(bytes: &[u8]) -> (bool, bool) {
    // (could still be one, is one whole)
    match bytes {
        [0xD8] | [0xE2] => (true, false),
        [0xD8, 0x9C] => (true, true),
        [0xE2, 0x80] | [0xE2, 0x81] => (true, false),
        [0xE2, 0x80, 0x8E | 0x8F | 0xAA..=0xAE] | [0xE2, 0x81, 0xA6..=0xA9] => (true, true),
        _ => (false, false),
    }
}

impl<W: Write> Write for StripBidi<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut start = 0;
        let mut i = 0;
        while i < buf.len() {
            let b = buf[i];
            if self.pending.is_empty() && b != 0xD8 && b != 0xE2 {
                i += 1;
                continue;
            }
            if self.pending.is_empty() {
                self.inner.write_all(&buf[start..i])?;
            }
            self.pending.push(b);
            i += 1;
            start = i;
            match bidi_prefix(&self.pending) {
                (true, true) => self.pending.clear(),
                (true, false) => {}
                (false, _) => {
                    let held = std::mem::take(&mut self.pending);
                    self.inner.write_all(&held)?;
                }
            }
        }
        if self.pending.is_empty() {
            self.inner.write_all(&buf[start..])?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut h = Html::new();
        h.raw("<p")
            .attr("title", "\"><script>alert(1)</script>")
            .raw(">")
            .text("<img src=x onerror=alert(1)> & 'q'")
            .raw("</p>");
        assert_eq!(
            h.as_str(),
            "<p title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">\
             &lt;img src=x onerror=alert(1)&gt; &amp; &#39;q&#39;</p>"
        );
    }

    #[test]
    fn controls_and_bidi_marks_are_dropped_from_text() {
        let mut h = Html::new();
        h.text("a\u{202E}b\u{1b}[31mc\u{2066}d\te\n");
        assert_eq!(h.as_str(), "ab[31mcd\te\n");
    }

    #[test]
    fn only_web_addresses_are_links() {
        assert_eq!(
            web_address(" https://a.example/x "),
            Some("https://a.example/x")
        );
        assert_eq!(web_address("HTTP://a.example"), Some("HTTP://a.example"));
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>",
            "//evil.example",
            "http:///x",
            "https://a.example/\u{202E}x",
            "https://a b",
            "vbscript:x",
        ] {
            assert_eq!(web_address(bad), None, "{bad}");
        }
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn bidi_controls_are_stripped_even_across_writes() {
        let text = "a\u{202E}b\u{061C}c\u{200F}\u{2069}é€\u{2013}d";
        let bytes = text.as_bytes();
        for split in 0..=bytes.len() {
            let mut w = StripBidi::new(Vec::new());
            w.write_all(&bytes[..split]).unwrap();
            w.write_all(&bytes[split..]).unwrap();
            let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
            assert_eq!(out, "abcé€\u{2013}d", "split at {split}");
        }
        // Byte by byte.
        let mut w = StripBidi::new(Vec::new());
        for b in bytes {
            w.write_all(std::slice::from_ref(b)).unwrap();
        }
        assert_eq!(w.into_inner().unwrap(), "abcé€\u{2013}d".as_bytes());
    }
}
