//! The XML parts of the DOCX, unzipped: snapshots for a hand-built tree with every kind
//! of block, and properties that must hold for every document.

mod common;

use gongwen_ast::{
    Attachment, Block, Content, Document, Heading, Inline, Label, LabelFamily, Meta, Reason,
    Removed, Span, SpeechWord, Text, Title,
};
use gongwen_docx::{DocxError, DocxOptions, docx};
use gongwen_style::StyleProfile;

fn plain(text: &str) -> Content {
    Content::plain(text, Span::DETACHED)
}

fn heading(level: u8, family: LabelFamily, number: u32, text: &str, run_in: bool) -> Block {
    Block::Heading(Heading {
        level,
        label: Label::canonical_of(family, number, Span::DETACHED),
        content: plain(text),
        run_in,
        span: Span::DETACHED,
    })
}

fn removed(reason: Reason, text: &str) -> Removed {
    Removed { reason, text: text.into(), span: Span::DETACHED }
}

/// One of every kind of block, a removed line and a removed inline among them.
fn every_block() -> Document {
    Document {
        meta: Meta { speaker: Some("张三".into()), ..Meta::default() },
        blocks: vec![
            Block::Title(Title {
                lines: vec![plain("在全市经济工作会议上的"), plain("讲话")],
                span: Span::DETACHED,
            }),
            Block::Subtitle(plain("（2023年5月6日）")),
            Block::Removed(removed(Reason::SourceLine, "来源：某某网 发布时间：2023-05-06")),
            Block::Salutation(plain("同志们：")),
            Block::Paragraph(plain("今天召开会议，主要任务是部署2023年“三项重点”工作……")),
            heading(1, LabelFamily::Chinese, 1, "统一思想，提高认识", false),
            heading(2, LabelFamily::ParenChinese, 1, "要敢想。", true),
            Block::Paragraph(Content {
                inlines: vec![
                    Inline::Text(Text {
                        text: "没有想法就没有出路，".into(),
                        span: Span::DETACHED,
                    }),
                    Inline::Removed(removed(Reason::Pinyin, "(huì)")),
                    Inline::Text(Text { text: "A&B<C>。".into(), span: Span::DETACHED }),
                ],
                span: Span::DETACHED,
            }),
            heading(3, LabelFamily::Arabic, 1, "加强领导", false),
            heading(4, LabelFamily::ParenArabic, 2, "压实责任", false),
            heading(3, LabelFamily::Speech(SpeechWord::Shi), 1, "抓落实。", true),
            Block::Closing(plain("谢谢大家！")),
            Block::Attachment(Attachment {
                lines: vec![plain("附件：1.重点工作任务分解表"), plain("2.联系人名单")],
                span: Span::DETACHED,
            }),
            Block::Signature(plain("某某市人民政府办公室综合科").into()),
            Block::Date(plain("2023年5月6日")),
            Block::Removed(removed(Reason::WebTrailer, "由互联网用户分享整理")),
        ],
    }
}

fn render(doc: &Document) -> Vec<u8> {
    common::render(doc)
}

#[test]
fn snapshots_of_every_part() {
    let bytes = render(&every_block());
    let parts = common::parts(&bytes);
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "word/settings.xml",
            "word/fontTable.xml",
            "word/footer1.xml",
            "word/footer2.xml",
        ]
    );
    for (name, text) in &parts {
        // One element a line, so that a change shows as a readable diff.
        let pretty = text.replace("><", ">\n<");
        insta::assert_snapshot!(name.replace(['/', '.', '[', ']'], "_"), pretty);
    }
}

#[test]
fn same_input_same_bytes_and_the_timestamp_changes_only_core_properties() {
    let doc = every_block();
    let profile = StyleProfile::default();
    let a = docx(&doc, &profile, &DocxOptions::default()).unwrap();
    let b = docx(&doc, &profile, &DocxOptions::default()).unwrap();
    assert_eq!(a, b);
    let dated =
        docx(&doc, &profile, &DocxOptions { modified: Some(1_700_000_000), ..Default::default() })
            .unwrap();
    assert_ne!(a, dated);
    for ((name, before), (_, after)) in common::parts(&a).iter().zip(common::parts(&dated)) {
        if name == "docProps/core.xml" {
            assert!(before.contains("1970-01-01T00:00:00Z"), "{before}");
            assert_eq!(before.replace("1970-01-01T00:00:00Z", "2023-11-14T22:13:20Z"), after);
        } else {
            assert_eq!(before, &after, "{name}");
        }
    }
}

#[test]
fn errors_are_values() {
    let doc = every_block();
    let too_late = DocxOptions { modified: Some(i64::MAX), ..Default::default() };
    let err = docx(&doc, &StyleProfile::default(), &too_late).unwrap_err();
    assert!(matches!(err, DocxError::Timestamp(_)), "{err}");
    let mut profile = StyleProfile::default();
    profile.body.size_pt = f32::NAN;
    let err = docx(&doc, &profile, &DocxOptions::default()).unwrap_err();
    assert!(err.to_string().contains("body.size_pt"), "{err}");
}

#[test]
fn removed_text_is_not_rendered() {
    let document = common::part(&render(&every_block()), "word/document.xml");
    for gone in ["来源", "(huì)", "huì", "由互联网用户分享整理"] {
        assert!(!document.contains(gone), "{gone} rendered");
    }
    assert!(document.contains("<w:t>没有想法就没有出路，A&amp;B&lt;C&gt;。</w:t>"));
}

/// The paragraphs of document.xml, as raw XML.
fn paragraphs(document: &str) -> Vec<&str> {
    document.split("<w:p>").skip(1).map(|p| &p[..p.find("</w:p>").expect("closed")]).collect()
}

#[test]
fn run_in_headings_share_the_paragraph_with_the_body() {
    let document = common::part(&render(&every_block()), "word/document.xml");
    let p = paragraphs(&document)
        .into_iter()
        .find(|p| p.contains("要敢想。"))
        .expect("the run-in heading");
    assert!(p.contains("没有想法就没有出路"), "heading and body in one paragraph: {p}");
    assert!(!p.contains("<w:pStyle") && !p.contains("outlineLvl"), "a body paragraph: {p}");
    assert!(p.starts_with(
        "<w:r><w:rPr><w:rStyle w:val=\"Heading2Char\"/></w:rPr><w:t>（一）要敢想。</w:t></w:r>\
         <w:r><w:t>没有想法"
    ));
    // A run-in heading at the end of its paragraph still renders.
    let last = paragraphs(&document).into_iter().find(|p| p.contains("抓落实。")).unwrap();
    assert!(last.contains("Heading3Char") && last.contains("一是"), "{last}");
    // Headings on their own line are applied by style.
    assert!(document.contains(
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>一、统一思想，提高认识</w:t>"
    ));
}

#[test]
fn ambiguous_punctuation_takes_the_chinese_font() {
    let document = common::part(&render(&every_block()), "word/document.xml");
    let hinted = "<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr><w:t>今天召开会议";
    assert!(document.contains(hinted), "quotes and ellipsis hinted");
    assert!(document.contains("<w:r><w:t>谢谢大家！</w:t></w:r>"), "plain text not hinted");
    let footer = common::part(&render(&every_block()), "word/footer1.xml");
    assert!(
        footer.contains("<w:rFonts w:hint=\"eastAsia\"/></w:rPr><w:t xml:space=\"preserve\">— ")
    );
}

#[test]
fn no_theme_fonts_anywhere() {
    for (stem, _, doc) in common::samples() {
        for (name, text) in common::parts(&render(&doc)) {
            assert!(!name.contains("theme"), "{stem}: theme part {name}");
            assert!(!text.contains("Theme=") && !text.contains("theme"), "{stem}: {name}");
        }
    }
}

#[test]
fn end_matter_is_placed_per_gbt_9704() {
    let document = common::part(&render(&every_block()), "word/document.xml");
    let ps = paragraphs(&document);
    let find = |s: &str| *ps.iter().find(|p| p.contains(s)).unwrap_or_else(|| panic!("{s}"));
    // 附件：1. starts two characters in; wrapped names align with the name's first
    // character: 2 characters of 16 pt, 3 of 15.75 pt, "1" at 7.75 pt and "." at 3.75 pt.
    let first = find("附件：1.");
    assert!(first.contains("<w:spacing w:before=\"579\"/>"), "one blank line: {first}");
    assert!(first.contains("<w:ind w:left=\"1815\" w:hanging=\"1175\"/>"), "{first}");
    assert!(find("2.联系人名单").contains("<w:ind w:left=\"1815\" w:hanging=\"230\"/>"));
    // A signature of 13 characters: right-aligned two characters in (by style), the date
    // starting two characters right of the signature's start.
    let signature = find("某某市人民政府办公室综合科");
    assert!(signature.starts_with(
        "<w:pPr><w:pStyle w:val=\"Signature\"/><w:keepNext/><w:spacing w:before=\"579\"/></w:pPr>"
    ));
    let width = 11906 - 1587 - 1474;
    let date_left = width - 640 - 13 * 315 + 640;
    let date = find("<w:pStyle w:val=\"Date\"/>");
    assert!(
        date.contains(&format!(
            "<w:ind w:left=\"{date_left}\" w:right=\"0\"/><w:jc w:val=\"left\"/>"
        )),
        "{date}"
    );
}

#[test]
fn a_date_longer_than_the_signature_allows_moves_the_signature() {
    let doc = Document {
        blocks: vec![
            Block::Paragraph(plain("正文。")),
            Block::Signature(plain("某某县政府").into()),
            Block::Date(plain("二〇一一年十月二十六日")),
        ],
        ..Document::default()
    };
    let document = common::part(&render(&doc), "word/document.xml");
    let ps = paragraphs(&document);
    let width = 11906 - 1587 - 1474;
    let sig_left = width - 640 - 11 * 315 - 640;
    assert!(ps[1].contains(&format!("<w:ind w:left=\"{sig_left}\" w:right=\"0\"/>")), "{}", ps[1]);
    assert!(ps[2].starts_with("<w:pPr><w:pStyle w:val=\"Date\"/></w:pPr>"), "{}", ps[2]);
}

#[test]
fn the_profile_drives_every_number_and_name() {
    let mut profile = StyleProfile::default();
    profile.body.font = "方正仿宋_GBK".into();
    profile.heading1.font = "方正黑体_GBK".into();
    profile.page.margin_top_mm = 36.0;
    profile.page.line_pitch_pt = 28.0;
    profile.page_number.inset_chars = 0.0;
    let bytes = docx(&every_block(), &profile, &DocxOptions::default()).unwrap();
    let styles = common::part(&bytes, "word/styles.xml");
    assert!(styles.contains("w:eastAsia=\"方正仿宋_GBK\"") && styles.contains("方正黑体_GBK"));
    assert!(!styles.contains("w:eastAsia=\"黑体\""), "heading 1 no longer in 黑体");
    assert!(styles.contains("<w:spacing w:line=\"560\" w:lineRule=\"exact\"/>"));
    let document = common::part(&bytes, "word/document.xml");
    assert!(document.contains("w:top=\"2041\"") && document.contains("w:linePitch=\"560\""));
    let fonts = common::part(&bytes, "word/fontTable.xml");
    assert!(fonts.contains("<w:font w:name=\"方正仿宋_GBK\"><w:charset w:val=\"86\"/>"));
    let footer = common::part(&bytes, "word/footer1.xml");
    assert!(footer.contains("<w:ind w:right=\"0\"/>"), "{footer}");
}

#[test]
fn the_script_space_leaves_autospace_on_and_none_turns_it_off() {
    // Word, WPS and LibreOffice add their space between Chinese and digits, as the PDF does.
    let styles = common::part(&render(&every_block()), "word/styles.xml");
    assert!(styles.contains("<w:overflowPunct/>") && !styles.contains("w:autoSpaceD"), "{styles}");
    let mut solid = StyleProfile::default();
    solid.layout.han_latin_space_em = 0.0;
    let bytes = docx(&every_block(), &solid, &DocxOptions::default()).unwrap();
    let styles = common::part(&bytes, "word/styles.xml");
    let off = "<w:overflowPunct/><w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/>";
    assert!(styles.contains(off), "{styles}");
}

#[test]
fn core_properties_carry_the_title_and_speaker() {
    let core = common::part(&render(&every_block()), "docProps/core.xml");
    assert!(core.contains("<dc:title>在全市经济工作会议上的讲话</dc:title>"), "{core}");
    assert!(core.contains("<dc:creator>张三</dc:creator>"), "{core}");
    let mut doc = every_block();
    doc.meta.title = Some("会议讲话 & 部署".into());
    let core = common::part(&render(&doc), "docProps/core.xml");
    assert!(core.contains("<dc:title>会议讲话 &amp; 部署</dc:title>"), "{core}");
}

#[test]
fn an_empty_document_is_a_valid_package() {
    let bytes = render(&Document::default());
    let document = common::part(&bytes, "word/document.xml");
    assert!(document.contains("<w:body><w:sectPr>"), "{document}");
    assert!(!common::part(&bytes, "docProps/core.xml").contains("dc:title"));
}

/// The fontconfig file of the LibreOffice test maps every font the default profile names.
#[test]
fn fontconfig_aliases_every_profile_font() {
    let conf = std::fs::read_to_string(common::root().join("tests/fontconfig/fonts.conf"))
        .expect("tests/fontconfig/fonts.conf");
    let squeezed = conf.replace(' ', "");
    let profile = StyleProfile::default();
    let mut named: Vec<(&str, &str)> =
        profile.roles().iter().map(|(_, r)| (r.font.as_str(), r.stand_in.as_str())).collect();
    named.push((&profile.latin.font, &profile.latin.stand_in));
    named.push((&profile.page_number.font, &profile.page_number.stand_in));
    for (font, stand_in) in named {
        assert!(conf.contains(&format!("<string>{font}</string>")), "{font} not mapped");
        let family = stand_in.split('-').next().unwrap();
        assert!(squeezed.contains(&format!("<string>{family}</string>")), "{stand_in} missing");
    }
}

/// A real web copy (seed-004: traditional characters, pinyin, half-width punctuation),
/// one paragraph a line, so that the snapshot does not move when the parser improves.
#[test]
fn snapshot_of_a_sample_line_by_line() {
    let text = std::fs::read_to_string(common::root().join("samples/seed-004.txt")).unwrap();
    let blocks =
        text.lines().filter(|l| !l.trim().is_empty()).map(|l| Block::Paragraph(plain(l.trim())));
    let doc = Document { blocks: blocks.collect(), ..Document::default() };
    let document = common::part(&render(&doc), "word/document.xml");
    insta::assert_snapshot!(document.replace("<w:p>", "\n<w:p>"));
}
