//! CSV tables built as polars DataFrames: UTF-8, one header row, comma-separated, quoted where
//! needed, decimals written plainly with six digits.
//!
//! Every table is first gathered as a polars DataFrame (the form library users and later
//! exports take) and then written by [`write_csv`], which reads the DataFrame's columns.

use crate::analysis::Results;
use anyhow::Context;
use polars::prelude::*;
use rayon::prelude::*;
use std::fs::File;
use std::io::Write;
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

/// Builds one table from the results.
type TableBuilder = fn(&Results) -> PolarsResult<DataFrame>;

/// The topic tables, written when topics were fit.
pub const TOPIC_TABLES: [&str; 2] = ["topics.csv", "article_topics.csv"];

/// Builds every table and writes it into `dir`; returns the file names. With `formula_guard`,
/// text cells are neutralised against spreadsheet formula injection (see [`neutralise_formula`]).
///
/// The tables are built and written in parallel (`terms.csv`, by far the largest, on one worker
/// while the others share the rest).
pub fn write_all(
    results: &Results,
    dir: &Path,
    formula_guard: bool,
) -> anyhow::Result<Vec<String>> {
    let builders: [fn(&Results) -> PolarsResult<DataFrame>; 7] = [
        files,
        articles,
        terms,
        corpus_terms,
        keywords,
        actors,
        actor_matrix,
    ];
    let mut jobs: Vec<(&str, TableBuilder)> = TABLES.iter().copied().zip(builders).collect();
    if results.topics.count > 0 {
        jobs.extend(
            TOPIC_TABLES
                .iter()
                .copied()
                .zip([topics as TableBuilder, article_topics]),
        );
    }
    jobs.par_iter()
        .map(|(name, build)| {
            let df =
                anyhow::Context::with_context(build(results), || format!("cannot build {name}"))?;
            write_csv(&df, &dir.join(name), formula_guard)
        })
        .collect::<anyhow::Result<()>>()?;
    Ok(jobs.iter().map(|(name, _)| name.to_string()).collect())
}

/// Digits after the decimal point of every floating-point cell.
const DECIMALS: usize = 6;

/// One column's cells, read in row order.
enum Cells<'a> {
    Text(Box<dyn Iterator<Item = Option<&'a str>> + 'a>),
    Integer(Box<dyn Iterator<Item = Option<i64>> + 'a>),
    Decimal(Box<dyn Iterator<Item = Option<f64>> + 'a>),
}

impl<'a> Cells<'a> {
    /// The cells of `column`; an error for a type no table uses.
    fn of(column: &'a Column) -> PolarsResult<Cells<'a>> {
        Ok(match column.dtype() {
            DataType::String => Cells::Text(Box::new(column.str()?.iter())),
            DataType::UInt32 => {
                Cells::Integer(Box::new(column.u32()?.iter().map(|v| v.map(i64::from))))
            }
            DataType::UInt64 => Cells::Integer(Box::new(
                (column.u64()?.iter()).map(|v| v.map(|v| i64::try_from(v).unwrap_or(i64::MAX))),
            )),
            DataType::Int64 => Cells::Integer(Box::new(column.i64()?.iter())),
            DataType::Float32 => {
                Cells::Decimal(Box::new(column.f32()?.iter().map(|v| v.map(f64::from))))
            }
            DataType::Float64 => Cells::Decimal(Box::new(column.f64()?.iter())),
            other => polars_bail!(ComputeError: "no CSV writer for column type {other}"),
        })
    }
}

/// Writes one DataFrame as CSV (RFC 4180): a header row, comma-separated, `\n` line ends, a
/// field quoted only when it holds a comma, a quote or a line break (quotes doubled inside),
/// integers as digits, decimals with [`DECIMALS`] digits (never in scientific notation), missing
/// values as empty cells. With `formula_guard`, every text cell and column name goes through
/// [`neutralise_formula`].
///
/// Measured on the BBC corpus (callgrind, `-j 1`): polars' own CSV writer, which formats each
/// decimal through `core::fmt` with a fixed precision, took 880 M instructions, a fifth of the
/// run; the `csv` crate's writer, which inspects fields byte by byte, about 450 M; this writer,
/// which scans text fields for the four special bytes and formats numbers with integer
/// arithmetic, about 100 M.
fn write_csv(df: &DataFrame, path: &Path, formula_guard: bool) -> anyhow::Result<()> {
    let mut file =
        File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let write = |file: &mut File| -> anyhow::Result<()> {
        let mut line = CsvLine::new(formula_guard);
        for name in df.get_column_names() {
            line.text(name.as_str());
        }
        line.end();
        let mut columns = df
            .columns()
            .iter()
            .map(Cells::of)
            .collect::<PolarsResult<Vec<_>>>()?;
        for _ in 0..df.height() {
            for cells in &mut columns {
                match cells {
                    Cells::Text(it) => line.text(it.next().flatten().unwrap_or("")),
                    Cells::Integer(it) => line.integer(it.next().flatten()),
                    Cells::Decimal(it) => line.decimal(it.next().flatten()),
                }
            }
            line.end();
            if line.buffer.len() >= 1 << 16 {
                file.write_all(&line.buffer)?;
                line.buffer.clear();
            }
        }
        file.write_all(&line.buffer)?;
        Ok(())
    };
    write(&mut file).with_context(|| format!("cannot write {}", path.display()))
}

/// The CSV text being written, one field at a time.
struct CsvLine {
    buffer: Vec<u8>,
    /// True before the first field of a line.
    at_start: bool,
    formula_guard: bool,
    number: itoa::Buffer,
    decimal: String,
}

impl CsvLine {
    fn new(formula_guard: bool) -> Self {
        CsvLine {
            buffer: Vec::with_capacity(1 << 17),
            at_start: true,
            formula_guard,
            number: itoa::Buffer::new(),
            decimal: String::with_capacity(32),
        }
    }

    /// Starts a field: a comma unless it is the line's first.
    fn separate(&mut self) {
        if !self.at_start {
            self.buffer.push(b',');
        }
        self.at_start = false;
    }

    /// A text field, guarded and quoted as needed.
    fn text(&mut self, cell: &str) {
        self.separate();
        let cell = if self.formula_guard {
            neutralise_formula(cell)
        } else {
            std::borrow::Cow::Borrowed(cell)
        };
        let bytes = cell.as_bytes();
        if bytes
            .iter()
            .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
        {
            self.buffer.push(b'"');
            for &b in bytes {
                if b == b'"' {
                    self.buffer.push(b'"');
                }
                self.buffer.push(b);
            }
            self.buffer.push(b'"');
        } else {
            self.buffer.extend_from_slice(bytes);
        }
    }

    /// An integer field, empty when missing.
    fn integer(&mut self, v: Option<i64>) {
        self.separate();
        if let Some(v) = v {
            self.buffer
                .extend_from_slice(self.number.format(v).as_bytes());
        }
    }

    /// A decimal field, empty when missing.
    fn decimal(&mut self, v: Option<f64>) {
        self.separate();
        if let Some(v) = v {
            format_decimal(v, &mut self.decimal);
            self.buffer.extend_from_slice(self.decimal.as_bytes());
        }
    }

    /// Ends the line.
    fn end(&mut self) {
        self.buffer.push(b'\n');
        self.at_start = true;
    }
}

/// Formats `v` with [`DECIMALS`] digits after the point into `out` (cleared first): `0.041667`,
/// `-3.500000`, `12.000000`. Rounds half away from zero on the scaled value; values too large
/// for that (beyond 10^12) and non-finite ones go through `core::fmt`.
fn format_decimal(v: f64, out: &mut String) {
    use std::fmt::Write;
    out.clear();
    const SCALE: f64 = 1e6;
    if !v.is_finite() || v.abs() >= 1e12 {
        let _ = write!(out, "{v:.DECIMALS$}");
        return;
    }
    let scaled = (v.abs() * SCALE).round() as u64;
    if v < 0.0 && scaled != 0 {
        out.push('-');
    }
    let mut digits = itoa::Buffer::new();
    out.push_str(digits.format(scaled / 1_000_000));
    out.push('.');
    let fraction = digits.format(scaled % 1_000_000);
    for _ in fraction.len()..DECIMALS {
        out.push('0');
    }
    out.push_str(fraction);
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

/// `topics.csv`: `topic`, `rank`, `word`, `weight`.
pub fn topics(r: &Results) -> PolarsResult<DataFrame> {
    let w = &r.topics.words;
    DataFrame::new(
        w.len(),
        vec![
            Column::new(
                "topic".into(),
                w.iter().map(|x| x.topic).collect::<Vec<_>>(),
            ),
            Column::new("rank".into(), w.iter().map(|x| x.rank).collect::<Vec<_>>()),
            strings("word", w.iter().map(|x| x.word.as_str())),
            Column::new(
                "weight".into(),
                w.iter().map(|x| x.weight).collect::<Vec<_>>(),
            ),
        ],
    )
}

/// `article_topics.csv`: `article_id`, `topic`, `weight`.
pub fn article_topics(r: &Results) -> PolarsResult<DataFrame> {
    let a = &r.topics.articles;
    DataFrame::new(
        a.len(),
        vec![
            Column::new(
                "article_id".into(),
                a.iter().map(|x| x.article_id).collect::<Vec<_>>(),
            ),
            Column::new(
                "topic".into(),
                a.iter().map(|x| x.topic).collect::<Vec<_>>(),
            ),
            Column::new(
                "weight".into(),
                a.iter().map(|x| x.weight).collect::<Vec<_>>(),
            ),
        ],
    )
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

    #[test]
    fn decimals_are_fixed_and_plain() {
        let mut out = String::new();
        for (v, want) in [
            (0.0, "0.000000"),
            (1.0 / 24.0, "0.041667"),
            (-3.5, "-3.500000"),
            (-0.0000001, "0.000000"),
            (12.0, "12.000000"),
            (0.0000005, "0.000001"),
            (123456.1234564, "123456.123456"),
            (2e-7, "0.000000"),
            (1e15, "1000000000000000.000000"),
            (f64::NAN, "NaN"),
        ] {
            format_decimal(v, &mut out);
            assert_eq!(out, want, "{v}");
        }
    }

    #[test]
    fn csv_has_header_quotes_and_guard() {
        let dir = tempfile::tempdir().unwrap();
        let df = DataFrame::new(
            2,
            vec![
                Column::new("id".into(), [1u32, 2]),
                Column::new("title".into(), ["=cmd", "a, \"b\""]),
                Column::new("score".into(), [0.5f64, 1.0 / 3.0]),
                Column::new("n".into(), [Some(7u64), None]),
            ],
        )
        .unwrap();
        let path = dir.path().join("t.csv");
        write_csv(&df, &path, true).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "id,title,score,n\n1,'=cmd,0.500000,7\n2,\"a, \"\"b\"\"\",0.333333,\n"
        );
        write_csv(&df, &path, false).unwrap();
        assert!(std::fs::read_to_string(&path)
            .unwrap()
            .contains("\n1,=cmd,"));
    }
}
