//! Where the 版记 goes (GB/T 9704 §7.4) and which pages keep their numbers (§7.5), as the
//! layout reports it in `Summary::foot` for the DOCX to follow: at the foot of the last
//! page of text when it has room and the page is even; on the next page, numbered, when
//! that one is even; after a blank page, neither numbered, when the last page of text is
//! even and full.

#[path = "../../../tests/support/samples.rs"]
mod samples;

use gongwen_ast::Document;
use gongwen_layout::{FootPlacement, Page, Role, Summary, layout_pages};
use gongwen_style::{PT_PER_MM, StyleProfile};

fn laid(doc: &Document) -> (Vec<Page>, Summary) {
    let mut pages = Vec::new();
    let summary =
        layout_pages(doc, &StyleProfile::default(), &samples::book(), &mut |p| pages.push(p));
    (pages, summary)
}

fn numbered(page: &Page) -> bool {
    page.lines.iter().any(|l| l.role == Role::PageNumber)
}

fn has_foot(page: &Page) -> bool {
    page.lines.iter().any(|l| l.role == Role::Foot)
}

/// The text lines of `page`: neither its page number nor the 版记.
fn text_lines(page: &Page) -> Vec<f32> {
    let text = page.lines.iter().filter(|l| !matches!(l.role, Role::PageNumber | Role::Foot));
    text.map(|l| l.baseline).collect()
}

/// Checks the pages against the placement reported: the 版记 on an even last page, its
/// first rule `free_pt` under the last grid line of text of a shared page, and the page
/// numbers of §7.5.
fn check(name: &str, pages: &[Page], foot: FootPlacement) {
    let profile = StyleProfile::default();
    let pitch = profile.page.line_pitch_pt;
    let top = profile.page.margin_top_mm * PT_PER_MM;
    let n = pages.len();
    assert_eq!(n % 2, 0, "{name}: the 版记 on an even page");
    let last = &pages[n - 1];
    assert!(has_foot(last), "{name}: the 版记 on the last page");
    assert_eq!(pages.iter().filter(|p| has_foot(p)).count(), 1, "{name}: on one page");
    match foot {
        FootPlacement::Shared { free_pt } => {
            assert!(numbered(last), "{name}: a shared 版记 page keeps its number");
            // Past the first page, lines stand on the grid from the text block's top.
            assert!(n > 1, "{name}: shared past the first page");
            let text = text_lines(last);
            let baseline = text.iter().copied().fold(f32::MIN, f32::max);
            let grid_bottom = top + ((baseline - top) / pitch).ceil() * pitch;
            let first_rule = last.rules.iter().map(|r| r.y).fold(f32::MAX, f32::min);
            assert!(
                (first_rule - grid_bottom - free_pt).abs() < 0.05,
                "{name}: rule at {first_rule}, text to {grid_bottom}, free {free_pt}"
            );
            assert!(free_pt >= 0.0, "{name}: room {free_pt}");
        }
        FootPlacement::OwnPage => {
            assert!(text_lines(last).is_empty(), "{name}: the 版记 alone");
            assert!(!text_lines(&pages[n - 2]).is_empty(), "{name}: after the text");
            assert!(numbered(last), "{name}: no blank page before, so numbered");
        }
        FootPlacement::AfterBlank => {
            let blank = &pages[n - 2];
            assert!(blank.lines.is_empty() && blank.rules.is_empty(), "{name}: a blank page");
            assert!(!numbered(blank) && !numbered(last), "{name}: neither numbered");
        }
        FootPlacement::None => panic!("{name}: a 版记 reported as none"),
    }
    for (i, page) in pages.iter().enumerate() {
        let exempt = foot == FootPlacement::AfterBlank && i + 2 >= n;
        assert_eq!(numbered(page), !exempt, "{name}: page {} numbered", i + 1);
        let number_last = page.lines.last().is_none_or(|l| l.role == Role::PageNumber);
        assert!(!numbered(page) || number_last, "{name}: page {}: the number last", i + 1);
    }
}

#[test]
fn the_samples_foot_lands_where_the_summary_says() {
    let expected =
        [("official-001", "shared"), ("official-002", "own page"), ("official-003", "shared")];
    for (name, want) in expected {
        let (pages, summary) = laid(&samples::sample(name));
        let got = match summary.foot {
            FootPlacement::Shared { .. } => "shared",
            FootPlacement::OwnPage => "own page",
            FootPlacement::AfterBlank => "after a blank page",
            FootPlacement::None => "none",
        };
        assert_eq!(got, want, "{name}: {:?}", summary.foot);
        assert_eq!(summary.pages, pages.len());
        check(name, &pages, summary.foot);
    }
    let (_, speech) = laid(&samples::sample("seed-002"));
    assert_eq!(speech.foot, FootPlacement::None, "a speech has no 版记");
}

/// As the text before the signature grows a line at a time, the 版记 goes through every
/// placement, each as the pages show it.
#[test]
fn a_growing_copy_takes_the_foot_through_every_placement() {
    let mut seen = Vec::new();
    for extra in 0..40 {
        let name = format!("official-003 + {extra} lines");
        let (pages, summary) = laid(&samples::official_padded(extra));
        check(&name, &pages, summary.foot);
        let kind = std::mem::discriminant(&summary.foot);
        if !seen.contains(&kind) {
            seen.push(kind);
        }
    }
    let all =
        [FootPlacement::Shared { free_pt: 0.0 }, FootPlacement::AfterBlank, FootPlacement::OwnPage];
    let all: Vec<_> = all.iter().map(std::mem::discriminant).collect();
    assert_eq!(seen, all, "shared, then after a blank page, then on the next page");
}

/// Printed one-sided (`foot_on_even_page` off), the 版记 takes the last page of text when
/// it fits, odd or even, else the next page, never after a blank one.
#[test]
fn printed_one_sided_the_foot_takes_any_page() {
    let mut profile = StyleProfile::default();
    profile.official.foot_on_even_page = false;
    let book = samples::book();
    let foot = |doc: &Document| layout_pages(doc, &profile, &book, &mut |_| {});
    let odd = foot(&samples::sample("official-002"));
    assert!(matches!(odd.foot, FootPlacement::Shared { .. }), "{:?}", odd.foot);
    assert_eq!(odd.pages, 3, "on the third page of text");
    let full = foot(&samples::official_padded(8));
    assert_eq!((full.foot, full.pages), (FootPlacement::OwnPage, 3), "the page after");
}
