/* peel-validate: every record of a report checked against its schema; what
 * fails goes to data/rejects.csv with a reason, never dropped silently.  Later
 * stages read the records through peel_records_load, which leaves the rejected
 * rows out. */
#ifndef PEEL_VALIDATE_H
#define PEEL_VALIDATE_H

#include "peel_err.h"
#include "peel_rec.h"

/* What the records may name (components.csv's components, the units of
 * facts.csv), read once: peel-run loads it before its workers fork, so that
 * every report's checks share one copy. */
typedef struct peel_validate_catalog peel_validate_catalog;

/* Loads data_dir's catalogue into *out (owned by the caller, freed with
 * peel_validate_catalog_free).  PEEL_EUSAGE without data_dir, PEEL_ENOINPUT
 * when components.csv is missing, PEEL_EDATA naming file and line when a
 * file is malformed. */
peel_status peel_validate_catalog_new(const char *data_dir, peel_validate_catalog **out,
                                      peel_err *err);
void peel_validate_catalog_free(peel_validate_catalog *c); /* NULL is fine */

typedef struct peel_validate_opts {
    const char *report_dir; /* <out>/<force-slug>-<year> holding data/ */
    const char *data_dir;   /* folder with components.csv (required: peel_data_dir) */
    /* Borrowed catalogue of data_dir; NULL: loaded from it for this run. */
    const peel_validate_catalog *catalog;
    int quiet; /* for callers: the library itself never prints */
    /* In and out, or NULL.  Records given (ingest's, peel_ingest_opts
     * .records) are what is checked, as their files hold them (the codec
     * writes the same text), so the files are not read back; an empty
     * peel_records (peel_records_init) is filled from the files.  On
     * return they are validated (`validated` set) unless a record file did
     * not parse or nothing could be checked: as peel_records_load would
     * read them, rejects added, the rows they name left out, the sidecars'
     * good rows added.  The caller releases them. */
    peel_records *records;
} peel_validate_opts;

typedef struct peel_validate_result {
    long records;          /* records checked */
    long rejects;          /* rows written to rejects.csv */
    long rejected_records; /* distinct records (file and line) those rows name */
    int incomplete;        /* the report is cut short: a pillar (or more) is missing */
    char missing[128];     /* the pillars missing, space-separated: no graded pillar row, or
                            * graded in the summary table with nothing else of it left */
    int truncated;         /* the report ends without its closing publication (ISBN) line:
                            * a reject row says it may be cut off; not an error */
} peel_validate_result;

/* Writes data/rejects.csv (atomically; header only when all is well):
 *   file,line,field,value,reason,source_line,message
 * one row per finding, every finding collected before returning.
 * Returns PEEL_OK even with rejects; PEEL_EDATA when the report is incomplete
 * (res->missing names what is missing; rejects.csv is still written) or a
 * record file does not parse (err names it; rejects.csv still written);
 * PEEL_ENOINPUT when the records or components.csv are not there (nothing
 * written); PEEL_ECANTCREAT when rejects.csv cannot be written; PEEL_EUSAGE
 * without a report folder. */
peel_status peel_validate_run(const peel_validate_opts *opts, peel_validate_result *res,
                              peel_err *err);

#endif
