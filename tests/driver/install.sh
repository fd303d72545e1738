#!/bin/sh
# Install and schedule: cmake --install puts the programs, data files, man
# page and scheduling examples where GNUInstallDirs says; the installed
# peel-run finds its data next to itself; CPack builds a .deb holding them
# with its dependencies; the systemd units and the cron line are well formed.
#   sh install.sh BIN SRC WORK BUILD
. "$(dirname "$0")/lib.sh"
BUILD=$(cd "$4" && pwd)

cmake --install "$BUILD" --prefix "$WORK/prefix" >install.log 2>&1 || { cat install.log; fail "cmake --install"; }
P=$WORK/prefix
for f in bin/peel-run bin/peel-ingest bin/peel-validate bin/peel-reconcile bin/peel-xlsx \
    share/peelpack/rules.csv share/peelpack/components.csv share/peelpack/facts.csv \
    share/man/man1/peel-run.1 share/doc/peelpack/examples/peelpack.cron \
    share/doc/peelpack/examples/peelpack.service share/doc/peelpack/examples/peelpack.timer; do
    [ -e "$P/$f" ] || fail "not installed: $f"
done
[ -x "$P/bin/peel-run" ] || fail "peel-run not executable"
for f in "$SRC"/pipeline/*.csv; do
    cmp -s "$f" "$P/share/peelpack/$(basename "$f")" || fail "data file $(basename "$f") not installed"
done
ok "cmake --install: programs, data files, man page, examples"

# The installed peel-run reads the installed data files: a data file added
# there changes the rules' checksum, so the report is rebuilt.
expect_rc 0 "$P/bin/peel-run" -q "$MET" -o out
expect_rc 0 "$P/bin/peel-run" "$MET" -o out
grep -q "nothing to do" out.txt || fail "installed peel-run: rerun not nothing to do"
cp "$P/share/peelpack/rules.csv" "$P/share/peelpack/zz-local.csv"
expect_rc 0 "$P/bin/peel-run" "$MET" -o out
grep -q "nothing to do" out.txt && fail "the installed peel-run does not read the installed data folder"
ok "installed peel-run uses PREFIX/share/peelpack"

# A .deb with CPack.
if command -v cpack >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1; then
    (cd "$BUILD" && cpack -G DEB -B "$WORK/pkg" >"$WORK/cpack.log" 2>&1) || { cat cpack.log; fail "cpack"; }
    deb=$(ls pkg/*.deb | head -n 1)
    [ -n "$deb" ] || fail "no .deb"
    dpkg-deb -c "$deb" >contents.txt
    for f in ./usr/bin/peel-run ./usr/share/peelpack/rules.csv ./usr/share/man/man1/peel-run.1 \
        ./usr/share/doc/peelpack/examples/peelpack.timer; do
        grep -q " $f\$" contents.txt || { cat contents.txt; fail ".deb lacks $f"; }
    done
    deps=$(dpkg-deb -f "$deb" Depends)
    for d in fonts-dejavu-core libxlsxwriter libhpdf; do
        case "$deps" in *"$d"*) ;; *) fail ".deb does not depend on $d: $deps" ;; esac
    done
    ok ".deb: $(basename "$deb"), depends on $deps"
else
    echo "skip: cpack or dpkg-deb missing"
fi

# Scheduling files: units systemd accepts, a cron.d line.
if command -v systemd-analyze >/dev/null 2>&1; then
    mkdir units
    sed 's|^ExecStart=/usr/bin/peel-run|ExecStart=/bin/true|' "$SRC/pipeline/peelpack.service" \
        >units/peelpack.service
    cp "$SRC/pipeline/peelpack.timer" units/
    systemd-analyze verify --man=no units/peelpack.timer units/peelpack.service >verify.txt 2>&1 ||
        { cat verify.txt; fail "systemd-analyze verify"; }
    grep -v 'Failed to .* sd_bus\|No such file or directory\|Cannot add dependency' verify.txt |
        grep -q . && { cat verify.txt; fail "systemd-analyze verify warns"; }
    ok "systemd service and timer verify"
else
    echo "skip: systemd-analyze missing"
fi
grep -q '^ExecStart=/usr/bin/peel-run .* -o ' "$SRC/pipeline/peelpack.service" || fail "service: ExecStart"
grep -q '^OnCalendar=' "$SRC/pipeline/peelpack.timer" || fail "timer: OnCalendar"
line=$(grep -v '^#' "$SRC/pipeline/peelpack.cron" | grep -v '^[A-Z]*=' | grep .)
[ "$(printf '%s\n' "$line" | wc -l)" = 1 ] || fail "cron: not one job line"
set -f
set -- $line
set +f
[ "$#" -ge 7 ] && [ "$6" = peel ] && [ "$7" = peel-run ] || fail "cron: not a cron.d line (m h dom mon dow user command)"
ok "cron line"
