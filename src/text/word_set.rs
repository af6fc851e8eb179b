//! A fixed set of short words looked up ignoring ASCII case, as `eq_ignore_ascii_case` against
//! each word would, but with a few integer comparisons: a word of at most 16 bytes is packed,
//! ASCII letters lower-cased, into a `u128` and binary-searched among the set's words of its
//! length. The analysis checks every token against such lists (extra stop words, titles,
//! function words); callgrind on the BBC corpus (`-j 1 --topics 0 --no-texts`) counted 131 M
//! instructions for the keyword content-word test with a `String` and a hash set per token,
//! about 65 M with packed words.

/// Longest word packed into a number; longer words are compared one by one.
const PACKED_MAX: usize = 16;

/// A set of words, looked up ignoring ASCII case.
///
/// Most words looked up are not in the set, and most of those are told apart by their length
/// and first byte alone: a bitmap of the first bytes (ASCII letters lower-cased) of the set's
/// words of each length answers them before any packing (callgrind, BBC: the keyword
/// content-word test, 415,000 lookups, 50 M instructions before).
#[derive(Debug, Clone, Default)]
pub struct CaselessWords {
    /// Per byte length up to [`PACKED_MAX`], the packed words of that length, sorted.
    by_len: Vec<Vec<u128>>,
    /// Per byte length up to [`PACKED_MAX`], the first bytes of the words of that length (ASCII
    /// letters lower-cased), as a 256-bit set.
    first_bytes: Vec<[u64; 4]>,
    /// Longer words.
    longer: Vec<&'static str>,
}

impl CaselessWords {
    /// The set of `words`.
    pub fn new(words: &[&'static str]) -> CaselessWords {
        let mut by_len: Vec<Vec<u128>> = vec![Vec::new(); PACKED_MAX + 1];
        let mut first_bytes = vec![[0u64; 4]; PACKED_MAX + 1];
        let mut longer = Vec::new();
        for w in words {
            match pack_lowercase(w) {
                Some(p) => {
                    by_len[w.len()].push(p);
                    if let Some(&b) = w.as_bytes().first() {
                        let b = b.to_ascii_lowercase();
                        first_bytes[w.len()][usize::from(b >> 6)] |= 1 << (b & 63);
                    }
                }
                None => longer.push(*w),
            }
        }
        for list in &mut by_len {
            list.sort_unstable();
            list.dedup();
        }
        CaselessWords {
            by_len,
            first_bytes,
            longer,
        }
    }

    /// True when some word of the set equals `word` ignoring ASCII case.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        if let (Some(&b), Some(firsts)) = (bytes.first(), self.first_bytes.get(bytes.len())) {
            let b = b.to_ascii_lowercase();
            if firsts[usize::from(b >> 6)] & (1 << (b & 63)) == 0 {
                return false;
            }
        }
        match pack_lowercase(word) {
            Some(p) => (self.by_len.get(word.len())).is_some_and(|l| l.binary_search(&p).is_ok()),
            None => self.longer.iter().any(|w| w.eq_ignore_ascii_case(word)),
        }
    }
}

/// The bytes of a word of at most [`PACKED_MAX`] bytes, ASCII letters lower-cased, as one
/// number (words of one length only are compared, so padding zeros are no ambiguity); `None`
/// for a longer word.
#[inline]
fn pack_lowercase(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > PACKED_MAX {
        return None;
    }
    let mut packed = [0u8; PACKED_MAX];
    packed[..bytes.len()].copy_from_slice(bytes);
    packed.make_ascii_lowercase();
    Some(u128::from_le_bytes(packed))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn same_answer_as_comparing_with_each_word(
            words in proptest::collection::vec("[aAbé'-]{0,3}|[ab]{15,18}", 0..8),
            word in "[aAbBé'-]{0,3}|[aAbB]{15,18}",
        ) {
            let words: Vec<&'static str> =
                words.into_iter().map(|w| &*Box::leak(w.into_boxed_str())).collect();
            let set = CaselessWords::new(&words);
            let expected = words.iter().any(|w| w.eq_ignore_ascii_case(&word));
            proptest::prop_assert_eq!(set.contains(&word), expected);
        }
    }

    #[test]
    fn the_empty_set_has_no_word() {
        for w in ["", "a", "said", "a-very-long-word-indeed"] {
            assert!(!CaselessWords::default().contains(w), "{w}");
            assert!(!CaselessWords::new(&[]).contains(w), "{w}");
        }
    }

    #[test]
    fn finds_words_in_any_ascii_case() {
        let set = CaselessWords::new(&["said", "i'm", "secretary-general", ""]);
        for w in ["said", "SAID", "Said", "I'M", "Secretary-General", ""] {
            assert!(set.contains(w), "{w}");
        }
        for w in ["sai", "saids", "sa\u{0}d", "säid", "secretary"] {
            assert!(!set.contains(w), "{w}");
        }
    }
}
