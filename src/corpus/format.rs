//! Corpus file formats, recognised by extension (under an optional `.gz`) and, for files with
//! an unknown or misleading extension, by their first bytes.

use std::path::Path;

/// How a corpus file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A plain-text page (`.txt`, `.text`, `.md`), split into articles by [`crate::split`].
    Text,
    /// An HTML page (`.html`, `.htm`), whose main article is extracted.
    Html,
    /// JSON Lines (`.jsonl`, `.ndjson`): one article per line.
    JsonLines,
    /// Comma-separated values (`.csv`) with a header row: one article per row.
    Csv,
    /// Tab-separated values (`.tsv`) with a header row: one article per row.
    Tsv,
}

impl Format {
    /// The format's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::JsonLines => "jsonl",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
        }
    }

    /// The format a file name announces, and whether it is gzip-compressed; `None` for a name
    /// newslens does not read.
    pub fn from_path(path: &Path) -> Option<(Format, bool)> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let (name, gzip) = match name.strip_suffix(".gz") {
            Some(inner) => (inner.to_string(), true),
            None => (name, false),
        };
        let ext = name.rsplit_once('.')?.1;
        let format = match ext {
            "txt" | "text" | "md" => Format::Text,
            "html" | "htm" | "xhtml" => Format::Html,
            "jsonl" | "ndjson" => Format::JsonLines,
            "csv" => Format::Csv,
            "tsv" => Format::Tsv,
            _ => return None,
        };
        Some((format, gzip))
    }

    /// Corrects the announced format by the content: a `.txt` file that is really an HTML page
    /// is read as HTML.
    pub fn sniff(self, text: &str) -> Format {
        if self == Format::Text {
            let head: String = text
                .trim_start()
                .chars()
                .take(256)
                .collect::<String>()
                .to_ascii_lowercase();
            if head.starts_with("<!doctype html") || head.starts_with("<html") {
                return Format::Html;
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        let f = |p: &str| Format::from_path(Path::new(p));
        assert_eq!(f("a/b.txt"), Some((Format::Text, false)));
        assert_eq!(f("b.MD"), Some((Format::Text, false)));
        assert_eq!(f("page.html.gz"), Some((Format::Html, true)));
        assert_eq!(f("x.jsonl"), Some((Format::JsonLines, false)));
        assert_eq!(f("x.ndjson.gz"), Some((Format::JsonLines, true)));
        assert_eq!(f("x.csv"), Some((Format::Csv, false)));
        assert_eq!(f("x.tsv"), Some((Format::Tsv, false)));
        assert_eq!(f("x.png"), None);
        assert_eq!(f("x.gz"), None);
        assert_eq!(f("README"), None);
    }

    #[test]
    fn html_in_a_text_file_is_html() {
        assert_eq!(Format::Text.sniff("  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(Format::Text.sniff("Title\n\nBody"), Format::Text);
        assert_eq!(Format::Csv.sniff("<html>"), Format::Csv);
    }
}
