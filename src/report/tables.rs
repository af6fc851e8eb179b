//! CSV tables: UTF-8 with a byte-order mark (unless `--no-bom`), one header row,
//! comma-separated, quoted where needed, decimals written plainly with six digits; with
//! `--parquet` also as Parquet files with typed columns. Also the tables behind the charts
//! (`charts/*.csv`, exactly the numbers drawn) and `trends.csv`.
//!
//! Every table is gathered as a polars DataFrame (the run's tables, [`TABLES`]: [`files`],
//! [`terms`], …; the chart tables; the trends) and written as CSV from the DataFrame's columns,
//! rows formatted in blocks, several at once in parallel (`write_csv_slices`: a DataFrame's
//! blocks are slices of it; `terms.csv` is built a slice at a time);
//! Parquet files are written from the same DataFrames.

use crate::analysis::trends::Trends;
use crate::analysis::Results;
use crate::config::Config;
use crate::corpus::read::RunningDigest;
use crate::report::charts::{BarChart, Heatmap, LineChart, PanelChart, StackedBarChart};
use crate::report::manifest::OutputDigest;
use anyhow::Context;
use polars::prelude::*;
use rayon::prelude::*;
use std::fs::File;
use std::io::Write;
use std::path::Path;

/// The tables written, in order.
pub const TABLES: [&str; 11] = [
    "files.csv",
    "articles.csv",
    "terms.csv",
    "corpus_terms.csv",
    "keywords.csv",
    "actors.csv",
    "actor_matrix.csv",
    "mentions.csv",
    "co_mentions.csv",
    "candidates.csv",
    "alias_suggestions.csv",
];

/// Builds one table from the results.
type TableBuilder = fn(&Results) -> PolarsResult<DataFrame>;

/// Rows of `terms.parquet` gathered into one DataFrame at a time: the table has a row per
/// distinct term of every article (about 220 per BBC article), so a large corpus's would
/// otherwise be held whole, at some 40 bytes a row, on top of the results. (`terms.csv` is
/// gathered in smaller slices, [`TERM_ROWS_PER_CSV_SLICE`].)
pub const TERM_ROWS_PER_FRAME: usize = 1 << 18;

/// How a table is gathered: whole, or `terms.csv` a slice of rows at a time.
#[derive(Clone, Copy)]
enum Gather {
    Whole(TableBuilder),
    TermSlices,
}

impl Gather {
    /// The table's DataFrames, in row order (at least one, maybe empty), sliced tables in
    /// `rows_per_frame` rows.
    fn frames<'a>(
        self,
        r: &'a Results,
        rows_per_frame: usize,
    ) -> Box<dyn Iterator<Item = PolarsResult<DataFrame>> + 'a> {
        match self {
            Gather::Whole(build) => Box::new(std::iter::once_with(move || build(r))),
            Gather::TermSlices => {
                let slices = TermSlices::new(r, rows_per_frame);
                Box::new((0..slices.count()).map(move |i| slices.frame(i)))
            }
        }
    }
}

/// `terms.csv` as consecutive slices of rows, each built as a DataFrame on demand.
struct TermSlices<'a> {
    results: &'a Results,
    /// The idf of every term ([`Results::term_idfs`]).
    idfs: Vec<f64>,
    /// The `term` and `word` of every row of [`Results::corpus_terms`], gathered by index into
    /// each slice's `term` and `word` columns: a gather copies each cell's 16-byte view, where
    /// building the columns from strings copied and measured every string (callgrind, BBC:
    /// 77 M instructions for the slices before).
    vocabulary: (Column, Column),
    rows_per_slice: usize,
}

impl<'a> TermSlices<'a> {
    /// Slices of `rows_per_slice` rows (at least one) of `results`'s `terms.csv`.
    fn new(results: &'a Results, rows_per_slice: usize) -> Self {
        let t = &results.corpus_terms;
        TermSlices {
            results,
            idfs: results.term_idfs(),
            vocabulary: (
                strings("term", t.iter().map(|x| x.term.as_str())),
                strings("word", t.iter().map(|x| x.word.as_str())),
            ),
            rows_per_slice: rows_per_slice.max(1),
        }
    }

    /// The number of slices: at least one, empty when the table is, so that its header is
    /// written.
    fn count(&self) -> usize {
        self.results
            .terms
            .len()
            .div_ceil(self.rows_per_slice)
            .max(1)
    }

    /// Slice `i`, in row order; empty past the end.
    fn frame(&self, i: usize) -> PolarsResult<DataFrame> {
        let n = self.results.terms.len();
        let start = i.saturating_mul(self.rows_per_slice).min(n);
        let end = n.min(start.saturating_add(self.rows_per_slice));
        self.rows(start..end)
    }

    /// Rows `rows` of `terms.csv`; an error when a row's term is not in the vocabulary.
    fn rows(&self, rows: std::ops::Range<usize>) -> PolarsResult<DataFrame> {
        let r = self.results;
        let t = r.terms.get(rows).unwrap_or_default();
        let (mut index, mut frequency, mut tfidf) = (
            Vec::with_capacity(t.len()),
            Vec::with_capacity(t.len()),
            Vec::with_capacity(t.len()),
        );
        for x in t {
            index.push(x.term as IdxSize);
            let f = r.term_frequency(x);
            frequency.push(f);
            tfidf.push(f * self.idfs.get(x.term as usize).copied().unwrap_or(0.0));
        }
        DataFrame::new(
            t.len(),
            vec![
                numbers("article_id", t.iter().map(|x| x.article_id)),
                self.vocabulary.0.take_slice(&index)?,
                self.vocabulary.1.take_slice(&index)?,
                numbers("count", t.iter().map(|x| x.count)),
                Column::new("frequency".into(), frequency),
                Column::new("tfidf".into(), tfidf),
            ],
        )
    }
}

/// The topic tables, written when topics were fit.
pub const TOPIC_TABLES: [&str; 2] = ["topics.csv", "article_topics.csv"];

/// How tables are written.
#[derive(Debug, Clone, Copy)]
pub struct TableOptions {
    /// Text cells are neutralised against spreadsheet formulas (CSV only).
    pub formula_guard: bool,
    /// CSV files start with a UTF-8 byte-order mark.
    pub bom: bool,
    /// Every table is also written as Parquet.
    pub parquet: bool,
}

impl TableOptions {
    /// The options of a run.
    pub fn of(config: &Config) -> TableOptions {
        TableOptions {
            formula_guard: config.formula_guard,
            bom: config.bom,
            parquet: config.parquet,
        }
    }
}

/// The tables of a run, as (file name, how it is gathered), in output order.
fn jobs(results: &Results) -> Vec<(&'static str, Gather)> {
    let builders: [Gather; 11] = [
        Gather::Whole(files),
        Gather::Whole(articles),
        Gather::TermSlices,
        Gather::Whole(corpus_terms),
        Gather::Whole(keywords),
        Gather::Whole(actors),
        Gather::Whole(actor_matrix),
        Gather::Whole(mentions),
        Gather::Whole(co_mentions),
        Gather::Whole(candidates),
        Gather::Whole(alias_suggestions),
    ];
    let mut jobs: Vec<(&str, Gather)> = TABLES.iter().copied().zip(builders).collect();
    if results.topics.count > 0 {
        jobs.extend(
            TOPIC_TABLES
                .iter()
                .copied()
                .zip([Gather::Whole(topics), Gather::Whole(article_topics)]),
        );
    }
    jobs
}

/// The files [`write_all`] writes, in order: the CSV tables, then their Parquet twins with
/// `options.parquet`.
pub fn names(results: &Results, options: TableOptions) -> Vec<String> {
    let jobs = jobs(results);
    let mut names: Vec<String> = jobs.iter().map(|(name, _)| name.to_string()).collect();
    if options.parquet {
        names.extend(jobs.iter().map(|(name, _)| parquet_name(name)));
    }
    names
}

/// Builds every table and writes it into `dir` (and as Parquet with `options.parquet`); the
/// files are [`names`]. With `options.formula_guard`, text cells of the CSV files are
/// neutralised against spreadsheet formula injection (see [`neutralise_formula`]); Parquet
/// files keep the text as it is.
///
/// The tables are built and written in parallel, `terms.csv`, by far the largest, last: while
/// it is written, `alongside` runs on the other workers (the report writes its other outputs
/// and renders its page, which reads the other tables). Returns the size and SHA-256 of each
/// CSV file, taken as it was written, in the order of [`names`], and what `alongside` returned.
pub fn write_all<R: Send>(
    results: &Results,
    dir: &Path,
    options: TableOptions,
    alongside: impl FnOnce() -> R + Send,
) -> anyhow::Result<(Vec<OutputDigest>, R)> {
    let jobs = jobs(results);
    let write = |i: usize| -> anyhow::Result<(usize, OutputDigest)> {
        let (name, gather) = jobs[i];
        let built = |frame| built(frame, name);
        let path = dir.join(name);
        let (bytes, sha256) = match gather {
            Gather::Whole(build) => write_frame(
                &built(build(results))?,
                &path,
                options.formula_guard,
                options.bom,
                CSV_ROWS_PER_JOB,
            )?,
            Gather::TermSlices => {
                let slices = TermSlices::new(results, TERM_ROWS_PER_CSV_SLICE);
                write_csv_slices(
                    slices.count(),
                    |i| built(slices.frame(i)),
                    &path,
                    options.formula_guard,
                    options.bom,
                )?
            }
        };
        if options.parquet {
            let typed = gather
                .frames(results, TERM_ROWS_PER_FRAME)
                .map(|frame| Ok(typed_for_parquet(built(frame)?, results)?));
            write_parquet_frames(typed, &dir.join(parquet_name(name)))?;
        }
        let digest = OutputDigest {
            path: name.to_string(),
            bytes: Some(bytes),
            sha256: Some(sha256),
        };
        Ok((i, digest))
    };
    let is_terms = |i: &usize| matches!(jobs[*i].1, Gather::TermSlices);
    let (terms, others): (Vec<usize>, Vec<usize>) = (0..jobs.len()).partition(is_terms);
    let mut digests: Vec<(usize, OutputDigest)> = others
        .par_iter()
        .with_max_len(1)
        .map(|&i| write(i))
        .collect::<anyhow::Result<_>>()?;
    let (written, beside) = rayon::join(
        || {
            terms
                .iter()
                .map(|&i| write(i))
                .collect::<anyhow::Result<Vec<_>>>()
        },
        alongside,
    );
    digests.extend(written?);
    digests.sort_by_key(|(i, _)| *i);
    Ok((digests.into_iter().map(|(_, d)| d).collect(), beside))
}

/// A table built, or the error with the table's name.
fn built(frame: PolarsResult<DataFrame>, name: &str) -> anyhow::Result<DataFrame> {
    anyhow::Context::with_context(frame, || format!("cannot build {name}"))
}

/// Digits after the decimal point of every floating-point cell.
pub const DECIMALS: usize = 6;

/// One DataFrame column, its cells read by row number (a null is an empty cell), so that
/// blocks of rows can be formatted in parallel.
///
/// Numbers are read from the column's contiguous values when it has one chunk and no nulls
/// (the tables' DataFrames are made so), else cell by cell.
enum FrameColumn<'a> {
    /// A text column, with its one array when it has a single chunk and no nulls.
    Text(
        &'a StringChunked,
        Option<&'a <StringType as PolarsDataType>::Array>,
    ),
    U32(&'a UInt32Chunked, Option<&'a [u32]>),
    U64(&'a UInt64Chunked, Option<&'a [u64]>),
    I64(&'a Int64Chunked, Option<&'a [i64]>),
    F32(&'a Float32Chunked, Option<&'a [f32]>),
    F64(&'a Float64Chunked, Option<&'a [f64]>),
    /// Days since 1970-01-01.
    Date(&'a Int32Chunked, Option<&'a [i32]>),
}

impl<'a> FrameColumn<'a> {
    /// The cells of `column`; an error for a type no table uses.
    fn of(column: &'a Column) -> PolarsResult<FrameColumn<'a>> {
        Ok(match column.dtype() {
            DataType::String => {
                let c = column.str()?;
                let single = (c.null_count() == 0 && c.chunks().len() == 1)
                    .then(|| c.downcast_iter().next())
                    .flatten();
                FrameColumn::Text(c, single)
            }
            DataType::UInt32 => {
                let c = column.u32()?;
                FrameColumn::U32(c, c.cont_slice().ok())
            }
            DataType::UInt64 => {
                let c = column.u64()?;
                FrameColumn::U64(c, c.cont_slice().ok())
            }
            DataType::Int64 => {
                let c = column.i64()?;
                FrameColumn::I64(c, c.cont_slice().ok())
            }
            DataType::Float32 => {
                let c = column.f32()?;
                FrameColumn::F32(c, c.cont_slice().ok())
            }
            DataType::Float64 => {
                let c = column.f64()?;
                FrameColumn::F64(c, c.cont_slice().ok())
            }
            DataType::Date => {
                let c = column.date()?.physical();
                FrameColumn::Date(c, c.cont_slice().ok())
            }
            other => polars_bail!(ComputeError: "no CSV writer for column type {other}"),
        })
    }

    /// Writes cell `row`.
    fn write_cell(&self, row: usize, line: &mut CsvLine) {
        /// Cell `row`, from the contiguous values when there are.
        fn cell<T: Copy>(
            values: Option<&[T]>,
            get: impl Fn() -> Option<T>,
            row: usize,
        ) -> Option<T> {
            values.map_or_else(get, |v| v.get(row).copied())
        }
        match self {
            FrameColumn::Text(c, array) => line.text(match array {
                Some(a) if row < a.len() => a.value(row),
                _ => c.get(row).unwrap_or(""),
            }),
            FrameColumn::U32(c, v) => line.integer(cell(*v, || c.get(row), row).map(i64::from)),
            FrameColumn::U64(c, v) => line.integer(
                cell(*v, || c.get(row), row).map(|x| i64::try_from(x).unwrap_or(i64::MAX)),
            ),
            FrameColumn::I64(c, v) => line.integer(cell(*v, || c.get(row), row)),
            FrameColumn::F32(c, v) => line.decimal(cell(*v, || c.get(row), row).map(f64::from)),
            FrameColumn::F64(c, v) => line.decimal(cell(*v, || c.get(row), row)),
            FrameColumn::Date(c, v) => line.date(cell(*v, || c.get(row), row)),
        }
    }
}

/// A CSV file being written: the text is gathered in a buffer and written out in blocks, and
/// hashed as it is written (the manifest lists every output's SHA-256: `terms.csv` hashed as
/// it is written, on the worker that writes it while the others format, was 8 ms of reading it
/// back afterwards).
struct CsvFile<'p> {
    file: File,
    path: &'p Path,
    line: CsvLine,
    digest: RunningDigest,
}

impl<'p> CsvFile<'p> {
    /// Creates the file, with a byte-order mark when `bom`.
    fn create(path: &'p Path, formula_guard: bool, bom: bool) -> anyhow::Result<Self> {
        let file =
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        let mut line = CsvLine::new(formula_guard);
        if bom {
            line.buffer.extend_from_slice("\u{feff}".as_bytes());
        }
        Ok(CsvFile {
            file,
            path,
            line,
            digest: RunningDigest::default(),
        })
    }

    /// Writes the buffer out; the file's size and SHA-256.
    fn finish(mut self) -> anyhow::Result<(u64, String)> {
        self.flush()?;
        Ok(self.digest.finish())
    }

    /// Writes the buffer out, then `block` (rows formatted apart).
    fn write_block(&mut self, block: &[u8]) -> anyhow::Result<()> {
        self.flush()?;
        self.digest.update(block);
        self.file
            .write_all(block)
            .with_context(|| format!("cannot write {}", self.path.display()))
    }

    /// Writes the buffer out.
    fn flush(&mut self) -> anyhow::Result<()> {
        self.digest.update(&self.line.buffer);
        self.file
            .write_all(&self.line.buffer)
            .with_context(|| format!("cannot write {}", self.path.display()))?;
        self.line.buffer.clear();
        Ok(())
    }
}

/// Writes one DataFrame as CSV (RFC 4180): a header row, comma-separated, `\n` line ends, a
/// field quoted only when it holds a comma, a quote or a line break (quotes doubled inside),
/// integers as digits, decimals with [`DECIMALS`] digits (never in scientific notation), missing
/// values as empty cells, dates as `YYYY-MM-DD`. With `formula_guard`, every text cell and
/// column name goes through [`neutralise_formula`]; with `bom`, the file starts with a UTF-8
/// byte-order mark.
///
/// Measured on the BBC corpus (callgrind, `-j 1`): polars' own CSV writer, which formats each
/// decimal through `core::fmt` with a fixed precision, took 880 M instructions, a fifth of the
/// run; the `csv` crate's writer, which inspects fields byte by byte, about 450 M; this writer,
/// which scans text fields for the four special bytes and formats numbers with integer
/// arithmetic, about 100 M.
fn write_csv(df: &DataFrame, path: &Path, formula_guard: bool, bom: bool) -> anyhow::Result<()> {
    write_frame(df, path, formula_guard, bom, CSV_ROWS_PER_JOB).map(|_| ())
}

/// Rows of a DataFrame formatted as CSV by one job: a large table's blocks are formatted on
/// all workers at once and written in order.
const CSV_ROWS_PER_JOB: usize = 1 << 14;

/// Rows of `terms.csv` in a slice written as CSV: one block ([`CSV_ROWS_PER_JOB`]). The
/// slices of a wave are built and formatted in parallel, each by one worker, and a slice's
/// memory (about 1 MB as a DataFrame) is reused by the next: built a quarter of a million rows
/// at a time on one worker, while the others waited to format them, the slices of the BBC
/// corpus's `terms.csv` took half of the report's time, much of it to map fresh memory.
const TERM_ROWS_PER_CSV_SLICE: usize = CSV_ROWS_PER_JOB;

/// [`write_csv`] in blocks of `rows_per_block` rows (tests use small ones, to write several
/// waves of blocks); returns the file's size and SHA-256. The blocks are slices of `df` (which
/// share its memory) written by [`write_csv_slices`].
fn write_frame(
    df: &DataFrame,
    path: &Path,
    formula_guard: bool,
    bom: bool,
    rows_per_block: usize,
) -> anyhow::Result<(u64, String)> {
    let per = rows_per_block.max(1);
    let slice = |i: usize| Ok(df.slice(i64::try_from(i * per).unwrap_or(i64::MAX), per));
    write_csv_slices(df.height().div_ceil(per), slice, path, formula_guard, bom)
}

/// Slices of a table built and formatted at once by [`write_csv_slices`]: while a wave's
/// text is written, the next wave is formatted, so waves are kept small enough for the last
/// one, written alone, to be short; a table never holds more than two waves of formatted text.
const SLICES_PER_WAVE: usize = 4;

/// Writes a table gathered as `count` DataFrames of the same columns (at least one; the header
/// is the first one's), `frame(i)` building the `i`-th in row order, as [`write_csv`] says;
/// returns the file's size and SHA-256. A wave of [`SLICES_PER_WAVE`] DataFrames is built and
/// formatted at a time, in parallel, each by one worker and dropped once formatted, its cells
/// read by row number; the text is written in order, each wave while the next is formatted
/// (writing into the page cache is a tenth of the work, and was done with the other workers
/// idle).
fn write_csv_slices(
    count: usize,
    frame: impl Fn(usize) -> anyhow::Result<DataFrame> + Sync,
    path: &Path,
    formula_guard: bool,
    bom: bool,
) -> anyhow::Result<(u64, String)> {
    let count = count.max(1);
    let waves = count.div_ceil(SLICES_PER_WAVE);
    // Formats wave `w` into `lines`; returns how many of them it filled.
    let format = |w: usize, lines: &mut Vec<CsvLine>| -> anyhow::Result<usize> {
        let start = w * SLICES_PER_WAVE;
        let size = (count - start).min(SLICES_PER_WAVE);
        while lines.len() < size {
            lines.push(CsvLine::new(formula_guard));
        }
        lines[..size]
            .par_iter_mut()
            .enumerate()
            .map(|(i, line)| -> anyhow::Result<()> {
                line.buffer.clear();
                let index = start + i;
                let frame = frame(index)?;
                if index == 0 {
                    line.header(&frame);
                }
                line.rows(&frame_columns(&frame, path)?, 0..frame.height());
                Ok(())
            })
            .collect::<anyhow::Result<()>>()?;
        Ok(size)
    };
    let mut out = CsvFile::create(path, formula_guard, bom)?;
    let (mut current, mut next): (Vec<CsvLine>, Vec<CsvLine>) = (Vec::new(), Vec::new());
    let mut filled = format(0, &mut current)?;
    for w in 0..waves {
        let (written, formatted) = rayon::join(
            || -> anyhow::Result<()> {
                for line in &current[..filled] {
                    out.write_block(&line.buffer)?;
                }
                Ok(())
            },
            || {
                (w + 1 < waves)
                    .then(|| format(w + 1, &mut next))
                    .transpose()
            },
        );
        written?;
        filled = formatted?.unwrap_or(0);
        std::mem::swap(&mut current, &mut next);
    }
    out.finish()
}

/// The columns of `frame`, to be read by row number.
fn frame_columns<'a>(frame: &'a DataFrame, path: &Path) -> anyhow::Result<Vec<FrameColumn<'a>>> {
    let columns = (frame.columns().iter())
        .map(FrameColumn::of)
        .collect::<PolarsResult<Vec<_>>>();
    anyhow::Context::with_context(columns, || format!("cannot write {}", path.display()))
}

/// The CSV text being written, one field at a time.
struct CsvLine {
    buffer: Vec<u8>,
    /// True before the first field of a line.
    at_start: bool,
    formula_guard: bool,
    number: itoa::Buffer,
}

impl CsvLine {
    fn new(formula_guard: bool) -> Self {
        CsvLine {
            buffer: Vec::with_capacity(1 << 17),
            at_start: true,
            formula_guard,
            number: itoa::Buffer::new(),
        }
    }

    /// The header row: `frame`'s column names.
    fn header(&mut self, frame: &DataFrame) {
        for name in frame.get_column_names() {
            self.text(name.as_str());
        }
        self.end();
    }

    /// Rows `rows` of `columns`.
    fn rows(&mut self, columns: &[FrameColumn], rows: std::ops::Range<usize>) {
        for row in rows {
            for column in columns {
                column.write_cell(row, self);
            }
            self.end();
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
        if needs_quotes(bytes) {
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
            push_decimal(v, &mut self.buffer);
        }
    }

    /// A date field (days since 1970-01-01) as `YYYY-MM-DD`, empty when missing.
    fn date(&mut self, days: Option<i32>) {
        self.separate();
        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
        if let Some(d) =
            days.and_then(|d| epoch.checked_add_signed(chrono::Duration::days(d.into())))
        {
            use std::io::Write;
            let _ = write!(self.buffer, "{}", d.format("%Y-%m-%d"));
        }
    }

    /// Ends the line.
    fn end(&mut self) {
        self.buffer.push(b'\n');
        self.at_start = true;
    }
}

/// True when a CSV field holds a comma, a quote or a line break (and so must be quoted);
/// looked for eight bytes at a time (a byte equal to one of them is a zero byte of the word
/// XOR-ed with it, and a word has a zero byte when `(x - 0x01…) & !x & 0x80…` is not zero).
fn needs_quotes(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS != 0;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        let x = u64::from_le_bytes(eight);
        if has_zero_byte(x ^ (ONES * u64::from(b',')))
            | has_zero_byte(x ^ (ONES * u64::from(b'"')))
            | has_zero_byte(x ^ (ONES * u64::from(b'\n')))
            | has_zero_byte(x ^ (ONES * u64::from(b'\r')))
        {
            return true;
        }
    }
    words
        .remainder()
        .iter()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
}

/// The two-digit numbers `00` to `99`, one after the other.
const DIGIT_PAIRS: [u8; 200] = {
    let mut pairs = [0u8; 200];
    let mut i = 0;
    while i < 100 {
        pairs[2 * i] = b'0' + (i / 10) as u8;
        pairs[2 * i + 1] = b'0' + (i % 10) as u8;
        i += 1;
    }
    pairs
};

/// Appends `v` with [`DECIMALS`] (six) digits after the point to `out`: `0.041667`,
/// `-3.500000`, `12.000000`. Rounds half away from zero on the scaled value, and writes the
/// digits right to left into a small buffer appended at once (its six decimals as three digit
/// pairs): callgrind on the BBC corpus's tables, 155 instructions a cell with the whole part
/// formatted by `itoa` and two appends, 135 like this. Values too large for that (beyond
/// 10^12) and non-finite ones go through `core::fmt`.
fn push_decimal(v: f64, out: &mut Vec<u8>) {
    const SCALE: f64 = 1e6;
    if !v.is_finite() || v.abs() >= 1e12 {
        use std::io::Write;
        let _ = write!(out, "{v:.DECIMALS$}");
        return;
    }
    let scaled = round_half_away(v.abs() * SCALE);
    // Below 10^18: a sign, at most 13 whole digits, the point and six decimals.
    let mut text = [0u8; 24];
    let mut at = text.len();
    let (mut whole, fraction) = (scaled / 1_000_000, (scaled % 1_000_000) as usize);
    for pair in [fraction % 100, fraction / 100 % 100, fraction / 10_000] {
        at -= 2;
        text[at..at + 2].copy_from_slice(&DIGIT_PAIRS[2 * pair..2 * pair + 2]);
    }
    at -= 1;
    text[at] = b'.';
    loop {
        at -= 1;
        text[at] = b'0' + (whole % 10) as u8;
        whole /= 10;
        if whole == 0 {
            break;
        }
    }
    if v < 0.0 && scaled != 0 {
        at -= 1;
        text[at] = b'-';
    }
    out.extend_from_slice(&text[at..]);
}

/// `x.round() as u64` for `0 <= x < 2^64`, without the library call `f64::round` makes on
/// baseline x86-64 (a million of them for the BBC corpus's `terms.csv`): `x - whole` is exact
/// (Sterbenz's lemma for `whole >= 1`, `x` itself for `whole == 0`, and 0 from 2^52 on, where
/// every `f64` is a whole number).
#[inline]
fn round_half_away(x: f64) -> u64 {
    let whole = x as u64;
    whole + u64::from(x - whole as f64 >= 0.5)
}

/// `articles.csv` -> `articles.parquet`.
pub fn parquet_name(csv_name: &str) -> String {
    format!("{}.parquet", csv_name.trim_end_matches(".csv"))
}

/// Writes one DataFrame as Parquet (Zstandard-compressed, readable by polars, pandas/pyarrow,
/// DuckDB and Spark).
fn write_parquet(df: &mut DataFrame, path: &Path) -> anyhow::Result<()> {
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    ParquetWriter::new(file)
        .finish(df)
        .map_err(anyhow::Error::from)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// [`write_parquet`] for a table gathered as consecutive DataFrames of the same columns: one
/// Parquet file, each DataFrame dropped once written.
fn write_parquet_frames(
    mut frames: impl Iterator<Item = anyhow::Result<DataFrame>>,
    path: &Path,
) -> anyhow::Result<()> {
    let Some(first) = frames.next() else {
        return Ok(());
    };
    let mut first = first?;
    let Some(second) = frames.next() else {
        return write_parquet(&mut first, path);
    };
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let cannot =
        |e: PolarsError| anyhow::Error::from(e).context(format!("cannot write {}", path.display()));
    let mut writer = ParquetWriter::new(file)
        .batched(first.schema())
        .map_err(cannot)?;
    writer.write_batch(&first).map_err(cannot)?;
    drop(first);
    for df in std::iter::once(second).chain(frames) {
        writer.write_batch(&df?).map_err(cannot)?;
    }
    writer.finish().map_err(cannot)?;
    Ok(())
}

/// The Parquet form of a table: a `published` column of ISO dates (only `articles` has one)
/// becomes a Date column (the date part; empty or unreadable values are null).
fn typed_for_parquet(mut df: DataFrame, r: &Results) -> PolarsResult<DataFrame> {
    if df.column("published").is_ok() && df.height() == r.articles.len() {
        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
        let days: Vec<Option<i32>> = r
            .articles
            .iter()
            .map(|a| {
                crate::analysis::trends::publication_date(&a.published)
                    .map(|d| (d - epoch).num_days() as i32)
            })
            .collect();
        let date = Column::new("published".into(), days).cast(&DataType::Date)?;
        df.with_column(date)?;
    }
    Ok(df)
}

/// The numbers a chart draws, as a table (see [`bar_chart_table`] and its siblings), for
/// [`write_extra`]; the report module names it without naming polars.
pub type ChartTable = PolarsResult<DataFrame>;

/// Writes a table that is not one of [`TABLES`] (a chart's data, the trends) as CSV, and as
/// Parquet too when asked; returns the files written, relative to `dir`.
pub fn write_extra(
    mut df: DataFrame,
    dir: &Path,
    csv_name: &str,
    options: TableOptions,
) -> anyhow::Result<Vec<String>> {
    write_csv(&df, &dir.join(csv_name), options.formula_guard, options.bom)?;
    let mut written = vec![csv_name.to_string()];
    if options.parquet {
        let parquet = parquet_name(csv_name);
        write_parquet(&mut df, &dir.join(&parquet))?;
        written.push(parquet);
    }
    Ok(written)
}

/// A value column: integers when every value is whole, else decimals.
fn values(name: &str, v: Vec<f64>) -> Column {
    if v.iter()
        .all(|x| x.is_finite() && x.fract() == 0.0 && x.abs() < 9e15)
    {
        Column::new(
            name.into(),
            v.iter().map(|&x| x as i64).collect::<Vec<i64>>(),
        )
    } else {
        Column::new(name.into(), v)
    }
}

/// The data of a bar chart: `label_name`, `value_name`, one row per bar, top to bottom.
pub fn bar_chart_table(
    chart: &BarChart,
    label_name: &str,
    value_name: &str,
) -> PolarsResult<DataFrame> {
    DataFrame::new(
        chart.bars.len(),
        vec![
            Column::new(
                label_name.into(),
                chart
                    .bars
                    .iter()
                    .map(|b| b.label.clone())
                    .collect::<Vec<_>>(),
            ),
            values(value_name, chart.bars.iter().map(|b| b.value).collect()),
        ],
    )
}

/// The data of a panel chart: `panel` (1, 2, … left to right, top to bottom), `panel_title`,
/// `label_name`, `value_name`, one row per bar.
pub fn panel_chart_table(
    chart: &PanelChart,
    panel_name: &str,
    label_name: &str,
    value_name: &str,
) -> PolarsResult<DataFrame> {
    let rows: Vec<(u32, &str, &crate::report::charts::Bar)> = chart
        .panels
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            p.bars
                .iter()
                .map(move |b| (i as u32 + 1, p.title.as_str(), b))
        })
        .collect();
    DataFrame::new(
        rows.len(),
        vec![
            numbers("panel", rows.iter().map(|r| r.0)),
            Column::new(
                panel_name.into(),
                rows.iter().map(|r| r.1.to_string()).collect::<Vec<_>>(),
            ),
            Column::new(
                label_name.into(),
                rows.iter().map(|r| r.2.label.clone()).collect::<Vec<_>>(),
            ),
            values(value_name, rows.iter().map(|r| r.2.value).collect()),
        ],
    )
}

/// The data of a stacked bar chart: `category_name`, `series_name`, `value_name`, one row per
/// segment, by category (top to bottom) then series (left to right).
pub fn stacked_chart_table(
    chart: &StackedBarChart,
    category_name: &str,
    series_name: &str,
    value_name: &str,
) -> PolarsResult<DataFrame> {
    let mut categories = Vec::new();
    let mut series = Vec::new();
    let mut vals = Vec::new();
    for (i, c) in chart.categories.iter().enumerate() {
        for s in &chart.series {
            categories.push(c.clone());
            series.push(s.name.clone());
            vals.push(s.values.get(i).copied().unwrap_or(0.0));
        }
    }
    DataFrame::new(
        vals.len(),
        vec![
            Column::new(category_name.into(), categories),
            Column::new(series_name.into(), series),
            values(value_name, vals),
        ],
    )
}

/// The data of a heatmap: `row`, `column`, `value_name`, one row per off-diagonal cell drawn,
/// by row then column.
pub fn heatmap_table(chart: &Heatmap, value_name: &str) -> PolarsResult<DataFrame> {
    let n = chart.labels.len().min(crate::report::charts::MAX_HEATMAP);
    let (mut rows, mut columns, mut vals) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..n {
        for j in (0..n).filter(|&j| j != i) {
            rows.push(chart.labels[i].clone());
            columns.push(chart.labels[j].clone());
            vals.push(
                chart
                    .values
                    .get(i)
                    .and_then(|r| r.get(j))
                    .copied()
                    .unwrap_or(0.0),
            );
        }
    }
    DataFrame::new(
        vals.len(),
        vec![
            Column::new("row".into(), rows),
            Column::new("column".into(), columns),
            values(value_name, vals),
        ],
    )
}

/// The data of a line chart: `panel` (its title), `series`, `x_name`, `value_name`, one row
/// per point, by panel, then series, then point.
pub fn line_chart_table(
    chart: &LineChart,
    x_name: &str,
    value_name: &str,
) -> PolarsResult<DataFrame> {
    let (mut panels, mut series, mut xs, mut vals) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for p in &chart.panels {
        for s in &p.series {
            for (x, v) in chart.x_labels.iter().zip(&s.values) {
                panels.push(p.title.clone());
                series.push(s.name.clone());
                xs.push(x.clone());
                vals.push(*v);
            }
        }
    }
    DataFrame::new(
        vals.len(),
        vec![
            Column::new("panel".into(), panels),
            Column::new("series".into(), series),
            Column::new(x_name.into(), xs),
            values(value_name, vals),
        ],
    )
}

/// `trends.csv`: `period` (first day of the period), `kind` (`articles`: dated articles in the
/// period; `actor`: mentions; `term`: occurrences), `name`, `count`; by period, then kind in
/// that order, then rank of the actor or term in the corpus.
pub fn trends(t: &Trends) -> PolarsResult<DataFrame> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let (mut periods, mut kinds, mut names, mut counts) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, start) in t.periods.iter().enumerate() {
        let day = (*start - epoch).num_days() as i32;
        periods.push(day);
        kinds.push("articles");
        names.push(String::new());
        counts.push(t.articles[i]);
        for s in &t.series {
            periods.push(day);
            kinds.push(s.kind.name());
            names.push(s.name.clone());
            counts.push(s.counts[i]);
        }
    }
    DataFrame::new(
        counts.len(),
        vec![
            Column::new("period".into(), periods).cast(&DataType::Date)?,
            Column::new("kind".into(), kinds),
            Column::new("name".into(), names),
            Column::new("count".into(), counts),
        ],
    )
}

/// The first characters that make a spreadsheet read a cell as a formula (all ASCII, so a
/// cell's first byte says).
const FORMULA_STARTS: [u8; 6] = *b"=+-@\t\r";

/// Neutralises a cell that a spreadsheet would run as a formula, as OWASP recommends: a cell
/// beginning with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, which
/// spreadsheets show as text and do not evaluate.
pub fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell
        .as_bytes()
        .first()
        .is_some_and(|b| FORMULA_STARTS.contains(b))
    {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A string column from an iterator.
fn strings<'a>(name: &str, values: impl Iterator<Item = &'a str>) -> Column {
    Column::new(name.into(), values.collect::<Vec<&str>>())
}

/// A numeric column (integers or decimals) from an iterator.
fn numbers<T>(name: &str, values: impl Iterator<Item = T>) -> Column
where
    Series: NamedFrom<Vec<T>, [T]>,
{
    Column::new(name.into(), values.collect::<Vec<T>>())
}

/// A column of `true` / `false`.
fn flags(name: &str, values: impl Iterator<Item = bool>) -> Column {
    strings(name, values.map(|v| if v { "true" } else { "false" }))
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
            numbers("articles", f.iter().map(|x| x.articles)),
            strings("status", f.iter().map(|x| x.status.as_str())),
            numbers("bytes", f.iter().map(|x| x.bytes)),
            strings("sha256", f.iter().map(|x| x.sha256.as_str())),
        ],
    )
}

/// `articles.csv`.
pub fn articles(r: &Results) -> PolarsResult<DataFrame> {
    let a = &r.articles;
    DataFrame::new(
        a.len(),
        vec![
            numbers("article_id", a.iter().map(|x| x.article_id)),
            strings("source", a.iter().map(|x| x.source.as_str())),
            strings("title", a.iter().map(|x| x.title.as_str())),
            strings("section", a.iter().map(|x| x.section.as_str())),
            strings("author", a.iter().map(|x| x.author.as_str())),
            strings("published", a.iter().map(|x| x.published.as_str())),
            strings("url", a.iter().map(|x| x.url.as_str())),
            numbers("words", a.iter().map(|x| x.words)),
            numbers("terms", a.iter().map(|x| x.terms)),
        ],
    )
}

/// `terms.csv`.
pub fn terms(r: &Results) -> PolarsResult<DataFrame> {
    TermSlices::new(r, usize::MAX).frame(0)
}

/// `corpus_terms.csv`.
pub fn corpus_terms(r: &Results) -> PolarsResult<DataFrame> {
    let t = &r.corpus_terms;
    DataFrame::new(
        t.len(),
        vec![
            strings("term", t.iter().map(|x| x.term.as_str())),
            strings("word", t.iter().map(|x| x.word.as_str())),
            numbers("count", t.iter().map(|x| x.count)),
            numbers("articles", t.iter().map(|x| x.articles)),
        ],
    )
}

/// `keywords.csv`.
pub fn keywords(r: &Results) -> PolarsResult<DataFrame> {
    let k = &r.keywords;
    DataFrame::new(
        k.len(),
        vec![
            numbers("article_id", k.iter().map(|x| x.article_id)),
            numbers("rank", k.iter().map(|x| x.rank)),
            strings("keyword", k.iter().map(|x| x.keyword.as_str())),
            numbers("score", k.iter().map(|x| x.score)),
        ],
    )
}

/// `actors.csv`.
pub fn actors(r: &Results) -> PolarsResult<DataFrame> {
    let a = &r.actors;
    let mut columns = vec![
        numbers("article_id", a.iter().map(|x| x.article_id)),
        strings("actor", a.iter().map(|x| x.actor.as_str())),
        strings("type", a.iter().map(|x| x.kind.as_str())),
        numbers("mentions", a.iter().map(|x| x.mentions)),
    ];
    for (k, kind) in crate::actors::AliasKind::ALL.iter().enumerate() {
        columns.push(numbers(
            &format!("{}_mentions", kind.as_str()),
            a.iter().map(|x| x.by_kind[k]),
        ));
    }
    columns.push(numbers("title_mentions", a.iter().map(|x| x.in_title)));
    DataFrame::new(a.len(), columns)
}

/// `mentions.csv`: one row per counted mention, with a keyword-in-context snippet.
pub fn mentions(r: &Results) -> PolarsResult<DataFrame> {
    let m = &r.actor_tables.mentions;
    DataFrame::new(
        m.len(),
        vec![
            numbers("article_id", m.iter().map(|x| x.article_id)),
            strings("actor", m.iter().map(|x| x.actor.as_str())),
            strings("text", m.iter().map(|x| x.record.text())),
            strings("alias_kind", m.iter().map(|x| x.record.kind.as_str())),
            numbers("offset", m.iter().map(|x| x.record.offset)),
            numbers("sentence", m.iter().map(|x| x.record.sentence)),
            flags("in_title", m.iter().map(|x| x.record.in_title)),
            flags("auto_alias", m.iter().map(|x| x.auto_alias)),
            Column::new(
                "snippet".into(),
                m.iter().map(|x| x.record.snippet()).collect::<Vec<_>>(),
            ),
        ],
    )
}

/// `co_mentions.csv`.
pub fn co_mentions(r: &Results) -> PolarsResult<DataFrame> {
    let c = &r.actor_tables.co_mentions;
    DataFrame::new(
        c.len(),
        vec![
            strings("actor_a", c.iter().map(|x| x.actor_a.as_str())),
            strings("actor_b", c.iter().map(|x| x.actor_b.as_str())),
            numbers("sentences", c.iter().map(|x| x.sentences)),
            numbers("articles", c.iter().map(|x| x.articles)),
        ],
    )
}

/// `candidates.csv`.
pub fn candidates(r: &Results) -> PolarsResult<DataFrame> {
    let c = &r.actor_tables.candidates;
    DataFrame::new(
        c.len(),
        vec![
            strings("name", c.iter().map(|x| x.name.as_str())),
            strings("kind", c.iter().map(|x| x.kind)),
            numbers("count", c.iter().map(|x| x.count)),
            numbers("articles", c.iter().map(|x| x.articles)),
            numbers("mid_sentence", c.iter().map(|x| x.mid_sentence)),
            numbers("example_article", c.iter().map(|x| x.example_article)),
            strings("example", c.iter().map(|x| x.example.as_str())),
        ],
    )
}

/// `alias_suggestions.csv`.
pub fn alias_suggestions(r: &Results) -> PolarsResult<DataFrame> {
    let s = &r.actor_tables.suggestions;
    DataFrame::new(
        s.len(),
        vec![
            strings("name", s.iter().map(|x| x.name.as_str())),
            strings("actor", s.iter().map(|x| x.actor_name.as_str())),
            strings("same_as", s.iter().map(|x| x.same_as.as_str())),
            strings("evidence", s.iter().map(|x| x.evidence)),
            strings("alias_kind", s.iter().map(|x| x.kind.as_str())),
            numbers("count", s.iter().map(|x| x.count)),
            numbers("articles", s.iter().map(|x| x.articles)),
            strings("detail", s.iter().map(|x| x.detail.as_str())),
            flags("confident", s.iter().map(|x| x.confident)),
            flags("applied", s.iter().map(|x| x.applied)),
        ],
    )
}

/// `actor_matrix.csv`: `article_id`, `title`, then one column per actor mentioned anywhere.
pub fn actor_matrix(r: &Results) -> PolarsResult<DataFrame> {
    let mut columns = vec![
        numbers("article_id", r.articles.iter().map(|x| x.article_id)),
        strings("title", r.articles.iter().map(|x| x.title.as_str())),
    ];
    for (j, actor) in r.matrix_actors.iter().enumerate() {
        columns.push(numbers(
            actor,
            r.matrix.iter().map(|row| row.get(j).copied().unwrap_or(0)),
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
            numbers("topic", w.iter().map(|x| x.topic)),
            numbers("rank", w.iter().map(|x| x.rank)),
            strings("word", w.iter().map(|x| x.word.as_str())),
            numbers("weight", w.iter().map(|x| x.weight)),
        ],
    )
}

/// `article_topics.csv`: `article_id`, `topic`, `weight`.
pub fn article_topics(r: &Results) -> PolarsResult<DataFrame> {
    let a = &r.topics.articles;
    DataFrame::new(
        a.len(),
        vec![
            numbers("article_id", a.iter().map(|x| x.article_id)),
            numbers("topic", a.iter().map(|x| x.topic)),
            numbers("weight", a.iter().map(|x| x.weight)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::read::sha256_hex;

    #[test]
    fn formulas_are_neutralised() {
        for cell in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"] {
            assert_eq!(neutralise_formula(cell), format!("'{cell}"));
        }
        for cell in ["Kazakhstan", "", "a=b", "'quoted", "é=1", "−2"] {
            assert_eq!(neutralise_formula(cell), cell);
        }
    }

    /// A decimal as [`push_decimal`] writes it.
    fn decimal_text(v: f64) -> String {
        let mut out = Vec::new();
        push_decimal(v, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn decimals_are_fixed_and_plain() {
        for (v, want) in [
            (0.0, "0.000000"),
            (1.0 / 24.0, "0.041667"),
            (-3.5, "-3.500000"),
            (-0.0000001, "0.000000"),
            (12.0, "12.000000"),
            (0.0000005, "0.000001"),
            (0.999_999_6, "1.000000"),
            (123456.1234564, "123456.123456"),
            (2e-7, "0.000000"),
            (1e15, "1000000000000000.000000"),
            (f64::NAN, "NaN"),
        ] {
            assert_eq!(decimal_text(v), want, "{v}");
        }
    }

    /// The integer and fraction parts formatted apart, as decimals were written before they
    /// were formatted in one piece.
    fn decimal_in_two_parts(v: f64) -> String {
        if !v.is_finite() || v.abs() >= 1e12 {
            return format!("{v:.DECIMALS$}");
        }
        let scaled = (v.abs() * 1e6).round() as u64;
        let sign = if v < 0.0 && scaled != 0 { "-" } else { "" };
        format!("{sign}{}.{:06}", scaled / 1_000_000, scaled % 1_000_000)
    }

    proptest::proptest! {
        #[test]
        fn decimals_in_one_piece_equal_decimals_in_two_parts(
            v in proptest::num::f64::ANY,
            small in -2e6f64..2e6,
        ) {
            proptest::prop_assert_eq!(decimal_text(v), decimal_in_two_parts(v));
            proptest::prop_assert_eq!(decimal_text(small), decimal_in_two_parts(small));
        }
    }

    proptest::proptest! {
        #[test]
        fn quotes_are_needed_exactly_for_commas_quotes_and_line_breaks(
            cell in proptest::collection::vec(proptest::sample::select(
                vec![b'a', b',', b'"', b'\n', b'\r', 0x80, 0xff, 0x2b, 0x0b, 0x00, b' ']
            ), 0..40),
        ) {
            let naive = cell.iter().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'));
            proptest::prop_assert_eq!(needs_quotes(&cell), naive);
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
        write_csv(&df, &path, true, false).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "id,title,score,n\n1,'=cmd,0.500000,7\n2,\"a, \"\"b\"\"\",0.333333,\n"
        );
        write_csv(&df, &path, false, true).unwrap();
        let unguarded = std::fs::read_to_string(&path).unwrap();
        assert!(unguarded.starts_with("\u{feff}id,title,"));
        assert!(unguarded.contains("\n1,=cmd,"));
    }
    /// Results with `rows` term rows over three articles and four terms.
    fn results_with_terms(rows: usize) -> Results {
        use crate::analysis::corpus::{ArticleRow, CorpusTermRow, TermRow};
        Results {
            articles: (1..=3)
                .map(|id| ArticleRow {
                    article_id: id,
                    source: format!("{id}.txt"),
                    title: format!("Title {id}"),
                    section: String::new(),
                    author: String::new(),
                    published: String::new(),
                    url: String::new(),
                    words: 10 * id,
                    terms: 7 * id,
                })
                .collect(),
            corpus_terms: ["kazakhstan", "=sum", "russia", "law"]
                .iter()
                .map(|t| CorpusTermRow {
                    term: t.to_string(),
                    word: t.to_uppercase(),
                    count: 9,
                    articles: 2,
                })
                .collect(),
            terms: (0..rows)
                .map(|i| TermRow {
                    article_id: (i % 3) as u32 + 1,
                    term: (i % 4) as u32,
                    count: (i % 5) as u32 + 1,
                })
                .collect(),
            ..Results::default()
        }
    }

    #[test]
    fn terms_written_as_parquet_in_slices_equal_terms_whole() {
        // The CSV file written in slices: terms_built_and_written_in_parallel_slices_….
        let dir = tempfile::tempdir().unwrap();
        for rows in [0, 1, 7, 12] {
            let r = results_with_terms(rows);
            for per in [1, 2, 5, 12, 100] {
                let parquet = dir.path().join("sliced.parquet");
                let frames = Gather::TermSlices.frames(&r, per).map(|frame| Ok(frame?));
                write_parquet_frames(frames, &parquet).unwrap();
                let back = ParquetReader::new(File::open(&parquet).unwrap())
                    .finish()
                    .unwrap();
                assert!(back.equals_missing(&terms(&r).unwrap()), "{rows} / {per}");
            }
        }
    }

    #[test]
    fn rounding_without_the_library_call_equals_f64_round() {
        let mut cases = vec![
            0.0,
            0.5,
            1.5,
            2.5,
            0.49999999999999994,
            1.4999999999999998,
            4_503_599_627_370_495.5,
            4_503_599_627_370_496.0,
            9_007_199_254_740_993.0,
            999_999_999_999_999_999.0,
        ];
        // Values near every half of a fixed seed's random scaled decimals.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let v = (state >> 11) as f64 / (1u64 << 53) as f64 * 10f64.powi((state % 13) as i32);
            cases.push(v * 1e6);
            let half = (v * 1e6).floor() + 0.5;
            cases.extend([
                half,
                f64::from_bits(half.to_bits() - 1),
                f64::from_bits(half.to_bits() + 1),
            ]);
        }
        for x in cases {
            assert_eq!(round_half_away(x), x.round() as u64, "{x:e}");
        }
    }

    #[test]
    fn terms_built_and_written_in_parallel_slices_equal_terms_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        for rows in [0, 1, 7, 12, 41] {
            let r = results_with_terms(rows);
            for (guard, bom) in [(true, true), (false, false)] {
                let whole = dir.path().join("whole.csv");
                write_csv(&terms(&r).unwrap(), &whole, guard, bom).unwrap();
                // Slices of 1 or 2 rows are several waves of slices, the last one short.
                for per in [1, 2, 5, 12, 100] {
                    let slices = TermSlices::new(&r, per);
                    let sliced = dir.path().join("sliced.csv");
                    let frame = |i| Ok(slices.frame(i)?);
                    write_csv_slices(slices.count(), frame, &sliced, guard, bom).unwrap();
                    assert_eq!(
                        std::fs::read(&sliced).unwrap(),
                        std::fs::read(&whole).unwrap(),
                        "{rows} rows in slices of {per}"
                    );
                }
            }
        }
    }

    #[test]
    fn an_error_building_a_slice_names_the_table_and_fails_the_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("terms.csv");
        let r = results_with_terms(20);
        let slices = TermSlices::new(&r, 2);
        let frame = |i| {
            if i == 9 {
                anyhow::bail!("cannot build terms.csv")
            }
            Ok(slices.frame(i)?)
        };
        let err = write_csv_slices(slices.count(), frame, &path, true, true).unwrap_err();
        assert!(format!("{err:#}").contains("terms.csv"), "{err:#}");
    }

    #[test]
    fn term_frequency_and_tfidf_are_computed_from_the_row() {
        let r = results_with_terms(4);
        let row = r.terms[3]; // article 1, term 3, count 4
        assert_eq!(r.term_frequency(&row), 4.0 / 7.0);
        let tfidf = terms(&r)
            .unwrap()
            .column("tfidf")
            .unwrap()
            .f64()
            .unwrap()
            .get(3);
        assert_eq!(tfidf, Some(4.0 / 7.0 * crate::keywords::idf(3, 2)));
    }

    /// Results with a row or more in every table, text cells with commas, quotes, line breaks
    /// and formula starts among them.
    fn results_with_every_table() -> Results {
        use crate::actors::candidates::CandidateRow;
        use crate::actors::suggestions::Suggestion;
        use crate::actors::{AliasKind, MatchStatus, Mention, MentionRecord};
        use crate::analysis::actor_tables::{ActorRow, CoMentionRow, MentionRow};
        use crate::analysis::corpus::{FileRow, KeywordRow};
        let mut r = results_with_terms(9);
        r.articles[1].title = "=HYPERLINK(\"x\"), \"quoted\"\nnext".to_string();
        r.articles[2].published = "2022-01-05".to_string();
        r.files = vec![FileRow {
            path: "a, b.txt".to_string(),
            format: "text".to_string(),
            encoding: "utf-8".to_string(),
            articles: 3,
            status: "ok".to_string(),
            bytes: u64::MAX,
            sha256: "ab".repeat(32),
        }];
        r.keywords = vec![KeywordRow {
            article_id: 1,
            rank: 1,
            keyword: "-minus".to_string(),
            score: 0.125,
        }];
        r.actors = vec![ActorRow {
            article_id: 2,
            actor: "Kazakhstan".to_string(),
            kind: "country".to_string(),
            mentions: 3,
            by_kind: [1, 0, 0, 2, 0],
            in_title: 1,
        }];
        r.matrix_actors = vec!["Kazakhstan".to_string(), "Russia".to_string()];
        r.matrix = vec![vec![0, 1], vec![3, 0], vec![0]];
        let text = "Kazakh leaders met, and \"Kazakhstan\" said so.";
        let start = text.find("Kazakhstan").unwrap_or(0);
        let mention = Mention {
            actor: 0,
            start,
            end: start + 10,
            kind: AliasKind::Name,
            pattern: 0,
            status: MatchStatus::Counted,
        };
        r.actor_tables.mentions = vec![MentionRow {
            article_id: 2,
            actor: "Kazakhstan".to_string(),
            record: MentionRecord::new(text, &mention, start, 0, 0),
            auto_alias: true,
        }];
        r.actor_tables.co_mentions = vec![CoMentionRow {
            actor_a: "Kazakhstan".to_string(),
            actor_b: "Russia".to_string(),
            sentences: 2,
            articles: 1,
        }];
        r.actor_tables.candidates = vec![CandidateRow {
            name: "Tokayev".to_string(),
            kind: "name",
            count: 4,
            articles: 2,
            mid_sentence: 3,
            example_article: 1,
            example: "…said \"Tokayev\", then…".to_string(),
        }];
        r.actor_tables.suggestions = vec![Suggestion {
            name: "Toqayev".to_string(),
            actor: Some(0),
            actor_name: "Kassym-Jomart Tokayev".to_string(),
            same_as: "Tokayev".to_string(),
            evidence: "transliteration",
            kind: AliasKind::Surname,
            count: 2,
            articles: 1,
            detail: "same transliteration skeleton \"tokaiev\"".to_string(),
            confident: true,
            applied: false,
        }];
        r
    }

    #[test]
    fn tables_written_in_blocks_equal_their_dataframes_written_row_by_row() {
        let r = results_with_every_table();
        let dir = tempfile::tempdir().unwrap();
        let builders: [(&str, TableBuilder); 12] = [
            ("files", files),
            ("articles", articles),
            ("terms", terms),
            ("corpus_terms", corpus_terms),
            ("keywords", keywords),
            ("actors", actors),
            ("actor_matrix", actor_matrix),
            ("mentions", mentions),
            ("co_mentions", co_mentions),
            ("candidates", candidates),
            ("alias_suggestions", alias_suggestions),
            ("topics", topics),
        ];
        for (name, frame) in builders {
            for (guard, bom) in [(true, true), (false, false)] {
                let blocks = dir.path().join("blocks.csv");
                write_csv(&frame(&r).unwrap(), &blocks, guard, bom).unwrap();
                let rows = dir.path().join("rows.csv");
                write_frame(&frame(&r).unwrap(), &rows, guard, bom, 1).unwrap();
                let blocks = std::fs::read(&blocks).unwrap();
                assert_eq!(blocks, std::fs::read(&rows).unwrap(), "{name}");
                assert!(blocks.len() > 20, "{name}");
            }
        }
    }

    #[test]
    fn blocks_written_in_several_waves_equal_rows_written_one_by_one() {
        let dir = tempfile::tempdir().unwrap();
        let rows = dir.path().join("rows.csv");
        let blocks = dir.path().join("blocks.csv");
        let r = results_with_terms(41);
        write_csv(&terms(&r).unwrap(), &rows, true, true).unwrap();
        let expected = std::fs::read(&rows).unwrap();
        // 41 rows in blocks of 1, 2 or 5 are 41, 21 or 9 blocks: several waves, the last one
        // short.
        for per_block in [1, 2, 5, CSV_ROWS_PER_JOB] {
            let (bytes, sha256) =
                write_frame(&terms(&r).unwrap(), &blocks, true, true, per_block).unwrap();
            assert_eq!(
                std::fs::read(&blocks).unwrap(),
                expected,
                "blocks of {per_block}"
            );
            assert_eq!(
                (bytes, sha256),
                (expected.len() as u64, sha256_hex(&expected))
            );
        }
    }

    #[test]
    fn integer_float32_and_date_columns_are_written_with_nulls_empty() {
        let dir = tempfile::tempdir().unwrap();
        let frame = DataFrame::new(
            2,
            vec![
                Column::new("i".into(), [Some(-3i64), None]),
                Column::new("f".into(), [None, Some(0.25f32)]),
                Column::new("d".into(), [Some(18_997i32), None])
                    .cast(&DataType::Date)
                    .unwrap(),
            ],
        )
        .unwrap();
        let path = dir.path().join("t.csv");
        write_csv(&frame, &path, true, false).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "i,f,d\n-3,,2022-01-05\n,0.250000,\n"
        );
    }

    #[test]
    fn frames_with_nulls_or_several_chunks_are_written_cell_by_cell() {
        let dir = tempfile::tempdir().unwrap();
        let mut frame = DataFrame::new(
            3,
            vec![
                Column::new("n".into(), [Some(1u32), None, Some(3)]),
                Column::new("x".into(), [Some(0.5f64), Some(1.25), None]),
                Column::new("w".into(), [Some("a"), None, Some("=b")]),
            ],
        )
        .unwrap();
        let more = frame.clone();
        frame.vstack_mut(&more).unwrap();
        let (blocks, rows) = (dir.path().join("blocks.csv"), dir.path().join("rows.csv"));
        write_csv(&frame, &blocks, true, false).unwrap();
        write_frame(&frame, &rows, true, false, 1).unwrap();
        let written = std::fs::read_to_string(&blocks).unwrap();
        assert_eq!(written, std::fs::read_to_string(&rows).unwrap());
        assert_eq!(
            written,
            "n,x,w\n1,0.500000,a\n,1.250000,\n3,,'=b\n1,0.500000,a\n,1.250000,\n3,,'=b\n"
        );
    }

    #[test]
    fn a_column_of_another_length_is_an_error() {
        let columns = vec![
            numbers("a", [1u32, 2].into_iter()),
            strings("b", ["x"].into_iter()),
        ];
        assert!(DataFrame::new(2, columns).is_err());
        let r = results_with_terms(3);
        let slices = TermSlices::new(&r, 2);
        assert_eq!(slices.frame(1).unwrap().height(), 1);
        assert_eq!(slices.frame(2).unwrap().height(), 0);
        // A row whose term is not in the vocabulary.
        let mut r = results_with_terms(3);
        r.terms[1].term = 99;
        assert!(TermSlices::new(&r, 2).frame(0).is_err());
    }
}
