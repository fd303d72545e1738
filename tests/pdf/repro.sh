#!/bin/sh
# Reproducible packs: the same records give byte-identical PDFs, run after
# run (no clock, no random id); SOURCE_DATE_EPOCH, when set, replaces the
# publication date as the creation date -- and fixes the bytes just as well.
#   repro.sh BIN_DIR OUT   (OUT made by make_packs.sh)
set -eu
bin=$1 out=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset SOURCE_DATE_EPOCH
status=0
for d in "$out"/*/; do
    name=$(basename "$d")
    mkdir -p "$work/$name"
    cp -r "$d/data" "$work/$name/"
    [ -e "$d/reconciliation.csv" ] && cp "$d/reconciliation.csv" "$work/$name/"
    sleep 1 # a clock in the output would now show
    "$bin/peel-pdf" -q "$work/$name"
    for p in effectiveness efficiency legitimacy; do
        if ! cmp -s "$d/$p.pdf" "$work/$name/$p.pdf"; then
            echo "NOT REPRODUCIBLE: $name/$p.pdf"
            status=1
        fi
    done
    SOURCE_DATE_EPOCH=1600000000 "$bin/peel-pdf" -q "$work/$name"
    cp "$work/$name/efficiency.pdf" "$work/epoch1.pdf"
    SOURCE_DATE_EPOCH=1600000000 "$bin/peel-pdf" -q "$work/$name"
    cmp -s "$work/epoch1.pdf" "$work/$name/efficiency.pdf" ||
        { echo "NOT REPRODUCIBLE with SOURCE_DATE_EPOCH: $name"; status=1; }
    cmp -s "$work/epoch1.pdf" "$d/efficiency.pdf" &&
        { echo "SOURCE_DATE_EPOCH ignored: $name"; status=1; }
    pdfinfo -isodates "$work/epoch1.pdf" | grep -q '^CreationDate: *2020-09-13T12:26:40' ||
        { echo "SOURCE_DATE_EPOCH not the creation date: $name"; status=1; }
done
[ $status = 0 ] && echo "packs are reproducible"
exit $status
