/* peel-pdf: per report, effectiveness.pdf, efficiency.pdf and legitimacy.pdf
 * next to data/: briefing packs for executives. */
#ifndef PEEL_PDF_H
#define PEEL_PDF_H

#include "peel_err.h"
#include "peel_rec.h"
#include "peel_warn.h"

typedef struct peel_pdf_opts {
    const char *report_dir; /* <out>/<force-slug>-<year>, holding data/ and reconciliation.csv */
    const char *font_path;  /* TrueType font; NULL: DejaVu Sans from fonts-dejavu-core */
    const char *bold_font_path; /* NULL: DejaVu Sans Bold */
    int quiet;                  /* for callers: the library itself never prints */
    const char *data_dir;       /* folder with workbook.csv (required: peel_data_dir) */
    /* The report's records, validated and reconciled (peel_validate_opts
     * .records, peel_reconcile_opts.records); NULL: read from report_dir
     * (peel_records_load).  Borrowed. */
    const peel_records *records;
} peel_pdf_opts;

typedef struct peel_pdf_result {
    /* Characters the packs print that a font lacks, each with the record
     * file and field; the caller's to release (peel_warnings_release). */
    peel_warnings warnings;
} peel_pdf_result;

/* Writes the three packs atomically (temporary + rename), each with subsets
 * of the fonts holding only its characters.  PEEL_ENOINPUT when records or
 * the font are missing (the message names the font path and the Debian
 * package fonts-dejavu-core), PEEL_ECANTCREAT when a pack or a subset's
 * temporary cannot be written.  *res (may be NULL: the warnings are then
 * dropped) is filled either way. */
peel_status peel_pdf_run(const peel_pdf_opts *opts, peel_pdf_result *res, peel_err *err);

#endif
