//! Measures the quality of [`newslens::corpus::html::extract`] on a folder of news pages with gold
//! article bodies, scored exactly as the Scrapinghub article-extraction benchmark's `evaluate.py`.
//!
//! ```sh
//! cargo run --release --example eval_extraction [DIR] [--verbose]
//! ```
//!
//! `DIR` (default `../shared/eval/html-extraction-dev`) holds `ground-truth.json`
//! (`{id: {"articleBody": ..., "url": ...}}`) and `html/<id>.html.gz`. The extracted body is the
//! article's paragraphs joined by newlines; the title is not part of it, as in the gold bodies.
//!
//! The score, as in `evaluate.py`:
//! - words are the runs of Python `\w` characters (letters, digits, `_`; case kept);
//! - a text's shingles are its runs of 4 consecutive words, counted as a multiset; a text of 1
//!   to 3 words is one shorter shingle, an empty text has none;
//! - per page, true positives, false positives and false negatives are counted over shingles
//!   and divided by their sum, so that every page weighs the same;
//! - precision is averaged over the pages with a prediction (`tp + fp > 0`), recall over the
//!   pages with a gold body (`tp + fn > 0`); F1 is the harmonic mean of the two averages.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Folder read when none is given, relative to the crate root.
const DEFAULT_DIR: &str = "../shared/eval/html-extraction-dev";

/// Shingle length of the benchmark.
const SHINGLE_LEN: usize = 4;

fn main() -> ExitCode {
    let mut verbose = false;
    let mut dir = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "-v" | "--verbose" => verbose = true,
            "-h" | "--help" => {
                println!("usage: eval_extraction [DIR] [--verbose]   (default DIR: {DEFAULT_DIR})");
                return ExitCode::SUCCESS;
            }
            _ if dir.is_none() => dir = Some(PathBuf::from(arg)),
            _ => {
                eprintln!("error: unexpected argument {arg:?}");
                return ExitCode::FAILURE;
            }
        }
    }
    let dir = dir.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_DIR));
    let truth_path = dir.join("ground-truth.json");
    if !truth_path.is_file() {
        println!("skipping: {} not found", truth_path.display());
        return ExitCode::SUCCESS;
    }
    match run(&dir, &truth_path, verbose) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Extracts and scores every page of the ground truth, printing the averages.
fn run(dir: &Path, truth_path: &Path, verbose: bool) -> Result<(), String> {
    let truth = load_ground_truth(truth_path)?;
    let mut counts = Vec::with_capacity(truth.len());
    let mut empty = 0;
    for (id, gold, url) in &truth {
        let html_path = dir.join("html").join(format!("{id}.html.gz"));
        let predicted = match read_gz(&html_path) {
            Ok(html) => predict(&html, url.as_deref()),
            Err(err) => {
                eprintln!(
                    "warning: {}: {err}; scored as an empty prediction",
                    html_path.display()
                );
                String::new()
            }
        };
        if predicted.trim().is_empty() {
            empty += 1;
        }
        let page = shingle_matching(gold, &predicted);
        if verbose {
            println!(
                "{id}  P={:.4} R={:.4}  {}",
                precision_score(page),
                recall_score(page),
                url.as_deref().unwrap_or("")
            );
        }
        counts.push(page);
    }
    let scores = average(&counts).ok_or("no page to score")?;
    println!(
        "pages:     {} ({empty} without extracted text)",
        counts.len()
    );
    println!("precision: {:.4}", scores.precision);
    println!("recall:    {:.4}", scores.recall);
    println!("F1:        {:.4}", scores.f1);
    Ok(())
}

/// The article body extracted from `html`: its paragraphs joined by newlines.
fn predict(html: &str, url: Option<&str>) -> String {
    newslens::corpus::html::extract(html, url)
        .map(|article| article.paragraphs.join("\n"))
        .unwrap_or_default()
}

/// Reads `ground-truth.json` as `(id, gold body, url)` triples sorted by id.
fn load_ground_truth(path: &Path) -> Result<Vec<(String, String, Option<String>)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let object = json
        .as_object()
        .ok_or_else(|| format!("{}: not a JSON object", path.display()))?;
    let mut truth: Vec<_> = object
        .iter()
        .map(|(id, entry)| {
            let field = |name| entry.get(name).and_then(|v| v.as_str()).map(str::to_owned);
            (
                id.clone(),
                field("articleBody").unwrap_or_default(),
                field("url"),
            )
        })
        .collect();
    truth.sort();
    Ok(truth)
}

/// Reads a gzip-compressed HTML page and decodes it (see [`decode_html`]).
fn read_gz(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    Ok(decode_html(&bytes))
}

/// Decodes an HTML page: UTF-8 when it is valid UTF-8 (byte-order mark dropped), else the
/// `charset` declared in its first 4 KiB, else Windows-1252.
fn decode_html(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let encoding = head
        .find("charset=")
        .map(|at| {
            head[at + 8..]
                .trim_start_matches(['"', '\''])
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .next()
                .unwrap_or("")
        })
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .unwrap_or(encoding_rs::WINDOWS_1252);
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// Whether `c` matches Python's `\w` in a `str` pattern: a letter (general category L*), a
/// number (Nd, Nl, No) or `_`. Rust's `is_alphanumeric` also accepts the Other_Alphabetic
/// combining marks and enclosed letters (`ⓒ`, `🅐`), which Python's `\w` does not.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    c.is_alphanumeric()
        && !unicode_normalization::char::is_combining_mark(c)
        && !matches!(c,
            '\u{24B6}'..='\u{24E9}'
            | '\u{1F130}'..='\u{1F149}'
            | '\u{1F150}'..='\u{1F169}'
            | '\u{1F170}'..='\u{1F189}')
}

/// The words of `text`: maximal runs of [`is_word_char`] characters, as `re.findall(r'\w+')`.
fn tokenize(text: &str) -> Vec<&str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The multiset of `n`-word shingles of `text`, as `evaluate.py`'s `_all_shingles`: a text of
/// fewer than `n` words is one shorter shingle, an empty text has none.
fn shingles(text: &str, n: usize) -> HashMap<Vec<&str>, usize> {
    let tokens = tokenize(text);
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    for shingle in tokens.windows(n.min(tokens.len())) {
        *counts.entry(shingle.to_vec()).or_insert(0) += 1;
    }
    counts
}

/// A page's true positives, false positives and false negatives, normalised to sum to 1 (all
/// zero when both texts are empty).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Counts {
    tp: f64,
    fp: f64,
    fn_: f64,
}

/// Compares the shingles of the gold and predicted bodies (`string_shingle_matching`).
fn shingle_matching(gold: &str, predicted: &str) -> Counts {
    let gold = shingles(gold, SHINGLE_LEN);
    let predicted = shingles(predicted, SHINGLE_LEN);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (shingle, &g) in &gold {
        let p = predicted.get(shingle).copied().unwrap_or(0);
        tp += g.min(p);
        fn_ += g.saturating_sub(p);
    }
    for (shingle, &p) in &predicted {
        fp += p.saturating_sub(gold.get(shingle).copied().unwrap_or(0));
    }
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return Counts {
            tp: 0.0,
            fp: 0.0,
            fn_: 0.0,
        };
    }
    Counts {
        tp: tp as f64 / sum,
        fp: fp as f64 / sum,
        fn_: fn_ as f64 / sum,
    }
}

/// Precision of one page: 1 when nothing is wrong, 0 when nothing was predicted.
fn precision_score(c: Counts) -> f64 {
    if c.fp == 0.0 && c.fn_ == 0.0 {
        1.0
    } else if c.tp == 0.0 && c.fp == 0.0 {
        0.0
    } else {
        c.tp / (c.tp + c.fp)
    }
}

/// Recall of one page: 1 when nothing is wrong, 0 when there was nothing to find.
fn recall_score(c: Counts) -> f64 {
    if c.fp == 0.0 && c.fn_ == 0.0 {
        1.0
    } else if c.tp == 0.0 && c.fn_ == 0.0 {
        0.0
    } else {
        c.tp / (c.tp + c.fn_)
    }
}

/// Averaged precision and recall and their harmonic mean.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Scores {
    precision: f64,
    recall: f64,
    f1: f64,
}

/// Averages the pages' scores as `metrics_from_tp_fp_fns`: precision over the pages with a
/// prediction, recall over the pages with a gold body. `None` when either set is empty (where
/// `evaluate.py` fails); F1 is 0 when precision and recall are both 0.
fn average(pages: &[Counts]) -> Option<Scores> {
    let mean = |values: Vec<f64>| {
        (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
    };
    let precision = mean(
        pages
            .iter()
            .filter(|c| c.tp + c.fp > 0.0)
            .map(|&c| precision_score(c))
            .collect(),
    )?;
    let recall = mean(
        pages
            .iter()
            .filter(|c| c.tp + c.fn_ > 0.0)
            .map(|&c| recall_score(c))
            .collect(),
    )?;
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Some(Scores {
        precision,
        recall,
        f1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn tokenize_keeps_python_word_characters() {
        assert_eq!(
            tokenize("Don't stop—it's 3.5% of snake_case, naïve Zürich!"),
            [
                "Don",
                "t",
                "stop",
                "it",
                "s",
                "3",
                "5",
                "of",
                "snake_case",
                "naïve",
                "Zürich"
            ]
        );
        // Case is kept; enclosed letters and combining marks are not word characters.
        assert_eq!(tokenize("Word word ⓒ 2019"), ["Word", "word", "2019"]);
        assert_eq!(tokenize("e\u{301}te"), ["e", "te"]);
        assert!(tokenize("  —, ! ").is_empty());
    }

    #[test]
    fn shingles_are_a_multiset_of_four_words() {
        let s = shingles("a b c d a b c d", 4);
        assert_eq!(s.len(), 4);
        assert_eq!(s[&vec!["a", "b", "c", "d"]], 2);
        assert_eq!(s[&vec!["b", "c", "d", "a"]], 1);
    }

    #[test]
    fn short_and_empty_texts() {
        let s = shingles("only two", 4);
        assert_eq!(s.len(), 1);
        assert_eq!(s[&vec!["only", "two"]], 1);
        assert!(shingles("", 4).is_empty());
        assert!(shingles(" ... ", 4).is_empty());
    }

    #[test]
    fn perfect_partial_and_disjoint_pages() {
        let gold = "one two three four five six";
        let perfect = shingle_matching(gold, "one, two; three four five six.");
        assert_eq!(
            (precision_score(perfect), recall_score(perfect)),
            (1.0, 1.0)
        );

        // Gold shingles: 3; predicted: 2, of which 1 is in the gold. tp 1, fp 1, fn 2.
        let partial = shingle_matching(gold, "one two three four x");
        assert!(close(partial.tp, 0.25) && close(partial.fp, 0.25) && close(partial.fn_, 0.5));
        assert!(close(precision_score(partial), 0.5));
        assert!(close(recall_score(partial), 1.0 / 3.0));

        let disjoint = shingle_matching(gold, "nothing in common here at all");
        assert_eq!(
            (precision_score(disjoint), recall_score(disjoint)),
            (0.0, 0.0)
        );
    }

    #[test]
    fn repeated_shingles_count_once_each() {
        // Gold shingles: `a b c d` twice, `b c d a`, `c d a b`, `d a b c`. A prediction with
        // one copy of `a b c d` finds one of the five.
        let c = shingle_matching("a b c d a b c d", "a b c d");
        assert!(close(precision_score(c), 1.0));
        assert!(close(recall_score(c), 0.2));
    }

    #[test]
    fn empty_prediction_is_left_out_of_precision() {
        let missed = shingle_matching("one two three four five", "");
        assert_eq!((missed.tp, missed.fp, missed.fn_), (0.0, 0.0, 1.0));
        assert_eq!(recall_score(missed), 0.0);
        let good = shingle_matching("a b c d e", "a b c d e");
        let scores = average(&[missed, good]).unwrap();
        assert!(close(scores.precision, 1.0));
        assert!(close(scores.recall, 0.5));
        assert!(close(scores.f1, 2.0 / 3.0));
    }

    #[test]
    fn empty_gold_and_prediction() {
        let both = shingle_matching("", "");
        assert_eq!((precision_score(both), recall_score(both)), (1.0, 1.0));
        // Left out of both averages, which are then undefined.
        assert_eq!(average(&[both]), None);
        // Text predicted where the gold is empty: precision 0, left out of recall.
        let extra = shingle_matching("", "some words");
        let good = shingle_matching("a b c d", "a b c d");
        let scores = average(&[extra, good]).unwrap();
        assert!(close(scores.precision, 0.5));
        assert!(close(scores.recall, 1.0));
    }

    #[test]
    fn decodes_declared_legacy_charset() {
        let page = b"<meta charset=\"iso-8859-1\"><p>caf\xE9</p>";
        assert_eq!(
            decode_html(page),
            "<meta charset=\"iso-8859-1\"><p>café</p>"
        );
        assert_eq!(decode_html("\u{FEFF}<p>é</p>".as_bytes()), "<p>é</p>");
    }
}
