//! Actors (people, countries, organisations) and the counting of their mentions.
//!
//! [`dictionary`] loads the actors and their aliases, [`matcher`] finds aliases in text and
//! [`context`] rules out the matches their context contradicts. Per article,
//! [`article_actors::analyze_actors`] keeps the counted [`mentions`] (with offsets and
//! snippets), the unmatched names ([`candidates`]) and the acronyms introduced by their
//! expansion ([`acronyms`]); over the corpus, [`co_mentions`] counts pairs of actors and
//! [`suggestions`] proposes aliases, comparing names with [`spelling`].

pub mod acronyms;
mod alias_trie;
pub mod article_actors;
pub mod candidates;
pub mod co_mentions;
pub mod context;
pub mod dictionary;
pub mod matcher;
pub mod mentions;
pub mod spelling;
pub mod suggestions;
pub mod word_spans;

pub use article_actors::{analyze_actors, ActorCollector, ArticleActors};
pub use context::MatchStatus;
pub use dictionary::{Actor, ActorDictionary, Alias, AliasKind, CaseRule};
pub use matcher::{ActorMatcher, Mention};
pub use mentions::MentionRecord;
