//! The layout rules on hand-built trees: grid, run-in headings, page breaks, title, end
//! matter, page numbers, missing characters.

mod common;

use gongwen_ast::{
    Attachment, Block, Code, Content, Document, Heading, Inline, Label, LabelFamily, Reason,
    Removed, Span, Text, Title,
};
use gongwen_layout::{Layout, Line, Role, layout};
use gongwen_style::{PT_PER_MM, StyleProfile};

fn p(text: &str) -> Block {
    Block::Paragraph(Content::plain(text, Span::DETACHED))
}

fn heading(level: u8, family: LabelFamily, text: &str, run_in: bool) -> Block {
    Block::Heading(Heading {
        level,
        label: Label::canonical_of(family, 1, Span::DETACHED),
        content: Content::plain(text, Span::DETACHED),
        run_in,
        span: Span::DETACHED,
    })
}

fn run(blocks: Vec<Block>) -> Layout {
    run_with(blocks, &StyleProfile::default())
}

fn run_with(blocks: Vec<Block>, profile: &StyleProfile) -> Layout {
    let doc = Document { blocks, ..Document::default() };
    layout(&doc, profile, &common::book())
}

/// The default profile with the last page never tightened.
fn untightened() -> StyleProfile {
    let mut profile = StyleProfile::default();
    profile.layout.tightened_line_pitch_min_pt = profile.page.line_pitch_pt;
    profile
}

fn signature_and_date() -> [Block; 2] {
    [
        Block::Signature(Content::plain("某某市人民政府", Span::DETACHED).into()),
        Block::Date(Content::plain("2023年5月6日", Span::DETACHED)),
    ]
}

fn text(line: &Line) -> String {
    line.runs.iter().flat_map(|r| r.glyphs.iter().map(|g| g.ch)).collect()
}

fn body_lines(page: &gongwen_layout::Page) -> Vec<&Line> {
    page.lines.iter().filter(|l| l.role != Role::PageNumber).collect()
}

/// Left and right edges of the text block, points.
fn edges() -> (f32, f32) {
    let page = StyleProfile::default().page;
    let left = page.margin_left_mm * PT_PER_MM;
    (left, left + page.text_width_mm() * PT_PER_MM)
}

fn line_end(line: &Line) -> f32 {
    let last = line.runs.last().unwrap().glyphs.last().unwrap();
    last.x + last.advance
}

#[test]
fn body_text_sits_on_the_28_by_22_grid() {
    let out = run(vec![p(&"国".repeat(28 * 30))]);
    let lines = body_lines(&out.pages[0]);
    assert_eq!(lines.len(), 22, "22 lines on a full page");
    assert_eq!(text(lines[0]).chars().count(), 26, "first line indented two characters");
    assert!(lines[1..].iter().all(|l| text(l).chars().count() == 28));
    let pitch = StyleProfile::default().page.line_pitch_pt;
    for pair in lines.windows(2) {
        assert!((pair[1].baseline - pair[0].baseline - pitch).abs() < 0.01);
    }
    let (left, right) = edges();
    let g = &lines[1].runs[0].glyphs;
    assert!((g[0].x - left).abs() < 0.01);
    assert!((line_end(lines[1]) - right).abs() < 1.0, "justified to the right margin");
    assert!(g[27].x - g[26].x > 15.75 - 0.01 && g[27].x - g[26].x < 15.75 + 0.1);
}

#[test]
fn digits_take_their_real_width_not_a_grid_cell() {
    let out = run(vec![p("在2022年")]);
    let line = body_lines(&out.pages[0])[0];
    let digits = line.runs.iter().find(|r| r.glyphs[0].ch == '2').unwrap();
    assert_eq!(digits.glyphs.len(), 4);
    let w = digits.glyphs[1].x - digits.glyphs[0].x;
    assert!(w < 10.0, "Liberation Serif digit is half an em, not a grid cell: {w}");
}

#[test]
fn run_in_heading_takes_its_font_on_the_heading_sentence_only() {
    let book = common::book();
    let doc = Document {
        blocks: vec![
            heading(2, LabelFamily::ParenChinese, "要敢想。", true),
            p("没有想法就没有办法。"),
        ],
        ..Document::default()
    };
    let out = layout(&doc, &StyleProfile::default(), &book);
    let lines = body_lines(&out.pages[0]);
    assert_eq!(lines.len(), 1, "heading and paragraph are one paragraph");
    let runs = &lines[0].runs;
    let name = |i: usize| book.face(runs[i].face).postscript_name().to_string();
    let run_text = |i: usize| runs[i].glyphs.iter().map(|g| g.ch).collect::<String>();
    assert_eq!((runs[0].role, name(0).as_str()), (Role::Heading(2), "FandolKai-Regular"));
    assert_eq!(run_text(0), "（一）要敢想。");
    assert_eq!((runs[1].role, name(1).as_str()), (Role::Body, "FandolFang-Regular"));
    assert_eq!(run_text(1), "没有想法就没有办法。");
    assert_eq!(out.outline.len(), 1);
    assert_eq!(out.outline[0].title, "（一）要敢想。");
}

#[test]
fn removed_content_is_not_drawn() {
    let kept = Content {
        inlines: vec![
            Inline::Text(Text { text: "會".into(), span: Span::DETACHED }),
            Inline::Removed(Removed {
                reason: Reason::Pinyin,
                text: "(huì)".into(),
                span: Span::DETACHED,
            }),
            Inline::Text(Text { text: "議".into(), span: Span::DETACHED }),
        ],
        span: Span::DETACHED,
    };
    let trailer = Block::Removed(Removed {
        reason: Reason::WebTrailer,
        text: "文章地址：http://x".into(),
        span: Span::DETACHED,
    });
    let out = run(vec![Block::Paragraph(kept), trailer]);
    assert_eq!(out.text(), "會議\n");
}

#[test]
fn a_heading_is_never_the_last_line_of_a_page() {
    let mut blocks: Vec<Block> = (0..21).map(|_| p("短段落。")).collect();
    blocks.push(heading(1, LabelFamily::Chinese, "标题", false));
    blocks.push(p(&"国".repeat(100)));
    let out = run(blocks);
    let first = body_lines(&out.pages[0]);
    assert_eq!(first.len(), 21, "line 22 stays empty");
    assert_eq!(body_lines(&out.pages[1])[0].role, Role::Heading(1));
    assert_eq!(out.outline[0].page, 1);
}

#[test]
fn a_first_line_is_not_left_alone_at_the_bottom() {
    let mut blocks: Vec<Block> = (0..21).map(|_| p("短段落。")).collect();
    blocks.push(p(&"国".repeat(70)));
    let out = run(blocks);
    assert_eq!(body_lines(&out.pages[0]).len(), 21);
    assert_eq!(body_lines(&out.pages[1]).len(), 3);
}

#[test]
fn a_last_line_is_not_left_alone_at_the_top() {
    let mut blocks: Vec<Block> = (0..19).map(|_| p("短段落。")).collect();
    blocks.push(p(&"国".repeat(26 + 28 * 3))); // four lines, three would fit
    let out = run(blocks);
    assert_eq!(body_lines(&out.pages[0]).len(), 21, "one line moves down with the last");
    assert_eq!(body_lines(&out.pages[1]).len(), 2);
}

#[test]
fn a_long_title_line_wraps_between_words_and_user_breaks_are_kept() {
    let title = |lines: &[&str]| {
        Block::Title(Title {
            lines: lines.iter().map(|l| Content::plain(*l, Span::DETACHED)).collect(),
            span: Span::DETACHED,
        })
    };
    let long = "某某市人民政府办公室关于进一步加强城市生活垃圾分类工作的通知";
    let out = run(vec![title(&[long])]);
    let lines = body_lines(&out.pages[0]);
    let texts: Vec<String> = lines.iter().map(|l| text(l)).collect();
    assert_eq!(texts, ["某某市人民政府办公室", "关于进一步加强城市生活垃圾分类工作的通知"]);
    let (left, right) = edges();
    for l in &lines {
        let start = l.runs[0].glyphs[0].x;
        assert!(((start - left) - (right - line_end(l))).abs() < 1.0, "centred");
    }
    let out = run(vec![title(&["关于做好", "全市经济工作的意见"])]);
    let lines: Vec<String> = body_lines(&out.pages[0]).iter().map(|l| text(l)).collect();
    assert_eq!(lines, ["关于做好", "全市经济工作的意见"]);
}

#[test]
fn signature_and_date_follow_gbt_9704() {
    let (_, right) = edges();
    let em = 15.75;
    let sig = |t: &str| Block::Signature(Content::plain(t, Span::DETACHED).into());
    let date = |t: &str| Block::Date(Content::plain(t, Span::DETACHED));
    // The organ name is longer than the date: it stands two characters from the right,
    // the date starts two characters right of its start.
    let out = run(vec![p("正文。"), sig("某某市人民政府办公室"), date("2023年5月6日")]);
    let lines = body_lines(&out.pages[0]);
    let (s, d) = (lines[1], lines[2]);
    assert_eq!((s.role, d.role), (Role::Signature, Role::Date));
    assert!((line_end(s) - (right - 2.0 * em)).abs() < 0.5);
    let (sx, dx) = (s.runs[0].glyphs[0].x, d.runs[0].glyphs[0].x);
    assert!((dx - sx - 2.0 * em).abs() < 0.5, "{sx} {dx}");
    assert!((s.baseline - lines[0].baseline - 2.0 * 28.95).abs() < 0.5, "one blank line");
    // The date is the longer: it stands two characters from the right, the organ moves left.
    let out = run(vec![p("正文。"), sig("某局"), date("2023年5月6日")]);
    let lines = body_lines(&out.pages[0]);
    let (s, d) = (lines[1], lines[2]);
    assert!((line_end(d) - (right - 2.0 * em)).abs() < 0.5);
    assert!((d.runs[0].glyphs[0].x - s.runs[0].glyphs[0].x - 2.0 * em).abs() < 0.5);
}

#[test]
fn attachment_lines_hang_under_the_names() {
    let lines = [format!("附件：1.{}", "国".repeat(40)), "2.某某材料".to_string()];
    let out = run(vec![
        p("正文。"),
        Block::Attachment(Attachment {
            lines: lines.iter().map(|l| Content::plain(l.as_str(), Span::DETACHED)).collect(),
            span: Span::DETACHED,
        }),
    ]);
    let lines = body_lines(&out.pages[0]);
    let glyph_x = |l: &Line, ch: char| {
        l.runs.iter().flat_map(|r| &r.glyphs).find(|g| g.ch == ch).map(|g| g.x).unwrap()
    };
    let first_name = lines[1].runs.iter().flat_map(|r| &r.glyphs).nth(5).unwrap().x;
    assert!((lines[2].runs[0].glyphs[0].x - first_name).abs() < 0.5, "wrapped line hangs");
    assert!((glyph_x(lines[3], '2') - glyph_x(lines[1], '1')).abs() < 0.5, "2. under 1.");
    assert!((lines[1].baseline - lines[0].baseline - 2.0 * 28.95).abs() < 0.5);
}

#[test]
fn page_numbers_alternate_sides_one_character_in() {
    let out = run(vec![p(&"国".repeat(28 * 50))]);
    assert!(out.pages.len() >= 3);
    let (left, right) = edges();
    let profile = StyleProfile::default();
    let inset = profile.page_number.size_pt;
    for (i, page) in out.pages.iter().enumerate() {
        let number = page.lines.last().unwrap();
        assert_eq!(number.role, Role::PageNumber);
        assert_eq!(text(number), format!("— {} —", i + 1));
        if i % 2 == 0 {
            assert!((line_end(number) - (right - inset)).abs() < 0.5, "odd page: right");
        } else {
            assert!((number.runs[0].glyphs[0].x - (left + inset)).abs() < 0.5, "even: left");
        }
        let block_bottom = (profile.page.margin_top_mm + profile.page.text_height_mm()) * PT_PER_MM;
        let gap = number.baseline - block_bottom;
        assert!(gap > 7.0 * PT_PER_MM && gap < 7.0 * PT_PER_MM + 14.0, "7 mm below: {gap}");
    }
}

#[test]
fn a_character_no_font_has_is_one_warning_at_its_first_place() {
    let doc = Document {
        blocks: vec![
            Block::Paragraph(Content::plain("甲\u{E000}乙", Span::new(10, 19))),
            Block::Paragraph(Content::plain("\u{E000}", Span::new(20, 23))),
        ],
        ..Document::default()
    };
    let out = layout(&doc, &StyleProfile::default(), &common::book());
    assert_eq!(out.warnings.len(), 1, "once per character, not per paragraph");
    let w = &out.warnings[0];
    assert_eq!((w.code, w.span), (Code::MissingGlyph, Span::new(13, 16)));
    assert!(w.message.contains("U+E000"), "{}", w.message);
    let glyphs: Vec<_> = out.pages[0].lines[0].runs.iter().flat_map(|r| &r.glyphs).collect();
    assert_eq!(glyphs.len(), 3, "drawn as the missing-glyph box, not dropped");
    assert_eq!(glyphs[1].id, 0);
}

#[test]
fn an_empty_font_book_draws_nothing_and_warns() {
    let doc = Document { blocks: vec![p("国")], ..Document::default() };
    let out = layout(&doc, &StyleProfile::default(), &gongwen_layout::FontBook::new());
    assert!(out.warnings.iter().all(|w| w.code == Code::MissingGlyph));
    assert!(out.warnings.iter().any(|w| w.message.contains("“国”")));
    assert_eq!(out.pages.len(), 1);
    assert_eq!(out.text(), "");
}

#[test]
fn a_line_taller_than_the_page_still_terminates() {
    // Validation refuses such a pitch; a profile built in code is not validated.
    let mut profile = StyleProfile::default();
    profile.page.line_pitch_pt = 2000.0;
    let doc = Document { blocks: vec![p("一"), p("二")], ..Document::default() };
    let out = layout(&doc, &profile, &common::book());
    assert_eq!(out.pages.len(), 2);
}

#[test]
fn a_huge_paragraph_is_laid_out_in_linear_time() {
    // 150 000 characters, some missing from every font: about 240 pages.
    let text = "国，\u{E000}".repeat(50_000);
    let out = run(vec![p(&text)]);
    assert!(out.pages.len() > 200, "{}", out.pages.len());
    assert_eq!(out.warnings.len(), 1, "one warning per character and block");
}

#[test]
fn every_block_kind_snapshot() {
    let c = |t: &str| Content::plain(t, Span::DETACHED);
    let blocks = vec![
        Block::Title(Title {
            lines: vec![c("在全市重点工作推进会上的讲话")],
            span: Span::DETACHED,
        }),
        Block::Subtitle(c("（2023年5月6日）")),
        Block::Salutation(c("同志们：")),
        p("今天召开会议，主要任务是总结工作、部署任务。"),
        heading(1, LabelFamily::Chinese, "关于形势", false),
        heading(2, LabelFamily::ParenChinese, "要敢想。", true),
        p("没有想法就没有办法。"),
        heading(3, LabelFamily::Arabic, "抓项目。", true),
        p("项目是发展的生命线。"),
        heading(4, LabelFamily::ParenArabic, "抓招商", false),
        p("招商引资要“走出去”《请进来》。"),
        Block::Closing(c("谢谢大家！")),
        Block::Attachment(Attachment {
            lines: vec![c("附件：1.重点项目清单"), c("2.任务分工表")],
            span: Span::DETACHED,
        }),
        Block::Signature(c("某某市人民政府").into()),
        Block::Date(c("2023年5月6日")),
    ];
    let book = common::book();
    let doc = Document { blocks, ..Document::default() };
    let out = layout(&doc, &StyleProfile::default(), &book);
    insta::assert_snapshot!(out.dump(&book));
}

#[test]
fn a_bold_role_uses_a_bold_face_or_else_a_stroke() {
    let book = common::book();
    let doc = Document {
        blocks: vec![heading(3, LabelFamily::Arabic, "抓项目", false)],
        ..Document::default()
    };
    let out = layout(&doc, &StyleProfile::default(), &book);
    let runs = &body_lines(&out.pages[0])[0].runs;
    assert_eq!(book.face(runs[0].face).postscript_name(), "LiberationSerif-Bold");
    assert_eq!(runs[0].stroke, 0.0, "a bold face needs no stroke");
    assert_eq!(book.face(runs[1].face).postscript_name(), "FandolFang-Regular");
    assert!(runs[1].stroke > 0.0, "FandolFang has no bold: emboldened by a stroke");
}

#[test]
fn signature_and_date_stay_on_one_page_with_text_before_them() {
    // 20 lines of body, a blank line, then the signature would be line 22, the date 23.
    // With tightening off, the block moves to the next page and takes two body lines with
    // it, so that no page holds only a signature (GB/T 9704 §7.3.5).
    let mut blocks: Vec<Block> = (0..20).map(|_| p("短段落。")).collect();
    blocks.extend(signature_and_date());
    let out = run_with(blocks, &untightened());
    assert_eq!(body_lines(&out.pages[0]).len(), 18);
    let second = body_lines(&out.pages[1]);
    let roles: Vec<_> = second.iter().map(|l| l.role).collect();
    assert_eq!(roles, [Role::Body, Role::Body, Role::Signature, Role::Date]);
}

#[test]
fn the_last_page_is_tightened_before_lines_move() {
    // The same 23 lines: the page is tightened to hold them all, evenly, the date's line
    // ending on the text block's bottom edge, rather than sending the end matter over.
    let mut blocks: Vec<Block> = (0..20).map(|_| p("短段落。")).collect();
    blocks.extend(signature_and_date());
    let out = run(blocks);
    assert_eq!(out.pages.len(), 1);
    let lines = body_lines(&out.pages[0]);
    assert_eq!(lines.len(), 22, "20 body lines, signature, date");
    let profile = StyleProfile::default();
    let page = &profile.page;
    let height = page.text_height_mm() * PT_PER_MM;
    let tight = height / 23.0;
    assert!(tight >= profile.layout.tightened_line_pitch_min_pt);
    for pair in lines[..20].windows(2) {
        let step = pair[1].baseline - pair[0].baseline;
        assert!((step - tight).abs() < 0.01, "{step} vs {tight}");
    }
    assert!((lines[20].baseline - lines[19].baseline - 2.0 * tight).abs() < 0.01, "blank line");
    let first_top = lines[0].baseline - tight / 2.0;
    let last_bottom = lines[20].baseline + 1.5 * tight;
    assert!((last_bottom - first_top - height).abs() < 0.1, "{first_top} {last_bottom}");
    assert!((lines[21].baseline - lines[20].baseline - tight).abs() < 1.0, "the date");
    assert_eq!(out.pages[0].lines.last().unwrap().role, Role::PageNumber);
}

#[test]
fn a_long_last_paragraph_sends_two_lines_along_with_the_signature() {
    // 18 one-line paragraphs, then one of 4 lines: 22 lines, a full page. The signature
    // cannot follow, so the paragraph keeps 2 lines here and sends 2 with the signature.
    let mut blocks: Vec<Block> = (0..18).map(|_| p("短段落。")).collect();
    blocks.push(p(&"长".repeat(28 * 3 + 10)));
    blocks.extend(signature_and_date());
    let out = run_with(blocks.clone(), &untightened());
    assert_eq!(body_lines(&out.pages[0]).len(), 20);
    let roles: Vec<_> = body_lines(&out.pages[1]).iter().map(|l| l.role).collect();
    assert_eq!(roles, [Role::Body, Role::Body, Role::Signature, Role::Date]);
    // Tightened, the 25 lines (with the blank one) fit at 25.5 pt on one page.
    assert_eq!(run(blocks).pages.len(), 1);
}

#[test]
fn end_matter_past_what_tightening_allows_keeps_two_lines_with_it() {
    // A full page, then an attachment note of three items and the signature: 29 lines
    // would need a 22 pt pitch, under the 25 pt allowed, so the page is not tightened.
    let mut blocks: Vec<Block> = (0..18).map(|_| p("短段落。")).collect();
    blocks.push(p(&"长".repeat(28 * 3 + 10)));
    let items = ["附件：1.一号材料", "2.二号材料", "3.三号材料"];
    blocks.push(Block::Attachment(Attachment {
        lines: items.iter().map(|l| Content::plain(*l, Span::DETACHED)).collect(),
        span: Span::DETACHED,
    }));
    blocks.extend(signature_and_date());
    let out = run(blocks);
    assert_eq!(out.pages.len(), 2);
    let roles: Vec<_> = body_lines(&out.pages[1]).iter().map(|l| l.role).collect();
    assert_eq!(roles[..3], [Role::Body, Role::Body, Role::Attachment]);
    let pitch = StyleProfile::default().page.line_pitch_pt;
    let first = body_lines(&out.pages[0]);
    assert!((first[1].baseline - first[0].baseline - pitch).abs() < 0.01, "not tightened");
}

#[test]
fn a_chapter_of_regulation_text_is_centred_with_a_full_width_space() {
    let chapter = Block::Heading(Heading {
        level: 1,
        label: Label::canonical_of(
            LabelFamily::Part(gongwen_ast::PartWord::Zhang),
            2,
            Span::DETACHED,
        ),
        content: Content::plain("接待范围和审批", Span::DETACHED),
        run_in: false,
        span: Span::DETACHED,
    });
    let out = run(vec![chapter]);
    let line = &body_lines(&out.pages[0])[0];
    assert_eq!(text(line), "第二章\u{3000}接待范围和审批");
    let (left, right) = edges();
    let start = line.runs[0].glyphs[0].x;
    assert!(((start - left) - (right - line_end(line))).abs() < 1.0, "centred");
}
