#!/bin/sh
# Runs one libFuzzer target for a bounded time over a fresh corpus seeded
# from the real report cut into pieces, the fixtures and the regression
# inputs.  A crash leaves its input in tests/fuzz/regress/TARGET/ (add it to
# git: it becomes a regression test) and fails the run.
#   fuzz.sh FUZZER TARGET SECONDS SOURCE_DIR
set -eu
fuzzer=$1 target=$2 seconds=$3 src=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus" "$work/seeds"
report="$src/inputs/metropolitan-police-service-peel-2018-19.txt"
case "$target" in
report)
    split -l 60 "$report" "$work/seeds/met-"
    cp "$src"/tests/fixtures/*.txt "$work/seeds/" ;;
csv)
    cp "$src"/pipeline/*.csv "$src"/tests/fixtures/*.csv "$work/seeds/"
    cp "$src"/tests/ingest/golden/northmoor/*.csv "$work/seeds/" ;;
num)
    grep -o -E '£?[0-9][0-9,.]*( ?(m|bn|billion|percent|per cent|%))?' "$report" | sort -u | head -300 |
        split -l 1 - "$work/seeds/num-" ;;
catalogs)
    cp "$src/pipeline/rules.csv" "$src/pipeline/workbook.csv" "$work/seeds/" ;;
esac
cp "$src/tests/fuzz/regress/$target"/* "$work/seeds/" 2>/dev/null || true
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$src/tests/fuzz/regress/$target/" -print_final_stats=1 \
    "$work/corpus" "$work/seeds" 2>"$work/log" || { tail -n 40 "$work/log"; exit 1; }
grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$work/log" | tr '\n' ' '
echo "fuzz_$target: no crash in ${seconds}s"
