#!/usr/bin/env bash
# Fills corpus/<target> with starting inputs from the repository (see README.md). Run from
# anywhere; a gongwen binary (target/release/gongwen, or GONGWEN=path) is needed for the
# XML and DOCX seeds and the style profile.
set -euo pipefail
cd "$(dirname "$0")"
root=..
gongwen=${GONGWEN:-$root/target/release/gongwen}
[ -x "$gongwen" ] || { echo "build gongwen first: cargo build --release -p gongwen-cli" >&2; exit 1; }
mkdir -p corpus/convert corpus/font corpus/style

# Flat names: a seed's path with / and . as _.
seeds=("$root/samples" "$root/tests/cases")
[ -d "$root/../shared/corpus" ] && seeds+=("$root/../shared/corpus")
find "${seeds[@]}" -type f | while read -r f; do
    cp "$f" "corpus/convert/$(echo "${f#"$root"/}" | tr '/.' '__')"
done
for f in "$root"/samples/*.txt "$root"/tests/cases/*.txt; do
    name=$(basename "$f" .txt)
    "$gongwen" convert "$f" --to xml -o "corpus/convert/xml-$name.xml" 2>/dev/null || true
done
for name in seed-000 seed-001 official-001 official-003; do
    "$gongwen" convert "$root/samples/$name.txt" -o "corpus/convert/docx-$name.docx" 2>/dev/null
done

fonts=$root/crates/gongwen-fonts/fonts
cp "$fonts"/*.otf "$fonts"/*.ttf corpus/font/
if command -v pyftsubset >/dev/null; then
    # The characters the font target lays out.
    text="在全县工作会议上的讲话同志们：一、提高认识 Abc 123谢谢大家！"
    for face in FandolSong-Regular.otf FandolHei-Regular.otf LiberationSerif-Regular.ttf; do
        pyftsubset "$fonts/$face" --text="$text" --output-file="corpus/font/subset-$face" 2>/dev/null
    done
    pyftsubset "$fonts/FandolKai-Regular.otf" --text="$text" --flavor=woff \
        --output-file=corpus/font/subset-kai.woff 2>/dev/null
    python3 - <<'PY'
from fontTools.ttLib import TTFont
from fontTools.ttLib.ttCollection import TTCollection
pair = TTCollection()
pair.fonts = [TTFont(f"corpus/font/subset-{n}-Regular.otf") for n in ("FandolSong", "FandolHei")]
pair.save("corpus/font/subset-pair.ttc")
PY
fi

"$gongwen" style --print > corpus/style/default.toml
head -c 1500 corpus/style/default.toml > corpus/style/partial.toml
for t in convert font style; do echo "$t: $(ls corpus/$t | wc -l) seeds"; done
