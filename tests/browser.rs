//! `report.html` in a real browser: headless Chromium (Debian's `chromium` package) opens the
//! seed run's report, runs its JavaScript, and the test checks from the DOM that every table was
//! built and every chart image decoded, then takes a screenshot and checks it shows the page (not
//! a blank or error page). Skipped with a message when `/usr/bin/chromium` is absent (install it
//! with `apt-get install chromium`).
//!
//! `NEWSLENS_UPDATE_SCREENSHOT=1 cargo test --test browser` also writes the screenshot to
//! `docs/report.png`, the picture in the README.

mod common;

use common::repo;
use std::path::{Path, PathBuf};
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

/// Runs headless Chromium on `page` with `args` and a fresh profile; returns standard output.
fn chromium(page: &Path, args: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let output = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The value of attribute `name` on the `<html>` element of a dumped DOM.
fn html_attribute<'a>(dom: &'a str, name: &str) -> Option<&'a str> {
    let start = dom.find("<html")?;
    let tag = &dom[start..start + dom[start..].find('>')?];
    let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
    Some(&tag[at..at + tag[at..].find('"')?])
}

#[test]
fn report_renders_its_tables_and_charts_in_chromium() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!("skipping: {CHROMIUM} not found (apt-get install chromium)");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let config = newslens::Config::new(repo("input"), out.path());
    newslens::run(&config, &newslens::NoProgress).unwrap();
    let page = out.path().join("report.html").canonicalize().unwrap();

    // The DOM after the page's script ran and its images loaded.
    let dom = chromium(&page, &["--dump-dom"]);
    assert_eq!(
        html_attribute(&dom, "data-ready"),
        Some("1"),
        "script did not run"
    );
    assert_eq!(
        html_attribute(&dom, "data-images-rendered"),
        // top terms, keywords, actor mentions, co-mentions
        Some("4"),
        "chart images did not all decode"
    );
    // files, top terms, actors, articles, then the tables without a section of their own
    // (mentions, co-mentions, candidates, alias suggestions)
    assert_eq!(dom.matches("<table").count(), 8);
    // The top-terms, actors and articles tables hold their rows.
    assert!(dom.contains("<td>China</td>"));
    assert!(dom.contains("Kassym-Jomart Tokayev"));
    assert!(dom.contains("Kazakhstan has lessons for the Gulf"));
    assert_eq!(dom.matches("class=\"chip\"").count(), 4 * 5);

    // A screenshot of the top of the page: the right size, and showing the page.
    let shots = tempfile::tempdir().unwrap();
    let shot = shots.path().join("report.png");
    chromium(
        &page,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,1600",
        ],
    );
    let decoder = png::Decoder::new(std::fs::File::open(&shot).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((info.width, info.height), (1280, 1600));
    let channels = info.line_size / info.width as usize;
    let rgb: Vec<&[u8]> = pixels[..info.buffer_size()].chunks(channels).collect();
    let dark = rgb
        .iter()
        .filter(|p| p[0] < 100 && p[1] < 100 && p[2] < 100)
        .count();
    // The chart's bars (78, 121, 167) are on screen, and text is.
    let bars = rgb
        .iter()
        .filter(|p| p[0].abs_diff(78) < 6 && p[1].abs_diff(121) < 6 && p[2].abs_diff(167) < 6)
        .count();
    assert!(
        dark > rgb.len() / 200,
        "too little text: {dark} dark pixels"
    );
    assert!(bars > 2000, "no chart bars on screen: {bars} pixels");

    if std::env::var_os("NEWSLENS_UPDATE_SCREENSHOT").is_some() {
        let dest: PathBuf = repo("docs/report.png");
        std::fs::copy(&shot, &dest).unwrap();
        eprintln!("wrote {}", dest.display());
    }
}
