#!/bin/sh
# The layout under strain (make_stress.py says what): the packs are written
# and pass every check the real ones do, margins included.
#   stress.sh BIN_DIR OUT PYTHON   (OUT made by make_packs.sh)
set -eu
bin=$1 out=$2 python=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset SOURCE_DATE_EPOCH
report=$("$python" "$here/make_stress.py" "$(echo "$out"/northmoor-*)" "$work/out")
"$bin/peel-pdf" -q "$report"
"$python" "$here/check_packs.py" "$work/out"
