/* peel-xlsx: per report, effectiveness.xlsx, efficiency.xlsx and
 * legitimacy.xlsx next to data/, for finance and HR teams. */
#ifndef PEEL_XLSX_H
#define PEEL_XLSX_H

#include "peel_err.h"
#include "peel_rec.h"

/* The layout catalogue the workbooks are made by (workbook.csv), read and
 * checked once: peel-run loads it before its workers fork, so that every
 * report's workbooks share one copy. */
typedef struct peel_xlsx_catalog peel_xlsx_catalog;

/* Loads data_dir's workbook.csv into *out (owned by the caller, freed with
 * peel_xlsx_catalog_free).  PEEL_ENOINPUT when it is missing, PEEL_EDATA
 * naming the line and field of anything malformed. */
peel_status peel_xlsx_catalog_new(const char *data_dir, peel_xlsx_catalog **out, peel_err *err);
void peel_xlsx_catalog_free(peel_xlsx_catalog *c); /* NULL is fine */

typedef struct peel_xlsx_opts {
    const char *report_dir; /* <out>/<force-slug>-<year>, holding data/ and reconciliation.csv */
    const char *data_dir;   /* folder with workbook.csv (required: peel_data_dir) */
    /* Borrowed catalogue of data_dir; NULL: loaded from it for this run. */
    const peel_xlsx_catalog *catalog;
    const char *tmpdir; /* folder for libxlsxwriter's scratch files; NULL: a tmpfs, else
                           report_dir (peel_xlsx_scratch) */
    int quiet;
    /* The report's records, validated and reconciled (peel_validate_opts
     * .records, peel_reconcile_opts.records); NULL: read from report_dir
     * (peel_records_load).  Borrowed. */
    const peel_records *records;
} peel_xlsx_opts;

/* Writes the three workbooks atomically (temporary + rename).  PEEL_ENOINPUT
 * when records are missing, PEEL_ECANTCREAT when a workbook cannot be written;
 * earlier workbooks are never left half-written. */
peel_status peel_xlsx_run(const peel_xlsx_opts *opts, peel_err *err);

/* The folders to try for libxlsxwriter's scratch files, best first, into
 * out (borrowed strings): `given` alone when not NULL; else a writable
 * tmpfs ($TMPDIR, /dev/shm, $XDG_RUNTIME_DIR, the first that is one), then
 * `fallback`.  A workbook whose scratch files cannot be made in one is
 * written again with the next, without a word.  Returns how many (1 or 2). */
size_t peel_xlsx_scratch(const char *given, const char *fallback, const char *out[2]);

/* peel-run's summary.xlsx of an output folder: one row per report (grades,
 * finding and check counts, links to its documents) and every table figure
 * side by side, from each report's records (read in turn, so memory stays
 * flat however many reports). */
/* What summary.xlsx takes of a report's records, read ahead of it
 * (peel_xlsx_overview_keep). */
typedef struct peel_xlsx_overview_kept peel_xlsx_overview_kept;

typedef struct peel_xlsx_overview_report {
    const char *slug;                    /* the report's folder under outdir */
    const char *status;                  /* "ok", "invalid" or "failed", as the manifest says */
    const peel_xlsx_overview_kept *kept; /* its folder's records read ahead, or NULL */
} peel_xlsx_overview_report;

/* Reads the records of report folder `dir` as summary.xlsx takes them (its
 * tables by catalog's layout), for a summary written later over that
 * folder's report; NULL when they cannot be read (the summary then reads
 * the folder itself).  Free with peel_xlsx_overview_kept_free. */
peel_xlsx_overview_kept *peel_xlsx_overview_keep(const peel_xlsx_catalog *catalog, const char *dir);
void peel_xlsx_overview_kept_free(peel_xlsx_overview_kept *k);

/* Writes <outdir>/summary.xlsx atomically over reps (sorted by slug), with
 * the layout and fact catalogue of data_dir (workbook.csv, facts.csv; the
 * layout is catalog's when catalog, loaded from data_dir, is not NULL);
 * libxlsxwriter's scratch files as peel_xlsx_scratch(tmpdir, outdir) says.
 * PEEL_ECANTCREAT when it cannot be written, the layout's errors when its
 * data files are wrong. */
peel_status peel_xlsx_overview_write(const char *outdir, const char *data_dir,
                                     const peel_xlsx_catalog *catalog, const char *tmpdir,
                                     const peel_xlsx_overview_report *reps, size_t n,
                                     peel_err *err);

#endif
