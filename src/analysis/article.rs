//! Per-article analysis: term counts, keyword candidates and actor mentions of one article.
//!
//! What an article keeps is compact (no text, terms as 64-bit keys): corpus-wide facts about a
//! term (its stem, its surface forms, its counts) go straight into the worker's
//! [`LocalTerms`], which counts by vocabulary number and allocates nothing per article but the
//! article's own small result.

use super::local_terms::LocalTerms;
use crate::actors::{ActorCollector, ActorMatcher, ArticleActors};
use crate::article::Article;
use crate::keywords::{CandidateCollector, Candidates};
use crate::text::{Analyzer, TokenKind, NO_ENTRY};

/// What one article contributes to the corpus counts.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleAnalysis {
    /// Word tokens (words and numbers) in title and body.
    pub words: u32,
    /// Counted term tokens (words that are not stop words or lone letters).
    pub terms: u32,
    /// Term counts as (term key, count), in order of first occurrence; see
    /// [`crate::keywords::word_key`].
    pub term_counts: Vec<(u64, u32)>,
    /// Keyword candidates.
    pub candidates: Candidates,
    /// Actor mentions (in text order), unmatched names and acronym expansions.
    pub actors: ArticleActors,
}

/// The buffers of the per-article analysis that one worker reuses from article to article:
/// the keyword and actor collectors, the tokens' term keys and content-word flags, and the
/// analysed text. Allocated afresh for each article, they had the kernel zero fresh pages for
/// about 5 % of a BBC run's samples (`perf record`, `-j 1`); reused, their page faults are gone
/// from the profile.
#[derive(Default)]
pub struct ArticleScratch {
    keywords: CandidateCollector,
    actors: ActorCollector,
    keys: Vec<u64>,
    content: Vec<bool>,
    text: String,
}

/// Analyses one article: tokens, terms, keyword candidates and actor mentions, on the article's
/// title and body (see [`Article::analysed_text`]).
///
/// The text is analysed a piece at a time ([`pieces`], about [`PIECE_BYTES`] each, cut at
/// paragraph or line breaks, where the tokenizer starts a new sentence anyway), so the token
/// buffer stays small however long the article is; the results are the same as for one piece.
/// A worker analysing many articles passes its own [`ArticleScratch`] to
/// [`analyze_article_with`] instead.
pub fn analyze_article(
    article: &Article,
    analyzer: &mut Analyzer,
    matcher: &ActorMatcher,
    terms: &mut LocalTerms,
) -> ArticleAnalysis {
    let mut scratch = ArticleScratch::default();
    analyze_in_pieces(article, analyzer, matcher, terms, &mut scratch, PIECE_BYTES)
}

/// [`analyze_article`] with the worker's reusable buffers.
pub fn analyze_article_with(
    article: &Article,
    analyzer: &mut Analyzer,
    matcher: &ActorMatcher,
    terms: &mut LocalTerms,
    scratch: &mut ArticleScratch,
) -> ArticleAnalysis {
    analyze_in_pieces(article, analyzer, matcher, terms, scratch, PIECE_BYTES)
}

/// [`analyze_article`] with pieces of about `piece_bytes`.
fn analyze_in_pieces(
    article: &Article,
    analyzer: &mut Analyzer,
    matcher: &ActorMatcher,
    terms: &mut LocalTerms,
    scratch: &mut ArticleScratch,
    piece_bytes: usize,
) -> ArticleAnalysis {
    let ArticleScratch {
        keywords: collector,
        actors,
        keys,
        content,
        text,
    } = scratch;
    let title_len = article.analysed_text_into(text);
    let text = text.as_str();
    let mut words = 0u32;
    let mut term_tokens = 0u32;
    for (offset, piece) in pieces(text, piece_bytes) {
        let (tokens, vocabulary) = analyzer.analyze_with_vocabulary(piece);
        words += tokens
            .iter()
            .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
            .count() as u32;
        term_tokens += terms.count_tokens(tokens, vocabulary);
        // Each token's term key and content-word flag, from its vocabulary entry (the tokens
        // carry no terms, see `analyze_with_vocabulary`).
        keys.clear();
        content.clear();
        for t in tokens {
            let (key, is_content) = if t.entry == NO_ENTRY {
                (0, false)
            } else {
                let e = &vocabulary.entries[t.entry as usize];
                (e.key, e.content)
            };
            keys.push(key);
            content.push(is_content);
        }
        collector.add(text, offset, tokens, keys, content, title_len);
        actors.add(
            text,
            offset..offset + piece.len(),
            tokens,
            title_len,
            matcher,
        );
    }
    let term_counts = terms.finish_article(analyzer.vocabulary());
    ArticleAnalysis {
        words,
        terms: term_tokens,
        term_counts,
        candidates: collector.finish(text),
        actors: actors.finish(),
    }
}

/// Target size of the pieces an article is analysed in.
pub const PIECE_BYTES: usize = 64 * 1024;

/// Cuts `text` into pieces of about `target` bytes, each with its byte offset: a piece ends at
/// the first paragraph break after `target` bytes (within `4 × target`), else at the first line
/// break, else after the first `. ` (a sentence end) past `target`, else it runs to the end.
pub fn pieces(text: &str, target: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let start = pos;
        let mut from = start.saturating_add(target.max(1)).min(text.len());
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let rest = &text[from..];
        let window = &rest[..floor_boundary(rest, target.saturating_mul(3))];
        let cut = window
            .find("\n\n")
            .or_else(|| rest.find('\n'))
            .or_else(|| rest.find(". ").map(|i| i + 1))
            .map_or(text.len(), |i| from + i);
        pos = cut;
        Some((start, &text[start..cut]))
    })
}

/// The largest char boundary of `s` at or below `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::ActorDictionary;

    #[test]
    fn pieces_cover_the_text_and_cut_at_breaks() {
        let text = "Alpha beta.\n\nGamma delta epsilon.\nZeta eta. Theta iota kappa";
        for target in [1, 3, 8, 20, 100] {
            let ps: Vec<(usize, &str)> = pieces(text, target).collect();
            assert_eq!(ps.iter().map(|p| p.1).collect::<String>(), text);
            for (offset, p) in &ps {
                assert_eq!(&text[*offset..*offset + p.len()], *p);
                if *offset > 0 {
                    assert!(p.starts_with('\n') || p.starts_with(' '), "{p:?}");
                }
            }
        }
        assert_eq!(pieces("", 4).count(), 0);
        assert_eq!(pieces("no breaks at all", 4).count(), 1);
        // Multi-byte characters never split.
        let ps: Vec<_> = pieces("ééééé\nüüüü", 3).collect();
        assert_eq!(ps.len(), 2);
    }

    #[test]
    fn a_reused_scratch_gives_what_a_fresh_one_gives() {
        let articles: Vec<Article> = [
            (
                "Tokayev in Astana",
                "Kassym-Jomart Tokayev met the CSTO. Then Mr. Tokayev left.",
            ),
            (
                "Talks",
                "Ivan Petrovsky met Olga Smirnova in Geneva.\n\nPetrovsky spoke.",
            ),
            ("", ""),
            (
                "Tokayev again",
                "The CSTO and Tokayev, with Ivan Petrovsky watching.",
            ),
        ]
        .iter()
        .map(|(title, body)| Article {
            title: (*title).into(),
            paragraphs: vec![(*body).into()],
            ..Article::default()
        })
        .collect();
        let dictionary = ActorDictionary::built_in();
        let matcher = ActorMatcher::new(&dictionary, &crate::actors::AliasKind::DEFAULT).unwrap();
        let mut analyzer = Analyzer::english();
        let mut terms = LocalTerms::default();
        let mut scratch = ArticleScratch::default();
        for article in articles.iter().chain(&articles) {
            let reused =
                analyze_article_with(article, &mut analyzer, &matcher, &mut terms, &mut scratch);
            let fresh = analyze_article(article, &mut analyzer, &matcher, &mut terms);
            assert_eq!(reused, fresh, "{:?}", article.title);
        }
    }

    #[test]
    fn pieces_give_the_same_analysis_as_one_piece() {
        let body = "Kazakh President Kassym-Jomart Tokayev met Chinese leaders in Astana.\n\n\
                    The Collective Security Treaty Organization sent troops; Tokayev thanked the CSTO.\n\
                    Protests spread. Mr. Tokayev spoke again about the protests and the CSTO.";
        let article = Article {
            title: "Tokayev and the CSTO".into(),
            paragraphs: vec![body.into(), body.into(), "Rule of law matters.".into()],
            ..Article::default()
        };
        let dictionary = ActorDictionary::built_in();
        let matcher = ActorMatcher::new(&dictionary, &crate::actors::AliasKind::DEFAULT).unwrap();
        let run = |piece_bytes| {
            let mut analyzer = Analyzer::english();
            let mut terms = LocalTerms::default();
            let mut scratch = ArticleScratch::default();
            let a = analyze_in_pieces(
                &article,
                &mut analyzer,
                &matcher,
                &mut terms,
                &mut scratch,
                piece_bytes,
            );
            (a, terms.into_table(analyzer.vocabulary()))
        };
        let (whole, whole_table) = run(usize::MAX / 2);
        for piece_bytes in [1, 10, 50, 200] {
            let (a, table) = run(piece_bytes);
            assert_eq!(a, whole, "pieces of {piece_bytes}");
            assert_eq!(format!("{table:?}"), format!("{whole_table:?}"));
        }
        assert!(!whole.actors.mentions.is_empty());
        assert!(!whole.actors.candidates.is_empty());
    }
}
