#!/bin/sh
# peel-run's command line: --help and --version on every program, usage
# errors (64), a missing input or rules file (66, the others still built), an
# output folder that cannot be made (73), and the man page.
. "$(dirname "$0")/lib.sh"

# Every program answers --help and --version with 0, a bad option with 64.
for prog in "$BIN"/peel-*; do
    name=$(basename "$prog")
    expect_rc 0 "$prog" --help
    grep -q "usage: $name" out.txt || fail "$name --help: no usage line"
    expect_rc 0 "$prog" --version
    grep -q "$name" out.txt || fail "$name --version: does not name itself"
    expect_rc 64 "$prog" --no-such-option
    grep -q "usage: $name" err.txt || fail "$name: bad option without usage on stderr"
done
ok "every program: --help, --version, bad option"

expect_rc 0 "$PEEL_RUN" --help
for opt in -o -j --rules --strict --force --quiet --verbose --data-dir --help --version; do
    grep -q -- "$opt" out.txt || fail "--help does not explain $opt"
done
for code in 0 64 65 66 73 75; do
    grep -q "$code" out.txt || fail "--help does not explain exit status $code"
done
grep -q "peel-run (peelpack) [0-9]" <<EOF || fail "--version"
$("$PEEL_RUN" --version)
EOF

expect_rc 64 "$PEEL_RUN" "$MET"
grep -q "no output folder" err.txt || fail "no -o: message"
expect_rc 64 "$PEEL_RUN" -o out
grep -q "no input" err.txt || fail "no input: message"
expect_rc 64 "$PEEL_RUN" -j 0 "$MET" -o out
expect_rc 64 "$PEEL_RUN" -j many "$MET" -o out
[ ! -e out ] || fail "a usage error created the output folder"
ok "usage errors exit 64 and write nothing"

# A missing input: named, the others still built, exit 66.
expect_rc 66 "$PEEL_RUN" -q "$MET" no-such-report.txt -o out
grep -q "no-such-report.txt: no such file or folder" err.txt || fail "missing input not named"
[ -s out/metropolitan-police-service-2018-19/effectiveness.xlsx ] ||
    fail "the other input was not built"
ok "missing input: 66, the others built"

expect_rc 66 "$PEEL_RUN" -q --rules no-such-rules.csv "$MET" -o out2
grep -q "no-such-rules.csv" err.txt || fail "missing rules file not named"
expect_rc 66 "$PEEL_RUN" -q empty-folder-missing -o out3
mkdir empty
expect_rc 66 "$PEEL_RUN" -q empty -o out3
grep -q "no report found" err.txt || fail "empty folder: message"
ok "missing rules, no report: 66"

# -d DIR reaches every stage: with one data file of DIR broken, the report
# fails in the stage that reads it, naming the file (a stage that read the
# build's own pipeline/ instead would build the report).
for f in components.csv lexicon.csv facts.csv rules.csv workbook.csv; do
    rm -rf data
    cp -r "$SRC/pipeline" data
    printf 'no,such,columns\r\n' >"data/$f"
    expect_rc 65 "$PEEL_RUN" -q -d data "$MET" -o "data-out-$f"
    grep -q "data/$f:1" err.txt || { cat err.txt; fail "-d with a broken $f: not named"; }
    [ ! -e "data-out-$f/metropolitan-police-service-2018-19/legitimacy.pdf" ] ||
        fail "-d with a broken $f: the packs were built all the same"
done
# A data row with a field more than its header (a comma left unquoted in a
# definition) fails the report, naming the file and the row's line: the
# stages never read past it.
for f in components.csv lexicon.csv facts.csv rules.csv workbook.csv; do
    rm -rf data
    cp -r "$SRC/pipeline" data
    awk 'NR == 3 { sub(/\r?$/, ",stray") } { print }' "$SRC/pipeline/$f" >"data/$f"
    expect_rc 65 "$PEEL_RUN" -q -d data "$MET" -o "wide-out-$f"
    grep -q "data/$f:3.*fields where the header has" err.txt ||
        { cat err.txt; fail "-d with a row too wide in $f: not named with its line"; }
done
# The long name, and the layout catalogue missing altogether (reconcile,
# the first stage that reads it, fails naming it).
rm data/workbook.csv
cp "$SRC/pipeline"/[!w]*.csv data/
expect_rc 65 "$PEEL_RUN" -q --data-dir data "$MET" -o data-out
grep -q "failed in reconcile;.*data/workbook.csv" err.txt ||
    { cat err.txt; fail "--data-dir without workbook.csv: reconcile did not fail naming it"; }
ok "-d DIR: every stage reads DIR (a broken or missing data file fails the report, named)"

# Output folder cannot be made: a file is in the way.
echo x >blocker
expect_rc 73 "$PEEL_RUN" -q "$MET" -o blocker/out
grep -q "blocker" err.txt || fail "73 without naming the folder"
ok "output folder cannot be made: 73"

# The man page renders without warnings and documents every exit status.
if command -v man >/dev/null 2>&1 && command -v groff >/dev/null 2>&1; then
    MANWIDTH=80 man --warnings -l "$SRC/pipeline/peel-run.1" >man.txt 2>man.err ||
        fail "man page does not render"
    [ ! -s man.err ] || { cat man.err; fail "man page warnings"; }
    for code in 64 65 66 73 75; do
        grep -q "^ *$code" man.txt || fail "man page does not list exit status $code"
    done
    ok "man page"
else
    echo "skip: man or groff missing"
fi
