//! Spec tests as data: every `tests/spec/*.txt` holds many small cases.
//!
//! ```text
//! === case name
//! input lines
//! ---
//! expected outline lines (see `common::outline`)
//! ```
//!
//! An expected line ending in "…" matches any line that starts with the rest. When a case
//! lists lines starting with "!", the diagnostics must be exactly those, written
//! `! code LINE:COL`; when it lists lines starting with "~", the recorded changes must be
//! exactly those, written `~ kind FROM => TO`. Options follow the name in braces:
//! `{no-normalize}`, `{simplified}`, `{keep-noise}`, `{fix-numbers}`. Every failing case is reported by file
//! and name.

mod common;

use std::path::PathBuf;

use gongwen_parse::{ParseOptions, parse};

struct Case {
    file: String,
    name: String,
    input: String,
    expected: Vec<String>,
}

fn cases() -> Vec<Case> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/spec");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/spec")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let file = path.file_name().unwrap_or_default().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).expect("spec file");
        for chunk in text.split("\n=== ").skip(1) {
            let (name, rest) = chunk.split_once('\n').unwrap_or((chunk, ""));
            let rest = format!("\n{rest}");
            let (input, expected) =
                rest.split_once("\n---\n").unwrap_or_else(|| panic!("{file}: {name}: no ---"));
            out.push(Case {
                file: file.clone(),
                name: name.trim().to_string(),
                input: input.strip_prefix('\n').unwrap_or(input).to_string(),
                expected: expected
                    .lines()
                    .map(str::trim_end)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect(),
            });
        }
    }
    out
}

fn matches(expected: &str, actual: &str) -> bool {
    match expected.strip_suffix('…') {
        Some(prefix) => actual.starts_with(prefix),
        None => expected == actual,
    }
}

#[test]
fn spec_cases() {
    let cases = cases();
    let mut failures = Vec::new();
    for case in &cases {
        let options = ParseOptions {
            remove_noise: !case.name.contains("{keep-noise}"),
            normalize: !case.name.contains("{no-normalize}"),
            simplified: case.name.contains("{simplified}"),
            fix_numbers: case.name.contains("{fix-numbers}"),
        };
        let parsed = parse(&case.input, &options);
        if let Err(e) = common::check_accounted(&case.input, &parsed) {
            failures.push(format!("{} / {}: {e}", case.file, case.name));
        }
        let mut actual: Vec<String> =
            common::outline(&parsed.document).lines().map(String::from).collect();
        if case.expected.iter().any(|l| l.starts_with('!')) {
            for d in &parsed.diagnostics {
                let (line, col) = d.span.line_col(&case.input);
                actual.push(format!("! {} {line}:{col}", d.code.as_str()));
            }
        }
        if case.expected.iter().any(|l| l.starts_with('~')) {
            for c in &parsed.changes {
                let line = format!("~ {} {} => {}", c.kind.as_str(), c.written(&case.input), c.to);
                actual.push(line.trim_end().to_string());
            }
        }
        let ok = actual.len() == case.expected.len()
            && case.expected.iter().zip(&actual).all(|(e, a)| matches(e, a));
        if !ok {
            failures.push(format!(
                "{} / {}\n  expected:\n    {}\n  actual:\n    {}",
                case.file,
                case.name,
                case.expected.join("\n    "),
                actual.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert!(cases.len() >= 60, "only {} spec cases", cases.len());
}
