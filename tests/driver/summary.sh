#!/bin/sh
# summary.xlsx: one row per report of the output folder (grades coloured,
# finding and check counts, links to its documents) and the table figures
# side by side; kept up to date as reports are added (check_summary.py).
. "$(dirname "$0")/lib.sh"

make_reports in 3
cp "$NORTHMOOR" "$FIXTURES"/northmoor-*.csv in/
head -n 600 "$MET" | sed 's/Metropolitan Police Service/Cutoff Constabulary/g' >in/cutoff.txt
expect_rc 65 "$PEEL_RUN" -q in -o out
python3 "$HERE/check_summary.py" out || fail "summary.xlsx"

# Another year of one force, in a later run: a row more.
make_reports more 1 2019/20
expect_rc 0 "$PEEL_RUN" -q more -o out
[ "$(grep -c '^report,' out/manifest.csv)" = 6 ] || fail "the manifest lost reports"
python3 "$HERE/check_summary.py" out || fail "summary.xlsx after a second run"
ok "summary.xlsx follows the output folder"
