//! Helpers shared by the end-to-end tests: running the pipeline and reading its CSV tables.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Path of a file or folder of the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Runs the library pipeline on `input` into a fresh temporary folder, charts off.
pub fn run(input: &Path) -> (tempfile::TempDir, newslens::RunSummary) {
    let out = tempfile::tempdir().unwrap();
    let mut config = newslens::Config::new(input, out.path());
    config.charts = false;
    let summary = newslens::run(&config, &newslens::NoProgress).unwrap();
    (out, summary)
}

/// The UTF-8 byte-order mark newslens writes at the start of CSV files (unless `--no-bom`).
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The rows of a CSV file as string records, header first (the byte-order mark, when there
/// is one, is not part of the first cell).
pub fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let bytes = bytes.strip_prefix(BOM).unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Runs the library pipeline with `config`, unwrapping the result.
pub fn run_with(config: &newslens::Config) -> newslens::RunSummary {
    newslens::run(config, &newslens::NoProgress).unwrap()
}

/// The rows of a CSV as maps from column name to value.
pub fn csv_maps(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let rows = csv_rows(path);
    let header = &rows[0];
    rows[1..]
        .iter()
        .map(|r| header.iter().cloned().zip(r.iter().cloned()).collect())
        .collect()
}
