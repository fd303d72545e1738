# Shared by the hardening tests, on top of the driver tests' lib.sh (the
# same arguments: sh TEST.sh BIN SRC WORK).  Adds checks that a run did not
# crash (no exit from a signal, no sanitizer report) and a way to run a
# program as an unprivileged user, which the tests of unreadable inputs and
# read-only outputs need when they run as root (CI does): root reads and
# writes through any permission bits.
. "$(dirname "$0")/../driver/lib.sh"

# no_crash RC: the exit status and err.txt show no signal and no sanitizer.
no_crash() {
    [ "$1" -lt 128 ] || fail "exit $1: killed by signal $(($1 - 128))"
    if grep -E -q 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' err.txt; then
        cat err.txt >&2
        fail "sanitizer report"
    fi
}

# no_debris DIR: no temporary or staging folder left in an output folder.
no_debris() {
    [ -z "$(find "$1" -name '.peeltmp.*' -o -name '.peel-stage')" ] ||
        fail "temporaries left in $1: $(find "$1" -name '.peeltmp.*' -o -name '.peel-stage')"
}

# UNPRIV: a command prefix running a program as an unprivileged user, empty
# when we are not root (permission bits then apply to us), or "none" when
# we are root and cannot drop privileges (the test then skips those cases).
UNPRIV=
if [ "$(id -u)" = 0 ]; then
    UNPRIV=none
    nobody_gid=$(id -g nobody 2>/dev/null || echo 65534)
    if setpriv --reuid=nobody --regid="$nobody_gid" --clear-groups true 2>/dev/null; then
        UNPRIV="setpriv --reuid=nobody --regid=$nobody_gid --clear-groups"
    elif runuser -u nobody -- true 2>/dev/null; then
        UNPRIV="runuser -u nobody --"
    fi
fi

# give_away PATH...: lets the unprivileged user write there.
give_away() {
    if [ "$(id -u)" = 0 ]; then
        chown -R nobody "$@"
    fi
}

# expect_in FILE PATTERN WHAT: FILE matches the extended regex PATTERN.
expect_in() {
    grep -E -q -- "$2" "$1" || {
        cat "$1" >&2
        fail "$3: no line matching: $2"
    }
}
