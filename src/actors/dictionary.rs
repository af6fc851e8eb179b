//! The actor dictionary: actors with a type and aliases, loaded from TOML.
//!
//! ```toml
//! [[actor]]
//! name = "Kassym-Jomart Tokayev"      # canonical name, shown in outputs
//! type = "person"                     # free text: country, person, organisation, ...
//! aliases = [
//!   "Kassym-Jomart Tokayev",          # a plain string: kind "name", case "auto"
//!   { text = "Tokayev", kind = "surname" },
//!   { text = "KJT", kind = "acronym", case = "exact" },
//! ]
//! ```
//!
//! Alias kinds: `name`, `surname`, `acronym`, `demonym`, `capital`. Case rules: `exact`,
//! `insensitive`, and `auto` (the default): an alias written in capitals (`US`, `U.S.`, `CSTO`)
//! matches exactly; any other alias matches when every capital letter of the alias is a capital
//! in the text (`Turkey` matches `Turkey` and `TURKEY`, not `turkey`; `China` not `china`).
//! The canonical name is not an alias by itself: list it among the aliases.
//!
//! Two guards against common words and larger names:
//!
//! ```toml
//! ignore = ["Latin America", "South America"]   # top level, before the first [[actor]]
//!
//! [[actor]]
//! name = "Turkey"
//! type = "country"
//! aliases = [{ text = "Turkey", not_near = ["roast", "gravy", "Thanksgiving"] }]
//! ```
//!
//! * `ignore`: phrases that are never mentions, so the aliases inside them are not either
//!   (`America` in `Latin America`). They take part in longest-match resolution like aliases.
//! * `not_near`: words or phrases that, found in the same sentence (case-insensitive,
//!   word-bounded), mean the alias is the common word or another place (`Turkey` the bird,
//!   `Georgia` the US state).

use anyhow::{bail, Context};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// The dictionary built into newslens (`data/actors.toml`).
pub const BUILT_IN: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/actors.toml"));

/// How an alias must be capitalised in the text to match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum CaseRule {
    /// Exact for all-capital aliases, capitals-must-match for the others.
    #[default]
    Auto,
    /// Exactly as written.
    Exact,
    /// Any capitalisation.
    Insensitive,
}

/// What an alias is, so users can choose which kinds count (`--alias-kinds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum AliasKind {
    /// A full or short proper name.
    #[default]
    Name,
    /// A person's surname alone.
    Surname,
    /// An abbreviation (`US`, `CSTO`).
    Acronym,
    /// An adjective or noun of nationality (`Russian`, `Kazakh`).
    Demonym,
    /// A capital or seat of power standing for its state (`Moscow`, `Kremlin`).
    Capital,
}

impl AliasKind {
    /// Every kind, in display order.
    pub const ALL: [AliasKind; 5] = [
        AliasKind::Name,
        AliasKind::Surname,
        AliasKind::Acronym,
        AliasKind::Demonym,
        AliasKind::Capital,
    ];

    /// The kinds counted unless the user chooses otherwise.
    pub const DEFAULT: [AliasKind; 3] = [AliasKind::Name, AliasKind::Surname, AliasKind::Acronym];

    /// The kind's name as written in the dictionary.
    pub fn as_str(self) -> &'static str {
        match self {
            AliasKind::Name => "name",
            AliasKind::Surname => "surname",
            AliasKind::Acronym => "acronym",
            AliasKind::Demonym => "demonym",
            AliasKind::Capital => "capital",
        }
    }

    /// Parses a kind's name.
    pub fn parse(s: &str) -> Option<AliasKind> {
        AliasKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One way of writing an actor's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The text to find.
    pub text: String,
    /// Its kind.
    pub kind: AliasKind,
    /// Its case rule.
    pub case: CaseRule,
    /// Words or phrases that veto a match when found in the same sentence (lower case).
    pub not_near: Vec<String>,
}

/// An actor and its aliases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Canonical name.
    pub name: String,
    /// Type: `country`, `person`, `organisation`, or the user's own.
    pub kind: String,
    /// Aliases.
    pub aliases: Vec<Alias>,
}

/// A set of actors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorDictionary {
    /// The actors, in the order they were defined.
    pub actors: Vec<Actor>,
    /// Phrases that are never mentions (`Latin America`), normalised.
    pub ignore: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFormat {
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    actor: Vec<ActorEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorEntry {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    aliases: Vec<toml::Spanned<toml::Value>>,
}

/// Reads one alias: a string, or a table with `text` and optional `kind`, `case` and
/// `not_near`; errors say what is wrong.
fn read_alias(value: &toml::Value) -> Result<Alias, String> {
    let table = match value {
        toml::Value::String(text) => {
            return Ok(Alias {
                text: text.clone(),
                kind: AliasKind::Name,
                case: CaseRule::Auto,
                not_near: Vec::new(),
            })
        }
        toml::Value::Table(t) => t,
        other => {
            return Err(format!(
            "an alias must be a string or a table {{ text = \"...\", kind = \"...\" }}, not a {}",
            other.type_str()
        ))
        }
    };
    let string = |key: &str| -> Result<Option<&str>, String> {
        match table.get(key) {
            None => Ok(None),
            Some(toml::Value::String(s)) => Ok(Some(s.as_str())),
            Some(v) => Err(format!(
                "alias field `{key}` must be a string, not a {}",
                v.type_str()
            )),
        }
    };
    if let Some(key) = table
        .keys()
        .find(|k| !["text", "kind", "case", "not_near"].contains(&k.as_str()))
    {
        return Err(format!(
            "unknown alias field `{key}` (expected text, kind, case or not_near)"
        ));
    }
    let text = string("text")?.ok_or("an alias table has no `text`")?;
    let kind = match string("kind")? {
        None => AliasKind::Name,
        Some(k) => AliasKind::parse(k).ok_or_else(|| {
            format!(
                "alias \"{text}\" has unknown kind \"{k}\" (expected name, surname, acronym, demonym or capital)"
            )
        })?,
    };
    let case = match string("case")? {
        None | Some("auto") => CaseRule::Auto,
        Some("exact") => CaseRule::Exact,
        Some("insensitive") => CaseRule::Insensitive,
        Some(c) => {
            return Err(format!(
                "alias \"{text}\" has unknown case \"{c}\" (expected auto, exact or insensitive)"
            ))
        }
    };
    let not_near = match table.get("not_near") {
        None => Vec::new(),
        Some(toml::Value::Array(words)) => words
            .iter()
            .map(|w| {
                w.as_str()
                    .map(|w| crate::text::normalize(w).to_lowercase())
                    .ok_or_else(|| format!("alias \"{text}\": `not_near` must list strings"))
            })
            .filter(|w| !matches!(w, Ok(w) if w.is_empty()))
            .collect::<Result<_, _>>()?,
        Some(v) => {
            return Err(format!(
                "alias \"{text}\": `not_near` must be a list of strings, not a {}",
                v.type_str()
            ))
        }
    };
    Ok(Alias {
        text: text.to_string(),
        kind,
        case,
        not_near,
    })
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

impl ActorDictionary {
    /// The built-in dictionary.
    pub fn built_in() -> ActorDictionary {
        ActorDictionary::parse(BUILT_IN, "built-in actors")
            .expect("the built-in dictionary is valid")
    }

    /// Loads a dictionary file; errors name the file, line and problem.
    pub fn load(path: &Path) -> anyhow::Result<ActorDictionary> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read actor dictionary {}", path.display()))?;
        ActorDictionary::parse(&text, &path.display().to_string())
    }

    /// Parses dictionary TOML; `origin` names the source in error messages.
    pub fn parse(text: &str, origin: &str) -> anyhow::Result<ActorDictionary> {
        let file: FileFormat = toml::from_str(text)
            .map_err(|e| anyhow::anyhow!("{e}"))
            .with_context(|| format!("invalid actor dictionary {origin}"))?;
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut actors = Vec::with_capacity(file.actor.len());
        for entry in file.actor {
            if entry.name.trim().is_empty() {
                bail!("invalid actor dictionary {origin}: an actor has an empty name");
            }
            let mut aliases = Vec::with_capacity(entry.aliases.len());
            for spanned in entry.aliases {
                let alias = read_alias(spanned.get_ref()).map_err(|problem| {
                    anyhow::anyhow!(
                        "invalid actor dictionary {origin}: line {}: actor \"{}\": {problem}",
                        line_of(text, spanned.span().start),
                        entry.name
                    )
                })?;
                let text = crate::text::normalize(&alias.text);
                if text.is_empty() || !text.chars().any(char::is_alphanumeric) {
                    bail!(
                        "invalid actor dictionary {origin}: actor \"{}\" has an alias with no letters",
                        entry.name
                    );
                }
                if let Some(other) = seen.insert(text.clone(), entry.name.clone()) {
                    if other != entry.name {
                        bail!(
                            "invalid actor dictionary {origin}: alias \"{text}\" belongs to both \"{other}\" and \"{}\"",
                            entry.name
                        );
                    }
                    continue;
                }
                aliases.push(Alias { text, ..alias });
            }
            actors.push(Actor {
                name: entry.name,
                kind: entry.kind,
                aliases,
            });
        }
        let ignore = file
            .ignore
            .iter()
            .map(|p| crate::text::normalize(p))
            .filter(|p| p.chars().any(char::is_alphanumeric))
            .collect();
        Ok(ActorDictionary { actors, ignore })
    }

    /// Adds `other`'s actors: an actor of the same name replaces this one's, and an alias that
    /// `other` gives to another actor moves to that actor.
    pub fn extend(&mut self, other: ActorDictionary) {
        let incoming: HashMap<&str, ()> = other
            .actors
            .iter()
            .flat_map(|a| a.aliases.iter().map(|al| (al.text.as_str(), ())))
            .collect();
        let names: Vec<&str> = other.actors.iter().map(|a| a.name.as_str()).collect();
        self.actors.retain(|a| !names.contains(&a.name.as_str()));
        for actor in &mut self.actors {
            actor
                .aliases
                .retain(|al| !incoming.contains_key(al.text.as_str()));
        }
        self.actors.extend(other.actors);
        for phrase in other.ignore {
            if !self.ignore.contains(&phrase) {
                self.ignore.push(phrase);
            }
        }
    }

    /// Gives `actor` (an index) one more alias, unless some actor already has that text;
    /// returns whether it was added.
    pub fn add_alias(&mut self, actor: usize, text: &str, kind: AliasKind, case: CaseRule) -> bool {
        let text = crate::text::normalize(text);
        let taken = self
            .actors
            .iter()
            .any(|a| a.aliases.iter().any(|al| al.text == text));
        if taken || text.is_empty() || actor >= self.actors.len() {
            return false;
        }
        self.actors[actor].aliases.push(Alias {
            text,
            kind,
            case,
            not_near: Vec::new(),
        });
        true
    }

    /// Number of actors.
    pub fn len(&self) -> usize {
        self.actors.len()
    }

    /// True when there is no actor.
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_dictionary_loads_and_knows_tokayev() {
        let d = ActorDictionary::built_in();
        assert!(d.len() > 250, "{}", d.len());
        let tokayev = d
            .actors
            .iter()
            .find(|a| a.name == "Kassym-Jomart Tokayev")
            .unwrap();
        assert_eq!(tokayev.kind, "person");
        assert!(tokayev.aliases.iter().any(|a| a.text == "Toqayev"));
    }

    #[test]
    fn plain_and_detailed_aliases() {
        let d = ActorDictionary::parse(
            "[[actor]]\nname = \"X\"\ntype = \"group\"\naliases = [\"Ex Group\", { text = \"XG\", kind = \"acronym\", case = \"exact\" }]\n",
            "t",
        )
        .unwrap();
        assert_eq!(d.actors[0].aliases[0].kind, AliasKind::Name);
        assert_eq!(d.actors[0].aliases[1].case, CaseRule::Exact);
    }

    #[test]
    fn errors_name_the_file_line_and_problem() {
        let err =
            ActorDictionary::parse("[[actor]]\nname = \"X\"\ntype = 3\n", "my.toml").unwrap_err();
        let msg = format!("{err:#}");
        assert!(msg.contains("my.toml"), "{msg}");
        assert!(msg.contains("line 3"), "{msg}");
        let err = ActorDictionary::parse(
            "[[actor]]\nname = \"A\"\ntype = \"p\"\naliases = [\"Same\"]\n[[actor]]\nname = \"B\"\ntype = \"p\"\naliases = [\"Same\"]\n",
            "dup.toml",
        )
        .unwrap_err();
        assert!(format!("{err:#}").contains("belongs to both"));
        let err = ActorDictionary::parse(
            "[[actor]]\nname = \"A\"\ntype = \"p\"\naliases = [{ text = \"A\", kind = \"nickname\" }]\n",
            "k.toml",
        )
        .unwrap_err();
        assert!(format!("{err:#}").contains("k.toml"));
    }

    #[test]
    fn extending_replaces_same_name_and_moves_aliases() {
        let mut base = ActorDictionary::parse(
            "[[actor]]\nname = \"A\"\ntype = \"p\"\naliases = [\"Alpha\", \"Al\"]\n[[actor]]\nname = \"B\"\ntype = \"p\"\naliases = [\"Beta\"]\n",
            "base",
        )
        .unwrap();
        let user = ActorDictionary::parse(
            "[[actor]]\nname = \"B\"\ntype = \"q\"\naliases = [\"Bee\"]\n[[actor]]\nname = \"C\"\ntype = \"p\"\naliases = [\"Al\"]\n",
            "user",
        )
        .unwrap();
        base.extend(user);
        let names: Vec<_> = base.actors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["A", "B", "C"]);
        assert_eq!(base.actors[0].aliases.len(), 1);
        assert_eq!(base.actors[1].kind, "q");
    }
}
