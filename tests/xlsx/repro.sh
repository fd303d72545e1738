#!/bin/sh
# Reproducible output: the same records give byte-identical workbooks, run
# after run; SOURCE_DATE_EPOCH, when set, replaces the publication date.
#   repro.sh BIN_DIR OUT   (OUT made by make_reports.sh)
set -eu
bin=$1 out=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for d in "$out"/*/; do
    name=$(basename "$d")
    mkdir -p "$work/$name"
    cp -r "$d/data" "$work/$name/"
    [ -e "$d/reconciliation.csv" ] && cp "$d/reconciliation.csv" "$work/$name/"
    sleep 1 # a clock in the output would now show
    "$bin/peel-xlsx" -q "$work/$name"
    for p in effectiveness efficiency legitimacy; do
        if ! cmp -s "$d/$p.xlsx" "$work/$name/$p.xlsx"; then
            echo "NOT REPRODUCIBLE: $name/$p.xlsx"
            status=1
        fi
    done
    SOURCE_DATE_EPOCH=1600000000 "$bin/peel-xlsx" -q "$work/$name"
    cp "$work/$name/efficiency.xlsx" "$work/epoch1.xlsx"
    SOURCE_DATE_EPOCH=1600000000 "$bin/peel-xlsx" -q "$work/$name"
    cmp -s "$work/epoch1.xlsx" "$work/$name/efficiency.xlsx" ||
        { echo "NOT REPRODUCIBLE with SOURCE_DATE_EPOCH: $name"; status=1; }
    cmp -s "$work/epoch1.xlsx" "$d/efficiency.xlsx" &&
        { echo "SOURCE_DATE_EPOCH ignored: $name"; status=1; }
done
[ $status = 0 ] && echo "workbooks are reproducible"
exit $status
