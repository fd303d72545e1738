#!/bin/sh
# Failure isolation: bad reports among good ones (not a report, unreadable,
# incomplete, vanished mid-run) do not stop the others; each is named with
# its reason; a failed report's earlier documents stay; the run ends 65.
# --strict turns reconciliation FAILs into 65; without it they are reported
# and the documents built.
. "$(dirname "$0")/lib.sh"

make_reports in 3
AV=$(slug_of "Avon and Somerset Constabulary" 2018/19)
BE=$(slug_of "Bedfordshire Police" 2018/19)
CA=$(slug_of "Cambridgeshire Constabulary" 2018/19)
printf 'Minutes of the parish council\n\nNothing to report.\n' >in/garbage.txt
ln -s "$WORK/no-such-file" in/dangling.md
mkdir in/folder.txt # a folder with a report's name: walked, holds nothing
# Cut off half-way: ingest reads it, validation finds a pillar missing.
head -n 600 "$MET" | sed 's/Metropolitan Police Service/Cutoff Constabulary/g' >in/cutoff.txt

expect_rc 65 "$PEEL_RUN" -j 2 in -o out
for s in "$AV" "$BE" "$CA"; do
    for d in effectiveness efficiency legitimacy; do
        [ -s "out/$s/$d.xlsx" ] && [ -s "out/$s/$d.pdf" ] || fail "good report $s: no $d documents"
    done
    [ "$(manifest_get out/manifest.csv "$s" status)" = ok ] || fail "good report $s not ok"
done
grep -q "error: .*garbage.txt.*not a PEEL report" err.txt || { cat err.txt; fail "garbage not named with its reason"; }
grep -q "error: in/dangling.md: cannot open: No such file or directory" err.txt ||
    { cat err.txt; fail "unreadable report not named"; }
grep -q "error: cutoff-constabulary-2018-19: invalid in validate: .*incomplete report" err.txt ||
    fail "incomplete report not named with its reason"
[ -s out/cutoff-constabulary-2018-19/effectiveness.xlsx ] ||
    fail "incomplete report: no documents for what is there"
[ "$(manifest_get out/manifest.csv cutoff-constabulary-2018-19 status)" = invalid ] ||
    fail "incomplete report not invalid in the manifest"
[ "$(manifest_get out/manifest.csv garbage.txt status)" = failed ] || fail "garbage: no manifest row"
manifest_get out/manifest.csv garbage.txt reason | grep -q "not a PEEL report" || fail "garbage: reason"
[ ! -e out/.peel-stage ] || fail "staging folder left behind"
ok "3 good reports built beside garbage, unreadable and incomplete ones; exit 65"

# Rerun: the good ones unchanged, the bad ones named again, still 65.
expect_rc 65 "$PEEL_RUN" in -o out
grep -q '^peel-run: \[' out.txt && fail "rerun rebuilt a report"
grep -q "cutoff-constabulary-2018-19 (unchanged since the last run): .*incomplete" err.txt ||
    fail "rerun: the incomplete report is not named again"
ok "rerun: nothing rebuilt, bad reports named again, exit 65"

# A report that turns bad keeps its earlier documents.
rm -f in/garbage.txt in/dangling.md
rmdir in/folder.txt
tree_sums "out/$AV" >av.sums
cp "in/$AV.txt" av.keep
printf 'An inspection of nothing at all\n' >"in/$AV.txt"
expect_rc 65 "$PEEL_RUN" in -o out
grep -q "error: .*$AV.txt" err.txt || fail "the broken report is not named"
tree_sums "out/$AV" | cmp -s - av.sums || fail "the broken report's earlier documents changed"
[ "$(manifest_get out/manifest.csv "$AV" status)" = ok ] || fail "its manifest row was lost"
cp av.keep "in/$AV.txt"
ok "a report gone bad keeps its earlier documents"

# A report that vanishes mid-run (known to the manifest, so read only when
# its turn comes): named, earlier documents kept, the others rebuilt.
rm in/cutoff.txt
expect_rc 0 "$PEEL_RUN" -q in -o out
tree_sums "out/$CA" >ca.sums
printf 'id,kind,pillar,description,expected,op,actual,unit,tolerance,on_fail,note\r\n' >rules.csv
# The others go straight on; $CA waits at the gate (its input checked, its
# turn come) while its file is removed.
mkdir gate
gate_open gate "$AV"
gate_open gate "$BE"
PEEL_RUN_TEST_GATE=$WORK/gate "$PEEL_RUN" -j 1 --rules rules.csv in -o out >v.out 2>v.err &
pid=$!
gate_wait gate 1 "$pid"
[ "$(gate_waiting gate)" = "$CA" ] || fail "not $CA at the gate: $(gate_waiting gate)"
rm "in/$CA.txt"
gate_open gate "$CA"
set +e
wait "$pid"
rc=$?
set -e
[ "$rc" = 65 ] || { cat v.out v.err; fail "vanished report: exit $rc, wanted 65"; }
grep -q "error: $CA: failed in ingest.*earlier records and documents are kept.*gone" v.err ||
    { cat v.err; fail "vanished report not named with its reason"; }
tree_sums "out/$CA" | cmp -s - ca.sums || fail "vanished report: earlier documents changed"
[ "$(manifest_get out/manifest.csv "$CA" status)" = failed ] || fail "vanished report: status"
grep -q "\] $AV: ok" v.out && grep -q "\] $BE: ok" v.out || fail "the others were not rebuilt"
ok "a report vanished mid-run: named, earlier documents kept, the others rebuilt"

# --strict: the real report has a reconciliation FAIL.
expect_rc 0 "$PEEL_RUN" -q "$MET" -o met
fails=$(manifest_get met/manifest.csv metropolitan-police-service-2018-19 fail)
[ "$fails" -gt 0 ] || fail "the real report has no FAIL to test --strict with"
grep -q ',FAIL,' met/metropolitan-police-service-2018-19/reconciliation.csv || fail "FAIL not reported"
expect_rc 65 "$PEEL_RUN" --strict "$MET" -o met
grep -q "reconciliation check.* FAIL (--strict" err.txt || fail "--strict on an unchanged report: not named"
expect_rc 65 "$PEEL_RUN" --strict --force "$MET" -o met-strict
grep -q "metropolitan-police-service-2018-19: invalid in reconcile: .*FAIL (--strict" err.txt ||
    { cat err.txt; fail "--strict: not named"; }
[ -s met-strict/metropolitan-police-service-2018-19/legitimacy.pdf ] || fail "--strict: documents not built"
ok "--strict: FAIL gives 65 (documents still built); without it 0"
