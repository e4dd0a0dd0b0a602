//! Pages drawn as SVG from the layout the PDF is written from: every glyph where the PDF
//! puts it, in the browser's nearest font (the page may not have the PDF's fonts), so the
//! preview shows the real line and page breaks.

use std::fmt::Write as _;

use gongwen::pdf::{FontBook, Layout};

/// One SVG document per page, in points.
pub(crate) fn pages(layout: &Layout, fonts: &FontBook) -> Vec<String> {
    let (width, height) = (layout.page_width, layout.page_height);
    layout
        .pages
        .iter()
        .map(|page| {
            let mut svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}pt\" height=\"{height}pt\" \
                 viewBox=\"0 0 {width} {height}\"><rect width=\"{width}\" height=\"{height}\" fill=\"#fff\"/>"
            );
            for line in &page.lines {
                for run in &line.runs {
                    let glyphs: Vec<_> = run.glyphs.iter().filter(|g| !g.ch.is_whitespace()).collect();
                    if glyphs.is_empty() {
                        continue;
                    }
                    let face = fonts.faces().get(run.face.index());
                    let name = face.map_or("", |f| f.postscript_name());
                    let bold = run.stroke > 0.0 || face.is_some_and(|f| f.is_bold());
                    let _ = write!(
                        svg,
                        "<text y=\"{:.2}\" font-size=\"{}\" font-family=\"{}\"{} data-role=\"{}\" x=\"",
                        line.baseline,
                        run.size,
                        family(name),
                        if bold { " font-weight=\"bold\"" } else { "" },
                        run.role.as_str(),
                    );
                    for (i, glyph) in glyphs.iter().enumerate() {
                        let _ = write!(svg, "{}{:.2}", if i == 0 { "" } else { " " }, glyph.x);
                    }
                    svg.push_str("\">");
                    let text: String = glyphs.iter().map(|g| g.ch).collect();
                    gongwen::ast::escape_xml(&mut svg, &text);
                    svg.push_str("</text>");
                }
            }
            // Where a sealed copy's seal goes: its outline, red and dashed.
            for seal in &page.seals {
                let _ = write!(
                    svg,
                    "<circle cx=\"{:.2}\" cy=\"{:.2}\" r=\"{:.2}\" fill=\"none\" stroke=\"#e00\" \
                     stroke-width=\"1.5\" stroke-dasharray=\"6 4\" data-role=\"seal\"/>",
                    seal.x,
                    seal.y,
                    seal.diameter / 2.0
                );
            }
            svg.push_str("</svg>");
            svg
        })
        .collect()
}

/// The face first, then the usual faces of its kind, then the generic family.
fn family(postscript_name: &str) -> String {
    let name: String =
        postscript_name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let lower = name.to_ascii_lowercase();
    let kind = if lower.contains("hei") || lower.contains("sans") || lower.contains("gothic") {
        "'Noto Sans CJK SC', 'Source Han Sans SC', SimHei, sans-serif"
    } else if lower.contains("kai") {
        "KaiTi, STKaiti, 'AR PL UKai CN', 'Noto Serif CJK SC', serif"
    } else {
        "'Noto Serif CJK SC', 'Source Han Serif SC', SimSun, serif"
    };
    format!("'{name}', {kind}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_is_drawn_with_its_text() {
        let text = "在全县工作会议上的讲话\n同志们：\n一、提高认识\n今天<我们>召开会议&部署。\n";
        let source =
            gongwen::read(text.as_bytes(), gongwen::SourceFormat::Text, &Default::default())
                .unwrap();
        let fonts = gongwen::pdf::bundled_fonts();
        let layout = gongwen::pdf::layout(&source.document, &Default::default(), fonts);
        let pages = pages(&layout, fonts);
        assert_eq!(pages.len(), layout.pages.len());
        assert!(pages[0].starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(pages[0].contains(">在全县工作会议上的讲话</text>"));
        assert!(pages[0].contains("data-role=\"heading1\""));
        for escaped in [">&lt;</text>", ">&gt;</text>", ">&amp;</text>"] {
            assert!(pages[0].contains(escaped), "{escaped}");
        }
        assert!(pages[0].ends_with("</svg>"));
    }
}
