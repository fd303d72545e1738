/* peel-reconcile: every figure checked against the others it must agree with;
 * one row per check in <report>/reconciliation.csv. */
#ifndef PEEL_RECONCILE_H
#define PEEL_RECONCILE_H

#include "peel_err.h"
#include "peel_rec.h"

typedef struct peel_reconcile_opts {
    const char *report_dir;  /* <out>/<force-slug>-<year> */
    const char *rules_path;  /* the shipped catalogue; NULL: <data_dir>/rules.csv */
    const char *extra_rules; /* a user's extra rules (--rules FILE), or NULL */
    const char *data_dir;    /* folder with rules.csv (required unless rules_path: peel_data_dir) */
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
