#!/bin/sh
# peel-validate as a program: options, exit codes and messages, for every
# way a run can end.  Each check names what it pins.
#   cli.sh BIN_DIR REPORT
set -u
bin=$1 report=$2
. "$(dirname "$0")/../lib/check.sh"

# expect NAME WANT_CODE STREAM PATTERN ARGS... : runs peel-validate ARGS and
# checks the exit code and that STREAM (stdout or stderr) matches PATTERN.
expect() {
    name=$1 want=$2 stream=$3 text=$4
    shift 4
    run_check "$name" "$want" "$stream" "$text" "$bin/peel-validate" "$@"
}

fresh() { # fresh DIR: a report folder with freshly ingested records
    rm -rf "$work/$1"
    "$bin/peel-ingest" -q "$report" -o "$work/$1" >/dev/null || exit 1
    echo "$work/$1"/*
}

expect help 0 stdout "^usage: peel-validate" --help
expect help_short 0 stdout "Exit status" -h
expect version 0 stdout "^peel-validate (peelpack) [0-9]" --version
expect no_arguments 64 stderr "^usage: peel-validate"
expect two_reports 64 stderr "^usage: peel-validate" a b
expect bad_option 64 stderr "^usage: peel-validate" --no-such-option x
expect data_needs_argument 64 stderr "^usage: peel-validate" x -d

expect report_missing 66 stderr "nowhere/data/meta.csv" "$work/nowhere"

dir=$(fresh ok)
expect summary_line 0 stdout "records checked, 0 rejects (0 records left out) -> .*/data/rejects.csv" "$dir"
"$bin/peel-validate" -q "$dir" >"$work/stdout" 2>&1
check quiet_exits_0_and_prints_nothing test $? = 0 -a ! -s "$work/stdout"
check header_only_when_clean test "$(cat "$dir/data/rejects.csv")" = "$(printf 'file,line,field,value,reason,source_line,message\r')"
expect catalogue_missing 66 stderr "elsewhere/components.csv" -q -d "$work/elsewhere" "$dir"

dir=$(fresh nocoverage)
rm "$dir/data/coverage.csv"
expect record_file_missing 66 stderr "data/coverage.csv" -q "$dir"
check nothing_written_without_records test ! -e "$dir/data/rejects.csv"

dir=$(fresh badcsv)
printf 'x,"unterminated\n' >>"$dir/data/tables.csv"
expect record_file_unparsable 65 stderr "tables.csv:[0-9]*: unterminated quoted field" -q "$dir"
check unparsable_file_listed grep -q '^tables.csv,[0-9]*,,,bad_csv,' "$dir/data/rejects.csv"

dir=$(fresh cantwrite)
mkdir "$dir/data/rejects.csv"
expect cannot_write 73 stderr "rejects.csv" -q "$dir"
check no_temporaries_left test -z "$(find "$dir" -name '.peeltmp.*')"

# Rejects are recomputed each run: fixing a record clears its reject.
dir=$(fresh rerun)
cp "$dir/data/judgments.csv" "$work/judgments.csv"
sed -i 's/,Outstanding,/,Stellar,/' "$dir/data/judgments.csv"
expect rejects_listed 0 stdout "[1-9][0-9]* rejects" "$dir"
cp "$dir/data/rejects.csv" "$work/first.csv"
"$bin/peel-validate" -q "$dir"
check same_rejects_twice cmp -s "$work/first.csv" "$dir/data/rejects.csv"
cp "$work/judgments.csv" "$dir/data/judgments.csv"
expect fixed_record_clears 0 stdout " 0 rejects" "$dir"

dir=$(fresh cut)
sed -i '/^legitimacy,,/d' "$dir/data/judgments.csv"
expect incomplete_report 65 stderr "incomplete report: legitimacy missing" "$dir"
check incomplete_still_summarised grep -q "1 rejects" "$work/stdout"
check incomplete_still_writes_rejects grep -q ',missing_pillar,' "$dir/data/rejects.csv"

if [ "$(id -u)" != 0 ]; then
    dir=$(fresh readonly)
    chmod 555 "$dir/data"
    expect read_only_folder 73 stderr "rejects.csv" -q "$dir"
fi

finish
