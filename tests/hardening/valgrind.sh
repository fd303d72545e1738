#!/bin/sh
# Valgrind memcheck over a full run of the real report and the fictional
# force with its sidecars: no invalid access, no use of uninitialised
# memory, no definite or indirect leak -- in peel-run and in its worker
# processes (valgrind follows fork; each process gets its own log).
# Only in the ordinary build: the sanitizer build has ASan/LSan instead.
. "$(dirname "$0")/lib.sh"
command -v valgrind >/dev/null || fail "valgrind not found (install valgrind)"

mkdir in
cp "$MET" "$NORTHMOOR" "$FIXTURES"/northmoor-*.csv in/
run_rc got valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --child-silent-after-fork=no --log-file="$WORK/vg.%p.log" "$PEEL_RUN" -j 1 -q in -o out
logs=$(ls vg.*.log | wc -l)
bad=$(grep -L 'ERROR SUMMARY: 0 errors' vg.*.log || true)
if [ "$got" != 0 ] || [ -n "$bad" ]; then
    cat err.txt >&2
    for f in ${bad:-vg.*.log}; do
        echo "--- $f" >&2
        cat "$f" >&2
    done
    fail "valgrind: exit $got; logs with errors: ${bad:-none}"
fi
[ "$logs" -ge 2 ] || fail "valgrind followed no worker ($logs logs)"
for s in metropolitan-police-service-2018-19 northmoor-constabulary-2018-19; do
    [ -s "out/$s/legitimacy.pdf" ] && [ -s "out/$s/legitimacy.xlsx" ] || fail "$s: not built"
done
ok "valgrind memcheck: $logs processes, 0 errors, no definite or indirect leak"
