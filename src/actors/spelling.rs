//! Spelling and transliteration variants of names: a folded "skeleton" under which
//! `Tokayev` = `Toqayev`, `Uighur` = `Uyghur`, `Zelensky` = `Zelenskyy` = `Zelenskiy`, and an
//! index that finds the names one edit apart from a given one (`Kassym-Jomart` /
//! `Kassym-Johart`).
//!
//! The skeleton lower-cases the name, drops accents (`Mélanie` → `melanie`, `Erdoğan` →
//! `erdogan`), drops hyphens, apostrophes and dots, then folds the letters that
//! transliterations from Cyrillic, Arabic and Turkic scripts write in several ways:
//! `q`/`c`/`ck` → `k`, `y`/`j` between or after vowels and `ee` → `i` (`Uyghur`, `Zelenskyy`),
//! `dzh`/`zh`/`dj` → `j`, `kh` → `h`, `ph` → `f`, `w` → `v`, `ou` → `u`, `x` → `ks`, and
//! collapses doubled letters (`Kassym` = `Kasym`).

use unicode_normalization::UnicodeNormalization;

/// The transliteration-folded skeleton of a name; see the module documentation.
pub fn skeleton(name: &str) -> String {
    fold(name, true)
}

/// The skeleton without the collapse of doubled letters: `Cameron` and `Cameroon` share a
/// skeleton but not this, `Tokayev` and `Toqayev` share both.
pub fn strict_skeleton(name: &str) -> String {
    fold(name, false)
}

fn fold(name: &str, collapse: bool) -> String {
    let chars = letters(name);
    // Digraphs and letters, in one pass.
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let next = chars.get(i + 1).copied();
        let (c, used) = match (chars[i], next) {
            ('d', Some('z')) if chars.get(i + 2) == Some(&'h') => ('j', 3),
            ('z', Some('h')) | ('d', Some('j')) => ('j', 2),
            ('k', Some('h')) => ('h', 2),
            ('p', Some('h')) => ('f', 2),
            ('c', Some('k')) => ('k', 2),
            ('e', Some('e')) => ('i', 2),
            ('o', Some('u')) => ('u', 2),
            ('x', _) => {
                push_folded(&mut out, 'k', collapse);
                ('s', 1)
            }
            ('q' | 'c', _) => ('k', 1),
            ('w', _) => ('v', 1),
            ('y', _) => ('i', 1),
            // `j` after a vowel is a glide (`Tokaj`, `Nurlyj`), elsewhere the consonant.
            ('j', _) if i > 0 && is_vowel(chars[i - 1]) => ('i', 1),
            (other, _) => (other, 1),
        };
        push_folded(&mut out, c, collapse);
        i += used;
    }
    out
}

/// The letters and digits of `name`, lower case, accents dropped (NFD only when the name is
/// not ASCII, whose letters lower-case to one letter each, none of them folded).
fn letters(name: &str) -> Vec<char> {
    if name.is_ascii() {
        name.bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect()
    } else {
        letters_each_char(name)
    }
}

/// [`letters`] without the ASCII fast path: every character decomposed and lower-cased.
fn letters_each_char(name: &str) -> Vec<char> {
    let mut chars: Vec<char> = Vec::with_capacity(name.len());
    for c in name
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
    {
        for l in c.to_lowercase() {
            let l = match l {
                'ı' => 'i',
                'ł' => 'l',
                'ø' => 'o',
                'đ' => 'd',
                'ß' => 's',
                other => other,
            };
            if l.is_alphanumeric() {
                chars.push(l);
            }
        }
    }
    chars
}

/// Pushes `c` unless `collapse` and it doubles the last letter (`Kassym` = `Kasym`).
fn push_folded(out: &mut String, c: char, collapse: bool) {
    if !collapse || !out.ends_with(c) {
        out.push(c);
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// The first letter of a name's skeleton (`Q` and `K` give `k`), or `None`.
pub fn initial(name: &str) -> Option<char> {
    skeleton(name).chars().next()
}

/// Finds, among indexed skeletons, those at most one edit apart from a query's skeleton, with
/// a deletion neighbourhood (each skeleton is stored with every one-letter deletion of it).
///
/// Deletions are stored by a 64-bit hash, not as strings, and the ids under one hash as a
/// linked list in one vector: an insertion allocates nothing but the skeleton's copy. A hash
/// shared by two strings only brings a candidate more, which the distance check drops.
#[derive(Debug, Clone, Default)]
pub struct VariantIndex {
    /// Hash of a deletion -> its last entry in `entries`.
    heads: rustc_hash::FxHashMap<u64, u32>,
    /// (id, entry before it under the same hash, or [`NO_ENTRY`]).
    entries: Vec<(u32, u32)>,
    skeletons: Vec<String>,
}

/// The end of a list of entries in a [`VariantIndex`].
const NO_ENTRY: u32 = u32::MAX;

/// The hash a deletion is stored under.
fn deletion_hash(deletion: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(deletion.as_bytes());
    h.write_usize(deletion.len());
    h.finish()
}

impl VariantIndex {
    /// Adds a skeleton under the number `id` (ids are the caller's, returned by queries).
    pub fn insert(&mut self, skeleton: &str, id: u32) {
        let slot = id as usize;
        if self.skeletons.len() <= slot {
            self.skeletons.resize(slot + 1, String::new());
        }
        self.skeletons[slot] = skeleton.to_string();
        let mut key = String::with_capacity(skeleton.len());
        for_each_deletion(skeleton, &mut key, |key| {
            let next = self.entries.len() as u32;
            let head = self.heads.entry(deletion_hash(key)).or_insert(NO_ENTRY);
            // The same deletion twice in a row (`abab`) is stored once.
            if *head == NO_ENTRY || self.entries[*head as usize].0 != id {
                self.entries.push((id, *head));
                *head = next;
            }
        });
    }

    /// The ids stored under the hash of `key`, latest first (maybe with ids of other keys of
    /// the same hash).
    fn ids_under(&self, key: &str) -> impl Iterator<Item = u32> + '_ {
        let mut at = self
            .heads
            .get(&deletion_hash(key))
            .copied()
            .unwrap_or(NO_ENTRY);
        std::iter::from_fn(move || {
            let &(id, next) = self.entries.get(at as usize)?;
            at = next;
            Some(id)
        })
    }

    /// The skeleton stored under `id` (empty when none).
    fn skeleton_of(&self, id: u32) -> &str {
        self.skeletons.get(id as usize).map_or("", String::as_str)
    }

    /// The ids whose skeleton is at most one edit (insertion, deletion or substitution) from
    /// `skeleton`, each once, with the distance (0 or 1).
    pub fn near(&self, skeleton: &str) -> Vec<(u32, usize)> {
        self.near_within(skeleton, 1)
    }

    /// [`VariantIndex::near`] limited to distance `max`: with 0, the ids whose skeleton is
    /// `skeleton` itself, found with one lookup instead of one per deletion.
    pub fn near_within(&self, skeleton: &str, max: usize) -> Vec<(u32, usize)> {
        if max == 0 {
            // Every skeleton is stored under itself, among its deletions.
            let mut found: Vec<(u32, usize)> = self
                .ids_under(skeleton)
                .filter(|&id| self.skeleton_of(id) == skeleton)
                .map(|id| (id, 0))
                .collect();
            found.sort_unstable();
            found.dedup();
            return found;
        }
        let mut found: Vec<(u32, usize)> = Vec::new();
        let mut key = String::with_capacity(skeleton.len());
        for_each_deletion(skeleton, &mut key, |key| {
            for id in self.ids_under(key) {
                if found.iter().any(|(f, _)| *f == id) {
                    continue;
                }
                if let Some(d) = distance_within_one(skeleton, self.skeleton_of(id)) {
                    found.push((id, d));
                }
            }
        });
        found.sort_unstable();
        found
    }
}

/// The edit (Levenshtein) distance between `a` and `b` in characters when it is 0 or 1, else
/// `None`; without the distance table: once their common start and then their common end are
/// set aside, strings one edit apart have at most one character left each.
fn distance_within_one(a: &str, b: &str) -> Option<usize> {
    if a == b {
        return Some(0);
    }
    let start: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (a, b) = (&a[start..], &b[start..]);
    let end: usize = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let left = |s: &str| s[..s.len() - end].chars().count();
    (left(a) <= 1 && left(b) <= 1).then_some(1)
}

/// Calls `f` with the string itself, then with each string with one character deleted, in
/// order, each built in `buffer` (a skeleton has no doubled letters, so these are all
/// different, except for repeated letter pairs such as `abab`, which the callers' id checks
/// absorb).
fn for_each_deletion(s: &str, buffer: &mut String, mut f: impl FnMut(&str)) {
    f(s);
    for (i, c) in s.char_indices() {
        buffer.clear();
        buffer.push_str(&s[..i]);
        buffer.push_str(&s[i + c.len_utf8()..]);
        f(buffer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strsim::levenshtein;

    #[test]
    fn transliterations_share_a_skeleton() {
        assert_eq!(skeleton("Tokayev"), skeleton("Toqayev"));
        assert_eq!(skeleton("Uighur"), skeleton("Uyghur"));
        assert_eq!(skeleton("Zelensky"), skeleton("Zelenskyy"));
        assert_eq!(skeleton("Zelenskiy"), skeleton("Zelensky"));
        assert_eq!(skeleton("Mélanie"), skeleton("Melanie"));
        assert_eq!(skeleton("Erdoğan"), "erdogan");
        assert_eq!(skeleton("Kassym"), skeleton("Qasym"));
        assert_ne!(skeleton("Iran"), skeleton("Iraq"));
        assert_eq!(strict_skeleton("Tokayev"), strict_skeleton("Toqayev"));
        assert_eq!(skeleton("Cameron"), skeleton("Cameroon"));
        assert_ne!(strict_skeleton("Cameron"), strict_skeleton("Cameroon"));
    }

    #[test]
    fn the_index_finds_names_one_edit_apart() {
        let mut index = VariantIndex::default();
        index.insert(&skeleton("Kassym-Jomart"), 0);
        index.insert(&skeleton("Tokayev"), 1);
        index.insert(&skeleton("Putin"), 2);
        assert_eq!(index.near(&skeleton("Kassym-Johart")), [(0, 1)]);
        assert_eq!(index.near(&skeleton("Qasym-Johart")), [(0, 1)]);
        assert_eq!(index.near(&skeleton("Toqayev")), [(1, 0)]);
        assert!(index.near(&skeleton("Nazarbayev")).is_empty());
        assert_eq!(index.near_within(&skeleton("Toqayev"), 0), [(1, 0)]);
        assert!(index.near_within(&skeleton("Kassym-Johart"), 0).is_empty());
    }

    /// An index of `names`, each with its position as id.
    fn index_of(names: &[String]) -> VariantIndex {
        let mut index = VariantIndex::default();
        for (id, name) in names.iter().enumerate() {
            index.insert(name, id as u32);
        }
        index
    }

    proptest::proptest! {
        #[test]
        fn exact_lookup_is_the_distance_zero_part_of_near(
            names in proptest::collection::vec("[abk]{1,4}", 1..8),
            query in "[abk]{1,4}",
        ) {
            let index = index_of(&names);
            let exact: Vec<(u32, usize)> =
                index.near(&query).into_iter().filter(|&(_, d)| d == 0).collect();
            proptest::prop_assert_eq!(index.near_within(&query, 0), exact);
        }
    }

    proptest::proptest! {
        #[test]
        fn distance_within_one_agrees_with_levenshtein(a in "[abé…]{0,6}", b in "[abé…]{0,6}") {
            let d = levenshtein(&a, &b);
            proptest::prop_assert_eq!(distance_within_one(&a, &b), (d <= 1).then_some(d));
        }

        #[test]
        fn near_finds_every_skeleton_one_edit_away(
            names in proptest::collection::vec("[abké]{1,5}", 1..10),
            query in "[abké]{0,5}",
        ) {
            let index = index_of(&names);
            let expected: Vec<(u32, usize)> = names
                .iter()
                .enumerate()
                .map(|(id, name)| (id as u32, levenshtein(&query, name)))
                .filter(|&(_, d)| d <= 1)
                .collect();
            proptest::prop_assert_eq!(index.near(&query), expected);
        }

        #[test]
        fn ascii_letters_are_those_of_every_name(name in "[ -~]{0,12}") {
            proptest::prop_assert_eq!(letters(&name), letters_each_char(&name));
        }
    }

    #[test]
    fn initials_fold_transliterations() {
        assert_eq!(initial("Qasym"), Some('k'));
        assert_eq!(initial("Kassym"), Some('k'));
        assert_eq!(initial(""), None);
    }
}
