#!/bin/sh
# Reproducible: -j 1 and -j 4 give byte-identical documents, records and
# summary.xlsx, and the same manifest but for its timings; so do runs at
# another time, and SOURCE_DATE_EPOCH fixes the documents' dates.
. "$(dirname "$0")/lib.sh"

make_reports in 6
make_reports in 2 2019/20
cp "$NORTHMOOR" "$FIXTURES"/northmoor-*.csv in/
expect_rc 0 "$PEEL_RUN" -q -j 1 in -o j1
clock_tick # another (even) second on the clock: a date from it would differ
expect_rc 0 "$PEEL_RUN" -q -j 4 in -o j4
tree_sums j1 >j1.sums
tree_sums j4 >j4.sums
[ "$(wc -l <j1.sums)" -gt 100 ] || fail "too few files to compare"
cmp -s j1.sums j4.sums || { diff j1.sums j4.sums | head; fail "-j 1 and -j 4 differ"; }
manifest_stable j1/manifest.csv >j1.manifest
manifest_stable j4/manifest.csv >j4.manifest
cmp -s j1.manifest j4.manifest || { diff j1.manifest j4.manifest | head; fail "manifests differ"; }
ok "-j 1 and -j 4: $(wc -l <j1.sums) files byte-identical, manifests equal but for timings"

# Rebuilt later in the same folder: the same bytes.
expect_rc 0 "$PEEL_RUN" -q -j 3 --force in -o j1
tree_sums j1 | cmp -s - j1.sums || fail "a rebuild later gave other bytes"
ok "a rebuild at another time gives the same bytes"

# SOURCE_DATE_EPOCH sets the documents' dates; the same value, the same bytes.
SOURCE_DATE_EPOCH=1600000000 "$PEEL_RUN" -q -j 2 in -o sde1 || fail "SOURCE_DATE_EPOCH run"
SOURCE_DATE_EPOCH=1600000000 "$PEEL_RUN" -q -j 4 in -o sde2 || fail "SOURCE_DATE_EPOCH run"
tree_sums sde1 | cmp -s - j1.sums && fail "SOURCE_DATE_EPOCH changed no document"
tree_sums sde1 >sde1.sums
tree_sums sde2 | cmp -s - sde1.sums || fail "SOURCE_DATE_EPOCH runs differ"
python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' sde1/summary.xlsx docProps/core.xml | grep -q '2020-09-13T12:26:40Z' ||
    fail "summary.xlsx does not carry SOURCE_DATE_EPOCH"
ok "SOURCE_DATE_EPOCH: the documents carry it, byte-identical across runs"
