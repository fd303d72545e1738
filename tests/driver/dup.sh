#!/bin/sh
# The same force and year twice: the second input is an error naming both,
# never a silent overwrite: the report's folder holds exactly what the first
# input alone gives.  "First" is the order of the operands, and name order
# inside a folder.
. "$(dirname "$0")/lib.sh"

make_reports a 1
KE=$(slug_of "Avon and Somerset Constabulary" 2018/19)
A=a/avon-and-somerset-constabulary-2018-19.txt
mkdir b
# Same force and year, other content (and a name that sorts first).
sed 's/Matt Parr/Someone Else/' "$A" >b/0-avon-again.md

expect_rc 0 "$PEEL_RUN" -q "$A" -o ref-a
expect_rc 0 "$PEEL_RUN" -q b/0-avon-again.md -o ref-b
tree_sums ref-a >a.sums
tree_sums ref-b >b.sums
cmp -s a.sums b.sums && fail "the two inputs give the same documents: the test proves nothing"

expect_rc 65 "$PEEL_RUN" "$A" b/0-avon-again.md -o out
grep -q "error: b/0-avon-again.md is the same force and year ($KE) as $A" err.txt ||
    { cat err.txt; fail "the duplicate is not named with the first"; }
tree_sums out | cmp -s - a.sums || fail "the second input changed the first's outputs"
[ "$(grep -c '^peel-run: \[' out.txt)" = 1 ] || fail "not exactly one report built"
[ "$(manifest_get out/manifest.csv 0-avon-again.md status)" = failed ] || fail "no manifest row for the duplicate"
ok "second input of a force and year: an error naming both; the first's outputs untouched"

expect_rc 65 "$PEEL_RUN" -q b/0-avon-again.md "$A" -o out2
tree_sums out2 | cmp -s - b.sums || fail "operand order: the first operand does not win"
ok "the first operand wins"

# In one folder: name order decides.
mkdir both
cp "$A" both/
cp b/0-avon-again.md both/
expect_rc 65 "$PEEL_RUN" -q both -o out3
grep -q "both/avon-and-somerset-constabulary-2018-19.txt is the same force and year ($KE) as both/0-avon-again.md" err.txt ||
    { cat err.txt; fail "in a folder, the later name is not the duplicate"; }
ok "inside a folder, name order decides"

# The first known from an earlier run, the second new: nothing rewritten.
tree_state out >before.txt
expect_rc 65 "$PEEL_RUN" "$A" b/0-avon-again.md -o out
grep -q "same force and year" err.txt || fail "rerun: the duplicate not named"
tree_state out | cmp -s - before.txt || fail "rerun with a duplicate rewrote files"
# The very same file twice (a copy in another folder).
mkdir c
cp "$A" c/
expect_rc 65 "$PEEL_RUN" -q "$A" c -o out
grep -q "c/avon-and-somerset-constabulary-2018-19.txt is the same force and year" err.txt ||
    fail "an identical copy is not a duplicate"
tree_sums out | cmp -s - a.sums || fail "an identical copy changed outputs"
ok "duplicates against a report of an earlier run: named, nothing rewritten"
