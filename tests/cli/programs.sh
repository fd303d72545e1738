#!/bin/sh
# The six programs as a scheduler and a person meet them: each answers
# --help, -h and --version on stdout with exit 0; a bad option, a missing
# operand or too many operands print the usage on stderr with exit 64; an
# input that is not there is named with exit 66.  Then peel-reconcile,
# which has no command-line test of its own: its outputs, --strict, a
# malformed rule, --rules and --catalogue, an unwritable folder.
#   programs.sh BIN_DIR SOURCE_DIR
set -u
bin=$1 src=$2
. "$(dirname "$0")/../lib/check.sh"
version=$(sed -n 's/^project(peelpack VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")

# expect NAME WANT_CODE STREAM PATTERN PROGRAM ARGS... (PATTERN "": any output)
expect() {
    name=$1 want=$2 stream=$3 text=$4 prog=$5
    shift 5
    run_check "$prog $name" "$want" "$stream" "$text" "$bin/$prog" "$@"
}

for prog in peel-ingest peel-validate peel-reconcile peel-xlsx peel-pdf peel-run; do
    expect help 0 stdout "^usage: $prog " $prog --help
    expect help_short 0 stdout "^Exit status" $prog -h
    expect version 0 stdout "^$prog (peelpack) $version\$" $prog --version
    expect version_short 0 stdout "^$prog (peelpack) $version\$" $prog -V
    expect bad_option 64 stderr "^usage: $prog " $prog --no-such-option x
    expect no_operand 64 stderr "usage: $prog " $prog
    [ -s "$work/stdout" ] && { echo "FAIL $prog: usage error wrote to stdout"; fails=$((fails + 1)); }
done
# Too many operands (peel-ingest and peel-run take several inputs, but each
# needs -o).
for prog in peel-validate peel-reconcile peel-xlsx peel-pdf; do
    expect two_operands 64 stderr "^usage: $prog " $prog a b
    expect missing_input 66 stderr "$work/nowhere" $prog "$work/nowhere"
done
expect no_output 64 stderr "usage: peel-ingest " peel-ingest "$work/nowhere.txt"
expect missing_input 66 stderr "$work/nowhere.txt" peel-ingest "$work/nowhere.txt" -o "$work/o"
expect no_output 64 stderr "usage: peel-run " peel-run "$work/nowhere.txt"
expect missing_input 66 stderr "$work/nowhere.txt" peel-run "$work/nowhere.txt" -o "$work/o"

# ---- peel-reconcile
report=$src/inputs/metropolitan-police-service-peel-2018-19.txt
"$bin/peel-ingest" -q "$report" -o "$work/out" >/dev/null || exit 1
dir=$work/out/metropolitan-police-service-2018-19
"$bin/peel-validate" -q "$dir" || exit 1
expect summary_line 0 stdout "^$dir: [0-9]* pass, [0-9]* warn, [1-9][0-9]* fail, [0-9]* skip\$" \
    peel-reconcile "$dir"
check reconcile_header head -n 1 "$dir/reconciliation.csv" | grep -q \
    '^rule_id,kind,pillar,description,expected,actual,difference,tolerance,status,source_lines,unit,note'
expect quiet 0 stdout "" peel-reconcile -q "$dir"
check quiet_prints_nothing test ! -s "$work/stdout"
expect strict_fail 65 stdout "fail" peel-reconcile --strict "$dir"
printf 'id,kind,pillar,description,expected,op,actual,unit,tolerance,on_fail,note\r\n' >"$work/extra.csv"
printf 'x-sum,sum,,extra rule,fact:budget.net,~,fact:budget.net,GBP,,,\r\n' >>"$work/extra.csv"
expect bad_rule 65 stderr "extra.csv:2: op: op must be =, <=, >= or parts (\"~\")" \
    peel-reconcile -q --rules "$work/extra.csv" "$dir"
sed -i 's/,~,/,=,/' "$work/extra.csv"
expect extra_rule 0 stdout "" peel-reconcile -q --rules "$work/extra.csv" "$dir"
check extra_rule_checked grep -q '^x-sum,sum,,extra rule,' "$dir/reconciliation.csv"
expect rules_missing 66 stderr "$work/none.csv" peel-reconcile -q --rules "$work/none.csv" "$dir"
expect catalogue_instead 0 stdout "" peel-reconcile -q --catalogue "$work/extra.csv" "$dir"
check catalogue_replaces test "$(grep -c -v '^[a-z]*:' "$dir/reconciliation.csv")" -le 2
expect data_missing 66 stderr "$work/nodata/rules.csv" peel-reconcile -q -d "$work/nodata" "$dir"
rm "$dir/data/facts.csv"
expect records_missing 66 stderr "data/facts.csv" peel-reconcile -q "$dir"
"$bin/peel-ingest" -q "$report" -o "$work/out" >/dev/null
if [ "$(id -u)" != 0 ]; then
    chmod 555 "$dir"
    expect cannot_write 73 stderr "reconciliation.csv" peel-reconcile -q "$dir"
    chmod 755 "$dir"
fi
check no_temporaries_left test -z "$(find "$work/out" -name '.peeltmp.*')"

finish
