//! The score of a keyword candidate: what the article says about it (frequency, position,
//! spread, casing) times what sets it apart from the rest of the corpus (inverse document
//! frequency). The formula and the measured effect of each factor are in the parent module's
//! documentation.

use super::{idf, Candidate};

/// Weight of the spread through the text: a phrase met from the first line to the last gets
/// `1 + SPREAD`.
pub const SPREAD: f64 = 1.0;

/// Weight of the casing: a phrase always written as a name mid-sentence gets `1 + CASING`.
pub const CASING: f64 = 0.25;

/// Bonus of a phrase in the title, and the most an early first occurrence earns.
pub const POSITION: f64 = 0.5;

/// True for a phrase of two or three words (`len`) seen once (`count`), never in the title
/// nor written as a name (`named`): most such phrases are chance word sequences (`Hewitt
/// fought back`), whose inverse document frequency is always the highest of the article. They
/// are never keywords, and an article keeps only their keys, for the document frequencies of
/// the phrases (see [`super::Candidates::unranked`]).
pub fn is_chance_sequence(len: u8, count: u32, in_title: bool, named: u32) -> bool {
    len >= 2 && count <= 1 && !in_title && named == 0
}

/// The score of `c` in an article of a corpus of `n_docs` articles, `df` of which contain it.
pub fn score(c: &Candidate, df: u32, n_docs: usize) -> f64 {
    score_with_idf(c, idf(n_docs, df))
}

/// The score of `c` given its inverse document frequency `idf` (see [`super::idf`]).
pub fn score_with_idf(c: &Candidate, idf: f64) -> f64 {
    ArticleFactors::of(c).score_with_idf(idf)
}

/// The factors of a candidate's score that depend on its article alone. Their largest values
/// over a group of candidates bound the scores of the whole group (see
/// [`ArticleFactors::largest_seen_once`] and [`super::rank`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ArticleFactors {
    /// [`frequency`].
    pub frequency: f64,
    /// [`length`].
    pub length: f64,
    /// [`position`].
    pub position: f64,
    /// [`spread`].
    pub spread: f64,
    /// [`casing`].
    pub casing: f64,
}

impl ArticleFactors {
    /// The factors of `c`.
    pub fn of(c: &Candidate) -> ArticleFactors {
        ArticleFactors {
            frequency: frequency(c),
            length: length(c),
            position: position(c),
            spread: spread(c),
            casing: casing(c),
        }
    }

    /// Factors at least as large as those of every candidate *seen once in one spot*
    /// (`count ≤ 1` and `last_position ≤ first_position`, as every candidate seen once is)
    /// that is written as a name (`named > 0`) or not, as `named` says; so
    /// [`ArticleFactors::score_with_idf`] of these factors is at least the score of any such
    /// candidate with the same positive `idf`, bit for bit (see there). Factor by factor:
    /// `frequency` and `length` are those of a count of 1; `position` is at most
    /// `1 + POSITION`; `spread` is 1 with no span; `casing` is 1 with no occurrence as a name
    /// and at most `1 + CASING` with some (`named ≤ mid_sentence`).
    pub fn largest_seen_once(named: bool) -> ArticleFactors {
        ArticleFactors {
            frequency: frequency_of_count(1),
            length: 1.0,
            position: 1.0 + POSITION,
            spread: 1.0,
            casing: if named { 1.0 + CASING } else { 1.0 },
        }
    }

    /// The score given the inverse document frequency `idf`: the product of the factors and
    /// `idf`, always multiplied in the same order, so that the same `idf` gives the same score
    /// bit for bit. Every factor is positive, and a rounded product with a positive factor
    /// never decreases when the other factor grows: a larger `idf` never gives a smaller score,
    /// nor, with a positive `idf`, do larger factors.
    pub fn score_with_idf(&self, idf: f64) -> f64 {
        self.frequency * idf * self.length * self.position * self.spread * self.casing
    }
}

/// Sub-linear term frequency: `1 + ln tf`.
pub fn frequency(c: &Candidate) -> f64 {
    frequency_of_count(c.count)
}

/// `1 + ln n` for a candidate seen `count` times (at least once).
fn frequency_of_count(count: u32) -> f64 {
    /// `1 + ln n` for the small counts most candidates have, computed once.
    static SMALL: std::sync::OnceLock<[f64; 64]> = std::sync::OnceLock::new();
    let n = count.max(1);
    match SMALL.get_or_init(|| std::array::from_fn(|n| 1.0 + (n.max(1) as f64).ln())) {
        small if (n as usize) < small.len() => small[n as usize],
        _ => 1.0 + f64::from(n).ln(),
    }
}

/// 1, 1.5, 2 for one, two, three words seen at least twice; 1 for a phrase seen once.
pub fn length(c: &Candidate) -> f64 {
    match (c.len, c.count) {
        (1, _) | (_, 0..=1) => 1.0,
        (2, _) => 1.5,
        _ => 2.0,
    }
}

/// `1 + POSITION` in the title, else `1 + POSITION × (1 − first position)`.
pub fn position(c: &Candidate) -> f64 {
    if c.in_title {
        1.0 + POSITION
    } else {
        1.0 + POSITION * (1.0 - f64::from(c.first_position).clamp(0.0, 1.0))
    }
}

/// `1 + SPREAD × (last position − first position)`: 1 for a phrase seen once or in one spot.
pub fn spread(c: &Candidate) -> f64 {
    let span = f64::from(c.last_position - c.first_position).clamp(0.0, 1.0);
    1.0 + SPREAD * span
}

/// `1 + CASING × named / mid-sentence occurrences`: the share of its occurrences, outside the
/// title and sentence starts, written as a name (`Red Sox`, `GM`); 1 when there are none.
pub fn casing(c: &Candidate) -> f64 {
    if c.mid_sentence == 0 {
        1.0
    } else {
        1.0 + CASING * f64::from(c.named.min(c.mid_sentence)) / f64::from(c.mid_sentence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate() -> Candidate {
        Candidate {
            key: 1,
            words: [1, 0, 0],
            len: 1,
            surface: (0, 0),
            count: 1,
            first_position: 0.5,
            last_position: 0.5,
            mid_sentence: 1,
            named: 0,
            in_title: false,
            connector: false,
        }
    }

    #[test]
    fn factors() {
        let c = candidate();
        assert_eq!(frequency(&c), 1.0);
        assert_eq!(length(&c), 1.0);
        assert_eq!(position(&c), 1.0 + POSITION * 0.5);
        assert_eq!(spread(&c), 1.0);
        assert_eq!(casing(&c), 1.0);
        assert!(!is_chance_sequence(c.len, c.count, c.in_title, c.named));
        let name = Candidate {
            len: 2,
            count: 4,
            first_position: 0.0,
            last_position: 1.0,
            mid_sentence: 2,
            named: 2,
            in_title: true,
            ..c
        };
        assert!((frequency(&name) - (1.0 + 4f64.ln())).abs() < 1e-12);
        assert_eq!(length(&name), 1.5);
        assert_eq!(position(&name), 1.0 + POSITION);
        assert_eq!(spread(&name), 1.0 + SPREAD);
        assert_eq!(casing(&name), 1.0 + CASING);
        assert!(score(&name, 1, 10) > score(&c, 1, 10));
        // Rarer in the corpus scores higher.
        assert!(score(&c, 1, 10) > score(&c, 5, 10));
        // A phrase seen once, not a name nor in the title: a chance sequence.
        assert!(is_chance_sequence(3, 1, false, 0));
        assert!(is_chance_sequence(2, 0, false, 0));
        assert!(!is_chance_sequence(1, 1, false, 0));
        assert!(!is_chance_sequence(2, 2, false, 0));
        assert!(!is_chance_sequence(2, 1, true, 0));
        assert!(!is_chance_sequence(2, 1, false, 1));
    }
}
