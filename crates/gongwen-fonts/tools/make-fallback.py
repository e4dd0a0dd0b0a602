#!/usr/bin/env python3
"""Builds fonts/GongwenFallbackSerif-Regular.otf: the characters of GB18030's CJK Unified
Ideographs and Extension A, and of Big5, that none of the bundled Fandol faces has, cut
from Noto Serif CJK SC (SIL OFL 1.1).

Needs only Debian packages: fonts-noto-cjk (1:20220127+repack1-1 was used) and
python3-fonttools (4.x; or `pip install fonttools`). Run from the crate folder:

    python3 tools/make-fallback.py [/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc]

The output is deterministic for the same inputs. The face is renamed (family
"Gongwen Fallback Serif"), as the OFL asks of a modified version, and keeps Noto's
copyright and license notice in its name table.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

HERE = Path(__file__).resolve().parent.parent / "fonts"
NOTO = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
SC = 2  # NotoSerifCJKsc-Regular in the collection: mainland glyph forms, as GB18030
FANDOL = ["FandolFang-Regular.otf", "FandolSong-Regular.otf", "FandolSong-Bold.otf",
          "FandolHei-Regular.otf", "FandolKai-Regular.otf"]
FAMILY = "Gongwen Fallback Serif"
POSTSCRIPT = "GongwenFallbackSerif-Regular"


def big5_characters():
    """Every character a Big5 double-byte code decodes to (Python's big5 codec)."""
    out = set()
    for lead in range(0x81, 0xFF):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                text = bytes([lead, trail]).decode("big5")
            except UnicodeDecodeError:
                continue
            out.update(ord(c) for c in text)
    return out


def wanted():
    # GB18030 maps every code point of both blocks (four-byte codes where GBK has none).
    cjk = set(range(0x4E00, 0xA000)) | set(range(0x3400, 0x4DC0))
    return cjk | big5_characters()


def main():
    have = set()
    for name in FANDOL:
        have |= set(TTFont(HERE / name).getBestCmap())
    noto = TTCollection(NOTO).fonts[SC]
    noto_cmap = noto.getBestCmap()
    need = sorted(c for c in wanted() - have if c in noto_cmap)
    lost = sorted(c for c in wanted() - have if c not in noto_cmap)
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    # Subroutines inlined: the PDF writer then copies charstrings as for the Fandol faces
    # (tens of microseconds) instead of decompiling them with subsetter (a millisecond),
    # for 12 % more bytes.
    options.desubroutinize = True
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.name_languages = [0x409]
    options.drop_tables += ["vhea", "vmtx", "VORG", "DSIG", "BASE"]
    sub = subset.Subsetter(options)
    sub.populate(unicodes=need)
    sub.subset(noto)
    names = noto["name"]
    for record in names.names:
        if record.nameID in (1, 4, 16):
            record.string = FAMILY if record.nameID != 4 else FAMILY + " Regular"
        elif record.nameID == 6:
            record.string = POSTSCRIPT
        elif record.nameID == 3:
            record.string = POSTSCRIPT + ";subset of Noto Serif CJK SC 2.001"
    if "CFF " in noto:
        cff = noto["CFF "].cff
        cff.fontNames = [POSTSCRIPT]
        cff.topDictIndex[0].FamilyName = FAMILY
        cff.topDictIndex[0].FullName = FAMILY + " Regular"
    out = HERE / (POSTSCRIPT + ".otf")
    # Noto's own modification time, not the time of the run: the same inputs, the same file.
    noto.recalcTimestamp = False
    noto.save(out)
    print(f"{len(need)} characters kept, {len(lost)} none has; {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
