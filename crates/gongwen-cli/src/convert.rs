//! `gongwen convert`: inputs to XML, DOCX or PDF files — one file, or a whole folder in
//! parallel with a progress bar.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use gongwen::ast::Severity;
use gongwen::{RenderOptions, StyleProfile};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::args::{ConvertArgs, Format};
use crate::input::{display_name, has_extension, read_source};
use crate::io::{Inputs, describe, ensure_dir, is_stdio, write_output};

/// Runs `gongwen convert`. Each input is converted on its own: one that fails is reported
/// and the others still go through; the exit status is 1 if any failed.
pub fn run(args: &ConvertArgs) -> Result<ExitCode, String> {
    let started = Instant::now();
    let formats = formats(args)?;
    let style = load_style(args.style.as_deref())?;
    // Fonts are found and parsed once, and only when a PDF is wanted.
    let fonts = if formats.contains(&Format::Pdf) {
        Some(crate::fonts::font_book(&style, &args.font_dir).map_err(|e| e.to_string())?)
    } else {
        None
    };
    let render = RenderOptions { style, timestamp: epoch()?, fonts };
    let jobs = plan(args, &formats)?;
    let inputs = Inputs::new(jobs.iter().map(|j| &j.input));
    if let Some(dir) = &args.out_dir {
        ensure_dir(dir)?;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or_else(|| {
            // Each output is synced to disk before its rename; a second worker per core
            // keeps the core busy meanwhile (1,000 speeches: 8.1 s with one, 7.3 s with two).
            2 * std::thread::available_parallelism().map_or(1, |n| n.get())
        }))
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let bar = progress_bar(jobs.len());
    let outcomes: Vec<Outcome> = pool.install(|| {
        jobs.par_iter()
            .map(|job| {
                let outcome = convert_one(job, args, &render, &inputs);
                match &outcome {
                    Err(message) => bar.suspend(|| eprintln!("error: {message}")),
                    Ok(findings) if *findings > 0 && jobs.len() == 1 => {
                        let name = display_name(&job.input);
                        bar.suspend(|| {
                            eprintln!(
                                "{name}: {findings} finding{} in the source; `gongwen check {name}` shows {}",
                                if *findings == 1 { "" } else { "s" },
                                if *findings == 1 { "it" } else { "them" }
                            )
                        });
                    }
                    Ok(_) => {}
                }
                bar.inc(1);
                outcome
            })
            .collect()
    });
    bar.finish_and_clear();
    let failed = outcomes.iter().filter(|o| o.is_err()).count();
    if jobs.len() > 1 {
        let with_findings = outcomes.iter().filter(|o| matches!(o, Ok(n) if *n > 0)).count();
        eprintln!(
            "converted {} of {} inputs ({with_findings} with findings for `gongwen check`), {failed} failed, in {:.2} s",
            jobs.len() - failed,
            jobs.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// Converted, with this many warnings or errors in the source; or why not.
type Outcome = Result<usize, String>;

/// One input and where its outputs go.
struct Job {
    input: PathBuf,
    outputs: Vec<(Format, PathBuf)>,
}

fn load_style(path: Option<&Path>) -> Result<StyleProfile, String> {
    let Some(path) = path else { return Ok(StyleProfile::default()) };
    let text = std::fs::read_to_string(path).map_err(|e| describe(path, &e))?;
    StyleProfile::from_toml(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// `SOURCE_DATE_EPOCH`, the reproducible-builds convention for "the time to record".
fn epoch() -> Result<Option<i64>, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Err(_) => Ok(None),
        Ok(value) => value.trim().parse().map(Some).map_err(|_| {
            format!("SOURCE_DATE_EPOCH must be a whole number of seconds, not `{value}`")
        }),
    }
}

/// The formats to write: --to, else the extension of -o, else DOCX.
fn formats(args: &ConvertArgs) -> Result<Vec<Format>, String> {
    let mut formats = Vec::new();
    for f in &args.to {
        if !formats.contains(f) {
            formats.push(*f);
        }
    }
    let Some(out) = &args.output else {
        if formats.is_empty() {
            formats.push(Format::Docx);
        }
        return Ok(formats);
    };
    if formats.len() > 1 {
        return Err("-o writes one file; use --out-dir for several formats".into());
    }
    if formats.is_empty() {
        if is_stdio(out) {
            return Err("writing to standard output needs --to xml, docx or pdf".into());
        }
        let format = format_of(out).ok_or_else(|| {
            format!(
                "{}: cannot tell the format from this name; use .xml, .docx or .pdf, or --to",
                out.display()
            )
        })?;
        formats.push(format);
    }
    Ok(formats)
}

/// Decides every output path before anything is written, so that a mistake on the command
/// line (two inputs with one -o) writes nothing. Directories are searched for *.txt,
/// *.xml, *.docx and *.md; their outputs keep the folder structure under --out-dir. Two
/// inputs that would get the same output name (a.txt and a.xml, or two speech.txt in
/// different folders given by name) are told apart with a numeric suffix, in input order;
/// so is an output that would be an input (draft.docx converted to DOCX).
fn plan(args: &ConvertArgs, formats: &[Format]) -> Result<Vec<Job>, String> {
    if let Some(output) = &args.output {
        if args.inputs.len() > 1 {
            return Err("-o takes a single input; use --out-dir for several".into());
        }
        let input = &args.inputs[0];
        if !is_stdio(input) && std::fs::metadata(input).is_ok_and(|m| m.is_dir()) {
            return Err(format!("{}: is a directory; use --out-dir", input.display()));
        }
        return Ok(vec![Job { input: input.clone(), outputs: vec![(formats[0], output.clone())] }]);
    }
    let mut found = Vec::new(); // (input, output stem path without extension)
    for input in &args.inputs {
        if is_stdio(input) {
            return Err("standard input needs -o to say where the output goes".into());
        }
        let base = args.out_dir.clone();
        if std::fs::metadata(input).is_ok_and(|m| m.is_dir()) {
            let mut files = Vec::new();
            walk(input, &mut files)?;
            if files.is_empty() {
                return Err(format!(
                    "{}: no *.txt, *.xml, *.docx or *.md files in this directory",
                    input.display()
                ));
            }
            for file in files {
                let relative = file.strip_prefix(input).unwrap_or(&file).with_extension("");
                let stem = match &base {
                    Some(dir) => dir.join(relative),
                    None => file.with_extension(""),
                };
                found.push((file, stem));
            }
        } else {
            let name = input.file_stem().map(PathBuf::from).unwrap_or_else(|| "output".into());
            let stem = match &base {
                Some(dir) => dir.join(name),
                None => input.with_extension(""),
            };
            found.push((input.clone(), stem));
        }
    }
    let mut taken: HashSet<PathBuf> = found.iter().map(|(input, _)| input.clone()).collect();
    let mut jobs = Vec::new();
    for (input, stem) in found {
        let stem = (1..)
            .map(|n| if n == 1 { stem.clone() } else { suffixed(&stem, n) })
            .find(|s| formats.iter().all(|f| !taken.contains(&with_ext(s, *f))))
            .expect("some suffix is free");
        let outputs: Vec<_> = formats.iter().map(|f| (*f, with_ext(&stem, *f))).collect();
        taken.extend(outputs.iter().map(|(_, p)| p.clone()));
        jobs.push(Job { input, outputs });
    }
    Ok(jobs)
}

/// Collects the inputs under `dir` (*.txt, *.xml, *.docx, *.md), sorted, skipping hidden
/// entries.
fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| describe(dir, &e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, files)?;
        } else if ["txt", "xml", "docx", "md"].iter().any(|e| has_extension(&path, e)) {
            files.push(path);
        }
    }
    Ok(())
}

fn suffixed(stem: &Path, n: usize) -> PathBuf {
    let mut name = stem.file_name().unwrap_or_default().to_os_string();
    name.push(format!("-{n}"));
    stem.with_file_name(name)
}

fn with_ext(stem: &Path, format: Format) -> PathBuf {
    let mut name = stem.as_os_str().to_os_string();
    name.push(".");
    name.push(extension(format));
    PathBuf::from(name)
}

fn convert_one(job: &Job, args: &ConvertArgs, render: &RenderOptions, inputs: &Inputs) -> Outcome {
    let source = read_source(&job.input, args.from, &args.read)?;
    let name = display_name(&job.input);
    let mut findings = source.diagnostics.iter().filter(|d| d.severity != Severity::Note).count();
    for (format, output) in &job.outputs {
        let rendered = gongwen::render(&source.document, to_library(*format), render)
            .map_err(|e| format!("{name}: {e}"))?;
        // What only rendering can tell (a character no font has) is shown right away:
        // `check` does not render.
        for w in &rendered.warnings {
            let (line, column) = w.span.line_col(&source.text);
            eprintln!("{name}:{line}:{column}: {}: {}", w.severity.as_str(), w.message);
        }
        findings += rendered.warnings.len();
        if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            ensure_dir(parent)?;
        }
        write_output(output, &rendered.bytes, inputs)?;
    }
    Ok(findings)
}

fn to_library(format: Format) -> gongwen::Format {
    match format {
        Format::Xml => gongwen::Format::Xml,
        Format::Docx => gongwen::Format::Docx,
        Format::Pdf => gongwen::Format::Pdf,
    }
}

/// A bar on a terminal for batches; nothing when stderr is a file or a pipe.
fn progress_bar(len: usize) -> ProgressBar {
    if len < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {msg}")
        .expect("the template is valid");
    bar.set_style(style);
    bar
}

fn format_of(path: &Path) -> Option<Format> {
    [Format::Xml, Format::Docx, Format::Pdf]
        .into_iter()
        .find(|f| has_extension(path, extension(*f)))
}

fn extension(format: Format) -> &'static str {
    to_library(format).extension()
}
