//! The actor tables of a run, built from the articles' actor facts: `actors.csv` rows (mentions
//! split by alias kind), `mentions.csv`, `co_mentions.csv`, `candidates.csv` and
//! `alias_suggestions.csv`.

use crate::actors::candidates::{candidate_rows, CandidateRow};
use crate::actors::co_mentions::co_mentions;
use crate::actors::suggestions::{suggest, Suggestion};
use crate::actors::{ActorDictionary, AliasKind, ArticleActors, MentionRecord};
use rayon::prelude::*;

/// A row of `actors.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorRow {
    /// Article.
    pub article_id: u32,
    /// Canonical actor name.
    pub actor: String,
    /// Actor type.
    pub kind: String,
    /// Mentions in the article (title included).
    pub mentions: u32,
    /// Mentions by alias kind, in [`AliasKind::ALL`] order (name, surname, acronym, demonym,
    /// capital).
    pub by_kind: [u32; 5],
    /// Mentions in the title.
    pub in_title: u32,
}

/// A row of `mentions.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionRow {
    /// Article.
    pub article_id: u32,
    /// Canonical actor name.
    pub actor: String,
    /// The mention.
    pub record: MentionRecord,
    /// True when the alias was added by `--auto-aliases`.
    pub auto_alias: bool,
}

/// A row of `co_mentions.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoMentionRow {
    /// First actor (canonical name).
    pub actor_a: String,
    /// Second actor.
    pub actor_b: String,
    /// Sentences mentioning both.
    pub sentences: u32,
    /// Articles mentioning both.
    pub articles: u32,
}

/// The actor tables other than `actors.csv` and `actor_matrix.csv`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorTables {
    /// `mentions.csv`: by article, then offset.
    pub mentions: Vec<MentionRow>,
    /// `co_mentions.csv`: by articles, then sentences (descending).
    pub co_mentions: Vec<CoMentionRow>,
    /// `candidates.csv`: most frequent first.
    pub candidates: Vec<CandidateRow>,
    /// `alias_suggestions.csv`: confident first, then by count.
    pub suggestions: Vec<Suggestion>,
}

/// The `actors.csv` rows of one article (by mentions descending, then actor) and its mentions
/// per actor index (in no particular order, each actor once).
pub fn actor_rows(
    article_id: u32,
    mentions: &[MentionRecord],
    dictionary: &ActorDictionary,
) -> (Vec<ActorRow>, Vec<(usize, u32)>) {
    // (actor, mentions by kind, in the title): an article mentions a few actors.
    let mut per_actor: Vec<(usize, [u32; 5], u32)> = Vec::new();
    for m in mentions {
        let actor = m.actor as usize;
        let i = match per_actor.iter().position(|e| e.0 == actor) {
            Some(i) => i,
            None => {
                per_actor.push((actor, [0; 5], 0));
                per_actor.len() - 1
            }
        };
        let e = &mut per_actor[i];
        let k = AliasKind::ALL
            .iter()
            .position(|&k| k == m.kind)
            .unwrap_or(0);
        e.1[k] += 1;
        e.2 += u32::from(m.in_title);
    }
    let mut rows: Vec<ActorRow> = per_actor
        .iter()
        .filter_map(|&(actor, by_kind, in_title)| {
            let a = dictionary.actors.get(actor)?;
            Some(ActorRow {
                article_id,
                actor: a.name.clone(),
                kind: a.kind.clone(),
                mentions: by_kind.iter().sum(),
                by_kind,
                in_title,
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.actor.cmp(&b.actor))
    });
    let totals = per_actor
        .into_iter()
        .map(|(a, k, _)| (a, k.iter().sum()))
        .collect();
    (rows, totals)
}

/// Builds the mention, co-mention, candidate and suggestion tables.
pub fn actor_tables(facts: &[&ArticleActors], dictionary: &ActorDictionary) -> ActorTables {
    let mentions = facts
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, a)| {
            a.mentions.iter().map(move |m| MentionRow {
                article_id: i as u32 + 1,
                actor: dictionary.actors[m.actor as usize].name.clone(),
                record: m.clone(),
                auto_alias: false,
            })
        })
        .collect();
    // Sorted once, here: by articles, then sentences (both descending), then names, then
    // dictionary indices (two actors may share a name).
    let mut pairs: Vec<(CoMentionRow, (u32, u32))> =
        co_mentions(facts.iter().map(|a| a.mentions.as_slice()))
            .into_iter()
            .filter_map(|c| {
                let a = &dictionary.actors.get(c.a as usize)?.name;
                let b = &dictionary.actors.get(c.b as usize)?.name;
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                let row = CoMentionRow {
                    actor_a: a.clone(),
                    actor_b: b.clone(),
                    sentences: c.sentences,
                    articles: c.articles,
                };
                Some((row, (c.a, c.b)))
            })
            .collect();
    pairs.sort_unstable_by(|(x, xi), (y, yi)| {
        y.articles
            .cmp(&x.articles)
            .then(y.sentences.cmp(&x.sentences))
            .then_with(|| x.actor_a.cmp(&y.actor_a))
            .then_with(|| x.actor_b.cmp(&y.actor_b))
            .then(xi.cmp(yi))
    });
    let co_mentions: Vec<CoMentionRow> = pairs.into_iter().map(|(row, _)| row).collect();
    let candidates = candidate_rows(
        facts
            .iter()
            .enumerate()
            .map(|(i, a)| (i as u32 + 1, a.candidates.as_slice())),
    );
    let suggestions = suggest(dictionary, facts, &candidates);
    ActorTables {
        mentions,
        co_mentions,
        candidates,
        suggestions,
    }
}

impl ActorTables {
    /// Puts back the examples of `candidates.csv`, parked on disk while the corpus was analysed
    /// (see [`crate::analysis::spill`]): each name's first non-empty example in corpus order,
    /// with its article, as [`candidate_rows`] would have chosen it.
    pub fn with_examples(
        mut self,
        mut first: rustc_hash::FxHashMap<&str, (u32, Box<str>)>,
    ) -> Self {
        for row in &mut self.candidates {
            if let Some((article, example)) = first.remove(row.name.as_str()) {
                row.example_article = article;
                row.example = example.into();
            }
        }
        self
    }

    /// Records that `applied` suggestions (from the run before the aliases were added) were
    /// merged: they replace this run's suggestions, and the mentions they matched are flagged.
    pub fn with_applied(mut self, applied: Vec<Suggestion>) -> ActorTables {
        let added: Vec<(&str, &str)> = applied
            .iter()
            .filter(|s| s.applied)
            .map(|s| (s.actor_name.as_str(), s.name.as_str()))
            .collect();
        for m in &mut self.mentions {
            m.auto_alias = added
                .iter()
                .any(|(actor, name)| *actor == m.actor && *name == m.record.text());
        }
        self.suggestions = applied;
        self
    }
}
