#!/usr/bin/env python3
"""Times gongwen side by side with the tools a user would pick instead, on the same inputs
and in one run, and prints a table with ratios.

    cargo build --release -p gongwen-cli
    python3 bench/compare.py                 # every samples/*.txt, 5 runs each
    python3 bench/compare.py --runs 9 --batch 1000

Compared, when installed (a missing tool is reported and left out of the table):
  text -> DOCX   gongwen convert          vs  pandoc (unformatted DOCX)
  text -> PDF    gongwen convert          vs  Typst (Python binding `typst`, a GB/T 9704
                                              page set-up with the same Fandol fonts per role,
                                              fed the structure gongwen recognised)
  DOCX -> PDF    (for reference)              LibreOffice --convert-to pdf
Plus a batch: N speeches (the samples repeated) to DOCX + PDF in one gongwen process, with
wall time and peak memory.

gongwen, pandoc and LibreOffice are timed as whole processes (start-up included), one per
file (gongwen's PDF also to stdout, without the fsync of a file it writes); Typst around
its compile call in a fresh Python each time (its fonts loaded each time, the Python
start-up left out). For each input the tools run in turn, run after run, so that a slow
spell of a shared machine weighs on all of them alike.
"""
import argparse
import xml.etree.ElementTree as ET
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "crates/gongwen-fonts/fonts"

# A GB/T 9704 page in Typst, with the numbers of gongwen's default style profile and the
# faces of its roles: title FandolSong bold, body FandolFang, headings FandolHei (level 1)
# and FandolKai (level 2), Liberation Serif for digits and Latin letters.
TYPST_PAGE = """#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm),
  footer: context [#set text(font: "FandolSong", size: 14pt)
    #if calc.odd(counter(page).get().first()) [#h(1fr)— #counter(page).display() —#h(1em)]
    else [#h(1em)— #counter(page).display() —]])
#set text(font: ("Liberation Serif", "FandolFang R"), size: 16pt, lang: "zh", tracking: -0.25pt)
#set par(first-line-indent: (amount: 2em, all: true), justify: true, leading: 12.95pt, spacing: 12.95pt)
#show heading: it => par[#text(weight: "regular", size: 16pt)[#it.body]]
#show heading.where(level: 1): set text(font: ("Liberation Serif", "FandolHei"))
#show heading.where(level: 2): set text(font: ("Liberation Serif", "FandolKai"))
"""

ROLE_FONT = {1: "FandolHei", 2: "FandolKai", 3: "FandolFang R", 4: "FandolFang R"}
NS = "{urn:gongwen:document:1}"


def typst_escape(s):
    return "".join("\\" + c if c in "\\#*_`$<>@[]=-+/~" else c for c in s)


def kept_text(el):
    """An element's text without the content gongwen removed as noise."""
    out = [el.text or ""]
    for child in el:
        if child.tag != NS + "removed":
            out.append(kept_text(child))
        out.append(child.tail or "")
    return "".join(out)


def typst_source(xml_text):
    """The document gongwen recognised, set by Typst: the same title, headings (run-in ones
    inside their paragraph), paragraphs and end matter, noise left out."""
    out, run_in = [TYPST_PAGE], None
    for el in ET.fromstring(xml_text):
        kind, text = el.tag.removeprefix(NS), typst_escape(kept_text(el).strip())
        if kind == "title":
            lines = " \\ ".join(typst_escape(kept_text(line).strip()) for line in el)
            out.append(f'#align(center)[#text(font: ("Liberation Serif", "FandolSong"), size: 22pt, weight: "bold")[{lines}]]')
        elif kind == "subtitle":
            out.append(f'#align(center)[#text(font: ("Liberation Serif", "FandolKai"))[{text}]]')
        elif kind == "heading":
            level, label = int(el.get("level")), typst_escape(el.get("label"))
            if el.get("run-in") == "true":
                run_in = f'#text(font: ("Liberation Serif", "{ROLE_FONT[level]}"))[{label}{text}]'
            else:
                out.append(f"#heading(level: {level})[{label}{text}]")
        elif kind in ("p", "closing", "attachment"):
            out.append((run_in or "") + text)
            run_in = None
        elif kind == "salutation":
            out.append(f"#par(first-line-indent: 0em)[{text}]")
        elif kind in ("signature", "date"):
            out.append(f"#align(right)[{text}#h(4em)]")
    return "\n\n".join(out) + "\n"


def run_process(cmd, **kw):
    """Wall-clock seconds of one process run; raises if it fails."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    return time.perf_counter() - start


def median_ms(fn, runs):
    fn()  # warm the page cache and any lazy start-up
    return statistics.median(fn() for _ in range(runs)) * 1000


def interleaved_ms(fns, runs):
    """The median of each of `fns`, run in turn `runs` times: on a shared machine a slow
    spell then weighs on every tool of the comparison, not on whichever ran during it.
    What a run left unwritten is synced before the next, untimed: gongwen's fsync would
    otherwise write out the files of the tool before it too (ext4's ordered journal)."""
    for fn in fns:
        fn()  # warm the page cache and any lazy start-up
    times = [[] for _ in fns]
    for _ in range(runs):
        for t, fn in zip(times, fns):
            os.sync()
            t.append(fn())
    return [statistics.median(t) * 1000 for t in times]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=str(ROOT / "target/release/gongwen"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--batch", type=int, default=1000, help="speeches in the batch run (0 skips it)")
    ap.add_argument("inputs", nargs="*", default=sorted(str(p) for p in (ROOT / "samples").glob("seed-*.txt")))
    args = ap.parse_args()
    gongwen = args.bin
    if not Path(gongwen).is_file():
        sys.exit(f"no gongwen binary at {gongwen}: cargo build --release -p gongwen-cli")
    have = {
        "pandoc": shutil.which("pandoc"),
        "soffice": shutil.which("soffice"),
        "typst": None,
    }
    try:
        import typst  # noqa: F401

        have["typst"] = getattr(typst, "__version__", "installed")
    except ImportError:
        pass
    for tool, found in have.items():
        if not found:
            print(f"note: {tool} is not installed; its rows are left out")

    rows = []  # (input, task, tool, ms, bytes)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for src in map(Path, args.inputs):
            stem = src.stem
            docx, pdf = tmp / f"{stem}.docx", tmp / f"{stem}.pdf"
            # (task, tool, timed run, output file), timed in turn.
            timed = [("text→DOCX", "gongwen", lambda: run_process([gongwen, "convert", str(src), "-o", str(docx)]), docx)]
            if have["pandoc"]:
                out = tmp / f"{stem}.pandoc.docx"
                timed.append(("text→DOCX", "pandoc", lambda: run_process(["pandoc", "-f", "markdown", "-t", "docx", str(src), "-o", str(out)]), out))
            timed.append(("text→PDF", "gongwen", lambda: run_process([gongwen, "convert", str(src), "-o", str(pdf)]), pdf))
            # The same conversion to stdout: gongwen's file is fsynced before it is renamed
            # into place, a few ms on most disks; Typst's binding writes without a sync.
            timed.append(("text→PDF", "gongwen, to stdout", lambda: run_process([gongwen, "convert", str(src), "--to", "pdf", "-o", "-"]), pdf))
            if have["typst"]:
                source = tmp / f"{stem}.typ"
                xml = subprocess.run([gongwen, "convert", str(src), "--to", "xml", "-o", "-"],
                                     check=True, capture_output=True, text=True).stdout
                source.write_text(typst_source(xml), encoding="utf-8")
                typst_out = tmp / f"{stem}.typst.pdf"

                # A fresh Python for every run, timed around the compile call only: Typst
                # then loads its fonts each time, as a command does (and as gongwen does);
                # within one Python the binding keeps them, which no single conversion can.
                probe = ("import sys, time, typst; t = time.perf_counter(); "
                         "typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]]); "
                         "print(time.perf_counter() - t)")

                def compile_typst(source=source, typst_out=typst_out, probe=probe):
                    res = subprocess.run([sys.executable, "-c", probe, str(source), str(typst_out), str(FONTS)],
                                         check=True, capture_output=True, text=True)
                    return float(res.stdout)

                timed.append(("text→PDF", "typst", compile_typst, typst_out))
            for (task, tool, _, out), ms in zip(timed, interleaved_ms([t[2] for t in timed], args.runs)):
                rows.append((stem, task, tool, ms, out.stat().st_size))
            if have["soffice"]:
                profile = tmp / "lo-profile"
                outdir = tmp / "lo"
                cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                       "--convert-to", "pdf", "--outdir", str(outdir), str(docx)]
                ms = median_ms(lambda: run_process(cmd), max(1, args.runs // 2))
                rows.append((stem, "DOCX→PDF", "libreoffice", ms, (outdir / f"{stem}.pdf").stat().st_size))

        print()
        print("| input | task | tool | median ms | × gongwen | output KB |")
        print("|---|---|---|---:|---:|---:|")
        base = {(r[0], r[1]): r[3] for r in rows if r[2] == "gongwen"}
        base_pdf = {r[0]: r[3] for r in rows if r[2] == "gongwen" and r[1] == "text→PDF"}
        for stem, task, tool, ms, size in rows:
            ref = base.get((stem, task)) or base_pdf.get(stem)
            print(f"| {stem} | {task} | {tool} | {ms:.1f} | {ms / ref:.1f} | {size / 1024:.0f} |")

        if args.batch:
            inbox = tmp / "batch"
            inbox.mkdir()
            sources = list(map(Path, args.inputs))
            for i in range(args.batch):
                shutil.copy(sources[i % len(sources)], inbox / f"speech-{i:04}.txt")
            out = tmp / "batch-out"
            # A fresh Python as the parent, so that the peak memory of its children is
            # gongwen's alone (not LibreOffice's from the rows above).
            probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
                     "subprocess.run(sys.argv[1:], check=True, stderr=subprocess.DEVNULL); "
                     "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
            res = subprocess.run([sys.executable, "-c", probe, gongwen, "convert", str(inbox),
                                  "--to", "docx,pdf", "--out-dir", str(out)],
                                 check=True, capture_output=True, text=True)
            wall, peak_kb = res.stdout.split()
            wall = float(wall)
            print()
            print(f"batch: {args.batch} speeches to DOCX + PDF in {wall:.2f} s "
                  f"({wall / args.batch * 1000:.1f} ms each, {os.cpu_count()} cores), "
                  f"peak memory {int(peak_kb) / 1024:.0f} MB")


if __name__ == "__main__":
    main()
