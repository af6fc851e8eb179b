//! Word spans: the positions and flags of an article's tokens that actor discovery reads,
//! in the coordinates of the whole article text (the analysis chain tokenizes an article a
//! piece at a time, each piece's tokens counted from the piece's start).

use crate::text::{Token, TokenKind};

/// A token's place in the article text and what the analysis chain found out about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordSpan {
    /// Byte offset of the token in the article text.
    pub start: usize,
    /// Byte offset one past it.
    pub end: usize,
    /// Its kind.
    pub kind: TokenKind,
    /// True when a sentence starts with it.
    pub sentence_start: bool,
    /// True when a clause or sentence starts with it.
    pub clause_start: bool,
    /// True for a stop word.
    pub stop: bool,
}

impl WordSpan {
    /// The token as written in `text`.
    pub fn surface<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// The spans of `tokens`, cut from the piece of the article text that starts at byte `base`.
pub fn word_spans(tokens: &[Token], base: usize) -> Vec<WordSpan> {
    let mut spans = Vec::with_capacity(tokens.len());
    word_spans_into(tokens, base, &mut spans);
    spans
}

/// [`word_spans`] into `spans`, replacing what it held (its buffer is reused).
pub fn word_spans_into(tokens: &[Token], base: usize, spans: &mut Vec<WordSpan>) {
    spans.clear();
    spans.extend(tokens.iter().map(|t| WordSpan {
        start: base + t.start,
        end: base + t.end,
        kind: t.kind,
        sentence_start: t.sentence_start,
        clause_start: t.clause_start,
        stop: t.stop,
    }));
}
