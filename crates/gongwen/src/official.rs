//! Setting the parts of an official copy without editing the text: the issuer mark, the
//! 发文字号, 签发人, a sealed signature, 抄送 and 印发, given as options and merged into
//! the tree after reading. Options win over what the text says; every block an option
//! replaces is reported (code `option-override`), so `check` and `convert` tell the user.

use gongwen_ast::{Block, Code, Content, Diagnostic, Document, Issuer, Printed, Signer, Span};

/// Parts of an official copy set by the caller. The default sets nothing: the tree stays
/// exactly as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfficialOptions {
    /// The issuing organs of the issuer mark (发文机关标志), the host organ first; a
    /// trailing "文件" on the last one is the mark's suffix ("某市人民政府文件", or
    /// "中共某县委员会" and "某县人民政府文件" for a joint issue).
    pub issuer: Vec<String>,
    /// The 发文字号: "某政发〔2024〕12号".
    pub number: Option<String>,
    /// The 签发人 names (an upward copy).
    pub signer: Vec<String>,
    /// Sets every signature as sealed (盖章).
    pub sealed: bool,
    /// The 抄送 organs, with or without the "抄送：" label; replaces every 抄送 line.
    pub cc: Option<String>,
    /// The 印发机关 and 印发日期: "某市人民政府办公室 2024年3月2日" ("印发" may follow).
    pub printed: Option<String>,
}

impl OfficialOptions {
    /// Whether the options set nothing.
    pub fn is_empty(&self) -> bool {
        *self == OfficialOptions::default()
    }
}

/// Merges `options` into `doc`: each given part replaces the text's (told by a warning
/// at the replaced block) or is added where the renderers expect it (the 版头 parts after
/// the text's 版头 or at the start, the 版记 at the end). Returns the warnings.
pub(crate) fn apply(doc: &mut Document, options: &OfficialOptions) -> Vec<Diagnostic> {
    let mut told = Vec::new();
    if options.is_empty() {
        return told;
    }
    let plain = |s: &str| Content::plain(s.trim(), Span::DETACHED);
    if let Some((last, organs)) = options.issuer.split_last() {
        let (last, suffix) = match last.trim().strip_suffix("文件") {
            Some(name) if !name.is_empty() => (name, Some(plain("文件"))),
            _ => (last.as_str(), None),
        };
        let mut organs: Vec<Content> = organs.iter().map(|o| plain(o)).collect();
        organs.push(plain(last));
        let issuer = Block::Issuer(Issuer { organs, suffix, span: Span::DETACHED });
        set_head(doc, issuer, "--issuer", &mut told);
    }
    if let Some(number) = &options.number {
        set_head(doc, Block::Number(plain(number)), "--number", &mut told);
    }
    if !options.signer.is_empty() {
        let names = options.signer.iter().map(|n| plain(n)).collect();
        let signer = Block::Signer(Signer { names, span: Span::DETACHED });
        set_head(doc, signer, "--signer", &mut told);
    }
    if options.sealed {
        let mut any = false;
        for block in doc.blocks.iter_mut() {
            if let Block::Signature(s) = block {
                s.sealed = true;
                any = true;
            }
        }
        if !any {
            told.push(Diagnostic::warning(
                Code::OptionOverride,
                Span::DETACHED,
                "--sealed: the text has no signature to seal",
            ));
        }
    }
    if let Some(cc) = &options.cc {
        let at = doc.blocks.iter().position(|b| matches!(b, Block::Cc(_)));
        for block in doc.blocks.iter().filter(|b| matches!(b, Block::Cc(_))) {
            told.push(overridden("--cc", block));
        }
        doc.blocks.retain(|b| !matches!(b, Block::Cc(_)));
        let at = at.unwrap_or_else(|| {
            doc.blocks
                .iter()
                .position(|b| matches!(b, Block::Printed(_)))
                .unwrap_or(doc.blocks.len())
        });
        doc.blocks.insert(at.min(doc.blocks.len()), Block::Cc(plain(cc)));
    }
    if let Some(printed) = &options.printed {
        let text = printed.trim();
        let text = text.strip_suffix("印发").unwrap_or(text).trim_end();
        let (organ, date) = match text.rfind(char::is_whitespace) {
            Some(at) => (&text[..at], &text[at..]),
            None => (text, ""),
        };
        let printed = Block::Printed(Printed {
            organ: plain(organ),
            date: plain(date),
            span: Span::DETACHED,
        });
        match doc.blocks.iter().position(|b| matches!(b, Block::Printed(_))) {
            Some(at) => {
                told.push(overridden("--printed", &doc.blocks[at]));
                doc.blocks[at] = printed;
            }
            None => doc.blocks.push(printed),
        }
    }
    told
}

/// Puts the 版头 block `block` in place of the text's block of its kind, or after the
/// text's 版头 (at the start when it has none).
fn set_head(doc: &mut Document, block: Block, option: &str, told: &mut Vec<Diagnostic>) {
    let kind = std::mem::discriminant(&block);
    if let Some(at) = doc.blocks.iter().position(|b| std::mem::discriminant(b) == kind) {
        told.push(overridden(option, &doc.blocks[at]));
        doc.blocks[at] = block;
        return;
    }
    let at = doc.blocks.iter().rposition(gongwen_ast::is_head).map_or(0, |i| i + 1);
    doc.blocks.insert(at, block);
}

/// The warning that `option` replaces `block` of the text.
fn overridden(option: &str, block: &Block) -> Diagnostic {
    let text = block.plain_text().replace('\n', " ");
    Diagnostic::warning(
        Code::OptionOverride,
        block.span(),
        format!("{option} replaces the text's {} \"{text}\"", block.kind_name()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        gongwen_parse::parse(text, &Default::default()).document
    }

    #[test]
    fn no_options_leave_the_tree_as_read() {
        let mut d =
            doc("某市人民政府文件\n某政发〔2024〕1号\n关于某事的通知\n各单位：\n请落实。\n");
        let before = d.clone();
        assert!(apply(&mut d, &OfficialOptions::default()).is_empty());
        assert_eq!(d, before);
    }

    #[test]
    fn options_replace_the_text_and_say_so() {
        let mut d =
            doc("某市人民政府文件\n某政发〔2024〕1号\n关于某事的通知\n各单位：\n请落实。\n");
        let options = OfficialOptions {
            number: Some("某政发〔2024〕9号".into()),
            signer: vec!["张三".into()],
            ..OfficialOptions::default()
        };
        let told = apply(&mut d, &options);
        assert_eq!(told.len(), 1, "{told:?}");
        assert!(told[0].message.contains("某政发〔2024〕1号"), "{}", told[0].message);
        assert_ne!(told[0].span, Span::DETACHED, "points at the replaced line");
        let kinds: Vec<&str> = d.blocks.iter().take(3).map(Block::kind_name).collect();
        assert_eq!(kinds, ["issuer", "number", "signer"]);
        assert_eq!(d.blocks[1].plain_text(), "某政发〔2024〕9号");
    }

    #[test]
    fn a_speech_gets_a_head_and_a_foot() {
        let mut d = doc("在全县大会上的讲话\n同志们：\n今天开会。\n某县人民政府\n2024年3月1日\n");
        let options = OfficialOptions {
            issuer: vec!["中共某县委员会".into(), "某县人民政府文件".into()],
            sealed: true,
            cc: Some("市委办公室。".into()),
            printed: Some("某县人民政府办公室  2024年3月2日印发".into()),
            ..OfficialOptions::default()
        };
        assert!(apply(&mut d, &options).is_empty());
        let Block::Issuer(issuer) = &d.blocks[0] else { panic!("{:?}", d.blocks[0]) };
        let organs: Vec<String> = issuer.organs.iter().map(Content::text).collect();
        assert_eq!(organs, ["中共某县委员会", "某县人民政府"]);
        assert_eq!(issuer.suffix.as_ref().map(Content::text).as_deref(), Some("文件"));
        assert!(d.blocks.iter().any(|b| matches!(b, Block::Signature(s) if s.sealed)));
        let n = d.blocks.len();
        assert!(matches!(&d.blocks[n - 2], Block::Cc(_)));
        let Block::Printed(p) = &d.blocks[n - 1] else { panic!("printed last") };
        assert_eq!(
            (p.organ.text(), p.date.text()),
            ("某县人民政府办公室".into(), "2024年3月2日".into())
        );
    }
}
