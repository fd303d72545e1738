#!/bin/sh
# The packs read page by page (check_content.py says what is checked), on
# the bundled report, the fictional force and reports derived from them:
# the bundled report without its workforce table and with its budget gap
# stated differently the second time (so a check of a figure stated twice
# fails, in the efficiency pillar), through peel-run as a user runs it.
#   content.sh BIN_DIR SOURCE_DIR WORK PYTHON
set -eu
bin=$1 src=$2 work=$3 python=$4
met=$src/inputs/metropolitan-police-service-peel-2018-19.txt
rm -rf "$work"
mkdir -p "$work/in"
unset SOURCE_DATE_EPOCH
cp "$met" "$work/in/"
cp "$src/tests/fixtures/northmoor-uninspected-area-missing-section.txt" "$work/in/"
wf=$(grep -n '^## Metropolitan Police workforce$' "$met" | cut -d: -f1)
awk -v a="$wf" 'NR >= a && NR <= a + 5 { next } { print }' "$met" |
    sed 's/Metropolitan/Northfield/g' >"$work/in/no-workforce-table.txt"
# The second statement of the budget gap ("a further budget gap of £167m")
# says £176m: the two statements of one figure disagree.
sed -e 's/Metropolitan/Gapfield/g' \
    -e 's/a further budget gap of £167m/a further budget gap of £176m/' "$met" \
    >"$work/in/restated-gap.txt"
grep -q 'budget gap of £176m' "$work/in/restated-gap.txt" || { echo "FAIL: no restated gap"; exit 1; }
status=0
"$bin/peel-run" -j 2 --quiet "$work/in" -o "$work/out" || status=$?
# 65: the report without its workforce table misses inputs of some checks.
[ $status = 0 ] || [ $status = 65 ] || { echo "FAIL: peel-run exit $status"; exit 1; }
"$python" "$src/tests/pdf/check_content.py" "$work/out" "$src/pipeline"
# On the bundled report, by what its paragraphs are about: the vetting
# backlog (line 143) is legitimacy's, current demand and finances (141)
# efficiency's, the closing "Overall, I commend" (145) everyone's.
"$python" - "$work/out/metropolitan-police-service-2018-19" <<'PY'
import csv, os, re, subprocess, sys
d = sys.argv[1]
text = {p: re.sub(r"\s+", "", subprocess.run(["pdftotext", "-raw", os.path.join(d, p + ".pdf"), "-"],
                                             capture_output=True, text=True).stdout)
        for p in ("effectiveness", "efficiency", "legitimacy")}
obs = {r["source_line"]: re.sub(r"\s+", "", r["text"])
       for r in csv.DictReader(open(os.path.join(d, "data", "summaries.csv"), encoding="utf-8"))
       if not r["pillar"]}
want = {"143": ["legitimacy"], "141": ["efficiency"],
        "145": ["effectiveness", "efficiency", "legitimacy"]}
bad = 0
for line, pillars in want.items():
    got = [p for p in text if obs[line] in text[p]]
    if got != pillars:
        print(f"FAIL: observation of line {line} is in {got}, want {pillars}")
        bad = 1
sys.exit(bad)
PY
