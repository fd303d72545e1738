#!/bin/sh
# Runs the wrapping fuzz target for a bounded time over a fresh corpus
# seeded with its regression inputs.  A crash leaves its input in
# REGRESS (add it to git: it becomes a regression test) and fails the run.
#   fuzz.sh FUZZER REGRESS SECONDS
set -eu
fuzzer=$1 regress=$2 seconds=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
    -artifact_prefix="$regress/" -print_final_stats=1 "$work/corpus" "$regress" \
    2>"$work/log" || { tail -n 40 "$work/log"; exit 1; }
grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$work/log" | tr '\n' ' '
