//! End-to-end test of a file of more records than the pipeline analyses at once: its articles
//! are analysed and written a batch at a time, their results parked on disk, and the tables are
//! exactly those of the same records read from several small files with results kept in memory.

mod common;

use common::{csv_rows, run_with};
use std::fs;
use std::path::Path;

/// Records of the test: more than one batch (`pipeline::ARTICLES_PER_BATCH`, 4,096).
const RECORDS: usize = 4_500;

/// The JSON Lines record number `i`: a few themes, so terms and keywords repeat across records.
fn record(i: usize) -> String {
    let themes = [
        "Kazakhstan signs a grain export deal with China and Russia",
        "The central bank raises interest rates as inflation climbs",
        "Tokayev meets the European Union delegation in Astana",
        "Striker scores twice as the league leaders win again",
    ];
    let theme = themes[i % themes.len()];
    serde_json::json!({
        "id": i,
        "title": format!("Story {i}: {}", &theme[..20]),
        "text": format!("{theme}. Report number {i} follows the {} story.\nAnalysts expect more news.", themes[(i / 7) % themes.len()]),
    })
    .to_string()
}

#[test]
fn a_file_of_many_records_gives_the_tables_of_the_same_records_in_small_files() {
    let lines: Vec<String> = (0..RECORDS).map(record).collect();
    let big = tempfile::tempdir().unwrap();
    fs::write(big.path().join("all.jsonl"), lines.join("\n") + "\n").unwrap();
    let small = tempfile::tempdir().unwrap();
    for (n, chunk) in lines.chunks(1_000).enumerate() {
        fs::write(
            small.path().join(format!("part-{n}.jsonl")),
            chunk.join("\n") + "\n",
        )
        .unwrap();
    }
    let run = |input: &Path, results_in_memory: usize| {
        let out = tempfile::tempdir().unwrap();
        let mut config = newslens::Config::new(input, out.path());
        config.charts = false;
        // Topics are the same computation either way; left out to keep the test quick.
        config.topics = 0;
        config.results_in_memory = results_in_memory;
        let summary = run_with(&config);
        (out, summary)
    };
    // The big file's per-article results wait on disk, the small files' in memory.
    let (big_out, big_summary) = run(big.path(), 0);
    let (small_out, _) = run(small.path(), usize::MAX);
    assert_eq!(big_summary.articles, RECORDS);

    // Articles in record order, numbered, in both the table and the texts.
    let articles = csv_rows(&big_out.path().join("articles.csv"));
    assert_eq!(articles.len(), RECORDS + 1);
    for (i, row) in articles[1..].iter().enumerate() {
        assert_eq!(row[0], (i + 1).to_string());
        assert!(row[2].starts_with(&format!("Story {i}:")), "{row:?}");
    }
    let texts = fs::read_to_string(big_out.path().join("articles.jsonl")).unwrap();
    for (i, line) in texts.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["article_id"], i + 1);
        assert!(v["title"]
            .as_str()
            .unwrap()
            .starts_with(&format!("Story {i}:")));
    }
    assert_eq!(texts.lines().count(), RECORDS);

    // Every table but those naming the source files is the same, byte for byte.
    let naming_sources = ["files.csv", "articles.csv"];
    for table in newslens::report::tables::TABLES
        .iter()
        .filter(|t| !naming_sources.contains(t))
    {
        assert_eq!(
            fs::read(big_out.path().join(table)).unwrap(),
            fs::read(small_out.path().join(table)).unwrap(),
            "{table}"
        );
    }
    let last_terms = csv_rows(&big_out.path().join("terms.csv"));
    assert_eq!(last_terms.last().unwrap()[0], RECORDS.to_string());
}
