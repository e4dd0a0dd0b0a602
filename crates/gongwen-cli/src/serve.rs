//! `gongwen serve`: the web page, with the fonts and style `gongwen convert` would use, so
//! that the page's files are the command's.

use std::process::ExitCode;
use std::time::Duration;

use gongwen::RenderOptions;

use crate::args::ServeArgs;
use crate::convert::{epoch, load_style};

/// Runs the server until SIGINT or SIGTERM.
pub fn run(args: &ServeArgs) -> Result<ExitCode, String> {
    let style = load_style(args.style.as_deref())?;
    let search = crate::fonts::Search { dirs: &args.font_dir, system: !args.no_system_fonts };
    let fonts = crate::fonts::load(&style, &search)?.into_full();
    let mut limits = gongwen_server::Limits {
        max_body: args.max_mb.saturating_mul(1024 * 1024),
        timeout: Duration::from_secs(args.timeout.max(1)),
        ..Default::default()
    };
    if let Some(jobs) = args.jobs {
        limits.concurrency = jobs.max(1);
    }
    let render = RenderOptions { style, timestamp: epoch()?, fonts: Some(fonts), seal: None };
    gongwen_server::run(args.listen, gongwen_server::Config { render, limits })?;
    Ok(ExitCode::SUCCESS)
}
