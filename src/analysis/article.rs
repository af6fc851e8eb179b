//! Per-article analysis: term counts, keyword candidates and actor mentions of one article.
//! Results are compact (no text is kept) so that large corpora fit in memory.

use crate::actors::{ActorMatcher, Mention};
use crate::article::Article;
use crate::keywords::{self, Candidates};
use crate::text::{Analyzer, TokenKind};
use rustc_hash::FxHashMap;

/// One term of an article.
#[derive(Debug, Clone, PartialEq)]
pub struct TermCount {
    /// The stem.
    pub term: String,
    /// Occurrences in the article.
    pub count: u32,
    /// Surface forms with their weights (a sentence-initial occurrence weighs half), used to
    /// choose the form shown for the stem across the corpus.
    pub forms: Vec<(String, f32)>,
}

/// What one article contributes to the corpus counts.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleAnalysis {
    /// Word tokens (words and numbers) in title and body.
    pub words: u32,
    /// Counted term tokens (words that are not stop words or lone letters).
    pub terms: u32,
    /// Term counts, sorted by term.
    pub term_counts: Vec<TermCount>,
    /// Keyword candidates.
    pub candidates: Candidates,
    /// Actor mentions, in text order.
    pub mentions: Vec<Mention>,
}

/// Analyses `article` with a worker's `analyzer` and the shared `matcher`.
pub fn analyze_article(
    article: &Article,
    analyzer: &mut Analyzer,
    matcher: &ActorMatcher,
) -> ArticleAnalysis {
    let text = article.text();
    let tokens = analyzer.analyze(&text);
    let mut words = 0u32;
    let mut terms = 0u32;
    // term -> (count, weighted surface forms)
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
    let mut term_counts: Vec<TermCount> = counts
        .into_iter()
        .map(|(term, (count, forms))| {
            let mut forms: Vec<(String, f32)> =
                forms.into_iter().map(|(f, w)| (f.to_string(), w)).collect();
            forms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            TermCount {
                term: term.to_string(),
                count,
                forms,
            }
        })
        .collect();
    term_counts.sort_unstable_by(|a, b| a.term.cmp(&b.term));
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
