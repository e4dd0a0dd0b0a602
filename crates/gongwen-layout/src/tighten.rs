//! Tightening the last page (GB/T 9704 §7.3.5): when the end matter — attachment note,
//! signature, date, 附注 — would stand on a page with no more than the two body lines the
//! pagination sends along with it, or would be split across two pages, the standard's
//! remedy is to tighten the spacing so that it fits below the body on the page before.
//!
//! This runs on the pages as paginated, before page numbers and an official copy's head and
//! foot are added: the lines of the end matter's page join the page before, and every line
//! of that page moves up by one factor, so that the pitch shrinks evenly and the last line
//! ends on the text block's bottom edge. It does so only when the pitch stays at or above
//! `layout.tightened_line_pitch_min_pt`; otherwise the pages stay as paginated (the end
//! matter then keeps two body lines with it on its own page).

use std::collections::VecDeque;

use gongwen_style::{PT_PER_MM, StyleProfile};

use crate::{OutlineEntry, Page, Role};

/// The most body lines the end matter's page may hold for the page to count as "end
/// matter alone": the lines the pagination sends along with it.
const SENT_ALONG: usize = 2;

fn is_end_matter(role: Role) -> bool {
    matches!(role, Role::Attachment | Role::Signature | Role::Date)
}

/// What the flow did that the pages do not show.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Flow {
    /// Where the flow starts on the first page, below an official copy's head.
    pub top: f32,
    /// The blank lines before the signature (more for a sealed one).
    pub before_signature: u32,
}

/// Tightens the page before the end matter's page to take that page's lines, when the end
/// matter's page holds little else and the tightened pitch is allowed. Outline entries on
/// the pages follow their headings. `pages` are the pages not yet sent on, the first of
/// them page `first` (from 0): the end matter's page and the one before must be among them.
pub(crate) fn last_page(
    pages: &mut VecDeque<Page>,
    first: usize,
    outline: &mut [OutlineEntry],
    profile: &StyleProfile,
    flow: Flow,
) {
    let closing = |p: &Page| p.lines.iter().any(|l| matches!(l.role, Role::Signature | Role::Date));
    let noted = |p: &Page| p.lines.iter().any(|l| l.role == Role::Attachment);
    let Some(e) = pages.iter().rposition(closing).or_else(|| pages.iter().rposition(noted)) else {
        return;
    };
    if e == 0 {
        return;
    }
    let page_before = first + e - 1;
    let page = &profile.page;
    let top = page.margin_top_mm * PT_PER_MM;
    let height = page.text_height_mm() * PT_PER_MM;
    let pitch = page.line_pitch_pt;
    let (before, last) = (&pages[e - 1], &pages[e]);
    let Some(first_end) = last.lines.iter().position(|l| is_end_matter(l.role)) else {
        return;
    };
    let (Some(first), Some(final_line), Some(prev_last)) =
        (last.lines.first(), last.lines.last(), before.lines.last())
    else {
        return;
    };
    if first_end > SENT_ALONG || last.lines[..first_end].iter().any(|l| l.role != Role::Body) {
        return;
    }
    // Body and end matter share the body face on the grid: its baseline stands `centre`
    // below the middle of its line (known from the page's first line, which opens it).
    let centre = first.baseline - top - pitch / 2.0;
    let origin = top + if page_before == 0 { flow.top } else { 0.0 };
    let used_before = prev_last.baseline - centre + pitch / 2.0 - origin;
    // Every line of the end matter's page is on the grid; the slots are counted (a line
    // opening with a digit sits a little off its slot's middle).
    let used_last = ((final_line.baseline - first.baseline) / pitch).round() * pitch + pitch;
    // The blank lines the page break swallowed before the end matter's first paragraph.
    let rules = &profile.layout;
    let blank_lines = match (prev_last.role, first.role) {
        (a, b) if a == b => 0,
        (_, Role::Attachment) => rules.blank_lines_before_attachment,
        (_, Role::Signature) => flow.before_signature,
        _ => 0,
    };
    let gap = blank_lines as f32 * pitch;
    let total = used_before + gap + used_last;
    let room = height - (origin - top);
    let scale = (room / total).min(1.0);
    if scale * pitch < rules.tightened_line_pitch_min_pt - 0.01 {
        return;
    }
    // A point `y` below `origin` on the page before, or below the top on the last page,
    // where it goes on the tightened page.
    let on_before = |y: f32| origin + (y - origin) * scale;
    let from_last = used_before + gap;
    let on_last = |y: f32| origin + (from_last + y - top) * scale;
    let mut moved = pages.remove(e).expect("the end matter's page");
    let target = &mut pages[e - 1];
    for (page, to) in [(&mut *target, &on_before as &dyn Fn(f32) -> f32), (&mut moved, &on_last)] {
        for line in &mut page.lines {
            line.baseline = to(line.baseline - centre) + centre;
        }
        for rule in &mut page.rules {
            rule.y = to(rule.y);
            // A vertical rule (a table's) shrinks with its row.
            if rule.thickness > rule.width {
                rule.thickness *= scale;
            }
        }
    }
    target.lines.append(&mut moved.lines);
    target.rules.append(&mut moved.rules);
    for entry in outline.iter_mut() {
        if entry.page == page_before {
            entry.y = on_before(entry.y);
        } else if entry.page == page_before + 1 {
            entry.page = page_before;
            entry.y = on_last(entry.y);
        } else if entry.page > page_before + 1 {
            entry.page -= 1;
        }
    }
}
