//! Tests of the `newslens` command: help, exit codes, messages naming bad files, and the rest of
//! the corpus still analysed.

mod common;

use common::{csv_maps, repo};
use std::fs;
use std::process::Command;

fn newslens() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newslens"))
}

#[test]
fn help_documents_every_option_with_its_default() {
    let out = newslens().arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "[default: input]",
        "--output",
        "[default: output]",
        "--keywords",
        "[default: 10]",
        "--actors",
        "--alias-kinds",
        "--threads",
        "--quiet",
        "--no-charts",
    ] {
        assert!(help.contains(needle), "missing {needle} in\n{help}");
    }
}

#[test]
fn bad_files_are_named_skipped_and_the_rest_is_analysed() {
    let input = tempfile::tempdir().unwrap();
    let output = tempfile::tempdir().unwrap();
    fs::copy(
        repo("tests/fixtures/mini/plain/turkey-recipe.txt"),
        input.path().join("good.txt"),
    )
    .unwrap();
    fs::write(input.path().join("empty.txt"), "").unwrap();
    fs::write(
        input.path().join("picture.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0binary",
    )
    .unwrap();
    let out = newslens()
        .arg(input.path())
        .arg("-o")
        .arg(output.path())
        .arg("--no-charts")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("empty.txt: empty file"), "{stderr}");
    assert!(
        stderr.contains("picture.txt: not a text file (PNG image)"),
        "{stderr}"
    );
    let articles = csv_maps(&output.path().join("articles.csv"));
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0]["title"], "Roast turkey for the holidays");
}

#[test]
fn missing_input_directory_exits_2_with_its_name() {
    let out = newslens()
        .arg("/nonexistent/newslens-corpus")
        .arg("-o")
        .arg(tempfile::tempdir().unwrap().path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("/nonexistent/newslens-corpus"), "{stderr}");
}

#[test]
fn output_that_cannot_be_created_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    fs::write(&blocker, "x").unwrap();
    let out = newslens()
        .arg(repo("tests/fixtures/mini"))
        .arg("-o")
        .arg(blocker.join("out"))
        .arg("--no-charts")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("cannot create output directory"),
        "{stderr}"
    );
}

#[test]
fn no_actors_is_refused_with_options_that_need_actors() {
    for other in [
        &["--actors", "x.toml"][..],
        &["--auto-aliases"],
        &["--no-default-actors"],
    ] {
        let out = newslens().arg("--no-actors").args(other).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{other:?}");
        assert!(
            String::from_utf8(out.stderr)
                .unwrap()
                .contains("cannot be used with"),
            "{other:?}"
        );
    }
}

#[test]
fn unknown_alias_kind_is_refused() {
    let out = newslens()
        .args(["--alias-kinds", "name,nickname"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("nickname"));
}

#[test]
fn charts_are_png_files() {
    let output = tempfile::tempdir().unwrap();
    let out = newslens()
        .arg(repo("tests/fixtures/mini"))
        .arg("-o")
        .arg(output.path())
        .arg("--quiet")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for chart in ["top_terms.png", "keywords.png", "actor_mentions.png"] {
        let bytes = fs::read(output.path().join("charts").join(chart)).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"), "{chart}");
    }
    assert!(
        out.stderr.is_empty(),
        "--quiet printed {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn user_actor_file_extends_the_dictionary() {
    let dir = tempfile::tempdir().unwrap();
    let actors = dir.path().join("actors.toml");
    fs::write(
        &actors,
        "[[actor]]\nname = \"Jane Roe\"\ntype = \"person\"\naliases = [\"Jane Roe\", { text = \"Roe\", kind = \"surname\" }]\n[[actor]]\nname = \"Trans-Caspian corridor\"\ntype = \"project\"\naliases = [\"Trans-Caspian corridor\"]\n",
    )
    .unwrap();
    let output = dir.path().join("out");
    let out = newslens()
        .arg(repo("tests/fixtures/mini"))
        .arg("-o")
        .arg(&output)
        .arg("--no-charts")
        .arg("--actors")
        .arg(&actors)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let rows = csv_maps(&output.join("actors.csv"));
    assert!(rows.iter().any(|r| r["actor"] == "Trans-Caspian corridor"
        && r["type"] == "project"
        && r["mentions"] == "1"));
    // The bio left the body, so its author is not a mention.
    assert!(!rows.iter().any(|r| r["actor"] == "Jane Roe"));
    // The built-in actors are still there.
    assert!(rows.iter().any(|r| r["actor"] == "Turkey"));

    let bad = dir.path().join("bad.toml");
    fs::write(
        &bad,
        "[[actor]]\nname = \"X\"\ntype = \"person\"\naliases = [1]\n",
    )
    .unwrap();
    let out = newslens()
        .arg(repo("tests/fixtures/mini"))
        .arg("-o")
        .arg(&output)
        .arg("--actors")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("bad.toml") && stderr.contains("line 4"),
        "{stderr}"
    );
}

#[test]
fn actors_list_prints_the_dictionary_as_csv() {
    let out = newslens().args(["actors", "--list"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("actor,type,alias,kind,case,not_near"));
    for row in [
        "Kazakhstan,country,Kazakh,demonym,auto,",
        "Kassym-Jomart Tokayev,person,Toqayev,surname,auto,",
        "Organization of Turkic States,organisation,OTS,acronym,auto,",
        ",ignore,Latin America,,auto,",
    ] {
        assert!(text.lines().any(|l| l == row), "missing {row}");
    }
    // Every UN member state is a country of the built-in dictionary (193 + observers).
    let countries: std::collections::BTreeSet<&str> = text
        .lines()
        .filter(|l| l.contains(",country,"))
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert!(countries.len() >= 193, "{}", countries.len());

    let own = repo("tests/fixtures/actors/dictionary.toml");
    let out = newslens()
        .args(["actors", "--list", "--no-default-actors", "--actors"])
        .arg(&own)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1 + 7);
}

#[test]
fn a_malformed_dictionary_is_refused_with_file_line_and_problem() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("mine.toml");
    fs::write(
        &bad,
        "[[actor]]\nname = \"X\"\ntype = \"group\"\naliases = [\n  \"Ex\",\n  { text = \"XG\", kind = \"nickname\" },\n]\n",
    )
    .unwrap();
    for args in [vec!["actors", "--list", "--actors"], vec!["--actors"]] {
        let out = newslens().args(&args).arg(&bad).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("mine.toml"), "{err}");
        assert!(err.contains("line 6"), "{err}");
        assert!(err.contains("unknown kind \"nickname\""), "{err}");
    }
}
