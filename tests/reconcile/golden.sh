#!/bin/sh
# Golden reconciliation of one report: ingest, place any sidecar CSVs given
# after the expected file, reconcile, and compare reconciliation.csv byte for
# byte.  PEEL_UPDATE_GOLDEN=1 rewrites the expected file instead.
#   golden.sh BIN_DIR REPORT EXPECTED_CSV [SIDECAR...]
set -eu
bin=$1 report=$2 expected=$3
shift 3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin/peel-ingest" -q "$report" -o "$work"
dir=$(echo "$work"/*/)
if [ $# -gt 0 ]; then
    mkdir -p "$dir/data/sidecars"
    cp "$@" "$dir/data/sidecars/"
fi
"$bin/peel-reconcile" -q "$dir"
if [ "${PEEL_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$dir/reconciliation.csv" "$expected"
    echo "updated $expected"
    exit 0
fi
if cmp -s "$expected" "$dir/reconciliation.csv"; then
    echo "reconciliation matches $expected"
else
    diff -u "$expected" "$dir/reconciliation.csv"
    exit 1
fi
