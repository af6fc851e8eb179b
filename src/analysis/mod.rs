//! Counting: per-article analysis (run in parallel) and its reduction over the corpus.

pub mod actor_tables;
pub mod article;
pub mod article_keywords;
pub mod corpus;
pub mod local_terms;
pub mod spill;
pub mod trends;

pub use actor_tables::{ActorRow, ActorTables, CoMentionRow, MentionRow};
pub use article::{analyze_article, analyze_article_with, ArticleAnalysis, ArticleScratch};
pub use article_keywords::{article_keywords, rank_article};
pub use corpus::{FileRow, PhraseFrequencies, Results, TermTable};
pub use local_terms::LocalTerms;
pub use spill::{AnalysisSpill, ParkedAnalysis};
