//! Text normalisation: Unicode NFC, typographic quotes, apostrophes and dashes, invisible
//! characters and white space, so that `Tokayev’s` and `Tokayev's` read the same downstream.

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
pub fn normalize(text: &str) -> String {
    // Fast path: printable ASCII with single spaces needs only trimming.
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

/// White space (any run of it) collapsed to single spaces and trimmed, nothing else changed:
/// for text shown as written, such as titles.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::{collapse_whitespace, normalize};

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
