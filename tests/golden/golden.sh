#!/bin/sh
# The bundled report through peel-run, its workbooks part by part and its
# packs page by page against tests/golden/met (parts.py says how volatile
# fields are removed).
#   golden.sh BIN_DIR SOURCE_DIR WORK [--update]
set -eu
bin=$1 src=$2 work=$3
shift 3
rm -rf "$work"
mkdir -p "$work"
unset SOURCE_DATE_EPOCH
"$bin/peel-run" -j 1 --quiet "$src/inputs" -o "$work/out"
python3 "$src/tests/golden/parts.py" "$work/out/metropolitan-police-service-2018-19" \
    "$src/tests/golden/met" "$@"
