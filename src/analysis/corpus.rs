//! Corpus statistics, built as mergeable partial tables (one per worker), and the final result
//! rows.

use super::actor_tables::{actor_rows, actor_tables, ActorRow, ActorTables};
use super::article::ArticleAnalysis;
use super::spill::{AnalysisSpill, ParkedAnalysis};
use crate::actors::ActorDictionary;
use crate::actors::ArticleActors;
use crate::article::Article;
use crate::keywords::{self, idf, Candidates};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Corpus-wide counts of one term.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermStats {
    /// The stem.
    pub stem: String,
    /// Articles containing the term.
    pub articles: u32,
    /// Occurrences of the term.
    pub count: u64,
    /// Its surface forms, weighted (a sentence-initial occurrence weighs half).
    pub forms: Vec<(String, f32)>,
}

/// Term statistics keyed by term key ([`crate::keywords::word_key`]). Each worker's
/// [`super::LocalTerms`] becomes one; [`TermTable::merge_all`] combines them, and the result
/// does not depend on how articles were shared out (counts are sums; weights are sums of halves
/// and ones, exact in floating point). Split into [`SHARDS`] tables by the keys' top bits, as
/// [`PhraseFrequencies`] is, so that the workers' tables are merged shard by shard in parallel
/// (merged whole, they were one worker's job however many there were; on the BBC corpus's
/// 21,500 terms the difference is within the noise of a run).
#[derive(Debug, Clone, Default)]
pub struct TermTable {
    /// Empty until the first term is inserted.
    shards: Vec<FxHashMap<u64, TermStats>>,
}

impl TermTable {
    /// Adds a term's statistics, merging them with those already there.
    pub fn insert(&mut self, key: u64, stats: TermStats) {
        if self.shards.is_empty() {
            self.shards = vec![FxHashMap::default(); SHARDS];
        }
        insert_term(&mut self.shards[shard_of(key)], key, stats);
    }

    /// Combines any number of partial tables.
    pub fn merge_all(tables: Vec<TermTable>) -> TermTable {
        let shards = merge_shards(tables.into_iter().map(|t| t.shards), |shard, key, stats| {
            insert_term(shard, key, stats)
        });
        TermTable { shards }
    }

    /// Every term with its statistics, in no particular order.
    fn into_terms(self) -> Vec<(u64, TermStats)> {
        self.shards
            .into_par_iter()
            .flat_map_iter(|shard| shard.into_iter())
            .collect()
    }
}

/// [`TermTable::insert`] into one shard.
fn insert_term(shard: &mut FxHashMap<u64, TermStats>, key: u64, stats: TermStats) {
    match shard.get_mut(&key) {
        Some(mine) => {
            mine.articles += stats.articles;
            mine.count += stats.count;
            for (form, weight) in &stats.forms {
                add_form(&mut mine.forms, form, *weight);
            }
        }
        None => {
            shard.insert(key, stats);
        }
    }
}

/// Tables a [`TermTable`] or [`PhraseFrequencies`] is split into.
pub const SHARDS: usize = 16;

/// The shard of a term or phrase key (keys are well-mixed hashes: their top bits are uniform).
fn shard_of(key: u64) -> usize {
    (key >> (64 - SHARDS.trailing_zeros())) as usize
}

/// Merges sharded tables shard by shard, in parallel: shard `i` of every table goes into the
/// largest of them with `add` (which must not depend on the order of additions for the result
/// to be the same however the corpus was shared out). Tables with no shards are skipped.
fn merge_shards<V: Send>(
    tables: impl Iterator<Item = Vec<FxHashMap<u64, V>>>,
    add: impl Fn(&mut FxHashMap<u64, V>, u64, V) + Sync,
) -> Vec<FxHashMap<u64, V>> {
    let mut tables: Vec<Vec<FxHashMap<u64, V>>> = tables.filter(|s| !s.is_empty()).collect();
    if tables.len() <= 1 {
        return tables.pop().unwrap_or_default();
    }
    let mut by_shard: Vec<Vec<FxHashMap<u64, V>>> = (0..SHARDS).map(|_| Vec::new()).collect();
    for table in tables {
        for (i, shard) in table.into_iter().enumerate() {
            by_shard[i].push(shard);
        }
    }
    by_shard
        .into_par_iter()
        .map(|mut parts| {
            parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
            let mut parts = parts.into_iter();
            let mut merged = parts.next().unwrap_or_default();
            for part in parts {
                for (key, value) in part {
                    add(&mut merged, key, value);
                }
            }
            merged
        })
        .collect()
}

/// Adds `weight` to `form` in a short list of forms.
fn add_form(forms: &mut Vec<(String, f32)>, form: &str, weight: f32) {
    match forms.iter_mut().find(|(f, _)| f == form) {
        Some((_, w)) => *w += weight,
        None => forms.push((form.to_string(), weight)),
    }
}

/// Document frequencies of keyword candidates: (phrase key → articles).
///
/// Counted article by article as workers analyse them ([`PhraseFrequencies::add_article`]),
/// one table per worker, and merged at the end ([`PhraseFrequencies::merge_all`]): counts are
/// sums, so the result does not depend on how articles were shared out. Hash tables because
/// ranking looks up every candidate of every article, and a hash probe costs one or two cache
/// misses where a binary search over millions of keys costs a dozen; [`SHARDS`] of
/// them, split by the keys' top bits, so that workers merge their tables in parallel.
#[derive(Debug, Clone, Default)]
pub struct PhraseFrequencies {
    /// Empty until the first article is counted.
    shards: Vec<FxHashMap<u64, u32>>,
}

impl PhraseFrequencies {
    /// Counts, for each candidate key, the articles that have it.
    pub fn build(analyses: &[&ArticleAnalysis]) -> PhraseFrequencies {
        let mut out = PhraseFrequencies::default();
        for a in analyses {
            out.add_article(&a.candidates);
        }
        out
    }

    /// Counts one more article with these candidates (whose keys are distinct), the chance
    /// sequences among them ([`Candidates::unranked`]) included.
    pub fn add_article(&mut self, candidates: &Candidates) {
        if self.shards.is_empty() {
            self.shards = vec![FxHashMap::default(); SHARDS];
        }
        let keys =
            (candidates.list.iter().map(|c| c.key)).chain(candidates.unranked.iter().copied());
        for key in keys {
            *self.shards[shard_of(key)].entry(key).or_insert(0) += 1;
        }
    }

    /// Combines the counts of any number of shares of the corpus, a shard per worker.
    pub fn merge_all(tables: Vec<PhraseFrequencies>) -> PhraseFrequencies {
        let shards = merge_shards(tables.into_iter().map(|t| t.shards), |shard, key, n| {
            *shard.entry(key).or_insert(0) += n
        });
        PhraseFrequencies { shards }
    }

    /// Articles containing the phrase with this key (0 when unknown).
    pub fn get(&self, key: u64) -> u32 {
        self.shards
            .get(shard_of(key))
            .and_then(|s| s.get(&key))
            .copied()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod phrase_tests {
    use super::*;
    use crate::keywords::Candidate;

    /// Candidates with these keys; those divisible by 3 as chance sequences, whose keys only
    /// are kept.
    fn candidates(keys: &[u64]) -> Candidates {
        Candidates {
            unranked: keys.iter().copied().filter(|k| k % 3 == 0).collect(),
            list: keys
                .iter()
                .filter(|&&k| k % 3 != 0)
                .map(|&key| Candidate {
                    key,
                    words: [0; 3],
                    len: 1,
                    surface: (0, 0),
                    count: 1,
                    first_position: 0.0,
                    last_position: 0.0,
                    mid_sentence: 0,
                    named: 0,
                    in_title: false,
                    connector: false,
                })
                .collect(),
            surfaces: String::new(),
        }
    }

    #[test]
    fn merged_term_tables_do_not_depend_on_the_shares() {
        let stats = |i: u64| TermStats {
            stem: format!("stem{}", i % 13),
            articles: 1,
            count: i % 5 + 1,
            forms: vec![(format!("Form{}", i % 3), 1.0), ("form".to_string(), 0.5)],
        };
        let key = |i: u64| (i % 13).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let sorted = |t: TermTable| {
            let mut terms = t.into_terms();
            terms.sort_by_key(|(k, _)| *k);
            for (_, s) in &mut terms {
                s.forms.sort_by(|a, b| a.0.cmp(&b.0));
            }
            terms
        };
        let mut whole = TermTable::default();
        for i in 0..60 {
            whole.insert(key(i), stats(i));
        }
        let whole = sorted(whole);
        assert_eq!(whole.len(), 13);
        for workers in [1, 2, 3, 7] {
            let mut tables = vec![TermTable::default(); workers + 1];
            for i in 0..60 {
                tables[i as usize % workers].insert(key(i), stats(i));
            }
            // The last table stays empty, as a worker that got no article.
            assert_eq!(
                sorted(TermTable::merge_all(tables)),
                whole,
                "{workers} workers"
            );
        }
        assert!(TermTable::merge_all(Vec::new()).into_terms().is_empty());
    }

    #[test]
    fn merged_counts_do_not_depend_on_the_shares() {
        let articles: Vec<Vec<u64>> = (0..40u64)
            .map(|i| {
                (0..i % 7 + 1)
                    .map(|j| j.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (i % 3))
                    .collect()
            })
            .collect();
        let mut whole = PhraseFrequencies::default();
        for a in &articles {
            whole.add_article(&candidates(a));
        }
        for workers in [1, 2, 3, 5] {
            let mut tables = vec![PhraseFrequencies::default(); workers];
            for (i, a) in articles.iter().enumerate() {
                tables[i % workers].add_article(&candidates(a));
            }
            let merged = PhraseFrequencies::merge_all(tables);
            for a in &articles {
                for &k in a {
                    assert_eq!(merged.get(k), whole.get(k), "{workers} workers");
                }
            }
            assert_eq!(merged.get(12345), 0);
        }
        assert_eq!(PhraseFrequencies::default().get(1), 0);
    }

    #[test]
    fn chance_sequences_count_in_the_document_frequencies() {
        let mut df = PhraseFrequencies::default();
        // 3 and 6 are kept as keys only; 3 is a ranked candidate of the second article.
        df.add_article(&candidates(&[3, 4, 6]));
        df.add_article(&candidates(&[4]));
        df.add_article(&Candidates {
            list: candidates(&[4])
                .list
                .into_iter()
                .map(|c| Candidate { key: 3, ..c })
                .collect(),
            ..Candidates::default()
        });
        assert_eq!((df.get(3), df.get(4), df.get(6)), (2, 2, 1));
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
    /// Publication date (ISO 8601), or empty.
    pub published: String,
    /// Address, or empty.
    pub url: String,
    /// Word tokens.
    pub words: u32,
    /// Counted term tokens.
    pub terms: u32,
}

/// A row of `terms.csv`; the term itself is row `term` of [`Results::corpus_terms`], and its
/// frequency and TF-IDF are computed when written ([`Results::term_frequency`],
/// [`Results::term_idfs`]): 12 bytes a row, the one table that grows with every article's
/// vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermRow {
    /// Article.
    pub article_id: u32,
    /// Index of the term in [`Results::corpus_terms`].
    pub term: u32,
    /// Occurrences in the article.
    pub count: u32,
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

/// Every article's rows (see [`Results::rows`]).
type AllRows<'a> = (
    Vec<TermRow>,
    Vec<KeywordRow>,
    Vec<ActorRow>,
    Vec<Vec<(usize, u32)>>,
    FxHashMap<&'a str, (u32, Box<str>)>,
);

/// Articles whose rows are made at a time (see [`Results::build`]).
const ROWS_BATCH: usize = 4096;

/// Articles a worker takes at a time when rows are made: small shares, so that a worker that
/// finishes the actor tables early still finds some left to take.
const ROWS_PER_JOB: usize = 8;

/// The rows one article contributes, its mentions per actor index, and the examples of its
/// unmatched names.
type ArticleRows = (
    Vec<TermRow>,
    Vec<KeywordRow>,
    Vec<ActorRow>,
    Vec<(usize, u32)>,
    Vec<Box<str>>,
);

/// A row of `files.csv`: what became of one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRow {
    /// Path relative to the input directory.
    pub path: String,
    /// Format read (`text`, `html`, `jsonl`, `csv`, `tsv`, with `+gzip` when compressed), or
    /// empty when the file was not read.
    pub format: String,
    /// Encoding decoded from, or empty when the file was not read.
    pub encoding: String,
    /// Articles taken from it.
    pub articles: u32,
    /// `ok`, `skipped: <reason>` or `partial: <n> bad records`.
    pub status: String,
    /// Size on disk in bytes (0 when the file could not be read).
    pub bytes: u64,
    /// SHA-256 of the bytes on disk, lower-case hex (empty when the file could not be read).
    pub sha256: String,
}

/// Every table of a run, in output order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// `files.csv`, by path.
    pub files: Vec<FileRow>,
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
    /// The corpus's topics (`topics.csv`, `article_topics.csv`); empty when none were fit.
    pub topics: crate::topics::Topics,
    /// `mentions.csv`, `co_mentions.csv`, `candidates.csv` and `alias_suggestions.csv`.
    pub actor_tables: ActorTables,
}

impl Results {
    /// `count / terms` of the row's article.
    pub fn term_frequency(&self, row: &TermRow) -> f64 {
        let terms = self
            .articles
            .get(row.article_id as usize - 1)
            .map_or(1, |a| a.terms.max(1));
        f64::from(row.count) / f64::from(terms)
    }

    /// The idf ([`crate::keywords::idf`] over the articles of the run) of every term of
    /// [`Results::corpus_terms`], in its order: a row's TF-IDF is its frequency times its
    /// term's idf.
    pub fn term_idfs(&self) -> Vec<f64> {
        let n = self.articles.len();
        self.corpus_terms
            .iter()
            .map(|t| idf(n, t.articles))
            .collect()
    }

    /// Builds every table from the analysed articles (in corpus order; their metadata moves
    /// into `articles.csv`'s rows), what their analyses kept (`analyses`, in the same order)
    /// and parked in `spill`, the merged term table and the phrase document frequencies.
    /// Parked parts are read back one article at a time on each worker.
    pub fn build(
        articles: Vec<Article>,
        analyses: &[ParkedAnalysis],
        spill: &AnalysisSpill,
        table: TermTable,
        phrases: &PhraseFrequencies,
        dictionary: &ActorDictionary,
        top_keywords: usize,
    ) -> anyhow::Result<Results> {
        // The vocabulary, in `corpus_terms.csv` order, and each key's row in it.
        let mut vocabulary: Vec<(u64, TermStats)> = table.into_terms();
        vocabulary.par_sort_unstable_by(|a, b| {
            b.1.count
                .cmp(&a.1.count)
                .then_with(|| a.1.stem.cmp(&b.1.stem))
        });
        let row_of: FxHashMap<u64, u32> = vocabulary
            .iter()
            .enumerate()
            .map(|(i, (key, _))| (*key, i as u32))
            .collect();
        // The rows take the statistics apart: stems are moved, not copied, and the rest is
        // freed on the workers.
        let corpus_terms: Vec<CorpusTermRow> = vocabulary
            .into_par_iter()
            .map(|(_, s)| CorpusTermRow {
                word: keywords::most_frequent(s.forms.iter().map(|(f, w)| (f.as_str(), *w)))
                    .to_string(),
                term: s.stem,
                count: s.count,
                articles: s.articles,
            })
            .collect();

        // The actor tables need only the actor facts: they are built while the rows are made.
        let facts: Vec<&ArticleActors> = analyses.iter().map(|a| &a.actors).collect();
        let (actor_tables, rows) = rayon::join(
            || actor_tables(&facts, dictionary),
            || Self::rows(analyses, spill, &row_of, phrases, dictionary, top_keywords),
        );
        let (term_rows, keyword_rows, actor_rows_all, per_article, first_examples) = rows?;

        let mut totals: Vec<u32> = vec![0; dictionary.actors.len()];
        for per_actor in &per_article {
            for &(actor, m) in per_actor {
                if let Some(t) = totals.get_mut(actor) {
                    *t += m;
                }
            }
        }
        let mut matrix_ids: Vec<usize> = (0..totals.len()).filter(|&a| totals[a] > 0).collect();
        matrix_ids.sort_by(|a, b| {
            totals[*b]
                .cmp(&totals[*a])
                .then_with(|| dictionary.actors[*a].name.cmp(&dictionary.actors[*b].name))
        });
        // Each mentioned actor's column in the matrix.
        let mut column_of: Vec<usize> = vec![usize::MAX; totals.len()];
        for (j, &a) in matrix_ids.iter().enumerate() {
            column_of[a] = j;
        }
        let matrix = per_article
            .iter()
            .map(|per_actor| {
                let mut row = vec![0; matrix_ids.len()];
                for &(actor, m) in per_actor {
                    if let Some(cell) = column_of.get(actor).and_then(|&j| row.get_mut(j)) {
                        *cell = m;
                    }
                }
                row
            })
            .collect();

        let results = Results {
            articles: articles
                .into_iter()
                .zip(analyses)
                .enumerate()
                .map(|(i, (article, a))| ArticleRow {
                    article_id: i as u32 + 1,
                    source: article.source,
                    title: article.title,
                    section: article.section,
                    author: article.author,
                    published: article.published,
                    url: article.url,
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
            actor_tables: actor_tables.with_examples(first_examples),
            terms: term_rows,
            keywords: keyword_rows,
            actors: actor_rows_all,
            ..Results::default()
        };
        Ok(results)
    }

    /// The rows of `terms.csv`, `keywords.csv` and `actors.csv`, each article's mentions per
    /// actor, and each unmatched name's first example, from the articles and their parked
    /// parts. Rows are made a batch of articles at a time, each batch shared out among the
    /// workers and appended to tables reserved at their exact size: a batch's rows are the only
    /// copy ever held twice.
    fn rows<'a>(
        articles: &'a [ParkedAnalysis],
        spill: &AnalysisSpill,
        row_of: &FxHashMap<u64, u32>,
        phrases: &PhraseFrequencies,
        dictionary: &ActorDictionary,
        top_keywords: usize,
    ) -> anyhow::Result<AllRows<'a>> {
        let n = articles.len();
        let total_terms = articles.iter().map(|a| a.term_rows as usize).sum();
        let mut term_rows: Vec<TermRow> = Vec::with_capacity(total_terms);
        let mut keyword_rows: Vec<KeywordRow> = Vec::with_capacity(n * top_keywords);
        let mut actor_rows_all: Vec<ActorRow> = Vec::new();
        let mut per_article: Vec<Vec<(usize, u32)>> = Vec::with_capacity(n);
        let mut first_examples: FxHashMap<&str, (u32, Box<str>)> = FxHashMap::default();
        for (b, batch) in articles.chunks(ROWS_BATCH).enumerate() {
            let rows: Vec<ArticleRows> = batch
                .par_iter()
                .with_max_len(ROWS_PER_JOB)
                .enumerate()
                .map(|(j, a)| -> anyhow::Result<ArticleRows> {
                    let id = (b * ROWS_BATCH + j) as u32 + 1;
                    let parts = spill.load(a)?;
                    let mut terms: Vec<TermRow> = parts
                        .term_counts
                        .iter()
                        .map(|&(key, count)| TermRow {
                            article_id: id,
                            term: row_of[&key],
                            count,
                        })
                        .collect();
                    // Ties in count go to the term that is more frequent in the corpus.
                    terms.sort_unstable_by(|a, b| b.count.cmp(&a.count).then(a.term.cmp(&b.term)));
                    let keywords = super::rank_article(&parts.candidates, phrases, n, top_keywords)
                        .into_iter()
                        .enumerate()
                        .map(|(r, k)| KeywordRow {
                            article_id: id,
                            rank: r as u32 + 1,
                            keyword: k.text,
                            score: k.score,
                        })
                        .collect();
                    let (actors, per_actor) = actor_rows(id, &a.actors.mentions, dictionary);
                    Ok((terms, keywords, actors, per_actor, parts.name_examples))
                })
                .collect::<anyhow::Result<_>>()?;
            for (j, (terms, keywords, actors, per_actor, examples)) in rows.into_iter().enumerate()
            {
                term_rows.extend(terms);
                keyword_rows.extend(keywords);
                actor_rows_all.extend(actors);
                per_article.push(per_actor);
                // Corpus order: the first example of each name is the one `candidates.csv` shows.
                let i = b * ROWS_BATCH + j;
                for (c, example) in articles[i].actors.candidates.iter().zip(examples) {
                    if !example.is_empty() {
                        first_examples
                            .entry(&c.text)
                            .or_insert((i as u32 + 1, example));
                    }
                }
            }
        }
        Ok((
            term_rows,
            keyword_rows,
            actor_rows_all,
            per_article,
            first_examples,
        ))
    }
}
