//! The corpus: finding the input files and reading each as text.

pub mod discover;
pub mod read;

pub use discover::{discover, Discovery, InputFile};
pub use read::{read_text, DecodedText, ReadError};
