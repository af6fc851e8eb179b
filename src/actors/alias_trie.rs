//! A byte trie of alias texts, walked from every word start of a text: finds the same
//! word-started occurrences as an overlapping Aho-Corasick search (ASCII letters matched in
//! either case) at a fraction of the cost, since a mention can only start where no letter or
//! digit precedes it and most walks end after a byte or two.
//!
//! Why not the `aho-corasick` crate: its overlapping search follows failure links through every
//! byte of every article to find matches that start inside words, which [`super::matcher`] then
//! throws away. Callgrind on the BBC corpus (`newslens bbc --no-charts --topics 0 --no-texts
//! -j 1`): the contiguous-NFA overlapping search took 262 M instructions, walking this trie
//! from word starts 199 M (the whole run 5,524 M before, 5,442 M after).

use crate::text::tokenizer::ASCII_ALPHANUMERIC;

/// No state: a missing transition.
const NONE: u32 = 0;

/// States with more transitions than this get a dense row of transitions by byte class.
const SPARSE_MAX: usize = 4;

/// A trie state: its transitions and the patterns that end in it, as ranges of
/// [`AliasTrie::edges`] and [`AliasTrie::outputs`], and its row of [`AliasTrie::dense`] if it
/// has one.
#[derive(Debug, Clone, Copy, Default)]
struct TrieState {
    edges: (u32, u32),
    outputs: (u32, u32),
    row: Option<u32>,
}

/// The trie of a list of patterns (pattern ids are their indices in the list).
#[derive(Debug, Clone)]
pub(crate) struct AliasTrie {
    /// The class of each byte once ASCII letters are lower-cased: one per distinct byte of the
    /// patterns, 0 for bytes in no pattern.
    classes: Box<[u8; 256]>,
    /// Number of classes, 0 included.
    class_count: usize,
    /// States; state 0 is the root, which [`NONE`] never names as a target.
    states: Vec<TrieState>,
    /// Transitions (byte class, state), sorted by class within each state.
    edges: Vec<(u8, u32)>,
    /// Dense transition rows, `class_count` targets each ([`NONE`] for no transition), of the
    /// root and the states with more than [`SPARSE_MAX`] transitions.
    dense: Vec<u32>,
    /// Pattern ids, increasing within each state.
    outputs: Vec<u32>,
}

impl AliasTrie {
    /// The trie of `patterns`; ASCII letters are folded to lower case, other bytes kept. Empty
    /// patterns are left out (aliases and ignored phrases always have a letter or digit).
    pub(crate) fn new<'a>(patterns: impl IntoIterator<Item = &'a str> + Clone) -> AliasTrie {
        let mut classes = Box::new([0u8; 256]);
        let mut used = [false; 256];
        for pattern in patterns.clone() {
            for &b in pattern.as_bytes() {
                used[usize::from(b.to_ascii_lowercase())] = true;
            }
        }
        let mut class_count = 1;
        for b in 0..=255u8 {
            if used[usize::from(b)] {
                classes[usize::from(b)] = class_count as u8;
                class_count += 1;
            }
        }
        for b in b'A'..=b'Z' {
            classes[usize::from(b)] = classes[usize::from(b.to_ascii_lowercase())];
        }
        // Build with sorted maps, then flatten.
        let mut children: Vec<std::collections::BTreeMap<u8, u32>> = vec![Default::default()];
        let mut ends: Vec<Vec<u32>> = vec![Vec::new()];
        for (id, pattern) in patterns.into_iter().enumerate() {
            if pattern.is_empty() {
                continue;
            }
            let mut state = 0usize;
            for &b in pattern.as_bytes() {
                let class = classes[usize::from(b)];
                let next = children.len() as u32;
                let child = *children[state].entry(class).or_insert(next);
                if child == next {
                    children.push(Default::default());
                    ends.push(Vec::new());
                }
                state = child as usize;
            }
            ends[state].push(id as u32);
        }
        let mut states = Vec::with_capacity(children.len());
        let mut edges = Vec::new();
        let mut dense = Vec::new();
        let mut outputs = Vec::new();
        for (index, (map, ids)) in children.iter().zip(&ends).enumerate() {
            let edge_start = edges.len() as u32;
            edges.extend(map.iter().map(|(&class, &child)| (class, child)));
            let row = (index == 0 || map.len() > SPARSE_MAX).then(|| {
                let row = dense.len() / class_count;
                dense.resize(dense.len() + class_count, NONE);
                for (&class, &child) in map {
                    dense[row * class_count + usize::from(class)] = child;
                }
                row as u32
            });
            let output_start = outputs.len() as u32;
            outputs.extend_from_slice(ids);
            states.push(TrieState {
                edges: (edge_start, edges.len() as u32),
                outputs: (output_start, outputs.len() as u32),
                row,
            });
        }
        AliasTrie {
            classes,
            class_count,
            states,
            edges,
            dense,
            outputs,
        }
    }

    /// The state reached from `state` by a byte of class `class`, or [`NONE`].
    #[inline]
    fn next(&self, state: &TrieState, class: u8) -> u32 {
        if class == 0 {
            return NONE;
        }
        match state.row {
            Some(row) => self.dense[row as usize * self.class_count + usize::from(class)],
            None => self.edges[state.edges.0 as usize..state.edges.1 as usize]
                .iter()
                .find(|e| e.0 == class)
                .map_or(NONE, |e| e.1),
        }
    }

    /// Calls `found(start, end, pattern)` for every occurrence of a pattern in `text` that
    /// starts at a word start: a char boundary with no letter or digit just before it. Order:
    /// by start, then by end, then by pattern.
    pub(crate) fn for_each_word_start_match(
        &self,
        text: &str,
        mut found: impl FnMut(usize, usize, usize),
    ) {
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // No letter or digit before `at`.
            self.walk(bytes, at, &mut found);
            // Past this character and the letters and digits after it.
            while let Some(&b) = bytes.get(at) {
                let alphanumeric = if b.is_ascii() {
                    at += 1;
                    ASCII_ALPHANUMERIC[usize::from(b)]
                } else {
                    let c = text[at..].chars().next().unwrap_or_default();
                    at += c.len_utf8();
                    c.is_alphanumeric()
                };
                if !alphanumeric {
                    break;
                }
            }
        }
    }

    /// Reports the patterns that occur at `start` of `bytes`.
    #[inline]
    fn walk(&self, bytes: &[u8], start: usize, found: &mut impl FnMut(usize, usize, usize)) {
        let mut state = &self.states[0];
        let mut end = start;
        while let Some(&b) = bytes.get(end) {
            let next = self.next(state, self.classes[usize::from(b)]);
            if next == NONE {
                break;
            }
            state = &self.states[next as usize];
            end += 1;
            // Most states end no pattern.
            if state.outputs.0 != state.outputs.1 {
                for &id in &self.outputs[state.outputs.0 as usize..state.outputs.1 as usize] {
                    found(start, end, id as usize);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(patterns: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
        let trie = AliasTrie::new(patterns.iter().copied());
        let mut out = Vec::new();
        trie.for_each_word_start_match(text, |s, e, p| out.push((s, e, p)));
        out
    }

    #[test]
    fn overlapping_matches_from_word_starts_in_either_ascii_case() {
        let patterns = ["US", "us", "USSR", "United States", "Ünited"];
        assert_eq!(
            matches(
                &patterns,
                "The us and the USSR, United States; Ünited, bus."
            ),
            [
                (4, 6, 0),
                (4, 6, 1),
                (15, 17, 0),
                (15, 17, 1),
                (15, 19, 2),
                (21, 34, 3),
                (36, 43, 4),
            ]
        );
        // Not after a letter or digit, also a non-ASCII one; a match may run into a word (the
        // matcher checks the end).
        assert_eq!(matches(&patterns, "éus 9us usa"), [(9, 11, 0), (9, 11, 1)]);
        assert!(matches(&patterns, "ünited").is_empty());
        assert!(matches(&[], "anything").is_empty());
        assert!(matches(&[""], "anything").is_empty());
    }

    /// The word-start occurrences an overlapping Aho-Corasick search finds.
    fn reference(patterns: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
        let ac = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(patterns)
            .unwrap();
        let mut out: Vec<(usize, usize, usize)> = ac
            .find_overlapping_iter(text)
            .filter(|m| {
                !text[..m.start()]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            })
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        out.sort_unstable();
        out
    }

    proptest::proptest! {
        #[test]
        fn same_matches_as_aho_corasick(
            text in "[ a-cA-C.'é1-]{0,40}",
            patterns in proptest::collection::vec("[a-cA-C.'é1 -]{1,4}", 1..12),
        ) {
            let refs: Vec<&str> = patterns.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(matches(&refs, &text), reference(&refs, &text));
        }
    }

    #[test]
    fn many_transitions_use_a_dense_row() {
        let patterns: Vec<String> = (b'a'..=b'z').map(|c| format!("x{}", c as char)).collect();
        let refs: Vec<&str> = patterns.iter().map(String::as_str).collect();
        assert_eq!(
            matches(&refs, "xq xz xA"),
            [(0, 2, 16), (3, 5, 25), (6, 8, 0)]
        );
    }
}
