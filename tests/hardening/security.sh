#!/bin/sh
# Security through peel-run, end to end:
#  1. a force name can never make a path outside the output folder: names
#     with "..", "/", an absolute path, control characters; every output
#     lands in OUT/<slug>/ with a slug of [a-z0-9-] only, nothing is
#     written anywhere else, and the documents stay valid (control
#     characters would make a workbook's XML unreadable);
#  2. report text that looks like a formula (=, +, -, @, tab, CR first) is
#     neutralised in every CSV the run writes (OWASP: a leading apostrophe)
#     and is never a live formula in a workbook (check_parts.py, shared
#     with the xlsx tests, which test the same with hand-made records).
# Temporary files' O_EXCL creation is unit-tested in tests/unit/test_afile.c.
. "$(dirname "$0")/lib.sh"
CHECK_PARTS=$SRC/tests/xlsx/check_parts.py

# ---- 1. force names ----
mkdir in box
python3 - "$MET" in <<'EOF'
import sys
met = open(sys.argv[1], encoding="utf-8").read()
names = {
    "dotdot": "../../../escape Police",
    "absolute": "/etc/cron.d/evil",
    "slashes": "///",
    "dots": "... . ..",
    "controls": "Evil\x01\x1b[31m\x7f\x0c Constabulary",
    "nonchar": "Odd\ufffe\uffff Police",
    "long": "../" * 200 + "deep",
}
for key, name in names.items():
    with open("%s/%s.txt" % (sys.argv[2], key), "w", encoding="utf-8") as f:
        f.write(met.replace("Metropolitan Police Service", name))
EOF
touch stamp
clock_past stamp # anything written from here on is newer than the stamp
run_rc got "$PEEL_RUN" -j 2 in -o box/out
no_crash "$got"
# Two names fold to the same slug ("unnamed"): the second is refused as a
# duplicate, so 65; the rest are built.
[ "$got" = 0 ] || [ "$got" = 65 ] || { cat err.txt; fail "force names: exit $got"; }
stray=$(find "$WORK" -newer stamp ! -path "$WORK/box/out" ! -path "$WORK/box/out/*" \
    ! -path "$WORK" ! -path "$WORK/box" ! -name out.txt ! -name err.txt)
[ -z "$stray" ] || fail "written outside the output folder: $stray"
[ ! -e /etc/cron.d/evil ] || fail "/etc/cron.d/evil exists"
n=0
for d in box/out/*/; do
    slug=$(basename "$d")
    printf '%s\n' "$slug" | grep -E -q '^[a-z0-9]+(-[a-z0-9]+)*$' || fail "slug with odd characters: $slug"
    [ "${#slug}" -le 200 ] || fail "slug too long: $slug"
    n=$((n + 1))
done
[ "$n" -ge 5 ] || { cat err.txt; fail "only $n report folders built"; }
ls box/out | grep -q '^escape-police-2018-19$' || fail "\"../../../escape Police\" not in box/out/escape-police-2018-19"
ls box/out | grep -q '^etc-cron-d-evil-2018-19$' || fail "\"/etc/cron.d/evil\" not in box/out/etc-cron-d-evil-2018-19"
grep -q "warning: control characters\|control characters read as spaces" err.txt ||
    "$BIN/peel-ingest" in/controls.txt -o box/ingest 2>&1 | grep -q "control characters read as spaces" ||
    fail "control characters not reported"
python3 - box/out <<'EOF' || fail "a workbook is not well-formed XML"
import glob, sys, zipfile
from xml.dom import minidom
bad = 0
for book in sorted(glob.glob(sys.argv[1] + "/*/*.xlsx") + glob.glob(sys.argv[1] + "/summary.xlsx")):
    with zipfile.ZipFile(book) as z:
        for part in z.namelist():
            if part.endswith((".xml", ".rels")):
                try:
                    minidom.parseString(z.read(part))
                except Exception as e:
                    print("FAIL: %s %s: %s" % (book, part, e))
                    bad += 1
sys.exit(1 if bad else 0)
EOF
for pdf in box/out/*/*.pdf; do
    qpdf --check "$pdf" >/dev/null 2>&1 || fail "qpdf --check: $pdf"
done
ok "hostile force names: $n report folders, all inside the output folder, documents valid"

# ---- 2. formula injection ----
python3 - "$NORTHMOOR" inject.txt <<'EOF'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
def put(line, old, new):  # 1-based line; checks the fixture is as expected
    assert old in lines[line - 1], (line, lines[line - 1])
    lines[line - 1] = new
put(114, "does not assess", '=HYPERLINK("http://evil.invalid","click")')
put(120, "reviews how", "- +cmd|' /C calc'!A0")
put(121, "makes sure", "- -2+3 and more")
put(126, "records the outcome", "  - \r=2+2 after a carriage return")
put(128, "shares information", "- @SUM(1+1)*cmd")
put(213, "wellbeing", '- =HYPERLINK("http://evil.invalid","legit")')
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines))
EOF
run_rc got "$PEEL_RUN" inject.txt -o inj
no_crash "$got"
[ "$got" = 0 ] || { cat err.txt; fail "injection report: exit $got"; }
python3 - inj <<'EOF' || fail "a CSV field is a live formula"
import csv, glob, re, sys
NUM = re.compile(r"^-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?$")
bad = 0
seen = set()
for path in glob.glob(sys.argv[1] + "/**/*.csv", recursive=True):
    with open(path, newline="", encoding="utf-8") as f:
        for n, row in enumerate(csv.reader(f), 1):
            for field in row:
                seen.add(field)
                if field[:1] in ("=", "+", "@", "\t", "\r") or (field[:1] == "-" and not NUM.match(field)):
                    print("FAIL: %s:%d: live field %r" % (path, n, field[:60]))
                    bad += 1
want = ["'+cmd|' /C calc'!A0", "'-2+3 and more", "'@SUM(1+1)*cmd",
        '\'=HYPERLINK("http://evil.invalid","legit")']
for w in want:
    if not any(w in s for s in seen):
        print("FAIL: %r is in no CSV (dropped?)" % w)
        bad += 1
sys.exit(1 if bad else 0)
EOF
# A paragraph starting with "=" is no prose: named as unrecognised, not taken.
grep -q ',unrecognised_line,114,' inj/northmoor-constabulary-2018-19/data/rejects.csv ||
    fail "the formula-like paragraph (line 114) is not named in rejects.csv"
python3 "$CHECK_PARTS" inj "$SRC/pipeline" "effectiveness:+cmd|' /C calc'!A0" \
    "effectiveness:-2+3 and more" "effectiveness:@SUM(1+1)*cmd" \
    'legitimacy:=HYPERLINK("http://evil.invalid","legit")' || fail "a workbook has report text as a formula"
ok "formula-like report text: neutralised in every CSV, text (not formulas) in the workbooks"
