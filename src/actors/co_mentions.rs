//! Co-mentions: for every pair of actors, the sentences and the articles in which both are
//! mentioned (`co_mentions.csv`, and the heatmap `charts/co_mentions.png`).
//!
//! Sentences are those of the analysis chain's tokenizer (`.`, `!`, `?` and paragraph breaks
//! end one; `Mr.` and `U.S.` do not); the title is a sentence of its own. Only counted mentions
//! take part.

use super::mentions::MentionRecord;
use rustc_hash::FxHashMap;

/// Co-mention counts of one pair of actors (dictionary indices, `a < b`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoMention {
    /// First actor.
    pub a: u32,
    /// Second actor.
    pub b: u32,
    /// Sentences mentioning both.
    pub sentences: u32,
    /// Articles mentioning both.
    pub articles: u32,
}

/// Counts co-mentions over articles' mention lists; pairs in no particular order (the
/// caller sorts them once, by the actors' names: see
/// [`crate::analysis::actor_tables::actor_tables`]).
pub fn co_mentions<'a>(articles: impl Iterator<Item = &'a [MentionRecord]>) -> Vec<CoMention> {
    let mut counts: FxHashMap<(u32, u32), (u32, u32)> = FxHashMap::default();
    for mentions in articles {
        // (sentence, actor), each once.
        let mut seen: Vec<(u32, u32)> = mentions.iter().map(|m| (m.sentence, m.actor)).collect();
        seen.sort_unstable();
        seen.dedup();
        let mut start = 0;
        while start < seen.len() {
            let end = seen[start..]
                .iter()
                .position(|s| s.0 != seen[start].0)
                .map_or(seen.len(), |n| start + n);
            for i in start..end {
                for j in i + 1..end {
                    counts.entry((seen[i].1, seen[j].1)).or_default().0 += 1;
                }
            }
            start = end;
        }
        let mut actors: Vec<u32> = mentions.iter().map(|m| m.actor).collect();
        actors.sort_unstable();
        actors.dedup();
        for i in 0..actors.len() {
            for j in i + 1..actors.len() {
                counts.entry((actors[i], actors[j])).or_default().1 += 1;
            }
        }
    }
    counts
        .into_iter()
        .map(|((a, b), (sentences, articles))| CoMention {
            a,
            b,
            sentences,
            articles,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::context::MatchStatus;
    use crate::actors::{AliasKind, Mention};

    fn record(actor: usize, sentence: usize) -> MentionRecord {
        let m = Mention {
            actor,
            start: 0,
            end: 1,
            kind: AliasKind::Name,
            pattern: 0,
            status: MatchStatus::Counted,
        };
        MentionRecord::new("x", &m, 0, sentence, 0)
    }

    #[test]
    fn sentences_and_articles_are_counted_once_per_pair() {
        let one = vec![
            record(1, 0),
            record(2, 0),
            record(2, 0),
            record(3, 1),
            record(1, 2),
        ];
        let two = vec![record(2, 0), record(1, 5)];
        let rows = co_mentions([one.as_slice(), two.as_slice()].into_iter());
        let get = |a, b| rows.iter().find(|r| r.a == a && r.b == b).copied();
        assert_eq!(get(1, 2).map(|r| (r.sentences, r.articles)), Some((1, 2)));
        assert_eq!(get(1, 3).map(|r| (r.sentences, r.articles)), Some((0, 1)));
        assert_eq!(get(2, 3).map(|r| (r.sentences, r.articles)), Some((0, 1)));
        assert_eq!(rows.len(), 3);
    }
}
