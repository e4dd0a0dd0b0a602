//! Front matter that names the parts of an official copy (GB/T 9704 §7): each key becomes
//! its block of the tree, where the standard places it, unless the text already gives one.
//!
//! | key (English or Chinese) | block |
//! |---|---|
//! | `copy_number` / `份号` | [`Block::CopyNumber`] |
//! | `classification` / `密级` | [`Block::Classification`] |
//! | `urgency` / `紧急程度` | [`Block::Urgency`] |
//! | `issuer` / `发文机关` (a name, or a list for a joint issue) | [`Block::Issuer`], "文件" after it |
//! | `number` / `发文字号` | [`Block::Number`] |
//! | `signer` / `签发人` (a name or a list) | [`Block::Signer`] |
//! | `signature` / `署名` | [`Block::Signature`] |
//! | `date` / `成文日期` / `日期`, beside any of the keys above | [`Block::Date`] |
//! | `note` / `附注` | [`Block::Note`] |
//! | `cc` / `抄送` | [`Block::Cc`] |
//! | `printed` / `印发机关` with `printed_date` / `印发日期` | [`Block::Printed`] |
//!
//! The blocks are not in the laid-out text, so their spans are detached.

use gongwen_ast::{Block, Content, Document, Issuer, Printed, Signature, Signer, Span};
use yaml_rust2::Yaml;

/// The official-copy blocks `doc` (the front matter) names, in the standard's order.
pub(crate) fn blocks(doc: &Yaml) -> Vec<Block> {
    let one = |keys: &[&str]| -> Option<Content> {
        keys.iter().find_map(|k| scalar(&doc[*k])).map(|text| Content::plain(text, Span::DETACHED))
    };
    let many = |keys: &[&str]| -> Vec<Content> {
        let found = keys.iter().map(|k| &doc[*k]).find(|v| !v.is_badvalue() && !v.is_null());
        match found {
            Some(Yaml::Array(items)) => items.iter().filter_map(scalar).collect(),
            Some(v) => scalar(v).into_iter().collect(),
            None => Vec::new(),
        }
        .into_iter()
        .map(|text| Content::plain(text, Span::DETACHED))
        .collect()
    };
    let mut out = Vec::new();
    out.extend(one(&["copy_number", "份号"]).map(Block::CopyNumber));
    out.extend(one(&["classification", "密级"]).map(Block::Classification));
    out.extend(one(&["urgency", "紧急程度"]).map(Block::Urgency));
    let organs = many(&["issuer", "发文机关"]);
    if !organs.is_empty() {
        let suffix = Some(Content::plain("文件", Span::DETACHED));
        out.push(Block::Issuer(Issuer { organs, suffix, span: Span::DETACHED }));
    }
    out.extend(one(&["number", "发文字号"]).map(Block::Number));
    let names = many(&["signer", "签发人"]);
    if !names.is_empty() {
        out.push(Block::Signer(Signer { names, span: Span::DETACHED }));
    }
    out.extend(
        one(&["signature", "署名"])
            .map(|content| Block::Signature(Signature { content, sealed: false })),
    );
    // A speech's front matter dates it too: the date is the copy's 成文日期 only beside
    // other parts of an official copy.
    if !out.is_empty() {
        out.extend(one(&["date", "成文日期", "日期"]).map(Block::Date));
    }
    out.extend(one(&["note", "附注"]).map(Block::Note));
    out.extend(one(&["cc", "抄送"]).map(Block::Cc));
    if let Some(organ) = one(&["printed", "印发机关"]) {
        let date = one(&["printed_date", "印发日期"]).unwrap_or_default();
        out.push(Block::Printed(Printed { organ, date, span: Span::DETACHED }));
    }
    out
}

/// A string or number value, trimmed; none when empty.
pub(crate) fn scalar(v: &Yaml) -> Option<String> {
    v.as_str()
        .map(str::to_string)
        .or_else(|| v.as_i64().map(|n| n.to_string()))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Puts each of `blocks` into `doc` where GB/T 9704 places it, unless `doc` has a block of
/// its kind already: the head's parts (份号 … 签发人) among the blocks that open the
/// document, the end's (署名, 日期, 附注, then after the attachments 抄送 and 印发) among
/// those that close it.
pub(crate) fn place(doc: &mut Document, blocks: Vec<Block>) {
    for block in blocks {
        let Some(place) = rank(&block) else { continue };
        let kind = std::mem::discriminant(&block);
        if doc.blocks.iter().any(|b| std::mem::discriminant(b) == kind) {
            continue;
        }
        let at = if place < END {
            // Before the first block that is no part of the head or comes later in it.
            let after =
                |b: &Block| !matches!(b, Block::Removed(_)) && rank(b).is_none_or(|r| r > place);
            doc.blocks.iter().position(after).unwrap_or(doc.blocks.len())
        } else {
            // After the last block that is not removed text or a later part of the end.
            let later = |b: &Block| matches!(b, Block::Removed(_)) || rank(b).unwrap_or(0) > place;
            doc.blocks.len() - doc.blocks.iter().rev().take_while(|b| later(b)).count()
        };
        doc.blocks.insert(at, block);
    }
}

/// Ranks from here on belong to the end of the copy.
const END: u8 = 10;

/// The place of an official-copy block in the standard's order.
fn rank(b: &Block) -> Option<u8> {
    Some(match b {
        Block::CopyNumber(_) => 0,
        Block::Classification(_) => 1,
        Block::Urgency(_) => 2,
        Block::Issuer(_) => 3,
        Block::Number(_) => 4,
        Block::Signer(_) => 5,
        Block::Signature(_) => END,
        Block::Date(_) => 11,
        Block::Note(_) => 12,
        Block::Appendix(_) => 13,
        Block::Cc(_) => 14,
        Block::Printed(_) => 15,
        _ => return None,
    })
}
