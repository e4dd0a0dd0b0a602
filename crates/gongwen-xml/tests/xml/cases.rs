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

/// What a data file cannot hold: a byte-order mark, CR LF line ends, hostile nesting.
#[test]
fn byte_order_mark_and_crlf_line_ends() {
    let xml = "\u{FEFF}<?xml version=\"1.0\"?>\r\n<document>\r\n  <p>同志们：\r\n今天</p>\r\n\
               </document>\r\n";
    let doc = gongwen_xml::from_str(xml).expect("reads");
    assert_eq!(doc.blocks[0].plain_text(), "同志们：\n今天");
    assert_eq!(doc.blocks[0].span().line_col(xml).0, 3);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let depth = 100_000;
    let xml =
        format!("<document>{}{}</document>", "<section>".repeat(depth), "</section>".repeat(depth));
    let error = gongwen_xml::from_str(&xml).expect_err("too deep");
    assert_eq!(error.message, "elements are nested more than 64 deep");
    assert_eq!((error.line, error.column), (1, 11 + 9 * 63));
}

#[test]
fn errors_carry_the_byte_offset() {
    let xml = "<document>\n  <para/>\n</document>\n";
    let error = gongwen_xml::from_str(xml).expect_err("unknown element");
    assert_eq!(&xml[error.offset..error.offset + 5], "<para");
}
