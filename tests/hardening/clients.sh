#!/bin/sh
# The real clients on what peel-run itself writes (the xlsx and pdf tests
# check the stages over hand-made validation and reconciliation files): the
# real report, the fictional force with its finance sidecars, and a report
# cut off after its first pillar.  Workbooks are recalculated in LibreOffice
# headless against their cached results (lo_check.py) and checked part by
# part (check_parts.py); the packs go through qpdf --check, pdffonts,
# pdfinfo and pdftotext (check_packs.py for the complete reports; the same
# tools directly for the cut-off one, whose packs must still be valid).
#   clients.sh BIN SRC WORK SOFFICE
. "$(dirname "$0")/lib.sh"
SOFFICE=$4

mkdir in
cp "$MET" "$NORTHMOOR" "$FIXTURES"/northmoor-*.csv in/
head -n 300 "$MET" | sed 's/Metropolitan Police Service/Cutoff Constabulary/g' >in/cutoff.txt
run_rc got "$PEEL_RUN" -q in -o out
no_crash "$got"
[ "$got" = 65 ] || { cat err.txt; fail "exit $got, wanted 65 (the cut-off report)"; }
CUT=cutoff-constabulary-2018-19

python3 "$SRC/tests/xlsx/lo_check.py" "$SOFFICE" out "$SRC/pipeline" lo || fail "LibreOffice check"
python3 "$SRC/tests/xlsx/check_parts.py" out "$SRC/pipeline" || fail "workbook parts"

mkdir packs
for d in out/*/; do
    s=$(basename "$d")
    [ "$s" = "$CUT" ] || ln -s "$WORK/out/$s" "packs/$s"
done
python3 "$SRC/tests/pdf/check_packs.py" packs || fail "packs of the complete reports"

for p in effectiveness efficiency legitimacy; do
    pdf=out/$CUT/$p.pdf
    qpdf --check "$pdf" >/dev/null || fail "qpdf --check $pdf"
    pdffonts "$pdf" | grep -q 'DejaVuSans,.* yes' || fail "$pdf: DejaVu Sans not embedded"
    pdfinfo "$pdf" | grep -q "^Title:.*Cutoff Constabulary" || fail "$pdf: title"
    pdftotext -enc UTF-8 "$pdf" - 2>/dev/null | grep -q "Cutoff Constabulary" || fail "$pdf: text"
done

# summary.xlsx: LibreOffice opens it and no cell is an error.
mkdir sum
"$SOFFICE" --headless --norestore "-env:UserInstallation=file://$WORK/sum-profile" \
    --convert-to csv --outdir sum out/summary.xlsx >/dev/null 2>&1 || fail "LibreOffice cannot open summary.xlsx"
[ -s sum/summary.csv ] || fail "LibreOffice gave no CSV of summary.xlsx"
! grep -E -q '(#DIV/0!|#NAME\?|#REF!|#VALUE!|#N/A|Err:[0-9]+)' sum/summary.csv || fail "summary.xlsx: error cells"
grep -q "^Cutoff Constabulary,2018/19,invalid," sum/summary.csv || fail "summary.xlsx does not list the cut-off report"
ok "LibreOffice, qpdf, pdffonts, pdfinfo, pdftotext on peel-run's own documents"
