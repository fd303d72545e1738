/* peel_run_batch in parts, run in this order by batch.c:
 *   batch.c     events, setup (the data's checksum, the program's identity,
 *               what a killed run left), the run itself
 *   identify.c  which report each input is: the manifest says, or a probe
 *               ingests it into the staging folder
 *   plan.c      sidecars matched to reports by force; what to build
 *   build.c     the builds in workers, and what each result means
 *   record.c    manifest.csv and summary.xlsx */
#ifndef PEEL_RUN_BATCH_H
#define PEEL_RUN_BATCH_H

#include <stddef.h>
#include <time.h>

#include "rn.h"

typedef struct rn_report {
    rn_input *in;      /* borrowed */
    peel_vec sidecars; /* borrowed rn_sidecar* */
    char *sidecar_key; /* owned: "name:size:crc ..." */
    rn_row *old;       /* borrowed from the old manifest, or NULL */
    int build;         /* to build in this run */
    rn_kept res;
    char *outputs; /* owned: after the build */
    int built;
} rn_report;

typedef struct rn_batch {
    const peel_run_opts *o;
    peel_run_result *res;
    char outdir[4096];
    char data_dir[4096];
    char stage_root[4200];
    char rules_crc[16];
    char program[96];
    peel_vec inputs;    /* rn_input* */
    peel_vec sidecars;  /* rn_sidecar* */
    peel_vec missing;   /* owned operand strings */
    peel_vec old;       /* rn_row* from the old manifest */
    rn_report *reports; /* by slug */
    size_t nreport;
    size_t nrefused;   /* inputs that never became a report (unreadable, a duplicate) */
    rn_input **probes; /* inputs being probed */
    rn_syncer *syncer; /* while they are: the syncs of what they built */
    peel_vec to_keep;  /* rn_input* a probe built, not yet read for summary.xlsx (borrowed) */
    size_t nkept;      /* inputs whose records were read ahead for summary.xlsx */
    size_t nprobe;
    rn_catalogs catalogs; /* owned; ingest's NULL until a report is to be ingested, the
                             others until reports are built */
    rn_report **builds;   /* reports being built */
    size_t nbuild, ndone; /* what events count: probes, then builds */
    struct timespec t0;
    double count_t0; /* seconds into the run when the count began */
    int cant_write, any_missing, any_bad;
    int wrote; /* a file of the output folder was written */
} rn_batch;

/* ---- events (batch.c; the last two identify.c) ---- */

void rn_emit(rn_batch *b, peel_run_event *ev);
/* Events count n jobs from now (the probes, then the builds; 0: none). */
void rn_count_start(rn_batch *b, size_t n);
/* A tick event (rn_pool_ops.tick; b is the rn_batch). */
void rn_tick(void *b);
void rn_say(rn_batch *b, peel_run_event_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* With --verbose, the stages' warnings a worker sent after its outputs line
 * (rn_job_report). */
void rn_stage_warnings(rn_batch *b, const char *extra, const char *slug, const char *input);
/* A line a worker wrote on its standard error (rn_pool_ops.said), as a
 * warning or an error naming `who` (the report, or the input a probe
 * reads): libxlsxwriter's "[WARNING]: ..." a warning, anything else (its
 * "[ERROR]...", "peelpack: out of memory", a sanitizer) an error. */
void rn_worker_said(rn_batch *b, const char *who, const char *slug, const char *input,
                    const char *line);
/* A result that says only that the run was stopped (a job not run, or a
 * worker we stopped): not worth a line each, the run says it was stopped. */
int rn_stopped_by_us(const rn_kept *res);

/* ---- helpers (batch.c; rn_old_row and rn_preload_catalog identify.c,
 * rn_row_built and rn_row_intact plan.c, rn_status_word build.c) ---- */

int rn_cpu_count(void);
/* Removes stray temporaries in a report folder, its data/ and
 * data/sidecars/; returns how many. */
int rn_sweep_report(const char *dir);
/* The old manifest's row of that kind and report, or NULL. */
rn_row *rn_old_row(const rn_batch *b, const char *kind, const char *slug);
/* The row says its report was built (ok or invalid). */
int rn_row_built(const rn_row *r);
/* The row's outputs all stand in its report's folder, and it names every
 * file there (rn_outputs_intact, whole); checked once, then remembered. */
int rn_row_intact(const rn_batch *b, rn_row *r);
/* Ingest's catalogues, loaded before workers fork (the later stages' too
 * when `documents`); rn_catalogs_release frees them all. */
void rn_preload_catalog(rn_batch *b, int documents);
void rn_catalogs_release(rn_catalogs *c);
/* A worker's rn_pool_ops.leaving (build and probe workers, whose ctx is
 * the batch): closes the fonts the pdf stage kept open between reports. */
void rn_worker_leaving(void *batch);
const char *rn_status_word(const rn_kept *res); /* ok, invalid, failed */

/* ---- the parts ---- */

void rn_resolve(rn_batch *b);        /* identify.c */
void rn_match_sidecars(rn_batch *b); /* plan.c */
void rn_plan(rn_batch *b);           /* plan.c */
void rn_build(rn_batch *b);          /* build.c */
void rn_write_outputs(rn_batch *b);  /* record.c */

#endif
