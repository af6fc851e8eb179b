//! Criterion benchmarks of the newslens analysis chain, stage by stage and end to end.
//!
//! Run them all with `cargo bench --bench pipeline` (release profile), or a few by name with
//! `cargo bench --bench pipeline -- tokenize analyze`. Every benchmark but `bbc_corpus` works on
//! the committed seed page `input/central-asia-kazakhstan-page.txt` (a scraped "Central Asia"
//! page holding four articles plus the site's furniture):
//!
//! * `tokenize` — [`Tokenizer::tokenize`] on the normalised page text (each line normalised,
//!   paragraphs joined by blank lines, as in `Article::text`); throughput in input bytes.
//! * `analyze` — [`Analyzer::analyze`] (tokenize → lower-case → stop words → stem) on the same
//!   text, with one analyzer reused across iterations as a rayon worker does (warm stem cache);
//!   throughput in input bytes.
//! * `split` — [`ArticleSplitter::split`] (default splitter, no corpus markers) on the raw page;
//!   throughput in raw page bytes.
//! * `actors` — [`ActorMatcher::find`] with the built-in dictionary and the default alias kinds
//!   on the normalised page text (the automaton is built once, outside the measurement);
//!   throughput in input bytes.
//! * `article` — [`analyze_article`] (term counts, keyword candidates, actor mentions) on every
//!   article the splitter cuts from the seed page; throughput in article text bytes.
//! * `bbc_corpus` — the whole [`pipeline::run`] (discovery, two passes, reduction, CSV tables,
//!   no charts) on `../shared/corpora/bbc` (2,225 BBC News articles, about 5 MB), writing to a
//!   temporary directory, 10 samples (flat sampling); throughput in corpus bytes on disk.
//!   Skipped with a message when that folder is absent.

use criterion::{black_box, criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use newslens::actors::{ActorDictionary, ActorMatcher, AliasKind};
use newslens::analysis::{analyze_article, LocalTerms};
use newslens::pipeline::{self, NoProgress};
use newslens::split::ArticleSplitter;
use newslens::text::tokenizer::Tokenizer;
use newslens::text::{normalize, Analyzer};
use newslens::Config;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The seed page, relative to the crate root.
const SEED_PAGE: &str = "input/central-asia-kazakhstan-page.txt";
/// The BBC corpus, relative to the crate root.
const BBC_CORPUS: &str = "../shared/corpora/bbc";
/// The source name given to the splitter for the seed page.
const SEED_SOURCE: &str = "central-asia/central-asia-kazakhstan-page.txt";

fn crate_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The raw seed page, as read from disk.
fn seed_page() -> String {
    let path = crate_path(SEED_PAGE);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the seed page {}: {e}", path.display()))
}

/// The seed page normalised line by line, non-empty lines joined by blank lines.
fn normalised(page: &str) -> String {
    page.lines()
        .map(normalize)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn seed_benches(c: &mut Criterion) {
    let page = seed_page();
    let text = normalised(&page);
    let text_bytes = Throughput::Bytes(text.len() as u64);

    let mut group = c.benchmark_group("tokenize");
    group.throughput(text_bytes.clone());
    let tokenizer = Tokenizer::default();
    let mut tokens = Vec::new();
    group.bench_function("seed_page", |b| {
        b.iter(|| {
            tokenizer.tokenize(black_box(&text), &mut tokens);
            tokens.len()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("analyze");
    group.throughput(text_bytes.clone());
    let mut analyzer = Analyzer::english();
    group.bench_function("seed_page", |b| {
        b.iter(|| analyzer.analyze(black_box(&text)).len())
    });
    group.finish();

    let mut group = c.benchmark_group("split");
    group.throughput(Throughput::Bytes(page.len() as u64));
    let splitter = ArticleSplitter::default();
    group.bench_function("seed_page", |b| {
        b.iter(|| splitter.split(SEED_SOURCE, black_box(&page)))
    });
    group.finish();

    let dictionary = ActorDictionary::built_in();
    let matcher = ActorMatcher::new(&dictionary, &AliasKind::DEFAULT)
        .expect("the built-in dictionary builds a matcher");
    let mut group = c.benchmark_group("actors");
    group.throughput(text_bytes);
    group.bench_function("seed_page", |b| b.iter(|| matcher.find(black_box(&text))));
    group.finish();

    let articles = splitter.split(SEED_SOURCE, &page);
    assert!(!articles.is_empty(), "the seed page gives no article");
    let article_bytes: usize = articles.iter().map(|a| a.text().len()).sum();
    let mut group = c.benchmark_group("article");
    group.throughput(Throughput::Bytes(article_bytes as u64));
    let mut analyzer = Analyzer::english();
    group.bench_function("seed_articles", |b| {
        b.iter(|| {
            let mut table = LocalTerms::default();
            articles
                .iter()
                .map(|a| analyze_article(black_box(a), &mut analyzer, &matcher, &mut table))
                .collect::<Vec<_>>()
        })
    });
    group.finish();
}

/// Bytes on disk of every file under `dir`, recursively.
fn tree_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => tree_bytes(&e.path()),
            Ok(t) if t.is_file() => e.metadata().map_or(0, |m| m.len()),
            _ => 0,
        })
        .sum()
}

fn bbc_corpus(c: &mut Criterion) {
    let corpus = crate_path(BBC_CORPUS);
    if !corpus.is_dir() {
        eprintln!(
            "skipping bbc_corpus: {BBC_CORPUS} not found (looked for {})",
            corpus.display()
        );
        return;
    }
    let out = tempfile::tempdir().expect("cannot create a temporary output directory");
    let mut config = Config::new(&corpus, out.path());
    config.charts = false;

    let mut group = c.benchmark_group("bbc_corpus");
    // A run takes seconds: flat sampling, 10 samples of one run each at the least.
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(tree_bytes(&corpus)));
    group.bench_function("full_run", |b| {
        b.iter(|| {
            pipeline::run(black_box(&config), &NoProgress)
                .expect("the pipeline runs on the BBC corpus")
                .articles
        })
    });
    group.finish();
}

criterion_group! {
    name = seed;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = seed_benches
}
criterion_group! {
    name = corpus;
    config = Criterion::default().warm_up_time(Duration::from_secs(2));
    targets = bbc_corpus
}
criterion_main!(seed, corpus);
