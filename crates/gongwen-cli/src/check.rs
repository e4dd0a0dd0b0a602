//! `gongwen check`: the findings of decoding, reading and the drafting rules, for people
//! (annotated source lines) or for programs (JSON).

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as Level};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor};
use gongwen::Source;
use gongwen::ast::{
    Block, Change, ChangeKind, Code, Diagnostic, Inline, LineIndex, Reason, Severity,
};

use crate::args::{CheckArgs, DenyLevel, ReportFormat};
use crate::input::{display_name, read_source};

/// Runs `gongwen check`. Exit status 1 when any input has an error finding (or a warning,
/// with `--deny warnings`) or could not be read.
pub fn run(args: &CheckArgs) -> Result<ExitCode, String> {
    let mut failed = false;
    let mut json = Vec::new();
    let color = if std::io::stdout().is_terminal() {
        termcolor::ColorChoice::Auto
    } else {
        termcolor::ColorChoice::Never
    };
    let stdout = termcolor::BufferWriter::stdout(color);
    for path in &args.inputs {
        let name = display_name(path);
        let source = match read_source(path, args.from, &args.read) {
            Ok(source) => source,
            Err(message) => {
                eprintln!("error: {message}");
                failed = true;
                continue;
            }
        };
        let mut findings = gongwen::check(&source);
        if args.verbose {
            findings.extend(source.changes.iter().map(|c| change_note(c, &source.text)));
        }
        findings.sort_by_key(|d| (d.span.start, d.severity, d.code));
        failed |= findings.iter().any(|d| fails(d.severity, args.deny));
        let index = LineIndex::new(&source.text);
        match args.format {
            ReportFormat::Json => {
                json.extend(findings.iter().map(|d| to_json(&name, &index, d)));
            }
            ReportFormat::Human => {
                let config = term::Config::default();
                let mut out = stdout.buffer();
                for d in &findings {
                    let file = Window::around(&name, &index, d);
                    term::emit_to_write_style(&mut out, &config, &file, &to_report(d, &file))
                        .expect("diagnostic spans lie within their source");
                }
                writeln!(out, "{name}: {}", summary(&findings)).expect("writing to memory");
                if let Some(repairs) = repairs(&source) {
                    writeln!(out, "{name}: {repairs}").expect("writing to memory");
                }
                if let Some(lines) = args
                    .explain
                    .then(|| crate::explain::explain(&name, &source, &args.read))
                    .flatten()
                {
                    write!(out, "{lines}").expect("writing to memory");
                }
                print(&stdout, &out)?;
            }
        }
    }
    if args.format == ReportFormat::Json {
        let text = serde_json::to_string_pretty(&serde_json::Value::Array(json))
            .expect("JSON values always serialise");
        let mut out = stdout.buffer();
        writeln!(out, "{text}").expect("writing to memory");
        print(&stdout, &out)?;
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// Prints a finished report. A reader that went away (`gongwen check … | head`) is not an
/// error.
fn print(stdout: &termcolor::BufferWriter, buffer: &termcolor::Buffer) -> Result<(), String> {
    match stdout.print(buffer) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("standard output: {e}"))
        }
        _ => Ok(()),
    }
}

fn fails(severity: Severity, deny: Option<DenyLevel>) -> bool {
    match severity {
        Severity::Error => true,
        Severity::Warning => deny == Some(DenyLevel::Warnings),
        Severity::Note => false,
    }
}

fn to_report(d: &Diagnostic, window: &Window) -> Report<()> {
    let level = match d.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Note => Level::Note,
    };
    let mut report = Report::new(level)
        .with_code(d.code.as_str())
        .with_message(&d.message)
        .with_labels(vec![Label::primary((), window.label.clone())]);
    if let Some(hint) = &d.hint {
        report = report.with_notes(vec![format!("hint: {hint}")]);
    }
    report
}

fn to_json(file: &str, index: &LineIndex, d: &Diagnostic) -> serde_json::Value {
    let (line, column) = index.line_col(d.span.start);
    serde_json::json!({
        "file": file,
        "line": line,
        "column": column,
        "severity": d.severity.as_str(),
        "code": d.code.as_str(),
        "message": d.message,
        "hint": d.hint,
    })
}

fn summary(findings: &[Diagnostic]) -> String {
    let count = |s: Severity| findings.iter().filter(|d| d.severity == s).count();
    let (errors, warnings, notes) =
        (count(Severity::Error), count(Severity::Warning), count(Severity::Note));
    if errors + warnings + notes == 0 {
        return "no findings".to_string();
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {}",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(notes, "note")
    )
}

/// Characters of a change's text shown in its note; a run of repairs longer than this
/// is shown by its start and its count.
const CHANGE_SHOWN: usize = 12;

/// A repair as a note, for `--verbose`; `source` is the text the change was read from.
fn change_note(c: &Change, source: &str) -> Diagnostic {
    let shown = |text: &str| {
        let mut out: String = text.chars().take(CHANGE_SHOWN).collect();
        if out.len() < text.len() {
            out.push('…');
        }
        out
    };
    let invisible = || {
        let codes = c
            .written(source)
            .chars()
            .take(CHANGE_SHOWN)
            .map(|ch| format!("U+{:04X}", u32::from(ch)));
        codes.collect::<Vec<_>>().join(" ")
    };
    let mut message = if c.kind == ChangeKind::Invisible {
        format!("{}: invisible control {} removed", c.kind.as_str(), invisible())
    } else if c.to.is_empty() {
        format!("{}: blank between Chinese characters removed", c.kind.as_str())
    } else {
        format!("{}: {} → {}", c.kind.as_str(), shown(c.written(source)), shown(&c.to))
    };
    if c.count > 1 {
        message.push_str(&format!(" ({} in a row)", c.count));
    }
    let hint = match c.kind {
        ChangeKind::Simplified => "read without --simplified to keep traditional characters",
        _ => "read with --no-normalize to keep punctuation and blanks as written",
    };
    Diagnostic::note(Code::Repaired, c.span, message).with_hint(hint)
}

/// What the reader repaired and removed, counted by kind: "repaired: 57 punctuation,
/// 4 quotes; removed: 120 pinyin, 1 web-trailer". `None` when it did neither.
fn repairs(source: &Source) -> Option<String> {
    let mut removed: BTreeMap<Reason, usize> = BTreeMap::new();
    for block in &source.document.blocks {
        if let Block::Removed(r) = block {
            *removed.entry(r.reason).or_default() += 1;
        }
        for inline in block.contents().into_iter().flat_map(|c| &c.inlines) {
            if let Inline::Removed(r) = inline {
                *removed.entry(r.reason).or_default() += 1;
            }
        }
    }
    let mut repaired = BTreeMap::new();
    for c in &source.changes {
        *repaired.entry(c.kind).or_insert(0) += c.count as usize;
    }
    let list = |counts: Vec<(usize, &str)>| {
        counts.iter().map(|(n, what)| format!("{n} {what}")).collect::<Vec<_>>().join(", ")
    };
    let mut parts = Vec::new();
    if !repaired.is_empty() {
        let counts = repaired.iter().map(|(k, &n)| (n, k.as_str())).collect();
        parts.push(format!("repaired: {}", list(counts)));
    }
    if !removed.is_empty() {
        let counts = removed.iter().map(|(r, &n)| (n, r.as_str())).collect();
        parts.push(format!("removed: {}", list(counts)));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// Characters of context shown on each side of a finding, and at most this many of the
/// finding itself: a one-paragraph web copy with a finding every few characters would
/// otherwise print its whole line once per finding (quadratic output).
const CONTEXT_CHARS: usize = 30;

/// The source as codespan sees it for one finding: the finding's line cut down to a
/// window around it, with the real line and column numbers.
struct Window<'a> {
    name: &'a str,
    index: &'a LineIndex<'a>,
    /// The 0-based line of the finding.
    line: usize,
    /// The bytes of that line shown.
    shown: std::ops::Range<usize>,
    /// The finding's bytes, clipped to `shown`.
    label: std::ops::Range<usize>,
}

impl<'a> Window<'a> {
    fn around(name: &'a str, index: &'a LineIndex<'a>, d: &Diagnostic) -> Window<'a> {
        let text = index.source();
        let start = floor_char(text, d.span.start.min(text.len()));
        let line = index.line_of(start);
        let whole = index.line_range(line);
        let start = start.min(whole.end);
        let end = advance(text, start, d.span.end.clamp(start, whole.end), CONTEXT_CHARS);
        let shown = back(text, whole.start, start, CONTEXT_CHARS)
            ..advance(text, end, whole.end, CONTEXT_CHARS);
        Window { name, index, line, shown, label: start..end }
    }
}

/// `offset` moved back to a character boundary.
fn floor_char(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The offset `n` characters after `from`, no further than `limit`.
fn advance(text: &str, from: usize, limit: usize, n: usize) -> usize {
    let limit = floor_char(text, limit.max(from));
    text[from..limit].char_indices().nth(n).map_or(limit, |(i, _)| from + i)
}

/// The offset `n` characters before `from`, no further back than `limit`.
fn back(text: &str, limit: usize, from: usize, n: usize) -> usize {
    text[limit..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(limit, |(i, _)| limit + i)
}

impl<'a> Files<'a> for Window<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.index.source())
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.index.line_of(byte_index))
    }

    fn column_number(&'a self, (): (), _line: usize, byte: usize) -> Result<usize, FilesError> {
        Ok(self.index.line_col(byte).1)
    }

    fn line_range(&'a self, (): (), line: usize) -> Result<std::ops::Range<usize>, FilesError> {
        if line == self.line {
            return Ok(self.shown.clone());
        }
        if line >= self.index.lines() {
            return Err(FilesError::LineTooLarge { given: line, max: self.index.lines() - 1 });
        }
        // Lines around a finding are not shown; an empty range keeps them short if asked.
        let start = self.index.line_range(line).start;
        Ok(start..start)
    }
}
