//! `newslens actors`: shows the actor dictionary a run would use.
//!
//! ```text
//! newslens actors --list [--actors FILE]... [--no-default-actors]
//! ```
//!
//! Prints one CSV row per alias (`actor,type,alias,kind,case,not_near`), then one row per
//! ignored phrase (type `ignore`), so the dictionary can be read, searched or diffed like any
//! table. A malformed `--actors` file is reported with its line and problem.

use clap::Parser;
use newslens::actors::{ActorDictionary, CaseRule};
use std::io::Write;
use std::path::PathBuf;

/// Shows the actor dictionary: the built-in one (data/actors.toml), extended or replaced by
/// --actors files, as CSV (actor, type, alias, kind, case, not_near) on standard output.
#[derive(Debug, Parser)]
#[command(name = "newslens actors", bin_name = "newslens actors", version)]
pub struct ActorsArgs {
    /// Print every actor and alias as CSV.
    #[arg(long)]
    pub list: bool,

    /// Actor dictionary (TOML) extending the built-in one, as in a run. May be given several
    /// times.
    #[arg(long = "actors", value_name = "FILE")]
    pub actors: Vec<PathBuf>,

    /// Use only the --actors files, not the built-in dictionary.
    #[arg(long)]
    pub no_default_actors: bool,
}

impl ActorsArgs {
    /// Runs the subcommand; a closed standard output (`| head`) ends it quietly.
    pub fn run(self) -> anyhow::Result<()> {
        match self.list() {
            Err(e)
                if e.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
                    || e.downcast_ref::<csv::Error>().is_some_and(|e| {
                        matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
                    }) =>
            {
                Ok(())
            }
            other => other,
        }
    }

    fn list(self) -> anyhow::Result<()> {
        if !self.list {
            anyhow::bail!(
                "newslens actors: nothing to do (use --list; see newslens actors --help)"
            );
        }
        let mut dictionary = if self.no_default_actors {
            ActorDictionary::default()
        } else {
            ActorDictionary::built_in()
        };
        for path in &self.actors {
            dictionary.extend(ActorDictionary::load(path)?);
        }
        let stdout = std::io::stdout();
        let mut out = csv::Writer::from_writer(stdout.lock());
        out.write_record(["actor", "type", "alias", "kind", "case", "not_near"])?;
        for actor in &dictionary.actors {
            for alias in &actor.aliases {
                let case = match alias.case {
                    CaseRule::Auto => "auto",
                    CaseRule::Exact => "exact",
                    CaseRule::Insensitive => "insensitive",
                };
                out.write_record([
                    actor.name.as_str(),
                    actor.kind.as_str(),
                    alias.text.as_str(),
                    alias.kind.as_str(),
                    case,
                    alias.not_near.join("; ").as_str(),
                ])?;
            }
        }
        for phrase in &dictionary.ignore {
            out.write_record(["", "ignore", phrase.as_str(), "", "auto", ""])?;
        }
        out.flush()?;
        std::io::stdout().flush()?;
        Ok(())
    }
}
