# Sourced by tests: waiting for events, never for a length of time.  Each
# wait polls for its condition; a condition that never comes is the test's
# TIMEOUT (ctest), not a bound on how fast the machine is.

# clock_past PATH...: returns once a file written now gets a later time than
# every file under PATH, so that a file rewritten from here on shows in its
# mtime (a fixed sleep guessed at the file system's clock).
clock_past() {
    newest=$(find "$@" -printf '%T@\n' | LC_ALL=C sort -n | tail -n 1)
    probe=${TMPDIR:-/tmp}/.peel-clock.$$
    while :; do
        : >"$probe"
        now=$(find "$probe" -printf '%T@')
        last=$(printf '%s\n%s\n' "$newest" "$now" | LC_ALL=C sort -n | tail -n 1)
        [ "$now" = "$last" ] && [ "$now" != "$newest" ] && break
        sleep 0.01
    done
    rm -f "$probe"
}

# clock_tick: returns once the wall clock has moved into another even
# second, so that a date in a document (1-second resolution, or the 2-second
# DOS times in a zip) would now be another.  What it waits for is the clock
# itself, the event the caller needs: nothing is timed.
clock_tick() {
    start=$(($(date +%s) / 2))
    while [ $(($(date +%s) / 2)) = "$start" ]; do
        sleep 0.05
    done
}

# wait_gone PID...: until none of the processes runs any more (gone, or a
# zombie nobody has reaped yet: an orphan's new parent may never reap it).
wait_gone() {
    for p in "$@"; do
        while [ -e "/proc/$p" ] && [ "$(sed 's/.*) \(.\).*/\1/' "/proc/$p/stat" 2>/dev/null)" != Z ]; do
            sleep 0.02
        done
    done
}
