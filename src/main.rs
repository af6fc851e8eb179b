//! The `newslens` command: a thin layer over the library that parses flags, shows progress and
//! turns the outcome into an exit code. `newslens actors --list` prints the actor dictionary
//! (see `cli/actors.rs`).
//!
//! Exit codes: 0 every input file was read; 1 some input files were skipped or read in part
//! (each is named on standard error, the rest analysed and written); 2 nothing could be done
//! (bad flags, missing or empty input directory, no readable file, unwritable output).

mod allocator;
mod cli;

use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newslens::{pipeline, Progress};
use std::io::IsTerminal;
use std::process::ExitCode;

/// A progress bar on standard error, hidden when it is not a terminal.
struct Bar(ProgressBar);

impl Progress for Bar {
    fn start(&self, files: u64) {
        self.0.set_length(files);
    }
    fn advance(&self) {
        self.0.inc(1);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

fn main() -> ExitCode {
    allocator::tune();
    let code = match run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("newslens: error: {err:#}");
            2
        }
    };
    allocator::exit(code)
}

fn run() -> anyhow::Result<u8> {
    // `newslens actors ...` (a folder named `actors` is read as `newslens ./actors`).
    if std::env::args_os().nth(1).is_some_and(|a| a == "actors") {
        let args = cli::actors::ActorsArgs::parse_from(std::env::args_os().skip(1));
        args.run()?;
        return Ok(0);
    }
    let args = cli::Args::parse();
    let quiet = args.quiet;
    let config = args.into_config()?;
    let bar = if quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} analysing {pos}/{len} files [{bar:30}] {eta}")
                .expect("valid template")
                .progress_chars("=> "),
        );
        bar
    };
    let summary = pipeline::run(&config, &Bar(bar))?;
    for s in &summary.skipped {
        eprintln!(
            "newslens: skipped {}: {}",
            config.input.join(&s.path).display(),
            s.reason
        );
    }
    for w in &summary.warnings {
        eprintln!("newslens: bad record in {}", config.input.join(w).display());
    }
    if let Some(note) = summary.results.topics.note.as_ref().filter(|_| !quiet) {
        eprintln!("newslens: {note}");
    }
    if !quiet && summary.results.topics.count > 0 {
        eprintln!(
            "newslens: {} topics, mean NPMI coherence {:.3}",
            summary.results.topics.count,
            summary.results.topics.mean_coherence()
        );
    }
    if !quiet {
        eprintln!(
            "newslens: {} files read ({} in part), {} skipped; {} articles, {} words, {} actor mentions; analysis {:.2} s, report {:.2} s; results in {}",
            summary.files_read,
            summary.partial,
            summary.skipped.len(),
            summary.articles,
            summary.words,
            summary.mentions,
            summary.analysis_time.as_secs_f64(),
            summary.report_time.as_secs_f64(),
            config.output.display()
        );
    }
    let code = if summary.files_read == 0 {
        eprintln!(
            "newslens: error: no file of {} could be read",
            config.input.display()
        );
        2
    } else if summary.skipped.is_empty() && summary.partial == 0 {
        0
    } else {
        1
    };
    // The process ends next (see `allocator::exit`): its memory goes back to the system at
    // once, whereas dropping the results would free tens of thousands of strings one by one.
    std::mem::forget(summary);
    Ok(code)
}
