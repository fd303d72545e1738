/* peel-ingest: a PEEL report becomes typed records under
 * <out>/<force-slug>-<year>/data/ (DESIGN.md, "Records"). */
#ifndef PEEL_INGEST_H
#define PEEL_INGEST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "peel_err.h"
#include "peel_rec.h"
#include "peel_warn.h"

/* The catalogues ingest reads (components.csv, and facts.csv with its
 * patterns compiled), loaded once for callers that ingest many reports:
 * loading them is about a third of ingesting one report.  Opaque. */
typedef struct peel_ingest_catalog peel_ingest_catalog;

/* Loads the catalogues of data_dir into *out (owned by the caller, freed
 * with peel_ingest_catalog_free).  Errors name the file and line. */
peel_status peel_ingest_catalog_new(const char *data_dir, peel_ingest_catalog **out, peel_err *err);
void peel_ingest_catalog_free(peel_ingest_catalog *c);

typedef struct peel_ingest_opts {
    const char *input;    /* report file */
    const char *outdir;   /* output root; the report's folder goes under it */
    const char *data_dir; /* folder with components.csv and facts.csv (required
                           * unless catalog is given: peel_data_dir) */
    /* Borrowed catalogues; NULL: loaded from data_dir for this run. */
    const peel_ingest_catalog *catalog;
    /* The report's folder itself, when not NULL: named by the caller rather
     * than <outdir>/<slug> (peel-run's staging, which learns the slug from
     * ingest, so makes no folder of its own around it). */
    const char *report_dir;
    size_t max_bytes; /* largest report accepted (0: the default) */
    size_t max_line;  /* longest line accepted (0: the default) */
    int quiet;        /* for callers: the library itself never prints */
    /* When not NULL, receives the records written (the caller releases
     * them, peel_records_release), so that later stages need not read them
     * back; left empty on error. */
    peel_records *records;
} peel_ingest_opts;

#define PEEL_INGEST_MAX_BYTES ((size_t)32 << 20)
#define PEEL_INGEST_MAX_LINE ((size_t)64 << 10)

typedef struct peel_ingest_result {
    char slug[256];        /* <force-slug>-<year> */
    char force[160];       /* <force-slug> */
    char report_dir[4096]; /* <out>/<slug>, or opts->report_dir */
    long lines;            /* input lines */
    long long size;        /* bytes read */
    uint32_t crc32;        /* of those bytes */
    /* Unrecognised lines and other warnings, each with its input line;
     * filled even on error, and the caller's to release
     * (peel_warnings_release). */
    peel_warnings warnings;
} peel_ingest_result;

/* Reads opts->input and writes the records.  Returns PEEL_OK, or an error
 * naming the input file and line (PEEL_EDATA for a bad report,
 * PEEL_ENOINPUT when unreadable, PEEL_ECANTCREAT when outputs cannot be
 * written).  No record file is replaced unless all of them were written. */
peel_status peel_ingest_run(const peel_ingest_opts *opts, peel_ingest_result *res, peel_err *err);

/* Sentence mode: the named facts of each row of a CSV file with a `sentence`
 * column (and an optional `id`), written to `out` as facts.csv rows with the
 * row's id first (the CSV line when it has none).  Each row is read as one
 * paragraph of a report.  The catalogue is loaded from data_dir (resolved by
 * the caller, peel_data_dir) unless one is given.  Errors name the file and
 * line. */
peel_status peel_ingest_sentences(const char *path, const char *data_dir,
                                  const peel_ingest_catalog *catalog, FILE *out, peel_err *err);

#endif
