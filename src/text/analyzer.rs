//! The analysis chain assembled from its filters; one clone per rayon worker.

use super::lowercase::LowerCaser;
use super::normalize::normalize;
use super::stemmer::StemFilter;
use super::stopwords::StopWordFilter;
use super::token::Token;
use super::tokenizer::Tokenizer;

/// Tokenizes, lower-cases, marks stop words and stems, reusing its token buffer.
///
/// Clone it once per worker thread: the stop-word table is shared through an `Arc`, the stem
/// cache is per clone.
#[derive(Debug, Clone, Default)]
pub struct Analyzer {
    tokenizer: Tokenizer,
    lowercase: LowerCaser,
    stop_words: StopWordFilter,
    stemmer: StemFilter,
    tokens: Vec<Token>,
    /// Term buffers of earlier tokens, reused so that a token's term costs no allocation.
    spare_terms: Vec<String>,
}

impl Analyzer {
    /// An English analyzer: UAX #29 words, NLTK stop words, Snowball English stems.
    pub fn english() -> Self {
        Self::default()
    }

    /// The stop-word filter in use.
    pub fn stop_words(&self) -> &StopWordFilter {
        &self.stop_words
    }

    /// Analyzes already-normalised `text` and returns its tokens (valid until the next call).
    pub fn analyze(&mut self, text: &str) -> &[Token] {
        // Order matters: the stop list holds lower-case whole words, so lower-casing comes before
        // the stop-word filter, and stemming comes last (it skips stop words and rewrites `term`).
        self.spare_terms
            .extend(self.tokens.drain(..).map(|t| t.term));
        self.tokenizer.tokenize(text, &mut self.tokens);
        for token in &mut self.tokens {
            if let Some(term) = self.spare_terms.pop() {
                token.term = term;
            }
        }
        self.lowercase.apply(text, &mut self.tokens);
        self.stop_words.apply(text, &mut self.tokens);
        self.stemmer.apply(&mut self.tokens);
        &self.tokens
    }

    /// Normalises raw text (quotes, dashes, white space) before analysis; see [`normalize`].
    pub fn normalize(text: &str) -> String {
        normalize(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let mut a = Analyzer::english();
        let text = normalize(text);
        a.analyze(&text)
            .iter()
            .filter(|t| t.is_term())
            .map(|t| t.term.clone())
            .collect()
    }

    #[test]
    fn curly_and_straight_possessives_give_the_same_term() {
        assert_eq!(terms("Tokayev’s"), ["tokayev"]);
        assert_eq!(terms("Tokayev's"), ["tokayev"]);
    }

    #[test]
    fn stop_words_numbers_and_lone_letters_are_not_terms() {
        assert_eq!(
            terms("The protests of 2022 in a city, x and https://a.org"),
            ["protest", "citi"]
        );
    }

    #[test]
    fn hyphenated_words_are_stemmed_per_part() {
        assert_eq!(
            terms("Russian-speaking post-Soviet"),
            ["russian-speak", "post-soviet"]
        );
    }
}
