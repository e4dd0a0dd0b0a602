#!/usr/bin/env python3
"""The OFD through a second reader: ofd.js 0.2.6 (npm, DLTech21's pure front-end renderer;
the later 1.5.0 refuses files without a licence code) in Debian's chromium, headless,
driven by selenium.

For every sample, `gongwen convert` writes the OFD and the PDF; a plain HTML page loads
ofd.js's browser bundle (lib/ofd.umd.min.js of the npm package, no bundler, no network),
parses the OFD and renders its pages as SVG. The test checks that ofd.js has our PDF's
page count (pdfinfo), that the text it draws on each page is the text poppler reads from
the PDF's page, that each page's first character stands where the PDF's first word starts
(0.5 mm), and that an official copy's red text is its issuer mark. ofd.js draws text with
installed fonts looked up by the OFD's font names, not with the embedded programs, so only
text and positions are compared.

    python3 crates/gongwen-ofd/tests/ofdjs.py target/debug/gongwen target/ofdjs/package/lib/ofd.umd.min.js
"""

import base64
import difflib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tests" / "support"))

from chromium import check, chromium, results  # noqa: E402

SAMPLES = sorted(p.stem for p in (ROOT / "samples").glob("*.txt"))
PAGE_WIDTH_MM = 210.0
MM_PER_PT = 25.4 / 72.0

PAGE = """<!doctype html><meta charset="utf-8"><title>ofd.js</title>
<script src="ofd.umd.min.js"></script><body><div id="pages"></div></body>"""

# Parses the OFD given as base64, renders its pages and reports, per page, its width in
# pixels and every drawn character: text, x and baseline y in pixels, fill colour.
RENDER = """
const done = arguments[arguments.length - 1];
const bin = atob(arguments[0]);
const bytes = new Uint8Array(bin.length);
for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
const host = document.getElementById('pages');
host.innerHTML = '';
try {
  ofd.parseOfdDocument({
    ofd: bytes.buffer,
    success(docs) {
      try {
        const divs = ofd.renderOfd(1000, docs[0]);
        for (const d of divs) host.appendChild(d);
        done({docs: docs.length, pages: divs.map(div => ({
          width: div.getBoundingClientRect().width,
          chars: Array.from(div.querySelectorAll('text')).map(t => ({
            text: t.textContent,
            x: parseFloat(t.parentNode.style.left) + parseFloat(t.getAttribute('x')),
            y: parseFloat(t.parentNode.style.top) + parseFloat(t.getAttribute('y')),
            fill: t.getAttribute('fill'),
          })),
          paths: div.querySelectorAll('path').length,
        }))});
      } catch (e) { done({error: 'renderOfd: ' + e + '\\n' + e.stack}); }
    },
    fail(e) { done({error: 'parseOfdDocument: ' + e}); },
  });
} catch (e) { done({error: 'parseOfdDocument threw: ' + e}); }
"""

def run(*args):
    out = subprocess.run(args, capture_output=True, text=True)
    if out.returncode != 0:
        raise AssertionError(f"{args[0]} failed: {out.stderr}")
    return out.stdout


def squash(text):
    return "".join(c for c in text if not c.isspace() and c != "—")


def pdf_pages(pdf):
    """poppler's words of each page: (text, xMin, yMin, yMax) in mm."""
    xhtml = run("pdftotext", "-bbox", str(pdf), "-")
    pages = []
    for page in xhtml.split("<page ")[1:]:
        words = []
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page
        ):
            x, y0, y1 = (float(v) * MM_PER_PT for v in m.groups()[:3])
            words.append((unescape(m.group(4)), x, y0, y1))
        pages.append(words)
    return pages


def unescape(text):
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def check_sample(driver, gongwen, work, name):
    ofd, pdf = work / f"{name}.ofd", work / f"{name}.pdf"
    for out in (ofd, pdf):
        run(gongwen, "convert", str(ROOT / "samples" / f"{name}.txt"), "-o", str(out))
    read = driver.execute_async_script(RENDER, base64.b64encode(ofd.read_bytes()).decode())
    assert "error" not in read, read.get("error")
    assert read["docs"] == 1, f"{read['docs']} documents"
    pages = read["pages"]
    words = pdf_pages(pdf)
    count = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf))).group(1))
    assert len(pages) == count == len(words), f"ofd.js {len(pages)} pages, PDF {count}"
    for index, (page, pdf_words) in enumerate(zip(pages, words), 1):
        mm = PAGE_WIDTH_MM / page["width"]
        # Read as poppler reads: line by line (baselines to 0.1 mm), left to right; a joint
        # issue's "文件", centred between its organs, comes between them.
        ordered = sorted(page["chars"], key=lambda c: (round(c["y"] * mm, 1), c["x"]))
        drawn = squash("".join(c["text"] for c in ordered))
        want = squash("".join(w[0] for w in pdf_words))
        ratio = difflib.SequenceMatcher(None, drawn, want, autojunk=False).ratio()
        # On a page the 版记 shares, poppler reads the page number in among the 版记's last
        # line (its own column order): the same characters, in another order.
        same = sorted(drawn) == sorted(want)
        assert ratio >= 0.995 or same, f"page {index}: text matches {ratio:.4f}\nofd.js {drawn}\nPDF    {want}"
        if not page["chars"]:
            continue
        first = page["chars"][0]
        x, y = first["x"] * mm, first["y"] * mm
        word = next(w for w in pdf_words if w[0].startswith(first["text"]))
        assert abs(x - word[1]) < 0.5 and word[2] - 0.5 < y < word[3] + 0.5, (
            f"page {index}: {first['text']} at {x:.2f}, {y:.2f} mm, the PDF's word {word}"
        )
    red = "".join(c["text"] for p in pages for c in p["chars"] if c["fill"] == "rgb(255, 0, 0)")
    if name.startswith("official-"):
        first_page = squash("".join(w[0] for w in words[0]))
        assert red.endswith("文件") or "文件" in red, f"the issuer mark is drawn red: {red!r}"
        assert set(red) <= set(first_page), f"red text {red!r} is page 1's issuer mark"
    else:
        assert red == "", f"a speech has no red text: {red!r}"


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    gongwen, bundle = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    if not bundle.is_file():
        raise SystemExit(f"missing ofd.js bundle {bundle}: .ci/run installs it with npm pack")
    work = Path(tempfile.mkdtemp(prefix="gongwen-ofdjs-"))
    shutil.copy(bundle, work / "ofd.umd.min.js")
    (work / "index.html").write_text(PAGE, encoding="utf-8")
    driver = chromium(window="1100,1000")
    driver.set_script_timeout(120)
    try:
        driver.get((work / "index.html").as_uri())
        assert driver.execute_script("return typeof ofd.parseOfdDocument") == "function", "ofd.js loaded"
        for name in SAMPLES:
            check(f"ofd.js reads {name}", lambda name=name: check_sample(driver, gongwen, work, name))
    finally:
        driver.quit()
        shutil.rmtree(work, ignore_errors=True)
    failed = [name for name, error in results if error]
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
