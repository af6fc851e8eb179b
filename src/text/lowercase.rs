//! Lower-casing filter: writes each token's lower-cased surface form into its `term`.

use super::token::Token;

/// Fills `token.term` with the lower-cased surface form, reusing the term's buffer.
#[derive(Debug, Clone, Default)]
pub struct LowerCaser;

impl LowerCaser {
    /// Lower-cases every token of `tokens` cut from `text`, in place.
    pub fn apply(&self, text: &str, tokens: &mut [Token]) {
        for token in tokens {
            let surface = &text[token.start..token.end];
            token.term.clear();
            if surface.is_ascii() {
                token.term.push_str(surface);
                token.term.make_ascii_lowercase();
            } else {
                token
                    .term
                    .extend(surface.chars().flat_map(char::to_lowercase));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenizer::Tokenizer;

    #[test]
    fn lowercases_ascii_and_unicode() {
        let text = "Kazakhstan ÇAVUŞOĞLU";
        let mut tokens = Vec::new();
        Tokenizer::default().tokenize(text, &mut tokens);
        LowerCaser.apply(text, &mut tokens);
        let terms: Vec<_> = tokens.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, ["kazakhstan", "çavuşoğlu"]);
    }
}
