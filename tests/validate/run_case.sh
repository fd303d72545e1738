#!/bin/sh
# One validation case: ingest a report (the real Met report or the fictional
# Northmoor one, optionally edited first), corrupt the records or add sidecar
# CSVs, run peel-validate, and compare rejects.csv byte for byte and the exit
# code with what the case expects.
#   run_case.sh BIN_DIR CASE_DIR MET_REPORT NORTHMOOR_REPORT
# A case folder holds:
#   base          "met" (default) or "northmoor"
#   report.sh     optional filter, report on stdin → edited report on stdout
#   edit.sh       optional, run with the report's data/ as working folder;
#                 it must change something (a stale edit fails the case)
#   sidecars/     optional CSVs copied to data/sidecars/
#   expected.csv  the rejects.csv wanted
#   exit          the exit code wanted (default 0)
#   stderr        optional grep pattern stderr must match
#   kept          optional "file,line" lines that must not be rejected
# With PEEL_UPDATE_GOLDEN=1 expected.csv is rewritten instead (read the diff).
set -eu
bin=$(cd "$1" && pwd) case=$(cd "$2" && pwd) met=$3 northmoor=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

base=met
[ -f "$case/base" ] && base=$(cat "$case/base")
case $base in
met) report=$met ;;
northmoor) report=$northmoor ;;
*) echo "bad base '$base'"; exit 1 ;;
esac
name=$(basename "$report")
if [ -f "$case/report.sh" ]; then
    sh "$case/report.sh" <"$report" >"$work/$name"
else
    cp "$report" "$work/$name"
fi
"$bin/peel-ingest" -q "$work/$name" -o "$work/out" >/dev/null
dir=$(echo "$work"/out/*)
data=$dir/data

if [ -f "$case/edit.sh" ]; then
    before=$(cat "$data"/*.csv | cksum)
    (cd "$data" && sh "$case/edit.sh")
    if [ "$before" = "$(cat "$data"/*.csv | cksum)" ]; then
        echo "FAIL: edit.sh changed nothing (do the records still look as it expects?)"
        exit 1
    fi
fi
if [ -d "$case/sidecars" ]; then
    mkdir -p "$data/sidecars"
    cp "$case"/sidecars/* "$data/sidecars/"
fi

set +e
"$bin/peel-validate" -q "$dir" >"$work/stdout" 2>"$work/stderr"
code=$?
set -e

status=0
if [ "${PEEL_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$data/rejects.csv" "$case/expected.csv"
    echo "updated $case/expected.csv (exit $code)"
    exit 0
fi
want=0
[ -f "$case/exit" ] && want=$(cat "$case/exit")
if [ "$code" != "$want" ]; then
    echo "FAIL: exit $code, want $want"
    status=1
fi
if [ -s "$work/stdout" ]; then
    echo "FAIL: -q printed on stdout:"
    cat "$work/stdout"
    status=1
fi
if [ -f "$case/stderr" ] && ! grep -q -- "$(cat "$case/stderr")" "$work/stderr"; then
    echo "FAIL: stderr does not match '$(cat "$case/stderr")':"
    cat "$work/stderr"
    status=1
fi
if [ "$want" = 0 ] && [ -s "$work/stderr" ]; then
    echo "FAIL: stderr on success:"
    cat "$work/stderr"
    status=1
fi
if ! cmp -s "$case/expected.csv" "$data/rejects.csv"; then
    echo "FAIL: rejects.csv differs from $case/expected.csv"
    diff -u "$case/expected.csv" "$data/rejects.csv" | head -40
    status=1
fi
if [ -f "$case/kept" ]; then
    while IFS= read -r row; do
        [ -n "$row" ] || continue
        if grep -q "^$row," "$data/rejects.csv"; then
            echo "FAIL: $row was rejected but is good"
            status=1
        fi
    done <"$case/kept"
fi
if [ -n "$(find "$dir" -name '.peeltmp.*')" ]; then
    echo "FAIL: temporaries left behind"
    status=1
fi
[ $status = 0 ] && echo "ok: exit $code, $(($(wc -l <"$data/rejects.csv") - 1)) rejects as expected"
exit $status
