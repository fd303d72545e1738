#!/bin/sh
# Reproducible documents of one stage (peel-xlsx or peel-pdf): the same
# records give byte-identical files run after run (no clock, no random id);
# SOURCE_DATE_EPOCH, when set, replaces the publication date as the creation
# date -- and fixes the bytes just as well.
#   repro.sh PROGRAM EXT BIN_DIR OUT   (OUT made by the stage's setup test)
set -eu
program=$1 ext=$2 bin=$3 out=$4
. "$(dirname "$0")/wait.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset SOURCE_DATE_EPOCH
status=0
for d in "$out"/*/; do
    name=$(basename "$d")
    mkdir -p "$work/$name"
    cp -r "$d/data" "$work/$name/"
    [ -e "$d/reconciliation.csv" ] && cp "$d/reconciliation.csv" "$work/$name/"
    clock_tick # another (even) second: a clock in the output would now show
    "$bin/$program" -q "$work/$name"
    for p in effectiveness efficiency legitimacy; do
        if ! cmp -s "$d/$p.$ext" "$work/$name/$p.$ext"; then
            echo "NOT REPRODUCIBLE: $name/$p.$ext"
            status=1
        fi
    done
    SOURCE_DATE_EPOCH=1600000000 "$bin/$program" -q "$work/$name"
    cp "$work/$name/efficiency.$ext" "$work/epoch1.$ext"
    SOURCE_DATE_EPOCH=1600000000 "$bin/$program" -q "$work/$name"
    cmp -s "$work/epoch1.$ext" "$work/$name/efficiency.$ext" ||
        { echo "NOT REPRODUCIBLE with SOURCE_DATE_EPOCH: $name"; status=1; }
    cmp -s "$work/epoch1.$ext" "$d/efficiency.$ext" &&
        { echo "SOURCE_DATE_EPOCH ignored: $name"; status=1; }
    # A PDF states its creation date where pdfinfo reads it.
    if [ "$ext" = pdf ]; then
        pdfinfo -isodates "$work/epoch1.pdf" | grep -q '^CreationDate: *2020-09-13T12:26:40' ||
            { echo "SOURCE_DATE_EPOCH not the creation date: $name"; status=1; }
    fi
done
[ $status = 0 ] && echo "$program: documents are reproducible"
exit $status
