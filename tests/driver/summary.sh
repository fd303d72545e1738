#!/bin/sh
# summary.xlsx: one row per report of the output folder (grades coloured,
# finding and check counts, links to its documents) and the table figures
# side by side; kept up to date as reports are added (check_summary.py).
# The reports a run builds are read for it while the next one is built;
# written from the folders alone it is the same file.
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
# Written again from the report folders (nothing built): byte for byte the
# summary the builds' records, read ahead, gave.
cp out/summary.xlsx ahead.xlsx
rm out/summary.xlsx
expect_rc 0 "$PEEL_RUN" -q more -o out
cmp -s ahead.xlsx out/summary.xlsx || fail "summary.xlsx from the folders differs from the one read ahead"
ok "summary.xlsx follows the output folder"
