//! Fits newslens's topics over a corpus and tells, for each topic, its coherence and the
//! sections (for the BBC corpus: its five folders) of the articles it dominates: a sanity check
//! of the topic model on a corpus whose sections are known.
//!
//! ```sh
//! cargo run --release --example topics_by_section [DIR] [--topics K]
//! ```
//!
//! `DIR` defaults to `../shared/corpora/bbc`. The corpus is analysed as a run would (outputs go
//! to a temporary folder, removed afterwards). Each article is assigned to its heaviest topic;
//! for each topic the example prints its NPMI coherence, its top words, how many articles it
//! dominates and how they spread over sections, and the share from its main section (the
//! topic's purity). The last line gives the mean NPMI and the share of all articles whose
//! topic's main section is their own section.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Corpus read when none is given, relative to the crate root.
const DEFAULT_DIR: &str = "../shared/corpora/bbc";

fn main() -> ExitCode {
    let mut dir = None;
    let mut k = newslens::topics::DEFAULT_TOPICS;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--topics" => match args.next().and_then(|v| v.parse().ok()) {
                Some(v) if v > 0 => k = v,
                _ => {
                    eprintln!("error: --topics needs a number above 0");
                    return ExitCode::FAILURE;
                }
            },
            "-h" | "--help" => {
                println!(
                    "usage: topics_by_section [DIR] [--topics K]   (default DIR: {DEFAULT_DIR})"
                );
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
    let out = std::env::temp_dir().join(format!("newslens-topics-{}", std::process::id()));
    let mut config = newslens::Config::new(&dir, &out);
    config.charts = false;
    config.topics = k;
    let summary = newslens::run(&config, &newslens::NoProgress);
    std::fs::remove_dir_all(&out).ok();
    let summary = match summary {
        Ok(s) => s,
        Err(err) => {
            eprintln!("error: {err:#}");
            return ExitCode::FAILURE;
        }
    };
    let r = &summary.results;
    let t = &r.topics;
    if let Some(note) = &t.note {
        println!("{note}");
        return ExitCode::SUCCESS;
    }
    // The heaviest topic of each article (rows are by article, then weight descending).
    let mut dominant: BTreeMap<u32, u32> = BTreeMap::new();
    for row in &t.articles {
        dominant.entry(row.article_id).or_insert(row.topic);
    }
    let mut per_topic: Vec<BTreeMap<&str, usize>> = vec![BTreeMap::new(); t.count];
    for (&article, &topic) in &dominant {
        let section = r.articles[article as usize - 1].section.as_str();
        *per_topic[topic as usize - 1].entry(section).or_insert(0) += 1;
    }
    println!(
        "{} articles, {} topics, mean NPMI {:.3} ({} NMF iterations, relative loss {:.4})\n",
        r.articles.len(),
        t.count,
        t.mean_coherence(),
        t.iterations,
        t.relative_loss
    );
    let mut agreeing = 0;
    for (i, sections) in per_topic.iter().enumerate() {
        let topic = i as u32 + 1;
        let words: Vec<&str> = t
            .words
            .iter()
            .filter(|w| w.topic == topic)
            .map(|w| w.word.as_str())
            .collect();
        let total: usize = sections.values().sum();
        let mut spread: Vec<(&str, usize)> = sections.iter().map(|(s, n)| (*s, *n)).collect();
        spread.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let main = spread.first().copied().unwrap_or(("-", 0));
        agreeing += main.1;
        println!(
            "topic {topic}  NPMI {:.3}  {total} articles, {:.0}% {}  [{}]\n    {}",
            t.coherence[i],
            100.0 * main.1 as f64 / total.max(1) as f64,
            main.0,
            spread
                .iter()
                .map(|(s, n)| format!("{s} {n}"))
                .collect::<Vec<_>>()
                .join(", "),
            words.join(", ")
        );
    }
    println!(
        "\narticles whose topic's main section is their own: {:.1}%",
        100.0 * agreeing as f64 / dominant.len().max(1) as f64
    );
    ExitCode::SUCCESS
}
