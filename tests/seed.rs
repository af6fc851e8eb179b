//! End-to-end test on the shipped seed page (`input/`): the four articles, their metadata, the
//! Tokayev mention counts and term counts checked by hand against the page.

mod common;

use common::{csv_maps, repo, run};

#[test]
fn seed_page_gives_four_articles_with_titles_sections_and_author() {
    let (out, summary) = run(&repo("input"));
    assert_eq!(summary.files_read, 1);
    assert!(summary.skipped.is_empty());
    let articles = csv_maps(&out.path().join("articles.csv"));
    let titles: Vec<&str> = articles.iter().map(|a| a["title"].as_str()).collect();
    assert_eq!(
        titles,
        [
            "Kazakhstan on the threshold: geostrategic competition or geopolitical reality",
            "Kazakhstan, like Ukraine, spotlights the swapping of the rule of law for the law of the jungle",
            "Kazakhstan has lessons for the Gulf",
            "A Reflection on President Xi’s message to Kazakh President Tokayev",
        ]
    );
    for a in &articles {
        assert_eq!(a["section"], "Central Asia");
        assert_eq!(a["source"], "central-asia-kazakhstan-page.txt");
    }
    let authors: Vec<&str> = articles.iter().map(|a| a["author"].as_str()).collect();
    assert_eq!(authors, ["Afsana Mammadova", "", "", ""]);
}

#[test]
fn tokayev_is_counted_under_every_spelling_once_per_mention() {
    let (out, _) = run(&repo("input"));
    let actors = csv_maps(&out.path().join("actors.csv"));
    let tokayev: Vec<(String, String)> = actors
        .iter()
        .filter(|r| r["actor"] == "Kassym-Jomart Tokayev")
        .map(|r| (r["article_id"].clone(), r["mentions"].clone()))
        .collect();
    let expected: Vec<(String, String)> = [("1", "10"), ("2", "4"), ("3", "3"), ("4", "5")]
        .iter()
        .map(|(a, m)| (a.to_string(), m.to_string()))
        .collect();
    assert_eq!(tokayev, expected);
    assert!(actors
        .iter()
        .filter(|r| r["actor"] == "Kassym-Jomart Tokayev")
        .all(|r| r["type"] == "person"));
}

#[test]
fn term_counts_match_the_page_counted_by_hand() {
    let (out, _) = run(&repo("input"));
    let terms = csv_maps(&out.path().join("corpus_terms.csv"));
    let get = |t: &str| {
        terms
            .iter()
            .find(|r| r["term"] == t)
            .map(|r| (r["word"].clone(), r["count"].clone(), r["articles"].clone()))
    };
    // `China` 78 times on the page, 4 in the teaser list, 2 in hyphenated compounds.
    assert_eq!(
        get("china"),
        Some(("China".into(), "72".into(), "4".into()))
    );
    // `Kazakhstan` 58 times: 1 in the image credit, 1 in `China-Kazakhstan`.
    assert_eq!(
        get("kazakhstan"),
        Some(("Kazakhstan".into(), "56".into(), "4".into()))
    );
    assert_eq!(
        get("tokayev"),
        Some(("Tokayev".into(), "18".into(), "3".into()))
    );
    assert_eq!(
        get("toqayev"),
        Some(("Toqayev".into(), "4".into(), "1".into()))
    );
    assert_eq!(get("csto"), Some(("CSTO".into(), "10".into(), "2".into())));
    assert_eq!(
        get("russia"),
        Some(("Russia".into(), "44".into(), "4".into()))
    );
    // Furniture and teaser words are never counted.
    for furniture in ["trend", "comment", "olymp", "metavers", "latest", "imag"] {
        assert_eq!(get(furniture), None, "{furniture}");
    }
    // Stop words, numbers and lone letters are never terms.
    for not_term in ["the", "2022", "10", "s"] {
        assert_eq!(get(not_term), None, "{not_term}");
    }
    // `US` is the country (an acronym is never a stop word), the pronoun `us` is not counted.
    assert_eq!(get("us").map(|t| t.0), Some("US".to_string()));
}

#[test]
fn keywords_are_ten_per_article_and_never_stop_words_or_numbers() {
    let (out, _) = run(&repo("input"));
    let keywords = csv_maps(&out.path().join("keywords.csv"));
    assert_eq!(keywords.len(), 40);
    let stop = newslens::text::stopwords::StopWordFilter::english();
    for k in &keywords {
        let kw = k["keyword"].to_lowercase();
        assert!(!stop.contains(&kw), "{kw}");
        assert!(kw.chars().count() > 1, "{kw}");
        assert!(!kw.chars().next().unwrap().is_ascii_digit(), "{kw}");
    }
}

#[test]
fn results_do_not_depend_on_the_number_of_threads() {
    let read_all = |threads: usize| {
        let out = tempfile::tempdir().unwrap();
        let mut config = newslens::Config::new(repo("input"), out.path());
        config.charts = false;
        config.threads = Some(threads);
        newslens::run(&config, &newslens::NoProgress).unwrap();
        newslens::report::tables::TABLES
            .iter()
            .map(|t| std::fs::read(out.path().join(t)).unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(read_all(1), read_all(3));
}

#[test]
fn a_large_record_file_gives_the_same_results_on_any_number_of_threads() {
    // 300 records: enough for the file's articles to be shared out between workers.
    let input = tempfile::tempdir().unwrap();
    let page = std::fs::read_to_string(repo("input/central-asia-kazakhstan-page.txt")).unwrap();
    let paragraphs: Vec<&str> = page.lines().filter(|l| l.len() > 200).collect();
    let mut jsonl = String::new();
    for i in 0..300 {
        let text = format!(
            "{} {}",
            paragraphs[i % paragraphs.len()],
            paragraphs[(i * 7) % paragraphs.len()]
        );
        jsonl.push_str(&format!(
            "{{\"title\": \"Record {i}\", \"text\": {}}}\n",
            serde_json_string(&text)
        ));
    }
    std::fs::write(input.path().join("records.jsonl"), jsonl).unwrap();
    let read_all = |threads: usize| {
        let out = tempfile::tempdir().unwrap();
        let mut config = newslens::Config::new(input.path(), out.path());
        config.charts = false;
        config.threads = Some(threads);
        let summary = newslens::run(&config, &newslens::NoProgress).unwrap();
        assert_eq!(summary.articles, 300);
        newslens::report::tables::TABLES
            .iter()
            .map(|t| std::fs::read(out.path().join(t)).unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(read_all(1), read_all(4));
}

/// A JSON string literal for `s`.
fn serde_json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
