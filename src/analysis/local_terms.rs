//! A worker's term statistics, kept by the numbers its analyzer's [`Vocabulary`] gives to stems
//! and surface forms, so that counting an article is array arithmetic; turned into a mergeable
//! [`TermTable`] keyed by stem once the worker is done.

use super::corpus::{TermStats, TermTable};
use crate::text::{Token, Vocabulary, NO_ENTRY};

/// Counts of one stem in a worker's share of the corpus.
#[derive(Debug, Clone, Default)]
struct StemCounts {
    articles: u32,
    count: u64,
    /// Surface forms as vocabulary entry numbers, with weights.
    forms: Vec<(u32, f32)>,
    /// The last article (serial number + 1) that counted this stem.
    last_article: u32,
    /// Occurrences in the article being counted.
    in_article: u32,
}

/// A worker's term statistics and the scratch space for counting one article.
#[derive(Debug, Clone, Default)]
pub struct LocalTerms {
    stems: Vec<StemCounts>,
    /// Per surface entry: occurrences and weight in the article being counted.
    surface_counts: Vec<(u32, f32)>,
    touched_surfaces: Vec<u32>,
    touched_stems: Vec<u32>,
    articles: u32,
}

impl LocalTerms {
    /// Counts the terms among `tokens` (analysed with `vocabulary`) as one article; returns
    /// the article's (term key, count) pairs, in order of first occurrence.
    pub fn count_article(&mut self, tokens: &[Token], vocabulary: &Vocabulary) -> Vec<(u64, u32)> {
        self.count_tokens(tokens, vocabulary);
        self.finish_article(vocabulary)
    }

    /// Counts the terms among `tokens` as part of the article being counted: an article may be
    /// counted piece by piece (see [`crate::analysis::analyze_article`]), then closed with
    /// [`LocalTerms::finish_article`]. Returns how many tokens were terms.
    pub fn count_tokens(&mut self, tokens: &[Token], vocabulary: &Vocabulary) -> u32 {
        if self.surface_counts.len() < vocabulary.entries.len() {
            self.surface_counts
                .resize(vocabulary.entries.len(), (0, 0.0));
        }
        let entries = &vocabulary.entries;
        let mut counted = 0;
        // Terms are told by their vocabulary entry: the tokens of
        // `Analyzer::analyze_with_vocabulary` carry no terms.
        for t in tokens
            .iter()
            .filter(|t| t.entry != NO_ENTRY && entries[t.entry as usize].is_term)
        {
            let slot = &mut self.surface_counts[t.entry as usize];
            if slot.0 == 0 {
                self.touched_surfaces.push(t.entry);
            }
            slot.0 += 1;
            // A sentence-initial form weighs half: its capital may only mark the sentence start.
            slot.1 += if t.sentence_start { 0.5 } else { 1.0 };
            counted += 1;
        }
        counted
    }

    /// Closes the article being counted: adds its counts to the worker's statistics and returns
    /// its (term key, count) pairs, in order of first occurrence (the table of terms orders
    /// them itself, by count: sorting them by key here too cost about 1 % of a BBC run's
    /// instructions, callgrind).
    pub fn finish_article(&mut self, vocabulary: &Vocabulary) -> Vec<(u64, u32)> {
        self.articles += 1;
        let serial = self.articles;
        if self.stems.len() < vocabulary.stems.len() {
            self.stems
                .resize_with(vocabulary.stems.len(), StemCounts::default);
        }
        for &e in &self.touched_surfaces {
            let (count, weight) = std::mem::take(&mut self.surface_counts[e as usize]);
            let s = vocabulary.entries[e as usize].stem;
            let stem = &mut self.stems[s as usize];
            if stem.last_article != serial {
                stem.last_article = serial;
                stem.articles += 1;
                stem.in_article = 0;
                self.touched_stems.push(s);
            }
            stem.count += u64::from(count);
            stem.in_article += count;
            match stem.forms.iter_mut().find(|(f, _)| *f == e) {
                Some((_, w)) => *w += weight,
                None => stem.forms.push((e, weight)),
            }
        }
        self.touched_surfaces.clear();
        self.touched_stems
            .drain(..)
            .map(|s| {
                (
                    vocabulary.stems[s as usize].1,
                    self.stems[s as usize].in_article,
                )
            })
            .collect()
    }

    /// The statistics as a mergeable table keyed by stem, with surface forms spelled out.
    pub fn into_table(self, vocabulary: &Vocabulary) -> TermTable {
        let mut table = TermTable::default();
        for (s, counts) in self.stems.into_iter().enumerate() {
            if counts.articles == 0 {
                continue;
            }
            let (stem, key) = &vocabulary.stems[s];
            let mut forms: Vec<(String, f32)> = Vec::with_capacity(counts.forms.len());
            for (e, w) in counts.forms {
                let surface = &vocabulary.entries[e as usize].surface;
                // Two entries never share a surface, so forms are already distinct.
                forms.push((surface.to_string(), w));
            }
            table.insert(
                *key,
                TermStats {
                    stem: stem.to_string(),
                    articles: counts.articles,
                    count: counts.count,
                    forms,
                },
            );
        }
        table
    }
}
