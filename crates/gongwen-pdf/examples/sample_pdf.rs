//! Writes a sample as PDF with the bundled fonts: `cargo run -p gongwen-pdf --example
//! sample_pdf -- samples/seed-002.txt out.pdf`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output] = args.as_slice() else {
        return Err("usage: sample_pdf INPUT.txt OUTPUT.pdf".into());
    };
    let text = std::fs::read_to_string(input)?;
    let doc = gongwen_parse::parse(&text, &gongwen_parse::ParseOptions::default()).document;
    let mut fonts = gongwen_layout::FontBook::new();
    for font in gongwen_fonts::BUNDLED {
        fonts.add_static(font.data)?;
    }
    let profile = gongwen_style::StyleProfile::default();
    let layout = gongwen_layout::layout(&doc, &profile, &fonts);
    for w in &layout.warnings {
        eprintln!("warning: {}", w.message);
    }
    let options = gongwen_pdf::PdfOptions::for_document(&doc);
    std::fs::write(output, gongwen_pdf::pdf(&layout, &fonts, &options)?)?;
    Ok(())
}
