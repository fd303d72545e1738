#!/bin/sh
# kill -9 in the middle of a batch that replaces old documents with new ones:
# every file left is wholly the old or wholly the new version, every xlsx is
# a valid zip that LibreOffice opens, every PDF passes qpdf --check; the next
# run removes the stray temporaries and finishes the job, ending with exactly
# what an uninterrupted run gives.
. "$(dirname "$0")/lib.sh"
command -v qpdf >/dev/null || fail "qpdf missing (pipeline/deps --test installs it)"
SOFFICE=${PEEL_SOFFICE:-$(command -v soffice || command -v libreoffice || true)}
[ -n "$SOFFICE" ] || fail "LibreOffice missing (pipeline/deps --test installs it)"

make_reports v1 6
mkdir v2
for f in v1/*.txt; do
    # Another inspector and publication month: every document changes.
    sed -e 's/Matt Parr/Matthew Parr/g' -e 's/September 2019/October 2019/g' "$f" >"v2/${f#v1/}"
done
expect_rc 0 "$PEEL_RUN" -q v1 -o old
expect_rc 0 "$PEEL_RUN" -q v2 -o new
tree_sums new >new.sums
tree_sums old | cmp -s - new.sums && fail "old and new are the same"
mkdir collect

# A fixed sleep lands in a different place on a loaded machine or in the
# sanitizer build, so each kill waits for the first new document to appear
# in its place (newer than a mark made before the run), then a little longer.
mid=0
for delay in 0 0.15 0.3 0.6; do
    rm -rf out
    cp -a old out
    touch mark
    PEEL_RUN_TEST_DELAY_MS=400 "$PEEL_RUN" -q -j 2 v2 -o out >k.out 2>k.err &
    pid=$!
    waited=0
    while [ -z "$(find out -path out/.peel-stage -prune -o -type f -newer mark \( -name '*.pdf' -o -name '*.xlsx' \) -print | head -n 1)" ]; do
        kill -0 "$pid" 2>/dev/null || break
        [ "$waited" -lt 1200 ] || break
        sleep 0.05
        waited=$((waited + 1))
    done
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    # Workers die with the run: nothing is written after the kill.
    sleep 0.3
    tree_state out >s1
    sleep 0.7
    tree_state out | cmp -s - s1 || fail "files still change after kill -9 (a worker outlived the run)"
    python3 "$HERE/kill_check.py" out old new collect "kill$delay" >check.txt ||
        { cat check.txt; fail "kill -9 after ${delay}s left a broken or mixed file"; }
    cat check.txt
    grep -q ' [1-9][0-9]* files old, [1-9][0-9]* new' check.txt && mid=$((mid + 1))
done
[ "$mid" -gt 0 ] || fail "no kill landed in the middle (old and new files side by side)"
ok "4 kills ($mid in the middle of the batch): every file whole, old or new; xlsx zips, PDFs pass qpdf"

# LibreOffice opens every workbook left behind.
n=$(ls collect | wc -l)
mkdir lo lo-profile
(cd collect && timeout 900 "$SOFFICE" -env:UserInstallation=file://"$WORK/lo-profile" --headless \
    --convert-to csv --outdir "$WORK/lo" ./*.xlsx >"$WORK/lo.log" 2>&1) || true
for f in collect/*.xlsx; do
    b=$(basename "$f" .xlsx)
    [ -s "lo/$b.csv" ] || { cat lo.log; fail "LibreOffice could not open $b.xlsx"; }
done
ok "LibreOffice opens all $n workbooks left by the kills"

# The next run sweeps stray temporaries (some planted, as a kill may leave
# none) and finishes: the same bytes as the run that was never killed.
sh -c 'echo $$ >dead.pid'
dead=$(cat dead.pid)
AV=$(slug_of "Avon and Somerset Constabulary" 2018/19)
echo half >"out/.peeltmp.summary.xlsx.$dead.0"
echo half >"out/$AV/.peeltmp.efficiency.pdf.$dead.1"
echo half >"out/$AV/data/.peeltmp.tables.csv.$dead.2"
mkdir -p out/.peel-stage/3
expect_rc 0 "$PEEL_RUN" v2 -o out
grep -q "warning: out: removed [0-9]* temporar" err.txt || { cat err.txt; fail "no word of the temporaries removed"; }
[ -z "$(find out -name '.peeltmp.*')" ] || fail "stray temporaries are left"
[ ! -e out/.peel-stage ] || fail "the staging folder is left"
tree_sums out | cmp -s - new.sums || fail "after the rerun the outputs differ from an uninterrupted run"
manifest_stable out/manifest.csv >a.csv
manifest_stable new/manifest.csv >b.csv
cmp -s a.csv b.csv || { diff a.csv b.csv; fail "after the rerun the manifest differs"; }
ok "the next run removes the temporaries and ends as an uninterrupted run"
