#!/bin/sh
# What peel-run prints: without a terminal one log line per report with its
# per-stage timings; on a terminal a progress bar (done/total, current
# report, elapsed, estimate); with --quiet only errors.
. "$(dirname "$0")/lib.sh"

make_reports in 4
expect_rc 0 "$PEEL_RUN" -j 2 in -o out
[ "$(grep -c '^peel-run: \[[1-4]/4\] [a-z0-9-]*-2018-19: ok (ingest [0-9.]*s, validate [0-9.]*s, reconcile [0-9.]*s, xlsx [0-9.]*s, pdf [0-9.]*s; total [0-9.]*s); [0-9]* warnings, [0-9]* rejects; checks [0-9]* pass, [0-9]* warn, [0-9]* fail, [0-9]* skip$' out.txt)" = 4 ] ||
    { cat out.txt; fail "not one log line with stage timings per report"; }
tail -n 1 out.txt | grep -q '^peel-run: 4 reports: 4 built, 0 unchanged, 0 failed or invalid' ||
    fail "no closing line"
grep -q '\[K' out.txt err.txt && fail "terminal codes without a terminal"
[ ! -s err.txt ] || { cat err.txt; fail "stderr on a clean run"; }
ok "no terminal: one log line per report with per-stage timings"

# --quiet: nothing on a clean run; only errors otherwise.
expect_rc 0 "$PEEL_RUN" --quiet --force in -o out
[ ! -s out.txt ] && [ ! -s err.txt ] || fail "--quiet printed on a clean run"
printf 'not a report\n' >in/bad.txt
printf 'force,key,value,unit,period,source\r\nNowhere Police,x,1,GBP,2019,y\r\n' >in/stray.csv
expect_rc 65 "$PEEL_RUN" --quiet in -o out
[ ! -s out.txt ] || fail "--quiet printed on stdout"
grep -v '^peel-run: error: ' err.txt && fail "--quiet printed more than errors"
grep -q 'error: .*bad.txt' err.txt || fail "--quiet hid an error"
expect_rc 65 "$PEEL_RUN" in -o out
grep -q 'warning: sidecar in/stray.csv matches no report' err.txt ||
    { cat err.txt; fail "the unmatched sidecar is not named in a warning"; }
rm in/bad.txt in/stray.csv
ok "--quiet: errors only"

# --verbose: the stages' own warnings, through the console, each naming the
# input file and line it is about (here a report whose line ends are CR).
mkdir vin
tr '\n' '\r' <"$(ls in/*.txt | head -n 1)" >vin/cr.txt
expect_rc 0 "$PEEL_RUN" -v vin -o vout
grep -q '^peel-run: warning: vin/cr.txt:1: the line ends are CR alone' err.txt ||
    { cat err.txt; fail "-v does not show ingest's warning with its file and line"; }
expect_rc 0 "$PEEL_RUN" --force vin -o vout
grep -q 'line ends' err.txt && fail "stage warnings shown without -v"
ok "--verbose: stage warnings with file and line"

# A terminal: script(1) gives peel-run a pty.  Each report waits at the
# gate until the bar shows it as the current one, with what is done so far.
if command -v script >/dev/null 2>&1; then
    mkdir gate
    PEEL_RUN_TEST_GATE=$WORK/gate script -qec "'$PEEL_RUN' -j 1 --force in -o out" /dev/null \
        >tty.txt 2>&1 &
    pid=$!
    for done in 0 1 2 3; do
        gate_wait gate 1 "$pid"
        slug=$(gate_waiting gate)
        until tr '\r' '\n' <tty.txt |
            grep -q "^.*\[#*\.*\] $done/4 [0-9]*:[0-9][0-9], ~[0-9?:]* left  $slug\$"; do
            kill -0 "$pid" 2>/dev/null ||
                { cat -v tty.txt | head; fail "no progress bar with $done/4, elapsed, estimate and $slug"; }
            sleep 0.02
        done
        gate_open gate "$slug"
    done
    wait "$pid" || fail "run on a terminal failed"
    tr '\r' '\n' <tty.txt >tty.lines
    grep -q '\[#*\] 4/4 ' tty.lines || fail "the bar never reached 4/4"
    # Before the commits, the inputs being read and built count, by file.
    grep -q '\[#*\.*\] [0-3]/4 [0-9]*:[0-9][0-9], ~[0-9?:]* left  in/[a-z0-9-]*\.txt$' tty.lines ||
        { cat -v tty.txt | head; fail "no progress bar while the inputs are first read and built"; }
    grep -q '^peel-run: \[' tty.lines && fail "log lines on a terminal"
    grep -q 'peel-run: 4 reports: 4 built' tty.lines || fail "no closing line on a terminal"
    ok "terminal: progress bar"
else
    echo "skip: script(1) missing"
fi
