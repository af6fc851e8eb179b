//! The validated settings of a run, built once from the command line (or by a library user).

use crate::actors::AliasKind;
use std::path::PathBuf;

/// Everything a run needs to know.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Directory read recursively for corpus files.
    pub input: PathBuf,
    /// Directory the tables and charts are written to (created if missing).
    pub output: PathBuf,
    /// Keywords kept per article.
    pub keywords: usize,
    /// Words shown in the top-terms chart.
    pub top_terms: usize,
    /// User actor dictionaries, applied in order over the built-in one.
    pub actor_files: Vec<PathBuf>,
    /// Whether the built-in actor dictionary is used.
    pub built_in_actors: bool,
    /// Whether actors are analysed at all (`--no-actors` turns matching, discovery and
    /// suggestions off; the actor tables are then empty).
    pub actors: bool,
    /// Alias kinds that count as mentions.
    pub alias_kinds: Vec<AliasKind>,
    /// Whether a demonym in a person's title (`Kazakh President Tokayev`) counts as a mention
    /// of its country (when demonyms count at all).
    pub demonyms_in_titles: bool,
    /// Whether confident alias suggestions are merged into the counts (`--auto-aliases`).
    pub auto_aliases: bool,
    /// Worker threads; `None` uses one per core.
    pub threads: Option<usize>,
    /// Whether PNG charts are drawn.
    pub charts: bool,
    /// Whether text cells from the corpus are neutralised against spreadsheet formulas.
    pub formula_guard: bool,
    /// Bytes read from one file at most, after decompression.
    pub max_file_size: u64,
    /// Topics fit over the corpus (0: none); see [`crate::topics`].
    pub topics: usize,
    /// Record field names chosen by the user (JSON Lines, CSV, TSV).
    pub fields: crate::corpus::records::FieldNames,
    /// Whether `articles.jsonl` (every article's analysed text) is written.
    pub texts: bool,
    /// Period of the trend buckets; `None` chooses from the span of the dates.
    pub period: Option<crate::analysis::trends::Period>,
    /// Whether CSV files start with a UTF-8 byte-order mark (for spreadsheets).
    pub bom: bool,
    /// Whether every table is also written as Parquet.
    pub parquet: bool,
    /// The command line that started the run, for the manifest (empty for a library call).
    pub command_line: Vec<String>,
    /// Bytes of per-article results waiting for the corpus counts (term counts, keyword
    /// candidates) that may be kept in memory. They are when all of them should fit (about ten
    /// bytes per byte of corpus); otherwise they all wait in a temporary file in the output
    /// directory, so a large corpus spends no memory on them. Results do not depend on it.
    pub results_in_memory: usize,
}

impl Config {
    /// The defaults for reading `input` and writing `output`.
    pub fn new(input: impl Into<PathBuf>, output: impl Into<PathBuf>) -> Config {
        Config {
            input: input.into(),
            output: output.into(),
            keywords: 10,
            top_terms: 20,
            actor_files: Vec::new(),
            built_in_actors: true,
            actors: true,
            alias_kinds: AliasKind::DEFAULT.to_vec(),
            demonyms_in_titles: false,
            auto_aliases: false,
            threads: None,
            charts: true,
            formula_guard: true,
            max_file_size: crate::corpus::read::DEFAULT_MAX_BYTES,
            fields: crate::corpus::records::FieldNames::default(),
            topics: crate::topics::DEFAULT_TOPICS,
            texts: true,
            period: None,
            bom: true,
            parquet: false,
            command_line: Vec::new(),
            results_in_memory: crate::analysis::spill::IN_MEMORY_UP_TO,
        }
    }
}
