//! `word/styles.xml`: one real style per role, every font named, so that an office can
//! restyle the whole document in one place. Built-in styles keep Word's own names
//! ("heading 1", "Title" …) so that Word, WPS and python-docx recognise them.

use gongwen_style::{Align, RoleStyle, StyleProfile};

use crate::props::{
    Fonts, Indent, LineRule, ParaProps, RunProps, Spacing, first_line_indent, half_points, twips,
};
use crate::xml::{DECLARATION, W_NS, escape_into};

/// Style ids the document refers to.
pub(crate) const TITLE: &str = "Title";
pub(crate) const SUBTITLE: &str = "Subtitle";
pub(crate) const SALUTATION: &str = "Salutation";
pub(crate) const ATTACHMENT: &str = "Attachment";
pub(crate) const SIGNATURE: &str = "Signature";
pub(crate) const DATE: &str = "Date";
pub(crate) const FOOTER: &str = "Footer";

/// The paragraph style id of a heading level (clamped to 1–4).
pub(crate) fn heading(level: u8) -> &'static str {
    ["Heading1", "Heading2", "Heading3", "Heading4"][usize::from(level.clamp(1, 4) - 1)]
}

/// The character style id of a heading level, for run-in headings.
pub(crate) fn heading_char(level: u8) -> &'static str {
    ["Heading1Char", "Heading2Char", "Heading3Char", "Heading4Char"]
        [usize::from(level.clamp(1, 4) - 1)]
}

/// What kind of style a `w:style` is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Paragraph,
    Character,
}

/// One `w:style`.
pub(crate) struct Style<'a> {
    pub kind: Kind,
    pub id: &'a str,
    pub name: &'a str,
    pub default: bool,
    pub based_on: Option<&'a str>,
    pub next: Option<&'a str>,
    pub link: Option<&'a str>,
    pub ppr: ParaProps<'a>,
    pub rpr: RunProps<'a>,
}

impl Style<'_> {
    fn write(&self, out: &mut String) {
        let kind = match self.kind {
            Kind::Paragraph => "paragraph",
            Kind::Character => "character",
        };
        out.push_str("<w:style w:type=\"");
        out.push_str(kind);
        out.push('"');
        if self.default {
            out.push_str(" w:default=\"1\"");
        }
        out.push_str(" w:styleId=\"");
        escape_into(out, self.id);
        out.push_str("\">");
        crate::props::element_val(out, "w:name", self.name);
        for (element, value) in
            [("w:basedOn", self.based_on), ("w:next", self.next), ("w:link", self.link)]
        {
            if let Some(value) = value {
                crate::props::element_val(out, element, value);
            }
        }
        out.push_str("<w:qFormat/>");
        self.ppr.write(out);
        self.rpr.write(out);
        out.push_str("</w:style>");
    }
}

/// The run properties every style of `role` carries: its fonts, weight and size.
pub(crate) fn role_run<'a>(profile: &'a StyleProfile, role: &'a RoleStyle) -> RunProps<'a> {
    RunProps {
        fonts: Some(Fonts {
            latin: Some(&profile.latin.font),
            east_asia: Some(&role.font),
            hint_east_asia: false,
        }),
        bold: Some(role.bold),
        size: Some(half_points(role.size_pt)),
        ..RunProps::default()
    }
}

/// The paragraph properties of `role`, lines `pitch_pt` apart.
fn role_para(role: &RoleStyle, pitch_pt: f32) -> ParaProps<'static> {
    ParaProps {
        keep_next: role.keep_with_next,
        spacing: Some(Spacing {
            line: Some((twips(pitch_pt), LineRule::Exact)),
            ..Spacing::default()
        }),
        indent: Some(Indent { first_line: Some(first_line_indent(role)), ..Indent::default() }),
        align: Some(role.align),
        ..ParaProps::default()
    }
}

/// A paragraph style for `role`, based on Normal.
pub(crate) fn role_style<'a>(
    profile: &'a StyleProfile,
    role: &'a RoleStyle,
    id: &'a str,
    name: &'a str,
) -> Style<'a> {
    Style {
        kind: Kind::Paragraph,
        id,
        name,
        default: false,
        based_on: Some("Normal"),
        next: Some("Normal"),
        link: None,
        ppr: role_para(role, profile.page.line_pitch_pt),
        rpr: role_run(profile, role),
    }
}

/// Right inset of the signature and the date, in twips.
pub(crate) fn end_matter_inset(profile: &StyleProfile, role: &RoleStyle) -> i32 {
    twips(profile.layout.signature_right_inset_chars * role.size_pt)
}

/// The whole `word/styles.xml`; with the official copy's styles when `official`.
pub(crate) fn styles_xml(profile: &StyleProfile, official: bool) -> String {
    let mut out = String::with_capacity(8 * 1024);
    out.push_str(DECLARATION);
    out.push_str("<w:styles xmlns:w=\"");
    out.push_str(W_NS);
    out.push_str("\"><w:docDefaults><w:rPrDefault>");
    RunProps { lang_zh: true, ..role_run(profile, &profile.body) }.write(&mut out);
    out.push_str("</w:rPrDefault></w:docDefaults>");

    let body = &profile.body;
    let mut styles = vec![Style {
        kind: Kind::Paragraph,
        id: "Normal",
        name: "Normal",
        default: true,
        based_on: None,
        next: None,
        link: None,
        ppr: ParaProps {
            widow_control: Some(true),
            keep_to_grid: true,
            solid_scripts: profile.layout.han_latin_space_em == 0.0,
            ..role_para(body, profile.page.line_pitch_pt)
        },
        rpr: RunProps {
            spacing: Some(twips(profile.page.char_spacing_pt)),
            ..role_run(profile, body)
        },
    }];
    styles.push(Style {
        next: Some(SUBTITLE),
        ppr: role_para(&profile.title, profile.layout.title_line_pitch_pt),
        ..role_style(profile, &profile.title, TITLE, "Title")
    });
    styles.push(role_style(profile, &profile.subtitle, SUBTITLE, "Subtitle"));
    const NAMES: [&str; 4] = ["heading 1", "heading 2", "heading 3", "heading 4"];
    for (level, name) in (1..=4).zip(NAMES) {
        let role = profile.heading(level);
        let mut style = role_style(profile, role, heading(level), name);
        style.link = Some(heading_char(level));
        style.ppr.outline_level = Some(level - 1);
        styles.push(style);
    }
    styles.push(role_style(profile, &profile.salutation, SALUTATION, "Salutation"));
    styles.push(role_style(profile, &profile.attachment, ATTACHMENT, "Attachment"));
    for (role, id) in [(&profile.signature, SIGNATURE), (&profile.date, DATE)] {
        let mut style = role_style(profile, role, id, id);
        let inset = end_matter_inset(profile, role);
        style.ppr.indent =
            Some(Indent { right: Some(inset), first_line: Some(0), ..Indent::default() });
        styles.push(style);
    }
    if official {
        styles.extend(crate::official::styles(profile));
    }
    // The page number is all in its own font, digits included: GB/T 9704 §7.5 asks for
    // half-width 宋体 digits, not the Latin font.
    let number = &profile.page_number;
    styles.push(Style {
        kind: Kind::Paragraph,
        id: FOOTER,
        name: "footer",
        default: false,
        based_on: None,
        next: None,
        link: None,
        ppr: ParaProps {
            snap_to_grid: Some(false),
            spacing: Some(Spacing {
                line: Some((twips(number.size_pt), LineRule::Exact)),
                ..Spacing::default()
            }),
            indent: Some(Indent { first_line: Some(0), ..Indent::default() }),
            align: Some(Align::Right),
            ..ParaProps::default()
        },
        rpr: RunProps {
            fonts: Some(Fonts {
                latin: Some(&number.font),
                east_asia: Some(&number.font),
                hint_east_asia: false,
            }),
            bold: Some(false),
            spacing: Some(0),
            size: Some(half_points(number.size_pt)),
            ..RunProps::default()
        },
    });
    styles.push(Style {
        kind: Kind::Character,
        id: "DefaultParagraphFont",
        name: "Default Paragraph Font",
        default: true,
        based_on: None,
        next: None,
        link: None,
        ppr: ParaProps::default(),
        rpr: RunProps::default(),
    });
    const CHAR_NAMES: [&str; 4] =
        ["Heading 1 Char", "Heading 2 Char", "Heading 3 Char", "Heading 4 Char"];
    for (level, name) in (1..=4).zip(CHAR_NAMES) {
        styles.push(Style {
            kind: Kind::Character,
            id: heading_char(level),
            name,
            default: false,
            based_on: Some("DefaultParagraphFont"),
            next: None,
            link: Some(heading(level)),
            ppr: ParaProps::default(),
            rpr: role_run(profile, profile.heading(level)),
        });
    }
    for style in &styles {
        style.write(&mut out);
    }
    out.push_str("</w:styles>");
    out
}
