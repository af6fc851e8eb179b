//! Counting: per-article analysis (run in parallel) and its reduction over the corpus.

pub mod article;
pub mod corpus;
pub mod local_terms;

pub use article::{analyze_article, ArticleAnalysis};
pub use corpus::{FileRow, PhraseFrequencies, Results, TermTable};
pub use local_terms::LocalTerms;
