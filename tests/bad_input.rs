//! Every kind of bad input gets a clear message naming the file, a `files.csv` row, the right
//! exit code, and the good files of the same corpus are still analysed.

mod common;

use common::{csv_maps, repo};
use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

/// A corpus holding one good page, plus whatever the test adds.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        repo("tests/fixtures/mini/plain/turkey-recipe.txt"),
        dir.path().join("good.txt"),
    )
    .unwrap();
    dir
}

/// Runs newslens on `input` into `output` with extra arguments.
fn run(input: &Path, output: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslens"))
        .arg(input)
        .arg("-o")
        .arg(output)
        .arg("--no-charts")
        .args(args)
        .output()
        .unwrap()
}

/// `files.csv` as path -> row.
fn files(output: &Path) -> HashMap<String, HashMap<String, String>> {
    csv_maps(&output.join("files.csv"))
        .into_iter()
        .map(|r| (r["path"].clone(), r))
        .collect()
}

/// Checks the common outcome: exit code, the message, the file's status, and the good page.
fn check(out: &Output, output: &Path, code: i32, file: &str, status: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    assert!(
        stderr.contains(file),
        "stderr does not name {file}: {stderr}"
    );
    let files = files(output);
    let row = files
        .get(file)
        .unwrap_or_else(|| panic!("no files.csv row for {file}: {files:?}"));
    assert!(
        row["status"].starts_with(status),
        "{file}: {:?}",
        row["status"]
    );
    assert_eq!(files["good.txt"]["status"], "ok");
    let articles = csv_maps(&output.join("articles.csv"));
    assert!(articles
        .iter()
        .any(|a| a["title"] == "Roast turkey for the holidays"));
}

#[test]
fn binary_files_are_skipped() {
    let input = corpus();
    let output = tempfile::tempdir().unwrap();
    fs::write(input.path().join("scan.txt"), b"%PDF-1.7 binary").unwrap();
    fs::write(input.path().join("tool.md"), b"\x7fELF\x02\x01\x01\0\0\0").unwrap();
    let out = run(input.path(), output.path(), &[]);
    check(
        &out,
        output.path(),
        1,
        "scan.txt",
        "skipped: not a text file (PDF document)",
    );
    check(
        &out,
        output.path(),
        1,
        "tool.md",
        "skipped: not a text file (executable)",
    );
}

#[test]
fn empty_file_is_skipped() {
    let input = corpus();
    let output = tempfile::tempdir().unwrap();
    fs::write(input.path().join("empty.txt"), "").unwrap();
    let out = run(input.path(), output.path(), &[]);
    check(&out, output.path(), 1, "empty.txt", "skipped: empty file");
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let input = corpus();
    let output = tempfile::tempdir().unwrap();
    let locked = input.path().join("locked.txt");
    fs::write(&locked, "Title\n\nBody.").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&locked).is_ok() {
        eprintln!("skipping unreadable_file_is_skipped: running as root, permissions do not apply");
        return;
    }
    let out = run(input.path(), output.path(), &[]);
    check(&out, output.path(), 1, "locked.txt", "skipped: cannot read");
}

#[cfg(unix)]
#[test]
fn broken_links_and_link_loops_are_skipped() {
    let input = corpus();
    let output = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(
        input.path().join("gone.txt"),
        input.path().join("broken.txt"),
    )
    .unwrap();
    fs::create_dir(input.path().join("sub")).unwrap();
    std::os::unix::fs::symlink(input.path(), input.path().join("sub/loop")).unwrap();
    let out = run(input.path(), output.path(), &[]);
    check(
        &out,
        output.path(),
        1,
        "broken.txt",
        "skipped: broken symbolic link",
    );
    check(
        &out,
        output.path(),
        1,
        "sub/loop",
        "skipped: symbolic link loop",
    );
}

#[test]
fn missing_input_directory_exits_2() {
    let output = tempfile::tempdir().unwrap();
    let out = run(Path::new("/nonexistent/corpus"), output.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/corpus"));
}

#[test]
fn corrupt_gzip_and_zip_bomb_are_skipped() {
    let input = corpus();
    let output = tempfile::tempdir().unwrap();
    fs::write(input.path().join("broken.txt.gz"), b"\x1f\x8b\x08\0garbage").unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&vec![b'a'; 4 << 20]).unwrap();
    fs::write(input.path().join("bomb.txt.gz"), gz.finish().unwrap()).unwrap();
    let out = run(input.path(), output.path(), &["--max-file-size", "1M"]);
    check(
        &out,
        output.path(),
        1,
        "broken.txt.gz",
        "skipped: corrupt gzip data",
    );
    check(
        &out,
        output.path(),
        1,
        "bomb.txt.gz",
        "skipped: larger than 1048576 bytes once decompressed",
    );
}

#[test]
fn bad_json_line_is_reported_and_the_rest_read() {
    let input = corpus();
    let output = tempfile::tempdir().unwrap();
    fs::write(
        input.path().join("feed.jsonl"),
        "{\"title\": \"One\", \"text\": \"First text.\", \"date\": \"2022-01-10\"}\n{not json\n{\"headline\": \"Two\", \"body\": \"Second text.\", \"url\": \"https://example.org/2\"}\n",
    )
    .unwrap();
    let out = run(input.path(), output.path(), &[]);
    check(&out, output.path(), 1, "feed.jsonl", "partial");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("feed.jsonl:2: not valid JSON"), "{stderr}");
    let files = files(output.path());
    assert_eq!(files["feed.jsonl"]["status"], "partial: 1 bad records");
    assert_eq!(files["feed.jsonl"]["articles"], "2");
    assert_eq!(files["feed.jsonl"]["format"], "jsonl");
    let articles = csv_maps(&output.path().join("articles.csv"));
    let one = articles.iter().find(|a| a["title"] == "One").unwrap();
    assert_eq!(one["published"], "2022-01-10");
    let two = articles.iter().find(|a| a["title"] == "Two").unwrap();
    assert_eq!(two["url"], "https://example.org/2");
}

#[test]
fn csv_without_text_column_is_skipped() {
    let input = corpus();
    let output = tempfile::tempdir().unwrap();
    fs::write(input.path().join("table.csv"), "name,score\nx,1\n").unwrap();
    let out = run(input.path(), output.path(), &[]);
    check(
        &out,
        output.path(),
        1,
        "table.csv",
        "skipped: no text column",
    );
}

#[test]
fn output_inside_the_input_is_never_read_back() {
    let input = corpus();
    let output = input.path().join("results");
    let first = run(input.path(), &output, &[]);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let second = run(input.path(), &output, &[]);
    assert_eq!(
        second.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let files = files(&output);
    assert_eq!(files.len(), 1, "{files:?}");
}

#[test]
fn output_that_cannot_be_written_exits_2() {
    let input = corpus();
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    fs::write(&blocker, "x").unwrap();
    let out = run(input.path(), &blocker.join("out"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot create output directory"));
}

#[test]
fn formula_titles_are_neutralised_unless_asked_not_to() {
    let input = tempfile::tempdir().unwrap();
    let output = tempfile::tempdir().unwrap();
    fs::write(
        input.path().join("evil.txt"),
        "=HYPERLINK(\"http://x\",\"click\")\n\nA body that mentions @everyone and -5 degrees.\n",
    )
    .unwrap();
    let out = run(input.path(), output.path(), &[]);
    assert_eq!(out.status.code(), Some(0));
    let articles = csv_maps(&output.path().join("articles.csv"));
    assert_eq!(articles[0]["title"], "'=HYPERLINK(\"http://x\",\"click\")");
    let out = run(input.path(), output.path(), &["--no-formula-guard"]);
    assert_eq!(out.status.code(), Some(0));
    let articles = csv_maps(&output.path().join("articles.csv"));
    assert_eq!(articles[0]["title"], "=HYPERLINK(\"http://x\",\"click\")");
}

#[test]
fn a_corpus_with_nothing_readable_exits_2() {
    let input = tempfile::tempdir().unwrap();
    let output = tempfile::tempdir().unwrap();
    fs::write(input.path().join("empty.txt"), "").unwrap();
    let out = run(input.path(), output.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let empty = tempfile::tempdir().unwrap();
    let out = run(empty.path(), output.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no corpus files"));
}

#[test]
fn legacy_encodings_are_decoded_and_reported() {
    let input = corpus();
    let output = tempfile::tempdir().unwrap();
    let mut page =
        b"Pound falls\n\nThe pound fell to \xA31.20 against the dollar on Tuesday.".to_vec();
    page.extend_from_slice(&b" Traders in London said the move was expected.".repeat(3));
    fs::write(input.path().join("latin1.txt"), page).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Euro rises\n\nThe euro rose to €1.10.".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    fs::write(input.path().join("utf16.txt"), utf16).unwrap();
    let out = run(input.path(), output.path(), &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = files(output.path());
    assert_eq!(files["latin1.txt"]["encoding"], "windows-1252");
    assert_eq!(files["utf16.txt"]["encoding"], "UTF-16LE");
    assert_eq!(files["good.txt"]["encoding"], "UTF-8");
    let terms = csv_maps(&output.path().join("corpus_terms.csv"));
    assert!(terms.iter().any(|t| t["word"] == "euro"));
}

#[test]
fn a_failed_run_leaves_the_previous_results_intact() {
    let input = corpus();
    let output = tempfile::tempdir().unwrap();
    let first = run(input.path(), output.path(), &[]);
    assert_eq!(first.status.code(), Some(0));
    let before = fs::read(output.path().join("articles.csv")).unwrap();
    // A second corpus, whose results cannot all be put in place: `terms.csv` is a directory.
    fs::write(
        input.path().join("second.txt"),
        "Another title\n\nAnother body.",
    )
    .unwrap();
    fs::remove_file(output.path().join("terms.csv")).unwrap();
    fs::create_dir_all(output.path().join("terms.csv/blocker")).unwrap();
    let second = run(input.path(), output.path(), &[]);
    assert_eq!(second.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&second.stderr).contains("terms.csv"));
    assert_eq!(
        fs::read(output.path().join("articles.csv")).unwrap(),
        before
    );
    // No staging folder is left behind.
    let leftovers: Vec<_> = fs::read_dir(output.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(".newslens-staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn outputs_of_the_previous_run_that_are_not_rewritten_are_removed() {
    let input = corpus();
    let output = tempfile::tempdir().unwrap();
    fs::write(output.path().join("my-notes.txt"), "mine").unwrap();
    let with_charts = Command::new(env!("CARGO_BIN_EXE_newslens"))
        .arg(input.path())
        .arg("-o")
        .arg(output.path())
        .output()
        .unwrap();
    assert_eq!(with_charts.status.code(), Some(0));
    assert!(output.path().join("charts/top_terms.png").exists());
    let without = run(input.path(), output.path(), &[]);
    assert_eq!(without.status.code(), Some(0));
    assert!(!output.path().join("charts/top_terms.png").exists());
    assert!(output.path().join("articles.csv").exists());
    // Files newslens did not write are never touched.
    assert_eq!(
        fs::read_to_string(output.path().join("my-notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn html_pages_plain_and_gzipped_are_extracted() {
    let input = corpus();
    let output = tempfile::tempdir().unwrap();
    let page = r#"<!DOCTYPE html><html><head><title>Site | Steppe talks</title>
<meta property="og:title" content="Leaders meet in Astana">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2022-01-10T08:30:00Z">
<link rel="canonical" href="https://news.example/astana-talks">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Leaders meet in Astana</h1>
<p>Kazakh President Kassym-Jomart Tokayev hosted the leaders of Central Asia in Astana on Monday to discuss trade corridors across the Caspian Sea.</p>
<p>The talks, the first since the January unrest, ended with a joint statement on transport, energy and water that officials called a step forward.</p>
</article><aside><h2>Related</h2><ul><li><a href="/x">Other story</a></li></ul></aside>
<footer>Comments are closed. Copyright 2022.</footer></body></html>"#;
    fs::write(input.path().join("astana.html"), page).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(page.replace("Astana", "Almaty").as_bytes())
        .unwrap();
    fs::write(input.path().join("almaty.html.gz"), gz.finish().unwrap()).unwrap();
    let out = run(input.path(), output.path(), &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = files(output.path());
    assert_eq!(files["astana.html"]["format"], "html");
    assert_eq!(files["almaty.html.gz"]["format"], "html+gzip");
    let articles = csv_maps(&output.path().join("articles.csv"));
    let a = articles
        .iter()
        .find(|a| a["source"] == "astana.html")
        .unwrap();
    assert_eq!(a["title"], "Leaders meet in Astana");
    assert_eq!(a["author"], "Jane Roe");
    assert_eq!(a["published"], "2022-01-10T08:30:00Z");
    assert_eq!(a["url"], "https://news.example/astana-talks");
    let actors = csv_maps(&output.path().join("actors.csv"));
    assert!(actors.iter().any(|r| r["actor"] == "Kassym-Jomart Tokayev"));
    let terms = csv_maps(&output.path().join("corpus_terms.csv"));
    for furniture in ["home", "relat", "copyright"] {
        assert!(!terms.iter().any(|t| t["term"] == furniture), "{furniture}");
    }
}
