#!/bin/sh
# peel-pdf as the scheduler sees it: usage, exit codes and messages; a
# report without rejects or reconciliation still gets complete packs; a
# missing or broken font is named with the package that provides it; a pack
# that cannot be written leaves no temporary and the others whole.
#   cli.sh BIN_DIR OUT PIPELINE_DIR   (OUT made by make_packs.sh)
set -u
bin=$1 out=$2 pipeline=$3
. "$(dirname "$0")/../lib/cli.sh"
rm -f "$work/r"/*.pdf "$work/r/reconciliation.csv" "$work/r/data/rejects.csv"

# --help, --version, usage errors and a missing folder: tests/cli/programs.sh.
expect 66 "meta.csv" -- "$bin/peel-pdf" "$work/missing"
expect 0 "effectiveness.pdf" -- "$bin/peel-pdf" "$work/r"
expect 0 "" -- "$bin/peel-pdf" -q "$work/r"
[ -s "$work/log" ] && { echo "FAIL: -q printed"; status=1; }

# Not yet validated or reconciled: the packs are complete and say so.
for p in effectiveness efficiency legitimacy; do
    qpdf --check "$work/r/$p.pdf" >/dev/null 2>&1 || { echo "FAIL: $p.pdf invalid"; status=1; }
    text=$(pdftotext -raw "$work/r/$p.pdf" - 2>/dev/null | tr -s ' \n' '  ')
    for want in "No reconciliation has been run" "Validation rejects (0)" "Findings" \
        "Key figures" "Page 1 of"; do
        case $text in
        *"$want"*) ;;
        *) echo "FAIL: $p.pdf without records of later stages lacks '$want'"; status=1 ;;
        esac
    done
done

# The font: missing, or not a TrueType font.  Both name the file and the
# Debian package, and no pack is half written.
rm -f "$work/r"/*.pdf
expect 66 "fonts-dejavu-core" -- "$bin/peel-pdf" --font "$work/no/DejaVuSans.ttf" "$work/r"
grep -q "$work/no/DejaVuSans.ttf" "$work/log" || { echo "FAIL: missing font not named"; status=1; }
expect 66 "Bold.ttf" -- "$bin/peel-pdf" --bold-font "$work/no/Bold.ttf" "$work/r"
printf 'not a font\n' >"$work/bad.ttf"
expect 66 "fonts-dejavu-core" -- "$bin/peel-pdf" --font "$work/bad.ttf" "$work/r"
grep -q "bad.ttf" "$work/log" || { echo "FAIL: broken font not named"; status=1; }
head -c 60000 /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >"$work/cut.ttf"
expect 66 "not a TrueType font" -- "$bin/peel-pdf" --font "$work/cut.ttf" "$work/r"
# A whole font whose licence bits forbid embedding: libharu refuses it, its
# error handler runs, and the message says why (this path longjmps).
if command -v python3 >/dev/null 2>&1; then
    python3 - "$work/noembed.ttf" <<'PY'
import struct, sys
d = bytearray(open("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "rb").read())
for i in range(struct.unpack(">H", d[4:6])[0]):
    t = d[12 + 16 * i:28 + 16 * i]
    if t[:4] == b"OS/2":
        off = struct.unpack(">I", t[8:12])[0]
        d[off + 8:off + 10] = b"\x00\x02"  # fsType: restricted licence
open(sys.argv[1], "wb").write(d)
PY
    # The font's subset is loaded from memory: no temporary is made, even
    # when libharu refuses the font (its error handler jumps out).
    mkdir "$work/fonttmp"
    expect 66 "does not allow embedding" -- env TMPDIR="$work/fonttmp" \
        "$bin/peel-pdf" --font "$work/noembed.ttf" "$work/r"
    grep -q "noembed.ttf" "$work/log" || { echo "FAIL: the refused font is not named"; status=1; }
    [ -z "$(ls -A "$work/fonttmp")" ] || { echo "FAIL: a font subset temporary made"; status=1; }
fi
ls "$work/r"/*.pdf >/dev/null 2>&1 && { echo "FAIL: pack written without a font"; status=1; }
ls -a "$work/r" | grep -q '^\.peeltmp\.' && { echo "FAIL: temporary left"; status=1; }

# The layout catalogue (its opening lines give the opening tables' pillars):
# missing, with the wrong header, with a bad pillar.
mkdir "$work/data"
expect 66 "workbook.csv" -- "$bin/peel-pdf" -d "$work/data" "$work/r"
printf 'key,pillar\n' >"$work/data/workbook.csv"
expect 65 "workbook.csv:1" -- "$bin/peel-pdf" -d "$work/data" "$work/r"
sed 's/^opening,efficiency,/opening,finance,/' "$pipeline/workbook.csv" >"$work/data/workbook.csv"
expect 65 "workbook.csv:[0-9]*: pillar: unknown pillar (\"finance\")" -- \
    "$bin/peel-pdf" -d "$work/data" "$work/r"
# Its pack lines (the Key figures): each fault named with its line and
# field; and the fact keys' definitions (facts.csv) missing.
cp "$pipeline/workbook.csv" "$work/data/"
expect 66 "facts.csv" -- "$bin/peel-pdf" -d "$work/data" "$work/r"
cp "$pipeline/facts.csv" "$work/data/"
bad_pack() { # WANT LINE...: the catalogue with LINEs added
    want=$1
    shift
    cp "$pipeline/workbook.csv" "$work/data/workbook.csv"
    printf '%s\n' "$@" >>"$work/data/workbook.csv"
    expect 65 "workbook.csv:[0-9]*: $want" -- "$bin/peel-pdf" -d "$work/data" "$work/r"
}
bad_pack "pillar: a pack line needs its pillar" "pack,,,x,,X,,,,,"
bad_pack "section: no pack block of this name" "pack-line,efficiency,,nowhere,a,A,fact:budget.net,,,,"
bad_pack "source: a pack block's source is empty" "pack,efficiency,,x,,X,table,,,,"
bad_pack "kind: a list block takes pack-line" "pack,efficiency,,x,,X,,,,," \
    "pack-col,efficiency,,x,a,A,fact:budget.net,,,,"
bad_pack "format: format is empty or chart" "pack,efficiency,,x,,X,,,,," \
    "pack-line,efficiency,,x,a,A,fact:budget.net,pie,,,"
bad_pack "source: expected a number" "pack,efficiency,,x,,X,,,,," \
    "pack-line,efficiency,,x,a,A,[a] - ,,,,"
bad_pack "source: fact:KEY or table:GLOB/ROW/SEL" "pack,legitimacy,,g,,G,grid,,,," \
    "pack-col,legitimacy,,g,a,A,[a],,,,"
bad_pack "kind: a pack line's kind is" "pack-chart,efficiency,,x,,X,,,,,"
cp "$pipeline/workbook.csv" "$work/data/"
expect 0 "" -- "$bin/peel-pdf" -q -d "$work/data" "$work/r"

# Cannot write: the pack's name is taken by a folder.  Nothing half
# written is left behind, and the packs written before are whole.
rm -f "$work/r"/*.pdf
mkdir "$work/r/legitimacy.pdf"
expect 73 "legitimacy.pdf" -- "$bin/peel-pdf" "$work/r"
ls -a "$work/r" | grep -q '^\.peeltmp\.' && { echo "FAIL: temporary left"; status=1; }
qpdf --check "$work/r/efficiency.pdf" >/dev/null 2>&1 || { echo "FAIL: earlier pack not whole"; status=1; }
rmdir "$work/r/legitimacy.pdf"

[ $status = 0 ] && echo "peel-pdf command line as expected"
exit $status
