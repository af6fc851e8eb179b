//! Context rules applied to alias matches after longest-match resolution: what the words around
//! a match say about whether it is a mention.
//!
//! Handled:
//! * **Another person's surname**: a surname alias directly after a capitalised word that is
//!   not a title, an honorific, a function word or a known alias, and that does not start like
//!   one of the actor's given names, is someone else (`Eaton Vance` is no `JD Vance`, `Benoit
//!   Joly` no `Mélanie Joly`); `Kassym-Johart Tokayev` (a misspelt given name with the same
//!   initial) and `President Tokayev` still count.
//! * **Demonyms in titles**: a demonym followed by title words and a person's name (`Kazakh
//!   President Kassym-Jomart Tokayev`, `Russian Foreign Minister Sergei Lavrov`) is part of the
//!   person's title and not a mention of the country, unless the user asks for it
//!   (`--demonyms-in-titles`).
//! * **A country inside a longer name**: a country's name right after a capitalised word that
//!   is no title, function word, acronym or known name, or after such a word and `of`, is part
//!   of an unknown name (`Bank of America`, `Tate Britain`, `Air China`), which then shows in
//!   `candidates.csv`.
//! * **`not_near` words** of an alias (see [`super::dictionary`]): found in the same sentence,
//!   they veto the match: the built-in dictionary uses them for `Turkey` the bird (`roast`,
//!   `Thanksgiving`, `gravy`) and `Georgia` the US state (`Atlanta`, other state names,
//!   `governor`).
//!
//! Not handled: a sentence-initial `China` meaning porcelain, all-capital headlines (`LET US
//! PRAY` contains `US`), a bare surname shared with an unlisted person when nothing precedes it
//! (`Vance said`), and `Georgia` the state with no cue word in its sentence.

use super::dictionary::{ActorDictionary, AliasKind};
use super::matcher::{Mention, Pattern};
use super::spelling;
use crate::text::stopwords::StopWordFilter;
use crate::text::word_set::CaselessWords;

/// Whether a match counts as a mention, or why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchStatus {
    /// A mention.
    Counted,
    /// Its alias kind is not among the counted kinds (`--alias-kinds`).
    KindNotCounted,
    /// A demonym in a person's title (`Kazakh President Tokayev`).
    DemonymInTitle,
    /// A surname preceded by another given name (`Eaton Vance`).
    OtherPerson,
    /// Vetoed by a `not_near` word in its sentence (`roast Turkey`).
    CommonWord,
    /// A country's name inside a longer unknown name (`Bank of America`, `Tate Britain`).
    PartOfName,
}

/// Words of titles and honorifics, lower case: they may stand between a demonym and a name, and
/// before a surname.
#[rustfmt::skip]
pub const TITLE_WORDS: &[&str] = &[
    "president", "vice-president", "vice", "prime", "minister", "foreign", "deputy", "first",
    "chancellor", "king", "queen", "prince", "princess", "crown", "emir", "sheikh", "sultan",
    "secretary", "secretary-general", "general", "state", "leader", "supreme", "premier",
    "ambassador", "envoy", "senator", "governor", "chief", "head", "defence", "defense",
    "finance", "interior", "spokesman", "spokeswoman", "counterpart", "mr", "mr.", "mrs",
    "mrs.", "ms", "ms.", "dr", "dr.", "sir", "lord", "lady", "dame", "former", "acting", "then",
    "of", "affairs", "the", "ex-president", "ex-prime", "opposition", "party", "vp", "pm",
    "chairman", "chairwoman", "chair", "commissioner", "mayor", "speaker", "judge", "justice",
    "colonel", "col.", "gen.", "lt", "admiral", "marshal", "ayatollah", "pope", "archbishop",
    "rev.", "reverend", "senior", "presidential", "candidate", "nominee", "incumbent", "elect",
    "president-elect",
];

/// Capitalised words that open sentences or qualify a name and are never given names (beyond
/// the stop-word list): `Unlike Tokayev`, `Meanwhile Putin`.
#[rustfmt::skip]
pub const NOT_GIVEN_NAMES: &[&str] = &[
    "unlike", "like", "despite", "although", "though", "however", "meanwhile", "even", "yet",
    "since", "because", "whereas", "whilst", "while", "unless", "until", "upon", "via", "per",
    "amid", "amidst", "among", "towards", "toward", "without", "within", "beyond", "besides",
    "thus", "hence", "therefore", "moreover", "indeed", "also", "says", "said", "told", "asked",
    "added", "according", "dear", "thank", "thanks", "neither", "nor", "either", "whether",
    "unlikely", "perhaps", "maybe", "surely", "certainly", "clearly", "today", "yesterday",
    "tomorrow", "now", "still", "already", "nevertheless", "nonetheless", "instead", "only",
    "just", "why", "how", "what", "where", "ask", "tell", "let", "poor", "young", "old",
];

/// Endings of capitalised adjectives that are never given names (`Russophile Tokayev`).
const ADJECTIVE_ENDINGS: &[&str] = &["phile", "phobe", "ist", "ese", "ish"];

/// True when `word` (any case) is one of [`TITLE_WORDS`].
pub fn is_title_word(word: &str) -> bool {
    static SET: std::sync::OnceLock<CaselessWords> = std::sync::OnceLock::new();
    SET.get_or_init(|| CaselessWords::new(TITLE_WORDS))
        .contains(word)
}

/// The context rules and what they need to know about the dictionary.
#[derive(Debug, Clone)]
pub struct ContextRules {
    /// Per actor: true for people.
    is_person: Vec<bool>,
    /// Per actor: true for countries.
    is_country: Vec<bool>,
    /// Per actor: the skeleton initials of its given names (the words before the last of its
    /// multi-word name aliases).
    given_initials: Vec<Vec<char>>,
    stop_words: StopWordFilter,
    /// Whether demonyms in titles count.
    pub demonyms_in_titles: bool,
}

impl ContextRules {
    /// Rules for the actors of `dictionary`.
    pub fn new(dictionary: &ActorDictionary) -> ContextRules {
        let is_person: Vec<bool> = dictionary
            .actors
            .iter()
            .map(|a| a.kind.eq_ignore_ascii_case("person"))
            .collect();
        let given_initials = dictionary
            .actors
            .iter()
            .map(|a| {
                let mut initials: Vec<char> = a
                    .aliases
                    .iter()
                    .filter(|al| al.kind == AliasKind::Name)
                    .flat_map(|al| {
                        let words: Vec<&str> = al.text.split(' ').collect();
                        let n = words.len().saturating_sub(1);
                        words.into_iter().take(n).filter_map(spelling::initial)
                    })
                    .collect();
                initials.sort_unstable();
                initials.dedup();
                initials
            })
            .collect();
        let is_country = dictionary
            .actors
            .iter()
            .map(|a| a.kind.eq_ignore_ascii_case("country"))
            .collect();
        ContextRules {
            is_person,
            is_country,
            given_initials,
            stop_words: StopWordFilter::english(),
            demonyms_in_titles: false,
        }
    }

    /// Sets the status of each match in `mentions` (text order) that its context rules out.
    pub(crate) fn apply(&self, text: &str, mentions: &mut [Mention], patterns: &[Pattern]) {
        for i in 0..mentions.len() {
            let m = mentions[i];
            if m.status != MatchStatus::Counted && m.status != MatchStatus::KindNotCounted {
                continue;
            }
            let pattern = &patterns[m.pattern];
            if !pattern.not_near.is_empty() && vetoed(text, m.start, m.end, &pattern.not_near) {
                mentions[i].status = MatchStatus::CommonWord;
                continue;
            }
            if m.kind == AliasKind::Surname && self.another_persons_surname(text, &m, mentions) {
                mentions[i].status = MatchStatus::OtherPerson;
                continue;
            }
            if m.kind == AliasKind::Name
                && self.is_country.get(m.actor).copied().unwrap_or(false)
                && self.inside_a_longer_name(text, &m, mentions)
            {
                mentions[i].status = MatchStatus::PartOfName;
                continue;
            }
            if m.kind == AliasKind::Demonym
                && !self.demonyms_in_titles
                && self.before_a_titled_person(text, m.end, &mentions[i + 1..])
            {
                mentions[i].status = MatchStatus::DemonymInTitle;
            }
        }
    }

    /// True when the word right before the surname `m` is another given name.
    fn another_persons_surname(&self, text: &str, m: &Mention, mentions: &[Mention]) -> bool {
        let Some((word_start, word)) = previous_word(text, m.start) else {
            return false;
        };
        let first = word.chars().next().unwrap_or(' ');
        if !first.is_uppercase() {
            return false;
        }
        let lower = word.to_lowercase();
        let bare = lower.trim_end_matches('.');
        if is_title_word(&lower)
            || is_title_word(bare)
            || self.stop_words.contains(bare)
            || NOT_GIVEN_NAMES.contains(&bare)
            || ADJECTIVE_ENDINGS.iter().any(|e| bare.ends_with(e))
        {
            return false;
        }
        // Part of another match (`Kazakh Tokayev`, `Russia's Lavrov`).
        if mentions
            .iter()
            .any(|o| o.start <= word_start && o.end > word_start)
        {
            return false;
        }
        let initials = &self.given_initials[m.actor];
        match spelling::initial(word) {
            Some(c) => !initials.contains(&c),
            None => false,
        }
    }

    /// True when a capitalised word that is no title, function word or known name comes right
    /// before the country's name, or before `of` and the name (`Tate Britain`, `Bank of
    /// America`).
    fn inside_a_longer_name(&self, text: &str, m: &Mention, mentions: &[Mention]) -> bool {
        let mut at = m.start;
        if let Some(before) = text[..at].strip_suffix(" of ") {
            at = before.len() + 1;
        }
        let Some((word_start, word)) = previous_word(text, at) else {
            return false;
        };
        if !word.starts_with(char::is_uppercase) || word.ends_with('.') {
            return false;
        }
        let lower = word.to_lowercase();
        if is_title_word(&lower)
            || self.stop_words.contains(&lower)
            || NOT_GIVEN_NAMES.contains(&lower.as_str())
            || lower.chars().filter(|c| c.is_alphabetic()).count() < 2
            || word
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        {
            return false;
        }
        !mentions
            .iter()
            .any(|o| o.start <= word_start && o.end > word_start)
    }

    /// True when title words and then a person's mention follow `end`.
    fn before_a_titled_person(&self, text: &str, end: usize, after: &[Mention]) -> bool {
        let Some(next) = after.first() else {
            return false;
        };
        if !self.is_person.get(next.actor).copied().unwrap_or(false) || next.start <= end {
            return false;
        }
        let between = &text[end..next.start];
        if between.len() > 80 || !between.starts_with(' ') || !between.ends_with(' ') {
            return false;
        }
        let words: Vec<&str> = between.split_whitespace().collect();
        !words.is_empty()
            && words.len() <= 5
            && words.iter().all(|w| {
                let lower = w.to_lowercase();
                is_title_word(&lower)
                    || lower
                        .split('-')
                        .all(|part| is_title_word(part) && !part.is_empty())
            })
    }
}

/// The word directly before `pos` (separated by one space, no punctuation), with its start.
fn previous_word(text: &str, pos: usize) -> Option<(usize, &str)> {
    let before = text[..pos].strip_suffix(' ')?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '-' | '.' | '\''))
        .last()
        .map(|(i, _)| i)?;
    let word = &before[start..];
    // A possessive or a sentence end is no given name (`Russia's Lavrov`, `...Moscow. Lavrov`).
    if word.ends_with("'s") || word.ends_with('\'') {
        return None;
    }
    if word.ends_with('.') && word.chars().filter(|c| c.is_alphabetic()).count() > 2 {
        return None;
    }
    Some((start, word))
}

/// The sentence around `start..end`: from the last `.`, `!`, `?` or line break before it to
/// the next after it, at most 300 bytes either side.
pub fn sentence_around(text: &str, start: usize, end: usize) -> &str {
    let mut from = start.saturating_sub(300);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (end + 300).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let s = text[from..start]
        .rfind(is_end)
        .map_or(from, |i| from + i + 1);
    let e = text[end..to].find(is_end).map_or(to, |i| end + i);
    &text[s..e]
}

/// True when one of the `words` (lower case) occurs word-bounded in the sentence of the match.
fn vetoed(text: &str, start: usize, end: usize, words: &[String]) -> bool {
    let sentence = sentence_around(text, start, end).to_lowercase();
    words.iter().any(|w| {
        sentence.match_indices(w.as_str()).any(|(i, _)| {
            let before = sentence[..i].chars().next_back();
            let after = sentence[i + w.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previous_words() {
        assert_eq!(previous_word("Eaton Vance", 6), Some((0, "Eaton")));
        assert_eq!(previous_word("Mr. Vance", 4), Some((0, "Mr.")));
        assert_eq!(previous_word("Russia's Lavrov", 9), None);
        assert_eq!(previous_word("in Moscow. Lavrov", 11), None);
        assert_eq!(previous_word("said, Vance", 6), None);
        assert_eq!(previous_word("J.D. Vance", 5), Some((0, "J.D.")));
    }

    #[test]
    fn sentences_and_vetoes() {
        let text = "Roast the Turkey slowly. Turkey signed a deal.";
        assert_eq!(sentence_around(text, 10, 16), "Roast the Turkey slowly");
        assert!(vetoed(text, 10, 16, &["roast".to_string()]));
        assert!(!vetoed(text, 25, 31, &["roast".to_string()]));
        assert!(!vetoed("Roasted Turkey", 8, 14, &["roast".to_string()]));
    }
}
