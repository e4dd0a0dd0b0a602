//! Every part is well-formed, and the children of the elements we write come in the order
//! the OOXML schema (ECMA-376 Part 1) prescribes, so that Word never offers to repair a
//! file. Checked on a hand-built tree and on every sample.

mod common;

use std::collections::HashMap;

use gongwen_ast::{Block, Content, Document, Heading, Label, LabelFamily, Span};
use quick_xml::events::Event;

/// Element → its children in schema order. Names in one group may come in any order
/// among themselves. A child not listed is an error: the lists cover all we write.
fn child_orders() -> HashMap<&'static str, Vec<Vec<&'static str>>> {
    let seq = |names: &[&'static str]| names.iter().map(|n| vec![*n]).collect::<Vec<_>>();
    let mut orders = HashMap::new();
    // CT_PPr (CT_PPrBase, then rPr, sectPr, pPrChange).
    orders.insert(
        "w:pPr",
        seq(&[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ]),
    );
    // CT_RPr (EG_RPrBase).
    orders.insert(
        "w:rPr",
        seq(&[
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
        ]),
    );
    // CT_SectPr: header and footer references first, in any order among themselves.
    let mut sect = vec![vec!["w:headerReference", "w:footerReference"]];
    sect.extend(seq(&[
        "w:footnotePr",
        "w:endnotePr",
        "w:type",
        "w:pgSz",
        "w:pgMar",
        "w:paperSrc",
        "w:pgBorders",
        "w:lnNumType",
        "w:pgNumType",
        "w:cols",
        "w:formProt",
        "w:vAlign",
        "w:noEndnote",
        "w:titlePg",
        "w:textDirection",
        "w:bidi",
        "w:rtlGutter",
        "w:docGrid",
        "w:printerSettings",
        "w:sectPrChange",
    ]));
    orders.insert("w:sectPr", sect);
    orders.insert(
        "w:style",
        seq(&[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ]),
    );
    orders.insert("w:styles", seq(&["w:docDefaults", "w:latentStyles", "w:style"]));
    orders.insert("w:docDefaults", seq(&["w:rPrDefault", "w:pPrDefault"]));
    orders.insert("w:rPrDefault", seq(&["w:rPr"]));
    // CT_Settings, the part of its sequence around what we write.
    orders.insert(
        "w:settings",
        seq(&[
            "w:zoom",
            "w:proofState",
            "w:defaultTabStop",
            "w:autoHyphenation",
            "w:evenAndOddHeaders",
            "w:noPunctuationKerning",
            "w:characterSpacingControl",
            "w:compat",
            "w:rsids",
            "w:themeFontLang",
        ]),
    );
    orders.insert(
        "w:font",
        seq(&["w:altName", "w:panose1", "w:charset", "w:family", "w:notTrueType", "w:pitch"]),
    );
    // Properties first, then content.
    orders.insert("w:p", vec![vec!["w:pPr"], vec!["w:r"]]);
    orders.insert(
        "w:r",
        vec![vec!["w:rPr"], vec!["w:t", "w:br", "w:tab", "w:fldChar", "w:instrText"]],
    );
    orders.insert("w:body", vec![vec!["w:p", "w:tbl"], vec!["w:sectPr"]]);
    // CT_Tbl and its parts, as far as we write them.
    orders.insert("w:tbl", seq(&["w:tblPr", "w:tblGrid", "w:tr"]));
    orders.insert(
        "w:tblPr",
        seq(&[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
        ]),
    );
    orders.insert("w:tblCellMar", seq(&["w:top", "w:left", "w:start", "w:bottom", "w:right"]));
    orders.insert("w:tblGrid", seq(&["w:gridCol"]));
    orders.insert("w:tr", seq(&["w:trPr", "w:tc"]));
    orders.insert("w:tc", vec![vec!["w:tcPr"], vec!["w:p", "w:tbl"]]);
    orders.insert(
        "w:tcPr",
        seq(&["w:tcW", "w:gridSpan", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap", "w:vAlign"]),
    );
    orders.insert("w:pBdr", seq(&["w:top", "w:left", "w:bottom", "w:right", "w:between"]));
    orders.insert("w:tabs", seq(&["w:tab"]));
    orders.insert("w:document", seq(&["w:body"]));
    orders.insert("w:ftr", seq(&["w:p"]));
    orders
}

/// Checks one part; returns what is wrong with it.
fn check(part: &str, xml: &str, orders: &HashMap<&str, Vec<Vec<&str>>>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    // (element, position in its parent's order of the last child seen)
    let mut stack: Vec<(String, usize)> = Vec::new();
    loop {
        let (name, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e.name().as_ref().to_string(), false),
            Ok(Event::Empty(e)) => (e.name().as_ref().to_string(), true),
            Ok(Event::End(_)) => {
                stack.pop();
                continue;
            }
            Ok(Event::Eof) => break,
            Ok(_) => continue,
            Err(e) => {
                problems.push(format!("{part}: not well-formed: {e}"));
                break;
            }
        };
        if let Some((parent, last)) = stack.last_mut()
            && let Some(order) = orders.get(parent.as_str())
        {
            match order.iter().position(|group| group.contains(&name.as_str())) {
                None => problems.push(format!("{part}: <{name}> unexpected in <{parent}>")),
                Some(at) if at < *last => {
                    problems.push(format!("{part}: <{name}> out of order in <{parent}>"))
                }
                Some(at) => *last = at,
            }
        }
        if !empty {
            stack.push((name, 0));
        }
    }
    if !stack.is_empty() {
        problems.push(format!("{part}: unclosed elements {stack:?}"));
    }
    problems
}

fn check_package(what: &str, bytes: &[u8]) -> Vec<String> {
    let orders = child_orders();
    let parts = common::parts(bytes);
    let mut problems: Vec<String> = parts
        .iter()
        .flat_map(|(name, xml)| check(&format!("{what} {name}"), xml, &orders))
        .collect();
    // Every part but the content types is declared there and reached by a relationship.
    let types = &parts[0].1;
    let rels: String =
        parts.iter().filter(|(n, _)| n.ends_with(".rels")).map(|(_, x)| x.as_str()).collect();
    for (name, _) in &parts[1..] {
        let declared = name.ends_with(".rels") || types.contains(&format!("PartName=\"/{name}\""));
        let file = name.rsplit('/').next().unwrap();
        let reached = name.ends_with(".rels")
            || rels.contains(&format!("Target=\"{file}\""))
            || rels.contains(&format!("Target=\"{name}\""));
        if !(declared && reached) {
            problems.push(format!("{what}: {name} declared {declared}, reached {reached}"));
        }
    }
    problems
}

#[test]
fn every_sample_is_in_schema_order() {
    let mut problems = Vec::new();
    for (stem, _, doc) in common::samples() {
        problems.extend(check_package(&stem, &common::render(&doc)));
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn a_hand_built_tree_is_in_schema_order() {
    let doc = Document {
        blocks: vec![
            Block::Heading(Heading {
                level: 2,
                label: Label::canonical_of(LabelFamily::ParenChinese, 1, Span::DETACHED),
                content: Content::plain("要敢想。", Span::DETACHED),
                run_in: true,
                span: Span::DETACHED,
            }),
            Block::Paragraph(Content::plain("“没有想法”就没有出路。", Span::DETACHED)),
            Block::Signature(Content::plain("某某县政府", Span::DETACHED).into()),
            Block::Date(Content::plain("2023年5月6日", Span::DETACHED)),
        ],
        ..Document::default()
    };
    let problems = check_package("hand-built", &common::render(&doc));
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The checker itself finds what it is meant to find.
#[test]
fn the_checker_catches_misordered_children() {
    let orders = child_orders();
    let bad = "<w:p><w:pPr><w:jc w:val=\"both\"/><w:ind w:firstLine=\"640\"/></w:pPr>\
               <w:r><w:t>x</w:t><w:rPr/></w:r></w:p>";
    let problems = check("test", bad, &orders);
    assert_eq!(problems.len(), 2, "{problems:?}");
    let unknown = check("test", "<w:rPr><w:frobnicate/></w:rPr>", &orders);
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert_eq!(check("test", "<w:p><w:r>", &orders).len(), 1);
}
