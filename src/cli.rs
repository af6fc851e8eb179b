//! The command line: flags parsed with clap and validated into a [`newslens::Config`].

pub mod actors;

use clap::Parser;
use newslens::actors::AliasKind;
use newslens::analysis::trends::Period;
use newslens::Config;
use std::path::PathBuf;

/// Text analytics for news corpora: splits scraped pages into articles and writes term,
/// keyword and actor-mention tables (CSV) and charts (PNG).
#[derive(Debug, Parser)]
#[command(
    name = "newslens",
    version,
    about,
    long_about = None,
    after_help = "Print the actor dictionary with: newslens actors --list [--actors FILE]"
)]
pub struct Args {
    /// Directory of corpus files, read recursively: text pages (.txt, .text, .md), HTML pages
    /// (.html, .htm), JSON Lines (.jsonl, .ndjson), CSV (.csv) and TSV (.tsv), each also
    /// gzip-compressed (.gz)
    #[arg(default_value = "input")]
    pub input: PathBuf,

    /// Directory the tables and charts are written to (created if missing).
    #[arg(short, long, default_value = "output")]
    pub output: PathBuf,

    /// Keywords kept per article.
    #[arg(short = 'k', long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub keywords: u32,

    /// Topics fit over the corpus (NMF on TF-IDF, fixed seed); 0 turns topics off. A corpus of
    /// fewer than three articles per topic gets none.
    #[arg(long, default_value_t = newslens::topics::DEFAULT_TOPICS as u32, value_parser = clap::value_parser!(u32).range(0..=100))]
    pub topics: u32,

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

    /// No actor analysis at all (no alias matching, no discovery of unmatched names, no alias
    /// suggestions): the actor tables are written with their header only and the actor charts
    /// are empty. For term and keyword work only: about a third less CPU time.
    #[arg(long, conflicts_with_all = ["actors", "auto_aliases", "no_default_actors"])]
    pub no_actors: bool,

    /// Alias kinds that count as mentions, comma-separated, from: name, surname, acronym,
    /// demonym, capital.
    #[arg(long, value_delimiter = ',', default_value = "name,surname,acronym")]
    pub alias_kinds: Vec<String>,

    /// Count a demonym in a person's title (the "Kazakh" of "Kazakh President Tokayev") as a
    /// mention of its country, when demonyms are counted (--alias-kinds).
    #[arg(long)]
    pub demonyms_in_titles: bool,

    /// Merge confident alias suggestions (transliterations of known names, surnames of people
    /// named in full in the same articles, acronyms introduced by a known name) into the
    /// counts; alias_suggestions.csv marks them applied=true and mentions.csv auto_alias=true.
    #[arg(long)]
    pub auto_aliases: bool,

    /// Worker threads (default: one per core). Results are the same for any number.
    #[arg(short = 'j', long, value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub threads: Option<u32>,

    /// Write the tables only, no PNG charts.
    #[arg(long)]
    pub no_charts: bool,

    /// Print no progress bar and no summary; warnings and errors are still printed.
    #[arg(short, long)]
    pub quiet: bool,

    /// Largest file read, after decompression (a guard against zip bombs); a number of bytes
    /// with an optional K, M or G suffix.
    #[arg(long, default_value = "1G", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Leave cells that start with =, +, -, @, tab or carriage return as they are in the CSV
    /// tables (by default they get a leading ' so spreadsheets do not run them as formulas).
    #[arg(long)]
    pub no_formula_guard: bool,

    /// Field (JSON Lines) or column (CSV, TSV) holding the article text [default: the first of
    /// text, body, content, article, articleBody, maintext, story].
    #[arg(long, value_name = "NAME")]
    pub text_field: Option<String>,

    /// Field or column holding the title [default: title, headline or name].
    #[arg(long, value_name = "NAME")]
    pub title_field: Option<String>,

    /// Field or column holding the publication date [default: date, published, pubdate,
    /// published_at, publish_date, datePublished, date_publish or time].
    #[arg(long, value_name = "NAME")]
    pub date_field: Option<String>,

    /// Field or column holding the article's address [default: url, link or source_url].
    #[arg(long, value_name = "NAME")]
    pub url_field: Option<String>,

    /// Field or column holding the author [default: author, authors, byline or creator].
    #[arg(long, value_name = "NAME")]
    pub author_field: Option<String>,

    /// Do not write articles.jsonl (every article's analysed text), for huge corpora.
    #[arg(long)]
    pub no_texts: bool,

    /// Period of the trends over time: day, week or month [default: chosen from the span of the
    /// publication dates: day up to 62 days, week up to two years, month beyond].
    #[arg(long, value_name = "PERIOD", value_parser = parse_period)]
    pub period: Option<Period>,

    /// Write CSV files without the UTF-8 byte-order mark (spreadsheets need it to show accents;
    /// pipelines may not want it).
    #[arg(long)]
    pub no_bom: bool,

    /// Also write every table as Parquet (typed columns: integers, decimals, dates).
    #[arg(long)]
    pub parquet: bool,
}

/// Parses `--period`.
fn parse_period(s: &str) -> Result<Period, String> {
    Period::parse(s).ok_or_else(|| format!("\"{s}\" is not a period (use day, week or month)"))
}

/// Parses a size such as `4096`, `512K`, `200M` or `1G` (powers of 1024).
fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, unit) = match s.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => (&s[..i], s[i..].trim().to_ascii_uppercase()),
        None => (s, String::new()),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("\"{s}\" is not a size (examples: 4096, 512K, 200M, 1G)"))?;
    let factor: u64 = match unit.trim_end_matches('B') {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        _ => return Err(format!("\"{s}\" has an unknown unit (use K, M or G)")),
    };
    n.checked_mul(factor)
        .filter(|&v| v > 0)
        .ok_or_else(|| format!("\"{s}\" is not a usable size"))
}

impl Args {
    /// Validates the flags into a library configuration.
    pub fn into_config(self) -> anyhow::Result<Config> {
        let mut config = Config::new(self.input, self.output);
        config.keywords = self.keywords as usize;
        config.top_terms = self.top_terms as usize;
        config.topics = self.topics as usize;
        config.actor_files = self.actors;
        config.built_in_actors = !self.no_default_actors;
        config.actors = !self.no_actors;
        config.demonyms_in_titles = self.demonyms_in_titles;
        config.auto_aliases = self.auto_aliases;
        config.threads = self.threads.map(|n| n as usize);
        config.charts = !self.no_charts;
        config.formula_guard = !self.no_formula_guard;
        config.max_file_size = self.max_file_size;
        config.texts = !self.no_texts;
        config.period = self.period;
        config.bom = !self.no_bom;
        config.parquet = self.parquet;
        config.command_line = std::env::args().collect();
        config.fields = newslens::corpus::records::FieldNames {
            text: self.text_field,
            title: self.title_field,
            date: self.date_field,
            url: self.url_field,
            author: self.author_field,
            ..Default::default()
        };
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
