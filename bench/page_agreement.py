#!/usr/bin/env python3
"""How often gongwen's PDF and LibreOffice's PDF of gongwen's DOCX begin a page with the
same line, over every sample (samples/*.txt) and test case (tests/cases/*.txt).

    cargo build -p gongwen-cli
    python3 bench/page_agreement.py            # GONGWEN=target/release/gongwen to pick another build
    python3 bench/page_agreement.py --min 0.9  # exit 1 below that share
    python3 bench/page_agreement.py -v         # every page that differs
    python3 bench/page_agreement.py --keep DIR # keep the PDFs and DOCX files to look at

LibreOffice runs with the tests' fontconfig (tests/fontconfig/fonts.conf: the bundled
faces stand in for the fonts the style profile names), as the DOCX client tests do, and
keeps blank pages, as a printer would. A page agrees when its first text line (page number
left out, spaces ignored) is the same in both PDFs; pages one PDF has and the other lacks
count as disagreeing. CI (.ci/run) holds the share to a floor with --min. The finer
figure after it counts lines: the longest matching run of both documents' lines, in order.
"""
import argparse
import difflib
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# LibreOffice leaves out the blank page a section starting on an even page makes, unless
# told to keep it; printed, the page is there (as in tests/support/print.rs).
KEEP_BLANK_PAGES = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def page_lines(pdf):
    """The text lines of each page, spaces removed; page numbers ("— 3 —") skipped.

    Lines are gathered from pdftotext's word boxes: words whose vertical middles lie within
    a third of a line of each other share a line, read left to right. (`pdftotext -layout`
    puts a word on a line of its own when its box overlaps the next word's, as a title's
    Latin letters did, though both stand on one baseline.)"""
    text = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    out = []
    for page in text.split("<page ")[1:]:
        rows = []
        for m in WORD.finditer(page):
            x0, y0, y1 = float(m[1]), float(m[2]), float(m[4])
            word = html.unescape(m[5])
            middle, height = (y0 + y1) / 2, y1 - y0
            row = next((r for r in rows if abs(r[0] - middle) < max(r[1], height) / 3), None)
            if row is None:
                rows.append([middle, height, [(x0, word)]])
            else:
                row[2].append((x0, word))
        lines = ["".join(w for _, w in sorted(r[2])) for r in sorted(rows, key=lambda r: r[0])]
        lines = [l for l in lines if l and not re.fullmatch(r"[—–-]*\d+[—–-]*", l)]
        out.append(lines)
    while out and not out[-1]:
        out.pop()
    return out


def first_lines(pages):
    """The first line of each page, "" for a blank one."""
    return [lines[0] if lines else "" for lines in pages]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min", type=float, default=0.0, help="fail below this share")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--keep", metavar="DIR", help="keep both PDFs and the DOCX in DIR (ours/, docx/)")
    args = ap.parse_args()
    gongwen = os.environ.get("GONGWEN", str(ROOT / "target/debug/gongwen"))
    inputs = sorted(ROOT.glob("samples/*.txt")) + sorted(ROOT.glob("tests/cases/*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(args.keep).resolve() if args.keep else Path(tmp)
        ours, docx = tmp / "ours", tmp / "docx"
        for old in (ours, docx):
            shutil.rmtree(old, ignore_errors=True)
        subprocess.run([gongwen, "convert", *map(str, inputs), "--to", "pdf,docx", "--out-dir", str(ours)],
                       check=True, capture_output=True)
        docxs = sorted(ours.glob("*.docx"))
        env = dict(os.environ, FONTCONFIG_FILE=str(ROOT / "tests/fontconfig/fonts.conf"),
                   XDG_CACHE_HOME=str(tmp / "cache"))
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp / 'lo-profile'}", "--headless",
                        "--norestore", "--convert-to", KEEP_BLANK_PAGES, "--outdir", str(docx), *map(str, docxs)],
                       check=True, capture_output=True, env=env)
        agree = total = lines_same = lines_total = 0
        for path in docxs:
            pa = page_lines(ours / f"{path.stem}.pdf")
            pb = page_lines(docx / f"{path.stem}.pdf")
            a, b = first_lines(pa), first_lines(pb)
            n = max(len(a), len(b))
            same = sum(1 for x, y in zip(a, b) if x == y)
            agree += same
            total += n
            # Lines: the longest matching run of both documents' lines in order.
            la = [l for p in pa for l in p]
            lb = [l for p in pb for l in p]
            matcher = difflib.SequenceMatcher(None, la, lb, autojunk=False)
            lines_same += sum(block.size for block in matcher.get_matching_blocks())
            lines_total += max(len(la), len(lb))
            if args.verbose and same < n:
                print(f"{path.stem}: {same}/{n}")
                for i in range(n):
                    x = a[i] if i < len(a) else "(no page)"
                    y = b[i] if i < len(b) else "(no page)"
                    if x != y:
                        print(f"  page {i + 1}: gongwen {x[:24]} | LibreOffice {y[:24]}")
        share = agree / total if total else 1.0
        print(f"page agreement: {agree} of {total} pages begin with the same line ({share:.1%}) "
              f"over {len(docxs)} documents; {lines_same} of {lines_total} lines the same")
        if share < args.min:
            sys.exit(1)


if __name__ == "__main__":
    main()
