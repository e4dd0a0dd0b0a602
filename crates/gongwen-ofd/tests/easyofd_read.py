"""Reads an OFD with easyofd (PyPI) and prints what it found as JSON; renders it with
easyofd's to_pdf into the given PDF path.

usage: python3 easyofd_read.py FILE.ofd OUT.pdf

easyofd 20260427 registers every embedded font through reportlab (TrueType only) and then
draws all text in a face registered as "宋体" (it looks for SimSun's simsun.ttc), whatever
font the TextObject names; with no such face it falls back to Helvetica and draws no
Chinese at all. So that its rendering can be checked on a machine without SimSun, the free
Ming (宋体) face AR PL UMing (Debian fonts-arphic-uming, installed by .ci/run) is
registered as "宋体" first, as a Linux user of easyofd would. Which of the document's
embedded fonts reportlab accepted is reported as "registered".
"""

import json
import os
import sys
import tempfile

from loguru import logger

logger.remove()

from easyofd.ofd import OFD  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402


UMING = "/usr/share/fonts/truetype/arphic/uming.ttc"


def main():
    path, out_pdf = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    # easyofd unpacks into, and registers fonts from, the working directory.
    with tempfile.TemporaryDirectory() as work:
        os.chdir(work)
        read(path, out_pdf)


def read(path, out_pdf):
    ofd = OFD()
    ofd.read(path, fmt="path")
    doc = ofd.data[0]
    pages = []
    for no in sorted(doc["page_info"]):
        page = doc["page_info"][no]
        pages.append({
            "no": no,
            "text": [{"text": t["text"], "pos": t["pos"], "font": t["font"], "size": t["size"],
                      "colour": t.get("color")}
                     for t in page["text_list"]],
            "paths": [{"pos": p["pos"], "colour": p["StrokeColor"]} for p in page.get("line_list", [])],
        })
    fonts = doc["fonts"]
    pdfmetrics.registerFont(TTFont("宋体", UMING))
    pdf = ofd.to_pdf()
    with open(out_pdf, "wb") as f:
        f.write(pdf)
    registered = set(pdfmetrics.getRegisteredFontNames())
    report = {
        "pages": pages,
        "fonts": {k: {"name": v.get("FontNameORI"), "file": v.get("FontFile")} for k, v in fonts.items()},
        "registered": [os.path.splitext(v["FontFile"])[0] for v in fonts.values()
                       if os.path.splitext(v["FontFile"])[0] in registered],
    }
    sys.stdout.write("\nJSON " + json.dumps(report, ensure_ascii=False) + "\n")


main()
