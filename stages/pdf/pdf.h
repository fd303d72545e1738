/* peel-pdf: per report, effectiveness.pdf, efficiency.pdf and legitimacy.pdf
 * next to data/: briefing packs for executives. */
#ifndef PEEL_PDF_H
#define PEEL_PDF_H

#include "peel_err.h"

typedef struct peel_pdf_opts {
    const char *report_dir; /* <out>/<force-slug>-<year>, holding data/ and reconciliation.csv */
    const char *font_path;  /* TrueType font; NULL: DejaVu Sans from fonts-dejavu-core */
    const char *bold_font_path; /* NULL: DejaVu Sans Bold */
    int quiet;
    const char *data_dir; /* folder with workbook.csv (required: peel_data_dir) */
} peel_pdf_opts;

typedef struct peel_pdf_result {
    long warnings; /* characters the packs print that a font lacks */
} peel_pdf_result;

/* Writes the three packs atomically (temporary + rename), each with subsets
 * of the fonts holding only its characters.  PEEL_ENOINPUT when records or
 * the font are missing (the message names the font path and the Debian
 * package fonts-dejavu-core), PEEL_ECANTCREAT when a pack or a subset's
 * temporary cannot be written.  *res (may be NULL) is filled either way. */
peel_status peel_pdf_run(const peel_pdf_opts *opts, peel_pdf_result *res, peel_err *err);

#endif
