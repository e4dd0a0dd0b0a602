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
    unknown = used - set(STYLES) - OTHER_PARAGRAPH_STYLES
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
    print(f"ok {path}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: check_docx.py FILE.docx...")
    for arg in sys.argv[1:]:
        check(arg)
