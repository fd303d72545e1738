# Shared by peel-run's tests.  Each test is run as
#   sh TEST.sh BIN SRC WORK
# BIN holds the programs, SRC is the source tree, WORK a scratch folder the
# test owns (emptied first).
set -eu
BIN=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
WORK=$3
rm -rf "$WORK"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
cd "$WORK"

PEEL_RUN=$BIN/peel-run
MET=$SRC/inputs/metropolitan-police-service-peel-2018-19.txt
NORTHMOOR=$SRC/tests/fixtures/northmoor-uninspected-area-missing-section.txt
FIXTURES=$SRC/tests/fixtures
FORCES=$SRC/tests/bench/forces.txt
HERE=$SRC/tests/driver
unset SOURCE_DATE_EPOCH PEEL_RUN_TEST_GATE
. "$SRC/tests/lib/wait.sh"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

ok() {
    echo "ok: $*"
}

# make_reports DIR N [YEAR]: N reports, the real one under the names of the
# first N forces of England and Wales (the Met itself left out), for the
# year given (default 2018/19).
make_reports() {
    dir=$1
    n=$2
    year=${3:-2018/19}
    mkdir -p "$dir"
    grep -v '^Metropolitan Police Service$' "$FORCES" | head -n "$n" | while IFS= read -r force; do
        slug=$(printf '%s' "$force" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9\n' '-')
        ylab=$(printf '%s' "$year" | tr '/' '-')
        sed -e "s/Metropolitan Police Service/$force/g" -e "s|2018/19|$year|g" "$MET" \
            >"$dir/$slug-$ylab.txt"
    done
}

# slug_of FORCE YEAR: the report folder peel-run makes.
slug_of() {
    printf '%s-%s' "$(printf '%s' "$1" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9' '-')" \
        "$(printf '%s' "$2" | tr '/' '-')"
}

# run_rc VAR CMD...: runs CMD, its exit status into VAR, stdout to out.txt
# and stderr to err.txt of the current folder.
run_rc() {
    var=$1
    shift
    set +e
    "$@" >out.txt 2>err.txt
    eval "$var=\$?"
    set -e
}

expect_rc() {
    want=$1
    shift
    run_rc got "$@"
    if [ "$got" != "$want" ]; then
        echo "--- stdout" >&2
        cat out.txt >&2
        echo "--- stderr" >&2
        cat err.txt >&2
        fail "exit $got, wanted $want: $*"
    fi
}

# tree_sums DIR: every file of an output folder but manifest.csv and the
# lock, with its SHA-256, by relative path.
tree_sums() {
    (cd "$1" && find . -type f ! -name manifest.csv ! -name .peel-run.lock | LC_ALL=C sort |
        while IFS= read -r f; do sha256sum "$f"; done)
}

# tree_state DIR: every entry with size, mtime and inode: any rewrite shows.
tree_state() {
    (cd "$1" && find . -mindepth 1 ! -name .peel-run.lock -printf '%p %s %T@ %i\n' | LC_ALL=C sort)
}

# manifest_stable FILE: the manifest without its timings and program columns.
manifest_stable() {
    python3 - "$1" <<'EOF'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
keep = [i for i, h in enumerate(rows[0]) if not h.startswith("seconds_") and h != "program"]
w = csv.writer(sys.stdout, lineterminator="\n")
for r in rows:
    w.writerow([r[i] if i < len(r) else "" for i in keep])
EOF
}

# manifest_get FILE REPORT COLUMN: one field of a report's row.
manifest_get() {
    python3 - "$@" <<'EOF'
import csv, sys
path, report, col = sys.argv[1:4]
with open(path, newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if r["report"] == report or (r["kind"] == "input" and r["input"].endswith(report)):
            print(r[col])
            break
EOF
}

# The gate, a test hook of peel-run: with PEEL_RUN_TEST_GATE=DIR each
# report's worker writes DIR/<slug>.ready (its pid) before it starts and
# waits until DIR/<slug>.go or DIR/all.go exists.

# gate_waiting DIR: the slugs waiting at the gate (ready, not let go), sorted.
gate_waiting() {
    for f in "$1"/*.ready; do
        [ -e "$f" ] || continue
        s=${f##*/}
        s=${s%.ready}
        [ -e "$1/$s.go" ] || [ -e "$1/all.go" ] || printf '%s\n' "$s"
    done | LC_ALL=C sort
}

# gate_wait DIR N PID: until N reports wait at the gate; fails when the run
# PID ends first.
gate_wait() {
    while [ "$(gate_waiting "$1" | wc -l)" -lt "$2" ]; do
        kill -0 "$3" 2>/dev/null || fail "the run (pid $3) ended before $2 reports waited at the gate"
        sleep 0.02
    done
}

# gate_open DIR [SLUG]: lets SLUG (default: every report) go on.
gate_open() {
    : >"$1/${2:-all}.go"
}

# gate_pids DIR: the pids of the workers that reached the gate.
gate_pids() {
    cat "$1"/*.ready 2>/dev/null || true
}
