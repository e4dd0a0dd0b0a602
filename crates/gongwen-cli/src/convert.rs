//! `gongwen convert`: inputs to XML, DOCX or PDF files — one file, or a whole folder in
//! parallel with a progress bar.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::Instant;

use gongwen::ast::{Block, Code, Inline, LineIndex, Severity};
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
    // Fonts are found and parsed once, and only when a PDF or OFD is wanted.
    let fonts = if formats.contains(&Format::Pdf) || formats.contains(&Format::Ofd) {
        let search = crate::fonts::Search { dirs: &args.font_dir, system: !args.no_system_fonts };
        Some(crate::fonts::load(&style, &search)?)
    } else {
        None
    };
    let seal = args.read.official.seal.as_deref().map(load_seal).transpose()?;
    let render = Render {
        options: RenderOptions {
            style,
            timestamp: epoch()?,
            fonts: fonts.as_ref().map(|f| f.book.clone()),
            seal,
        },
        fonts,
        with_fallbacks: OnceLock::new(),
    };
    let Plan { jobs, unreadable } = plan(args, &formats)?;
    for message in &unreadable {
        eprintln!("error: {message}");
    }
    let inputs = Inputs::new(jobs.iter().map(|j| &j.input));
    if let Some(dir) = &args.out_dir {
        ensure_dir(dir)?;
    }
    let workers = workers(args.jobs, jobs.len())?;
    let bar = progress_bar(jobs.len());
    let one = |job: &Job| {
        let outcome = convert_one(job, args, &render, &inputs);
        match &outcome {
            Err(message) => bar.suspend(|| eprintln!("error: {message}")),
            Ok(done) if jobs.len() == 1 => {
                bar.suspend(|| tell(&display_name(&job.input), done));
            }
            Ok(_) => {}
        }
        bar.inc(1);
        outcome
    };
    // One input is converted on this thread: a pool's start-up, and the wake-up of an idle
    // core, cost a tenth of a one-page PDF (10.0 ms against 11.2 ms for seed-003). A second
    // thread that looked for the fonts while the input was parsed was slower too (0.4 ms).
    let outcomes: Vec<Outcome> = if jobs.len() == 1 {
        jobs.iter().map(one).collect()
    } else {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(workers)
            .build()
            .map_err(|e| format!("cannot start worker threads: {e}"))?;
        pool.install(|| jobs.par_iter().map(one).collect())
    };
    bar.finish_and_clear();
    let failed = outcomes.iter().filter(|o| o.is_err()).count() + unreadable.len();
    let denied =
        args.deny.is_some() && outcomes.iter().any(|o| matches!(o, Ok(d) if d.findings > 0));
    if jobs.len() > 1 || !unreadable.is_empty() {
        let with_findings =
            outcomes.iter().filter(|o| matches!(o, Ok(d) if d.findings > 0)).count();
        let removed: usize =
            outcomes.iter().flatten().map(|d| d.removed_lines + d.removed_inline).sum();
        eprintln!(
            "converted {} of {} inputs ({with_findings} with findings for `gongwen check`, {removed} removed passages it lists), {failed} failed, in {:.2} s",
            jobs.len() + unreadable.len() - failed,
            jobs.len() + unreadable.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if failed > 0 || denied { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// Most inputs converted at once: each worker holds a document and its outputs in memory,
/// and more threads than this only wait on each other (two cores: 4 is as fast as 64).
const MAX_JOBS: usize = 256;

/// How many worker threads to start for `inputs` inputs.
fn workers(asked: Option<usize>, inputs: usize) -> Result<usize, String> {
    let n = match asked {
        Some(n) if n == 0 || n > MAX_JOBS => {
            return Err(format!("-j {n}: give a number of parallel jobs from 1 to {MAX_JOBS}"));
        }
        Some(n) => n,
        // Each output is synced to disk before its rename; a second worker per core keeps
        // the core busy meanwhile (1,000 speeches: 8.1 s with one, 7.3 s with two).
        None => 2 * std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    Ok(n.min(inputs.max(1)))
}

/// Converted, with what the user should hear of; or why not.
type Outcome = Result<Done, String>;

/// What a converted input leaves to tell.
struct Done {
    /// Warnings and errors of reading, rendering and the mojibake check.
    findings: usize,
    /// Whole lines the reader removed as noise (kept in the XML, absent from DOCX and PDF).
    removed_lines: usize,
    /// Parts of lines removed (pinyin after characters, a trailer glued to a line).
    removed_inline: usize,
}

/// Tells the user of one input's findings and removals, so that a printed copy never
/// loses text silently.
fn tell(name: &str, done: &Done) {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if done.findings > 0 {
        eprintln!(
            "{name}: {} in the source; `gongwen check {name}` shows {}",
            plural(done.findings, "finding"),
            if done.findings == 1 { "it" } else { "them" }
        );
    }
    if done.removed_lines + done.removed_inline > 0 {
        let mut what = Vec::new();
        if done.removed_lines > 0 {
            what.push(plural(done.removed_lines, "line"));
        }
        if done.removed_inline > 0 {
            what.push(plural(done.removed_inline, "part") + " of lines");
        }
        eprintln!(
            "{name}: removed {} as web noise; `gongwen check {name}` (or --verbose) lists them and the XML keeps them; --keep-noise keeps them in the output",
            what.join(" and ")
        );
    }
}

/// One input and where its outputs go.
struct Job {
    input: PathBuf,
    outputs: Vec<(Format, PathBuf)>,
}

pub(crate) fn load_style(path: Option<&Path>) -> Result<StyleProfile, String> {
    let Some(path) = path else { return Ok(StyleProfile::default()) };
    let text = std::fs::read_to_string(path).map_err(|e| describe(path, &e))?;
    StyleProfile::from_toml(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads and decodes the seal image of `--seal`, before anything is written: a file that
/// cannot be read or is no usable PNG ends the run with its name and why.
fn load_seal(path: &Path) -> Result<gongwen::SealImage, String> {
    let bytes = std::fs::read(path).map_err(|e| describe(path, &e))?;
    gongwen::SealImage::from_png(&bytes).map_err(|e| format!("{}: --seal: {e}", path.display()))
}

/// `SOURCE_DATE_EPOCH`, the reproducible-builds convention for "the time to record".
pub(crate) fn epoch() -> Result<Option<i64>, String> {
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
            return Err("writing to standard output needs --to xml, docx, pdf or ofd".into());
        }
        let format = format_of(out).ok_or_else(|| {
            format!(
                "{}: cannot tell the format from this name; use .xml, .docx, .pdf or .ofd, or --to",
                out.display()
            )
        })?;
        formats.push(format);
    }
    Ok(formats)
}

/// Decides every output path before anything is written, so that a mistake on the command
/// line (two inputs with one -o) writes nothing. Directories are searched for *.txt and
/// *.xml; their outputs keep the folder structure under --out-dir. Two
/// inputs that would get the same output name (a.txt and a.xml, or two speech.txt in
/// different folders given by name, or an output that would land on an input, as
/// draft.docx converted to DOCX) are told apart with a numeric suffix, in input order.
fn plan(args: &ConvertArgs, formats: &[Format]) -> Result<Plan, String> {
    if let Some(output) = &args.output {
        if args.inputs.len() > 1 {
            return Err("-o takes a single input; use --out-dir for several".into());
        }
        let input = &args.inputs[0];
        if !is_stdio(input) && std::fs::metadata(input).is_ok_and(|m| m.is_dir()) {
            return Err(format!("{}: is a directory; use --out-dir", input.display()));
        }
        let job = Job { input: input.clone(), outputs: vec![(formats[0], output.clone())] };
        return Ok(Plan { jobs: vec![job], unreadable: Vec::new() });
    }
    let mut found = Vec::new(); // (input, output stem path without extension)
    let mut unreadable = Vec::new();
    for input in &args.inputs {
        if is_stdio(input) {
            return Err("standard input needs -o to say where the output goes".into());
        }
        let base = args.out_dir.clone();
        if std::fs::metadata(input).is_ok_and(|m| m.is_dir()) {
            let mut walk = Walk::default();
            walk.dir(input);
            let files = walk.files;
            let failed_here = !walk.unreadable.is_empty();
            unreadable.extend(walk.unreadable);
            if files.is_empty() && !failed_here {
                return Err(format!(
                    "{}: no *.txt or *.xml files in this directory",
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
    // An output named like an input (a.xml → a.xml, or --out-dir the input folder) is
    // suffixed too: an input is never overwritten.
    let sources = Inputs::new(found.iter().map(|(input, _)| input));
    let free =
        |path: &PathBuf, taken: &HashSet<PathBuf>| !taken.contains(path) && !sources.contains(path);
    let mut taken = HashSet::new();
    let mut jobs = Vec::new();
    for (input, stem) in found {
        let stem = (1..)
            .map(|n| if n == 1 { stem.clone() } else { suffixed(&stem, n) })
            .find(|s| formats.iter().all(|f| free(&with_ext(s, *f), &taken)))
            .expect("some suffix is free");
        let outputs: Vec<_> = formats.iter().map(|f| (*f, with_ext(&stem, *f))).collect();
        taken.extend(outputs.iter().map(|(_, p)| p.clone()));
        jobs.push(Job { input, outputs });
    }
    Ok(Plan { jobs, unreadable })
}

/// What a run will convert, and the folders or entries it could not read (each one error;
/// the rest of the batch goes on).
struct Plan {
    jobs: Vec<Job>,
    unreadable: Vec<String>,
}

/// The extensions a folder search takes as inputs: texts, gongwen XML, Word and Markdown
/// drafts (each read by the reader its content asks for).
const INPUTS: [&str; 5] = ["txt", "xml", "docx", "md", "markdown"];

/// A search of folders for inputs (*.txt, *.xml, *.docx, *.md).
#[derive(Default)]
struct Walk {
    /// The files found, in sorted order within each folder.
    files: Vec<PathBuf>,
    /// One message per folder or entry that could not be read.
    unreadable: Vec<String>,
    /// Folders entered, by identity: a link back to one (`ln -s . loop`, or two links to
    /// each other) is not entered again, so a loop ends and nothing is converted twice.
    visited: HashSet<crate::io::FileId>,
}

impl Walk {
    /// Collects the files under `dir`, skipping hidden entries.
    fn dir(&mut self, dir: &Path) {
        match crate::io::file_id(dir) {
            Some(id) if !self.visited.insert(id) => return,
            _ => {}
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return self.unreadable.push(describe(dir, &e)),
        };
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => paths.push(entry.path()),
                Err(e) => self.unreadable.push(describe(dir, &e)),
            }
        }
        paths.retain(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')));
        paths.sort();
        for path in paths {
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => self.dir(&path),
                Ok(_) if INPUTS.iter().any(|e| has_extension(&path, e)) => self.files.push(path),
                Ok(_) => {}
                // A link that leads nowhere is not an input; one that cannot be followed
                // (a loop of links) might have been a folder, so it is reported.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => self.unreadable.push(describe(&path, &e)),
            }
        }
    }
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

/// How a command renders: its options, and the same with the system fallback faces for a
/// document with characters the first fonts lack.
struct Render {
    options: RenderOptions,
    fonts: Option<crate::fonts::Fonts>,
    with_fallbacks: OnceLock<Option<RenderOptions>>,
}

impl Render {
    /// `document` as `format`; laid out a second time, with the fallback faces, when the
    /// first fonts lack some of its characters and there are system faces to try.
    fn render(
        &self,
        document: &gongwen::ast::Document,
        format: gongwen::Format,
    ) -> Result<gongwen::Rendered, gongwen::Error> {
        let rendered = gongwen::render(document, format, &self.options)?;
        if !rendered.warnings.iter().any(|d| d.code == Code::MissingGlyph) {
            return Ok(rendered);
        }
        let fallback = self.with_fallbacks.get_or_init(|| {
            let book = self.fonts.as_ref()?.with_fallbacks()?;
            Some(RenderOptions { fonts: Some(book.clone()), ..self.options.clone() })
        });
        match fallback {
            Some(options) => gongwen::render(document, format, options),
            None => Ok(rendered),
        }
    }
}

fn convert_one(job: &Job, args: &ConvertArgs, render: &Render, inputs: &Inputs) -> Outcome {
    let mut source = read_source(&job.input, args.from, &args.read)?;
    // Converting tells no repair (`check --verbose` lists them); on a text of repairs their
    // records outweigh the tree, so they go before anything is rendered.
    source.changes = Vec::new();
    let name = display_name(&job.input);
    let mut findings = source.diagnostics.iter().filter(|d| d.severity != Severity::Note).count();
    let index = LineIndex::new(&source.text);
    let show = |diagnostics: &[gongwen::ast::Diagnostic]| {
        let mut err = std::io::stderr().lock();
        for d in diagnostics {
            let (line, column) = index.line_col(d.span.start);
            let _ = writeln!(err, "{name}:{line}:{column}: {}: {}", d.severity.as_str(), d.message);
        }
    };
    // A doubtful encoding is told with what to do about it.
    for d in source.diagnostics.iter().filter(|d| d.code == Code::EncodingUncertain) {
        let hint = d.hint.as_deref().unwrap_or_default();
        eprintln!("{name}: {}: {}; {hint}", d.severity.as_str(), d.message);
    }
    // What the official-copy options replaced is told, so that nothing changes unseen.
    let overridden: Vec<_> =
        source.diagnostics.iter().filter(|d| d.code == Code::OptionOverride).cloned().collect();
    show(&overridden);
    // Text garbled by a wrong encoding is worth a word even without `check`: the copy
    // would print the garbage.
    let garbled = gongwen::mojibake(&source);
    show(&garbled);
    findings += garbled.len();
    for (format, output) in &job.outputs {
        let rendered = render
            .render(&source.document, to_library(*format))
            .map_err(|e| format!("{name}: {e}"))?;
        // What only rendering can tell (a character no font has) is shown right away:
        // `check` does not render.
        show(&rendered.warnings);
        findings += rendered.warnings.len();
        if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            ensure_dir(parent)?;
        }
        write_output(output, &rendered.bytes, inputs)?;
    }
    let removed_lines =
        source.document.blocks.iter().filter(|b| matches!(b, Block::Removed(_))).count();
    let removed_inline = source
        .document
        .blocks
        .iter()
        .flat_map(|b| b.contents())
        .flat_map(|c| &c.inlines)
        .filter(|i| matches!(i, Inline::Removed(_)))
        .count();
    Ok(Done { findings, removed_lines, removed_inline })
}

fn to_library(format: Format) -> gongwen::Format {
    match format {
        Format::Xml => gongwen::Format::Xml,
        Format::Docx => gongwen::Format::Docx,
        Format::Pdf => gongwen::Format::Pdf,
        Format::Ofd => gongwen::Format::Ofd,
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
    [Format::Xml, Format::Docx, Format::Pdf, Format::Ofd]
        .into_iter()
        .find(|f| has_extension(path, extension(*f)))
}

fn extension(format: Format) -> &'static str {
    to_library(format).extension()
}
