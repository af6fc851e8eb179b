//! The corpus: finding the input files and reading each as text.

pub mod dates;
pub mod discover;
pub mod format;
pub mod html;
pub mod parse;
pub mod read;
pub mod records;

pub use discover::{discover, walk, Discovery, InputFile};
pub use format::Format;
pub use read::{read_file, DecodedText, ReadError};
