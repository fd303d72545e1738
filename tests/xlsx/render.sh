#!/bin/sh
# For people, not ctest: renders workbooks the way a printed copy looks, to
# check the layout by eye.  Each WORKBOOK.xlsx becomes OUTDIR/<name>.pdf and
# OUTDIR/<name>-<page>.png (pdftoppm, DPI 80 unless set).
#   render.sh OUTDIR WORKBOOK.xlsx...
set -eu
out=$1
shift
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation="file://$profile" --headless --norestore --nolockcheck \
    --convert-to pdf --outdir "$out" "$@" >/dev/null 2>&1
for x in "$@"; do
    name=$(basename "$x" .xlsx)
    pdftoppm -png -r "${DPI:-80}" "$out/$name.pdf" "$out/$name"
    echo "$out/$name.pdf: $(ls "$out/$name"-*.png | wc -l) pages"
done
