#!/bin/sh
# The bundled report and the fixtures through peel-run (real validation,
# reconciliation and sidecars), their workbooks read by check_books.py and
# their summary.xlsx by check_summary.py.
#   books_run.sh BIN_DIR SOURCE_DIR WORK
set -eu
bin=$1 src=$2 work=$3
rm -rf "$work"
mkdir -p "$work/in"
cp "$src"/inputs/*.txt "$src"/tests/fixtures/* "$work/in/"
unset SOURCE_DATE_EPOCH
rc=0
"$bin/peel-run" -j 1 --quiet "$work/in" -o "$work/out" || rc=$?
[ $rc = 0 ] || { echo "FAIL: peel-run exited $rc"; exit 1; }
python3 "$src/tests/xlsx/check_books.py" "$src/pipeline" "$work/out"
python3 "$src/tests/driver/check_summary.py" "$work/out"
