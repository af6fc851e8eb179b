//! HTML pages: not read yet; every page is reported as skipped until the extractor lands.

/// An article extracted from an HTML page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlArticle {
    /// Title.
    pub title: String,
    /// Author.
    pub author: String,
    /// Publication date, ISO 8601.
    pub published: String,
    /// URL.
    pub url: String,
    /// Body paragraphs.
    pub paragraphs: Vec<String>,
}

/// Extracts the main article of an HTML page.
pub fn extract(_html: &str, _url_hint: Option<&str>) -> Option<HtmlArticle> {
    None
}
