//! Criterion benchmarks of keywords and topics on the BBC corpus (`../shared/corpora/bbc`,
//! 2,225 articles); skipped with a message when that folder is absent.
//!
//! Run with `cargo bench --bench keywords_topics`:
//!
//! * `bbc_keywords` — [`newslens::analysis::article_keywords`] (top 10) on every article,
//!   already in memory (each `.txt` file one article whose first line is its title):
//!   tokenising, stop words, stemming, candidates, phrase document frequencies, ranking.
//! * `bbc_topics` — [`newslens::topics::from_results`] with the default number of topics on the
//!   term counts of one run over the corpus (the run itself is outside the measurement):
//!   vocabulary, TF-IDF matrix, NMF, coherence.
//!
//! `examples/time_keywords_topics.rs` reports the same two measurements in CPU time.

use criterion::{black_box, criterion_group, criterion_main, Criterion, SamplingMode};
use newslens::Article;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The BBC corpus, relative to the crate root.
const BBC_CORPUS: &str = "../shared/corpora/bbc";

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(BBC_CORPUS);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipping the keyword and topic benchmarks: {} not found",
            dir.display()
        );
        None
    }
}

/// Every `.txt` file under `dir`, in path order, as one article each.
fn read_articles(dir: &Path) -> Vec<Article> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt"))
        .filter_map(|e| std::fs::read(e.path()).ok())
        .map(|bytes| Article::from_plain_text(&String::from_utf8_lossy(&bytes)))
        .collect()
}

fn keywords_and_topics(c: &mut Criterion) {
    let Some(dir) = corpus_dir() else {
        return;
    };
    let articles = read_articles(&dir);
    let out = std::env::temp_dir().join(format!("newslens-bench-topics-{}", std::process::id()));
    let mut config = newslens::Config::new(&dir, &out);
    config.charts = false;
    config.topics = 0;
    let results = newslens::run(&config, &newslens::NoProgress)
        .unwrap_or_else(|e| panic!("cannot analyse {}: {e:#}", dir.display()))
        .results;
    std::fs::remove_dir_all(&out).ok();

    let mut group = c.benchmark_group("bbc");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("keywords", |b| {
        b.iter(|| black_box(newslens::analysis::article_keywords(&articles, 10)))
    });
    group.bench_function("topics", |b| {
        b.iter(|| {
            black_box(newslens::topics::from_results(
                &results,
                newslens::topics::DEFAULT_TOPICS,
            ))
        })
    });
    group.finish();
}

criterion_group!(benches, keywords_and_topics);
criterion_main!(benches);
