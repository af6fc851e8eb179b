//! Alias suggestions: unmatched names (from [`super::candidates`]) that probably denote an actor
//! of the dictionary, or each other, with the evidence (`alias_suggestions.csv`).
//!
//! Evidence, and when a suggestion is *confident* (merged into the counts by
//! `--auto-aliases`):
//!
//! | evidence | what | confident when |
//! |---|---|---|
//! | `transliteration` | same skeleton as an alias ([`super::spelling`]): `Toqayev` / `Tokayev`, `Uyghur` / `Uighur` | the skeleton has 5 letters or more, only one actor has it, and they differ by more than a doubled letter (`Cameron` is no `Cameroon`) |
//! | `spelling` | one edit from an alias's skeleton (skeletons of 7 letters or more): `Nazarbaev` / `Nazarbayev` | never |
//! | `given name` | one edit or less from a person's given name: `Kassym-Johart` / `Kassym-Jomart` | never (a given name alone is not a mention) |
//! | `surname` | the last word of one person's full name: `Tokayev` / `Kassym-Jomart Tokayev` | every article with the surname also mentions the person |
//! | `acronym` | introduced by an expansion: `Collective Security Treaty Organization (CSTO)` | the expansion (or the acronym) is an alias of the actor, the other is no alias of anyone, and the acronym has three letters or more (`PA` is also the Press Association) |
//! | `same name` | two unmatched names with one skeleton or one edit apart (`Uighur` / `Uyghur`), or a bare surname and the one two-word name ending with it that is used in at least half of the surname's articles (`Mourinho` / `Jose Mourinho`) | never (neither is in the dictionary) |

use super::article_actors::ArticleActors;
use super::candidates::CandidateRow;
use super::dictionary::{ActorDictionary, AliasKind, CaseRule};
use super::spelling::{skeleton, strict_skeleton, VariantIndex};
use rustc_hash::FxHashMap;

/// One suggestion: `name` probably denotes `actor` (or the same as `same_as`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The unmatched name (or acronym, or expansion).
    pub name: String,
    /// The dictionary actor it would join, if any.
    pub actor: Option<usize>,
    /// That actor's canonical name, or empty.
    pub actor_name: String,
    /// What it resembles: an alias of the actor, or another unmatched name.
    pub same_as: String,
    /// `transliteration`, `spelling`, `given name`, `surname`, `acronym` or `same name`.
    pub evidence: &'static str,
    /// The alias kind it would be added as.
    pub kind: AliasKind,
    /// Occurrences of `name` in the corpus (for acronyms: articles introducing it).
    pub count: u64,
    /// Articles with `name`.
    pub articles: u32,
    /// The evidence in words.
    pub detail: String,
    /// True when `--auto-aliases` would merge it.
    pub confident: bool,
    /// True when it was merged into this run's counts.
    pub applied: bool,
}

/// Suggestions from the corpus's unmatched names (`candidates`, merged rows) and the articles'
/// actor facts, sorted confident first, then by count.
pub fn suggest(
    dictionary: &ActorDictionary,
    articles: &[&ArticleActors],
    candidates: &[CandidateRow],
) -> Vec<Suggestion> {
    let mut out = Vec::new();
    // The candidates that are names, with their skeletons, made once for both uses.
    let names: Vec<&CandidateRow> = candidates.iter().filter(|c| c.kind == "name").collect();
    let skeletons: Vec<String> = names.iter().map(|c| skeleton(&c.name)).collect();
    spelling_suggestions(dictionary, &names, &skeletons, &mut out);
    surname_suggestions(dictionary, articles, candidates, &mut out);
    same_name_suggestions(&names, &skeletons, &mut out);
    surname_of_full_name_suggestions(articles, candidates, &mut out);
    acronym_suggestions(dictionary, articles, &mut out);
    for s in &mut out {
        if let Some(a) = s.actor {
            s.actor_name = dictionary.actors[a].name.clone();
        }
    }
    out.sort_by(|a, b| {
        b.confident
            .cmp(&a.confident)
            .then(b.count.cmp(&a.count))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.same_as.cmp(&b.same_as))
    });
    out
}

/// The aliases a run with `--auto-aliases` adds: (actor, text, kind) of confident suggestions.
pub fn confident_aliases(suggestions: &[Suggestion]) -> Vec<(usize, String, AliasKind)> {
    suggestions
        .iter()
        .filter(|s| s.confident)
        .filter_map(|s| s.actor.map(|a| (a, s.name.clone(), s.kind)))
        .collect()
}

/// Adds the confident suggestions to `dictionary` and marks them applied; returns how many
/// aliases were added.
pub fn apply(dictionary: &mut ActorDictionary, suggestions: &mut [Suggestion]) -> usize {
    let mut added = 0;
    for s in suggestions.iter_mut().filter(|s| s.confident) {
        if let Some(actor) = s.actor {
            let case = if s.kind == AliasKind::Acronym {
                CaseRule::Exact
            } else {
                CaseRule::Auto
            };
            if dictionary.add_alias(actor, &s.name, s.kind, case) {
                s.applied = true;
                added += 1;
            }
        }
    }
    added
}

/// What a skeleton in the variant index stands for.
struct Target {
    actor: usize,
    text: String,
    kind: AliasKind,
    given_name: bool,
}

/// `transliteration`, `spelling` and `given name` suggestions for the candidate `names`, whose
/// skeletons are `skeletons`.
fn spelling_suggestions(
    dictionary: &ActorDictionary,
    names: &[&CandidateRow],
    skeletons: &[String],
    out: &mut Vec<Suggestion>,
) {
    let mut targets: Vec<Target> = Vec::new();
    let mut index = VariantIndex::default();
    let mut add = |target: Target, index: &mut VariantIndex| {
        let s = skeleton(&target.text);
        if s.chars().count() >= 4 {
            index.insert(&s, targets.len() as u32);
            targets.push(target);
        }
    };
    for (actor, a) in dictionary.actors.iter().enumerate() {
        let person = a.kind.eq_ignore_ascii_case("person");
        for alias in &a.aliases {
            if matches!(alias.kind, AliasKind::Name | AliasKind::Surname) {
                add(
                    Target {
                        actor,
                        text: alias.text.clone(),
                        kind: alias.kind,
                        given_name: false,
                    },
                    &mut index,
                );
            }
            if person && alias.kind == AliasKind::Name {
                let words: Vec<&str> = alias.text.split(' ').collect();
                for w in &words[..words.len().saturating_sub(1)] {
                    add(
                        Target {
                            actor,
                            text: w.to_string(),
                            kind: AliasKind::Name,
                            given_name: true,
                        },
                        &mut index,
                    );
                }
            }
        }
    }
    for (c, s) in names.iter().zip(skeletons) {
        let len = s.chars().count();
        if len < 4 {
            continue;
        }
        // Best target per actor; one edit counts from 7 letters on.
        let mut best: Vec<(usize, usize, usize)> = Vec::new(); // (actor, distance, target)
        for (id, d) in index.near_within(s, usize::from(len >= 7)) {
            let t = &targets[id as usize];
            if t.text == c.name || is_derived_form(&c.name, &t.text) {
                continue;
            }
            let rank = d + usize::from(t.given_name) * 2;
            match best.iter_mut().find(|b| b.0 == t.actor) {
                Some(b) if rank < b.1 => *b = (t.actor, rank, id as usize),
                Some(_) => {}
                None => best.push((t.actor, rank, id as usize)),
            }
        }
        let unique = best.len() == 1;
        for (actor, rank, id) in best {
            let t = &targets[id];
            let (evidence, detail) = if t.given_name {
                (
                    "given name",
                    format!("spelling of the given name \"{}\"", t.text),
                )
            } else if rank == 0 {
                (
                    "transliteration",
                    format!("same transliteration skeleton \"{s}\" as \"{}\"", t.text),
                )
            } else {
                ("spelling", format!("one letter from \"{}\"", t.text))
            };
            out.push(Suggestion {
                name: c.name.clone(),
                actor: Some(actor),
                actor_name: String::new(),
                same_as: t.text.clone(),
                evidence,
                kind: t.kind,
                count: c.count,
                articles: c.articles,
                detail,
                confident: rank == 0
                    && !t.given_name
                    && unique
                    && len >= 5
                    && strict_skeleton(&c.name) == strict_skeleton(&t.text),
                applied: false,
            });
        }
    }
}

/// True when one of `a` and `b` is the other with a plural, possessive or demonym ending
/// (`Democrats` / `Democrat`, `Eurasian` / `Eurasia`): related, but not the same name.
fn is_derived_form(a: &str, b: &str) -> bool {
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    long.strip_prefix(short).is_some_and(|rest| {
        matches!(
            rest,
            "s" | "es" | "'s" | "'" | "n" | "an" | "ian" | "ns" | "ans"
        )
    })
}

/// True when a word reads as an adjective or demonym rather than a surname (`European`).
fn looks_like_adjective(word: &str) -> bool {
    word.contains('-')
        || ["an", "ian", "ese", "ish", "ic", "ans", "ist", "ists"]
            .iter()
            .any(|e| word.ends_with(e))
}

/// `surname` suggestions: a one-word unmatched name that ends one person's full name.
fn surname_suggestions(
    dictionary: &ActorDictionary,
    articles: &[&ArticleActors],
    candidates: &[CandidateRow],
    out: &mut Vec<Suggestion>,
) {
    // Last word of people's full names -> the person, or None when two people share it.
    let mut last_word: FxHashMap<&str, Option<usize>> = FxHashMap::default();
    for (actor, a) in dictionary.actors.iter().enumerate() {
        if !a.kind.eq_ignore_ascii_case("person") {
            continue;
        }
        for alias in a.aliases.iter().filter(|al| al.kind == AliasKind::Name) {
            if let Some((_, last)) = alias.text.rsplit_once(' ') {
                let e = last_word.entry(last).or_insert(Some(actor));
                if *e != Some(actor) {
                    *e = None;
                }
            }
        }
    }
    let kept: FxHashMap<&str, &CandidateRow> =
        candidates.iter().map(|c| (c.name.as_str(), c)).collect();
    // Surname -> (articles with it, of which with the person).
    let mut support: FxHashMap<&str, (u32, u32, usize)> = FxHashMap::default();
    for a in articles {
        for c in &a.candidates {
            let Some(Some(actor)) = last_word.get(&*c.text) else {
                continue;
            };
            if !kept.contains_key(&*c.text) {
                continue;
            }
            let e = support.entry(&c.text).or_insert((0, 0, *actor));
            e.0 += 1;
            e.1 += u32::from(a.mentions.iter().any(|m| m.actor as usize == *actor));
        }
    }
    for (name, (with_name, with_actor, actor)) in support {
        let c = kept[name];
        out.push(Suggestion {
            name: name.to_string(),
            actor: Some(actor),
            actor_name: String::new(),
            same_as: dictionary.actors[actor].name.clone(),
            evidence: "surname",
            kind: AliasKind::Surname,
            count: c.count,
            articles: c.articles,
            detail: format!(
                "last word of the full name; {with_actor} of its {with_name} articles mention the person"
            ),
            confident: with_actor == with_name && name.chars().count() >= 4,
            applied: false,
        });
    }
}

/// `same name` suggestions between two unmatched `names`, whose skeletons are `skeletons`.
fn same_name_suggestions(names: &[&CandidateRow], skeletons: &[String], out: &mut Vec<Suggestion>) {
    let mut index = VariantIndex::default();
    // Names seen once are looked up but not indexed: a pair needs one name seen twice.
    for (i, s) in skeletons.iter().enumerate() {
        if names[i].count >= 2 && s.chars().count() >= 5 {
            index.insert(s, i as u32);
        }
    }
    let order =
        |i: usize, j: usize| (names[i].count, &names[j].name) < (names[j].count, &names[i].name);
    for (i, c) in names.iter().enumerate() {
        let len = skeletons[i].chars().count();
        if len >= 5 {
            // One edit counts from 7 letters on.
            for (j, d) in index.near_within(&skeletons[i], usize::from(len >= 7)) {
                let j = j as usize;
                if j == i || !order(i, j) || is_derived_form(&c.name, &names[j].name) {
                    continue;
                }
                out.push(Suggestion {
                    name: c.name.clone(),
                    actor: None,
                    actor_name: String::new(),
                    same_as: names[j].name.clone(),
                    evidence: "same name",
                    kind: AliasKind::Name,
                    count: c.count,
                    articles: c.articles,
                    detail: if d == 0 {
                        format!("same transliteration skeleton \"{}\"", skeletons[i])
                    } else {
                        "one letter apart".to_string()
                    },
                    confident: false,
                    applied: false,
                });
            }
        }
    }
}

/// `same name` suggestions between a bare surname and the one two-word name ending with it
/// that most of the surname's articles use (`Mourinho` / `Jose Mourinho`).
fn surname_of_full_name_suggestions(
    articles: &[&ArticleActors],
    candidates: &[CandidateRow],
    out: &mut Vec<Suggestion>,
) {
    let kept: FxHashMap<&str, &CandidateRow> =
        candidates.iter().map(|c| (c.name.as_str(), c)).collect();
    let is_word = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
            && w.chars().count() >= 2
    };
    // Surname -> full names seen with it, each with the articles where both occur.
    let mut together: FxHashMap<&str, Vec<(&str, u32)>> = FxHashMap::default();
    for a in articles {
        for full in &a.candidates {
            let Some((first, last)) = full.text.split_once(' ') else {
                continue;
            };
            if last.contains(' ')
                || !is_word(first)
                || !is_word(last)
                || !kept.contains_key(&*full.text)
            {
                continue;
            }
            if a.candidates.iter().any(|c| &*c.text == last) {
                let fulls = together.entry(last).or_default();
                match fulls.iter_mut().find(|(f, _)| *f == &*full.text) {
                    Some((_, n)) => *n += 1,
                    None => fulls.push((&full.text, 1)),
                }
            }
        }
    }
    for (surname, fulls) in together {
        let Some(c) = kept.get(surname) else { continue };
        if fulls.len() != 1 || looks_like_adjective(surname) || surname.chars().count() < 4 {
            continue;
        }
        let (full, shared) = fulls[0];
        if shared * 2 < c.articles {
            continue;
        }
        out.push(Suggestion {
            name: surname.to_string(),
            actor: None,
            actor_name: String::new(),
            same_as: full.to_string(),
            evidence: "same name",
            kind: AliasKind::Surname,
            count: c.count,
            articles: c.articles,
            detail: format!(
                "the only full name ending with it; together in {shared} of its {} articles",
                c.articles
            ),
            confident: false,
            applied: false,
        });
    }
}

/// `acronym` suggestions from acronyms introduced by their expansion.
fn acronym_suggestions(
    dictionary: &ActorDictionary,
    articles: &[&ArticleActors],
    out: &mut Vec<Suggestion>,
) {
    let mut owner: FxHashMap<&str, usize> = FxHashMap::default();
    for (actor, a) in dictionary.actors.iter().enumerate() {
        for alias in &a.aliases {
            owner.insert(&alias.text, actor);
        }
    }
    let mut seen: FxHashMap<(&str, &str), u32> = FxHashMap::default();
    for a in articles {
        for e in &a.expansions {
            *seen.entry((&e.expansion, &e.acronym)).or_insert(0) += 1;
        }
    }
    let mut pairs: Vec<((&str, &str), u32)> = seen.into_iter().collect();
    pairs.sort_unstable();
    for ((expansion, acronym), n) in pairs {
        let (name, same_as, actor, kind, confident) =
            match (owner.get(expansion), owner.get(acronym)) {
                (Some(&x), None) => (acronym, expansion, Some(x), AliasKind::Acronym, true),
                (None, Some(&x)) => (expansion, acronym, Some(x), AliasKind::Name, true),
                (None, None) => (acronym, expansion, None, AliasKind::Acronym, false),
                _ => continue,
            };
        out.push(Suggestion {
            name: name.to_string(),
            actor,
            actor_name: String::new(),
            same_as: same_as.to_string(),
            evidence: "acronym",
            kind,
            count: u64::from(n),
            articles: n,
            detail: format!("\"{expansion} ({acronym})\" in {n} article(s)"),
            confident: confident && acronym.chars().filter(|c| c.is_alphabetic()).count() >= 3,
            applied: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::acronyms::AcronymExpansion;
    use crate::actors::candidates::NameCandidate;

    fn dictionary() -> ActorDictionary {
        ActorDictionary::parse(
            r#"
[[actor]]
name = "Kassym-Jomart Tokayev"
type = "person"
aliases = ["Kassym-Jomart Tokayev", { text = "Tokayev", kind = "surname" }]
[[actor]]
name = "Nursultan Nazarbayev"
type = "person"
aliases = ["Nursultan Nazarbayev"]
[[actor]]
name = "Collective Security Treaty Organization"
type = "organisation"
aliases = ["Collective Security Treaty Organization"]
"#,
            "test",
        )
        .unwrap()
    }

    fn row(name: &str, count: u64) -> CandidateRow {
        CandidateRow {
            name: name.to_string(),
            kind: "name",
            count,
            articles: 1,
            mid_sentence: count,
            example_article: 1,
            example: String::new(),
        }
    }

    fn candidate(name: &str) -> NameCandidate {
        NameCandidate {
            text: name.into(),
            acronym: false,
            count: 1,
            mid_sentence: 1,
            example: "".into(),
        }
    }

    #[test]
    fn evidence_of_every_kind() {
        let d = dictionary();
        let article = ArticleActors {
            candidates: vec![candidate("Nazarbayev")],
            expansions: vec![AcronymExpansion {
                expansion: "Collective Security Treaty Organization".into(),
                acronym: "CSTO".into(),
            }],
            ..Default::default()
        };
        let rows = vec![
            row("Toqayev", 4),
            row("Kassym-Johart", 2),
            row("Nazarbayev", 3),
            row("Uighur", 2),
            row("Uyghur", 1),
        ];
        let s = suggest(&d, &[&article], &rows);
        let find = |name: &str, evidence: &str| {
            s.iter()
                .find(|x| x.name == name && x.evidence == evidence)
                .unwrap_or_else(|| panic!("{name} {evidence}: {s:#?}"))
        };
        let toqayev = find("Toqayev", "transliteration");
        assert!(toqayev.confident);
        assert_eq!(toqayev.actor, Some(0));
        assert!(!find("Kassym-Johart", "given name").confident);
        // Nazarbayev's only article does not mention Nazarbayev by full name.
        assert!(!find("Nazarbayev", "surname").confident);
        let csto = find("CSTO", "acronym");
        assert!(csto.confident);
        assert_eq!(csto.actor, Some(2));
        assert_eq!(find("Uyghur", "same name").same_as, "Uighur");

        let mut d = d;
        let mut s = s;
        assert_eq!(apply(&mut d, &mut s), 2);
        assert!(d.actors[0].aliases.iter().any(|a| a.text == "Toqayev"));
        assert!(s.iter().filter(|x| x.applied).count() == 2);
    }
}
