#!/bin/sh
# Reliability (issue 17): what a hostile input folder, a signal or a closed
# console does to a run.  A nightly run must always end, with the right exit
# status, its lock released, no temporary left, and every good report built.
# One case per ctest, named after what it catches:
#   sh reliability.sh BIN SRC WORK CASE
# A case that cannot run here (no atime updates, say) exits 77: skipped.
. "$(dirname "$0")/lib.sh"
CASE=$4
NM_SLUG=northmoor-constabulary-2018-19
MET_SLUG=metropolitan-police-service-2018-19

# A run that never ends (the hangs these cases catch) is the test's TIMEOUT
# (ctest): no case bounds how long anything takes, each waits on events.

# wait_rc PID: waits for a run started in the background; its exit status
# into $got.
wait_rc() {
    set +e
    wait "$1"
    got=$?
    set -e
}

# want_rc N: the last run ended with N, by itself.
want_rc() {
    no_crash "$got"
    [ "$got" = "$1" ] || {
        cat out.txt err.txt >&2
        fail "$CASE: exit $got, wanted $1"
    }
}

# ended_clean OUT: no lock, staging folder or temporary left.
ended_clean() {
    [ ! -e "$1/.peel-run.lock" ] || fail "$CASE: the lock is left in $1"
    no_debris "$1"
}

# good_built OUT: the good report beside the bad input was built.
good_built() {
    [ "$(manifest_get "$1/manifest.csv" "$NM_SLUG" status)" = ok ] ||
        fail "$CASE: the good report beside it was not built"
    [ -s "$1/$NM_SLUG/legitimacy.pdf" ] || fail "$CASE: the good report has no documents"
}

# children PID: the pids of PID's child processes.
children() {
    if [ -r "/proc/$1/task/$1/children" ]; then
        cat "/proc/$1/task/$1/children"
    else
        pgrep -P "$1" || true
    fi
}

# temporaries OUT: the .peeltmp.* files in report folders (not staging).
temporaries() {
    find "$1" -path "$1/.peel-stage" -prune -o -name '.peeltmp.*' -print 2>/dev/null
}

case_fifo_input_blocks() {
    # A FIFO among the reports (and one named on the command line) would
    # block the run for ever in open(), lock held, the good report never
    # built.  Only regular files are read.
    mkdir in
    cp "$NORTHMOOR" in/
    mkfifo in/a.txt direct.txt
    run_rc got "$PEEL_RUN" in direct.txt -o out
    want_rc 65
    expect_in err.txt "error: in/a.txt: not a regular file: a FIFO" "$CASE"
    expect_in err.txt "error: direct.txt: not a regular file: a FIFO" "$CASE"
    good_built out
    ended_clean out
    ok "$CASE: $(grep -m 1 FIFO err.txt); exit 65, the good report built"
}

case_device_link_spins() {
    # A link to /dev/zero would be read for ever, ignoring SIGTERM.
    mkdir in
    cp "$NORTHMOOR" in/
    ln -s /dev/zero in/zero.txt
    run_rc got "$PEEL_RUN" in -o out
    want_rc 65
    expect_in err.txt "error: in/zero.txt: not a regular file: a character device" "$CASE"
    good_built out
    ended_clean out
    ok "$CASE: $(grep -m 1 device err.txt); exit 65"
}

case_sparse_input_read_whole() {
    # A huge sparse file would be read whole (16 GiB: 43 s; 1 TiB: an hour)
    # before the 32 MiB limit refused it.  Its size is checked first.
    mkdir in
    cp "$NORTHMOOR" in/
    truncate -s 1T in/sparse.txt 2>/dev/null || truncate -s 16G in/sparse.txt
    run_rc got "$PEEL_RUN" in -o out
    want_rc 65
    expect_in err.txt "error: in/sparse.txt: file is larger than the 32 MiB limit" "$CASE"
    good_built out
    ended_clean out
    ok "$CASE: $(grep -m 1 limit err.txt); exit 65"
}

case_fifo_sidecar_or_rules_blocks() {
    # The checksum of sidecars and of --rules ran before any guarded reader.
    mkdir in
    cp "$NORTHMOOR" in/
    mkfifo in/hr.csv rules.csv
    run_rc got "$PEEL_RUN" in -o out
    want_rc 0
    expect_in err.txt "warning: sidecar in/hr.csv not used: in/hr.csv: not a regular file: a FIFO" \
        "$CASE: sidecar"
    good_built out
    ended_clean out
    run_rc got "$PEEL_RUN" --rules rules.csv in -o out
    want_rc 66
    expect_in err.txt "rules.csv: not a regular file: a FIFO" "$CASE: rules"
    ended_clean out
    ok "$CASE: sidecar FIFO left out with a warning; rules FIFO: exit 66"
}

case_signal_ignored_while_reading() {
    # SIGTERM while the inputs are read: the run stops at the next chunk,
    # not after reading every file.  Which files were read shows in their
    # access times (set in the past first; reading one updates it).
    n=150
    mkdir in
    truncate -s 30M in/probe.txt
    touch -a -d 2001-01-01 in/probe.txt
    cat in/probe.txt >/dev/null
    if [ "$(stat -c %X in/probe.txt)" -lt 1000000000 ]; then
        echo "SKIP: this file system does not update access times (noatime)"
        exit 77
    fi
    rm in/probe.txt
    for i in $(seq -w "$n"); do
        truncate -s 30M "in/r$i.txt" # sparse: 30 MiB of zeros, no disk
    done
    touch -a -d 2001-01-01 in/*.txt
    "$PEEL_RUN" in -o out >out.txt 2>err.txt &
    pid=$!
    while [ "$(find in -type f -newerat 2001-01-02 | wc -l)" = 0 ]; do
        kill -0 "$pid" 2>/dev/null || fail "$CASE: the run ended before it read an input"
        sleep 0.01
    done
    kill -TERM "$pid"
    wait_rc "$pid"
    [ "$got" = 143 ] || { cat err.txt; fail "$CASE: exit $got, wanted 143 (ended by SIGTERM)"; }
    expect_in err.txt "interrupted \(Terminated\)" "$CASE"
    read_n=$(find in -type f -newerat 2001-01-02 | wc -l)
    [ "$read_n" -lt "$n" ] || fail "$CASE: all $n inputs were read after SIGTERM"
    [ ! -e out/manifest.csv ] || fail "$CASE: a stopped run wrote a manifest"
    ended_clean out
    ok "$CASE: SIGTERM stopped the run after $read_n of $n inputs; exit 143, lock released"
}

case_symlink_cycle_walked_again() {
    # `ln -s . in/loop` walked the folder again at every level (16 false
    # "same force and year" errors); two such links, 131,071 inputs.  Each
    # real folder is walked once, and a link to one already walked is named.
    mkdir in extra
    cp "$MET" "$NORTHMOOR" in/
    sed 's/Metropolitan Police Service/Kent Police/g' "$MET" >extra/kent.txt
    ln -s . in/loop
    run_rc got "$PEEL_RUN" in -o out
    want_rc 0
    expect_in err.txt "warning: in/loop: a link to the folder in, already read: not read again" "$CASE"
    ! grep -q "same force and year" err.txt || fail "$CASE: false duplicates"
    ln -s . in/loop2
    ln -s ../extra in/extra
    ln -s ../extra in/more
    run_rc got "$PEEL_RUN" in -o out
    want_rc 0
    [ "$(grep -c 'already read: not read again' err.txt)" = 3 ] || {
        cat err.txt
        fail "$CASE: wanted one warning for each of in/loop, in/loop2 and in/more"
    }
    expect_in err.txt "warning: in/more: a link to the folder in/extra, already read" "$CASE"
    ! grep -q "same force and year" err.txt || fail "$CASE: false duplicates"
    rows=$(python3 -c 'import csv,sys; print(sum(1 for r in csv.DictReader(open(sys.argv[1])) if r["kind"] != "summary"))' out/manifest.csv)
    [ "$rows" = 3 ] || fail "$CASE: $rows inputs in the manifest, wanted the 3 reports"
    [ "$(manifest_get out/manifest.csv kent-police-2018-19 status)" = ok ] ||
        fail "$CASE: the report behind a link to another folder was not built"
    ended_clean out
    ok "$CASE: 3 links to folders already read named once each; 3 reports, no duplicates"
}

# closed RUN_WITH what CMD...: runs CMD with its standard output, error or
# both ("out", "err", "both") on a pipe whose reader has already gone, and
# SIGPIPE at its default (as from a shell): its exit status into $got, a
# death by signal as 128+N.
closed() {
    got=$(python3 - "$@" <<'EOF'
import os, subprocess, sys
which, cmd = sys.argv[1], sys.argv[2:]
r, w = os.pipe()
os.close(r)
err = open("err.txt", "w")
out = open("out.txt", "w")
p = subprocess.run(cmd, stdout=w if which in ("out", "both") else out,
                   stderr=w if which in ("err", "both") else err, restore_signals=True)
print(128 - p.returncode if p.returncode < 0 else p.returncode)
EOF
    )
}

case_closed_console_kills_run() {
    # `peel-run ... | head -c1`: SIGPIPE killed the run at its first line,
    # leaving the lock, the staging folder and temporaries, and no manifest.
    make_reports in 3
    cp "$NORTHMOOR" in/
    for which in out err both; do
        rm -rf out
        closed "$which" "$PEEL_RUN" -j 2 in -o out
        want_rc 0
        ended_clean out
        [ "$(manifest_get out/manifest.csv "$NM_SLUG" status)" = ok ] ||
            fail "$CASE ($which closed): the run did not finish its work"
        [ -s out/summary.xlsx ] || fail "$CASE ($which closed): no summary.xlsx"
        run_rc got "$PEEL_RUN" in -o out
        want_rc 0
        expect_in out.txt "nothing to do: 4 reports unchanged" "$CASE ($which closed): the next run"
    done
    # As a user types it: the first line goes to head, which then quits;
    # only then (the pipe has no reader left) are the reports let through
    # the gate (PEEL_RUN_TEST_GATE), so every line after the first meets it.
    rm -rf out gate
    mkdir gate
    { PEEL_RUN_TEST_GATE=$WORK/gate "$PEEL_RUN" -j 1 in -o out 2>err.txt
        echo $? >rc.txt; } | { head -c 1 >/dev/null; exec 0<&-; gate_open gate; }
    got=$(cat rc.txt)
    want_rc 0
    ended_clean out
    [ "$(manifest_get out/manifest.csv "$NM_SLUG" status)" = ok ] || fail "$CASE (| head -c1): unfinished"
    ok "$CASE: stdout, stderr or both closed, and | head -c1: exit 0, work done, lock released"
}

# wait_temporary OUT PID: until a report folder of OUT holds a temporary
# (a worker is writing a document), while PID runs.
wait_temporary() {
    while [ -z "$(temporaries "$1")" ]; do
        kill -0 "$2" 2>/dev/null || fail "$CASE: the run ended before a document was being written"
        sleep 0.005
    done
}

case_signal_leaves_worker_temporaries() {
    # SIGTERM, SIGINT or SIGHUP killed the workers by the signal's default
    # action, leaving their .peeltmp.* in the report folders for the next
    # run to sweep.  They go on the way out; the lock is released; the run
    # ends by the signal (a shell shows 128 + its number).
    make_reports in 6
    for sig_num in TERM:15 INT:2 HUP:1; do
        sig=${sig_num%:*}
        rm -rf out
        "$PEEL_RUN" -j 1 in -o out >out.txt 2>err.txt &
        pid=$!
        wait_temporary out "$pid"
        kill -s "$sig" "$pid"
        wait_rc "$pid"
        want=$((128 + ${sig_num#*:}))
        [ "$got" = "$want" ] || { cat err.txt; fail "$CASE: SIG$sig: exit $got, wanted $want"; }
        expect_in err.txt "interrupted" "$CASE: SIG$sig"
        [ -z "$(temporaries out)" ] || fail "$CASE: SIG$sig left $(temporaries out)"
        ended_clean out
        run_rc got "$PEEL_RUN" in -o out
        want_rc 0
        ! grep -q "temporar.* left by an interrupted run" err.txt ||
            fail "$CASE: SIG$sig: the next run found temporaries to sweep"
    done
    # A worker killed on its own: its report fails, its temporaries go.
    rm -rf out
    "$PEEL_RUN" -j 1 in -o out >out.txt 2>err.txt &
    pid=$!
    wait_temporary out "$pid"
    worker=$(children "$pid" | tr ' ' '\n' | grep -m 1 .)
    [ -n "$worker" ] || fail "$CASE: no worker found"
    kill -TERM "$worker"
    wait_rc "$pid"
    want_rc 65
    expect_in err.txt "failed in worker.*killed by signal 15" "$CASE: worker"
    [ -z "$(temporaries out)" ] || fail "$CASE: the killed worker left $(temporaries out)"
    ended_clean out
    ok "$CASE: SIGTERM, SIGINT, SIGHUP: exits 143, 130, 129, no temporary left; a killed worker's removed"
}

case_first_read_error_names_no_file() {
    # A worker that dies while a report is first read (a signal, out of
    # memory) was reported without the file's name.
    mkdir in
    cp "$NORTHMOOR" in/
    python3 - "$MET" in/long.txt <<'EOF'
import sys
text = open(sys.argv[1], encoding="utf-8").read().split("\n")
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in text:  # the prose repeated: about 17 MB, under the limit
        prose = len(line) > 200 and line[0].isupper() and "\t" not in line
        out.write((line + "\n\n") * 120 if prose else line + "\n")
EOF
    "$PEEL_RUN" -j 1 in -o out >out.txt 2>err.txt &
    pid=$!
    while [ -z "$(children "$pid" | tr -d ' ')" ]; do
        kill -0 "$pid" 2>/dev/null || fail "$CASE: the run ended before a worker was seen"
        sleep 0.005
    done
    kill -KILL $(children "$pid")
    wait_rc "$pid"
    want_rc 65
    expect_in err.txt "error: in/[a-z-]+\.txt: while it was first read: the worker process was killed by signal 9" \
        "$CASE"
    ended_clean out
    ok "$CASE: $(grep -m 1 'first read' err.txt)"
    # Out of memory: ingest needs about 20 times the report (the sanitizers
    # reserve far more address space than any limit would leave).
    if [ "${PEEL_SANITIZED:-0}" != 1 ]; then
        rm -rf out
        run_rc got sh -c 'ulimit -v 200000 && exec "$@"' sh "$PEEL_RUN" -j 1 in -o out
        want_rc 65
        expect_in err.txt "error: in/long.txt: while it was first read: the worker process ran out of memory" \
            "$CASE: out of memory"
        good_built out
        ended_clean out
        ok "$CASE: $(grep -m 1 'ran out of memory' err.txt)"
    fi
}

case_utf16_called_nul_byte() {
    # UTF-16 text was "NUL byte in the text": name the encoding.
    mkdir in
    cp "$NORTHMOOR" in/
    iconv -f UTF-8 -t UTF-16 "$MET" >in/bom.txt
    iconv -f UTF-8 -t UTF-16LE "$MET" >in/le.txt
    iconv -f UTF-8 -t UTF-16BE "$MET" >in/be.txt
    run_rc got "$PEEL_RUN" in -o out
    want_rc 65
    expect_in err.txt "error: in/bom.txt: UTF-16 text \((little|big)-endian, byte order mark (FF FE|FE FF)\): convert it to UTF-8" "$CASE"
    expect_in err.txt "error: in/le.txt: UTF-16 text \(little-endian, no byte order mark\): convert it to UTF-8" "$CASE"
    expect_in err.txt "error: in/be.txt: UTF-16 text \(big-endian, no byte order mark\): convert it to UTF-8" "$CASE"
    ! grep -q "NUL byte" err.txt || fail "$CASE: still called a NUL byte"
    good_built out
    ended_clean out
    ok "$CASE: $(grep -m 1 UTF-16 err.txt)"
}

case_unknown_grade_word_dropped() {
    # "### Adequate" where a grade belongs was read as a plain heading: no
    # word of it, and the component's grade check vanished.  It is named
    # with its line; the line is unread (a reject in rejects.csv); the
    # summary table's grade of the component still stands.
    awk '!done && /^### Good$/ { print "### Adequate"; done = 1; next } { print }' "$MET" >adequate.txt
    line=$(grep -n '^### Adequate$' adequate.txt | cut -d: -f1)
    expect_rc 0 "$BIN/peel-ingest" adequate.txt -o ing
    expect_in err.txt "adequate.txt:$line: warning: \"Adequate\" is not a grade of this report format \(newer PEEL reports use it\): the section grade of \"[^\"]+\" is not read, and its check against the summary table is not made" \
        "$CASE"
    run_rc got "$PEEL_RUN" adequate.txt -o out
    want_rc 0
    expect_in out.txt "$MET_SLUG: ok .* 1 warnings, 1 rejects" "$CASE"
    expect_in "out/$MET_SLUG/data/rejects.csv" "^coverage.csv,[0-9]+,kind,unrecognised,unrecognised_line,$line,.*it reads as: Adequate" \
        "$CASE: rejects.csv"
    comp=$(python3 - "out/$MET_SLUG/data/judgments.csv" "$line" <<'EOF'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if r["section_line"] == "" and r["summary_grade"] and r["component"] and r["grade"] == r["summary_grade"]:
        print(r["component"], r["grade"])
EOF
    )
    [ -n "$comp" ] || fail "$CASE: the component lost its summary table grade"
    # The same word in the overall summary table.
    awk '!done && /^\t[A-Z].*\t Good\t/ { sub(/\t Good\t/, "\t Adequate\t"); done = 1 } { print }' "$MET" >summary.txt
    expect_rc 0 "$BIN/peel-ingest" summary.txt -o ing2
    expect_in err.txt "summary.txt:[0-9]+: warning: \"Adequate\" is not a grade of this report format .*: the summary table's grade of \"[^\"]+\" is not read" \
        "$CASE: summary table"
    ok "$CASE: named with its line, in rejects.csv; $comp kept from the summary table"
}

case_non_latin_force_names_clash() {
    # Two forces named in another script both became unnamed-2018-19: the
    # second was refused as the same force and year.
    mkdir in
    sed 's/Metropolitan Police Service/Полиция Кента/g' "$MET" >in/a.txt
    sed 's/Metropolitan Police Service/Αστυνομία Κρήτης/g' "$MET" >in/b.txt
    run_rc got "$PEEL_RUN" in -o out
    want_rc 0
    ! grep -q "same force and year" err.txt || fail "$CASE: the two names clash"
    # unnamed- and the name's CRC-32 (zlib.crc32 of the UTF-8 bytes).
    [ -s out/unnamed-07118070-2018-19/legitimacy.pdf ] || fail "$CASE: no unnamed-07118070-2018-19"
    [ -s out/unnamed-f878cfa9-2018-19/legitimacy.pdf ] || fail "$CASE: no unnamed-f878cfa9-2018-19"
    ended_clean out
    ok "$CASE: unnamed-07118070-2018-19 and unnamed-f878cfa9-2018-19 both built"
}

"case_$CASE"
