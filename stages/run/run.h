/* peel-run: the whole pipeline (ingest, validate, reconcile, xlsx, pdf) over
 * many reports, for a scheduler (DESIGN.md, "Batch behaviour").
 *
 * Each report goes to its own <out>/<force-slug>-<year>/ folder, in a worker
 * process of its own (at most `jobs` at a time), so a report that crashes a
 * stage cannot take the others with it.  <out>/manifest.csv records what was
 * built from what; a rerun skips every report whose input, sidecars, rules
 * and program are unchanged and whose outputs are intact.  <out>/summary.xlsx
 * sets all the output folder's reports side by side.  A lock file keeps a
 * second run out of the folder.
 *
 * The library never prints: what happens goes to opts->log as events, and
 * the program (main.c, console.c) decides how to show them. */
#ifndef PEEL_RUN_H
#define PEEL_RUN_H

#include <stddef.h>

#include "peel_err.h"

enum { PEEL_RUN_NSTAGE = 5 }; /* ingest, validate, reconcile, xlsx, pdf */
extern const char *const PEEL_RUN_STAGES[PEEL_RUN_NSTAGE];

typedef enum peel_run_event_kind {
    PEEL_RUN_EV_WARNING, /* msg: something the user should know; the run goes on */
    PEEL_RUN_EV_ERROR,   /* msg: an input or report failed; the run goes on */
    PEEL_RUN_EV_PHASE,   /* msg: what the run does now ("reading 12 reports") */
    PEEL_RUN_EV_START,   /* report `slug` (or, first read, input) starts: see done/total */
    PEEL_RUN_EV_DONE,    /* report `slug` finished: status, counts and timings */
    PEEL_RUN_EV_TICK     /* nothing new: a chance to redraw a progress bar */
} peel_run_event_kind;

typedef struct peel_run_event {
    peel_run_event_kind kind;
    const char *msg;       /* WARNING, ERROR, PHASE */
    const char *slug;      /* START, DONE; may be NULL with ERROR */
    const char *input;     /* the report file; START, DONE, ERROR (may be NULL) */
    const char *status;    /* DONE: "ok", "invalid" (documents built, report incomplete or
                            * failing --strict) or "failed" (earlier documents kept) */
    const double *seconds; /* DONE: PEEL_RUN_NSTAGE stage timings; -1 for a stage not run */
    long warnings, rejects, pass, warn, fail, skip; /* DONE: ingest warnings, rejected
                                                     * rows, reconciliation counts */
    size_t done, total; /* inputs read and built, then reports committed or built, and how many */
    double elapsed;     /* seconds since the run started */
    double counted;     /* seconds since done and total began to count */
} peel_run_event;

typedef void (*peel_run_log_fn)(void *ctx, const peel_run_event *ev);

typedef struct peel_run_opts {
    const char *const *inputs; /* report files (.md, .txt), sidecar CSVs, folders of them */
    size_t ninput;
    const char *outdir;      /* output root (created when missing) */
    const char *data_dir;    /* the data files (required: peel_data_dir), given to every stage */
    const char *extra_rules; /* --rules FILE, or NULL */
    int jobs;                /* reports built at once; 0: the number of cores */
    int strict;              /* a reconciliation FAIL makes the report invalid */
    int force;               /* rebuild every report */
    int verbose;             /* let the stages print their own warnings */
    peel_run_log_fn log;     /* may be NULL */
    void *log_ctx;
} peel_run_opts;

typedef struct peel_run_result {
    size_t reports;    /* distinct reports among the inputs */
    size_t built;      /* built in this run, valid (failed and invalid ones are `failed`) */
    size_t unchanged;  /* skipped: nothing changed */
    size_t failed;     /* inputs or reports that failed or are invalid */
    int nothing_to_do; /* no file was written */
    int summary_written;
    int manifest_written;
    peel_status exit; /* the run's exit code: 0, 65, 66 or 73 */
} peel_run_result;

/* Runs the batch.  Returns PEEL_OK when the run went through, whatever
 * happened to single reports (res->exit says that: 73 when something could
 * not be written, else 66 when a named input is missing, else 65 when a
 * report failed or is invalid, else 0).  Returns an error without running
 * when the run cannot start: PEEL_ELOCKED (another run holds the output
 * folder; err names its pid), PEEL_ECANTCREAT (output folder), PEEL_ENOINPUT
 * (--rules file or data files missing), PEEL_EUSAGE. */
peel_status peel_run_batch(const peel_run_opts *opts, peel_run_result *res, peel_err *err);

/* A stop requested with peel_stop_request (peel_stop.h; from a signal
 * handler) stops a running peel_run_batch: reading inputs ends at the next
 * chunk, no new report is started, running workers get SIGTERM and the
 * temporaries they leave are removed, the staging folder is removed, no
 * manifest or summary is written, and the lock is released. */

#endif
