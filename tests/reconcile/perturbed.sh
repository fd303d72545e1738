#!/bin/sh
# A perturbed copy of the real report, made here from the original, makes
# exactly the expected checks fail; every other row of reconciliation.csv is
# byte for byte the same, but for the total FTE change, which uses the
# stated PCSO change and so moves (and still passes).
#   - PCSO change stated -30% instead of -40%      → the PCSO change check
#   - "Other" spend £23 instead of £13             → the force's category sum
#   - budget £1,381m instead of £3,381m            → general reserve share of budget
#   - summary grade Good for ethical behaviour     → that grade against its section
set -eu
bin=$1 report=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/a" "$work/b"
sed -e '/^Police Community Support Officer\t/s/-40%/-30%/' \
    -e '/^<b>Other<\/b>\t/s/£13/£23/' \
    -e 's/The budget for 2019\/20 is £3,381m/The budget for 2019\/20 is £1,381m/' \
    -e '/^Ethical and lawful workforce behaviour\t/s/Requires improvement/Good/' \
    "$report" > "$work/perturbed.txt"
[ "$(cmp -l "$report" "$work/perturbed.txt" 2>/dev/null | wc -l)" -gt 0 ] || { echo "perturbation did nothing"; exit 1; }
"$bin/peel-ingest" -q "$report" -o "$work/a"
"$bin/peel-ingest" -q "$work/perturbed.txt" -o "$work/b"
"$bin/peel-reconcile" -q "$work"/a/*/
"$bin/peel-reconcile" -q "$work"/b/*/
diff "$work"/a/*/reconciliation.csv "$work"/b/*/reconciliation.csv | grep '^>' | cut -d, -f1 | sed 's/^> //' | sort > "$work/changed"
# Rule ids hold no commas, and only the status column reads ",FAIL,".
grep ',FAIL,' "$work"/b/*/reconciliation.csv | cut -d, -f1 | sort > "$work/failing_b"
grep ',FAIL,' "$work"/a/*/reconciliation.csv | cut -d, -f1 | sort > "$work/failing_a"
cat > "$work/expected" <<'LIST'
change:force-workforce:police-community-support-officer
grade:legitimacy:ethical-lawful-behaviour
reserves-general-share
sum:spend-per-head-of-population-by-category:force-spend
LIST
{ cat "$work/expected"; echo fte-total-change; } | sort > "$work/expected_changed"
status=0
if ! cmp -s "$work/changed" "$work/expected_changed"; then
    echo "rows that changed, against those expected:"
    diff "$work/expected_changed" "$work/changed"
    status=1
fi
comm -13 "$work/failing_a" "$work/failing_b" > "$work/newly_failing"
if ! cmp -s "$work/newly_failing" "$work/expected"; then
    echo "checks newly failing, against those expected:"
    diff "$work/expected" "$work/newly_failing"
    status=1
fi
[ $status = 0 ] && echo "exactly the 4 expected checks fail; nothing else changed"
exit $status
