//! Counting: per-article analysis (run in parallel) and its reduction over the corpus.

pub mod article;
pub mod corpus;

pub use article::{analyze_article, ArticleAnalysis};
pub use corpus::{PhraseFrequencies, Results, TermTable};
