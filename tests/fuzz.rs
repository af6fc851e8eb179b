//! Property tests (proptest, run on stable in every `cargo test`): no parser, nor the splitter
//! or tokenizer, panics on arbitrary input. Each property runs a few hundred cases; for a
//! longer campaign set `PROPTEST_CASES`, e.g. `PROPTEST_CASES=100000 cargo test --release
//! --test fuzz`.

use newslens::corpus::dates::normalize_date;
use newslens::corpus::format::Format;
use newslens::corpus::read::decode;
use newslens::corpus::records::{read_csv, read_jsonl, FieldNames};
use newslens::split::ArticleSplitter;
use newslens::text::{normalize, Analyzer};
use proptest::prelude::*;

/// Text made of the pieces that trip text code, as well as arbitrary characters.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(String::from),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("’".to_string()),
        Just("-".to_string()),
        Just("—".to_string()),
        Just("U.S.".to_string()),
        Just("Mr.".to_string()),
        Just("http://".to_string()),
        Just("@".to_string()),
        Just("\"".to_string()),
        Just(",".to_string()),
        Just("{".to_string()),
        Just("\u{0301}".to_string()),
        "[A-Za-z]{1,8}",
    ];
    proptest::collection::vec(piece, 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = decode(bytes);
    }

    #[test]
    fn tokenizer_and_analyzer_never_panic(text in tricky_text()) {
        let normalized = normalize(&text);
        let mut analyzer = Analyzer::english();
        let tokens = analyzer.analyze(&normalized).to_vec();
        for t in &tokens {
            prop_assert!(t.start <= t.end && t.end <= normalized.len());
            prop_assert!(normalized.is_char_boundary(t.start) && normalized.is_char_boundary(t.end));
        }
        let _ = analyzer.analyze(&text);
    }

    #[test]
    fn splitter_never_panics(text in tricky_text()) {
        let _ = ArticleSplitter::default().split("fuzz.txt", &text);
    }

    #[test]
    fn record_readers_never_panic(text in tricky_text()) {
        let fields = FieldNames::default();
        let _ = read_jsonl(&text, &fields);
        let _ = read_csv(&text, b',', &fields);
        let _ = read_csv(&text, b'\t', &fields);
    }

    #[test]
    fn dates_and_format_sniffing_never_panic(text in tricky_text()) {
        let _ = normalize_date(&text);
        let _ = Format::Text.sniff(&text);
    }

    #[test]
    fn html_extraction_never_panics(text in tricky_text()) {
        let _ = newslens::corpus::html::extract(&format!("<html><body><p>{text}</p></body></html>"), None);
        let _ = newslens::corpus::html::extract(&text, None);
    }
}
