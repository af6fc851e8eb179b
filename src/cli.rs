//! The command line: flags parsed with clap and validated into a [`newslens::Config`].

use clap::Parser;
use newslens::actors::AliasKind;
use newslens::Config;
use std::path::PathBuf;

/// Text analytics for news corpora: splits scraped pages into articles and writes term,
/// keyword and actor-mention tables (CSV) and charts (PNG).
#[derive(Debug, Parser)]
#[command(name = "newslens", version, about, long_about = None)]
pub struct Args {
    /// Directory of corpus files (.txt, .text, .md), read recursively.
    #[arg(default_value = "input")]
    pub input: PathBuf,

    /// Directory the tables and charts are written to (created if missing).
    #[arg(short, long, default_value = "output")]
    pub output: PathBuf,

    /// Keywords kept per article.
    #[arg(short = 'k', long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub keywords: u32,

    /// Words shown in the top-terms chart.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=200))]
    pub top_terms: u32,

    /// Actor dictionary (TOML) extending the built-in one; an actor of the same name replaces
    /// the built-in one. May be given several times.
    #[arg(long = "actors", value_name = "FILE")]
    pub actors: Vec<PathBuf>,

    /// Use only the --actors files, not the built-in dictionary.
    #[arg(long)]
    pub no_default_actors: bool,

    /// Alias kinds that count as mentions, comma-separated, from: name, surname, acronym,
    /// demonym, capital.
    #[arg(long, value_delimiter = ',', default_value = "name,surname,acronym")]
    pub alias_kinds: Vec<String>,

    /// Worker threads (default: one per core). Results are the same for any number.
    #[arg(short = 'j', long, value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub threads: Option<u32>,

    /// Write the tables only, no PNG charts.
    #[arg(long)]
    pub no_charts: bool,

    /// Print no progress bar and no summary; warnings and errors are still printed.
    #[arg(short, long)]
    pub quiet: bool,
}

impl Args {
    /// Validates the flags into a library configuration.
    pub fn into_config(self) -> anyhow::Result<Config> {
        let mut config = Config::new(self.input, self.output);
        config.keywords = self.keywords as usize;
        config.top_terms = self.top_terms as usize;
        config.actor_files = self.actors;
        config.built_in_actors = !self.no_default_actors;
        config.threads = self.threads.map(|n| n as usize);
        config.charts = !self.no_charts;
        let mut kinds = Vec::new();
        for k in &self.alias_kinds {
            let k = k.trim();
            match AliasKind::parse(k) {
                Some(kind) if !kinds.contains(&kind) => kinds.push(kind),
                Some(_) => {}
                None => anyhow::bail!(
                    "unknown alias kind \"{k}\" in --alias-kinds (expected name, surname, acronym, demonym or capital)"
                ),
            }
        }
        config.alias_kinds = kinds;
        Ok(config)
    }
}
