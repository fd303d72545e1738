/* peel-validate: every record of a report checked against its schema; what
 * fails goes to data/rejects.csv with a reason, never dropped silently.  Later
 * stages read the records through peel_report_load, which leaves the rejected
 * rows out. */
#ifndef PEEL_VALIDATE_H
#define PEEL_VALIDATE_H

#include "peel_err.h"

typedef struct peel_validate_opts {
    const char *report_dir; /* <out>/<force-slug>-<year> holding data/ */
    const char *data_dir;   /* pipeline/ (components.csv); NULL for the built-in default */
    int quiet;
} peel_validate_opts;

typedef struct peel_validate_result {
    long records;    /* records checked */
    long rejects;    /* rows written to rejects.csv */
    int incomplete;  /* a pillar (or more) has no grade: the report is cut short */
    char missing[128]; /* the pillars missing, space-separated */
} peel_validate_result;

/* Writes data/rejects.csv (atomically; header only when all is well).
 * Returns PEEL_OK even with rejects; PEEL_EDATA when the report is incomplete
 * (res->missing names what is missing; rejects.csv is still written);
 * PEEL_ENOINPUT when the records are not there. */
peel_status peel_validate_run(const peel_validate_opts *opts, peel_validate_result *res,
                              peel_err *err);

#endif
