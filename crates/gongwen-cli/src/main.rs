//! The `gongwen` command: reads arguments, dispatches to a subcommand, and turns every
//! failure into a one-line message and a non-zero exit status.

mod args;
mod check;
mod convert;
mod explain;
mod fonts;
mod input;
mod io;
mod serve;
mod stale;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Convert(args) => convert::run(args),
        Command::Check(args) => check::run(args),
        Command::Style(_) => print(gongwen::StyleProfile::default().to_toml().into_bytes()),
        Command::Serve(args) => serve::run(args),
        Command::Completions(args) => {
            // Generated into memory: clap_complete panics when its writer fails.
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "gongwen", &mut script);
            print(script)
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut page)
                .map_err(|e| format!("man page: {e}"))
                .and_then(|()| print(page))
        }
    };
    result.unwrap_or_else(|message| {
        eprintln!("error: {message}");
        ExitCode::FAILURE
    })
}

/// Writes a finished text to standard output; a full or closed stream is an error message.
fn print(bytes: Vec<u8>) -> Result<ExitCode, String> {
    io::write_stdout(&bytes).map(|()| ExitCode::SUCCESS)
}
