//! Acronyms introduced by their expansion: `Collective Security Treaty Organization (CSTO)`.
//!
//! An acronym in parentheses (two to ten capitals) right after words whose initials spell it,
//! read backwards from the parenthesis; function words inside the expansion are skipped
//! (`Organization of the Petroleum Exporting Countries (OPEC)`). The reverse order, `CSTO
//! (Collective Security Treaty Organization)`, is not read.

use super::word_spans::WordSpan;
use crate::text::TokenKind;

/// Words an expansion may hold without an initial in the acronym.
#[rustfmt::skip]
const SKIPPED: &[&str] = &[
    "of", "and", "the", "for", "on", "in", "de", "des", "du", "la", "le", "el", "al", "&", "to",
];

/// An acronym and the expansion that introduced it in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcronymExpansion {
    /// The words (`Collective Security Treaty Organization`).
    pub expansion: Box<str>,
    /// The acronym (`CSTO`).
    pub acronym: Box<str>,
}

/// The acronyms introduced by their expansion in `text`, each once.
pub fn find_expansions(text: &str, tokens: &[WordSpan]) -> Vec<AcronymExpansion> {
    let mut out: Vec<AcronymExpansion> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        // Cheap test first: most tokens are not in parentheses, and most follow a space and an
        // ASCII letter or punctuation mark, which settles it without trimming.
        if !opens_after_parenthesis(text, t.start) {
            continue;
        }
        let word = t.surface(text);
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        let is_acronym = t.kind == TokenKind::Word
            && (2..=10).contains(&letters.len())
            && letters.iter().all(|c| c.is_uppercase())
            && word.chars().all(|c| c.is_alphabetic() || c == '.');
        if !is_acronym
            || !text[..t.start].trim_end().ends_with('(')
            || !text[t.end..].trim_start().starts_with(')')
        {
            continue;
        }
        let paren = text[..t.start].trim_end().len() - 1;
        if let Some(first) = expansion_start(text, &tokens[..i], paren, &letters) {
            let expansion = text[tokens[first].start..paren]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let found = AcronymExpansion {
                expansion: expansion.into_boxed_str(),
                acronym: word.into(),
            };
            if !out.contains(&found) {
                out.push(found);
            }
        }
    }
    out
}

/// True when `text[..at]`, trailing white space trimmed, ends with `(`.
fn opens_after_parenthesis(text: &str, at: usize) -> bool {
    let before = &text.as_bytes()[..at];
    // The last byte that is not ASCII white space (as `char::is_whitespace` has it): if it is
    // ASCII, only ASCII white space follows it and it decides; else trim as `str` does.
    match before
        .iter()
        .rev()
        .find(|&&b| !(b.is_ascii() && char::from(b).is_whitespace()))
    {
        None => false,
        Some(&b) if b.is_ascii() => b == b'(',
        Some(_) => text[..at].trim_end().ends_with('('),
    }
}

/// The index of the first token of the expansion that ends right before `paren`, or `None`.
fn expansion_start(
    text: &str,
    before: &[WordSpan],
    paren: usize,
    letters: &[char],
) -> Option<usize> {
    let mut needed = letters.len();
    let mut j = before.len();
    // The expansion must end right before the parenthesis.
    if !text[before.last()?.end..paren].trim().is_empty() {
        return None;
    }
    while j > 0 && needed > 0 {
        j -= 1;
        let t = &before[j];
        if t.kind != TokenKind::Word || (j + 1 < before.len() && before[j + 1].sentence_start) {
            return None;
        }
        let word = t.surface(text);
        let initial = word.chars().next()?;
        let wanted = letters[needed - 1];
        if initial.to_uppercase().eq(wanted.to_uppercase()) && initial.is_uppercase() {
            needed -= 1;
            if needed == 0 {
                return Some(j);
            }
        } else if !SKIPPED.contains(&word.to_lowercase().as_str()) {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn parenthesis_test_agrees_with_trimming(text in "[a( \t\u{b}\u{a0}\u{1f}é]{0,8}") {
            for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                proptest::prop_assert_eq!(
                    opens_after_parenthesis(&text, at),
                    text[..at].trim_end().ends_with('(')
                );
            }
        }
    }
    use crate::text::Analyzer;

    fn pairs(text: &str) -> Vec<(String, String)> {
        let mut analyzer = Analyzer::english();
        let tokens = crate::actors::word_spans::word_spans(analyzer.analyze(text), 0);
        find_expansions(text, &tokens)
            .into_iter()
            .map(|e| (e.expansion.into(), e.acronym.into()))
            .collect()
    }

    #[test]
    fn expansions_spell_their_acronym() {
        assert_eq!(
            pairs("troops of the Collective Security Treaty Organization (CSTO) arrived"),
            [(
                "Collective Security Treaty Organization".to_string(),
                "CSTO".to_string()
            )]
        );
        assert_eq!(
            pairs("the Organization of the Petroleum Exporting Countries (OPEC) met"),
            [(
                "Organization of the Petroleum Exporting Countries".to_string(),
                "OPEC".to_string()
            )]
        );
    }

    #[test]
    fn mismatches_are_not_expansions() {
        assert!(pairs("the big Security Council (CSTO) met").is_empty());
        assert!(pairs("he said (CSTO) nothing").is_empty());
        assert!(pairs("(CSTO)").is_empty());
    }
}
