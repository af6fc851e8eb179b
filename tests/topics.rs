//! End-to-end tests of the corpus topics on `tests/fixtures/topics`: twelve short articles, six
//! on football (`sport/`) and six on markets (`markets/`), which two topics must tell apart.

mod common;

use common::{csv_maps, csv_rows, repo};
use std::path::Path;

/// Runs the pipeline on the fixture with `topics` topics and `threads` threads.
fn run(out: &Path, topics: usize, threads: Option<usize>, charts: bool) -> newslens::RunSummary {
    let mut config = newslens::Config::new(repo("tests/fixtures/topics"), out);
    config.topics = topics;
    config.threads = threads;
    config.charts = charts;
    newslens::run(&config, &newslens::NoProgress).unwrap()
}

#[test]
fn two_themes_give_two_topics_and_every_article_its_theme() {
    let out = tempfile::tempdir().unwrap();
    let summary = run(out.path(), 2, None, true);
    assert_eq!(summary.results.topics.count, 2);
    let words = csv_rows(&out.path().join("topics.csv"));
    assert_eq!(words[0], ["topic", "rank", "word", "weight"]);
    let top = |topic: &str| -> Vec<String> {
        words[1..]
            .iter()
            .filter(|r| r[0] == topic && r[1].parse::<u32>().unwrap() <= 5)
            .map(|r| r[2].clone())
            .collect()
    };
    assert_eq!(top("1"), ["club", "match", "league", "season", "striker"]);
    assert_eq!(
        top("2"),
        ["shares", "bank", "investors", "profit", "market"]
    );
    assert_eq!(words.len(), 1 + 2 * 10);

    let rows = csv_maps(&out.path().join("article_topics.csv"));
    assert_eq!(
        csv_rows(&out.path().join("article_topics.csv"))[0],
        ["article_id", "topic", "weight"]
    );
    // Articles 1-6 are the markets folder, 7-12 the sport folder (path order); rows are by
    // article, heaviest topic first.
    for id in 1..=12 {
        let first = rows
            .iter()
            .find(|r| r["article_id"] == id.to_string())
            .unwrap();
        let expected = if id <= 6 { "2" } else { "1" };
        assert_eq!(first["topic"], expected, "article {id}");
        assert!(
            first["weight"].parse::<f64>().unwrap() > 0.9,
            "article {id}"
        );
    }
    let coherence = summary.results.topics.mean_coherence();
    assert!((0.0..=1.0).contains(&coherence), "{coherence}");
    for chart in ["charts/topics.png", "charts/article_topics.png"] {
        let bytes = std::fs::read(out.path().join(chart)).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"), "{chart}");
    }
}

#[test]
fn topics_are_the_same_on_any_number_of_threads() {
    let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    run(one.path(), 3, Some(1), false);
    run(two.path(), 3, Some(2), false);
    for table in ["topics.csv", "article_topics.csv"] {
        assert_eq!(
            std::fs::read(one.path().join(table)).unwrap(),
            std::fs::read(two.path().join(table)).unwrap(),
            "{table}"
        );
    }
}

#[test]
fn zero_topics_writes_no_topic_files_and_removes_old_ones() {
    let out = tempfile::tempdir().unwrap();
    run(out.path(), 2, None, true);
    assert!(out.path().join("topics.csv").is_file());
    let summary = run(out.path(), 0, None, true);
    assert_eq!(summary.results.topics, newslens::topics::Topics::default());
    for file in [
        "topics.csv",
        "article_topics.csv",
        "charts/topics.png",
        "charts/article_topics.png",
    ] {
        assert!(!out.path().join(file).exists(), "{file} left behind");
    }
}

#[test]
fn too_few_articles_skip_topics_with_a_note() {
    let out = tempfile::tempdir().unwrap();
    let summary = run(out.path(), 5, None, false);
    assert_eq!(summary.results.topics.count, 0);
    let note = summary.results.topics.note.unwrap();
    assert!(
        note.contains("12 articles are too few for 5 topics"),
        "{note}"
    );
    assert!(!out.path().join("topics.csv").exists());
}
