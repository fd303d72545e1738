#!/bin/sh
# The output folder's lock: a second run exits 75 at once naming the
# holder's pid; two runs started together never both run; a lock left by a
# killed run is taken over with a warning.
. "$(dirname "$0")/lib.sh"

make_reports in 2

# A run in progress (each report made to take a while) holds the lock.
PEEL_RUN_TEST_DELAY_MS=1500 "$PEEL_RUN" -q -j 1 in -o out >a.out 2>a.err &
a=$!
wait_for out/.peel-run.lock
sleep 0.2
start=$(date +%s%N)
expect_rc 75 "$PEEL_RUN" in -o out
took=$((($(date +%s%N) - start) / 1000000))
grep -q "pid $a" err.txt || { cat err.txt; fail "the second run does not name the holder's pid $a"; }
[ "$took" -lt 3000 ] || fail "the second run took ${took}ms to give up: not at once"
[ ! -s out.txt ] || fail "the locked-out run printed on stdout"
wait "$a" || fail "the first run failed"
[ ! -e out/.peel-run.lock ] || fail "the lock outlived its run"
ok "second run: 75 at once (${took}ms), names pid $a"

# Two runs started together: exactly one runs, the other names it.
for i in 1 2 3 4 5; do
    rm -rf race
    PEEL_RUN_TEST_DELAY_MS=300 "$PEEL_RUN" -q in -o race >r1.out 2>r1.err &
    p1=$!
    PEEL_RUN_TEST_DELAY_MS=300 "$PEEL_RUN" -q in -o race >r2.out 2>r2.err &
    p2=$!
    set +e
    wait "$p1"
    s1=$?
    wait "$p2"
    s2=$?
    set -e
    case "$s1 $s2" in
    "0 75") grep -q "pid $p1" r2.err || fail "race $i: the loser does not name $p1" ;;
    "75 0") grep -q "pid $p2" r1.err || fail "race $i: the loser does not name $p2" ;;
    *) cat r1.err r2.err; fail "race $i: exits $s1 and $s2, wanted one 0 and one 75" ;;
    esac
    [ -s race/summary.xlsx ] || fail "race $i: the winner did not finish"
done
ok "5 races: one winner each time, the loser names it"

# A stale lock: its process is gone.  Taken over with a warning.
sh -c 'echo $$ >dead.pid'
dead=$(cat dead.pid)
kill -0 "$dead" 2>/dev/null && fail "pid $dead still alive"
cp dead.pid out/.peel-run.lock
expect_rc 0 "$PEEL_RUN" --force in -o out
grep -q "warning: .*took over the lock left by peel-run pid $dead" err.txt ||
    { cat err.txt; fail "no warning naming the stale lock's pid"; }
[ ! -e out/.peel-run.lock ] || fail "the lock outlived its run"
ok "stale lock of pid $dead taken over with a warning"

# A run killed with SIGKILL: the next run takes its lock over and works.
PEEL_RUN_TEST_DELAY_MS=2000 "$PEEL_RUN" -q --force in -o out >k.out 2>k.err &
k=$!
wait_for out/.peel-run.lock
sleep 0.3
kill -9 "$k"
wait "$k" 2>/dev/null || true
expect_rc 0 "$PEEL_RUN" in -o out
grep -q "took over the lock left by peel-run pid $k" err.txt || fail "no take-over warning after kill -9"
ok "after kill -9 the lock is taken over"

# SIGTERM (systemctl stop): the run stops, removes its lock and staging
# folder, and ends by the signal; the next run needs no take-over.
PEEL_RUN_TEST_DELAY_MS=2000 "$PEEL_RUN" -q --force in -o out >t.out 2>t.err &
t=$!
wait_for out/.peel-run.lock
sleep 0.3
kill -TERM "$t"
set +e
wait "$t"
rc=$?
set -e
[ "$rc" = 143 ] || { cat t.err; fail "SIGTERM: exit $rc, wanted death by SIGTERM (143)"; }
grep -q "interrupted" t.err || fail "SIGTERM: not said"
[ ! -e out/.peel-run.lock ] || fail "SIGTERM: lock left"
[ ! -e out/.peel-stage ] || fail "SIGTERM: staging folder left"
expect_rc 0 "$PEEL_RUN" in -o out
grep -q "took over" err.txt && fail "after SIGTERM the lock needed taking over"
ok "SIGTERM: lock and staging removed, ended by the signal"
