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
//! not keywords. A phrase of two or three words seen once, never in the title nor written as
//! a name, is a chance sequence (`Hewitt fought back`), whose inverse document frequency is
//! always the corpus's highest: it is never a keyword, and counts only in the phrases' document
//! frequencies ([`score::is_chance_sequence`]). Candidates are identified by their stems and
//! shown in their most frequent form in the article (a form at the start of a sentence counts
//! half, so `protests` beats `Protests`).
//!
//! # Score
//!
//! What the article says about a phrase (how often, how early, how widely through the text,
//! written how), as YAKE weighs it, times what sets the phrase apart from the rest of the
//! corpus, as TF-IDF does. For candidate `p` in article `d` of a corpus of `N` articles,
//! `df(p)` of which contain `p` (the factors are functions of [`score`]):
//!
//! ```text
//! score(p, d) = frequency × idf × length × position × spread × casing
//! frequency   = 1 + ln tf(p, d)
//! idf         = ln((1 + N) / (1 + df(p))) + 1                        (smoothed, as scikit-learn)
//! length      = 1, 1.5, 2 for one, two, three words seen at least twice; 1 for a phrase seen once
//! position    = 1.5 in the title, else 1 + 0.5 × (1 − first offset / length of d)
//! spread      = 1 + (last offset − first offset) / length of d
//! casing      = 1 + 0.25 × (occurrences written as a name / occurrences outside the title
//!               and sentence starts)                       (1 when there are no such occurrences)
//! ```
//!
//! Sub-linear term frequency keeps one very frequent word from taking every place; the smoothed
//! inverse document frequency favours what sets the article apart from the rest of the corpus
//! (in a one-article corpus it is 1 everywhere, and the article's own evidence decides); the
//! length factor offsets the lower counts of longer phrases that recur (`Time Warner`);
//! early and title phrases weigh more, as in news the lead says what the story is about; a
//! phrase that runs through the whole text is the subject rather than an aside; a phrase
//! written as a name mid-sentence (`Red Sox`, `CSTO`), where a capital cannot come from the
//! sentence start, is more likely a keyword than a common word (YAKE's casing feature).
//!
//! Measured on 500N-KPCrowd (`examples/eval_keywords.rs`, F1@10, 247 news articles as one
//! corpus): without spread, casing and chance sequences set apart 0.162; with spread 0.177;
//! casing costs 0.0004 on that crowd-annotated set, whose gold phrases are three quarters
//! common single words, and is kept for the names news readers look for. Chance sequences were
//! first scored at half weight, which took every one of them out of the BBC keywords; leaving
//! them out of the ranking altogether changed no keyword of KPCrowd (F1@10 0.1764 before and
//! after, 0.1828 with `--single`), of the BBC corpus or of the seed page, and the candidates an
//! article keeps until the ranking fell from 527,000 to 340,000 for BBC. YAKE scores 0.086 on
//! the same documents and scorer.
//!
//! # Folding near-duplicates
//!
//! Candidates are taken best first; one is skipped when at least half of the words of the
//! shorter of it and an already chosen keyword are shared (`Kazakh President Tokayev` after
//! `Kazakh President`, `Tokayev` after `President Tokayev`), or when it has the same letters
//! as a chosen keyword once case, spaces and punctuation are ignored (`TimeWarner` after
//! `Time Warner`). Ties are broken by the keyword's
//! text, so results never depend on hash order or thread count.

pub mod score;

use crate::text::word_set::CaselessWords;
use crate::text::Token;
use rustc_hash::FxHashMap;

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

/// True when the stop word written `surface` is one of [`INNER_WORDS`]. A stop word's term is
/// its lower-cased surface form; compared without ASCII case, the surface gives the same answer
/// (no character outside ASCII lower-cases to a letter of these words), and the tokens being
/// collected carry no terms (see [`crate::text::Analyzer::analyze_with_vocabulary`]).
fn is_inner_word(surface: &str) -> bool {
    INNER_WORDS.iter().any(|w| surface.eq_ignore_ascii_case(w))
}

/// A keyword candidate of one article. Its identity is a 64-bit hash of its stems (see
/// [`phrase_key`]): candidates are the bulk of what an article keeps, so they hold no strings of
/// their own; the surface form lives in [`Candidates::surfaces`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// Hash of its stems, its identity across the corpus.
    pub key: u64,
    /// Hashes of its content words' stems, cut to 32 bits (enough to tell the words of two
    /// phrases apart when folding near-duplicates); unused slots are 0.
    pub words: [u32; 3],
    /// Number of words (1 to 3, connector included).
    pub len: u8,
    /// Byte range of its most frequent surface form in [`Candidates::surfaces`].
    pub surface: (u32, u32),
    /// Occurrences in the article.
    pub count: u32,
    /// Byte offset of the first occurrence divided by the text length (0 = start).
    pub first_position: f32,
    /// Byte offset of the last occurrence divided by the text length.
    pub last_position: f32,
    /// Occurrences in the body, not at a sentence start: where its casing says something.
    pub mid_sentence: u32,
    /// Of those, the ones written as a name: every content word capitalised (`Red Sox`, `GM`).
    pub named: u32,
    /// True when it occurs in the title.
    pub in_title: bool,
    /// True for a three-word candidate joined by `of` or `and` (`rule of law`).
    pub connector: bool,
}

/// The keyword candidates of one article, in order of first occurrence (ranking breaks every tie
/// by the surface form, so it does not depend on the order), and their surface forms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Candidates {
    /// The candidates.
    pub list: Vec<Candidate>,
    /// The surface forms, concatenated.
    pub surfaces: String,
    /// The keys of the article's chance sequences ([`score::is_chance_sequence`]), which are
    /// never keywords: they count in the phrases' document frequencies only (another article
    /// may have the phrase as a candidate), and are dropped once counted. In the BBC corpus
    /// they are 36 % of the phrases of an article; not kept, the candidates parked until the
    /// ranking fell from 36 to 22 MB.
    pub unranked: Vec<u64>,
}

impl Candidates {
    /// The surface form of `c`.
    pub fn surface(&self, c: &Candidate) -> &str {
        &self.surfaces[c.surface.0 as usize..c.surface.1 as usize]
    }
}

/// Hash of one stem.
pub fn word_key(stem: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(stem.as_bytes());
    // FxHash leaves low bits weak; a final mix (from SplitMix64) spreads them.
    mix(h.finish())
}

/// Hash of a phrase from the hashes of its stems, in order.
pub fn phrase_key(words: &[u64]) -> u64 {
    words
        .iter()
        .fold(EMPTY_PHRASE_KEY, |acc, &w| extend_phrase_key(acc, w))
}

/// [`phrase_key`] of no words.
const EMPTY_PHRASE_KEY: u64 = 0x9E37_79B9_7F4A_7C15;

/// [`phrase_key`] of a phrase one word longer: `extend_phrase_key(phrase_key(p), w)` is
/// `phrase_key` of `p` followed by `w`, so the keys of the phrases starting at one word are
/// computed a word at a time.
#[inline]
fn extend_phrase_key(key: u64, word: u64) -> u64 {
    mix(key.rotate_left(23) ^ word)
}

/// SplitMix64's finaliser.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Collects the keyword candidates of one analysed text. `keys` holds each token's
/// [`word_key`] (any value for tokens that are neither terms nor stop words); `title_len` is the
/// byte length of the title at the start of `text` (0 when there is none).
pub fn candidates(text: &str, tokens: &[Token], keys: &[u64], title_len: usize) -> Candidates {
    let content: Vec<bool> = (tokens.iter())
        .map(|t| is_content_word(t, t.surface(text)))
        .collect();
    let mut collector = CandidateCollector::default();
    collector.add(text, 0, tokens, keys, &content, title_len);
    collector.finish(text)
}

/// True when `token` (with its surface form) is a content word, one a candidate may start or
/// end with: a term that is not one of [`EXTRA_STOP_WORDS`]. It depends on the word alone, so
/// an analyzer's vocabulary decides it once per distinct word
/// ([`crate::text::analyzer::SurfaceEntry::content`]).
pub fn is_content_word(token: &Token, surface: &str) -> bool {
    token.is_term() && !is_extra_stop_word(surface)
}

/// Most distinct candidates an article's collector holds before it starts forgetting rare ones
/// (about 10 MB). An ordinary article has a few thousand at most, so only articles of several
/// megabytes of text (a whole book, a badly split dump) are affected.
pub const MAX_CANDIDATES: usize = 100_000;

/// One candidate being counted.
struct Acc {
    /// Its phrase key.
    key: u64,
    /// The first surface form, as a byte range of the text, with its weight.
    form: (usize, usize, f32),
    /// Other surface forms, rarely any (no allocation while empty).
    more_forms: Vec<(usize, usize, f32)>,
    words: [u32; 3],
    len: u8,
    count: u32,
    first: usize,
    last: usize,
    mid_sentence: u32,
    named: u32,
    in_title: bool,
    connector: bool,
}

/// Collects one article's keyword candidates piece by piece, so that a very long article can be
/// tokenized a few paragraphs at a time; [`candidates`] is the one-piece case.
///
/// Memory stays bounded: when more than [`MAX_CANDIDATES`] distinct candidates are held, those
/// seen at most `floor` times (and not in the title) are forgotten and `floor` rises, as in
/// lossy counting (Manku and Motwani, 2002): a phrase that recurs through a huge text keeps
/// nearly its whole count, one-off word sequences are dropped. Articles below the bound are
/// counted exactly.
///
/// Candidates are kept in a vector in order of first occurrence, found by key through a small
/// table of indices: callgrind on the BBC corpus (`-j 1 --topics 0 --no-texts`) counted 409 M
/// instructions for `add` and 128 M for `finish` with the candidates themselves in the hash
/// table, 295 M and 81 M like this (with the content-word test below made cheaper too).
#[derive(Default)]
pub struct CandidateCollector {
    /// Index in `accs` by phrase key.
    index: FxHashMap<u64, u32>,
    /// The candidates, in order of first occurrence.
    accs: Vec<Acc>,
    /// Per token of the piece: a stop word or capitalised, as every word of a phrase written
    /// as a name is.
    capital: Vec<bool>,
    floor: u32,
}

impl CandidateCollector {
    /// Adds the candidates of one piece of the article. `text` is the whole analysed text and
    /// `offset` the byte offset of the piece in it; `tokens` were cut from `&text[offset..]` (their
    /// offsets are relative to the piece), with `keys` as in [`candidates`] and `content` telling
    /// each token's [`is_content_word`]. Pieces must start where the tokenizer starts a sentence
    /// (a line break), so that no candidate spans two.
    pub fn add(
        &mut self,
        text: &str,
        offset: usize,
        tokens: &[Token],
        keys: &[u64],
        content: &[bool],
        title_len: usize,
    ) {
        let piece = &text[offset..];
        let CandidateCollector {
            index,
            accs,
            capital,
            ..
        } = self;
        // About one distinct candidate per token or less: no rehashing or moving while counting.
        index.reserve(tokens.len().min(MAX_CANDIDATES));
        accs.reserve(tokens.len().min(MAX_CANDIDATES));
        capital.clear();
        capital.extend(tokens.iter().map(|t| {
            t.stop
                || t.surface(piece)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        }));
        let bytes = text.as_bytes();
        // `key` is the phrase key of the tokens `from..=to`.
        let mut add = |from: usize, to: usize, key: u64| {
            let range = &tokens[from..=to];
            let phrase = &keys[from..=to];
            let (start, end) = (offset + range[0].start, offset + range[range.len() - 1].end);
            let weight = if range[0].sentence_start { 0.5 } else { 1.0 };
            let in_title = start < title_len;
            let slot = *index.entry(key).or_insert_with(|| {
                let connector = range.len() == 3 && range[1].stop;
                let mut words = [0; 3];
                for (slot, (t, k)) in range.iter().zip(phrase).enumerate() {
                    if !t.stop {
                        // Never 0, which marks an unused slot.
                        words[slot] = (*k as u32).max(1);
                    }
                }
                accs.push(Acc {
                    key,
                    form: (start, end, 0.0),
                    more_forms: Vec::new(),
                    words,
                    len: range.len() as u8,
                    count: 0,
                    first: start,
                    last: start,
                    mid_sentence: 0,
                    named: 0,
                    in_title: false,
                    connector,
                });
                (accs.len() - 1) as u32
            });
            let e = &mut accs[slot as usize];
            e.count += 1;
            e.last = start;
            e.in_title |= in_title;
            if !in_title && !range[0].sentence_start {
                e.mid_sentence += 1;
                if capital[from..=to].iter().all(|&c| c) {
                    e.named += 1;
                }
            }
            // Byte ranges of the same text: equal bytes are equal strings (and the first
            // occurrence is its own first form).
            let surface = &bytes[start..end];
            if e.form.0 == start || bytes[e.form.0..e.form.1] == *surface {
                e.form.2 += weight;
            } else {
                match e
                    .more_forms
                    .iter_mut()
                    .find(|(s, t, _)| bytes[*s..*t] == *surface)
                {
                    Some((_, _, w)) => *w += weight,
                    None => e.more_forms.push((start, end, weight)),
                }
            }
        };
        for i in 0..tokens.len() {
            if !content[i] {
                continue;
            }
            let one = extend_phrase_key(EMPTY_PHRASE_KEY, keys[i]);
            add(i, i, one);
            if i + 1 == tokens.len() || tokens[i + 1].clause_start {
                continue;
            }
            let two = extend_phrase_key(one, keys[i + 1]);
            // Two words.
            if content[i + 1] {
                add(i, i + 1, two);
            }
            // Three words: content, content-or-inner, content.
            if i + 2 < tokens.len() {
                let (mid, last) = (&tokens[i + 1], &tokens[i + 2]);
                let mid_ok = content[i + 1] || (mid.stop && is_inner_word(mid.surface(piece)));
                if !last.clause_start && mid_ok && content[i + 2] {
                    add(i, i + 2, extend_phrase_key(two, keys[i + 2]));
                }
            }
        }
        self.forget_rare();
    }

    /// Lossy counting: while more than [`MAX_CANDIDATES`] are held, forgets those seen at most
    /// `floor` times outside the title, raising `floor`, until at most half remain.
    fn forget_rare(&mut self) {
        if self.accs.len() <= MAX_CANDIDATES {
            return;
        }
        while self.accs.len() > MAX_CANDIDATES / 2 {
            self.floor += 1;
            let floor = self.floor;
            self.accs.retain(|a| a.in_title || a.count > floor);
        }
        self.index.clear();
        self.index
            .extend(self.accs.iter().enumerate().map(|(i, a)| (a.key, i as u32)));
    }

    /// The candidates collected; `text` is the whole analysed text. The collector is left
    /// empty, ready for the next article, and keeps its buffers: a worker reuses one collector
    /// for all its articles (see [`crate::analysis::ArticleScratch`]).
    pub fn finish(&mut self, text: &str) -> Candidates {
        let len = text.len().max(1) as f32;
        let chance = |a: &Acc| score::is_chance_sequence(a.len, a.count, a.in_title, a.named);
        let (ranked, surface_bytes) = (self.accs.iter().filter(|a| !chance(a)))
            .fold((0, 0), |(n, bytes), a| (n + 1, bytes + a.form.1 - a.form.0));
        let mut out = Candidates {
            list: Vec::with_capacity(ranked),
            surfaces: String::with_capacity(surface_bytes),
            unranked: Vec::with_capacity(self.accs.len() - ranked),
        };
        for a in &self.accs {
            if chance(a) {
                out.unranked.push(a.key);
                continue;
            }
            let surface = if a.more_forms.is_empty() {
                &text[a.form.0..a.form.1]
            } else {
                let forms = std::iter::once(&a.form).chain(&a.more_forms);
                most_frequent(forms.map(|&(s, e, w)| (&text[s..e], w)))
            };
            let from = out.surfaces.len() as u32;
            out.surfaces.push_str(surface);
            out.list.push(Candidate {
                key: a.key,
                words: a.words,
                len: a.len,
                surface: (from, out.surfaces.len() as u32),
                count: a.count,
                first_position: a.first as f32 / len,
                last_position: a.last as f32 / len,
                mid_sentence: a.mid_sentence,
                named: a.named,
                in_title: a.in_title,
                connector: a.connector,
            });
        }
        self.index.clear();
        self.accs.clear();
        self.floor = 0;
        out
    }
}

/// The most frequent form; ties go to the form with fewer capitals (a capital may come from a
/// title or a sentence start), then to the smaller string.
pub fn most_frequent<'a>(forms: impl Iterator<Item = (&'a str, f32)>) -> &'a str {
    let capitals = |s: &str| s.chars().filter(|c| c.is_uppercase()).count();
    forms
        .max_by(|a, b| {
            a.1.total_cmp(&b.1)
                .then_with(|| capitals(b.0).cmp(&capitals(a.0)))
                .then_with(|| b.0.cmp(a.0))
        })
        .map(|(s, _)| s)
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

/// Length of the longest of [`EXTRA_STOP_WORDS`].
const MAX_EXTRA_STOP_WORD_LEN: usize = 9;

/// True when `word`, its ASCII letters lower-cased, is one of [`EXTRA_STOP_WORDS`] (see
/// [`CaselessWords`] for the cost).
fn is_extra_stop_word(word: &str) -> bool {
    static SET: std::sync::OnceLock<CaselessWords> = std::sync::OnceLock::new();
    word.len() <= MAX_EXTRA_STOP_WORD_LEN
        && SET
            .get_or_init(|| CaselessWords::new(EXTRA_STOP_WORDS))
            .contains(word)
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

/// Scores the candidates of one article and keeps the best `top_n`, folding near-duplicates.
/// `df` gives the number of articles containing a candidate key; as the article itself
/// contains each of its candidates, a document frequency below 1 (a key the corpus does not
/// know) counts as 1. `n_docs` is the corpus size.
///
/// The result is that of scoring every candidate, sorting them best first and taking them in
/// that order while skipping near-duplicates (see the module documentation), but only the
/// candidates that can reach the top are scored: a document frequency is a lookup into a hash
/// table of the whole corpus, a cache miss or two. What decides which is an upper bound of the
/// score that needs no lookup:
///
/// * the score is [`score::ArticleFactors::score_with_idf`]: `idf` times positive factors
///   that depend on the article alone, multiplied in a fixed order; a rounded product with a
///   positive factor never decreases when the other factor grows, so a larger `idf` never
///   gives a smaller score, nor, with a positive `idf`, do larger factors, bit for bit;
/// * `df ≥ 1` gives `idf(n_docs, df) ≤ idf(n_docs, 1)`: equal for `df = 1`, and for `df ≥ 2`
///   the quotient in the logarithm is at most ⅔ of the one for `df = 1`, so the logarithms
///   differ by at least ln 1.5 ≈ 0.4, far beyond any rounding error.
///
/// So a candidate's score with `idf(n_docs, 1)` (positive: at least 1 − ln 2) bounds its
/// score. The candidates with the best bounds are scored exactly, in growing rounds, and taken
/// best first while their score is *strictly* above the best bound of the candidates not
/// scored yet: each of those scores at most its bound, so it comes after every candidate taken
/// in the full order (equal scores are ordered by length and surface form, hence the strict
/// inequality). When the next score is not above that bound, the next round scores more
/// candidates and the taking resumes where it stopped. Ranking stops as soon as `top_n`
/// keywords are chosen, or when every candidate is scored and taken.
///
/// Most candidates (76 % in the BBC corpus, chance sequences aside) are seen once, and most of
/// those never need a bound of their own: they wait in two groups, by whether they were written
/// as a name, each bounded as a whole by [`score::ArticleFactors::largest_seen_once`], and join
/// the others, each with its bound, only when the taking reaches their group's bound.
///
/// Callgrind on the BBC corpus (`-j 1 --topics 0 --no-texts --no-actors`): ranking cost
/// 219 M instructions scoring every candidate (512 k scores and document-frequency lookups),
/// 84 M like this (113 k bounds of their own, 93 k scores and lookups; the run 3.374 G
/// instructions before, 3.241 G after; the faster folding of ASCII letters included).
pub fn rank(
    candidates: &Candidates,
    df: impl Fn(u64) -> u32,
    n_docs: usize,
    top_n: usize,
) -> Vec<Keyword> {
    RANK_SCRATCH.with_borrow_mut(|scratch| scratch.rank(candidates, &df, n_docs, top_n))
}

/// True when a candidate may be a keyword: a three-word phrase joined by `of` or `and` must
/// occur at least twice or be a name, so that chance coordinations (`economic and trade`) are
/// not keywords.
#[inline]
fn rankable(candidates: &Candidates, c: &Candidate) -> bool {
    c.count >= 2 || !c.connector || is_title_case(candidates.surface(c))
}

/// The group in [`RankScratch::seen_once`] of a candidate seen once in one spot (see
/// [`score::ArticleFactors::largest_seen_once`]): 1 when written as a name, else 0. `None` for
/// other candidates.
fn seen_once_group(c: &Candidate) -> Option<usize> {
    (c.count <= 1 && c.last_position <= c.first_position).then(|| usize::from(c.named > 0))
}

/// The factors bounding the candidates of a group of [`seen_once_group`].
fn seen_once_factors(group: usize) -> score::ArticleFactors {
    score::ArticleFactors::largest_seen_once(group == 1)
}

/// Groups of [`seen_once_group`].
const SEEN_ONCE_GROUPS: usize = 2;

/// Candidates scored in the first round of [`rank`] for `top_n` keywords, and in the second;
/// each later round scores twice as many as the one before. Callgrind on the BBC corpus
/// counted about the same for first rounds of 1 to 4 times `top_n`.
fn round_sizes(top_n: usize) -> (usize, usize) {
    (3 * top_n, top_n.max(1))
}

/// Each worker's buffers for [`rank`], kept from one article to the next.
#[derive(Default)]
struct RankScratch {
    /// Inverse document frequencies of small document frequencies.
    idf_table: IdfTable,
    /// Candidates that may be keywords, by index in [`Candidates::list`], with their bound
    /// while not scored and their score once scored.
    entries: Vec<(f64, u32)>,
    /// Candidates seen once in one spot, by index in [`Candidates::list`], in the groups of
    /// [`seen_once_group`], until they join `entries`.
    seen_once: [Vec<u32>; SEEN_ONCE_GROUPS],
    /// The keywords chosen so far: index in [`Candidates::list`], score, and byte range of
    /// their letters (see [`fold_letters`]) in `chosen_letters`.
    chosen: Vec<(u32, f64, (usize, usize))>,
    /// The letters of the chosen keywords, concatenated.
    chosen_letters: String,
    /// The letters of the candidate being tried.
    letters: String,
}

impl RankScratch {
    /// [`rank`] with these buffers.
    fn rank(
        &mut self,
        candidates: &Candidates,
        df: &impl Fn(u64) -> u32,
        n_docs: usize,
        top_n: usize,
    ) -> Vec<Keyword> {
        let RankScratch {
            idf_table,
            entries,
            seen_once,
            chosen,
            chosen_letters,
            letters,
        } = self;
        entries.clear();
        seen_once.iter_mut().for_each(Vec::clear);
        chosen.clear();
        chosen_letters.clear();
        if top_n == 0 {
            return Vec::new();
        }
        let list = &candidates.list;
        let max_idf = idf_table.idf(n_docs, 1);
        for (i, c) in list.iter().enumerate() {
            match seen_once_group(c) {
                Some(group) => seen_once[group].push(i as u32),
                None if rankable(candidates, c) => {
                    entries.push((score::score_with_idf(c, max_idf), i as u32));
                }
                None => {}
            }
        }
        // The groups, best bound first.
        let mut groups: [(f64, usize); SEEN_ONCE_GROUPS] =
            std::array::from_fn(|g| (seen_once_factors(g).score_with_idf(max_idf), g));
        groups.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
        let mut groups = groups
            .into_iter()
            .filter(|&(_, g)| !seen_once[g].is_empty());
        let mut next_group = groups.next();

        let by_bound = |a: &(f64, u32), b: &(f64, u32)| b.0.total_cmp(&a.0);
        // Best first; on equal scores the longer, more specific phrase (`Silk Road` before
        // `Silk`), then the surface form, so the order never depends on hashing.
        let order = |a: &(f64, u32), b: &(f64, u32)| {
            let (ca, cb) = (&list[a.1 as usize], &list[b.1 as usize]);
            b.0.total_cmp(&a.0)
                .then_with(|| cb.len.cmp(&ca.len))
                .then_with(|| candidates.surface(ca).cmp(candidates.surface(cb)))
        };
        // entries[..taken] are taken in order (chosen or folded), entries[..scored] are
        // scored, the rest hold bounds.
        let (mut taken, mut scored) = (0, 0);
        let (mut round, mut next_round) = round_sizes(top_n);
        loop {
            let end = (scored + round).min(entries.len());
            if end < entries.len() {
                entries[scored..].select_nth_unstable_by(end - scored, by_bound);
            }
            // The selection leaves the best bound of the rest at `end`.
            let entries_bound = entries.get(end).map(|e| e.0);
            let group_bound = next_group.map(|(bound, _)| bound);
            let unscored_bound = match (entries_bound, group_bound) {
                (Some(a), Some(b)) => Some(if a.total_cmp(&b).is_ge() { a } else { b }),
                (a, b) => a.or(b),
            };
            for entry in &mut entries[scored..end] {
                let c = &list[entry.1 as usize];
                entry.0 = score::score_with_idf(c, idf_table.idf(n_docs, df(c.key).max(1)));
            }
            scored = end;
            // The scored candidates above every bound left come next in the full order: they
            // go first, in order.
            let mut ready = taken;
            for i in taken..scored {
                if unscored_bound.is_none_or(|bound| entries[i].0.total_cmp(&bound).is_gt()) {
                    entries.swap(ready, i);
                    ready += 1;
                }
            }
            entries[taken..ready].sort_unstable_by(order);
            for &(score, index) in &entries[taken..ready] {
                let c = &list[index as usize];
                // The letters are folded once, and only when the words share too little to
                // decide.
                let mut letters_ready = false;
                let folded = chosen.iter().any(|&(other, _, (from, to))| {
                    if near_duplicates(c, &list[other as usize]) {
                        return true;
                    }
                    if !letters_ready {
                        fold_letters(candidates.surface(c), letters);
                        letters_ready = true;
                    }
                    *letters == chosen_letters[from..to]
                });
                if !folded {
                    if !letters_ready {
                        fold_letters(candidates.surface(c), letters);
                    }
                    let from = chosen_letters.len();
                    chosen_letters.push_str(letters);
                    chosen.push((index, score, (from, chosen_letters.len())));
                    if chosen.len() == top_n {
                        break;
                    }
                }
            }
            taken = ready;
            match (entries_bound, next_group) {
                _ if chosen.len() == top_n => break,
                (None, None) => break,
                // A group's bound stopped the taking: its candidates join the others.
                (_, Some((group_bound, group)))
                    if entries_bound.is_none_or(|b| group_bound.total_cmp(&b).is_ge()) =>
                {
                    for &i in &seen_once[group] {
                        let c = &list[i as usize];
                        if rankable(candidates, c) {
                            entries.push((score::score_with_idf(c, max_idf), i));
                        }
                    }
                    next_group = groups.next();
                }
                _ => (round, next_round) = (next_round, next_round * 2),
            }
        }
        chosen
            .iter()
            .map(|&(index, score, _)| Keyword {
                text: candidates.surface(&list[index as usize]).to_string(),
                score,
            })
            .collect()
    }
}

thread_local! {
    /// Each worker's [`RankScratch`].
    static RANK_SCRATCH: std::cell::RefCell<RankScratch> = std::cell::RefCell::default();
}

/// Document frequencies below this have their [`idf`] kept in an [`IdfTable`] (32 KB at most).
const IDF_TABLE_LEN: usize = 4096;

/// The [`idf`] of small document frequencies in a corpus of `n_docs` articles, computed once
/// each (the same `f64` as [`idf`] gives, so scores are bit for bit the same). Callgrind on the
/// BBC corpus (`-j 1 --topics 0 --no-texts`): scoring 95 M instructions with `ln` per
/// candidate, 35 M with this table.
#[derive(Default)]
struct IdfTable {
    /// The corpus size the values are for.
    n_docs: usize,
    /// `idf(n_docs, df)` at index `df`, NaN while not computed.
    values: Vec<f64>,
}

impl IdfTable {
    /// `idf(n_docs, df)`.
    fn idf(&mut self, n_docs: usize, df: u32) -> f64 {
        let slot = df as usize;
        if slot >= IDF_TABLE_LEN {
            return idf(n_docs, df);
        }
        if self.n_docs != n_docs {
            self.n_docs = n_docs;
            self.values.clear();
        }
        if slot >= self.values.len() {
            self.values.resize((slot + 1).next_power_of_two(), f64::NAN);
        }
        let value = &mut self.values[slot];
        if value.is_nan() {
            *value = idf(n_docs, df);
        }
        *value
    }
}

/// Puts into `out` the letters and digits of `phrase`, lower case: two phrases with the same
/// letters apart from case, spaces and punctuation (`Time Warner`, `TimeWarner`, `Time-Warner`)
/// give the same string.
fn fold_letters(phrase: &str, out: &mut String) {
    out.clear();
    if phrase.is_ascii() {
        // The same as below for ASCII, where the letters and digits are `[A-Za-z0-9]` and
        // lower case is one byte, without Unicode's tables: callgrind on the BBC corpus counted
        // 24 M instructions for the 29 k phrases folded by ranking the other way (830 each),
        // about 2 M this way.
        out.extend(
            phrase
                .bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return;
    }
    out.extend(
        phrase
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase),
    );
}

/// True when two phrases are the same letters apart from case, spaces and punctuation
/// (`Time Warner`, `TimeWarner`, `Time-Warner`).
#[cfg(test)]
fn same_letters(a: &str, b: &str) -> bool {
    let (mut x, mut y) = (String::new(), String::new());
    fold_letters(a, &mut x);
    fold_letters(b, &mut y);
    x == y
}

/// True when at least half of the content words of the shorter candidate are in the other.
fn near_duplicates(a: &Candidate, b: &Candidate) -> bool {
    let words = |c: &Candidate| c.words.iter().filter(|w| **w != 0).count();
    let shared = a
        .words
        .iter()
        .filter(|w| **w != 0 && b.words.contains(w))
        .count();
    shared * 2 >= words(a).min(words(b)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Analyzer;

    fn cands(text: &str, title_len: usize) -> Candidates {
        let mut a = Analyzer::english();
        let tokens = a.analyze(text).to_vec();
        let keys: Vec<u64> = tokens.iter().map(|t| word_key(&t.term)).collect();
        candidates(text, &tokens, &keys, title_len)
    }

    fn surfaces(c: &Candidates) -> Vec<&str> {
        c.list.iter().map(|x| c.surface(x)).collect()
    }

    #[test]
    fn chance_sequences_keep_only_their_keys() {
        let text = "Hewitt fought back\n\nHewitt fought back hard. The grass court suited him, \
                    and the grass court crowd saw Lleyton Hewitt win.";
        let title_len = text.find('\n').unwrap();
        let c = cands(text, title_len);
        let kept = surfaces(&c);
        // In the title, twice, or written as a name: candidates.
        for phrase in [
            "Hewitt fought back",
            "grass court",
            "Lleyton Hewitt",
            "Hewitt",
        ] {
            assert!(kept.contains(&phrase), "{phrase}: {kept:?}");
        }
        // Seen once, mid-sentence, not a name: chance sequences, keys only.
        for phrase in ["court suited", "fought back hard", "crowd saw"] {
            assert!(!kept.contains(&phrase), "{phrase}: {kept:?}");
        }
        assert!(!c.unranked.is_empty());
        assert!(c.list.iter().all(|x| !c.unranked.contains(&x.key)));
        let mut a = Analyzer::english();
        let tokens = a.analyze(text).to_vec();
        let keys: Vec<u64> = tokens.iter().map(|t| word_key(&t.term)).collect();
        let (court, suited) = (keys[9], keys[10]);
        assert_eq!(&text[tokens[9].start..tokens[10].end], "court suited");
        assert!(c.unranked.contains(&phrase_key(&[court, suited])));
    }

    #[test]
    fn inner_words_are_told_by_their_surface_as_by_their_term() {
        let mut a = Analyzer::english();
        let text = "of OF Of and AND And oF anD ofs band off ändern";
        for t in a.analyze(text) {
            let by_term = t.stop && INNER_WORDS.contains(&t.term.as_str());
            assert_eq!(t.stop && is_inner_word(t.surface(text)), by_term, "{t:?}");
        }
        assert!(is_inner_word("Of") && is_inner_word("AND") && !is_inner_word("ofs"));
    }

    #[test]
    fn phrase_keys_grow_a_word_at_a_time() {
        let words = [word_key("belt"), word_key("and"), word_key("road")];
        let mut key = EMPTY_PHRASE_KEY;
        for n in 1..=3 {
            key = extend_phrase_key(key, words[n - 1]);
            assert_eq!(key, phrase_key(&words[..n]));
        }
        assert_ne!(phrase_key(&words[..2]), phrase_key(&words[1..]));
    }

    #[test]
    fn every_candidate_key_is_the_phrase_key_of_its_stems() {
        let text = "Belt and Road talks: the Belt and Road plan, Kazakh President Tokayev said.";
        let mut a = Analyzer::english();
        let tokens = a.analyze(text).to_vec();
        let keys: Vec<u64> = tokens.iter().map(|t| word_key(&t.term)).collect();
        let c = candidates(text, &tokens, &keys, 0);
        assert!(c.list.len() > 5);
        for x in &c.list {
            let surface = c.surface(x);
            let (from, _) = (tokens.iter().enumerate())
                .find(|(_, t)| text[t.start..].starts_with(surface))
                .expect("the surface is in the text");
            let len = usize::from(x.len);
            assert_eq!(x.key, phrase_key(&keys[from..from + len]), "{surface}");
        }
    }

    #[test]
    fn candidates_respect_stop_words_numbers_and_clauses() {
        let c = cands(
            "The Belt and Road, in 2022, was said to help Central Asia.",
            0,
        );
        let keys = surfaces(&c);
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
        let p = c
            .list
            .iter()
            .find(|x| x.key == phrase_key(&[word_key("protest")]))
            .unwrap();
        assert_eq!(p.count, 3);
        assert!(p.in_title);
        assert_eq!(c.surface(p), "protests");
    }

    #[test]
    fn ranking_folds_near_duplicates_and_limits() {
        let text = "Kazakh President Tokayev spoke. Kazakh President Tokayev left. \
                    The Kazakh President and President Tokayev met the Kazakh President. \
                    Later, along the Silk Road.";
        let c = cands(text, 0);
        let k = rank(&c, |_| 1, 1, 10);
        let texts: Vec<_> = k.iter().map(|k| k.text.as_str()).collect();
        // `Kazakh President` scores best; phrases sharing half their words with it are folded.
        assert_eq!(texts[0], "Kazakh President");
        assert!(!texts.contains(&"President Tokayev"), "{texts:?}");
        assert!(!texts.contains(&"Kazakh President Tokayev"), "{texts:?}");
        assert!(!texts.contains(&"Kazakh"), "{texts:?}");
        assert!(texts.contains(&"Silk Road"), "{texts:?}");
        assert_eq!(rank(&c, |_| 1, 1, 1).len(), 1);
    }

    #[test]
    fn spellings_with_the_same_letters_are_folded() {
        let text = "Time Warner grew. Time Warner sold AOL. TimeWarner bought shares. \
                    TimeWarner rose, AOL fell.";
        let c = cands(text, 0);
        let texts: Vec<String> = rank(&c, |_| 1, 1, 10).into_iter().map(|k| k.text).collect();
        let warners = texts
            .iter()
            .filter(|t| t.as_str() == "Time Warner" || t.as_str() == "TimeWarner")
            .count();
        assert_eq!(warners, 1, "{texts:?}");
        assert!(same_letters("Time-Warner", "time warner"));
        assert!(!same_letters("Time Warner", "Warner"));
    }

    #[test]
    fn casing_and_spread_are_recorded() {
        let text = "Red Sox win\n\nThe Red Sox won. Fans of the Red Sox cheered. Red Sox fans \
                    left, and red sox socks sold out.";
        let c = cands(text, "Red Sox win".len());
        let key = phrase_key(&[word_key("red"), word_key("sox")]);
        let p = c.list.iter().find(|x| x.key == key).unwrap();
        assert_eq!(p.count, 5);
        // Title and sentence-initial occurrences say nothing about casing.
        assert_eq!((p.mid_sentence, p.named), (3, 2));
        assert!(p.in_title);
        assert_eq!(p.first_position, 0.0);
        assert!(p.last_position > 0.7, "{}", p.last_position);
    }

    #[test]
    fn phrase_keys_depend_on_order_and_words() {
        let (a, b) = (word_key("belt"), word_key("road"));
        assert_ne!(phrase_key(&[a, b]), phrase_key(&[b, a]));
        assert_ne!(phrase_key(&[a]), phrase_key(&[a, a]));
        assert_eq!(
            phrase_key(&[a, b]),
            phrase_key(&[word_key("belt"), word_key("road")])
        );
    }

    #[test]
    fn extra_stop_words_fit_the_length_bound() {
        assert!(EXTRA_STOP_WORDS
            .iter()
            .all(|w| w.len() <= MAX_EXTRA_STOP_WORD_LEN));
    }

    #[test]
    fn extra_stop_words_are_found_in_any_ascii_case() {
        for w in EXTRA_STOP_WORDS {
            assert!(is_extra_stop_word(w), "{w}");
            assert!(is_extra_stop_word(&w.to_ascii_uppercase()), "{w}");
        }
        for w in [
            "",
            "a",
            "als",
            "alsoo",
            "Mrs.",
            "accordingly",
            "sa\u{0}id",
            "Ünd",
        ] {
            assert!(!is_extra_stop_word(w), "{w}");
        }
    }

    /// The ranking as it was before [`rank`] bounded scores: every candidate scored, with
    /// `df` taken as it is. The reference [`rank`] must equal.
    fn rank_by_scoring_all(
        candidates: &Candidates,
        df: impl Fn(u64) -> u32,
        n_docs: usize,
        top_n: usize,
    ) -> Vec<Keyword> {
        let mut idf_table = IdfTable::default();
        let mut scored: Vec<(f64, &Candidate)> = {
            candidates
                .list
                .iter()
                .filter(|c| c.count >= 2 || !c.connector || is_title_case(candidates.surface(c)))
                .map(|c| {
                    (
                        score::score_with_idf(c, idf_table.idf(n_docs, df(c.key))),
                        c,
                    )
                })
                .collect()
        };
        // Best first; on equal scores the longer, more specific phrase (`Silk Road` before `Silk`),
        // then the surface form, so the order never depends on hashing.
        let order = |a: &(f64, &Candidate), b: &(f64, &Candidate)| {
            b.0.total_cmp(&a.0)
                .then_with(|| b.1.len.cmp(&a.1.len))
                .then_with(|| candidates.surface(a.1).cmp(candidates.surface(b.1)))
        };
        // Only the head of the order is ever read: select it first, sort it, and sort the rest only
        // if folding near-duplicates used the whole head up.
        let head = (top_n * 8).max(16).min(scored.len());
        if head < scored.len() {
            scored.select_nth_unstable_by(head, order);
        }
        scored[..head].sort_unstable_by(order);
        // The chosen keywords with their letters (see [`fold_letters`]), and the letters of the
        // candidate being tried, folded once and only when its words share too little to decide.
        let mut chosen: Vec<(&Candidate, Keyword, String)> = Vec::new();
        let mut letters = String::new();
        for i in 0..scored.len() {
            if i == head {
                scored[head..].sort_unstable_by(order);
            }
            let (score, c) = scored[i];
            if chosen.len() >= top_n {
                break;
            }
            let surface = candidates.surface(c);
            let mut folded = false;
            let mut letters_ready = false;
            for (other, _, other_letters) in &chosen {
                if near_duplicates(c, other) {
                    folded = true;
                    break;
                }
                if !letters_ready {
                    fold_letters(surface, &mut letters);
                    letters_ready = true;
                }
                if letters == *other_letters {
                    folded = true;
                    break;
                }
            }
            if !folded {
                if !letters_ready {
                    fold_letters(surface, &mut letters);
                }
                chosen.push((
                    c,
                    Keyword {
                        text: surface.to_string(),
                        score,
                    },
                    letters.clone(),
                ));
            }
        }
        chosen.into_iter().map(|(_, k, _)| k).collect()
    }

    /// A tiny deterministic generator (SplitMix64) for the generated cases below.
    struct Generator(u64);

    impl Generator {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            mix(self.0)
        }

        /// A number in `0..n`.
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n.max(1)
        }

        fn chance(&mut self, percent: u64) -> bool {
            self.below(100) < percent
        }

        /// A position on a coarse grid (ties are frequent) or anywhere in `[0, 1]`.
        fn position(&mut self) -> f32 {
            if self.chance(70) {
                self.below(9) as f32 / 8.0
            } else {
                (self.below(1 << 20) as f32) / (1 << 20) as f32
            }
        }
    }

    /// Words of the generated phrases: few, so that near-duplicates and equal letters are
    /// frequent (`Time Warner`, `TimeWarner`, `time warner`).
    const VOCABULARY: &[&str] = &[
        "time",
        "warner",
        "silk",
        "road",
        "kazakh",
        "president",
        "tokayev",
        "red",
        "sox",
        "rule",
        "law",
        "aol",
    ];

    /// A generated article's candidates: surfaces from [`VOCABULARY`] in any case, joined by
    /// a space or not, so that the same surface always has the same words; distinct keys;
    /// counts, positions and casing with many ties; candidates seen once mostly in one spot.
    fn generated_candidates(g: &mut Generator) -> Candidates {
        let mut out = Candidates::default();
        let n = match g.below(4) {
            0 => g.below(12),
            1 => g.below(60),
            _ => g.below(320),
        };
        for _ in 0..n {
            let len = 1 + g.below(3) as usize;
            let connector = len == 3 && g.chance(30);
            let mut words = [0u32; 3];
            let mut parts = Vec::new();
            for (slot, word_hash) in words.iter_mut().enumerate().take(len) {
                if connector && slot == 1 {
                    parts.push(if g.chance(50) { "of" } else { "and" }.to_string());
                    continue;
                }
                let word = VOCABULARY[g.below(VOCABULARY.len() as u64) as usize];
                *word_hash = (word_key(word) as u32).max(1);
                parts.push(match g.below(3) {
                    0 => word.to_string(),
                    1 => word.to_uppercase(),
                    _ => word[..1].to_uppercase() + &word[1..],
                });
            }
            let surface = parts.join(if g.chance(10) { "" } else { " " });
            let from = out.surfaces.len() as u32;
            out.surfaces.push_str(&surface);
            let count = match g.below(10) {
                0..=5 => 1,
                6..=8 => 2 + g.below(4) as u32,
                _ => g.below(80) as u32,
            };
            let first_position = g.position();
            let last_position = if count <= 1 && g.chance(90) {
                first_position
            } else {
                first_position.max(g.position())
            };
            let mid_sentence = g.below(u64::from(count) + 1) as u32;
            let named = if g.chance(5) {
                mid_sentence + 1
            } else {
                g.below(u64::from(mid_sentence) + 1) as u32
            };
            out.list.push(Candidate {
                key: g.next(),
                words,
                len: len as u8,
                surface: (from, out.surfaces.len() as u32),
                count,
                first_position,
                last_position,
                mid_sentence,
                named,
                in_title: g.chance(15),
                connector,
            });
        }
        out
    }

    #[test]
    fn bounded_ranking_equals_scoring_every_candidate() {
        let mut g = Generator(7);
        for case in 0..4000 {
            let candidates = generated_candidates(&mut g);
            let n_docs = [0, 1, 2, 10, 2225, 1_000_000][g.below(6) as usize];
            let top_n = [0, 1, 3, 10, 10, 10, 40][g.below(7) as usize];
            let (kind, salt) = (g.below(5), g.next());
            // Constant, small, spread over the corpus, sometimes 0 (counts as 1) or above
            // the corpus size (a negative inverse document frequency).
            let df = |key: u64| -> u32 {
                let h = mix(key ^ salt);
                match kind {
                    0 => 1,
                    1 => 1 + (h % 3) as u32,
                    2 => (h % (n_docs as u64 + 1)) as u32,
                    3 if h.is_multiple_of(7) => u32::MAX,
                    _ => 1 + (h % 50) as u32,
                }
            };
            let expected = rank_by_scoring_all(&candidates, |k| df(k).max(1), n_docs, top_n);
            let got = rank(&candidates, df, n_docs, top_n);
            assert_eq!(got.len(), expected.len(), "case {case}");
            for (a, b) in got.iter().zip(&expected) {
                assert_eq!(
                    (&a.text, a.score.to_bits()),
                    (&b.text, b.score.to_bits()),
                    "case {case}"
                );
            }
        }
    }

    #[test]
    fn seen_once_groups_bound_their_candidates() {
        let mut g = Generator(11);
        let mut grouped = 0;
        for _ in 0..200 {
            let candidates = generated_candidates(&mut g);
            for c in &candidates.list {
                let Some(group) = seen_once_group(c) else {
                    continue;
                };
                grouped += 1;
                for idf in [0.3, 1.0, idf(2225, 1), 17.5] {
                    let bound = seen_once_factors(group).score_with_idf(idf);
                    assert!(score::score_with_idf(c, idf) <= bound, "{c:?}");
                }
            }
        }
        assert!(grouped > 1000);
    }

    #[test]
    fn the_inverse_document_frequency_is_largest_for_one_document() {
        for n_docs in [0, 1, 2, 3, 10, 2225, 1_000_000, usize::MAX] {
            let largest = idf(n_docs, 1);
            assert!(largest > 0.0);
            for df in (1..5000).chain([u32::MAX / 2, u32::MAX]) {
                assert!(idf(n_docs, df) <= largest, "{n_docs} {df}");
            }
        }
    }

    #[test]
    fn ascii_letters_fold_as_unicode_letters_do() {
        let all: String = (0u8..128).map(char::from).collect();
        let mut g = Generator(3);
        for _ in 0..2000 {
            let phrase: String = (0..g.below(12))
                .map(|_| char::from(all.as_bytes()[g.below(128) as usize]))
                .collect();
            let mut fast = String::new();
            fold_letters(&phrase, &mut fast);
            let unicode: String = phrase
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(fast, unicode, "{phrase:?}");
        }
        let mut folded = String::new();
        fold_letters("Ünd-Straße", &mut folded);
        assert_eq!(folded, "ündstraße");
    }

    #[test]
    fn idf_is_smoothed() {
        assert!((idf(1, 1) - 1.0).abs() < 1e-12);
        assert!(idf(10, 1) > idf(10, 5));
    }
}
