//! Actor counts on the shipped seed page (`input/`), checked by reading the four articles:
//! every expected number below was counted in the page text (title and body of each article,
//! the image credit and the teaser list left out), and each disagreement with a plain text
//! search was read and explained in a comment.

mod common;

use common::{csv_maps, repo};
use std::collections::HashMap;

/// Runs the seed with the given alias kinds; returns the actors.csv rows.
fn actors(
    kinds: &[newslens::actors::AliasKind],
) -> (tempfile::TempDir, Vec<HashMap<String, String>>) {
    let out = tempfile::tempdir().unwrap();
    let mut config = newslens::Config::new(repo("input"), out.path());
    config.charts = false;
    config.alias_kinds = kinds.to_vec();
    newslens::run(&config, &newslens::NoProgress).unwrap();
    let rows = csv_maps(&out.path().join("actors.csv"));
    (out, rows)
}

/// Mentions of `actor` in articles 1 to 4 (column `column` of actors.csv).
fn per_article(rows: &[HashMap<String, String>], actor: &str, column: &str) -> [u32; 4] {
    let mut out = [0; 4];
    for r in rows.iter().filter(|r| r["actor"] == actor) {
        let id: usize = r["article_id"].parse().unwrap();
        out[id - 1] = r[column].parse().unwrap();
    }
    out
}

#[test]
fn eighteen_actors_of_three_types_counted_by_hand() {
    let (_out, rows) = actors(&newslens::actors::AliasKind::DEFAULT);
    let expected: [(&str, &str, [u32; 4]); 18] = [
        // Countries, by name (demonyms and capitals are not counted by default).
        ("Kazakhstan", "country", [22, 9, 5, 21]),
        ("Russia", "country", [20, 9, 8, 7]),
        ("China", "country", [6, 11, 19, 38]),
        ("Turkey", "country", [5, 14, 0, 0]),
        // `US` and `U.S.` (acronyms), `United States`, `America`; `Sino-American` is a
        // demonym, `Americas` no word of the dictionary.
        ("United States", "country", [0, 2, 7, 9]),
        ("Iran", "country", [1, 2, 1, 2]),
        // Organisations: names, spelling variants and acronyms.
        (
            "Collective Security Treaty Organization",
            "organisation",
            [7, 0, 0, 4],
        ),
        (
            "Shanghai Cooperation Organization",
            "organisation",
            [1, 0, 0, 5],
        ),
        // Article 1 writes `Organization of Turkish States`, an alias of the OTS.
        (
            "Organization of Turkic States",
            "organisation",
            [1, 3, 0, 0],
        ),
        // Article 1 writes `"One Belt, One Road" project` three times.
        ("Belt and Road Initiative", "organisation", [3, 0, 1, 4]),
        ("Gulf Cooperation Council", "organisation", [0, 1, 1, 2]),
        // People: full names, surnames and transliterations (`Toqayev`, `Qasym-Johart`,
        // `Kassym-Johart`), each mention once.
        ("Kassym-Jomart Tokayev", "person", [10, 4, 3, 5]),
        ("Nursultan Nazarbayev", "person", [7, 1, 0, 0]),
        ("Vladimir Putin", "person", [2, 3, 0, 0]),
        ("Xi Jinping", "person", [0, 0, 0, 10]),
        ("Recep Tayyip Erdogan", "person", [0, 3, 0, 0]),
        ("Sergei Lavrov", "person", [1, 0, 0, 2]),
        ("Wang Yi", "person", [0, 0, 0, 2]),
    ];
    for (actor, kind, counts) in expected {
        assert_eq!(per_article(&rows, actor, "mentions"), counts, "{actor}");
        assert!(
            rows.iter()
                .filter(|r| r["actor"] == actor)
                .all(|r| r["type"] == kind),
            "{actor}"
        );
    }
}

#[test]
fn mentions_split_by_alias_kind_and_title() {
    use newslens::actors::AliasKind;
    let (_out, rows) = actors(&AliasKind::ALL);
    // `Russia` 20/9/8/7; `Russian(s)` 11/9/5/1, but article 4's one is `his Russian
    // counterpart Sergei Lavrov`, a title; `Moscow` and `Kremlin` 1/4/0/1.
    assert_eq!(per_article(&rows, "Russia", "name_mentions"), [20, 9, 8, 7]);
    assert_eq!(
        per_article(&rows, "Russia", "demonym_mentions"),
        [11, 9, 5, 0]
    );
    assert_eq!(
        per_article(&rows, "Russia", "capital_mentions"),
        [1, 4, 0, 1]
    );
    assert_eq!(per_article(&rows, "Russia", "mentions"), [32, 22, 13, 8]);
    // Tokayev: 1 full name + 9 surnames in article 1 (`Russophile Tokayev` and `Unlike
    // Tokayev` included); in article 4's title `Kazakh President Tokayev`.
    assert_eq!(
        per_article(&rows, "Kassym-Jomart Tokayev", "name_mentions"),
        [1, 1, 1, 0]
    );
    assert_eq!(
        per_article(&rows, "Kassym-Jomart Tokayev", "surname_mentions"),
        [9, 3, 2, 5]
    );
    assert_eq!(
        per_article(&rows, "Kassym-Jomart Tokayev", "title_mentions"),
        [0, 0, 0, 1]
    );
    assert_eq!(
        per_article(
            &rows,
            "Collective Security Treaty Organization",
            "acronym_mentions"
        ),
        [7, 0, 0, 3]
    );
    // Every title names Kazakhstan except the fourth (`Kazakh`, a demonym in a title).
    assert_eq!(
        per_article(&rows, "Kazakhstan", "title_mentions"),
        [1, 1, 1, 0]
    );
}

#[test]
fn every_count_has_its_rows_in_mentions_csv() {
    let (out, rows) = actors(&newslens::actors::AliasKind::DEFAULT);
    let mentions = csv_maps(&out.path().join("mentions.csv"));
    let total: u32 = rows
        .iter()
        .map(|r| r["mentions"].parse::<u32>().unwrap())
        .sum();
    assert_eq!(mentions.len() as u32, total);
    // The title of article 4: `A Reflection on President Xi's message to Kazakh President
    // Tokayev`: Tokayev at character 59, sentence 0, in the title.
    let tokayev = mentions
        .iter()
        .find(|m| m["article_id"] == "4" && m["actor"] == "Kassym-Jomart Tokayev")
        .unwrap();
    assert_eq!(tokayev["text"], "Tokayev");
    assert_eq!(tokayev["alias_kind"], "surname");
    assert_eq!(tokayev["offset"], "59");
    assert_eq!(tokayev["sentence"], "0");
    assert_eq!(tokayev["in_title"], "true");
    assert!(tokayev["snippet"].contains("Kazakh President [Tokayev]"));
    for m in mentions.iter().filter(|m| m["article_id"] == "2") {
        assert!(m["snippet"].contains(&format!("[{}]", m["text"])), "{m:?}");
    }
}

#[test]
fn co_mentions_candidates_and_suggestions_on_the_seed() {
    let (out, _) = actors(&newslens::actors::AliasKind::DEFAULT);
    let co = csv_maps(&out.path().join("co_mentions.csv"));
    let pair = |a: &str, b: &str| {
        co.iter()
            .find(|r| r["actor_a"] == a && r["actor_b"] == b)
            .map(|r| (r["sentences"].clone(), r["articles"].clone()))
    };
    assert_eq!(
        pair("China", "Kazakhstan").map(|p| p.1),
        Some("4".to_string())
    );
    assert_eq!(
        pair("Kassym-Jomart Tokayev", "Xi Jinping").map(|p| p.1),
        Some("1".to_string())
    );
    let candidates = csv_maps(&out.path().join("candidates.csv"));
    let names: Vec<&str> = candidates.iter().map(|c| c["name"].as_str()).collect();
    // Names the dictionary lacks, most frequent first.
    assert_eq!(names[0], "Central Asia");
    for expected in [
        "Xinjiang",
        "Dmitri Trenin",
        "Uighur",
        "Uyghur",
        "Almaty",
        "USSR",
    ] {
        assert!(names.contains(&expected), "{expected}");
    }
    // Sentence-initial words only are no candidates; matched names neither.
    for absent in [
        "However",
        "Although",
        "Kazakhstan",
        "Tokayev",
        "Kazakh",
        "Russian",
    ] {
        assert!(!names.contains(&absent), "{absent}");
    }
    let suggestions = csv_maps(&out.path().join("alias_suggestions.csv"));
    assert!(suggestions
        .iter()
        .any(|s| s["name"] == "Uyghur" && s["same_as"] == "Uighur" && s["applied"] == "false"));
}
