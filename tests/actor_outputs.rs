//! The actor tables end to end on `tests/fixtures/actors`: a one-article corpus and a small
//! dictionary that lacks the `Toqayev` spelling and the `CSTO` acronym, with and without
//! `--auto-aliases`.

mod common;

use common::{csv_maps, repo};
use std::collections::HashMap;

type Rows = Vec<HashMap<String, String>>;

fn run(auto_aliases: bool) -> (tempfile::TempDir, newslens::RunSummary) {
    let out = tempfile::tempdir().unwrap();
    let mut config = newslens::Config::new(repo("tests/fixtures/actors/corpus"), out.path());
    config.charts = false;
    config.built_in_actors = false;
    config.actor_files = vec![repo("tests/fixtures/actors/dictionary.toml")];
    config.auto_aliases = auto_aliases;
    let summary = newslens::run(&config, &newslens::NoProgress).unwrap();
    (out, summary)
}

fn table(out: &tempfile::TempDir, name: &str) -> Rows {
    csv_maps(&out.path().join(name))
}

fn mentions_of(rows: &Rows, actor: &str) -> String {
    rows.iter()
        .find(|r| r["actor"] == actor)
        .map_or("0".to_string(), |r| r["mentions"].clone())
}

#[test]
fn without_auto_aliases_the_dictionary_counts_alone_and_misses_are_shown() {
    let (out, _) = run(false);
    let actors = table(&out, "actors.csv");
    assert_eq!(mentions_of(&actors, "Kassym-Jomart Tokayev"), "1");
    assert_eq!(
        mentions_of(&actors, "Collective Security Treaty Organization"),
        "1"
    );
    // `Eaton Vance` is not JD Vance.
    assert_eq!(mentions_of(&actors, "JD Vance"), "0");
    let candidates = table(&out, "candidates.csv");
    let row = |name: &str| candidates.iter().find(|c| c["name"] == name).cloned();
    let csto = row("CSTO").unwrap();
    assert_eq!(
        (csto["kind"].as_str(), csto["count"].as_str()),
        ("acronym", "3")
    );
    // `Toqayev`: in the title and after `Mr.`; seen mid-sentence once.
    let toqayev = row("Toqayev").unwrap();
    assert_eq!(
        (toqayev["count"].as_str(), toqayev["mid_sentence"].as_str()),
        ("2", "1")
    );
    assert!(row("Eaton Vance").is_some());
    assert!(row("Dmitri Trenin").is_some());
    // Astana is a known capital (not counted by default), so no candidate; `Analysts` opens a
    // sentence only.
    assert!(row("Astana").is_none());
    assert!(row("Analysts").is_none());
    assert!(toqayev["example"].contains("[Toqayev]"));

    let suggestions = table(&out, "alias_suggestions.csv");
    let find = |name: &str, evidence: &str| {
        suggestions
            .iter()
            .find(|s| s["name"] == name && s["evidence"] == evidence)
            .cloned()
            .unwrap_or_else(|| panic!("{name} {evidence}: {suggestions:#?}"))
    };
    let t = find("Toqayev", "transliteration");
    assert_eq!(t["actor"], "Kassym-Jomart Tokayev");
    assert_eq!(t["same_as"], "Tokayev");
    assert_eq!(
        (t["confident"].as_str(), t["applied"].as_str()),
        ("true", "false")
    );
    let c = find("CSTO", "acronym");
    assert_eq!(c["actor"], "Collective Security Treaty Organization");
    assert_eq!(c["alias_kind"], "acronym");
    assert_eq!(c["confident"], "true");
    let trenin = find("Trenin", "same name");
    assert_eq!(trenin["same_as"], "Dmitri Trenin");
    assert_eq!(trenin["confident"], "false");
}

#[test]
fn auto_aliases_merge_confident_suggestions_and_say_so() {
    let (out, summary) = run(true);
    let actors = table(&out, "actors.csv");
    // Full name + `Toqayev` in the title and after `Mr.`.
    assert_eq!(mentions_of(&actors, "Kassym-Jomart Tokayev"), "3");
    // Full name + `CSTO` three times.
    assert_eq!(
        mentions_of(&actors, "Collective Security Treaty Organization"),
        "4"
    );
    assert_eq!(mentions_of(&actors, "JD Vance"), "0");
    assert_eq!(summary.mentions, 7);
    let suggestions = table(&out, "alias_suggestions.csv");
    let applied: Vec<&str> = suggestions
        .iter()
        .filter(|s| s["applied"] == "true")
        .map(|s| s["name"].as_str())
        .collect();
    assert_eq!(applied, ["Toqayev", "CSTO"]);
    let mentions = table(&out, "mentions.csv");
    let auto: Vec<&str> = mentions
        .iter()
        .filter(|m| m["auto_alias"] == "true")
        .map(|m| m["text"].as_str())
        .collect();
    assert_eq!(auto, ["Toqayev", "CSTO", "Toqayev", "CSTO", "CSTO"]);
    let candidates = table(&out, "candidates.csv");
    assert!(!candidates
        .iter()
        .any(|c| c["name"] == "CSTO" || c["name"] == "Toqayev"));
}

#[test]
fn mentions_csv_columns_and_co_mentions() {
    let (out, _) = run(false);
    let rows = common::csv_rows(&out.path().join("mentions.csv"));
    assert_eq!(
        rows[0],
        [
            "article_id",
            "actor",
            "text",
            "alias_kind",
            "offset",
            "sentence",
            "in_title",
            "auto_alias",
            "snippet"
        ]
    );
    // `Kassym-Jomart Tokayev` opens the body, after the title (33 characters) and a blank line.
    assert_eq!(
        rows[1][..8],
        [
            "1",
            "Kassym-Jomart Tokayev",
            "Kassym-Jomart Tokayev",
            "name",
            "35",
            "1",
            "false",
            "false"
        ]
    );
    let co = table(&out, "co_mentions.csv");
    assert_eq!(co.len(), 1);
    assert_eq!(co[0]["actor_a"], "Collective Security Treaty Organization");
    assert_eq!(co[0]["actor_b"], "Kassym-Jomart Tokayev");
    assert_eq!(
        (co[0]["sentences"].as_str(), co[0]["articles"].as_str()),
        ("1", "1")
    );
}

#[test]
fn no_actors_leaves_the_actor_tables_empty_and_every_other_count_as_it_was() {
    let run_seed = |actors: bool| {
        let out = tempfile::tempdir().unwrap();
        let mut config = newslens::Config::new(repo("input"), out.path());
        config.charts = false;
        config.actors = actors;
        let summary = newslens::run(&config, &newslens::NoProgress).unwrap();
        (out, summary)
    };
    let (with, with_summary) = run_seed(true);
    let (without, without_summary) = run_seed(false);
    assert!(with_summary.mentions > 0);
    assert_eq!(without_summary.mentions, 0);
    for name in [
        "actors.csv",
        "mentions.csv",
        "co_mentions.csv",
        "candidates.csv",
        "alias_suggestions.csv",
    ] {
        assert!(!table(&with, name).is_empty(), "{name}");
        assert!(table(&without, name).is_empty(), "{name}");
    }
    // The matrix keeps one row per article, with no actor column.
    let matrix = common::csv_rows(&without.path().join("actor_matrix.csv"));
    assert_eq!(matrix[0], ["article_id", "title"]);
    assert_eq!(matrix.len(), 5);
    for name in [
        "articles.csv",
        "terms.csv",
        "corpus_terms.csv",
        "keywords.csv",
        "articles.jsonl",
    ] {
        assert_eq!(
            std::fs::read(with.path().join(name)).unwrap(),
            std::fs::read(without.path().join(name)).unwrap(),
            "{name}"
        );
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(without.path().join("manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["options"]["actors"], false);
    let html = std::fs::read_to_string(without.path().join("report.html")).unwrap();
    assert!(html.contains("Actor analysis was off for this run"));
    let html = std::fs::read_to_string(with.path().join("report.html")).unwrap();
    assert!(!html.contains("Actor analysis was off for this run"));
    assert!(manifest["analysis"]["actor_dictionaries"]
        .as_array()
        .unwrap()
        .is_empty());
}
