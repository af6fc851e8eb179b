//! Stemming filter: Snowball English (Porter 2) from `rust-stemmers`.
//!
//! A stem costs 0.3-0.5 µs (about 3,700 instructions in callgrind). The analyzer runs the chain
//! once per distinct word form and remembers the result in its vocabulary
//! ([`super::analyzer::Vocabulary`]), which is the per-worker cache; the clones of one filter
//! also share the stems they computed ([`StemFilter::clone`]), so that a word the workers all
//! meet is stemmed once, not once per worker: 31,000 stems for the BBC corpus on one worker,
//! 40,000-50,000 on two before they were shared.

use super::token::Token;
use crate::lock::lock;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex};

/// Replaces each token's lower-cased `term` by its stem. Hyphenated compounds are stemmed part by
/// part (`russian-speaking` -> `russian-speak`).
///
/// Clones share the stems already computed: clone one filter (or the analyzer holding it) per
/// worker. The shared table holds each distinct lower-cased word once, alongside the workers'
/// vocabularies, which hold their surface forms.
pub struct StemFilter {
    stemmer: Stemmer,
    /// Lower-cased word -> stem, filled by every clone.
    known: Arc<Mutex<FxHashMap<Box<str>, Box<str>>>>,
}

impl std::fmt::Debug for StemFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StemFilter").finish_non_exhaustive()
    }
}

impl Clone for StemFilter {
    /// A filter of its own (Snowball's state is not shared) that shares the stems computed.
    fn clone(&self) -> Self {
        StemFilter {
            stemmer: Stemmer::create(Algorithm::English),
            known: Arc::clone(&self.known),
        }
    }
}

impl Default for StemFilter {
    fn default() -> Self {
        Self::english()
    }
}

impl StemFilter {
    /// The Snowball English stemmer.
    pub fn english() -> Self {
        StemFilter {
            stemmer: Stemmer::create(Algorithm::English),
            known: Arc::default(),
        }
    }

    /// Stems one lower-cased word (part by part for hyphenated compounds), or finds the stem a
    /// clone of this filter computed.
    pub fn stem(&self, word: &str) -> String {
        if let Some(stem) = lock(&self.known).get(word) {
            return stem.to_string();
        }
        // Stemmed outside the lock; a word two workers meet at once is stemmed twice, to the
        // same stem.
        let stem = self.stem_uncached(word);
        lock(&self.known)
            .entry(word.into())
            .or_insert_with(|| stem.as_str().into());
        stem
    }

    /// [`StemFilter::stem`] without the shared table.
    fn stem_uncached(&self, word: &str) -> String {
        if word.contains('-') {
            word.split('-')
                .map(|part| self.stemmer.stem(part).into_owned())
                .collect::<Vec<_>>()
                .join("-")
        } else {
            self.stemmer.stem(word).into_owned()
        }
    }

    /// Stems the `term` of every word token that is not a stop word, in place.
    ///
    /// Runs last in the chain: it needs the lower-cased term, and stop words are matched on whole
    /// words before stemming.
    pub fn apply(&self, tokens: &mut [Token]) {
        for token in tokens {
            if token.is_term() {
                token.term = self.stem(&token.term);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snowball_english_stems() {
        let f = StemFilter::english();
        assert_eq!(f.stem("protests"), "protest");
        assert_eq!(f.stem("kazakhstan"), "kazakhstan");
        assert_eq!(f.stem("russian-speaking"), "russian-speak");
        // A second call gives the same result.
        assert_eq!(f.stem("protests"), "protest");
    }

    #[test]
    fn clones_share_the_stems_computed() {
        let f = StemFilter::english();
        let g = f.clone();
        assert_eq!(f.stem("protests"), "protest");
        assert!(lock(&g.known).contains_key("protests"));
        assert_eq!(g.stem("protests"), "protest");
        assert_eq!(g.stem("russian-speaking"), "russian-speak");
        assert_eq!(lock(&f.known).len(), 2);
        // A filter made afresh shares nothing.
        assert!(lock(&StemFilter::english().known).is_empty());
    }
}
