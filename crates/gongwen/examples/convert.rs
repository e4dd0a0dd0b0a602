//! Convert one speech to every format in one go: read once, render three times.
//!
//! `cargo run -p gongwen --example convert -- samples/seed-001.txt out/`

use std::path::PathBuf;

use gongwen::{Format, ReadOptions, RenderOptions, SourceFormat};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let input = PathBuf::from(args.next().unwrap_or_else(|| "samples/seed-001.txt".into()));
    let out_dir = PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&out_dir)?;
    let source =
        gongwen::read(&std::fs::read(&input)?, SourceFormat::Text, &ReadOptions::default())?;
    let options = RenderOptions::default(); // GB/T 9704 profile, bundled fonts, fixed timestamps
    let stem = input.file_stem().unwrap_or_default();
    for format in [Format::Xml, Format::Docx, Format::Pdf] {
        let rendered = gongwen::render(&source.document, format, &options)?;
        let path = out_dir.join(stem).with_extension(format.extension());
        std::fs::write(&path, &rendered.bytes)?;
        println!("{}: {} bytes", path.display(), rendered.bytes.len());
        for warning in &rendered.warnings {
            let (line, column) = warning.span.line_col(&source.text);
            println!("  {}:{line}:{column}: {}", input.display(), warning.message);
        }
    }
    Ok(())
}
