//! The analysis chain assembled from its filters; one clone per rayon worker.
//!
//! News text repeats its words: the chain runs once per distinct surface form (`Protests`,
//! `protests`) and its result is remembered in the analyzer's [`Vocabulary`], so a token costs
//! one hash lookup. The vocabulary also numbers the stems, so counting is done on small integers.

use super::lowercase::LowerCaser;
use super::stemmer::StemFilter;
use super::stopwords::StopWordFilter;
use super::token::{Token, TokenKind, NO_ENTRY};
use super::tokenizer::Tokenizer;
use crate::keywords::{is_content_word, word_key};
use rustc_hash::FxHashMap;

/// What the chain made of one distinct surface form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurfaceEntry {
    /// The surface form, as in the text (possessive removed).
    pub surface: Box<str>,
    /// Its term: the stem, or the lower-cased word for a stop word.
    pub term: Box<str>,
    /// True for a stop word.
    pub stop: bool,
    /// True when it is counted as a term (see [`Token::is_term`]).
    pub is_term: bool,
    /// Its stem's number in [`Vocabulary::stems`] when it is a term.
    pub stem: u32,
    /// Hash of the term ([`crate::keywords::word_key`]).
    pub key: u64,
    /// True when keyword candidates may start or end with it
    /// ([`crate::keywords::is_content_word`]).
    pub content: bool,
}

/// The surface forms and stems an analyzer has met, numbered in order of first sight.
///
/// Entries are never forgotten, so numbers stay valid for the analyzer's lifetime; memory grows
/// with the corpus's distinct word forms (tens of thousands for news), not with its size.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    by_surface: FxHashMap<Box<str>, u32>,
    /// Distinct surface forms.
    pub entries: Vec<SurfaceEntry>,
    by_stem: FxHashMap<Box<str>, u32>,
    /// Distinct stems of terms, with their [`crate::keywords::word_key`] hashes.
    pub stems: Vec<(Box<str>, u64)>,
}

/// Tokenizes, lower-cases, marks stop words and stems, reusing its token buffer.
///
/// Clone it once per worker thread: the stop-word table and the stems computed are shared
/// through `Arc`s, the vocabulary is per clone.
#[derive(Debug, Clone, Default)]
pub struct Analyzer {
    tokenizer: Tokenizer,
    lowercase: LowerCaser,
    stop_words: StopWordFilter,
    stemmer: StemFilter,
    tokens: Vec<Token>,
    /// Term buffers of earlier tokens, reused so that a token's term costs no allocation.
    spare_terms: Vec<String>,
    vocabulary: Vocabulary,
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

    /// The surface forms and stems met so far.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// Analyzes already-normalised `text` and returns its tokens (valid until the next call).
    pub fn analyze(&mut self, text: &str) -> &[Token] {
        self.analyze_with_vocabulary(text);
        let Analyzer {
            tokens,
            spare_terms,
            vocabulary,
            ..
        } = self;
        for token in tokens.iter_mut().filter(|t| t.entry != NO_ENTRY) {
            token.term = spare_term(spare_terms);
            token
                .term
                .push_str(&vocabulary.entries[token.entry as usize].term);
        }
        tokens
    }

    /// Like [`Analyzer::analyze`], and also gives the vocabulary the tokens' `entry` refer to,
    /// but leaves the `term` of word tokens empty: a word's term, and whether it is counted
    /// as one, are in its entry (`vocabulary.entries[token.entry]`), so a token costs no copy
    /// of its term (about 3 % of a BBC run's instructions, callgrind). Numbers, addresses and
    /// other tokens without an entry have their lower-cased form as term, as with `analyze`.
    pub fn analyze_with_vocabulary(&mut self, text: &str) -> (&[Token], &Vocabulary) {
        let Analyzer {
            tokenizer,
            lowercase,
            stop_words,
            stemmer,
            tokens,
            spare_terms,
            vocabulary,
        } = self;
        spare_terms.extend(
            tokens
                .drain(..)
                .map(|t| t.term)
                .filter(|term| term.capacity() > 0),
        );
        tokenizer.tokenize(text, tokens);
        for token in tokens.iter_mut() {
            if token.kind != TokenKind::Word {
                token.term = spare_term(spare_terms);
                lowercase.apply(text, std::slice::from_mut(token));
                continue;
            }
            let surface = token.surface(text);
            let id = match vocabulary.by_surface.get(surface) {
                Some(&id) => id,
                None => learn(lowercase, stop_words, stemmer, vocabulary, text, token),
            };
            token.entry = id;
            token.stop = vocabulary.entries[id as usize].stop;
        }
        (tokens, vocabulary)
    }
}

/// An empty term buffer, one of an earlier token's when there is one left (see
/// [`Analyzer::analyze_with_vocabulary`], which collects them), so that a token's term costs
/// no allocation.
fn spare_term(spare_terms: &mut Vec<String>) -> String {
    let mut term = spare_terms.pop().unwrap_or_default();
    term.clear();
    term
}

/// Runs the filter chain on a word not seen before and remembers the result in `vocabulary`.
fn learn(
    lowercase: &LowerCaser,
    stop_words: &StopWordFilter,
    stemmer: &StemFilter,
    vocabulary: &mut Vocabulary,
    text: &str,
    token: &Token,
) -> u32 {
    let mut one = [token.clone()];
    // Order matters: the stop list holds lower-case whole words, so lower-casing comes before
    // the stop-word filter, and stemming comes last (it skips stop words and rewrites `term`).
    lowercase.apply(text, &mut one);
    stop_words.apply(text, &mut one);
    stemmer.apply(&mut one);
    let [analysed] = one;
    let is_term = analysed.is_term();
    let key = word_key(&analysed.term);
    let stem = if is_term {
        match vocabulary.by_stem.get(analysed.term.as_str()) {
            Some(&s) => s,
            None => {
                let s = vocabulary.stems.len() as u32;
                vocabulary.stems.push((analysed.term.as_str().into(), key));
                vocabulary.by_stem.insert(analysed.term.as_str().into(), s);
                s
            }
        }
    } else {
        NO_ENTRY
    };
    let id = vocabulary.entries.len() as u32;
    let surface: Box<str> = token.surface(text).into();
    vocabulary.entries.push(SurfaceEntry {
        content: is_content_word(&analysed, &surface),
        surface: surface.clone(),
        term: analysed.term.as_str().into(),
        stop: analysed.stop,
        is_term,
        stem,
        key,
    });
    vocabulary.by_surface.insert(surface, id);
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

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
    fn vocabulary_numbers_surfaces_and_stems() {
        let mut a = Analyzer::english();
        let (tokens, vocabulary) = a.analyze_with_vocabulary("Protests and protests, US and us");
        let entries: Vec<u32> = tokens.iter().map(|t| t.entry).collect();
        assert_eq!(entries, [0, 1, 2, 3, 1, 4]);
        let e = &vocabulary.entries;
        assert_eq!((e[0].stem, e[2].stem), (0, 0));
        assert_eq!(&*vocabulary.stems[0].0, "protest");
        assert!(e[3].is_term && !e[4].is_term && e[4].stop);
        // A second text reuses the numbers.
        let (tokens, _) = a.analyze_with_vocabulary("protests");
        assert_eq!(tokens[0].entry, 2);
    }

    #[test]
    fn word_tokens_carry_their_terms_only_from_analyze() {
        let text = "The protests’ leaders met 2 US envoys at https://a.org, again: protests";
        let mut a = Analyzer::english();
        let full = a.analyze(text).to_vec();
        let (bare, vocabulary) = a.analyze_with_vocabulary(text);
        assert_eq!(full.len(), bare.len());
        for (f, b) in full.iter().zip(bare) {
            if f.entry == NO_ENTRY {
                assert_eq!(f, b);
                assert!(!b.term.is_empty(), "{b:?}");
            } else {
                // Everything but the term, which the entry holds.
                assert_eq!(
                    Token {
                        term: String::new(),
                        ..f.clone()
                    },
                    *b
                );
                let e = &vocabulary.entries[b.entry as usize];
                assert_eq!(*e.term, f.term);
                assert_eq!(e.is_term, f.is_term());
            }
        }
        // The buffers reused from one call to the next never leak a term into another token.
        let again = a.analyze(text).to_vec();
        assert_eq!(again, full);
        let terms: Vec<&str> = full.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(
            terms,
            [
                "the",
                "protest",
                "leader",
                "met",
                "2",
                "us",
                "envoy",
                "at",
                "https://a.org",
                "again",
                "protest"
            ]
        );
    }

    #[test]
    fn entries_say_which_words_keyword_candidates_may_use() {
        let text = "Mr Smith said the protests also spread to Almaty, x 2022";
        let mut a = Analyzer::english();
        let tokens = a.analyze(text).to_vec();
        let vocabulary = a.vocabulary();
        let content: Vec<(&str, bool)> = (tokens.iter())
            .filter(|t| t.entry != NO_ENTRY)
            .map(|t| {
                let e = &vocabulary.entries[t.entry as usize];
                assert_eq!(e.content, is_content_word(t, t.surface(text)));
                (t.surface(text), e.content)
            })
            .collect();
        assert_eq!(
            content,
            [
                ("Mr", false),
                ("Smith", true),
                ("said", false),
                ("the", false),
                ("protests", true),
                ("also", false),
                ("spread", true),
                ("to", false),
                ("Almaty", true),
                ("x", false),
            ]
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
