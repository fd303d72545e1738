#!/bin/sh
# The packs' fonts are subsets of DejaVu Sans holding what each pack prints:
#   - every record field a pack prints reaches its font (a Greek letter put
#     in each field is printed and copied back, never refused as a
#     character the subset lacks);
#   - the embedded fonts are subsets (a few hundred glyphs, not DejaVu's
#     thousands), both faces, their CIDToGIDMaps end after the highest
#     character drawn;
#   - a character the font lacks is reported with the file, field and
#     report line it came from, still copies as itself, and peel-run counts
#     it among the report's warnings;
#   - the subsets are loaded from memory: no temporary is made in $TMPDIR
#     (cli.sh: nor for a font libharu refuses), and a $TMPDIR that is not
#     there changes nothing (the same packs).
#   glyphs.sh BIN_DIR OUT PYTHON MET_REPORT   (OUT made by make_packs.sh)
set -u
bin=$1 out=$2 python=$3 met_report=$4
. "$(dirname "$0")/../lib/cli.sh"
unset SOURCE_DATE_EPOCH
met=$(echo "$out"/metropolitan-police-service-*)
mkdir "$work/tmp"
export TMPDIR="$work/tmp"

no_temporaries() { # WHEN
    if [ -n "$(ls -A "$work/tmp")" ]; then
        echo "FAIL: $1: temporaries left in \$TMPDIR: $(ls -A "$work/tmp")"
        status=1
        rm -f "$work/tmp"/*
    fi
}
text_of() { # DIR -> the text of its three packs on stdout
    for p in effectiveness efficiency legitimacy; do
        pdftotext -raw -enc UTF-8 "$1/$p.pdf" - 2>/dev/null
    done
}

# ---- every field a pack prints gets a letter of its own
cp -r "$met" "$work/greek"
rm -f "$work/greek"/*.pdf
"$python" - "$work/greek" >"$work/letters" <<'PY'
import csv, os, sys
root = sys.argv[1]
# Free-text fields of each record file (keys and vocabularies stay).
fields = {
    "data/meta.csv": ["value"],
    "data/judgments.csv": ["label", "last_inspected"],
    "data/summaries.csv": ["text"],
    "data/findings.csv": ["text"],
    "data/tables.csv": ["unit", "period", "raw", "table_label", "row_label", "column_label"],
    "data/rejects.csv": ["value", "reason"],
    "data/facts.csv": ["period", "label"],
    # Rule ids are the catalogue's, never printed: the checks say in words
    # what they compared.
    "reconciliation.csv": ["description", "expected", "note"],
}
letter = iter(chr(c) for c in range(0x3B1, 0x3CA))  # α..ω: in DejaVu, in no other field
for name, cols in fields.items():
    path = os.path.join(root, name)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    for col in cols:
        k, ch = head.index(col), next(letter)
        for row in rows[1:]:
            if name == "data/meta.csv" and row[0] == "published_date":
                continue
            row[k] += " " + ch
        print(f"{name}\t{col}\t{ch}")
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
PY
expect 0 "effectiveness.pdf" -- "$bin/peel-pdf" "$work/greek"
grep -q "warning" "$work/log" && { echo "FAIL: warnings for characters DejaVu has"; status=1; }
text=$(text_of "$work/greek")
while IFS="$(printf '\t')" read -r file field ch; do
    case $text in
    *"$ch"*) ;;
    *) echo "FAIL: $file field $field: its letter $ch is not in any pack"; status=1 ;;
    esac
done <"$work/letters"
no_temporaries "three packs written"

# ---- subsets embedded, both faces, text as the whole font gave it
qpdf --qdf --object-streams=disable "$met/effectiveness.pdf" "$work/e.qdf"
"$python" - "$work/e.qdf" <<'PY' || status=1
import re, struct, subprocess, sys
pdf = sys.argv[1]
fonts = re.findall(rb"/FontFile2 (\d+) 0 R", open(pdf, "rb").read())
if len(set(fonts)) != 2:
    sys.exit(f"FAIL: {pdf}: {len(set(fonts))} embedded fonts, want 2 (regular and bold)")
for num in sorted(set(fonts)):
    ttf = subprocess.run(["qpdf", "--show-object=" + num.decode(), "--filtered-stream-data", pdf],
                         capture_output=True, check=True).stdout
    n = struct.unpack(">H", ttf[4:6])[0]
    tables = {ttf[12 + 16 * i:16 + 16 * i]: struct.unpack(">I", ttf[20 + 16 * i:24 + 16 * i])[0]
              for i in range(n)}
    glyphs = struct.unpack(">H", ttf[tables[b"maxp"] + 4:tables[b"maxp"] + 6])[0]
    if not 50 <= glyphs <= 600:
        sys.exit(f"FAIL: {pdf}: embedded font {num.decode()} has {glyphs} glyphs: not a subset")
# The CIDToGIDMap ends past the highest character drawn (U+2026, the
# ellipsis, here), not after all 65,535.
for num in set(re.findall(rb"/CIDToGIDMap (\d+) 0 R", open(pdf, "rb").read())):
    m = subprocess.run(["qpdf", "--show-object=" + num.decode(), "--filtered-stream-data", pdf],
                       capture_output=True, check=True).stdout
    if not (len(m) % 2 == 0 and 2 * 0x2026 < len(m) < 131070 and any(m[2 * 0x2026:2 * 0x2026 + 2])):
        sys.exit(f"FAIL: {pdf}: CIDToGIDMap of {len(m)} bytes")
PY
pdffonts "$met/effectiveness.pdf" >"$work/fonts"
for face in 'DejaVuSans,Book' 'DejaVuSans-Bold,Bold'; do
    grep -q "$face .* yes yes yes" "$work/fonts" ||
        { echo "FAIL: $face not embedded as a subset"; cat "$work/fonts"; status=1; }
done

# ---- a character no font here has: reported, and still copied as itself
cp -r "$met" "$work/cjk"
rm -f "$work/cjk"/*.pdf
"$python" - "$work/cjk/data/findings.csv" <<'PY'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
rows[1][rows[0].index("text")] += " 中"
with open(sys.argv[1], "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
PY
line=$(sed -n 2p "$work/cjk/data/findings.csv" | grep -o ',[0-9]*,[0-9]*,[0-9]*$' | cut -d, -f2)
expect 0 "data/findings.csv: warning: field text (report line $line): U+4E2D '中' is in neither .*DejaVuSans.ttf nor .*DejaVuSans-Bold.ttf" \
    -- "$bin/peel-pdf" "$work/cjk"
[ "$(grep -c "U+4E2D" "$work/log")" = 1 ] || { echo "FAIL: U+4E2D not reported once a run"; status=1; }
case $(text_of "$work/cjk") in
*"中"*) ;;
*) echo "FAIL: the missing character does not copy as itself"; status=1 ;;
esac
expect 0 "" -- "$bin/peel-pdf" -q "$work/cjk"
[ -s "$work/log" ] && { echo "FAIL: -q printed a warning"; status=1; }
no_temporaries "a character missing"

# peel-run counts it with the report's other warnings.
if [ -x "$bin/peel-run" ]; then
    mkdir "$work/in"
    cp "$met_report" "$work/in/plain.txt"
    "$bin/peel-run" --quiet "$work/in" -o "$work/run-plain" >/dev/null 2>&1
    lineno=$(grep -n '^- The force needs to ensure staff' "$met_report" | head -1 | cut -d: -f1)
    sed "${lineno}s/\$/ 中/" "$met_report" >"$work/in/plain.txt"
    "$bin/peel-run" --quiet "$work/in" -o "$work/run-cjk" >/dev/null 2>&1
    count() { "$python" -c 'import csv,sys; print(sum(int(r["warnings"] or 0) for r in csv.DictReader(open(sys.argv[1])) if r["warnings"]))' "$1/manifest.csv"; }
    a=$(count "$work/run-plain") b=$(count "$work/run-cjk")
    [ "$b" = "$((a + 1))" ] ||
        { echo "FAIL: peel-run warnings $a without the character, $b with it (want one more)"; status=1; }
    no_temporaries "peel-run"
fi

# ---- no temporaries: a $TMPDIR that is not there makes the same packs (a
# font libharu refuses is cli.sh's)
mkdir "$work/cjk-packs"
cp "$work/cjk"/*.pdf "$work/cjk-packs/"
rm -f "$work/cjk"/*.pdf
expect 0 "" -- env TMPDIR="$work/no-such-folder" "$bin/peel-pdf" -q "$work/cjk"
for p in "$work/cjk-packs"/*.pdf; do
    cmp -s "$p" "$work/cjk/${p##*/}" ||
        { echo "FAIL: ${p##*/} differs when \$TMPDIR is not there"; status=1; }
done
[ -e "$work/no-such-folder" ] && { echo "FAIL: \$TMPDIR made"; status=1; }
ls -a "$work/cjk" | grep -q '^\.peeltmp\.' && { echo "FAIL: a pack's temporary left"; status=1; }

[ $status = 0 ] && echo "font subsets: every printed field, warnings, and no temporaries, as expected"
exit $status
