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

# with_fsize BYTES CMD...: CMD with no file it writes allowed past BYTES
# (RLIMIT_FSIZE; a write past it fails with EFBIG): a disk that fills.
with_fsize() {
    python3 -c 'import os, resource, sys
n = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))
os.execvp(sys.argv[2], sys.argv[2:])' "$@"
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

# long_report FILE: the real report with its prose repeated, about 17 MB
# (under the 32 MiB limit): ingest needs about 20 times that in memory.
long_report() {
    python3 - "$MET" "$1" <<'EOF'
import sys
text = open(sys.argv[1], encoding="utf-8").read().split("\n")
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in text:
        prose = len(line) > 200 and line[0].isupper() and "\t" not in line
        out.write((line + "\n\n") * 120 if prose else line + "\n")
EOF
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

# wait_temporary OUT PID: until a document is being written in OUT (a
# worker is writing a workbook or pack: in the staging folder, in place,
# where workers write until their commit; or summary.xlsx's temporary),
# while PID runs.
wait_temporary() {
    while [ -z "$(find "$1" \( -path "$1/.peel-stage/*" \( -name '*.pdf' -o -name '*.xlsx' \) \) \
        -o -name '.peeltmp.*.pdf.*' -o -name '.peeltmp.*.xlsx.*' 2>/dev/null)" ]; do
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
    long_report in/long.txt
    "$PEEL_RUN" -j 1 in -o out >out.txt 2>err.txt &
    pid=$!
    while [ -z "$(children "$pid" | tr -d ' ')" ]; do
        kill -0 "$pid" 2>/dev/null || fail "$CASE: the run ended before a worker was seen"
        sleep 0.005
    done
    kill -KILL $(children "$pid")
    wait_rc "$pid"
    want_rc 65
    expect_in err.txt "error: in/[a-z-]+\.txt: failed in worker while it was first read and built: the worker process was killed by signal 9" \
        "$CASE"
    ended_clean out
    ok "$CASE: $(grep -m 1 'first read' err.txt | cut -c 1-100)..."
    # A disk full while its records are staged named only the staged file.
    rm -rf out
    run_rc got with_fsize 20000 "$PEEL_RUN" -j 1 in -o out
    want_rc 73
    expect_in err.txt "error: in/long.txt: while it was first read: cannot write .*/data/[a-z]+\.csv: .*File too large" \
        "$CASE: disk full"
    ended_clean out
    ok "$CASE: $(grep -m 1 'first read' err.txt | cut -c 1-100)..."
    # Out of memory: ingest needs about 6 times the report (the 17 MB one
    # fails under about 110 MB of address space, and the small report is
    # built in 60 MB; the sanitizers reserve far more address space than
    # any limit would leave).
    if [ "${PEEL_SANITIZED:-0}" != 1 ]; then
        rm -rf out
        run_rc got sh -c 'ulimit -v 75000 && exec "$@"' sh "$PEEL_RUN" -j 1 in -o out
        want_rc 65
        expect_in err.txt "error: in/long.txt: failed in worker while it was first read and built: the worker process ran out of memory" \
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

# manifest_whole FILE: every row has as many fields as the header.
manifest_whole() {
    python3 - "$1" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
bad = [i + 1 for i, r in enumerate(rows) if len(r) != len(rows[0])]
sys.exit("rows cut short: lines %s" % bad if bad else 0)
EOF
}

# manifest_edit FILE SLUG HOW ITEM: edits the report row of SLUG as a cut
# or a hand edit would: "cut" ends the row just after the outputs item
# naming ITEM, "drop" takes ITEM out of the list, "report" sets the report
# column to ITEM.
manifest_edit() {
    python3 - "$@" <<'EOF'
import re, sys
path, slug, how, item = sys.argv[1:5]
lines = open(path, newline="", encoding="utf-8").read().split("\r\n")
for i, line in enumerate(lines):
    if not line.startswith("report,%s," % slug):
        continue
    if how == "cut":
        at = re.search(r"\b%s:\d+:[0-9a-f]{8}" % re.escape(item), line)
        lines[i] = line[:at.end()]
    elif how == "drop":
        lines[i] = re.sub(r" %s:\d+:[0-9a-f]{8}" % re.escape(item), "", line, count=1)
    else:
        lines[i] = "report,%s,%s" % (item, line[len("report,%s," % slug):])
open(path, "w", newline="", encoding="utf-8").write("\r\n".join(lines))
EOF
}

case_truncated_manifest_row_hides_damage() {
    # A manifest row cut inside its outputs list (a disk that filled, a
    # hand edit) still parsed: the documents it no longer named were never
    # checked, so a damaged one gave "nothing to do", exit 0, and the short
    # row was written back.  A row that does not parse whole, or does not
    # name every file of its report, means: build that report again.
    mkdir in
    cp "$MET" "$NORTHMOOR" in/
    run_rc got "$PEEL_RUN" in -o out
    want_rc 0
    tree_sums out >good.sums
    manifest_edit out/manifest.csv "$MET_SLUG" cut effectiveness.pdf
    printf 'garbage' >"out/$MET_SLUG/legitimacy.pdf"
    run_rc got "$PEEL_RUN" in -o out
    want_rc 0
    expect_in out.txt "\] $MET_SLUG: ok" "$CASE: the report of the cut row was not built again"
    expect_in err.txt "warning: out/manifest.csv:[0-9]+: the report row of $MET_SLUG is cut short .*: it is not used, the report is built again" \
        "$CASE"
    tree_sums out | cmp -s - good.sums || fail "$CASE: the damaged document is still there"
    manifest_whole out/manifest.csv || fail "$CASE: a short row was written back"
    # Whole fields, but a document left out of the list.
    manifest_edit out/manifest.csv "$MET_SLUG" drop legitimacy.xlsx
    printf 'garbage' >"out/$MET_SLUG/legitimacy.xlsx"
    run_rc got "$PEEL_RUN" in -o out
    want_rc 0
    expect_in out.txt "\] $MET_SLUG: ok" "$CASE: a row not naming every document"
    tree_sums out | cmp -s - good.sums || fail "$CASE: the document left out of the row is still damaged"
    # The cut row of a report this run is not given is not written back.
    manifest_edit out/manifest.csv "$MET_SLUG" cut data/facts.csv
    mkdir less
    cp "$NORTHMOOR" less/
    run_rc got "$PEEL_RUN" less -o out
    want_rc 0
    manifest_whole out/manifest.csv || fail "$CASE: the cut row of another report was written back"
    ended_clean out
    ok "$CASE: a row cut in its outputs, or one naming fewer documents: the report built again; no short row written"
}

case_changed_input_never_rebuilt() {
    # A report replaced by another force's while a run read it: the row of
    # the old report took the new file's CRC, so every later run (--force
    # too) took the file for the old report and failed with "changed while
    # the run was reading it" until the manifest was deleted; a hand-edited
    # report column did the same.
    mkdir in gate
    cp "$MET" in/report.txt
    run_rc got "$PEEL_RUN" in -o out
    want_rc 0
    printf 'id,kind,pillar,description,expected,op,actual,unit,tolerance,on_fail,note\r\nuser-officers,bound,efficiency,Officers above zero,fact:officers.now,>=,0,officers,,,\r\n' >rules.csv
    # A rule added: the report is built again from the file the manifest
    # knows, which is replaced while its worker waits at the gate.
    PEEL_RUN_TEST_GATE=$WORK/gate "$PEEL_RUN" --rules rules.csv in -o out >out.txt 2>err.txt &
    pid=$!
    gate_wait gate 1 "$pid"
    sed 's/Metropolitan Police Service/Kent Police/g' "$MET" >in/report.txt
    gate_open gate
    wait_rc "$pid"
    want_rc 65
    expect_in err.txt "in/report.txt changed while the run was reading it: it is now the report kent-police-2018-19" \
        "$CASE"
    rm -rf gate
    run_rc got "$PEEL_RUN" --rules rules.csv in -o out
    want_rc 0
    expect_in out.txt "\] kent-police-2018-19: ok" "$CASE: the next run"
    run_rc got "$PEEL_RUN" --force --rules rules.csv in -o out
    want_rc 0
    expect_in out.txt "\] kent-police-2018-19: ok" "$CASE: --force"
    # The report column edited by hand: the row names a folder not its own.
    manifest_edit out/manifest.csv kent-police-2018-19 report edited-2018-19
    run_rc got "$PEEL_RUN" --rules rules.csv in -o out
    want_rc 0
    ! grep -q "error" err.txt || { cat err.txt; fail "$CASE: a hand-edited report column made an error"; }
    [ "$(manifest_get out/manifest.csv kent-police-2018-19 status)" = ok ] ||
        fail "$CASE: after a hand edit, the report is not in the manifest"
    ! grep -q edited-2018-19 out/manifest.csv || fail "$CASE: the hand-edited row is kept"
    ended_clean out
    ok "$CASE: an input replaced mid-run is built as what it is by the next run; --force and a hand edit too"
}

case_failed_report_mixes_new_records() {
    # A report failing after ingest had its new records moved into data/
    # already (and summary.xlsx built from them) beside its old documents.
    # Everything is built in the staging folder and moved only when every
    # stage succeeded.
    mkdir in
    cp "$MET" in/met.txt
    run_rc got "$PEEL_RUN" in -o out
    want_rc 0
    tree_sums "out/$MET_SLUG" >earlier.sums
    # A new version with other records, whose packs cannot be made: a disk
    # that fills as they are written, a file-size limit every other file
    # fits under (the report's packs are its largest files; pdf fails, exit
    # 73).
    limit=$(python3 - out <<'EOF'
import os, sys
sizes = {os.path.join(r, f): os.path.getsize(os.path.join(r, f))
         for r, _, fs in os.walk(sys.argv[1]) for f in fs}
pdf = min(n for p, n in sizes.items() if p.endswith(".pdf"))
rest = max(n for p, n in sizes.items() if not p.endswith(".pdf"))
if rest + 512 >= pdf:
    sys.exit("no pack larger than every other file: %d vs %d" % (pdf, rest))
print(rest + 512)
EOF
    ) || fail "$CASE: $limit"
    sed 's/Matt Parr/Matthew Parr/g' "$MET" >in/met.txt
    run_rc got with_fsize "$limit" "$PEEL_RUN" in -o out
    want_rc 73
    tree_sums "out/$MET_SLUG" | cmp -s - earlier.sums ||
        fail "$CASE: the failed report's folder changed (new records beside old documents)"
    expect_in err.txt "error: $MET_SLUG: failed in pdf; its earlier records and documents are kept" "$CASE"
    [ "$(manifest_get out/manifest.csv "$MET_SLUG" status)" = failed ] || fail "$CASE: not failed in the manifest"
    python3 "$HERE/check_summary.py" out >summary.txt ||
        { cat summary.txt; fail "$CASE: summary.xlsx does not show the records kept"; }
    run_rc got "$PEEL_RUN" in -o out
    want_rc 0
    grep -q '^inspector,Matthew Parr,' "out/$MET_SLUG/data/meta.csv" || fail "$CASE: the next run did not build it"
    ended_clean out
    ok "$CASE: failed in pdf: records, documents and summary row of the earlier build kept; the next run builds it"
}

# commit_killed: runs peel-run over in/ into out/ and SIGKILLs it while the
# worker waits at the commit gate, its records moved, its documents not.
commit_killed() {
    rm -rf gate
    mkdir gate
    PEEL_RUN_TEST_COMMIT_GATE=$WORK/gate "$PEEL_RUN" in -o out >k.out 2>k.err &
    pid=$!
    gate_wait gate 1 "$pid"
    kill -9 "$pid"
    wait "$pid" 2>/dev/null || true
    wait_gone $(gate_pids gate)
    grep -q "^inspector,$1," "out/$MET_SLUG/data/meta.csv" || fail "$CASE: the records were not moved"
}

case_kill_in_commit_not_rebuilt() {
    # SIGKILL while a report's files are moved into place: part new, part
    # old.  The manifest still holds the old files' CRCs, so the next run
    # must build the report again, to what a clean build gives: with the
    # new input, and with the old one put back (its row then matches the
    # input: only the folder shows the commit was cut).
    mkdir in
    cp "$MET" in/met.txt
    run_rc got "$PEEL_RUN" in -o out
    want_rc 0
    tree_sums "out/$MET_SLUG" >old.sums
    sed 's/Matt Parr/Matthew Parr/g' "$MET" >in/met.txt
    run_rc got "$PEEL_RUN" in -o clean
    want_rc 0
    tree_sums "clean/$MET_SLUG" >new.sums
    commit_killed "Matthew Parr"
    tree_sums "out/$MET_SLUG" | cmp -s - new.sums && fail "$CASE: the commit was not cut in the middle"
    cp "$MET" in/met.txt
    run_rc got "$PEEL_RUN" in -o out
    want_rc 0
    expect_in out.txt "\] $MET_SLUG: ok" "$CASE: old input back: the report cut in its commit was not built again"
    tree_sums "out/$MET_SLUG" | cmp -s - old.sums || fail "$CASE: old input back: not what a clean build gives"
    sed 's/Matt Parr/Matthew Parr/g' "$MET" >in/met.txt
    commit_killed "Matthew Parr"
    run_rc got "$PEEL_RUN" in -o out
    want_rc 0
    expect_in out.txt "\] $MET_SLUG: ok" "$CASE: the report cut in its commit was not built again"
    tree_sums "out/$MET_SLUG" | cmp -s - new.sums || fail "$CASE: not what a clean build gives"
    ended_clean out
    ok "$CASE: killed between the records and the documents; the next run builds the report again (old input put back, or the new one)"
}

case_renamed_input_keeps_old_name() {
    # A renamed input kept its old name in the documents ("generated from
    # FILE"), meta.csv and the manifest: "nothing to do".
    mkdir in
    cp "$MET" in/a.txt
    run_rc got "$PEEL_RUN" in -o out
    want_rc 0
    mv in/a.txt in/b.txt
    run_rc got "$PEEL_RUN" in -o out
    want_rc 0
    expect_in out.txt "\] $MET_SLUG: ok" "$CASE: a renamed input was not built again"
    grep -q '^file,b.txt,' "out/$MET_SLUG/data/meta.csv" || fail "$CASE: meta.csv has the old name"
    [ "$(manifest_get out/manifest.csv "$MET_SLUG" input)" = in/b.txt ] || fail "$CASE: the manifest has the old name"
    run_rc got "$PEEL_RUN" in -o clean
    want_rc 0
    tree_sums clean >clean.sums
    tree_sums out | cmp -s - clean.sums || fail "$CASE: not what a clean build of the same inputs gives"
    manifest_stable out/manifest.csv >a.csv
    manifest_stable clean/manifest.csv >b.csv
    cmp -s a.csv b.csv || { diff a.csv b.csv; fail "$CASE: the manifest is not a clean build's"; }
    ended_clean out
    ok "$CASE: renamed a.txt to b.txt: built again, the same as a clean build"
}

rules_header='id,kind,pillar,description,expected,op,actual,unit,tolerance,on_fail,note'

case_bad_rules_one_error_per_report() {
    # A bad --rules file failed every report with the same message (N
    # errors) instead of stopping the run once, before any work.
    make_reports in 3
    printf '%s\r\nuser-ok,bound,,A bound,1,<=,2,,,,\r\nuser-bad,bound,,A bound,1,~,2,,,,\r\n' "$rules_header" >bad-rules.csv
    run_rc got "$PEEL_RUN" --rules bad-rules.csv in -o out
    want_rc 65
    [ "$(grep -c 'bad-rules.csv' err.txt)" = 1 ] || { cat err.txt; fail "$CASE: not one message"; }
    expect_in err.txt '^peel-run: bad-rules.csv:3: op: op must be =, <=, >= or parts \("~"\)$' "$CASE"
    [ ! -e out ] || fail "$CASE: the run did work before it read the rules"
    ok "$CASE: $(cat err.txt); nothing written"
}

case_rules_tolerance_nan_inf_accepted() {
    # Tolerances "nan" and "inf" were read as numbers: inf made 1 and
    # 1,000,000 agree.  Refused with file, line and field.
    mkdir in
    cp "$NORTHMOOR" in/
    for t in inf nan -inf Infinity NAN; do
        printf '%s\r\nuser-far,bound,,Far apart,1,=,1000000,,%s,,\r\n' "$rules_header" "$t" >rules.csv
        run_rc got "$PEEL_RUN" --rules rules.csv in -o out
        want_rc 65
        expect_in err.txt "rules.csv:2: tolerance: tolerance must be a finite number >= 0 \(\"$t\"\)" "$CASE: $t"
    done
    [ ! -e out ] || fail "$CASE: a report was built with such a rule"
    ok "$CASE: inf, nan, -inf, Infinity, NAN refused: $(cat err.txt)"
}

case_rules_huge_tolerance_misprinted() {
    # A tolerance of 1e80 was printed in reconciliation.csv as a wrong
    # 63-digit number (81 digits of the double's binary value, cut).
    mkdir in
    cp "$NORTHMOOR" in/
    printf '%s\r\nuser-huge,bound,,Huge,1,=,2,,1e80,,\r\nuser-big,bound,,Big,1,=,2,,123456789012345678901234567890,,\r\n' \
        "$rules_header" >rules.csv
    run_rc got "$PEEL_RUN" --rules rules.csv in -o out
    want_rc 0
    python3 - "out/$NM_SLUG/reconciliation.csv" <<'EOF' || fail "$CASE"
import csv, sys
rows = {r["rule_id"]: r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
for rid, want in (("user-huge", 1e80), ("user-big", 123456789012345678901234567890.0)):
    t = rows[rid]["tolerance"]
    if float(t) != want or len(t) > 24:
        sys.exit("%s: tolerance printed %r, wanted %r" % (rid, t, want))
    print("%s: tolerance %s" % (rid, t))
EOF
    ok "$CASE: 1e80 printed as $(grep -o '1e+80' "out/$NM_SLUG/reconciliation.csv")"
}

case_rules_fields_formula_injection() {
    # A rule's id and unit reached reconciliation.csv as given: "=cmd|..."
    # or "@SUM(A1)" run as a formula when the file is opened in a
    # spreadsheet.  Protected as report text is.
    mkdir in
    cp "$NORTHMOOR" in/
    printf '%s\r\n=cmd|calc,bound,,A bound,1,<=,2,@SUM(A1),,,\r\n' "$rules_header" >rules.csv
    run_rc got "$PEEL_RUN" --rules rules.csv in -o out
    want_rc 0
    grep -q "^'=cmd|calc,bound,.*,'@SUM(A1)," "out/$NM_SLUG/reconciliation.csv" ||
        { grep cmd "out/$NM_SLUG/reconciliation.csv"; fail "$CASE: rule_id or unit unprotected"; }
    ok "$CASE: $(grep -o "^'=cmd|calc" "out/$NM_SLUG/reconciliation.csv") ... '@SUM(A1)"
}

case_long_force_name_fails_xlsx() {
    # A force name over 255 characters failed the whole report in xlsx: a
    # custom property holds no more.  The property is cut, the records keep
    # the name whole.
    mkdir in
    long=$(python3 -c 'print("Constabulary of " + " and ".join(["the Very Long Valley"] * 16))')
    sed "s/Metropolitan Police Service/$long/g" "$MET" >in/long.txt
    run_rc got "$PEEL_RUN" in -o out
    want_rc 0
    slug=$(ls out | grep -v '\.' | head -n 1)
    grep -q "^force,$long," "out/$slug/data/meta.csv" || fail "$CASE: the records do not hold the whole name"
    python3 - "out/$slug/effectiveness.xlsx" "$long" <<'EOF' || fail "$CASE"
import re, sys, zipfile
xml = zipfile.ZipFile(sys.argv[1]).read("docProps/custom.xml").decode("utf-8")
force = re.search(r'name="Force"[^>]*><vt:lpwstr>(.*?)</vt:lpwstr>', xml).group(1)
if len(force) > 255 or not force.endswith("\u2026") or not sys.argv[2].startswith(force[:-1]):
    sys.exit("Force property: %d characters: %r" % (len(force), force[-40:]))
print("Force property: %d characters, ends %r" % (len(force), force[-12:]))
EOF
    ok "$CASE: a ${#long}-character force name: built, its property cut to 255 characters"
}

case_library_lines_unprefixed() {
    # Lines printed by libraries in a worker (libxlsxwriter's [WARNING] and
    # [ERROR], peel_mem's "peelpack: out of memory") reached standard error
    # without the "peel-run:" prefix the man page promises.  A worker's
    # standard error is read through a pipe and each line given a prefix.
    mkdir in
    long=$(python3 -c 'print("Constabulary of " + " and ".join(["the Very Long Valley"] * 16))')
    sed "s/Metropolitan Police Service/$long/g" "$MET" >in/long-name.txt
    run_rc got "$PEEL_RUN" in -o out
    no_crash "$got"
    ! grep -v '^peel-run: ' err.txt || fail "$CASE: lines without the prefix"
    # libxlsxwriter's own "[ERROR] workbook_close(): ... File too large":
    # a file-size limit that the records fit under and a workbook does not
    # (the fictional force's records are a quarter of its workbooks' size).
    rm -rf in out
    mkdir in
    cp "$NORTHMOOR" in/
    run_rc got "$PEEL_RUN" in -o sizes
    want_rc 0
    limit=$(python3 - "sizes/$NM_SLUG" <<'EOF'
import os, sys
d = sys.argv[1]
csv = [os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs if f.endswith(".csv")]
xlsx = max(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d) if f.endswith(".xlsx"))
if xlsx <= max(csv) + 1:
    sys.exit("no workbook larger than the records")
print(max(csv) + 1)
EOF
    ) || fail "$CASE: $limit"
    run_rc got with_fsize "$limit" "$PEEL_RUN" -j 1 in -o out
    want_rc 73
    expect_in err.txt "^peel-run: error: $NM_SLUG: libxlsxwriter: workbook_close\(\): .*File too large" "$CASE"
    ! grep -v '^peel-run: ' err.txt || fail "$CASE: lines without the prefix"
    ok "$CASE: $(grep -m 1 'libxlsxwriter: ' err.txt | cut -c 1-100)..."
    if [ "${PEEL_SANITIZED:-0}" = 1 ]; then
        ok "$CASE: every line prefixed (out of memory not tried under the sanitizers)"
        return
    fi
    rm -rf in out
    mkdir in
    cp "$NORTHMOOR" in/
    long_report in/long.txt
    run_rc got sh -c 'ulimit -v 75000 && exec "$@"' sh "$PEEL_RUN" -j 1 in -o out
    want_rc 65
    expect_in err.txt "^peel-run: error: in/long.txt: peelpack: out of memory$" "$CASE"
    ! grep -v '^peel-run: ' err.txt || fail "$CASE: lines without the prefix"
    good_built out
    ended_clean out
    ok "$CASE: $(grep -m 1 'peelpack: out of memory' err.txt)"
}

case_lock_takeover_calls_live_pid_gone() {
    # A lock file left by a run that is gone, whose pid now belongs to
    # another process, was taken over with "which is no longer running".
    # The flock says the run is gone; the pid's present owner is named.
    mkdir in out
    cp "$NORTHMOOR" in/
    sleep 600 &
    other=$!
    echo "$other" >out/.peel-run.lock
    run_rc got "$PEEL_RUN" in -o out
    kill "$other"
    want_rc 0
    expect_in err.txt "warning: out: took over the lock left by peel-run pid $other, which ended without releasing it \(no process held the lock\); that pid now belongs to another process \(sleep\)" \
        "$CASE"
    ! grep -q "no longer running" err.txt || fail "$CASE: a live pid called no longer running"
    ended_clean out
    ok "$CASE: $(grep -m 1 'took over' err.txt)"
}

# force_copy FORCE FILE: the real report as another force's.
force_copy() {
    sed "s/Metropolitan Police Service/$1/g" "$MET" >"$2"
}

case_nightly_run_over_every_bad_file() {
    # One folder holding every kind of file above beside good reports, as a
    # nightly run meets it: the run ends (no hang), 65, every good report
    # built, every bad file named, lock released, nothing left behind; the
    # next night the same; a damaged manifest row and document the night
    # after that cost a rebuild of that report only.
    mkdir in
    cp "$NORTHMOOR" in/northmoor.txt
    force_copy "Kent Police" in/kent.txt
    # Good, with a word to say: CR line ends, "### Adequate", other
    # scripts, a name over 255 characters.
    force_copy "Dorset Police" in/cr.txt
    tr '\n' '\r' <in/cr.txt >in/cr-only.txt
    rm in/cr.txt
    force_copy "Essex Police" in/adequate.txt
    awk '!done && /^### Good$/ { print "### Adequate"; done = 1; next } { print }' in/adequate.txt >in/x
    mv in/x in/adequate.txt
    force_copy "Полиция Кента" in/cyrillic.txt
    force_copy "Αστυνομία Κρήτης" in/greek.txt
    long=$(python3 -c 'print("Constabulary of " + " and ".join(["the Very Long Valley"] * 16))')
    force_copy "$long" in/long-name.txt
    # Bad: special files, a huge sparse file, other encodings, a copy.
    mkfifo in/fifo.txt in/hr.csv
    ln -s /dev/zero in/zero.txt
    truncate -s 1T in/sparse.txt 2>/dev/null || truncate -s 16G in/sparse.txt
    iconv -f UTF-8 -t UTF-16LE "$MET" >in/utf16.txt
    iconv -f UTF-8 -t UTF-32 "$MET" >in/utf32.txt
    : >in/empty.txt
    cp in/kent.txt in/kent-again.txt
    # Links: a cycle and a second way into a folder already read.
    mkdir in/sub
    force_copy "Surrey Police" in/sub/surrey.txt
    ln -s . in/loop
    ln -s sub in/sub-again
    good="northmoor-constabulary-2018-19 kent-police-2018-19 dorset-police-2018-19
essex-police-2018-19 unnamed-07118070-2018-19 unnamed-f878cfa9-2018-19 surrey-police-2018-19"
    printf '%s\r\n=cmd|calc,bound,,A bound,1,<=,2,@SUM(A1),1e80,,\r\n' "$rules_header" >rules.csv

    # Night 1, with standard output gone as well (| head -c1).
    closed out "$PEEL_RUN" --rules rules.csv in -o out
    want_rc 65
    for f in fifo zero sparse utf16 utf32 empty; do
        expect_in err.txt "error: in/$f.txt: " "$CASE: in/$f.txt not named"
    done
    expect_in err.txt "in/fifo.txt: not a regular file: a FIFO" "$CASE"
    expect_in err.txt "in/zero.txt: not a regular file: a character device" "$CASE"
    expect_in err.txt "in/sparse.txt: file is larger than the 32 MiB limit" "$CASE"
    expect_in err.txt "in/utf16.txt: UTF-16 text" "$CASE"
    expect_in err.txt "in/utf32.txt: UTF-32 text" "$CASE"
    expect_in err.txt "sidecar in/hr.csv not used: in/hr.csv: not a regular file: a FIFO" "$CASE"
    expect_in err.txt "in/kent-again.txt.*same force and year|same force and year.*in/kent-again.txt" "$CASE"
    expect_in err.txt "in/loop: a link to the folder in, already read: not read again" "$CASE"
    expect_in err.txt "in/sub-again: a link to the folder in/sub, already read" "$CASE"
    [ "$(grep -c 'same force and year' err.txt)" = 1 ] || fail "$CASE: false duplicates"
    for slug in $good; do
        [ "$(manifest_get out/manifest.csv "$slug" status)" = ok ] ||
            fail "$CASE: the good report $slug was not built"
    done
    long_slug=$(ls out | grep '^constabulary-of-the-very-long-valley')
    [ "$(manifest_get out/manifest.csv "$long_slug" status)" = ok ] || fail "$CASE: the long name not built"
    [ -s out/summary.xlsx ] || fail "$CASE: no summary.xlsx"
    grep -q "^'=cmd|calc,.*,'@SUM(A1)," out/kent-police-2018-19/reconciliation.csv ||
        fail "$CASE: the rule's fields unprotected"
    ended_clean out
    tree_sums out >night1.sums

    # Night 2: nothing changed: the same exit, every good report unchanged.
    run_rc got "$PEEL_RUN" --rules rules.csv in -o out
    want_rc 65
    expect_in out.txt "15 reports: 0 built, 8 unchanged, 7 failed or invalid" "$CASE: night 2"
    tree_sums out | cmp -s - night1.sums || fail "$CASE: night 2 changed a file"
    ended_clean out

    # Night 3: a row cut in its outputs and a document damaged.
    manifest_edit out/manifest.csv essex-police-2018-19 cut data/facts.csv
    printf 'garbage' >out/essex-police-2018-19/effectiveness.pdf
    run_rc got "$PEEL_RUN" --rules rules.csv in -o out
    want_rc 65
    expect_in out.txt "15 reports: 1 built, 7 unchanged, 7 failed or invalid" "$CASE: night 3"
    expect_in out.txt "\] essex-police-2018-19: ok" "$CASE: night 3"
    tree_sums out | cmp -s - night1.sums || fail "$CASE: night 3 is not night 1's build"
    ended_clean out
    ok "$CASE: 8 good reports built beside 7 bad inputs, a FIFO sidecar and 2 links; exit 65 each night; a damaged row rebuilt"
}

case_documents_renamed_unsynced() {
    # Durability at the cost of a few syncs (issue 16's step, on the commit
    # path of issue 17): each document is synced before it is renamed into
    # its report folder and the folder once after the renames, so a crash
    # after "done" leaves every document whole; the records, the staging
    # folder and the workbooks' scratch files are not synced one by one
    # (the manifest, synced, holds each record's CRC-32: one a crash lost is
    # built again).  What the run did is read from the fsyncs and renames a
    # shim logs (sync_log.c, PEEL_SYNC_SHIM).
    # A new report's folder is moved whole (its documents and the folder
    # synced in the staging folder, the output folder after); a report
    # built again has its files moved one by one: the second run, --force.
    [ -n "${PEEL_SYNC_SHIM:-}" ] || fail "$CASE: PEEL_SYNC_SHIM (the sync_log shim) not given"
    make_reports in 3
    for pass in new again; do
    rm -f sync.log
    run_rc got env LD_PRELOAD="$PEEL_SYNC_SHIM" PEEL_SYNC_LOG="$WORK/sync.log" \
        ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" "$PEEL_RUN" -j 2 --force in -o out
    want_rc 0
    python3 - "$WORK" sync.log "$pass" <<'EOF' || fail "$CASE: $pass"
import os, re, sys
work, log, phase = sys.argv[1], sys.argv[2], sys.argv[3]
out = os.path.join(work, "out")
def ab(p):
    return os.path.normpath(os.path.join(work, p))
synced, events = [], []
for line in open(log, encoding="utf-8"):
    kind, rest = line.rstrip("\n").split(" ", 1)
    if kind == "fsync":
        events.append(("fsync", ab(rest)))
    else:
        a, b = rest.split(" ")
        events.append(("rename", ab(a), ab(b)))
slugs = sorted(d for d in os.listdir(out) if os.path.isdir(os.path.join(out, d)) and d[0] != ".")
bad = []
for slug in slugs:
    folder = os.path.join(out, slug)
    docs = sorted(f for f in os.listdir(folder) if f.endswith((".xlsx", ".pdf")))
    whole = [i for i, e in enumerate(events) if e[0] == "rename" and e[2] == folder]
    if (phase == "new") != (len(whole) == 1):
        bad.append("%s: folder renamed into place %d times in the %s run" % (slug, len(whole), phase))
        continue
    staged = set()  # the folder its documents were staged in
    for f in docs:
        at = [i for i, e in enumerate(events) if e[0] == "rename" and e[2] == os.path.join(folder, f)]
        if whole and not at:  # moved with its folder: synced where it was staged
            at, src = whole, os.path.join(events[whole[0]][1], f)
        elif len(at) == 1:
            src = events[at[0]][1]
        else:
            bad.append("%s/%s: renamed into place %d times" % (slug, f, len(at)))
            continue
        staged.add(os.path.dirname(src))
        if not any(e == ("fsync", src) for e in events[:at[0]]):
            bad.append("%s/%s: renamed into place unsynced" % (slug, f))
    into = whole + [i for i, e in enumerate(events) if e[0] == "rename" and e[2].startswith(folder + "/")]
    after = [i for i, e in enumerate(events) if e == ("fsync", folder) and i > max(into)]
    # A folder moved whole holds the same entries after its rename: synced
    # where it was staged (in the background, syncer.c) or after it.
    before = whole and any(e == ("fsync", events[whole[0]][1]) for e in events[:whole[0]])
    if not after and not before:
        bad.append("%s: its folder not synced after its renames" % slug)
    if whole and not any(e == ("fsync", out) for e in events[whole[0]:]):
        bad.append("%s: the output folder not synced after the folder's rename" % slug)
    # Every sync of the report, in its folder or where it was staged (named
    # by a tag, not its slug): the records and the folder there are not.
    mine = [e[1] for e in events if e[0] == "fsync" and any(
        e[1] == d or e[1].startswith(d + "/") for d in staged | {folder})]
    if len(mine) != len(docs) + 1:
        bad.append("%s: %d fsyncs, wanted %d (its %d documents and its folder): %s"
                   % (slug, len(mine), len(docs) + 1, len(docs), mine))
    print("%s (%s): %d fsyncs: %d documents before %s, the folder after"
          % (slug, phase, len(mine), len(docs), "its rename" if whole else "their renames"))
# What the run itself writes: synced before its rename, the folder after.
for f in ("summary.xlsx", "manifest.csv"):
    at = [i for i, e in enumerate(events) if e[0] == "rename" and e[2] == os.path.join(out, f)]
    if not at or not any(e == ("fsync", events[at[-1]][1]) for e in events[:at[-1]]):
        bad.append("%s: renamed into place unsynced" % f)
    elif not any(e == ("fsync", out) for e in events[at[-1]:]):
        bad.append("%s: the output folder not synced after its rename" % f)
if bad:
    sys.exit("\n".join(bad))
EOF
    done
    ended_clean out
    ok "$CASE: 3 reports, new then built again: each document synced before its folder's rename or its own, each folder once after; summary.xlsx and manifest.csv too"
}

"case_$CASE"
