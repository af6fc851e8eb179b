//! Topics of a corpus: a topic model fit by non-negative matrix factorisation (NMF) of the
//! article × term TF-IDF matrix, with each topic's coherence measured over the corpus itself.
//!
//! # Model
//!
//! - **Vocabulary**: the counted terms (stems; stop words and numbers are never terms) found in
//!   at least two articles and in at most half of them, the [`MAX_VOCABULARY`] most widespread
//!   (ties by corpus frequency): words of one article say nothing about what articles share, and
//!   words of every other article say nothing about what sets groups apart.
//! - **Matrix**: `x(d, t) = (1 + ln count(t, d)) × idf(t)`, `idf(t) = ln((1 + N) / (1 + df(t))) + 1`,
//!   each article's row scaled to unit length (as scikit-learn's `TfidfVectorizer` with
//!   `sublinear_tf`), stored sparse.
//! - **Fit**: `X ≈ W H` with `k` components by multiplicative updates from a seeded random
//!   start ([`nmf`]): the same corpus always gives the same topics, whatever the number of
//!   threads. Row `t` of `H` is topic `t` over the vocabulary; row `d` of `W` is article `d`
//!   over the topics.
//! - **Outputs**: topics are numbered by their total weight over the corpus (topic 1 is the
//!   largest). A topic's words are its [`TOP_WORDS`] heaviest terms, shown in their most
//!   frequent surface form, each weighted by its share of the topic's total weight (words the
//!   topic does not use, at a share below one in a million, are left out). An
//!   article's topic weights are its row of `W` scaled to sum to 1; shares below
//!   [`MIN_ARTICLE_WEIGHT`] are left out.
//! - **Coherence**: the mean NPMI of each topic's top words over document co-occurrence in the
//!   corpus ([`coherence`]).
//!
//! A corpus of more than [`MAX_FIT_ARTICLES`] articles has its topics learnt from that many
//! articles evenly spaced through it (the vocabulary, weights and coherence still come from
//! every article), then every article is weighted against them: a 50 MB JSON Lines file of
//! 22,500 articles (BBC stories repeated) got its topics in 1.7 s of CPU time instead of 5.5 s
//! (measured before the updates were blocked, which made the factorisation about 3× faster).
//!
//! A corpus with fewer than [`MIN_ARTICLES_PER_TOPIC`] articles per topic, or without enough
//! shared terms, gets no topics and a note saying why.
//!
//! The factorisation is written here rather than taken from a crate: the Rust NMF crates work
//! on dense `ndarray` matrices (the BBC corpus would be a 2,225 × 5,000 dense matrix, 90 MB,
//! where the sparse one has about 300,000 non-zeros) and bring a linear-algebra stack into the
//! build; the sparse updates are a few hundred lines, tested on known block structure and bit
//! for bit against the plain scalar form of the updates.

pub mod coherence;
pub mod nmf;

use nmf::{NmfSettings, SparseMatrix};
use rayon::prelude::*;

/// Topics fit when none is asked for.
pub const DEFAULT_TOPICS: usize = 8;
/// Articles needed per topic: a corpus of fewer than `k × 3` articles gets no topics.
pub const MIN_ARTICLES_PER_TOPIC: usize = 3;
/// Words listed per topic.
pub const TOP_WORDS: usize = 10;
/// Terms in the topic model's vocabulary at most.
pub const MAX_VOCABULARY: usize = 5000;
/// Smallest share of an article's topic weight written to `article_topics.csv`.
pub const MIN_ARTICLE_WEIGHT: f64 = 0.01;
/// Smallest share of a topic's weight for a word to be listed among its top words.
const MIN_WORD_WEIGHT: f64 = 1e-6;
/// Seed of the factorisation's random start.
pub const SEED: u64 = 0x6E65_7773_6C65_6E73;
/// Articles the factorisation is fit on at most: a larger corpus's topics are learnt from this
/// many articles evenly spaced through it, and every article is then weighted against them
/// ([`nmf::fit_rows`]), which costs a small fraction of a factorisation.
pub const MAX_FIT_ARTICLES: usize = 5000;
/// Multiplicative updates giving an article outside the sample its topic weights.
const FOLD_IN_ITERATIONS: usize = 100;
/// Iterations of the factorisation at most.
const MAX_ITERATIONS: usize = 400;
/// Relative loss decrease over ten iterations below which the factorisation stops.
const TOLERANCE: f64 = 1e-4;
/// Articles whose matrix rows are made in parallel at a time.
const ROW_BATCH: usize = 512;

/// A row of `topics.csv`: one of a topic's top words.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicWordRow {
    /// Topic number, 1 for the largest.
    pub topic: u32,
    /// 1 for the heaviest word of the topic.
    pub rank: u32,
    /// The word, in its most frequent surface form in the corpus.
    pub word: String,
    /// Its share of the topic's total weight.
    pub weight: f64,
}

/// A row of `article_topics.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleTopicRow {
    /// Article.
    pub article_id: u32,
    /// Topic number.
    pub topic: u32,
    /// The topic's share of the article's topic weight.
    pub weight: f64,
}

/// The topics of a corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Topics {
    /// Topics fit (0 when none were).
    pub count: usize,
    /// `topics.csv`: by topic, then rank.
    pub words: Vec<TopicWordRow>,
    /// `article_topics.csv`: by article, then weight descending, then topic.
    pub articles: Vec<ArticleTopicRow>,
    /// NPMI coherence of each topic's top words, by topic number.
    pub coherence: Vec<f64>,
    /// Why no topics were fit, when they were asked for and none were.
    pub note: Option<String>,
    /// Iterations the factorisation ran.
    pub iterations: usize,
    /// Its final relative loss `‖X − W H‖² / ‖X‖²`.
    pub relative_loss: f64,
}

impl Topics {
    /// Mean coherence of the topics (0 when there are none).
    pub fn mean_coherence(&self) -> f64 {
        if self.coherence.is_empty() {
            0.0
        } else {
            self.coherence.iter().sum::<f64>() / self.coherence.len() as f64
        }
    }
}

/// One term of the corpus, as the topic model sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TermInfo<'a> {
    /// Surface form shown.
    pub word: &'a str,
    /// Articles containing it.
    pub articles: u32,
    /// Occurrences in the corpus.
    pub count: u64,
}

/// Fits `k` topics (none when `k` is 0) over the articles, each given as (term number, count)
/// pairs, term numbers indexing `terms`.
pub fn fit(articles: &[Vec<(u32, u32)>], terms: &[TermInfo<'_>], k: usize) -> Topics {
    fit_sampled(articles, terms, k, MAX_FIT_ARTICLES)
}

/// [`fit`], factorising at most `max_fit` articles (evenly spaced through the corpus) and
/// giving the others their weights from the topics found.
fn fit_sampled(
    articles: &[Vec<(u32, u32)>],
    terms: &[TermInfo<'_>],
    k: usize,
    max_fit: usize,
) -> Topics {
    let n = articles.len();
    if k == 0 {
        return Topics::default();
    }
    if n < k * MIN_ARTICLES_PER_TOPIC {
        return skipped(format!(
            "topics skipped: {n} articles are too few for {k} topics (at least {} needed; lower --topics)",
            k * MIN_ARTICLES_PER_TOPIC
        ));
    }
    // The vocabulary: term number -> column.
    let max_df = (n / 2).max(2) as u32;
    let mut chosen: Vec<u32> = (0..terms.len() as u32)
        .filter(|&t| (2..=max_df).contains(&terms[t as usize].articles))
        .collect();
    chosen.sort_by(|&a, &b| {
        let (ta, tb) = (&terms[a as usize], &terms[b as usize]);
        tb.articles
            .cmp(&ta.articles)
            .then(tb.count.cmp(&ta.count))
            .then(a.cmp(&b))
    });
    chosen.truncate(MAX_VOCABULARY);
    chosen.sort_unstable();
    if chosen.len() < k {
        return skipped(format!(
            "topics skipped: only {} terms are shared by two articles, too few for {k} topics",
            chosen.len()
        ));
    }
    // Term number -> column (u32::MAX: not in the vocabulary), looked up for every count.
    let mut columns = vec![u32::MAX; terms.len()];
    for (c, &t) in chosen.iter().enumerate() {
        columns[t as usize] = c as u32;
    }
    let column = |t: u32| columns.get(t as usize).copied().filter(|&c| c != u32::MAX);
    let idf: Vec<f64> = chosen
        .iter()
        .map(|&t| crate::keywords::idf(n, terms[t as usize].articles))
        .collect();
    // `1 + ln count` of the small counts most terms have, computed once each (the same `f64`).
    let sublinear: [f64; 64] = std::array::from_fn(|c| 1.0 + (c.max(1) as f64).ln());
    let row_of = |a: &Vec<(u32, u32)>| {
        let mut row: Vec<(u32, f64)> = a
            .iter()
            .filter_map(|&(t, count)| {
                let tf = match sublinear.get(count as usize) {
                    Some(&tf) => tf,
                    None => 1.0 + f64::from(count).ln(),
                };
                column(t).map(|c| (c, tf * idf[c as usize]))
            })
            .collect();
        row.sort_unstable_by_key(|&(c, _)| c);
        let norm = row.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
        if norm > 0.0 {
            row.iter_mut().for_each(|(_, v)| *v /= norm);
        }
        row
    };
    // Rows are made in parallel a batch at a time and copied into the matrix in order (only a
    // batch of rows is ever held twice).
    let rows = articles
        .chunks(ROW_BATCH)
        .flat_map(|batch| batch.par_iter().map(row_of).collect::<Vec<_>>());
    let x = SparseMatrix::from_rows(rows, chosen.len());
    let settings = NmfSettings {
        components: k,
        seed: SEED,
        max_iterations: MAX_ITERATIONS,
        tolerance: TOLERANCE,
    };
    let f = if n <= max_fit.max(k * MIN_ARTICLES_PER_TOPIC) {
        nmf::factorise(&x, &settings)
    } else {
        // A large corpus: the topics are learnt from an even sample, every article is then
        // weighted against them.
        let max_fit = max_fit.max(k * MIN_ARTICLES_PER_TOPIC);
        let sample = (0..max_fit).map(|s| {
            x.row(s * n / max_fit)
                .map(|(c, v)| (c as u32, v))
                .collect::<Vec<_>>()
        });
        let sample = SparseMatrix::from_rows(sample, chosen.len());
        let mut f = nmf::factorise(&sample, &settings);
        f.w = nmf::fit_rows(&x, &f.h, k, FOLD_IN_ITERATIONS);
        f
    };
    let m = chosen.len();
    // Topics by total weight over the corpus, largest first.
    let totals: Vec<f64> = (0..k)
        .map(|t| (0..n).map(|d| f.w[d * k + t]).sum())
        .collect();
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| totals[b].total_cmp(&totals[a]).then(a.cmp(&b)));
    // Articles containing each column, for coherence.
    let mut containing: Vec<Vec<u32>> = vec![Vec::new(); m];
    for d in 0..n {
        for (c, _) in x.row(d) {
            containing[c].push(d as u32);
        }
    }
    let mut out = Topics {
        count: k,
        iterations: f.iterations,
        relative_loss: f.relative_loss,
        ..Topics::default()
    };
    for (number, &t) in order.iter().enumerate() {
        let h = &f.h[t * m..(t + 1) * m];
        let total = h.iter().sum::<f64>().max(f64::MIN_POSITIVE);
        // The heaviest first, ties by column: the first TOP_WORDS picked out, then sorted.
        let heavier = |a: &usize, b: &usize| h[*b].total_cmp(&h[*a]).then(a.cmp(b));
        let mut top: Vec<usize> = (0..m).collect();
        if top.len() > TOP_WORDS {
            top.select_nth_unstable_by(TOP_WORDS - 1, heavier);
            top.truncate(TOP_WORDS);
        }
        top.sort_by(heavier);
        // Words the topic does not use (multiplicative updates leave them at ~0) are not its.
        top.retain(|&c| h[c] / total >= MIN_WORD_WEIGHT);
        out.words
            .extend(top.iter().enumerate().map(|(r, &c)| TopicWordRow {
                topic: number as u32 + 1,
                rank: r as u32 + 1,
                word: terms[chosen[c] as usize].word.to_string(),
                weight: h[c] / total,
            }));
        let sets: Vec<&[u32]> = top.iter().map(|&c| containing[c].as_slice()).collect();
        out.coherence.push(coherence::npmi(&sets, n));
    }
    for d in 0..n {
        let w = &f.w[d * k..(d + 1) * k];
        let total: f64 = w.iter().sum();
        if total <= 0.0 {
            continue;
        }
        let mut shares: Vec<(u32, f64)> = order
            .iter()
            .enumerate()
            .map(|(number, &t)| (number as u32 + 1, w[t] / total))
            .filter(|&(_, s)| s >= MIN_ARTICLE_WEIGHT)
            .collect();
        shares.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out.articles
            .extend(shares.into_iter().map(|(topic, weight)| ArticleTopicRow {
                article_id: d as u32 + 1,
                topic,
                weight,
            }));
    }
    out
}

/// Fits `k` topics over the term counts of a run's results (`terms.csv` and
/// `corpus_terms.csv`).
pub fn from_results(results: &crate::analysis::Results, k: usize) -> Topics {
    // `--topics 0`: nothing to fit, so the term rows are not regrouped by article.
    if k == 0 {
        return Topics::default();
    }
    let mut articles: Vec<Vec<(u32, u32)>> = vec![Vec::new(); results.articles.len()];
    for row in &results.terms {
        if let Some(a) = articles.get_mut(row.article_id as usize - 1) {
            a.push((row.term, row.count));
        }
    }
    let terms: Vec<TermInfo<'_>> = results
        .corpus_terms
        .iter()
        .map(|t| TermInfo {
            word: &t.word,
            articles: t.articles,
            count: t.count,
        })
        .collect();
    fit(&articles, &terms, k)
}

/// No topics, and why.
fn skipped(note: String) -> Topics {
    Topics {
        note: Some(note),
        ..Topics::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Twelve articles, six on each of two themes, with terms 0-4 for the first theme and 5-9
    /// for the second, and term 10 in every article.
    fn corpus() -> (Vec<Vec<(u32, u32)>>, Vec<String>) {
        let words: Vec<String> = [
            "goal", "match", "league", "striker", "coach", "bank", "shares", "profit", "market",
            "investor", "today",
        ]
        .map(String::from)
        .to_vec();
        let articles = (0..12u32)
            .map(|d| {
                let base = if d % 2 == 0 { 0 } else { 5 };
                let mut a: Vec<(u32, u32)> = (0..4)
                    .map(|j| (base + (d / 2 + j) % 5, 1 + j % 2))
                    .collect();
                a.push((10, 1));
                a.sort_unstable();
                a
            })
            .collect();
        (articles, words)
    }

    fn infos<'a>(articles: &[Vec<(u32, u32)>], words: &'a [String]) -> Vec<TermInfo<'a>> {
        words
            .iter()
            .enumerate()
            .map(|(t, w)| {
                let with: Vec<_> = articles
                    .iter()
                    .filter_map(|a| a.iter().find(|(x, _)| *x == t as u32))
                    .collect();
                TermInfo {
                    word: w,
                    articles: with.len() as u32,
                    count: with.iter().map(|(_, c)| u64::from(*c)).sum(),
                }
            })
            .collect()
    }

    #[test]
    fn two_themes_give_two_topics() {
        let (articles, words) = corpus();
        let topics = fit(&articles, &infos(&articles, &words), 2);
        assert_eq!(topics.count, 2);
        assert_eq!(
            topics.words.len(),
            2 * 5,
            "five words per theme (not `today`)"
        );
        let theme = |topic: u32| -> Vec<&str> {
            topics
                .words
                .iter()
                .filter(|w| w.topic == topic && w.weight > 0.01)
                .map(|w| w.word.as_str())
                .collect()
        };
        let sport = ["goal", "match", "league", "striker", "coach"];
        let (a, b) = (theme(1), theme(2));
        assert!(
            a.iter().all(|w| sport.contains(w)) != b.iter().all(|w| sport.contains(w)),
            "{a:?} {b:?}"
        );
        assert!(
            !a.contains(&"today") && !b.contains(&"today"),
            "in every article"
        );
        // Every article belongs to its theme's topic.
        for d in 1..=12u32 {
            let best = topics.articles.iter().find(|r| r.article_id == d).unwrap();
            assert!(best.weight > 0.9, "{best:?}");
        }
        assert!(topics.coherence.iter().all(|c| (-1.0..=1.0).contains(c)));
        assert!(topics.mean_coherence() > 0.0);
    }

    #[test]
    fn same_topics_every_time_and_any_thread_count() {
        let (articles, words) = corpus();
        let info = infos(&articles, &words);
        let run = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| fit(&articles, &info, 3))
        };
        assert_eq!(run(1), run(3));
        assert_eq!(run(2), run(2));
    }

    #[test]
    fn a_sample_finds_the_same_themes_and_weighs_every_article() {
        let (articles, words) = corpus();
        let info = infos(&articles, &words);
        let sampled = fit_sampled(&articles, &info, 2, 8);
        assert_eq!(sampled.count, 2);
        for d in 1..=12u32 {
            let best = sampled.articles.iter().find(|r| r.article_id == d).unwrap();
            let same_theme = sampled
                .articles
                .iter()
                .find(|r| r.article_id == 1 + (d - 1) % 2)
                .unwrap();
            assert_eq!(best.topic, same_theme.topic, "article {d}");
            assert!(best.weight > 0.9, "{best:?}");
        }
        let first = |t: &Topics| t.articles.iter().find(|r| r.article_id == 1).unwrap().topic;
        let second = |t: &Topics| t.articles.iter().find(|r| r.article_id == 2).unwrap().topic;
        assert_ne!(first(&sampled), second(&sampled));
    }

    #[test]
    fn small_corpora_and_zero_topics() {
        let (articles, words) = corpus();
        let info = infos(&articles, &words);
        assert_eq!(fit(&articles, &info, 0), Topics::default());
        let t = fit(&articles[..4], &info, 2);
        assert_eq!(t.count, 0);
        assert!(t
            .note
            .unwrap()
            .contains("4 articles are too few for 2 topics"));
        // Every term in one article only: nothing is shared.
        let lonely: Vec<Vec<(u32, u32)>> = (0..12).map(|d| vec![(d, 1)]).collect();
        let words: Vec<String> = (0..12).map(|d| format!("w{d}")).collect();
        let t = fit(&lonely, &infos(&lonely, &words), 2);
        assert_eq!(t.count, 0);
        assert!(t.note.unwrap().contains("only 0 terms"));
    }
}
