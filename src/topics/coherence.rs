//! Topic coherence: the normalised pointwise mutual information (NPMI) of a topic's top words,
//! with probabilities estimated from document co-occurrence in the corpus itself.
//!
//! For words `a` and `b` in `N` articles, `P(a)` is the share of articles containing `a` and
//! `P(a, b)` the share containing both:
//!
//! ```text
//! NPMI(a, b) = ln(P(a, b) / (P(a) P(b))) / −ln P(a, b)        (−1 when P(a, b) = 0)
//! coherence(topic) = mean of NPMI over the pairs of its top words
//! ```
//!
//! NPMI lies in [−1, 1]: 1 for words that always occur together, 0 for independent words
//! (Bouma 2009; as a topic-coherence measure, Aletras and Stevenson 2013, Röder et al. 2015).

/// The coherence of a topic whose top words occur in the article sets `articles` (sorted
/// article numbers, one list per word) of a corpus of `n_docs` articles; 0 for fewer than two
/// words.
pub fn npmi(articles: &[&[u32]], n_docs: usize) -> f64 {
    let n = n_docs.max(1) as f64;
    let mut sum = 0.0;
    let mut pairs = 0;
    for (i, a) in articles.iter().enumerate() {
        for b in &articles[i + 1..] {
            pairs += 1;
            let both = intersection_len(a, b);
            if both == 0 || a.is_empty() || b.is_empty() {
                sum -= 1.0;
                continue;
            }
            let p_ab = both as f64 / n;
            if p_ab >= 1.0 {
                // Both words in every article: as associated as they can be.
                sum += 1.0;
                continue;
            }
            let (p_a, p_b) = (a.len() as f64 / n, b.len() as f64 / n);
            sum += (p_ab / (p_a * p_b)).ln() / -p_ab.ln();
        }
    }
    if pairs == 0 {
        0.0
    } else {
        sum / f64::from(pairs)
    }
}

/// Size of the intersection of two sorted lists.
fn intersection_len(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npmi_bounds_and_values() {
        // Always together: 1; never together: -1.
        assert!((npmi(&[&[0, 1], &[0, 1]], 4) - 1.0).abs() < 1e-12);
        assert!((npmi(&[&[0, 1], &[2, 3]], 4) + 1.0).abs() < 1e-12);
        // Independent: P(a)=P(b)=1/2, P(a,b)=1/4 -> 0.
        assert!(npmi(&[&[0, 1], &[0, 2]], 4).abs() < 1e-12);
        // Mean over the three pairs.
        let three = npmi(&[&[0, 1], &[0, 1], &[2, 3]], 4);
        assert!((three - (1.0 - 1.0 - 1.0) / 3.0).abs() < 1e-12);
        assert_eq!(npmi(&[&[0]], 4), 0.0);
        assert!((npmi(&[&[0, 1], &[0, 1]], 2) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn intersections() {
        assert_eq!(intersection_len(&[1, 3, 5, 7], &[2, 3, 7, 9]), 2);
        assert_eq!(intersection_len(&[], &[1]), 0);
    }
}
