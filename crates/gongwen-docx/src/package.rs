//! The package around the document: content types, relationships, settings, font table,
//! footers and core properties, zipped deterministically.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use gongwen_ast::{Block, Document};
use gongwen_layout::{FootPlacement, SealImage};
use gongwen_style::{Align, StyleProfile};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::DocxError;
use crate::body::{self, EVEN_FOOTER_RID, ODD_FOOTER_RID};
use crate::props::{Indent, ParaProps, twips};
use crate::styles;
use crate::xml::{DECLARATION, W_NS, escape, escape_into};

/// The parts of a package, by name, in the order they are zipped.
pub(crate) type Parts = Vec<(&'static str, String)>;

/// Every part of the package for `doc`.
pub(crate) fn parts(
    doc: &Document,
    profile: &StyleProfile,
    timestamp: &str,
    seal: Option<&SealImage>,
    placed: Option<FootPlacement>,
) -> Parts {
    let official = doc.blocks.iter().any(gongwen_ast::is_official);
    let foot = crate::official::empty_footer(doc, placed);
    let seal = crate::official::drawn_seal(doc, seal);
    let mut parts = vec![
        ("[Content_Types].xml", crate::official::with_seal_type(content_types(foot), seal)),
        ("_rels/.rels", package_rels()),
        ("docProps/core.xml", core(doc, timestamp)),
        ("word/document.xml", body::document_xml(doc, profile, seal, placed)),
        ("word/_rels/document.xml.rels", crate::official::with_seal_rel(document_rels(foot), seal)),
        ("word/styles.xml", styles::styles_xml(profile, official)),
        ("word/settings.xml", settings(profile)),
        ("word/fontTable.xml", font_table(profile, official)),
        ("word/footer1.xml", footer(profile, Align::Right)),
        ("word/footer2.xml", footer(profile, Align::Left)),
    ];
    if foot {
        parts.push((
            "word/footer3.xml",
            format!("{DECLARATION}<w:ftr xmlns:w=\"{W_NS}\"><w:p/></w:ftr>"),
        ));
    }
    parts
}

/// Parts smaller than this are stored, not deflated: starting a deflate stream costs more
/// than the bytes it would save.
const DEFLATE_FROM: usize = 2048;

/// Zips the parts: entries in the given order, the large ones deflated at one fixed level,
/// all dated 1980-01-01 (the ZIP epoch), so that the bytes depend on the parts alone.
/// Binary parts (a seal image) go after the others.
pub(crate) fn zip(parts: &Parts, media: &[(&str, &[u8])]) -> Result<Vec<u8>, DocxError> {
    let size: usize = parts.iter().map(|(_, p)| p.len()).sum();
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(size / 2)));
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let deflated =
        stored.compression_method(CompressionMethod::Deflated).compression_level(Some(1));
    let fail = |e: &dyn std::fmt::Display| DocxError::Zip(e.to_string());
    let all =
        parts.iter().map(|(name, part)| (*name, part.as_bytes())).chain(media.iter().copied());
    for (name, part) in all {
        let options = if part.len() < DEFLATE_FROM { stored } else { deflated };
        zip.start_file(name, options).map_err(|e| fail(&e))?;
        zip.write_all(part).map_err(|e| fail(&e))?;
    }
    Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
}

/// `seconds` since the Unix epoch as a W3CDTF timestamp ("2024-05-06T07:08:09Z").
pub(crate) fn w3cdtf(seconds: i64) -> Result<String, DocxError> {
    let t = gongwen_ast::UtcDateTime::from_unix(seconds);
    if !(1..=9999).contains(&t.year) {
        return Err(DocxError::Timestamp(seconds));
    }
    Ok(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year, t.month, t.day, t.hour, t.minute, t.second
    ))
}

/// The content types; with the empty footer of the 版记's page when `foot`.
fn content_types(foot: bool) -> String {
    const TYPES: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut out = String::from(DECLARATION);
    out.push_str(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" \
         ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    );
    for (part, kind) in [
        ("/word/document.xml", "document.main"),
        ("/word/styles.xml", "styles"),
        ("/word/settings.xml", "settings"),
        ("/word/fontTable.xml", "fontTable"),
        ("/word/footer1.xml", "footer"),
        ("/word/footer2.xml", "footer"),
        ("/word/footer3.xml", "footer"),
    ]
    .into_iter()
    .take(if foot { 7 } else { 6 })
    {
        let _ = write!(out, "<Override PartName=\"{part}\" ContentType=\"{TYPES}.{kind}+xml\"/>");
    }
    out.push_str(
        "<Override PartName=\"/docProps/core.xml\" \
         ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>",
    );
    out
}

const RELS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn package_rels() -> String {
    format!(
        "{DECLARATION}<Relationships xmlns=\"{RELS_NS}\">\
         <Relationship Id=\"rId1\" Type=\"{OFFICE_RELS}/officeDocument\" \
         Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"{RELS_NS}/metadata/core-properties\" \
         Target=\"docProps/core.xml\"/></Relationships>"
    )
}

/// The document's relationships; with the empty footer of the 版记's page when `foot`.
fn document_rels(foot: bool) -> String {
    let mut out = format!("{DECLARATION}<Relationships xmlns=\"{RELS_NS}\">");
    for (id, kind, target) in [
        ("rId1", "styles", "styles.xml"),
        ("rId2", "settings", "settings.xml"),
        ("rId3", "fontTable", "fontTable.xml"),
        (ODD_FOOTER_RID, "footer", "footer1.xml"),
        (EVEN_FOOTER_RID, "footer", "footer2.xml"),
        (crate::official::NO_FOOTER_RID, "footer", "footer3.xml"),
    ]
    .into_iter()
    .take(if foot { 6 } else { 5 })
    {
        let _ = write!(
            out,
            "<Relationship Id=\"{id}\" Type=\"{OFFICE_RELS}/{kind}\" Target=\"{target}\"/>"
        );
    }
    out.push_str("</Relationships>");
    out
}

/// Core properties: the title, the speaker as author, and the timestamps.
fn core(doc: &Document, timestamp: &str) -> String {
    let title = doc.meta.title.clone().or_else(|| {
        doc.blocks.iter().find_map(|b| match b {
            Block::Title(t) => Some(t.lines.iter().map(|l| l.text()).collect::<String>()),
            _ => None,
        })
    });
    let mut out = String::from(DECLARATION);
    out.push_str(
        "<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
    );
    for (element, value) in [("dc:title", &title), ("dc:creator", &doc.meta.speaker)] {
        if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            let _ = write!(out, "<{element}>{}</{element}>", escape(value));
        }
    }
    for element in ["dcterms:created", "dcterms:modified"] {
        let _ = write!(out, "<{element} xsi:type=\"dcterms:W3CDTF\">{timestamp}</{element}>");
    }
    out.push_str("</cp:coreProperties>");
    out
}

/// Settings: separate even-page footers, no punctuation compression (it would move text
/// off the character grid), Word 2013+ layout.
fn settings(profile: &StyleProfile) -> String {
    format!(
        "{DECLARATION}<w:settings xmlns:w=\"{W_NS}\">\
         <w:defaultTabStop w:val=\"{}\"/><w:evenAndOddHeaders/>\
         <w:characterSpacingControl w:val=\"doNotCompress\"/>\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" \
         w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
         </w:settings>",
        twips(profile.body.size_pt)
    )
}

/// The font table names every font the styles use, the Chinese ones with the GB2312
/// character set, so that Word substitutes a Chinese font when one is missing.
fn font_table(profile: &StyleProfile, official: bool) -> String {
    let mut fonts: Vec<(&str, bool)> = vec![(&profile.latin.font, false)];
    let o = &profile.official;
    let official_roles = [&o.issuer, &o.marks, &o.number, &o.signer, &o.appendix_label, &o.foot];
    let official_roles = official_roles.into_iter().filter(|_| official);
    let chinese = profile.roles().into_iter().map(|(_, role)| role).chain(official_roles);
    let chinese = chinese.map(|role| role.font.as_str());
    for name in chinese.into_iter().chain([profile.page_number.font.as_str()]) {
        if !fonts.iter().any(|(f, _)| *f == name) {
            fonts.push((name, true));
        }
    }
    let mut out = format!("{DECLARATION}<w:fonts xmlns:w=\"{W_NS}\">");
    for (name, chinese) in fonts {
        out.push_str("<w:font w:name=\"");
        escape_into(&mut out, name);
        out.push_str(if chinese {
            "\"><w:charset w:val=\"86\"/><w:family w:val=\"auto\"/><w:pitch w:val=\"default\"/>"
        } else {
            "\"><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/>"
        });
        out.push_str("</w:font>");
    }
    out.push_str("</w:fonts>");
    out
}

/// A footer with the page number "— N —", aligned to `align` and `inset_chars` in.
fn footer(profile: &StyleProfile, align: Align) -> String {
    let number = &profile.page_number;
    let inset = twips(number.inset_chars * number.size_pt);
    let indent = match align {
        Align::Left => Indent { left: Some(inset), ..Indent::default() },
        _ => Indent { right: Some(inset), ..Indent::default() },
    };
    let mut out = format!("{DECLARATION}<w:ftr xmlns:w=\"{W_NS}\"><w:p>");
    ParaProps {
        style: Some(styles::FOOTER),
        indent: Some(indent),
        align: Some(align),
        ..ParaProps::default()
    }
    .write(&mut out);
    body::run(&mut out, None, &format!("{} ", number.dash));
    out.push_str(
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
         <w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\
         <w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
    );
    body::run(&mut out, None, &format!(" {}", number.dash));
    out.push_str("</w:p></w:ftr>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(w3cdtf(0).unwrap(), "1970-01-01T00:00:00Z");
        assert_eq!(w3cdtf(1_700_000_000).unwrap(), "2023-11-14T22:13:20Z");
        assert_eq!(w3cdtf(951_782_400).unwrap(), "2000-02-29T00:00:00Z");
        assert_eq!(w3cdtf(-1).unwrap(), "1969-12-31T23:59:59Z");
        assert!(matches!(w3cdtf(i64::MAX), Err(DocxError::Timestamp(_))));
        assert!(matches!(w3cdtf(-62_200_000_000), Err(DocxError::Timestamp(_))));
    }
}
