#!/bin/sh
# Fixture for the xlsx tests (lib/make_docs.sh): the real report with
# hand-made validation rejects and reconciliation checks (the stages that
# write them are separate), the fictional one without (its workbooks must
# still be complete), and the workbooks of both.
#   make_reports.sh BIN_DIR MET_REPORT NORTHMOOR_REPORT FIXTURES OUT
exec sh "$(dirname "$0")/../lib/make_docs.sh" peel-xlsx xlsx "$@"
