#!/usr/bin/env python3
"""How often gongwen's PDF and LibreOffice's PDF of gongwen's DOCX begin a page with the
same line, over every sample (samples/*.txt) and test case (tests/cases/*.txt).

    cargo build -p gongwen-cli
    python3 bench/page_agreement.py            # GONGWEN=target/release/gongwen to pick another build
    python3 bench/page_agreement.py --min 0.9  # exit 1 below that share
    python3 bench/page_agreement.py -v         # every page that differs

LibreOffice runs with the tests' fontconfig (tests/fontconfig/fonts.conf: the bundled
faces stand in for the fonts the style profile names), as the DOCX client tests do. A page
agrees when its first text line (page number left out, spaces ignored) is the same in both
PDFs; pages one PDF has and the other lacks count as disagreeing.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def first_lines(pdf):
    """The first text line of each page, spaces removed; page numbers ("— 3 —") skipped."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    out = []
    for page in text.split("\f"):
        lines = [re.sub(r"\s+", "", l) for l in page.splitlines()]
        lines = [l for l in lines if l and not re.fullmatch(r"[—–-]*\d+[—–-]*", l)]
        if lines or page.strip():
            out.append(lines[0] if lines else "")
    while out and out[-1] == "":
        out.pop()
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min", type=float, default=0.0, help="fail below this share")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    gongwen = os.environ.get("GONGWEN", str(ROOT / "target/debug/gongwen"))
    inputs = sorted(ROOT.glob("samples/*.txt")) + sorted(ROOT.glob("tests/cases/*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ours, docx = tmp / "ours", tmp / "docx"
        subprocess.run([gongwen, "convert", *map(str, inputs), "--to", "pdf,docx", "--out-dir", str(ours)],
                       check=True, capture_output=True)
        docxs = sorted(ours.glob("*.docx"))
        env = dict(os.environ, FONTCONFIG_FILE=str(ROOT / "tests/fontconfig/fonts.conf"),
                   XDG_CACHE_HOME=str(tmp / "cache"))
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp / 'lo-profile'}", "--headless",
                        "--norestore", "--convert-to", "pdf", "--outdir", str(docx), *map(str, docxs)],
                       check=True, capture_output=True, env=env)
        agree = total = 0
        for path in docxs:
            a = first_lines(ours / f"{path.stem}.pdf")
            b = first_lines(docx / f"{path.stem}.pdf")
            n = max(len(a), len(b))
            same = sum(1 for x, y in zip(a, b) if x == y)
            agree += same
            total += n
            if args.verbose and same < n:
                print(f"{path.stem}: {same}/{n}")
                for i in range(n):
                    x = a[i] if i < len(a) else "(no page)"
                    y = b[i] if i < len(b) else "(no page)"
                    if x != y:
                        print(f"  page {i + 1}: gongwen {x[:24]} | LibreOffice {y[:24]}")
        share = agree / total if total else 1.0
        print(f"page agreement: {agree} of {total} pages begin with the same line ({share:.1%}) "
              f"over {len(docxs)} documents")
        if share < args.min:
            sys.exit(1)


if __name__ == "__main__":
    main()
