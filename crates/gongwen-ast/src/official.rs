//! The blocks of an official copy (版头, 签发人, 版记, attachments) told in the speech
//! vocabulary, for renderers that set them down as ordinary lines.

use std::borrow::Cow;

use crate::{Appendix, Block, Content, Inline, Printed, Text, Title};

/// `blocks` with every official-copy block replaced by the speech blocks that carry its
/// text: the issuer mark as a title, the 发文字号 as a subtitle, 签发人, 份号, 密级, 紧急程度,
/// 附注, 抄送 and 印发 as paragraphs (with their labels), an attachment as its "附件N" line,
/// its title and its blocks. Nothing is dropped. Blocks without any official element are
/// borrowed as they are.
pub fn in_speech_blocks(blocks: &[Block]) -> Cow<'_, [Block]> {
    if !blocks.iter().any(is_official) {
        return Cow::Borrowed(blocks);
    }
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        speech_blocks(block, &mut out);
    }
    Cow::Owned(out)
}

/// The blocks a renderer's flow sets when it places the 版头 and the 版记 itself: those
/// blocks left out, a 附注 as a body paragraph, an attachment as its label (an
/// [`Block::Appendix`] without title or blocks, which starts a page), its title and its
/// blocks. Blocks without any official element are borrowed as they are.
pub fn flow_blocks(blocks: &[Block]) -> Cow<'_, [Block]> {
    if !blocks.iter().any(is_official) {
        return Cow::Borrowed(blocks);
    }
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        match block {
            Block::Note(c) => out.push(Block::Paragraph(c.clone())),
            Block::Appendix(a) => {
                out.push(Block::Appendix(Appendix { title: None, blocks: vec![], ..a.clone() }));
                if let Some(title) = &a.title {
                    out.push(Block::Title(title.clone()));
                }
                out.extend(flow_blocks(&a.blocks).iter().cloned());
            }
            b if is_official(b) => {}
            b => out.push(b.clone()),
        }
    }
    Cow::Owned(out)
}

/// Whether `block` is part of the 版头 (份号, 密级, 紧急程度, issuer mark, 发文字号,
/// 签发人), which renderers set above the title wherever the text has it.
pub fn is_head(block: &Block) -> bool {
    matches!(
        block,
        Block::CopyNumber(_)
            | Block::Classification(_)
            | Block::Urgency(_)
            | Block::Issuer(_)
            | Block::Number(_)
            | Block::Signer(_)
    )
}

/// Whether `block` is part of the 版记 (抄送, 印发), set at the foot of the last page.
pub fn is_foot(block: &Block) -> bool {
    matches!(block, Block::Cc(_) | Block::Printed(_))
}

/// Whether `block` belongs to the official-copy vocabulary only.
pub fn is_official(block: &Block) -> bool {
    is_head(block) || is_foot(block) || matches!(block, Block::Note(_) | Block::Appendix(_))
}

fn speech_blocks(block: &Block, out: &mut Vec<Block>) {
    match block {
        Block::Issuer(i) => out.push(Block::Title(Title {
            lines: i.organs.iter().chain(&i.suffix).cloned().collect(),
            span: i.span,
        })),
        Block::Number(c) => out.push(Block::Subtitle(c.clone())),
        Block::CopyNumber(c) | Block::Classification(c) | Block::Urgency(c) | Block::Note(c) => {
            out.push(Block::Paragraph(c.clone()))
        }
        Block::Signer(s) => {
            let names: Vec<&Content> = s.names.iter().collect();
            out.push(Block::Paragraph(labelled("签发人：", &names, "、", "", s.span)));
        }
        Block::Cc(c) => out.push(Block::Paragraph(labelled(cc_label(c), &[c], "", "", c.span))),
        Block::Printed(p) => {
            out.push(Block::Paragraph(labelled("", &[&p.organ, &p.date], "　", "印发", p.span)))
        }
        Block::Appendix(a) => {
            let number = a.number.map(|n| n.to_string()).unwrap_or_default();
            out.push(Block::Paragraph(Content::plain(format!("附件{number}"), a.span)));
            if let Some(title) = &a.title {
                out.push(Block::Title(title.clone()));
            }
            a.blocks.iter().for_each(|b| speech_blocks(b, out));
        }
        other => out.push(other.clone()),
    }
}

/// The label to set before a 抄送 line: none when the text has it.
pub fn cc_label(cc: &Content) -> &'static str {
    if cc.text().trim_start().starts_with("抄送") { "" } else { "抄送：" }
}

/// The 版记 of `blocks`: its 抄送 lines, in order, and its 印发 line.
pub fn foot_blocks(blocks: &[Block]) -> (Vec<&Content>, Option<&Printed>) {
    let ccs = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Cc(c) => Some(c),
            _ => None,
        })
        .collect();
    let printed = blocks.iter().find_map(|b| match b {
        Block::Printed(p) => Some(p),
        _ => None,
    });
    (ccs, printed)
}

/// How many characters open a 抄送 line set with [`cc_label`]'s label: "抄送：", under
/// whose end its wrapped lines start.
pub fn cc_label_chars(cc: &Content) -> usize {
    let label = cc_label(cc);
    if !label.is_empty() {
        return label.chars().count();
    }
    let text = cc.text();
    text.find(['：', ':']).map_or(0, |i| text[..i].chars().count() + 1)
}

/// `label`, the parts' inlines separated by `sep`, then `end`, as one run of content.
fn labelled(label: &str, parts: &[&Content], sep: &str, end: &str, span: crate::Span) -> Content {
    let text = |s: &str| Inline::Text(Text { text: s.to_string(), span });
    let mut inlines = Vec::new();
    if !label.is_empty() {
        inlines.push(text(label));
    }
    for (i, part) in parts.iter().enumerate() {
        if i > 0 && !sep.is_empty() {
            inlines.push(text(sep));
        }
        inlines.extend(part.inlines.iter().cloned());
    }
    if !end.is_empty() {
        inlines.push(text(end));
    }
    Content { inlines, span }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Issuer, Printed, Span};

    #[test]
    fn a_speech_is_borrowed_and_official_blocks_keep_their_text() {
        let speech = vec![Block::Paragraph(Content::plain("今天", Span::DETACHED))];
        assert!(matches!(in_speech_blocks(&speech), Cow::Borrowed(_)));
        let c = |s: &str| Content::plain(s, Span::DETACHED);
        let official = vec![
            Block::Issuer(Issuer {
                organs: vec![c("某市人民政府")],
                suffix: Some(c("文件")),
                span: Span::DETACHED,
            }),
            Block::Number(c("某政发〔2024〕1号")),
            Block::Printed(Printed {
                organ: c("某市人民政府办公室"),
                date: c("2024年3月2日"),
                span: Span::DETACHED,
            }),
        ];
        let text: Vec<String> = in_speech_blocks(&official).iter().map(Block::plain_text).collect();
        assert_eq!(
            text,
            ["某市人民政府\n文件", "某政发〔2024〕1号", "某市人民政府办公室　2024年3月2日印发"]
        );
    }
}
