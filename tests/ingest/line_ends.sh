#!/bin/sh
# The same report with other line ends gives the same records as with plain
# LF; only the file's own size and checksum differ in meta.csv.  VARIANT:
#   crlf  a BOM and CRLF line ends (the default)
#   cr    CR alone (old Mac OS text), which was read as one long line
set -eu
bin=$1 input=$2 variant=${3:-crlf}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/lf" "$work/other" "$work/in"
cp "$input" "$work/in/report.txt"
case $variant in
crlf) { printf '\357\273\277'; sed 's/$/\r/' "$input"; } > "$work/in/report-other.txt" ;;
cr) tr '\n' '\r' < "$input" > "$work/in/report-other.txt" ;;
*) echo "unknown variant $variant" >&2; exit 2 ;;
esac
"$bin/peel-ingest" -q "$work/in/report.txt" -o "$work/lf"
"$bin/peel-ingest" "$work/in/report-other.txt" -o "$work/other" 2> "$work/stderr"
status=0
if [ "$variant" = cr ] && ! grep -q "report-other.txt:1: warning: the line ends are CR alone" "$work/stderr"; then
    echo "CR line ends not named"; cat "$work/stderr"; status=1
fi
for f in "$work"/lf/*/data/*.csv; do
    name=$(basename "$f")
    other=$(echo "$work"/other/*/data/"$name")
    if [ "$name" = meta.csv ]; then
        grep -v -E '^(file|size|crc32),' "$f" > "$work/a"
        grep -v -E '^(file|size|crc32),' "$other" > "$work/b"
        cmp -s "$work/a" "$work/b" || { echo "meta differs"; diff "$work/a" "$work/b"; status=1; }
    else
        cmp -s "$f" "$other" || { echo "$name differs"; diff "$f" "$other" | head; status=1; }
    fi
done
[ $status = 0 ] && echo "LF and $variant line ends give identical records"
exit $status
