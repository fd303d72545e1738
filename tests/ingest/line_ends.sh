#!/bin/sh
# The same report with a BOM and CRLF line ends gives the same records as
# with plain LF; only the file's own size and checksum differ in meta.csv.
set -eu
bin=$1 input=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/lf" "$work/crlf" "$work/in"
cp "$input" "$work/in/report.txt"
{ printf '\357\273\277'; sed 's/$/\r/' "$input"; } > "$work/in/report-crlf.txt"
"$bin/peel-ingest" -q "$work/in/report.txt" -o "$work/lf"
"$bin/peel-ingest" -q "$work/in/report-crlf.txt" -o "$work/crlf"
status=0
for f in "$work"/lf/*/data/*.csv; do
    name=$(basename "$f")
    other=$(echo "$work"/crlf/*/data/"$name")
    if [ "$name" = meta.csv ]; then
        grep -v -E '^(file|size|crc32),' "$f" > "$work/a"
        grep -v -E '^(file|size|crc32),' "$other" > "$work/b"
        cmp -s "$work/a" "$work/b" || { echo "meta differs"; diff "$work/a" "$work/b"; status=1; }
    else
        cmp -s "$f" "$other" || { echo "$name differs"; diff "$f" "$other" | head; status=1; }
    fi
done
[ $status = 0 ] && echo "LF and BOM+CRLF give identical records"
exit $status
