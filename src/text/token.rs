//! The token type passed along the analysis chain and edited in place by each filter.

/// What a token is, decided by the tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A word: starts with a letter (`Kazakhstan`, `post-Soviet`, `G20`).
    Word,
    /// Starts with a digit (`2022`, `1.6`, `90s`, `21st`); never a term or keyword.
    Number,
    /// A web address (`https://…`, `www.…`); never a term or keyword.
    Url,
    /// An e-mail address; never a term or keyword.
    Email,
}

/// One token of a text, with its byte span in the normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte of the surface form.
    pub start: usize,
    /// Byte offset one past the surface form (a possessive `'s` is left outside).
    pub end: usize,
    /// Kind decided by the tokenizer.
    pub kind: TokenKind,
    /// True when a sentence ends between the previous token and this one.
    pub sentence_start: bool,
    /// True when a clause or sentence boundary (punctuation, line break) lies before this token.
    pub clause_start: bool,
    /// True once the stop-word filter has recognised the token as a stop word.
    pub stop: bool,
    /// The term: the lower-cased, then stemmed form, filled by the filters.
    pub term: String,
    /// For a word, its entry in the analyzer's [`super::analyzer::Vocabulary`]; else
    /// [`NO_ENTRY`].
    pub entry: u32,
}

/// The `entry` of a token that is not a word.
pub const NO_ENTRY: u32 = u32::MAX;

impl Token {
    /// The surface form of the token in the text it was cut from.
    pub fn surface<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// True when this token is counted as a term: a word, not a stop word, not a lone letter.
    pub fn is_term(&self) -> bool {
        self.kind == TokenKind::Word && !self.stop && has_two_chars(&self.term)
    }
}

/// True when `s` has at least two characters. Decided from the length alone when the first
/// character is ASCII (one byte, so a second byte starts a second character): the test runs
/// several times per token.
#[inline]
fn has_two_chars(s: &str) -> bool {
    match s.as_bytes() {
        [] | [_] => false,
        [first, ..] if first.is_ascii() => true,
        _ => s.chars().nth(1).is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_characters_are_counted_as_characters_not_bytes() {
        for (s, two) in [
            ("", false),
            ("a", false),
            ("é", false),
            ("中", false),
            ("ab", true),
            ("aé", true),
            ("éa", true),
            ("中国", true),
        ] {
            assert_eq!(has_two_chars(s), two, "{s:?}");
            assert_eq!(has_two_chars(s), s.chars().nth(1).is_some(), "{s:?}");
        }
    }
}
