//! Finds actor mentions in article text with one Aho-Corasick automaton over every alias.
//!
//! Rules:
//! * **Word-bounded**: the characters before and after a match are not letters or digits, so
//!   `Tokayev's` and `Russian-led` contain mentions, `USSR` does not contain `US`.
//! * **Case-aware**: see [`CaseRule`]; the pronoun `us` is not `US`, `china` is not `China`.
//! * **Longest wins**: overlapping matches are resolved leftmost-longest, so
//!   `Kassym-Jomart Tokayev` is one mention, not also one of `Tokayev`. Titles and honorifics
//!   (`Mr.`, `President`) are not part of aliases, so `Mr. Tokayev` is one mention of `Tokayev`.
//! * Only aliases of the enabled kinds are searched (by default names, surnames and acronyms;
//!   demonyms such as `Russian` and capitals such as `Moscow` are opt-in).

use super::dictionary::{ActorDictionary, AliasKind, CaseRule};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// One mention of an actor in a text.
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
}

/// One searchable alias.
#[derive(Debug, Clone)]
struct Pattern {
    actor: usize,
    kind: AliasKind,
    case: CaseRule,
    text: String,
}

/// Matches the aliases of a dictionary; immutable, shared by all workers.
#[derive(Debug, Clone)]
pub struct ActorMatcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

impl ActorMatcher {
    /// Builds a matcher over the aliases of `dictionary` whose kind is in `kinds`.
    pub fn new(dictionary: &ActorDictionary, kinds: &[AliasKind]) -> anyhow::Result<Self> {
        let mut patterns = Vec::new();
        for (actor, a) in dictionary.actors.iter().enumerate() {
            for alias in a.aliases.iter().filter(|al| kinds.contains(&al.kind)) {
                let case = match alias.case {
                    CaseRule::Auto if is_all_caps(&alias.text) => CaseRule::Exact,
                    other => other,
                };
                patterns.push(Pattern {
                    actor,
                    kind: alias.kind,
                    case,
                    text: alias.text.clone(),
                });
            }
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    // A full DFA: a few megabytes for the built-in dictionary, built once per
                    // run, and the overlapping search runs about twice as fast as on the
                    // default contiguous NFA.
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(patterns.iter().map(|p| p.text.as_str()))?,
            )
        };
        Ok(ActorMatcher {
            automaton,
            patterns,
        })
    }

    /// The mentions in `text`, in text order, without overlaps.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let mut candidates: Vec<(usize, usize, usize)> = ac
            .find_overlapping_iter(text)
            .filter(|m| {
                let p = &self.patterns[m.pattern().as_usize()];
                word_bounded(text, m.start(), m.end())
                    && case_matches(&p.text, &text[m.start()..m.end()], p.case)
            })
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        // Leftmost first, longest first at the same start.
        candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut mentions = Vec::new();
        let mut covered_until = 0;
        for (start, end, pattern) in candidates {
            if start < covered_until {
                continue;
            }
            let p = &self.patterns[pattern];
            mentions.push(Mention {
                actor: p.actor,
                start,
                end,
                kind: p.kind,
            });
            covered_until = end;
        }
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
