//! Tokenizer: cuts normalised text into word, number, URL and e-mail tokens with Unicode word
//! segmentation (UAX #29, from the `unicode-segmentation` crate), and marks clause and sentence
//! boundaries.
//!
//! Rules, applied to text already passed through [`crate::text::normalize`]:
//!
//! * Words are UAX #29 word segments that contain a letter or digit; everything else is
//!   punctuation or space.
//! * A whitespace-free run that looks like a web address (`https://…`, `www.…`, `example.com`) or
//!   an e-mail address is one [`TokenKind::Url`] or [`TokenKind::Email`] token.
//! * **Hyphenated compounds are one token**: `Russian-led`, `post-Soviet` and `Russian-speaking`
//!   each stay whole (the stemmer stems each part: `russian-led`, `post-soviet`). Splitting them
//!   would turn `post` and `led` into terms of their own; keeping them whole keeps the compound's
//!   meaning. Actor matching works on the text, not on tokens, so `Russian-led` still contains a
//!   mention of `Russian`.
//! * A possessive `'s` (or a bare `'` after a plural) is left outside the token: `Tokayev's`
//!   gives `Tokayev`. Other apostrophes stay inside words (`don't`, `O'Brien`).
//! * Dotted abbreviations keep their final dot (`U.S.`), and the dot after an honorific (`Mr.`)
//!   does not end a sentence.
//! * A token whose first character is a digit is a [`TokenKind::Number`] (`2022`, `90s`, `1.6`).
//! * Punctuation other than hyphens inside words and possessive apostrophes marks a clause
//!   boundary; `.`, `!`, `?` and paragraph breaks also mark a sentence boundary.

use super::token::{Token, TokenKind};
use unicode_segmentation::UnicodeSegmentation;

/// Honorifics and abbreviations whose trailing dot does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "rep", "sen", "gov",
    "jr", "sr", "vs", "messrs", "no", "inc", "ltd", "co", "corp", "mt", "ft", "rev",
];

/// Splits normalised text into [`Token`]s. Stateless and cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct Tokenizer {
    /// Tests turn the ASCII fast path off to compare it with the general path.
    #[cfg(test)]
    general_only: bool,
}

/// Boundary seen since the last emitted token.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Boundary {
    None,
    Clause,
    Sentence,
}

impl Tokenizer {
    /// True unless a test turned the fast path off.
    fn fast_path(&self) -> bool {
        #[cfg(test)]
        return !self.general_only;
        #[cfg(not(test))]
        true
    }

    /// Tokenizes `text` into `tokens`, which is cleared first (the buffer is reused).
    pub fn tokenize(&self, text: &str, tokens: &mut Vec<Token>) {
        tokens.clear();
        let mut boundary = Boundary::Sentence;
        let bytes = text.as_bytes();
        let mut pos = 0;
        while pos < bytes.len() {
            // Skip white space, noting paragraph breaks.
            let mut newline = false;
            while pos < bytes.len() {
                match whitespace_len(text, pos) {
                    0 => break,
                    n => {
                        newline |= bytes[pos] == b'\n';
                        pos += n;
                    }
                }
            }
            if pos == bytes.len() {
                break;
            }
            if newline {
                boundary = Boundary::Sentence;
            }
            if self.fast_path() {
                if let Some(next) = self.plain_word(text, pos, &mut boundary, tokens) {
                    pos = next;
                    continue;
                }
            }
            let chunk_start = pos;
            while let Some(&b) = bytes.get(pos) {
                if b < 0x80 {
                    if is_ascii_space(b) {
                        break;
                    }
                    pos += 1;
                } else {
                    if whitespace_len(text, pos) != 0 {
                        break;
                    }
                    pos += utf8_len(b);
                }
            }
            self.tokenize_chunk(text, chunk_start, pos, &mut boundary, tokens);
        }
    }

    /// The most common chunk of news text, cut in one pass over its bytes: ASCII letters and
    /// digits, then at most one `,` `;` `:` `.` `!` or `?`, then ASCII white space or the end of
    /// the text (`protests`, `protests,`, `2022.`). Pushes its token as
    /// [`Tokenizer::tokenize_chunk`] would and returns where the chunk ends; `None` (nothing
    /// pushed) for any other chunk, and for a word whose dot may not end the sentence (`Mr.`).
    /// Callgrind on the BBC corpus (`-j 1`, the peer's job): the tokenizer went from 263 M to
    /// 142 M instructions.
    fn plain_word(
        &self,
        text: &str,
        start: usize,
        boundary: &mut Boundary,
        tokens: &mut Vec<Token>,
    ) -> Option<usize> {
        let bytes = text.as_bytes();
        let end = start
            + bytes[start..]
                .iter()
                .take_while(|&&b| ASCII_ALPHANUMERIC[usize::from(b)])
                .count();
        if end == start {
            return None;
        }
        let ends_chunk = |at: usize| bytes.get(at).is_none_or(|&b| is_ascii_space(b));
        let (after, next) = if ends_chunk(end) {
            (Boundary::None, end)
        } else if ends_chunk(end + 1) {
            match bytes[end] {
                b',' | b';' | b':' => (Boundary::Clause, end + 1),
                b'.' if is_abbreviation(&text[start..end]) => return None,
                b'.' | b'!' | b'?' => (Boundary::Sentence, end + 1),
                _ => return None,
            }
        } else {
            return None;
        };
        let kind = if bytes[start].is_ascii_digit() {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        push(tokens, start, end, kind, *boundary);
        *boundary = after;
        Some(next)
    }

    /// Tokenizes one whitespace-free run of text.
    fn tokenize_chunk(
        &self,
        text: &str,
        start: usize,
        end: usize,
        boundary: &mut Boundary,
        tokens: &mut Vec<Token>,
    ) {
        let chunk = &text[start..end];
        // Wrapping punctuation is ASCII, so it can be trimmed byte by byte (the last byte of a
        // multi-byte character is never ASCII).
        let chunk_bytes = chunk.as_bytes();
        let lead = chunk_bytes
            .iter()
            .take_while(|&&b| is_wrapping_punct_byte(b))
            .count();
        let trail_len = chunk_bytes[lead..]
            .iter()
            .rev()
            .take_while(|&&b| is_wrapping_punct_byte(b))
            .count();
        let core = &chunk[lead..chunk.len() - trail_len];
        let ascii_word = ascii_word_len(core);
        // Cheap test first: an address has a dot, an `@` or `://`, which a plain ASCII word has
        // not.
        if ascii_word.is_none()
            && core.len() > 3
            && core
                .as_bytes()
                .iter()
                .any(|b| matches!(b, b'.' | b'@' | b':'))
        {
            if let Some(kind) = address_kind(core) {
                if lead > 0 {
                    *boundary = (*boundary).max(Boundary::Clause);
                }
                let core_start = start + lead;
                push(tokens, core_start, core_start + core.len(), kind, *boundary);
                *boundary = Boundary::Clause;
                let trail = &chunk[lead + core.len()..];
                if trail.contains(['.', '!', '?']) {
                    *boundary = Boundary::Sentence;
                }
                return;
            }
        }

        // Fast path for the common cases, an ASCII word with punctuation around it
        // (`protests,`), a hyphenated compound (`Russian-led`), an inner apostrophe (`don't`)
        // or a possessive (`Tokayev's`): UAX #29 and the compound and possessive rules below
        // would give the same token (a test compares both paths on real text).
        if let Some((word_len, plain)) = ascii_word {
            let trail = &chunk[lead + core.len()..];
            let abbreviation = trail.starts_with('.') && (!plain || is_abbreviation(core));
            if !abbreviation && self.fast_path() {
                if lead > 0 {
                    *boundary = (*boundary).max(punctuation_boundary(&chunk[..lead]));
                }
                let kind = if core.as_bytes()[0].is_ascii_digit() {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                };
                let core_start = start + lead;
                push(tokens, core_start, core_start + word_len, kind, *boundary);
                *boundary = punctuation_boundary(trail.strip_prefix('\'').unwrap_or(trail));
                return;
            }
        }

        // `prev_word_end` is where the last word segment ended while nothing but a hyphen has
        // followed it; `hyphen_pending` says a hyphen directly follows that word.
        let mut prev_word_end: Option<usize> = None;
        let mut hyphen_pending = false;
        for (off, seg) in chunk.split_word_bound_indices() {
            let seg_start = start + off;
            let seg_end = seg_start + seg.len();
            if seg.chars().any(char::is_alphanumeric) {
                // A possessive `'s` is left outside the token.
                let word_end = seg_end - possessive_len(seg);
                if hyphen_pending && prev_word_end == Some(seg_start - 1) {
                    // Continue a hyphenated compound.
                    let last = tokens.last_mut().expect("a word precedes the hyphen");
                    last.end = word_end;
                } else {
                    let kind = if seg.starts_with(|c: char| c.is_ascii_digit() || c.is_numeric()) {
                        TokenKind::Number
                    } else if seg.contains('.') && address_kind(seg).is_some() {
                        TokenKind::Url
                    } else {
                        TokenKind::Word
                    };
                    push(tokens, seg_start, word_end, kind, *boundary);
                    *boundary = Boundary::None;
                }
                prev_word_end = Some(seg_end);
                hyphen_pending = false;
                continue;
            }
            let directly_after_word = prev_word_end == Some(seg_start);
            match seg {
                "-" if directly_after_word => hyphen_pending = true,
                "'" if directly_after_word => {}
                "." if directly_after_word && ends_dotted_abbreviation(text, tokens) => {
                    // `U.S.` keeps its final dot; `Mr.` does not end the sentence.
                    let last = tokens.last_mut().expect("a word precedes the dot");
                    if text[last.start..last.end].contains('.') {
                        last.end = seg_end;
                    }
                }
                _ => {
                    let b = if seg.contains(['.', '!', '?']) {
                        Boundary::Sentence
                    } else {
                        Boundary::Clause
                    };
                    *boundary = (*boundary).max(b);
                    hyphen_pending = false;
                }
            }
            if seg != "-" {
                prev_word_end = None;
            }
        }
    }
}

/// Byte length of the white-space character at byte `pos` of `text` (a char boundary), or 0
/// when it is not white space. ASCII is decided from the byte alone; the scan over a text is the
/// tokenizer's innermost loop.
fn whitespace_len(text: &str, pos: usize) -> usize {
    let b = text.as_bytes()[pos];
    if b < 0x80 {
        usize::from(b.is_ascii_whitespace() || b == 0x0b)
    } else {
        match text[pos..].chars().next() {
            Some(c) if c.is_whitespace() => c.len_utf8(),
            _ => 0,
        }
    }
}

/// True for an ASCII white-space byte, as [`whitespace_len`] decides it.
#[inline]
fn is_ascii_space(b: u8) -> bool {
    b.is_ascii_whitespace() || b == 0x0b
}

/// [`is_wrapping_punct`] on one byte.
#[inline]
fn is_wrapping_punct_byte(b: u8) -> bool {
    b.is_ascii() && is_wrapping_punct(char::from(b))
}

/// Length of the UTF-8 sequence that starts with byte `b`.
fn utf8_len(b: u8) -> usize {
    match b {
        0..0x80 => 1,
        0xc0..0xe0 => 2,
        0xe0..0xf0 => 3,
        _ => 4,
    }
}

/// For a run of ASCII letters and digits in which single hyphens join word parts and single
/// apostrophes sit between two letters (`Russian-led`, `post-Soviet`, `don't`, `Tokayev's`),
/// the length of its token (the whole run, or the run without a final possessive `'s`) and
/// whether it is letters and digits only. `None` for anything else, which takes the UAX #29
/// path.
fn ascii_word_len(core: &str) -> Option<(usize, bool)> {
    let b = core.as_bytes();
    let (&first, &last) = (b.first()?, b.last()?);
    if !first.is_ascii_alphanumeric() || !last.is_ascii_alphanumeric() {
        return None;
    }
    // Most words are letters only: one pass over a lookup table says so.
    if b.iter().all(|&c| ASCII_ALPHANUMERIC[usize::from(c)]) {
        return Some((b.len(), true));
    }
    let mut plain = true;
    for (i, &c) in b.iter().enumerate() {
        if ASCII_ALPHANUMERIC[usize::from(c)] {
            continue;
        }
        // Neither the first nor the last byte gets here, so both neighbours exist.
        let joins = match c {
            b'-' => b[i + 1].is_ascii_alphanumeric(),
            b'\'' => b[i - 1].is_ascii_alphabetic() && b[i + 1].is_ascii_alphabetic(),
            _ => false,
        };
        if !joins {
            return None;
        }
        plain = false;
    }
    if plain {
        return Some((b.len(), true));
    }
    // An apostrophe here always follows a letter, so a final `'s` is a possessive of at least
    // one letter, as `possessive_len` requires.
    Some((b.len() - possessive_len(core), false))
}

/// Per byte: true for an ASCII letter or digit (a table lookup is cheaper than the range tests
/// of `u8::is_ascii_alphanumeric` in the tokenizer's per-byte loop).
pub(crate) static ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Length of a possessive `'s` ending a word segment, or 0.
fn possessive_len(seg: &str) -> usize {
    if seg.len() > 2 && (seg.ends_with("'s") || seg.ends_with("'S")) {
        2
    } else {
        0
    }
}

/// Appends a token with the boundary flags derived from `boundary`.
fn push(tokens: &mut Vec<Token>, start: usize, end: usize, kind: TokenKind, boundary: Boundary) {
    tokens.push(Token {
        start,
        end,
        kind,
        sentence_start: boundary == Boundary::Sentence,
        clause_start: boundary != Boundary::None,
        stop: false,
        term: String::new(),
        entry: super::token::NO_ENTRY,
    });
}

/// Punctuation that may wrap an address: `(https://x.org).`
fn is_wrapping_punct(c: char) -> bool {
    matches!(
        c,
        '(' | ')' | '[' | ']' | '<' | '>' | '"' | '\'' | ',' | ';' | ':' | '.' | '!' | '?'
    )
}

/// True when the last token is a dotted abbreviation (`U.S`) or an honorific (`Mr`).
fn ends_dotted_abbreviation(text: &str, tokens: &[Token]) -> bool {
    let Some(last) = tokens.last() else {
        return false;
    };
    let surface = &text[last.start..last.end];
    if surface.contains('.')
        && surface
            .chars()
            .filter(|c| *c != '.')
            .all(char::is_alphabetic)
    {
        return true;
    }
    is_abbreviation(surface)
}

/// True for an honorific or abbreviation of [`ABBREVIATIONS`], or a single capital (`J.`).
fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

/// The boundary made by a run of punctuation: a sentence end if it holds `.`, `!` or `?`, else
/// a clause boundary (none for an empty run).
fn punctuation_boundary(punct: &str) -> Boundary {
    if punct.is_empty() {
        Boundary::None
    } else if punct.contains(['.', '!', '?']) {
        Boundary::Sentence
    } else {
        Boundary::Clause
    }
}

/// Recognises web and e-mail addresses.
fn address_kind(s: &str) -> Option<TokenKind> {
    if s.contains("://") || s.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www.")) {
        return Some(TokenKind::Url);
    }
    if let Some(at) = s.find('@') {
        let (user, host) = (&s[..at], &s[at + 1..]);
        if !user.is_empty() && host.contains('.') && !host.ends_with('.') {
            return Some(TokenKind::Email);
        }
        return None;
    }
    // Bare domain names: lowercase labels separated by dots, ending in a known-looking TLD.
    let labels: Vec<&str> = s.split('.').collect();
    if labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
    {
        let tld = labels[labels.len() - 1];
        if matches!(
            tld,
            "com"
                | "org"
                | "net"
                | "edu"
                | "gov"
                | "int"
                | "io"
                | "uk"
                | "ru"
                | "cn"
                | "kz"
                | "de"
                | "fr"
                | "info"
                | "news"
                | "co"
        ) {
            return Some(TokenKind::Url);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surfaces(text: &str) -> Vec<(String, TokenKind)> {
        let mut tokens = Vec::new();
        Tokenizer::default().tokenize(text, &mut tokens);
        tokens
            .iter()
            .map(|t| (t.surface(text).to_string(), t.kind))
            .collect()
    }

    fn words(text: &str) -> Vec<String> {
        surfaces(text).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn possessives_are_stripped() {
        assert_eq!(words("Tokayev's loyalty"), ["Tokayev", "loyalty"]);
        assert_eq!(
            words("the demonstrators' poster"),
            ["the", "demonstrators", "poster"]
        );
        assert_eq!(words("don't O'Brien"), ["don't", "O'Brien"]);
    }

    #[test]
    fn hyphenated_compounds_stay_whole() {
        assert_eq!(
            words("Russian-led post-Soviet Turkey-Russian"),
            ["Russian-led", "post-Soviet", "Turkey-Russian"]
        );
        assert_eq!(words("a - b"), ["a", "b"]);
    }

    #[test]
    fn numbers_urls_and_emails_are_their_own_kinds() {
        let toks = surfaces(
            "In 2022, 1.6 million (see https://example.org/a?b=1) mail x.y@news.com or bbc.co.uk.",
        );
        let kinds: Vec<_> = toks.iter().map(|(s, k)| (s.as_str(), *k)).collect();
        assert!(kinds.contains(&("2022", TokenKind::Number)));
        assert!(kinds.contains(&("1.6", TokenKind::Number)));
        assert!(kinds.contains(&("https://example.org/a?b=1", TokenKind::Url)));
        assert!(kinds.contains(&("x.y@news.com", TokenKind::Email)));
        assert!(kinds.contains(&("bbc.co.uk", TokenKind::Url)));
        assert!(kinds.contains(&("million", TokenKind::Word)));
    }

    #[test]
    fn dotted_abbreviations_keep_their_dot_and_do_not_end_sentences() {
        let mut tokens = Vec::new();
        let text = "the U.S. elite. Mr. Tokayev said";
        Tokenizer::default().tokenize(text, &mut tokens);
        let s: Vec<_> = tokens.iter().map(|t| t.surface(text)).collect();
        assert_eq!(s, ["the", "U.S.", "elite", "Mr", "Tokayev", "said"]);
        let starts: Vec<_> = tokens.iter().map(|t| t.sentence_start).collect();
        assert_eq!(starts, [true, false, false, true, false, false]);
    }

    #[test]
    fn boundaries_are_marked() {
        let mut tokens = Vec::new();
        let text = "one, two three. Four\n\nfive";
        Tokenizer::default().tokenize(text, &mut tokens);
        let clause: Vec<_> = tokens.iter().map(|t| t.clause_start).collect();
        let sentence: Vec<_> = tokens.iter().map(|t| t.sentence_start).collect();
        assert_eq!(clause, [true, true, false, true, true]);
        assert_eq!(sentence, [true, false, false, true, true]);
    }

    #[test]
    fn fast_path_agrees_with_word_segmentation() {
        // Each chunk below takes the ASCII fast path; the same words with a non-ASCII letter
        // appended take the UAX #29 path. Both must give the same boundaries.
        let fast = "(Protests, in Almaty.) \"Quiet\" demonstrators' poster: 2022! Tokayev said";
        let slow = fast
            .split(' ')
            .map(|w| {
                let core = w.trim_matches(|c: char| !c.is_alphanumeric());
                w.replacen(core, &format!("{core}é"), 1)
            })
            .collect::<Vec<_>>()
            .join(" ");
        let mut a = Vec::new();
        let mut b = Vec::new();
        Tokenizer::default().tokenize(fast, &mut a);
        Tokenizer::default().tokenize(&slow, &mut b);
        let flags = |t: &[Token]| {
            t.iter()
                .map(|t| (t.kind, t.sentence_start, t.clause_start))
                .collect::<Vec<_>>()
        };
        assert_eq!(flags(&a), flags(&b));
        assert_eq!(a.len(), 9);
        // Honorifics and initials leave the fast path: their dot does not end the sentence.
        Tokenizer::default().tokenize("Mr. Tokayev and J. Smith", &mut a);
        assert!(a.iter().all(|t| !t.sentence_start || t.start == 0));
    }

    #[test]
    fn fast_path_gives_the_same_tokens_as_the_general_path() {
        let seed = include_str!("../../input/central-asia-kazakhstan-page.txt");
        let tricky = "Russian-led post-Soviet don't O'Brien Tokayev's workers' rock'n'roll \
                      2-1 90's a-b-c x--y -lead trail- 'quoted' Russian-led's Jr. well-known. \
                      U.S.-led Mr. Smith's e-mail mid-2022, 'tis ol' CSTO's (Kazakh-Chinese).";
        // Words ended by one punctuation mark, by non-ASCII space, at the very end.
        let plain = "Said, then; so: yes. No! Why? J. Smith, Mr. Lee, No. 5 in 2022. U.S. and \
                     Ltd. co. A. b. words,, two.. x.\u{a0}y z\u{a0} tab\tvt\u{b}end\nnew\n\nlast.";
        for text in [
            crate::text::normalize(seed),
            tricky.to_string(),
            plain.to_string(),
            "end".to_string(),
            "end.".to_string(),
            "end,".to_string(),
        ] {
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            Tokenizer::default().tokenize(&text, &mut fast);
            Tokenizer { general_only: true }.tokenize(&text, &mut general);
            let tokens = |t: &[Token]| {
                t.iter()
                    .map(|t| {
                        (
                            &text[t.start..t.end],
                            t.kind,
                            t.sentence_start,
                            t.clause_start,
                        )
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(tokens(&fast), tokens(&general));
        }
    }

    #[test]
    fn fast_paths_give_the_same_tokens_as_the_general_path_on_bbc_news() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/bbc/tech");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipping: {} not found", dir.display());
            return;
        };
        let (mut fast, mut general) = (Vec::new(), Vec::new());
        let mut files = 0;
        for entry in entries.flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let text = crate::text::normalize(&text);
            Tokenizer::default().tokenize(&text, &mut fast);
            Tokenizer { general_only: true }.tokenize(&text, &mut general);
            assert_eq!(fast, general, "{}", entry.path().display());
            files += 1;
        }
        assert!(files > 100, "{files} files");
    }

    #[test]
    fn empty_and_punctuation_only_text_gives_no_tokens() {
        assert!(words("").is_empty());
        assert!(words(" ... --- !!! ").is_empty());
    }
}
