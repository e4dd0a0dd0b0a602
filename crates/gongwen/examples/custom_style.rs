//! Render with an office's own style profile: other font names (方正仿宋_GBK …) and a
//! slightly different margin, everything else from GB/T 9704.
//!
//! `cargo run -p gongwen --example custom_style -- samples/seed-002.txt out.docx`

use gongwen::{Format, Options, RenderOptions, StyleProfile};

const OFFICE_STYLE: &str = r#"
[body]
font = "方正仿宋_GBK"

[heading1]
font = "方正黑体_GBK"

[heading2]
font = "方正楷体_GBK"

[page]
margin_top_mm = 36.5
"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let input = args.next().unwrap_or_else(|| "samples/seed-002.txt".into());
    let output = args.next().unwrap_or_else(|| "custom-style.docx".into());
    let style = StyleProfile::from_toml(OFFICE_STYLE)?;
    println!("body font {}, heading 1 font {}", style.body.font, style.heading1.font);
    let options =
        Options { render: RenderOptions { style, ..Default::default() }, ..Default::default() };
    let out = gongwen::convert(&std::fs::read(&input)?, Format::Docx, &options)?;
    std::fs::write(&output, &out.bytes)?;
    println!("{input} → {output}: {} bytes", out.bytes.len());
    Ok(())
}
