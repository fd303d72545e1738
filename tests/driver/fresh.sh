#!/bin/sh
# A fresh machine, README command 1 alone: pipeline/run, with a build folder
# and an output folder of its own, while every test-only library and tool is
# hidden as on a machine with only the run packages: PKG_CONFIG_LIBDIR holds
# every .pc file but cmocka.pc, and PATH every program but the test tools
# (the build looks for those on PATH only; their names come from
# tests/CMakeLists.txt).  It must configure, build and write the bundled
# report's documents, the same bytes as this build's peel-run.  Then, in the
# same folder:
#   - configured as tests/run does (PEEL_TESTS_REQUIRED=ON) with cmocka still
#     hidden, configure stops and names libcmocka-dev;
#   - with nothing hidden, it builds and registers every test this build has;
#   - pipeline/run there again, cmocka hidden, still builds and runs.
#   sh fresh.sh BIN SRC WORK BUILD "TOOL..."
. "$(dirname "$0")/lib.sh"
BUILD=$(cd "$4" && pwd)
HIDDEN_TOOLS=$5
[ -n "$HIDDEN_TOOLS" ] || fail "no test tools named to hide"

# Every .pc file pkg-config would find, but cmocka's.
mkdir pc
for d in $(pkg-config --variable pc_path pkg-config | tr ':' ' '); do
    for f in "$d"/*.pc; do
        [ -e "$f" ] || continue
        name=${f##*/}
        [ "$name" = cmocka.pc ] || [ -e "pc/$name" ] || ln -s "$f" "pc/$name"
    done
done
PKG_CONFIG_LIBDIR=$WORK/pc pkg-config --exists cmocka && fail "cmocka.pc still visible"
PKG_CONFIG_LIBDIR=$WORK/pc pkg-config --exists xlsxwriter || fail "xlsxwriter.pc hidden too"

# Every program on PATH (the first of each name), but the test tools.
mkdir path
for d in $(printf '%s' "$PATH" | tr ':' ' '); do
    for f in "$d"/*; do
        name=${f##*/}
        [ -f "$f" ] && [ -x "$f" ] || continue
        [ -e "path/$name" ] && continue
        case " $HIDDEN_TOOLS " in *" $name "*) continue ;; esac
        ln -s "$f" "path/$name"
    done
done
for t in $HIDDEN_TOOLS; do
    PATH=$WORK/path command -v "$t" >/dev/null 2>&1 && fail "$t still on the hidden PATH"
done

# hidden CMD...: CMD on the machine without the test packages.
hidden() {
    env PATH="$WORK/path" PKG_CONFIG_LIBDIR="$WORK/pc" PEEL_BUILD="$WORK/build" \
        PEEL_OUTPUTS="$WORK/outputs" "$@"
}

hidden_run() {
    run_rc got hidden sh "$SRC/pipeline/run" -q
    [ "$got" = 0 ] || { cat out.txt err.txt; fail "$1: pipeline/run exit $got"; }
}

# test_names TREE: the tests a build folder registers, sorted.
test_names() {
    ctest --test-dir "$1" -N | sed -n 's/^ *Test *#[0-9]*: //p' | LC_ALL=C sort
}

hidden_run "without the test packages"
for t in $HIDDEN_TOOLS; do
    grep -q "^PEEL_[A-Z0-9]*:FILEPATH=.*/$t\$" build/CMakeCache.txt && fail "the build found $t"
done
test_names build >fresh.tests
grep -q '^unit\.' fresh.tests && fail "cmocka tests registered without cmocka"
[ ! -e build/tests/test_text ] || fail "a cmocka test was built without cmocka"
grep -q '^golden\.ingest\.met$' fresh.tests || fail "tests without test packages left out too"
"$BIN/peel-run" -q "$SRC/inputs" -o ref || fail "this build's peel-run on the bundled report"
tree_sums ref >ref.sums
tree_sums outputs >fresh.sums
[ "$(grep -c '\.pdf$\|\.xlsx$' fresh.sums)" = 7 ] || { cat fresh.sums; fail "not 6 documents and summary.xlsx"; }
cmp -s ref.sums fresh.sums || { diff ref.sums fresh.sums | head; fail "other documents than this build's"; }
ok "pipeline/run without cmocka or the test tools: built, $(wc -l <fresh.sums) files as this build writes them"

run_rc got hidden cmake -S "$SRC" -B build -DPEEL_TESTS_REQUIRED=ON
[ "$got" != 0 ] || fail "configured as tests/run does without cmocka"
grep -q "cmocka not found: install the Debian package libcmocka-dev" err.txt ||
    { cat err.txt; fail "configure with the tests required: cmocka not named"; }
ok "the tests required (tests/run) and cmocka missing: configure stops naming libcmocka-dev"

cmake -S "$SRC" -B build -DPEEL_TESTS_REQUIRED=ON >configure.log 2>&1 ||
    { cat configure.log; fail "configure with the tests required"; }
cmake --build build -j "$(nproc)" >build.log 2>&1 || { tail -n 30 build.log; fail "build with the tests"; }
test_names build >full.tests
test_names "$BUILD" >this.tests
cmp -s full.tests this.tests || { diff this.tests full.tests; fail "not every test registered"; }
ok "the same folder configured as tests/run does: builds, $(wc -l <full.tests) tests as this build has"

hidden_run "after tests/run's configure"
test_names build | grep -q '^unit\.' && fail "cmocka tests kept after cmocka went"
tree_sums outputs | cmp -s ref.sums - || fail "pipeline/run again: other documents"
ok "pipeline/run again there without cmocka: configures, builds, runs"
