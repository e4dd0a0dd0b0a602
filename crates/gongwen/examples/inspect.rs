//! Parse a speech and walk its tree: the outline, what was removed as noise, and the
//! reader's findings.
//!
//! `cargo run -p gongwen --example inspect -- samples/seed-001.txt`

use gongwen::ast::{Block, Inline};
use gongwen::{ReadOptions, SourceFormat};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "samples/seed-001.txt".into());
    let bytes = std::fs::read(&path)?;
    let source = gongwen::read(&bytes, SourceFormat::Text, &ReadOptions::default())?;
    let doc = &source.document;
    println!(
        "{path}: {} blocks, read as {}",
        doc.blocks.len(),
        doc.meta.encoding.as_deref().unwrap_or("?")
    );
    for block in &doc.blocks {
        match block {
            Block::Title(_) => println!("title      {}", block.plain_text().replace('\n', " / ")),
            Block::Heading(h) => println!(
                "{}{} {}{}",
                "  ".repeat(usize::from(h.level)),
                h.label.canonical(),
                h.content.text(),
                if h.run_in { "  (run-in)" } else { "" }
            ),
            Block::Removed(r) => println!("removed    [{}] {}", r.reason.as_str(), r.text),
            Block::Paragraph(p) => {
                for inline in &p.inlines {
                    if let Inline::Removed(r) = inline {
                        println!(
                            "removed    [{}] {} (inside a paragraph)",
                            r.reason.as_str(),
                            r.text
                        );
                    }
                }
            }
            other => println!("{:<10} {}", other.kind_name(), other.plain_text()),
        }
    }
    for d in &source.diagnostics {
        let (line, column) = d.span.line_col(&source.text);
        println!(
            "{path}:{line}:{column}: {} [{}] {}",
            d.severity.as_str(),
            d.code.as_str(),
            d.message
        );
    }
    Ok(())
}
