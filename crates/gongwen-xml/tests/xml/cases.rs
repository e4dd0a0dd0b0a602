//! Reader cases kept as data, many small cases a file: `tests/data/errors.txt` (the error
//! each broken file gives) and `tests/data/reads.txt` (how hand-written XML is read).

use std::path::PathBuf;

struct Case {
    name: String,
    input: String,
    expected: String,
}

/// Cases of `tests/data/{file}`: `=== name`, input lines, `---`, expected lines. Lines
/// starting with `#` before the first case are comments.
fn cases(file: &str) -> Vec<Case> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(file);
    let text = std::fs::read_to_string(&path).expect("case file");
    let mut cases = Vec::new();
    for chunk in text.split("\n=== ").skip(1) {
        let (name, body) = chunk.split_once('\n').expect("case name line");
        let (input, expected) = body.split_once("---\n").expect("--- separator");
        cases.push(Case {
            name: name.to_string(),
            input: input.to_string(),
            expected: expected.trim_end().to_string(),
        });
    }
    assert!(!cases.is_empty(), "no cases in {file}");
    cases
}

/// Runs `actual` on every case and reports all mismatches at once.
fn check(file: &str, actual: impl Fn(&str) -> String) {
    let mut failures = String::new();
    let all = cases(file);
    for case in &all {
        let got = actual(&case.input);
        if got != case.expected {
            failures.push_str(&format!(
                "=== {}\nexpected:\n{}\ngot:\n{}\n\n",
                case.name, case.expected, got
            ));
        }
    }
    assert!(failures.is_empty(), "{file}: cases failed:\n{failures}");
}

#[test]
fn errors() {
    check("errors.txt", |input| match gongwen_xml::from_str(input) {
        Ok(doc) => format!("no error; read {doc:?}"),
        Err(e) => e.to_string(),
    });
}

#[test]
fn liberal_reads() {
    check("reads.txt", |input| match gongwen_xml::from_str(input) {
        Ok(doc) => {
            let xml = gongwen_xml::to_string(&doc);
            let lines: Vec<&str> = xml.lines().collect();
            lines[2..lines.len() - 1].join("\n")
        }
        Err(e) => format!("error: {e}"),
    });
}
