#!/bin/sh
# Fixture for a document stage's tests: ingests the real report and the
# fictional force into OUT, gives each the hand-made records of FIXTURES
# (FIXTURES/met/, FIXTURES/northmoor/: rejects.csv into data/,
# reconciliation.csv beside it; a report without them is as before those
# stages ran, and its documents must still be complete), then runs PROGRAM
# on both and checks that every document is there and no temporary is left.
#   make_docs.sh PROGRAM EXT BIN_DIR MET_REPORT NORTHMOOR_REPORT FIXTURES OUT
set -eu
program=$1 ext=$2 bin=$3 met=$4 northmoor=$5 fixtures=$6 out=$7
rm -rf "$out"
mkdir -p "$out"
"$bin/peel-ingest" -q "$met" -o "$out" >/dev/null
"$bin/peel-ingest" -q "$northmoor" -o "$out" >/dev/null
for f in met:metropolitan-police-service northmoor:northmoor; do
    d=$(echo "$out/${f#*:}"-*)
    src=$fixtures/${f%%:*}
    if [ -f "$src/rejects.csv" ]; then cp "$src/rejects.csv" "$d/data/rejects.csv"; fi
    if [ -f "$src/reconciliation.csv" ]; then cp "$src/reconciliation.csv" "$d/reconciliation.csv"; fi
done
for d in "$out"/*/; do
    "$bin/$program" -q "$d"
    for p in effectiveness efficiency legitimacy; do
        [ -s "$d/$p.$ext" ] || { echo "missing $d/$p.$ext"; exit 1; }
    done
done
if ls -a "$out"/*/ | grep -q '^\.peeltmp\.'; then
    echo "temporaries left behind"
    exit 1
fi
echo "documents written under $out"
