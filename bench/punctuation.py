#!/usr/bin/env python3
"""How gongwen's PDFs set punctuation, over every sample (samples/*.txt) and test case
(tests/cases/*.txt): the share of lines that compress punctuation, those that compress it
to fit (not between two adjacent marks, clreq §3.1.6.2), the lines whose fitting
compression is uneven, lines of more than 28 full-width characters, and how far any glyph
reaches past the text block (its em box from the PDF's advances, its ink from a rendering).

    cargo build -p gongwen-cli
    python3 bench/punctuation.py            # GONGWEN=target/release/gongwen to pick another build
    python3 bench/punctuation.py -v         # every line that compresses

Needs PyMuPDF (pymupdf). The text block comes from `gongwen style --print`.
"""
import argparse
import os
import re
import subprocess
import tempfile
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parent.parent
PT_PER_MM = 72 / 25.4
# Full-width marks with a blank half: opening marks blank on the left, the rest on the right.
OPENING = set("“‘（《【〔〈「『")
CLOSING = set("。，、；：？！”’）》】〕〉」』")
MARKS = OPENING | CLOSING


def profile(gongwen):
    text = subprocess.run([gongwen, "style", "--print"], check=True, capture_output=True,
                          text=True).stdout
    page = text.split("[page]", 1)[1].split("\n[", 1)[0]
    num = {k: float(v) for k, v in re.findall(r"^(\w+) = ([-\d.]+)$", page, re.M)}
    left = num["margin_left_mm"] * PT_PER_MM
    right = (num["width_mm"] - num["margin_right_mm"]) * PT_PER_MM
    top = num["margin_top_mm"] * PT_PER_MM
    bottom = (num["height_mm"] - num["margin_bottom_mm"]) * PT_PER_MM
    return left, right, top, bottom, num["char_spacing_pt"]


def lines_of(page):
    """Each text line of a page: its chars (c, x, box x1, y0, y1, size) left to right."""
    rows = {}
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                key = round(span["origin"][1], 1)
                for c in span["chars"]:
                    b = c["bbox"]
                    rows.setdefault(key, []).append(
                        (c["c"], c["origin"][0], b[2], b[1], b[3], span["size"]))
    return [sorted(r, key=lambda c: c[1]) for _, r in sorted(rows.items())]


def ink_overhang(page, chars, left, right, zoom=8):
    """How far ink of the line reaches past the block's left and right edges, in points."""
    y0 = min(c[3] for c in chars)
    y1 = max(c[4] for c in chars)
    worst = 0.0
    for x0, x1, outward in ((right, right + 20, +1), (left - 20, left, -1)):
        pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom),
                              clip=pymupdf.Rect(x0, y0, x1, y1), colorspace=pymupdf.csGRAY)
        w, h, s = pix.width, pix.height, pix.samples
        cols = [x for x in range(w) if any(s[y * w + x] < 160 for y in range(h))]
        if cols:
            reach = (max(cols) + 1) / zoom if outward > 0 else (w - min(cols)) / zoom
            worst = max(worst, reach)
    return worst


def measure(pdf, block, verbose):
    left, right, top, bottom, spacing = block
    stats = dict(lines=0, compress=0, fitting=0, uneven=0, over28=0, box=0.0, ink=0.0)
    doc = pymupdf.open(pdf)
    for n, page in enumerate(doc):
        for chars in lines_of(page):
            if min(c[3] for c in chars) > bottom:  # the page number
                continue
            stats["lines"] += 1
            full = sum(1 for c in chars if c[2] - c[1] > 0.9 * c[5])
            stats["over28"] += full > 28
            box = max(chars[-1][2] - right, left - chars[0][1], 0.0)
            stats["box"] = max(stats["box"], box)
            if box > 0.3:
                stats["ink"] = max(stats["ink"], ink_overhang(page, chars, left, right))
            # A pair's deficit: how much nearer the second glyph stands than the first's
            # advance and the tracking put it (a stretched line only adds).
            deficit = []
            for a, b in zip(chars, chars[1:]):
                deficit.append(a[2] - a[1] + spacing - (b[1] - a[1]))
            squeezed = [i for i, d in enumerate(deficit) if d > 0.5]
            if not squeezed:
                continue
            stats["compress"] += 1
            text = "".join(c[0] for c in chars)
            fit = [i for i in squeezed if not (chars[i][0] in MARKS and chars[i + 1][0] in MARKS)]
            if fit:
                stats["fitting"] += 1
                amounts = [deficit[i] for i in fit]
                # Inner marks not between two marks that gave nothing while others gave.
                idle = [i for i in range(1, len(chars) - 1)
                        if chars[i][0] in MARKS
                        and chars[i - 1][0] not in MARKS and chars[i + 1][0] not in MARKS
                        and deficit[i - 1] <= 0.5 and deficit[i] <= 0.5]
                if max(amounts) - min(amounts) > 0.5 or idle:
                    stats["uneven"] += 1
            if verbose:
                print(f"  {Path(pdf).stem} p{n + 1} {'fit' if fit else 'adj'}: {text}")
    return stats


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    gongwen = os.environ.get("GONGWEN", str(ROOT / "target/debug/gongwen"))
    block = profile(gongwen)
    inputs = sorted(ROOT.glob("samples/*.txt")) + sorted(ROOT.glob("tests/cases/*.txt"))
    total = dict(lines=0, compress=0, fitting=0, uneven=0, over28=0, box=0.0, ink=0.0)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([gongwen, "convert", *map(str, inputs), "--to", "pdf", "--out-dir", tmp],
                       check=True, capture_output=True)
        for pdf in sorted(Path(tmp).glob("*.pdf")):
            s = measure(pdf, block, args.verbose)
            for k in ("lines", "compress", "fitting", "uneven", "over28"):
                total[k] += s[k]
            for k in ("box", "ink"):
                total[k] = max(total[k], s[k])
    n = max(total["lines"], 1)
    print(f"lines {total['lines']} in {len(inputs)} documents: "
          f"compressing {total['compress']} ({total['compress'] / n:.1%}), "
          f"to fit {total['fitting']} ({total['fitting'] / n:.1%}), "
          f"uneven {total['uneven']}, over 28 full-width {total['over28']} "
          f"({total['over28'] / n:.1%}); past the text block: em box "
          f"{total['box'] / PT_PER_MM:.2f} mm, ink {total['ink'] / PT_PER_MM:.2f} mm")


if __name__ == "__main__":
    main()
