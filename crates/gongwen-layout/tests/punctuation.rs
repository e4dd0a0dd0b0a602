//! Punctuation on the page, over every sample and test case, read from the layout's own
//! glyph positions (the PDF's print test reads the same boxes back from the PDF):
//!
//! - No glyph's em box leaves the text block, not even by the grid's negative tracking.
//! - Two marks whose blanks double up ("。”" "，“" "）、") stand 1.5 em apart wherever
//!   they are (clreq §3.1.6.2); every other box of a line keeps its full width, or, in a
//!   line squeezed to pull a closing mark in, all its marks give up alike.
//! - No line holds more than the grid's 28 characters.
//! - The script space (`layout.han_latin_space_em`) stands between a Chinese character and
//!   a Latin letter or digit, and nowhere else.

#[path = "../../../tests/support/samples.rs"]
mod samples;

use gongwen_layout::{Glyph, Layout, Role, layout};
use gongwen_style::{PT_PER_MM, StyleProfile};
use samples::{book, samples_and_cases};

/// The text block's left and right edges, in points.
fn block(profile: &StyleProfile) -> (f32, f32) {
    let left = profile.page.margin_left_mm * PT_PER_MM;
    (left, left + profile.page.text_width_mm() * PT_PER_MM)
}

/// Brackets, and the marks whose em box is half blank, on which side.
const OPENING: &str = "“‘（《【〔〈「『";
const CLOSING: &str = "。，、；：？！”’）》】〕〉」』";
const BRACKETS: &str = "“‘（《【〔〈「『”’）》】〕〉」』";

/// Whether `a` then `b` is a change between Chinese and ASCII letters or digits, which
/// takes the script space.
fn script_change(a: char, b: char) -> bool {
    let han = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    (han(a) && b.is_ascii_alphanumeric()) || (a.is_ascii_alphanumeric() && han(b))
}

/// Whether `a` then `b` double their blanks up (clreq §3.1.6.2): the pair is set 1.5 em.
fn doubled(a: char, b: char) -> bool {
    (BRACKETS.contains(a) || BRACKETS.contains(b))
        && (CLOSING.contains(a) || OPENING.contains(a))
        && !(OPENING.contains(a) && CLOSING.contains(b))
        && (CLOSING.contains(b) || OPENING.contains(b))
}

/// The body lines of a layout with their glyphs, left to right; a table row's cells
/// split apart where a glyph stands more than a quarter em past where the last one ended.
fn segments(laid: &Layout) -> Vec<(usize, Vec<Glyph>)> {
    let mut out = Vec::new();
    for (n, page) in laid.pages.iter().enumerate() {
        for line in page.lines.iter().filter(|l| l.role != Role::PageNumber) {
            let glyphs: Vec<Glyph> =
                line.runs.iter().flat_map(|r| r.glyphs.iter().copied()).collect();
            let mut seg: Vec<Glyph> = Vec::new();
            for g in glyphs {
                if let Some(last) = seg.last()
                    && g.x - (last.x + last.advance) > last.advance / 4.0
                {
                    out.push((n, std::mem::take(&mut seg)));
                }
                seg.push(g);
            }
            out.push((n, seg));
        }
    }
    out
}

#[test]
fn marks_are_set_by_clreq_and_no_box_leaves_the_block() {
    let fonts = book();
    let profile = StyleProfile::default();
    let (left, right) = block(&profile);
    let spacing = profile.page.char_spacing_pt;
    // The script space, in ems of the line's size: a Chinese glyph's advance.
    let script = profile.layout.han_latin_space_em;
    let (mut pairs, mut lines_checked) = (0, 0);
    for (name, doc) in samples_and_cases() {
        let laid = layout(&doc, &profile, &fonts);
        for (page, glyphs) in segments(&laid) {
            let text: String = glyphs.iter().map(|g| g.ch).collect();
            let at = format!("{name} p{}: {text}", page + 1);
            let (first, last) = (glyphs[0], glyphs[glyphs.len() - 1]);
            assert!(first.x >= left - 0.01, "{at}: starts {:.2} left of the block", left - first.x);
            let end = last.x + last.advance;
            assert!(
                end <= right + 0.01,
                "{at}: its last box ends {:.2} past the block",
                end - right
            );
            let wide = glyphs.iter().filter(|g| g.advance >= profile.body.size_pt * 0.9).count();
            assert!(wide <= profile.page.chars_per_line as usize, "{at}: {wide} characters");
            // How much nearer each glyph stands to the next than its box, the tracking and
            // a script space put it: the line's stretch (the same for all), less what a mark
            // gave up.
            let deficit: Vec<f32> = glyphs
                .windows(2)
                .map(|w| {
                    let em = w[0].advance.max(w[1].advance);
                    let space = if script_change(w[0].ch, w[1].ch) { script * em } else { 0.0 };
                    w[0].advance + spacing + space - (w[1].x - w[0].x)
                })
                .collect();
            let Some(&base) = deficit
                .iter()
                .zip(glyphs.windows(2))
                .filter(|(_, w)| !OPENING.contains(w[1].ch) && !CLOSING.contains(w[0].ch))
                .map(|(d, _)| d)
                .next()
            else {
                continue;
            };
            lines_checked += 1;
            let mut squeezes = Vec::new();
            for (i, w) in glyphs.windows(2).enumerate() {
                let given = deficit[i] - base;
                if doubled(w[0].ch, w[1].ch) {
                    pairs += 1;
                    let half = if CLOSING.contains(w[0].ch) && CLOSING.contains(w[1].ch) {
                        (w[0].advance + spacing) / 2.0
                    } else {
                        (w[1].advance + spacing) / 2.0
                    };
                    assert!(
                        (given - half).abs() < 0.1,
                        "{at}: {}{} gives up {given:.2}",
                        w[0].ch,
                        w[1].ch
                    );
                } else if given.abs() > 0.05 {
                    squeezes.push(given);
                }
            }
            // Squeezed to fit: every mark alike, never past its blank half.
            if let (Some(lo), Some(hi)) = (
                squeezes.iter().copied().reduce(f32::min),
                squeezes.iter().copied().reduce(f32::max),
            ) {
                assert!(
                    hi - lo < 0.1 && lo > 0.0 && hi <= profile.body.size_pt / 2.0,
                    "{at}: {squeezes:?}"
                );
            }
        }
    }
    // The rules were met, not skipped: the inputs hold such pairs and lines.
    assert!(pairs >= 15 && lines_checked >= 1000, "{pairs} pairs, {lines_checked} lines");
}
