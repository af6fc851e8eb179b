//! `articles.jsonl`: one JSON object per article, in corpus order, with the columns of
//! `articles.csv` and the article's text exactly as it was analysed (title, then the body
//! paragraphs, furniture removed), so any count can be traced back to its text.
//!
//! The pipeline keeps no texts, so they are written while articles are analysed: each file's
//! lines come from the worker that analysed it ([`TextParts::write_file`]) and are written in
//! corpus order, numbered, as soon as the files before them are in; files analysed ahead of
//! their turn wait in memory up to 64 MiB, then in part files on disk, so memory stays bounded
//! whatever the size of the corpus. At the end the file moves into the staging folder
//! ([`TextParts::assemble`]). (A part file per input file was the first design: creating 2,225
//! small files cost over a second on the BBC corpus.)

use crate::analysis::ParkedAnalysis;
use crate::article::Article;
use crate::lock::lock;
use anyhow::Context;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The file name of the texts.
pub const TEXTS_FILE: &str = "articles.jsonl";

/// The fields of one line of `articles.jsonl` before `text`, without its `article_id` (added
/// when the parts are joined).
#[derive(Serialize)]
struct TextLine<'a> {
    source: &'a str,
    title: &'a str,
    section: &'a str,
    author: &'a str,
    published: &'a str,
    url: &'a str,
    words: u32,
    terms: u32,
}

/// Writes `piece` JSON-escaped, without quotes.
fn write_escaped(out: &mut impl Write, piece: &str) -> std::io::Result<()> {
    let quoted = serde_json::to_string(piece)?;
    out.write_all(&quoted.as_bytes()[1..quoted.len() - 1])
}

/// Writes one line: the metadata, then `"text"`: [`Article::text`] written piece by piece (the
/// title, then each paragraph), so a huge article is never copied whole.
fn write_line(
    out: &mut impl Write,
    article: &Article,
    analysis: &ParkedAnalysis,
) -> std::io::Result<()> {
    write_line_numbered(out, None, article, analysis)
}

/// [`write_line`], with `"article_id"` first when `id` is given.
fn write_line_numbered(
    out: &mut impl Write,
    id: Option<u64>,
    article: &Article,
    analysis: &ParkedAnalysis,
) -> std::io::Result<()> {
    let line = TextLine {
        source: &article.source,
        title: &article.title,
        section: &article.section,
        author: &article.author,
        published: &article.published,
        url: &article.url,
        words: analysis.words,
        terms: analysis.terms,
    };
    let head = serde_json::to_vec(&line)?;
    // `{...}` without its closing brace, then the text field.
    match id {
        Some(id) => {
            write!(out, "{{\"article_id\":{id},")?;
            out.write_all(&head[1..head.len() - 1])?;
        }
        None => out.write_all(&head[..head.len() - 1])?,
    }
    out.write_all(b",\"text\":\"")?;
    let title = crate::text::normalize(&article.title);
    write_escaped(out, &title)?;
    let mut empty = title.is_empty();
    for p in &article.paragraphs {
        if !empty {
            out.write_all(b"\\n\\n")?;
        }
        write_escaped(out, p)?;
        empty = empty && p.is_empty();
    }
    out.write_all(b"\"}\n")
}

/// Lines waiting for the files before them, in memory up to this many bytes; beyond, a file's
/// lines wait in a part file on disk.
const PENDING_IN_MEMORY: usize = 64 << 20;

/// A file's lines waiting for the files before it.
struct Pending {
    lines: Lines,
    /// True when the file's last part is in.
    complete: bool,
}

/// Where waiting lines are.
enum Lines {
    Memory(Vec<u8>),
    Disk(PathBuf),
}

/// The ordered writer behind [`TextParts`].
struct Sink {
    /// The lines written so far, numbered, in corpus order.
    out: BufWriter<File>,
    /// The next file number to write.
    next: usize,
    /// Files analysed ahead of `next`.
    pending: BTreeMap<usize, Pending>,
    /// Bytes of `pending` held in memory.
    pending_bytes: usize,
    /// Articles written so far (the last `article_id`).
    articles: u64,
}

/// `articles.jsonl` being written while the corpus is analysed: the lines of each file arrive
/// from the worker that analysed it ([`TextParts::write_file`], in any order) and are written
/// in corpus order, numbered, as soon as the files before them are in; files analysed ahead
/// wait in memory (up to 64 MiB) or in part files. Everything lives in a hidden folder of the
/// output directory, removed when this is dropped; [`TextParts::assemble`] moves the result
/// into the staging folder.
pub struct TextParts {
    dir: PathBuf,
    /// Bytes of waiting lines held in memory at most ([`PENDING_IN_MEMORY`]).
    memory_budget: usize,
    sink: Mutex<Sink>,
    /// The first error met while writing; reported by [`TextParts::assemble`].
    error: Mutex<Option<String>>,
}

impl std::fmt::Debug for TextParts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextParts").field("dir", &self.dir).finish()
    }
}

impl Sink {
    /// Writes the lines of one file (each a JSON object without `article_id`), numbering them.
    fn write_numbered(&mut self, lines: &[u8]) -> std::io::Result<()> {
        for line in lines.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            self.articles += 1;
            // `{"source":...}` becomes `{"article_id":N,"source":...}`.
            write!(self.out, "{{\"article_id\":{},", self.articles)?;
            self.out.write_all(&line[1..])?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Writes every pending file from `next` on that has arrived, up to the first one still
    /// incomplete (whose lines so far are written, and whose later parts will go straight out).
    fn drain(&mut self) -> std::io::Result<()> {
        while let Some(p) = self.pending.remove(&self.next) {
            let complete = p.complete;
            self.write_pending(p.lines)?;
            if !complete {
                break;
            }
            self.next += 1;
        }
        Ok(())
    }

    fn write_pending(&mut self, lines: Lines) -> std::io::Result<()> {
        match lines {
            Lines::Memory(lines) => {
                self.pending_bytes -= lines.len();
                self.write_numbered(&lines)
            }
            Lines::Disk(path) => {
                let lines = fs::read(&path)?;
                fs::remove_file(&path).ok();
                self.write_numbered(&lines)
            }
        }
    }
}

impl TextParts {
    /// Creates the hidden folder inside `output` (created if missing).
    pub fn create(output: &Path) -> anyhow::Result<TextParts> {
        let dir = output.join(format!(".newslens-texts-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).ok();
        }
        let cannot = || format!("cannot create output directory {}", output.display());
        fs::create_dir_all(&dir).with_context(cannot)?;
        let out = File::create(dir.join(TEXTS_FILE)).with_context(cannot)?;
        Ok(TextParts {
            dir,
            memory_budget: PENDING_IN_MEMORY,
            sink: Mutex::new(Sink {
                out: BufWriter::with_capacity(1 << 20, out),
                next: 0,
                pending: BTreeMap::new(),
                pending_bytes: 0,
                articles: 0,
            }),
            error: Mutex::new(None),
        })
    }

    /// Takes the lines of the articles of input file number `index` (in corpus order; every
    /// number from 0 should come once, with no articles for a file that gave none) and drops
    /// their paragraphs, which nothing else needs.
    pub fn write_file(&self, index: usize, articles: &mut [(Article, ParkedAnalysis)]) {
        self.write_part(index, articles, true);
    }

    /// [`TextParts::write_file`] for a file whose articles come in several parts, in order;
    /// `last` marks the last part.
    pub fn write_part(&self, index: usize, articles: &mut [(Article, ParkedAnalysis)], last: bool) {
        let written = (|| -> std::io::Result<()> {
            // The file whose turn it is goes straight out, one line at a time (a huge record
            // file is never held twice, a huge article never copied into a line).
            {
                let mut sink = lock(&self.sink);
                if index == sink.next {
                    for (article, analysis) in articles.iter_mut() {
                        sink.articles += 1;
                        let id = sink.articles;
                        write_line_numbered(&mut sink.out, Some(id), article, analysis)?;
                        article.paragraphs = Vec::new();
                    }
                    if last {
                        sink.next += 1;
                        sink.drain()?;
                    }
                    return Ok(());
                }
            }
            let mut lines = Vec::new();
            for (article, analysis) in articles.iter_mut() {
                write_line(&mut lines, article, analysis)?;
                article.paragraphs = Vec::new();
            }
            let mut sink = lock(&self.sink);
            if index == sink.next {
                // Its turn came while the lines were made.
                sink.write_numbered(&lines)?;
                if last {
                    sink.next += 1;
                    sink.drain()?;
                }
                return Ok(());
            }
            let in_memory = sink.pending_bytes + lines.len() <= self.memory_budget;
            let sink = &mut *sink;
            let pending = sink.pending.entry(index).or_insert(Pending {
                lines: Lines::Memory(Vec::new()),
                complete: false,
            });
            pending.complete = last;
            match &mut pending.lines {
                Lines::Memory(held) if in_memory => {
                    held.extend_from_slice(&lines);
                    sink.pending_bytes += lines.len();
                }
                Lines::Memory(held) => {
                    // Over the budget: this file's lines wait on disk from now on.
                    let path = self.dir.join(format!("{index:09}.part"));
                    let held = std::mem::take(held);
                    fs::write(&path, [held.as_slice(), &lines].concat())?;
                    sink.pending_bytes -= held.len();
                    pending.lines = Lines::Disk(path);
                }
                Lines::Disk(path) => {
                    fs::OpenOptions::new()
                        .append(true)
                        .open(path)?
                        .write_all(&lines)?;
                }
            }
            Ok(())
        })();
        if let Err(e) = written {
            lock(&self.error).get_or_insert_with(|| format!("cannot write {TEXTS_FILE}: {e}"));
        }
    }

    /// Writes what is still waiting (after a file that gave no call, such as one that could
    /// not be parsed), in order, and moves `articles.jsonl` to `dest`; returns the number of
    /// articles written.
    pub fn assemble(&self, dest: &Path) -> anyhow::Result<u64> {
        if let Some(e) = lock(&self.error).take() {
            anyhow::bail!(e);
        }
        let mut sink = lock(&self.sink);
        let rest = std::mem::take(&mut sink.pending);
        for (_, p) in rest {
            sink.write_pending(p.lines)
                .with_context(|| format!("cannot write {TEXTS_FILE}"))?;
        }
        sink.out
            .flush()
            .with_context(|| format!("cannot write {TEXTS_FILE}"))?;
        let from = self.dir.join(TEXTS_FILE);
        if fs::rename(&from, dest).is_err() {
            fs::copy(&from, dest).with_context(|| format!("cannot write {}", dest.display()))?;
        }
        Ok(sink.articles)
    }
}

impl Drop for TextParts {
    fn drop(&mut self) {
        fs::remove_dir_all(&self.dir).ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, body: &str) -> (Article, ParkedAnalysis) {
        let article = Article {
            source: "a.txt".into(),
            title: title.into(),
            paragraphs: vec![body.into()],
            ..Article::default()
        };
        let analysis = ParkedAnalysis {
            words: 2,
            terms: 1,
            ..ParkedAnalysis::default()
        };
        (article, analysis)
    }

    #[test]
    fn parts_are_joined_in_order_and_numbered() {
        let out = tempfile::tempdir().unwrap();
        let parts = TextParts::create(out.path()).unwrap();
        let mut second = vec![article("Two", "Body “two”.")];
        let mut first = vec![article("One", "Body one."), article("Also one", "x")];
        parts.write_file(2, &mut second);
        parts.write_file(0, &mut first);
        assert!(first[0].0.paragraphs.is_empty());
        let dest = out.path().join(TEXTS_FILE);
        assert_eq!(parts.assemble(&dest).unwrap(), 3);
        let text = fs::read_to_string(&dest).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[0]["article_id"], 1);
        assert_eq!(lines[0]["text"], "One\n\nBody one.");
        assert_eq!(lines[1]["title"], "Also one");
        assert_eq!(lines[2]["article_id"], 3);
        assert_eq!(lines[2]["text"], "Two\n\nBody “two”.");
        assert_eq!(lines[2]["words"], 2);
        assert!(!parts.dir.join("000000002.part").exists());
        // Each line's text is exactly the analysed text, escapes included.
        let mut tricky = article("A \"quoted\" title\t", "Line one\nline “two” \\ end");
        tricky.0.paragraphs.insert(0, String::new());
        tricky.0.paragraphs.push("last".into());
        let expected = tricky.0.text();
        let mut buffer = Vec::new();
        write_line(&mut buffer, &tricky.0, &tricky.1).unwrap();
        let parsed: serde_json::Value = serde_json::from_slice(&buffer).unwrap();
        assert_eq!(parsed["text"], expected);
        assert_eq!(parsed["title"], "A \"quoted\" title\t");
        assert_eq!(buffer.last(), Some(&b'\n'));
        let dir = parts.dir.clone();
        drop(parts);
        assert!(!dir.exists());
    }

    #[test]
    fn files_ahead_of_their_turn_wait_on_disk_beyond_the_budget() {
        let out = tempfile::tempdir().unwrap();
        let mut parts = TextParts::create(out.path()).unwrap();
        parts.memory_budget = 0;
        parts.write_file(2, &mut [article("Three", "c")]);
        parts.write_file(1, &mut [article("Two", "b")]);
        assert!(parts.dir.join("000000002.part").exists());
        parts.write_file(0, &mut [article("One", "a")]);
        // File 0 let 1 and 2 through.
        assert!(!parts.dir.join("000000002.part").exists());
        parts.write_file(3, &mut []);
        parts.write_file(4, &mut [article("Five", "e")]);
        let dest = out.path().join(TEXTS_FILE);
        assert_eq!(parts.assemble(&dest).unwrap(), 4);
        let titles: Vec<String> = fs::read_to_string(&dest)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["title"].to_string())
            .collect();
        assert_eq!(titles, ["\"One\"", "\"Two\"", "\"Three\"", "\"Five\""]);
    }

    /// The titles in `articles.jsonl` once assembled, and the article ids in order.
    fn assembled(parts: &TextParts, dir: &Path) -> Vec<String> {
        let dest = dir.join(TEXTS_FILE);
        parts.assemble(&dest).unwrap();
        let lines: Vec<serde_json::Value> = fs::read_to_string(&dest)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        for (i, l) in lines.iter().enumerate() {
            assert_eq!(l["article_id"], i + 1);
        }
        lines
            .iter()
            .map(|l| l["title"].as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn a_file_may_come_in_parts_ahead_of_its_turn() {
        for budget in [0, PENDING_IN_MEMORY] {
            let out = tempfile::tempdir().unwrap();
            let mut parts = TextParts::create(out.path()).unwrap();
            parts.memory_budget = budget;
            parts.write_part(0, &mut [article("A1", "a")], false);
            parts.write_part(1, &mut [article("B1", "b")], false);
            parts.write_part(2, &mut [article("C1", "c")], true);
            parts.write_part(1, &mut [article("B2", "b"), article("B3", "b")], false);
            parts.write_part(0, &mut [article("A2", "a")], true);
            // File 1 is not complete: its lines so far went out, file 2 still waits.
            parts.write_part(1, &mut [article("B4", "b")], true);
            parts.write_file(3, &mut [article("D1", "d")]);
            assert_eq!(
                assembled(&parts, out.path()),
                ["A1", "A2", "B1", "B2", "B3", "B4", "C1", "D1"],
                "budget {budget}"
            );
        }
    }
}
