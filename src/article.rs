//! The article: the unit every count is made on, with its title, section and metadata.

/// One article cut from a page, its text normalised and its furniture removed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    /// Path of the source file relative to the input directory, with `/` separators.
    pub source: String,
    /// Title as displayed (the page's own quotes and dashes kept), or empty when the page gave
    /// none. [`Article::text`] normalises it for analysis.
    pub title: String,
    /// Section or category, or empty when unknown.
    pub section: String,
    /// Author name (from the record, the page's metadata or a closing author bio), or empty.
    pub author: String,
    /// Publication date in ISO 8601 (`2022-01-10` or `2022-01-10T08:30:00Z`), or empty.
    pub published: String,
    /// Address of the article, or empty when unknown.
    pub url: String,
    /// Body paragraphs, normalised (see [`crate::text::normalize`]), furniture removed.
    pub paragraphs: Vec<String>,
}

impl Article {
    /// An article from a plain text with no page structure (a BBC story, an evaluation
    /// document): its first non-empty line is the title, the other non-empty lines are the
    /// paragraphs, each normalised as the corpus reader does.
    pub fn from_plain_text(text: &str) -> Article {
        let mut lines = text
            .lines()
            .map(|l| crate::text::normalize(l.trim()))
            .filter(|l| !l.is_empty());
        Article {
            title: lines.next().unwrap_or_default(),
            paragraphs: lines.collect(),
            ..Article::default()
        }
    }

    /// The text that is analysed: the title, then the body paragraphs, separated by blank lines.
    pub fn text(&self) -> String {
        self.analysed_text().0
    }

    /// [`Article::text`], and the byte length of the title at its start (what lies before it
    /// is in the title).
    pub fn analysed_text(&self) -> (String, usize) {
        let mut text = String::new();
        let title_len = self.analysed_text_into(&mut text);
        (text, title_len)
    }

    /// [`Article::analysed_text`] into `text`, replacing what it held (its buffer is reused);
    /// returns the title's byte length.
    pub fn analysed_text_into(&self, text: &mut String) -> usize {
        let title = crate::text::normalize::normalize_cow(&self.title);
        text.clear();
        text.reserve(title.len() + self.paragraphs.iter().map(|p| p.len() + 2).sum::<usize>() + 2);
        text.push_str(&title);
        for p in &self.paragraphs {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(p);
        }
        title.len()
    }
}
