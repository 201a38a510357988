//! `cable`: parse, export and count diplomatic cables (Cablegate), from single files
//! to whole archives. Run `cable --help` or `cable SUBCOMMAND --help`.

// The binary's root is this file, not a `main.rs` in `cable/`, so that its path in
// Cargo.toml stays; its modules live beside it, in `cable/`.
#[path = "cable/args.rs"]
mod args;
#[path = "cable/commands.rs"]
mod commands;
#[path = "cable/run.rs"]
mod run;

use std::io;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// A fatal error: the run cannot go on (exit status 2).
pub(crate) enum Fatal {
    /// The output is closed (e.g. `cable parse --jsonl dir | head`): stop quietly.
    BrokenPipe,
    Other(String),
}

impl From<io::Error> for Fatal {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Fatal::BrokenPipe
        } else {
            Fatal::Other(format!("cannot write the output: {e}"))
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => commands::parse(args),
        Command::Export(args) => commands::export(args),
        Command::Stats(args) => commands::stats(args),
    };
    match result {
        Ok(code) => code,
        Err(Fatal::BrokenPipe) => ExitCode::SUCCESS,
        Err(Fatal::Other(message)) => {
            eprintln!("cable: error: {message}");
            ExitCode::from(2)
        }
    }
}
