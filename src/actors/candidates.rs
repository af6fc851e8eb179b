//! Discovery of names the dictionary misses: capitalised names and acronyms that matched no
//! alias, with counts, for `candidates.csv`.
//!
//! In an article, a candidate is a run of capitalised words within a clause (`Eaton Vance`,
//! `Ilham Aliyev`), with the lower-case particles of names inside (`Bank of England`, `Ursula
//! von der Leyen`), or an acronym (`OSCE`: two letters or more, all capitals). A run stops at
//! punctuation, numbers and any alias match (of any kind, so a demonym such as `Kazakh` is no
//! candidate even when demonyms are not counted). Leading function words and titles are
//! dropped (`The`, `President`, `Mr`), as are month and weekday names.
//!
//! Over the corpus, a name is kept when at least a fifth of its occurrences are where a capital
//! says something (not at a sentence start, not in the title); acronyms are always kept. So the
//! `However` and `Analysts` that open sentences are no candidates (nor a `However` whose
//! sentence start was missed after a quotation), while `Tokayev` at a sentence start counts
//! along with his other occurrences.

use super::context::{is_title_word, NOT_GIVEN_NAMES};
use super::mentions::{is_collapsed, nth_char_start, nth_char_start_from_end};
use super::word_spans::WordSpan;
use crate::text::word_set::CaselessWords;
use crate::text::TokenKind;
use std::ops::Range;
use std::sync::OnceLock;

/// Lower-case particles allowed inside a name.
#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "of", "de", "da", "del", "der", "di", "du", "la", "le", "von", "van", "bin", "ibn", "al",
    "el", "y",
];

/// Capitalised words that are never names on their own.
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "i", "a", "ok", "i'm", "i've", "i'd", "i'll",
];

/// Characters of context kept either side of a candidate's example.
const EXAMPLE_CHARS: usize = 40;

/// A capitalised name or acronym of one article that matched no alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameCandidate {
    /// The name as written (white space collapsed).
    pub text: Box<str>,
    /// True for an acronym (`OSCE`).
    pub acronym: bool,
    /// Occurrences in the article.
    pub count: u32,
    /// Occurrences neither at a sentence start nor in the title.
    pub mid_sentence: u32,
    /// The first occurrence with some context: `…words [Name] words…`.
    pub example: Box<str>,
}

/// The unmatched names of an article. `covered` are the byte spans of alias matches (sorted);
/// `title_len` the byte length of the title.
pub fn find_candidates(
    text: &str,
    tokens: &[WordSpan],
    covered: &[(usize, usize)],
    demonyms: &[(usize, usize)],
    title_len: usize,
) -> Vec<NameCandidate> {
    find_candidates_without_examples(text, tokens, covered, demonyms, title_len)
        .into_iter()
        .map(|(c, first)| NameCandidate {
            example: example(text, first),
            ..c
        })
        .collect()
}

/// [`find_candidates`] without the examples (left empty), each candidate with the byte range of
/// its first occurrence to make it from with [`example`]: most candidates are capitalised only
/// at sentence starts and never keep one (see [`super::ArticleActors`]).
pub fn find_candidates_without_examples(
    text: &str,
    tokens: &[WordSpan],
    covered: &[(usize, usize)],
    demonyms: &[(usize, usize)],
    title_len: usize,
) -> Vec<(NameCandidate, Range<usize>)> {
    let context = RunContext {
        title_len,
        title_informative: title_is_sentence_case(text, tokens, title_len),
        demonyms,
    };
    let mut out: Vec<(NameCandidate, Range<usize>)> = Vec::new();
    let mut span_index = 0;
    let mut run: Vec<usize> = Vec::new();
    let mut i = 0;
    while i <= tokens.len() {
        let t = tokens.get(i);
        let usable = t.is_some_and(|t| {
            while span_index < covered.len() && covered[span_index].1 <= t.start {
                span_index += 1;
            }
            let is_covered = covered
                .get(span_index)
                .is_some_and(|&(s, e)| s < t.end && e > t.start);
            t.kind == TokenKind::Word && !is_covered
        });
        let continues = usable && {
            let t = &tokens[i];
            let word = t.surface(text);
            let capital = word.chars().next().is_some_and(char::is_uppercase);
            // Joined by one space, not by a possessive (`GMTV's Sunday`).
            let joins = run
                .last()
                .is_none_or(|&p| !t.clause_start && text.get(tokens[p].end..t.start) == Some(" "));
            if !joins {
                false
            } else if capital {
                true
            } else {
                // Particles join only between two capitalised words.
                !run.is_empty() && PARTICLES.contains(&word) && {
                    let next = tokens[i + 1..]
                        .iter()
                        .find(|n| !PARTICLES.contains(&n.surface(text)));
                    next.is_some_and(|n| {
                        !n.clause_start
                            && n.surface(text)
                                .chars()
                                .next()
                                .is_some_and(char::is_uppercase)
                    })
                }
            }
        };
        if continues && run.len() < 8 {
            run.push(i);
            i += 1;
            continue;
        }
        if !run.is_empty() {
            add_run(text, tokens, &run, &context, &mut out);
            run.clear();
            // The token that ended the run may start the next one.
            if usable && tokens[i].surface(text).starts_with(char::is_uppercase) {
                continue;
            }
        }
        i += 1;
    }
    out
}

/// What a run needs to know about its article.
struct RunContext<'a> {
    /// Byte length of the title.
    title_len: usize,
    /// True when the title is in sentence case, so its capitals tell names.
    title_informative: bool,
    /// Byte spans of demonym matches (`British` in `British Chambers of Commerce`).
    demonyms: &'a [(usize, usize)],
}

/// True when at most half the title's words after the first are capitalised (`Ad sales boost
/// Time Warner profit`, not `Kazakhstan Has Lessons For The Gulf`).
fn title_is_sentence_case(text: &str, tokens: &[WordSpan], title_len: usize) -> bool {
    let words: Vec<&WordSpan> = tokens
        .iter()
        .filter(|t| t.start < title_len && t.kind == TokenKind::Word)
        .skip(1)
        .collect();
    let capitals = words
        .iter()
        .filter(|t| t.surface(text).starts_with(char::is_uppercase))
        .count();
    !words.is_empty() && capitals * 2 <= words.len()
}

/// Titles of people that end the text before a name (`Trade and Industry Secretary Patricia
/// Hewitt`: the candidate is `Patricia Hewitt`).
#[rustfmt::skip]
const PERSON_TITLES: &[&str] = &[
    "president", "minister", "secretary", "chancellor", "king", "queen", "prince", "princess",
    "emir", "sheikh", "sultan", "premier", "ambassador", "envoy", "senator", "governor",
    "spokesman", "spokeswoman", "chairman", "chairwoman", "commissioner", "mayor", "speaker",
    "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "dame", "pope", "ayatollah", "judge",
];

/// Words of organisation names that a demonym may open (`German Embassy`, `British Airways`).
#[rustfmt::skip]
const ORGANISATION_WORDS: &[&str] = &[
    "embassy", "consulate", "airways", "airlines", "chambers", "chamber", "commerce", "council",
    "foundation", "institute", "museum", "bank", "party", "army", "navy", "forces", "ministry",
    "office", "parliament", "government", "association", "federation", "union", "academy",
    "university", "college", "company", "corporation", "group", "league", "agency", "service",
    "committee", "commission", "court", "police", "broadcasting", "railways", "society",
    "assembly", "congress", "front", "movement", "league", "club", "telecom", "post",
];

/// The [`CaselessWords`] of `words`, made once in `cell`.
fn word_list(
    cell: &'static OnceLock<CaselessWords>,
    words: &[&'static str],
) -> &'static CaselessWords {
    cell.get_or_init(|| CaselessWords::new(words))
}

static PERSON_TITLE_LIST: OnceLock<CaselessWords> = OnceLock::new();
static NOT_GIVEN_NAME_LIST: OnceLock<CaselessWords> = OnceLock::new();
static ORGANISATION_WORD_LIST: OnceLock<CaselessWords> = OnceLock::new();
static NOT_NAME_LIST: OnceLock<CaselessWords> = OnceLock::new();

/// Trims a run of capitalised tokens and records it.
fn add_run(
    text: &str,
    tokens: &[WordSpan],
    run: &[usize],
    context: &RunContext<'_>,
    out: &mut Vec<(NameCandidate, Range<usize>)>,
) {
    let surface = |i: usize| tokens[i].surface(text);
    let is_acronym = |i: usize| is_acronym(tokens[i].surface(text));
    let lower_in = |i: usize, list: &CaselessWords| list.contains(surface(i).trim_end_matches('.'));
    let mut first = 0;
    // What precedes a person's title is part of the title (`Trade and Industry Secretary`).
    if let Some(k) = (0..run.len().saturating_sub(1))
        .rev()
        .find(|&k| lower_in(run[k], word_list(&PERSON_TITLE_LIST, PERSON_TITLES)))
    {
        first = k + 1;
    }
    while first < run.len() && !is_acronym(run[first]) && {
        let w = surface(run[first]);
        tokens[run[first]].stop
            || is_title_word(w)
            || PARTICLES.contains(&w)
            || lower_in(run[first], word_list(&NOT_GIVEN_NAME_LIST, NOT_GIVEN_NAMES))
    } {
        first += 1;
    }
    let mut last = run.len();
    while last > first && PARTICLES.contains(&surface(run[last - 1])) {
        last -= 1;
    }
    if first >= last {
        return;
    }
    let words = &run[first..last];
    if words.len() == 1 {
        let w = surface(words[0]);
        let not_a_name = if w.is_ascii() {
            word_list(&NOT_NAME_LIST, NOT_NAMES).contains(w)
                || w.bytes().filter(u8::is_ascii_alphabetic).count() < 2
        } else {
            let l = w.to_lowercase();
            NOT_NAMES.contains(&l.as_str()) || l.chars().filter(|c| c.is_alphabetic()).count() < 2
        };
        if not_a_name {
            return;
        }
    }
    let last_token = &tokens[*words.last().unwrap_or(&0)];
    let (mut start, mut end) = (tokens[words[0]].start, last_token.end);
    // `Scotland-born` names `Scotland`.
    if let Some((head, tail)) = text[last_token.start..end].rsplit_once('-') {
        if tail.starts_with(char::is_lowercase) && !head.is_empty() {
            end = last_token.start + head.len();
        }
    }
    // A demonym opening an organisation's name belongs to it (`German Embassy`).
    if words
        .iter()
        .any(|&w| lower_in(w, word_list(&ORGANISATION_WORD_LIST, ORGANISATION_WORDS)))
    {
        if let Some(&(s, _)) = context
            .demonyms
            .iter()
            .find(|&&(_, e)| text.get(e..start) == Some(" "))
        {
            start = s;
        }
    }
    // Words of a run are joined by single spaces, so the name is the text as it stands.
    let name = &text[start..end];
    let acronym = words.len() == 1 && is_acronym(words[0]);
    let head = &tokens[words[0]];
    // Is the capital telling? Not at a sentence start (unless a second capitalised word
    // follows: `Time Warner said`), not in a title-case title.
    let mid = if start < context.title_len {
        context.title_informative && head.start > 0
    } else {
        !head.sentence_start || words.len() >= 2
    };
    match out.iter_mut().find(|(c, _)| &*c.text == name) {
        Some((c, _)) => {
            c.count += 1;
            c.mid_sentence += u32::from(mid);
        }
        None => out.push((
            NameCandidate {
                text: name.into(),
                acronym,
                count: 1,
                mid_sentence: u32::from(mid),
                example: Box::default(),
            },
            start..end,
        )),
    }
}

/// The example of a candidate whose occurrence is the byte range `name` of `text`: the name in
/// brackets with up to [`EXAMPLE_CHARS`] characters of context either side, white space
/// collapsed: `…words [Name] words…`.
pub fn example(text: &str, name: Range<usize>) -> Box<str> {
    let (start, end) = (name.start, name.end);
    let name = &text[name];
    let mut example = String::with_capacity(name.len() + 4 * EXAMPLE_CHARS);
    push_context_before(&mut example, &text[..start]);
    example.push('[');
    example.push_str(name);
    example.push(']');
    push_context_after(&mut example, &text[end..]);
    example.into_boxed_str()
}

/// Pushes `s` with white space runs collapsed to one space.
fn push_collapsed(out: &mut String, s: &str) {
    // Article text is normalised (one space between words), so there is mostly nothing to
    // collapse: then `s` is pushed as it is.
    // Nothing to collapse, and no space opening `out`.
    let plain = is_collapsed(s) && (!out.is_empty() || !s.starts_with(' '));
    if plain {
        out.push_str(s);
        return;
    }
    push_collapsed_each_char(out, s);
}

/// [`push_collapsed`] without the fast path: every character looked at.
fn push_collapsed_each_char(out: &mut String, s: &str) {
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
}

/// Pushes the last [`EXAMPLE_CHARS`] characters of `before`, `…` first when cut.
fn push_context_before(out: &mut String, before: &str) {
    let from = nth_char_start_from_end(before, EXAMPLE_CHARS - 1).unwrap_or(0);
    if from > 0 {
        out.push('…');
    }
    push_collapsed(out, before[from..].trim_start());
}

/// Pushes the first [`EXAMPLE_CHARS`] characters of `after`, `…` last when cut.
fn push_context_after(out: &mut String, after: &str) {
    let to = nth_char_start(after, EXAMPLE_CHARS).unwrap_or(after.len());
    push_collapsed(out, after[..to].trim_end());
    if to < after.len() {
        out.push('…');
    }
}

/// True for a word of two or more letters, all capitals (`OSCE`, `U.N.`).
pub fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// A row of `candidates.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct CandidateRow {
    /// The name as written.
    pub name: String,
    /// `name` or `acronym`.
    pub kind: &'static str,
    /// Occurrences in the corpus.
    pub count: u64,
    /// Articles it occurs in.
    pub articles: u32,
    /// Occurrences neither at a sentence start nor in a title.
    pub mid_sentence: u64,
    /// Article of the example.
    pub example_article: u32,
    /// An occurrence in context.
    pub example: String,
}

/// Merges the articles' candidates (given in corpus order, with 1-based article ids) into
/// `candidates.csv` rows, most frequent first; names capitalised mostly (four times in five)
/// at sentence starts or in titles are left out.
pub fn candidate_rows<'a>(
    articles: impl Iterator<Item = (u32, &'a [NameCandidate])>,
) -> Vec<CandidateRow> {
    let mut rows: rustc_hash::FxHashMap<&'a str, CandidateRow> = Default::default();
    for (id, candidates) in articles {
        for c in candidates {
            let row = rows.entry(&c.text).or_insert_with(|| CandidateRow {
                name: c.text.to_string(),
                kind: if c.acronym { "acronym" } else { "name" },
                count: 0,
                articles: 0,
                mid_sentence: 0,
                example_article: id,
                example: c.example.to_string(),
            });
            if row.example.is_empty() && !c.example.is_empty() {
                row.example = c.example.to_string();
                row.example_article = id;
            }
            row.count += u64::from(c.count);
            row.articles += 1;
            row.mid_sentence += u64::from(c.mid_sentence);
        }
    }
    let mut rows: Vec<CandidateRow> = rows
        .into_values()
        .filter(|r| r.kind == "acronym" || (r.mid_sentence > 0 && r.mid_sentence * 5 >= r.count))
        .collect();
    rows.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.articles.cmp(&a.articles))
            .then_with(|| a.name.cmp(&b.name))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Analyzer;

    fn names(text: &str, covered: &[(usize, usize)]) -> Vec<(String, u32, u32)> {
        let mut analyzer = Analyzer::english();
        let tokens = crate::actors::word_spans::word_spans(analyzer.analyze(text), 0);
        find_candidates(text, &tokens, covered, &[], 0)
            .into_iter()
            .map(|c| (c.text.to_string(), c.count, c.mid_sentence))
            .collect()
    }

    #[test]
    fn runs_of_capitals_particles_and_acronyms() {
        assert_eq!(
            names(
                "The Bank of England met Ursula von der Leyen and the OSCE on Monday. However, Eaton Vance said no.",
                &[]
            ),
            [
                ("Bank of England".to_string(), 1, 1),
                ("Ursula von der Leyen".to_string(), 1, 1),
                ("OSCE".to_string(), 1, 1),
                ("Eaton Vance".to_string(), 1, 1),
            ]
        );
    }

    #[test]
    fn titles_and_sentence_starts_are_trimmed_and_matches_cut_runs() {
        let text = "President Ilham Aliyev met Kazakh President Tokayev. Analysts agree.";
        let kazakh = text.find("Kazakh").unwrap();
        let tokayev = text.find("Tokayev").unwrap();
        assert_eq!(
            names(text, &[(kazakh, kazakh + 6), (tokayev, tokayev + 7)]),
            [
                ("Ilham Aliyev".to_string(), 1, 1),
                ("Analysts".to_string(), 1, 0),
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn push_collapsed_collapses_every_white_space_run(
            before in "[a ]{0,2}",
            s in "[ab \t\n\u{a0}.é]{0,12}",
        ) {
            // White space runs become one space; none opens the output.
            let mut expected = before.clone();
            push_collapsed_each_char(&mut expected, &s);
            let added = &expected[before.len()..];
            proptest::prop_assert!(!added.contains(|c: char| c.is_whitespace() && c != ' '));
            proptest::prop_assert!(!added.contains("  "));
            proptest::prop_assert!(!(before.is_empty() && added.starts_with(' ') && added.len() > 1));
            let mut out = before.clone();
            push_collapsed(&mut out, &s);
            proptest::prop_assert_eq!(out, expected);
        }
    }

    #[test]
    fn examples_are_made_only_for_names_that_keep_them() {
        // `Shares` opens a sentence only: no example; `Eaton Vance` gets one from its first
        // occurrence, although that one opens a sentence.
        let text = "Shares fell. Eaton Vance said so. Analysts met Eaton Vance again.";
        let mut analyzer = Analyzer::english();
        let tokens = analyzer.analyze(text).to_vec();
        let facts = crate::actors::analyze_actors(
            text,
            0,
            &tokens,
            &crate::actors::ActorMatcher::new(&Default::default(), &[]).unwrap(),
        );
        let example = |name: &str| {
            let c = facts.candidates.iter().find(|c| &*c.text == name).unwrap();
            c.example.to_string()
        };
        assert_eq!(example("Shares"), "");
        assert_eq!(
            example("Eaton Vance"),
            "Shares fell. [Eaton Vance] said so. Analysts met Eaton Vance again…"
        );
    }

    #[test]
    fn corpus_rows_drop_names_seen_only_at_sentence_starts() {
        let a = vec![
            NameCandidate {
                text: "Analysts".into(),
                acronym: false,
                count: 3,
                mid_sentence: 0,
                example: "x".into(),
            },
            NameCandidate {
                text: "Aliyev".into(),
                acronym: false,
                count: 2,
                mid_sentence: 1,
                example: "y".into(),
            },
        ];
        let rows = candidate_rows([(1, a.as_slice()), (2, a.as_slice())].into_iter());
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].count, rows[0].articles), (4, 2));
    }
}
