//! Per-article analysis: term counts, keyword candidates and actor mentions of one article.
//!
//! What an article keeps is compact (no text, terms as 64-bit keys): corpus-wide facts about a
//! term (its stem, its surface forms, its counts) go straight into the worker's
//! [`LocalTerms`], which counts by vocabulary number and allocates nothing per article but the
//! article's own small result.

use super::local_terms::LocalTerms;
use crate::actors::{ActorMatcher, Mention};
use crate::article::Article;
use crate::keywords::{self, Candidates};
use crate::text::{Analyzer, TokenKind, NO_ENTRY};

/// What one article contributes to the corpus counts.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleAnalysis {
    /// Word tokens (words and numbers) in title and body.
    pub words: u32,
    /// Counted term tokens (words that are not stop words or lone letters).
    pub terms: u32,
    /// Term counts as (term key, count), sorted by key; see [`crate::keywords::word_key`].
    pub term_counts: Vec<(u64, u32)>,
    /// Keyword candidates.
    pub candidates: Candidates,
    /// Actor mentions, in text order.
    pub mentions: Vec<Mention>,
}

/// Analyses `article` with a worker's `analyzer`, the shared `matcher`, and the worker's term
/// statistics `terms` (which must always be used with the same analyzer: both number terms the
/// same way).
pub fn analyze_article(
    article: &Article,
    analyzer: &mut Analyzer,
    matcher: &ActorMatcher,
    terms: &mut LocalTerms,
) -> ArticleAnalysis {
    let (text, title_len) = article.analysed_text();
    let (tokens, vocabulary) = analyzer.analyze_with_vocabulary(&text);
    let words = tokens
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        .count() as u32;
    let term_tokens = tokens.iter().filter(|t| t.is_term()).count() as u32;
    let term_counts = terms.count_article(tokens, vocabulary);
    let keys: Vec<u64> = tokens
        .iter()
        .map(|t| {
            if t.entry == NO_ENTRY {
                0
            } else {
                vocabulary.entries[t.entry as usize].key
            }
        })
        .collect();
    let candidates = keywords::candidates(&text, tokens, &keys, title_len);
    let mentions = matcher.find(&text);
    ArticleAnalysis {
        words,
        terms: term_tokens,
        term_counts,
        candidates,
        mentions,
    }
}
