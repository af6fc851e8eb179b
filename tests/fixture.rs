//! End-to-end test on the small fixture corpus `tests/fixtures/mini`, whose expected tables were
//! written out by hand from its two files (a two-article front page and a plain page).

mod common;

use common::{csv_rows, repo, run};

fn rows(out: &std::path::Path, table: &str) -> Vec<Vec<String>> {
    csv_rows(&out.join(table))
}

fn strings(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect()
}

#[test]
fn articles_table() {
    let (out, summary) = run(&repo("tests/fixtures/mini"));
    assert_eq!(summary.files_read, 2);
    let got: Vec<Vec<String>> = rows(out.path(), "articles.csv")
        .into_iter()
        .map(|r| r[..5].to_vec())
        .collect();
    assert_eq!(
        got,
        strings(&[
            &["article_id", "source", "title", "section", "author"],
            &[
                "1",
                "plain/turkey-recipe.txt",
                "Roast turkey for the holidays",
                "plain",
                ""
            ],
            &[
                "2",
                "world/front-page.txt",
                "Leaders meet in Astana on trade corridors",
                "World",
                ""
            ],
            &[
                "3",
                "world/front-page.txt",
                "Turkey hosts summit of Turkic states",
                "World",
                "Jane Roe"
            ],
        ])
    );
}

#[test]
fn actors_table() {
    let (out, _) = run(&repo("tests/fixtures/mini"));
    assert_eq!(
        rows(out.path(), "actors.csv"),
        strings(&[
            &[
                "article_id",
                "actor",
                "type",
                "mentions",
                "name_mentions",
                "surname_mentions",
                "acronym_mentions",
                "demonym_mentions",
                "capital_mentions",
                "title_mentions"
            ],
            &[
                "2",
                "Kassym-Jomart Tokayev",
                "person",
                "3",
                "1",
                "2",
                "0",
                "0",
                "0",
                "0"
            ],
            &["2", "China", "country", "1", "1", "0", "0", "0", "0", "0"],
            &[
                "2",
                "European Union",
                "organisation",
                "1",
                "0",
                "0",
                "1",
                "0",
                "0",
                "0"
            ],
            &[
                "2",
                "Shavkat Mirziyoyev",
                "person",
                "1",
                "1",
                "0",
                "0",
                "0",
                "0",
                "0"
            ],
            &[
                "2",
                "United States",
                "country",
                "1",
                "0",
                "0",
                "1",
                "0",
                "0",
                "0"
            ],
            &[
                "2",
                "Uzbekistan",
                "country",
                "1",
                "1",
                "0",
                "0",
                "0",
                "0",
                "0"
            ],
            &[
                "3",
                "Organization of Turkic States",
                "organisation",
                "2",
                "2",
                "0",
                "0",
                "0",
                "0",
                "0"
            ],
            &[
                "3",
                "Recep Tayyip Erdogan",
                "person",
                "2",
                "1",
                "1",
                "0",
                "0",
                "0",
                "0"
            ],
            // The title `Turkey hosts summit of Turkic states` is one of the two.
            &["3", "Turkey", "country", "2", "2", "0", "0", "0", "0", "1"],
        ])
    );
    let matrix = rows(out.path(), "actor_matrix.csv");
    assert_eq!(
        matrix[0][..4],
        [
            "article_id",
            "title",
            "Kassym-Jomart Tokayev",
            "Organization of Turkic States"
        ]
    );
    assert_eq!(
        matrix[1][2..],
        ["0", "0", "0", "0", "0", "0", "0", "0", "0"]
    );
    assert_eq!(matrix[2][2..5], ["3", "0", "0"]);
}

#[test]
fn terms_tables() {
    let (out, _) = run(&repo("tests/fixtures/mini"));
    let corpus = rows(out.path(), "corpus_terms.csv");
    let find = |t: &str| corpus.iter().find(|r| r[0] == t).cloned();
    assert_eq!(
        find("trade"),
        Some(strings(&[&["trade", "trade", "3", "2"]])[0].clone())
    );
    assert_eq!(
        find("corridor"),
        Some(strings(&[&["corridor", "corridors", "3", "2"]])[0].clone())
    );
    // The bird (twice, lower case) outweighs the country (twice, both at a sentence start).
    assert_eq!(
        find("turkey"),
        Some(strings(&[&["turkey", "turkey", "4", "2"]])[0].clone())
    );
    // The hyphenated compound is one term; numbers, URLs and e-mail addresses are none.
    assert!(find("trade-mark").is_some());
    for absent in [
        "12",
        "chef",
        "example.com",
        "https",
        "staff",
        "read",
        "photo",
        "jane",
    ] {
        assert!(find(absent).is_none(), "{absent}");
    }
    // terms.csv: frequency = count / terms of the article; tfidf = frequency × idf.
    let articles = rows(out.path(), "articles.csv");
    let terms_column = articles[0].iter().position(|c| c == "terms").unwrap();
    let terms_in_2: f64 = articles[2][terms_column].parse().unwrap();
    let per_article = rows(out.path(), "terms.csv");
    let row = per_article
        .iter()
        .find(|r| r[0] == "2" && r[1] == "tokayev")
        .unwrap();
    assert_eq!(row[3], "3");
    let frequency: f64 = row[4].parse().unwrap();
    assert!((frequency - 3.0 / terms_in_2).abs() < 1e-6);
    let idf = (4.0f64 / 2.0).ln() + 1.0; // 3 articles, tokayev in 1
    let tfidf: f64 = row[5].parse().unwrap();
    assert!((tfidf - frequency * idf).abs() < 1e-5, "{tfidf}");
}
