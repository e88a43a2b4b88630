//! Saved web pages (`.html`, `.htm`) as articles: the page is decoded by
//! its declared charset, its title, outlet, address, date and byline are
//! read from its metadata (see [`metadata`]), everything that runs or hides
//! is removed, and the article text is extracted with its paragraph breaks
//! (see [`body`]). The page's bytes go with the article, compressed, so a
//! later extractor can run again (`ingest --reextract`).

pub mod body;
pub mod charset;
pub mod clean;
pub mod metadata;

use std::io::Write;
use std::path::Path;

use dom_query::Document;

use crate::error::{Error, Result};
use crate::ingest::{Article, Header, Sources};

/// A saved web page as ingest keeps it beside its document: the model's
/// [`crate::model::Page`].
pub use crate::model::Page;

/// Whether a path names a web page: `.html` or `.htm`, any case.
pub fn is_page(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// Reads a saved web page as an article: the metadata found in it (with
/// where each field was found), the article text, and the page itself.
pub fn parse_page(path: &Path, bytes: &[u8]) -> Result<Article> {
    let err = |message: String| Error::Page {
        path: path.to_path_buf(),
        message,
    };
    let decoded = charset::decode(bytes);
    clean::check_whole(&decoded.text).map_err(err)?;
    let (body, metadata) = extract_text(&decoded.text);
    let body = body.ok_or_else(|| {
        err(
            "no article text found in the page (its <body> is empty, or holds only \
             scripts, menus and links)"
                .into(),
        )
    })?;
    let mut header = Header::default();
    let mut sources = Sources::default();
    macro_rules! take {
        ($($field:ident),*) => { $( if let Some(found) = metadata.$field {
            header.$field = Some(found.value);
            sources.$field = Some(found.from);
        } )* };
    }
    take!(title, outlet, url, published, byline);
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gzip.write_all(bytes).map_err(Error::Output)?;
    let gzip = gzip.finish().map_err(Error::Output)?;
    Ok(Article {
        path: path.to_path_buf(),
        header,
        sources,
        body: body.text,
        page: Some(Page {
            document_id: 0,
            gzip,
            size: bytes.len() as u64,
            charset: decoded.encoding.name().to_string(),
            extractor: body.extractor.to_string(),
        }),
        url_line: None,
    })
}

/// The article text and metadata of a page's characters: parsed once; the
/// metadata read first (JSON-LD lives in scripts), then what never is
/// article text removed before the extractors see the page.
pub fn extract_text(page: &str) -> (Option<body::Body>, metadata::PageMetadata) {
    let doc = Document::from(page);
    let metadata = metadata::read(&doc);
    clean::clean(&doc);
    let html = doc.html().to_string();
    let layout = doc
        .body()
        .map(|b| b.formatted_text().to_string())
        .unwrap_or_default();
    // A body with no words has no article, whatever an extractor makes of
    // the page's title.
    if body::words(&layout).next().is_none() {
        return (None, metadata);
    }
    (body::extract(doc, &html, &layout), metadata)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Result<Article> {
        parse_page(Path::new("p.html"), text.as_bytes())
    }

    #[test]
    fn paths_that_are_pages() {
        assert!(is_page(Path::new("a/b.html")));
        assert!(is_page(Path::new("B.HTM")));
        assert!(!is_page(Path::new("b.txt")));
        assert!(!is_page(Path::new("html")));
    }

    #[test]
    fn what_is_not_a_page_is_named() {
        let e = |t: &str| page(t).unwrap_err().to_string();
        assert!(e("just some words\n").starts_with("p.html: not an HTML page: no <html>"));
        assert!(e("<html>\0\0").contains("binary data"));
        assert!(e("<html><body><p>An article cut off in the mi").contains("looks truncated"));
        assert!(e("<html><body>\n</body></html>").contains("no article text found"));
        assert!(
            e("<html><body><script>var a = 'words words words';</script></body></html>")
                .contains("no article text found")
        );
    }

    #[test]
    fn hidden_and_running_content_is_not_text() {
        let paragraph = "The harbour authority said the fire began in a warehouse storing fertiliser and spread to two ships before firefighters contained it on Tuesday evening.";
        let html = format!(
            "<html><head><title>T</title></head><body><article>\
             <p>{paragraph}</p>\
             <p style=\"display: none\">Hidden words that no reader sees at all in this page.</p>\
             <div hidden>More hidden words that no reader sees at all.</div>\
             <script>document.write('Injected words written by a script')</script>\
             <noscript>Please enable JavaScript to read this.</noscript>\
             <p>{paragraph}</p></article></body></html>"
        );
        let article = page(&html).unwrap();
        assert!(
            article.body.contains("harbour authority"),
            "{}",
            article.body
        );
        for hidden in ["Hidden words", "More hidden", "Injected", "JavaScript"] {
            assert!(!article.body.contains(hidden), "{}", article.body);
        }
        let page = article.page.unwrap();
        assert_eq!(page.size, html.len() as u64);
        assert_eq!(page.charset, "UTF-8");
    }
}
