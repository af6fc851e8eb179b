//! Actors (people, countries, organisations) and the counting of their mentions.

pub mod dictionary;
pub mod matcher;

pub use dictionary::{Actor, ActorDictionary, Alias, AliasKind, CaseRule};
pub use matcher::{ActorMatcher, Mention};
