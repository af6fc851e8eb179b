//! newslens: text analytics for news corpora. Reads a directory of scraped news pages, splits
//! them into articles, counts terms, keywords and actor mentions in parallel, and writes CSV
//! tables and PNG charts.
//!
//! The library runs without the command-line interface: build a [`Config`] and call
//! [`pipeline::run`].

pub mod actors;
pub mod analysis;
pub mod article;
pub mod config;
pub mod corpus;
pub mod keywords;
mod lock;
pub mod pipeline;
pub mod report;
pub mod split;
pub mod text;
pub mod topics;

pub use article::Article;
pub use config::Config;
pub use pipeline::{run, NoProgress, Progress, RunSummary};
