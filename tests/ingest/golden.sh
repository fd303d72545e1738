#!/bin/sh
# Golden test of one stage's records: runs peel-ingest on INPUT and compares
# every CSV it writes, byte for byte, with the checked-in expected files.
#   golden.sh BIN_DIR INPUT EXPECTED_DIR
# With PEEL_UPDATE_GOLDEN=1 the expected files are rewritten instead (then
# read the diff before committing it).
set -eu
bin=$1 input=$2 expected=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin/peel-ingest" -q "$input" -o "$work" >/dev/null
data=$(echo "$work"/*/data)
if [ "${PEEL_UPDATE_GOLDEN:-}" = 1 ]; then
    mkdir -p "$expected"
    cp "$data"/*.csv "$expected"/
    echo "updated $expected"
    exit 0
fi
status=0
for f in "$expected"/*.csv; do
    name=$(basename "$f")
    if ! cmp -s "$f" "$data/$name"; then
        echo "MISMATCH: $name"
        diff -u "$f" "$data/$name" | head -40
        status=1
    fi
done
for f in "$data"/*.csv; do
    [ -e "$expected/$(basename "$f")" ] || { echo "UNEXPECTED: $(basename "$f")"; status=1; }
done
[ $status = 0 ] && echo "all records match $expected"
exit $status
