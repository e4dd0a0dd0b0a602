//! The cases of `tests/cases/*.txt`: one input line, the codes `check` gives for it.

use gongwen_ast::{Block, Content, Document, Span};
use gongwen_check::check;

/// Replaces `\u{XXXX}` with the character it names.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('}').map(|e| at + e).expect("unclosed \\u{");
        let code = u32::from_str_radix(&rest[at + 3..end], 16).expect("hex");
        out.push(char::from_u32(code).expect("a character"));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

fn codes_for(line: &str) -> String {
    let doc = Document {
        blocks: vec![Block::Paragraph(Content::plain(line, Span::new(0, line.len())))],
        ..Document::default()
    };
    let diagnostics = check(line, &doc);
    for d in &diagnostics {
        assert!(d.span.slice(line).is_some_and(|s| !s.is_empty()), "{line}: bad span {:?}", d.span);
        assert!(d.hint.is_some(), "{line}: {} has no hint", d.message);
    }
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
    if codes.is_empty() { "-".to_string() } else { codes.join(", ") }
}

#[test]
fn cases() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/lines.txt");
    let file = std::fs::read_to_string(path).unwrap();
    let mut failures = Vec::new();
    let mut count = 0;
    for (n, line) in file.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (input, want) =
            line.rsplit_once(" => ").unwrap_or_else(|| panic!("line {}: no =>", n + 1));
        let got = codes_for(&unescape(input));
        if got != want.trim() {
            failures.push(format!("lines.txt:{}: {input}\n  want {want}\n  got  {got}", n + 1));
        }
        count += 1;
    }
    assert!(count > 50, "only {count} cases read");
    assert!(
        failures.is_empty(),
        "{} of {count} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
