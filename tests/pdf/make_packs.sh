#!/bin/sh
# Fixture for the pdf tests: ingests the real report and the fictional
# force into OUT, gives the real one hand-made validation rejects and
# reconciliation checks and the fictional one only checks (all passing; its
# rejects file is absent, as before validation has run), then writes the
# packs of both.
#   make_packs.sh BIN_DIR MET_REPORT NORTHMOOR_REPORT FIXTURES OUT
set -eu
bin=$1 met=$2 northmoor=$3 fixtures=$4 out=$5
unset SOURCE_DATE_EPOCH
rm -rf "$out"
mkdir -p "$out"
"$bin/peel-ingest" -q "$met" -o "$out" >/dev/null
"$bin/peel-ingest" -q "$northmoor" -o "$out" >/dev/null
metdir=$(echo "$out"/metropolitan-police-service-*)
nmdir=$(echo "$out"/northmoor-*)
cp "$fixtures/met/rejects.csv" "$metdir/data/rejects.csv"
cp "$fixtures/met/reconciliation.csv" "$metdir/reconciliation.csv"
cp "$fixtures/northmoor/reconciliation.csv" "$nmdir/reconciliation.csv"
for d in "$metdir" "$nmdir"; do
    "$bin/peel-pdf" -q "$d"
    for p in effectiveness efficiency legitimacy; do
        [ -s "$d/$p.pdf" ] || { echo "missing $d/$p.pdf"; exit 1; }
    done
done
if ls -a "$out"/*/ | grep -q '^\.peeltmp\.'; then
    echo "temporaries left behind"
    exit 1
fi
echo "packs written under $out"
