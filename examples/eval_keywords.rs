//! Measures newslens's keywords (and, side by side, any other extractor's) against gold
//! keyphrases: precision, recall and F1 at 5 and at 10.
//!
//! ```sh
//! cargo run --release --example eval_keywords [DIR] [--predictions NAME=FILE]... [--write FILE] [--single] [--verbose]
//! ```
//!
//! `DIR` (default `../shared/eval/keyphrases/500n-kpcrowd-dev`) holds `<doc>.txt` documents and
//! their gold keyphrases in `<doc>.key`, one per line. The documents are one corpus: newslens
//! extracts the keywords of each with the corpus statistics of all of them (as a run over the
//! folder would), the first non-empty line being the title; with `--single`, each document is
//! a corpus of its own instead (what a one-article run gets). `--predictions NAME=FILE` adds
//! another system's keywords, read from a tab-separated file of `doc`, `rank`, `keyword` rows
//! (as `scripts/yake_keywords.py` writes them); `--write FILE` writes newslens's keywords in
//! the same format.
//!
//! The protocol is the usual one for keyphrase extraction (as in Boudin's `pke` and the YAKE
//! paper's evaluation):
//! - both sides are normalised the same way: lower-cased, characters that are neither letters,
//!   digits nor white space deleted (the gold files were written so: `Schnabel's` is
//!   `Schnabels`, `Arabic-tinged` is `Arabictinged`), every word stemmed with the Snowball
//!   English stemmer (`rust-stemmers`);
//! - gold phrases are deduplicated after normalisation; so are predictions (the first keeps its
//!   rank), and then the first `k` are kept;
//! - a prediction is correct when its normalised form equals a normalised gold phrase;
//! - per document, `P@k = correct / predictions kept` (0 when there are none),
//!   `R@k = correct / gold phrases`, `F1@k` their harmonic mean;
//! - **macro** averages: P, R and F1 are averaged over documents (the figure reported), and
//!   the **micro** F1 (counts summed over documents first) is printed below it.

use newslens::Article;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Folder read when none is given, relative to the crate root.
const DEFAULT_DIR: &str = "../shared/eval/keyphrases/500n-kpcrowd-dev";

/// The cut-offs reported.
const CUTOFFS: [usize; 2] = [5, 10];

/// Keywords asked of newslens per document (more than the largest cut-off, so that
/// duplicates after stemming do not leave places empty).
const EXTRACTED: usize = 15;

fn main() -> ExitCode {
    let mut dir = None;
    let mut others: Vec<(String, PathBuf)> = Vec::new();
    let mut write = None;
    let mut verbose = false;
    let mut single = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-v" | "--verbose" => verbose = true,
            "--single" => single = true,
            "-h" | "--help" => {
                println!(
                    "usage: eval_keywords [DIR] [--predictions NAME=FILE]... [--write FILE] [--single] [--verbose]\n\
                     (default DIR: {DEFAULT_DIR})"
                );
                return ExitCode::SUCCESS;
            }
            "--predictions" | "--write" => {
                let Some(value) = args.next() else {
                    eprintln!("error: {arg} needs a value");
                    return ExitCode::FAILURE;
                };
                if arg == "--write" {
                    write = Some(PathBuf::from(value));
                } else if let Some((name, file)) = value.split_once('=') {
                    others.push((name.to_string(), PathBuf::from(file)));
                } else {
                    eprintln!("error: --predictions takes NAME=FILE, not {value:?}");
                    return ExitCode::FAILURE;
                }
            }
            _ if dir.is_none() => dir = Some(PathBuf::from(arg)),
            _ => {
                eprintln!("error: unexpected argument {arg:?}");
                return ExitCode::FAILURE;
            }
        }
    }
    let dir = dir.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_DIR));
    if !dir.is_dir() {
        println!("skipping: {} not found", dir.display());
        return ExitCode::SUCCESS;
    }
    match run(&dir, &others, write.as_deref(), verbose, single) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Extracts, reads the other systems' keywords, scores and prints the table.
fn run(
    dir: &Path,
    others: &[(String, PathBuf)],
    write: Option<&Path>,
    verbose: bool,
    single: bool,
) -> Result<(), String> {
    let docs = load_documents(dir)?;
    if docs.is_empty() {
        return Err(format!(
            "no .txt document with a .key file in {}",
            dir.display()
        ));
    }
    let articles: Vec<Article> = docs
        .iter()
        .map(|d| Article::from_plain_text(&d.text))
        .collect();
    let started = Instant::now();
    let extracted: Vec<Vec<newslens::keywords::Keyword>> = if single {
        articles
            .iter()
            .map(|a| {
                newslens::analysis::article_keywords(std::slice::from_ref(a), EXTRACTED)
                    .pop()
                    .unwrap_or_default()
            })
            .collect()
    } else {
        newslens::analysis::article_keywords(&articles, EXTRACTED)
    };
    let elapsed = started.elapsed();
    let ours: HashMap<String, Vec<String>> = docs
        .iter()
        .zip(extracted)
        .map(|(d, k)| (d.id.clone(), k.into_iter().map(|k| k.text).collect()))
        .collect();
    if let Some(path) = write {
        write_predictions(path, &docs, &ours)?;
    }
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let gold: Vec<Vec<String>> = docs
        .iter()
        .map(|d| normalised_set(&stemmer, d.gold.iter().map(String::as_str), usize::MAX))
        .collect();
    let mut systems = vec![("newslens".to_string(), ours)];
    for (name, path) in others {
        systems.push((name.clone(), read_predictions(path)?));
    }
    println!(
        "{} documents{}, {:.1} gold keyphrases each; newslens extracted in {:.3} s (wall)",
        docs.len(),
        if single { " (each its own corpus)" } else { "" },
        gold.iter().map(Vec::len).sum::<usize>() as f64 / docs.len() as f64,
        elapsed.as_secs_f64()
    );
    println!();
    println!(
        "{:<12} {:>7} {:>7} {:>7}   {:>7} {:>7} {:>7}   {:>8} {:>8}",
        "system", "P@5", "R@5", "F1@5", "P@10", "R@10", "F1@10", "µF1@5", "µF1@10"
    );
    for (name, predictions) in &systems {
        let mut per_cutoff = Vec::new();
        for k in CUTOFFS {
            let counts: Vec<Counts> = docs
                .iter()
                .zip(&gold)
                .map(|(d, g)| {
                    let p = predictions.get(&d.id).map(Vec::as_slice).unwrap_or(&[]);
                    let p = normalised_set(&stemmer, p.iter().map(String::as_str), k);
                    let c = match_counts(&p, g);
                    if verbose && k == 10 {
                        println!(
                            "{name:<12} {}  correct {} of {}",
                            d.id, c.correct, c.predicted
                        );
                    }
                    c
                })
                .collect();
            per_cutoff.push((macro_scores(&counts), micro_f1(&counts)));
        }
        let ((m5, u5), (m10, u10)) = (per_cutoff[0], per_cutoff[1]);
        println!(
            "{name:<12} {:>7.4} {:>7.4} {:>7.4}   {:>7.4} {:>7.4} {:>7.4}   {:>8.4} {:>8.4}",
            m5.precision, m5.recall, m5.f1, m10.precision, m10.recall, m10.f1, u5, u10
        );
    }
    Ok(())
}

/// One evaluation document.
struct Document {
    /// File name without `.txt`.
    id: String,
    text: String,
    gold: Vec<String>,
}

/// Reads every `<doc>.txt` of `dir` that has a `<doc>.key`, by name.
fn load_documents(dir: &Path) -> Result<Vec<Document>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut docs = Vec::new();
    for path in paths {
        let key = path.with_extension("key");
        if !key.is_file() {
            continue;
        }
        let read = |p: &Path| -> Result<String, String> {
            let bytes = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
            Ok(String::from_utf8_lossy(&bytes).into_owned())
        };
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        docs.push(Document {
            id,
            text: read(&path)?,
            gold: read(&key)?
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
        });
    }
    Ok(docs)
}

/// Reads a tab-separated `doc`, `rank`, `keyword` file into each document's keywords by rank.
fn read_predictions(path: &Path) -> Result<HashMap<String, Vec<String>>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rows: Vec<(String, u32, String)> = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
        let mut cells = line.splitn(3, '\t');
        let (Some(doc), Some(rank), Some(keyword)) = (cells.next(), cells.next(), cells.next())
        else {
            return Err(format!(
                "{}:{}: expected doc, rank, keyword",
                path.display(),
                n + 1
            ));
        };
        let rank = rank
            .parse()
            .map_err(|_| format!("{}:{}: bad rank {rank:?}", path.display(), n + 1))?;
        rows.push((doc.to_string(), rank, keyword.to_string()));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for (doc, _, keyword) in rows {
        out.entry(doc).or_default().push(keyword);
    }
    Ok(out)
}

/// Writes keywords as `doc`, `rank`, `keyword` rows.
fn write_predictions(
    path: &Path,
    docs: &[Document],
    keywords: &HashMap<String, Vec<String>>,
) -> Result<(), String> {
    let mut out = String::new();
    for d in docs {
        for (rank, k) in keywords[&d.id].iter().enumerate() {
            out.push_str(&format!(
                "{}\t{}\t{}\n",
                d.id,
                rank + 1,
                k.replace('\t', " ")
            ));
        }
    }
    std::fs::write(path, out).map_err(|e| format!("{}: {e}", path.display()))
}

/// A phrase lower-cased, stripped of what is not a letter, digit or space, and stemmed word by
/// word; empty when nothing is left.
fn normalise(stemmer: &rust_stemmers::Stemmer, phrase: &str) -> String {
    let cleaned: String = phrase
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    cleaned
        .split_whitespace()
        .map(|w| stemmer.stem(w).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first `limit` distinct non-empty normalised phrases, in order.
fn normalised_set<'a>(
    stemmer: &rust_stemmers::Stemmer,
    phrases: impl Iterator<Item = &'a str>,
    limit: usize,
) -> Vec<String> {
    let mut seen = HashSet::new();
    phrases
        .map(|p| normalise(stemmer, p))
        .filter(|p| !p.is_empty() && seen.insert(p.clone()))
        .take(limit)
        .collect()
}

/// Matches of one document at one cut-off.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Counts {
    correct: usize,
    predicted: usize,
    gold: usize,
}

/// Counts the predictions found among the gold phrases (both already normalised and distinct).
fn match_counts(predicted: &[String], gold: &[String]) -> Counts {
    let gold_set: HashSet<&String> = gold.iter().collect();
    Counts {
        correct: predicted.iter().filter(|p| gold_set.contains(p)).count(),
        predicted: predicted.len(),
        gold: gold.len(),
    }
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Scores {
    precision: f64,
    recall: f64,
    f1: f64,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Per-document scores averaged over documents.
fn macro_scores(counts: &[Counts]) -> Scores {
    let n = counts.len().max(1) as f64;
    let (mut p, mut r, mut f) = (0.0, 0.0, 0.0);
    for c in counts {
        let (dp, dr) = (ratio(c.correct, c.predicted), ratio(c.correct, c.gold));
        p += dp;
        r += dr;
        f += f1(dp, dr);
    }
    Scores {
        precision: p / n,
        recall: r / n,
        f1: f / n,
    }
}

/// F1 of the counts summed over documents.
fn micro_f1(counts: &[Counts]) -> f64 {
    let sum = |f: fn(&Counts) -> usize| counts.iter().map(f).sum::<usize>();
    let correct = sum(|c| c.correct);
    f1(
        ratio(correct, sum(|c| c.predicted)),
        ratio(correct, sum(|c| c.gold)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stemmer() -> rust_stemmers::Stemmer {
        rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English)
    }

    #[test]
    fn normalisation_matches_the_gold_files() {
        let s = stemmer();
        assert_eq!(
            normalise(&s, "Schnabel's girlfriend"),
            normalise(&s, "Schnabels girlfriends")
        );
        assert_eq!(normalise(&s, "Arabic-tinged tongues"), "arabicting tongu");
        assert_eq!(normalise(&s, "  Rated PG- 13 "), "rate pg 13");
        assert_eq!(normalise(&s, "—"), "");
    }

    #[test]
    fn predictions_are_deduplicated_before_the_cut() {
        let s = stemmer();
        let p = normalised_set(
            &s,
            ["Protests", "protest", "--", "Almaty", "Astana"].into_iter(),
            2,
        );
        assert_eq!(p, vec!["protest", "almati"]);
    }

    #[test]
    fn macro_and_micro_averages() {
        let gold: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
        let c1 = match_counts(&["a".into(), "x".into()], &gold);
        assert_eq!(
            c1,
            Counts {
                correct: 1,
                predicted: 2,
                gold: 4
            }
        );
        let c2 = Counts {
            correct: 0,
            predicted: 0,
            gold: 2,
        };
        let m = macro_scores(&[c1, c2]);
        assert!((m.precision - 0.25).abs() < 1e-12);
        assert!((m.recall - 0.125).abs() < 1e-12);
        assert!((m.f1 - f1(0.5, 0.25) / 2.0).abs() < 1e-12);
        assert!((micro_f1(&[c1, c2]) - f1(0.5, 1.0 / 6.0)).abs() < 1e-12);
    }
}
