//! Reads one corpus file as text: rejects empty and binary files, decodes UTF-8 (with or without
//! a byte-order mark), UTF-16 with a byte-order mark, and legacy Windows-1252 / Latin-1 text.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::path::Path;

/// Why a file could not be read as text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("cannot read: {0}")]
    Io(String),
    /// The file has no bytes, or only white space.
    #[error("empty file")]
    Empty,
    /// The file holds binary data, not text.
    #[error("not a text file ({0})")]
    Binary(String),
}

/// A file's text and the encoding it was decoded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedText {
    /// The decoded text, without byte-order mark.
    pub text: String,
    /// Name of the encoding, such as `UTF-8` or `windows-1252`.
    pub encoding: &'static str,
}

/// Reads and decodes the file at `path`.
pub fn read_text(path: &Path) -> Result<DecodedText, ReadError> {
    let bytes = std::fs::read(path).map_err(|e| ReadError::Io(e.to_string()))?;
    decode(bytes)
}

/// Decodes the bytes of a file; see [`read_text`].
pub fn decode(bytes: Vec<u8>) -> Result<DecodedText, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(&bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(text.into_owned(), encoding);
    }
    if let Some(kind) = binary_kind(&bytes) {
        return Err(ReadError::Binary(kind));
    }
    match String::from_utf8(bytes) {
        Ok(text) => finish(text, UTF_8),
        Err(err) => {
            // Not UTF-8: legacy single-byte text, as Windows-1252 (a superset of Latin-1's
            // printable range, which decodes `£`, curly quotes and dashes of old Windows files).
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(err.as_bytes());
            finish(text.into_owned(), WINDOWS_1252)
        }
    }
}

/// Rejects decoded text that is empty or white space only.
fn finish(text: String, encoding: &'static Encoding) -> Result<DecodedText, ReadError> {
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(DecodedText {
        text,
        encoding: encoding.name(),
    })
}

/// Names the kind of binary data when `bytes` are not text: a known file signature, NUL bytes, or
/// many control characters in the first 8 KiB.
fn binary_kind(bytes: &[u8]) -> Option<String> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF document"),
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"\x7FELF", "executable"),
        (b"MZ", "executable"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x1F\x8B", "gzip data"),
    ];
    for (magic, name) in SIGNATURES {
        if bytes.starts_with(magic) {
            return Some((*name).to_string());
        }
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Some("binary data".to_string());
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    (controls * 10 > head.len()).then(|| "binary data".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"caf\xC3\xA9".to_vec()).unwrap().text, "café");
        let d = decode(b"\xEF\xBB\xBFcaf\xC3\xA9".to_vec()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("café", "UTF-8"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "£5 café".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("£5 café", "UTF-16LE"));
    }

    #[test]
    fn latin1_pound_sign_is_decoded_not_replaced() {
        let d = decode(b"cost \xA35m".to_vec()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("cost £5m", "windows-1252"));
    }

    #[test]
    fn empty_and_binary_are_rejected() {
        assert_eq!(decode(Vec::new()), Err(ReadError::Empty));
        assert_eq!(decode(b" \n\t ".to_vec()), Err(ReadError::Empty));
        assert_eq!(
            decode(b"%PDF-1.4 ...".to_vec()),
            Err(ReadError::Binary("PDF document".into()))
        );
        assert_eq!(
            decode(b"abc\0def".to_vec()),
            Err(ReadError::Binary("binary data".into()))
        );
    }

    #[test]
    fn missing_file_is_an_io_error() {
        let err = read_text(Path::new("/nonexistent/newslens/x.txt")).unwrap_err();
        assert!(matches!(err, ReadError::Io(_)));
    }
}
