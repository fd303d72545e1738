#!/bin/sh
# Incremental runs: a rerun with nothing to do says so and changes no file;
# a damaged or missing output, a changed sidecar, input or rule rebuilds
# exactly the reports it concerns; --force rebuilds all, byte for byte the
# same; the manifest records what the issue asks for.
. "$(dirname "$0")/lib.sh"

make_reports in 3
cp "$NORTHMOOR" "$FIXTURES"/northmoor-*.csv in/
expect_rc 0 "$PEEL_RUN" in -o out
[ "$(grep -c '^peel-run: \[' out.txt)" = 4 ] || fail "first run: not 4 reports built"
NM=northmoor-constabulary-2018-19
AV=$(slug_of "Avon and Somerset Constabulary" 2018/19)

# The manifest: per report the input's size and CRC-32, rules and program
# versions, each output with its size and CRC-32, status and timings.
head -n 1 out/manifest.csv | grep -q \
    '^kind,report,force,status,input,input_size,input_crc32,sidecars,rules_crc32,program,outputs,' ||
    fail "manifest header"
size=$(wc -c <"$NORTHMOOR" | tr -d ' ')
crc=$(python3 -c 'import sys,zlib; print("%08x" % zlib.crc32(open(sys.argv[1],"rb").read()))' "$NORTHMOOR")
[ "$(manifest_get out/manifest.csv $NM input_size)" = "$size" ] || fail "manifest: input size"
[ "$(manifest_get out/manifest.csv $NM input_crc32)" = "$crc" ] || fail "manifest: input CRC-32"
[ "$(manifest_get out/manifest.csv $NM status)" = ok ] || fail "manifest: status"
manifest_get out/manifest.csv $NM program | grep -q '^peel-run [0-9]' || fail "manifest: program"
# The program is told by its build ID (read from memory, not by reading the
# executable back), when it was linked with one.
bid=$(readelf -n "$PEEL_RUN" 2>/dev/null | sed -n 's/^ *Build ID: *\([0-9a-f]\{16\}\).*/\1/p')
if [ -n "$bid" ]; then
    manifest_get out/manifest.csv $NM program | grep -q "^peel-run [0-9.]* $bid\$" ||
        fail "manifest: program is not told by its build ID $bid"
fi
manifest_get out/manifest.csv $NM rules_crc32 | grep -q '^[0-9a-f]\{8\}$' || fail "manifest: rules"
manifest_get out/manifest.csv $NM seconds_xlsx | grep -q '^[0-9.]*$' || fail "manifest: timings"
outputs=$(manifest_get out/manifest.csv $NM outputs)
for f in effectiveness.xlsx legitimacy.pdf reconciliation.csv data/tables.csv \
    data/sidecars/northmoor-fte-by-role.csv; do
    want=$(python3 -c 'import os,sys,zlib; p=sys.argv[1]; d=open(p,"rb").read(); print("%s:%d:%08x" % (sys.argv[2], len(d), zlib.crc32(d)))' "out/$NM/$f" "$f")
    case " $outputs " in *" $want "*) ;; *) fail "manifest outputs lack $want" ;; esac
done
ok "manifest records input, rules, program, every output with size and CRC-32, status, timings"

# Nothing changed: says so, and no file is touched (not even the manifest).
tree_state out >before.txt
clock_past out # a file rewritten from here on shows in its mtime
expect_rc 0 "$PEEL_RUN" in -o out
grep -q "nothing to do: 4 reports unchanged" out.txt || { cat out.txt; fail "rerun did not say nothing to do"; }
[ ! -s err.txt ] || { cat err.txt; fail "rerun printed on stderr"; }
tree_state out >after.txt
cmp -s before.txt after.txt || { diff before.txt after.txt; fail "a rerun with nothing to do changed files"; }
expect_rc 0 "$PEEL_RUN" -j 1 -q in -o out
tree_state out >after.txt
cmp -s before.txt after.txt || fail "a second quiet rerun changed files"
ok "rerun: nothing to do, no file changed (sizes, times and inodes the same)"

tree_sums out >sums.txt

# A damaged output: only its report is rebuilt, the output comes back whole.
printf 'garbage' >"out/$AV/efficiency.pdf"
expect_rc 0 "$PEEL_RUN" in -o out
grep -c '^peel-run: \[' out.txt | grep -qx 1 || fail "damaged output: not exactly one report rebuilt"
grep -q "\] $AV: ok" out.txt || fail "damaged output: the wrong report rebuilt"
tree_sums out | cmp -s - sums.txt || fail "damaged output: not rebuilt as it was"
rm "out/$AV/data/figures.csv"
expect_rc 0 "$PEEL_RUN" in -o out
grep -q "\] $AV: ok" out.txt || fail "deleted record: report not rebuilt"
tree_sums out | cmp -s - sums.txt || fail "deleted record: not rebuilt as it was"
ok "a damaged or deleted output rebuilds its report only"

# summary.xlsx damaged: rewritten, no report rebuilt.
printf 'x' >out/summary.xlsx
expect_rc 0 "$PEEL_RUN" in -o out
grep -q '^peel-run: \[' out.txt && fail "damaged summary rebuilt reports"
tree_sums out | cmp -s - sums.txt || fail "summary.xlsx not rewritten as it was"
ok "a damaged summary.xlsx is rewritten alone"

# A changed sidecar: only its report.
printf 'Northmoor Constabulary,reserves.balance,1000,GBP,2020/21,Test\r\n' >>in/northmoor-reserves-schedule.csv
expect_rc 0 "$PEEL_RUN" in -o out
[ "$(grep -c '^peel-run: \[' out.txt)" = 1 ] && grep -q "\] $NM: " out.txt ||
    { cat out.txt; fail "changed sidecar: not exactly its report rebuilt"; }
cmp -s in/northmoor-reserves-schedule.csv "out/$NM/data/sidecars/northmoor-reserves-schedule.csv" ||
    fail "changed sidecar not copied"
# A sidecar no longer given is removed from the report.
mv in/northmoor-fte-by-role.csv .
expect_rc 0 "$PEEL_RUN" in -o out
[ ! -e "out/$NM/data/sidecars/northmoor-fte-by-role.csv" ] || fail "a dropped sidecar stays in data/sidecars"
mv northmoor-fte-by-role.csv in/
expect_rc 0 "$PEEL_RUN" in -o out
[ "$(grep -c '^peel-run: \[' out.txt)" = 1 ] && grep -q "\] $NM: " out.txt ||
    { cat out.txt; fail "added sidecar: not exactly its report rebuilt"; }
ok "a changed, added or dropped sidecar rebuilds its report only"

# A changed input: only its report.
sed -i 's/Matt Parr/Matthew Parr/' in/avon-and-somerset-constabulary-2018-19.txt
expect_rc 0 "$PEEL_RUN" in -o out
[ "$(grep -c '^peel-run: \[' out.txt)" = 1 ] && grep -q "\] $AV: ok" out.txt ||
    { cat out.txt; fail "changed input: not exactly its report rebuilt"; }
ok "a changed input rebuilds its report only"

# A rule added: every report.
printf 'id,kind,pillar,description,expected,op,actual,unit,tolerance,on_fail,note\r\nuser-officers-positive,bound,efficiency,Officer numbers now are above zero,fact:officers.now,>=,0,officers,,,\r\n' >extra-rules.csv
expect_rc 0 "$PEEL_RUN" --rules extra-rules.csv in -o out
[ "$(grep -c '^peel-run: \[' out.txt)" = 4 ] || fail "--rules: not every report rebuilt"
grep -q '^user-officers-positive,' "out/$AV/reconciliation.csv" || fail "--rules: the user's rule was not checked"
expect_rc 0 "$PEEL_RUN" --rules extra-rules.csv in -o out
grep -q "nothing to do" out.txt || fail "--rules rerun: not nothing to do"
ok "--rules adds a rule, and a rule change rebuilds every report"

# --force: everything again, the same bytes.
tree_sums out >sums.txt
tree_state out >before.txt
expect_rc 0 "$PEEL_RUN" --force --rules extra-rules.csv in -o out
[ "$(grep -c '^peel-run: \[' out.txt)" = 4 ] || fail "--force: not every report rebuilt"
tree_sums out | cmp -s - sums.txt || fail "--force: different bytes"
tree_state out | cmp -s - before.txt && fail "--force rewrote nothing"
ok "--force rebuilds everything to the same bytes"

# A report no longer among the inputs keeps its folder, row and summary line.
# The one given, from another folder under the same name, is not rebuilt
# (its documents name only the file): its row names where it is now.
mkdir less
cp in/northmoor-uninspected-area-missing-section.txt in/northmoor-*.csv less/
expect_rc 0 "$PEEL_RUN" --rules extra-rules.csv less -o out
grep -q "1 report: 0 built, 1 unchanged, 0 failed" out.txt || { cat out.txt; fail "a smaller batch rebuilt something"; }
[ "$(grep -c '^report,' out/manifest.csv)" = 4 ] || fail "reports of earlier runs left the manifest"
[ "$(manifest_get out/manifest.csv $NM input)" = less/northmoor-uninspected-area-missing-section.txt ] ||
    fail "the manifest does not name the input where it is now"
expect_rc 0 "$PEEL_RUN" --rules extra-rules.csv less -o out
grep -q "nothing to do" out.txt || { cat out.txt; fail "a smaller batch: the second run had work"; }
ok "reports of earlier runs stay; an input moved to another folder is renamed in the manifest only"

# A manifest that does not parse: a warning, and everything is rebuilt.
printf 'kind,report\r\n"unterminated\r\n' >out/manifest.csv
expect_rc 0 "$PEEL_RUN" --rules extra-rules.csv in -o out
grep -q "warning: .*manifest.csv.*every report is rebuilt" err.txt || { cat err.txt; fail "bad manifest: no warning"; }
[ "$(grep -c '^peel-run: \[' out.txt)" = 4 ] || fail "bad manifest: not every report rebuilt"
tree_sums out | cmp -s - sums.txt || fail "bad manifest: rebuilt to other bytes"
ok "a damaged manifest: warning, full rebuild"

# The output folder inside the input folder: its files are no input.
expect_rc 0 "$PEEL_RUN" -q in -o in/out
expect_rc 0 "$PEEL_RUN" in -o in/out
grep -q "nothing to do: 4 reports" out.txt || { cat out.txt err.txt; fail "outputs inside the input folder were read as inputs"; }
ok "an output folder inside the input folder is not read"
