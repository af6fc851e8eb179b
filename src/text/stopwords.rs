//! Stop-word filter over the NLTK English list of the `stop-words` crate.
//!
//! Why NLTK's list (179 words, the crate's `nltk` feature) rather than the crate's default ISO
//! list (1,298 entries): the ISO list holds junk (`10`, `ableabout`) and content words news
//! analysts care about (`world`, `new`, `information`), and would silently remove them from every
//! count. NLTK's list holds only function words (articles, pronouns, auxiliaries, contractions)
//! and is the one most text-analytics users know. It lacks the pronoun `us` and the function
//! words that fill news copy (`said`, `says`, `would`, `could`, `also`, `Mr`), which are added
//! ([`SUPPLEMENT`]): without them the top terms of any news corpus are `said`, `Mr`, `would`. A token written in capitals of two letters or more (`US`, `IT`, `WHO`) is
//! an acronym, never a stop word, so the pronoun `us` is dropped and the country `US` counted.
//! Keyword extraction adds a few more function words of its own (see [`crate::keywords`]).

use super::token::Token;
use rustc_hash::FxHashSet;
use std::sync::{Arc, OnceLock};

/// Words added to the NLTK list.
pub const SUPPLEMENT: &[&str] = &[
    "us", "said", "says", "say", "would", "could", "also", "mr", "mrs", "ms", "may", "might",
    "must", "shall",
];

/// Marks stop words; the table is read-only and shared between analyzer clones.
#[derive(Debug, Clone)]
pub struct StopWordFilter {
    words: Arc<FxHashSet<String>>,
}

impl Default for StopWordFilter {
    fn default() -> Self {
        Self::english()
    }
}

impl StopWordFilter {
    /// The NLTK English stop list, built once per process and shared: `stop_words::get`
    /// parses the crate's whole JSON file (67 KB, every language) on each call, and a run
    /// makes an analyzer for every share of the files (2 % of a BBC run's CPU, `perf record`).
    pub fn english() -> Self {
        static ENGLISH: OnceLock<Arc<FxHashSet<String>>> = OnceLock::new();
        let words = ENGLISH.get_or_init(|| {
            Arc::new(
                stop_words::get(stop_words::LANGUAGE::English)
                    .into_iter()
                    .map(|w| w.replace('\u{2019}', "'"))
                    .chain(SUPPLEMENT.iter().map(|w| w.to_string()))
                    .collect(),
            )
        });
        StopWordFilter {
            words: Arc::clone(words),
        }
    }

    /// Number of words on the list.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// The words on the list, sorted.
    pub fn sorted_words(&self) -> Vec<&str> {
        let mut words: Vec<&str> = self.words.iter().map(String::as_str).collect();
        words.sort_unstable();
        words
    }

    /// True when the list is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True when `lowercase_word` is on the list.
    pub fn contains(&self, lowercase_word: &str) -> bool {
        self.words.contains(lowercase_word)
    }

    /// Sets `token.stop` on every token whose lower-cased term is a stop word, unless its
    /// surface in `text` is an acronym (two or more letters, all capitals).
    ///
    /// Runs after [`super::lowercase::LowerCaser`] (it reads `term`) and before stemming (the
    /// list holds whole words, not stems).
    pub fn apply(&self, text: &str, tokens: &mut [Token]) {
        for token in tokens {
            token.stop =
                self.words.contains(token.term.as_str()) && !is_acronym(token.surface(text));
        }
    }
}

/// True for a word of two or more letters, all capitals.
fn is_acronym(word: &str) -> bool {
    word.chars().nth(1).is_some() && word.chars().all(|c| c.is_uppercase() || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_list_is_built_once_and_shared() {
        let (a, b) = (StopWordFilter::english(), StopWordFilter::default());
        assert!(Arc::ptr_eq(&a.words, &b.words));
        assert!(a.contains("the") && a.contains("us") && !a.contains("world"));
    }

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

    #[test]
    fn acronyms_are_not_stop_words() {
        use crate::text::{lowercase::LowerCaser, tokenizer::Tokenizer};
        let text = "let us see the US and WHO";
        let mut tokens = Vec::new();
        Tokenizer::default().tokenize(text, &mut tokens);
        LowerCaser.apply(text, &mut tokens);
        StopWordFilter::english().apply(text, &mut tokens);
        let stops: Vec<bool> = tokens.iter().map(|t| t.stop).collect();
        assert_eq!(stops, [false, true, false, true, false, true, false]);
    }
}
