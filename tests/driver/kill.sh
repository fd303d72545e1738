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

# Each kill lands in the middle of the batch by events, not by the clock: M
# reports are let through the gate and finish (the two workers then wait at
# the gate with later reports), then one more is let go and the run is
# killed as soon as its first new document is in place, while it writes
# the others.
mid=0
for m in 0 1 3 4; do
    rm -rf out gate
    cp -a old out
    mkdir gate
    touch mark
    clock_past mark # a document written from now on is newer than mark
    PEEL_RUN_TEST_GATE=$WORK/gate "$PEEL_RUN" -q -j 2 v2 -o out >k.out 2>k.err &
    pid=$!
    i=0
    while [ "$i" -lt "$m" ]; do
        gate_wait gate 1 "$pid"
        gate_open gate "$(gate_waiting gate | head -n 1)"
        i=$((i + 1))
    done
    gate_wait gate 2 "$pid" # two slots, both at the gate: the M let through are done
    s=$(gate_waiting gate | head -n 1)
    gate_open gate "$s"
    until [ -n "$(find "out/$s" -maxdepth 1 -newer mark \( -name '*.pdf' -o -name '*.xlsx' \) | head -n 1)" ]; do
        kill -0 "$pid" 2>/dev/null || fail "the run ended before $s wrote a document"
        sleep 0.01
    done
    kill -9 "$pid"
    wait "$pid" 2>/dev/null || true
    # Workers die with the run (PR_SET_PDEATHSIG): once they are gone nothing
    # writes; one that outlived the run would hold this test to its timeout.
    wait_gone $(gate_pids gate)
    python3 "$HERE/kill_check.py" out old new collect "kill$m" >check.txt ||
        { cat check.txt; fail "kill -9 with $m reports done left a broken or mixed file"; }
    cat check.txt
    grep -q ' [1-9][0-9]* files old, [1-9][0-9]* new' check.txt && mid=$((mid + 1))
done
[ "$mid" = 4 ] || fail "only $mid of 4 kills left old and new files side by side"
ok "4 kills in the middle of the batch (0, 1, 3, 4 reports done, the next one writing): every file whole, old or new; xlsx zips, PDFs pass qpdf"

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
