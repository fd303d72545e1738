#!/bin/sh
# Fixture for the xlsx tests: ingests the real report and the fictional
# force into OUT, gives the real one hand-made validation rejects and
# reconciliation checks (the stages that write them are separate), leaves
# the fictional one without (workbooks must still be complete), and runs
# peel-xlsx on both.
#   make_reports.sh BIN_DIR MET_REPORT NORTHMOOR_REPORT FIXTURES OUT
set -eu
bin=$1 met=$2 northmoor=$3 fixtures=$4 out=$5
rm -rf "$out"
mkdir -p "$out"
"$bin/peel-ingest" -q "$met" -o "$out" >/dev/null
"$bin/peel-ingest" -q "$northmoor" -o "$out" >/dev/null
metdir=$(echo "$out"/metropolitan-police-service-*)
cp "$fixtures/met/rejects.csv" "$metdir/data/rejects.csv"
cp "$fixtures/met/reconciliation.csv" "$metdir/reconciliation.csv"
for d in "$out"/*/; do
    "$bin/peel-xlsx" -q "$d"
    for p in effectiveness efficiency legitimacy; do
        [ -s "$d/$p.xlsx" ] || { echo "missing $d/$p.xlsx"; exit 1; }
    done
done
if ls -a "$out"/*/ | grep -q '^\.peeltmp\.'; then
    echo "temporaries left behind"
    exit 1
fi
echo "workbooks written under $out"
