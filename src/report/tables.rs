//! CSV tables built as polars DataFrames: UTF-8, one header row, comma-separated, quoted where
//! needed, decimals written plainly with six digits.

use crate::analysis::Results;
use anyhow::Context;
use polars::prelude::*;
use std::fs::File;
use std::path::Path;

/// The tables written, in order.
pub const TABLES: [&str; 7] = [
    "files.csv",
    "articles.csv",
    "terms.csv",
    "corpus_terms.csv",
    "keywords.csv",
    "actors.csv",
    "actor_matrix.csv",
];

/// Builds every table and writes it into `dir`; returns the file names. With `formula_guard`,
/// text cells taken from the corpus are neutralised against spreadsheet formula injection (see
/// [`neutralise_formula`]).
pub fn write_all(
    results: &Results,
    dir: &Path,
    formula_guard: bool,
) -> anyhow::Result<Vec<String>> {
    let guarded;
    let results = if formula_guard {
        guarded = guard_results(results);
        &guarded
    } else {
        results
    };
    let frames = [
        files(results)?,
        articles(results)?,
        terms(results)?,
        corpus_terms(results)?,
        keywords(results)?,
        actors(results)?,
        actor_matrix(results)?,
    ];
    for (name, mut df) in TABLES.iter().zip(frames) {
        write_csv(&mut df, &dir.join(name))?;
    }
    Ok(TABLES.iter().map(|s| s.to_string()).collect())
}

/// Writes one DataFrame as CSV.
fn write_csv(df: &mut DataFrame, path: &Path) -> anyhow::Result<()> {
    let mut file =
        File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    CsvWriter::new(&mut file)
        .include_header(true)
        .with_float_scientific(Some(false))
        .with_float_precision(Some(6))
        .finish(df)
        .map_err(anyhow::Error::from)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Neutralises a cell that a spreadsheet would run as a formula, as OWASP recommends: a cell
/// beginning with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, which
/// spreadsheets show as text and do not evaluate.
pub fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A copy of the results with every text cell that comes from the corpus neutralised.
fn guard_results(r: &Results) -> Results {
    let g = |s: &String| neutralise_formula(s).into_owned();
    let mut out = r.clone();
    for f in &mut out.files {
        f.path = g(&f.path);
    }
    for a in &mut out.articles {
        a.source = g(&a.source);
        a.title = g(&a.title);
        a.section = g(&a.section);
        a.author = g(&a.author);
        a.url = g(&a.url);
    }
    for t in &mut out.corpus_terms {
        t.word = g(&t.word);
    }
    for k in &mut out.keywords {
        k.keyword = g(&k.keyword);
    }
    for a in &mut out.actors {
        a.actor = g(&a.actor);
        a.kind = g(&a.kind);
    }
    for a in &mut out.matrix_actors {
        *a = g(a);
    }
    out
}

/// `files.csv`.
pub fn files(r: &Results) -> PolarsResult<DataFrame> {
    let f = &r.files;
    DataFrame::new(
        f.len(),
        vec![
            strings("path", f.iter().map(|x| x.path.as_str())),
            strings("format", f.iter().map(|x| x.format.as_str())),
            strings("encoding", f.iter().map(|x| x.encoding.as_str())),
            Column::new(
                "articles".into(),
                f.iter().map(|x| x.articles).collect::<Vec<_>>(),
            ),
            strings("status", f.iter().map(|x| x.status.as_str())),
        ],
    )
}

/// A string column from an iterator.
fn strings<'a>(name: &str, values: impl Iterator<Item = &'a str>) -> Column {
    Column::new(name.into(), values.collect::<Vec<&str>>())
}

/// `articles.csv`.
pub fn articles(r: &Results) -> PolarsResult<DataFrame> {
    let a = &r.articles;
    DataFrame::new(
        a.len(),
        vec![
            Column::new(
                "article_id".into(),
                a.iter().map(|x| x.article_id).collect::<Vec<_>>(),
            ),
            strings("source", a.iter().map(|x| x.source.as_str())),
            strings("title", a.iter().map(|x| x.title.as_str())),
            strings("section", a.iter().map(|x| x.section.as_str())),
            strings("author", a.iter().map(|x| x.author.as_str())),
            strings("published", a.iter().map(|x| x.published.as_str())),
            strings("url", a.iter().map(|x| x.url.as_str())),
            Column::new(
                "words".into(),
                a.iter().map(|x| x.words).collect::<Vec<_>>(),
            ),
            Column::new(
                "terms".into(),
                a.iter().map(|x| x.terms).collect::<Vec<_>>(),
            ),
        ],
    )
}

/// `terms.csv`.
pub fn terms(r: &Results) -> PolarsResult<DataFrame> {
    let t = &r.terms;
    let vocabulary = &r.corpus_terms;
    DataFrame::new(
        t.len(),
        vec![
            Column::new(
                "article_id".into(),
                t.iter().map(|x| x.article_id).collect::<Vec<_>>(),
            ),
            strings(
                "term",
                t.iter().map(|x| vocabulary[x.term as usize].term.as_str()),
            ),
            strings(
                "word",
                t.iter().map(|x| vocabulary[x.term as usize].word.as_str()),
            ),
            Column::new(
                "count".into(),
                t.iter().map(|x| x.count).collect::<Vec<_>>(),
            ),
            Column::new(
                "frequency".into(),
                t.iter().map(|x| x.frequency).collect::<Vec<_>>(),
            ),
            Column::new(
                "tfidf".into(),
                t.iter().map(|x| x.tfidf).collect::<Vec<_>>(),
            ),
        ],
    )
}

/// `corpus_terms.csv`.
pub fn corpus_terms(r: &Results) -> PolarsResult<DataFrame> {
    let t = &r.corpus_terms;
    DataFrame::new(
        t.len(),
        vec![
            strings("term", t.iter().map(|x| x.term.as_str())),
            strings("word", t.iter().map(|x| x.word.as_str())),
            Column::new(
                "count".into(),
                t.iter().map(|x| x.count).collect::<Vec<_>>(),
            ),
            Column::new(
                "articles".into(),
                t.iter().map(|x| x.articles).collect::<Vec<_>>(),
            ),
        ],
    )
}

/// `keywords.csv`.
pub fn keywords(r: &Results) -> PolarsResult<DataFrame> {
    let k = &r.keywords;
    DataFrame::new(
        k.len(),
        vec![
            Column::new(
                "article_id".into(),
                k.iter().map(|x| x.article_id).collect::<Vec<_>>(),
            ),
            Column::new("rank".into(), k.iter().map(|x| x.rank).collect::<Vec<_>>()),
            strings("keyword", k.iter().map(|x| x.keyword.as_str())),
            Column::new(
                "score".into(),
                k.iter().map(|x| x.score).collect::<Vec<_>>(),
            ),
        ],
    )
}

/// `actors.csv`.
pub fn actors(r: &Results) -> PolarsResult<DataFrame> {
    let a = &r.actors;
    DataFrame::new(
        a.len(),
        vec![
            Column::new(
                "article_id".into(),
                a.iter().map(|x| x.article_id).collect::<Vec<_>>(),
            ),
            strings("actor", a.iter().map(|x| x.actor.as_str())),
            strings("type", a.iter().map(|x| x.kind.as_str())),
            Column::new(
                "mentions".into(),
                a.iter().map(|x| x.mentions).collect::<Vec<_>>(),
            ),
        ],
    )
}

/// `actor_matrix.csv`: `article_id`, `title`, then one column per actor mentioned anywhere.
pub fn actor_matrix(r: &Results) -> PolarsResult<DataFrame> {
    let mut columns = vec![
        Column::new(
            "article_id".into(),
            r.articles.iter().map(|x| x.article_id).collect::<Vec<_>>(),
        ),
        strings("title", r.articles.iter().map(|x| x.title.as_str())),
    ];
    for (j, actor) in r.matrix_actors.iter().enumerate() {
        columns.push(Column::new(
            actor.as_str().into(),
            r.matrix.iter().map(|row| row[j]).collect::<Vec<u32>>(),
        ));
    }
    DataFrame::new(r.articles.len(), columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for cell in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"] {
            assert_eq!(neutralise_formula(cell), format!("'{cell}"));
        }
        for cell in ["Kazakhstan", "", "a=b", "'quoted"] {
            assert_eq!(neutralise_formula(cell), cell);
        }
    }
}
