#!/bin/sh
# Bad input through peel-run, the program users run.  Each case runs into an
# output folder already holding the real report's documents, with the
# fictional force's good report beside the bad input, and checks: the exit
# status; a message naming the file (and line, where there is one); no
# crash (no signal, no sanitizer report); the earlier documents byte for
# byte as they were; no temporaries left; and the good report still built
# (no good data silently dropped).
. "$(dirname "$0")/lib.sh"

MET_SLUG=metropolitan-police-service-2018-19
NM_SLUG=northmoor-constabulary-2018-19

expect_rc 0 "$PEEL_RUN" -q "$MET" -o out
tree_sums "out/$MET_SLUG" >met.sums
[ -s "out/$MET_SLUG/legitimacy.pdf" ] || fail "setup: no documents"

# check NAME WANT PATTERN [peel-run arguments before -o]...: one bad run,
# with NORTHMOOR beside it, into out.
check() {
    name=$1 want=$2 pattern=$3
    shift 3
    run_rc got "$PEEL_RUN" "$@" "$NORTHMOOR" -o out
    no_crash "$got"
    if [ "$got" != "$want" ]; then
        cat err.txt >&2
        fail "$name: exit $got, wanted $want"
    fi
    expect_in err.txt "$pattern" "$name"
    tree_sums "out/$MET_SLUG" | cmp -s - met.sums || fail "$name: earlier documents changed"
    no_debris out
    [ "$(manifest_get out/manifest.csv "$NM_SLUG" status)" = ok ] ||
        fail "$name: the good report beside it was not built"
    [ -s "out/$NM_SLUG/legitimacy.xlsx" ] || fail "$name: the good report has no workbook"
    ok "$name: exit $got: $(grep -E -m 1 -- "$pattern" err.txt)"
}

: >empty.txt
check empty 65 "error: empty.txt: empty file" empty.txt

head -c 4096 /bin/sh >binary.txt
check binary 65 "error: binary.txt:1: NUL byte" binary.txt

{ head -n 100 "$MET"; printf 'bad \377\376 bytes\n'; tail -n +101 "$MET"; } >utf8.txt
check invalid_utf8 65 "error: utf8.txt:101: invalid UTF-8" utf8.txt

{ head -n 50 "$MET"; printf 'text\000more\n'; tail -n +51 "$MET"; } >nul.txt
check nul_mid_file 65 "error: nul.txt:51: NUL byte" nul.txt

{ head -n 20 "$MET"; head -c 1048576 /dev/zero | tr '\0' 'a'; echo; tail -n +21 "$MET"; } >longline.txt
check long_line 65 "error: longline.txt:21: line of 1048576 bytes is longer than the limit" longline.txt

# A real 100 MiB file (the report over and over) whose first line holds a
# NUL byte: refused by its size before it is parsed.  What shows it is what
# the programs say and write, not how long they take: the message is the
# size limit's, never line 1's NUL byte, and no record of it is written
# (peel-run makes no report folder for it; peel-ingest writes nothing).
# Deleted at once.
# 1 MiB of the report repeated, then that 100 times: bounded, no pipes.
reps=$((1048576 / $(wc -c <"$MET") + 1))
{
    printf 'A NUL byte \000 on line 1\n'
    for i in $(seq "$reps"); do cat "$MET"; done
} >chunk
truncate -s 1048576 chunk
for i in $(seq 100); do cat chunk; done >big.txt
rm -f chunk
[ "$(wc -c <big.txt)" -eq 104857600 ] || fail "could not make the 100 MiB file"
check huge_file 65 "error: big.txt: file is larger than the 32 MiB limit" big.txt
grep -q "NUL" err.txt && fail "huge_file: parsed before its size was checked: $(cat err.txt)"
[ "$(ls out | LC_ALL=C sort | tr '\n' ' ')" = "manifest.csv $MET_SLUG $NM_SLUG summary.xlsx " ] ||
    fail "huge_file: peel-run wrote something for it: $(ls out)"
run_rc got "$BIN/peel-ingest" big.txt -o big-ingest
[ "$got" = 65 ] && grep -q "big.txt: file is larger than the 32 MiB limit" err.txt ||
    { cat err.txt; fail "huge_file: peel-ingest exit $got"; }
grep -q "NUL" err.txt && fail "huge_file: peel-ingest parsed it before checking its size"
[ -z "$(find big-ingest -type f 2>/dev/null)" ] || fail "huge_file: peel-ingest wrote records"
rm -f big.txt
ok "huge_file: refused by its size before parsing (no word of line 1, nothing written)"

# Cut off part-way: whole pillars missing.  Documents for what is there,
# but the run names what is missing and ends 65, never 0.
head -n 300 "$MET" | sed 's/Metropolitan Police Service/Cutoff Constabulary/g' >cutoff.txt
check cut_off 65 "error: cutoff-constabulary-2018-19: invalid in validate: .*incomplete report: efficiency and legitimacy missing.*\(input cutoff.txt\)" cutoff.txt
[ "$(manifest_get out/manifest.csv cutoff-constabulary-2018-19 status)" = invalid ] ||
    fail "cut_off: not invalid in the manifest"
[ -s out/cutoff-constabulary-2018-19/effectiveness.xlsx ] || fail "cut_off: no documents for what is there"
grep -q ',missing_pillar,' out/cutoff-constabulary-2018-19/data/rejects.csv ||
    fail "cut_off: rejects.csv does not say which pillar is missing"

# A folder where a file is expected: as an input, and as the rules file.
mkdir folder.txt
run_rc got "$PEEL_RUN" folder.txt -o out
no_crash "$got"
[ "$got" = 66 ] || fail "folder: exit $got, wanted 66"
expect_in err.txt "error: folder.txt: a folder: no report found in it" folder
ok "folder as the only input: exit 66: $(head -n 1 err.txt)"
check rules_folder 66 "$WORK/folder.txt: is a folder, not a file" --rules "$WORK/folder.txt"
# (66 stops the run before any report, so the good one is "unchanged" and ok.)

# A rules file with errors: the file, line and field; exit 65.  It stops
# the run before any report, once (so the good one stays as it was, ok).
{
    printf 'id,kind,pillar,description,expected,op,actual,unit,tolerance,on_fail,note\r\n'
    printf 'ok-1,bound,,fine,1,<=,2,,,,\r\n'
    printf 'bad-1,same,,bad op,fact:a,~,fact:b,,,,\r\n'
} >bad-rules.csv
check rules_errors 65 '^peel-run: bad-rules.csv:3: op: op must be =, <=, >= or parts \("~"\)$' \
    --force --rules bad-rules.csv
[ "$(wc -l <err.txt)" = 1 ] || { cat err.txt; fail "rules_errors: not one message"; }

# A sidecar CSV with bad rows: each named with file and line, kept in
# rejects.csv with its reason; the good rows are still used; exit 0 (as for
# any rejects: the report is built).
mkdir sc
{
    head -n 3 "$FIXTURES/northmoor-reserves-schedule.csv"
    printf 'Northmoor Constabulary,reserves.balance,lots,GBP,2021/22,Finance\r\n'
    printf 'Northmoor Constabulary,,5,GBP,2021/22,Finance\r\n'
    printf 'Northmoor Constabulary,reserves.balance,1e999,GBP,2021/22,Finance\r\n'
    printf 'Northmoor Constabulary,reserves.balance,=1+1,GBP,2021/22,Finance\r\n'
    tail -n +4 "$FIXTURES/northmoor-reserves-schedule.csv"
} >sc/northmoor-reserves.csv
cp "$NORTHMOOR" sc/
expect_rc 0 "$PEEL_RUN" sc -o out
no_crash 0
expect_in err.txt "warning: $NM_SLUG: 4 sidecar rows rejected.*sc/northmoor-reserves.csv:4: value: not_a_number; sc/northmoor-reserves.csv:5: key: missing_field; sc/northmoor-reserves.csv:6: value: not_a_number; sc/northmoor-reserves.csv:7: value: not_a_number" sidecar
rej=out/$NM_SLUG/data/rejects.csv
[ "$(grep -c '^sidecars/northmoor-reserves.csv,[4-7],' "$rej")" = 4 ] || {
    cat "$rej"
    fail "sidecar: rejects.csv lacks the bad rows"
}
grep -q "^sidecars/northmoor-reserves.csv,7,value,'=1+1,not_a_number," "$rej" ||
    fail "sidecar: the formula-like value is not neutralised in rejects.csv"
recon=out/$NM_SLUG/reconciliation.csv
for rule in reserves-schedule-opening reserves-schedule-closing reserves-schedule-movement; do
    grep -q "^$rule,.*,PASS," "$recon" || fail "sidecar: good rows not used ($rule)"
done
tree_sums "out/$MET_SLUG" | cmp -s - met.sums || fail "sidecar: earlier documents changed"
ok "sidecar with bad rows: exit 0, rows named, good rows reconciled"

# --- cases that need permissions to bite: as nobody when we are root ---
if [ "$UNPRIV" = none ]; then
    echo "SKIP unreadable, read-only: running as root and cannot drop privileges (setpriv, runuser)"
else
    # An unreadable report: named with the reason, the others built.
    mkdir -p priv
    cp "$MET" priv/unreadable.txt
    chmod 000 priv/unreadable.txt
    cp -a out priv/out
    give_away priv/out
    rm -f priv/out/.peel-run.lock
    tree_sums "priv/out/$MET_SLUG" >priv.sums
    chmod 755 priv
    run_rc got $UNPRIV "$PEEL_RUN" priv/unreadable.txt "$NORTHMOOR" -o priv/out
    no_crash "$got"
    [ "$got" = 65 ] || { cat err.txt; fail "unreadable: exit $got, wanted 65"; }
    expect_in err.txt "error: priv/unreadable.txt: cannot open: Permission denied" unreadable
    tree_sums "priv/out/$MET_SLUG" | cmp -s - priv.sums || fail "unreadable: earlier documents changed"
    [ "$(manifest_get priv/out/manifest.csv "$NM_SLUG" status)" = ok ] ||
        fail "unreadable: the good report beside it was not built"
    ok "unreadable report: exit 65: $(head -n 1 err.txt)"

    # A read-only output folder: nothing can be written, not even the lock.
    chmod -R a-w priv/out
    run_rc got $UNPRIV "$PEEL_RUN" --force "$MET" -o priv/out
    no_crash "$got"
    [ "$got" = 73 ] || { cat err.txt; fail "read-only folder: exit $got, wanted 73"; }
    expect_in err.txt "priv/out/.peel-run.lock: cannot create the lock file: Permission denied" read_only
    tree_sums "priv/out/$MET_SLUG" | cmp -s - priv.sums || fail "read-only: earlier documents changed"
    ok "read-only output folder: exit 73: $(head -n 1 err.txt)"

    # Writable folder, read-only report folder: the file named, nothing lost.
    chmod u+w priv/out
    run_rc got $UNPRIV "$PEEL_RUN" --force "$MET" -o priv/out
    no_crash "$got"
    [ "$got" = 73 ] || { cat err.txt; fail "read-only report folder: exit $got, wanted 73"; }
    expect_in err.txt "error: $MET_SLUG: failed in .*priv/out/$MET_SLUG/data/[a-z]+\.csv: Permission denied" \
        read_only_report
    tree_sums "priv/out/$MET_SLUG" | cmp -s - priv.sums || fail "read-only report: documents changed"
    no_debris priv/out
    ok "read-only report folder: exit 73: $(head -n 1 err.txt)"
    chmod -R u+w priv
fi

# --- a full disk: a file-size limit (ulimit -f, in dash's 512-byte blocks) ---
# Low enough to stop the records, then enough for them (coverage.csv, the
# largest, is 48 KiB) but not a PDF (effectiveness.pdf, with its font
# subsets, is 60 KiB, and the workbooks with their charts are larger): 54 KiB.  The programs must report a write error
# naming the file (exit 73), not die of SIGXFSZ, and leave the earlier
# documents whole.
for blocks in 16 108; do
    run_rc got sh -c 'ulimit -f "$1"; shift; exec "$@"' sh "$blocks" "$PEEL_RUN" --force "$MET" -o out
    no_crash "$got"
    [ "$got" = 73 ] || { cat err.txt; fail "file-size limit $((blocks / 2)) KiB: exit $got, wanted 73"; }
    expect_in err.txt "(cannot write [^ ]*/(data/[a-z]+\.csv|[a-z]+\.pdf|[a-z]+\.xlsx)|/[a-z]+\.xlsx: cannot write the workbook).*File too large" \
        "file-size limit $((blocks / 2)) KiB"
    tree_sums "out/$MET_SLUG" | cmp -s - met.sums || fail "file-size limit $((blocks / 2)) KiB: documents changed"
    no_debris out
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).testzip()' out/summary.xlsx ||
        fail "file-size limit $((blocks / 2)) KiB: summary.xlsx damaged"
    ok "file-size limit $((blocks / 2)) KiB: exit 73: $(grep -m 1 'File too large' err.txt)"
done

# And all is well again afterwards: the same documents as before.
expect_rc 0 "$PEEL_RUN" -q --force "$MET" -o out
tree_sums "out/$MET_SLUG" | cmp -s - met.sums || fail "a good run after the bad ones differs"
ok "a good run afterwards gives the same documents"
