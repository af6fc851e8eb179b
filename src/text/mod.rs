//! The text analysis chain: normalisation, tokenization, lower-casing, stop words and stemming.
//!
//! The chain is built in [`analyzer::Analyzer`] as a composition of small filters, one type per
//! file, in the spirit of tantivy's tokenizers:
//!
//! ```text
//! normalize -> tokenize -> lowercase -> stop words -> stem
//! ```

pub mod analyzer;
pub mod lowercase;
pub mod normalize;
pub mod stemmer;
pub mod stopwords;
pub mod token;
pub mod tokenizer;
pub mod word_set;

pub use analyzer::Analyzer;
pub use analyzer::{SurfaceEntry, Vocabulary};
pub use normalize::{collapse_whitespace, normalize};
pub use token::{Token, TokenKind, NO_ENTRY};
