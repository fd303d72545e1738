#!/bin/sh
# The output folder's lock: a second run exits 75 at once naming the
# holder's pid; two runs started together never both run; a lock left by a
# killed run is taken over with a warning.
. "$(dirname "$0")/lib.sh"

make_reports in 2

# A run in progress holds the lock: its first report waits at the gate, so
# it is provably in the middle of its batch.  A second run exits 75 naming
# it while the first is still held there: it gave up without waiting.
mkdir g1
PEEL_RUN_TEST_GATE=$WORK/g1 "$PEEL_RUN" -q -j 1 in -o out >a.out 2>a.err &
a=$!
gate_wait g1 1 "$a"
expect_rc 75 "$PEEL_RUN" in -o out
grep -q "pid $a" err.txt || { cat err.txt; fail "the second run does not name the holder's pid $a"; }
[ ! -s out.txt ] || fail "the locked-out run printed on stdout"
[ "$(gate_waiting g1 | wc -l)" = 1 ] && kill -0 "$a" ||
    fail "the first run went on before the second gave up: the second waited for the lock"
gate_open g1
wait "$a" || fail "the first run failed"
[ ! -e out/.peel-run.lock ] || fail "the lock outlived its run"
ok "second run: 75 while the first is held mid-batch (it does not wait), names pid $a"

# Two runs started together: exactly one runs, the other names it.  The
# winner is held at the gate until the loser has ended, so they overlap.
for i in 1 2 3 4 5; do
    rm -rf race "g-race$i"
    mkdir "g-race$i"
    PEEL_RUN_TEST_GATE=$WORK/g-race$i "$PEEL_RUN" -q in -o race >r1.out 2>r1.err &
    p1=$!
    PEEL_RUN_TEST_GATE=$WORK/g-race$i "$PEEL_RUN" -q in -o race >r2.out 2>r2.err &
    p2=$!
    while kill -0 "$p1" 2>/dev/null && kill -0 "$p2" 2>/dev/null; do
        sleep 0.02
    done
    gate_open "g-race$i"
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

# A run killed with SIGKILL mid-batch (a report at the gate): the next run
# takes its lock over and works.  The lock is free once its workers, which
# die with the run, are gone.
mkdir g-kill
PEEL_RUN_TEST_GATE=$WORK/g-kill "$PEEL_RUN" -q --force in -o out >k.out 2>k.err &
k=$!
gate_wait g-kill 1 "$k"
kill -9 "$k"
wait "$k" 2>/dev/null || true
wait_gone $(gate_pids g-kill)
expect_rc 0 "$PEEL_RUN" in -o out
grep -q "took over the lock left by peel-run pid $k" err.txt || fail "no take-over warning after kill -9"
ok "after kill -9 the lock is taken over"

# SIGTERM (systemctl stop) mid-batch: the run stops, removes its lock and
# staging folder, and ends by the signal; the next run needs no take-over.
mkdir g-term
PEEL_RUN_TEST_GATE=$WORK/g-term "$PEEL_RUN" -q --force in -o out >t.out 2>t.err &
t=$!
gate_wait g-term 1 "$t"
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
