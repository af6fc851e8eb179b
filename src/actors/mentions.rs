//! Mention records: what `mentions.csv` shows of each counted mention, so any count can be
//! checked by a reader: the actor, the alias kind, the character offset in the article text,
//! the sentence, whether it is in the title, and a keyword-in-context snippet.
//!
//! Records are made at analysis time (the text is not kept): each holds its snippet, about
//! [`CONTEXT_CHARS`] characters either side of the match, with white space collapsed, and
//! the match's place in it. Mentions are few per article, so this stays small.

use super::dictionary::AliasKind;
use super::matcher::Mention;

/// Characters of context kept on either side of a mention.
pub const CONTEXT_CHARS: usize = 60;

/// One counted mention of an actor in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionRecord {
    /// Index of the actor in the dictionary.
    pub actor: u32,
    /// Kind of the alias that matched.
    pub kind: AliasKind,
    /// Character (not byte) offset of the match in the article text (title, blank line, body
    /// paragraphs separated by blank lines, as in [`crate::article::Article::text`]).
    pub offset: u32,
    /// Sentence number in the article, from 0 (the title is sentence 0 when there is one).
    pub sentence: u32,
    /// True when the mention is in the article's title.
    pub in_title: bool,
    /// The snippet: context, the match, context.
    snippet: Box<str>,
    /// Byte range of the match in the snippet.
    matched: (u16, u16),
}

impl MentionRecord {
    /// Makes the record of `mention` in `text`; `char_offset` is its character offset,
    /// `sentence` its sentence number and `title_len` the byte length of the title.
    pub fn new(
        text: &str,
        mention: &Mention,
        char_offset: usize,
        sentence: usize,
        title_len: usize,
    ) -> MentionRecord {
        let left = context_before(&text[..mention.start]);
        let matched = collapse(&text[mention.start..mention.end]);
        let right = context_after(&text[mention.end..]);
        let start = left.len().min(u16::MAX as usize);
        let end = (left.len() + matched.len()).min(u16::MAX as usize);
        MentionRecord {
            actor: mention.actor as u32,
            kind: mention.kind,
            offset: u32::try_from(char_offset).unwrap_or(u32::MAX),
            sentence: u32::try_from(sentence).unwrap_or(u32::MAX),
            in_title: mention.start < title_len,
            snippet: format!("{left}{matched}{right}").into_boxed_str(),
            matched: (start as u16, end as u16),
        }
    }

    /// The text that matched.
    pub fn text(&self) -> &str {
        self.snippet
            .get(self.matched.0 as usize..self.matched.1 as usize)
            .unwrap_or("")
    }

    /// The keyword-in-context snippet, the match in square brackets:
    /// `…the Kazakh President [Tokayev] said…`.
    pub fn snippet(&self) -> String {
        let (s, e) = (self.matched.0 as usize, self.matched.1 as usize);
        match (self.snippet.get(..s), self.snippet.get(e..)) {
            (Some(l), Some(r)) => format!("{l}[{}]{r}", self.text()),
            _ => self.snippet.to_string(),
        }
    }
}

/// True when `s` is printable ASCII with no two spaces in a row: white space collapsing leaves
/// it as it is. Article text is normalised (one space between words), so this is the common
/// case, tested without decoding characters.
pub(crate) fn is_collapsed(s: &str) -> bool {
    let bytes = s.as_bytes();
    let printable = bytes
        .iter()
        .fold(true, |all, &b| all & (b.wrapping_sub(b' ') < 0x5F));
    let double_space = bytes
        .windows(2)
        .fold(false, |any, w| any | ((w[0] == b' ') & (w[1] == b' ')));
    printable && !double_space
}

/// Collapses white space runs (line and paragraph breaks included) to one space.
fn collapse(s: &str) -> String {
    if is_collapsed(s) {
        return s.to_string();
    }
    collapse_each_char(s)
}

/// [`collapse`] without the fast path: every character looked at.
fn collapse_each_char(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// The byte offset of character `n` (from 0) of `s`, as `s.char_indices().nth(n)` gives it,
/// without decoding when the first `n + 1` bytes are ASCII.
pub(crate) fn nth_char_start(s: &str, n: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    if bytes[..bytes.len().min(n + 1)].is_ascii() {
        return (bytes.len() > n).then_some(n);
    }
    s.char_indices().nth(n).map(|(i, _)| i)
}

/// The byte offset of character `n` (from 0) of `s` counted from its end, as
/// `s.char_indices().rev().nth(n)` gives it, without decoding when the last `n + 1` bytes are
/// ASCII.
pub(crate) fn nth_char_start_from_end(s: &str, n: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    if bytes[bytes.len().saturating_sub(n + 1)..].is_ascii() {
        return (bytes.len() > n).then(|| bytes.len() - 1 - n);
    }
    s.char_indices().rev().nth(n).map(|(i, _)| i)
}

/// The last [`CONTEXT_CHARS`] characters of `before`, `…` first when cut.
pub fn context_before(before: &str) -> String {
    let cut = nth_char_start_from_end(before, CONTEXT_CHARS - 1);
    match cut {
        Some(i) if i > 0 => format!("…{}", collapse(&before[i..]).trim_start()),
        _ => collapse(before).trim_start().to_string(),
    }
}

/// The first [`CONTEXT_CHARS`] characters of `after`, `…` last when cut.
pub fn context_after(after: &str) -> String {
    match nth_char_start(after, CONTEXT_CHARS) {
        Some(i) => format!("{}…", collapse(&after[..i]).trim_end()),
        None => collapse(after).trim_end().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::context::MatchStatus;

    fn mention(start: usize, end: usize) -> Mention {
        Mention {
            actor: 3,
            start,
            end,
            kind: AliasKind::Surname,
            pattern: 0,
            status: MatchStatus::Counted,
        }
    }

    proptest::proptest! {
        #[test]
        fn nth_char_starts_agree_with_char_indices(s in "[ab é…]{0,8}", n in 0usize..10) {
            proptest::prop_assert_eq!(
                nth_char_start(&s, n),
                s.char_indices().nth(n).map(|(i, _)| i)
            );
            proptest::prop_assert_eq!(
                nth_char_start_from_end(&s, n),
                s.char_indices().rev().nth(n).map(|(i, _)| i)
            );
        }

        #[test]
        fn collapse_makes_every_white_space_run_one_space(s in "[ab \t\n\u{a0}.é]{0,12}") {
            let expected = collapse_each_char(&s);
            proptest::prop_assert!(!expected.contains("  "));
            proptest::prop_assert!(!expected.contains(|c: char| c.is_whitespace() && c != ' '));
            proptest::prop_assert_eq!(collapse(&s), expected);
        }
    }

    #[test]
    fn a_record_has_its_text_snippet_and_title_flag() {
        let text = "Tokayev’s visit\n\nThe president, Tokayev, spoke.";
        let start = text.rfind("Tokayev").unwrap();
        let r = MentionRecord::new(text, &mention(start, start + 7), 34, 1, 17);
        assert_eq!(r.text(), "Tokayev");
        assert!(!r.in_title);
        assert_eq!(
            r.snippet(),
            "Tokayev’s visit The president, [Tokayev], spoke."
        );
        let t = MentionRecord::new(text, &mention(0, 7), 0, 0, 17);
        assert!(t.in_title);
    }

    #[test]
    fn long_contexts_are_cut_at_sixty_characters() {
        let text = format!("{} Putin {}", "a".repeat(100), "b".repeat(100));
        let r = MentionRecord::new(&text, &mention(101, 106), 101, 0, 0);
        let s = r.snippet();
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert_eq!(s.chars().count(), 1 + 59 + 1 + 7 + 1 + 59 + 1);
    }
}
