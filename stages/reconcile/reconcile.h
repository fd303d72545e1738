/* peel-reconcile: every figure checked against the others it must agree with;
 * one row per check in <report>/reconciliation.csv. */
#ifndef PEEL_RECONCILE_H
#define PEEL_RECONCILE_H

#include "peel_err.h"
#include "peel_rec.h"

/* What every report is checked by: the rules (data_dir's rules.csv, then a
 * user's --rules file) parsed, and workbook.csv's table lines (what the
 * table columns are, peel_table.h), read once: peel-run loads them before
 * its workers fork, so that every report shares one copy. */
typedef struct peel_reconcile_catalog peel_reconcile_catalog;

/* Loads data_dir's catalogue and extra_rules (NULL: none) into *out (owned
 * by the caller, freed with peel_reconcile_catalog_free).  PEEL_EUSAGE
 * without data_dir, PEEL_ENOINPUT when a file is missing, PEEL_EDATA naming
 * the file, line and field of a malformed rule or line. */
peel_status peel_reconcile_catalog_new(const char *data_dir, const char *extra_rules,
                                       peel_reconcile_catalog **out, peel_err *err);
void peel_reconcile_catalog_free(peel_reconcile_catalog *c); /* NULL is fine */

typedef struct peel_reconcile_opts {
    const char *report_dir;  /* <out>/<force-slug>-<year> */
    const char *rules_path;  /* the shipped catalogue; NULL: <data_dir>/rules.csv */
    const char *extra_rules; /* a user's extra rules (--rules FILE), or NULL */
    const char *data_dir;    /* folder with rules.csv (required unless rules_path: peel_data_dir) */
    /* Borrowed; NULL: loaded for this run from rules_path, extra_rules and
     * data_dir, which are not read when it is given. */
    const peel_reconcile_catalog *catalog;
    int quiet;
    /* In and out, or NULL: the report's validated records
     * (peel_validate_opts.records), which get the checks (any earlier ones
     * replaced); NULL: read from report_dir (peel_records_load).  Borrowed. */
    peel_records *records;
} peel_reconcile_opts;

typedef struct peel_reconcile_result {
    long pass, warn, fail, skip;
} peel_reconcile_result;

/* Writes reconciliation.csv atomically.  A malformed rule is PEEL_EDATA naming
 * the rules file and line.  FAILs are not an error here: the caller decides
 * (--strict). */
peel_status peel_reconcile_run(const peel_reconcile_opts *opts, peel_reconcile_result *res,
                               peel_err *err);

/* Reads the shipped catalogue of data_dir and extra_rules (may be NULL)
 * only to check them, as peel_reconcile_run would.  peel-run does it once
 * before any report, so that a bad rules file stops the run with one
 * message rather than failing every report with the same one.  PEEL_EDATA
 * naming the file, line and field. */
peel_status peel_reconcile_rules_check(const char *data_dir, const char *extra_rules,
                                       peel_err *err);

#endif
