#!/bin/sh
# Sidecar CSVs among the inputs: each goes to every report whose force slug
# is its force column's (case and punctuation aside), into
# <report>/data/sidecars/ before validation, and reconciliation compares its
# figures; one matching no report, or unreadable, is a warning naming it.
. "$(dirname "$0")/lib.sh"

mkdir reports figures
cp "$NORTHMOOR" "$MET" reports/
sed 's|2018/19|2019/20|g' "$NORTHMOOR" >reports/northmoor-next-year.txt
# Sidecars in their own folder, the force written otherwise.
sed 's/^Northmoor Constabulary,/"NORTHMOOR constabulary.",/' "$FIXTURES/northmoor-fte-by-role.csv" \
    >figures/hr.csv
printf 'force,key,value,unit,period,source\r\nGreyford Police,reserves.balance,1,GBP,2019/20,x\r\n' \
    >figures/greyford.csv
printf 'force,key\r\n"unterminated\r\n' >figures/broken.csv
expect_rc 0 "$PEEL_RUN" reports figures -o out
for s in northmoor-constabulary-2018-19 northmoor-constabulary-2019-20; do
    cmp -s figures/hr.csv "out/$s/data/sidecars/hr.csv" || fail "$s: sidecar not copied"
    [ "$(ls "out/$s/data/sidecars")" = hr.csv ] || fail "$s: other sidecars copied"
done
[ ! -e out/metropolitan-police-service-2018-19/data/sidecars ] || fail "the Met got a Northmoor sidecar"
grep -q '^sidecar:sidecars/hr.csv:2,sidecar,' out/northmoor-constabulary-2018-19/reconciliation.csv ||
    fail "reconciliation did not compare the sidecar"
grep -q 'warning: sidecar figures/greyford.csv matches no report' err.txt || fail "unmatched sidecar not named"
grep -q 'warning: sidecar figures/broken.csv not used: ' err.txt || fail "unreadable sidecar not named"
[ "$(manifest_get out/manifest.csv northmoor-constabulary-2018-19 sidecars)" = \
    "hr.csv:$(wc -c <figures/hr.csv | tr -d ' '):$(python3 -c 'import sys,zlib;print("%08x"%zlib.crc32(open(sys.argv[1],"rb").read()))' figures/hr.csv)" ] ||
    fail "manifest: sidecar name, size and CRC-32"
ok "sidecars matched by force slug, copied, reconciled; strays named"
