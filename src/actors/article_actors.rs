//! What one article tells about actors: its counted mentions (with offsets and snippets), the
//! capitalised names no alias matched, and the acronyms it introduces with their expansion.
//! Per-article analysis makes one call per piece of the article into [`ActorCollector`].

use super::acronyms::{find_expansions, AcronymExpansion};
use super::candidates::{example, find_candidates_without_examples, NameCandidate};
use super::context::MatchStatus;
use super::dictionary::AliasKind;
use super::matcher::ActorMatcher;
use super::mentions::MentionRecord;
use super::word_spans::{word_spans_into, WordSpan};
use crate::text::Token;
use std::ops::Range;

/// The actor facts of one article; compact (no article text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleActors {
    /// Counted mentions, in text order.
    pub mentions: Vec<MentionRecord>,
    /// Capitalised names and acronyms that matched no alias, in order of first occurrence.
    pub candidates: Vec<NameCandidate>,
    /// Acronyms introduced by their expansion.
    pub expansions: Vec<AcronymExpansion>,
}

/// Gathers an article's actor facts a piece of its text at a time; the result is the same
/// whatever the pieces, as long as they are cut where a sentence starts (see
/// [`crate::analysis::article::pieces`]).
#[derive(Debug, Clone, Default)]
pub struct ActorCollector {
    facts: ArticleActors,
    /// Per candidate of `facts`, the byte range of its first occurrence while it has no example:
    /// it gets one once it occurs mid-sentence or is an acronym, the candidates
    /// [`ActorCollector::finish`] keeps examples of.
    first_occurrences: Vec<Option<Range<usize>>>,
    /// Sentences started before the next piece.
    sentences: usize,
    /// A byte offset in the article text and its character offset.
    position: (usize, usize),
    /// Buffers of [`ActorCollector::add`], kept from piece to piece and article to article.
    spans: Vec<WordSpan>,
    sentence_starts: Vec<usize>,
    covered: Vec<(usize, usize)>,
    demonyms: Vec<(usize, usize)>,
}

impl ActorCollector {
    /// Adds the piece `piece` (a byte range) of the article's analysed `text` (title first,
    /// `title_len` bytes long), given the piece's `tokens` (from the analysis chain, counted
    /// from the piece's start, with sentence starts and stop words marked).
    pub fn add(
        &mut self,
        text: &str,
        piece: Range<usize>,
        tokens: &[Token],
        title_len: usize,
        matcher: &ActorMatcher,
    ) {
        if !matcher.is_on() {
            return;
        }
        let base = piece.start;
        let Some(piece_text) = text.get(piece) else {
            return;
        };
        let ActorCollector {
            spans,
            sentence_starts,
            covered,
            demonyms,
            ..
        } = self;
        word_spans_into(tokens, base, spans);
        let mut matches = matcher.find_all(piece_text);
        for m in &mut matches {
            m.start += base;
            m.end += base;
        }
        sentence_starts.clear();
        sentence_starts.extend(spans.iter().filter(|t| t.sentence_start).map(|t| t.start));
        for m in matches.iter().filter(|m| m.status == MatchStatus::Counted) {
            let (byte, chars) = self.position;
            let chars = chars + text.get(byte..m.start).map_or(0, |s| s.chars().count());
            self.position = (m.start, chars);
            let sentence = self.sentences
                + sentence_starts
                    .partition_point(|&s| s <= m.start)
                    .saturating_sub(1);
            self.facts
                .mentions
                .push(MentionRecord::new(text, m, chars, sentence, title_len));
        }
        self.sentences += sentence_starts.len();
        // Another person's surname or a country inside a longer name is no known name: `Eaton
        // Vance` and `Bank of America` stay candidates.
        covered.clear();
        covered.extend(
            matches
                .iter()
                .filter(|m| !matches!(m.status, MatchStatus::OtherPerson | MatchStatus::PartOfName))
                .map(|m| (m.start, m.end)),
        );
        demonyms.clear();
        demonyms.extend(
            matches
                .iter()
                .filter(|m| m.kind == AliasKind::Demonym)
                .map(|m| (m.start, m.end)),
        );
        for (c, first) in
            find_candidates_without_examples(text, spans, covered, demonyms, title_len)
        {
            match self.facts.candidates.iter_mut().find(|o| o.text == c.text) {
                Some(o) => {
                    o.count += c.count;
                    o.mid_sentence += c.mid_sentence;
                }
                None => {
                    self.facts.candidates.push(c);
                    self.first_occurrences.push(Some(first));
                }
            }
        }
        for (c, first) in self
            .facts
            .candidates
            .iter_mut()
            .zip(&mut self.first_occurrences)
        {
            if c.mid_sentence > 0 || c.acronym {
                if let Some(first) = first.take() {
                    c.example = example(text, first);
                }
            }
        }
        for e in find_expansions(text, &self.spans) {
            if !self.facts.expansions.contains(&e) {
                self.facts.expansions.push(e);
            }
        }
    }

    /// The article's actor facts. A name capitalised here only where capitals tell nothing
    /// keeps no example (it is listed only if other articles show it mid-sentence, and the
    /// example comes from one of them): examples are most of a candidate's memory.
    ///
    /// The collector is left ready for the next article and keeps its buffers (a worker reuses
    /// one for all its articles).
    pub fn finish(&mut self) -> ArticleActors {
        let mut facts = std::mem::take(&mut self.facts);
        for c in &mut facts.candidates {
            if c.mid_sentence == 0 && !c.acronym {
                c.example = Box::default();
            }
        }
        self.first_occurrences.clear();
        self.sentences = 0;
        self.position = (0, 0);
        facts
    }
}

/// The actor facts of an article's analysed `text` in one piece; see [`ActorCollector::add`].
pub fn analyze_actors(
    text: &str,
    title_len: usize,
    tokens: &[Token],
    matcher: &ActorMatcher,
) -> ArticleActors {
    let mut collector = ActorCollector::default();
    collector.add(text, 0..text.len(), tokens, title_len, matcher);
    collector.finish()
}
