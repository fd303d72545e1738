/* A report's records as the later stages see them: the CSV files ingest wrote
 * in <report>/data/, with every row that validation rejected left out, plus
 * reconciliation.csv when it exists.  Used by reconcile, xlsx and pdf. */
#ifndef PEEL_REPORT_H
#define PEEL_REPORT_H

#include "peel_csv.h"
#include "peel_err.h"
#include "peel_vocab.h"

typedef struct peel_report {
    char dir[4096];    /* <out>/<report> */
    peel_csv_doc meta; /* key,value,source_line */
    peel_csv_doc judgments;
    peel_csv_doc tables;
    peel_csv_doc findings;
    peel_csv_doc figures;
    peel_csv_doc facts;
    peel_csv_doc summaries;
    peel_csv_doc rejects;        /* data/rejects.csv; empty when not yet validated */
    peel_csv_doc reconciliation; /* <report>/reconciliation.csv; empty when absent */
} peel_report;

/* Loads everything under report_dir.  Missing record files are an error
 * (PEEL_ENOINPUT, naming the file); missing rejects or reconciliation files
 * give empty documents.  Rows listed in rejects.csv (by file and line) are
 * dropped from the record documents. */
peel_status peel_report_load(peel_report *r, const char *report_dir, peel_err *err);
void peel_report_release(peel_report *r);

/* Value of a meta key, or "" when absent. */
const char *peel_report_meta(const peel_report *r, const char *key);

/* Loads one data file of a report, without the rows rejects lists. */
peel_status peel_data_load(const char *report_dir, const char *name, const peel_csv_doc *rejects,
                           peel_csv_doc *doc, peel_err *err);

#endif
