//! Topic keywords: phrases of one to three words that say what an article is about, scored
//! against the rest of the corpus.
//!
//! # Candidates
//!
//! Candidates are runs of one to three *content words* inside one clause (punctuation and line
//! breaks end a run). A content word is a term (a word, not a number, URL or e-mail, not a lone
//! letter, not on the NLTK stop list) that is also not one of the extra function words of
//! [`EXTRA_STOP_WORDS`] (`also`, `would`, `said`, `Mr`, …). So a candidate never starts or ends
//! with a stop word; a three-word candidate may have `of` or `and` in the middle
//! (`Belt and Road`, `rule of law`), and is kept when it occurs at least twice or is a name
//! (first and last words capitalised), so that chance coordinations (`economic and trade`) are
//! not keywords. Candidates are identified by their stems and shown in their
//! most frequent form in the article (a form at the start of a sentence counts half, so
//! `protests` beats `Protests`).
//!
//! # Score
//!
//! For candidate `p` in article `d` of a corpus of `N` articles, `df(p)` of which contain `p`:
//!
//! ```text
//! score(p, d) = (1 + ln tf(p, d)) × idf(p) × length(p) × position(p, d)
//! idf(p)      = ln((1 + N) / (1 + df(p))) + 1                      (smoothed, as scikit-learn)
//! length(p)   = 1, 1.5, 2 for one, two, three words
//! position(p) = 1.5 if p is in the title, else 1 + 0.5 × (1 − first offset of p / length of d)
//! ```
//!
//! Sub-linear term frequency keeps one very frequent word from taking every place; the smoothed
//! inverse document frequency favours what sets the article apart from the rest of the corpus
//! (in a one-article corpus it is 1 everywhere, and frequency, length and position decide);
//! the length factor offsets the lower counts of longer phrases; early and title phrases weigh
//! more, as in news the lead says what the story is about.
//!
//! # Folding near-duplicates
//!
//! Candidates are taken best first; one is skipped when at least half of the words of the
//! shorter of it and an already chosen keyword are shared (`Kazakh President Tokayev` after
//! `Kazakh President`, `Tokayev` after `President Tokayev`). Ties are broken by the keyword's
//! text, so results never depend on hash order or thread count.

use crate::text::Token;
use std::collections::{HashMap, HashSet};

/// Function words that NLTK's stop list lacks but that make poor keywords; used only here.
pub const EXTRA_STOP_WORDS: &[&str] = &[
    "also",
    "would",
    "could",
    "may",
    "might",
    "must",
    "shall",
    "one",
    "two",
    "said",
    "says",
    "say",
    "mr",
    "mrs",
    "ms",
    "however",
    "yet",
    "even",
    "though",
    "although",
    "well",
    "many",
    "much",
    "like",
    "including",
    "according",
    "since",
    "whether",
    "within",
    "without",
    "upon",
    "among",
    "toward",
    "towards",
    "thus",
    "therefore",
    "indeed",
    "etc",
    "per",
    "via",
    "get",
    "got",
    "told",
    "tell",
    "us",
    "let",
    "another",
    "every",
    "still",
    "already",
    "often",
    "rather",
    "quite",
    "almost",
    "either",
    "neither",
    "across",
    "around",
    "despite",
];

/// Words allowed inside (never at the edges of) a three-word candidate.
const INNER_WORDS: &[&str] = &["of", "and"];

/// A keyword candidate of one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The stems of its words, joined by spaces: the candidate's identity.
    pub key: String,
    /// Its most frequent surface form in the article.
    pub surface: String,
    /// Occurrences in the article.
    pub count: u32,
    /// Byte offset of the first occurrence divided by the text length (0 = start).
    pub first_position: f32,
    /// True when it occurs in the title.
    pub in_title: bool,
    /// True for a three-word candidate joined by `of` or `and` (`rule of law`).
    pub connector: bool,
}

/// Collects the keyword candidates of one analysed text. `title_len` is the byte length of the
/// title at the start of `text` (0 when there is none).
pub fn candidates(text: &str, tokens: &[Token], title_len: usize) -> Vec<Candidate> {
    let extra: &HashSet<&str> = extra_stop_words();
    let content = |t: &Token| {
        t.is_term() && {
            let s = t.surface(text);
            !extra.contains(s.to_ascii_lowercase().as_str())
        }
    };
    struct Acc {
        surfaces: HashMap<String, f32>,
        count: u32,
        first: usize,
        in_title: bool,
        connector: bool,
    }
    let mut acc: HashMap<String, Acc> = HashMap::new();
    let mut add = |range: &[Token]| {
        let key = range
            .iter()
            .map(|t| t.term.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let surface = &text[range[0].start..range[range.len() - 1].end];
        let weight = if range[0].sentence_start { 0.5 } else { 1.0 };
        let e = acc.entry(key).or_insert_with(|| Acc {
            surfaces: HashMap::new(),
            count: 0,
            first: range[0].start,
            in_title: false,
            connector: range.len() == 3 && range[1].stop,
        });
        e.count += 1;
        e.in_title |= range[0].start < title_len;
        *e.surfaces.entry(surface.to_string()).or_insert(0.0) += weight;
    };
    for i in 0..tokens.len() {
        if !content(&tokens[i]) {
            continue;
        }
        add(&tokens[i..=i]);
        // Two words.
        if let Some(next) = tokens.get(i + 1) {
            if !next.clause_start && content(next) {
                add(&tokens[i..=i + 1]);
            }
        }
        // Three words: content, content-or-inner, content.
        if let (Some(mid), Some(last)) = (tokens.get(i + 1), tokens.get(i + 2)) {
            let mid_ok = content(mid) || (mid.stop && INNER_WORDS.contains(&mid.term.as_str()));
            if !mid.clause_start && !last.clause_start && mid_ok && content(last) {
                add(&tokens[i..=i + 2]);
            }
        }
    }
    let len = text.len().max(1) as f32;
    let mut out: Vec<Candidate> = acc
        .into_iter()
        .map(|(key, a)| Candidate {
            surface: most_frequent(&a.surfaces),
            key,
            count: a.count,
            first_position: a.first as f32 / len,
            in_title: a.in_title,
            connector: a.connector,
        })
        .collect();
    out.sort_by(|a, b| a.key.cmp(&b.key));
    out
}

/// The most frequent form; ties go to the form with fewer capitals (a capital may come from a
/// title or a sentence start), then to the smaller string.
pub fn most_frequent(forms: &HashMap<String, f32>) -> String {
    let capitals = |s: &str| s.chars().filter(|c| c.is_uppercase()).count();
    forms
        .iter()
        .max_by(|a, b| {
            a.1.total_cmp(b.1)
                .then_with(|| capitals(b.0).cmp(&capitals(a.0)))
                .then_with(|| b.0.cmp(a.0))
        })
        .map(|(s, _)| s.clone())
        .unwrap_or_default()
}

/// True when the first and last words of a phrase are capitalised (`Belt and Road`).
fn is_title_case(phrase: &str) -> bool {
    let capital = |w: Option<&str>| {
        w.and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    };
    capital(phrase.split(' ').next()) && capital(phrase.split(' ').next_back())
}

/// The [`EXTRA_STOP_WORDS`] as a set.
fn extra_stop_words() -> &'static HashSet<&'static str> {
    static SET: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| EXTRA_STOP_WORDS.iter().copied().collect())
}

/// Smoothed inverse document frequency: `ln((1 + n) / (1 + df)) + 1`.
pub fn idf(n_docs: usize, df: u32) -> f64 {
    ((1.0 + n_docs as f64) / (1.0 + f64::from(df))).ln() + 1.0
}

/// A chosen keyword.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    /// Surface form.
    pub text: String,
    /// Score (see the module documentation).
    pub score: f64,
}

/// Scores `candidates` of one article and keeps the best `top_n`, folding near-duplicates.
/// `df` gives the number of articles containing a candidate key; `n_docs` is the corpus size.
pub fn rank(
    candidates: &[Candidate],
    df: impl Fn(&str) -> u32,
    n_docs: usize,
    top_n: usize,
) -> Vec<Keyword> {
    let mut scored: Vec<(f64, &Candidate)> = candidates
        .iter()
        .filter(|c| !c.connector || c.count >= 2 || is_title_case(&c.surface))
        .map(|c| {
            let words = c.key.split(' ').count();
            let length = match words {
                1 => 1.0,
                2 => 1.5,
                _ => 2.0,
            };
            let position = if c.in_title {
                1.5
            } else {
                1.0 + 0.5 * (1.0 - f64::from(c.first_position))
            };
            let tf = 1.0 + f64::from(c.count).ln();
            (tf * idf(n_docs, df(&c.key)) * length * position, c)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.key.cmp(&b.1.key)));
    let mut chosen: Vec<(Vec<&str>, Keyword)> = Vec::new();
    for (score, c) in scored {
        if chosen.len() >= top_n {
            break;
        }
        let words: Vec<&str> = c.key.split(' ').collect();
        let near_duplicate = chosen.iter().any(|(other, _)| {
            let shared = words.iter().filter(|w| other.contains(w)).count();
            shared * 2 >= words.len().min(other.len())
        });
        if !near_duplicate {
            chosen.push((
                words,
                Keyword {
                    text: c.surface.clone(),
                    score,
                },
            ));
        }
    }
    chosen.into_iter().map(|(_, k)| k).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Analyzer;

    fn cands(text: &str, title_len: usize) -> Vec<Candidate> {
        let mut a = Analyzer::english();
        let tokens = a.analyze(text).to_vec();
        candidates(text, &tokens, title_len)
    }

    #[test]
    fn candidates_respect_stop_words_numbers_and_clauses() {
        let c = cands(
            "The Belt and Road, in 2022, was said to help Central Asia.",
            0,
        );
        let keys: Vec<_> = c.iter().map(|c| c.surface.as_str()).collect();
        assert!(keys.contains(&"Belt and Road"), "{keys:?}");
        assert!(keys.contains(&"Central Asia"), "{keys:?}");
        assert!(!keys.iter().any(|k| k.contains("2022")));
        assert!(!keys.iter().any(|k| k.contains("said")));
        // `Road` and `help` are in different clauses.
        assert!(!keys.iter().any(|k| k.contains("Road help")));
        assert!(!keys.iter().any(|k| *k == "and" || *k == "The"));
    }

    #[test]
    fn title_and_counts_are_recorded() {
        let text = "Protests in Almaty\n\nProtests spread. The protests grew in Almaty.";
        let c = cands(text, "Protests in Almaty".len());
        let p = c.iter().find(|c| c.key == "protest").unwrap();
        assert_eq!(p.count, 3);
        assert!(p.in_title);
        assert_eq!(p.surface, "protests");
    }

    #[test]
    fn ranking_folds_near_duplicates_and_limits() {
        let c = vec![
            Candidate {
                key: "kazakh presid".into(),
                surface: "Kazakh President".into(),
                count: 4,
                first_position: 0.1,
                in_title: false,
                connector: false,
            },
            Candidate {
                key: "presid tokayev".into(),
                surface: "President Tokayev".into(),
                count: 3,
                first_position: 0.1,
                in_title: false,
                connector: false,
            },
            Candidate {
                key: "kazakh presid tokayev".into(),
                surface: "Kazakh President Tokayev".into(),
                count: 2,
                first_position: 0.1,
                in_title: false,
                connector: false,
            },
            Candidate {
                key: "silk road".into(),
                surface: "Silk Road".into(),
                count: 1,
                first_position: 0.9,
                in_title: false,
                connector: false,
            },
        ];
        let k = rank(&c, |_| 1, 1, 10);
        let texts: Vec<_> = k.iter().map(|k| k.text.as_str()).collect();
        // `Kazakh President` scores best; the two phrases sharing half its words are folded.
        assert_eq!(texts, ["Kazakh President", "Silk Road"]);
        assert_eq!(rank(&c, |_| 1, 1, 1).len(), 1);
    }

    #[test]
    fn idf_is_smoothed() {
        assert!((idf(1, 1) - 1.0).abs() < 1e-12);
        assert!(idf(10, 1) > idf(10, 5));
    }
}
