//! `gongwen convert`: inputs to XML, DOCX or PDF files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gongwen::StyleProfile;
use gongwen::ast::{Document, Severity};

use crate::args::{ConvertArgs, Format};
use crate::input::{display_name, has_extension, read_source};
use crate::io::{ensure_dir, is_stdio, write_output};

/// Runs `gongwen convert`. Each input is converted on its own: one that fails is reported
/// and the others still go through; the exit status is 1 if any failed.
pub fn run(args: &ConvertArgs) -> Result<ExitCode, String> {
    let profile = match &args.style {
        None => StyleProfile::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| crate::io::describe(path, &e))?;
            StyleProfile::from_toml(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
    };
    let jobs = plan(args)?;
    if let Some(dir) = &args.out_dir {
        ensure_dir(dir)?;
    }
    let mut failed = 0;
    for job in &jobs {
        if let Err(message) = convert_one(job, args, &profile) {
            eprintln!("error: {message}");
            failed += 1;
        }
    }
    if failed > 0 && jobs.len() > 1 {
        eprintln!("{failed} of {} inputs failed", jobs.len());
    }
    Ok(if failed > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// One input and where its output goes.
struct Job<'a> {
    input: &'a Path,
    output: PathBuf,
    format: Format,
}

/// Decides every output path and format before anything is written, so that a mistake
/// on the command line (two inputs with one -o, colliding names) writes nothing.
fn plan(args: &ConvertArgs) -> Result<Vec<Job<'_>>, String> {
    let from_output = args.output.as_deref().filter(|p| !is_stdio(p)).and_then(format_of);
    if let (Some(out), None, None) = (&args.output, args.to, from_output) {
        if is_stdio(out) {
            return Err("writing to standard output needs --to xml, docx or pdf".into());
        }
        return Err(format!(
            "{}: cannot tell the format from this name; use .xml, .docx or .pdf, or --to",
            out.display()
        ));
    }
    let format = args.to.or(from_output).unwrap_or(Format::Docx);
    if let Some(output) = &args.output {
        if args.inputs.len() > 1 {
            return Err("-o takes a single input; use --out-dir for several".into());
        }
        return Ok(vec![Job { input: &args.inputs[0], output: output.clone(), format }]);
    }
    let mut jobs = Vec::new();
    let mut seen: HashMap<PathBuf, &Path> = HashMap::new();
    for input in &args.inputs {
        if is_stdio(input) {
            return Err("standard input needs -o to say where the output goes".into());
        }
        let name = input.file_stem().map(PathBuf::from).unwrap_or_else(|| "output".into());
        let dir = match &args.out_dir {
            Some(dir) => dir.clone(),
            None => input.parent().map(Path::to_path_buf).unwrap_or_default(),
        };
        let output = dir.join(name).with_extension(extension(format));
        if let Some(other) = seen.insert(output.clone(), input) {
            return Err(format!(
                "{} and {} would both be written to {}",
                other.display(),
                input.display(),
                output.display()
            ));
        }
        jobs.push(Job { input, output, format });
    }
    Ok(jobs)
}

fn convert_one(job: &Job<'_>, args: &ConvertArgs, profile: &StyleProfile) -> Result<(), String> {
    let source = read_source(job.input, args.from, &args.read)?;
    let bytes = render(&source.document, job.format, profile)?;
    write_output(&job.output, &bytes, &args.inputs)?;
    let warnings = source.diagnostics.iter().filter(|d| d.severity != Severity::Note).count();
    if warnings > 0 {
        let name = display_name(job.input);
        eprintln!(
            "{name}: {warnings} finding{} in the source; `gongwen check {name}` shows them",
            if warnings == 1 { "" } else { "s" }
        );
    }
    Ok(())
}

fn render(doc: &Document, format: Format, _profile: &StyleProfile) -> Result<Vec<u8>, String> {
    match format {
        Format::Xml => Ok(gongwen::xml::to_string(doc).into_bytes()),
        Format::Docx => Err("DOCX output is not supported yet".into()),
        Format::Pdf => Err("PDF output is not supported yet".into()),
    }
}

fn format_of(path: &Path) -> Option<Format> {
    [Format::Xml, Format::Docx, Format::Pdf]
        .into_iter()
        .find(|f| has_extension(path, extension(*f)))
}

fn extension(format: Format) -> &'static str {
    match format {
        Format::Xml => "xml",
        Format::Docx => "docx",
        Format::Pdf => "pdf",
    }
}
