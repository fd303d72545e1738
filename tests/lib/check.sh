# Sourced by the command-line tests: a scratch folder ($work, removed on
# exit), the count of checks and failures, and the two checks they are
# written in.  `finish` ends a script with the count and its status.
work=$(mktemp -d)
trap 'chmod -R u+rwx "$work"; rm -rf "$work"' EXIT
fails=0 n=0 status=0

# run_check NAME CODE STREAM PATTERN CMD...: CMD exits with CODE and STREAM
# (stdout, stderr, or log: both) matches PATTERN ("" matches anything).
run_check() {
    rc_name=$1 rc_want=$2 rc_stream=$3 rc_text=$4
    shift 4
    n=$((n + 1))
    "$@" >"$work/stdout" 2>"$work/stderr"
    rc_got=$?
    cat "$work/stdout" "$work/stderr" >"$work/log"
    if [ "$rc_got" != "$rc_want" ] ||
        { [ -n "$rc_text" ] && ! grep -q -- "$rc_text" "$work/$rc_stream"; }; then
        echo "FAIL $rc_name: exit $rc_got (want $rc_want), $rc_stream should match '$rc_text':"
        sed 's/^/  | /' "$work/log"
        fails=$((fails + 1))
        status=1
    else
        echo "ok   $rc_name"
    fi
}

# check NAME CONDITION...: a plain assertion.
check() {
    ck_name=$1
    shift
    n=$((n + 1))
    if "$@"; then
        echo "ok   $ck_name"
    else
        echo "FAIL $ck_name"
        fails=$((fails + 1))
        status=1
    fi
}

finish() {
    echo "$((n - fails)) of $n checks passed"
    [ "$fails" = 0 ]
}
