//! Per-article analysis: term counts, keyword candidates and actor mentions of one article.
//!
//! What an article keeps is compact (no text, terms as 64-bit keys): corpus-wide facts about a
//! term (its stem, its surface forms, its counts) go straight into the worker's
//! [`TermTable`], which allocates only for terms and forms it has not seen yet.

use super::corpus::TermTable;
use crate::actors::{ActorMatcher, Mention};
use crate::article::Article;
use crate::keywords::{self, word_key, Candidates};
use crate::text::{Analyzer, TokenKind};
use rustc_hash::FxHashMap;

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

/// Analyses `article` with a worker's `analyzer`, the shared `matcher`, and the worker's
/// `table` of corpus term statistics.
pub fn analyze_article(
    article: &Article,
    analyzer: &mut Analyzer,
    matcher: &ActorMatcher,
    table: &mut TermTable,
) -> ArticleAnalysis {
    let text = article.text();
    let tokens = analyzer.analyze(&text);
    let mut words = 0u32;
    let mut terms = 0u32;
    // term -> (count, weighted surface forms); a sentence-initial form weighs half.
    type Forms<'a> = Vec<(&'a str, f32)>;
    let mut counts: FxHashMap<&str, (u32, Forms)> = FxHashMap::default();
    for t in tokens {
        if matches!(t.kind, TokenKind::Word | TokenKind::Number) {
            words += 1;
        }
        if t.is_term() {
            terms += 1;
            let e = counts.entry(t.term.as_str()).or_default();
            e.0 += 1;
            let weight = if t.sentence_start { 0.5 } else { 1.0 };
            let surface = t.surface(&text);
            match e.1.iter_mut().find(|(f, _)| *f == surface) {
                Some((_, w)) => *w += weight,
                None => e.1.push((surface, weight)),
            }
        }
    }
    let mut term_counts: Vec<(u64, u32)> = counts
        .into_iter()
        .map(|(term, (count, forms))| {
            let key = word_key(term);
            table.add(key, term, count, &forms);
            (key, count)
        })
        .collect();
    term_counts.sort_unstable_by_key(|&(key, _)| key);
    let candidates = keywords::candidates(&text, tokens, article.title_len());
    let mentions = matcher.find(&text);
    ArticleAnalysis {
        words,
        terms,
        term_counts,
        candidates,
        mentions,
    }
}
