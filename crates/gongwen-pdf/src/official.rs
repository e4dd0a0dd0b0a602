//! Colour and rules of an official copy: the red issuer mark, the red rule of the head and
//! the rules of the foot, drawn as filled rectangles.

use pdf_writer::Content;

use gongwen_layout::Page;

/// Sets the fill colour for a line's text when it differs from the `current` one: its
/// `colour`, or black. A page of black lines gets no colour operator at all, so that a
/// speech's content stream is as it was.
pub(crate) fn colour(
    content: &mut Content,
    current: &mut Option<[u8; 3]>,
    colour: Option<[u8; 3]>,
) {
    if *current == colour {
        return;
    }
    let [r, g, b] = colour.unwrap_or([0, 0, 0]).map(|c| f32::from(c) / 255.0);
    content.set_fill_rgb(r, g, b);
    *current = colour;
}

/// Draws `page`'s rules, each in its colour, leaving the fill colour as it was.
pub(crate) fn rules(content: &mut Content, page: &Page, page_height: f32) {
    for rule in &page.rules {
        let [r, g, b] = rule.colour.map(|c| f32::from(c) / 255.0);
        content.save_state();
        content.set_fill_rgb(r, g, b);
        content.rect(rule.x, page_height - rule.y - rule.thickness, rule.width, rule.thickness);
        content.fill_nonzero();
        content.restore_state();
    }
}
