//! `gongwen check --explain`: for each line the reader did not take as a plain paragraph,
//! what it took it for and why — so a user who wonders why a line vanished, or became the
//! title, can see the evidence.

use std::fmt::Write as _;

use gongwen::Source;
use gongwen::ast::LineIndex;

use crate::args::ReadArgs;

/// Characters of a line shown beside its explanation.
const SHOWN: usize = 24;

/// The explanation lines for `source` ("name:line:col: kind: why: text"), or `None` for
/// gongwen XML, whose roles a person set.
pub fn explain(name: &str, source: &Source, read: &ReadArgs) -> Option<String> {
    if source.text.trim_start().starts_with('<') {
        return None;
    }
    let options = read.parse_options();
    let parsed = gongwen::parse(&source.text, &options);
    let index = LineIndex::new(&source.text);
    let mut out = String::new();
    for e in &parsed.explanations {
        let (line, col) = index.line_col(e.span.start);
        let text = e.span.slice(&source.text).unwrap_or_default();
        let mut shown: String =
            text.chars().filter(|c| *c != '\n' && *c != '\r').take(SHOWN).collect();
        if text.chars().count() > SHOWN {
            shown.push('…');
        }
        writeln!(out, "{name}:{line}:{col}: {}: {}: {shown}", e.kind, e.why)
            .expect("writing to a string");
    }
    Some(out)
}
