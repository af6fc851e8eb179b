//! `manifest.json`: how a run's numbers were made. The newslens version, the exact command line
//! and every effective option, start and end times, per-stage durations, every input file with
//! its size and SHA-256, the stop list, stemmer and actor dictionary used (with checksums), the
//! counts, every warning, and every output file with its SHA-256.
//!
//! Two runs on the same input with the same options write the same manifest except for the
//! values under `"time"` (start, end and durations). Every output is listed with its SHA-256
//! except `report.html`, which shows the run time.

use crate::actors::dictionary::BUILT_IN;
use crate::analysis::trends::Trends;
use crate::config::Config;
use crate::corpus::read::{sha256_hex, sha256_hex_of};
use crate::pipeline::RunSummary;
use crate::text::stopwords::{StopWordFilter, SUPPLEMENT};
use anyhow::Context;
use chrono::{DateTime, SecondsFormat, Utc};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// The file name of the manifest.
pub const MANIFEST_FILE: &str = "manifest.json";

/// Writes the manifest into `dir`, which holds the staged outputs (`outputs`, their digests
/// from [`digest_outputs`]), completing `draft` ([`draft`] of the same run); `report_time` is
/// the time spent writing the outputs.
pub fn write(
    draft: Value,
    summary: &RunSummary,
    outputs: &[OutputDigest],
    report_time: Duration,
    dir: &Path,
) -> anyhow::Result<()> {
    let manifest = complete(draft, summary, outputs, report_time);
    let mut text = serde_json::to_string_pretty(&manifest)?;
    text.push('\n');
    let path = dir.join(MANIFEST_FILE);
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// What the manifest lists of an output file: its path relative to the output directory, its
/// size and its SHA-256 (neither for `report.html`, which shows the run time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputDigest {
    /// Path relative to the output directory.
    pub path: String,
    /// Size in bytes.
    pub bytes: Option<u64>,
    /// SHA-256, lower-case hex.
    pub sha256: Option<String>,
}

impl OutputDigest {
    /// The entry of `report.html`: the report shows the run time, so its bytes differ from run
    /// to run.
    pub fn unhashed(path: &str) -> OutputDigest {
        OutputDigest {
            path: path.to_string(),
            bytes: None,
            sha256: None,
        }
    }
}

/// The digests of the staged `outputs` in `dir`, in their order, each hashed on a worker of
/// its own, except those already in `known` (the tables, hashed as they were written); the
/// report module runs this while it renders `report.html`, which is not among `outputs` and
/// gets its [`OutputDigest::unhashed`] entry from the report module.
pub fn digest_outputs(
    outputs: &[String],
    known: &[OutputDigest],
    dir: &Path,
) -> anyhow::Result<Vec<OutputDigest>> {
    outputs
        .par_iter()
        .map(|name| {
            if let Some(d) = known.iter().find(|d| d.path == *name) {
                return Ok(d.clone());
            }
            let path = dir.join(name);
            let bytes = std::fs::metadata(&path)
                .with_context(|| format!("cannot read {}", path.display()))?
                .len();
            Ok(OutputDigest {
                path: name.clone(),
                bytes: Some(bytes),
                sha256: file_sha256(&path),
            })
        })
        .collect()
}

/// An ISO 8601 UTC time with milliseconds.
fn iso(t: SystemTime) -> String {
    DateTime::<Utc>::from(t).to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Seconds, rounded to the millisecond.
fn seconds(d: Duration) -> f64 {
    (d.as_secs_f64() * 1000.0).round() / 1000.0
}

/// A path as text with `/` separators.
fn path_text(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// The SHA-256 of a file, or `None` when it cannot be read; streamed (`terms.csv` of a large
/// corpus runs to gigabytes).
fn file_sha256(path: &Path) -> Option<String> {
    sha256_hex_of(std::fs::File::open(path).ok()?).ok()
}

/// `draft` with the times (start, end, per-stage durations) and the outputs added.
fn complete(
    mut draft: Value,
    summary: &RunSummary,
    outputs: &[OutputDigest],
    report_time: Duration,
) -> Value {
    let started = summary.started_at.unwrap_or_else(SystemTime::now);
    let mut durations = serde_json::Map::new();
    for (stage, d) in &summary.stages {
        durations.insert(stage.to_string(), json!(seconds(*d)));
    }
    durations.insert("report".into(), json!(seconds(report_time)));
    let total: Duration = summary.stages.iter().map(|(_, d)| *d).sum::<Duration>() + report_time;
    durations.insert("total".into(), json!(seconds(total)));
    let output_list: Vec<Value> = outputs
        .iter()
        .map(|o| json!({ "path": o.path, "bytes": o.bytes, "sha256": o.sha256 }))
        .collect();
    if let Some(fields) = draft.as_object_mut() {
        fields.insert(
            "time".into(),
            json!({
                "started": iso(started),
                "finished": iso(SystemTime::now()),
                "seconds": durations,
            }),
        );
        fields.insert("outputs".into(), Value::Array(output_list));
    }
    draft
}

/// Everything the manifest holds but the times and the outputs, which are known only once the
/// report is written: the report module makes it while the outputs are written.
pub fn draft(
    summary: &RunSummary,
    config: &Config,
    trends: Option<&Trends>,
) -> anyhow::Result<Value> {
    let results = &summary.results;
    let inputs: Vec<Value> = results
        .files
        .iter()
        .map(|f| {
            // A file that was not read (empty, binary, too large) is hashed here; one that
            // cannot be opened has no hash.
            let full = config.input.join(&f.path);
            let (bytes, sha256) = if f.sha256.is_empty() {
                match std::fs::metadata(&full) {
                    Ok(m) if m.is_file() && m.len() <= config.max_file_size => {
                        (Some(m.len()), file_sha256(&full))
                    }
                    Ok(m) if m.is_file() => (Some(m.len()), None),
                    _ => (None, None),
                }
            } else {
                (Some(f.bytes), Some(f.sha256.clone()))
            };
            json!({
                "path": f.path,
                "bytes": bytes,
                "sha256": sha256,
                "format": f.format,
                "encoding": f.encoding,
                "articles": f.articles,
                "status": f.status,
            })
        })
        .collect();

    let stop = StopWordFilter::english();
    let stop_words = stop.sorted_words();
    let stop_text = stop_words.join("\n");
    let mut dictionaries = Vec::new();
    if config.built_in_actors && config.actors {
        dictionaries.push(json!({
            "source": "built-in (data/actors.toml)",
            "bytes": BUILT_IN.len(),
            "sha256": sha256_hex(BUILT_IN.as_bytes()),
        }));
    }
    for f in &config.actor_files {
        dictionaries.push(json!({
            "source": path_text(f),
            "bytes": std::fs::metadata(f).ok().map(|m| m.len()),
            "sha256": file_sha256(f),
        }));
    }

    let mut warnings: Vec<String> = summary
        .skipped
        .iter()
        .map(|s| format!("skipped {}: {}", s.path, s.reason))
        .collect();
    warnings.extend(
        summary
            .warnings
            .iter()
            .map(|w| format!("bad record in {w}")),
    );
    if let Some(t) = trends {
        if t.undated > 0 {
            warnings.push(format!(
                "{} of {} articles have no publication date and are left out of the trends",
                t.undated,
                t.undated + t.dated
            ));
        }
    }

    let fields = &config.fields;
    Ok(json!({
        "newslens": env!("CARGO_PKG_VERSION"),
        "command_line": config.command_line,
        "options": {
            "input": path_text(&config.input),
            "output": path_text(&config.output),
            "keywords": config.keywords,
            "top_terms": config.top_terms,
            "actor_files": config.actor_files.iter().map(|p| path_text(p)).collect::<Vec<_>>(),
            "built_in_actors": config.built_in_actors,
            "actors": config.actors,
            "alias_kinds": config.alias_kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            "threads": rayon::current_num_threads(),
            "charts": config.charts,
            "formula_guard": config.formula_guard,
            "max_file_size": config.max_file_size,
            "topics": config.topics,
            "text_field": fields.text,
            "title_field": fields.title,
            "date_field": fields.date,
            "url_field": fields.url,
            "author_field": fields.author,
            "texts": config.texts,
            "period": config.period.map(|p| p.name()).unwrap_or("auto"),
            "bom": config.bom,
            "parquet": config.parquet,
        },
        "inputs": inputs,
        "analysis": {
            "tokenizer": "Unicode word segmentation (UAX #29, unicode-segmentation), NFC, quotes and dashes normalised",
            "stop_words": {
                "source": format!("NLTK English (stop-words crate) plus {} news function words", SUPPLEMENT.len()),
                "count": stop_words.len(),
                "sha256": sha256_hex(stop_text.as_bytes()),
                "sha256_of": "the sorted words joined by newlines",
                "words": stop_words,
            },
            "stemmer": "Snowball English (Porter 2), rust-stemmers",
            "actor_dictionaries": dictionaries,
            "idf": "ln((1 + N) / (1 + df)) + 1",
        },
        "counts": {
            "files": results.files.len(),
            "files_read": summary.files_read,
            "files_partial": summary.partial,
            "files_skipped": summary.skipped.len(),
            "articles": summary.articles,
            "words": summary.words,
            "distinct_terms": results.corpus_terms.len(),
            "actor_mentions": summary.mentions,
            "actors_mentioned": results.matrix_actors.len(),
        },
        "trends": trends.map(|t| json!({
            "period": t.period.name(),
            "periods": t.periods.len(),
            "dated_articles": t.dated,
            "undated_articles": t.undated,
        })),
        "warnings": warnings,
    }))
}
