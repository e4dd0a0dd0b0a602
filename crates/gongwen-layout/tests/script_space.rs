//! The script space (`layout.han_latin_space_em`, clreq §3.2.2): between a Chinese
//! character and an ASCII letter or digit beside it on a line, exactly the profile's
//! share of the size; none at a line's start or end, none beside punctuation, never
//! widened by justification; lines of Chinese alone keep the grid.

mod common;

use std::collections::HashMap;

use gongwen_ast::{Block, Content, Document, Span};
use gongwen_layout::{Glyph, Layout, Role, layout};
use gongwen_style::{PT_PER_MM, StyleProfile};

#[path = "../../../tests/support/samples.rs"]
mod samples;

fn profile(em: f32) -> StyleProfile {
    let mut profile = StyleProfile::default();
    profile.layout.han_latin_space_em = em;
    profile
}

fn lay(paragraphs: &[String], profile: &StyleProfile) -> Layout {
    let blocks =
        paragraphs.iter().map(|t| Block::Paragraph(Content::plain(t, Span::DETACHED))).collect();
    layout(&Document { blocks, ..Document::default() }, profile, &common::book())
}

/// A Chinese character and an ASCII letter or digit, in either order.
fn change(a: char, b: char) -> bool {
    let han = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    (han(a) && b.is_ascii_alphanumeric()) || (a.is_ascii_alphanumeric() && han(b))
}

/// The body lines of a layout: their glyphs, and whether the line is a paragraph's last.
fn body_lines(laid: &Layout) -> Vec<(Vec<Glyph>, bool)> {
    let lines: Vec<Vec<Glyph>> = laid
        .pages
        .iter()
        .flat_map(|p| p.lines.iter().filter(|l| l.role == Role::Body))
        .map(|l| l.runs.iter().flat_map(|r| r.glyphs.iter().copied()).collect())
        .collect();
    let n = lines.len();
    // Each paragraph of the tests below ends with 。.
    lines
        .into_iter()
        .enumerate()
        .map(|(i, g)| {
            let last = i + 1 == n || g.last().is_some_and(|g| g.ch == '。');
            (g, last)
        })
        .collect()
}

/// Mixed paragraphs: digits, Latin letters, punctuation beside them, no two marks side by
/// side; each shifted by `shift` characters so that breaks fall in different places.
fn mixed(shift: usize) -> Vec<String> {
    let lead: String = "各县区".chars().cycle().take(shift).collect();
    vec![format!(
        "{lead}全市2024年完成投资36亿元，同比增长15%，其中工业投资12亿元、基础设施投资9亿元，\
         较上年多3亿元。第3季度新开工项目27个，A类项目5个，B类项目11个，计划于2025年6月\
         前全部建成投产，预计新增产值80亿元，带动就业4200人，完成全年目标的76%，比去年\
         同期提高8个百分点，其中5个项目进度超过序时进度，3个项目已经竣工验收。"
    )]
}

/// How far each glyph stands from the one before past its advance and the tracking.
fn gaps(glyphs: &[Glyph], spacing: f32) -> Vec<f32> {
    glyphs.windows(2).map(|w| w[1].x - w[0].x - w[0].advance - spacing).collect()
}

#[test]
fn each_change_of_script_takes_exactly_the_profiles_space_and_nothing_else_does() {
    let (mut changes, mut edges) = (0, 0);
    for em in [0.2, 0.25] {
        let profile = profile(em);
        let spacing = profile.page.char_spacing_pt;
        let script = em * profile.body.size_pt;
        let left = profile.page.margin_left_mm * PT_PER_MM;
        let right = left + profile.page.text_width_mm() * PT_PER_MM;
        let indent = 2.0 * (profile.body.size_pt + spacing);
        for shift in 0..12 {
            let laid = lay(&mixed(shift), &profile);
            let lines = body_lines(&laid);
            assert!(lines.len() >= 5, "{lines:?}");
            for (n, (glyphs, last)) in lines.iter().enumerate() {
                let text: String = glyphs.iter().map(|g| g.ch).collect();
                let gaps = gaps(glyphs, spacing);
                // The justification's gap: the same after every glyph.
                let stretch = gaps
                    .iter()
                    .zip(glyphs.windows(2))
                    .find(|(_, w)| !change(w[0].ch, w[1].ch))
                    .map(|(g, _)| *g)
                    .unwrap();
                for (gap, w) in gaps.iter().zip(glyphs.windows(2)) {
                    let want = stretch + if change(w[0].ch, w[1].ch) { script } else { 0.0 };
                    assert!(
                        (gap - want).abs() < 0.01,
                        "{em} em, line {n} {text}: {}{} stand {gap:.3} apart, not {want:.3}",
                        w[0].ch,
                        w[1].ch
                    );
                    changes += usize::from(change(w[0].ch, w[1].ch));
                }
                // No space at the line's start or end: it starts at its indent and, when
                // justified, its last box ends on the block's right edge.
                let start = left + if n == 0 { indent } else { 0.0 };
                assert!((glyphs[0].x - start).abs() < 0.01, "line {n} {text}");
                let end = glyphs.last().map(|g| g.x + g.advance).unwrap();
                if !last {
                    assert!((end - right).abs() < 0.01, "line {n} {text}: ends at {end}");
                }
                // A line that starts or ends where the scripts change.
                if n > 0 && change(lines[n - 1].0.last().unwrap().ch, glyphs[0].ch) {
                    edges += 1;
                }
            }
        }
    }
    assert!(changes >= 500 && edges >= 3, "{changes} changes, {edges} breaks at a change");
}

#[test]
fn the_space_changes_where_lines_break() {
    // 28 em: "全市2024年…" fills a line once the spaces are added, so the break moves.
    let breaks = |em: f32| -> Vec<String> {
        body_lines(&lay(&mixed(0), &profile(em)))
            .iter()
            .map(|(g, _)| g.iter().map(|g| g.ch).collect())
            .collect()
    };
    assert_ne!(breaks(0.0), breaks(0.2));
}

#[test]
fn zero_sets_the_scripts_solid() {
    let profile = profile(0.0);
    let spacing = profile.page.char_spacing_pt;
    for shift in 0..3 {
        for (glyphs, _) in body_lines(&lay(&mixed(shift), &profile)) {
            let gaps = gaps(&glyphs, spacing);
            let (lo, hi) =
                gaps.iter().fold((f32::MAX, f32::MIN), |(l, h), &g| (l.min(g), h.max(g)));
            assert!(hi - lo < 0.01, "{gaps:?}");
        }
    }
}

#[test]
fn lines_of_chinese_alone_keep_the_grid() {
    // Samples' and cases' body lines without a Latin letter or digit are set alike with the
    // space at 0, 0.2 and 0.25 (each line matched with the same text's same occurrence);
    // a full line holds 28 characters.
    let han_only = |laid: &Layout| -> HashMap<String, Vec<Vec<f32>>> {
        let mut out: HashMap<String, Vec<Vec<f32>>> = HashMap::new();
        for (glyphs, _) in body_lines(laid) {
            let text: String = glyphs.iter().map(|g| g.ch).collect();
            if !text.chars().any(|c| c.is_ascii_alphanumeric()) {
                out.entry(text).or_default().push(glyphs.iter().map(|g| g.x).collect());
            }
        }
        out
    };
    let (mut full, mut compared) = (0, 0);
    for (name, doc) in samples::samples_and_cases().iter().filter(|(n, _)| n.starts_with("parse-"))
    {
        let solid = han_only(&layout(doc, &profile(0.0), &common::book()));
        for em in [0.2, 0.25] {
            for (text, places) in han_only(&layout(doc, &profile(em), &common::book())) {
                for (k, xs) in places.iter().enumerate() {
                    full += usize::from(text.chars().count() == 28);
                    if let Some(same) = solid.get(&text).and_then(|p| p.get(k)) {
                        assert_eq!(same, xs, "{name}: {text}");
                        compared += 1;
                    }
                }
            }
        }
    }
    assert!(full >= 80 && compared >= 300, "{full} full lines, {compared} compared");
}
