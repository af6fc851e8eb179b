//! Finds actor mentions in article text with one trie over every alias, walked from word starts
//! (see [`super::alias_trie`]).
//!
//! Rules:
//! * **Word-bounded**: the characters before and after a match are not letters or digits, so
//!   `Tokayev's` / `Tokayev’s` (the text is normalised first) and `Russian-led` / `Turkey-led`
//!   contain mentions, `USSR` does not contain `US`.
//! * **Case-aware**: see [`CaseRule`]; the pronoun `us` is not `US`, `china` is not `China`,
//!   `turkey` is not `Turkey`.
//! * **Longest wins**: every alias of every kind is searched and overlapping matches are
//!   resolved leftmost-longest, so `Kassym-Jomart Tokayev` is one mention, not also one of
//!   `Tokayev`; the dictionary's `ignore` phrases take part too, so `Latin America` is no
//!   mention of `America`. Titles and honorifics (`Mr.`, `President`) are not part of aliases,
//!   so `Mr. Tokayev` and `President Tokayev` are one mention of `Tokayev`.
//! * **Line breaks**: article text is normalised paragraph by paragraph (runs of white space,
//!   line breaks included, become one space), so a name broken over two lines of a paragraph
//!   matches; a name is never matched across a paragraph break.
//! * Only aliases of the counted kinds (by default names, surnames and acronyms) count;
//!   matches of the other kinds (demonyms such as `Russian`, capitals such as `Moscow`) are still
//!   found, so they are never taken for unknown names, and are returned as not counted.
//! * Then the context rules of [`super::context`] apply (surnames of other people, demonyms in
//!   titles, `not_near` words).

use super::alias_trie::AliasTrie;
use super::context::{ContextRules, MatchStatus};
use super::dictionary::{ActorDictionary, AliasKind, CaseRule};

/// The `actor` of an `ignore` phrase.
const IGNORED: usize = usize::MAX;

/// One match of an alias in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Index of the actor in the dictionary.
    pub actor: usize,
    /// Byte offset of the match in the text.
    pub start: usize,
    /// Byte offset one past the match.
    pub end: usize,
    /// Kind of the alias that matched.
    pub kind: AliasKind,
    /// Index of the alias's pattern (for its `not_near` words).
    pub pattern: usize,
    /// Whether it counts, or why not.
    pub status: MatchStatus,
}

/// One searchable alias.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub(crate) actor: usize,
    pub(crate) kind: AliasKind,
    pub(crate) case: CaseRule,
    pub(crate) text: String,
    pub(crate) not_near: Vec<String>,
}

/// Matches the aliases of a dictionary; immutable, shared by all workers.
#[derive(Debug, Clone)]
pub struct ActorMatcher {
    /// False for [`ActorMatcher::off`]: no actor analysis at all.
    on: bool,
    /// Every pattern's text, searched from word starts, ASCII letters in either case.
    trie: AliasTrie,
    patterns: Vec<Pattern>,
    counted: Vec<AliasKind>,
    rules: ContextRules,
}

impl ActorMatcher {
    /// Builds a matcher over every alias of `dictionary`; aliases whose kind is in `kinds` count
    /// as mentions. A demonym just before a title and a person's name (`Kazakh President
    /// Tokayev`) does not count; see [`ActorMatcher::with_demonyms_in_titles`].
    pub fn new(dictionary: &ActorDictionary, kinds: &[AliasKind]) -> anyhow::Result<Self> {
        let mut patterns = Vec::new();
        for (actor, a) in dictionary.actors.iter().enumerate() {
            for alias in &a.aliases {
                let case = match alias.case {
                    CaseRule::Auto if is_all_caps(&alias.text) => CaseRule::Exact,
                    other => other,
                };
                patterns.push(Pattern {
                    actor,
                    kind: alias.kind,
                    case,
                    text: alias.text.clone(),
                    not_near: alias.not_near.clone(),
                });
            }
        }
        for phrase in &dictionary.ignore {
            patterns.push(Pattern {
                actor: IGNORED,
                kind: AliasKind::Name,
                case: if is_all_caps(phrase) {
                    CaseRule::Exact
                } else {
                    CaseRule::Auto
                },
                text: phrase.clone(),
                not_near: Vec::new(),
            });
        }
        let trie = AliasTrie::new(patterns.iter().map(|p| p.text.as_str()));
        Ok(ActorMatcher {
            on: true,
            trie,
            patterns,
            counted: kinds.to_vec(),
            rules: ContextRules::new(dictionary),
        })
    }

    /// A matcher that finds nothing and turns the rest of actor analysis off (unmatched names,
    /// acronym expansions): see [`ActorMatcher::is_on`].
    pub fn off() -> Self {
        let empty = ActorDictionary::default();
        ActorMatcher {
            on: false,
            trie: AliasTrie::new(std::iter::empty::<&str>()),
            patterns: Vec::new(),
            counted: Vec::new(),
            rules: ContextRules::new(&empty),
        }
    }

    /// False when actor analysis is off ([`ActorMatcher::off`]).
    pub fn is_on(&self) -> bool {
        self.on
    }

    /// Counts a demonym before a title and a person's name (`Kazakh` in `Kazakh President
    /// Tokayev`) as a mention of its country, when demonyms are counted at all.
    pub fn with_demonyms_in_titles(mut self, yes: bool) -> Self {
        self.rules.demonyms_in_titles = yes;
        self
    }

    /// The mentions that count in `text`, in text order, without overlaps.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut all = self.find_all(text);
        all.retain(|m| m.status == MatchStatus::Counted);
        all
    }

    /// Every alias match in `text`, in text order, without overlaps, with its status: counted,
    /// or why not (kind not counted, demonym in a title, surname of another person, vetoed by a
    /// `not_near` word).
    pub fn find_all(&self, text: &str) -> Vec<Mention> {
        if self.patterns.is_empty() {
            return Vec::new();
        }
        // Every occurrence of every pattern, overlapping; one that starts inside a word would
        // fail `word_bounded`, so only word starts are searched.
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        self.trie
            .for_each_word_start_match(text, |start, end, pattern| {
                let p = &self.patterns[pattern];
                if word_bounded(text, start, end)
                    && case_matches(&p.text, &text[start..end], p.case)
                {
                    candidates.push((start, end, pattern));
                }
            });
        // Leftmost first, longest first at the same start.
        candidates.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut mentions = Vec::new();
        let mut covered_until = 0;
        for (start, end, pattern) in candidates {
            if start < covered_until {
                continue;
            }
            covered_until = end;
            let p = &self.patterns[pattern];
            if p.actor == IGNORED {
                continue;
            }
            mentions.push(Mention {
                actor: p.actor,
                start,
                end,
                kind: p.kind,
                pattern,
                status: if self.counted.contains(&p.kind) {
                    MatchStatus::Counted
                } else {
                    MatchStatus::KindNotCounted
                },
            });
        }
        self.rules.apply(text, &mut mentions, &self.patterns);
        mentions
    }
}

/// True when the alias has letters and all of them are capitals (`US`, `U.S.`, `G20`).
fn is_all_caps(alias: &str) -> bool {
    alias.chars().any(char::is_alphabetic)
        && alias
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// True when no letter or digit touches the match on either side.
fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Applies the alias's case rule to the matched text.
fn case_matches(alias: &str, found: &str, rule: CaseRule) -> bool {
    match rule {
        CaseRule::Exact => alias == found,
        CaseRule::Insensitive => true,
        CaseRule::Auto => {
            is_all_caps(found)
                || alias
                    .chars()
                    .zip(found.chars())
                    .all(|(a, f)| !a.is_uppercase() || f.is_uppercase())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dictionary() -> ActorDictionary {
        ActorDictionary::parse(
            r#"
[[actor]]
name = "Kassym-Jomart Tokayev"
type = "person"
aliases = ["Kassym-Jomart Tokayev", "Qasym-Johart Toqayev", { text = "Tokayev", kind = "surname" }, { text = "Toqayev", kind = "surname" }]
[[actor]]
name = "United States"
type = "country"
aliases = ["United States", { text = "US", kind = "acronym" }, { text = "U.S.", kind = "acronym" }, { text = "American", kind = "demonym" }]
[[actor]]
name = "China"
type = "country"
aliases = ["China"]
[[actor]]
name = "Kazakhstan"
type = "country"
aliases = ["Kazakhstan", { text = "Kazakh", kind = "demonym" }]
"#,
            "test",
        )
        .unwrap()
    }

    fn found(text: &str, kinds: &[AliasKind]) -> Vec<String> {
        let m = ActorMatcher::new(&dictionary(), kinds).unwrap();
        m.find(text)
            .iter()
            .map(|m| text[m.start..m.end].to_string())
            .collect()
    }

    #[test]
    fn full_name_counts_once() {
        assert_eq!(
            found(
                "Kassym-Jomart Tokayev met Mr. Tokayev's aide and Qasym-Johart Toqayev.",
                &AliasKind::DEFAULT
            ),
            ["Kassym-Jomart Tokayev", "Tokayev", "Qasym-Johart Toqayev"]
        );
    }

    #[test]
    fn acronyms_are_exact_and_the_pronoun_us_is_not_the_us() {
        assert_eq!(
            found(
                "Do not kill us; the US and the U.S. elite, not USSR.",
                &AliasKind::DEFAULT
            ),
            ["US", "U.S."]
        );
    }

    #[test]
    fn capitalised_aliases_need_their_capitals() {
        assert_eq!(
            found("fine china from China, CHINA", &AliasKind::DEFAULT),
            ["China", "CHINA"]
        );
    }

    #[test]
    fn demonyms_are_opt_in_and_hyphen_bounded() {
        assert!(found("Kazakh-led forces", &AliasKind::DEFAULT).is_empty());
        assert_eq!(found("Kazakh-led forces", &AliasKind::ALL), ["Kazakh"]);
        assert_eq!(
            found("the Kazakhstan border", &AliasKind::ALL),
            ["Kazakhstan"]
        );
    }
}
