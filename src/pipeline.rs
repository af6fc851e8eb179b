//! The run: read the corpus, split pages into articles, analyse them in parallel, reduce the
//! counts, and write tables and charts.
//!
//! The corpus is streamed twice: a first pass learns the short lines that recur across pages
//! (see [`crate::split`]), reading each file as soon as the walk of the input directory finds
//! it; a second splits and analyses. Texts are kept between the passes up to a budget
//! ([`KEEP_TEXTS_UP_TO`]), which a corpus of some hundred megabytes fits whole; files read
//! once it is spent are read again. Every file's failure is recorded and the run goes on.
//!
//! Beyond the kept texts, memory holds at most one copy of a file's text: a text kept from pass 1
//! is freed once parsed; a file of many records is analysed [`ARTICLES_PER_BATCH`] articles at
//! a time, each batch's texts written to `articles.jsonl` and freed before the next; each
//! article's term counts and keyword candidates, which wait for the corpus's frequencies, are
//! parked as soon as it is analysed (on disk, unless the whole corpus's fit in a small memory
//! budget; see [`crate::analysis::spill`]) and read back one article at a time when the tables
//! are built. What stays per article is its metadata, word
//! counts and actor facts; the tables themselves (`terms.csv` is written a slice at a time)
//! are the rest.

use crate::actors::suggestions::{self, Suggestion};
use crate::actors::{ActorDictionary, ActorMatcher};
use crate::analysis::FileRow;
use crate::analysis::{
    analyze_article_with, AnalysisSpill, ArticleScratch, LocalTerms, ParkedAnalysis,
    PhraseFrequencies, Results, TermTable,
};
use crate::article::Article;
use crate::config::Config;
use crate::corpus::{self, Format, InputFile};
use crate::lock::lock;
use crate::report;
use crate::report::texts::TextParts;
use crate::split::{ArticleSplitter, CorpusMarkers};
use crate::text::Analyzer;
use anyhow::{bail, Context};
use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

/// Articles in one file above which they are analysed in parallel.
const PARALLEL_ARTICLES: usize = 64;

/// Bytes of parked per-article results per byte of corpus, about (8.2 measured on BBC
/// stories: a 30 MB JSON Lines file parked 246 MB; 4.8 on the BBC corpus since chance
/// sequences are no longer parked, against 7.3 before); with a margin.
const PARKED_BYTES_PER_CORPUS_BYTE: u64 = 10;

/// Articles of one file analysed (and their texts written and freed) at a time.
const ARTICLES_PER_BATCH: usize = 4096;

/// Bytes of decoded text kept in memory between the two passes (the first files read, until
/// the budget is spent); the texts of the other files are read again in pass 2.
pub const KEEP_TEXTS_UP_TO: u64 = 256 * 1024 * 1024;

/// Receives progress while files are analysed; implemented by the command-line progress bar.
pub trait Progress: Sync {
    /// The number of files to analyse is known.
    fn start(&self, files: u64);
    /// One more file is done.
    fn advance(&self);
    /// Analysis is over.
    fn finish(&self);
}

/// Progress that goes nowhere.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: u64) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

/// A file that was not analysed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedFile {
    /// Path relative to the input directory.
    pub path: String,
    /// Why it was skipped.
    pub reason: String,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct RunSummary {
    /// Files analysed.
    pub files_read: usize,
    /// Files not analysed.
    pub skipped: Vec<SkippedFile>,
    /// Files read in part (some records could not be read).
    pub partial: usize,
    /// Records that could not be read, as `file:line: reason`.
    pub warnings: Vec<String>,
    /// Articles found.
    pub articles: usize,
    /// Word tokens in all articles.
    pub words: u64,
    /// Actor mentions found.
    pub mentions: u64,
    /// Files written, relative to the output directory.
    pub outputs: Vec<String>,
    /// Time spent reading and analysing (charts and tables excluded).
    pub analysis_time: Duration,
    /// Time spent writing tables and charts.
    pub report_time: Duration,
    /// When the run started.
    pub started_at: Option<SystemTime>,
    /// Time spent in each stage before the report: `read` (pass 1), `analyse` (pass 2),
    /// `reduce` (corpus tables).
    pub stages: Vec<(&'static str, Duration)>,
    /// The tables of the run.
    pub results: Results,
}

/// Runs the whole pipeline described by `config`.
pub fn run(config: &Config, progress: &dyn Progress) -> anyhow::Result<RunSummary> {
    let pool = {
        let mut b = rayon::ThreadPoolBuilder::new();
        if let Some(n) = config.threads {
            b = b.num_threads(n);
        }
        b.build().context("cannot start worker threads")?
    };
    pool.install(|| {
        if !config.auto_aliases {
            return run_in_pool(config, progress, None);
        }
        // `--auto-aliases`: a first pass finds the suggestions, the second counts with the
        // confident ones.
        let first = run_in_pool(config, progress, Some(AutoAliases::Discover))?;
        let suggestions = first.results.actor_tables.suggestions;
        run_in_pool(config, progress, Some(AutoAliases::Apply(suggestions)))
    })
}

/// The passes of a run with `--auto-aliases`.
enum AutoAliases {
    /// Find the alias suggestions; write nothing.
    Discover,
    /// Add the confident suggestions to the dictionary, count, and write.
    Apply(Vec<Suggestion>),
}

fn run_in_pool(
    config: &Config,
    progress: &dyn Progress,
    auto: Option<AutoAliases>,
) -> anyhow::Result<RunSummary> {
    let started = Instant::now();
    let started_at = SystemTime::now();
    let discovering = matches!(auto, Some(AutoAliases::Discover));
    if !config.input.is_dir() {
        bail!(
            "input directory {} does not exist or is not a directory",
            config.input.display()
        );
    }
    // (size on disk, SHA-256) of a file, hashed as it is read.
    type Digest = (u64, String);
    let load = |f: &InputFile| -> Result<(Format, &'static str, String, Digest), String> {
        let d =
            corpus::read_file(&f.path, f.gzip, config.max_file_size).map_err(|e| e.to_string())?;
        Ok((
            f.format.sniff(&d.text),
            d.encoding,
            d.text,
            (d.file_bytes, d.sha256),
        ))
    };
    // Hook: articles.jsonl is written per file while articles are analysed (see report::texts).
    let texts = if config.texts {
        Some(TextParts::create(&config.output)?)
    } else {
        None
    };
    // The actor dictionary is parsed and compiled while the corpus is found and read (pass 1:
    // every file read once, to learn the recurring short lines of the corpus's pages; texts
    // are kept for pass 2 only when the whole corpus is small).
    type Loaded = Result<(Format, &'static str, Option<String>, Digest), String>;
    let (actors, (found, first, markers, total_bytes)) = rayon::join(
        || -> anyhow::Result<(ActorDictionary, ActorMatcher, Option<Vec<Suggestion>>)> {
            if !config.actors {
                return Ok((ActorDictionary::default(), ActorMatcher::off(), None));
            }
            let mut dictionary = load_dictionary(config)?;
            let applied = match auto {
                Some(AutoAliases::Apply(mut suggestions)) => {
                    suggestions::apply(&mut dictionary, &mut suggestions);
                    Some(suggestions)
                }
                _ => None,
            };
            let matcher = ActorMatcher::new(&dictionary, &config.alias_kinds)?
                .with_demonyms_in_titles(config.demonyms_in_titles);
            Ok((dictionary, matcher, applied))
        },
        || {
            // Each file is read as soon as the walk finds it, on whichever worker is free.
            let loaded: Mutex<Vec<(InputFile, Loaded)>> = Mutex::new(Vec::new());
            // One set of observations per worker, taken for a file and put back.
            let observers: Mutex<Vec<CorpusMarkers>> = Mutex::new(Vec::new());
            let kept_bytes = AtomicU64::new(0);
            let mut found = rayon::scope(|scope| {
                let (loaded, observers, kept_bytes) = (&loaded, &observers, &kept_bytes);
                corpus::walk(&config.input, std::slice::from_ref(&config.output), |f| {
                    scope.spawn(move |_| {
                        let result = load(&f).map(|(format, encoding, text, digest)| {
                            if format == Format::Text {
                                let mut markers = lock(observers).pop().unwrap_or_default();
                                markers.observe_page(&text);
                                lock(observers).push(markers);
                            }
                            // Texts are kept for pass 2 up to a budget; the rest is read
                            // again.
                            let size = text.len() as u64;
                            let kept = kept_bytes.fetch_add(size, Ordering::Relaxed) + size;
                            (
                                format,
                                encoding,
                                (kept <= KEEP_TEXTS_UP_TO).then_some(text),
                                digest,
                            )
                        });
                        lock(loaded).push((f, result));
                    });
                })
            });
            let mut loaded = loaded.into_inner().unwrap_or_else(|e| e.into_inner());
            loaded.sort_by(|a, b| corpus::discover::by_path(&a.0, &b.0));
            let (files, first): (Vec<InputFile>, Vec<Loaded>) = loaded.into_iter().unzip();
            found.files = files;
            let total_bytes: u64 = (first.iter().flatten())
                .map(|(_, _, _, (bytes, _))| *bytes)
                .sum();
            let markers = (observers.into_inner().unwrap_or_else(|e| e.into_inner()))
                .into_iter()
                .fold(CorpusMarkers::default(), CorpusMarkers::merge);
            (found, first, markers, total_bytes)
        },
    );
    if found.files.is_empty() && found.errors.is_empty() && found.unsupported.is_empty() {
        bail!("no corpus files in {}", config.input.display());
    }
    let mut files: Vec<FileRow> = found
        .errors
        .iter()
        .chain(&found.unsupported)
        .map(|(path, reason)| FileRow {
            path: path.clone(),
            format: String::new(),
            encoding: String::new(),
            articles: 0,
            status: format!("skipped: {reason}"),
            bytes: 0,
            sha256: String::new(),
        })
        .collect();
    let read_time = started.elapsed();
    // Each article's term counts and keyword candidates wait for the corpus counts: in memory
    // when all of them should fit in the budget, else on disk.
    let in_memory = if total_bytes.saturating_mul(PARKED_BYTES_PER_CORPUS_BYTE)
        <= config.results_in_memory as u64
    {
        config.results_in_memory
    } else {
        0
    };
    let spill = AnalysisSpill::create(&config.output, in_memory)?;
    let splitter = ArticleSplitter::new(markers.markers());
    let (dictionary, matcher, applied) = actors?;
    // (file, format, encoding, text kept from pass 1, digest)
    let mut readable: Vec<(&InputFile, Format, &'static str, Option<String>, Digest)> = Vec::new();
    for (file, loaded) in found.files.iter().zip(first) {
        match loaded {
            Err(reason) => files.push(FileRow {
                path: file.relative.clone(),
                format: format_name(file.format, file.gzip),
                encoding: String::new(),
                articles: 0,
                status: format!("skipped: {reason}"),
                bytes: 0,
                sha256: String::new(),
            }),
            Ok((format, encoding, text, digest)) => {
                readable.push((file, format, encoding, text, digest))
            }
        }
    }

    // Pass 2: parse and analyse, results in corpus order. Each share of the files takes an
    // analyzer and its term statistics from the pool and returns them when done, so
    // vocabularies stay warm; there are never more pairs than threads.
    progress.start(readable.len() as u64);
    let pool = WorkerPool::default();
    // Shares of about a sixteenth of a worker's part: small enough that no worker waits long
    // for the last one, and cheap, since a share takes the worker state of one that has ended.
    let min_share = readable.len() / (rayon::current_num_threads() * 16) + 1;
    type FileResult = Result<(Vec<(Article, ParkedAnalysis)>, Vec<(usize, String)>), String>;
    let per_file: Vec<FileResult> = readable
        .par_iter_mut()
        .enumerate()
        .with_min_len(min_share)
        .map_init(
            || Worker::new(&pool),
            |worker, (index, (file, format, _, text, _))| {
                // The text kept from pass 1 is taken, and freed once parsed.
                let text = match text.take() {
                    Some(t) => t,
                    None => load(file)?.2,
                };
                let parsed =
                    corpus::parse::parse(&file.relative, *format, &text, &splitter, &config.fields);
                drop(text);
                progress.advance();
                let parsed = parsed.inspect_err(|_| {
                    if let Some(texts) = &texts {
                        texts.write_file(index, &mut []);
                    }
                })?;
                let analyse = |worker: &mut Worker, mut article: Article| {
                    let state = &mut worker.state;
                    let a = analyze_article_with(
                        &article,
                        &mut state.analyzer,
                        &matcher,
                        &mut state.terms,
                        &mut state.scratch,
                    );
                    state.phrases.add_article(&a.candidates);
                    if texts.is_none() {
                        article.paragraphs = Vec::new();
                    }
                    (article, spill.park(a))
                };
                // A file of many articles (a large JSON Lines or CSV file) is analysed a batch
                // at a time, each shared out among the workers; a batch's texts are written
                // and freed before the next starts.
                let total = parsed.articles.len();
                let mut out: Vec<(Article, ParkedAnalysis)> = Vec::with_capacity(total);
                let mut queue = parsed.articles.into_iter();
                loop {
                    let batch: Vec<Article> = queue.by_ref().take(ARTICLES_PER_BATCH).collect();
                    let mut done: Vec<(Article, ParkedAnalysis)> =
                        if batch.len() > PARALLEL_ARTICLES {
                            batch
                                .into_par_iter()
                                .with_min_len(PARALLEL_ARTICLES / 2)
                                .map_init(|| Worker::new(&pool), analyse)
                                .collect()
                        } else {
                            batch
                                .into_iter()
                                .map(|article| analyse(worker, article))
                                .collect()
                        };
                    let last = out.len() + done.len() == total;
                    if let Some(texts) = &texts {
                        texts.write_part(index, &mut done, last);
                    }
                    out.append(&mut done);
                    if last {
                        break;
                    }
                }
                Ok((out, parsed.bad))
            },
        )
        .collect();
    progress.finish();
    let analyse_time = started.elapsed() - read_time;

    let mut files_read = 0;
    let mut warnings = Vec::new();
    let mut articles = Vec::new();
    for ((file, format, encoding, _, (bytes, sha256)), result) in readable.iter().zip(per_file) {
        let mut row = FileRow {
            path: file.relative.clone(),
            format: format_name(*format, file.gzip),
            encoding: encoding.to_string(),
            articles: 0,
            status: "ok".to_string(),
            bytes: *bytes,
            sha256: sha256.clone(),
        };
        match result {
            Ok((a, bad)) => {
                files_read += 1;
                row.articles = a.len() as u32;
                if !bad.is_empty() {
                    row.status = format!("partial: {} bad records", bad.len());
                    warnings.extend(
                        bad.into_iter()
                            .map(|(line, reason)| format!("{}:{line}: {reason}", file.relative)),
                    );
                }
                articles.extend(a);
            }
            Err(reason) => row.status = format!("skipped: {reason}"),
        }
        files.push(row);
    }
    drop(readable);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let skipped: Vec<SkippedFile> = files
        .iter()
        .filter_map(|f| {
            f.status
                .strip_prefix("skipped: ")
                .map(|reason| SkippedFile {
                    path: f.path.clone(),
                    reason: reason.to_string(),
                })
        })
        .collect();
    let partial = files
        .iter()
        .filter(|f| f.status.starts_with("partial"))
        .count();

    spill.finish()?;
    // The template analyzer goes first: the stems its clones computed are freed with the last
    // clone, on a worker while the tables are merged (freed with the template at the end of the
    // run, they took the last 3.4 ms of a BBC run on one worker, `perf record`).
    let WorkerPool {
        states,
        analyzer: template,
    } = pool;
    drop(template);
    let states = states.into_inner().unwrap_or_else(|e| e.into_inner());
    let (terms, phrases): (Vec<_>, Vec<_>) = states
        .into_iter()
        .map(|s| ((s.analyzer, s.terms), s.phrases))
        .unzip();
    let (table, phrases) = rayon::join(
        || {
            TermTable::merge_all(
                terms
                    .into_par_iter()
                    .map(|(analyzer, terms)| terms.into_table(analyzer.vocabulary()))
                    .collect(),
            )
        },
        || PhraseFrequencies::merge_all(phrases),
    );
    let (articles, analyses): (Vec<Article>, Vec<ParkedAnalysis>) = articles.into_iter().unzip();
    let mut results = Results::build(
        articles,
        &analyses,
        &spill,
        table,
        &phrases,
        &dictionary,
        config.keywords,
    )?;
    results.files = files;
    if let Some(applied) = applied {
        results.actor_tables = std::mem::take(&mut results.actor_tables).with_applied(applied);
    }
    let article_count = analyses.len();
    let words = analyses.iter().map(|a| u64::from(a.words)).sum();
    let mentions = analyses
        .iter()
        .map(|a| a.actors.mentions.len() as u64)
        .sum();
    // The per-article analyses (actor facts above all) are not needed any more: free them
    // before the report's tables are built, so the two never take memory at once.
    drop(analyses);
    drop(phrases);
    drop(spill);
    results.topics = crate::topics::from_results(&results, config.topics);
    let analysis_time = started.elapsed();

    let report_started = Instant::now();
    let mut summary = RunSummary {
        files_read,
        skipped,
        partial,
        warnings,
        articles: article_count,
        words,
        mentions,
        outputs: Vec::new(),
        analysis_time,
        report_time: Duration::ZERO,
        started_at: Some(started_at),
        stages: vec![
            ("read", read_time),
            ("analyse", analyse_time),
            (
                "reduce",
                analysis_time.saturating_sub(read_time + analyse_time),
            ),
        ],
        results,
    };
    if !discovering {
        summary.outputs = report::write(&summary, config, texts)?;
    }
    summary.report_time = report_started.elapsed();
    Ok(summary)
}

/// What a worker carries from article to article.
#[derive(Default)]
struct WorkerState {
    /// Its analyzer.
    analyzer: Analyzer,
    /// The term statistics, numbered by the analyzer's vocabulary.
    terms: LocalTerms,
    /// The phrase document frequencies of the articles it analysed.
    phrases: PhraseFrequencies,
    /// The buffers of the per-article analysis.
    scratch: ArticleScratch,
}

/// The worker states not in use, and the analyzer new ones start from.
#[derive(Default)]
struct WorkerPool {
    states: Mutex<Vec<WorkerState>>,
    /// Cloned for each new worker state: the clones share the stems they compute (see
    /// [`crate::text::stemmer::StemFilter`]).
    analyzer: Analyzer,
}

/// A worker's state for one share of the files, taken from the pool and returned to it when
/// the share is done.
struct Worker<'a> {
    state: WorkerState,
    pool: &'a WorkerPool,
}

impl<'a> Worker<'a> {
    fn new(pool: &'a WorkerPool) -> Self {
        let state = lock(&pool.states).pop().unwrap_or_else(|| WorkerState {
            analyzer: pool.analyzer.clone(),
            ..WorkerState::default()
        });
        Worker { state, pool }
    }
}

impl Drop for Worker<'_> {
    fn drop(&mut self) {
        lock(&self.pool.states).push(std::mem::take(&mut self.state));
    }
}

/// A format's name in `files.csv`: `html`, or `html+gzip` for a compressed page.
fn format_name(format: Format, gzip: bool) -> String {
    if gzip {
        format!("{}+gzip", format.name())
    } else {
        format.name().to_string()
    }
}

/// The built-in dictionary, extended or replaced by the user's files.
fn load_dictionary(config: &Config) -> anyhow::Result<ActorDictionary> {
    let mut dictionary = if config.built_in_actors {
        ActorDictionary::built_in()
    } else {
        ActorDictionary::default()
    };
    for path in &config.actor_files {
        dictionary.extend(ActorDictionary::load(path)?);
    }
    Ok(dictionary)
}
