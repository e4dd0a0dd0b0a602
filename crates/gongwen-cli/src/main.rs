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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage(&e),
    };
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

/// What clap has to say instead of running a command: usage errors on stderr as clap
/// prints them, and `--help` or `--version` on stdout, where clap would drop a write error
/// and exit 0 with nothing written (`gongwen --help > /dev/full`).
fn usage(e: &clap::Error) -> ExitCode {
    let code = ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    if e.use_stderr() || std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        // Coloured where clap would colour it; a failing stderr has nowhere to be told.
        let _ = e.print();
        return code;
    }
    match print(e.render().to_string().into_bytes()) {
        Ok(_) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Writes a finished text to standard output; a full or closed stream is an error message.
fn print(bytes: Vec<u8>) -> Result<ExitCode, String> {
    io::write_stdout(&bytes).map(|()| ExitCode::SUCCESS)
}
