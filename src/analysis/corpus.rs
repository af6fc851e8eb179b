//! Corpus statistics, a mergeable reduce over per-article analyses, and the final result rows.

use super::article::ArticleAnalysis;
use crate::actors::ActorDictionary;
use crate::article::Article;
use crate::keywords::{self, idf};
use rayon::prelude::*;
use std::collections::HashMap;

/// Counts over the whole corpus. Built with [`CorpusStats::add`] per article and combined with
/// [`CorpusStats::merge`]; the result does not depend on the order of either.
#[derive(Debug, Clone, Default)]
pub struct CorpusStats {
    /// Number of articles.
    pub articles: usize,
    /// Articles containing each term.
    pub term_df: HashMap<String, u32>,
    /// Occurrences of each term.
    pub term_count: HashMap<String, u64>,
    /// Surface forms of each term, weighted.
    pub term_forms: HashMap<String, HashMap<String, f32>>,
    /// Articles containing each keyword candidate.
    pub phrase_df: HashMap<String, u32>,
}

impl CorpusStats {
    /// Adds one article's counts.
    pub fn add(&mut self, a: &ArticleAnalysis) {
        self.articles += 1;
        for t in &a.term_counts {
            *self.term_df.entry(t.term.clone()).or_insert(0) += 1;
            *self.term_count.entry(t.term.clone()).or_insert(0) += u64::from(t.count);
            let forms = self.term_forms.entry(t.term.clone()).or_default();
            for (f, w) in &t.forms {
                *forms.entry(f.clone()).or_insert(0.0) += w;
            }
        }
        for c in &a.candidates {
            *self.phrase_df.entry(c.key.clone()).or_insert(0) += 1;
        }
    }

    /// Combines two partial statistics.
    pub fn merge(mut self, other: CorpusStats) -> CorpusStats {
        self.articles += other.articles;
        for (k, v) in other.term_df {
            *self.term_df.entry(k).or_insert(0) += v;
        }
        for (k, v) in other.term_count {
            *self.term_count.entry(k).or_insert(0) += v;
        }
        for (k, forms) in other.term_forms {
            let mine = self.term_forms.entry(k).or_default();
            for (f, w) in forms {
                *mine.entry(f).or_insert(0.0) += w;
            }
        }
        for (k, v) in other.phrase_df {
            *self.phrase_df.entry(k).or_insert(0) += v;
        }
        self
    }

    /// The form shown for a stem: its most frequent surface form in the corpus.
    pub fn surface(&self, term: &str) -> String {
        self.term_forms
            .get(term)
            .map(keywords::most_frequent)
            .unwrap_or_else(|| term.to_string())
    }
}

/// A row of `articles.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRow {
    /// 1-based position of the article in the corpus.
    pub article_id: u32,
    /// Source file, relative to the input directory.
    pub source: String,
    /// Title.
    pub title: String,
    /// Section.
    pub section: String,
    /// Author.
    pub author: String,
    /// Word tokens.
    pub words: u32,
    /// Counted term tokens.
    pub terms: u32,
}

/// A row of `terms.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct TermRow {
    /// Article.
    pub article_id: u32,
    /// Stem.
    pub term: String,
    /// Most frequent surface form in the corpus.
    pub word: String,
    /// Occurrences in the article.
    pub count: u32,
    /// `count / terms` of the article.
    pub frequency: f64,
    /// `frequency × idf`.
    pub tfidf: f64,
}

/// A row of `corpus_terms.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct CorpusTermRow {
    /// Stem.
    pub term: String,
    /// Most frequent surface form.
    pub word: String,
    /// Occurrences in the corpus.
    pub count: u64,
    /// Articles containing it.
    pub articles: u32,
}

/// A row of `keywords.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct KeywordRow {
    /// Article.
    pub article_id: u32,
    /// 1 for the best keyword.
    pub rank: u32,
    /// Keyword, in its most frequent form in the article.
    pub keyword: String,
    /// Score.
    pub score: f64,
}

/// A row of `actors.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorRow {
    /// Article.
    pub article_id: u32,
    /// Canonical actor name.
    pub actor: String,
    /// Actor type.
    pub kind: String,
    /// Mentions in the article (title included).
    pub mentions: u32,
}

/// The rows one article contributes, and its mentions per actor index.
type ArticleRows = (
    Vec<TermRow>,
    Vec<KeywordRow>,
    Vec<ActorRow>,
    HashMap<usize, u32>,
);

/// Every table of a run, in output order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// `articles.csv`, in corpus order.
    pub articles: Vec<ArticleRow>,
    /// `terms.csv`: by article, then count descending, then term.
    pub terms: Vec<TermRow>,
    /// `corpus_terms.csv`: by count descending, then term.
    pub corpus_terms: Vec<CorpusTermRow>,
    /// `keywords.csv`: by article, then rank.
    pub keywords: Vec<KeywordRow>,
    /// `actors.csv`: by article, then mentions descending, then actor.
    pub actors: Vec<ActorRow>,
    /// Columns of `actor_matrix.csv`: actors mentioned anywhere, by total mentions descending.
    pub matrix_actors: Vec<String>,
    /// Rows of `actor_matrix.csv`: mentions per article (corpus order) and matrix actor.
    pub matrix: Vec<Vec<u32>>,
}

impl Results {
    /// Builds every table from the analysed articles (in corpus order) and the corpus statistics.
    pub fn build(
        articles: &[(Article, ArticleAnalysis)],
        stats: &CorpusStats,
        dictionary: &ActorDictionary,
        top_keywords: usize,
    ) -> Results {
        let n = stats.articles;
        let idf_of: HashMap<&str, f64> = stats
            .term_df
            .iter()
            .map(|(t, df)| (t.as_str(), idf(n, *df)))
            .collect();
        let surface_of: HashMap<&str, String> = stats
            .term_forms
            .keys()
            .map(|t| (t.as_str(), stats.surface(t)))
            .collect();

        let per_article: Vec<ArticleRows> = articles
            .par_iter()
            .enumerate()
            .map(|(i, (_, a))| {
                let id = i as u32 + 1;
                let mut terms: Vec<TermRow> = a
                    .term_counts
                    .iter()
                    .map(|t| {
                        let frequency = f64::from(t.count) / f64::from(a.terms.max(1));
                        TermRow {
                            article_id: id,
                            term: t.term.clone(),
                            word: surface_of[t.term.as_str()].clone(),
                            count: t.count,
                            frequency,
                            tfidf: frequency * idf_of[t.term.as_str()],
                        }
                    })
                    .collect();
                terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term)));
                let keywords = keywords::rank(
                    &a.candidates,
                    |k| stats.phrase_df.get(k).copied().unwrap_or(1),
                    n,
                    top_keywords,
                )
                .into_iter()
                .enumerate()
                .map(|(r, k)| KeywordRow {
                    article_id: id,
                    rank: r as u32 + 1,
                    keyword: k.text,
                    score: k.score,
                })
                .collect();
                let mut per_actor: HashMap<usize, u32> = HashMap::new();
                for m in &a.mentions {
                    *per_actor.entry(m.actor).or_insert(0) += 1;
                }
                let mut actors: Vec<ActorRow> = per_actor
                    .iter()
                    .map(|(&actor, &mentions)| ActorRow {
                        article_id: id,
                        actor: dictionary.actors[actor].name.clone(),
                        kind: dictionary.actors[actor].kind.clone(),
                        mentions,
                    })
                    .collect();
                actors.sort_by(|a, b| {
                    b.mentions
                        .cmp(&a.mentions)
                        .then_with(|| a.actor.cmp(&b.actor))
                });
                (terms, keywords, actors, per_actor)
            })
            .collect();

        let mut corpus_terms: Vec<CorpusTermRow> = stats
            .term_count
            .iter()
            .map(|(t, &count)| CorpusTermRow {
                term: t.clone(),
                word: surface_of[t.as_str()].clone(),
                count,
                articles: stats.term_df[t],
            })
            .collect();
        corpus_terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term)));

        let mut totals: HashMap<usize, u32> = HashMap::new();
        for (_, _, _, per_actor) in &per_article {
            for (&actor, &m) in per_actor {
                *totals.entry(actor).or_insert(0) += m;
            }
        }
        let mut matrix_ids: Vec<usize> = totals.keys().copied().collect();
        matrix_ids.sort_by(|a, b| {
            totals[b]
                .cmp(&totals[a])
                .then_with(|| dictionary.actors[*a].name.cmp(&dictionary.actors[*b].name))
        });
        let matrix = per_article
            .iter()
            .map(|(_, _, _, per_actor)| {
                matrix_ids
                    .iter()
                    .map(|id| per_actor.get(id).copied().unwrap_or(0))
                    .collect()
            })
            .collect();

        let mut results = Results {
            articles: articles
                .iter()
                .enumerate()
                .map(|(i, (article, a))| ArticleRow {
                    article_id: i as u32 + 1,
                    source: article.source.clone(),
                    title: article.title.clone(),
                    section: article.section.clone(),
                    author: article.author.clone(),
                    words: a.words,
                    terms: a.terms,
                })
                .collect(),
            corpus_terms,
            matrix_actors: matrix_ids
                .iter()
                .map(|&i| dictionary.actors[i].name.clone())
                .collect(),
            matrix,
            ..Results::default()
        };
        for (terms, keywords, actors, _) in per_article {
            results.terms.extend(terms);
            results.keywords.extend(keywords);
            results.actors.extend(actors);
        }
        results
    }
}
