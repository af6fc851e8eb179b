//! Writing a run's results: CSV (and Parquet) tables through polars ([`tables`]), PNG charts
//! through plotters ([`charts`]) each with a CSV of the numbers drawn, the trends over time, the
//! analysed texts ([`texts`]), the HTML report ([`html`]) and the manifest ([`manifest`]).
//!
//! Everything is first written to a staging folder inside the output directory and moved into
//! place only once all of it has been written and every destination has been checked, so a
//! failed run leaves the previous results as they were. Each file is replaced atomically (see
//! [`replace_file`]). The files a run wrote are listed in `.newslens-files`; the next run removes those
//! it does not write again (charts after `--no-charts`), so the folder never mixes two runs.

pub mod charts;
pub mod html;
pub mod manifest;
pub mod tables;
pub mod texts;

use crate::analysis::trends::{SeriesKind as TrendKind, Trends};
use crate::analysis::Results;
use crate::config::Config;
use crate::pipeline::RunSummary;
use anyhow::Context;
use charts::{
    Bar, BarChart, Heatmap, LineChart, LinePanel, Panel, PanelChart, Series, StackedBarChart,
};
use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::time::Instant;
use tables::TableOptions;
use texts::TextParts;

/// Actors shown in the actor chart at most.
const CHART_ACTORS: usize = 15;
/// Actors and terms followed in the trends.
pub const TREND_SERIES: usize = 5;

/// Writes every output of the run into `config.output`: the tables, the analysed texts (joined
/// from `texts`), the trends, the charts with their data, the HTML report and the manifest;
/// returns the files written, relative to the output directory.
pub fn write(
    summary: &RunSummary,
    config: &Config,
    texts: Option<TextParts>,
) -> anyhow::Result<Vec<String>> {
    let out = &config.output;
    fs::create_dir_all(out)
        .with_context(|| format!("cannot create output directory {}", out.display()))?;
    let staging = out.join(format!(".newslens-staging-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).ok();
    }
    let written = write_staged(summary, config, texts.as_ref(), &staging).and_then(|files| {
        publish(&staging, out, &files)?;
        Ok(files)
    });
    fs::remove_dir_all(&staging).ok();
    written
}

/// Writes everything into `staging`.
fn write_staged(
    summary: &RunSummary,
    config: &Config,
    texts: Option<&TextParts>,
    staging: &Path,
) -> anyhow::Result<Vec<String>> {
    let started = Instant::now();
    let results = &summary.results;
    fs::create_dir_all(staging.join("charts")).with_context(|| {
        format!(
            "cannot write to output directory {}",
            config.output.display()
        )
    })?;
    let options = TableOptions::of(config);
    let table_names = tables::names(results, options);
    // Everything else is written while `terms.csv`, by far the largest table, is (after the
    // other tables, which the page reads): the analysed texts, the trends, the charts and the
    // page; the rest of the manifest is gathered and the outputs that are not tables hashed.
    let everything_else = || -> anyhow::Result<_> {
        let mut more: Vec<String> = Vec::new();
        if let Some(texts) = texts {
            texts.assemble(&staging.join(texts::TEXTS_FILE))?;
            more.push(texts::TEXTS_FILE.to_string());
        }
        let trends = Trends::build(results, config.period, TREND_SERIES);
        if let Some(t) = &trends {
            more.extend(tables::write_extra(
                tables::trends(t)?,
                staging,
                "trends.csv",
                options,
            )?);
        }
        if config.charts {
            more.extend(write_charts(results, trends.as_ref(), config, staging)?);
        }
        let files: Vec<String> = table_names.iter().chain(&more).cloned().collect();
        let ((page, digests), draft) = rayon::join(
            || {
                rayon::join(
                    || {
                        html::write(
                            summary,
                            config,
                            trends.as_ref(),
                            &files,
                            started.elapsed(),
                            staging,
                        )
                    },
                    || manifest::digest_outputs(&more, &[], staging),
                )
            },
            || manifest::draft(summary, config, trends.as_ref()),
        );
        page?;
        Ok((files, digests?, draft?))
    };
    let (table_digests, rest) = tables::write_all(results, staging, options, everything_else)?;
    let (mut files, other_digests, draft) = rest?;
    // The CSV tables were hashed as they were written; Parquet files are hashed here.
    let mut digests = manifest::digest_outputs(&table_names, &table_digests, staging)?;
    digests.extend(other_digests);
    files.push(html::REPORT_FILE.to_string());
    digests.push(manifest::OutputDigest::unhashed(html::REPORT_FILE));
    manifest::write(draft, summary, &digests, started.elapsed(), staging)?;
    files.push(manifest::MANIFEST_FILE.to_string());
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
        replace_file(&staging.join(f), &to)
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

/// Moves `from` to `to` in one step, replacing any file at `to`: at every moment `to` is either
/// the old file or the new one.
///
/// On Linux an existing file is exchanged with the new one (`renameat2` with
/// `RENAME_EXCHANGE`), and the old file, now at `from`, goes when the staging folder is
/// removed. A plain rename over an existing file makes ext4 write the new file's data out
/// before it returns (its "replace via rename" safeguard, `auto_da_alloc`): 11 ms for the BBC
/// corpus's 12 MB `terms.csv`, a twentieth of the run (`strace -T`), on a disk mounted with
/// `discard`. Elsewhere, or where the file system cannot exchange, it is a plain rename.
fn replace_file(from: &Path, to: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes());
        if let (Ok(from_c), Ok(to_c)) = (c(from), c(to)) {
            // SAFETY: two NUL-terminated paths, valid for the call.
            let done = unsafe {
                libc::renameat2(
                    libc::AT_FDCWD,
                    from_c.as_ptr(),
                    libc::AT_FDCWD,
                    to_c.as_ptr(),
                    libc::RENAME_EXCHANGE,
                )
            };
            if done == 0 {
                return Ok(());
            }
            // No file to exchange with, or no exchange on this file system or kernel: a plain
            // rename. Any other error is the rename's to report.
        }
    }
    fs::rename(from, to)
}

/// Draws the charts into `dir/charts`, each with a CSV of the numbers it draws beside it.
fn write_charts(
    results: &Results,
    trends: Option<&Trends>,
    config: &Config,
    dir: &Path,
) -> anyhow::Result<Vec<String>> {
    let mut out = ChartFiles {
        dir,
        options: TableOptions::of(config),
        files: Vec::new(),
    };
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
    out.publish(
        "top_terms",
        |path| charts::draw_bar_chart(&top_terms, path),
        || tables::bar_chart_table(&top_terms.drawn(), "word", "count"),
    )?;

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
    out.publish(
        "keywords",
        |path| charts::draw_panel_chart(&keywords, path),
        || tables::panel_chart_table(&keywords.drawn(), "article", "keyword", "score"),
    )?;

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
    out.publish(
        "actor_mentions",
        |path| charts::draw_stacked_bar_chart(&actors, path),
        || tables::stacked_chart_table(&actors.drawn(), "actor", "series", "mentions"),
    )?;
    let heatmap = co_mention_heatmap(results);
    out.publish(
        "co_mentions",
        |path| charts::draw_heatmap(&heatmap, path),
        || tables::heatmap_table(&heatmap, "sentences"),
    )?;

    if results.topics.count > 0 {
        let topics = topic_words_chart(results);
        out.publish(
            "topics",
            |path| charts::draw_panel_chart(&topics, path),
            || tables::panel_chart_table(&topics.drawn(), "topic", "word", "percent"),
        )?;
        let weights = article_topics_chart(results);
        out.publish(
            "article_topics",
            |path| charts::draw_stacked_bar_chart(&weights, path),
            || tables::stacked_chart_table(&weights.drawn(), "article", "topic", "weight"),
        )?;
    }

    if let Some(t) = trends {
        let panel = |kind: TrendKind, title: &str| LinePanel {
            title: title.to_string(),
            series: t
                .series
                .iter()
                .filter(|s| s.kind == kind)
                .map(|s| Series {
                    name: s.name.clone(),
                    values: s.counts.iter().map(|&c| c as f64).collect(),
                })
                .collect(),
        };
        let chart = LineChart {
            title: format!(
                "Top actors and terms by {} of publication ({} of {} articles dated)",
                t.period.name(),
                t.dated,
                t.dated + t.undated
            ),
            value_label: format!("per {}", t.period.name()),
            x_labels: t
                .periods
                .iter()
                .map(|d| match t.period {
                    crate::analysis::trends::Period::Month => d.format("%Y-%m").to_string(),
                    crate::analysis::trends::Period::Year => d.format("%Y").to_string(),
                    _ => d.format("%Y-%m-%d").to_string(),
                })
                .collect(),
            panels: vec![
                panel(
                    TrendKind::Actor,
                    &format!("Mentions of the top actors per {}", t.period.name()),
                ),
                panel(
                    TrendKind::Term,
                    &format!("Occurrences of the top terms per {}", t.period.name()),
                ),
            ],
        };
        out.publish(
            "trends",
            |path| charts::draw_line_chart(&chart, path),
            || tables::line_chart_table(&chart.drawn(), "period", "count"),
        )?;
    }
    Ok(out.files)
}

/// The chart files written so far, and where and how to write more.
struct ChartFiles<'a> {
    dir: &'a Path,
    options: TableOptions,
    files: Vec<String>,
}

impl ChartFiles<'_> {
    /// Draws `charts/NAME.png` and writes the numbers it draws as `charts/NAME.csv` (and as
    /// Parquet with `--parquet`), recording every file written.
    fn publish(
        &mut self,
        name: &str,
        draw: impl FnOnce(&Path) -> anyhow::Result<()>,
        table: impl FnOnce() -> tables::ChartTable,
    ) -> anyhow::Result<()> {
        let png = format!("charts/{name}.png");
        draw(&self.dir.join(&png))?;
        self.files.push(png);
        let csv = format!("charts/{name}.csv");
        let table = table().with_context(|| format!("cannot build {csv}"))?;
        self.files
            .extend(tables::write_extra(table, self.dir, &csv, self.options)?);
        Ok(())
    }
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

/// Actors shown in the co-mention heatmap at most.
const HEATMAP_ACTORS: usize = 20;

/// The co-mention heatmap: the most mentioned actors, each cell the sentences mentioning both
/// (more telling than articles in small corpora, where every article names the main actors).
fn co_mention_heatmap(results: &Results) -> Heatmap {
    let shown: Vec<String> = results
        .matrix_actors
        .iter()
        .take(HEATMAP_ACTORS)
        .cloned()
        .collect();
    let index: HashMap<&str, usize> = shown
        .iter()
        .enumerate()
        .map(|(i, a)| (a.as_str(), i))
        .collect();
    let mut values = vec![vec![0.0; shown.len()]; shown.len()];
    for c in &results.actor_tables.co_mentions {
        if let (Some(&i), Some(&j)) = (index.get(c.actor_a.as_str()), index.get(c.actor_b.as_str()))
        {
            values[i][j] = f64::from(c.sentences);
            values[j][i] = f64::from(c.sentences);
        }
    }
    Heatmap {
        title: format!("Co-mentions of the top {} actors", shown.len()),
        value_label: "sentences mentioning both actors (co_mentions.csv also counts articles)"
            .to_string(),
        labels: shown,
        values,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_replaces_an_older_one_or_takes_an_empty_place() {
        let dir = tempfile::tempdir().unwrap();
        let (from, to) = (dir.path().join("new.csv"), dir.path().join("terms.csv"));
        // No file in place yet.
        fs::write(&from, "first").unwrap();
        replace_file(&from, &to).unwrap();
        assert_eq!(fs::read_to_string(&to).unwrap(), "first");
        assert!(!from.exists());
        // An older file in place: replaced, and never left at `to`.
        fs::write(&from, "second").unwrap();
        replace_file(&from, &to).unwrap();
        assert_eq!(fs::read_to_string(&to).unwrap(), "second");
        // A missing source is an error, and what is in place stays.
        assert!(replace_file(&dir.path().join("missing.csv"), &to).is_err());
        assert_eq!(fs::read_to_string(&to).unwrap(), "second");
    }
}
