//! Corpus statistics, a mergeable reduce over per-article analyses, and the final result rows.

use super::article::ArticleAnalysis;
use crate::actors::ActorDictionary;
use crate::article::Article;
use crate::keywords::{self, idf};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// Corpus-wide counts of one term.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermStats {
    /// Articles containing the term.
    pub articles: u32,
    /// Occurrences of the term.
    pub count: u64,
    /// Its surface forms, weighted (see [`super::TermCount::forms`]).
    pub forms: Vec<(String, f32)>,
}

/// Counts over the whole corpus. Built with [`CorpusStats::add`] per article and combined with
/// [`CorpusStats::merge`]; the result does not depend on the order of either (weights are sums
/// of halves and ones, exact in floating point).
#[derive(Debug, Clone, Default)]
pub struct CorpusStats {
    /// Number of articles.
    pub articles: usize,
    /// Counts of each term (stem).
    pub terms: FxHashMap<String, TermStats>,
    /// Articles containing each keyword candidate.
    pub phrase_df: FxHashMap<u64, u32>,
}

/// Adds `weight` to `form` in a short list of forms.
fn add_form(forms: &mut Vec<(String, f32)>, form: &str, weight: f32) {
    match forms.iter_mut().find(|(f, _)| f == form) {
        Some((_, w)) => *w += weight,
        None => forms.push((form.to_string(), weight)),
    }
}

impl CorpusStats {
    /// Adds one article's counts.
    pub fn add(&mut self, a: &ArticleAnalysis) {
        self.articles += 1;
        for t in &a.term_counts {
            let stats = match self.terms.get_mut(t.term.as_str()) {
                Some(s) => s,
                None => self.terms.entry(t.term.clone()).or_default(),
            };
            stats.articles += 1;
            stats.count += u64::from(t.count);
            for (f, w) in &t.forms {
                add_form(&mut stats.forms, f, *w);
            }
        }
        for c in &a.candidates.list {
            *self.phrase_df.entry(c.key).or_insert(0) += 1;
        }
    }

    /// Combines two partial statistics.
    pub fn merge(mut self, mut other: CorpusStats) -> CorpusStats {
        if other.terms.len() > self.terms.len() {
            std::mem::swap(&mut self, &mut other);
        }
        self.articles += other.articles;
        for (k, v) in other.terms {
            let mine = self.terms.entry(k).or_default();
            mine.articles += v.articles;
            mine.count += v.count;
            for (f, w) in &v.forms {
                add_form(&mut mine.forms, f, *w);
            }
        }
        for (k, v) in other.phrase_df {
            *self.phrase_df.entry(k).or_insert(0) += v;
        }
        self
    }

    /// The form shown for a stem: its most frequent surface form in the corpus.
    pub fn surface(&self, term: &str) -> String {
        self.terms
            .get(term)
            .map(|s| keywords::most_frequent(s.forms.iter().map(|(f, w)| (f.as_str(), *w))))
            .unwrap_or(term)
            .to_string()
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
        let term_info: FxHashMap<&str, (f64, String)> = stats
            .terms
            .par_iter()
            .map(|(t, s)| (t.as_str(), (idf(n, s.articles), stats.surface(t))))
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
                        let (idf, word) = &term_info[t.term.as_str()];
                        TermRow {
                            article_id: id,
                            term: t.term.clone(),
                            word: word.clone(),
                            count: t.count,
                            frequency,
                            tfidf: frequency * idf,
                        }
                    })
                    .collect();
                terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term)));
                let keywords = keywords::rank(
                    &a.candidates,
                    |k| stats.phrase_df.get(&k).copied().unwrap_or(1),
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
            .terms
            .iter()
            .map(|(t, s)| CorpusTermRow {
                term: t.clone(),
                word: term_info[t.as_str()].1.clone(),
                count: s.count,
                articles: s.articles,
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
