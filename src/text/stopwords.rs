//! Stop-word filter over the NLTK English list of the `stop-words` crate.
//!
//! Why NLTK's list (198 words, the crate's `nltk` feature) rather than the crate's default ISO
//! list (1,298 entries): the ISO list holds junk (`10`, `ableabout`) and content words news
//! analysts care about (`world`, `new`, `information`), and would silently remove them from every
//! count. NLTK's list holds only function words (articles, pronouns, auxiliaries, contractions)
//! and is the one most text-analytics users know. Keyword extraction adds a few more function
//! words of its own (see [`crate::keywords`]).

use super::token::Token;
use std::collections::HashSet;
use std::sync::Arc;

/// Marks stop words; the table is read-only and shared between analyzer clones.
#[derive(Debug, Clone)]
pub struct StopWordFilter {
    words: Arc<HashSet<String>>,
}

impl Default for StopWordFilter {
    fn default() -> Self {
        Self::english()
    }
}

impl StopWordFilter {
    /// The NLTK English stop list.
    pub fn english() -> Self {
        let words = stop_words::get(stop_words::LANGUAGE::English)
            .into_iter()
            .map(|w| w.replace('\u{2019}', "'"))
            .collect();
        StopWordFilter {
            words: Arc::new(words),
        }
    }

    /// Number of words on the list.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when the list is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True when `lowercase_word` is on the list.
    pub fn contains(&self, lowercase_word: &str) -> bool {
        self.words.contains(lowercase_word)
    }

    /// Sets `token.stop` on every token whose lower-cased term is a stop word.
    ///
    /// Runs after [`super::lowercase::LowerCaser`] (it reads `term`) and before stemming (the
    /// list holds whole words, not stems).
    pub fn apply(&self, tokens: &mut [Token]) {
        for token in tokens {
            token.stop = self.words.contains(token.term.as_str());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nltk_list_is_used() {
        let filter = StopWordFilter::english();
        assert!(filter.len() > 150 && filter.len() < 250, "{}", filter.len());
        for w in ["the", "and", "of", "us", "it", "is", "don't"] {
            assert!(filter.contains(w), "{w}");
        }
        for w in ["world", "new", "kazakhstan", "10"] {
            assert!(!filter.contains(w), "{w}");
        }
    }
}
