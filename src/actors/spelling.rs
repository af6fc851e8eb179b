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

use strsim::levenshtein;
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
    // Lower case, accents dropped (NFD only when the name is not ASCII), letters and digits only.
    let mut chars: Vec<char> = Vec::with_capacity(name.len());
    let mut push = |c: char| {
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
    };
    if name.is_ascii() {
        name.chars().for_each(&mut push);
    } else {
        name.nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .for_each(&mut push);
    }
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
#[derive(Debug, Clone, Default)]
pub struct VariantIndex {
    keys: rustc_hash::FxHashMap<String, Vec<u32>>,
    skeletons: Vec<String>,
}

impl VariantIndex {
    /// Adds a skeleton under the number `id` (ids are the caller's, returned by queries).
    pub fn insert(&mut self, skeleton: &str, id: u32) {
        let slot = id as usize;
        if self.skeletons.len() <= slot {
            self.skeletons.resize(slot + 1, String::new());
        }
        self.skeletons[slot] = skeleton.to_string();
        for key in deletions(skeleton) {
            let ids = self.keys.entry(key).or_default();
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
    }

    /// The ids whose skeleton is at most one edit (insertion, deletion or substitution) from
    /// `skeleton`, each once, with the distance (0 or 1).
    pub fn near(&self, skeleton: &str) -> Vec<(u32, usize)> {
        let mut found: Vec<(u32, usize)> = Vec::new();
        for key in deletions(skeleton) {
            if let Some(ids) = self.keys.get(&key) {
                for &id in ids {
                    if found.iter().any(|(f, _)| *f == id) {
                        continue;
                    }
                    let d = levenshtein(skeleton, &self.skeletons[id as usize]);
                    if d <= 1 {
                        found.push((id, d));
                    }
                }
            }
        }
        found.sort_unstable();
        found
    }
}

/// The string itself and each string with one character deleted (a skeleton has no doubled
/// letters, so these are all different, except for repeated letter pairs such as `abab`,
/// which the caller's id check absorbs).
fn deletions(s: &str) -> Vec<String> {
    let mut out = Vec::with_capacity(s.len() + 1);
    out.push(s.to_string());
    for (i, c) in s.char_indices() {
        let mut d = String::with_capacity(s.len());
        d.push_str(&s[..i]);
        d.push_str(&s[i + c.len_utf8()..]);
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn initials_fold_transliterations() {
        assert_eq!(initial("Qasym"), Some('k'));
        assert_eq!(initial("Kassym"), Some('k'));
        assert_eq!(initial(""), None);
    }
}
