//! Counting: per-article analysis (run in parallel) and its reduction over the corpus.

pub mod article;
pub mod corpus;

pub use article::{analyze_article, ArticleAnalysis, TermCount};
pub use corpus::{CorpusStats, Results};
