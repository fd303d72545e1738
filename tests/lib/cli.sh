# Sourced by a stage's cli.sh: a scratch folder holding a copy of the
# fictional force's report folder ($work/r), and `expect`.
#   . lib/cli.sh   with bin, out set; sets work, status
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

# expect CODE PATTERN -- CMD...: exit code, and stderr+stdout matching PATTERN
expect() {
    code=$1 pattern=$2
    shift 3
    "$@" >"$work/log" 2>&1
    got=$?
    if [ "$got" != "$code" ] || { [ -n "$pattern" ] && ! grep -q -- "$pattern" "$work/log"; }; then
        echo "FAIL: $* -> exit $got (want $code, /$pattern/)"
        sed 's/^/  | /' "$work/log"
        status=1
    fi
}

report=$(echo "$out"/northmoor-*)
cp -r "$report" "$work/r"
