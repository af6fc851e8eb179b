//! Turns a file's text into articles according to its format: pages are split, HTML pages
//! extracted, records (JSON Lines, CSV, TSV) read one article each.

use super::dates::normalize_date;
use super::format::Format;
use super::{html, records};
use crate::article::Article;
use crate::split::ArticleSplitter;
use crate::text::normalize::normalize_string;
use crate::text::{collapse_whitespace, normalize};

/// The articles of one file, and the records of it that could not be read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    /// Articles, in file order.
    pub articles: Vec<Article>,
    /// Unreadable records as (line, reason).
    pub bad: Vec<(usize, String)>,
}

/// Reads the articles of `text`, a file at `source` (relative path) in `format`. An error means
/// nothing in the file could be read as articles.
pub fn parse(
    source: &str,
    format: Format,
    text: &str,
    splitter: &ArticleSplitter,
    fields: &records::FieldNames,
) -> Result<Parsed, String> {
    // The folder the file lies in: the section of articles that name none (pages find their
    // own, so it is only read for the other formats).
    let folder = || {
        source
            .rsplit_once('/')
            .map(|(dir, _)| dir.to_string())
            .unwrap_or_default()
    };
    match format {
        Format::Text => Ok(Parsed {
            articles: splitter.split(source, text),
            bad: Vec::new(),
        }),
        Format::Html => {
            let page = html::extract(text, None).ok_or("no article text found in the HTML page")?;
            Ok(Parsed {
                articles: vec![Article {
                    source: source.to_string(),
                    title: page.title,
                    section: folder(),
                    author: page.author,
                    published: page.published,
                    url: page.url,
                    // A paragraph that normalising only trims keeps its buffer.
                    paragraphs: page.paragraphs.into_iter().map(normalize_string).collect(),
                }],
                bad: Vec::new(),
            })
        }
        Format::JsonLines | Format::Csv | Format::Tsv => {
            let read = match format {
                Format::JsonLines => records::read_jsonl(text, fields)?,
                Format::Csv => records::read_csv(text, b',', fields)?,
                _ => records::read_csv(text, b'\t', fields)?,
            };
            let folder = folder();
            let articles = read
                .records
                .into_iter()
                .map(|r| Article {
                    source: source.to_string(),
                    title: collapse_whitespace(&r.title),
                    section: if r.section.is_empty() {
                        folder.clone()
                    } else {
                        r.section
                    },
                    author: r.author,
                    published: normalize_date(&r.date).unwrap_or_default(),
                    url: r.url,
                    paragraphs: r
                        .text
                        .lines()
                        .map(normalize)
                        .filter(|p| !p.is_empty())
                        .collect(),
                })
                .collect();
            Ok(Parsed {
                articles,
                bad: read.bad.into_iter().map(|b| (b.line, b.reason)).collect(),
            })
        }
    }
}
