//! End-to-end tests of the report outputs: `articles.jsonl`, `report.html`, the charts' CSV
//! files, `trends.csv`, `manifest.json`, Parquet, the byte-order mark, and determinism. On the
//! seed page and on `tests/fixtures/dated` (six wire stories, five of them dated, counted by
//! hand).

mod common;

use common::{csv_maps, csv_rows, repo, BOM};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs;
use std::path::Path;

/// Runs the pipeline on `input` into a fresh folder, charts on, with `adjust` applied to the
/// configuration.
fn run(
    input: &Path,
    adjust: impl FnOnce(&mut newslens::Config),
) -> (tempfile::TempDir, newslens::RunSummary) {
    let out = tempfile::tempdir().unwrap();
    let mut config = newslens::Config::new(input, out.path());
    adjust(&mut config);
    let summary = common::run_with(&config);
    (out, summary)
}

fn json_lines(path: &Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn manifest(dir: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap()
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn manifest_lists_the_seed_file_with_its_real_checksum_and_the_run() {
    let (out, summary) = run(&repo("input"), |_| {});
    let m = manifest(out.path());
    let seed = fs::read(repo("input/central-asia-kazakhstan-page.txt")).unwrap();
    let inputs = m["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 1);
    assert_eq!(inputs[0]["path"], "central-asia-kazakhstan-page.txt");
    assert_eq!(inputs[0]["bytes"], seed.len() as u64);
    assert_eq!(inputs[0]["sha256"], hex_sha256(&seed));
    assert_eq!(inputs[0]["status"], "ok");
    assert_eq!(m["newslens"], env!("CARGO_PKG_VERSION"));
    assert_eq!(m["counts"]["articles"], 4);
    assert_eq!(m["counts"]["words"], summary.words);
    assert_eq!(m["counts"]["actor_mentions"], summary.mentions);
    assert_eq!(m["counts"]["files_read"], 1);
    assert_eq!(m["options"]["keywords"], 10);
    assert_eq!(m["options"]["bom"], true);
    assert_eq!(m["options"]["period"], "auto");
    assert_eq!(m["warnings"].as_array().unwrap().len(), 0);
    // The stop list: its words, count and checksum agree.
    let words: Vec<&str> = m["analysis"]["stop_words"]["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(words.contains(&"the") && words.contains(&"said"));
    assert_eq!(m["analysis"]["stop_words"]["count"], words.len());
    assert_eq!(
        m["analysis"]["stop_words"]["sha256"],
        hex_sha256(words.join("\n").as_bytes())
    );
    assert!(m["analysis"]["stemmer"]
        .as_str()
        .unwrap()
        .contains("Snowball"));
    let dictionary = &m["analysis"]["actor_dictionaries"][0];
    assert_eq!(
        dictionary["sha256"],
        hex_sha256(newslens::actors::dictionary::BUILT_IN.as_bytes())
    );
    for stage in ["read", "analyse", "reduce", "report", "total"] {
        assert!(m["time"]["seconds"][stage].is_number(), "{stage}");
    }
    // Every output but the manifest itself is listed with its checksum.
    let outputs = m["outputs"].as_array().unwrap();
    for o in outputs.iter().filter(|o| o["path"] != "report.html") {
        let path = out.path().join(o["path"].as_str().unwrap());
        let bytes = fs::read(&path).unwrap();
        assert_eq!(o["sha256"], hex_sha256(&bytes), "{path:?}");
        assert_eq!(o["bytes"], bytes.len(), "{path:?}");
    }
    assert!(outputs.iter().any(|o| o["path"] == "report.html"));
    // files.csv carries the same checksum.
    let files = csv_maps(&out.path().join("files.csv"));
    assert_eq!(files[0]["sha256"], hex_sha256(&seed));
    assert_eq!(files[0]["bytes"], seed.len().to_string());
}

#[test]
fn chart_csvs_hold_the_numbers_of_their_tables() {
    let (out, _) = run(&repo("input"), |_| {});
    let dir = out.path();
    // Top terms: the first 20 rows of corpus_terms.csv.
    let chart = csv_rows(&dir.join("charts/top_terms.csv"));
    let terms = csv_maps(&dir.join("corpus_terms.csv"));
    assert_eq!(chart[0], ["word", "count"]);
    assert_eq!(chart.len(), 21);
    for (row, term) in chart[1..].iter().zip(&terms) {
        assert_eq!((&row[0], &row[1]), (&term["word"], &term["count"]));
    }
    // Keywords: keywords.csv, article by article.
    let chart = csv_maps(&dir.join("charts/keywords.csv"));
    let keywords = csv_maps(&dir.join("keywords.csv"));
    assert_eq!(chart.len(), keywords.len());
    for (c, k) in chart.iter().zip(&keywords) {
        assert_eq!(c["panel"], k["article_id"]);
        assert_eq!(c["keyword"], k["keyword"]);
        assert_eq!(c["score"], k["score"]);
    }
    // Actor mentions: one row per actor and article, summing to the matrix's totals.
    let chart = csv_maps(&dir.join("charts/actor_mentions.csv"));
    let matrix = csv_rows(&dir.join("actor_matrix.csv"));
    let actors = &matrix[0][2..];
    assert_eq!(chart.len(), actors.len().min(15) * 4);
    let mut totals: HashMap<&str, u32> = HashMap::new();
    for row in &chart {
        *totals.entry(row["actor"].as_str()).or_insert(0) +=
            row["mentions"].parse::<u32>().unwrap();
    }
    for (j, actor) in actors.iter().take(15).enumerate() {
        let total: u32 = matrix[1..]
            .iter()
            .map(|r| r[j + 2].parse::<u32>().unwrap())
            .sum();
        assert_eq!(totals[actor.as_str()], total, "{actor}");
    }
    assert_eq!(totals["Kassym-Jomart Tokayev"], 10 + 4 + 3 + 5);
}

/// Lines of the seed page that are site furniture, never article text.
const SEED_FURNITURE: &[&str] = &[
    "Connect with us",
    "Central Asia",
    "Published",
    "on",
    "Continue Reading",
    "Comments",
    "Publications",
    "Latest",
    "East Asia18 mins ago",
    "The Spirit of the Olympic Games and the Rise of China",
];

#[test]
fn articles_jsonl_holds_the_analysed_texts_without_furniture() {
    let (out, _) = run(&repo("input"), |_| {});
    let lines = json_lines(&out.path().join("articles.jsonl"));
    let articles = csv_maps(&out.path().join("articles.csv"));
    assert_eq!(lines.len(), 4);
    let page = fs::read_to_string(repo("input/central-asia-kazakhstan-page.txt")).unwrap();
    for (line, row) in lines.iter().zip(&articles) {
        for column in ["article_id", "words", "terms"] {
            assert_eq!(line[column].to_string(), row[column], "{column}");
        }
        for column in ["source", "title", "section", "author", "published", "url"] {
            assert_eq!(line[column], row[column.to_string().as_str()], "{column}");
        }
        let text = line["text"].as_str().unwrap();
        // The title as analysed: quotes normalised (`Xi’s` -> `Xi's`).
        let title = newslens::text::normalize(&row["title"]);
        assert!(text.starts_with(&format!("{title}\n\n")), "{text:.100}");
        for l in text.lines() {
            assert!(!SEED_FURNITURE.contains(&l.trim()), "furniture line {l:?}");
        }
        // Nor any teaser of the page's list of other stories.
        assert!(!text.contains("Olympic") && !text.contains("Metaverse"));
    }
    // The furniture lines are on the page, so their absence means something.
    for f in SEED_FURNITURE {
        assert!(page.lines().any(|l| l.trim() == *f), "{f} not on the page");
    }
    // The text is what was counted: `Toqayev` (4 in corpus_terms.csv) is there 4 times.
    let toqayev: usize = lines
        .iter()
        .map(|l| l["text"].as_str().unwrap().matches("Toqayev").count())
        .sum();
    assert_eq!(toqayev, 4);
    assert!(lines[0]["text"]
        .as_str()
        .unwrap()
        .contains("The wave of protests"));
}

#[test]
fn no_texts_leaves_articles_jsonl_out_and_removes_an_old_one() {
    let out = tempfile::tempdir().unwrap();
    let mut config = newslens::Config::new(repo("input"), out.path());
    config.charts = false;
    common::run_with(&config);
    assert!(out.path().join("articles.jsonl").exists());
    config.texts = false;
    common::run_with(&config);
    assert!(!out.path().join("articles.jsonl").exists());
    let html = fs::read_to_string(out.path().join("report.html")).unwrap();
    assert!(html.contains("--no-texts"));
    // No part or spill files are left behind; only the list of the files written.
    let hidden: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(".newslens-") && n != ".newslens-files")
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

#[test]
fn trends_count_mentions_and_terms_per_day_and_leave_undated_articles_out() {
    let (out, _) = run(&repo("tests/fixtures/dated"), |_| {});
    let rows = csv_maps(&out.path().join("trends.csv"));
    let series = |kind: &str, name: &str| -> Vec<(String, String)> {
        rows.iter()
            .filter(|r| r["kind"] == kind && r["name"] == name && r["count"] != "0")
            .map(|r| (r["period"].clone(), r["count"].clone()))
            .collect()
    };
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    // 2022-01-03 to 2022-01-12: ten days, every one present.
    let periods: Vec<&str> = rows
        .iter()
        .filter(|r| r["kind"] == "articles")
        .map(|r| r["period"].as_str())
        .collect();
    assert_eq!(periods.len(), 10);
    assert_eq!(periods[0], "2022-01-03");
    assert_eq!(periods[9], "2022-01-12");
    assert_eq!(
        series("articles", ""),
        pairs(&[
            ("2022-01-03", "2"),
            ("2022-01-05", "1"),
            ("2022-01-10", "1"),
            ("2022-01-12", "1")
        ])
    );
    // Kazakhstan: 3 + 1 on the 3rd (one story has a date-time), 1, 1, 2; the undated
    // analysis piece's mention is left out.
    let kazakhstan = pairs(&[
        ("2022-01-03", "4"),
        ("2022-01-05", "1"),
        ("2022-01-10", "1"),
        ("2022-01-12", "2"),
    ]);
    assert_eq!(series("actor", "Kazakhstan"), kazakhstan);
    assert_eq!(series("term", "Kazakhstan"), kazakhstan);
    assert_eq!(
        series("actor", "Kassym-Jomart Tokayev"),
        pairs(&[("2022-01-05", "3"), ("2022-01-10", "2")])
    );
    // The chart's CSV draws the same numbers.
    let chart = csv_maps(&out.path().join("charts/trends.csv"));
    let drawn: Vec<(String, String)> = chart
        .iter()
        .filter(|r| {
            r["series"] == "Kazakhstan" && r["panel"].starts_with("Mentions") && r["count"] != "0"
        })
        .map(|r| (r["period"].clone(), r["count"].clone()))
        .collect();
    assert_eq!(drawn, kazakhstan);
    // The undated article is said to be left out.
    let m = manifest(out.path());
    assert_eq!(m["trends"]["period"], "day");
    assert_eq!(m["trends"]["undated_articles"], 1);
    assert!(m["warnings"][0]
        .as_str()
        .unwrap()
        .contains("1 of 6 articles have no publication date"));
    let html = fs::read_to_string(out.path().join("report.html")).unwrap();
    assert!(html.contains("1 without a date are left out of the trends"));

    // By week: 2022-01-03 and 2022-01-10 are Mondays.
    let (out, _) = run(&repo("tests/fixtures/dated"), |c| {
        c.period = Some(newslens::analysis::trends::Period::Week);
    });
    let rows = csv_maps(&out.path().join("trends.csv"));
    let weekly: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r["kind"] == "actor" && r["name"] == "Kazakhstan")
        .map(|r| (r["period"].as_str(), r["count"].as_str()))
        .collect();
    assert_eq!(weekly, [("2022-01-03", "5"), ("2022-01-10", "3")]);
}

#[test]
fn the_seed_has_no_dates_so_no_trends() {
    let (out, _) = run(&repo("input"), |_| {});
    assert!(!out.path().join("trends.csv").exists());
    assert!(!out.path().join("charts/trends.png").exists());
    assert_eq!(manifest(out.path())["trends"], Value::Null);
}

#[test]
fn csv_files_start_with_a_byte_order_mark_unless_asked_not_to() {
    let (out, _) = run(&repo("tests/fixtures/dated"), |_| {});
    let bytes = fs::read(out.path().join("articles.csv")).unwrap();
    assert!(bytes.starts_with(BOM));
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("José Müller"));
    assert!(text.contains("Troops leave Kazakhstan’s cities"));
    for f in ["charts/top_terms.csv", "trends.csv", "keywords.csv"] {
        assert!(
            fs::read(out.path().join(f)).unwrap().starts_with(BOM),
            "{f}"
        );
    }
    // Scores have six decimals, never an exponent.
    for k in csv_maps(&out.path().join("keywords.csv")) {
        let decimals = k["score"].split('.').nth(1).unwrap();
        assert_eq!(decimals.len(), 6, "{}", k["score"]);
    }
    let (out, _) = run(&repo("tests/fixtures/dated"), |c| c.bom = false);
    let bytes = fs::read(out.path().join("articles.csv")).unwrap();
    assert!(bytes.starts_with(b"article_id,"));
}

#[test]
fn parquet_tables_have_typed_columns() {
    use polars::prelude::*;
    let (out, _) = run(&repo("tests/fixtures/dated"), |c| c.parquet = true);
    let read = |name: &str| {
        let file = fs::File::open(out.path().join(name)).unwrap();
        ParquetReader::new(file).finish().unwrap()
    };
    let articles = read("articles.parquet");
    assert_eq!(articles.height(), 6);
    assert_eq!(
        articles.column("article_id").unwrap().dtype(),
        &DataType::UInt32
    );
    assert_eq!(articles.column("words").unwrap().dtype(), &DataType::UInt32);
    assert_eq!(
        articles.column("published").unwrap().dtype(),
        &DataType::Date
    );
    assert_eq!(articles.column("published").unwrap().null_count(), 1);
    assert_eq!(articles.column("title").unwrap().dtype(), &DataType::String);
    let terms = read("terms.parquet");
    assert_eq!(terms.column("tfidf").unwrap().dtype(), &DataType::Float64);
    let trends = read("trends.parquet");
    assert_eq!(trends.column("period").unwrap().dtype(), &DataType::Date);
    assert_eq!(trends.column("count").unwrap().dtype(), &DataType::UInt64);
    for name in [
        "files.parquet",
        "corpus_terms.parquet",
        "keywords.parquet",
        "actors.parquet",
        "actor_matrix.parquet",
        "charts/top_terms.parquet",
    ] {
        assert!(read(name).height() > 0, "{name}");
    }
}

#[test]
fn report_html_is_self_contained_and_escapes_the_corpus() {
    let (out, _) = run(&repo("tests/fixtures/dated"), |_| {});
    let html = fs::read_to_string(out.path().join("report.html")).unwrap();
    // No network: no external scripts, styles or images.
    for external in ["src=\"http", "href=\"//", "<link", "src=\"//", "@import"] {
        assert!(!html.contains(external), "{external}");
    }
    // top terms, keywords, actor mentions, co-mentions, trends
    assert_eq!(html.matches("<img src=\"data:image/png;base64,").count(), 5);
    // Corpus text is escaped; only web addresses become links.
    assert!(html.contains("Analysis: &lt;b&gt;what next&lt;/b&gt; for Central Asia"));
    assert!(!html.contains("<b>what next</b>"));
    assert!(!html.contains("href=\"javascript:"));
    assert!(html.contains("<a href=\"https://news.example.org/1\""));
    // Links to every CSV written.
    for f in fs::read_to_string(out.path().join(".newslens-files"))
        .unwrap()
        .lines()
    {
        if f.ends_with(".csv") {
            assert!(html.contains(&format!("href=\"{f}\"")), "{f}");
        }
    }
    // The summary, the articles with their keywords and the sections.
    for s in [
        "6 articles from 1 file,",
        "José Müller",
        "id=\"trends\"",
        "id=\"actors\"",
        "class=\"chip\"",
    ] {
        assert!(html.contains(s), "{s}");
    }
}

#[test]
fn extra_tables_get_a_section_of_their_own() {
    // A table added by another part of newslens (co-mentions, topics) is rendered generically.
    let out = tempfile::tempdir().unwrap();
    fs::write(
        out.path().join("co_mentions.csv"),
        "actor_a,actor_b,articles\nKazakhstan,Russia,4\n<i>x</i>,China,1\n",
    )
    .unwrap();
    let (summary, config) = {
        let (o, s) = run(&repo("tests/fixtures/dated"), |c| c.charts = false);
        drop(o);
        (
            s,
            newslens::Config::new(repo("tests/fixtures/dated"), out.path()),
        )
    };
    let files = vec!["co_mentions.csv".to_string()];
    let html = newslens::report::html::render(
        &summary,
        &config,
        None,
        &files,
        std::time::Duration::ZERO,
        out.path(),
    );
    assert!(html.contains("<h3>Co mentions</h3>"));
    assert!(html.contains("<td>Kazakhstan</td><td>Russia</td><td class=\"num\">4</td>"));
    assert!(html.contains("&lt;i&gt;x&lt;/i&gt;"));
}

/// Every output file, `report.html` with its run time blanked and `manifest.json` without
/// its times and thread count.
fn outputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let list = fs::read_to_string(dir.join(".newslens-files")).unwrap();
    list.lines()
        .map(|f| {
            let bytes = fs::read(dir.join(f)).unwrap();
            let bytes = match f {
                "report.html" => {
                    let text = String::from_utf8(bytes).unwrap();
                    let mut kept = String::new();
                    let mut rest = text.as_str();
                    while let Some(i) = rest.find("<span class=\"run-time\">") {
                        kept.push_str(&rest[..i]);
                        let end = rest[i..].find("</span>").unwrap();
                        rest = &rest[i + end..];
                    }
                    kept.push_str(rest);
                    kept.into_bytes()
                }
                "manifest.json" => {
                    let mut m: Value = serde_json::from_slice(&bytes).unwrap();
                    m.as_object_mut().unwrap().remove("time");
                    m["options"].as_object_mut().unwrap().remove("threads");
                    serde_json::to_vec(&m).unwrap()
                }
                _ => bytes,
            };
            (f.to_string(), bytes)
        })
        .collect()
}

#[test]
fn outputs_are_identical_across_runs_and_thread_counts_but_for_times() {
    for input in ["tests/fixtures/dated", "tests/fixtures/mini"] {
        same_outputs_on_1_and_3_threads(&repo(input));
    }
}

#[test]
fn articles_jsonl_follows_articles_csv_over_many_files() {
    let (out, _) = run(&repo("tests/fixtures/mini"), |c| {
        c.threads = Some(3);
        c.charts = false;
    });
    let lines = json_lines(&out.path().join("articles.jsonl"));
    let articles = csv_maps(&out.path().join("articles.csv"));
    let sources: Vec<&str> = articles.iter().map(|a| a["source"].as_str()).collect();
    assert!(sources.windows(2).any(|w| w[0] != w[1]), "one file only");
    assert_eq!(lines.len(), articles.len());
    for (i, (line, row)) in lines.iter().zip(&articles).enumerate() {
        assert_eq!(line["article_id"], i as u64 + 1);
        assert_eq!(line["source"], row["source"].as_str());
        assert_eq!(line["title"], row["title"].as_str());
    }
}

fn same_outputs_on_1_and_3_threads(input: &Path) {
    let (a, _) = run(input, |c| {
        c.threads = Some(1);
        c.parquet = true;
    });
    let (b, _) = run(input, |c| {
        c.threads = Some(3);
        c.parquet = true;
    });
    let (first, second) = (outputs(a.path()), outputs(b.path()));
    assert!(first.len() > 20, "{}", first.len());
    // The output folders differ, and so does the recorded output option: compare the rest.
    for ((name, x), (_, y)) in first.iter().zip(&second) {
        if name == "manifest.json" {
            let mut x: Value = serde_json::from_slice(x).unwrap();
            let mut y: Value = serde_json::from_slice(y).unwrap();
            x["options"]["output"] = Value::Null;
            y["options"]["output"] = Value::Null;
            assert_eq!(x, y);
        } else {
            assert!(x == y, "{name} differs");
        }
    }
    assert_eq!(
        first.iter().map(|f| &f.0).collect::<Vec<_>>(),
        second.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
}

#[test]
fn articles_jsonl_keeps_corpus_order_around_a_file_that_cannot_be_parsed() {
    let input = tempfile::tempdir().unwrap();
    let story = |title: &str| {
        format!(
            "{title}\n\nKazakhstan and Russia signed a new trade agreement on Monday in Astana.\n"
        )
    };
    fs::write(input.path().join("a.txt"), story("First story")).unwrap();
    // A CSV file without a text column is skipped when it is parsed.
    fs::write(input.path().join("b.csv"), "name,age\nAlice,30\n").unwrap();
    fs::write(input.path().join("c.txt"), story("Second story")).unwrap();
    let (out, summary) = run(input.path(), |c| {
        c.threads = Some(2);
        c.charts = false;
    });
    assert_eq!(summary.skipped.len(), 1);
    let lines = json_lines(&out.path().join("articles.jsonl"));
    let titles: Vec<(&Value, &Value)> = lines
        .iter()
        .map(|l| (&l["article_id"], &l["title"]))
        .collect();
    assert_eq!(
        titles,
        [
            (&Value::from(1), &Value::from("First story")),
            (&Value::from(2), &Value::from("Second story"))
        ]
    );
}
