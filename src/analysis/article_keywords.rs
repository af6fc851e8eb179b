//! Keywords of a set of articles on their own, without the rest of a run: what the keyword
//! evaluation (`examples/eval_keywords.rs`) and the keyword benchmark measure, and the one place
//! that turns an article's candidates and the corpus's phrase frequencies into its keywords.

use super::article::{analyze_article, ArticleAnalysis};
use super::corpus::PhraseFrequencies;
use super::local_terms::LocalTerms;
use crate::actors::{ActorDictionary, ActorMatcher};
use crate::article::Article;
use crate::keywords::{self, Candidates, Keyword};
use crate::text::Analyzer;
use rayon::prelude::*;

/// The best `top_n` keywords of one analysed article of a corpus of `n_docs` articles whose
/// phrase document frequencies are `phrases` (a phrase they lack counts as in one article, the
/// article itself: see [`keywords::rank`]).
pub fn rank_article(
    candidates: &Candidates,
    phrases: &PhraseFrequencies,
    n_docs: usize,
    top_n: usize,
) -> Vec<Keyword> {
    keywords::rank(candidates, |k| phrases.get(k), n_docs, top_n)
}

/// The best `top_n` keywords of every article, in order, with the articles themselves as the
/// corpus (phrase document frequencies are counted over them). Runs on the current rayon pool;
/// the result does not depend on its number of threads.
pub fn article_keywords(articles: &[Article], top_n: usize) -> Vec<Vec<Keyword>> {
    let matcher = ActorMatcher::new(&ActorDictionary::default(), &[])
        .unwrap_or_else(|_| unreachable!("an empty dictionary always compiles"));
    let analyses: Vec<ArticleAnalysis> = articles
        .par_iter()
        .map_init(
            || (Analyzer::english(), LocalTerms::default()),
            |(analyzer, terms), article| analyze_article(article, analyzer, &matcher, terms),
        )
        .collect();
    let refs: Vec<&ArticleAnalysis> = analyses.iter().collect();
    let phrases = PhraseFrequencies::build(&refs);
    analyses
        .par_iter()
        .map(|a| rank_article(&a.candidates, &phrases, analyses.len(), top_n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, body: &str) -> Article {
        Article {
            title: title.to_string(),
            paragraphs: vec![body.to_string()],
            ..Article::default()
        }
    }

    #[test]
    fn keywords_of_each_article_in_order() {
        let articles = [
            article(
                "Silk Road trade",
                "The Silk Road carried trade. Silk Road towns grew rich.",
            ),
            article(
                "Election in Kyrgyzstan",
                "Voters in Kyrgyzstan went to the polls. The election was calm.",
            ),
        ];
        let k = article_keywords(&articles, 3);
        assert_eq!(k.len(), 2);
        assert_eq!(k[0][0].text, "Silk Road");
        assert!(k[1].iter().any(|k| k.text == "Kyrgyzstan"), "{:?}", k[1]);
        assert!(k.iter().all(|k| k.len() <= 3));
        assert!(article_keywords(&[], 3).is_empty());
    }
}
