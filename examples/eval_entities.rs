//! Measures how well newslens finds the names in news articles: dictionary matches plus
//! `candidates.csv` (unmatched capitalised names and acronyms), against names annotated by hand.
//!
//! ```sh
//! cargo run --release --example eval_entities [DIR] [--alias-kinds KINDS] [--verbose]
//! ```
//!
//! `DIR` (default `tests/fixtures/entities`) holds one gold file per article (see its
//! README.md): the article's source and number, then the distinct names of people,
//! organisations and places it writes. Each source is split into articles as a run would
//! split it (a one-file corpus), analysed with the built-in dictionary, and the article's
//! predicted names are the texts of its counted mentions (by default of the kinds `name`,
//! `surname`, `acronym` and `capital`: capitals are place names) and its unmatched names that
//! `candidates.csv` keeps over the gold articles. Scores are micro-averaged over articles:
//! precision = found gold names / predicted names, recall = found gold names / gold names,
//! names compared exactly as written. A gold file whose source is missing (the BBC corpus lives
//! in `../shared`) is skipped with a message.

use newslens::actors::candidates::candidate_rows;
use newslens::actors::{analyze_actors, ActorDictionary, ActorMatcher, AliasKind, ArticleActors};
use newslens::corpus::parse::parse;
use newslens::corpus::Format;
use newslens::split::{ArticleSplitter, CorpusMarkers};
use newslens::text::Analyzer;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One annotated article.
struct Gold {
    file: PathBuf,
    source: PathBuf,
    article: usize,
    names: BTreeSet<String>,
}

fn main() -> ExitCode {
    let mut dir = PathBuf::from("tests/fixtures/entities");
    let mut verbose = false;
    let mut kinds = vec![
        AliasKind::Name,
        AliasKind::Surname,
        AliasKind::Acronym,
        AliasKind::Capital,
    ];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--verbose" => verbose = true,
            "--alias-kinds" => {
                let Some(list) = args.next() else {
                    eprintln!("--alias-kinds needs a list");
                    return ExitCode::from(2);
                };
                kinds = list.split(',').filter_map(AliasKind::parse).collect();
            }
            other => dir = PathBuf::from(other),
        }
    }
    match evaluate(&dir, &kinds, verbose) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eval_entities: {e}");
            ExitCode::from(2)
        }
    }
}

fn read_gold(path: &Path) -> Result<Gold, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut source = None;
    let mut article = 1;
    let mut names = BTreeSet::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(s) = line.strip_prefix("source:") {
            source = Some(PathBuf::from(s.trim()));
        } else if let Some(n) = line.strip_prefix("article:") {
            article = n
                .trim()
                .parse()
                .map_err(|_| format!("{}: bad article number", path.display()))?;
        } else {
            names.insert(newslens::text::normalize(line));
        }
    }
    Ok(Gold {
        file: path.to_path_buf(),
        source: source.ok_or_else(|| format!("{}: no source: line", path.display()))?,
        article,
        names,
    })
}

fn evaluate(dir: &Path, kinds: &[AliasKind], verbose: bool) -> Result<(), String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let dictionary = ActorDictionary::built_in();
    let matcher = ActorMatcher::new(&dictionary, kinds).map_err(|e| e.to_string())?;
    let mut analyzer = Analyzer::english();
    let mut golds = Vec::new();
    let mut facts: Vec<ArticleActors> = Vec::new();
    for file in &files {
        let gold = read_gold(file)?;
        let Ok(page) = std::fs::read_to_string(&gold.source) else {
            eprintln!(
                "eval_entities: skipping {}: {} is absent",
                gold.file.display(),
                gold.source.display()
            );
            continue;
        };
        let mut markers = CorpusMarkers::default();
        markers.observe_page(&page);
        let splitter = ArticleSplitter::new(markers.markers());
        let name = gold.source.to_string_lossy().to_string();
        let parsed = parse(&name, Format::Text, &page, &splitter, &Default::default())?;
        let article = parsed.articles.get(gold.article - 1).ok_or_else(|| {
            format!(
                "{}: {} has no article {}",
                gold.file.display(),
                gold.source.display(),
                gold.article
            )
        })?;
        let (text, title_len) = article.analysed_text();
        let tokens = analyzer.analyze(&text).to_vec();
        facts.push(analyze_actors(&text, title_len, &tokens, &matcher));
        golds.push(gold);
    }
    if golds.is_empty() {
        return Err("no gold article could be read".to_string());
    }
    // The names candidates.csv keeps over the gold articles.
    let kept: BTreeSet<String> = candidate_rows(
        facts
            .iter()
            .enumerate()
            .map(|(i, f)| (i as u32 + 1, f.candidates.as_slice())),
    )
    .into_iter()
    .map(|r| r.name)
    .collect();
    let (mut tp, mut predicted_total, mut gold_total) = (0, 0, 0);
    println!("article                      gold  predicted  found  precision  recall");
    for (gold, f) in golds.iter().zip(&facts) {
        let mut predicted: BTreeSet<String> =
            f.mentions.iter().map(|m| m.text().to_string()).collect();
        predicted.extend(
            f.candidates
                .iter()
                .filter(|c| kept.contains(&*c.text))
                .map(|c| c.text.to_string()),
        );
        let found = predicted.intersection(&gold.names).count();
        tp += found;
        predicted_total += predicted.len();
        gold_total += gold.names.len();
        let name = gold.file.file_stem().unwrap_or_default().to_string_lossy();
        println!(
            "{name:<28} {:>4}  {:>9}  {found:>5}  {:>9.3}  {:>6.3}",
            gold.names.len(),
            predicted.len(),
            ratio(found, predicted.len()),
            ratio(found, gold.names.len())
        );
        if verbose {
            let missed: Vec<&String> = gold.names.difference(&predicted).collect();
            let extra: Vec<&String> = predicted.difference(&gold.names).collect();
            println!("    missed: {missed:?}");
            println!("    not in gold: {extra:?}");
        }
    }
    let (p, r) = (ratio(tp, predicted_total), ratio(tp, gold_total));
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!(
        "all {} articles: gold {gold_total}, predicted {predicted_total}, found {tp}: precision {p:.3}, recall {r:.3}, F1 {f1:.3}",
        golds.len()
    );
    Ok(())
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}
