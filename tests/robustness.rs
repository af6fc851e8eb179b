//! No input makes the analysis panic: the splitter, the analysis chain, keyword candidates and
//! actor matching run over many pseudo-random texts built from the characters that trip text
//! code (multi-byte letters, combining marks, quotes, dashes, apostrophes, dots, `@`, `://`,
//! line breaks). A deterministic generator keeps the test repeatable without extra crates.

use newslens::actors::{ActorDictionary, ActorMatcher, AliasKind};
use newslens::analysis::{analyze_article, LocalTerms};
use newslens::split::ArticleSplitter;
use newslens::text::Analyzer;

/// Characters and fragments random texts are made of.
const PIECES: &[&str] = &[
    "a",
    "Z",
    "é",
    "ß",
    "İ",
    "ǅ",
    "\u{0301}",
    "\u{200B}",
    "\u{00AD}",
    "\u{FEFF}",
    "中",
    "😀",
    "’",
    "'",
    "\"",
    "“",
    "—",
    "–",
    "-",
    "--",
    ".",
    "...",
    "…",
    ",",
    ";",
    ":",
    "!",
    "?",
    "@",
    "://",
    "www.",
    ".com",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "0",
    "9",
    "1.5",
    "U.S.",
    "Mr.",
    "US",
    "us",
    "Tokayev",
    "Kassym-Jomart",
    "'s",
    "s'",
    "Published",
    "Continue Reading",
    "Image source:",
    "PhD",
    "Jane Roe, a fellow",
    "http",
    "(",
    ")",
    "\0",
    "\u{7F}",
];

/// A small deterministic pseudo-random generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn text(&mut self, pieces: usize) -> String {
        (0..pieces)
            .map(|_| PIECES[(self.next() % PIECES.len() as u64) as usize])
            .collect()
    }
}

#[test]
fn random_texts_never_panic() {
    let dictionary = ActorDictionary::built_in();
    let matcher = ActorMatcher::new(&dictionary, &AliasKind::ALL).unwrap();
    let splitter = ArticleSplitter::default();
    let mut analyzer = Analyzer::english();
    let mut table = LocalTerms::default();
    let mut rng = Rng(2026);
    for round in 0..3000 {
        let len = (rng.next() % 200) as usize;
        let page = rng.text(len);
        for article in splitter.split("random.txt", &page) {
            let a = analyze_article(&article, &mut analyzer, &matcher, &mut table);
            assert!(a.terms <= a.words, "round {round}: {page:?}");
        }
    }
}

#[test]
fn repeated_structure_in_random_pages_never_panics() {
    let splitter = ArticleSplitter::default();
    let mut rng = Rng(7);
    for _ in 0..500 {
        let mut page = String::new();
        for _ in 0..(rng.next() % 6) {
            page.push_str("Section\n\n");
            page.push_str(&rng.text(8));
            page.push_str("\n\nPublished\n\n");
            page.push_str(&rng.text(40));
            page.push_str("\n\nContinue Reading\n\n");
        }
        let _ = splitter.split("random.txt", &page);
    }
}
