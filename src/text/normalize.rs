//! Text normalisation: Unicode NFC, typographic quotes, apostrophes and dashes, invisible
//! characters and white space, so that `Tokayev’s` and `Tokayev's` read the same downstream.

use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Normalises one line or paragraph of text.
///
/// * Unicode is put in NFC form.
/// * Curly and prime apostrophes (`’ ‘ ‛ ′ ʼ`) become `'`; curly and angle double quotes
///   (`“ ” „ ‟ ″ « »`) become `"`.
/// * Hyphen look-alikes inside words (`‐`, non-breaking `‑`) become `-`; dashes used as
///   punctuation (`– — ― − ‒`) become ` - ` (spaced), so a dash between two words never glues them
///   into one hyphenated compound.
/// * The ellipsis `…` becomes `...`.
/// * Zero-width characters, soft hyphens and the byte-order mark are removed.
/// * Runs of white space (including non-breaking and other Unicode spaces) collapse to one space,
///   and leading and trailing white space is trimmed. Line breaks are white space here: callers
///   normalise paragraph by paragraph.
///
/// [`normalize_cow`] gives the same text without copying it when nothing changes.
pub fn normalize(text: &str) -> String {
    normalize_cow(text).into_owned()
}

/// [`normalize`], borrowing from `text` when normalising only trims it (most lines of a page):
/// the text is then scanned once and not copied.
///
/// 93 % of the BBC corpus's page lines are printable ASCII with single spaces, and most others
/// only hold characters that normalisation keeps (`£`, `é`). Measured with callgrind (BBC,
/// `-j 1`): the 23,536 normalisations of `crate::split` took 67 M instructions when each line
/// was copied into a new `String`, 27 M borrowing (with [`is_plain_ascii`]).
pub fn normalize_cow(text: &str) -> Cow<'_, str> {
    let trimmed = text.trim_matches(|c: char| c.is_ascii_whitespace());
    if is_plain_ascii(trimmed.as_bytes())
        || (only_kept_characters(trimmed) && is_nfc_quick(text.chars()) == IsNormalized::Yes)
    {
        return Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    Cow::Owned(out)
}

/// [`normalize`] of an owned text, reusing its buffer when normalising only trims it.
pub fn normalize_string(mut text: String) -> String {
    let (start, end) = match normalize_cow(&text) {
        Cow::Owned(changed) => return changed,
        Cow::Borrowed(kept) => {
            let start = kept.as_ptr() as usize - text.as_ptr() as usize;
            (start, start + kept.len())
        }
    };
    text.truncate(end);
    text.drain(..start);
    text
}

/// What [`normalize`] does with one character (after NFC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharRule {
    /// Kept as it is.
    Keep,
    /// Replaced by the given character.
    Replace(char),
    /// A punctuation dash: a spaced `-`.
    Dash,
    /// The ellipsis: `...`.
    Ellipsis,
    /// Removed (zero-width characters, soft hyphen, byte-order mark).
    Remove,
    /// White space or a control character: part of a run that collapses to one space.
    Space,
}

/// The rule [`normalize`] applies to `c`.
fn char_rule(c: char) -> CharRule {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => CharRule::Replace('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => CharRule::Replace('"'),
        '\u{2010}' | '\u{2011}' => CharRule::Replace('-'),
        '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => CharRule::Dash,
        '\u{2026}' => CharRule::Ellipsis,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {
            CharRule::Remove
        }
        c if c.is_whitespace() || c.is_control() => CharRule::Space,
        _ => CharRule::Keep,
    }
}

/// Appends the normalisation of `text` (see [`normalize`]) to `out`. White space is collapsed
/// within `text` only: what `out` already holds is untouched.
fn normalize_into(text: &str, out: &mut String) {
    let base = out.len();
    let mut pending_space = false;
    let push = |out: &mut String, c: char, pending_space: &mut bool| {
        if *pending_space && out.len() > base {
            out.push(' ');
        }
        *pending_space = false;
        out.push(c);
    };
    let nfc;
    let text = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => {
            nfc = text.nfc().collect::<String>();
            nfc.as_str()
        }
    };
    for c in text.chars() {
        match char_rule(c) {
            CharRule::Keep => push(out, c, &mut pending_space),
            CharRule::Replace(r) => push(out, r, &mut pending_space),
            CharRule::Dash => {
                pending_space = true;
                push(out, '-', &mut pending_space);
                pending_space = true;
            }
            CharRule::Ellipsis => {
                for _ in 0..3 {
                    push(out, '.', &mut pending_space);
                }
            }
            CharRule::Remove => {}
            CharRule::Space => pending_space = true,
        }
    }
}

/// True when every character of `text` is kept as it is and its white space is single spaces
/// between other characters (`text` neither starts nor ends with one): [`normalize`] then only
/// puts it in NFC form.
fn only_kept_characters(text: &str) -> bool {
    let mut after_space = true;
    for c in text.chars() {
        // ASCII is decided here, without the full rule: these lines are mostly ASCII.
        let kept = match c {
            ' ' if after_space => return false,
            ' ' => {
                after_space = true;
                continue;
            }
            '!'..='~' => true,
            c if c.is_ascii() => false,
            c => char_rule(c) == CharRule::Keep,
        };
        if !kept {
            return false;
        }
        after_space = false;
    }
    !after_space || text.is_empty()
}

/// Eight copies of a byte, one per byte of a `u64`.
const fn every_byte(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// True when `bytes` are printable ASCII (`!` to `~`) and single spaces: text that
/// [`normalize`] leaves as it is once trimmed.
///
/// Reads eight bytes at a time (bit tricks on a `u64`, one branch per eight bytes) instead of
/// testing each byte and then searching for two spaces: about 17 instructions per eight bytes,
/// 11 M for the 5 MB of the BBC corpus's page lines (callgrind).
fn is_plain_ascii(bytes: &[u8]) -> bool {
    const HIGH: u64 = every_byte(0x80);
    const LOW7: u64 = every_byte(0x7F);
    const SPACES: u64 = every_byte(b' ');
    let mut chunks = bytes.chunks_exact(8);
    // The high bit of each byte of the previous chunk that is a space.
    let mut previous_spaces = 0;
    for chunk in &mut chunks {
        // Byte i of the chunk is at bits 8i..8i+8 (little-endian).
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // When all bytes are below 0x80 these sums carry into no other byte: a byte is below
        // 0x20 when adding 0x60 leaves its high bit clear, and 0x7F when adding 1 sets it.
        // (When a byte is 0x80 or more, `x & HIGH` already fails the chunk.)
        let unprintable =
            (!x.wrapping_add(every_byte(0x60)) | x.wrapping_add(every_byte(1))) & HIGH;
        // The high bit of each byte that is a space (exact: no carry between bytes).
        let y = x ^ SPACES;
        let spaces = !(((y & LOW7).wrapping_add(LOW7)) | y | LOW7);
        // For each byte, whether the byte before it (in this chunk or the previous one) is a
        // space: two spaces in a row.
        let space_before = (spaces << 8) | (previous_spaces >> 56);
        if (x & HIGH) | unprintable | (spaces & space_before) != 0 {
            return false;
        }
        previous_spaces = spaces;
    }
    let mut space_before = previous_spaces >> 63 != 0;
    for &b in chunks.remainder() {
        match b {
            b' ' if space_before => return false,
            b' ' => space_before = true,
            0x21..=0x7E => space_before = false,
            _ => return false,
        }
    }
    true
}

/// White space (any run of it) collapsed to single spaces and trimmed, nothing else changed:
/// for text shown as written, such as titles.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `normalize` as it was before the borrowing fast path: the reference the fast path must
    /// equal.
    fn normalize_reference(text: &str) -> String {
        let trimmed = text.trim_matches(|c: char| c.is_ascii_whitespace());
        if trimmed
            .as_bytes()
            .iter()
            .all(|&b| (0x21..0x7F).contains(&b) || b == b' ')
            && !trimmed.contains("  ")
        {
            return trimmed.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut pending_space = false;
        let push = |out: &mut String, c: char, pending_space: &mut bool| {
            if *pending_space && !out.is_empty() {
                out.push(' ');
            }
            *pending_space = false;
            out.push(c);
        };
        let nfc;
        let text = match is_nfc_quick(text.chars()) {
            IsNormalized::Yes => text,
            _ => {
                nfc = text.nfc().collect::<String>();
                nfc.as_str()
            }
        };
        for c in text.chars() {
            match c {
                '\u{2019}' | '\u{2018}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => {
                    push(&mut out, '\'', &mut pending_space)
                }
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
                | '\u{00BB}' => push(&mut out, '"', &mut pending_space),
                '\u{2010}' | '\u{2011}' => push(&mut out, '-', &mut pending_space),
                '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => {
                    pending_space = true;
                    push(&mut out, '-', &mut pending_space);
                    pending_space = true;
                }
                '\u{2026}' => {
                    for _ in 0..3 {
                        push(&mut out, '.', &mut pending_space);
                    }
                }
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
                c if c.is_whitespace() => pending_space = true,
                c if c.is_control() => pending_space = true,
                c => push(&mut out, c, &mut pending_space),
            }
        }
        out
    }

    /// `collapse_whitespace` as it was before it wrote into one buffer.
    fn collapse_whitespace_reference(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Byte-at-a-time version of `is_plain_ascii`.
    fn is_plain_ascii_reference(bytes: &[u8]) -> bool {
        bytes
            .iter()
            .all(|&b| (0x21..0x7F).contains(&b) || b == b' ')
            && !bytes.windows(2).any(|w| w == b"  ")
    }

    /// Lines that take every path of `normalize`: curly quotes, dashes, NBSP, tabs, runs of
    /// spaces, leading and trailing white space, controls, non-ASCII text kept as it is,
    /// decomposed accents.
    const TRICKY: &[&str] = &[
        "",
        " ",
        "\t\t",
        "plain ASCII text, with single spaces.",
        "  leading and trailing  ",
        "\tTabbed\tline\t",
        "two  spaces",
        "a   run   of   spaces",
        "ends with a space ",
        " starts with a space",
        "Tokayev’s “purge”",
        "‘red line’ and „low” quotes ‟and″ «angles»",
        "associates – all this — and ― that − or ‒ this",
        "–leading dash and trailing dash—",
        "post‑Soviet ‐ hyphens",
        "wait…",
        "…",
        "a\u{00A0}\u{00A0}b\t\tc \n d  ",
        "\u{00A0}nbsp at the edges\u{00A0}",
        "zero\u{200B}width\u{00AD} soft\u{2060}join\u{FEFF}",
        "\u{FEFF}BOM first",
        "a \u{200B} b",
        "Erdog\u{0306}an",
        "\u{0301}leading combining mark",
        "e\u{0301}\u{0327} out of order marks",
        "Price: £400, café, naïve, Zürich, Łódź, 東京, Ελλάδα",
        "£400",
        "bell\u{0007}char and del\u{007F}char",
        "vertical\u{000B}tab and form\u{000C}feed",
        "line\r\nbreaks\nin\rthe middle",
        "next\u{0085}line and ideographic\u{3000}space",
        "ʼmodifier apostrophe and ′prime′",
        "12345678 1234567  12345678",
        "1234567 ",
        "12345678",
        "1234567\u{00A0}x",
    ];

    #[test]
    fn borrowing_normalisation_equals_the_allocating_one_on_tricky_lines() {
        for &text in TRICKY {
            let expected = normalize_reference(text);
            assert_eq!(normalize_cow(text), expected, "{text:?}");
            assert_eq!(normalize(text), expected, "{text:?}");
            assert_eq!(normalize_string(text.to_string()), expected, "{text:?}");
        }
    }

    #[test]
    fn borrowing_normalisation_equals_the_allocating_one_on_random_lines() {
        // Every character class of `char_rule`, spaces of every kind, and ASCII bytes that
        // straddle the eight-byte chunks of `is_plain_ascii`.
        const ALPHABET: &[char] = &[
            'a', 'Z', '0', '.', '~', '!', ' ', ' ', ' ', '\t', '\n', '\r', '\u{0B}', '\u{0C}',
            '\u{01}', '\u{7F}', '\u{A0}', '\u{2003}', '\u{3000}', '\u{85}', '’', '“', '«', '‑',
            '—', '−', '…', '\u{200B}', '\u{AD}', '\u{FEFF}', 'é', 'e', '\u{0301}', '\u{0327}', '£',
            '東', 'ß',
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            // xorshift64: a fixed, dependency-free sequence.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 40) as usize;
            // Mostly ASCII lines, as pages are, so the fast paths are taken often.
            let ascii_only = next() % 2 == 0;
            let text: String = (0..len)
                .map(|_| {
                    let pick = next() as usize;
                    if ascii_only {
                        ALPHABET[pick % 10]
                    } else {
                        ALPHABET[pick % ALPHABET.len()]
                    }
                })
                .collect();
            let expected = normalize_reference(&text);
            assert_eq!(normalize_cow(&text), expected, "{text:?}");
            assert_eq!(normalize_string(text.clone()), expected, "{text:?}");
            assert_eq!(
                is_plain_ascii(text.as_bytes()),
                is_plain_ascii_reference(text.as_bytes()),
                "{text:?}"
            );
            assert_eq!(
                collapse_whitespace(&text),
                collapse_whitespace_reference(&text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn text_that_only_needs_trimming_is_borrowed() {
        for text in ["  plain line ", "£400 for a café", "Zürich"] {
            assert!(matches!(normalize_cow(text), Cow::Borrowed(_)), "{text:?}");
        }
        for text in [
            "two  spaces",
            "a\u{00A0}b",
            "Tokayev’s",
            "Erdog\u{0306}an",
            "x\ty",
        ] {
            assert!(matches!(normalize_cow(text), Cow::Owned(_)), "{text:?}");
        }
    }

    #[test]
    fn plain_ascii_check_finds_double_spaces_across_chunks() {
        // The two spaces sit at bytes 7 and 8: the end of one chunk and the start of the next.
        assert!(!is_plain_ascii(b"1234567  abcdefgh"));
        assert!(is_plain_ascii(b"1234567 abcdefgh"));
        assert!(!is_plain_ascii(b"12345678\x7Fabc"));
        assert!(!is_plain_ascii(b"1234\x1F678abcdefgh"));
        assert!(is_plain_ascii(b"!~!~!~!~!~!~!~!~"));
    }

    #[test]
    fn collapsing_white_space_keeps_typography() {
        assert_eq!(collapse_whitespace("  Xi’s \t message\n"), "Xi’s message");
    }

    #[test]
    fn apostrophes_and_quotes_become_ascii() {
        assert_eq!(normalize("Tokayev’s “purge”"), "Tokayev's \"purge\"");
        assert_eq!(normalize("‘red line’"), "'red line'");
    }

    #[test]
    fn punctuation_dashes_are_spaced_hyphens_kept() {
        assert_eq!(normalize("associates – all this"), "associates - all this");
        assert_eq!(normalize("forward—from"), "forward - from");
        assert_eq!(normalize("post‑Soviet"), "post-Soviet");
        assert_eq!(normalize("Russian-led"), "Russian-led");
    }

    #[test]
    fn white_space_collapses_and_invisible_characters_vanish() {
        assert_eq!(normalize("  a\u{00A0}\u{00A0}b\t\tc \n d  "), "a b c d");
        assert_eq!(normalize("zero\u{200B}width\u{00AD}"), "zerowidth");
        assert_eq!(normalize("wait…"), "wait...");
    }

    #[test]
    fn decomposed_accents_are_composed() {
        assert_eq!(normalize("Erdog\u{0306}an"), "Erdoğan");
    }
}
