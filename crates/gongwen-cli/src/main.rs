//! The `gongwen` command: reads arguments, dispatches to a subcommand, and turns every
//! failure into a one-line message and a non-zero exit status.

mod args;
mod check;
mod convert;
mod fonts;
mod input;
mod io;
mod serve;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Convert(args) => convert::run(args),
        Command::Check(args) => check::run(args),
        Command::Style(_) => {
            print!("{}", gongwen::StyleProfile::default().to_toml());
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => serve::run(args),
        Command::Completions(args) => {
            clap_complete::generate(
                args.shell,
                &mut Cli::command(),
                "gongwen",
                &mut std::io::stdout(),
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => clap_mangen::Man::new(Cli::command())
            .render(&mut std::io::stdout())
            .map(|()| ExitCode::SUCCESS)
            .map_err(|e| format!("standard output: {e}")),
    };
    result.unwrap_or_else(|message| {
        eprintln!("error: {message}");
        ExitCode::FAILURE
    })
}
