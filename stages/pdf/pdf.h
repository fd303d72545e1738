/* peel-pdf: per report, effectiveness.pdf, efficiency.pdf and legitimacy.pdf
 * next to data/: briefing packs for executives. */
#ifndef PEEL_PDF_H
#define PEEL_PDF_H

#include "peel_err.h"
#include "peel_rec.h"
#include "peel_warn.h"

/* The catalogues the packs are laid out by (workbook.csv's table and pack
 * lines, facts.csv's definitions), read once: peel-run loads them before
 * its workers fork, so that every report's packs share one copy. */
typedef struct peel_pdf_catalog peel_pdf_catalog;

/* Loads data_dir's catalogues into *out (owned by the caller, freed with
 * peel_pdf_catalog_free).  PEEL_ENOINPUT when a file is missing, PEEL_EDATA
 * naming file, line and field when a line is malformed. */
peel_status peel_pdf_catalog_new(const char *data_dir, peel_pdf_catalog **out, peel_err *err);
void peel_pdf_catalog_free(peel_pdf_catalog *c); /* NULL is fine */
/* Closes the fonts c keeps open from one run to the next (peel_pdf_run
 * opens them again when it next needs them): a worker of peel-run calls it
 * before it exits.  NULL is fine. */
void peel_pdf_catalog_close_fonts(peel_pdf_catalog *c);

typedef struct peel_pdf_opts {
    const char *report_dir; /* <out>/<force-slug>-<year>, holding data/ and reconciliation.csv */
    const char *font_path;  /* TrueType font; NULL: DejaVu Sans from fonts-dejavu-core */
    const char *bold_font_path; /* NULL: DejaVu Sans Bold */
    int quiet;                  /* for callers: the library itself never prints */
    const char *data_dir;       /* folder with workbook.csv (required: peel_data_dir) */
    /* Borrowed catalogues of data_dir, which keep the fonts open for the
     * next run; NULL: loaded from it for this run. */
    peel_pdf_catalog *catalog;
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
 * package fonts-dejavu-core), PEEL_ECANTCREAT when a pack cannot be
 * written (the subsets have no file: they are loaded from memory).  *res
 * (may be NULL: the warnings are then dropped) is filled either way. */
peel_status peel_pdf_run(const peel_pdf_opts *opts, peel_pdf_result *res, peel_err *err);

#endif
