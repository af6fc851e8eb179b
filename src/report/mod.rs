//! Writing a run's results: CSV tables (through polars, [`tables`]) and PNG charts (through
//! plotters, [`charts`]).
//!
//! Everything is first written to a staging folder inside the output directory and moved into
//! place only once all of it has been written and every destination has been checked, so a
//! failed run leaves the previous results as they were. Each file is replaced atomically (a
//! rename). The files a run wrote are listed in `.newslens-files`; the next run removes those
//! it does not write again (charts after `--no-charts`), so the folder never mixes two runs.

pub mod charts;
pub mod tables;

use crate::analysis::Results;
use crate::config::Config;
use anyhow::Context;
use charts::{Bar, BarChart, Panel, PanelChart, Series, StackedBarChart};
use std::collections::HashMap;
use std::fs;
use std::path::Path;

/// Actors shown in the actor chart at most.
const CHART_ACTORS: usize = 15;

/// Writes every table and chart into `config.output`; returns the files written, relative to it.
pub fn write(results: &Results, config: &Config) -> anyhow::Result<Vec<String>> {
    let out = &config.output;
    fs::create_dir_all(out)
        .with_context(|| format!("cannot create output directory {}", out.display()))?;
    let staging = out.join(format!(".newslens-staging-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).ok();
    }
    let written = write_staged(results, config, &staging).and_then(|files| {
        publish(&staging, out, &files)?;
        Ok(files)
    });
    fs::remove_dir_all(&staging).ok();
    written
}

/// Writes everything into `staging`.
fn write_staged(results: &Results, config: &Config, staging: &Path) -> anyhow::Result<Vec<String>> {
    fs::create_dir_all(staging.join("charts")).with_context(|| {
        format!(
            "cannot write to output directory {}",
            config.output.display()
        )
    })?;
    let mut files = tables::write_all(results, staging, config.formula_guard)?;
    if config.charts {
        files.extend(write_charts(results, config, staging)?);
    }
    Ok(files)
}

/// The list of files the last run wrote, inside the output directory.
const WRITTEN_LIST: &str = ".newslens-files";

/// Moves the staged files into the output directory, replacing older ones, and removes the
/// files of the previous run that this run did not write again.
fn publish(staging: &Path, out: &Path, files: &[String]) -> anyhow::Result<()> {
    // Check every destination first: nothing is moved unless everything can be.
    for f in files {
        let to = out.join(f);
        if to.is_dir() {
            anyhow::bail!(
                "cannot replace {}: it is a directory (previous results left as they were)",
                to.display()
            );
        }
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
    }
    let previous = fs::read_to_string(out.join(WRITTEN_LIST)).unwrap_or_default();
    for f in files {
        let to = out.join(f);
        fs::rename(staging.join(f), &to)
            .with_context(|| format!("cannot move {} into place", to.display()))?;
    }
    for old in previous.lines() {
        // Only plain relative names that this run did not write again, never a path that
        // leaves the output directory.
        let safe = !old.is_empty()
            && !old.starts_with('/')
            && !old.split('/').any(|part| part == ".." || part.is_empty());
        if safe && !files.iter().any(|f| f == old) {
            fs::remove_file(out.join(old)).ok();
        }
    }
    fs::write(out.join(WRITTEN_LIST), files.join("\n") + "\n")
        .with_context(|| format!("cannot write {}", out.join(WRITTEN_LIST).display()))?;
    Ok(())
}

/// Draws the three charts into `dir/charts`.
fn write_charts(results: &Results, config: &Config, dir: &Path) -> anyhow::Result<Vec<String>> {
    let top_terms = BarChart {
        title: format!("Top {} words in the corpus", config.top_terms),
        value_label: "occurrences".to_string(),
        bars: results
            .corpus_terms
            .iter()
            .take(config.top_terms)
            .map(|t| Bar {
                label: t.word.clone(),
                value: t.count as f64,
            })
            .collect(),
    };
    charts::draw_bar_chart(&top_terms, &dir.join("charts/top_terms.png"))?;

    let mut panels: Vec<Panel> = results
        .articles
        .iter()
        .map(|a| Panel {
            title: article_label(&a.title, &a.source, a.article_id),
            bars: Vec::new(),
        })
        .collect();
    for k in &results.keywords {
        panels[k.article_id as usize - 1].bars.push(Bar {
            label: k.keyword.clone(),
            value: k.score,
        });
    }
    let keywords = PanelChart {
        title: "Top keywords per article".to_string(),
        value_label: "keyword score".to_string(),
        panels,
    };
    charts::draw_panel_chart(&keywords, &dir.join("charts/keywords.png"))?;

    // `matrix_actors` is already sorted by total mentions.
    let shown = results.matrix_actors.len().min(CHART_ACTORS);
    let actors = StackedBarChart {
        title: format!(
            "Mentions of the top {shown} actors, by {}",
            match actor_series(results).1 {
                SeriesKind::Article => "article",
                SeriesKind::Section => "section",
                SeriesKind::Corpus => "corpus",
            }
        ),
        value_label: "mentions".to_string(),
        categories: results.matrix_actors[..shown].to_vec(),
        series: actor_series(results).0,
    };
    charts::draw_stacked_bar_chart(&actors, &dir.join("charts/actor_mentions.png"))?;
    let mut written = vec![
        "charts/top_terms.png".to_string(),
        "charts/keywords.png".to_string(),
        "charts/actor_mentions.png".to_string(),
    ];
    if results.topics.count > 0 {
        charts::draw_panel_chart(&topic_words_chart(results), &dir.join("charts/topics.png"))?;
        charts::draw_stacked_bar_chart(
            &article_topics_chart(results),
            &dir.join("charts/article_topics.png"),
        )?;
        written.push("charts/topics.png".to_string());
        written.push("charts/article_topics.png".to_string());
    }
    Ok(written)
}

/// Articles given their own bar in the topic-weight chart at most; a larger corpus is shown by
/// section (when it has from 2 to [`CHART_TOPIC_SECTIONS`] sections), else by its first
/// articles.
const CHART_TOPIC_ARTICLES: usize = 40;

/// Sections shown in the topic-weight chart at most.
const CHART_TOPIC_SECTIONS: usize = 20;

/// A topic's name in charts: `Topic 3: election, party, vote`.
fn topic_name(results: &Results, topic: u32) -> String {
    let words: Vec<&str> = results
        .topics
        .words
        .iter()
        .filter(|w| w.topic == topic)
        .take(3)
        .map(|w| w.word.as_str())
        .collect();
    format!("Topic {topic}: {}", words.join(", "))
}

/// `charts/topics.png`: one panel per topic with its top words.
fn topic_words_chart(results: &Results) -> PanelChart {
    let t = &results.topics;
    let panels = (1..=t.count as u32)
        .map(|topic| Panel {
            title: format!(
                "Topic {topic} (NPMI {:.2})",
                t.coherence[topic as usize - 1]
            ),
            bars: t
                .words
                .iter()
                .filter(|w| w.topic == topic)
                .map(|w| Bar {
                    label: w.word.clone(),
                    value: 100.0 * w.weight,
                })
                .collect(),
        })
        .collect();
    PanelChart {
        title: format!("Top words of the corpus's {} topics", t.count),
        value_label: "% of the topic's weight".to_string(),
        panels,
    }
}

/// `charts/article_topics.png`: topic weight per article (first articles of a large corpus),
/// or mean topic weight per section for a large corpus with sections.
fn article_topics_chart(results: &Results) -> StackedBarChart {
    let t = &results.topics;
    let n = results.articles.len();
    let mut weights = vec![vec![0.0; t.count]; n];
    for row in &t.articles {
        weights[row.article_id as usize - 1][row.topic as usize - 1] = row.weight;
    }
    let mut sections: Vec<&str> = Vec::new();
    for a in &results.articles {
        if !sections.contains(&a.section.as_str()) {
            sections.push(a.section.as_str());
            if sections.len() > CHART_TOPIC_SECTIONS {
                break;
            }
        }
    }
    let by_section =
        n > CHART_TOPIC_ARTICLES && (2..=CHART_TOPIC_SECTIONS).contains(&sections.len());
    let (title, categories, rows): (String, Vec<String>, Vec<Vec<f64>>) = if by_section {
        let rows = sections
            .iter()
            .map(|s| {
                let members: Vec<usize> = (0..n)
                    .filter(|&i| results.articles[i].section == *s)
                    .collect();
                (0..t.count)
                    .map(|k| {
                        members.iter().map(|&i| weights[i][k]).sum::<f64>()
                            / members.len().max(1) as f64
                    })
                    .collect()
            })
            .collect();
        (
            format!("Mean topic weight per section ({n} articles)"),
            sections
                .iter()
                .map(|s| {
                    if s.is_empty() {
                        "(no section)".to_string()
                    } else {
                        s.to_string()
                    }
                })
                .collect(),
            rows,
        )
    } else {
        let shown = n.min(CHART_TOPIC_ARTICLES);
        let title = if shown < n {
            format!("Topic weight per article (first {shown} of {n})")
        } else {
            "Topic weight per article".to_string()
        };
        (
            title,
            results.articles[..shown]
                .iter()
                .map(|a| article_label(&a.title, &a.source, a.article_id))
                .collect(),
            weights[..shown].to_vec(),
        )
    };
    StackedBarChart {
        title,
        value_label: "share of the article's topic weight".to_string(),
        series: (0..t.count)
            .map(|k| Series {
                name: topic_name(results, k as u32 + 1),
                values: rows.iter().map(|r| r[k]).collect(),
            })
            .collect(),
        categories,
    }
}

/// What the segments of the actor chart stand for.
enum SeriesKind {
    Article,
    Section,
    Corpus,
}

/// Articles with their own segment in the actor chart at most; larger corpora are shown by
/// section (when there are at most this many sections), else as one total.
const CHART_SERIES: usize = 10;

/// The segments of the actor chart: one per article for small corpora, else one per section,
/// else one for the whole corpus.
fn actor_series(results: &Results) -> (Vec<Series>, SeriesKind) {
    let shown = results.matrix_actors.len().min(CHART_ACTORS);
    if results.articles.len() <= CHART_SERIES {
        let series = results
            .articles
            .iter()
            .zip(&results.matrix)
            .map(|(a, row)| Series {
                name: article_label(&a.title, &a.source, a.article_id),
                values: row[..shown].iter().map(|&m| f64::from(m)).collect(),
            })
            .collect();
        return (series, SeriesKind::Article);
    }
    let mut sections: Vec<&str> = Vec::new();
    let mut sums: HashMap<&str, Vec<f64>> = HashMap::new();
    for (a, row) in results.articles.iter().zip(&results.matrix) {
        let values = sums.entry(a.section.as_str()).or_insert_with(|| {
            sections.push(a.section.as_str());
            vec![0.0; shown]
        });
        for (v, &m) in values.iter_mut().zip(&row[..shown]) {
            *v += f64::from(m);
        }
    }
    if sections.len() <= CHART_SERIES && !(sections.len() == 1 && sections[0].is_empty()) {
        let series = sections
            .iter()
            .map(|s| Series {
                name: if s.is_empty() {
                    "(no section)".to_string()
                } else {
                    s.to_string()
                },
                values: sums[s].clone(),
            })
            .collect();
        return (series, SeriesKind::Section);
    }
    let mut totals = vec![0.0; shown];
    for values in sums.values() {
        for (t, v) in totals.iter_mut().zip(values) {
            *t += v;
        }
    }
    let series = vec![Series {
        name: format!("all {} articles", results.articles.len()),
        values: totals,
    }];
    (series, SeriesKind::Corpus)
}

/// How an article is named in charts: its title, else its source file.
fn article_label(title: &str, source: &str, id: u32) -> String {
    if title.is_empty() {
        format!("#{id} {source}")
    } else {
        title.to_string()
    }
}
