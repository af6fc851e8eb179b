//! Per-article analyses parked while the corpus is analysed: the bulky parts of an
//! [`ArticleAnalysis`] (term counts and keyword candidates, which wait for the corpus's term and
//! phrase frequencies, and the examples of unmatched names, of which only each name's first is
//! shown) are set aside as soon as the article is analysed, and come back one article at a time
//! when the tables are built. The first [`IN_MEMORY_UP_TO`] bytes stay in memory; the rest go
//! to a temporary file, so memory holds, per article, only its word counts, its actor facts and
//! a reference, whatever the size of the corpus.
//!
//! The file lives in the output directory (nothing is written anywhere else) under a hidden
//! name; on Unix it is unlinked as soon as it is open, so even a killed run leaves nothing
//! behind, elsewhere it is removed when the spill is dropped.
//!
//! Measured on a 30 MB JSON Lines file of 13,000 BBC articles: the parked parts are 246 MB in
//! memory (keyword candidates 218 MB, term counts 28 MB), and the run's peak fell from 641 MB to
//! 300 MB when they went to disk.

use super::article::ArticleAnalysis;
use crate::actors::ArticleActors;
use crate::keywords::{Candidate, Candidates};
use crate::lock::lock;
use anyhow::Context;
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Where an article's parked parts are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SpillRef {
    /// Nothing was parked (an analysis made by hand).
    #[default]
    Nothing,
    /// In memory, at this index of the spill's table.
    Memory(u32),
    /// In the file.
    Disk {
        /// Byte offset of the record.
        offset: u64,
        /// Its length.
        len: u32,
    },
}

/// What stays in memory of an article's analysis once its bulky parts are parked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParkedAnalysis {
    /// Word tokens (words and numbers) in title and body.
    pub words: u32,
    /// Counted term tokens.
    pub terms: u32,
    /// Distinct terms: the article's rows in `terms.csv`.
    pub term_rows: u32,
    /// Actor mentions, unmatched names and acronym expansions.
    pub actors: ArticleActors,
    /// The parked term counts and keyword candidates.
    pub parked: SpillRef,
}

/// The parts of an article's analysis that were parked, read back.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParkedParts {
    /// Term counts as (term key, count), in order of first occurrence.
    pub term_counts: Vec<(u64, u32)>,
    /// Keyword candidates.
    pub candidates: Candidates,
    /// The examples of the article's unmatched names ([`ArticleActors::candidates`], in
    /// order): only the first in the corpus of each name is shown, so they wait on disk too.
    pub name_examples: Vec<Box<str>>,
}

/// Bytes of parked parts that may be kept in memory by default before the rest go to the file
/// (the pipeline keeps none in memory when the corpus's would not all fit): a corpus the size
/// of the BBC's (5 MB, about 40 MB of parts) never touches the disk, and saves the encoding,
/// writing and reading back (about 5 % of its run).
pub const IN_MEMORY_UP_TO: usize = 64 << 20;

/// Where analyses are parked: in memory up to a budget, then in a temporary file.
pub struct AnalysisSpill {
    /// The file's name, while it has one (not on Unix, where it is unlinked at once).
    path: Option<PathBuf>,
    /// A handle for positional reads.
    reader: File,
    writer: Mutex<SpillWriter>,
    /// The first error met while writing.
    error: Mutex<Option<String>>,
    /// Parts held in memory, taken when read back.
    memory: Mutex<InMemory>,
    /// Bytes of parts held in memory at most.
    memory_budget: usize,
}

/// The parts parked in memory.
#[derive(Default)]
struct InMemory {
    table: Vec<Option<ParkedParts>>,
    /// Their approximate size in bytes.
    bytes: usize,
}

struct SpillWriter {
    out: BufWriter<File>,
    /// Bytes written so far: the offset of the next record.
    len: u64,
}

impl std::fmt::Debug for AnalysisSpill {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnalysisSpill")
            .field("path", &self.path)
            .finish()
    }
}

impl AnalysisSpill {
    /// Creates the spill file inside `output` (created if missing); up to `memory_budget` bytes
    /// of parts are kept in memory first (see [`IN_MEMORY_UP_TO`]).
    pub fn create(output: &Path, memory_budget: usize) -> anyhow::Result<AnalysisSpill> {
        let cannot = || format!("cannot create output directory {}", output.display());
        std::fs::create_dir_all(output).with_context(cannot)?;
        let path = output.join(format!(".newslens-spill-{}", std::process::id()));
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .with_context(|| format!("cannot write to output directory {}", output.display()))?;
        let reader = file.try_clone().with_context(cannot)?;
        // Unlinked at once where an open file can be: nothing is left behind, whatever happens.
        let path = if cfg!(unix) && std::fs::remove_file(&path).is_ok() {
            None
        } else {
            Some(path)
        };
        Ok(AnalysisSpill {
            path,
            reader,
            writer: Mutex::new(SpillWriter {
                out: BufWriter::with_capacity(1 << 20, file),
                len: 0,
            }),
            error: Mutex::new(None),
            memory: Mutex::new(InMemory::default()),
            memory_budget,
        })
    }

    /// Parks the term counts and keyword candidates of `analysis`; keeps the rest. A write
    /// error is kept for [`AnalysisSpill::finish`] to report.
    pub fn park(&self, mut analysis: ArticleAnalysis) -> ParkedAnalysis {
        let examples: Vec<Box<str>> = (analysis.actors.candidates.iter_mut())
            .map(|c| std::mem::take(&mut c.example))
            .collect();
        let kept = ParkedAnalysis {
            words: analysis.words,
            terms: analysis.terms,
            term_rows: analysis.term_counts.len() as u32,
            actors: analysis.actors,
            parked: SpillRef::Nothing,
        };
        // The chance sequences' keys were counted in the phrase frequencies before parking
        // (see `PhraseFrequencies::add_article`); nothing reads them afterwards.
        let candidates = Candidates {
            unranked: Vec::new(),
            ..analysis.candidates
        };
        let parts = ParkedParts {
            term_counts: analysis.term_counts,
            candidates,
            name_examples: examples,
        };
        let size = encoded_size(&parts);
        {
            let mut memory = lock(&self.memory);
            if memory.bytes + size <= self.memory_budget {
                memory.bytes += size;
                memory.table.push(Some(parts));
                let at = SpillRef::Memory(memory.table.len() as u32 - 1);
                return ParkedAnalysis { parked: at, ..kept };
            }
        }
        let mut bytes = Vec::with_capacity(size);
        encode(
            &parts.term_counts,
            &parts.candidates,
            &parts.name_examples,
            &mut bytes,
        );
        drop(parts);
        let mut w = lock(&self.writer);
        let at = SpillRef::Disk {
            offset: w.len,
            len: bytes.len() as u32,
        };
        match w.out.write_all(&bytes) {
            Ok(()) => w.len += bytes.len() as u64,
            Err(e) => {
                lock(&self.error).get_or_insert_with(|| e.to_string());
            }
        }
        ParkedAnalysis { parked: at, ..kept }
    }

    /// Ends the writing: everything parked can be read back. Fails with the first write error
    /// (a full disk, above all).
    pub fn finish(&self) -> anyhow::Result<()> {
        let flushed = lock(&self.writer).out.flush();
        let error = lock(&self.error).take();
        match (error, flushed) {
            (Some(e), _) => Err(anyhow::anyhow!(e)),
            (None, Err(e)) => Err(e.into()),
            (None, Ok(())) => Ok(()),
        }
        .context("cannot write the temporary file of per-article results in the output directory")
    }

    /// Takes back the parts parked for `parked` (after [`AnalysisSpill::finish`]); each can be
    /// taken once.
    pub fn load(&self, parked: &ParkedAnalysis) -> anyhow::Result<ParkedParts> {
        match parked.parked {
            SpillRef::Nothing => Ok(ParkedParts::default()),
            SpillRef::Memory(i) => lock(&self.memory)
                .table
                .get_mut(i as usize)
                .and_then(Option::take)
                .context("per-article results taken twice"),
            SpillRef::Disk { offset, len } => {
                let mut bytes = vec![0u8; len as usize];
                read_at(&self.reader, &mut bytes, offset)
                    .and_then(|()| decode(&bytes))
                    .context("cannot read back the temporary file of per-article results")
            }
        }
    }
}

impl Drop for AnalysisSpill {
    fn drop(&mut self) {
        if let Some(path) = &self.path {
            std::fs::remove_file(path).ok();
        }
    }
}

/// Reads `buf.len()` bytes of `file` at `offset`, without moving a shared cursor (workers read
/// at once).
#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

/// Reads `buf.len()` bytes of `file` at `offset`, without moving a shared cursor (workers read
/// at once).
#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    let mut done = 0;
    while done < buf.len() {
        match file.seek_read(&mut buf[done..], offset + done as u64)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => done += n,
        }
    }
    Ok(())
}

/// Positional reads where the standard library has none: parked results must then stay in
/// memory (a read from the file is an error).
#[cfg(not(any(unix, windows)))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> std::io::Result<()> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "positional reads are not available on this platform",
    ))
}

/// Bytes of one encoded [`Candidate`].
const CANDIDATE_BYTES: usize = 8 + 12 + 1 + 8 + 4 + 4 + 4 + 4 + 4 + 1;

/// The length of the parts once encoded (see [`encode`]).
fn encoded_size(parts: &ParkedParts) -> usize {
    12 + parts.term_counts.len() * 12
        + parts.candidates.list.len() * CANDIDATE_BYTES
        + parts.candidates.surfaces.len()
        + (parts.name_examples.iter())
            .map(|e| 4 + e.len())
            .sum::<usize>()
        + 4
}

/// Encodes the parked parts, little-endian: term count pairs (with their number first), then
/// candidates (likewise), then the surface forms (with their length first), then the name
/// examples (their number, then each with its length first).
fn encode(
    term_counts: &[(u64, u32)],
    candidates: &Candidates,
    examples: &[Box<str>],
    out: &mut Vec<u8>,
) {
    out.extend_from_slice(&(term_counts.len() as u32).to_le_bytes());
    for &(key, count) in term_counts {
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
    }
    out.extend_from_slice(&(candidates.list.len() as u32).to_le_bytes());
    for c in &candidates.list {
        out.extend_from_slice(&c.key.to_le_bytes());
        for w in c.words {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.push(c.len);
        out.extend_from_slice(&c.surface.0.to_le_bytes());
        out.extend_from_slice(&c.surface.1.to_le_bytes());
        out.extend_from_slice(&c.count.to_le_bytes());
        out.extend_from_slice(&c.first_position.to_le_bytes());
        out.extend_from_slice(&c.last_position.to_le_bytes());
        out.extend_from_slice(&c.mid_sentence.to_le_bytes());
        out.extend_from_slice(&c.named.to_le_bytes());
        out.push(u8::from(c.in_title) | u8::from(c.connector) << 1);
    }
    out.extend_from_slice(&(candidates.surfaces.len() as u32).to_le_bytes());
    out.extend_from_slice(candidates.surfaces.as_bytes());
    out.extend_from_slice(&(examples.len() as u32).to_le_bytes());
    for e in examples {
        out.extend_from_slice(&(e.len() as u32).to_le_bytes());
        out.extend_from_slice(e.as_bytes());
    }
}

/// Reads what [`encode`] wrote.
fn decode(bytes: &[u8]) -> std::io::Result<ParkedParts> {
    let mut r = Cursor(bytes);
    let n = r.u32()? as usize;
    let mut term_counts = Vec::with_capacity(n.min(bytes.len() / 12));
    for _ in 0..n {
        term_counts.push((r.u64()?, r.u32()?));
    }
    let n = r.u32()? as usize;
    let mut list = Vec::with_capacity(n.min(bytes.len() / CANDIDATE_BYTES));
    for _ in 0..n {
        let key = r.u64()?;
        let words = [r.u32()?, r.u32()?, r.u32()?];
        let len = r.u8()?;
        let surface = (r.u32()?, r.u32()?);
        let count = r.u32()?;
        let first_position = f32::from_bits(r.u32()?);
        let last_position = f32::from_bits(r.u32()?);
        let mid_sentence = r.u32()?;
        let named = r.u32()?;
        let flags = r.u8()?;
        list.push(Candidate {
            key,
            words,
            len,
            surface,
            count,
            first_position,
            last_position,
            mid_sentence,
            named,
            in_title: flags & 1 != 0,
            connector: flags & 2 != 0,
        });
    }
    let n = r.u32()? as usize;
    let surfaces = r.text(n)?;
    let n = r.u32()? as usize;
    let mut name_examples = Vec::with_capacity(n.min(bytes.len() / 4));
    for _ in 0..n {
        let len = r.u32()? as usize;
        name_examples.push(r.text(len)?.into_boxed_str());
    }
    if list
        .iter()
        .any(|c| c.surface.0 > c.surface.1 || !surfaces.is_char_boundary(c.surface.1 as usize))
        || !r.0.is_empty()
    {
        return Err(invalid());
    }
    Ok(ParkedParts {
        term_counts,
        candidates: Candidates {
            list,
            surfaces,
            unranked: Vec::new(),
        },
        name_examples,
    })
}

fn invalid() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, "damaged record")
}

/// Little-endian numbers read off the front of a byte slice.
struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> std::io::Result<&'a [u8]> {
        if self.0.len() < n {
            return Err(invalid());
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn text(&mut self, n: usize) -> std::io::Result<String> {
        String::from_utf8(self.take(n)?.to_vec())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }

    fn u8(&mut self) -> std::io::Result<u8> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> std::io::Result<u32> {
        let mut b = [0u8; 4];
        b.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(b))
    }

    fn u64(&mut self) -> std::io::Result<u64> {
        let mut b = [0u8; 8];
        b.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::ActorMatcher;
    use crate::analysis::{analyze_article, LocalTerms};
    use crate::article::Article;
    use crate::text::Analyzer;

    fn analysis(body: &str) -> ArticleAnalysis {
        let matcher = ActorMatcher::new(&crate::actors::ActorDictionary::built_in(), &[]).unwrap();
        let article = Article::from_plain_text(body);
        analyze_article(
            &article,
            &mut Analyzer::default(),
            &matcher,
            &mut LocalTerms::default(),
        )
    }

    #[test]
    fn parked_parts_come_back_exactly_from_memory_or_disk() {
        let texts = [
            "Kazakhstan on the threshold\n\nPresident Tokayev’s reforms and the rule of law in Astana.",
            "Empty",
            "Talks with Ivan Petrovsky\n\nIvan Petrovsky met Olga Smirnova of Gazprombank (GPB) in Paris.",
        ];
        let originals: Vec<ArticleAnalysis> = texts.iter().map(|t| analysis(t)).collect();
        assert!(!originals[0].candidates.list.is_empty());
        assert!(!originals[2].actors.candidates.is_empty());
        let first_size = {
            let mut a = originals[0].clone();
            encoded_size(&ParkedParts {
                name_examples: (a.actors.candidates.iter_mut())
                    .map(|c| std::mem::take(&mut c.example))
                    .collect(),
                term_counts: a.term_counts,
                candidates: a.candidates,
            })
        };
        // All on disk, the first in memory and the rest on disk, all in memory.
        for budget in [0, first_size, IN_MEMORY_UP_TO] {
            let dir = tempfile::tempdir().unwrap();
            let spill = AnalysisSpill::create(dir.path(), budget).unwrap();
            let parked: Vec<ParkedAnalysis> =
                originals.iter().map(|a| spill.park(a.clone())).collect();
            spill.finish().unwrap();
            let on_disk = parked
                .iter()
                .filter(|p| matches!(p.parked, SpillRef::Disk { .. }))
                .count();
            assert_eq!(
                on_disk,
                match budget {
                    0 => 3,
                    IN_MEMORY_UP_TO => 0,
                    _ => 2,
                },
                "budget {budget}"
            );
            // Read back out of order, as workers do.
            for (a, p) in originals.iter().zip(&parked).rev() {
                let parts = spill.load(p).unwrap();
                assert_eq!(parts.term_counts, a.term_counts);
                // All but the chance sequences' keys, counted before parking and dropped.
                let kept = Candidates {
                    unranked: Vec::new(),
                    ..a.candidates.clone()
                };
                assert_eq!(parts.candidates, kept);
                assert_eq!((p.words, p.terms), (a.words, a.terms));
                assert_eq!(p.term_rows as usize, a.term_counts.len());
                // The actor facts stay, but for the name examples, which were parked.
                let mut actors = p.actors.clone();
                for (c, e) in actors.candidates.iter_mut().zip(&parts.name_examples) {
                    assert!(c.example.is_empty());
                    c.example = e.clone();
                }
                assert_eq!(actors, a.actors);
            }
        }
    }

    #[test]
    fn parts_in_memory_are_taken_once() {
        let dir = tempfile::tempdir().unwrap();
        let spill = AnalysisSpill::create(dir.path(), IN_MEMORY_UP_TO).unwrap();
        let p = spill.park(analysis("Kazakhstan and Russia"));
        assert!(spill.load(&p).is_ok());
        assert!(spill.load(&p).is_err());
    }

    #[test]
    fn encoded_size_is_exact() {
        let a = analysis("Talks with Ivan Petrovsky\n\nIvan Petrovsky met Olga Smirnova.");
        let parts = ParkedParts {
            term_counts: a.term_counts.clone(),
            candidates: a.candidates.clone(),
            name_examples: vec!["one".into(), "[two] words".into()],
        };
        let mut bytes = Vec::new();
        encode(
            &parts.term_counts,
            &parts.candidates,
            &parts.name_examples,
            &mut bytes,
        );
        assert_eq!(encoded_size(&parts), bytes.len());
    }

    #[test]
    fn leaves_no_file_behind() {
        let dir = tempfile::tempdir().unwrap();
        {
            let spill = AnalysisSpill::create(dir.path(), 0).unwrap();
            spill.park(analysis("Some words here"));
            spill.finish().unwrap();
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_damaged_record_is_an_error_not_a_panic() {
        let mut bytes = Vec::new();
        let a = analysis("Kazakhstan and Russia\n\nTalks in Moscow with Ivan Petrov.");
        encode(
            &a.term_counts,
            &a.candidates,
            &["an [example]".into()],
            &mut bytes,
        );
        assert!(decode(&bytes).is_ok());
        for cut in [0, 3, 5, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_err());
    }
}
