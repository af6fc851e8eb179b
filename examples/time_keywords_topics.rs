//! Times newslens's keywords and topics on a corpus, in CPU time and wall time, as
//! `scripts/compare-keywords-with-yake.sh` reports them next to YAKE's.
//!
//! ```sh
//! cargo run --release --example time_keywords_topics [DIR] [--threads N] [--runs R]
//! ```
//!
//! `DIR` (default `../shared/corpora/bbc`) is read recursively for `.txt` files, each one
//! article whose first line is its title (as YAKE is given them). Measured, best of `R` runs
//! (default 5), on `N` threads (default: one per core):
//! - **keywords**: [`newslens::analysis::article_keywords`] on the articles already in memory:
//!   tokenising, stop words, stemming, candidates, corpus phrase frequencies and ranking (top 10);
//! - **topics**: [`newslens::topics::from_results`] (vocabulary, TF-IDF matrix, NMF, coherence)
//!   on the term counts of a run over `DIR` (that run itself is not timed).
//!
//! CPU time is the process's user + system time (all threads) from `getrusage`.

use newslens::Article;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Corpus read when none is given, relative to the crate root.
const DEFAULT_DIR: &str = "../shared/corpora/bbc";

fn main() -> ExitCode {
    let mut dir = None;
    let mut threads = None;
    let mut runs = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Option<usize> {
            let v = args.next().and_then(|v| v.parse().ok()).filter(|&v| v > 0);
            if v.is_none() {
                eprintln!("error: {name} needs a number above 0");
            }
            v
        };
        match arg.as_str() {
            "--threads" => match number("--threads") {
                Some(v) => threads = Some(v),
                None => return ExitCode::FAILURE,
            },
            "--runs" => match number("--runs") {
                Some(v) => runs = v,
                None => return ExitCode::FAILURE,
            },
            "-h" | "--help" => {
                println!("usage: time_keywords_topics [DIR] [--threads N] [--runs R]");
                return ExitCode::SUCCESS;
            }
            _ if dir.is_none() => dir = Some(PathBuf::from(arg)),
            _ => {
                eprintln!("error: unexpected argument {arg:?}");
                return ExitCode::FAILURE;
            }
        }
    }
    let dir = dir.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_DIR));
    if !dir.is_dir() {
        println!("skipping: {} not found", dir.display());
        return ExitCode::SUCCESS;
    }
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        pool = pool.num_threads(n);
    }
    let pool = match pool.build() {
        Ok(p) => p,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    match pool.install(|| run(&dir, runs)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path, runs: usize) -> anyhow::Result<()> {
    let articles = read_articles(dir)?;
    let bytes: usize = articles
        .iter()
        .map(|a| a.title.len() + a.paragraphs.iter().map(String::len).sum::<usize>())
        .sum();
    let keywords = best_of(runs, || {
        std::hint::black_box(newslens::analysis::article_keywords(&articles, 10));
    });
    let out = std::env::temp_dir().join(format!("newslens-time-{}", std::process::id()));
    let mut config = newslens::Config::new(dir, &out);
    config.charts = false;
    config.topics = 0;
    let summary = newslens::run(&config, &newslens::NoProgress);
    std::fs::remove_dir_all(&out).ok();
    let results = summary?.results;
    let mut model = None;
    let topics = best_of(runs, || {
        model = Some(newslens::topics::from_results(
            &results,
            newslens::topics::DEFAULT_TOPICS,
        ));
    });
    let model = model.unwrap_or_default();
    println!(
        "{} articles ({:.1} MB of text), {} threads, best of {runs}",
        articles.len(),
        bytes as f64 / 1e6,
        rayon::current_num_threads()
    );
    println!(
        "keywords: {:.3} s CPU, {:.3} s wall",
        keywords.0.as_secs_f64(),
        keywords.1.as_secs_f64()
    );
    println!(
        "topics:   {:.3} s CPU, {:.3} s wall ({} topics over {} articles, mean NPMI {:.3})",
        topics.0.as_secs_f64(),
        topics.1.as_secs_f64(),
        model.count,
        results.articles.len(),
        model.mean_coherence()
    );
    Ok(())
}

/// Every `.txt` file under `dir`, in path order, as one article each.
fn read_articles(dir: &Path) -> anyhow::Result<Vec<Article>> {
    let mut articles = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|x| x == "txt") {
            let bytes = std::fs::read(entry.path())?;
            articles.push(Article::from_plain_text(&String::from_utf8_lossy(&bytes)));
        }
    }
    Ok(articles)
}

/// The smallest (CPU time, wall time) of `runs` runs of `f`.
fn best_of(runs: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    let mut best = (Duration::MAX, Duration::MAX);
    for _ in 0..runs {
        let (cpu, wall) = (cpu_time(), Instant::now());
        f();
        let (cpu, wall) = (cpu_time().saturating_sub(cpu), wall.elapsed());
        best = (best.0.min(cpu), best.1.min(wall));
    }
    best
}

/// User + system CPU time of the process so far.
fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes into the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}
