# Reports with parts missing, and a force whose tables name it otherwise
# than its title: every document is still written, the checks that can run
# do, and the run's last line adds up.
#   partial.sh BIN SRC WORK
. "$(dirname "$0")/lib.sh"

# Column `col` of the row of CSV `file` whose first field is `key`.
csv_field() {
    python3 - "$1" "$2" "$3" <<'PY'
import csv, sys
for row in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
    if row[next(iter(row))] == sys.argv[2]:
        print(row[sys.argv[3]])
        break
PY
}

documents() {
    for p in effectiveness efficiency legitimacy; do
        for e in xlsx pdf; do
            [ -s "$1/$p.$e" ] || fail "$2: no $p.$e"
        done
    done
}

# From the real report: without the workforce table (its heading and rows),
# without the scope table, and without the closing publication line.
mkdir in
wf=$(grep -n '^## Metropolitan Police workforce$' "$MET" | cut -d: -f1)
awk -v a="$wf" 'NR >= a && NR <= a + 5 { next } { print }' "$MET" |
    sed 's/Metropolitan/Northfield/g' \
        >in/no-workforce-table.txt
sc=$(grep -n '^<b>IPA area</b>' "$MET" | cut -d: -f1)
awk -v a="$sc" 'NR >= a && NR <= a + 10 { next } { print }' "$MET" |
    sed 's/Metropolitan/Southfield/g' \
        >in/no-scope-table.txt
grep -v 'ISBN: ' "$MET" |
    sed 's/Metropolitan/Westfield/g' \
        >in/no-closing-line.txt
grep -q '^## Northfield Police workforce' in/no-workforce-table.txt && fail "the workforce table was not cut out"

# Northmoor Constabulary whose tables say "Northmoor Police" and "the
# constabulary", with the prose's officer count far from the table's FTE.
sed -e 's/^## Northmoor workforce$/## Northmoor Police workforce/' \
    -e 's/	Northmoor rate	/	Northmoor Police rate	/' \
    -e "s/	Northmoor spend	/	The constabulary's spend	/" \
    -e 's/officer numbers at around 1,850/officer numbers at around 18,500/' \
    -e 's/^An inspection of Northmoor Constabulary$/An inspection of Eastmoor Constabulary/' \
    -e 's/Northmoor/Eastmoor/g' "$NORTHMOOR" >in/other-names.txt

"$PEEL_RUN" -j 1 in -o out >run.txt 2>err.txt || { cat err.txt; fail "peel-run failed on partial reports"; }
for slug in northfield-police-service-2018-19 southfield-police-service-2018-19 \
    westfield-police-service-2018-19 eastmoor-constabulary-2018-19; do
    documents "out/$slug" "$slug"
done
ok "all six documents for every partial report"

nf=out/northfield-police-service-2018-19
[ "$(csv_field "$nf/reconciliation.csv" fte-total-change status)" = SKIP ] ||
    fail "no workforce table: the FTE change rule did not SKIP"
[ "$(csv_field "$nf/reconciliation.csv" women-officers-table-vs-prose status)" = FAIL ] ||
    fail "no workforce table: a check that needs no workforce table did not run"
python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$nf/efficiency.xlsx" xl/sharedStrings.xml | grep -q 'Not stated in this report' ||
    fail "no workforce table: the workbook does not say the table is not stated"
ok "no workforce table: the checks that can run do, the workbook says what is not stated"

wf=out/westfield-police-service-2018-19
grep -q 'missing_end' "$wf/data/rejects.csv" || fail "no closing line: not noted in rejects.csv"
ok "no closing line: noted in rejects.csv, the report is not invalid"

em=out/eastmoor-constabulary-2018-19
grep -q '^force-workforce,police-officer,' "$em/data/tables.csv" ||
    fail "\"Eastmoor Police workforce\" under \"Eastmoor Constabulary\" did not make force-workforce"
grep -q '^spend-per-head-of-population,spend-per-head-of-population,force-spend,' "$em/data/tables.csv" ||
    fail "\"The constabulary's spend\" did not make force-spend"
[ "$(csv_field "$em/reconciliation.csv" fte-total-change status)" != SKIP ] ||
    fail "other names: the FTE change rule found no table"
[ "$(csv_field "$em/reconciliation.csv" officers-prose-vs-table status)" = FAIL ] ||
    fail "other names: 18,500 officers against 1,842 FTE is not a FAIL"
ok "the force's other names make the generic keys; a far-off soft rule FAILs"

python3 "$SRC/tests/xlsx/check_books.py" "$SRC/pipeline" out ||
    fail "the partial reports' workbooks lack what finance and HR came for"
ok "the partial reports' workbooks hold what finance and HR came for (check_books.py)"

tail -n 1 run.txt | grep -q '^peel-run: 4 reports: 4 built, 0 unchanged, 0 failed or invalid' ||
    { cat run.txt; fail "last line"; }
ok "last line: 4 built"

# The last line adds up when reports fail: two unreadable, one good.
mkdir in2
cp "$NORTHMOOR" in2/good.txt
printf 'not a report\n' >in2/bad1.txt
printf '\000binary' >in2/bad2.txt
"$PEEL_RUN" -j 1 in2 -o out2 >run2.txt 2>err2.txt && fail "bad reports: exit 0"
tail -n 1 run2.txt | grep -q '^peel-run: 3 reports: 1 built, 0 unchanged, 2 failed or invalid' ||
    { cat run2.txt err2.txt; fail "last line after failures"; }
ok "last line after failures: 1 built, 2 failed or invalid"
