#!/usr/bin/env python3
"""Opens each DOCX given on the command line with python-docx and checks what an office
sees: the styles by their English names, each with its Chinese font set explicitly, every
paragraph applied by one of them, an A4 page with the GB/T 9704 margins, the core title.
Prints "ok FILE" per file; exits non-zero at the first problem.

Run by crates/gongwen-docx/tests/clients.rs; needs `pip install python-docx`."""

import sys

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Mm

# Style name -> the East Asian font the default style profile gives it.
STYLES = {
    "Normal": "仿宋_GB2312",
    "Title": "方正小标宋简体",
    "Subtitle": "楷体_GB2312",
    "Heading 1": "黑体",
    "Heading 2": "楷体_GB2312",
    "Heading 3": "仿宋_GB2312",
    "Heading 4": "仿宋_GB2312",
}
OTHER_PARAGRAPH_STYLES = {"Salutation", "Attachment", "Signature", "Date"}
# The parts of an official copy (版头, attachments, 版记).
OFFICIAL_STYLES = {"Official Marks", "Issuer", "Document Number", "Appendix Label", "Cc", "Printed"}
RED = "FF0000"
TWIP = 635  # EMU


def fail(path, message):
    sys.exit(f"{path}: {message}")


def check(path):
    doc = Document(path)
    names = {s.name: s for s in doc.styles}
    for name, east_asia in STYLES.items():
        style = names.get(name)
        if style is None or style.type != WD_STYLE_TYPE.PARAGRAPH:
            fail(path, f"no paragraph style {name!r} (styles: {sorted(names)})")
        fonts = style.element.rPr.rFonts
        if fonts.get(qn("w:eastAsia")) != east_asia:
            fail(path, f"style {name!r} East Asian font is {fonts.get(qn('w:eastAsia'))!r}")
        if style.font.name != "Times New Roman":
            fail(path, f"style {name!r} Latin font is {style.font.name!r}")
    for level in range(1, 5):
        outline = names[f"Heading {level}"].element.pPr.find(qn("w:outlineLvl"))
        if outline is None or outline.get(qn("w:val")) != str(level - 1):
            fail(path, f"Heading {level} has no outline level {level - 1}")
    used = {p.style.name for p in doc.paragraphs}
    unknown = used - set(STYLES) - OTHER_PARAGRAPH_STYLES - OFFICIAL_STYLES
    if unknown:
        fail(path, f"paragraphs in unexpected styles {sorted(unknown)}")
    if "Normal" not in used:
        fail(path, "no body paragraph")
    section = doc.sections[0]
    for what, value, mm in [
        ("page width", section.page_width, 210),
        ("page height", section.page_height, 297),
        ("top margin", section.top_margin, 37),
        ("bottom margin", section.bottom_margin, 35),
        ("left margin", section.left_margin, 28),
        ("right margin", section.right_margin, 26),
    ]:
        if abs(value - Mm(mm)) > TWIP:
            fail(path, f"{what} is {value.mm:.2f} mm, not {mm} mm")
    if not section.even_page_footer.paragraphs or not doc.settings.odd_and_even_pages_header_footer:
        fail(path, "no separate even-page footer")
    if "Title" in used and not doc.core_properties.title:
        fail(path, "a title but no core title")
    if "Issuer" in names:
        check_official(path, doc, names)
    print(f"ok {path}")


def check_official(path, doc, names):
    """The red issuer mark, the red rule under the number and the 版记 paragraphs of an
    official copy, found by their style names."""
    mark = names.get("Issuer Mark")
    if mark is None or mark.type != WD_STYLE_TYPE.CHARACTER or str(mark.font.color.rgb) != RED:
        fail(path, "no red character style 'Issuer Mark'")
    # Every run in the body, the issuer table's cells included.
    runs = doc.element.body.iter(qn("w:r"))
    red = [r for r in runs if r.find(qn("w:rPr")) is not None
           and r.find(qn("w:rPr")).find(qn("w:rStyle")) is not None
           and r.find(qn("w:rPr")).find(qn("w:rStyle")).get(qn("w:val")) == mark.style_id]
    if not red or not all("".join(t.text for t in r.iter(qn("w:t"))) for r in red):
        fail(path, "no text in the red 'Issuer Mark' runs")
    by_style = {}
    for p in doc.paragraphs:
        by_style.setdefault(p.style.name, []).append(p)
    numbers = by_style.get("Document Number", [])
    if not numbers:
        fail(path, "no 'Document Number' paragraph")
    border = numbers[-1]._p.pPr.find(qn("w:pBdr"))
    bottom = border.find(qn("w:bottom")) if border is not None else None
    if bottom is None or bottom.get(qn("w:color")) != RED:
        fail(path, "the red rule is not the number's bottom border")
    ccs = by_style.get("Cc", [])
    printed = by_style.get("Printed", [])
    if not ccs or not all(p.text.startswith("抄送") for p in ccs):
        fail(path, "no 'Cc' paragraph starting with 抄送")
    if len(printed) != 1 or not printed[0].text.endswith("印发"):
        fail(path, "no 'Printed' paragraph ending with 印发")
    if doc.paragraphs[-1].style.name != "Printed":
        fail(path, "the 版记 does not end the document")
    labels = by_style.get("Appendix Label", [])
    if labels and not names["Appendix Label"].paragraph_format.page_break_before:
        fail(path, "attachments do not start pages with an 'Appendix Label'")
    foot = doc.sections[-1]
    if len(doc.sections) < 2 or foot.footer.is_linked_to_previous:
        fail(path, "the 版记 has no section of its own")
    if any(p.text.strip() for p in foot.footer.paragraphs + foot.even_page_footer.paragraphs):
        fail(path, "the 版记's page is numbered")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: check_docx.py FILE.docx...")
    for arg in sys.argv[1:]:
        check(arg)
