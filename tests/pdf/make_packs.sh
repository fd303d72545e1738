#!/bin/sh
# Fixture for the pdf tests (lib/make_docs.sh): the real report with
# hand-made validation rejects and reconciliation checks, the fictional
# force with only checks (all passing; its rejects file is absent, as before
# validation has run), and the packs of both, dated from the reports.
#   make_packs.sh BIN_DIR MET_REPORT NORTHMOOR_REPORT FIXTURES OUT
unset SOURCE_DATE_EPOCH
exec sh "$(dirname "$0")/../lib/make_docs.sh" peel-pdf pdf "$@"
