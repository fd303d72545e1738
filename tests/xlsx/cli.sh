#!/bin/sh
# peel-xlsx as the scheduler sees it: usage, exit codes and messages.
#   cli.sh BIN_DIR OUT PIPELINE_DIR   (OUT made by make_reports.sh)
set -u
bin=$1 out=$2 pipeline=$3
. "$(dirname "$0")/../lib/cli.sh"
rm -f "$work/r"/*.xlsx

# --help, --version, usage errors and a missing folder: tests/cli/programs.sh.
expect 66 "meta.csv" -- "$bin/peel-xlsx" "$work/missing"
expect 0 "effectiveness.xlsx" -- "$bin/peel-xlsx" "$work/r"
expect 0 "" -- "$bin/peel-xlsx" -q "$work/r"
[ -s "$work/log" ] && { echo "FAIL: -q printed"; status=1; }

# A layout with a name libxlsxwriter must never see: refused with its line.
mkdir "$work/layout"
sed 's/,Budget_Net,/,A1,/' "$pipeline/workbook.csv" >"$work/layout/workbook.csv"
line=$(grep -n ',A1,' "$work/layout/workbook.csv" | cut -d: -f1)
expect 65 "workbook.csv:$line: define" -- "$bin/peel-xlsx" -d "$work/layout" "$work/r"
sed 's/^item,efficiency,Finance,reserves,per_year,\(.*\),\[movement\] \/ \[years\],/item,efficiency,Finance,reserves,per_year,\1,[movement] \/ [nowhere],/' \
    "$pipeline/workbook.csv" >"$work/layout/workbook.csv"
expect 65 "unknown name \[nowhere\]" -- "$bin/peel-xlsx" -d "$work/layout" "$work/r"
sed 's/reserves.opening|reserves.closing/reserves.opening|reserves.nowhere/' \
    "$pipeline/workbook.csv" >"$work/layout/workbook.csv"
line=$(grep -n 'reserves.nowhere' "$work/layout/workbook.csv" | cut -d: -f1)
expect 65 "workbook.csv:$line: source: unknown name \[reserves.nowhere\] in chart" -- \
    "$bin/peel-xlsx" -d "$work/layout" "$work/r"
expect 66 "workbook.csv" -- "$bin/peel-xlsx" -d "$work/nowhere" "$work/r"
# An item nested 300,000 parentheses deep (it overflowed the stack, exit 139):
# refused with its line, like the rules' expressions.
awk 'BEGIN { for (i = 0; i < 300000; i++) { o = o "("; c = c ")" } }
     { print }
     /^section,efficiency,Finance,reserves,/ { print "item,efficiency,Finance,reserves,deep,Deep,\"" o "1" c "\",auto,,," }' \
    "$pipeline/workbook.csv" >"$work/layout/workbook.csv"
line=$(grep -n ',deep,Deep,' "$work/layout/workbook.csv" | cut -d: -f1)
expect 65 "workbook.csv:$line: source: nested too deeply" -- "$bin/peel-xlsx" -d "$work/layout" "$work/r"

# Cannot write: the workbook's name is taken by a folder.  Nothing half
# written is left behind, and the workbooks written before are whole.
rm -f "$work/r"/*.xlsx
mkdir "$work/r/legitimacy.xlsx"
expect 73 "legitimacy.xlsx" -- "$bin/peel-xlsx" "$work/r"
ls -a "$work/r" | grep -q '^\.peeltmp\.' && { echo "FAIL: temporary left"; status=1; }
[ -s "$work/r/efficiency.xlsx" ] || { echo "FAIL: earlier workbook missing"; status=1; }
rmdir "$work/r/legitimacy.xlsx"

[ $status = 0 ] && echo "peel-xlsx command line as expected"
exit $status
